/*
 * variants.c -- loading a name-variants file (data/variants.txt describes
 * the format) into the database's synonym table, where query.c finds them.
 * Each name is folded by analyze_text(), as indexed words are.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "hash.h"

#define GROUP_MAX 32 /* names in one group */
#define VARIANTS_KEY "fond:variants" /* metadata: "<file hash> <groups>" */

typedef struct {
    char *words[GROUP_MAX];
    size_t n;
    int overflow; /* more than GROUP_MAX names */
    int nomem;    /* a name could not be copied */
} group_t;

static void group_free(group_t *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->words[i]);
    g->n = 0;
}

static int collect_word(void *ctx, const analyze_token_t *t)
{
    group_t *g = ctx;
    if (g->n == GROUP_MAX) {
        g->overflow = 1;
        return 1;
    }
    if (!(g->words[g->n] = strdup(t->word))) {
        g->nomem = 1;
        return 1;
    }
    g->n++;
    return 0;
}

fond_status_t db_mirror_synonym(fond_db_t *db, const char *word,
                                const char *synonym)
{
    char key[256], *value = NULL;
    snprintf(key, sizeof key, "syn:%s", word);
    fond_status_t st = store_get_metadata(db->store, key, &value);
    size_t n = value ? strlen(value) : 0, sn = strlen(synonym);
    int present = 0;
    for (const char *p = value; st == FOND_OK && p && *p && !present;) {
        size_t len = strcspn(p, " ");
        present = len == sn && strncmp(p, synonym, sn) == 0;
        p += len + (p[len] == ' ');
    }
    char *grown = st == FOND_OK && !present ? realloc(value, n + sn + 2) : NULL;
    if (st != FOND_OK)
        db_fail_store(db, st);
    else if (!present && !grown)
        st = db_fail(db, FOND_ERR_NOMEM, "out of memory");
    if (grown) {
        value = grown;
        snprintf(value + n, sn + 2, "%s%s", n ? " " : "", synonym);
        if ((st = store_set_metadata(db->store, key, value)) != FOND_OK)
            db_fail_store(db, st);
    }
    free(value);
    return st;
}

/* Every name of the group a synonym of every other. */
static fond_status_t add_group(fond_db_t *db, const group_t *g)
{
    fond_status_t st = FOND_OK;
    for (size_t i = 0; i < g->n && st == FOND_OK; i++)
        for (size_t j = 0; j < g->n && st == FOND_OK; j++)
            if (strcmp(g->words[i], g->words[j]) != 0) {
                st = store_add_synonym(db->store, g->words[i], g->words[j]);
                if (st != FOND_OK)
                    db_fail_store(db, st);
                else
                    st = db_mirror_synonym(db, g->words[i], g->words[j]);
            }
    return st;
}

static fond_status_t fold_part(fond_db_t *db, const char *s, size_t len,
                               group_t *g)
{
    g->n = 0;
    g->overflow = 0;
    g->nomem = 0;
    fond_status_t st = analyze_text(db->analyzer, s, len, collect_word, g);
    if (st == FOND_OK && g->nomem)
        st = FOND_ERR_NOMEM;
    if (st == FOND_ERR_NOMEM)
        db_fail(db, st, "out of memory");
    return st == FOND_OK && g->overflow ? FOND_ERR_ARG : st;
}

static fond_status_t line_fail(fond_db_t *db, const char *path, size_t lineno,
                               const char *why)
{
    return db_fail(db, FOND_ERR_ARG, "%s:%zu: %s", path, lineno, why);
}

/* "A B / C D": the k-th words of the parts are variants of each other. */
static fond_status_t add_paired(fond_db_t *db, const char *line,
                                const char *path, size_t lineno)
{
    group_t parts[GROUP_MAX];
    size_t n = 0;
    fond_status_t st = FOND_OK;
    for (const char *s = line; st == FOND_OK && s && n < GROUP_MAX; n++) {
        const char *slash = strchr(s, '/');
        size_t len = slash ? (size_t)(slash - s) : strlen(s);
        st = fold_part(db, s, len, &parts[n]);
        if (st == FOND_OK && (parts[n].n == 0 || parts[n].n != parts[0].n))
            st = line_fail(db, path, lineno, "names between '/' must have "
                                             "the same number of words");
        s = slash ? slash + 1 : NULL;
    }
    for (size_t k = 0; st == FOND_OK && k < parts[0].n; k++) {
        group_t g = {{NULL}, 0, 0, 0};
        for (size_t i = 0; i < n; i++)
            g.words[g.n++] = parts[i].words[k];
        st = add_group(db, &g);
    }
    for (size_t i = 0; i < n; i++)
        group_free(&parts[i]);
    return st;
}

static fond_status_t add_line(fond_db_t *db, const char *line,
                              const char *path, size_t lineno)
{
    if (strchr(line, '/'))
        return add_paired(db, line, path, lineno);
    group_t g = {{NULL}, 0, 0, 0};
    fond_status_t st = fold_part(db, line, strlen(line), &g);
    if (st == FOND_ERR_ARG)
        st = line_fail(db, path, lineno, "more than 32 names in a group");
    if (st == FOND_OK)
        st = add_group(db, &g);
    group_free(&g);
    return st;
}

/* FNV-1a of the whole file, to know whether it changed since it was last
 * loaded; 0 with errno set if it cannot be read. */
static uint64_t file_hash(FILE *f)
{
    uint64_t h = HASH_FNV_OFFSET;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        h = hash_bytes(h, buf, n);
    int failed = ferror(f);
    rewind(f);
    return failed ? 0 : h;
}

/* Has this very file been loaded before?  (Then loading it again would
 * only write what is there, and an unchanged collection costs no write.) */
static int already_loaded(fond_db_t *db, const char *stamp, size_t *groups)
{
    char *value = NULL, hash[32];
    unsigned long long n = 0;
    if (store_get_metadata(db->store, VARIANTS_KEY, &value) != FOND_OK)
        return 0;
    int same = sscanf(value, "%31s %llu", hash, &n) == 2 && strcmp(hash, stamp) == 0;
    free(value);
    *groups = same ? (size_t)n : 0;
    return same;
}

typedef struct {
    const char *path;
    size_t groups;
} load_ctx_t;

static fond_status_t load_into(fond_db_t *db, const char *path,
                               size_t *groups);

static fond_status_t load_one(fond_db_t *db, void *ctx)
{
    load_ctx_t *c = ctx;
    return load_into(db, c->path, &c->groups);
}

fond_status_t fond_db_load_variants(fond_db_t *db, const char *path,
                                    size_t *groups)
{
    FOND_ASSERT_ARG(db, path && groups);
    load_ctx_t c = {path, 0};
    fond_status_t st = db_each_store(db, load_one, &c); /* every shard */
    *groups = c.groups;
    return st;
}

/* Load the file into the store db->store points at. */
static fond_status_t load_into(fond_db_t *db, const char *path,
                               size_t *groups)
{
    *groups = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return db_fail_errno(db, path);
    char stamp[32], record[64];
    snprintf(stamp, sizeof stamp, "%016llx", (unsigned long long)file_hash(f));
    if (already_loaded(db, stamp, groups)) {
        fclose(f);
        return FOND_OK;
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    fond_status_t st = FOND_OK;
    errno = 0;
    while (st == FOND_OK && getline(&line, &cap, f) != -1) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        const char *s = line + strspn(line, " \t");
        if (*s == '\0' || *s == '#')
            continue;
        if (utf8_valid_prefix(s, strlen(s)) < strlen(s))
            st = line_fail(db, path, lineno, "not valid UTF-8");
        if (st == FOND_OK)
            st = add_line(db, s, path, lineno);
        *groups += st == FOND_OK;
        errno = 0;
    }
    if (st == FOND_OK && (ferror(f) || errno == ENOMEM)) /* not the end */
        st = db_fail_errno(db, path);
    free(line);
    fclose(f);
    snprintf(record, sizeof record, "%s %zu", stamp, *groups);
    if (st == FOND_OK && (st = store_set_metadata(db->store, VARIANTS_KEY,
                                                  record)) != FOND_OK)
        db_fail_store(db, st);
    return st;
}
