/*
 * wordcount.h -- how often each distinct word was seen.  fond-index counts
 * a batch's words in one for Xapian's spelling table (store.cc), one
 * lookup a word of the text, so it is an open-addressing table of hashes
 * with the words kept in one arena: a lookup is one hash and mostly one
 * probe, with no allocation but when the table grows.  The hash is FNV-1a
 * from a basis drawn at random for each table, so that text made to
 * collide under one basis (a hostile file) does not under another.
 * repair.c keeps a source's vocabulary in two, used as sets.
 */
#ifndef FOND_WORDCOUNT_H
#define FOND_WORDCOUNT_H

#include <stddef.h>
#include "fond.h"

typedef struct wordcount wordcount_t;

/* A new, empty count; free with wordcount_free().  FOND_ERR_NOMEM. */
fond_status_t wordcount_new(wordcount_t **out);
void wordcount_free(wordcount_t *c);

/*
 * n more of word[0, len).  A word new to a count that holds max distinct
 * words already is left out (FOND_OK all the same: the cap bounds memory).
 * FOND_ERR_NOMEM when the table cannot grow; the count is as before.
 */
fond_status_t wordcount_add(wordcount_t *c, const char *word, size_t len,
                            unsigned n, size_t max);

/* Whether it holds word[0, len). */
int wordcount_has(const wordcount_t *c, const char *word, size_t len);

/* How many distinct words it holds. */
size_t wordcount_size(const wordcount_t *c);

/*
 * The words one after another, in no order: start with *at = 0; each call
 * sets *word (NUL-terminated, valid until the count changes) and *count
 * and returns 1, or returns 0 after the last.
 */
int wordcount_next(const wordcount_t *c, size_t *at, const char **word,
                   unsigned *count);

/* Forget every word; the memory stays for the next batch. */
void wordcount_clear(wordcount_t *c);

#endif
