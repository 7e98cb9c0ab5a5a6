/*
 * fuzz_mail.c -- libFuzzer target for lib/mail.h: the bytes read as one
 * message and as an mbox (GMime's parser and fond's walk over its parts,
 * with the limits), and as HTML reduced to text.  Checks what mail.h
 * promises: every message read is its fields (type email, a date of
 * eight digits or none, each field one line of valid UTF-8) and its text,
 * valid UTF-8, and its attachments, each named and its bytes within the
 * limits or skipped with a reason, or refused with a reason on one line;
 * the file as a whole
 * fails only with a one-line reason.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "fuzz.h"
#include "htmldoc.h"
#include "mail.h"
#include "source.h"

static void check_message(const part_t *m)
{
    if (!m->text) {
        FUZZ_CHECK(m->failure[0] != '\0' && fuzz_one_line(m->failure));
        return;
    }
    FUZZ_CHECK(m->text[m->len] == '\0' && strlen(m->text) == m->len);
    FUZZ_CHECK(utf8_valid_prefix(m->text, m->len) == m->len);
    const source_t *f = &m->fields;
    FUZZ_CHECK(f->type && strcmp(f->type, "email") == 0);
    FUZZ_CHECK(strlen(f->date) == 0 || strlen(f->date) == 8);
    const char *fields[] = {f->title, f->from, f->to, f->language};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        FUZZ_CHECK(!fields[i] || (*fields[i] && fuzz_one_line(fields[i]) &&
                                  utf8_valid_prefix(fields[i], strlen(fields[i])) ==
                                      strlen(fields[i])));
    /* its attachments: a name on one line, a type, and bytes within the
     * limits or a reason on one line; no more than the limit read */
    size_t taken = 0, read = 0;
    for (size_t i = 0; i < m->n_files; i++) {
        const part_file_t *a = &m->files[i];
        FUZZ_CHECK(a->name && *a->name && fuzz_one_line(a->name) &&
                   utf8_valid_prefix(a->name, strlen(a->name)) == strlen(a->name));
        FUZZ_CHECK(a->type && fuzz_one_line(a->type));
        if (a->bytes) {
            FUZZ_CHECK(a->len <= MAIL_MAX_ATTACHMENT_BYTES && !a->skipped[0]);
            taken += a->len, read++;
        } else {
            FUZZ_CHECK(a->skipped[0] && fuzz_one_line(a->skipped));
        }
    }
    FUZZ_CHECK(taken <= MAIL_MAX_ATTACHED_BYTES && read <= MAIL_MAX_ATTACHMENTS);
}

static void read_as(mail_kind_t kind, const char *bytes, size_t len)
{
    mail_t m;
    char err[256] = "";
    fond_status_t st = mail_read(&m, kind, bytes, len, err, sizeof err);
    if (st == FOND_OK) {
        FUZZ_CHECK(m.n > 0);
        for (size_t i = 0; i < m.n; i++)
            check_message(&m.parts[i]);
    } else {
        FUZZ_CHECK(st == FOND_ERR_BINARY || st == FOND_ERR_NOMEM);
        FUZZ_CHECK(fuzz_one_line(err));
    }
    mail_free(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = (const char *)data;
    mail_kind_t kind = mail_detect("fuzz.eml", bytes, size);
    read_as(kind == MAIL_MBOX ? MAIL_MBOX : MAIL_MESSAGE, bytes, size);
    if (kind != MAIL_MBOX)
        read_as(MAIL_MBOX, bytes, size);
    char *text = NULL;
    size_t len = 0;
    char err[256];
    if (html_read_text(bytes, size, &text, &len, err, sizeof err) == FOND_OK) {
        FUZZ_CHECK(text[len] == '\0');
        free(text);
    }
    return 0;
}
