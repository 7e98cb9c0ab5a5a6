/*
 * bytes.h -- numbers as bytes in a given order: the one way fond reads a
 * little- or big-endian field of a file it parses (a TIFF's directories, a
 * BMP's header) and writes one of its own (the read-ahead block, the TIFF
 * it hands Tesseract).  Header-only, like array.h.
 */
#ifndef FOND_BYTES_H
#define FOND_BYTES_H

#include <stdint.h>

/* The n-byte (1 to 8) little-endian number at p. */
static inline uint64_t bytes_get_le(const unsigned char *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

/* The n-byte (1 to 8) big-endian number at p. */
static inline uint64_t bytes_get_be(const unsigned char *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

/* v's low n bytes (1 to 8) at p, little-endian. */
static inline void bytes_put_le(unsigned char *p, uint64_t v, int n)
{
    for (int i = 0; i < n; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

#endif
