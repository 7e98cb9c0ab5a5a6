/*
 * extract_internal.h -- what extract.c (formats, PDFs, read ahead) and
 * extract_ocr.c (Tesseract: scanned pages and images) share: the file
 * being read and the helpers that run a child on it.  Not installed.
 */
#ifndef FOND_EXTRACT_INTERNAL_H
#define FOND_EXTRACT_INTERNAL_H

#include "child.h"
#include "extract.h"

/* How a PDF's page is rendered for OCR (extract_ocr.c). */
typedef struct {
    double width, height; /* the page, points (0: unknown) */
    double scan_ppi;      /* the resolution of the scan it holds (0: none) */
    double dpi_area;      /* that scan's area, points */
    unsigned dpi;         /* to render it at (0: unknown) */
} ocr_render_t;

/* One file being read. */
typedef struct {
    const char *name;        /* the file's path: for progress reports, and
                                the page images beside an hOCR or ALTO */
    const char *bytes;
    size_t len;
    int fd;                  /* a memory file with the bytes, or -1 */
    const fond_extract_opts_t *o;
    child_limits_t poppler, tesseract;
    char *err;
    size_t errsize;
    const char *info;        /* a PDF's pdfinfo -f -l output (each page's
                                size and /Rotate), while it is read */
    size_t info_len;
    ocr_render_t *render;    /* pages render_from ... of a PDF, probed a
                                window at a time before their OCR; freed
                                with extract_reader_free() */
    unsigned render_from, render_n;
    char ocr_lang[128];      /* the language its scans are read in (a
                                Tesseract spec), "" until chosen */
    unsigned ocr_tries;      /* first passes that could not choose */
} reader_t;

/* Free what reading the file left in p (not p itself). */
void extract_reader_free(reader_t *p);

/* Say why the file cannot be read (into p->err); FOND_ERR_EXTRACT. */
fond_status_t extract_fail(reader_t *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Run a helper reading stdin_fd (extract_run: the file's memory file);
 * FOND_OK when it exited with 0, else the reason in p->err. */
fond_status_t extract_run_on(reader_t *p, const char *const *argv,
                             int stdin_fd, const child_limits_t *lim,
                             const char *env, child_result_t *r);
fond_status_t extract_run(reader_t *p, const char *const *argv,
                          const child_limits_t *lim, const char *env,
                          child_result_t *r);

/* Write all of data to fd; 0, or -1 with errno set. */
int extract_write_all(int fd, const char *data, size_t len);

/* A memory file holding bytes[0, len), for a helper's standard input;
 * -1, errno set, on failure. */
int extract_memory_file(const char *name, const char *bytes, size_t len);

/* Point x's text at its layout's, and take its mean confidence;
 * FOND_ERR_NOMEM when the layout failed to grow. */
fond_status_t extract_layout_done(extract_t *x);

/* Read page `page` of the PDF by OCR (cache first) into x's layout. */
fond_status_t extract_pdf_page_ocr(reader_t *p, extract_t *x, unsigned page);

/* Read an image file by OCR into x, each of its pages a page (image.h
 * refuses bombs and damaged images first). */
fond_status_t extract_image(reader_t *p, extract_t *x);

#endif
