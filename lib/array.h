/*
 * array.h -- the one way fond grows an array: realloc, doubling, so that n
 * appends cost O(n) in all.  Header-only (no symbol leaves the library);
 * the programs and bench tools use it too.
 */
#ifndef FOND_ARRAY_H
#define FOND_ARRAY_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Make room for `need` items of `size` bytes in the array whose pointer is
 * at `itemsp` (a T **; NULL with *cap 0 for a new array), doubling *cap
 * from `first`.  Returns 0, or -1 when out of memory, with the array and
 * *cap as they were: the caller still owns and frees the old block. */
static inline int array_reserve(void *itemsp, size_t *cap, size_t need,
                                size_t size, size_t first)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : first;
    while (c < need && c <= SIZE_MAX / 2)
        c *= 2;
    if (c < need || c > SIZE_MAX / size)
        return -1;
    void *items;
    memcpy(&items, itemsp, sizeof items); /* T ** read as void **, alias-safe */
    void *grown = realloc(items, c * size);
    if (!grown)
        return -1;
    memcpy(itemsp, &grown, sizeof grown);
    *cap = c;
    return 0;
}

#endif
