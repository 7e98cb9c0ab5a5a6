/*
 * passage.c -- cutting a source's text into passages of whole sentences
 * (see passage.h for the rules).
 *
 * One pass finds the sentence ends; a second gathers sentences into
 * passages of about PASSAGE_TARGET_BYTES, never more than
 * FOND_PASSAGE_MAX_BYTES, cutting an over-long sentence at a space.
 */
#include "array.h"
#include "passage.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Words whose full stop is an abbreviation's, not a sentence's end. */
static const char *const abbreviations[] = {
    "art", "cf", "co", "dr", "ed", "eds", "etc", "ibid", "jr", "mr", "mrs",
    "ms", "no", "nos", "op", "p", "pp", "prof", "sr", "st", "vol", "vols",
    "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "gen", "col", "lt", "capt"};

static int is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }

/* Closing quote or bracket at s[i]: its length in bytes, or 0. */
static size_t closer_at(const char *s, size_t i, size_t len)
{
    static const char *const closers[] = {"\"", "'", ")", "]",
                                          "\xE2\x80\x9D", /* ” */
                                          "\xE2\x80\x99", /* ’ */
                                          "\xC2\xBB"};    /* » */
    for (size_t k = 0; k < sizeof closers / sizeof *closers; k++) {
        size_t n = strlen(closers[k]);
        if (i + n <= len && memcmp(s + i, closers[k], n) == 0)
            return n;
    }
    return 0;
}

/* Can a sentence start at s[i]?  A capital (ASCII, or any letter of a
 * script with capitals: Latin-1 to Cyrillic capitals by their first
 * bytes), an opening quote, or a digit. */
static int starts_sentence(const char *s, size_t i, size_t len)
{
    unsigned char c = (unsigned char)s[i];
    if (is_upper_ascii((char)c) || text_is_digit((char)c) || c == '"' || c == '\'')
        return 1;
    if (i + 1 >= len)
        return 0;
    unsigned char d = (unsigned char)s[i + 1];
    if (c == 0xE2 && d == 0x80) /* “ ‘ */
        return 1;
    if (c == 0xC2 && d == 0xAB) /* « */
        return 1;
    if (c == 0xC3 && d >= 0x80 && d <= 0x9E) /* À-Þ */
        return 1;
    if ((c == 0xD0 && d >= 0x80 && d <= 0xAF) || c == 0xC4 || c == 0xC5)
        return 1; /* Ё-Я, and Latin Extended-A (İ Ş Ğ ...) */
    return 0;
}

/* The word before the full stop at s[dot]: its start. */
static size_t word_start(const char *s, size_t dot)
{
    size_t k = dot;
    while (k > 0 && !text_is_space(s[k - 1]) && s[k - 1] != '(' && s[k - 1] != '.')
        k--;
    return k;
}

static int is_abbreviation(const char *s, size_t dot)
{
    size_t start = word_start(s, dot), n = dot - start;
    if (n == 1 && is_upper_ascii(s[start]))
        return 1; /* an initial: "M. D. Huseynov", "T. IV" */
    for (size_t i = 0; i < sizeof abbreviations / sizeof *abbreviations; i++)
        if (strlen(abbreviations[i]) == n &&
            strncasecmp(abbreviations[i], s + start, n) == 0)
            return 1;
    return 0;
}

/* If a sentence ends at the terminator s[i], where the next one starts;
 * else 0. */
static size_t sentence_end(const char *s, size_t i, size_t len)
{
    char c = s[i];
    if ((c != '.' && c != '!' && c != '?') || (c == '.' && is_abbreviation(s, i)))
        return 0;
    size_t k = i + 1, n;
    while (k < len && (n = closer_at(s, k, len)) > 0)
        k += n;
    size_t digits = 0;
    while (k < len && text_is_digit(s[k]) && digits < 4)
        k++, digits++;
    if (digits > 3 || k >= len || !text_is_space(s[k]))
        return 0;
    while (k < len && text_is_space(s[k]))
        k++;
    return k < len && starts_sentence(s, k, len) ? k : 0;
}

/* ------------------------------------------------------------ gathering */

typedef struct {
    passage_span_t *spans;
    size_t n, cap;
} spans_t;

static int spans_push(spans_t *sp, size_t start, size_t end)
{
    if (array_reserve(&sp->spans, &sp->cap, sp->n + 1, sizeof *sp->spans, 16))
        return -1;
    sp->spans[sp->n++] = (passage_span_t){start, end};
    return 0;
}

static int all_space(const char *s, size_t start, size_t end)
{
    for (size_t i = start; i < end; i++)
        if (!text_is_space(s[i]))
            return 0;
    return 1;
}

/* Where to cut a run that is too long: the last white space at or before
 * `limit`, else the last UTF-8 character boundary. */
static size_t cut_point(const char *s, size_t start, size_t limit)
{
    for (size_t k = limit; k > start + 1; k--)
        if (text_is_space(s[k - 1]))
            return k;
    size_t k = limit;
    while (k > start + 1 && text_is_continuation(s[k]))
        k--;
    return k;
}

/* Add [start, end) as passages, cut to the bound where needed. */
static int push_bounded(spans_t *sp, const char *s, size_t start, size_t end)
{
    while (end - start > FOND_PASSAGE_MAX_BYTES) {
        size_t cut = cut_point(s, start, start + FOND_PASSAGE_MAX_BYTES);
        if (spans_push(sp, start, cut) != 0)
            return -1;
        start = cut;
    }
    return spans_push(sp, start, end);
}

/* White space alone is not a passage: it joins the one before (or, at the
 * start, the one after), which then may need cutting no more than now. */
static void merge_blank_spans(const char *s, spans_t *sp)
{
    size_t j = 0;
    for (size_t i = 0; i < sp->n; i++) {
        passage_span_t p = sp->spans[i];
        int blank = all_space(s, p.start, p.end);
        if (blank && j > 0 &&
            p.end - sp->spans[j - 1].start <= FOND_PASSAGE_MAX_BYTES) {
            sp->spans[j - 1].end = p.end;
        } else if (blank && i + 1 < sp->n &&
                   sp->spans[i + 1].end - p.start <= FOND_PASSAGE_MAX_BYTES) {
            sp->spans[i + 1].start = p.start;
        } else {
            sp->spans[j++] = p;
        }
    }
    sp->n = j;
}

fond_status_t passage_split(const char *text, size_t len,
                            passage_span_t **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (all_space(text, 0, len))
        return FOND_OK;
    spans_t sp = {NULL, 0, 0};
    size_t start = 0, last_end = 0; /* the passage being built */
    int failed = 0;
    for (size_t i = 0; i < len && !failed; i++) {
        size_t next = sentence_end(text, i, len);
        if (!next)
            continue;
        if (next - start > FOND_PASSAGE_MAX_BYTES && last_end > start) {
            failed = push_bounded(&sp, text, start, last_end);
            start = last_end;
        }
        last_end = next;
        if (next - start >= PASSAGE_TARGET_BYTES) {
            failed = failed || push_bounded(&sp, text, start, next);
            start = next;
        }
        i = next - 1;
    }
    /* The rest, as the loop would cut it: at the last sentence end if it
     * is too long (not at a space 1200 bytes in, leaving a stub of the
     * last sentence as a passage of its own). */
    if (!failed && len - start > FOND_PASSAGE_MAX_BYTES && last_end > start) {
        failed = push_bounded(&sp, text, start, last_end);
        start = last_end;
    }
    if (!failed && start < len)
        failed = push_bounded(&sp, text, start, len);
    if (failed) {
        free(sp.spans);
        return FOND_ERR_NOMEM;
    }
    merge_blank_spans(text, &sp);
    *out = sp.spans;
    *n = sp.n;
    return FOND_OK;
}
