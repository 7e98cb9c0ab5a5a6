/*
 * ocr_lang.h -- the language packs Tesseract reads a scan with: the packs
 * installed, a spec given by a user (Tesseract's codes, "deu+eng", or a
 * name fond knows, "français"), and the pack for a script that Tesseract's
 * script detection (OSD, `--psm 0`) names.  extract_ocr.c chooses with
 * these; fond_db_set_extract() and fond-index check a spec with them.
 *
 * A spec is Tesseract's: pack names joined by '+' ("por", "deu+eng",
 * "chi_sim", "script/Cyrillic"); the empty spec is "choose for each
 * source" (docs/sources.md, "Languages: OCR").
 */
#ifndef FOND_OCR_LANG_H
#define FOND_OCR_LANG_H

#include <stddef.h>
#include "fond.h"

/* Room for a spec: a few packs. */
#define OCR_LANG_SIZE 128
/* Room for the packs installed (Debian has about 130, 3 to 20 bytes). */
#define OCR_LANG_PACKS_SIZE 4096

/*
 * The packs `tesseract --list-langs` lists, joined by '+', into
 * out[0, size).  FOND_ERR_EXTRACT, the reason in err, when Tesseract cannot
 * be run or lists none.
 */
fond_status_t ocr_lang_installed(char *out, size_t size, char *err,
                                 size_t errsize);

/* Parse `tesseract --list-langs` output (its first line a heading) into
 * out as above; the number of packs. */
size_t ocr_lang_parse_list(const char *list, size_t len, char *out,
                           size_t size);

/* Whether `pack` is one of packs ('+'-separated). */
int ocr_lang_has(const char *packs, const char *pack);

/*
 * The spec `spec` stands for, into out[0, size): each '+'-separated part a
 * name fond knows (language.h: "French", "fr", "fre", "français" -> "fra")
 * or else Tesseract's own name of a pack, kept as it is; "" for NULL, ""
 * or "auto".  Each pack must be one of `packs` (NULL: not checked); else
 * FOND_ERR_ARG, the message in err naming the missing pack and the Debian
 * package that brings it.
 */
fond_status_t ocr_lang_resolve(const char *spec, const char *packs, char *out,
                               size_t size, char *err, size_t errsize);

/* The script Tesseract's OSD output names ("Script: Cyrillic") into
 * out[0, size); 0 when it names none. */
int ocr_lang_osd_script(const char *osd, size_t len, char *out, size_t size);

/* The pack to read a script in, into out[0, size): the first of those
 * that read it (rus for Cyrillic, ell for Greek, ara for Arabic, ...) that
 * is among packs, else Debian's pack for the script ("script/Cyrillic");
 * 0 for Latin (the first pass's script) or when none is installed. */
int ocr_lang_for_script(const char *script, const char *packs, char *out,
                        size_t size);

/* The packs among `packs` of the languages fond stems that are written in
 * Latin letters, but `except`, joined by '+' into out[0, size), at most
 * `max` of them, in language.h's order (Turkish, French, German, Spanish,
 * Portuguese, Italian, ...); their number. */
size_t ocr_lang_latin_packs(const char *packs, const char *except, size_t max,
                            char *out, size_t size);

#endif
