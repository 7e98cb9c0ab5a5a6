/*
 * store.h -- the C API over Xapian, implemented in store.cc, the only C++ in
 * fond.  No C++ type or exception crosses this line: every function catches
 * what Xapian throws, records the message on the store handle (see
 * store_error) and returns a fond_status_t.
 *
 * The index schema (the terms, value slots and data layout these functions
 * read and write) is written out in schema.h.
 */
#ifndef FOND_STORE_H
#define FOND_STORE_H

#include <stddef.h>
#include "fond.h"
#include "schema.h"

typedef struct store store_t;         /* an open database */
typedef struct store_doc store_doc_t; /* a document being built */
typedef struct store_query store_query_t;
typedef struct store_mset store_mset_t; /* one page of ranked results */

#define STORE_MAX_FACETS 4

/* How to run a search. */
typedef struct {
    size_t offset, limit;   /* the page */
    size_t collapse_max;    /* at most this many hits a source (0: all) */
    int sort_by_date;       /* ascending sort date, then relevance */
    int sort_by_added;      /* newest SCHEMA_SLOT_ADDED first, then relevance */
    unsigned facet_slots[STORE_MAX_FACETS]; /* count values in these slots */
    size_t n_facets;        /* over every match */
    size_t count_max;       /* count every match, up to this many (Xapian's
                               check_at_least); beyond, estimate */
} store_search_opts_t;

/* One value of a facet and how many matches have it. */
typedef struct {
    const char *value;
    size_t count;
} store_facet_t;

/*
 * Open the database at `path`; writable creates it if missing.  On failure
 * *out is NULL and the message is copied into err (errsize bytes, may be 0).
 * Status: FOND_ERR_NODB (missing or not a database), FOND_ERR_LOCKED
 * (another writer), FOND_ERR_CORRUPT, FOND_ERR_XAPIAN.
 */
fond_status_t store_open(store_t **out, const char *path, int writable,
                         char *err, size_t errsize);
/* Commit if writable, then free.  NULL is fine. */
fond_status_t store_close(store_t *s);
/* A reader: move to the newest committed revision (after
 * FOND_ERR_MODIFIED, which says an indexer committed twice under it). */
fond_status_t store_reopen(store_t *s);
/* The last error message on this store; "" if none. */
const char *store_error(const store_t *s);

fond_status_t store_commit(store_t *s);
/* Merge the database (or stub of shards) at `from` into one new database
 * at `to`, with Xapian's compactor. */
fond_status_t store_compact(const char *from, const char *to, char *err,
                            size_t errsize);
/* Call cb for each term starting with prefix, in order, until it returns
 * non-zero. */
fond_status_t store_terms(store_t *s, const char *prefix,
                          int (*cb)(void *ctx, const char *term), void *ctx);
/* The same, with each term's frequency (how many documents hold it). */
fond_status_t store_terms_freq(store_t *s, const char *prefix,
                               int (*cb)(void *ctx, const char *term,
                                         size_t freq),
                               void *ctx);
/* How many documents hold `term` (0 if none). */
fond_status_t store_term_freq(store_t *s, const char *term, size_t *out);

/* User metadata (committed with the documents, atomically): the value of
 * key into *out (malloc'd, "" when unset), set it ("" deletes), and each
 * key starting with prefix, in order, until cb returns non-zero. */
fond_status_t store_get_metadata(store_t *s, const char *key, char **out);
fond_status_t store_set_metadata(store_t *s, const char *key,
                                 const char *value);
fond_status_t store_metadata_keys(store_t *s, const char *prefix,
                                  int (*cb)(void *ctx, const char *key),
                                  void *ctx);

/* Synonyms (Xapian's synonym table): name variants of a folded word. */
fond_status_t store_add_synonym(store_t *s, const char *word,
                                const char *synonym);
/* Call cb for each synonym of word, until it returns non-zero. */
fond_status_t store_synonyms(store_t *s, const char *word,
                             int (*cb)(void *ctx, const char *synonym),
                             void *ctx);
/* Take synonym off word's list (the table alone). */
fond_status_t store_remove_synonym(store_t *s, const char *word,
                                   const char *synonym);
/* Call cb for each key of the synonym table starting with prefix, in
 * order, until it returns non-zero (the table alone). */
fond_status_t store_synonym_keys(store_t *s, const char *prefix,
                                 int (*cb)(void *ctx, const char *key),
                                 void *ctx);

fond_status_t store_doc_count(store_t *s, size_t *out);

/* A field of the record of the source whose id is `source`
 * (schema_source_id): the value of `slot` in its record passage's data,
 * into *out, malloc'd; "" when the database holds no such source or
 * field.  The data as schema 2 and later lay it out. */
fond_status_t store_record_field(store_t *s, const char *source, unsigned slot,
                                 char **out);
/* Delete every document indexed by `term`. */
fond_status_t store_delete_term(store_t *s, const char *term);

/* Documents: build one, then store_doc_add() writes it. */
fond_status_t store_doc_new(store_t *s, store_doc_t **out);
void store_doc_free(store_doc_t *d);
/* A term with a position (positions start at 1). */
fond_status_t store_doc_add_posting(store_doc_t *d, const char *term,
                                    size_t len, unsigned pos);
/* A term without a position (boolean or field terms). */
fond_status_t store_doc_add_term(store_doc_t *d, const char *term, size_t len);
/* d holds its source's record (schema.h: the first passage does): its
 * data keeps the source's fields as well as its own. */
void store_doc_set_record(store_doc_t *d);
/* A term that filters and weighs nothing (wdf 0: no part of the
 * document's length for BM25): the source-level terms. */
fond_status_t store_doc_add_filter(store_doc_t *d, const char *term,
                                   size_t len);
/* The passage text. */
fond_status_t store_doc_set_data(store_doc_t *d, const char *data, size_t len);
/* A field (a schema.h slot): text up to its first NUL, if any; a blob
 * slot's (SCHEMA_BLOB_SLOT) bytes, all len of them.  On add it goes into
 * the data (fields with a tag) and, on a passage, into a Xapian value
 * (SCHEMA_MATCH_SLOT, SCHEMA_BLOB_SLOT), as schema.h says. */
fond_status_t store_doc_set_value(store_doc_t *d, unsigned slot,
                                  const char *value, size_t len);
/* Write d as a new document.  Adding, not replacing by a unique term: a
 * replace by term opens that term's posting list (flushing its buffered
 * changes) for every document, and cost fond-index over a third of its
 * time; the caller deletes what d supersedes first (store_delete_term).
 * d stays owned by the caller. */
fond_status_t store_doc_add(store_t *s, store_doc_t *d);

/* For bench/: up to max documents of s, from docid *next on, each copied
 * into memory as the calls that made it (terms with wdf and positions,
 * data, values), to be written elsewhere with store_doc_add(), which
 * builds the Xapian document from them as fond-index's calls do.  *next
 * moves past the last one copied; *n is 0 at the end.  *out is malloc'd;
 * free each document with store_doc_free(), then the array with free(). */
fond_status_t store_copy_documents(store_t *s, unsigned *next, size_t max,
                                   store_doc_t ***out, size_t *n);

/*
 * Queries.  Each constructor returns a new query the caller frees with
 * store_query_free(); combining copies the parts (they stay the caller's).
 * On failure *out is NULL and the store's error is set.
 */
typedef enum {
    STORE_OP_AND,
    STORE_OP_OR,
    STORE_OP_AND_NOT,  /* first part, without any of the others */
    STORE_OP_PHRASE,   /* parts are terms, in order, adjacent */
    STORE_OP_NEAR,     /* parts within `window` positions, any order */
    STORE_OP_AND_MAYBE, /* first part required, the others add weight */
    STORE_OP_SYNONYM,  /* parts are one word: weighed as one term */
    STORE_OP_FILTER     /* first part ranked, the others must match too
                           but add no weight */
} store_op_t;

fond_status_t store_query_term(store_t *s, store_query_t **out,
                               const char *term, size_t len);
fond_status_t store_query_combine(store_t *s, store_query_t **out,
                                  store_op_t op, store_query_t *const *parts,
                                  size_t n, unsigned window);
/* Documents whose value in `slot` is `value` or sorts after it (as text). */
fond_status_t store_query_value_ge(store_t *s, store_query_t **out,
                                   unsigned slot, const char *value);
/* A query every passage matches (to filter without words). */
fond_status_t store_query_match_all(store_t *s, store_query_t **out);
/* The same matches as `q`, with its weight times factor (0: a filter). */
fond_status_t store_query_scale(store_t *s, store_query_t **out,
                                const store_query_t *q, double factor);
/* The same matches as `q`, each weighing `weight`, whatever q's own. */
fond_status_t store_query_constant(store_t *s, store_query_t **out,
                                   const store_query_t *q, double weight);
void store_query_free(store_query_t *q);
/* Xapian's one-line description of q ("Query((kars OR Zkar))"), for tests
 * and debugging: malloc'd, NULL when out of memory. */
char *store_query_describe(const store_query_t *q);

/* Rank with BM25; one page as `o` says. */
fond_status_t store_search(store_t *s, store_mset_t **out,
                           const store_query_t *q,
                           const store_search_opts_t *o);
/* Passages like the one with unique term `idterm` (relevance feedback:
 * its most telling words), not that one itself.  FOND_ERR_ARG if there is
 * no such passage. */
fond_status_t store_query_like(store_t *s, store_query_t **out,
                               const char *idterm);
size_t store_mset_size(const store_mset_t *m);
/* How many documents match (before any collapse), in how many sources,
 * and how long the list is (after it: the hits all pages hold).  Counts
 * when store_mset_exact(), which is when they are at most count_max;
 * else Xapian's estimates (and the sources seen). */
size_t store_mset_matched(const store_mset_t *m);
size_t store_mset_sources(const store_mset_t *m);
size_t store_mset_results(const store_mset_t *m);
int store_mset_exact(const store_mset_t *m);
double store_mset_weight(const store_mset_t *m, size_t i);
/* The i-th document's passage text (owned by m, valid until
 * store_mset_free). */
const char *store_mset_data(const store_mset_t *m, size_t i, size_t *len);
/* The i-th hit's field in a slot with a tag (schema.h), or a blob slot's
 * bytes (*len of them, NULs and all), "" for another or when unset; a
 * source field comes from the hit's source record (owned by m). */
const char *store_mset_value(const store_mset_t *m, size_t i, unsigned slot,
                             size_t *len);
/* How many more hits of the i-th hit's source the collapse left out (a
 * count when store_mset_exact(), else at least that many). */
size_t store_mset_collapsed(const store_mset_t *m, size_t i);
/* The k-th facet's values, most frequent first, "" for the matches
 * without one; owned by m.  They add up to store_mset_matched() (scaled
 * to it when not exact). */
const store_facet_t *store_mset_facet(const store_mset_t *m, size_t k,
                                      size_t *n);
void store_mset_free(store_mset_t *m);

#endif
