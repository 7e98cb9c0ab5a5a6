/*
 * upgrade.c -- bringing a database written by an earlier fond to the
 * schema of this one (schema.h).  The sources a database records (sync.c's
 * "src:" metadata) are indexed again from their files into a new database
 * beside it, which then takes the old one's place with one atomic rename
 * (renameat2's RENAME_EXCHANGE): a reader opens the old database or the
 * new one, never a mix.  The old database stays open for writing (locked)
 * until the swap, so no other indexer changes it meanwhile.
 */
#define _GNU_SOURCE /* renameat2() */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "array.h"
#include "db_internal.h"

#define UPGRADE_BATCH 200 /* sources a commit, as fond-index does */

typedef struct {
    char **paths;
    size_t n, cap;
    int failed;
} paths_t;

static int collect(void *ctx, const char *path)
{
    paths_t *p = ctx;
    char *copy = strdup(path);
    if (!copy || array_reserve(&p->paths, &p->cap, p->n + 1, sizeof *p->paths, 64)) {
        free(copy);
        p->failed = 1;
        return 1;
    }
    p->paths[p->n++] = copy;
    return 0;
}

static void paths_free(paths_t *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->paths[i]);
    free(p->paths);
}

/* Index each recorded source again into `to`. */
static fond_status_t reindex(fond_db_t *to, const paths_t *p,
                             fond_upgrade_progress_fn progress, void *ctx,
                             fond_upgrade_result_t *out)
{
    static const fond_sync_opts_t opts = {0};
    fond_status_t st = FOND_OK;
    for (size_t i = 0; i < p->n && st == FOND_OK; i++) {
        fond_sync_result_t res;
        st = fond_db_sync_file(to, p->paths[i], &opts, &res);
        if (st == FOND_OK && res.action == FOND_FILE_FAILED &&
            strstr(res.reason, ": cannot read: "))
            out->missing++;
        else if (st == FOND_OK)
            out->sources++, out->passages += res.index.passages;
        if (st == FOND_OK && (i + 1) % UPGRADE_BATCH == 0)
            st = fond_db_commit(to);
        if (progress)
            progress(ctx, i + 1, p->n);
    }
    return st;
}

/* Swap the directories at a and b; readers see one or the other. */
static int swap_paths(const char *a, const char *b)
{
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
}

fond_status_t fond_db_upgrade(const char *path, fond_upgrade_progress_fn progress,
                              void *ctx, fond_upgrade_result_t *out,
                              fond_error_t *err)
{
    char scratch[sizeof err->message], *msg = err ? err->message : scratch;
    fond_upgrade_result_t none = {0, 0, 0};
    *out = none;
    msg[0] = '\0';
    fond_db_t *probe = NULL;
    fond_status_t st = fond_db_open(&probe, path, FOND_DB_READ, err);
    fond_db_close(probe);
    if (st != FOND_ERR_UPGRADE)
        return st; /* current (nothing to do), or it cannot be opened */

    fond_db_t *old = NULL, *fresh = NULL;
    paths_t paths = {NULL, 0, 0, 0};
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.upgrading", path);
    struct stat sb;
    st = db_open_any_schema(&old, path, err);
    if (st == FOND_OK)
        st = fond_db_sources(old, collect, &paths);
    if (st != FOND_OK && old)
        snprintf(msg, sizeof scratch, "%s", fond_db_error(old));
    if (st == FOND_OK && paths.failed)
        st = FOND_ERR_NOMEM, snprintf(msg, sizeof scratch, "out of memory");
    /* a PATH.upgrading left by a run that was killed: start it again */
    if (st == FOND_OK && lstat(tmp, &sb) == 0)
        st = db_remove_tree(tmp, msg, sizeof scratch);
    size_t shards = fond_db_shard_count(path);
    if (st == FOND_OK && shards)
        st = fond_db_create_sharded(tmp, shards, err);
    if (st == FOND_OK)
        st = fond_db_open(&fresh, tmp, FOND_DB_WRITE, err);
    if (st == FOND_OK) {
        st = reindex(fresh, &paths, progress, ctx, out);
        if (st != FOND_OK)
            snprintf(msg, sizeof scratch, "%s", fond_db_error(fresh));
    }
    fond_status_t closed = fond_db_close(fresh);
    if (st == FOND_OK && closed != FOND_OK)
        st = closed, snprintf(msg, sizeof scratch, "%.400s: cannot commit the "
                              "upgraded database", tmp);
    if (st == FOND_OK && swap_paths(tmp, path) != 0)
        st = FOND_ERR_IO, snprintf(msg, sizeof scratch, "%.400s: %s", path,
                                   strerror(errno));
    fond_db_close(old); /* after the swap: its lock held until then */
    if (st == FOND_OK || lstat(tmp, &sb) == 0) {
        /* now the old database, or a new one that failed half-way */
        fond_status_t removed = db_remove_tree(tmp, st == FOND_OK ? msg : scratch,
                                               sizeof scratch);
        st = st == FOND_OK ? removed : st;
    }
    paths_free(&paths);
    return st;
}
