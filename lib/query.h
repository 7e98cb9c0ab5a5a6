/*
 * query.h -- the query language, parsed into a tree and built into a Xapian
 * query through store.h (this module never calls Xapian itself).
 *
 *   kars treaty          words side by side: every one required; if that
 *                        finds nothing, any of them (the query "loosens")
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

/* Could a looser reading find more (words side by side, not all +)? */
int query_can_loosen(const query_t *q);

/*
 * Build the Xapian query, strict or loose.  Looks up each word's variants
 * in the collection (and remembers them for query_variants and the
 * snippet).  Free *out with store_query_free().
 */
fond_status_t query_build(query_t *q, store_t *s, int loose,
                          store_query_t **out);

/* The words, stems, variants and prefixes to highlight; owned by q,
 * valid after query_build. */
const snippet_terms_t *query_snippet_terms(const query_t *q);

/* The variants query_build added, folded, NULL-terminated; owned by q. */
const char *const *query_variants(const query_t *q);

/*
 * The query `text` (as parsed) with every bare word the collection does not
 * hold replaced by the nearest word it does (Xapian's spelling data):
 * malloc'd, or NULL when there is nothing to suggest.  Stopwords are words,
 * not misspellings: "when was ..." is not corrected to "then was ...".
 */
char *query_suggest(const query_t *q, store_t *s, const char *text);

#endif
