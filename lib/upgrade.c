/*
 * upgrade.c -- bringing a database written by an earlier fond to the
 * schema of this one (schema.h).  The sources a database records (sync.c's
 * "src:" metadata) are indexed again from their files into a new database
 * beside it, which then takes the old one's place with one atomic rename
 * (renameat2's RENAME_EXCHANGE): a reader opens the old database or the
 * new one, never a mix.  The old database stays open for writing (locked)
 * until the swap, so no other indexer changes it meanwhile.  A source
 * keeps the name and the time added that a database of schema 2 or later
 * recorded (what fond.cgi shows, source:'s words, --since and the feed).
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
#include "schema.h"

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

/* A field of the record of the source at `source`, from the shard of the
 * file at path, into *out (malloc'd; "" if none). */
static fond_status_t old_field(fond_db_t *old, const char *path,
                               const char *source, unsigned slot, char **out)
{
    char id[SCHEMA_SOURCE_ID_SIZE];
    *out = NULL;
    if (db_use_shard(old, path) != 0) /* the handle holds every shard */
        return db_fail(old, FOND_ERR_INTERNAL, "%s: its shard is not open", path);
    schema_source_id(&old->id_key, source, id);
    fond_status_t st = store_record_field(old->store, id, slot, out);
    return st == FOND_OK ? st : db_fail_store(old, st);
}

/* What the old database recorded of the source at path: its name (its
 * path under the folder indexed) and when it was added, into *name
 * (malloc'd) and *added.  An mbox's messages are sources of their own
 * ("PATH#1", ...): the first one's name, less its "#1".  Only a database
 * of schema 2 or later (`named`) recorded them: "" and 0 otherwise. */
static fond_status_t old_source(fond_db_t *old, int named, const char *path,
                                char **name, long long *added)
{
    char first[4096], *when = NULL;
    const char *source = path;
    *added = 0;
    if (!named)
        return (*name = strdup("")) ? FOND_OK
                                    : db_fail(old, FOND_ERR_NOMEM, "out of memory");
    fond_status_t st = old_field(old, path, path, SCHEMA_SLOT_NAME, name);
    if (st == FOND_OK && !**name) {
        free(*name);
        snprintf(first, sizeof first, "%s#1", path);
        source = first;
        st = old_field(old, path, first, SCHEMA_SLOT_NAME, name);
        size_t n = st == FOND_OK ? strlen(*name) : 0;
        if (n > 2 && strcmp(*name + n - 2, "#1") == 0)
            (*name)[n - 2] = '\0';
    }
    if (st == FOND_OK)
        st = old_field(old, path, source, SCHEMA_SLOT_ADDED, &when);
    if (st == FOND_OK)
        *added = schema_parse_added(when);
    free(when);
    return st;
}

/* Did the old database record its sources' names (schema 2 and later: the
 * first with a version key)?  The shard of the file at path answers. */
static fond_status_t records_names(fond_db_t *old, const char *path,
                                   int *named)
{
    char *version = NULL;
    if (db_use_shard(old, path) != 0)
        return db_fail(old, FOND_ERR_INTERNAL, "%s: its shard is not open", path);
    fond_status_t st = store_get_metadata(old->store, SCHEMA_VERSION_KEY, &version);
    if (st != FOND_OK)
        db_fail_store(old, st);
    *named = st == FOND_OK && *version;
    free(version);
    return st;
}

/* The folder a source was indexed under, from its path and the name it
 * was given ("/srv/corpus/a/x.txt", "corpus/a/x.txt": "/srv/corpus"; a file
 * given itself, "x.txt": the file), into root; 0 if the name is not its
 * path's (or there is none). */
static int root_of(const char *path, const char *name, char *root, size_t size)
{
    const char *slash = strchr(name, '/');
    const char *rest = slash ? slash + 1 : name; /* the path under it */
    size_t p = strlen(path), r = strlen(rest), first = (size_t)(rest - name);
    if (!*name || r >= p || path[p - r - 1] != '/' ||
        strcmp(path + p - r, rest) != 0)
        return 0;
    size_t n = slash ? p - r - 1 : p; /* the root's length */
    if (slash && (n < first - 1 || strncmp(path + n - (first - 1), name, first - 1) != 0))
        return 0; /* the root's own name is the name's first part */
    if (n >= size)
        return 0;
    memcpy(root, path, n);
    root[n] = '\0';
    return 1;
}

/* A read of the old database failed: its message (set where it failed)
 * becomes the new one's, which the upgrade reports. */
static fond_status_t old_failed(fond_db_t *old, fond_db_t *to, fond_status_t st)
{
    return db_fail(to, st, "%s", fond_db_error(old));
}

/* Index each recorded source again into `to`, under the name and with the
 * time added the old database recorded. */
static fond_status_t reindex(fond_db_t *old, fond_db_t *to, const paths_t *p,
                             fond_upgrade_progress_fn progress, void *ctx,
                             fond_upgrade_result_t *out)
{
    int named = 0;
    fond_status_t st = p->n ? records_names(old, p->paths[0], &named) : FOND_OK;
    if (st != FOND_OK)
        return old_failed(old, to, st);
    for (size_t i = 0; i < p->n && st == FOND_OK; i++) {
        fond_sync_result_t res;
        fond_sync_opts_t opts = FOND_SYNC_OPTS_INIT;
        char *name = NULL, root[4096];
        st = old_source(old, named, p->paths[i], &name, &opts.added);
        if (st != FOND_OK) {
            free(name);
            return old_failed(old, to, st);
        }
        if (root_of(p->paths[i], name, root, sizeof root))
            opts.root = root;
        free(name);
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
    msg[0] = '\0';
    FOND_ASSERT_ARG_MSG(path && out, msg, sizeof scratch);
    *out = none;
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
    size_t shards = 0;
    if (st == FOND_OK)
        st = fond_db_shard_count(path, &shards, err);
    if (st == FOND_OK && shards)
        st = fond_db_create_sharded(tmp, shards, err);
    if (st == FOND_OK)
        st = fond_db_open(&fresh, tmp, FOND_DB_WRITE, err);
    if (st == FOND_OK) {
        st = reindex(old, fresh, &paths, progress, ctx, out);
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
