/*
 * query_build.c -- the third stage of a query (see query.h): the parsed and
 * expanded tree, read only, into a Xapian query through store.h.  Nothing
 * here looks anything up in the collection: query_expand() did that once,
 * so a strict and a loose build of one query ask the same things.
 */
#include "query_internal.h"
#include "schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Ranking: the weight of the query's words found in the order typed within
 * PROXIMITY_WINDOW positions beside the words' own.  Chosen on
 * tests/relevance (docs/query-language.md, "Ranking"). */
#define PROXIMITY_WINDOW 12
#define PROXIMITY_WEIGHT 0.5
/* A near spelling itself weighs this much more than the rest of its
 * family: a misreading most likely stands for the word it is nearest
 * ("apprhending" for "apprehending", not "apprehend").  Chosen on the
 * tuning halves of generated known-item sets (docs/query-language.md, "Ranking"). */
#define NEAR_EXACT_WEIGHT 0.6
/* A word's misreadings (misread.c) match as one term with the word
 * itself, at this much of its weight: below the word, as a reading that
 * may be wrong.  The near spellings' weight where the word is held
 * (query_expand.c, FUZZY_WEIGHT): on the tuning halves of bench/relevance's
 * OCR'd, generated and PDF-damaged sets, 0.3, 0.5, 0.8 and 1.0 moved MRR@10
 * by 0.007 at most, one query's first place (docs/query-language.md, "Misread words"). */
#define MISREAD_WEIGHT 0.5

typedef struct {
    const query_t *q;
    store_t *s;
    query_reading_t loose;
    /* For words side by side (see add_proximity): each token's forms,
     * built once a build. */
    store_query_t **forms;
    char *err;      /* the builder's own failure's message, written where */
    size_t errsize; /* it fails; empty: any failure was the store's */
} builder_t;

/* A failure of the builder's own (not a store call's): its message. */
static fond_status_t build_fail(builder_t *b, fond_status_t st, const char *why)
{
    snprintf(b->err, b->errsize, "%s", why);
    return st;
}

static fond_status_t build_node(builder_t *b, const node_t *n,
                                store_query_t **out);

static fond_status_t build_term(builder_t *b, const char *prefix,
                                const char *word, store_query_t **out)
{
    char term[2 * TERM_BYTES];
    int n = snprintf(term, sizeof term, "%s%s", prefix, word);
    if (n < 0 || (size_t)n >= sizeof term)
        return build_fail(b, FOND_ERR_ARG, "a word of the query is too long");
    return store_query_term(b->s, out, term, (size_t)n);
}

/* Up to `max` parts, combined with op and freed. */
typedef struct {
    store_query_t **items;
    size_t n, max;
} parts_t;

static fond_status_t parts_init(builder_t *b, parts_t *p, size_t max)
{
    p->items = calloc(max ? max : 1, sizeof *p->items);
    p->n = 0;
    p->max = max;
    return p->items ? FOND_OK : build_fail(b, FOND_ERR_NOMEM, "out of memory");
}

static void parts_free(parts_t *p)
{
    for (size_t i = 0; i < p->n; i++)
        store_query_free(p->items[i]);
    free(p->items);
}

static fond_status_t parts_term(parts_t *p, builder_t *b, const char *prefix,
                                const char *word)
{
    if (p->n == p->max)
        return FOND_OK;
    fond_status_t st = build_term(b, prefix, word, &p->items[p->n]);
    p->n += st == FOND_OK;
    return st;
}

static fond_status_t parts_terms(parts_t *p, builder_t *b, const char *prefix,
                                 const strings_t *words)
{
    fond_status_t st = FOND_OK;
    for (size_t k = 0; k < words->n && st == FOND_OK; k++)
        st = parts_term(p, b, prefix, words->items[k]);
    return st;
}

/* Combine the parts with op (NULL *out when there are none), then free
 * them.  st is the status of building them: a failure is returned as it
 * is, the parts freed all the same, so that every builder ends with one
 * call whatever happened. */
static fond_status_t parts_combine(fond_status_t st, parts_t *p, store_t *s,
                                   store_op_t op, unsigned window,
                                   store_query_t **out)
{
    *out = NULL;
    if (st == FOND_OK && p->n)
        st = store_query_combine(s, out, op, p->items, p->n, window);
    parts_free(p);
    return st;
}

/* The words as terms (prefix + word), combined with op. */
static fond_status_t build_list(builder_t *b, const char *prefix,
                                const strings_t *words, store_op_t op,
                                store_query_t **out)
{
    parts_t p;
    *out = NULL;
    fond_status_t st = parts_init(b, &p, words->n);
    if (st == FOND_OK)
        st = parts_terms(&p, b, prefix, words);
    return parts_combine(st, &p, b->s, op, 0, out);
}

/* *out = a OR factor * b; a and b stay the caller's. */
static fond_status_t or_scaled(store_t *s, store_query_t *a, store_query_t *b,
                               double factor, store_query_t **out)
{
    store_query_t *both[2] = {a, NULL};
    fond_status_t st = store_query_scale(s, &both[1], b, factor);
    if (st == FOND_OK)
        st = store_query_combine(s, out, STORE_OP_OR, both, 2, 0);
    store_query_free(both[1]);
    return st;
}

/* The distinct words of the lists (at most max of each) into *out, the
 * caller's to free. */
static fond_status_t strings_union(builder_t *b, strings_t *out,
                                   const strings_t *const *lists, size_t n,
                                   size_t max)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < lists[i]->n && k < max; k++)
            if (strings_push(out, lists[i]->items[k]) != 0)
                return build_fail(b, FOND_ERR_NOMEM, "out of memory");
    return FOND_OK;
}

/* The distinct terms of the lists (at most max of each), combined with op
 * (NULL *out for none). */
static fond_status_t build_union(builder_t *b, const strings_t *const *lists,
                                 size_t n, size_t max, store_op_t op,
                                 store_query_t **out)
{
    strings_t terms = {NULL, 0, 0};
    fond_status_t st = strings_union(b, &terms, lists, n, max);
    *out = NULL;
    if (st == FOND_OK && terms.n)
        st = build_list(b, "", &terms, op, out);
    strings_free(&terms);
    return st;
}

/* A word's exact forms, for proximity: the word, its variants, its most
 * frequent forms.  (Not its near spellings: on the tuning queries they
 * cost two first places.) */
static fond_status_t build_forms(builder_t *b, const query_token_t *t,
                                 store_query_t **out)
{
    strings_t word = {NULL, 0, 0};
    fond_status_t st = strings_push(&word, t->word)
        ? build_fail(b, FOND_ERR_NOMEM, "out of memory") : FOND_OK;
    const strings_t *lists[] = {&word, &t->variants, &t->forms};
    if (st == FOND_OK)
        st = build_union(b, lists, 3, MAX_NEAR_FORMS, STORE_OP_OR, out);
    strings_free(&word);
    return st;
}

/* A word's near spellings with their families, as one term, and the near
 * spellings themselves, NEAR_EXACT_WEIGHT more. */
static fond_status_t build_near_spellings(builder_t *b, const query_token_t *t,
                                         store_query_t **out)
{
    store_query_t *family = NULL, *exact = NULL;
    const strings_t *lists[] = {&t->fuzzy, &t->fuzzy_forms};
    fond_status_t st = build_union(b, lists, 2, (size_t)-1, STORE_OP_SYNONYM,
                                   &family);
    if (st == FOND_OK)
        st = build_union(b, lists, 1, (size_t)-1, STORE_OP_SYNONYM, &exact);
    if (st == FOND_OK)
        st = or_scaled(b->s, family, exact, NEAR_EXACT_WEIGHT, out);
    store_query_free(family);
    store_query_free(exact);
    return st;
}

/* A word's misreadings with the word itself, as one term: a passage that
 * holds a misreading weighs as if it held the word (the word's frequency,
 * not the misreading's, which is rare: alone it would outweigh the word). */
static fond_status_t build_misreadings(builder_t *b, const query_token_t *t,
                                       store_query_t **out)
{
    strings_t word = {NULL, 0, 0};
    fond_status_t st = strings_push(&word, t->word)
        ? build_fail(b, FOND_ERR_NOMEM, "out of memory") : FOND_OK;
    const strings_t *lists[] = {&word, &t->misread};
    if (st == FOND_OK)
        st = build_union(b, lists, 2, (size_t)-1, STORE_OP_SYNONYM, out);
    strings_free(&word);
    return st;
}

/* A word's family: its forms (those of its stems and related stems), its
 * stems' Z terms and its variants, weighed as one term (Xapian's
 * OP_SYNONYM), so that a passage gets no more for holding the form typed
 * than another form; its exact form adds t->exact_weight; its near
 * spellings (build_near_spellings), t->fuzzy_weight. */
static fond_status_t build_word(builder_t *b, const query_token_t *t,
                                store_query_t **out)
{
    store_query_t *family = NULL, *exact = NULL, *word = NULL, *near = NULL;
    store_query_t *misread = NULL;
    const strings_t *lists[] = {&t->forms, &t->stem_terms, &t->variants};
    fond_status_t st = build_union(b, lists, 3, MAX_FORMS, STORE_OP_SYNONYM,
                                   &family);
    if (st == FOND_OK)
        st = build_term(b, "", t->word, &exact);
    if (st == FOND_OK && family)
        st = or_scaled(b->s, family, exact, t->exact_weight, &word);
    else if (st == FOND_OK) /* held in no form */
        word = exact, exact = NULL;
    if (st == FOND_OK && t->fuzzy.n) {
        store_query_t *with = NULL;
        st = build_near_spellings(b, t, &near);
        if (st == FOND_OK)
            st = or_scaled(b->s, word, near, t->fuzzy_weight, &with);
        if (st == FOND_OK) {
            store_query_free(word);
            word = with;
        }
    }
    if (st == FOND_OK && t->misread.n) {
        store_query_t *with = NULL;
        st = build_misreadings(b, t, &misread);
        if (st == FOND_OK)
            st = or_scaled(b->s, word, misread, MISREAD_WEIGHT, &with);
        if (st == FOND_OK) {
            store_query_free(word);
            word = with;
        }
    }
    if (st == FOND_OK && t->cites.n) { /* "fond 28": or fond:28 */
        store_query_t *cites = NULL, *both[2] = {word, NULL};
        st = build_list(b, "", &t->cites, STORE_OP_OR, &cites);
        both[1] = cites;
        if (st == FOND_OK)
            st = store_query_combine(b->s, out, STORE_OP_OR, both, 2, 0);
        store_query_free(cites);
    } else if (st == FOND_OK) {
        *out = word;
        word = NULL;
    }
    store_query_free(family);
    store_query_free(exact);
    store_query_free(word);
    store_query_free(near);
    store_query_free(misread);
    return st;
}

/* The node's words as exact terms with a prefix, combined with op. */
static fond_status_t build_words(builder_t *b, const node_t *n,
                                 const char *prefix, store_op_t op,
                                 store_query_t **out)
{
    parts_t p;
    fond_status_t st = parts_init(b, &p, n->count);
    for (size_t k = 0; k < n->count && st == FOND_OK; k++)
        st = parts_term(&p, b, prefix, b->q->tokens[n->first + k].word);
    return parts_combine(st, &p, b->s, op, (unsigned)n->count, out);
}

/* A phrase: its words in order, or the reference it types (expand found
 * it under ref:), which matches without weight, as a filter does. */
static fond_status_t build_phrase(builder_t *b, const node_t *n,
                                  store_query_t **out)
{
    store_query_t *parts[2] = {NULL, NULL}, *refs = NULL;
    fond_status_t st = build_words(b, n, "", STORE_OP_PHRASE, &parts[0]);
    if (st != FOND_OK || n->terms.n == 0) {
        *out = parts[0];
        return st;
    }
    st = build_list(b, "", &n->terms, STORE_OP_OR, &refs);
    if (st == FOND_OK)
        st = store_query_scale(b->s, &parts[1], refs, 0.0);
    if (st == FOND_OK)
        st = store_query_combine(b->s, out, STORE_OP_OR, parts, 2, 0);
    store_query_free(parts[0]);
    store_query_free(parts[1]);
    store_query_free(refs);
    return st;
}

/* A word of from: or to: as any of the parts of a mailbox the reader is
 * shown (query_limit_addresses): its name, the part of its address before
 * '@', the part after. */
static fond_status_t build_mailbox_word(builder_t *b, const query_field_t *f,
                                        const char *word, store_query_t **out)
{
    fond_addresses_t shown = b->q->addresses;
    parts_t p;
    fond_status_t st = parts_init(b, &p, 3);
    if (st == FOND_OK)
        st = parts_term(&p, b, f->prefix, word);
    if (st == FOND_OK && shown == FOND_ADDRESSES_WHOLE)
        st = parts_term(&p, b, f->local, word);
    if (st == FOND_OK && shown != FOND_ADDRESSES_NAME)
        st = parts_term(&p, b, f->domain, word);
    return parts_combine(st, &p, b->s, STORE_OP_OR, 0, out);
}

/* The words of a field's value, all of them. */
static fond_status_t build_field_value(builder_t *b, const node_t *n,
                                       store_query_t **out)
{
    if (!n->field->local)
        return build_words(b, n, n->field->prefix, STORE_OP_AND, out);
    parts_t p;
    fond_status_t st = parts_init(b, &p, n->count);
    for (size_t k = 0; k < n->count && st == FOND_OK; k++) {
        st = build_mailbox_word(b, n->field, b->q->tokens[n->first + k].word,
                                &p.items[p.n]);
        p.n += st == FOND_OK;
    }
    return parts_combine(st, &p, b->s, STORE_OP_AND, 0, out);
}

/* A field's words (every word of its value as prefix + word), or the
 * source term of the file an absolute path names. */
static fond_status_t build_field_words(builder_t *b, const node_t *n,
                                       store_query_t **out)
{
    store_query_t *parts[2] = {NULL, NULL};
    fond_status_t st = build_field_value(b, n, &parts[0]);
    if (st != FOND_OK || n->terms.n == 0) {
        *out = parts[0];
        return st;
    }
    st = build_list(b, "", &n->terms, STORE_OP_OR, &parts[1]);
    if (st == FOND_OK)
        st = store_query_combine(b->s, out, STORE_OP_OR, parts, 2, 0);
    store_query_free(parts[0]);
    store_query_free(parts[1]);
    return st;
}

/* A filter matches without weight: a field's words, or the terms expand
 * found (a whole value as one term, the dates held in a range), any of
 * them. */
static fond_status_t build_filter(builder_t *b, const node_t *n,
                                  store_query_t **out)
{
    if (n->kind == NODE_ALL)
        return store_query_match_all(b->s, out);
    store_query_t *terms = NULL;
    fond_status_t st =
        n->kind == NODE_FIELD && !n->field->whole
            ? build_field_words(b, n, &terms)
            : build_list(b, "", &n->terms, STORE_OP_OR, &terms);
    if (st == FOND_OK)
        st = store_query_scale(b->s, out, terms, 0.0);
    store_query_free(terms);
    return st;
}

/* NEAR over the exact words of its operands (a phrase stands for its
 * words), within the window or the number of words, if more. */
static fond_status_t build_near(builder_t *b, const node_t *n,
                                store_query_t **out)
{
    size_t words = 0;
    for (size_t i = 0; i < n->n_kids; i++)
        words += n->kids[i]->count;
    parts_t p;
    fond_status_t st = parts_init(b, &p, words);
    for (size_t i = 0; i < n->n_kids && st == FOND_OK; i++)
        for (size_t k = 0; k < n->kids[i]->count && st == FOND_OK; k++)
            st = parts_term(&p, b, "",
                            b->q->tokens[n->kids[i]->first + k].word);
    /* NEAR/n: at most n words apart, so the k words fit in n + k - 1 */
    unsigned window = n->window + (unsigned)words - 1;
    return parts_combine(st, &p, b->s, p.n > 1 ? STORE_OP_NEAR : STORE_OP_AND,
                         window, out);
}

/* Build the kids of n that `pick` selects, combined with op. */
static fond_status_t build_kids(builder_t *b, const node_t *n,
                                int (*pick)(const query_t *, const node_t *,
                                            const node_t *),
                                store_op_t op, store_query_t **out)
{
    parts_t p;
    fond_status_t st = parts_init(b, &p, n->n_kids);
    for (size_t i = 0; i < n->n_kids && st == FOND_OK; i++)
        if (pick(b->q, n, n->kids[i])) {
            st = build_node(b, n->kids[i], &p.items[p.n]);
            p.n += st == FOND_OK && p.items[p.n]; /* NULL: no words */
        }
    return parts_combine(st, &p, b->s, op, 0, out);
}

static int pick_prohibited(const query_t *q, const node_t *n, const node_t *c)
{
    return c->prohibited && query_kept(q, n, c);
}

static int pick_must(const query_t *q, const node_t *n, const node_t *c)
{
    return !c->prohibited && query_kept(q, n, c) &&
           (c->required || query_is_filter(c) || n->kind == NODE_AND);
}

static int pick_may(const query_t *q, const node_t *n, const node_t *c)
{
    return !c->prohibited && query_kept(q, n, c) && !pick_must(q, n, c);
}

static int pick_all(const query_t *q, const node_t *n, const node_t *c)
{
    return !c->prohibited && query_kept(q, n, c);
}

/* ------------------------------------------------------------ proximity */

typedef struct {
    builder_t *b;
    parts_t *pairs;
    fond_status_t status;
} pair_ctx_t;

/* The two words' forms in the order typed, within the window. */
static int take_pair(void *ctx, size_t first, size_t second)
{
    pair_ctx_t *c = ctx;
    builder_t *b = c->b;
    const query_token_t *t = b->q->tokens;
    for (size_t k = 0; k < 2 && c->status == FOND_OK; k++) {
        size_t at = k ? second : first;
        if (!b->forms[at])
            c->status = build_forms(b, &t[at], &b->forms[at]);
    }
    store_query_t *two[2] = {b->forms[first], b->forms[second]};
    if (c->status != FOND_OK || c->pairs->n == c->pairs->max)
        return c->status != FOND_OK;
    c->status = store_query_combine(b->s, &c->pairs->items[c->pairs->n],
                                    STORE_OP_PHRASE, two, 2, PROXIMITY_WINDOW);
    c->pairs->n += c->status == FOND_OK;
    return c->status != FOND_OK;
}

/* Words typed side by side ("Nakhchivan autonomy") rank higher where the
 * passage has them in that order, close together ("a Nakhichevan province
 * as an autonomous region"): the ordered windows of the sequential
 * dependence model (Metzler and Croft, 2005), added to *pos. */
static fond_status_t add_proximity(builder_t *b, const node_t *n,
                                   store_query_t **pos)
{
    parts_t pairs, with; /* the pairs; *pos and the pairs weighed */
    store_query_t *ranked = NULL;
    fond_status_t st = parts_init(b, &pairs, n->n_kids);
    pair_ctx_t c = {b, &pairs, FOND_OK};
    if (st == FOND_OK) {
        query_each_pair(b->q, n, take_pair, &c);
        st = c.status;
    }
    if (st != FOND_OK || pairs.n == 0) {
        parts_free(&pairs);
        return st;
    }
    st = parts_init(b, &with, pairs.n + 1);
    if (st == FOND_OK) { /* *pos is the parts' to free now */
        with.items[with.n++] = *pos;
        *pos = NULL;
    }
    for (size_t i = 0; i < pairs.n && st == FOND_OK; i++) {
        st = store_query_scale(b->s, &with.items[with.n], pairs.items[i],
                               PROXIMITY_WEIGHT);
        with.n += st == FOND_OK;
    }
    parts_free(&pairs);
    /* each pair adds its weight where it matches (store.cc, maybe_each) */
    st = parts_combine(st, &with, b->s, STORE_OP_AND_MAYBE, 0, &ranked);
    if (st == FOND_OK)
        *pos = ranked;
    return st;
}

/* *pos (every passage if NULL) without n's prohibited kids, into *out;
 * *pos passes to *out or stays the caller's to free. */
static fond_status_t without_prohibited(builder_t *b, const node_t *n,
                                        store_query_t **pos,
                                        store_query_t **out)
{
    store_query_t *neg = NULL;
    fond_status_t st = build_kids(b, n, pick_prohibited, STORE_OP_OR, &neg);
    if (st == FOND_OK && !*pos)
        st = store_query_match_all(b->s, pos);
    if (st == FOND_OK && neg) {
        store_query_t *both[2] = {*pos, neg};
        st = store_query_combine(b->s, out, STORE_OP_AND_NOT, both, 2, 0);
    } else if (st == FOND_OK) {
        *out = *pos;
        *pos = NULL;
    }
    store_query_free(neg);
    return st;
}

/* The word in a passage beside (schema.h, SCHEMA_BESIDE): its exact
 * form, its forms and its variants, as filters (no weight of their own). */
static fond_status_t build_word_beside(builder_t *b, const query_token_t *t,
                                       store_query_t **out)
{
    strings_t terms = {NULL, 0, 0};
    *out = NULL;
    fond_status_t st = strings_push(&terms, t->word)
        ? build_fail(b, FOND_ERR_NOMEM, "out of memory") : FOND_OK;
    const strings_t *lists[] = {&t->forms, &t->variants};
    if (st == FOND_OK)
        st = strings_union(b, &terms, lists, 2, MAX_FORMS);
    if (st == FOND_OK)
        st = build_list(b, SCHEMA_BESIDE, &terms, STORE_OP_OR, out);
    strings_free(&terms);
    return st;
}

/* The soft conjunction: any of the words, each one a passage holds adding
 * QUERY_WORD_BONUS, so that the passages with every word come first, then
 * those with all but one, and so on, each group by BM25 and proximity.  A
 * word a passage lacks but a passage beside it holds near their boundary
 * (schema.h, SCHEMA_BESIDE) adds QUERY_BESIDE_WEIGHT of the bonus: of a query
 * that straddles two passages, the one holding most of it ranks above
 * those that hold as many of its words with none beside, below those that
 * hold one more.  (The strict reading, "every word", counts a passage's
 * own words alone.) */
static fond_status_t build_soft(builder_t *b, const node_t *n,
                                store_query_t **out)
{
    parts_t p;
    fond_status_t st = parts_init(b, &p, 3 * n->n_kids);
    for (size_t i = 0; i < n->n_kids && st == FOND_OK; i++) {
        if (!pick_may(b->q, n, n->kids[i]))
            continue;
        store_query_t *kid = NULL, *beside = NULL, *either = NULL;
        st = build_node(b, n->kids[i], &kid);
        if (st == FOND_OK && kid && n->kids[i]->kind == NODE_WORD)
            st = build_word_beside(b, &b->q->tokens[n->kids[i]->first], &beside);
        if (st == FOND_OK && beside) {
            store_query_t *both[2] = {kid, beside};
            st = store_query_combine(b->s, &either, STORE_OP_OR, both, 2, 0);
        }
        /* held: the whole bonus; beside alone: QUERY_BESIDE_WEIGHT of it */
        if (st != FOND_OK)
            store_query_free(kid); /* not yet among the parts */
        if (st == FOND_OK && kid) {
            p.items[p.n++] = kid;
            double held = either ? 1 - QUERY_BESIDE_WEIGHT : 1;
            st = store_query_constant(b->s, &p.items[p.n], kid,
                                      held * QUERY_WORD_BONUS);
            p.n += st == FOND_OK;
        }
        if (st == FOND_OK && either) {
            st = store_query_constant(b->s, &p.items[p.n], either,
                                      QUERY_BESIDE_WEIGHT * QUERY_WORD_BONUS);
            p.n += st == FOND_OK;
        }
        store_query_free(beside);
        store_query_free(either);
    }
    return parts_combine(st, &p, b->s, STORE_OP_OR, 0, out);
}

/* [must AND] ([may] AND or, loose, OR) NOT [prohibited]. */
/* Words side by side that type a reference the collection holds (expand
 * found it under ref:): *pos OR the reference.  In the soft reading the
 * reference weighs as every word held, so that its passage ranks with
 * those that hold them all; in the strict one it matches as a filter. */
static fond_status_t or_reference(builder_t *b, const node_t *n, int soft,
                                  store_query_t **pos)
{
    size_t words = 0;
    for (size_t i = 0; i < n->n_kids; i++)
        words += (size_t)pick_may(b->q, n, n->kids[i]);
    store_query_t *refs = NULL, *both[2] = {*pos, NULL}, *out = NULL;
    fond_status_t st = build_list(b, "", &n->terms, STORE_OP_OR, &refs);
    if (st == FOND_OK)
        st = soft ? store_query_constant(b->s, &both[1], refs,
                                         (double)words * QUERY_WORD_BONUS)
                  : store_query_scale(b->s, &both[1], refs, 0.0);
    if (st == FOND_OK)
        st = store_query_combine(b->s, &out, STORE_OP_OR, both, 2, 0);
    if (st == FOND_OK) {
        store_query_free(*pos);
        *pos = out;
    }
    store_query_free(refs);
    store_query_free(both[1]);
    return st;
}

static fond_status_t build_conjunction(builder_t *b, const node_t *n,
                                       store_query_t **out)
{
    int loose = b->loose && n->kind == NODE_IMPLICIT;
    store_query_t *must = NULL, *may = NULL, *pos = NULL;
    fond_status_t st = loose
        ? build_kids(b, n, pick_must, STORE_OP_AND, &must)
        : build_kids(b, n, pick_all, STORE_OP_AND, &pos);
    if (st == FOND_OK && loose)
        st = b->loose == QUERY_SOFT ? build_soft(b, n, &may)
                           : build_kids(b, n, pick_may, STORE_OP_OR, &may);
    if (st == FOND_OK && loose && must && may) {
        store_query_t *both[2] = {must, may};
        st = store_query_combine(b->s, &pos, STORE_OP_AND_MAYBE, both, 2, 0);
    } else if (st == FOND_OK && loose) {
        pos = must ? must : may;
        must = may = NULL;
    }
    if (st == FOND_OK && pos)
        st = add_proximity(b, n, &pos);
    if (st == FOND_OK && pos && n->terms.n)
        st = or_reference(b, n, loose && b->loose == QUERY_SOFT, &pos);
    if (st == FOND_OK)
        st = without_prohibited(b, n, &pos, out);
    store_query_free(must);
    store_query_free(may);
    store_query_free(pos);
    return st;
}

/* a OR b NOT [prohibited]: "-moscow" in an OR excludes, as in AND. */
static fond_status_t build_or(builder_t *b, const node_t *n,
                              store_query_t **out)
{
    store_query_t *pos = NULL;
    fond_status_t st = build_kids(b, n, pick_all, STORE_OP_OR, &pos);
    if (st == FOND_OK)
        st = without_prohibited(b, n, &pos, out);
    store_query_free(pos);
    return st;
}

static fond_status_t build_node(builder_t *b, const node_t *n,
                                store_query_t **out)
{
    *out = NULL;
    switch (n->kind) {
    case NODE_WORD: return build_word(b, &b->q->tokens[n->first], out);
    case NODE_PHRASE: return build_phrase(b, n, out);
    case NODE_WILDCARD: /* its words, as one term */
        return build_list(b, "", &n->terms, STORE_OP_SYNONYM, out);
    case NODE_FIELD:
    case NODE_DATE:
    case NODE_ALL: return build_filter(b, n, out);
    case NODE_NEAR: return build_near(b, n, out);
    case NODE_OR: return build_or(b, n, out);
    case NODE_AND:
    case NODE_IMPLICIT: return build_conjunction(b, n, out);
    }
    return build_fail(b, FOND_ERR_INTERNAL, "internal error: a node of no kind");
}

/* ------------------------------------------------------------ the API */

fond_status_t query_build(const query_t *q, store_t *s, query_reading_t loose,
                          store_query_t **out, char *err, size_t errsize)
{
    *out = NULL;
    builder_t b = {.q = q, .s = s, .loose = loose, .err = err,
                   .errsize = errsize};
    err[0] = '\0';
    if (!q->expanded)
        return build_fail(&b, FOND_ERR_INTERNAL, "internal error: the query "
                          "was built before it was expanded");
    b.forms = calloc(q->n_tokens + 1, sizeof *b.forms);
    store_query_t *root = NULL, *all = NULL;
    fond_status_t st = b.forms ? build_node(&b, q->root, &root)
                               : build_fail(&b, FOND_ERR_NOMEM, "out of memory");
    for (size_t i = 0; b.forms && i < q->n_tokens; i++)
        store_query_free(b.forms[i]);
    free(b.forms);
    if (st == FOND_OK && q->root->prohibited) { /* "-kars" alone */
        st = store_query_match_all(s, &all);
        store_query_t *both[2] = {all, root};
        if (st == FOND_OK)
            st = store_query_combine(s, out, STORE_OP_AND_NOT, both, 2, 0);
    } else if (st == FOND_OK) {
        *out = root;
        root = NULL;
    }
    store_query_free(root);
    store_query_free(all);
    if (st != FOND_OK && !err[0]) /* not the builder's own: a store call's */
        snprintf(err, errsize, "%s", store_error(s));
    return st;
}
