/*
 * boxes.c -- a passage's word boxes as one blob, and back (see boxes.h;
 * the format is schema.h's, "Word boxes").
 *
 * Numbers are LEB128 varints (7 bits a byte, low first, high bit: more);
 * a signed one is zigzagged first (0, -1, 1, -2 ... as 0, 1, 2, 3 ...).
 * A word's offset is the step from the word before it on its page, its x
 * the step from where the word before it ended (x + w), its y the step
 * from that word's y: words of a line sit side by side at one height, so
 * most steps take one byte.
 */
#include "boxes.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"

/* ------------------------------------------------------------ writing */

typedef struct {
    char *buf;
    size_t len, cap;
    int failed;
} blob_t;

static void put_uint(blob_t *b, uint64_t v)
{
    if (b->failed || array_reserve(&b->buf, &b->cap, b->len + 10, 1, 256)) {
        b->failed = 1;
        return;
    }
    do {
        unsigned char byte = v & 0x7F;
        v >>= 7;
        b->buf[b->len++] = (char)(byte | (v ? 0x80 : 0));
    } while (v);
}

static void put_int(blob_t *b, int64_t v)
{
    put_uint(b, v < 0 ? ((uint64_t)(-(v + 1)) << 1) | 1 : (uint64_t)v << 1);
}

/* A confidence as a varint: 0 for none, else conf + 1. */
static uint64_t conf_code(int conf)
{
    return conf < 0 ? 0 : (uint64_t)(conf > 100 ? 100 : conf) + 1;
}

static int by_page_offset(const void *a, const void *b)
{
    const boxes_word_t *x = a, *y = b;
    if (x->page != y->page)
        return x->page < y->page ? -1 : 1;
    if (x->offset != y->offset)
        return x->offset < y->offset ? -1 : 1;
    return (x->box.x > y->box.x) - (x->box.x < y->box.x);
}

/* A dimension as kept: not below 0 (a reader's odd box). */
static uint64_t size_code(int v)
{
    return v < 0 ? 0 : (uint64_t)v;
}

static void put_page(blob_t *b, const boxes_word_t *w, size_t n,
                     const ocr_page_t *pages, size_t n_pages)
{
    const ocr_page_t *p = w[0].page >= 1 && w[0].page <= n_pages
                              ? &pages[w[0].page - 1] : NULL;
    put_uint(b, w[0].page);
    put_uint(b, p ? p->width : 0);
    put_uint(b, p ? p->height : 0);
    put_uint(b, conf_code(p ? p->conf : OCR_CONF_NONE));
    put_uint(b, n);
    size_t offset = 0;
    int64_t end = 0, y = 0; /* of the word before */
    for (size_t i = 0; i < n; i++) {
        put_uint(b, w[i].offset - offset);
        put_int(b, (int64_t)w[i].box.x - end);
        put_int(b, (int64_t)w[i].box.y - y);
        put_uint(b, size_code(w[i].box.w));
        put_uint(b, size_code(w[i].box.h));
        put_uint(b, conf_code(w[i].conf));
        offset = w[i].offset;
        end = (int64_t)w[i].box.x + (int64_t)size_code(w[i].box.w);
        y = w[i].box.y;
    }
}

fond_status_t boxes_encode(boxes_word_t *words, size_t n,
                           const ocr_page_t *pages, size_t n_pages,
                           char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (!n)
        return FOND_OK;
    qsort(words, n, sizeof *words, by_page_offset);
    size_t groups = 0;
    for (size_t i = 0; i < n; i++)
        groups += i == 0 || words[i].page != words[i - 1].page;
    blob_t b = {NULL, 0, 0, 0};
    put_uint(&b, BOXES_FORMAT);
    put_uint(&b, groups);
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && words[j].page == words[i].page; j++)
            ;
        put_page(&b, words + i, j - i, pages, n_pages);
    }
    if (b.failed) {
        free(b.buf);
        return FOND_ERR_NOMEM;
    }
    *out = b.buf;
    *len = b.len;
    return FOND_OK;
}

/* ------------------------------------------------------------ reading */

typedef struct {
    const unsigned char *at, *end;
    int bad; /* cut short or out of range: stop */
} reader_t;

static uint64_t get_uint(reader_t *r)
{
    uint64_t v = 0;
    for (unsigned shift = 0; !r->bad; shift += 7) {
        if (r->at == r->end || shift > 63) {
            r->bad = 1;
            break;
        }
        unsigned char byte = *r->at++;
        v |= (uint64_t)(byte & 0x7F) << shift;
        if (!(byte & 0x80))
            return v;
    }
    return 0;
}

/* A signed step (what it leads to is checked to fit an int: the readers
 * keep coordinates within a million, ocr.c). */
static int64_t get_int(reader_t *r)
{
    uint64_t v = get_uint(r);
    if (v >> 42)
        r->bad = 1;
    int64_t s = (v & 1) ? -(int64_t)(v >> 1) - 1 : (int64_t)(v >> 1);
    return r->bad ? 0 : s;
}

static int get_conf(reader_t *r)
{
    uint64_t v = get_uint(r);
    if (v > 101)
        r->bad = 1;
    return v == 0 || r->bad ? OCR_CONF_NONE : (int)v - 1;
}

static unsigned get_unsigned(reader_t *r)
{
    uint64_t v = get_uint(r);
    if (v > UINT32_MAX / 2)
        r->bad = 1;
    return r->bad ? 0 : (unsigned)v;
}

/* One page's words, appended to out->words (room made for them). */
static void get_words(reader_t *r, unsigned page, size_t n, boxes_t *out)
{
    size_t offset = 0;
    int64_t end = 0, y = 0;
    for (size_t i = 0; i < n && !r->bad; i++) {
        boxes_word_t w;
        uint64_t step = get_uint(r);
        if (step > SIZE_MAX / 2 - offset)
            r->bad = 1;
        offset += (size_t)step;
        int64_t x = end + get_int(r);
        y += get_int(r);
        unsigned width = get_unsigned(r), height = get_unsigned(r);
        w.conf = get_conf(r);
        if (r->bad || x < INT32_MIN / 2 || x > INT32_MAX / 2 ||
            y < INT32_MIN / 2 || y > INT32_MAX / 2)
            break;
        w.offset = offset;
        w.page = page;
        w.box = (ocr_box_t){(int)x, (int)y, (int)width, (int)height};
        out->words[out->n_words++] = w;
        end = x + width;
    }
}

fond_status_t boxes_decode(const char *blob, size_t len, boxes_t *out)
{
    memset(out, 0, sizeof *out);
    if (!len) /* blob may then be NULL */
        return FOND_OK;
    reader_t r = {(const unsigned char *)blob,
                  (const unsigned char *)blob + len, 0};
    if (get_uint(&r) != BOXES_FORMAT)
        return FOND_OK;
    /* each page takes 5 bytes at least, each word 6: no count read can
     * make room for more than the blob holds */
    size_t left = (size_t)(r.end - r.at);
    out->pages = malloc((left / 5 + 1) * sizeof *out->pages);
    out->words = malloc((left / 6 + 1) * sizeof *out->words);
    if (!out->pages || !out->words) {
        boxes_free(out);
        return FOND_ERR_NOMEM;
    }
    uint64_t groups = get_uint(&r);
    for (uint64_t g = 0; g < groups && !r.bad; g++) {
        boxes_page_t p;
        p.page = get_unsigned(&r);
        p.width = get_unsigned(&r);
        p.height = get_unsigned(&r);
        p.conf = get_conf(&r);
        uint64_t n = get_uint(&r);
        if (r.bad || n > (size_t)(r.end - r.at) / 6)
            break;
        out->pages[out->n_pages++] = p;
        get_words(&r, p.page, (size_t)n, out);
    }
    return FOND_OK;
}

void boxes_free(boxes_t *b)
{
    if (!b)
        return;
    free(b->pages);
    free(b->words);
    memset(b, 0, sizeof *b);
}
