/*
 * office.c -- DOCX and ODT (see office.h): the zip read from the bytes
 * with libzip under bounds, its XML parts parsed by xml.h, the text
 * written by a walk of each format's tree (textout.h), the notes gathered
 * in the order they are cited.
 */
#define _GNU_SOURCE /* memmem() */
#include "office.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>
#include <libxml/tree.h>

#include "array.h"
#include "extract_internal.h"
#include "textout.h"
#include "xml.h"

#define DETECT_MAX ((size_t)1 << 20) /* of [Content_Types].xml, mimetype */
#define NOTE_MAX ((size_t)64 << 10)  /* bytes of one note's text */

/* ------------------------------------------------------------ the zip */

typedef struct {
    zip_t *za;
    size_t cap;       /* the most a part, and all parts, inflate to */
    size_t inflated;  /* by the parts read so far */
    size_t file_len;  /* the zip's own size */
    char *err;
    size_t errsize;
} zipread_t;

/* The zip in bytes[0, len) into z; FOND_ERR_EXTRACT when it is damaged
 * or has too many entries. */
static fond_status_t zip_from_bytes(zipread_t *z, const char *bytes,
                                    size_t len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &ze);
    z->za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze)
                : NULL;
    if (!z->za) {
        int nomem = zip_error_code_zip(&ze) == ZIP_ER_MEMORY;
        snprintf(z->err, z->errsize, "damaged zip: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        if (src)
            zip_source_free(src);
        return nomem ? FOND_ERR_NOMEM : FOND_ERR_EXTRACT;
    }
    zip_error_fini(&ze);
    z->file_len = len;
    zip_int64_t n = zip_get_num_entries(z->za, 0);
    if (n > OFFICE_MAX_ENTRIES) {
        snprintf(z->err, z->errsize, "zip of %lld entries, more than the %d "
                 "fond reads (a zip bomb's way)", (long long)n, OFFICE_MAX_ENTRIES);
        return FOND_ERR_EXTRACT;
    }
    size_t ratio = len > EXTRACT_MAX_TEXT / OFFICE_BOMB_RATIO
                       ? EXTRACT_MAX_TEXT : len * OFFICE_BOMB_RATIO;
    z->cap = ratio < OFFICE_MIN_INFLATE ? OFFICE_MIN_INFLATE : ratio;
    z->cap = z->cap > EXTRACT_MAX_TEXT ? EXTRACT_MAX_TEXT : z->cap;
    return FOND_OK;
}

static void zip_done(zipread_t *z)
{
    if (z->za)
        zip_discard(z->za);
    z->za = NULL;
}

/* The part `name` inflated, at most `most` bytes of it (0: as many as
 * z allows, a bomb past that), NUL-terminated, into *out (NULL when the
 * zip has no such part). */
static fond_status_t part_read(zipread_t *z, const char *name, size_t most,
                               char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    zip_int64_t i = zip_name_locate(z->za, name, 0);
    if (i < 0)
        return FOND_OK;
    size_t left = z->cap - z->inflated, limit = most ? most : left;
    zip_stat_t sb;
    zip_stat_init(&sb);
    if (!most && zip_stat_index(z->za, (zip_uint64_t)i, 0, &sb) == 0 &&
        (sb.valid & ZIP_STAT_SIZE) && sb.size > left) {
        snprintf(z->err, z->errsize, "zip bomb: its %s says it inflates to %llu "
                 "MB (fond inflates at most %zu MB from this file)", name,
                 (unsigned long long)(sb.size >> 20), (left + (1 << 20) - 1) >> 20);
        return FOND_ERR_EXTRACT;
    }
    zip_file_t *f = zip_fopen_index(z->za, (zip_uint64_t)i, 0);
    if (!f) {
        snprintf(z->err, z->errsize, "damaged zip: %s: %s", name,
                 zip_strerror(z->za));
        return FOND_ERR_EXTRACT;
    }
    char *buf = NULL;
    size_t n = 0, cap = 0;
    fond_status_t st = FOND_OK;
    for (;;) {
        if (array_reserve(&buf, &cap, n + 65536 + 1, 1, 65536 + 1) != 0) {
            snprintf(z->err, z->errsize, "out of memory");
            st = FOND_ERR_NOMEM;
            break;
        }
        zip_int64_t got = zip_fread(f, buf + n, 65536);
        if (got < 0) {
            snprintf(z->err, z->errsize, "damaged zip: %s: %s", name,
                     zip_file_strerror(f));
            st = FOND_ERR_EXTRACT;
            break;
        }
        if (got == 0)
            break;
        n += (size_t)got; /* counted as inflated, whatever the header said */
        if (n > limit) {
            if (most) { /* enough of it to tell what it is */
                n = most;
                break;
            }
            snprintf(z->err, z->errsize, "zip bomb: its %s inflates to over %zu "
                     "MB (the file is %zu KB)", name, (limit + (1 << 20) - 1) >> 20,
                     z->file_len >> 10);
            st = FOND_ERR_EXTRACT;
            break;
        }
    }
    zip_fclose(f);
    if (st != FOND_OK) {
        free(buf);
        return st;
    }
    buf[n] = '\0';
    z->inflated += most ? 0 : n;
    *out = buf;
    *out_len = n;
    return FOND_OK;
}

/* ------------------------------------------------------------ detection */

static int names_word_main(const char *types, size_t n)
{
    static const char *const mains[] = {
        "wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml",
        "ms-word.document.macroEnabled.main+xml",
        "ms-word.template.macroEnabledTemplate.main+xml"};
    for (size_t k = 0; k < sizeof mains / sizeof *mains; k++)
        if (memmem(types, n, mains[k], strlen(mains[k])))
            return 1;
    return 0;
}

#define ODT_TYPE "application/vnd.oasis.opendocument.text"

static int names_odt(const char *mimetype, size_t n)
{
    size_t k = strlen(ODT_TYPE);
    return n >= k && memcmp(mimetype, ODT_TYPE, k) == 0 &&
           (n == k || strncmp(mimetype + k, "-template", n - k) == 0);
}

/* A zip too damaged to open: its first local entry's name and, stored,
 * its data (ODT's mimetype is stored, first). */
static extract_format_t first_entry_format(const unsigned char *b, size_t len)
{
    if (len < 30)
        return EXTRACT_TEXT;
    size_t name = b[26] | (size_t)b[27] << 8, extra = b[28] | (size_t)b[29] << 8;
    if (30 + name > len)
        return EXTRACT_TEXT;
    const char *s = (const char *)b + 30;
    static const char *const word[] = {"[Content_Types].xml", "_rels/", "word/",
                                       "docProps/"};
    for (size_t k = 0; k < sizeof word / sizeof *word; k++)
        if (name >= strlen(word[k]) && memcmp(s, word[k], strlen(word[k])) == 0)
            return EXTRACT_DOCX;
    size_t data = 30 + name + extra;
    if (name == 8 && memcmp(s, "mimetype", 8) == 0 && data < len &&
        names_odt((const char *)b + data,
                  strnlen((const char *)b + data, len - data < 64 ? len - data : 64)))
        return EXTRACT_ODT;
    return EXTRACT_TEXT;
}

extract_format_t office_format(const char *bytes, size_t len)
{
    if (len < 4 || memcmp(bytes, "PK\3\4", 4) != 0)
        return EXTRACT_TEXT;
    char err[256];
    zipread_t z = {.err = err, .errsize = sizeof err};
    if (zip_from_bytes(&z, bytes, len) != FOND_OK) {
        zip_done(&z); /* damaged, or too many entries: what is its first? */
        return first_entry_format((const unsigned char *)bytes, len);
    }
    extract_format_t f = EXTRACT_TEXT;
    char *s = NULL;
    size_t n = 0;
    if (part_read(&z, "mimetype", 64, &s, &n) == FOND_OK && s &&
        names_odt(s, strnlen(s, n)))
        f = EXTRACT_ODT;
    free(s);
    s = NULL;
    if (f == EXTRACT_TEXT &&
        part_read(&z, "[Content_Types].xml", DETECT_MAX, &s, &n) == FOND_OK &&
        s && names_word_main(s, n))
        f = EXTRACT_DOCX;
    free(s);
    zip_done(&z);
    return f;
}

/* ------------------------------------------------------------ notes */

/* A note defined in DOCX's footnotes.xml or endnotes.xml. */
typedef struct {
    int end;        /* an endnote */
    char *id;       /* its w:id */
    char *text;
} defined_t;

typedef struct {
    defined_t *defined;
    size_t n_defined, defined_cap;
    char **cited;   /* the texts in the order cited: note i + 1 */
    size_t n_cited, cited_cap;
    int failed;
} notes_t;

/* Notes in order of kind, then id: a reference is looked up by bsearch,
 * so that a file of many notes and references costs n log n, not n^2. */
static int defined_cmp(const void *a, const void *b)
{
    const defined_t *x = a, *y = b;
    return x->end != y->end ? x->end - y->end : strcmp(x->id, y->id);
}

static void notes_free(notes_t *ns)
{
    for (size_t i = 0; i < ns->n_defined; i++) {
        xmlFree(ns->defined[i].id);
        free(ns->defined[i].text);
    }
    for (size_t i = 0; i < ns->n_cited; i++)
        free(ns->cited[i]);
    free(ns->defined);
    free(ns->cited);
}

/* Cite a note of text (taken, NULL: none): "[n]" in out.  A note with no
 * word is not cited. */
static void note_cite(notes_t *ns, textout_t *out, char *text)
{
    if (!text || !*text) {
        free(text);
        return;
    }
    if (array_reserve(&ns->cited, &ns->cited_cap, ns->n_cited + 1,
                      sizeof *ns->cited, 16) != 0) {
        free(text);
        ns->failed = 1;
        return;
    }
    ns->cited[ns->n_cited++] = text;
    char marker[24];
    int m = snprintf(marker, sizeof marker, "[%zu]", ns->n_cited);
    textout_raw(out, marker, (size_t)m);
}

/* After the body: "Notes", then "n. text" a line (source.h). */
static void notes_write(const notes_t *ns, textout_t *out)
{
    if (!ns->n_cited)
        return;
    textout_break(out, 2);
    textout_raw(out, "Notes\n\n", 7);
    for (size_t i = 0; i < ns->n_cited; i++) {
        char number[24];
        int m = snprintf(number, sizeof number, "%zu. ", i + 1);
        textout_raw(out, number, (size_t)m);
        textout_raw(out, ns->cited[i], strlen(ns->cited[i]));
        textout_raw(out, "\n", 1);
    }
}

/* ------------------------------------------------------------ the walks */

/* What an element is to the text, by its local name in each format. */
typedef enum {
    R_WALK,    /* its content is read (runs, spans, links, lists, sections,
                  content controls, insertions, frames, text boxes) */
    R_SKIP,    /* left out */
    R_TEXT,    /* DOCX w:t: its text nodes are text */
    R_PARA,    /* a paragraph or heading */
    R_TABLE, R_ROW, R_CELL,
    R_TAB, R_LINE, R_SPACE, R_HYPHEN,
    R_CITE,    /* DOCX: a reference to a footnote or endnote defined apart */
    R_NOTE     /* ODT: a note, its body where it is cited */
} role_t;

typedef struct {
    const char *name;
    role_t role;
} element_t;

static const element_t docx_elements[] = {
    {"t", R_TEXT}, {"p", R_PARA}, {"tbl", R_TABLE}, {"tr", R_ROW},
    {"tc", R_CELL}, {"tab", R_TAB}, {"ptab", R_TAB}, {"br", R_LINE},
    {"cr", R_LINE}, {"noBreakHyphen", R_HYPHEN},
    {"footnoteReference", R_CITE}, {"endnoteReference", R_CITE},
    /* deleted text, field codes, properties, drawings' second renderings */
    {"del", R_SKIP}, {"moveFrom", R_SKIP}, {"delText", R_SKIP},
    {"instrText", R_SKIP}, {"pPr", R_SKIP}, {"rPr", R_SKIP},
    {"sectPr", R_SKIP}, {"tblPr", R_SKIP}, {"tblGrid", R_SKIP},
    {"trPr", R_SKIP}, {"tcPr", R_SKIP}, {"Fallback", R_SKIP},
    {"commentReference", R_SKIP}, {"footnoteRef", R_SKIP},
    {"endnoteRef", R_SKIP}, {"annotationRef", R_SKIP}, {"fldChar", R_SKIP},
    {NULL, R_WALK}};

static const element_t odt_elements[] = {
    {"p", R_PARA}, {"h", R_PARA}, {"table", R_TABLE}, {"table-row", R_ROW},
    {"table-cell", R_CELL}, {"tab", R_TAB}, {"line-break", R_LINE},
    {"s", R_SPACE}, {"note", R_NOTE},
    /* comments, tracked deletions, declarations, tables of contents and
     * indexes (their headings again), a note's own number, styles */
    {"annotation", R_SKIP}, {"annotation-end", R_SKIP},
    {"tracked-changes", R_SKIP}, {"sequence-decls", R_SKIP},
    {"variable-decls", R_SKIP}, {"user-field-decls", R_SKIP},
    {"forms", R_SKIP}, {"table-of-content", R_SKIP},
    {"alphabetical-index", R_SKIP}, {"illustration-index", R_SKIP},
    {"note-citation", R_SKIP}, {"automatic-styles", R_SKIP},
    {"font-face-decls", R_SKIP}, {"scripts", R_SKIP}, {"desc", R_SKIP},
    {NULL, R_WALK}};

typedef struct {
    const element_t *elements; /* the format's */
    int para_text;  /* ODT: a paragraph's text nodes are text (DOCX: only
                       w:t's; elsewhere they are the file's layout) */
    textout_t *out;
    notes_t *notes;
    int flat;       /* within a table cell or a note: a paragraph's end is
                       a space */
    int in_note;    /* a note's own references are not followed */
    int in_text;    /* within what para_text or R_TEXT makes text */
} walk_t;

static role_t role_of(const walk_t *w, xmlNodePtr n)
{
    for (const element_t *e = w->elements; e->name; e++)
        if (xml_is(n, e->name))
            return e->role;
    return R_WALK;
}

static void paragraph_end(walk_t *w, int lines)
{
    if (w->flat)
        w->out->space = 1;
    else
        textout_break(w->out, lines);
}

static void walk(walk_t *w, xmlNodePtr n);

/* A note's text (its paragraphs joined), by a walk of its children;
 * malloc'd, NULL when out of memory (ns->failed). */
static char *note_text(walk_t *w, xmlNodePtr children)
{
    textout_t t = TEXTOUT_INIT;
    t.limit = NOTE_MAX;
    walk_t inner = {w->elements, w->para_text, &t, w->notes, 1, 1, 0};
    walk(&inner, children);
    char *s;
    size_t len;
    if (textout_take(&t, &s, &len) != 0) {
        w->notes->failed = 1;
        return NULL;
    }
    return s;
}

/* DOCX: the note a w:footnoteReference or w:endnoteReference cites. */
static void docx_cite(walk_t *w, xmlNodePtr n)
{
    char *id = xml_attr(n, "id");
    defined_t key = {xml_is(n, "endnoteReference"), id, NULL};
    defined_t *d = id && w->notes->n_defined
                       ? bsearch(&key, w->notes->defined, w->notes->n_defined,
                                 sizeof key, defined_cmp)
                       : NULL;
    if (d && d->text) {
        note_cite(w->notes, w->out, d->text);
        d->text = NULL; /* cited once: taken */
    }
    xmlFree(id);
}

/* n's content, with `flag` (in_text or flat) set while it is read. */
static void walk_with(walk_t *w, xmlNodePtr n, int *flag)
{
    int was = *flag;
    *flag = 1;
    walk(w, n->children);
    *flag = was;
}

static void walk(walk_t *w, xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (w->in_text && n->content)
                textout_words(w->out, (const char *)n->content,
                              strlen((const char *)n->content), 0);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue;
        role_t r = role_of(w, n);
        int lines = r == R_TABLE ? 2 : 1;
        switch (r) {
        case R_SKIP: break;
        case R_TEXT: walk_with(w, n, &w->in_text); break;
        case R_PARA:
            if (w->para_text)
                walk_with(w, n, &w->in_text);
            else
                walk(w, n->children);
            paragraph_end(w, 2);
            break;
        case R_TABLE:
        case R_ROW:
            paragraph_end(w, lines);
            walk(w, n->children);
            paragraph_end(w, lines);
            break;
        case R_CELL:
            textout_tab(w->out);
            walk_with(w, n, &w->flat);
            break;
        case R_TAB: textout_tab(w->out); break;
        case R_LINE: paragraph_end(w, 1); break;
        case R_SPACE: w->out->space = 1; break;
        case R_HYPHEN: textout_raw(w->out, "-", 1); break;
        case R_CITE:
            if (!w->in_note)
                docx_cite(w, n);
            break;
        case R_NOTE:
            for (xmlNodePtr c = n->children; c && !w->in_note; c = c->next)
                if (xml_is(c, "note-body"))
                    note_cite(w->notes, w->out, note_text(w, c->children));
            break;
        case R_WALK:
            /* an SVG title in a drawing is the picture's, not text */
            if (!(xml_is(n, "title") && n->ns && n->ns->href &&
                  strstr((const char *)n->ns->href, "svg")))
                walk(w, n->children);
            break;
        }
    }
}

/* ------------------------------------------------------------ parts */

/* The part `name` parsed into *doc (NULL when the zip has none); a
 * refusal's reason names the part. */
static fond_status_t part_xml(zipread_t *z, const char *name, xmlDocPtr *doc)
{
    char *s;
    size_t n;
    *doc = NULL;
    fond_status_t st = part_read(z, name, 0, &s, &n);
    if (st != FOND_OK || !s)
        return st;
    char why[200];
    st = xml_parse(s, n, XML_AS_XML, doc, why, sizeof why);
    free(s);
    if (st != FOND_OK)
        snprintf(z->err, z->errsize, "%s: %s", name, why);
    return st;
}

/* The first element named `name` under n, in document order. */
static xmlNodePtr find_el(xmlNodePtr n, const char *name)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (xml_is(n, name))
            return n;
        xmlNodePtr in = find_el(n->children, name);
        if (in)
            return in;
    }
    return NULL;
}

/* The element's text, collapsed, into *to when it has none yet. */
static int field_of(char **to, xmlNodePtr n)
{
    if (*to || !n)
        return 0;
    xmlChar *raw = xmlNodeGetContent(n);
    int rc = raw ? textout_collapsed((const char *)raw, to) : 0;
    xmlFree(raw);
    return rc;
}

/* The custom property named "date" (DOCX <property name>, ODT
 * <meta:user-defined meta:name>) under n: its value, into x's doc_date. */
static void custom_date(extract_t *x, xmlNodePtr n, const char *element)
{
    for (; n && !x->doc_date[0]; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        char *name = xml_is(n, element) ? xml_attr(n, "name") : NULL;
        if (name && strcasecmp(name, "date") == 0) {
            xmlChar *v = xmlNodeGetContent(n);
            if (v)
                extract_doc_date(x, (const char *)v);
            xmlFree(v);
        } else if (!name) {
            custom_date(x, n->children, element);
        }
        xmlFree(name);
    }
}

/* The properties (core.xml, meta.xml) into x, the description into
 * *description; the date, custom's (may be NULL) before the created. */
static int properties(extract_t *x, xmlDocPtr props, xmlDocPtr custom,
                      char **description)
{
    if (custom)
        custom_date(x, custom->children,
                    x->format == EXTRACT_ODT ? "user-defined" : "property");
    if (!props)
        return 0;
    xmlNodePtr root = props->children;
    int rc = field_of(&x->title, find_el(root, "title")) |
             field_of(&x->author, find_el(root, "creator")) |
             field_of(&x->author, find_el(root, "initial-creator")) |
             field_of(&x->subject, find_el(root, "subject")) |
             field_of(description, find_el(root, "description"));
    if (x->title && extract_title_generic(x->title)) {
        free(x->title);
        x->title = NULL;
    }
    xmlNodePtr created = find_el(root, "created");
    created = created ? created : find_el(root, "creation-date");
    if (!x->doc_date[0] && created) {
        xmlChar *v = xmlNodeGetContent(created);
        if (v)
            extract_doc_date(x, (const char *)v);
        xmlFree(v);
    }
    return rc;
}

/* The description (NULL: none) as the first paragraph, then the body. */
static void body_write(walk_t *w, xmlDocPtr doc, const char *description)
{
    if (description) {
        textout_words(w->out, description, strlen(description), 0);
        textout_break(w->out, 2);
    }
    walk(w, doc->children);
}

/* ------------------------------------------------------------ DOCX */

/* Where [Content_Types].xml puts the document's parts (no leading '/'). */
typedef struct {
    char *main, *footnotes, *endnotes, *core, *custom;
} docx_parts_t;

static void docx_parts_free(docx_parts_t *p)
{
    xmlFree(p->main);
    xmlFree(p->footnotes);
    xmlFree(p->endnotes);
    xmlFree(p->core);
    xmlFree(p->custom);
}

static void docx_locate(docx_parts_t *p, xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!xml_is(n, "Override")) {
            docx_locate(p, n->children);
            continue;
        }
        char *part = xml_attr(n, "PartName"), *type = xml_attr(n, "ContentType");
        size_t tn = type ? strlen(type) : 0;
        char **to = !part || !type ? NULL
                    : names_word_main(type, tn) ? &p->main
                    : strstr(type, "wordprocessingml.footnotes+xml") ? &p->footnotes
                    : strstr(type, "wordprocessingml.endnotes+xml") ? &p->endnotes
                    : strstr(type, "package.core-properties+xml") ? &p->core
                    : strstr(type, "officedocument.custom-properties+xml") ? &p->custom
                                                                           : NULL;
        if (to && !*to && part[0] == '/') {
            *to = part;
            memmove(part, part + 1, strlen(part));
            part = NULL;
        }
        xmlFree(part);
        xmlFree(type);
    }
}

/* The footnotes or endnotes of a part, each defined by its id. */
static void docx_define(walk_t *w, xmlNodePtr n, int end)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!xml_is(n, end ? "endnote" : "footnote")) {
            docx_define(w, n->children, end);
            continue;
        }
        char *type = xml_attr(n, "type");
        int real = !type || strcmp(type, "normal") == 0; /* not a separator */
        xmlFree(type);
        char *id = real ? xml_attr(n, "id") : NULL;
        notes_t *ns = w->notes;
        if (!id)
            continue;
        if (array_reserve(&ns->defined, &ns->defined_cap, ns->n_defined + 1,
                          sizeof *ns->defined, 16) != 0) {
            xmlFree(id);
            ns->failed = 1;
            return;
        }
        ns->defined[ns->n_defined++] =
            (defined_t){end, id, note_text(w, n->children)};
    }
}

static fond_status_t docx_read(zipread_t *z, extract_t *x, walk_t *w,
                               char **description)
{
    xmlDocPtr types = NULL, doc = NULL;
    docx_parts_t p = {0};
    fond_status_t st = part_xml(z, "[Content_Types].xml", &types);
    if (types)
        docx_locate(&p, types->children);
    const char *names[] = {p.footnotes, p.endnotes};
    for (int end = 0; end < 2 && st == FOND_OK; end++) {
        if (names[end] && (st = part_xml(z, names[end], &doc)) == FOND_OK && doc)
            docx_define(w, doc->children, end);
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (w->notes->n_defined)
        qsort(w->notes->defined, w->notes->n_defined,
              sizeof *w->notes->defined, defined_cmp);
    xmlDocPtr core = NULL, custom = NULL;
    if (st == FOND_OK && p.core)
        st = part_xml(z, p.core, &core);
    if (st == FOND_OK && p.custom)
        st = part_xml(z, p.custom, &custom);
    if (st == FOND_OK && properties(x, core, custom, description) != 0)
        w->notes->failed = 1;
    const char *main = p.main ? p.main : "word/document.xml";
    if (st == FOND_OK && (st = part_xml(z, main, &doc)) == FOND_OK && !doc) {
        snprintf(z->err, z->errsize, "not a whole DOCX: it has no %s (its "
                 "document)", main);
        st = FOND_ERR_EXTRACT;
    }
    if (st == FOND_OK)
        body_write(w, doc, *description);
    xmlFreeDoc(doc);
    xmlFreeDoc(core);
    xmlFreeDoc(custom);
    xmlFreeDoc(types);
    docx_parts_free(&p);
    return st;
}

/* ------------------------------------------------------------ ODT */

static fond_status_t odt_read(zipread_t *z, extract_t *x, walk_t *w,
                              char **description)
{
    xmlDocPtr meta = NULL, doc = NULL;
    fond_status_t st = part_xml(z, "meta.xml", &meta);
    if (st == FOND_OK && properties(x, meta, meta, description) != 0)
        w->notes->failed = 1;
    if (st == FOND_OK && (st = part_xml(z, "content.xml", &doc)) == FOND_OK &&
        !doc) {
        snprintf(z->err, z->errsize, "not a whole ODT: it has no content.xml");
        st = FOND_ERR_EXTRACT;
    }
    if (st == FOND_OK)
        body_write(w, doc, *description);
    xmlFreeDoc(doc);
    xmlFreeDoc(meta);
    return st;
}

fond_status_t office_read(extract_t *x, const char *bytes, size_t len,
                          char *err, size_t errsize)
{
    zipread_t z = {.err = err, .errsize = errsize};
    textout_t out = TEXTOUT_INIT;
    notes_t notes = {0};
    walk_t w = {x->format == EXTRACT_ODT ? odt_elements : docx_elements,
                x->format == EXTRACT_ODT, &out, &notes, 0, 0, 0};
    char *description = NULL;
    fond_status_t st = zip_from_bytes(&z, bytes, len);
    if (st == FOND_OK)
        st = x->format == EXTRACT_ODT ? odt_read(&z, x, &w, &description)
                                      : docx_read(&z, x, &w, &description);
    zip_done(&z);
    if (st == FOND_OK)
        notes_write(&notes, &out);
    if (st == FOND_OK && (notes.failed || out.failed))
        st = FOND_ERR_NOMEM;
    char *text;
    size_t n;
    if (st == FOND_OK && textout_take(&out, &text, &n) != 0)
        st = FOND_ERR_NOMEM;
    if (st == FOND_OK) {
        x->layout.text = text;
        x->layout.len = x->layout.cap = n;
        st = extract_layout_done(x);
    }
    if (st == FOND_ERR_NOMEM)
        snprintf(err, errsize, "out of memory");
    textout_free(&out);
    notes_free(&notes);
    free(description);
    return st;
}
