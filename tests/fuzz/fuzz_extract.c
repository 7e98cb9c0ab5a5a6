/*
 * fuzz_extract.c -- libFuzzer target for the parsers of untrusted input
 * that extraction added: what pdfinfo and Tesseract print about a hostile
 * file (extract_parse_pdfinfo, ocr_read_tsv), the Flate stream count
 * that tells a decompression bomb (extract_flate_size), and the pages of
 * a text with their labels and furniture (page_scan); and a saved block
 * of what was read ahead (extract_saved), damaged: a layout read from the
 * input as TSV, saved, bytes of it flipped as the input's tail says, and
 * taken back, refused or whole.  The first byte picks the parser (0xfc
 * and above: the saved block); the rest is its input.  Checks what the headers
 * promise: pages tile the text in order, labels are short strings,
 * furniture lies inside the text in order, the TSV's text is a string of
 * the length said.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "fuzz.h"
#include "pages.h"

/* s[0, len): a TSV up to its first 0xff byte, then pairs (where, xor) of
 * flips in the block extract_save makes of it. */
static void saved(const char *s, size_t len)
{
    const char *cut = memchr(s, 0xff, len);
    size_t tsv = cut ? (size_t)(cut - s) : len;
    extract_t x;
    memset(&x, 0, sizeof x);
    x.format = EXTRACT_IMAGE;
    FUZZ_CHECK(ocr_read_tsv(&x.layout, s, tsv, 300) == FOND_OK);
    x.text = x.layout.text;
    x.len = x.layout.len;
    x.ocr_confidence = ocr_mean_conf(&x.layout);
    char *block = NULL, err[256];
    size_t n = 0;
    FUZZ_CHECK(extract_save(&x, FOND_OK, "", "k", 1, &block, &n) == FOND_OK);
    for (size_t i = tsv + 1; i + 1 < len && n; i += 2)
        block[((unsigned char)s[i] * 257u + i) % n] ^= s[i + 1];
    extract_t y;
    fond_status_t st = FOND_OK;
    if (!extract_saved(&y, block, n, "k", 1, "k", NULL, &st, err, sizeof err)) {
        free(block); /* refused: the indexer reads the file itself */
        extract_free(&x);
        return;
    }
    const ocr_text_t *t = &y.layout;
    FUZZ_CHECK(st != FOND_OK || (y.text == t->text && y.len == t->len));
    for (size_t i = 0; i < t->n_words; i++) {
        FUZZ_CHECK(t->words[i].start + t->words[i].len <= t->len);
        FUZZ_CHECK(t->words[i].page >= 1 && t->words[i].page <= t->n_pages);
        FUZZ_CHECK(t->words[i].alt == OCR_NO_ALT || t->words[i].alt < t->alts_len);
    }
    FUZZ_CHECK(!t->alts_len || (t->alts_len >= 2 && t->alts[t->alts_len - 1] == '\0' &&
                                t->alts[t->alts_len - 2] == '\0'));
    extract_free(&y);
    free(block);
    extract_free(&x);
}

static void pages(const char *s, size_t len)
{
    page_t *p = NULL;
    page_span_t *f = NULL;
    size_t n = 0, nf = 0;
    FUZZ_CHECK(page_scan(s, len, &p, &n, &f, &nf) == FOND_OK);
    FUZZ_CHECK(n >= 1 && p[0].start == 0);
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(p[i].start <= p[i].end && p[i].end <= len);
        FUZZ_CHECK(i == 0 || p[i].start == p[i - 1].end + 1);
        FUZZ_CHECK(memchr(p[i].label, '\0', sizeof p[i].label) != NULL);
        FUZZ_CHECK(page_at(p, n, p[i].start) == i);
    }
    for (size_t i = 0; i < nf; i++) {
        FUZZ_CHECK(f[i].start < f[i].end && f[i].end <= len);
        FUZZ_CHECK(i == 0 || f[i].start > f[i - 1].start);
    }
    free(p);
    free(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *s = (const char *)data + 1;
    size_t len = size - 1;
    if (data[0] >= 0xfc) {
        saved(s, len);
        return 0;
    }
    switch (data[0] % 4) {
    case 0: {
        extract_t x;
        memset(&x, 0, sizeof x);
        FUZZ_CHECK(extract_parse_pdfinfo(&x, s, len) == FOND_OK);
        FUZZ_CHECK(x.date[0] == '\0' || strlen(x.date) == 8);
        extract_free(&x);
        break;
    }
    case 1: {
        ocr_text_t t = OCR_TEXT_INIT;
        FUZZ_CHECK(ocr_read_tsv(&t, s, len, 0) == FOND_OK);
        FUZZ_CHECK(t.text && strlen(t.text) <= t.len && t.n_pages >= 1);
        for (size_t i = 0; i < t.n_words; i++)
            FUZZ_CHECK(t.words[i].start + t.words[i].len <= t.len &&
                       t.words[i].page >= 1 && t.words[i].page <= t.n_pages);
        ocr_text_free(&t);
        break;
    }
    case 2:
        FUZZ_CHECK(extract_flate_size(s, len, (size_t)64 << 20) <= ((size_t)64 << 20) + 16384);
        break;
    default:
        pages(s, len);
    }
    return 0;
}
