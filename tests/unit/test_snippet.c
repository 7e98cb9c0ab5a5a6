/*
 * test_snippet.c -- the fragment a user sees: which words are marked, where
 * the window falls in a long passage, and that white space is tidied.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snippet.h"

static analyzer_t *english(void)
{
    analyzer_t *a = NULL;
    assert_int_equal(analyzer_new(&a, "english"), FOND_OK);
    return a;
}

/* The highlighted words of a snippet, joined by '|'. */
static void marked(const snippet_t *s, char *out, size_t size)
{
    out[0] = '\0';
    for (size_t i = 0; i < s->n_spans; i++) {
        size_t at = strlen(out);
        snprintf(out + at, size - at, "%s%.*s", i ? "|" : "",
                 (int)s->spans[i].length, s->text + s->spans[i].start);
    }
}

static void test_short_passage_whole_and_tidy(void **state)
{
    (void)state;
    analyzer_t *a = english();
    const char *text = "The treaty was\nsigned  in\n\nKars on 13 October 1921.";
    const char *words[] = {"signed", "kars"};
    const char *stems[] = {"sign", "kar"};
    snippet_terms_t t = {words, 2, stems, 2, NULL, 0};
    snippet_t s;
    assert_int_equal(snippet_make(a, text, strlen(text), &t, 240, &s), FOND_OK);
    assert_string_equal(s.text,
                        "The treaty was signed in Kars on 13 October 1921.");
    char m[128];
    marked(&s, m, sizeof m);
    assert_string_equal(m, "signed|Kars");
    snippet_free(&s);
    analyzer_free(a);
}

static void test_stems_and_accents_are_marked_as_written(void **state)
{
    (void)state;
    analyzer_t *a = english();
    const char *text = "It banned the émigrés; signing followed at Sèvres.";
    const char *words[] = {"emigres", "sevres"};
    const char *stems[] = {"sign"};
    snippet_terms_t t = {words, 2, stems, 1, NULL, 0};
    snippet_t s;
    assert_int_equal(snippet_make(a, text, strlen(text), &t, 240, &s), FOND_OK);
    char m[128];
    marked(&s, m, sizeof m);
    assert_string_equal(m, "émigrés|signing|Sèvres");
    snippet_free(&s);
    analyzer_free(a);
}

static void test_long_passage_window_around_matches(void **state)
{
    (void)state;
    analyzer_t *a = english();
    char text[4096] = "";
    for (int i = 0; i < 30; i++)
        strcat(text, "Nothing of interest happens here. ");
    strcat(text, "Then the treaty was signed at Kars. ");
    for (int i = 0; i < 30; i++)
        strcat(text, "Nothing of interest happens here. ");
    const char *words[] = {"kars", "treaty"};
    snippet_terms_t t = {words, 2, NULL, 0, NULL, 0};
    snippet_t s;
    assert_int_equal(snippet_make(a, text, strlen(text), &t, 120, &s), FOND_OK);
    const char *ell = "\xE2\x80\xA6";
    assert_memory_equal(s.text, ell, 3);
    assert_string_equal(s.text + strlen(s.text) - 3, ell);
    assert_true(strlen(s.text) <= 120 + 8);
    char m[128];
    marked(&s, m, sizeof m);
    assert_string_equal(m, "treaty|Kars");
    assert_null(strstr(s.text, "  "));
    snippet_free(&s);
    analyzer_free(a);
}

static void test_no_match_shows_the_start(void **state)
{
    (void)state;
    analyzer_t *a = english();
    char text[2048] = "";
    for (int i = 0; i < 40; i++)
        strcat(text, "word ");
    const char *words[] = {"absent"};
    snippet_terms_t t = {words, 1, NULL, 0, NULL, 0};
    snippet_t s;
    assert_int_equal(snippet_make(a, text, strlen(text), &t, 50, &s), FOND_OK);
    assert_int_equal(s.n_spans, 0);
    assert_memory_equal(s.text, "word word", 9);
    assert_true(strlen(s.text) <= 50 + 4);
    snippet_free(&s);
    analyzer_free(a);
}

static void test_a_far_word_gets_a_second_fragment(void **state)
{
    (void)state;
    analyzer_t *a = english();
    char text[4096] = "Kars was the place. ";
    for (int i = 0; i < 20; i++)
        strcat(text, "Nothing of interest happens here. ");
    strcat(text, "Then Batumi was named. ");
    for (int i = 0; i < 20; i++)
        strcat(text, "Nothing of interest happens here. ");
    const char *words[] = {"kars", "batumi"};
    snippet_terms_t t = {words, 2, NULL, 0, NULL, 0};
    snippet_t s;
    assert_int_equal(snippet_make(a, text, strlen(text), &t, 120, &s), FOND_OK);
    char m[128];
    marked(&s, m, sizeof m);
    assert_string_equal(m, "Kars|Batumi");
    assert_non_null(strstr(s.text, " \xE2\x80\xA6 ")); /* " … " between */
    assert_true(strlen(s.text) <= 120 + 60 + 16);
    snippet_free(&s);
    analyzer_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_short_passage_whole_and_tidy),
        cmocka_unit_test(test_stems_and_accents_are_marked_as_written),
        cmocka_unit_test(test_long_passage_window_around_matches),
        cmocka_unit_test(test_no_match_shows_the_start),
        cmocka_unit_test(test_a_far_word_gets_a_second_fragment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
