/*
 * misread.c -- the collection's likely OCR misreadings linked to their
 * right spelling, once, when an indexing run ends
 * (fond_db_link_misreadings), so that a search for the right spelling
 * finds them with no `~` (query_expand.c; docs/query-language.md, "Misread words").
 *
 * On disk: in Xapian's synonym table, under the key MISREAD_KEY ("XOCR")
 * and the right word, its misreadings ("XOCRgovernment": "govemment",
 * "goverument"), mirrored in the metadata "syn:XOCRgovernment" for
 * Xapian's remote backend, as the name variants are (schema.h).  The
 * prefix keeps them apart from the name variants, keyed by the folded word
 * itself (never upper case): a variant is the word, a misreading only
 * stands for it, and weighs less.  The links go into the first shard the
 * handle holds (Xapian merges the synonym lists of the shards it reads;
 * the remote backend reads the first shard's metadata alone); after
 * --jobs, fond-index links once with every shard open.
 *
 * Which words.  A word is rare when at most rare_max passages hold it
 * (RARE_MIN, or one passage in RARE_SHARE of a large collection); common
 * otherwise.  A rare word is linked to a common word of letters that one
 * OCR confusion ("rn" for "m", "c" for "e": misread_confusions) or, in a
 * word of PLAIN_MIN_LETTERS or more, one edit (a letter added, lost or
 * changed) makes of it, held EVIDENCE times as often or more, and not of
 * its family (another stem); the best LINKS_MAX of them, confusions
 * first, then the most frequent.  A word Tesseract was unsure of
 * (db_misread_note) needs UNSURE_EVIDENCE alone, and may be short.  A
 * word of two letters ("fo", "ef") is linked by a confusion alone, to a
 * word held SHORT_EVIDENCE times as often.  A word more frequent than rare
 * but in at most scarce_max passages (one in SCARCE_SHARE: OCR repeats its
 * misreadings of the commonest words, "fo" for "to" in 20 passages of
 * 15,000) is linked by a confusion alone, to a word held SCARCE_EVIDENCE
 * times as often (a real word so much rarer than its neighbour, "fur"
 * beside "for", is linked too: it weighs below the word).  Two common
 * words are never linked.  A misread
 * word is judged once its right word is known, so every run that changed
 * the collection judges every rare word again against the whole
 * vocabulary of the shards the handle holds, and prunes the links whose misread
 * word is gone or has become common (a link to a word no passage holds
 * would only be harmless: it matches nothing).
 *
 * Cost: two scans of the words of the collection (Xapian's allterms, under
 * the words' first letters): the first keeps the common words, with each
 * less each of its letters (the "symmetric delete" way: an edit is found by
 * a few lookups, not by trying every letter); the second judges each rare
 * word as it passes, by a few lookups.  Memory is the common words' alone,
 * which a text of a million distinct words (all rare) does not grow.  A
 * word's passages are summed over the shards the handle holds (one lookup
 * a shard), so that a split database links as one database does.
 */
#include "misread.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "db_internal.h"
#include "wordset.h"

#define RARE_MIN 3
#define RARE_SHARE 2000
#define EVIDENCE 5
#define UNSURE_EVIDENCE 2
#define PLAIN_MIN_LETTERS 5
#define MIN_LETTERS 3
#define SHORT_LETTERS 2     /* "fo", "ef": confusions only */
#define SHORT_EVIDENCE 50   /* ... and held this many times fewer */
#define SCARCE_SHARE 500
#define SCARCE_EVIDENCE 500
#define LINKS_MAX 2
#define UNSURE_MAX 100000 /* words noted */
#define WORD_BYTES (ANALYZE_MAX_WORD * 4 + 1)
#define KEY_BYTES (WORD_BYTES + 8)

/* Shapes alike in print: strokes run together or split (rn/m, cl/d, li/h,
 * vv/w, ii/u), thin letters (l/1/i/j/t/f/r, ſ/f), round letters (e/c/o,
 * o/0/6, a/o/u/n/d), tails and hooks (h/b, y/v/s, f/k, n/m, a/i).  The
 * single letters are those Tesseract swapped most often in bench/misread's
 * tune set (seed 1), which are the classes OCR literature lists. */
const char *const misread_confusions[][2] = {
    {"rn", "m"}, {"ni", "m"}, {"in", "m"}, {"ri", "n"}, {"cl", "d"},
    {"il", "d"}, {"tl", "d"}, {"li", "h"}, {"vv", "w"}, {"u", "ii"},
    {"l", "1"},  {"l", "i"},  {"i", "1"},  {"o", "0"},  {"e", "c"},
    {"f", "s"},  {"u", "n"},  {"u", "a"},  {"h", "b"},  {"f", "t"},
    {"l", "t"},  {"e", "o"},  {"a", "o"},  {"o", "u"},  {"o", "6"},
    {"a", "n"},  {"a", "i"},  {"a", "d"},  {"l", "j"},  {"i", "j"},
    {"i", "t"},  {"r", "t"},  {"f", "l"},  {"f", "k"},  {"s", "y"},
    {"v", "y"},  {"n", "m"}};
const size_t misread_n_confusions =
    sizeof misread_confusions / sizeof *misread_confusions;

/* A common word less one letter: which word, which letter; the next cut
 * of the same string (+ 1; 0 ends). */
typedef struct {
    size_t word, next;
    size_t pos;
} cut_t;

typedef struct {
    size_t word;   /* index into words */
    int confusion; /* made by an OCR confusion, not a plain edit */
} candidate_t;

#define CANDIDATES_MAX 16

typedef struct {
    fond_db_t *db;
    fond_status_t status;  /* sticky */
    wordset_t *vocab;      /* common word -> its index + 1 */
    char *arena;           /* the common words, NUL-terminated, in a row */
    size_t arena_len, arena_cap;
    size_t *at;            /* each word's offset in the arena */
    size_t *freq;          /* how many passages hold it (the shards held) */
    size_t n_words, at_cap, freq_cap;
    wordset_t *cuts;       /* a common word less a letter -> its first cut + 1 */
    cut_t *cut;
    size_t n_cut, cut_cap;
    size_t docs, rare_max, scarce_max;
    store_t *scanned;      /* the store whose words are being scanned */
    store_t *first;        /* the first store held: where links go */
    wordset_t *unsure;     /* the handle's (db_misread_note), or NULL */
    /* the rare word being judged, its passages, and its candidates */
    const char *word;
    size_t word_freq, evidence;
    int is_unsure;
    candidate_t cand[CANDIDATES_MAX];
    size_t n_cand;
    size_t linked, pruned;
} linker_t;

static void fail_nomem(linker_t *l)
{
    if (l->status == FOND_OK)
        l->status = db_fail(l->db, FOND_ERR_NOMEM,
                            "linking misread words: out of memory");
}

static void fail_store(linker_t *l, fond_status_t st)
{
    if (l->status == FOND_OK && st != FOND_OK)
        l->status = db_fail(l->db, st, "linking misread words: %s",
                            store_error(l->db->store));
}

static const char *word_at(const linker_t *l, size_t i)
{
    return l->arena + l->at[i];
}

/* The index of word w[0, n), or (size_t)-1 when no passage holds it. */
static size_t word_index(const linker_t *l, const char *w, size_t n)
{
    const size_t *v = wordset_get(l->vocab, w, n);
    return v ? *v - 1 : (size_t)-1;
}

/* ------------------------------------------------------------ vocabulary */

/* How many passages of the shards held hold the word: `here` in the
 * store being scanned, and the others' asked; *first: no store before the
 * one scanned holds it (so each word is met once). */
static size_t total_freq(linker_t *l, const char *w, size_t here, int *first)
{
    fond_db_t *db = l->db;
    size_t total = here, n = db->n_shards ? db->n_shards : 1;
    int before = 1;
    *first = 1;
    for (size_t i = 0; i < n && l->status == FOND_OK; i++) {
        store_t *s = db->n_shards ? db->shards[i] : db->store;
        size_t freq = 0;
        if (s == l->scanned) {
            before = 0;
            continue;
        }
        if (!s)
            continue;
        fail_store(l, store_term_freq(s, w, &freq));
        total += freq;
        *first &= !(before && freq > 0);
    }
    return total;
}

/* A word of the collection, met first in this store: a common one kept
 * (first scan). */
static int keep_common(void *ctx, const char *term, size_t freq)
{
    linker_t *l = ctx;
    size_t n = strlen(term), *index = NULL;
    int first = 1;
    if (n >= WORD_BYTES || (freq = total_freq(l, term, freq, &first)) <= l->rare_max ||
        !first)
        return l->status != FOND_OK;
    if (wordset_value(l->vocab, term, n, &index) != FOND_OK ||
        array_reserve(&l->arena, &l->arena_cap, l->arena_len + n + 1, 1, 65536) ||
        array_reserve(&l->at, &l->at_cap, l->n_words + 1, sizeof *l->at, 4096) ||
        array_reserve(&l->freq, &l->freq_cap, l->n_words + 1, sizeof *l->freq,
                      4096)) {
        fail_nomem(l);
        return 1;
    }
    memcpy(l->arena + l->arena_len, term, n + 1);
    l->at[l->n_words] = l->arena_len;
    l->freq[l->n_words] = freq;
    l->arena_len += n + 1;
    *index = ++l->n_words;
    return 0;
}

/* Call take for every word of the store: the terms under each first byte
 * a word may have (a digit, a lower-case letter, a UTF-8 lead byte), which
 * leaves out the passage ids and every other prefixed term. */
static void each_word(linker_t *l, store_t *s,
                      int (*take)(void *ctx, const char *term, size_t freq))
{
    l->scanned = s;
    for (unsigned c = 0x30; c < 0xF5 && l->status == FOND_OK; c++) {
        if ((c > '9' && c < 'a') || (c > 'z' && c < 0xC2))
            continue;
        char prefix[2] = {(char)c, '\0'};
        fail_store(l, store_terms_freq(s, prefix, take, l));
    }
}

static fond_status_t count_store(fond_db_t *db, void *ctx)
{
    linker_t *l = ctx;
    size_t docs = 0;
    fail_store(l, store_doc_count(db->store, &docs));
    l->docs += docs;
    return l->status;
}

static fond_status_t scan_common(fond_db_t *db, void *ctx)
{
    linker_t *l = ctx;
    each_word(l, db->store, keep_common);
    return l->status;
}

/* ------------------------------------------------------------ words */

/* Byte offsets of the code points of w (n bytes): off[0..k], k returned
 * (at most WORD_BYTES - 1). */
static size_t code_points(const char *w, size_t n, size_t *off)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)w[i] & 0xC0) != 0x80)
            off[k++] = i;
    off[k] = n;
    return k;
}

static int has_letter(const char *w)
{
    for (; *w; w++)
        if ((*w >= 'a' && *w <= 'z') || (unsigned char)*w >= 0x80)
            return 1;
    return 0;
}

static int has_digit(const char *w)
{
    return strpbrk(w, "0123456789") != NULL;
}

/* Can common word i be a right word: of letters?  (Stopwords too: "tbe",
 * "bave", "hetween" are what OCR makes of the commonest words.) */
static int is_right(const linker_t *l, size_t i)
{
    const char *w = word_at(l, i);
    size_t n = strlen(w), off[WORD_BYTES];
    return !has_digit(w) && has_letter(w) && code_points(w, n, off) >= SHORT_LETTERS;
}

/* w with code point k (of off) left out, into out. */
static size_t cut_letter(const char *w, size_t n, const size_t *off, size_t k,
                         char *out)
{
    size_t len = off[k] + (n - off[k + 1]);
    memcpy(out, w, off[k]);
    memcpy(out + off[k], w + off[k + 1], n - off[k + 1]);
    out[len] = '\0';
    return len;
}

/* Each right word less each of its letters, into cuts. */
static void make_cuts(linker_t *l)
{
    if (wordset_new(&l->cuts) != FOND_OK) {
        fail_nomem(l);
        return;
    }
    for (size_t i = 0; i < l->n_words && l->status == FOND_OK; i++) {
        if (!is_right(l, i))
            continue;
        const char *w = word_at(l, i);
        size_t n = strlen(w), off[WORD_BYTES];
        size_t k = code_points(w, n, off);
        if (k + 1 < PLAIN_MIN_LETTERS) /* no plain edit reaches it */
            continue;
        for (size_t j = 0; j < k && l->status == FOND_OK; j++) {
            char cut[WORD_BYTES];
            size_t len = cut_letter(w, n, off, j, cut), *head = NULL;
            if (wordset_value(l->cuts, cut, len, &head) != FOND_OK ||
                array_reserve(&l->cut, &l->cut_cap, l->n_cut + 1,
                              sizeof *l->cut, 4096)) {
                fail_nomem(l);
                return;
            }
            l->cut[l->n_cut] = (cut_t){i, *head, j};
            *head = ++l->n_cut;
        }
    }
}

/* ------------------------------------------------------------ judging */

/* Word i a candidate for the rare word judged, if it is a right word held
 * often enough and not already one. */
static void consider(linker_t *l, size_t i, int confusion)
{
    if (i == (size_t)-1 || !is_right(l, i) ||
        l->freq[i] < l->evidence * l->word_freq)
        return;
    for (size_t k = 0; k < l->n_cand; k++)
        if (l->cand[k].word == i) {
            l->cand[k].confusion |= confusion;
            return;
        }
    if (l->n_cand < CANDIDATES_MAX)
        l->cand[l->n_cand++] = (candidate_t){i, confusion};
}

/* The words one OCR confusion makes of w. */
static void by_confusions(linker_t *l, const char *w, size_t n)
{
    for (size_t r = 0; r < misread_n_confusions; r++)
        for (int dir = 0; dir < 2; dir++) {
            const char *from = misread_confusions[r][dir];
            const char *to = misread_confusions[r][!dir];
            size_t fl = strlen(from), tl = strlen(to);
            for (size_t i = 0; i + fl <= n; i++) {
                char cand[WORD_BYTES];
                if (memcmp(w + i, from, fl) != 0 || n - fl + tl >= sizeof cand)
                    continue;
                memcpy(cand, w, i);
                memcpy(cand + i, to, tl);
                memcpy(cand + i + tl, w + i + fl, n - i - fl);
                consider(l, word_index(l, cand, n - fl + tl), 1);
            }
        }
}

/* The right words that `s` is, less one letter (at `pos`, or any letter
 * when pos is (size_t)-1). */
static void by_cuts(linker_t *l, const char *s, size_t len, size_t pos)
{
    const size_t *head = wordset_get(l->cuts, s, len);
    for (size_t c = head ? *head : 0; c; c = l->cut[c - 1].next)
        if (pos == (size_t)-1 || l->cut[c - 1].pos == pos)
            consider(l, l->cut[c - 1].word, 0);
}

/* The words one edit makes of w: a letter lost (w is a right word less
 * one), added (w less one is a right word) or changed (both less the same
 * letter are one). */
static void by_edits(linker_t *l, const char *w, size_t n)
{
    size_t off[WORD_BYTES], k = code_points(w, n, off);
    by_cuts(l, w, n, (size_t)-1);
    for (size_t j = 0; j < k; j++) {
        char cut[WORD_BYTES];
        size_t len = cut_letter(w, n, off, j, cut);
        consider(l, word_index(l, cut, len), 0);
        by_cuts(l, cut, len, j);
    }
}

/* The analyzers of the languages the handle met, English first, into
 * one (1 + DB_MAX_LANGUAGES); how many. */
static size_t analyzers_of(fond_db_t *db, analyzer_t **one)
{
    size_t n = 0;
    one[n++] = db->analyzer;
    for (size_t i = 0; i < db->n_analyzers; i++)
        one[n++] = db->analyzers[i];
    return n;
}

/* The same family in some language the database met: one stem. */
static int same_family(linker_t *l, const char *a, const char *b)
{
    analyzer_t *one[1 + DB_MAX_LANGUAGES];
    size_t n = analyzers_of(l->db, one);
    for (size_t i = 0; i < n; i++) {
        if (!one[i])
            continue;
        char stem[WORD_BYTES];
        size_t sl = 0, tl = 0;
        const char *s = analyze_folded_stem(one[i], a, strlen(a), &sl);
        if (!s || sl >= sizeof stem)
            continue;
        memcpy(stem, s, sl);
        const char *t = analyze_folded_stem(one[i], b, strlen(b), &tl);
        if (t && tl == sl && memcmp(stem, t, sl) == 0)
            return 1;
    }
    return 0;
}

/* Is the word of a family the collection holds often (its other forms, in
 * some language met, in more than rare_max passages)?  Then it is a word
 * of its own ("contrasts" beside "contrast"), not a misreading; a garbled
 * word has no family.  Its forms are the words under its stem. */
typedef struct {
    linker_t *l;
    analyzer_t *a;
    const char *word, *stem;
    size_t stem_len, others, seen;
} family_ctx_t;

static int take_form(void *ctx, const char *term, size_t freq)
{
    family_ctx_t *f = ctx;
    if (++f->seen > 64)
        return 1;
    size_t n = 0;
    const char *stem = strcmp(term, f->word) == 0 ? NULL
                       : analyze_folded_stem(f->a, term, strlen(term), &n);
    if (stem && n == f->stem_len && memcmp(stem, f->stem, n) == 0)
        f->others += freq;
    return 0;
}

static fond_status_t scan_family(fond_db_t *db, void *ctx)
{
    family_ctx_t *f = ctx;
    return store_terms_freq(db->store, f->stem, take_form, f);
}

static int family_common(linker_t *l, const char *w)
{
    analyzer_t *one[1 + DB_MAX_LANGUAGES];
    size_t n = analyzers_of(l->db, one);
    store_t *first = l->db->store;
    int common = 0;
    for (size_t i = 0; i < n && !common && l->status == FOND_OK; i++) {
        char stem[WORD_BYTES];
        size_t sl = 0;
        const char *s = one[i] ? analyze_folded_stem(one[i], w, strlen(w), &sl)
                               : NULL;
        if (!s || sl >= sizeof stem || sl < MIN_LETTERS)
            continue;
        memcpy(stem, s, sl);
        stem[sl] = '\0';
        family_ctx_t f = {l, one[i], w, stem, sl, 0, 0};
        fail_store(l, db_each_store(l->db, scan_family, &f));
        common = f.others > l->rare_max;
    }
    l->db->store = first;
    return common;
}

/* Candidates by kind (confusions first), then by frequency. */
static int better(const linker_t *l, const candidate_t *a, const candidate_t *b)
{
    if (a->confusion != b->confusion)
        return a->confusion > b->confusion;
    return l->freq[a->word] > l->freq[b->word];
}

/* ------------------------------------------------------------ writing */

typedef struct {
    const char *word;
    int found;
} present_t;

static int is_word(void *ctx, const char *synonym)
{
    present_t *p = ctx;
    p->found = strcmp(p->word, synonym) == 0;
    return p->found;
}

/* Link misread to right, unless it is. */
static void link_words(linker_t *l, const char *right, const char *misread)
{
    char key[KEY_BYTES];
    snprintf(key, sizeof key, MISREAD_KEY "%s", right);
    present_t p = {misread, 0};
    store_t *scanned = l->db->store;
    l->db->store = l->first;
    fail_store(l, store_synonyms(l->first, key, is_word, &p));
    if (l->status == FOND_OK && !p.found) {
        fail_store(l, store_add_synonym(l->first, key, misread));
        if (l->status == FOND_OK)
            l->status = db_mirror_synonym(l->db, key, misread);
        l->linked += l->status == FOND_OK;
    }
    l->db->store = scanned;
}

/* Judge a word of the collection, met first in this store: a rare one is
 * linked to its best right words (second scan). */
static int judge(void *ctx, const char *w, size_t freq)
{
    linker_t *l = ctx;
    size_t n = strlen(w), off[WORD_BYTES];
    int first = 1;
    if (n >= WORD_BYTES || !has_letter(w))
        return 0;
    size_t letters = code_points(w, n, off);
    if (letters < SHORT_LETTERS ||
        (freq = total_freq(l, w, freq, &first)) > l->scarce_max || !first)
        return l->status != FOND_OK;
    l->word = w;
    l->word_freq = freq;
    l->n_cand = 0;
    l->is_unsure = l->unsure && wordset_has(l->unsure, w, n);
    int scarce = freq > l->rare_max;
    l->evidence = scarce ? SCARCE_EVIDENCE
                  : letters < MIN_LETTERS ? SHORT_EVIDENCE
                  : l->is_unsure ? UNSURE_EVIDENCE : EVIDENCE;
    by_confusions(l, w, n);
    if (!scarce && (letters >= PLAIN_MIN_LETTERS ||
                    (l->is_unsure && letters >= MIN_LETTERS)))
        by_edits(l, w, n);
    if (l->n_cand && family_common(l, w))
        return l->status != FOND_OK;
    size_t linked = 0;
    for (size_t k = 0; k < l->n_cand && linked < LINKS_MAX; k++) {
        size_t best = k;
        for (size_t j = k + 1; j < l->n_cand; j++)
            if (better(l, &l->cand[j], &l->cand[best]))
                best = j;
        candidate_t c = l->cand[best];
        l->cand[best] = l->cand[k];
        l->cand[k] = c;
        if (!same_family(l, w, word_at(l, c.word))) {
            link_words(l, word_at(l, c.word), w);
            linked++;
        }
    }
    return l->status != FOND_OK;
}

static fond_status_t judge_store(fond_db_t *db, void *ctx)
{
    linker_t *l = ctx;
    each_word(l, db->store, judge);
    return l->status;
}

/* ------------------------------------------------------------ pruning */

typedef struct {
    linker_t *l;
    char **keys;
    size_t n, cap;
} keys_t;

static int take_key(void *ctx, const char *key)
{
    keys_t *k = ctx;
    char *copy = strdup(key);
    if (!copy || array_reserve(&k->keys, &k->cap, k->n + 1, sizeof *k->keys, 64)) {
        free(copy);
        fail_nomem(k->l);
        return 1;
    }
    k->keys[k->n++] = copy;
    return 0;
}

typedef struct {
    linker_t *l;
    char kept[4096];  /* the mirror: the links kept, separated by spaces */
    char *gone[64];
    size_t n_gone;
    int full;
} key_links_t;

/* A misreading stays linked while some passage holds it and it is rare. */
static int sort_link(void *ctx, const char *misread)
{
    key_links_t *k = ctx;
    int first = 1;
    k->l->scanned = NULL;
    size_t freq = total_freq(k->l, misread, 0, &first);
    if (freq > 0 && freq <= k->l->scarce_max) {
        size_t at = strlen(k->kept);
        snprintf(k->kept + at, sizeof k->kept - at, "%s%s", at ? " " : "",
                 misread);
    } else if (k->n_gone < sizeof k->gone / sizeof *k->gone &&
               (k->gone[k->n_gone] = strdup(misread)) != NULL) {
        k->n_gone++;
    } else {
        k->full = 1; /* the rest next time */
    }
    return 0;
}

/* The links of one key, pruned. */
static void prune_key(linker_t *l, const char *key)
{
    key_links_t k = {.l = l};
    fail_store(l, store_synonyms(l->db->store, key, sort_link, &k));
    for (size_t i = 0; i < k.n_gone && l->status == FOND_OK; i++) {
        fail_store(l, store_remove_synonym(l->db->store, key, k.gone[i]));
        l->pruned += l->status == FOND_OK;
    }
    if (k.n_gone && l->status == FOND_OK) {
        char mkey[KEY_BYTES + 8];
        snprintf(mkey, sizeof mkey, "syn:%s", key);
        fail_store(l, store_set_metadata(l->db->store, mkey, k.kept));
    }
    for (size_t i = 0; i < k.n_gone; i++)
        free(k.gone[i]);
}

static fond_status_t prune_store(fond_db_t *db, void *ctx)
{
    linker_t *l = ctx;
    keys_t keys = {l, NULL, 0, 0};
    fail_store(l, store_synonym_keys(db->store, MISREAD_KEY, take_key, &keys));
    for (size_t i = 0; i < keys.n; i++) {
        if (l->status == FOND_OK)
            prune_key(l, keys.keys[i]);
        free(keys.keys[i]);
    }
    free(keys.keys);
    return l->status;
}

/* ------------------------------------------------------------ the API */

static fond_status_t first_store(fond_db_t *db, void *ctx)
{
    store_t **first = ctx;
    if (!*first)
        *first = db->store;
    return FOND_OK;
}

static void linker_free(linker_t *l)
{
    wordset_free(l->vocab);
    wordset_free(l->cuts);
    free(l->arena);
    free(l->at);
    free(l->freq);
    free(l->cut);
}

fond_status_t fond_db_link_misreadings(fond_db_t *db, size_t *linked,
                                       size_t *pruned)
{
    FOND_ASSERT_ARG(db, linked && pruned);
    linker_t l = {.db = db, .status = FOND_OK, .unsure = db->misread_unsure};
    *linked = *pruned = 0;
    db_each_store(db, first_store, &l.first);
    if (wordset_new(&l.vocab) != FOND_OK)
        fail_nomem(&l);
    if (l.status == FOND_OK)
        db_each_store(db, count_store, &l);
    l.rare_max = l.docs / RARE_SHARE > RARE_MIN ? l.docs / RARE_SHARE : RARE_MIN;
    l.scarce_max = l.docs / SCARCE_SHARE > l.rare_max ? l.docs / SCARCE_SHARE
                                                      : l.rare_max;
    if (l.status == FOND_OK)
        db_each_store(db, scan_common, &l);
    if (l.status == FOND_OK)
        db_each_store(db, prune_store, &l);
    if (l.status == FOND_OK)
        make_cuts(&l);
    if (l.status == FOND_OK)
        db_each_store(db, judge_store, &l);
    db->store = l.first;
    *linked = l.linked;
    *pruned = l.pruned;
    linker_free(&l);
    return l.status;
}

/* ------------------------------------------------------------ unsure words */

typedef struct {
    wordset_t *set;
    int failed;
} note_ctx_t;

static int note_word(void *ctx, const analyze_token_t *t)
{
    note_ctx_t *c = ctx;
    c->failed = wordset_size(c->set) >= UNSURE_MAX ||
                wordset_add(c->set, t->word, t->word_len) != FOND_OK;
    return c->failed;
}

void db_misread_note(fond_db_t *db, const ocr_text_t *layout)
{
    if (!db->misread_unsure && wordset_new(&db->misread_unsure) != FOND_OK)
        return;
    note_ctx_t c = {db->misread_unsure, 0};
    for (size_t i = 0; i < layout->n_words && !c.failed; i++) {
        const ocr_word_t *w = &layout->words[i];
        if (w->conf == OCR_CONF_NONE || w->conf >= MISREAD_UNSURE ||
            w->page == 0 || w->page > layout->n_pages ||
            !layout->pages[w->page - 1].by_ocr)
            continue;
        analyze_words(db->analyzer, layout->text + w->start, w->len, note_word,
                      &c);
    }
}
