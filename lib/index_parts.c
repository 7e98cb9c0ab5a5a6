/*
 * index_parts.c -- a file of many sources indexed (parts.h): each part a
 * source of its own, written through index.c's one path for a source
 * (db_index_one), its fields given as the format's (source.h, level 3)
 * and its text read as text with no header of its own.  A mail file is
 * one such: a message file or an mbox, read in the mail parser's worker
 * (mail.h, child.h).  A part's files (a message's attachments) are read
 * here, each through extract_bytes() as a file on disk is, and indexed
 * with the part as runs of its text (ingest.h, ingest_section_t): each
 * passage of one names it; one fond cannot read is counted and listed in
 * the result (fond_index_result_t.skipped), the part indexed without it.  An
 * EAD finding aid is another, its collection and each component a part
 * (ead.h); so is a TEI edition, each document a part (tei.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "db_internal.h"
#include "decode.h"
#include "ead.h"
#include "htmldoc.h"
#include "mail.h"
#include "schema.h"
#include "tei.h"
#include "text.h"

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

/* ------------------------------------------------------------ files */

/* What a part's files add up to: its text with theirs after it, where
 * each file's starts, and what was read and skipped. */
typedef struct {
    char *text;
    size_t len, cap;
    ingest_section_t *sections;
    size_t n_sections;
    size_t read, skipped;
    char lines[sizeof ((fond_index_result_t *)0)->skipped];
    char *notes;        /* the notes sections of the texts, gathered */
    size_t notes_len, notes_cap;
    unsigned last_note; /* the highest note number gathered */
} attached_t;

static fond_status_t put_bytes(attached_t *a, const char *s, size_t n)
{
    if (array_reserve(&a->text, &a->cap, a->len + n + 1, 1, 4096))
        return FOND_ERR_NOMEM;
    memcpy(a->text + a->len, s, n);
    a->len += n;
    a->text[a->len] = '\0';
    return FOND_OK;
}

static fond_status_t put_note(attached_t *a, unsigned number,
                              const char *text)
{
    char head[16];
    int n = snprintf(head, sizeof head, "%u. ", number);
    size_t len = strlen(text);
    if (array_reserve(&a->notes, &a->notes_cap, a->notes_len + (size_t)n + len + 2,
                      1, 1024))
        return FOND_ERR_NOMEM;
    memcpy(a->notes + a->notes_len, head, (size_t)n);
    memcpy(a->notes + a->notes_len + (size_t)n, text, len);
    a->notes_len += (size_t)n + len;
    a->notes[a->notes_len++] = '\n';
    a->notes[a->notes_len] = '\0';
    return FOND_OK;
}

/* Body text[0, len) put, each "[k]" marker of a note of s (numbered k)
 * written "[k + shift]". */
static fond_status_t put_shifted(attached_t *a, const char *text, size_t len,
                                 const source_t *s, unsigned shift)
{
    fond_status_t st = FOND_OK;
    size_t from = 0;
    for (size_t i = 0; i < len && st == FOND_OK; i++) {
        char *end = NULL;
        unsigned long k = text[i] == '[' && text_is_digit(text[i + 1 < len ? i + 1 : i])
                              ? strtoul(text + i + 1, &end, 10) : 0;
        int is_note = 0;
        for (size_t j = 0; k && end && *end == ']' && j < s->n_notes; j++)
            is_note |= s->notes[j].number == k;
        if (!is_note || (size_t)(end - text) >= len)
            continue;
        char marker[24];
        int n = snprintf(marker, sizeof marker, "[%lu]", k + shift);
        if ((st = put_bytes(a, text + from, i - from)) == FOND_OK)
            st = put_bytes(a, marker, (size_t)n);
        from = (size_t)(end - text) + 1;
        i = from - 1;
    }
    return st == FOND_OK ? put_bytes(a, text + from, len - from) : st;
}

/* A text of the whole (the part's own, or a file's): its body put in
 * place, and its notes section (source.h: under a Notes heading), which
 * would take in every text after it, gathered for the end of the whole
 * (attach_notes), its numbers moved past those gathered before where they
 * would repeat, with its "[k]" markers.  A text with no such section is
 * put as it is. */
static fond_status_t put_text(attached_t *a, const char *text, size_t len)
{
    source_t s;
    char err[160];
    if (source_parse_body(text, len, &s, err, sizeof err) != FOND_OK)
        return put_bytes(a, text, len);
    fond_status_t st = FOND_OK;
    if (!s.n_notes || s.notes_unheaded) {
        st = put_bytes(a, text, len);
    } else {
        unsigned shift = s.notes[0].number <= a->last_note ? a->last_note : 0;
        st = shift ? put_shifted(a, text, s.body_end, &s, shift)
                   : put_bytes(a, text, s.body_end);
        for (size_t i = 0; i < s.n_notes && st == FOND_OK; i++) {
            st = put_note(a, s.notes[i].number + shift, s.notes[i].text);
            if (s.notes[i].number + shift > a->last_note)
                a->last_note = s.notes[i].number + shift;
        }
    }
    source_free(&s);
    return st;
}

/* The notes gathered (put_text), as one Notes section that ends the
 * whole. */
static fond_status_t attach_notes(attached_t *a)
{
    fond_status_t st = FOND_OK;
    if (a->notes_len && (st = put_bytes(a, "\n\nNotes\n", 8)) == FOND_OK)
        st = put_bytes(a, a->notes, a->notes_len);
    return st;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!(s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ||
              s[i] == '\f'))
            return 0;
    return 1;
}

/* A file's text, read as a file is (extract.h: a PDF's text layer, a
 * scan's OCR, an image's, text, and whatever else extract_bytes() reads),
 * as UTF-8 into *out (malloc'd; a NUL as a space, as a mail text part's),
 * and whether it has pages.  Why it cannot be read in why:
 * FOND_ERR_EXTRACT, FOND_ERR_BINARY (a type fond does not read), or
 * FOND_ERR_NOMEM. */
static fond_status_t file_text(fond_db_t *db, const char *source,
                               const part_file_t *f, char **out, size_t *len,
                               int *paged, char *why, size_t size)
{
    extract_t x;
    memset(&x, 0, sizeof x);
    fond_extract_opts_t copy;
    char spec[128], name[4096];
    snprintf(name, sizeof name, "%s: attachment %s", source, f->name);
    const fond_extract_opts_t *o =
        db_extract_for(db, NULL, extract_format(f->bytes, f->len) != EXTRACT_TEXT,
                       &copy, spec, sizeof spec);
    fond_status_t st = extract_bytes(&x, f->bytes, f->len, name, o, why, size);
    decode_info_t info;
    if (st == FOND_OK) {
        st = decode_text_as(x.text, x.len, "", out, len, &info, why, size);
        if (st == FOND_ERR_BINARY || st == FOND_ERR_UTF8)
            snprintf(why, size, "%s, a type fond does not read",
                     *f->type ? f->type : "binary");
    }
    if (st == FOND_OK && x.format == EXTRACT_TEXT &&
        strcasecmp(f->type, "text/html") == 0) { /* (extract_bytes reads
                                                    it as text) */
        char *plain = NULL;
        st = html_read_text(*out, *len, &plain, len, why, size);
        free(*out);
        *out = plain;
    }
    for (size_t i = 0; st == FOND_OK && i < *len; i++)
        if ((*out)[i] == '\0')
            (*out)[i] = ' ';
    if (st == FOND_OK && is_blank(*out, *len)) {
        snprintf(why, size, "no text in it");
        st = FOND_ERR_EXTRACT;
    }
    if (st != FOND_OK) {
        free(*out);
        *out = NULL;
    }
    *paged = x.pages > 0;
    extract_free(&x);
    return st;
}

/* One more file skipped, and why, a line of a->lines while they fit. */
static void file_skipped(attached_t *a, const char *source,
                         const part_file_t *f, const char *why)
{
    size_t used = strlen(a->lines);
    a->skipped++;
    int n = snprintf(a->lines + used, sizeof a->lines - used,
                     "%s: attachment %s: %s\n", source, f->name, why);
    if (n < 0 || (size_t)n >= sizeof a->lines - used)
        a->lines[used] = '\0'; /* (no room: counted, not listed) */
}

/* The part's text, then each file's it can read after a blank line, each
 * a section (ingest.h), then the notes of all (put_text): a text's Notes
 * section in place would make every text after it notes.  Not after a
 * form feed: the pages of the whole are judged together for their
 * furniture (pages.h), and a line that recurs in many small files would
 * read as a running head, and go. */
static fond_status_t attach_files(fond_db_t *db, const char *source,
                                  const part_t *part, attached_t *a)
{
    if (!part->n_files)
        return put_bytes(a, part->text, part->len);
    fond_status_t st = put_text(a, part->text, part->len);
    if (st == FOND_OK && part->n_files &&
        !(a->sections = calloc(part->n_files, sizeof *a->sections)))
        st = FOND_ERR_NOMEM;
    for (size_t i = 0; i < part->n_files && st == FOND_OK; i++) {
        const part_file_t *f = &part->files[i];
        char why[256] = "", *text = NULL;
        size_t len = 0;
        int paged = 0;
        if (!f->bytes) {
            file_skipped(a, source, f, f->skipped);
            continue;
        }
        st = file_text(db, source, f, &text, &len, &paged, why, sizeof why);
        if (st == FOND_OK && (st = put_bytes(a, "\n\n", 2)) == FOND_OK) {
            a->sections[a->n_sections++] = (ingest_section_t){a->len, f->name, paged};
            st = put_text(a, text, len);
            a->read++;
        } else if (st != FOND_ERR_NOMEM) {
            file_skipped(a, source, f, why);
            st = FOND_OK;
        }
        free(text);
    }
    return st == FOND_OK ? attach_notes(a) : st;
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
    attached_t files; /* the files of all parts: counts and lines */
    memset(&all, 0, sizeof all);
    memset(&files, 0, sizeof files);
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
            attached_t a;
            memset(&a, 0, sizeof a);
            st = attach_files(db, name, m, &a);
            if (st != FOND_OK)
                st = db_fail(db, st, "%s: out of memory", name);
            else
                st = db_index_attached(db, path, name, NULL, under ? shown : NULL,
                                       added, a.text, a.len, &m->fields,
                                       a.sections, a.n_sections, &one);
            files.read += a.read, files.skipped += a.skipped;
            size_t used = strlen(files.lines);
            snprintf(files.lines + used, sizeof files.lines - used, "%s", a.lines);
            free(a.text);
            free(a.notes);
            free(a.sections);
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
    all.attached = files.read;
    all.attached_skipped = files.skipped;
    memcpy(all.skipped, files.lines, sizeof all.skipped);
    if (out)
        *out = all;
    return st;
}

/* A file of parts its reader read (st and why: the reader's status and
 * reason), indexed, its result saying `format` and UTF-8 read `how`; the
 * parts freed either way. */
static fond_status_t index_read_parts(fond_db_t *db, const char *path,
                                      const char *under, long long added,
                                      parts_t *parts, fond_status_t st,
                                      const char *why, size_t len,
                                      const char *format, const char *how,
                                      fond_index_result_t *out)
{
    if (st != FOND_OK) {
        parts_free(parts);
        return db_fail(db, st, "%s: %s, skipped", path, why);
    }
    fond_index_result_t all;
    st = db_index_parts(db, path, under, added, parts, len, &all);
    snprintf(all.format, sizeof all.format, "%s", format);
    snprintf(all.encoding, sizeof all.encoding, "UTF-8");
    snprintf(all.encoding_how, sizeof all.encoding_how, "%s", how);
    parts_free(parts);
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
    return index_read_parts(db, path, under, added, &mail, st, why, len,
                            mail.n > 1 ? "mbox" : "email", "mime", out);
}

/* A TEI edition (tei.h): each document a part. */
fond_status_t db_index_tei(fond_db_t *db, const char *path, const char *under,
                           long long added, const char *bytes, size_t len,
                           fond_index_result_t *out)
{
    parts_t tei;
    char why[256] = "";
    fond_status_t st = tei_read(&tei, bytes, len, why, sizeof why);
    return index_read_parts(db, path, under, added, &tei, st, why, len, "tei",
                            "xml", out);
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
    return index_read_parts(db, path, under, added, &parts, st,
                            st == FOND_ERR_NOMEM ? "out of memory" : why, len,
                            "ead", "declared", out);
}
