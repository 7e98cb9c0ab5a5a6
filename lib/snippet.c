/*
 * snippet.c -- the fragment of a passage shown in a result, with the
 * searched words marked.  See snippet.h.
 */
#include "array.h"
#include "snippet.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ELLIPSIS "\xE2\x80\xA6" /* U+2026 */

typedef struct {
    size_t start, end; /* byte range in the passage */
    size_t key;        /* which query term matched, to count distinct ones */
} match_t;

typedef struct {
    analyzer_t *a;
    const char *text;
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

/* Could the word's stem be one of the stems?  The Snowball stemmers fond
 * uses (language_stemmers()) change a word's ending, never its first letter
 * (test_analyze checks each), so only a word that starts like a stem is
 * worth stemming: most of a passage's words are not. */
static int may_stem_to(const snippet_terms_t *t, const char *word)
{
    for (size_t i = 0; i < t->n_stems; i++)
        if (t->stems[i][0] == word[0])
            return 1;
    return 0;
}

/* The stem of the token's word, if it is one of the query's stems: -1 if
 * not (or when out of memory, which the caller is told). */
static int find_stem(match_ctx_t *c, const analyze_token_t *tok)
{
    if (!may_stem_to(c->terms, tok->word))
        return -1;
    size_t len;
    const char *stem = analyze_stem(c->a, c->text, tok, &len);
    if (!stem) {
        c->status = FOND_ERR_NOMEM;
        return -1;
    }
    return find_string(c->terms->stems, c->terms->n_stems, stem);
}

/* The term a token matches: an exact word first, else a stem, else a
 * prefix; -1 if none. */
static long token_key(match_ctx_t *c, const analyze_token_t *tok)
{
    const snippet_terms_t *t = c->terms;
    int i = find_string(t->words, t->n_words, tok->word);
    if (i >= 0)
        return i;
    i = find_stem(c, tok);
    if (i >= 0)
        return (long)(t->n_words + (size_t)i);
    i = find_prefix(t->prefixes, t->n_prefixes, tok->word);
    return i >= 0 ? (long)(t->n_words + t->n_stems + (size_t)i) : -1;
}

static int collect_match(void *ctx, const analyze_token_t *tok)
{
    match_ctx_t *c = ctx;
    long key = token_key(c, tok);
    if (c->status != FOND_OK)
        return 1;
    if (key < 0)
        return 0;
    if (array_reserve(&c->matches, &c->cap, c->n + 1, sizeof *c->matches, 16)) {
        c->status = FOND_ERR_NOMEM;
        return 1;
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

typedef struct {
    size_t start, end; /* a fragment of the passage: [start, end) */
} window_t;

/* Move the window's edges inwards to whole words. */
static void snap_to_words(const char *text, size_t len, window_t *w)
{
    while (w->start > 0 && w->start < len && !text_is_space(text[w->start - 1]))
        w->start++;
    while (w->end < len && w->end > w->start && !text_is_space(text[w->end]))
        w->end--;
}

/* At most `size` bytes around match m, with a third of the room before it
 * for context. */
static window_t window_around(const char *text, size_t len, const match_t *m,
                              size_t used, size_t size)
{
    size_t lead = (size > used ? size - used : 0) / 3;
    window_t w = {m->start > lead ? m->start - lead : 0, 0};
    w.end = w.start + size < len ? w.start + size : len;
    snap_to_words(text, len, &w);
    return w;
}

/* The window of at most max_bytes around the best cluster of matches. */
static window_t best_window(const char *text, size_t len, const match_t *m,
                            size_t n, size_t max_bytes)
{
    window_t whole = {0, len};
    if (len <= max_bytes)
        return whole;
    size_t best = 0, best_score = 0, best_last = 0;
    for (size_t i = 0; i < n; i++) {
        size_t last = i, score = window_score(m, n, i, max_bytes, &last);
        if (score > best_score) {
            best = i;
            best_score = score;
            best_last = last;
        }
    }
    if (n == 0) {
        window_t start = {0, max_bytes};
        snap_to_words(text, len, &start);
        return start;
    }
    return window_around(text, len, &m[best], m[best_last].end - m[best].start,
                         max_bytes);
}

static int inside(const match_t *m, window_t w)
{
    return m->start >= w.start && m->end <= w.end;
}

/* The first match of a searched word the window does not show at all;
 * n if every one is shown. */
static size_t missing_match(const match_t *m, size_t n, window_t w)
{
    for (size_t i = 0; i < n; i++) {
        int shown = 0;
        for (size_t j = 0; j < n && !shown; j++)
            shown = m[j].key == m[i].key && inside(&m[j], w);
        if (!shown)
            return i;
    }
    return n;
}

/* One window, or two when a long passage has a searched word far from the
 * best one: the second, half as long, shows it.  In text order. */
static size_t choose_windows(const char *text, size_t len, const match_t *m,
                             size_t n, size_t max_bytes, window_t w[2])
{
    w[0] = best_window(text, len, m, n, max_bytes);
    size_t k = len > max_bytes ? missing_match(m, n, w[0]) : n;
    if (k == n)
        return 1;
    w[1] = window_around(text, len, &m[k], m[k].end - m[k].start, max_bytes / 2);
    if (w[1].end > w[0].start && w[1].start < w[0].end)
        return 1; /* they overlap: one is enough */
    if (w[1].start < w[0].start) {
        window_t t = w[0];
        w[0] = w[1];
        w[1] = t;
    }
    return 2;
}

typedef struct {
    char *buf;
    size_t len;
    const fond_span_t *marks; /* snippet_make_marked's */
    size_t n_marks;
    size_t *marks_at;
    size_t next;              /* the first mark not yet passed */
} out_t;

/* The marks that start in text[from, to), which go to the output from
 * o->len on unchanged (a word, or a run of bytes with no space), and end
 * by `end`, where the fragment does.  Called in text order, so that the
 * marks are walked once. */
static void place_marks(out_t *o, size_t from, size_t to, size_t end)
{
    while (o->next < o->n_marks && o->marks[o->next].start < from)
        o->next++;
    for (; o->next < o->n_marks && o->marks[o->next].start < to; o->next++)
        if (o->marks[o->next].start + o->marks[o->next].length <= end)
            o->marks_at[o->next] = o->len + (o->marks[o->next].start - from);
}

static void out_put(out_t *o, const char *s, size_t n)
{
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

/* Append text[ws, we) with white space collapsed (and none leading),
 * recording where each match lands in the output. */
static void copy_window(const char *text, size_t ws, size_t we,
                        const match_t *m, size_t n, out_t *o,
                        fond_span_t *spans, size_t *spans_at, size_t *n_spans)
{
    size_t base = o->len;
    size_t k = 0;
    while (k < n && m[k].start < ws)
        k++;
    int pending_space = 0;
    for (size_t i = ws; i < we; i++) {
        if (text_is_space(text[i])) {
            pending_space = o->len > base;
            continue;
        }
        if (pending_space)
            out_put(o, " ", 1);
        pending_space = 0;
        if (k < n && i == m[k].start && m[k].end <= we) {
            place_marks(o, i, m[k].end, we);
            spans[*n_spans].start = o->len;
            spans[*n_spans].length = m[k].end - m[k].start;
            spans_at[*n_spans] = i;
            (*n_spans)++;
            out_put(o, text + i, m[k].end - m[k].start);
            i = m[k].end - 1;
            k++;
            continue;
        }
        place_marks(o, i, i + 1, we);
        out_put(o, text + i, 1);
    }
}

fond_status_t snippet_make(analyzer_t *a, const char *text, size_t len,
                           const snippet_terms_t *terms, size_t max_bytes,
                           snippet_t *out)
{
    return snippet_make_marked(a, text, len, terms, max_bytes, NULL, 0, out);
}

fond_status_t snippet_make_marked(analyzer_t *a, const char *text, size_t len,
                                  const snippet_terms_t *terms,
                                  size_t max_bytes, const fond_span_t *marks,
                                  size_t n_marks, snippet_t *out)
{
    memset(out, 0, sizeof *out);
    match_ctx_t c = {a, text, terms, NULL, 0, 0, FOND_OK};
    fond_status_t st = analyze_words(a, text, len, collect_match, &c);
    if (st == FOND_OK)
        st = c.status;
    out_t o = {NULL, 0, marks, n_marks, NULL, 0};
    if (st == FOND_OK) {
        o.buf = malloc(len + 4 * sizeof ELLIPSIS + 1);
        out->spans = malloc((c.n + 1) * sizeof *out->spans);
        out->spans_at = malloc((c.n + 1) * sizeof *out->spans_at);
        out->marks_at = malloc((n_marks + 1) * sizeof *out->marks_at);
        if (!o.buf || !out->spans || !out->spans_at || !out->marks_at)
            st = FOND_ERR_NOMEM;
    }
    if (st != FOND_OK) {
        free(c.matches);
        free(o.buf);
        snippet_free(out);
        return st;
    }
    o.marks_at = out->marks_at;
    for (size_t k = 0; k < n_marks; k++)
        o.marks_at[k] = SIZE_MAX;
    window_t w[2];
    size_t nw = choose_windows(text, len, c.matches, c.n, max_bytes, w);
    for (size_t i = 0; i < nw; i++) {
        if (w[i].start > 0) /* "… " before, or " … " between fragments */
            out_put(&o, i ? " " ELLIPSIS " " : ELLIPSIS " ",
                    i ? sizeof ELLIPSIS + 1 : sizeof ELLIPSIS);
        copy_window(text, w[i].start, w[i].end, c.matches, c.n, &o,
                    out->spans, out->spans_at, &out->n_spans);
    }
    if (w[nw - 1].end < len)
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
    free(s->spans_at);
    free(s->marks_at);
    memset(s, 0, sizeof *s);
}
