/*
 * repair.h -- undoing the damage of PDF text extraction, with a map back to
 * the text as it was.
 *
 * What it mends, line by line, deciding from evidence rather than lists:
 *   - Lines holding only a page or footnote number, next to a blank line or
 *     another such line, are dropped.
 *   - Footnote text stranded in the flow (a line after a blank line that
 *     looks like a citation: citation_looks_like_note) is taken out and kept
 *     as a note; it belongs to the last footnote marker before it.
 *   - Footnote markers glued to a word or punctuation ("conference.1",
 *     "Moscow".3") are removed from the text and kept as markers, told from
 *     numbers that belong to the text by the rule that a document's markers
 *     run in increasing order: a glued number is a marker only if it is the
 *     next one expected (or skips at most two).  A glued number at a line's
 *     end that is not a marker is a stray page number ("confer19"): dropped,
 *     and the word may go on on the next line.
 *   - A word broken at a line end ("Azer-" ... "baijan", "Pa-" / " sha") is
 *     joined when the joined word is known (the vocabulary below); else the
 *     hyphen stays when the second half starts with a capital
 *     ("Turkey-South") or either half is a known word of its own, not a
 *     stopword ("eight-point"); otherwise the halves are joined.
 *   - Markers in the other forms editions print them are told by the same
 *     sequence: superscript digits ("Kars¹", "Legation.²"; not a power,
 *     "km²"), and "[N]" (glued to a word, as the source format has them,
 *     "Kars.[2][1]", whatever its number; after a space only as the very
 *     next, never after a number and a space).  A marker glued to a number is taken out only as the very
 *     next one ("Your 5860²", "in 1917,2", "1917[3]"); otherwise it stays
 *     a number of the text.  Editorial brackets stay text: "7 [4] p.m."
 *     (a figure after a number and a space), "[$]5,000,000" (a number's
 *     first group), "[sic]", "[Enclosure]".
 *   - Text is never lost: a numbered line taken for stranded note text
 *     whose number no marker before it named ("1. The frontier ..." of a
 *     decree) is given back to the text; an unnumbered one with no marker
 *     before it is kept as note 0, where it stood (repair_note_t.offset).
 *   - Words run together by a lost hyphen ("midSeptember") are split at the
 *     case change, with the hyphen restored.
 *   - Lines are joined with a space; a blank line after a sentence's end is
 *     a paragraph break ("\n\n"), elsewhere a column or page break (a space).
 *
 * The vocabulary is the source's own words (and their stems) plus whatever
 * the caller's lookup knows (the collection already indexed).
 */
#ifndef FOND_REPAIR_H
#define FOND_REPAIR_H

#include <stddef.h>
#include "analyze.h"
#include "fond.h"

/* Is this folded word (or, with is_stem, this stem) known to the
 * collection?  May be NULL. */
typedef int (*repair_known_fn)(void *ctx, const char *word, int is_stem);

typedef struct {
    size_t clean; /* from this offset in the repaired text ... */
    size_t raw;   /* ... the text came from this offset in the original */
} repair_anchor_t;

typedef struct {
    unsigned number; /* footnote number */
    size_t offset;   /* where the marker stood, in the repaired text */
} repair_marker_t;

typedef struct {
    unsigned number;  /* the marker it belongs to; 0 if none came before */
    char *text;       /* malloc'd, trimmed */
    size_t raw_start; /* where it stood in the original */
    size_t raw_end;
    size_t offset;    /* ... and in the repaired text */
} repair_note_t;

/* The highest footnote marker number (three digits). */
#define REPAIR_MARKER_MAX 999

typedef struct {
    char *text; /* the repaired text, malloc'd, NUL-terminated */
    size_t len;
    repair_anchor_t *anchors; /* increasing in both offsets */
    size_t n_anchors;
    repair_marker_t *markers; /* in text order */
    size_t n_markers;
    repair_note_t *notes;     /* in text order */
    size_t n_notes;
} repair_t;

/*
 * Repair raw[0, len) (valid UTF-8).  `a` analyzes words for the
 * vocabulary; `known` and `ctx` extend it (may be NULL).  Free the result
 * with repair_free().
 */
fond_status_t repair_text(const char *raw, size_t len, analyzer_t *a,
                          repair_known_fn known, void *ctx, repair_t *out);
void repair_free(repair_t *r);

/* As repair_text, for a text whose notes start at number first_marker:
 * its first marker may be that number (an extract of a longer edition)
 * as well as 1 (the notes at its end are the last of many); repair_text
 * expects 1 alone. */
fond_status_t repair_text_from(const char *raw, size_t len, analyzer_t *a,
                               repair_known_fn known, void *ctx,
                               unsigned first_marker, repair_t *out);

/* The offset in the original text that repaired offset `clean` came from. */
size_t repair_raw_offset(const repair_t *r, size_t clean);

/* The other way: where the byte at original offset `raw` went in the
 * repaired text, into *clean: 1; 0 when it went nowhere (a page number's
 * line dropped, a note taken out, a marker removed; before the first
 * anchor).  The anchors say which run of the repaired text a raw offset
 * falls in; a run may end in bytes repair wrote itself (the space that
 * joins two lines), so the caller checks that the byte there is the one
 * it had. */
int repair_clean_offset(const repair_t *r, size_t raw, size_t *clean);

#endif
