/*
 * folder.c -- a folder of page images as one source (see folder.h): which
 * of its files are its pages, the state the sync records of them, and
 * their reading into one text, page after page.
 */
#define _GNU_SOURCE /* d_type's DT_ names */
#include "folder.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "db_internal.h"
#include "extract_internal.h"
#include "file.h"
#include "hash.h"
#include "text.h"

#define SIGNATURE_BYTES 16 /* enough for every image signature extract.c knows */

int folder_page_name(const char *name, size_t *stem_len,
                     unsigned long long *number)
{
    size_t end = strlen(name);
    const char *dot = strrchr(name, '.');
    if (dot && dot[1]) {
        const char *c = dot + 1;
        while (text_is_digit(*c))
            c++;
        if (*c) /* an extension, not "scan.001"'s number */
            end = (size_t)(dot - name);
    }
    size_t start = end;
    while (start > 0 && text_is_digit(name[start - 1]))
        start--;
    if (start == end || end - start > FOLDER_MAX_NUMBER_DIGITS)
        return 0;
    unsigned long long v = 0;
    for (size_t i = start; i < end; i++)
        v = v * 10 + (unsigned long long)(name[i] - '0');
    *stem_len = start;
    *number = v;
    return 1;
}

/* Is the name's extension one of a text or document (never an image's)?
 * Such a file is not looked into: the walk asks of every folder, and over
 * a folder of 20,000 numbered texts reading each one's first bytes made a
 * run with nothing to do a third slower (0.76 s against 0.56 s). */
static int named_as_text(const char *name)
{
    static const char *const texts[] = {
        "txt", "text", "md", "csv", "tsv", "json", "xml", "html", "htm",
        "xhtml", "hocr", "pdf", "eml", "mbox", "doc", "docx", "odt", "rtf"};
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < sizeof texts / sizeof *texts; i++)
        if (strcasecmp(dot + 1, texts[i]) == 0)
            return 1;
    return 0;
}

/* Is the entry de of the folder open as dfd a regular file (a link to
 * one too) whose first bytes are an image's?  Its stat into *sb.  Opened
 * by its name in the folder, and nothing opened that is not a regular
 * file (a FIFO, a device): the walk looks at every numbered name. */
static int is_image_entry(int dfd, const struct dirent *de, struct stat *sb)
{
    if ((de->d_type != DT_REG && de->d_type != DT_LNK &&
         de->d_type != DT_UNKNOWN) || named_as_text(de->d_name))
        return 0;
    if (de->d_type != DT_REG &&
        (fstatat(dfd, de->d_name, sb, 0) != 0 || !S_ISREG(sb->st_mode)))
        return 0;
    int fd = openat(dfd, de->d_name, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char head[SIGNATURE_BYTES];
    ssize_t n;
    do
        n = read(fd, head, sizeof head);
    while (n < 0 && errno == EINTR);
    int yes = n > 0 && extract_format(head, (size_t)n) == EXTRACT_IMAGE &&
              fstat(fd, sb) == 0 && S_ISREG(sb->st_mode);
    close(fd);
    return yes;
}

/* A candidate: an image file, its name's stem and number if it has one. */
typedef struct {
    folder_page_t page;
    size_t stem_len;
    unsigned long long number;
    int numbered;
} entry_t;

int folder_name_cmp(const char *a, const char *b)
{
    const char *x = a, *y = b;
    while (*x && *y) {
        if (text_is_digit(*x) && text_is_digit(*y)) {
            while (*x == '0')
                x++;
            while (*y == '0')
                y++;
            size_t nx = 0, ny = 0;
            while (text_is_digit(x[nx]))
                nx++;
            while (text_is_digit(y[ny]))
                ny++;
            if (nx != ny)
                return nx < ny ? -1 : 1;
            int c = memcmp(x, y, nx);
            if (c)
                return c;
            x += nx, y += ny;
        } else if (*x != *y) {
            return (unsigned char)*x < (unsigned char)*y ? -1 : 1;
        } else {
            x++, y++;
        }
    }
    if (*x || *y)
        return *x ? 1 : -1;
    return strcmp(a, b);
}

static int by_name(const void *a, const void *b)
{
    return folder_name_cmp(((const entry_t *)a)->page.name,
                       ((const entry_t *)b)->page.name);
}

/* Numbered first, then by stem, number and name. */
static int by_stem(const void *a, const void *b)
{
    const entry_t *x = a, *y = b;
    if (x->numbered != y->numbered)
        return x->numbered ? -1 : 1;
    size_t n = x->stem_len < y->stem_len ? x->stem_len : y->stem_len;
    int c = memcmp(x->page.name, y->page.name, n);
    if (c || x->stem_len != y->stem_len)
        return c ? c : x->stem_len < y->stem_len ? -1 : 1;
    if (x->number != y->number)
        return x->number < y->number ? -1 : 1;
    return strcmp(x->page.name, y->page.name);
}

static int same_stem(const entry_t *x, const entry_t *y)
{
    return x->numbered && y->numbered && x->stem_len == y->stem_len &&
           memcmp(x->page.name, y->page.name, x->stem_len) == 0;
}

/* The numbered pages of one item among e[0, n) (sorted by_stem): the
 * range [*from, *to) of the one stem with two or more, its numbers each
 * once; 0 when there is no such stem, or more than one. */
static int pages_of_one_item(const entry_t *e, size_t n, size_t *from,
                             size_t *to)
{
    int found = 0;
    for (size_t i = 0; i < n && e[i].numbered;) {
        size_t j = i + 1;
        while (j < n && same_stem(&e[i], &e[j]))
            j++;
        if (j - i >= 2) {
            if (found++)
                return 0; /* two items in one folder: neither is it */
            *from = i;
            *to = j;
        }
        i = j;
    }
    for (size_t i = *from; found && i + 1 < *to; i++)
        if (e[i].number == e[i + 1].number)
            return 0; /* a page twice: not one item's pages */
    return found;
}

/* The image files of dir (the numbered ones alone unless `all`: an image
 * without a page name cannot be a page then) into *e. */
static fond_status_t list_images(const char *dir, int all, entry_t **e,
                                 size_t *n, char *why, size_t whysize)
{
    size_t cap = 0;
    *e = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(why, whysize, "%s", strerror(errno));
        return FOND_ERR_IO;
    }
    fond_status_t st = FOND_OK;
    const char *sep = dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/";
    struct dirent *de;
    while (st == FOND_OK && (de = readdir(d))) {
        entry_t en = {{NULL, NULL, 0, 0}, 0, 0, 0};
        if (de->d_name[0] == '.')
            continue;
        en.numbered = folder_page_name(de->d_name, &en.stem_len, &en.number);
        if (!all && !en.numbered)
            continue;
        struct stat sb;
        if (!is_image_entry(dirfd(d), de, &sb))
            continue;
        size_t len = strlen(dir) + strlen(sep) + strlen(de->d_name) + 1;
        if (!(en.page.path = malloc(len))) {
            st = FOND_ERR_NOMEM;
            break;
        }
        snprintf(en.page.path, len, "%s%s%s", dir, sep, de->d_name);
        en.page.name = en.page.path + len - 1 - strlen(de->d_name);
        en.page.size = (unsigned long long)sb.st_size;
        en.page.mtime = (unsigned long long)sb.st_mtim.tv_sec * 1000000000ULL +
                        (unsigned long long)sb.st_mtim.tv_nsec;
        if (array_reserve(e, &cap, *n + 1, sizeof **e, 16)) {
            free(en.page.path);
            st = FOND_ERR_NOMEM;
        } else {
            (*e)[(*n)++] = en;
        }
    }
    closedir(d);
    if (st == FOND_ERR_NOMEM)
        snprintf(why, whysize, "out of memory");
    return st;
}

fond_status_t folder_load(folder_t *f, const char *dir, int catalogued,
                          char *why, size_t whysize)
{
    memset(f, 0, sizeof *f);
    entry_t *e = NULL;
    size_t n = 0, from = 0, to = 0;
    fond_status_t st = list_images(dir, catalogued, &e, &n, why, whysize);
    if (st == FOND_OK && n && catalogued) { /* n: e is NULL for none */
        qsort(e, n, sizeof *e, by_name);
        to = n;
    } else if (st == FOND_OK && n) {
        qsort(e, n, sizeof *e, by_stem);
        if (!pages_of_one_item(e, n, &from, &to))
            from = to = 0;
    }
    if (st == FOND_OK && to > from &&
        array_reserve(&f->pages, &f->cap, to - from, sizeof *f->pages, 1)) {
        snprintf(why, whysize, "out of memory");
        st = FOND_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        if (st == FOND_OK && i >= from && i < to) {
            f->pages[f->n++] = e[i].page; /* the path is the folder's now */
            f->bytes += e[i].page.size;
        } else {
            free(e[i].page.path);
        }
    }
    free(e);
    return st;
}

void folder_free(folder_t *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++)
        free(f->pages[i].path);
    free(f->pages);
    memset(f, 0, sizeof *f);
}

void folder_stat(const folder_t *f, unsigned long long *size,
                 unsigned long long *mtime)
{
    uint64_t h = HASH_FNV_OFFSET;
    for (size_t i = 0; i < f->n; i++) {
        char nums[48];
        int k = snprintf(nums, sizeof nums, "\n%llu %llu\n", f->pages[i].size,
                         f->pages[i].mtime);
        h = hash_bytes(h, f->pages[i].name, strlen(f->pages[i].name));
        h = hash_bytes(h, nums, (size_t)k);
    }
    *size = f->bytes;
    *mtime = (unsigned long long)h;
}

fond_status_t folder_manifest(const folder_t *f, char **text, size_t *len,
                              char *why, size_t whysize)
{
    char *out = NULL;
    size_t n = 0, cap = 0;
    fond_status_t st = FOND_OK;
    for (size_t i = 0; i < f->n && st == FOND_OK; i++) {
        char *bytes = NULL, reason[256];
        size_t blen = 0;
        st = file_read(f->pages[i].path, &bytes, &blen, reason, sizeof reason);
        size_t line = strlen(f->pages[i].name) + 64;
        if (st == FOND_OK && array_reserve(&out, &cap, n + line, 1, 4096))
            st = FOND_ERR_NOMEM, snprintf(reason, sizeof reason, "out of memory");
        if (st == FOND_OK)
            n += (size_t)snprintf(out + n, line, "%016llx %zu %s\n",
                                  (unsigned long long)hash_bytes(HASH_FNV_OFFSET,
                                                                 bytes, blen),
                                  blen, f->pages[i].name);
        else
            snprintf(why, whysize, "page %s: %s", f->pages[i].name, reason);
        free(bytes);
    }
    if (st != FOND_OK) {
        free(out);
        return st;
    }
    *text = out;
    *len = n;
    return FOND_OK;
}

/* A page that cannot be read: blank, keeping its place and image. */
static void page_blank(extract_t *x, const char *image)
{
    ocr_page_text(&x->layout, "", 0);
    if (!x->layout.failed && x->layout.n_pages &&
        !(x->layout.pages[x->layout.n_pages - 1].image = strdup(image)))
        x->layout.failed = 1;
    x->pages++;
    x->blank_pages++;
}

/* Read one page image into x: FOND_OK, FOND_ERR_NOMEM, or another status
 * with its reason in why. */
static fond_status_t page_read(extract_t *x, const folder_page_t *page,
                               const fond_extract_opts_t *o, char *why,
                               size_t whysize)
{
    char *bytes = NULL;
    size_t len = 0;
    extract_t one;
    memset(&one, 0, sizeof one);
    fond_status_t st = file_read(page->path, &bytes, &len, why, whysize);
    if (st == FOND_OK && extract_format(bytes, len) != EXTRACT_IMAGE) {
        snprintf(why, whysize, "no longer an image");
        st = FOND_ERR_EXTRACT;
    }
    if (st == FOND_OK)
        st = extract_bytes(&one, bytes, len, page->path, o, why, whysize);
    if (st == FOND_OK && !x->ocr_language[0])
        memcpy(x->ocr_language, one.ocr_language, sizeof x->ocr_language);
    if (st == FOND_OK) {
        ocr_append(&x->layout, &one.layout, page->path);
        x->pages += one.pages;
        x->ocr_pages += one.ocr_pages;
        x->ocr_cached += one.ocr_cached;
        x->blank_pages += one.blank_pages;
    }
    extract_free(&one);
    free(bytes);
    return st;
}

fond_status_t folder_extract(extract_t *x, const folder_t *f,
                             const fond_extract_opts_t *o, char *err,
                             size_t errsize)
{
    memset(x, 0, sizeof *x);
    x->format = EXTRACT_IMAGE;
    x->ocr_confidence = OCR_CONF_NONE;
    if (f->n > EXTRACT_MAX_PAGES) {
        snprintf(err, errsize, "a folder of %zu page images, more than the %u "
                 "fond reads", f->n, EXTRACT_MAX_PAGES);
        return FOND_ERR_EXTRACT;
    }
    size_t read = 0;
    err[0] = '\0';
    /* the pages of one item are in one language: once a page's reading
     * chose it (extract_t.ocr_language), the pages after are read in it,
     * with no first pass of their own */
    fond_extract_opts_t chosen = o ? *o : (fond_extract_opts_t)FOND_EXTRACT_OPTS_INIT;
    for (size_t i = 0; i < f->n; i++) {
        char why[256];
        fond_status_t st = page_read(x, &f->pages[i], &chosen, why, sizeof why);
        if (x->ocr_language[0])
            chosen.ocr_language = x->ocr_language;
        if (st == FOND_ERR_NOMEM || x->layout.failed) {
            snprintf(err, errsize, "out of memory");
            return FOND_ERR_NOMEM;
        }
        read += st == FOND_OK;
        if (st != FOND_OK && !err[0])
            snprintf(err, errsize, "page %zu (%s): %s", i + 1, f->pages[i].name,
                     why);
        if (st != FOND_OK)
            page_blank(x, f->pages[i].path);
    }
    if (!read)
        return FOND_ERR_EXTRACT; /* the first page's reason */
    return extract_layout_done(x);
}

/* ------------------------------------------------------------ the API */

fond_status_t fond_folder_load(fond_folder_t **out, const char *dir,
                               int catalogued, fond_error_t *err)
{
    char scratch[sizeof err->message], *msg = err ? err->message : scratch;
    msg[0] = '\0';
    FOND_ASSERT_ARG_MSG(out && dir, msg, sizeof scratch);
    *out = NULL;
    folder_t *f = calloc(1, sizeof *f);
    char why[256] = "out of memory";
    fond_status_t st = f ? folder_load(f, dir, catalogued, why, sizeof why)
                         : FOND_ERR_NOMEM;
    if (st != FOND_OK)
        snprintf(msg, sizeof scratch, "%s: %s", dir, why);
    if (st == FOND_OK && f->n)
        *out = f;
    else
        fond_folder_free(f);
    return st;
}

size_t fond_folder_pages(const fond_folder_t *f)
{
    return f ? f->n : 0;
}

size_t fond_folder_bytes(const fond_folder_t *f)
{
    return f ? (size_t)f->bytes : 0;
}

const char *fond_folder_page(const fond_folder_t *f, size_t i)
{
    return f && i < f->n ? f->pages[i].path : NULL;
}

void fond_folder_free(fond_folder_t *f)
{
    folder_free(f);
    free(f);
}
