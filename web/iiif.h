/*
 * iiif.h -- a paged source's pages as images and as IIIF, for fond.cgi:
 * the page image (PATH_INFO /image/<source id>/<page>?w=<width>), the
 * IIIF Presentation 3 manifest (/iiif/<source id>/manifest), and IIIF
 * Content Search 1.0 inside it (/iiif/<source id>/search/1/search?q=,
 * /iiif/<source id>/search/1/autocomplete?q=).  docs/iiif.md has the
 * URLs, the choices and the limits.
 */
#ifndef FOND_WEB_IIIF_H
#define FOND_WEB_IIIF_H

#include <stdio.h>
#include "fond.h"
#include "page.h"

/* Page image widths: default, least and most (other widths: 400). */
#define IIIF_WIDTH_DEFAULT 1000
#define IIIF_WIDTH_MIN 100
#define IIIF_WIDTH_MAX 2000

typedef struct {
    const char *db;          /* the database's path */
    const char *cache;       /* the page images' cache folder, or "" */
    size_t cache_max;        /* bytes it may hold before the oldest go */
    unsigned timeout_s;      /* a page's rendering, at most */
    const char *base;        /* the program's absolute URL ("http://host/
                                fond.cgi"): what IIIF's ids begin with */
    const page_site_t *site; /* how the public sees the sources' fields */
} iiif_ctx_t;

typedef struct {
    int status;               /* 200, 304, 400, 404, 503, 500 */
    const char *content_type; /* of the body */
    char headers[512];        /* more header lines, each ending "\r\n" */
    char message[300];        /* what went wrong, to say (not 200, 304) */
} iiif_reply_t;

/* Non-zero when PATH_INFO path is one of ours (/image/..., /iiif/...). */
int iiif_handles(const char *path);

/* Answer the GET of path (PATH_INFO) with query string qs into out and
 * *reply; if_none_match is the request's If-None-Match (may be NULL). */
void iiif_answer(FILE *out, const iiif_ctx_t *ctx, const char *path,
                 const char *qs, const char *if_none_match,
                 iiif_reply_t *reply);

#endif
