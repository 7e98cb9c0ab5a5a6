/*
 * image.h -- image files as sources: what an image is (its format, its
 * pages, each page's size and resolution) before anything decodes it, and
 * each of its pages decoded, for Tesseract (or scaled, as a JPEG to show:
 * fond.cgi's page image), in a child process.
 *
 * The probe reads headers only (Leptonica's, and fond's own walk of a
 * TIFF's chain of directories), so that what an image costs is known
 * before it is paid: an image over IMAGE_MAX_PIXELS or IMAGE_MAX_SIDE (a
 * decompression bomb: a small file that decodes to gigabytes), or a TIFF
 * of more pages than the caller reads, is refused with a one-line reason.
 *
 * The reader (image_reader_*) is a child process (child.h's worker)
 * holding the file: it probes it, then decodes the pages asked for with
 * Leptonica (what Tesseract itself reads images with) and answers each as
 * an uncompressed TIFF (binary, grey or RGB, with the page's resolution
 * when known: what Tesseract reads fastest), under limits of memory and
 * time.  A page that cannot be decoded (a truncated or damaged
 * file) is refused with the decoder's own words; a crash or a hang costs
 * that file only.
 */
#ifndef FOND_IMAGE_H
#define FOND_IMAGE_H

#include <stddef.h>
#include <stdint.h>
#include "fond.h"

/* An A3 page at 600 dpi is 70 megapixels; a page of 100 decodes to at
 * most 400 MB (32 bits a pixel), which the reader and Tesseract hold
 * within their memory limits. */
#define IMAGE_MAX_PIXELS ((uint64_t)100000000)
/* Tesseract keeps coordinates in 16 bits: it reads no wider or taller
 * image (TBOX, ICOORD). */
#define IMAGE_MAX_SIDE 32767u

typedef struct {
    unsigned width, height; /* pixels, from the header */
    unsigned dpi;           /* resolution from the header, 0: unknown */
    uint64_t ifd;           /* a TIFF page: its directory's offset */
} image_page_t;

typedef struct {
    char kind[16];          /* "PNG", "JPEG", "TIFF", "JPEG 2000", "WebP",
                               "GIF", "BMP", "PNM" */
    int format;             /* Leptonica's IFF_* */
    unsigned n_pages;
    image_page_t *pages;    /* malloc'd; pages[k] is page k + 1 */
} image_info_t;

/*
 * What bytes[0, len) is, from its headers alone, into *out: its kind and
 * each page's size and resolution.  A TIFF's pages are its directories
 * that are not reduced-resolution copies (thumbnails) or masks of another,
 * read up to max_pages + 1.  FOND_ERR_EXTRACT with a one-line reason in
 * err for an image refused (a bomb, over max_pages, a header that cannot
 * be read, a format Leptonica does not read), FOND_ERR_NOMEM.  Time and
 * memory linear in len (a TIFF: in its directories, at most max_pages + 1
 * of them ... read twice).  Free with image_info_free() either way.
 */
fond_status_t image_probe(const char *bytes, size_t len, unsigned max_pages,
                          image_info_t *out, char *err, size_t errsize);
void image_info_free(image_info_t *info);

/* A child process holding one image file (see the top). */
typedef struct image_reader image_reader_t;

/*
 * Start a reader on bytes[0, len) (which must stay unchanged while it
 * runs: the child has its own copy of the caller's memory) and probe the
 * image in it (image_probe, max_pages) into *info.  Each answer is waited
 * for timeout_s seconds at most.  FOND_ERR_EXTRACT with the reason in err
 * (the image refused, or the reader crashed, hung, or could not start),
 * FOND_ERR_NOMEM; *r is NULL then.  Free info with image_info_free()
 * either way.
 */
fond_status_t image_reader_open(image_reader_t **r, const char *bytes,
                                size_t len, unsigned max_pages,
                                unsigned timeout_s, image_info_t *info,
                                char *err, size_t errsize);

/* Page `page` (from 1) decoded, as an uncompressed TIFF of one page in
 * *tiff (malloc'd) of *tiff_len bytes: binary, 8-bit grey or RGB as
 * Tesseract converts it (colormap removed, alpha laid on white), with the
 * probe's resolution (none when 0).  FOND_ERR_EXTRACT with the reason in
 * err (the page cannot be decoded: the decoder's words), FOND_ERR_NOMEM. */
fond_status_t image_reader_page(image_reader_t *r, unsigned page, char **tiff,
                                size_t *tiff_len, char *err, size_t errsize);

/* Page `page` (from 1) decoded as image_reader_page() decodes it, scaled
 * to `width` pixels wide (1 to IMAGE_MAX_SIDE; its height in proportion),
 * as a JPEG in *jpeg (malloc'd) of *len bytes: a page image to show
 * (fond.cgi's).  FOND_ERR_EXTRACT with the reason in err, FOND_ERR_NOMEM. */
fond_status_t image_reader_jpeg(image_reader_t *r, unsigned page,
                                unsigned width, char **jpeg, size_t *len,
                                char *err, size_t errsize);

/* Stop the reader (NULL: nothing). */
void image_reader_close(image_reader_t *r);

#endif
