/*
 * passage.h -- cutting a source's text into passages.
 *
 * A passage is a run of whole sentences, aiming at PASSAGE_TARGET_BYTES and
 * never longer than FOND_PASSAGE_MAX_BYTES; a sentence longer than that is
 * cut at the last space (or, with none, the last UTF-8 character boundary)
 * that fits.  The spans tile the text exactly: the first starts at 0, each
 * starts where the one before ended, the last ends at len, so together they
 * cover the whole source.  A span holding only white space is merged into
 * its neighbour, so no passage is empty.
 *
 * A sentence ends at '.', '!' or '?', optionally followed by closing quotes
 * or brackets and a footnote number of up to three digits, then white space
 * and a capital letter, an opening quote or a digit.  A '.' after an
 * abbreviation does not end a sentence: a single capital letter ("M. D.
 * Huseynov", "B. Legran", "T. IV"), or a known abbreviation ("p.", "Mr.",
 * "St.", "vol.", "cf.", ...).
 */
#ifndef FOND_PASSAGE_H
#define FOND_PASSAGE_H

#include <stddef.h>
#include "fond.h"

#define PASSAGE_TARGET_BYTES 600

typedef struct {
    size_t start; /* byte range [start, end) of the text */
    size_t end;
} passage_span_t;

/*
 * Cut text[0, len) into passages.  *out is a malloc'd array of *n spans the
 * caller frees with free(); for text that is empty or all white space, *n is
 * 0 and *out is NULL.
 */
fond_status_t passage_split(const char *text, size_t len,
                            passage_span_t **out, size_t *n);

#endif
