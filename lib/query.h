/*
 * query.h -- the query language, parsed into a tree and built into a Xapian
 * query through store.h (this module never calls Xapian itself).
 *
 *   kars treaty          words side by side: the passages with every one
 *                        first, then those with most of them; if none has
 *                        them all, the query "loosens"
 *   "treaty of kars"     a phrase: these words, in order, adjacent
 *   kars AND treaty      both;  kars OR treaty: either
 *   NOT ankara, -ankara  without;  +kars: required even when loosened
 *   (a OR b) c           grouping
 *   kars NEAR/5 treaty   within 5 words of each other (NEAR alone: 10);
 *                        a phrase operand stands for its words
 *   treat*               any word starting with "treat"
 *   type:telegram from:Huseynov to:"Yusif Kamal" place: title: language:
 *   archive:"SA AR" fond:28 opis: delo:
 *                        filters on what the source or its footnotes say
 *   date:1921  date:1921-09  date:1921-09-26  date:1921-09..1921-10-13
 *                        the passage mentions, or its source is dated, a day
 *                        in that range (a mention known only to the month
 *                        or year matches when the range covers all of it)
 *
 *   word~  word~2        also the collection's words one (two) letters away
 *
 * A query is parsed (query.c), expanded once with what the collection
 * holds (query_expand.c), then built, strictly or loosely, without further
 * lookups (query_build.c); query_internal.h is the tree they share.
 *
 * Every word goes through analyze_text(), the function that indexed the
 * passages.  A bare word matches its exact folded form, its stem in every
 * language of the collection, and its name variants (the synonym table,
 * and spellings the collection holds that the rules kh/h, x/kh, y/i, iy/y,
 * sh/s, ch/c, ts/c derive), all weighed as one term, with a little more for
 * the exact form.  Words side by side also rank higher where a passage has
 * them in that order, close together.  English stopwords among bare words
 * are dropped unless they are all there is.
 */
#ifndef FOND_QUERY_H
#define FOND_QUERY_H

#include <stddef.h>
#include "analyze.h"
#include "snippet.h"
#include "store.h"

/* Queries longer than this are refused rather than parsed. */
#define QUERY_MAX_BYTES 8192

typedef struct query query_t;

/* The analyzers a query is read with: the first (English) tokenizes and
 * folds; every one adds its stem of each word, so that a word finds its
 * forms in every language the collection holds. */
#define QUERY_MAX_LANGUAGES 32
typedef struct {
    analyzer_t *analyzers[QUERY_MAX_LANGUAGES];
    size_t n;
} query_langs_t;

/*
 * Parse `text`.  On failure returns FOND_ERR_QUERY (or FOND_ERR_NOMEM) and
 * writes a one-line message naming the column into err.  The analyzers
 * must outlive the query.  Free *out with query_free().
 */
fond_status_t query_parse(query_t **out, const query_langs_t *langs,
                          const char *text, char *err, size_t errsize);
void query_free(query_t *q);

/* FOND_ERR_QUERY, with a message naming the column into err, if the query
 * (parsed from text) names a source by its path (source:/srv/x.txt), for
 * a search that takes names only; else FOND_OK. */
fond_status_t query_refuse_paths(const query_t *q, const char *text, char *err,
                                 size_t errsize);

/* What from: and to: search of a mail address (fond.h; the default is
 * all of it): what the reader is shown, so that a search cannot confirm
 * an address the page hides (to:bob.stone). */
void query_limit_addresses(query_t *q, fond_addresses_t shown);

/* Could a looser reading find more (words side by side, not all +)? */
int query_can_loosen(const query_t *q);

/*
 * Look up, once, everything the query needs from the collection: each
 * word's related stems, variants, other forms, the weight of its exact
 * form, its near spellings and a "did you mean"; each filter's terms.
 * Writes them into q; a second call does nothing.  Before query_build.
 * On failure a one-line message into err (the store's, or "out of
 * memory").
 */
fond_status_t query_expand(query_t *q, store_t *s, char *err, size_t errsize);

/* How words side by side are read. */
typedef enum {
    QUERY_STRICT, /* every word */
    QUERY_LOOSE,  /* any word, by BM25 */
    QUERY_SOFT    /* any word, but every word first, then most words: each
                     word a passage holds adds QUERY_WORD_BONUS */
} query_reading_t;

/* Far above any BM25 weight of a query's words, so that a passage's weight
 * divided by it is the number of words it holds, and the rest its BM25
 * weight. */
#define QUERY_WORD_BONUS 10000.0
/* A word a passage lacks but a passage beside it holds adds this much of
 * QUERY_WORD_BONUS (query_build.c, build_soft), a held word the rest on top
 * of it: every bonus is a multiple of QUERY_BONUS_STEP, far above BM25
 * still, so the BM25 part of a weight is what is left over a multiple of
 * it.  On the tune splits 1.0 ranked a straddling passage with those that
 * hold every word and cost the clean OCR set a first place (0.945 to
 * 0.938); 0.75 and 0.9 kept it and did alike on the straddling queries
 * (0.933; 0.941 at 1.0): docs/ranking.md. */
#define QUERY_BESIDE_WEIGHT 0.75
#define QUERY_BONUS_STEP (QUERY_WORD_BONUS / 4)

/*
 * Build the Xapian query from the expanded query alone (no lookup).  Free
 * *out with store_query_free().  On failure a one-line message into err.
 */
fond_status_t query_build(const query_t *q, store_t *s, query_reading_t loose,
                          store_query_t **out, char *err, size_t errsize);

/* The words, stems, variants and prefixes to highlight; owned by q,
 * valid after query_expand. */
const snippet_terms_t *query_snippet_terms(const query_t *q);

/* The variants and near spellings query_expand found, folded,
 * NULL-terminated; owned by q. */
const char *const *query_variants(const query_t *q);

/* The wildcards ("treat*") that stand for more words than FOND_WILDCARD_MAX
 * (fond.h), and so for the first FOND_WILDCARD_MAX of them alone: n of
 * them, owned by q, after query_expand. */
const char *const *query_truncated(const query_t *q, size_t *n);

/*
 * The query `text` (as parsed) with every bare word the collection does not
 * hold replaced by the nearest word it does (the nearest word of its first
 * letter, looked up by query_expand): malloc'd, or NULL when there is nothing to suggest.
 * Stopwords are words, not misspellings: "when was ..." is not corrected to
 * "then was ...".
 */
char *query_suggest(const query_t *q, const char *text);

#endif
