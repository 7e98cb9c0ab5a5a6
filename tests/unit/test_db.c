/*
 * test_db.c -- the public API end to end on the real narrative: indexing,
 * the passages as stored in the index, searching, and every error path a
 * user can reach (bad text, missing files and databases, bad queries).
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
#include <unistd.h>

#include "fond.h"
#include "ingest.h"
#include "store.h"

#define NARRATIVE FOND_SOURCE_DIR "/corpus/narrative/treaty-of-kars-1921.txt"

typedef struct {
    char dir[256];
    char db[300];
    fond_db_t *handle;
} fixture_t;

static int setup(void **state)
{
    fixture_t *fx = calloc(1, sizeof *fx);
    const char *base = getenv("FOND_TEST_TMP");
    snprintf(fx->dir, sizeof fx->dir, "%s/dbXXXXXX", base ? base : "/tmp");
    if (base)
        mkdir(base, 0777);
    assert_non_null(mkdtemp(fx->dir));
    snprintf(fx->db, sizeof fx->db, "%s/db", fx->dir);
    fond_error_t err;
    assert_int_equal(fond_db_open(&fx->handle, fx->db, FOND_DB_WRITE, &err),
                     FOND_OK);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *fx = *state;
    fond_db_close(fx->handle);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
    int rc = system(cmd);
    free(fx);
    return rc;
}

static void index_narrative(fixture_t *fx, fond_index_result_t *res)
{
    assert_int_equal(fond_db_index_file(fx->handle, NARRATIVE, res), FOND_OK);
    assert_int_equal(fond_db_commit(fx->handle), FOND_OK);
}

/* Append the non-space bytes of s[0, n) to out. */
static size_t squeeze(const char *s, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\r\n\f\v", s[i]))
            out[k++] = s[i];
    return k;
}

/* The passages as the index holds them: bounded, none empty, in order, and
 * together the whole of the repaired source. */
static void test_passages_cover_the_source(void **state)
{
    fixture_t *fx = *state;
    fond_index_result_t res;
    index_narrative(fx, &res);
    assert_true(res.passages > 10);

    store_t *s = NULL;
    assert_int_equal(store_open(&s, fx->db, 0, NULL, 0), FOND_OK);
    char pterm[SCHEMA_SOURCE_TERM_SIZE], *key_text = NULL; /* every passage
                                                             of the source */
    schema_key_t key;
    assert_int_equal(store_get_metadata(s, SCHEMA_ID_KEY, &key_text), FOND_OK);
    assert_int_equal(schema_key_parse(key_text, &key), 0);
    free(key_text);
    schema_source_term(&key, NARRATIVE, pterm);
    store_query_t *q = NULL;
    assert_int_equal(store_query_term(s, &q, pterm, strlen(pterm)), FOND_OK);
    store_mset_t *m = NULL;
    assert_int_equal(store_search(s, &m, q, &(store_search_opts_t){.limit = 10000}), FOND_OK);
    size_t n = store_mset_size(m);
    assert_int_equal(n, res.passages);

    const char **texts = calloc(n, sizeof *texts);
    size_t *lens = calloc(n, sizeof *lens);
    for (size_t i = 0; i < n; i++) {
        size_t vlen;
        unsigned ord = (unsigned)atoi(store_mset_value(m, i, SCHEMA_SLOT_ORDINAL, &vlen));
        assert_true(ord >= 1 && ord <= n);
        assert_null(texts[ord - 1]); /* each ordinal once */
        texts[ord - 1] = store_mset_data(m, i, &lens[ord - 1]);
        assert_true(lens[ord - 1] > 0);
        assert_true(lens[ord - 1] <= FOND_PASSAGE_MAX_BYTES);
    }
    size_t srclen;
    char *src = slurp(NARRATIVE, &srclen), err[256];
    analyzer_t *a = NULL;
    assert_int_equal(analyzer_new(&a, "english"), FOND_OK);
    ingest_t in;
    assert_int_equal(ingest_bytes(&in, src, srclen, NULL, a, NULL, NULL, err,
                                  sizeof err), FOND_OK);
    char *want = malloc(srclen + 1), *got = malloc(srclen + 1);
    size_t wn = squeeze(in.body.text, in.body.len, want), gn = 0;
    for (size_t i = 0; i < n; i++)
        gn += squeeze(texts[i], lens[i], got + gn);
    assert_int_equal(gn, wn);
    assert_memory_equal(got, want, wn);
    ingest_free(&in);
    analyzer_free(a);
    free(want);
    free(got);
    free(src);
    free(texts);
    free(lens);
    store_mset_free(m);
    store_query_free(q);
    store_close(s);
}

static fond_results_t *search(fixture_t *fx, const char *query, size_t limit)
{
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    o.limit = limit;
    fond_results_t *r = NULL;
    assert_int_equal(fond_db_search(fx->handle, query, &o, &r), FOND_OK);
    return r;
}

static void test_search_folds_accents_and_marks_words(void **state)
{
    fixture_t *fx = *state;
    index_narrative(fx, NULL);
    fond_results_t *r = search(fx, "EMIGRES", 10);
    assert_int_equal(fond_results_count(r), 1);
    const fond_hit_t *h = fond_results_hit(r, 0);
    assert_non_null(strstr(h->text, "émigrés"));
    assert_int_equal(h->n_highlights, 1);
    assert_memory_equal(h->snippet + h->highlights[0].start, "émigrés",
                        strlen("émigrés"));
    assert_int_equal(h->rank, 1);
    assert_string_equal(h->path, NARRATIVE);
    assert_string_equal(h->title, ""); /* never its file's name */
    assert_string_equal(h->type, "");
    assert_string_equal(h->language, "english");
    assert_null(fond_results_hit(r, 1));
    fond_results_free(r);
}

static void test_strict_then_loose(void **state)
{
    fixture_t *fx = *state;
    index_narrative(fx, NULL);
    fond_results_t *r = search(fx, "kars chicherin", 5);
    assert_false(fond_results_loosened(r));
    assert_true(fond_results_count(r) > 0);
    fond_results_free(r);
    r = search(fx, "kars xylophone", 5);
    assert_true(fond_results_loosened(r));
    assert_true(fond_results_count(r) > 0);
    fond_results_free(r);
    r = search(fx, "xylophone", 5);
    assert_int_equal(fond_results_count(r), 0);
    assert_int_equal(fond_results_estimate(r), 0);
    fond_results_free(r);
}

static void test_bad_queries_name_the_column(void **state)
{
    fixture_t *fx = *state;
    fond_results_t *r = NULL;
    assert_int_equal(fond_db_search(fx->handle, "kars \"treaty of", NULL, &r),
                     FOND_ERR_QUERY);
    assert_null(r);
    assert_non_null(strstr(fond_db_error(fx->handle), "column 6"));
    assert_int_equal(fond_db_search(fx->handle, "kars \xC3\x28", NULL, &r),
                     FOND_ERR_QUERY);
    assert_non_null(strstr(fond_db_error(fx->handle), "UTF-8"));
    assert_int_equal(fond_db_search(fx->handle, " -- ", NULL, &r),
                     FOND_ERR_QUERY);
    char *huge = malloc(100001);
    memset(huge, 'a', 100000);
    huge[100000] = '\0';
    assert_int_equal(fond_db_search(fx->handle, huge, NULL, &r), FOND_ERR_QUERY);
    assert_non_null(strstr(fond_db_error(fx->handle), "too long"));
    free(huge);
}

static void test_legacy_bytes_are_decoded(void **state)
{
    fixture_t *fx = *state;
    fond_index_result_t res;
    assert_int_equal(fond_db_index_text(fx->handle, "latin1.txt", NULL,
                                        "caf\xE9 au lait", 12, &res), FOND_OK);
    assert_string_equal(res.encoding_how, "detected");
    assert_int_equal(fond_db_commit(fx->handle), FOND_OK);
    fond_results_t *r = search(fx, "cafe", 10);
    assert_int_equal(fond_results_count(r), 1);
    assert_string_equal(fond_results_hit(r, 0)->text, "café au lait");
    fond_results_free(r);
}

static void test_bad_files_are_refused_and_write_nothing(void **state)
{
    fixture_t *fx = *state;
    fond_index_result_t res;
    const char *klingon = "Encoding: klingon-8\n\nbody\n";
    assert_int_equal(fond_db_index_text(fx->handle, "k.txt", NULL, klingon,
                                        strlen(klingon), &res), FOND_ERR_ARG);
    assert_non_null(strstr(fond_db_error(fx->handle), "k.txt: unknown encoding"));
    assert_int_equal(fond_db_index_text(fx->handle, "bin.dat", NULL,
                                        "ELF\0\1\2", 6, &res),
                     FOND_ERR_BINARY);
    assert_non_null(strstr(fond_db_error(fx->handle), "bin.dat: binary"));
    assert_int_equal(fond_db_index_file(fx->handle, "/nonexistent/x.txt", &res),
                     FOND_ERR_IO);
    assert_non_null(strstr(fond_db_error(fx->handle), "No such file"));
    assert_int_equal(fond_db_index_file(fx->handle, FOND_SOURCE_DIR, &res),
                     FOND_ERR_IO);
    assert_int_equal(fond_db_commit(fx->handle), FOND_OK);
    size_t count = 99;
    assert_int_equal(fond_db_passage_count(fx->handle, &count), FOND_OK);
    assert_int_equal(count, 0);
}

static void test_reindex_replaces(void **state)
{
    fixture_t *fx = *state;
    const char *v1 = "The first version. It has two sentences.";
    const char *v2 = "The second version.";
    assert_int_equal(fond_db_index_text(fx->handle, "a.txt", "A", v1,
                                        strlen(v1), NULL), FOND_OK);
    assert_int_equal(fond_db_index_text(fx->handle, "a.txt", "A", v2,
                                        strlen(v2), NULL), FOND_OK);
    assert_int_equal(fond_db_commit(fx->handle), FOND_OK);
    fond_results_t *r = search(fx, "version", 10);
    assert_int_equal(fond_results_count(r), 1);
    assert_string_equal(fond_results_hit(r, 0)->text, v2);
    fond_results_free(r);
}

/* Index n sources, each saying which round (1-4) wrote it, and commit. */
static void write_round(fond_db_t *db, int round, int n)
{
    static const char *const names[] = {"", "first", "second", "third", "fourth"};
    for (int i = 0; i < n; i++) {
        char path[32], text[200];
        snprintf(path, sizeof path, "s%04d.txt", i);
        snprintf(text, sizeof text, "Written in the %s round for source "
                 "w%04d. Filler alpha%d beta%d gamma%d.\n", names[round], i,
                 i * 7, i * 13, round * 10000 + i);
        assert_int_equal(fond_db_index_text(db, path, NULL, text, strlen(text),
                                            NULL), FOND_OK);
    }
    assert_int_equal(fond_db_commit(db), FOND_OK);
}

/* A reader that an indexer overtakes by several commits: Xapian drops the
 * revision it holds; the search must reopen and answer from the newest. */
static void test_reader_overtaken_by_commits(void **state)
{
    fixture_t *fx = *state;
    write_round(fx->handle, 1, 3000);
    fond_db_t *reader = NULL;
    assert_int_equal(fond_db_open(&reader, fx->db, FOND_DB_READ, NULL), FOND_OK);
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    fond_results_t *r = NULL;
    assert_int_equal(fond_db_search(reader, "w0001", &o, &r), FOND_OK);
    assert_non_null(strstr(fond_results_hit(r, 0)->text, "first round"));
    fond_results_free(r);
    for (int round = 2; round <= 4; round++)
        write_round(fx->handle, round, 3000);
    fond_status_t st = fond_db_search(reader, "w2999", &o, &r);
    if (st != FOND_OK)
        fail_msg("search after 3 commits: %s", fond_db_error(reader));
    assert_int_equal(fond_results_count(r), 1);
    assert_non_null(strstr(fond_results_hit(r, 0)->text, "fourth round"));
    fond_results_free(r);
    fond_db_close(reader);
}

static void test_missing_database(void **state)
{
    (void)state;
    fond_db_t *db = (fond_db_t *)1;
    fond_error_t err;
    assert_int_equal(fond_db_open(&db, "/nonexistent/fond-db", FOND_DB_READ, &err),
                     FOND_ERR_NODB);
    assert_null(db);
    assert_non_null(strstr(err.message, "/nonexistent/fond-db"));
    assert_string_equal(fond_status_str(FOND_ERR_LOCKED),
                        "database is locked by another indexer");
}

static void test_default_path(void **state)
{
    (void)state;
    char *p = NULL;
    setenv("FOND_DB", "/x/db", 1);
    assert_int_equal(fond_db_default_path(&p), FOND_OK);
    assert_string_equal(p, "/x/db");
    free(p);
    unsetenv("FOND_DB");
    setenv("XDG_DATA_HOME", "/data", 1);
    assert_int_equal(fond_db_default_path(&p), FOND_OK);
    assert_string_equal(p, "/data/fond/db");
    free(p);
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "/home/h", 1);
    assert_int_equal(fond_db_default_path(&p), FOND_OK);
    assert_string_equal(p, "/home/h/.local/share/fond/db");
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_passages_cover_the_source, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_folds_accents_and_marks_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_strict_then_loose, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_queries_name_the_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_legacy_bytes_are_decoded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_files_are_refused_and_write_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reindex_replaces, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reader_overtaken_by_commits, setup, teardown),
        cmocka_unit_test(test_missing_database),
        cmocka_unit_test(test_default_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
