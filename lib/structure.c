/*
 * structure.c -- reading a source's fields from its printed form (see
 * structure.h).
 *
 * The first and last few KB of the text are cut into trimmed lines.  The
 * head's lines are classified in order (edition number, source note,
 * "[Received ...]", type line, dateline, salutation, heading) until the
 * first line of the body; the tail's are walked back from the end
 * (source note, dateline, signature, the complimentary close) until the
 * body.  Each test looks at one line (a heading at up to three) with
 * bounded word lists, so the whole is linear in the bytes read.
 *
 * The rules are the general forms of documentary editions (FRUS, British
 * Documents on Foreign Policy, Documents diplomatiques français, Akten zur
 * deutschen auswärtigen Politik, Dokumenty vneshnei politiki SSSR), not
 * any one volume: a line is a heading only when its words read as offices
 * and names (capitalised, or office and function words), or when a type
 * line or dateline follows it; a narrative's first sentence is neither.
 */
#include "structure.h"
#include "citation.h"
#include "dates.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

#define LINES_MAX 96      /* lines kept of the head, and of the tail */
#define HEAD_LINES 14     /* non-blank lines of the head looked at */
#define TAIL_LINES 10     /* ... and of the tail */
#define HEADING_MAX 400   /* the longest heading, in bytes */
#define WORDS_MAX 40      /* the most words a heading has */

typedef struct {
    const char *s;
    size_t n;
    size_t offset; /* of the line in the text */
} span_t;

typedef struct {
    span_t line[LINES_MAX];
    size_t n;
} lines_t;

/* What has been read so far: strings point into the text (or the heading
 * buffer) until structure_read copies them out. */
typedef struct {
    span_t title, from, to, place, ref, signer, from_place;
    span_t from_side; /* the heading's sender as printed */
    unsigned heading_note; /* the footnote marker on the heading, or 0 */
    const char *type;
    char date[9];
    int heading, salutation, received, numbered_body, despatch_number;
    int timed; /* the dateline gives the time of day: a telegram's */
    char heading_buf[HEADING_MAX + 1]; /* a heading over lines, joined */
    char title_buf[HEADING_MAX + 1];   /* a first page's title, so */
} found_t;

/* ------------------------------------------------------------ letters */

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* The character at s[0, n) folded to lower case (ASCII, Latin-1
 * capitals, Cyrillic А-Я and Ё) into out; its length in s (at least 1). */
static size_t fold_char(const char *s, size_t n, char out[2], size_t *out_len)
{
    unsigned char a = (unsigned char)s[0], b = n > 1 ? (unsigned char)s[1] : 0;
    size_t len = text_utf8_length(s, n);
    if (len == 2 && a == 0xC3 && b <= 0x9E && b != 0x97) {
        out[0] = (char)a, out[1] = (char)(b + 0x20), *out_len = 2;
    } else if (len == 2 && a == 0xD0 && b >= 0x90 && b <= 0xAF) {
        out[0] = (char)(b < 0xA0 ? 0xD0 : 0xD1);
        out[1] = (char)(b < 0xA0 ? b + 0x20 : b - 0x20), *out_len = 2;
    } else if (len == 2 && a == 0xD0 && b == 0x81) { /* Ё */
        out[0] = (char)0xD1, out[1] = (char)0x91, *out_len = 2;
    } else if (len >= 1) {
        out[0] = (char)ascii_lower(a), *out_len = 1;
        if (len == 2)
            out[1] = (char)b, *out_len = 2;
        else if (len > 2)
            *out_len = 0; /* compared byte for byte below */
    } else {
        *out_len = 0;
    }
    return len ? len : 1;
}

/* Does s[0, n) start with `word` (lower case UTF-8), folding case?  The
 * length matched in s, or 0. */
static size_t starts_folded(const char *s, size_t n, const char *word)
{
    size_t i = 0, w = 0, wn = strlen(word);
    while (w < wn) {
        if (i >= n)
            return 0;
        char f[2];
        size_t fl;
        size_t cl = fold_char(s + i, n - i, f, &fl);
        if (fl == 0) { /* a character folding leaves alone */
            if (cl > wn - w || memcmp(s + i, word + w, cl) != 0)
                return 0;
        } else if (fl > wn - w || memcmp(f, word + w, fl) != 0) {
            return 0;
        }
        i += cl;
        w += fl ? fl : cl;
    }
    return i;
}

/* Does a letter start at c: ASCII, or the lead byte of Latin-1's and
 * Latin Extended's letters, Greek or Cyrillic (0xC3-0xD4), not of
 * punctuation ("—", "«", a no-break space)? */
static int is_letter_byte(char c)
{
    unsigned char u = (unsigned char)c;
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (u >= 0xC3 && u <= 0xD4);
}

/* Does s[0, n) start with the word `word` (a whole word: what follows is
 * not a letter)?  The length matched, or 0. */
static size_t starts_word(const char *s, size_t n, const char *word)
{
    size_t m = starts_folded(s, n, word);
    if (!m || (m < n && is_letter_byte(s[m]) && word[strlen(word) - 1] != '.'))
        return 0;
    return m;
}

/* Is s[0, n) exactly `word`, folding case? */
static int is_word(const char *s, size_t n, const char *word)
{
    return n && starts_folded(s, n, word) == n;
}

static int in_list(const char *s, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (is_word(s, n, list[i]))
            return 1;
    return 0;
}

/* Is the first letter of s a capital (Latin, Latin-1, Cyrillic)? */
static int is_capital(const char *s, size_t n)
{
    if (!n)
        return 0;
    unsigned char a = (unsigned char)s[0], b = n > 1 ? (unsigned char)s[1] : 0;
    return (a >= 'A' && a <= 'Z') || (a == 0xC3 && b >= 0x80 && b <= 0x9E) ||
           (a == 0xD0 && b >= 0x80 && b <= 0xAF);
}

static int has_digit(span_t s)
{
    for (size_t i = 0; i < s.n; i++)
        if (text_is_digit(s.s[i]))
            return 1;
    return 0;
}

/* Is every letter of s a capital ("FRANCIS", "FOREIGN OFFICE")? */
static int all_capitals(span_t s)
{
    int letters = 0;
    for (size_t i = 0; i < s.n;) {
        char f[2];
        size_t fl, cl = fold_char(s.s + i, s.n - i, f, &fl);
        if (is_letter_byte(s.s[i])) {
            if (!is_capital(s.s + i, s.n - i))
                return 0;
            letters++;
        }
        i += cl;
    }
    return letters >= 2;
}

/* ------------------------------------------------------------ spans */

static int is_blank(char c)
{
    return text_is_space(c);
}

static span_t trim(span_t s)
{
    while (s.n && is_blank(s.s[0]))
        s.s++, s.n--, s.offset++;
    while (s.n && is_blank(s.s[s.n - 1]))
        s.n--;
    return s;
}

/* s without the characters of `chars` at either end, nor white space. */
static span_t strip(span_t s, const char *chars)
{
    s = trim(s);
    while (s.n && strchr(chars, s.s[0]))
        s.s++, s.n--, s.offset++;
    while (s.n && strchr(chars, s.s[s.n - 1]))
        s.n--;
    return trim(s);
}

static span_t tail_from(span_t s, size_t k)
{
    span_t t = {s.s + k, s.n - k, s.offset + k};
    return t;
}

/* The next word of s from *i (white space separates words); 0 at the
 * end. */
static int next_word(span_t s, size_t *i, span_t *w)
{
    while (*i < s.n && is_blank(s.s[*i]))
        (*i)++;
    if (*i >= s.n)
        return 0;
    size_t b = *i;
    while (*i < s.n && !is_blank(s.s[*i]))
        (*i)++;
    *w = (span_t){s.s + b, *i - b, s.offset + b};
    return 1;
}

static size_t count_words(span_t s)
{
    size_t i = 0, n = 0;
    span_t w;
    while (next_word(s, &i, &w))
        n++;
    return n;
}

/* Where `needle` first occurs in s at or after `from`, outside
 * parentheses and brackets; s.n if nowhere. */
static size_t find_outside(span_t s, size_t from, const char *needle)
{
    size_t nn = strlen(needle);
    int depth = 0;
    for (size_t i = 0; i < s.n; i++) {
        char c = s.s[i];
        depth += c == '(' || c == '[';
        depth -= (c == ')' || c == ']') && depth > 0;
        if (i >= from && depth == 0 && nn <= s.n - i &&
            starts_folded(s.s + i, s.n - i, needle) == nn)
            return i;
    }
    return s.n;
}

/* Cut text[from, to) into trimmed lines (blank ones with n 0), keeping the
 * first LINES_MAX (keep_last 0) or the last. */
static void lines_cut(const char *text, size_t from, size_t to, int keep_last,
                      lines_t *l)
{
    l->n = 0;
    for (size_t i = from; i < to;) {
        const char *nl = memchr(text + i, '\n', to - i);
        size_t end = nl ? (size_t)(nl - text) : to;
        span_t line = trim((span_t){text + i, end - i, i});
        if (l->n == LINES_MAX) {
            if (!keep_last)
                return;
            memmove(l->line, l->line + 1, (LINES_MAX - 1) * sizeof *l->line);
            l->n--;
        }
        l->line[l->n++] = line;
        i = end + 1;
    }
}

/* ------------------------------------------------------------ word lists */

static const char *const articles[] = {
    "the", "le", "la", "les", "l'", "l\xE2\x80\x99", "der", "die", "das",
    "den", "dem", "des", NULL};

/* Words that join the parts of an office or a place. */
static const char *const function_words[] = {
    "of", "in", "at", "for", "and", "on", "the", "de", "des", "du", "la",
    "le", "les", "l'", "d'", "en", "et", "pour", "près", "auprès", "der",
    "die", "das", "dem", "den", "im", "am", "für", "f\xC3\xBCr", "und",
    "von", "zu", "zur", "zum", "bei", "beim", "in", "\xD0\xB2",
    "\xD0\xB2\xD0\xBE", "\xD0\xBD\xD0\xB0", "\xD0\xB8", "\xD0\xBF\xD1\x80\xD0\xB8",
    "\xD0\xBF\xD0\xBE", "\xD0\xBA", "\xD1\x81", "\xD0\xB4\xD0\xBB\xD1\x8F",
    "a.i.", "ad", "interim", "\xC3\xA0", "au", "aux", NULL};

/* Lower-case words of offices (French and Russian write offices so), in
 * their forms after an article or a preposition. */
static const char *const office_words[] = {
    "ministre", "ambassadeur", "charg\xC3\xA9", "d'affaires",
    "d\xE2\x80\x99" "affaires", "affaires", "\xC3\xA9trang\xC3\xA8res",
    "consul", "pr\xC3\xA9sident", "secr\xC3\xA9taire", "directeur",
    "d\xC3\xA9l\xC3\xA9gu\xC3\xA9", "haut-commissaire", "commissaire",
    "repr\xC3\xA9sentant", "g\xC3\xA9n\xC3\xA9ral", "extraordinaire",
    "pl\xC3\xA9nipotentiaire", "gouvernement", "int\xC3\xA9rim",
    "envoy\xC3\xA9", "conseil", "guerre", "marine", "colonies",
    "int\xC3\xA9rieur", "finances", "r\xC3\xA9sident", "politique",
    "commerciales", "directeur", "adjoint", "sous-secr\xC3\xA9taire",
    "minister", "ambassador", "secretary", "consul-general", "envoy",
    "acting", "special", "assistant", "chief", "counselor", "chargé",
    "ambassade", "l\xC3\xA9gation", "consulat", "minist\xC3\xA8re",
    "d\xC3\xA9partement", "haut-commissariat", "d\xC3\xA9l\xC3\xA9gation",
    "pr\xC3\xA9sidence", "\xD0\xBF\xD0\xBE\xD0\xB2\xD0\xB5\xD1\x80\xD0\xB5\xD0\xBD\xD0\xBD\xD0\xBE\xD0\xB3\xD0\xBE", /* поверенного */
    "\xD0\xB4\xD0\xB5\xD0\xBB\xD0\xB0\xD1\x85", /* делах */
    "\xD0\xBF\xD0\xBE\xD0\xBB\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB4\xD1\x81\xD1\x82\xD0\xB2\xD0\xBE", /* полпредство */
    "\xD0\xBF\xD0\xBE\xD0\xBB\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB4\xD1\x81\xD1\x82\xD0\xB2\xD0\xB0", /* полпредства */
    "\xD0\xBF\xD0\xBE\xD1\x81\xD0\xBE\xD0\xBB\xD1\x8C\xD1\x81\xD1\x82\xD0\xB2\xD0\xBE", /* посольство */
    "\xD0\xBF\xD0\xBE\xD1\x81\xD0\xBE\xD0\xBB\xD1\x8C\xD1\x81\xD1\x82\xD0\xB2\xD0\xB0", /* посольства */
    "\xD0\xBF\xD0\xBE\xD1\x81\xD0\xBB\xD0\xB0\xD0\xBD\xD0\xBD\xD0\xB8\xD0\xBA", /* посланник */
    "\xD0\xBF\xD0\xBE\xD1\x81\xD0\xBB\xD0\xB0\xD0\xBD\xD0\xBD\xD0\xB8\xD0\xBA\xD0\xB0", /* посланника */
    /* нарком, народный комиссар ..., in the forms headings use */
    "\xD0\xBD\xD0\xB0\xD1\x80\xD0\xBA\xD0\xBE\xD0\xBC", /* нарком */
    "\xD0\xBD\xD0\xB0\xD1\x80\xD0\xBA\xD0\xBE\xD0\xBC\xD0\xB0", /* наркома */
    "\xD0\xBD\xD0\xB0\xD1\x80\xD0\xBA\xD0\xBE\xD0\xBC\xD1\x83", /* наркому */
    "\xD0\xBD\xD0\xB0\xD1\x80\xD0\xBE\xD0\xB4\xD0\xBD\xD1\x8B\xD0\xB9", /* народный */
    "\xD0\xBD\xD0\xB0\xD1\x80\xD0\xBE\xD0\xB4\xD0\xBD\xD0\xBE\xD0\xB3\xD0\xBE", /* народного */
    "\xD0\xBA\xD0\xBE\xD0\xBC\xD0\xB8\xD1\x81\xD1\x81\xD0\xB0\xD1\x80", /* комиссар */
    "\xD0\xBA\xD0\xBE\xD0\xBC\xD0\xB8\xD1\x81\xD1\x81\xD0\xB0\xD1\x80\xD0\xB0", /* комиссара */
    "\xD0\xB8\xD0\xBD\xD0\xBE\xD1\x81\xD1\x82\xD1\x80\xD0\xB0\xD0\xBD\xD0\xBD\xD1\x8B\xD1\x85", /* иностранных */
    "\xD0\xB4\xD0\xB5\xD0\xBB", /* дел */
    "\xD0\xBF\xD0\xBE\xD0\xBB\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB4", /* полпред */
    "\xD0\xBF\xD0\xBE\xD0\xBB\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB4\xD0\xB0", /* полпреда */
    "\xD0\xBF\xD0\xBE\xD0\xBB\xD0\xBD\xD0\xBE\xD0\xBC\xD0\xBE\xD1\x87\xD0\xBD\xD1\x8B\xD0\xB9", /* полномочный */
    "\xD0\xBF\xD0\xBE\xD0\xBB\xD0\xBD\xD0\xBE\xD0\xBC\xD0\xBE\xD1\x87\xD0\xBD\xD0\xBE\xD0\xB3\xD0\xBE", /* полномочного */
    "\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB4\xD1\x81\xD1\x82\xD0\xB0\xD0\xB2\xD0\xB8\xD1\x82\xD0\xB5\xD0\xBB\xD1\x8C", /* представитель */
    "\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB4\xD1\x81\xD1\x82\xD0\xB0\xD0\xB2\xD0\xB8\xD1\x82\xD0\xB5\xD0\xBB\xD1\x8F", /* представителя */
    "\xD0\xBF\xD0\xBE\xD1\x81\xD0\xBE\xD0\xBB", /* посол */
    "\xD0\xBF\xD0\xBE\xD1\x81\xD0\xBB\xD0\xB0", /* посла */
    "\xD0\xBF\xD0\xBE\xD0\xB2\xD0\xB5\xD1\x80\xD0\xB5\xD0\xBD\xD0\xBD\xD1\x8B\xD0\xB9", /* поверенный */
    "\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB4\xD1\x81\xD0\xB5\xD0\xB4\xD0\xB0\xD1\x82\xD0\xB5\xD0\xBB\xD1\x8C", /* председатель */
    "\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB4\xD1\x81\xD0\xB5\xD0\xB4\xD0\xB0\xD1\x82\xD0\xB5\xD0\xBB\xD1\x8F", /* председателя */
    "\xD0\xBC\xD0\xB8\xD0\xBD\xD0\xB8\xD1\x81\xD1\x82\xD1\x80", /* министр */
    "\xD0\xBC\xD0\xB8\xD0\xBD\xD0\xB8\xD1\x81\xD1\x82\xD1\x80\xD0\xB0", /* министра */
    "\xD0\xB7\xD0\xB0\xD0\xBC\xD0\xB5\xD1\x81\xD1\x82\xD0\xB8\xD1\x82\xD0\xB5\xD0\xBB\xD1\x8C", /* заместитель */
    "\xD0\xB7\xD0\xB0\xD0\xBC\xD0\xB5\xD1\x81\xD1\x82\xD0\xB8\xD1\x82\xD0\xB5\xD0\xBB\xD1\x8F", /* заместителя */
    "\xD1\x81\xD0\xBE\xD0\xB2\xD0\xB5\xD1\x82\xD0\xB0", /* совета */
    "\xD0\xBA\xD0\xBE\xD0\xBB\xD0\xBB\xD0\xB5\xD0\xB3\xD0\xB8\xD0\xB8", /* коллегии */
    "\xD1\x87\xD0\xBB\xD0\xB5\xD0\xBD", /* член */
    "\xD1\x87\xD0\xBB\xD0\xB5\xD0\xBD\xD0\xB0", /* члена */
    "\xD0\xBA\xD0\xBE\xD0\xBD\xD1\x81\xD1\x83\xD0\xBB", /* консул */
    "\xD0\xBA\xD0\xBE\xD0\xBD\xD1\x81\xD1\x83\xD0\xBB\xD0\xB0", /* консула */
    "\xD0\xB3\xD0\xB5\xD0\xBD\xD0\xB5\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8C\xD0\xBD\xD1\x8B\xD0\xB9", /* генеральный */
    "\xD0\xB3\xD0\xB5\xD0\xBD\xD0\xB5\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8C\xD0\xBD\xD0\xBE\xD0\xB3\xD0\xBE", /* генерального */
    "\xD0\xBF\xD1\x80\xD0\xB0\xD0\xB2\xD0\xB8\xD1\x82\xD0\xB5\xD0\xBB\xD1\x8C\xD1\x81\xD1\x82\xD0\xB2\xD0\xBE", /* правительство */
    "\xD0\xBF\xD1\x80\xD0\xB0\xD0\xB2\xD0\xB8\xD1\x82\xD0\xB5\xD0\xBB\xD1\x8C\xD1\x81\xD1\x82\xD0\xB2\xD0\xB0", /* правительства */
    "\xD0\xB4\xD0\xB5\xD0\xBB\xD0\xB0\xD0\xBC", /* делам */
    "\xD0\xB2\xD1\x80\xD0\xB5\xD0\xBC\xD0\xB5\xD0\xBD\xD0\xBD\xD1\x8B\xD0\xB9", /* временный */
    "\xD0\xB2\xD1\x80\xD0\xB5\xD0\xBC\xD0\xB5\xD0\xBD\xD0\xBD\xD0\xBE\xD0\xB3\xD0\xBE", /* временного */
    "\xD1\x81\xD0\xB5\xD0\xBA\xD1\x80\xD0\xB5\xD1\x82\xD0\xB0\xD1\x80\xD1\x8C", /* секретарь */
    "\xD1\x81\xD0\xB5\xD0\xBA\xD1\x80\xD0\xB5\xD1\x82\xD0\xB0\xD1\x80\xD1\x8F", /* секретаря */
    "\xD1\x83\xD0\xBF\xD0\xBE\xD0\xBB\xD0\xBD\xD0\xBE\xD0\xBC\xD0\xBE\xD1\x87\xD0\xB5\xD0\xBD\xD0\xBD\xD1\x8B\xD0\xB9", /* уполномоченный */
    "\xD0\xB2\xD0\xBE\xD0\xB5\xD0\xBD\xD0\xBD\xD1\x8B\xD0\xB9", /* военный */
    "\xD0\xB4\xD0\xB8\xD0\xBF\xD0\xBB\xD0\xBE\xD0\xBC\xD0\xB0\xD1\x82\xD0\xB8\xD1\x87\xD0\xB5\xD1\x81\xD0\xBA\xD0\xB8\xD0\xB9", /* дипломатический */
    "\xD0\xB0\xD0\xB3\xD0\xB5\xD0\xBD\xD1\x82", /* агент */
    "\xD1\x82\xD0\xBE\xD1\x80\xD0\xB3\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB4", /* торгпред */
    NULL};

/* Offices in the dative: in a Russian heading with no dash ("Телеграмма
 * наркома ... полпреду в Турции") the addressee starts at the first. */
static const char *const dative_offices[] = {
    "\xD0\xBF\xD0\xBE\xD0\xBB\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB4\xD1\x83", /* полпреду */
    "\xD0\xBF\xD0\xBE\xD1\x81\xD0\xBB\xD1\x83", /* послу */
    "\xD0\xBC\xD0\xB8\xD0\xBD\xD0\xB8\xD1\x81\xD1\x82\xD1\x80\xD1\x83", /* министру */
    "\xD0\xBD\xD0\xB0\xD1\x80\xD0\xBA\xD0\xBE\xD0\xBC\xD1\x83", /* наркому */
    "\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB4\xD1\x81\xD0\xB5\xD0\xB4\xD0\xB0\xD1\x82\xD0\xB5\xD0\xBB\xD1\x8E", /* председателю */
    "\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB4\xD1\x81\xD1\x82\xD0\xB0\xD0\xB2\xD0\xB8\xD1\x82\xD0\xB5\xD0\xBB\xD1\x8E", /* представителю */
    "\xD0\xBF\xD0\xBE\xD0\xB2\xD0\xB5\xD1\x80\xD0\xB5\xD0\xBD\xD0\xBD\xD0\xBE\xD0\xBC\xD1\x83", /* поверенному */
    "\xD0\xBA\xD0\xBE\xD0\xBD\xD1\x81\xD1\x83\xD0\xBB\xD1\x83", /* консулу */
    "\xD0\xBF\xD0\xBE\xD1\x81\xD0\xBB\xD0\xB0\xD0\xBD\xD0\xBD\xD0\xB8\xD0\xBA\xD1\x83", /* посланнику */
    "\xD0\xBF\xD1\x80\xD0\xB0\xD0\xB2\xD0\xB8\xD1\x82\xD0\xB5\xD0\xBB\xD1\x8C\xD1\x81\xD1\x82\xD0\xB2\xD1\x83", /* правительству */
    "\xD0\xB7\xD0\xB0\xD0\xBC\xD0\xB5\xD1\x81\xD1\x82\xD0\xB8\xD1\x82\xD0\xB5\xD0\xBB\xD1\x8E", /* заместителю */
    "\xD1\x87\xD0\xBB\xD0\xB5\xD0\xBD\xD1\x83", /* члену */
    "\xD0\xB3\xD0\xBB\xD0\xB0\xD0\xB2\xD0\xB5", /* главе */
    "\xD1\x82\xD0\xBE\xD1\x80\xD0\xB3\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB4\xD1\x83", /* торгпреду */
    "\xD1\x83\xD0\xBF\xD0\xBE\xD0\xBB\xD0\xBD\xD0\xBE\xD0\xBC\xD0\xBE\xD1\x87\xD0\xB5\xD0\xBD\xD0\xBD\xD0\xBE\xD0\xBC\xD1\x83", /* уполномоченному */
    "\xD0\xBD\xD0\xB0\xD1\x80\xD0\xBE\xD0\xB4\xD0\xBD\xD0\xBE\xD0\xBC\xD1\x83", /* народному */
    "\xD0\xBF\xD0\xBE\xD0\xBB\xD0\xBD\xD0\xBE\xD0\xBC\xD0\xBE\xD1\x87\xD0\xBD\xD0\xBE\xD0\xBC\xD1\x83", /* полномочному */
    "\xD0\xB2\xD1\x80\xD0\xB5\xD0\xBC\xD0\xB5\xD0\xBD\xD0\xBD\xD0\xBE\xD0\xBC\xD1\x83", /* временному */
    "\xD0\xB3\xD0\xB5\xD0\xBD\xD0\xB5\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8C\xD0\xBD\xD0\xBE\xD0\xBC\xD1\x83", /* генеральному */
    "\xD1\x81\xD0\xB5\xD0\xBA\xD1\x80\xD0\xB5\xD1\x82\xD0\xB0\xD1\x80\xD1\x8E", /* секретарю */
    "\xD0\xBA\xD0\xBE\xD0\xBC\xD0\xB8\xD1\x81\xD1\x81\xD0\xB0\xD1\x80\xD1\x83", /* комиссару */
    "\xD0\xBF\xD0\xBE\xD0\xBB\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB4\xD1\x81\xD1\x82\xD0\xB2\xD1\x83", /* полпредству */
    "\xD0\xBF\xD0\xBE\xD1\x81\xD0\xBE\xD0\xBB\xD1\x8C\xD1\x81\xD1\x82\xD0\xB2\xD1\x83", /* посольству */
    "\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB4\xD1\x81\xD1\x82\xD0\xB0\xD0\xB2\xD0\xB8\xD1\x82\xD0\xB5\xD0\xBB\xD1\x8C\xD1\x81\xD1\x82\xD0\xB2\xD1\x83", /* представительству */
    "\xD0\xBC\xD0\xB8\xD0\xBD\xD0\xB8\xD1\x81\xD1\x82\xD0\xB5\xD1\x80\xD1\x81\xD1\x82\xD0\xB2\xD1\x83", /* министерству */
    "\xD0\xBD\xD0\xB0\xD1\x80\xD0\xBA\xD0\xBE\xD0\xBC\xD0\xB8\xD0\xBD\xD0\xB4\xD0\xB5\xD0\xBB\xD1\x83", /* наркоминделу */
    "\xD0\xB4\xD0\xB5\xD0\xBB\xD0\xB5\xD0\xB3\xD0\xB0\xD1\x86\xD0\xB8\xD0\xB8", /* делегации */
    NULL};

/* Titles before a person's name: with one, "X (Place)" is a name and
 * its place, and "X, Office" a name and its office. */
static const char *const honorifics[] = {
    "mr.", "mr", "mrs.", "sir", "lord", "earl", "viscount", "marquess",
    "baron", "count", "prince", "general", "admiral", "colonel", "dr.",
    "m.", "mm.", "mme", "monsieur", "comte", "marquis", "g\xC3\xA9n\xC3\xA9ral",
    "herr", "herrn", "graf", "freiherr", "botschafter", "gesandter",
    "\xD1\x82\xD0\xBE\xD0\xB2.", /* тов. */
    "\xD0\xB3-\xD0\xBD", /* г-н */
    NULL};

typedef struct {
    const char *word; /* lower case; a phrase may hold spaces */
    const char *type;
} type_word_t;

/* Words that name a document's type, longest phrase first. */
static const type_word_t type_words[] = {
    {"memorandum of conversation", "conversation"},
    {"memorandum of a conversation", "conversation"},
    {"\xD0\xB7\xD0\xB0\xD0\xBF\xD0\xB8\xD1\x81\xD1\x8C \xD0\xB1\xD0\xB5\xD1\x81\xD0\xB5\xD0\xB4\xD1\x8B", "conversation"}, /* запись беседы */
    {"gespr\xC3\xA4" "chsaufzeichnung", "conversation"},
    {"compte rendu", "conversation"},
    {"note verbale", "note"},
    {"\xD0\xB2\xD0\xB5\xD1\x80\xD0\xB1\xD0\xB0\xD0\xBB\xD1\x8C\xD0\xBD\xD0\xB0\xD1\x8F \xD0\xBD\xD0\xBE\xD1\x82\xD0\xB0", "note"}, /* вербальная нота */
    {"aide-m\xC3\xA9moire", "memorandum"},
    {"aide-memoire", "memorandum"},
    {"\xD0\xB4\xD0\xBE\xD0\xBA\xD0\xBB\xD0\xB0\xD0\xB4\xD0\xBD\xD0\xB0\xD1\x8F \xD0\xB7\xD0\xB0\xD0\xBF\xD0\xB8\xD1\x81\xD0\xBA\xD0\xB0", "report"}, /* докладная записка */
    {"\xD0\xBF\xD0\xB0\xD0\xBC\xD1\x8F\xD1\x82\xD0\xBD\xD0\xB0\xD1\x8F \xD0\xB7\xD0\xB0\xD0\xBF\xD0\xB8\xD1\x81\xD0\xBA\xD0\xB0", "memorandum"}, /* памятная записка */
    {"telegram", "telegram"}, {"telegraphic", "telegram"},
    {"cablegram", "telegram"}, {"cable", "telegram"},
    {"radiogram", "telegram"}, {"t\xC3\xA9l\xC3\xA9gramme", "telegram"},
    {"telegramm", "telegram"}, {"fernschreiben", "telegram"},
    {"\xD1\x82\xD0\xB5\xD0\xBB\xD0\xB5\xD0\xB3\xD1\x80\xD0\xB0\xD0\xBC\xD0\xBC\xD0\xB0", "telegram"}, /* телеграмма */
    {"despatch", "despatch"}, {"dispatch", "despatch"},
    {"d\xC3\xA9p\xC3\xAA" "che", "despatch"}, {"erlass", "despatch"},
    {"erla\xC3\x9F", "despatch"},
    {"\xD0\xB4\xD0\xBE\xD0\xBD\xD0\xB5\xD1\x81\xD0\xB5\xD0\xBD\xD0\xB8\xD0\xB5", "despatch"}, /* донесение */
    {"letter", "letter"}, {"lettre", "letter"}, {"brief", "letter"},
    {"schreiben", "letter"}, {"privatbrief", "letter"},
    {"\xD0\xBF\xD0\xB8\xD1\x81\xD1\x8C\xD0\xBC\xD0\xBE", "letter"}, /* письмо */
    {"memorandum", "memorandum"}, {"m\xC3\xA9morandum", "memorandum"},
    {"aufzeichnung", "memorandum"},
    {"\xD0\xBC\xD0\xB5\xD0\xBC\xD0\xBE\xD1\x80\xD0\xB0\xD0\xBD\xD0\xB4\xD1\x83\xD0\xBC", "memorandum"}, /* меморандум */
    {"\xD0\xB7\xD0\xB0\xD0\xBF\xD0\xB8\xD1\x81\xD0\xBA\xD0\xB0", "memorandum"}, /* записка */
    {"note", "note"}, {"verbalnote", "note"},
    {"\xD0\xBD\xD0\xBE\xD1\x82\xD0\xB0", "note"}, /* нота */
    {"report", "report"}, {"rapport", "report"},
    {"bericht", "despatch"}, /* a mission's report home: a despatch */
    {"\xD0\xB4\xD0\xBE\xD0\xBA\xD0\xBB\xD0\xB0\xD0\xB4", "report"}, /* доклад */
    {"\xD0\xBE\xD1\x82\xD1\x87\xD0\xB5\xD1\x82", "report"}, /* отчет */
    {"\xD0\xBE\xD1\x82\xD1\x87\xD1\x91\xD1\x82", "report"}, /* отчёт */
    {NULL, NULL}};

/* The type a phrase at the start of s names, and its length; NULL. */
static const char *type_at(span_t s, size_t *len)
{
    for (size_t i = 0; type_words[i].word; i++) {
        size_t m = starts_word(s.s, s.n, type_words[i].word);
        if (m) {
            *len = m;
            return type_words[i].type;
        }
    }
    return NULL;
}

/* Words that may stand beside a type on its line: its number, how it was
 * sent or kept ("[Telegram—Paraphrase]", "Telegramm Nr. 12 vom 8. Februar",
 * "Strictly confidential"). */
static const char *const qualifiers[] = {
    "no.", "no", "nr.", "n\xC2\xB0", "\xE2\x84\x96", "paraphrase", "urgent",
    "secret", "confidential", "strictly", "private", "personal", "very",
    "circular", "triple", "priority", "plain", "cipher", "code", "extract",
    "translation", "sehr", "geheim", "dringend", "citissime", "vertraulich",
    "streng", "pers\xC3\xB6nlich", "vom", "tr\xC3\xA8s", "confidentiel",
    "secret", "personnel", "chiffr\xC3\xA9", "\xD1\x81\xD1\x80\xD0\xBE\xD1\x87\xD0\xBD\xD0\xBE", /* срочно */
    "\xD1\x81\xD0\xB5\xD0\xBA\xD1\x80\xD0\xB5\xD1\x82\xD0\xBD\xD0\xBE", /* секретно */
    "\xD1\x81\xD0\xBE\xD0\xB2\xD0\xB5\xD1\x80\xD1\x88\xD0\xB5\xD0\xBD\xD0\xBD\xD0\xBE", /* совершенно */
    "\xD0\xBB\xD0\xB8\xD1\x87\xD0\xBD\xD0\xBE", /* лично */
    "of", "from", "to", "a", "an", "the", "de", "du", "des", "sent", NULL};

/* ------------------------------------------------------------ lines */

/* "[Received February 10, 3:20 a.m.]", "(Reçu le 10)", "Ankunft: ...",
 * "Получена 10 февраля": when it arrived, not the document's date. */
static int is_received(span_t l)
{
    static const char *const words[] = {
        "received", "recd.", "re\xC3\xA7u", "re\xC3\xA7ue", "ankunft",
        "eingegangen", "angekommen", "\xD0\xBF\xD0\xBE\xD0\xBB\xD1\x83\xD1\x87\xD0\xB5\xD0\xBD\xD0\xB0", /* получена */
        "\xD0\xBF\xD0\xBE\xD0\xBB\xD1\x83\xD1\x87\xD0\xB5\xD0\xBD\xD0\xBE", /* получено */
        NULL};
    span_t s = strip(l, "[(");
    for (size_t i = 0; words[i]; i++)
        if (starts_word(s.s, s.n, words[i]))
            return 1;
    return 0;
}

static int is_notes_heading(span_t l)
{
    static const char *const names[] = {
        "notes", "footnotes", "endnotes", "notes de bas de page",
        "anmerkungen", "fu\xC3\x9Fnoten", "fussnoten",
        "\xD0\xBF\xD1\x80\xD0\xB8\xD0\xBC\xD0\xB5\xD1\x87\xD0\xB0\xD0\xBD\xD0\xB8\xD1\x8F", /* примечания */
        NULL};
    span_t s = strip(l, ":.");
    return in_list(s.s, s.n, names);
}

/* Does s look like an archive reference: digits, with a dot or a slash
 * among them ("861.51/283", "763.72/1234"), in at most four words? */
static int ref_shaped(span_t s)
{
    int digits = 0, sep = 0;
    for (size_t i = 0; i < s.n; i++) {
        digits += text_is_digit(s.s[i]);
        sep += (s.s[i] == '/' || s.s[i] == '.') && i > 0 && text_is_digit(s.s[i - 1]);
    }
    return digits >= 3 && sep && count_words(s) <= 4;
}

/* Does the line name a whole day ("May 12, 1791", "8. Februar 1923")?
 * A dateline does; an archive reference, what it cites, does not. */
static int names_a_day(span_t l)
{
    date_mention_t *d = NULL;
    size_t n = 0;
    int day = 0;
    if (dates_find(l.s, l.n, 0, &d, &n) == FOND_OK)
        for (size_t k = 0; k < n && !day; k++)
            day = d[k].day && d[k].month;
    free(d);
    return day;
}

/* A source note: "File No. 861.51/283.", "[File No. 763.72/1234]",
 * "Source: ...", "Quelle: ...", "Источник: ...": its reference in *ref.
 * With `unlabelled` (a document whose head showed its form), a reference
 * alone on its line too ("TNA, FO 424/4842."); in a narrative such a line
 * is a footnote's, what it cites, never where it is kept. */
static int source_note(span_t l, int unlabelled, span_t *ref)
{
    static const char *const labels[] = {
        "file no.", "file nos.", "file", "dossier n\xC2\xB0", "dossier",
        "source:", "source :", "sources:",
        "quelle:", "fundort:", "archiv:", "archives:", "archive:",
        "\xD0\xB8\xD1\x81\xD1\x82\xD0\xBE\xD1\x87\xD0\xBD\xD0\xB8\xD0\xBA:", /* источник: */
        "\xD0\xB0\xD1\x80\xD1\x85\xD0\xB8\xD0\xB2:", /* архив: */
        NULL};
    span_t s = strip(l, "[]");
    if (s.n > 300)
        return 0;
    for (size_t i = 0; labels[i]; i++) {
        size_t m = starts_folded(s.s, s.n, labels[i]);
        if (!m)
            continue;
        span_t rest = strip(tail_from(s, m), ".;");
        if (!rest.n)
            return 0;
        if (labels[i][0] == 'f' || labels[i][0] == 'd') {
            /* "File No. X", "Dossier n° X": the label is kept */
            if (!ref_shaped(rest))
                return 0;
            *ref = strip(s, ".;");
        } else {
            *ref = rest;
        }
        return 1;
    }
    /* an unlabelled reference on a line of its own: "TNA, FO 424/4842.",
     * "AVP RF, f. 04, op. 32, d. 52881" (citation.h knows their forms);
     * not a note's "See ..." or "Ibid." */
    static const char *const not_refs[] = {"see", "ibid", "cf.", "idem",
                                           "vgl.", "op. cit",
                                           "\xD1\x81\xD0\xBC.", /* см. */
                                           NULL};
    for (size_t i = 0; not_refs[i]; i++)
        if (starts_folded(s.s, s.n, not_refs[i]))
            return 0;
    if (unlabelled && s.n <= 120 && has_digit(s) && is_capital(s.s, s.n) &&
        citation_looks_like_note(s.s, s.n) && !names_a_day(s)) {
        /* not a dateline at the end ("Philadelphia May 12, 1791") */
        *ref = strip(s, ".;");
        return 1;
    }
    return 0;
}

/* Is the word a number (with its punctuation: "123", "123.", "1234-1236")? */
static int is_number_word(span_t w)
{
    span_t s = strip(w, ".,;:[]()");
    if (!s.n || !text_is_digit(s.s[0]))
        return 0;
    for (size_t i = 0; i < s.n; i++)
        if (!text_is_digit(s.s[i]) && s.s[i] != '-' && s.s[i] != '/' &&
            s.s[i] != '.' && !(s.s[i] == ' '))
            return 0;
    return 1;
}

/* "No. 45", "45.", "[45]", "Document 45", "№ 45": an edition's number (or,
 * after a heading, a despatch's). */
static int number_line(span_t l)
{
    size_t i = 0, n = 0;
    span_t w;
    int number = 0;
    while (next_word(l, &i, &w)) {
        span_t c = strip(w, "[]().");
        if (++n > 3)
            return 0;
        if (is_number_word(w))
            number = 1;
        else if (!in_list(c.s, c.n, qualifiers) && !is_word(c.s, c.n, "no") &&
                 !is_word(c.s, c.n, "document") && !is_word(c.s, c.n, "dok"))
            return 0;
    }
    return number;
}

static fond_status_t dateline_read(span_t l, char date[9], span_t *place,
                                   int *timed);

/* A type line: "[Telegram]", "Telegram", "TELEGRAM", "[Circular
 * telegram—Paraphrase]", "Telegramm Nr. 123 vom 8. Februar", "Телеграмма
 * № 45", "No. 123 Telegraphic [E 1234/1/44]", "T. n° 123." (French
 * editions: T. télégramme, D. dépêche, L. lettre), "861.00/1234:
 * Telegram" (its file number then is the reference).  What follows on
 * the line (a dateline: "No. 1234    Paris, March 3, 1920.") in *rest.
 * Sets *type (NULL for a bare number) and *ref when the line has one. */
static int type_line(span_t l, const char **type, span_t *rest, span_t *ref)
{
    *type = NULL;
    *rest = (span_t){l.s + l.n, 0, l.offset + l.n};
    ref->n = 0;
    size_t colon = find_outside(l, 0, ": ");
    if (colon < l.n) { /* "861.00/1234: Telegram" */
        span_t before = trim((span_t){l.s, colon, l.offset});
        span_t after = trim(tail_from(l, colon + 1));
        span_t r2;
        const char *t2;
        if (ref_shaped(before) && type_line(after, &t2, rest, &r2) && t2) {
            *type = t2;
            *ref = before;
            return 1;
        }
        return 0;
    }
    /* DDF: "T. n° 123.", "D. n° 45 à 47." */
    static const struct { const char *mark, *type; } ddf[] = {
        {"t. n\xC2\xB0", "telegram"}, {"t\xC3\xA9l. n\xC2\xB0", "telegram"},
        {"d. n\xC2\xB0", "despatch"}, {"l. n\xC2\xB0", "letter"}};
    for (size_t k = 0; k < sizeof ddf / sizeof *ddf; k++)
        if (starts_folded(l.s, l.n, ddf[k].mark)) {
            *type = ddf[k].type;
            size_t after = strlen(ddf[k].mark), j = after;
            span_t w;
            while (next_word(l, &j, &w) && (is_number_word(w) ||
                   is_word(w.s, w.n, "\xC3\xA0") || is_word(w.s, w.n, "et")))
                after = j;
            *rest = trim(tail_from(l, after));
            if (rest->n) {
                char d[9];
                span_t p;
                if (dateline_read(*rest, d, &p, NULL) != FOND_OK)
                    rest->n = 0;
            }
            return 1;
        }
    span_t s = l;
    int bracketed = s.n >= 2 && (s.s[0] == '[' || s.s[0] == '(');
    if (bracketed) {
        char close = s.s[0] == '[' ? ']' : ')';
        const char *e = memchr(s.s, close, s.n);
        if (!e)
            return 0;
        *rest = trim(tail_from(l, (size_t)(e - l.s) + 1));
        s = trim((span_t){s.s + 1, (size_t)(e - s.s) - 1, s.offset + 1});
        if (is_received(s) || s.n > 80)
            return 0;
    }
    /* the words of the line: a type word and qualifiers and numbers */
    size_t i = 0, words = 0;
    span_t w;
    int number = 0;
    while (next_word(s, &i, &w)) {
        span_t c = strip(w, ".,;:\xE2\x80\x94-");
        size_t tl;
        if (++words > 8)
            return 0;
        if (w.s[0] == '[' && !bracketed) { /* "[E 1234/1/44]" ends it */
            *rest = trim(tail_from(l, (size_t)(w.s - l.s)));
            break;
        }
        const char *t = type_at(tail_from(s, (size_t)(w.s - s.s)), &tl);
        if (!t) { /* "Telegram—Paraphrase": a dash joins two words */
            t = type_at(c, &tl);
        }
        if (t) {
            if (!*type)
                *type = t;
            i = (size_t)(w.s - s.s) + tl;
            if (i < s.n && s.s[i] != ' ') { /* the dash and what follows */
                while (i < s.n && !is_blank(s.s[i]))
                    i++;
            }
            continue;
        }
        if (is_number_word(w)) {
            number = 1;
            continue;
        }
        if (in_list(c.s, c.n, qualifiers) || in_list(w.s, w.n, qualifiers))
            continue;
        if (!bracketed && (*type || number) && words > 1) {
            /* what follows the type and its number: a dateline? */
            *rest = trim(tail_from(s, (size_t)(w.s - s.s)));
            break;
        }
        if (bracketed && words == 1 && c.n && !is_capital(c.s, c.n))
            return 0;
        if (bracketed) /* "[Enclosure—Telegram]", "[Extract]" */
            continue;
        return 0;
    }
    if (!*type && !number)
        return 0;
    if (!*type && bracketed)
        return 0;
    if (!*type) { /* "No. 123" */
        span_t c = strip(l, "[]()");
        if (!starts_folded(c.s, c.n, "no") && !starts_folded(c.s, c.n, "nr") &&
            !starts_folded(c.s, c.n, "\xE2\x84\x96"))
            return 0;
    }
    if (rest->n && !bracketed) { /* the rest must be a dateline or "[ref]" */
        char d[9];
        span_t p;
        if (rest->s[0] != '[' && dateline_read(*rest, d, &p, NULL) != FOND_OK)
            return 0;
    }
    return 1;
}

/* Is the word an initial ("G.", "Г.", "H.A.")? */
static int is_initial(span_t w)
{
    size_t i = 0, letters = 0;
    while (i < w.n) {
        size_t cl = text_utf8_length(w.s + i, w.n - i);
        if (!cl || !is_capital(w.s + i, w.n - i))
            return 0;
        i += cl;
        letters++;
        if (i >= w.n || w.s[i] != '.')
            return 0;
        i++;
    }
    return letters >= 1 && letters <= 3;
}

/* Words of a time of day after a dateline's date ("7 p.m.", "19 h.",
 * "19 Uhr", "в 7 ч. вечера"), and "г." after a Russian year. */
static int time_word(span_t w)
{
    static const char *const words[] = {
        "a.m.", "p.m.", "a.", "m.", "p.", "am", "pm", "noon", "midnight", "m",
        "o'clock", "h", "h.", "heures", "heure", "midi", "minuit", "du", "soir",
        "matin", "uhr", "nachm.", "vorm.", "abends", "morgens", "mittags",
        "nachts", "nachmittags", "vormittags", "min.", "min", "g.", "\xD0\xB3.",
        "\xD0\xB3", "\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB0", "\xD1\x87.", "\xD1\x87",
        "\xD1\x87\xD0\xB0\xD1\x81.", "\xD1\x87\xD0\xB0\xD1\x81\xD0\xBE\xD0\xB2",
        "\xD0\xBC\xD0\xB8\xD0\xBD.", "\xD1\x83\xD1\x82\xD1\x80\xD0\xB0",
        "\xD0\xB4\xD0\xBD\xD1\x8F", "\xD0\xB2\xD0\xB5\xD1\x87\xD0\xB5\xD1\x80\xD0\xB0",
        "\xD0\xBD\xD0\xBE\xD1\x87\xD0\xB8", "\xD0\xB2", "at", "um", "\xC3\xA0",
        "\xD0\xBC.", "\xD0\xBC", /* м. (minutes) */
        "and", "et", "und", "\xD0\xB8", NULL};
    span_t c = strip(w, ",;\xE2\x80\x94\xE2\x80\x93-");
    if (!c.n || (c.n == 1 && c.s[0] == '.'))
        return 1;
    if (c.n > 1 && c.s[c.n - 1] == '.' && !text_is_digit(c.s[0]) &&
        in_list(c.s, c.n - 1, words))
        return 1; /* "Uhr." at the end of the line */
    if (text_is_digit(c.s[0])) {
        for (size_t i = 0; i < c.n; i++)
            if (!text_is_digit(c.s[i]) && c.s[i] != ':' && c.s[i] != '.' &&
                c.s[i] != 'h' && c.s[i] != ',')
                return 0;
        return 1;
    }
    return in_list(c.s, c.n, words);
}

/* A place before a dateline's date: one to five words, the first a
 * capital, the others capitals or joining words, no digits ("Petrograd",
 * "Rio de Janeiro", "Frankfurt am Main", "FOREIGN OFFICE", "Москва"). */
static int place_shaped(span_t p)
{
    if (!p.n || p.n > 60 || has_digit(p) || !is_capital(p.s, p.n))
        return 0;
    size_t i = 0, n = 0;
    span_t w;
    while (next_word(p, &i, &w)) {
        span_t c = strip(w, ",.()[]");
        if (++n > 5)
            return 0;
        if (c.n && !is_capital(c.s, c.n) && !in_list(c.s, c.n, function_words) &&
            !is_word(c.s, c.n, "sur") && !is_word(c.s, c.n, "upon"))
            return 0;
    }
    return 1;
}

/* p without a weekday's name at its end. */
static span_t without_weekday(span_t p)
{
    static const char *const days[] = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
        "dimanche", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
        "samstag", "sonnabend", "sonntag", NULL};
    size_t b = p.n;
    while (b > 0 && !is_blank(p.s[b - 1]) && p.s[b - 1] != ',')
        b--;
    span_t last = strip(tail_from(p, b), ",");
    if (b > 0 && in_list(last.s, last.n, days))
        p.n = b;
    return p;
}

/* The place of a dateline's place part: with commas ("American Embassy,
 * Petrograd"), its last part that is not a district's initials
 * ("Washington, D. C."). */
static span_t place_of(span_t p)
{
    for (;;) {
        size_t comma = 0;
        for (size_t j = 0; j < p.n; j++)
            if (p.s[j] == ',')
                comma = j + 1;
        span_t last = strip(tail_from(p, comma), "[],");
        size_t k = 0, initials = 0, words = 0;
        span_t w;
        while (next_word(last, &k, &w))
            words++, initials += is_initial(w);
        if (!comma || !words || initials < words)
            return last;
        p = strip((span_t){p.s, comma - 1, p.offset}, "[],");
    }
}

/* A dateline: "Petrograd, February 8, 1918, 7 p.m.", "Washington, March
 * 3, 1920—6 p.m.", "Paris, le 8 février 1920", "Berlin, den 8. Februar
 * 1920", "Москва, 8 февраля 1920 г.", "February 8, 1918." alone.  The line
 * is the date, a place before it (ended by a comma, "le", "den", "am"),
 * a time after; nothing else.  The date ("YYYYMMDD", a month and year at
 * least) and the place (n 0 when none); *timed (may be NULL) tells
 * whether a time of day follows, as on a telegram.  FOND_ERR_ARG when it
 * is not one, FOND_ERR_NOMEM. */
static fond_status_t dateline_read(span_t l, char date[9], span_t *place,
                                   int *timed)
{
    if (l.n == 0 || l.n > 160)
        return FOND_ERR_ARG;
    date_mention_t *d = NULL;
    size_t n = 0;
    fond_status_t st = dates_find(l.s, l.n, 0, &d, &n);
    if (st != FOND_OK)
        return st;
    size_t k = 0;
    while (k < n && d[k].month == 0)
        k++;
    if (k == n) {
        free(d);
        return FOND_ERR_ARG;
    }
    date_mention_t m = d[k];
    free(d);
    span_t before = trim((span_t){l.s, m.start, l.offset});
    span_t after = tail_from(l, m.end);
    /* the Old Style day before the New Style's ("Moscow, 12/25 January
     * 1918"): the date is the New Style's */
    if (before.n >= 2 && before.s[before.n - 1] == '/') {
        size_t b = before.n - 1;
        while (b > 0 && text_is_digit(before.s[b - 1]) && before.n - b < 4)
            b--;
        if (b < before.n - 1)
            before = trim((span_t){before.s, b, before.offset});
    }
    /* the place: "Paris, le", "Berlin, den", "[Washington,]", and no
     * weekday ("Paris, Monday, March 3", "Paris, le lundi 3 mars") */
    span_t p = strip(before, "[],");
    p = strip(without_weekday(p), "[],");
    static const char *const joins[] = {" le", " den", " am", ", le", ", den",
                                        ", am", ",", NULL};
    for (size_t j = 0; joins[j]; j++) {
        size_t jn = strlen(joins[j]);
        if (p.n >= jn && starts_folded(p.s + p.n - jn, jn, joins[j]) == jn) {
            p.n -= jn;
            p = strip(p, "[],");
            break;
        }
    }
    if (before.n && (!place_shaped(p) ||
                     (before.s[before.n - 1] != ',' && p.n + 3 >= before.n &&
                      !strchr("]", before.s[before.n - 1]))))
        return FOND_ERR_ARG; /* "On February 8, 1918 the ..." */
    /* after the date: a time, or the receipt in brackets */
    size_t i = 0, words = 0;
    span_t w;
    after = trim(after);
    int time = 0;
    span_t after_place = {NULL, 0, 0};
    if (!before.n && after.n && after.s[0] == ',') {
        /* the date first, the place after it: "3 March 1920, London" */
        span_t rest = strip(after, ",.");
        if (place_shaped(rest) && count_words(rest) <= 3) {
            after_place = rest;
            after.n = 0;
        }
    }
    while (next_word(after, &i, &w)) {
        if (w.s[0] == '[' || w.s[0] == '(')
            break; /* "(Received March 5)", "[E 123/1/44]" */
        if (++words > 6 || !time_word(w))
            return FOND_ERR_ARG;
        time |= has_digit(w) || is_word(w.s, w.n, "noon") ||
                is_word(w.s, w.n, "midnight") || is_word(w.s, w.n, "midi") ||
                is_word(w.s, w.n, "minuit");
    }
    if (timed)
        *timed = time;
    *place = after_place.n ? after_place : place_of(p);
    dates_format(&m, date);
    return FOND_OK;
}

/* A salutation: "Sir:", "Sir: I have the honor", "Dear Mr. Smith,",
 * "Monsieur le Ministre,", "Sehr geehrter Herr Minister!", "Милостивый
 * государь," — a short address ended by ",", ":" or "!".  The person
 * addressed ("Mr. Smith") in *to, when it names one. */
static int salutation(span_t l, span_t *to)
{
    static const char *const openers[] = {
        "sir", "sirs", "gentlemen", "madam", "dear", "my dear", "my lord",
        "mr. secretary", "mr. president", "mr. minister", "mr. ambassador",
        "herr reichsminister", "herr minister", "herr botschafter",
        "herr staatssekret\xC3\xA4r", "herr gesandter",
        "excellency", "your excellency", "monsieur", "madame", "messieurs",
        "mon cher", "cher", "ch\xC3\xA8re", "excellence", "sehr geehrter",
        "sehr geehrte", "hochverehrter", "lieber", "liebe", "euer",
        "eure", "exzellenz",
        "\xD0\xBC\xD0\xB8\xD0\xBB\xD0\xBE\xD1\x81\xD1\x82\xD0\xB8\xD0\xB2\xD1\x8B\xD0\xB9", /* милостивый */
        "\xD0\xBC\xD0\xB8\xD0\xBB\xD0\xBE\xD1\x81\xD1\x82\xD0\xB8\xD0\xB2\xD0\xB0\xD1\x8F", /* милостивая */
        "\xD1\x83\xD0\xB2\xD0\xB0\xD0\xB6\xD0\xB0\xD0\xB5\xD0\xBC\xD1\x8B\xD0\xB9", /* уважаемый */
        "\xD1\x83\xD0\xB2\xD0\xB0\xD0\xB6\xD0\xB0\xD0\xB5\xD0\xBC\xD0\xB0\xD1\x8F", /* уважаемая */
        "\xD0\xB4\xD0\xBE\xD1\x80\xD0\xBE\xD0\xB3\xD0\xBE\xD0\xB9", /* дорогой */
        "\xD0\xB3\xD0\xBE\xD1\x81\xD0\xBF\xD0\xBE\xD0\xB4\xD0\xB8\xD0\xBD", /* господин */
        "\xD1\x82\xD0\xBE\xD0\xB2\xD0\xB0\xD1\x80\xD0\xB8\xD1\x89", /* товарищ */
        NULL};
    size_t m = 0;
    for (size_t i = 0; openers[i] && !m; i++)
        m = starts_word(l.s, l.n, openers[i]);
    if (!m || !is_capital(l.s, l.n))
        return 0;
    size_t end = m;
    while (end < l.n && end < 80 && l.s[end] != ',' && l.s[end] != ':' &&
           l.s[end] != '!')
        end++;
    if (end >= l.n || end >= 80)
        return 0;
    span_t addr = trim((span_t){l.s, end, l.offset});
    if (count_words(addr) > 6)
        return 0;
    to->n = 0;
    if (starts_word(l.s, l.n, "dear") || starts_word(l.s, l.n, "my dear")) {
        span_t who = trim(tail_from(addr, starts_word(l.s, l.n, "my dear")
                                              ? starts_word(l.s, l.n, "my dear")
                                              : m));
        if (who.n && is_capital(who.s, who.n) && !is_word(who.s, who.n, "sir") &&
            !is_word(who.s, who.n, "madam"))
            *to = who;
    }
    return 1;
}

/* A complimentary close before a signature: "I have the honor to be",
 * "Respectfully yours,", "Veuillez agréer ...", "Mit vorzüglicher
 * Hochachtung", "С совершенным почтением". */
static int is_close(span_t l)
{
    static const char *const closes[] = {
        "i have the honor", "i have the honour", "i am, sir", "i am, my lord",
        "i remain", "respectfully", "very respectfully", "sincerely",
        "very sincerely", "faithfully", "yours", "very truly", "believe me",
        "with the highest consideration", "accept, sir", "your obedient",
        "your most obedient", "veuillez agr\xC3\xA9" "er", "agr\xC3\xA9" "ez",
        "je vous prie", "recevez", "croyez", "mit vorz\xC3\xBCglicher",
        "mit ausgezeichneter", "hochachtungsvoll", "mit freundlichen",
        "genehmigen sie", "ihr ergebener", "ihr sehr ergebener",
        "\xD1\x81 \xD1\x81\xD0\xBE\xD0\xB2\xD0\xB5\xD1\x80\xD1\x88\xD0\xB5\xD0\xBD\xD0\xBD\xD1\x8B\xD0\xBC", /* с совершенным */
        "\xD1\x81 \xD1\x83\xD0\xB2\xD0\xB0\xD0\xB6\xD0\xB5\xD0\xBD\xD0\xB8\xD0\xB5\xD0\xBC", /* с уважением */
        "\xD1\x81 \xD0\xBA\xD0\xBE\xD0\xBC\xD0\xBC\xD1\x83\xD0\xBD\xD0\xB8\xD1\x81\xD1\x82\xD0\xB8\xD1\x87\xD0\xB5\xD1\x81\xD0\xBA\xD0\xB8\xD0\xBC", /* с коммунистическим */
        "\xD1\x81 \xD1\x82\xD0\xBE\xD0\xB2\xD0\xB0\xD1\x80\xD0\xB8\xD1\x89\xD0\xB5\xD1\x81\xD0\xBA\xD0\xB8\xD0\xBC", /* с товарищеским */
        "\xD0\xBF\xD1\x80\xD0\xB8\xD0\xBC\xD0\xB8\xD1\x82\xD0\xB5", /* примите */
        "\xD0\xBF\xD1\x80\xD0\xBE\xD1\x88\xD1\x83 \xD0\xBF\xD1\x80\xD0\xB8\xD0\xBD\xD1\x8F\xD1\x82\xD1\x8C", /* прошу принять */
        NULL};
    for (size_t i = 0; closes[i]; i++)
        if (starts_word(l.s, l.n, closes[i]))
            return 1;
    return 0;
}

/* s without a footnote marker glued to its end ("State1", "State¹",
 * "State[1]", "State.2"): the marker's number in *number (0 when none).
 * A number standing alone ("No. 123") is no marker. */
static span_t no_marker(span_t s, unsigned *number)
{
    *number = 0;
    size_t e = s.n;
    if (e && s.s[e - 1] == ']') { /* "[12]" */
        size_t b = e - 1;
        while (b > 0 && text_is_digit(s.s[b - 1]) && e - b < 5)
            b--;
        if (b > 0 && b < e - 1 && s.s[b - 1] == '[') {
            for (size_t k = b; k < e - 1; k++)
                *number = *number * 10 + (unsigned)(s.s[k] - '0');
            return trim((span_t){s.s, b - 1, s.offset});
        }
        return s;
    }
    unsigned v = 0, scale = 1;
    size_t b = e;
    for (;;) { /* superscript digits: ¹ ² ³ (C2 B9/B2/B3), ⁰ ⁴-⁹ (E2 81 B0-B9) */
        unsigned d;
        if (b >= 2 && (unsigned char)s.s[b - 2] == 0xC2 &&
            ((unsigned char)s.s[b - 1] == 0xB9 || (unsigned char)s.s[b - 1] == 0xB2 ||
             (unsigned char)s.s[b - 1] == 0xB3)) {
            unsigned char c = (unsigned char)s.s[b - 1];
            d = c == 0xB9 ? 1 : c == 0xB2 ? 2 : 3;
            b -= 2;
        } else if (b >= 3 && (unsigned char)s.s[b - 3] == 0xE2 &&
                   (unsigned char)s.s[b - 2] == 0x81 &&
                   (unsigned char)s.s[b - 1] >= 0xB0 &&
                   (unsigned char)s.s[b - 1] <= 0xB9) {
            d = (unsigned)((unsigned char)s.s[b - 1] - 0xB0);
            b -= 3;
        } else if (b >= 1 && text_is_digit(s.s[b - 1]) && e - b < 3) {
            d = (unsigned)(s.s[b - 1] - '0');
            b -= 1;
        } else {
            break;
        }
        v += d * scale;
        scale *= 10;
    }
    /* glued to a letter, a bracket or a full stop; not a number's end */
    if (b == e || b == 0 || text_is_digit(s.s[b - 1]) || is_blank(s.s[b - 1]))
        return s;
    *number = v;
    return (span_t){s.s, b, s.offset};
}

/* A name as signed: "FRANCIS", "Robert Lansing", "G. Chicherin",
 * "Г. Чичерин", "Brockdorff-Rantzau": one to five words, each a capital
 * (or an initial, or a particle: von, de, van), no digits.  *initial set
 * when it has an initial or is all capitals (a signature for sure). */
static int name_shaped(span_t l, int *sure)
{
    static const char *const particles[] = {"von", "van", "de", "du", "di",
                                            "da", "le", "la", "ibn", "bey",
                                            "pasha", "zu", "der", NULL};
    unsigned note;
    span_t s = strip(no_marker(strip(l, ".,;"), &note), ".,;");
    *sure = 0;
    if (!s.n || s.n > 60 || has_digit(s) || !is_capital(s.s, s.n) ||
        is_notes_heading(s))
        return 0;
    size_t i = 0, n = 0;
    span_t w;
    while (next_word(s, &i, &w)) {
        if (++n > 5)
            return 0;
        if (is_initial(w))
            *sure = 1;
        else if (!is_capital(w.s, w.n) && !in_list(w.s, w.n, particles))
            return 0;
        if (w.s[w.n - 1] == ':' || w.s[w.n - 1] == ',')
            return 0;
    }
    size_t tl;
    span_t first = s;
    if (type_at(first, &tl) || in_list(s.s, s.n, function_words))
        return 0;
    if (all_capitals(s) && n <= 3)
        *sure = 1;
    return 1;
}

/* ------------------------------------------------------------ headings */

/* The length of a French elided article at the start of w ("l'", "d'",
 * with a straight or curly apostrophe), or 0. */
static size_t elision(span_t w)
{
    static const char *const forms[] = {"l'", "d'", "l\xE2\x80\x99",
                                        "d\xE2\x80\x99", NULL};
    for (size_t i = 0; forms[i]; i++) {
        size_t m = starts_folded(w.s, w.n, forms[i]);
        if (m)
            return m;
    }
    return 0;
}

/* Do the words of one side of a heading read as an office or a name:
 * capitals, initials, joining words, office words, the parenthesised
 * name?  `loose` (a type line or dateline follows) lets two other
 * words pass ("Полпред РСФСР в Ангоре", an office the lists lack). */
static int side_shaped(span_t s, int loose)
{
    size_t i = 0, n = 0, unknown = 0;
    int depth = 0;
    span_t w;
    if (!s.n || s.n > 200)
        return 0;
    while (next_word(s, &i, &w)) {
        int in_parens = depth > 0 || w.s[0] == '(';
        for (size_t k = 0; k < w.n; k++)
            depth += (w.s[k] == '(') - (w.s[k] == ')');
        if (++n > 24)
            return 0;
        span_t c = strip(w, ",.;:()[]\"\xE2\x80\x9C\xE2\x80\x9D");
        if (in_parens || !c.n)
            continue;
        size_t el = elision(c);
        if (el && el < c.n) /* "l'ambassadeur", "d'Allemagne" */
            c = tail_from(c, el);
        if (!is_capital(c.s, c.n) && !in_list(c.s, c.n, function_words) &&
            !in_list(c.s, c.n, office_words) && !in_list(c.s, c.n, articles) &&
            !in_list(c.s, c.n, dative_offices) && (!loose || ++unknown > 2))
            return 0;
    }
    if (loose && n > 14)
        return 0;
    /* its first word: a capital, an article, an office */
    span_t first;
    i = 0;
    next_word(s, &i, &first);
    first = strip(first, "(\"\xE2\x80\x9C");
    size_t el = elision(first);
    if (el && el < first.n)
        first = tail_from(first, el);
    return loose || is_capital(first.s, first.n) ||
           in_list(first.s, first.n, office_words) ||
           in_list(first.s, first.n, dative_offices) ||
           in_list(first.s, first.n, articles);
}

/* Who one side of a heading names: the parenthesised name after an office
 * ("The Ambassador in Russia (Francis)" -> "Francis"); a person named
 * before a place in parentheses ("Sir G. Buchanan (Petrograd)" -> "Sir
 * G. Buchanan", the place in *where) or before an office ("M. Cambon,
 * Ambassadeur de France à Londres" -> "M. Cambon"); else the office
 * without its article ("the Secretary of State" -> "Secretary of
 * State"). */
static span_t side_name(span_t s, span_t *where)
{
    where->n = 0;
    s = strip(s, ",.;:");
    span_t first;
    size_t i = 0;
    if (!next_word(s, &i, &first))
        return s;
    span_t fc = strip(first, "\"");
    int person = in_list(fc.s, fc.n, honorifics);
    const char *open = memchr(s.s, '(', s.n);
    if (open) {
        const char *close = memchr(open, ')', s.n - (size_t)(open - s.s));
        span_t inside = close ? strip((span_t){open + 1, (size_t)(close - open) - 1,
                                               s.offset + (size_t)(open - s.s) + 1},
                                      " ")
                              : (span_t){open, 0, 0};
        span_t before = strip((span_t){s.s, (size_t)(open - s.s), s.offset}, ",");
        if (inside.n && !person && !has_digit(inside))
            return inside;
        if (person && before.n) {
            *where = inside;
            s = before;
        }
    }
    if (person) {
        size_t comma = find_outside(s, 0, ",");
        return strip((span_t){s.s, comma, s.offset}, ",");
    }
    if (in_list(fc.s, fc.n, articles) || starts_folded(s.s, s.n, "l'") ||
        starts_folded(s.s, s.n, "l\xE2\x80\x99")) {
        size_t skip = starts_folded(s.s, s.n, "l'") ? 2
                      : starts_folded(s.s, s.n, "l\xE2\x80\x99") ? 4 : i;
        s = trim(tail_from(s, skip));
    }
    return s;
}

/* Where a heading splits into sender and addressee: the separator's
 * start in *at and its length in *sep_len; 0 when it has none.  English
 * " to ", French " à "/" au "/" aux ", German " an ", Russian " — ", and
 * a Russian office in the dative. */
static int heading_split(span_t h, size_t *at, size_t *sep_len)
{
    /* ") to " first: "The Commissioner to the Baltic Provinces (Gade) to" */
    static const char *const seps[] = {
        ") to ", " to ", ", \xC3\xA0 ", " \xC3\xA0 ", " au ", " aux ", ", an ",
        " an ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " - ", NULL};
    for (size_t k = 0; seps[k]; k++) {
        size_t from = 1;
        for (;;) {
            size_t p = find_outside(h, from, seps[k]);
            if (p >= h.n)
                break;
            size_t sl = strlen(seps[k]);
            size_t start = seps[k][0] == ')' ? p + 1 : p;
            size_t len = seps[k][0] == ')' ? sl - 1 : sl;
            span_t right = trim(tail_from(h, start + len));
            span_t w;
            size_t i = 0;
            next_word(right, &i, &w);
            /* "à Londres", "au Japon" are places; "à M. Pichon",
             * "à l'ambassadeur", "au ministre", "à Son Excellence" an
             * addressee; so is "to the ...", "an das ..." */
            int fr = strstr(seps[k], "\xC3\xA0") != NULL ||
                     strstr(seps[k], " au") != NULL;
            span_t wc = strip(w, ",.");
            size_t el = elision(wc);
            if (el && el < wc.n)
                wc = tail_from(wc, el);
            int ok = w.n && (!fr || in_list(w.s, w.n, honorifics) ||
                             in_list(wc.s, wc.n, office_words) ||
                             in_list(wc.s, wc.n, articles) ||
                             starts_word(w.s, w.n, "son") ||
                             starts_word(w.s, w.n, "sa"));
            if (ok) {
                *at = start;
                *sep_len = len;
                return 1;
            }
            from = p + 1;
        }
    }
    size_t i = 0, n = 0;
    span_t w;
    while (next_word(h, &i, &w)) {
        if (++n > 1 && in_list(w.s, w.n, dative_offices)) {
            *at = (size_t)(w.s - h.s);
            *sep_len = 0;
            return 1;
        }
    }
    return 0;
}

/* Connectors after a type word: "Memorandum by", "Letter from", "Lettre
 * de", "Aufzeichnung des"; the sender follows. */
static size_t by_word(span_t s)
{
    static const char *const words[] = {"by", "from", "of", "de", "du", "des",
                                        "d'", "par", "von", "vom", "des",
                                        "der", NULL};
    span_t w;
    size_t i = 0;
    if (!next_word(s, &i, &w))
        return 0;
    if (starts_folded(w.s, w.n, "d'") == 2 && w.n > 2)
        return 2;
    return in_list(w.s, w.n, words) ? i : 0;
}

/* Read a heading block (lines joined in f->heading_buf): title, type,
 * from, to.  `evidence`: a type line, dateline or salutation follows it,
 * so its words may be any.  0 when it is no heading. */
static int heading_read(found_t *f, span_t h, int evidence)
{
    h = no_marker(trim(h), &f->heading_note);
    if (h.n < 6 || h.n > HEADING_MAX || count_words(h) > WORDS_MAX)
        return 0;
    /* an edition's number before it: "45.", "No. 45." */
    span_t w;
    size_t i = 0;
    if (next_word(h, &i, &w) && is_number_word(w) && w.s[w.n - 1] == '.')
        h = trim(tail_from(h, i));
    else if (starts_word(h.s, h.n, "no.") && next_word(h, &i, &w) &&
             is_number_word(w))
        h = trim(tail_from(h, i));
    /* a sentence is no heading: ". " inside, or a full stop after a
     * lower-case word at its end (DDF headings end "étrangères.") */
    for (size_t k = 1; k + 1 < h.n; k++)
        if ((h.s[k] == '.' || h.s[k] == '?' || h.s[k] == '!' || h.s[k] == ';') &&
            h.s[k + 1] == ' ' && k >= 3 && !is_blank(h.s[k - 1])) {
            /* an abbreviation or initial: "Mr.", "M.", "G.", "S.S.", "Dr." */
            size_t b = k;
            while (b > 0 && !is_blank(h.s[b - 1]))
                b--;
            span_t word = {h.s + b, k - b + 1, 0};
            if (!is_initial(word) && !in_list(word.s, word.n, honorifics) &&
                k - b > 3)
                return 0;
        }
    /* the receipt after a British heading: "(Received March 5)" */
    const char *rcv = NULL;
    for (size_t k = 0; k < h.n; k++)
        if ((h.s[k] == '(' || h.s[k] == '[') &&
            is_received(tail_from(h, k))) {
            rcv = h.s + k;
            break;
        }
    if (rcv)
        h = trim((span_t){h.s, (size_t)(rcv - h.s), h.offset});
    /* a type in brackets at its end ("... to the Secretary of State
     * [Telegram]", as a heading copied onto one line reads) */
    const char *end_type = NULL;
    if (h.n && h.s[h.n - 1] == ']') {
        const char *open = NULL;
        for (size_t k = h.n; k-- > 0;)
            if (h.s[k] == '[') {
                open = h.s + k;
                break;
            }
        span_t br = open ? tail_from(h, (size_t)(open - h.s)) : h, rest2, ref2;
        if (open && open > h.s && type_line(br, &end_type, &rest2, &ref2) &&
            end_type)
            h = trim((span_t){h.s, (size_t)(open - h.s), h.offset});
        else
            end_type = NULL;
    }
    span_t title = strip(h, ".");
    /* a type word first: "Memorandum by ...", "Телеграмма наркома ..." */
    size_t tl = 0;
    const char *type = type_at(h, &tl);
    span_t rest = h;
    if (type) {
        rest = trim(tail_from(h, tl));
        size_t b = by_word(rest);
        if (!b && rest.n && (rest.s[0] == ',' || rest.s[0] == ':'))
            rest = trim(tail_from(rest, 1));
        rest = trim(tail_from(rest, b));
        if (b || rest.n)
            rest = strip(rest, ",");
        if (starts_word(rest.s, rest.n, "by")) /* "... Conversation, by X" */
            rest = trim(tail_from(rest, 2));
        size_t by = find_outside(rest, 0, ", by ");
        if (by < rest.n)
            rest = trim(tail_from(rest, by + 5));
        /* "Memorandum by X of a Conversation with Y" */
        static const char *const talks[] = {" of a conversation",
                                            " of conversation", NULL};
        for (size_t k = 0; talks[k]; k++) {
            size_t c = find_outside(rest, 0, talks[k]);
            if (c < rest.n) {
                rest = trim((span_t){rest.s, c, rest.offset});
                type = "conversation";
                break;
            }
        }
    }
    /* "From John Adams to Abigail Adams", "To George Washington from
     * Henry Knox": Founders Online's heads, the sender after "from" */
    size_t at, sl;
    span_t from = rest, to = {NULL, 0, 0};
    size_t back = type ? rest.n : find_outside(rest, 1, " from ");
    if (!type && starts_word(rest.s, rest.n, "from")) {
        rest = trim(tail_from(rest, 4));
        from = rest;
    }
    if (!type && starts_word(rest.s, rest.n, "to") && back < rest.n) {
        to = strip((span_t){rest.s + 2, back - 2, rest.offset}, ", ");
        from = strip(tail_from(rest, back + 6), ",.");
    } else if (heading_split(rest, &at, &sl)) {
        from = strip((span_t){rest.s, at, rest.offset}, ",");
        to = strip(tail_from(rest, at + sl), ",.");
    } else if (!type) {
        return 0; /* neither "A to B" nor "Memorandum by A" */
    } else {
        evidence = 0; /* "Report on ...": its words must read as a name */
    }
    if (!type && !evidence && count_words(h) > 24)
        return 0;
    if ((from.n && !side_shaped(from, evidence)) ||
        (to.n && !side_shaped(to, evidence)))
        return 0;
    if (type && !from.n && !to.n && !evidence)
        return 0; /* a lone "Memorandum" is a type line, read elsewhere */
    span_t where;
    f->title = title;
    if (from.n)
        f->from = side_name(from, &where), f->from_place = where;
    if (to.n)
        f->to = side_name(to, &where);
    if (!type)
        type = end_type;
    if (type && !strcmp(type, "despatch") && !to.n &&
        starts_word(h.s, h.n, "bericht"))
        type = "report"; /* "Bericht des Gesandten ...": no addressee */
    if (type && !f->type)
        f->type = type;
    f->heading = 1;
    f->from_side = from;
    return 1;
}

/* ------------------------------------------------------------ the head */

/* Is the line one the head's walk recognises as structure (and not the
 * body or a heading)? */
static int is_marker(span_t l)
{
    const char *type;
    span_t rest, ref, place;
    char date[9];
    return is_received(l) || number_line(l) || source_note(l, 0, &ref) ||
           type_line(l, &type, &rest, &ref) ||
           dateline_read(l, date, &place, NULL) == FOND_OK || salutation(l, &ref);
}

/* Join the lines [from, to) of l into buf (one space between them). */
static span_t join_lines(const lines_t *l, size_t from, size_t to, char *buf,
                         size_t size)
{
    size_t n = 0;
    if (to == from + 1)
        return l->line[from];
    for (size_t k = from; k < to; k++) {
        if (l->line[k].n + 1 > size - 1 - n)
            break;
        if (n)
            buf[n++] = ' ';
        memcpy(buf + n, l->line[k].s, l->line[k].n);
        n += l->line[k].n;
    }
    buf[n] = '\0';
    return (span_t){buf, n, l->line[from].offset};
}

/* The first non-blank line at or after k; l->n if none. */
static size_t next_nonblank(const lines_t *l, size_t k)
{
    while (k < l->n && !l->line[k].n)
        k++;
    return k;
}

/* A block that could be a heading (or a report's title): up to three
 * consecutive lines from k, none a marker, ended by a blank line, a
 * marker or the end.  Its end in *end; 0 when the lines go on (a
 * paragraph). */
static int block_at(const lines_t *l, size_t k, size_t *end)
{
    size_t e = k;
    while (e < l->n && l->line[e].n && !(e > k && is_marker(l->line[e]))) {
        if (e - k == 3)
            return 0;
        e++;
    }
    *end = e;
    return e > k;
}

/* Is the line short, as a letterhead's, an address's or an author's
 * line is (not a sentence of the body)? */
static int short_line(span_t l)
{
    return l.n <= 70 && count_words(l) <= 9 &&
           !(l.n && (l.s[l.n - 1] == '.' || l.s[l.n - 1] == '?') &&
             count_words(l) > 4);
}

/* What a report's first page shows when no heading does: its title (the
 * first short block), its author (a name, or "by Name", in the next short
 * line), and (read by the walk) its dateline. */
typedef struct {
    span_t title, author;
    int blocks;
} first_page_t;

static void first_page_take(first_page_t *fp, found_t *f, span_t block)
{
    if (fp->blocks++ == 0) {
        if (block.s == f->heading_buf) { /* the buffer is used again */
            memcpy(f->title_buf, block.s, block.n);
            block.s = f->title_buf;
        }
        fp->title = strip(block, ".");
        return;
    }
    if (fp->blocks != 2)
        return;
    span_t a = block;
    size_t b = starts_word(a.s, a.n, "by") ? 2 : starts_word(a.s, a.n, "par") ? 3
               : starts_word(a.s, a.n, "von") ? 3 : 0;
    a = trim(tail_from(a, b));
    size_t comma = find_outside(a, 0, ",");
    span_t name = strip((span_t){a.s, comma, a.offset}, ",.");
    int sure;
    if (name_shaped(name, &sure))
        fp->author = name;
    (void)f;
}

/* A footnote's line, at the end with no Notes heading: "[1] See ...",
 * "1. Not printed.", "2) ...", "¹ ...". */
static int note_shaped(span_t l)
{
    size_t i = l.n && l.s[0] == '[' ? 1 : 0, d = i;
    while (d < l.n && d - i < 3 && text_is_digit(l.s[d]))
        d++;
    if (d > i && d < l.n && (l.s[d] == '.' || l.s[d] == ')' ||
                             (i && l.s[d] == ']') || l.s[d] == ' '))
        return d + 1 < l.n && l.n <= 600;
    unsigned char a = l.n > 1 ? (unsigned char)l.s[0] : 0;
    unsigned char b = l.n > 1 ? (unsigned char)l.s[1] : 0;
    return a == 0xC2 && (b == 0xB9 || b == 0xB2 || b == 0xB3); /* ¹ ² ³ */
}

/* An archive's reference on a line of its own that citation.h does not
 * know: short, a capital first, digits and commas, words that are names,
 * numbers and abbreviations ("PA AA, R 99533, Bl. 274.", "Hoover
 * Institution, Box 69, Folder 9."). */
static int ref_like(span_t l)
{
    if (l.n > 120 || !is_capital(l.s, l.n) || !has_digit(l) ||
        !memchr(l.s, ',', l.n) || count_words(l) > 14 || names_a_day(l))
        return 0;
    /* its words: names, numbers, abbreviations ("vol.", "f.", "op."),
     * joining words; a sentence has others ("It arrived on ...") */
    size_t i = 0, other = 0;
    span_t w;
    while (next_word(l, &i, &w)) {
        span_t c = strip(w, ",;:()");
        if (c.n && !is_capital(c.s, c.n) && !text_is_digit(c.s[0]) &&
            c.s[c.n - 1] != '.' && !in_list(c.s, c.n, function_words))
            other++;
    }
    return other <= 1;
}

/* Walk the head's lines; return where the body starts (an offset in the
 * text), after the last line taken as structure. */
static fond_status_t head_read(found_t *f, const lines_t *l, size_t *body_at)
{
    first_page_t fp = {{NULL, 0, 0}, {NULL, 0, 0}, 0};
    size_t seen = 0, k = next_nonblank(l, 0);
    int had_date = 0;
    *body_at = 0;
    while (k < l->n && seen++ < HEAD_LINES) {
        span_t line = l->line[k], rest, ref, place, to;
        const char *type;
        char date[9];
        int timed = 0, taken = 1;
        size_t end = k + 1;
        fond_status_t st;
        if (is_notes_heading(line))
            break;
        if (source_note(line, f->heading || f->type, &ref)) {
            if (!f->ref.n)
                f->ref = ref;
        } else if (is_received(line)) {
            f->received = 1;
        } else if (type_line(line, &type, &rest, &ref)) {
            if (ref.n && !f->ref.n)
                f->ref = ref;
            if (type && !f->type)
                f->type = type;
            if (!type && f->heading) /* "No. 123" after a heading */
                f->despatch_number = 1;
            if (rest.n && !had_date &&
                (st = dateline_read(rest, date, &place, &timed)) != FOND_ERR_ARG) {
                if (st != FOND_OK)
                    return st;
                memcpy(f->date, date, 9), f->place = place, had_date = 1;
                f->timed = timed;
            }
        } else if ((st = dateline_read(line, date, &place, &timed)) !=
                   FOND_ERR_ARG) {
            if (st != FOND_OK)
                return st;
            if (!had_date)
                memcpy(f->date, date, 9), f->place = place, had_date = 1,
                f->timed = timed;
        } else if (number_line(line) && !f->heading) {
            /* an edition's number for the document */
        } else if ((f->heading || f->type) && !had_date && ref_like(line)) {
            if (!f->ref.n) /* "Hoover Institution, Box 69, Folder 9." */
                f->ref = strip(line, ".;");
        } else if (salutation(line, &to)) {
            f->salutation = 1;
            if (to.n && !f->to.n)
                f->to = to;
            *body_at = line.offset + line.n;
            break;
        } else if (!f->heading && !had_date && block_at(l, k, &end)) {
            size_t after = next_nonblank(l, end);
            int evidence = after < l->n && is_marker(l->line[after]);
            span_t block = join_lines(l, k, end, f->heading_buf,
                                      sizeof f->heading_buf);
            int sure;
            if (!heading_read(f, block, evidence)) {
                if (end - k >= 2 && !fp.blocks &&
                    name_shaped(l->line[end - 1], &sure)) {
                    /* title and author with no blank line between (as
                     * pdftotext gives a PDF's first page) */
                    first_page_take(&fp, f, join_lines(l, k, end - 1,
                                                       f->heading_buf,
                                                       sizeof f->heading_buf));
                    first_page_take(&fp, f, l->line[end - 1]);
                    taken = 0;
                } else if (short_line(block) && end - k <= 3 && !f->type) {
                    first_page_take(&fp, f, block); /* (after a type line
                                                       the body starts) */
                    taken = 0;
                } else {
                    break;
                }
            }
        } else if (short_line(line) && (fp.blocks || had_date || f->heading) &&
                   next_nonblank(l, k + 1) < l->n) {
            if (!had_date) /* an author under the title */
                first_page_take(&fp, f, line);
            /* after the dateline: an address, passed over */
            taken = 0;
        } else {
            break; /* the body */
        }
        /* the tail reads no line the head took as structure; lines it
         * only passed over (a letterhead, an address) a short text's tail
         * may read again */
        if (taken)
            *body_at = l->line[end - 1].offset + l->line[end - 1].n;
        k = next_nonblank(l, end);
    }
    /* no heading, but a title and a dateline on the first page: a report
     * (or a paper) titled and dated by its own text */
    if (!f->heading && !f->salutation && fp.title.n && had_date &&
        !f->type) {
        size_t tl;
        f->title = fp.title;
        if (fp.author.n)
            f->from = fp.author;
        for (size_t i = 0; i < fp.title.n && !f->type; i++)
            if (i == 0 || is_blank(fp.title.s[i - 1])) {
                const char *t = type_at(tail_from(fp.title, i), &tl);
                if (t && !strcmp(t, "report"))
                    f->type = t;
            }
    }
    /* a telegram's body opens with its number: "2348. Your 1761 ..." */
    if (k < l->n) {
        span_t w;
        size_t i = 0;
        if (next_word(l->line[k], &i, &w) && is_number_word(w) &&
            w.s[w.n - 1] == '.')
            f->numbered_body = 1;
    }
    return FOND_OK;
}

/* ------------------------------------------------------------ the tail */

/* When `line` is the note the heading's marker points to ("1. File No.
 * 861.00/1048.") and a source note, its reference is the document's own:
 * editions footnote a heading with where the document is kept. */
static void heading_note_take(found_t *f, span_t line)
{
    size_t i = line.n && line.s[0] == '[' ? 1 : 0, d = i;
    unsigned number = 0;
    span_t ref;
    while (d < line.n && d - i < 9) {
        unsigned char a = (unsigned char)line.s[d];
        unsigned char b = d + 1 < line.n ? (unsigned char)line.s[d + 1] : 0;
        unsigned char c = d + 2 < line.n ? (unsigned char)line.s[d + 2] : 0;
        if (text_is_digit(line.s[d]))
            number = number * 10 + (unsigned)(a - '0'), d++;
        else if (a == 0xC2 && (b == 0xB9 || b == 0xB2 || b == 0xB3))
            number = number * 10 + (b == 0xB9 ? 1u : b == 0xB2 ? 2u : 3u), d += 2;
        else if (a == 0xE2 && b == 0x81 && c >= 0xB0 && c <= 0xB9)
            number = number * 10 + (unsigned)(c - 0xB0), d += 3; /* ⁰ ⁴-⁹ */
        else
            break;
    }
    if (d == i || number != f->heading_note || f->ref.n)
        return;
    if (source_note(strip(tail_from(line, d), ".)]"), 0, &ref))
        f->ref = ref;
}

/* Walk the tail's lines back from the end (or from a Notes heading): the
 * source note, a dateline at the end, the signature above them. */
static fond_status_t tail_read(found_t *f, const lines_t *l, size_t body_at,
                               int structured)
{
    size_t end = l->n;
    for (size_t k = 0; k < l->n; k++)
        if (is_notes_heading(l->line[k]) && (k == 0 || !l->line[k - 1].n))
            end = k; /* the last Notes heading */
    for (size_t k = end + 1; f->heading && f->heading_note && k < l->n; k++)
        heading_note_take(f, l->line[k]);
    span_t names[3];
    int sure[3], n_names = 0, close = 0, skipped = 0;
    size_t seen = 0;
    for (size_t k = end; k-- > 0 && seen < TAIL_LINES;) {
        span_t line = l->line[k], ref, place;
        char date[9];
        fond_status_t st;
        if (!line.n)
            continue;
        if (line.offset < body_at)
            break;
        seen++;
        if (source_note(line, structured, &ref)) {
            if (!f->ref.n)
                f->ref = ref;
            continue;
        }
        if (is_received(line))
            continue;
        if ((st = dateline_read(line, date, &place, NULL)) != FOND_ERR_ARG) {
            if (st != FOND_OK)
                return st;
            if (!f->date[0])
                memcpy(f->date, date, 9), f->place = place;
            continue;
        }
        if (is_close(line)) {
            close = 1;
            break;
        }
        int s;
        if (n_names < 3 && name_shaped(line, &s)) {
            unsigned note;
            names[n_names] = strip(no_marker(strip(line, ".,;"), &note), ".,;");
            sure[n_names++] = s;
            continue;
        }
        if (n_names == 0 && short_line(line) && line.s[line.n - 1] != '.' &&
            !has_digit(line)) /* an office under the name */
            continue;
        if (n_names == 0 && skipped < 4 && note_shaped(line)) {
            skipped++; /* notes with no heading */
            if (f->heading && f->heading_note)
                heading_note_take(f, line);
            continue;
        }
        if (n_names == 0 && skipped < 4 && structured && ref_like(line)) {
            skipped++; /* the source note, with no label: "PA AA, R 1, Bl. 2." */
            if (!f->ref.n)
                f->ref = strip(line, ".;");
            continue;
        }
        break;
    }
    /* the signer: a name with an initial or in capitals first, else the
     * top one; only under a close or in a document whose head showed its
     * form (a narrative's last short line is no signature) */
    int pick = -1;
    for (int i = 0; i < n_names && pick < 0; i++)
        if (sure[i])
            pick = i;
    if (pick < 0 && n_names)
        pick = n_names - 1;
    if (!close && !structured)
        pick = -1;
    if (pick >= 0)
        f->signer = names[pick];
    return FOND_OK;
}

/* Is the sender an institution ("The Embassy of Poland", "l'ambassade
 * de France", "Deutsche Botschaft", "Полпредство РСФСР": its first or
 * second word)?  What an embassy or a ministry sends under its own name
 * is a note. */
static int institution(span_t from)
{
    static const char *const bodies[] = {
        "embassy", "legation", "ministry", "department", "ambassade",
        "l\xC3\xA9gation", "minist\xC3\xA8re", "botschaft", "gesandtschaft",
        "\xD0\xBF\xD0\xBE\xD0\xBB\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB4\xD1\x81\xD1\x82\xD0\xB2\xD0\xBE", /* полпредство */
        "\xD0\xBF\xD0\xBE\xD1\x81\xD0\xBE\xD0\xBB\xD1\x8C\xD1\x81\xD1\x82\xD0\xB2\xD0\xBE", /* посольство */
        "\xD0\xBD\xD0\xBA\xD0\xB8\xD0\xB4", /* нкид */
        "\xD0\xBC\xD0\xB8\xD0\xBD\xD0\xB8\xD1\x81\xD1\x82\xD0\xB5\xD1\x80\xD1\x81\xD1\x82\xD0\xB2\xD0\xBE", /* министерство */
        NULL};
    span_t w;
    size_t i = 0, words = 0;
    while (next_word(from, &i, &w) && words < 2) {
        span_t c = strip(w, ",.");
        size_t el = elision(c);
        if (el && el < c.n)
            c = tail_from(c, el);
        if (in_list(c.s, c.n, articles))
            continue;
        if (in_list(c.s, c.n, bodies))
            return 1; /* its first or second word: "Deutsche Botschaft" */
        words++;
    }
    return 0;
}

/* ------------------------------------------------------------ the whole */

static fond_status_t put(char **field, span_t s)
{
    if (!s.n)
        return FOND_OK;
    *field = malloc(s.n + 1);
    if (!*field)
        return FOND_ERR_NOMEM;
    /* white space inside made one space (a heading over lines); a NUL
     * (which decode.h lets through no text) would cut the string short */
    size_t n = 0;
    for (size_t i = 0; i < s.n; i++) {
        if (s.s[i] == '\0' ||
            (is_blank(s.s[i]) && (!n || (*field)[n - 1] == ' ')))
            continue;
        (*field)[n++] = is_blank(s.s[i]) ? ' ' : s.s[i];
    }
    while (n && (*field)[n - 1] == ' ')
        n--;
    (*field)[n] = '\0';
    if (!n) {
        free(*field);
        *field = NULL;
    }
    return FOND_OK;
}

fond_status_t structure_read(const char *text, size_t len, source_t *out)
{
    memset(out, 0, sizeof *out);
    found_t *f = calloc(1, sizeof *f);
    lines_t *head = malloc(sizeof *head), *tail = malloc(sizeof *tail);
    fond_status_t st = f && head && tail ? FOND_OK : FOND_ERR_NOMEM;
    size_t head_end = len < STRUCTURE_HEAD_BYTES ? len : STRUCTURE_HEAD_BYTES;
    while (head_end < len && head_end > 0 && text[head_end - 1] != '\n')
        head_end--; /* whole lines only */
    size_t tail_start = len > STRUCTURE_TAIL_BYTES ? len - STRUCTURE_TAIL_BYTES : 0;
    while (tail_start > 0 && tail_start < len && text[tail_start - 1] != '\n')
        tail_start++;
    size_t body_at = 0;
    if (st == FOND_OK) {
        lines_cut(text, 0, head_end, 0, head);
        lines_cut(text, tail_start, len, 1, tail);
        st = head_read(f, head, &body_at);
    }
    int structured = f && (f->heading || f->type || f->date[0] || f->salutation);
    if (st == FOND_OK)
        st = tail_read(f, tail, body_at, structured);
    if (st == FOND_OK) {
        if (!f->type && f->despatch_number)
            f->type = "despatch";
        if (!f->type && ((f->received && f->numbered_body) || f->timed))
            f->type = "telegram"; /* "[Received ...]", "2348. Your ...";
                                     "Paris, le 9 janvier 1923, 13 h 30" */
        if (!f->type && institution(f->from_side))
            f->type = "note"; /* "The Embassy of Poland to ...": a note */
        if (!f->type && f->salutation)
            f->type = "letter";
        if (!f->from.n && f->signer.n)
            f->from = f->signer;
        if (!f->place.n && f->from_place.n)
            f->place = f->from_place;
        memcpy(out->date, f->date, sizeof out->date);
        st = put(&out->title, f->title);
    }
    if (st == FOND_OK && f->type)
        st = (out->type = strdup(f->type)) ? FOND_OK : FOND_ERR_NOMEM;
    if (st == FOND_OK)
        st = put(&out->from, f->from);
    if (st == FOND_OK)
        st = put(&out->to, f->to);
    if (st == FOND_OK)
        st = put(&out->place, f->place);
    if (st == FOND_OK)
        st = put(&out->archive_ref, f->ref);
    if (st != FOND_OK)
        source_free(out);
    free(f);
    free(head);
    free(tail);
    return st;
}
