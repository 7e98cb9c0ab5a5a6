/*
 * test_query.c -- the query language as a user meets it: what each
 * operator finds in a small collection, and a one-line error naming the
 * column for every kind of malformed query.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fond.h"

typedef struct {
    char dir[256];
    fond_db_t *db;
} fixture_t;

/* Four small sources; a passage each. */
static const struct { const char *path, *text; } sources[] = {
    {"a.txt", "Title: A\nType: telegram\nDate: 1921-07-03\nFrom: Yusif Kamal\n"
              "To: M. D. Huseynov\n\nThe treaty of Kars was discussed in Ankara.\n"},
    {"b.txt", "Title: B\nType: note\nDate: 1921-09-26\nFrom: Chicherin\n\n"
              "The Kars conference opened; the treaties of Moscow were read.\n"},
    {"c.txt", "Title: C\nType: letter\nDate: 1922-01-26\n\n"
              "Ratification in Nakhchivan and Tiflis, far from Moscow.\n"},
    {"d.txt", "Title: D\nType: telegram\nDate: 1920-12-19\nFrom: Chicherin\n\n"
              "Moscow proposed a conference in Baku about the treaty.\n"},
};

static int setup(void **state)
{
    fixture_t *fx = calloc(1, sizeof *fx);
    const char *base = getenv("FOND_TEST_TMP");
    if (base)
        mkdir(base, 0777);
    snprintf(fx->dir, sizeof fx->dir, "%s/queryXXXXXX", base ? base : "/tmp");
    assert_non_null(mkdtemp(fx->dir));
    char db[300];
    snprintf(db, sizeof db, "%s/db", fx->dir);
    assert_int_equal(fond_db_open(&fx->db, db, FOND_DB_WRITE, NULL), FOND_OK);
    for (size_t i = 0; i < sizeof sources / sizeof *sources; i++)
        assert_int_equal(fond_db_index_text(fx->db, sources[i].path, NULL,
                                            sources[i].text,
                                            strlen(sources[i].text), NULL),
                         FOND_OK);
    assert_int_equal(fond_db_commit(fx->db), FOND_OK);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *fx = *state;
    fond_db_close(fx->db);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
    int rc = system(cmd);
    free(fx);
    return rc;
}

/* The titles of the hits, sorted, as one string: "A,C". */
static void found(fixture_t *fx, const char *query, char *out, size_t size)
{
    fond_results_t *r = NULL;
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    if (fond_db_search(fx->db, query, &o, &r) != FOND_OK)
        fail_msg("%s: %s", query, fond_db_error(fx->db));
    char titles[16] = "";
    for (size_t i = 0; i < fond_results_count(r); i++)
        strcat(titles, fond_results_hit(r, i)->title);
    size_t n = strlen(titles);
    for (size_t i = 0; i < n; i++) /* sort the one-letter titles */
        for (size_t j = i + 1; j < n; j++)
            if (titles[j] < titles[i]) {
                char t = titles[i];
                titles[i] = titles[j];
                titles[j] = t;
            }
    out[0] = '\0';
    for (size_t i = 0; i < n && 2 * i + 2 < size; i++)
        snprintf(out + strlen(out), size - strlen(out), "%s%c", i ? "," : "",
                 titles[i]);
    fond_results_free(r);
}

#define FINDS(query, want)                                                   \
    do {                                                                     \
        char got_[64];                                                       \
        found(fx, query, got_, sizeof got_);                                 \
        if (strcmp(got_, want) != 0)                                         \
            fail_msg("%s: found [%s], wanted [%s]", query, got_, want);      \
    } while (0)

static void test_operators(void **state)
{
    fixture_t *fx = *state;
    FINDS("kars treaty", "A,B");          /* side by side: all, stemmed */
    FINDS("kars AND moscow", "B");
    FINDS("ankara OR baku", "A,D");
    FINDS("moscow NOT kars", "C,D");
    FINDS("moscow -kars", "C,D");
    FINDS("-moscow", "A");
    FINDS("(ankara OR baku) treaty", "A,D");
    FINDS("\"treaty of kars\"", "A");
    FINDS("kars NEAR/2 treaty", "A");
    FINDS("conference NEAR/3 moscow", "D");
    FINDS("ratif*", "C");
    FINDS("treat*", "A,B,D");
}

static void test_loosening_keeps_plus(void **state)
{
    fixture_t *fx = *state;
    FINDS("ankara baku", "A,D");           /* none has both: any */
    FINDS("+ankara baku", "A");            /* + stays required */
    fond_results_t *r = NULL;
    assert_int_equal(fond_db_search(fx->db, "ankara baku", NULL, &r), FOND_OK);
    assert_true(fond_results_loosened(r));
    fond_results_free(r);
}

static void test_fields_and_dates(void **state)
{
    fixture_t *fx = *state;
    FINDS("type:telegram", "A,D");
    FINDS("type:telegram from:chicherin", "D");
    FINDS("to:\"M. D. Huseynov\"", "A");
    FINDS("date:1921", "A,B");            /* C is dated 1922, D 1920 */
    FINDS("date:1921-07", "A");
    FINDS("date:1921-09-26", "B");
    FINDS("date:1921-07..1921-09", "A,B");
    FINDS("date:1920..1921-07-03 moscow", "D");
    FINDS("kars date:1921-09", "B");
}

static void test_variants_by_rule_and_stopwords(void **state)
{
    fixture_t *fx = *state;
    FINDS("Nakhchivan", "C");
    FINDS("Naxchivan", "C");               /* x/kh: the collection has it */
    FINDS("the treaty", "A,B,D");          /* "the" is dropped */
}

static void fails(fixture_t *fx, const char *query, const char *message)
{
    fond_results_t *r = (fond_results_t *)1;
    assert_int_equal(fond_db_search(fx->db, query, NULL, &r), FOND_ERR_QUERY);
    assert_null(r);
    const char *err = fond_db_error(fx->db);
    if (!strstr(err, message))
        fail_msg("%s: said \"%s\", wanted \"%s\"", query, err, message);
    assert_null(strchr(err, '\n'));
}

static void test_malformed_queries(void **state)
{
    fixture_t *fx = *state;
    fails(fx, "kars \"treaty of", "unbalanced quote: this quote is never closed at column 6");
    fails(fx, "(kars OR moscow", "unbalanced parenthesis: this '(' is never closed at column 1");
    fails(fx, "kars)", "this ')' has no '(' at column 5");
    fails(fx, "kars ()", "empty parentheses at column 6");
    fails(fx, "colour:red", "unknown field 'colour'");
    fails(fx, "date:1921-13", "bad date");
    fails(fx, "date:1921-02-30", "bad date");
    fails(fx, "date:1922..1921", "bad date");
    fails(fx, "date:yesterday", "bad date");
    fails(fx, "kars AND", "'AND' has nothing after it at column 6");
    fails(fx, "OR kars", "needs something before it at column 1");
    fails(fx, "kars NEAR/3", "NEAR goes between words or phrases");
    fails(fx, "\xC3\x28", "not valid UTF-8 at byte 1");
    fails(fx, "- , .", "no words");
    char *deep = calloc(200, 1);
    memset(deep, '(', 100);
    fails(fx, deep, "nested too deeply");
    free(deep);
    char *huge = malloc(100 * 1024 + 1);
    memset(huge, 'a', 100 * 1024);
    huge[100 * 1024] = '\0';
    fails(fx, huge, "query too long: 102400 bytes");
    free(huge);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_operators),
        cmocka_unit_test(test_loosening_keeps_plus),
        cmocka_unit_test(test_fields_and_dates),
        cmocka_unit_test(test_variants_by_rule_and_stopwords),
        cmocka_unit_test(test_malformed_queries),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
