/*
 * page.c -- fond.cgi's HTML.  See page.h.
 *
 * The markup is plain and semantic (a form with labels, an ordered list of
 * results, nav for facets and paging) so that it reads well without the
 * stylesheet, on a phone, and to a screen reader.  Links are relative
 * ("?q=..."), so the page works wherever the server mounts the CGI.
 */
#include "page.h"

#include <string.h>

#include "cli.h"
#include "html.h"

#define LINK_BYTES (REQUEST_MAX_QUERY_STRING + 64)

/* ------------------------------------------------------------ small parts */

/* An <a> to this request changed by one parameter (see request_link()). */
static void link_open(FILE *out, const request_t *r, const char *name,
                      const char *value)
{
    char href[LINK_BYTES];
    if (request_link(r, name, value, href, sizeof href) != 0)
        strcpy(href, "?");
    html_printf(out, "<a href=\"%s\">", href);
}

/* The ISO code of a Snowball stemmer's language, for lang attributes;
 * NULL when we do not know it. */
static const char *language_code(const char *stemmer)
{
    static const char *const codes[][2] = {
        {"english", "en"}, {"russian", "ru"},  {"turkish", "tr"},
        {"german", "de"},  {"french", "fr"},   {"italian", "it"},
        {"spanish", "es"}, {"armenian", "hy"}, {"arabic", "ar"},
    };
    for (size_t i = 0; stemmer && i < sizeof codes / sizeof *codes; i++)
        if (strcmp(codes[i][0], stemmer) == 0)
            return codes[i][1];
    return NULL;
}

/* "1921-07-03" as "3 July 1921" ("July 1921", "1921"), in a <time>. */
static void write_date(FILE *out, const char *iso)
{
    static const char *const months[] = {
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    size_t n = strlen(iso);
    int month = n >= 7 ? (iso[5] - '0') * 10 + (iso[6] - '0') : 0;
    int day = n >= 10 ? (iso[8] - '0') * 10 + (iso[9] - '0') : 0;
    html_printf(out, "<time datetime=\"%s\">", iso);
    if (day > 0)
        fprintf(out, "%d ", day);
    if (month >= 1 && month <= 12)
        fprintf(out, "%s ", months[month - 1]);
    html_text_n(out, iso, n < 4 ? n : 4);
    fputs("</time>", out);
}

/* The snippet, the matched words in <mark>. */
static void write_snippet(FILE *out, const fond_hit_t *h)
{
    const char *lang = language_code(h->language);
    size_t at = 0;
    if (lang)
        html_printf(out, "<p class=\"snippet\" lang=\"%s\">", lang);
    else
        fputs("<p class=\"snippet\">", out);
    for (size_t i = 0; i < h->n_highlights; i++) {
        const fond_span_t *sp = &h->highlights[i];
        html_text_n(out, h->snippet + at, sp->start - at);
        fputs("<mark>", out);
        html_text_n(out, h->snippet + sp->start, sp->length);
        fputs("</mark>", out);
        at = sp->start + sp->length;
    }
    html_text(out, h->snippet + at);
    fputs("</p>\n", out);
}

/* "telegram · 21 July 1921 · Ankara · from M. D. Huseynov to Yusif Kamal" */
static void write_meta(FILE *out, const fond_hit_t *h)
{
    int any = 0;
    if (!*h->type && !*h->date && !*h->place && !*h->from && !*h->to)
        return;
    fputs("<p class=\"meta\">", out);
    if (*h->type)
        html_printf(out, "<span class=\"type\">%s</span>", h->type), any = 1;
    if (*h->date) {
        fputs(any++ ? " · " : "", out);
        write_date(out, h->date);
    }
    if (*h->place)
        html_printf(out, "%s%s", any++ ? " · " : "", h->place);
    if (*h->from)
        html_printf(out, "%sfrom %s", any++ ? " · " : "", h->from);
    if (*h->to)
        html_printf(out, "%sto %s", *h->from ? " " : any ? " · " : "", h->to);
    fputs("</p>\n", out);
}

/* The archival parts of a footnote: "SA AR · fond 28 · opis 1 · ...". */
static void write_archival(FILE *out, const fond_note_t *n)
{
    const char *labels[] = {"", "fond ", "opis ", "delo ", "sheets "};
    const char *parts[] = {n->archive, n->fond, n->opis, n->delo, n->sheets};
    int any = 0;
    for (size_t i = 0; i < 5; i++)
        if (*parts[i]) {
            fputs(any++ ? " · " : " <span class=\"archival\">", out);
            html_printf(out, "%s%s", labels[i], parts[i]);
        }
    if (any)
        fputs("</span>", out);
}

static void write_notes(FILE *out, const fond_hit_t *h)
{
    if (!h->n_notes)
        return;
    fputs("<ol class=\"notes\" aria-label=\"Footnotes\">\n", out);
    for (size_t i = 0; i < h->n_notes; i++) {
        const fond_note_t *n = &h->notes[i];
        html_printf(out, "<li value=\"%u\"><cite>%s</cite>", n->number, n->text);
        write_archival(out, n);
        fputs("</li>\n", out);
    }
    fputs("</ol>\n", out);
}

/* The source's file name: the page shows no folders of the server. */
static const char *file_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void write_hit(FILE *out, const request_t *r, const fond_hit_t *h)
{
    char page[64];
    cli_page_text(h, page, sizeof page);
    html_printf(out, "<li class=\"hit\">\n<h2>%s <span class=\"ordinal\">"
                     "passage %u</span>", h->title, h->ordinal);
    if (*page)
        html_printf(out, " <span class=\"page\">%s</span>", page);
    fputs("</h2>\n", out);
    write_meta(out, h);
    write_snippet(out, h);
    for (size_t i = 0; i < h->n_variants; i++) {
        fputs(i ? ", " : "<p class=\"variants\">Matched as: ", out);
        html_text(out, h->variants[i]);
    }
    fputs(h->n_variants ? "</p>\n" : "", out);
    if (h->archive_ref) {
        html_printf(out, "<p class=\"archive-ref\">Kept at: <cite>%s</cite>",
                    h->archive_ref->text);
        write_archival(out, h->archive_ref);
        fputs("</p>\n", out);
    }
    write_notes(out, h);
    html_printf(out, "<p class=\"source\">%s", file_name(h->path));
    if (h->more_in_source) {
        fputs(" · ", out);
        link_open(out, r, "source", h->path);
        html_printf(out, "%zu more in this source</a>", h->more_in_source);
    }
    fputs("</p>\n</li>\n", out);
}

/* ------------------------------------------------------------ the form */

static void write_hidden(FILE *out, const char *name, const char *value)
{
    if (*value)
        html_printf(out, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n",
                    name, value);
}

static void write_form(FILE *out, const request_t *r)
{
    static const request_t empty = {.page = 1};
    r = r ? r : &empty;
    html_printf(out,
        "<form class=\"search\" method=\"get\" role=\"search\">\n"
        "<p class=\"words\"><label for=\"q\">Search for</label>\n"
        "<input id=\"q\" name=\"q\" type=\"search\" value=\"%s\" maxlength=\"%d\""
        " placeholder=\"Nakhchivan autonomy\">\n"
        "<button type=\"submit\">Search</button></p>\n"
        "<p class=\"options\"><label for=\"from\">Dated from</label>\n"
        "<input id=\"from\" name=\"from\" value=\"%s\" size=\"10\" maxlength=\"10\""
        " placeholder=\"1921-09\" pattern=\"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\">\n"
        "<label for=\"until\">until</label>\n"
        "<input id=\"until\" name=\"until\" value=\"%s\" size=\"10\" maxlength=\"10\""
        " placeholder=\"1921-10-13\" pattern=\"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\">\n"
        "<label for=\"sort\">Order</label>\n<select id=\"sort\" name=\"sort\">",
        r->q, REQUEST_MAX_Q, r->from, r->until);
    html_printf(out, "<option value=\"relevance\"%s>best first</option>"
                     "<option value=\"date\"%s>oldest first</option></select></p>\n",
                r->sort == FOND_SORT_DATE ? "" : " selected",
                r->sort == FOND_SORT_DATE ? " selected" : "");
    write_hidden(out, "type", r->type);
    write_hidden(out, "year", r->year);
    write_hidden(out, "source", r->source);
    fputs("</form>\n", out);
}

void page_begin(FILE *out, const page_site_t *site, const request_t *r)
{
    int searched = r && request_is_search(r);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
          out);
    if (searched)
        html_printf(out, "<title>%s%s%s</title>\n", r->q, *r->q ? " – " : "",
                    site->name);
    else
        html_printf(out, "<title>%s</title>\n", site->name);
    html_printf(out, "<link rel=\"stylesheet\" href=\"%s\">\n</head>\n<body>\n"
                     "<header><p class=\"site\"><a href=\"?\">%s</a></p>\n",
                site->stylesheet, site->name);
    write_form(out, r);
    fputs("</header>\n<main>\n", out);
}

void page_end(FILE *out)
{
    fputs("</main>\n<footer><p>Searched with fond. Words match in any form and"
          " spelling: <q>Tbilisi</q> finds <q>Tiflis</q>. Also: \"a phrase\","
          " OR, NOT, -word, treat*, type:telegram, from:, to:, date:1921-09."
          "</p></footer>\n</body>\n</html>\n", out);
}

void page_message(FILE *out, const char *title, const char *message)
{
    html_printf(out, "<section class=\"message\" role=\"alert\">\n<h1>%s</h1>\n"
                     "<p>%s</p>\n<p><a href=\"?\">Start again</a></p>\n"
                     "</section>\n", title, message);
}

/* ------------------------------------------------------------ results */

/* "About 12 passages match “kars” (type telegram, dated 1921-09 to ...)." */
static void write_summary(FILE *out, const request_t *r,
                          const fond_results_t *res)
{
    size_t n = fond_results_count(res), first = (r->page - 1) * r->per_page;
    size_t est = fond_results_estimate(res);
    html_printf(out, "<h1 class=\"summary\">%zu passage%s match", est,
                est == 1 ? "" : "s");
    if (*r->q)
        html_printf(out, " <q>%s</q>", r->q);
    if (*r->type)
        html_printf(out, ", type <em>%s</em>", r->type);
    if (*r->year)
        html_printf(out, ", in <em>%s</em>", r->year);
    if (*r->from || *r->until)
        html_printf(out, ", dated %s %s", *r->from ? "from" : "until",
                    *r->from ? r->from : r->until);
    if (*r->from && *r->until)
        html_printf(out, " until %s", r->until);
    if (*r->source)
        html_printf(out, ", in %s", file_name(r->source));
    fputs("</h1>\n", out);
    if (n)
        html_printf(out, "<p class=\"showing\">Showing %zu–%zu.</p>\n",
                    first + 1, first + n);
}

static void write_suggestion(FILE *out, const request_t *r,
                             const fond_results_t *res)
{
    const char *s = fond_results_suggestion(res);
    if (s) {
        fputs("<p class=\"suggestion\">Did you mean ", out);
        link_open(out, r, "q", s);
        html_printf(out, "%s</a>?</p>\n", s);
    }
    if (fond_results_loosened(res))
        fputs("<p class=\"loosened\">No passage holds every word; these hold "
              "some of them.</p>\n", out);
}

/* One facet as links that filter, the active value with a link to drop
 * it. */
static void write_facet(FILE *out, const request_t *r, const fond_results_t *res,
                        fond_facet_kind_t kind, const char *param,
                        const char *title, const char *active)
{
    size_t n = 0;
    const fond_facet_t *f = fond_results_facet(res, kind, &n);
    if (!n && !*active)
        return;
    html_printf(out, "<h2>%s</h2>\n<ul>\n", title);
    if (*active) {
        html_printf(out, "<li class=\"active\">%s ", active);
        link_open(out, r, param, NULL);
        fputs("(any)</a></li>\n", out);
    }
    for (size_t i = 0; i < n && !*active; i++) {
        fputs("<li>", out);
        link_open(out, r, param, f[i].value);
        html_printf(out, "%s</a> <span class=\"count\">%zu</span></li>\n",
                    f[i].value, f[i].count);
    }
    fputs("</ul>\n", out);
}

static void write_facets(FILE *out, const request_t *r, const fond_results_t *res)
{
    fputs("<nav class=\"facets\" aria-label=\"Refine\">\n", out);
    write_facet(out, r, res, FOND_FACET_TYPE, "type", "Type", r->type);
    write_facet(out, r, res, FOND_FACET_YEAR, "year", "Year", r->year);
    if (*r->source) {
        html_printf(out, "<h2>Source</h2>\n<ul>\n<li class=\"active\">%s ",
                    file_name(r->source));
        link_open(out, r, "source", NULL);
        fputs("(any)</a></li>\n</ul>\n", out);
    }
    fputs("</nav>\n", out);
}

/* Previous, "page 2 of 5", next. */
static void write_pager(FILE *out, const request_t *r, const fond_results_t *res)
{
    size_t est = fond_results_estimate(res);
    size_t pages = (est + r->per_page - 1) / r->per_page;
    pages = pages > REQUEST_MAX_PAGE ? REQUEST_MAX_PAGE : pages;
    if (pages <= 1 && r->page == 1)
        return;
    char num[24];
    fputs("<nav class=\"pager\" aria-label=\"Pages\">\n", out);
    if (r->page > 1) {
        snprintf(num, sizeof num, "%zu", r->page - 1);
        link_open(out, r, "page", r->page == 2 ? NULL : num);
        fputs("← Previous</a>\n", out);
    }
    html_printf(out, "<span>Page %zu of %zu</span>\n", r->page,
                pages > r->page ? pages : r->page);
    if (r->page < pages) {
        snprintf(num, sizeof num, "%zu", r->page + 1);
        link_open(out, r, "page", num);
        fputs("Next →</a>\n", out);
    }
    fputs("</nav>\n", out);
}

void page_results(FILE *out, const request_t *r, const fond_results_t *res)
{
    size_t n = fond_results_count(res);
    write_summary(out, r, res);
    write_suggestion(out, r, res);
    fputs("<div class=\"layout\">\n", out);
    write_facets(out, r, res);
    html_printf(out, "<ol class=\"hits\" start=\"%zu\">\n",
                (r->page - 1) * r->per_page + 1);
    for (size_t i = 0; i < n; i++)
        write_hit(out, r, fond_results_hit(res, i));
    fputs("</ol>\n</div>\n", out);
    if (!n)
        fputs("<p class=\"none\">No passages found. Try fewer words, another "
              "spelling, or a wider date range.</p>\n", out);
    write_pager(out, r, res);
}

/* ------------------------------------------------------------ start page */

void page_welcome(FILE *out, const page_site_t *site, const request_t *r,
                  size_t sources, const fond_results_t *all)
{
    size_t passages = fond_results_estimate(all);
    html_printf(out, "<h1 class=\"summary\">Search %zu passage%s from %zu "
                     "source%s</h1>\n", passages, passages == 1 ? "" : "s",
                sources, sources == 1 ? "" : "s");
    if (site->n_examples) {
        fputs("<h2>For example</h2>\n<ul class=\"examples\">\n", out);
        for (size_t i = 0; i < site->n_examples; i++) {
            fputs("<li>", out);
            link_open(out, r, "q", site->examples[i]);
            html_printf(out, "%s</a></li>\n", site->examples[i]);
        }
        fputs("</ul>\n", out);
    }
    fputs("<div class=\"browse\">\n", out);
    write_facets(out, r, all);
    fputs("</div>\n", out);
}
