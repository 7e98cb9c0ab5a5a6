/*
 * pages.c -- pages, their printed numbers and their furniture (see pages.h).
 *
 * Each page offers its candidate lines (its first two and last two that
 * are not blank, and those that stand alone between blank lines: the
 * reading order of pdftotext may put a page's head mid-page, between its
 * columns).  A candidate's key is its words without digits,
 * folded; the keys are hashed and sorted, so that counting on how many
 * pages each recurs costs n log n however many pages there are.
 */
#include "pages.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "hash.h"
#include "text.h"

#define EDGE_LINES 2         /* candidates at a page's top and at its foot */
#define HEAD_MAX_BYTES 80    /* a running head is one short line */
#define HEAD_MIN_LETTERS 4

typedef struct {
    size_t page;
    size_t start, end;   /* the line, trimmed */
    int is_number;
    char number[16];     /* the page number it holds, if any */
    uint64_t key;        /* hash of its words without digits; 0: none */
    int furniture;
} cand_t;

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* A lower-case roman numeral of up to 7 letters ("xiv"). */
static int is_roman(const char *s, size_t n)
{
    if (n == 0 || n > 7)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!strchr("ivxlc", s[i]))
            return 0;
    return 1;
}

/* The length of the dash (-, en or em dash) or bracket at s[i], 0 if
 * none. */
static size_t dash_at(const char *s, size_t i, size_t j)
{
    if (s[i] == '-' || s[i] == '[' || s[i] == ']' || s[i] == '(' ||
        s[i] == ')' || s[i] == ' ')
        return 1;
    if (j - i >= 3 && memcmp(s + i, "\xE2\x80", 2) == 0 &&
        ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
        return 3;
    return 0;
}

/* Does s[0, n) hold only a page number ("227", "- 227 -", "— 227 —",
 * "[227]", "Page 227", "xiv")?  Then it is copied into number. */
static int page_number_line(const char *s, size_t n, char number[16])
{
    size_t i = 0, j = n, d;
    while (i < j && (d = dash_at(s, i, j)))
        i += d;
    for (int stripped = 1; stripped && j > i;) {
        stripped = 0;
        if (dash_at(s, j - 1, j) == 1)
            j--, stripped = 1;
        else if (j - i >= 3 && dash_at(s, j - 3, j) == 3)
            j -= 3, stripped = 1;
    }
    static const char *const words[] = {"Page ", "page ", "p. ", "P. "};
    for (size_t k = 0; k < 4; k++) {
        size_t m = strlen(words[k]);
        if (j - i > m && memcmp(s + i, words[k], m) == 0) {
            i += m;
            break;
        }
    }
    size_t len = j - i;
    int digits = len > 0 && len <= 4;
    for (size_t k = i; digits && k < j; k++)
        digits = text_is_digit(s[k]);
    if (!digits && !is_roman(s + i, len))
        return 0;
    memcpy(number, s + i, len);
    number[len] = '\0';
    return 1;
}

/* The number (1 to 4 digits) a running head carries at its start or end. */
static void head_number(const char *s, size_t n, char number[16])
{
    size_t k = 0;
    while (k < n && text_is_digit(s[k]))
        k++;
    if (k > 0 && k <= 4 && (k == n || s[k] == ' ')) {
        memcpy(number, s, k);
        number[k] = '\0';
        return;
    }
    size_t e = n;
    while (e > 0 && text_is_digit(s[e - 1]))
        e--;
    if (e < n && n - e <= 4 && (e == 0 || s[e - 1] == ' ')) {
        memcpy(number, s + e, n - e);
        number[n - e] = '\0';
        return;
    }
    number[0] = '\0';
}

/* The hash of a line's words, folded, digits and punctuation left out;
 * 0 when it has too few letters to be a running head. */
static uint64_t line_key(const char *s, size_t n)
{
    if (n > HEAD_MAX_BYTES)
        return 0;
    uint64_t h = HASH_FNV_OFFSET;
    size_t letters = 0;
    int gap = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int letter = c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
        if (!letter) {
            gap = letters > 0;
            continue;
        }
        if (gap)
            h = hash_bytes(h, " ", 1);
        gap = 0;
        char lower = (char)(c < 0x80 ? (c | 0x20) : c);
        h = hash_bytes(h, &lower, 1);
        letters++;
    }
    return letters >= HEAD_MIN_LETTERS ? (h ? h : 1) : 0;
}

/* ------------------------------------------------------------ candidates */

typedef struct {
    cand_t *items;
    size_t n, cap;
} cands_t;

static int add_cand(cands_t *c, const char *text, size_t page, size_t start,
                    size_t end, int at_edge)
{
    if (end - start > HEAD_MAX_BYTES)
        return 0;
    if (array_reserve(&c->items, &c->cap, c->n + 1, sizeof *c->items, 64))
        return -1;
    cand_t *k = &c->items[c->n++];
    memset(k, 0, sizeof *k);
    k->page = page;
    k->start = start;
    k->end = end;
    /* Mid-page (where pdftotext's reading order may put a page's head), a
     * bare number is more likely a footnote's: only "- 2 -", "Page 2". */
    k->is_number = page_number_line(text + start, end - start, k->number) &&
                   (at_edge || !text_is_digit(text[start]));
    if (!k->is_number) {
        k->key = line_key(text + start, end - start);
        head_number(text + start, end - start, k->number);
    }
    return 0;
}

typedef struct {
    size_t start, end; /* trimmed; start == end: blank */
} span_t;

/* The page's lines, trimmed. */
static int page_lines(const char *text, const page_t *pg, span_t **lines,
                      size_t *n, size_t *cap)
{
    *n = 0;
    for (size_t i = pg->start; i < pg->end;) {
        const char *nl = memchr(text + i, '\n', pg->end - i);
        size_t stop = nl ? (size_t)(nl - text) : pg->end;
        span_t l = {i, stop};
        while (l.start < l.end && is_blank(text[l.start]))
            l.start++;
        while (l.end > l.start && is_blank(text[l.end - 1]))
            l.end--;
        if (array_reserve(lines, cap, *n + 1, sizeof **lines, 64))
            return -1;
        (*lines)[(*n)++] = l;
        i = stop + 1;
    }
    return 0;
}

/* A page's candidates: its first two and last two lines that are not
 * blank, and every line that stands alone between blank lines. */
static int gather(const char *text, const page_t *pages, size_t n,
                  cands_t *c)
{
    span_t *lines = NULL;
    size_t nl = 0, cap = 0;
    int failed = 0;
    for (size_t p = 0; p < n && !failed; p++) {
        failed = page_lines(text, &pages[p], &lines, &nl, &cap) != 0;
        size_t texts = 0, seen = 0;
        for (size_t i = 0; i < nl; i++)
            texts += lines[i].start < lines[i].end;
        for (size_t i = 0; i < nl && !failed; i++) {
            if (lines[i].start == lines[i].end)
                continue;
            seen++;
            int edge = seen <= EDGE_LINES || seen + EDGE_LINES > texts;
            int alone = (i == 0 || lines[i - 1].start == lines[i - 1].end) &&
                        (i + 1 == nl || lines[i + 1].start == lines[i + 1].end);
            if (edge || alone)
                failed = add_cand(c, text, p, lines[i].start, lines[i].end,
                                  edge) != 0;
        }
    }
    free(lines);
    return failed ? -1 : 0;
}

/* ------------------------------------------------------------ judging */

static int by_key_then_page(const void *a, const void *b)
{
    const cand_t *x = *(cand_t *const *)a, *y = *(cand_t *const *)b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->page < y->page ? -1 : x->page > y->page;
}

/* Mark the candidates whose key recurs on enough pages as furniture. */
static int judge_heads(cands_t *c, size_t n_pages)
{
    if (n_pages < 3 || c->n == 0)
        return 0;
    cand_t **sorted = malloc(c->n * sizeof *sorted);
    if (!sorted)
        return -1;
    for (size_t i = 0; i < c->n; i++)
        sorted[i] = &c->items[i];
    qsort(sorted, c->n, sizeof *sorted, by_key_then_page);
    for (size_t i = 0; i < c->n;) {
        size_t j = i, pages = 0;
        while (j < c->n && sorted[j]->key == sorted[i]->key) {
            pages += j == i || sorted[j]->page != sorted[j - 1]->page;
            j++;
        }
        int recurs = sorted[i]->key && pages >= 2 && pages * 5 >= n_pages * 2;
        for (size_t k = i; recurs && k < j; k++)
            sorted[k]->furniture = 1;
        i = j;
    }
    free(sorted);
    return 0;
}

static int by_int(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return x < y ? -1 : x > y;
}

/* Page numbers run with the pages: number = page + offset, one offset for
 * the document (0 for a report, 226 for an article from p. 227 on).  The
 * offset most pages agree on (two at least, with three pages or more) is
 * the document's; a bare number that disagrees (a footnote's number at the
 * foot of a page) is no page number. */
static int vote_numbers(cands_t *c, size_t n_pages)
{
    long *offsets = malloc((c->n ? c->n : 1) * sizeof *offsets);
    size_t n = 0;
    if (!offsets)
        return -1;
    for (size_t i = 0; i < c->n; i++)
        if (c->items[i].is_number && text_is_digit(c->items[i].number[0]))
            offsets[n++] = atol(c->items[i].number) - (long)c->items[i].page - 1;
    qsort(offsets, n, sizeof *offsets, by_int);
    long best = 0;
    size_t best_count = 0;
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i; j < n && offsets[j] == offsets[i]; j++)
            ;
        if (j - i > best_count)
            best = offsets[i], best_count = j - i;
    }
    free(offsets);
    int agreed = best_count >= (n_pages >= 3 ? 2 : 1);
    for (size_t i = 0; i < c->n; i++) {
        cand_t *k = &c->items[i];
        if (k->is_number && text_is_digit(k->number[0]) &&
            (!agreed || atol(k->number) - (long)k->page - 1 != best))
            k->is_number = 0;
    }
    return 0;
}

/* Each page's label: its page number, else the number its running head
 * carries; and the furniture, in text order. */
static int settle(page_t *pages, cands_t *c, page_span_t **furniture,
                  size_t *n_furniture)
{
    size_t cap = 0;
    *furniture = NULL;
    *n_furniture = 0;
    for (size_t i = 0; i < c->n; i++) {
        cand_t *k = &c->items[i];
        if (!k->furniture && !k->is_number)
            continue;
        page_t *pg = &pages[k->page];
        if (k->is_number && (!pg->label[0] || !pg->numbered)) {
            memcpy(pg->label, k->number, sizeof pg->label);
            pg->numbered = 1;
        } else if (!pg->label[0] && k->number[0]) {
            memcpy(pg->label, k->number, sizeof pg->label);
        }
        if (array_reserve(furniture, &cap, *n_furniture + 1,
                          sizeof **furniture, 16))
            return -1;
        (*furniture)[(*n_furniture)++] = (page_span_t){k->start, k->end};
    }
    return 0;
}

fond_status_t page_scan(const char *text, size_t len, page_t **out,
                        size_t *n, page_span_t **furniture,
                        size_t *n_furniture)
{
    page_t *pages = NULL;
    size_t np = 0, cap = 0;
    *furniture = NULL;
    *n_furniture = 0;
    for (size_t i = 0; i <= len;) {
        const char *ff = i < len ? memchr(text + i, '\f', len - i) : NULL;
        size_t end = ff ? (size_t)(ff - text) : len;
        if (!ff && end == i && np > 0)
            break; /* nothing after the last form feed */
        if (array_reserve(&pages, &cap, np + 1, sizeof *pages, 16)) {
            free(pages);
            return FOND_ERR_NOMEM;
        }
        pages[np++] = (page_t){i, end, "", 0};
        if (!ff)
            break;
        i = end + 1;
    }
    cands_t c = {NULL, 0, 0};
    int failed = np >= 2 && (gather(text, pages, np, &c) != 0 ||
                             judge_heads(&c, np) != 0 ||
                             vote_numbers(&c, np) != 0 ||
                             settle(pages, &c, furniture, n_furniture) != 0);
    free(c.items);
    if (failed) {
        free(pages);
        free(*furniture);
        *furniture = NULL;
        *n_furniture = 0;
        return FOND_ERR_NOMEM;
    }
    *out = pages;
    *n = np;
    return FOND_OK;
}

size_t page_at(const page_t *pages, size_t n, size_t at)
{
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (pages[mid].start <= at)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}
