/*
 * source.c -- reading the plain-text source format (see source.h): the
 * header block, the byte range of the body, and the numbered notes of the
 * "Notes" section at the end.
 *
 * The text is walked line by line, once for the header and at most three
 * times for the body (a headed section of notes, a run of notes with no
 * heading, the notes read), so the work is linear in its length.  Only
 * the header values and the notes' text are copied; the body is handed
 * back as a byte range.  A file whose first line is not a known header is
 * a raw text: all of it is body but for its notes.
 */
#include "array.h"
#include "source.h"
#include "dates.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* How much of a bad value an error message quotes. */
#define QUOTE_MAX 60

/* ------------------------------------------------------------ lines */

/* One line of the text, walked in order.  `start`/`end` exclude the line
 * ending ("\n" or "\r\n"); `number` counts from 1 for error messages. */
typedef struct {
    const char *text;
    size_t len;
    size_t next;     /* where the following line starts */
    size_t start, end;
    unsigned number;
} line_t;

static void lines_begin(line_t *l, const char *text, size_t len, size_t from)
{
    memset(l, 0, sizeof *l);
    l->text = text;
    l->len = len;
    l->next = from;
}

/* Step to the next line; 0 at the end of the text. */
static int lines_next(line_t *l)
{
    if (l->next >= l->len)
        return 0;
    const char *nl = memchr(l->text + l->next, '\n', l->len - l->next);
    l->start = l->next;
    l->end = nl ? (size_t)(nl - l->text) : l->len;
    l->next = nl ? l->end + 1 : l->len;
    if (l->end > l->start && l->text[l->end - 1] == '\r')
        l->end--;
    l->number++;
    return 1;
}

static int is_blank_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Narrow [*start, *end) to leave out white space at either end. */
static void trim(const char *text, size_t *start, size_t *end)
{
    while (*start < *end && is_blank_byte(text[*start]))
        (*start)++;
    while (*end > *start && is_blank_byte(text[*end - 1]))
        (*end)--;
}

static int line_is_blank(const line_t *l)
{
    size_t s = l->start, e = l->end;
    trim(l->text, &s, &e);
    return s == e;
}

/* ------------------------------------------------------------ messages */

/* The length of at most `max` bytes of s[0, n), not cutting a UTF-8
 * character in two, so a quoted value is still valid UTF-8. */
static size_t utf8_prefix(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return n;
    while (max > 0 && text_is_continuation(s[max]))
        max--;
    return max;
}

/* Write "line N: <what> '<quoted>'<hint>" into err (which may be NULL). */
static fond_status_t fail(char *err, size_t errsize, unsigned line,
                          const char *what, const char *s, size_t n,
                          const char *hint)
{
    if (err && errsize) {
        size_t q = utf8_prefix(s, n, QUOTE_MAX);
        snprintf(err, errsize, "line %u: %s '%.*s%s'%s", line, what, (int)q, s,
                 q < n ? "..." : "", hint);
    }
    return FOND_ERR_ARG;
}

/* ------------------------------------------------------------ header values */

typedef enum {
    H_TITLE, H_TYPE, H_DATE, H_FROM, H_TO, H_PLACE, H_LANGUAGE, H_ENCODING,
    H_ARCHIVE_REF, H_SOURCE, H_CREATOR, H_RIGHTS, H_COUNT
} header_t;

static const char *const header_names[H_COUNT] = {
    "Title", "Type", "Date", "From", "To", "Place", "Language", "Encoding",
    "Archive reference", "Source", "Creator", "Rights",
};

static const char *const source_types[] = {
    "narrative", "telegram", "note", "letter", "conversation", "reference",
    "email", "despatch", "memorandum", "report",
    /* an EAD finding aid's levels of description (not in TYPE_HINT: a
     * header's writer wants the kinds of document) */
    "collection", "fonds", "recordgrp", "subgrp", "subfonds", "series",
    "subseries", "file", "item", "class", "otherlevel",
};

#define TYPE_HINT \
    " (use narrative, telegram, despatch, note, letter, memorandum, " \
    "conversation, report, reference or email)"
#define DATE_HINT " (use YYYY, YYYY-MM, YYYY-MM-DD or a range FROM/TO)"

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Does s[0, n) spell `name`, ignoring ASCII case? */
static int same_word(const char *s, size_t n, const char *name)
{
    if (strlen(name) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (ascii_lower((unsigned char)s[i]) != ascii_lower((unsigned char)name[i]))
            return 0;
    return 1;
}

static int header_named(const char *s, size_t n)
{
    for (int h = 0; h < H_COUNT; h++)
        if (same_word(s, n, header_names[h]))
            return h;
    return -1;
}

/* The slot of a string-valued header in *out (not Date). */
static char **header_slot(source_t *out, header_t h)
{
    switch (h) {
    case H_TITLE: return &out->title;
    case H_TYPE: return &out->type;
    case H_FROM: return &out->from;
    case H_TO: return &out->to;
    case H_PLACE: return &out->place;
    case H_LANGUAGE: return &out->language;
    case H_ENCODING: return &out->encoding;
    case H_ARCHIVE_REF: return &out->archive_ref;
    case H_SOURCE: return &out->source_ref;
    case H_CREATOR: return &out->creator;
    case H_RIGHTS: return &out->rights;
    default: return NULL;
    }
}

/* The Type value in lower case, or NULL if it is not one of the types. */
static const char *known_type(const char *v, size_t n)
{
    for (size_t i = 0; i < sizeof source_types / sizeof *source_types; i++)
        if (same_word(v, n, source_types[i]))
            return source_types[i];
    return NULL;
}

static char *copy_span(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* ------------------------------------------------------------ header block */

/* A line split at its first colon into a trimmed name and value. */
typedef struct {
    size_t name_start, name_end, value_start, value_end;
    int has_colon;
} header_line_t;

/* Split a line as "Name: value"; the header it names, or -1 (also when
 * there is no colon). */
static int split_header(const line_t *l, header_line_t *h)
{
    const char *colon = memchr(l->text + l->start, ':', l->end - l->start);
    h->name_start = l->start;
    h->name_end = colon ? (size_t)(colon - l->text) : l->end;
    h->value_start = colon ? h->name_end + 1 : l->end;
    h->value_end = l->end;
    h->has_colon = colon != NULL;
    trim(l->text, &h->name_start, &h->name_end);
    trim(l->text, &h->value_start, &h->value_end);
    return colon ? header_named(l->text + h->name_start,
                                h->name_end - h->name_start)
                 : -1;
}

/* Store one header's value in *out; FOND_ERR_ARG for a bad Date or Type.
 * An empty value leaves a string header absent (NULL). */
static fond_status_t store_header(source_t *out, header_t which, const char *v,
                                  size_t n, unsigned line, char *err,
                                  size_t errsize)
{
    if (which == H_DATE)
        return dates_parse_value(v, n, out->date, out->date_end)
                   ? FOND_OK
                   : fail(err, errsize, line, "bad Date", v, n, DATE_HINT);
    if (which == H_TYPE) {
        const char *type = known_type(v, n);
        if (!type)
            return fail(err, errsize, line, "unknown Type", v, n, TYPE_HINT);
        v = type; /* stored in lower case */
    }
    if (n == 0)
        return FOND_OK;
    char **slot = header_slot(out, which);
    *slot = copy_span(v, n);
    return *slot ? FOND_OK : FOND_ERR_NOMEM;
}

/* Read the header lines that follow the first one (already known to be a
 * header) up to the blank line that ends the block; sets body_start. */
static fond_status_t read_header_block(line_t *l, source_t *out, char *err,
                                       size_t errsize)
{
    unsigned seen = 0; /* a bit per header, to refuse one given twice */
    do {
        if (line_is_blank(l)) {
            out->body_start = l->next;
            return FOND_OK;
        }
        header_line_t h;
        int which = split_header(l, &h);
        const char *name = l->text + h.name_start;
        size_t name_len = h.name_end - h.name_start;
        if (!h.has_colon)
            return fail(err, errsize, l->number, "not a header line", name,
                        name_len, " (end the header with a blank line)");
        if (which < 0)
            return fail(err, errsize, l->number, "unknown header", name,
                        name_len, "");
        if (seen & (1u << which))
            return fail(err, errsize, l->number, "duplicate header", name,
                        name_len, "");
        seen |= 1u << which;
        fond_status_t st = store_header(out, (header_t)which,
                                        l->text + h.value_start,
                                        h.value_end - h.value_start, l->number,
                                        err, errsize);
        if (st != FOND_OK)
            return st;
    } while (lines_next(l));
    out->body_start = l->len; /* a file that is only a header */
    return FOND_OK;
}

/* ------------------------------------------------------------ notes */

/* The number at t[*d, e): 1 to 3 ASCII digits (or, with super, superscript
 * digits), read into *n and *d moved past them; 0 if there are none, more
 * than three, or the number is 0. */
static int note_number(const char *t, size_t *d, size_t e, int super,
                       unsigned *n)
{
    size_t k = *d, count = 0, len = 1;
    unsigned v = 0;
    for (;;) {
        int digit = -1;
        if (super)
            digit = text_superscript_digit(t + k, e - k, &len);
        else if (k < e && t[k] >= '0' && t[k] <= '9')
            digit = t[k] - '0', len = 1;
        if (digit < 0)
            break;
        if (++count > 3)
            return 0;
        v = v * 10 + (unsigned)digit;
        k += len;
    }
    if (count == 0 || v == 0)
        return 0;
    *n = v;
    *d = k;
    return 1;
}

/* Is the line a note: its number at its start in one of the forms
 * editions print it, "1. text", "1) text", "1 text", "[1] text" or
 * "¹ text" (the number alone, but for "1 ", also: its text on the next
 * line)?  If so, the number (1 to 999) and where the note's text starts.
 * "1.5 million", "1 000 roubles" and "1921 was" are not notes. */
static int note_line(const line_t *l, unsigned *number, size_t *text_start)
{
    size_t s = l->start, e = l->end;
    trim(l->text, &s, &e);
    const char *t = l->text;
    size_t d = s;
    unsigned n;
    if (d < e && t[d] == '[') { /* "[1] text" */
        d++;
        if (!note_number(t, &d, e, 0, &n) || d >= e || t[d] != ']')
            return 0;
        d++;
    } else if (note_number(t, &d, e, 1, &n)) { /* "¹ text", "¹text" */
        /* nothing more to check: superscripts are no number of the text */
    } else if (note_number(t, &d, e, 0, &n)) {
        if (d < e && (t[d] == '.' || t[d] == ')')) /* "1. text", "1) text" */
            d++;
        else if (d == e || !is_blank_byte(t[d])) /* "1 text" */
            return 0;
        else {
            size_t k = d;
            while (k < e && is_blank_byte(t[k]))
                k++;
            if (k == e || (t[k] >= '0' && t[k] <= '9'))
                return 0;
        }
    } else
        return 0;
    if (d < e && !is_blank_byte(t[d]) && t[d - 1] != ']' &&
        !text_is_continuation(t[d - 1]) && (t[d - 1] & 0x80) == 0)
        return 0; /* "1.5 million", "1)x" */
    *number = n;
    *text_start = d;
    return 1;
}

/* The headings a section of notes goes by, case-folded: English, French,
 * Italian, Spanish and Portuguese, German (ß folds to "ss"), Dutch,
 * Russian, Turkish. */
static const char *const notes_headings[] = {
    "notes", "footnotes", "endnotes", "note", "notas", "noten",
    "anmerkungen", "fussnoten", "endnoten", "notes de bas de page",
    ("\xd0\xbf\xd1\x80\xd0\xb8\xd0\xbc\xd0\xb5\xd1\x87\xd0\xb0\xd0\xbd"
     "\xd0\xb8\xd1\x8f"),                                /* примечания */
    "\xd1\x81\xd0\xbd\xd0\xbe\xd1\x81\xd0\xba\xd0\xb8", /* сноски */
    "notlar", "dipnotlar",
};

/* Is the line a heading of notes: one of notes_headings in any case,
 * alone, perhaps with a colon ("Notes", "NOTES:", "Fußnoten",
 * "Примечания")?  Only short lines are folded, so the cost is bounded. */
static int is_notes_heading(const line_t *l)
{
    size_t s = l->start, e = l->end;
    trim(l->text, &s, &e);
    if (e > s && l->text[e - 1] == ':')
        e--;
    trim(l->text, &s, &e);
    if (e == s || e - s > 48)
        return 0;
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)l->text + s,
                                      (utf8proc_ssize_t)(e - s), &folded,
                                      UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE |
                                          UTF8PROC_STABLE);
    int found = 0;
    for (size_t i = 0; n > 0 && !found &&
                       i < sizeof notes_headings / sizeof *notes_headings; i++)
        found = strlen(notes_headings[i]) == (size_t)n &&
                memcmp(notes_headings[i], folded, (size_t)n) == 0;
    free(folded);
    return found;
}

/* A line that only separates the notes from the text, as a rule drawn
 * across the page: "____", "----", "* * *", "———". */
static int is_rule_line(const line_t *l)
{
    size_t s = l->start, e = l->end, marks = 0;
    trim(l->text, &s, &e);
    for (size_t i = s; i < e; i++) {
        const char *c = l->text + i;
        if (*c == '_' || *c == '-' || *c == '*' || *c == '=')
            marks++;
        else if (e - i >= 3 && memcmp(c, "\xE2\x80\x94", 3) == 0) /* — */
            marks++, i += 2;
        else if (!is_blank_byte(*c))
            return 0;
    }
    return marks >= 3;
}

/* A page number alone on its line, as a page of notes may end with. */
static int is_number_line(const line_t *l)
{
    size_t s = l->start, e = l->end;
    trim(l->text, &s, &e);
    if (e == s || e - s > 4)
        return 0;
    for (size_t i = s; i < e; i++)
        if (l->text[i] < '0' || l->text[i] > '9')
            return 0;
    return 1;
}

/* Where a section of notes was found: the notes start at `from`, and the
 * body ends at `body_end` (the blank line before the heading or the first
 * note). */
typedef struct {
    size_t from, body_end;
} notes_at_t;

/* Find a headed section of notes in the body: the last heading (see
 * is_notes_heading) after a blank line whose next non-blank line is a
 * note (or which ends the text), so a heading "Notes" in the prose does
 * not cut the body short. */
static int find_headed_notes(const char *text, size_t len, size_t body_start,
                             notes_at_t *at)
{
    line_t l;
    lines_begin(&l, text, len, body_start);
    int found = 0, pending = 0, prev_blank = 1; /* the header's blank line */
    size_t prev_start = body_start;
    notes_at_t cand = {0, 0};
    while (lines_next(&l)) {
        int blank = line_is_blank(&l) || is_rule_line(&l);
        unsigned number;
        size_t ts;
        if (pending && !blank) {
            pending = 0;
            if (note_line(&l, &number, &ts))
                found = 1, *at = cand;
        }
        if (prev_blank && is_notes_heading(&l)) {
            pending = 1;
            cand = (notes_at_t){l.next, prev_start};
        }
        if (!blank || !prev_blank)
            prev_start = l.start; /* where the run of blank lines starts */
        prev_blank = blank;
    }
    if (pending)
        found = 1, *at = cand;
    return found;
}

/* Find notes with no heading: a run of note lines numbered n, n+1, n+2
 * ... that ends the text, its first line the first of a paragraph.  Lines
 * that are not notes continue the note before them (a page number alone
 * is passed over), but a paragraph that starts with none ends the run, and
 * a note out of sequence starts a new one if it starts a paragraph.  The
 * caller makes sure the text's markers name these numbers (source.h). */
static int find_unheaded_notes(const char *text, size_t len,
                               size_t body_start, notes_at_t *at)
{
    line_t l;
    lines_begin(&l, text, len, body_start);
    int active = 0, prev_blank = 1;
    unsigned expect = 0;
    size_t blank_start = body_start;
    while (lines_next(&l)) {
        unsigned number;
        size_t ts;
        if (line_is_blank(&l) || is_rule_line(&l)) {
            if (!prev_blank)
                blank_start = l.start;
            prev_blank = 1;
            continue;
        }
        if (note_line(&l, &number, &ts)) {
            if (active && number == expect)
                expect++;
            else if (prev_blank) {
                active = 1;
                expect = number + 1;
                *at = (notes_at_t){l.start,
                                   blank_start > body_start ? blank_start
                                                            : body_start};
            } else
                active = 0;
        } else if (active && prev_blank && !is_number_line(&l))
            active = 0;
        prev_blank = 0;
        if (!active)
            blank_start = l.next;
    }
    return active;
}

/* The text of s[0, n) with each run of white space made one space, and
 * none at either end; malloc'd. */
static char *collapse_space(const char *s, size_t n)
{
    char *out = malloc(n + 1), *w = out;
    if (!out)
        return NULL;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_blank_byte(s[i]) || s[i] == '\n') {
            space = w != out;
            continue;
        }
        if (space)
            *w++ = ' ';
        space = 0;
        *w++ = s[i];
    }
    *w = '\0';
    return out;
}

static fond_status_t add_note(source_t *out, size_t *cap, unsigned number,
                              const char *s, size_t n)
{
    if (array_reserve(&out->notes, cap, out->n_notes + 1, sizeof *out->notes, 8))
        return FOND_ERR_NOMEM;
    char *t = collapse_space(s, n);
    if (!t)
        return FOND_ERR_NOMEM;
    out->notes[out->n_notes++] = (source_note_t){number, t};
    return FOND_OK;
}

/* Read the notes from `from` to the end.  A note runs from its "N. " to
 * the next note line, so the lines that continue it (and any blank lines)
 * join its text; find_headed_notes() and find_unheaded_notes() made sure
 * the first line is one. */
static fond_status_t read_notes(const char *text, size_t len, size_t from,
                                source_t *out)
{
    line_t l;
    lines_begin(&l, text, len, from);
    size_t cap = 0, note_start = 0, note_end = 0;
    unsigned number = 0;
    while (lines_next(&l)) {
        unsigned n;
        size_t ts;
        if (!note_line(&l, &n, &ts)) {
            if (number && !line_is_blank(&l))
                note_end = l.end;
            continue;
        }
        if (number) {
            fond_status_t st = add_note(out, &cap, number, text + note_start,
                                        note_end - note_start);
            if (st != FOND_OK)
                return st;
        }
        number = n;
        note_start = ts;
        note_end = l.end;
    }
    return number ? add_note(out, &cap, number, text + note_start,
                             note_end - note_start)
                  : FOND_OK;
}

/* ------------------------------------------------------------ the whole */

/* Where the first line starts: after a UTF-8 byte order mark, if any, so
 * that "\xEF\xBB\xBFTitle:" is still a header. */
static size_t skip_bom(const char *text, size_t len)
{
    return len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

static fond_status_t parse_body(const char *text, size_t len, source_t *out)
{
    notes_at_t at = {0, 0};
    out->body_end = len;
    if (find_headed_notes(text, len, out->body_start, &at))
        out->notes_unheaded = 0;
    else if (find_unheaded_notes(text, len, out->body_start, &at))
        out->notes_unheaded = 1;
    else
        return FOND_OK;
    /* With an empty body the blank line before the notes is the header's. */
    out->body_end = at.body_end > out->body_start ? at.body_end
                                                  : out->body_start;
    return read_notes(text, len, at.from, out);
}

fond_status_t source_parse(const char *text, size_t len, source_t *out,
                           char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    if (err && errsize)
        err[0] = '\0';
    out->body_end = len;
    line_t l;
    header_line_t h;
    lines_begin(&l, text, len, skip_bom(text, len));
    fond_status_t st = FOND_OK;
    if (lines_next(&l) && split_header(&l, &h) >= 0) {
        out->has_header = 1;
        st = read_header_block(&l, out, err, errsize);
    } /* else a raw narrative: all of it is body, but for its notes */
    if (st == FOND_OK)
        st = parse_body(text, len, out);
    if (st == FOND_ERR_NOMEM && err && errsize)
        snprintf(err, errsize, "out of memory");
    if (st != FOND_OK)
        source_free(out);
    return st;
}

void source_notes_drop(source_t *s, size_t len)
{
    for (size_t i = 0; i < s->n_notes; i++)
        free(s->notes[i].text);
    free(s->notes);
    s->notes = NULL;
    s->n_notes = 0;
    s->notes_unheaded = 0;
    s->body_end = len;
}

fond_status_t source_parse_body(const char *text, size_t len, source_t *out,
                                char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    if (err && errsize)
        err[0] = '\0';
    fond_status_t st = parse_body(text, len, out);
    if (st != FOND_OK) {
        if (err && errsize)
            snprintf(err, errsize, "out of memory");
        source_free(out);
    }
    return st;
}

void source_free(source_t *s)
{
    if (!s)
        return;
#define FREE_STRING(name) free(s->name);
    SOURCE_STRINGS(FREE_STRING)
#undef FREE_STRING
    for (size_t i = 0; i < s->n_notes; i++)
        free(s->notes[i].text);
    free(s->notes);
    memset(s, 0, sizeof *s);
}

/* A copy of `from` into *field when *field is empty and `from` is not. */
static int fill_string(char **field, const char *from)
{
    if ((*field && **field) || !from || !*from)
        return 0;
    char *copy = strdup(from);
    if (!copy)
        return -1;
    free(*field);
    *field = copy;
    return 0;
}

fond_status_t source_fill(source_t *dst, const source_t *from)
{
    if (!from)
        return FOND_OK;
#define FILL_STRING(name)                                                    \
    if (fill_string(&dst->name, from->name) != 0)                            \
        return FOND_ERR_NOMEM;
    SOURCE_RECORD_STRINGS(FILL_STRING)
#undef FILL_STRING
    if (!dst->date[0] && from->date[0]) {
        memcpy(dst->date, from->date, sizeof dst->date);
        memcpy(dst->date_end, from->date_end, sizeof dst->date_end);
    }
    return FOND_OK;
}

const char *source_type_named(const char *v, size_t n)
{
    return known_type(v, n);
}
