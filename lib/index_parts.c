/*
 * index_parts.c -- a file of many sources indexed (parts.h): each part a
 * source of its own, written through index.c's one path for a source
 * (db_index_one), its fields given as the format's (source.h, level 3)
 * and its text read as text with no header of its own.  A mail file is
 * one such: a message file or an mbox, read in the mail parser's worker
 * (mail.h, child.h); so is an EAD finding aid, its collection and each
 * component a part (ead.h), parsed here by the hardened xml_parse.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "ead.h"
#include "mail.h"
#include "schema.h"

/* Failures that cost one part of a file, not the run. */
static int is_part_failure(fond_status_t st)
{
    return st == FOND_ERR_ARG || st == FOND_ERR_BINARY || st == FOND_ERR_UTF8;
}

/* One message's result added to the file's. */
static void add_result(fond_index_result_t *all, const fond_index_result_t *one)
{
    if (all->sources == 0) {
        size_t failed = all->sources_failed;
        char failure[sizeof all->failure];
        memcpy(failure, all->failure, sizeof failure);
        *all = *one;
        all->sources_failed = failed;
        memcpy(all->failure, failure, sizeof failure);
        return;
    }
    all->passages += one->passages;
    all->replaced += one->replaced;
    all->notes += one->notes;
    all->sources++;
    if (strcmp(all->language, one->language) != 0)
        snprintf(all->language, sizeof all->language, "mixed");
}

static void part_failed(fond_index_result_t *all, const char *why)
{
    if (all->sources_failed++ == 0)
        snprintf(all->failure, sizeof all->failure, "%.*s",
                 (int)sizeof all->failure - 1, why);
}

/* The name of the part at index i of n: the file's path alone for a
 * file of one part without an id of its own, else "PATH#ID" or "PATH#N"
 * (from 1).  Malloc'd; NULL when out of memory. */
static char *part_name(const char *path, const part_t *part, size_t i,
                       size_t n)
{
    if (n == 1 && !part->id)
        return strdup(path);
    size_t len = strlen(path) + (part->id ? strlen(part->id) : 20) + 2;
    char *name = malloc(len);
    if (name && part->id)
        snprintf(name, len, "%s#%s", path, part->id);
    else if (name)
        snprintf(name, len, "%s#%zu", path, i + 1);
    return name;
}

fond_status_t db_index_parts(fond_db_t *db, const char *path,
                             const char *under, long long added,
                             const parts_t *parts, size_t len,
                             fond_index_result_t *out)
{
    char why[256] = "";
    char hash[SCHEMA_SOURCE_ID_SIZE];
    schema_source_id(&db->id_key, path, hash);
    fond_status_t st = db_delete_source(db, hash); /* every part it had */
    if (st != FOND_OK)
        db_fail(db, st, "%s: %s", path, store_error(db->store));
    fond_index_result_t all, one;
    memset(&all, 0, sizeof all);
    for (size_t i = 0; i < parts->n && st == FOND_OK; i++) {
        const part_t *m = &parts->parts[i];
        char *name = part_name(path, m, i, parts->n);
        if (!name) {
            st = db_fail(db, FOND_ERR_NOMEM, "%s: out of memory", path);
        } else if (!m->text) {
            snprintf(why, sizeof why, "%s: %s", name, m->failure);
            part_failed(&all, why);
        } else {
            char shown[4096]; /* its name under the PATH: the file's, "#N" */
            if (under)
                snprintf(shown, sizeof shown, "%s%s", under, name + strlen(path));
            st = db_index_one(db, path, name, NULL, under ? shown : NULL,
                              added, m->text, m->len, &m->fields, &one);
            if (st == FOND_OK)
                add_result(&all, &one);
            else if (is_part_failure(st) && parts->n > 1) {
                part_failed(&all, db->error);
                db->error[0] = '\0';
                st = FOND_OK;
            }
        }
        free(name);
    }
    if (st == FOND_OK && all.sources == 0)
        st = db_fail(db, FOND_ERR_BINARY, "%s", all.failure);
    all.bytes = len;
    if (out)
        *out = all;
    return st;
}

/* A message file or an mbox (mail.h): each message a part. */
fond_status_t db_index_mail(fond_db_t *db, const char *path, const char *under,
                            long long added, mail_kind_t kind, const char *bytes,
                            size_t len, fond_index_result_t *out)
{
    mail_t mail;
    char why[256] = "";
    fond_status_t st = FOND_OK;
    if (!db->mail) {
        if ((st = mail_reader_new(&db->mail)) != FOND_OK)
            snprintf(why, sizeof why, "out of memory");
        db->mail_free = mail_reader_free;
    }
    if (st == FOND_OK)
        st = mail_reader_read(db->mail, &mail, kind, bytes, len, why, sizeof why);
    else
        memset(&mail, 0, sizeof mail);
    if (st == FOND_OK && mail.n == 1 && !mail.parts[0].text) {
        snprintf(why, sizeof why, "%s", mail.parts[0].failure);
        st = FOND_ERR_BINARY;
    }
    if (st != FOND_OK) {
        mail_free(&mail);
        return db_fail(db, st, "%s: %s, skipped", path, why);
    }
    fond_index_result_t all;
    st = db_index_parts(db, path, under, added, &mail, len, &all);
    snprintf(all.format, sizeof all.format, "%s", mail.n > 1 ? "mbox" : "email");
    snprintf(all.encoding, sizeof all.encoding, "UTF-8");
    snprintf(all.encoding_how, sizeof all.encoding_how, "mime");
    mail_free(&mail);
    if (out)
        *out = all;
    return st;
}

/* Whether a link is a path (not a URL: no "scheme:" before a '/'). */
static int link_is_path(const char *link)
{
    size_t n = strcspn(link, ":/");
    return link[0] && !(link[n] == ':' && n > 0);
}

/* A relative path a finding aid's <dao> names, as the path of the file it
 * means: from the finding aid's folder, its "." and ".." steps taken
 * (lexically: the file need not be there yet).  Malloc'd; NULL when out of
 * memory. */
static char *link_path(const char *file, const char *link)
{
    const char *slash = strrchr(file, '/');
    size_t dir = link[0] == '/' ? 0 : slash ? (size_t)(slash - file) : 0;
    char *out = malloc(dir + strlen(link) + 3);
    if (!out)
        return NULL;
    size_t o = 0;
    if (link[0] != '/' && !slash) /* a file named without a folder */
        out[o++] = '.';
    memcpy(out + o, file, dir);
    o += dir;
    for (const char *at = link; *at;) {
        while (*at == '/')
            at++;
        size_t n = strcspn(at, "/");
        if (n == 2 && at[0] == '.' && at[1] == '.') {
            while (o > 0 && out[o - 1] != '/')
                o--; /* drop the last step, and its slash */
            if (o > 0)
                o--;
        } else if (n && !(n == 1 && at[0] == '.')) {
            out[o++] = '/';
            memcpy(out + o, at, n);
            o += n;
        }
        at += n;
    }
    out[o] = '\0';
    return out;
}

/* An EAD finding aid (ead.h): the collection and each component a part. */
fond_status_t db_index_ead(fond_db_t *db, const char *path, const char *under,
                           long long added, const char *bytes, size_t len,
                           fond_index_result_t *out)
{
    parts_t parts;
    char why[256] = "";
    fond_status_t st = ead_read(&parts, bytes, len, why, sizeof why);
    if (st != FOND_OK) {
        parts_free(&parts);
        return db_fail(db, st, "%s: %s, skipped", path, why);
    }
    /* a digitised copy that is a file: its path, as fond names the file
     * (index.c gives it a term the file's hits find) */
    for (size_t i = 0; i < parts.n && st == FOND_OK; i++) {
        char **link = &parts.parts[i].fields.link;
        char *resolved = *link && link_is_path(*link) ? link_path(path, *link) : NULL;
        if (*link && link_is_path(*link) && !resolved)
            st = FOND_ERR_NOMEM;
        if (resolved) {
            free(*link);
            *link = resolved;
        }
    }
    if (st != FOND_OK) {
        parts_free(&parts);
        return db_fail(db, st, "%s: out of memory", path);
    }
    fond_index_result_t all;
    st = db_index_parts(db, path, under, added, &parts, len, &all);
    snprintf(all.format, sizeof all.format, "ead");
    snprintf(all.encoding, sizeof all.encoding, "UTF-8");
    snprintf(all.encoding_how, sizeof all.encoding_how, "declared");
    parts_free(&parts);
    if (out)
        *out = all;
    return st;
}
