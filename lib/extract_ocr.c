/*
 * extract_ocr.c -- reading pages with Tesseract (see extract.h): a PDF's
 * page with no text layer, rendered by pdftoppm, and image files.  Each
 * page's TSV (its words, boxes and confidences) goes into the extract's
 * layout (ocr.h) and into the OCR cache, so an unchanged scan is never
 * read twice.  Which language pack Tesseract reads a source in is chosen
 * apart from the reading (scan_choose, with ocr_lang.h): the one given, or
 * the one a first pass in English points to.
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
#include "langid.h"
#include "ocr_lang.h"

#define OCR_LONG_SIDE "3300"  /* pixels: A4 at 280 dpi, whatever the box */


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

/* Render page `page` with pdftoppm (a PNG on its standard output) into
 * a memory file, *image, for Tesseract to read. */
static fond_status_t render_page(reader_t *p, unsigned page, int *image)
{
    char num[16];
    snprintf(num, sizeof num, "%u", page);
    const char *render[] = {"pdftoppm", "-f", num, "-l", num, "-gray",
                            "-png", "-scale-to", OCR_LONG_SIDE, "-singlefile",
                            "/dev/stdin", NULL};
    child_result_t r = {0};
    fond_status_t st = extract_run(p, render, &p->poppler, NULL, &r);
    *image = st == FOND_OK ? extract_memory_file("fond-ocr-page", r.out, r.out_len)
                           : -1;
    child_result_free(&r);
    if (st == FOND_OK && *image < 0)
        st = extract_fail(p, "cannot hold page %u's image for OCR: %s", page,
                  strerror(errno));
    return st;
}

/* Read `image` with Tesseract in `lang` (from its standard input): *tsv is
 * its TSV, malloc'd; or, for lang "osd", its script detection's report. */
static fond_status_t tesseract_read(reader_t *p, int image, const char *lang,
                                    char **tsv, size_t *len)
{
    const char *read[] = {"tesseract", "stdin", "stdout", "-l", lang, "tsv", NULL};
    const char *osd[] = {"tesseract", "stdin", "stdout", "--psm", "0", "-l",
                         "osd", NULL};
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

/* ------------------------------------------------ the language read in */

/* One scanned page being read: page N of the PDF (rendered when first
 * read, each reading kept in the cache by its language), or an image file
 * (page 0: the file itself, not cached). */
typedef struct {
    reader_t *p;
    unsigned page;
    int image;   /* the page's image, -1 until rendered */
    int ran;     /* Tesseract ran on it (else all came from the cache) */
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

/* s's page read in `lang`: from the cache, else by Tesseract (rendering
 * the page first if it is not yet). */
static fond_status_t scan_read(scan_t *s, const char *lang, char **tsv,
                               size_t *len)
{
    reader_t *p = s->p;
    char path[4096] = "";
    if (s->page && p->o->ocr_cache)
        cache_path(p, s->page, lang, path, sizeof path);
    if (*path && (*tsv = read_small_file(path, len)))
        return FOND_OK;
    fond_status_t st = s->image >= 0 ? FOND_OK : render_page(p, s->page, &s->image);
    if (st == FOND_OK)
        st = tesseract_read(p, s->image, lang, tsv, len);
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
    if (st != FOND_OK || (!*chosen && s->page && ++p->ocr_tries < OCR_CHOOSE_PAGES))
        return st; /* read in English; the next page chooses */
    snprintf(p->ocr_lang, sizeof p->ocr_lang, "%s", *chosen ? chosen : first);
    if (strcmp(p->ocr_lang, first) == 0)
        return FOND_OK;
    free(*tsv);
    *tsv = NULL;
    return scan_read(s, p->ocr_lang, tsv, len);
}

/* ------------------------------------------------ reading the pages */

fond_status_t extract_pdf_page_ocr(reader_t *p, extract_t *x, unsigned page)
{
    char *tsv = NULL;
    size_t tsv_len = 0;
    scan_t s = {p, page, -1, 0};
    fond_status_t st = scan_choose(&s, &tsv, &tsv_len);
    if (s.image >= 0)
        close(s.image);
    if (st == FOND_OK) {
        x->ocr_pages += s.ran;
        x->ocr_cached += !s.ran;
        size_t before = x->layout.n_pages;
        st = ocr_read_tsv(&x->layout, tsv, tsv_len, 0);
        while (st == FOND_OK && x->layout.n_pages > before + 1) {
            x->layout.n_pages--; /* one PDF page is one page, whatever */
            free(x->layout.pages[x->layout.n_pages].image);
        }
    }
    if (p->o->ocr_page)
        p->o->ocr_page(p->o->ctx, p->name, page, x->pages);
    free(tsv);
    return st;
}


/* ------------------------------------------------------------ images */

/* An image file read by Tesseract, each of its pages (a multi-page TIFF
 * has several) a page of words. */
fond_status_t extract_image(reader_t *p, extract_t *x)
{
    p->fd = extract_memory_file("fond-image", p->bytes, p->len);
    if (p->fd < 0)
        return extract_fail(p, "cannot hold the image for OCR: %s", strerror(errno));
    if (p->o->no_ocr)
        return extract_fail(p, "%s", "an image (a scan; OCR is off)");
    scan_t s = {p, 0, p->fd, 0};
    char *tsv = NULL;
    size_t tsv_len = 0;
    fond_status_t st = scan_choose(&s, &tsv, &tsv_len);
    if (st == FOND_OK)
        st = ocr_read_tsv(&x->layout, tsv, tsv_len, 0);
    free(tsv);
    if (st == FOND_OK)
        st = extract_layout_done(x);
    x->pages = (unsigned)x->layout.n_pages;
    x->ocr_pages = st == FOND_OK ? x->pages : 0;
    for (unsigned k = 1; st == FOND_OK && p->o->ocr_page && k <= x->pages; k++)
        p->o->ocr_page(p->o->ctx, p->name, k, x->pages);
    return st;
}

