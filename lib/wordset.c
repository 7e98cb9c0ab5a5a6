/*
 * wordset.c -- a set of distinct words (see wordset.h).
 *
 * The table: a power-of-two array of slots, each a word's full hash, its
 * offset in the arena (+ 1; 0 marks an empty slot), length and number
 * (wordset_value), probed
 * linearly from hash & mask and kept at most half full.  The arena holds
 * the words one after another, each NUL-terminated.
 */
#include "wordset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "array.h"
#include "hash.h"

#define FIRST_SLOTS 4096 /* a power of two */

typedef struct {
    uint64_t hash;
    size_t word; /* offset in the arena + 1; 0: the slot is empty */
    size_t len;
    size_t value;
} slot_t;

struct wordset {
    slot_t *slots;
    size_t mask; /* slots - 1 */
    size_t used;
    char *arena;
    size_t arena_len, arena_cap;
    uint64_t basis; /* the hash's, drawn for this table */
};

/* A basis for the hash that text cannot be made for in advance: from the
 * kernel's random bytes, else from the clock and this table's address. */
static uint64_t random_basis(const void *self)
{
    uint64_t b = 0;
    if (getrandom(&b, sizeof b, GRND_NONBLOCK) != (ssize_t)sizeof b) {
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        b = (uint64_t)t.tv_nsec ^ ((uint64_t)t.tv_sec << 32) ^
            (uint64_t)(uintptr_t)self;
    }
    return HASH_FNV_OFFSET ^ b;
}

fond_status_t wordset_new(wordset_t **out)
{
    wordset_t *c = calloc(1, sizeof *c);
    *out = NULL;
    if (!c || !(c->slots = calloc(FIRST_SLOTS, sizeof *c->slots))) {
        free(c);
        return FOND_ERR_NOMEM;
    }
    c->mask = FIRST_SLOTS - 1;
    c->basis = random_basis(c);
    *out = c;
    return FOND_OK;
}

void wordset_free(wordset_t *c)
{
    if (!c)
        return;
    free(c->slots);
    free(c->arena);
    free(c);
}

/* The slot of the word with this hash, or the empty slot where it would
 * go. */
static slot_t *find(const wordset_t *c, uint64_t hash, const char *word,
                    size_t len)
{
    for (size_t i = hash & c->mask;; i = (i + 1) & c->mask) {
        slot_t *s = &c->slots[i];
        if (!s->word || (s->hash == hash && s->len == len &&
                         memcmp(c->arena + s->word - 1, word, len) == 0))
            return s;
    }
}

/* Twice the slots, every word moved to its place among them. */
static fond_status_t grow(wordset_t *c)
{
    size_t n = (c->mask + 1) * 2;
    slot_t *old = c->slots, *slots = calloc(n, sizeof *slots);
    if (!slots)
        return FOND_ERR_NOMEM;
    size_t old_n = c->mask + 1;
    c->slots = slots;
    c->mask = n - 1;
    for (size_t i = 0; i < old_n; i++) {
        if (!old[i].word)
            continue;
        size_t k = old[i].hash & c->mask;
        while (slots[k].word)
            k = (k + 1) & c->mask;
        slots[k] = old[i];
    }
    free(old);
    return FOND_OK;
}

/* The word's slot, made if it is not there; NULL when out of memory. */
static slot_t *put(wordset_t *c, const char *word, size_t len)
{
    uint64_t hash = hash_bytes(c->basis, word, len);
    slot_t *s = find(c, hash, word, len);
    if (s->word)
        return s;
    if (array_reserve(&c->arena, &c->arena_cap, c->arena_len + len + 1, 1,
                      4096) != 0)
        return NULL;
    if (2 * (c->used + 1) > c->mask + 1) {
        if (grow(c) != FOND_OK)
            return NULL;
        s = find(c, hash, word, len);
    }
    memcpy(c->arena + c->arena_len, word, len);
    c->arena[c->arena_len + len] = '\0';
    *s = (slot_t){hash, c->arena_len + 1, len, 0};
    c->arena_len += len + 1;
    c->used++;
    return s;
}

fond_status_t wordset_add(wordset_t *c, const char *word, size_t len)
{
    return put(c, word, len) ? FOND_OK : FOND_ERR_NOMEM;
}

fond_status_t wordset_value(wordset_t *c, const char *word, size_t len,
                            size_t **value)
{
    slot_t *s = put(c, word, len);
    *value = s ? &s->value : NULL;
    return s ? FOND_OK : FOND_ERR_NOMEM;
}

const size_t *wordset_get(const wordset_t *c, const char *word, size_t len)
{
    slot_t *s = find(c, hash_bytes(c->basis, word, len), word, len);
    return s->word ? &s->value : NULL;
}

int wordset_has(const wordset_t *c, const char *word, size_t len)
{
    return find(c, hash_bytes(c->basis, word, len), word, len)->word != 0;
}

size_t wordset_size(const wordset_t *c) { return c->used; }
