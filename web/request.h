/*
 * request.h -- what fond.cgi accepts from the public: the query string of a
 * GET request, decoded and checked before anything else looks at it.
 *
 * Every parameter is known, given at most once, percent-encoded correctly,
 * valid UTF-8 without control characters, and within its limits; anything
 * else is refused with a one-line reason fit to show the user (a 400 page).
 * The checked values then make the fond query (request_query()), so no
 * request can reach the database path or the query language's filters
 * except through the fields below.
 */
#ifndef FOND_WEB_REQUEST_H
#define FOND_WEB_REQUEST_H

#include <stddef.h>
#include "fond.h"

#define REQUEST_MAX_QUERY_STRING 4096 /* bytes of QUERY_STRING */
#define REQUEST_MAX_Q 500             /* bytes of the decoded query */
#define REQUEST_MAX_PAGE 100          /* of results */
#define REQUEST_MAX_SOURCE_PAGE 999999 /* of a source, in its page view */
#define REQUEST_DEFAULT_PER_PAGE 10
#define REQUEST_MAX_PER_PAGE 50
#define REQUEST_MAX_SOURCE 255

#define REQUEST_MAX_ID 40 /* a passage id: 16 hex, '-', up to 9 digits */

/* What a request asks for: the page, or the same results as JSON, CSV,
 * RIS, BibTeX, or an Atom feed (newest first). */
typedef enum {
    REQUEST_HTML, REQUEST_JSON, REQUEST_CSV, REQUEST_RIS, REQUEST_BIBTEX,
    REQUEST_ATOM
} request_format_t;

typedef struct {
    char q[REQUEST_MAX_Q + 1];     /* what the user typed ("" for none) */
    size_t page;                   /* from 1 */
    size_t per_page;               /* 1 .. REQUEST_MAX_PER_PAGE */
    fond_sort_t sort;
    char type[33];                 /* a facet: letters and '-' only */
    char year[5];                  /* a facet: four digits */
    char from[11], until[11];      /* a date range: YYYY[-MM[-DD]] */
    char source[REQUEST_MAX_SOURCE + 1]; /* one source, by its name (its
                                            path under the folder indexed) */
    char show[REQUEST_MAX_ID + 1]; /* a passage (or source) id: read its
                                      source whole; "" for a search */
    unsigned source_page;          /* the page view: show names a source
                                      (16 hex) and page= one of its pages,
                                      from 1; 0 for none (then page is
                                      the results' page) */
    request_format_t format;
    int group;                     /* group=collection: the hits under their
                                      collections, with their counts */
} request_t;

/*
 * Parse `qs` (QUERY_STRING; NULL is the empty string) into *out.
 * Returns 0, or -1 with a one-line reason in err (it may quote a parameter
 * name, so escape it before showing it).
 */
int request_parse(request_t *out, const char *qs, char *err, size_t errsize);

/* Non-zero when the request asks for a search, not the start page. */
int request_is_search(const request_t *r);

/*
 * The query fond_db_search() runs: the user's words, then the filters as
 * fields ("type:letter date:1921..1921 source:\"...\""); "*" stands for
 * the words when there are only filters.  malloc'd; NULL when out of
 * memory.
 */
char *request_query(const request_t *r);

/*
 * Write into buf (size bytes) the query string of a link to this request
 * changed by one parameter: name=value replaces its value, value NULL
 * drops it; "page" resets to 1 unless it is the one changed, or the
 * change is to "show" or "format" (the same results, read or exported).
 * Returns 0, -1 if it does not fit.
 */
int request_link(const request_t *r, const char *name, const char *value,
                 char *buf, size_t size);

/*
 * Write into buf the query string of the page view of page `page` of the
 * source `source_id` (16 hex), carrying this request's query and filters
 * (so that it marks the same words and leads back to the same results):
 * "?q=kars&show=0123456789abcdef&page=3".  Returns 0, -1 if it does not fit.
 */
int request_page_link(const request_t *r, const char *source_id,
                      unsigned page, char *buf, size_t size);

/* Percent-encode s, a query value (UTF-8 bytes; a space '+'), onto buf
 * (size bytes) at *at, moving *at on.  Returns 0, -1 if it does not fit. */
int request_encode(char *buf, size_t size, size_t *at, const char *s);

/* Where the archive publishes its files: a folder of the server and the
 * URL it is served at ("/srv/archive/" -> "https://archive.example.org/
 * files/"), from fond.cgi.conf. */
typedef struct {
    char folder[256];
    char url[256];
} request_file_map_t;

/*
 * The URL of the original of the source at `path` under the first map
 * whose folder holds it (the rest of the path percent-encoded), with
 * "#page=N" for a PDF when page > 0.  Returns 0, or -1 when no map holds
 * it (or it does not fit): then there is no link.
 */
int request_file_url(const request_file_map_t *maps, size_t n,
                     const char *path, unsigned page, char *buf, size_t size);

/* The value of parameter `name` ("w", "q") of the query string qs,
 * percent-decoded into out[0, size): 1, 0 when qs has none, -1 when it is
 * malformed (a bad escape, too long, a NUL or control character, invalid
 * UTF-8).  For the requests that are not searches (the page image,
 * IIIF's), whose parameters are few. */
int request_param(const char *qs, const char *name, char *out, size_t size);

#endif
