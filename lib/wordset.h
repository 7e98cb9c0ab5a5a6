/*
 * wordset.h -- a set of distinct words, for repair.c, which keeps a
 * source's vocabulary in two (its words and their stems) and looks up
 * every word of the source in them: an open-addressing table of hashes
 * with the words kept in one arena, so that a lookup is one hash and
 * mostly one probe, with no allocation but when the table grows.  The hash
 * is FNV-1a from a basis drawn at random for each table, so that text made
 * to collide under one basis (a hostile file) does not under another.
 */
#ifndef FOND_WORDSET_H
#define FOND_WORDSET_H

#include <stddef.h>
#include "fond.h"

typedef struct wordset wordset_t;

/* A new, empty set; free with wordset_free().  FOND_ERR_NOMEM. */
fond_status_t wordset_new(wordset_t **out);
void wordset_free(wordset_t *c);

/* word[0, len) into the set (once, however often it is added).
 * FOND_ERR_NOMEM when the table cannot grow; the set is as before. */
fond_status_t wordset_add(wordset_t *c, const char *word, size_t len);

/* Whether it holds word[0, len). */
int wordset_has(const wordset_t *c, const char *word, size_t len);

/* A number kept with each word (0 when it is added): *value points at
 * word[0, len)'s, added first if it is not there, until the set's next
 * change.  FOND_ERR_NOMEM as wordset_add(). */
fond_status_t wordset_value(wordset_t *c, const char *word, size_t len,
                            size_t **value);
/* word[0, len)'s number, or NULL if the set does not hold it. */
const size_t *wordset_get(const wordset_t *c, const char *word, size_t len);

/* How many distinct words it holds. */
size_t wordset_size(const wordset_t *c);

#endif
