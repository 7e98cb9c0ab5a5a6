/*
 * same-terms.c -- a bench tool: the bare writer writing exactly the terms
 * fond writes.  Every document of a fond database (terms with their wdf and
 * positions, data, values) is first copied into memory, untimed; then the
 * copies are written into a new database through lib/store.h, with no
 * analysis and no spelling data, committed every BATCH documents and with
 * the XAPIAN_FLUSH_THRESHOLD of the environment, as fond-index writes.  The
 * time is Xapian's alone for fond's own index: what fond-index cannot go
 * under while it writes these terms.
 * Prints "documents seconds".  Usage: same-terms FOND_DB NEW_DB [BATCH]
 */
#include <stdio.h>
#include <stdlib.h>

#include "files.h"
#include "store.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: same-terms FOND_DB NEW_DB [BATCH]\n", stderr);
        return 2;
    }
    size_t batch = argc > 3 ? (size_t)atol(argv[3]) : 12000;
    store_t *from = NULL, *to = NULL;
    char err[512];
    if (store_open(&from, argv[1], 0, err, sizeof err) != FOND_OK ||
        store_open(&to, argv[2], 1, err, sizeof err) != FOND_OK) {
        fprintf(stderr, "same-terms: %s\n", err);
        return 2;
    }
    store_doc_t **docs = NULL;
    size_t n = 0;
    fond_status_t st = store_copy_documents(from, &docs, &n);
    if (st != FOND_OK) {
        fprintf(stderr, "same-terms: %s\n", store_error(from));
        return 2;
    }
    double t0 = bench_now();
    for (size_t i = 0; i < n && st == FOND_OK; i++) {
        st = store_doc_add(to, docs[i]);
        if (st == FOND_OK && batch && (i + 1) % batch == 0)
            st = store_commit(to);
    }
    if (st != FOND_OK)
        fprintf(stderr, "same-terms: %s\n", store_error(to));
    if (store_close(to) != FOND_OK && st == FOND_OK)
        st = FOND_ERR_XAPIAN;
    double t = bench_now() - t0;
    printf("%zu %.4f\n", n, t);
    for (size_t i = 0; i < n; i++)
        store_doc_free(docs[i]);
    free(docs);
    store_close(from);
    return st == FOND_OK ? 0 : 1;
}
