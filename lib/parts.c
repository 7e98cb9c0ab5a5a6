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

fond_status_t part_file_add(part_t *p, part_file_t **out)
{
    if (array_reserve(&p->files, &p->cap_files, p->n_files + 1,
                      sizeof *p->files, 4))
        return FOND_ERR_NOMEM;
    *out = &p->files[p->n_files++];
    memset(*out, 0, sizeof **out);
    return FOND_OK;
}

void part_files_free(part_t *p)
{
    for (size_t k = 0; k < p->n_files; k++) {
        free(p->files[k].name);
        free(p->files[k].type);
        free(p->files[k].bytes);
    }
    free(p->files);
    p->files = NULL;
    p->n_files = p->cap_files = 0;
}

void parts_free(parts_t *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->parts[i].text);
        free(p->parts[i].id);
        source_free(&p->parts[i].fields);
        part_files_free(&p->parts[i]);
    }
    free(p->parts);
    memset(p, 0, sizeof *p);
}
