/*
 * ocrxml.c -- hOCR, ALTO and PAGE XML read into pages of words (see
 * ocrxml.h).  Each is a walk over the tree xml_parse() gives, in document
 * order, with one rule for breaks: a block or paragraph puts a blank line
 * before its first word, a line a line break, a word a space (ocr.h).
 *
 * hOCR: a page is an element of class ocr_page, its image's size its bbox,
 *   its resolution scan_res, its image the title's `image "x.png"`; a word
 *   an ocrx_word (its text the element's, its box bbox, its confidence
 *   x_wconf, 0-100); ocr_carea, ocr_par and their kin are paragraphs,
 *   ocr_line, ocrx_line, ocr_header, ocr_caption and ocr_textfloat lines.
 *   A line with no ocrx_word in it (some engines give lines alone) is one
 *   word: its text with its box.  XHTML is read as XML; a file that is not
 *   well-formed XML (HTML's unclosed <meta>, say), and declares no entity,
 *   is read again as HTML.
 * ALTO: Description/MeasurementUnit says the unit of every position
 *   (pixel; mm10, a tenth of a millimetre; inch1200, 1/1200 inch), turned
 *   into the image's pixels at its resolution.  ALTO gives none: where the
 *   page image is there, its size tells it (fit_images); else it is taken
 *   to be OCRXML_DEFAULT_DPI (300) for mm10 and inch1200, and is unknown
 *   (0) for pixel.  A page is a Page (WIDTH, HEIGHT), a paragraph a TextBlock, a
 *   line a TextLine, a word a String (CONTENT, HPOS, VPOS, WIDTH, HEIGHT,
 *   WC 0-1 as 0-100; its ALTERNATIVE children the word's alternatives).
 *   SP and HYP are not words.  A word hyphenated across lines is one word:
 *   the HypPart1 String puts its SUBS_CONTENT (the whole word) in the text
 *   with its own box; the HypPart2 String adds its box to that word
 *   (ocr_word_at), on its own page if the word runs over a page's end.
 *   Halves without SUBS_CONTENT are joined (the first half's CONTENT, less
 *   a hyphen it ends with, and the second's) when they stand on one page.
 *   The image named by sourceImageInformation/fileName is every page's.
 * PAGE XML: a page is the Page (imageWidth, imageHeight, imageFilename,
 *   imageXResolution in PPI or PPCM), a paragraph a TextRegion, a line a
 *   TextLine, a word a Word; a box the bounding box of Coords (its points
 *   attribute, or PAGE 2010's Point children); the text the TextEquiv of
 *   lowest index (its Unicode, its conf 0-1 as 0-100), the others the
 *   word's alternatives.  Where a line has no Word with text, the line's
 *   TextEquiv is one word with the line's box; where a region has no line
 *   with text, each line of the region's TextEquiv is one, with the
 *   region's box.  The Page's regions come in the order its ReadingOrder
 *   gives (an ordered group's by index; groups within groups), then those
 *   it does not name in the document's order.
 *
 * The page image: a name the file gives is looked up relative to the
 * file's folder when it is a plain relative name (no "..", not absolute);
 * any other (an absolute path, one that climbs out, a Windows path, a
 * file: URL) only by its last component, in the file's own folder: the
 * file can point at no image outside its folder.  Without a name, or when
 * the named file is not there, an image of the file's own name with an
 * image extension beside it (scan.xml, scan.tif) is every page's.  A path
 * is kept only when a regular file is there.
 */
#define _GNU_SOURCE /* memmem() */
#include "ocrxml.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <libxml/tree.h>

#include "xml.h"
#include "file.h"
#include "image.h"
#include "text.h"

#define SNIFF_WINDOW ((size_t)64 << 10) /* where hOCR's marks are looked for */
#define NAME_MAX_LEN 4096               /* an image's name, a path */
#define COORD_MAX 10000000.0            /* a position, in any unit */

typedef struct {
    ocr_text_t *t;
    const char *path;      /* the file, or NULL */
    char *err;
    size_t errsize;
    fond_status_t st;      /* FOND_OK until the walk fails */
    ocr_break_t brk;       /* the break before the next word */
    double scale;          /* ALTO: pixels a unit */
    unsigned dpi;          /* the page image's resolution, 0: unknown */
    char *doc_image;       /* a name for every page's image, or NULL */
    int dpi_assumed;       /* ALTO in mm10 or inch1200: OCRXML_DEFAULT_DPI */
    /* ALTO: the hyphenated word whose second half is to come */
    int hyp;               /* 1: its text is in (at hyp_start, hyp_len);
                              2: its first half waits in hyp_text */
    size_t hyp_start, hyp_len;
    char *hyp_text;
    ocr_box_t hyp_box;
    int hyp_conf;
    ocr_break_t hyp_brk;
} ox_t;

static fond_status_t ox_fail(ox_t *r, const char *why)
{
    if (r->st == FOND_OK) {
        snprintf(r->err, r->errsize, "%s", why);
        r->st = FOND_ERR_EXTRACT;
    }
    return r->st;
}

/* ------------------------------------------------------------ sniffing */

/* s[*i, n) past the next occurrence of `end`. */
static void skip_past(const char *s, size_t n, size_t *i, const char *end)
{
    const char *e = memmem(s + *i, n - *i, end, strlen(end));
    *i = e ? (size_t)(e - s) + strlen(end) : n;
}

/* The root element's name (its local part) in bytes[0, n), after the BOM,
 * XML declaration, comments, processing instructions and DOCTYPE; into
 * name (empty when there is none). */
static void root_name(const char *s, size_t n, char *name, size_t size)
{
    size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    name[0] = '\0';
    while (i < n) {
        while (i < n && text_is_space(s[i]))
            i++;
        if (i >= n || s[i] != '<')
            return;
        if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0)
            skip_past(s, n, &i, "-->");
        else if (n - i >= 2 && s[i + 1] == '?')
            skip_past(s, n, &i, "?>");
        else if (n - i >= 2 && s[i + 1] == '!') { /* DOCTYPE, maybe [...] */
            size_t gt = i, open = i;
            skip_past(s, n, &gt, ">");
            skip_past(s, n, &open, "[");
            if (open < gt)
                skip_past(s, n, &open, "]"), i = open, skip_past(s, n, &i, ">");
            else
                i = gt;
        } else
            break;
    }
    if (i >= n)
        return;
    size_t start = ++i, len = 0;
    while (i < n && !text_is_space(s[i]) && s[i] != '/' && s[i] != '>' && s[i]) {
        if (s[i] == ':')
            start = i + 1;
        i++;
    }
    len = i - start;
    if (len < size && i < n) {
        memcpy(name, s + start, len);
        name[len] = '\0';
    }
}

extract_format_t ocrxml_format(const char *bytes, size_t len)
{
    size_t window = len < SNIFF_WINDOW ? len : SNIFF_WINDOW;
    char root[16];
    root_name(bytes, window, root, sizeof root);
    if (strcmp(root, "alto") == 0)
        return EXTRACT_ALTO;
    if (strcmp(root, "PcGts") == 0)
        return EXTRACT_PAGEXML;
    if (strcasecmp(root, "html") && strcasecmp(root, "body") &&
        strcasecmp(root, "div"))
        return EXTRACT_TEXT;
    static const char *const marks[] = {"ocr_page", "ocrx_word", "ocr-system"};
    for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
        if (memmem(bytes, window, marks[k], strlen(marks[k])))
            return EXTRACT_HOCR;
    return EXTRACT_TEXT;
}

/* ------------------------------------------------------------ numbers */

/* s as a number, *v; 0 when it is none (or not finite). */
static int number(const char *s, double *v)
{
    char *end;
    if (!s)
        return 0;
    double d = strtod(s, &end);
    if (end == s || !isfinite(d))
        return 0;
    *v = d < -COORD_MAX ? -COORD_MAX : d > COORD_MAX ? COORD_MAX : d;
    return 1;
}

/* The attribute `name` of node as a number; 0 when it has none. */
static int attr_number(xmlNodePtr node, const char *name, double *v)
{
    char *s = xml_attr(node, name);
    int ok = number(s, v);
    xmlFree(s);
    return ok;
}

/* A confidence as fond keeps it (0-100) from a value in [0, top]. */
static int conf_of(double v, double top)
{
    double c = v / top * 100.0;
    return c < 0 ? 0 : c > 100 ? 100 : (int)lround(c);
}

static int pixel(double v)
{
    return (int)lround(v);
}

/* ------------------------------------------------------------ text */

/* s with its runs of white space made one space, trimmed, in place; its
 * length. */
static size_t squeeze(char *s)
{
    size_t n = 0;
    int space = 0;
    for (const char *p = s; *p; p++) {
        if (strchr(" \t\r\n\f\v", *p)) {
            space = n > 0;
            continue;
        }
        if (space)
            s[n++] = ' ';
        space = 0;
        s[n++] = *p;
    }
    s[n] = '\0';
    return n;
}

/* Check the bounds after a word or a page; FOND_OK or the reason. */
static fond_status_t bounded(ox_t *r)
{
    if (r->t->failed) {
        snprintf(r->err, r->errsize, "out of memory");
        return r->st = FOND_ERR_NOMEM;
    }
    char why[128] = "";
    if (r->t->n_words > OCRXML_MAX_WORDS)
        snprintf(why, sizeof why, "over %zu words, more than fond reads in one "
                 "file", OCRXML_MAX_WORDS);
    else if (r->t->n_pages > EXTRACT_MAX_PAGES)
        snprintf(why, sizeof why, "over %u pages, more than fond reads in one "
                 "file", EXTRACT_MAX_PAGES);
    else if (r->t->len > EXTRACT_MAX_TEXT)
        snprintf(why, sizeof why, "over %zu MB of text, more than fond reads "
                 "in one file", EXTRACT_MAX_TEXT >> 20);
    return *why ? ox_fail(r, why) : FOND_OK;
}

static void page_begin(ox_t *r, double w, double h, const char *image);

/* Add the word s[0, n) after the break due; FOND_OK or why not. */
static fond_status_t word_add(ox_t *r, const char *s, size_t n,
                              const ocr_box_t *box, int conf)
{
    if (!n)
        return r->st;
    if (!r->t->open) /* a word before any page (hOCR without ocr_page) */
        page_begin(r, 0, 0, NULL);
    ocr_word(r->t, r->brk, s, n, box, conf);
    r->brk = OCR_SPACE;
    return bounded(r);
}

/* An alternative reading of the word just added, within the caps. */
static void alt_add(ox_t *r, char *s, size_t *count)
{
    size_t n = s ? squeeze(s) : 0;
    if (n && n <= OCRXML_MAX_ALT && *count < OCRXML_MAX_ALTS) {
        ocr_word_alt(r->t, s, n);
        ++*count;
    }
}

/* The break before the next word is at least brk. */
static void break_at_least(ox_t *r, ocr_break_t brk)
{
    if (brk > r->brk)
        r->brk = brk;
}

/* ------------------------------------------------------------ images */

/* dir[0, dirlen) + "/" + name, when a regular file is there; malloc'd. */
static char *existing(const char *dir, size_t dirlen, const char *name,
                      size_t len)
{
    if (!len || dirlen + len + 2 > NAME_MAX_LEN)
        return NULL;
    char *p = malloc(dirlen + len + 2);
    if (!p)
        return NULL;
    snprintf(p, dirlen + len + 2, "%.*s%s%.*s", (int)dirlen, dir,
             dirlen ? "/" : "", (int)len, name);
    struct stat sb;
    if (stat(p, &sb) == 0 && S_ISREG(sb.st_mode))
        return p;
    free(p);
    return NULL;
}

/* Whether name is a plain relative path: not absolute, no "..", no
 * backslash or colon (a Windows path, a URL). */
static int plain_relative(const char *name)
{
    if (name[0] == '/' || strpbrk(name, "\\:"))
        return 0;
    for (const char *p = name; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return 0;
        p += n + (p[n] == '/');
    }
    return 1;
}

/* The length of the folder of r->path ("" for a name alone). */
static size_t dir_len(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? (size_t)(slash - path) + (slash == path) : 0;
}

/* The image named `name` in the file, found as the head comment says;
 * malloc'd, or NULL. */
static char *image_named(const ox_t *r, const char *name)
{
    if (!r->path || !name || !*name || strlen(name) >= NAME_MAX_LEN)
        return NULL;
    size_t dl = dir_len(r->path);
    char *p = NULL;
    if (plain_relative(name))
        p = existing(r->path, dl, name, strlen(name));
    if (!p) { /* only its last part, in the file's own folder */
        const char *base = name + strlen(name);
        while (base > name && base[-1] != '/' && base[-1] != '\\' &&
               base[-1] != ':')
            base--;
        if (strcmp(base, "..") != 0 && strcmp(base, ".") != 0)
            p = existing(r->path, dl, base, strlen(base));
    }
    return p;
}

/* An image of the file's own name beside it (scan.xml: scan.tif). */
static char *image_beside(const ox_t *r)
{
    static const char *const ext[] = {
        "tif", "tiff", "png", "jpg", "jpeg", "jp2", "webp", "pnm", "pgm",
        "ppm", "pbm", "bmp", "gif", "TIF", "TIFF", "PNG", "JPG", "JPEG", "JP2"};
    if (!r->path)
        return NULL;
    size_t dl = dir_len(r->path);
    const char *base = r->path + dl + (r->path[dl] == '/');
    const char *dot = strrchr(base, '.');
    size_t stem = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    char name[NAME_MAX_LEN];
    for (size_t k = 0; k < sizeof ext / sizeof *ext; k++) {
        int n = snprintf(name, sizeof name, "%.*s.%s", (int)stem, base, ext[k]);
        char *p = n > 0 && (size_t)n < sizeof name
                      ? existing(r->path, dl, name, (size_t)n) : NULL;
        if (p)
            return p;
    }
    return NULL;
}

/* Begin a page of w x h pixels; its image, when the file names one that
 * is there (NULL: the document's). */
static void page_begin(ox_t *r, double w, double h, const char *image)
{
    ocr_page_begin(r->t, w > 0 ? (unsigned)lround(w) : 0,
                   h > 0 ? (unsigned)lround(h) : 0, r->dpi, 1);
    r->brk = OCR_SPACE;
    if (r->t->n_pages && !r->t->failed)
        r->t->pages[r->t->n_pages - 1].image = image_named(r, image);
    bounded(r);
}

/* Every page without an image of its own gets the document's: the one
 * named for it, else the one of the file's own name. */
static void images_done(ox_t *r)
{
    char *doc = image_named(r, r->doc_image);
    if (!doc)
        doc = image_beside(r);
    for (size_t k = 0; doc && k < r->t->n_pages; k++)
        if (!r->t->pages[k].image && !(r->t->pages[k].image = strdup(doc)))
            r->t->failed = 1;
    free(doc);
}

/* The pixel size of the image at path (its first page) from its headers,
 * read as every image is (image.h): by the probe in a child process, so
 * that a damaged or hostile page image costs nothing but its answer; 0
 * when it cannot tell. */
static int image_size(const char *path, double *w, double *h)
{
    char *bytes = NULL, why[256];
    size_t len = 0;
    image_reader_t *reader = NULL;
    image_info_t info = {0};
    int ok = file_read(path, &bytes, &len, why, sizeof why) == FOND_OK &&
             image_reader_open(&reader, bytes, len, EXTRACT_MAX_PAGES,
                               EXTRACT_TIMEOUT_S, &info, why,
                               sizeof why) == FOND_OK &&
             info.n_pages > 0;
    *w = ok ? info.pages[0].width : 0;
    *h = ok ? info.pages[0].height : 0;
    image_reader_close(reader);
    image_info_free(&info);
    free(bytes);
    return ok && *w > 0 && *h > 0;
}

/* ALTO in mm10 or inch1200 was turned into pixels at an assumed 300 dpi:
 * where a page's image is there, its size tells the scan's resolution, so
 * the page and its words' boxes are scaled to the image's pixels (when
 * its width and height agree on the scale within 3%, and it is within
 * 20 to 4000 dpi: else the image is not the whole page, and is left). */
static void fit_images(ox_t *r)
{
    ocr_text_t *t = r->t;
    double *factor = r->dpi_assumed ? calloc(t->n_pages, sizeof *factor) : NULL;
    int any = 0;
    for (size_t k = 0; factor && k < t->n_pages; k++) {
        ocr_page_t *p = &t->pages[k];
        double w, h, fx, fy;
        if (!p->image || !p->width || !p->height || !image_size(p->image, &w, &h))
            continue;
        fx = w / p->width, fy = h / p->height;
        double dpi = p->dpi * fx;
        if (fabs(fx / fy - 1) > 0.03 || dpi < 20 || dpi > 4000)
            continue;
        factor[k] = fx;
        p->width = (unsigned)w, p->height = (unsigned)h;
        p->dpi = (unsigned)lround(dpi);
        any = 1;
    }
    for (size_t i = 0; any && i < t->n_words; i++) {
        ocr_box_t *b = &t->words[i].box;
        double f = factor[t->words[i].page - 1];
        if (f > 0) {
            int x = pixel(b->x * f), y = pixel(b->y * f);
            *b = (ocr_box_t){x, y, pixel((b->x + b->w) * f) - x,
                             pixel((b->y + b->h) * f) - y};
        }
    }
    free(factor);
}

/* ------------------------------------------------------------ hOCR */

/* The value of property `key` in an hOCR title ("bbox 1 2 3 4; x_wconf
 * 95; image \"a;b.png\""): where it starts in *v, its length returned;
 * 0 when absent. */
static size_t title_prop(const char *title, const char *key, const char **v)
{
    size_t kl = strlen(key);
    for (const char *p = title; p && *p;) {
        while (*p == ' ' || *p == '\t' || *p == ';')
            p++;
        const char *start = p;
        int quoted = 0;
        while (*p && (quoted || *p != ';')) /* a ';' in quotes is a name's */
            quoted ^= *p++ == '"';
        if ((size_t)(p - start) > kl && strncmp(start, key, kl) == 0 &&
            (start[kl] == ' ' || start[kl] == '\t')) {
            *v = start + kl + 1;
            return (size_t)(p - *v);
        }
    }
    return 0;
}

/* Up to `max` numbers of property key into v; how many. */
static int title_numbers(const char *title, const char *key, double *v, int max)
{
    const char *s = "";
    size_t n = title_prop(title, key, &s);
    char buf[128];
    snprintf(buf, sizeof buf, "%.*s", (int)(n < 127 ? n : 127), s);
    int k = 0;
    for (char *p = buf, *end; k < max; p = end) {
        double d = strtod(p, &end);
        if (end == p || !isfinite(d))
            break;
        v[k++] = d < -COORD_MAX ? -COORD_MAX : d > COORD_MAX ? COORD_MAX : d;
    }
    return n ? k : 0;
}

/* An hOCR bbox (x0 y0 x1 y1) as a box; 0 when there is none. */
static int title_box(const char *title, ocr_box_t *box)
{
    double v[4];
    if (title_numbers(title, "bbox", v, 4) != 4)
        return 0;
    *box = (ocr_box_t){pixel(v[0]), pixel(v[1]), pixel(v[2] - v[0]),
                       pixel(v[3] - v[1])};
    return 1;
}

/* Whether an element's class attribute holds one of names (a NULL-ended
 * list). */
static int has_class(const char *cls, const char *const *names)
{
    for (const char *p = cls; p && *p;) {
        p += strspn(p, " \t\r\n");
        size_t n = strcspn(p, " \t\r\n");
        for (size_t k = 0; n && names[k]; k++)
            if (strlen(names[k]) == n && strncmp(p, names[k], n) == 0)
                return 1;
        p += n;
    }
    return 0;
}

/* The element's text as a word with the box and confidence of its title. */
static void hocr_word(ox_t *r, xmlNodePtr node, const char *title)
{
    char *text = (char *)xmlNodeGetContent(node);
    if (!text) {
        r->t->failed = 1;
        bounded(r);
        return;
    }
    ocr_box_t box = {0, 0, 0, 0};
    title_box(title, &box);
    double c;
    int conf = title_numbers(title, "x_wconf", &c, 1) == 1 ? conf_of(c, 100)
                                                           : OCR_CONF_NONE;
    word_add(r, text, squeeze(text), &box, conf);
    xmlFree(text);
}

static void hocr_walk(ox_t *r, xmlNodePtr node)
{
    static const char *const page[] = {"ocr_page", NULL};
    static const char *const para[] = {"ocr_carea", "ocr_par", "ocr_table",
                                       "ocr_float", "ocr_separator", "ocr_image",
                                       "ocr_photo", NULL};
    static const char *const line[] = {"ocr_line", "ocrx_line", "ocr_header",
                                       "ocr_caption", "ocr_textfloat", NULL};
    static const char *const word[] = {"ocrx_word", NULL};
    for (; node && r->st == FOND_OK; node = node->next) {
        if (node->type != XML_ELEMENT_NODE)
            continue;
        char *cls = xml_attr(node, "class");
        char *title = cls ? xml_attr(node, "title") : NULL;
        if (has_class(cls, word)) {
            hocr_word(r, node, title);
        } else if (has_class(cls, page)) {
            double size[4] = {0, 0, 0, 0}, res;
            title_numbers(title, "bbox", size, 4);
            r->dpi = title_numbers(title, "scan_res", &res, 1) == 1 && res > 0 &&
                             res < 100000 ? (unsigned)lround(res) : 0;
            const char *img = "";
            size_t n = title ? title_prop(title, "image", &img) : 0;
            char name[NAME_MAX_LEN] = "";
            if (n && n < sizeof name) { /* "x.png" or x.png */
                int q = img[0] == '"' && n >= 2 && img[n - 1] == '"';
                snprintf(name, sizeof name, "%.*s", (int)(n - 2 * q), img + q);
            }
            page_begin(r, size[2], size[3], name);
            hocr_walk(r, node->children);
        } else if (has_class(cls, line)) {
            size_t before = r->t->n_words;
            break_at_least(r, OCR_LINE);
            hocr_walk(r, node->children);
            if (r->t->n_words == before) /* a line of text with no words */
                hocr_word(r, node, title);
            break_at_least(r, OCR_LINE);
        } else {
            int block = has_class(cls, para);
            if (block)
                break_at_least(r, OCR_PARAGRAPH);
            hocr_walk(r, node->children);
            if (block)
                break_at_least(r, OCR_PARAGRAPH);
        }
        xmlFree(cls);
        xmlFree(title);
    }
}

/* ------------------------------------------------------------ ALTO */

/* The text of the first element child of node named `name`, malloc'd. */
static char *child_text(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next)
        if (xml_is(c, name))
            return (char *)xmlNodeGetContent(c);
    return NULL;
}

static xmlNodePtr child_named(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next)
        if (xml_is(c, name))
            return c;
    return NULL;
}

/* Description: the unit of positions, the image's name. */
static void alto_description(ox_t *r, xmlNodePtr node)
{
    char *unit = child_text(node, "MeasurementUnit");
    size_t n = unit ? squeeze(unit) : 0;
    double per_inch = n && strcmp(unit, "mm10") == 0       ? 254.0
                      : n && strcmp(unit, "inch1200") == 0 ? 1200.0 : 0;
    if (per_inch) { /* till the page image says otherwise (fit_images) */
        r->dpi = OCRXML_DEFAULT_DPI;
        r->scale = r->dpi / per_inch;
        r->dpi_assumed = 1;
    }
    xmlFree(unit);
    char *file = child_text(child_named(node, "sourceImageInformation"),
                            "fileName");
    if (file && squeeze(file)) {
        free(r->doc_image);
        r->doc_image = strdup(file);
    }
    xmlFree(file);
}

/* A positioned element's box (HPOS VPOS WIDTH HEIGHT) in pixels. */
static ocr_box_t alto_box(const ox_t *r, xmlNodePtr node)
{
    double x = 0, y = 0, w = 0, h = 0;
    attr_number(node, "HPOS", &x);
    attr_number(node, "VPOS", &y);
    attr_number(node, "WIDTH", &w);
    attr_number(node, "HEIGHT", &h);
    int px = pixel(x * r->scale), py = pixel(y * r->scale);
    return (ocr_box_t){px, py, pixel((x + w) * r->scale) - px,
                       pixel((y + h) * r->scale) - py};
}

/* The first half of a hyphenated word waiting for its second goes in as
 * it is (its second half is not coming, or not on this page). */
static void hyp_flush(ox_t *r)
{
    if (r->hyp == 2) {
        ocr_break_t brk = r->brk;
        r->brk = r->hyp_brk;
        word_add(r, r->hyp_text, strlen(r->hyp_text), &r->hyp_box, r->hyp_conf);
        r->brk = brk;
    }
    free(r->hyp_text);
    r->hyp_text = NULL;
    r->hyp = 0;
}

/* The length of s[0, n) without the hyphen it may end with (a first
 * half's CONTENT "exa-": "-", U+2010, a soft hyphen, Fraktur's "¬"). */
static size_t hyphen_less(const char *s, size_t n)
{
    static const char *const hyphens[] = {"-", "\u2010", "\u00ad", "\u00ac"};
    for (size_t k = 0; k < sizeof hyphens / sizeof *hyphens; k++) {
        size_t h = strlen(hyphens[k]);
        if (n > h && memcmp(s + n - h, hyphens[k], h) == 0)
            return n - h;
    }
    return n;
}

static void alto_string(ox_t *r, xmlNodePtr node)
{
    char *content = xml_attr(node, "CONTENT");
    char *type = xml_attr(node, "SUBS_TYPE");
    char *subs = type ? xml_attr(node, "SUBS_CONTENT") : NULL;
    size_t n = content ? squeeze(content) : 0;
    size_t sn = subs ? squeeze(subs) : 0;
    ocr_box_t box = alto_box(r, node);
    double wc;
    int conf = attr_number(node, "WC", &wc) ? conf_of(wc, 1) : OCR_CONF_NONE;
    int part1 = type && strcmp(type, "HypPart1") == 0;
    int part2 = type && strcmp(type, "HypPart2") == 0;
    if (part2 && r->hyp == 1) { /* the whole word is in: its second box */
        ocr_word_at(r->t, r->hyp_start, r->hyp_len, (unsigned)r->t->n_pages,
                    &box, conf); /* the line's break stays for its next word */
        r->hyp = 0;
        bounded(r);
    } else if (part2 && r->hyp == 2) { /* the halves joined */
        size_t m = hyphen_less(r->hyp_text, strlen(r->hyp_text));
        char *whole = malloc(m + n + 1);
        if (whole) {
            memcpy(whole, r->hyp_text, m);
            memcpy(whole + m, content ? content : "", n + 1);
            ocr_break_t line = r->brk; /* for the word after the second half */
            r->brk = r->hyp_brk;
            word_add(r, whole, m + n, &r->hyp_box, r->hyp_conf);
            r->brk = line;
            size_t at = r->t->len - (m + n);
            ocr_word_at(r->t, at, m + n, (unsigned)r->t->n_pages, &box, conf);
        } else
            r->t->failed = 1;
        free(whole);
        free(r->hyp_text);
        r->hyp_text = NULL;
        r->hyp = 0;
        bounded(r);
    } else {
        hyp_flush(r);
        if (part1 && sn) {
            word_add(r, subs, sn, &box, conf);
            r->hyp = 1;
            r->hyp_start = r->t->len - sn;
            r->hyp_len = sn;
        } else if (part1 && n) {
            r->hyp = 2;
            r->hyp_text = strdup(content);
            r->hyp_box = box;
            r->hyp_conf = conf;
            r->hyp_brk = r->brk;
            r->brk = OCR_SPACE;
            if (!r->hyp_text) {
                r->t->failed = 1;
                r->hyp = 0;
            }
        } else if (word_add(r, content, n, &box, conf) == FOND_OK && n) {
            size_t alts = 0; /* a hyphenated word's are its halves': not kept */
            for (xmlNodePtr c = node->children; c; c = c->next) {
                if (!xml_is(c, "ALTERNATIVE"))
                    continue;
                char *alt = (char *)xmlNodeGetContent(c);
                alt_add(r, alt, &alts);
                xmlFree(alt);
            }
        }
    }
    bounded(r);
    xmlFree(content);
    xmlFree(type);
    xmlFree(subs);
}

static void alto_walk(ox_t *r, xmlNodePtr node)
{
    for (; node && r->st == FOND_OK; node = node->next) {
        if (node->type != XML_ELEMENT_NODE)
            continue;
        if (xml_is(node, "Description")) {
            alto_description(r, node);
        } else if (xml_is(node, "Page")) {
            double w = 0, h = 0;
            attr_number(node, "WIDTH", &w);
            attr_number(node, "HEIGHT", &h);
            if (r->hyp == 2)
                hyp_flush(r);
            page_begin(r, w * r->scale, h * r->scale, NULL);
            alto_walk(r, node->children);
        } else if (xml_is(node, "String")) {
            alto_string(r, node);
        } else if (xml_is(node, "TextBlock")) {
            break_at_least(r, OCR_PARAGRAPH);
            alto_walk(r, node->children);
            break_at_least(r, OCR_PARAGRAPH);
        } else if (xml_is(node, "TextLine")) {
            break_at_least(r, OCR_LINE);
            alto_walk(r, node->children);
            break_at_least(r, OCR_LINE);
        } else if (!xml_is(node, "SP") && !xml_is(node, "HYP")) {
            alto_walk(r, node->children);
        }
    }
}

/* ------------------------------------------------------------ PAGE XML */

/* The bounding box of an element's Coords (points="x,y x,y ..." or Point
 * children); 0 when it has none. */
static int page_box(xmlNodePtr node, ocr_box_t *box)
{
    xmlNodePtr coords = child_named(node, "Coords");
    if (!coords)
        return 0;
    double x0 = COORD_MAX, y0 = COORD_MAX, x1 = -COORD_MAX, y1 = -COORD_MAX;
    int n = 0;
    char *points = xml_attr(coords, "points");
    for (char *p = points, *end; p && *p; p = end) {
        double x, y;
        x = strtod(p, &end);
        if (end == p || *end != ',')
            break;
        p = end + 1;
        y = strtod(p, &end);
        if (end == p || !isfinite(x) || !isfinite(y))
            break;
        x0 = fmin(x0, x), y0 = fmin(y0, y), x1 = fmax(x1, x), y1 = fmax(y1, y);
        n++;
    }
    xmlFree(points);
    for (xmlNodePtr c = coords->children; !n && c; c = c->next) {
        double x, y;
        if (xml_is(c, "Point") && attr_number(c, "x", &x) &&
            attr_number(c, "y", &y))
            x0 = fmin(x0, x), y0 = fmin(y0, y), x1 = fmax(x1, x), y1 = fmax(y1, y);
    }
    if (x0 > x1)
        return 0;
    x0 = fmax(x0, -COORD_MAX), y0 = fmax(y0, -COORD_MAX);
    x1 = fmin(x1, COORD_MAX), y1 = fmin(y1, COORD_MAX);
    *box = (ocr_box_t){pixel(x0), pixel(y0), pixel(x1 - x0), pixel(y1 - y0)};
    return 1;
}

/* The TextEquiv children of node (at most max), the first one of lowest
 * index first; how many. */
static size_t text_equivs(xmlNodePtr node, xmlNodePtr *out, size_t max)
{
    size_t n = 0, best = 0;
    double best_index = INFINITY;
    for (xmlNodePtr c = node->children; c && n < max; c = c->next) {
        if (!xml_is(c, "TextEquiv"))
            continue;
        double index;
        if (!attr_number(c, "index", &index))
            index = n ? INFINITY : -INFINITY; /* none: the first is it */
        if (index < best_index)
            best_index = index, best = n;
        out[n++] = c;
    }
    if (best) {
        xmlNodePtr first = out[best];
        out[best] = out[0];
        out[0] = first;
    }
    return n;
}

/* The Unicode text of a TextEquiv, malloc'd; NULL when none. */
static char *equiv_text(xmlNodePtr equiv)
{
    return child_text(equiv, "Unicode");
}

/* node's text (its chosen TextEquiv) as one word with its box; its other
 * TextEquivs its alternatives.  Whether it had text. */
static int page_word(ox_t *r, xmlNodePtr node, ocr_box_t *box)
{
    xmlNodePtr eq[OCRXML_MAX_ALTS + 1];
    size_t n = text_equivs(node, eq, OCRXML_MAX_ALTS + 1);
    char *text = n ? equiv_text(eq[0]) : NULL;
    size_t len = text ? squeeze(text) : 0;
    if (len) {
        double c;
        int conf = attr_number(eq[0], "conf", &c) ? conf_of(c, 1) : OCR_CONF_NONE;
        if (word_add(r, text, len, box, conf) == FOND_OK) {
            size_t alts = 0;
            for (size_t k = 1; k < n; k++) {
                char *alt = equiv_text(eq[k]);
                alt_add(r, alt, &alts);
                xmlFree(alt);
            }
        }
    }
    xmlFree(text);
    return len > 0;
}

/* A region's text alone (no line of it has any): each of its lines a word
 * with the region's box. */
static void page_region_text(ox_t *r, xmlNodePtr node, const ocr_box_t *box)
{
    xmlNodePtr eq[1];
    char *text = text_equivs(node, eq, 1) ? equiv_text(eq[0]) : NULL;
    double c;
    int conf = text && attr_number(eq[0], "conf", &c) ? conf_of(c, 1)
                                                     : OCR_CONF_NONE;
    for (char *p = text; p && *p && r->st == FOND_OK;) {
        size_t n = strcspn(p, "\n");
        char keep = p[n];
        p[n] = '\0';
        break_at_least(r, OCR_LINE);
        word_add(r, p, squeeze(p), box, conf);
        p += n + (keep != '\0');
    }
    xmlFree(text);
}

static void page_node(ox_t *r, xmlNodePtr node);

static void page_walk(ox_t *r, xmlNodePtr node)
{
    for (; node && r->st == FOND_OK; node = node->next)
        page_node(r, node);
}

/* A Page's child known by its id, for its ReadingOrder. */
typedef struct {
    char *id;
    xmlNodePtr node;
    int done;
} ided_t;

static int ided_cmp(const void *a, const void *b)
{
    return strcmp(((const ided_t *)a)->id, ((const ided_t *)b)->id);
}

/* A member of a ReadingOrder group: its index, else its position. */
typedef struct {
    xmlNodePtr node;
    double index;
    size_t pos;
} member_t;

static int member_cmp(const void *a, const void *b)
{
    const member_t *x = a, *y = b;
    return x->index < y->index ? -1 : x->index > y->index ? 1
           : x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* The Page's child of id `id` (NULL: none), found in ids[0, n). */
static ided_t *ided_find(ided_t *ids, size_t n, const char *id)
{
    ided_t key = {(char *)id, NULL, 0};
    return id && n ? bsearch(&key, ids, n, sizeof *ids, ided_cmp) : NULL;
}

/* Walk the regions a ReadingOrder group names, in its order (an ordered
 * group's by index), each once. */
static void order_group(ox_t *r, xmlNodePtr group, ided_t *ids, size_t n)
{
    size_t count = 0;
    for (xmlNodePtr c = group->children; c; c = c->next)
        count += c->type == XML_ELEMENT_NODE;
    member_t *m = count ? malloc(count * sizeof *m) : NULL;
    if (count && !m) {
        r->t->failed = 1;
        return;
    }
    size_t k = 0;
    for (xmlNodePtr c = group->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) {
            m[k] = (member_t){c, (double)k, k};
            attr_number(c, "index", &m[k].index);
            k++;
        }
    const char *name = (const char *)group->name;
    if (count && strncmp(name, "Ordered", 7) == 0)
        qsort(m, count, sizeof *m, member_cmp);
    for (k = 0; k < count && r->st == FOND_OK; k++) {
        char *ref = xml_attr(m[k].node, "regionRef");
        ided_t *hit = ided_find(ids, n, ref);
        xmlFree(ref);
        if (hit && !hit->done) {
            hit->done = 1;
            page_node(r, hit->node);
        }
        if (strstr((const char *)m[k].node->name, "Group"))
            order_group(r, m[k].node, ids, n);
    }
    free(m);
}

/* A Page's regions: those its ReadingOrder names in that order, then the
 * others in the document's. */
static void page_regions(ox_t *r, xmlNodePtr page)
{
    xmlNodePtr order = child_named(page, "ReadingOrder");
    size_t count = 0, n = 0;
    for (xmlNodePtr c = page->children; order && c; c = c->next)
        count += c->type == XML_ELEMENT_NODE;
    ided_t *ids = count ? calloc(count, sizeof *ids) : NULL;
    if (count && !ids)
        r->t->failed = 1;
    for (xmlNodePtr c = page->children; ids && c; c = c->next) {
        char *id = c->type == XML_ELEMENT_NODE ? xml_attr(c, "id") : NULL;
        if (id)
            ids[n++] = (ided_t){id, c, 0};
    }
    if (n)
        qsort(ids, n, sizeof *ids, ided_cmp);
    if (ids)
        order_group(r, order, ids, n);
    for (xmlNodePtr c = page->children; c && r->st == FOND_OK; c = c->next) {
        char *id = ids && c->type == XML_ELEMENT_NODE ? xml_attr(c, "id") : NULL;
        ided_t *hit = ided_find(ids, n, id);
        xmlFree(id);
        if (!hit || hit->node != c || !hit->done)
            page_node(r, c);
    }
    for (size_t k = 0; k < n; k++)
        xmlFree(ids[k].id);
    free(ids);
}

static void page_node(ox_t *r, xmlNodePtr node)
{
    if (node->type != XML_ELEMENT_NODE || xml_is(node, "TextEquiv") ||
        xml_is(node, "Coords") || xml_is(node, "Glyph"))
        return;
    ocr_box_t box = {0, 0, 0, 0};
    if (xml_is(node, "Page")) {
        double w = 0, h = 0, res = 0;
        attr_number(node, "imageWidth", &w);
        attr_number(node, "imageHeight", &h);
        char *unit = xml_attr(node, "imageResolutionUnit");
        if (attr_number(node, "imageXResolution", &res) && unit &&
            strcasecmp(unit, "PPCM") == 0)
            res *= 2.54;
        xmlFree(unit);
        r->dpi = res > 0 && res < 100000 ? (unsigned)lround(res) : 0;
        char *image = xml_attr(node, "imageFilename");
        page_begin(r, w, h, image);
        xmlFree(image);
        page_regions(r, node);
    } else if (xml_is(node, "Word")) {
        page_box(node, &box);
        page_word(r, node, &box);
    } else if (xml_is(node, "TextLine") || xml_is(node, "TextRegion")) {
        int region = xml_is(node, "TextRegion");
        ocr_break_t brk = region ? OCR_PARAGRAPH : OCR_LINE;
        size_t before = r->t->n_words;
        break_at_least(r, brk);
        page_walk(r, node->children);
        if (r->t->n_words == before) { /* no word in it: its own text */
            page_box(node, &box);
            if (region)
                page_region_text(r, node, &box);
            else
                page_word(r, node, &box);
        }
        break_at_least(r, brk);
    } else {
        page_walk(r, node->children);
    }
}

/* ------------------------------------------------------------ reading */

/* Parse the bytes: XML, or (hOCR only) HTML when they are not XML and
 * declare no entity. */
static fond_status_t parse(extract_format_t format, const char *bytes,
                           size_t len, xmlDocPtr *doc, char *err, size_t errsize)
{
    fond_status_t st = xml_parse(bytes, len, XML_AS_XML, doc, err, errsize);
    if (st != FOND_ERR_EXTRACT || format != EXTRACT_HOCR ||
        len > XML_MAX_BYTES || memmem(bytes, len, "<!ENTITY", 8))
        return st;
    char html_err[256];
    fond_status_t html = xml_parse(bytes, len, XML_AS_HTML, doc, html_err,
                                   sizeof html_err);
    return html == FOND_ERR_EXTRACT ? st : html; /* XML's reason is clearer */
}

static const char *format_name(extract_format_t format)
{
    return format == EXTRACT_HOCR ? "hOCR" : format == EXTRACT_ALTO ? "ALTO"
                                                                   : "PAGE XML";
}

fond_status_t ocrxml_read(ocr_text_t *t, extract_format_t format,
                          const char *bytes, size_t len, const char *path,
                          char *err, size_t errsize)
{
    xmlDocPtr doc = NULL;
    char why[256] = "";
    fond_status_t st = parse(format, bytes, len, &doc, why, sizeof why);
    if (st != FOND_OK) {
        snprintf(err, errsize, "%s not read: %s", format_name(format), why);
        return st;
    }
    ox_t r = {.t = t, .path = path, .err = why, .errsize = sizeof why,
              .st = FOND_OK, .brk = OCR_SPACE, .scale = 1.0};
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (format == EXTRACT_HOCR)
        hocr_walk(&r, root);
    else if (format == EXTRACT_ALTO)
        alto_walk(&r, root);
    else
        page_walk(&r, root);
    hyp_flush(&r);
    if (r.st == FOND_OK) {
        ocr_page_end(t);
        images_done(&r);
        fit_images(&r);
        bounded(&r);
    }
    free(r.doc_image);
    xmlFreeDoc(doc);
    if (r.st != FOND_OK)
        snprintf(err, errsize, "%s not read: %s", format_name(format), why);
    return r.st;
}
