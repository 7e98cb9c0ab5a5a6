/*
 * index_mail.c -- a mail file indexed (mail.h): a message file or an mbox,
 * each message a source of its own, read in the mail parser's worker
 * (child.h) and written through index.c's one path for a source
 * (db_index_one), its header's fields given as the format's (source.h,
 * level 3) and its body read as text with no header of its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mail.h"
#include "schema.h"

/* Failures that cost one message of an mbox, not the run. */
static int is_message_failure(fond_status_t st)
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

static void message_failed(fond_index_result_t *all, const char *why)
{
    if (all->sources_failed++ == 0)
        snprintf(all->failure, sizeof all->failure, "%.*s",
                 (int)sizeof all->failure - 1, why);
}

/* A message file or an mbox (mail.h): each message a source of its own,
 * named by the file's path, and "#N" after it for the N-th message of an
 * mbox of several.  All carry the file's XSRC term, so that the file's
 * old messages go, every one, before its messages now are written. */
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
    if (st == FOND_OK && mail.n == 1 && !mail.messages[0].text) {
        snprintf(why, sizeof why, "%s", mail.messages[0].failure);
        st = FOND_ERR_BINARY;
    }
    if (st != FOND_OK) {
        mail_free(&mail);
        return db_fail(db, st, "%s: %s, skipped", path, why);
    }
    char hash[SCHEMA_SOURCE_ID_SIZE];
    schema_source_id(&db->id_key, path, hash);
    st = db_delete_source(db, hash); /* every message the file had */
    if (st != FOND_OK)
        db_fail(db, st, "%s: %s", path, store_error(db->store));
    fond_index_result_t all, one;
    memset(&all, 0, sizeof all);
    for (size_t i = 0; i < mail.n && st == FOND_OK; i++) {
        const mail_message_t *m = &mail.messages[i];
        char *name = mail.n == 1 ? strdup(path) : malloc(strlen(path) + 24);
        if (name && mail.n > 1)
            sprintf(name, "%s#%zu", path, i + 1);
        if (!name) {
            st = db_fail(db, FOND_ERR_NOMEM, "%s: out of memory", path);
        } else if (!m->text) {
            snprintf(why, sizeof why, "%s: %s", name, m->failure);
            message_failed(&all, why);
        } else {
            char shown[4096]; /* its name under the PATH: the file's, "#N" */
            if (under)
                snprintf(shown, sizeof shown, "%s%s", under, name + strlen(path));
            st = db_index_one(db, path, name, NULL, under ? shown : NULL,
                              added, m->text, m->len, &m->fields, &one);
            if (st == FOND_OK)
                add_result(&all, &one);
            else if (is_message_failure(st) && mail.n > 1) {
                message_failed(&all, db->error);
                db->error[0] = '\0';
                st = FOND_OK;
            }
        }
        free(name);
    }
    snprintf(all.format, sizeof all.format, "%s", mail.n > 1 ? "mbox" : "email");
    mail_free(&mail);
    if (st == FOND_OK && all.sources == 0)
        st = db_fail(db, FOND_ERR_BINARY, "%s", all.failure);
    all.bytes = len;
    snprintf(all.encoding, sizeof all.encoding, "UTF-8");
    snprintf(all.encoding_how, sizeof all.encoding_how, "mime");
    if (out)
        *out = all;
    return st;
}
