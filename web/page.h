/*
 * page.h -- fond.cgi's HTML: the search form, the results, the start page
 * and the error page.  Plain HTML and one stylesheet; no script.  Every
 * value from the request or the collection is escaped (html.h).
 */
#ifndef FOND_WEB_PAGE_H
#define FOND_WEB_PAGE_H

#include <stdio.h>
#include "fond.h"
#include "request.h"

#define PAGE_MAX_EXAMPLES 8

/* What the page says of the site; from the configuration (cgi.c). */
typedef struct {
    const char *name;       /* the collection's name, for the header */
    const char *stylesheet; /* the stylesheet's URL, relative to the page */
    const char *examples[PAGE_MAX_EXAMPLES]; /* example searches */
    size_t n_examples;
} page_site_t;

/* The head, the header and the search form, filled in from r (NULL: an
 * empty form). */
void page_begin(FILE *out, const page_site_t *site, const request_t *r);

/* The ranked passages of a search, with its summary, suggestion, facets
 * and pager. */
void page_results(FILE *out, const request_t *r, const fond_results_t *res);

/* The start page: the collection's size, example searches, and links to
 * browse it by type and year (from `all`, a search of every passage with
 * facets). */
void page_welcome(FILE *out, const page_site_t *site, const request_t *r,
                  size_t sources, const fond_results_t *all);

/* A message in place of results: why the request could not be served. */
void page_message(FILE *out, const char *title, const char *message);

void page_end(FILE *out);

#endif
