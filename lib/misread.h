/*
 * misread.h -- words OCR misread: the characters OCR takes for one another
 * (one table, for the indexer's links and the search's near spellings), and
 * what the indexer keeps of the words Tesseract was unsure of until the
 * links are made (misread.c; docs/query-language.md, "Misread words").
 */
#ifndef FOND_MISREAD_H
#define FOND_MISREAD_H

#include <stddef.h>

#include "ocr.h"

/* Characters OCR takes for one another, on folded text ("I" is "i", a
 * long "ſ" is "s", which OCR reads as "f").  Each pair stands for the
 * other. */
extern const char *const misread_confusions[][2];
extern const size_t misread_n_confusions;

/* The synonym table's keys of the links: this and the right word; their
 * synonyms, its misreadings (schema.h). */
#define MISREAD_KEY "XOCR"

struct fond_db;
/* Note the words of the layout's pages read by OCR that Tesseract was
 * unsure of (confidence under MISREAD_UNSURE): the links judge them on
 * less evidence.  Kept on the handle until it closes; what does not fit in
 * memory is not noted (they are a hint). */
#define MISREAD_UNSURE 70
void db_misread_note(struct fond_db *db, const ocr_text_t *layout);

#endif
