/*
 * pages.c -- pages, their printed numbers and their furniture (see pages.h).
 *
 * Each page offers up to four candidate lines (its first two and last two
 * that are not blank).  A candidate's key is its words without digits,
 * folded; the keys are hashed and sorted, so that counting on how many
 * pages each recurs costs n log n however many pages there are.
 */
#include "pages.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "hash.h"

#define EDGE_LINES 2         /* candidates at a page's top and at its foot */
#define HEAD_MAX_BYTES 160   /* a running head is one short line */
#define HEAD_MIN_LETTERS 4

typedef struct {
    size_t page;
    size_t start, end;   /* the line, trimmed */
    int at_top;
    int is_number;
    char number[16];     /* the page number it holds, if any */
    uint64_t key;        /* hash of its words without digits; 0: none */
    int furniture;
} cand_t;

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

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
        digits = is_digit(s[k]);
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
    while (k < n && is_digit(s[k]))
        k++;
    if (k > 0 && k <= 4 && (k == n || s[k] == ' ')) {
        memcpy(number, s, k);
        number[k] = '\0';
        return;
    }
    size_t e = n;
    while (e > 0 && is_digit(s[e - 1]))
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
                    size_t end, int at_top)
{
    for (size_t i = c->n; i > 0 && c->items[i - 1].page == page; i--)
        if (c->items[i - 1].start == start)
            return 0; /* a short page: a line both at its top and foot */
    if (array_reserve(&c->items, &c->cap, c->n + 1, sizeof *c->items, 64))
        return -1;
    cand_t *k = &c->items[c->n++];
    memset(k, 0, sizeof *k);
    k->page = page;
    k->start = start;
    k->end = end;
    k->at_top = at_top;
    k->is_number = page_number_line(text + start, end - start, k->number);
    if (!k->is_number) {
        k->key = line_key(text + start, end - start);
        head_number(text + start, end - start, k->number);
    }
    return 0;
}

/* The next non-blank line of text[from, to), trimmed, going forward (or
 * backward from `to`); 0 if there is none. */
static int edge_line(const char *text, size_t from, size_t to, int forward,
                     size_t *ls, size_t *le)
{
    if (forward) {
        size_t i = from;
        while (i < to) {
            const char *nl = memchr(text + i, '\n', to - i);
            size_t stop = nl ? (size_t)(nl - text) : to;
            size_t s = i, e = stop;
            while (s < e && is_blank(text[s]))
                s++;
            while (e > s && is_blank(text[e - 1]))
                e--;
            if (s < e) {
                *ls = s, *le = e;
                return 1;
            }
            i = stop + 1;
        }
        return 0;
    }
    size_t i = to;
    while (i > from) {
        size_t stop = i, s = i;
        while (s > from && text[s - 1] != '\n')
            s--;
        size_t e = stop;
        size_t st = s;
        while (st < e && is_blank(text[st]))
            st++;
        while (e > st && is_blank(text[e - 1]))
            e--;
        if (st < e) {
            *ls = st, *le = e;
            return 1;
        }
        i = s > from ? s - 1 : from;
    }
    return 0;
}

static int gather(const char *text, const page_t *pages, size_t n,
                  cands_t *c)
{
    for (size_t p = 0; p < n; p++) {
        size_t from = pages[p].start, ls, le;
        for (int k = 0; k < EDGE_LINES && edge_line(text, from, pages[p].end,
                                                    1, &ls, &le); k++) {
            if (add_cand(c, text, p, ls, le, 1) != 0)
                return -1;
            from = le;
        }
        size_t to = pages[p].end;
        for (int k = 0; k < EDGE_LINES && edge_line(text, pages[p].start, to,
                                                    0, &ls, &le); k++) {
            if (add_cand(c, text, p, ls, le, 0) != 0)
                return -1;
            to = ls;
        }
    }
    return 0;
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

/* Furniture runs from the page's edge inwards: where it stops, the text
 * starts. */
static void settle(const char *text, page_t *pages, size_t n, cands_t *c)
{
    for (size_t i = 0; i < c->n; i++)
        c->items[i].furniture |= c->items[i].is_number;
    for (size_t i = 0; i < c->n;) {
        size_t p = c->items[i].page, j = i;
        page_t *pg = &pages[p];
        int top_open = 1, foot_open = 1;
        char label[16] = "", carried[16] = "";
        for (; j < c->n && c->items[j].page == p; j++) {
            cand_t *k = &c->items[j];
            int *open = k->at_top ? &top_open : &foot_open;
            if (!k->furniture)
                *open = 0;
            if (!k->furniture || !*open)
                continue;
            if (k->at_top) {
                size_t e = k->end;
                while (e < pg->end && text[e] != '\n')
                    e++;
                pg->head_end = e < pg->end ? e + 1 : e;
            } else if (k->start < pg->foot_start) {
                pg->foot_start = k->start;
            }
            if (k->is_number && !label[0])
                memcpy(label, k->number, sizeof label);
            else if (!k->is_number && k->number[0] && !carried[0])
                memcpy(carried, k->number, sizeof carried);
        }
        memcpy(pg->label, label[0] ? label : carried, sizeof pg->label);
        if (pg->foot_start < pg->head_end)
            pg->foot_start = pg->head_end;
        i = j;
    }
}

fond_status_t page_scan(const char *text, size_t len, page_t **out,
                        size_t *n)
{
    page_t *pages = NULL;
    size_t np = 0, cap = 0;
    for (size_t i = 0; i <= len;) {
        const char *ff = i < len ? memchr(text + i, '\f', len - i) : NULL;
        size_t end = ff ? (size_t)(ff - text) : len;
        if (!ff && end == i && np > 0)
            break; /* nothing after the last form feed */
        if (array_reserve(&pages, &cap, np + 1, sizeof *pages, 16)) {
            free(pages);
            return FOND_ERR_NOMEM;
        }
        pages[np++] = (page_t){i, end, i, end, ""};
        if (!ff)
            break;
        i = end + 1;
    }
    cands_t c = {NULL, 0, 0};
    int failed = np >= 2 && (gather(text, pages, np, &c) != 0 ||
                             judge_heads(&c, np) != 0);
    if (!failed && np >= 2)
        settle(text, pages, np, &c);
    free(c.items);
    if (failed) {
        free(pages);
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
