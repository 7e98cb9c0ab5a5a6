/*
 * damage.c -- a seeded damager: text as PDF extraction gives it back.
 * Usage: damage SEED < clean.txt > damaged.txt
 *
 * A source that opens with a header ("Title: ..." lines up to the first
 * blank line) keeps its header as it is; the body is set in lines of 40 to
 * 75 bytes (a column's width, drawn once for the source) and damaged the way
 * pdftotext damages a two-column article (the corpus's narrative shows each):
 *   - a word of seven letters or more at a line's end is broken there with a
 *     hyphen, a third of the time ("independ-" / "ent");
 *   - about one sentence in twenty-five gets a footnote marker glued to its
 *     last word ("conference.1 Moscow"), and the note's text ("1 See the
 *     report of 1850, p. 23.") comes out at the foot of the page, in the
 *     middle of the flow;
 *   - every 40 to 55 lines, a page ends: its number alone on a line, a form
 *     feed half of the time, and the next page opens with a running head (the
 *     source's title in capitals, or its first words);
 *   - paragraphs keep their blank lines.
 * The same seed and text give the same damage on every machine.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

static size_t rng_range(size_t lo, size_t hi) /* lo .. hi */
{
    return lo + (size_t)(rng_unit() * (double)(hi - lo + 1));
}

static char *read_all(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0, got;
    char *s = malloc(cap);
    while (s && (got = fread(s + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap) {
            char *t = realloc(s, cap *= 2);
            if (!t)
                free(s);
            s = t;
        }
    }
    if (s)
        s[n] = '\0';
    *len = n;
    return s;
}

/* The page being set: its line count, the notes due at its foot. */
typedef struct {
    size_t lines, page_lines, page;
    char notes[4][160];
    size_t n_notes;
    unsigned next_note;
    char head[80];
} page_t;

/* A footnote's text, as a report of the time cites its sources. */
static void note_text(char *out, size_t room)
{
    unsigned a = (unsigned)rng_range(1800, 1990), b = (unsigned)rng_range(2, 400);
    switch (rng_range(0, 3)) {
    case 0:
        snprintf(out, room, "See the report of the Secretary of the Treasury, %u, p. %u.", a, b);
        break;
    case 1:
        snprintf(out, room, "Ibid., pp. %u-%u.", b, b + 3);
        break;
    case 2:
        snprintf(out, room, "Annual Report, %u, vol. %u.", a, b % 40 + 1);
        break;
    default:
        snprintf(out, room, "Statutes at Large, vol. %u, sec. %u.", b % 60 + 1, b);
        break;
    }
}

static void page_line(page_t *pg, const char *line, size_t len);

static void page_end(page_t *pg)
{
    for (size_t i = 0; i < pg->n_notes; i++)
        printf("%s\n", pg->notes[i]);
    pg->n_notes = 0;
    printf("%zu\n", pg->page++);
    if (rng_unit() < 0.5)
        putchar('\f');
    pg->lines = 0;
    pg->page_lines = rng_range(40, 55);
    printf("%s\n", pg->head);
}

static void page_line(page_t *pg, const char *line, size_t len)
{
    fwrite(line, 1, len, stdout);
    putchar('\n');
    if (++pg->lines >= pg->page_lines)
        page_end(pg);
}

/* A footnote marker after this word? Queues the note for the page's foot. */
static int note_marker(page_t *pg, char *out, size_t room)
{
    if (pg->n_notes == 4 || rng_unit() >= 0.04)
        return 0;
    unsigned n = ++pg->next_note;
    char text[120];
    note_text(text, sizeof text);
    snprintf(pg->notes[pg->n_notes++], sizeof pg->notes[0], "%u %s", n, text);
    return snprintf(out, room, "%u", n);
}

static int is_letter_word(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isalpha((unsigned char)w[i]))
            return 0;
    return 1;
}

static int is_vowel(char c) { return strchr("aeiouyAEIOUY", c) != NULL; }

/* Where a typesetter would break a word of letters (seven or more) to fit
 * `room` bytes with its hyphen: after a vowel followed by a consonant, three
 * letters at least on either side; 0 if nowhere. */
static size_t hyphen_point(const char *w, size_t wl, size_t room)
{
    size_t letters = wl - (wl && ispunct((unsigned char)w[wl - 1]));
    if (letters < 7 || !is_letter_word(w, letters))
        return 0;
    size_t cut = letters - 3 < room ? letters - 3 : room;
    for (; cut >= 3; cut--)
        if (is_vowel(w[cut - 1]) && !is_vowel(w[cut]))
            return cut;
    return 0;
}

/* Sets one paragraph (its words) in lines of `width`. */
static void set_paragraph(page_t *pg, char *text, size_t width)
{
    char line[512];
    size_t len = 0;
    for (char *w = strtok(text, " \t\r\n"); w; w = strtok(NULL, " \t\r\n")) {
        char word[300];
        size_t wl = strlen(w);
        if (wl > 200)
            wl = 200;
        memcpy(word, w, wl);
        word[wl] = '\0';
        /* a marker glued after a sentence's last word, before or after its stop */
        if (wl > 1 && strchr(".!?", word[wl - 1])) {
            char mark[16];
            int m = note_marker(pg, mark, sizeof mark);
            if (m > 0 && wl + (size_t)m < sizeof word - 1) {
                memcpy(word + wl, mark, (size_t)m + 1);
                wl += (size_t)m;
            }
        }
        if (len && len + 1 + wl > width) {
            /* a long word at the line's end: broken with a hyphen */
            size_t cut = hyphen_point(word, wl, width > len + 2 ? width - len - 2 : 0);
            if (cut && rng_unit() < 0.33) {
                line[len++] = ' ';
                memcpy(line + len, word, cut);
                len += cut;
                line[len++] = '-';
                page_line(pg, line, len);
                memmove(word, word + cut, wl - cut + 1);
                wl -= cut;
                len = 0;
            }
            if (len) {
                page_line(pg, line, len);
                len = 0;
            }
        }
        if (len)
            line[len++] = ' ';
        memcpy(line + len, word, wl);
        len += wl;
    }
    if (len)
        page_line(pg, line, len);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: damage SEED < clean.txt > damaged.txt\n", stderr);
        return 2;
    }
    rng_state = strtoull(argv[1], NULL, 10);
    size_t n;
    char *text = read_all(stdin, &n);
    if (!text) {
        fputs("damage: out of memory\n", stderr);
        return 2;
    }
    char *body = text;
    page_t pg = {.page = 1, .page_lines = rng_range(40, 55)};
    if (!strncmp(text, "Title: ", 7)) {
        char *end = strstr(text, "\n\n");
        body = end ? end + 2 : text + n;
        fwrite(text, 1, (size_t)(body - text), stdout);
        size_t tl = strcspn(text + 7, "\n");
        snprintf(pg.head, sizeof pg.head, "%.*s", (int)(tl < 70 ? tl : 70), text + 7);
        for (char *p = pg.head; *p; p++)
            *p = (char)toupper((unsigned char)*p);
    } else {
        size_t i = 0, words = 0;
        while (body[i] && words < 6 && i < 60) {
            if (isspace((unsigned char)body[i]) && i && !isspace((unsigned char)body[i - 1]))
                words++;
            i++;
        }
        snprintf(pg.head, sizeof pg.head, "%.*s", (int)i, body);
        for (char *p = pg.head; *p; p++)
            if (*p == '\n' || *p == '\t')
                *p = ' ';
    }
    size_t width = rng_range(40, 75);
    /* paragraphs: split at blank lines */
    char *p = body;
    while (*p) {
        char *end = strstr(p, "\n\n");
        if (end)
            *end = '\0';
        set_paragraph(&pg, p, width);
        if (!end)
            break;
        p = end + 2;
        while (*p == '\n')
            p++;
        if (*p)
            page_line(&pg, "", 0);
    }
    for (size_t i = 0; i < pg.n_notes; i++)
        printf("%s\n", pg.notes[i]);
    printf("%zu\n", pg.page);
    free(text);
    return 0;
}
