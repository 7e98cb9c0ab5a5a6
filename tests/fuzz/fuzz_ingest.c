/*
 * fuzz_ingest.c -- libFuzzer target for ingest_bytes() (lib/ingest.h): the
 * bytes as a file, decoded, its header and Notes read, its body repaired
 * (PDF damage, stranded notes, glued markers), its dates found and cut
 * into passages, as fond-index does with an English analyzer and a small
 * stand-in for the collection's vocabulary.  Checks what the headers
 * promise of the result: valid UTF-8, passages in order inside the body,
 * none longer than FOND_PASSAGE_MAX_BYTES, each with its way back into
 * the decoded file.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ingest.h"

static analyzer_t *english;

/* What "the collection" knows, for repair's joins of broken words. */
static int known(void *ctx, const char *word, int is_stem)
{
    static const char *const words[] = {"azerbaijan", "conference",
                                        "nakhichevan", "treaty", "confer"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(word, words[i]) == 0)
            return 1;
    return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    FUZZ_CHECK(analyzer_new(&english, "english") == FOND_OK);
    return 0;
}

static void check_passage(const ingest_t *in, size_t i)
{
    const ingest_passage_t *p = &in->passages[i];
    FUZZ_CHECK(p->ordinal == i + 1);
    FUZZ_CHECK(p->start <= p->end && p->end <= in->body.len);
    FUZZ_CHECK(i == 0 || in->passages[i - 1].end <= p->start);
    FUZZ_CHECK(p->end - p->start <= FOND_PASSAGE_MAX_BYTES);
    FUZZ_CHECK(utf8_valid_prefix(in->body.text + p->start, p->end - p->start) ==
               p->end - p->start);
    FUZZ_CHECK(p->raw_start <= p->raw_end && p->raw_end <= in->decoded_len);
    FUZZ_CHECK(p->n_notes <= in->n_notes);
    FUZZ_CHECK(p->n_dates == 0 ||
               (p->dates >= in->dates &&
                p->dates + p->n_dates <= in->dates + in->n_dates));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ingest_t in;
    char err[256] = "";
    fond_status_t st = ingest_bytes(&in, (const char *)data, size, NULL, english,
                                    known, NULL, err, sizeof err);
    if (st == FOND_OK) {
        FUZZ_CHECK(in.language != NULL);
        FUZZ_CHECK(in.header.body_start <= in.header.body_end &&
                   in.header.body_end <= in.decoded_len);
        FUZZ_CHECK(utf8_valid_prefix(in.body.text, in.body.len) ==
                   in.body.len);
        for (size_t i = 0; i < in.n_passages; i++)
            check_passage(&in, i);
    } else {
        FUZZ_CHECK(st == FOND_ERR_BINARY || st == FOND_ERR_ARG ||
                   st == FOND_ERR_NOMEM);
        FUZZ_CHECK(fuzz_one_line(err));
    }
    ingest_free(&in);
    return 0;
}
