/*
 * index.c -- writing a source into the index.  ingest.c turns the file's
 * bytes into passages with their footnotes and dates; this file turns each
 * source into one source record and each passage into one Xapian
 * document, with the terms, values and data of schema.h, replacing
 * whatever the same source path had before.  Every source, a file's or a
 * part's of a file of many (index_parts.c: a mail message, a TEI
 * edition's document, an EAD finding aid's component), goes through one
 * path: db_index_one.
 */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "array.h"
#include "boxes.h"
#include "citation.h"
#include "catalogue.h"
#include "db_internal.h"
#include "file.h"
#include "extract.h"
#include "folder.h"
#include "ingest.h"
#include "langid.h"
#include "language.h"
#include "ead.h"
#include "mail.h"
#include "tei.h"
#include "misread.h"
#include "schema.h"
#include "text.h"

#define TERM_MAX SCHEMA_TERM_MAX

/* Filter terms, NUL-separated: made once and added to many documents (a
 * source's filter terms, the same on each of its passages), or a
 * passage's own, gathered while its text is analysed. */
typedef struct {
    char *buf;
    size_t len, cap;
} term_list_t;

/* What every passage of one source shares. */
typedef struct {
    const char *path;
    const char *title;
    const ingest_t *in;
    analyzer_t *analyzer;  /* stemming in the source's language */
    char hash[SCHEMA_SOURCE_ID_SIZE]; /* the source's id (schema_source_id) */
    char src_term[SCHEMA_SOURCE_TERM_SIZE];   /* XSRC<hash> */
    char *path_words;      /* the path in words (words_of_name) */
    const char *name;      /* its path under the PATH indexed, or NULL */
    char added[SCHEMA_ADDED_SIZE]; /* when: schema_format_added() */
    char file_term[SCHEMA_SOURCE_TERM_SIZE]; /* XSRC<hash of the file the
                               source is in>, when that is not the source's
                               path (a message of an mbox); else "" */
    term_list_t filters;   /* the filter terms of every passage (schema.h):
                               analysed once a source, not once a passage */
    term_list_t note_terms; /* the terms of each note's references, made
                               once a source (a note is cited from many
                               passages): note k's are note_terms.buf
                               [note_at[k], note_at[k + 1]) */
    size_t *note_at;
    char ocr_conf[12];     /* its mean OCR word confidence, "" if none */
    const char *images;    /* its pages' images (page_images), "" if none */
} source_ctx_t;

/* A copy of s[0..n) with each byte that is not UTF-8 (a Latin-1 file name)
 * as U+FFFD, and '_' and '-' as spaces; malloc'd. */
static char *words_of_name(const char *s, size_t n)
{
    char *t = malloc(3 * n + 1);
    size_t o = 0;
    for (size_t i = 0; t && i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                (utf8proc_ssize_t)(n - i), &c);
        if (len <= 0) {
            memcpy(t + o, "\xEF\xBF\xBD", 3), o += 3, i++;
            continue;
        }
        for (utf8proc_ssize_t k = 0; k < len; k++, i++)
            t[o++] = (s[i] == '_' || s[i] == '-') ? ' ' : s[i];
    }
    if (t)
        t[o] = '\0';
    return t;
}

/* ------------------------------------------------------------- terms */

static fond_status_t term_list_add(term_list_t *l, const char *term, size_t n)
{
    if (array_reserve(&l->buf, &l->cap, l->len + n + 1, 1, 256) != 0)
        return FOND_ERR_NOMEM;
    memcpy(l->buf + l->len, term, n);
    l->buf[l->len + n] = '\0';
    l->len += n + 1;
    return FOND_OK;
}

/* Every term of the list into doc, as a filter. */
static fond_status_t add_filters(store_doc_t *doc, const term_list_t *l)
{
    fond_status_t st = FOND_OK;
    for (size_t at = 0; at < l->len && st == FOND_OK;) {
        size_t n = strlen(l->buf + at);
        st = store_doc_add_filter(doc, l->buf + at, n);
        at += n + 1;
    }
    return st;
}

/* prefix + word into term (TERM_MAX + 1 bytes, NUL-terminated): its
 * length, or 0 when it is too long to be a term (it is skipped, as the
 * analyzer skips a word too long). */
static size_t make_term(char *term, const char *prefix, const char *word,
                        size_t word_len)
{
    size_t p = strlen(prefix);
    if (p + word_len > TERM_MAX)
        return 0;
    memcpy(term, prefix, p);
    memcpy(term + p, word, word_len);
    term[p + word_len] = '\0';
    return p + word_len;
}

/* prefix + word, as a filter term into the list. */
static fond_status_t add_prefixed(term_list_t *l, const char *prefix,
                                  const char *word, size_t word_len)
{
    char term[TERM_MAX + 1];
    size_t n = make_term(term, prefix, word, word_len);
    return n ? term_list_add(l, term, n) : FOND_OK;
}

/* How a word becomes a term: the passage's text (a posting and its stem),
 * a footnote's word (a posting after the text's, schema.h), or a filter on
 * a source-level field (no weight, no part of the passage's length). */
typedef enum { AS_TEXT, AS_NOTE, AS_FILTER } term_kind_t;

typedef struct {
    store_doc_t *doc;      /* for AS_TEXT and AS_NOTE */
    term_list_t *filters;  /* for AS_FILTER */
    const char *prefix;    /* of a filter's terms */
    term_kind_t kind;
    unsigned base;         /* added to each word's position */
    unsigned last;         /* the last position given */
    fond_status_t status;
} terms_ctx_t;

/* A word of the text: the folded word with its position, and its Z-stem
 * if it is irregular (schema.h: a search finds the other words' stems from
 * the words themselves). */
static fond_status_t add_text_word(terms_ctx_t *c, const analyze_token_t *t)
{
    c->last = c->base + t->pos;
    fond_status_t st = store_doc_add_posting(c->doc, t->word, t->word_len,
                                             c->last);
    if (st == FOND_OK && t->irregular && c->kind == AS_TEXT) {
        char term[TERM_MAX + 1];
        size_t n = make_term(term, SCHEMA_STEM, t->stem, t->stem_len);
        st = n ? store_doc_add_term(c->doc, term, n) : FOND_OK;
    }
    return st;
}

static int add_token(void *ctx, const analyze_token_t *t)
{
    terms_ctx_t *c = ctx;
    if (c->kind != AS_FILTER)
        c->status = add_text_word(c, t);
    else
        c->status = add_prefixed(c->filters, c->prefix, t->word, t->word_len);
    return c->status != FOND_OK;
}

static fond_status_t analyze_into(const source_ctx_t *src, terms_ctx_t *c,
                                  const char *text, size_t len)
{
    fond_status_t st = analyze_terms(src->analyzer, text, len, add_token, c);
    return st != FOND_OK ? st : c->status;
}

/* Words of the text (AS_TEXT) or of a footnote (AS_NOTE) into doc, their
 * positions from *pos + 1 on; *pos becomes the last one given. */
static fond_status_t add_words(const source_ctx_t *src, store_doc_t *doc,
                               const char *text, size_t len, term_kind_t kind,
                               unsigned *pos)
{
    terms_ctx_t c = {doc, NULL, "", kind, *pos, *pos, FOND_OK};
    fond_status_t st = analyze_into(src, &c, text, len);
    *pos = c.last;
    return st;
}

/* The words of text[0, len), as filters. */
static fond_status_t add_span(const source_ctx_t *src, term_list_t *l,
                              const char *prefix, const char *text, size_t len)
{
    terms_ctx_t c = {NULL, l, prefix, AS_FILTER, 0, 0, FOND_OK};
    return len ? analyze_into(src, &c, text, len) : FOND_OK;
}

/* A source field's words, as filters. */
static fond_status_t add_field(const source_ctx_t *src, term_list_t *l,
                               const char *prefix, const char *value)
{
    return value ? add_span(src, l, prefix, value, strlen(value)) : FOND_OK;
}

/* The words of a "kind\tname\n" list's names (source.h: names), each
 * under its kind's prefix (person, place, org); a line of another kind is
 * passed over. */
static fond_status_t add_names(const source_ctx_t *src, term_list_t *l,
                               const char *names)
{
    static const struct {
        const char *kind, *prefix;
    } kinds[] = {{"person", SCHEMA_PERSON},
                 {"place", SCHEMA_PLACE},
                 {"org", SCHEMA_ORG}};
    fond_status_t st = FOND_OK;
    for (const char *line = names; st == FOND_OK && line && *line;) {
        const char *end = strchr(line, '\n'), *tab = strchr(line, '\t');
        if (!end)
            end = line + strlen(line);
        for (size_t k = 0; tab && tab < end && k < sizeof kinds / sizeof *kinds; k++)
            if ((size_t)(tab - line) == strlen(kinds[k].kind) &&
                memcmp(line, kinds[k].kind, (size_t)(tab - line)) == 0)
                st = add_span(src, l, kinds[k].prefix, tab + 1,
                              (size_t)(end - tab - 1));
        line = *end ? end + 1 : end;
    }
    return st;
}

static fond_status_t add_whole_n(term_list_t *l, const char *prefix,
                                 const char *value, size_t len);

/* The words of each level's id and title in a hierarchy (source.h), for
 * within: (the "level" word itself is not indexed); and each id whole
 * (schema_whole_value), so that an identifier typed as one word finds it
 * however its parts are joined (within:mss0042 as within:mss-0042). */
static fond_status_t add_hierarchy(const source_ctx_t *src, term_list_t *l,
                                   const char *hierarchy)
{
    fond_status_t st = FOND_OK;
    for (const char *line = hierarchy; st == FOND_OK && line && *line;) {
        const char *end = strchr(line, '\n'), *tab = strchr(line, '\t');
        if (!end)
            end = line + strlen(line);
        if (tab && tab < end)
            st = add_span(src, l, SCHEMA_WITHIN, tab + 1,
                          (size_t)(end - tab - 1));
        const char *tab2 = tab && tab < end ? memchr(tab + 1, '\t', (size_t)(end - tab - 1)) : NULL;
        if (st == FOND_OK && tab2 && tab2 > tab + 1)
            st = add_whole_n(l, SCHEMA_WITHIN, tab + 1, (size_t)(tab2 - tab - 1));
        line = *end ? end + 1 : end;
    }
    return st;
}

/* The From, To or Creator field (the query field named `field`): each mailbox's
 * name under the field's prefix, the words of its address before and
 * after '@' under prefixes of their own, so that a search can leave out
 * what its reader is not shown (schema.h). */
static fond_status_t add_mailboxes(const source_ctx_t *src, term_list_t *l,
                                   const char *field, const char *value)
{
    const schema_field_t *f = schema_field(field, strlen(field));
    fond_mailbox_t m;
    fond_status_t st = FOND_OK;
    for (const char *rest = value; st == FOND_OK && fond_mailbox_next(&rest, &m);) {
        st = add_span(src, l, f->prefix, m.name, m.name_len);
        if (st == FOND_OK)
            st = add_span(src, l, f->local, m.local, m.local_len);
        if (st == FOND_OK)
            st = add_span(src, l, f->domain, m.domain, m.domain_len);
    }
    return st;
}

/* A whole value as one filter term (schema_whole_value): "SA AR" -> "saar". */
static fond_status_t add_whole_n(term_list_t *l, const char *prefix,
                                 const char *value, size_t len)
{
    char whole[TERM_MAX];
    size_t n = len ? schema_whole_value(value, len, whole, sizeof whole) : 0;
    return n ? add_prefixed(l, prefix, whole, n) : FOND_OK;
}

static fond_status_t add_whole(term_list_t *l, const char *prefix,
                               const char *value)
{
    return add_whole_n(l, prefix, value, strlen(value));
}

/* Y1921, M192107, D19210703: as far as the date is known. */
static fond_status_t add_date_terms(term_list_t *l, const char *yyyymmdd)
{
    char terms[3][16];
    size_t n = schema_date_terms(yyyymmdd, terms);
    fond_status_t st = FOND_OK;
    for (size_t i = 0; i < n && st == FOND_OK; i++)
        st = term_list_add(l, terms[i], strlen(terms[i]));
    return st;
}

/* How far a source's date range is indexed term by term: every year it
 * touches, every month if it spans no more than RANGE_MONTHS_MAX of them,
 * every day if no more than RANGE_DAYS_MAX.  So `date:` finds a source
 * dated 1917/1918 by any year or month in it (26 terms a passage), and one
 * of a few weeks by any day; a day inside a longer range does not find it,
 * as a day does not find a source dated by its year or month alone. */
#define RANGE_YEARS_MAX 500
#define RANGE_MONTHS_MAX 120
#define RANGE_DAYS_MAX 92

/* Y, M and D terms for the range from date to date_end ("YYYYMMDD" with
 * 00 parts: the first and last day they stand for), as far as the spans
 * above allow. */
static fond_status_t add_range_terms(term_list_t *l, const char *date,
                                     const char *date_end)
{
    int a[3], b[3];
    dates_first_day(date, a);
    dates_last_day(date_end, b);
    long days = dates_day_count(b) - dates_day_count(a) + 1;
    long months = (b[0] - a[0]) * 12L + b[1] - a[1] + 1;
    fond_status_t st = FOND_OK;
    char term[16];
    for (int y = a[0]; y <= b[0] && y - a[0] < RANGE_YEARS_MAX && st == FOND_OK; y++) {
        snprintf(term, sizeof term, SCHEMA_YEAR "%04d", y);
        st = term_list_add(l, term, strlen(term));
    }
    for (int y = a[0], m = a[1]; months <= RANGE_MONTHS_MAX && st == FOND_OK &&
                                 (y < b[0] || (y == b[0] && m <= b[1]));) {
        snprintf(term, sizeof term, SCHEMA_MONTH "%04d%02d", y, m);
        st = term_list_add(l, term, strlen(term));
        if (++m > 12)
            m = 1, y++;
    }
    for (long k = 0; days <= RANGE_DAYS_MAX && k < days && st == FOND_OK; k++) {
        snprintf(term, sizeof term, SCHEMA_DAY "%04d%02d%02d", a[0], a[1], a[2]);
        st = term_list_add(l, term, strlen(term));
        if (++a[2] > dates_days_in_month(a[0], a[1])) { /* the next day */
            a[2] = 1;
            if (++a[1] > 12)
                a[1] = 1, a[0]++;
        }
    }
    return st;
}

#define REFS_MAX 16 /* references indexed of one note, header or passage */

/* A reference's terms (schema.h): under ref:, the forms a reader types it
 * in, each once; under archive:, fond:, opis:, delo:, box:, folder:,
 * reel:, its parts.  Each is one term (schema_whole_value).  A reference
 * is keyed up to its file (citation_ref_key), as a query keys what it
 * types, so that its sheets need no terms of their own: a note cited from
 * every passage costs each passage its terms. */
static fond_status_t add_ref_terms(term_list_t *l, const citation_ref_t *r)
{
    static const struct {
        citation_part_t part;
        const char *prefix;
    } parts[] = {{CITATION_FOND, SCHEMA_FOND},     {CITATION_OPIS, SCHEMA_OPIS},
                 {CITATION_DELO, SCHEMA_DELO},     {CITATION_BOX, SCHEMA_BOX},
                 {CITATION_FOLDER, SCHEMA_FOLDER}, {CITATION_REEL, SCHEMA_REEL}};
    /* a code's numbers alone: "371/6262" of "FO 371/6262" */
    const char *numbers = r->number[0] && !(r->number[0] >= '0' && r->number[0] <= '9')
                              ? strchr(r->number, ' ') : NULL;
    size_t len = strlen(r->text);
    size_t units = r->units_start - r->start < len ? r->units_start - r->start : 0;
    size_t file = r->file_end - r->start < len ? r->file_end - r->start : len;
    /* its first unit as written, up to a comma: the collection a reader
     * names ("MSS 94850" of "Library of Congress, ..., MSS 94850, reel
     * 35", "RG 59", "Box 17") */
    const char *comma = memchr(r->text + units, ',', len - units);
    size_t first = comma ? (size_t)(comma - r->text) - units : len - units;
    /* up to its file, with and without its archive ("TNA, FO 371/6262",
     * "FO 371/6262" of "TNA, FO 371/6262, f. 45"), its number alone */
    const struct {
        const char *text;
        size_t len;
    } forms[] = {{r->text, file}, {r->text + units, file > units ? file - units : 0},
                 {r->number, strlen(r->number)},
                 {numbers ? numbers : "", numbers ? strlen(numbers) : 0},
                 {r->text + units, first}};
    enum { FORMS = sizeof forms / sizeof *forms };
    char whole[FORMS][TERM_MAX];
    size_t n[FORMS];
    fond_status_t st = add_whole(l, SCHEMA_ARCHIVE, r->archive);
    for (size_t i = 0; i < FORMS && st == FOND_OK; i++) {
        n[i] = forms[i].len ? schema_whole_value(forms[i].text, forms[i].len,
                                                 whole[i], sizeof whole[i]) : 0;
        int again = 0;
        for (size_t k = 0; k < i; k++)
            again |= n[k] == n[i] && memcmp(whole[k], whole[i], n[i]) == 0;
        if (n[i] && !again)
            st = add_prefixed(l, SCHEMA_REF, whole[i], n[i]);
    }
    for (size_t i = 0; i < sizeof parts / sizeof *parts && st == FOND_OK; i++)
        st = add_whole(l, parts[i].prefix, r->part[parts[i].part]);
    return st;
}

/* The references in text[0, len), their terms into l. */
static fond_status_t add_refs_in(term_list_t *l, const char *text, size_t len)
{
    citation_ref_t refs[REFS_MAX];
    size_t n = citation_find_refs(text, len, refs, REFS_MAX);
    fond_status_t st = FOND_OK;
    for (size_t i = 0; i < n && st == FOND_OK; i++)
        st = add_ref_terms(l, &refs[i]);
    return st;
}

/* The terms of every note's references, into src->note_terms. */
static fond_status_t make_note_terms(source_ctx_t *src)
{
    size_t n = src->in->n_notes;
    src->note_at = malloc((n + 1) * sizeof *src->note_at);
    fond_status_t st = src->note_at ? FOND_OK : FOND_ERR_NOMEM;
    for (size_t k = 0; k < n && st == FOND_OK; k++) {
        src->note_at[k] = src->note_terms.len;
        st = add_refs_in(&src->note_terms, src->in->notes[k].text,
                         strlen(src->in->notes[k].text));
    }
    if (st == FOND_OK)
        src->note_at[n] = src->note_terms.len;
    return st;
}

/* A footnote's words, with positions after *pos and a gap (schema.h,
 * SCHEMA_NOTE_GAP), and its references' terms (make_note_terms). */
static fond_status_t add_note_terms(const source_ctx_t *src, store_doc_t *doc,
                                    term_list_t *filters,
                                    const ingest_note_t *note, unsigned *pos)
{
    *pos += SCHEMA_NOTE_GAP;
    fond_status_t st = add_words(src, doc, note->text, strlen(note->text),
                                 AS_NOTE, pos);
    size_t k = (size_t)(note - src->in->notes);
    if (st != FOND_OK || k >= src->in->n_notes)
        return st;
    size_t from = src->note_at[k], to = src->note_at[k + 1];
    if (to == from)
        return FOND_OK;
    if (array_reserve(&filters->buf, &filters->cap, filters->len + to - from, 1,
                      256) != 0)
        return FOND_ERR_NOMEM;
    memcpy(filters->buf + filters->len, src->note_terms.buf + from, to - from);
    filters->len += to - from;
    return FOND_OK;
}

/* The source's own reference (its Archive reference and Source headers):
 * each header whole under ref:, and the references found in it. */
static fond_status_t add_own_refs(term_list_t *l, const source_t *h)
{
    const char *const own[] = {h->archive_ref, h->source_ref};
    fond_status_t st = FOND_OK;
    for (size_t i = 0; i < 2 && st == FOND_OK; i++)
        if (own[i]) {
            /* its first unit, up to a comma, whole too, when it holds a
             * digit (an identifier, not an archive's name): an EAD
             * component's identifier before its containers
             * ("MSS-0042-017" of "MSS-0042-017, Box 3, Folder 12") */
            const char *comma = strchr(own[i], ',');
            size_t first = comma ? (size_t)(comma - own[i]) : 0;
            st = add_whole(l, SCHEMA_REF, own[i]);
            if (st == FOND_OK && first && strcspn(own[i], "0123456789") < first)
                st = add_whole_n(l, SCHEMA_REF, own[i], first);
            if (st == FOND_OK)
                st = add_refs_in(l, own[i], strlen(own[i]));
        }
    return st;
}

/* ------------------------------------------------------------- values */

static fond_status_t set_value(store_doc_t *doc, unsigned slot, const char *v)
{
    return v && *v ? store_doc_set_value(doc, slot, v, strlen(v)) : FOND_OK;
}

/* The notes as "N\ttext\n" lines, for display with the passage. */
static char *notes_value(const ingest_passage_t *p)
{
    size_t len = 1;
    for (size_t i = 0; i < p->n_notes; i++)
        len += strlen(p->notes[i]->text) + 16;
    char *v = malloc(len), *at = v;
    for (size_t i = 0; v && i < p->n_notes; i++) {
        at += sprintf(at, "%u\t", p->notes[i]->number);
        for (const char *t = p->notes[i]->text; *t; t++)
            *at++ = (*t == '\t' || *t == '\n') ? ' ' : *t;
        *at++ = '\n';
    }
    if (v)
        *at = '\0';
    return v;
}

/* The dates mentioned, "YYYYMMDD" joined by spaces.  The passage's date
 * for sorting is its source's, else the first it mentions (a narrative's
 * passages follow its story), else none: "99999999" sorts last. */
static void dates_value(const ingest_passage_t *p, const char *source_date,
                        char *buf, size_t size, char *sortdate)
{
    buf[0] = '\0';
    strcpy(sortdate, *source_date ? source_date : "99999999");
    for (size_t i = 0; i < p->n_dates && strlen(buf) + 10 < size; i++) {
        char d[9];
        dates_format(&p->dates[i], d);
        if (i == 0 && !*source_date)
            strcpy(sortdate, d);
        strcat(buf, i ? " " : "");
        strcat(buf, d);
    }
}

static fond_status_t set_all(store_doc_t *doc, const unsigned *slots,
                             const char *const *values, size_t n)
{
    fond_status_t st = FOND_OK;
    for (size_t i = 0; i < n && st == FOND_OK; i++)
        st = set_value(doc, slots[i], values[i]);
    return st;
}

/* A passage's fields; the path, type and collection as well, for the
 * facets. */
static fond_status_t set_values(const source_ctx_t *src, store_doc_t *doc,
                                const ingest_passage_t *p, const char *id)
{
    const source_t *h = &src->in->header;
    char ord[16], range[48], pages[80], dates[512], sortdate[9], year[5];
    snprintf(ord, sizeof ord, "%u", p->ordinal);
    snprintf(range, sizeof range, "%zu %zu", p->raw_start, p->raw_end);
    schema_format_pages(pages, sizeof pages, p->page_first, p->page_last,
                        p->page_label);
    dates_value(p, h->date, dates, sizeof dates, sortdate);
    snprintf(year, sizeof year, "%.4s", strcmp(sortdate, "99999999") ? sortdate : "");
    char *notes = notes_value(p);
    if (!notes)
        return FOND_ERR_NOMEM;
    const unsigned slots[] = {
        SCHEMA_SLOT_PATH,  SCHEMA_SLOT_TYPE,     SCHEMA_SLOT_ORDINAL,
        SCHEMA_SLOT_ID,    SCHEMA_SLOT_NOTES,    SCHEMA_SLOT_DATES,
        SCHEMA_SLOT_RANGE, SCHEMA_SLOT_SORTDATE, SCHEMA_SLOT_SOURCE,
        SCHEMA_SLOT_YEAR,  SCHEMA_SLOT_PAGES,    SCHEMA_SLOT_ADDED,
        SCHEMA_SLOT_ATTACHMENT, SCHEMA_SLOT_COLLECTION};
    const char *const values[] = {src->path, h->type, ord, id, notes, dates,
                                  range, sortdate, src->hash, year, pages,
                                  src->added, p->attachment, h->container};
    fond_status_t st = set_all(doc, slots, values, sizeof slots / sizeof *slots);
    free(notes);
    return st;
}

/* ------------------------------------------------------------- one passage */

/* The source-level terms every passage carries, as filters (schema.h,
 * "Filters"): its source term (and its file's), type, language, its own
 * date, its Archive reference, and the words of its title, path, sender,
 * recipient, place and creator.  Made once a source, into src->filters.  A
 * failure says which: the list's only allocate; a field's words are the
 * analyzer's (whose status is all it says). */
static fond_status_t make_source_terms(fond_db_t *db, source_ctx_t *src)
{
    const source_t *h = &src->in->header;
    term_list_t *l = &src->filters;
    fond_status_t st = term_list_add(l, src->src_term, strlen(src->src_term));
    if (st == FOND_OK && src->file_term[0])
        st = term_list_add(l, src->file_term, strlen(src->file_term));
    if (st == FOND_OK)
        st = add_prefixed(l, SCHEMA_LANGUAGE, src->in->language,
                          strlen(src->in->language));
    if (st == FOND_OK && h->type)
        st = add_whole(l, SCHEMA_TYPE, h->type);
    if (st == FOND_OK)
        st = h->date_end[0] ? add_range_terms(l, h->date, h->date_end)
                            : add_date_terms(l, h->date);
    if (st == FOND_OK)
        st = add_own_refs(l, h);
    if (st != FOND_OK)
        return db_fail(db, st, "%s: out of memory", src->path);
    /* key: a prefix, or for a mailbox field the field's name (schema.h) */
    const struct {
        const char *name, *key, *value;
        int mailboxes;
    } fields[] = {{"title", SCHEMA_TITLE, src->title, 0},
                  {"path", SCHEMA_PATH_WORD, src->path_words, 0},
                  {"From header", "from", h->from, 1},
                  {"To header", "to", h->to, 1},
                  {"Place header", SCHEMA_PLACE, h->place, 0},
                  {"Creator", "creator", h->creator, 1},
                  {"container", SCHEMA_WITHIN, h->container, 0}};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        st = fields[i].mailboxes
                 ? add_mailboxes(src, l, fields[i].key, fields[i].value)
                 : add_field(src, l, fields[i].key, fields[i].value);
        if (st != FOND_OK)
            return db_fail(db, st, "%s: the words of its %s: %s", src->path,
                           fields[i].name, fond_status_str(st));
    }
    st = add_hierarchy(src, l, h->hierarchy);
    if (st == FOND_OK)
        st = add_names(src, l, h->names);
    if (st == FOND_OK && h->link && h->link[0] == '/') {
        /* a digitised copy that is a file: its source id, that a hit in
         * the file may find this source (search.c, "where it sits") */
        char dao[sizeof SCHEMA_DAO + SCHEMA_SOURCE_ID_SIZE];
        memcpy(dao, SCHEMA_DAO, sizeof SCHEMA_DAO - 1);
        schema_source_id(&db->id_key, h->link, dao + sizeof SCHEMA_DAO - 1);
        st = term_list_add(l, dao, strlen(dao));
    }
    if (st != FOND_OK)
        return db_fail(db, st, "%s: the words of its hierarchy or names: %s",
                       src->path, fond_status_str(st));
    return FOND_OK;
}

/* The source record, on the source's first passage: its path term and the
 * fields every passage of the source shows. */
static fond_status_t add_record(const source_ctx_t *src, store_doc_t *doc)
{
    const source_t *h = &src->in->header;
    char pterm[TERM_MAX + 1];
    snprintf(pterm, sizeof pterm, SCHEMA_PATH "%s", src->path); /* cut if long */
    store_doc_set_record(doc);
    fond_status_t st = store_doc_add_filter(doc, pterm, strlen(pterm));
    const unsigned slots[] = {
        SCHEMA_SLOT_TITLE, SCHEMA_SLOT_DATE, SCHEMA_SLOT_FROM,
        SCHEMA_SLOT_TO, SCHEMA_SLOT_PLACE, SCHEMA_SLOT_LANGUAGE,
        SCHEMA_SLOT_ARCHIVE_REF, SCHEMA_SLOT_NAME, SCHEMA_SLOT_CREATOR,
        SCHEMA_SLOT_RIGHTS, SCHEMA_SLOT_DATE_END, SCHEMA_SLOT_OCR_CONF,
        SCHEMA_SLOT_CONTAINER, SCHEMA_SLOT_HIERARCHY, SCHEMA_SLOT_LINK,
        SCHEMA_SLOT_IMAGES};
    const char *const values[] = {src->title, h->date, h->from, h->to,
                                  h->place, src->in->language, h->archive_ref,
                                  src->name, h->creator, h->rights,
                                  h->date_end, src->ocr_conf, h->container,
                                  h->hierarchy, h->link,
                                  src->images ? src->images : ""};
    return st == FOND_OK ? set_all(doc, slots, values, sizeof slots / sizeof *slots)
                         : st;
}

/* Where each OCR word's alternative readings go (schema.h): the
 * position of the text's word at the OCR word's offset, the first word
 * that ends after it, if it starts before the OCR word ends (a word of
 * punctuation alone has none). */
typedef struct {
    const char *alts;   /* NUL-terminated, an empty one after the last */
    unsigned pos;
} alt_place_t;

typedef struct {
    const ingest_passage_t *p;
    const char *alts;   /* the layout's */
    size_t k;           /* the next box to place */
    alt_place_t *places;
    size_t n, cap;
    int failed;
} alts_ctx_t;

static int place_alts(void *ctx, const analyze_token_t *t)
{
    alts_ctx_t *c = ctx;
    const ingest_box_t *b = c->p->boxes;
    for (; c->k < c->p->n_boxes && b[c->k].offset < t->end; c->k++) {
        const ocr_word_t *w = b[c->k].word;
        if (w->alt == OCR_NO_ALT || t->start >= b[c->k].offset + w->len)
            continue;
        if (array_reserve(&c->places, &c->cap, c->n + 1, sizeof *c->places,
                          16) != 0) {
            c->failed = 1;
            return 1;
        }
        c->places[c->n++] = (alt_place_t){c->alts + w->alt, t->pos};
    }
    return c->k == c->p->n_boxes;
}

/* The alternative readings of the passage's OCR words, each at its word's
 * position, as a word of the text (so that a phrase goes through it). */
static fond_status_t add_alternatives(const source_ctx_t *src,
                                      store_doc_t *doc, const char *text,
                                      const ingest_passage_t *p)
{
    int any = 0;
    for (size_t i = 0; i < p->n_boxes && !any; i++)
        any = p->boxes[i].word->alt != OCR_NO_ALT;
    if (!any)
        return FOND_OK;
    alts_ctx_t c = {p, src->in->layout->alts, 0, NULL, 0, 0, 0};
    fond_status_t st = analyze_words(src->analyzer, text, p->end - p->start,
                                     place_alts, &c);
    if (st == FOND_OK && c.failed)
        st = FOND_ERR_NOMEM;
    for (size_t i = 0; i < c.n && st == FOND_OK; i++)
        for (const char *a = c.places[i].alts; *a && st == FOND_OK;
             a += strlen(a) + 1) {
            /* its first word at the position, any more after it */
            terms_ctx_t t = {doc, NULL, "", AS_TEXT, c.places[i].pos - 1,
                             c.places[i].pos - 1, FOND_OK};
            st = analyze_into(src, &t, a, strlen(a));
        }
    free(c.places);
    return st;
}

/* The passage's words' boxes, one blob (schema.h, "Word boxes"). */
static fond_status_t set_boxes(const source_ctx_t *src, store_doc_t *doc,
                               const ingest_passage_t *p)
{
    if (!p->n_boxes)
        return FOND_OK;
    boxes_word_t *words = malloc(p->n_boxes * sizeof *words);
    if (!words)
        return FOND_ERR_NOMEM;
    for (size_t i = 0; i < p->n_boxes; i++) {
        const ocr_word_t *w = p->boxes[i].word;
        words[i] = (boxes_word_t){p->boxes[i].offset, w->page, w->box, w->conf};
    }
    const ocr_text_t *layout = src->in->layout;
    char *blob = NULL;
    size_t len = 0;
    fond_status_t st = boxes_encode(words, p->n_boxes, layout->pages,
                                    layout->n_pages, &blob, &len);
    if (st == FOND_OK)
        st = store_doc_set_value(doc, SCHEMA_SLOT_BOXES, blob, len);
    free(blob);
    free(words);
    return st;
}

/* The part of passage q (beside another) nearest their boundary: at most
 * SCHEMA_BESIDE_BYTES of it, cut at white space; `after`: q comes after. */
static void beside_span(const char *body, const ingest_passage_t *q, int after,
                        size_t *a, size_t *b)
{
    *a = q->start;
    *b = q->end;
    if (q->end - q->start <= SCHEMA_BESIDE_BYTES)
        return;
    if (after) {
        *b = q->start + SCHEMA_BESIDE_BYTES;
        while (*b > q->start && !text_is_space(body[*b]))
            (*b)--;
    } else {
        *a = q->end - SCHEMA_BESIDE_BYTES;
        while (*a < q->end && !text_is_space(body[*a - 1]))
            (*a)++;
    }
}

/* The words of the passages before and after p near their boundaries, as
 * SCHEMA_BESIDE filters (schema.h): evidence for a query that straddles. */
static fond_status_t add_beside(const source_ctx_t *src, term_list_t *filters,
                                const ingest_passage_t *p)
{
    size_t i = (size_t)(p - src->in->passages);
    fond_status_t st = FOND_OK;
    for (int after = 0; after < 2 && st == FOND_OK; after++) {
        if (after ? i + 1 >= src->in->n_passages : i == 0)
            continue;
        size_t a, b;
        beside_span(src->in->body.text, &src->in->passages[after ? i + 1 : i - 1],
                    after, &a, &b);
        st = add_span(src, filters, SCHEMA_BESIDE, src->in->body.text + a, b - a);
    }
    return st;
}

/* The passage's own terms: its words, the dates it mentions, its
 * footnotes; its filter terms gathered in `filters` (emptied first) and
 * then added with its source's. */
static fond_status_t add_passage_terms(const source_ctx_t *src,
                                       store_doc_t *doc, term_list_t *filters,
                                       const ingest_passage_t *p)
{
    const char *text = src->in->body.text + p->start;
    filters->len = 0;
    unsigned pos = 0;
    fond_status_t st = add_words(src, doc, text, p->end - p->start, AS_TEXT,
                                 &pos);
    if (st == FOND_OK)
        st = add_beside(src, filters, p);
    if (st == FOND_OK)
        st = add_alternatives(src, doc, text, p);
    /* a reference the text gives (a source note printed at its end, a
     * file named in a sentence) is found by ref: as a footnote's is */
    if (st == FOND_OK)
        st = add_refs_in(filters, text, p->end - p->start);
    for (size_t i = 0; i < p->n_dates && st == FOND_OK; i++) {
        char d[9];
        dates_format(&p->dates[i], d);
        st = add_date_terms(filters, d);
    }
    for (size_t i = 0; i < p->n_notes && st == FOND_OK; i++)
        st = add_note_terms(src, doc, filters, p->notes[i], &pos);
    if (st == FOND_OK)
        st = add_filters(doc, filters);
    return st == FOND_OK ? add_filters(doc, &src->filters) : st;
}

/* One passage as one document; `filters` is room for its filter terms. */
static fond_status_t write_passage(fond_db_t *db, const source_ctx_t *src,
                                   term_list_t *filters,
                                   const ingest_passage_t *p)
{
    char id[40], qterm[48];
    snprintf(id, sizeof id, "%s-%u", src->hash, p->ordinal);
    snprintf(qterm, sizeof qterm, SCHEMA_ID "%s", id);
    store_doc_t *doc = NULL;
    fond_status_t st = store_doc_new(db->store, &doc);
    if (st != FOND_OK)
        return db_fail(db, st, "%s: %s", src->path, store_error(db->store));
    st = store_doc_add_filter(doc, qterm, strlen(qterm));
    if (st == FOND_OK && p->ordinal == SCHEMA_RECORD_PASSAGE)
        st = add_record(src, doc);
    if (st == FOND_OK)
        st = add_passage_terms(src, doc, filters, p);
    if (st == FOND_OK)
        st = set_values(src, doc, p, id);
    if (st == FOND_OK)
        st = set_boxes(src, doc, p);
    if (st == FOND_OK)
        st = store_doc_set_data(doc, src->in->body.text + p->start,
                                p->end - p->start);
    if (st != FOND_OK) /* building a document only allocates */
        db_fail(db, st, "%s: passage %u: %s", src->path, p->ordinal,
                fond_status_str(st));
    else if ((st = store_doc_add(db->store, doc)) != FOND_OK)
        db_fail(db, st, "%s: %s", src->path, store_error(db->store));
    store_doc_free(doc);
    return st;
}

/* ------------------------------------------------------------- one source */

/* Repair asks whether the collection knows a word or a stem: a stem as a
 * word of its own, or as the Z term of irregular words.  (The other words
 * of a stem are not looked for: that is a scan of the terms, which a
 * database being written can only make by writing out what it holds.) */
static int known_in_collection(void *ctx, const char *word, int is_stem)
{
    fond_db_t *db = ctx;
    char term[TERM_MAX + 2];
    size_t freq = 0;
    if (store_term_freq(db->store, word, &freq) == FOND_OK && freq > 0)
        return 1;
    snprintf(term, sizeof term, SCHEMA_STEM "%s", word);
    return is_stem && store_term_freq(db->store, term, &freq) == FOND_OK &&
           freq > 0;
}

static fond_status_t write_source(fond_db_t *db, source_ctx_t *src)
{
    schema_source_id(&db->id_key, src->path, src->hash);
    schema_source_term(&db->id_key, src->path, src->src_term);
    /* source: finds the words of its name, the path under the folder
     * indexed: the folders above it are the same for every source */
    const char *named = src->name ? src->name : src->path;
    src->path_words = words_of_name(named, strlen(named));
    if (!src->path_words)
        return db_fail(db, FOND_ERR_NOMEM, "%s: out of memory", src->path);
    fond_status_t st = db_analyzer(db, src->in->language, &src->analyzer);
    if (st != FOND_OK)
        db_fail(db, st, "%s: cannot make the %s stemmer: %s", src->path,
                src->in->language, fond_status_str(st));
    if (st == FOND_OK)
        st = make_source_terms(db, src); /* says why it failed */
    if (st == FOND_OK && (st = make_note_terms(src)) != FOND_OK)
        db_fail(db, st, "%s: out of memory", src->path);
    if (st == FOND_OK && (st = db_delete_source(db, src->hash)) != FOND_OK)
        db_fail(db, st, "%s: %s", src->path, store_error(db->store));
    term_list_t filters = {NULL, 0, 0};
    for (size_t i = 0; i < src->in->n_passages && st == FOND_OK; i++)
        st = write_passage(db, src, &filters, &src->in->passages[i]);
    free(filters.buf);
    free(src->filters.buf);
    free(src->note_terms.buf);
    free(src->note_at);
    free(src->path_words);
    return st;
}

static void fill_result(const ingest_t *in, const extract_t *x,
                        size_t bytes, const char *how, fond_index_result_t *out)
{
    memset(out, 0, sizeof *out);
    out->passages = in->n_passages;
    out->bytes = bytes;
    out->replaced = in->decoded.replaced;
    out->notes = in->n_notes;
    out->sources = 1;
    snprintf(out->format, sizeof out->format, "text");
    snprintf(out->encoding, sizeof out->encoding, "%s", in->decoded.encoding);
    snprintf(out->encoding_how, sizeof out->encoding_how, "%s",
             in->decoded.how ? in->decoded.how : "");
    snprintf(out->declared, sizeof out->declared, "%s", in->decoded.declared);
    snprintf(out->language, sizeof out->language, "%s", in->language);
    snprintf(out->language_how, sizeof out->language_how, "%s", how);
    out->sources = 1;
    static const char *const formats[] = {
        [EXTRACT_TEXT] = "text", [EXTRACT_PDF] = "pdf", [EXTRACT_IMAGE] = "image",
        [EXTRACT_HOCR] = "hocr", [EXTRACT_ALTO] = "alto",
        [EXTRACT_PAGEXML] = "page-xml", [EXTRACT_HTML] = "html",
        [EXTRACT_DOCX] = "docx", [EXTRACT_ODT] = "odt"};
    snprintf(out->format, sizeof out->format, "%s", formats[x->format]);
    out->pages = x->format != EXTRACT_TEXT && !EXTRACT_MARKUP(x->format)
                     ? x->pages : (unsigned)in->n_pages;
    out->ocr_pages = x->ocr_pages;
    out->ocr_cached = x->ocr_cached;
    out->blank_pages = x->blank_pages;
}

/* The source's language: its Language header's; else the one identified
 * from its repaired text (langid.h), when that has a stemmer; else the one
 * its scans were read in, when asked for (`ocr`: --ocr-language fra); else
 * what ingest chose by the script (the default).  Says which in `how`.
 * Fingerprints that cannot be read leave every source to the default; no
 * memory to load them fails the source (FOND_ERR_NOMEM, why says so). */
static fond_status_t choose_language(fond_db_t *db, ingest_t *in,
                                     const char *ocr, const char **how,
                                     char *why, size_t size)
{
    if (in->header.language && language_named(in->header.language)) {
        *how = "header";
        return FOND_OK;
    }
    if (!db->langid && !db->langid_missing) {
        fond_status_t st = langid_new(&db->langid, NULL, why, size);
        if (st == FOND_ERR_NOMEM)
            return st;
        db->langid_missing = st != FOND_OK;
    }
    const char *found = db->langid ? langid_identify(db->langid, in->body.text,
                                                     in->body.len, NULL) : NULL;
    *how = found ? "identified" : ocr ? "ocr" : "default";
    if (found || ocr)
        in->language = found ? found : ocr;
    return FOND_OK;
}

/* The images of a layout's pages (an hOCR or ALTO file's, a folder's),
 * as the record's IMAGES field: "N\tpath\n" a page that has one, the
 * path relative to the source's folder (a folder of pages: itself; a
 * file: the folder it is in), so that fond.cgi finds a page's image from
 * the source's path and from nothing a request says.  An image outside
 * that folder is left out (the server reads no file beside the
 * collection's).  *out malloc'd ("" when none); NULL when out of memory. */
static char *page_images(const ocr_text_t *layout, const char *file_path)
{
    char *out = NULL, dir[PATH_MAX];
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f)
        return NULL;
    struct stat sb;
    char *real = realpath(file_path, NULL);
    if (real) {
        snprintf(dir, sizeof dir, "%s", real);
        char *slash = strrchr(dir, '/');
        if (stat(real, &sb) == 0 && !S_ISDIR(sb.st_mode) && slash)
            slash[slash == dir] = '\0';
    }
    size_t dir_len = real ? strlen(dir) : 0;
    for (size_t i = 0; real && layout && i < layout->n_pages; i++) {
        char *image = layout->pages[i].image ? realpath(layout->pages[i].image,
                                                        NULL) : NULL;
        size_t skip = dir_len + (dir_len > 1);
        if (image && strncmp(image, dir, dir_len) == 0 &&
            image[dir_len] == '/' && !strpbrk(image + skip, "\t\n"))
            fprintf(f, "%zu\t%s\n", i + 1, image + skip);
        free(image);
    }
    free(real);
    return fclose(f) == 0 ? out : (free(out), NULL);
}

/* The source whose text x holds (extract_t: x->text, and its words'
 * boxes when it has them), as db_index_one says; x stays the caller's. */
static fond_status_t index_extracted(fond_db_t *db, const char *file_path,
                                     const char *source_path,
                                     const char *title, const char *name,
                                     long long added, const extract_t *x,
                                     size_t len, const source_t *message,
                                     const ingest_section_t *sections,
                                     size_t n_sections,
                                     fond_index_result_t *out)
{
    ingest_t in;
    char why[256] = "";
    memset(&in, 0, sizeof in);
    /* what the format states: a message's header, which its text never
     * has; a PDF's Info: its Title and Author (the one who made it),
     * never its CreationDate, which is the file's, not the document's;
     * HTML's title and metas, DOCX's and ODT's properties (their date the
     * document's: extract.h) */
    source_t info = {.title = x->title, .creator = x->author,
                     .rights = x->rights};
    memcpy(info.date, x->doc_date, sizeof info.date);
    memcpy(info.date_end, x->doc_date_end, sizeof info.date_end);
    ingest_given_t given = {.catalogue = db->row ? &db->row->fields : NULL,
                            .format = message ? message : &info,
                            .headerless = message != NULL ||
                                          EXTRACT_MARKUP(x->format),
                            .layout = x->text == x->layout.text ? &x->layout
                                                                : NULL,
                            .sections = sections, .n_sections = n_sections};
    fond_status_t st = ingest_bytes(&in, x->text, x->len, &given,
                                    db->analyzer, known_in_collection, db,
                                    why, sizeof why);
    /* a scan's language, when --ocr-language named it */
    const char *how = "", *asked = db->extract.ocr_language;
    const char *ocr = x->ocr_pages + x->ocr_cached ? language_of_tesseract(asked)
                                                   : NULL;
    if (st == FOND_OK)
        st = choose_language(db, &in, ocr, &how, why, sizeof why);
    if (st != FOND_OK) {
        ingest_free(&in);
        return db_fail(db, st, "%s: %s, skipped", source_path, why);
    }
    source_ctx_t src = {source_path, title ? title : in.header.title,
                        &in, NULL, "", "", NULL, name, "", "", {NULL, 0, 0},
                        {NULL, 0, 0}, NULL, "", NULL};
    if (x->ocr_confidence >= 0) /* read by OCR (OCR_CONF_NONE: not) */
        snprintf(src.ocr_conf, sizeof src.ocr_conf, "%d", x->ocr_confidence);
    schema_format_added(added, src.added);
    if (strcmp(file_path, source_path) != 0)
        schema_source_term(&db->id_key, file_path, src.file_term);
    char *images = page_images(&x->layout, file_path);
    src.images = images;
    st = images ? write_source(db, &src)
                : db_fail(db, FOND_ERR_NOMEM, "%s: out of memory", source_path);
    free(images);
    if (out)
        fill_result(&in, x, len, how, out);
    if (out && n_sections)
        out->pages = 0; /* the files' pages, not the source's */
    ingest_free(&in);
    return st;
}

fond_status_t db_index_one(fond_db_t *db, const char *file_path,
                           const char *source_path, const char *title,
                           const char *name, long long added,
                           const char *text, size_t len,
                           const source_t *message, fond_index_result_t *out)
{
    return db_index_attached(db, file_path, source_path, title, name, added,
                             text, len, message, NULL, 0, out);
}

fond_status_t db_index_attached(fond_db_t *db, const char *file_path,
                                const char *source_path, const char *title,
                                const char *name, long long added,
                                const char *text, size_t len,
                                const source_t *message,
                                const ingest_section_t *sections,
                                size_t n_sections, fond_index_result_t *out)
{
    extract_t x;
    char why[256] = "";
    fond_status_t st = FOND_OK;
    memset(&x, 0, sizeof x);
    x.ocr_confidence = OCR_CONF_NONE;
    if (message) /* a message's text: text, whatever it begins with */
        x.text = text, x.len = len;
    else if (!extract_saved(&x, db->ahead, db->ahead_len, text, len, source_path,
                            &db->extract, &st, why, sizeof why)) {
        fond_extract_opts_t copy; /* not read ahead */
        char spec[128];
        const fond_extract_opts_t *o =
            db_extract_for(db, db->row,
                           db->folder || EXTRACT_OCR(extract_format(text, len)),
                           &copy, spec, sizeof spec);
        st = db->folder /* a folder's pages; text is their manifest */
                 ? folder_extract(&x, db->folder, o, why, sizeof why)
                 : extract_bytes(&x, text, len, source_path, o, why, sizeof why);
    }
    if (st != FOND_OK) {
        extract_free(&x);
        return db_fail(db, st, "%s: %s, skipped", source_path, why);
    }
    st = index_extracted(db, file_path, source_path, title, name, added, &x,
                         len, message, sections, n_sections, out);
    if (st == FOND_OK && x.layout.n_words)
        db_misread_note(db, &x.layout); /* for the links (misread.c) */
    extract_free(&x);
    return st;
}

fond_status_t db_index_extracted(fond_db_t *db, const char *path,
                                 const extract_t *x, fond_index_result_t *out)
{
    db->error[0] = '\0';
    if (db_use_shard(db, path) != 0)
        return db_fail(db, FOND_ERR_ARG, "%s: its shard is another job's",
                       path);
    return index_extracted(db, path, path, NULL, NULL, 0, x, x->len, NULL,
                           NULL, 0, out);
}

/* A file's text: mail (each message a source), a TEI edition (each
 * document a source), an EAD finding aid (each component a source), else
 * one source. */
static fond_status_t index_text(fond_db_t *db, const char *source_path,
                                const char *title, const char *name,
                                long long added, const char *text, size_t len,
                                fond_index_result_t *out)
{
    db->error[0] = '\0';
    if (db_use_shard(db, source_path) != 0)
        return db_fail(db, FOND_ERR_ARG, "%s: its shard is another job's",
                       source_path);
    mail_kind_t kind = db->folder ? MAIL_NONE
                                  : mail_detect(source_path, text, len);
    if (kind != MAIL_NONE)
        return db_index_mail(db, source_path, name, added, kind, text, len,
                             out);
    if (!db->folder && tei_detect(text, len))
        return db_index_tei(db, source_path, name, added, text, len, out);
    if (!db->folder && ead_detect(text, len))
        return db_index_ead(db, source_path, name, added, text, len, out);
    return db_index_one(db, source_path, source_path, title, name, added,
                        text, len, NULL, out);
}

fond_status_t fond_db_index_text(fond_db_t *db, const char *source_path,
                                 const char *title, const char *text,
                                 size_t len, fond_index_result_t *out)
{
    FOND_ASSERT_ARG(db, source_path && (text || len == 0));
    return index_text(db, source_path, title, NULL, 0, text, len, out);
}

fond_status_t db_index_source(fond_db_t *db, const char *path,
                              const char *name, long long added,
                              const char *text, size_t len,
                              fond_index_result_t *out)
{
    return index_text(db, path, NULL, name, added, text, len, out);
}

/* ------------------------------------------------------------- files */

fond_status_t fond_db_index_file(fond_db_t *db, const char *path,
                                 fond_index_result_t *out)
{
    FOND_ASSERT_ARG(db, path);
    char *text = NULL, why[256];
    size_t len = 0;
    fond_status_t st = file_read(path, &text, &len, why, sizeof why);
    if (st != FOND_OK)
        db_fail(db, st, "%s: %s", path, why);
    else
        st = fond_db_index_text(db, path, NULL, text, len, out);
    free(text);
    return st;
}
