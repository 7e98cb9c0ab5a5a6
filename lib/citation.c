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

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A byte of a word: an ASCII letter or digit, or part of a UTF-8
 * character (Cyrillic letters and the like). */
static int is_word_byte(char c)
{
    return is_ascii_letter(c) || is_digit(c) || (unsigned char)c >= 0x80;
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
    while (i < len && is_digit(s[i]))
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
        digit |= is_digit(s[end++]);
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
    if (is_digit(s[i - 1]) ||
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
        if (s[i] == '.' && i + 2 < len && s[i + 1] == ' ' && is_digit(s[i + 2]))
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
    if (p < len && ((s[p] >= 'a' && s[p] <= 'z') || is_digit(s[p])))
        return 0;
    b->place = (span_t){i, e};
    b->publisher = (span_t){p, publisher_end(s, len, p)};
    return 1;
}

/* A year 1700-2099 at s[i], not part of a longer number. */
static int year_at(const char *s, size_t len, size_t i, span_t *year)
{
    if (i >= len || !is_digit(s[i]) || (i > 0 && is_digit(s[i - 1])))
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
        if (before_word && k < len && is_digit(s[k])) {
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
