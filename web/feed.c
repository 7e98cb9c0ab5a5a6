/*
 * feed.c -- fond.cgi's XML: an Atom feed of a search (RFC 4287), newest
 * first by when fond-index added each passage, so that a historian who
 * subscribes sees what each batch of new sources brought; and the
 * OpenSearch 1.1 description a browser reads to add the archive's search.
 * Both need absolute URLs: site->url, the page's own address.  Every value
 * is escaped (html.h's escapes are XML's too).  See page.h.
 */
#include "page.h"

#include <string.h>

#include "cli.h"
#include "html.h"

#define LINK_BYTES (REQUEST_MAX_QUERY_STRING + 64)

void page_atom(FILE *out, const page_site_t *site, const request_t *r,
               const fond_results_t *res)
{
    size_t n = fond_results_count(res);
    cli_export_t how = page_export(site);
    const char *updated = n && *fond_results_hit(res, 0)->added
                              ? fond_results_hit(res, 0)->added
                              : "1970-01-01T00:00:00Z";
    char self[LINK_BYTES], html[LINK_BYTES];
    if (request_link(r, "format", "atom", self, sizeof self) != 0)
        strcpy(self, "?");
    if (request_link(r, "format", NULL, html, sizeof html) != 0)
        strcpy(html, "?");
    fputs("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
          "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n", out);
    html_printf(out, "<title>%s: %s</title>\n", site->name,
                *r->q ? r->q : "new passages");
    html_printf(out, "<id>%s%s</id>\n<updated>%s</updated>\n", site->url, self,
                updated);
    html_printf(out, "<link rel=\"self\" type=\"application/atom+xml\" "
                     "href=\"%s%s\"/>\n", site->url, self);
    html_printf(out, "<link rel=\"alternate\" type=\"text/html\" "
                     "href=\"%s%s\"/>\n", site->url, html);
    html_printf(out, "<author><name>%s</name></author>\n", site->name);
    for (size_t i = 0; i < n; i++) {
        cli_hit_shown_t shown;
        const fond_hit_t *h = cli_hit_for(fond_results_hit(res, i), &how, &shown);
        char show[LINK_BYTES];
        if (request_link(r, "show", h->id, show, sizeof show) != 0)
            strcpy(show, "?");
        cli_citation_t c;
        cli_cite(h, NULL, &c);
        char title[1024]; /* "[Untitled] (report.pdf)" when it has none */
        cli_title_text(h, &how, title, sizeof title);
        html_printf(out, "<entry>\n<title>%s, passage %u</title>\n", title,
                    h->ordinal);
        /* the passage's own page is its id: stable across searches */
        html_printf(out, "<id>%s?show=%s</id>\n", site->url, h->id);
        html_printf(out, "<updated>%s</updated>\n",
                    *h->added ? h->added : "1970-01-01T00:00:00Z");
        html_printf(out, "<link rel=\"alternate\" type=\"text/html\" "
                         "href=\"%s%s#p%u\"/>\n", site->url, show, h->ordinal);
        if (*h->from)
            html_printf(out, "<author><name>%s</name></author>\n", h->from);
        html_printf(out, "<category term=\"%s\"/>\n", *h->type ? h->type : "source");
        html_printf(out, "<summary>%s</summary>\n", h->snippet);
        html_printf(out, "<content type=\"text\">%s\n\n%s\n\nSource: %s</content>\n",
                    h->snippet, c.text, cli_source_name(h, &how));
        fputs("</entry>\n", out);
    }
    fputs("</feed>\n", out);
}

void page_opensearch(FILE *out, const page_site_t *site)
{
    fputs("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
          "<OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n",
          out);
    size_t cut = 0, chars = 0; /* at most 16 characters, the spec says */
    for (; site->name[cut] && chars < 16; cut++)
        chars += ((unsigned char)site->name[cut + 1] & 0xC0) != 0x80;
    fputs("<ShortName>", out);
    html_text_n(out, site->name, cut);
    fputs("</ShortName>\n", out);
    html_printf(out, "<Description>Search the passages of %s: words in any "
                     "form and spelling, phrases, fields, dates.</Description>\n",
                site->name);
    html_printf(out, "<Url type=\"text/html\" template=\"%s?q={searchTerms}\"/>\n",
                site->url);
    html_printf(out, "<Url type=\"application/atom+xml\" "
                     "template=\"%s?q={searchTerms}&amp;format=atom\"/>\n", site->url);
    html_printf(out, "<Url type=\"application/json\" "
                     "template=\"%s?q={searchTerms}&amp;format=json\"/>\n", site->url);
    html_printf(out, "<Url type=\"application/opensearchdescription+xml\" "
                     "rel=\"self\" template=\"%s/opensearch.xml\"/>\n", site->url);
    fputs("<InputEncoding>UTF-8</InputEncoding>\n<OutputEncoding>UTF-8</OutputEncoding>\n"
          "</OpenSearchDescription>\n", out);
}
