/*
 * kwic.c -- a keyword-in-context concordance: every occurrence of the
 * searched words in the matching passages, one line each, with a fixed
 * width of context on either side, in source order or sorted by the word
 * to the left or right of the match (as concordance users read them).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "db_internal.h"
#include "text.h"

#define KWIC_PASSAGES 1000

struct fond_kwic {
    fond_kwic_line_t *lines;
    size_t n;
};


/* Step back over at most `width` bytes before `at`, to a UTF-8 boundary,
 * then forward to the start of a word if that cut one. */
static size_t left_start(const char *s, size_t at, size_t width)
{
    size_t k = at > width ? at - width : 0;
    while (k > 0 && text_is_continuation(s[k]))
        k++;
    if (k > 0 && !text_is_space(s[k - 1]))
        while (k < at && !text_is_space(s[k]))
            k++;
    while (k < at && text_is_space(s[k]))
        k++;
    return k;
}

/* The end of at most `width` bytes after `at`, on a word's end. */
static size_t right_end(const char *s, size_t at, size_t width)
{
    size_t len = strlen(s), k = at + width < len ? at + width : len;
    while (k < len && text_is_continuation(s[k]))
        k--;
    if (k < len && !text_is_space(s[k]))
        while (k > at && !text_is_space(s[k - 1]))
            k--;
    while (k > at && text_is_space(s[k - 1]))
        k--;
    return k;
}

static fond_status_t add_line(fond_kwic_t *k, size_t *cap, const fond_hit_t *h,
                              const fond_span_t *sp, size_t width)
{
    if (array_reserve(&k->lines, cap, k->n + 1, sizeof *k->lines, 64))
        return FOND_ERR_NOMEM;
    const char *s = h->snippet;
    size_t ls = left_start(s, sp->start, width), le = sp->start;
    while (le > ls && text_is_space(s[le - 1]))
        le--;
    size_t me = sp->start + sp->length;
    size_t re = right_end(s, me, width);
    fond_kwic_line_t *l = &k->lines[k->n];
    memset(l, 0, sizeof *l);
    l->ordinal = h->ordinal;
    l->path = strdup(h->path);
    l->title = strdup(h->title);
    l->left = strndup(s + ls, le - ls);
    l->match = strndup(s + sp->start, sp->length);
    l->right = strndup(s + me, re - me); /* with the space after the match */
    k->n++;
    int ok = l->path && l->title && l->left && l->match && l->right;
    return ok ? FOND_OK : FOND_ERR_NOMEM;
}

/* The last word of the left context, the first of the right. */
static const char *last_word(const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && text_is_space(s[n - 1]))
        n--;
    while (n > 0 && !text_is_space(s[n - 1]))
        n--;
    return s + n;
}

static const char *first_word(const char *s)
{
    return s + strspn(s, " ");
}

static int by_left(const void *a, const void *b)
{
    const fond_kwic_line_t *x = a, *y = b;
    int c = strcasecmp(last_word(x->left), last_word(y->left));
    return c ? c : strcasecmp(first_word(x->right), first_word(y->right));
}

static int by_right(const void *a, const void *b)
{
    const fond_kwic_line_t *x = a, *y = b;
    int c = strcasecmp(first_word(x->right), first_word(y->right));
    return c ? c : strcasecmp(last_word(x->left), last_word(y->left));
}

fond_status_t fond_db_kwic(fond_db_t *db, const char *query, size_t width,
                           fond_kwic_sort_t sort, size_t max_lines,
                           fond_kwic_t **out)
{
    FOND_ASSERT_ARG(db, query && out);
    *out = NULL;
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    o.limit = KWIC_PASSAGES;
    fond_results_t *r = NULL;
    fond_status_t st = db_search(db, query, &o, SIZE_MAX, &r);
    fond_kwic_t *k = st == FOND_OK ? calloc(1, sizeof *k) : NULL;
    if (st == FOND_OK && !k)
        st = db_fail(db, FOND_ERR_NOMEM, "out of memory");
    size_t cap = 0;
    for (size_t i = 0; st == FOND_OK && i < fond_results_count(r); i++) {
        const fond_hit_t *h = fond_results_hit(r, i);
        for (size_t j = 0; st == FOND_OK && j < h->n_highlights &&
                           k->n < max_lines; j++)
            if ((st = add_line(k, &cap, h, &h->highlights[j], width)) != FOND_OK)
                db_fail(db, st, "out of memory"); /* add_line only allocates */
    }
    fond_results_free(r);
    if (st == FOND_OK && sort != FOND_KWIC_SOURCE_ORDER)
        qsort(k->lines, k->n, sizeof *k->lines,
              sort == FOND_KWIC_SORT_LEFT ? by_left : by_right);
    if (st != FOND_OK) { /* its message was set where it failed */
        fond_kwic_free(k);
        return st;
    }
    *out = k;
    return FOND_OK;
}

size_t fond_kwic_count(const fond_kwic_t *k) { return k->n; }

const fond_kwic_line_t *fond_kwic_line(const fond_kwic_t *k, size_t i)
{
    return i < k->n ? &k->lines[i] : NULL;
}

void fond_kwic_free(fond_kwic_t *k)
{
    if (!k)
        return;
    for (size_t i = 0; i < k->n; i++) {
        fond_kwic_line_t *l = &k->lines[i];
        free((char *)l->path);
        free((char *)l->title);
        free((char *)l->left);
        free((char *)l->match);
        free((char *)l->right);
    }
    free(k->lines);
    free(k);
}
