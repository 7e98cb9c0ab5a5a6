/*
 * htmldoc.c -- an HTML page as one source (see htmldoc.h): xml.h parses it,
 * one walk over the tree gathers the fields, another writes the text
 * (textout.h).
 */
#include "htmldoc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/tree.h>

#include "extract_internal.h"
#include "textout.h"
#include "xml.h"

#define DETECT_WINDOW 4096 /* where the first tag must stand */

/* ------------------------------------------------------------ detection */

/* s[i, n) begins with the ASCII word w, whatever its case. */
static int starts(const char *s, size_t n, size_t i, const char *w)
{
    size_t k = strlen(w);
    return i + k <= n && strncasecmp(s + i, w, k) == 0;
}

int html_detect(const char *bytes, size_t len)
{
    size_t n = len < DETECT_WINDOW ? len : DETECT_WINDOW, i = 0;
    if (starts(bytes, n, 0, "\xef\xbb\xbf"))
        i = 3;
    for (;;) {
        while (i < n && strchr(" \t\r\n", bytes[i]) && bytes[i])
            i++;
        const char *end = starts(bytes, n, i, "<!--") ? "-->"
                          : starts(bytes, n, i, "<?") ? "?>" : NULL;
        if (!end)
            break;
        const char *close = NULL;
        for (size_t k = i + 2; k + strlen(end) <= n && !close; k++)
            if (memcmp(bytes + k, end, strlen(end)) == 0)
                close = bytes + k + strlen(end);
        if (!close)
            return 0;
        i = (size_t)(close - bytes);
    }
    if (starts(bytes, n, i, "<!doctype")) {
        i += 9;
        while (i < n && strchr(" \t\r\n", bytes[i]) && bytes[i])
            i++;
        return starts(bytes, n, i, "html");
    }
    return (starts(bytes, n, i, "<html") || starts(bytes, n, i, "<head")) &&
           i + 5 < n && strchr(" \t\r\n>", bytes[i + 5]) && bytes[i + 5];
}

/* ------------------------------------------------------------ fields */

enum { F_TITLE, F_TITLE_LATE, F_CREATOR, F_DATE, F_RIGHTS, F_SUBJECT,
       F_DESCRIPTION, F_COUNT };

/* Each field's meta names, the best first. */
static const char *const meta_names[F_COUNT][12] = {
    [F_TITLE] = {"dc.title", "dcterms.title", "citation_title"},
    [F_TITLE_LATE] = {"og:title"},
    [F_CREATOR] = {"author", "dc.creator", "dcterms.creator", "citation_author"},
    [F_DATE] = {"dc.date", "dcterms.date", "dcterms.created", "dcterms.issued",
                "dc.date.created", "citation_publication_date", "citation_date",
                "article:published_time", "date", "pubdate"},
    [F_RIGHTS] = {"dc.rights", "dcterms.rights", "copyright"},
    [F_SUBJECT] = {"dc.subject", "dcterms.subject", "keywords"},
    [F_DESCRIPTION] = {"description", "dc.description", "dcterms.description",
                       "og:description"},
};

typedef struct {
    char *value[F_COUNT]; /* xmlChar strings (free with xmlFree) */
    int rank[F_COUNT];    /* the place of its name in meta_names */
    char *title;          /* the first <title>'s text */
    int failed;
} fields_t;

/* A node's text, white space collapsed, malloc'd (NULL: none or no
 * memory, *failed says which). */
static char *text_of(xmlNodePtr n, int *failed)
{
    xmlChar *raw = xmlNodeGetContent(n);
    char *s = NULL;
    if (raw && textout_collapsed((const char *)raw, &s) != 0)
        *failed = 1;
    xmlFree(raw);
    return s;
}

static void read_meta(fields_t *f, xmlNodePtr n)
{
    char *name = xml_attr(n, "name");
    if (!name)
        name = xml_attr(n, "property");
    char *content = name ? xml_attr(n, "content") : NULL;
    for (int k = 0; content && k < F_COUNT; k++)
        for (int r = 0; r < 12 && meta_names[k][r]; r++)
            if (strcasecmp(name, meta_names[k][r]) == 0 && r < f->rank[k] &&
                content[strspn(content, " \t\r\n")]) {
                xmlFree(f->value[k]);
                f->value[k] = content;
                f->rank[k] = r;
                content = NULL;
            }
    xmlFree(name);
    xmlFree(content);
}

/* The title and the metas anywhere in the tree under n. */
static void read_fields(fields_t *f, xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (xml_is(n, "meta"))
            read_meta(f, n);
        else if (xml_is(n, "title") && !f->title)
            f->title = text_of(n, &f->failed);
        else if (!xml_is(n, "svg")) /* an SVG's <title> is a picture's */
            read_fields(f, n->children);
    }
}

/* A field's value, its white space collapsed, into *to (left as it is
 * when it has one); -1 out of memory. */
static int take(char **to, const char *v)
{
    return *to ? 0 : textout_collapsed(v, to);
}

/* The fields into x (description: into *description). */
static int fields_give(fields_t *f, extract_t *x, char **description)
{
    const char *title = f->value[F_TITLE] ? (const char *)f->value[F_TITLE]
                        : f->title ? f->title
                                   : (const char *)f->value[F_TITLE_LATE];
    int rc = take(&x->title, title) | take(&x->author, f->value[F_CREATOR]) |
             take(&x->rights, f->value[F_RIGHTS]) |
             take(&x->subject, f->value[F_SUBJECT]) |
             take(description, f->value[F_DESCRIPTION]);
    if (x->title && extract_title_generic(x->title)) {
        free(x->title);
        x->title = NULL;
    }
    if (f->value[F_DATE])
        extract_doc_date(x, f->value[F_DATE]);
    return rc || f->failed ? -1 : 0;
}

static void fields_free(fields_t *f)
{
    for (int k = 0; k < F_COUNT; k++)
        xmlFree(f->value[k]);
    free(f->title);
}

/* ------------------------------------------------------------ text */

static int named(xmlNodePtr n, const char *const *names)
{
    for (; *names; names++)
        if (xml_is(n, *names))
            return 1;
    return 0;
}

static int attr_is(xmlNodePtr n, const char *attr, const char *const *values)
{
    char *v = xml_attr(n, attr);
    int found = 0;
    for (; v && *values && !found; values++)
        found = strcasecmp(v, *values) == 0;
    xmlFree(v);
    return found;
}

/* Never text: code, style, the head, embedded objects, what is hidden. */
static int never_text(xmlNodePtr n)
{
    static const char *const elements[] = {
        "script", "style", "template", "noscript", "head", "title", "svg",
        "canvas",
        "iframe", "object", "embed", "audio", "video", "button", "select",
        "math", NULL};
    static const char *const yes[] = {"true", NULL};
    return named(n, elements) || xmlHasProp(n, (const xmlChar *)"hidden") ||
           attr_is(n, "aria-hidden", yes);
}

/* Navigation boilerplate (htmldoc.h's rule); in_article: within an
 * <article> or <main>. */
static int boilerplate(xmlNodePtr n, int in_article)
{
    static const char *const always[] = {"nav", "aside", NULL};
    static const char *const page[] = {"header", "footer", NULL};
    static const char *const roles[] = {"navigation", "banner", "contentinfo",
                                        "complementary", "search", "menu",
                                        "menubar", NULL};
    return named(n, always) || (!in_article && named(n, page)) ||
           attr_is(n, "role", roles);
}

typedef struct {
    textout_t out;
    int keep_boilerplate; /* the second reading of a page all boilerplate */
} walk_t;

static void walk(walk_t *w, xmlNodePtr n, int pre, int in_article)
{
    static const char *const paragraphs[] = {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table",
        "ul", "ol", "dl", "figure", "address", "hr", "section", "article",
        "main", "header", "footer", "body", NULL};
    static const char *const lines[] = {
        "br", "li", "tr", "dt", "dd", "caption", "figcaption", "div", "option",
        "legend", NULL};
    static const char *const cells[] = {"td", "th", NULL};
    static const char *const articles[] = {"article", "main", NULL};
    static const char *const main_role[] = {"main", "article", NULL};
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                textout_words(&w->out, (const char *)n->content,
                              strlen((const char *)n->content), pre);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE || never_text(n) ||
            (!w->keep_boilerplate && boilerplate(n, in_article)))
            continue;
        int breaks = named(n, paragraphs) ? 2 : named(n, lines) ? 1 : 0;
        if (named(n, cells))
            textout_tab(&w->out);
        textout_break(&w->out, breaks);
        walk(w, n->children, pre || xml_is(n, "pre"),
             in_article || named(n, articles) || attr_is(n, "role", main_role));
        textout_break(&w->out, breaks);
    }
}

/* The page's text after its description (NULL: none) into x. */
/* The page's text (see htmldoc.h), after its description if it has one,
 * into a malloc'd *s of *len bytes; FOND_ERR_NOMEM. */
static fond_status_t page_text(xmlDocPtr doc, const char *description,
                               char **s, size_t *len)
{
    walk_t w = {TEXTOUT_INIT, 0};
    for (int pass = 0; pass < 2; pass++) {
        textout_free(&w.out);
        w.keep_boilerplate = pass;
        walk(&w, doc->children, 0, 0);
        if (w.out.len || w.out.failed)
            break; /* words kept: the rule holds */
    }
    textout_t t = TEXTOUT_INIT;
    if (description) {
        textout_words(&t, description, strlen(description), 0);
        textout_break(&t, 2);
    }
    if (w.out.len)
        textout_raw(&t, w.out.s, w.out.len);
    t.failed |= w.out.failed;
    textout_free(&w.out);
    return textout_take(&t, s, len) != 0 ? FOND_ERR_NOMEM : FOND_OK;
}

static fond_status_t write_text(extract_t *x, xmlDocPtr doc,
                                const char *description)
{
    char *s;
    size_t len;
    if (page_text(doc, description, &s, &len) != FOND_OK)
        return FOND_ERR_NOMEM;
    x->layout.text = s;
    x->layout.len = x->layout.cap = len;
    return extract_layout_done(x);
}

fond_status_t html_read_text(const char *utf8, size_t len, char **out,
                        size_t *out_len, char *err, size_t errsize)
{
    xmlDocPtr doc;
    *out = NULL;
    fond_status_t st = xml_parse(utf8, len, XML_AS_HTML_UTF8, &doc, err, errsize);
    if (st != FOND_OK)
        return st;
    st = page_text(doc, NULL, out, out_len);
    if (st == FOND_ERR_NOMEM)
        snprintf(err, errsize, "out of memory");
    xmlFreeDoc(doc);
    return st;
}

fond_status_t html_read(extract_t *x, const char *bytes, size_t len,
                        char *err, size_t errsize)
{
    xmlDocPtr doc;
    fond_status_t st = xml_parse(bytes, len, XML_AS_HTML, &doc, err, errsize);
    if (st != FOND_OK)
        return st;
    fields_t f = {.rank = {99, 99, 99, 99, 99, 99, 99}};
    char *description = NULL;
    read_fields(&f, doc->children);
    if (fields_give(&f, x, &description) != 0)
        st = FOND_ERR_NOMEM;
    if (st == FOND_OK)
        st = write_text(x, doc, description);
    if (st == FOND_ERR_NOMEM)
        snprintf(err, errsize, "out of memory");
    free(description);
    fields_free(&f);
    xmlFreeDoc(doc);
    return st;
}
