/*
 * page.h -- fond.cgi's HTML: the search form, the results (with the
 * matches by year), a source's page, a page of a source (its page view),
 * the start page and the error page.  Plain HTML and one stylesheet; no
 * script.  Every value from the request or the collection is escaped
 * (html.h).
 */
#ifndef FOND_WEB_PAGE_H
#define FOND_WEB_PAGE_H

#include <stdio.h>
#include "cli.h"
#include "fond.h"
#include "request.h"

#define PAGE_MAX_EXAMPLES 8
#define PAGE_PER_SOURCE 3 /* passages of one source shown before "N more" */

/* What the page says of the site; from the configuration (cgi.c). */
#define PAGE_MAX_FILE_MAPS 8

typedef struct {
    const char *name;       /* the collection's name, for the header */
    const char *stylesheet; /* the stylesheet's URL, relative to the page */
    const char *opensearch; /* the OpenSearch description's, likewise */
    const char *url;        /* the page's own absolute URL (feeds, exports,
                               OpenSearch need one), or NULL */
    const char *examples[PAGE_MAX_EXAMPLES]; /* example searches */
    size_t n_examples;
    const request_file_map_t *file_maps; /* where originals are published */
    size_t n_file_maps;
    fond_addresses_t addresses; /* how much of a mail address the public
                                  sees (fond.cgi.conf's "addresses") */
    const char *first_year, *last_year; /* the years the collection spans,
                                           for the form, or NULL */
    const char *self; /* the CGI's own name, relative to the page
                         ("fond.cgi"), that its page images and IIIF
                         manifests are under; NULL: "fond.cgi" */
} page_site_t;

/* The width, in pixels, of the page images the page view and the JSON
 * links ask for (fond.cgi/image/<source id>/<page>?w=...). */
#define PAGE_IMAGE_WIDTH 1000

/* How the site writes results for the public: sources by name, addresses
 * as site->addresses says (no show_base). */
cli_export_t page_export(const page_site_t *site);

/* The head, the header and the search form, filled in from r (NULL: an
 * empty form).  `cite` (or NULL): a passage whose citation goes into the
 * head as citation_* meta tags, for Zotero's browser connector. */
void page_begin(FILE *out, const page_site_t *site, const request_t *r);
void page_begin_cited(FILE *out, const page_site_t *site, const request_t *r,
                      const fond_hit_t *cite);

/* A source whole (fond_db_show's results), the passage r->show names
 * marked, with links to the passages before and after it, back to the
 * results, and to the original file where the site publishes it; and the
 * sources that are its digitised copies (`copies`, NULL for none: an EAD
 * component's <dao> naming a file indexed), each a link to its page. */
void page_source(FILE *out, const page_site_t *site, const request_t *r,
                 const fond_results_t *source, const fond_results_t *copies);

/* The passage of `source` that r->show names (the first if it names the
 * source). */
const fond_hit_t *page_shown_hit(const request_t *r,
                                 const fond_results_t *source);

/*
 * The page view (?show=<source id>&page=N, request.source_page): page N
 * of a paged source (a PDF, a scan, hOCR or ALTO: any whose passages have
 * pages), its image with the query's words outlined on it (from their
 * boxes), its text beside it with the words marked, links to the pages
 * before and after it and to the nearest pages holding a marked word, its
 * citation at that page, and a link to the original file at that page.
 * `source` is fond_db_show's reading of the source with the query.
 * page_view_check() first: -1, with the reason in err, when the source
 * has no pages or no page N (then a 404); page_view_hit() is the passage
 * whose fields the page's head cites.
 */
int page_view_check(const request_t *r, const fond_results_t *source,
                    char *err, size_t errsize);
const fond_hit_t *page_view_hit(const request_t *r,
                                const fond_results_t *source);
void page_view(FILE *out, const page_site_t *site, const request_t *r,
               const fond_results_t *source);

/* The page of a hit its page view opens at: that of its first marked
 * word's box, else its first page; 0 for a source without pages. */
unsigned page_of_hit(const fond_hit_t *h);

/* format=json's own fields of a hit of a paged source (cli_export_t's
 * hit_fields, ctx a page_links_t): "page_view", "page_image" and
 * "iiif_manifest", URLs relative to the page. */
typedef struct {
    const page_site_t *site;
    const request_t *r;
} page_links_t;
void page_json_links(FILE *out, const fond_hit_t *h, const void *ctx);

/* The ranked passages of a search, with its summary, suggestion, facets,
 * pager and links to its exports and feed. */
void page_results(FILE *out, const page_site_t *site, const request_t *r,
                  const fond_results_t *res);

/* The start page: the collection's size (its `passages`, and the sources
 * they come from, counted by `all`, a search of every passage with facets),
 * example searches, and links to browse it by type and year (from `all`). */
void page_welcome(FILE *out, const page_site_t *site, const request_t *r,
                  size_t passages, const fond_results_t *all);

/* A message in place of results: why the request could not be served. */
void page_message(FILE *out, const char *title, const char *message);

void page_end(FILE *out);

/* The results as an Atom feed (RFC 4287), newest first: one entry a
 * passage, linked to its source page; site->url must be set. */
void page_atom(FILE *out, const page_site_t *site, const request_t *r,
               const fond_results_t *res);

/* The OpenSearch description of the site's search (site->url set). */
void page_opensearch(FILE *out, const page_site_t *site);

#endif
