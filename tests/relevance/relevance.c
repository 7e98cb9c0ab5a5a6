/*
 * relevance.c -- how well fond ranks: for each query of a TSV file (query,
 * TAB, a snippet of the passage that answers it), the rank of the first hit
 * whose text holds the snippet (white space collapsed).  Prints each query's
 * rank, then MRR@10 and hits@1, and exits 1 if either is below the minimum
 * given.  Usage: relevance DB QUERIES.tsv MIN_MRR MIN_HITS1
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fond.h"

#define TOP 10

/* Collapse runs of white space to one space, in place. */
static void collapse(char *s)
{
    char *out = s;
    int pending = 0;
    for (const char *p = s; *p; p++) {
        if (strchr(" \t\r\n", *p)) {
            pending = out != s; /* none before the first word */
            continue;
        }
        if (pending)
            *out++ = ' ';
        pending = 0;
        *out++ = *p;
    }
    *out = '\0';
}

/* The 1-based rank of the first of the top hits holding `answer`; 0 if
 * none does. */
static int rank_of(fond_db_t *db, const char *query, const char *answer)
{
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    o.limit = TOP;
    fond_results_t *r = NULL;
    if (fond_db_search(db, query, &o, &r) != FOND_OK) {
        fprintf(stderr, "relevance: %s: %s\n", query, fond_db_error(db));
        return -1;
    }
    int rank = 0;
    for (size_t i = 0; i < fond_results_count(r) && !rank; i++) {
        char *text = strdup(fond_results_hit(r, i)->text);
        collapse(text);
        if (strstr(text, answer))
            rank = (int)i + 1;
        free(text);
    }
    fond_results_free(r);
    return rank;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fputs("usage: relevance DB QUERIES.tsv MIN_MRR MIN_HITS1\n", stderr);
        return 2;
    }
    fond_db_t *db = NULL;
    fond_error_t err;
    FILE *f = fopen(argv[2], "r");
    if (!f || fond_db_open(&db, argv[1], FOND_DB_READ, &err) != FOND_OK) {
        fprintf(stderr, "relevance: cannot open %s or %s\n", argv[1], argv[2]);
        return 2;
    }
    char line[4096];
    int n = 0, hits1 = 0, failed = 0;
    double rr = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab)
            continue;
        *tab = '\0';
        collapse(tab + 1);
        int rank = rank_of(db, line, tab + 1);
        failed |= rank < 0;
        if (rank > 0)
            printf("%2d\t%s\n", rank, line);
        else
            printf("--\t%s\n", line);
        n++;
        hits1 += rank == 1;
        rr += rank > 0 ? 1.0 / rank : 0;
    }
    fclose(f);
    fond_db_close(db);
    double mrr = n ? rr / n : 0, h1 = n ? (double)hits1 / n : 0;
    printf("queries: %d\nMRR@10: %.4f\nhits@1: %.4f (%d of %d)\n", n, mrr, h1,
           hits1, n);
    double min_mrr = atof(argv[3]), min_h1 = atof(argv[4]);
    if (failed || n == 0 || mrr < min_mrr || h1 < min_h1) {
        fprintf(stderr, "relevance: below the minimum (MRR@10 %.3f, hits@1 "
                "%.3f)\n", min_mrr, min_h1);
        return 1;
    }
    return 0;
}
