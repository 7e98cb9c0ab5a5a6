/*
 * test_folder.c -- a folder of page images as one source (folder.h): which
 * names are pages' (many shapes), which folders are one item's pages and
 * in what order (numbers read as integers, gaps allowed; seeded random
 * folders of many stems, widths and decoys), a catalogued folder's images
 * in name order, the state that changes with any page added, changed,
 * renamed or removed, the manifest, ocr_append's joining of pages, and a
 * folder none of whose pages can be read.  No OCR runs: the images are
 * signatures alone.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "folder.h"
#include "ocr.h"

static char root[512];

static int setup(void **state)
{
    (void)state;
    const char *tmp = getenv("FOND_TEST_TMP");
    char cmd[1100];
    snprintf(root, sizeof root, "%s/test_folder", tmp ? tmp : "/tmp");
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", root, root);
    return system(cmd) == 0 ? 0 : -1;
}

/* A folder under root, made empty. */
static void folder_new(char *dir, size_t size, const char *name)
{
    char cmd[1400];
    snprintf(dir, size, "%s/%s", root, name);
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", dir, dir);
    assert_int_equal(system(cmd), 0);
}

/* A file in dir: an image (a PNG's, TIFF's or JPEG's signature, then
 * `tail`) or text. */
static void put(const char *dir, const char *name, int image, const char *tail)
{
    static const char *const heads[] = {"\x89PNG\r\n\x1a\n", "II*\0", "\xff\xd8\xff\xe0"};
    static const size_t head_len[] = {8, 4, 4};
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    size_t k = strlen(name) % 3;
    if (image)
        fwrite(heads[k], 1, head_len[k], f);
    fputs(tail ? tail : "text of a page", f);
    fclose(f);
}

/* The names of the pages of dir, joined by spaces ("" for none). */
static void pages_of(const char *dir, int catalogued, char *buf, size_t size)
{
    folder_t f;
    char why[256];
    assert_int_equal(folder_load(&f, dir, catalogued, why, sizeof why), FOND_OK);
    buf[0] = '\0';
    for (size_t i = 0; i < f.n; i++) {
        size_t at = strlen(buf);
        snprintf(buf + at, size - at, "%s%s", i ? " " : "", f.pages[i].name);
    }
    folder_free(&f);
}

static void test_page_names(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int numbered;
        size_t stem;
        unsigned long long number;
    } names[] = {
        {"0001.tif", 1, 0, 1},          {"delo68_001.jpg", 1, 7, 1},
        {"scan.001", 1, 5, 1},          {"p10.jp2", 1, 1, 10},
        {"IMG_0420.JPG", 1, 4, 420},    {"123", 1, 0, 123},
        {"a.b.0003.tiff", 1, 4, 3},     {"f.28-op.1-d.68-l.12.png", 1, 17, 12},
        {"map2.png", 1, 3, 2},          {"photo.jpg", 0, 0, 0},
        {"0001r.jpg", 0, 0, 0},         {"x1.", 0, 0, 0},
        {"1234567890123456789.tif", 0, 0, 0}, /* 19 digits */
        {"123456789012345678.tif", 1, 0, 123456789012345678ULL},
        {".png", 0, 0, 0},              {"", 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        size_t stem = 99;
        unsigned long long number = 99;
        int got = folder_page_name(names[i].name, &stem, &number);
        if (got != names[i].numbered)
            fail_msg("%s: numbered %d, wanted %d", names[i].name, got,
                     names[i].numbered);
        if (got && (stem != names[i].stem || number != names[i].number))
            fail_msg("%s: stem %zu number %llu, wanted %zu %llu", names[i].name,
                     stem, number, names[i].stem, names[i].number);
    }
}

/* Numbered pages in number order with a gap; what is not an image page is
 * left: a text, a hidden image, a folder with a page's name, a PDF, an
 * image's bytes named as a text. */
static void test_numbered_in_number_order(void **state)
{
    (void)state;
    char dir[600], got[1024];
    folder_new(dir, sizeof dir, "numbered");
    put(dir, "10.png", 1, NULL);
    put(dir, "2.png", 1, NULL);
    put(dir, "0003.png", 1, NULL);
    put(dir, "1.tif", 1, NULL);
    put(dir, "0005.txt", 0, NULL);
    put(dir, "notes.txt", 0, NULL);
    put(dir, ".0006.png", 1, NULL);
    put(dir, "0008.pdf", 0, "%PDF-1.4 not an image");
    put(dir, "0009.xml", 1, NULL); /* named as a text: not looked into */
    char sub[700];
    snprintf(sub, sizeof sub, "%s/0007.png", dir);
    assert_int_equal(mkdir(sub, 0777), 0);
    pages_of(dir, 0, got, sizeof got);
    assert_string_equal(got, "1.tif 2.png 0003.png 10.png");
    /* the same folder catalogued: every image, in name order */
    put(dir, "cover.jpg", 1, NULL);
    pages_of(dir, 1, got, sizeof got);
    assert_string_equal(got, "1.tif 2.png 0003.png 10.png cover.jpg");
    /* numbered, a stray image of another stem stays out */
    pages_of(dir, 0, got, sizeof got);
    assert_string_equal(got, "1.tif 2.png 0003.png 10.png");
}

/* Folders that are not one item's pages. */
static void test_not_pages(void **state)
{
    (void)state;
    static const char *const folders[][5] = {
        {"photo.jpg", "map.png", NULL},      /* no numbers */
        {"photo1.jpg", "map2.png", NULL},    /* two stems, one each */
        {"0001.png", NULL},                  /* one page alone */
        {"a_1.png", "a_2.png", "b_1.png", "b_2.png", NULL}, /* two items */
        {"0001.tif", "0001.jpg", "0002.tif", "0002.jpg", NULL}, /* each twice */
        {"1.png", "01.png", "2.png", NULL},  /* 1 twice */
    };
    for (size_t i = 0; i < sizeof folders / sizeof *folders; i++) {
        char dir[600], name[32], got[1024];
        snprintf(name, sizeof name, "not%zu", i);
        folder_new(dir, sizeof dir, name);
        for (size_t k = 0; folders[i][k]; k++)
            put(dir, folders[i][k], 1, NULL);
        put(dir, "0001.txt", 0, NULL);
        put(dir, "0002.txt", 0, NULL); /* numbered, but no images */
        pages_of(dir, 0, got, sizeof got);
        if (got[0])
            fail_msg("folder %zu (%s ...): pages \"%s\", wanted none", i,
                     folders[i][0], got);
    }
    char dir[600], got[64];
    folder_new(dir, sizeof dir, "texts");
    put(dir, "0001.txt", 0, NULL);
    put(dir, "0002.txt", 0, NULL);
    pages_of(dir, 1, got, sizeof got);
    assert_string_equal(got, ""); /* catalogued: no image, no page */
    folder_t f;
    char why[256];
    snprintf(dir, sizeof dir, "%s/gone", root);
    assert_int_equal(folder_load(&f, dir, 0, why, sizeof why), FOND_ERR_IO);
    assert_non_null(strstr(why, "No such file"));
    folder_free(&f);
}

/* Seeded random folders: a stem (maybe none), numbers with gaps, zero
 * padding of any width (or none), made in a shuffled order, images of
 * three formats, and decoys (texts with page names, images of other
 * stems one each): the pages are the stem's images by number. */
static void test_random_folders(void **state)
{
    (void)state;
    static const char *const stems[] = {"", "delo68_", "IMG_", "scan.", "f28-op1-d",
                                        "Страница "};
    static const char *const exts[] = {".png", ".tif", ".jpg", ".JPG", ""};
    srand(27);
    for (int round = 0; round < 40; round++) {
        char dir[600], name[64], got[8192], want[8192] = "";
        snprintf(name, sizeof name, "random%d", round);
        folder_new(dir, sizeof dir, name);
        const char *stem = stems[rand() % 6];
        int n = 2 + rand() % 30, width = rand() % 5, number = rand() % 3;
        int *order = malloc((size_t)n * sizeof *order);
        char (*names)[64] = malloc((size_t)n * sizeof *names);
        assert_non_null(order);
        assert_non_null(names);
        for (int i = 0; i < n; i++) {
            number += 1 + (rand() % 4 == 0 ? rand() % 50 : 0); /* gaps */
            snprintf(names[i], sizeof names[i], "%s%0*d%s", stem, width, number,
                     exts[rand() % 5]);
            order[i] = i;
            size_t at = strlen(want);
            snprintf(want + at, sizeof want - at, "%s%s", i ? " " : "", names[i]);
        }
        for (int i = n - 1; i > 0; i--) { /* made in a shuffled order */
            int j = rand() % (i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < n; i++)
            put(dir, names[order[i]], 1, NULL);
        put(dir, "cover.jpg", 1, NULL);
        if (strcmp(stem, "") != 0)
            put(dir, "0099.png", 1, NULL); /* another stem, once */
        snprintf(name, sizeof name, "%s%0*d.txt", stem, width, number + 7);
        put(dir, name, 0, NULL);
        pages_of(dir, 0, got, sizeof got);
        if (strcmp(got, want) != 0)
            fail_msg("round %d: pages\n  %s\nwanted\n  %s", round, got, want);
        free(order);
        free(names);
    }
}

static void state_of(const char *dir, unsigned long long *size,
                     unsigned long long *mtime)
{
    folder_t f;
    char why[256];
    assert_int_equal(folder_load(&f, dir, 0, why, sizeof why), FOND_OK);
    folder_stat(&f, size, mtime);
    folder_free(&f);
}

/* The state changes with any page added, rewritten, renamed or removed,
 * and with nothing else; the manifest with the pages' bytes. */
static void test_state_and_manifest(void **state)
{
    (void)state;
    char dir[600], path[700], path2[700];
    unsigned long long size0, mtime0, size, mtime;
    folder_new(dir, sizeof dir, "state");
    put(dir, "0001.png", 1, "first");
    put(dir, "0002.png", 1, "second");
    state_of(dir, &size0, &mtime0);
    assert_int_equal(size0, 2 * 4 + 5 + 6); /* JPEG signatures */
    put(dir, "notes.txt", 0, NULL); /* not a page: no change */
    state_of(dir, &size, &mtime);
    assert_true(size == size0 && mtime == mtime0);
    put(dir, "0003.png", 1, "third"); /* added */
    state_of(dir, &size, &mtime);
    assert_true(mtime != mtime0);
    snprintf(path, sizeof path, "%s/0003.png", dir);
    assert_int_equal(unlink(path), 0); /* removed */
    state_of(dir, &size, &mtime);
    assert_true(size == size0 && mtime == mtime0);
    snprintf(path, sizeof path, "%s/0002.png", dir);
    snprintf(path2, sizeof path2, "%s/0005.png", dir);
    assert_int_equal(rename(path, path2), 0); /* renamed: another number */
    state_of(dir, &size, &mtime);
    assert_true(size == size0 && mtime != mtime0);
    assert_int_equal(rename(path2, path), 0);
    struct timespec later[2] = {{0, UTIME_OMIT}, {1000000000, 0}};
    assert_int_equal(utimensat(AT_FDCWD, path, later, 0), 0); /* touched */
    state_of(dir, &size, &mtime);
    assert_true(size == size0 && mtime != mtime0);

    folder_t f;
    char why[256], *text = NULL, *text2 = NULL;
    size_t len = 0, len2 = 0;
    assert_int_equal(folder_load(&f, dir, 0, why, sizeof why), FOND_OK);
    assert_int_equal(folder_manifest(&f, &text, &len, why, sizeof why), FOND_OK);
    assert_int_equal(len, strlen(text));
    assert_non_null(strstr(text, " 9 0001.png\n"));
    assert_non_null(strstr(text, " 10 0002.png\n"));
    put(dir, "0002.png", 1, "SECOND"); /* the same size, other bytes */
    assert_int_equal(folder_manifest(&f, &text2, &len2, why, sizeof why), FOND_OK);
    assert_int_equal(len, len2);
    assert_true(strcmp(text, text2) != 0);
    free(text2);
    assert_int_equal(unlink(path), 0); /* gone since it was listed */
    assert_int_equal(folder_manifest(&f, &text2, &len2, why, sizeof why), FOND_ERR_IO);
    assert_non_null(strstr(why, "page 0002.png: "));
    free(text);
    folder_free(&f);
}

/* Two layouts joined: the second's words, pages and alternatives shifted
 * to where they now are, each page its image. */
static void test_ocr_append(void **state)
{
    (void)state;
    ocr_text_t a = OCR_TEXT_INIT, b = OCR_TEXT_INIT, all = OCR_TEXT_INIT;
    ocr_box_t box = {10, 20, 30, 40};
    ocr_page_begin(&a, 100, 200, 300, 1);
    ocr_word(&a, OCR_SPACE, "Kars", 4, &box, 90);
    ocr_word_alt(&a, "Kors", 4);
    ocr_page_end(&a);
    ocr_page_begin(&b, 500, 600, 0, 1);
    ocr_word(&b, OCR_SPACE, "Batum", 5, &box, 70);
    ocr_word(&b, OCR_LINE, "treaty", 6, &box, 80);
    ocr_word_alt(&b, "treatv", 6);
    ocr_page_end(&b);
    ocr_page_text(&b, "a page of text", 14);
    b.pages[1].image = strdup("/own/image.png");
    ocr_append(&all, &a, "/scans/0001.png");
    ocr_append(&all, &b, "/scans/0002.png");
    assert_false(all.failed);
    assert_string_equal(all.text, "Kars\n\fBatum\ntreaty\n\fa page of text\f");
    assert_int_equal(all.n_pages, 3);
    assert_int_equal(all.pages[1].width, 500);
    assert_int_equal(all.pages[1].height, 600);
    assert_int_equal(all.pages[0].dpi, 300);
    assert_string_equal(all.pages[0].image, "/scans/0001.png");
    assert_string_equal(all.pages[1].image, "/scans/0002.png");
    assert_string_equal(all.pages[2].image, "/own/image.png");
    assert_int_equal(all.n_words, 3);
    for (size_t i = 0; i < all.n_words; i++) {
        static const char *const words[] = {"Kars", "Batum", "treaty"};
        static const unsigned pages[] = {1, 2, 2};
        assert_int_equal(all.words[i].len, strlen(words[i]));
        assert_memory_equal(all.text + all.words[i].start, words[i],
                            strlen(words[i]));
        assert_int_equal(all.words[i].page, pages[i]);
    }
    assert_string_equal(all.alts + all.words[0].alt, "Kors");
    assert_int_equal(all.words[1].alt, OCR_NO_ALT);
    assert_string_equal(all.alts + all.words[2].alt, "treatv");
    assert_int_equal(all.pages[1].conf, 75);
    assert_int_equal(ocr_mean_conf(&all), 80);
    ocr_text_free(&a);
    ocr_text_free(&b);
    ocr_text_free(&all);
}

/* No page read (OCR off): the folder fails with its first page's reason;
 * more pages than a source may have are refused before any is read. */
static void test_extract_fails(void **state)
{
    (void)state;
    char dir[600], why[256];
    folder_new(dir, sizeof dir, "unread");
    put(dir, "0001.png", 1, NULL);
    put(dir, "0002.png", 1, NULL);
    folder_t f;
    assert_int_equal(folder_load(&f, dir, 0, why, sizeof why), FOND_OK);
    fond_extract_opts_t o = FOND_EXTRACT_OPTS_INIT;
    o.no_ocr = 1;
    extract_t x;
    assert_int_equal(folder_extract(&x, &f, &o, why, sizeof why), FOND_ERR_EXTRACT);
    assert_non_null(strstr(why, "page 1 (0001.png): "));
    assert_non_null(strstr(why, "OCR is off"));
    extract_free(&x);
    size_t n = f.n;
    f.n = EXTRACT_MAX_PAGES + 1; /* only counted before any page is read */
    assert_int_equal(folder_extract(&x, &f, &o, why, sizeof why), FOND_ERR_EXTRACT);
    assert_non_null(strstr(why, "more than the 10000"));
    extract_free(&x);
    f.n = n;
    folder_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_names),
        cmocka_unit_test(test_numbered_in_number_order),
        cmocka_unit_test(test_not_pages),
        cmocka_unit_test(test_random_folders),
        cmocka_unit_test(test_state_and_manifest),
        cmocka_unit_test(test_ocr_append),
        cmocka_unit_test(test_extract_fails),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
