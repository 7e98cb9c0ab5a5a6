/*
 * search.c -- running a query: parse and expand it (query.c,
 * query_expand.c), rank passages with BM25 (store.cc), and make each hit's
 * snippet (snippet.c).  Words side by side are read softly (the passages
 * with every word first, then those with most of them), and when no passage
 * holds every word the results say they were loosened.  The reading is
 * chosen from the query alone, never from the page, so that every page of
 * one search lists and counts the same passages.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "boxes.h"
#include "citation.h"
#include "db_internal.h"
#include "language.h"
#include "query.h"
#include "snippet.h"
#include "text.h"

#define SNIPPET_MAX_BYTES 240

/* What a hit's pointers point into. */
typedef struct {
    char *values[SCHEMA_SLOTS]; /* each slot, "" if unset */
    char *text;
    char date[11];        /* the source's date, "1921-07-03" */
    char date_end[11];    /* a range's last day, as date */
    char (*dates)[11];    /* dates mentioned */
    char **date_ptrs;
    fond_note_t *notes;
    citation_archival_t *archival; /* behind notes[].archive ... */
    citation_biblio_t *biblio;     /* behind notes[].ref_title ... */
    fond_note_t ref;               /* the source's Archive reference */
    citation_archival_t ref_archival;
    citation_biblio_t ref_biblio;
    snippet_t snippet;
    char **variants;               /* behind variants */
    size_t n_variants;
    fond_box_t *boxes;             /* behind boxes */
    fond_unsure_t *unsure;         /* behind unsure */
    fond_box_t *page_sizes;        /* behind page_sizes */
} hit_store_t;

struct fond_results {
    fond_hit_t *hits;
    hit_store_t *store;
    size_t n;
    size_t results;           /* the list's length, after per_source */
    size_t passages, sources; /* matching, before it */
    size_t every_word;        /* of the passages, those with every word */
    int exact;                /* the counts are counts, not estimates */
    int loosened;
    char *suggestion;
    char **truncated; /* wildcards cut at FOND_WILDCARD_MAX */
    size_t n_truncated;
    fond_facet_t *facets[FOND_FACET_KINDS];
    size_t n_facets[FOND_FACET_KINDS];
};

size_t fond_results_count(const fond_results_t *r) { return r->n; }
size_t fond_results_estimate(const fond_results_t *r) { return r->results; }
int fond_results_exact(const fond_results_t *r) { return r->exact; }
size_t fond_results_every_word(const fond_results_t *r) { return r->every_word; }
int fond_results_loosened(const fond_results_t *r) { return r->loosened; }
size_t fond_results_passages(const fond_results_t *r) { return r->passages; }
size_t fond_results_sources(const fond_results_t *r) { return r->sources; }

const char *fond_results_suggestion(const fond_results_t *r)
{
    return r->suggestion;
}

const char *const *fond_results_truncated(const fond_results_t *r, size_t *n)
{
    *n = r->n_truncated;
    return (const char *const *)r->truncated;
}

const fond_facet_t *fond_results_facet(const fond_results_t *r,
                                       fond_facet_kind_t kind, size_t *n)
{
    *n = kind < FOND_FACET_KINDS ? r->n_facets[kind] : 0;
    return *n ? r->facets[kind] : NULL;
}

const fond_hit_t *fond_results_hit(const fond_results_t *r, size_t i)
{
    return i < r->n ? &r->hits[i] : NULL;
}

static void hit_store_free(hit_store_t *h)
{
    for (size_t v = 0; v < SCHEMA_SLOTS; v++)
        free(h->values[v]);
    free(h->text);
    free(h->dates);
    free(h->date_ptrs);
    free(h->notes);
    free(h->archival);
    free(h->biblio);
    snippet_free(&h->snippet);
    for (size_t i = 0; i < h->n_variants; i++)
        free(h->variants[i]);
    free(h->variants);
    free(h->boxes);
    free(h->unsure);
    free(h->page_sizes);
}

void fond_results_free(fond_results_t *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        hit_store_free(&r->store[i]);
    free(r->hits);
    free(r->store);
    free(r->suggestion);
    for (size_t i = 0; i < r->n_truncated; i++)
        free(r->truncated[i]);
    free(r->truncated);
    for (size_t k = 0; k < FOND_FACET_KINDS; k++) {
        for (size_t i = 0; i < r->n_facets[k]; i++)
            free((char *)r->facets[k][i].value);
        free(r->facets[k]);
    }
    free(r);
}

static char *copy_bytes(const char *v, size_t len)
{
    char *s = malloc(len + 1);
    if (s) {
        memcpy(s, v, len);
        s[len] = '\0';
    }
    return s;
}

/* "19210703" -> "1921-07-03", "19210700" -> "1921-07", "" -> "". */
static void format_date(const char *yyyymmdd, char out[11])
{
    out[0] = '\0';
    if (strlen(yyyymmdd) < 8)
        return;
    if (memcmp(yyyymmdd + 4, "00", 2) == 0)
        snprintf(out, 11, "%.4s", yyyymmdd);
    else if (memcmp(yyyymmdd + 6, "00", 2) == 0)
        snprintf(out, 11, "%.4s-%.2s", yyyymmdd, yyyymmdd + 4);
    else
        snprintf(out, 11, "%.4s-%.2s-%.2s", yyyymmdd, yyyymmdd + 4,
                 yyyymmdd + 6);
}

/* The dates-mentioned value: "YYYYMMDD YYYYMMDD ...". */
static fond_status_t parse_dates(hit_store_t *h, fond_hit_t *hit)
{
    const char *v = h->values[SCHEMA_SLOT_DATES];
    size_t n = strlen(v) ? (strlen(v) + 1) / 9 : 0;
    h->dates = calloc(n + 1, sizeof *h->dates);
    h->date_ptrs = calloc(n + 1, sizeof *h->date_ptrs);
    if (!h->dates || !h->date_ptrs)
        return FOND_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        char d[9];
        memcpy(d, v + 9 * i, 8);
        d[8] = '\0';
        format_date(d, h->dates[i]);
        h->date_ptrs[i] = h->dates[i];
    }
    hit->dates = (const char *const *)h->date_ptrs;
    hit->n_dates = n;
    return FOND_OK;
}

static void fill_note(fond_note_t *note, const citation_archival_t *a,
                      const citation_biblio_t *b)
{
    note->archive = a->archive;
    note->fond = a->fond;
    note->opis = a->opis;
    note->delo = a->delo;
    note->sheets = a->sheets;
    note->ref_title = b->title;
    note->volume = b->volume;
    note->place = b->place;
    note->publisher = b->publisher;
    note->year = b->year;
    note->pages = b->pages;
}

/* The notes value: "N\ttext\n" lines, cut in place into notes. */
static fond_status_t parse_notes(hit_store_t *h, fond_hit_t *hit)
{
    char *v = h->values[SCHEMA_SLOT_NOTES];
    size_t n = 0;
    for (const char *p = v; *p; p++)
        n += *p == '\n';
    h->notes = calloc(n + 1, sizeof *h->notes);
    h->archival = calloc(n + 1, sizeof *h->archival);
    h->biblio = calloc(n + 1, sizeof *h->biblio);
    if (!h->notes || !h->archival || !h->biblio)
        return FOND_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        char *tab = strchr(v, '\t'), *nl = strchr(v, '\n');
        fond_note_t *note = &h->notes[i];
        *nl = '\0';
        note->number = (unsigned)strtoul(v, NULL, 10);
        note->text = tab && tab < nl ? tab + 1 : nl;
        citation_find_archival(note->text, strlen(note->text), &h->archival[i]);
        citation_find_biblio(note->text, strlen(note->text), &h->biblio[i]);
        fill_note(note, &h->archival[i], &h->biblio[i]);
        v = nl + 1;
    }
    hit->notes = h->notes;
    hit->n_notes = n;
    return FOND_OK;
}

static fond_status_t copy_values(const store_mset_t *m, size_t i,
                                 hit_store_t *h)
{
    size_t len = 0;
    const char *data = store_mset_data(m, i, &len);
    if (!(h->text = copy_bytes(data, len)))
        return FOND_ERR_NOMEM;
    for (unsigned v = 0; v < SCHEMA_SLOTS; v++) {
        const char *value = SCHEMA_BLOB_SLOT(v) /* read where it is used */
                                ? "" : store_mset_value(m, i, v, &len);
        len = SCHEMA_BLOB_SLOT(v) ? 0 : len;
        if (!(h->values[v] = copy_bytes(value, len)))
            return FOND_ERR_NOMEM;
    }
    return FOND_OK;
}

typedef struct {
    const char *text;
    const char *const *variants; /* folded, NULL-terminated */
    hit_store_t *h;
    fond_status_t status;
} variants_ctx_t;

/* A passage word that is one of the variants: keep it as written, once. */
static int take_variant(void *ctx, const analyze_token_t *t)
{
    variants_ctx_t *c = ctx;
    int is_variant = 0;
    for (const char *const *v = c->variants; *v && !is_variant; v++)
        is_variant = strcmp(*v, t->word) == 0;
    hit_store_t *h = c->h;
    size_t len = t->end - t->start;
    for (size_t i = 0; is_variant && i < h->n_variants; i++)
        is_variant = strlen(h->variants[i]) != len ||
                     memcmp(h->variants[i], c->text + t->start, len) != 0;
    if (!is_variant)
        return 0;
    char **p = realloc(h->variants, (h->n_variants + 1) * sizeof *p);
    char *word = p ? strndup(c->text + t->start, len) : NULL;
    if (p)
        h->variants = p;
    if (!word) {
        c->status = FOND_ERR_NOMEM;
        return 1;
    }
    h->variants[h->n_variants++] = word;
    return 0;
}

static fond_status_t find_variants(analyzer_t *a, const query_t *q,
                                   hit_store_t *h, fond_hit_t *hit)
{
    static const char *const none[] = {NULL};
    variants_ctx_t c = {h->text, q ? query_variants(q) : none, h, FOND_OK};
    fond_status_t st = *c.variants ? analyze_words(a, h->text, strlen(h->text),
                                                   take_variant, &c)
                                   : FOND_OK;
    hit->variants = (const char *const *)h->variants;
    hit->n_variants = h->n_variants;
    return st == FOND_OK ? c.status : st;
}

static const snippet_terms_t no_terms = {NULL, 0, NULL, 0, NULL, 0};

/* ------------------------------------------------------------ OCR words */

/* A hit's OCR words (schema.h, "Word boxes"), in text order, and the
 * words OCR was unsure of as marks for the snippet (snippet.h): each
 * from its offset to the next space, as OCR read it ("Kars," of
 * "Kars, 1921"), none starting inside the one before (the second half
 * of a word joined across lines). */
typedef struct {
    boxes_t b;
    fond_span_t *marks;
    int *confs;           /* each mark's word's confidence */
    size_t n_marks;
} ocr_words_t;

static int word_cmp(const void *a, const void *b)
{
    const boxes_word_t *x = a, *y = b;
    if (x->offset != y->offset)
        return x->offset < y->offset ? -1 : 1;
    return (x->page > y->page) - (x->page < y->page);
}

static void ocr_words_free(ocr_words_t *w)
{
    boxes_free(&w->b);
    free(w->marks);
    free(w->confs);
}

static fond_status_t ocr_words(const store_mset_t *m, size_t i,
                               const char *text, ocr_words_t *w)
{
    memset(w, 0, sizeof *w);
    size_t len = 0, text_len = strlen(text);
    const char *blob = store_mset_value(m, i, SCHEMA_SLOT_BOXES, &len);
    fond_status_t st = boxes_decode(blob, len, &w->b);
    if (st != FOND_OK || !w->b.n_words)
        return st;
    qsort(w->b.words, w->b.n_words, sizeof *w->b.words, word_cmp);
    w->marks = malloc(w->b.n_words * sizeof *w->marks);
    w->confs = malloc(w->b.n_words * sizeof *w->confs);
    if (!w->marks || !w->confs)
        return FOND_ERR_NOMEM;
    size_t end = 0; /* of the last mark */
    for (size_t k = 0; k < w->b.n_words; k++) {
        const boxes_word_t *word = &w->b.words[k];
        size_t at = word->offset, stop = at;
        if (word->conf < 0 || word->conf >= FOND_OCR_UNSURE || at >= text_len ||
            (w->n_marks && at < end))
            continue;
        while (stop < text_len && !text_is_space(text[stop]))
            stop++;
        if (stop == at)
            continue;
        w->marks[w->n_marks] = (fond_span_t){at, stop - at};
        w->confs[w->n_marks++] = word->conf;
        end = stop;
    }
    return FOND_OK;
}

/* The page's size and confidence, from the blob's pages. */
static const boxes_page_t *page_of(const boxes_t *b, unsigned page)
{
    for (size_t i = 0; i < b->n_pages; i++)
        if (b->pages[i].page == page)
            return &b->pages[i];
    return NULL;
}

/* The hit's boxes (those of its highlighted words: whose offset falls in
 * a highlight), its page's confidence, and its unsure words in the
 * snippet. */
static fond_status_t ocr_fill(const ocr_words_t *w, const snippet_t *sn,
                              hit_store_t *h, fond_hit_t *hit)
{
    hit->page_confidence = -1;
    if (w->b.n_pages &&
        !(h->page_sizes = malloc(w->b.n_pages * sizeof *h->page_sizes)))
        return FOND_ERR_NOMEM;
    for (size_t i = 0; i < w->b.n_pages; i++) {
        const boxes_page_t *p = &w->b.pages[i];
        h->page_sizes[i] = (fond_box_t){p->page, 0, 0, 0, 0, p->width,
                                        p->height, p->conf, 0};
    }
    hit->page_sizes = h->page_sizes;
    hit->n_page_sizes = w->b.n_pages;
    if (!w->b.n_words)
        return FOND_OK;
    h->boxes = malloc(w->b.n_words * sizeof *h->boxes);
    h->unsure = malloc((w->n_marks + 1) * sizeof *h->unsure);
    if (!h->boxes || !h->unsure)
        return FOND_ERR_NOMEM;
    size_t k = 0; /* the highlight; both are in text order */
    for (size_t i = 0; i < w->b.n_words; i++) {
        const boxes_word_t *word = &w->b.words[i];
        while (k < sn->n_spans &&
               sn->spans_at[k] + sn->spans[k].length <= word->offset)
            k++;
        if (k == sn->n_spans || word->offset < sn->spans_at[k])
            continue;
        const boxes_page_t *p = page_of(&w->b, word->page);
        h->boxes[hit->n_boxes++] = (fond_box_t){
            word->page, word->box.x, word->box.y, word->box.w, word->box.h,
            p ? p->width : 0, p ? p->height : 0, word->conf, k};
    }
    const boxes_page_t *p = page_of(&w->b, hit->n_boxes ? h->boxes[0].page
                                                        : w->b.pages[0].page);
    hit->page_confidence = p ? p->conf : -1;
    for (size_t i = 0; i < w->n_marks; i++)
        if (sn->marks_at[i] != SIZE_MAX)
            h->unsure[hit->n_unsure++] = (fond_unsure_t){
                sn->marks_at[i], w->marks[i].length, w->confs[i]};
    hit->boxes = h->boxes;
    hit->unsure = h->unsure;
    return FOND_OK;
}

/* The source's mean OCR word confidence: its record's field, -1 for "". */
static int ocr_confidence(const char *v)
{
    char *end;
    long c = strtol(v, &end, 10);
    return *v && !*end && c >= 0 && c <= 100 ? (int)c : -1;
}

/* The passage's words (the analyzer's), or its snippet, failed: out of
 * memory, or text the analyzer refused (not valid UTF-8: a damaged
 * database), named by passage. */
static fond_status_t hit_fail(fond_db_t *db, fond_status_t st, const char *id,
                              const char *what)
{
    if (st == FOND_ERR_NOMEM)
        return db_fail(db, st, "out of memory");
    return db_fail(db, st, "passage %s: %s: %s", id, what, fond_status_str(st));
}

static fond_status_t search_retrying(fond_db_t *db, const char *text,
                                     const fond_search_opts_t *opts,
                                     size_t snippet_bytes, const char *within,
                                     fond_results_t **out);

/* A source that is the digitised copy of a component (an EAD <dao> names
 * its file: the component's XDAO term is the source's id, the passage id's
 * first part) sits where that
 * component does: its hierarchy is the component's, then the component
 * itself ("file\tref17\tLetters from ...\n"), its container the
 * component's.  Nothing changes when no component names it (one term
 * looked up); the first named wins. */
static fond_status_t find_described(fond_db_t *db, hit_store_t *h,
                                    fond_hit_t *hit)
{
    char term[sizeof SCHEMA_DAO + SCHEMA_SOURCE_ID_SIZE];
    size_t freq = 0;
    const char *id = h->values[SCHEMA_SLOT_ID]; /* "<source id>-<ordinal>" */
    size_t n = strcspn(id, "-");
    if (n != SCHEMA_SOURCE_ID_SIZE - 1)
        return FOND_OK;
    snprintf(term, sizeof term, SCHEMA_DAO "%.*s", (int)n, id);
    if (store_term_freq(db->store, term, &freq) != FOND_OK || !freq)
        return FOND_OK;
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    o.limit = 1;
    fond_results_t *r = NULL;
    char error[sizeof db->error];
    memcpy(error, db->error, sizeof error);
    fond_status_t st = search_retrying(db, "", &o, SNIPPET_MAX_BYTES, term, &r);
    memcpy(db->error, error, sizeof error); /* a failed look-up loses nothing */
    const fond_hit_t *c = st == FOND_OK && r && r->n ? &r->hits[0] : NULL;
    if (c) {
        id = strchr(c->path, '#');
        id = id && !(id[1] >= '0' && id[1] <= '9') ? id + 1 : "";
        size_t len = strlen(c->hierarchy) + strlen(c->type) + strlen(id) +
                     strlen(c->title) + 4;
        char *hierarchy = malloc(len), *container = strdup(c->container);
        if (hierarchy && container) {
            snprintf(hierarchy, len, "%s%s\t%s\t%s\n", c->hierarchy, c->type,
                     id, c->title);
            free(h->values[SCHEMA_SLOT_HIERARCHY]);
            free(h->values[SCHEMA_SLOT_CONTAINER]);
            hit->hierarchy = h->values[SCHEMA_SLOT_HIERARCHY] = hierarchy;
            hit->container = h->values[SCHEMA_SLOT_CONTAINER] = container;
        } else {
            free(hierarchy);
            free(container);
            st = FOND_ERR_NOMEM;
        }
    }
    fond_results_free(r);
    return st == FOND_ERR_NOMEM ? st : FOND_OK;
}

static fond_status_t fill_hit(fond_db_t *db, const query_t *q,
                              const store_mset_t *m, size_t i, size_t rank,
                              size_t snippet_bytes, fond_hit_t *hit,
                              hit_store_t *h)
{
    fond_status_t st = copy_values(m, i, h);
    if (st != FOND_OK)
        return db_fail(db, st, "out of memory");
    char **v = h->values;
    size_t start = 0, end = 0;
    sscanf(v[SCHEMA_SLOT_RANGE], "%zu %zu", &start, &end);
    unsigned page_first, page_last;
    const char *page_label;
    schema_parse_pages(v[SCHEMA_SLOT_PAGES], &page_first, &page_last,
                       &page_label);
    format_date(v[SCHEMA_SLOT_DATE], h->date);
    format_date(v[SCHEMA_SLOT_DATE_END], h->date_end);
    *hit = (fond_hit_t){
        .rank = rank, .score = store_mset_weight(m, i),
        .path = v[SCHEMA_SLOT_PATH], .title = v[SCHEMA_SLOT_TITLE],
        .id = v[SCHEMA_SLOT_ID],
        .ordinal = (unsigned)strtoul(v[SCHEMA_SLOT_ORDINAL], NULL, 10),
        .text = h->text, .type = v[SCHEMA_SLOT_TYPE], .date = h->date,
        .from = v[SCHEMA_SLOT_FROM], .to = v[SCHEMA_SLOT_TO],
        .place = v[SCHEMA_SLOT_PLACE], .language = v[SCHEMA_SLOT_LANGUAGE],
        .source_start = start, .source_end = end,
        .more_in_source = store_mset_collapsed(m, i),
        .page_first = page_first, .page_last = page_last,
        .page_label = page_label,
        .name = v[SCHEMA_SLOT_NAME], .added = v[SCHEMA_SLOT_ADDED],
        .date_end = h->date_end, .creator = v[SCHEMA_SLOT_CREATOR],
        .rights = v[SCHEMA_SLOT_RIGHTS],
        .container = v[SCHEMA_SLOT_CONTAINER],
        .hierarchy = v[SCHEMA_SLOT_HIERARCHY], .link = v[SCHEMA_SLOT_LINK],
        .images = v[SCHEMA_SLOT_IMAGES],
        .attachment = v[SCHEMA_SLOT_ATTACHMENT]};
    if (!v[SCHEMA_SLOT_HIERARCHY][0] && (st = find_described(db, h, hit)) != FOND_OK)
        return db_fail(db, st, "out of memory");
    if (v[SCHEMA_SLOT_ARCHIVE_REF][0]) {
        const char *ref = v[SCHEMA_SLOT_ARCHIVE_REF];
        h->ref.text = ref;
        citation_find_archival(ref, strlen(ref), &h->ref_archival);
        fill_note(&h->ref, &h->ref_archival, &h->ref_biblio);
        hit->archive_ref = &h->ref;
    }
    analyzer_t *a = db->analyzer;
    if ((st = parse_dates(h, hit)) != FOND_OK ||
        (st = parse_notes(h, hit)) != FOND_OK)
        return db_fail(db, st, "out of memory");
    const char *language = language_named(v[SCHEMA_SLOT_LANGUAGE]);
    if (language && (st = db_analyzer(db, language, &a)) != FOND_OK)
        return db_fail(db, st, "cannot make the %s stemmer: %s", language,
                       fond_status_str(st));
    if ((st = find_variants(a, q, h, hit)) != FOND_OK)
        return hit_fail(db, st, hit->id, "its words");
    hit->ocr_confidence = ocr_confidence(v[SCHEMA_SLOT_OCR_CONF]);
    ocr_words_t words;
    st = ocr_words(m, i, h->text, &words);
    if (st == FOND_OK)
        st = snippet_make_marked(a, h->text, strlen(h->text),
                                 q ? query_snippet_terms(q) : &no_terms,
                                 snippet_bytes, words.marks, words.n_marks,
                                 &h->snippet);
    if (st == FOND_OK)
        st = ocr_fill(&words, &h->snippet, h, hit);
    ocr_words_free(&words);
    if (st != FOND_OK)
        return hit_fail(db, st, hit->id, "its snippet");
    hit->snippet = h->snippet.text;
    hit->highlights = h->snippet.spans;
    hit->n_highlights = h->snippet.n_spans;
    return st;
}

/* What one search works with. */
typedef struct {
    fond_db_t *db;
    const fond_search_opts_t *o;
    query_t *q;          /* NULL for a search only for passages like one */
    store_query_t *like; /* passages like opts->like, or NULL */
    size_t snippet_bytes;
    int soft;            /* run with QUERY_SOFT: weights hold word bonuses */
    const char *within;  /* a term: only its passages match, and the words
                            only highlight (fond_db_show); or NULL */
} search_t;

static fond_status_t fill_results(fond_db_t *db, const search_t *s,
                                  const store_mset_t *m, fond_results_t *r)
{
    size_t n = store_mset_size(m);
    r->results = store_mset_results(m);
    r->passages = store_mset_matched(m);
    r->sources = store_mset_sources(m);
    r->exact = store_mset_exact(m);
    r->hits = calloc(n ? n : 1, sizeof *r->hits);
    r->store = calloc(n ? n : 1, sizeof *r->store);
    if (!r->hits || !r->store)
        return db_fail(db, FOND_ERR_NOMEM, "out of memory");
    fond_status_t st = FOND_OK;
    for (size_t i = 0; i < n && st == FOND_OK; i++) {
        r->n = i + 1; /* so that fond_results_free frees a partial hit */
        st = fill_hit(db, s->q, m, i, s->o->offset + i + 1, s->snippet_bytes,
                      &r->hits[i], &r->store[i]);
        if (s->soft) /* the BM25 weight, without the words' bonuses */
            r->hits[i].score = fmod(r->hits[i].score, QUERY_BONUS_STEP);
    }
    return st; /* fill_hit said why it failed */
}

static const unsigned facet_slots[FOND_FACET_KINDS] = {
    SCHEMA_SLOT_TYPE, SCHEMA_SLOT_YEAR, SCHEMA_SLOT_PATH,
    SCHEMA_SLOT_COLLECTION};

/* Whether the facet of kind k is counted: the collection's with --group,
 * the others with --facets. */
static int facet_wanted(const fond_search_opts_t *o, size_t k)
{
    return k == FOND_FACET_COLLECTION ? o->group : o->facets;
}

static void store_options(const fond_search_opts_t *o, store_search_opts_t *so)
{
    memset(so, 0, sizeof *so);
    so->offset = o->offset;
    so->limit = o->limit;
    so->collapse_max = o->per_source;
    so->sort_by_date = o->sort == FOND_SORT_DATE;
    so->sort_by_added = o->sort == FOND_SORT_ADDED;
    so->count_max = FOND_COUNT_MAX;
    for (size_t k = 0; k < FOND_FACET_KINDS; k++)
        if (facet_wanted(o, k))
            so->facet_slots[so->n_facets++] = facet_slots[k];
}

/* The filters that are not words: added since, within one source. */
static fond_status_t filters(search_t *s, store_query_t **since,
                             store_query_t **within)
{
    store_t *st = s->db->store;
    fond_status_t rc = s->o->since
        ? store_query_value_ge(st, since, SCHEMA_SLOT_ADDED, s->o->since)
        : FOND_OK;
    if (rc == FOND_OK && s->within)
        rc = store_query_term(st, within, s->within, strlen(s->within));
    return rc;
}

/* The words' query (strict or loose), narrowed to passages like one and
 * by the filters.  Within a source the words are built (for their
 * variants and highlights) but match nothing themselves. */
static fond_status_t build(search_t *s, query_reading_t loose,
                           store_query_t **out)
{
    store_query_t *words = NULL, *since = NULL, *within = NULL;
    fond_status_t st = s->q ? query_build(s->q, s->db->store, loose, &words,
                                          s->db->error, sizeof s->db->error)
                            : FOND_OK;
    if (st == FOND_OK && (st = filters(s, &since, &within)) != FOND_OK)
        db_fail_store(s->db, st);
    if (within) {
        store_query_free(words);
        words = NULL;
    }
    store_query_t *all[4] = {words, s->like, within, since}, *parts[4];
    size_t n = 0;
    for (size_t i = 0; i < 4; i++)
        if (all[i])
            parts[n++] = all[i];
    if (st == FOND_OK && (st = store_query_combine(s->db->store, out, STORE_OP_AND,
                                                   parts, n, 0)) != FOND_OK)
        db_fail_store(s->db, st);
    store_query_free(words);
    store_query_free(since);
    store_query_free(within);
    return st;
}

/* The reading `loose` of the query: its page, or with count_only no hit,
 * and its counts. */
static fond_status_t run(search_t *s, query_reading_t loose, int count_only,
                         store_mset_t **m)
{
    store_query_t *sq = NULL;
    store_search_opts_t so;
    store_options(s->o, &so);
    if (count_only)
        so.limit = so.n_facets = 0;
    fond_status_t st = build(s, loose, &sq); /* says why it failed */
    if (st == FOND_OK && (st = store_search(s->db->store, m, sq, &so)) != FOND_OK)
        db_fail_store(s->db, st);
    store_query_free(sq);
    return st;
}

/* The reading of the whole search, whatever the page: the strict one
 * (every word) when the query cannot loosen; else, best first, the soft
 * one (every word first, then most words), and sorted by date or time
 * added, which would mix the two, the strict one unless it matches nothing,
 * then the loose one (any word).  The strict count says whether any passage
 * holds every word, and how many do. */
static fond_status_t run_with_fallback(search_t *s, store_mset_t **m,
                                       fond_results_t *r)
{
    int sorted = s->o->sort != FOND_SORT_RELEVANCE; /* by date or added */
    int can_loosen = s->q && !s->within && query_can_loosen(s->q);
    fond_status_t st = run(s, QUERY_STRICT, can_loosen && !sorted, m);
    if (st != FOND_OK)
        return st;
    r->every_word = store_mset_matched(*m);
    if (!can_loosen || (sorted && r->every_word))
        return st;
    store_mset_free(*m);
    *m = NULL;
    r->loosened = r->every_word == 0;
    s->soft = !sorted;
    return run(s, s->soft ? QUERY_SOFT : QUERY_LOOSE, 0, m);
}

/* Copy the facets out of the mset, which is freed before the results;
 * the passages with no type or no date come last, as "", so that the
 * counts add up to the passages. */
static fond_status_t copy_facets(const store_mset_t *m,
                                 const fond_search_opts_t *o, fond_results_t *r)
{
    for (size_t k = 0, counted = 0; k < FOND_FACET_KINDS; k++) {
        size_t n = 0; /* the store's facets: those counted, in kind order */
        const store_facet_t *f =
            facet_wanted(o, k) ? store_mset_facet(m, counted++, &n) : NULL;
        r->facets[k] = calloc(n + 1, sizeof *r->facets[k]);
        if (!r->facets[k])
            return FOND_ERR_NOMEM;
        for (size_t i = 0; i < n; i++) {
            fond_facet_t *to = &r->facets[k][r->n_facets[k]];
            if (!(to->value = strdup(f[i].value)))
                return FOND_ERR_NOMEM;
            to->count = f[i].count;
            r->n_facets[k]++;
        }
    }
    return FOND_OK;
}

static int is_blank(const char *s)
{
    return s[strspn(s, " \t\r\n\f\v")] == '\0';
}

/* Parse the words (unless a like-search has none) and find the passage to
 * be like. */
static fond_status_t prepare(search_t *s, const char *text,
                             query_langs_t *langs)
{
    fond_db_t *db = s->db;
    fond_status_t st = FOND_OK;
    if (!((s->o->like || s->within) && is_blank(text)))
        st = query_parse(&s->q, langs, text, db->error, sizeof db->error);
    if (st == FOND_OK && s->q && s->o->names_only)
        st = query_refuse_paths(s->q, text, db->error, sizeof db->error);
    if (st == FOND_OK && s->q)
        query_limit_addresses(s->q, s->o->addresses);
    if (st == FOND_OK && s->q) {
        st = query_expand(s->q, db->store, db->error, sizeof db->error);
    }
    if (st == FOND_OK && s->o->like) {
        char idterm[128];
        snprintf(idterm, sizeof idterm, SCHEMA_ID "%s", s->o->like);
        st = store_query_like(db->store, &s->like, idterm);
        if (st != FOND_OK)
            db_fail_store(db, st);
    }
    return st;
}

/* English, and the analyzer of every other language the collection holds
 * (an "L" term names each source's language). */
static fond_status_t languages_present(fond_db_t *db, query_langs_t *langs)
{
    size_t n;
    const char *const *names = language_stemmers(&n);
    langs->analyzers[0] = db->analyzer;
    langs->n = 1;
    for (size_t i = 1; i < n && langs->n < QUERY_MAX_LANGUAGES; i++) {
        char term[32];
        size_t freq = 0;
        snprintf(term, sizeof term, SCHEMA_LANGUAGE "%s", names[i]);
        fond_status_t st = store_term_freq(db->store, term, &freq);
        if (st != FOND_OK)
            return db_fail_store(db, st);
        if (freq > 0)
            st = db_analyzer(db, names[i], &langs->analyzers[langs->n++]);
        if (st != FOND_OK)
            return db_fail(db, st, "cannot make the %s stemmer: %s", names[i],
                           fond_status_str(st));
    }
    return FOND_OK;
}

fond_status_t fond_db_search(fond_db_t *db, const char *text,
                             const fond_search_opts_t *opts,
                             fond_results_t **out)
{
    FOND_ASSERT_ARG(db, out);
    return db_search(db, text, opts, SNIPPET_MAX_BYTES, out);
}

/* The query's truncated wildcards into the results. */
static fond_status_t copy_truncated(const query_t *q, fond_results_t *r)
{
    size_t n;
    const char *const *cut = query_truncated(q, &n);
    if (n && !(r->truncated = calloc(n, sizeof *r->truncated)))
        return FOND_ERR_NOMEM;
    for (; r->n_truncated < n; r->n_truncated++)
        if (!(r->truncated[r->n_truncated] = strdup(cut[r->n_truncated])))
            return FOND_ERR_NOMEM;
    return FOND_OK;
}

static fond_status_t search_once(fond_db_t *db, const char *text,
                                 const fond_search_opts_t *opts,
                                 size_t snippet_bytes, const char *within,
                                 fond_results_t **out)
{
    static const fond_search_opts_t defaults = FOND_SEARCH_OPTS_INIT;
    search_t s = {db, opts ? opts : &defaults, NULL, NULL, snippet_bytes, 0,
                  within};
    *out = NULL;
    text = text ? text : "";
    if (s.o->since && !fond_time_valid(s.o->since))
        return db_fail(db, FOND_ERR_ARG, "not a time: '%s' (YYYY, YYYY-MM, "
                       "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)", s.o->since);
    query_langs_t langs;
    fond_status_t st = languages_present(db, &langs);
    if (st == FOND_OK)
        st = prepare(&s, text, &langs);
    store_mset_t *m = NULL;
    fond_results_t *r = st == FOND_OK ? calloc(1, sizeof *r) : NULL;
    if (st == FOND_OK)
        st = r ? run_with_fallback(&s, &m, r)
               : db_fail(db, FOND_ERR_NOMEM, "out of memory");
    if (st == FOND_OK)
        st = fill_results(db, &s, m, r);
    if (st == FOND_OK && (st = copy_facets(m, s.o, r)) != FOND_OK)
        db_fail(db, st, "out of memory");
    if (st == FOND_OK && s.q)
        r->suggestion = query_suggest(s.q, text);
    if (st == FOND_OK && s.q && (st = copy_truncated(s.q, r)) != FOND_OK)
        db_fail(db, st, "out of memory");
    store_mset_free(m);
    store_query_free(s.like);
    query_free(s.q);
    if (st != FOND_OK) {
        fond_results_free(r);
        return st;
    }
    *out = r;
    return FOND_OK;
}

/* A search reads many parts of the database; if an indexer committed twice
 * meanwhile, Xapian says the revision it was reading is gone
 * (FOND_ERR_MODIFIED).  Then the reader moves to the newest revision and
 * searches once more, so that readers see one whole state or the next. */
static fond_status_t search_retrying(fond_db_t *db, const char *text,
                                     const fond_search_opts_t *opts,
                                     size_t snippet_bytes, const char *within,
                                     fond_results_t **out)
{
    fond_status_t st = search_once(db, text, opts, snippet_bytes, within, out);
    if (st == FOND_ERR_MODIFIED && store_reopen(db->store) == FOND_OK)
        st = search_once(db, text, opts, snippet_bytes, within, out);
    return st;
}

fond_status_t db_search(fond_db_t *db, const char *text,
                        const fond_search_opts_t *opts, size_t snippet_bytes,
                        fond_results_t **out)
{
    return search_retrying(db, text, opts, snippet_bytes, NULL, out);
}

static int by_ordinal(const void *a, const void *b)
{
    unsigned x = ((const fond_hit_t *)a)->ordinal;
    unsigned y = ((const fond_hit_t *)b)->ordinal;
    return x < y ? -1 : x > y;
}

fond_status_t db_search_within(fond_db_t *db, const char *text,
                               const char *term, fond_results_t **out)
{
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    o.limit = FOND_SHOW_MAX_PASSAGES;
    fond_status_t st = search_retrying(db, text, &o, SIZE_MAX, term, out);
    if (st == FOND_OK) /* the hits only: each points into its own store */
        qsort((*out)->hits, (*out)->n, sizeof *(*out)->hits, by_ordinal);
    return st;
}

/* "YYYY", "YYYY-MM", "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ": the forms of
 * SCHEMA_SLOT_ADDED's prefixes, so that a text comparison is a time one. */
int fond_time_valid(const char *s)
{
    static const char form[] = "0000-00-00T00:00:00Z";
    size_t n = s ? strlen(s) : 0;
    if (n != 4 && n != 7 && n != 10 && n != sizeof form - 1)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (form[i] == '0' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != form[i])
            return 0;
    int month = n >= 7 ? (s[5] - '0') * 10 + (s[6] - '0') : 1;
    int day = n >= 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 1;
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
