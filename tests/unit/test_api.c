/*
 * test_api.c -- the promises of lib/fond.h about its own use: misuse (NULL
 * where a handle, string or out-parameter is needed) is FOND_ERR_ARG with a
 * message naming the call, never a crash; every options struct's _INIT
 * holds its defaults; fond_db_shard_count says when a stub cannot be read.
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

static char dir[256];

static int setup(void **state)
{
    const char *base = getenv("FOND_TEST_TMP");
    snprintf(dir, sizeof dir, "%s/apiXXXXXX", base ? base : "/tmp");
    if (base)
        mkdir(base, 0777);
    assert_non_null(mkdtemp(dir));
    (void)state;
    return 0;
}

static int teardown(void **state)
{
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    (void)state;
    return system(cmd);
}

/* Misuse on a handle: FOND_ERR_ARG, and the message names the call. */
static void test_misuse_is_an_error(void **state)
{
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/db", dir);
    fond_error_t err;
    fond_db_t *db = NULL;
    assert_int_equal(fond_db_open(NULL, path, FOND_DB_WRITE, &err), FOND_ERR_ARG);
    assert_non_null(strstr(err.message, "fond_db_open"));
    assert_int_equal(fond_db_open(&db, NULL, FOND_DB_WRITE, &err), FOND_ERR_ARG);
    assert_null(db);
    assert_int_equal(fond_db_open(&db, path, FOND_DB_WRITE, &err), FOND_OK);

    fond_results_t *r = NULL;
    assert_int_equal(fond_db_search(db, "kars", NULL, NULL), FOND_ERR_ARG);
    assert_non_null(strstr(fond_db_error(db), "fond_db_search"));
    assert_int_equal(fond_db_search(NULL, "kars", NULL, &r), FOND_ERR_ARG);
    assert_null(r);
    assert_int_equal(fond_db_index_file(db, NULL, NULL), FOND_ERR_ARG);
    assert_non_null(strstr(fond_db_error(db), "fond_db_index_file"));
    assert_int_equal(fond_db_index_text(db, NULL, NULL, "x", 1, NULL), FOND_ERR_ARG);
    assert_int_equal(fond_db_show(db, NULL, NULL, &r), FOND_ERR_ARG);
    assert_int_equal(fond_db_kwic(db, NULL, 30, FOND_KWIC_SOURCE_ORDER, 10, NULL),
                     FOND_ERR_ARG);
    assert_int_equal(fond_db_set_extract(db, NULL), FOND_ERR_ARG);
    assert_int_equal(fond_db_sync_file(db, path, NULL, NULL), FOND_ERR_ARG);
    assert_int_equal(fond_db_remove_source(db, NULL), FOND_ERR_ARG);
    assert_int_equal(fond_db_load_variants(db, NULL, NULL), FOND_ERR_ARG);
    assert_int_equal(fond_db_passage_count(db, NULL), FOND_ERR_ARG);
    assert_int_equal(fond_db_sources(db, NULL, NULL), FOND_ERR_ARG);
    assert_int_equal(fond_db_commit(NULL), FOND_ERR_ARG);
    assert_string_equal(fond_db_error(NULL), "");
    assert_int_equal(fond_db_close(db), FOND_OK);

    fond_upgrade_result_t up;
    assert_int_equal(fond_db_upgrade(NULL, NULL, NULL, &up, &err), FOND_ERR_ARG);
    assert_int_equal(fond_db_compact(NULL, &err), FOND_ERR_ARG);
    assert_int_equal(fond_db_create_sharded(NULL, 2, &err), FOND_ERR_ARG);
    assert_int_equal(fond_db_shard_count(path, NULL, &err), FOND_ERR_ARG);
    assert_int_equal(fond_db_default_path(NULL), FOND_ERR_ARG);
    fond_folder_t *folder = NULL;
    assert_int_equal(fond_folder_load(&folder, NULL, 0, &err), FOND_ERR_ARG);
    assert_non_null(strstr(err.message, "fond_folder_load"));
    assert_int_equal(fond_folder_load(NULL, dir, 0, NULL), FOND_ERR_ARG);
    assert_int_equal(fond_folder_load(&folder, dir, 0, &err), FOND_OK);
    assert_null(folder); /* no page images there */
    assert_int_equal(fond_ocr_packs(NULL, 10, &err), FOND_ERR_ARG);
    assert_non_null(strstr(err.message, "fond_ocr_packs"));
    assert_int_equal(fond_ocr_language("fra", NULL, NULL, 10, NULL), FOND_ERR_ARG);
}

/* Every options struct starts from its _INIT, with its defaults. */
static void test_options_have_initialisers(void **state)
{
    (void)state;
    fond_search_opts_t s = FOND_SEARCH_OPTS_INIT;
    assert_int_equal(s.limit, 10);
    assert_int_equal(s.sort, FOND_SORT_RELEVANCE);
    fond_extract_opts_t x = FOND_EXTRACT_OPTS_INIT;
    assert_null(x.ocr_language);
    fond_sync_opts_t y = FOND_SYNC_OPTS_INIT;
    assert_int_equal(y.dry_run, 0);
    assert_null(y.root);
    assert_int_equal(y.added, 0);
}

/* How many shards: 0 for an ordinary database or none, the count of a
 * sharded one, and FOND_ERR_IO (not 0) for a stub that cannot be read. */
static void test_shard_count_has_a_status(void **state)
{
    (void)state;
    char path[300], stub[400];
    fond_error_t err;
    size_t n = 99;
    snprintf(path, sizeof path, "%s/none", dir);
    assert_int_equal(fond_db_shard_count(path, &n, &err), FOND_OK);
    assert_int_equal(n, 0);
    snprintf(path, sizeof path, "%s/sharded", dir);
    assert_int_equal(fond_db_create_sharded(path, 3, &err), FOND_OK);
    assert_int_equal(fond_db_shard_count(path, &n, &err), FOND_OK);
    assert_int_equal(n, 3);
    snprintf(path, sizeof path, "%s/broken", dir);
    snprintf(stub, sizeof stub, "%s/XAPIANDB", path);
    assert_int_equal(mkdir(path, 0777), 0);
    assert_int_equal(mkdir(stub, 0777), 0); /* a stub that is a folder */
    assert_int_equal(fond_db_shard_count(path, &n, &err), FOND_ERR_IO);
    assert_non_null(strstr(err.message, "XAPIANDB"));
}

/* A sharded create that fails part-way (a shard's name is taken by a
 * file) leaves nothing it made: no stub, no shard; the folder as it was. */
static void test_failed_create_leaves_nothing(void **state)
{
    (void)state;
    char path[300], taken[400], shard0[400], stub[400];
    fond_error_t err;
    struct stat sb;
    snprintf(path, sizeof path, "%s/taken", dir);
    snprintf(taken, sizeof taken, "%s/shard-01", path);
    snprintf(shard0, sizeof shard0, "%s/shard-00", path);
    snprintf(stub, sizeof stub, "%s/XAPIANDB", path);
    assert_int_equal(mkdir(path, 0777), 0);
    FILE *f = fopen(taken, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_not_equal(fond_db_create_sharded(path, 2, &err), FOND_OK);
    assert_true(err.message[0] != '\0');
    assert_int_not_equal(stat(stub, &sb), 0);
    assert_int_not_equal(stat(shard0, &sb), 0);
    assert_int_equal(stat(taken, &sb), 0); /* not ours: kept */
    assert_int_equal(remove(taken), 0);
    assert_int_equal(fond_db_create_sharded(path, 2, &err), FOND_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_misuse_is_an_error),
        cmocka_unit_test(test_options_have_initialisers),
        cmocka_unit_test(test_shard_count_has_a_status),
        cmocka_unit_test(test_failed_create_leaves_nothing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
