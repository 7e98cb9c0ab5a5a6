/*
 * pages.h -- the pages of a text: where each starts (after a form feed, as
 * pdftotext ends each page with one), the number printed on it, and the
 * lines at its top and foot that are page furniture rather than text.
 *
 * Furniture, judged over the whole document, never from one page:
 *   - a page number: a line at a page's top or foot (among its first two
 *     or last two lines) holding only a number ("227", "- 227 -", "Page
 *     227", a lower-case roman "xiv"), or a line standing alone between
 *     blank lines anywhere on the page that holds a number so marked
 *     ("- 227 -", "Page 227": pdftotext may put a head between columns);
 *   - a running head or foot: a line at those places whose words (its
 *     digits left out, so "228 JOURNAL OF X" and "JOURNAL OF X 229" are one
 *     line) recur so on at least 40% of the pages, and on two pages at
 *     least, in a document of three pages or more.
 * The page's label is its page number, or the number a running head
 * carries at its start or end.
 */
#ifndef FOND_PAGES_H
#define FOND_PAGES_H

#include <stddef.h>
#include "fond.h"

typedef struct {
    size_t start, end;  /* the page's bytes [start, end): end is at its form
                           feed (excluded) or the text's end */
    char label[16];     /* the printed page number, "" if none */
    int numbered;       /* the label is a page number of its own (not one a
                           running head carries) */
} page_t;

typedef struct {
    size_t start, end;  /* a line of furniture, trimmed */
} page_span_t;

/*
 * The pages of text[0, len) (any bytes).  *out is a malloc'd array of *n
 * pages (at least one; the empty page after a last form feed is not
 * counted), *furniture a malloc'd array of *n_furniture lines of page
 * furniture in text order (NULL when none); the caller frees both with
 * free().
 */
fond_status_t page_scan(const char *text, size_t len, page_t **out,
                        size_t *n, page_span_t **furniture,
                        size_t *n_furniture);

/* The index of the page holding offset `at` (pages from page_scan). */
size_t page_at(const page_t *pages, size_t n, size_t at);

#endif
