/*
 * dates.c -- finding the dates running text mentions (see dates.h), and
 * reading a date or date range as fond's headers write it.
 *
 * One left-to-right pass over the text.  At the start of each word it
 * tries the date forms that can begin with that word, longest first, and
 * on a match goes on after it; the look-ahead (and the look-back at the
 * word before a year) is bounded (a few words and at most MAX_GAP bytes of
 * white space between them), so the work is linear in the length of the
 * text.
 *
 * The year of a day and month without one ("on 3 July") is the latest year
 * mentioned before it, else the caller's default: a narrative moves
 * forward, and the earlier dates it quotes ("your 19 December 1920
 * statement") should not pull what follows back ("On 8 August" is 1921).  When neither is known
 * the mention is skipped, because date_mention_t has no "unknown year".
 * "mid-September" (and "midSeptember", as PDF extraction leaves it) is
 * taken as the month alone; other bare month names ("in August") are not
 * dates, since "May" and "August" are also words and names.
 *
 * A number alone is a year only when its context makes it one (see
 * try_year): telegrams and despatches are numbered ("1864. Answering your
 * 1761"), and references hold numbers ("861.51/1864", "FO 371/1921"), so
 * a four-digit number by itself says nothing.
 */
#include "array.h"
#include "dates.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* The most white space allowed between the parts of a date ("7 May\n
 * 1921" is one date across a line end; a page of blanks is not). */
#define MAX_GAP 32
/* The longest word looked at before or after a year ("instructions"). */
#define MAX_WORD 40
/* Years a bare number may be (1700-2099): not "1400" or "6625". */
#define YEAR_MIN 1700
#define YEAR_MAX 2099

typedef struct {
    const char *t;
    size_t len;
    int year;              /* the latest year mentioned, else the default */
    size_t year_end;       /* where the last mention with a year ended, +1 */
    date_mention_t *out;
    size_t n, cap;
    fond_status_t status;
} scan_t;

/* ------------------------------------------------------------ month names */

/* The languages whose month names are written with a capital: there a
 * name in lower case is a word ("may", "march"), not a month. */
enum { EN, FR, DE, RU, ES, IT, PT, TR };

/*
 * The month names fond knows, the one table of them: each row a month, a
 * language and its forms, lower case, '|' between them (Russian in every
 * case, in the old spelling too: "февраль", "февраля", "въ февралѣ").
 * An abbreviation is the first form cut to three letters or more and a
 * full stop ("févr.", "Febr.", "сент."); English also writes "Mar",
 * "Sept" without one.  The forms of a row start with the same letter
 * (read_month_lang looks at the first letter alone to pass a row by).
 */
static const struct {
    unsigned char month, lang;
    const char *forms;
} month_rows[] = {
    {1, EN, "january"}, {2, EN, "february"}, {3, EN, "march"},
    {4, EN, "april"}, {5, EN, "may"}, {6, EN, "june"}, {7, EN, "july"},
    {8, EN, "august"}, {9, EN, "september"}, {10, EN, "october"},
    {11, EN, "november"}, {12, EN, "december"},
    {1, FR, "janvier"}, {2, FR, "février|fevrier"}, {3, FR, "mars"},
    {4, FR, "avril"}, {5, FR, "mai"}, {6, FR, "juin"}, {7, FR, "juillet"},
    {8, FR, "août|aout"}, {9, FR, "septembre"}, {10, FR, "octobre"},
    {11, FR, "novembre"}, {12, FR, "décembre|decembre"},
    {1, DE, "januar|jänner"}, {2, DE, "februar|feber"},
    {3, DE, "märz|maerz"}, {4, DE, "april"}, {5, DE, "mai"},
    {6, DE, "juni"}, {7, DE, "juli"}, {8, DE, "august"},
    {9, DE, "september"}, {10, DE, "oktober"}, {11, DE, "november"},
    {12, DE, "dezember"},
    {1, RU, "январь|января|январе|январю|январём|январем|январѣ"},
    {2, RU, "февраль|февраля|феврале|февралю|февралём|февралем|февралѣ"},
    {3, RU, "март|марта|марте|марту|мартом|мартъ|мартѣ"},
    {4, RU, "апрель|апреля|апреле|апрелю|апрелем|апрѣль|апрѣля|апрѣлѣ"},
    {5, RU, "май|мая|мае|маю|маем|маѣ"},
    {6, RU, "июнь|июня|июне|июню|июнем"}, {6, RU, "іюнь|іюня|іюнѣ"},
    {7, RU, "июль|июля|июле|июлю|июлем"}, {7, RU, "іюль|іюля|іюлѣ"},
    {8, RU, "август|августа|августе|августу|августом|августъ|августѣ"},
    {9, RU, "сентябрь|сентября|сентябре|сентябрю|сентябрём|сентябрем|сентябрѣ"},
    {10, RU, "октябрь|октября|октябре|октябрю|октябрём|октябрем|октябрѣ"},
    {11, RU, "ноябрь|ноября|ноябре|ноябрю|ноябрём|ноябрем|ноябрѣ"},
    {12, RU, "декабрь|декабря|декабре|декабрю|декабрём|декабрем|декабрѣ"},
    {1, ES, "enero"}, {2, ES, "febrero"}, {3, ES, "marzo"}, {4, ES, "abril"},
    {5, ES, "mayo"}, {6, ES, "junio"}, {7, ES, "julio"}, {8, ES, "agosto"},
    {9, ES, "septiembre|setiembre"}, {10, ES, "octubre"},
    {11, ES, "noviembre"}, {12, ES, "diciembre"},
    {1, IT, "gennaio"}, {2, IT, "febbraio"}, {3, IT, "marzo"},
    {4, IT, "aprile"}, {5, IT, "maggio"}, {6, IT, "giugno"},
    {7, IT, "luglio"}, {8, IT, "agosto"}, {9, IT, "settembre"},
    {10, IT, "ottobre"}, {11, IT, "novembre"}, {12, IT, "dicembre"},
    {1, PT, "janeiro"}, {2, PT, "fevereiro"}, {3, PT, "março"},
    {4, PT, "abril"}, {5, PT, "maio"}, {6, PT, "junho"}, {7, PT, "julho"},
    {8, PT, "agosto"}, {9, PT, "setembro"}, {10, PT, "outubro"},
    {11, PT, "novembro"}, {12, PT, "dezembro"},
    {1, TR, "ocak"}, {2, TR, "şubat"}, {3, TR, "mart"}, {4, TR, "nisan"},
    {5, TR, "mayıs"}, {6, TR, "haziran"}, {7, TR, "temmuz"},
    {8, TR, "ağustos"}, {9, TR, "eylül"}, {10, TR, "ekim"},
    {11, TR, "kasım"}, {12, TR, "aralık"},
};

/* ------------------------------------------------------------ characters */

static int is_alnum(char c)
{
    return text_is_digit(c) || text_is_alpha(c);
}

/* The code point at t[i] and *n its length in bytes; a byte that starts
 * no valid UTF-8 sequence stands for itself. */
static unsigned cp_at(const char *t, size_t len, size_t i, size_t *n)
{
    unsigned char c = (unsigned char)t[i];
    size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    *n = 1;
    if (k == 1 || k > len - i)
        return c;
    unsigned v = c & (0x3Fu >> (k - 1));
    for (size_t j = 1; j < k; j++) {
        unsigned char b = (unsigned char)t[i + j];
        if ((b & 0xC0) != 0x80)
            return c;
        v = (v << 6) | (b & 0x3Fu);
    }
    *n = k;
    return v;
}

/* The lower case of a Latin or Cyrillic letter (what month names and the
 * words around years are written in); any other code point as it is. */
static unsigned fold_cp(unsigned c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7))
        return c + 32;
    if (c == 0x130) /* Turkish dotted capital I */
        return 'i';
    if (((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) && c % 2 == 0)
        return c + 1;
    if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) && c % 2 == 1)
        return c + 1;
    if (c >= 0x410 && c <= 0x42F)
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40F)
        return c + 0x50;
    if (c >= 0x460 && c <= 0x481 && c % 2 == 0) /* ѣ and the old letters */
        return c + 1;
    return c;
}

/* A letter of the scripts month names are written in (a word goes on). */
static int is_letter_cp(unsigned c)
{
    return (c < 0x80 && text_is_alpha((char)c)) ||
           (c >= 0xC0 && c < 0x2000 && c != 0xD7 && c != 0xF7);
}

/* Does a letter start at t[i]? */
static int letter_at(const char *t, size_t len, size_t i)
{
    size_t n;
    return i < len && is_letter_cp(cp_at(t, len, i, &n));
}

/* Does t[i] differ from word's first letter, on one byte?  An ASCII byte
 * of the text is an ASCII letter of word or none (the common case: most
 * comparisons end here). */
static int first_byte_differs(const char *t, size_t len, size_t i,
                              const char *word)
{
    return i < len && (unsigned char)t[i] < 0x80 &&
           ((unsigned char)word[0] >= 0x80 ||
            ((t[i] | 0x20) != word[0] && t[i] != word[0]));
}

/* Compare t from i with the lower-case `word` (w_len bytes), letter by
 * letter, ignoring case: how many of word's letters match before the
 * first that does not; *end after the last matched, *whole when all did. */
static size_t match_letters(const char *t, size_t len, size_t i,
                            const char *word, size_t w_len, size_t *end,
                            int *whole)
{
    size_t k = 0, j = 0, matched = 0;
    *end = i;
    *whole = w_len == 0;
    if (w_len && first_byte_differs(t, len, i, word))
        return 0;
    while (k < w_len && i + j < len) {
        size_t nw, nt;
        unsigned w = cp_at(word, w_len, k, &nw);
        if (fold_cp(cp_at(t, len, i + j, &nt)) != w)
            break;
        k += nw;
        j += nt;
        matched++;
        *end = i + j;
    }
    *whole = k == w_len;
    return matched;
}

/* Skip white space (a no-break space too) from i, at most MAX_GAP bytes;
 * the position after it, or i if there was none or too much. */
static size_t skip_gap(const char *t, size_t len, size_t i)
{
    size_t j = i;
    while (j < len && j - i <= MAX_GAP) {
        if (text_is_space(t[j]))
            j++;
        else if (j + 1 < len && (unsigned char)t[j] == 0xC2 &&
                 (unsigned char)t[j + 1] == 0xA0)
            j += 2;
        else
            break;
    }
    return j - i <= MAX_GAP ? j : i;
}

/* Is t[i, e) the lower-case `word`, ignoring case? */
static int word_is(const char *t, size_t len, size_t i, size_t e,
                   const char *word)
{
    size_t end;
    int whole;
    if (first_byte_differs(t, len, i, word))
        return 0;
    match_letters(t, e < len ? e : len, i, word, strlen(word), &end, &whole);
    return whole && end == e;
}

/* Is t[i, e) one of the words of a NULL-ended list? */
static int word_in(const char *t, size_t len, size_t i, size_t e,
                   const char *const *list)
{
    for (size_t k = 0; list[k]; k++)
        if (word_is(t, len, i, e, list[k]))
            return 1;
    return 0;
}

/* The word at t[i] (up to white space or MAX_WORD bytes): its end. */
static size_t word_end(const char *t, size_t len, size_t i)
{
    size_t e = i;
    while (e < len && e - i < MAX_WORD && !text_is_space(t[e]) && t[e] != ')' &&
           t[e] != ']' && t[e] != ',' && t[e] != ';' && t[e] != ':')
        e++;
    return e;
}

/* After one of the lower-case `words` at t[i] and the gap after it: the
 * position there, or i when none is there. */
static size_t skip_word(const char *t, size_t len, size_t i,
                        const char *const *words)
{
    for (size_t k = 0; words[k]; k++) {
        size_t end, g;
        int whole;
        match_letters(t, len, i, words[k], strlen(words[k]), &end, &whole);
        if (whole && !letter_at(t, len, end) && (g = skip_gap(t, len, end)) > end)
            return g;
    }
    return i;
}

/* ------------------------------------------------------------ numbers */

/* A number of 1 to max_digits digits at t[i], not followed by another
 * digit: its value, and *end after it; -1 if there is none. */
static int read_number(const char *t, size_t len, size_t i, size_t max_digits,
                       size_t *end)
{
    int v = 0;
    size_t j = i;
    while (j < len && text_is_digit(t[j]) && j - i < max_digits)
        v = v * 10 + (t[j++] - '0');
    if (j == i || (j < len && text_is_digit(t[j])))
        return -1;
    *end = j;
    return v;
}

int dates_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

static int valid_day(int year, int month, int day)
{
    return month >= 1 && month <= 12 && day >= 1 &&
           day <= dates_days_in_month(year, month);
}

/* Days since 1 March of year 0 (proleptic Gregorian): differences of
 * two days in days. */
static long day_count(int y, int m, int d)
{
    if (m <= 2)
        y--, m += 12;
    return 365L * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d;
}

/* ------------------------------------------------------------ words */

/* A month name at t[i]: "March", "Mar", "Mar.", "Sept.", "février",
 * "févr.", "Februar", "февраля", "февр.", "Şubat".  The month (1-12),
 * *end after the name and *lang its language, or 0. */
static int read_month_lang(const char *t, size_t len, size_t i, int only,
                           size_t *end, int *lang)
{
    if (i >= len || !letter_at(t, len, i))
        return 0;
    size_t n;
    unsigned first = cp_at(t, len, i, &n), low = fold_cp(first);
    int capital = low != first;
    /* the lower-case first letter's first two bytes in UTF-8 */
    unsigned char b0 = (unsigned char)(low < 0x80 ? low : 0xC0 | (low >> 6));
    unsigned char b1 = (unsigned char)(low < 0x80 ? 0 : 0x80 | (low & 0x3F));
    for (size_t r = 0; r < sizeof month_rows / sizeof *month_rows; r++) {
        int l = month_rows[r].lang;
        const char *f = month_rows[r].forms;
        if ((unsigned char)f[0] != b0 || (b1 && (unsigned char)f[1] != b1) ||
            (only >= 0 && l != only) || ((l == EN || l == DE || l == TR) && !capital))
            continue;
        for (int k = 0; *f; k++) {
            const char *bar = strchr(f, '|');
            size_t f_len = bar ? (size_t)(bar - f) : strlen(f), e;
            int whole;
            size_t m = match_letters(t, len, i, f, f_len, &e, &whole);
            int bare_short = l == EN && (m == 3 || (m == 4 && r == 8));
            if ((whole || bare_short) && !letter_at(t, len, e)) {
                *end = e + (!whole && e < len && t[e] == '.'); /* "Sept." */
                *lang = l;
                return month_rows[r].month;
            }
            if (k == 0 && !whole && m >= 3 && e < len && t[e] == '.') {
                *end = e + 1; /* "févr." */
                *lang = l;
                return month_rows[r].month;
            }
            f += f_len + (bar != NULL);
        }
    }
    return 0;
}

int dates_month_name(const char *t, size_t len, size_t i, size_t *end)
{
    int lang;
    return read_month_lang(t, len, i, -1, end, &lang);
}

/* A day at t[i]: "16", "3", "16th", "1st", "1er", "1º", "8-го"; the day
 * and *end, or -1. */
static int read_day(const char *t, size_t len, size_t i, size_t *end)
{
    static const char *const suffixes[] = {"st", "nd", "rd", "th", "er", "re",
                                           "º", "°", "-го", NULL};
    int day = read_number(t, len, i, 2, end);
    if (day < 1 || day > 31)
        return -1;
    size_t e = *end;
    for (size_t k = 0; suffixes[k]; k++) {
        size_t n = strlen(suffixes[k]), se;
        int whole;
        match_letters(t, len, e, suffixes[k], n, &se, &whole);
        if (whole && !letter_at(t, len, se)) {
            e = se;
            break;
        }
    }
    if (e < len && (is_alnum(t[e]) || letter_at(t, len, e)))
        return -1;
    *end = e;
    return day;
}

/* A year of four digits at t[i] after a month (any year will do there),
 * with an optional comma or "de" before it: the year and *end, or -1. */
static int read_year_after(const char *t, size_t len, size_t i, size_t *end)
{
    static const char *const de[] = {"de", "del", NULL};
    if (i < len && t[i] == ',')
        i++;
    size_t j = skip_gap(t, len, i);
    if (j == i && t[i - 1] != ',')
        return -1; /* "March1921" */
    j = skip_word(t, len, j, de); /* "febrero de 1918" */
    size_t e;
    int year = read_number(t, len, j, 4, &e);
    if (year < 1 || e - j != 4 || (e < len && text_is_alpha(t[e])))
        return -1;
    *end = e;
    return year;
}

/* ------------------------------------------------------------ mentions */

static void add(scan_t *s, int year, int month, int day, size_t start,
                size_t end)
{
    if (array_reserve(&s->out, &s->cap, s->n + 1, sizeof *s->out, 16)) {
        s->status = FOND_ERR_NOMEM;
        return;
    }
    s->out[s->n++] = (date_mention_t){year, month, day, start, end};
}

/* A mention that gives its year: later ones without a year take it, if it
 * is the latest so far. */
static void add_dated(scan_t *s, int year, int month, int day, size_t start,
                      size_t end)
{
    if (year > s->year)
        s->year = year;
    s->year_end = end + 1;
    add(s, year, month, day, start, end);
}

/* A mention without a year takes the year of the text before it; it is
 * dropped when there is none, or when the day does not exist in it. */
static void add_undated(scan_t *s, int month, int day, size_t start,
                        size_t end)
{
    if (s->year && (day == 0 || valid_day(s->year, month, day)))
        add(s, s->year, month, day, start, end);
}

/* ------------------------------------------------------------ forms */

/* "1921-09-26" at t[i]; the end of the match, or 0. */
static size_t try_iso(scan_t *s, size_t i)
{
    const char *t = s->t;
    size_t len = s->len, e1, e2, e3;
    int y = read_number(t, len, i, 4, &e1);
    if (y < 1 || e1 - i != 4 || e1 >= len || t[e1] != '-')
        return 0;
    int m = read_number(t, len, e1 + 1, 2, &e2);
    if (m < 0 || e2 - e1 != 3 || e2 >= len || t[e2] != '-')
        return 0;
    int d = read_number(t, len, e2 + 1, 2, &e3);
    if (d < 0 || e3 - e2 != 3 || (e3 < len && is_alnum(t[e3])) ||
        !valid_day(y, m, d))
        return 0;
    add_dated(s, y, m, d, i, e3);
    return e3;
}

/* A month in Roman numerals (I-XII) at t[i]: the month and *end, or 0. */
static int read_roman_month(const char *t, size_t len, size_t i, size_t *end)
{
    static const char *const roman[12] = {"I",   "II", "III", "IV",
                                          "V",   "VI", "VII", "VIII",
                                          "IX",  "X",  "XI",  "XII"};
    size_t e = i;
    while (e < len && e - i < 4 && (t[e] == 'I' || t[e] == 'V' || t[e] == 'X'))
        e++;
    for (int m = 0; m < 12; m++)
        if (strlen(roman[m]) == e - i && memcmp(t + i, roman[m], e - i) == 0) {
            *end = e;
            return m + 1;
        }
    return 0;
}

/* "26.01.1922" (day, month, year), or with the month in Roman numerals
 * "8/II/1918", "8.II.1918", "8-II-1918", at t[i]; the end, or 0. */
static size_t try_numeric(scan_t *s, size_t i)
{
    const char *t = s->t;
    size_t len = s->len, e1, e2, e3;
    int d = read_number(t, len, i, 2, &e1);
    if (d < 1 || e1 + 1 >= len)
        return 0;
    char sep = t[e1];
    int m;
    if (sep == '.' && text_is_digit(t[e1 + 1]))
        m = read_number(t, len, e1 + 1, 2, &e2);
    else if (sep == '.' || sep == '/' || sep == '-')
        m = read_roman_month(t, len, e1 + 1, &e2);
    else
        return 0;
    if (m < 1 || e2 >= len || t[e2] != sep)
        return 0;
    int y = read_number(t, len, e2 + 1, 4, &e3);
    if (y < 1 || e3 - e2 != 5 || (e3 < len && is_alnum(t[e3])) ||
        !valid_day(y, m, d))
        return 0;
    add_dated(s, y, m, d, i, e3);
    return e3;
}

/* One day and month ("8 February", "8. Februar", "8 de febrero", "8th of
 * February") at t[i], with the year that may follow (*year, else -1);
 * *end after what was read; 0 if there is none. */
static int read_day_month(const char *t, size_t len, size_t i, int *day,
                          int *year, size_t *end)
{
    static const char *const of[] = {"of", "de", NULL};
    size_t de, me, ye;
    int lang;
    *day = read_day(t, len, i, &de);
    if (*day < 0)
        return 0;
    int dotted = de < len && t[de] == '.' && text_is_digit(t[de - 1]); /* "8." */
    de += (size_t)dotted;
    size_t m0 = skip_gap(t, len, de);
    if (m0 == de)
        return 0;
    m0 = skip_word(t, len, m0, of);
    /* "8. Februar" is German; "3. March on" is a list */
    int month = read_month_lang(t, len, m0, dotted ? DE : -1, &me, &lang);
    if (!month)
        return 0;
    *year = read_year_after(t, len, me, &ye);
    *end = *year < 0 ? me : ye;
    return month;
}

/* The Old Style date of a double date is 10 to 13 days before the New
 * Style one (11 in the 18th century, 12 in the 19th, 13 in the 20th). */
static int old_and_new(int y, int m, int d, int ny, int nm, int nd)
{
    long gap = day_count(ny, nm, nd) - day_count(y, m, d);
    return valid_day(y, m, d) && valid_day(ny, nm, nd) && gap >= 10 && gap <= 13;
}

/* After an Old Style day and month, its New Style one: "/8 February
 * 1918", " (8 February) 1918", or after "13" "/26 February 1918".  Both
 * are recorded as the New Style date, the calendar the rest of the world
 * and fond's own dates are in.  The end, or 0 if there is none. */
static size_t try_new_style(scan_t *s, size_t i, size_t at, int day, int month,
                            int year)
{
    const char *t = s->t;
    size_t len = s->len, j = at, end, ye;
    while (j < len && j - at < 2 && t[j] == ' ')
        j++;
    if (j >= len || (t[j] != '/' && t[j] != '('))
        return 0;
    char open = t[j++];
    while (j < len && t[j] == ' ' && j - at < 6)
        j++;
    int nd, ny, nm = read_day_month(t, len, j, &nd, &ny, &end);
    if (!nm)
        return 0;
    if (!month) /* "13/26 February 1918": the month is the second's */
        month = nd > day ? nm : nm > 1 ? nm - 1 : 12;
    if (open == '(') {
        if (ny >= 0 || end >= len || t[end] != ')')
            return 0;
        ny = read_year_after(t, len, end + 1, &ye);
        end = ny < 0 ? end + 1 : ye;
    }
    if (ny < 0 && year < 0 && !s->year)
        return 0;
    ny = ny >= 0 ? ny : year >= 0 ? year : s->year;
    int y = year >= 0 ? year : month == 12 && nm == 1 ? ny - 1 : ny;
    if (!old_and_new(y, month, day, ny, nm, nd))
        return 0;
    add_dated(s, ny, nm, nd, i, end);
    return end;
}

/* A month (and day, or 0 for the whole month) read from t[i] to t[end],
 * and the year that may follow: recorded as a date, or as undated (its
 * year comes from the text before it); the end of what was read. */
static size_t finish_date(scan_t *s, size_t i, size_t end, int month, int day)
{
    size_t ye;
    int year = read_year_after(s->t, s->len, end, &ye);
    if (year < 0) {
        add_undated(s, month, day, i, end);
        return end;
    }
    if (day == 0 || valid_day(year, month, day))
        add_dated(s, year, month, day, i, ye);
    return ye;
}

/* "16 March 1921", "3 July", "3rd July", "8. Februar 1918", "8 февраля
 * 1918", "8 de febrero de 1918", and Old Style/New Style double dates
 * "26 January/8 February 1918", "13/26 February 1918" at t[i]; the end,
 * or 0. */
static size_t try_day_month(scan_t *s, size_t i)
{
    const char *t = s->t;
    size_t len = s->len, end, de, e;
    int day, year;
    int month = read_day_month(t, len, i, &day, &year, &end);
    if (!month) {
        day = read_day(t, len, i, &de);
        if (day > 0 && de < len && t[de] == '/')
            return try_new_style(s, i, de, day, 0, -1);
        return 0;
    }
    if ((e = try_new_style(s, i, end, day, month, year)))
        return e;
    if (year < 0) {
        add_undated(s, month, day, i, end);
        return end;
    }
    if (valid_day(year, month, day))
        add_dated(s, year, month, day, i, end);
    return end;
}

/* Does a number follow a word that ends at t[e] ("March 16", "Sept.
 * 1921", "febrero de 1918")?  Only then can the word start a date: month
 * names are looked up for these words alone, which keeps the scan fast. */
static int number_follows(const char *t, size_t len, size_t e)
{
    static const char *const de[] = {"de", "del", NULL};
    if (e < len && (t[e] == '.' || t[e] == ','))
        e++;
    e = skip_gap(t, len, e);
    if (e < len && (t[e] == 'd' || t[e] == 'D'))
        e = skip_word(t, len, e, de);
    return e < len && text_is_digit(t[e]);
}

/* "March 16, 1921", "March 16", "February 8th, 1918", "Feb. 8, 1918",
 * "September 1921", "février 1918", "январь 1918", "January 26/February
 * 8, 1918" at t[i]; the end, or 0 (a month name alone is not taken). */
static size_t try_month_first(scan_t *s, size_t i)
{
    const char *t = s->t;
    size_t len = s->len, me, de, ye, me2, de2;
    int lang;
    int month = read_month_lang(t, len, i, -1, &me, &lang);
    if (!month)
        return 0;
    size_t d0 = skip_gap(t, len, me);
    int day = d0 > me ? read_day(t, len, d0, &de) : -1;
    if (day < 0) {
        int year = read_year_after(t, len, me, &ye);
        if (year < 0)
            return 0;
        add_dated(s, year, month, 0, i, ye);
        return ye;
    }
    if (de < len && t[de] == '/') { /* "January 26/February 8, 1918" */
        int nm = read_month_lang(t, len, de + 1, -1, &me2, &lang);
        size_t d2 = nm ? skip_gap(t, len, me2) : me2;
        int nd = d2 > me2 ? read_day(t, len, d2, &de2) : -1;
        int ny = nd > 0 ? read_year_after(t, len, de2, &ye) : -1;
        int y = month == 12 && nm == 1 ? ny - 1 : ny;
        if (ny > 0 && old_and_new(y, month, day, ny, nm, nd)) {
            add_dated(s, ny, nm, nd, i, ye);
            return ye;
        }
    }
    return finish_date(s, i, de, month, day);
}

/* "mid-September" or "midSeptember" (a hyphen lost in extraction) at
 * t[i]: the month, with its year if one follows; the end, or 0. */
static size_t try_mid_month(scan_t *s, size_t i)
{
    const char *t = s->t;
    size_t len = s->len, me;
    int lang, whole;
    match_letters(t, len, i, "mid", 3, &me, &whole);
    if (!whole)
        return 0;
    size_t m0 = i + 3 < len && t[i + 3] == '-' ? i + 4 : i + 3;
    int month = read_month_lang(t, len, m0, EN, &me, &lang);
    return month ? finish_date(s, i, me, month, 0) : 0;
}

/* ------------------------------------------------------------ years */

/* Words after which a number is no year, nor a range of years, but a
 * number: of a telegram, a page, a box ("No. 1761", "your 1761", "pp.
 * 1820-1830"). */
static const char *const number_words[] = {
    "no.", "no", "nos.", "nos", "nr.", "nr", "nrn.", "n°", "nº", "no°", "№",
    "num.", "núm.", "number", "numbers", "número", "numéro", "nummer",
    "numero", "номер", "your", "my", "his", "her", "our", "their", "its",
    "tel.", "desp.", "ref.", "votre", "vos", "mon", "ma", "notre", "son",
    "sa", "leur", "ihr", "ihre", "ihrem", "ihres", "ihren", "mein", "meine",
    "meinem", "unser", "unsere", "sein", "seine", "ваш", "ваша", "вашу",
    "вашей", "вашего", "вашим", "мой", "моя", "мою", "моей", "моего", "наш",
    "нашу", "нашей", "su", "sus", "vuestro", "nuestro", "nuestra", "p.",
    "pp.", "page", "pages", "s.", "с.", "стр.", "л.", "лл.", "art.",
    "article", "§", "vol.", "box", "folder", "reel", "f.", "op.", "d.", "l.",
    "ll.", "ff.", "fol.", "rg", "fo", "cab", NULL};

/* Words naming a document, after which a number alone is the document's
 * ("telegram 1864", "despatch 1946"); a range of years may follow them
 * ("Central Decimal File 1910-29"). */
static const char *const document_words[] = {
    "telegram", "telegrams", "cable", "despatch", "despatches", "dispatch",
    "dispatches", "note", "notes", "circular", "instruction", "instructions",
    "file", "files", "télégramme", "telegramme", "dépêche", "depeche",
    "circulaire", "telegramm", "depesche", "erlass", "телеграмма",
    "телеграммы", "телеграмму", "телеграммой", "депеша", "депеши", "депешу",
    "нота", "ноты", "ноту", NULL};

/* Words after which a number is a year ("in 1921", "the summer of 1921",
 * "en 1918", "im Jahre 1918", "в 1918", "desde 1918", "nel 1918"). */
static const char *const year_words[] = {
    "in", "of", "since", "until", "till", "by", "from", "before", "after",
    "during", "through", "throughout", "between", "circa", "c.", "ca.",
    "year", "years", "early", "late", "mid", "spring", "summer", "autumn",
    "fall", "winter", "en", "depuis", "dès", "vers", "avant", "après",
    "année", "an", "printemps", "été", "automne", "hiver", "fin", "début",
    "courant", "im", "jahr", "jahre", "jahres", "seit", "bis", "um", "vor",
    "nach", "anfang", "ende", "mitte", "frühjahr", "frühling", "sommer",
    "herbst", "в", "во", "с", "со", "до", "после", "к", "начале", "конце",
    "середине", "весной", "летом", "осенью", "зимой", "desde", "hasta",
    "año", "durante", "nel", "dal", "fino", "anno", "em", "até", "ano", NULL};

/* Words that make the number after them a year only when no word follows
 * it: "la révolution de 1917", not "un crédit de 1800 francs". */
static const char *const weak_year_words[] = {"de", "del", "von", NULL};

/* Words joining two years ("from 1917 to 1918", "1917 and 1918"). */
static const char *const year_joins[] = {
    "and", "or", "to", "und", "oder", "bis", "et", "ou", "à", "au", "a", "y",
    "e", "o", "al", "hasta", "и", "или", "по", "до", "ve", "veya", "-", "–",
    "—", "&", NULL};

/* Is the byte t[j - 1] the end of a quotation mark or apostrophe (’ “ «)? */
static int quote_before(const char *t, size_t j)
{
    unsigned char c = (unsigned char)t[j - 1];
    if (c == '\'' || c == '"')
        return 1;
    if (j >= 2 && c == 0xAB && (unsigned char)t[j - 2] == 0xC2)
        return 1;
    return j >= 3 && (unsigned char)t[j - 3] == 0xE2 &&
           (unsigned char)t[j - 2] == 0x80 && (c == 0x98 || c == 0x99 || c == 0x9C);
}

/* Is a number sign ("№", "n°", "nº") glued to t[i]? */
static int number_sign_before(const char *t, size_t i)
{
    return (i >= 3 && memcmp(t + i - 3, "\xE2\x84\x96", 3) == 0) ||
           (i >= 2 && (unsigned char)t[i - 2] == 0xC2 &&
            ((unsigned char)t[i - 1] == 0xB0 || (unsigned char)t[i - 1] == 0xBA));
}

/* The word just before t[i] (across white space): its bounds [*ws, *we);
 * 0 if there is none.  "jusqu'en" gives "en", "(in" gives "in", the "mid"
 * of "mid-1918" is the word before a hyphen, "№1761" has "№" before it. */
static int word_before(const char *t, size_t i, size_t *ws, size_t *we)
{
    size_t j = i;
    if (j >= 2 && t[j - 1] == '-' && text_is_alpha(t[j - 2]))
        j--;
    else
        while (j > 0 && i - j < MAX_GAP && text_is_space(t[j - 1]))
            j--;
    if (j == i && !number_sign_before(t, i))
        return 0; /* "(1921", "x1921" */
    *we = j;
    while (j > 0 && *we - j < MAX_WORD && !text_is_space(t[j - 1]) &&
           t[j - 1] != '(' && t[j - 1] != '[' && !quote_before(t, j))
        j--;
    *ws = j;
    return *we > *ws;
}

/* Is the number ending at t[e] followed by what makes it a year: "1921
 * г.", "1918 года", "в 1918 году", "1918 yılında", "1918'de"? */
static int year_word_after(const char *t, size_t len, size_t e)
{
    static const char *const words[] = {"г", "г.", "гг.", "год", "года", "году",
                                        "годах", "годом", "yılında", "yılı",
                                        "yılının", "senesinde", NULL};
    if (e < len && (t[e] == '\'' || (e + 2 < len && (unsigned char)t[e] == 0xE2 &&
                                     (unsigned char)t[e + 1] == 0x80 &&
                                     (unsigned char)t[e + 2] == 0x99)))
        return letter_at(t, len, e + (t[e] == '\'' ? 1 : 3)); /* "1918'de" */
    size_t j = skip_gap(t, len, e);
    return word_in(t, len, j, word_end(t, len, j), words);
}

/* Does a word follow the number ending at t[e] (not a join to another
 * year, not punctuation)? */
static int word_follows(const char *t, size_t len, size_t e)
{
    size_t j = skip_gap(t, len, e);
    if (j == e || !letter_at(t, len, j))
        return 0;
    return !word_in(t, len, j, word_end(t, len, j), year_joins);
}

/* Does a word in lower case follow the number ending at t[e], after one
 * space ("the 1918 elections", not "the 1918." or "the 1918, ...")? */
static int lower_word_follows(const char *t, size_t len, size_t e)
{
    size_t n;
    unsigned c = e + 1 < len && t[e] == ' ' ? cp_at(t, len, e + 1, &n) : 0;
    return is_letter_cp(c) && fold_cp(c) == c;
}

/* Does the year at t[i] follow another year, joined by commas or a word
 * ("1917 and 1918", "from 1917 to 1918", "1917, 1918")? */
static int joined_to_year(const scan_t *s, size_t i)
{
    if (!s->year_end || s->year_end - 1 > i || i - (s->year_end - 1) > MAX_GAP)
        return 0;
    size_t j = s->year_end - 1, words = 0;
    while (j < i) {
        if (text_is_space(s->t[j]) || s->t[j] == ',') {
            j++;
            continue;
        }
        size_t e = word_end(s->t, i, j);
        if (e == j || words++ || !word_in(s->t, s->len, j, e, year_joins))
            return 0;
        j = e;
    }
    return 1;
}

/* A dateline of a place and a year alone on its line ("Moscow, 1918."),
 * the year at t[i, e). */
static int dateline_year(const char *t, size_t len, size_t i, size_t e)
{
    if (i < 2 || t[i - 1] != ' ' || t[i - 2] != ',')
        return 0;
    size_t j = i - 2;
    while (j > 0 && i - j < MAX_WORD && t[j - 1] != '\n' &&
           (text_is_alpha(t[j - 1]) || t[j - 1] == ' ' || (unsigned char)t[j - 1] >= 0x80))
        j--;
    if (i - j >= MAX_WORD || (j > 0 && t[j - 1] != '\n') || j == i - 2)
        return 0;
    size_t n;
    unsigned c = cp_at(t, len, j, &n);
    if (fold_cp(c) == c) /* a place starts with a capital */
        return 0;
    if (e < len && t[e] == '.')
        e++;
    return e == len || t[e] == '\n' || t[e] == '\r';
}

/* A book's place and year in brackets: "(London, 1920)", "(Moscow,
 * 1960)", the year at t[i, e). */
static int imprint_year(const char *t, size_t len, size_t i, size_t e)
{
    if (e >= len || t[e] != ')' || i < 3 || t[i - 1] != ' ' || t[i - 2] != ',')
        return 0;
    size_t j = i - 2;
    while (j > 0 && i - j < MAX_WORD && t[j - 1] != '(' && !text_is_digit(t[j - 1]) &&
           t[j - 1] != '\n')
        j--;
    size_t n;
    unsigned c = j > 0 && t[j - 1] == '(' && j < i - 2 ? cp_at(t, len, j, &n) : 0;
    return c && fold_cp(c) != c; /* a place starts with a capital */
}

/* Is the year ending at t[e] a book's, followed by its pages
 * ("Gospolitizdat, 1960, p. 227")? */
static int before_pages(const char *t, size_t len, size_t e)
{
    static const char *const marks[] = {"p.", "pp.", "P.", "Pp.",
                                        "\xD1\x81.", "\xD0\xA1."}; /* с. С. */
    if (e < len && (t[e] == ',' || t[e] == '.'))
        e++;
    while (e < len && t[e] == ' ')
        e++;
    for (size_t k = 0; k < sizeof marks / sizeof *marks; k++) {
        size_t n = strlen(marks[k]);
        if (n <= len - e && memcmp(t + e, marks[k], n) == 0)
            return 1;
    }
    return 0;
}

/* Is a year at t[i, e) glued to a number around it, as in a reference
 * ("861.51/1864", "FO 371/1921", "1864/5", "3,1921")? */
static int glued_before(const char *t, size_t i)
{
    return (i > 0 && t[i - 1] == '/') ||
           (i >= 2 && (t[i - 1] == '-' || t[i - 1] == '.' || t[i - 1] == ',') &&
            text_is_digit(t[i - 2]));
}

static int in_reference(const char *t, size_t len, size_t i, size_t e)
{
    return glued_before(t, i) || (e + 1 < len && (t[e] == '/' || t[e] == '.' || t[e] == ',' ||
                           t[e] == '-') && text_is_digit(t[e + 1]));
}

/* The end of a year range's second year after a dash at t[e] ("1917-1918",
 * "1917–19"), *to its year; 0 if none. */
static size_t range_end(const char *t, size_t len, size_t e, int from, int *to,
                        size_t *to_start)
{
    size_t j = e, k;
    if (j < len && t[j] == '-')
        j++;
    else if (j + 2 < len && (unsigned char)t[j] == 0xE2 &&
             (unsigned char)t[j + 1] == 0x80 &&
             ((unsigned char)t[j + 2] == 0x93 || (unsigned char)t[j + 2] == 0x94))
        j += 3; /* en or em dash */
    else
        return 0;
    int v = read_number(t, len, j, 4, &k);
    if (v < 0 || (k < len && (is_alnum(t[k]) || letter_at(t, len, k))) ||
        (k + 1 < len && (t[k] == '-' || t[k] == '/' || t[k] == '.') &&
         text_is_digit(t[k + 1])))
        return 0;
    if (k - j == 2)
        v += from - from % 100;
    else if (k - j != 4)
        return 0;
    if (v <= from || v - from > 100)
        return 0;
    *to = v;
    *to_start = j;
    return k;
}

/* Is the time of day "at 1930" (19:30) at t[i]? */
static int after_at(const char *t, size_t len, size_t i, int y)
{
    size_t ws, we;
    return y / 100 <= 23 && y % 100 <= 59 && word_before(t, i, &ws, &we) &&
           word_is(t, len, ws, we, "at");
}

/* Does what is around the number at t[i, e) make it a year? */
static int year_context(const scan_t *s, size_t i, size_t e)
{
    const char *t = s->t;
    size_t len = s->len, ws, we;
    if (year_word_after(t, len, e) || joined_to_year(s, i) ||
        dateline_year(t, len, i, e) || imprint_year(t, len, i, e))
        return 1;
    if (i > 0 && e < len && ((t[i - 1] == '(' && t[e] == ')') ||
                             (t[i - 1] == '[' && t[e] == ']')))
        return 1; /* "(1921)", "[1918]" */
    if (!word_before(t, i, &ws, &we))
        return 0;
    if (word_in(t, len, ws, we, year_words))
        return 1;
    if (word_is(t, len, ws, we, "the") && lower_word_follows(t, len, e))
        return 1; /* "the 1918 elections" */
    return word_in(t, len, ws, we, weak_year_words) && !word_follows(t, len, e);
}

/* A year 1700-2099 standing alone at t[i], or a range of years
 * ("1917-1918", "1917–19"), where its context makes it one: a word before
 * it ("in", "since", "en", "im Jahre", "в", "desde"; "the" before a word,
 * as in "the 1918 elections"), a word after it
 * ("г.", "года", "yılında"), another year it is joined to ("1917 and
 * 1918"), a range, brackets, a dateline, a book's place ("(London,
 * 1920)") or pages after it.  Not
 * after "No.", "your", "telegram" and the like, not inside a reference
 * ("861.51/1864"), not a time of day "at 1930".  The end, or 0.  A book's
 * year (a footnote stranded in the text) is a mention, but the year of
 * later dates does not come from it: it is not the time the text is
 * about. */
static size_t try_year(scan_t *s, size_t i)
{
    const char *t = s->t;
    size_t len = s->len, e, ws, we, re, to_start;
    int y = read_number(t, len, i, 4, &e), to;
    if (y < YEAR_MIN || y > YEAR_MAX || e - i != 4 ||
        (e < len && text_is_alpha(t[e])))
        return 0;
    if (word_before(t, i, &ws, &we) && word_in(t, len, ws, we, number_words))
        return 0;
    if ((re = range_end(t, len, e, y, &to, &to_start)) && !glued_before(t, i)) {
        add_dated(s, y, 0, 0, i, e);
        add_dated(s, to, 0, 0, to_start, re);
        return re;
    }
    if (in_reference(t, len, i, e) || after_at(t, len, i, y) ||
        (word_before(t, i, &ws, &we) && word_in(t, len, ws, we, document_words)))
        return 0;
    if (before_pages(t, len, e))
        add(s, y, 0, 0, i, e);
    else if (year_context(s, i, e))
        add_dated(s, y, 0, 0, i, e);
    else
        return 0;
    return e;
}

/* ------------------------------------------------------------ the scan */

/* Does a (UTF-8) letter end just before t[i]? */
static int letter_ends(const char *t, size_t i)
{
    size_t j = i, n;
    while (j > 0 && i - j < 4 && ((unsigned char)t[j - 1] & 0xC0) == 0x80)
        j--;
    return j > 0 && j < i && is_letter_cp(cp_at(t, i, j - 1, &n)) && j - 1 + n == i;
}

/* Can a date start at t[i]?  At the start of a word, and not inside a
 * number: the "080" of "3,080" and the "1922" of "26.01.1922" are not. */
static int word_starts(const char *t, size_t i)
{
    if (i == 0)
        return 1;
    if (is_alnum(t[i - 1]) || letter_ends(t, i))
        return 0;
    return !(i >= 2 && (t[i - 1] == '.' || t[i - 1] == ',') &&
             text_is_digit(t[i - 2]));
}

/* Is t[i] (ASCII or the start of a UTF-8 letter) part of a word? */
static size_t word_char(const char *t, size_t len, size_t i)
{
    size_t n;
    if ((unsigned char)t[i] < 0x80)
        return is_alnum(t[i]);
    return is_letter_cp(cp_at(t, len, i, &n)) ? n : 0;
}

/* Try the forms that can start with the word at t[i]; where to go on. */
static size_t scan_word(scan_t *s, size_t i)
{
    size_t e = 0, we = i, n;
    while (we < s->len && (n = word_char(s->t, s->len, we)))
        we += n;
    if (text_is_digit(s->t[i])) {
        if (!(e = try_iso(s, i)) && !(e = try_numeric(s, i)) &&
            !(e = try_day_month(s, i)))
            e = try_year(s, i);
    } else if ((s->t[i] == 'm' || s->t[i] == 'M') && (e = try_mid_month(s, i))) {
        return e;
    } else if (number_follows(s->t, s->len, we)) {
        e = try_month_first(s, i);
    }
    if (e)
        return e;
    return we > i ? we : i + 1; /* no date starts here: skip the word */
}

fond_status_t dates_find(const char *text, size_t len, int default_year,
                         date_mention_t **out, size_t *n)
{
    scan_t s = {text, len, default_year > 0 ? default_year : 0, 0, NULL, 0, 0,
                FOND_OK};
    for (size_t i = 0; i < len && s.status == FOND_OK;) {
        size_t k = word_char(text, len, i);
        if (k && word_starts(text, i))
            i = scan_word(&s, i);
        else if ((unsigned char)text[i] >= 0x80)
            i += (cp_at(text, len, i, &k), k);
        else
            i++;
    }
    if (s.status != FOND_OK) {
        free(s.out);
        s.out = NULL;
        s.n = 0;
    }
    *out = s.out;
    *n = s.n;
    return s.status;
}

/* Write v as `width` digits, with leading zeros. */
static void put_digits(char *buf, int v, int width)
{
    for (int k = width - 1; k >= 0; k--) {
        buf[k] = (char)('0' + v % 10);
        v /= 10;
    }
}

static int clamp(int v, int max)
{
    return v < 0 ? 0 : v > max ? max : v;
}

void dates_format(const date_mention_t *d, char *buf)
{
    put_digits(buf, clamp(d->year, 9999), 4);
    put_digits(buf + 4, clamp(d->month, 12), 2);
    put_digits(buf + 6, clamp(d->day, 31), 2);
    buf[8] = '\0';
}

/* ------------------------------------------------------------ values */

/* The value of n digits at s, or -1 if any is not a digit. */
static int digits_value(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!text_is_digit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD" into "YYYYMMDD" (00 for a part not
 * given); 0 if v is none of them or names no real day.  Year 0000 is
 * refused because "0000" is how the format says "unknown". */
static int parse_one(const char *v, size_t n, char date[9])
{
    if (n != 4 && n != 7 && n != 10)
        return 0;
    int year = digits_value(v, 4);
    int month = n >= 7 && v[4] == '-' ? digits_value(v + 5, 2) : 0;
    int day = n == 10 && v[7] == '-' ? digits_value(v + 8, 2) : 0;
    if (year <= 0 || (n >= 7 && (month < 1 || month > 12)))
        return 0;
    if (n == 10 && (day < 1 || day > dates_days_in_month(year, month)))
        return 0;
    memcpy(date, v, 4);
    memcpy(date + 4, n >= 7 ? v + 5 : "00", 2);
    memcpy(date + 6, n == 10 ? v + 8 : "00", 2);
    date[8] = '\0';
    return 1;
}

void dates_first_day(const char *date, int ymd[3])
{
    ymd[0] = digits_value(date, 4);
    ymd[1] = digits_value(date + 4, 2);
    ymd[2] = digits_value(date + 6, 2);
    ymd[1] = ymd[1] > 0 ? ymd[1] : 1;
    ymd[2] = ymd[2] > 0 ? ymd[2] : 1;
}

void dates_last_day(const char *date, int ymd[3])
{
    ymd[0] = digits_value(date, 4);
    ymd[1] = digits_value(date + 4, 2);
    ymd[2] = digits_value(date + 6, 2);
    ymd[1] = ymd[1] > 0 ? ymd[1] : 12;
    ymd[2] = ymd[2] > 0 ? ymd[2] : dates_days_in_month(ymd[0], ymd[1]);
}

int dates_parse_value(const char *v, size_t n, char date[9], char date_end[9])
{
    /* ISO 8601's "A/B", or "A..B" as the query language writes a range */
    const char *slash = memchr(v, '/', n);
    size_t a = slash ? (size_t)(slash - v) : n, sep = 1;
    for (size_t i = 0; !slash && i + 1 < n; i++)
        if (v[i] == '.' && v[i + 1] == '.')
            slash = v + i, a = i, sep = 2;
    char first[9], last[9] = "";
    if (!parse_one(v, a, first) ||
        (slash && !parse_one(slash + sep, n - a - sep, last)))
        return 0;
    if (slash) {
        int from[3], to[3];
        dates_first_day(first, from);
        dates_last_day(last, to);
        if (day_count(from[0], from[1], from[2]) > day_count(to[0], to[1], to[2]))
            return 0; /* it ends before it starts */
        if (strcmp(first, last) == 0)
            last[0] = '\0'; /* "1918/1918" is 1918 */
    }
    memcpy(date, first, 9);
    memcpy(date_end, last, 9);
    return 1;
}

long dates_day_count(const int ymd[3])
{
    return day_count(ymd[0], ymd[1], ymd[2]);
}
