/*
 * query.c -- parsing a query into words and phrases, and building it into a
 * Xapian query through store.h.  See query.h for the language.
 */
#include "query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest.h"

typedef struct {
    char *word;                     /* folded form */
    char *stems[QUERY_MAX_LANGUAGES]; /* its stems, one a language, distinct */
    size_t n_stems;
} query_token_t;

/* A field of the query language: "type:telegram", "from:Huseynov". */
typedef struct {
    const char *name;
    const char *prefix; /* of its terms in the index (store.cc) */
    int whole;          /* the value is one term ("SA AR" -> "saar"), not
                           one term a word */
} query_field_t;

static const query_field_t fields[] = {
    {"title", "S", 0},       {"type", "T", 1},         {"from", "A", 0},
    {"to", "XTO", 0},        {"place", "XPLACE", 0},   {"language", "L", 1},
    {"archive", "XARCHIVE", 1}, {"fond", "XFOND", 1},  {"opis", "XOPIS", 1},
    {"delo", "XDELO", 1},
};

typedef struct {
    int is_phrase; /* exact words, in order, adjacent */
    int is_stopword;
    const query_field_t *field; /* a filter on a field, or NULL */
    size_t first;  /* tokens[first, first + count) */
    size_t count;
} query_item_t;

struct query {
    query_token_t *tokens;
    size_t n_tokens, cap_tokens;
    query_item_t *items;
    size_t n_items, cap_items;
    const char **hl_words; /* views into tokens, for the snippet */
    const char **hl_stems;
    snippet_terms_t terms;
};

/* ------------------------------------------------------------- building */

static fond_status_t tokens_push(query_t *q, const analyze_token_t *t)
{
    if (q->n_tokens == q->cap_tokens) {
        size_t cap = q->cap_tokens ? 2 * q->cap_tokens : 8;
        query_token_t *p = realloc(q->tokens, cap * sizeof *p);
        if (!p)
            return FOND_ERR_NOMEM;
        q->tokens = p;
        q->cap_tokens = cap;
    }
    query_token_t *tok = &q->tokens[q->n_tokens];
    memset(tok, 0, sizeof *tok);
    tok->word = strdup(t->word);
    tok->stems[0] = strdup(t->stem);
    if (!tok->word || !tok->stems[0]) {
        free(tok->word);
        free(tok->stems[0]);
        return FOND_ERR_NOMEM;
    }
    tok->n_stems = 1;
    q->n_tokens++;
    return FOND_OK;
}

/* Another language's stem for a token, unless it has that stem already. */
static fond_status_t token_add_stem(query_token_t *tok, const char *stem)
{
    for (size_t i = 0; i < tok->n_stems; i++)
        if (strcmp(tok->stems[i], stem) == 0)
            return FOND_OK;
    if (tok->n_stems == QUERY_MAX_LANGUAGES)
        return FOND_OK;
    if (!(tok->stems[tok->n_stems] = strdup(stem)))
        return FOND_ERR_NOMEM;
    tok->n_stems++;
    return FOND_OK;
}

typedef struct {
    query_t *q;
    size_t next;  /* with another language: the token to add a stem to */
    fond_status_t status;
} collect_ctx_t;

static int collect_token(void *ctx, const analyze_token_t *t)
{
    collect_ctx_t *c = ctx;
    c->status = tokens_push(c->q, t);
    return c->status != FOND_OK;
}

static int collect_stem(void *ctx, const analyze_token_t *t)
{
    collect_ctx_t *c = ctx;
    if (c->next < c->q->n_tokens)
        c->status = token_add_stem(&c->q->tokens[c->next++], t->stem);
    return c->status != FOND_OK;
}

static fond_status_t items_push(query_t *q, query_item_t item)
{
    if (q->n_items == q->cap_items) {
        size_t cap = q->cap_items ? 2 * q->cap_items : 8;
        query_item_t *p = realloc(q->items, cap * sizeof *p);
        if (!p)
            return FOND_ERR_NOMEM;
        q->items = p;
        q->cap_items = cap;
    }
    q->items[q->n_items++] = item;
    return FOND_OK;
}

/* Analyze one segment of the query (a bare word or a quoted phrase) and add
 * it as an item; a segment with no words adds nothing. */
static fond_status_t add_segment(query_t *q, const query_langs_t *langs,
                                 const char *s, size_t len, int quoted,
                                 const query_field_t *field)
{
    collect_ctx_t c = {q, q->n_tokens, FOND_OK};
    size_t first = q->n_tokens;
    fond_status_t st = analyze_text(langs->analyzers[0], s, len,
                                    collect_token, &c);
    for (size_t k = 1; k < langs->n && st == FOND_OK && c.status == FOND_OK; k++) {
        c.next = first;
        st = analyze_text(langs->analyzers[k], s, len, collect_stem, &c);
    }
    if (st == FOND_OK)
        st = c.status;
    if (st != FOND_OK)
        return st;
    size_t count = q->n_tokens - first;
    if (count == 0)
        return FOND_OK;
    query_item_t item = {quoted || count > 1, 0, field, first, count};
    if (!item.is_phrase && !field)
        item.is_stopword = analyze_is_stopword(q->tokens[first].word,
                                               strlen(q->tokens[first].word));
    return items_push(q, item);
}

/* ------------------------------------------------------------- parsing */

/* The 1-based column (in characters) of byte offset `at`, for messages. */
static size_t column_of(const char *text, size_t at)
{
    size_t col = 1;
    for (size_t i = 0; i < at; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            col++;
    return col;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static int is_ascii_letter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* Is text[i] the start of "name:value"?  Sets *field (NULL when the name is
 * unknown) and *value; 0 when this is no field at all. */
static int field_at(const char *text, size_t i, size_t len,
                    const query_field_t **field, size_t *value)
{
    size_t k = i;
    while (k < len && is_ascii_letter(text[k]))
        k++;
    if (k == i || k + 1 >= len || text[k] != ':' || is_space(text[k + 1]))
        return 0;
    *field = NULL;
    *value = k + 1;
    for (size_t f = 0; f < sizeof fields / sizeof *fields; f++)
        if (strlen(fields[f].name) == k - i &&
            strncasecmp(fields[f].name, text + i, k - i) == 0)
            *field = &fields[f];
    return 1;
}

static fond_status_t unknown_field(const char *text, size_t i, size_t value,
                                   char *err, size_t errsize)
{
    snprintf(err, errsize, "unknown field '%.*s' at column %zu (fields: "
             "title, type, from, to, place, language, archive, fond, opis, "
             "delo)", (int)(value - 1 - i), text + i, column_of(text, i));
    return FOND_ERR_QUERY;
}

static fond_status_t parse_segments(query_t *q, const query_langs_t *langs,
                                    const char *text, size_t len, char *err,
                                    size_t errsize)
{
    size_t i = 0;
    while (i < len) {
        if (is_space(text[i])) {
            i++;
            continue;
        }
        const query_field_t *field = NULL;
        size_t value = i;
        if (field_at(text, i, len, &field, &value) && !field)
            return unknown_field(text, i, value, err, errsize);
        int quoted = text[value] == '"';
        size_t start = quoted ? value + 1 : value;
        size_t end = start;
        while (end < len && text[end] != '"' && (quoted || !is_space(text[end])))
            end++;
        if (quoted && end == len) {
            snprintf(err, errsize,
                     "unbalanced quote: the quote at column %zu is never closed",
                     column_of(text, value));
            return FOND_ERR_QUERY;
        }
        fond_status_t st = add_segment(q, langs, text + start, end - start,
                                       quoted, field);
        if (st != FOND_OK)
            return st;
        i = quoted ? end + 1 : end;
    }
    return FOND_OK;
}

/* Drop bare stopwords unless they are all the query has. */
static void drop_stopwords(query_t *q)
{
    size_t kept = 0;
    for (size_t i = 0; i < q->n_items; i++)
        if (!q->items[i].is_stopword)
            kept++;
    if (kept == 0)
        return;
    size_t j = 0;
    for (size_t i = 0; i < q->n_items; i++)
        if (!q->items[i].is_stopword)
            q->items[j++] = q->items[i];
    q->n_items = j;
}

/* Point the snippet terms at the words of the kept items: every word
 * (stopwords only inside phrases), and the stems of bare words. */
static fond_status_t collect_snippet_terms(query_t *q)
{
    q->hl_words = malloc((q->n_tokens + 1) * sizeof *q->hl_words);
    q->hl_stems = malloc((q->n_tokens * QUERY_MAX_LANGUAGES + 1) *
                         sizeof *q->hl_stems);
    if (!q->hl_words || !q->hl_stems)
        return FOND_ERR_NOMEM;
    size_t nw = 0, ns = 0;
    for (size_t i = 0; i < q->n_items; i++) {
        const query_item_t *it = &q->items[i];
        if (it->field)
            continue;
        for (size_t k = it->first; k < it->first + it->count; k++) {
            const char *w = q->tokens[k].word;
            if (!analyze_is_stopword(w, strlen(w)) || it->is_stopword)
                q->hl_words[nw++] = w;
            for (size_t l = 0; !it->is_phrase && l < q->tokens[k].n_stems; l++)
                q->hl_stems[ns++] = q->tokens[k].stems[l];
        }
    }
    q->terms = (snippet_terms_t){q->hl_words, nw, q->hl_stems, ns};
    return FOND_OK;
}

static fond_status_t check_text(const char *text, size_t len, char *err,
                                size_t errsize)
{
    if (len > QUERY_MAX_BYTES) {
        snprintf(err, errsize, "query too long: %zu bytes (the limit is %d)",
                 len, QUERY_MAX_BYTES);
        return FOND_ERR_QUERY;
    }
    size_t valid = utf8_valid_prefix(text, len);
    if (valid < len) {
        snprintf(err, errsize, "query is not valid UTF-8 at byte %zu",
                 valid + 1);
        return FOND_ERR_QUERY;
    }
    return FOND_OK;
}

fond_status_t query_parse(query_t **out, const query_langs_t *langs,
                          const char *text, char *err, size_t errsize)
{
    *out = NULL;
    size_t len = strlen(text);
    fond_status_t st = check_text(text, len, err, errsize);
    if (st != FOND_OK)
        return st;
    query_t *q = calloc(1, sizeof *q);
    if (!q)
        return FOND_ERR_NOMEM;
    st = parse_segments(q, langs, text, len, err, errsize);
    if (st == FOND_OK && q->n_items == 0) {
        snprintf(err, errsize, "the query has no words to search for");
        st = FOND_ERR_QUERY;
    }
    if (st == FOND_OK) {
        drop_stopwords(q);
        st = collect_snippet_terms(q);
    }
    if (st != FOND_OK) {
        if (st == FOND_ERR_NOMEM)
            snprintf(err, errsize, "out of memory parsing the query");
        query_free(q);
        return st;
    }
    *out = q;
    return FOND_OK;
}

void query_free(query_t *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < q->n_tokens; i++) {
        free(q->tokens[i].word);
        for (size_t k = 0; k < q->tokens[i].n_stems; k++)
            free(q->tokens[i].stems[k]);
    }
    free(q->tokens);
    free(q->items);
    free(q->hl_words);
    free(q->hl_stems);
    free(q);
}

size_t query_item_count(const query_t *q)
{
    size_t n = 0;
    for (size_t i = 0; i < q->n_items; i++)
        n += q->items[i].field == NULL;
    return n;
}

const snippet_terms_t *query_snippet_terms(const query_t *q)
{
    return &q->terms;
}

/* ------------------------------------------------------------- to Xapian */

static fond_status_t build_term(store_t *s, const char *prefix,
                                const char *word, store_query_t **out)
{
    char term[ANALYZE_MAX_WORD * 4 + 8];
    int n = snprintf(term, sizeof term, "%s%s", prefix, word);
    if (n < 0 || (size_t)n >= sizeof term)
        return FOND_ERR_ARG;
    return store_query_term(s, out, term, (size_t)n);
}

static void free_parts(store_query_t **parts, size_t n)
{
    for (size_t i = 0; i < n; i++)
        store_query_free(parts[i]);
}

/* A bare word: its exact form OR its stem in each language, so that exact
 * matches weigh more. */
static fond_status_t build_word(store_t *s, const query_token_t *t,
                                store_query_t **out)
{
    store_query_t *parts[QUERY_MAX_LANGUAGES + 1] = {NULL};
    size_t n = 0;
    fond_status_t st = build_term(s, "", t->word, &parts[n++]);
    for (size_t k = 0; k < t->n_stems && st == FOND_OK; k++)
        st = build_term(s, "Z", t->stems[k], &parts[n++]);
    if (st == FOND_OK)
        st = store_query_combine(s, out, STORE_OP_OR, parts, n, 0);
    free_parts(parts, n);
    return st;
}

/* The item's words, each as prefix + word, combined with op (a phrase:
 * in order and adjacent). */
static fond_status_t build_words(store_t *s, const query_t *q,
                                 const query_item_t *it, const char *prefix,
                                 store_op_t op, store_query_t **out)
{
    if (it->count == 1)
        return build_term(s, prefix, q->tokens[it->first].word, out);
    store_query_t **parts = calloc(it->count, sizeof *parts);
    if (!parts)
        return FOND_ERR_NOMEM;
    fond_status_t st = FOND_OK;
    for (size_t k = 0; k < it->count && st == FOND_OK; k++)
        st = build_term(s, prefix, q->tokens[it->first + k].word, &parts[k]);
    if (st == FOND_OK)
        st = store_query_combine(s, out, op, parts, it->count,
                                 (unsigned)it->count);
    free_parts(parts, it->count);
    free(parts);
    return st;
}

/* A field's filter: every word of the value as prefix + word, or the
 * whole value as one term (a language by its Snowball name). */
static fond_status_t build_field(store_t *s, const query_t *q,
                                 const query_item_t *it, store_query_t **out)
{
    const query_field_t *f = it->field;
    char joined[ANALYZE_MAX_WORD * 4 + 8] = "";
    if (!f->whole)
        return build_words(s, q, it, f->prefix, STORE_OP_AND, out);
    for (size_t k = it->first; k < it->first + it->count; k++)
        if (strlen(joined) + strlen(q->tokens[k].word) < sizeof joined)
            strcat(joined, q->tokens[k].word);
    if (strcmp(f->prefix, "L") == 0)
        return build_term(s, f->prefix, ingest_language(joined, "", 0), out);
    return build_term(s, f->prefix, joined, out);
}

static fond_status_t build_item(store_t *s, const query_t *q,
                                const query_item_t *it, store_query_t **out)
{
    if (it->field)
        return build_field(s, q, it, out);
    if (it->is_phrase)
        return build_words(s, q, it, "", STORE_OP_PHRASE, out);
    return build_word(s, &q->tokens[it->first], out);
}

/* Combine the items that are (or are not) field filters with op; *out is
 * NULL when there are none. */
static fond_status_t build_items(const query_t *q, store_t *s, int filters,
                                 store_op_t op, store_query_t **out)
{
    *out = NULL;
    store_query_t **parts = calloc(q->n_items + 1, sizeof *parts);
    if (!parts)
        return FOND_ERR_NOMEM;
    size_t n = 0;
    fond_status_t st = FOND_OK;
    for (size_t i = 0; i < q->n_items && st == FOND_OK; i++)
        if ((q->items[i].field != NULL) == filters)
            st = build_item(s, q, &q->items[i], &parts[n++]);
    if (st == FOND_OK && n > 0)
        st = store_query_combine(s, out, op, parts, n, 0);
    free_parts(parts, n);
    free(parts);
    return st;
}

fond_status_t query_build(const query_t *q, store_t *s, store_op_t op,
                          store_query_t **out)
{
    store_query_t *ranked = NULL, *filter = NULL;
    fond_status_t st = build_items(q, s, 0, op, &ranked);
    if (st == FOND_OK)
        st = build_items(q, s, 1, STORE_OP_AND, &filter);
    if (st == FOND_OK && !ranked)
        st = store_query_match_all(s, &ranked);
    if (st == FOND_OK && filter) {
        store_query_t *parts[2] = {ranked, filter};
        st = store_query_combine(s, out, STORE_OP_FILTER, parts, 2, 0);
    } else if (st == FOND_OK) {
        *out = ranked;
        ranked = NULL;
    }
    store_query_free(ranked);
    store_query_free(filter);
    return st;
}
