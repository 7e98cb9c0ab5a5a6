/*
 * ocrxml.h -- the OCR formats that carry words with their boxes, read as a
 * source's pages of words (ocr.h): hOCR (Tesseract's and others', XHTML or
 * HTML), ALTO XML (v2, v3, v4 or no namespace; MeasurementUnit pixel, mm10
 * or inch1200) and PAGE XML (PcGts).
 *
 * Known by their content, not their name: ALTO by its root element `alto`,
 * PAGE XML by its root `PcGts`, hOCR by a root `html` (or `body`, `div`)
 * and one of hOCR's marks (class ocr_page or ocrx_word, meta ocr-system)
 * in its first 64 KB.
 *
 * Each is parsed with xml.h alone (no network, no DTD, no entity), words
 * in the document's order, and bounded: at most OCRXML_MAX_WORDS words,
 * EXTRACT_MAX_PAGES pages and EXTRACT_MAX_TEXT bytes of text, else the
 * file is refused with a reason.  What each format gives is said in
 * ocrxml.c's head comment.
 */
#ifndef FOND_OCRXML_H
#define FOND_OCRXML_H

#include <stddef.h>
#include "extract.h"
#include "ocr.h"

#define OCRXML_MAX_WORDS ((size_t)8 << 20) /* words in one file */
#define OCRXML_MAX_ALTS 16                 /* alternatives of one word */
#define OCRXML_MAX_ALT 256                 /* bytes of one alternative */
#define OCRXML_DEFAULT_DPI 300             /* an ALTO in mm10 or inch1200
                                              whose page image is not there
                                              to tell its resolution */

/* EXTRACT_HOCR, EXTRACT_ALTO or EXTRACT_PAGEXML when bytes[0, len) is one,
 * else EXTRACT_TEXT. */
extract_format_t ocrxml_format(const char *bytes, size_t len);

/*
 * Read bytes[0, len) as `format` (hOCR, ALTO or PAGE XML) into t: its
 * pages (by_ocr), words, boxes in the page image's pixels, confidences,
 * alternatives.  `path` is the file's (NULL: not a file): a page image
 * it names, or one of the same name beside it, that exists is the page's
 * image (ocr_page_t.image).  FOND_ERR_EXTRACT with a one-line reason in
 * err (hostile or broken XML, too many words or pages), FOND_ERR_NOMEM, or
 * FOND_OK.
 */
fond_status_t ocrxml_read(ocr_text_t *t, extract_format_t format,
                          const char *bytes, size_t len, const char *path,
                          char *err, size_t errsize);

#endif
