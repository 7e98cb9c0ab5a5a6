/*
 * record.h -- a source's record in the database's metadata (schema.h:
 * "src:" keys): the size, mtime and content hash its file had when last
 * indexed, the hash of the catalogue row it was indexed with, and whether
 * that worked.  sync.c reads and writes them to keep
 * the index in step with the files; fond_db_sources() lists them.
 */
#ifndef FOND_RECORD_H
#define FOND_RECORD_H

#include "fond.h"

typedef struct {
    unsigned long long size, mtime;
    char hash[17];
    char row[17];     /* the hash of its catalogue row ("" for none) */
    char status[320]; /* "ok", or "failed <reason>" */
} record_t;

/* Read the record of path into *r: *found 1 if there is one, else 0.  The
 * message of a failure is set on db. */
fond_status_t record_load(fond_db_t *db, const char *path, record_t *r,
                          int *found);

/* Write r as path's record, in the current batch. */
fond_status_t record_save(fond_db_t *db, const char *path, const record_t *r);

/* Remove path's record, in the current batch. */
fond_status_t record_remove(fond_db_t *db, const char *path);

#endif
