/*
 * catalogue.h -- a folder's inventory, fond-catalogue.csv: one row a file,
 * giving the fields of the source the file holds (source.h: the first in
 * its order of precedence, over the file's own header).
 *
 * The file is CSV as RFC 4180 writes it (fields quoted with '"', a quote
 * inside doubled, commas and line breaks inside quotes; CRLF, LF or a lone
 * CR ends a row), UTF-8 with or without a byte order mark.  Its first row
 * that is not blank names the columns; `file` (a path relative to the
 * catalogue's folder, '/' between folders; a folder's path names a folder
 * of page images as one item, folder.h) is the one required.  The
 * others are fond's field names, case-insensitive, '_' or '-' as a space,
 * or their Dublin Core names ("dc:" or "dcterms:"):
 *
 *   title              dc:title
 *   type               dc:type          narrative, telegram, note, ...
 *   date               dc:date          YYYY, YYYY-MM, YYYY-MM-DD, or a
 *                                       range FIRST/LAST of those
 *   from                                the sender
 *   to                                  the recipient
 *   place              dc:coverage, dcterms:spatial
 *   language           dc:language
 *   archive reference  dc:identifier    where the source is kept
 *   source             dc:source        where the text was taken from
 *   creator            dc:creator       who made it
 *   rights             dc:rights
 *
 * A value's white space (line breaks too) becomes single spaces; an empty
 * value gives nothing (the file's own header, if any, gives that field).
 *
 * Nothing in the file stops the rest from being used: each problem is
 * kept with its line (a column no one knows, on the header's line; a row
 * that is not well-formed CSV, or names no file, a path outside the
 * folder, a file described twice, one that does not exist, or a folder
 * with no page images; a malformed date or an unknown type, which leave
 * that field out of the row), and
 * the rows without one are used.  The input is bounded: the file's size,
 * its rows, columns and a field's length (below); past them the rest is
 * left out, and said.
 */
#ifndef FOND_CATALOGUE_H
#define FOND_CATALOGUE_H

#include <stddef.h>
#include "fond.h"
#include "source.h"

#define CATALOGUE_MAX_BYTES ((size_t)64 << 20) /* larger: not read */
#define CATALOGUE_MAX_ROWS 200000   /* rows after these are left out */
#define CATALOGUE_MAX_COLUMNS 64    /* a row with more: left out */
#define CATALOGUE_MAX_FIELD 16384   /* bytes; a row with a longer field:
                                       left out */
#define CATALOGUE_MAX_PROBLEMS 1000 /* kept; more are only counted */

struct fond_catalogue_row {
    unsigned line;   /* where the row starts, from 1 */
    char *file;      /* its path, relative, without "." or "//" */
    source_t fields; /* what it gives (strings malloc'd; no body, no notes) */
    char hash[17];   /* of what it gives: another hash, another record */
};
typedef struct fond_catalogue_row catalogue_row_t;

typedef struct {
    unsigned line;   /* 0: the file as a whole */
    char *message;   /* one line, malloc'd */
    size_t order;    /* the order problems were found in */
} catalogue_problem_t;

struct fond_catalogue {
    char *path;                   /* the CSV's path (as given) */
    char *dir;                    /* its folder, without a trailing '/' */
    catalogue_row_t *rows;        /* sorted by file */
    size_t n_rows;
    catalogue_problem_t *problems; /* in the order of their lines */
    size_t n_problems, cap_problems;
    size_t more_problems;         /* past CATALOGUE_MAX_PROBLEMS */
};
typedef struct fond_catalogue catalogue_t;

/*
 * Read the catalogue in bytes[0, len) into *out (its path and dir stay
 * NULL).  Every problem of the input is kept in out->problems, and the
 * rows without one in out->rows: FOND_OK for any bytes, FOND_ERR_NOMEM
 * only when memory runs out (out is then empty).  Free with
 * catalogue_free() either way.
 */
fond_status_t catalogue_parse(const char *bytes, size_t len, catalogue_t *out);

/* The row describing `file` (relative, as catalogue_t.rows name them), or
 * NULL. */
const catalogue_row_t *catalogue_row(const catalogue_t *c, const char *file);

void catalogue_free(catalogue_t *c);

#endif
