/*
 * db.c -- opening and closing a fond database, its status strings and error
 * messages, and where the default database lives.  Indexing is in index.c,
 * searching in search.c.
 */
#include "fond.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"

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

fond_status_t db_fail_store(fond_db_t *db, fond_status_t st)
{
    return db_fail(db, st, "%s", store_error(db->store));
}

const char *fond_db_error(const fond_db_t *db) { return db ? db->error : ""; }

/* ------------------------------------------------------------- open, close */

fond_status_t fond_db_open(fond_db_t **out, const char *path,
                           fond_db_mode_t mode, fond_error_t *err)
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
    fond_status_t st = analyzer_new(&db->analyzer, "english");
    if (st != FOND_OK)
        snprintf(msg, sizeof scratch, "cannot create the English stemmer");
    if (st == FOND_OK)
        st = store_open(&db->store, path, mode == FOND_DB_WRITE, msg,
                        sizeof scratch);
    if (st != FOND_OK) {
        analyzer_free(db->analyzer);
        free(db);
        return st;
    }
    *out = db;
    return FOND_OK;
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
    fond_status_t st = store_close(db->store);
    for (size_t i = 0; i < db->n_analyzers; i++)
        analyzer_free(db->analyzers[i]);
    analyzer_free(db->analyzer);
    free(db);
    return st;
}

fond_status_t fond_db_commit(fond_db_t *db)
{
    fond_status_t st = store_commit(db->store);
    return st == FOND_OK ? FOND_OK : db_fail_store(db, st);
}

fond_status_t fond_db_passage_count(fond_db_t *db, size_t *out)
{
    fond_status_t st = store_doc_count(db->store, out);
    return st == FOND_OK ? FOND_OK : db_fail_store(db, st);
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
