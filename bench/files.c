/*
 * files.c -- the files under some paths, in name order, read whole; and a
 * monotonic clock (see files.h).  Shared by the bench tools.
 */
#define _XOPEN_SOURCE 700 /* nftw() */
#include "array.h"
#include "files.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static bench_files_t *walking; /* nftw() takes no context */

static int add_path(const char *path)
{
    bench_files_t *fs = walking;
    if (array_reserve(&fs->files, &fs->cap, fs->n + 1, sizeof *fs->files, 1024))
        return -1;
    bench_file_t *f = &fs->files[fs->n];
    f->path = strdup(path);
    f->bytes = NULL;
    f->len = 0;
    if (!f->path)
        return -1;
    fs->n++;
    return 0;
}

static int visit(const char *path, const struct stat *sb, int type,
                 struct FTW *ftw)
{
    const char *base = path + ftw->base;
    if (ftw->level > 0 && base[0] == '.')
        return 0; /* hidden: passed over, as fond-index does */
    if (type == FTW_F && S_ISREG(sb->st_mode))
        return add_path(path);
    return 0;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const bench_file_t *)a)->path,
                  ((const bench_file_t *)b)->path);
}

int bench_file_read(bench_file_t *f)
{
    FILE *in = fopen(f->path, "rb");
    struct stat sb;
    if (!in || fstat(fileno(in), &sb) != 0) {
        fprintf(stderr, "%s: %s\n", f->path, strerror(errno));
        if (in)
            fclose(in);
        return -1;
    }
    f->len = (size_t)sb.st_size;
    f->bytes = malloc(f->len + 1);
    size_t got = f->bytes ? fread(f->bytes, 1, f->len, in) : 0;
    fclose(in);
    if (!f->bytes || got != f->len) {
        fprintf(stderr, "%s: cannot read\n", f->path);
        return -1;
    }
    f->bytes[f->len] = '\0';
    return 0;
}

int bench_files_collect(bench_files_t *out, char **paths, size_t n, int read)
{
    memset(out, 0, sizeof *out);
    walking = out;
    for (size_t i = 0; i < n; i++) {
        if (nftw(paths[i], visit, 32, FTW_PHYS) != 0) {
            fprintf(stderr, "%s: cannot walk: %s\n", paths[i], strerror(errno));
            return -1;
        }
    }
    qsort(out->files, out->n, sizeof *out->files, by_path);
    for (size_t i = 0; read && i < out->n; i++) {
        if (bench_file_read(&out->files[i]) != 0)
            return -1;
        out->total += out->files[i].len;
    }
    return 0;
}

void bench_files_free(bench_files_t *fs)
{
    for (size_t i = 0; i < fs->n; i++) {
        free(fs->files[i].path);
        free(fs->files[i].bytes);
    }
    free(fs->files);
    memset(fs, 0, sizeof *fs);
}

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
