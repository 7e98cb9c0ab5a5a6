/*
 * oom.c -- every allocation failure of the library's main operations, one
 * at a time: index a text, index an mbox, make a sharded database and index
 * into it, bring a file up to date, search
 * (words, a phrase, a wildcard, a near spelling, facets, one passage a
 * source), show a source, a concordance.  Each operation runs with memory
 * that runs out (mallocfail.c) after N allocations, for N = 0, 1, 2, ...
 * until it completes before the N-th.  Each run must return FOND_OK or
 * FOND_ERR_NOMEM with the message "out of memory" in it (the error that
 * happened, not another's or none) and must not crash; and must free all
 * it took, which the sanitizer build's LeakSanitizer checks at exit (the
 * bytes in use, as mallinfo2 counts them, cannot tell: the C library,
 * libstdc++ and Xapian keep caches that grow by a few hundred bytes a
 * run, reachable, and freed at exit).
 *
 * Xapian's and libexttextcat's own allocations are left to succeed
 * (mallocfail.c says why):
 * what fails is what fond allocates, and the C and C++ libraries for it.
 *
 * Bounded for CI: every N below FOND_OOM_ALL (default 64), then a stride
 * so that an operation runs at most FOND_OOM_RUNS times (default 300);
 * FOND_OOM_RUNS=0 runs every N (minutes: an operation makes tens of
 * thousands of allocations, most of them Xapian's).  Run by ctest as
 * fault.oom; `oom OPERATION` runs one, and FOND_OOM_ONLY=N only its N-th.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fond.h"
#include "mallocfail.h"

#define NARRATIVE FOND_SOURCE_DIR "/corpus/narrative/treaty-of-kars-1921.txt"
#define TELEGRAM FOND_SOURCE_DIR "/corpus/telegrams/1920-12-19-chicherin.txt"
#define MBOX FOND_SOURCE_DIR "/tests/fixtures/kars.mbox"
#define VARIANTS FOND_SOURCE_DIR "/data/variants.txt"

static char tmp[512], searched[600], fresh[600], passage_id[128];

/* An operation: its status, and the message it gave into msg. */
typedef fond_status_t (*op_fn)(char *msg, size_t size);

static void remove_tree(const char *path)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0)
        fprintf(stderr, "oom: cannot remove %s\n", path);
}

/* Close db; a failure to (commit and) close is the operation's. */
static fond_status_t close_db(fond_db_t *db, fond_status_t st, char *msg,
                              size_t size)
{
    if (st != FOND_OK)
        snprintf(msg, size, "%s", fond_db_error(db));
    fond_status_t closed = fond_db_close(db);
    if (st == FOND_OK && closed != FOND_OK)
        snprintf(msg, size, "closing: %s", fond_status_str(closed));
    return st == FOND_OK ? closed : st;
}

static fond_status_t open_db(fond_db_t **db, const char *path,
                             fond_db_mode_t mode, char *msg, size_t size)
{
    fond_error_t err;
    fond_status_t st = fond_db_open(db, path, mode, &err);
    if (st != FOND_OK)
        snprintf(msg, size, "%s", err.message);
    return st;
}

/* Index one file into a new database (with the name variants first). */
static fond_status_t index_fresh(const char *file, int variants, char *msg,
                                 size_t size)
{
    fond_db_t *db = NULL;
    fond_index_result_t res;
    size_t groups = 0;
    fond_status_t st = open_db(&db, fresh, FOND_DB_WRITE, msg, size);
    if (st != FOND_OK)
        return st;
    if (variants)
        st = fond_db_load_variants(db, VARIANTS, &groups);
    if (st == FOND_OK)
        st = fond_db_index_file(db, file, &res);
    if (st == FOND_OK)
        st = fond_db_commit(db);
    return close_db(db, st, msg, size);
}

static fond_status_t op_index(char *msg, size_t size)
{
    return index_fresh(TELEGRAM, 1, msg, size);
}

static fond_status_t op_mbox(char *msg, size_t size)
{
    return index_fresh(MBOX, 0, msg, size);
}

/* A new database of 2 shards (a failed make leaves nothing: the next run
 * starts afresh), a text indexed into it. */
static fond_status_t op_sharded(char *msg, size_t size)
{
    fond_error_t err;
    size_t shards = 0;
    fond_status_t st = fond_db_create_sharded(fresh, 2, &err);
    if (st == FOND_OK)
        st = fond_db_shard_count(fresh, &shards, &err);
    if (st != FOND_OK) {
        snprintf(msg, size, "%s", err.message);
        return st;
    }
    return index_fresh(TELEGRAM, 0, msg, size);
}

/* Running out of memory is the run's failure, never the file's: a sync
 * that blames the file fails the check (its reason as the message). */
static fond_status_t db_fail_file(fond_db_t *db, const char *reason)
{
    (void)db;
    fprintf(stderr, "the file was blamed: %s\n", reason);
    return FOND_ERR_INTERNAL;
}

static fond_status_t op_sync(char *msg, size_t size)
{
    fond_db_t *db = NULL;
    fond_sync_opts_t opts = FOND_SYNC_OPTS_INIT;
    fond_sync_result_t res;
    opts.root = FOND_SOURCE_DIR "/corpus";
    fond_status_t st = open_db(&db, fresh, FOND_DB_WRITE, msg, size);
    if (st != FOND_OK)
        return st;
    st = fond_db_sync_file(db, TELEGRAM, &opts, &res);
    if (st == FOND_OK && res.action == FOND_FILE_FAILED) /* not the file's */
        st = db_fail_file(db, res.reason);
    return close_db(db, st, msg, size);
}

/* Search the indexed narrative for `query`, reading every hit. */
static fond_status_t search(const char *query, const fond_search_opts_t *o,
                            char *msg, size_t size)
{
    fond_db_t *db = NULL;
    fond_results_t *r = NULL;
    fond_status_t st = open_db(&db, searched, FOND_DB_READ, msg, size);
    if (st != FOND_OK)
        return st;
    st = fond_db_search(db, query, o, &r);
    for (size_t i = 0; st == FOND_OK && i < fond_results_count(r); i++)
        if (!fond_results_hit(r, i)->snippet)
            st = FOND_ERR_INTERNAL, snprintf(msg, size, "a hit without a snippet");
    fond_results_free(r);
    return close_db(db, st, msg, size);
}

static fond_status_t op_search(char *msg, size_t size)
{
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    o.facets = 1;
    o.per_source = 2;
    return search("treaty kars -armenia", &o, msg, size);
}

static fond_status_t op_search_forms(char *msg, size_t size)
{
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    return search("\"treaty of\" kar* conferenc NEAR/5 kars nakhichevn", &o, msg, size);
}

static fond_status_t op_search_loose(char *msg, size_t size)
{
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    o.sort = FOND_SORT_DATE;
    return search("kars zanzibar date:1921", &o, msg, size);
}

static fond_status_t op_show(char *msg, size_t size)
{
    fond_db_t *db = NULL;
    fond_results_t *r = NULL;
    fond_status_t st = open_db(&db, searched, FOND_DB_READ, msg, size);
    if (st != FOND_OK)
        return st;
    st = fond_db_show(db, passage_id, "treaty", &r);
    fond_results_free(r);
    return close_db(db, st, msg, size);
}

static fond_status_t op_kwic(char *msg, size_t size)
{
    fond_db_t *db = NULL;
    fond_kwic_t *k = NULL;
    fond_status_t st = open_db(&db, searched, FOND_DB_READ, msg, size);
    if (st != FOND_OK)
        return st;
    st = fond_db_kwic(db, "treaty", 30, FOND_KWIC_SORT_RIGHT, 100, &k);
    fond_kwic_free(k);
    return close_db(db, st, msg, size);
}

static const struct {
    const char *name;
    op_fn fn;
} ops[] = {
    {"index", op_index},     {"mbox", op_mbox},
    {"sharded", op_sharded},
    {"sync", op_sync},       {"search", op_search},
    {"search-forms", op_search_forms}, {"search-loose", op_search_loose},
    {"show", op_show},       {"kwic", op_kwic},
};

/* The database searched: the narrative and a telegram. */
static int make_searched(void)
{
    fond_db_t *db = NULL;
    fond_error_t err;
    fond_index_result_t res;
    fond_results_t *r = NULL;
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    if (fond_db_open(&db, searched, FOND_DB_WRITE, &err) != FOND_OK ||
        fond_db_index_file(db, NARRATIVE, &res) != FOND_OK ||
        fond_db_index_file(db, TELEGRAM, &res) != FOND_OK ||
        fond_db_commit(db) != FOND_OK || fond_db_search(db, "treaty", &o, &r) ||
        fond_results_count(r) == 0) {
        fprintf(stderr, "oom: cannot make %s: %s\n", searched, fond_db_error(db));
        return -1;
    }
    snprintf(passage_id, sizeof passage_id, "%s", fond_results_hit(r, 0)->id);
    fond_results_free(r);
    fond_db_close(db);
    return 0;
}

static long env_long(const char *name, long dflt)
{
    const char *v = getenv(name);
    return v && *v ? atol(v) : dflt;
}

/* One run with n allocations allowed; 0 if it held every promise. */
static int run_once(const char *name, op_fn fn, long n, int *done)
{
    char msg[600] = "";
    remove_tree(fresh);
    mallocfail_arm(n);
    fond_status_t st = fn(msg, sizeof msg);
    int failed = mallocfail_failed();
    mallocfail_disarm();
    *done = !failed;
    if (!failed && st == FOND_OK)
        return 0;
    if (!failed) {
        fprintf(stderr, "FAIL: %s, N=%ld: no allocation failed, yet %s: %s\n",
                name, n, fond_status_str(st), msg);
        return 1;
    }
    if (st == FOND_OK || (st == FOND_ERR_NOMEM && strstr(msg, "out of memory")))
        return 0;
    fprintf(stderr, "FAIL: %s, N=%ld: out of memory reported as %s: '%s'\n",
            name, n, fond_status_str(st), msg);
    return 1;
}

/* Every N for one operation (or a stride of them); the failures. */
static int run_op(const char *name, op_fn fn)
{
    char msg[600] = "";
    /* twice unarmed: the first fills what is made once a process (the
     * stemmers' tables, Xapian's caches), the second counts */
    for (int i = 0; i < 2; i++) {
        remove_tree(fresh);
        mallocfail_arm(1L << 60);
        fond_status_t st = fn(msg, sizeof msg);
        mallocfail_disarm();
        if (st != FOND_OK) {
            fprintf(stderr, "FAIL: %s: %s: %s\n", name, fond_status_str(st), msg);
            return 1;
        }
    }
    long total = mallocfail_calls(), all = env_long("FOND_OOM_ALL", 64);
    long runs = env_long("FOND_OOM_RUNS", 300);
    all = runs && all > runs / 2 ? runs / 2 : all;
    long stride = runs && total > all ? (total - all) / (runs - all) + 1 : 1;
    int failures = 0, done = 0;
    long n = 0, count = 0;
    if (getenv("FOND_OOM_ONLY")) /* one N, to debug (gdb: break mallocfail_refused) */
        return run_once(name, fn, env_long("FOND_OOM_ONLY", 0), &done);
    for (; !done && failures < 10; n += n < all ? 1 : stride, count++)
        failures += run_once(name, fn, n, &done);
    /* the run that completed, whatever the stride stepped over */
    if (!failures && !done)
        failures += run_once(name, fn, total, &done);
    printf("%s: %ld allocations, %ld runs (every N to %ld, then 1 N in %ld): "
           "%s\n", name, total, count, all, stride, failures ? "FAILED" : "ok");
    return failures;
}

int main(int argc, char **argv)
{
    const char *base = getenv("FOND_TEST_TMP");
    snprintf(tmp, sizeof tmp, "%s/oomXXXXXX", base ? base : "/tmp");
    if (base)
        mkdir(base, 0777);
    if (!mkdtemp(tmp))
        return 2;
    snprintf(searched, sizeof searched, "%s/searched", tmp);
    snprintf(fresh, sizeof fresh, "%s/fresh", tmp);
    if (make_searched() != 0)
        return 2;
    mallocfail_spare("libxapian"); /* mallocfail.c says why */
    mallocfail_spare("libexttextcat");
    int failed = 0, ran = 0;
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (argc < 2 || strcmp(argv[1], ops[i].name) == 0) {
            failed += run_op(ops[i].name, ops[i].fn) > 0;
            ran++;
        }
    remove_tree(tmp);
    printf("%d passed, %d failed\n", ran - failed, failed);
    return failed || !ran ? 1 : 0;
}
