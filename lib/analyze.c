/*
 * analyze.c -- words out of UTF-8 text: tokenizing by Unicode category,
 * case and diacritic folding, Snowball stemming, positions.  The one place
 * where text becomes terms (see analyze.h).
 *
 * The hot path (one call per code point) does not allocate: ASCII folds by
 * table, other code points through utf8proc_decompose_char() into a small
 * stack buffer, and words are built in buffers the analyzer owns, grown
 * only when a longer word than any before comes along.
 *
 * The stem is taken from the word case-folded but with its diacritics, as
 * the Snowball stemmers expect (Turkish needs ş and ı, Russian й), and then
 * folded like the word, so "Antlaşması" and "antlasmasi" meet.
 */
#include "array.h"
#include "analyze.h"
#include "hash.h"
#include "text.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* A growable byte buffer for one word. */
typedef struct {
    char *p;
    size_t cap;
} wbuf_t;

/*
 * The stems of recent words, because Snowball is most of the cost of
 * analysis and a text repeats its words: a direct-mapped cache from the
 * stemmer's input (the word case-folded, diacritics kept) to its folded
 * stem.  A word that collides replaces the one before; a word or stem too
 * long for a slot is stemmed every time.
 */
#define STEM_CACHE_SLOTS 32768 /* a power of two; 32768 * 64 bytes = 2 MiB */
#define STEM_CACHE_MAX 31     /* bytes of a word or stem a slot holds */

typedef struct {
    char word[STEM_CACHE_MAX + 1]; /* "" for an empty slot */
    char stem[STEM_CACHE_MAX + 1];
} stem_slot_t;

struct analyzer {
    struct sb_stemmer *stemmer;
    wbuf_t word;  /* the folded word */
    wbuf_t cased; /* the word case-folded only, for the stemmer */
    wbuf_t stem;  /* its stem, folded */
    wbuf_t folded_stem; /* the stem of the folded word (analyze_folded_stem) */
    stem_slot_t *cache; /* STEM_CACHE_SLOTS of them */
};

/* Does libstemmer have a stemmer of that name? */
static int stemmer_known(const char *language)
{
    for (const char **l = sb_stemmer_list(); *l; l++)
        if (strcmp(*l, language) == 0)
            return 1;
    return 0;
}

fond_status_t analyzer_new(analyzer_t **out, const char *language)
{
    *out = NULL;
    analyzer_t *a = calloc(1, sizeof *a);
    if (!a)
        return FOND_ERR_NOMEM;
    a->stemmer = sb_stemmer_new(language, NULL);
    if (!a->stemmer) { /* no such stemmer, or no memory for it */
        analyzer_free(a);
        return stemmer_known(language) ? FOND_ERR_NOMEM : FOND_ERR_ARG;
    }
    a->cache = calloc(STEM_CACHE_SLOTS, sizeof *a->cache);
    if (!a->cache) {
        analyzer_free(a);
        return FOND_ERR_NOMEM;
    }
    *out = a;
    return FOND_OK;
}

void analyzer_free(analyzer_t *a)
{
    if (!a)
        return;
    if (a->stemmer)
        sb_stemmer_delete(a->stemmer);
    free(a->word.p);
    free(a->cased.p);
    free(a->stem.p);
    free(a->folded_stem.p);
    free(a->cache);
    free(a);
}

/* ------------------------------------------------------------ UTF-8 */

/* Length of the valid UTF-8 sequence at s[0, n), or 0 if it is not one:
 * no overlongs, no surrogates, nothing above U+10FFFF. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (len == 0 || c > 0xF4 || n < len)
        return 0;
    for (size_t i = 1; i < len; i++)
        if (!text_is_continuation(s[i]))
            return 0;
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) ||
        (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
        return 0; /* overlong, surrogate, or beyond U+10FFFF */
    return len;
}

size_t utf8_valid_prefix(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = utf8_seq(s + i, len - i);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

/* Decode the (valid) code point at s[i]; sets *n to its length. */
static utf8proc_int32_t decode_at(const char *s, size_t i, size_t len,
                                  size_t *n)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(len - i), &cp);
    *n = k > 0 ? (size_t)k : 1;
    return cp;
}

/* ------------------------------------------------------------ categories */

static int is_word_cp(utf8proc_int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= '0' && cp <= '9');
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

static int is_letter_cp(utf8proc_int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static int is_digit_cp(utf8proc_int32_t cp) { return cp >= '0' && cp <= '9'; }

/* Does the joiner at s[i] (an apostrophe between letters, or '.' ','
 * between digits) keep the word going?  prev is the code point before. */
static int joins_word(const char *s, size_t i, size_t len,
                      utf8proc_int32_t prev, utf8proc_int32_t cp, size_t n)
{
    if (i + n >= len)
        return 0;
    size_t k;
    utf8proc_int32_t next = decode_at(s, i + n, len, &k);
    if (cp == '\'' || cp == 0x2019)
        return is_letter_cp(prev) && is_letter_cp(next);
    if (cp == '.' || cp == ',')
        return is_digit_cp(prev) && is_digit_cp(next);
    return 0;
}

/* ------------------------------------------------------------ folding */

/* Room for `more` bytes after `used` in b. */
static int wbuf_reserve(wbuf_t *b, size_t used, size_t more)
{
    return array_reserve(&b->p, &b->cap, used + more + 1, 1, 64);
}

/* The whole fold of an ASCII character. */
static char ascii_lower(char c)
{
    return (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

/* The letters that no Unicode decomposition takes to ASCII, each as
 * transliteration writes it (after case folding, so lower case only):
 * Azerbaijani ə as a (Əliyev is written Aliyev, Gəncə Ganja), Turkish
 * dotless ı as i, the letters with a stroke or bar (ł, ø, đ, ħ, ŧ, ƀ, ɨ,
 * ƶ) as the letter under it, and the ligatures and Old English letters
 * spelt out (æ, œ, þ, ð).  ß needs no entry: case folding makes it ss.
 * Sorted by code point. */
static const struct {
    utf8proc_int32_t cp;
    char ascii[3];
} transliterations[] = {
    {0x00E6, "ae"}, {0x00F0, "d"},  {0x00F8, "o"}, {0x00FE, "th"},
    {0x0111, "d"},  {0x0127, "h"},  {0x0131, "i"}, {0x0142, "l"},
    {0x0153, "oe"}, {0x0167, "t"},  {0x0180, "b"}, {0x01B6, "z"},
    {0x0259, "a"},  {0x0268, "i"},
};

/* cp's transliteration, or NULL when it has none. */
static const char *transliteration(utf8proc_int32_t cp)
{
    size_t n = sizeof transliterations / sizeof transliterations[0];
    if (cp < transliterations[0].cp || cp > transliterations[n - 1].cp)
        return NULL;
    for (size_t i = 0; i < n && transliterations[i].cp <= cp; i++)
        if (transliterations[i].cp == cp)
            return transliterations[i].ascii;
    return NULL;
}

/* Append cp to b, case folded, and (with strip) without diacritics,
 * compatibility forms decomposed, the letters of `transliterations` as
 * ASCII; returns the new length, or (size_t)-1 when out of memory. */
static size_t fold_cp(wbuf_t *b, size_t used, utf8proc_int32_t cp, int strip)
{
    if (wbuf_reserve(b, used, 4 * 8) != 0)
        return (size_t)-1;
    if (cp < 0x80) {
        b->p[used] = ascii_lower((char)cp);
        return used + 1;
    }
    if (cp == 0x2019) { /* typographic apostrophe, kept inside words */
        b->p[used] = '\'';
        return used + 1;
    }
    utf8proc_int32_t out[8];
    int last_boundclass = 0;
    int options = strip ? UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE |
                              UTF8PROC_STRIPMARK | UTF8PROC_COMPAT
                        : UTF8PROC_CASEFOLD;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, out, 8, options,
                                                 &last_boundclass);
    if (n < 0 || n > 8) { /* cannot fold: keep it as it is */
        out[0] = cp;
        n = 1;
    }
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        const char *ascii = strip ? transliteration(out[i]) : NULL;
        if (ascii) {
            for (; *ascii; ascii++)
                b->p[used++] = *ascii;
        } else {
            used += (size_t)utf8proc_encode_char(out[i],
                                                 (utf8proc_uint8_t *)b->p + used);
        }
    }
    return used;
}

static int is_ascii(const char *s, size_t start, size_t end)
{
    for (size_t i = start; i < end; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

/* An ASCII word needs no Unicode tables: lower case is the whole fold. */
static size_t fold_ascii(wbuf_t *b, const char *s, size_t start, size_t end)
{
    size_t n = end - start;
    if (wbuf_reserve(b, 0, n) != 0)
        return (size_t)-1;
    for (size_t i = 0; i < n; i++)
        b->p[i] = ascii_lower(s[start + i]);
    b->p[n] = '\0';
    return n;
}

/* Fold s[start, end) into b (NUL-terminated); its length, or -1. */
static size_t fold_into(wbuf_t *b, const char *s, size_t start, size_t end,
                        int strip)
{
    if (is_ascii(s, start, end))
        return fold_ascii(b, s, start, end);
    size_t used = 0, n;
    for (size_t i = start; i < end && used != (size_t)-1; i += n)
        used = fold_cp(b, used, decode_at(s, i, end, &n), strip);
    if (used != (size_t)-1)
        b->p[used] = '\0';
    return used;
}

size_t analyze_fold(const char *word, size_t len, char *buf, size_t bufsize)
{
    wbuf_t b = {NULL, 0};
    size_t n = fold_into(&b, word, 0, len, 1);
    size_t fits = n != (size_t)-1 && n < bufsize;
    if (fits)
        memcpy(buf, b.p, n + 1);
    free(b.p);
    return fits ? n : 0;
}

/* Snowball's stem of in[0, len), folded, into out.  Its length, or -1. */
static size_t stem_snowball(analyzer_t *a, const char *in, size_t len,
                            wbuf_t *out)
{
    const sb_symbol *stem = sb_stemmer_stem(a->stemmer,
                                            (const sb_symbol *)in, (int)len);
    if (!stem)
        return (size_t)-1;
    return fold_into(out, (const char *)stem, 0,
                     (size_t)sb_stemmer_length(a->stemmer), 1);
}

/* The stem of in[0, len) into out, from the cache when it holds the word,
 * else from Snowball (and then into the cache).  Its length, or -1. */
static size_t stem_cached(analyzer_t *a, const char *in, size_t len,
                          wbuf_t *out)
{
    if (len > STEM_CACHE_MAX)
        return stem_snowball(a, in, len, out);
    stem_slot_t *slot =
        &a->cache[hash_bytes(HASH_FNV_OFFSET, in, len) & (STEM_CACHE_SLOTS - 1)];
    if (strncmp(slot->word, in, len) == 0 && slot->word[len] == '\0') {
        size_t n = strlen(slot->stem);
        if (wbuf_reserve(out, 0, n) != 0)
            return (size_t)-1;
        memcpy(out->p, slot->stem, n + 1);
        return n;
    }
    size_t n = stem_snowball(a, in, len, out);
    if (n != (size_t)-1 && n <= STEM_CACHE_MAX) {
        memcpy(slot->word, in, len);
        slot->word[len] = '\0';
        memcpy(slot->stem, out->p, n + 1);
    }
    return n;
}

/* The stem of s[start, end) (of ASCII alone, or not) into a->stem:
 * Snowball on the case-folded word (diacritics kept), then folded.  Its
 * length, or -1.  *irregular: whether the folded word's own stem
 * (analyze_folded_stem) differs, which only a word with more than ASCII
 * can. */
static size_t stem_word(analyzer_t *a, const char *s, size_t start,
                        size_t end, int ascii, size_t folded_len,
                        int *irregular)
{
    *irregular = 0;
    if (ascii)
        return stem_cached(a, a->word.p, folded_len, &a->stem);
    size_t len = fold_into(&a->cased, s, start, end, 0);
    size_t n = len == (size_t)-1 ? len : stem_cached(a, a->cased.p, len, &a->stem);
    if (n == (size_t)-1)
        return n;
    size_t f = stem_cached(a, a->word.p, folded_len, &a->folded_stem);
    if (f == (size_t)-1)
        return f;
    *irregular = f != n || memcmp(a->folded_stem.p, a->stem.p, n) != 0;
    return n;
}

const char *analyze_folded_stem(analyzer_t *a, const char *word, size_t len,
                                size_t *stem_len)
{
    *stem_len = stem_cached(a, word, len, &a->folded_stem);
    return *stem_len == (size_t)-1 ? NULL : a->folded_stem.p;
}

/* ------------------------------------------------------------ tokens */

/* End of the word starting at s[i]. */
static size_t word_end(const char *s, size_t i, size_t len)
{
    utf8proc_int32_t prev = -1;
    while (i < len) {
        size_t n;
        utf8proc_int32_t cp = decode_at(s, i, len, &n);
        if (!is_word_cp(cp) && !joins_word(s, i, len, prev, cp, n))
            break;
        prev = cp;
        i += n;
    }
    return i;
}

/* What a token carries of its stem. */
typedef enum {
    STEM_NONE,      /* analyze_words() */
    STEM_ALL,       /* analyze_text() */
    STEM_NON_ASCII  /* analyze_terms(): only a word that can be irregular */
} stem_mode_t;

static fond_status_t emit(analyzer_t *a, const char *s, size_t start,
                          size_t end, unsigned pos, stem_mode_t mode,
                          analyze_cb cb, void *ctx, int *stop)
{
    size_t len = fold_into(&a->word, s, start, end, 1);
    if (len == (size_t)-1)
        return FOND_ERR_NOMEM;
    if (len == 0 || len > ANALYZE_MAX_WORD)
        return FOND_OK; /* too long to be a word: skipped, position kept */
    analyze_token_t t = {a->word.p, len, NULL, 0, start, end, pos, 0};
    int ascii = mode != STEM_NONE && is_ascii(s, start, end);
    if (mode == STEM_ALL || (mode == STEM_NON_ASCII && !ascii)) {
        t.stem_len = stem_word(a, s, start, end, ascii, len, &t.irregular);
        if (t.stem_len == (size_t)-1)
            return FOND_ERR_NOMEM;
        t.stem = a->stem.p;
    }
    *stop = cb(ctx, &t);
    return FOND_OK;
}

static fond_status_t tokenize(analyzer_t *a, const char *text, size_t len,
                              stem_mode_t mode, analyze_cb cb, void *ctx)
{
    if (utf8_valid_prefix(text, len) < len)
        return FOND_ERR_UTF8;
    unsigned pos = 0;
    int stop = 0;
    size_t i = 0;
    while (i < len && !stop) {
        size_t n;
        utf8proc_int32_t cp = decode_at(text, i, len, &n);
        if (!is_word_cp(cp)) {
            i += n;
            continue;
        }
        size_t end = word_end(text, i, len);
        fond_status_t st = emit(a, text, i, end, ++pos, mode, cb, ctx, &stop);
        if (st != FOND_OK)
            return st;
        i = end;
    }
    return FOND_OK;
}

fond_status_t analyze_text(analyzer_t *a, const char *text, size_t len,
                           analyze_cb cb, void *ctx)
{
    return tokenize(a, text, len, STEM_ALL, cb, ctx);
}

fond_status_t analyze_terms(analyzer_t *a, const char *text, size_t len,
                            analyze_cb cb, void *ctx)
{
    return tokenize(a, text, len, STEM_NON_ASCII, cb, ctx);
}

fond_status_t analyze_words(analyzer_t *a, const char *text, size_t len,
                            analyze_cb cb, void *ctx)
{
    return tokenize(a, text, len, STEM_NONE, cb, ctx);
}

const char *analyze_stem(analyzer_t *a, const char *text,
                         const analyze_token_t *t, size_t *len)
{
    int irregular;
    *len = stem_word(a, text, t->start, t->end,
                     is_ascii(text, t->start, t->end), t->word_len, &irregular);
    return *len == (size_t)-1 ? NULL : a->stem.p;
}

/* ------------------------------------------------------------ stopwords */

/* Snowball's English stop list, sorted for bsearch. */
static const char *const stopwords[] = {
    "a", "about", "above", "after", "again", "against", "all", "am", "an",
    "and", "any", "are", "as", "at", "be", "because", "been", "before",
    "being", "below", "between", "both", "but", "by", "can", "cannot",
    "could", "did", "do", "does", "doing", "down", "during", "each", "few",
    "for", "from", "further", "had", "has", "have", "having", "he", "her",
    "here", "hers", "herself", "him", "himself", "his", "how", "i", "if",
    "in", "into", "is", "it", "its", "itself", "me", "more", "most", "my",
    "myself", "no", "nor", "not", "of", "off", "on", "once", "only", "or",
    "other", "ought", "our", "ours", "ourselves", "out", "over", "own",
    "same", "she", "should", "so", "some", "such", "than", "that", "the",
    "their", "theirs", "them", "themselves", "then", "there", "these",
    "they", "this", "those", "through", "to", "too", "under", "until", "up",
    "very", "was", "we", "were", "what", "when", "where", "which", "while",
    "who", "whom", "why", "with", "would", "you", "your", "yours",
    "yourself", "yourselves"};

static int compare_word(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

int analyze_is_stopword(const char *word, size_t len)
{
    char buf[16];
    if (len >= sizeof buf)
        return 0;
    memcpy(buf, word, len);
    buf[len] = '\0';
    return bsearch(buf, stopwords, sizeof stopwords / sizeof *stopwords,
                   sizeof *stopwords, compare_word) != NULL;
}
