/*
 * snippet.c -- the fragment of a passage shown in a result, with the
 * searched words marked.  See snippet.h.
 */
#include "snippet.h"

#include <stdlib.h>
#include <string.h>

#define ELLIPSIS "\xE2\x80\xA6" /* U+2026 */

typedef struct {
    size_t start, end; /* byte range in the passage */
    size_t key;        /* which query term matched, to count distinct ones */
} match_t;

typedef struct {
    const snippet_terms_t *terms;
    match_t *matches;
    size_t n, cap;
    fond_status_t status;
} match_ctx_t;

static int find_string(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return (int)i;
    return -1;
}

static int find_prefix(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strncmp(list[i], s, strlen(list[i])) == 0)
            return (int)i;
    return -1;
}

/* The term a token matches: an exact word first, else a stem, else a
 * prefix; -1 if none. */
static long token_key(const snippet_terms_t *t, const analyze_token_t *tok)
{
    int i = find_string(t->words, t->n_words, tok->word);
    if (i >= 0)
        return i;
    i = find_string(t->stems, t->n_stems, tok->stem);
    if (i >= 0)
        return (long)(t->n_words + (size_t)i);
    i = find_prefix(t->prefixes, t->n_prefixes, tok->word);
    return i >= 0 ? (long)(t->n_words + t->n_stems + (size_t)i) : -1;
}

static int collect_match(void *ctx, const analyze_token_t *tok)
{
    match_ctx_t *c = ctx;
    long key = token_key(c->terms, tok);
    if (key < 0)
        return 0;
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        match_t *p = realloc(c->matches, cap * sizeof *p);
        if (!p) {
            c->status = FOND_ERR_NOMEM;
            return 1;
        }
        c->matches = p;
        c->cap = cap;
    }
    c->matches[c->n++] = (match_t){tok->start, tok->end, (size_t)key};
    return 0;
}

/* Distinct terms and matches in the window of max_bytes starting at match
 * `from`, scored so that distinct terms count before repeats. */
static size_t window_score(const match_t *m, size_t n, size_t from,
                           size_t max_bytes, size_t *last)
{
    size_t distinct = 0, total = 0;
    for (size_t i = from; i < n && m[i].end - m[from].start <= max_bytes; i++) {
        int seen = 0;
        for (size_t j = from; j < i && !seen; j++)
            seen = m[j].key == m[i].key;
        distinct += !seen;
        total++;
        *last = i;
    }
    return distinct * 1000 + total;
}

static int is_space_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Choose [*ws, *we) of at most max_bytes around the best cluster of
 * matches, with some context before it, on word boundaries. */
static void choose_window(const char *text, size_t len, const match_t *m,
                          size_t n, size_t max_bytes, size_t *ws, size_t *we)
{
    *ws = 0;
    *we = len;
    if (len <= max_bytes)
        return;
    size_t best = 0, best_score = 0, best_last = 0;
    for (size_t i = 0; i < n; i++) {
        size_t last = i, score = window_score(m, n, i, max_bytes, &last);
        if (score > best_score) {
            best = i;
            best_score = score;
            best_last = last;
        }
    }
    if (n > 0) {
        size_t used = m[best_last].end - m[best].start;
        size_t lead = (max_bytes - used) / 3;
        *ws = m[best].start > lead ? m[best].start - lead : 0;
    }
    *we = *ws + max_bytes < len ? *ws + max_bytes : len;
    while (*ws > 0 && !is_space_byte(text[*ws - 1]) && *ws < len)
        (*ws)++;
    while (*we < len && *we > *ws && !is_space_byte(text[*we]))
        (*we)--;
}

typedef struct {
    char *buf;
    size_t len;
} out_t;

static void out_put(out_t *o, const char *s, size_t n)
{
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

/* Append text[ws, we) with white space collapsed (and none leading),
 * recording where each match lands in the output. */
static void copy_window(const char *text, size_t ws, size_t we,
                        const match_t *m, size_t n, out_t *o,
                        fond_span_t *spans, size_t *n_spans)
{
    size_t base = o->len;
    size_t k = 0;
    while (k < n && m[k].start < ws)
        k++;
    int pending_space = 0;
    for (size_t i = ws; i < we; i++) {
        if (is_space_byte(text[i])) {
            pending_space = o->len > base;
            continue;
        }
        if (pending_space)
            out_put(o, " ", 1);
        pending_space = 0;
        if (k < n && i == m[k].start && m[k].end <= we) {
            spans[*n_spans].start = o->len;
            spans[*n_spans].length = m[k].end - m[k].start;
            (*n_spans)++;
            out_put(o, text + i, m[k].end - m[k].start);
            i = m[k].end - 1;
            k++;
            continue;
        }
        out_put(o, text + i, 1);
    }
}

fond_status_t snippet_make(analyzer_t *a, const char *text, size_t len,
                           const snippet_terms_t *terms, size_t max_bytes,
                           snippet_t *out)
{
    memset(out, 0, sizeof *out);
    match_ctx_t c = {terms, NULL, 0, 0, FOND_OK};
    fond_status_t st = analyze_text(a, text, len, collect_match, &c);
    if (st == FOND_OK)
        st = c.status;
    size_t ws, we;
    if (st == FOND_OK)
        choose_window(text, len, c.matches, c.n, max_bytes, &ws, &we);
    out_t o = {NULL, 0};
    if (st == FOND_OK) {
        o.buf = malloc(we - ws + 2 * sizeof ELLIPSIS + 1);
        out->spans = malloc((c.n + 1) * sizeof *out->spans);
        if (!o.buf || !out->spans)
            st = FOND_ERR_NOMEM;
    }
    if (st != FOND_OK) {
        free(c.matches);
        free(o.buf);
        free(out->spans);
        out->spans = NULL;
        return st;
    }
    if (ws > 0)
        out_put(&o, ELLIPSIS " ", sizeof ELLIPSIS);
    copy_window(text, ws, we, c.matches, c.n, &o, out->spans, &out->n_spans);
    if (we < len)
        out_put(&o, " " ELLIPSIS, sizeof ELLIPSIS);
    o.buf[o.len] = '\0';
    out->text = o.buf;
    free(c.matches);
    return FOND_OK;
}

void snippet_free(snippet_t *s)
{
    if (!s)
        return;
    free(s->text);
    free(s->spans);
    s->text = NULL;
    s->spans = NULL;
    s->n_spans = 0;
}
