/*
 * request.c -- parse and check fond.cgi's query string.  See request.h.
 *
 * The parser is strict on purpose: a request a form of ours could not have
 * made (an unknown or repeated parameter, bad percent-encoding, invalid
 * UTF-8, a number out of range) gets a reason instead of a guess, so that
 * nothing odd travels further into the program.
 */
#include "request.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

/* One parameter: where its decoded value goes and how it is checked. */
typedef struct param param_t;
typedef int (*param_check_fn)(request_t *r, const param_t *p, const char *v,
                              char *err, size_t errsize);
struct param {
    const char *name;
    size_t offset; /* of its char[] field in request_t, for strings */
    size_t size;
    param_check_fn check;
    size_t max;       /* for counts */
    const char *what; /* for counts: "a page number" */
};

/* ------------------------------------------------------------ decoding */

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Percent-decode s[0..len) into out (size bytes, NUL-terminated), '+' as a
 * space; *n is the decoded length (a decoded NUL byte stays in it, for the
 * caller to refuse).  -1 on a bad escape or when it does not fit. */
static int percent_decode(const char *s, size_t len, char *out, size_t size,
                          size_t *n)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        int c = (unsigned char)s[i];
        if (c == '%') {
            int hi = i + 2 < len ? hex_value(s[i + 1]) : -1;
            int lo = hi >= 0 ? hex_value(s[i + 2]) : -1;
            if (lo < 0)
                return -1;
            c = hi * 16 + lo;
            i += 2;
        } else if (c == '+') {
            c = ' ';
        }
        if (o + 1 >= size)
            return -1;
        out[o++] = (char)c;
    }
    out[o] = '\0';
    *n = o;
    return 0;
}

/* "" if s is valid UTF-8 without control characters, else what is wrong. */
static const char *text_problem(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        if (u[i] < 0x20 || u[i] == 0x7f)
            return "holds a control character";
        size_t n = text_utf8_length(s + i, len - i);
        if (n == 0)
            return "is not valid UTF-8";
        i += n;
    }
    return "";
}

/* ------------------------------------------------------------ checks */

static int refuse(char *err, size_t errsize, const param_t *p, const char *why)
{
    snprintf(err, errsize, "parameter '%s' %s", p->name, why);
    return -1;
}

static char *field_of(request_t *r, const param_t *p)
{
    return (char *)r + p->offset;
}

/* Any text: the query, a source's name. */
static int check_text(request_t *r, const param_t *p, const char *v,
                      char *err, size_t errsize)
{
    if (strlen(v) >= p->size) {
        char why[64];
        snprintf(why, sizeof why, "is longer than %zu bytes", p->size - 1);
        return refuse(err, errsize, p, why);
    }
    if (strchr(v, '"') && strcmp(p->name, "source") == 0)
        return refuse(err, errsize, p, "may not hold a double quote");
    if (*v == '/' && strcmp(p->name, "source") == 0) /* never says if it exists */
        return refuse(err, errsize, p, "takes a source's name as the results "
                                       "show it, not a path");
    strcpy(field_of(r, p), v);
    return 0;
}

static int check_type(request_t *r, const param_t *p, const char *v,
                      char *err, size_t errsize)
{
    if (strlen(v) >= p->size || strspn(v, "abcdefghijklmnopqrstuvwxyz-") != strlen(v))
        return refuse(err, errsize, p, "must be a type name (a-z, '-')");
    strcpy(field_of(r, p), v);
    return 0;
}

static int digits(const char *s, size_t n)
{
    return strspn(s, "0123456789") >= n;
}

/* YYYY, YYYY-MM or YYYY-MM-DD, with a real month and day number. */
static int is_date(const char *v)
{
    size_t n = strlen(v);
    if ((n != 4 && n != 7 && n != 10) || !digits(v, 4))
        return 0;
    if (n >= 7 && (v[4] != '-' || !digits(v + 5, 2) || strncmp(v + 5, "01", 2) < 0 ||
                   strncmp(v + 5, "12", 2) > 0))
        return 0;
    if (n == 10 && (v[7] != '-' || !digits(v + 8, 2) ||
                    strncmp(v + 8, "01", 2) < 0 || strncmp(v + 8, "31", 2) > 0))
        return 0;
    return 1;
}

static int check_year(request_t *r, const param_t *p, const char *v,
                      char *err, size_t errsize)
{
    if (strlen(v) != 4 || !is_date(v))
        return refuse(err, errsize, p, "must be a year: four digits");
    strcpy(field_of(r, p), v);
    return 0;
}

static int check_date(request_t *r, const param_t *p, const char *v,
                      char *err, size_t errsize)
{
    if (!is_date(v))
        return refuse(err, errsize, p, "must be a date: YYYY, YYYY-MM or "
                                       "YYYY-MM-DD");
    strcpy(field_of(r, p), v);
    return 0;
}

/* A whole number in [1, max], without sign, spaces or leading zeros. */
static int parse_count(const char *v, size_t max, size_t *out)
{
    size_t n = strlen(v), value = 0;
    if (n == 0 || n > 6 || v[0] == '0' || !digits(v, n))
        return -1;
    for (size_t i = 0; i < n; i++)
        value = value * 10 + (size_t)(v[i] - '0');
    if (value > max)
        return -1;
    *out = value;
    return 0;
}

/* page and n: a count in [1, p->max]. */
static int check_count(request_t *r, const param_t *p, const char *v,
                       char *err, size_t errsize)
{
    size_t *field = strcmp(p->name, "page") == 0 ? &r->page : &r->per_page;
    char why[120];
    if (p->max == REQUEST_MAX_SOURCE_PAGE) /* results' pages, or a source's */
        snprintf(why, sizeof why, "must be %s from 1 to %d (a source's page: "
                 "to %d)", p->what, REQUEST_MAX_PAGE, REQUEST_MAX_SOURCE_PAGE);
    else
        snprintf(why, sizeof why, "must be %s from 1 to %zu", p->what, p->max);
    return parse_count(v, p->max, field) == 0 ? 0
                                               : refuse(err, errsize, p, why);
}

static const char *const sorts[] = {"relevance", "date", "added"};
static const char *const formats[] = {"html", "json", "csv", "ris", "bibtex",
                                      "atom"};

/* Which of the n names v is, or -1. */
static int choice(const char *v, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(v, names[i]) == 0)
            return i;
    return -1;
}

static int check_sort(request_t *r, const param_t *p, const char *v,
                      char *err, size_t errsize)
{
    int i = choice(v, sorts, 3);
    if (i < 0)
        return refuse(err, errsize, p, "must be 'relevance', 'date' or 'added'");
    r->sort = (fond_sort_t)i;
    return 0;
}

/* group: "collection" alone (--group collection). */
static int check_group(request_t *r, const param_t *p, const char *v,
                       char *err, size_t errsize)
{
    if (strcmp(v, "collection") != 0)
        return refuse(err, errsize, p, "must be 'collection'");
    r->group = 1;
    return 0;
}

static int check_format(request_t *r, const param_t *p, const char *v,
                        char *err, size_t errsize)
{
    int i = choice(v, formats, 6);
    if (i < 0)
        return refuse(err, errsize, p, "must be 'html', 'json', 'csv', "
                                       "'ris', 'bibtex' or 'atom'");
    r->format = (request_format_t)i;
    return 0;
}

/* A passage id as fond writes it ("<16 hex>-<N>"), or a source id (the 16
 * hex digits alone). */
static int check_show(request_t *r, const param_t *p, const char *v,
                      char *err, size_t errsize)
{
    size_t hex = strspn(v, "0123456789abcdef"), n = strlen(v);
    const char *num = v + hex + 1;
    size_t digits = hex < n ? strspn(num, "0123456789") : 0;
    int ok = hex == 16 && (n == 16 || (v[16] == '-' && digits >= 1 &&
                                       digits <= 9 && !num[digits] &&
                                       num[0] != '0'));
    if (!ok)
        return refuse(err, errsize, p, "must be a passage id (16 hex digits, "
                                       "'-', a number)");
    strcpy(field_of(r, p), v);
    return 0;
}

#define TEXT_FIELD(name, field, check) \
    {name, offsetof(request_t, field), sizeof ((request_t *)0)->field, check, \
     0, NULL}
#define OTHER(name, check) {name, 0, 0, check, 0, NULL} /* size 0: not text */
#define COUNT(name, max, what) {name, 0, 0, check_count, max, what}

/* The order here is the order of parameters in the links we write. */
static const param_t params[] = {
    TEXT_FIELD("q", q, check_text),
    TEXT_FIELD("type", type, check_type),
    TEXT_FIELD("year", year, check_year),
    TEXT_FIELD("from", from, check_date),
    TEXT_FIELD("until", until, check_date),
    TEXT_FIELD("source", source, check_text),
    TEXT_FIELD("show", show, check_show),
    OTHER("sort", check_sort),
    OTHER("group", check_group),
    COUNT("n", REQUEST_MAX_PER_PAGE, "a number of results"),
    /* a source's page too: the results' bound is checked after parsing */
    COUNT("page", REQUEST_MAX_SOURCE_PAGE, "a page number"),
    OTHER("format", check_format),
};
#define N_PARAMS (sizeof params / sizeof *params)

/* ------------------------------------------------------------ parsing */

static const param_t *find_param(const char *name)
{
    for (size_t i = 0; i < N_PARAMS; i++)
        if (strcmp(params[i].name, name) == 0)
            return &params[i];
    return NULL;
}

/* A parameter name fit to quote: printable ASCII, cut short. */
static void quotable(const char *name, char *out, size_t size)
{
    size_t o = 0;
    for (; *name && o + 4 < size && o < 40; name++)
        out[o++] = *name > 0x20 && *name < 0x7f ? *name : '?';
    out[o] = '\0';
    if (*name)
        strcpy(out + o, "...");
}

/* One name=value pair (value NULL for a bare name). */
static int parse_pair(request_t *r, unsigned *seen, const char *s, size_t len,
                      char *err, size_t errsize)
{
    char value[REQUEST_MAX_QUERY_STRING + 1];
    const char *eq = memchr(s, '=', len);
    size_t name_len = eq ? (size_t)(eq - s) : len;
    char name[64], shown[48];
    size_t n_name = 0;
    if (percent_decode(s, name_len, name, sizeof name, &n_name) != 0 ||
        n_name != strlen(name)) {
        snprintf(err, errsize, "a parameter name is badly encoded or too long");
        return -1;
    }
    const param_t *p = find_param(name);
    if (!p) {
        quotable(name, shown, sizeof shown);
        snprintf(err, errsize, "unknown parameter '%s'", shown);
        return -1;
    }
    unsigned bit = 1u << (p - params);
    if (*seen & bit)
        return refuse(err, errsize, p, "is given more than once");
    *seen |= bit;
    const char *v = eq ? eq + 1 : s + len;
    size_t n = 0;
    if (percent_decode(v, (size_t)(s + len - v), value, sizeof value, &n) != 0)
        return refuse(err, errsize, p, "has invalid percent-encoding");
    const char *problem = text_problem(value, n);
    if (*problem)
        return refuse(err, errsize, p, problem);
    return *value ? p->check(r, p, value, err, errsize) : 0;
}

/* A range from..until must not end before it starts ("1921-09" ..
 * "1921-09-15" is fine: compare as far as both go). */
static int check_range(const request_t *r, char *err, size_t errsize)
{
    size_t n = strlen(r->from) < strlen(r->until) ? strlen(r->from)
                                                    : strlen(r->until);
    if (*r->from && *r->until && strncmp(r->from, r->until, n) > 0) {
        snprintf(err, errsize, "the date range ends before it starts");
        return -1;
    }
    return 0;
}

/* page= with show= a source id (no passage number) is a page of that
 * source, its page view; any other page= counts pages of results. */
static int check_source_page(request_t *r, unsigned seen, char *err,
                             size_t errsize)
{
    const param_t *page = find_param("page");
    int given = (seen >> (page - params)) & 1u;
    if (given && strlen(r->show) == 16) {
        r->source_page = (unsigned)r->page;
        r->page = 1;
    } else if (r->page > REQUEST_MAX_PAGE) {
        char why[80];
        snprintf(why, sizeof why, "must be %s from 1 to %d", page->what,
                 REQUEST_MAX_PAGE);
        return refuse(err, errsize, page, why);
    }
    return 0;
}

static void request_init(request_t *r)
{
    memset(r, 0, sizeof *r);
    r->page = 1;
    r->per_page = REQUEST_DEFAULT_PER_PAGE;
    r->sort = FOND_SORT_RELEVANCE;
    r->format = REQUEST_HTML;
}

int request_parse(request_t *out, const char *qs, char *err, size_t errsize)
{
    request_init(out);
    qs = qs ? qs : "";
    size_t len = strlen(qs);
    if (len > REQUEST_MAX_QUERY_STRING) {
        snprintf(err, errsize, "the request is longer than %d bytes",
                 REQUEST_MAX_QUERY_STRING);
        return -1;
    }
    unsigned seen = 0;
    for (const char *s = qs; *s;) {
        size_t n = strcspn(s, "&");
        if (n > 0 && parse_pair(out, &seen, s, n, err, errsize) != 0)
            return -1;
        s += n + (s[n] == '&');
    }
    return check_source_page(out, seen, err, errsize) == 0
               ? check_range(out, err, errsize) : -1;
}

/* ------------------------------------------------------------ using it */

int request_is_search(const request_t *r)
{
    return r->q[strspn(r->q, " ")] || *r->type || *r->year || *r->from ||
           *r->until || *r->source;
}

/* Bytes enough for the query request_query() makes from the longest
 * fields: the words, then each filter with its name. */
#define QUERY_BYTES (REQUEST_MAX_Q + REQUEST_MAX_SOURCE + 128)

char *request_query(const request_t *r)
{
    int words = r->q[strspn(r->q, " ")] != '\0';
    int filters = *r->type || *r->year || *r->from || *r->until || *r->source;
    char *q = malloc(QUERY_BYTES);
    if (!q)
        return NULL;
    size_t at = (size_t)snprintf(q, QUERY_BYTES, words && filters ? "(%s)" : "%s",
                                 words ? r->q : "*");
    if (*r->type)
        at += (size_t)snprintf(q + at, QUERY_BYTES - at, " type:%s", r->type);
    if (*r->year)
        at += (size_t)snprintf(q + at, QUERY_BYTES - at, " date:%s", r->year);
    if (*r->from || *r->until)
        at += (size_t)snprintf(q + at, QUERY_BYTES - at, " date:%s..%s",
                               *r->from ? r->from : "0001",
                               *r->until ? r->until : "9999");
    if (*r->source)
        snprintf(q + at, QUERY_BYTES - at, " source:\"%s\"", r->source);
    return q;
}

/* The value a link carries for parameter p now ("" for the default). */
static const char *current_value(const request_t *r, const param_t *p,
                                 char *buf, size_t size)
{
    if (p->size) /* a text field */
        return (const char *)r + p->offset;
    buf[0] = '\0';
    if (p->check == check_group && r->group)
        snprintf(buf, size, "collection");
    if (p->check == check_sort && r->sort != FOND_SORT_RELEVANCE)
        snprintf(buf, size, "%s", sorts[r->sort]);
    if (p->check == check_count && p->name[0] == 'n' && r->per_page != REQUEST_DEFAULT_PER_PAGE)
        snprintf(buf, size, "%zu", r->per_page);
    if (p->check == check_count && p->name[0] == 'p' && r->source_page)
        snprintf(buf, size, "%u", r->source_page); /* page 1 too */
    else if (p->check == check_count && p->name[0] == 'p' && r->page > 1)
        snprintf(buf, size, "%zu", r->page);
    return buf; /* format: links are always to the page */
}

/* Percent-encode s onto buf at *at (a path: '/' kept, a space %20; else
 * a query value: a space '+'); -1 if it does not fit. */
static int encode_as(char *buf, size_t size, size_t *at, const char *s,
                     int path)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
        int plain = (*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z') ||
                    (*u >= '0' && *u <= '9') || strchr("-._~", *u) ||
                    (path && *u == '/');
        if (*at + 4 >= size)
            return -1;
        if (plain)
            buf[(*at)++] = (char)*u;
        else if (*u == ' ' && !path)
            buf[(*at)++] = '+';
        else {
            buf[(*at)++] = '%';
            buf[(*at)++] = hex[*u >> 4];
            buf[(*at)++] = hex[*u & 15];
        }
    }
    buf[*at] = '\0';
    return 0;
}

int request_encode(char *buf, size_t size, size_t *at, const char *s)
{
    return encode_as(buf, size, at, s, 0);
}

static int ends_with_pdf(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && strcasecmp(path + n - 4, ".pdf") == 0;
}

int request_file_url(const request_file_map_t *maps, size_t n,
                     const char *path, unsigned page, char *buf, size_t size)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(maps[i].folder);
        if (!len || strncmp(path, maps[i].folder, len) != 0 ||
            (maps[i].folder[len - 1] != '/' && path[len] != '/'))
            continue;
        const char *rest = path + len + (path[len] == '/');
        size_t at = (size_t)snprintf(buf, size, "%s", maps[i].url);
        if (at >= size || (at && buf[at - 1] != '/' && at + 2 >= size))
            return -1;
        if (at && buf[at - 1] != '/')
            buf[at++] = '/', buf[at] = '\0';
        if (encode_as(buf, size, &at, rest, 1) != 0)
            return -1;
        if (page && ends_with_pdf(path) &&
            (size_t)snprintf(buf + at, size - at, "#page=%u", page) >= size - at)
            return -1;
        return 0;
    }
    return -1;
}

int request_link(const request_t *r, const char *name, const char *value,
                 char *buf, size_t size)
{
    size_t at = 0;
    if (size < 2)
        return -1;
    strcpy(buf, "?");
    at = 1;
    int same_page = !strcmp(name, "show") || !strcmp(name, "format");
    for (size_t i = 0; i < N_PARAMS; i++) {
        const param_t *p = &params[i];
        char num[24];
        const char *v = current_value(r, p, num, sizeof num);
        if (strcmp(p->name, name) == 0)
            v = value ? value : "";
        else if (strcmp(p->name, "page") == 0 && !same_page)
            v = ""; /* another change: back to the first page */
        if (!*v)
            continue;
        if (at + strlen(p->name) + 3 >= size)
            return -1;
        at += (size_t)sprintf(buf + at, "%s%s=", at > 1 ? "&" : "", p->name);
        if (request_encode(buf, size, &at, v) != 0)
            return -1;
    }
    return 0;
}

int request_page_link(const request_t *r, const char *source_id,
                      unsigned page, char *buf, size_t size)
{
    request_t at = *r;
    snprintf(at.show, sizeof at.show, "%.16s", source_id);
    at.source_page = page;
    return request_link(&at, "show", at.show, buf, size);
}

int request_param(const char *qs, const char *name, char *out, size_t size)
{
    size_t name_len = strlen(name);
    for (const char *p = qs ? qs : ""; *p;) {
        size_t len = strcspn(p, "&");
        if (len > name_len && strncmp(p, name, name_len) == 0 &&
            p[name_len] == '=') {
            size_t n = 0;
            const char *v = p + name_len + 1;
            if (percent_decode(v, len - name_len - 1, out, size, &n) != 0 ||
                strlen(out) != n || *text_problem(out, n))
                return -1;
            return 1;
        }
        p += len + (p[len] == '&');
    }
    return 0;
}
