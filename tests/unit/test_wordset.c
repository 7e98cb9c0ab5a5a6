/*
 * test_wordset.c -- the set of distinct words (wordset.h) repair.c keeps a
 * source's vocabulary in: each word once however often added, words that
 * differ only in length, growth far past the first table.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "wordset.h"

static void add(wordset_t *set, const char *word)
{
    assert_int_equal(wordset_add(set, word, strlen(word)), FOND_OK);
}

static void test_holds_each_word_once(void **state)
{
    (void)state;
    wordset_t *set = NULL;
    assert_int_equal(wordset_new(&set), FOND_OK);
    add(set, "treaty");
    add(set, "kars");
    add(set, "treaty");
    add(set, "treat"); /* a prefix of a word held is a word apart */
    assert_int_equal(wordset_size(set), 3);
    assert_true(wordset_has(set, "treaty", 6));
    assert_true(wordset_has(set, "treat", 5));
    assert_false(wordset_has(set, "moscow", 6));
    /* a word is its bytes, not a C string's: the length counts */
    assert_int_equal(wordset_add(set, "karsx", 4), FOND_OK);
    assert_int_equal(wordset_size(set), 3);
    assert_true(wordset_has(set, "kars", 4));
    assert_true(wordset_has(set, "treatx", 5));
    assert_false(wordset_has(set, "kar", 3));
    assert_false(wordset_has(set, "karsx", 5));
    wordset_free(set);
}

static void test_grows(void **state)
{
    (void)state;
    wordset_t *set = NULL;
    assert_int_equal(wordset_new(&set), FOND_OK);
    char word[32];
    /* far more words than the first table holds, each added twice */
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 50000; i++) {
            snprintf(word, sizeof word, "w%d", i);
            add(set, word);
        }
    assert_int_equal(wordset_size(set), 50000);
    for (int i = 0; i < 50000; i++) {
        snprintf(word, sizeof word, "w%d", i);
        assert_true(wordset_has(set, word, strlen(word)));
    }
    assert_false(wordset_has(set, "w50000", 6));
    assert_false(wordset_has(set, "w", 1));
    wordset_free(set);
    wordset_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_holds_each_word_once),
        cmocka_unit_test(test_grows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
