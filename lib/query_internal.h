/*
 * query_internal.h -- what the three stages of a query share: the tree that
 * query.c parses, query_expand.c fills with what the collection holds (every
 * lookup, once), and query_build.c turns into a Xapian query without
 * looking anything up.  Not part of the public API.
 */
#ifndef FOND_QUERY_INTERNAL_H
#define FOND_QUERY_INTERNAL_H

#include <stdint.h>

#include "query.h"
#include "schema.h"

#define MAX_VARIANTS 16   /* variants looked up for one word */
#define MAX_FORMS 256     /* a word's forms: its family's words (Turkish and
                             Russian words have scores of forms) */
#define MAX_NEAR_FORMS 16 /* of them, in the proximity of two words */
#define MAX_FUZZY 8       /* OCR-tolerant forms of one word */
#define TERM_BYTES (ANALYZE_MAX_WORD * 4 + 16)
#define TOKEN_MAX_STEMS (3 * QUERY_MAX_LANGUAGES)

/* A field of the query language: its name, its terms' prefix, whether its
 * value is one term (schema.h). */
typedef schema_field_t query_field_t;

/* A growable, NULL-terminated array of distinct strings the query owns. */
typedef struct {
    char **items;
    size_t n, cap;
} strings_t;

int strings_push(strings_t *s, const char *str); /* 0, or -1: no memory */
/* The same, for a string known not to be there yet (no search). */
int strings_add(strings_t *s, const char *str);
int strings_has(const strings_t *s, const char *str);
void strings_free(strings_t *s);

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
    char *whole;               /* a whole field's value, as schema.h makes it;
                                  source:'s value when it is an absolute
                                  path, as typed; of ref:, a phrase or
                                  words with a digit, the reference's key
                                  (citation_ref_key) */
    char *whole_typed;         /* and the whole value typed, if it differs
                                  (the key read the words otherwise than
                                  their note: "vol. 5, f. 12") */
    strings_t terms;           /* from expand: a filter's terms (the date
                                  terms the collection holds, a whole
                                  field's value as one term); a wildcard's
                                  words */
    struct node **kids;
    size_t n_kids;
} node_t;

/* One word of the query.  The parser sets word, stems, n_own_stems and
 * fuzzy_edits; query_expand() the rest. */
typedef struct {
    char *word;                    /* folded form */
    char *stems[TOKEN_MAX_STEMS];  /* its stems, one a language, distinct;
                                      then (expand) related stems the
                                      collection holds, shorter or longer */
    uint32_t stem_langs[TOKEN_MAX_STEMS]; /* whose stem each is: bit k
                                      for q->langs->analyzers[k] */
    size_t n_stems, n_own_stems;
    int fuzzy_asked;               /* word~ or word~N */
    unsigned fuzzy_edits;          /* N of word~N; 0: by the word's length */
    /* from query_expand() */
    strings_t variants;            /* name variants the collection holds */
    strings_t forms;               /* its family's words the collection
                                      holds, the most frequent first */
    strings_t stem_terms;          /* its stems' Z terms the collection
                                      holds (those of irregular words) */
    strings_t fuzzy;               /* OCR-tolerant forms: near spellings */
    strings_t fuzzy_forms;         /* their families' words and Z terms */
    strings_t fuzzy_stems;         /* their stems held (highlights) */
    strings_t misread;             /* its misreadings the indexer linked to
                                      it or to its most frequent forms
                                      (misread.c) */
    strings_t cites;               /* archival field terms it stands for,
                                      typed as words ("fond 28": XFOND28) */
    double exact_weight;           /* of the exact form beside its family */
    double fuzzy_weight;           /* of the near spellings */
    int known;                     /* the collection holds it, in a form */
    char *suggestion;              /* "did you mean", or NULL */
} query_token_t;

struct query {
    const query_langs_t *langs;
    node_t *root;
    query_token_t *tokens;
    size_t n_tokens, cap_tokens;
    int expanded;
    strings_t variants;   /* every token's variants and near spellings */
    strings_t prefixes;   /* of wildcards */
    strings_t truncated;  /* wildcards cut at FOND_WILDCARD_MAX, as typed */
    fond_addresses_t addresses; /* what from: and to: search of an address */
    const char **hl_words, **hl_stems;
    snippet_terms_t terms;
};

/* Another stem for a token, unless it has it (or as many as it holds). */
fond_status_t query_token_add_stem(query_token_t *tok, const char *stem,
                                   uint32_t langs);

/* Tree questions both expand and build ask. */
int query_is_filter(const node_t *n);
int query_is_stopword_node(const query_t *q, const node_t *n);
/* Does the conjunction n keep kid c?  Bare stopwords go unless they are
 * all it has. */
int query_kept(const query_t *q, const node_t *n, const node_t *c);

/* Proximity pairs: call take(ctx, first, second) for the first
 * QUERY_PROXIMITY_PAIRS pairs of words side by side in the conjunction n
 * (their token indexes), stopping at the first non-zero return. */
#define QUERY_PROXIMITY_PAIRS 8
int query_each_pair(const query_t *q, const node_t *n,
                    int (*take)(void *ctx, size_t first, size_t second),
                    void *ctx);

/* A comparable number of a year, month, day. */
long query_day_number(const int d[3]);

#endif
