/*
 * dates.c -- finding the dates running text mentions (see dates.h).
 *
 * One left-to-right pass over the text.  At the start of each word it
 * tries the date forms that can begin with that word, longest first, and
 * on a match goes on after it; the look-ahead is bounded (a few words and
 * at most MAX_GAP bytes of white space between them), so the work is
 * linear in the length of the text.
 *
 * The year of a day and month without one ("on 3 July") is the latest year
 * mentioned before it, else the caller's default: a narrative moves
 * forward, and the earlier dates it quotes ("your 19 December 1920
 * statement") should not pull what follows back ("On 8 August" is 1921).  When neither is known
 * the mention is skipped, because date_mention_t has no "unknown year".
 * "mid-September" (and "midSeptember", as PDF extraction leaves it) is
 * taken as the month alone; other bare month names ("in August") are not
 * dates, since "May" and "August" are also words and names.
 */
#include "array.h"
#include "dates.h"

#include <stdlib.h>
#include <string.h>

/* The most white space allowed between the parts of a date ("7 May\n
 * 1921" is one date across a line end; a page of blanks is not). */
#define MAX_GAP 32

typedef struct {
    const char *t;
    size_t len;
    int year;              /* the latest year mentioned, else the default */
    date_mention_t *out;
    size_t n, cap;
    fond_status_t status;
} scan_t;

static const char *const month_names[12] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december",
};

/* ------------------------------------------------------------ bytes */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(char c)
{
    return is_digit(c) || is_alpha(c);
}

static int lower(char c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Skip white space (a no-break space too) from i, at most MAX_GAP bytes;
 * the position after it, or i if there was none or too much. */
static size_t skip_gap(const char *t, size_t len, size_t i)
{
    size_t j = i;
    while (j < len && j - i <= MAX_GAP) {
        if (t[j] == ' ' || t[j] == '\t' || t[j] == '\n' || t[j] == '\r')
            j++;
        else if (j + 1 < len && (unsigned char)t[j] == 0xC2 &&
                 (unsigned char)t[j + 1] == 0xA0)
            j += 2;
        else
            break;
    }
    return j - i <= MAX_GAP ? j : i;
}

/* A number of 1 to max_digits digits at t[i], not followed by another
 * digit: its value, and *end after it; -1 if there is none. */
static int read_number(const char *t, size_t len, size_t i, size_t max_digits,
                       size_t *end)
{
    int v = 0;
    size_t j = i;
    while (j < len && is_digit(t[j]) && j - i < max_digits)
        v = v * 10 + (t[j++] - '0');
    if (j == i || (j < len && is_digit(t[j])))
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

/* ------------------------------------------------------------ words */

/* Does t[i, len) start with the letters of `word`, ignoring case? */
static int letters_match(const char *t, size_t len, size_t i, const char *word,
                         size_t n)
{
    if (n > len - i)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (lower(t[i + k]) != word[k])
            return 0;
    return 1;
}

/* Month names of the other languages datelines are printed in, lower
 * case: French and Russian (genitive after a day, nominative before a
 * year) write them so; German capitalises them, and only so are they
 * taken (its "April" and "August" are English words too).  An entry
 * ending in "." is an abbreviation that needs its dot. */
typedef struct {
    const char *name;
    int month;
    int capital; /* 1: only with a capital first letter (German) */
} other_month_t;

static const other_month_t other_months[] = {
    {"janvier", 1, 0}, {"janv.", 1, 0}, {"f\xC3\xA9vrier", 2, 0},
    {"fevrier", 2, 0}, {"f\xC3\xA9vr.", 2, 0}, {"mars", 3, 0},
    {"avril", 4, 0}, {"avr.", 4, 0}, {"mai", 5, 0}, {"juin", 6, 0},
    {"juillet", 7, 0}, {"juil.", 7, 0}, {"ao\xC3\xBBt", 8, 0},
    {"aout", 8, 0}, {"septembre", 9, 0}, {"sept.", 9, 0},
    {"octobre", 10, 0}, {"oct.", 10, 0}, {"novembre", 11, 0},
    {"nov.", 11, 0}, {"d\xC3\xA9" "cembre", 12, 0}, {"decembre", 12, 0},
    {"d\xC3\xA9" "c.", 12, 0},
    {"januar", 1, 1}, {"j\xC3\xA4nner", 1, 1}, {"februar", 2, 1},
    {"febr.", 2, 1}, {"m\xC3\xA4rz", 3, 1}, {"april", 4, 1},
    {"mai", 5, 1}, {"juni", 6, 1}, {"juli", 7, 1}, {"august", 8, 1},
    {"september", 9, 1}, {"oktober", 10, 1}, {"okt.", 10, 1},
    {"november", 11, 1}, {"dezember", 12, 1}, {"dez.", 12, 1},
    /* января ... декабря (genitive), январь ... декабрь, их сокращения */
    {"\xD1\x8F\xD0\xBD\xD0\xB2\xD0\xB0\xD1\x80\xD1\x8F", 1, 0},
    {"\xD1\x84\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8F", 2, 0},
    {"\xD0\xBC\xD0\xB0\xD1\x80\xD1\x82\xD0\xB0", 3, 0},
    {"\xD0\xB0\xD0\xBF\xD1\x80\xD0\xB5\xD0\xBB\xD1\x8F", 4, 0},
    {"\xD0\xBC\xD0\xB0\xD1\x8F", 5, 0},
    {"\xD0\xB8\xD1\x8E\xD0\xBD\xD1\x8F", 6, 0},
    {"\xD0\xB8\xD1\x8E\xD0\xBB\xD1\x8F", 7, 0},
    {"\xD0\xB0\xD0\xB2\xD0\xB3\xD1\x83\xD1\x81\xD1\x82\xD0\xB0", 8, 0},
    {"\xD1\x81\xD0\xB5\xD0\xBD\xD1\x82\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F", 9, 0},
    {"\xD0\xBE\xD0\xBA\xD1\x82\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F", 10, 0},
    {"\xD0\xBD\xD0\xBE\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F", 11, 0},
    {"\xD0\xB4\xD0\xB5\xD0\xBA\xD0\xB0\xD0\xB1\xD1\x80\xD1\x8F", 12, 0},
    {"\xD1\x8F\xD0\xBD\xD0\xB2\xD0\xB0\xD1\x80\xD1\x8C", 1, 0},
    {"\xD1\x84\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8C", 2, 0},
    {"\xD0\xBC\xD0\xB0\xD1\x80\xD1\x82", 3, 0},
    {"\xD0\xB0\xD0\xBF\xD1\x80\xD0\xB5\xD0\xBB\xD1\x8C", 4, 0},
    {"\xD0\xBC\xD0\xB0\xD0\xB9", 5, 0},
    {"\xD0\xB8\xD1\x8E\xD0\xBD\xD1\x8C", 6, 0},
    {"\xD0\xB8\xD1\x8E\xD0\xBB\xD1\x8C", 7, 0},
    {"\xD0\xB0\xD0\xB2\xD0\xB3\xD1\x83\xD1\x81\xD1\x82", 8, 0},
    {"\xD1\x81\xD0\xB5\xD0\xBD\xD1\x82\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8C", 9, 0},
    {"\xD0\xBE\xD0\xBA\xD1\x82\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8C", 10, 0},
    {"\xD0\xBD\xD0\xBE\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8C", 11, 0},
    {"\xD0\xB4\xD0\xB5\xD0\xBA\xD0\xB0\xD0\xB1\xD1\x80\xD1\x8C", 12, 0},
    {"\xD1\x8F\xD0\xBD\xD0\xB2.", 1, 0},
    {"\xD1\x84\xD0\xB5\xD0\xB2\xD1\x80.", 2, 0},
    {"\xD0\xB0\xD0\xBF\xD1\x80.", 4, 0},
    {"\xD0\xB0\xD0\xB2\xD0\xB3.", 8, 0},
    {"\xD1\x81\xD0\xB5\xD0\xBD\xD1\x82.", 9, 0},
    {"\xD0\xBE\xD0\xBA\xD1\x82.", 10, 0},
    {"\xD0\xBD\xD0\xBE\xD1\x8F\xD0\xB1.", 11, 0},
    {"\xD0\xB4\xD0\xB5\xD0\xBA.", 12, 0},
};

/* The lower-case form of the letter at t[i] when it is a capital the
 * month names above start with (ASCII, Latin-1 capitals with accents,
 * Cyrillic А-Я), written into buf; its length in the text, or 0. */
static size_t first_letter_lower(const char *t, size_t len, size_t i,
                                 char buf[2], int *was_capital)
{
    unsigned char a = (unsigned char)t[i];
    unsigned char b = i + 1 < len ? (unsigned char)t[i + 1] : 0;
    *was_capital = 0;
    if (a < 0x80) {
        *was_capital = a >= 'A' && a <= 'Z';
        buf[0] = (char)lower((char)a);
        return 1;
    }
    if (a == 0xC3 && b >= 0x80 && b <= 0xBF) {
        *was_capital = b <= 0x9E && b != 0x97;
        buf[0] = (char)a, buf[1] = (char)(*was_capital ? b + 0x20 : b);
        return 2;
    }
    if (a == 0xD0 && b >= 0x90 && b <= 0xAF) { /* А-П, Р-Я */
        *was_capital = 1;
        buf[0] = (char)(b < 0xA0 ? 0xD0 : 0xD1);
        buf[1] = (char)(b < 0xA0 ? b + 0x20 : b - 0x20);
        return 2;
    }
    if ((a == 0xD0 && b >= 0xB0) || (a == 0xD1 && b >= 0x80 && b <= 0x8F)) {
        buf[0] = (char)a, buf[1] = (char)b;
        return 2;
    }
    return 0;
}

/* A French, German or Russian month name at t[i] (other_months): the
 * month and *end after it, or 0.  The name must end there: "marsh",
 * "маях" are not months. */
static int read_month_other(const char *t, size_t len, size_t i, size_t *end)
{
    char first[2];
    int capital;
    size_t fl = i < len ? first_letter_lower(t, len, i, first, &capital) : 0;
    if (!fl)
        return 0;
    for (size_t m = 0; m < sizeof other_months / sizeof *other_months; m++) {
        const other_month_t *o = &other_months[m];
        size_t n = strlen(o->name);
        if ((o->capital && !capital) || n > len - i ||
            memcmp(o->name, first, fl) != 0 ||
            memcmp(o->name + fl, t + i + fl, n - fl) != 0)
            continue;
        size_t e = i + n;
        if (o->name[n - 1] != '.' && e < len &&
            (is_alpha(t[e]) || (unsigned char)t[e] >= 0x80))
            continue;
        *end = e;
        return o->month;
    }
    return 0;
}

/* A month name at t[i] with a capital first letter: "March", "Mar",
 * "Mar.", "Sept."; or a French, German or Russian one (read_month_other).
 * The month (1-12) and *end after the name, or 0. */
static int read_month(const char *t, size_t len, size_t i, size_t *end)
{
    int other = read_month_other(t, len, i, end);
    if (other)
        return other;
    if (i >= len || t[i] < 'A' || t[i] > 'Z')
        return 0;
    for (int m = 0; m < 12; m++) {
        const char *name = month_names[m];
        if (lower(t[i]) != name[0])
            continue;
        size_t full = strlen(name);
        size_t lens[3] = {full, 4, 3}; /* full, "sept", abbreviation */
        for (int k = 0; k < 3; k++) {
            size_t n = lens[k];
            if ((k == 1 && m != 8) || n > full ||
                !letters_match(t, len, i, name, n))
                continue;
            size_t e = i + n;
            if (e < len && is_alpha(t[e]))
                continue; /* "Marching", "Augusta" */
            if (n < full && e < len && t[e] == '.')
                e++; /* "Sept." */
            *end = e;
            return m + 1;
        }
    }
    return 0;
}

/* A day at t[i]: "16", "3", "16th", "1st"; the day and *end, or -1. */
static int read_day(const char *t, size_t len, size_t i, size_t *end)
{
    int day = read_number(t, len, i, 2, end);
    if (day < 1 || day > 31)
        return -1;
    size_t e = *end;
    if (e + 1 < len && is_alpha(t[e]) && is_alpha(t[e + 1])) {
        char a = (char)lower(t[e]), b = (char)lower(t[e + 1]);
        if ((a == 's' && b == 't') || (a == 'n' && b == 'd') ||
            (a == 'r' && b == 'd') || (a == 't' && b == 'h') ||
            (a == 'e' && b == 'r' && day == 1)) /* French "1er" */
            e += 2;
    }
    if (e < len && is_alnum(t[e]))
        return -1;
    *end = e;
    return day;
}

/* A year of four digits at t[i] (after a month, any year will do), with
 * an optional comma before it: the year and *end, or -1. */
static int read_year_after(const char *t, size_t len, size_t i, size_t *end)
{
    if (i < len && t[i] == ',')
        i++;
    size_t j = skip_gap(t, len, i);
    if (j == i && t[i - 1] != ',')
        return -1; /* "March1921" */
    size_t e;
    int year = read_number(t, len, j, 4, &e);
    if (year < 1 || e - j != 4 || (e < len && is_alpha(t[e])))
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

/* "26.01.1922" (day, month, year) at t[i]; the end of the match, or 0. */
static size_t try_dotted(scan_t *s, size_t i)
{
    const char *t = s->t;
    size_t len = s->len, e1, e2, e3;
    int d = read_number(t, len, i, 2, &e1);
    if (d < 1 || e1 >= len || t[e1] != '.')
        return 0;
    int m = read_number(t, len, e1 + 1, 2, &e2);
    if (m < 1 || e2 >= len || t[e2] != '.')
        return 0;
    int y = read_number(t, len, e2 + 1, 4, &e3);
    if (y < 1 || e3 - e2 != 5 || (e3 < len && is_alnum(t[e3])) ||
        !valid_day(y, m, d))
        return 0;
    add_dated(s, y, m, d, i, e3);
    return e3;
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

/* "16 March 1921", "3 July", "3rd July" at t[i]; the end, or 0. */
static size_t try_day_month(scan_t *s, size_t i)
{
    const char *t = s->t;
    size_t len = s->len, de, me;
    int day = read_day(t, len, i, &de);
    if (day < 0)
        return 0;
    size_t m0 = skip_gap(t, len, de);
    int month = m0 > de ? read_month(t, len, m0, &me) : 0;
    if (!month && de < len && t[de] == '.') { /* German "8. Februar" */
        m0 = skip_gap(t, len, de + 1);
        month = m0 > de + 1 ? read_month_other(t, len, m0, &me) : 0;
    }
    return month ? finish_date(s, i, me, month, day) : 0;
}

/* "March 16, 1921", "March 16" or "September 1921" at t[i]; the end, or
 * 0 (a month name alone is not taken). */
static size_t try_month_first(scan_t *s, size_t i)
{
    const char *t = s->t;
    size_t len = s->len, me, de, ye;
    int month = read_month(t, len, i, &me);
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
    return finish_date(s, i, de, month, day);
}

/* "mid-September" or "midSeptember" (a hyphen lost in extraction) at
 * t[i]: the month, with its year if one follows; the end, or 0. */
static size_t try_mid_month(scan_t *s, size_t i)
{
    const char *t = s->t;
    size_t len = s->len, me;
    if (!letters_match(t, len, i, "mid", 3))
        return 0;
    size_t m0 = i + 3 < len && t[i + 3] == '-' ? i + 4 : i + 3;
    int month = read_month(t, len, m0, &me);
    return month ? finish_date(s, i, me, month, 0) : 0;
}

/* Is the word before t[i] "at"?  "at 1930" is a time of day. */
static int after_at(const char *t, size_t i)
{
    size_t j = i;
    while (j > 0 && i - j < MAX_GAP && (t[j - 1] == ' ' || t[j - 1] == '\t' ||
                                        t[j - 1] == '\n' || t[j - 1] == '\r'))
        j--;
    return j < i && j >= 2 && lower(t[j - 2]) == 'a' && lower(t[j - 1]) == 't' &&
           (j == 2 || !is_alpha(t[j - 3]));
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

/* Does the year ending at t[e] go on as an ISO date ("1921-02-30")?
 * Then try_iso() found no such day, and it is no date at all. */
static int iso_shaped(const char *t, size_t len, size_t e)
{
    return e + 6 <= len && t[e] == '-' && is_digit(t[e + 1]) &&
           is_digit(t[e + 2]) && t[e + 3] == '-' && is_digit(t[e + 4]) &&
           is_digit(t[e + 5]);
}

/* A year 1700-2099 standing alone at t[i]; not a time of day like
 * "at 1930" (19:30).  The end, or 0.  A book's year (a footnote stranded
 * in the text) is a mention, but the year of later dates does not come
 * from it: it is not the time the text is about. */
static size_t try_bare_year(scan_t *s, size_t i)
{
    size_t e;
    int y = read_number(s->t, s->len, i, 4, &e);
    if (y < 1700 || y > 2099 || e - i != 4 ||
        (e < s->len && is_alpha(s->t[e])) || iso_shaped(s->t, s->len, e))
        return 0;
    if (after_at(s->t, i) && y / 100 <= 23 && y % 100 <= 59)
        return 0;
    if (before_pages(s->t, s->len, e))
        add(s, y, 0, 0, i, e);
    else
        add_dated(s, y, 0, 0, i, e);
    return e;
}

/* ------------------------------------------------------------ the scan */

/* Can a date start at t[i]?  At the start of a word, and not inside a
 * number: the "080" of "3,080" and the "1922" of "26.01.1922" are not. */
static int word_starts(const char *t, size_t i)
{
    if (i == 0)
        return 1;
    if (is_alnum(t[i - 1]))
        return 0;
    return !(i >= 2 && (t[i - 1] == '.' || t[i - 1] == ',') &&
             is_digit(t[i - 2]));
}

/* Try the forms that can start with the word at t[i]; where to go on. */
static size_t scan_word(scan_t *s, size_t i)
{
    size_t e = 0;
    if (is_digit(s->t[i])) {
        if (!(e = try_iso(s, i)) && !(e = try_dotted(s, i)) &&
            !(e = try_day_month(s, i)))
            e = try_bare_year(s, i);
    } else if (!(e = try_mid_month(s, i))) {
        e = try_month_first(s, i);
    }
    if (e)
        return e;
    for (e = i; e < s->len && is_alnum(s->t[e]); e++)
        ; /* no date starts here: skip the word */
    return e;
}

fond_status_t dates_find(const char *text, size_t len, int default_year,
                         date_mention_t **out, size_t *n)
{
    scan_t s = {text, len, default_year > 0 ? default_year : 0, NULL, 0, 0,
                FOND_OK};
    for (size_t i = 0; i < len && s.status == FOND_OK;) {
        if (is_alnum(text[i]) && word_starts(text, i))
            i = scan_word(&s, i);
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
