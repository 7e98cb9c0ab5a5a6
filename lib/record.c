/*
 * record.c -- a source's record: what fond-index knew of a file when it
 * last looked (see record.h), kept in the database's metadata, and the
 * list of every source the records name.  Apart from sync.c, so that a
 * program that only lists sources (fond.cgi) links no indexing code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "hash.h"
#include "record.h"

#define RECORD_PREFIX "src:"

/* A record's value is "size\nmtime\nhash\nstatus\npath": the path last,
 * because a file name may hold a newline.  A source indexed with a
 * catalogue row has "hash+row" for its hash (the row's hash after the
 * content's), so that records written before catalogues read as sources
 * without a row. */
#define RECORD_FIELDS_BEFORE_PATH 4

/* The path in a record's value, or NULL if the value is malformed. */
static const char *record_path(const char *value)
{
    for (int i = 0; value && i < RECORD_FIELDS_BEFORE_PATH; i++) {
        value = strchr(value, '\n');
        value = value ? value + 1 : NULL;
    }
    return value;
}

/* The metadata key of path's record, into key (32 bytes are enough). */
static void record_key(const char *path, char *key, size_t size)
{
    snprintf(key, size, RECORD_PREFIX "%016llx",
             (unsigned long long)hash_string(path));
}

fond_status_t record_load(fond_db_t *db, const char *path, record_t *r,
                          int *found)
{
    char key[32], *value = NULL;
    record_key(path, key, sizeof key);
    *found = 0;
    fond_status_t st = store_get_metadata(db->store, key, &value);
    if (st != FOND_OK)
        return db_fail_store(db, st);
    const char *stored = record_path(value);
    char hashes[40];
    *found = stored && strcmp(stored, path) == 0 &&
             sscanf(value, "%llu\n%llu\n%39s\n%319[^\n]", &r->size,
                    &r->mtime, hashes, r->status) == 4;
    free(value);
    if (*found) {
        char *plus = strchr(hashes, '+');
        snprintf(r->row, sizeof r->row, "%.16s", plus ? plus + 1 : "");
        if (plus)
            *plus = '\0';
        snprintf(r->hash, sizeof r->hash, "%.16s", hashes);
    }
    return FOND_OK;
}

fond_status_t record_save(fond_db_t *db, const char *path, const record_t *r)
{
    char key[32];
    record_key(path, key, sizeof key);
    size_t len = strlen(path) + strlen(r->status) + 80;
    char *value = malloc(len);
    if (!value)
        return db_fail(db, FOND_ERR_NOMEM, "%s: out of memory", path);
    snprintf(value, len, "%llu\n%llu\n%s%s%s\n%s\n%s", r->size, r->mtime,
             r->hash, r->row[0] ? "+" : "", r->row, r->status, path);
    fond_status_t st = store_set_metadata(db->store, key, value);
    free(value);
    return st == FOND_OK ? st : db_fail_store(db, st);
}

/* An empty value: no record (each_record skips it). */
fond_status_t record_remove(fond_db_t *db, const char *path)
{
    char key[32];
    record_key(path, key, sizeof key);
    fond_status_t st = store_set_metadata(db->store, key, "");
    return st == FOND_OK ? st : db_fail_store(db, st);
}

typedef struct {
    fond_db_t *db;
    int (*cb)(void *ctx, const char *path);
    void *ctx;
    fond_status_t status;
} sources_ctx_t;

static int each_record(void *ctx, const char *key)
{
    sources_ctx_t *c = ctx;
    char *value = NULL;
    c->status = store_get_metadata(c->db->store, key, &value);
    if (c->status != FOND_OK)
        return 1;
    const char *path = record_path(value);
    int stop = path && *path ? c->cb(c->ctx, path) : 0;
    free(value);
    return stop;
}

static fond_status_t sources_in_store(fond_db_t *db, void *ctx)
{
    sources_ctx_t *c = ctx;
    fond_status_t st = store_metadata_keys(db->store, RECORD_PREFIX,
                                           each_record, c);
    return st == FOND_OK ? c->status : st;
}

fond_status_t fond_db_sources(fond_db_t *db,
                              int (*cb)(void *ctx, const char *path),
                              void *ctx)
{
    FOND_ASSERT_ARG(db, cb);
    sources_ctx_t c = {db, cb, ctx, FOND_OK};
    fond_status_t st = db_each_store(db, sources_in_store, &c);
    return st == FOND_OK ? FOND_OK : db_fail_store(db, st);
}
