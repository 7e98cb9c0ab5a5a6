/*
 * textout.h -- text written out of a marked-up document (HTML, DOCX, ODT):
 * runs of white space collapsed to one space, lines and paragraphs ended
 * where the markup's blocks end (a paragraph: one blank line), never more
 * than one blank line, none at the start, under a bound on its length,
 * valid UTF-8 (a byte that is not, which a parser let through from a page
 * in an encoding it does not know, is U+FFFD).
 * The readers walk their tree and say what they meet; this says how it
 * becomes text, once for all of them.
 */
#ifndef FOND_TEXTOUT_H
#define FOND_TEXTOUT_H

#include <stddef.h>

typedef struct {
    char *s;        /* NUL-terminated, malloc'd (NULL until the first put) */
    size_t len, cap;
    size_t limit;   /* the most bytes it takes (0: EXTRACT_MAX_TEXT) */
    int space;      /* a space is owed before the next word */
    int breaks;     /* newlines that end it (2 at the start: nothing owed) */
    int failed;     /* out of memory */
    int full;       /* the limit was met: what came after is left out */
} textout_t;

#define TEXTOUT_INIT {NULL, 0, 0, 0, 0, 2, 0, 0}

/* Words: s[0, n), its white space collapsed (keep: as it is, for <pre>). */
void textout_words(textout_t *t, const char *s, size_t n, int keep);
/* A separator within a line (a tab between a table's cells). */
void textout_tab(textout_t *t);
/* End the line (1) or the paragraph (2): the text ends with that many
 * newlines, unless it is empty. */
void textout_break(textout_t *t, int lines);
/* s as it is, after the text (a marker "[3]", a Notes section). */
void textout_raw(textout_t *t, const char *s, size_t n);
/* The text, its trailing white space cut, handed to *out (NUL-terminated);
 * -1 when out of memory (t is freed either way). */
int textout_take(textout_t *t, char **out, size_t *len);
void textout_free(textout_t *t);

/* s (NULL: none) with its white space collapsed and trimmed, a field's
 * value, into *out (malloc'd; NULL when it has no word); -1 when out of
 * memory. */
int textout_collapsed(const char *s, char **out);

#endif
