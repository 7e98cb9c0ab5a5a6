/*
 * files.h -- what the bench tools share: the regular files under some
 * paths (folders walked recursively, hidden entries skipped), in name
 * order, read whole into memory, and a monotonic clock.
 */
#ifndef FOND_BENCH_FILES_H
#define FOND_BENCH_FILES_H

#include <stddef.h>

typedef struct {
    char *path;
    char *bytes; /* the whole file, NUL-terminated */
    size_t len;
} bench_file_t;

typedef struct {
    bench_file_t *files;
    size_t n, cap;
    size_t total; /* bytes of all files */
} bench_files_t;

/* Collect the regular files under each of paths[0, n) (a file, or a folder
 * walked recursively), sorted by path; with `read` non-zero, read each one
 * into memory.  Prints the reason and returns -1 on failure. */
int bench_files_collect(bench_files_t *out, char **paths, size_t n, int read);

/* Read one file whole (NUL-terminated); -1 on failure. */
int bench_file_read(bench_file_t *f);

void bench_files_free(bench_files_t *fs);

/* Seconds on the monotonic clock. */
double bench_now(void);

#endif
