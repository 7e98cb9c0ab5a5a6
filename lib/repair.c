/*
 * repair.c -- undoing PDF extraction damage (see repair.h for the rules).
 *
 * Three passes over the lines of the original:
 *   1. classify each line: text, blank, a stray number, or stranded
 *      footnote text;
 *   2. gather the source's vocabulary from its text lines, leaving out the
 *      halves of words broken at line ends (lazily, when pass 3 first
 *      asks whether a word is known);
 *   3. write the repaired text: markers taken out, stray numbers dropped,
 *      broken words joined, lines joined, with anchors back to the original.
 */
#include "array.h"
#include "repair.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "citation.h"
#include "text.h"
#include "pages.h"
#include "wordset.h"

/* LINE_FURNITURE: a page number or running head at a page's edge
 * (pages.h), dropped like a stray number. */
typedef enum {
    LINE_TEXT, LINE_BLANK, LINE_NUMBER, LINE_NOTE, LINE_FURNITURE
} line_kind_t;

typedef struct {
    size_t start, end; /* the line without its white space at either end */
    line_kind_t kind;
} line_t;

/* ------------------------------------------------------------ growable buffer */

/* A byte buffer whose first allocation failure sticks: later appends do
 * nothing, and the caller checks `failed` once at the end. */
typedef struct {
    char *data;
    size_t len, cap;
    int failed;
} buf_t;

static void buf_reserve(buf_t *b, size_t more)
{
    if (!b->failed && array_reserve(&b->data, &b->cap, b->len + more, 1, 256))
        b->failed = 1;
}

static void buf_put(buf_t *b, const char *s, size_t n)
{
    buf_reserve(b, n + 1);
    if (b->failed)
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

/* Append one fixed-size item to a growable array. */
static int array_push(void *arrayp, size_t *n, size_t *cap, size_t size,
                      const void *item)
{
    if (array_reserve(arrayp, cap, *n + 1, size, 16))
        return -1;
    char *array;
    memcpy(&array, arrayp, sizeof array);
    memcpy(array + *n * size, item, size);
    (*n)++;
    return 0;
}

/* ------------------------------------------------------------ characters */

static int is_space(char c)
{
    return c != '\n' && text_is_space(c);
}

/* An ASCII digit as a code point (a cast to char would take "е", U+0435,
 * for '5'). */
static int cp_is_digit(utf8proc_int32_t cp) { return cp >= '0' && cp <= '9'; }

/* The code point at s[i] (and its length), or -1. */
static utf8proc_int32_t cp_at(const char *s, size_t i, size_t end, size_t *n)
{
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(end - i), &cp);
    *n = k > 0 ? (size_t)k : 1;
    return k > 0 ? cp : -1;
}

static int cp_is_letter(utf8proc_int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* The code point ending at s[i] (exclusive), and where it starts. */
static utf8proc_int32_t cp_before(const char *s, size_t from, size_t i,
                                  size_t *at)
{
    size_t k = i;
    while (k > from && text_is_continuation(s[k - 1]))
        k--;
    if (k > from)
        k--;
    size_t n;
    *at = k;
    return i > from ? cp_at(s, k, i, &n) : -1;
}

/* Closing punctuation a footnote marker may follow: . , ; : ! ? ) ] " ' and
 * the typographic closing quotes. */
static int is_closing_punct(utf8proc_int32_t cp)
{
    return cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == '!' ||
           cp == '?' || cp == ')' || cp == ']' || cp == '"' || cp == '\'' ||
           cp == 0x201D || cp == 0x2019 || cp == 0x00BB;
}

/* End of the run of letters starting at s[i]. */
static size_t letters_end(const char *s, size_t i, size_t end)
{
    size_t n;
    while (i < end && cp_is_letter(cp_at(s, i, end, &n)))
        i += n;
    return i;
}

/* Start of the run of letters ending at s[i]. */
static size_t letters_start(const char *s, size_t from, size_t i)
{
    size_t at;
    while (i > from && cp_is_letter(cp_before(s, from, i, &at)))
        i = at;
    return i;
}

/* ------------------------------------------------------------ pass 1: lines */

static int all_digits(const char *s, size_t start, size_t end, size_t max)
{
    if (end == start || end - start > max)
        return 0;
    for (size_t i = start; i < end; i++)
        if (!text_is_digit(s[i]))
            return 0;
    return 1;
}

static fond_status_t split_lines(const char *raw, size_t len, line_t **out,
                                 size_t *n)
{
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(raw + i, '\n', len - i);
        size_t stop = nl ? (size_t)(nl - raw) : len;
        line_t line = {i, stop, LINE_TEXT};
        while (line.start < line.end && is_space(raw[line.start]))
            line.start++;
        while (line.end > line.start && is_space(raw[line.end - 1]))
            line.end--;
        if (line.start == line.end)
            line.kind = LINE_BLANK;
        else if (all_digits(raw, line.start, line.end, 4))
            line.kind = LINE_NUMBER;
        if (array_push(out, n, &cap, sizeof line, &line) != 0)
            return FOND_ERR_NOMEM;
        i = stop + 1;
    }
    return FOND_OK;
}

static int kind_at(const line_t *lines, size_t n, size_t i, line_kind_t k)
{
    return i < n && lines[i].kind == k;
}

/* A number alone on its line is a stray page or footnote number when it
 * stands by a blank line, another such number, or the text's edge; a
 * number in the middle of running lines belongs to the text. */
static int is_stray_number(const line_t *lines, size_t n, size_t i)
{
    int first = i == 0, last = i + 1 == n;
    return first || last || kind_at(lines, n, i - 1, LINE_BLANK) ||
           kind_at(lines, n, i + 1, LINE_BLANK) ||
           kind_at(lines, n, i - 1, LINE_NUMBER) ||
           kind_at(lines, n, i + 1, LINE_NUMBER);
}

static int looks_like_note(const char *raw, const line_t *l)
{
    return citation_looks_like_note(raw + l->start, l->end - l->start);
}

/* Does the line end a sentence ('.', '!', '?', perhaps then a quote or a
 * bracket)? */
static int line_ends_sentence(const char *raw, const line_t *l)
{
    size_t e = l->end;
    while (e > l->start && strchr("\")]'", raw[e - 1]))
        e--;
    return e > l->start && strchr(".!?", raw[e - 1]);
}

/* Does note line l run on into the next line: it ends neither a sentence
 * nor in a number (a reference ends with its pages, "p. 227-228"), and the
 * next line does not start in lower case (prose resuming mid-sentence)? */
static int note_runs_on(const char *raw, const line_t *l, const line_t *next)
{
    char last = raw[l->end - 1], first = raw[next->start];
    return !line_ends_sentence(raw, l) && !text_is_digit(last) &&
           !(first >= 'a' && first <= 'z');
}

/* How many text lines run from line i to the next break. */
static size_t block_lines(const line_t *lines, size_t n, size_t i)
{
    size_t k = i;
    while (k < n && lines[k].kind == LINE_TEXT)
        k++;
    return k - i;
}

/* Does a note start at text line i: it looks like one, or the line after
 * it does and this one runs on into it ("Kars, Diplomatic History of the
 * Frontier" / "(Paris: Macmillan, 1959), 343.") or heads a short block
 * ("Dokumenty vneshney politiki SSSR. Vol. 4." / "London, 1939, pp. 5.")? */
static int note_starts(const char *raw, const line_t *lines, size_t n,
                       size_t i)
{
    if (looks_like_note(raw, &lines[i]))
        return 1;
    return i + 1 < n && lines[i + 1].kind == LINE_TEXT &&
           looks_like_note(raw, &lines[i + 1]) &&
           (note_runs_on(raw, &lines[i], &lines[i + 1]) ||
            block_lines(lines, n, i) <= 3);
}

/* Footnote text stranded in the flow is a block of its own: it starts
 * after a break (a blank line, a stray footnote or page number, page
 * furniture) where a note starts, and goes on while the line before runs
 * on (no full stop) or another note starts. */
/* "21." alone on its line: the number a note's last line waits for
 * ("ATASE, Archive 749, Box 5, File 110, Doc." / "21."), cut off. */
static int is_number_tail(const char *raw, const line_t *l)
{
    return l->kind == LINE_TEXT && l->end - l->start >= 2 &&
           raw[l->end - 1] == '.' && all_digits(raw, l->start, l->end - 1, 4);
}

/* The tail of a note that stands after it, past blank lines and footnote
 * numbers, is the note's (see is_number_tail). */
static void find_note_tails(const char *raw, line_t *lines, size_t n)
{
    for (size_t i = 1, last_note = 0, seen = 0; i < n; i++) {
        if (lines[i - 1].kind == LINE_NOTE)
            last_note = i - 1, seen = 1;
        if (!seen || i - last_note > 4)
            continue;
        if (is_number_tail(raw, &lines[i]))
            lines[i].kind = LINE_NOTE, last_note = i;
        else if (lines[i].kind == LINE_TEXT)
            seen = 0;
    }
}

static void find_notes(const char *raw, line_t *lines, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        line_kind_t before = lines[i - 1].kind;
        if (lines[i].kind != LINE_TEXT ||
            (before != LINE_BLANK && before != LINE_NUMBER &&
             before != LINE_FURNITURE) ||
            !note_starts(raw, lines, n, i))
            continue;
        lines[i].kind = LINE_NOTE;
        while (i + 1 < n && lines[i + 1].kind == LINE_TEXT &&
               (note_runs_on(raw, &lines[i], &lines[i + 1]) ||
                note_starts(raw, lines, n, i + 1)))
            lines[++i].kind = LINE_NOTE;
    }
}

/* A number alone after footnote text, or before a note, is a footnote's
 * number. */
static int by_note_text(const char *raw, const line_t *lines, size_t n,
                        size_t i)
{
    return (i > 0 && lines[i - 1].kind == LINE_TEXT &&
            looks_like_note(raw, &lines[i - 1])) ||
           (i + 1 < n && lines[i + 1].kind == LINE_TEXT &&
            note_starts(raw, lines, n, i + 1));
}

static void classify_lines(const char *raw, line_t *lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lines[i].kind == LINE_NUMBER && !is_stray_number(lines, n, i) &&
            !by_note_text(raw, lines, n, i))
            lines[i].kind = LINE_TEXT;
    for (size_t i = 0; i < n; i++) /* settle numbers next to numbers */
        if (lines[i].kind == LINE_TEXT &&
            all_digits(raw, lines[i].start, lines[i].end, 4) &&
            is_stray_number(lines, n, i))
            lines[i].kind = LINE_NUMBER;
    find_notes(raw, lines, n);
    find_note_tails(raw, lines, n);
}

/* The lines page_scan() calls page furniture (page numbers, running
 * heads). */
static fond_status_t mark_furniture(const char *raw, size_t len, line_t *lines,
                                    size_t n)
{
    if (!memchr(raw, '\f', len))
        return FOND_OK;
    page_t *pages = NULL;
    page_span_t *furniture = NULL;
    size_t np = 0, nf = 0, f = 0;
    if (page_scan(raw, len, &pages, &np, &furniture, &nf) != FOND_OK)
        return FOND_ERR_NOMEM;
    for (size_t i = 0; i < n && f < nf; i++) {
        while (f < nf && furniture[f].start < lines[i].start)
            f++;
        if (f < nf && furniture[f].start == lines[i].start &&
            lines[i].kind != LINE_BLANK)
            lines[i].kind = LINE_FURNITURE;
    }
    free(pages);
    free(furniture);
    return FOND_OK;
}

/* ------------------------------------------------------------ pass 2: vocabulary */

/* The words and the stems: sets (wordset.h), whose hash is seeded per
 * table, so that a text made of words that collide cannot make each lookup
 * a walk of the table. */
typedef struct {
    wordset_t *words, *stems;
    size_t skip_before; /* tokens starting before this ... */
    size_t skip_after;  /* ... or ending after this are broken halves */
    int failed;
} vocab_t;

static int vocab_add(void *ctx, const analyze_token_t *t)
{
    vocab_t *v = ctx;
    if (t->start < v->skip_before || t->end > v->skip_after)
        return 0;
    if (wordset_add(v->words, t->word, t->word_len) != FOND_OK ||
        wordset_add(v->stems, t->stem, t->stem_len) != FOND_OK)
        v->failed = 1;
    return v->failed;
}

/* A line that may end in half a word: "Azer-" or "confer19". */
static int ends_broken(const char *raw, const line_t *l)
{
    char last = raw[l->end - 1];
    return last == '-' || (text_is_digit(last) && l->end - l->start > 1 &&
                           !text_is_digit(raw[l->start]));
}

static fond_status_t gather_vocab(const char *raw, const line_t *lines,
                                  size_t n, analyzer_t *a, vocab_t *v)
{
    if (wordset_new(&v->words) != FOND_OK ||
        wordset_new(&v->stems) != FOND_OK)
        return FOND_ERR_NOMEM;
    int broken_before = 0;
    for (size_t i = 0; i < n && !v->failed; i++) {
        const line_t *l = &lines[i];
        if (l->kind != LINE_TEXT)
            continue;
        int broken_after = ends_broken(raw, l);
        size_t first_end = letters_end(raw, l->start, l->end);
        size_t last_start = letters_start(raw, l->start,
                                          broken_after ? l->end - 1 : l->end);
        /* token offsets are relative to the line */
        v->skip_before = broken_before ? first_end - l->start : 0;
        v->skip_after = broken_after ? last_start - l->start : (size_t)-1;
        fond_status_t st = analyze_text(a, raw + l->start, l->end - l->start,
                                        vocab_add, v);
        if (st != FOND_OK)
            return st;
        broken_before = broken_after;
    }
    return v->failed ? FOND_ERR_NOMEM : FOND_OK;
}

/* ------------------------------------------------------------ pass 3: writing */

typedef struct {
    const char *raw;
    analyzer_t *a;
    /* The source's vocabulary, gathered from its lines the first time a
     * word must be looked up: a text with no broken line (most that are
     * not from a PDF) never needs it. */
    const line_t *lines;
    size_t n_lines;
    int vocab_gathered;
    fond_status_t vocab_status;
    vocab_t *vocab;
    repair_known_fn known;
    void *ctx;
    buf_t out;
    repair_t *r;
    size_t cap_anchors, cap_markers, cap_notes;
    unsigned expected;    /* the footnote marker that should come next */
    unsigned first;       /* the source's first note's number: the first
                             marker may be it rather than 1 (an extract) */
    unsigned last_marker; /* the last one seen, for stranded note text */
    unsigned char seen[(REPAIR_MARKER_MAX + 8) / 8]; /* a bit per marker
                                                       number seen */
    int demoted;          /* the note line before was given back as text */
    size_t note_len, note_cap; /* the last note's text: its length, its
                                  block's size (it grows by doubling) */
    int failed;
} writer_t;

typedef struct {
    const vocab_t *vocab;
    repair_known_fn known;
    void *ctx;
    int tokens, hit;
} lookup_t;

static int lookup_token(void *ctx, const analyze_token_t *t)
{
    lookup_t *l = ctx;
    l->tokens++;
    l->hit = wordset_has(l->vocab->words, t->word, t->word_len) ||
             wordset_has(l->vocab->stems, t->stem, t->stem_len) ||
             (l->known && (l->known(l->ctx, t->word, 0) ||
                           l->known(l->ctx, t->stem, 1)));
    return 0;
}

/* The source's vocabulary, gathered now if it is not yet: 0 if it cannot
 * be (the failure kept for repair_text to return). */
static int vocab_ready(writer_t *w)
{
    if (!w->vocab_gathered) {
        w->vocab_gathered = 1;
        w->vocab_status = gather_vocab(w->raw, w->lines, w->n_lines, w->a,
                                       w->vocab);
    }
    return w->vocab_status == FOND_OK;
}

/* Is s[0, len) one word that the source or the collection knows, as it is
 * or by its stem? */
static int is_known(writer_t *w, const char *s, size_t len)
{
    if (!vocab_ready(w))
        return 0;
    lookup_t l = {w->vocab, w->known, w->ctx, 0, 0};
    if (analyze_text(w->a, s, len, lookup_token, &l) != FOND_OK)
        return 0;
    return l.tokens == 1 && l.hit;
}

/* Is the word made of left and right known? */
static int joined_is_known(writer_t *w, const char *left, size_t ln,
                           const char *right, size_t rn)
{
    char stack[128];
    char *joined = ln + rn <= sizeof stack ? stack : malloc(ln + rn);
    if (!joined)
        return 0;
    memcpy(joined, left, ln);
    memcpy(joined + ln, right, rn);
    int known = is_known(w, joined, ln + rn);
    if (joined != stack)
        free(joined);
    return known;
}

static void add_anchor(writer_t *w, size_t raw_offset)
{
    repair_anchor_t a = {w->out.len, raw_offset};
    if (w->r->n_anchors &&
        w->r->anchors[w->r->n_anchors - 1].clean == a.clean)
        w->r->n_anchors--; /* nothing was written since: replace it */
    if (array_push(&w->r->anchors, &w->r->n_anchors, &w->cap_anchors,
                   sizeof a, &a) != 0)
        w->failed = 1;
}

/* Copy raw[from, to) to the output, anchored. */
static void copy_run(writer_t *w, size_t from, size_t to)
{
    if (to <= from)
        return;
    add_anchor(w, from);
    buf_put(&w->out, w->raw + from, to - from);
}

static int marker_seen(const writer_t *w, unsigned n)
{
    return n <= REPAIR_MARKER_MAX && (w->seen[n / 8] >> (n % 8)) & 1;
}

static void add_marker(writer_t *w, unsigned number)
{
    repair_marker_t m = {number, w->out.len};
    if (number <= REPAIR_MARKER_MAX)
        w->seen[number / 8] |= (unsigned char)(1u << (number % 8));
    if (array_push(&w->r->markers, &w->r->n_markers, &w->cap_markers,
                   sizeof m, &m) != 0)
        w->failed = 1;
    if (number + 1 > w->expected)
        w->expected = number + 1;
    w->last_marker = number;
}

/* A number glued to what comes before it: 1 to 3 digits at raw[i, *j),
 * right after a letter, or after closing punctuation that does not itself
 * follow a digit ("conference.1", "Moscow".3, but not "3,080").  It must
 * end the line or be followed by a space or punctuation. */
static int glued_number(const char *raw, size_t ls, size_t le, size_t i,
                        size_t *j, int *after_letter)
{
    if (!text_is_digit(raw[i]) || i == ls || text_is_digit(raw[i - 1]))
        return 0;
    size_t k = i;
    while (k < le && text_is_digit(raw[k]))
        k++;
    if (k - i > 3 || (k < le && !is_space(raw[k]) && !strchr(",.;:)", raw[k])))
        return 0;
    if (k + 1 < le && strchr(",.", raw[k]) && text_is_digit(raw[k + 1]))
        return 0; /* "[$]5,000,000", "(a)2.5": a number's first group */
    size_t at, at2;
    utf8proc_int32_t before = cp_before(raw, ls, i, &at);
    utf8proc_int32_t before2 = cp_before(raw, ls, at, &at2);
    *after_letter = cp_is_letter(before);
    int after_punct = is_closing_punct(before) && before2 >= 0 &&
                      !cp_is_digit(before2) && before2 != ' ';
    *j = k;
    return *after_letter || after_punct;
}

static unsigned parse_number(const char *s, size_t n)
{
    unsigned v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (unsigned)(s[i] - '0');
    return v;
}

/* A number written "[12]": 1 and raw[i, *j) is it, its value in
 * *number. */
static int bracket_marker(const char *raw, size_t i, size_t le, size_t *j,
                          unsigned *number)
{
    size_t k = i + 1;
    while (k < le && k - i <= 3 && text_is_digit(raw[k]))
        k++;
    if (raw[i] != '[' || k == i + 1 || k >= le || raw[k] != ']')
        return 0;
    *number = parse_number(raw + i + 1, k - i - 1);
    *j = k + 1;
    return 1;
}

static int is_next_marker(const writer_t *w, unsigned n);

/* Is n the very marker that should come next (the first may be the
 * source's first note's number)? */
static int is_very_next(const writer_t *w, unsigned n)
{
    return n == w->expected || (w->r->n_markers == 0 && n == w->first);
}

/* A run of 1 to 3 superscript digits at raw[i, *j) ("¹", "²³"): 1, its
 * value in *number. */
static int superscript_number(const char *raw, size_t i, size_t le,
                              size_t *j, unsigned *number)
{
    size_t k = i, len, count = 0;
    unsigned v = 0;
    int d;
    while (k < le && count <= 3 &&
           (d = text_superscript_digit(raw + k, le - k, &len)) >= 0) {
        v = v * 10 + (unsigned)d;
        k += len;
        count++;
    }
    if (count == 0 || count > 3 || v == 0)
        return 0;
    *number = v;
    *j = k;
    return 1;
}

/* Does a unit of measure end at raw[i] ("km²", "m³", "кв. м²"), so that
 * the superscript after it is a power, not a marker? */
static int unit_before(const char *raw, size_t ls, size_t i)
{
    static const char *const units[] = {
        "m", "km", "cm", "mm", "dm", "ft", "yd", "mi", "sq",
        "\xd0\xbc", "\xd0\xba\xd0\xbc", "\xd1\x81\xd0\xbc",
        "\xd0\xbc\xd0\xbc", /* м км см мм */
    };
    size_t s = letters_start(raw, ls, i);
    for (size_t k = 0; k < sizeof units / sizeof *units; k++)
        if (strlen(units[k]) == i - s && memcmp(raw + s, units[k], i - s) == 0)
            return 1;
    return 0;
}

/* Is a marker-like number at raw[i] (n, superscript or "[n]") a footnote
 * marker, by what stands before it?  Glued to a word or closing
 * punctuation: the sequence of markers decides (is_next_marker); glued to
 * a number ("Your 5860²", "1917[2]"): only as the very next marker, and
 * "[n]" not at all when a space comes between ("7 [4] p.m.": an editor's
 * figure); after a space or at a line's start, only as one of the next
 * markers ("[n]" only as the very next).  `bracket`: "[n]" glued to a
 * word is a marker whatever its number, as fond's source format writes
 * them ("Kars.[2][1]"). */
static int marker_here(const writer_t *w, const char *raw, size_t ls,
                       size_t i, unsigned n, int bracket)
{
    size_t at, at2;
    utf8proc_int32_t before = cp_before(raw, ls, i, &at);
    if (before < 0)
        return !bracket && is_next_marker(w, n);
    if (cp_is_digit(before))
        return is_very_next(w, n);
    if (before == ' ' || before == '\t') {
        utf8proc_int32_t before2 = cp_before(raw, ls, at, &at2);
        if (bracket) /* an unusual form: only the very next one */
            return is_very_next(w, n) && !cp_is_digit(before2);
        return is_next_marker(w, n);
    }
    if (cp_is_letter(before) && !bracket && unit_before(raw, ls, i))
        return 0;
    return bracket || is_next_marker(w, n);
}

/* A marker glued to a number by a comma or semicolon, or by a full stop
 * that ends a sentence: "in 1917,2", "came in 1922.2 Armenia" (two digits
 * at most, so "3,080" stays a number; three digits or more before the
 * punctuation, so a decimal "3,5" or "2.5" stays one too; after a full
 * stop, a capital or the line's end, so "861.51/131" stays).  1 and the
 * digits at raw[i, *j), when they are the very next marker. */
static int marker_after_number(const writer_t *w, const char *raw, size_t ls,
                               size_t le, size_t i, size_t *j)
{
    if (!text_is_digit(raw[i]) || i < ls + 4 ||
        (raw[i - 1] != ',' && raw[i - 1] != ';' && raw[i - 1] != '.'))
        return 0;
    size_t k = i, d = i - 1, n;
    while (k < le && k - i < 3 && text_is_digit(raw[k]))
        k++;
    while (d > ls && text_is_digit(raw[d - 1]))
        d--;
    if (k - i > 2 || (k < le && !is_space(raw[k]) && !strchr(".;:)", raw[k])) ||
        i - 1 - d < 3 || (d > ls && !is_space(raw[d - 1]) && raw[d - 1] != '('))
        return 0;
    if (raw[i - 1] == '.' && k < le &&
        (!is_space(raw[k]) || k + 1 >= le ||
         utf8proc_category(cp_at(raw, k + 1, le, &n)) != UTF8PROC_CATEGORY_LU))
        return 0;
    *j = k;
    return is_very_next(w, parse_number(raw + i, k - i));
}

/* "midSeptember": lowercase letters, then a capital starting a lowercase
 * word, inside one word: a hyphen was lost there (ASCII words only). */
static int lost_hyphen_at(const char *raw, size_t ls, size_t i, size_t le)
{
    if (i + 1 >= le || raw[i] < 'A' || raw[i] > 'Z' ||
        raw[i + 1] < 'a' || raw[i + 1] > 'z')
        return 0;
    size_t k = i;
    while (k > ls && raw[k - 1] >= 'a' && raw[k - 1] <= 'z')
        k--;
    unsigned char c = k > ls ? (unsigned char)raw[k - 1] : ' ';
    int starts_word = !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && c < 0x80;
    return i - k >= 2 && starts_word;
}

/* Is a glued n a footnote marker?  Markers run in increasing order: n is
 * the next one expected, or skips at most four (two columns read out of
 * order: "...24", "...25" in the right column before "...21" in the left);
 * or one of the six before it not seen yet.  Before the first marker,
 * the source's first note's number stands for the one expected too. */
static int is_next_marker(const writer_t *w, unsigned n)
{
    if (n >= w->expected && n <= w->expected + 4)
        return 1;
    if (w->r->n_markers == 0 && n >= w->first && n <= w->first + 4)
        return 1;
    if (n == 0 || n >= w->expected || n + 6 < w->expected)
        return 0;
    for (size_t k = w->r->n_markers; k > 0 && k + 12 > w->r->n_markers; k--)
        if (w->r->markers[k - 1].number == n)
            return 0;
    return 1;
}

/* Write one text line's content, taking glued markers out.  Returns 1 if
 * the line ended in a stray page number glued to a letter ("confer19"). */
static int write_line(writer_t *w, const line_t *l)
{
    const char *raw = w->raw;
    size_t run = l->start;
    int broken = 0;
    for (size_t i = l->start; i < l->end; i++) {
        size_t j;
        int after_letter;
        unsigned n;
        int bracket = bracket_marker(raw, i, l->end, &j, &n);
        if (bracket || superscript_number(raw, i, l->end, &j, &n)) {
            if (marker_here(w, raw, l->start, i, n, bracket)) {
                /* "the note [1] was": one space stays, not two */
                int spaced = i > run && is_space(raw[i - 1]) && j < l->end &&
                             is_space(raw[j]);
                copy_run(w, run, i - (size_t)spaced);
                add_marker(w, n);
                run = j;
            }
            i = j - 1; /* else it stays, "km²", "7 [4] p.m." */
        } else if (marker_after_number(w, raw, l->start, l->end, i, &j)) {
            copy_run(w, run, i);
            add_marker(w, parse_number(raw + i, j - i));
            run = j;
            i = j - 1;
        } else if (glued_number(raw, l->start, l->end, i, &j, &after_letter)) {
            n = parse_number(raw + i, j - i);
            int marker = is_next_marker(w, n);
            if (!marker && j != l->end) {
                i = j - 1;
                continue; /* a number of the text */
            }
            copy_run(w, run, i);
            if (marker)
                add_marker(w, n);
            else
                broken = after_letter;
            run = j;
            i = j - 1;
        } else if (lost_hyphen_at(raw, l->start, i, l->end)) {
            copy_run(w, run, i);
            buf_put(&w->out, "-", 1);
            run = i;
        }
    }
    copy_run(w, run, l->end);
    return broken;
}

/* ------------------------------------------------------------ joining lines */

/* Does the output end a sentence (., ! or ?, perhaps inside quotes)? */
static int ends_sentence(const buf_t *out)
{
    size_t i = out->len, at;
    while (i > 0) {
        utf8proc_int32_t cp = cp_before(out->data, 0, i, &at);
        if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026)
            return 1;
        if (!is_closing_punct(cp) || cp == ',' || cp == ';' || cp == ':')
            return 0;
        i = at;
    }
    return 0;
}

static int starts_with_case(const char *raw, const line_t *l,
                            utf8proc_category_t cat)
{
    size_t n;
    utf8proc_int32_t cp = cp_at(raw, l->start, l->end, &n);
    return cp >= 0 && utf8proc_category(cp) == cat;
}

/* A half that is a word of its own: known, and not a stopword ("be",
 * "over"), which a broken word's first syllable often looks like. */
static int is_known_content_word(writer_t *w, const char *s, size_t n)
{
    return n >= 3 && !analyze_is_stopword(s, n) && is_known(w, s, n);
}

/* The word broken at "left-" / "right": join it, or keep the hyphen? */
static int should_join_hyphen(writer_t *w, const char *left, size_t ln,
                              const char *right, size_t rn, int right_upper)
{
    if (joined_is_known(w, left, ln, right, rn))
        return 1; /* "Azer-" / "baijan" */
    if (right_upper)
        return 0; /* "Turkey-" / "South" */
    /* "eight-" / "point": a compound of words, not a broken one */
    return !is_known_content_word(w, left, ln) &&
           !is_known_content_word(w, right, rn);
}

/* What goes between the output so far and line l: nothing (a word joined
 * across the break), a space, or a paragraph break. */
static void write_joint(writer_t *w, const line_t *l, int page_broken,
                        int blank_between)
{
    buf_t *out = &w->out;
    size_t rend = letters_end(w->raw, l->start, l->end);
    const char *right = w->raw + l->start;
    size_t rn = rend - l->start;
    int hyphen = out->len > 1 && out->data[out->len - 1] == '-';
    size_t lstart = letters_start(out->data, 0, out->len - (size_t)hyphen);
    size_t ln = out->len - (size_t)hyphen - lstart;
    if (hyphen && ln > 0 && rn > 0) {
        int upper = starts_with_case(w->raw, l, UTF8PROC_CATEGORY_LU);
        if (should_join_hyphen(w, out->data + lstart, ln, right, rn, upper))
            out->len--;
        return;
    }
    if (page_broken && ln > 0 && rn > 0 &&
        starts_with_case(w->raw, l, UTF8PROC_CATEGORY_LL) &&
        joined_is_known(w, out->data + lstart, ln, right, rn) &&
        !is_known(w, right, rn))
        return; /* "confer19" / "ence" */
    if (blank_between && ends_sentence(out))
        buf_put(out, "\n\n", 2);
    else
        buf_put(out, " ", 1);
}

/* A note line that starts with its own number ("4 Ibid.", "4. Ibid.",
 * "4) Ibid."): a new note.  The number's digits and, in *skip, where its
 * text starts; 0 if the line does not start so. */
static size_t numbered_prefix(const writer_t *w, const line_t *l, size_t *skip)
{
    const char *s = w->raw + l->start;
    size_t n = l->end - l->start, k = 0;
    while (k < n && k < 4 && text_is_digit(s[k]))
        k++;
    if (k == 0 || k > 3)
        return 0;
    size_t t = k < n && (s[k] == '.' || s[k] == ')') ? k + 1 : k;
    if (t >= n || !is_space(s[t]))
        return 0;
    while (t < n && is_space(s[t]))
        t++;
    *skip = t;
    return k;
}

static int looks_like_numbered(const writer_t *w, const line_t *l)
{
    size_t skip;
    return numbered_prefix(w, l, &skip) > 0;
}

/* A numbered line taken for stranded note text whose number no marker
 * before it named is no note: a decree's "1. The frontier ...", a list's
 * item.  It is given back to the text. */
static int is_unnamed_numbered(const writer_t *w, const line_t *l)
{
    size_t skip, k = numbered_prefix(w, l, &skip);
    return k > 0 && !marker_seen(w, parse_number(w->raw + l->start, k));
}

/* The line before a note's line goes on into it: the note's text gets
 * the line (joined with a space, or without the hyphen of a broken word). */
static void continue_note(writer_t *w, const line_t *l)
{
    repair_note_t *note = &w->r->notes[w->r->n_notes - 1];
    size_t have = w->note_len, add = l->end - l->start;
    if (array_reserve(&note->text, &w->note_cap, have + add + 2, 1, 64)) {
        w->failed = 1;
        return;
    }
    char *t = note->text;
    int hyphen = have > 0 && t[have - 1] == '-';
    if (hyphen)
        have--;
    else
        t[have++] = ' ';
    memcpy(t + have, w->raw + l->start, add);
    t[have + add] = '\0';
    w->note_len = have + add;
    note->raw_end = l->end;
}

/* Stranded footnote text: a note of its own number ("3 See: ..."), or of
 * the footnote number alone on the line before it, or of the last marker
 * before it. */
static void add_note(writer_t *w, const line_t *l, unsigned number_before)
{
    const char *s = w->raw + l->start;
    size_t n = l->end - l->start, k = 0;
    size_t digits = numbered_prefix(w, l, &k);
    unsigned number = digits ? parse_number(s, digits)
                      : number_before ? number_before : w->last_marker;
    repair_note_t note = {number, NULL, l->start, l->end, w->out.len};
    note.text = malloc(n - k + 1); /* continue_note() counts on its size */
    if (note.text) {
        memcpy(note.text, s + k, n - k);
        note.text[n - k] = '\0';
    }
    if (!note.text || array_push(&w->r->notes, &w->r->n_notes, &w->cap_notes,
                                 sizeof note, &note) != 0) {
        free(note.text);
        w->failed = 1;
        return;
    }
    w->note_len = n - k;
    w->note_cap = n - k + 1;
}

static void write_lines(writer_t *w, const line_t *lines, size_t n)
{
    int page_broken = 0, blank_between = 0, any = 0;
    for (size_t i = 0; i < n && !w->failed && !w->out.failed; i++) {
        const line_t *l = &lines[i];
        if (l->kind == LINE_BLANK)
            blank_between = 1;
        const line_t *prev = i > 0 ? &lines[i - 1] : NULL;
        int continues = prev && prev->kind == LINE_NOTE &&
                        (w->r->n_notes > 0 || w->demoted) &&
                        note_runs_on(w->raw, prev, l);
        unsigned number_before = prev && prev->kind == LINE_NUMBER
            ? parse_number(w->raw + prev->start, prev->end - prev->start) : 0;
        line_kind_t kind = l->kind;
        if (kind == LINE_NOTE && w->r->n_notes > 0 && !w->demoted &&
            all_digits(w->raw, l->start, l->end - 1, 4) && w->raw[l->end - 1] == '.')
            continue_note(w, l); /* a note's number tail, "21." */
        else if (kind == LINE_NOTE && continues && !looks_like_numbered(w, l)) {
            if (w->demoted)
                kind = LINE_TEXT; /* goes on as it began: as text */
            else
                continue_note(w, l);
        } else if (kind == LINE_NOTE && is_unnamed_numbered(w, l)) {
            kind = LINE_TEXT;
            w->demoted = 1;
        } else if (kind == LINE_NOTE) {
            add_note(w, l, number_before);
            w->demoted = 0;
        } else
            w->demoted = 0;
        if (kind != LINE_TEXT)
            continue;
        if (any)
            write_joint(w, l, page_broken, blank_between);
        page_broken = write_line(w, l);
        blank_between = 0;
        any = 1;
    }
}

/* ------------------------------------------------------------ the API */

fond_status_t repair_text(const char *raw, size_t len, analyzer_t *a,
                          repair_known_fn known, void *ctx, repair_t *out)
{
    return repair_text_from(raw, len, a, known, ctx, 1, out);
}

fond_status_t repair_text_from(const char *raw, size_t len, analyzer_t *a,
                               repair_known_fn known, void *ctx,
                               unsigned first_marker, repair_t *out)
{
    memset(out, 0, sizeof *out);
    line_t *lines = NULL;
    size_t n = 0;
    vocab_t vocab;
    memset(&vocab, 0, sizeof vocab);
    fond_status_t st = split_lines(raw, len, &lines, &n);
    if (st == FOND_OK)
        st = mark_furniture(raw, len, lines, n);
    if (st == FOND_OK)
        classify_lines(raw, lines, n);
    writer_t w = {.raw = raw, .a = a, .lines = lines, .n_lines = n,
                  .vocab = &vocab, .known = known, .ctx = ctx, .r = out,
                  .expected = 1, .first = first_marker ? first_marker : 1};
    if (st == FOND_OK) {
        write_lines(&w, lines, n);
        buf_put(&w.out, "", 0); /* room for the NUL */
        if (w.failed || w.out.failed)
            st = FOND_ERR_NOMEM;
        else if (w.vocab_status != FOND_OK)
            st = w.vocab_status;
    }
    free(lines);
    wordset_free(vocab.words);
    wordset_free(vocab.stems);
    out->text = w.out.data;
    out->len = w.out.len;
    if (st == FOND_OK && !out->text)
        out->text = calloc(1, 1);
    if (st == FOND_OK && !out->text)
        st = FOND_ERR_NOMEM;
    if (st != FOND_OK) {
        repair_free(out);
        return st;
    }
    out->text[out->len] = '\0';
    return FOND_OK;
}

void repair_free(repair_t *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_notes; i++)
        free(r->notes[i].text);
    free(r->notes);
    free(r->markers);
    free(r->anchors);
    free(r->text);
    memset(r, 0, sizeof *r);
}

size_t repair_raw_offset(const repair_t *r, size_t clean)
{
    size_t lo = 0, hi = r->n_anchors;
    if (hi == 0)
        return clean;
    while (hi - lo > 1) { /* the last anchor at or before `clean` */
        size_t mid = (lo + hi) / 2;
        if (r->anchors[mid].clean <= clean)
            lo = mid;
        else
            hi = mid;
    }
    const repair_anchor_t *an = &r->anchors[lo];
    return clean >= an->clean ? an->raw + (clean - an->clean) : an->raw;
}

int repair_clean_offset(const repair_t *r, size_t raw, size_t *clean)
{
    size_t lo = 0, hi = r->n_anchors;
    if (hi == 0) { /* nothing moved */
        *clean = raw;
        return raw < r->len;
    }
    if (r->anchors[0].raw > raw)
        return 0;
    while (hi - lo > 1) { /* the last anchor at or before `raw` */
        size_t mid = (lo + hi) / 2;
        if (r->anchors[mid].raw <= raw)
            lo = mid;
        else
            hi = mid;
    }
    size_t at = r->anchors[lo].clean + (raw - r->anchors[lo].raw);
    size_t run_end = lo + 1 < r->n_anchors ? r->anchors[lo + 1].clean : r->len;
    if (at >= run_end)
        return 0;
    *clean = at;
    return 1;
}
