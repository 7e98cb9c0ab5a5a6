/*
 * fuzz_query.c -- libFuzzer target for the query parser (lib/query.h):
 * arbitrary bytes, made a NUL-terminated string, through query_parse()
 * with an analyzer for every language language_stemmers() names, then
 * query_can_loosen() and query_free(); a query that parses is then run by
 * fond_db_search() over a small collection made at start (English, Russian
 * and Turkish passages, name variants), which builds it (word families,
 * forms, proximity, dates, fields), ranks it and cuts snippets.  Checks: a
 * malformed query fails with FOND_ERR_QUERY and a one-line message, and
 * leaves no query behind; a query that parses searches without error.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fond.h"
#include "fuzz.h"
#include "language.h"
#include "query.h"

static query_langs_t langs;
static fond_db_t *db;
static char dir[] = "/tmp/fuzz_queryXXXXXX";

static const char *const sample[][2] = {
    {"kars.txt", "Title: Treaty of Kars\nDate: 1921-10-13\n\n"
     "The Turkish government and the Azerbaijani and Armenian Soviet Republics "
     "reached agreement that the Nakhichevan province should be an autonomous "
     "territory under the protection of Azerbaijan.  The autonomy to be granted "
     "to Nakhichevan was discussed in Tiflis on 26 September 1921.\n"},
    {"ru.txt", "Language: russian\n\nНовый договор был подписан в Карсе. "
     "Войны не будет; большой город стоит у реки.\n"},
    {"tr.txt", "Language: turkish\n\nKars Antlaşması imzalandı; "
     "Naxçıvan özerk bir bölge oldu.\n"},
};

static void remove_db(void)
{
    fond_db_close(db);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz_query: could not remove %s\n", dir);
}

/* The collection the queries run against, with a name-variants group. */
static void make_db(void)
{
    FUZZ_CHECK(mkdtemp(dir) != NULL);
    char path[96];
    snprintf(path, sizeof path, "%s/db", dir);
    FUZZ_CHECK(fond_db_open(&db, path, FOND_DB_WRITE, NULL) == FOND_OK);
    atexit(remove_db);
    for (size_t i = 0; i < sizeof sample / sizeof *sample; i++)
        FUZZ_CHECK(fond_db_index_text(db, sample[i][0], NULL, sample[i][1],
                                      strlen(sample[i][1]), NULL) == FOND_OK);
    snprintf(path, sizeof path, "%s/variants.txt", dir);
    FILE *f = fopen(path, "w");
    FUZZ_CHECK(f != NULL);
    fputs("Nakhichevan Nakhchivan Naxçıvan\nTiflis Tbilisi\n", f);
    fclose(f);
    size_t groups = 0;
    FUZZ_CHECK(fond_db_load_variants(db, path, &groups) == FOND_OK);
    FUZZ_CHECK(fond_db_commit(db) == FOND_OK);
}

/* A query that parses builds, ranks and cuts snippets without error. */
static void search(const char *text)
{
    fond_results_t *r = NULL;
    fond_search_opts_t opts = {.limit = 10};
    fond_status_t st = fond_db_search(db, text, &opts, &r);
    if (st != FOND_OK)
        fprintf(stderr, "%s: %s\n", fond_status_str(st), fond_db_error(db));
    FUZZ_CHECK(st == FOND_OK || st == FOND_ERR_NOMEM);
    FUZZ_CHECK(st != FOND_OK || fond_results_count(r) <= 10);
    fond_results_free(r);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    size_t n;
    const char *const *names = language_stemmers(&n);
    for (size_t i = 0; i < n && i < QUERY_MAX_LANGUAGES; i++)
        FUZZ_CHECK(analyzer_new(&langs.analyzers[langs.n++], names[i]) ==
                   FOND_OK);
    make_db();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    query_t *q = NULL;
    char err[256] = "";
    fond_status_t st = query_parse(&q, &langs, text, err, sizeof err);
    if (st == FOND_OK) {
        FUZZ_CHECK(q != NULL);
        query_can_loosen(q);
        search(text);
    } else {
        FUZZ_CHECK(st == FOND_ERR_QUERY || st == FOND_ERR_NOMEM);
        FUZZ_CHECK(q == NULL);
        FUZZ_CHECK(fuzz_one_line(err));
    }
    query_free(q);
    free(text);
    return 0;
}
