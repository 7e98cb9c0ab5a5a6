/*
 * fond-cgi.c -- fond.cgi, the search page, as a CGI program (RFC 3875)
 * behind any CGI-capable web server.
 *
 * GET (and HEAD) only.  The request's query string is checked first
 * (request.c); the database comes from the server's environment (FOND_DB)
 * or from fond.cgi.conf beside the program, never from the request.  The
 * whole response is built in memory, so that its status is known before
 * anything is sent; every response carries a Content-Security-Policy that
 * forbids script, and errors say what went wrong without naming files
 * (the details go to the server's error log, on stderr).
 *
 * PATH_INFO /fond.css serves the stylesheet, built into the program so
 * that the CGI is one file to install; /opensearch.xml the OpenSearch
 * description; /image/<source id>/<page> a page's image and /iiif/<source
 * id>/... its IIIF manifest and Content Search (iiif.c).  ?show=ID is a
 * source's page, ?show=ID&page=N (ID a source's) a page of it, its page
 * view; format= gives the results as
 * JSON, CSV, RIS, BibTeX or an Atom feed.  No response names a path of the
 * server: sources go by their names under the folder indexed.
 */
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fond.h"
#include "iiif.h"
#include "page.h"
#include "request.h"

#define PROG "fond.cgi"

extern const char fond_css[]; /* web/fond.css, built in (CMake) */

/* The configuration: fond.cgi.conf beside the program, "key = value"
 * lines; FOND_DB in the environment wins over its db line. */
typedef struct {
    char db[PATH_MAX];
    char name[128];
    char examples[PAGE_MAX_EXAMPLES][128];
    size_t n_examples;
    char site_url[512]; /* "site_url = https://archive.example.org/search" */
    request_file_map_t file_maps[PAGE_MAX_FILE_MAPS]; /* "file_url = /srv/a/
                                                         => https://..." */
    size_t n_file_maps;
    fond_addresses_t addresses; /* "addresses = name" (the default), "domain"
                                  or "whole" */
    char cache[PATH_MAX];  /* "cache = DIR": page images (else FOND_CACHE,
                              $XDG_CACHE_HOME/fond, ~/.cache/fond) */
    size_t cache_kb;       /* "cache_kb = N": its bound, KiB (default
                              262144: 256 MiB) */
    unsigned render_timeout; /* "render_timeout = S": a page image's
                                rendering, at most (default 20) */
} config_t;

typedef struct {
    int status; /* 200, 400, ... */
    const char *content_type;
    const char *filename; /* offered as an attachment, or NULL */
    const char *headers;  /* more header lines ("Name: value\r\n"), or NULL */
    char *body;
    size_t len;
} response_t;

static const char *status_text(int status)
{
    switch (status) {
    case 200: return "OK";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 503: return "Service Unavailable";
    default: return "Internal Server Error";
    }
}

/* Headers every response carries: no script at all, no sniffing, no
 * referrer leaking the query to other sites, no framing. */
static void send(const response_t *rs, int head_only)
{
    printf("Status: %d %s\r\n", rs->status, status_text(rs->status));
    if (rs->status != 304) /* Not Modified: no body, so neither */
        printf("Content-Type: %s\r\nContent-Length: %zu\r\n",
               rs->content_type, rs->len);
    printf("Content-Security-Policy: default-src 'none'; style-src 'self'; "
           "img-src 'self'; form-action 'self'; base-uri 'none'; "
           "frame-ancestors 'none'\r\n"
           "X-Content-Type-Options: nosniff\r\n"
           "Referrer-Policy: no-referrer\r\n"
           "X-Frame-Options: DENY\r\n");
    if (rs->status == 405)
        fputs("Allow: GET, HEAD\r\n", stdout);
    if (rs->headers)
        fputs(rs->headers, stdout);
    if (rs->filename && rs->status == 200)
        printf("Content-Disposition: attachment; filename=\"%s\"\r\n",
               rs->filename);
    fputs("\r\n", stdout);
    if (!head_only && rs->status != 304)
        fwrite(rs->body, 1, rs->len, stdout);
    fflush(stdout);
}

/* ------------------------------------------------------------ config */

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && strchr(" \t\r\n", s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* "FOLDER => URL": where the archive publishes the files under FOLDER. */
static void config_file_map(config_t *c, char *value)
{
    char *arrow = strstr(value, "=>");
    if (!arrow || c->n_file_maps >= PAGE_MAX_FILE_MAPS) {
        fprintf(stderr, PROG ": fond.cgi.conf: file_url needs FOLDER => URL "
                        "(at most %d), ignored\n", PAGE_MAX_FILE_MAPS);
        return;
    }
    *arrow = '\0';
    request_file_map_t *m = &c->file_maps[c->n_file_maps++];
    snprintf(m->folder, sizeof m->folder, "%s", trim(value));
    snprintf(m->url, sizeof m->url, "%s", trim(arrow + 2));
}

/* How much of a mail address the page shows. */
static void config_addresses(config_t *c, const char *value)
{
    static const char *const names[] = {"whole", "name", "domain"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(value, names[i]) == 0) {
            c->addresses = (fond_addresses_t)i;
            return;
        }
    fprintf(stderr, PROG ": fond.cgi.conf: addresses takes name, domain or "
                    "whole; names only shown\n");
}

static void config_line(config_t *c, char *line)
{
    char *eq = strchr(line, '=');
    if (*trim(line) == '#' || !eq)
        return;
    *eq = '\0';
    char *key = trim(line), *value = trim(eq + 1);
    if (strcmp(key, "db") == 0)
        snprintf(c->db, sizeof c->db, "%s", value);
    else if (strcmp(key, "name") == 0)
        snprintf(c->name, sizeof c->name, "%s", value);
    else if (strcmp(key, "example") == 0 && c->n_examples < PAGE_MAX_EXAMPLES)
        snprintf(c->examples[c->n_examples++], sizeof *c->examples, "%s", value);
    else if (strcmp(key, "site_url") == 0)
        snprintf(c->site_url, sizeof c->site_url, "%s", value);
    else if (strcmp(key, "file_url") == 0)
        config_file_map(c, value);
    else if (strcmp(key, "addresses") == 0)
        config_addresses(c, value);
    else if (strcmp(key, "cache") == 0)
        snprintf(c->cache, sizeof c->cache, "%s", value);
    else if (strcmp(key, "cache_kb") == 0 && atoi(value) > 0)
        c->cache_kb = (size_t)atoi(value);
    else if (strcmp(key, "render_timeout") == 0 && atoi(value) > 0)
        c->render_timeout = (unsigned)atoi(value);
}

/* The folder of the program: SCRIPT_FILENAME (the server's), else the
 * executable's. */
static void program_dir(char *out, size_t size)
{
    char path[PATH_MAX] = "";
    const char *script = getenv("SCRIPT_FILENAME");
    if (script && *script)
        snprintf(path, sizeof path, "%s", script);
    else if (readlink("/proc/self/exe", path, sizeof path - 1) < 0)
        path[0] = '\0';
    snprintf(out, size, "%s", *path ? dirname(path) : ".");
}

static void config_load(config_t *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->name, sizeof c->name, "fond");
    c->addresses = FOND_ADDRESSES_NAME; /* the public sees no address */
    char dir[PATH_MAX], file[PATH_MAX + 32];
    program_dir(dir, sizeof dir);
    snprintf(file, sizeof file, "%s/" PROG ".conf", dir);
    FILE *f = fopen(file, "r");
    char line[1024];
    while (f && fgets(line, sizeof line, f))
        config_line(c, line);
    if (f)
        fclose(f);
    const char *env = getenv("FOND_DB");
    if (env && *env)
        snprintf(c->db, sizeof c->db, "%s", env);
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if ((env = getenv("FOND_CACHE")) && *env)
        snprintf(c->cache, sizeof c->cache, "%s", env);
    else if (*c->cache)
        ;
    else if (xdg && *xdg == '/')
        snprintf(c->cache, sizeof c->cache, "%s/fond", xdg);
    else if (home && *home == '/')
        snprintf(c->cache, sizeof c->cache, "%s/.cache/fond", home);
    if (!c->cache_kb)
        c->cache_kb = 262144;
    if (!c->render_timeout)
        c->render_timeout = 20;
}

/* ------------------------------------------------------------ answering */

/* Example searches made from the collection served, when the
 * configuration gives none: its commonest place and sender (among the
 * first SAMPLE_PASSAGES passages, the sender as the public may see it),
 * its commonest type, and the years it spans. */
#define SAMPLE_PASSAGES 100
#define EXAMPLE_BYTES 160

typedef struct {
    char text[PAGE_MAX_EXAMPLES][EXAMPLE_BYTES];
    char first_year[5], last_year[5];
} derived_t;

/* The commonest non-empty value of the place (or, with sender, the From
 * field as the public may see it) among the sample's hits, into buf; NULL
 * if none.  Values that are no name to search (an address withheld, a
 * quote, a list) do not count. */
static const char *commonest(const fond_results_t *sample, const page_site_t *site,
                             int sender, char *buf, size_t size)
{
    char values[SAMPLE_PASSAGES][EXAMPLE_BYTES / 2];
    size_t n = 0, best = 0, best_count = 0;
    cli_export_t how = page_export(site);
    for (size_t i = 0; i < fond_results_count(sample) && n < SAMPLE_PASSAGES; i++) {
        cli_hit_shown_t copy;
        const fond_hit_t *h = cli_hit_for(fond_results_hit(sample, i), &how, &copy);
        const char *v = sender ? h->from : h->place;
        if (*v && !strpbrk(v, "\"()<>@,") && !strstr(v, "\xE2\x80\xA6") &&
            strlen(v) < sizeof *values)
            memcpy(values[n++], v, strlen(v) + 1);
    }
    for (size_t i = 0; i < n; i++) {
        size_t count = 0;
        for (size_t k = 0; k < n; k++)
            count += strcmp(values[k], values[i]) == 0;
        if (count > best_count)
            best = i, best_count = count;
    }
    if (!n)
        return NULL;
    snprintf(buf, size, "%s", values[best]);
    return buf;
}

/* before, value, after as the next example, if there is a value. */
static void add_example(page_site_t *site, derived_t *d, const char *before,
                        const char *value, const char *after)
{
    if (!value || site->n_examples >= PAGE_MAX_EXAMPLES)
        return;
    char *slot = d->text[site->n_examples];
    int n = snprintf(slot, EXAMPLE_BYTES, "%s%s%s", before, value, after);
    if (n > 0 && n < EXAMPLE_BYTES)
        site->examples[site->n_examples++] = slot;
}

/* From `all`, a search of every passage with facets whose hits are the
 * sample. */
static void derive_examples(page_site_t *site, derived_t *d,
                            const fond_results_t *all)
{
    char place[EXAMPLE_BYTES / 2], sender[EXAMPLE_BYTES / 2];
    size_t n = 0;
    const fond_facet_t *years = fond_results_facet(all, FOND_FACET_YEAR, &n);
    for (size_t i = 0; i < n; i++) {
        const char *y = years[i].value;
        if (strlen(y) != 4 || strspn(y, "0123456789") != 4)
            continue; /* "(none)" */
        if (!*d->first_year || strcmp(y, d->first_year) < 0)
            memcpy(d->first_year, y, 5);
        if (!*d->last_year || strcmp(y, d->last_year) > 0)
            memcpy(d->last_year, y, 5);
    }
    site->first_year = *d->first_year ? d->first_year : NULL;
    site->last_year = *d->last_year ? d->last_year : NULL;
    if (site->n_examples) /* the configuration's */
        return;
    const char *p = commonest(all, site, 0, place, sizeof place);
    const char *quote = p && strchr(p, ' ') ? "\"" : "";
    add_example(site, d, quote, p, quote);
    add_example(site, d, "from:\"",
                commonest(all, site, 1, sender, sizeof sender), "\"");
    const fond_facet_t *types = fond_results_facet(all, FOND_FACET_TYPE, &n);
    const char *type = NULL; /* a type's name: letters and '-' only (not
                                "", the passages with no type) */
    for (size_t i = 0, best = 0; i < n; i++)
        if (types[i].count > best && *types[i].value &&
            strspn(types[i].value, "abcdefghijklmnopqrstuvwxyz-") ==
                strlen(types[i].value))
            type = types[i].value, best = types[i].count;
    add_example(site, d, "type:", type, "");
    if (site->first_year && strcmp(d->first_year, d->last_year) != 0) {
        char range[12];
        snprintf(range, sizeof range, "%s..%s", d->first_year, d->last_year);
        add_example(site, d, "date:", range, "");
    } else {
        add_example(site, d, "date:", site->first_year, "");
    }
}

/* The start page: its passages, and a search of every passage for its
 * sources (those the passages come from, counted as a search counts them;
 * not the files fond-index recorded, which a reader of a sharded database
 * sees only in the first shard's metadata) and facets; its head is written
 * here, once the examples are known. */
static int answer_welcome(FILE *out, fond_db_t *db, const page_site_t *given,
                          const request_t *r)
{
    page_site_t copy = *given, *site = &copy;
    derived_t derived;
    memset(&derived, 0, sizeof derived);
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    o.limit = SAMPLE_PASSAGES; /* the sample the examples come from */
    o.facets = 1;
    fond_results_t *all = NULL;
    size_t passages = 0;
    if (fond_db_search(db, "*", &o, &all) != FOND_OK ||
        fond_db_passage_count(db, &passages) != FOND_OK) {
        cli_printf(stderr, PROG ": %s\n", fond_db_error(db));
        fond_results_free(all);
        return 500;
    }
    derive_examples(site, &derived, all);
    page_begin(out, site, r);
    page_welcome(out, site, r, passages, all);
    fond_results_free(all);
    return 200;
}

static void search_opts(const request_t *r, const page_site_t *site,
                        fond_search_opts_t *o)
{
    fond_search_opts_t init = FOND_SEARCH_OPTS_INIT;
    *o = init;
    o->offset = (r->page - 1) * r->per_page;
    o->limit = r->per_page;
    o->per_source = *r->source ? 0 : PAGE_PER_SOURCE;
    o->sort = r->sort;
    o->facets = 1;
    o->group = r->group;
    o->names_only = 1; /* the public's source: is a name, never a path */
    o->addresses = site->addresses; /* from: and to: search what it sees */
}

/* The results in r->format. */
static void write_results(FILE *out, const page_site_t *site,
                          const request_t *r, const char *query,
                          const fond_search_opts_t *o,
                          const fond_results_t *res)
{
    cli_export_t how = page_export(site);
    page_links_t links = {site, r};
    how.show_base = site->url;
    how.hit_fields = page_json_links;
    how.hit_fields_ctx = &links;
    switch (r->format) {
    case REQUEST_JSON: cli_write_json_for(out, query, o, res, &how); break;
    case REQUEST_CSV: cli_write_csv(out, res, &how); break;
    case REQUEST_RIS: cli_write_ris(out, res, &how); break;
    case REQUEST_BIBTEX: cli_write_bibtex(out, res, &how); break;
    case REQUEST_ATOM: page_atom(out, site, r, res); break;
    case REQUEST_HTML: page_results(out, site, r, res); break;
    }
}

/* A search: its page, or its results in another format. */
static int answer_search(FILE *out, fond_db_t *db, const page_site_t *site,
                         const request_t *r, char *err, size_t errsize)
{
    fond_search_opts_t o;
    search_opts(r, site, &o);
    if (r->format == REQUEST_ATOM)
        o.sort = FOND_SORT_ADDED; /* a feed: newest first */
    char *query = request_query(r);
    fond_results_t *res = NULL;
    fond_status_t st = query ? fond_db_search(db, query, &o, &res)
                             : FOND_ERR_NOMEM;
    if (st == FOND_OK)
        write_results(out, site, r, query, &o, res);
    else if (st == FOND_ERR_QUERY)
        snprintf(err, errsize, "%s", fond_db_error(db));
    else
        cli_printf(stderr, PROG ": %s\n", fond_db_error(db));
    fond_results_free(res);
    free(query);
    return st == FOND_OK ? 200 : st == FOND_ERR_QUERY ? 400 : 500;
}

/* The sources that are the digitised copy of the shown one: the file its
 * link names (an EAD <dao>: a path of the server, searched here and never
 * shown; the page names the copy by its name), one passage each; *out
 * NULL when there are none or the search fails (the page goes without). */
static void digitised_copies(fond_db_t *db, const fond_hit_t *h,
                             fond_results_t **out)
{
    *out = NULL;
    if (!h || !*h->link || cli_link_is_url(h->link) || strchr(h->link, '"'))
        return;
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    o.per_source = 1;
    o.limit = 20;
    size_t len = strlen(h->link) + 16;
    char *q = malloc(len);
    if (q) {
        snprintf(q, len, "source:\"%s\"", h->link);
        if (fond_db_search(db, q, &o, out) != FOND_OK) {
            fond_results_free(*out);
            *out = NULL;
        }
    }
    free(q);
}

/* A source's page (its own head: the citation's meta tags), or 404 when
 * the database does not hold the passage. */
static int answer_show(FILE *out, fond_db_t *db, const page_site_t *site,
                       const request_t *r, char *err, size_t errsize)
{
    fond_results_t *src = NULL, *copies = NULL;
    fond_status_t st = fond_db_show(db, r->show, r->q, &src);
    if (st == FOND_OK) {
        digitised_copies(db, page_shown_hit(r, src), &copies);
        page_begin_cited(out, site, r, page_shown_hit(r, src));
        page_source(out, site, r, src, copies);
    } else if (st == FOND_ERR_ARG || st == FOND_ERR_QUERY) {
        snprintf(err, errsize, "%s", st == FOND_ERR_ARG
                                         ? "There is no such passage here."
                                         : fond_db_error(db));
    } else {
        cli_printf(stderr, PROG ": %s\n", fond_db_error(db));
    }
    fond_results_free(src);
    fond_results_free(copies);
    return st == FOND_OK ? 200 : st == FOND_ERR_ARG ? 404
         : st == FOND_ERR_QUERY ? 400 : 500;
}

/* A page of a source (?show=<source id>&page=N): 404 when the database
 * holds no such source, or the source no such page. */
static int answer_page_view(FILE *out, fond_db_t *db, const page_site_t *site,
                            const request_t *r, char *err, size_t errsize)
{
    fond_results_t *src = NULL;
    fond_status_t st = fond_db_show(db, r->show, r->q, &src);
    int status = st == FOND_OK ? 200 : st == FOND_ERR_ARG ? 404
               : st == FOND_ERR_QUERY ? 400 : 500;
    if (st == FOND_ERR_ARG)
        snprintf(err, errsize, "There is no such source here.");
    else if (st == FOND_ERR_QUERY)
        snprintf(err, errsize, "%s", fond_db_error(db));
    else if (st != FOND_OK)
        cli_printf(stderr, PROG ": %s\n", fond_db_error(db));
    if (st == FOND_OK && page_view_check(r, src, err, errsize) != 0)
        status = 404;
    if (status == 200) {
        page_begin_cited(out, site, r, page_view_hit(r, src));
        page_view(out, site, r, src);
    }
    fond_results_free(src);
    return status;
}

static int answer_page(FILE *out, const config_t *c, const page_site_t *site,
                       const request_t *r, char *err, size_t errsize)
{
    fond_db_t *db = NULL;
    fond_error_t why;
    if (!*c->db || fond_db_open(&db, c->db, FOND_DB_READ, &why) != FOND_OK) {
        cli_printf(stderr, PROG ": %s\n", *c->db ? why.message
                                               : "no database: set FOND_DB");
        return 503;
    }
    int status = r->source_page ? answer_page_view(out, db, site, r, err, errsize)
                 : *r->show ? answer_show(out, db, site, r, err, errsize)
                 : request_is_search(r) ? answer_search(out, db, site, r, err, errsize)
                 : answer_welcome(out, db, site, r);
    fond_db_close(db);
    return status;
}

/* What the user sees in place of results when status is not 200. */
static void write_problem(FILE *out, int status, const char *err)
{
    if (status == 400)
        page_message(out, "That search could not be read", err);
    else if (status == 404)
        page_message(out, "Not found", err);
    else if (status == 503)
        page_message(out, "Search is not available", "The collection's index "
                     "cannot be opened just now. Please try again later.");
    else
        page_message(out, "Something went wrong", "The search failed. The "
                     "archive's staff can find the reason in the server's log.");
}

/* Is s made only of the bytes in `allowed` (and not empty)? */
static int only(const char *s, const char *allowed)
{
    return s && *s && strspn(s, allowed) == strlen(s);
}

#define HOST_BYTES "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]"
#define PATH_BYTES HOST_BYTES "/_~%"

/* The page's own absolute URL, for feeds and exports: site_url from the
 * configuration, else the scheme, Host and SCRIPT_NAME of the request,
 * taken only when they are plain host and path characters (a Host header
 * is the client's to write). */
static void site_url(const config_t *c, char *url, size_t size)
{
    const char *host = getenv("HTTP_HOST"), *script = getenv("SCRIPT_NAME");
    const char *https = getenv("HTTPS");
    if (*c->site_url)
        snprintf(url, size, "%s", c->site_url);
    else if (only(host, HOST_BYTES) && (!script || !*script || only(script, PATH_BYTES)))
        snprintf(url, size, "%s://%s%s", https && !strcmp(https, "on") ? "https"
                 : "http", host, script ? script : "/");
    else
        snprintf(url, size, "http://localhost/" PROG);
}

/* The site as the page shows it: its name, examples, where originals are
 * published, and the stylesheet and OpenSearch description as links
 * relative to the page ("fond.cgi/fond.css"). */
static void site_from(page_site_t *site, const config_t *c, char *css,
                      char *opensearch, char *url, size_t size)
{
    const char *script = getenv("SCRIPT_NAME");
    const char *slash = script ? strrchr(script, '/') : NULL;
    const char *self = slash && slash[1] ? slash + 1 : PROG;
    snprintf(css, size, "%s/fond.css", self);
    snprintf(opensearch, size, "%s/opensearch.xml", self);
    site_url(c, url, size);
    memset(site, 0, sizeof *site);
    site->name = c->name;
    site->stylesheet = css;
    site->opensearch = opensearch;
    site->url = url;
    site->file_maps = c->file_maps;
    site->n_file_maps = c->n_file_maps;
    site->addresses = c->addresses;
    site->self = self;
    for (size_t i = 0; i < c->n_examples; i++)
        site->examples[site->n_examples++] = c->examples[i];
}

/* The page for a request, or its JSON; the HTTP status. */
static int respond(response_t *rs, FILE *out, const config_t *c,
                   const page_site_t *site, const char *query_string)
{
    static const struct { const char *type, *filename; } formats[] = {
        [REQUEST_HTML] = {"text/html; charset=utf-8", NULL},
        [REQUEST_JSON] = {"application/json", NULL},
        [REQUEST_CSV] = {"text/csv; charset=utf-8; header=present", "fond.csv"},
        [REQUEST_RIS] = {"application/x-research-info-systems", "fond.ris"},
        [REQUEST_BIBTEX] = {"application/x-bibtex; charset=utf-8", "fond.bib"},
        [REQUEST_ATOM] = {"application/atom+xml; charset=utf-8", NULL}};
    request_t r;
    char err[300] = "";
    int status = request_parse(&r, query_string, err, sizeof err) == 0
                     ? 0 : 400;
    /* the page's head comes first, but a source page and the start page
       (its examples come from the collection) write their own */
    int html = status != 0 || (r.format == REQUEST_HTML && !*r.show &&
                               request_is_search(&r));
    int other = status == 0 && r.format != REQUEST_HTML;
    if (other && *r.show) {
        snprintf(err, sizeof err, "a source's page is HTML only: format "
                                  "goes with a search");
        status = 400;
    }
    if (html)
        page_begin(out, site, status ? NULL : &r);
    if (status == 0)
        status = answer_page(out, c, site, &r, err, sizeof err);
    if (status != 200 && !html) /* errors as a page: the formats are for results */
        page_begin(out, site, other ? &r : NULL);
    if (status != 200)
        write_problem(out, status, err);
    if (status != 200 || r.format == REQUEST_HTML)
        page_end(out);
    int as_format = other && status == 200;
    rs->content_type = formats[as_format ? r.format : REQUEST_HTML].type;
    rs->filename = formats[as_format ? r.format : REQUEST_HTML].filename;
    return status;
}

/* A page image or IIIF's JSON (iiif.h), told in *r; its errors as a
 * page. */
static int answer_iiif(response_t *rs, FILE *out, const config_t *c,
                       const page_site_t *site, const char *path_info,
                       iiif_reply_t *r)
{
    iiif_ctx_t ctx = {c->db, c->cache, c->cache_kb << 10, c->render_timeout,
                      site->url, site};
    iiif_answer(out, &ctx, path_info, getenv("QUERY_STRING"),
                getenv("HTTP_IF_NONE_MATCH"), r);
    rs->headers = r->headers; /* r outlives the answer's sending */
    if (r->status == 200) {
        rs->content_type = r->content_type;
    } else if (r->status != 304) {
        page_begin(out, site, NULL);
        page_message(out, r->status == 503 ? "Not available just now"
                          : r->status == 400 ? "That request could not be read"
                          : r->status == 404 ? "Not found" : "Something went wrong",
                     r->message);
        page_end(out);
    }
    return r->status;
}

/* A whole page that only says why there is nothing here. */
static int refuse_page(FILE *out, const page_site_t *site, int status,
                       const char *title, const char *message)
{
    page_begin(out, site, NULL);
    page_message(out, title, message);
    page_end(out);
    return status;
}

int main(void)
{
    const char *method = getenv("REQUEST_METHOD");
    const char *path_info = getenv("PATH_INFO");
    response_t rs = {200, "text/html; charset=utf-8", NULL, NULL, NULL, 0};
    FILE *out = open_memstream(&rs.body, &rs.len);
    if (!out)
        return 1;
    config_t c;
    page_site_t site;
    iiif_reply_t iiif;
    char css[PATH_MAX], opensearch[PATH_MAX], url[PATH_MAX];
    config_load(&c);
    site_from(&site, &c, css, opensearch, url, sizeof css);
    int head = method && strcmp(method, "HEAD") == 0;
    if (!method || (!head && strcmp(method, "GET") != 0))
        rs.status = refuse_page(out, &site, 405, "Method not allowed",
                                "This page answers GET requests only.");
    else if (path_info && strcmp(path_info, "/fond.css") == 0) {
        rs.content_type = "text/css; charset=utf-8";
        fputs(fond_css, out);
    } else if (path_info && strcmp(path_info, "/opensearch.xml") == 0) {
        rs.content_type = "application/opensearchdescription+xml; charset=utf-8";
        page_opensearch(out, &site);
    } else if (iiif_handles(path_info)) {
        rs.status = answer_iiif(&rs, out, &c, &site, path_info, &iiif);
    } else if (path_info && *path_info)
        rs.status = refuse_page(out, &site, 404, "Not found",
                                "There is no such page here.");
    else
        rs.status = respond(&rs, out, &c, &site, getenv("QUERY_STRING"));
    fclose(out);
    send(&rs, head);
    free(rs.body);
    return 0;
}
