/*
 * rng.h -- the seeded pseudo-random numbers of the relevance tools
 * (known-items.c, damage.c): splitmix64, small and fast, and the same
 * sequence on every machine, so a seed names one set of queries or one
 * damaged copy for good.  One sequence a process: rng_state, set from the
 * seed before the first draw.
 */
#ifndef FOND_TESTS_RNG_H
#define FOND_TESTS_RNG_H

#include <stdint.h>

static uint64_t rng_state;

static inline uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* A double in [0, 1). */
static inline double rng_unit(void)
{
    return (double)(rng_next() >> 11) / 9007199254740992.0;
}

#endif
