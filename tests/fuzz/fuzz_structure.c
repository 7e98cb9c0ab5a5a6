/*
 * fuzz_structure.c -- libFuzzer target for structure_read() (lib/
 * structure.h): the valid UTF-8 prefix of the bytes as a source's body.
 * Checks what structure.h promises: each field absent or a non-empty,
 * valid UTF-8 string no longer than the text (a heading over lines only
 * loses white space), a known type, a date of eight digits or none, and
 * nothing but these fields set.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "fuzz.h"
#include "structure.h"

static void check_field(const char *field, size_t len)
{
    if (!field)
        return;
    size_t n = strlen(field);
    FUZZ_CHECK(n > 0 && n <= len);
    FUZZ_CHECK(utf8_valid_prefix(field, n) == n);
}

static void read_checked(const char *text, size_t len)
{
    static const char *const types[] = {"telegram", "despatch", "letter",
                                        "note", "memorandum", "conversation",
                                        "report"};
    source_t s;
    if (structure_read(text, len, &s) != FOND_OK)
        return; /* out of memory: nothing kept */
    const char *fields[] = {s.title, s.from, s.to, s.place, s.archive_ref};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        check_field(fields[i], len);
    if (s.type) {
        int known = 0;
        for (size_t i = 0; i < sizeof types / sizeof *types; i++)
            known |= strcmp(s.type, types[i]) == 0;
        FUZZ_CHECK(known);
    }
    FUZZ_CHECK(s.date[0] == '\0' || strlen(s.date) == 8);
    for (size_t i = 0; s.date[i]; i++)
        FUZZ_CHECK(s.date[i] >= '0' && s.date[i] <= '9');
    FUZZ_CHECK(s.language == NULL && s.notes == NULL);
    source_free(&s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    size_t len = utf8_valid_prefix(text, size);
    read_checked(text, len);
    return 0;
}
