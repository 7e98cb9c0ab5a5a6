/*
 * ocr.c -- pages of words with their boxes, and Tesseract's TSV read into
 * them (see ocr.h).
 */
#include "ocr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"

static void put(ocr_text_t *t, const char *s, size_t n)
{
    if (t->failed || array_reserve(&t->text, &t->cap, t->len + n + 1, 1, 4096)) {
        t->failed = 1;
        return;
    }
    if (n)
        memcpy(t->text + t->len, s, n);
    t->len += n;
    t->text[t->len] = '\0';
}

static ocr_page_t *page_new(ocr_text_t *t)
{
    if (t->failed || array_reserve(&t->pages, &t->pages_cap, t->n_pages + 1,
                                   sizeof *t->pages, 8)) {
        t->failed = 1;
        return NULL;
    }
    ocr_page_t *p = &t->pages[t->n_pages++];
    memset(p, 0, sizeof *p);
    p->conf = OCR_CONF_NONE;
    return p;
}

void ocr_page_text(ocr_text_t *t, const char *s, size_t n)
{
    if (t->open)
        ocr_page_end(t);
    page_new(t);
    put(t, s, n);
    put(t, "\f", 1);
}

void ocr_page_begin(ocr_text_t *t, unsigned width, unsigned height,
                    unsigned dpi, int by_ocr)
{
    if (t->open)
        ocr_page_end(t);
    ocr_page_t *p = page_new(t);
    if (!p)
        return;
    p->width = width;
    p->height = height;
    p->dpi = dpi;
    p->by_ocr = by_ocr;
    t->open = 1;
    t->page_words = 0;
}

void ocr_page_size(ocr_text_t *t, unsigned page, unsigned width,
                   unsigned height, unsigned dpi)
{
    if (t->failed || page < 1 || page > t->n_pages)
        return;
    ocr_page_t *p = &t->pages[page - 1];
    p->width = width;
    p->height = height;
    p->dpi = dpi;
}

void ocr_word_at(ocr_text_t *t, size_t start, size_t len, unsigned page,
                 const ocr_box_t *box, int conf)
{
    if (t->failed || array_reserve(&t->words, &t->words_cap, t->n_words + 1,
                                   sizeof *t->words, 256)) {
        t->failed = 1;
        return;
    }
    ocr_word_t *w = &t->words[t->n_words++];
    w->start = start;
    w->len = len;
    w->page = page;
    w->box = box ? *box : (ocr_box_t){0, 0, 0, 0};
    w->conf = conf < 0 ? OCR_CONF_NONE : conf > 100 ? 100 : conf;
    w->alt = OCR_NO_ALT;
}

void ocr_word(ocr_text_t *t, ocr_break_t brk, const char *w, size_t n,
              const ocr_box_t *box, int conf)
{
    if (!t->open)
        ocr_page_begin(t, 0, 0, 0, 0);
    if (t->page_words) {
        static const char *const sep[] = {" ", "\n", "\n\n"};
        put(t, sep[brk], strlen(sep[brk]));
    }
    size_t start = t->len;
    put(t, w, n);
    ocr_word_at(t, start, n, (unsigned)t->n_pages, box, conf);
    t->page_words++;
}

void ocr_word_alt(ocr_text_t *t, const char *alt, size_t n)
{
    if (t->failed || !t->n_words || !n)
        return;
    ocr_word_t *w = &t->words[t->n_words - 1];
    /* the list ends with an empty string: a new one replaces that end */
    size_t at = w->alt == OCR_NO_ALT ? t->alts_len : t->alts_len - 1;
    if (memchr(alt, '\0', n) ||
        array_reserve(&t->alts, &t->alts_cap, at + n + 2, 1, 256)) {
        t->failed |= memchr(alt, '\0', n) == NULL;
        return;
    }
    if (w->alt == OCR_NO_ALT)
        w->alt = at;
    memcpy(t->alts + at, alt, n);
    t->alts[at + n] = '\0';
    t->alts[at + n + 1] = '\0';
    t->alts_len = at + n + 2;
}

/* The mean confidence of words[from, to) that have one. */
static int mean_conf(const ocr_word_t *w, size_t from, size_t to)
{
    double sum = 0;
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        if (w[i].conf >= 0)
            sum += w[i].conf, n++;
    return n ? (int)(sum / (double)n + 0.5) : OCR_CONF_NONE;
}

void ocr_page_end(ocr_text_t *t)
{
    if (!t->open)
        return;
    t->open = 0;
    put(t, "\n\f", 2);
    if (t->failed || !t->n_pages)
        return;
    unsigned page = (unsigned)t->n_pages;
    size_t from = t->n_words;
    while (from > 0 && t->words[from - 1].page == page)
        from--;
    t->pages[page - 1].conf = mean_conf(t->words, from, t->n_words);
}

int ocr_mean_conf(const ocr_text_t *t)
{
    return mean_conf(t->words, 0, t->n_words);
}

void ocr_append(ocr_text_t *t, const ocr_text_t *from, const char *image)
{
    if (t->open)
        ocr_page_end(t);
    size_t text_at = t->len, alts_at = t->alts_len;
    unsigned pages_at = (unsigned)t->n_pages;
    t->failed |= from->failed;
    if (t->failed ||
        array_reserve(&t->words, &t->words_cap, t->n_words + from->n_words,
                      sizeof *t->words, 256) ||
        array_reserve(&t->alts, &t->alts_cap, t->alts_len + from->alts_len, 1,
                      256)) {
        t->failed = 1;
        return;
    }
    put(t, from->text, from->len);
    for (size_t i = 0; i < from->n_words && !t->failed; i++) {
        ocr_word_t w = from->words[i];
        w.start += text_at;
        w.page += pages_at;
        w.alt = w.alt == OCR_NO_ALT ? OCR_NO_ALT : w.alt + alts_at;
        t->words[t->n_words++] = w;
    }
    if (from->alts_len && !t->failed) {
        memcpy(t->alts + t->alts_len, from->alts, from->alts_len);
        t->alts_len += from->alts_len;
    }
    for (size_t i = 0; i < from->n_pages && !t->failed; i++) {
        const char *img = from->pages[i].image ? from->pages[i].image : image;
        ocr_page_t *p = page_new(t);
        if (!p)
            return;
        *p = from->pages[i];
        p->image = img ? strdup(img) : NULL;
        t->failed |= img && !p->image;
    }
}

void ocr_text_free(ocr_text_t *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_pages; i++)
        free(t->pages[i].image);
    free(t->text);
    free(t->words);
    free(t->pages);
    free(t->alts);
    memset(t, 0, sizeof *t);
}

/* ------------------------------------------------------------ TSV */

#define TSV_FIELDS 12

/* The fields of one TSV row (tab-separated, at most 12). */
static size_t tsv_fields(const char *row, size_t n, const char *f[TSV_FIELDS],
                         size_t flen[TSV_FIELDS])
{
    size_t k = 0;
    const char *at = row, *end = row + n;
    while (k < TSV_FIELDS) {
        const char *tab = memchr(at, '\t', (size_t)(end - at));
        const char *stop = tab && k < TSV_FIELDS - 1 ? tab : end;
        f[k] = at;
        flen[k] = (size_t)(stop - at);
        k++;
        if (stop == end)
            break;
        at = stop + 1;
    }
    return k;
}

/* A field as a number, bounded (TSV from an untrusted image). */
static long field_number(const char *f, size_t n)
{
    char num[24];
    snprintf(num, sizeof num, "%.*s", (int)(n < 20 ? n : 20), f);
    long v = strtol(num, NULL, 10);
    return v < -1000000 ? -1000000 : v > 1000000 ? 1000000 : v;
}

fond_status_t ocr_read_tsv(ocr_text_t *t, const char *tsv, size_t len,
                           unsigned dpi)
{
    long block = -1, par = -1, line = -1;
    size_t pages_before = t->n_pages;
    for (size_t i = 0; i < len && !t->failed;) {
        const char *row = tsv + i;
        const char *nl = memchr(row, '\n', len - i);
        size_t n = nl ? (size_t)(nl - row) : len - i;
        i += n + 1;
        const char *f[TSV_FIELDS];
        size_t fl[TSV_FIELDS];
        /* level page block par line word left top width height conf text */
        if (tsv_fields(row, n, f, fl) < TSV_FIELDS)
            continue;
        long level = field_number(f[0], fl[0]);
        long v[6];
        for (int k = 0; k < 6; k++)
            v[k] = field_number(f[6 + k], fl[6 + k]); /* box, conf */
        if (level == 1) {
            ocr_page_begin(t, v[2] > 0 ? (unsigned)v[2] : 0,
                           v[3] > 0 ? (unsigned)v[3] : 0, dpi, 1);
            block = par = line = -1;
            continue;
        }
        size_t wn = fl[11];
        while (wn && (f[11][wn - 1] == '\r' || f[11][wn - 1] == ' '))
            wn--;
        if (level != 5 || !wn)
            continue;
        long b = field_number(f[2], fl[2]), p = field_number(f[3], fl[3]),
             l = field_number(f[4], fl[4]);
        ocr_break_t brk = b != block || p != par ? OCR_PARAGRAPH
                          : l != line             ? OCR_LINE
                                                  : OCR_SPACE;
        ocr_box_t box = {(int)v[0], (int)v[1], (int)v[2], (int)v[3]};
        ocr_word(t, brk, f[11], wn, &box, (int)v[4]);
        block = b, par = p, line = l;
    }
    if (t->n_pages == pages_before) /* not even a page row: a blank page */
        ocr_page_begin(t, 0, 0, dpi, 1);
    ocr_page_end(t);
    return t->failed ? FOND_ERR_NOMEM : FOND_OK;
}
