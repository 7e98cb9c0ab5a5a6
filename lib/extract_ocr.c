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
#include <math.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash.h"
#include "image.h"



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

/* ------------------------------------------------------------ rendering */

/*
 * A page is rendered as Tesseract reads it fastest: an uncompressed grey
 * bitmap (PGM: pdftoppm -gray without -png, whose compression of a noisy
 * page took longer than Tesseract's reading of it), at the resolution of
 * the scan it holds when that is under OCR_DPI (never upscaled past it:
 * the pixels would be made up), else at OCR_DPI, and the dpi is told to
 * Tesseract (--dpi), which would guess it otherwise.  The scan's
 * resolution is that of the page's largest image (pdfimages -list) when
 * that covers a quarter of the page or more (a logo on a page of outlined
 * text is no scan); the page's size (pdfinfo) bounds the render to
 * OCR_MAX_PIXELS.  Both probes run once for a window of OCR_PROBE_PAGES
 * pages from the first page read by OCR: about 40 ms, against a second
 * or more of Tesseract's a page.  When they tell nothing, the page is
 * rendered as before, its long side OCR_LONG_SIDE pixels, its dpi unknown.
 */
#define OCR_DPI 300              /* what Tesseract is trained on */
#define OCR_MAX_PIXELS 40000000u /* A2 at 300 dpi is 35 million */
#define OCR_LONG_SIDE "3300"     /* pixels: A4 at 280 dpi, whatever the box */
#define OCR_PROBE_PAGES 64u

/* The n-th (from 0) white-space separated token of line[0, len) as a
 * number (negative n: from the end); 0 when there is none. */
static double token_number(const char *line, size_t len, int n)
{
    const char *tok[24];
    int k = 0;
    for (size_t i = 0; i < len && k < 24;) {
        while (i < len && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (i < len)
            tok[k++] = line + i;
        while (i < len && line[i] != ' ' && line[i] != '\t')
            i++;
    }
    int at = n < 0 ? k + n : n;
    if (at < 0 || at >= k)
        return 0;
    double v = strtod(tok[at], NULL); /* stops at the token's end */
    return v > 0 && v < 1e9 ? v : 0;
}

/* Each line of out[0, len), to fn(p, line, its length). */
static void each_line(const char *out, size_t len,
                      void (*fn)(reader_t *, const char *, size_t), reader_t *p)
{
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(out + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - out) - i : len - i;
        fn(p, out + i, n);
        i += n + 1;
    }
}

/* The page of the window a probe's line is about, or NULL. */
static ocr_render_t *window_page(reader_t *p, double page)
{
    if (page < p->render_from || page >= (double)p->render_from + p->render_n)
        return NULL;
    return &p->render[(unsigned)page - p->render_from];
}

/* "Page    3 size: 595.276 x 841.89 pts (A4)" (pdfinfo -f -l) */
static void size_line(reader_t *p, const char *line, size_t n)
{
    if (n < 5 || memcmp(line, "Page ", 5) != 0 || !memmem(line, n, " size:", 6))
        return;
    ocr_render_t *r = window_page(p, token_number(line, n, 1));
    if (r) {
        r->width = token_number(line, n, 3);
        r->height = token_number(line, n, 5);
    }
}

/* "page num type width height color comp bpc enc interp object ID x-ppi
 * y-ppi size ratio" (pdfimages -list; an inline image's object ID is one
 * token, so x-ppi and y-ppi are counted from the end): the largest
 * image's resolution, in dpi (kept while the page's size is unknown). */
static void image_line(reader_t *p, const char *line, size_t n)
{
    ocr_render_t *r = window_page(p, token_number(line, n, 0));
    double xppi = token_number(line, n, -4), yppi = token_number(line, n, -3);
    if (!r || xppi < 1 || yppi < 1)
        return;
    double area = token_number(line, n, 3) / xppi * 72 *
                  (token_number(line, n, 4) / yppi * 72); /* points */
    if (area * 4 < r->width * r->height)
        return; /* a quarter of the page or less: not the page's scan */
    double ppi = xppi > yppi ? xppi : yppi; /* a fax's 204 x 98: both kept */
    if (area >= r->dpi_area) {
        r->dpi_area = area;
        r->scan_ppi = ppi;
    }
}

/* The resolution to render a page of r's size at: the scan's, at most
 * OCR_DPI, and at most what keeps it under OCR_MAX_PIXELS; 0 when the
 * page's size is unknown. */
static unsigned render_dpi(const ocr_render_t *r)
{
    if (r->width < 1 || r->height < 1)
        return 0;
    double dpi = r->scan_ppi >= 1 && r->scan_ppi < OCR_DPI ? r->scan_ppi : OCR_DPI;
    double pixels = r->width / 72 * dpi * (r->height / 72 * dpi);
    if (pixels > OCR_MAX_PIXELS)
        dpi *= sqrt(OCR_MAX_PIXELS / pixels);
    return dpi >= 1 ? (unsigned)dpi : 1;
}

/* Probe pages [from, from + OCR_PROBE_PAGES) (as many as the PDF has):
 * their sizes and scans' resolutions.  A probe that fails leaves them
 * unknown: the page is still read, at the fixed size. */
static void render_probe(reader_t *p, unsigned from, unsigned pages)
{
    unsigned n = pages >= from ? pages - from + 1 : 1;
    n = n < OCR_PROBE_PAGES ? n : OCR_PROBE_PAGES;
    ocr_render_t *render = calloc(n, sizeof *render);
    if (!render)
        return; /* each page at the fixed size */
    free(p->render);
    p->render = render;
    p->render_from = from;
    p->render_n = n;
    char first[16], last[16];
    snprintf(first, sizeof first, "%u", from);
    snprintf(last, sizeof last, "%u", from + n - 1);
    const char *info[] = {"pdfinfo", "-f", first, "-l", last, "/dev/stdin", NULL};
    const char *images[] = {"pdfimages", "-list", "-f", first, "-l", last,
                            "/dev/stdin", NULL};
    char err[256]; /* a probe's failure is no reason to give */
    reader_t quiet = *p;
    quiet.err = err;
    quiet.errsize = sizeof err;
    child_result_t r = {0};
    if (extract_run(&quiet, info, &p->poppler, NULL, &r) == FOND_OK)
        each_line(r.out, r.out_len, size_line, p);
    child_result_free(&r);
    if (extract_run(&quiet, images, &p->poppler, NULL, &r) == FOND_OK)
        each_line(r.out, r.out_len, image_line, p);
    child_result_free(&r);
    for (unsigned k = 0; k < n; k++)
        render[k].dpi = render_dpi(&render[k]);
}

/* How page `page` (of `pages`) is to be rendered, probed if need be. */
static ocr_render_t render_of(reader_t *p, unsigned page, unsigned pages)
{
    if (page < p->render_from || page >= p->render_from + p->render_n)
        render_probe(p, page, pages);
    ocr_render_t *r = window_page(p, page);
    return r ? *r : (ocr_render_t){0};
}

/* Read image_fd (an image: a PGM, a TIFF) with Tesseract, told its
 * resolution (0: unknown, Tesseract guesses it): *tsv its TSV, malloc'd. */
static fond_status_t tesseract_tsv(reader_t *p, int image_fd, unsigned dpi,
                                   char **tsv, size_t *len)
{
    char res[16];
    snprintf(res, sizeof res, "%u", dpi);
    const char *read[] = {"tesseract", "stdin", "stdout", "-l",
                          ocr_language(p->o), "--dpi", res, "tsv", NULL};
    if (!dpi)
        read[5] = "tsv", read[6] = NULL;
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

/* Hold image[0, n) in a memory file and read it with Tesseract. */
static fond_status_t tesseract_image(reader_t *p, unsigned page,
                                     const char *image, size_t n, unsigned dpi,
                                     char **tsv, size_t *len)
{
    int fd = extract_memory_file("fond-ocr-page", image, n);
    if (fd < 0)
        return extract_fail(p, "cannot hold page %u's image for OCR: %s",
                            page, strerror(errno));
    fond_status_t st = tesseract_tsv(p, fd, dpi, tsv, len);
    close(fd);
    return st;
}

/* How one page's image is made and read by OCR (at dpi): *tsv, malloc'd. */
typedef fond_status_t (*page_ocr_fn)(reader_t *p, void *ctx, unsigned page,
                                     unsigned dpi, char **tsv, size_t *len);

/* Render page `page` with pdftoppm (a PGM on its standard output) at dpi
 * (0: its long side OCR_LONG_SIDE pixels) and read it with Tesseract. */
static fond_status_t pdf_page_ocr(reader_t *p, void *ctx, unsigned page,
                                  unsigned dpi, char **tsv, size_t *len)
{
    (void)ctx;
    char num[16], res[16];
    snprintf(num, sizeof num, "%u", page);
    snprintf(res, sizeof res, "%u", dpi);
    const char *render[] = {"pdftoppm", "-f", num, "-l", num, "-gray",
                            dpi ? "-r" : "-scale-to", dpi ? res : OCR_LONG_SIDE,
                            "-singlefile", "/dev/stdin", NULL};
    child_result_t r = {0};
    fond_status_t st = extract_run(p, render, &p->poppler, NULL, &r);
    if (st == FOND_OK)
        st = tesseract_image(p, page, r.out, r.out_len, dpi, tsv, len);
    child_result_free(&r);
    return st;
}

/* Page `page` read by OCR (fn, at dpi) or taken from the OCR cache (*cached
 * set) into x's layout, as one page; the progress told. */
static fond_status_t ocr_page_read(reader_t *p, extract_t *x, unsigned page,
                                   unsigned dpi, page_ocr_fn fn, void *ctx,
                                   int *cached)
{
    char path[4096] = "";
    char *tsv = NULL;
    size_t tsv_len = 0;
    if (p->o->ocr_cache)
        cache_path(p, page, path, sizeof path);
    *cached = *path && (tsv = read_small_file(path, &tsv_len));
    x->ocr_cached += (unsigned)*cached;
    fond_status_t st = FOND_OK;
    if (!tsv) {
        st = fn(p, ctx, page, dpi, &tsv, &tsv_len);
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

/* The resolution a cached page was rendered at (a run before may have
 * rendered it otherwise): its image's long side against the page's. */
static unsigned cached_dpi(const ocr_page_t *pg, const ocr_render_t *r)
{
    double px = pg->width > pg->height ? pg->width : pg->height;
    double pt = r->width > r->height ? r->width : r->height;
    return px > 0 && pt > 0 ? (unsigned)(px * 72 / pt + 0.5) : 0;
}

fond_status_t extract_pdf_page_ocr(reader_t *p, extract_t *x, unsigned page)
{
    ocr_render_t render = render_of(p, page, x->pages);
    int cached = 0;
    fond_status_t st = ocr_page_read(p, x, page, render.dpi, pdf_page_ocr,
                                     NULL, &cached);
    if (st == FOND_OK && cached) {
        ocr_page_t *pg = &x->layout.pages[x->layout.n_pages - 1];
        pg->dpi = cached_dpi(pg, &render);
    }
    return st;
}

void extract_reader_free(reader_t *p)
{
    if (p->fd >= 0)
        close(p->fd);
    p->fd = -1;
    free(p->render);
    p->render = NULL;
    p->render_n = 0;
}


/* ------------------------------------------------------------ images */

/* A page of an image decoded by the image reader (an uncompressed TIFF,
 * with the page's resolution) and read with Tesseract. */
static fond_status_t image_page_ocr(reader_t *p, void *ctx, unsigned page,
                                    unsigned dpi, char **tsv, size_t *len)
{
    char *tiff = NULL;
    size_t n = 0;
    (void)dpi; /* the TIFF says it, when the file does */
    fond_status_t st = image_reader_page(ctx, page, &tiff, &n, p->err, p->errsize);
    if (st == FOND_OK)
        st = tesseract_image(p, page, tiff, n, 0, tsv, len);
    free(tiff);
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
        int cached = 0;
        st = ocr_page_read(p, x, k, info.pages[k - 1].dpi, image_page_ocr,
                           reader, &cached);
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
