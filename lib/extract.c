/*
 * extract.c -- from a file's bytes to text with page breaks and metadata
 * (see extract.h).  PDFs are read with Poppler's command-line tools and
 * scans with Tesseract, each a child process under limits (child.c): the
 * choice of the tools over libpoppler-glib in-process is what makes "a PDF
 * that crashes, hangs or floods the extractor costs that file only" hold.
 *
 * A PDF, step by step: it is checked for its end (%%EOF), written to a
 * memory file the helpers read as their standard input; pdfinfo gives the
 * page count and metadata, or says it is encrypted or damaged; pdftotext
 * gives the text layer, a form feed after each page; each page left with
 * no letter or digit is read by OCR (extract_ocr.c): pdftoppm renders it to
 * its standard output, and Tesseract reads the image from a memory file,
 * so no file is left behind however the run ends.  What was read can be
 * saved as one block (extract_save) and taken in another process for the
 * same bytes (extract_saved): fond-index's readers hand it to the writer.
 */
#define _GNU_SOURCE /* memfd_create() */
#include "extract.h"
#include "extract_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>
#include <zlib.h>

#include "array.h"
#include "child.h"
#include "hash.h"

#define SIGNATURE_WINDOW 1024 /* where a reader looks for %PDF- */
#define EOF_WINDOW 4096       /* and for the last %%EOF */
#define POPPLER_MEMORY ((size_t)1 << 30)
#define TESSERACT_MEMORY ((size_t)2 << 30)

/* The images Leptonica reads (and so Tesseract), by their first bytes. */
static int is_image(const unsigned char *b, size_t n)
{
    static const struct {
        const char *magic;
        size_t len, at;
    } images[] = {
        {"\x89PNG\r\n\x1a\n", 8, 0}, {"\xff\xd8\xff", 3, 0}, /* PNG, JPEG */
        {"II*\0", 4, 0}, {"MM\0*", 4, 0},                     /* TIFF */
        {"\0\0\0\x0cjP  \r\n\x87\n", 12, 0},                /* JPEG 2000 */
        {"\xff\x4f\xff\x51", 4, 0},                          /* its codestream */
        {"WEBP", 4, 8}, {"GIF87a", 6, 0}, {"GIF89a", 6, 0}, {"BM", 2, 0},
        {"P4\n", 3, 0}, {"P5\n", 3, 0}, {"P6\n", 3, 0}};     /* PBM, PGM, PPM */
    for (size_t i = 0; i < sizeof images / sizeof *images; i++)
        if (n >= images[i].at + images[i].len &&
            memcmp(b + images[i].at, images[i].magic, images[i].len) == 0 &&
            (images[i].at == 0 || memcmp(b, "RIFF", 4) == 0))
            return 1;
    return 0;
}

extract_format_t extract_format(const char *bytes, size_t len)
{
    size_t window = len < SIGNATURE_WINDOW ? len : SIGNATURE_WINDOW;
    if (is_image((const unsigned char *)bytes, len))
        return EXTRACT_IMAGE;
    return memmem(bytes, window, "%PDF-", 5) ? EXTRACT_PDF : EXTRACT_TEXT;
}

/* ------------------------------------------------------------ parsing */

/* A pdfinfo value, trimmed, into *out (left NULL when empty); -1 when
 * out of memory. */
static int copy_value(const char *v, size_t n, char **out)
{
    while (n && (*v == ' ' || *v == '\t'))
        v++, n--;
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\r'))
        n--;
    if (n && !(*out = strndup(v, n)))
        return -1;
    return 0;
}

/* "2021-09-26T10:00:00+02" (pdfinfo -isodates) as "20210926". */
static void iso_date(const char *v, size_t n, char out[9])
{
    out[0] = '\0';
    while (n && *v == ' ')
        v++, n--;
    if (n < 10 || v[4] != '-' || v[7] != '-')
        return;
    const char digits[] = {v[0], v[1], v[2], v[3], v[5], v[6], v[8], v[9]};
    for (int i = 0; i < 8; i++)
        if (digits[i] < '0' || digits[i] > '9')
            return;
    memcpy(out, digits, 8);
    out[8] = '\0';
}

/* ------------------------------------------------------------ generic titles */

/* The names programs give a document nobody named, case-folded, as they
 * stand before a number ("Untitled-1", "Document1", "Slide 1"): in the
 * languages fond stems that office suites are sold in. */
static const char *const generic_names[] = {
    "untitled", "untitled document", "document", "doc", "new document",
    "word document", "microsoft word document", "new microsoft word document",
    "slide", "presentation", "powerpoint presentation", "title", "no title",
    "notitle", "unknown", "none", "null", "scan", "image", "img", "page",
    "file", "pdf", "print",
    "sans titre", "document sans titre", "diapositive", "présentation",
    "unbenannt", "ohne titel", "dokument", "folie", "präsentation",
    "sin título", "documento", "diapositiva", "presentación",
    "senza titolo", "documento senza titolo",
    "без названия", "безымянный", "документ", "слайд", "презентация"};

/* The extensions a file's name ends with when a program puts it in the
 * Title: the document formats and the images scanners write. */
static const char *const file_extensions[] = {
    "pdf", "doc", "docx", "odt", "rtf", "txt", "wpd", "ppt", "pptx", "odp",
    "xls", "xlsx", "ods", "htm", "html", "tex", "dvi", "ps", "eps", "indd",
    "qxd", "pages", "tif", "tiff", "jpg", "jpeg", "png", "gif", "bmp"};

/* Whether t[0, n) ends with "." and one of the file extensions. */
static int ends_with_extension(const char *t, size_t n)
{
    for (size_t i = 0; i < sizeof file_extensions / sizeof *file_extensions; i++) {
        size_t m = strlen(file_extensions[i]);
        if (n > m + 1 && t[n - m - 1] == '.' &&
            strncasecmp(t + n - m, file_extensions[i], m) == 0)
            return 1;
    }
    return 0;
}

/* Whether t[0, n) (valid UTF-8) holds a letter. */
static int has_letter(const char *t, size_t n)
{
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)t + i, (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0)
            return 1; /* not UTF-8: not ours to judge */
        utf8proc_category_t cat = utf8proc_category(c);
        if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)
            return 1;
        i += (size_t)k;
    }
    return 0;
}

/* Whether t[0, n), case-folded and without the number after it, is one
 * of the generic names. */
static int is_generic_name(const char *t, size_t n)
{
    utf8proc_uint8_t *folded = NULL;
    if (n > 64 || utf8proc_map((const utf8proc_uint8_t *)t, (utf8proc_ssize_t)n,
                               &folded, UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE |
                                            UTF8PROC_STABLE) < 0)
        return 0;
    size_t m = strlen((const char *)folded);
    while (m && strchr("0123456789 _-.()#", folded[m - 1]))
        m--; /* "Untitled-1", "Document1", "Slide (2)", "scan0001" */
    int generic = 0;
    for (size_t i = 0; !generic && i < sizeof generic_names / sizeof *generic_names; i++)
        generic = strlen(generic_names[i]) == m &&
                  memcmp(folded, generic_names[i], m) == 0;
    free(folded);
    return generic;
}

int extract_title_generic(const char *title)
{
    size_t start = 0, n = strlen(title);
    while (start < n && (title[start] == ' ' || title[start] == '\t'))
        start++;
    while (n > start && (title[n - 1] == ' ' || title[n - 1] == '\t'))
        n--;
    const char *t = title + start;
    n -= start;
    /* "Microsoft Word - report.docx": the window a program printed from */
    const char *dash = n > 10 && strncmp(t, "Microsoft ", 10) == 0
                           ? memmem(t, n < 40 ? n : 40, " - ", 3) : NULL;
    return !has_letter(t, n) || dash || ends_with_extension(t, n) ||
           is_generic_name(t, n);
}

/* ------------------------------------------------------------ pdfinfo */

fond_status_t extract_parse_pdfinfo(extract_t *x, const char *info,
                                    size_t len)
{
    static const char *const names[] = {"Title:", "Author:", "Subject:",
                                        "Keywords:"};
    char **fields[] = {&x->title, &x->author, &x->subject, &x->keywords};
    for (size_t i = 0; i < len;) {
        const char *line = info + i;
        const char *nl = memchr(line, '\n', len - i);
        size_t n = nl ? (size_t)(nl - line) : len - i;
        i += n + 1;
        for (size_t k = 0; k < 4; k++) {
            size_t m = strlen(names[k]);
            if (n >= m && memcmp(line, names[k], m) == 0 && !*fields[k] &&
                copy_value(line + m, n - m, fields[k]) != 0)
                return FOND_ERR_NOMEM;
        }
        if (n > 13 && memcmp(line, "CreationDate:", 13) == 0)
            iso_date(line + 13, n - 13, x->date);
        if (n > 6 && memcmp(line, "Pages:", 6) == 0) {
            size_t k = 6;
            while (k < n && line[k] == ' ')
                k++;
            char num[16];
            snprintf(num, sizeof num, "%.*s", (int)(n - k < 12 ? n - k : 12),
                     line + k);
            unsigned long pages = strtoul(num, NULL, 10);
            x->pages = pages > 4000000000UL ? 4000000000U : (unsigned)pages;
        }
    }
    if (x->title && extract_title_generic(x->title)) { /* no title at all */
        free(x->title);
        x->title = NULL;
    }
    return FOND_OK;
}

/* ------------------------------------------------------------ bombs */

/* Inflate the zlib data at s[0, n) without keeping it: how many bytes it
 * gives (at most `limit`), and in *used how many it took. */
static size_t inflated_size(const char *s, size_t n, size_t limit,
                            size_t *used)
{
    unsigned char sink[16384];
    z_stream z;
    memset(&z, 0, sizeof z);
    *used = 0;
    if (inflateInit(&z) != Z_OK)
        return 0;
    z.next_in = (unsigned char *)s;
    z.avail_in = n > UINT_MAX ? UINT_MAX : (unsigned)n;
    size_t total = 0;
    int rc = Z_OK;
    while (rc == Z_OK && total < limit) {
        z.next_out = sink;
        z.avail_out = sizeof sink;
        rc = inflate(&z, Z_NO_FLUSH);
        total += sizeof sink - z.avail_out;
        if (z.avail_out == sizeof sink && rc == Z_OK)
            break; /* no progress: the input ran out */
    }
    *used = (size_t)z.total_in;
    inflateEnd(&z);
    return total;
}

size_t extract_flate_size(const char *bytes, size_t len, size_t limit)
{
    size_t total = 0;
    for (size_t i = 0; i < len && total < limit;) {
        const char *kw = memmem(bytes + i, len - i, "stream", 6);
        if (!kw)
            break;
        size_t at = (size_t)(kw - bytes) + 6;
        size_t back = (size_t)(kw - bytes) > 1024 ? 1024 : (size_t)(kw - bytes);
        int flate = memmem(kw - back, back, "/FlateDecode", 12) != NULL;
        if (at < len && bytes[at] == '\r')
            at++;
        if (!flate || at >= len || bytes[at] != '\n') {
            i = at;
            continue;
        }
        at++;
        size_t used = 0;
        total += inflated_size(bytes + at, len - at, limit - total, &used);
        i = at + (used ? used : 1);
    }
    return total;
}

/* ------------------------------------------------------------ helpers */

/* Say why the file cannot be read; FOND_ERR_EXTRACT. */
fond_status_t extract_fail(reader_t *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err, p->errsize, fmt, ap);
    va_end(ap);
    return FOND_ERR_EXTRACT;
}

/* Run a helper reading stdin_fd; FOND_OK when it exited with 0, else the
 * reason in err. */
fond_status_t extract_run_on(reader_t *p, const char *const *argv, int stdin_fd,
                            const child_limits_t *lim, const char *env,
                            child_result_t *r)
{
    fond_status_t st = child_run(argv, stdin_fd, env, lim, r);
    if (st != FOND_OK) {
        snprintf(p->err, p->errsize, "cannot start %s: %s", argv[0],
                 strerror(errno));
        return st == FOND_ERR_NOMEM ? st : FOND_ERR_EXTRACT;
    }
    if (r->end == CHILD_EXITED && r->code == 0)
        return FOND_OK;
    child_describe(r, argv[0], lim, p->err, p->errsize);
    return FOND_ERR_EXTRACT;
}

/* Run a helper on the PDF. */
fond_status_t extract_run(reader_t *p, const char *const *argv,
                         const child_limits_t *lim, const char *env,
                         child_result_t *r)
{
    return extract_run_on(p, argv, p->fd, lim, env, r);
}

/* Write all of data to fd; 0, or -1. */
int extract_write_all(int fd, const char *data, size_t len)
{
    for (size_t done = 0; done < len;) {
        ssize_t n = write(fd, data + done, len - done);
        if (n <= 0) {
            errno = n < 0 ? errno : ENOSPC;
            return -1;
        }
        done += (size_t)n;
    }
    return 0;
}

/* A memory file holding bytes[0, len), for a helper's standard input: it
 * has no name, so nothing is left of it when the run ends.  -1, errno set,
 * on failure. */
int extract_memory_file(const char *name, const char *bytes, size_t len)
{
    int fd = memfd_create(name, MFD_CLOEXEC);
    if (fd >= 0 && extract_write_all(fd, bytes, len) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

static int has_eof_marker(const char *bytes, size_t len)
{
    size_t from = len > EOF_WINDOW ? len - EOF_WINDOW : 0;
    return memmem(bytes + from, len - from, "%%EOF", 5) != NULL;
}

static fond_status_t read_info(reader_t *p, extract_t *x)
{
    const char *argv[] = {"pdfinfo", "-isodates", "-enc", "UTF-8",
                          "/dev/stdin", NULL};
    child_result_t r;
    fond_status_t st = extract_run(p, argv, &p->poppler, NULL, &r);
    if (st == FOND_ERR_EXTRACT && r.end == CHILD_EXITED && r.code != 127) {
        if (strstr(r.err, "password"))
            st = extract_fail(p, "%s", "encrypted PDF: it needs a password");
        else if (strstr(r.err, "page count"))
            st = extract_fail(p, "PDF with no pages (%s)", r.err);
        else
            st = extract_fail(p, "damaged PDF (%s)", r.err[0] ? r.err : "unreadable");
    }
    if (st == FOND_OK)
        st = extract_parse_pdfinfo(x, r.out, r.out_len);
    child_result_free(&r);
    if (st == FOND_OK && x->pages == 0)
        st = extract_fail(p, "%s", "PDF with no pages");
    if (st == FOND_OK && x->pages > EXTRACT_MAX_PAGES)
        st = extract_fail(p, "PDF of %u pages, more than the %u fond reads",
                  x->pages, EXTRACT_MAX_PAGES);
    return st;
}

static fond_status_t read_text(reader_t *p, child_result_t *r)
{
    const char *argv[] = {"pdftotext", "-enc", "UTF-8", "-eol", "unix",
                          "/dev/stdin", "-", NULL};
    fond_status_t st = extract_run(p, argv, &p->poppler, NULL, r);
    if (r->end == CHILD_FLOODED && p->len * EXTRACT_BOMB_RATIO < EXTRACT_MAX_TEXT)
        st = extract_fail(p, "text bomb: its %zu KB give over %zu MB of text",
                  p->len >> 10, EXTRACT_MAX_TEXT >> 20);
    return st;
}

/* The text read is layout's: point x's text at it. */
fond_status_t extract_layout_done(extract_t *x)
{
    if (x->layout.failed)
        return FOND_ERR_NOMEM;
    if (!x->layout.text) { /* no page at all */
        ocr_page_text(&x->layout, "", 0);
        if (x->layout.failed)
            return FOND_ERR_NOMEM;
    }
    x->text = x->layout.text;
    x->len = x->layout.len;
    x->ocr_confidence = ocr_mean_conf(&x->layout);
    return FOND_OK;
}

/* Is there a letter or digit on the page? (Any byte of a multibyte UTF-8
 * character counts as a letter: a page of Cyrillic is not blank.) */
static int page_has_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
                                                   (c | 0x20) <= 'z'))
            return 1;
    }
    return 0;
}

/* The text layer, page by page, with OCR for the pages that have none. */
static fond_status_t assemble(reader_t *p, extract_t *x, const char *layer,
                              size_t len)
{
    unsigned page = 0, with_text = 0;
    fond_status_t st = FOND_OK;
    for (size_t i = 0; i < len && st == FOND_OK;) {
        const char *ff = memchr(layer + i, '\f', len - i);
        size_t end = ff ? (size_t)(ff - layer) : len;
        page++;
        if (page_has_text(layer + i, end - i)) {
            ocr_page_text(&x->layout, layer + i, end - i);
            with_text++;
        } else if (!p->o->no_ocr) {
            st = extract_pdf_page_ocr(p, x, page);
            with_text += st == FOND_OK;
        } else {
            ocr_page_text(&x->layout, "", 0);
            x->blank_pages++;
        }
        i = end + 1;
    }
    if (st == FOND_OK && x->layout.failed)
        st = FOND_ERR_NOMEM;
    if (st == FOND_OK && !with_text)
        st = extract_fail(p, "%s", p->o->no_ocr ? "no text layer (a scan; OCR is off)"
                                        : "no text found, not even by OCR");
    return st == FOND_OK ? extract_layout_done(x) : st;
}

static fond_status_t extract_pdf(reader_t *p, extract_t *x)
{
    if (!has_eof_marker(p->bytes, p->len))
        return extract_fail(p, "%s", "truncated PDF: no %%EOF at its end");
    size_t bomb = p->len * EXTRACT_BOMB_RATIO;
    bomb = bomb > EXTRACT_BOMB_BYTES ? bomb : EXTRACT_BOMB_BYTES;
    if (extract_flate_size(p->bytes, p->len, bomb + 1) > bomb)
        return extract_fail(p, "decompression bomb: its %zu KB inflate to over %zu MB",
                    p->len >> 10, bomb >> 20);
    p->fd = extract_memory_file("fond-pdf", p->bytes, p->len);
    if (p->fd < 0)
        return extract_fail(p, "cannot hold the PDF for its reader: %s",
                    strerror(errno));
    fond_status_t st = read_info(p, x);
    child_result_t text = {0};
    if (st == FOND_OK)
        st = read_text(p, &text);
    if (st == FOND_OK)
        st = assemble(p, x, text.out, text.out_len);
    child_result_free(&text);
    return st;
}

fond_status_t extract_bytes(extract_t *out, const char *bytes, size_t len,
                            const char *name, const fond_extract_opts_t *o,
                            char *err, size_t errsize)
{
    static const fond_extract_opts_t defaults = FOND_EXTRACT_OPTS_INIT;
    memset(out, 0, sizeof *out);
    out->ocr_confidence = OCR_CONF_NONE;
    out->format = extract_format(bytes, len);
    out->text = bytes;
    out->len = len;
    if (out->format == EXTRACT_TEXT)
        return FOND_OK;
    o = o ? o : &defaults;
    unsigned timeout = o->timeout ? o->timeout : EXTRACT_TIMEOUT_S;
    reader_t p = {name, bytes, len, -1, o,
               {timeout, POPPLER_MEMORY, EXTRACT_MAX_TEXT, EXTRACT_MAX_TEXT},
               {timeout, TESSERACT_MEMORY, EXTRACT_MAX_TEXT, EXTRACT_MAX_TEXT},
               err, errsize, "", 0};
    out->text = NULL;
    out->len = 0;
    fond_status_t st = out->format == EXTRACT_IMAGE ? extract_image(&p, out)
                                                    : extract_pdf(&p, out);
    if (p.fd >= 0)
        close(p.fd);
    return st;
}

void extract_free(extract_t *x)
{
    if (!x)
        return;
    ocr_text_free(&x->layout);
    free(x->title);
    free(x->author);
    free(x->subject);
    free(x->keywords);
    memset(x, 0, sizeof *x);
}

/* ------------------------------------------------------------ read ahead */

/* A saved result: one line of numbers, then the strings it counts, one
 * after another (err, title, author, subject, keywords, text):
 * "fond-extract HASH SIZE OK PAGES OCR CACHED BLANK DATE N N N N N N\n",
 * OK 1 for FOND_OK and 0 for FOND_ERR_EXTRACT, DATE "-" when none. */
#define SAVED_MAGIC "fond-extract"
#define SAVED_HEAD_MAX 512
#define SAVED_STRINGS 6

fond_status_t extract_save(const extract_t *x, fond_status_t st,
                           const char *err, const char *bytes, size_t len,
                           char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    if (st != FOND_OK && st != FOND_ERR_EXTRACT)
        return FOND_OK; /* not the bytes' outcome: the indexer tries again */
    const char *s[SAVED_STRINGS] = {st == FOND_OK ? "" : err, x->title,
                                    x->author, x->subject, x->keywords,
                                    st == FOND_OK ? x->text : ""};
    size_t n[SAVED_STRINGS], total = 0;
    for (int i = 0; i < SAVED_STRINGS; i++)
        total += n[i] = i == 5 && st == FOND_OK ? x->len : s[i] ? strlen(s[i]) : 0;
    char head[SAVED_HEAD_MAX];
    int h = snprintf(head, sizeof head, SAVED_MAGIC " %016llx %zu %d %u %u %u %u "
                     "%s %zu %zu %zu %zu %zu %zu\n",
                     (unsigned long long)hash_bytes(HASH_FNV_OFFSET, bytes, len),
                     len, st == FOND_OK, x->pages, x->ocr_pages, x->ocr_cached,
                     x->blank_pages, x->date[0] ? x->date : "-", n[0], n[1],
                     n[2], n[3], n[4], n[5]);
    char *block = malloc((size_t)h + total);
    if (!block)
        return FOND_ERR_NOMEM;
    memcpy(block, head, (size_t)h);
    size_t at = (size_t)h;
    for (int i = 0; i < SAVED_STRINGS; i++) {
        if (n[i])
            memcpy(block + at, s[i], n[i]);
        at += n[i];
    }
    *out = block;
    *out_len = at;
    return FOND_OK;
}

/* saved[at, at + n) as a malloc'd string into *to (left NULL when empty);
 * -1 when out of memory. */
static int saved_string(const char *saved, size_t at, size_t n, char **to)
{
    *to = NULL;
    if (n && !(*to = strndup(saved + at, n)))
        return -1;
    return 0;
}

int extract_saved(extract_t *out, const char *saved, size_t saved_len,
                  const char *bytes, size_t len, const char *name,
                  const fond_extract_opts_t *o, fond_status_t *st, char *err,
                  size_t errsize)
{
    const char *nl = saved ? memchr(saved, '\n', saved_len < SAVED_HEAD_MAX
                                                    ? saved_len : SAVED_HEAD_MAX)
                           : NULL;
    if (!nl)
        return 0;
    char head[SAVED_HEAD_MAX], date[16];
    snprintf(head, sizeof head, "%.*s", (int)(nl - saved), saved);
    unsigned long long hash;
    size_t size, n[SAVED_STRINGS], total = 0;
    int ok;
    extract_t x = {.format = EXTRACT_PDF, .ocr_confidence = OCR_CONF_NONE};
    if (sscanf(head, SAVED_MAGIC " %llx %zu %d %u %u %u %u %15s %zu %zu %zu "
               "%zu %zu %zu", &hash, &size, &ok, &x.pages, &x.ocr_pages,
               &x.ocr_cached, &x.blank_pages, date, &n[0], &n[1], &n[2], &n[3],
               &n[4], &n[5]) != 14 || size != len)
        return 0;
    for (int i = 0; i < SAVED_STRINGS; i++)
        total += n[i] < saved_len ? n[i] : saved_len; /* no overflow */
    size_t at = (size_t)(nl - saved) + 1;
    if (total != saved_len - at ||
        hash != (unsigned long long)hash_bytes(HASH_FNV_OFFSET, bytes, len))
        return 0; /* not these bytes' */
    if (strlen(date) == 8)
        memcpy(x.date, date, 9);
    snprintf(err, errsize, "%.*s", (int)(n[0] < 1024 ? n[0] : 1024), saved + at);
    at += n[0];
    char **fields[] = {&x.title, &x.author, &x.subject, &x.keywords};
    int failed = 0;
    for (int i = 0; i < 4; i++) {
        failed |= saved_string(saved, at, n[i + 1], fields[i]);
        at += n[i + 1];
    }
    if (ok && !failed && (x.layout.text = malloc(n[5] + 1))) {
        /* the text alone: its pages' sizes and words' boxes are not kept */
        memcpy(x.layout.text, saved + at, n[5]);
        x.layout.text[n[5]] = '\0';
        x.layout.len = x.layout.cap = n[5];
    }
    failed |= ok && extract_layout_done(&x) != FOND_OK;
    *out = x;
    *st = failed ? FOND_ERR_NOMEM
          : ok                       ? FOND_OK
                                     : FOND_ERR_EXTRACT;
    if (*st == FOND_ERR_NOMEM)
        snprintf(err, errsize, "out of memory");
    for (unsigned i = 0; o && o->ocr_page && i < x.ocr_pages + x.ocr_cached; i++)
        o->ocr_page(o->ctx, name, 0, x.pages);
    return 1;
}
