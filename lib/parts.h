/*
 * parts.h -- a file of many sources: an mbox's messages (mail.h), a TEI
 * edition's documents, an EAD finding aid's components.  Each reader of
 * such a file hands its sources as parts; index_parts.c indexes each
 * through index.c's one path for a source (db_index_one), named by the
 * file's path and "#" after it, and all under the file's XSRC term, so
 * that the file's old sources go, every one, before its sources now are
 * written (schema.h).  A part may carry files attached to it (a message's
 * attachments): each is read as a file is (extract.h), its text runs of
 * the part's passages of its own (ingest.h's sections).
 */
#ifndef FOND_PARTS_H
#define FOND_PARTS_H

#include <stddef.h>
#include "fond.h"
#include "source.h"

/* A file attached to a part (a mail attachment): its bytes, to be read
 * as a file is (extract.h) by whoever indexes the part, or why it was
 * not taken (too big, too many). */
typedef struct {
    char *name;         /* its file name, one line, malloc'd */
    char *type;         /* its declared type, "application/pdf", malloc'd */
    char *bytes;        /* its bytes, malloc'd; NULL when skipped */
    size_t len;
    char skipped[160];  /* with bytes NULL: why */
} part_file_t;

typedef struct {
    source_t fields;    /* what the format states of it (source.h, level
                           3): the strings malloc'd or NULL; no body range,
                           no notes */
    char *text;         /* its text, valid UTF-8, malloc'd, read as text
                           with no header of its own: its body, with its
                           footnote markers ("[1]") and a Notes section
                           after it (source.h), a form feed between pages;
                           NULL when the part was refused */
    size_t len;
    char *id;           /* its name after the file's "#": its own id (an
                           xml:id), malloc'd; NULL for its place in the
                           file ("#3") */
    char failure[160];  /* with text NULL: why it was refused */
    part_file_t *files; /* its attachments, in the order of the part: each
                           read, its text a run of the part's passages of
                           its own (index_parts.c) */
    size_t n_files, cap_files;
} part_t;

typedef struct {
    part_t *parts;      /* in the order of the file */
    size_t n, cap;
} parts_t;

/* A new part, zeroed, at the end of p (FOND_ERR_NOMEM when it cannot
 * grow); *out points into p->parts until the next parts_add. */
fond_status_t parts_add(parts_t *p, part_t **out);
void parts_free(parts_t *p);

/* A new attachment, zeroed, at the end of p's files (FOND_ERR_NOMEM). */
fond_status_t part_file_add(part_t *p, part_file_t **out);
/* Its attachments gone, none left. */
void part_files_free(part_t *p);

#endif
