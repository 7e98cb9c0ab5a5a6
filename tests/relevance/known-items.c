/*
 * known-items.c -- known-item evaluation that cannot be tuned by hand, in the
 * manner of TREC-5's confusion track: pick a passage, take a few of its words
 * the way a person would, and score whether that passage comes back.
 *
 *   known-items generate [--seed N] [--count N] [--from FROM.tsv] PASSAGES.tsv
 *       Writes N queries (default 400, seed 1) as TSV lines
 *       "qid TAB split TAB kind TAB target-id TAB query".  PASSAGES.tsv
 *       ("id TAB text", as bench/export-passages writes) is the collection:
 *       how rare a word is, is counted over it.  The targets are drawn from
 *       FROM.tsv (default: PASSAGES.tsv), e.g. the pages that went through
 *       OCR.  Same files and seed, same queries, on any machine.
 *   known-items generate --straddle [--seed N] [--count N] PASSAGES.tsv
 *       Writes N queries that straddle a passage boundary (kind
 *       "straddle"): see "Straddling queries" below.
 *   known-items fond DB QUERIES.tsv
 *       Runs each query through fond (fond_db_search, the default options)
 *       and writes a block "#Q<qid>" followed by the text of each of the
 *       first 10 hits, one a line.  The peers' runners (bench/relevance)
 *       write the same blocks.
 *   known-items standin SEED COUNT OUTDIR TEXT...
 *       Writes COUNT files of generated text into OUTDIR (see standin()), a
 *       stand-in collection for a test without the network.
 *   known-items score QUERIES.tsv TARGETS.tsv RESULTS [MIN_MRR]
 *       For each query, the rank of the first hit that is its target, then
 *       one TSV line per split: "split queries MRR@10 hits@1 hits@10" (all,
 *       tune, held-out) and one per kind of query.  Exits 1 if MRR@10 over
 *       all queries is below MIN_MRR.
 *
 * How a person's query is made (generate):
 *   - the target: a passage of at least MIN_WORDS words, drawn uniformly,
 *     each passage at most once while there are unused ones;
 *   - 1 to 5 words (1: 10%, 2: 25%, 3: 30%, 4: 20%, 5: 15%), drawn without
 *     replacement from the passage's distinct words that are not stop words
 *     (numbers: years only), weighted by idf^3, names (a capital letter not
 *     at a sentence's start) twice as likely; a one-word query takes a word
 *     of at most ONE_WORD_MAX_DF passages (a single word has to be a telling
 *     one), or becomes a two-word query if the passage has none; typed in
 *     the passage's order 70% of the time; lower case 60% of the time, else
 *     as written; accents typed 50% of the time, else dropped (a person at an
 *     ASCII keyboard);
 *   - now and then one word is typed wrong: a misspelling (10%: a letter
 *     dropped, doubled, swapped with the next, or a vowel for another), another
 *     transliteration of a name (8%: kh/h, j/dzh, y/i, ou/u, ...), or
 *     another form of the word (8%: a plural s added or dropped, never to a
 *     word in -ed, -ing or -ly).  The query's
 *     kind says which: plain, misspelt, translit, form.
 *
 * Straddling queries (generate --straddle): a person remembers a stretch
 * of text, not where fond cut it.  The target passage and the one after
 * it in the same source (or, for a source's last passage, the one before);
 * 3 to 5 words drawn as above from the STRADDLE_WORDS words either side of
 * the boundary, most of them (2 of 3, 3 of 4, 3 of 5) from the target's
 * side, the rest from the neighbour's side and not in the target at all;
 * typed in the text's order, lower case 60% of the time.  The target is
 * the passage holding most of the query.
 *
 * Splits: a query belongs to "tune" or "held-out" by a hash of its target's
 * text (FNV-1a, even or odd), so the split does not move when the collection
 * is indexed under another folder.  Tune on "tune" only; report both.
 *
 * When a hit is the target (score): the target passage's text and the hit's
 * text are folded (ASCII lower case, runs of letters and digits as words) and
 * cut into word 3-grams; the hit is the target if it holds at least 30% of
 * the target's distinct 3-grams.  On the clean collection the target holds
 * all of them; on a damaged or OCR'd copy, cut into passages differently, the
 * passage holding the larger part of the target's text still does, while two
 * unrelated passages share a few 3-grams at most.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fond.h"
#include "rng.h"

#define TOP 10
#define MIN_WORDS 20
#define MAX_QUERY_WORDS 5
#define MATCH_SHARE 0.30
#define ONE_WORD_MAX_DF 5
#define STRADDLE_WORDS 40

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("known-items: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fputs("known-items: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

static char *xstrndup(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* ------------------------------------------------------------ randomness */

/* An integer in [0, n). */
static size_t rng_below(size_t n) { return n ? (size_t)(rng_unit() * (double)n) : 0; }

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    return h;
}

/* ------------------------------------------------------------ passages */

/* The file at path, open for reading; NULL (and said why) if it is not. */
static FILE *open_or_say(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        fprintf(stderr, "known-items: cannot open %s: %s\n", path, strerror(errno));
    return f;
}

/* The next line of f in *line (grown as needed), its line ending removed;
 * 0 at the end of the file. */
static int read_line(FILE *f, char **line, size_t *cap)
{
    ssize_t len = getline(line, cap, f);
    if (len < 0)
        return 0;
    while (len > 0 && ((*line)[len - 1] == '\n' || (*line)[len - 1] == '\r'))
        (*line)[--len] = '\0';
    return 1;
}

typedef struct {
    char *id;
    char *text;
} passage_t;

typedef struct {
    passage_t *items;
    size_t count;
} passages_t;

/* Reads "id TAB text" lines; lines without a tab are skipped. */
static int passages_read(passages_t *ps, const char *path)
{
    FILE *f = open_or_say(path);
    if (!f)
        return -1;
    size_t cap = 0;
    char *line = NULL;
    size_t len_cap = 0;
    ps->items = NULL;
    ps->count = 0;
    while (read_line(f, &line, &len_cap)) {
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        if (ps->count == cap) {
            cap = cap ? 2 * cap : 1024;
            ps->items = xrealloc(ps->items, cap * sizeof *ps->items);
        }
        ps->items[ps->count].id = xstrndup(line, (size_t)(tab - line));
        ps->items[ps->count].text = xstrndup(tab + 1, strlen(tab + 1));
        ps->count++;
    }
    free(line);
    fclose(f);
    return 0;
}

static void passages_free(passages_t *ps)
{
    for (size_t i = 0; i < ps->count; i++) {
        free(ps->items[i].id);
        free(ps->items[i].text);
    }
    free(ps->items);
}

static const passage_t *passages_find(const passages_t *ps, const char *id)
{
    for (size_t i = 0; i < ps->count; i++)
        if (!strcmp(ps->items[i].id, id))
            return &ps->items[i];
    return NULL;
}

/* ------------------------------------------------------------ words */

/* A word: a run of ASCII letters and digits and of any non-ASCII bytes (the
 * letters of other scripts, accented letters).  Punctuation in UTF-8 (’ “ —)
 * also has high bytes: the common ones are taken as separators. */
static int is_separator_seq(const unsigned char *p)
{
    /* U+2018..U+201F quotes, U+2013/2014 dashes, U+2026 ellipsis */
    if (p[0] == 0xe2 && p[1] == 0x80 &&
        ((p[2] >= 0x93 && p[2] <= 0x94) || (p[2] >= 0x98 && p[2] <= 0x9f) || p[2] == 0xa6))
        return 3;
    /* U+00AB, U+00BB guillemets; U+00A0 no-break space */
    if (p[0] == 0xc2 && (p[1] == 0xab || p[1] == 0xbb || p[1] == 0xa0))
        return 2;
    return 0;
}

static int is_word_byte(const unsigned char *p)
{
    return isalnum(*p) || (*p >= 0x80 && !is_separator_seq(p));
}

/* The next word of s from *pos: its start and length; 0 at the end. */
static int next_word(const char *s, size_t *pos, size_t *start, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = *pos;
    while (u[i]) {
        int sep = u[i] >= 0x80 ? is_separator_seq(u + i) : 0;
        if (sep) {
            i += (size_t)sep;
            continue;
        }
        if (is_word_byte(u + i))
            break;
        i++;
    }
    if (!u[i])
        return 0;
    *start = i;
    while (u[i] && is_word_byte(u + i))
        i++;
    *len = i - *start;
    *pos = i;
    return 1;
}

/* The folded form: ASCII lower case, the rest as it is. */
static char *fold(const char *s, size_t n)
{
    char *d = xstrndup(s, n);
    for (char *p = d; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return d;
}

static const char *const STOP_WORDS[] = {
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an",
    "and", "any", "are", "as", "at", "be", "because", "been", "before", "being",
    "below", "between", "both", "but", "by", "can", "could", "did", "do", "does",
    "doing", "down", "during", "each", "few", "for", "from", "further", "had",
    "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
    "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself",
    "may", "me", "might", "more", "most", "must", "my", "myself", "near", "no",
    "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other",
    "our", "ours", "ourselves", "out", "over", "own", "same", "shall", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "theirs",
    "them", "themselves", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "under", "until", "up", "upon", "very", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "whom", "why",
    "will", "with", "would", "you", "your", "yours", "yourself", "yourselves",
    "every", "many", "much", "well", "made", "make", "yet", "within", "without",
    "whether", "per", "let", "us",
};

static int is_stop_word(const char *folded)
{
    for (size_t i = 0; i < sizeof STOP_WORDS / sizeof *STOP_WORDS; i++)
        if (!strcmp(folded, STOP_WORDS[i]))
            return 1;
    return 0;
}

/* A word worth typing: not a stop word, three letters or more; of numbers,
 * only years (four digits from 1000 to 2999). */
static int is_candidate(const char *folded)
{
    size_t n = strlen(folded), digits = 0;
    for (size_t i = 0; i < n; i++)
        digits += isdigit((unsigned char)folded[i]) != 0;
    if (digits == n)
        return n == 4 && (folded[0] == '1' || folded[0] == '2');
    if (digits)
        return 0; /* "f28", "1st": references, typed otherwise */
    return n >= 3 && !is_stop_word(folded);
}

/* ------------------------------------------------------------ word counts */

/* An open-addressing table from folded word to the passages holding it. */
typedef struct {
    char **keys;
    size_t *counts;
    size_t *last; /* the last passage counted, to count each once */
    size_t cap, used;
} dict_t;

static size_t dict_slot(const dict_t *d, const char *key)
{
    size_t i = (size_t)fnv1a(key, strlen(key)) & (d->cap - 1);
    while (d->keys[i] && strcmp(d->keys[i], key))
        i = (i + 1) & (d->cap - 1);
    return i;
}

static void dict_grow(dict_t *d)
{
    dict_t n = {0};
    n.cap = d->cap ? 2 * d->cap : 1 << 16;
    n.keys = calloc(n.cap, sizeof *n.keys);
    n.counts = calloc(n.cap, sizeof *n.counts);
    n.last = calloc(n.cap, sizeof *n.last);
    if (!n.keys || !n.counts || !n.last) {
        fputs("known-items: out of memory\n", stderr);
        exit(2);
    }
    for (size_t i = 0; i < d->cap; i++) {
        if (!d->keys[i])
            continue;
        size_t j = dict_slot(&n, d->keys[i]);
        n.keys[j] = d->keys[i];
        n.counts[j] = d->counts[i];
        n.last[j] = d->last[i];
    }
    n.used = d->used;
    free(d->keys);
    free(d->counts);
    free(d->last);
    *d = n;
}

/* Counts `key` once for passage number `passage` (from 1); takes it. */
static void dict_count(dict_t *d, char *key, size_t passage)
{
    if (2 * (d->used + 1) > d->cap)
        dict_grow(d);
    size_t i = dict_slot(d, key);
    if (!d->keys[i]) {
        d->keys[i] = key;
        d->used++;
    } else {
        free(key);
    }
    if (d->last[i] != passage) {
        d->last[i] = passage;
        d->counts[i]++;
    }
}

static size_t dict_get(const dict_t *d, const char *key)
{
    if (!d->cap)
        return 0;
    size_t i = dict_slot(d, key);
    return d->keys[i] ? d->counts[i] : 0;
}

static void dict_free(dict_t *d)
{
    for (size_t i = 0; i < d->cap; i++)
        free(d->keys[i]);
    free(d->keys);
    free(d->counts);
    free(d->last);
}

/* ------------------------------------------------------------ typing */

/* Drops the accents of common Latin letters (two-byte UTF-8), as a person
 * at an ASCII keyboard types them: "émigrés" -> "emigres". */
static void drop_accents(char *s)
{
    static const char *const pairs[][2] = {
        {"á", "a"}, {"à", "a"}, {"â", "a"}, {"ä", "a"}, {"ã", "a"}, {"å", "a"}, {"ā", "a"},
        {"ç", "c"}, {"č", "c"}, {"ć", "c"}, {"é", "e"}, {"è", "e"}, {"ê", "e"}, {"ë", "e"},
        {"ē", "e"}, {"ə", "e"}, {"ğ", "g"}, {"í", "i"}, {"ì", "i"}, {"î", "i"}, {"ï", "i"},
        {"ı", "i"}, {"ñ", "n"}, {"ó", "o"}, {"ò", "o"}, {"ô", "o"}, {"ö", "o"}, {"õ", "o"},
        {"ø", "o"}, {"ş", "s"}, {"š", "s"}, {"ś", "s"}, {"ú", "u"}, {"ù", "u"}, {"û", "u"},
        {"ü", "u"}, {"ū", "u"}, {"ý", "y"}, {"ž", "z"}, {"ź", "z"}, {"ż", "z"}, {"Á", "A"},
        {"À", "A"}, {"Â", "A"}, {"Ä", "A"}, {"Ç", "C"}, {"Č", "C"}, {"É", "E"}, {"È", "E"},
        {"Ê", "E"}, {"Ə", "E"}, {"Ğ", "G"}, {"Í", "I"}, {"İ", "I"}, {"Î", "I"}, {"Ñ", "N"},
        {"Ó", "O"}, {"Ô", "O"}, {"Ö", "O"}, {"Ş", "S"}, {"Š", "S"}, {"Ú", "U"}, {"Û", "U"},
        {"Ü", "U"}, {"Ž", "Z"},
    };
    const size_t n = sizeof pairs / sizeof *pairs;
    char *out = s;
    for (const char *p = s; *p;) {
        size_t k = 0;
        while (k < n && strncmp(p, pairs[k][0], strlen(pairs[k][0])))
            k++;
        if (k < n) {
            *out++ = pairs[k][1][0];
            p += strlen(pairs[k][0]);
        } else {
            *out++ = *p++;
        }
    }
    *out = '\0';
}

static int is_ascii_word(const char *s)
{
    for (; *s; s++)
        if (!isalpha((unsigned char)*s))
            return 0;
    return 1;
}

/* One typing error in an ASCII word of five letters or more; 0 if none
 * could be made.  The first letter is kept: people rarely get it wrong. */
static int misspell(char *w)
{
    size_t n = strlen(w);
    if (n < 5 || !is_ascii_word(w))
        return 0;
    size_t i = 1 + rng_below(n - 2); /* 1 .. n-2 */
    switch (rng_below(4)) {
    case 0: /* a letter dropped */
        memmove(w + i, w + i + 1, n - i);
        return 1;
    case 1: /* a letter doubled: room for it is there (see callers) */
        memmove(w + i + 1, w + i, n - i + 1);
        return 1;
    case 2: { /* two letters swapped */
        if (w[i] == w[i + 1])
            return 0;
        char c = w[i];
        w[i] = w[i + 1];
        w[i + 1] = c;
        return 1;
    }
    default: { /* one vowel for another */
        static const char vowels[] = "aeiou";
        for (size_t k = i; k < n; k++) {
            const char *v = strchr(vowels, tolower((unsigned char)w[k]));
            if (v && w[k]) {
                w[k] = vowels[((size_t)(v - vowels) + 1 + rng_below(4)) % 5];
                return 1;
            }
        }
        return 0;
    }
    }
}

/* Another romanisation of a name: one rule of the table that applies,
 * applied once, at a place after the first letter. */
static int transliterate(char *w, size_t room)
{
    static const char *const rules[][2] = {
        {"kh", "h"},   {"h", "kh"},   {"dzh", "j"},  {"j", "dzh"},  {"zh", "j"},
        {"ch", "tch"}, {"tch", "ch"}, {"sh", "sch"}, {"y", "i"},    {"i", "y"},
        {"ya", "ia"},  {"yu", "iu"},  {"ou", "u"},   {"u", "ou"},   {"ov", "off"},
        {"ev", "eff"}, {"ks", "x"},   {"x", "ks"},   {"ts", "tz"},  {"ph", "f"},
        {"w", "v"},    {"v", "w"},    {"c", "k"},    {"k", "c"},    {"ie", "ye"},
        {"ei", "ai"},  {"ai", "ei"},  {"ae", "e"},   {"z", "s"},    {"ss", "s"},
    };
    size_t n = strlen(w), nrules = sizeof rules / sizeof *rules;
    if (n < 4 || !is_ascii_word(w))
        return 0;
    /* Try the rules from a random one on, the first that applies wins. */
    size_t first = rng_below(nrules);
    for (size_t r = 0; r < nrules; r++) {
        const char *from = rules[(first + r) % nrules][0];
        const char *to = rules[(first + r) % nrules][1];
        size_t fl = strlen(from), tl = strlen(to);
        for (size_t i = 1; i + fl <= n; i++) {
            if (strncasecmp(w + i, from, fl))
                continue;
            if (n - fl + tl + 1 > room)
                return 0;
            memmove(w + i + tl, w + i + fl, n - i - fl + 1);
            memcpy(w + i, to, tl);
            return 1;
        }
    }
    return 0;
}

/* Another form of the word: a plural s dropped or added. */
static int reform(char *w, size_t room)
{
    size_t n = strlen(w);
    if (n < 4 || !is_ascii_word(w))
        return 0;
    if (!strcmp(w + n - 2, "ed") || !strcmp(w + n - 2, "ly") || (n > 4 && !strcmp(w + n - 3, "ing")))
        return 0; /* no plural of a verb's form or an adverb */
    if (w[n - 1] == 's' && w[n - 2] != 's') {
        w[n - 1] = '\0';
        return 1;
    }
    if (n + 2 > room)
        return 0;
    w[n] = 's';
    w[n + 1] = '\0';
    return 1;
}

/* ------------------------------------------------------------ generate */

typedef struct {
    char *word;   /* as written */
    char *folded;
    double weight;
    size_t order; /* first place in the passage */
} candidate_t;

static int by_order(const void *a, const void *b)
{
    const candidate_t *x = *(candidate_t *const *)a, *y = *(candidate_t *const *)b;
    return (x->order > y->order) - (x->order < y->order);
}

/* The candidates of a passage (distinct folded words worth typing), with
 * their weights; returns how many. */
static size_t candidates_of(const char *text, const dict_t *df, size_t total, int one_word,
                            candidate_t **out)
{
    size_t cap = 64, n = 0, pos = 0, start, len, order = 0;
    candidate_t *c = xmalloc(cap * sizeof *c);
    int sentence_start = 1;
    size_t prev_end = 0;
    while (next_word(text, &pos, &start, &len)) {
        /* a sentence starts after . ! ? (and at the passage's start) */
        for (size_t k = prev_end; k < start; k++)
            if (strchr(".!?:", text[k]))
                sentence_start = 1;
        prev_end = start + len;
        char *folded = fold(text + start, len);
        int name = isupper((unsigned char)text[start]) && !sentence_start;
        sentence_start = 0;
        order++;
        if (!is_candidate(folded)) {
            free(folded);
            continue;
        }
        size_t k = 0;
        while (k < n && strcmp(c[k].folded, folded))
            k++;
        if (k < n) {
            free(folded);
            continue;
        }
        size_t count = dict_get(df, folded);
        double idf = log((double)total / (double)(count ? count : 1)) + 0.1;
        if (n == cap)
            c = xrealloc(c, (cap *= 2) * sizeof *c);
        c[n].word = xstrndup(text + start, len);
        c[n].folded = folded;
        c[n].weight = pow(idf, 3) * (name ? 2.0 : 1.0);
        if (one_word && count > ONE_WORD_MAX_DF)
            c[n].weight = 0;
        c[n].order = order;
        n++;
    }
    *out = c;
    return n;
}

static size_t query_length(void)
{
    double r = rng_unit();
    return r < 0.10 ? 1 : r < 0.35 ? 2 : r < 0.65 ? 3 : r < 0.85 ? 4 : 5;
}

/* How many words a text has. */
static size_t word_count(const char *text)
{
    size_t pos = 0, start, len, n = 0;
    while (next_word(text, &pos, &start, &len))
        n++;
    return n;
}

/* Draw `want` of the n candidates (no more than are drawable) into
 * chosen without replacement, by weight; returns how many. */
static size_t draw(candidate_t *c, size_t n, size_t want, candidate_t **chosen)
{
    size_t got = 0, drawable = 0;
    for (size_t k = 0; k < n; k++)
        drawable += c[k].weight > 0;
    while (got < want && got < drawable) {
        double sum = 0;
        for (size_t k = 0; k < n; k++)
            sum += c[k].weight;
        double r = rng_unit() * sum;
        size_t k = 0;
        for (; k + 1 < n && (r -= c[k].weight) >= 0; k++)
            ;
        while (c[k].weight == 0) /* rounding at the end: the last drawable */
            k = (k + n - 1) % n;
        chosen[got++] = &c[k];
        c[k].weight = 0;
    }
    return got;
}

static void candidates_free(candidate_t *c, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        free(c[k].word);
        free(c[k].folded);
    }
    free(c);
}

/* The first (or, with from_end, the last) `words` words of text, as a
 * string of its own. */
static char *text_edge(const char *text, size_t words, int from_end)
{
    size_t total = word_count(text), skip = from_end && total > words ? total - words : 0;
    size_t pos = 0, start = 0, len = 0, k = 0, first = 0, last = 0;
    while (next_word(text, &pos, &start, &len)) {
        if (k == skip)
            first = start;
        if (k < skip + words)
            last = start + len;
        k++;
    }
    return xstrndup(text + first, last > first ? last - first : 0);
}

/* Does the text hold this folded word? */
static int text_holds(const char *text, const char *folded)
{
    size_t pos = 0, start, len;
    while (next_word(text, &pos, &start, &len)) {
        char *w = fold(text + start, len);
        int same = !strcmp(w, folded);
        free(w);
        if (same)
            return 1;
    }
    return 0;
}

/* The passage after p in its source (id "HASH-N": HASH-(N+1)), or with
 * before, the one before it; NULL if there is none. */
static const passage_t *passage_beside(const passages_t *ps, const passage_t *p, int before)
{
    const char *dash = strrchr(p->id, '-');
    if (!dash)
        return NULL;
    long n = strtol(dash + 1, NULL, 10) + (before ? -1 : 1);
    if (n < 1)
        return NULL;
    char id[256];
    snprintf(id, sizeof id, "%.*s-%ld", (int)(dash - p->id), p->id, n);
    return passages_find(ps, id);
}

/* Queries that straddle a boundary (see the head of this file). */
static void generate_straddle(const passages_t *all, const size_t *eligible, size_t n_eligible,
                              const dict_t *df, size_t count)
{
    for (size_t q = 0, tries = 0; q < count && tries < 20 * count; tries++) {
        const passage_t *p = &all->items[eligible[tries % n_eligible]];
        int before = 0;
        const passage_t *o = passage_beside(all, p, 0);
        if (!o && (o = passage_beside(all, p, 1)))
            before = 1;
        if (!o || word_count(o->text) < MIN_WORDS)
            continue;
        size_t want = 3 + rng_below(3), mine = want == 3 ? 2 : 3;
        char *own_edge = text_edge(p->text, STRADDLE_WORDS, !before);
        char *other_edge = text_edge(o->text, STRADDLE_WORDS, before);
        candidate_t *c, *d;
        size_t n = candidates_of(own_edge, df, all->count, 0, &c);
        size_t m = candidates_of(other_edge, df, all->count, 0, &d);
        for (size_t k = 0; k < m; k++) /* the neighbour's side: words the target lacks */
            if (text_holds(p->text, d[k].folded))
                d[k].weight = 0;
        candidate_t *chosen[MAX_QUERY_WORDS];
        size_t got = draw(c, n, mine, chosen);
        size_t theirs = got == mine ? draw(d, m, want - mine, chosen + got) : 0;
        if (got == mine && theirs == want - mine) {
            qsort(chosen, got, sizeof *chosen, by_order);
            qsort(chosen + got, theirs, sizeof *chosen, by_order);
            int lower = rng_unit() < 0.6;
            const char *split = fnv1a(p->text, strlen(p->text)) & 1 ? "held-out" : "tune";
            printf("%zu\t%s\tstraddle\t%s\t", ++q, split, p->id);
            for (size_t k = 0; k < want; k++) {
                /* in the text's order: the side before the boundary first */
                size_t at = before ? (k < theirs ? got + k : k - theirs) : k;
                printf("%s%s", k ? " " : "", lower ? chosen[at]->folded : chosen[at]->word);
            }
            putchar('\n');
        }
        candidates_free(c, n);
        candidates_free(d, m);
        free(own_edge);
        free(other_edge);
    }
}

static int generate(int argc, char **argv)
{
    uint64_t seed = 1;
    size_t count = 400;
    const char *from_path = NULL, *path = NULL;
    int straddle = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--straddle"))
            straddle = 1;
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--count") && i + 1 < argc)
            count = strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--from") && i + 1 < argc)
            from_path = argv[++i];
        else if (!path && argv[i][0] != '-')
            path = argv[i];
        else
            path = NULL, i = argc;
    }
    if (!path || !count) {
        fputs("usage: known-items generate [--straddle] [--seed N] [--count N] "
              "[--from FROM.tsv] PASSAGES.tsv\n", stderr);
        return 2;
    }
    passages_t all, from;
    if (passages_read(&all, path) < 0)
        return 2;
    if (from_path ? passages_read(&from, from_path) < 0 : (from = all, 0))
        return 2;

    /* In how many passages of the collection each word is. */
    dict_t df = {0};
    for (size_t i = 0; i < all.count; i++) {
        size_t pos = 0, start, len;
        while (next_word(all.items[i].text, &pos, &start, &len))
            dict_count(&df, fold(all.items[i].text + start, len), i + 1);
    }

    /* The passages a query may come from, in a seeded order. */
    size_t *eligible = xmalloc((from.count + 1) * sizeof *eligible), n_eligible = 0;
    for (size_t i = 0; i < from.count; i++)
        if (word_count(from.items[i].text) >= MIN_WORDS)
            eligible[n_eligible++] = i;
    if (!n_eligible) {
        fputs("known-items: no passage has enough words to make a query of\n", stderr);
        return 1;
    }
    rng_state = seed;
    for (size_t i = n_eligible; i > 1; i--) { /* Fisher-Yates */
        size_t j = rng_below(i), t = eligible[i - 1];
        eligible[i - 1] = eligible[j];
        eligible[j] = t;
    }

    printf("# known-items generate --seed %llu --count %zu: %zu passages, %zu to draw from\n",
           (unsigned long long)seed, count, all.count, n_eligible);
    printf("# qid\tsplit\tkind\ttarget\tquery\n");
    if (straddle) {
        generate_straddle(&from, eligible, n_eligible, &df, count);
        count = 0;
    }
    for (size_t q = 0; q < count; q++) {
        const passage_t *p = &from.items[eligible[q % n_eligible]];
        size_t want = query_length();
        candidate_t *c;
        size_t n = candidates_of(p->text, &df, all.count, want == 1, &c);
        size_t drawable = 0;
        for (size_t k = 0; k < n; k++)
            drawable += c[k].weight > 0;
        if (want == 1 && !drawable) { /* no telling word: two ordinary ones */
            for (size_t k = 0; k < n; k++) {
                free(c[k].word);
                free(c[k].folded);
            }
            free(c);
            want = 2;
            n = candidates_of(p->text, &df, all.count, 0, &c);
            drawable = n;
        }
        if (want > drawable)
            want = drawable;
        candidate_t *chosen[MAX_QUERY_WORDS];
        size_t got = draw(c, n, want, chosen);
        if (rng_unit() < 0.7)
            qsort(chosen, got, sizeof *chosen, by_order);
        int lower = rng_unit() < 0.6, accents = rng_unit() < 0.5;

        /* Each word typed, with room for an error. */
        char words[MAX_QUERY_WORDS][256];
        for (size_t k = 0; k < got; k++) {
            snprintf(words[k], sizeof words[k], "%.200s", lower ? chosen[k]->folded : chosen[k]->word);
            if (!accents)
                drop_accents(words[k]);
        }
        const char *kind = "plain";
        double r = rng_unit();
        size_t victim = got ? rng_below(got) : 0;
        if (got && r < 0.10) {
            if (misspell(words[victim]))
                kind = "misspelt";
        } else if (got && r < 0.18) {
            /* a name's other romanisation: the first name among the words */
            for (size_t k = 0; k < got; k++) {
                size_t v = (victim + k) % got;
                if (isupper((unsigned char)chosen[v]->word[0]) &&
                    transliterate(words[v], sizeof words[v])) {
                    kind = "translit";
                    break;
                }
            }
        } else if (got && r < 0.26) {
            if (reform(words[victim], sizeof words[victim]))
                kind = "form";
        }

        const char *split = fnv1a(p->text, strlen(p->text)) & 1 ? "held-out" : "tune";
        printf("%zu\t%s\t%s\t%s\t", q + 1, split, kind, p->id);
        for (size_t k = 0; k < got; k++)
            printf("%s%s", k ? " " : "", words[k]);
        putchar('\n');
        for (size_t k = 0; k < n; k++) {
            free(c[k].word);
            free(c[k].folded);
        }
        free(c);
    }
    free(eligible);
    dict_free(&df);
    if (from_path)
        passages_free(&from);
    passages_free(&all);
    return 0;
}

/* ------------------------------------------------------------ queries */

typedef struct {
    char *qid, *split, *kind, *target, *query;
} query_t;

typedef struct {
    query_t *items;
    size_t count;
} queries_t;

static int queries_read(queries_t *qs, const char *path)
{
    FILE *f = open_or_say(path);
    if (!f)
        return -1;
    char *line = NULL;
    size_t cap = 0, have = 0;
    qs->items = NULL;
    qs->count = 0;
    while (read_line(f, &line, &cap)) {
        if (line[0] == '#' || !line[0])
            continue;
        char *field[5];
        size_t nf = 0;
        for (char *p = line; nf < 5; nf++) {
            field[nf] = p;
            char *tab = strchr(p, '\t');
            if (!tab) {
                nf++;
                break;
            }
            *tab = '\0';
            p = tab + 1;
        }
        if (nf != 5) {
            fprintf(stderr, "known-items: %s: a line without its 5 fields\n", path);
            free(line);
            fclose(f);
            return -1;
        }
        if (qs->count == have)
            qs->items = xrealloc(qs->items, (have = have ? 2 * have : 512) * sizeof *qs->items);
        query_t *q = &qs->items[qs->count++];
        q->qid = xstrndup(field[0], strlen(field[0]));
        q->split = xstrndup(field[1], strlen(field[1]));
        q->kind = xstrndup(field[2], strlen(field[2]));
        q->target = xstrndup(field[3], strlen(field[3]));
        q->query = xstrndup(field[4], strlen(field[4]));
    }
    free(line);
    fclose(f);
    return 0;
}

static void queries_free(queries_t *qs)
{
    for (size_t i = 0; i < qs->count; i++) {
        query_t *q = &qs->items[i];
        free(q->qid);
        free(q->split);
        free(q->kind);
        free(q->target);
        free(q->query);
    }
    free(qs->items);
}

/* ------------------------------------------------------------ fond */

/* Writes a hit's text on one line (white space collapsed). */
static void put_collapsed(const char *s)
{
    int space = 0, any = 0;
    for (; *s; s++) {
        if (strchr(" \t\r\n", *s)) {
            space = any;
            continue;
        }
        if (space)
            putchar(' ');
        space = 0;
        any = 1;
        putchar(*s);
    }
    putchar('\n');
}

static int run_fond(int argc, char **argv)
{
    if (argc != 4) {
        fputs("usage: known-items fond DB QUERIES.tsv\n", stderr);
        return 2;
    }
    queries_t qs;
    fond_db_t *db = NULL;
    fond_error_t err;
    if (queries_read(&qs, argv[3]) < 0)
        return 2;
    if (fond_db_open(&db, argv[2], FOND_DB_READ, &err) != FOND_OK) {
        fprintf(stderr, "known-items: cannot open %s: %s\n", argv[2], err.message);
        queries_free(&qs);
        return 2;
    }
    size_t refused = 0;
    for (size_t i = 0; i < qs.count; i++) {
        printf("#Q%s\n", qs.items[i].qid);
        fond_search_opts_t o = FOND_SEARCH_OPTS_INIT;
        o.limit = TOP;
        fond_results_t *r = NULL;
        if (fond_db_search(db, qs.items[i].query, &o, &r) != FOND_OK) {
            fprintf(stderr, "known-items: %s: %s\n", qs.items[i].query, fond_db_error(db));
            refused++;
            continue;
        }
        for (size_t k = 0; k < fond_results_count(r) && k < TOP; k++)
            put_collapsed(fond_results_hit(r, k)->text);
        fond_results_free(r);
    }
    fond_db_close(db);
    queries_free(&qs);
    if (refused)
        fprintf(stderr, "known-items: fond refused %zu queries\n", refused);
    return 0;
}

/* ------------------------------------------------------------ score */

/* The distinct folded word 3-grams of a text, as sorted hashes. */
typedef struct {
    uint64_t *items;
    size_t count;
} grams_t;

static int by_value(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static grams_t grams_of(const char *text)
{
    grams_t g = {0};
    size_t cap = 0, pos = 0, start, len, seen = 0;
    uint64_t h[3] = {0};
    while (next_word(text, &pos, &start, &len)) {
        char *w = fold(text + start, len);
        h[0] = h[1];
        h[1] = h[2];
        h[2] = fnv1a(w, len);
        free(w);
        if (++seen < 3)
            continue;
        if (g.count == cap)
            g.items = xrealloc(g.items, (cap = cap ? 2 * cap : 256) * sizeof *g.items);
        g.items[g.count++] = h[0] * 31 * 31 + h[1] * 31 + h[2];
    }
    if (seen && seen < 3) { /* a text of one or two words: the words */
        g.items = xrealloc(g.items, sizeof *g.items);
        g.items[0] = h[0] * 31 * 31 + h[1] * 31 + h[2];
        g.count = 1;
    }
    qsort(g.items, g.count, sizeof *g.items, by_value);
    size_t out = 0;
    for (size_t i = 0; i < g.count; i++)
        if (!out || g.items[out - 1] != g.items[i])
            g.items[out++] = g.items[i];
    g.count = out;
    return g;
}

/* Whether `hit` holds enough of the target's 3-grams to be the target. */
static int is_target(const grams_t *target, const char *hit)
{
    if (!target->count)
        return 0;
    grams_t g = grams_of(hit);
    size_t shared = 0;
    for (size_t i = 0; i < g.count; i++)
        shared += bsearch(&g.items[i], target->items, target->count, sizeof *target->items,
                          by_value) != NULL;
    free(g.items);
    return (double)shared >= MATCH_SHARE * (double)target->count;
}

typedef struct {
    const char *name;
    size_t n, hits1, hits10;
    double rr;
} tally_t;

static tally_t *tally_for(tally_t *t, size_t *n, const char *name)
{
    for (size_t i = 0; i < *n; i++)
        if (!strcmp(t[i].name, name))
            return &t[i];
    t[*n] = (tally_t){.name = name};
    return &t[(*n)++];
}

static void tally_add(tally_t *t, int rank)
{
    t->n++;
    t->hits1 += rank == 1;
    t->hits10 += rank >= 1;
    t->rr += rank >= 1 ? 1.0 / rank : 0;
}

static void tally_print(const char *label, const tally_t *t)
{
    printf("%s\t%zu\t%.3f\t%zu\t%zu\n", label, t->n, t->n ? t->rr / (double)t->n : 0,
           t->hits1, t->hits10);
}

static int score(int argc, char **argv)
{
    if (argc != 5 && argc != 6) {
        fputs("usage: known-items score QUERIES.tsv TARGETS.tsv RESULTS [MIN_MRR]\n", stderr);
        return 2;
    }
    queries_t qs;
    passages_t targets;
    if (queries_read(&qs, argv[2]) < 0)
        return 2;
    if (passages_read(&targets, argv[3]) < 0)
        return 2;
    FILE *f = open_or_say(argv[4]);
    if (!f)
        return 2;
    int *rank = calloc(qs.count + 1, sizeof *rank);
    size_t *seen = calloc(qs.count + 1, sizeof *seen);
    grams_t *grams = calloc(qs.count + 1, sizeof *grams);
    if (!rank || !seen || !grams) {
        fputs("known-items: out of memory\n", stderr);
        return 2;
    }
    for (size_t i = 0; i < qs.count; i++) {
        const passage_t *p = passages_find(&targets, qs.items[i].target);
        if (!p) {
            fprintf(stderr, "known-items: query %s: target %s is not in %s\n", qs.items[i].qid,
                    qs.items[i].target, argv[3]);
            return 2;
        }
        grams[i] = grams_of(p->text);
    }

    /* The blocks: "#Q<qid>", then the hits in rank order. */
    char *line = NULL;
    size_t cap = 0, current = SIZE_MAX;
    while (read_line(f, &line, &cap)) {
        if (!strncmp(line, "#Q", 2)) {
            current = SIZE_MAX;
            for (size_t i = 0; i < qs.count; i++)
                if (!strcmp(qs.items[i].qid, line + 2))
                    current = i;
            continue;
        }
        if (current == SIZE_MAX || rank[current] || seen[current] >= TOP)
            continue;
        seen[current]++;
        if (is_target(&grams[current], line))
            rank[current] = (int)seen[current];
    }
    free(line);
    fclose(f);

    tally_t splits[8], kinds[16];
    size_t n_splits = 0, n_kinds = 0;
    tally_t *all = tally_for(splits, &n_splits, "all");
    tally_for(splits, &n_splits, "tune");
    tally_for(splits, &n_splits, "held-out");
    for (size_t i = 0; i < qs.count; i++) {
        tally_add(all, rank[i]);
        if (n_splits < 8)
            tally_add(tally_for(splits, &n_splits, qs.items[i].split), rank[i]);
        if (n_kinds < 16)
            tally_add(tally_for(kinds, &n_kinds, qs.items[i].kind), rank[i]);
    }
    printf("# split\tqueries\tMRR@10\thits@1\thits@10\n");
    for (size_t i = 0; i < n_splits; i++)
        tally_print(splits[i].name, &splits[i]);
    for (size_t i = 0; i < n_kinds; i++) {
        char label[64];
        snprintf(label, sizeof label, "kind:%s", kinds[i].name);
        tally_print(label, &kinds[i]);
    }
    double mrr = all->n ? all->rr / (double)all->n : 0;
    double min_mrr = argc == 6 ? atof(argv[5]) : 0;
    for (size_t i = 0; i < qs.count; i++)
        free(grams[i].items);
    free(grams);
    free(rank);
    free(seen);
    passages_free(&targets);
    queries_free(&qs);
    if (argc == 6 && (all->n == 0 || mrr < min_mrr)) {
        fprintf(stderr, "known-items: MRR@10 %.3f is below the floor %.3f\n", mrr, min_mrr);
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ stand-in */

typedef struct {
    const char *word;
    size_t pos;
} place_t;

static int by_word_only(const void *a, const void *b)
{
    return strcmp(((const place_t *)a)->word, ((const place_t *)b)->word);
}

static int by_word(const void *a, const void *b)
{
    int c = by_word_only(a, b);
    size_t x = ((const place_t *)a)->pos, y = ((const place_t *)b)->pos;
    return c ? c : (x > y) - (x < y);
}

/* A stand-in collection, for a test that has no network: COUNT files of
 * 300 to 900 words written by a word-bigram chain over the given texts
 * (their headers left out), seeded.  The passages it makes share the
 * texts' vocabulary, names and all, in the texts' proportions, so the
 * known items have to be found among passages that look like them. */
static int standin(int argc, char **argv)
{
    if (argc < 6) {
        fputs("usage: known-items standin SEED COUNT OUTDIR TEXT...\n", stderr);
        return 2;
    }
    rng_state = strtoull(argv[2], NULL, 10);
    size_t count = strtoul(argv[3], NULL, 10);
    const char *outdir = argv[4];

    /* The words of every text, in order; NULL marks a text's end. */
    char **words = NULL;
    size_t n = 0, cap = 0;
    for (int i = 5; i < argc; i++) {
        FILE *f = open_or_say(argv[i]);
        if (!f)
            return 2;
        char *line = NULL;
        size_t lcap = 0;
        int header = 1;
        while (read_line(f, &line, &lcap)) {
            /* "Field: value" lines up to the first blank one are a header */
            if (header && line[0] && strstr(line, ": ") && isupper((unsigned char)line[0]) &&
                strcspn(line, " ") == (size_t)(strstr(line, ": ") - line) + 1)
                continue;
            header = 0;
            for (char *w = strtok(line, " \t\f"); w; w = strtok(NULL, " \t\f")) {
                if (n + 2 > cap)
                    words = xrealloc(words, (cap = cap ? 2 * cap : 4096) * sizeof *words);
                words[n++] = xstrndup(w, strlen(w));
            }
        }
        free(line);
        fclose(f);
        if (n + 1 > cap)
            words = xrealloc(words, (cap = cap + 1) * sizeof *words);
        words[n++] = NULL;
    }
    if (n < 2) {
        fputs("known-items: the texts hold no words\n", stderr);
        return 1;
    }
    /* Every place of every word, sorted by word: a word's places are a
     * run, found by binary search. */
    place_t *places = xmalloc(n * sizeof *places);
    size_t n_places = 0;
    for (size_t i = 0; i < n; i++)
        if (words[i])
            places[n_places++] = (place_t){words[i], i};
    qsort(places, n_places, sizeof *places, by_word);

    for (size_t k = 0; k < count; k++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/standin-%04zu.txt", outdir, k + 1);
        FILE *out = fopen(path, "w");
        if (!out) {
            fprintf(stderr, "known-items: cannot write %s: %s\n", path, strerror(errno));
            return 2;
        }
        size_t want = 300 + rng_below(601), i = rng_below(n);
        for (size_t w = 0; w < want; w++) {
            while (!words[i] || (w == 0 && !isupper((unsigned char)words[i][0])))
                i = rng_below(n);
            fprintf(out, "%s%s", words[i], w + 1 == want ? ".\n" :
                    (w % 97 == 96 && strchr(".!?", words[i][strlen(words[i]) - 1])) ? "\n\n" : " ");
            /* The next word: the one after a place of this word, drawn. */
            place_t key = {words[i], 0};
            place_t *hit = bsearch(&key, places, n_places, sizeof *places, by_word_only);
            size_t lo = (size_t)(hit - places), hi = lo;
            while (lo > 0 && !strcmp(places[lo - 1].word, words[i]))
                lo--;
            while (hi + 1 < n_places && !strcmp(places[hi + 1].word, words[i]))
                hi++;
            size_t j = places[lo + rng_below(hi - lo + 1)].pos;
            i = j + 1 < n && words[j + 1] ? j + 1 : rng_below(n);
        }
        fclose(out);
    }
    free(places);
    for (size_t i = 0; i < n; i++)
        free(words[i]);
    free(words);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "generate"))
        return generate(argc, argv);
    if (argc >= 2 && !strcmp(argv[1], "fond"))
        return run_fond(argc, argv);
    if (argc >= 2 && !strcmp(argv[1], "score"))
        return score(argc, argv);
    if (argc >= 2 && !strcmp(argv[1], "standin"))
        return standin(argc, argv);
    fputs("usage: known-items generate|fond|score ... (see tests/relevance/known-items.c)\n",
          stderr);
    return 2;
}
