/*
 * extract.c -- from a file's bytes to text with page breaks and metadata
 * (see extract.h).  PDFs are read with Poppler's command-line tools and
 * scans with Tesseract, each a child process under limits (child.c): the
 * choice of the tools over libpoppler-glib in-process is what makes "a PDF
 * that crashes, hangs or floods the extractor costs that file only" hold.
 *
 * A PDF, step by step: it is checked for its end (%%EOF), written to a
 * memory file the helpers read as their standard input; pdfinfo gives the
 * page count and metadata (and each page's /Rotate), or says it is
 * encrypted or damaged; pdftotext gives the text layer, a form feed after
 * each page, and, run again with -bbox-layout, its words' boxes (pdfbox.h:
 * tied to the words of the text, which stays the first run's); each page
 * left with no letter or digit is read by OCR (extract_ocr.c): pdftoppm
 * renders it to its standard output, and Tesseract reads the image from a
 * memory file, so no file is left behind however the run ends.  What was read can be
 * saved as one block (extract_save) and taken in another process for the
 * same bytes (extract_saved): fond-index's readers hand it to the writer.
 */
#define _GNU_SOURCE /* memfd_create() */
#include "extract.h"
#include "extract_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <utf8proc.h>
#include <zlib.h>

#include "array.h"
#include "bytes.h"
#include "child.h"
#include "dates.h"
#include "hash.h"
#include "htmldoc.h"
#include "ocrxml.h"
#include "office.h"
#include "pdfbox.h"

#define SIGNATURE_WINDOW 1024 /* where a reader looks for %PDF- */
#define EOF_WINDOW 4096       /* and for the last %%EOF */
#define POPPLER_MEMORY ((size_t)1 << 30)
#define TESSERACT_MEMORY ((size_t)2 << 30)
#define BOXES_BATCH 64 /* pages a pdftotext -bbox-layout run reads */
#define BOXES_MAX_WORDS ((size_t)4 << 20) /* words boxed in a PDF at most */

/* A BMP, not a text that begins with "BM" ("BM Add MS 12345", a British
 * Museum manuscript): its reserved bytes 0, its info header of a size
 * some version of the format has. */
static int is_bmp(const unsigned char *b, size_t n)
{
    static const unsigned sizes[] = {12, 40, 52, 56, 64, 108, 124};
    if (n < 18 || memcmp(b, "BM", 2) != 0 || memcmp(b + 6, "\0\0\0\0", 4) != 0)
        return 0;
    unsigned info = b[14] | b[15] << 8 | (unsigned)b[16] << 16 | (unsigned)b[17] << 24;
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
        if (info == sizes[i])
            return 1;
    return 0;
}

/* A binary PBM, PGM or PPM ("P5", white space, then its width or a
 * comment), not a text that begins with "P5". */
static int is_pnm(const unsigned char *b, size_t n)
{
    if (n < 4 || b[0] != 'P' || b[1] < '4' || b[1] > '6' || !b[2] ||
        !strchr(" \t\r\n", b[2]))
        return 0;
    size_t i = 3;
    while (i < n && b[i] && strchr(" \t\r\n", b[i]))
        i++;
    return i < n && ((b[i] >= '0' && b[i] <= '9') || b[i] == '#');
}

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
        {"WEBP", 4, 8}, {"GIF87a", 6, 0}, {"GIF89a", 6, 0}};
    for (size_t i = 0; i < sizeof images / sizeof *images; i++)
        if (n >= images[i].at + images[i].len &&
            memcmp(b + images[i].at, images[i].magic, images[i].len) == 0 &&
            (images[i].at == 0 || memcmp(b, "RIFF", 4) == 0))
            return 1;
    return is_bmp(b, n) || is_pnm(b, n);
}

extract_format_t extract_format(const char *bytes, size_t len)
{
    size_t window = len < SIGNATURE_WINDOW ? len : SIGNATURE_WINDOW;
    if (is_image((const unsigned char *)bytes, len))
        return EXTRACT_IMAGE;
    extract_format_t ocr = ocrxml_format(bytes, len);
    if (ocr != EXTRACT_TEXT)
        return ocr; /* it begins with '<': not a PDF with junk before */
    if (html_detect(bytes, len))
        return EXTRACT_HTML;
    extract_format_t office = office_format(bytes, len);
    if (office != EXTRACT_TEXT)
        return office;
    return memmem(bytes, window, "%PDF-", 5) ? EXTRACT_PDF : EXTRACT_TEXT;
}

/* ------------------------------------------------------------ parsing */

int extract_doc_date(extract_t *x, const char *v)
{
    while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
        v++;
    /* ISO 8601 with its time cut off ("2021-03-04T10:00:00Z"), a range */
    size_t n = strcspn(v, "T \t\r\n");
    if (dates_parse_value(v, n, x->doc_date, x->doc_date_end))
        return 1;
    date_mention_t *d = NULL;
    size_t found = 0;
    int named = dates_find(v, strnlen(v, 256), 0, &d, &found) == FOND_OK &&
                found && d[0].year;
    if (named) {
        dates_format(&d[0], x->doc_date);
        x->doc_date_end[0] = '\0';
    }
    free(d);
    return named;
}

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

/* pdfinfo: the metadata, the page count and each page's size and /Rotate
 * (-f and -l: "Page N size: W x H pts", "Page N rot: R" lines, up to the
 * most fond reads: for OCR's render and the boxes), its output kept in
 * *r. */
static fond_status_t read_info(reader_t *p, extract_t *x, child_result_t *r)
{
    char last[16];
    snprintf(last, sizeof last, "%u", EXTRACT_MAX_PAGES);
    const char *argv[] = {"pdfinfo", "-isodates", "-enc", "UTF-8", "-f", "1",
                          "-l", last, "/dev/stdin", NULL};
    fond_status_t st = extract_run(p, argv, &p->poppler, NULL, r);
    if (st == FOND_ERR_EXTRACT && r->end == CHILD_EXITED && r->code != 127) {
        if (strstr(r->err, "password"))
            st = extract_fail(p, "%s", "encrypted PDF: it needs a password");
        else if (strstr(r->err, "page count"))
            st = extract_fail(p, "PDF with no pages (%s)", r->err);
        else
            st = extract_fail(p, "damaged PDF (%s)", r->err[0] ? r->err : "unreadable");
    }
    if (st == FOND_OK)
        st = extract_parse_pdfinfo(x, r->out, r->out_len);
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

/* ------------------------------------------------------------ boxes */

/* pdftotext -bbox-layout's reading of the PDF (pdfbox.h), a batch of pages
 * a run, as assemble() asks for its text pages: a second run of Poppler
 * over the pages, since its plain text (the text fond reads, byte for
 * byte) cannot be rebuilt from its boxes.  A run that fails (a crash, a
 * hang) costs the boxes of the pages left, never the text; one that
 * floods its output is tried again on fewer pages; all of them together
 * run for at most the one timeout of a helper. */
typedef struct {
    child_result_t r;      /* the run for pages [first, last] */
    unsigned first, last;  /* 0: none */
    unsigned next;         /* the page whose <page> is next at `at` */
    size_t at;
    unsigned batch;        /* pages a run */
    struct timespec end;   /* no run begins after it */
    int off;               /* no more runs */
    size_t budget;         /* words left to box */
    unsigned char *turns;  /* each page's quarter turns, or NULL */
} boxes_t;

/* Seconds left until b's end. */
static double boxes_left(const boxes_t *b)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(b->end.tv_sec - now.tv_sec) +
           (double)(b->end.tv_nsec - now.tv_nsec) / 1e9;
}

/* Run pdftotext -bbox-layout on the batch of pages from `page` on. */
static fond_status_t boxes_read(reader_t *p, boxes_t *b, unsigned page,
                                unsigned pages)
{
    child_result_free(&b->r);
    b->first = b->last = 0;
    while (!b->off) {
        double left = boxes_left(b);
        unsigned last = pages - page < b->batch ? pages : page + b->batch - 1;
        char first_s[16], last_s[16];
        snprintf(first_s, sizeof first_s, "%u", page);
        snprintf(last_s, sizeof last_s, "%u", last);
        const char *argv[] = {"pdftotext", "-bbox-layout", "-enc", "UTF-8",
                              "-f", first_s, "-l", last_s, "/dev/stdin", "-",
                              NULL};
        child_limits_t lim = p->poppler;
        lim.timeout_s = left < 1 ? 0 : (unsigned)left;
        if (!lim.timeout_s || page > pages) {
            b->off = 1;
            break;
        }
        fond_status_t st = child_run(argv, p->fd, NULL, &lim, &b->r);
        if (st == FOND_ERR_NOMEM)
            return st;
        if (st == FOND_OK && b->r.end == CHILD_EXITED && b->r.code == 0) {
            b->first = b->next = page;
            b->last = last;
            b->at = 0;
            return FOND_OK;
        }
        int flooded = st == FOND_OK && b->r.end == CHILD_FLOODED && b->batch > 1;
        child_result_free(&b->r);
        if (flooded)
            b->batch = b->batch / 4 ? b->batch / 4 : 1;
        else
            b->off = 1;
    }
    return FOND_OK;
}

/* Box the words of page `page`, a page of text at x's layout text[from,
 * from + n). */
static fond_status_t boxes_page(reader_t *p, boxes_t *b, extract_t *x,
                                unsigned page, size_t from, size_t n)
{
    fond_status_t st = FOND_OK;
    if (!b->budget || (b->off && !b->first))
        return FOND_OK;
    if (page < b->first || page > b->last)
        st = boxes_read(p, b, page, x->pages);
    size_t s, e;
    while (st == FOND_OK && b->first && b->next <= page &&
           pdfbox_next_page(b->r.out, b->r.out_len, &b->at, &s, &e))
        if (b->next++ == page)
            st = pdfbox_page(&x->layout, (unsigned)x->layout.n_pages, from, n,
                             b->r.out + s, e - s,
                             b->turns ? b->turns[page - 1] : 0, &b->budget);
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
static fond_status_t assemble(reader_t *p, extract_t *x, boxes_t *b,
                              const char *layer, size_t len)
{
    unsigned page = 0, with_text = 0;
    fond_status_t st = FOND_OK;
    for (size_t i = 0; i < len && st == FOND_OK;) {
        const char *ff = memchr(layer + i, '\f', len - i);
        size_t end = ff ? (size_t)(ff - layer) : len;
        page++;
        if (page_has_text(layer + i, end - i)) {
            size_t from = x->layout.len;
            ocr_page_text(&x->layout, layer + i, end - i);
            st = boxes_page(p, b, x, page, from, end - i);
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
    child_result_t info = {0}, text = {0};
    boxes_t b = {.batch = BOXES_BATCH, .budget = BOXES_MAX_WORDS};
    fond_status_t st = read_info(p, x, &info);
    if (st == FOND_OK && (b.turns = malloc(x->pages)))
        pdfbox_turns(info.out, info.out_len, b.turns, x->pages);
    p->info = info.out, p->info_len = info.out_len; /* page sizes, for OCR */
    if (st == FOND_OK)
        st = read_text(p, &text);
    clock_gettime(CLOCK_MONOTONIC, &b.end);
    b.end.tv_sec += p->poppler.timeout_s;
    if (st == FOND_OK)
        st = assemble(p, x, &b, text.out, text.out_len);
    p->info = NULL, p->info_len = 0;
    child_result_free(&info);
    child_result_free(&text);
    child_result_free(&b.r);
    free(b.turns);
    return st;
}

/* hOCR, ALTO or PAGE XML: the words as the file gives them (ocrxml.h). */
static fond_status_t extract_ocrxml(reader_t *p, extract_t *x)
{
    fond_status_t st = ocrxml_read(&x->layout, x->format, p->bytes, p->len,
                                   p->name, p->err, p->errsize);
    if (st == FOND_OK)
        st = extract_layout_done(x);
    x->pages = (unsigned)x->layout.n_pages;
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
    reader_t p = {
        .name = name, .bytes = bytes, .len = len, .fd = -1, .o = o,
        .poppler = {timeout, POPPLER_MEMORY, EXTRACT_MAX_TEXT, EXTRACT_MAX_TEXT},
        .tesseract = {timeout, TESSERACT_MEMORY, EXTRACT_MAX_TEXT, EXTRACT_MAX_TEXT},
        .err = err, .errsize = errsize};
    out->text = NULL;
    out->len = 0;
    fond_status_t st = out->format == EXTRACT_IMAGE ? extract_image(&p, out)
                       : out->format == EXTRACT_PDF ? extract_pdf(&p, out)
                       : out->format == EXTRACT_HTML
                           ? html_read(out, bytes, len, err, errsize)
                       : EXTRACT_MARKUP(out->format)
                           ? office_read(out, bytes, len, err, errsize)
                           : extract_ocrxml(&p, out);
    snprintf(out->ocr_language, sizeof out->ocr_language, "%s", p.ocr_lang);
    extract_reader_free(&p);
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
    free(x->rights);
    memset(x, 0, sizeof *x);
}

/* ------------------------------------------------------------ read ahead */

/*
 * A saved result (extract_save), all that extract_bytes() gave, so that
 * what a reader read is exactly what the indexer would have:
 *
 *   "fond-extract HASH SIZE OK FORMAT PAGES OCR CACHED BLANK CONF DATE
 *    DOC_DATE N0 N1 N2 N3 N4 N5 N6 PAGES_N WORDS_N ALTS_N IMAGES_N\n"
 *
 * then the strings N0 ... N6 count, one after another (err, title, author,
 * subject, keywords, rights, text), then the layout (ocr.h): PAGES_N page records,
 * WORDS_N word records, ALTS_N bytes of alternatives (each NUL-terminated,
 * an empty one after a word's last) and IMAGES_N bytes of the pages' image
 * paths, one after another.  HASH is the FNV-1a 64 of the file's bytes
 * ("%016llx"), SIZE their length, OK 1 for FOND_OK and 0 for
 * FOND_ERR_EXTRACT, FORMAT an extract_format_t, CONF the mean word
 * confidence (-1: none), DATE "-" when none, DOC_DATE doc_date, with
 * "/" and doc_date_end after it when a range, "-" when none.  Records are numbers,
 * little-endian, unsigned but where said:
 *   a page (SAVED_PAGE bytes): width, height, dpi, by_ocr, conf (signed;
 *     -1: none), its image path's length + 1 (0: none), 4 bytes each;
 *   a word (SAVED_WORD bytes): start, len (8 bytes each), page (4), x, y,
 *     w, h, conf (signed, 4 each), alt (8; all ones: none).
 * A block whose counts do not add up to its length, or whose words point
 * outside the text, the pages or the alternatives, is refused: the
 * indexer then reads the file itself.
 */
#define SAVED_MAGIC "fond-extract"
#define SAVED_HEAD_MAX 512
#define SAVED_STRINGS 7
#define SAVED_PAGE 24
#define SAVED_WORD 48


/* The layout's records (pages, then words) into to. */
static unsigned char *save_records(const ocr_text_t *t, unsigned char *to)
{
    for (size_t i = 0; i < t->n_pages; i++, to += SAVED_PAGE) {
        const ocr_page_t *pg = &t->pages[i];
        uint32_t v[6] = {pg->width, pg->height, pg->dpi, pg->by_ocr != 0,
                         (uint32_t)pg->conf,
                         pg->image ? (uint32_t)strlen(pg->image) + 1 : 0};
        for (int k = 0; k < 6; k++)
            bytes_put_le(to + 4 * k, v[k], 4);
    }
    for (size_t i = 0; i < t->n_words; i++, to += SAVED_WORD) {
        const ocr_word_t *w = &t->words[i];
        bytes_put_le(to, w->start, 8);
        bytes_put_le(to + 8, w->len, 8);
        int32_t v[6] = {(int32_t)w->page, w->box.x, w->box.y, w->box.w,
                        w->box.h, w->conf};
        for (int k = 0; k < 6; k++)
            bytes_put_le(to + 16 + 4 * k, (uint32_t)v[k], 4);
        bytes_put_le(to + 40, w->alt == OCR_NO_ALT ? UINT64_MAX : w->alt, 8);
    }
    return to;
}

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
                                    x->rights, st == FOND_OK ? x->text : ""};
    size_t n[SAVED_STRINGS], total = 0;
    for (int i = 0; i < SAVED_STRINGS; i++)
        total += n[i] = i == SAVED_STRINGS - 1 && st == FOND_OK ? x->len
                        : s[i] ? strlen(s[i]) : 0;
    char doc_date[20] = "-";
    if (x->doc_date[0])
        snprintf(doc_date, sizeof doc_date, "%.8s%s%.8s", x->doc_date,
                 x->doc_date_end[0] ? "/" : "", x->doc_date_end);
    static const ocr_text_t none = OCR_TEXT_INIT;
    const ocr_text_t *t = st == FOND_OK ? &x->layout : &none;
    size_t images = 0;
    for (size_t i = 0; i < t->n_pages; i++)
        images += t->pages[i].image ? strlen(t->pages[i].image) : 0;
    total += t->n_pages * SAVED_PAGE + t->n_words * SAVED_WORD +
             t->alts_len + images;
    char head[SAVED_HEAD_MAX];
    int h = snprintf(head, sizeof head, SAVED_MAGIC " %016llx %zu %d %d %u %u %u "
                     "%u %d %s %s %zu %zu %zu %zu %zu %zu %zu %zu %zu %zu %zu\n",
                     (unsigned long long)hash_bytes(HASH_FNV_OFFSET, bytes, len),
                     len, st == FOND_OK, (int)x->format, x->pages, x->ocr_pages,
                     x->ocr_cached, x->blank_pages,
                     st == FOND_OK ? x->ocr_confidence : OCR_CONF_NONE,
                     x->date[0] ? x->date : "-", doc_date, n[0], n[1], n[2],
                     n[3], n[4], n[5], n[6], t->n_pages, t->n_words,
                     t->alts_len, images);
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
    at = (size_t)((char *)save_records(t, (unsigned char *)block + at) - block);
    if (t->alts_len)
        memcpy(block + at, t->alts, t->alts_len);
    at += t->alts_len;
    for (size_t i = 0; i < t->n_pages; i++) {
        size_t m = t->pages[i].image ? strlen(t->pages[i].image) : 0;
        if (m)
            memcpy(block + at, t->pages[i].image, m);
        at += m;
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

/* The counts of a saved layout (its head's last four numbers). */
typedef struct {
    size_t pages, words, alts, images;
} saved_counts_t;

/* The page records at r into t (images from *images, `left` bytes of
 * them); 0, -1 for a record that does not fit, -2 out of memory. */
static int load_pages(ocr_text_t *t, const unsigned char *r, size_t n,
                      const char **images, size_t *left)
{
    if (n && !(t->pages = calloc(n, sizeof *t->pages)))
        return -2;
    t->n_pages = t->pages_cap = n;
    for (size_t i = 0; i < n; i++, r += SAVED_PAGE) {
        ocr_page_t *pg = &t->pages[i];
        pg->width = (unsigned)bytes_get_le(r, 4);
        pg->height = (unsigned)bytes_get_le(r + 4, 4);
        pg->dpi = (unsigned)bytes_get_le(r + 8, 4);
        pg->by_ocr = (int)bytes_get_le(r + 12, 4);
        pg->conf = (int)(int32_t)bytes_get_le(r + 16, 4);
        size_t image = (size_t)bytes_get_le(r + 20, 4);
        if (pg->by_ocr > 1 || pg->conf < OCR_CONF_NONE || pg->conf > 100 ||
            (image && (image - 1 > *left || memchr(*images, '\0', image - 1))))
            return -1;
        if (image && !(pg->image = strndup(*images, image - 1)))
            return -2;
        *images += image ? image - 1 : 0;
        *left -= image ? image - 1 : 0;
    }
    return *left == 0 ? 0 : -1;
}

/* The word records at r into t, each checked against its text, pages and
 * alternatives; 0, -1 for one that does not fit, -2 out of memory. */
static int load_words(ocr_text_t *t, const unsigned char *r, size_t n)
{
    if (n && !(t->words = calloc(n, sizeof *t->words)))
        return -2;
    t->n_words = t->words_cap = n;
    for (size_t i = 0; i < n; i++, r += SAVED_WORD) {
        ocr_word_t *w = &t->words[i];
        uint64_t start = bytes_get_le(r, 8), len = bytes_get_le(r + 8, 8),
                 alt = bytes_get_le(r + 40, 8);
        int32_t v[6];
        for (int k = 0; k < 6; k++)
            v[k] = (int32_t)bytes_get_le(r + 16 + 4 * k, 4);
        if (start > t->len || len > t->len - start || v[0] < 1 ||
            (size_t)v[0] > t->n_pages || v[5] < OCR_CONF_NONE || v[5] > 100 ||
            (alt != UINT64_MAX && alt >= t->alts_len))
            return -1;
        *w = (ocr_word_t){(size_t)start, (size_t)len, (unsigned)v[0],
                          {v[1], v[2], v[3], v[4]}, v[5],
                          alt == UINT64_MAX ? OCR_NO_ALT : (size_t)alt};
    }
    return 0;
}

/* The layout of a saved block (at, its records, for n bytes, after the
 * text that t already holds) into t: 0, -1 when it does not fit, -2 out of
 * memory. */
static int load_layout(ocr_text_t *t, const char *at, size_t n,
                       const saved_counts_t *c)
{
    if (c->pages > n / SAVED_PAGE || c->words > n / SAVED_WORD)
        return -1; /* each count fits the block: no product overflows */
    size_t records = c->pages * SAVED_PAGE + c->words * SAVED_WORD;
    if (records > n || c->alts > n - records ||
        c->images != n - records - c->alts)
        return -1;
    const unsigned char *r = (const unsigned char *)at;
    const char *alts = at + records, *images = alts + c->alts;
    size_t left = c->images;
    if (c->alts && (c->alts < 2 || alts[c->alts - 1] || alts[c->alts - 2]))
        return -1; /* the list must end with an empty string */
    if (c->alts && !(t->alts = malloc(c->alts)))
        return -2;
    if (c->alts)
        memcpy(t->alts, alts, c->alts);
    t->alts_len = t->alts_cap = c->alts;
    int rc = load_pages(t, r, c->pages, &images, &left);
    return rc ? rc : load_words(t, r + c->pages * SAVED_PAGE, c->words);
}

int extract_saved(extract_t *out, const char *saved, size_t saved_len,
                  const char *bytes, size_t len, const char *name,
                  const fond_extract_opts_t *o, fond_status_t *st, char *err,
                  size_t errsize)
{
    (void)name, (void)o; /* its pages were counted where they were read */
    const char *nl = saved ? memchr(saved, '\n', saved_len < SAVED_HEAD_MAX
                                                    ? saved_len : SAVED_HEAD_MAX)
                           : NULL;
    if (!nl)
        return 0;
    char head[SAVED_HEAD_MAX], date[16], doc_date[24];
    snprintf(head, sizeof head, "%.*s", (int)(nl - saved), saved);
    unsigned long long hash;
    size_t size, n[SAVED_STRINGS], total = 0;
    saved_counts_t c;
    int ok, format;
    extract_t x = {.ocr_confidence = OCR_CONF_NONE};
    if (sscanf(head, SAVED_MAGIC " %llx %zu %d %d %u %u %u %u %d %15s %23s "
               "%zu %zu %zu %zu %zu %zu %zu %zu %zu %zu %zu", &hash, &size, &ok,
               &format, &x.pages, &x.ocr_pages, &x.ocr_cached, &x.blank_pages,
               &x.ocr_confidence, date, doc_date, &n[0], &n[1], &n[2], &n[3],
               &n[4], &n[5], &n[6], &c.pages, &c.words, &c.alts,
               &c.images) != 22 ||
        size != len || format < EXTRACT_TEXT || format > EXTRACT_ODT ||
        x.ocr_confidence < OCR_CONF_NONE || x.ocr_confidence > 100)
        return 0;
    x.format = (extract_format_t)format;
    size_t at = (size_t)(nl - saved) + 1;
    for (int i = 0; i < SAVED_STRINGS; i++) {
        if (n[i] > saved_len - at - total)
            return 0; /* the strings overrun the block */
        total += n[i];
    }
    if (hash != (unsigned long long)hash_bytes(HASH_FNV_OFFSET, bytes, len))
        return 0; /* not these bytes' */
    if (strlen(date) == 8)
        memcpy(x.date, date, 9);
    if (strcmp(doc_date, "-") != 0) {
        size_t d = strspn(doc_date, "0123456789");
        if (d != 8 || (doc_date[8] && (doc_date[8] != '/' ||
                                       strspn(doc_date + 9, "0123456789") != 8 ||
                                       doc_date[17])))
            return 0; /* not a date as extract_save writes it */
        memcpy(x.doc_date, doc_date, 8);
        x.doc_date[8] = '\0';
        if (doc_date[8])
            memcpy(x.doc_date_end, doc_date + 9, 9);
    }
    snprintf(err, errsize, "%.*s", (int)(n[0] < 1024 ? n[0] : 1024), saved + at);
    at += n[0];
    char **fields[] = {&x.title, &x.author, &x.subject, &x.keywords,
                       &x.rights};
    int failed = 0;
    for (int i = 0; i < SAVED_STRINGS - 2; i++) {
        failed |= saved_string(saved, at, n[i + 1], fields[i]);
        at += n[i + 1];
    }
    size_t text = n[SAVED_STRINGS - 1];
    if (ok && !failed && (x.layout.text = malloc(text + 1))) {
        memcpy(x.layout.text, saved + at, text);
        x.layout.text[text] = '\0';
        x.layout.len = x.layout.cap = text;
    }
    at += text;
    int layout = ok && x.layout.text
                     ? load_layout(&x.layout, saved + at, saved_len - at, &c)
                     : ok ? -2 : 0;
    if (layout == -1 || (!ok && saved_len - at != 0)) {
        extract_free(&x);
        return 0; /* its counts do not fit: read the file again */
    }
    failed |= layout != 0;
    int conf = x.ocr_confidence;
    failed |= ok && extract_layout_done(&x) != FOND_OK;
    x.ocr_confidence = conf; /* as it was given, not worked out again */
    *out = x;
    *st = failed ? FOND_ERR_NOMEM
          : ok                       ? FOND_OK
                                     : FOND_ERR_EXTRACT;
    if (*st == FOND_ERR_NOMEM)
        snprintf(err, errsize, "out of memory");
    return 1;
}
