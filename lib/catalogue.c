/*
 * catalogue.c -- reading fond-catalogue.csv (catalogue.h): CSV as RFC 4180
 * writes it, its columns mapped to a source's fields, each row checked,
 * and every problem kept with its line.  The CSV reader is fond's own (a
 * few dozen lines): Debian's libcsv is not among fond's dependencies, and
 * it tells neither the line a row starts on nor which rule a row broke,
 * which is what a cataloguer needs to hear.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analyze.h"
#include "array.h"
#include "catalogue.h"
#include "dates.h"
#include "file.h"
#include "folder.h"
#include "hash.h"

/* ------------------------------------------------------------ CSV rows */

typedef enum {
    ROW_OK,
    ROW_BAD_QUOTE,   /* a '"' inside a field not quoted */
    ROW_AFTER_QUOTE, /* text after a quoted field's closing quote */
    ROW_UNCLOSED,    /* a quoted field still open at the end of the file */
    ROW_TOO_LONG,    /* a field past CATALOGUE_MAX_FIELD */
    ROW_TOO_WIDE,    /* more fields than CATALOGUE_MAX_COLUMNS */
    ROW_NUL          /* a NUL byte */
} row_status_t;

typedef struct {
    const char *s;
    size_t len, at;
    unsigned line; /* of s[at], from 1 */
} csv_t;

/* One row's fields, each NUL-terminated in buf. */
typedef struct {
    char *buf;
    size_t len, cap;
    size_t starts[CATALOGUE_MAX_COLUMNS];
    size_t n;
    unsigned line, quote_line; /* where the row and its open quote start */
    row_status_t status;       /* the first problem */
} csv_row_t;

static void row_fail(csv_row_t *r, row_status_t why)
{
    if (r->status == ROW_OK)
        r->status = why;
}

/* Append c to the current field (nothing once the row has a problem). */
static int row_put(csv_row_t *r, char c)
{
    if (c == '\0')
        row_fail(r, ROW_NUL);
    if (r->status != ROW_OK)
        return 0;
    if (r->len - r->starts[r->n - 1] >= CATALOGUE_MAX_FIELD) {
        row_fail(r, ROW_TOO_LONG);
        return 0;
    }
    if (array_reserve(&r->buf, &r->cap, r->len + 2, 1, 256) != 0)
        return -1;
    r->buf[r->len++] = c;
    return 0;
}

/* End the current field; start another if `more`. */
static int row_end_field(csv_row_t *r, int more)
{
    if (array_reserve(&r->buf, &r->cap, r->len + 1, 1, 256) != 0)
        return -1;
    r->buf[r->len++] = '\0';
    if (more && r->n == CATALOGUE_MAX_COLUMNS)
        row_fail(r, ROW_TOO_WIDE);
    else if (more)
        r->starts[r->n++] = r->len;
    return 0;
}

/* The length of the line break at c->at: CRLF, LF or a lone CR; 0. */
static size_t line_break(const csv_t *c)
{
    if (c->s[c->at] == '\n')
        return 1;
    if (c->s[c->at] != '\r')
        return 0;
    return c->at + 1 < c->len && c->s[c->at + 1] == '\n' ? 2 : 1;
}

/* Inside a quoted field: the byte at c->at.  Returns 1 when the field's
 * closing quote was read. */
static int quoted_byte(csv_t *c, csv_row_t *r, int *nomem)
{
    size_t brk = line_break(c);
    if (c->s[c->at] == '"' && c->at + 1 < c->len && c->s[c->at + 1] == '"') {
        *nomem |= row_put(r, '"');
        c->at += 2;
        return 0;
    }
    if (c->s[c->at] == '"') {
        c->at++;
        return 1;
    }
    if (brk) {
        *nomem |= row_put(r, '\n');
        c->at += brk;
        c->line++;
        return 0;
    }
    *nomem |= row_put(r, c->s[c->at++]);
    return 0;
}

/* Read the next row into r: 1, or 0 at the end of the input, -1 when out
 * of memory.  Blanks before an opening quote and after a closing one are
 * let pass (a hand-written "a, \"b, c\""); any other stray quote is a
 * problem of the row. */
static int csv_next(csv_t *c, csv_row_t *r)
{
    if (c->at >= c->len)
        return 0;
    r->len = 0, r->n = 1, r->starts[0] = 0, r->status = ROW_OK;
    r->line = c->line;
    int quoted = 0, closed = 0, blanks_only = 1, nomem = 0;
    while (c->at < c->len && !nomem) {
        char ch = c->s[c->at];
        size_t brk = line_break(c);
        if (quoted) {
            closed = quoted_byte(c, r, &nomem);
            quoted = !closed;
        } else if (brk) {
            c->at += brk;
            c->line++;
            break;
        } else if (ch == ',') {
            nomem |= row_end_field(r, 1);
            quoted = closed = 0, blanks_only = 1;
            c->at++;
        } else if (ch == '"' && blanks_only && !closed) {
            r->len = r->status == ROW_OK ? r->starts[r->n - 1] : r->len;
            quoted = 1, blanks_only = 0, r->quote_line = c->line;
            c->at++;
        } else {
            int blank = ch == ' ' || ch == '\t';
            if (closed && !blank)
                row_fail(r, ROW_AFTER_QUOTE);
            else if (ch == '"')
                row_fail(r, ROW_BAD_QUOTE);
            if (!closed)
                nomem |= row_put(r, ch);
            blanks_only &= blank;
            c->at++;
        }
    }
    if (quoted)
        row_fail(r, ROW_UNCLOSED);
    nomem |= row_end_field(r, 0);
    return nomem ? -1 : 1;
}

static const char *row_field(const csv_row_t *r, size_t i)
{
    return i < r->n ? r->buf + r->starts[i] : "";
}

/* A row's problem as CSV, or NULL for none. */
static const char *row_problem(const csv_row_t *r)
{
    switch (r->status) {
    case ROW_BAD_QUOTE: return "a quote inside a field that is not quoted (quote "
                               "the field and double the quote)";
    case ROW_AFTER_QUOTE: return "text after a quoted field's closing quote";
    case ROW_TOO_LONG: return "a field longer than 16384 bytes";
    case ROW_TOO_WIDE: return "more than 64 fields";
    case ROW_NUL: return "a NUL byte";
    default: return NULL;
    }
}

/* ------------------------------------------------------------ problems */

/* A problem of line `line` (0: the whole file), as printf would write it. */
static int problem_add(catalogue_t *c, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int problem_add(catalogue_t *c, unsigned line, const char *fmt, ...)
{
    if (c->n_problems >= CATALOGUE_MAX_PROBLEMS) {
        c->more_problems++;
        return 0;
    }
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char *copy = strdup(msg);
    if (!copy || array_reserve(&c->problems, &c->cap_problems,
                               c->n_problems + 1, sizeof *c->problems, 16)) {
        free(copy);
        return -1;
    }
    c->problems[c->n_problems].line = line;
    c->problems[c->n_problems].order = c->n_problems;
    c->problems[c->n_problems++].message = copy;
    return 0;
}

/* A value as a message shows it: at most 60 bytes (cut between
 * characters), control characters as spaces. */
static const char *shown(const char *s, char *buf, size_t size)
{
    size_t n = strlen(s), max = size - 4 < 60 ? size - 4 : 60;
    int cut = n > max;
    if (cut) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--; /* not inside a character */
    }
    for (size_t i = 0; i < n; i++)
        buf[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7F ? ' ' : s[i];
    strcpy(buf + n, cut ? "..." : "");
    return buf;
}

/* ------------------------------------------------------------ columns */

typedef enum {
    F_NONE = -1,
    F_FILE,
    F_TITLE, F_TYPE, F_DATE, F_FROM, F_TO, F_PLACE, F_LANGUAGE,
    F_ARCHIVE_REF, F_SOURCE, F_CREATOR, F_RIGHTS,
    F_COUNT
} field_t;

static const struct {
    const char *name;
    field_t field;
} column_names[] = {
    {"file", F_FILE},
    {"title", F_TITLE},           {"dc:title", F_TITLE},
    {"type", F_TYPE},             {"dc:type", F_TYPE},
    {"date", F_DATE},             {"dc:date", F_DATE},
    {"from", F_FROM},             {"to", F_TO},
    {"place", F_PLACE},           {"dc:coverage", F_PLACE},
    {"dc:spatial", F_PLACE},
    {"language", F_LANGUAGE},     {"dc:language", F_LANGUAGE},
    {"archive reference", F_ARCHIVE_REF},
    {"dc:identifier", F_ARCHIVE_REF},
    {"source", F_SOURCE},         {"dc:source", F_SOURCE},
    {"creator", F_CREATOR},       {"dc:creator", F_CREATOR},
    {"rights", F_RIGHTS},         {"dc:rights", F_RIGHTS},
};

static const char *const field_names[F_COUNT] = {
    "file", "title", "type", "date", "from", "to", "place", "language",
    "archive reference", "source", "creator", "rights"};

/* A column's name as it is looked up: trimmed, lower case, '_', '-' and
 * runs of white space as one space, "dcterms:" as "dc:". */
static void column_key(const char *name, char *key, size_t size)
{
    size_t o = 0;
    int space = 0;
    for (const char *p = name; *p && o + 2 < size; p++) {
        char ch = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
        if (ch == '_' || ch == '-' || ch == ' ' || ch == '\t' || ch == '\n') {
            space = o > 0;
            continue;
        }
        if (space)
            key[o++] = ' ';
        space = 0;
        key[o++] = ch;
    }
    key[o] = '\0';
    if (strncmp(key, "dcterms:", 8) == 0)
        memmove(key + 2, key + 7, strlen(key + 7) + 1);
}

static field_t column_field(const char *name)
{
    char key[64];
    column_key(name, key, sizeof key);
    for (size_t i = 0; i < sizeof column_names / sizeof *column_names; i++)
        if (strcmp(key, column_names[i].name) == 0)
            return column_names[i].field;
    return F_NONE;
}

/* The columns the header row names. */
typedef struct {
    field_t map[CATALOGUE_MAX_COLUMNS]; /* each one's field; F_NONE: none */
    size_t n;
    int has_file;
} columns_t;

/* The header row: each column's field into h (F_NONE: not used). */
static int read_header(catalogue_t *c, const csv_row_t *r, columns_t *h)
{
    int taken[F_COUNT] = {0}, st = 0;
    char buf[80];
    field_t *map = h->map;
    h->n = r->n;
    h->has_file = 0;
    for (size_t i = 0; i < CATALOGUE_MAX_COLUMNS; i++)
        map[i] = F_NONE;
    const char *problem = row_problem(r);
    if (!problem && utf8_valid_prefix(r->buf, r->len) != r->len)
        problem = "not UTF-8 text";
    if (problem || r->status == ROW_UNCLOSED)
        return problem_add(c, r->line, "the header row: %s: no row can be used",
                           problem ? problem : "a quoted field never closed");
    for (size_t i = 0; i < r->n && st == 0; i++) {
        const char *name = row_field(r, i);
        field_t f = column_field(name);
        if (f == F_NONE && name[strspn(name, " \t\n")])
            st = problem_add(c, r->line, "unknown column \"%s\": left out "
                             "(fond's are file, title, type, date, from, to, "
                             "place, language, archive reference, source, "
                             "creator, rights, or Dublin Core's dc:...)",
                             shown(name, buf, sizeof buf));
        else if (f != F_NONE && taken[f])
            st = problem_add(c, r->line, "column \"%s\" gives the %s again: "
                             "left out", shown(name, buf, sizeof buf),
                             field_names[f]);
        else if (f != F_NONE)
            map[i] = f, taken[f] = 1;
    }
    h->has_file = taken[F_FILE];
    if (st == 0 && !h->has_file)
        st = problem_add(c, r->line, "no \"file\" column: no row can be used");
    return st;
}

/* ------------------------------------------------------------ values */

/* A copy of v with its white space trimmed and each run of it one space;
 * NULL when out of memory. */
static char *collapsed(const char *v)
{
    char *out = malloc(strlen(v) + 1), *o = out;
    for (const char *p = v; out && *p; p++) {
        int blank = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
        if (!blank)
            *o++ = *p;
        else if (o > out && o[-1] != ' ')
            *o++ = ' ';
    }
    if (out && o > out && o[-1] == ' ')
        o--;
    if (out)
        *o = '\0';
    return out;
}

/* A copy of v without the white space around it (a file's name keeps
 * what is inside); NULL when out of memory. */
static char *trimmed(const char *v)
{
    size_t n = strlen(v), start = strspn(v, " \t\r\n");
    while (n > start && strchr(" \t\r\n", v[n - 1]))
        n--;
    char *out = malloc(n - start + 1);
    if (out) {
        memcpy(out, v + start, n - start);
        out[n - start] = '\0';
    }
    return out;
}

/* "DATE" or "FIRST/LAST" (the Date header's forms, dates_parse_value)
 * into s->date and s->date_end, blanks around the '/' let pass; 0 if
 * malformed or LAST is before FIRST. */
static int parse_dates(const char *v, source_t *s)
{
    char packed[64];
    size_t n = 0;
    for (const char *c = v; *c; c++) {
        if (*c == ' ')
            continue;
        if (n + 1 >= sizeof packed)
            return 0;
        packed[n++] = *c;
    }
    return dates_parse_value(packed, n, s->date, s->date_end);
}

static char **field_slot(source_t *s, field_t f)
{
    switch (f) {
    case F_TITLE: return &s->title;
    case F_TYPE: return &s->type;
    case F_FROM: return &s->from;
    case F_TO: return &s->to;
    case F_PLACE: return &s->place;
    case F_LANGUAGE: return &s->language;
    case F_ARCHIVE_REF: return &s->archive_ref;
    case F_SOURCE: return &s->source_ref;
    case F_CREATOR: return &s->creator;
    case F_RIGHTS: return &s->rights;
    default: return NULL;
    }
}

/* One field of a row (v collapsed, not empty) into row->fields; a
 * malformed date or unknown type is a problem and leaves it out. */
static int row_set(catalogue_t *c, catalogue_row_t *row, field_t f, char *v)
{
    char buf[80];
    if (f == F_DATE) {
        int st = 0;
        if (!parse_dates(v, &row->fields)) {
            memset(row->fields.date, 0, 9), memset(row->fields.date_end, 0, 9);
            st = problem_add(c, row->line, "malformed date \"%s\" (use YYYY, "
                             "YYYY-MM, YYYY-MM-DD, or FIRST/LAST of those): "
                             "the date left out", shown(v, buf, sizeof buf));
        }
        free(v);
        return st;
    }
    if (f == F_TYPE) {
        const char *type = source_type_named(v, strlen(v));
        int st = type ? 0 : problem_add(c, row->line, "unknown type \"%s\" (use "
                                        "narrative, telegram, note, letter, "
                                        "conversation, reference or email): "
                                        "the type left out",
                                        shown(v, buf, sizeof buf));
        free(v);
        if (!type)
            return st;
        if (!(v = strdup(type)))
            return -1;
    }
    *field_slot(&row->fields, f) = v;
    return 0;
}

/* A hash of what the row gives, field by field in a fixed order (so that
 * moving a column or its white space changes nothing). */
static void row_hash(catalogue_row_t *row)
{
    uint64_t h = HASH_FNV_OFFSET;
    for (int f = F_TITLE; f < F_COUNT; f++) {
        const char *v = f == F_DATE ? row->fields.date : *field_slot(&row->fields, f);
        h = hash_bytes(h, v ? v : "", v ? strlen(v) + 1 : 1);
        if (f == F_DATE)
            h = hash_bytes(h, row->fields.date_end, strlen(row->fields.date_end) + 1);
    }
    snprintf(row->hash, sizeof row->hash, "%016llx", (unsigned long long)h);
}

/* The path in the file column made relative and plain ("./a//b.txt":
 * "a/b.txt") into *out (malloc'd); a problem of the row, *out NULL, if it
 * names nothing or leaves the catalogue's folder. */
static int row_file(catalogue_t *c, unsigned line, const char *v, char **out)
{
    char buf[80];
    char *path = trimmed(v), *o = path;
    *out = NULL;
    if (!path)
        return -1;
    if (path[0] == '/') {
        free(path);
        return problem_add(c, line, "file \"%s\" is not a path relative to the "
                           "catalogue's folder: left out", shown(v, buf, sizeof buf));
    }
    for (const char *p = path; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            free(path);
            return problem_add(c, line, "file \"%s\" is outside the catalogue's "
                               "folder: left out", shown(v, buf, sizeof buf));
        }
        if (n && !(n == 1 && p[0] == '.')) {
            if (o > path)
                *o++ = '/';
            memmove(o, p, n);
            o += n;
        }
        p += n + (p[n] == '/');
    }
    *o = '\0';
    if (!*path) {
        free(path);
        return problem_add(c, line, "no file named: left out");
    }
    *out = path;
    return 0;
}

/* Is the row blank (every field empty or white space)? */
static int row_blank(const csv_row_t *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (row_field(r, i)[strspn(row_field(r, i), " \t\n\r")])
            return 0;
    return 1;
}

/* Take one data row: a problem, or a row of c. */
static int take_row(catalogue_t *c, const csv_row_t *r, const columns_t *h,
                    size_t *cap)
{
    const field_t *map = h->map;
    const char *problem = row_problem(r);
    if (r->status == ROW_UNCLOSED)
        return problem_add(c, r->line, "a quoted field opened on line %u is "
                           "never closed: the rest of the file is left out",
                           r->quote_line);
    if (problem)
        return problem_add(c, r->line, "%s: the row left out", problem);
    if (utf8_valid_prefix(r->buf, r->len) != r->len)
        return problem_add(c, r->line, "not UTF-8 text: the row left out");
    if (row_blank(r))
        return 0;
    size_t file_col = 0;
    while (map[file_col] != F_FILE)
        file_col++;
    catalogue_row_t row;
    memset(&row, 0, sizeof row);
    row.line = r->line;
    int st = row_file(c, r->line, row_field(r, file_col), &row.file);
    if (st != 0 || !row.file)
        return st;
    size_t extra = h->n;
    while (extra < r->n && !row_field(r, extra)[strspn(row_field(r, extra),
                                                       " \t\n\r")])
        extra++;
    if (extra < r->n)
        st = problem_add(c, r->line, "more fields than the header names "
                         "columns (%zu): the rest left out", h->n);
    for (size_t i = 0; i < r->n && st == 0; i++) {
        if (map[i] == F_NONE || map[i] == F_FILE)
            continue;
        char *v = collapsed(row_field(r, i));
        st = !v ? -1 : *v ? row_set(c, &row, map[i], v) : (free(v), 0);
    }
    if (st == 0)
        row_hash(&row);
    if (st == 0 && array_reserve(&c->rows, cap, c->n_rows + 1,
                                 sizeof *c->rows, 64) != 0)
        st = -1;
    if (st != 0) {
        free(row.file);
        source_free(&row.fields);
        return st;
    }
    c->rows[c->n_rows++] = row;
    return 0;
}

/* ------------------------------------------------------------ the whole */

static int compare_rows(const void *a, const void *b)
{
    const catalogue_row_t *x = a, *y = b;
    int by_file = strcmp(x->file, y->file);
    return by_file ? by_file : (x->line > y->line) - (x->line < y->line);
}

static int compare_problems(const void *a, const void *b)
{
    const catalogue_problem_t *x = a, *y = b;
    if (x->line != y->line)
        return (x->line > y->line) - (x->line < y->line);
    return (x->order > y->order) - (x->order < y->order); /* as added */
}

/* Sort the rows by file; a file described again is a problem of the
 * later row, which is left out. */
static int drop_repeats(catalogue_t *c)
{
    if (c->n_rows)
        qsort(c->rows, c->n_rows, sizeof *c->rows, compare_rows);
    size_t kept = 0;
    int st = 0;
    char buf[80];
    for (size_t i = 0; i < c->n_rows; i++) {
        if (kept && strcmp(c->rows[kept - 1].file, c->rows[i].file) == 0) {
            if (st == 0)
                st = problem_add(c, c->rows[i].line, "file \"%s\" is described "
                                 "on line %u already: the row left out",
                                 shown(c->rows[i].file, buf, sizeof buf),
                                 c->rows[kept - 1].line);
            free(c->rows[i].file);
            source_free(&c->rows[i].fields);
        } else {
            c->rows[kept++] = c->rows[i];
        }
    }
    c->n_rows = kept;
    return st;
}

/* Sort the problems by line, those of one line as they were added. */
static void sort_problems(catalogue_t *c)
{
    if (c->n_problems) /* qsort's array may not be NULL, even empty */
        qsort(c->problems, c->n_problems, sizeof *c->problems, compare_problems);
}

static int parse_rows(catalogue_t *c, csv_t *in, csv_row_t *r)
{
    columns_t h;
    int got = 0, header = 0, st = 0;
    size_t cap = 0;
    while (st == 0 && (got = csv_next(in, r)) == 1) {
        if (!header && r->status == ROW_OK && row_blank(r))
            continue;
        if (!header) {
            header = 1;
            st = read_header(c, r, &h);
            if (!h.has_file)
                return st;
            continue;
        }
        if (c->n_rows == CATALOGUE_MAX_ROWS)
            return problem_add(c, r->line, "more than 200000 rows: the rest "
                               "of the file is left out");
        st = take_row(c, r, &h, &cap);
    }
    if (got < 0)
        return -1;
    if (st == 0 && !header)
        st = problem_add(c, 0, "no header row (it names the columns: file, "
                         "title, ...)");
    return st;
}

fond_status_t catalogue_parse(const char *bytes, size_t len, catalogue_t *out)
{
    memset(out, 0, sizeof *out);
    csv_t in = {bytes, len, 0, 1};
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
        in.at = 3;
    csv_row_t r;
    memset(&r, 0, sizeof r);
    int st = parse_rows(out, &in, &r);
    free(r.buf);
    if (st == 0)
        st = drop_repeats(out);
    if (st != 0) {
        catalogue_free(out);
        return FOND_ERR_NOMEM;
    }
    sort_problems(out);
    return FOND_OK;
}

const catalogue_row_t *catalogue_row(const catalogue_t *c, const char *file)
{
    size_t lo = 0, hi = c->n_rows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(file, c->rows[mid].file);
        if (cmp == 0)
            return &c->rows[mid];
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

void catalogue_free(catalogue_t *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_rows; i++) {
        free(c->rows[i].file);
        source_free(&c->rows[i].fields);
    }
    for (size_t i = 0; i < c->n_problems; i++)
        free(c->problems[i].message);
    free(c->rows);
    free(c->problems);
    free(c->path);
    free(c->dir);
    memset(c, 0, sizeof *c);
}

/* ------------------------------------------------------------ the API */

/* Does the folder at path hold an image (folder.h) to be its pages? */
static int has_pages(const char *path)
{
    folder_t f;
    char why[256];
    int yes = folder_load(&f, path, 1, why, sizeof why) == FOND_OK && f.n > 0;
    folder_free(&f);
    return yes;
}

/* A problem for each row whose file is not there (or is neither a file
 * nor a folder of page images, which a row names as one item). */
static int check_files(catalogue_t *c)
{
    char buf[80];
    int st = 0;
    for (size_t i = 0; i < c->n_rows && st == 0; i++) {
        const catalogue_row_t *row = &c->rows[i];
        size_t n = strlen(c->dir) + strlen(row->file) + 2;
        char *path = malloc(n);
        struct stat sb;
        if (!path)
            return -1;
        snprintf(path, n, "%s/%s", c->dir, row->file);
        if (stat(path, &sb) != 0)
            st = problem_add(c, row->line, "no file \"%s\" (%s)",
                             shown(row->file, buf, sizeof buf), strerror(errno));
        else if (S_ISDIR(sb.st_mode) && !has_pages(path))
            st = problem_add(c, row->line, "\"%s\" is a folder with no page "
                             "images", shown(row->file, buf, sizeof buf));
        else if (!S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode))
            st = problem_add(c, row->line, "\"%s\" is not a file",
                             shown(row->file, buf, sizeof buf));
        free(path);
    }
    if (st == 0)
        sort_problems(c);
    return st;
}

/* The folder of path, without a trailing '/' ("." for a bare name). */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *dir = malloc(n + 1);
    if (dir) {
        memcpy(dir, path, n);
        dir[n] = '\0';
    }
    return dir;
}

static fond_status_t load_failed(fond_catalogue_t *c, fond_status_t st,
                                 fond_error_t *err, const char *path,
                                 const char *why)
{
    if (err)
        snprintf(err->message, sizeof err->message, "%s: %s", path, why);
    if (c)
        catalogue_free(c);
    free(c);
    return st;
}

fond_status_t fond_catalogue_load(fond_catalogue_t **out, const char *path,
                                  fond_error_t *err)
{
    if (!out || !path)
        return load_failed(NULL, FOND_ERR_ARG, err, "fond_catalogue_load",
                           !out ? "out is NULL" : "path is NULL");
    *out = NULL;
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
        (size_t)sb.st_size > CATALOGUE_MAX_BYTES)
        return load_failed(NULL, FOND_ERR_IO, err, path,
                           "larger than 64 MiB: not read");
    char *text = NULL, why[256];
    size_t len = 0;
    fond_status_t st = file_read(path, &text, &len, why, sizeof why);
    if (st == FOND_OK && len > CATALOGUE_MAX_BYTES) /* grown since */
        st = FOND_ERR_IO, snprintf(why, sizeof why, "larger than 64 MiB: not read");
    if (st != FOND_OK) {
        free(text);
        return load_failed(NULL, st, err, path, why);
    }
    fond_catalogue_t *c = calloc(1, sizeof *c);
    st = c ? catalogue_parse(text, len, c) : FOND_ERR_NOMEM;
    free(text);
    if (st == FOND_OK && (!(c->path = strdup(path)) ||
                          !(c->dir = folder_of(path)) || check_files(c) != 0))
        st = FOND_ERR_NOMEM;
    if (st != FOND_OK)
        return load_failed(c, st, err, path, "out of memory");
    *out = c;
    return FOND_OK;
}

const fond_catalogue_row_t *fond_catalogue_find(const fond_catalogue_t *c,
                                                const char *path)
{
    if (!c || !path)
        return NULL;
    size_t n = strlen(c->dir);
    if (strcmp(c->dir, ".") == 0)
        n = 0; /* a bare relative path is under "." */
    else if (strncmp(path, c->dir, n) != 0 ||
             (path[n] != '/' && c->dir[n - 1] != '/'))
        return NULL;
    const char *rel = path + n + (path[n] == '/');
    while (rel[0] == '.' && rel[1] == '/')
        rel += 2;
    return catalogue_row(c, rel);
}

size_t fond_catalogue_rows(const fond_catalogue_t *c)
{
    return c ? c->n_rows : 0;
}

size_t fond_catalogue_problems(const fond_catalogue_t *c, size_t *left_out)
{
    if (left_out)
        *left_out = c ? c->more_problems : 0;
    return c ? c->n_problems : 0;
}

const char *fond_catalogue_problem(const fond_catalogue_t *c, size_t i,
                                   unsigned *line)
{
    if (!c || i >= c->n_problems)
        return NULL;
    if (line)
        *line = c->problems[i].line;
    return c->problems[i].message;
}

void fond_catalogue_free(fond_catalogue_t *c)
{
    catalogue_free(c);
    free(c);
}
