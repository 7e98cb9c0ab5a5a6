/*
 * boxes.h -- a passage's word boxes as one compact blob: what index.c
 * writes in the value slot SCHEMA_SLOT_BOXES of each passage read from
 * pages of words (OCR, hOCR, ALTO, a PDF's -bbox-layout), and what
 * search.c reads back for a hit.  The format is schema.h's ("Word
 * boxes"); boxes.c writes and reads it, and nothing else does.
 *
 * A word here is one box: a word of two halves (hyphenated across lines,
 * joined by repair) is two words at offsets inside the one word of the
 * text.  Offsets are in the passage's text (its data), so that a hit's
 * highlights, which are ranges of that text, pick their words' boxes.
 */
#ifndef FOND_BOXES_H
#define FOND_BOXES_H

#include <stddef.h>
#include "fond.h"
#include "ocr.h"

/* The first byte of a blob: its format.  A blob of another (a later fond)
 * reads as no boxes. */
#define BOXES_FORMAT 1

typedef struct {
    size_t offset;    /* the word's first byte in the passage text */
    unsigned page;    /* from 1 */
    ocr_box_t box;    /* pixels of the page image */
    int conf;         /* 0-100, or OCR_CONF_NONE */
} boxes_word_t;

typedef struct {
    unsigned page;            /* from 1 */
    unsigned width, height;   /* the page image's, pixels (0: unknown) */
    int conf;                 /* its mean word confidence, or OCR_CONF_NONE */
} boxes_page_t;

/* A blob's contents: its pages (in page order), and its words (page by
 * page, each page's in text order). */
typedef struct {
    boxes_page_t *pages;
    size_t n_pages;
    boxes_word_t *words;
    size_t n_words;
} boxes_t;

/*
 * The blob of words[0, n) (any order: they are sorted here), with their
 * pages' sizes and confidences from pages[page - 1] (n_pages of them, the
 * layout's), into *out (malloc'd, *len bytes; NULL and 0 when n is 0).
 * FOND_ERR_NOMEM.
 */
fond_status_t boxes_encode(boxes_word_t *words, size_t n,
                           const ocr_page_t *pages, size_t n_pages,
                           char **out, size_t *len);

/*
 * Read blob[0, len) into *out (free with boxes_free()).  A blob that is
 * empty, of another format or damaged (cut short, counts beyond its
 * length) reads as no boxes, or as the pages and words before the damage:
 * never beyond it.  FOND_ERR_NOMEM.
 */
fond_status_t boxes_decode(const char *blob, size_t len, boxes_t *out);
void boxes_free(boxes_t *b);

#endif
