/*
 * test_boxes.c -- word boxes from pages of words to what a search gives:
 * a layout built here as a reader builds one (ocr.h), indexed as an
 * extracted file is (db_index_extracted: ingest, then the index), then
 * searched.  The boxes of the highlighted words come back with their
 * page and its size; a word joined across a line's end keeps both
 * halves' boxes; an alternative reading is found at its word's place (a
 * phrase goes through it); the source's OCR confidence is its words'
 * mean, its page's that page's; the snippet marks the words OCR was
 * unsure of.  And the blob itself: what boxes_encode writes,
 * boxes_decode reads back, and a damaged blob reads as no more than it
 * holds; and a layout read ahead by another process (extract_save,
 * extract_saved) comes back whole.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boxes.h"
#include "db_internal.h"
#include "extract.h"
#include "ocr.h"

/* A word as a reader gives it: its break before, text, page, box,
 * confidence and alternative reading ("" for none). */
typedef struct {
    ocr_break_t brk;
    const char *text;
    unsigned page;
    ocr_box_t box;
    int conf;
    const char *alt;
} word_t;

/* Two pages of different sizes; "Azer-" "baijan" one word across a
 * line's end, which repair joins because the text knows "Azerbaijan";
 * "Karz" a misreading OCR was unsure of, with "Kars" as its
 * alternative. */
static const word_t words[] = {
    {OCR_SPACE, "Azerbaijan", 1, {100, 100, 260, 40}, 95, ""},
    {OCR_SPACE, "sent", 1, {380, 100, 90, 40}, 93, ""},
    {OCR_SPACE, "a", 1, {490, 100, 20, 40}, 91, ""},
    {OCR_SPACE, "telegram.", 1, {530, 100, 220, 40}, 90, ""},
    {OCR_LINE, "The", 1, {100, 160, 80, 40}, 96, ""},
    {OCR_SPACE, "treaty", 1, {200, 160, 150, 40}, 92, ""},
    {OCR_SPACE, "of", 1, {370, 160, 50, 40}, 97, ""},
    {OCR_SPACE, "Azer-", 1, {440, 160, 120, 40}, 88, ""},
    {OCR_LINE, "baijan", 1, {100, 220, 150, 40}, 86, ""},
    {OCR_SPACE, "was", 1, {270, 220, 80, 40}, 94, ""},
    {OCR_SPACE, "signed", 1, {370, 220, 150, 40}, 93, ""},
    {OCR_SPACE, "at", 1, {540, 220, 40, 40}, 95, ""},
    {OCR_SPACE, "Karz,", 1, {600, 220, 110, 40}, 41, "Kars"},
    {OCR_SPACE, "far", 1, {730, 220, 70, 40}, 90, ""},
    {OCR_SPACE, "away.", 1, {820, 220, 120, 40}, 89, ""},
    {OCR_PARAGRAPH, "Moscow", 2, {300, 500, 400, 80}, 77, ""},
    {OCR_SPACE, "answered", 2, {720, 500, 420, 80}, 83, ""},
    {OCR_SPACE, "quickly.", 2, {1160, 500, 380, 80}, 75, ""},
};
#define N_WORDS (sizeof words / sizeof *words)

static const unsigned page_size[3][2] = {{0, 0}, {1000, 1400}, {2000, 2800}};

/* The words into x as a reader would (a byte-order mark glued to the
 * first word when `bom`), x's text its layout's. */
static void build(extract_t *x, int bom)
{
    memset(x, 0, sizeof *x);
    x->format = EXTRACT_IMAGE;
    unsigned page = 0;
    for (size_t i = 0; i < N_WORDS; i++) {
        const word_t *w = &words[i];
        if (w->page != page) {
            page = w->page;
            ocr_page_begin(&x->layout, page_size[page][0], page_size[page][1],
                           300, 1);
        }
        char text[64];
        snprintf(text, sizeof text, "%s%s", bom && i == 0 ? "\xEF\xBB\xBF" : "",
                 w->text);
        ocr_word(&x->layout, w->brk, text, strlen(text), &w->box, w->conf);
        if (*w->alt)
            ocr_word_alt(&x->layout, w->alt, strlen(w->alt));
    }
    ocr_page_end(&x->layout);
    assert_false(x->layout.failed);
    x->text = x->layout.text;
    x->len = x->layout.len;
    x->ocr_confidence = ocr_mean_conf(&x->layout);
    x->pages = (unsigned)x->layout.n_pages;
}

/* The mean of the confidences of the words on `page` (0: all), rounded. */
static int mean_conf(unsigned page)
{
    int sum = 0, n = 0;
    for (size_t i = 0; i < N_WORDS; i++)
        if (!page || words[i].page == page)
            sum += words[i].conf, n++;
    return (sum + n / 2) / n;
}

static const word_t *word_named(const char *text)
{
    for (size_t i = 0; i < N_WORDS; i++)
        if (strcmp(words[i].text, text) == 0)
            return &words[i];
    fail_msg("no word %s", text);
    return NULL;
}

/* Does the hit have the box of this word, on its page, of its page's
 * size? */
static int has_box(const fond_hit_t *h, const char *text)
{
    const word_t *w = word_named(text);
    for (size_t i = 0; i < h->n_boxes; i++) {
        const fond_box_t *b = &h->boxes[i];
        if (b->page == w->page && b->x == w->box.x && b->y == w->box.y &&
            b->w == w->box.w && b->h == w->box.h &&
            b->page_width == page_size[w->page][0] &&
            b->page_height == page_size[w->page][1] &&
            b->confidence == w->conf)
            return 1;
    }
    return 0;
}

typedef struct {
    char dir[4200];
    fond_db_t *db;
} fixture_t;

static fond_db_t *indexed(fixture_t *f, int bom)
{
    const char *base = getenv("FOND_TEST_TMP");
    if (base)
        mkdir(base, 0777);
    snprintf(f->dir, sizeof f->dir, "%s/boxesXXXXXX", base ? base : "/tmp");
    assert_non_null(mkdtemp(f->dir));
    char path[4300];
    snprintf(path, sizeof path, "%s/db", f->dir);
    assert_int_equal(fond_db_open(&f->db, path, FOND_DB_WRITE, NULL), FOND_OK);
    extract_t x;
    build(&x, bom);
    assert_int_equal(db_index_extracted(f->db, "/scans/page.png", &x, NULL),
                     FOND_OK);
    /* and a text file, which has neither boxes nor a confidence */
    const char *text = "Moscow answered the telegram from Azerbaijan.";
    assert_int_equal(fond_db_index_text(f->db, "/notes/moscow.txt", NULL, text,
                                        strlen(text), NULL), FOND_OK);
    extract_free(&x);
    assert_int_equal(fond_db_commit(f->db), FOND_OK);
    return f->db;
}

static void done(fixture_t *f)
{
    char cmd[4400];
    fond_db_close(f->db);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
}

/* The one hit of `query` from the scan; fails if there is none. */
static const fond_hit_t *scan_hit(fond_db_t *db, const char *query,
                                  fond_results_t **r)
{
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    assert_int_equal(fond_db_search(db, query, &o, r), FOND_OK);
    for (size_t i = 0; i < fond_results_count(*r); i++) {
        const fond_hit_t *h = fond_results_hit(*r, i);
        if (strcmp(h->path, "/scans/page.png") == 0)
            return h;
    }
    fail_msg("%s: the scan is not found", query);
    return NULL;
}

static void check_scan(int bom)
{
    fixture_t f;
    fond_db_t *db = indexed(&f, bom);
    fond_results_t *r;

    /* the highlighted words' boxes: both of "Azerbaijan", the whole one
     * and the two halves of the one joined across the line's end */
    const fond_hit_t *h = scan_hit(db, "azerbaijan", &r);
    assert_int_equal(h->n_boxes, 3);
    assert_true(has_box(h, "Azerbaijan"));
    assert_true(has_box(h, "Azer-"));
    assert_true(has_box(h, "baijan"));
    assert_non_null(strstr(h->text, "treaty of Azerbaijan was"));
    assert_int_equal(h->ocr_confidence, mean_conf(0));
    assert_int_equal(h->page_confidence, mean_conf(1));
    /* "Karz," is shown marked as unsure, with its confidence */
    assert_int_equal(h->n_unsure, 1);
    assert_int_equal(h->unsure[0].confidence, word_named("Karz,")->conf);
    assert_memory_equal(h->snippet + h->unsure[0].start, "Karz,", 5);
    assert_int_equal(h->unsure[0].length, 5);
    fond_results_free(r);

    /* a word of the second page: its box there, that page's size and
     * confidence */
    h = scan_hit(db, "moscow", &r);
    assert_int_equal(h->n_boxes, 1);
    assert_true(has_box(h, "Moscow"));
    assert_int_equal(h->page_confidence, mean_conf(2));
    fond_results_free(r);

    /* the alternative reading finds the passage, in a phrase too */
    h = scan_hit(db, "kars", &r);
    assert_null(strstr(h->text, "Kars"));
    fond_results_free(r);
    h = scan_hit(db, "\"signed at kars far away\"", &r);
    fond_results_free(r);

    /* a text file: no boxes, no confidence */
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    assert_int_equal(fond_db_search(db, "answered telegram", &o, &r), FOND_OK);
    int text_seen = 0;
    for (size_t i = 0; i < fond_results_count(r); i++) {
        h = fond_results_hit(r, i);
        if (strcmp(h->path, "/notes/moscow.txt") != 0)
            continue;
        text_seen = 1;
        assert_int_equal(h->ocr_confidence, -1);
        assert_int_equal(h->page_confidence, -1);
        assert_int_equal(h->n_boxes, 0);
        assert_int_equal(h->n_unsure, 0);
    }
    assert_true(text_seen);
    fond_results_free(r);
    done(&f);
}

static void test_boxes_through_search(void **state)
{
    (void)state;
    check_scan(0);
}

/* decode drops a byte-order mark: the words after it keep their boxes,
 * and the word it was glued to its own */
static void test_byte_order_mark(void **state)
{
    (void)state;
    check_scan(1);
}

/* A phrase does not match through a word that is neither read nor an
 * alternative: the alternative is at its word's place, not anywhere. */
static void test_alternative_in_place(void **state)
{
    (void)state;
    fixture_t f;
    fond_db_t *db = indexed(&f, 0);
    fond_results_t *r;
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    assert_int_equal(fond_db_search(db, "\"signed kars\"", &o, &r), FOND_OK);
    assert_int_equal(fond_results_count(r), 0);
    fond_results_free(r);
    assert_int_equal(fond_db_search(db, "\"at kars far\"", &o, &r), FOND_OK);
    assert_int_equal(fond_results_count(r), 1);
    fond_results_free(r);
    done(&f);
}

/* The blob: words on two pages, in any order, come back page by page in
 * text order, with their pages' sizes and confidences; every cut of it
 * reads as no more words than it holds, and never fails. */
static void test_blob(void **state)
{
    (void)state;
    ocr_page_t pages[2] = {{1000, 1400, 300, 1, 87, NULL},
                           {2480, 3508, 300, 1, OCR_CONF_NONE, NULL}};
    boxes_word_t in[] = {
        {40, 2, {1200, 3000, 300, 60}, OCR_CONF_NONE},
        {0, 1, {100, 100, 260, 40}, 95},
        {11, 1, {380, 100, 90, 40}, 0},
        {16, 1, {0, 160, 1000000, 40}, 100},
        {30, 2, {5, 2, 1, 1}, OCR_CONF_NONE},
    };
    size_t n = sizeof in / sizeof *in;
    char *blob;
    size_t len;
    assert_int_equal(boxes_encode(in, n, pages, 2, &blob, &len), FOND_OK);
    assert_true(len > 0 && len < 64); /* 5 words, 2 pages: varints */
    boxes_t b;
    assert_int_equal(boxes_decode(blob, len, &b), FOND_OK);
    assert_int_equal(b.n_pages, 2);
    assert_int_equal(b.pages[0].page, 1);
    assert_int_equal(b.pages[0].width, 1000);
    assert_int_equal(b.pages[0].conf, 87);
    assert_int_equal(b.pages[1].height, 3508);
    assert_int_equal(b.pages[1].conf, OCR_CONF_NONE);
    assert_int_equal(b.n_words, n);
    for (size_t i = 0; i < n; i++) { /* in[] was sorted by boxes_encode */
        const boxes_word_t *w = &b.words[i];
        assert_int_equal(w->offset, in[i].offset);
        assert_int_equal(w->page, in[i].page);
        assert_int_equal(w->box.x, in[i].box.x);
        assert_int_equal(w->box.y, in[i].box.y);
        assert_int_equal(w->box.w, in[i].box.w);
        assert_int_equal(w->box.h, in[i].box.h);
        assert_int_equal(w->conf, in[i].conf);
    }
    assert_int_equal(b.words[0].offset, 0);
    assert_int_equal(b.words[3].page, 2);
    assert_int_equal(b.words[3].offset, 30);
    boxes_free(&b);
    for (size_t cut = 0; cut < len; cut++) {
        assert_int_equal(boxes_decode(blob, cut, &b), FOND_OK);
        assert_true(b.n_words < n);
        boxes_free(&b);
    }
    blob[0] = BOXES_FORMAT + 1; /* a later format: no boxes */
    assert_int_equal(boxes_decode(blob, len, &b), FOND_OK);
    assert_int_equal(b.n_words, 0);
    boxes_free(&b);
    free(blob);
}

/* Read ahead (extract_save in one process, extract_saved in another):
 * the layout comes back whole, its pages, words and alternatives, and a
 * block cut short leaves the text alone. */
static void test_read_ahead_keeps_layout(void **state)
{
    (void)state;
    extract_t x, y;
    build(&x, 0);
    const char bytes[] = "the file's bytes";
    char *block = NULL, err[256] = "";
    size_t len = 0;
    assert_int_equal(extract_save(&x, FOND_OK, "", bytes, sizeof bytes, &block,
                                  &len), FOND_OK);
    fond_status_t st;
    assert_int_equal(extract_saved(&y, block, len, bytes, sizeof bytes, "f",
                                   NULL, &st, err, sizeof err), 1);
    assert_int_equal(st, FOND_OK);
    assert_int_equal(y.len, x.len);
    assert_memory_equal(y.text, x.text, x.len);
    assert_int_equal(y.layout.n_pages, x.layout.n_pages);
    assert_int_equal(y.layout.pages[1].width, page_size[2][0]);
    assert_int_equal(y.layout.pages[1].conf, x.layout.pages[1].conf);
    assert_int_equal(y.layout.n_words, N_WORDS);
    for (size_t i = 0; i < N_WORDS; i++) {
        assert_int_equal(y.layout.words[i].start, x.layout.words[i].start);
        assert_int_equal(y.layout.words[i].box.x, words[i].box.x);
        assert_int_equal(y.layout.words[i].conf, words[i].conf);
        if (*words[i].alt)
            assert_string_equal(y.layout.alts + y.layout.words[i].alt,
                                words[i].alt);
    }
    assert_int_equal(y.ocr_confidence, mean_conf(0));
    extract_free(&y);
    /* a block cut short is none: the file is to be read again */
    assert_int_equal(extract_saved(&y, block, len - 5, bytes, sizeof bytes, "f",
                                   NULL, &st, err, sizeof err), 0);
    free(block);
    extract_free(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boxes_through_search),
        cmocka_unit_test(test_byte_order_mark),
        cmocka_unit_test(test_alternative_in_place),
        cmocka_unit_test(test_blob),
        cmocka_unit_test(test_read_ahead_keeps_layout),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
