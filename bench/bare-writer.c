/*
 * bare-writer.c -- a bench tool: the floor of Xapian's write path, a
 * minimal writer over lib/store.h with no analysis.  Each file is cut into
 * passages of 120 white-space-separated words; each passage becomes one
 * document holding its words lower-cased (ASCII only, punctuation left on)
 * with their positions, a unique Q term, and its text as data, written with
 * store_doc_add() as fond writes its passages, committed every 200 files
 * as fond-index commits.  Reading the files is timed, as fond-index's is.
 * Prints one line: "files bytes seconds MB/s passages" (MB = 10^6 bytes).
 * Usage: bare-writer DB PATH...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files.h"
#include "store.h"
#include "text.h"

#define WORDS 120
#define BATCH_FILES 200
#define TERM_MAX 240

/* One passage: the words of text[start, end), as one document. */
static fond_status_t write_passage(store_t *s, const char *text, size_t start,
                                   size_t end, size_t file, size_t ordinal)
{
    char qterm[48], term[TERM_MAX];
    snprintf(qterm, sizeof qterm, "Q%zu-%zu", file, ordinal);
    store_doc_t *d = NULL;
    fond_status_t st = store_doc_new(s, &d);
    if (st == FOND_OK)
        st = store_doc_add_term(d, qterm, strlen(qterm));
    unsigned pos = 0;
    for (size_t i = start; i < end && st == FOND_OK;) {
        while (i < end && text_is_space(text[i]))
            i++;
        size_t n = 0;
        for (; i < end && !text_is_space(text[i]); i++)
            if (n < TERM_MAX)
                term[n++] = (char)(text[i] >= 'A' && text[i] <= 'Z'
                                       ? text[i] + ('a' - 'A') : text[i]);
        if (n > 0 && n < TERM_MAX)
            st = store_doc_add_posting(d, term, n, ++pos);
    }
    if (st == FOND_OK)
        st = store_doc_set_data(d, text + start, end - start);
    if (st == FOND_OK)
        st = store_doc_add(s, d);
    store_doc_free(d);
    return st;
}

/* A file's passages: every WORDS words, and the rest. */
static fond_status_t write_file(store_t *s, const bench_file_t *f,
                                size_t file, size_t *passages)
{
    const char *t = f->bytes;
    size_t i = 0, start = 0, words = 0, ordinal = 0;
    fond_status_t st = FOND_OK;
    while (st == FOND_OK) {
        while (i < f->len && text_is_space(t[i]))
            i++;
        if (i == f->len)
            break;
        if (words == 0)
            start = i;
        while (i < f->len && !text_is_space(t[i]))
            i++;
        if (++words == WORDS) {
            st = write_passage(s, t, start, i, file, ++ordinal);
            words = 0;
        }
    }
    if (st == FOND_OK && words > 0)
        st = write_passage(s, t, start, i, file, ++ordinal);
    *passages += ordinal;
    return st;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: bare-writer DB PATH...\n", stderr);
        return 2;
    }
    bench_files_t fs;
    store_t *s = NULL;
    char err[512];
    double t0 = bench_now();
    if (bench_files_collect(&fs, argv + 2, (size_t)(argc - 2), 0) != 0)
        return 2;
    if (store_open(&s, argv[1], 1, err, sizeof err) != FOND_OK) {
        fprintf(stderr, "bare-writer: %s\n", err);
        return 2;
    }
    size_t passages = 0, bytes = 0;
    fond_status_t st = FOND_OK;
    for (size_t i = 0; i < fs.n && st == FOND_OK; i++) {
        bench_file_t *f = &fs.files[i];
        if (bench_file_read(f) != 0)
            return 2;
        bytes += f->len;
        st = write_file(s, f, i, &passages);
        free(f->bytes);
        f->bytes = NULL;
        if (st == FOND_OK && (i + 1) % BATCH_FILES == 0)
            st = store_commit(s);
    }
    if (st != FOND_OK)
        fprintf(stderr, "bare-writer: %s\n", store_error(s));
    if (store_close(s) != FOND_OK && st == FOND_OK)
        st = FOND_ERR_XAPIAN;
    double t = bench_now() - t0;
    printf("%zu %zu %.4f %.2f %zu\n", fs.n, bytes, t, (double)bytes / 1e6 / t,
           passages);
    bench_files_free(&fs);
    return st == FOND_OK ? 0 : 1;
}
