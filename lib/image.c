/*
 * image.c -- image files as sources (see image.h): the probe of an image's
 * headers, and the reader, a child process that decodes its pages with
 * Leptonica for Tesseract.
 *
 * The probe trusts nothing it reads: a TIFF's directories are walked by
 * offsets checked against the file's size, a chain that loops is told by
 * the offsets already seen, and the walk stops past max_pages; the other
 * formats' sizes come from Leptonica's header readers (but GIF's and
 * BMP's, which Leptonica reads by decoding the whole image: from their
 * headers here).
 *
 * The reader's requests and answers, on its socket (child.h's worker):
 *   "P\n"      probe: answered "P <len>\n" and "<format> <pages> <kind>\n",
 *              then "<width> <height> <dpi> <ifd>\n" for each page;
 *   "R <k>\n"  page k decoded: answered "I <len>\n" and the page as an
 *              uncompressed TIFF;
 * either answered "X <len>\n" and a one-line reason when refused.
 */
#define _GNU_SOURCE /* memfd_create(), fmemopen() */
#include "image.h"
#include "bytes.h"

#include <leptonica/allheaders.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "child.h"

/* Directory entries read for the few tags wanted (real TIFFs have tens;
 * the tags wanted, sorted first, come before these). */
#define TIFF_ENTRIES_READ 4096
/* The reader's memory, beyond the file (which it shares with its parent):
 * a page of IMAGE_MAX_PIXELS decoded, without its alpha, and as a TIFF. */
#define READER_MEMORY ((size_t)2 << 30)

void image_info_free(image_info_t *info)
{
    if (!info)
        return;
    free(info->pages);
    memset(info, 0, sizeof *info);
}

/* Add a page of w x h at dpi to info; -1 when out of memory. */
static int add_page(image_info_t *info, size_t *cap, uint64_t w, uint64_t h,
                    unsigned dpi, uint64_t ifd)
{
    if (info->n_pages == *cap) {
        size_t n = *cap ? *cap * 2 : 4;
        image_page_t *p = realloc(info->pages, n * sizeof *p);
        if (!p)
            return -1;
        info->pages = p, *cap = n;
    }
    info->pages[info->n_pages++] = (image_page_t){
        w > UINT32_MAX ? UINT32_MAX : (unsigned)w,
        h > UINT32_MAX ? UINT32_MAX : (unsigned)h, dpi, ifd};
    return 0;
}

/* A resolution in pixels a unit (unit: 2 inch, 3 cm, other: none) as dots
 * an inch, rounded; 0 when unknown or absurd. */
static unsigned dots_per_inch(double res, int unit)
{
    double dpi = unit == 3 ? res * 2.54 : unit == 2 ? res : 0;
    return dpi >= 1 && dpi < 1000000 ? (unsigned)lround(dpi) : 0;
}

/* ------------------------------------------------------------ TIFF */

typedef struct {
    const unsigned char *b;
    size_t len;
    int big_endian;
} tiff_t;

/* 2 and 4 bytes at `at` (the caller checked they are in the file). */
/* The n-byte number at `at` in the TIFF's own byte order. */
static uint32_t tiff_number(const tiff_t *t, uint64_t at, int n)
{
    return (uint32_t)(t->big_endian ? bytes_get_be(t->b + at, n)
                                    : bytes_get_le(t->b + at, n));
}

static uint32_t tiff16(const tiff_t *t, uint64_t at) { return tiff_number(t, at, 2); }

static uint32_t tiff32(const tiff_t *t, uint64_t at) { return tiff_number(t, at, 4); }

typedef struct {
    uint32_t width, height;
    uint32_t subfile;      /* NewSubfileType: 1 reduced copy, 4 a mask */
    uint32_t unit;         /* ResolutionUnit: 2 inch (the default), 3 cm */
    double xres, yres;
} tiff_dir_t;

/* An entry's value: a SHORT or LONG inline, or a RATIONAL where it
 * points (-1 for none: another type, or outside the file). */
static double tiff_value(const tiff_t *t, uint64_t entry)
{
    uint32_t type = tiff16(t, entry + 2);
    if (type == 3)
        return tiff16(t, entry + 8);
    if (type == 4)
        return tiff32(t, entry + 8);
    uint64_t at = tiff32(t, entry + 8);
    if (type != 5 || t->len < 8 || at > t->len - 8)
        return -1;
    uint32_t num = tiff32(t, at), den = tiff32(t, at + 4);
    return den ? (double)num / den : -1;
}

/* The directory at `at` (its entries checked to be in the file) read
 * into d; the offset of the next one into *next. */
static void tiff_dir(const tiff_t *t, uint64_t at, uint32_t entries,
                     tiff_dir_t *d, uint64_t *next)
{
    memset(d, 0, sizeof *d);
    d->unit = 2;
    uint32_t n = entries < TIFF_ENTRIES_READ ? entries : TIFF_ENTRIES_READ;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t e = at + 2 + 12 * (uint64_t)i;
        uint32_t tag = tiff16(t, e);
        double v = tag >= 254 && tag <= 296 ? tiff_value(t, e) : -1;
        if (v < 0)
            continue;
        uint32_t u = v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
        switch (tag) {
        case 254: d->subfile = u; break;
        case 255: d->subfile |= u == 2 ? 1 : u == 3 ? 2 : 0; break; /* old */
        case 256: d->width = u; break;
        case 257: d->height = u; break;
        case 282: d->xres = v; break;
        case 283: d->yres = v; break;
        case 296: d->unit = u; break;
        }
    }
    *next = tiff32(t, at + 2 + 12 * (uint64_t)entries);
}

/* Directory offsets seen so far, to tell a chain that loops. */
typedef struct {
    uint64_t *at;
    size_t n, cap;
    uint64_t furthest;
} tiff_seen_t;

/* Whether `at` was seen; only looked for when it is not past all of them,
 * as a chain's next directory mostly is. */
static int tiff_seen(const tiff_seen_t *s, uint64_t at)
{
    for (size_t i = 0; at <= s->furthest && i < s->n; i++)
        if (s->at[i] == at)
            return 1;
    return 0;
}

static int tiff_see(tiff_seen_t *s, uint64_t at)
{
    if (s->n == s->cap) {
        size_t n = s->cap ? s->cap * 2 : 16;
        uint64_t *p = realloc(s->at, n * sizeof *p);
        if (!p)
            return -1;
        s->at = p, s->cap = n;
    }
    s->at[s->n++] = at;
    s->furthest = at > s->furthest ? at : s->furthest;
    return 0;
}

/* A TIFF's pages: its chain of directories walked, at most max_pages
 * pages (and twice as many directories: thumbnails, masks) read. */
static fond_status_t tiff_probe(const unsigned char *b, size_t len,
                                unsigned max_pages, image_info_t *out,
                                char *err, size_t errsize)
{
    tiff_t t = {b, len, b[0] == 'M'};
    tiff_seen_t seen = {NULL, 0, 0, 0};
    size_t cap = 0;
    uint64_t at = tiff32(&t, 4); /* len >= 12: image_probe */
    const char *why = NULL;
    int more = 0, nomem = 0;
    while (at && !why && !more && !nomem) {
        uint64_t here = at;
        if (at > len || len - at < 6 || (len - at - 6) / 12 < tiff16(&t, at)) {
            why = "damaged TIFF: a page's directory lies outside the file";
        } else if (tiff_seen(&seen, at)) {
            why = "damaged TIFF: its chain of pages loops";
        } else if (seen.n > 2 * (size_t)max_pages) {
            more = 1;
        } else if (tiff_see(&seen, at) != 0) {
            nomem = 1;
        } else {
            tiff_dir_t d;
            tiff_dir(&t, here, tiff16(&t, here), &d, &at);
            if (d.subfile & 5)
                continue; /* a thumbnail or a mask of another page */
            if (out->n_pages == max_pages)
                more = 1;
            else
                nomem = add_page(out, &cap, d.width, d.height,
                                 dots_per_inch(d.yres > 0 ? d.yres : d.xres, (int)d.unit),
                                 here) != 0;
        }
    }
    free(seen.at);
    if (nomem)
        return FOND_ERR_NOMEM;
    if (more)
        snprintf(err, errsize, "TIFF of over %u pages, more than the %u fond reads",
                 max_pages, max_pages);
    else if (!why && out->n_pages == 0)
        why = "damaged TIFF: it holds no page";
    if (why)
        snprintf(err, errsize, "%s", why);
    return why || more ? FOND_ERR_EXTRACT : FOND_OK;
}

/* ------------------------------------------------------------ others */

static const struct {
    int format;
    const char *kind;
} kinds[] = {{IFF_PNG, "PNG"},       {IFF_JFIF_JPEG, "JPEG"},
             {IFF_TIFF, "TIFF"},     {IFF_JP2, "JPEG 2000"},
             {IFF_WEBP, "WebP"},     {IFF_GIF, "GIF"},
             {IFF_BMP, "BMP"},       {IFF_PNM, "PNM"}};

static uint32_t le16(const unsigned char *p) { return (uint32_t)bytes_get_le(p, 2); }

static uint32_t le32(const unsigned char *p) { return (uint32_t)bytes_get_le(p, 4); }

/* A BMP's size and resolution from its header; -1 when it has none. */
static int bmp_header(const unsigned char *b, size_t len, uint64_t *w,
                      uint64_t *h, unsigned *dpi)
{
    uint32_t info = len >= 26 ? le32(b + 14) : 0;
    if (info == 12) { /* OS/2: 16-bit sizes, no resolution */
        *w = le16(b + 18), *h = le16(b + 20);
        return 0;
    }
    if (info < 40 || len < 46)
        return -1;
    int32_t sw = (int32_t)le32(b + 18), sh = (int32_t)le32(b + 22);
    *w = sw < 0 ? -(int64_t)sw : sw; /* a negative height: top down */
    *h = sh < 0 ? -(int64_t)sh : sh;
    *dpi = dots_per_inch(le32(b + 42) / 100.0, 3); /* pixels a metre */
    return 0;
}

/* The resolution Leptonica reads from a PNG's, JPEG's or JPEG 2000's
 * header, as Tesseract would get it; 0 when none. */
static unsigned header_dpi(int format, const unsigned char *b, size_t len)
{
    FILE *f = fmemopen((void *)b, len, "rb");
    if (!f)
        return 0;
    l_int32 x = 0, y = 0;
    if (format == IFF_PNG)
        fgetPngResolution(f, &x, &y);
    else if (format == IFF_JFIF_JPEG)
        fgetJpegResolution(f, &x, &y);
    else if (format == IFF_JP2)
        fgetJp2kResolution(f, &x, &y);
    fclose(f);
    return dots_per_inch(y > 0 ? y : x, 2);
}

/* A one-page image's size from its header into out. */
static fond_status_t single_probe(const unsigned char *b, size_t len,
                                  image_info_t *out, char *err, size_t errsize)
{
    uint64_t w = 0, h = 0;
    unsigned dpi = 0;
    int bad;
    if (out->format == IFF_GIF) { /* Leptonica would decode it: the screen */
        w = le16(b + 6), h = le16(b + 8); /* len >= 12: image_probe */
        bad = 0;
    } else if (out->format == IFF_BMP)
        bad = bmp_header(b, len, &w, &h, &dpi);
    else {
        l_int32 f, lw = 0, lh = 0, bps, spp, cmap;
        bad = pixReadHeaderMem(b, len, &f, &lw, &lh, &bps, &spp, &cmap) != 0 ||
              lw <= 0 || lh <= 0;
        w = lw > 0 ? (uint64_t)lw : 0, h = lh > 0 ? (uint64_t)lh : 0;
        dpi = bad ? 0 : header_dpi(out->format, b, len);
    }
    if (bad) {
        snprintf(err, errsize, "damaged %s: its header cannot be read", out->kind);
        return FOND_ERR_EXTRACT;
    }
    size_t cap = 0;
    return add_page(out, &cap, w, h, dpi, 0) == 0 ? FOND_OK : FOND_ERR_NOMEM;
}

/* Refuse a page that would decode to more than fond reads. */
static fond_status_t check_sizes(const image_info_t *info, char *err,
                                 size_t errsize)
{
    for (unsigned k = 0; k < info->n_pages; k++) {
        unsigned long long w = info->pages[k].width, h = info->pages[k].height;
        char what[48]; /* "a PNG of", "page 3 of the TIFF is" */
        if (info->n_pages > 1)
            snprintf(what, sizeof what, "page %u of the %s is", k + 1, info->kind);
        else
            snprintf(what, sizeof what, "a %s of", info->kind);
        if (w == 0 || h == 0)
            snprintf(err, errsize, "damaged %s: %s %llu x %llu pixels", info->kind,
                     what, w, h);
        else if (w * h > IMAGE_MAX_PIXELS)
            snprintf(err, errsize, "decompression bomb: %s %llu x %llu pixels "
                     "(%llu megapixels), over the %llu megapixels fond reads",
                     what, w, h, w * h / 1000000,
                     (unsigned long long)(IMAGE_MAX_PIXELS / 1000000));
        else if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE)
            snprintf(err, errsize, "%s %llu x %llu pixels: wider or taller than "
                     "the %u pixels Tesseract reads", what, w, h, IMAGE_MAX_SIDE);
        else
            continue;
        return FOND_ERR_EXTRACT;
    }
    return FOND_OK;
}

fond_status_t image_probe(const char *bytes, size_t len, unsigned max_pages,
                          image_info_t *out, char *err, size_t errsize)
{
    const unsigned char *b = (const unsigned char *)bytes;
    memset(out, 0, sizeof *out);
    l_int32 format = IFF_UNKNOWN;
    if (len >= 12)
        findFileFormatBuffer(b, &format);
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (kinds[i].format == format)
            snprintf(out->kind, sizeof out->kind, "%s", kinds[i].kind);
    out->format = format;
    if (!out->kind[0]) {
        snprintf(err, errsize, "%s", len < 12 ? "damaged image: too short"
                                              : "an image Leptonica does not read");
        return FOND_ERR_EXTRACT;
    }
    fond_status_t st = format == IFF_TIFF ? tiff_probe(b, len, max_pages, out, err, errsize)
                                          : single_probe(b, len, out, err, errsize);
    return st == FOND_OK ? check_sizes(out, err, errsize) : st;
}

/* ------------------------------------------------------------ the reader */

struct image_reader {
    child_worker_t worker;
    child_limits_t lim; /* timeout_s: each answer's */
};

typedef struct {
    const char *bytes;
    size_t len;
    unsigned max_pages;
} job_t;

static int send_answer(char kind, const char *s, size_t n)
{
    char head[48];
    snprintf(head, sizeof head, "%c %zu\n", kind, n);
    return child_transfer(1, head, strlen(head), 1) || child_transfer(1, (char *)s, n, 1);
}

/* What the decoder said on standard error (a memory file, emptied before
 * each page): the first line of a codec library's (libjpeg's, libpng's),
 * and 1; else Leptonica's own first, without its "Error in f: ", and 0. */
static int decoder_words(char *buf, size_t size)
{
    char text[2048];
    ssize_t n = pread(2, text, sizeof text - 1, 0);
    text[n > 0 ? n : 0] = '\0';
    const char *library = NULL, *own = NULL;
    for (char *line = text; *line && !library;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        int leptonica = !strncmp(line, "Error in ", 9) || !strncmp(line, "Warning in ", 11) ||
                        !strncmp(line, "Info in ", 8);
        if (!leptonica)
            library = line;
        else if (!own)
            own = strstr(line, ": ") ? strstr(line, ": ") + 2 : line;
        line = nl ? nl + 1 : line + strlen(line);
    }
    snprintf(buf, size, "%.160s", library ? library : own ? own : "");
    return library != NULL;
}

/* A decoded page as Tesseract's thresholder takes it (binary, 8-bit grey
 * or RGB, no colormap, no alpha: Tesseract's own conversions, done here so
 * that the page is written as one of those three). */
static PIX *page_plain(PIX *pix)
{
    PIX *out;
    int d = pixGetDepth(pix);
    if (pixGetColormap(pix))
        out = pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC);
    else if (d == 32 && pixGetSpp(pix) == 4)
        out = pixRemoveAlpha(pix); /* laid on white */
    else if (d == 1 || d == 8 || d == 32)
        return pix;
    else if (d == 24)
        out = pixConvert24To32(pix);
    else
        out = pixConvertTo8(pix, 0); /* 2, 4 and 16 bits */
    pixDestroy(&pix);
    return out ? page_plain(out) : NULL;
}


/* A plain page (page_plain) as an uncompressed TIFF of one strip, with
 * its resolution when known (dpi 0: none, so that Tesseract guesses it as
 * it would from the file): what Tesseract reads fastest (Leptonica reads
 * a PNM a byte at a time, ten times slower than this).  Malloc'd into
 * *out, *n bytes; -1 when out of memory. */
static int page_tiff(PIX *pix, unsigned dpi, unsigned char **out, size_t *n)
{
    uint32_t w = (uint32_t)pixGetWidth(pix), h = (uint32_t)pixGetHeight(pix);
    int d = pixGetDepth(pix), spp = d == 32 ? 3 : 1;
    size_t row = d == 1 ? (w + 7) / 8 : (size_t)w * (size_t)spp;
    unsigned entries = dpi ? 12 : 9;
    size_t extra = 8 + 2 + 12 * entries + 4; /* then 3 shorts, 2 rationals */
    size_t data = extra + 6 + 16;
    unsigned char *b = malloc(data + row * h);
    if (!b)
        return -1;
    memcpy(b, "II*\0\x08\0\0\0", 8);
    bytes_put_le(b + 8, entries, 2);
    /* tag, type (3 SHORT, 4 LONG, 5 RATIONAL), count, value: ascending */
    const uint32_t e[12][4] = {
        {256, 4, 1, w}, {257, 4, 1, h},
        {258, 3, (uint32_t)spp, spp == 3 ? (uint32_t)extra : (uint32_t)(d == 1 ? 1 : 8)},
        {259, 3, 1, 1},                                  /* no compression */
        {262, 3, 1, d == 1 ? 0 : d == 8 ? 1 : 2},       /* 1 is black; grey; RGB */
        {273, 4, 1, (uint32_t)data}, {277, 3, 1, (uint32_t)spp}, {278, 4, 1, h},
        {279, 4, 1, (uint32_t)(row * h)},
        {282, 5, 1, (uint32_t)extra + 6}, {283, 5, 1, (uint32_t)extra + 14},
        {296, 3, 1, 2}};                                 /* inches */
    for (unsigned i = 0; i < entries; i++) {
        unsigned char *p = b + 10 + 12 * i;
        bytes_put_le(p, e[i][0], 2);
        bytes_put_le(p + 2, e[i][1], 2);
        bytes_put_le(p + 4, e[i][2], 4);
        bytes_put_le(p + 8, 0, 4); /* one SHORT fills two bytes of four */
        bytes_put_le(p + 8, e[i][3], e[i][1] == 3 && e[i][2] == 1 ? 2 : 4);
    }
    bytes_put_le(b + 10 + 12 * entries, 0, 4); /* no next page */
    for (int i = 0; i < 3; i++)
        bytes_put_le(b + extra + 2 * i, 8, 2);
    for (int i = 0; i < 2; i++)
        bytes_put_le(b + extra + 6 + 8 * i, dpi, 4),
            bytes_put_le(b + extra + 10 + 8 * i, 1, 4);
    unsigned char *at = b + data;
    int wpl = pixGetWpl(pix);
    const l_uint32 *lines = pixGetData(pix);
    for (uint32_t y = 0; y < h; y++) {
        const l_uint32 *line = lines + (size_t)y * (size_t)wpl;
        if (d == 32) {
            for (uint32_t x = 0; x < w; x++, at += 3)
                at[0] = (unsigned char)(line[x] >> L_RED_SHIFT),
                at[1] = (unsigned char)(line[x] >> L_GREEN_SHIFT),
                at[2] = (unsigned char)(line[x] >> L_BLUE_SHIFT);
        } else {
            for (size_t x = 0; x < row; x++) /* bytes, most significant first */
                *at++ = (unsigned char)GET_DATA_BYTE(line, x);
        }
    }
    *out = b;
    *n = data + row * h;
    return 0;
}

/* Page k (from 1, of the probe's pages) of the image decoded; NULL when
 * it cannot be. */
static PIX *page_read(const job_t *job, const image_info_t *info, unsigned k)
{
    const l_uint8 *b = (const l_uint8 *)job->bytes;
    size_t at = (size_t)info->pages[k - 1].ifd;
    return info->format == IFF_TIFF ? pixReadMemFromMultipageTiff(b, job->len, &at)
                                    : pixReadMem(b, job->len);
}

/* Page k of the probed image, decoded, as a TIFF answer. */
static int answer_page(const job_t *job, const image_info_t *info, unsigned k)
{
    char err[400];
    if (!info->n_pages || k == 0 || k > info->n_pages) {
        snprintf(err, sizeof err, "no page %u", k);
        return send_answer('X', err, strlen(err));
    }
    if (ftruncate(2, 0) == 0)
        lseek(2, 0, SEEK_SET);
    PIX *pix = page_read(job, info, k);
    if (!pix) {
        /* a codec that complains was given damaged data; Leptonica alone
         * refuses what it does not read (a 16-bit TIFF with alpha) */
        char why[200], page[32] = "it";
        int damaged = decoder_words(why, sizeof why);
        if (info->n_pages > 1)
            snprintf(page, sizeof page, "page %u", k);
        snprintf(err, sizeof err, "%s %s: %s cannot be decoded%s%s%s",
                 damaged ? "damaged" : "damaged or unsupported", info->kind, page,
                 *why ? " (" : "", why, *why ? ")" : "");
        return send_answer('X', err, strlen(err));
    }
    unsigned char *tiff = NULL;
    size_t n = 0;
    pix = page_plain(pix);
    if (!pix || page_tiff(pix, info->pages[k - 1].dpi, &tiff, &n) != 0) {
        pixDestroy(&pix);
        snprintf(err, sizeof err, "out of memory decoding page %u", k);
        return send_answer('X', err, strlen(err));
    }
    pixDestroy(&pix);
    int rc = send_answer('I', (const char *)tiff, n);
    free(tiff);
    return rc;
}

/* Page k of the probed image, decoded (answer_page's rules), scaled to
 * `width` pixels wide (its height in proportion) and encoded as a JPEG
 * (quality 85), as a 'J' answer: what a page image is shown as. */
static int answer_jpeg(const job_t *job, const image_info_t *info, unsigned k,
                       unsigned width)
{
    char err[400];
    if (!info->n_pages || k == 0 || k > info->n_pages || width == 0 ||
        width > IMAGE_MAX_SIDE) {
        snprintf(err, sizeof err, "no page %u at %u pixels wide", k, width);
        return send_answer('X', err, strlen(err));
    }
    PIX *pix = page_read(job, info, k);
    pix = pix ? page_plain(pix) : NULL;
    if (pix && pixGetDepth(pix) == 1) {
        PIX *grey = pixConvertTo8(pix, 0);
        pixDestroy(&pix);
        pix = grey;
    }
    PIX *scaled = pix ? pixScaleToSize(pix, (l_int32)width, 0) : NULL;
    pixDestroy(&pix);
    l_uint8 *jpeg = NULL;
    size_t n = 0;
    if (!scaled || pixWriteMemJpeg(&jpeg, &n, scaled, 85, 0) != 0) {
        pixDestroy(&scaled);
        snprintf(err, sizeof err, "page %u cannot be decoded or scaled", k);
        return send_answer('X', err, strlen(err));
    }
    pixDestroy(&scaled);
    int rc = send_answer('J', (const char *)jpeg, n);
    lept_free(jpeg);
    return rc;
}

/* The probe's answer: its lines, or the reason it refused. */
static int answer_probe(const job_t *job, image_info_t *info)
{
    char err[256] = "";
    image_info_free(info); /* a probe asked again starts afresh */
    fond_status_t st = image_probe(job->bytes, job->len, job->max_pages, info,
                                   err, sizeof err);
    if (st != FOND_OK) {
        if (st == FOND_ERR_NOMEM)
            snprintf(err, sizeof err, "out of memory reading the image's header");
        image_info_free(info);
        return send_answer('X', err, strlen(err));
    }
    size_t cap = 64 + (size_t)info->n_pages * 48;
    char *s = malloc(cap);
    if (!s)
        return -1;
    size_t n = (size_t)snprintf(s, cap, "%d %u %s\n", info->format, info->n_pages, info->kind);
    for (unsigned k = 0; k < info->n_pages; k++)
        n += (size_t)snprintf(s + n, cap - n, "%u %u %u %llu\n", info->pages[k].width,
                              info->pages[k].height, info->pages[k].dpi,
                              (unsigned long long)info->pages[k].ifd);
    int rc = send_answer('P', s, n);
    free(s);
    return rc;
}

/* The reader: requests on its standard input until it ends. */
static void serve(void *ctx)
{
    const job_t *job = ctx;
    image_info_t info = {0};
    int err_file = memfd_create("fond-image-errors", 0); /* the decoders' words */
    if (err_file >= 0 && dup2(err_file, 2) >= 0)
        close(err_file);
    for (;;) {
        char line[64];
        size_t n = 0;
        while (n + 1 < sizeof line && child_transfer(0, line + n, 1, 0) == 0 &&
               line[n] != '\n')
            n++;
        line[n] = '\0';
        unsigned k = 0, width = 0;
        int rc;
        if (strcmp(line, "P") == 0)
            rc = answer_probe(job, &info);
        else if (sscanf(line, "J %u %u", &k, &width) == 2)
            rc = answer_jpeg(job, &info, k, width);
        else if (sscanf(line, "R %u", &k) == 1)
            rc = answer_page(job, &info, k);
        else
            return; /* the end of the requests */
        if (rc != 0)
            _exit(1);
    }
}

/* An answer's head, "K <len>\n": its kind (0 when there is no such head
 * in data[0, len)), its payload's length in *n, where it starts in *at. */
static char answer_head(const char *data, size_t len, size_t *n, size_t *at)
{
    char head[48];
    const char *nl = memchr(data, '\n', len < sizeof head ? len : sizeof head);
    if (!nl)
        return 0;
    snprintf(head, sizeof head, "%.*s", (int)(nl - data), data);
    char kind = 0;
    if (sscanf(head, "%c %zu", &kind, n) != 2)
        return 0;
    *at = (size_t)(nl - data) + 1;
    return kind;
}

/* Whether an answer is whole (or nonsense, which more will not mend). */
static int answer_whole(const char *data, size_t len)
{
    size_t n = 0, at = 0;
    if (!answer_head(data, len, &n, &at))
        return len >= 48 || memchr(data, '\n', len) != NULL;
    return len - at >= n;
}

/* Ask the reader; its answer's kind, and its payload in res from
 * *payload of *n bytes; 0 (err said) when it crashed, hung or spoke
 * nonsense. */
static char ask(image_reader_t *r, const char *request, child_result_t *res,
                const char **payload, size_t *n, char *err, size_t errsize)
{
    if (child_worker_ask(&r->worker, request, strlen(request), "", 0,
                         answer_whole, r->lim.timeout_s, r->lim.output_max,
                         res) != FOND_OK) {
        snprintf(err, errsize, "out of memory reading the image");
        return 0;
    }
    if (res->end != CHILD_ANSWERED) {
        child_describe(res, "the image reader", &r->lim, err, errsize);
        return 0;
    }
    size_t at = 0;
    char kind = answer_head(res->out, res->out_len, n, &at);
    if (!kind || *n != res->out_len - at) {
        snprintf(err, errsize, "the image reader's answer is malformed");
        return 0;
    }
    *payload = res->out + at;
    if (kind == 'X')
        snprintf(err, errsize, "%.*s", (int)(*n < 300 ? *n : 300), *payload);
    return kind;
}

/* The probe's answer (answer_probe) into info; -1 when malformed. */
static int read_probe(const char *s, size_t n, unsigned max_pages,
                      image_info_t *info, char *err, size_t errsize)
{
    int format = 0, used = 0;
    unsigned pages = 0;
    char kind[16] = "";
    if (sscanf(s, "%d %u %15[^\n]%n", &format, &pages, kind, &used) != 3 ||
        pages == 0 || pages > max_pages)
        return -1;
    info->format = format;
    snprintf(info->kind, sizeof info->kind, "%s", kind);
    if (!(info->pages = calloc(pages, sizeof *info->pages))) {
        snprintf(err, errsize, "out of memory reading the image");
        return 0;
    }
    const char *at = s + used, *end = s + n;
    for (unsigned k = 0; k < pages; k++) {
        unsigned long long ifd = 0;
        image_page_t *p = &info->pages[k];
        if (at >= end || sscanf(at, " %u %u %u %llu%n", &p->width, &p->height,
                                &p->dpi, &ifd, &used) != 4)
            return -1;
        p->ifd = ifd;
        at += used;
    }
    info->n_pages = pages;
    return 0;
}

fond_status_t image_reader_open(image_reader_t **r, const char *bytes,
                                size_t len, unsigned max_pages,
                                unsigned timeout_s, image_info_t *info,
                                char *err, size_t errsize)
{
    memset(info, 0, sizeof *info);
    if (!(*r = calloc(1, sizeof **r))) {
        snprintf(err, errsize, "out of memory reading the image");
        return FOND_ERR_NOMEM;
    }
    (*r)->worker = (child_worker_t)CHILD_WORKER_INIT;
    /* no CPU limit of its own (it lives for every page): a wall clock
     * on each answer instead */
    child_limits_t lim = {0, READER_MEMORY + len, 0,
                          (size_t)IMAGE_MAX_PIXELS * 4 + ((size_t)1 << 20)};
    job_t job = {bytes, len, max_pages}; /* the child's copy of it */
    if (child_worker_start(&(*r)->worker, serve, &job, &lim) != FOND_OK) {
        snprintf(err, errsize, "cannot start the image reader: %m");
        free(*r);
        *r = NULL;
        return FOND_ERR_EXTRACT;
    }
    lim.timeout_s = timeout_s;
    (*r)->lim = lim;
    child_result_t res;
    const char *s = NULL;
    size_t n = 0;
    char kind = ask(*r, "P\n", &res, &s, &n, err, errsize);
    fond_status_t st = kind == 'P' ? FOND_OK : FOND_ERR_EXTRACT;
    if (st == FOND_OK && read_probe(s, n, max_pages, info, err, errsize) != 0) {
        snprintf(err, errsize, "the image reader's answer is malformed");
        st = FOND_ERR_EXTRACT;
    } else if (st == FOND_OK && !info->pages) {
        st = FOND_ERR_NOMEM;
    }
    if (kind == 'P' && st != FOND_OK) /* nonsense from it: not kept */
        image_info_free(info);
    child_result_free(&res);
    if (st != FOND_OK) {
        image_reader_close(*r);
        *r = NULL;
    }
    return st;
}

/* The answer to `request` of kind `want` (its payload) into *out. */
static fond_status_t ask_bytes(image_reader_t *r, const char *request,
                               char want, char **out, size_t *out_len,
                               char *err, size_t errsize)
{
    child_result_t res;
    const char *s = NULL;
    size_t n = 0;
    char kind = ask(r, request, &res, &s, &n, err, errsize);
    fond_status_t st = kind == want ? FOND_OK : FOND_ERR_EXTRACT;
    char **tiff = out;
    size_t *tiff_len = out_len;
    *tiff = NULL;
    *tiff_len = 0;
    if (st == FOND_OK) {
        memmove(res.out, s, n); /* its own block, without the head */
        *tiff = res.out, *tiff_len = n;
        res.out = NULL;
    }
    child_result_free(&res);
    return st;
}

fond_status_t image_reader_page(image_reader_t *r, unsigned page, char **tiff,
                                size_t *tiff_len, char *err, size_t errsize)
{
    char request[32];
    snprintf(request, sizeof request, "R %u\n", page);
    return ask_bytes(r, request, 'I', tiff, tiff_len, err, errsize);
}

fond_status_t image_reader_jpeg(image_reader_t *r, unsigned page,
                                unsigned width, char **jpeg, size_t *len,
                                char *err, size_t errsize)
{
    char request[48];
    snprintf(request, sizeof request, "J %u %u\n", page, width);
    return ask_bytes(r, request, 'J', jpeg, len, err, errsize);
}

void image_reader_close(image_reader_t *r)
{
    if (!r)
        return;
    child_worker_stop(&r->worker, 0); /* it exits at the end of its input */
    free(r);
}
