/*
 * iiif.c -- a paged source's pages as images and as IIIF (iiif.h), for
 * fond.cgi.
 *
 * The source is named by its id (16 hex digits, as fond_db_show takes
 * it), and its file is found from its record (fond_hit_t.path, and the
 * record's page images, fond_hit_t.images), never from the request.  A
 * page image is made on demand: a PDF's page by pdftoppm, an image file's
 * page (an image source, a folder's page, the image an hOCR or ALTO file
 * names) by the image reader (image.h), both in a child under limits
 * (child.h), so that a PDF that hangs Poppler costs one request its
 * timeout and a 503.  Images are JPEG, kept in a bounded cache on disk:
 * <cache>/pages/<key>.jpg, the key (also the ETag) a hash of the file's
 * identity and state (device, inode, size, modification time: what
 * fond-index trusts to know a file unchanged, and what costs no read of a
 * large PDF on each request), the page and the width.  Each entry read is
 * touched; past the cache's size the least recently used go.
 *
 * A canvas's size is its page image's as served whole (source_sizes):
 * its page's size in the word boxes' pixels (fond_hit_t.page_sizes)
 * within the page image's widths; a hit's box is scaled from the one to
 * the other.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyze.h"
#include "child.h"
#include "cli.h"
#include "extract.h"
#include "hash.h"
#include "iiif.h"
#include "image.h"
#include "request.h"

#define ID_LEN 16
#define MAX_FILE_BYTES ((size_t)512 << 20)   /* an image read into memory */
#define RENDER_MEMORY ((size_t)1 << 30)      /* pdftoppm's address space */
#define RENDER_OUTPUT ((size_t)64 << 20)     /* a JPEG of a page, at most */
#define SEARCH_MAX_BOXES 5000                /* annotations of one search */
#define CONTEXT_BYTES 50                     /* a hit's before and after */
#define AUTOCOMPLETE_TERMS 20
#define AUTOCOMPLETE_DISTINCT 5000           /* words counted, at most */

/* ------------------------------------------------------------ the request */

typedef enum { ASK_IMAGE, ASK_MANIFEST, ASK_SEARCH, ASK_AUTOCOMPLETE } ask_t;

int iiif_handles(const char *path)
{
    return path && (strncmp(path, "/image/", 7) == 0 ||
                    strncmp(path, "/iiif/", 6) == 0);
}

static int is_id(const char *s)
{
    for (size_t i = 0; i < ID_LEN; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

/* A page number: 1 to 999999, no leading zero, all of s. */
static unsigned page_number(const char *s)
{
    size_t n = strspn(s, "0123456789");
    if (n == 0 || n > 6 || s[n] || s[0] == '0')
        return 0;
    return (unsigned)strtoul(s, NULL, 10);
}

/* What path asks for, its source id into id and page into *page; -1 when
 * it is nothing of ours. */
static int parse_path(const char *path, char *id, unsigned *page, ask_t *ask)
{
    const char *rest;
    int image = strncmp(path, "/image/", 7) == 0;
    rest = path + (image ? 7 : 6);
    if (strlen(rest) < ID_LEN + 1 || !is_id(rest) || rest[ID_LEN] != '/')
        return -1;
    memcpy(id, rest, ID_LEN);
    id[ID_LEN] = '\0';
    rest += ID_LEN + 1;
    if (image) {
        *ask = ASK_IMAGE;
        return (*page = page_number(rest)) ? 0 : -1;
    }
    static const struct { const char *name; ask_t ask; } asks[] = {
        {"manifest", ASK_MANIFEST}, {"search/1/search", ASK_SEARCH},
        {"search/1/autocomplete", ASK_AUTOCOMPLETE}};
    for (size_t i = 0; i < sizeof asks / sizeof *asks; i++)
        if (strcmp(rest, asks[i].name) == 0) {
            *ask = asks[i].ask;
            return 0;
        }
    return -1;
}

static void refuse(iiif_reply_t *r, int status, const char *message)
{
    r->status = status;
    snprintf(r->message, sizeof r->message, "%s", message);
}

/* ------------------------------------------------------------ the source */

/* A source's passages (fond_db_show) and its pages' sizes. */
typedef struct {
    fond_results_t *res;
    const fond_hit_t *first;
    unsigned pages;
    unsigned *width, *height; /* [page - 1] */
} source_t;

static void source_free(source_t *s)
{
    fond_results_free(s->res);
    free(s->width);
    free(s->height);
}

/* Each page's canvas: the size of the page's image as served whole (its
 * painting), the page's size in the boxes' pixels brought within the
 * page image's widths (IIIF_WIDTH_MIN..MAX), the height in proportion.
 * The painting is the canvas's size, not smaller, because viewers place
 * a static image (one with no Image API service) at its own size
 * (Mirador 4 does), so that the hits' boxes, which are in the canvas's
 * units, would be drawn off their words.  A page with no boxes takes the
 * size of the nearest page before, else after, that has them; a source
 * with none at all: an A-series page of 1000 pixels' width. */
static int source_sizes(source_t *s)
{
    if (!(s->width = calloc(s->pages, sizeof *s->width)) ||
        !(s->height = calloc(s->pages, sizeof *s->height)))
        return -1;
    for (size_t i = 0; i < fond_results_count(s->res); i++) {
        const fond_hit_t *h = fond_results_hit(s->res, i);
        for (size_t k = 0; k < h->n_page_sizes; k++) {
            const fond_box_t *p = &h->page_sizes[k];
            if (p->page >= 1 && p->page <= s->pages && p->page_width &&
                p->page_height)
                s->width[p->page - 1] = p->page_width,
                s->height[p->page - 1] = p->page_height;
        }
    }
    unsigned w = 0, h = 0;
    for (unsigned pass = 0; pass < 2; pass++)
        for (unsigned k = 0; k < s->pages; k++) {
            unsigned i = pass ? s->pages - 1 - k : k;
            if (s->width[i])
                w = s->width[i], h = s->height[i];
            else if (w)
                s->width[i] = w, s->height[i] = h;
        }
    for (unsigned i = 0; i < s->pages; i++) {
        if (!s->width[i])
            s->width[i] = 1000, s->height[i] = 1414;
        unsigned fit = s->width[i] < IIIF_WIDTH_MIN ? IIIF_WIDTH_MIN
                     : s->width[i] > IIIF_WIDTH_MAX ? IIIF_WIDTH_MAX : s->width[i];
        s->height[i] = (unsigned)(((unsigned long long)s->height[i] * fit +
                                   s->width[i] / 2) / s->width[i]);
        s->width[i] = fit;
    }
    return 0;
}

static int source_fail(fond_db_t **db, source_t *s)
{
    source_free(s);
    memset(s, 0, sizeof *s);
    fond_db_close(*db);
    *db = NULL;
    return -1;
}

/* The source `id` with `query`'s words marked (NULL: none), into *s and
 * *db (both freed again, and r said why, on a failure: -1). */
static int source_load(const iiif_ctx_t *ctx, fond_db_t **db, const char *id,
                       const char *query, source_t *s, iiif_reply_t *r)
{
    memset(s, 0, sizeof *s);
    fond_error_t why;
    if (!*ctx->db || fond_db_open(db, ctx->db, FOND_DB_READ, &why) != FOND_OK) {
        cli_printf(stderr, "fond.cgi: %s\n", *ctx->db ? why.message
                                                      : "no database: set FOND_DB");
        refuse(r, 503, "The collection's index cannot be opened just now.");
        return source_fail(db, s);
    }
    fond_status_t st = fond_db_show(*db, id, query, &s->res);
    if (st != FOND_OK) {
        if (st == FOND_ERR_ARG)
            refuse(r, 404, "There is no such source here.");
        else if (st == FOND_ERR_QUERY)
            refuse(r, 400, fond_db_error(*db));
        else
            cli_printf(stderr, "fond.cgi: %s\n", fond_db_error(*db)),
                refuse(r, 500, "The source could not be read.");
        return source_fail(db, s);
    }
    s->first = fond_results_hit(s->res, 0);
    for (size_t i = 0; i < fond_results_count(s->res); i++) {
        const fond_hit_t *h = fond_results_hit(s->res, i);
        if (h->page_last > s->pages)
            s->pages = h->page_last;
        for (size_t k = 0; k < h->n_page_sizes; k++)
            if (h->page_sizes[k].page > s->pages)
                s->pages = h->page_sizes[k].page;
    }
    if (!s->pages) {
        refuse(r, 404, "This source has no pages.");
        return source_fail(db, s);
    }
    if (source_sizes(s) != 0) {
        refuse(r, 500, "Out of memory.");
        return source_fail(db, s);
    }
    return 0;
}

/* ------------------------------------------------------------ the image */

/* The file that holds page `page`'s image: the page's image the record
 * names (relative to the source's folder, never above it), else a folder
 * of pages' page, else the source's own file.  Into file[0, size); -1
 * when there is none. */
static int page_file(const fond_hit_t *h, unsigned page, char *file,
                     size_t size)
{
    struct stat sb;
    if (stat(h->path, &sb) != 0)
        return -1;
    int folder = S_ISDIR(sb.st_mode);
    char dir[PATH_MAX], copy[PATH_MAX];
    snprintf(copy, sizeof copy, "%s", h->path);
    snprintf(dir, sizeof dir, "%s", folder ? h->path : dirname(copy));
    for (const char *line = h->images; *line;) {
        const char *nl = strchr(line, '\n'), *tab = strchr(line, '\t');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        if (tab && tab < line + len && strtoul(line, NULL, 10) == page) {
            int n = (int)(line + len - tab - 1);
            char rel[PATH_MAX];
            snprintf(rel, sizeof rel, "%.*s", n, tab + 1);
            if (rel[0] != '/' && strncmp(rel, "../", 3) != 0 &&
                !strstr(rel, "/../") &&
                strlen(dir) + strlen(rel) + 2 <= size) {
                memcpy(file, dir, strlen(dir));
                file[strlen(dir)] = '/';
                memcpy(file + strlen(dir) + 1, rel, strlen(rel) + 1);
                return 0;
            }
        }
        line += len + (nl != NULL);
    }
    if (folder) {
        fond_folder_t *f = NULL;
        int ok = fond_folder_load(&f, h->path, 0, NULL) == FOND_OK && f &&
                 page <= fond_folder_pages(f);
        if (ok)
            snprintf(file, size, "%s", fond_folder_page(f, page - 1));
        fond_folder_free(f);
        return ok ? 0 : -1;
    }
    snprintf(file, size, "%s", h->path);
    return 0;
}

/* The folder of the page images' cache, into dir; -1 when there is none. */
static int cache_dir(const iiif_ctx_t *ctx, char *dir, size_t size)
{
    if (!ctx->cache || !*ctx->cache)
        return -1;
    snprintf(dir, size, "%s", ctx->cache);
    mkdir(dir, 0700);
    size_t n = strlen(dir);
    snprintf(dir + n, size - n, "/pages");
    return mkdir(dir, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

/* The cached image of key into *out (touched: recently used); -1 if none. */
static int cache_get(const char *dir, const char *key, char **out, size_t *len)
{
    char file[PATH_MAX + 64];
    snprintf(file, sizeof file, "%s/%s.jpg", dir, key);
    int fd = open(file, O_RDONLY);
    struct stat sb;
    if (fd < 0)
        return -1;
    if (fstat(fd, &sb) != 0 || sb.st_size <= 0 ||
        (size_t)sb.st_size > RENDER_OUTPUT || !(*out = malloc((size_t)sb.st_size))) {
        close(fd);
        return -1;
    }
    ssize_t got = read(fd, *out, (size_t)sb.st_size);
    futimens(fd, NULL);
    close(fd);
    if (got != sb.st_size) {
        free(*out);
        return -1;
    }
    *len = (size_t)got;
    return 0;
}

typedef struct {
    char name[64];
    off_t size;
    struct timespec used;
} entry_t;

static int older(const void *a, const void *b)
{
    const entry_t *x = a, *y = b;
    if (x->used.tv_sec != y->used.tv_sec)
        return x->used.tv_sec < y->used.tv_sec ? -1 : 1;
    return (x->used.tv_nsec > y->used.tv_nsec) - (x->used.tv_nsec < y->used.tv_nsec);
}

/* The least recently used entries removed until the cache holds at most
 * max bytes.  Linear in its entries (it is listed once a page rendered). */
static void cache_evict(const char *dir, size_t max)
{
    DIR *d = opendir(dir);
    entry_t *e = NULL;
    size_t n = 0, cap = 0, total = 0;
    for (struct dirent *de; d && (de = readdir(d));) {
        struct stat sb;
        if (de->d_name[0] == '.' || strlen(de->d_name) >= sizeof e->name ||
            fstatat(dirfd(d), de->d_name, &sb, 0) != 0 || !S_ISREG(sb.st_mode))
            continue;
        if (n == cap) {
            entry_t *more = realloc(e, (cap = cap ? 2 * cap : 256) * sizeof *e);
            if (!more)
                break;
            e = more;
        }
        memcpy(e[n].name, de->d_name, strlen(de->d_name) + 1); /* fits */
        e[n].size = sb.st_size;
        e[n].used = sb.st_mtim;
        total += (size_t)sb.st_size;
        n++;
    }
    if (d && total > max) {
        qsort(e, n, sizeof *e, older);
        for (size_t i = 0; i < n && total > max; i++)
            if (unlinkat(dirfd(d), e[i].name, 0) == 0)
                total -= (size_t)e[i].size;
    }
    if (d)
        closedir(d);
    free(e);
}

/* The image kept under key (written whole, then renamed into place, so
 * that a reader never sees half of one), the cache then bounded. */
static void cache_put(const char *dir, const char *key, const char *jpeg,
                      size_t len, size_t max)
{
    char file[PATH_MAX + 64], tmp[PATH_MAX + 96];
    snprintf(file, sizeof file, "%s/%s.jpg", dir, key);
    snprintf(tmp, sizeof tmp, "%s/.%s.%ld", dir, key, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return;
    int ok = write(fd, jpeg, len) == (ssize_t)len;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, file) != 0)
        unlink(tmp);
    else
        cache_evict(dir, max);
}

/* The whole of file fd into *out (at most MAX_FILE_BYTES); -1 if not. */
static int read_all(int fd, size_t size, char **out)
{
    if (size == 0 || size > MAX_FILE_BYTES || !(*out = malloc(size)))
        return -1;
    size_t at = 0;
    while (at < size) {
        ssize_t got = pread(fd, *out + at, size - at, (off_t)at);
        if (got <= 0)
            break;
        at += (size_t)got;
    }
    if (at != size) {
        free(*out);
        return -1;
    }
    return 0;
}

/* Page `page` of the PDF on fd at `width` pixels, by pdftoppm (as
 * extract_ocr.c runs it: the PDF on its standard input), as a JPEG. */
static int render_pdf(const iiif_ctx_t *ctx, int fd, unsigned page,
                      unsigned width, char **jpeg, size_t *len,
                      iiif_reply_t *r)
{
    char num[16], w[16];
    snprintf(num, sizeof num, "%u", page);
    snprintf(w, sizeof w, "%u", width);
    const char *argv[] = {"pdftoppm", "-f", num, "-l", num, "-jpeg",
                          "-jpegopt", "quality=85", "-scale-to-x", w,
                          "-scale-to-y", "-1", "-singlefile", "/dev/stdin",
                          NULL};
    child_limits_t lim = {ctx->timeout_s, RENDER_MEMORY, (size_t)1 << 20,
                          RENDER_OUTPUT};
    child_result_t res = {0};
    if (child_run(argv, fd, NULL, &lim, &res) != FOND_OK) {
        refuse(r, 503, "The page cannot be rendered just now.");
        return -1;
    }
    int ok = res.end == CHILD_EXITED && res.code == 0 && res.out_len > 2 &&
             (unsigned char)res.out[0] == 0xFF && (unsigned char)res.out[1] == 0xD8;
    if (!ok) {
        char why[300];
        child_describe(&res, "pdftoppm", &lim, why, sizeof why);
        cli_printf(stderr, "fond.cgi: page image: %s\n", why);
        refuse(r, 503, res.end == CHILD_TIMEOUT
                           ? "The page took too long to render."
                           : "The page cannot be rendered.");
    } else {
        *jpeg = res.out, *len = res.out_len;
        res.out = NULL;
    }
    child_result_free(&res);
    return ok ? 0 : -1;
}

/* Page `page` of the image file on fd (of size bytes; an image file's
 * page, or page 1 of a page's own image) at `width`, by the image
 * reader, which reads no file of more than `pages` pages (the source's). */
static int render_image(const iiif_ctx_t *ctx, int fd, size_t size,
                        unsigned page, unsigned pages, unsigned width,
                        char **jpeg, size_t *len, iiif_reply_t *r)
{
    char *bytes = NULL, why[300] = "";
    if (read_all(fd, size, &bytes) != 0) {
        refuse(r, 503, "The page's image cannot be read.");
        return -1;
    }
    image_reader_t *reader = NULL;
    image_info_t info;
    fond_status_t st = image_reader_open(&reader, bytes, size, pages,
                                         ctx->timeout_s, &info, why, sizeof why);
    if (st == FOND_OK)
        st = image_reader_jpeg(reader, page, width, jpeg, len, why, sizeof why);
    image_reader_close(reader);
    image_info_free(&info);
    free(bytes);
    if (st != FOND_OK) {
        cli_printf(stderr, "fond.cgi: page image: %s\n", why);
        refuse(r, 503, "The page's image cannot be decoded.");
        return -1;
    }
    return 0;
}

/* w= of the query string: the default, else IIIF_WIDTH_MIN..MAX; 0 when
 * malformed or out of bounds. */
static unsigned image_width(const char *qs)
{
    char w[16];
    int got = request_param(qs, "w", w, sizeof w);
    if (got == 0)
        return IIIF_WIDTH_DEFAULT;
    unsigned n = got == 1 ? page_number(w) : 0;
    return n >= IIIF_WIDTH_MIN && n <= IIIF_WIDTH_MAX ? n : 0;
}

static void answer_image(FILE *out, const iiif_ctx_t *ctx, const char *id,
                         unsigned page, const char *qs, const char *etag_in,
                         iiif_reply_t *r)
{
    unsigned width = image_width(qs);
    if (!width) {
        refuse(r, 400, "The width (w) must be a number from 100 to 2000.");
        return;
    }
    fond_db_t *db = NULL;
    source_t s;
    char file[PATH_MAX];
    int fd = -1;
    struct stat sb;
    if (source_load(ctx, &db, id, NULL, &s, r) != 0)
        goto done;
    if (page > s.pages) {
        char msg[80];
        snprintf(msg, sizeof msg, "This source has %u page%s.", s.pages,
                 s.pages == 1 ? "" : "s");
        refuse(r, 404, msg);
        goto done;
    }
    if (page_file(s.first, page, file, sizeof file) != 0 ||
        (fd = open(file, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &sb) != 0 ||
        !S_ISREG(sb.st_mode)) {
        refuse(r, 404, "This page has no image here.");
        goto done;
    }
    char head[64] = "";
    ssize_t got = pread(fd, head, sizeof head, 0);
    extract_format_t format = extract_format(head, got > 0 ? (size_t)got : 0);
    if (format != EXTRACT_PDF && format != EXTRACT_IMAGE) {
        refuse(r, 404, "This page has no image here.");
        goto done;
    }
    /* an image of its own (a page's image named by the record, a folder's
     * page) is that page's page 1; the source's own file (a TIFF, however
     * its path was written) holds every page */
    struct stat own;
    unsigned in_file = stat(s.first->path, &own) == 0 && own.st_dev == sb.st_dev &&
                               own.st_ino == sb.st_ino ? page : 1;
    char state[200], key[20];
    int n = snprintf(state, sizeof state, "%s %u %u %llu %llu %llu %lld %ld",
                     id, page, width, (unsigned long long)sb.st_dev,
                     (unsigned long long)sb.st_ino,
                     (unsigned long long)sb.st_size,
                     (long long)sb.st_mtim.tv_sec, (long)sb.st_mtim.tv_nsec);
    snprintf(key, sizeof key, "%016llx",
             (unsigned long long)hash_bytes(HASH_FNV_OFFSET, state, (size_t)n));
    snprintf(r->headers, sizeof r->headers,
             "ETag: \"%s\"\r\nCache-Control: public, max-age=86400\r\n"
             "Access-Control-Allow-Origin: *\r\n", key);
    if (etag_in && (strstr(etag_in, key) || strcmp(etag_in, "*") == 0)) {
        r->status = 304;
        goto done;
    }
    char dir[PATH_MAX];
    int cached = cache_dir(ctx, dir, sizeof dir) == 0;
    char *jpeg = NULL;
    size_t len = 0;
    if (!(cached && cache_get(dir, key, &jpeg, &len) == 0)) {
        int rc = format == EXTRACT_PDF
                     ? render_pdf(ctx, fd, in_file, width, &jpeg, &len, r)
                     : render_image(ctx, fd, (size_t)sb.st_size, in_file, s.pages,
                                    width, &jpeg, &len, r);
        if (rc != 0)
            goto done;
        if (cached)
            cache_put(dir, key, jpeg, len, ctx->cache_max);
    }
    fwrite(jpeg, 1, len, out);
    free(jpeg);
    r->status = 200;
    r->content_type = "image/jpeg";
done:
    if (fd >= 0)
        close(fd);
    if (r->status != 200 && r->status != 304)
        r->headers[0] = '\0';
    source_free(&s);
    fond_db_close(db);
}

/* ------------------------------------------------------------ JSON */

static void json_str(FILE *out, const char *s) { cli_write_json_string(out, s); }

/* "BASE/iiif/ID/what" as a JSON string. */
static void json_url(FILE *out, const iiif_ctx_t *ctx, const char *id,
                     const char *what)
{
    char url[PATH_MAX + 256];
    snprintf(url, sizeof url, "%s/iiif/%s/%s", ctx->base, id, what);
    json_str(out, url);
}

/* A language map of one value: {"none": ["s"]} (or "en" for our own
 * words). */
static void json_lang(FILE *out, const char *lang, const char *s)
{
    fprintf(out, "{\"%s\": [", lang);
    json_str(out, s);
    fputs("]}", out);
}

/* One metadata entry (when value is not ""). */
static void metadata(FILE *out, int *first, const char *label, const char *value)
{
    if (!value || !*value)
        return;
    fputs(*first ? "\n    " : ",\n    ", out);
    *first = 0;
    fputs("{\"label\": ", out);
    json_lang(out, "en", label);
    fputs(", \"value\": ", out);
    json_lang(out, "none", value);
    fputc('}', out);
}

static void write_canvas(FILE *out, const iiif_ctx_t *ctx, const char *id,
                         const source_t *s, unsigned page)
{
    char what[64], label[32], image[PATH_MAX + 128];
    unsigned w = s->width[page - 1], h = s->height[page - 1];
    snprintf(label, sizeof label, "%u", page);
    snprintf(image, sizeof image, "%s/image/%s/%u?w=%u", ctx->base, id, page, w);
    fputs("    {\n      \"id\": ", out);
    snprintf(what, sizeof what, "canvas/%u", page);
    json_url(out, ctx, id, what);
    fputs(",\n      \"type\": \"Canvas\",\n      \"label\": ", out);
    json_lang(out, "none", label);
    fprintf(out, ",\n      \"width\": %u,\n      \"height\": %u,\n"
                 "      \"items\": [{\n        \"id\": ", w, h);
    snprintf(what, sizeof what, "page/%u", page);
    json_url(out, ctx, id, what);
    fputs(",\n        \"type\": \"AnnotationPage\",\n        \"items\": [{\n"
          "          \"id\": ", out);
    snprintf(what, sizeof what, "annotation/%u", page);
    json_url(out, ctx, id, what);
    fputs(",\n          \"type\": \"Annotation\",\n"
          "          \"motivation\": \"painting\",\n"
          "          \"body\": {\"id\": ", out);
    json_str(out, image);
    fprintf(out, ", \"type\": \"Image\", \"format\": \"image/jpeg\", "
                 "\"width\": %u, \"height\": %u},\n          \"target\": ", w, h);
    snprintf(what, sizeof what, "canvas/%u", page);
    json_url(out, ctx, id, what);
    fprintf(out, "\n        }]\n      }]\n    }%s\n", page < s->pages ? "," : "");
}

static void answer_manifest(FILE *out, const iiif_ctx_t *ctx, const char *id,
                            iiif_reply_t *r)
{
    fond_db_t *db = NULL;
    source_t s;
    if (source_load(ctx, &db, id, NULL, &s, r) != 0)
        return;
    cli_export_t how = page_export(ctx->site);
    cli_hit_shown_t shown;
    const fond_hit_t *h = cli_hit_for(s.first, &how, &shown);
    char title[1024], date[128];
    cli_title_text(h, &how, title, sizeof title);
    cli_date_text(h, 1, date, sizeof date);
    cli_citation_t cite;
    cli_cite(h, "", &cite);
    fputs("{\n  \"@context\": \"http://iiif.io/api/presentation/3/context.json\",\n"
          "  \"id\": ", out);
    json_url(out, ctx, id, "manifest");
    fputs(",\n  \"type\": \"Manifest\",\n  \"label\": ", out);
    json_lang(out, "none", title);
    fputs(",\n  \"metadata\": [", out);
    int first = 1;
    metadata(out, &first, "Title", title);
    metadata(out, &first, "Date", strcmp(date, CLI_UNDATED) ? date : "");
    metadata(out, &first, "Type", h->type);
    metadata(out, &first, "From", h->from);
    metadata(out, &first, "To", h->to);
    metadata(out, &first, "Place", h->place);
    metadata(out, &first, "Creator", h->creator);
    metadata(out, &first, "Reference", h->archive_ref ? h->archive_ref->text : "");
    metadata(out, &first, "Collection", h->container);
    metadata(out, &first, "Rights", h->rights);
    metadata(out, &first, "Source", cli_source_name(h, &how));
    metadata(out, &first, "Pages", (snprintf(date, sizeof date, "%u", s.pages), date));
    fputs("\n  ],\n  \"requiredStatement\": {\"label\": ", out);
    json_lang(out, "en", "Citation");
    fputs(", \"value\": ", out);
    json_lang(out, "none", cite.text);
    fputs("},\n  \"service\": [{\n"
          "    \"@context\": \"http://iiif.io/api/search/1/context.json\",\n"
          "    \"@id\": ", out);
    json_url(out, ctx, id, "search/1/search");
    fputs(",\n    \"@type\": \"SearchService1\",\n"
          "    \"profile\": \"http://iiif.io/api/search/1/search\",\n"
          "    \"service\": [{\n      \"@id\": ", out);
    json_url(out, ctx, id, "search/1/autocomplete");
    fputs(",\n      \"@type\": \"AutoCompleteService1\",\n"
          "      \"profile\": \"http://iiif.io/api/search/1/autocomplete\"\n"
          "    }]\n  }],\n  \"items\": [\n", out);
    for (unsigned p = 1; p <= s.pages; p++)
        write_canvas(out, ctx, id, &s, p);
    fputs("  ]\n}\n", out);
    r->status = 200;
    r->content_type = "application/ld+json;profile=\"http://iiif.io/api/presentation/3/context.json\"";
    snprintf(r->headers, sizeof r->headers, "Access-Control-Allow-Origin: *\r\n");
    source_free(&s);
    fond_db_close(db);
}

/* ------------------------------------------------------------ search */

/* The q= of a search or autocomplete request into q; -1 (r said) when
 * it is missing, empty or malformed. */
static int query_of(const char *qs, char *q, size_t size, iiif_reply_t *r)
{
    int got = request_param(qs, "q", q, size);
    if (got < 0) {
        refuse(r, 400, "The query (q) is malformed or too long.");
        return -1;
    }
    if (got == 0 || !*q) {
        refuse(r, 400, "A query (q) is needed.");
        return -1;
    }
    return 0;
}

/* The UTF-8 character boundary at or after i in s (of len). */
static size_t char_start(const char *s, size_t len, size_t i)
{
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* Up to CONTEXT_BYTES of text before [start, end), from a word's start,
 * and after it, to a word's end. */
static void hit_context(FILE *out, const char *t, size_t start, size_t end)
{
    size_t len = strlen(t);
    size_t from = start > CONTEXT_BYTES ? start - CONTEXT_BYTES : 0;
    if (from > 0) {
        const char *space = memchr(t + from, ' ', start - from);
        from = space ? (size_t)(space - t) + 1 : char_start(t, len, from);
    }
    size_t to = end + CONTEXT_BYTES < len ? end + CONTEXT_BYTES : len;
    if (to < len) {
        size_t k = to;
        while (k > end && t[k] != ' ')
            k--;
        to = k > end ? k : char_start(t, len, to);
    }
    fputs(", \"before\": ", out);
    cli_write_json_string_n(out, t + from, start - from);
    fputs(", \"after\": ", out);
    cli_write_json_string_n(out, t + end, to - end);
}

/* The parameters of Content Search 1.0 that fond does not take, as the
 * answer's "ignored" list, which the spec asks for (nothing when none
 * was given). */
static void write_ignored(FILE *out, const char *qs)
{
    static const char *const names[] = {"motivation", "date", "user", "min"};
    int n = 0;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char v[8];
        if (request_param(qs, names[i], v, sizeof v) == 0)
            continue;
        fprintf(out, "%s\"%s\"", n++ ? ", " : ",\n  \"ignored\": [", names[i]);
    }
    if (n)
        fputc(']', out);
}

/* q percent-encoded after "what?q=", as a JSON string. */
static void json_query_url(FILE *out, const iiif_ctx_t *ctx, const char *id,
                           const char *what, const char *q)
{
    char url[PATH_MAX + 2048];
    size_t at = (size_t)snprintf(url, sizeof url, "%s/iiif/%s/%s?q=",
                                 ctx->base, id, what);
    if (at >= sizeof url || request_encode(url, sizeof url, &at, q) != 0)
        url[at < sizeof url ? at : 0] = '\0';
    json_str(out, url);
}

static void answer_search(FILE *out, const iiif_ctx_t *ctx, const char *id,
                          const char *qs, iiif_reply_t *r)
{
    char q[REQUEST_MAX_Q + 1];
    if (query_of(qs, q, sizeof q, r) != 0)
        return;
    fond_db_t *db = NULL;
    source_t s;
    if (source_load(ctx, &db, id, q, &s, r) != 0)
        return;
    fputs("{\n  \"@context\": [\"http://iiif.io/api/presentation/2/context.json\", "
          "\"http://iiif.io/api/search/1/context.json\"],\n  \"@id\": ", out);
    json_query_url(out, ctx, id, "search/1/search", q);
    fputs(",\n  \"@type\": \"sc:AnnotationList\"", out);
    write_ignored(out, qs);
    fputs(",\n  \"resources\": [", out);
    /* the boxes as annotations, then the highlights that have them as
     * hits: two passes over the same boxes, in the same order */
    size_t boxes = 0, hits = 0;
    for (int pass = 0; pass < 2; pass++) {
        size_t n = 0;
        if (pass)
            fputs("\n  ],\n  \"hits\": [", out);
        for (size_t i = 0; i < fond_results_count(s.res) && n < SEARCH_MAX_BOXES; i++) {
            const fond_hit_t *h = fond_results_hit(s.res, i);
            for (size_t k = 0; k < h->n_boxes && n < SEARCH_MAX_BOXES;) {
                size_t hl = h->boxes[k].highlight, end = k;
                while (end < h->n_boxes && h->boxes[end].highlight == hl)
                    end++;
                if (pass) {
                    const fond_span_t *sp = &h->highlights[hl];
                    fputs(hits++ ? ",\n    " : "\n    ", out);
                    fputs("{\"@type\": \"search:Hit\", \"annotations\": [", out);
                    for (size_t b = k; b < end; b++) {
                        char what[64];
                        snprintf(what, sizeof what, "annotation/hit/%zu", n + b - k);
                        fputs(b > k ? ", " : "", out);
                        json_url(out, ctx, id, what);
                    }
                    fputs("], \"match\": ", out);
                    cli_write_json_string_n(out, h->snippet + sp->start, sp->length);
                    hit_context(out, h->snippet, sp->start, sp->start + sp->length);
                    fputc('}', out);
                    n += end - k;
                    k = end;
                    continue;
                }
                for (; k < end; k++, n++) {
                    const fond_box_t *b = &h->boxes[k];
                    const fond_span_t *sp = &h->highlights[hl];
                    unsigned page = b->page >= 1 && b->page <= s.pages ? b->page : 1;
                    double sx = b->page_width ? (double)s.width[page - 1] / b->page_width : 1;
                    double sy = b->page_height ? (double)s.height[page - 1] / b->page_height : 1;
                    char what[64], on[64];
                    snprintf(what, sizeof what, "annotation/hit/%zu", n);
                    fputs(n ? ",\n    " : "\n    ", out);
                    fputs("{\"@id\": ", out);
                    json_url(out, ctx, id, what);
                    fputs(", \"@type\": \"oa:Annotation\", \"motivation\": "
                          "\"sc:painting\", \"resource\": {\"@type\": "
                          "\"cnt:ContentAsText\", \"chars\": ", out);
                    cli_write_json_string_n(out, h->snippet + sp->start, sp->length);
                    fputs("}, \"on\": ", out);
                    snprintf(on, sizeof on, "canvas/%u#xywh=%ld,%ld,%ld,%ld", page,
                             (long)(b->x * sx + 0.5), (long)(b->y * sy + 0.5),
                             (long)(b->w * sx + 0.5), (long)(b->h * sy + 0.5));
                    json_url(out, ctx, id, on);
                    fputc('}', out);
                }
            }
        }
        boxes = n;
    }
    fprintf(out, "\n  ],\n  \"within\": {\"@type\": \"sc:Layer\", \"total\": %zu}\n}\n",
            hits);
    (void)boxes;
    r->status = 200;
    r->content_type = "application/ld+json";
    snprintf(r->headers, sizeof r->headers, "Access-Control-Allow-Origin: *\r\n");
    source_free(&s);
    fond_db_close(db);
}

/* ------------------------------------------------------------ autocomplete */

typedef struct {
    char word[ANALYZE_MAX_WORD + 1];
    size_t count;
} term_t;

typedef struct {
    const char *prefix;
    size_t prefix_len;
    term_t *terms;
    size_t n, cap;
} terms_t;

static int term_cmp(const void *a, const void *b)
{
    return strcmp(((const term_t *)a)->word, ((const term_t *)b)->word);
}

/* Count a word that begins with the prefix (kept in order of words). */
static int count_word(void *ctx, const analyze_token_t *t)
{
    terms_t *c = ctx;
    if (t->word_len < c->prefix_len || t->word_len > ANALYZE_MAX_WORD ||
        memcmp(t->word, c->prefix, c->prefix_len) != 0)
        return 0;
    term_t key;
    memcpy(key.word, t->word, t->word_len + 1);
    term_t *found = c->n ? bsearch(&key, c->terms, c->n, sizeof key, term_cmp)
                         : NULL;
    if (found) {
        found->count++;
        return 0;
    }
    if (c->n == AUTOCOMPLETE_DISTINCT)
        return 0;
    if (c->n == c->cap) {
        term_t *more = realloc(c->terms, (c->cap = c->cap ? 2 * c->cap : 64) *
                                             sizeof *more);
        if (!more)
            return 1;
        c->terms = more;
    }
    size_t at = 0;
    while (at < c->n && strcmp(c->terms[at].word, key.word) < 0)
        at++;
    memmove(c->terms + at + 1, c->terms + at, (c->n - at) * sizeof key);
    key.count = 1;
    c->terms[at] = key;
    c->n++;
    return 0;
}

static int most_first(const void *a, const void *b)
{
    const term_t *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->word, y->word);
}

/* The first word of q as the index folds it into out; 0 if it has none. */
static int fold_first(void *ctx, const analyze_token_t *t)
{
    snprintf(ctx, ANALYZE_MAX_WORD + 1, "%s", t->word);
    return 1;
}

static void answer_autocomplete(FILE *out, const iiif_ctx_t *ctx,
                                const char *id, const char *qs,
                                iiif_reply_t *r)
{
    char q[REQUEST_MAX_Q + 1], prefix[ANALYZE_MAX_WORD + 1] = "";
    if (query_of(qs, q, sizeof q, r) != 0)
        return;
    analyzer_t *a = NULL;
    if (analyzer_new(&a, "english") != FOND_OK) {
        refuse(r, 500, "Out of memory.");
        return;
    }
    analyze_words(a, q, strlen(q), fold_first, prefix);
    fond_db_t *db = NULL;
    source_t s;
    terms_t c = {prefix, strlen(prefix), NULL, 0, 0};
    if (source_load(ctx, &db, id, NULL, &s, r) == 0) {
        for (size_t i = 0; *prefix && i < fond_results_count(s.res); i++) {
            const fond_hit_t *h = fond_results_hit(s.res, i);
            analyze_words(a, h->text, strlen(h->text), count_word, &c);
        }
        qsort(c.terms, c.n, sizeof *c.terms, most_first);
        fputs("{\n  \"@context\": \"http://iiif.io/api/search/1/context.json\",\n"
              "  \"@id\": ", out);
        json_query_url(out, ctx, id, "search/1/autocomplete", q);
        fputs(",\n  \"@type\": \"search:TermList\"", out);
        write_ignored(out, qs);
        fputs(",\n  \"terms\": [", out);
        for (size_t i = 0; i < c.n && i < AUTOCOMPLETE_TERMS; i++) {
            fputs(i ? ",\n    " : "\n    ", out);
            fputs("{\"match\": ", out);
            json_str(out, c.terms[i].word);
            fputs(", \"url\": ", out);
            json_query_url(out, ctx, id, "search/1/search", c.terms[i].word);
            fprintf(out, ", \"count\": %zu}", c.terms[i].count);
        }
        fputs("\n  ]\n}\n", out);
        r->status = 200;
        r->content_type = "application/ld+json";
        snprintf(r->headers, sizeof r->headers, "Access-Control-Allow-Origin: *\r\n");
    }
    free(c.terms);
    analyzer_free(a);
    source_free(&s);
    fond_db_close(db);
}

void iiif_answer(FILE *out, const iiif_ctx_t *ctx, const char *path,
                 const char *qs, const char *if_none_match, iiif_reply_t *r)
{
    memset(r, 0, sizeof *r);
    r->status = 500;
    char id[ID_LEN + 1];
    unsigned page = 0;
    ask_t ask;
    if (parse_path(path, id, &page, &ask) != 0) {
        refuse(r, 404, "There is no such page here.");
        return;
    }
    switch (ask) {
    case ASK_IMAGE: answer_image(out, ctx, id, page, qs, if_none_match, r); break;
    case ASK_MANIFEST: answer_manifest(out, ctx, id, r); break;
    case ASK_SEARCH: answer_search(out, ctx, id, qs, r); break;
    case ASK_AUTOCOMPLETE: answer_autocomplete(out, ctx, id, qs, r); break;
    }
}
