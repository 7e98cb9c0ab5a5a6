/*
 * test_wordcount.c -- the batch's word count (wordcount.h): each distinct
 * word once with its count, through growth far past the first table, the
 * cap on distinct words, words that differ only in length, and clearing;
 * wordcount_has() agreeing with the walk.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wordcount.h"

/* The count of word, by walking the whole table; 0 if absent (and checks
 * that no word comes twice). */
static unsigned count_of(const wordcount_t *c, const char *want)
{
    const char *word;
    unsigned count, found = 0, seen = 0;
    for (size_t at = 0; wordcount_next(c, &at, &word, &count);) {
        if (strcmp(word, want) == 0) {
            found = count;
            seen++;
        }
    }
    assert_true(seen <= 1);
    return found;
}

static void add(wordcount_t *c, const char *word, unsigned n, size_t max)
{
    assert_int_equal(wordcount_add(c, word, strlen(word), n, max), FOND_OK);
}

static void test_counts_each_word_once(void **state)
{
    (void)state;
    wordcount_t *c = NULL;
    assert_int_equal(wordcount_new(&c), FOND_OK);
    add(c, "treaty", 1, 100);
    add(c, "kars", 2, 100);
    add(c, "treaty", 3, 100);
    add(c, "treat", 1, 100); /* a prefix of a word held is a word apart */
    assert_int_equal(wordcount_size(c), 3);
    assert_int_equal(count_of(c, "treaty"), 4);
    assert_int_equal(count_of(c, "kars"), 2);
    assert_int_equal(count_of(c, "treat"), 1);
    assert_int_equal(count_of(c, "moscow"), 0);
    /* a word is its bytes, not a C string's: the length counts */
    assert_int_equal(wordcount_add(c, "karsx", 4, 5, 100), FOND_OK);
    assert_int_equal(count_of(c, "kars"), 7);
    /* wordcount_has agrees with the walk, by length too */
    assert_true(wordcount_has(c, "kars", 4));
    assert_true(wordcount_has(c, "treatx", 5));
    assert_false(wordcount_has(c, "moscow", 6));
    assert_false(wordcount_has(c, "kar", 3));
    wordcount_free(c);
}

static void test_grows_and_caps(void **state)
{
    (void)state;
    wordcount_t *c = NULL;
    assert_int_equal(wordcount_new(&c), FOND_OK);
    char word[32];
    /* far more words than the first table holds, each added twice */
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 50000; i++) {
            snprintf(word, sizeof word, "w%d", i);
            add(c, word, (unsigned)(i % 7 + 1), 60000);
        }
    assert_int_equal(wordcount_size(c), 50000);
    assert_int_equal(count_of(c, "w0"), 2);
    assert_int_equal(count_of(c, "w49999"), 2 * (49999 % 7 + 1));
    size_t words = 0, total = 0;
    const char *w;
    unsigned n;
    for (size_t at = 0; wordcount_next(c, &at, &w, &n);)
        words++, total += n;
    assert_int_equal(words, 50000);
    size_t want = 0;
    for (int i = 0; i < 50000; i++)
        want += 2 * (size_t)(i % 7 + 1);
    assert_int_equal(total, want);
    /* full: a new word is left out, a word held still counts */
    add(c, "new", 1, 50000);
    assert_int_equal(count_of(c, "new"), 0);
    add(c, "w1", 10, 50000);
    assert_int_equal(count_of(c, "w1"), 2 * 2 + 10);
    /* cleared: empty, and counting again from nothing */
    wordcount_clear(c);
    assert_int_equal(wordcount_size(c), 0);
    assert_int_equal(count_of(c, "w1"), 0);
    assert_false(wordcount_has(c, "w1", 2));
    add(c, "w1", 1, 50000);
    assert_int_equal(count_of(c, "w1"), 1);
    assert_int_equal(wordcount_size(c), 1);
    wordcount_free(c);
    wordcount_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_each_word_once),
        cmocka_unit_test(test_grows_and_caps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
