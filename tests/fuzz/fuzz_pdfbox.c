/*
 * fuzz_pdfbox.c -- libFuzzer target for a text PDF's word boxes
 * (lib/pdfbox.h), which read what pdftotext -bbox-layout and pdfinfo
 * print about an untrusted PDF.  The input is a page text, a NUL byte,
 * and the rest; the first byte picks what the rest is: (even) pdftotext
 * -bbox-layout's XHTML, its <page> elements boxed against the text's
 * pages (cut at form feeds) with the first byte's quarter turns; (odd)
 * box words, one a line, matched in turn against the text; and the text
 * read as pdfinfo's output for the pages' turns.  Checks what the header
 * promises: each word's bytes within its own page's text, on that page,
 * its box on the page (or within the largest page there is), the budget
 * kept; matches in the text, in order; turns 0-3.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "pdfbox.h"

#define MAX_PIXELS 60000 /* PDFBOX_MAX_POINTS at PDFBOX_DPI */

static void boxes(const char *text, size_t tlen, const char *xhtml, size_t xlen,
                  int turns)
{
    ocr_text_t t = OCR_TEXT_INIT;
    size_t at = 0, s, e, budget = 1000, i = 0;
    while (i <= tlen) {
        const char *ff = memchr(text + i, '\f', tlen - i);
        size_t end = ff ? (size_t)(ff - text) : tlen;
        size_t from = t.len, words = t.n_words;
        ocr_page_text(&t, text + i, end - i);
        unsigned page = (unsigned)t.n_pages;
        if (pdfbox_next_page(xhtml, xlen, &at, &s, &e)) {
            FUZZ_CHECK(s < e && e <= xlen && at == e);
            FUZZ_CHECK(memcmp(xhtml + s, "<page", 5) == 0);
            FUZZ_CHECK(pdfbox_page(&t, page, from, end - i, xhtml + s, e - s, turns,
                                   &budget) == FOND_OK);
        }
        const ocr_page_t *p = &t.pages[page - 1];
        FUZZ_CHECK(p->width <= MAX_PIXELS && p->height <= MAX_PIXELS);
        FUZZ_CHECK(p->dpi == 0 || p->dpi == PDFBOX_DPI);
        for (size_t k = words; k < t.n_words; k++) {
            const ocr_word_t *w = &t.words[k];
            FUZZ_CHECK(w->page == page && w->len > 0);
            FUZZ_CHECK(w->start >= from && w->start + w->len <= from + (end - i));
            FUZZ_CHECK(k == words || w->start >= t.words[k - 1].start);
            /* within the page image (its own frame, turned or not) */
            unsigned pw = p->width ? p->width : MAX_PIXELS,
                     ph = p->height ? p->height : MAX_PIXELS;
            FUZZ_CHECK(w->box.x >= 0 && w->box.y >= 0 && w->box.w >= 0 && w->box.h >= 0);
            FUZZ_CHECK((unsigned)w->box.x + (unsigned)w->box.w <= pw &&
                       (unsigned)w->box.y + (unsigned)w->box.h <= ph);
            FUZZ_CHECK(w->conf == OCR_CONF_NONE);
        }
        i = end + 1;
    }
    FUZZ_CHECK(t.n_words <= 1000 && budget == 1000 - t.n_words);
    ocr_text_free(&t);
}

static void matches(const char *text, size_t tlen, const char *list, size_t llen)
{
    pdfbox_match_t m = {text, tlen, 0, 0, 0};
    size_t last = 0;
    for (size_t i = 0; i < llen;) {
        const char *nl = memchr(list + i, '\n', llen - i);
        size_t n = nl ? (size_t)(nl - list) - i : llen - i;
        const char *next = nl ? nl + 1 : NULL;
        const char *nl2 = next ? memchr(next, '\n', llen - (size_t)(next - list)) : NULL;
        size_t next_n = next ? (nl2 ? (size_t)(nl2 - next) : llen - (size_t)(next - list)) : 0;
        size_t s = 0, e = 0, before = m.at;
        if (pdfbox_match(&m, list + i, n, next, next_n, &s, &e)) {
            FUZZ_CHECK(s < e && e <= tlen);
            FUZZ_CHECK(m.at >= before && m.at <= tlen);
            FUZZ_CHECK(s >= last); /* in order (a joined word's halves: the same) */
            last = s;
        } else {
            FUZZ_CHECK(m.at == before);
        }
        i += n + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *in = (const char *)data + 1;
    size_t len = size - 1;
    const char *nul = memchr(in, '\0', len);
    size_t tlen = nul ? (size_t)(nul - in) : len;
    const char *rest = nul ? nul + 1 : in + len;
    size_t rlen = nul ? len - tlen - 1 : 0;
    if (data[0] & 1)
        matches(in, tlen, rest, rlen);
    else
        boxes(in, tlen, rest, rlen, data[0] >> 1 & 3);
    unsigned char turns[16];
    pdfbox_turns(in, tlen, turns, 16);
    for (int k = 0; k < 16; k++)
        FUZZ_CHECK(turns[k] <= 3);
    return 0;
}
