/*
 * fuzz_decode.c -- libFuzzer target for decode_text() (lib/decode.h): the
 * bytes as a whole file, then the bytes after the first behind an
 * "Encoding:" header that the first byte picks (or none), so the declared,
 * overruled and detected paths all see the same text.  Checks what
 * decode.h promises: valid UTF-8, NUL-terminated, with the encoding and how
 * it was chosen; or one of its failures with a one-line reason.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "decode.h"
#include "fuzz.h"

static void decode(const char *bytes, size_t len)
{
    char *out = NULL, err[256] = "";
    size_t out_len = 0;
    decode_info_t info;
    fond_status_t st = decode_text(bytes, len, &out, &out_len, &info, err,
                                   sizeof err);
    if (st == FOND_OK) {
        FUZZ_CHECK(out != NULL && out[out_len] == '\0');
        FUZZ_CHECK(utf8_valid_prefix(out, out_len) == out_len);
        FUZZ_CHECK(info.encoding[0] != '\0' && info.how != NULL);
    } else {
        FUZZ_CHECK(st == FOND_ERR_BINARY || st == FOND_ERR_ARG ||
                   st == FOND_ERR_NOMEM);
        FUZZ_CHECK(out == NULL && fuzz_one_line(err));
    }
    free(out);
}

/* The encodings an archive's headers name, and one iconv does not know. */
static const char *const declared[] = {
    "UTF-8", "windows-1251", "koi8-r", "iso-8859-9", "windows-1252",
    "UTF-16LE", "UTF-16BE", "x-no-such-encoding",
};
#define N_DECLARED (sizeof declared / sizeof *declared)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    decode((const char *)data, size);
    size_t pick = size ? data[0] % (N_DECLARED + 1) : N_DECLARED;
    if (pick == N_DECLARED)
        return 0;
    char header[64];
    int n = snprintf(header, sizeof header, "Encoding: %s\n\n",
                     declared[pick]);
    char *file = malloc((size_t)n + size - 1);
    if (!file)
        return 0;
    memcpy(file, header, (size_t)n);
    memcpy(file + n, data + 1, size - 1);
    decode(file, (size_t)n + size - 1);
    free(file);
    return 0;
}
