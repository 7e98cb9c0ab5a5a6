/*
 * query.c -- the query language (see query.h), its first stage: a lexer and
 * a recursive-descent parser into a small tree (query_internal.h), each
 * word analyzed as the indexer analyzed it.  query_expand.c then looks up
 * what the collection holds, and query_build.c builds the Xapian query.
 *
 * Grammar, loosest binding first:
 *   or      := and ("OR" and)*
 *   and     := unary (["AND"] unary)*       side by side: implicit AND
 *   unary   := ("NOT" | "+" | "-") unary | near
 *   near    := primary ("NEAR" ["/" n] primary)*
 *   primary := "(" or ")" | "phrase" | field:value | word[*] | word~[n]
 */
#include "array.h"
#include "query_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "citation.h"
#include "dates.h"
#include "schema.h"
#include "text.h"

#define MAX_DEPTH 32      /* nested parentheses and operators */
#define FIELD_VALUE_MAX 200 /* bytes of a whole value ("SA AR"), folded:
                              longer than any the index keeps (240) */
#define NEAR_DEFAULT 10
#define NEAR_MAX 1000
#define FUZZY_MAX_EDITS 2 /* word~N: N at most this */

/* ------------------------------------------------------------ fields */

/* The fields and their prefixes are the schema's (schema.h). */

int strings_has(const strings_t *s, const char *str)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->items[i], str) == 0)
            return 1;
    return 0;
}

int strings_push(strings_t *s, const char *str)
{
    return strings_has(s, str) ? 0 : strings_add(s, str);
}

int strings_add(strings_t *s, const char *str)
{
    /* room for a NULL at the end */
    if (array_reserve(&s->items, &s->cap, s->n + 2, sizeof *s->items, 8))
        return -1;
    if (!(s->items[s->n] = strdup(str)))
        return -1;
    s->items[++s->n] = NULL;
    return 0;
}

void strings_free(strings_t *s)
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
    strings_free(&n->terms);
    free(n->whole);
    free(n->whole_typed);
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
    tok->stem_langs[0] = 1; /* the first language's */
    tok->n_stems = 1;
    q->n_tokens++;
    return FOND_OK;
}

/* Another stem for a token in the languages of langs (a mask), unless it
 * has that stem already (then it is theirs too), or has as many as it can
 * hold. */
fond_status_t query_token_add_stem(query_token_t *tok, const char *stem,
                                   uint32_t langs)
{
    for (size_t i = 0; i < tok->n_stems; i++)
        if (strcmp(tok->stems[i], stem) == 0) {
            tok->stem_langs[i] |= langs;
            return FOND_OK;
        }
    if (tok->n_stems == TOKEN_MAX_STEMS)
        return FOND_OK;
    if (!(tok->stems[tok->n_stems] = strdup(stem)))
        return FOND_ERR_NOMEM;
    tok->stem_langs[tok->n_stems++] = langs;
    return FOND_OK;
}

typedef struct {
    query_t *q;
    size_t next; /* with another language: the token to add a stem to */
    unsigned lang; /* and that language's index in q->langs */
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
        c->status = query_token_add_stem(&c->q->tokens[c->next++], t->stem,
                                         (uint32_t)1 << c->lang);
    return c->status != FOND_OK;
}

/* Analyze s[0, len) into tokens, with every language's stems; *first and
 * *count say where they went. */
static fond_status_t tokens_analyze(query_t *q, const char *s, size_t len,
                                    size_t *first, size_t *count)
{
    const query_langs_t *langs = q->langs;
    collect_ctx_t c = {q, q->n_tokens, 0, FOND_OK};
    *first = q->n_tokens;
    fond_status_t st = analyze_text(langs->analyzers[0], s, len,
                                    collect_token, &c);
    for (size_t k = 1; k < langs->n && st == FOND_OK && c.status == FOND_OK; k++) {
        c.next = *first;
        c.lang = (unsigned)k;
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
    int fuzzy;           /* word~ or word~N: near spellings too */
    unsigned edits;      /* the N of word~N, else 0 */
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

static int is_word_end(char c) { return text_is_space(c) || c == '(' || c == ')' || c == '"'; }

/* The 1-based column (in characters) of byte offset `at`, for messages. */
static size_t column_of(const char *text, size_t at)
{
    size_t col = 1;
    for (size_t i = 0; i < at; i++)
        if (!text_is_continuation(text[i]))
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
        char what[256];
        snprintf(what, sizeof what, "unknown field '%.*s' (fields: title, "
                 "type, from, to, place, creator, language, archive, fond, opis, delo, "
                 "box, folder, reel, ref, source, within, person, org, date)", (int)(colon - i > 40 ? 40 : colon - i), p->text + i);
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

/* word~ or word~N at the end of the word: take it off, note it. */
static fond_status_t lex_fuzzy(parser_t *p, lexeme_t *l)
{
    const char *w = p->text + l->start;
    size_t n = l->end - l->start;
    if (n >= 2 && w[n - 1] == '~') {
        l->fuzzy = 1;
        l->end--;
    } else if (n >= 3 && w[n - 2] == '~' && w[n - 1] >= '0' && w[n - 1] <= '9') {
        l->fuzzy = 1;
        l->edits = (unsigned)(w[n - 1] - '0');
        l->end -= 2;
        if (l->edits < 1 || l->edits > FUZZY_MAX_EDITS)
            return parse_error(p, l->end, "word~N takes N of 1 or 2 (the "
                               "letters that may differ)");
    }
    return FOND_OK;
}

static fond_status_t lex_bare(parser_t *p, size_t i, lexeme_t *l)
{
    size_t colon = i;
    while (colon < p->len && is_ascii_letter(p->text[colon]))
        colon++;
    if (colon > i && colon + 1 < p->len && p->text[colon] == ':' &&
        !text_is_space(p->text[colon + 1]))
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
    fond_status_t st = l->kind == LEX_WORD ? lex_fuzzy(p, l) : FOND_OK;
    l->wildcard = l->kind == LEX_WORD && p->text[l->end - 1] == '*';
    l->end -= (size_t)l->wildcard;
    if (st == FOND_OK && l->wildcard && l->fuzzy)
        st = parse_error(p, i, "a word takes * or ~, not both");
    return st;
}

/* Read the next lexeme into p->cur. */
static fond_status_t lex_next(parser_t *p)
{
    while (p->pos < p->len && text_is_space(p->text[p->pos]))
        p->pos++;
    lexeme_t *l = &p->cur;
    memset(l, 0, sizeof *l);
    size_t i = l->at = p->pos;
    if (i == p->len)
        return FOND_OK; /* LEX_END */
    char c = p->text[i];
    int at_start = i == 0 || text_is_space(p->text[i - 1]) || p->text[i - 1] == '(';
    if (c == '(' || c == ')') {
        l->kind = c == '(' ? LEX_OPEN : LEX_CLOSE;
        p->pos = i + 1;
        return FOND_OK;
    }
    if ((c == '+' || c == '-') && at_start && i + 1 < p->len &&
        !text_is_space(p->text[i + 1])) {
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

long query_day_number(const int d[3])
{
    return (long)d[0] * 10000 + d[1] * 100 + d[2];
}

/* date:YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO, as a header's Date is read
 * (dates_parse_value: one rule for both), into the first and last day it
 * stands for. */
static fond_status_t parse_date_value(parser_t *p, const lexeme_t *l, node_t *n)
{
    char date[9], date_end[9];
    if (!dates_parse_value(p->text + l->start, l->end - l->start, date, date_end))
        return parse_error(p, l->at, "bad date (use date:YYYY, date:YYYY-MM, "
                           "date:YYYY-MM-DD or date:FROM..TO, FROM before TO)");
    dates_first_day(date, n->from);
    dates_last_day(date_end[0] ? date_end : date, n->to);
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
int query_is_filter(const node_t *n)
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

/* source:/an/absolute/path: a file named by its path, as fond-search shows
 * it (the source's words are those of its name, under the folder indexed). */
static int is_source_path(const query_field_t *f, const parser_t *p,
                          const lexeme_t *l)
{
    return strcmp(f->prefix, SCHEMA_PATH_WORD) == 0 && l->end > l->start &&
           p->text[l->start] == '/';
}

static int has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return 1;
    return 0;
}

/* A phrase with a digit may be an archival reference as typed
 * ("861.51/131", "FO 371/6262"): its whole value (schema_whole_value),
 * which expand looks up among the references (ref:, schema.h). */
static fond_status_t reference_value(const char *s, size_t n, node_t *node)
{
    char key[SCHEMA_TERM_MAX], whole[SCHEMA_TERM_MAX];
    size_t start, end;
    citation_ref_key(s, n, &start, &end); /* as index.c keys it */
    if (!schema_whole_value(s, n, whole, sizeof whole))
        return FOND_OK;
    if (!schema_whole_value(s + start, end - start, key, sizeof key))
        strcpy(key, whole);
    free(node->whole); /* "(a b) c" reads (a b) twice */
    free(node->whole_typed);
    node->whole_typed = NULL;
    node->whole = strdup(key);
    if (node->whole && strcmp(key, whole) != 0 &&
        !(node->whole_typed = strdup(whole)))
        return FOND_ERR_NOMEM;
    return node->whole ? FOND_OK : FOND_ERR_NOMEM;
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
    if (st == FOND_OK && l.fuzzy && n->count > 1)
        st = parse_error(p, l.at, "~ must end a single word");
    if (st == FOND_OK && l.fuzzy && n->count == 1) {
        p->q->tokens[n->first].fuzzy_asked = 1;
        p->q->tokens[n->first].fuzzy_edits = l.edits;
    }
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
    if (st == FOND_OK && kind == NODE_FIELD && is_source_path(n->field, p, &l) &&
        !(n->whole = strndup(p->text + l.start, l.end - l.start)))
        st = FOND_ERR_NOMEM;
    if (st == FOND_OK && n->kind == NODE_PHRASE &&
        has_digit(p->text + l.start, l.end - l.start))
        st = reference_value(p->text + l.start, l.end - l.start, n);
    if (st == FOND_OK && kind == NODE_FIELD && n->field->whole) {
        char whole[SCHEMA_TERM_MAX];
        schema_whole_value(p->text + l.start, l.end - l.start, whole, sizeof whole);
        if (!(n->whole = strdup(whole)))
            st = FOND_ERR_NOMEM;
    }
    if (st == FOND_OK && kind == NODE_FIELD && strcmp(n->field->prefix, SCHEMA_REF) == 0)
        st = reference_value(p->text + l.start, l.end - l.start, n);
    if (st == FOND_OK)
        st = lex_next(p);
    if (st != FOND_OK || (!query_is_filter(n) && n->count == 0)) {
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
            if (!near || (*out && node_add(near, *out) != 0)) {
                node_free(near); /* no kid: *out is still the left operand */
                near = NULL;
                st = FOND_ERR_NOMEM;
            } else {
                *out = near;
            }
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

/* Words side by side, plain words and phrases only, with a digit among
 * them, may be a reference typed unquoted ("AVP RF, f. 04, op. 32, d.
 * 52881"): its whole value, as a phrase's (reference_value). */
static fond_status_t implicit_reference(parser_t *p, node_t *n)
{
    for (size_t i = 0; i < n->n_kids; i++) {
        const node_t *k = n->kids[i];
        if ((k->kind != NODE_WORD && k->kind != NODE_PHRASE) || k->prohibited ||
            k->required)
            return FOND_OK;
    }
    size_t from = n->kids[0]->at, to = n->kids[n->n_kids - 1]->end;
    if (n->n_kids < 2 || to <= from || !has_digit(p->text + from, to - from))
        return FOND_OK;
    return reference_value(p->text + from, to - from, n);
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
    if (st == FOND_OK && *out && (*out)->kind == NODE_IMPLICIT)
        st = implicit_reference(p, *out);
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
    if (!q) {
        snprintf(err, errsize, "out of memory parsing the query");
        return FOND_ERR_NOMEM;
    }
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
        query_token_t *t = &q->tokens[i];
        free(t->word);
        for (size_t k = 0; k < t->n_stems; k++)
            free(t->stems[k]);
        strings_free(&t->variants);
        strings_free(&t->forms);
        strings_free(&t->stem_terms);
        strings_free(&t->fuzzy);
        strings_free(&t->fuzzy_forms);
        strings_free(&t->fuzzy_stems);
        strings_free(&t->misread);
        strings_free(&t->cites);
        free(t->suggestion);
    }
    free(q->tokens);
    strings_free(&q->variants);
    strings_free(&q->prefixes);
    strings_free(&q->truncated);
    free(q->hl_words);
    free(q->hl_stems);
    free(q);
}

/* A bare stopword, dropped from a conjunction that has anything else. */
int query_is_stopword_node(const query_t *q, const node_t *n)
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
        k += !c->required && !c->prohibited && !query_is_filter(c) &&
             !query_is_stopword_node(q, c);
    }
    return k;
}

static int node_can_loosen(const query_t *q, const node_t *n)
{
    size_t ranked = 0;
    for (size_t i = 0; i < n->n_kids; i++)
        ranked += !n->kids[i]->prohibited && !query_is_filter(n->kids[i]) &&
                  !query_is_stopword_node(q, n->kids[i]);
    if (n->kind == NODE_IMPLICIT && optional_kids(q, n) >= 1 && ranked >= 2)
        return 1;
    for (size_t i = 0; i < n->n_kids; i++)
        if (node_can_loosen(q, n->kids[i]))
            return 1;
    return 0;
}

int query_can_loosen(const query_t *q) { return node_can_loosen(q, q->root); }

/* The first source: field under n that names a file by its path (the
 * parser keeps that path as the node's whole value), or NULL. */
static const node_t *path_field(const node_t *n)
{
    if (n->kind == NODE_FIELD && n->whole && !n->field->whole &&
        strcmp(n->field->prefix, SCHEMA_PATH_WORD) == 0)
        return n;
    for (size_t i = 0; i < n->n_kids; i++) {
        const node_t *found = path_field(n->kids[i]);
        if (found)
            return found;
    }
    return NULL;
}

void query_limit_addresses(query_t *q, fond_addresses_t shown)
{
    q->addresses = shown;
}

fond_status_t query_refuse_paths(const query_t *q, const char *text, char *err,
                                 size_t errsize)
{
    const node_t *n = q->root ? path_field(q->root) : NULL;
    if (!n)
        return FOND_OK;
    snprintf(err, errsize, "source: takes a source's name as the results show "
             "it, not a path, at column %zu", column_of(text, n->at));
    return FOND_ERR_QUERY;
}

const char *const *query_variants(const query_t *q)
{
    static const char *const none[] = {NULL};
    return q->variants.n ? (const char *const *)q->variants.items : none;
}

const char *const *query_truncated(const query_t *q, size_t *n)
{
    *n = q->truncated.n;
    return (const char *const *)q->truncated.items;
}

const snippet_terms_t *query_snippet_terms(const query_t *q)
{
    return &q->terms;
}

int query_kept(const query_t *q, const node_t *n, const node_t *c)
{
    if (!query_is_stopword_node(q, c))
        return 1;
    for (size_t i = 0; i < n->n_kids; i++)
        if (!query_is_stopword_node(q, n->kids[i]) && !n->kids[i]->prohibited)
            return 0;
    return 1;
}

/* ------------------------------------------------------------ proximity */

/* The words side by side that proximity pairs: bare, not prohibited, not
 * stopwords (which are skipped, not a break: "treaty of kars" pairs
 * "treaty" with "kars"). */
static int is_paired_word(const query_t *q, const node_t *c)
{
    return c->kind == NODE_WORD && !c->prohibited &&
           !query_is_stopword_node(q, c);
}

/* Anything else between two words (a phrase, a filter, NOT x) parts them. */
static int breaks_pairs(const node_t *c)
{
    return c->kind != NODE_WORD || c->prohibited;
}

/* Longer queries are sentences, not keywords: only the first pairs. */
int query_each_pair(const query_t *q, const node_t *n,
                    int (*take)(void *ctx, size_t first, size_t second),
                    void *ctx)
{
    const node_t *prev = NULL;
    size_t pairs = 0;
    for (size_t i = 0; i < n->n_kids; i++) {
        const node_t *c = n->kids[i];
        if (breaks_pairs(c))
            prev = NULL;
        if (!is_paired_word(q, c))
            continue;
        if (prev && pairs++ < QUERY_PROXIMITY_PAIRS && take(ctx, prev->first,
                                                             c->first))
            return 1;
        prev = c;
    }
    return 0;
}
