/*
 * page.c -- fond.cgi's HTML.  See page.h.
 *
 * The markup is plain and semantic (a form with labels, an ordered list of
 * results, nav for facets and paging) so that it reads well without the
 * stylesheet, on a phone, and to a screen reader.  Links are relative
 * ("?q=..."), so the page works wherever the server mounts the CGI.
 * Pictures (a page's image with the searched words outlined, the matches
 * by year) are inline SVG drawn with attributes and the stylesheet's
 * classes: the Content-Security-Policy refuses inline style and script.
 */
#include "page.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
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

/* The page view's (below), for links to it from the results. */
static void page_printed(const fond_hit_t *h, unsigned page, char *buf,
                         size_t size);
static void page_link_open(FILE *out, const request_t *r, const fond_hit_t *h,
                           unsigned page, const char *attrs);

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
    char shown[40];
    cli_format_date(iso, shown, sizeof shown);
    html_printf(out, "<time datetime=\"%s\">%s</time>", iso, shown);
}

/* Where the next change of marks is, at or after `at`: the end of the
 * span now open, else the start of the next one (n: none left). */
static size_t span_edge(const fond_span_t *sp, size_t n, size_t k, size_t at,
                        size_t len)
{
    if (k == n)
        return len;
    return sp[k].start <= at ? sp[k].start + sp[k].length : sp[k].start;
}

/* A hit's snippet (a passage's whole text, on a source's page) in a
 * <p class="cls">, in its language, the matched words in <mark>, the
 * words OCR was unsure of in <span class="unsure" title="OCR confidence
 * 42%">.  The two may overlap (an unsure "Kars," holds the match "Kars";
 * the match "Azerbaijan" an unsure half, "baijan"): at each change what is
 * open is closed and what goes on is opened again, the unsure word
 * outside, so that the elements nest. */
static void write_marked(FILE *out, const fond_hit_t *h, const char *cls)
{
    const char *lang = language_code(h->language);
    if (lang)
        html_printf(out, "<p class=\"%s\" lang=\"%s\">", cls, lang);
    else
        html_printf(out, "<p class=\"%s\">", cls);
    const char *s = h->snippet;
    size_t len = strlen(s), at = 0, k = 0, u = 0, open_u = SIZE_MAX;
    fond_span_t *unsure = malloc((h->n_unsure + 1) * sizeof *unsure);
    size_t n_unsure = unsure ? h->n_unsure : 0; /* no memory: no marks */
    for (size_t i = 0; i < n_unsure; i++)
        unsure[i] = (fond_span_t){h->unsure[i].start, h->unsure[i].length};
    int in_mark = 0;
    while (at < len) {
        while (k < h->n_highlights &&
               h->highlights[k].start + h->highlights[k].length <= at)
            k++;
        while (u < n_unsure && unsure[u].start + unsure[u].length <= at)
            u++;
        int mark = k < h->n_highlights && h->highlights[k].start <= at;
        size_t want_u = u < n_unsure && unsure[u].start <= at ? u : SIZE_MAX;
        size_t next = span_edge(h->highlights, h->n_highlights, k, at, len);
        size_t edge = span_edge(unsure, n_unsure, u, at, len);
        next = edge < next ? edge : next;
        next = next > at && next <= len ? next : len; /* spans past the end */
        if (in_mark && (!mark || want_u != open_u))
            fputs("</mark>", out), in_mark = 0;
        if (open_u != want_u && open_u != SIZE_MAX)
            fputs("</span>", out);
        if (open_u != want_u && want_u != SIZE_MAX)
            html_printf(out, "<span class=\"unsure\" title=\"OCR confidence %d%%\">",
                        h->unsure[want_u].confidence);
        open_u = want_u;
        if (mark && !in_mark)
            fputs("<mark>", out), in_mark = 1;
        html_text_n(out, s + at, next - at);
        at = next;
    }
    fputs(in_mark ? "</mark>" : "", out);
    fputs(open_u != SIZE_MAX ? "</span>" : "", out);
    fputs("</p>\n", out);
    free(unsure);
}

/* "telegram · 21 July 1921 · Ankara · from M. D. Huseynov to Yusif Kamal",
 * "n.d." for a source with no date, a range as its two days, "OCR 87%"
 * for a source read by OCR; then who made the source and its rights, when
 * known (where it sits, its edition or finding aid: write_place). */
static void write_meta(FILE *out, const fond_hit_t *h)
{
    int any = 0;
    fputs("<p class=\"meta\">", out);
    if (*h->type)
        html_printf(out, "<span class=\"type\">%s</span>", h->type), any = 1;
    fputs(any++ ? " · " : "", out);
    if (*h->date)
        write_date(out, h->date);
    else
        fputs("<span class=\"undated\">" CLI_UNDATED "</span>", out);
    if (*h->date_end) {
        fputs(" \xE2\x80\x93 ", out);
        write_date(out, h->date_end);
    }
    if (*h->place)
        html_printf(out, " · %s", h->place);
    if (*h->from)
        html_printf(out, " · from %s", h->from);
    if (*h->to)
        html_printf(out, "%sto %s", *h->from ? " " : " · ", h->to);
    if (h->ocr_confidence >= 0)
        html_printf(out, " · <span class=\"ocr\" title=\"read by OCR: its mean "
                         "word confidence\">OCR %d%%</span>", h->ocr_confidence);
    fputs("</p>\n", out);
    if (*h->creator)
        html_printf(out, "<p class=\"creator\">Made by %s</p>\n", h->creator);
    if (*h->rights)
        html_printf(out, "<p class=\"rights\">Rights: %s</p>\n", h->rights);
}

/* A search of what lies within the levels of h's hierarchy down to
 * `upto` (each by its title, else its id: within:"Papers of X"
 * within:"Correspondence"), as a link's query string into href; the level
 * alone when that is too long a query. */
static void within_link(const fond_hit_t *h, size_t upto, char *href, size_t size)
{
    char q[REQUEST_MAX_Q + 1], one[REQUEST_MAX_Q + 1] = "";
    size_t at = 0, k = 0;
    const char *rest = h->hierarchy;
    cli_level_t lv;
    q[0] = '\0';
    while (k++ <= upto && cli_level_next(&rest, &lv)) {
        const char *v = lv.title_len ? lv.title : lv.id;
        size_t n = lv.title_len ? lv.title_len : lv.id_len, o = 0;
        o += (size_t)snprintf(one, sizeof one, "within:\"");
        for (size_t i = 0; i < n && o + 2 < sizeof one; i++)
            if (v[i] != '"') /* a quote would end the phrase */
                one[o++] = v[i];
        one[o++] = '"', one[o] = '\0';
        if (at + o + 1 >= sizeof q)
            at = 0; /* too long: this level alone */
        at += (size_t)snprintf(q + at, sizeof q - at, "%s%s", at ? " " : "", one);
    }
    size_t used = 3;
    strcpy(href, "?q=");
    if (request_encode(href, size, &used, q) != 0)
        strcpy(href, "?");
}

/* Where the source sits in its finding aid: a breadcrumb from the
 * collection down to its parent, each level a search within it; then
 * its digitised copy, where that is a web address (a path of the server
 * is never shown: cli_hit_for has blanked it). */
static void write_place(FILE *out, const fond_hit_t *h)
{
    const char *rest = h->hierarchy;
    cli_level_t lv;
    size_t k = 0;
    while (cli_level_next(&rest, &lv)) {
        char href[LINK_BYTES];
        within_link(h, k, href, sizeof href);
        fputs(k++ ? "</li>\n<li>" : "<nav class=\"hierarchy\" aria-label=\"Where "
                                    "it sits\"><ol>\n<li>", out);
        html_printf(out, "<a href=\"%s\">", href);
        if (lv.title_len)
            html_text_n(out, lv.title, lv.title_len);
        else
            html_text_n(out, lv.id, lv.id_len);
        fputs("</a>", out);
    }
    if (k)
        fputs("</li>\n</ol></nav>\n", out);
    else if (*h->container && strcmp(h->container, h->title) != 0)
        html_printf(out, "<p class=\"container\">In <cite>%s</cite></p>\n",
                    h->container);
    if (*h->link && cli_link_is_url(h->link))
        html_printf(out, "<p class=\"link\"><a href=\"%s\" rel=\"nofollow "
                         "noopener noreferrer\">Digitised copy</a></p>\n", h->link);
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

/* The page names a source by its path under the folder indexed, never by
 * a path of the server. */
static const cli_export_t public_names = {.public_names = 1,
                                          .addresses = FOND_ADDRESSES_NAME};

cli_export_t page_export(const page_site_t *site)
{
    cli_export_t how = {.public_names = 1, .addresses = site->addresses};
    return how;
}

static const char *source_name(const fond_hit_t *h)
{
    return cli_source_name(h, &public_names);
}

/* The source's title; an untitled one says so, its file's name marked
 * as a file's name: "<span class="untitled">[Untitled]</span>
 * <span class="file">report.pdf</span>". */
static void write_title(FILE *out, const fond_hit_t *h)
{
    if (*h->title) {
        html_text(out, h->title);
        return;
    }
    const char *name = source_name(h), *slash = strrchr(name, '/');
    html_printf(out, "<span class=\"untitled\">" CLI_UNTITLED "</span> "
                     "<span class=\"file\">%s</span>", slash ? slash + 1 : name);
}

/* An <a> to the source page of passage `id`, scrolled to passage n. */
static void show_link_open(FILE *out, const request_t *r, const char *id,
                           unsigned n, const char *attrs)
{
    char href[LINK_BYTES];
    if (request_link(r, "show", id, href, sizeof href) != 0)
        strcpy(href, "?");
    html_printf(out, "<a href=\"%s#p%u\"", href, n);
    fprintf(out, "%s>", attrs); /* our own markup */
}

/* Where the source is kept: its own reference, not what it cites. */
static void write_kept_at(FILE *out, const fond_hit_t *h)
{
    if (!h->archive_ref)
        return;
    html_printf(out, "<p class=\"archive-ref\">Kept at: <cite>%s</cite>",
                h->archive_ref->text);
    write_archival(out, h->archive_ref);
    fputs("</p>\n", out);
}

/* One key=value of a COinS span's title: the value percent-encoded
 * (UTF-8), then '&' as the attribute's "&amp;"; an empty value is left
 * out.  A value too long to encode in `buf` is left out too. */
static void write_kev(FILE *out, const char *key, const char *value)
{
    char buf[8192];
    size_t at = 0;
    if (!*value || request_encode(buf, sizeof buf, &at, value) != 0)
        return;
    html_printf(out, "&amp;%s=%s", key, buf);
}

/*
 * A COinS span (an OpenURL ContextObject in a span, Z39.88-2004 in KEV
 * form) of the hit's source, which Zotero's COinS translator and link
 * resolvers read from the page: Dublin Core (rft_val_fmt ...:mtx:dc), as
 * the source is neither a book nor an article.  Built from the citation
 * every other format is built from: rft.type the source's own type
 * ("telegram"), then its kind, a Zotero item type (letter, manuscript,
 * document): Zotero takes the last rft.type that names an item type as
 * the item's type, so the kind wins even over a type such as "report";
 * rft.title ("[Untitled]"), rft.creator (the sender, else the
 * creator), rft.date (ISO, a range "first/last"), rft.place (Zotero reads
 * it), rft.relation the recipient (as DC.relation), rft.description the
 * whole citation, rft.source the file the passage is read from (as the
 * page names it), and the source's own reference, where it is kept, as
 * rft.identifier and rft.coverage (as DC.coverage): never what its
 * footnotes cite.
 */
static void write_coins(FILE *out, const fond_hit_t *h, const cli_citation_t *c)
{
    char date[32];
    snprintf(date, sizeof date, "%s%s%s", c->date, *c->date_end ? "/" : "",
             c->date_end);
    fputs("<span class=\"Z3988\" title=\"ctx_ver=Z39.88-2004"
          "&amp;rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Adc", out);
    const char *const kev[][2] = {
        {"rft.type", strcmp(c->type, c->kind) ? c->type : ""},
        {"rft.type", c->kind},        {"rft.title", c->title},
        {"rft.creator", c->author},   {"rft.date", date},
        {"rft.place", c->place},      {"rft.relation", c->to},
        {"rft.language", h->language}, {"rft.rights", h->rights},
        {"rft.description", c->text}, {"rft.source", source_name(h)},
        {"rft.identifier", c->reference}, {"rft.coverage", c->reference}};
    for (size_t i = 0; i < sizeof kev / sizeof *kev; i++)
        write_kev(out, kev[i][0], kev[i][1]);
    fputs("\"></span>\n", out);
}

/* The hit's citation, at `page` ("p. 227"; NULL: its own pages). */
static void write_citation(FILE *out, const fond_hit_t *h, const char *page)
{
    cli_citation_t c;
    cli_cite(h, page, &c);
    write_coins(out, h, &c);
    html_printf(out, "<p class=\"citation\"><span class=\"label\">Cite:</span> "
                     "<span class=\"cite-text\">%s</span></p>\n", c.text);
    if (*c.cites) /* what the passage's footnotes cite: not the source */
        html_printf(out, "<p class=\"cites\"><span class=\"label\">Cites:</span> "
                         "<span class=\"cites-text\">%s</span></p>\n", c.cites);
}

static void write_hit(FILE *out, const cli_export_t *how, const request_t *r,
                      const fond_hit_t *hit, int exact)
{
    cli_hit_shown_t shown;
    const fond_hit_t *h = cli_hit_for(hit, how, &shown);
    char page[CLI_PAGE_TEXT_MAX];
    cli_page_text(h, page, sizeof page);
    /* its own number: a group (write_groups) lists hits of many ranks */
    html_printf(out, "<li class=\"hit\" value=\"%zu\">\n<h2>", h->rank);
    show_link_open(out, r, h->id, h->ordinal, "");
    write_title(out, h);
    html_printf(out, "</a> <span class=\"ordinal\">passage %u</span>",
                h->ordinal);
    if (*page)
        html_printf(out, " <span class=\"page\">%s</span>", page);
    fputs("</h2>\n", out);
    write_meta(out, h);
    write_place(out, h);
    write_marked(out, h, "snippet");
    for (size_t i = 0; i < h->n_variants; i++) {
        fputs(i ? ", " : "<p class=\"variants\">Matched as: ", out);
        html_text(out, h->variants[i]);
    }
    fputs(h->n_variants ? "</p>\n" : "", out);
    write_kept_at(out, h);
    write_notes(out, h);
    write_citation(out, h, NULL);
    html_printf(out, "<p class=\"source\">%s", source_name(h));
    unsigned page_no = page_of_hit(h);
    if (page_no) {
        char printed[64];
        page_printed(h, page_no, printed, sizeof printed);
        fputs(" · ", out);
        page_link_open(out, r, h, page_no, " class=\"page-view\"");
        html_printf(out, "See the page (%s)</a>", printed);
    }
    if (h->more_in_source) {
        fputs(" · ", out);
        link_open(out, r, "source", source_name(h));
        html_printf(out, "%s%zu more in this source</a>",
                    exact ? "" : "at least ", h->more_in_source);
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

/* The form's placeholders are the site's (its first example search, the
 * years its collection spans), never a sample collection's. */
static void write_form(FILE *out, const page_site_t *site, const request_t *r)
{
    static const request_t empty = {.page = 1};
    r = r ? r : &empty;
    html_printf(out,
        "<form class=\"search\" method=\"get\" role=\"search\">\n"
        "<p class=\"words\"><label for=\"q\">Search for</label>\n"
        "<input id=\"q\" name=\"q\" type=\"search\" value=\"%s\" maxlength=\"%d\"",
        r->q, REQUEST_MAX_Q);
    if (site->n_examples)
        html_printf(out, " placeholder=\"%s\"", site->examples[0]);
    html_printf(out, ">\n"
        "<button type=\"submit\">Search</button></p>\n"
        "<p class=\"options\"><label for=\"from\">Dated from</label>\n"
        "<input id=\"from\" name=\"from\" value=\"%s\" size=\"10\" maxlength=\"10\""
        " placeholder=\"%s\" pattern=\"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\">\n"
        "<label for=\"until\">until</label>\n"
        "<input id=\"until\" name=\"until\" value=\"%s\" size=\"10\" maxlength=\"10\""
        " placeholder=\"%s\" pattern=\"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\">\n"
        "<label for=\"sort\">Order</label>\n<select id=\"sort\" name=\"sort\">",
        r->from, site->first_year ? site->first_year : "YYYY-MM",
        r->until, site->last_year ? site->last_year : "YYYY-MM-DD");
    html_printf(out, "<option value=\"relevance\"%s>best first</option>"
                     "<option value=\"date\"%s>oldest first</option>"
                     "<option value=\"added\"%s>newest added first</option>"
                     "</select></p>\n",
                r->sort == FOND_SORT_RELEVANCE ? " selected" : "",
                r->sort == FOND_SORT_DATE ? " selected" : "",
                r->sort == FOND_SORT_ADDED ? " selected" : "");
    write_hidden(out, "type", r->type);
    write_hidden(out, "year", r->year);
    write_hidden(out, "source", r->source);
    fputs("</form>\n", out);
}

/* Highwire Press tags, which Zotero's connector (and Google Scholar)
 * read: one click saves the passage's source with its citation.  Zotero
 * reads the Dublin Core ones too (its RDF translator): DC.type, a Zotero
 * item type, makes a letter or a manuscript of it, DC.coverage is its
 * archive location: the source's own reference, never what its footnotes
 * cite. */
static void write_cite_meta(FILE *out, const fond_hit_t *h)
{
    cli_citation_t c;
    cli_cite(h, NULL, &c);
    const struct { const char *name, *value; } tags[] = {
        {"citation_title", c.title}, {"citation_author", c.author},
        {"citation_language", h->language}, {"citation_firstpage", c.page_number},
        {"citation_archive_location", c.reference},
        {"DC.type", c.kind}, {"DC.coverage", c.reference},
        {"DC.relation", h->to}};
    for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
        if (*tags[i].value)
            html_printf(out, "<meta name=\"%s\" content=\"%s\">\n",
                        tags[i].name, tags[i].value);
    if (*h->date) { /* citation_date: YYYY/MM/DD as far as known */
        char date[11];
        snprintf(date, sizeof date, "%s", h->date);
        for (char *d = date; *d; d++)
            *d = *d == '-' ? '/' : *d;
        html_printf(out, "<meta name=\"citation_date\" content=\"%s\">\n", date);
    }
}

void page_begin(FILE *out, const page_site_t *site, const request_t *r)
{
    page_begin_cited(out, site, r, NULL);
}

void page_begin_cited(FILE *out, const page_site_t *site, const request_t *r,
                      const fond_hit_t *cite)
{
    int searched = r && request_is_search(r);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
          out);
    char title[1024];
    if (cite)
        cli_title_text(cite, &public_names, title, sizeof title);
    if (cite)
        html_printf(out, "<title>%s – %s</title>\n", title, site->name);
    else if (searched)
        html_printf(out, "<title>%s%s%s</title>\n", r->q, *r->q ? " – " : "",
                    site->name);
    else
        html_printf(out, "<title>%s</title>\n", site->name);
    html_printf(out, "<link rel=\"stylesheet\" href=\"%s\">\n"
                     "<link rel=\"search\" type=\"application/opensearchdescription+xml\""
                     " href=\"%s\" title=\"%s\">\n",
                site->stylesheet, site->opensearch, site->name);
    char feed[LINK_BYTES];
    if (searched && !*r->show &&
        request_link(r, "format", "atom", feed, sizeof feed) == 0)
        html_printf(out, "<link rel=\"alternate\" type=\"application/atom+xml\""
                         " title=\"New passages: %s\" href=\"%s\">\n",
                    *r->q ? r->q : site->name, feed);
    cli_export_t how = page_export(site);
    cli_hit_shown_t shown;
    if (cite)
        write_cite_meta(out, cli_hit_for(cite, &how, &shown));
    html_printf(out, "</head>\n<body>\n"
                     "<header><p class=\"site\"><a href=\"?\">%s</a></p>\n",
                site->name);
    write_form(out, site, r);
    fputs("</header>\n<main>\n", out);
}

void page_end(FILE *out)
{
    fputs("</main>\n<footer><p>Searched with fond. Words match in any form"
          " (<q>signed</q> finds <q>signs</q>), and names in their other"
          " spellings. Also: \"a phrase\","
          " OR, NOT, -word, treat*, type:letter, from:, to:, date:YYYY-MM-DD."
          "</p></footer>\n</body>\n</html>\n", out);
}

void page_message(FILE *out, const char *title, const char *message)
{
    html_printf(out, "<section class=\"message\" role=\"alert\">\n<h1>%s</h1>\n"
                     "<p>%s</p>\n<p><a href=\"?\">Start again</a></p>\n"
                     "</section>\n", title, message);
}

/* ------------------------------------------------------------ results */

/* "36 passages in 14 sources match “kars” (type telegram, ...)", then
 * which of the list this page shows, and how many a source's limit leaves
 * behind "more in this source": every count the same on every page. */
static void write_summary(FILE *out, const request_t *r,
                          const fond_results_t *res)
{
    size_t n = fond_results_count(res), first = (r->page - 1) * r->per_page;
    size_t passages = fond_results_passages(res);
    char matches[128], every[64];
    cli_matches_text(res, matches, sizeof matches);
    cli_every_word_text(res, every, sizeof every);
    html_printf(out, "<h1 class=\"summary\">%s", matches);
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
        html_printf(out, ", in %s", r->source);
    fputs("</h1>\n", out);
    every[0] = (char)toupper((unsigned char)every[0]); /* a sentence */
    if (*every)
        html_printf(out, "<p class=\"every-word\">%s.</p>\n", every);
    size_t results = fond_results_estimate(res);
    const char *about = fond_results_exact(res) ? "" : "about ";
    if (n && results >= passages)
        html_printf(out, "<p class=\"showing\">Showing %zu–%zu of %s%zu.</p>\n",
                    first + 1, first + n, about, results);
    else if (n && *about) /* estimates: no difference of two */
        html_printf(out, "<p class=\"showing\">Showing %zu–%zu of about %zu "
                    "results: at most %d passages of each source, the "
                    "others behind “more in this source”.</p>\n",
                    first + 1, first + n, results, PAGE_PER_SOURCE);
    else if (n) /* some passages are behind "N more in this source" */
        html_printf(out, "<p class=\"showing\">Showing %zu–%zu of %zu "
                    "results: at most %d passages of each source, the "
                    "other %zu behind “more in this source”.</p>\n",
                    first + 1, first + n, results, PAGE_PER_SOURCE,
                    passages - results);
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
    size_t cut;
    const char *const *wildcards = fond_results_truncated(res, &cut);
    for (size_t i = 0; i < cut; i++)
        html_printf(out, "<p class=\"truncated\">%s begins more than %d words: "
                         "searched for the first %d alone.</p>\n",
                    wildcards[i], FOND_WILDCARD_MAX, FOND_WILDCARD_MAX);
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
        if (*f[i].value) {
            link_open(out, r, param, f[i].value);
            html_printf(out, "%s</a>", f[i].value);
        } else { /* no type, no date: nothing to filter by */
            fputs("<span class=\"none\">(none)</span>", out);
        }
        html_printf(out, " <span class=\"count\">%zu</span></li>\n",
                    f[i].count);
    }
    fputs("</ul>\n", out);
}

static void write_facets(FILE *out, const request_t *r, const fond_results_t *res)
{
    fputs("<nav class=\"facets\" aria-label=\"Refine\">\n", out);
    fputs(fond_results_exact(res)
              ? "<p class=\"counted\">Numbers count passages.</p>\n"
              : "<p class=\"counted\">Numbers estimate passages.</p>\n", out);
    write_facet(out, r, res, FOND_FACET_TYPE, "type", "Type", r->type);
    write_facet(out, r, res, FOND_FACET_YEAR, "year", "Year", r->year);
    /* a hit in a collection: grouping helps (not on the start page) */
    int contained = r->group;
    for (size_t i = 0; !contained && request_is_search(r) &&
                       i < fond_results_count(res); i++)
        contained = *fond_results_hit(res, i)->container != '\0';
    if (contained) {
        fputs("<h2>Collections</h2>\n<ul>\n<li>", out);
        link_open(out, r, "group", r->group ? NULL : "collection");
        fputs(r->group ? "One list</a></li>\n</ul>\n"
                       : "Group by collection</a></li>\n</ul>\n", out);
    }
    if (*r->source) {
        html_printf(out, "<h2>Source</h2>\n<ul>\n<li class=\"active\">%s ",
                    r->source);
        link_open(out, r, "source", NULL);
        fputs("(any)</a></li>\n</ul>\n", out);
    }
    fputs("</nav>\n", out);
}

/* Previous, "page 2 of 5", next.  The pages the results fill are counted
 * whole, though links go no further than REQUEST_MAX_PAGE. */
static void write_pager(FILE *out, const request_t *r, const fond_results_t *res)
{
    size_t est = fond_results_estimate(res);
    size_t pages = (est + r->per_page - 1) / r->per_page;
    size_t reachable = pages > REQUEST_MAX_PAGE ? REQUEST_MAX_PAGE : pages;
    const char *about = fond_results_exact(res) ? "" : "about ";
    if (pages <= 1 && r->page == 1)
        return;
    char num[24];
    fputs("<nav class=\"pager\" aria-label=\"Pages\">\n", out);
    if (r->page > 1) {
        snprintf(num, sizeof num, "%zu", r->page - 1);
        link_open(out, r, "page", r->page == 2 ? NULL : num);
        fputs("← Previous</a>\n", out);
    }
    if (r->page <= pages)
        html_printf(out, "<span>Page %zu of %s%zu</span>\n", r->page, about,
                    pages);
    else /* past the end, by a link made by hand */
        html_printf(out, "<span>Page %zu; the results end on page %s%zu</span>\n",
                    r->page, about, pages);
    if (r->page < reachable) {
        snprintf(num, sizeof num, "%zu", r->page + 1);
        link_open(out, r, "page", num);
        fputs("Next →</a>\n", out);
    } else if (r->page < pages) {
        html_printf(out, "<span>(pages after %d: narrow the search)</span>\n",
                    REQUEST_MAX_PAGE);
    }
    fputs("</nav>\n", out);
}

/* The same hits for a spreadsheet, a reference manager, a feed reader. */
static void write_exports(FILE *out, const request_t *r)
{
    static const char *const formats[][2] = {
        {"csv", "CSV"}, {"ris", "RIS"}, {"bibtex", "BibTeX"},
        {"atom", "Atom feed (newest first)"}};
    fputs("<nav class=\"exports\" aria-label=\"Export\">Export these "
          "results: ", out);
    for (size_t i = 0; i < 4; i++) {
        fputs(i ? " · " : "", out);
        char href[LINK_BYTES];
        if (request_link(r, "format", formats[i][0], href, sizeof href) != 0)
            strcpy(href, "?");
        html_printf(out, "<a class=\"export-%s\" href=\"%s\">%s</a>",
                    formats[i][0], href, formats[i][1]);
    }
    fputs("</nav>\n", out);
}

/* ------------------------------------------------------------ histogram */

/*
 * The matches by year, as an inline SVG (no script): a bar a year, a gap
 * for a year with none, each bar a link that filters to its year (year=)
 * with its count in a <title> and in a visually hidden text for screen
 * readers.  At most HISTOGRAM_MAX_BARS bars: a span of more years is
 * drawn a decade a bar (then a century, a millennium), each bar then
 * filtering to its range (from= and until=, within the range searched).
 * The year facet counts every match, not this page's.  Across, the bars
 * are placed in percentages of the drawing's width (the page's, up to
 * 40rem), so that its text keeps its size on a phone; fewer than
 * HISTOGRAM_MIN_SLOTS bars are as narrow as that many, centred.
 */
#define HISTOGRAM_MAX_BARS 60
#define HISTOGRAM_MIN_SLOTS 20
#define HISTOGRAM_H 128     /* pixels */
#define HISTOGRAM_FOOT 100  /* the bars' foot: counts above, labels below */
#define HISTOGRAM_NARROW 370.0 /* pixels wide at least (a 400 px phone) */

typedef struct {
    int first, years;  /* the first bar's first year; years a bar */
    size_t bars, top;  /* how many; the highest count */
    size_t *count;     /* each bar's */
    double slot, left; /* a bar's share of the width, where they begin: % */
    const char *about; /* "about " when the counts are estimates */
} histogram_t;

/* Year facet values are four digits ("" for the undated). */
static int facet_year(const char *v)
{
    return strlen(v) == 4 && strspn(v, "0123456789") == 4 ? atoi(v) : -1;
}

/* The bars of the year facet's counts; 0, or -1 when there are fewer
 * than two years to compare (or no memory).  *undated: passages with no
 * year. */
static int histogram_make(histogram_t *hg, const fond_results_t *res,
                          size_t *undated)
{
    size_t n = 0, dated = 0;
    const fond_facet_t *f = fond_results_facet(res, FOND_FACET_YEAR, &n);
    int lo = 9999, hi = 0;
    *undated = 0;
    for (size_t i = 0; i < n; i++) {
        int y = facet_year(f[i].value);
        *undated += y < 0 ? f[i].count : 0;
        lo = y >= 0 && y < lo ? y : lo;
        hi = y > hi ? y : hi;
        dated += y >= 0;
    }
    if (dated < 2)
        return -1;
    memset(hg, 0, sizeof *hg);
    for (hg->years = 1; hi / hg->years - lo / hg->years + 1 > HISTOGRAM_MAX_BARS;)
        hg->years *= 10;
    hg->first = lo / hg->years * hg->years;
    hg->bars = (size_t)(hi / hg->years - lo / hg->years) + 1;
    hg->count = calloc(hg->bars, sizeof *hg->count);
    if (!hg->count)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int y = facet_year(f[i].value);
        if (y >= 0)
            hg->count[(y - hg->first) / hg->years] += f[i].count;
    }
    for (size_t b = 0; b < hg->bars; b++)
        hg->top = hg->count[b] > hg->top ? hg->count[b] : hg->top;
    size_t slots = hg->bars < HISTOGRAM_MIN_SLOTS ? HISTOGRAM_MIN_SLOTS : hg->bars;
    hg->slot = 100.0 / (double)slots;
    hg->left = (100.0 - hg->slot * (double)hg->bars) / 2;
    hg->about = fond_results_exact(res) ? "" : "about ";
    return 0;
}

/* "1921", "1910s", "1800s". */
static void bar_name(int first, int years, char *buf, size_t size)
{
    snprintf(buf, size, years == 1 ? "%04d" : "%04ds", first);
}

/* The link of a bar: its year, or its range within the one searched. */
static void bar_link_open(FILE *out, const request_t *r, int first, int years)
{
    char from[16], until[16]; /* four digits: years are 0-9999 */
    snprintf(from, sizeof from, "%04d", first);
    if (years == 1) {
        link_open(out, r, "year", from);
        return;
    }
    snprintf(until, sizeof until, "%04d", first + years - 1);
    request_t range = *r;
    range.year[0] = '\0';
    if (!*r->from || strncmp(r->from, from, 4) < 0)
        memcpy(range.from, from, 5);
    if (!*r->until || strncmp(r->until, until, 4) > 0)
        memcpy(range.until, until, 5);
    link_open(out, &range, "from", range.from);
}

/* Bar b: a link with its count as text, drawn with the count above it
 * where the narrowest page has room for it. */
static void write_bar(FILE *out, const request_t *r, const histogram_t *hg,
                      size_t b)
{
    char name[16], digits[24];
    int start = hg->first + (int)b * hg->years;
    bar_name(start, hg->years, name, sizeof name);
    double h = (double)hg->count[b] * (HISTOGRAM_FOOT - 18) / (double)hg->top;
    h = h < 2 ? 2 : h;
    double x = hg->left + hg->slot * (double)b;
    bar_link_open(out, r, start, hg->years);
    html_printf(out, "<title>%s: %s%zu passage%s</title>", name, hg->about,
                hg->count[b], hg->count[b] == 1 ? "" : "s");
    fprintf(out, "<rect class=\"bar\" x=\"%.3f%%\" y=\"%.1f\" width=\"%.3f%%\" "
                 "height=\"%.1f\"/>", x + hg->slot * .1, HISTOGRAM_FOOT - h,
            hg->slot * .8, h);
    html_printf(out, "<text class=\"visually-hidden\" x=\"0\" y=\"0\">%s: "
                     "%s%zu</text>", name, hg->about, hg->count[b]);
    int n = snprintf(digits, sizeof digits, "%zu", hg->top);
    if (n * 7.5 <= hg->slot * HISTOGRAM_NARROW / 100) /* 7.5 px a digit */
        fprintf(out, "<text class=\"count\" aria-hidden=\"true\" x=\"%.3f%%\" "
                     "y=\"%.1f\">%zu</text>", x + hg->slot / 2,
                HISTOGRAM_FOOT - h - 4, hg->count[b]);
    fputs("</a>\n", out);
}

/* The bars' names below them: every step-th round one, the step the
 * least of 1, 2, 5, 10, 20, 50 ... that leaves 48 px to a name on the
 * narrowest page. */
static void write_bar_names(FILE *out, const histogram_t *hg)
{
    static const size_t round[] = {1, 2, 5};
    size_t step = 1, ten = 1;
    for (size_t k = 1; hg->slot * (double)step * HISTOGRAM_NARROW / 100 < 48; k++) {
        ten *= k % 3 == 0 ? 10 : 1;
        step = round[k % 3] * ten;
    }
    fputs("<g class=\"labels\" aria-hidden=\"true\">\n", out);
    for (size_t b = 0; b < hg->bars; b++) {
        int start = hg->first + (int)b * hg->years;
        if ((size_t)(start / hg->years) % step)
            continue;
        char name[16];
        bar_name(start, hg->years, name, sizeof name);
        fprintf(out, "<text x=\"%.3f%%\" y=\"%d\">%s</text>\n",
                hg->left + hg->slot * ((double)b + .5), HISTOGRAM_H - 8, name);
    }
    fputs("</g>\n", out);
}

static void write_histogram(FILE *out, const request_t *r,
                            const fond_results_t *res)
{
    histogram_t hg;
    size_t undated;
    if (*r->year || histogram_make(&hg, res, &undated) != 0)
        return; /* one year: nothing to compare */
    static const char *const per[] = {"year", "decade", "century", "millennium"};
    size_t unit = hg.years == 1 ? 0 : hg.years == 10 ? 1 : hg.years == 100 ? 2 : 3;
    html_printf(out, "<figure class=\"histogram\">\n<figcaption>Matches by %s",
                per[unit]);
    if (undated)
        html_printf(out, " <span class=\"undated\">(%s%zu undated not shown)"
                         "</span>", hg.about, undated);
    html_printf(out, "</figcaption>\n<svg width=\"100%%\" height=\"%d\" "
                     "role=\"group\" aria-label=\"Matches by %s\">\n",
                HISTOGRAM_H, per[unit]);
    fprintf(out, "<line class=\"axis\" x1=\"0\" y1=\"%d\" x2=\"100%%\" "
                 "y2=\"%d\"/>\n", HISTOGRAM_FOOT, HISTOGRAM_FOOT);
    for (size_t b = 0; b < hg.bars; b++)
        if (hg.count[b]) /* else a gap */
            write_bar(out, r, &hg, b);
    write_bar_names(out, &hg);
    fputs("</svg>\n</figure>\n", out);
    free(hg.count);
}

/* group=collection: the page's hits under their collections, the one
 * with the most matching passages first, each headed by its count; the
 * hits in no collection (or one the counts missed) last. */
static void write_groups(FILE *out, const cli_export_t *how, const request_t *r,
                         const fond_results_t *res)
{
    size_t n = fond_results_count(res), groups = 0;
    const fond_facet_t *g = fond_results_facet(res, FOND_FACET_COLLECTION, &groups);
    const char *about = fond_results_exact(res) ? "" : "about ";
    char *shown = calloc(n + 1, 1);
    fputs("<div class=\"groups\">\n", out);
    for (size_t k = 0; k <= groups; k++) {
        const char *name = k < groups ? g[k].value : NULL;
        int any = 0;
        for (size_t i = 0; i < n; i++) {
            const fond_hit_t *h = fond_results_hit(res, i);
            if ((shown && shown[i]) || (name && strcmp(h->container, name) != 0))
                continue;
            if (!any++) {
                fputs("<section class=\"group\">\n<h2 class=\"group-head\">", out);
                html_text(out, name && *name ? name : "Not in a collection");
                if (name)
                    html_printf(out, " <span class=\"count\">%s%zu passage%s</span>",
                                about, g[k].count, g[k].count == 1 ? "" : "s");
                html_printf(out, "</h2>\n<ol class=\"hits\" start=\"%zu\">\n", h->rank);
            }
            if (shown)
                shown[i] = 1;
            write_hit(out, how, r, h, fond_results_exact(res));
        }
        if (any)
            fputs("</ol>\n</section>\n", out);
        if (!shown) /* out of memory: every hit once, in one list */
            break;
    }
    fputs("</div>\n", out);
    free(shown);
}

void page_results(FILE *out, const page_site_t *site, const request_t *r,
                  const fond_results_t *res)
{
    size_t n = fond_results_count(res);
    cli_export_t how = page_export(site);
    write_summary(out, r, res);
    write_suggestion(out, r, res);
    write_histogram(out, r, res);
    fputs("<div class=\"layout\">\n", out);
    write_facets(out, r, res);
    if (r->group)
        write_groups(out, &how, r, res);
    else {
        html_printf(out, "<ol class=\"hits\" start=\"%zu\">\n",
                    (r->page - 1) * r->per_page + 1);
        for (size_t i = 0; i < n; i++)
            write_hit(out, &how, r, fond_results_hit(res, i), fond_results_exact(res));
        fputs("</ol>\n", out);
    }
    fputs("</div>\n", out);
    if (!fond_results_passages(res))
        fputs("<p class=\"none\">No passages found. Try fewer words, another "
              "spelling, or a wider date range.</p>\n", out);
    else if (!n)
        fputs("<p class=\"none\">This page is past the last result.</p>\n",
              out);
    write_pager(out, r, res);
    write_exports(out, r);
}

/* ------------------------------------------------------------ start page */

void page_welcome(FILE *out, const page_site_t *site, const request_t *r,
                  size_t passages, const fond_results_t *all)
{
    size_t sources = fond_results_sources(all);
    html_printf(out, "<h1 class=\"summary\">Search %zu passage%s from %zu%s "
                     "source%s</h1>\n", passages, passages == 1 ? "" : "s",
                sources, fond_results_exact(all) ? "" : " or more",
                sources == 1 ? "" : "s");
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

/* ------------------------------------------------------------ a source */

const fond_hit_t *page_shown_hit(const request_t *r,
                                 const fond_results_t *source)
{
    const char *dash = strchr(r->show, '-');
    unsigned n = dash ? (unsigned)strtoul(dash + 1, NULL, 10) : 0;
    for (size_t i = 0; i < fond_results_count(source); i++)
        if (fond_results_hit(source, i)->ordinal == n)
            return fond_results_hit(source, i);
    return fond_results_hit(source, 0);
}

/* "← Previous passage · Next passage →" around the marked one. */
static void write_passage_nav(FILE *out, const request_t *r,
                              const fond_results_t *source, size_t i)
{
    const fond_hit_t *prev = i > 0 ? fond_results_hit(source, i - 1) : NULL;
    const fond_hit_t *next = fond_results_hit(source, i + 1);
    if (!prev && !next)
        return;
    fputs("<nav class=\"passage-nav\" aria-label=\"Passages\">", out);
    if (prev) {
        show_link_open(out, r, prev->id, prev->ordinal, " rel=\"prev\" class=\"prev\"");
        fputs("← Previous passage</a>", out);
    }
    if (next) {
        fputs(prev ? " · " : "", out);
        show_link_open(out, r, next->id, next->ordinal, " rel=\"next\" class=\"next\"");
        fputs("Next passage →</a>", out);
    }
    fputs("</nav>\n", out);
}

/* A link back to the results of r without parameter `drop` (the source
 * read), or to the start when r is no search. */
static void write_back_link(FILE *out, const request_t *r, const char *drop)
{
    if (request_is_search(r)) {
        link_open(out, r, drop, NULL);
        fputs("← Back to the results</a>", out);
    } else {
        fputs("<a href=\"?\">← Search</a>", out);
    }
}

static void write_back(FILE *out, const request_t *r)
{
    fputs("<nav class=\"back\" aria-label=\"Back\">", out);
    write_back_link(out, r, "show");
    fputs("</nav>\n", out);
}

/* "Digitised: <a>scans/ref18.pdf</a>": the sources that are the shown
 * one's digitised copies, by name, each linked to its page. */
static void write_copies(FILE *out, const request_t *r,
                         const fond_results_t *copies)
{
    size_t n = copies ? fond_results_count(copies) : 0;
    for (size_t i = 0; i < n; i++) {
        const fond_hit_t *h = fond_results_hit(copies, i);
        fputs(i ? ", " : "<p class=\"digitised\">Digitised: ", out);
        show_link_open(out, r, h->id, h->ordinal, "");
        html_text(out, source_name(h));
        fputs("</a>", out);
    }
    fputs(n ? "</p>\n" : "", out);
}

void page_source(FILE *out, const page_site_t *site, const request_t *r,
                 const fond_results_t *source, const fond_results_t *copies)
{
    cli_export_t how = page_export(site);
    cli_hit_shown_t copy;
    const fond_hit_t *marked_hit = page_shown_hit(r, source);
    const fond_hit_t *shown = cli_hit_for(marked_hit, &how, &copy);
    int marked_one = strchr(r->show, '-') != NULL;
    write_back(out, r);
    fputs("<article class=\"reading\">\n<h1>", out);
    write_title(out, shown);
    fputs("</h1>\n", out);
    write_meta(out, shown);
    write_place(out, shown);
    write_copies(out, r, copies);
    write_kept_at(out, shown);
    char url[2048];
    size_t n = fond_results_count(source);
    html_printf(out, "<p class=\"source\">%s · %zu passage%s", source_name(shown),
                n, n == 1 ? "" : "s");
    if (request_file_url(site->file_maps, site->n_file_maps, shown->path,
                         marked_one ? shown->page_first : 0, url,
                         sizeof url) == 0)
        html_printf(out, " · <a class=\"original\" href=\"%s\">the original "
                         "file</a>", url);
    fputs("</p>\n<ol class=\"passages\">\n", out);
    for (size_t i = 0; i < n; i++) {
        const fond_hit_t *h = fond_results_hit(source, i);
        int marked = marked_one && h == marked_hit;
        html_printf(out, "<li id=\"p%u\" value=\"%u\" class=\"passage\"",
                    h->ordinal, h->ordinal);
        fputs(marked ? " data-marked=\"marked\" aria-current=\"true\">\n" : ">\n",
              out);
        char page[CLI_PAGE_TEXT_MAX];
        cli_page_text(h, page, sizeof page);
        if (*page)
            html_printf(out, "<p class=\"page\">%s</p>\n", page);
        write_marked(out, h, "text");
        write_notes(out, h);
        if (marked) {
            write_citation(out, shown, NULL);
            write_passage_nav(out, r, source, i);
        }
        fputs("</li>\n", out);
    }
    fputs("</ol>\n</article>\n", out);
    if (!marked_one)
        write_citation(out, shown, NULL);
}

/* ------------------------------------------------------------ page view */

unsigned page_of_hit(const fond_hit_t *h)
{
    return h->n_boxes && h->boxes[0].page ? h->boxes[0].page : h->page_first;
}

/* "p. 228": page `page` as printed, when the passage's label says it
 * (one printed page, or a run as long as the pages it spans: "pp.
 * 227-229" over pages 5-7 prints 228 on page 6); else the page's place
 * in the source in brackets, as a citation supplies a number the page
 * does not print: "p. [6]". */
static void page_printed(const fond_hit_t *h, unsigned page, char *buf,
                         size_t size)
{
    const char *label = h->page_label ? h->page_label : "";
    int pp = strncmp(label, "pp. ", 4) == 0;
    const char *num = label + (pp ? 4 : strncmp(label, "p. ", 3) == 0 ? 3 : 0);
    char *end = NULL;
    unsigned long first = num > label && isdigit((unsigned char)*num)
                              ? strtoul(num, &end, 10) : 0;
    unsigned long last = first;
    if (first && pp && *end == '-' && isdigit((unsigned char)end[1]))
        last = strtoul(end + 1, &end, 10);
    int fits = first && !*end && page >= h->page_first &&
               page <= h->page_last &&
               last - first == (unsigned long)(h->page_last - h->page_first);
    if (fits)
        snprintf(buf, size, "p. %lu", first + (page - h->page_first));
    else if (*label && !pp && h->page_first == page && h->page_last == page)
        snprintf(buf, size, "%s", label); /* "p. xii" */
    else
        snprintf(buf, size, "p. [%u]", page);
}

/* An <a> to the page view of page `page` of the hit's source. */
static void page_link_open(FILE *out, const request_t *r, const fond_hit_t *h,
                           unsigned page, const char *attrs)
{
    char href[LINK_BYTES];
    if (request_page_link(r, h->id, page, href, sizeof href) != 0)
        strcpy(href, "?");
    html_printf(out, "<a href=\"%s\"", href);
    fprintf(out, "%s>", attrs); /* our own markup */
}

/* What the page view knows of one page of a source: the passages on it,
 * the boxes of the query's words on it, and the pages around it. */
typedef struct {
    unsigned page, pages;           /* this one; the last (0: no pages) */
    unsigned prev_hit, next_hit;    /* the nearest pages before and after
                                       it holding a marked word; 0: none */
    const fond_hit_t *first;        /* its first passage, else the
                                       source's (its fields) */
    unsigned width, height;         /* its image's pixels (0: unknown) */
    int imaged;                     /* the source's pages are images (a
                                       scan, a PDF, hOCR ...): some page
                                       has a size; a text's pages not */
} page_seen_t;

/* A passage whose pages are images fond.cgi/image/ can serve: it has
 * words with boxes on some page, or page images the source names. */
static int hit_imaged(const fond_hit_t *h)
{
    return h->n_page_sizes > 0 || (h->images && *h->images);
}

static int on_page(const fond_hit_t *h, unsigned page)
{
    return h->page_first && h->page_first <= page && page <= h->page_last;
}

/* A page holding a marked word: where a box puts it, or, for a passage
 * with marks and no boxes (a text layer without them), its first page. */
static void note_hit_page(page_seen_t *v, unsigned p)
{
    if (p && p < v->page && p > v->prev_hit)
        v->prev_hit = p;
    if (p > v->page && (!v->next_hit || p < v->next_hit))
        v->next_hit = p;
}

static void page_seen(const request_t *r, const fond_results_t *source,
                      page_seen_t *v)
{
    memset(v, 0, sizeof *v);
    v->page = r->source_page;
    v->first = fond_results_hit(source, 0);
    const fond_hit_t *first_on = NULL;
    for (size_t i = 0; i < fond_results_count(source); i++) {
        const fond_hit_t *h = fond_results_hit(source, i);
        if (h->page_last > v->pages)
            v->pages = h->page_last;
        if (!first_on && on_page(h, v->page))
            first_on = h;
        v->imaged |= hit_imaged(h);
        for (size_t k = 0; k < h->n_page_sizes; k++) {
            const fond_box_t *b = &h->page_sizes[k];
            if (b->page == v->page && !v->width && b->page_width &&
                b->page_height)
                v->width = b->page_width, v->height = b->page_height;
        }
        for (size_t k = 0; k < h->n_boxes; k++)
            note_hit_page(v, h->boxes[k].page);
        if (h->n_highlights && !h->n_boxes)
            note_hit_page(v, h->page_first);
    }
    if (first_on)
        v->first = first_on;
}

int page_view_check(const request_t *r, const fond_results_t *source,
                    char *err, size_t errsize)
{
    page_seen_t v;
    page_seen(r, source, &v);
    if (!v.pages)
        snprintf(err, errsize, "This source has no pages to show; read it "
                               "whole instead.");
    else if (v.page > v.pages)
        snprintf(err, errsize, "This source has no page %u: it has %u "
                               "page%s.", v.page, v.pages,
                 v.pages == 1 ? "" : "s");
    return v.pages && v.page <= v.pages ? 0 : -1;
}

const fond_hit_t *page_view_hit(const request_t *r,
                                const fond_results_t *source)
{
    page_seen_t v;
    page_seen(r, source, &v);
    return v.first;
}

/* The query's words on the page image: an SVG over the image, its boxes
 * in percentages of the page's size (attributes, not style: the page's
 * Content-Security-Policy allows no inline style).  Returns how many. */
static size_t write_boxes(FILE *out, const fond_results_t *source,
                          unsigned page)
{
    size_t n = 0;
    for (size_t i = 0; i < fond_results_count(source); i++) {
        const fond_hit_t *h = fond_results_hit(source, i);
        for (size_t k = 0; k < h->n_boxes; k++) {
            const fond_box_t *b = &h->boxes[k];
            if (b->page != page || !b->page_width || !b->page_height)
                continue;
            double pw = b->page_width, ph = b->page_height;
            fputs(n++ ? "" : "<svg class=\"boxes\" aria-hidden=\"true\" "
                             "focusable=\"false\">\n", out);
            fprintf(out, "<rect class=\"box\" x=\"%.2f%%\" y=\"%.2f%%\" "
                         "width=\"%.2f%%\" height=\"%.2f%%\"/>\n",
                    100.0 * b->x / pw, 100.0 * b->y / ph, 100.0 * b->w / pw,
                    100.0 * b->h / ph);
        }
    }
    fputs(n ? "</svg>\n" : "", out);
    return n;
}

/* The page's image, served by fond.cgi/image/, laid out at its size
 * before it loads, the query's words drawn on it. */
static void write_page_image(FILE *out, const page_site_t *site,
                             const page_seen_t *v, const fond_hit_t *h,
                             const fond_results_t *source)
{
    char title[1024], id[17];
    cli_title_text(h, &public_names, title, sizeof title);
    snprintf(id, sizeof id, "%.16s", h->id); /* the source's */
    fputs("<figure class=\"page-image\">\n<div class=\"frame\">\n", out);
    html_printf(out, "<img src=\"%s/image/%s/%u?w=%d\" alt=\"Page %u of %s\"",
                site->self ? site->self : "fond.cgi", id, v->page,
                PAGE_IMAGE_WIDTH, v->page, title);
    if (v->width)
        html_printf(out, " width=\"%d\" height=\"%u\"", PAGE_IMAGE_WIDTH,
                    (unsigned)((double)v->height * PAGE_IMAGE_WIDTH / v->width + 0.5));
    fputs(">\n", out);
    size_t n = write_boxes(out, source, v->page);
    fputs("</div>\n", out);
    if (n)
        html_printf(out, "<figcaption>%zu place%s where the words searched "
                         "for are read on this page %s outlined.</figcaption>\n",
                    n, n == 1 ? "" : "s", n == 1 ? "is" : "are");
    fputs("</figure>\n", out);
}

/* Previous and next page; previous and next page with a marked word. */
static void write_page_nav(FILE *out, const request_t *r, const page_seen_t *v,
                           const fond_hit_t *h)
{
    char label[96];
    fputs("<nav class=\"page-nav\" aria-label=\"Pages\">\n", out);
    if (v->page > 1) {
        page_link_open(out, r, h, v->page - 1, " rel=\"prev\" class=\"prev-page\"");
        fputs("← Previous page</a>\n", out);
    }
    html_printf(out, "<span>Page %u of %u</span>\n", v->page, v->pages);
    if (v->page < v->pages) {
        page_link_open(out, r, h, v->page + 1, " rel=\"next\" class=\"next-page\"");
        fputs("Next page →</a>\n", out);
    }
    if (v->prev_hit) {
        page_link_open(out, r, h, v->prev_hit, " class=\"prev-hit\"");
        snprintf(label, sizeof label, "← Previous match (page %u)", v->prev_hit);
        html_printf(out, "%s</a>\n", label);
    }
    if (v->next_hit) {
        page_link_open(out, r, h, v->next_hit, " class=\"next-hit\"");
        snprintf(label, sizeof label, "Next match (page %u) →", v->next_hit);
        html_printf(out, "%s</a>\n", label);
    }
    fputs("</nav>\n", out);
}

/* Back to the results (the request without its page view), and to the
 * source read whole. */
static void write_view_back(FILE *out, const request_t *r, const fond_hit_t *h)
{
    request_t results = *r;
    results.show[0] = '\0';
    results.source_page = 0;
    fputs("<nav class=\"back\" aria-label=\"Back\">", out);
    write_back_link(out, &results, "page");
    fputs(" · ", out);
    show_link_open(out, &results, h->id, h->ordinal, " class=\"whole\"");
    fputs("The whole text</a></nav>\n", out);
}

/* The page's passages, the query's words marked. */
static void write_page_text(FILE *out, const cli_export_t *how,
                            const fond_results_t *source, unsigned page)
{
    size_t n = 0;
    fputs("<section class=\"page-text\" aria-label=\"The text of this page\">\n",
          out);
    for (size_t i = 0; i < fond_results_count(source); i++) {
        const fond_hit_t *h = fond_results_hit(source, i);
        if (!on_page(h, page))
            continue;
        cli_hit_shown_t copy;
        h = cli_hit_for(h, how, &copy);
        if (h->page_last > h->page_first) /* its place, as the view counts */
            html_printf(out, "<p class=\"page\">Passage %u, pages %u–%u</p>\n",
                        h->ordinal, h->page_first, h->page_last);
        else
            html_printf(out, "<p class=\"page\">Passage %u</p>\n", h->ordinal);
        write_marked(out, h, "text");
        write_notes(out, h);
        n++;
    }
    if (!n)
        fputs("<p class=\"none\">No text was read on this page.</p>\n", out);
    fputs("</section>\n", out);
}

void page_view(FILE *out, const page_site_t *site, const request_t *r,
               const fond_results_t *source)
{
    cli_export_t how = page_export(site);
    page_seen_t v;
    page_seen(r, source, &v);
    cli_hit_shown_t copy;
    const fond_hit_t *h = cli_hit_for(v.first, &how, &copy);
    char printed[64];
    page_printed(h, v.page, printed, sizeof printed);
    write_view_back(out, r, h);
    fputs("<article class=\"page-view\">\n<h1>", out);
    write_title(out, h);
    fputs("</h1>\n", out);
    write_meta(out, h);
    write_place(out, h);
    write_page_nav(out, r, &v, h);
    fputs("<div class=\"page-columns\">\n", out);
    if (v.imaged)
        write_page_image(out, site, &v, h, source);
    write_page_text(out, &how, source, v.page);
    fputs("</div>\n", out);
    write_citation(out, h, printed);
    write_kept_at(out, h);
    char url[2048];
    if (request_file_url(site->file_maps, site->n_file_maps, h->path, v.page,
                         url, sizeof url) == 0)
        html_printf(out, "<p class=\"source\">%s · <a class=\"original\" "
                         "href=\"%s\">%s</a></p>\n", source_name(h), url,
                    strstr(url, "#page=") ? "the original file at this page"
                                          : "the original file");
    else
        html_printf(out, "<p class=\"source\">%s</p>\n", source_name(h));
    fputs("</article>\n", out);
}

/* ------------------------------------------------------------ JSON links */

/* One more string field of a JSON hit. */
static void json_link(FILE *out, const char *name, const char *value)
{
    fprintf(out, ",\n      \"%s\": ", name);
    cli_write_json_string(out, value);
}

void page_json_links(FILE *out, const fond_hit_t *h, const void *ctx)
{
    const page_links_t *l = ctx;
    unsigned page = page_of_hit(h);
    if (!page)
        return;
    const char *self = l->site->self ? l->site->self : "fond.cgi";
    char url[LINK_BYTES];
    size_t at = (size_t)snprintf(url, sizeof url, "%s?show=%.16s&page=%u",
                                 self, h->id, page);
    if (*l->r->q && at < sizeof url - 3) {
        strcpy(url + at, "&q="), at += 3;
        if (request_encode(url, sizeof url, &at, l->r->q) != 0)
            url[at] = '\0';
    }
    json_link(out, "page_view", url);
    if (!hit_imaged(h))
        return; /* a text's pages: no image, no IIIF canvas */
    snprintf(url, sizeof url, "%s/image/%.16s/%u?w=%d", self, h->id, page,
             PAGE_IMAGE_WIDTH);
    json_link(out, "page_image", url);
    snprintf(url, sizeof url, "%s/iiif/%.16s/manifest", self, h->id);
    json_link(out, "iiif_manifest", url);
}
