/*
 * query.h -- the query language, parsed into items and built into a Xapian
 * query through store.h (this module never calls Xapian itself).
 *
 * In this version a query is a list of items: bare words, "quoted
 * phrases", and field filters (type:telegram, from:Huseynov,
 * to:"Yusif Kamal", place:, title:, language:, archive:, fond:, opis:,
 * delo:), which must match but add no weight.  Every item goes through analyze_text(), the function that
 * indexed the passages.  A bare word matches its exact folded form or any
 * word with the same stem (the exact form weighs more); a word that the
 * analyzer splits ("Turkey-South") is searched as a phrase, as is anything
 * quoted, on exact folded words.  English stopwords outside quotes are
 * dropped unless the query has nothing else.
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
#define QUERY_MAX_LANGUAGES 8
typedef struct {
    analyzer_t *analyzers[QUERY_MAX_LANGUAGES];
    size_t n;
} query_langs_t;

/*
 * Parse `text`.  On failure returns FOND_ERR_QUERY (or FOND_ERR_NOMEM) and
 * writes a one-line message naming the position into err.  Free *out with
 * query_free().
 */
fond_status_t query_parse(query_t **out, const query_langs_t *langs,
                          const char *text, char *err, size_t errsize);
void query_free(query_t *q);

/* How many ranked items (words and phrases, not filters) it kept. */
size_t query_item_count(const query_t *q);

/* Build the Xapian query: all ranked items required (STORE_OP_AND), or any
 * of them (STORE_OP_OR) for the looser reading; filters always apply.  Free *out with
 * store_query_free(). */
fond_status_t query_build(const query_t *q, store_t *s, store_op_t op,
                          store_query_t **out);

/* The words and stems to highlight; owned by q. */
const snippet_terms_t *query_snippet_terms(const query_t *q);

#endif
