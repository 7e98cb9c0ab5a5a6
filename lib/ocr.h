/*
 * ocr.h -- a source's text as pages of words with their boxes: what every
 * reader of a page's layout gives (Tesseract's TSV, hOCR, ALTO and PAGE
 * XML, pdftotext -bbox-layout), built one way, so that the text a page's
 * words make (a space between words, a line break between lines, a blank
 * line between paragraphs, a form feed after each page) is defined once.
 *
 * A page is either text alone (a PDF's text layer, a blank page:
 * ocr_page_text) or words with boxes (ocr_page_begin, ocr_word ...,
 * ocr_page_end).  Each word records where its bytes are in the text, its
 * page, its box in the pixels of that page's image and Tesseract's
 * confidence in it; a word may have alternatives (ALTO's ALTERNATIVE) and
 * a word of two halves (a hyphenated word across lines) two records
 * pointing to the same text (ocr_word_at).
 *
 * Ownership: everything is the ocr_text_t's; ocr_text_free() frees it.
 * After a failed allocation `failed` is set and later calls do nothing:
 * check it once at the end.
 */
#ifndef FOND_OCR_H
#define FOND_OCR_H

#include <stddef.h>
#include "fond.h"

#define OCR_NO_ALT ((size_t)-1)
#define OCR_CONF_NONE (-1)

typedef struct {
    int x, y, w, h;     /* pixels of the page image, from its top left */
} ocr_box_t;

typedef struct {
    size_t start, len;  /* the word's bytes in ocr_text_t.text */
    unsigned page;      /* from 1 */
    ocr_box_t box;
    int conf;           /* 0-100, OCR_CONF_NONE for a text layer's word */
    size_t alt;         /* its alternatives in ocr_text_t.alts, each
                           NUL-terminated, an empty one after the last; or
                           OCR_NO_ALT */
} ocr_word_t;

typedef struct {
    unsigned width, height; /* of the page image, pixels (0: unknown) */
    unsigned dpi;           /* its resolution (0: unknown) */
    int by_ocr;             /* its words were read by OCR (now, from the
                               cache, or by whoever made the hOCR/ALTO) */
    int conf;               /* mean word confidence, 0-100, or
                               OCR_CONF_NONE */
    char *image;            /* the page image's path, or NULL */
} ocr_page_t;

typedef enum { OCR_SPACE, OCR_LINE, OCR_PARAGRAPH } ocr_break_t;

typedef struct {
    char *text;           /* NUL-terminated */
    size_t len, cap;
    ocr_word_t *words;
    size_t n_words, words_cap;
    ocr_page_t *pages;    /* pages[k] is page k + 1 */
    size_t n_pages, pages_cap;
    char *alts;
    size_t alts_len, alts_cap;
    int open;             /* a page is begun and not ended */
    size_t page_words;    /* words of the open page so far */
    int failed;           /* an allocation failed: the result is void */
} ocr_text_t;

#define OCR_TEXT_INIT {0}

/* A page of text with no boxes: s[0, n) and a form feed. */
void ocr_page_text(ocr_text_t *t, const char *s, size_t n);

/* Begin a page of words (its image width x height pixels at dpi, 0 when
 * unknown; by_ocr: read by OCR).  Ends the open page first. */
void ocr_page_begin(ocr_text_t *t, unsigned width, unsigned height,
                    unsigned dpi, int by_ocr);

/* The size of page `page` (from 1) already added, its image width x
 * height pixels at dpi: for a page of text (ocr_page_text) whose words are
 * boxed after it (pdftotext -bbox-layout, with ocr_word_at), as the page
 * renders.  A page t does not have is left alone. */
void ocr_page_size(ocr_text_t *t, unsigned page, unsigned width,
                   unsigned height, unsigned dpi);

/* Add the word w[0, n) to the open page, after `brk` (nothing before a
 * page's first word), with its box and confidence (OCR_CONF_NONE). */
void ocr_word(ocr_text_t *t, ocr_break_t brk, const char *w, size_t n,
              const ocr_box_t *box, int conf);

/* A second box for text already added at [start, start + len): the second
 * half of a hyphenated word, or a text layer's word found in the text
 * (pdftotext -bbox-layout, matched to pdftotext's text). */
void ocr_word_at(ocr_text_t *t, size_t start, size_t len, unsigned page,
                 const ocr_box_t *box, int conf);

/* An alternative reading of the last word added (ALTO's ALTERNATIVE). */
void ocr_word_alt(ocr_text_t *t, const char *alt, size_t n);

/* End the open page: a line break and a form feed; its mean confidence. */
void ocr_page_end(ocr_text_t *t);

/* The mean confidence of all words that have one, 0-100, rounded; or
 * OCR_CONF_NONE. */
int ocr_mean_conf(const ocr_text_t *t);

/* Append the pages of `from` (none of them open) after t's: its text,
 * its words (their bytes and pages shifted to where they now are), their
 * alternatives and its pages; a page with no image gets `image` (NULL:
 * none).  Ends t's open page first.  One text of many page images is
 * made so, an image at a time. */
void ocr_append(ocr_text_t *t, const ocr_text_t *from, const char *image);

void ocr_text_free(ocr_text_t *t);

/*
 * Tesseract's TSV (`tesseract IMAGE - tsv`) into t: each level-1 row
 * begins a page (its width and height are the image's), each level-5 row
 * is a word (left, top, width, height, conf, text), its break from the
 * one before by the block, paragraph and line numbers.  `dpi` is the
 * image's (0: unknown).  Rows that do not parse are skipped: the input is
 * what a helper printed of an untrusted file.  FOND_ERR_NOMEM, or FOND_OK.
 */
fond_status_t ocr_read_tsv(ocr_text_t *t, const char *tsv, size_t len,
                           unsigned dpi);

#endif
