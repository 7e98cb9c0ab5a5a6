/*
 * sync.c -- keeping the index in step with files on disk.  Each source has
 * a record in the database's metadata (schema.h: "src:" keys) saying what
 * size, mtime and content hash it had when last indexed, and whether that
 * worked.  A file whose size and mtime are unchanged costs a stat(); one
 * that was touched but hashes the same costs a read; only a real change is
 * indexed again (the record keeps the old mtime, so a run over an
 * unchanged collection writes nothing).  A file's catalogue row (catalogue.h)
 * is part of what it was indexed with: the record keeps the row's hash,
 * and a row changed, added or removed makes the file stale as a change of
 * its bytes does.  A file that failed is tried again only when it changes
 * (or when asked).  The record is written in the same commit as the
 * passages, so a crash leaves both at the last commit.  Reading ahead
 * (fond_db_read_ahead) does a sync's slow reading (a PDF's text layer,
 * metadata and OCR: every helper program) beforehand, in another process
 * that hands what it read to the sync (extract_save, extract_saved).
 * A folder of page images is one source (folder.h): its record's size,
 * mtime and hash are its pages' (so a page added, changed or removed
 * makes it stale), its bytes are its manifest, and its pages are read
 * one by one (folder_extract), ahead as a file is.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalogue.h"
#include "db_internal.h"
#include "extract.h"
#include "file.h"
#include "folder.h"
#include "hash.h"
#include "record.h"

static int is_per_file(fond_status_t st)
{
    return st == FOND_ERR_IO || st == FOND_ERR_UTF8 || st == FOND_ERR_BINARY ||
           st == FOND_ERR_ARG || st == FOND_ERR_EXTRACT;
}

/* The source's name: its path under root, root's own last folder first
 * ("/srv/corpus" and "/srv/corpus/a/x.txt": "corpus/a/x.txt"; a root
 * that is the file itself: "x.txt").  Written into buf; "" if path is not
 * under root or there is no root. */
static void source_name(const char *root, const char *path, char *buf,
                        size_t size)
{
    buf[0] = '\0';
    size_t n = root ? strlen(root) : 0;
    while (n > 1 && root[n - 1] == '/')
        n--;
    int slash = n > 0 && root[n - 1] == '/'; /* root is "/" */
    if (!root || strncmp(path, root, n) != 0 ||
        (path[n] && path[n] != '/' && !slash))
        return;
    if (!path[n]) { /* the PATH given was the file itself: its name */
        const char *last = strrchr(path, '/');
        snprintf(buf, size, "%s", last ? last + 1 : path);
        return;
    }
    const char *from = root + n;
    while (from > root && from[-1] != '/')
        from--; /* the start of root's last name */
    snprintf(buf, size, "%s", path + (from - root));
}

/* Index the file's bytes, or record why that failed (its old passages go:
 * the file they came from is no more). */
static fond_status_t index_or_fail(fond_db_t *db, const char *path,
                                   const fond_sync_opts_t *opts,
                                   const char *text, size_t len, record_t *r,
                                   fond_sync_result_t *out)
{
    char name[4096];
    source_name(opts->root, path, name, sizeof name);
    fond_status_t st = db_index_source(db, path, name, opts->added, text, len,
                                       &out->index);
    if (st == FOND_OK) {
        strcpy(r->status, "ok");
        return record_save(db, path, r);
    }
    if (!is_per_file(st))
        return st;
    out->action = FOND_FILE_FAILED;
    snprintf(out->reason, sizeof out->reason, "%s", fond_db_error(db));
    snprintf(r->status, sizeof r->status, "failed %s", out->reason);
    for (char *nl = strchr(r->status, '\n'); nl; nl = strchr(nl, '\n'))
        *nl = ' '; /* the record's status is one line */
    fond_status_t removed = fond_db_remove_source(db, path);
    return removed == FOND_OK ? record_save(db, path, r) : removed;
}

/* A file that cannot be read now (permissions, gone since the walk): a
 * failure to report, with no record, so that the next run tries again
 * (mending permissions does not change the mtime). */
static fond_status_t unreadable(fond_sync_result_t *out, const char *path,
                                const char *why)
{
    out->action = FOND_FILE_FAILED;
    snprintf(out->reason, sizeof out->reason, "%s: cannot read: %s", path, why);
    return FOND_OK;
}

/* Nothing to do: unchanged, or still failed (and said why). */
static fond_status_t unchanged(const record_t *old, fond_sync_result_t *out)
{
    int failed = strncmp(old->status, "failed", 6) == 0;
    out->action = failed ? FOND_FILE_SKIPPED : FOND_FILE_UNCHANGED;
    if (failed)
        snprintf(out->reason, sizeof out->reason, "%s", old->status + 7);
    return FOND_OK;
}

static void stat_record(const struct stat *sb, record_t *r)
{
    memset(r, 0, sizeof *r);
    r->size = (unsigned long long)sb->st_size;
    r->mtime = (unsigned long long)sb->st_mtim.tv_sec * 1000000000ULL +
               (unsigned long long)sb->st_mtim.tv_nsec;
}

/* The source at path as it is now: its size and mtime into r, and for a
 * folder of page images its pages into *f (f->n 0 for a file; a folder
 * a catalogue row names is one of all its images).  FOND_ERR_IO, why
 * saying so, when it is gone or is no such folder; FOND_ERR_NOMEM. */
static fond_status_t source_stat(const char *path, const fond_sync_opts_t *opts,
                                 record_t *r, folder_t *f, char *why,
                                 size_t whysize)
{
    struct stat sb;
    memset(f, 0, sizeof *f);
    if (stat(path, &sb) != 0) {
        snprintf(why, whysize, "%s", strerror(errno));
        return FOND_ERR_IO;
    }
    stat_record(&sb, r);
    if (!S_ISDIR(sb.st_mode))
        return FOND_OK; /* a file (or what file_read will refuse) */
    fond_status_t st = folder_load(f, path, opts->row != NULL, why, whysize);
    if (st == FOND_OK && !f->n) {
        snprintf(why, whysize, "a folder with no %spage images",
                 opts->row ? "" : "numbered ");
        st = FOND_ERR_IO;
    }
    if (st == FOND_OK)
        folder_stat(f, &r->size, &r->mtime);
    return st;
}

/* The source's bytes: a file's, or a folder's manifest (folder.h). */
static fond_status_t source_read(const char *path, const folder_t *f,
                                 char **text, size_t *len, char *why,
                                 size_t whysize)
{
    return f->n ? folder_manifest(f, text, len, why, whysize)
                : file_read(path, text, len, why, whysize);
}

fond_status_t fond_db_sync_file(fond_db_t *db, const char *path,
                                const fond_sync_opts_t *opts,
                                fond_sync_result_t *out)
{
    FOND_ASSERT_ARG(db, path && opts && out);
    memset(out, 0, sizeof *out);
    db->error[0] = '\0';
    if (db_use_shard(db, path) != 0)
        return db_fail(db, FOND_ERR_ARG, "%s: its shard is another job's", path);
    record_t old, now;
    folder_t pages;
    char *text = NULL, why[256];
    int known = 0;
    fond_status_t got = source_stat(path, opts, &now, &pages, why, sizeof why);
    fond_status_t loaded = got == FOND_OK ? record_load(db, path, &old, &known)
                                          : FOND_OK;
    if (got == FOND_ERR_NOMEM || loaded != FOND_OK) {
        folder_free(&pages);
        return loaded != FOND_OK ? loaded : db_fail(db, got, "%s: %s", path, why);
    }
    if (got != FOND_OK) {
        folder_free(&pages);
        return unreadable(out, path, why);
    }
    if (opts->row)
        snprintf(now.row, sizeof now.row, "%s", opts->row->hash);
    int force = known && strncmp(old.status, "failed", 6) == 0 &&
                opts->retry_failed;
    int same_row = known && strcmp(old.row, now.row) == 0;
    if (same_row && old.size == now.size && old.mtime == now.mtime && !force) {
        folder_free(&pages);
        return unchanged(&old, out); /* the stat() says it all */
    }
    size_t len = 0;
    fond_status_t read = source_read(path, &pages, &text, &len, why, sizeof why);
    if (read == FOND_ERR_NOMEM) { /* the run's failure, not the file's */
        folder_free(&pages);
        return db_fail(db, read, "%s: %s", path, why);
    }
    if (read != FOND_OK) {
        folder_free(&pages);
        return unreadable(out, path, why);
    }
    snprintf(now.hash, sizeof now.hash, "%016llx",
             (unsigned long long)hash_bytes(HASH_FNV_OFFSET, text, len));
    fond_status_t st = FOND_OK;
    if (same_row && strcmp(old.hash, now.hash) == 0 && !force) {
        unchanged(&old, out); /* touched: no write, a read again next time */
    } else {
        out->action = known ? FOND_FILE_UPDATED : FOND_FILE_ADDED;
        db->ahead = opts->ahead; /* the extract step takes it if it fits */
        db->ahead_len = opts->ahead_len;
        db->row = opts->row; /* its fields win over the file's */
        db->folder = pages.n ? &pages : NULL; /* its pages, not its bytes */
        if (!opts->dry_run)
            st = index_or_fail(db, path, opts, text, len, &now, out);
        db->ahead = NULL;
        db->row = NULL;
        db->folder = NULL;
    }
    free(text); /* a failure's message was set where it happened */
    folder_free(&pages);
    return st;
}

fond_status_t fond_db_remove_source(fond_db_t *db, const char *path)
{
    FOND_ASSERT_ARG(db, path);
    char hash[SCHEMA_SOURCE_ID_SIZE];
    if (db_use_shard(db, path) != 0)
        return db_fail(db, FOND_ERR_ARG, "%s: its shard is another job's", path);
    schema_source_id(&db->id_key, path, hash);
    fond_status_t st = db_delete_source(db, hash);
    return st == FOND_OK ? record_remove(db, path) : db_fail_store(db, st);
}

fond_status_t fond_db_read_ahead(fond_db_t *db, const char *path,
                                 const fond_sync_opts_t *opts, void **ahead,
                                 size_t *ahead_len)
{
    FOND_ASSERT_ARG(db, path && opts && ahead && ahead_len);
    *ahead = NULL;
    *ahead_len = 0;
    fond_sync_opts_t dry = *opts;
    dry.dry_run = 1;
    fond_sync_result_t res;
    fond_status_t st = fond_db_sync_file(db, path, &dry, &res);
    if (st != FOND_OK ||
        (res.action != FOND_FILE_ADDED && res.action != FOND_FILE_UPDATED))
        return st;
    char *text = NULL, why[256];
    size_t len = 0;
    record_t now;
    folder_t pages;
    fond_status_t got = source_stat(path, opts, &now, &pages, why, sizeof why);
    if (got == FOND_OK)
        got = source_read(path, &pages, &text, &len, why, sizeof why);
    extract_format_t format = got == FOND_OK ? extract_format(text, len)
                                             : EXTRACT_TEXT;
    if (got == FOND_OK && (pages.n || format != EXTRACT_TEXT)) {
        extract_t x;
        char *saved = NULL;
        fond_extract_opts_t copy;
        char spec[128];
        const fond_extract_opts_t *o =
            db_extract_for(db, opts->row, pages.n || EXTRACT_OCR(format),
                           &copy, spec, sizeof spec);
        got = pages.n ? folder_extract(&x, &pages, o, why, sizeof why)
                      : extract_bytes(&x, text, len, path, o, why, sizeof why);
        if (extract_save(&x, got, why, text, len, &saved, ahead_len) == FOND_OK)
            *ahead = saved; /* no memory for it: the sync reads it again */
        extract_free(&x);
    }
    free(text); /* what could not be read, the sync says why */
    folder_free(&pages);
    return FOND_OK;
}
