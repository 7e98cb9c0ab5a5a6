/*
 * snippet.h -- choosing and highlighting the fragments of a passage to show.
 *
 * The passage is re-read with the analyzer that indexed it (stemming only
 * the words that could stem to a searched stem); a word is highlighted, as
 * written, when its folded form is one the user searched for (or a variant
 * of one), its stem is the stem of one, or it starts with a wildcard's
 * prefix.  The fragment is the window of at most max_bytes with the most
 * distinct matched words, on word boundaries, its white space collapsed,
 * with "…" where it was cut.  When a long passage has a searched word far
 * from that window, a second fragment of half the size shows it, after
 * " … ".
 *
 * Each highlight's place in the passage is kept (a hit's word boxes are
 * found by it), and other ranges of the passage, marks (the words OCR was
 * unsure of), can be followed into the fragment.
 */
#ifndef FOND_SNIPPET_H
#define FOND_SNIPPET_H

#include <stddef.h>
#include "analyze.h"
#include "fond.h"

typedef struct {
    const char *const *words; /* folded query words, matched exactly */
    size_t n_words;
    const char *const *stems; /* stems of query words */
    size_t n_stems;
    const char *const *prefixes; /* folded wildcard prefixes ("treat") */
    size_t n_prefixes;
} snippet_terms_t;

typedef struct {
    char *text;         /* malloc'd, NUL-terminated */
    fond_span_t *spans; /* malloc'd highlight ranges within text */
    size_t n_spans;
    size_t *spans_at;   /* malloc'd: where each span starts in the passage
                           (its length is the same there) */
    size_t *marks_at;   /* malloc'd, one a mark given (snippet_make_marked):
                           where it starts in text, SIZE_MAX when the
                           fragment does not show it whole */
} snippet_t;

fond_status_t snippet_make(analyzer_t *a, const char *text, size_t len,
                           const snippet_terms_t *terms, size_t max_bytes,
                           snippet_t *out);

/* As snippet_make(), following marks[0, n_marks) too: ranges of the
 * passage, in order, none holding white space (it would be collapsed). */
fond_status_t snippet_make_marked(analyzer_t *a, const char *text, size_t len,
                                  const snippet_terms_t *terms,
                                  size_t max_bytes, const fond_span_t *marks,
                                  size_t n_marks, snippet_t *out);
void snippet_free(snippet_t *s);

#endif
