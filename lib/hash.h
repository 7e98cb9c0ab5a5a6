/*
 * hash.h -- the hashes fond names things with.  FNV-1a, 64 bits: stable
 * across machines and versions (file records, content hashes, shards),
 * dependency-free, and good enough for keys that are not under an
 * attacker's control and that nobody must be kept from computing.
 * SipHash-2-4, 64 bits, under a 128-bit key: what names a source in the
 * index (passage ids, XSRC terms), which the public sees, so that nobody
 * without the database's key can compute a source's id from its path
 * (schema.h, "fond:idkey").
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

/* SipHash-2-4 of s[0, len) under key (Aumasson and Bernstein, 2012). */
#define HASH_ROTL(x, b) (((x) << (b)) | ((x) >> (64 - (b))))
#define HASH_SIPROUND(v)                                                    \
    do {                                                                    \
        v[0] += v[1], v[1] = HASH_ROTL(v[1], 13), v[1] ^= v[0];             \
        v[0] = HASH_ROTL(v[0], 32);                                         \
        v[2] += v[3], v[3] = HASH_ROTL(v[3], 16), v[3] ^= v[2];             \
        v[0] += v[3], v[3] = HASH_ROTL(v[3], 21), v[3] ^= v[0];             \
        v[2] += v[1], v[1] = HASH_ROTL(v[1], 17), v[1] ^= v[2];             \
        v[2] = HASH_ROTL(v[2], 32);                                         \
    } while (0)

static inline uint64_t hash_keyed(const uint64_t key[2], const char *s,
                                  size_t len)
{
    uint64_t v[4] = {key[0] ^ 0x736f6d6570736575ULL, key[1] ^ 0x646f72616e646f6dULL,
                     key[0] ^ 0x6c7967656e657261ULL, key[1] ^ 0x7465646279746573ULL};
    uint64_t last = (uint64_t)len << 56;
    size_t whole = len - len % 8;
    for (size_t i = 0; i <= whole; i += 8) {
        uint64_t m = 0;
        size_t n = i < whole ? 8 : len % 8;
        for (size_t k = 0; k < n; k++) /* little-endian, as the paper reads */
            m |= (uint64_t)(unsigned char)s[i + k] << (8 * k);
        if (i == whole)
            m |= last;
        v[3] ^= m;
        HASH_SIPROUND(v);
        HASH_SIPROUND(v);
        v[0] ^= m;
    }
    v[2] ^= 0xff;
    for (int r = 0; r < 4; r++)
        HASH_SIPROUND(v);
    return v[0] ^ v[1] ^ v[2] ^ v[3];
}

#endif
