/*
 * tei.c -- a TEI edition's documents as parts (tei.h): one walk over the
 * tree xml_parse() gives, in document order, writing each document's text
 * (its lines, note markers and Notes section, page breaks and labels) and
 * gathering what its markup states (head, dateline, marked names, source
 * note).  What the markup leaves unsaid (the type, the sender of a head
 * with no marked names) is read from the head and opener as structure.h
 * reads a printed document.
 */
#define _GNU_SOURCE /* memmem() */
#include "tei.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "dates.h"
#include "structure.h"
#include "text.h"
#include "xml.h"

typedef struct {
    char *s;
    size_t n, cap;
    int nomem;
} buf_t;

/* A note that stands elsewhere than its place in the text: a note at the
 * document's end pointing to its place (<note target="#a3">, with
 * <anchor xml:id="a3"/> in the text), or one a <ref target="#n3"> in the
 * text points to.  Its marker goes at the anchor. */
typedef struct {
    xmlNodePtr anchor, note;
} moved_t;

/* What the walk over one document gathers. */
typedef struct {
    moved_t *moved;    /* sorted by anchor */
    xmlNodePtr *moved_notes; /* the same notes, sorted */
    size_t n_moved, cap_moved;
    xmlNodePtr head;   /* the document's <head> */
    xmlNodePtr held[8]; /* notes before it (FRUS's source note): their
                           markers go at the head's end */
    size_t n_held;
    buf_t text;        /* the body */
    buf_t notes;       /* "n. text\n" lines */
    buf_t names;       /* "kind\tname\n" lines */
    buf_t from, to;    /* names marked type="from" / "to" in the head */
    unsigned n_notes;
    char *source_note; /* the first <note type="source">'s words */
    char *place;       /* the dateline's first <placeName> */
    char date[9], date_end[9];
    int dated;         /* a dateline's <date> was read (or tried) */
    int in_note, in_head, in_dateline;
} doc_t;

/* The walk over the file. */
typedef struct {
    parts_t *out;
    const char *container;
    char page[16];     /* the label of the last <pb> seen */
    int documents;     /* the file has <div type="document">s */
    fond_status_t st;
} walk_t;

/* ------------------------------------------------------------ buffers */

static void buf_add(buf_t *b, const char *s, size_t n)
{
    if (b->nomem || array_reserve(&b->s, &b->cap, b->n + n + 1, 1, 256)) {
        b->nomem = 1;
        return;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void buf_str(buf_t *b, const char *s) { buf_add(b, s, strlen(s)); }

static int buf_ends_space(const buf_t *b)
{
    return b->n == 0 || text_is_space(b->s[b->n - 1]);
}

/* Text with its white space collapsed to single spaces, none at a line's
 * start. */
static void buf_words(buf_t *b, const char *s)
{
    while (*s) {
        if (text_is_space(*s)) {
            while (text_is_space(*s))
                s++;
            if (!buf_ends_space(b))
                buf_add(b, " ", 1);
            continue;
        }
        size_t k = 0;
        while (s[k] && !text_is_space(s[k]))
            k++;
        buf_add(b, s, k);
        s += k;
    }
}

static void buf_trim_spaces(buf_t *b)
{
    while (b->n && (b->s[b->n - 1] == ' ' || b->s[b->n - 1] == '\t'))
        b->s[--b->n] = '\0';
}

/* End the line (blank lines: 1 a block's end, 2 a paragraph's). */
static void buf_break(buf_t *b, int newlines)
{
    buf_trim_spaces(b);
    if (b->n == 0 || b->s[b->n - 1] == '\f')
        return;
    int have = 0;
    while (have < (int)b->n && b->s[b->n - 1 - have] == '\n')
        have++;
    for (; have < newlines; have++)
        buf_add(b, "\n", 1);
}

/* ------------------------------------------------------------ markup */

static int attr_is(xmlNodePtr n, const char *name, const char *value)
{
    char *v = xml_attr(n, name);
    int is = v && strcasecmp(v, value) == 0;
    xmlFree(v);
    return is;
}

/* Not the text: running heads (<fw>), the header, and the readings of a
 * <choice> set aside (its <sic>, <abbr>, <orig>). */
static int left_out(xmlNodePtr n)
{
    if (xml_is(n, "fw") || xml_is(n, "teiHeader"))
        return 1;
    return (xml_is(n, "sic") || xml_is(n, "abbr") || xml_is(n, "orig")) &&
           xml_is(n->parent, "choice");
}

/* The element's words into b, without its notes and what is left out. */
static void words_of(xmlNodePtr n, buf_t *b)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content)
            buf_words(b, (const char *)c->content);
        else if (xml_is(c, "lb") && !buf_ends_space(b))
            buf_add(b, " ", 1);
        else if (c->type == XML_ELEMENT_NODE && !xml_is(c, "note") &&
                 !left_out(c))
            words_of(c, b);
    }
}

/* Its words on one line (malloc'd; NULL when none, over TEI_MAX_FIELD or
 * out of memory). */
static char *line_of(xmlNodePtr n)
{
    buf_t b = {0};
    words_of(n, &b);
    buf_trim_spaces(&b);
    if (b.nomem || b.n == 0 || b.n > TEI_MAX_FIELD) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

static const char *const paragraphs[] = {
    "p", "head", "opener", "closer", "postscript", "div", "list", "table",
    "lg", "ab", "trailer", "byline", "argument", "epigraph", "figure",
    "listBibl", "floatingText", "body", "front", "back", "group", "text",
    "quote", "sp", NULL};
static const char *const lines[] = {
    "dateline", "salute", "signed", "item", "row", "l", "address",
    "addrLine", "label", "docDate", "bibl", "speaker", NULL};

static int named(xmlNodePtr n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (xml_is(n, list[i]))
            return 1;
    return 0;
}


/* "1952-01-25T19:00:00+01:00" as "1952-01-25" into out. */
static void date_value(const char *v, char *out, size_t size)
{
    size_t k = 0;
    while (v && v[k] && v[k] != 'T' && k + 1 < size && k < 10)
        k++;
    memcpy(out, v ? v : "", k);
    out[k] = '\0';
}

/* The dateline's <date>: when, or from/to, or notBefore/notAfter. */
static void date_read(doc_t *d, xmlNodePtr n)
{
    static const char *const starts[] = {"when", "from", "notBefore", "when-iso"};
    static const char *const ends[] = {"", "to", "notAfter", ""};
    d->dated = 1;
    for (size_t i = 0; i < sizeof starts / sizeof *starts; i++) {
        char *a = xml_attr(n, starts[i]);
        char *b = *ends[i] ? xml_attr(n, ends[i]) : NULL;
        char first[16], last[16], value[40];
        date_value(a, first, sizeof first);
        date_value(b, last, sizeof last);
        if (!*first && *last) /* only an end: the date it cannot be after */
            memcpy(first, last, sizeof first), last[0] = '\0';
        snprintf(value, sizeof value, "%s%s%s", first, *last ? "/" : "", last);
        xmlFree(a);
        xmlFree(b);
        if (*first &&
            dates_parse_value(value, strlen(value), d->date, d->date_end)) {
            if (strcmp(d->date, d->date_end) == 0)
                d->date_end[0] = '\0';
            return;
        }
        d->date[0] = d->date_end[0] = '\0';
    }
}

static void name_add(doc_t *d, const char *kind, xmlNodePtr n)
{
    char *name = line_of(n);
    if (name && d->names.n + strlen(name) < TEI_MAX_NAMES) {
        buf_str(&d->names, kind);
        buf_add(&d->names, "\t", 1);
        buf_str(&d->names, name);
        buf_add(&d->names, "\n", 1);
    }
    free(name);
}

/* A name marked type="from" or "to" in the head. */
static void side_add(doc_t *d, xmlNodePtr n)
{
    buf_t *side = attr_is(n, "type", "from") ? &d->from
                  : attr_is(n, "type", "to") ? &d->to
                                             : NULL;
    char *name = side ? line_of(n) : NULL;
    if (name && side->n < TEI_MAX_FIELD) {
        if (side->n)
            buf_str(side, "; ");
        buf_str(side, name);
    }
    free(name);
}

static void walk_node(doc_t *d, walk_t *w, xmlNodePtr n, buf_t *out);

/* ------------------------------------------------------------ moved notes */

#define TEI_MAX_MOVED 2000 /* notes placed by a pointer, a document */

static int by_pointer(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)*(const xmlNodePtr *)a;
    uintptr_t y = (uintptr_t)*(const xmlNodePtr *)b;
    return x < y ? -1 : x > y;
}

static int is_within(xmlNodePtr n, xmlNodePtr top)
{
    for (; n; n = n->parent)
        if (n == top)
            return 1;
    return 0;
}

/* The element a pointer ("#n3") names, inside top; NULL when none. */
static xmlNodePtr target_of(xmlNodePtr n, xmlNodePtr top)
{
    char *t = xml_attr(n, "target");
    const char *id = t && *t == '#' ? t + 1 : t;
    xmlAttrPtr a = id && *id && !strchr(id, ' ')
                       ? xmlGetID(n->doc, (const xmlChar *)id) : NULL;
    xmlFree(t);
    xmlNodePtr e = a ? a->parent : NULL;
    return e && e != n && is_within(e, top) ? e : NULL;
}

/* A note standing apart from the text it annotates: in a list of notes
 * (<div type="notes">, <listNote>, <noteGrp>, <back>), not in a
 * paragraph, where a ref to it is only a cross-reference. */
static int stands_apart(xmlNodePtr note)
{
    xmlNodePtr p = note->parent;
    return xml_is(p, "div") || xml_is(p, "listNote") ||
           xml_is(p, "noteGrp") || xml_is(p, "back");
}

/* Has a ref already placed the note?  (The first ref to it is its
 * anchor; a linear look: such notes are few, TEI_MAX_MOVED at most.) */
static int is_claimed(const doc_t *d, xmlNodePtr note)
{
    for (size_t i = 0; i < d->n_moved; i++)
        if (d->moved[i].note == note)
            return 1;
    return 0;
}

static void moved_gather(doc_t *d, xmlNodePtr n, xmlNodePtr top)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        xmlNodePtr t = NULL;
        moved_t m = {NULL, NULL};
        if (xml_is(c, "note") && (t = target_of(c, top)) && !xml_is(t, "note"))
            m = (moved_t){t, c};
        else if ((xml_is(c, "ref") || xml_is(c, "ptr")) &&
                 (t = target_of(c, top)) && xml_is(t, "note") &&
                 stands_apart(t) && !is_claimed(d, t))
            m = (moved_t){c, t}; /* not "see footnote 3 above" */
        if (m.note && d->n_moved < TEI_MAX_MOVED &&
            !array_reserve(&d->moved, &d->cap_moved, d->n_moved + 1,
                           sizeof *d->moved, 16))
            d->moved[d->n_moved++] = m;
        moved_gather(d, c, top);
    }
}

/* The notes' anchors sorted, and the notes, for bsearch. */
static int moved_sort(doc_t *d)
{
    if (!d->n_moved)
        return 0;
    d->moved_notes = malloc(d->n_moved * sizeof *d->moved_notes);
    if (!d->moved_notes)
        return -1;
    for (size_t i = 0; i < d->n_moved; i++)
        d->moved_notes[i] = d->moved[i].note;
    qsort(d->moved, d->n_moved, sizeof *d->moved, by_pointer);
    qsort(d->moved_notes, d->n_moved, sizeof *d->moved_notes, by_pointer);
    return 0;
}

static const moved_t *moved_at(const doc_t *d, xmlNodePtr anchor)
{
    return d->n_moved ? bsearch(&anchor, d->moved, d->n_moved, sizeof *d->moved,
                                by_pointer)
                      : NULL;
}

static int is_moved(const doc_t *d, xmlNodePtr note)
{
    return d->n_moved && bsearch(&note, d->moved_notes, d->n_moved,
                                 sizeof *d->moved_notes, by_pointer);
}

static void walk_children(doc_t *d, walk_t *w, xmlNodePtr n, buf_t *out)
{
    for (xmlNodePtr c = n->children; c; c = c->next)
        walk_node(d, w, c, out);
}

/* A <note>: its marker here, its words as the next note. */
static void note_walk(doc_t *d, walk_t *w, xmlNodePtr n, buf_t *out)
{
    buf_t words = {0};
    d->in_note = 1;
    walk_children(d, w, n, &words);
    d->in_note = 0;
    for (size_t i = 0; i < words.n; i++)
        if (text_is_space(words.s[i]))
            words.s[i] = ' '; /* a note is one line */
    buf_t one = {0};
    if (words.s)
        buf_words(&one, words.s);
    buf_trim_spaces(&one);
    free(words.s);
    if (one.n) {
        char marker[16];
        snprintf(marker, sizeof marker, "[%u]", ++d->n_notes);
        buf_str(out, marker);
        snprintf(marker, sizeof marker, "%u. ", d->n_notes);
        buf_str(&d->notes, marker);
        buf_add(&d->notes, one.s, one.n);
        buf_add(&d->notes, "\n", 1);
        if (!d->source_note && attr_is(n, "type", "source") &&
            one.n <= TEI_MAX_FIELD)
            d->source_note = strdup(one.s);
    }
    d->notes.nomem |= one.nomem;
    free(one.s);
}

/* A <pb n>: a new page, its label on its first line. */
static void page_walk(walk_t *w, xmlNodePtr n, buf_t *out)
{
    char *label = xml_attr(n, "n");
    size_t k = label ? strlen(label) : 0;
    if (k >= sizeof w->page) { /* cut at a character's start */
        k = sizeof w->page - 1;
        while (k && text_is_continuation(label[k]))
            k--;
    }
    memcpy(w->page, label ? label : "", k);
    w->page[k] = '\0';
    xmlFree(label);
    for (char *c = w->page; *c; c++)
        if (text_is_space(*c))
            *c = ' ';
    buf_trim_spaces(out);
    if (out->n && out->s[out->n - 1] != '\n')
        buf_add(out, "\n", 1); /* as pdftotext ends a page: its last line,
                                   then the form feed */
    if (out->n)
        buf_add(out, "\f", 1);
    if (*w->page) {
        buf_str(out, w->page);
        buf_add(out, "\n", 1);
    }
}

static int is_held(const doc_t *d, xmlNodePtr note)
{
    for (size_t i = 0; i < d->n_held; i++)
        if (d->held[i] == note)
            return 1;
    return 0;
}

static void walk_node(doc_t *d, walk_t *w, xmlNodePtr n, buf_t *out)
{
    if (n->type == XML_TEXT_NODE && n->content) {
        buf_words(out, (const char *)n->content);
        return;
    }
    if (n->type != XML_ELEMENT_NODE || left_out(n))
        return;
    if (xml_is(n, "note") && (is_moved(d, n) || is_held(d, n)))
        return; /* its marker is at its anchor, or after the head */
    if (xml_is(n, "note") && !d->in_note) {
        note_walk(d, w, n, out);
        return;
    }
    const moved_t *m = d->in_note ? NULL : moved_at(d, n);
    if (m && (xml_is(n, "ref") || xml_is(n, "ptr"))) {
        note_walk(d, w, m->note, out); /* the ref's "3" is the marker */
        return;
    }
    if (xml_is(n, "pb")) {
        if (!d->in_note)
            page_walk(w, n, out);
        return;
    }
    if (xml_is(n, "lb") || xml_is(n, "cb")) {
        if (d->in_note || d->in_head)
            buf_add(out, " ", 1);
        else
            buf_break(out, 1);
        return;
    }
    if (xml_is(n, "persName"))
        name_add(d, "person", n);
    else if (xml_is(n, "placeName"))
        name_add(d, "place", n);
    else if (xml_is(n, "orgName"))
        name_add(d, "org", n);
    if (d->in_head && !d->in_note &&
        (xml_is(n, "persName") || xml_is(n, "gloss") || xml_is(n, "orgName") ||
         xml_is(n, "name")))
        side_add(d, n);
    if (d->in_dateline && !d->in_note && xml_is(n, "placeName") && !d->place)
        d->place = line_of(n);
    if (d->in_dateline && !d->in_note && xml_is(n, "date") && !d->dated)
        date_read(d, n);
    int in_opener = xml_is(n->parent, "opener") || xml_is(n->parent, "closer");
    int para = named(n, paragraphs), line = named(n, lines) || in_opener;
    int head = xml_is(n, "head"), dateline = xml_is(n, "dateline");
    if (!d->in_note && (para || line))
        buf_break(out, para ? 2 : 1);
    d->in_head += head;
    d->in_dateline += dateline;
    walk_children(d, w, n, out);
    d->in_head -= head;
    d->in_dateline -= dateline;
    if (m)
        note_walk(d, w, m->note, out);
    for (size_t i = 0; n == d->head && i < d->n_held; i++)
        note_walk(d, w, d->held[i], out);
    if (!d->in_note && (para || line))
        buf_break(out, para ? 2 : 1);
    else if (xml_is(n, "cell") && !buf_ends_space(out))
        buf_add(out, " ", 1);
}

/* ------------------------------------------------------------ fields */

/* A FRUS document with no date in its dateline: the range its editors
 * give it (frus:doc-dateTime-min and -max), a day when both are one. */
static void frus_dates(doc_t *d, xmlNodePtr div)
{
    char *a = xml_attr(div, "doc-dateTime-min"), *b = xml_attr(div, "doc-dateTime-max");
    char first[16], last[16], value[40];
    date_value(a, first, sizeof first);
    date_value(b, last, sizeof last);
    xmlFree(a);
    xmlFree(b);
    if (!*first)
        return;
    snprintf(value, sizeof value, "%s%s%s", first,
             *last && strcmp(first, last) ? "/" : "",
             *last && strcmp(first, last) ? last : "");
    if (!dates_parse_value(value, strlen(value), d->date, d->date_end))
        d->date[0] = d->date_end[0] = '\0';
}

/* "Source: National Archives, RG 59, 751.00/1-2552. Secret. Drafted by
 * X." as "National Archives, RG 59, 751.00/1-2552": the label gone, cut
 * at the first sentence's end (a full stop and a capital after it, the
 * word before it not an abbreviation such as "No." or "U.S."). */
static char *archive_ref(const char *note)
{
    static const char *const labels[] = {"source:", "sources:", "quelle:",
                                         "fundort:", "archive:", "archives:",
                                         NULL};
    const char *s = note;
    for (size_t i = 0; labels[i]; i++)
        if (strncasecmp(s, labels[i], strlen(labels[i])) == 0) {
            s += strlen(labels[i]);
            break;
        }
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    for (size_t i = 1; i + 2 < n; i++) {
        if (s[i] != '.' || s[i + 1] != ' ' || s[i + 2] < 'A' || s[i + 2] > 'Z')
            continue;
        size_t w = i;
        while (w > 0 && s[w - 1] != ' ')
            w--;
        int dotted = memchr(s + w, '.', i - w) != NULL;
        if (i - w > 3 && !dotted) { /* "Secret.", not "No." nor "U.S." */
            n = i;
            break;
        }
        if (i - w >= 2 && s[i - 1] >= '0' && s[i - 1] <= '9') {
            n = i; /* "751.00/1-2552. Secret" */
            break;
        }
    }
    while (n && (s[n - 1] == '.' || s[n - 1] == ';' || s[n - 1] == ' '))
        n--;
    return n ? strndup(s, n) : NULL;
}

static char *take(buf_t *b)
{
    char *s = b->n && !b->nomem ? b->s : NULL;
    if (!s)
        free(b->s);
    memset(b, 0, sizeof *b);
    return s;
}

/* What structure.h reads from the document's first lines: its type, and
 * from and to where the head marks none, and a place where the dateline
 * marks none. */
static fond_status_t structure_take(part_t *p, const char *text, size_t len)
{
    source_t s;
    size_t n = len < STRUCTURE_HEAD_BYTES ? len : STRUCTURE_HEAD_BYTES;
    while (n > 0 && n < len && text_is_continuation(text[n]))
        n--; /* (a cut inside a character: back to its start) */
    fond_status_t st = structure_read(text, n, &s);
    if (st != FOND_OK)
        return st;
    /* each side the head does not mark: as its words say */
    source_t heading = {.type = s.type, .place = s.place, .from = s.from,
                        .to = s.to};
    st = source_fill(&p->fields, &heading);
    source_free(&s);
    return st;
}

/* The document (or text) at n, a part of w->out. */
static void document_read(walk_t *w, xmlNodePtr n, const char *fallback_title)
{
    part_t *p;
    if (w->out->n >= TEI_MAX_DOCUMENTS ||
        (w->st = parts_add(w->out, &p)) != FOND_OK)
        return;
    doc_t d;
    memset(&d, 0, sizeof d);
    buf_t text = {0};
    size_t label_end = 0;
    if (*w->page) { /* the page it starts on */
        buf_str(&text, w->page);
        buf_add(&text, "\n", 1);
        label_end = text.n;
    }
    for (xmlNodePtr c = n->children; c && !d.head; c = c->next)
        if (xml_is(c, "head"))
            d.head = c;
    for (xmlNodePtr c = n->children; d.head && c != d.head; c = c->next)
        if (xml_is(c, "note") && d.n_held < sizeof d.held / sizeof *d.held)
            d.held[d.n_held++] = c;
    moved_gather(&d, n, n);
    if (moved_sort(&d) != 0)
        text.nomem = 1;
    walk_children(&d, w, n, &text);
    free(d.moved);
    free(d.moved_notes);
    buf_trim_spaces(&text);
    while (text.n && (text.s[text.n - 1] == '\n' || text.s[text.n - 1] == '\f'))
        text.s[--text.n] = '\0';
    if (label_end && text.s && !memchr(text.s, '\f', text.n)) {
        /* one page: pages.h reads labels only where a form feed shows
         * two pages or more, so an empty page goes before it */
        buf_t paged = {0};
        buf_add(&paged, "\f", 1);
        buf_add(&paged, text.s, text.n);
        paged.nomem |= text.nomem;
        free(text.s);
        text = paged;
        label_end++;
    }
    if (d.notes.n) {
        buf_str(&text, "\n\nNotes\n");
        buf_add(&text, d.notes.s, d.notes.n);
    }
    char *id = xml_attr(n, "id"); /* xml:id */
    p->id = id && *id ? strdup(id) : NULL;
    xmlFree(id);
    if (!d.date[0])
        frus_dates(&d, n);
    source_t *f = &p->fields;
    f->title = d.head ? line_of(d.head) : NULL;
    if (!f->title && fallback_title)
        f->title = strdup(fallback_title);
    f->container = w->container ? strdup(w->container) : NULL;
    f->from = take(&d.from);
    f->to = take(&d.to);
    f->place = d.place, d.place = NULL;
    f->names = take(&d.names);
    memcpy(f->date, d.date, sizeof f->date);
    memcpy(f->date_end, d.date_end, sizeof f->date_end);
    f->archive_ref = d.source_note ? archive_ref(d.source_note) : NULL;
    f->source_ref = d.source_note, d.source_note = NULL;
    int nomem = text.nomem || d.notes.nomem;
    free(d.notes.s);
    if (nomem) {
        free(text.s);
        w->st = FOND_ERR_NOMEM;
        return;
    }
    if (text.n > TEI_MAX_TEXT_BYTES) { /* refused; the others are read */
        free(text.s);
        snprintf(p->failure, sizeof p->failure,
                 "a document of more than %u MiB of text",
                 TEI_MAX_TEXT_BYTES >> 20);
        return;
    }
    if (!text.s)
        text.s = strdup("");
    p->text = text.s;
    p->len = text.n;
    /* past the label (a document of no text may end before it) */
    size_t from = label_end < p->len ? label_end : p->len;
    if (!p->text)
        w->st = FOND_ERR_NOMEM;
    else
        w->st = structure_take(p, p->text + from, p->len - from);
}

/* ------------------------------------------------------------ the file */

static int is_document(xmlNodePtr n)
{
    return xml_is(n, "div") && attr_is(n, "type", "document");
}

static int has_documents(xmlNodePtr n)
{
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !xml_is(c, "teiHeader") &&
            (is_document(c) || has_documents(c)))
            return 1;
    return 0;
}

/* The title of the teiHeader under `tei`: titleStmt's type="complete",
 * else type="main", else its first <title>. */
static char *header_title(xmlNodePtr tei)
{
    xmlNodePtr stmt = NULL;
    for (xmlNodePtr h = tei ? tei->children : NULL; h && !stmt; h = h->next)
        if (xml_is(h, "teiHeader"))
            for (xmlNodePtr f = h->children; f && !stmt; f = f->next)
                if (xml_is(f, "fileDesc"))
                    for (xmlNodePtr t = f->children; t && !stmt; t = t->next)
                        if (xml_is(t, "titleStmt"))
                            stmt = t;
    static const char *const kinds[] = {"complete", "main", NULL};
    for (size_t k = 0; stmt && k < sizeof kinds / sizeof *kinds; k++)
        for (xmlNodePtr t = stmt->children; t; t = t->next)
            if (xml_is(t, "title") && (!kinds[k] || attr_is(t, "type", kinds[k]))) {
                char *title = line_of(t);
                if (title)
                    return title;
            }
    return NULL;
}

/* Walk the tree from n in document order: each document a part, the
 * page breaks between them followed.  `tei` is the <TEI> holding n. */
static void file_walk(walk_t *w, xmlNodePtr n, xmlNodePtr tei)
{
    for (xmlNodePtr c = n->children; c && w->st == FOND_OK; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || xml_is(c, "teiHeader"))
            continue;
        if (xml_is(c, "pb")) {
            buf_t none = {0};
            page_walk(w, c, &none);
            free(none.s);
        } else if (xml_is(c, "TEI")) {
            file_walk(w, c, c);
        } else if (w->documents ? is_document(c) : xml_is(c, "text")) {
            char *title = w->documents ? NULL : header_title(tei);
            document_read(w, c, title);
            free(title);
        } else {
            file_walk(w, c, tei);
        }
    }
}

static int tei_root(xmlNodePtr root)
{
    return root && (xml_is(root, "TEI") || xml_is(root, "teiCorpus")) &&
           (!root->ns || !root->ns->href ||
            strcmp((const char *)root->ns->href, TEI_NS) == 0);
}

fond_status_t tei_read(parts_t *out, const char *bytes, size_t len, char *err,
                       size_t errsize)
{
    memset(out, 0, sizeof *out);
    xmlDocPtr doc;
    fond_status_t st = xml_parse(bytes, len, XML_AS_XML, &doc, err, errsize);
    if (st != FOND_OK)
        return st;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!tei_root(root)) {
        xmlFreeDoc(doc);
        snprintf(err, errsize, "not a TEI document");
        return FOND_ERR_EXTRACT;
    }
    char *container = header_title(root);
    walk_t w = {out, container, "", has_documents(root), FOND_OK};
    file_walk(&w, root, root);
    free(container);
    xmlFreeDoc(doc);
    if (w.st == FOND_OK && out->n == 0) {
        snprintf(err, errsize, "a TEI file with no <text> or document");
        return FOND_ERR_EXTRACT;
    }
    if (w.st == FOND_ERR_NOMEM)
        snprintf(err, errsize, "out of memory");
    return w.st;
}

/* ------------------------------------------------------------ detection */

/* Past white space, comments, processing instructions and a DOCTYPE (with
 * its internal subset) from i; the index of the root's '<', or n. */
static size_t root_at(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n) {
        while (i < n && text_is_space(s[i]))
            i++;
        if (i + 1 >= n || s[i] != '<')
            return n;
        const char *close = NULL;
        if (s[i + 1] == '?')
            close = "?>";
        else if (i + 3 < n && memcmp(s + i, "<!--", 4) == 0)
            close = "-->";
        else if (s[i + 1] == '!') { /* DOCTYPE: to its '>' outside [ ] */
            int subset = 0;
            for (i += 2; i < n && (subset || s[i] != '>'); i++)
                subset += s[i] == '[' ? 1 : s[i] == ']' ? -1 : 0;
            i++;
            continue;
        } else
            return i;
        const char *end = NULL;
        for (size_t k = i + 2; k + strlen(close) <= n && !end; k++)
            if (memcmp(s + k, close, strlen(close)) == 0)
                end = s + k;
        if (!end)
            return n;
        i = (size_t)(end - s) + strlen(close);
    }
    return n;
}

int tei_detect(const char *bytes, size_t len)
{
    size_t n = len < 65536 ? len : 65536;
    size_t i = root_at(bytes, n);
    if (i >= n)
        return 0;
    size_t name = i + 1, k = name;
    while (k < n && !text_is_space(bytes[k]) && bytes[k] != '>' &&
           bytes[k] != '/')
        k++;
    const char *colon = memchr(bytes + name, ':', k - name);
    size_t local = colon ? (size_t)(colon - bytes) + 1 : name;
    size_t local_len = k - local;
    if (!((local_len == 3 && memcmp(bytes + local, "TEI", 3) == 0) ||
          (local_len == 9 && memcmp(bytes + local, "teiCorpus", 9) == 0)))
        return 0;
    const char *gt = memchr(bytes + k, '>', n - k);
    if (!gt)
        return 0;
    /* its namespace: none, or TEI's */
    char prefix[64] = "xmlns=";
    if (colon && (size_t)(colon - bytes) - name < 40)
        snprintf(prefix, sizeof prefix, "xmlns:%.*s=", (int)((size_t)(colon - bytes) - name),
                 bytes + name);
    size_t tag = (size_t)(gt - (bytes + k));
    const char *decl = memmem(bytes + k, tag, prefix, strlen(prefix));
    if (!decl)
        return !colon; /* a prefix must be declared */
    size_t rest = tag - (size_t)(decl - (bytes + k));
    return rest > strlen(prefix) + strlen(TEI_NS) &&
           memcmp(decl + strlen(prefix) + 1, TEI_NS, strlen(TEI_NS)) == 0;
}
