/*
 * file.h -- reading a source file whole: the one reader every path to the
 * index uses (fond_db_index_file, fond_db_sync_file, the upgrade).
 */
#ifndef FOND_FILE_H
#define FOND_FILE_H

#include <stddef.h>
#include "fond.h"

#define FILE_MAX_BYTES ((size_t)1 << 30) /* 1 GiB: larger files are refused */

/*
 * Read the regular file at path into *text (malloc'd, NUL-terminated, the
 * caller frees it) and its length into *len.  On failure *text is NULL and
 * why (whysize bytes) says what went wrong, without the path: the system's
 * reason for the call that failed ("Permission denied"), "not a regular
 * file" (a folder, a FIFO: opened without blocking), "larger than 1 GiB",
 * "out of memory" (FOND_ERR_NOMEM), or a short read.  FOND_ERR_IO else.
 */
fond_status_t file_read(const char *path, char **text, size_t *len, char *why,
                        size_t whysize);

#endif
