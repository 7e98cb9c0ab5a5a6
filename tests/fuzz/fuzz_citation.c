/*
 * fuzz_citation.c -- libFuzzer target for the reference finders of
 * lib/citation.h, which read untrusted footnotes and header values:
 * citation_find_refs(), citation_find_archival(), citation_find_biblio()
 * and citation_looks_like_note() over the bytes exactly (no NUL after
 * them, so a read past the end is caught).  Checks: at most `max`
 * references, each within the text, their first units in order (a second
 * reference of one archive starts at the archive, before the first's
 * units), its start before its first unit, its file's end within it,
 * every field NUL-terminated within its size.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "citation.h"
#include "fuzz.h"

#define MAX_REFS 6

static void check_ref(const citation_ref_t *r, size_t len, size_t after)
{
    FUZZ_CHECK(r->start <= r->end && r->end <= len);
    FUZZ_CHECK(r->units_start >= r->start && r->units_start <= r->end);
    FUZZ_CHECK(r->units_start >= after);
    FUZZ_CHECK(r->file_end >= r->start && r->file_end <= r->end);
    FUZZ_CHECK(memchr(r->text, '\0', sizeof r->text) != NULL);
    FUZZ_CHECK(memchr(r->archive, '\0', sizeof r->archive) != NULL);
    FUZZ_CHECK(memchr(r->number, '\0', sizeof r->number) != NULL);
    for (int p = 0; p < CITATION_PARTS; p++)
        FUZZ_CHECK(memchr(r->part[p], '\0', sizeof r->part[p]) != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size ? size : 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    citation_ref_t refs[MAX_REFS];
    size_t n = citation_find_refs(s, size, refs, MAX_REFS);
    FUZZ_CHECK(n <= MAX_REFS);
    for (size_t i = 0, after = 0; i < n; i++) {
        check_ref(&refs[i], size, after);
        after = refs[i].units_start + 1;
    }
    citation_archival_t a;
    citation_biblio_t b;
    citation_find_archival(s, size, &a);
    citation_find_biblio(s, size, &b);
    citation_looks_like_note(s, size);
    free(s);
    return 0;
}
