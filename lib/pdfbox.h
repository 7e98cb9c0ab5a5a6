/*
 * pdfbox.h -- the boxes of a text PDF's words: Poppler's `pdftotext
 * -bbox-layout` (XHTML: a <page width height> in points a page, its
 * <flow>, <block>, <line> and <word xMin yMin xMax yMax> elements) read a
 * page at a time with xml.h, each word tied to where it stands in the
 * page's text, which stays pdftotext's plain text layer, byte for byte.
 *
 * The two readings come from the same layout analysis in the same order,
 * and differ where the plain text joins a word hyphenated across lines
 * ("plenipoten-" and "tiary" in the boxes, "plenipotentiary" in the text:
 * both halves are boxes of the whole word, ocr_word_at) or glues two
 * words that touch.  So each box word is looked for in order, from where
 * the last one was found, over the next PDFBOX_LOOKAHEAD words of the text
 * (and PDFBOX_LOOKAHEAD_BYTES bytes), ligatures (U+FB00-FB06) read as
 * their letters, soft hyphens and control characters skipped; a match
 * that ends inside a word of the text counts only when the next box word
 * goes on from there (glued words), so a short word the text lacks is not
 * taken for the start of a longer one.  A word not found gets no box, and
 * the search goes on from where it was.  Each word costs a bounded number
 * of comparisons: a page costs linear time.
 *
 * Boxes are in the pixels of the page's image, the page rendered at
 * PDFBOX_DPI (points * 300 / 72), as pdftoppm renders it (the media box,
 * turned by the page's /Rotate: pdftotext gives the words turned, the
 * page's size not, so a page turned a quarter has its width and height
 * swapped).  The input is an untrusted PDF's: sizes and coordinates that
 * are not finite numbers are dropped, the rest clamped to the page (at
 * most PDFBOX_MAX_POINTS); at most PDFBOX_PAGE_WORDS words a page are
 * boxed, no word over PDFBOX_MAX_WORD bytes, no page whose element is
 * over PDFBOX_PAGE_BYTES.
 */
#ifndef FOND_PDFBOX_H
#define FOND_PDFBOX_H

#include <stddef.h>
#include "fond.h"
#include "ocr.h"

#define PDFBOX_DPI 300              /* the page images' resolution */
#define PDFBOX_MAX_POINTS 14400.0   /* a page's side at most: 200 inches,
                                       the largest PDF's (ISO 32000) */
#define PDFBOX_MAX_WORD 256         /* bytes: a longer word has no box */
#define PDFBOX_PAGE_WORDS 50000     /* words boxed on one page at most */
#define PDFBOX_PAGE_BYTES ((size_t)8 << 20) /* a page's XHTML (a dense
                                       page's is about 1 MB): a larger one
                                       is not parsed, so a page's tree
                                       stays within some 100 MB */
#define PDFBOX_LOOKAHEAD 32         /* words of the text a word is looked
                                       for in, from the last one found */
#define PDFBOX_LOOKAHEAD_BYTES 4096 /* ... and bytes */

/* Where the next word of a page is looked for in the page's text. */
typedef struct {
    const char *text;   /* the page's text */
    size_t len;
    size_t at;          /* from here on */
    size_t join_start, join_end; /* the last word found was the first half
                           of the text's text[join_start, join_end), joined
                           across a line (join_end 0: it was not) */
} pdfbox_match_t;

/*
 * Find the word w[0, n) in m's text, in order (next[0, next_n): the box
 * word after it, NULL for none, which tells a word the text glued to the
 * next from the start of a longer word): 1 with the bytes it stands for in
 * [*start, *end) (for either half of a word the text joined across lines,
 * the whole word), m moved on past it; 0 when it is not there (m as it
 * was, but for a pending join, dropped).
 */
int pdfbox_match(pdfbox_match_t *m, const char *w, size_t n, const char *next,
                 size_t next_n, size_t *start, size_t *end);

/*
 * The next <page> element of pdftotext -bbox-layout's output xhtml[0, len)
 * from *at: 1 with it at xhtml[*start, *end) and *at past it, or 0 when
 * there is no whole one left.
 */
int pdfbox_next_page(const char *xhtml, size_t len, size_t *at, size_t *start,
                     size_t *end);

/*
 * Box the words of page `page` of t, a page of text alone (ocr_page_text)
 * at t->text[from, from + n), from its <page> element el[0, el_len): the
 * page's size in pixels at PDFBOX_DPI (width and height swapped when
 * quarter_turns is odd), and an ocr_word_at for each word found in the
 * text, taking at most *budget words (decreased).  An element that does
 * not parse boxes nothing.  FOND_ERR_NOMEM, else FOND_OK.
 */
fond_status_t pdfbox_page(ocr_text_t *t, unsigned page, size_t from, size_t n,
                          const char *el, size_t el_len, int quarter_turns,
                          size_t *budget);

/*
 * The /Rotate of each page from pdfinfo's output with -f and -l ("Page
 * N rot: R" lines) as quarter turns (0-3) into turns[0, pages): page N at
 * turns[N - 1], 0 for a page it does not name.
 */
void pdfbox_turns(const char *info, size_t len, unsigned char *turns,
                  unsigned pages);

#endif
