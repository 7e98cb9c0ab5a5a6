/*
 * extract_ocr.c -- reading pages with Tesseract (see extract.h): a PDF's
 * page with no text layer, rendered by pdftoppm, and each page of an image
 * file, decoded by the image reader (image.h) after its headers were
 * probed.  Each page's TSV (its words, boxes and confidences) goes into
 * the extract's layout (ocr.h) and into the OCR cache, so an unchanged
 * scan is never read twice; the progress is told once a page.  Which
 * language pack Tesseract reads a source in is chosen apart from the
 * reading (scan_choose, with ocr_lang.h): the one given, or the one a
 * first pass in English points to.
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
#include "langid.h"
#include "ocr_lang.h"

/* Where page `page`'s reading in `lang` is kept: by the file's bytes,
 * the language ('/' as '_') and the page (extract.h). */
static void cache_path(const reader_t *p, unsigned page, const char *lang,
                       char *buf, size_t size)
{
    char name[128];
    snprintf(name, sizeof name, "%s", lang);
    for (char *c = name; *c; c++)
        if (*c == '/')
            *c = '_';
    snprintf(buf, size, "%s/%016llx-%zu-%s-p%u.tsv", p->o->ocr_cache,
             (unsigned long long)hash_bytes(HASH_FNV_OFFSET, p->bytes, p->len),
             p->len, name, page);
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
 * text is no scan); the page's size (from the pdfinfo run that opened the
 * PDF: reader_t.info) bounds the render to OCR_MAX_PIXELS.  The image
 * probe runs once for a window of OCR_PROBE_PAGES pages from the first
 * page read by OCR: about 20 ms, against a second or more of Tesseract's
 * a page.  When they tell nothing, the page is
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
    const char *images[] = {"pdfimages", "-list", "-f", first, "-l", last,
                            "/dev/stdin", NULL};
    char err[256]; /* a probe's failure is no reason to give */
    reader_t quiet = *p;
    quiet.err = err;
    quiet.errsize = sizeof err;
    if (p->info) /* the sizes pdfinfo gave when the PDF was opened */
        each_line(p->info, p->info_len, size_line, p);
    child_result_t r = {0};
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

/* Read `image` with Tesseract in `lang` (from its standard input), told
 * its resolution (dpi; 0: unknown, Tesseract guesses it): *tsv is its
 * TSV, malloc'd; or, for lang "osd", its script detection's report. */
static fond_status_t tesseract_read(reader_t *p, int image, const char *lang,
                                    unsigned dpi, char **tsv, size_t *len)
{
    char res[16];
    snprintf(res, sizeof res, "%u", dpi);
    const char *read[] = {"tesseract", "stdin", "stdout", "-l", lang,
                          "--dpi", res, "tsv", NULL};
    const char *osd[] = {"tesseract", "stdin", "stdout", "--psm", "0", "-l",
                         "osd", NULL};
    if (!dpi)
        read[5] = "tsv", read[6] = NULL;
    child_result_t r = {0};
    fond_status_t st = extract_run_on(p, strcmp(lang, "osd") == 0 ? osd : read,
                                      image, &p->tesseract, "OMP_THREAD_LIMIT=1", &r);
    if (st == FOND_OK) {
        *tsv = r.out;
        *len = r.out_len;
        r.out = NULL;
    }
    child_result_free(&r);
    return st;
}

/* How a page's image is made for Tesseract: *bytes malloc'd (an image
 * file's bytes: a PGM, a TIFF). */
typedef fond_status_t (*page_image_fn)(reader_t *p, void *ctx, unsigned page,
                                       unsigned dpi, char **bytes, size_t *n);

/* A PDF's page rendered by pdftoppm (a PGM on its standard output) at dpi
 * (0: its long side OCR_LONG_SIDE pixels). */
static fond_status_t pdf_page_image(reader_t *p, void *ctx, unsigned page,
                                    unsigned dpi, char **bytes, size_t *n)
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
    if (st == FOND_OK) {
        *bytes = r.out;
        *n = r.out_len;
        r.out = NULL;
    }
    child_result_free(&r);
    return st;
}

/* A page of an image file decoded by the image reader (ctx): an
 * uncompressed TIFF of that page, with its resolution when the file has
 * one. */
static fond_status_t image_page_image(reader_t *p, void *ctx, unsigned page,
                                      unsigned dpi, char **bytes, size_t *n)
{
    (void)dpi;
    return image_reader_page(ctx, page, bytes, n, p->err, p->errsize);
}

/* ------------------------------------------------ the language read in */

/* One scanned page being read: page N of a PDF or of an image file, its
 * image made when first read (make), each reading kept in the cache by
 * its language. */
typedef struct {
    reader_t *p;
    unsigned page;
    unsigned dpi;       /* its resolution (0: unknown), told to Tesseract */
    page_image_fn make;
    void *ctx;          /* make's */
    int image;          /* the page's image (a memory file), -1 until made */
    int ran;            /* Tesseract ran on it (else all came from the cache) */
} scan_t;

/* How sure of its words (mean confidence) a first pass read in English must
 * be for the language identified in its text to be taken without asking
 * Tesseract's script detection: a clean Latin page read in English scores
 * 85-96 (French, German, English alike), a Cyrillic one 30-45. */
#define OCR_SURE 70
/* Below this, a first pass is too garbled for the language identifier:
 * only the script detection chooses. */
#define OCR_GARBLED 50
/* First passes (scanned pages of one PDF) that may leave the choice to
 * the next page, for want of text; then English stays. */
#define OCR_CHOOSE_PAGES 3
/* Latin packs read together when English reads a page well but its
 * language does not stand out (scan_judge_latin): each costs time. */
#define OCR_LATIN_PACKS 6

/* Make s's page's image, in a memory file, for Tesseract to read. */
static fond_status_t scan_image(scan_t *s)
{
    char *bytes = NULL;
    size_t n = 0;
    fond_status_t st = s->make(s->p, s->ctx, s->page, s->dpi, &bytes, &n);
    if (st == FOND_OK &&
        (s->image = extract_memory_file("fond-ocr-page", bytes, n)) < 0)
        st = extract_fail(s->p, "cannot hold page %u's image for OCR: %s",
                          s->page, strerror(errno));
    free(bytes);
    return st;
}

/* s's page read in `lang`: from the cache, else by Tesseract (making the
 * page's image first if it is not yet). */
static fond_status_t scan_read(scan_t *s, const char *lang, char **tsv,
                               size_t *len)
{
    reader_t *p = s->p;
    char path[4096] = "";
    if (p->o->ocr_cache)
        cache_path(p, s->page, lang, path, sizeof path);
    if (*path && (*tsv = read_small_file(path, len)))
        return FOND_OK;
    fond_status_t st = s->image >= 0 ? FOND_OK : scan_image(s);
    if (st == FOND_OK)
        st = tesseract_read(p, s->image, lang, s->dpi, tsv, len);
    s->ran = 1;
    if (st == FOND_OK && *path)
        cache_store(path, *tsv, *len);
    return st;
}

/* The stemmer of the language text[0, len) is in (langid.h), its code
 * into code; NULL when none stands out or the profiles cannot be read. */
static const char *identify(const char *text, size_t len, char *code)
{
    langid_t *id = NULL;
    char why[256];
    const char *stemmer = NULL;
    if (text && langid_new(&id, NULL, why, sizeof why) == FOND_OK)
        stemmer = langid_identify(id, text, len, code);
    langid_free(id);
    return stemmer;
}

/* A page that English read well, long enough to identify, yet in no
 * language that stands out: English drops the letters it has not (ş ğ ı
 * of Turkish are s g i), and some languages are not known without them.
 * Read it once with the Latin packs installed together (the first
 * OCR_LATIN_PACKS of them) and identify that. */
static fond_status_t scan_judge_latin(scan_t *s, const char *packs,
                                      const char *first, char *chosen,
                                      size_t size)
{
    char latin[OCR_LANG_SIZE], code[16];
    snprintf(chosen, size, "%s", first);
    if (!ocr_lang_latin_packs(packs, first, OCR_LATIN_PACKS, latin, sizeof latin))
        return FOND_OK;
    char *tsv = NULL;
    size_t len = 0;
    ocr_text_t t;
    memset(&t, 0, sizeof t);
    fond_status_t st = scan_read(s, latin, &tsv, &len);
    if (st == FOND_OK)
        st = ocr_read_tsv(&t, tsv, len, 0);
    const char *stemmer = st == FOND_OK ? identify(t.text, t.len, code) : NULL;
    const char *pack = stemmer ? language_tesseract(stemmer) : NULL;
    if (pack && ocr_lang_has(packs, pack))
        snprintf(chosen, size, "%s", pack);
    ocr_text_free(&t);
    free(tsv);
    return st == FOND_ERR_NOMEM ? st : FOND_OK;
}

/* The language of a first pass read in `first` (its TSV): into chosen,
 * or "" when the page cannot tell (too little text, no other script). */
static fond_status_t scan_judge(scan_t *s, const char *packs, const char *first,
                                const char *tsv, size_t len, char *chosen,
                                size_t size)
{
    ocr_text_t t;
    memset(&t, 0, sizeof t);
    fond_status_t st = ocr_read_tsv(&t, tsv, len, 0);
    int conf = ocr_mean_conf(&t);
    size_t text_len = t.len;
    char code[16] = "";
    const char *stemmer = st == FOND_OK ? identify(t.text, t.len, code) : NULL;
    ocr_text_free(&t);
    const char *pack = stemmer ? language_tesseract(stemmer) : NULL;
    int as_read = pack && strcmp(pack, first) == 0; /* English found English */
    pack = pack && ocr_lang_has(packs, pack) ? pack : first;
    chosen[0] = '\0';
    if (st != FOND_OK || conf == OCR_CONF_NONE)
        return st;
    if (conf >= OCR_SURE && (stemmer || *code || text_len < LANGID_MIN_CHARS)) {
        if (stemmer) /* Latin letters, read well: langid says which */
            snprintf(chosen, size, "%s", pack);
        return FOND_OK;
    }
    if (conf >= OCR_SURE) /* long, read well, yet no language stands out */
        return scan_judge_latin(s, packs, first, chosen, size);
    /* less sure: perhaps English, perhaps another script */
    if (as_read && conf >= OCR_GARBLED) { /* a poor scan, but of English */
        snprintf(chosen, size, "%s", first);
        return FOND_OK;
    }
    char *osd = NULL, script[48];
    size_t osd_len = 0;
    int told = ocr_lang_has(packs, "osd") &&
               scan_read(s, "osd", &osd, &osd_len) == FOND_OK &&
               ocr_lang_osd_script(osd, osd_len, script, sizeof script);
    free(osd);
    if (told && ocr_lang_for_script(script, packs, chosen, size))
        return FOND_OK; /* another script, and a pack for it */
    int latin = told && strcmp(script, "Latin") == 0;
    if (stemmer && conf >= OCR_GARBLED)
        snprintf(chosen, size, "%s", pack);
    else if (latin && !*code && conf >= OCR_GARBLED && text_len >= LANGID_MIN_CHARS)
        return scan_judge_latin(s, packs, first, chosen, size);
    else if (told) /* Latin, or a script with no pack: as read */
        snprintf(chosen, size, "%s", first);
    return FOND_OK;
}

/* The first pack of packs other than osd (when English is not there). */
static void first_pack(const char *packs, char *out, size_t size)
{
    snprintf(out, size, "%s", "eng");
    for (const char *s = packs; *s && !ocr_lang_has(packs, "eng");) {
        size_t n = strcspn(s, "+");
        if (n != 3 || strncmp(s, "osd", 3) != 0) {
            snprintf(out, size, "%.*s", (int)n, s);
            return;
        }
        s += n + (s[n] == '+');
    }
}

/*
 * s's page read in the language of its source, into *tsv.  A language
 * given (or its catalogue row's) is that; else the first scanned page is
 * read in English and judged (scan_judge), and read again in the language
 * chosen if another; the rest of the source is read in it.  A page too
 * short to tell leaves the choice to the next (OCR_CHOOSE_PAGES).
 */
static fond_status_t scan_choose(scan_t *s, char **tsv, size_t *len)
{
    reader_t *p = s->p;
    const char *given = p->o->ocr_language;
    char why[512], packs[OCR_LANG_PACKS_SIZE] = "";
    if (!p->ocr_lang[0] &&
        ocr_lang_resolve(given, p->o->ocr_packs, p->ocr_lang, sizeof p->ocr_lang,
                         why, sizeof why) != FOND_OK)
        return extract_fail(p, "%s", why);
    if (p->ocr_lang[0])
        return scan_read(s, p->ocr_lang, tsv, len);
    if (p->o->ocr_packs)
        snprintf(packs, sizeof packs, "%s", p->o->ocr_packs);
    else if (ocr_lang_installed(packs, sizeof packs, why, sizeof why) != FOND_OK)
        return extract_fail(p, "%s", why);
    char first[OCR_LANG_SIZE], chosen[OCR_LANG_SIZE];
    first_pack(packs, first, sizeof first);
    fond_status_t st = scan_read(s, first, tsv, len);
    if (st == FOND_OK)
        st = scan_judge(s, packs, first, *tsv, *len, chosen, sizeof chosen);
    if (st != FOND_OK || (!*chosen && ++p->ocr_tries < OCR_CHOOSE_PAGES))
        return st; /* read in English; the next page chooses */
    snprintf(p->ocr_lang, sizeof p->ocr_lang, "%s", *chosen ? chosen : first);
    if (strcmp(p->ocr_lang, first) == 0)
        return FOND_OK;
    free(*tsv);
    *tsv = NULL;
    return scan_read(s, p->ocr_lang, tsv, len);
}

/* ------------------------------------------------ reading the pages */

/* Page `page` read by OCR (its image made by `make`, read at dpi in the
 * source's language) or taken from the OCR cache (*cached set) into x's
 * layout, as one page; the progress told. */
static fond_status_t ocr_page_read(reader_t *p, extract_t *x, unsigned page,
                                   unsigned dpi, page_image_fn make, void *ctx,
                                   int *cached)
{
    char *tsv = NULL;
    size_t tsv_len = 0;
    scan_t s = {p, page, dpi, make, ctx, -1, 0};
    fond_status_t st = scan_choose(&s, &tsv, &tsv_len);
    if (s.image >= 0)
        close(s.image);
    *cached = st == FOND_OK && !s.ran;
    if (st == FOND_OK) {
        x->ocr_pages += s.ran;
        x->ocr_cached += !s.ran;
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
    fond_status_t st = ocr_page_read(p, x, page, render.dpi, pdf_page_image,
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
        st = ocr_page_read(p, x, k, info.pages[k - 1].dpi, image_page_image,
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
