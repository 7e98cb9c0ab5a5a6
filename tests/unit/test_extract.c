/*
 * test_extract.c -- what extraction and pagination promise, on their own:
 * a PDF known by its signature, pdfinfo's and Tesseract's output parsed,
 * what was read ahead handed over for the same bytes only,
 * Flate streams counted, the child runner's limits; pages, their printed
 * numbers and their furniture judged over many generated documents (a
 * seeded generator: heads on the left or right, numbers at the top or
 * foot, journals starting at any page), and footnote lines of many
 * archives told from prose.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "child.h"
#include "citation.h"
#include "extract.h"
#include "pages.h"
#include "repair.h"

static void test_format_by_signature(void **state)
{
    (void)state;
    static const char *const pdf[] = {"%PDF-1.7\n...", "\xEF\xBB\xBF junk %PDF-1.4"};
    for (size_t i = 0; i < 2; i++)
        assert_int_equal(extract_format(pdf[i], strlen(pdf[i])), EXTRACT_PDF);
    const char *text = "A letter about %PDF files";
    assert_int_equal(extract_format(text, strlen(text)), EXTRACT_TEXT);
    char late[2000];
    memset(late, ' ', sizeof late);
    memcpy(late + 1500, "%PDF-", 5);
    assert_int_equal(extract_format(late, sizeof late), EXTRACT_TEXT);
    extract_t x;
    char err[256] = "";
    assert_int_equal(extract_bytes(&x, "plain\ftext", 10, "t", NULL, err,
                                   sizeof err), FOND_OK);
    assert_int_equal(x.format, EXTRACT_TEXT);
    assert_int_equal(x.len, 10);
    extract_free(&x);
}

static void test_pdfinfo_parsed(void **state)
{
    (void)state;
    const char *info = "Title:           Le traité de Kars\n"
                       "Subject:         \n"
                       "Keywords:        Kars, 1921\n"
                       "Author:          Jeanne Dupont\n"
                       "CreationDate:    1998-03-09T10:11:12+01\n"
                       "Pages:           10001\n"
                       "Page size:       612 x 792 pts (letter)\n";
    extract_t x;
    memset(&x, 0, sizeof x);
    assert_int_equal(extract_parse_pdfinfo(&x, info, strlen(info)), FOND_OK);
    assert_string_equal(x.title, "Le traité de Kars");
    assert_string_equal(x.author, "Jeanne Dupont");
    assert_string_equal(x.keywords, "Kars, 1921");
    assert_null(x.subject);
    assert_string_equal(x.date, "19980309");
    assert_int_equal(x.pages, 10001);
    extract_free(&x);
    memset(&x, 0, sizeof x);
    assert_int_equal(extract_parse_pdfinfo(&x, "CreationDate: Mon 12\nPages:", 26),
                     FOND_OK);
    assert_string_equal(x.date, "");
    assert_int_equal(x.pages, 0);
    extract_free(&x);
}

/* A PDF's Info Title that a program made up is no title (source.h, level
 * 3): the document stays untitled rather than titled "Document1". */
static void test_generic_titles_are_no_titles(void **state)
{
    (void)state;
    const char *const generic[] = {
        "Microsoft Word - report.docx", "Microsoft PowerPoint - Folien 3",
        "untitled", "Untitled", "  Untitled-1 ", "Untitled document",
        "Document1", "Document 12", "Slide 1", "Presentation1", "Title",
        "TITLE", "scan0001", "scan0001.pdf", "report.doc", "IMG_0042.JPG",
        "C:\\Users\\a\\Desktop\\draft.docx", "1921", "12-34/5", "...",
        "", "   ", "Sans titre", "Diapositive 3", "Unbenannt 2", "Dokument1",
        "Без названия", "Документ1", "Презентация 2", "Sin título"};
    const char *const titles[] = {
        "Le traité de Kars", "The Treaty of Kars, 1921", "Report on Baku",
        "Document 12 of the Moscow conference", "Untitled poem by Blok",
        "Title deeds of the estate", "Протокол № 3", "1921: a year in Baku",
        "Slides of the mission", "Vol. 2", "Microsoft and the Cold War",
        "Bericht über die Verhandlung"};
    for (size_t i = 0; i < sizeof generic / sizeof *generic; i++)
        if (!extract_title_generic(generic[i]))
            fail_msg("'%s' taken for a title", generic[i]);
    for (size_t i = 0; i < sizeof titles / sizeof *titles; i++)
        if (extract_title_generic(titles[i]))
            fail_msg("'%s' taken for no title", titles[i]);
    const char *info = "Title:           Microsoft Word - kars.doc\n"
                       "Author:          Jeanne Dupont\n";
    extract_t x;
    memset(&x, 0, sizeof x);
    assert_int_equal(extract_parse_pdfinfo(&x, info, strlen(info)), FOND_OK);
    assert_null(x.title); /* left out; the rest kept */
    assert_string_equal(x.author, "Jeanne Dupont");
    extract_free(&x);
}

static void count_page(void *ctx, const char *path, unsigned page,
                       unsigned pages)
{
    (void)path, (void)page, (void)pages;
    ++*(int *)ctx;
}

/* What one process read of a PDF, saved and taken by another: the same
 * text (NUL bytes and all), metadata and counts, and its failures with
 * their reasons; never for other bytes, nor from a block cut short. */
static void test_saved_for_the_same_bytes_only(void **state)
{
    (void)state;
    const char pdf[] = "%PDF-1.4 the bytes read ahead";
    const char text[] = "Kars\0 1921\f\fsecond page\f";
    extract_t x = {.format = EXTRACT_PDF, .text = text, .len = sizeof text - 1,
                   .ocr_confidence = OCR_CONF_NONE, .pages = 3,
                   .ocr_pages = 1, .ocr_cached = 1, .blank_pages = 1,
                   .title = strdup("Le traité"),
                   .keywords = strdup("Kars, 1921"), .date = "19211013"};
    char *block = NULL, err[256] = "";
    size_t n = 0;
    assert_int_equal(extract_save(&x, FOND_OK, "", pdf, sizeof pdf - 1,
                                  &block, &n), FOND_OK);
    extract_free(&x);
    int pages = 0;
    fond_extract_opts_t o = FOND_EXTRACT_OPTS_INIT;
    o.ocr_page = count_page;
    o.ctx = &pages;
    fond_status_t st = FOND_ERR_IO;
    assert_int_equal(extract_saved(&x, block, n, pdf, sizeof pdf - 1, "x.pdf",
                                   &o, &st, err, sizeof err), 1);
    assert_int_equal(st, FOND_OK);
    assert_int_equal(x.format, EXTRACT_PDF);
    assert_int_equal(x.len, sizeof text - 1);
    assert_memory_equal(x.text, text, sizeof text - 1);
    assert_string_equal(x.title, "Le traité");
    assert_null(x.author);
    assert_null(x.subject);
    assert_string_equal(x.keywords, "Kars, 1921");
    assert_string_equal(x.date, "19211013");
    assert_int_equal(x.pages, 3);
    assert_int_equal(x.ocr_pages, 1);
    assert_int_equal(x.ocr_cached, 1);
    assert_int_equal(x.blank_pages, 1);
    assert_int_equal(pages, 0); /* counted where they were read, not here */
    extract_free(&x);
    char other[sizeof pdf];
    memcpy(other, pdf, sizeof pdf);
    other[10] ^= 1;
    assert_int_equal(extract_saved(&x, block, n, other, sizeof pdf - 1, "x.pdf",
                                   NULL, &st, err, sizeof err), 0);
    assert_int_equal(extract_saved(&x, block, n, pdf, sizeof pdf - 2, "x.pdf",
                                   NULL, &st, err, sizeof err), 0);
    assert_int_equal(extract_saved(&x, block, n - 1, pdf, sizeof pdf - 1,
                                   "x.pdf", NULL, &st, err, sizeof err), 0);
    assert_int_equal(extract_saved(&x, NULL, 0, pdf, sizeof pdf - 1, "x.pdf",
                                   NULL, &st, err, sizeof err), 0);
    free(block);

    memset(&x, 0, sizeof x);
    x.format = EXTRACT_PDF;
    assert_int_equal(extract_save(&x, FOND_ERR_EXTRACT, "damaged PDF (no xref)",
                                  pdf, sizeof pdf - 1, &block, &n), FOND_OK);
    assert_int_equal(extract_saved(&x, block, n, pdf, sizeof pdf - 1, "x.pdf",
                                   NULL, &st, err, sizeof err), 1);
    assert_int_equal(st, FOND_ERR_EXTRACT);
    assert_string_equal(err, "damaged PDF (no xref)");
    assert_null(x.text);
    extract_free(&x);
    free(block);
    assert_int_equal(extract_save(&x, FOND_ERR_NOMEM, "out of memory", pdf,
                                  sizeof pdf - 1, &block, &n), FOND_OK);
    assert_null(block); /* not the file's outcome: read it again */
}

/* A layout saved and taken back: the same pages (sizes, resolutions,
 * confidences, images) and words (ranges, pages, boxes, confidences,
 * alternatives), as a scan of two pages and a page of text give it. */
static void layout_of_scan(extract_t *x)
{
    memset(x, 0, sizeof *x);
    x->format = EXTRACT_IMAGE;
    x->pages = 3;
    x->ocr_pages = 2;
    ocr_text_t *t = &x->layout;
    ocr_page_begin(t, 2480, 3508, 300, 1);
    ocr_word(t, OCR_SPACE, "Kars", 4, &(ocr_box_t){120, 200, 310, 64}, 91);
    ocr_word_alt(t, "Karss", 5);
    ocr_word_alt(t, "Kais", 4);
    ocr_word(t, OCR_LINE, "1921", 4, &(ocr_box_t){-3, 280, 200, 60}, 38);
    ocr_word_at(t, 0, 4, 1, &(ocr_box_t){0, 0, 1, 1}, OCR_CONF_NONE);
    ocr_page_text(t, "a text layer", 12);
    ocr_page_begin(t, 1700, 2200, 200, 1);
    ocr_word(t, OCR_SPACE, "trait\xc3\xa9", 6, &(ocr_box_t){5, 6, 7, 8}, 100);
    ocr_page_end(t);
    t->pages[2].image = strdup("scans/0003.tif");
    assert_false(t->failed);
    x->text = t->text; /* as extract_bytes() leaves it */
    x->len = t->len;
    x->ocr_confidence = ocr_mean_conf(t);
}

static void test_saved_layout_round_trip(void **state)
{
    (void)state;
    const char img[] = "II*\0 a scan read ahead";
    extract_t x, y;
    layout_of_scan(&x);
    char *block = NULL, err[256] = "";
    size_t n = 0;
    assert_int_equal(extract_save(&x, FOND_OK, "", img, sizeof img - 1, &block,
                                  &n), FOND_OK);
    fond_status_t st = FOND_ERR_IO;
    assert_int_equal(extract_saved(&y, block, n, img, sizeof img - 1, "s.tif",
                                   NULL, &st, err, sizeof err), 1);
    assert_int_equal(st, FOND_OK);
    assert_int_equal(y.format, EXTRACT_IMAGE);
    assert_int_equal(y.ocr_confidence, x.ocr_confidence);
    assert_int_equal(y.ocr_confidence, 76); /* (91 + 38 + 100) / 3 */
    assert_int_equal(y.len, x.len);
    assert_memory_equal(y.text, x.text, x.len);
    assert_ptr_equal(y.text, y.layout.text);
    assert_int_equal(y.layout.n_pages, 3);
    for (size_t i = 0; i < 3; i++) {
        const ocr_page_t *a = &x.layout.pages[i], *b = &y.layout.pages[i];
        assert_int_equal(b->width, a->width);
        assert_int_equal(b->height, a->height);
        assert_int_equal(b->dpi, a->dpi);
        assert_int_equal(b->by_ocr, a->by_ocr);
        assert_int_equal(b->conf, a->conf);
        if (a->image)
            assert_string_equal(b->image, a->image);
        else
            assert_null(b->image);
    }
    assert_int_equal(y.layout.pages[0].conf, 65);
    assert_int_equal(y.layout.pages[1].conf, OCR_CONF_NONE);
    assert_int_equal(y.layout.n_words, 4);
    for (size_t i = 0; i < 4; i++)
        assert_memory_equal(&y.layout.words[i], &x.layout.words[i],
                            sizeof x.layout.words[i]);
    assert_int_equal(y.layout.alts_len, x.layout.alts_len);
    assert_memory_equal(y.layout.alts + y.layout.words[0].alt, "Karss\0Kais\0",
                        12);
    assert_int_equal(y.layout.words[1].alt, OCR_NO_ALT);
    assert_int_equal(y.layout.words[1].box.x, -3);
    extract_free(&y);

    /* Blocks whose counts or records do not fit are refused: read again. */
    const char *nl = memchr(block, '\n', n);
    size_t head = (size_t)(nl - block) + 1, text_at = n - x.layout.alts_len -
        strlen("scans/0003.tif") - 4 * 48 - 3 * 24 - x.len;
    char *bad = malloc(n + 64);
    assert_non_null(bad);
    /* one word more than the block holds, or one fewer */
    static const char *const heads[] = {" 3 4 12 14\n", " 3 5 12 14\n",
                                        " 3 3 12 14\n", " 2 4 12 14\n",
                                        " 3 4 13 14\n", " 3 4 12 13\n"};
    assert_memory_equal(block + head - strlen(heads[0]), heads[0], strlen(heads[0]));
    for (size_t k = 1; k < sizeof heads / sizeof *heads; k++) {
        memcpy(bad, block, n);
        memcpy(bad + head - strlen(heads[k]), heads[k], strlen(heads[k]));
        assert_int_equal(extract_saved(&y, bad, n, img, sizeof img - 1, "s.tif",
                                       NULL, &st, err, sizeof err), 0);
    }
    /* a word past the text's end, on a page that is not, or pointing
     * outside the alternatives; a page's confidence out of range */
    size_t words = text_at + x.len + 3 * 24;
    static const struct { size_t at; unsigned char byte; } breaks[] = {
        {0, 0xff}, {8, 0x40}, {16, 4}, {16, 0}, {40, 0x70}, {44, 0xfe}};
    for (size_t k = 0; k < sizeof breaks / sizeof *breaks; k++) {
        memcpy(bad, block, n);
        bad[words + breaks[k].at] = (char)breaks[k].byte;
        assert_int_equal(extract_saved(&y, bad, n, img, sizeof img - 1, "s.tif",
                                       NULL, &st, err, sizeof err), 0);
    }
    memcpy(bad, block, n);
    bad[text_at + x.len + 16] = 101; /* page 1's confidence: 101 */
    assert_int_equal(extract_saved(&y, bad, n, img, sizeof img - 1, "s.tif",
                                   NULL, &st, err, sizeof err), 0);
    memcpy(bad, block, n);
    bad[n - strlen("scans/0003.tif") - 1] = 'x'; /* the alternatives' end */
    assert_int_equal(extract_saved(&y, bad, n, img, sizeof img - 1, "s.tif",
                                   NULL, &st, err, sizeof err), 0);
    free(bad);
    free(block);
    extract_free(&x);
}

/* An image-only PDF, as a scanner writes it: each page one grey image of
 * w x h pixels at ppi, filling a page of its size, with a black bar across
 * it (a line of "text" for Tesseract to find, or not).  malloc'd, *len. */
static char *scan_pdf(const unsigned (*pages)[3], int n, size_t *len)
{
    size_t cap = 1 << 16, at = 0, offsets[32];
    for (int i = 0; i < n; i++)
        cap += (size_t)pages[i][0] * pages[i][1] + 512;
    char *pdf = malloc(cap);
    assert_non_null(pdf);
    int obj = 0;
#define PUT(...) (at += (size_t)snprintf(pdf + at, cap - at, __VA_ARGS__))
    PUT("%%PDF-1.4\n");
    offsets[++obj] = at;
    PUT("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
    offsets[++obj] = at;
    PUT("2 0 obj << /Type /Pages /Count %d /Kids [", n);
    for (int i = 0; i < n; i++)
        PUT(" %d 0 R", 3 + 3 * i);
    PUT(" ] >> endobj\n");
    for (int i = 0; i < n; i++) {
        unsigned w = pages[i][0], h = pages[i][1], ppi = pages[i][2];
        double pw = w * 72.0 / ppi, ph = h * 72.0 / ppi;
        char draw[128];
        int dn = snprintf(draw, sizeof draw, "q %.2f 0 0 %.2f 0 0 cm /I Do Q", pw, ph);
        offsets[++obj] = at;
        PUT("%d 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "
            "/Resources << /XObject << /I %d 0 R >> >> /Contents %d 0 R >> endobj\n",
            obj, pw, ph, obj + 2, obj + 1);
        offsets[++obj] = at;
        PUT("%d 0 obj << /Length %d >>\nstream\n%s\nendstream endobj\n", obj, dn, draw);
        offsets[++obj] = at;
        PUT("%d 0 obj << /Type /XObject /Subtype /Image /Width %u /Height %u "
            "/ColorSpace /DeviceGray /BitsPerComponent 8 /Length %u >>\nstream\n",
            obj, w, h, w * h);
        for (unsigned y = 0; y < h; y++)
            for (unsigned x = 0; x < w; x++)
                pdf[at++] = y > h * 2 / 5 && y < h * 3 / 5 && x > w / 10 &&
                            x < w * 9 / 10 ? 0 : (char)0xff;
        PUT("\nendstream endobj\n");
    }
    size_t xref = at;
    PUT("xref\n0 %d\n0000000000 65535 f \n", obj + 1);
    for (int i = 1; i <= obj; i++)
        PUT("%010zu 00000 n \n", offsets[i]);
    PUT("trailer << /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", obj + 1, xref);
#undef PUT
    *len = at;
    return pdf;
}

/* A scanned page is rendered at its scan's resolution, never above it, at
 * most 300 dpi: the layout's pages say so, their sizes the render's
 * pixels (which the word boxes are in), read now or from the OCR cache. */
static void test_scan_rendered_at_its_resolution(void **state)
{
    (void)state;
    if (system("command -v tesseract >/dev/null && command -v pdfimages >/dev/null") != 0)
        skip();
    static const unsigned pages[][3] = {{300, 150, 150},  /* 2 x 1 in at 150 */
                                        {1200, 600, 600}, /* at 600: 300 */
                                        {204, 98, 102}};  /* 2 x ~1 in at 102 */
    size_t len = 0;
    char *pdf = scan_pdf(pages, 3, &len);
    char cache[] = "/tmp/fond-test-ocr-XXXXXX", err[256] = "";
    assert_non_null(mkdtemp(cache));
    fond_extract_opts_t o = FOND_EXTRACT_OPTS_INIT;
    o.ocr_cache = cache;
    static const unsigned want[][3] = {{300, 150, 150}, {600, 300, 300},
                                       {204, 98, 102}};
    for (int run = 0; run < 2; run++) { /* read, then from the OCR cache */
        extract_t x;
        extract_bytes(&x, pdf, len, "scan.pdf", &o, err, sizeof err); /* text or not */
        assert_int_equal(x.layout.n_pages, 3);
        assert_int_equal(x.ocr_cached, run ? 3 : 0);
        for (int i = 0; i < 3; i++) {
            const ocr_page_t *pg = &x.layout.pages[i];
            assert_true(pg->by_ocr);
            assert_int_equal(pg->dpi, want[i][2]);
            assert_in_range(pg->width, want[i][0] - 1, want[i][0] + 1);
            assert_in_range(pg->height, want[i][1] - 1, want[i][1] + 1);
        }
        extract_free(&x);
    }
    char rm[64];
    snprintf(rm, sizeof rm, "rm -rf %s", cache);
    assert_int_equal(system(rm), 0);
    free(pdf);
}

static void test_tsv_as_lines_and_paragraphs(void **state)
{
    (void)state;
    const char *tsv =
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t0\t0\t9\t9\t96.1\tThe\n"
        "5\t1\t1\t1\t1\t2\t0\t0\t9\t9\t95.0\ttreaty\n"
        "5\t1\t1\t1\t2\t1\t0\t0\t9\t9\t91.3\twas\n"
        "5\t1\t1\t2\t1\t1\t0\t0\t9\t9\t40.2\tsigned.\n"
        "5\t1\t1\t2\t1\t2\t0\t0\t9\t9\t-1\t \n";
    ocr_text_t t = OCR_TEXT_INIT;
    assert_int_equal(ocr_read_tsv(&t, tsv, strlen(tsv), 300), FOND_OK);
    assert_string_equal(t.text, "The treaty\nwas\n\nsigned.\n\f");
    assert_int_equal(t.len, strlen(t.text));
    /* one page, the image's size; four words, each with its box */
    assert_int_equal(t.n_pages, 1);
    assert_int_equal(t.pages[0].width, 100);
    assert_int_equal(t.pages[0].dpi, 300);
    assert_int_equal(t.n_words, 4);
    assert_int_equal(t.words[1].start, 4);
    assert_int_equal(t.words[1].len, 6);
    assert_int_equal(t.words[3].conf, 40);
    assert_int_equal(t.pages[0].conf, (96 + 95 + 91 + 40 + 2) / 4);
    ocr_text_free(&t);
}

/* A zlib stream of n zero bytes, in a PDF-like wrapper. */
static char *flate_pdf(size_t n, size_t *len)
{
    unsigned char *zeros = calloc(n, 1);
    uLongf clen = compressBound((uLong)n);
    char *pdf = malloc(clen + 200);
    int at = sprintf(pdf, "%%PDF-1.4\n4 0 obj\n<< /Length %lu /Filter /FlateDecode >>\nstream\n",
                     (unsigned long)clen);
    assert_int_equal(compress((unsigned char *)pdf + at, &clen, zeros, (uLong)n), Z_OK);
    at += (int)clen;
    at += sprintf(pdf + at, "\nendstream\nendobj\n%%%%EOF\n");
    free(zeros);
    *len = (size_t)at;
    return pdf;
}

static void test_flate_streams_counted(void **state)
{
    (void)state;
    size_t len;
    char *pdf = flate_pdf(3 << 20, &len);
    assert_int_equal(extract_flate_size(pdf, len, SIZE_MAX), 3 << 20);
    assert_true(extract_flate_size(pdf, len, 1 << 20) >= 1 << 20); /* stops */
    assert_int_equal(extract_flate_size(pdf, len / 2, SIZE_MAX) > 0, 1);
    free(pdf);
    const char *plain = "<< /Length 5 >>\nstream\nhello\nendstream";
    assert_int_equal(extract_flate_size(plain, strlen(plain), SIZE_MAX), 0);
    const char *bad = "<< /Filter /FlateDecode >>\nstream\nnot zlib at all";
    assert_int_equal(extract_flate_size(bad, strlen(bad), SIZE_MAX), 0);
}

static void test_child_limits(void **state)
{
    (void)state;
    FILE *in = tmpfile();
    fputs("input\n", in);
    fflush(in);
    child_limits_t lim = {2, 0, 0, 1 << 20};
    child_result_t r;
    const char *cat[] = {"cat", NULL};
    assert_int_equal(child_run(cat, fileno(in), NULL, &lim, &r), FOND_OK);
    assert_int_equal(r.end, CHILD_EXITED);
    assert_int_equal(r.code, 0);
    assert_string_equal(r.out, "input\n");
    child_result_free(&r);
    const char *hang[] = {"sleep", "30", NULL};
    assert_int_equal(child_run(hang, fileno(in), NULL, &lim, &r), FOND_OK);
    assert_int_equal(r.end, CHILD_TIMEOUT);
    child_result_free(&r);
    const char *flood[] = {"yes", NULL};
    assert_int_equal(child_run(flood, fileno(in), NULL, &lim, &r), FOND_OK);
    assert_int_equal(r.end, CHILD_FLOODED);
    child_result_free(&r);
    const char *crash[] = {"sh", "-c", "kill -SEGV $$", NULL};
    assert_int_equal(child_run(crash, fileno(in), NULL, &lim, &r), FOND_OK);
    assert_int_equal(r.end, CHILD_SIGNALED);
    char why[200];
    child_describe(&r, "pdftotext", &lim, why, sizeof why);
    assert_string_equal(why, "pdftotext crashed (Segmentation fault)");
    child_result_free(&r);
    const char *none[] = {"no-such-helper-fond", NULL};
    assert_int_equal(child_run(none, fileno(in), NULL, &lim, &r), FOND_OK);
    child_describe(&r, "no-such-helper-fond", &lim, why, sizeof why);
    assert_non_null(strstr(why, "is it installed?"));
    child_result_free(&r);
    const char *env[] = {"sh", "-c", "echo $FOND_X", NULL};
    assert_int_equal(child_run(env, fileno(in), "FOND_X=42", &lim, &r), FOND_OK);
    assert_string_equal(r.out, "42\n");
    child_result_free(&r);
    fclose(in);
}

/* ------------------------------------------------------------ pages */

/* A generated paginated document: n pages, each with a running head on
 * its first (or last) line carrying the page number on its outer side,
 * or a bare page number alone at the top or foot, some body lines, and
 * sometimes a footnote number at the foot. */
typedef struct {
    char *text;
    size_t len;
    unsigned first_number; /* the printed number of page 1 */
    int numbered_page1;    /* page 1 prints its number */
} doc_t;

static doc_t make_doc(unsigned seed, size_t n)
{
    srand(seed);
    static const char *const heads[] = {"JOURNAL OF FRONTIER STUDIES",
                                        "Caucasian Review", "A. Historian"};
    const char *head = heads[rand() % 3];
    int style = rand() % 3; /* 0: head with number, 1: number at foot, 2: at top */
    doc_t d = {malloc(n * 2000), 0, 1 + (unsigned)(rand() % 400), rand() % 2};
    for (size_t p = 0; p < n; p++) {
        unsigned number = d.first_number + (unsigned)p;
        int show = p > 0 || d.numbered_page1;
        if (p)
            d.text[d.len++] = '\f';
        if (style == 0 && show)
        {
            if (p % 2) /* the number on the page's outer side */
                d.len += (size_t)sprintf(d.text + d.len, "%s %u\n\n", head, number);
            else
                d.len += (size_t)sprintf(d.text + d.len, "%u %s\n\n", number, head);
        }
        if (style == 2 && show)
            d.len += (size_t)sprintf(d.text + d.len, "- %u -\n\n", number);
        static const char *const words[] = {"treaty", "frontier", "railway",
                                            "delegation", "protocol", "valley",
                                            "station", "garrison"};
        for (int l = 0; l < 6; l++)
            d.len += (size_t)sprintf(d.text + d.len, /* no two lines alike */
                                     "body line on the %s and the %s by the %s\n",
                                     words[p % 8], words[l], words[rand() % 8]);
        if (rand() % 2)
            d.len += (size_t)sprintf(d.text + d.len, "\n%u\n", 1 + (unsigned)(rand() % 40));
        if (style == 1 && show)
            d.len += (size_t)sprintf(d.text + d.len, "\n%u\n", number);
    }
    d.text[d.len] = '\0';
    return d;
}

static void test_pages_labels_and_furniture(void **state)
{
    (void)state;
    for (unsigned seed = 1; seed <= 60; seed++) {
        size_t n = 3 + seed % 6;
        doc_t d = make_doc(seed, n);
        page_t *pages = NULL;
        page_span_t *furniture = NULL;
        size_t np = 0, nf = 0;
        assert_int_equal(page_scan(d.text, d.len, &pages, &np, &furniture, &nf),
                         FOND_OK);
        assert_int_equal(np, n);
        for (size_t p = 0; p < n; p++) {
            char want[16] = "";
            if (p > 0 || d.numbered_page1)
                snprintf(want, sizeof want, "%u", d.first_number + (unsigned)p);
            if (strcmp(pages[p].label, want) != 0)
                fail_msg("seed %u page %zu: label '%s', not '%s'", seed, p + 1,
                         pages[p].label, want);
        }
        for (size_t f = 0; f < nf; f++) /* furniture never a body line */
            if (strncmp(d.text + furniture[f].start, "body line", 9) == 0)
                fail_msg("seed %u: body line taken for furniture", seed);
        free(pages);
        free(furniture);
        free(d.text);
    }
}

static void test_pages_of_unpaginated_text(void **state)
{
    (void)state;
    const char *t = "No form feed.\n\n12\n";
    page_t *pages = NULL;
    page_span_t *furniture = NULL;
    size_t np = 0, nf = 0;
    assert_int_equal(page_scan(t, strlen(t), &pages, &np, &furniture, &nf), FOND_OK);
    assert_int_equal(np, 1);
    assert_string_equal(pages[0].label, "");
    assert_int_equal(nf, 0);
    free(pages);
    free(furniture);
    assert_int_equal(page_scan("a\f", 2, &pages, &np, &furniture, &nf), FOND_OK);
    assert_int_equal(np, 1); /* no empty page after the last form feed */
    assert_int_equal(page_at(pages, np, 1), 0);
    free(pages);
    free(furniture);
}

/* ------------------------------------------------------------ notes */

static void test_notes_of_many_archives(void **state)
{
    (void)state;
    static const char *const notes[] = {
        "GARF, f. 130, op. 5, d. 12, l. 3.",
        "RGASPI, f. 17, op. 3, d. 212, ll. 4-6.",
        "TNA, FO 371/6262, E 100/80/91.",
        "NARA, RG 59, Box 8, Folder 217.",
        "BOA, HR.SYS. 941/6, folio 53.",
        "AVP RF, f. 04, op. 39, papka 232, d. 52987, l. 16.",
        "Ibid., p. 44.",
        "Op. cit., p. 12.",
        "Kazemzadeh, The Struggle for Transcaucasia (New York: Philosophical Library, 1951), 287.",
        "Vgl. Zürrer, Kaukasien 1918-1921, S. 44.",
        "Idem, The Caucasus, p. 7.",
    };
    static const char *const prose[] = {
        "The delegations met at Kars in the autumn of 1921 and signed the treaty.",
        "At the second session, item 1, the commission heard the report and item 2 was left open while item 3 waited.",
        "Box after box of files arrived in the reading room that year.",
        "Turkey secured Azerbaijan and Georgia's consent to hold the conference.",
    };
    for (size_t i = 0; i < sizeof notes / sizeof *notes; i++)
        if (!citation_looks_like_note(notes[i], strlen(notes[i])))
            fail_msg("not taken for a note: %s", notes[i]);
    for (size_t i = 0; i < sizeof prose / sizeof *prose; i++)
        if (citation_looks_like_note(prose[i], strlen(prose[i])))
            fail_msg("prose taken for a note: %s", prose[i]);
}

/* A word hyphenated at a page's foot, finished on the next page after a
 * page number and a running head: joined; the head and numbers gone; the
 * footnote block at the page's foot kept as notes. */
static void test_repair_across_pages(void **state)
{
    (void)state;
    analyzer_t *a = NULL;
    assert_int_equal(analyzer_new(&a, "english"), FOND_OK);
    const char *raw =
        "Review of Frontier Studies 226\n\n"
        "The conference opened and the delegations\nworked on.1 The plenipotentiary commis-\n\n"
        "1\nGARF, f. 130, op. 5, d. 12, l. 3.\n\n226\n"
        "\fReview of Frontier Studies 227\n\n"
        "sioners signed the treaty on the thirteenth.\n\n"
        "2\nIbid., l. 4.\n\f"
        "Review of Frontier Studies 228\n\nThe end came soon.\n";
    repair_t r;
    assert_int_equal(repair_text(raw, strlen(raw), a, NULL, NULL, &r), FOND_OK);
    assert_non_null(strstr(r.text, "plenipotentiary commissioners signed"));
    assert_null(strstr(r.text, "Review of Frontier"));
    assert_null(strstr(r.text, "226"));
    assert_null(strstr(r.text, "GARF"));
    assert_null(strstr(r.text, "Ibid"));
    assert_int_equal(r.n_notes, 2);
    assert_int_equal(r.notes[0].number, 1);
    assert_string_equal(r.notes[0].text, "GARF, f. 130, op. 5, d. 12, l. 3.");
    assert_int_equal(r.notes[1].number, 2);
    repair_free(&r);
    analyzer_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_by_signature),
        cmocka_unit_test(test_pdfinfo_parsed),
        cmocka_unit_test(test_generic_titles_are_no_titles),
        cmocka_unit_test(test_tsv_as_lines_and_paragraphs),
        cmocka_unit_test(test_saved_for_the_same_bytes_only),
        cmocka_unit_test(test_saved_layout_round_trip),
        cmocka_unit_test(test_scan_rendered_at_its_resolution),
        cmocka_unit_test(test_flate_streams_counted),
        cmocka_unit_test(test_child_limits),
        cmocka_unit_test(test_pages_labels_and_furniture),
        cmocka_unit_test(test_pages_of_unpaginated_text),
        cmocka_unit_test(test_notes_of_many_archives),
        cmocka_unit_test(test_repair_across_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
