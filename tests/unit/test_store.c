/*
 * test_store.c -- the C API over Xapian: Xapian's errors come back as
 * statuses with messages a user can read, and documents, queries and
 * searches do what store.h says.
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

#include "store.h"

typedef struct {
    char dir[256], db[300];
} fixture_t;

static int setup(void **state)
{
    fixture_t *fx = calloc(1, sizeof *fx);
    const char *base = getenv("FOND_TEST_TMP");
    if (base)
        mkdir(base, 0777);
    snprintf(fx->dir, sizeof fx->dir, "%s/storeXXXXXX", base ? base : "/tmp");
    assert_non_null(mkdtemp(fx->dir));
    snprintf(fx->db, sizeof fx->db, "%s/db", fx->dir);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *fx = *state;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
    int rc = system(cmd);
    free(fx);
    return rc;
}

static void add_doc(store_t *s, const char *id, const char *words, const char *src)
{
    store_doc_t *d = NULL;
    assert_int_equal(store_doc_new(s, &d), FOND_OK);
    char w[64];
    unsigned pos = 1;
    for (const char *p = words; *p;) {
        size_t n = strcspn(p, " ");
        assert_int_equal(store_doc_add_posting(d, p, n, pos++), FOND_OK);
        p += n + (p[n] == ' ');
    }
    snprintf(w, sizeof w, "Q%s", id);
    assert_int_equal(store_doc_add_term(d, w, strlen(w)), FOND_OK);
    assert_int_equal(store_doc_add_term(d, src, strlen(src)), FOND_OK);
    assert_int_equal(store_doc_set_data(d, words, strlen(words)), FOND_OK);
    assert_int_equal(store_doc_set_value(d, SCHEMA_SLOT_ID, id, strlen(id)), FOND_OK);
    assert_int_equal(store_doc_add(s, d), FOND_OK);
    store_doc_free(d);
}

static store_t *three_docs(fixture_t *fx)
{
    store_t *s = NULL;
    assert_int_equal(store_open(&s, fx->db, 1, NULL, 0), FOND_OK);
    add_doc(s, "a", "treaty of kars signed", "XSRCone");
    add_doc(s, "b", "kars treaty talks", "XSRCone");
    add_doc(s, "c", "moscow treaty of friendship", "XSRCtwo");
    assert_int_equal(store_commit(s), FOND_OK);
    return s;
}

/* The ids of a query's hits, best first, joined by ','. */
static void ids(store_t *s, store_query_t *q, char *out, size_t size)
{
    store_mset_t *m = NULL;
    assert_int_equal(store_search(s, &m, q, &(store_search_opts_t){.limit = 10}), FOND_OK);
    out[0] = '\0';
    for (size_t i = 0; i < store_mset_size(m); i++) {
        size_t len;
        const char *id = store_mset_value(m, i, SCHEMA_SLOT_ID, &len);
        snprintf(out + strlen(out), size - strlen(out), "%s%.*s", i ? "," : "",
                 (int)len, id);
    }
    store_mset_free(m);
    store_query_free(q);
}

static store_query_t *term(store_t *s, const char *t)
{
    store_query_t *q = NULL;
    assert_int_equal(store_query_term(s, &q, t, strlen(t)), FOND_OK);
    return q;
}

static store_query_t *two(store_t *s, store_op_t op, const char *a, const char *b)
{
    store_query_t *parts[2] = {term(s, a), term(s, b)}, *q = NULL;
    assert_int_equal(store_query_combine(s, &q, op, parts, 2, 2), FOND_OK);
    store_query_free(parts[0]);
    store_query_free(parts[1]);
    return q;
}

static void test_missing_database_is_a_status(void **state)
{
    fixture_t *fx = *state;
    store_t *s = (store_t *)1;
    char err[256];
    assert_int_equal(store_open(&s, fx->db, 0, err, sizeof err), FOND_ERR_NODB);
    assert_null(s);
    assert_non_null(strstr(err, "no fond database at"));
    assert_non_null(strstr(err, fx->db));
    assert_null(strstr(err, "Xapian::")); /* no C++ names for users */
    assert_int_equal(store_open(&s, fx->db, 0, NULL, 0), FOND_ERR_NODB);
}

static void test_second_writer_is_locked_out(void **state)
{
    fixture_t *fx = *state;
    store_t *first = NULL, *second = (store_t *)1;
    char err[256];
    assert_int_equal(store_open(&first, fx->db, 1, NULL, 0), FOND_OK);
    assert_int_equal(store_open(&second, fx->db, 1, err, sizeof err),
                     FOND_ERR_LOCKED);
    assert_null(second);
    assert_non_null(strstr(err, "locked by another indexer"));
    assert_int_equal(store_close(first), FOND_OK);
}

static void test_a_file_is_not_a_database(void **state)
{
    fixture_t *fx = *state;
    char path[400];
    snprintf(path, sizeof path, "%s/file", fx->dir);
    FILE *f = fopen(path, "w");
    fputs("not a database\n", f);
    fclose(f);
    store_t *s = NULL;
    char err[256];
    assert_int_not_equal(store_open(&s, path, 0, err, sizeof err), FOND_OK);
    assert_null(s);
    assert_true(strlen(err) > 0);
    assert_int_not_equal(store_open(&s, path, 1, err, sizeof err), FOND_OK);
}

static void test_queries(void **state)
{
    fixture_t *fx = *state;
    store_t *s = three_docs(fx);
    char got[64];
    size_t count = 0;
    assert_int_equal(store_doc_count(s, &count), FOND_OK);
    assert_int_equal(count, 3);
    ids(s, two(s, STORE_OP_PHRASE, "treaty", "of"), got, sizeof got);
    assert_true(!strcmp(got, "a,c") || !strcmp(got, "c,a"));
    ids(s, two(s, STORE_OP_PHRASE, "kars", "treaty"), got, sizeof got);
    assert_string_equal(got, "b");
    ids(s, two(s, STORE_OP_AND, "kars", "signed"), got, sizeof got);
    assert_string_equal(got, "a");
    ids(s, two(s, STORE_OP_AND_NOT, "treaty", "kars"), got, sizeof got);
    assert_string_equal(got, "c");
    ids(s, two(s, STORE_OP_FILTER, "treaty", "XSRCtwo"), got, sizeof got);
    assert_string_equal(got, "c");
    ids(s, two(s, STORE_OP_OR, "signed", "moscow"), got, sizeof got);
    assert_int_equal(strlen(got), 3);
    store_query_t *q = NULL;
    assert_int_equal(store_query_combine(s, &q, STORE_OP_AND, NULL, 0, 0),
                     FOND_ERR_ARG);
    assert_null(q);
    size_t freq = 0;
    assert_int_equal(store_term_freq(s, "treaty", &freq), FOND_OK);
    assert_int_equal(freq, 3);
    assert_int_equal(store_close(s), FOND_OK);
}

/* The weight of the first hit of q (freed). */
static double top_weight(store_t *s, store_query_t *q)
{
    store_mset_t *m = NULL;
    assert_int_equal(store_search(s, &m, q, &(store_search_opts_t){.limit = 1}), FOND_OK);
    double w = store_mset_size(m) ? store_mset_weight(m, 0) : -1;
    store_mset_free(m);
    store_query_free(q);
    return w;
}

static int list_term(void *ctx, const char *term)
{
    char *out = ctx;
    if (strlen(out) + strlen(term) + 2 > 64)
        return 1; /* stop */
    strcat(strcat(out, *out ? "," : ""), term);
    return strcmp(term, "talks") == 0; /* stop after "talks" */
}

/* What query.c ranks with: word families as one term, scaled weights,
 * phrases over alternatives within a window, terms by prefix. */
static void test_ranking_parts(void **state)
{
    fixture_t *fx = *state;
    store_t *s = three_docs(fx);
    char got[64];
    ids(s, two(s, STORE_OP_SYNONYM, "signed", "moscow"), got, sizeof got);
    assert_true(!strcmp(got, "a,c") || !strcmp(got, "c,a"));

    double plain = top_weight(s, term(s, "signed"));
    store_query_t *q = NULL, *t = term(s, "signed");
    assert_int_equal(store_query_scale(s, &q, t, 0.5), FOND_OK);
    assert_true(plain > 0);
    double half = top_weight(s, q);
    assert_true(half > 0.499 * plain && half < 0.501 * plain);
    assert_int_equal(store_query_scale(s, &q, t, 0.0), FOND_OK);
    assert_true(top_weight(s, q) == 0.0);
    store_query_free(t);

    /* "kars" or "moscow", then "treaty" within 3 positions, in that order */
    store_query_t *either = two(s, STORE_OP_OR, "kars", "moscow");
    store_query_t *parts[2] = {either, term(s, "treaty")};
    assert_int_equal(store_query_combine(s, &q, STORE_OP_PHRASE, parts, 2, 3), FOND_OK);
    ids(s, q, got, sizeof got);
    assert_true(!strcmp(got, "b,c") || !strcmp(got, "c,b"));
    store_query_free(parts[0]);
    store_query_free(parts[1]);

    got[0] = '\0';
    assert_int_equal(store_terms(s, "t", list_term, got), FOND_OK);
    assert_string_equal(got, "talks"); /* in order; the callback stopped it */
    got[0] = '\0';
    assert_int_equal(store_terms(s, "tr", list_term, got), FOND_OK);
    assert_string_equal(got, "treaty");
    got[0] = '\0';
    assert_int_equal(store_terms(s, "zz", list_term, got), FOND_OK);
    assert_string_equal(got, "");
    assert_int_equal(store_close(s), FOND_OK);
}

static void test_data_values_and_paging(void **state)
{
    fixture_t *fx = *state;
    store_t *s = three_docs(fx);
    store_mset_t *m = NULL;
    store_query_t *q = term(s, "signed");
    assert_int_equal(store_search(s, &m, q, &(store_search_opts_t){.limit = 10}), FOND_OK);
    assert_int_equal(store_mset_size(m), 1);
    size_t len;
    assert_string_equal(store_mset_data(m, 0, &len), "treaty of kars signed");
    assert_string_equal(store_mset_value(m, 0, SCHEMA_SLOT_TITLE, &len), "");
    assert_true(store_mset_weight(m, 0) > 0);
    store_mset_free(m);
    assert_int_equal(store_search(s, &m, q, &(store_search_opts_t){.offset = 5, .limit = 10}), FOND_OK);
    assert_int_equal(store_mset_size(m), 0);
    store_mset_free(m);
    store_query_free(q);
    assert_int_equal(store_close(s), FOND_OK);
}

/* Twelve passages of "kars" in three sources (5, 4, 3), the first six of
 * them telegrams; three of "moscow". */
static store_t *twelve_docs(fixture_t *fx)
{
    store_t *s = NULL;
    assert_int_equal(store_open(&s, fx->db, 1, NULL, 0), FOND_OK);
    for (int i = 0; i < 15; i++) {
        store_doc_t *d = NULL;
        char id[8], src[4];
        snprintf(id, sizeof id, "Qk%d", i);
        snprintf(src, sizeof src, "s%d", i < 5 ? 1 : i < 9 ? 2 : 3);
        assert_int_equal(store_doc_new(s, &d), FOND_OK);
        assert_int_equal(store_doc_add_posting(d, i < 12 ? "kars" : "moscow", i < 12 ? 4 : 6, 1), FOND_OK);
        assert_int_equal(store_doc_add_term(d, id, strlen(id)), FOND_OK);
        assert_int_equal(store_doc_set_value(d, SCHEMA_SLOT_SOURCE, src, 2), FOND_OK);
        if (i < 6)
            assert_int_equal(store_doc_set_value(d, SCHEMA_SLOT_TYPE, "telegram", 8), FOND_OK);
        assert_int_equal(store_doc_add(s, d), FOND_OK);
        store_doc_free(d);
    }
    assert_int_equal(store_commit(s), FOND_OK);
    return s;
}

/* Up to count_max matches, every count is a count whatever the page: the
 * passages, the sources, the list's length after a collapse to 2 a source,
 * each hit's passages left out, and a facet with the passages without a
 * value last; beyond, they are said to be estimates.  The query weighs
 * "kars" with a posting source, as the soft reading does, which with a
 * collapse leaves Xapian's upper bound at every document (15): the counts
 * are exact all the same. */
static void test_counts_exact_up_to_count_max(void **state)
{
    fixture_t *fx = *state;
    store_t *s = twelve_docs(fx);
    store_query_t *parts[2] = {term(s, "kars"), NULL}, *q = NULL;
    assert_int_equal(store_query_constant(s, &parts[1], parts[0], 1.0), FOND_OK);
    assert_int_equal(store_query_combine(s, &q, STORE_OP_OR, parts, 2, 0), FOND_OK);
    store_query_free(parts[0]);
    store_query_free(parts[1]);
    store_search_opts_t o = {.limit = 1, .collapse_max = 2, .count_max = 100,
                             .facet_slots = {SCHEMA_SLOT_TYPE}, .n_facets = 1};
    for (size_t offset = 0; offset < 7; offset += 3) {
        store_mset_t *m = NULL;
        o.offset = offset;
        assert_int_equal(store_search(s, &m, q, &o), FOND_OK);
        assert_true(store_mset_exact(m));
        assert_int_equal(store_mset_matched(m), 12);
        assert_int_equal(store_mset_sources(m), 3);
        assert_int_equal(store_mset_results(m), 6);
        size_t n = 0;
        const store_facet_t *f = store_mset_facet(m, 0, &n);
        assert_int_equal(n, 2);
        assert_string_equal(f[0].value, "telegram");
        assert_int_equal(f[0].count, 6);
        assert_string_equal(f[1].value, "");
        assert_int_equal(f[1].count, 6);
        assert_int_equal(store_mset_size(m), offset < 6);
        store_mset_free(m);
    }
    /* the whole list: 2 of each source, each hit saying how many of its
     * source are left out (3, 2 and 1, twice each) */
    store_mset_t *m = NULL;
    o.offset = 0;
    o.limit = 10;
    assert_int_equal(store_search(s, &m, q, &o), FOND_OK);
    assert_int_equal(store_mset_size(m), 6);
    size_t left_out[4] = {0};
    for (size_t i = 0; i < 6; i++)
        left_out[store_mset_collapsed(m, i) < 4 ? store_mset_collapsed(m, i) : 0]++;
    assert_int_equal(left_out[1], 2);
    assert_int_equal(left_out[2], 2);
    assert_int_equal(left_out[3], 2);
    store_mset_free(m);
    o.count_max = 3; /* 3 counted, and up to 15 may match */
    assert_int_equal(store_search(s, &m, q, &o), FOND_OK);
    assert_false(store_mset_exact(m));
    store_mset_free(m);
    store_query_free(q);
    assert_int_equal(store_close(s), FOND_OK);
}

/* A source re-indexed: its passages deleted by its term, the new ones
 * added. */
/* Every shown field (a slot with a tag, schema.h) of a passage that holds
 * its source's record comes back as written, beside a text with line
 * breaks; a NUL ends a value; slots only the matcher reads show as "";
 * a blob's bytes come back all, NULs and all. */
static void test_shown_values_round_trip(void **state)
{
    fixture_t *fx = *state;
    store_t *s = NULL;
    assert_int_equal(store_open(&s, fx->db, 1, NULL, 0), FOND_OK);
    store_doc_t *d = NULL;
    assert_int_equal(store_doc_new(s, &d), FOND_OK);
    store_doc_set_record(d);
    assert_int_equal(store_doc_add_posting(d, "kars", 4, 1), FOND_OK);
    const char text[] = "Kars,\n13 October 1921.";
    assert_int_equal(store_doc_set_data(d, text, strlen(text)), FOND_OK);
    char v[16];
    for (unsigned slot = 0; slot < SCHEMA_SLOTS; slot++) {
        snprintf(v, sizeof v, "value %u", slot);
        assert_int_equal(store_doc_set_value(d, slot, v, strlen(v) + 1), FOND_OK);
    }
    assert_int_equal(store_doc_add(s, d), FOND_OK);
    store_doc_free(d);
    assert_int_equal(store_commit(s), FOND_OK);
    store_mset_t *m = NULL;
    store_query_t *q = term(s, "kars");
    assert_int_equal(store_search(s, &m, q, &(store_search_opts_t){.limit = 10}), FOND_OK);
    size_t len;
    assert_string_equal(store_mset_data(m, 0, &len), text);
    assert_int_equal(len, strlen(text));
    for (unsigned slot = 0; slot < SCHEMA_SLOTS; slot++) {
        snprintf(v, sizeof v, "value %u", slot);
        const char *got = store_mset_value(m, 0, slot, &len);
        if (SCHEMA_BLOB_SLOT(slot)) { /* bytes as given, its NUL too */
            assert_int_equal(len, strlen(v) + 1);
            assert_memory_equal(got, v, len);
            continue;
        }
        assert_string_equal(got, schema_slot_tag(slot) ? v : "");
        assert_int_equal(len, strlen(got));
    }
    store_mset_free(m);
    store_query_free(q);
    assert_int_equal(store_close(s), FOND_OK);
}

static void test_delete_then_add(void **state)
{
    fixture_t *fx = *state;
    store_t *s = three_docs(fx);
    size_t count = 0;
    assert_int_equal(store_delete_term(s, "XSRCone"), FOND_OK);
    assert_int_equal(store_doc_count(s, &count), FOND_OK);
    assert_int_equal(count, 1);
    add_doc(s, "a", "treaty of kars ratified", "XSRCone");
    assert_int_equal(store_commit(s), FOND_OK);
    assert_int_equal(store_doc_count(s, &count), FOND_OK);
    assert_int_equal(count, 2);
    assert_int_equal(store_close(s), FOND_OK);
}

static void test_readers_see_only_commits(void **state)
{
    fixture_t *fx = *state;
    store_t *w = three_docs(fx), *r = NULL;
    assert_int_equal(store_open(&r, fx->db, 0, NULL, 0), FOND_OK);
    add_doc(w, "d", "uncommitted words", "XSRCthree");
    size_t count = 0;
    assert_int_equal(store_doc_count(r, &count), FOND_OK);
    assert_int_equal(count, 3);
    assert_int_equal(store_delete_term(r, "XSRCone"), FOND_ERR_ARG);
    assert_int_equal(store_close(r), FOND_OK);
    assert_int_equal(store_close(w), FOND_OK);
}

/* Xapian writes its buffer out every XAPIAN_FLUSH_THRESHOLD documents and,
 * outside a transaction, commits then: a reader would see half a batch. */
static void test_flushes_are_not_commits(void **state)
{
    fixture_t *fx = *state;
    store_t *w = three_docs(fx), *r = NULL;
    store_close(w);
    setenv("XAPIAN_FLUSH_THRESHOLD", "2", 1); /* read when a writer opens */
    assert_int_equal(store_open(&w, fx->db, 1, NULL, 0), FOND_OK);
    unsetenv("XAPIAN_FLUSH_THRESHOLD");
    assert_int_equal(store_open(&r, fx->db, 0, NULL, 0), FOND_OK);
    const char *ids[] = {"d", "e", "f", "g", "h"};
    for (size_t i = 0; i < 5; i++)
        add_doc(w, ids[i], "a batch of five", "XSRCbatch");
    size_t count = 0;
    assert_int_equal(store_reopen(r), FOND_OK);
    assert_int_equal(store_doc_count(r, &count), FOND_OK);
    assert_int_equal(count, 3);
    assert_int_equal(store_commit(w), FOND_OK);
    assert_int_equal(store_reopen(r), FOND_OK);
    assert_int_equal(store_doc_count(r, &count), FOND_OK);
    assert_int_equal(count, 8);
    assert_int_equal(store_close(r), FOND_OK);
    assert_int_equal(store_close(w), FOND_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_missing_database_is_a_status, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_writer_is_locked_out, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_file_is_not_a_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_queries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ranking_parts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_data_values_and_paging, setup, teardown),
        cmocka_unit_test_setup_teardown(test_counts_exact_up_to_count_max, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shown_values_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delete_then_add, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flushes_are_not_commits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readers_see_only_commits, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
