/*
 * db.c -- opening and closing a fond database, its status strings and error
 * messages, and where the default database lives.  Indexing is in index.c,
 * searching in search.c.
 */
#define _XOPEN_SOURCE 700 /* nftw() */
#include "fond.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalogue.h"
#include "db_internal.h"
#include "langid.h"
#include "extract.h"
#include "hash.h"
#include "ocr_lang.h"
#include "schema.h"
#include "wordset.h"

const char *fond_status_str(fond_status_t status)
{
    switch (status) {
    case FOND_OK: return "success";
    case FOND_ERR_NOMEM: return "out of memory";
    case FOND_ERR_ARG: return "invalid argument";
    case FOND_ERR_IO: return "input/output error";
    case FOND_ERR_UTF8: return "text is not valid UTF-8";
    case FOND_ERR_BINARY: return "binary file, not text";
    case FOND_ERR_QUERY: return "malformed query";
    case FOND_ERR_NODB: return "no database";
    case FOND_ERR_LOCKED: return "database is locked by another indexer";
    case FOND_ERR_CORRUPT: return "database is damaged";
    case FOND_ERR_MODIFIED: return "database was modified during the search";
    case FOND_ERR_XAPIAN: return "Xapian error";
    case FOND_ERR_INTERNAL: return "internal error";
    case FOND_ERR_UPGRADE: return "database written by an earlier fond";
    case FOND_ERR_EXTRACT: return "its text could not be extracted";
    }
    return "unknown status";
}

fond_status_t db_fail(fond_db_t *db, fond_status_t st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(db->error, sizeof db->error, fmt, ap);
    va_end(ap);
    return st;
}

fond_status_t db_errno_fail(char *msg, size_t size, const char *path)
{
    int error = errno;
    snprintf(msg, size, "%.400s: %s", path, error == ENOMEM ? "out of memory"
                                                           : strerror(error));
    return error == ENOMEM ? FOND_ERR_NOMEM : FOND_ERR_IO;
}

fond_status_t db_fail_errno(fond_db_t *db, const char *path)
{
    return db_errno_fail(db->error, sizeof db->error, path);
}

fond_status_t db_fail_store(fond_db_t *db, fond_status_t st)
{
    return db_fail(db, st, "%s", store_error(db->store));
}

fond_status_t db_delete_source(fond_db_t *db, const char *hash)
{
    char term[SCHEMA_SOURCE_TERM_SIZE];
    snprintf(term, sizeof term, SCHEMA_SOURCE "%s", hash);
    return store_delete_term(db->store, term);
}

const char *fond_db_error(const fond_db_t *db) { return db ? db->error : ""; }

fond_status_t fond_ocr_packs(char *packs, size_t size, fond_error_t *err)
{
    char scratch[sizeof err->message], *msg = err ? err->message : scratch;
    msg[0] = '\0';
    FOND_ASSERT_ARG_MSG(packs && size, msg, sizeof scratch);
    return ocr_lang_installed(packs, size, msg, sizeof scratch);
}

fond_status_t fond_ocr_language(const char *language, const char *packs,
                                char *out, size_t size, fond_error_t *err)
{
    char scratch[sizeof err->message], *msg = err ? err->message : scratch;
    msg[0] = '\0';
    FOND_ASSERT_ARG_MSG(out && size, msg, sizeof scratch);
    return ocr_lang_resolve(language, packs, out, size, msg, sizeof scratch);
}

/* A language asked for is checked against the packs (asked of Tesseract
 * unless given) and kept resolved ("français": "fra"), so that no source
 * resolves it again; Tesseract that cannot be asked leaves the packs
 * unknown, and each scan then fails as it would have.  Choosing ("auto")
 * asks for the packs only when a scan first needs them (db_extract_for):
 * a collection without scans never runs Tesseract. */
fond_status_t fond_db_set_extract(fond_db_t *db,
                                  const fond_extract_opts_t *opts)
{
    FOND_ASSERT_ARG(db, opts);
    char why[512], spec[sizeof db->ocr_language];
    const char *given = opts->ocr_language;
    int asking = !opts->ocr_packs && !opts->no_ocr && given && *given &&
                 strcmp(given, "auto") != 0;
    db->ocr_packs[0] = '\0';
    if (opts->ocr_packs)
        snprintf(db->ocr_packs, sizeof db->ocr_packs, "%s", opts->ocr_packs);
    int known = opts->ocr_packs ||
                (asking && ocr_lang_installed(db->ocr_packs, sizeof db->ocr_packs,
                                              why, sizeof why) == FOND_OK);
    if (ocr_lang_resolve(given, known ? db->ocr_packs : NULL, spec, sizeof spec,
                         why, sizeof why) != FOND_OK && !opts->no_ocr)
        return db_fail(db, FOND_ERR_ARG, "%s", why);
    db->extract = *opts;
    snprintf(db->ocr_language, sizeof db->ocr_language, "%s", spec);
    db->extract.ocr_language = db->ocr_language;
    db->extract.ocr_packs = known ? db->ocr_packs : NULL;
    db->ocr_packs_asked = known || asking;
    return FOND_OK;
}

const fond_extract_opts_t *db_extract_for(fond_db_t *db,
                                          const struct fond_catalogue_row *row,
                                          int scan, fond_extract_opts_t *copy,
                                          char *spec, size_t size)
{
    char why[512];
    const char *given = db->extract.ocr_language;
    if (db->extract.no_ocr || (given && *given && strcmp(given, "auto") != 0) ||
        !scan)
        return &db->extract;
    if (!db->ocr_packs_asked) { /* the first scan: once for the handle */
        db->ocr_packs_asked = 1;
        if (ocr_lang_installed(db->ocr_packs, sizeof db->ocr_packs, why,
                               sizeof why) == FOND_OK)
            db->extract.ocr_packs = db->ocr_packs;
    }
    const char *language = row ? row->fields.language : NULL;
    if (!language || !db->extract.ocr_packs)
        return &db->extract;
    /* "fr", "French; English", "deu, eng": each a name or a pack */
    char list[OCR_LANG_SIZE];
    snprintf(list, sizeof list, "%s", language);
    for (char *c = list; *c; c++)
        if (*c == ',' || *c == ';' || *c == '/')
            *c = '+';
    if (ocr_lang_resolve(list, db->extract.ocr_packs, spec, size, why,
                         sizeof why) != FOND_OK || !*spec)
        return &db->extract;
    *copy = db->extract;
    copy->ocr_language = spec;
    return copy;
}

/* ------------------------------------------------------------- open, close */

/* ------------------------------------------------------------ shards
 *
 * A sharded database is a folder holding shard-00, shard-01, ... (each an
 * ordinary Xapian database) and Xapian's stub file XAPIANDB naming them
 * ("auto shard-00" a line), so that readers open the folder as one
 * database.  Writers open the shards themselves: Xapian cannot write
 * through a stub.  Each source lives in one shard, chosen by its file's
 * name (the path's last part): a collection splits the same way wherever
 * it is mounted, so that its shards, and the few scores Xapian 1.4 makes
 * from each shard's own words (a word's forms: docs/scaling.md), are the
 * same on every machine.
 */

#define STUB_NAME "XAPIANDB"

int db_use_shard(fond_db_t *db, const char *path)
{
    if (db->n_shards == 0)
        return 0;
    const char *name = strrchr(path, '/');
    db->store = db->shards[hash_string(name ? name + 1 : path) % db->n_shards];
    return db->store ? 0 : -1;
}

fond_status_t db_each_store(fond_db_t *db,
                            fond_status_t (*fn)(fond_db_t *db, void *ctx),
                            void *ctx)
{
    if (db->n_shards == 0)
        return fn(db, ctx);
    fond_status_t st = FOND_OK;
    for (size_t i = 0; i < db->n_shards && st == FOND_OK; i++)
        if ((db->store = db->shards[i]) != NULL)
            st = fn(db, ctx);
    return st;
}

/* The shard names of the stub at path/XAPIANDB into names[0, max), their
 * number into *n (0: no stub, an ordinary database).  FOND_ERR_IO, with a
 * message in msg, when there is a stub that cannot be read. */
static fond_status_t read_stub(const char *path, char names[][32], size_t max,
                               size_t *n, char *msg, size_t size)
{
    char stub[4096], line[256];
    snprintf(stub, sizeof stub, "%s/" STUB_NAME, path);
    *n = 0;
    FILE *f = fopen(stub, "r");
    if (!f && (errno == ENOENT || errno == ENOTDIR))
        return FOND_OK;
    while (f && *n < max && fgets(line, sizeof line, f))
        if (sscanf(line, "auto %31s", names[*n]) == 1)
            (*n)++;
    if (f && !ferror(f) && fclose(f) == 0)
        return FOND_OK;
    int error = errno;
    if (f && ferror(f))
        fclose(f);
    errno = error;
    return db_errno_fail(msg, size, stub);
}

/* How many shards the stub at path names (0: no stub). */
static fond_status_t stub_count(const char *path, size_t *n, char *msg,
                                size_t size)
{
    char names[DB_MAX_SHARDS][32];
    return read_stub(path, names, DB_MAX_SHARDS, n, msg, size);
}

static fond_status_t open_shards(fond_db_t *db, const char *path, size_t part,
                                 size_t parts, char *msg, size_t size)
{
    char names[DB_MAX_SHARDS][32];
    fond_status_t st = read_stub(path, names, DB_MAX_SHARDS, &db->n_shards,
                                 msg, size);
    for (size_t i = 0; i < db->n_shards && st == FOND_OK; i++) {
        if (i % parts != part)
            continue;
        char shard[4096];
        snprintf(shard, sizeof shard, "%s/%s", path, names[i]);
        st = store_open(&db->shards[i], shard, 1, msg, size);
        db->store = db->store ? db->store : db->shards[i];
    }
    return st;
}

/* Close (and commit) every shard held; the first failure's status, after
 * all are closed. */
static fond_status_t close_shards(fond_db_t *db)
{
    fond_status_t st = FOND_OK;
    for (size_t i = 0; i < db->n_shards; i++) {
        fond_status_t closed = store_close(db->shards[i]);
        st = st == FOND_OK ? closed : st;
    }
    return st;
}


/* Undo a failed create: remove the shards made (those before `made`
 * that were not there before), the stub being written, and the folder if
 * this call made it. */
static void create_undo(const char *path, size_t made, const int *existed,
                        int made_dir)
{
    char name[4096], scratch[8];
    for (size_t i = 0; i < made; i++) {
        snprintf(name, sizeof name, "%s/shard-%02zu", path, i);
        if (!existed[i])
            db_remove_tree(name, scratch, sizeof scratch);
    }
    snprintf(name, sizeof name, "%s/" STUB_NAME ".new", path);
    unlink(name);
    if (made_dir)
        rmdir(path);
}

/* Make the shards, then the stub naming them (written beside and renamed
 * into place), so that a stub exists only when every shard it names is a
 * database.  A failure leaves nothing behind: a retry starts afresh. */
fond_status_t fond_db_create_sharded(const char *path, size_t n_shards,
                                     fond_error_t *err)
{
    char scratch[sizeof err->message], *msg = err ? err->message : scratch;
    msg[0] = '\0';
    FOND_ASSERT_ARG_MSG(path, msg, sizeof scratch);
    if (n_shards < 1 || n_shards > DB_MAX_SHARDS) {
        snprintf(msg, sizeof scratch, "%.400s: shards: 1 to 64", path);
        return FOND_ERR_ARG;
    }
    /* one key for every shard: a reader of the stub reads the first's */
    schema_key_t key;
    char key_text[SCHEMA_KEY_TEXT_SIZE];
    if (schema_key_new(&key) != 0) {
        snprintf(msg, sizeof scratch, "%.400s: no random bytes for its key: %s",
                 path, strerror(errno));
        return FOND_ERR_IO;
    }
    schema_key_format(&key, key_text);
    size_t have = 0;
    fond_status_t st = stub_count(path, &have, msg, sizeof scratch);
    if (st != FOND_OK)
        return st;
    if (have) {
        snprintf(msg, sizeof scratch, "%.400s: is a sharded database already",
                 path);
        return FOND_ERR_ARG;
    }
    int made_dir = mkdir(path, 0777) == 0, existed[DB_MAX_SHARDS];
    if (!made_dir && errno != EEXIST)
        return db_errno_fail(msg, sizeof scratch, path);
    char stub[4096], tmp[4096], shard[4096];
    struct stat sb;
    size_t made = 0;
    for (; made < n_shards && st == FOND_OK; made++) {
        store_t *s = NULL;
        snprintf(shard, sizeof shard, "%s/shard-%02zu", path, made);
        existed[made] = lstat(shard, &sb) == 0;
        st = store_open(&s, shard, 1, msg, sizeof scratch);
        if (st == FOND_OK && (st = store_set_metadata(s, SCHEMA_ID_KEY,
                                                      key_text)) != FOND_OK)
            snprintf(msg, sizeof scratch, "%s", store_error(s));
        fond_status_t closed = s ? store_close(s) : FOND_OK;
        st = st == FOND_OK ? closed : st;
    }
    snprintf(stub, sizeof stub, "%s/" STUB_NAME, path);
    snprintf(tmp, sizeof tmp, "%s/" STUB_NAME ".new", path);
    FILE *f = st == FOND_OK ? fopen(tmp, "w") : NULL;
    for (size_t i = 0; f && i < n_shards; i++)
        fprintf(f, "auto shard-%02zu\n", i);
    int written = f && !ferror(f);
    if (f && fclose(f) != 0)
        written = 0;
    if (st == FOND_OK && (!written || rename(tmp, stub) != 0))
        st = db_errno_fail(msg, sizeof scratch, stub);
    if (st != FOND_OK)
        create_undo(path, made, existed, made_dir);
    return st;
}

/* ------------------------------------------------------------ open, close */

/* The key of the sources' ids, if the database has one, into db->id_key. */
static fond_status_t read_key(fond_db_t *db)
{
    char *key = NULL;
    fond_status_t st = store_get_metadata(db->store, SCHEMA_ID_KEY, &key);
    if (st == FOND_OK)
        schema_key_parse(key, &db->id_key);
    free(key);
    return st;
}

/* Does the handle hold every shard of its database (or is it one)? */
static int holds_all(const fond_db_t *db)
{
    for (size_t i = 0; i < db->n_shards; i++)
        if (!db->shards[i])
            return 0;
    return 1;
}

/* Mark an empty database as of this fond's schema, with a key for its
 * sources' ids (the one its shards were made with, else a new one), in
 * every store the handle holds. */
static fond_status_t make_current(fond_db_t *db, int keyed, char *msg,
                                  size_t size)
{
    char key[SCHEMA_KEY_TEXT_SIZE];
    if (!keyed && !holds_all(db)) {
        /* each part would draw a key of its own */
        snprintf(msg, size, "its shards have no key for the sources' ids "
                 "(made by an earlier fond): index it once without --jobs");
        return FOND_ERR_ARG;
    }
    if (!keyed && schema_key_new(&db->id_key) != 0) {
        snprintf(msg, size, "no random bytes for the database's key: %s",
                 strerror(errno));
        return FOND_ERR_IO;
    }
    schema_key_format(&db->id_key, key);
    fond_status_t st = FOND_OK;
    for (size_t i = 0; i < DB_MAX_SHARDS && st == FOND_OK; i++) {
        store_t *s = db->n_shards ? db->shards[i] : i ? NULL : db->store;
        if (s && (st = store_set_metadata(s, SCHEMA_VERSION_KEY,
                                          SCHEMA_VERSION)) == FOND_OK)
            st = store_set_metadata(s, SCHEMA_ID_KEY, key);
        if (st != FOND_OK)
            snprintf(msg, size, "%s", store_error(s));
    }
    return st;
}

/* Is the database of this fond's schema (schema.h), with the key of its
 * sources' ids?  One with no documents is made so, when writable; one
 * with documents and another version (or none: before versions were
 * recorded) or no key needs upgrading. */
static fond_status_t check_schema(fond_db_t *db, const char *path, int writable,
                                  char *msg, size_t size)
{
    char *version = NULL;
    size_t docs = 0;
    fond_status_t st = store_get_metadata(db->store, SCHEMA_VERSION_KEY, &version);
    if (st == FOND_OK)
        st = read_key(db);
    int keyed = db->id_key.set;
    int current = keyed && strcmp(version, SCHEMA_VERSION) == 0;
    if (st == FOND_OK && !current)
        st = store_doc_count(db->store, &docs);
    free(version);
    if (st != FOND_OK) {
        snprintf(msg, size, "%s", store_error(db->store));
        return st;
    }
    if (current)
        return FOND_OK;
    if (docs > 0) {
        snprintf(msg, size, "%.200s: written by an earlier version of fond; "
                 "'fond-index --upgrade --db %.200s' brings it up to date",
                 path, path);
        return FOND_ERR_UPGRADE;
    }
    return writable ? make_current(db, keyed, msg, size) : FOND_OK;
}

static fond_status_t open_db(fond_db_t **out, const char *path,
                             fond_db_mode_t mode, size_t part, size_t parts,
                             int any_schema, fond_error_t *err)
{
    char scratch[sizeof err->message];
    char *msg = err ? err->message : scratch;
    *out = NULL;
    msg[0] = '\0';
    fond_db_t *db = calloc(1, sizeof *db);
    if (!db) {
        snprintf(msg, sizeof scratch, "out of memory");
        return FOND_ERR_NOMEM;
    }
    size_t shards = 0;
    fond_status_t st = analyzer_new(&db->analyzer, "english");
    if (st != FOND_OK)
        snprintf(msg, sizeof scratch, "cannot create the English stemmer: %s",
                 fond_status_str(st));
    if (st == FOND_OK && mode == FOND_DB_WRITE)
        st = stub_count(path, &shards, msg, sizeof scratch);
    if (st == FOND_OK && shards)
        st = open_shards(db, path, part, parts, msg, sizeof scratch);
    else if (st == FOND_OK)
        st = store_open(&db->store, path, mode == FOND_DB_WRITE, msg,
                        sizeof scratch);
    if (st == FOND_OK && !any_schema)
        st = check_schema(db, path, mode == FOND_DB_WRITE, msg, sizeof scratch);
    else if (st == FOND_OK && (st = read_key(db)) != FOND_OK) /* the upgrade's */
        snprintf(msg, sizeof scratch, "%s", store_error(db->store));
    if (st != FOND_OK) {
        close_shards(db);
        store_close(db->n_shards ? NULL : db->store);
        analyzer_free(db->analyzer);
        free(db);
        return st;
    }
    *out = db;
    return FOND_OK;
}

fond_status_t fond_db_open(fond_db_t **out, const char *path,
                           fond_db_mode_t mode, fond_error_t *err)
{
    char scratch[sizeof err->message], *msg = err ? err->message : scratch;
    if (out)
        *out = NULL;
    FOND_ASSERT_ARG_MSG(out && path, msg, sizeof scratch);
    return open_db(out, path, mode, 0, 1, 0, err);
}

fond_status_t db_open_any_schema(fond_db_t **out, const char *path,
                                 fond_error_t *err)
{
    return open_db(out, path, FOND_DB_WRITE, 0, 1, 1, err);
}

fond_status_t fond_db_open_part(fond_db_t **out, const char *path,
                                size_t part, size_t parts, fond_error_t *err)
{
    char scratch[sizeof err->message], *msg = err ? err->message : scratch;
    size_t shards = 0;
    FOND_ASSERT_ARG_MSG(out && path, msg, sizeof scratch);
    fond_status_t st = stub_count(path, &shards, msg, sizeof scratch);
    if (st != FOND_OK)
        return st;
    if (parts == 0 || part >= parts || shards == 0) {
        snprintf(msg, sizeof scratch, "%.400s: parts need a sharded database",
                 path);
        return FOND_ERR_ARG;
    }
    return open_db(out, path, FOND_DB_WRITE, part, parts, 0, err);
}

int fond_db_owns(fond_db_t *db, const char *path)
{
    return db_use_shard(db, path) == 0;
}

fond_status_t fond_db_shard_count(const char *path, size_t *out,
                                  fond_error_t *err)
{
    char scratch[sizeof err->message], *msg = err ? err->message : scratch;
    FOND_ASSERT_ARG_MSG(out, msg, sizeof scratch);
    *out = 0;
    msg[0] = '\0';
    FOND_ASSERT_ARG_MSG(path, msg, sizeof scratch);
    return stub_count(path, out, msg, sizeof scratch);
}

fond_status_t db_analyzer(fond_db_t *db, const char *language,
                          analyzer_t **out)
{
    for (size_t i = 0; i < db->n_analyzers; i++)
        if (strcmp(db->languages[i], language) == 0) {
            *out = db->analyzers[i];
            return FOND_OK;
        }
    *out = db->analyzer;
    if (db->n_analyzers == DB_MAX_LANGUAGES)
        return FOND_OK;
    analyzer_t *a = NULL;
    fond_status_t st = analyzer_new(&a, language);
    if (st == FOND_ERR_ARG)
        return FOND_OK; /* no stemmer for it: English will do */
    if (st != FOND_OK)
        return st;
    db->languages[db->n_analyzers] = language;
    db->analyzers[db->n_analyzers++] = a;
    *out = a;
    return FOND_OK;
}

fond_status_t fond_db_close(fond_db_t *db)
{
    if (!db)
        return FOND_OK;
    fond_status_t st = FOND_OK;
    if (db->n_shards)
        st = close_shards(db);
    else
        st = store_close(db->store);
    for (size_t i = 0; i < db->n_analyzers; i++)
        analyzer_free(db->analyzers[i]);
    analyzer_free(db->analyzer);
    langid_free(db->langid);
    wordset_free(db->misread_unsure);
    if (db->mail)
        db->mail_free(db->mail);
    free(db);
    return st;
}

static fond_status_t commit_one(fond_db_t *db, void *ctx)
{
    (void)ctx;
    return store_commit(db->store);
}

fond_status_t fond_db_commit(fond_db_t *db)
{
    FOND_ASSERT_ARG(db, 1);
    fond_status_t st = db_each_store(db, commit_one, NULL);
    return st == FOND_OK ? FOND_OK : db_fail_store(db, st);
}

static fond_status_t count_one(fond_db_t *db, void *ctx)
{
    size_t n = 0;
    fond_status_t st = store_doc_count(db->store, &n);
    *(size_t *)ctx += n;
    return st;
}

fond_status_t fond_db_passage_count(fond_db_t *db, size_t *out)
{
    FOND_ASSERT_ARG(db, out);
    *out = 0;
    fond_status_t st = db_each_store(db, count_one, out);
    return st == FOND_OK ? FOND_OK : db_fail_store(db, st);
}

static int remove_entry(const char *path, const struct stat *sb, int flag,
                        struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* rm -rf */
fond_status_t db_remove_tree(const char *path, char *msg, size_t size)
{
    if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) == 0)
        return FOND_OK;
    return db_errno_fail(msg, size, path);
}

fond_status_t fond_db_compact(const char *path, fond_error_t *err)
{
    char scratch[sizeof err->message], *msg = err ? err->message : scratch;
    char tmp[4096], old[4096];
    msg[0] = '\0';
    FOND_ASSERT_ARG_MSG(path, msg, sizeof scratch);
    snprintf(tmp, sizeof tmp, "%s.compacting", path);
    snprintf(old, sizeof old, "%s.old", path);
    fond_status_t st = store_compact(path, tmp, msg, sizeof scratch);
    /* swap in the merged database: readers see the old or the new one */
    if (st == FOND_OK && (rename(path, old) != 0 || rename(tmp, path) != 0))
        st = db_errno_fail(msg, sizeof scratch, path);
    if (st == FOND_OK)
        st = db_remove_tree(old, msg, sizeof scratch);
    return st;
}

static char *join_path(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s", a, b);
    return p;
}

fond_status_t fond_db_default_path(char **out)
{
    if (!out)
        return FOND_ERR_ARG;
    const char *env = getenv("FOND_DB");
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    if (env && *env)
        *out = strdup(env);
    else if (xdg && *xdg)
        *out = join_path(xdg, "/fond/db");
    else if (home && *home)
        *out = join_path(home, "/.local/share/fond/db");
    else
        return FOND_ERR_ARG;
    return *out ? FOND_OK : FOND_ERR_NOMEM;
}
