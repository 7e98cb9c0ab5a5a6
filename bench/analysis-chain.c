/*
 * analysis-chain.c -- a bench tool: the ceiling of fond's indexing design,
 * everything it does to a file before Xapian sees a term.  Each file is read
 * into memory first (not timed); then, timed, lib/ingest.h's ingest_bytes
 * (decode, header, repair, notes, dates, passages) and, for each passage,
 * the analysis index.c gives it (analyze_terms over its text, its notes and
 * its source's title, sender, recipient and place: folded words, and the
 * Snowball stems of the words that can be irregular).  No collection vocabulary: repair knows the source's own
 * words only.  Prints one line: "files bytes seconds MB/s passages words"
 * (MB = 10^6 bytes), best of RUNS passes.
 * Usage: analysis-chain [-r RUNS] PATH...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyze.h"
#include "files.h"
#include "ingest.h"

#define MAX_LANGUAGES 8

typedef struct {
    analyzer_t *english; /* repair's vocabulary, as db.c uses it */
    analyzer_t *by_language[MAX_LANGUAGES];
    const char *names[MAX_LANGUAGES];
    size_t n_languages;
    size_t passages, words;
} chain_t;

static int count_word(void *ctx, const analyze_token_t *t)
{
    chain_t *c = ctx;
    c->words += t->word_len > 0;
    return 0;
}

static analyzer_t *analyzer_for(chain_t *c, const char *language)
{
    for (size_t i = 0; i < c->n_languages; i++)
        if (strcmp(c->names[i], language) == 0)
            return c->by_language[i];
    analyzer_t *a = NULL;
    if (c->n_languages == MAX_LANGUAGES || analyzer_new(&a, language) != FOND_OK)
        return c->english;
    c->names[c->n_languages] = language;
    c->by_language[c->n_languages++] = a;
    return a;
}

static void analyze_field(chain_t *c, analyzer_t *a, const char *value)
{
    if (value && *value)
        analyze_terms(a, value, strlen(value), count_word, c);
}

/* One file through the whole chain; -1 if it is not indexable. */
static int run_file(chain_t *c, const bench_file_t *f)
{
    ingest_t in;
    char why[256] = "";
    fond_status_t st = ingest_bytes(&in, f->bytes, f->len, NULL, c->english, NULL,
                                    NULL, why, sizeof why);
    if (st != FOND_OK) {
        fprintf(stderr, "%s: %s\n", f->path, why);
        ingest_free(&in);
        return -1;
    }
    analyzer_t *a = analyzer_for(c, in.language);
    const source_t *h = &in.header;
    for (size_t i = 0; i < in.n_passages; i++) {
        const ingest_passage_t *p = &in.passages[i];
        analyze_terms(a, in.body.text + p->start, p->end - p->start,
                      count_word, c);
        for (size_t k = 0; k < p->n_notes; k++)
            analyze_field(c, a, p->notes[k]->text);
        analyze_field(c, a, h->title);
        analyze_field(c, a, h->from);
        analyze_field(c, a, h->to);
        analyze_field(c, a, h->place);
        c->passages++;
    }
    ingest_free(&in);
    return 0;
}

int main(int argc, char **argv)
{
    int runs = 1, opt;
    while ((opt = getopt(argc, argv, "r:")) != -1) {
        if (opt != 'r' || (runs = atoi(optarg)) < 1) {
            fputs("usage: analysis-chain [-r RUNS] PATH...\n", stderr);
            return 2;
        }
    }
    if (optind == argc) {
        fputs("usage: analysis-chain [-r RUNS] PATH...\n", stderr);
        return 2;
    }
    bench_files_t fs;
    chain_t c = {0};
    if (bench_files_collect(&fs, argv + optind, (size_t)(argc - optind), 1) != 0 ||
        analyzer_new(&c.english, "english") != FOND_OK)
        return 2;
    double best = 0;
    int failed = 0;
    for (int r = 0; r < runs; r++) {
        c.passages = c.words = 0;
        double t0 = bench_now();
        for (size_t i = 0; i < fs.n; i++)
            failed += run_file(&c, &fs.files[i]) != 0;
        double t = bench_now() - t0;
        if (r == 0 || t < best)
            best = t;
    }
    printf("%zu %zu %.4f %.2f %zu %zu\n", fs.n, fs.total, best,
           (double)fs.total / 1e6 / best, c.passages, c.words);
    for (size_t i = 0; i < c.n_languages; i++)
        analyzer_free(c.by_language[i]);
    analyzer_free(c.english);
    bench_files_free(&fs);
    return failed ? 1 : 0;
}
