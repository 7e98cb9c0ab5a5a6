/*
 * test_query.c -- parsing what a user types: which words are kept, what
 * becomes a phrase, and the one-line errors for malformed queries.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "query.h"

typedef struct {
    analyzer_t *a;
    query_langs_t langs;
    char err[256];
} fixture_t;

static int setup(void **state)
{
    fixture_t *fx = calloc(1, sizeof *fx);
    assert_int_equal(analyzer_new(&fx->a, "english"), FOND_OK);
    fx->langs.analyzers[0] = fx->a;
    fx->langs.n = 1;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *fx = *state;
    analyzer_free(fx->a);
    free(fx);
    return 0;
}

static query_t *parse_ok(fixture_t *fx, const char *text)
{
    query_t *q = NULL;
    assert_int_equal(query_parse(&q, &fx->langs, text, fx->err, sizeof fx->err),
                     FOND_OK);
    return q;
}

static void parse_fails(fixture_t *fx, const char *text, const char *msg)
{
    query_t *q = (query_t *)1;
    assert_int_equal(query_parse(&q, &fx->langs, text, fx->err, sizeof fx->err),
                     FOND_ERR_QUERY);
    assert_null(q);
    assert_non_null(strstr(fx->err, msg));
    assert_null(strchr(fx->err, '\n'));
}

static void test_question_keeps_content_words(void **state)
{
    fixture_t *fx = *state;
    query_t *q = parse_ok(fx, "when was the treaty of kars signed");
    assert_int_equal(query_item_count(q), 3);
    const snippet_terms_t *t = query_snippet_terms(q);
    assert_int_equal(t->n_words, 3);
    assert_string_equal(t->words[0], "treaty");
    assert_string_equal(t->words[2], "signed");
    assert_string_equal(t->stems[2], "sign");
    query_free(q);
}

static void test_only_stopwords_are_kept(void **state)
{
    fixture_t *fx = *state;
    query_t *q = parse_ok(fx, "The Of");
    assert_int_equal(query_item_count(q), 2);
    query_free(q);
}

static void test_phrases(void **state)
{
    fixture_t *fx = *state;
    query_t *q = parse_ok(fx, "\"Treaty of Moscow\" Kars");
    assert_int_equal(query_item_count(q), 2);
    /* phrase words are matched exactly: no stems for them */
    assert_int_equal(query_snippet_terms(q)->n_stems, 1);
    query_free(q);
    q = parse_ok(fx, "Turkey-South");
    assert_int_equal(query_item_count(q), 1);
    assert_int_equal(query_snippet_terms(q)->n_stems, 0);
    query_free(q);
}

static void test_fields_filter_without_weight(void **state)
{
    fixture_t *fx = *state;
    query_t *q = parse_ok(fx, "type:telegram from:Huseynov consent");
    assert_int_equal(query_item_count(q), 1); /* only "consent" is ranked */
    assert_int_equal(query_snippet_terms(q)->n_words, 1);
    query_free(q);
    q = parse_ok(fx, "to:\"Yusif Kamal\"");
    assert_int_equal(query_item_count(q), 0);
    query_free(q);
    parse_fails(fx, "kars colour:red", "unknown field 'colour' at column 6");
}

static void test_every_language_stems(void **state)
{
    fixture_t *fx = *state;
    analyzer_t *ru = NULL;
    assert_int_equal(analyzer_new(&ru, "russian"), FOND_OK);
    fx->langs.analyzers[1] = ru;
    fx->langs.n = 2;
    query_t *q = parse_ok(fx, "договора");
    const snippet_terms_t *t = query_snippet_terms(q);
    int russian_stem = 0;
    for (size_t i = 0; i < t->n_stems; i++)
        russian_stem |= strcmp(t->stems[i], "договор") == 0;
    assert_true(russian_stem);
    query_free(q);
    analyzer_free(ru);
}

static void test_malformed(void **state)
{
    fixture_t *fx = *state;
    parse_fails(fx, "kars \"treaty", "column 6");
    parse_fails(fx, "\xC3\x28", "not valid UTF-8 at byte 1");
    parse_fails(fx, "\"\"", "no words");
    parse_fails(fx, "- , .", "no words");
    char *big = malloc(QUERY_MAX_BYTES + 2);
    memset(big, 'x', QUERY_MAX_BYTES + 1);
    big[QUERY_MAX_BYTES + 1] = '\0';
    parse_fails(fx, big, "too long");
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_question_keeps_content_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_only_stopwords_are_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_phrases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fields_filter_without_weight, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_language_stems, setup, teardown),
        cmocka_unit_test_setup_teardown(test_malformed, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
