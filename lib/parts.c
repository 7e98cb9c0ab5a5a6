/*
 * parts.c -- the list of a file's sources (parts.h).
 */
#include "parts.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"

fond_status_t parts_add(parts_t *p, part_t **out)
{
    if (array_reserve(&p->parts, &p->cap, p->n + 1, sizeof *p->parts, 4))
        return FOND_ERR_NOMEM;
    *out = &p->parts[p->n++];
    memset(*out, 0, sizeof **out);
    return FOND_OK;
}

void parts_free(parts_t *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->parts[i].text);
        free(p->parts[i].id);
        source_free(&p->parts[i].fields);
    }
    free(p->parts);
    memset(p, 0, sizeof *p);
}
