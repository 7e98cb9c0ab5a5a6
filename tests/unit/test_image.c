/*
 * test_image.c -- what the image probe and reader promise (image.h): a
 * TIFF's pages walked from its directories in either byte order, with
 * their sizes and resolutions, thumbnails and masks left out; bombs, a TIFF
 * of too many pages, a chain that loops or points outside the file refused
 * with their reasons; sizes and resolutions from PNG, JPEG, GIF and BMP
 * headers; images told from texts that begin as they do ("BM Add MS");
 * the reader decoding the page asked for as an uncompressed TIFF
 * of the same pixels, and refusing a damaged one; the probe bounded on thousands of mutated files; and an
 * image file through extraction: each page of a TIFF read by Tesseract
 * (progress told once a page), with its size, resolution and image, then
 * taken from the OCR cache.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "extract.h"
#include "image.h"

/* ------------------------------------------------------------ TIFFs */

typedef struct {
    unsigned w, h, subfile;
    unsigned res_num, res_den, unit; /* res_den 0: no resolution */
} dir_spec_t;

static void put16(unsigned char *p, int be, unsigned v)
{
    p[be ? 0 : 1] = (unsigned char)(v >> 8), p[be ? 1 : 0] = (unsigned char)v;
}

static void put32(unsigned char *p, int be, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[be ? 3 - i : i] = (unsigned char)(v >> (8 * i));
}

/* An entry: tag, type, count 1, value (SHORT 3 or LONG 4 inline, RATIONAL
 * 5 an offset). */
static unsigned char *entry(unsigned char *p, int be, unsigned tag,
                            unsigned type, uint32_t value)
{
    put16(p, be, tag), put16(p + 2, be, type), put32(p + 4, be, 1);
    memset(p + 8, 0, 4);
    if (type == 3)
        put16(p + 8, be, value);
    else
        put32(p + 8, be, value);
    return p + 12;
}

/* A TIFF of the directories d[0, n) (headers only: no pixels), one after
 * another; the last one's next pointing at `last_next`. */
static size_t tiff_build(unsigned char *out, int be, const dir_spec_t *d,
                         size_t n, uint32_t last_next)
{
    memcpy(out, be ? "MM\0*" : "II*\0", 4);
    put32(out + 4, be, 8);
    size_t at = 8;
    for (size_t i = 0; i < n; i++) {
        unsigned entries = d[i].res_den ? 6 : 4;
        size_t rationals = at + 2 + 12 * entries + 4;
        size_t next = rationals + (d[i].res_den ? 16 : 0);
        unsigned char *p = out + at + 2;
        put16(out + at, be, entries);
        p = entry(p, be, 254, 4, d[i].subfile);
        p = entry(p, be, 256, 4, d[i].w);
        p = entry(p, be, 257, 3, d[i].h);
        if (d[i].res_den) {
            p = entry(p, be, 282, 5, (uint32_t)rationals);
            p = entry(p, be, 283, 5, (uint32_t)rationals + 8);
            for (int k = 0; k < 2; k++) {
                put32(out + rationals + 8 * k, be, d[i].res_num);
                put32(out + rationals + 8 * k + 4, be, d[i].res_den);
            }
        }
        p = entry(p, be, 296, 3, d[i].unit ? d[i].unit : 2);
        put32(p, be, i + 1 < n ? (uint32_t)next : last_next);
        at = next;
    }
    return at;
}

static fond_status_t probe(const unsigned char *b, size_t n, unsigned max,
                           image_info_t *info, char *err)
{
    err[0] = '\0';
    return image_probe((const char *)b, n, max, info, err, 256);
}

static void test_tiff_pages_walked(void **state)
{
    (void)state;
    static const dir_spec_t dirs[] = {
        {2480, 3508, 0, 300, 1, 2},    /* A4 at 300 dpi */
        {124, 175, 1, 0, 0, 0},        /* its thumbnail: not a page */
        {1700, 2200, 0, 23622, 200, 3},/* 118.11 pixels a cm: 300 dpi */
        {100, 100, 4, 0, 0, 0},        /* a mask: not a page */
        {800, 600, 0, 0, 0, 0}};       /* no resolution: 0 */
    unsigned char buf[4096];
    for (int be = 0; be < 2; be++) {
        size_t n = tiff_build(buf, be, dirs, 5, 0);
        image_info_t info;
        char err[256];
        assert_int_equal(probe(buf, n, 100, &info, err), FOND_OK);
        assert_string_equal(info.kind, "TIFF");
        assert_int_equal(info.n_pages, 3);
        assert_int_equal(info.pages[0].width, 2480);
        assert_int_equal(info.pages[0].height, 3508);
        assert_int_equal(info.pages[0].dpi, 300);
        assert_int_equal(info.pages[1].width, 1700);
        assert_int_equal(info.pages[1].dpi, 300);
        assert_int_equal(info.pages[2].height, 600);
        assert_int_equal(info.pages[2].dpi, 0);
        image_info_free(&info);
    }
}

static void test_tiff_refused(void **state)
{
    (void)state;
    dir_spec_t page = {100, 100, 0, 0, 0, 0};
    dir_spec_t *many = calloc(6, sizeof *many);
    for (int i = 0; i < 6; i++)
        many[i] = page;
    unsigned char buf[8192];
    image_info_t info;
    char err[256];
    size_t n = tiff_build(buf, 0, many, 5, 0); /* 5 pages: as many as read */
    assert_int_equal(probe(buf, n, 5, &info, err), FOND_OK);
    assert_int_equal(info.n_pages, 5);
    image_info_free(&info);
    n = tiff_build(buf, 0, many, 6, 0);
    assert_int_equal(probe(buf, n, 5, &info, err), FOND_ERR_EXTRACT);
    assert_string_equal(err, "TIFF of over 5 pages, more than the 5 fond reads");
    image_info_free(&info);

    n = tiff_build(buf, 1, many, 3, 8 + 0); /* the last points at the first */
    assert_int_equal(probe(buf, n, 100, &info, err), FOND_ERR_EXTRACT);
    assert_string_equal(err, "damaged TIFF: its chain of pages loops");
    image_info_free(&info);

    n = tiff_build(buf, 0, many, 2, 1u << 30); /* past the end */
    assert_int_equal(probe(buf, n, 100, &info, err), FOND_ERR_EXTRACT);
    assert_string_equal(err, "damaged TIFF: a page's directory lies outside the file");
    image_info_free(&info);
    put16(buf + 8, 0, 60000); /* a count of entries the file cannot hold */
    assert_int_equal(probe(buf, n, 100, &info, err), FOND_ERR_EXTRACT);
    assert_non_null(strstr(err, "outside the file"));
    image_info_free(&info);

    many[0].subfile = 1; /* a thumbnail alone */
    n = tiff_build(buf, 0, many, 1, 0);
    assert_int_equal(probe(buf, n, 100, &info, err), FOND_ERR_EXTRACT);
    assert_string_equal(err, "damaged TIFF: it holds no page");
    image_info_free(&info);

    many[0] = (dir_spec_t){60000, 60000, 0, 0, 0, 0};
    many[1] = (dir_spec_t){100, 100, 0, 0, 0, 0};
    n = tiff_build(buf, 0, many, 2, 0);
    assert_int_equal(probe(buf, n, 100, &info, err), FOND_ERR_EXTRACT);
    assert_string_equal(err, "decompression bomb: page 1 of the TIFF is 60000 x 60000 "
                             "pixels (3600 megapixels), over the 100 megapixels fond reads");
    image_info_free(&info);
    free(many);
}

/* ------------------------------------------------------------ headers */

/* A PNG's signature, IHDR and an empty IDAT (the probe reads no further). */
static size_t png_header(unsigned char *b, uint32_t w, uint32_t h)
{
    memcpy(b, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
    put32(b + 16, 1, w), put32(b + 20, 1, h);
    memcpy(b + 24, "\x08\0\0\0\0", 5); /* 8-bit grey */
    put32(b + 29, 1, (uint32_t)crc32(0, b + 12, 17));
    memcpy(b + 33, "\0\0\0\0IDAT\x35\xaf\x06\x1e", 12); /* empty */
    memcpy(b + 45, "\0\0\0\0IEND\xae\x42\x60\x82", 12);
    return 57;
}

static void test_bombs_by_their_headers(void **state)
{
    (void)state;
    unsigned char b[128];
    image_info_t info;
    char err[256];
    size_t n = png_header(b, 60000, 60000);
    assert_int_equal(probe(b, n, 100, &info, err), FOND_ERR_EXTRACT);
    assert_string_equal(err, "decompression bomb: a PNG of 60000 x 60000 pixels "
                             "(3600 megapixels), over the 100 megapixels fond reads");
    image_info_free(&info);
    n = png_header(b, 40000, 8);
    assert_int_equal(probe(b, n, 100, &info, err), FOND_ERR_EXTRACT);
    assert_string_equal(err, "a PNG of 40000 x 8 pixels: wider or taller than the "
                             "32767 pixels Tesseract reads");
    image_info_free(&info);
    n = png_header(b, 10000, 10000); /* exactly 100 megapixels: read */
    assert_int_equal(probe(b, n, 100, &info, err), FOND_OK);
    assert_int_equal(info.pages[0].width, 10000);
    image_info_free(&info);

    /* GIF: its logical screen, not a decoding of the whole image */
    memcpy(b, "GIF89a\xff\xff\xff\xff\0\0\0;", 14);
    assert_int_equal(probe(b, 14, 100, &info, err), FOND_ERR_EXTRACT);
    assert_non_null(strstr(err, "decompression bomb: a GIF of 65535 x 65535"));
    image_info_free(&info);

    /* BMP: its info header, with its pixels a metre */
    memset(b, 0, 64);
    memcpy(b, "BM", 2);
    b[14] = 40;
    put32(b + 18, 0, 1000), put32(b + 22, 0, (uint32_t)-800); /* top down */
    put32(b + 38, 0, 11811), put32(b + 42, 0, 11811);
    assert_int_equal(probe(b, 64, 100, &info, err), FOND_OK);
    assert_string_equal(info.kind, "BMP");
    assert_int_equal(info.pages[0].height, 800);
    assert_int_equal(info.pages[0].dpi, 300);
    image_info_free(&info);

    assert_int_equal(probe((const unsigned char *)"not an image at all", 19, 100,
                           &info, err), FOND_ERR_EXTRACT);
    assert_string_equal(err, "an image Leptonica does not read");
    image_info_free(&info);
}

/* Images by their signature, and texts that begin as some do. */
static void test_images_told_from_texts(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "BM Add MS 38776, f. 12: a letter on the quarantine at Batum.\n",
        "BMW works council minutes\n", "P5\nThe fifth point of the protocol.\n",
        "P4 notes on the frontier\n", "GIF8 is not a signature\n"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        if (extract_format(texts[i], strlen(texts[i])) != EXTRACT_TEXT)
            fail_msg("'%s' taken for an image", texts[i]);
    unsigned char bmp[64] = "BM";
    bmp[14] = 40;
    assert_int_equal(extract_format((const char *)bmp, sizeof bmp), EXTRACT_IMAGE);
    bmp[14] = 41; /* no version of the format has it */
    assert_int_equal(extract_format((const char *)bmp, sizeof bmp), EXTRACT_TEXT);
    static const char *const pnm[] = {"P5\n8 8\n255\n", "P4 # a comment\n8 8\n",
                                      "P6\r\n8 8 255\n"};
    for (size_t i = 0; i < sizeof pnm / sizeof *pnm; i++)
        assert_int_equal(extract_format(pnm[i], strlen(pnm[i])), EXTRACT_IMAGE);
}

/* A w x h grey page at dpi, written by Leptonica as `format`. */
static l_uint8 *made(int format, int w, int h, int dpi, size_t *n)
{
    PIX *pix = pixCreate(w, h, 8);
    pixSetAllArbitrary(pix, 200);
    pixSetResolution(pix, dpi, dpi);
    l_uint8 *data = NULL;
    int rc = format == IFF_PNG ? pixWriteMemPng(&data, n, pix, 0)
                               : pixWriteMemJpeg(&data, n, pix, 80, 0);
    pixDestroy(&pix);
    assert_int_equal(rc, 0);
    return data;
}

static void test_resolution_of_png_and_jpeg(void **state)
{
    (void)state;
    int formats[] = {IFF_PNG, IFF_JFIF_JPEG};
    for (int i = 0; i < 2; i++) {
        size_t n;
        l_uint8 *data = made(formats[i], 120, 90, 400, &n);
        image_info_t info;
        char err[256];
        assert_int_equal(probe(data, n, 100, &info, err), FOND_OK);
        assert_string_equal(info.kind, i ? "JPEG" : "PNG");
        assert_int_equal(info.pages[0].width, 120);
        assert_int_equal(info.pages[0].height, 90);
        assert_int_equal(info.pages[0].dpi, 400);
        image_info_free(&info);
        lept_free(data);
    }
}

/* ------------------------------------------------------------ the reader */

/* A w x h page of depth d (1, 8 or 32) with a pattern of its own. */
static PIX *pattern(int w, int h, int d, int dpi)
{
    PIX *pix = pixCreate(w, h, d);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            l_uint32 v = (l_uint32)(x * 7 + y * 13 + x * y);
            pixSetPixel(pix, x, y, d == 1 ? v % 3 == 0 : d == 8 ? v & 0xff : v * 2654435761u & 0xffffff00);
        }
    pixSetResolution(pix, dpi, dpi);
    return pix;
}

static void test_reader_decodes_each_page(void **state)
{
    (void)state;
    PIXA *pixa = pixaCreate(3);
    int sizes[3][3] = {{300, 200, 8}, {320, 240, 1}, {200, 360, 32}};
    for (int i = 0; i < 3; i++)
        pixaAddPix(pixa, pattern(sizes[i][0], sizes[i][1], sizes[i][2], 150), L_INSERT);
    l_uint8 *tiff = NULL;
    size_t n = 0;
    assert_int_equal(pixaWriteMemMultipageTiff(&tiff, &n, pixa), 0);
    image_reader_t *r = NULL;
    image_info_t info;
    char err[256] = "";
    assert_int_equal(image_reader_open(&r, (const char *)tiff, n, 100, 30, &info,
                                       err, sizeof err), FOND_OK);
    assert_int_equal(info.n_pages, 3);
    for (unsigned k = 3; k >= 1; k--) { /* in any order */
        char *page = NULL;
        size_t len = 0;
        assert_int_equal(image_reader_page(r, k, &page, &len, err, sizeof err), FOND_OK);
        /* one uncompressed page, of the same pixels, at the same resolution */
        image_info_t one;
        assert_int_equal(image_probe(page, len, 100, &one, err, sizeof err), FOND_OK);
        assert_int_equal(one.n_pages, 1);
        assert_int_equal(one.pages[0].width, sizes[k - 1][0]);
        assert_int_equal(one.pages[0].height, sizes[k - 1][1]);
        assert_int_equal(one.pages[0].dpi, 150);
        image_info_free(&one);
        PIX *got = pixReadMem((const l_uint8 *)page, len);
        assert_non_null(got);
        assert_int_equal(pixGetDepth(got), sizes[k - 1][2]);
        PIX *want = pixaGetPix(pixa, (int)k - 1, L_CLONE);
        l_int32 same = 0;
        pixEqual(got, want, &same);
        assert_true(same);
        pixDestroy(&got);
        pixDestroy(&want);
        assert_int_equal(info.pages[k - 1].width, (unsigned)sizes[k - 1][0]);
        assert_int_equal(info.pages[k - 1].dpi, 150);
        free(page);
    }
    pixaDestroy(&pixa);
    char *page = NULL;
    size_t len = 0;
    assert_int_equal(image_reader_page(r, 4, &page, &len, err, sizeof err), FOND_ERR_EXTRACT);
    assert_string_equal(err, "no page 4");
    image_reader_close(r);
    image_info_free(&info);
    lept_free(tiff);

    /* A PNG cut in half: its header reads, its pixels do not. */
    l_uint8 *png = made(IFF_PNG, 400, 300, 300, &n);
    assert_int_equal(image_reader_open(&r, (const char *)png, n / 2, 100, 30, &info,
                                       err, sizeof err), FOND_OK);
    assert_int_equal(image_reader_page(r, 1, &page, &len, err, sizeof err), FOND_ERR_EXTRACT);
    assert_non_null(strstr(err, "damaged PNG: it cannot be decoded"));
    image_reader_close(r);
    image_info_free(&info);
    lept_free(png);

    /* A bomb: refused by the reader's probe, the reason handed back. */
    unsigned char b[64];
    n = png_header(b, 60000, 60000);
    assert_int_equal(image_reader_open(&r, (const char *)b, n, 100, 30, &info,
                                       err, sizeof err), FOND_ERR_EXTRACT);
    assert_null(r);
    assert_non_null(strstr(err, "decompression bomb"));
    image_info_free(&info);
}

/* ------------------------------------------------------------ extraction */

typedef struct {
    unsigned calls, pages[8], total;
} progress_t;

static void on_page(void *ctx, const char *path, unsigned page, unsigned pages)
{
    progress_t *p = ctx;
    assert_string_equal(path, "register.tif");
    if (p->calls < 8)
        p->pages[p->calls] = page;
    p->calls++;
    p->total = pages;
}

/* Three blank pages of their own sizes in one TIFF, read by Tesseract
 * (which finds no word: the image is refused as one, its pages kept). */
static void test_tiff_pages_through_extraction(void **state)
{
    (void)state;
    static const int sizes[3][3] = {{200, 100, 200}, {240, 120, 200}, {160, 200, 150}};
    PIXA *pixa = pixaCreate(3);
    for (int i = 0; i < 3; i++) {
        PIX *pix = pixCreate(sizes[i][0], sizes[i][1], 8);
        pixSetAllArbitrary(pix, 255);
        pixSetResolution(pix, sizes[i][2], sizes[i][2]);
        pixaAddPix(pixa, pix, L_INSERT);
    }
    l_uint8 *tiff = NULL;
    size_t n = 0;
    assert_int_equal(pixaWriteMemMultipageTiff(&tiff, &n, pixa), 0);
    pixaDestroy(&pixa);
    const char *base = getenv("FOND_TEST_TMP");
    char cache[256];
    snprintf(cache, sizeof cache, "%s/imageXXXXXX", base ? base : "/tmp");
    if (base)
        mkdir(base, 0777);
    assert_non_null(mkdtemp(cache));
    fond_extract_opts_t o = FOND_EXTRACT_OPTS_INIT;
    o.ocr_cache = cache;
    o.ocr_page = on_page;
    for (int round = 0; round < 2; round++) { /* by OCR, then from the cache */
        progress_t progress = {0};
        o.ctx = &progress;
        extract_t x;
        char err[256] = "";
        assert_int_equal(extract_bytes(&x, (const char *)tiff, n, "register.tif", &o,
                                       err, sizeof err), FOND_ERR_EXTRACT);
        assert_string_equal(err, "no text found by OCR in the TIFF");
        assert_int_equal(x.format, EXTRACT_IMAGE);
        assert_int_equal(progress.calls, 3);
        for (unsigned k = 0; k < 3; k++)
            assert_int_equal(progress.pages[k], k + 1);
        assert_int_equal(progress.total, 3);
        assert_int_equal(x.pages, 3);
        assert_int_equal(x.ocr_pages, round ? 0 : 3);
        assert_int_equal(x.ocr_cached, round ? 3 : 0);
        assert_int_equal(x.layout.n_pages, 3);
        for (int k = 0; k < 3; k++) {
            const ocr_page_t *pg = &x.layout.pages[k];
            assert_int_equal(pg->width, sizes[k][0]);
            assert_int_equal(pg->height, sizes[k][1]);
            assert_int_equal(pg->dpi, sizes[k][2]);
            assert_true(pg->by_ocr);
            assert_string_equal(pg->image, "register.tif");
        }
        extract_free(&x);
    }
    o.no_ocr = 1;
    extract_t x;
    char err[256] = "";
    assert_int_equal(extract_bytes(&x, (const char *)tiff, n, "register.tif", &o,
                                   err, sizeof err), FOND_ERR_EXTRACT);
    assert_string_equal(err, "an image (a scan; OCR is off)");
    extract_free(&x);
    lept_free(tiff);
}

/* ------------------------------------------------------------ bounded */

/* Thousands of TIFFs with bytes changed at random (a seeded generator):
 * the probe answers each, reading no more pages than asked (a sanitizer
 * build checks that it reads nothing outside the file). */
static void test_probe_of_mutated_tiffs(void **state)
{
    (void)state;
    dir_spec_t dirs[8];
    for (int i = 0; i < 8; i++)
        dirs[i] = (dir_spec_t){100 + i, 200 + i, i == 3, 300, 1, 2};
    unsigned char clean[4096], buf[4096];
    size_t n = tiff_build(clean, 0, dirs, 8, 0);
    uint64_t seed = 88172645463325252ull;
    for (int round = 0; round < 5000; round++) {
        memcpy(buf, clean, n);
        for (int k = 0; k < 1 + round % 8; k++) {
            seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
            buf[seed % n] = (unsigned char)(seed >> 32);
        }
        size_t len = 8 + (seed >> 40) % (n - 8);
        image_info_t info;
        char err[256];
        fond_status_t st = probe(buf, round % 2 ? n : len, 6, &info, err);
        assert_true(st == FOND_OK || st == FOND_ERR_EXTRACT);
        assert_true(st != FOND_OK || (info.n_pages >= 1 && info.n_pages <= 6));
        assert_true(st == FOND_OK || err[0] != '\0');
        image_info_free(&info);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tiff_pages_walked),
        cmocka_unit_test(test_tiff_refused),
        cmocka_unit_test(test_bombs_by_their_headers),
        cmocka_unit_test(test_images_told_from_texts),
        cmocka_unit_test(test_resolution_of_png_and_jpeg),
        cmocka_unit_test(test_reader_decodes_each_page),
        cmocka_unit_test(test_probe_of_mutated_tiffs),
        cmocka_unit_test(test_tiff_pages_through_extraction),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
