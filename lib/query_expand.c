/*
 * query_expand.c -- the second stage of a query (see query.h): every lookup
 * in the collection, done once, after parsing and before building.  For
 * each bare word: its name variants, its family (the words of its stems
 * and of related stems, one or two letters shorter or longer, that the
 * collection holds), how much rarer its exact form is than its family, its
 * near spellings (OCR-tolerant matching) and a "did you mean"; for each
 * filter, the terms it stands for.  What is found is written into the tree,
 * which query_build.c then only reads.
 */
#include "array.h"
#include "query_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "dates.h"
#include "language.h"
#include "misread.h"
#include "schema.h"

#define MAX_FUZZY_SCAN 50000 /* words of a first letter looked at for the
                               near spellings of one word */
/* "Did you mean" and the near spelling of a rare word: the nearest word
 * within this many edits (Xapian's spelling suggestions went as far). */
#define NEAREST_EDITS 2
#define DATE_TERMS_MAX 400

/* Ranking (docs/query-language.md, "Ranking"; chosen on tests/relevance and the generated
 * tuning sets).  A word's exact form weighs EXACT_WEIGHT of its family's
 * weight where it is as common as its family, and more in proportion to
 * how much rarer it is ("emigres" among "emigrants", "emigration"), up to
 * EXACT_WEIGHT_MAX. */
#define EXACT_WEIGHT 0.1
#define EXACT_WEIGHT_MAX 2.0
/* Near spellings weigh this much of the word's own weight: below the word
 * where the collection holds it; nearly as much where it does not (they
 * are then all the word can mean). */
#define FUZZY_WEIGHT 0.5
#define FUZZY_WEIGHT_UNKNOWN 0.9
/* A word in at most RARE_FREQ passages is rare: near spellings held at
 * least FUZZY_EVIDENCE times as often stand for it too (an OCR misreading
 * of a common word); a word the collection does not hold takes any. */
#define RARE_FREQ 3
#define FUZZY_EVIDENCE 5

typedef struct {
    query_t *q;
    store_t *s;
    fond_status_t status; /* sticky: once set, lookups do nothing */
    size_t scan_left;     /* words the families may still look at */
    double docs;          /* passages in the collection */
    char *err;            /* the first failure's message */
    size_t errsize;
} expander_t;

/* The first failure, and its message where it happens: a lookup's is the
 * store's (it says why), an allocation's of the expander's own is "out of
 * memory".  Later ones are consequences and keep neither. */
static void expand_store(expander_t *e, fond_status_t st)
{
    if (e->status != FOND_OK || st == FOND_OK)
        return;
    e->status = st;
    snprintf(e->err, e->errsize, "%s", store_error(e->s));
}

static void expand_nomem(expander_t *e)
{
    if (e->status != FOND_OK)
        return;
    e->status = FOND_ERR_NOMEM;
    snprintf(e->err, e->errsize, "out of memory");
}

static size_t freq_of(expander_t *e, const char *term)
{
    size_t freq = 0;
    if (e->status != FOND_OK)
        return 0;
    fond_status_t st = store_term_freq(e->s, term, &freq);
    if (st != FOND_OK)
        expand_store(e, st);
    return st == FOND_OK ? freq : 0;
}

static void push(expander_t *e, strings_t *list, const char *str)
{
    if (e->status == FOND_OK && strings_push(list, str) != 0)
        expand_nomem(e);
}

/* The number of characters of a UTF-8 string. */
static size_t letters(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* ------------------------------------------------------------ variants */

/* Spelling rules for names in transliteration: each pair may stand for the
 * other ("Nakhchivan" / "Naxchivan", "Ganetskiy" / "Ganetsky"); '$' ties a
 * rule to the word's end. */
static const char *const spelling_rules[][2] = {
    {"kh", "h"}, {"kh", "x"}, {"y", "i"}, {"iy$", "y$"},
    {"sh", "s"}, {"ch", "c"}, {"ts", "c"}};

static void add_variant(expander_t *e, query_token_t *t, const char *variant)
{
    if (strcmp(t->word, variant) == 0 || t->variants.n == MAX_VARIANTS)
        return;
    push(e, &t->variants, variant);
    push(e, &e->q->variants, variant);
}

typedef struct {
    expander_t *e;
    query_token_t *t;
} token_ctx_t;

static int take_synonym(void *ctx, const char *synonym)
{
    token_ctx_t *c = ctx;
    add_variant(c->e, c->t, synonym);
    return c->e->status != FOND_OK;
}

/* Call take(ctx, candidate) for word with `from` replaced by `to` at each
 * place it fits ('$' at the end of both: only at the word's end), while
 * e has no error. */
static void each_replacement(expander_t *e, const char *word, const char *from,
                             const char *to,
                             void (*take)(void *ctx, const char *cand),
                             void *ctx)
{
    size_t wl = strlen(word), fl = strlen(from), tl = strlen(to);
    int at_end = from[fl - 1] == '$';
    fl -= (size_t)at_end;
    tl -= (size_t)at_end;
    for (size_t i = 0; i + fl <= wl && e->status == FOND_OK; i++) {
        if (memcmp(word + i, from, fl) != 0 || (at_end && i + fl != wl))
            continue;
        char cand[TERM_BYTES];
        if (wl - fl + tl + 1 > sizeof cand)
            return;
        memcpy(cand, word, i);
        memcpy(cand + i, to, tl);
        strcpy(cand + i + tl, word + i + fl);
        take(ctx, cand);
    }
}

static void take_spelling(void *ctx, const char *cand)
{
    token_ctx_t *c = ctx;
    if (strlen(cand) >= 3 && freq_of(c->e, cand) > 0)
        add_variant(c->e, c->t, cand);
}

/* The word's variants: its synonyms (the variants file), and spellings by
 * the rules that the collection holds. */
static void find_variants(expander_t *e, query_token_t *t)
{
    token_ctx_t c = {e, t};
    fond_status_t st = store_synonyms(e->s, t->word, take_synonym, &c);
    if (st != FOND_OK && e->status == FOND_OK)
        expand_store(e, st);
    size_t rules = sizeof spelling_rules / sizeof *spelling_rules;
    for (size_t r = 0; r < rules && e->status == FOND_OK; r++) {
        each_replacement(e, t->word, spelling_rules[r][0],
                         spelling_rules[r][1], take_spelling, &c);
        each_replacement(e, t->word, spelling_rules[r][1],
                         spelling_rules[r][0], take_spelling, &c);
    }
}

/* ------------------------------------------------------------ the family */

/*
 * A word's family: the collection's words that share one of the stems it
 * is after, as terms, to be weighed as one (query_build.c).  The index
 * keeps a word's stem as a Z term only where its folded form, the term,
 * has another stem (an irregular word, analyze.h); every other form is
 * found here among the terms themselves, by one scan of the words under
 * the shortest stem sought less its last letter (a stem may end otherwise
 * than its words: "autonomi").  A word is a form of a stem sought in one
 * of the query's languages when its own stem in that language is that
 * stem: "signed" is not a form of French "signé".
 *
 * The stems sought are the word's own and related ones the collection
 * holds:
 *  - shorter: one or two letters shorter, for stems of 7 bytes or more
 *    that stay 6 or more ("autonomi", from "autonomy", finds "autonom",
 *    from "autonomous");
 *  - longer (the mirror): a stem that starts with the whole word typed
 *    (of 6 letters or more) and extends one of its own stems of 6 bytes
 *    or more by one or two letters.  Snowball's Turkish stemmer leaves
 *    "antlaşma" as it is but stems "Antlaşması" to "antlaşmas"; "antlaşma"
 *    finds it this way.  The stem must start with the word typed, not
 *    only with its stem, so that "treaty" (stem "treati") does not meet
 *    "treatise" ("treatis").
 *
 * How many passages hold a stem's words is estimated as Xapian estimates
 * an OR of terms, as if they were independent; the family holds at least
 * as many as its most frequent stem.
 */
#define MAX_FORM_SCAN 20000 /* words looked at for one family ... */
#define QUERY_FORM_SCAN 200000 /* ... and for all of a query's: a query of
                                  thousands of words stays a query of a
                                  fraction of a second; the words past it
                                  find their Z terms and exact forms */
#define MAX_SUFFIX 32       /* bytes a form may run on past the prefix */

typedef struct {
    const char *stem;
    uint32_t langs; /* whose stem it is: bit k for langs->analyzers[k] */
    int own;        /* one of the word's own stems, not a related one */
    int held;       /* met among the words or the Z terms */
    double miss;    /* how likely a passage holds none of its words */
} sought_t;

typedef struct {
    expander_t *e;
    sought_t sought[TOKEN_MAX_STEMS];
    size_t n_sought;
    const query_token_t *mirror; /* the word, for the mirror rule; or NULL */
    char related[3 * TOKEN_MAX_STEMS][TERM_BYTES]; /* shorter and longer */
    size_t n_related;
    /* the forms met, the most frequent MAX_FORMS */
    struct form {
        char term[TERM_BYTES];
        size_t freq;
    } forms[MAX_FORMS];
    size_t n_forms;
    size_t prefix_len, scanned;
} family_t;

static family_t *family_new(expander_t *e)
{
    family_t *f = calloc(1, sizeof *f);
    if (!f && e->status == FOND_OK)
        expand_nomem(e);
    if (f)
        f->e = e;
    return f;
}

/* Seek stem, in the languages of the mask langs; its index, or -1 when
 * there is no room.  A related stem is copied. */
static int family_seek(family_t *f, const char *stem, uint32_t langs, int own)
{
    for (size_t i = 0; i < f->n_sought; i++)
        if (strcmp(f->sought[i].stem, stem) == 0) {
            f->sought[i].langs |= langs;
            return (int)i;
        }
    if (f->n_sought == TOKEN_MAX_STEMS ||
        (!own && f->n_related == sizeof f->related / sizeof *f->related))
        return -1;
    if (!own) {
        snprintf(f->related[f->n_related], TERM_BYTES, "%s", stem);
        stem = f->related[f->n_related++];
    }
    f->sought[f->n_sought] = (sought_t){stem, langs, own, 0, 1.0};
    return (int)f->n_sought++;
}

/* One more term of stem i's, held in freq passages. */
static void family_count(family_t *f, size_t i, size_t freq)
{
    sought_t *s = &f->sought[i];
    double docs = f->e->docs;
    s->held = 1;
    s->miss *= docs > 0 && (double)freq < docs ? 1.0 - (double)freq / docs
                                                : 0.0;
}

/* How many passages hold the words of the most frequent stem (own: of the
 * word's own stems). */
static size_t family_estimate(const family_t *f, int own)
{
    double most = 0;
    for (size_t i = 0; i < f->n_sought; i++) {
        double held = f->e->docs * (1.0 - f->sought[i].miss);
        if ((f->sought[i].own || !own) && held > most)
            most = held;
    }
    return (size_t)(most + 0.5);
}

/* Keep the form among the MAX_FORMS most frequent. */
static void keep_form(family_t *f, const char *term, size_t freq)
{
    size_t at = f->n_forms;
    if (at == MAX_FORMS) {
        at = 0;
        for (size_t i = 1; i < MAX_FORMS; i++)
            if (f->forms[i].freq < f->forms[at].freq)
                at = i;
        if (freq <= f->forms[at].freq)
            return;
    } else {
        f->n_forms++;
    }
    snprintf(f->forms[at].term, TERM_BYTES, "%s", term);
    f->forms[at].freq = freq;
}

/* Does the mirror rule take this stem (of a language in the mask langs):
 * it starts with the word typed and runs one or two letters past one of
 * the word's own stems in that language? */
static int mirrors(const family_t *f, const char *stem, uint32_t langs)
{
    const query_token_t *t = f->mirror;
    if (!t || letters(t->word) < 6 || strncmp(stem, t->word, strlen(t->word)))
        return 0;
    for (size_t k = 0; k < t->n_own_stems; k++) {
        size_t own = strlen(t->stems[k]);
        if ((t->stem_langs[k] & langs) && own >= 6 && strlen(stem) > own &&
            strncmp(stem, t->stems[k], own) == 0 && letters(stem + own) <= 2)
            return 1;
    }
    return 0;
}

/* The stem sought that this stem of a word, in a language of the mask
 * langs, is (the mirror rule may add it): its index, or -1. */
static int family_find(family_t *f, const char *stem, uint32_t langs)
{
    for (size_t i = 0; i < f->n_sought; i++)
        if (strcmp(f->sought[i].stem, stem) == 0)
            return f->sought[i].langs & langs ? (int)i : -1;
    return mirrors(f, stem, langs) ? family_seek(f, stem, langs, 0) : -1;
}

/* A word under the prefix: of the family if its stem in one of the
 * languages is sought in that language. */
static int take_form(void *ctx, const char *term, size_t freq)
{
    family_t *f = ctx;
    expander_t *e = f->e;
    const query_langs_t *langs = e->q->langs;
    size_t len = strlen(term);
    if (++f->scanned > MAX_FORM_SCAN || e->scan_left == 0)
        return 1;
    e->scan_left--;
    if (len > f->prefix_len + MAX_SUFFIX || len > ANALYZE_MAX_WORD)
        return 0;
    unsigned char counted[TOKEN_MAX_STEMS] = {0};
    int found = 0;
    for (size_t k = 0; k < langs->n; k++) {
        size_t n;
        const char *stem = analyze_folded_stem(langs->analyzers[k], term, len,
                                               &n);
        if (!stem) {
            expand_nomem(e);
            return 1;
        }
        int i = family_find(f, stem, (uint32_t)1 << k);
        if (i >= 0 && !counted[i]) {
            counted[i] = 1;
            family_count(f, (size_t)i, freq);
            found = 1;
        }
    }
    if (found)
        keep_form(f, term, freq);
    return 0;
}

/* Where the family's words start: its shortest stem sought (stems come
 * folded, like the words), less its last letter, or all of it when that
 * would leave fewer than 3 bytes. */
static void family_prefix(const family_t *f, char *prefix, size_t size)
{
    const char *shortest = f->sought[0].stem;
    for (size_t i = 1; i < f->n_sought; i++)
        if (strlen(f->sought[i].stem) < strlen(shortest))
            shortest = f->sought[i].stem;
    int fits = snprintf(prefix, size, "%s", shortest);
    size_t n = fits >= 0 && (size_t)fits < size ? (size_t)fits : 0;
    size_t last = n; /* where the last letter starts */
    while (last > 0 && ((unsigned char)prefix[--last] & 0xC0) == 0x80)
        ;
    prefix[last >= 3 ? last : n] = '\0';
}

/* Scan the collection's words for f's stems.  A stem of fewer than 3
 * bytes ("28", "of") has itself alone for a form: its prefix would be
 * every number or every word of its two letters. */
static void family_scan(family_t *f)
{
    expander_t *e = f->e;
    char prefix[TERM_BYTES];
    family_prefix(f, prefix, sizeof prefix);
    f->prefix_len = strlen(prefix);
    if (f->prefix_len >= 3 && e->status == FOND_OK) {
        fond_status_t st = store_terms_freq(e->s, prefix, take_form, f);
        if (st != FOND_OK && e->status == FOND_OK)
            expand_store(e, st);
        return;
    }
    for (size_t i = 0; i < f->n_sought; i++) {
        size_t freq = freq_of(e, f->sought[i].stem);
        if (freq > 0) {
            family_count(f, i, freq);
            keep_form(f, f->sought[i].stem, freq);
        }
    }
}

/* The mirror rule among the Z terms too: the stems of irregular words
 * ("Antlaşması") that the scan of the words cannot meet. */
static int take_mirror(void *ctx, const char *term)
{
    family_t *f = ctx;
    if (++f->scanned > MAX_FORM_SCAN || f->e->scan_left == 0)
        return 1;
    f->e->scan_left--;
    family_find(f, term + strlen(SCHEMA_STEM), (uint32_t)-1);
    return 0;
}

static void family_scan_mirror(family_t *f)
{
    char prefix[TERM_BYTES + 2];
    snprintf(prefix, sizeof prefix, SCHEMA_STEM "%s", f->mirror->word);
    fond_status_t st = f->e->status == FOND_OK && letters(f->mirror->word) >= 6
                           ? store_terms(f->e->s, prefix, take_mirror, f)
                           : FOND_OK;
    if (st != FOND_OK && f->e->status == FOND_OK)
        expand_store(f->e, st);
}

/* The Z term of each stem sought, where the collection holds it (the
 * stem of irregular words), into terms. */
static void family_stem_terms(family_t *f, strings_t *terms)
{
    for (size_t i = 0; i < f->n_sought && f->e->status == FOND_OK; i++) {
        char term[TERM_BYTES + 2];
        snprintf(term, sizeof term, SCHEMA_STEM "%s", f->sought[i].stem);
        size_t freq = freq_of(f->e, term);
        if (freq > 0) {
            family_count(f, i, freq);
            push(f->e, terms, term);
        }
    }
}

/* The forms met, most frequent first, into list. */
static void family_forms(family_t *f, strings_t *list)
{
    for (size_t i = 0; i < f->n_forms && f->e->status == FOND_OK; i++) {
        size_t best = i;
        for (size_t j = i + 1; j < f->n_forms; j++)
            if (f->forms[j].freq > f->forms[best].freq)
                best = j;
        struct form most = f->forms[best];
        f->forms[best] = f->forms[i];
        f->forms[i] = most;
        push(f->e, list, f->forms[i].term);
    }
}

/* The stems a word's family seeks: its own, and shorter ones (see above);
 * the scan adds the longer ones it meets. */
static void seek_stems(family_t *f, const query_token_t *t)
{
    for (size_t k = 0; k < t->n_own_stems; k++)
        family_seek(f, t->stems[k], t->stem_langs[k], 1);
    for (size_t k = 0; k < t->n_own_stems; k++) {
        size_t len = strlen(t->stems[k]);
        for (size_t cut = 1; cut <= 2 && len >= 7 && len - cut >= 6; cut++) {
            char stem[TERM_BYTES];
            snprintf(stem, sizeof stem, "%.*s", (int)(len - cut), t->stems[k]);
            family_seek(f, stem, t->stem_langs[k], 0);
        }
    }
}

/* The word's family: t->forms and t->stem_terms, and the related stems
 * held into t->stems (for the highlights); *all and *own: how many
 * passages hold its most frequent stem's words, and its most frequent own
 * stem's, or variant. */
static void find_family(expander_t *e, query_token_t *t, size_t *all,
                        size_t *own)
{
    family_t *f = family_new(e);
    *all = *own = 0;
    if (!f)
        return;
    seek_stems(f, t);
    f->mirror = t;
    family_scan(f);
    family_scan_mirror(f);
    family_stem_terms(f, &t->stem_terms);
    family_forms(f, &t->forms);
    for (size_t i = 0; i < f->n_sought && e->status == FOND_OK; i++)
        if (f->sought[i].held && !f->sought[i].own &&
            query_token_add_stem(t, f->sought[i].stem, f->sought[i].langs))
            expand_nomem(e);
    *all = family_estimate(f, 0);
    *own = family_estimate(f, 1);
    for (size_t k = 0; k < t->variants.n; k++) {
        size_t freq = freq_of(e, t->variants.items[k]);
        *all = freq > *all ? freq : *all;
        *own = freq > *own ? freq : *own;
    }
    free(f);
}

/* A near spelling's family: the forms of its stems, in every language,
 * into t->fuzzy_forms; its stems held into t->fuzzy_stems (highlights). */
typedef struct {
    family_t *f;
    char stems[QUERY_MAX_LANGUAGES][TERM_BYTES];
    size_t n;
    uint32_t lang; /* the language being stemmed in, as a mask */
} near_stems_t;

static int take_near_stem(void *ctx, const analyze_token_t *w)
{
    near_stems_t *c = ctx;
    if (c->n < QUERY_MAX_LANGUAGES) {
        snprintf(c->stems[c->n], TERM_BYTES, "%s", w->stem);
        family_seek(c->f, c->stems[c->n++], c->lang, 1);
    }
    return 1; /* one word */
}

static void find_near_family(expander_t *e, query_token_t *t, const char *word)
{
    const query_langs_t *langs = e->q->langs;
    near_stems_t *c = calloc(1, sizeof *c);
    if (!c || !(c->f = family_new(e))) {
        free(c);
        if (e->status == FOND_OK)
            expand_nomem(e);
        return;
    }
    for (size_t k = 0; k < langs->n && e->status == FOND_OK; k++) {
        c->lang = (uint32_t)1 << k;
        if (analyze_text(langs->analyzers[k], word, strlen(word),
                         take_near_stem, c) == FOND_ERR_NOMEM)
            expand_nomem(e);
    }
    if (c->f->n_sought && e->status == FOND_OK) {
        family_scan(c->f);
        family_stem_terms(c->f, &t->fuzzy_forms);
        family_forms(c->f, &t->fuzzy_forms);
        for (size_t i = 0; i < c->f->n_sought; i++)
            if (c->f->sought[i].held)
                push(e, &t->fuzzy_stems, c->f->sought[i].stem);
    }
    free(c->f);
    free(c);
}

/* ------------------------------------------------------------ near spellings */

/* The code points of a UTF-8 word (at most max); their number. */
static size_t code_points(const char *s, int32_t *out, size_t max)
{
    size_t n = 0;
    utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(s);
    for (utf8proc_ssize_t i = 0; i < len && n < max;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              len - i, &cp);
        if (k <= 0)
            break;
        out[n++] = cp;
        i += k;
    }
    return n;
}

#define WORD_POINTS (ANALYZE_MAX_WORD + 1)

/* Levenshtein distance of a and b, or max + 1 once it is sure to exceed
 * max. */
static unsigned edit_distance(const int32_t *a, size_t na, const int32_t *b,
                              size_t nb, unsigned max)
{
    if ((na > nb ? na - nb : nb - na) > max)
        return max + 1;
    unsigned row[WORD_POINTS + 1];
    for (size_t j = 0; j <= nb; j++)
        row[j] = (unsigned)j;
    for (size_t i = 1; i <= na; i++) {
        unsigned diag = row[0], best = row[0] = (unsigned)i;
        for (size_t j = 1; j <= nb; j++) {
            unsigned up = row[j];
            unsigned v = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > max)
            return max + 1;
    }
    return row[nb];
}

/* How many letters may differ: none under 5 letters, one up to 8, two
 * beyond (Meilisearch's thresholds); word~ asks for at least one, word~N
 * for N. */
static unsigned edits_allowed(const query_token_t *t)
{
    size_t n = letters(t->word);
    unsigned by_length = n < 5 ? 0 : n <= 8 ? 1 : 2;
    if (t->fuzzy_edits)
        return t->fuzzy_edits;
    return t->fuzzy_asked && !by_length ? 1 : by_length;
}

typedef struct {
    expander_t *e;
    query_token_t *t;
    int32_t word[WORD_POINTS];
    size_t n_word;
    unsigned max;
    size_t min_freq;       /* a near spelling held less often is noise */
    size_t scanned;
    /* the best found by the scan: nearest, then most frequent */
    char found[MAX_FUZZY][TERM_BYTES];
    unsigned found_edits[MAX_FUZZY];
    size_t found_freq[MAX_FUZZY];
    size_t n_found;
    /* the nearest word within NEAREST_EDITS, then the most frequent, then
     * the first in order: "" if none */
    char nearest[TERM_BYTES];
    unsigned nearest_edits;
    size_t nearest_freq;
} fuzzy_ctx_t;

/* Keep the term among the best MAX_FUZZY, d edits away. */
static void keep_near(fuzzy_ctx_t *c, const char *term, size_t freq, unsigned d)
{
    for (size_t i = 0; i < c->n_found; i++)
        if (strcmp(c->found[i], term) == 0)
            return;
    size_t at = c->n_found;
    if (at == MAX_FUZZY) { /* full: replace the worst, if this is better */
        at = 0;
        for (size_t i = 1; i < MAX_FUZZY; i++)
            if (c->found_edits[i] > c->found_edits[at] ||
                (c->found_edits[i] == c->found_edits[at] &&
                 c->found_freq[i] < c->found_freq[at]))
                at = i;
        if (d > c->found_edits[at] ||
            (d == c->found_edits[at] && freq <= c->found_freq[at]))
            return;
    } else {
        c->n_found++;
    }
    snprintf(c->found[at], TERM_BYTES, "%s", term);
    c->found_edits[at] = d;
    c->found_freq[at] = freq;
}

/* Keep the term if it is near enough and held often enough. */
static void consider(fuzzy_ctx_t *c, const char *term, size_t freq)
{
    if (freq < c->min_freq || strlen(term) >= TERM_BYTES ||
        strcmp(term, c->t->word) == 0)
        return;
    int32_t cps[WORD_POINTS];
    size_t n = code_points(term, cps, WORD_POINTS);
    unsigned d = edit_distance(c->word, c->n_word, cps, n, c->max);
    if (d <= c->max)
        keep_near(c, term, freq, d);
}

/* An OCR confusion applied once counts as one edit ("rn" for "m"). */
static void take_confusion(void *ctx, const char *cand)
{
    fuzzy_ctx_t *c = ctx;
    size_t freq = freq_of(c->e, cand);
    if (freq > 0 && freq >= c->min_freq && strcmp(cand, c->t->word) != 0)
        keep_near(c, cand, freq, 1);
}

/* The words of the collection that start with the same letter as the
 * word (first letters are seldom mistyped: Lucene's DirectSpellChecker
 * assumes as much; OCR misreads them, which the confusions cover): the
 * nearest of them, and for word~ every one within the edits allowed.
 * The words themselves are what a database serves however it is split or
 * wherever it is (Xapian's remote backend serves no spelling table), so
 * one database, its shards and shards behind xapian-tcpsrv suggest alike. */
static int take_scanned(void *ctx, const char *term, size_t freq)
{
    fuzzy_ctx_t *c = ctx;
    if (++c->scanned > MAX_FUZZY_SCAN)
        return 1;
    if (c->t->fuzzy_asked)
        consider(c, term, freq);
    if (strlen(term) >= TERM_BYTES || strcmp(term, c->t->word) == 0)
        return 0;
    int32_t cps[WORD_POINTS];
    size_t n = code_points(term, cps, WORD_POINTS);
    unsigned d = edit_distance(c->word, c->n_word, cps, n, NEAREST_EDITS);
    if (d <= NEAREST_EDITS &&
        (!*c->nearest || d < c->nearest_edits ||
         (d == c->nearest_edits && freq > c->nearest_freq))) {
        snprintf(c->nearest, sizeof c->nearest, "%s", term);
        c->nearest_edits = d;
        c->nearest_freq = freq;
    }
    return 0;
}

/* A context for the word's near spellings: max edits, and near spellings
 * held fewer than min_freq times left out; NULL if out of memory. */
static fuzzy_ctx_t *fuzzy_new(expander_t *e, query_token_t *t, unsigned max,
                              size_t min_freq)
{
    fuzzy_ctx_t *c = calloc(1, sizeof *c);
    if (!c) {
        expand_nomem(e);
        return NULL;
    }
    c->e = e;
    c->t = t;
    c->max = max;
    c->min_freq = min_freq;
    c->n_word = code_points(t->word, c->word, WORD_POINTS);
    return c;
}

/* Scan the words of the word's first letter (take_scanned). */
static void fuzzy_scan(fuzzy_ctx_t *c)
{
    char first[8] = "";
    int32_t cp0 = c->n_word ? c->word[0] : 0;
    utf8proc_ssize_t k = utf8proc_encode_char(cp0, (utf8proc_uint8_t *)first);
    first[k > 0 ? k : 0] = '\0';
    fond_status_t st = *first && c->e->status == FOND_OK
        ? store_terms_freq(c->e->s, first, take_scanned, c) : FOND_OK;
    expand_store(c->e, st);
}

/* The word's near spellings: those its OCR confusions make, the nearest
 * word of its first letter (within NEAREST_EDITS: copied into nearest,
 * NEAREST_BYTES, for "did you mean"), and, for word~, every word of its
 * first letter within the edits allowed.  The word's family is held in
 * `family` passages. */
#define NEAREST_BYTES TERM_BYTES
static void find_near_spellings(expander_t *e, query_token_t *t, size_t family,
                                char *nearest)
{
    fuzzy_ctx_t *c = fuzzy_new(e, t, edits_allowed(t), t->fuzzy_asked ? 1
                               : family == 0 ? 1 : family * FUZZY_EVIDENCE);
    if (!c)
        return;
    for (size_t r = 0; r < misread_n_confusions && c->max > 0; r++) {
        each_replacement(e, t->word, misread_confusions[r][0],
                         misread_confusions[r][1], take_confusion, c);
        each_replacement(e, t->word, misread_confusions[r][1],
                         misread_confusions[r][0], take_confusion, c);
    }
    if (c->max > 0)
        fuzzy_scan(c);
    snprintf(nearest, NEAREST_BYTES, "%s", c->nearest);
    if (*nearest && e->status == FOND_OK)
        consider(c, nearest, c->nearest_freq);
    for (size_t i = 0; i < c->n_found; i++) {
        push(e, &t->fuzzy, c->found[i]);
        push(e, &e->q->variants, c->found[i]);
        find_near_family(e, t, c->found[i]);
    }
    free(c);
}

/* ------------------------------------------------------------ misreadings */

/* A word's misreadings: what the indexer linked to it (misread.c), or to
 * one of its MISREAD_FORMS most frequent forms ("govemments" found by
 * "government"), always, without `~`: the right spelling finds what OCR
 * made of it.  They match as one term with the word, weighed below it
 * (query_build.c), and a hit shows them as "matched as". */
#define MISREAD_FORMS 4

static int take_misread(void *ctx, const char *misread)
{
    token_ctx_t *c = ctx;
    if (strcmp(misread, c->t->word) != 0 && c->t->misread.n < MAX_VARIANTS) {
        push(c->e, &c->t->misread, misread);
        push(c->e, &c->e->q->variants, misread);
    }
    return c->e->status != FOND_OK;
}

static void find_misreadings(expander_t *e, query_token_t *t)
{
    token_ctx_t c = {e, t};
    for (size_t k = 0; k <= MISREAD_FORMS && k <= t->forms.n &&
                       e->status == FOND_OK; k++) {
        const char *right = k == 0 ? t->word : t->forms.items[k - 1];
        if (k > 0 && strcmp(right, t->word) == 0)
            continue;
        char key[TERM_BYTES + sizeof MISREAD_KEY];
        snprintf(key, sizeof key, MISREAD_KEY "%s", right);
        expand_store(e, store_synonyms(e->s, key, take_misread, &c));
    }
}

/* ------------------------------------------------------------ a word */

/* The exact form's weight: EXACT_WEIGHT times how much rarer it is than
 * its family, at most EXACT_WEIGHT_MAX. */
static double exact_weight(size_t exact, size_t family)
{
    if (exact == 0 || family <= exact)
        return EXACT_WEIGHT;
    double w = EXACT_WEIGHT * (double)family / (double)exact;
    return w < EXACT_WEIGHT_MAX ? w : EXACT_WEIGHT_MAX;
}

static void expand_word(expander_t *e, const node_t *n, query_token_t *t)
{
    t->n_own_stems = t->n_stems;
    find_variants(e, t);
    size_t family = 0, own = 0, exact = freq_of(e, t->word);
    find_family(e, t, &family, &own);
    family = family > exact ? family : exact;
    /* How rare the word is, by its own forms (not the related stems: a
     * garbled "exchangcd" has the stem of "exchange" one letter shorter,
     * but its near spelling "exchanged" is what it stands for). */
    own = own > exact ? own : exact;
    t->known = family > 0 || t->cites.n > 0;
    t->exact_weight = exact_weight(exact, family);
    t->fuzzy_weight = own ? FUZZY_WEIGHT : FUZZY_WEIGHT_UNKNOWN;
    int stopword = query_is_stopword_node(e->q, n);
    /* Stopwords too: "tbe", "bave", "trom" are what OCR makes of the
     * commonest words, and a phrase or a search for one alone needs them. */
    if (!n->prohibited)
        find_misreadings(e, t);
    char better[NEAREST_BYTES] = "";
    int asked = 0; /* the scan for the nearest word, once a word (the slow part) */
    if (!n->prohibited && !stopword && e->status == FOND_OK &&
        (t->fuzzy_asked || own <= RARE_FREQ)) {
        find_near_spellings(e, t, own, better);
        asked = edits_allowed(t) > 0;
    }
    /* "Did you mean": the nearest word of its first letter, for a word
     * the collection holds in no form or variant.  Stopwords are words,
     * not misspellings: "when was ..." is not "then was ...". */
    int suggest = !t->known && !t->variants.n && !stopword;
    fuzzy_ctx_t *c = suggest && !asked && e->status == FOND_OK
                         ? fuzzy_new(e, t, 0, 1) : NULL;
    if (c) {
        fuzzy_scan(c);
        snprintf(better, sizeof better, "%s", c->nearest);
        free(c);
    }
    if (!suggest)
        *better = '\0';
    if (e->status == FOND_OK && *better && !(t->suggestion = strdup(better)))
        expand_nomem(e);
}

/* ------------------------------------------------------------ filters */

/* Whole years, then whole months, then days, from `from` to `to`: those
 * the collection holds, so that an open range (0001..1921) stays small;
 * none held: a term that matches nothing. */
static void expand_date(expander_t *e, node_t *n)
{
    int c[3] = {n->from[0], n->from[1], n->from[2]};
    long end = query_day_number(n->to);
    while (e->status == FOND_OK && query_day_number(c) <= end &&
           n->terms.n < DATE_TERMS_MAX) {
        char term[16];
        int whole_year = c[1] == 1 && c[2] == 1 && (long)c[0] * 10000 + 1231 <= end;
        int whole_month = c[2] == 1 && query_day_number(c) +
                          dates_days_in_month(c[0], c[1]) - 1 <= end;
        if (whole_year)
            snprintf(term, sizeof term, SCHEMA_YEAR "%04d", c[0]);
        else if (whole_month)
            snprintf(term, sizeof term, SCHEMA_MONTH "%04d%02d", c[0], c[1]);
        else
            snprintf(term, sizeof term, SCHEMA_DAY "%04d%02d%02d", c[0], c[1],
                     c[2]);
        if (freq_of(e, term) > 0)
            push(e, &n->terms, term);
        if (whole_year)
            c[0]++;
        else if (whole_month || ++c[2] > dates_days_in_month(c[0], c[1]))
            c[2] = 1, c[1]++;
        if (c[1] > 12)
            c[1] = 1, c[0]++;
    }
    if (n->terms.n == 0)
        push(e, &n->terms, SCHEMA_YEAR "0000");
}

/* A whole field's value as one term, as schema.h makes it ("SA AR" ->
 * "XARCHIVEsaar"); a language by its Snowball name. */
static void expand_whole_field(expander_t *e, node_t *n)
{
    const query_field_t *f = n->field;
    const char *value = n->whole;
    if (strcmp(f->prefix, SCHEMA_LANGUAGE) == 0 && language_named(value))
        value = language_named(value);
    char term[SCHEMA_TERM_MAX + 32];
    snprintf(term, sizeof term, "%s%s", f->prefix, value);
    push(e, &n->terms, term);
    if (n->whole_typed) { /* ref: typed otherwise than its key */
        snprintf(term, sizeof term, "%s%s", f->prefix, n->whole_typed);
        push(e, &n->terms, term);
    }
}

/* source:/path/of/a/file: its source term, XSRC<id of the path>, as
 * index.c names the source, under the database's key (schema.h). */
static void expand_source_path(expander_t *e, node_t *n)
{
    char term[SCHEMA_SOURCE_TERM_SIZE], *text = NULL;
    schema_key_t key;
    fond_status_t st = store_get_metadata(e->s, SCHEMA_ID_KEY, &text);
    schema_key_parse(st == FOND_OK ? text : NULL, &key);
    free(text);
    if (st != FOND_OK && e->status == FOND_OK)
        e->status = st;
    schema_source_term(&key, n->whole, term);
    push(e, &n->terms, term);
}

/* ------------------------------------------------------------ citations */

/* An archival reference typed as words ("conversation archive fond 28"):
 * "fond", "opis", "delo", "box", "folder" or "reel" before a number also
 * stands for the field's term (fond:28), where the collection holds it,
 * as do the number itself; a footnote says "f.28", not "fond 28". */
static void expand_citations(expander_t *e, node_t *n)
{
    static const char *const names[] = {"fond", "opis", "delo",
                                        "box", "folder", "reel"};
    for (size_t i = 0; i + 1 < n->n_kids && e->status == FOND_OK; i++) {
        const node_t *a = n->kids[i], *b = n->kids[i + 1];
        if (a->kind != NODE_WORD || b->kind != NODE_WORD || a->prohibited ||
            b->prohibited)
            continue;
        query_token_t *name = &e->q->tokens[a->first];
        query_token_t *value = &e->q->tokens[b->first];
        const query_field_t *f = NULL;
        for (size_t k = 0; k < sizeof names / sizeof *names && !f; k++)
            if (strcmp(name->word, names[k]) == 0)
                f = schema_field(names[k], strlen(names[k]));
        if (!f || strspn(value->word, "0123456789") != strlen(value->word))
            continue;
        char term[TERM_BYTES + 16];
        snprintf(term, sizeof term, "%s%s", f->prefix, value->word);
        if (freq_of(e, term) > 0) {
            push(e, &name->cites, term);
            push(e, &value->cites, term);
        }
    }
}

/* A phrase with a digit typed may be a reference as a reader types it
 * ("861.51/131" is the phrase "861.51 131"): where the collection holds
 * it as a reference (ref:, XREF), it finds that too, for a reference kept
 * in a header has no positions for the phrase to match. */
static void expand_reference(expander_t *e, node_t *n)
{
    const char *values[] = {n->whole, n->whole_typed};
    for (size_t i = 0; i < 2 && values[i]; i++) {
        char term[SCHEMA_TERM_MAX + 8];
        snprintf(term, sizeof term, SCHEMA_REF "%s", values[i]);
        if (freq_of(e, term) > 0)
            push(e, &n->terms, term);
    }
}

/* ------------------------------------------------------------ wildcards */

typedef struct {
    expander_t *e;
    node_t *n;
    int truncated;
} wildcard_ctx_t;

static int take_wildcard_word(void *ctx, const char *term)
{
    wildcard_ctx_t *c = ctx;
    if (c->n->terms.n == FOND_WILDCARD_MAX) {
        c->truncated = 1;
        return 1;
    }
    if (strings_add(&c->n->terms, term) != 0) {
        expand_nomem(c->e);
        return 1;
    }
    return 0;
}

/* A wildcard's words: every word of the collection it begins, in order, up
 * to FOND_WILDCARD_MAX (the rest are left out, and the query says so).
 * Looked up here, once, on the whole collection, rather than left to
 * Xapian's OP_WILDCARD, which expands on each shard alone: its words and
 * their statistics then differ with how the database is split ("treat*"
 * scored 3.06 over two shards, 0.27 over one database).  None held: the
 * prefix itself, a term that matches nothing. */
static void expand_wildcard(expander_t *e, node_t *n)
{
    const char *prefix = e->q->tokens[n->first].word;
    wildcard_ctx_t c = {e, n, 0};
    push(e, &e->q->prefixes, prefix);
    fond_status_t st = e->status == FOND_OK
                           ? store_terms(e->s, prefix, take_wildcard_word, &c)
                           : FOND_OK;
    expand_store(e, st);
    if (n->terms.n == 0)
        push(e, &n->terms, prefix);
    if (c.truncated && e->status == FOND_OK) {
        char typed[TERM_BYTES + 2];
        snprintf(typed, sizeof typed, "%s*", prefix);
        push(e, &e->q->truncated, typed);
    }
}

/* ------------------------------------------------------------ the tree */

static void expand_node(expander_t *e, node_t *n)
{
    if (n->kind == NODE_WORD)
        expand_word(e, n, &e->q->tokens[n->first]);
    else if (n->kind == NODE_DATE)
        expand_date(e, n);
    else if (n->kind == NODE_FIELD && n->field->whole)
        expand_whole_field(e, n);
    else if (n->kind == NODE_FIELD && n->whole)
        expand_source_path(e, n);
    else if (n->kind == NODE_WILDCARD)
        expand_wildcard(e, n);
    else if (n->kind == NODE_PHRASE && n->whole && !n->prohibited)
        expand_reference(e, n);
    else if (n->kind == NODE_AND || n->kind == NODE_IMPLICIT)
        expand_citations(e, n);
    if (n->kind == NODE_IMPLICIT && n->whole && !n->prohibited)
        expand_reference(e, n);
    for (size_t i = 0; i < n->n_kids && e->status == FOND_OK; i++)
        expand_node(e, n->kids[i]);
}

/* ------------------------------------------------------------ highlights */

/* The words to highlight: of words, phrases and NEAR operands not
 * prohibited (stems only of bare words), and the variants and near
 * spellings found. */
static void gather_highlights(query_t *q, const node_t *n, size_t *nw,
                              size_t *ns)
{
    if (n->prohibited || query_is_filter(n))
        return;
    for (size_t i = 0; i < n->n_kids; i++)
        gather_highlights(q, n->kids[i], nw, ns);
    if (n->kind == NODE_WILDCARD || n->n_kids)
        return;
    for (size_t k = n->first; k < n->first + n->count; k++) {
        const query_token_t *t = &q->tokens[k];
        if (n->kind == NODE_WORD && query_is_stopword_node(q, n) && n->count == 1)
            continue;
        q->hl_words[(*nw)++] = t->word;
        for (size_t l = 0; n->kind == NODE_WORD && l < t->n_stems; l++)
            q->hl_stems[(*ns)++] = t->stems[l];
        for (size_t l = 0; n->kind == NODE_WORD && l < t->fuzzy_stems.n; l++)
            q->hl_stems[(*ns)++] = t->fuzzy_stems.items[l];
    }
}

static fond_status_t collect_snippet_terms(query_t *q)
{
    q->hl_words = malloc((q->n_tokens + q->variants.n + 1) * sizeof *q->hl_words);
    size_t fuzzy_stems = 0;
    for (size_t i = 0; i < q->n_tokens; i++)
        fuzzy_stems += q->tokens[i].fuzzy_stems.n;
    q->hl_stems = malloc((q->n_tokens * TOKEN_MAX_STEMS + fuzzy_stems + 1) *
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

/* ------------------------------------------------------------ the API */

fond_status_t query_expand(query_t *q, store_t *s, char *err, size_t errsize)
{
    if (q->expanded)
        return FOND_OK;
    size_t docs = 0; /* for the families' estimates */
    fond_status_t st = store_doc_count(s, &docs);
    expander_t e = {q, s, FOND_OK, QUERY_FORM_SCAN, (double)docs, err, errsize};
    expand_store(&e, st);
    if (e.status == FOND_OK)
        expand_node(&e, q->root);
    if (e.status == FOND_OK && collect_snippet_terms(q) != FOND_OK)
        expand_nomem(&e);
    q->expanded = e.status == FOND_OK;
    return e.status;
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

char *query_suggest(const query_t *q, const char *text)
{
    const node_t *words[64];
    size_t n = 0, from = 0;
    list_words(q->root, words, &n, 64);
    qsort(words, n, sizeof *words, compare_at);
    text_t out = {NULL, 0, 0};
    int changed = 0, failed = 0;
    for (size_t i = 0; i < n && !failed; i++) {
        const char *better = q->tokens[words[i]->first].suggestion;
        if (!better)
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
