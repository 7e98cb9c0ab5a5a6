/*
 * extract_ocr.c -- reading pages with Tesseract (see extract.h): a PDF's
 * page with no text layer, rendered by pdftoppm, and each page of an image
 * file, decoded by the image reader (image.h) after its headers were
 * probed.  Each page's TSV (its words, boxes and confidences) goes into
 * the extract's layout (ocr.h) and into the OCR cache, so an unchanged
 * scan is never read twice; the progress is told once a page.
 */
#define _GNU_SOURCE /* O_TMPFILE, linkat() */
#include "extract.h"
#include "extract_internal.h"
#include "language.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash.h"
#include "image.h"

#define OCR_LONG_SIDE "3300"  /* pixels: A4 at 280 dpi, whatever the box */


const char *extract_ocr_language(const char *snowball)
{
    return snowball ? language_tesseract(snowball) : "eng"; /* language.h's table */
}

/* The language OCR reads in: English for one Tesseract has no name for. */
static const char *ocr_language(const fond_extract_opts_t *o)
{
    const char *lang = extract_ocr_language(o->ocr_language);
    return lang ? lang : "eng";
}

static void cache_path(const reader_t *p, unsigned page, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%016llx-%zu-%s-p%u.tsv", p->o->ocr_cache,
             (unsigned long long)hash_bytes(HASH_FNV_OFFSET, p->bytes, p->len),
             p->len, ocr_language(p->o), page);
}

static char *read_small_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct stat sb;
    if (!f)
        return NULL;
    char *data = NULL;
    if (fstat(fileno(f), &sb) == 0 && sb.st_size < (64 << 20) &&
        (data = malloc((size_t)sb.st_size + 1)) &&
        fread(data, 1, (size_t)sb.st_size, f) == (size_t)sb.st_size) {
        data[sb.st_size] = '\0';
        *len = (size_t)sb.st_size;
    } else {
        free(data);
        data = NULL;
    }
    fclose(f);
    return data;
}

/* Keep a page's TSV in a file with no name (O_TMPFILE) given its name
 * once whole, so a run killed meanwhile leaves nothing; 0, or -1 when the
 * file system has no O_TMPFILE. */
static int cache_store_unnamed(const char *path, const char *tsv, size_t len)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    int fd = open(*dir ? dir : "/", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    if (extract_write_all(fd, tsv, len) == 0) /* EEXIST: another run stored it */
        linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW);
    close(fd);
    return 0;
}

/* Keep a page's TSV; a cache that cannot be written costs only time. */
static void cache_store(const char *path, const char *tsv, size_t len)
{
    if (cache_store_unnamed(path, tsv, len) == 0)
        return;
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return;
    int ok = fwrite(tsv, 1, len, f) == len;
    ok &= fclose(f) == 0;
    if (!ok || rename(tmp, path) != 0)
        unlink(tmp);
}

/* Read image_fd (an image: a PNG, a TIFF) with Tesseract: *tsv its TSV,
 * malloc'd. */
static fond_status_t tesseract_tsv(reader_t *p, int image_fd, char **tsv,
                                   size_t *len)
{
    const char *read[] = {"tesseract", "stdin", "stdout", "-l",
                          ocr_language(p->o), "tsv", NULL};
    child_result_t r = {0};
    fond_status_t st = extract_run_on(p, read, image_fd, &p->tesseract,
                                      "OMP_THREAD_LIMIT=1", &r);
    if (st == FOND_OK) {
        *tsv = r.out;
        *len = r.out_len;
        r.out = NULL;
    }
    child_result_free(&r);
    return st;
}

/* How one page's image is made and read by OCR: *tsv, malloc'd. */
typedef fond_status_t (*page_ocr_fn)(reader_t *p, void *ctx, unsigned page,
                                     char **tsv, size_t *len);

/* Page `page` read by OCR (fn) or taken from the OCR cache into x's
 * layout, as one page at dpi; the progress told. */
static fond_status_t ocr_page_read(reader_t *p, extract_t *x, unsigned page,
                                   unsigned dpi, page_ocr_fn fn, void *ctx)
{
    char path[4096] = "";
    char *tsv = NULL;
    size_t tsv_len = 0;
    if (p->o->ocr_cache)
        cache_path(p, page, path, sizeof path);
    if (*path && (tsv = read_small_file(path, &tsv_len)))
        x->ocr_cached++;
    fond_status_t st = FOND_OK;
    if (!tsv) {
        st = fn(p, ctx, page, &tsv, &tsv_len);
        if (st == FOND_OK && *path)
            cache_store(path, tsv, tsv_len);
        x->ocr_pages += st == FOND_OK;
    }
    if (st == FOND_OK) {
        size_t before = x->layout.n_pages;
        st = ocr_read_tsv(&x->layout, tsv, tsv_len, dpi);
        while (st == FOND_OK && x->layout.n_pages > before + 1) {
            x->layout.n_pages--; /* one page is one page, whatever */
            free(x->layout.pages[x->layout.n_pages].image);
        }
    }
    if (p->o->ocr_page)
        p->o->ocr_page(p->o->ctx, p->name, page, x->pages);
    free(tsv);
    return st;
}

/* Render page `page` with pdftoppm (a PNG on its standard output) and
 * read it with Tesseract (from its standard input). */
static fond_status_t pdf_page_ocr(reader_t *p, void *ctx, unsigned page,
                                  char **tsv, size_t *len)
{
    (void)ctx;
    char num[16];
    snprintf(num, sizeof num, "%u", page);
    const char *render[] = {"pdftoppm", "-f", num, "-l", num, "-gray",
                            "-png", "-scale-to", OCR_LONG_SIDE, "-singlefile",
                            "/dev/stdin", NULL};
    child_result_t r = {0};
    fond_status_t st = extract_run(p, render, &p->poppler, NULL, &r);
    int image = st == FOND_OK ? extract_memory_file("fond-ocr-page", r.out, r.out_len)
                              : -1;
    child_result_free(&r);
    if (st == FOND_OK && image < 0)
        st = extract_fail(p, "cannot hold page %u's image for OCR: %s", page,
                  strerror(errno));
    if (st == FOND_OK)
        st = tesseract_tsv(p, image, tsv, len);
    if (image >= 0)
        close(image);
    return st;
}


fond_status_t extract_pdf_page_ocr(reader_t *p, extract_t *x, unsigned page)
{
    return ocr_page_read(p, x, page, 0, pdf_page_ocr, NULL);
}


/* ------------------------------------------------------------ images */

/* A page of an image decoded by the image reader (an uncompressed TIFF,
 * with the page's resolution) and read with Tesseract. */
static fond_status_t image_page_ocr(reader_t *p, void *ctx, unsigned page,
                                    char **tsv, size_t *len)
{
    char *tiff = NULL;
    size_t n = 0;
    fond_status_t st = image_reader_page(ctx, page, &tiff, &n, p->err, p->errsize);
    int image = st == FOND_OK ? extract_memory_file("fond-ocr-page", tiff, n) : -1;
    free(tiff);
    if (st == FOND_OK && image < 0)
        st = extract_fail(p, "cannot hold page %u's image for OCR: %s", page,
                          strerror(errno));
    if (st == FOND_OK)
        st = tesseract_tsv(p, image, tsv, len);
    if (image >= 0)
        close(image);
    return st;
}

/* An image file: probed (a bomb, a TIFF of too many pages, a damaged
 * header refused before anything is decoded), then each of its pages (a
 * multi-page TIFF has several) decoded and read by Tesseract, or taken
 * from the OCR cache, as a page of words.  Each page's image is the file
 * itself (its path as named to extract_bytes). */
fond_status_t extract_image(reader_t *p, extract_t *x)
{
    if (p->o->no_ocr)
        return extract_fail(p, "%s", "an image (a scan; OCR is off)");
    image_info_t info;
    image_reader_t *reader = NULL;
    fond_status_t st = image_reader_open(&reader, p->bytes, p->len,
                                         EXTRACT_MAX_PAGES, p->tesseract.timeout_s,
                                         &info, p->err, p->errsize);
    x->pages = info.n_pages;
    for (unsigned k = 1; st == FOND_OK && k <= info.n_pages; k++) {
        st = ocr_page_read(p, x, k, info.pages[k - 1].dpi, image_page_ocr, reader);
        if (st == FOND_OK && p->name &&
            !(x->layout.pages[k - 1].image = strdup(p->name)))
            st = FOND_ERR_NOMEM;
    }
    image_reader_close(reader);
    if (st == FOND_OK && x->layout.n_words == 0)
        st = extract_fail(p, "no text found by OCR in the %s", info.kind);
    image_info_free(&info);
    return st == FOND_OK ? extract_layout_done(x) : st;
}
