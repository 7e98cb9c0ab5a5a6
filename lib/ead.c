/*
 * ead.c -- EAD finding aids (EAD 2002 and EAD3) read into parts, one a
 * described unit: the collection (<archdesc>), then each component in
 * document order (ead.h says what each field is taken from).  A walk over
 * the tree xml_parse() gives: a unit's own fields are read from its <did>
 * and its own children, never from the components nested in it, and the
 * path from the collection down is carried as the hierarchy lines of the
 * units above (the depth is bounded by xml.h's XML_MAX_DEPTH).
 */
#define _GNU_SOURCE /* memmem() */
#include "ead.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "dates.h"
#include "text.h"
#include "xml.h"

#define EAD2002_NS "urn:isbn:1-931666-22-9"
#define EAD3_NS "http://ead3.archivists.org/schema/"
#define DETECT_BYTES 65536 /* looked at for the first element */
#define FIELD_MAX 2000     /* bytes of one field kept (a title, an id) */
#define LEVEL_FIELD_MAX 200 /* bytes of a level's id or title in a hierarchy */
/* The fields every part copies (its collection's title, the hierarchy
 * above it) may take at most this much memory, all parts together, beyond
 * 8 bytes a byte of the file: a file of many small components deep in
 * long-titled levels is refused, not let grow quadratic. */
#define FIELDS_BUDGET ((size_t)64 << 20)

/* ------------------------------------------------------------ detecting */

/* The first element's start tag in bytes[0, len): *tag at its '<', its
 * length to the '>' (or what is there of it). 0 if none is found. */
static int first_tag(const char *b, size_t len, const char **tag, size_t *n)
{
    size_t i = 0;
    if (len >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len) {
        if (text_is_space(b[i])) {
            i++;
            continue;
        }
        if (b[i] != '<')
            return 0;
        const char *end = NULL, *s = b + i;
        size_t rest = len - i;
        if (rest >= 2 && (s[1] == '?'))
            end = memmem(s, rest, "?>", 2);
        else if (rest >= 4 && memcmp(s, "<!--", 4) == 0)
            end = memmem(s, rest, "-->", 3);
        else if (rest >= 2 && s[1] == '!') { /* a DOCTYPE, perhaps a subset */
            const char *open = memchr(s, '[', rest), *close = memchr(s, '>', rest);
            end = open && close && open < close ? memmem(s, rest, "]>", 2) : close;
        } else {
            const char *gt = memchr(s, '>', rest);
            *tag = s;
            *n = gt ? (size_t)(gt - s) : rest;
            return 1;
        }
        if (!end)
            return 0;
        i = (size_t)(end - b) + 2;
    }
    return 0;
}

int ead_detect(const char *bytes, size_t len)
{
    const char *tag;
    size_t n;
    if (!first_tag(bytes, len < DETECT_BYTES ? len : DETECT_BYTES, &tag, &n))
        return 0;
    size_t name = 1;
    while (name < n && !text_is_space(tag[name]) && tag[name] != '/' &&
           tag[name] != '>')
        name++;
    const char *colon = memchr(tag + 1, ':', name - 1);
    const char *local = colon ? colon + 1 : tag + 1;
    if (tag + name - local != 3 || strncasecmp(local, "ead", 3) != 0)
        return 0;
    /* the element's own namespace, where one is declared, must be EAD's
     * (xmlns="..." for <ead>, xmlns:p="..." for <p:ead>; xmlns:xlink and
     * the others say nothing of it) */
    char decl[64];
    snprintf(decl, sizeof decl, "xmlns%s%.*s=", colon ? ":" : "",
             colon ? (int)(colon - tag - 1) : 0, tag + 1);
    const char *at = memmem(tag, n, decl, strlen(decl));
    if (!at)
        return 1;
    const char *v = at + strlen(decl);
    size_t rest = n - (size_t)(v - tag);
    while (rest && text_is_space(*v))
        v++, rest--;
    if (!rest || (*v != '"' && *v != '\''))
        return 0;
    v++, rest--;
    const char *ns[] = {EAD2002_NS, EAD3_NS};
    for (size_t i = 0; i < 2; i++)
        if (rest > strlen(ns[i]) && memcmp(v, ns[i], strlen(ns[i])) == 0 &&
            (v[strlen(ns[i])] == '"' || v[strlen(ns[i])] == '\''))
            return 1;
    return 0;
}

/* ------------------------------------------------------------ text */

typedef struct {
    char *data;
    size_t len, cap;
    int gap; /* what goes before the next word: 0, 1 space, 2 newline,
                3 blank line */
    int failed; /* a put ran out of memory: what it holds is cut short */
} buf_t;

static int buf_put(buf_t *b, const char *s, size_t n)
{
    if (array_reserve(&b->data, &b->cap, b->len + n + 1, 1, 256) != 0) {
        b->failed = 1;
        return -1;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

static void buf_gap(buf_t *b, int gap)
{
    if (gap > b->gap)
        b->gap = gap;
}

/* Text s with its white space collapsed, after the gap owed. */
static int buf_words(buf_t *b, const char *s)
{
    for (size_t i = 0; s[i];) {
        if (text_is_space(s[i])) {
            buf_gap(b, 1);
            i++;
            continue;
        }
        size_t w = i;
        while (s[w] && !text_is_space(s[w]))
            w++;
        static const char *const gaps[] = {"", " ", "\n", "\n\n"};
        if (b->len && buf_put(b, gaps[b->gap], strlen(gaps[b->gap])) != 0)
            return -1;
        b->gap = 0;
        if (buf_put(b, s + i, w - i) != 0)
            return -1;
        i = w;
    }
    return 0;
}

/* ------------------------------------------------------------ the tree */

/* A component: <c>, <c01> ... <c12>. */
static int is_component(xmlNodePtr n)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return 0;
    const char *s = (const char *)n->name;
    if (strcasecmp(s, "c") == 0)
        return 1;
    return (s[0] == 'c' || s[0] == 'C') && s[1] >= '0' && s[1] <= '1' &&
           s[2] >= '0' && s[2] <= '9' && !s[3] &&
           (s[1] - '0') * 10 + (s[2] - '0') >= 1 &&
           (s[1] - '0') * 10 + (s[2] - '0') <= 12;
}

static int name_in(xmlNodePtr n, const char *const *names)
{
    for (size_t i = 0; names[i]; i++)
        if (xml_is(n, names[i]))
            return 1;
    return 0;
}

/* Elements that run inside a sentence: no space is put around them. */
static const char *const inline_names[] = {"emph", "abbr", "expan", "ref",
                                           "extref", "ptr", "extptr",
                                           "linkgrp", NULL};
/* Elements that are blocks: a paragraph each. */
static const char *const block_names[] = {
    "p", "head", "list", "chronlist", "table", "blockquote", "address",
    "defitem", "index", "bibliography", "controlaccess", "did", NULL};
/* Elements that are lines. */
static const char *const line_names[] = {"item", "chronitem", "row", "addressline",
                                         "indexentry", "bibref", "label",
                                         "lb", NULL};

static int put_container(buf_t *b, xmlNodePtr c, const char *sep);

/* The words of node's tree, but for its components, into b. */
static int put_text(buf_t *b, xmlNodePtr node, int depth)
{
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content && buf_words(b, (const char *)c->content) != 0)
                return -1;
            continue;
        }
        if (c->type != XML_ELEMENT_NODE || is_component(c) || xml_is(c, "dsc") ||
            xml_is(c, "dao") || xml_is(c, "daoloc"))
            continue;
        if (xml_is(c, "container")) { /* "Box 3", as its reference says */
            buf_t one = {0};
            buf_gap(b, 3);
            if (put_container(&one, c, "") != 0 || (one.data && buf_words(b, one.data) != 0)) {
                free(one.data);
                return -1;
            }
            free(one.data);
            continue;
        }
        /* a unit's own children are each a block of their own; a did's
         * run on in one (its date or box number alone on a line would
         * read as a page's number, and be lost) */
        int gap = depth == 1                                ? 1
                  : depth == 0 || name_in(c, block_names) ? 3
                  : name_in(c, line_names)              ? 2
                  : name_in(c, inline_names)            ? 0
                                                         : 1;
        buf_gap(b, gap);
        if (put_text(b, c, xml_is(c, "did") ? 1 : depth + 1) != 0)
            return -1;
        buf_gap(b, gap);
    }
    return 0;
}

/* node's text content, white space collapsed, cut at FIELD_MAX bytes (on
 * a character's start); malloc'd, NULL if empty. */
static char *node_words(xmlNodePtr node)
{
    char *raw = node ? (char *)xmlNodeGetContent(node) : NULL;
    buf_t b = {0};
    if (raw && buf_words(&b, raw) != 0) {
        free(b.data);
        b.data = NULL;
    }
    xmlFree(raw);
    if (b.data && b.len > FIELD_MAX) {
        size_t cut = FIELD_MAX;
        while (cut > 0 && text_is_continuation(b.data[cut]))
            cut--;
        b.data[cut] = '\0';
    }
    return b.data;
}

/* The first child element of node named name, or NULL. */
static xmlNodePtr child(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next)
        if (xml_is(c, name))
            return c;
    return NULL;
}

/* ------------------------------------------------------------ one unit */

typedef struct {
    size_t budget;          /* bytes the parts' fields may still take */
    const char *collection; /* the collection's title */
    char *hierarchy;        /* lines of the units above the one read */
    size_t hierarchy_len;
    char failure[160];
    fond_status_t st;
} walk_t;

/* A copy of s without tabs or newlines (a hierarchy line's field), cut
 * at LEVEL_FIELD_MAX bytes on a character's start. */
static void put_field(buf_t *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n > LEVEL_FIELD_MAX)
        for (n = LEVEL_FIELD_MAX; n > 0 && text_is_continuation(s[n]);)
            n--;
    for (size_t i = 0; i < n; i++)
        buf_put(b, s[i] == '\t' || s[i] == '\n' ? " " : s + i, 1);
}

/* The date of a normal attribute or a standarddate: ISO 8601, a range
 * with '/', EAD 2002's basic form too (19000101) */
static int parse_normal(const char *v, char date[9], char date_end[9])
{
    char iso[64];
    size_t o = 0;
    for (size_t i = 0; v[i] && o + 3 < sizeof iso; i++) {
        size_t run = 0;
        while (v[i + run] >= '0' && v[i + run] <= '9')
            run++;
        if ((run == 8 || run == 6) && (i == 0 || v[i - 1] == '/')) {
            /* YYYYMMDD or YYYYMM */
            memcpy(iso + o, v + i, 4), o += 4;
            iso[o++] = '-', memcpy(iso + o, v + i + 4, 2), o += 2;
            if (run == 8)
                iso[o++] = '-', memcpy(iso + o, v + i + 6, 2), o += 2;
            i += run - 1;
        } else
            iso[o++] = v[i];
    }
    iso[o] = '\0';
    return dates_parse_value(iso, o, date, date_end);
}

/* The date range its text names: a year or ISO date alone ("1920",
 * "1912-03"), two years with a dash between ("1890-1955", "1890 – 1955"),
 * else its first date to its last as running text names them (dates.h). */
static int text_dates(const char *s, char date[9], char date_end[9])
{
    if (!s)
        return 0;
    char range[16];
    size_t n = strlen(s);
    if (n <= 10 && dates_parse_value(s, n, date, date_end))
        return 1;
    int a, b, used = 0;
    if (sscanf(s, "%4d%n", &a, &used) == 1 && used == 4) {
        const char *rest = s + 4;
        while (*rest == ' ')
            rest++;
        const char *dash = strncmp(rest, "\xE2\x80\x93", 3) == 0 ? rest + 3 /* – */
                           : *rest == '-' ? rest + 1 : NULL;
        while (dash && *dash == ' ')
            dash++;
        used = 0;
        if (dash && sscanf(dash, "%4d%n", &b, &used) == 1 && used == 4 && !dash[4]) {
            snprintf(range, sizeof range, "%04d/%04d", a, b);
            if (dates_parse_value(range, 9, date, date_end))
                return 1;
        }
    }
    date_mention_t *m = NULL;
    n = 0;
    if (dates_find(s, strlen(s), 0, &m, &n) != FOND_OK || n == 0) {
        free(m);
        return 0;
    }
    dates_format(&m[0], date);
    dates_format(&m[n - 1], date_end);
    if (n == 1 || strcmp(date_end, date) <= 0)
        date_end[0] = '\0';
    free(m);
    return 1;
}

/* EAD3's <unitdatestructured>: its datesingle or daterange's
 * standarddate attributes as "from/to". */
static int structured_date(xmlNodePtr u, char date[9], char date_end[9])
{
    xmlNodePtr single = child(u, "datesingle"), range = child(u, "daterange");
    char *a = NULL, *b = NULL;
    if (single)
        a = xml_attr(single, "standarddate");
    else if (range) {
        a = xml_attr(child(range, "fromdate"), "standarddate");
        b = xml_attr(child(range, "todate"), "standarddate");
    }
    char v[64];
    snprintf(v, sizeof v, "%s%s%s", a ? a : b ? b : "", a && b ? "/" : "",
             a && b ? b : "");
    int ok = v[0] && parse_normal(v, date, date_end);
    if (!ok) { /* no standard date: its words */
        char *words = node_words(u);
        ok = text_dates(words, date, date_end);
        free(words);
    }
    xmlFree(a);
    xmlFree(b);
    return ok;
}

/* The unit's date: the first unitdate with a normal attribute (the
 * inclusive before the bulk), else the first with a date in its words. */
static void unit_date(xmlNodePtr did, source_t *f)
{
    xmlNodePtr dates[16];
    size_t n = 0;
    for (xmlNodePtr c = did->children; c && n < 16; c = c->next) {
        if (xml_is(c, "unitdate") || xml_is(c, "unitdatestructured"))
            dates[n++] = c;
        else if (xml_is(c, "unittitle")) /* EAD 2002 lets it stand there */
            for (xmlNodePtr d = c->children; d && n < 16; d = d->next)
                if (xml_is(d, "unitdate"))
                    dates[n++] = d;
    }
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            char *type = xml_attr(dates[i], "type");
            int bulk = type && strcasecmp(type, "bulk") == 0;
            xmlFree(type);
            if (bulk && pass == 0)
                continue;
            if (xml_is(dates[i], "unitdatestructured")) {
                if (structured_date(dates[i], f->date, f->date_end))
                    return;
                continue;
            }
            char *normal = xml_attr(dates[i], "normal");
            int ok = normal && parse_normal(normal, f->date, f->date_end);
            xmlFree(normal);
            if (!ok) {
                char *words = node_words(dates[i]);
                ok = text_dates(words, f->date, f->date_end);
                free(words);
            }
            if (ok)
                return;
        }
    f->date[0] = f->date_end[0] = '\0';
}

/* A container as its type and its words ("Box 3"), after what b holds
 * with `sep` between; nothing for an empty one.  0, or -1 out of memory. */
static int put_container(buf_t *b, xmlNodePtr c, const char *sep)
{
    char *type = xml_attr(c, "type"), *label = xml_attr(c, "localtype");
    char *words = node_words(c);
    const char *t = type ? type : label;
    int rc = 0;
    if (words) {
        if (b->len)
            rc |= buf_put(b, sep, strlen(sep));
        if (t && *t) { /* "box" as "Box" */
            char first = t[0] >= 'a' && t[0] <= 'z' ? (char)(t[0] - 32) : t[0];
            rc |= buf_put(b, &first, 1);
            rc |= buf_put(b, t + 1, strlen(t + 1));
            rc |= buf_put(b, " ", 1);
        }
        rc |= buf_put(b, words, strlen(words));
    }
    xmlFree(type);
    xmlFree(label);
    free(words);
    return rc;
}

/* "Box 3, Folder 12": its containers, after what b holds. */
static int unit_containers(xmlNodePtr did, buf_t *b)
{
    for (xmlNodePtr c = did->children; c; c = c->next)
        if (xml_is(c, "container") && put_container(b, c, ", ") != 0)
            return -1;
    return 0;
}

/* The first link of the unit's digital objects: a <dao>'s href (EAD 2002
 * xlink:href, EAD3 href), a <daoloc>'s in a <daogrp>, a <dao> in a
 * <daoset>; in the unit itself or its did. */
static char *unit_link(xmlNodePtr unit)
{
    xmlNodePtr did = child(unit, "did");
    xmlNodePtr where[] = {did, unit};
    for (size_t w = 0; w < 2; w++)
        for (xmlNodePtr c = where[w] ? where[w]->children : NULL; c; c = c->next) {
            xmlNodePtr inner = xml_is(c, "daogrp") ? child(c, "daoloc")
                               : xml_is(c, "daoset") ? child(c, "dao")
                               : xml_is(c, "dao") ? c : NULL;
            char *href = inner ? xml_attr(inner, "href") : NULL;
            if (href && *href) {
                char *copy = strdup(href);
                xmlFree(href);
                return copy;
            }
            xmlFree(href);
        }
    return NULL;
}

/* The names the unit marks (not its components'), "kind\tname\n". */
static void unit_names(xmlNodePtr node, buf_t *b)
{
    static const struct {
        const char *element, *kind;
    } kinds[] = {{"persname", "person"}, {"famname", "person"},
                 {"corpname", "org"},    {"geogname", "place"}};
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || is_component(c) || xml_is(c, "dsc"))
            continue;
        size_t k = 0;
        while (k < 4 && !xml_is(c, kinds[k].element))
            k++;
        if (k == 4) {
            unit_names(c, b);
            continue;
        }
        char *words = node_words(c);
        if (words) {
            buf_put(b, kinds[k].kind, strlen(kinds[k].kind));
            buf_put(b, "\t", 1);
            put_field(b, words);
            buf_put(b, "\n", 1);
        }
        free(words);
    }
}

/* The unit's type: its level, or otherlevel's name, when fond knows it. */
static char *unit_type(xmlNodePtr unit)
{
    char *level = xml_attr(unit, "level");
    if (level && strcasecmp(level, "otherlevel") == 0) {
        char *other = xml_attr(unit, "otherlevel");
        if (other && source_type_named(other, strlen(other))) {
            xmlFree(level);
            level = other;
        } else
            xmlFree(other);
    }
    const char *known = level ? source_type_named(level, strlen(level)) : NULL;
    xmlFree(level);
    return known ? strdup(known) : NULL;
}

/* An id fit to name a part: no '#', '/', space or control character, not
 * all digits (those are the parts' numbers). */
static int usable_id(const char *id)
{
    int digits = 1;
    for (const char *s = id; *s; s++) {
        if ((unsigned char)*s <= ' ' || *s == '#' || *s == '/' || *s == '?' ||
            *s == '%')
            return 0;
        digits &= *s >= '0' && *s <= '9';
    }
    return *id && !digits && strlen(id) <= 200;
}

/* Whether s[0, n) holds a letter (any non-ASCII character counts). */
static int has_letter(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
            (unsigned char)s[i] >= 0x80)
            return 1;
    return 0;
}

/* A unit's text that opens with a number ("1874", a file of a series of
 * years; "3" a box) would lose it, read as a page's number, and one of no
 * letters makes no passage: the title of the level it is in goes first,
 * as a finding aid reads ("Ledgers of tonnage, 1874").  0, or -1. */
static int put_parent_title(const walk_t *w, buf_t *text)
{
    const char *last = w->hierarchy + w->hierarchy_len - 1, *line = last;
    while (line > w->hierarchy && line[-1] != '\n')
        line--;
    const char *title = memchr(line, '\t', (size_t)(last - line));
    title = title ? memchr(title + 1, '\t', (size_t)(last - title - 1)) : NULL;
    if (!title || title + 1 == last)
        return 0;
    buf_t with = {0};
    if (buf_put(&with, title + 1, (size_t)(last - title - 1)) != 0 ||
        buf_put(&with, ", ", 2) != 0 || buf_put(&with, text->data, text->len) != 0) {
        free(with.data);
        return -1;
    }
    free(text->data);
    *text = with;
    return 0;
}

static int fail_nomem(walk_t *w)
{
    w->st = FOND_ERR_NOMEM;
    snprintf(w->failure, sizeof w->failure, "out of memory");
    return -1;
}

/* The unit (archdesc or component) into a new part of out, with the
 * hierarchy above it in w; its id for the lines below it in *id (the
 * collection's is given). */
static int read_unit(walk_t *w, parts_t *out, xmlNodePtr unit, char **title_out,
                     char **level_out, char **id_out)
{
    if (out->n >= EAD_MAX_COMPONENTS) {
        w->st = FOND_ERR_EXTRACT;
        snprintf(w->failure, sizeof w->failure,
                 "more than %d components", EAD_MAX_COMPONENTS);
        return -1;
    }
    part_t *p;
    if (parts_add(out, &p) != FOND_OK)
        return fail_nomem(w);
    source_t *f = &p->fields;
    xmlNodePtr did = child(unit, "did");
    f->title = node_words(child(did, "unittitle"));
    if (!f->title) /* untitled: its date's words stand for it */
        f->title = node_words(child(did, "unitdate"));
    if (!f->title)
        f->title = node_words(child(did, "unitdatestructured"));
    if (did)
        unit_date(did, f);
    f->type = unit_type(unit);
    f->link = unit_link(unit);
    f->creator = node_words(child(did, "origination"));
    buf_t ref = {0}, names = {0}, text = {0};
    char *unitid = node_words(child(did, "unitid"));
    if (unitid)
        buf_put(&ref, unitid, strlen(unitid));
    if (did)
        unit_containers(did, &ref);
    f->archive_ref = ref.data;
    unit_names(unit, &names);
    f->names = names.data;
    size_t cost = (w->collection ? strlen(w->collection) : 0) + w->hierarchy_len +
                  (f->title ? strlen(f->title) : 0) + ref.len + names.len + 256;
    if (cost > w->budget) {
        free(unitid);
        w->st = FOND_ERR_EXTRACT;
        snprintf(w->failure, sizeof w->failure, "its %zu components' fields "
                 "would take too much memory", out->n);
        return -1;
    }
    w->budget -= cost;
    char *id = xml_attr(unit, "id");
    int ok = !ref.failed && !names.failed;
    if (ok && w->collection)
        ok = (f->container = strdup(w->collection)) != NULL;
    if (ok && w->hierarchy_len)
        ok = (f->hierarchy = strndup(w->hierarchy, w->hierarchy_len)) != NULL;
    if (ok && id && usable_id(id))
        ok = (p->id = strdup(id)) != NULL;
    if (ok)
        ok = put_text(&text, unit, 0) == 0;
    if (ok && !text.len && f->title)
        ok = buf_words(&text, f->title) == 0;
    if (ok && text.len && ((text.data[0] >= '0' && text.data[0] <= '9') ||
                           !has_letter(text.data, text.len)) && w->hierarchy_len)
        ok = put_parent_title(w, &text) == 0;
    if (ok && text.len) {
        p->text = text.data;
        p->len = text.len;
        text.data = NULL;
    } else if (ok) {
        snprintf(p->failure, sizeof p->failure, "a component with no words");
    }
    free(text.data);
    if (ok) { /* what the units below it carry of it */
        *title_out = f->title;
        char *level = xml_attr(unit, "level");
        *level_out = strdup(level ? level : f->type ? f->type : "");
        xmlFree(level);
        if (!*id_out)
            *id_out = strdup(id ? id : unitid ? unitid : "");
        ok = *level_out && *id_out;
    }
    xmlFree(id);
    free(unitid);
    return ok ? 0 : fail_nomem(w);
}

/* The components under node (its own, and those in a <dsc>), each read
 * with the hierarchy down to it. */
static int read_components(walk_t *w, parts_t *out, xmlNodePtr node);

/* The unit and, below it, its components. */
static int read_tree(walk_t *w, parts_t *out, xmlNodePtr unit, char *id)
{
    char *title = NULL, *level = NULL;
    if (read_unit(w, out, unit, &title, &level, &id) != 0) {
        free(id);
        free(level);
        return -1;
    }
    size_t was = w->hierarchy_len;
    buf_t line = {0};
    put_field(&line, level);
    buf_put(&line, "\t", 1);
    put_field(&line, id);
    buf_put(&line, "\t", 1);
    put_field(&line, title);
    buf_put(&line, "\n", 1);
    free(id);
    free(level);
    if (!line.data || line.failed) {
        free(line.data);
        return fail_nomem(w);
    }
    char *grown = realloc(w->hierarchy, w->hierarchy_len + line.len + 1);
    if (!grown)
        return free(line.data), fail_nomem(w);
    w->hierarchy = grown;
    memcpy(w->hierarchy + w->hierarchy_len, line.data, line.len + 1);
    w->hierarchy_len += line.len;
    free(line.data);
    int rc = read_components(w, out, unit);
    w->hierarchy_len = was;
    return rc;
}

static int read_components(walk_t *w, parts_t *out, xmlNodePtr node)
{
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (is_component(c)) {
            if (read_tree(w, out, c, NULL) != 0)
                return -1;
        } else if (xml_is(c, "dsc") || xml_is(c, "dscgrp")) {
            if (read_components(w, out, c) != 0)
                return -1;
        }
    }
    return 0;
}

/* The finding aid's own identifier: EAD 2002 eadheader/eadid, EAD3
 * control/recordid. */
static char *finding_aid_id(xmlNodePtr root)
{
    char *id = node_words(child(child(root, "eadheader"), "eadid"));
    if (!id)
        id = node_words(child(child(root, "control"), "recordid"));
    return id;
}

/* Parts whose ids repeat in the file lose them (they are named by their
 * number): a name must find one source. */
static int by_id(const void *a, const void *b)
{
    const part_t *const *x = a, *const *y = b;
    return strcmp((*x)->id, (*y)->id);
}

static fond_status_t unique_ids(parts_t *out)
{
    size_t n = 0;
    part_t **with = malloc((out->n + 1) * sizeof *with);
    if (!with)
        return FOND_ERR_NOMEM;
    for (size_t i = 0; i < out->n; i++)
        if (out->parts[i].id)
            with[n++] = &out->parts[i];
    qsort(with, n, sizeof *with, by_id);
    for (size_t i = 0; i + 1 < n;) {
        size_t j = i + 1;
        while (j < n && strcmp(with[i]->id, with[j]->id) == 0)
            j++;
        for (size_t k = i; j > i + 1 && k < j; k++) {
            free(with[k]->id);
            with[k]->id = NULL; /* sorted already: no compare reads it again */
        }
        i = j;
    }
    free(with);
    return FOND_OK;
}

fond_status_t ead_read(parts_t *out, const char *bytes, size_t len, char *err,
                       size_t errsize)
{
    memset(out, 0, sizeof *out);
    xmlDocPtr doc;
    fond_status_t st = xml_parse(bytes, len, XML_AS_XML, &doc, err, errsize);
    if (st != FOND_OK)
        return st;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    const char *ns = root && root->ns && root->ns->href ? (const char *)root->ns->href : NULL;
    xmlNodePtr archdesc = child(root, "archdesc");
    if (!xml_is(root, "ead") || (ns && strcmp(ns, EAD2002_NS) != 0 && strcmp(ns, EAD3_NS) != 0)) {
        snprintf(err, errsize, "not an EAD finding aid (its root is not <ead> in EAD's namespace)");
        st = FOND_ERR_EXTRACT;
    } else if (!archdesc) {
        snprintf(err, errsize, "an EAD finding aid with no <archdesc>");
        st = FOND_ERR_EXTRACT;
    }
    if (st != FOND_OK) {
        xmlFreeDoc(doc);
        return st;
    }
    walk_t w = {0};
    w.st = FOND_OK;
    w.budget = FIELDS_BUDGET + (len < SIZE_MAX / 16 ? len * 8 : len);
    xmlNodePtr did = child(archdesc, "did");
    char *collection = node_words(child(did, "unittitle"));
    if (!collection)
        collection = node_words(child(did, "unitdate"));
    w.collection = collection;
    if (read_tree(&w, out, archdesc, finding_aid_id(root)) != 0) {
        st = w.st;
        snprintf(err, errsize, "%s", w.failure);
    }
    if (st == FOND_OK)
        st = unique_ids(out);
    free(collection);
    free(w.hierarchy);
    xmlFreeDoc(doc);
    return st;
}
