/*
 * hash.h -- the one hash fond uses to name things: FNV-1a, 64 bits.  Stable
 * across machines and versions (it names sources in the index: XSRC terms,
 * passage ids, file records), dependency-free, and good enough for keys
 * that are not under an attacker's control.
 */
#ifndef FOND_HASH_H
#define FOND_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_FNV_OFFSET 14695981039346656037ULL
#define HASH_FNV_PRIME 1099511628211ULL

/* Fold bytes s[0, len) into h (start with HASH_FNV_OFFSET). */
static inline uint64_t hash_bytes(uint64_t h, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * HASH_FNV_PRIME;
    return h;
}

/* The hash of a NUL-terminated string. */
static inline uint64_t hash_string(const char *s)
{
    uint64_t h = HASH_FNV_OFFSET;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * HASH_FNV_PRIME;
    return h;
}

#endif
