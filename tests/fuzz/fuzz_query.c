/*
 * fuzz_query.c -- libFuzzer target for the query parser (lib/query.h):
 * arbitrary bytes, made a NUL-terminated string, through query_parse()
 * with an analyzer for every language ingest_stemmers() names, then
 * query_can_loosen() and query_free().  query_build() needs a database and
 * is left out.  Checks: a malformed query fails with FOND_ERR_QUERY and a
 * one-line message, and leaves no query behind.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ingest.h"
#include "query.h"

static query_langs_t langs;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    size_t n;
    const char *const *names = ingest_stemmers(&n);
    for (size_t i = 0; i < n && i < QUERY_MAX_LANGUAGES; i++)
        FUZZ_CHECK(analyzer_new(&langs.analyzers[langs.n++], names[i]) ==
                   FOND_OK);
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
    } else {
        FUZZ_CHECK(st == FOND_ERR_QUERY || st == FOND_ERR_NOMEM);
        FUZZ_CHECK(q == NULL);
        FUZZ_CHECK(fuzz_one_line(err));
    }
    query_free(q);
    free(text);
    return 0;
}
