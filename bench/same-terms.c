/*
 * same-terms.c -- a bench tool: the bare writer writing exactly the index
 * fond writes.  The documents of a fond database are copied into memory a
 * slice at a time, untimed, as the calls fond-index makes: words with
 * their positions in text order, other terms, data, values.  Then, timed,
 * each copy is built into a Xapian document term by term and added to a
 * new database through lib/store.h, committed every BATCH documents and
 * with the XAPIAN_FLUSH_THRESHOLD of the environment, as fond-index
 * writes.  The new database holds the same documents as the old (not its
 * user metadata and synonym table, a few small writes; fond-index writes
 * no spelling table, lib/schema.h).  The time is Xapian's alone for fond's
 * own index: what fond-index cannot go under while it writes it.
 * Prints "documents seconds".  Usage: same-terms FOND_DB NEW_DB [BATCH]
 */
#include <stdio.h>
#include <stdlib.h>

#include "files.h"
#include "store.h"

#define SLICE 500 /* documents copied, then written, at a time */

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
    /* A slice at a time, so that what the bench holds in memory stays as
     * small as fond-index's and Xapian's working set is what it is there. */
    size_t n = 0, got = 0;
    unsigned next = 1;
    double t = 0;
    fond_status_t st = FOND_OK;
    do {
        store_doc_t **docs = NULL;
        st = store_copy_documents(from, &next, SLICE, &docs, &got);
        if (st != FOND_OK) {
            fprintf(stderr, "same-terms: %s\n", store_error(from));
            break;
        }
        double t0 = bench_now();
        for (size_t i = 0; i < got && st == FOND_OK; i++, n++) {
            st = store_doc_add(to, docs[i]);
            if (st == FOND_OK && batch && (n + 1) % batch == 0)
                st = store_commit(to);
        }
        t += bench_now() - t0;
        if (st != FOND_OK)
            fprintf(stderr, "same-terms: %s\n", store_error(to));
        for (size_t i = 0; i < got; i++)
            store_doc_free(docs[i]);
        free(docs);
    } while (st == FOND_OK && got > 0);
    double t0 = bench_now();
    if (store_close(to) != FOND_OK && st == FOND_OK)
        st = FOND_ERR_XAPIAN;
    t += bench_now() - t0;
    printf("%zu %.4f\n", n, t);
    store_close(from);
    return st == FOND_OK ? 0 : 1;
}
