/*
 * decode.h -- turning a file's bytes into valid UTF-8.
 *
 * The encoding is chosen, in this order, by: a byte-order mark (UTF-8,
 * UTF-16LE/BE); an "Encoding:" line in the file's header block (see the
 * source format in docs/sources.md); the bytes being valid UTF-8; detection among
 * the legacy encodings an archive meets (Windows-1251, KOI8-R,
 * ISO-8859-9/Windows-1254, ISO-8859-1/Windows-1252).  Conversion is by
 * iconv.  Bytes that are invalid in the chosen encoding become U+FFFD and
 * are counted, never dropped silently.
 */
#ifndef FOND_DECODE_H
#define FOND_DECODE_H

#include <stddef.h>
#include "fond.h"

typedef struct {
    char encoding[64];    /* what it was read as, upper case: "UTF-8",
                             "UTF-16LE", "WINDOWS-1251", "KOI8-R", ... */
    const char *how;      /* "bom", "declared", "valid", "detected", or
                             "overruled": declared, but the text is valid
                             UTF-8 and not in the declared one (static) */
    char declared[64];    /* with "overruled": what the header said */
    size_t replaced;      /* invalid sequences replaced with U+FFFD */
} decode_info_t;

/*
 * Decode bytes[0, len).  On success *out is malloc'd valid UTF-8,
 * NUL-terminated, without a BOM, *out_len its length; the caller frees it.
 * Fails, with a one-line reason in err, with FOND_ERR_BINARY (binary data:
 * NUL bytes outside UTF-16, or mostly control bytes), FOND_ERR_ARG (the
 * Encoding header names an encoding iconv does not know), FOND_ERR_NOMEM.
 */
fond_status_t decode_text(const char *bytes, size_t len, char **out,
                          size_t *out_len, decode_info_t *info, char *err,
                          size_t errsize);

/*
 * As decode_text(), with the encoding the bytes are declared in given
 * rather than read from an Encoding header (a MIME part's charset, which
 * its own bytes do not repeat): `charset` NULL reads the header as
 * decode_text() does; "" declares nothing (BOM, valid UTF-8, detection).
 * A declared name iconv does not know fails with FOND_ERR_ARG.
 */
fond_status_t decode_text_as(const char *bytes, size_t len,
                             const char *charset, char **out, size_t *out_len,
                             decode_info_t *info, char *err, size_t errsize);

#endif
