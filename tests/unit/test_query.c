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
#include "support.h"

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
static const support_source_t sources[] = {
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
    fx->db = support_db("query", sources, sizeof sources / sizeof *sources,
                        fx->dir, sizeof fx->dir);
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
    FINDS("kars treaty", "A,B,D");        /* side by side: all, stemmed, */
    FINDS("kars AND treaty", "A,B");      /* first (test_soft_conjunction) */
    FINDS("kars AND moscow", "B");
    FINDS("ankara OR baku", "A,D");
    FINDS("moscow NOT kars", "C,D");
    FINDS("moscow -kars", "C,D");
    FINDS("-moscow", "A");
    FINDS("(ankara OR baku) AND treaty", "A,D");
    FINDS("(ankara OR baku) treaty", "A,B,D"); /* A, D first */
    FINDS("kars OR -moscow", "A");       /* "-" in an OR excludes, as in */
    FINDS("-kars OR -moscow", "");       /* AND (it was dropped, or failed */
    FINDS("-* OR -kars", "");            /* with "a query needs a part") */
    FINDS("\"treaty of kars\"", "A");
    FINDS("kars NEAR/2 treaty", "A");
    FINDS("conference NEAR/3 moscow", "D");
    FINDS("ratif*", "C");
    FINDS("treat*", "A,B,D");
}

/* Words side by side: the passages with every word come first, then those
 * with most of them; only a search where none holds every word says it
 * was loosened. */
static void test_soft_conjunction(void **state)
{
    fixture_t *fx = *state;
    fond_results_t *r = NULL;
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    assert_int_equal(fond_db_search(fx->db, "kars treaty moscow", &o, &r), FOND_OK);
    assert_int_equal(fond_results_count(r), 4);
    assert_string_equal(fond_results_hit(r, 0)->title, "B"); /* all three */
    const char *second = fond_results_hit(r, 1)->title;     /* two each */
    const char *third = fond_results_hit(r, 2)->title;
    assert_true((!strcmp(second, "A") && !strcmp(third, "D")) ||
                (!strcmp(second, "D") && !strcmp(third, "A")));
    assert_string_equal(fond_results_hit(r, 3)->title, "C"); /* one */
    assert_false(fond_results_loosened(r));
    for (size_t i = 0; i < 4; i++) /* BM25 weights, without the bonuses */
        assert_true(fond_results_hit(r, i)->score < 100);
    fond_results_free(r);
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
    FINDS("date:0001..1920-12", "D");     /* an open range stays small */
    FINDS("date:1922-02..9999", "");
    FINDS("date:1800 OR ankara", "A");    /* a year no source has */
    FINDS("source:b", "B");               /* the words of the path */
    FINDS("*", "A,B,C,D");                /* every passage, to browse */
    FINDS("* type:telegram", "A,D");
    FINDS("moscow NOT *", "");
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
    fails(fx, "(kars OR moscow) NEAR treaty", "NEAR goes between words or phrases at column 18");
    fails(fx, "date:1921 NEAR treaty", "NEAR goes between words or phrases");
    fails(fx, "kars NEAR treat*", "NEAR goes between words or phrases");
    fails(fx, "kars . NEAR -", "NEAR goes between words or phrases at column 8");
    fails(fx, "kars NEAR -", "NEAR goes between words or phrases at column 6");
    fails(fx, "place:\"\"", "a field needs a word after it");
    fails(fx, "(an place:-)", "Kamal\") at column 5");
    char opis[300] = "kars opis:\"";       /* 21 words of 10 letters */
    for (int i = 0; i < 21; i++)
        strcat(opis, "abcdefghij ");
    strcat(opis, "\"");
    fails(fx, opis, "a field's value is too long (at most 200 bytes) at column 6");
    opis[strlen(opis) - 13] = '\"';            /* 20 words: searched */
    opis[strlen(opis) - 12] = '\0';
    FINDS(opis, "");
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

static fond_results_t *search_with(fixture_t *fx, const char *query,
                                   const fond_search_opts_t *o)
{
    fond_results_t *r = NULL;
    if (fond_db_search(fx->db, query, o, &r) != FOND_OK)
        fail_msg("%s: %s", query, fond_db_error(fx->db));
    return r;
}

static void test_sort_by_date(void **state)
{
    fixture_t *fx = *state;
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    o.sort = FOND_SORT_DATE;
    fond_results_t *r = search_with(fx, "moscow OR kars", &o);
    assert_int_equal(fond_results_count(r), 4);
    const char *order[] = {"D", "A", "B", "C"}; /* 1920, 1921-07, -09, 1922 */
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(fond_results_hit(r, i)->title, order[i]);
    fond_results_free(r);
}

static void test_facets_count_every_match(void **state)
{
    fixture_t *fx = *state;
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    o.facets = 1;
    o.limit = 1; /* the facets still count all four */
    fond_results_t *r = search_with(fx, "moscow OR kars", &o);
    size_t n = 0;
    const fond_facet_t *types = fond_results_facet(r, FOND_FACET_TYPE, &n);
    assert_int_equal(n, 3);
    assert_string_equal(types[0].value, "telegram");
    assert_int_equal(types[0].count, 2);
    const fond_facet_t *years = fond_results_facet(r, FOND_FACET_YEAR, &n);
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += years[i].count;
    assert_int_equal(total, 4);
    fond_results_free(r);
}

static void test_per_source_collapse(void **state)
{
    fixture_t *fx = *state;
    char *long_text = malloc(4096);
    long_text[0] = '\0';
    for (int i = 0; i < 30; i++)
        strcat(long_text, "The treaty of Kars was discussed at length. ");
    assert_int_equal(fond_db_index_text(fx->db, "e.txt", "E", long_text,
                                        strlen(long_text), NULL), FOND_OK);
    assert_int_equal(fond_db_commit(fx->db), FOND_OK);
    free(long_text);
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    o.per_source = 1;
    fond_results_t *r = search_with(fx, "kars", &o);
    size_t from_e = 0, more = 0;
    for (size_t i = 0; i < fond_results_count(r); i++) {
        const fond_hit_t *h = fond_results_hit(r, i);
        if (strcmp(h->title, "E") == 0) {
            from_e++;
            more = h->more_in_source;
        }
    }
    assert_int_equal(from_e, 1);
    assert_true(more >= 1);
    fond_results_free(r);
}

static void test_like_a_passage(void **state)
{
    fixture_t *fx = *state;
    fond_results_t *r = search_with(fx, "ratification", NULL);
    char id[64];
    snprintf(id, sizeof id, "%s", fond_results_hit(r, 0)->id);
    fond_results_free(r);
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    o.like = id;
    r = search_with(fx, "", &o);
    assert_true(fond_results_count(r) > 0);
    for (size_t i = 0; i < fond_results_count(r); i++)
        assert_string_not_equal(fond_results_hit(r, i)->id, id);
    fond_results_free(r);
    o.like = "0000000000000000-9";
    assert_int_equal(fond_db_search(fx->db, "", &o, &r), FOND_ERR_ARG);
    assert_non_null(strstr(fond_db_error(fx->db), "no passage with id"));
}

static void test_kwic_lines(void **state)
{
    fixture_t *fx = *state;
    fond_kwic_t *k = NULL;
    assert_int_equal(fond_db_kwic(fx->db, "moscow", 20, FOND_KWIC_SORT_LEFT,
                                  100, &k), FOND_OK);
    assert_int_equal(fond_kwic_count(k), 3);
    for (size_t i = 0; i < 3; i++) {
        const fond_kwic_line_t *l = fond_kwic_line(k, i);
        assert_string_equal(l->match, "Moscow");
        assert_true(strlen(l->left) <= 20);
    }
    /* sorted by the word to the left: "from", "of", "" (start) */
    assert_string_equal(fond_kwic_line(k, 0)->left, "");
    assert_non_null(strstr(fond_kwic_line(k, 1)->left, "from"));
    fond_kwic_free(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_operators),
        cmocka_unit_test(test_soft_conjunction),
        cmocka_unit_test(test_loosening_keeps_plus),
        cmocka_unit_test(test_fields_and_dates),
        cmocka_unit_test(test_variants_by_rule_and_stopwords),
        cmocka_unit_test(test_malformed_queries),
        cmocka_unit_test(test_sort_by_date),
        cmocka_unit_test(test_facets_count_every_match),
        cmocka_unit_test(test_like_a_passage),
        cmocka_unit_test(test_kwic_lines),
        cmocka_unit_test(test_per_source_collapse), /* adds a source: last */
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
