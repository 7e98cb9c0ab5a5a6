/*
 * latency.c -- a bench tool: fond's search latency in process, through the
 * public C API (fond.h) alone.  Opens the database once, then runs each
 * query of QUERIES (lines "kind<TAB>query"; '#' lines are comments) once
 * untimed and RUNS times timed, as fond-search does: fond_db_search() for
 * the first page of 10 (snippets included), then fond_results_free().
 * Prints, in milliseconds, the median and the 99th percentile over all the
 * timed searches ("all"), then over the searches of each kind:
 *   KIND COUNT MEDIAN_MS P99_MS
 * Usage: latency DB QUERIES RUNS
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files.h"
#include "fond.h"

#define MAX_QUERIES 1000

typedef struct {
    char kind[32];
    char text[512];
} query_t;

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The q-quantile of v[0, n) (sorted in place), nearest rank. */
static double quantile(double *v, size_t n, double q)
{
    qsort(v, n, sizeof *v, by_value);
    size_t rank = (size_t)(q * (double)n + 0.999999);
    return v[(rank ? rank : 1) - 1];
}

static size_t read_queries(const char *path, query_t *out)
{
    FILE *f = fopen(path, "r");
    char line[600];
    size_t n = 0;
    while (f && n < MAX_QUERIES && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab)
            continue;
        *tab = '\0';
        size_t klen = strlen(line), qlen = strlen(tab + 1);
        if (klen >= sizeof out[n].kind || qlen >= sizeof out[n].text)
            continue; /* too long for a bench query */
        memcpy(out[n].kind, line, klen + 1);
        memcpy(out[n].text, tab + 1, qlen + 1);
        n++;
    }
    if (f)
        fclose(f);
    return n;
}

/* One search, timed; -1 on failure. */
static double search_ms(fond_db_t *db, const char *query)
{
    fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
    fond_results_t *r = NULL;
    double t0 = bench_now();
    fond_status_t st = fond_db_search(db, query, &o, &r);
    fond_results_free(r);
    double t = (bench_now() - t0) * 1e3;
    if (st != FOND_OK) {
        fprintf(stderr, "latency: %s: %s\n", query, fond_db_error(db));
        return -1;
    }
    return t;
}

int main(int argc, char **argv)
{
    static query_t queries[MAX_QUERIES];
    int runs = argc == 4 ? atoi(argv[3]) : 0;
    size_t n = argc == 4 ? read_queries(argv[2], queries) : 0;
    if (runs < 1 || n == 0) {
        fputs("usage: latency DB QUERIES RUNS (QUERIES: kind<TAB>query lines)\n",
              stderr);
        return 2;
    }
    fond_db_t *db = NULL;
    fond_error_t err;
    if (fond_db_open(&db, argv[1], FOND_DB_READ, &err) != FOND_OK) {
        fprintf(stderr, "latency: %s\n", err.message);
        return 2;
    }
    size_t total = n * (size_t)runs;
    double *samples = malloc(total * sizeof *samples); /* [run * n + query] */
    double *some = malloc(total * sizeof *some);
    if (!samples || !some)
        return 2;
    for (size_t q = 0; q < n; q++) /* warm: the first search reads the most */
        if (search_ms(db, queries[q].text) < 0)
            return 1;
    for (int r = 0; r < runs; r++)
        for (size_t q = 0; q < n; q++)
            if ((samples[(size_t)r * n + q] = search_ms(db, queries[q].text)) < 0)
                return 1;
    memcpy(some, samples, total * sizeof *some);
    double p99 = quantile(some, total, 0.99);
    printf("all %zu %.3f %.3f\n", total, quantile(some, total, 0.5), p99);
    /* Per kind, in the order the kinds first appear. */
    for (size_t q = 0; q < n; q++) {
        size_t first = 0;
        while (strcmp(queries[first].kind, queries[q].kind) != 0)
            first++;
        if (first != q)
            continue; /* this kind was printed already */
        size_t m = 0;
        for (size_t i = 0; i < total; i++)
            if (strcmp(queries[i % n].kind, queries[q].kind) == 0)
                some[m++] = samples[i];
        p99 = quantile(some, m, 0.99);
        printf("%s %zu %.3f %.3f\n", queries[q].kind, m,
               quantile(some, m, 0.5), p99);
    }
    free(samples);
    free(some);
    fond_db_close(db);
    return 0;
}
