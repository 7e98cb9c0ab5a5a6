/*
 * citation.c -- recognising the references footnotes make (see
 * citation.h): archival citations ("SA AR, f.28, s.1, i.68, v.17-20"),
 * bibliographic references ("See: USSR Foreign Policy Documents. T. IV,
 * M.: Gospolitizdat, 1960, p. 227-228"), and whether a line is footnote
 * text rather than prose.
 *
 * Every finder is a left-to-right scan that looks a few bytes ahead at
 * each position, so the work is linear in the length of the text.  The
 * Russian abbreviations are matched as UTF-8 byte strings; nothing else
 * outside ASCII needs to be understood, and bytes of other UTF-8
 * characters simply count as parts of words.
 */
#include "citation.h"
#include "text.h"

#include <string.h>

/* UTF-8 spellings of the Cyrillic letters the abbreviations use. */
#define CYR_EF "\xD1\x84"       /* ф */
#define CYR_EF_CAP "\xD0\xA4"   /* Ф */
#define CYR_O "\xD0\xBE"        /* о */
#define CYR_O_CAP "\xD0\x9E"    /* О */
#define CYR_PE "\xD0\xBF"       /* п */
#define CYR_DE "\xD0\xB4"       /* д */
#define CYR_DE_CAP "\xD0\x94"   /* Д */
#define CYR_EL "\xD0\xBB"       /* л */
#define CYR_EL_CAP "\xD0\x9B"   /* Л */
#define CYR_ES "\xD1\x81"       /* с */
#define CYR_ES_CAP "\xD0\xA1"   /* С */
#define CYR_TE_CAP "\xD0\xA2"   /* Т */
#define EN_DASH "\xE2\x80\x93"  /* – */

typedef struct {
    size_t start, end;
} span_t;

/* ------------------------------------------------------------ bytes */

static int is_ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A byte of a word: an ASCII letter or digit, or part of a UTF-8
 * character (Cyrillic letters and the like). */
static int is_word_byte(char c)
{
    return is_ascii_letter(c) || text_is_digit(c) || (unsigned char)c >= 0x80;
}

static int is_letter_byte(char c)
{
    return is_ascii_letter(c) || (unsigned char)c >= 0x80;
}

/* Does s[i, len) begin with `lit`? */
static int has_at(const char *s, size_t len, size_t i, const char *lit)
{
    size_t n = strlen(lit);
    return i <= len && n <= len - i && memcmp(s + i, lit, n) == 0;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
    while (i < len && text_is_space(s[i]))
        i++;
    return i;
}

static size_t skip_digits(const char *s, size_t len, size_t i)
{
    while (i < len && text_is_digit(s[i]))
        i++;
    return i;
}

static int contains(const char *s, size_t len, const char *lit)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == lit[0] && has_at(s, len, i, lit))
            return 1;
    return 0;
}

/* Copy s[span] into dst (cap bytes), trimmed, cut short at a UTF-8
 * character boundary if it does not fit. */
static void copy_field(char *dst, size_t cap, const char *s, span_t span)
{
    while (span.start < span.end && text_is_space(s[span.start]))
        span.start++;
    while (span.end > span.start && text_is_space(s[span.end - 1]))
        span.end--;
    size_t n = span.end - span.start;
    if (n > cap - 1) {
        n = cap - 1;
        while (n > 0 && text_is_continuation(s[span.start + n]))
            n--;
    }
    memcpy(dst, s + span.start, n);
    dst[n] = '\0';
}

/* The end of numbers and ranges at s[i] ("17-20", "17, 19-20",
 * "227–228"), or i itself if no number starts there. */
static size_t scan_number_list(const char *s, size_t len, size_t i)
{
    size_t end = skip_digits(s, len, i);
    if (end == i)
        return i;
    for (;;) {
        size_t j = skip_spaces(s, len, end);
        size_t sep = j < len && (s[j] == '-' || s[j] == ',') ? 1
                     : has_at(s, len, j, EN_DASH)            ? 3
                                                             : 0;
        if (!sep)
            return end;
        size_t k = skip_spaces(s, len, j + sep);
        size_t d = skip_digits(s, len, k);
        if (d == k)
            return end;
        end = d;
    }
}

/* ------------------------------------------------------------ archival */

typedef enum { ARCH_FOND, ARCH_OPIS, ARCH_DELO, ARCH_SHEETS } arch_field_t;

static const struct {
    const char *abbr; /* followed by "." */
    arch_field_t field;
} archival_abbrs[] = {
    {"f", ARCH_FOND},          {"F", ARCH_FOND},
    {CYR_EF, ARCH_FOND},       {CYR_EF_CAP, ARCH_FOND},
    {"s", ARCH_OPIS},          {"S", ARCH_OPIS},
    {"op", ARCH_OPIS},         {"Op", ARCH_OPIS},
    {CYR_O CYR_PE, ARCH_OPIS}, {CYR_O_CAP CYR_PE, ARCH_OPIS},
    {"i", ARCH_DELO},          {"I", ARCH_DELO},
    {"d", ARCH_DELO},          {"D", ARCH_DELO},
    {CYR_DE, ARCH_DELO},       {CYR_DE_CAP, ARCH_DELO},
    {"v", ARCH_SHEETS},        {"V", ARCH_SHEETS},
    {"l", ARCH_SHEETS},        {"ll", ARCH_SHEETS},
    {"L", ARCH_SHEETS},        {CYR_EL, ARCH_SHEETS},
    {CYR_EL CYR_EL, ARCH_SHEETS}, {CYR_EL_CAP, ARCH_SHEETS},
    {CYR_EL_CAP CYR_EL, ARCH_SHEETS},
};

/* Does a number's letter suffix ("13 a", "12 bis") start at s[i], after
 * a space: up to 3 letters, then a comma, semicolon, bracket or the end
 * (a full stop that ends the text too)?  Its end, else 0 (a letter then
 * "." is the next abbreviation: "28 s. 1"). */
static size_t letter_suffix(const char *s, size_t len, size_t i)
{
    size_t end = i;
    while (end < len && end - i < 12 && is_letter_byte(s[end]))
        end++;
    int letters = 0;
    for (size_t k = i; k < end; k++)
        letters += !text_is_continuation(s[k]);
    if (end == i || letters > 3)
        return 0;
    return end == len || s[end] == ',' || s[end] == ';' || s[end] == ')' ||
                   (s[end] == '.' && end + 1 == len)
               ? end : 0;
}

/* The end of a fond, opis or delo number at s[i] ("28", "R-1318", "68a",
 * "68/1", "13 a"): up to a comma, semicolon, bracket or space (a space
 * before a letter suffix included), without a final full stop; i itself
 * unless it holds a digit. */
static size_t scan_archival_number(const char *s, size_t len, size_t i)
{
    size_t end = i;
    int digit = 0;
    while (end < len && s[end] != ',' && s[end] != ';' && s[end] != ')' &&
           !text_is_space(s[end]))
        digit |= text_is_digit(s[end++]);
    size_t suffix = digit && end + 1 < len && s[end] == ' '
                        ? letter_suffix(s, len, end + 1) : 0;
    end = suffix ? suffix : end;
    while (end > i && s[end - 1] == '.')
        end--;
    return digit ? end : i;
}

typedef struct {
    arch_field_t field;
    span_t value;
} arch_match_t;

/* A field "abbr. value" at s[i] (white space before it allowed). */
static int match_archival_field(const char *s, size_t len, size_t i,
                                arch_match_t *m)
{
    i = skip_spaces(s, len, i);
    for (size_t k = 0; k < sizeof archival_abbrs / sizeof *archival_abbrs; k++) {
        size_t n = strlen(archival_abbrs[k].abbr);
        if (!has_at(s, len, i, archival_abbrs[k].abbr) || i + n >= len ||
            s[i + n] != '.')
            continue;
        size_t v = skip_spaces(s, len, i + n + 1);
        arch_field_t f = archival_abbrs[k].field;
        size_t e = f == ARCH_SHEETS ? scan_number_list(s, len, v)
                                    : scan_archival_number(s, len, v);
        if (e == v)
            return 0;
        *m = (arch_match_t){f, {v, e}};
        return 1;
    }
    return 0;
}

static char *archival_slot(citation_archival_t *out, arch_field_t f)
{
    switch (f) {
    case ARCH_FOND: return out->fond;
    case ARCH_OPIS: return out->opis;
    case ARCH_DELO: return out->delo;
    default: return out->sheets;
    }
}

/* The fields after the fond: ", abbr. value" as long as they go on.  The
 * first value of each kind is kept. */
static void read_archival_fields(const char *s, size_t len, size_t i,
                                 citation_archival_t *out)
{
    arch_match_t m;
    for (i = skip_spaces(s, len, i); i < len && s[i] == ',';
         i = skip_spaces(s, len, m.value.end)) {
        if (!match_archival_field(s, len, i + 1, &m))
            return;
        char *slot = archival_slot(out, m.field);
        if (!slot[0])
            copy_field(slot, CITATION_FIELD, s, m.value);
    }
}

/* If an archive's name cannot run back over s[i]: where it may start
 * after it, else 0.  Names stop at "//", at punctuation, and at a full
 * stop that ends a sentence (after a digit or a word of three letters or
 * more, so that initials like "M." do not cut a name). */
static size_t after_name_boundary(const char *s, size_t len, size_t i)
{
    if (has_at(s, len, i, "//"))
        return i + 2;
    if (s[i] == ',' || s[i] == ';' || s[i] == ':' || s[i] == '(' ||
        s[i] == ')')
        return i + 1;
    if (s[i] != '.' || i + 1 >= len || s[i + 1] != ' ' || i == 0)
        return 0;
    if (text_is_digit(s[i - 1]) ||
        (i >= 3 && is_letter_byte(s[i - 1]) && is_letter_byte(s[i - 2]) &&
         is_letter_byte(s[i - 3])))
        return i + 1;
    return 0;
}

/* Does s[span] hold a letter?  An archive is named, not numbered. */
static int has_letter(const char *s, span_t span)
{
    for (size_t i = span.start; i < span.end; i++)
        if (is_letter_byte(s[i]))
            return 1;
    return 0;
}

/* Find the first "<archive>, f. <fond>": the archive is the text back to
 * the nearest boundary before the comma.  *archive_start says where. */
static int find_archival(const char *s, size_t len, citation_archival_t *out,
                         size_t *archive_start)
{
    size_t name_start = 0;
    arch_match_t m;
    for (size_t i = 0; i < len; i++) {
        span_t name = {name_start, i};
        if (s[i] == ',' && has_letter(s, name) &&
            match_archival_field(s, len, i + 1, &m) && m.field == ARCH_FOND) {
            memset(out, 0, sizeof *out);
            copy_field(out->archive, CITATION_FIELD, s, name);
            copy_field(out->fond, CITATION_FIELD, s, m.value);
            read_archival_fields(s, len, m.value.end, out);
            *archive_start = name_start;
            return 1;
        }
        size_t after = after_name_boundary(s, len, i);
        if (after) {
            name_start = after;
            i = after - 1;
        }
    }
    return 0;
}

int citation_find_archival(const char *s, size_t len, citation_archival_t *out)
{
    size_t start;
    if (find_archival(s, len, out, &start))
        return 1;
    memset(out, 0, sizeof *out);
    return 0;
}

/* ------------------------------------------------------------ bibliographic */

static const char *const volume_marks[] = {"T.", CYR_TE_CAP ".", "Vol.", "vol."};
static const char *const page_marks[] = {"pp.", "p.", "Pp.", "P.",
                                         CYR_ES ".", CYR_ES_CAP "."};

/* Where the parts of a reference were found (empty spans if not). */
typedef struct {
    span_t volume, place, publisher, year, pages;
    size_t marks_start; /* where the first volume or place mark stands */
    size_t pages_mark;  /* where "p." stands */
} biblio_parts_t;

static int is_roman(char c)
{
    return c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C';
}

/* A capital letter at s[i]: ASCII, or Cyrillic А-Я and Ё. */
static int is_capital(const char *s, size_t len, size_t i)
{
    if (s[i] >= 'A' && s[i] <= 'Z')
        return 1;
    unsigned char b = i + 1 < len ? (unsigned char)s[i + 1] : 0;
    return (unsigned char)s[i] == 0xD0 && ((b >= 0x90 && b <= 0xAF) || b == 0x81);
}

/* Is the last thing before s[i] (past white space) a full stop or comma,
 * or is i where the reference starts?  Volumes and places follow one. */
static int after_separator(const char *s, size_t from, size_t i)
{
    while (i > from && text_is_space(s[i - 1]))
        i--;
    return i == from || s[i - 1] == '.' || s[i - 1] == ',';
}

static int starts_word(const char *s, size_t from, size_t i)
{
    return i == from || !is_word_byte(s[i - 1]);
}

/* "T. IV" or "Vol. 2" at s[i], after a separator: the number. */
static int volume_at(const char *s, size_t len, size_t from, size_t i,
                     span_t *value)
{
    if (s[i] != 'T' && s[i] != 'V' && s[i] != 'v' && s[i] != CYR_TE_CAP[0])
        return 0; /* a quick no for most bytes */
    if (!starts_word(s, from, i))
        return 0;
    for (size_t k = 0; k < sizeof volume_marks / sizeof *volume_marks; k++) {
        if (!has_at(s, len, i, volume_marks[k]))
            continue;
        size_t v = skip_spaces(s, len, i + strlen(volume_marks[k])), e = v;
        while (e < len && is_roman(s[e]))
            e++;
        if (e == v)
            e = skip_digits(s, len, v);
        if (e == v || (e < len && is_word_byte(s[e])) ||
            !after_separator(s, from, i))
            return 0;
        *value = (span_t){v, e};
        return 1;
    }
    return 0;
}

/* The end of a publisher's name from s[i]: the next comma or semicolon,
 * or a full stop before a year ("Elm. 1980"). */
static size_t publisher_end(const char *s, size_t len, size_t i)
{
    for (; i < len && s[i] != ',' && s[i] != ';'; i++)
        if (s[i] == '.' && i + 2 < len && s[i + 1] == ' ' && text_is_digit(s[i + 2]))
            return i;
    return i;
}

/* A place of publication at s[i]: a capitalised word after a separator
 * (not at the start: "Kars: a history" is a title), then ":" and a
 * publisher's name, which does not start in lower case ("Moscow: in 1921
 * the ..." is prose).  "M.:" keeps its full stop, as written. */
static int place_at(const char *s, size_t len, size_t from, size_t i,
                    biblio_parts_t *b)
{
    if (i == from || !starts_word(s, from, i) || !is_capital(s, len, i) ||
        !after_separator(s, from, i))
        return 0;
    size_t e = i;
    while (e < len && is_letter_byte(s[e]))
        e++;
    if (e < len && s[e] == '.')
        e++;
    size_t colon = skip_spaces(s, len, e);
    if (colon >= len || s[colon] != ':' ||
        (colon + 1 < len && s[colon + 1] == '/'))
        return 0; /* not a place, or a URL */
    size_t p = skip_spaces(s, len, colon + 1);
    if (p < len && ((s[p] >= 'a' && s[p] <= 'z') || text_is_digit(s[p])))
        return 0;
    b->place = (span_t){i, e};
    b->publisher = (span_t){p, publisher_end(s, len, p)};
    return 1;
}

/* A year 1700-2099 at s[i], not part of a longer number. */
static int year_at(const char *s, size_t len, size_t i, span_t *year)
{
    if (i >= len || !text_is_digit(s[i]) || (i > 0 && text_is_digit(s[i - 1])))
        return 0;
    size_t e = skip_digits(s, len, i);
    if (e - i != 4)
        return 0;
    int v = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 +
            (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
    if (v < 1700 || v > 2099)
        return 0;
    *year = (span_t){i, e};
    return 1;
}

/* Pages "p. 227-228" / "pp. 5, 7" / "с. 12" at s[i]: the numbers. */
static int pages_at(const char *s, size_t len, size_t from, size_t i,
                    span_t *pages)
{
    if (s[i] != 'p' && s[i] != 'P' && (unsigned char)s[i] < 0x80)
        return 0; /* a quick no for most bytes */
    if (!starts_word(s, from, i))
        return 0;
    for (size_t k = 0; k < sizeof page_marks / sizeof *page_marks; k++) {
        if (!has_at(s, len, i, page_marks[k]))
            continue;
        size_t v = skip_spaces(s, len, i + strlen(page_marks[k]));
        size_t e = scan_number_list(s, len, v);
        if (e == v)
            return 0;
        *pages = (span_t){v, e};
        return 1;
    }
    return 0;
}

/* The first volume and the first place of publication; the earlier of
 * the two ends the title.  marks_start is len if there is neither. */
static void find_volume_and_place(const char *s, size_t len, size_t from,
                                  biblio_parts_t *b)
{
    int volume = 0, place = 0;
    b->marks_start = len;
    for (size_t i = from; i < len && !(volume && place); i++) {
        int v = !volume && volume_at(s, len, from, i, &b->volume);
        int p = !place && place_at(s, len, from, i, b);
        volume |= v;
        place |= p;
        if ((v || p) && i < b->marks_start)
            b->marks_start = i;
    }
}

/* The first year and the first pages from `from` on. */
static void find_year_and_pages(const char *s, size_t len, size_t from,
                                biblio_parts_t *b)
{
    int year = 0, pages = 0;
    b->pages_mark = len;
    for (size_t i = from; i < len && !(year && pages); i++) {
        year = year || year_at(s, len, i, &b->year);
        if (!pages && pages_at(s, len, from, i, &b->pages)) {
            pages = 1;
            b->pages_mark = i;
        }
    }
}

/* Where the title starts: after a leading "See" / "See:", or after the
 * first "See:" further on (a note may open with other words: "Cited as
 * note 3. See: ..."). */
static size_t title_start(const char *s, size_t len)
{
    size_t start = skip_spaces(s, len, 0);
    if (has_at(s, len, start, "See") &&
        (start + 3 == len || !is_letter_byte(s[start + 3])))
        start += 3;
    else
        for (size_t i = start; i + 4 <= len; i++)
            if (s[i] == 'S' && has_at(s, len, i, "See:")) {
                start = i + 3;
                break;
            }
    if (start < len && s[start] == ':')
        start++;
    return skip_spaces(s, len, start);
}

/* Copy the title, without the punctuation that led to the next part. */
static void copy_title(char *dst, size_t cap, const char *s, span_t t)
{
    while (t.end > t.start && (text_is_space(s[t.end - 1]) || s[t.end - 1] == '.' ||
                               s[t.end - 1] == ',' || s[t.end - 1] == ';'))
        t.end--;
    copy_field(dst, cap, s, t);
}

static void fill_biblio(const char *s, const biblio_parts_t *b, span_t title,
                        citation_biblio_t *out)
{
    memset(out, 0, sizeof *out);
    copy_title(out->title, sizeof out->title, s, title);
    copy_field(out->volume, sizeof out->volume, s, b->volume);
    copy_field(out->place, sizeof out->place, s, b->place);
    copy_title(out->publisher, sizeof out->publisher, s, b->publisher);
    copy_field(out->year, sizeof out->year, s, b->year);
    copy_field(out->pages, sizeof out->pages, s, b->pages);
}

/* The reference in s[0, len), which holds no archival citation. */
static int find_biblio_in(const char *s, size_t len, citation_biblio_t *out)
{
    biblio_parts_t b;
    memset(&b, 0, sizeof b);
    size_t start = title_start(s, len);
    find_volume_and_place(s, len, start, &b);
    int marked = b.marks_start < len;
    find_year_and_pages(s, len, marked ? b.marks_start : start, &b);
    int has_year = b.year.end > 0, has_pages = b.pages.end > 0;
    if (!(has_year && has_pages) && b.volume.end == 0)
        return 0;
    /* Without a volume or a place, the title ends where the year or the
     * pages begin (then both were found). */
    size_t title_end = marked                      ? b.marks_start
                       : b.year.start < b.pages_mark ? b.year.start
                                                     : b.pages_mark;
    fill_biblio(s, &b, (span_t){start, title_end}, out);
    return 1;
}

int citation_find_biblio(const char *s, size_t len, citation_biblio_t *out)
{
    /* A note may cite a document and then its archive ("... .// SA AR,
     * f.28 ..."): the archival part's numbers are not pages or years. */
    citation_archival_t archival;
    size_t archive_start;
    if (find_archival(s, len, &archival, &archive_start))
        len = archive_start;
    if (find_biblio_in(s, len, out))
        return 1;
    memset(out, 0, sizeof *out);
    return 0;
}

/* ------------------------------------------------------------ any archive */

#define CYR_PE_CAP "\xD0\x9F"   /* П */
#define CYR_TE "\xD1\x82"       /* т */
#define AZ_ISH "i\xC5\x9F"      /* iş: Azerbaijani delo */
#define AZ_ISH_CAP "\xC4\xB0\xC5\x9F" /* İş */

/* A unit word (citation.h): how it is spelt (ASCII in lower case, any
 * case matches; other letters as written), whether a full stop must
 * follow it (an abbreviation of one or two letters, which prose uses
 * otherwise), the part it names, and whether it opens a reference alone
 * (a unit prose rarely numbers). */
typedef struct {
    const char *word;
    int dot;
    citation_part_t part;
    int strong;
} unit_t;

static const unit_t units[] = {
    {"f", 1, CITATION_FOND, 1}, {CYR_EF, 1, CITATION_FOND, 1},
    {CYR_EF_CAP, 1, CITATION_FOND, 1}, {"fond", 0, CITATION_FOND, 1},
    {"fonds", 0, CITATION_FOND, 1}, {"rg", 0, CITATION_FOND, 1},
    {"mss", 0, CITATION_FOND, 1}, {"ms", 0, CITATION_FOND, 0},
    {"coll", 0, CITATION_FOND, 0}, {"collection", 0, CITATION_FOND, 0},
    {"op", 1, CITATION_OPIS, 1}, {CYR_O CYR_PE, 1, CITATION_OPIS, 1},
    {CYR_O_CAP CYR_PE, 1, CITATION_OPIS, 1}, {"opis", 0, CITATION_OPIS, 1},
    {"siy", 1, CITATION_OPIS, 1}, {"series", 0, CITATION_OPIS, 0},
    {"ser", 1, CITATION_OPIS, 0}, {"s", 1, CITATION_OPIS, 0},
    {"d", 1, CITATION_DELO, 0}, {CYR_DE, 1, CITATION_DELO, 1},
    {CYR_DE_CAP, 1, CITATION_DELO, 1}, {"delo", 0, CITATION_DELO, 1},
    {"i", 1, CITATION_DELO, 0}, {AZ_ISH, 0, CITATION_DELO, 1},
    {AZ_ISH_CAP, 0, CITATION_DELO, 1}, {"item", 0, CITATION_DELO, 0},
    {"file", 0, CITATION_DELO, 1}, {"dossier", 0, CITATION_DELO, 1},
    {"piece", 0, CITATION_DELO, 0}, {"doc", 0, CITATION_DELO, 0},
    {"no", 0, CITATION_DELO, 0}, {"nos", 0, CITATION_DELO, 0},
    {"nr", 0, CITATION_DELO, 0},
    {"box", 0, CITATION_BOX, 1}, {"carton", 0, CITATION_BOX, 1},
    {"karton", 0, CITATION_BOX, 1}, {"papka", 0, CITATION_BOX, 1},
    {"p", 1, CITATION_BOX, 0}, {CYR_PE, 1, CITATION_BOX, 0},
    {CYR_PE_CAP, 1, CITATION_BOX, 0},
    {"folder", 0, CITATION_FOLDER, 1}, {"mappe", 0, CITATION_FOLDER, 1},
    {"reel", 0, CITATION_REEL, 1}, {"roll", 0, CITATION_REEL, 1},
    {"vol", 0, CITATION_VOLUME, 0}, {"volume", 0, CITATION_VOLUME, 0},
    {"bd", 1, CITATION_VOLUME, 0}, {"t", 1, CITATION_VOLUME, 0},
    {CYR_TE, 1, CITATION_VOLUME, 0}, {CYR_TE_CAP, 1, CITATION_VOLUME, 0},
    {"l", 1, CITATION_SHEETS, 0}, {"ll", 1, CITATION_SHEETS, 0},
    {CYR_EL, 1, CITATION_SHEETS, 0}, {CYR_EL CYR_EL, 1, CITATION_SHEETS, 0},
    {CYR_EL_CAP, 1, CITATION_SHEETS, 0},
    {CYR_EL_CAP CYR_EL, 1, CITATION_SHEETS, 0},
    {"v", 1, CITATION_SHEETS, 0}, {"fol", 0, CITATION_SHEETS, 0},
    {"fols", 0, CITATION_SHEETS, 0}, {"folio", 0, CITATION_SHEETS, 0},
    {"ff", 1, CITATION_SHEETS, 0}, {"bl", 1, CITATION_SHEETS, 0},
    {"pp", 1, CITATION_SHEETS, 0},
};

/* Does s[i, j) spell w (ASCII case ignored)? */
static int spells(const char *s, size_t i, size_t j, const char *w)
{
    size_t n = strlen(w);
    if (j - i != n)
        return 0;
    for (size_t k = 0; k < n; k++) {
        char c = s[i + k];
        if ((c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c) != w[k])
            return 0;
    }
    return 1;
}

static size_t word_end(const char *s, size_t len, size_t i)
{
    while (i < len && is_word_byte(s[i]))
        i++;
    return i;
}

/* The end of a unit's value at s[i] ("28", "04", "R-1318", "Р-130",
 * "68a", "68/1", "17-20", "861.00/1234"): an optional prefix of up to
 * three letters, digits, and more runs of digits and letters after a
 * ".", "/", "-" or "–" that a digit follows; i if no digit comes. */
static size_t scan_value(const char *s, size_t len, size_t i)
{
    size_t e = i;
    while (e < len && e - i < 6 && is_letter_byte(s[e]))
        e++;
    if (e > i && e < len && s[e] == '-')
        e++;
    if (e >= len || !text_is_digit(s[e]))
        return i;
    for (;;) {
        while (e < len && (text_is_digit(s[e]) || is_ascii_letter(s[e])))
            e++;
        size_t n = e < len && (s[e] == '.' || s[e] == '/' || s[e] == '-') ? 1
                   : has_at(s, len, e, EN_DASH)                           ? 3
                                                                          : 0;
        if (n == 1 && s[e] == '-' && e + 1 < len && is_ascii_letter(s[e + 1])) {
            size_t l = e + 1; /* "112-b" */
            while (l < len && l - e <= 3 && is_ascii_letter(s[l]))
                l++;
            return l - e <= 3 && (l == len || !is_word_byte(s[l])) ? l : e;
        }
        if (!n || e + n >= len || !text_is_digit(s[e + n]))
            return e;
        e += n;
    }
}

static int span_has(const char *s, span_t v, char c)
{
    return memchr(s + v.start, c, v.end - v.start) != NULL;
}

/* A capital at s[i]: ASCII, Cyrillic, or Turkish/Azerbaijani İ. */
static int capital_at(const char *s, size_t len, size_t i)
{
    return is_capital(s, len, i) ||
           ((unsigned char)s[i] == 0xC4 && i + 1 < len &&
            (unsigned char)s[i + 1] == 0xB0);
}

/* Is s[span] an archive's siglum: at most three words and 24 bytes, two
 * capitals at least and a third of its letters ("TNA", "AVP RF", "ГА
 * АР", "BArch", "PA AA")? */
static int is_siglum(const char *s, size_t len, span_t v)
{
    while (v.start < v.end && text_is_space(s[v.start]))
        v.start++;
    while (v.end > v.start && text_is_space(s[v.end - 1]))
        v.end--;
    if (v.end == v.start || v.end - v.start > 24)
        return 0;
    size_t caps = 0, letters = 0, words = 1;
    for (size_t i = v.start; i < v.end; i++) {
        if (text_is_space(s[i]))
            words++;
        else if (text_is_digit(s[i]))
            return 0;
        if (is_letter_byte(s[i]) && !text_is_continuation(s[i])) {
            letters++;
            caps += capital_at(s, len, i);
        }
    }
    return words <= 3 && caps >= 2 && caps * 3 >= letters;
}

/* The siglum that ends s[v] ("TNA" of "See also TNA"): its last words
 * that begin with a capital, at most three, if they are one; else an
 * empty span. */
static span_t trailing_siglum(const char *s, size_t len, span_t v)
{
    while (v.end > v.start && text_is_space(s[v.end - 1]))
        v.end--;
    size_t start = v.end;
    for (int words = 0; words < 3 && start > v.start && v.end - start <= 24;
         words++) {
        size_t w = start;
        while (w > v.start && !text_is_space(s[w - 1]))
            w--;
        if (!capital_at(s, len, w))
            break;
        start = w;
        while (start > v.start && text_is_space(s[start - 1]))
            start--;
    }
    while (start < v.end && text_is_space(s[start]))
        start++;
    span_t sig = {start, v.end};
    return start < v.end && is_siglum(s, len, sig) ? sig : (span_t){0, 0};
}

/* Does s[v] name an archive or a library in words ("Politisches Archiv
 * des Auswärtigen Amts", "Archives nationales", "Yale University
 * Library", "Ministère des Affaires étrangères")?  Then a unit or code
 * after it opens a reference, as after a siglum. */
static int names_archive(const char *s, span_t v)
{
    static const char *const stems[] = {"Archiv", "archiv", "Library",
                                        "Biblioth", "Minist", "Records",
                                        "Institut", "Papers", "Collection"};
    for (size_t i = v.start; i < v.end; i++)
        for (size_t k = 0; k < sizeof stems / sizeof *stems; k++)
            if (s[i] == stems[k][0] && has_at(s, v.end, i, stems[k]) &&
                (i == v.start || !is_letter_byte(s[i - 1]) ||
                 stems[k][0] == 'a'))
                return 1;
    return 0;
}

/* A segment of the run being read: text between commas or full stops. */
typedef struct {
    span_t at;
    span_t siglum; /* the siglum that ends it, if any */
    int capital;
    int named;     /* it names an archive in words (names_archive) */
    unsigned words;
} segment_t;

#define RUN_SEGMENTS 8 /* the segments looked back over for an archive */
#define IDLE_SEGMENTS 3 /* segments without a unit that end a reference */

typedef struct {
    const char *s;
    size_t len;
    citation_ref_t *out;
    size_t max, n;
    int open;                  /* a reference is being read */
    span_t archive, part[CITATION_PARTS], number;
    size_t units_start, end;   /* of the open reference */
    size_t file_end;           /* where its delo or number ends, or 0 */
    segment_t run[RUN_SEGMENTS]; /* since the last stop, the latest last */
    size_t n_run;
    size_t seg_start;          /* of the segment being read */
    unsigned seg_words;        /* its words that are no unit */
    int seg_part;              /* it holds a unit of the reference */
    unsigned idle;             /* segments since the reference's last unit */
    span_t idle_words;         /* those segments */
    int pending_stop;          /* a full stop: the end, unless a unit follows */
} ref_scan_t;

static void ref_close(ref_scan_t *r)
{
    if (!r->open)
        return;
    r->open = 0;
    if (r->n == r->max)
        return;
    citation_ref_t *o = &r->out[r->n++];
    memset(o, 0, sizeof *o);
    o->start = skip_spaces(r->s, r->len,
                           r->archive.end ? r->archive.start : r->units_start);
    o->end = r->end;
    o->units_start = r->units_start;
    o->file_end = r->file_end ? r->file_end : r->end;
    copy_field(o->text, sizeof o->text, r->s, (span_t){o->start, o->end});
    copy_field(o->archive, sizeof o->archive, r->s, r->archive);
    for (int p = 0; p < CITATION_PARTS; p++)
        copy_field(o->part[p], sizeof o->part[p], r->s, r->part[p]);
    copy_field(o->number, sizeof o->number, r->s, r->number);
}

/* A stop (a semicolon, a bracket, "//", a sentence's end): the reference
 * ends, and a new run of segments starts after it. */
static void ref_stop(ref_scan_t *r, size_t after)
{
    ref_close(r);
    r->n_run = 0;
    r->seg_start = after;
    r->seg_words = 0;
    r->seg_part = 0;
    r->pending_stop = 0;
}

/* The segment being read ends at `at` (a comma or a full stop). */
static void segment_end(ref_scan_t *r, size_t at)
{
    span_t v = {r->seg_start, at};
    if (!r->seg_part && r->seg_words) {
        if (r->n_run == RUN_SEGMENTS) {
            memmove(r->run, r->run + 1, (RUN_SEGMENTS - 1) * sizeof *r->run);
            r->n_run--;
        }
        size_t first = skip_spaces(r->s, at, v.start);
        r->run[r->n_run++] = (segment_t){
            v, trailing_siglum(r->s, r->len, v),
            first < at && capital_at(r->s, r->len, first),
            names_archive(r->s, v), r->seg_words};
        if (r->open && r->idle++ == 0)
            r->idle_words.start = v.start;
        r->idle_words.end = at;
        if (r->open && r->idle >= IDLE_SEGMENTS)
            ref_close(r);
    }
    r->seg_start = at + 1;
    r->seg_words = 0;
    r->seg_part = 0;
}

/* A word that is no unit. */
static void ref_word(ref_scan_t *r, size_t at)
{
    if (r->pending_stop)
        ref_stop(r, at);
    r->seg_words++;
}

typedef enum { ITEM_UNIT, ITEM_CODE, ITEM_FILE } item_kind_t;

typedef struct {
    item_kind_t kind;
    citation_part_t part;   /* of a unit */
    int strong;             /* opens a reference alone */
    int numbered;           /* a file number: file, No., a decimal file */
    int papka, folio;       /* "p."; "f." */
    size_t start;           /* where the unit word stands */
    span_t value;           /* its value; a code whole */
    span_t slash;           /* a code's class and piece: "FO 371", "6262" */
} item_t;

/* Where the archive of a reference opening at item it stands: a siglum
 * just before it in its segment ("PRO FO 371/6262"); else, if it opens
 * its segment, the first siglum among the run's segments, or the run's
 * first segment when it is short and capitalised ("Library of Congress").
 * The segments between the archive and the item are its series. */
static int find_archive(ref_scan_t *r, const item_t *it, span_t *series)
{
    span_t before = {r->seg_start, it->start};
    *series = (span_t){0, 0};
    r->archive = (span_t){0, 0};
    if (r->seg_words) {
        r->archive = trailing_siglum(r->s, r->len, before);
        return r->archive.end != 0;
    }
    size_t k = 0;
    while (k < r->n_run && !r->run[k].siglum.end)
        k++;
    if (k == r->n_run && r->n_run > 0 && r->n_run <= 3 && r->run[0].capital &&
        r->run[0].words <= 6)
        k = 0; /* "Library of Congress, Manuscript Division, ..." */
    for (size_t j = 0; k == r->n_run && j < r->n_run; j++)
        if (r->run[j].named && r->run[j].capital)
            k = j;
    if (k == r->n_run)
        return 0;
    r->archive = r->run[k].siglum.end ? r->run[k].siglum : r->run[k].at;
    if (k + 1 < r->n_run)
        *series = (span_t){r->run[k + 1].at.start, r->run[r->n_run - 1].at.end};
    return 1;
}

static void ref_open(ref_scan_t *r, const item_t *it, int keep_archive)
{
    span_t archive = r->archive, series = {0, 0};
    if (!keep_archive)
        find_archive(r, it, &series);
    else
        r->archive = archive;
    memset(r->part, 0, sizeof r->part);
    r->part[CITATION_OPIS] = series;
    r->number = (span_t){0, 0};
    r->units_start = it->start;
    r->file_end = 0;
    r->idle = 0;
    r->open = 1;
}

/* May the item open a reference? */
static int item_opens(ref_scan_t *r, const item_t *it)
{
    if (it->strong)
        return 1;
    if (r->seg_words) /* a siglum just before: "PRO FO 371", "PA AA R 9208" */
        return trailing_siglum(r->s, r->len,
                               (span_t){r->seg_start, it->start}).end != 0;
    for (size_t k = 0; k < r->n_run; k++)
        if (r->run[k].siglum.end || (r->run[k].named && r->run[k].capital))
            return 1;
    return 0;
}

/* The part a unit fills, by where it stands: "p." after a fond and
 * before a delo is a papka (a box), else pages; "f." after a delo, box
 * or volume is a folio. */
static citation_part_t item_part(const ref_scan_t *r, const item_t *it)
{
    if (it->papka && !(r->part[CITATION_FOND].end && !r->part[CITATION_DELO].end &&
                       !r->part[CITATION_BOX].end))
        return CITATION_SHEETS;
    if (it->folio && r->open &&
        (r->part[CITATION_DELO].end || r->part[CITATION_BOX].end ||
         r->part[CITATION_VOLUME].end))
        return CITATION_SHEETS;
    return it->part;
}

static void ref_item(ref_scan_t *r, const item_t *it)
{
    int was_pending = r->pending_stop;
    r->pending_stop = 0;
    if (!r->open && !item_opens(r, it)) {
        if (was_pending)
            ref_stop(r, it->start);
        r->seg_words++;
        return;
    }
    citation_part_t part = item_part(r, it);
    int taken = it->kind == ITEM_CODE && it->slash.end
                    ? r->part[CITATION_FOND].end || r->part[CITATION_DELO].end
                    : r->part[part].end != 0;
    if (r->open && taken) { /* a second delo: the next reference */
        ref_close(r);
        ref_open(r, it, 1);
    } else if (!r->open) {
        ref_open(r, it, 0);
    } else if (r->idle && !r->part[CITATION_OPIS].end) {
        r->part[CITATION_OPIS] = r->idle_words; /* "RG 59, Central ..." */
    }
    if (it->kind == ITEM_CODE && it->slash.end) {
        r->part[CITATION_FOND] = (span_t){it->value.start, it->slash.start - 1};
        r->part[CITATION_DELO] = it->slash;
    } else {
        r->part[part] = it->value;
    }
    if (it->numbered || it->kind != ITEM_UNIT)
        r->number = it->value;
    if (part == CITATION_DELO || it->numbered || it->kind != ITEM_UNIT)
        r->file_end = it->value.end;
    r->end = it->value.end;
    r->idle = 0;
    r->seg_part = 1;
}

/* Is s[v] a decimal file number: digits, a full stop, then a slash
 * ("861.51/131", "763.72119/1234")? */
static int is_decimal_file(const char *s, span_t v)
{
    const char *slash = memchr(s + v.start, '/', v.end - v.start);
    return v.end > v.start && text_is_digit(s[v.start]) && slash &&
           memchr(s + v.start, '.', (size_t)(slash - (s + v.start))) != NULL;
}

/* A unit at s[i, we) (the word), with its value: 1 and *it filled. */
static int unit_at(const char *s, size_t len, size_t i, size_t we, item_t *it)
{
    for (size_t k = 0; k < sizeof units / sizeof *units; k++) {
        const unit_t *u = &units[k];
        if (!spells(s, i, we, u->word) || (u->dot && (we >= len || s[we] != '.')))
            continue;
        size_t v = skip_spaces(s, len, we < len && s[we] == '.' ? we + 1 : we);
        int numbered = 0;
        if (!u->dot) { /* "Box No. 5", "File No. 861.51/131" */
            size_t ne = word_end(s, len, v);
            if (spells(s, v, ne, "no") || spells(s, v, ne, "nos") ||
                spells(s, v, ne, "nr")) {
                numbered = 1;
                v = skip_spaces(s, len, ne < len && s[ne] == '.' ? ne + 1 : ne);
            }
        }
        size_t e = u->part == CITATION_SHEETS && v < len && text_is_digit(s[v])
                       ? scan_number_list(s, len, v) /* "ll. 3, 7-9" */
                       : scan_value(s, len, v);
        if (e == v)
            return 0;
        size_t suffix = e + 1 < len && s[e] == ' ' ? letter_suffix(s, len, e + 1)
                                                   : 0; /* "13 a" */
        e = suffix ? suffix : e;
        span_t value = {v, e};
        int file = numbered || spells(s, i, we, "file") ||
                   (u->part == CITATION_DELO && !u->dot && !u->strong &&
                    strcmp(u->word, "item") && strcmp(u->word, "piece"));
        /* "Central Decimal File 1910-29" names a series: a file is
         * numbered ("File No. 5") or its number has "/" or "." */
        if (spells(s, i, we, "file") && !numbered && !span_has(s, value, '/') &&
            !span_has(s, value, '.'))
            return 0;
        /* "Despatch No. 861.51/131": a decimal file opens, whatever
         * names it */
        *it = (item_t){ITEM_UNIT, u->part,
                       u->strong || is_decimal_file(s, value), file,
                       u->part == CITATION_BOX && u->dot,
                       u->part == CITATION_FOND && u->dot, i, value, {0, 0}};
        return 1;
    }
    return 0;
}

static int is_roman_numeral(char c)
{
    return c == 'I' || c == 'V' || c == 'X';
}

/* A code at s[i, we): a class of one to five capitals, maybe with digits
 * ("FO", "CAB", "R", "F7"), a space, a number, and maybe a slash and the
 * piece ("FO 371/6262", "R 43 I/1234", "R 9208"). */
static int code_at(const char *s, size_t len, size_t i, size_t we, item_t *it)
{
    size_t caps = i;
    while (caps < we && s[caps] >= 'A' && s[caps] <= 'Z')
        caps++;
    if (caps == i || caps - i > 5 || skip_digits(s, len, caps) != we)
        return 0;
    if (we - caps > 0 && caps - i >= 2 && we + 1 < len && s[we] == '/' &&
        text_is_digit(s[we + 1])) { /* "FO371/6262" */
        size_t p = scan_value(s, len, we + 1);
        *it = (item_t){ITEM_CODE, CITATION_DELO, 1, 1, 0, 0, i, {i, p},
                       {we + 1, p}};
        return 1;
    }
    if (we - caps > 2 || we >= len || s[we] != ' ')
        return 0;
    size_t v = skip_spaces(s, len, we), e = skip_digits(s, len, v);
    if (e == v || (e < len && is_word_byte(s[e])))
        return 0;
    size_t r = e + 1; /* "43 I/1234" */
    while (e < len && s[e] == ' ' && r < len && r - e <= 4 && is_roman_numeral(s[r]))
        r++;
    if (r > e + 1 && r < len && s[r] == '/')
        e = r;
    span_t slash = {0, 0};
    if (e + 1 < len && s[e] == '/' && text_is_digit(s[e + 1])) {
        size_t p = scan_value(s, len, e + 1);
        slash = (span_t){e + 1, p};
        e = p;
    }
    *it = (item_t){ITEM_CODE, CITATION_DELO, slash.end != 0, 1, 0, 0, i,
                   {i, e}, slash};
    return 1;
}

/* A file number at s[i]: digits with a "/" ("861.51/131", "68/1");
 * a decimal one ("861.51/131": a full stop before the slash) opens a
 * reference alone. */
static int file_at(const char *s, size_t len, size_t i, item_t *it)
{
    size_t e = scan_value(s, len, i);
    span_t v = {i, e};
    if (e == i || !text_is_digit(s[i]) || !span_has(s, v, '/'))
        return 0;
    *it = (item_t){ITEM_FILE, CITATION_DELO, is_decimal_file(s, v), 1, 0, 0,
                   i, v, {0, 0}};
    return 1;
}

size_t citation_find_refs(const char *s, size_t len, citation_ref_t *out,
                          size_t max)
{
    ref_scan_t r;
    memset(&r, 0, sizeof r);
    r.s = s, r.len = len, r.out = out, r.max = max;
    for (size_t i = 0; i < len && r.n < max;) {
        char c = s[i];
        if (text_is_space(c)) {
            i++;
        } else if (c == ',') {
            segment_end(&r, i++);
        } else if (c == '.') {
            /* after an initial ("U.S.", "M. D."), not an end */
            int initial = i >= 1 && is_letter_byte(s[i - 1]) &&
                          (i == 1 || !is_word_byte(s[i - 2])) &&
                          !text_is_continuation(s[i - 1]);
            if (!initial) {
                segment_end(&r, i);
                r.pending_stop = 1;
            }
            i++;
        } else if (c == ';' || c == '(' || c == ')' || c == '[' || c == ']' ||
                   c == ':' || c == '"' || (c == '/' && has_at(s, len, i, "//"))) {
            i += 1 + (c == '/');
            ref_stop(&r, i);
        } else if (is_word_byte(c)) {
            size_t we = word_end(s, len, i);
            item_t it;
            if (unit_at(s, len, i, we, &it) || code_at(s, len, i, we, &it) ||
                file_at(s, len, i, &it)) {
                ref_item(&r, &it);
                i = it.value.end;
            } else {
                ref_word(&r, i);
                i = we;
            }
        } else {
            i++;
        }
    }
    ref_close(&r);
    return r.n;
}

void citation_ref_key(const char *s, size_t len, size_t *start, size_t *end)
{
    citation_ref_t r;
    *start = 0;
    *end = len;
    if (citation_find_refs(s, len, &r, 1) == 1) {
        *start = r.start;
        *end = r.file_end;
    }
}

/* ------------------------------------------------------------ notes */

/* Does s begin with the word w (not a longer word)? */
static int starts_with_word(const char *s, size_t len, const char *w)
{
    size_t n = strlen(w);
    return has_at(s, len, 0, w) &&
           (n == len || w[n - 1] == '.' || !is_letter_byte(s[n]));
}

/* How many of the parts a reference has that prose rarely has: a
 * volume, a place with its publisher, a year, pages. */
static int biblio_evidence(const citation_biblio_t *b)
{
    return (b->volume[0] != '\0') + (b->place[0] && b->publisher[0]) +
           (b->year[0] != '\0') + (b->pages[0] != '\0');
}

/* The words archives of many countries number their units with: fond,
 * opis, delo, list (f. op. d. l. ll.), series, item, sheet, folio, box,
 * folder, file, record group, reel, manuscript, dossier, carton, papka. */
static const char *const archival_units[] = {
    "f", "op", "d", "l", "ll", "s", "i", "v", "fond", "opis", "delo", "list",
    "papka", "folio", "fol", "fols", "fo", "ff", "box", "folder", "file",
    "doc", "dossier", "carton", "reel", "rg", "ms", "mss", "item", "series",
    "sheet", "sheets", "no", "nr", "vol", "bd", "heft", "cote", "cod",
};

/* Is s[i, j) one of the unit words above (ASCII, any case)? */
static int is_archival_unit(const char *s, size_t i, size_t j)
{
    for (size_t k = 0; k < sizeof archival_units / sizeof *archival_units; k++) {
        const char *u = archival_units[k];
        size_t n = strlen(u), m = 0;
        while (m < n && i + m < j && (s[i + m] | 0x20) == u[m])
            m++;
        if (m == n && i + n == j)
            return 1;
    }
    return 0;
}

/* How many "unit number" pairs s holds ("f. 28", "op.1", "Box 8",
 * "FO 371/6262": a word of capitals followed by a number with a slash
 * counts too), whatever the archive: the mark of an archival citation. */
static int archival_pairs(const char *s, size_t len)
{
    int pairs = 0;
    for (size_t i = 0; i < len;) {
        if (!is_ascii_letter(s[i])) {
            i++;
            continue;
        }
        size_t j = i, caps = 1;
        while (j < len && is_ascii_letter(s[j]))
            caps &= s[j] >= 'A' && s[j] <= 'Z', j++;
        size_t k = j < len && s[j] == '.' ? j + 1 : j;
        k = skip_spaces(s, len, k);
        int before_word = i == 0 || !is_letter_byte(s[i - 1]);
        if (before_word && k < len && text_is_digit(s[k])) {
            size_t e = skip_digits(s, len, k);
            int slashed = e < len && s[e] == '/';
            if (is_archival_unit(s, i, j) || (caps && j - i >= 2 && slashed))
                pairs++;
        }
        i = j;
    }
    return pairs;
}

/* Does the line open with an archive's siglum ("GARF,", "TNA,", "SA AR,",
 * "BArch")? Two to seven letters, mostly capitals, then a comma. */
static int opens_with_siglum(const char *s, size_t len)
{
    size_t i = 0, caps = 0, letters = 0;
    while (i < len && i < 12 && (is_ascii_letter(s[i]) || s[i] == ' ' ||
                                 s[i] == '.')) {
        caps += s[i] >= 'A' && s[i] <= 'Z';
        letters += is_ascii_letter(s[i]);
        i++;
    }
    return i < len && s[i] == ',' && caps >= 2 && caps * 2 >= letters;
}

/* An imprint in brackets, as references give it: "(Paris: Macmillan,
 * 1959)", "(London, 1921)": a place, then a year before the bracket
 * closes. */
static int has_imprint(const char *s, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        if (s[i] != '(' || !is_ascii_letter(s[i + 1]))
            continue;
        size_t k = i + 1;
        span_t year;
        while (k < len && k < i + 80 && s[k] != ')')
            k++;
        for (size_t j = i + 1; k < len && s[k] == ')' && j + 4 <= k; j++)
            if (year_at(s, len, j, &year) && year.end == k)
                return 1;
    }
    return 0;
}

int citation_looks_like_note(const char *s, size_t len)
{
    static const char *const openings[] = {
        "See", "Ibid", "Cf.", "Op. cit", "Op.cit", "Loc. cit", "Idem",
        "Id.", "Quoted in", "Cited in", "Ebd.", "Ebenda", "Vgl.", "Voir",
        CYR_ES_CAP "\xD0\xBC.",                             /* См. */
        CYR_TE_CAP "\xD0\xB0\xD0\xBC \xD0\xB6\xD0\xB5",     /* Там же */
    };
    while (len > 0 && text_is_space(*s)) {
        s++;
        len--;
    }
    if (contains(s, len, "//") || contains(s, len, "op. cit.") ||
        contains(s, len, "Op. cit."))
        return 1;
    for (size_t k = 0; k < sizeof openings / sizeof *openings; k++)
        if (starts_with_word(s, len, openings[k]))
            return 1;
    /* dense: prose may number items too ("item 1 ... item 2"), but not
     * a unit every 25 bytes */
    int pairs = archival_pairs(s, len);
    int dense = (size_t)pairs * 25 >= len;
    if ((pairs >= 3 && dense) || (pairs >= 1 && opens_with_siglum(s, len)) ||
        has_imprint(s, len))
        return 1;
    citation_archival_t a;
    citation_biblio_t b;
    /* A volume alone ("T. IV" in prose) is not enough to tell a note. */
    return citation_find_archival(s, len, &a) ||
           (citation_find_biblio(s, len, &b) && biblio_evidence(&b) >= 2);
}
