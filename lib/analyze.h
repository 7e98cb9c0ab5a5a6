/*
 * analyze.h -- the single source of index and query terms.
 *
 * Text goes in as UTF-8; out come tokens: the folded form of each word
 * (Unicode case folding, diacritics stripped, so "Sèvres" and "SEVRES" are
 * both "sevres"), its Snowball stem, its byte range in the input and its
 * position.  The indexer, the query parser and the snippet maker all call
 * analyze_text(), so what is written and what is looked up cannot drift.
 *
 * Tokenizing is by Unicode category: a word is a run of letters, marks and
 * numbers.  An apostrophe (' or U+2019) between two letters stays inside the
 * word (as "'"); a '.' or ',' between two digits stays inside a number
 * ("26.01.1922", "1,000").  Everything else separates words; each word
 * takes the next position, starting at 1.  Words longer than
 * ANALYZE_MAX_WORD bytes once folded are skipped but still take a position.
 */
#ifndef FOND_ANALYZE_H
#define FOND_ANALYZE_H

#include <stddef.h>
#include "fond.h"

#define ANALYZE_MAX_WORD 64

typedef struct {
    const char *word;  /* folded form, NUL-terminated */
    size_t word_len;
    const char *stem;  /* Snowball stem of the folded form, NUL-terminated
                        * (NULL from analyze_words()) */
    size_t stem_len;
    size_t start;      /* byte range [start, end) of the word in the input */
    size_t end;
    unsigned pos;      /* 1-based word position */
    int irregular;     /* its stem is not the stem of its folded form
                        * (analyze_folded_stem): folding changed what the
                        * stemmer saw (Russian "новый", Turkish
                        * "Antlaşması"); 0 from analyze_words() */
} analyze_token_t;

/* Called once a token; the token's strings are valid only during the call.
 * Return non-zero to stop the analysis early (analyze_text returns FOND_OK). */
typedef int (*analyze_cb)(void *ctx, const analyze_token_t *token);

typedef struct analyzer analyzer_t;

/*
 * A new analyzer stemming for `language`, a Snowball algorithm name
 * ("english", "russian", "turkish", ...).  FOND_ERR_ARG if there is no such
 * stemmer.  Free with analyzer_free().  Not thread-safe: one a thread.
 */
fond_status_t analyzer_new(analyzer_t **out, const char *language);
void analyzer_free(analyzer_t *a);

/*
 * Tokenize `text` and call `cb` for each word, in order.  Invalid UTF-8
 * fails with FOND_ERR_UTF8 before any callback is made.  Does not allocate
 * per token.
 */
fond_status_t analyze_text(analyzer_t *a, const char *text, size_t len,
                           analyze_cb cb, void *ctx);

/*
 * As analyze_text(), for the indexer, which keeps the stem of an irregular
 * word alone (schema.h): a word of ASCII, which cannot be irregular, is
 * not stemmed (its stem is NULL); any other is, as by analyze_text().
 * Stemming is most of the cost of analysis.
 */
fond_status_t analyze_terms(analyzer_t *a, const char *text, size_t len,
                            analyze_cb cb, void *ctx);

/*
 * As analyze_text(), but without stemming: each token's stem is NULL.
 * Stemming is most of the cost of analysis; a caller that needs the stem of
 * only a few words (the snippet maker) asks for those with analyze_stem().
 */
fond_status_t analyze_words(analyzer_t *a, const char *text, size_t len,
                            analyze_cb cb, void *ctx);

/*
 * The stem of token t of `text`, during analyze_words()'s callback for t:
 * the stem analyze_text() would have given it.  Valid until the analyzer's
 * next use; NULL when out of memory.
 */
const char *analyze_stem(analyzer_t *a, const char *text,
                         const analyze_token_t *t, size_t *len);

/*
 * The stem of a word already folded (an index term), as the search finds
 * a word's forms among the collection's terms: Snowball on the folded
 * word, folded.  The same as the stem analyze_text() gives the word's
 * token unless the token is irregular.  Valid until the analyzer's next
 * use; NULL when out of memory.
 */
const char *analyze_folded_stem(analyzer_t *a, const char *word, size_t len,
                                size_t *stem_len);

/* Fold one word (case and diacritics) into buf, NUL-terminated; returns the
 * folded length, or 0 if it does not fit in bufsize. */
size_t analyze_fold(const char *word, size_t len, char *buf, size_t bufsize);

/* Non-zero if the folded word is an English stopword ("the", "of", ...). */
int analyze_is_stopword(const char *word, size_t len);

/* The offset of the first byte that is not part of valid UTF-8 (len if the
 * whole text is valid).  Rejects overlongs, surrogates and NUL-free is not
 * required. */
size_t utf8_valid_prefix(const char *text, size_t len);

#endif
