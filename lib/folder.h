/*
 * folder.h -- a folder of page images as one source: a file (delo) scanned
 * page by page, `0001.tif`, `0002.tif` ..., or a folder a catalogue row
 * names as one item.  Its pages are listed here (the rule below, the one
 * definition of it: fond-index's walk and the sync both ask), its state is
 * what the sync records of it, and its pages are read one by one into one
 * text (each page image as extract.h reads an image).
 *
 * The rule.  A folder's image files are its regular files, not hidden
 * (a name starting with '.'), whose first bytes are an image's signature
 * (extract_format: EXTRACT_IMAGE), whatever their names, but for those
 * named as texts or documents (.txt, .xml, .html, .hocr, .pdf, .csv ...:
 * not looked into).  A name is a
 * page's when it is STEM NUMBER or STEM NUMBER.EXT: NUMBER the run of
 * ASCII digits (at most 18) just before the extension, EXT what follows
 * the last '.' when that is not all digits (`0001.tif`, `delo68_001.jpg`,
 * `scan.001`), STEM what comes before NUMBER (maybe nothing).  The folder
 * is one source of pages when at least two image files have page names
 * with one stem, no other stem has two, and no number comes twice in
 * that stem (`0001.tif` beside `0001.jpg`: two copies of each page, not
 * one item); its pages are those files, in the order of their numbers
 * read as integers (`p2` before `p10`, gaps allowed).  Its other files
 * (an image of another stem, a text, a PDF, hOCR or ALTO beside the
 * images) stay sources of their own.  A folder a catalogue row names
 * (`catalogued`) is one source of all its image files, in name order with
 * the numbers in names compared as numbers.
 *
 * Its state, what the sync's record keeps (sync.c): as its size, the
 * pages' bytes summed; as its mtime, a hash of each page's name, size and
 * mtime (so a page added, removed, renamed or rewritten changes it); as
 * its content hash, the hash of its manifest, one line a page ("HASH SIZE
 * NAME\n", HASH the page's bytes' FNV-1a), which is also what read-ahead
 * (extract_save) names what it read by.
 */
#ifndef FOND_FOLDER_H
#define FOND_FOLDER_H

#include <stddef.h>
#include "extract.h"
#include "fond.h"

#define FOLDER_MAX_NUMBER_DIGITS 18 /* a longer run is no page number */

typedef struct {
    char *path;                     /* the folder's path, '/', its name */
    const char *name;               /* in path */
    unsigned long long size, mtime; /* bytes; ns since 1970 */
} folder_page_t;

struct fond_folder {
    folder_page_t *pages; /* in page order */
    size_t n, cap;
    unsigned long long bytes; /* their sizes summed */
};
typedef struct fond_folder folder_t;

/*
 * The pages of the folder at dir (by the rule above; all its image files
 * when `catalogued`) into *f, in page order; f->n is 0 when it is no
 * folder of pages.  FOND_ERR_IO (why says so) when it cannot be listed,
 * FOND_ERR_NOMEM.  Free with folder_free() either way.
 */
fond_status_t folder_load(folder_t *f, const char *dir, int catalogued,
                          char *why, size_t whysize);
void folder_free(folder_t *f);

/* Whether a file's name is a page's (the rule above): its stem's length
 * and its number; 0 for a name with no number there. */
int folder_page_name(const char *name, size_t *stem_len,
                     unsigned long long *number);

/* Two names in name order, runs of digits compared as numbers ("p2"
 * before "p10"; "p02" and "p2" then by their bytes): <0, 0 (the same
 * name), >0.  A total order, for qsort. */
int folder_name_cmp(const char *a, const char *b);

/* The record's size and mtime for the pages (see above). */
void folder_stat(const folder_t *f, unsigned long long *size,
                 unsigned long long *mtime);

/* The manifest (see above), malloc'd, into *text; each page read whole
 * (file.h).  A page that cannot be read: its reason in why (with its
 * name), FOND_ERR_IO; FOND_ERR_NOMEM. */
fond_status_t folder_manifest(const folder_t *f, char **text, size_t *len,
                              char *why, size_t whysize);

/*
 * Read the pages in order into x, each as extract_bytes() reads an image
 * file (`o` as there; each page is named by its path in progress reports):
 * one text whose pages are the images' pages in order, each page keeping
 * its own size and its image's path (x->layout).  A page that cannot be
 * read (damaged, hostile, no longer an image) is a blank page, counted in
 * x->blank_pages, so that the others are kept; when none can be read, the
 * first one's reason is in err (FOND_ERR_EXTRACT).  Over EXTRACT_MAX_PAGES
 * pages is refused.  Free with extract_free() either way.
 */
fond_status_t folder_extract(extract_t *x, const folder_t *f,
                             const fond_extract_opts_t *o, char *err,
                             size_t errsize);

#endif
