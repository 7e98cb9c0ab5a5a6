/*
 * fuzz_ocrxml.c -- libFuzzer target for lib/ocrxml.h: the bytes read as
 * hOCR, ALTO and PAGE XML (each through xml_parse, then the walk), and
 * sniffed for their format.  No path is given, so no file is looked at.
 * Checks what ocr.h promises of the layout: the text a string of the
 * length said, every word's bytes inside it, in order, on a page from 1
 * that exists, pages in order, confidences 0-100 or none, alternatives
 * inside their list, boxes no larger than positions can give, every page
 * read by OCR; or a one-line reason.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ocrxml.h"

#define BOX_BOUND 30000000 /* positions are clamped to 1e7 units, 1.2 px each */

static int box_bounded(const ocr_box_t *b)
{
    return abs(b->x) <= BOX_BOUND && abs(b->y) <= BOX_BOUND &&
           abs(b->w) <= BOX_BOUND && abs(b->h) <= BOX_BOUND;
}

static void check_layout(const ocr_text_t *t)
{
    FUZZ_CHECK(!t->failed && !t->open);
    if (t->text)
        FUZZ_CHECK(t->text[t->len] == '\0');
    for (size_t k = 0; k < t->n_pages; k++) {
        FUZZ_CHECK(t->pages[k].by_ocr == 1);
        FUZZ_CHECK(t->pages[k].conf == OCR_CONF_NONE ||
                   (t->pages[k].conf >= 0 && t->pages[k].conf <= 100));
        FUZZ_CHECK(t->pages[k].image == NULL); /* no path: no image */
    }
    for (size_t i = 0; i < t->n_words; i++) {
        const ocr_word_t *w = &t->words[i];
        FUZZ_CHECK(w->len > 0 && w->start + w->len <= t->len);
        FUZZ_CHECK(memchr(t->text + w->start, '\f', w->len) == NULL);
        FUZZ_CHECK(w->page >= 1 && w->page <= t->n_pages);
        FUZZ_CHECK(i == 0 || (w->start >= t->words[i - 1].start &&
                              w->page >= t->words[i - 1].page));
        FUZZ_CHECK(w->conf == OCR_CONF_NONE || (w->conf >= 0 && w->conf <= 100));
        FUZZ_CHECK(box_bounded(&w->box));
        if (w->alt != OCR_NO_ALT) {
            FUZZ_CHECK(w->alt < t->alts_len);
            FUZZ_CHECK(t->alts[t->alts_len - 1] == '\0' &&
                       t->alts[t->alts_len - 2] == '\0');
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = (const char *)data;
    extract_format_t sniffed = ocrxml_format(bytes, size);
    FUZZ_CHECK(sniffed == EXTRACT_TEXT || sniffed == EXTRACT_HOCR ||
               sniffed == EXTRACT_ALTO || sniffed == EXTRACT_PAGEXML);
    static const extract_format_t formats[] = {EXTRACT_HOCR, EXTRACT_ALTO,
                                               EXTRACT_PAGEXML};
    for (size_t f = 0; f < 3; f++) {
        ocr_text_t t = OCR_TEXT_INIT;
        char err[256] = "";
        fond_status_t st = ocrxml_read(&t, formats[f], bytes, size, NULL, err,
                                       sizeof err);
        if (st == FOND_OK)
            check_layout(&t);
        else
            FUZZ_CHECK((st == FOND_ERR_EXTRACT || st == FOND_ERR_NOMEM) &&
                       fuzz_one_line(err));
        ocr_text_free(&t);
    }
    return 0;
}
