/*
 * test_passage.c -- where passages are cut: at sentence ends, never after
 * an initial or an abbreviation, never past the bound, and so that
 * together they are the whole text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "passage.h"

#define NARRATIVE FOND_SOURCE_DIR "/corpus/narrative/treaty-of-kars-1921.txt"

static int all_space(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (!strchr(" \t\r\n\f\v", s[i]))
            return 0;
    return 1;
}

/* Split, and check what every split must be: tiling, bounded, not blank,
 * cut on character boundaries. */
static passage_span_t *split_checked(const char *text, size_t len, size_t *n)
{
    passage_span_t *p = NULL;
    assert_int_equal(passage_split(text, len, &p, n), FOND_OK);
    for (size_t i = 0; i < *n; i++) {
        assert_int_equal(p[i].start, i ? p[i - 1].end : 0);
        assert_true(p[i].end > p[i].start);
        assert_true(p[i].end - p[i].start <= FOND_PASSAGE_MAX_BYTES);
        assert_false(all_space(text, p[i].start, p[i].end));
        assert_true(p[i].end == len ||
                    ((unsigned char)text[p[i].end] & 0xC0) != 0x80);
    }
    if (*n)
        assert_int_equal(p[*n - 1].end, len);
    return p;
}

/* Some filler sentences making `bytes` bytes. */
static void fill(char *buf, size_t bytes)
{
    buf[0] = '\0';
    while (strlen(buf) + 30 < bytes)
        strcat(buf, "The delegates met once more. ");
}

static void assert_no_cut_inside(const char *text, const char *phrase)
{
    size_t n;
    passage_span_t *p = split_checked(text, strlen(text), &n);
    const char *at = strstr(text, phrase);
    assert_non_null(at);
    size_t from = (size_t)(at - text), to = from + strlen(phrase);
    for (size_t i = 0; i + 1 < n; i++)
        if (p[i].end > from && p[i].end < to)
            fail_msg("cut inside \"%s\"", phrase);
    free(p);
}

static void test_initials_do_not_end_sentences(void **state)
{
    (void)state;
    static const char *const phrases[] = {
        "represented by M. D. Huseynov and Behbud Shahtakhtinski.",
        "chaired by G. Orjonikidze and B. Legran adopted a decision.",
        "Documents. T. IV, M.: Gospolitizdat, 1960, p. 227-228 says so.",
        "said Mr. Chicherin, cf. Vol. 3 of the series."};
    for (size_t i = 0; i < 4; i++) {
        char text[2048];
        fill(text, PASSAGE_TARGET_BYTES - 10); /* the target falls inside */
        strcat(text, phrases[i]);
        strcat(text, " The end.");
        assert_no_cut_inside(text, phrases[i]);
    }
}

static void test_footnote_number_after_the_stop(void **state)
{
    (void)state;
    char text[2048];
    fill(text, PASSAGE_TARGET_BYTES - 10);
    strcat(text, "during the Kars conference.1 Moscow was using all means.");
    size_t n;
    passage_span_t *p = split_checked(text, strlen(text), &n);
    assert_int_equal(n, 2);
    assert_memory_equal(text + p[1].start, "Moscow", 6);
    free(p);
}

static void test_long_sentences_are_cut_at_spaces(void **state)
{
    (void)state;
    char text[5001];
    for (size_t i = 0; i < 5000; i++)
        text[i] = i % 7 == 6 ? ' ' : 'a';
    text[5000] = '\0';
    size_t n;
    passage_span_t *p = split_checked(text, 5000, &n);
    assert_true(n >= 5);
    for (size_t i = 0; i + 1 < n; i++)
        assert_int_equal(text[p[i].end - 1], ' ');
    free(p);
}

/* A text ending in a run too long for one passage after its last sentence
 * end is cut there, as the middle of a text is: the last sentence whole
 * (OCR that read the full stops of the end of a text as commas), not the
 * text cut at a space 1200 bytes in and the end of the last sentence left
 * as a stub of its own. */
static void test_a_long_last_sentence_stays_whole(void **state)
{
    (void)state;
    char text[2001] = "The delegates met at Kars. They signed the treaty. ";
    size_t head = strlen(text);
    strcat(text, "So ");
    while (strlen(text) + 13 < 1230)
        strcat(text, "and then, so ");
    strcat(text, "it ended.");
    size_t n;
    passage_span_t *p = split_checked(text, strlen(text), &n);
    assert_int_equal(n, 2);
    assert_int_equal(p[0].end, head);
    free(p);
}

static void test_no_spaces_and_multibyte(void **state)
{
    (void)state;
    char *text = malloc(3 * 2000 + 1);
    for (size_t i = 0; i < 2000; i++)
        memcpy(text + 3 * i, "\xE2\x80\xA6", 3); /* … without spaces */
    text[6000] = '\0';
    size_t n;
    passage_span_t *p = split_checked(text, 6000, &n);
    assert_true(n >= 5);
    free(p);
    free(text);
}

static void test_empty_and_blank(void **state)
{
    (void)state;
    size_t n = 99;
    passage_span_t *p = (passage_span_t *)1;
    assert_int_equal(passage_split("", 0, &p, &n), FOND_OK);
    assert_int_equal(n, 0);
    assert_null(p);
    assert_int_equal(passage_split(" \n\n\t ", 5, &p, &n), FOND_OK);
    assert_int_equal(n, 0);
    assert_null(p);
    p = split_checked("\n\n  One sentence only.  \n", 25, &n);
    assert_int_equal(n, 1);
    free(p);
}

static void test_the_narrative(void **state)
{
    (void)state;
    FILE *f = fopen(NARRATIVE, "rb");
    assert_non_null(f);
    char *text = malloc(64 * 1024);
    size_t len = fread(text, 1, 64 * 1024, f);
    fclose(f);
    size_t n;
    passage_span_t *p = split_checked(text, len, &n);
    assert_true(n > 20);
    for (size_t i = 0; i + 1 < n; i++) { /* every cut after a sentence end */
        size_t k = p[i].end;
        while (k > p[i].start && strchr(" \t\r\n", text[k - 1]))
            k--;
        while (k > p[i].start && strchr("0123456789", text[k - 1]))
            k--;
        while (k > p[i].start && strchr("\"')]\x9D\x99\x80\xE2", text[k - 1]))
            k--;
        if (!strchr(".!?", text[k - 1]))
            fail_msg("passage %zu ends mid-sentence: ...%.30s", i + 1,
                     text + (k > 30 ? k - 30 : 0));
    }
    free(p);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_initials_do_not_end_sentences),
        cmocka_unit_test(test_footnote_number_after_the_stop),
        cmocka_unit_test(test_long_sentences_are_cut_at_spaces),
        cmocka_unit_test(test_a_long_last_sentence_stays_whole),
        cmocka_unit_test(test_no_spaces_and_multibyte),
        cmocka_unit_test(test_empty_and_blank),
        cmocka_unit_test(test_the_narrative),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
