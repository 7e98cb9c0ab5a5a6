/*
 * langid.h -- which language a text is in (the languages fond knows are
 * language.h's table).
 *
 * Identification is libexttextcat's (n-gram profiles, Cavnar and Trenkle
 * 1994) over the fingerprints Debian installs in /usr/share/libexttextcat:
 * the languages fond stems are candidates, and so are their neighbours and
 * the big scripts, so that a text in a language without a stemmer is not
 * forced into the nearest one that has one.
 */
#ifndef FOND_LANGID_H
#define FOND_LANGID_H

#include <stddef.h>
#include "fond.h"

/* Texts shorter than this many characters (letters, and one space for
 * each run of anything else) are not identified.  bench/langid's samples
 * in nine languages, 300 windows a length: at 80 characters 95.9% right,
 * 0.7% wrong, 3.4% undecided; at 60, 1.2% wrong; at 40, 3.0%.  80 is the
 * shortest length at which fewer than 1 in 100 is given a wrong stemmer
 * (docs/sources.md, "Languages"). */
#define LANGID_MIN_CHARS 80

/* How much of a text is looked at: the first this many bytes. */
#define LANGID_MAX_BYTES 8192

typedef struct langid langid_t;

/*
 * Load the fingerprints of libexttextcat's configuration `conf`, all of
 * them (file names in it are relative to its folder); NULL: those of the
 * Debian one, /usr/share/libexttextcat/fpdb.conf, for the languages fond
 * stems and their neighbours (langid.c says which).  Free with
 * langid_free().  FOND_ERR_IO, with a reason in err, if it cannot be read.
 */
fond_status_t langid_new(langid_t **out, const char *conf, char *err,
                         size_t errsize);
void langid_free(langid_t *id);

/*
 * The Snowball stemmer ("french") for the language text[0, len) (valid
 * UTF-8) is in, or NULL: too short to tell, no language stands out, or one
 * that Snowball has no stemmer for.  `code` (may be NULL, 16 bytes) gets
 * the code of the language identified ("fr", "uk"), "" if none.
 */
const char *langid_identify(langid_t *id, const char *text, size_t len,
                            char *code);

/* As langid_identify(), with another minimum length (bench/langid
 * measures how often each is right). */
const char *langid_identify_min(langid_t *id, const char *text, size_t len,
                                size_t min_chars, char *code);

#endif
