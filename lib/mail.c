/*
 * mail.c -- e-mail messages and mboxes to fond sources (see mail.h).
 *
 * GMime parses (MIME structure, transfer encodings, RFC 2047 headers);
 * this file chooses what of a message is text, decodes each part's charset
 * with decode.h, reduces HTML to text, and hands each message over as its
 * header's fields (a source_t) and its text.  Everything a message could
 * make large or deep is counted against the MAIL_MAX_* limits as the parts
 * are walked.  mail_reader_read() runs the same in a worker process
 * (child.h), started once and kept, and reads back what it writes, for
 * each file:
 *
 *     "M <len>\n" <len bytes: a message's title, date, from, to and
 *                  language, each ended by a NUL, then its text>
 *     "A <len>\n" <len bytes: an attachment of the message before: its
 *                  name, its type and why it was skipped ("" when it was
 *                  not), each ended by a NUL, then its bytes>
 *     "F <len>\n" <len bytes: why a message was refused>
 *     "X <status> <len>\n" <len bytes: why the file could not be read>
 *     "E 0\n"      the end of the file's answer
 *
 * GMime keeps state of its own, set up once a process (g_mime_init).
 */
#include "dates.h"
#include "htmldoc.h"
#include "mail.h"

#include <errno.h>
#include <gmime/gmime.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utf8proc.h>

#include "array.h"
#include "child.h"
#include "decode.h"
#include "language.h"

#define FIELD_MAX 1000  /* bytes of one header value kept */
#define DETECT_LINES 200 /* header lines looked at to tell mail */

/* ------------------------------------------------------------ buffers */

typedef struct {
    char *data;
    size_t len, cap;
    int full; /* more than MAIL_MAX_TEXT_BYTES was put */
} buf_t;

static int buf_put(buf_t *b, const char *s, size_t n)
{
    if (b->len + n > MAIL_MAX_TEXT_BYTES) {
        b->full = 1;
        return -1;
    }
    if (array_reserve(&b->data, &b->cap, b->len + n + 1, 1, 1024) != 0)
        return -1;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

static int buf_puts(buf_t *b, const char *s)
{
    return buf_put(b, s, strlen(s));
}

/* ------------------------------------------------------------ detecting */

static int has_suffix(const char *path, const char *suffix)
{
    size_t n = strlen(path), k = strlen(suffix);
    return n >= k && strcasecmp(path + n - k, suffix) == 0;
}

/* The length of the field name that starts line s[0, n) ("Subject" of
 * "Subject: x"), or 0 if the line is not a header field. */
static size_t field_name(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] > ' ' && s[i] < 0x7f && s[i] != ':')
        i++;
    return i > 0 && i < n && s[i] == ':' ? i : 0;
}

static int name_in(const char *s, size_t n, const char *const *names)
{
    for (; *names; names++)
        if (strlen(*names) == n && strncasecmp(s, *names, n) == 0)
            return 1;
    return 0;
}

mail_kind_t mail_detect(const char *path, const char *bytes, size_t len)
{
    static const char *const senders[] = {"From", "Sender", "Received",
                                          "Return-Path", "Delivered-To", NULL};
    static const char *const mail_only[] = {
        "Subject", "Message-ID", "Received", "Return-Path", "MIME-Version",
        "Delivered-To", "Content-Type", "Content-Transfer-Encoding",
        "In-Reply-To", "References", "Reply-To", "Cc", "X-Mailer", NULL};
    static const char *const fond_only[] = {"Title", "Type", "Place",
                                            "Language", "Encoding", NULL};
    int named = has_suffix(path, ".eml") || has_suffix(path, ".mbox") ||
                has_suffix(path, ".mbx");
    size_t i = 0;
    int mbox = len > 5 && memcmp(bytes, "From ", 5) == 0;
    if (mbox) { /* the envelope line */
        const char *nl = memchr(bytes, '\n', len);
        i = nl ? (size_t)(nl - bytes) + 1 : len;
    }
    int fields = 0, sender = 0, only = 0;
    for (int line = 0; i < len && line < DETECT_LINES; line++) {
        const char *nl = memchr(bytes + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - bytes) : len, n = end - i;
        const char *s = bytes + i;
        if (n && s[n - 1] == '\r')
            n--;
        if (n == 0)
            break; /* the end of the header block */
        size_t name = field_name(s, n);
        if (name) {
            fields++;
            sender |= name_in(s, name, senders);
            only |= name_in(s, name, mail_only);
            if (name_in(s, name, fond_only))
                return MAIL_NONE; /* fond's own source format */
        } else if (s[0] != ' ' && s[0] != '\t') {
            break; /* neither a field nor its continuation */
        }
        i = end + 1;
    }
    if (fields >= 1 && (mbox || named) && (named || sender))
        return mbox ? MAIL_MBOX : MAIL_MESSAGE;
    return fields >= 2 && sender && only ? MAIL_MESSAGE : MAIL_NONE;
}

/* ------------------------------------------------------------ HTML */

/* ------------------------------------------------------------ a message */

typedef struct {
    buf_t body;       /* the text parts */
    buf_t attached;   /* the attachments' names, after the body */
    part_t *out;      /* the message: its files (parts.h) */
    size_t attached_bytes; /* the files' bytes taken */
    size_t files_over;     /* attachments past MAIL_MAX_ATTACHMENTS */
    char over_name[FIELD_MAX + 1]; /* the first of them */
    size_t parts;
    size_t header_bytes;
    char failure[160];
} walk_t;

/* Record why the message is refused (the first reason only); -1. */
__attribute__((format(printf, 2, 3))) static int refuse(walk_t *w,
                                                        const char *fmt, ...)
{
    if (!w->failure[0]) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(w->failure, sizeof w->failure, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* A header value on one line: white space runs as one space, control
 * bytes dropped, invalid UTF-8 as U+FFFD, at most FIELD_MAX bytes; into
 * *out, malloc'd, or NULL when nothing is left of it.  -1 when out of
 * memory. */
static int field_value(const char *value, char **out)
{
    *out = NULL;
    if (!value)
        return 0;
    char clean[FIELD_MAX + 8];
    size_t k = 0, n = strlen(value);
    for (size_t i = 0; i < n && k < FIELD_MAX;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)value + i,
                                                (utf8proc_ssize_t)(n - i), &cp);
        if (len <= 0) {
            memcpy(clean + k, "\xEF\xBF\xBD", 3), k += 3, i++;
        } else if (cp < 0x20 || cp == 0x7f || cp == ' ') {
            if (k && clean[k - 1] != ' ')
                clean[k++] = ' ';
            i += (size_t)len;
        } else {
            memcpy(clean + k, value + i, (size_t)len);
            k += (size_t)len, i += (size_t)len;
        }
    }
    while (k && clean[k - 1] == ' ')
        k--;
    if (k && !(*out = strndup(clean, k)))
        return -1;
    return 0;
}

/* "Name: value" and a line break, the value as field_value() has it
 * (nothing when it is empty): a line of the message's text. */
static int put_field(buf_t *b, const char *name, const char *value)
{
    char *v = NULL;
    if (field_value(value, &v) != 0)
        return -1;
    int rc = v && (buf_puts(b, name) || buf_puts(b, ": ") || buf_puts(b, v) ||
                   buf_puts(b, "\n"));
    free(v);
    return rc;
}

/* The bytes of a part, transfer decoding undone; g_free'd array. */
static GByteArray *part_bytes(GMimePart *part)
{
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    if (!content)
        return NULL;
    GMimeStream *mem = g_mime_stream_mem_new();
    g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(mem), FALSE);
    g_mime_data_wrapper_write_to_stream(content, mem);
    GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
    g_object_unref(mem);
    return bytes;
}

/* A text part's words, as UTF-8: its declared charset read by decode.h
 * (US-ASCII, which 8-bit bytes break as often as not, and a name iconv
 * does not know are detected instead); HTML reduced to text.  Appended to
 * `to`, after a blank line; a part that is binary after all is left out. */
static int put_text(walk_t *w, buf_t *to, GMimePart *part, int html)
{
    GByteArray *bytes = part_bytes(part);
    if (!bytes || bytes->len == 0) { /* (an empty one has no data at all) */
        if (bytes)
            g_byte_array_free(bytes, TRUE);
        return 0;
    }
    if (bytes->len > MAIL_MAX_TEXT_BYTES) {
        g_byte_array_free(bytes, TRUE);
        return refuse(w, "a text part over %lu MiB", (unsigned long)MAIL_MAX_TEXT_BYTES >> 20);
    }
    const char *charset = g_mime_object_get_content_type_parameter(
        GMIME_OBJECT(part), "charset");
    if (!charset || strcasecmp(charset, "us-ascii") == 0)
        charset = "";
    char *text = NULL, err[160];
    size_t len = 0;
    decode_info_t info;
    fond_status_t st = decode_text_as((const char *)bytes->data, bytes->len,
                                      charset, &text, &len, &info, err, sizeof err);
    if (st == FOND_ERR_ARG)
        st = decode_text_as((const char *)bytes->data, bytes->len, "", &text,
                            &len, &info, err, sizeof err);
    g_byte_array_free(bytes, TRUE);
    /* A NUL is valid UTF-8 but would end the message's text early for
     * every reader after this one (fond's source format is a C string):
     * a text part's stray NULs become spaces, as a text file's would be
     * refused as binary. */
    for (size_t i = 0; st == FOND_OK && i < len; i++)
        if (text[i] == '\0')
            text[i] = ' ';
    if (st == FOND_OK && html) { /* libxml2's reading of it (htmldoc.h); a
                                    part it refuses (one declaring
                                    entities) gives no text */
        char *plain = NULL;
        st = html_read_text(text, len, &plain, &len, err, sizeof err);
        free(text);
        text = plain;
        if (st == FOND_ERR_EXTRACT)
            st = FOND_OK, len = 0;
    }
    int rc = 0;
    if (st == FOND_OK && len)
        rc = buf_puts(to, to->len ? "\n\n" : "") || buf_put(to, text, len);
    free(text);
    if (rc && to->full)
        return refuse(w, "more than %lu MiB of text", (unsigned long)MAIL_MAX_TEXT_BYTES >> 20);
    return st == FOND_ERR_NOMEM || rc ? -1 : 0;
}

static int is_text(GMimeContentType *ct)
{
    return g_mime_content_type_is_type(ct, "text", "*");
}

/* The number of bytes a part's content decodes to at most, told before
 * decoding it: base64 gives three bytes for four, the other transfer
 * encodings (quoted-printable, uuencode, none) no more than they take. */
static size_t decoded_bound(GMimePart *part)
{
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    GMimeStream *stream = content ? g_mime_data_wrapper_get_stream(content) : NULL;
    gint64 n = stream ? g_mime_stream_length(stream) : -1;
    if (n < 0)
        return SIZE_MAX; /* unknown: decoded, then measured */
    if (g_mime_part_get_content_encoding(part) == GMIME_CONTENT_ENCODING_BASE64)
        return (size_t)n / 4 * 3 + 3;
    return (size_t)n;
}

/* Why an attachment of at most `bound` bytes is not taken (past the
 * limits of mail.h), into why; 0 when it is taken. */
static int attachment_refused(walk_t *w, size_t bound, size_t len, char *why,
                              size_t size)
{
    size_t n = len ? len : bound;
    if (n > MAIL_MAX_ATTACHMENT_BYTES && n != SIZE_MAX)
        snprintf(why, size, "over %lu MiB", (unsigned long)MAIL_MAX_ATTACHMENT_BYTES >> 20);
    else if (n != SIZE_MAX && w->attached_bytes + n > MAIL_MAX_ATTACHED_BYTES)
        snprintf(why, size, "the message's attachments over %lu MiB",
                 (unsigned long)MAIL_MAX_ATTACHED_BYTES >> 20);
    else
        return 0;
    return 1;
}

/* A text attachment's words as UTF-8 (its declared charset read, as for a
 * text part: put_text), into *out; a file of another type is its bytes,
 * transfer encoding undone.  -1 when out of memory. */
static int attachment_bytes(GMimePart *part, GMimeContentType *ct,
                            part_file_t *f)
{
    if (is_text(ct) && !g_mime_content_type_is_type(ct, "text", "html")) {
        /* (HTML keeps its bytes: its own meta charset says how to read it) */
        buf_t text = {NULL, 0, 0, 0};
        walk_t scratch; /* its refusal is the file's, not the message's */
        memset(&scratch, 0, sizeof scratch);
        int rc = put_text(&scratch, &text, part, 0);
        if (rc != 0 && !text.full && !scratch.failure[0])
            return -1; /* out of memory */
        f->bytes = text.data ? text.data : strdup("");
        f->len = text.len;
        if (text.full || scratch.failure[0]) {
            free(f->bytes);
            f->bytes = NULL;
            snprintf(f->skipped, sizeof f->skipped, "over %lu MiB",
                     (unsigned long)MAIL_MAX_TEXT_BYTES >> 20);
            return 0;
        }
        return f->bytes ? 0 : -1;
    }
    GByteArray *bytes = part_bytes(part);
    if (!bytes || bytes->len == 0) { /* no content: nothing to read (an
                                        empty array has no data at all) */
        if (bytes)
            g_byte_array_free(bytes, TRUE);
        return 0;
    }
    f->bytes = malloc(bytes->len + 1);
    if (f->bytes) {
        memcpy(f->bytes, bytes->data, bytes->len);
        f->bytes[bytes->len] = '\0';
        f->len = bytes->len;
    }
    g_byte_array_free(bytes, TRUE);
    return f->bytes ? 0 : -1;
}

/* An attachment: its name and type as a line of the message's text (so
 * that a search for the file name finds it), and the file itself, its
 * bytes, as one of the message's files (parts.h), to be read as a file is
 * by whoever indexes the message; or why it was not taken. */
static int put_attachment(walk_t *w, GMimePart *part, GMimeContentType *ct)
{
    const char *name = g_mime_part_get_filename(part);
    char *clean = NULL, type[200];
    if (field_value(name, &clean) != 0)
        return -1;
    snprintf(type, sizeof type, "%s/%s", g_mime_content_type_get_media_type(ct),
             g_mime_content_type_get_media_subtype(ct));
    char line[FIELD_MAX + 240];
    snprintf(line, sizeof line, "%s (%s)", clean ? clean : "unnamed", type);
    buf_t *b = &w->attached;
    if (buf_puts(b, b->len ? "\n" : "") || put_field(b, "Attachment", line)) {
        free(clean);
        return refuse(w, "more than %lu MiB of text", (unsigned long)MAIL_MAX_TEXT_BYTES >> 20);
    }
    if (w->out->n_files >= MAIL_MAX_ATTACHMENTS) { /* one entry says so */
        if (w->files_over++ == 0)
            snprintf(w->over_name, sizeof w->over_name, "%s", clean ? clean : "unnamed");
        free(clean);
        return 0;
    }
    part_file_t *f = NULL;
    if (part_file_add(w->out, &f) != FOND_OK) {
        free(clean);
        return -1;
    }
    f->name = clean ? clean : strdup("unnamed");
    f->type = strdup(type);
    if (!f->name || !f->type)
        return -1;
    if (attachment_refused(w, decoded_bound(part), 0, f->skipped, sizeof f->skipped))
        return 0;
    if (attachment_bytes(part, ct, f) != 0)
        return -1;
    if (f->bytes && f->len == 0) { /* nothing to read */
        free(f->bytes);
        f->bytes = NULL;
    }
    if (f->bytes && attachment_refused(w, 0, f->len, f->skipped, sizeof f->skipped)) {
        free(f->bytes);
        f->bytes = NULL, f->len = 0;
    } else if (f->bytes) {
        w->attached_bytes += f->len;
    } else if (!f->skipped[0]) {
        snprintf(f->skipped, sizeof f->skipped, "empty");
    }
    return 0;
}

/* The attachments past MAIL_MAX_ATTACHMENTS, as one file skipped that
 * says how many. */
static int put_files_over(walk_t *w)
{
    part_file_t *f = NULL;
    if (!w->files_over)
        return 0;
    if (part_file_add(w->out, &f) != FOND_OK ||
        !(f->name = strdup(w->over_name)) || !(f->type = strdup("")))
        return -1;
    snprintf(f->skipped, sizeof f->skipped,
             "the first of %zu attachments past the first %d of the message, "
             "not read", w->files_over, MAIL_MAX_ATTACHMENTS);
    return 0;
}

static int walk(walk_t *w, GMimeObject *obj, int depth);

/* Of multipart/alternative, the plain text when there is some, else the
 * HTML, else the last part (the richest, by RFC 2046). */
static GMimeObject *best_alternative(GMimeMultipart *mp)
{
    int n = g_mime_multipart_get_count(mp);
    GMimeObject *html = NULL;
    for (int i = 0; i < n; i++) {
        GMimeObject *p = g_mime_multipart_get_part(mp, i);
        GMimeContentType *ct = g_mime_object_get_content_type(p);
        if (g_mime_content_type_is_type(ct, "text", "plain"))
            return p;
        if (!html && g_mime_content_type_is_type(ct, "text", "html"))
            html = p;
    }
    return html ? html : n > 0 ? g_mime_multipart_get_part(mp, n - 1) : NULL;
}

static int count_headers(walk_t *w, GMimeObject *obj)
{
    GMimeHeaderList *list = g_mime_object_get_header_list(obj);
    int n = list ? g_mime_header_list_get_count(list) : 0;
    for (int i = 0; i < n; i++) {
        GMimeHeader *h = g_mime_header_list_get_header_at(list, i);
        const char *name = g_mime_header_get_name(h);
        const char *raw = g_mime_header_get_raw_value(h);
        w->header_bytes += (name ? strlen(name) : 0) + (raw ? strlen(raw) : 0);
    }
    if (w->header_bytes > MAIL_MAX_HEADER_BYTES)
        return refuse(w, "header lines over %lu KiB", (unsigned long)MAIL_MAX_HEADER_BYTES >> 10);
    return 0;
}

static int walk(walk_t *w, GMimeObject *obj, int depth)
{
    if (!obj)
        return 0;
    if (depth > MAIL_MAX_DEPTH)
        return refuse(w, "MIME parts nested deeper than %d", MAIL_MAX_DEPTH);
    if (++w->parts > MAIL_MAX_PARTS)
        return refuse(w, "more than %d MIME parts", MAIL_MAX_PARTS);
    if (count_headers(w, obj) != 0)
        return -1;
    if (GMIME_IS_MESSAGE_PART(obj)) {
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
        return inner ? walk(w, g_mime_message_get_mime_part(inner), depth + 1) : 0;
    }
    if (GMIME_IS_MULTIPART(obj)) {
        GMimeMultipart *mp = GMIME_MULTIPART(obj);
        GMimeContentType *ct = g_mime_object_get_content_type(obj);
        if (g_mime_content_type_is_type(ct, "multipart", "alternative"))
            return walk(w, best_alternative(mp), depth + 1);
        int n = g_mime_multipart_get_count(mp);
        for (int i = 0; i < n; i++)
            if (walk(w, g_mime_multipart_get_part(mp, i), depth + 1) != 0)
                return -1;
        return 0;
    }
    if (!GMIME_IS_PART(obj))
        return 0;
    GMimePart *part = GMIME_PART(obj);
    GMimeContentType *ct = g_mime_object_get_content_type(obj);
    if (g_mime_part_is_attachment(part) || (!is_text(ct) && g_mime_part_get_filename(part)))
        return put_attachment(w, part, ct);
    if (!is_text(ct))
        return 0; /* an inline image, a signature: no words */
    return put_text(w, &w->body, part, g_mime_content_type_is_type(ct, "text", "html"));
}

/* A list of addresses, and another after it (To, then Cc), as one
 * field's value into *out (NULL when there are none); -1 when out of
 * memory. */
static int addresses_value(InternetAddressList *a, InternetAddressList *more,
                           char **out)
{
    char *s = a && internet_address_list_length(a)
                  ? internet_address_list_to_string(a, NULL, FALSE) : NULL;
    char *t = more && internet_address_list_length(more)
                  ? internet_address_list_to_string(more, NULL, FALSE) : NULL;
    char *both = s && t ? g_strconcat(s, ", ", t, NULL) : NULL;
    int rc = field_value(both ? both : s ? s : t, out);
    g_free(both);
    g_free(s);
    g_free(t);
    return rc;
}

/* The stemmer a Content-Language header names ("fr", "de-CH": the first
 * language, without its region), or NULL. */
static const char *language_of(GMimeMessage *msg)
{
    GMimeObject *body = g_mime_message_get_mime_part(msg); /* where GMime
                                                               keeps Content-* */
    const char *v = g_mime_object_get_header(GMIME_OBJECT(msg), "Content-Language");
    if (!v && body)
        v = g_mime_object_get_header(body, "Content-Language");
    char code[16];
    size_t n = 0;
    while (v && *v == ' ')
        v++;
    while (v && n + 1 < sizeof code && ((v[n] | 0x20) >= 'a' && (v[n] | 0x20) <= 'z'))
        n++;
    if (!v || n == 0)
        return NULL;
    snprintf(code, sizeof code, "%.*s", (int)n, v);
    return language_named(code);
}

/* GMime reads no date before 1970 (a telegram of 1921 kept as mail): then
 * the Date header's first full date, found by fond's own date rule
 * (dates.c), as YYYYMMDD into date; "" if it has none. */
static void raw_date(GMimeMessage *msg, char date[9])
{
    const char *v = g_mime_object_get_header(GMIME_OBJECT(msg), "Date");
    date_mention_t *found = NULL;
    size_t n = 0;
    if (v && dates_find(v, strlen(v), 0, &found, &n) == FOND_OK && n > 0 &&
        found[0].day > 0)
        dates_format(&found[0], date);
    free(found);
}

/* The message's date, in the sender's time zone, as YYYYMMDD. */
static void message_date(GMimeMessage *msg, char date[9])
{
    date[0] = '\0';
    GDateTime *when = g_mime_message_get_date(msg);
    if (when && g_date_time_get_year(when) >= 1 && g_date_time_get_year(when) <= 9999)
        snprintf(date, 9, "%04d%02d%02d", g_date_time_get_year(when),
                 g_date_time_get_month(when), g_date_time_get_day_of_month(when));
    else
        raw_date(msg, date);
}

/* Its header's fields as a source record (source.h, level 3); -1 when out
 * of memory. */
static int message_fields(GMimeMessage *msg, source_t *f)
{
    const char *language = language_of(msg);
    message_date(msg, f->date);
    return field_value(g_mime_message_get_subject(msg), &f->title) ||
           !(f->type = strdup("email")) ||
           addresses_value(g_mime_message_get_from(msg), NULL, &f->from) ||
           addresses_value(g_mime_message_get_to(msg),
                           g_mime_message_get_cc(msg), &f->to) ||
           (language && !(f->language = strdup(language)));
}

/* The message: its fields and its text, or its failure. */
static int write_message(GMimeMessage *msg, part_t *out)
{
    walk_t w;
    memset(&w, 0, sizeof w);
    w.out = out;
    int rc = count_headers(&w, GMIME_OBJECT(msg));
    if (rc == 0 && message_fields(msg, &out->fields) != 0)
        rc = -1;
    if (rc == 0)
        rc = walk(&w, g_mime_message_get_mime_part(msg), 0);
    if (rc == 0)
        rc = put_files_over(&w);
    /* No text at all: the subject, so the message can still be found. */
    if (rc == 0 && !w.body.len && !w.attached.len)
        rc = put_field(&w.body, "Subject", g_mime_message_get_subject(msg));
    if (rc == 0)
        rc = buf_puts(&w.body, w.body.len && w.attached.len ? "\n\n" : "") ||
             buf_put(&w.body, w.attached.data ? w.attached.data : "", w.attached.len);
    if (w.body.full)
        rc = refuse(&w, "more than %lu MiB of text", (unsigned long)MAIL_MAX_TEXT_BYTES >> 20);
    free(w.attached.data);
    if (rc != 0) {
        free(w.body.data);
        source_free(&out->fields);
        memset(&out->fields, 0, sizeof out->fields);
        part_files_free(out); /* a refused message has none */
        snprintf(out->failure, sizeof out->failure, "%s",
                 w.failure[0] ? w.failure : "out of memory");
        return w.failure[0] ? 0 : -1;
    }
    out->text = w.body.data ? w.body.data : strdup("");
    out->len = w.body.len;
    return out->text ? 0 : -1;
}

/* ------------------------------------------------------------ a file */

static void gmime_setup(void)
{
    g_mime_init();
}

fond_status_t mail_read(mail_t *out, mail_kind_t kind, const char *bytes,
                        size_t len, char *err, size_t errsize)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, gmime_setup);
    memset(out, 0, sizeof *out);
    GMimeStream *stream = g_mime_stream_mem_new_with_buffer(bytes, len);
    GMimeParser *parser = g_mime_parser_new_with_stream(stream);
    g_mime_parser_set_format(parser, kind == MAIL_MBOX ? GMIME_FORMAT_MBOX
                                                       : GMIME_FORMAT_MESSAGE);
    fond_status_t st = FOND_OK;
    while (st == FOND_OK && !g_mime_parser_eos(parser)) {
        GMimeMessage *msg = g_mime_parser_construct_message(parser, NULL);
        if (!msg)
            break;
        part_t *m = NULL;
        if (out->n >= MAIL_MAX_MESSAGES) {
            snprintf(err, errsize, "more than %d messages in one mbox",
                     MAIL_MAX_MESSAGES);
            st = FOND_ERR_BINARY;
        } else if ((st = parts_add(out, &m)) == FOND_OK &&
                   write_message(msg, m) != 0) {
            st = FOND_ERR_NOMEM;
        }
        g_object_unref(msg);
        if (kind != MAIL_MBOX)
            break;
    }
    g_object_unref(parser);
    g_object_unref(stream);
    if (st == FOND_OK && out->n == 0) {
        snprintf(err, errsize, "no mail message could be read");
        st = FOND_ERR_BINARY;
    }
    if (st == FOND_ERR_NOMEM)
        snprintf(err, errsize, "out of memory reading the mail");
    return st;
}

void mail_free(mail_t *m)
{
    parts_free(m);
}

/* ------------------------------------------------------------ the worker */

/* A parser process (child.h's worker), kept for the files of a run:
 * forking one a file cost 7 ms a message against 0.2 ms to parse it
 * (bench/mail's messages, on a loaded machine).  It reads requests
 * "<kind> <len>\n" <len bytes> on its standard input, answers each with
 * the records of the file's top comment and "E 0\n" on its standard
 * output, and exits at the end of its input. */
struct mail_reader {
    child_worker_t worker;
};

/* The fields a message record carries before its text, in this order,
 * each ended by a NUL (a field's value never holds one: field_value()). */
#define RECORD_FIELDS 4

static int write_all(int fd, const char *s, size_t n)
{
    return child_transfer(fd, (char *)s, n, 1);
}

static int read_all(int fd, char *s, size_t n)
{
    return child_transfer(fd, s, n, 0);
}

/* A message record: "M <len>\n", its fields (title, date, from, to,
 * language: RECORD_FIELDS + 1 of them, each NUL-ended), then its text. */
static int write_message_record(int fd, const part_t *m)
{
    const source_t *f = &m->fields;
    const char *fields[] = {f->title, f->date, f->from, f->to, f->language};
    size_t n = m->len;
    for (size_t i = 0; i <= RECORD_FIELDS; i++)
        n += (fields[i] ? strlen(fields[i]) : 0) + 1;
    char line[64];
    snprintf(line, sizeof line, "M %zu\n", n);
    int rc = write_all(fd, line, strlen(line));
    for (size_t i = 0; i <= RECORD_FIELDS && rc == 0; i++)
        rc = write_all(fd, fields[i] ? fields[i] : "", (fields[i] ? strlen(fields[i]) : 0) + 1);
    return rc || write_all(fd, m->text, m->len);
}

static int write_record(int fd, const char *head, const char *s, size_t n)
{
    char line[64];
    snprintf(line, sizeof line, "%s %zu\n", head, n);
    return write_all(fd, line, strlen(line)) || write_all(fd, s, n);
}

/* An attachment record, after its message's: "A <len>\n", its name, type
 * and why it was skipped ("" when read), each NUL-ended, then its bytes. */
static int write_file_record(int fd, const part_file_t *f)
{
    const char *fields[] = {f->name, f->type, f->skipped};
    size_t n = f->len;
    for (size_t i = 0; i < 3; i++)
        n += strlen(fields[i]) + 1;
    char line[64];
    snprintf(line, sizeof line, "A %zu\n", n);
    int rc = write_all(fd, line, strlen(line));
    for (size_t i = 0; i < 3 && rc == 0; i++)
        rc = write_all(fd, fields[i], strlen(fields[i]) + 1);
    return rc || (f->len && write_all(fd, f->bytes, f->len));
}

/* One request's answer, on fd: the records of mail_read() and "E 0\n". */
static int answer(int fd, mail_kind_t kind, const char *bytes, size_t len)
{
    mail_t m;
    char err[200] = "";
    fond_status_t st = mail_read(&m, kind, bytes, len, err, sizeof err);
    int rc = 0;
    for (size_t i = 0; i < m.n && rc == 0 && st == FOND_OK; i++) {
        const part_t *p = &m.parts[i];
        rc = p->text ? write_message_record(fd, p)
                     : write_record(fd, "F", p->failure, strlen(p->failure));
        for (size_t k = 0; k < p->n_files && rc == 0 && p->text; k++)
            rc = write_file_record(fd, &p->files[k]);
    }
    if (st != FOND_OK) {
        char head[16];
        snprintf(head, sizeof head, "X %d", (int)st);
        rc = write_record(fd, head, err, strlen(err));
    }
    mail_free(&m);
    return rc || write_all(fd, "E 0\n", 4);
}

/* The worker: requests on its standard input until it ends. */
static void serve(void *ctx)
{
    (void)ctx;
    for (;;) {
        char line[64];
        size_t n = 0;
        while (n + 1 < sizeof line && read_all(0, line + n, 1) == 0 && line[n] != '\n')
            n++;
        line[n] = '\0';
        int kind = 0;
        size_t len = 0;
        if (sscanf(line, "%d %zu", &kind, &len) != 2)
            return; /* the end of the requests (or nonsense: the same) */
        char *bytes = malloc(len ? len : 1);
        if (!bytes || read_all(0, bytes, len) != 0 ||
            answer(1, (mail_kind_t)kind, bytes, len) != 0)
            _exit(1);
        free(bytes);
    }
}

fond_status_t mail_reader_new(mail_reader_t **out)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return FOND_ERR_NOMEM;
    (*out)->worker = (child_worker_t)CHILD_WORKER_INIT;
    return FOND_OK;
}

void mail_reader_free(mail_reader_t *r)
{
    if (!r)
        return;
    child_worker_stop(&r->worker, 0); /* it exits at the end of its input */
    free(r);
}

/* Whether an answer is whole, up to its "E" record: 1 (also when it is
 * malformed: parse_records says so), 0 for more to come. */
static int answer_complete(const char *data, size_t len)
{
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(data + i, '\n', len - i);
        if (!nl)
            return 0;
        size_t n = 0, at = (size_t)(nl - data) + 1;
        const char *num = data + i + 1;
        if (data[i] == 'X')
            num = strchr(num + 1, ' '); /* (data is NUL-ended: child.h) */
        if (!num || sscanf(num, " %zu", &n) != 1 || data[i] == 'E')
            return 1;
        if (n > len - at)
            return 0;
        i = at + n;
    }
    return 0;
}

/* A message record's payload (write_message_record) into m: FOND_OK,
 * FOND_ERR_BINARY when it is malformed, FOND_ERR_NOMEM. */
static fond_status_t read_message_record(const char *s, size_t n,
                                         part_t *m)
{
    source_t *f = &m->fields;
    char **fields[] = {&f->title, NULL, &f->from, &f->to, &f->language};
    for (size_t i = 0; i <= RECORD_FIELDS; i++) {
        const char *nul = memchr(s, '\0', n);
        if (!nul)
            return FOND_ERR_BINARY;
        size_t k = (size_t)(nul - s);
        if (!fields[i])
            snprintf(f->date, sizeof f->date, "%.8s", s);
        else if (k && !(*fields[i] = strndup(s, k)))
            return FOND_ERR_NOMEM;
        s += k + 1, n -= k + 1;
    }
    if (!(f->type = strdup("email")) || !(m->text = malloc(n + 1)))
        return FOND_ERR_NOMEM;
    memcpy(m->text, s, n);
    m->text[n] = '\0';
    m->len = n;
    return FOND_OK;
}

/* An attachment record's payload (write_file_record) as a file of m:
 * FOND_OK, FOND_ERR_BINARY when it is malformed, FOND_ERR_NOMEM. */
static fond_status_t read_file_record(const char *s, size_t n, part_t *m)
{
    const char *at[3];
    size_t len[3];
    for (size_t i = 0; i < 3; i++) {
        const char *nul = memchr(s, '\0', n);
        if (!nul)
            return FOND_ERR_BINARY;
        at[i] = s, len[i] = (size_t)(nul - s);
        s = nul + 1, n -= len[i] + 1;
    }
    if (len[0] == 0 || (n && len[2]))
        return FOND_ERR_BINARY; /* no name; bytes and a reason to skip */
    part_file_t *f = NULL;
    if (part_file_add(m, &f) != FOND_OK || !(f->name = strndup(at[0], len[0])) ||
        !(f->type = strndup(at[1], len[1])))
        return FOND_ERR_NOMEM;
    snprintf(f->skipped, sizeof f->skipped, "%.*s", (int)len[2], at[2]);
    if (len[2] == 0) {
        if (!(f->bytes = malloc(n + 1)))
            return FOND_ERR_NOMEM;
        memcpy(f->bytes, s, n);
        f->bytes[n] = '\0';
        f->len = n;
    }
    return FOND_OK;
}

/* The records of an answer (up to its "E"), into out. */
static fond_status_t parse_records(const char *data, size_t len, mail_t *out,
                                   char *err, size_t errsize)
{
    size_t i = 0;
    while (i < len && data[i] != 'E') {
        char kind = data[i];
        int status = 0;
        size_t n = 0;
        const char *nl = memchr(data + i, '\n', len - i);
        if (!nl || (kind == 'X' ? sscanf(data + i, "X %d %zu", &status, &n) != 2
                                : sscanf(data + i + 1, " %zu", &n) != 1))
            break;
        size_t at = (size_t)(nl - data) + 1;
        if (n > len - at)
            break;
        if (kind == 'X') {
            snprintf(err, errsize, "%.*s", (int)n, data + at);
            return status > 0 && status <= FOND_ERR_INTERNAL ? (fond_status_t)status
                                                             : FOND_ERR_BINARY;
        }
        part_t *m = NULL;
        fond_status_t st = FOND_OK;
        if (kind == 'A') /* a file of the message read just before */
            st = out->n && out->parts[out->n - 1].text
                     ? read_file_record(data + at, n, &out->parts[out->n - 1])
                     : FOND_ERR_BINARY;
        else
            st = parts_add(out, &m);
        if (st == FOND_OK && kind == 'M')
            st = read_message_record(data + at, n, m);
        if (st != FOND_OK) {
            snprintf(err, errsize, "%s", st == FOND_ERR_NOMEM
                                             ? "out of memory reading the mail"
                                             : "the mail parser's output is malformed");
            return st;
        }
        if (kind != 'M' && kind != 'A')
            snprintf(m->failure, sizeof m->failure, "%.*s", (int)n, data + at);
        i = at + n;
    }
    if (i >= len || data[i] != 'E' || out->n == 0) {
        snprintf(err, errsize, "the mail parser's output is malformed");
        return FOND_ERR_BINARY;
    }
    return FOND_OK;
}

/* Files up to this size go to the kept worker, whose memory limit they
 * fit; a larger one gets a worker of its own, with a limit to match. */
#define WORKER_MAX_FILE ((size_t)64 << 20)
#define WORKER_MEMORY ((size_t)2 << 30)

/* Send the file to r's worker (started, with that memory limit and no
 * CPU limit of its own, if none runs) and read back its messages, within
 * MAIL_TIMEOUT_SECONDS and a second a MB, and four times the file's size.
 * A worker that crashes, hangs, floods or stops is ended, its reason in
 * err (the next file starts another). */
static fond_status_t exchange(mail_reader_t *r, size_t memory, mail_t *out,
                              mail_kind_t kind, const char *bytes, size_t len,
                              char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    child_limits_t lim = {0, memory, 0, 4 * len + ((size_t)1 << 20)};
    fond_status_t st = FOND_OK;
    if (!r->worker.pid &&
        (st = child_worker_start(&r->worker, serve, NULL, &lim)) != FOND_OK) {
        snprintf(err, errsize, "cannot start the mail parser: %s", strerror(errno));
        return st;
    }
    char head[64];
    snprintf(head, sizeof head, "%d %zu\n", (int)kind, len);
    lim.timeout_s = MAIL_TIMEOUT_SECONDS + (unsigned)(len >> 20);
    child_result_t res;
    st = child_worker_ask(&r->worker, head, strlen(head), bytes, len,
                          answer_complete, lim.timeout_s, lim.output_max, &res);
    if (st != FOND_OK)
        snprintf(err, errsize, "out of memory reading the mail");
    else if (res.end != CHILD_ANSWERED) {
        child_describe(&res, "the mail parser", &lim, err, errsize);
        st = FOND_ERR_BINARY;
    } else if ((st = parse_records(res.out, res.out_len, out, err, errsize)) != FOND_OK)
        child_worker_stop(&r->worker, 1); /* it said nonsense */
    child_result_free(&res);
    if (st != FOND_OK)
        mail_free(out);
    return st;
}

static fond_status_t read_alone(mail_t *out, mail_kind_t kind,
                                const char *bytes, size_t len, char *err,
                                size_t errsize)
{
    mail_reader_t own = {CHILD_WORKER_INIT};
    fond_status_t st = exchange(&own, WORKER_MEMORY + len * 4, out,
                                kind, bytes, len, err, errsize);
    child_worker_stop(&own.worker, 0);
    return st;
}

fond_status_t mail_reader_read(mail_reader_t *r, mail_t *out, mail_kind_t kind,
                               const char *bytes, size_t len, char *err,
                               size_t errsize)
{
    if (len > WORKER_MAX_FILE)
        return read_alone(out, kind, bytes, len, err, errsize);
    return exchange(r, WORKER_MEMORY, out, kind, bytes, len, err, errsize);
}

fond_status_t mail_read_isolated(mail_t *out, mail_kind_t kind,
                                 const char *bytes, size_t len, char *err,
                                 size_t errsize)
{
    return read_alone(out, kind, bytes, len, err, errsize);
}
