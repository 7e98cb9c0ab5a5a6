/*
 * extract.h -- a file's format, and its bytes as text with page boundaries
 * and metadata, ready for decode.h.
 *
 * Formats, known by their signature (not only by their name):
 *   - text: the bytes as they are (a form feed in them is a page break);
 *   - PDF (`%PDF-` in the first 1024 bytes): its text layer through
 *     Poppler's pdftotext, one form feed after each page, each page's
 *     words' boxes through pdftotext -bbox-layout (pdfbox.h: the page's
 *     size and an ocr_word_at a word, in pixels at 300 dpi, in layout);
 *     its metadata (Title, Author, Subject, Keywords, CreationDate)
 *     through pdfinfo.  A
 *     page with no text layer (a scan) is rendered with pdftoppm and read
 *     with Tesseract, in the language asked for or chosen (extract_ocr.c
 *     says how); Tesseract's TSV output
 *     (words with their confidences) is kept in the OCR cache, so that an
 *     unchanged scan is never read twice.
 *   - an image (PNG, JPEG, TIFF, JPEG 2000, WebP, GIF, BMP, PNM): probed
 *     by its headers and decoded a page at a time in a child process
 *     (image.h: bombs, a TIFF of over EXTRACT_MAX_PAGES pages, damaged
 *     images refused), each page read with Tesseract through the OCR cache;
 *     every page of a multi-page TIFF is a page.
 *   - HTML (its doctype, <html> or <head> first; not hOCR): its text
 *     without markup or boilerplate, its <title> and <meta> as fields
 *     (htmldoc.h);
 *   - DOCX and ODT (a zip that says it is one): their text with headings,
 *     tables, footnotes and endnotes as a Notes section, their properties
 *     as fields (office.h), every part inflated under a bound.
 * Every helper runs as a child process under limits (child.h): a PDF that
 * crashes, hangs or floods a helper costs that file only, with a reason.
 *
 * The OCR cache: one file a page, <cache>/<key>-<lang>-p<N>.tsv, where key
 * is the FNV-1a 64 hash of the file's bytes and its size ("%016llx-%zu"),
 * lang the Tesseract language the page was read in ("fra", "deu+eng";
 * '/' as '_': "script_Cyrillic"), or "osd" for Tesseract's script detection (its output, not
 * TSV), and N the page from 1 (a PDF's page, or an image's: a TIFF's
 * pages in the order of its directories).  Written to a temporary name
 * and renamed, so a reader never sees half a page.
 *
 * Read ahead: what extract_bytes() gave (the text, metadata, counts and
 * layout, or why the file cannot be read) saved in one block by
 * extract_save() (its format is written down in extract.c), in the
 * process that read the file ahead, and taken by extract_saved() in the
 * process that indexes it, for the same bytes only, so that no helper runs
 * twice for one file and the result is the one extract_bytes() gives.
 */
#ifndef FOND_EXTRACT_H
#define FOND_EXTRACT_H

#include <stddef.h>
#include "fond.h"
#include "ocr.h"

/* Formats by signature (extract_format): text, PDF, an image (PNG, JPEG,
 * TIFF, JPEG 2000, WebP, PNM, BMP, GIF: read by Tesseract), the OCR
 * formats that carry words with boxes (hOCR, ALTO, PAGE XML), an HTML page
 * (htmldoc.h) and a Word or OpenDocument text (office.h). */
typedef enum {
    EXTRACT_TEXT, EXTRACT_PDF, EXTRACT_IMAGE, EXTRACT_HOCR, EXTRACT_ALTO,
    EXTRACT_PAGEXML, EXTRACT_HTML, EXTRACT_DOCX, EXTRACT_ODT
} extract_format_t;

/* A format whose pages OCR may read (a PDF's scanned pages, an image):
 * only for these are Tesseract's language packs asked for. */
#define EXTRACT_OCR(f) ((f) == EXTRACT_PDF || (f) == EXTRACT_IMAGE)

/* A format whose text fond writes out of its markup (HTML, DOCX, ODT):
 * the text has no header of its own (a first line "Title: x" is text),
 * its fields are what the format states (extract_t). */
#define EXTRACT_MARKUP(f) \
    ((f) == EXTRACT_HTML || (f) == EXTRACT_DOCX || (f) == EXTRACT_ODT)

/* The limits a PDF's helpers run under (the defaults of fond-index). */
#define EXTRACT_TIMEOUT_S 120           /* each helper, wall clock and CPU */
#define EXTRACT_MAX_PAGES 10000
#define EXTRACT_MAX_TEXT ((size_t)64 << 20)  /* bytes of text a PDF gives */
#define EXTRACT_BOMB_RATIO 100          /* streams that inflate to over 100
                                           times the file ... */
#define EXTRACT_BOMB_BYTES ((size_t)1 << 30) /* ... and over 1 GiB: a bomb */

typedef struct {
    extract_format_t format;
    const char *text;   /* the bytes to decode: the file's own, or
                           layout.text; valid while the input and this live */
    size_t len;
    ocr_text_t layout;   /* all but text: the text read, its pages (their
                           image sizes) and its words' boxes (ocr.h) */
    int ocr_confidence;  /* mean word confidence of what OCR read, 0-100,
                           or OCR_CONF_NONE */
    char ocr_language[128]; /* the Tesseract spec its scans were read in,
                           "" when none was chosen (no OCR; the first
                           pass could not tell) */
    unsigned pages;      /* pages (0 for text) */
    unsigned ocr_pages;  /* pages read by Tesseract now */
    unsigned ocr_cached; /* pages whose OCR text came from the cache */
    unsigned blank_pages; /* pages left with no text (no layer, no OCR) */
    /* PDF metadata, malloc'd or NULL; HTML's, DOCX's and ODT's too
       (htmldoc.h, office.h): title, author (the creator), subject */
    char *title, *author, *subject, *keywords;
    char date[9];        /* CreationDate as "YYYYMMDD", "" if none */
    /* What HTML, DOCX and ODT state of the document (never a PDF's: its
       dates are the file's): its rights, malloc'd or NULL, and its date
       or date range as source_t has them ("YYYYMMDD", "" when none) */
    char *rights;
    char doc_date[9], doc_date_end[9];
} extract_t;

/* The document's date that a format states in v (an HTML meta's content,
 * a DOCX property): "1921-07-03", "2021-03-04T10:00:00Z", a range
 * "1917/1918", or a date in words ("3 July 1921"), into x->doc_date and
 * doc_date_end; 0 when it names none (x is left as it was). */
int extract_doc_date(extract_t *x, const char *v);

/*
 * Whether a PDF's Info Title is generic, the name a program gave a
 * document nobody named, and so no title (source.h, level 3): a program's
 * window ("Microsoft Word - report.docx"), a default name ("Untitled",
 * "Untitled-1", "Document1", "Slide 1", "Title", "Sans titre", "Документ1"),
 * a file's name ("scan0001.pdf", "report.doc"), or no letter at all
 * (digits, punctuation, nothing).  extract_parse_pdfinfo() leaves such a
 * Title out.
 */
int extract_title_generic(const char *title);

/* The format of bytes[0, len), by signature. */
extract_format_t extract_format(const char *bytes, size_t len);

/*
 * Extract bytes[0, len) as `o` says (NULL: OCR on, its language chosen,
 * no cache, default limits; with o->ocr_packs NULL, choosing asks
 * Tesseract for its packs once a file); `name` is how the file is named in
 * progress reports.
 * On failure (FOND_ERR_EXTRACT, FOND_ERR_NOMEM) a one-line reason is in
 * err.  Free with extract_free() either way.
 */
fond_status_t extract_bytes(extract_t *out, const char *bytes, size_t len,
                            const char *name, const fond_extract_opts_t *o,
                            char *err, size_t errsize);
void extract_free(extract_t *x);

/*
 * What extract_bytes() returned for bytes[0, len) (st, its reason err, and
 * x), as one malloc'd block *out of *out_len bytes, named by the bytes'
 * size and hash.  Only an outcome of the bytes is kept: FOND_OK or
 * FOND_ERR_EXTRACT (else *out is NULL: the process that indexes tries
 * again).  FOND_ERR_NOMEM when there is no memory for the block.
 */
fond_status_t extract_save(const extract_t *x, fond_status_t st,
                           const char *err, const char *bytes, size_t len,
                           char **out, size_t *out_len);

/*
 * When saved[0, saved_len) (NULL: nothing) is extract_save()'s block for
 * these very bytes: *out as extract_bytes() gave it there (its text,
 * metadata, counts, format, mean confidence and whole layout: pages and
 * words with their boxes), its status in *st and its reason in err, and 1.
 * o->ocr_page is not called: the pages were reported in the process that
 * read them, as they were read.  Else 0, with *out untouched (a block for
 * other bytes, cut short, or whose counts do not fit):
 * extract_bytes() is to read them.  Out of memory is 1 with *st
 * FOND_ERR_NOMEM.
 */
int extract_saved(extract_t *out, const char *saved, size_t saved_len,
                  const char *bytes, size_t len, const char *name,
                  const fond_extract_opts_t *o, fond_status_t *st, char *err,
                  size_t errsize);

/* The parsers of what the helpers print, on their own for the tests and
 * the fuzzer (their input comes from untrusted files). */

/* pdfinfo's "Name:   value" lines into x's metadata and page count. */
fond_status_t extract_parse_pdfinfo(extract_t *x, const char *info,
                                    size_t len);
/* How many bytes the PDF's Flate streams inflate to, counting up to
 * limit (and stopping there): a decompression bomb is told by this before
 * any helper is started.  The data is inflated, never kept. */
size_t extract_flate_size(const char *bytes, size_t len, size_t limit);

#endif
