/*
 * query.c -- the query language (see query.h): a lexer, a recursive-descent
 * parser into a small tree, and the building of that tree into a Xapian
 * query through store.h, with name variants looked up in the collection.
 *
 * Grammar, loosest binding first:
 *   or      := and ("OR" and)*
 *   and     := unary (["AND"] unary)*       side by side: implicit AND
 *   unary   := ("NOT" | "+" | "-") unary | near
 *   near    := primary ("NEAR" ["/" n] primary)*
 *   primary := "(" or ")" | "phrase" | field:value | word[*]
 */
#include "array.h"
#include "query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest.h"
#include "schema.h"

#define MAX_DEPTH 32      /* nested parentheses and operators */
#define MAX_VARIANTS 16   /* variants looked up for one word */
#define MAX_FORMS 16      /* a word's other forms, for proximity */
#define MAX_FORM_SCAN 200 /* words looked at to find them */
/* Ranking: the weight of a word's exact form beside its family's; of the
 * query's words found in the order typed within PROXIMITY_WINDOW positions
 * beside the words' own.  Chosen on tests/relevance (README, "Ranking"). */
#define EXACT_WEIGHT 0.1
#define PROXIMITY_WINDOW 12
#define PROXIMITY_WEIGHT 0.5
#define PROXIMITY_PAIRS 8 /* pairs a conjunction gets, from its first word */
#define FIELD_VALUE_MAX 200 /* bytes of a whole value ("SA AR"), folded:
                              longer than any the index keeps (240) */
#define NEAR_DEFAULT 10
#define NEAR_MAX 1000
#define TERM_BYTES (ANALYZE_MAX_WORD * 4 + 16)

/* ------------------------------------------------------------ fields */

/* The fields and their prefixes are the schema's (schema.h). */
typedef schema_field_t query_field_t;

/* ------------------------------------------------------------ the tree */

typedef enum {
    NODE_WORD,     /* a bare word: exact form, stems, variants */
    NODE_PHRASE,   /* exact words in order */
    NODE_WILDCARD, /* a word's prefix */
    NODE_ALL,      /* "*": every passage (to browse, with filters) */
    NODE_FIELD,    /* a filter on a field */
    NODE_DATE,     /* a filter on dates */
    NODE_AND,      /* explicit AND */
    NODE_IMPLICIT, /* side by side: AND, or OR when loose */
    NODE_OR,
    NODE_NEAR
} node_kind_t;

typedef struct node {
    node_kind_t kind;
    int required, prohibited;  /* +x; -x or NOT x */
    size_t first, count;       /* tokens, for words, phrases, fields */
    const query_field_t *field;
    int from[3], to[3];        /* a date range: year, month, day */
    unsigned window;           /* NEAR/n */
    size_t at, end;            /* where the word stood in the query text */
    char *whole;               /* a whole field's value, as schema.h makes it */
    struct node **kids;
    size_t n_kids;
} node_t;

#define TOKEN_MAX_STEMS (2 * QUERY_MAX_LANGUAGES)

typedef struct {
    char *word;                    /* folded form */
    char *stems[TOKEN_MAX_STEMS];  /* its stems, one a language, distinct,
                                      then related shorter stems */
    size_t n_stems;
    size_t n_variants;             /* found by query_build */
} query_token_t;

/* A growable array of strings the query owns. */
typedef struct {
    char **items;
    size_t n, cap;
} strings_t;

struct query {
    const query_langs_t *langs;
    node_t *root;
    query_token_t *tokens;
    size_t n_tokens, cap_tokens;
    strings_t variants;   /* found by query_build */
    strings_t prefixes;   /* of wildcards */
    const char **hl_words, **hl_stems;
    snippet_terms_t terms;
};

static int strings_push(strings_t *s, const char *str)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->items[i], str) == 0)
            return 0;
    /* room for a NULL at the end */
    if (array_reserve(&s->items, &s->cap, s->n + 2, sizeof *s->items, 8))
        return -1;
    if (!(s->items[s->n] = strdup(str)))
        return -1;
    s->items[++s->n] = NULL;
    return 0;
}

static void strings_free(strings_t *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->items[i]);
    free(s->items);
}

static void node_free(node_t *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n_kids; i++)
        node_free(n->kids[i]);
    free(n->kids);
    free(n->whole);
    free(n);
}

static node_t *node_new(node_kind_t kind)
{
    node_t *n = calloc(1, sizeof *n);
    if (n)
        n->kind = kind;
    return n;
}

static int node_add(node_t *parent, node_t *kid)
{
    node_t **p = realloc(parent->kids, (parent->n_kids + 1) * sizeof *p);
    if (!p)
        return -1;
    parent->kids = p;
    parent->kids[parent->n_kids++] = kid;
    return 0;
}

/* ------------------------------------------------------------ words */

static fond_status_t tokens_push(query_t *q, const analyze_token_t *t)
{
    if (array_reserve(&q->tokens, &q->cap_tokens, q->n_tokens + 1,
                      sizeof *q->tokens, 8))
        return FOND_ERR_NOMEM;
    query_token_t *tok = &q->tokens[q->n_tokens];
    memset(tok, 0, sizeof *tok);
    tok->word = strdup(t->word);
    tok->stems[0] = strdup(t->stem);
    if (!tok->word || !tok->stems[0]) {
        free(tok->word);
        free(tok->stems[0]);
        return FOND_ERR_NOMEM;
    }
    tok->n_stems = 1;
    q->n_tokens++;
    return FOND_OK;
}

/* Another language's stem for a token, unless it has that stem already. */
static fond_status_t token_add_stem(query_token_t *tok, const char *stem)
{
    for (size_t i = 0; i < tok->n_stems; i++)
        if (strcmp(tok->stems[i], stem) == 0)
            return FOND_OK;
    if (tok->n_stems == TOKEN_MAX_STEMS)
        return FOND_OK;
    if (!(tok->stems[tok->n_stems] = strdup(stem)))
        return FOND_ERR_NOMEM;
    tok->n_stems++;
    return FOND_OK;
}

typedef struct {
    query_t *q;
    size_t next; /* with another language: the token to add a stem to */
    fond_status_t status;
} collect_ctx_t;

static int collect_token(void *ctx, const analyze_token_t *t)
{
    collect_ctx_t *c = ctx;
    c->status = tokens_push(c->q, t);
    return c->status != FOND_OK;
}

static int collect_stem(void *ctx, const analyze_token_t *t)
{
    collect_ctx_t *c = ctx;
    if (c->next < c->q->n_tokens)
        c->status = token_add_stem(&c->q->tokens[c->next++], t->stem);
    return c->status != FOND_OK;
}

/* Analyze s[0, len) into tokens, with every language's stems; *first and
 * *count say where they went. */
static fond_status_t tokens_analyze(query_t *q, const char *s, size_t len,
                                    size_t *first, size_t *count)
{
    const query_langs_t *langs = q->langs;
    collect_ctx_t c = {q, q->n_tokens, FOND_OK};
    *first = q->n_tokens;
    fond_status_t st = analyze_text(langs->analyzers[0], s, len,
                                    collect_token, &c);
    for (size_t k = 1; k < langs->n && st == FOND_OK && c.status == FOND_OK; k++) {
        c.next = *first;
        st = analyze_text(langs->analyzers[k], s, len, collect_stem, &c);
    }
    *count = q->n_tokens - *first;
    return st != FOND_OK ? st : c.status;
}

/* ------------------------------------------------------------ lexing */

typedef enum {
    LEX_END, LEX_WORD, LEX_PHRASE, LEX_FIELD, LEX_OPEN, LEX_CLOSE,
    LEX_AND, LEX_OR, LEX_NOT, LEX_NEAR, LEX_PLUS, LEX_MINUS
} lex_kind_t;

typedef struct {
    lex_kind_t kind;
    size_t at;           /* where it starts, for messages */
    size_t start, end;   /* the word, the phrase's or the value's text */
    int wildcard;        /* word*, or "*" alone: every passage */
    const query_field_t *field;
    unsigned window;     /* NEAR/n */
} lexeme_t;

typedef struct {
    query_t *q;
    const char *text;
    size_t len, pos;
    lexeme_t cur;
    int depth;
    char *err;
    size_t errsize;
} parser_t;

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static int is_word_end(char c) { return is_space(c) || c == '(' || c == ')' || c == '"'; }

/* The 1-based column (in characters) of byte offset `at`, for messages. */
static size_t column_of(const char *text, size_t at)
{
    size_t col = 1;
    for (size_t i = 0; i < at; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            col++;
    return col;
}

static fond_status_t parse_error(parser_t *p, size_t at, const char *what)
{
    snprintf(p->err, p->errsize, "%s at column %zu", what,
             column_of(p->text, at));
    return FOND_ERR_QUERY;
}

/* A quoted phrase from the quote at i: its text and the end. */
static fond_status_t lex_quoted(parser_t *p, size_t i, lexeme_t *l)
{
    const char *close = memchr(p->text + i + 1, '"', p->len - i - 1);
    if (!close)
        return parse_error(p, i, "unbalanced quote: this quote is never closed");
    l->start = i + 1;
    l->end = (size_t)(close - p->text);
    p->pos = l->end + 1;
    return FOND_OK;
}

static int is_word(parser_t *p, size_t start, size_t end, const char *w)
{
    return end - start == strlen(w) && memcmp(p->text + start, w, end - start) == 0;
}

/* "NEAR" or "NEAR/n". */
static int lex_near(parser_t *p, size_t start, size_t end, lexeme_t *l)
{
    if (end - start < 4 || memcmp(p->text + start, "NEAR", 4) != 0)
        return 0;
    l->window = NEAR_DEFAULT;
    if (end - start == 4)
        return 1;
    if (p->text[start + 4] != '/' || end - start == 5)
        return 0;
    unsigned n = 0;
    for (size_t i = start + 5; i < end; i++) {
        if (p->text[i] < '0' || p->text[i] > '9' || n > NEAR_MAX)
            return 0;
        n = n * 10 + (unsigned)(p->text[i] - '0');
    }
    l->window = n ? n : 1;
    return 1;
}

/* name:value, with a known name (or an error for an unknown one). */
static fond_status_t lex_field(parser_t *p, size_t i, size_t colon, lexeme_t *l)
{
    l->field = schema_field(p->text + i, colon - i);
    if (!l->field) {
        char what[160];
        snprintf(what, sizeof what, "unknown field '%.*s' (fields: title, "
                 "type, from, to, place, language, archive, fond, opis, delo, "
                 "source, date)", (int)(colon - i > 40 ? 40 : colon - i), p->text + i);
        return parse_error(p, i, what);
    }
    l->kind = LEX_FIELD;
    if (p->text[colon + 1] == '"')
        return lex_quoted(p, colon + 1, l);
    l->start = colon + 1;
    l->end = l->start;
    while (l->end < p->len && !is_word_end(p->text[l->end]))
        l->end++;
    p->pos = l->end;
    return FOND_OK;
}

static int is_ascii_letter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

static fond_status_t lex_bare(parser_t *p, size_t i, lexeme_t *l)
{
    size_t colon = i;
    while (colon < p->len && is_ascii_letter(p->text[colon]))
        colon++;
    if (colon > i && colon + 1 < p->len && p->text[colon] == ':' &&
        !is_space(p->text[colon + 1]))
        return lex_field(p, i, colon, l); /* name:value, name:"value" */
    size_t end = i;
    while (end < p->len && !is_word_end(p->text[end]))
        end++;
    p->pos = end;
    l->start = i;
    l->end = end;
    if (is_word(p, i, end, "AND"))
        l->kind = LEX_AND;
    else if (is_word(p, i, end, "OR"))
        l->kind = LEX_OR;
    else if (is_word(p, i, end, "NOT"))
        l->kind = LEX_NOT;
    else if (lex_near(p, i, end, l))
        l->kind = LEX_NEAR;
    else
        l->kind = LEX_WORD;
    l->wildcard = l->kind == LEX_WORD && p->text[end - 1] == '*';
    l->end -= (size_t)l->wildcard;
    return FOND_OK;
}

/* Read the next lexeme into p->cur. */
static fond_status_t lex_next(parser_t *p)
{
    while (p->pos < p->len && is_space(p->text[p->pos]))
        p->pos++;
    lexeme_t *l = &p->cur;
    memset(l, 0, sizeof *l);
    size_t i = l->at = p->pos;
    if (i == p->len)
        return FOND_OK; /* LEX_END */
    char c = p->text[i];
    int at_start = i == 0 || is_space(p->text[i - 1]) || p->text[i - 1] == '(';
    if (c == '(' || c == ')') {
        l->kind = c == '(' ? LEX_OPEN : LEX_CLOSE;
        p->pos = i + 1;
        return FOND_OK;
    }
    if ((c == '+' || c == '-') && at_start && i + 1 < p->len &&
        !is_space(p->text[i + 1])) {
        l->kind = c == '+' ? LEX_PLUS : LEX_MINUS;
        p->pos = i + 1;
        return FOND_OK;
    }
    if (c == '"') {
        l->kind = LEX_PHRASE;
        return lex_quoted(p, i, l);
    }
    return lex_bare(p, i, l);
}

/* ------------------------------------------------------------ dates */

static int days_in(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

static int number(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* "1921", "1921-09" or "1921-09-26" in s[0, n) into ymd (0 for absent
 * parts); 0 on success. */
static int parse_ymd(const char *s, size_t n, int ymd[3])
{
    ymd[0] = ymd[1] = ymd[2] = 0;
    if (n != 4 && n != 7 && n != 10)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return -1;
    }
    ymd[0] = number(s, 4);
    ymd[1] = n >= 7 ? number(s + 5, 2) : 0;
    ymd[2] = n == 10 ? number(s + 8, 2) : 0;
    if (ymd[0] < 1 || (n >= 7 && (ymd[1] < 1 || ymd[1] > 12)) ||
        (n == 10 && (ymd[2] < 1 || ymd[2] > days_in(ymd[0], ymd[1]))))
        return -1;
    return 0;
}

/* The first and last day a partial date stands for. */
static void first_day(int d[3])
{
    d[1] = d[1] ? d[1] : 1;
    d[2] = d[2] ? d[2] : 1;
}

static void last_day(int d[3])
{
    d[1] = d[1] ? d[1] : 12;
    d[2] = d[2] ? d[2] : days_in(d[0], d[1]);
}

static long day_number(const int d[3])
{
    return (long)d[0] * 10000 + d[1] * 100 + d[2];
}

static fond_status_t parse_date_value(parser_t *p, const lexeme_t *l, node_t *n)
{
    const char *s = p->text + l->start;
    size_t len = l->end - l->start;
    const char *dots = NULL;
    for (size_t i = 0; i + 1 < len && !dots; i++)
        if (s[i] == '.' && s[i + 1] == '.')
            dots = s + i;
    size_t a = dots ? (size_t)(dots - s) : len;
    int bad = parse_ymd(s, a, n->from) != 0 ||
              parse_ymd(dots ? dots + 2 : s, dots ? len - a - 2 : len, n->to) != 0;
    if (!bad) {
        first_day(n->from);
        last_day(n->to);
        bad = day_number(n->from) > day_number(n->to);
    }
    if (bad)
        return parse_error(p, l->at, "bad date (use date:YYYY, date:YYYY-MM, "
                           "date:YYYY-MM-DD or date:FROM..TO, FROM before TO)");
    return FOND_OK;
}

/* ------------------------------------------------------------ parsing */

static fond_status_t parse_or(parser_t *p, node_t **out);

/* On failure a parse function frees what it built: the caller gets NULL. */
static fond_status_t drop_on_error(fond_status_t st, node_t **out)
{
    if (st != FOND_OK) {
        node_free(*out);
        *out = NULL;
    }
    return st;
}

/* Filters narrow the match set and add no weight; "*" is one that keeps
 * everything. */
static int is_filter(const node_t *n)
{
    return n->kind == NODE_FIELD || n->kind == NODE_DATE || n->kind == NODE_ALL;
}

/* The bytes of n's folded words, as a whole field's value joins them. */
static size_t words_length(const query_t *q, const node_t *n)
{
    size_t len = 0;
    for (size_t k = n->first; k < n->first + n->count; k++)
        len += strlen(q->tokens[k].word);
    return len;
}

/* A bare word (or a hyphenated one: a phrase), a wildcard, a phrase or a
 * field, analyzed into tokens.  *out is NULL when it holds no word. */
static fond_status_t parse_term(parser_t *p, node_t **out)
{
    const lexeme_t l = p->cur;
    node_kind_t kind = l.kind == LEX_PHRASE ? NODE_PHRASE
                       : l.kind == LEX_FIELD ? NODE_FIELD
                       : l.wildcard ? NODE_WILDCARD : NODE_WORD;
    if (l.field && !l.field->prefix)
        kind = NODE_DATE;
    if (kind == NODE_WILDCARD && l.end == l.start)
        kind = NODE_ALL;
    node_t *n = node_new(kind);
    if (!n)
        return FOND_ERR_NOMEM;
    n->field = l.field;
    n->at = l.start;
    n->end = l.end;
    fond_status_t st = kind == NODE_DATE ? parse_date_value(p, &l, n)
        : kind == NODE_ALL ? FOND_OK
        : tokens_analyze(p->q, p->text + l.start, l.end - l.start, &n->first,
                         &n->count);
    if (st == FOND_OK && kind == NODE_WORD && n->count > 1)
        n->kind = NODE_PHRASE; /* "Turkey-South" */
    if (st == FOND_OK && kind == NODE_WILDCARD && n->count != 1)
        st = parse_error(p, l.at, "a wildcard must end a single word");
    if (st == FOND_OK && kind == NODE_FIELD && n->count == 0)
        st = parse_error(p, l.at, "a field needs a word after it "
                                  "(place:Tiflis, to:\"Yusif Kamal\")");
    if (st == FOND_OK && kind == NODE_FIELD && n->field->whole &&
        words_length(p->q, n) > FIELD_VALUE_MAX) {
        char what[64];
        snprintf(what, sizeof what, "a field's value is too long (at most "
                 "%d bytes)", FIELD_VALUE_MAX);
        st = parse_error(p, l.at, what);
    }
    if (st == FOND_OK && kind == NODE_FIELD && n->field->whole) {
        char whole[SCHEMA_TERM_MAX];
        schema_whole_value(p->text + l.start, l.end - l.start, whole, sizeof whole);
        if (!(n->whole = strdup(whole)))
            st = FOND_ERR_NOMEM;
    }
    if (st == FOND_OK)
        st = lex_next(p);
    if (st != FOND_OK || (!is_filter(n) && n->count == 0)) {
        node_free(n);
        n = NULL;
    }
    *out = n;
    return st;
}

static fond_status_t parse_primary(parser_t *p, node_t **out)
{
    *out = NULL;
    lexeme_t open = p->cur;
    if (open.kind != LEX_OPEN)
        return parse_term(p, out);
    if (++p->depth > MAX_DEPTH)
        return parse_error(p, open.at, "parentheses nested too deeply");
    fond_status_t st = lex_next(p);
    if (st == FOND_OK && p->cur.kind == LEX_CLOSE)
        st = parse_error(p, open.at, "empty parentheses");
    if (st == FOND_OK)
        st = parse_or(p, out);
    if (st == FOND_OK && p->cur.kind != LEX_CLOSE)
        st = parse_error(p, open.at, "unbalanced parenthesis: this '(' is "
                                     "never closed");
    if (st == FOND_OK)
        st = lex_next(p);
    p->depth--;
    return drop_on_error(st, out);
}

static int starts_operand(lex_kind_t k)
{
    return k == LEX_WORD || k == LEX_PHRASE || k == LEX_FIELD ||
           k == LEX_OPEN || k == LEX_PLUS || k == LEX_MINUS || k == LEX_NOT;
}

static fond_status_t expect_operand(parser_t *p, const lexeme_t *op)
{
    if (starts_operand(p->cur.kind))
        return FOND_OK;
    char what[64];
    snprintf(what, sizeof what, "'%.*s' has nothing after it",
             (int)(op->end > op->start ? op->end - op->start : 1),
             p->text + op->at);
    return parse_error(p, op->at, what);
}

/* Combine kids under a new node of `kind`; a single kid stands alone. */
static fond_status_t join(node_kind_t kind, node_t **acc, node_t *kid)
{
    if (!kid)
        return FOND_OK;
    if (!*acc) {
        *acc = kid;
        return FOND_OK;
    }
    if ((*acc)->kind != kind || (*acc)->required || (*acc)->prohibited) {
        node_t *n = node_new(kind);
        if (!n || node_add(n, *acc) != 0) {
            free(n);
            node_free(kid);
            return FOND_ERR_NOMEM;
        }
        *acc = n;
    }
    if (node_add(*acc, kid) != 0) {
        node_free(kid);
        return FOND_ERR_NOMEM;
    }
    return FOND_OK;
}

/* primary (NEAR primary)*: one NEAR node over all the operands, with the
 * widest window given. */
static int is_near_operand(const lexeme_t *l)
{
    return (l->kind == LEX_WORD && !l->wildcard) || l->kind == LEX_PHRASE;
}

static fond_status_t parse_near(parser_t *p, node_t **out)
{
    lexeme_t left = p->cur;
    fond_status_t st = parse_primary(p, out);
    node_t *near = NULL;
    while (st == FOND_OK && p->cur.kind == LEX_NEAR) {
        lexeme_t op = p->cur;
        node_t *right = NULL;
        st = lex_next(p);
        if (st == FOND_OK && (!is_near_operand(&left) || !is_near_operand(&p->cur)))
            st = parse_error(p, op.at, "NEAR goes between words or phrases");
        if (st == FOND_OK)
            st = parse_primary(p, &right);
        if (st == FOND_OK && (!right || (!near && !*out))) /* ". NEAR -" */
            st = parse_error(p, op.at, "NEAR goes between words or phrases");
        if (st == FOND_OK && !near) {
            near = node_new(NODE_NEAR);
            if (!near || (*out && node_add(near, *out) != 0))
                st = FOND_ERR_NOMEM;
            else
                *out = near;
        }
        if (st == FOND_OK && op.window > near->window)
            near->window = op.window;
        if (st == FOND_OK && right && node_add(near, right) != 0)
            st = FOND_ERR_NOMEM;
        if (st != FOND_OK)
            node_free(right);
    }
    return drop_on_error(st, out);
}

static fond_status_t parse_unary(parser_t *p, node_t **out)
{
    *out = NULL;
    lexeme_t op = p->cur;
    if (op.kind != LEX_NOT && op.kind != LEX_PLUS && op.kind != LEX_MINUS)
        return parse_near(p, out);
    if (++p->depth > MAX_DEPTH)
        return parse_error(p, op.at, "operators nested too deeply");
    fond_status_t st = lex_next(p);
    if (st == FOND_OK)
        st = expect_operand(p, &op);
    if (st == FOND_OK)
        st = parse_unary(p, out);
    if (st == FOND_OK && *out) {
        (*out)->required = op.kind == LEX_PLUS;
        (*out)->prohibited = op.kind != LEX_PLUS;
    }
    p->depth--;
    return drop_on_error(st, out);
}

static fond_status_t parse_and(parser_t *p, node_t **out)
{
    *out = NULL;
    int explicit_and = 0;
    fond_status_t st = FOND_OK;
    while (st == FOND_OK && starts_operand(p->cur.kind)) {
        node_t *kid = NULL;
        st = parse_unary(p, &kid);
        if (st == FOND_OK)
            st = join(NODE_IMPLICIT, out, kid); /* frees kid if it fails */
        if (st == FOND_OK && p->cur.kind == LEX_AND) {
            lexeme_t op = p->cur;
            explicit_and = 1;
            st = lex_next(p);
            if (st == FOND_OK)
                st = expect_operand(p, &op);
        }
    }
    if (st == FOND_OK && explicit_and && *out && (*out)->kind == NODE_IMPLICIT)
        (*out)->kind = NODE_AND;
    return drop_on_error(st, out);
}

static fond_status_t parse_or(parser_t *p, node_t **out)
{
    fond_status_t st = parse_and(p, out);
    while (st == FOND_OK && p->cur.kind == LEX_OR) {
        lexeme_t op = p->cur;
        node_t *right = NULL;
        st = lex_next(p);
        if (st == FOND_OK)
            st = expect_operand(p, &op);
        if (st == FOND_OK)
            st = parse_and(p, &right);
        if (st == FOND_OK)
            st = join(NODE_OR, out, right);
    }
    return drop_on_error(st, out);
}

static fond_status_t parse_all(parser_t *p)
{
    if (p->len > 0 && (p->cur.kind == LEX_AND || p->cur.kind == LEX_OR ||
                       p->cur.kind == LEX_NEAR))
        return parse_error(p, p->cur.at, "an operator needs something before it");
    fond_status_t st = parse_or(p, &p->q->root);
    if (st == FOND_OK && p->cur.kind == LEX_CLOSE)
        st = parse_error(p, p->cur.at, "unbalanced parenthesis: this ')' has "
                                       "no '('");
    if (st == FOND_OK && p->cur.kind != LEX_END)
        st = parse_error(p, p->cur.at, "an operator needs something before it");
    if (st == FOND_OK && !p->q->root)
        st = parse_error(p, 0, "the query has no words to search for");
    return st;
}

/* ------------------------------------------------------------ the API: parse */

fond_status_t query_parse(query_t **out, const query_langs_t *langs,
                          const char *text, char *err, size_t errsize)
{
    *out = NULL;
    size_t len = strlen(text);
    if (len > QUERY_MAX_BYTES) {
        snprintf(err, errsize, "query too long: %zu bytes (the limit is %d)",
                 len, QUERY_MAX_BYTES);
        return FOND_ERR_QUERY;
    }
    size_t valid = utf8_valid_prefix(text, len);
    if (valid < len) {
        snprintf(err, errsize, "query is not valid UTF-8 at byte %zu",
                 valid + 1);
        return FOND_ERR_QUERY;
    }
    query_t *q = calloc(1, sizeof *q);
    if (!q)
        return FOND_ERR_NOMEM;
    q->langs = langs;
    parser_t p = {q, text, len, 0, {0}, 0, err, errsize};
    fond_status_t st = lex_next(&p);
    if (st == FOND_OK)
        st = parse_all(&p);
    if (st == FOND_ERR_NOMEM)
        snprintf(err, errsize, "out of memory parsing the query");
    if (st != FOND_OK) {
        query_free(q);
        return st;
    }
    *out = q;
    return FOND_OK;
}

void query_free(query_t *q)
{
    if (!q)
        return;
    node_free(q->root);
    for (size_t i = 0; i < q->n_tokens; i++) {
        free(q->tokens[i].word);
        for (size_t k = 0; k < q->tokens[i].n_stems; k++)
            free(q->tokens[i].stems[k]);
    }
    free(q->tokens);
    strings_free(&q->variants);
    strings_free(&q->prefixes);
    free(q->hl_words);
    free(q->hl_stems);
    free(q);
}


/* A bare stopword, dropped from a conjunction that has anything else. */
static int is_stopword_node(const query_t *q, const node_t *n)
{
    if (n->kind != NODE_WORD || n->required)
        return 0;
    const char *w = q->tokens[n->first].word;
    return analyze_is_stopword(w, strlen(w));
}

/* Ranked operands of a conjunction that become optional when loose. */
static size_t optional_kids(const query_t *q, const node_t *n)
{
    size_t k = 0;
    for (size_t i = 0; i < n->n_kids; i++) {
        const node_t *c = n->kids[i];
        k += !c->required && !c->prohibited && !is_filter(c) &&
             !is_stopword_node(q, c);
    }
    return k;
}

static int node_can_loosen(const query_t *q, const node_t *n)
{
    size_t ranked = 0;
    for (size_t i = 0; i < n->n_kids; i++)
        ranked += !n->kids[i]->prohibited && !is_filter(n->kids[i]) &&
                  !is_stopword_node(q, n->kids[i]);
    if (n->kind == NODE_IMPLICIT && optional_kids(q, n) >= 1 && ranked >= 2)
        return 1;
    for (size_t i = 0; i < n->n_kids; i++)
        if (node_can_loosen(q, n->kids[i]))
            return 1;
    return 0;
}

int query_can_loosen(const query_t *q) { return node_can_loosen(q, q->root); }

const char *const *query_variants(const query_t *q)
{
    static const char *const none[] = {NULL};
    return q->variants.n ? (const char *const *)q->variants.items : none;
}

const snippet_terms_t *query_snippet_terms(const query_t *q)
{
    return &q->terms;
}

/* ------------------------------------------------------------ variants */

/* Spelling rules for names in transliteration: each pair may stand for the
 * other ("Nakhchivan" / "Naxchivan", "Ganetskiy" / "Ganetsky"); '$' ties a
 * rule to the word's end. */
static const char *const spelling_rules[][2] = {
    {"kh", "h"}, {"kh", "x"}, {"y", "i"}, {"iy$", "y$"},
    {"sh", "s"}, {"ch", "c"}, {"ts", "c"}};

typedef struct {
    query_t *q;
    store_t *s;
    int loose;
    const char *found[MAX_VARIANTS];
    size_t n_found;
    /* For words side by side (see add_proximity): which tokens need their
     * forms, and those forms, both by token. */
    char *wants_forms;
    store_query_t **forms;
    fond_status_t status;
} builder_t;

static int in_collection(builder_t *b, const char *word)
{
    size_t freq = 0;
    fond_status_t st = store_term_freq(b->s, word, &freq);
    if (st != FOND_OK)
        b->status = st;
    return st == FOND_OK && freq > 0;
}

/* Remember a variant (owned by q->variants) for this word's query. */
static void add_variant(builder_t *b, const char *word, const char *variant)
{
    if (strcmp(word, variant) == 0 || b->n_found == MAX_VARIANTS)
        return;
    for (size_t i = 0; i < b->n_found; i++)
        if (strcmp(b->found[i], variant) == 0)
            return;
    if (strings_push(&b->q->variants, variant) != 0) {
        b->status = FOND_ERR_NOMEM;
        return;
    }
    for (size_t i = 0; i < b->q->variants.n; i++)
        if (strcmp(b->q->variants.items[i], variant) == 0)
            b->found[b->n_found++] = b->q->variants.items[i];
}

typedef struct {
    builder_t *b;
    const char *word;
} synonym_ctx_t;

static int take_synonym(void *ctx, const char *synonym)
{
    synonym_ctx_t *c = ctx;
    add_variant(c->b, c->word, synonym);
    return c->b->status != FOND_OK;
}

/* Apply rule from -> to at every place it fits in word; keep the
 * spellings the collection holds. */
static void apply_rule(builder_t *b, const char *word, const char *from,
                       const char *to)
{
    size_t wl = strlen(word), fl = strlen(from), tl = strlen(to);
    int at_end = from[fl - 1] == '$';
    fl -= (size_t)at_end;
    tl -= (size_t)at_end;
    for (size_t i = 0; i + fl <= wl; i++) {
        if (memcmp(word + i, from, fl) != 0 || (at_end && i + fl != wl))
            continue;
        char cand[TERM_BYTES];
        if (wl - fl + tl + 1 > sizeof cand)
            return;
        memcpy(cand, word, i);
        memcpy(cand + i, to, tl);
        strcpy(cand + i + tl, word + i + fl);
        if (strlen(cand) >= 3 && in_collection(b, cand))
            add_variant(b, word, cand);
    }
}

/* The word's variants: its synonyms (the variants file), and spellings by
 * the rules that the collection holds. */
static void find_variants(builder_t *b, const char *word)
{
    b->n_found = 0;
    synonym_ctx_t c = {b, word};
    fond_status_t st = store_synonyms(b->s, word, take_synonym, &c);
    if (st != FOND_OK)
        b->status = st;
    size_t rules = sizeof spelling_rules / sizeof *spelling_rules;
    for (size_t r = 0; r < rules && b->status == FOND_OK; r++) {
        apply_rule(b, word, spelling_rules[r][0], spelling_rules[r][1]);
        apply_rule(b, word, spelling_rules[r][1], spelling_rules[r][0]);
    }
}

/* ------------------------------------------------------------ building */

static fond_status_t build_node(builder_t *b, const node_t *n,
                                store_query_t **out);

static fond_status_t build_term(store_t *s, const char *prefix,
                                const char *word, store_query_t **out)
{
    char term[TERM_BYTES];
    int n = snprintf(term, sizeof term, "%s%s", prefix, word);
    if (n < 0 || (size_t)n >= sizeof term)
        return FOND_ERR_ARG;
    return store_query_term(s, out, term, (size_t)n);
}

/* Up to `max` parts, combined with op and freed. */
typedef struct {
    store_query_t **items;
    size_t n, max;
} parts_t;

static fond_status_t parts_init(parts_t *p, size_t max)
{
    p->items = calloc(max ? max : 1, sizeof *p->items);
    p->n = 0;
    p->max = max;
    return p->items ? FOND_OK : FOND_ERR_NOMEM;
}

static void parts_free(parts_t *p)
{
    for (size_t i = 0; i < p->n; i++)
        store_query_free(p->items[i]);
    free(p->items);
}

static fond_status_t parts_term(parts_t *p, store_t *s, const char *prefix,
                                const char *word)
{
    if (p->n == p->max)
        return FOND_OK;
    fond_status_t st = build_term(s, prefix, word, &p->items[p->n]);
    p->n += st == FOND_OK;
    return st;
}

/* Combine the parts with op (NULL *out when there are none), then free
 * them. */
static fond_status_t parts_combine(parts_t *p, store_t *s, store_op_t op,
                                   unsigned window, store_query_t **out)
{
    *out = NULL;
    fond_status_t st = p->n ? store_query_combine(s, out, op, p->items, p->n,
                                                  window)
                            : FOND_OK;
    parts_free(p);
    return st;
}

/* Related forms: a stem one or two letters shorter that the collection
 * holds ("autonomi", from "autonomy", finds "autonom", from
 * "autonomous"), for stems long enough that this stays one word family. */
static fond_status_t add_related_stems(builder_t *b, query_token_t *t)
{
    size_t own = t->n_stems;
    for (size_t k = 0; k < own && b->status == FOND_OK; k++) {
        size_t len = strlen(t->stems[k]);
        for (size_t cut = 1; cut <= 2 && len >= 7 && len - cut >= 6; cut++) {
            char term[TERM_BYTES];
            snprintf(term, sizeof term, "Z%.*s", (int)(len - cut), t->stems[k]);
            if (in_collection(b, term) &&
                token_add_stem(t, term + 1) != FOND_OK)
                return FOND_ERR_NOMEM;
        }
    }
    return b->status;
}

/* A word's forms in the collection, as exact (positioned) terms: the word,
 * its variants, and the words under its stem's prefix that have one of its
 * stems ("autonomous" for "autonomy").  Folding can change a stem (Russian
 * "новый" is indexed as "новыи"), so this list may miss a form: it only
 * serves proximity, never matching. */
typedef struct {
    builder_t *b;
    const query_token_t *t;
    parts_t *forms;
    size_t scanned;
    int is_form;
    fond_status_t status;
} forms_ctx_t;

static int check_stem(void *ctx, const analyze_token_t *word)
{
    forms_ctx_t *c = ctx;
    for (size_t k = 0; k < c->t->n_stems && !c->is_form; k++)
        c->is_form = strcmp(c->t->stems[k], word->stem) == 0;
    return 1; /* one word is all there is */
}

static int take_form(void *ctx, const char *term)
{
    forms_ctx_t *c = ctx;
    if (++c->scanned > MAX_FORM_SCAN || c->forms->n == c->forms->max)
        return 1;
    if (strcmp(term, c->t->word) == 0)
        return 0; /* in the list already */
    const query_langs_t *langs = c->b->q->langs;
    c->is_form = 0;
    for (size_t k = 0; k < langs->n && !c->is_form; k++)
        if (analyze_text(langs->analyzers[k], term, strlen(term), check_stem,
                         c) == FOND_ERR_NOMEM) /* else: not a form */
            c->status = FOND_ERR_NOMEM;
    if (c->status == FOND_OK && c->is_form)
        c->status = parts_term(c->forms, c->b->s, "", term);
    return c->status != FOND_OK;
}

/* Where a word's forms start: its shortest stem (stems come folded, like
 * the words), less its last letter (a stem may end otherwise than its
 * words: "autonomi"), or all of it when that would leave fewer than 3
 * bytes. */
static void forms_prefix(const query_token_t *t, char *prefix, size_t size)
{
    const char *shortest = t->stems[0];
    for (size_t k = 1; k < t->n_stems; k++)
        if (strlen(t->stems[k]) < strlen(shortest))
            shortest = t->stems[k];
    int fits = snprintf(prefix, size, "%s", shortest);
    size_t n = fits >= 0 && (size_t)fits < size ? (size_t)fits : 0;
    size_t last = n; /* where the last letter starts */
    while (last > 0 && ((unsigned char)prefix[--last] & 0xC0) == 0x80)
        ;
    prefix[last >= 3 ? last : n] = '\0';
}

static fond_status_t build_forms(builder_t *b, const query_token_t *t,
                                 store_query_t **out)
{
    parts_t p;
    fond_status_t st = parts_init(&p, 1 + MAX_VARIANTS + MAX_FORMS);
    if (st == FOND_OK)
        st = parts_term(&p, b->s, "", t->word);
    for (size_t k = 0; k < b->n_found && st == FOND_OK; k++)
        st = parts_term(&p, b->s, "", b->found[k]);
    char prefix[TERM_BYTES];
    forms_prefix(t, prefix, sizeof prefix);
    forms_ctx_t c = {b, t, &p, 0, 0, FOND_OK};
    if (st == FOND_OK && strlen(prefix) >= 3)
        st = store_terms(b->s, prefix, take_form, &c);
    st = st == FOND_OK ? c.status : st;
    if (st != FOND_OK) {
        parts_free(&p);
        return st;
    }
    return parts_combine(&p, b->s, STORE_OP_OR, 0, out);
}

/* A word's family: its stems, related stems and variants, weighed as one
 * term (Xapian's OP_SYNONYM), so that a passage gets no more for holding
 * the form typed than another form; its exact form adds a little (and
 * finds it in text indexed without stems: footnotes). */
static fond_status_t build_family(builder_t *b, const query_token_t *t,
                                  store_query_t **out)
{
    parts_t p;
    store_query_t *both[2] = {NULL, NULL}, *exact = NULL;
    fond_status_t st = parts_init(&p, t->n_stems + b->n_found);
    if (st != FOND_OK)
        return st;
    for (size_t k = 0; k < t->n_stems && st == FOND_OK; k++)
        st = parts_term(&p, b->s, SCHEMA_STEM, t->stems[k]);
    for (size_t k = 0; k < b->n_found && st == FOND_OK; k++)
        st = parts_term(&p, b->s, "", b->found[k]);
    if (st == FOND_OK)
        st = parts_combine(&p, b->s, STORE_OP_SYNONYM, 0, &both[0]);
    else
        parts_free(&p);
    if (st == FOND_OK)
        st = build_term(b->s, "", t->word, &exact);
    if (st == FOND_OK)
        st = store_query_scale(b->s, &both[1], exact, EXACT_WEIGHT);
    if (st == FOND_OK)
        st = store_query_combine(b->s, out, STORE_OP_OR, both, 2, 0);
    store_query_free(both[0]);
    store_query_free(both[1]);
    store_query_free(exact);
    return st;
}

/* A bare word: its family, and its forms if proximity needs them. */
static fond_status_t build_word(builder_t *b, query_token_t *t,
                                store_query_t **out)
{
    fond_status_t st = t->n_stems ? add_related_stems(b, t) : FOND_OK;
    if (st == FOND_OK)
        find_variants(b, t->word);
    st = st == FOND_OK ? b->status : st;
    t->n_variants = b->n_found;
    size_t at = (size_t)(t - b->q->tokens);
    if (st == FOND_OK && b->wants_forms[at] && !b->forms[at])
        st = build_forms(b, t, &b->forms[at]);
    return st == FOND_OK ? build_family(b, t, out) : st;
}

/* The node's words as exact terms with a prefix, combined with op. */
static fond_status_t build_words(builder_t *b, const node_t *n,
                                 const char *prefix, store_op_t op,
                                 store_query_t **out)
{
    parts_t p;
    fond_status_t st = parts_init(&p, n->count);
    for (size_t k = 0; k < n->count && st == FOND_OK; k++)
        st = parts_term(&p, b->s, prefix, b->q->tokens[n->first + k].word);
    if (st != FOND_OK) {
        parts_free(&p);
        return st;
    }
    return parts_combine(&p, b->s, op, (unsigned)n->count, out);
}

/* A field's filter: every word of the value as prefix + word, or the
 * whole value as one term (a language by its Snowball name). */
static fond_status_t build_field_terms(builder_t *b, const node_t *n,
                                       store_query_t **out)
{
    const query_field_t *f = n->field;
    if (!f->whole && f->records_only) { /* through the source records */
        store_query_t *records = NULL;
        fond_status_t st = build_words(b, n, f->prefix, STORE_OP_AND, &records);
        if (st == FOND_OK)
            st = store_query_sources(b->s, out, records);
        store_query_free(records);
        return st;
    }
    if (!f->whole)
        return build_words(b, n, f->prefix, STORE_OP_AND, out);
    if (strcmp(f->prefix, SCHEMA_LANGUAGE) == 0)
        return build_term(b->s, f->prefix, ingest_language(n->whole, "", 0), out);
    return build_term(b->s, f->prefix, n->whole, out);
}

/* Whole years, then whole months, then days, from `from` to `to`: those
 * the collection holds, so that an open range (0001..1921) stays small. */
static fond_status_t build_date_terms(builder_t *b, const node_t *n,
                                      store_query_t **out)
{
    parts_t p;
    fond_status_t st = parts_init(&p, 400);
    int c[3] = {n->from[0], n->from[1], n->from[2]};
    long end = day_number(n->to);
    while (st == FOND_OK && day_number(c) <= end && p.n < p.max) {
        char term[16];
        int whole_year = c[1] == 1 && c[2] == 1 && (long)c[0] * 10000 + 1231 <= end;
        int whole_month = c[2] == 1 && day_number(c) + days_in(c[0], c[1]) - 1 <= end;
        if (whole_year)
            snprintf(term, sizeof term, SCHEMA_YEAR "%04d", c[0]);
        else if (whole_month)
            snprintf(term, sizeof term, SCHEMA_MONTH "%04d%02d", c[0], c[1]);
        else
            snprintf(term, sizeof term, SCHEMA_DAY "%04d%02d%02d", c[0], c[1], c[2]);
        if (in_collection(b, term))
            st = parts_term(&p, b->s, "", term);
        st = st == FOND_OK ? b->status : st;
        if (whole_year)
            c[0]++;
        else if (whole_month || ++c[2] > days_in(c[0], c[1]))
            c[2] = 1, c[1]++;
        if (c[1] > 12)
            c[1] = 1, c[0]++;
    }
    if (st == FOND_OK && p.n == 0) /* none held: a term that matches nothing */
        st = parts_term(&p, b->s, "", SCHEMA_YEAR "0000");
    if (st != FOND_OK) {
        parts_free(&p);
        return st;
    }
    return parts_combine(&p, b->s, STORE_OP_OR, 0, out);
}

/* A filter matches without weight. */
static fond_status_t build_filter(builder_t *b, const node_t *n,
                                  store_query_t **out)
{
    if (n->kind == NODE_ALL)
        return store_query_match_all(b->s, out);
    store_query_t *terms = NULL;
    fond_status_t st = n->kind == NODE_DATE ? build_date_terms(b, n, &terms)
                                            : build_field_terms(b, n, &terms);
    if (st == FOND_OK)
        st = store_query_scale(b->s, out, terms, 0.0);
    store_query_free(terms);
    return st;
}

/* NEAR over the exact words of its operands (a phrase stands for its
 * words), within the window or the number of words, if more. */
static fond_status_t build_near(builder_t *b, const node_t *n,
                                store_query_t **out)
{
    size_t words = 0;
    for (size_t i = 0; i < n->n_kids; i++)
        words += n->kids[i]->count;
    parts_t p;
    fond_status_t st = parts_init(&p, words);
    for (size_t i = 0; i < n->n_kids && st == FOND_OK; i++)
        for (size_t k = 0; k < n->kids[i]->count && st == FOND_OK; k++)
            st = parts_term(&p, b->s, "",
                            b->q->tokens[n->kids[i]->first + k].word);
    if (st != FOND_OK) {
        parts_free(&p);
        return st;
    }
    /* NEAR/n: at most n words apart, so the k words fit in n + k - 1 */
    unsigned window = n->window + (unsigned)words - 1;
    return parts_combine(&p, b->s, p.n > 1 ? STORE_OP_NEAR : STORE_OP_AND,
                         window, out);
}

/* Build the kids of n that `pick` selects, combined with op. */
static fond_status_t build_kids(builder_t *b, const node_t *n,
                                int (*pick)(const query_t *, const node_t *,
                                            const node_t *),
                                store_op_t op, store_query_t **out)
{
    parts_t p;
    fond_status_t st = parts_init(&p, n->n_kids);
    for (size_t i = 0; i < n->n_kids && st == FOND_OK; i++)
        if (pick(b->q, n, n->kids[i])) {
            st = build_node(b, n->kids[i], &p.items[p.n]);
            p.n += st == FOND_OK && p.items[p.n]; /* NULL: no words */
        }
    if (st != FOND_OK) {
        parts_free(&p);
        return st;
    }
    return parts_combine(&p, b->s, op, 0, out);
}

/* Does the conjunction n keep kid c?  Bare stopwords go unless they are
 * all it has. */
static int kept(const query_t *q, const node_t *n, const node_t *c)
{
    if (!is_stopword_node(q, c))
        return 1;
    for (size_t i = 0; i < n->n_kids; i++)
        if (!is_stopword_node(q, n->kids[i]) && !n->kids[i]->prohibited)
            return 0;
    return 1;
}

static int pick_prohibited(const query_t *q, const node_t *n, const node_t *c)
{
    return c->prohibited && kept(q, n, c);
}

static int pick_must(const query_t *q, const node_t *n, const node_t *c)
{
    return !c->prohibited && kept(q, n, c) &&
           (c->required || is_filter(c) || n->kind == NODE_AND);
}

static int pick_may(const query_t *q, const node_t *n, const node_t *c)
{
    return !c->prohibited && kept(q, n, c) && !pick_must(q, n, c);
}

static int pick_all(const query_t *q, const node_t *n, const node_t *c)
{
    return !c->prohibited && kept(q, n, c);
}

/* ------------------------------------------------------------ proximity */

/* The words side by side that proximity pairs: bare, not prohibited, not
 * stopwords (which are skipped, not a break: "treaty of kars" pairs
 * "treaty" with "kars"). */
static int is_paired_word(const query_t *q, const node_t *c)
{
    return c->kind == NODE_WORD && !c->prohibited && !is_stopword_node(q, c);
}

/* Anything else between two words (a phrase, a filter, NOT x) parts them. */
static int breaks_pairs(const node_t *c)
{
    return c->kind != NODE_WORD || c->prohibited;
}

/* Call take(b, first, second) for the first PROXIMITY_PAIRS pairs of
 * paired words next to each other in n (their token indexes); stop at the
 * first failure.  Longer queries are sentences, not keywords. */
static fond_status_t each_pair(builder_t *b, const node_t *n,
                               fond_status_t (*take)(builder_t *, size_t,
                                                     size_t, void *),
                               void *ctx)
{
    const node_t *prev = NULL;
    fond_status_t st = FOND_OK;
    size_t pairs = 0;
    for (size_t i = 0; i < n->n_kids && st == FOND_OK; i++) {
        const node_t *c = n->kids[i];
        if (breaks_pairs(c))
            prev = NULL;
        if (!is_paired_word(b->q, c))
            continue;
        if (prev && pairs++ < PROXIMITY_PAIRS)
            st = take(b, prev->first, c->first, ctx);
        prev = c;
    }
    return st;
}

static fond_status_t want_forms(builder_t *b, size_t first, size_t second,
                                void *ctx)
{
    (void)ctx;
    b->wants_forms[first] = b->wants_forms[second] = 1;
    return FOND_OK;
}

/* The two words' forms in the order typed, within the window. */
static fond_status_t take_pair(builder_t *b, size_t first, size_t second,
                               void *ctx)
{
    parts_t *pairs = ctx;
    store_query_t *two[2] = {b->forms[first], b->forms[second]};
    if (!two[0] || !two[1] || pairs->n == pairs->max)
        return FOND_OK;
    fond_status_t st = store_query_combine(b->s, &pairs->items[pairs->n],
                                           STORE_OP_PHRASE, two, 2,
                                           PROXIMITY_WINDOW);
    pairs->n += st == FOND_OK;
    return st;
}

/* Words typed side by side ("Nakhchivan autonomy") rank higher where the
 * passage has them in that order, close together ("a Nakhichevan province
 * as an autonomous region"): the ordered windows of the sequential
 * dependence model (Metzler and Croft, 2005), added to *pos. */
static fond_status_t add_proximity(builder_t *b, const node_t *n,
                                   store_query_t **pos)
{
    parts_t pairs;
    store_query_t *any = NULL, *both[2] = {*pos, NULL}, *ranked = NULL;
    fond_status_t st = parts_init(&pairs, n->n_kids);
    if (st == FOND_OK)
        st = each_pair(b, n, take_pair, &pairs);
    if (st != FOND_OK || pairs.n == 0) {
        parts_free(&pairs);
        return st;
    }
    st = parts_combine(&pairs, b->s, STORE_OP_OR, 0, &any);
    if (st == FOND_OK)
        st = store_query_scale(b->s, &both[1], any, PROXIMITY_WEIGHT);
    if (st == FOND_OK)
        st = store_query_combine(b->s, &ranked, STORE_OP_AND_MAYBE, both, 2, 0);
    if (st == FOND_OK) {
        store_query_free(*pos);
        *pos = ranked;
    }
    store_query_free(any);
    store_query_free(both[1]);
    return st;
}

/* *pos (every passage if NULL) without n's prohibited kids, into *out;
 * *pos passes to *out or stays the caller's to free. */
static fond_status_t without_prohibited(builder_t *b, const node_t *n,
                                        store_query_t **pos,
                                        store_query_t **out)
{
    store_query_t *neg = NULL;
    fond_status_t st = build_kids(b, n, pick_prohibited, STORE_OP_OR, &neg);
    if (st == FOND_OK && !*pos)
        st = store_query_match_all(b->s, pos);
    if (st == FOND_OK && neg) {
        store_query_t *both[2] = {*pos, neg};
        st = store_query_combine(b->s, out, STORE_OP_AND_NOT, both, 2, 0);
    } else if (st == FOND_OK) {
        *out = *pos;
        *pos = NULL;
    }
    store_query_free(neg);
    return st;
}

/* [must AND] ([may] AND or, loose, OR) NOT [prohibited]. */
static fond_status_t build_conjunction(builder_t *b, const node_t *n,
                                       store_query_t **out)
{
    int loose = b->loose && n->kind == NODE_IMPLICIT;
    store_query_t *must = NULL, *may = NULL, *pos = NULL;
    fond_status_t st = each_pair(b, n, want_forms, NULL);
    st = st != FOND_OK ? st : loose
        ? build_kids(b, n, pick_must, STORE_OP_AND, &must)
        : build_kids(b, n, pick_all, STORE_OP_AND, &pos);
    if (st == FOND_OK && loose)
        st = build_kids(b, n, pick_may, STORE_OP_OR, &may);
    if (st == FOND_OK && loose && must && may) {
        store_query_t *both[2] = {must, may};
        st = store_query_combine(b->s, &pos, STORE_OP_AND_MAYBE, both, 2, 0);
    } else if (st == FOND_OK && loose) {
        pos = must ? must : may;
        must = may = NULL;
    }
    if (st == FOND_OK && pos)
        st = add_proximity(b, n, &pos);
    if (st == FOND_OK)
        st = without_prohibited(b, n, &pos, out);
    store_query_free(must);
    store_query_free(may);
    store_query_free(pos);
    return st;
}

/* a OR b NOT [prohibited]: "-moscow" in an OR excludes, as in AND. */
static fond_status_t build_or(builder_t *b, const node_t *n,
                              store_query_t **out)
{
    store_query_t *pos = NULL;
    fond_status_t st = build_kids(b, n, pick_all, STORE_OP_OR, &pos);
    if (st == FOND_OK)
        st = without_prohibited(b, n, &pos, out);
    store_query_free(pos);
    return st;
}

static fond_status_t build_node(builder_t *b, const node_t *n,
                                store_query_t **out)
{
    *out = NULL;
    switch (n->kind) {
    case NODE_WORD: return build_word(b, &b->q->tokens[n->first], out);
    case NODE_PHRASE: return build_words(b, n, "", STORE_OP_PHRASE, out);
    case NODE_WILDCARD:
        if (strings_push(&b->q->prefixes, b->q->tokens[n->first].word) != 0)
            return FOND_ERR_NOMEM;
        return store_query_wildcard(b->s, out, b->q->tokens[n->first].word);
    case NODE_FIELD:
    case NODE_DATE:
    case NODE_ALL: return build_filter(b, n, out);
    case NODE_NEAR: return build_near(b, n, out);
    case NODE_OR: return build_or(b, n, out);
    case NODE_AND:
    case NODE_IMPLICIT: return build_conjunction(b, n, out);
    }
    return FOND_ERR_INTERNAL;
}

/* ------------------------------------------------------------ the API: build */

/* The words to highlight: of words, phrases and NEAR operands not
 * prohibited (stems only of bare words), and the variants found. */
static void gather_highlights(query_t *q, const node_t *n, size_t *nw,
                              size_t *ns)
{
    if (n->prohibited || is_filter(n))
        return;
    for (size_t i = 0; i < n->n_kids; i++)
        gather_highlights(q, n->kids[i], nw, ns);
    if (n->kind == NODE_WILDCARD || n->n_kids)
        return;
    for (size_t k = n->first; k < n->first + n->count; k++) {
        const query_token_t *t = &q->tokens[k];
        if (n->kind == NODE_WORD && is_stopword_node(q, n) && n->count == 1)
            continue;
        q->hl_words[(*nw)++] = t->word;
        for (size_t l = 0; n->kind == NODE_WORD && l < t->n_stems; l++)
            q->hl_stems[(*ns)++] = t->stems[l];
    }
}

static fond_status_t collect_snippet_terms(query_t *q)
{
    free(q->hl_words);
    free(q->hl_stems);
    q->hl_words = malloc((q->n_tokens + q->variants.n + 1) * sizeof *q->hl_words);
    q->hl_stems = malloc((q->n_tokens * TOKEN_MAX_STEMS + 1) *
                         sizeof *q->hl_stems);
    if (!q->hl_words || !q->hl_stems)
        return FOND_ERR_NOMEM;
    size_t nw = 0, ns = 0;
    gather_highlights(q, q->root, &nw, &ns);
    for (size_t i = 0; i < q->variants.n; i++)
        q->hl_words[nw++] = q->variants.items[i];
    q->terms = (snippet_terms_t){q->hl_words, nw, q->hl_stems, ns,
                                 (const char *const *)q->prefixes.items,
                                 q->prefixes.n};
    return FOND_OK;
}

fond_status_t query_build(query_t *q, store_t *s, int loose,
                          store_query_t **out)
{
    *out = NULL;
    builder_t b = {.q = q, .s = s, .loose = loose, .status = FOND_OK};
    b.wants_forms = calloc(q->n_tokens + 1, 1);
    b.forms = calloc(q->n_tokens + 1, sizeof *b.forms);
    store_query_t *root = NULL, *all = NULL;
    fond_status_t st = b.wants_forms && b.forms ? build_node(&b, q->root, &root)
                                                : FOND_ERR_NOMEM;
    for (size_t i = 0; b.forms && i < q->n_tokens; i++)
        store_query_free(b.forms[i]);
    free(b.forms);
    free(b.wants_forms);
    if (st == FOND_OK && q->root->prohibited) { /* "-kars" alone */
        st = store_query_match_all(s, &all);
        store_query_t *both[2] = {all, root};
        if (st == FOND_OK)
            st = store_query_combine(s, out, STORE_OP_AND_NOT, both, 2, 0);
    } else if (st == FOND_OK) {
        *out = root;
        root = NULL;
    }
    store_query_free(root);
    store_query_free(all);
    if (st == FOND_OK)
        st = collect_snippet_terms(q);
    return st;
}

/* ------------------------------------------------------------ suggestions */

typedef struct {
    char *text;
    size_t len, cap;
} text_t;

static int text_put(text_t *t, const char *s, size_t n)
{
    if (array_reserve(&t->text, &t->cap, t->len + n + 1, 1, 64))
        return -1;
    memcpy(t->text + t->len, s, n);
    t->len += n;
    t->text[t->len] = '\0';
    return 0;
}

/* The bare words of the tree, in order of the query text. */
static void list_words(const node_t *n, const node_t **out, size_t *k,
                       size_t max)
{
    if (n->kind == NODE_WORD && *k < max)
        out[(*k)++] = n;
    for (size_t i = 0; i < n->n_kids; i++)
        list_words(n->kids[i], out, k, max);
}

static int compare_at(const void *a, const void *b)
{
    const node_t *x = *(const node_t *const *)a, *y = *(const node_t *const *)b;
    return (x->at > y->at) - (x->at < y->at);
}

/* Does the collection hold the word, or a word of its stem? */
static int is_known_word(store_t *s, const query_token_t *t)
{
    size_t freq = 0;
    char term[TERM_BYTES];
    if (store_term_freq(s, t->word, &freq) != FOND_OK || freq > 0)
        return 1;
    for (size_t k = 0; k < t->n_stems; k++) {
        snprintf(term, sizeof term, "Z%s", t->stems[k]);
        if (store_term_freq(s, term, &freq) != FOND_OK || freq > 0)
            return 1;
    }
    return 0;
}

char *query_suggest(const query_t *q, store_t *s, const char *text)
{
    const node_t *words[64];
    size_t n = 0, from = 0;
    list_words(q->root, words, &n, 64);
    qsort(words, n, sizeof *words, compare_at);
    text_t out = {NULL, 0, 0};
    int changed = 0, failed = 0;
    for (size_t i = 0; i < n && !failed; i++) {
        const query_token_t *t = &q->tokens[words[i]->first];
        char better[TERM_BYTES] = "";
        if (t->n_variants || is_stopword_node(q, words[i]) ||
            is_known_word(s, t) ||
            store_spelling(s, t->word, better, sizeof better) != FOND_OK ||
            !*better)
            continue;
        failed = text_put(&out, text + from, words[i]->at - from) != 0 ||
                 text_put(&out, better, strlen(better)) != 0;
        from = words[i]->end;
        changed = 1;
    }
    if (!failed && changed)
        failed = text_put(&out, text + from, strlen(text + from)) != 0;
    if (failed || !changed) {
        free(out.text);
        return NULL;
    }
    return out.text;
}
