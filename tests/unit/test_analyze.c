/*
 * test_analyze.c -- the words fond sees: folding, stems, positions and
 * offsets, what joins a word and what splits it, and invalid UTF-8.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "language.h"

#define MAX_TOKENS 32

typedef struct {
    char word[MAX_TOKENS][80];
    char stem[MAX_TOKENS][80];
    size_t start[MAX_TOKENS], end[MAX_TOKENS];
    unsigned pos[MAX_TOKENS];
    size_t n;
    size_t stop_after; /* 0: never */
} tokens_t;

static int collect(void *ctx, const analyze_token_t *t)
{
    tokens_t *k = ctx;
    snprintf(k->word[k->n], sizeof k->word[0], "%s", t->word);
    snprintf(k->stem[k->n], sizeof k->stem[0], "%s", t->stem);
    assert_int_equal(strlen(t->word), t->word_len);
    assert_int_equal(strlen(t->stem), t->stem_len);
    k->start[k->n] = t->start;
    k->end[k->n] = t->end;
    k->pos[k->n] = t->pos;
    k->n++;
    return k->stop_after && k->n == k->stop_after;
}

static tokens_t analyze(const char *language, const char *text)
{
    analyzer_t *a = NULL;
    assert_int_equal(analyzer_new(&a, language), FOND_OK);
    tokens_t k;
    memset(&k, 0, sizeof k);
    assert_int_equal(analyze_text(a, text, strlen(text), collect, &k), FOND_OK);
    analyzer_free(a);
    return k;
}

static void test_case_and_accents_fold(void **state)
{
    (void)state;
    tokens_t k = analyze("english", "Sèvres émigrés SEVRES ÉMIGRÉS Straße Naxçıvan");
    assert_int_equal(k.n, 6);
    assert_string_equal(k.word[0], "sevres");
    assert_string_equal(k.word[1], "emigres");
    assert_string_equal(k.word[2], "sevres");
    assert_string_equal(k.word[3], "emigres");
    assert_string_equal(k.word[4], "strasse");
    assert_string_equal(k.word[5], "naxcivan");
    for (unsigned i = 0; i < 6; i++)
        assert_int_equal(k.pos[i], i + 1);
}

/* The letters no Unicode decomposition folds, in words as they are
 * written, upper and lower case, and as transliteration writes them. */
static void test_transliterated_letters_fold(void **state)
{
    (void)state;
    static const struct {
        const char *word, *folded;
    } table[] = {
        {"Əliyeva", "aliyeva"},    {"Gəncə", "ganca"},
        {"GƏNCƏ", "ganca"},        {"Naxçıvan", "naxcivan"},
        {"Łódź", "lodz"},          {"ŁÓDŹ", "lodz"},
        {"København", "kobenhavn"}, {"ØRSTED", "orsted"},
        {"Đorđe", "dorde"},        {"Ħamrun", "hamrun"},
        {"Þingvellir", "thingvellir"}, {"Guðrún", "gudrun"},
        {"Straße", "strasse"},     {"STRAẞE", "strasse"},
        {"Æbelø", "aebelo"},       {"Œuvre", "oeuvre"},
        {"Ŧ", "t"},                {"ƀ", "b"},
        {"ɨ", "i"},                {"Ƶ", "z"},
    };
    char buf[32];
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        size_t n = strlen(table[i].folded);
        assert_int_equal(analyze_fold(table[i].word, strlen(table[i].word), buf,
                                      sizeof buf), n);
        assert_string_equal(buf, table[i].folded);
        tokens_t k = analyze("english", table[i].word);
        assert_int_equal(k.n, 1);
        assert_string_equal(k.word[0], table[i].folded);
    }
}

static void test_offsets_point_at_the_original(void **state)
{
    (void)state;
    const char *text = "À Sèvres, 1920.";
    tokens_t k = analyze("english", text);
    assert_int_equal(k.n, 3);
    assert_memory_equal(text + k.start[1], "Sèvres", k.end[1] - k.start[1]);
    assert_int_equal(k.end[1] - k.start[1], strlen("Sèvres"));
    assert_string_equal(k.word[2], "1920");
}

static void test_stems(void **state)
{
    (void)state;
    tokens_t k = analyze("english", "signed signing treaties Azerbaijan’s");
    assert_string_equal(k.stem[0], "sign");
    assert_string_equal(k.stem[1], "sign");
    assert_string_equal(k.stem[2], "treati");
    assert_string_equal(k.word[3], "azerbaijan's");
    assert_string_equal(k.stem[3], "azerbaijan");
}

static void test_what_joins_and_what_splits(void **state)
{
    (void)state;
    tokens_t k = analyze("english", "Turkey-South 26.01.1922 1,000 end. 'quoted'");
    assert_int_equal(k.n, 6);
    assert_string_equal(k.word[0], "turkey");
    assert_string_equal(k.word[1], "south");
    assert_int_equal(k.pos[1], 2);
    assert_string_equal(k.word[2], "26.01.1922");
    assert_string_equal(k.word[3], "1,000");
    assert_string_equal(k.word[4], "end");
    assert_string_equal(k.word[5], "quoted");
}

static void test_long_words_keep_their_position(void **state)
{
    (void)state;
    char text[300] = "first ";
    memset(text + 6, 'x', 100);
    strcpy(text + 106, " last");
    tokens_t k = analyze("english", text);
    assert_int_equal(k.n, 2);
    assert_string_equal(k.word[1], "last");
    assert_int_equal(k.pos[1], 3);
}

static void test_other_languages_stem_with_their_letters(void **state)
{
    (void)state;
    tokens_t ru = analyze("russian", "Москвы договора Карсский");
    assert_string_equal(ru.word[0], "москвы");
    assert_string_equal(ru.stem[0], "москв");
    assert_string_equal(ru.stem[1], "договор");
    /* й survives until the stem is taken: "карсск", not "карсски" */
    assert_string_equal(ru.stem[2], "карсск");
    tokens_t tr = analyze("turkish", "Antlaşmayı antlaşma");
    assert_string_equal(tr.word[0], "antlasmayi");
    assert_string_equal(tr.stem[0], tr.stem[1]);
}

static void test_invalid_utf8_is_refused_before_any_token(void **state)
{
    (void)state;
    static const char *const bad[] = {"ok \xC3\x28", "\xC0\xAF", "\xED\xA0\x80",
                                      "\xE2\x82", "\xF4\x90\x80\x80", "\xFF"};
    analyzer_t *a = NULL;
    assert_int_equal(analyzer_new(&a, "english"), FOND_OK);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        tokens_t k;
        memset(&k, 0, sizeof k);
        assert_int_equal(analyze_text(a, bad[i], strlen(bad[i]), collect, &k),
                         FOND_ERR_UTF8);
        assert_int_equal(k.n, 0);
    }
    assert_int_equal(utf8_valid_prefix("ok \xC3\x28", 5), 3);
    assert_int_equal(utf8_valid_prefix("Sèvres", strlen("Sèvres")),
                     strlen("Sèvres"));
    analyzer_free(a);
}

static void test_stop_early_and_unknown_language(void **state)
{
    (void)state;
    analyzer_t *a = NULL;
    assert_int_equal(analyzer_new(&a, "klingon"), FOND_ERR_ARG);
    assert_null(a);
    assert_int_equal(analyzer_new(&a, "english"), FOND_OK);
    tokens_t k;
    memset(&k, 0, sizeof k);
    k.stop_after = 2;
    assert_int_equal(analyze_text(a, "one two three four", 18, collect, &k),
                     FOND_OK);
    assert_int_equal(k.n, 2);
    analyzer_free(a);
}

static void test_stopwords_and_fold(void **state)
{
    (void)state;
    assert_true(analyze_is_stopword("the", 3));
    assert_true(analyze_is_stopword("when", 4));
    assert_false(analyze_is_stopword("kars", 4));
    char buf[16];
    assert_int_equal(analyze_fold("ÉMIGRÉS", strlen("ÉMIGRÉS"), buf, sizeof buf), 7);
    assert_string_equal(buf, "emigres");
    assert_int_equal(analyze_fold("a-much-too-long-word", 20, buf, 8), 0);
}

/* analyze_words() gives analyze_text()'s tokens without stems, and
 * analyze_stem() the same stem on demand; the stem starts with the word's
 * first letter, which the snippet maker counts on to stem few words.  A
 * sample for every stemmer fond uses (language_stemmers()), so that a new one
 * is checked too. */
typedef struct {
    analyzer_t *a;
    const char *text;
    const tokens_t *with_stems;
    size_t n;
} lazy_t;

static int check_lazy_stem(void *ctx, const analyze_token_t *t)
{
    lazy_t *l = ctx;
    assert_null(t->stem);
    assert_string_equal(t->word, l->with_stems->word[l->n]);
    size_t len = 0;
    const char *stem = analyze_stem(l->a, l->text, t, &len);
    assert_non_null(stem);
    assert_string_equal(stem, l->with_stems->stem[l->n]);
    assert_int_equal(strlen(stem), len);
    assert_int_equal(stem[0], t->word[0]);
    l->n++;
    return 0;
}

static const char *sample_in(const char *language)
{
    static const char *const samples[][2] = {
        {"english", "Skies dying lying Yelling yes ÉMIGRÉS Sèvres ratified"},
        {"russian", "Ёлка переговоры Нахичевань ратификации Ереван"},
        {"turkish", "Antlaşması ısrar İstanbul Iğdır görüşmeleri Ülke"},
        {"french", "Élysée yeux ayant ouïe traités Yonne"},
        {"german", "Äpfel Übereinkommen Straße Verträge Yacht"},
        {"armenian", "Հայաստան պայմանագրերը Երևան Կարսի"},
        {"spanish", "Tratados firmaron delegaciones repúblicas Ñandú"},
        {"portuguese", "Tratados assinaram delegações repúblicas Ações"},
        {"italian", "Trattati firmarono delegazioni repubbliche Città"},
        {"dutch", "Verdragen ondertekenden delegaties republieken IJsland"},
        {"danish", "Traktaterne underskrevet delegationerne Ærøskøbing"},
        {"swedish", "Fördragen undertecknades delegationerna Åtgärder"},
        {"norwegian", "Traktatene undertegnet delegasjonene Ørnene"},
        {"finnish", "Sopimukset allekirjoitettiin valtuuskunnille Äänestys"},
        {"hungarian", "Szerződéseket aláírták küldöttségek Ősszel"},
        {"romanian", "Tratatele semnate delegațiile republicilor Învățători"},
        {"catalan", "Tractats signaren delegacions repúbliques Àrees"},
        {"basque", "Itunak sinatu zituzten ordezkaritzek errepublikek"},
        {"lithuanian", "Sutartys pasirašytos delegacijų respublikose Ąžuolai"},
        {"greek", "Συνθήκες υπογράφηκαν αντιπροσωπείες δημοκρατιών Ύδρα"},
        {"serbian", "Уговори потписани делегацијама republikama Ђаци"},
        {"hindi", "संधियों पर हस्ताक्षर प्रतिनिधिमंडलों गणराज्यों"},
        {"nepali", "सन्धिहरू हस्ताक्षर प्रतिनिधिमण्डलहरू गणतन्त्रहरूमा"},
        {"tamil", "ஒப்பந்தங்கள் கையெழுத்திட்டன பிரதிநிதிகள் குடியரசுகளில்"},
        {"yiddish", "אָפּמאַכן געחתמעט דעלעגאַציעס רעפּובליקן"}};
    for (size_t i = 0; i < sizeof samples / sizeof *samples; i++)
        if (strcmp(samples[i][0], language) == 0)
            return samples[i][1];
    return NULL;
}

/* The stem of text's one word from analyzer a. */
static void stem_with(analyzer_t *a, const char *text, char *stem, size_t size)
{
    tokens_t k;
    memset(&k, 0, sizeof k);
    assert_int_equal(analyze_text(a, text, strlen(text), collect, &k), FOND_OK);
    assert_int_equal(k.n, 1);
    snprintf(stem, size, "%s", k.stem[0]);
}

/* The analyzer keeps recent stems: one analyzer over more words than it
 * keeps, with the same words coming back, gives the stems a new one gives. */
static void test_stems_stay_right_past_the_cache(void **state)
{
    (void)state;
    static const char *const words[][2] = {
        {"signed", "sign"}, {"Treaties", "treati"}, {"nations", "nation"},
        {"running", "run"}, {"Azerbaijan’s", "azerbaijan"}};
    analyzer_t *a = NULL, *fresh = NULL;
    assert_int_equal(analyzer_new(&a, "english"), FOND_OK);
    assert_int_equal(analyzer_new(&fresh, "english"), FOND_OK);
    char text[32], stem[80], expected[80];
    for (int round = 0; round < 3; round++) {
        for (unsigned i = 0; i < 70000; i++) {
            snprintf(text, sizeof text, "word%uings", i);
            stem_with(a, text, stem, sizeof stem);
            if (i % 9973 == 0) {
                analyzer_free(fresh);
                assert_int_equal(analyzer_new(&fresh, "english"), FOND_OK);
                stem_with(fresh, text, expected, sizeof expected);
                assert_string_equal(stem, expected);
            }
        }
        for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
            stem_with(a, words[w][0], stem, sizeof stem);
            assert_string_equal(stem, words[w][1]);
        }
    }
    analyzer_free(a);
    analyzer_free(fresh);
}

static void test_stems_on_demand(void **state)
{
    (void)state;
    size_t n_stemmers = 0;
    const char *const *stemmers = language_stemmers(&n_stemmers);
    for (size_t i = 0; i < n_stemmers; i++) {
        const char *text = sample_in(stemmers[i]);
        assert_non_null(text);
        tokens_t k = analyze(stemmers[i], text);
        analyzer_t *a = NULL;
        assert_int_equal(analyzer_new(&a, stemmers[i]), FOND_OK);
        lazy_t l = {a, text, &k, 0};
        assert_int_equal(analyze_words(a, text, strlen(text), check_lazy_stem,
                                       &l),
                         FOND_OK);
        assert_int_equal(l.n, k.n);
        analyzer_free(a);
    }
}

/* A word is irregular when the stem of its folded form, which is all a
 * search can stem among the index's terms, is not its stem: only folding
 * can make it so (diacritics the stemmer reads), and the flag says so
 * for every word exactly. */
typedef struct {
    analyzer_t *a;
    char irregular[MAX_TOKENS][80];
    size_t n, checked;
} irregular_t;

static int check_irregular(void *ctx, const analyze_token_t *t)
{
    irregular_t *c = ctx;
    char stem[80];
    snprintf(stem, sizeof stem, "%s", t->stem);
    size_t n = 0;
    const char *folded = analyze_folded_stem(c->a, t->word, t->word_len, &n);
    assert_non_null(folded);
    assert_int_equal(n, strlen(folded));
    assert_int_equal(t->irregular, strcmp(folded, stem) != 0);
    if (t->irregular)
        snprintf(c->irregular[c->n++], sizeof c->irregular[0], "%s", t->word);
    c->checked++;
    return 0;
}

/* A token of analyze_terms(): its stem and whether it is irregular, or
 * "(none)" when it has no stem. */
static int collect_terms(void *ctx, const analyze_token_t *t)
{
    tokens_t *k = ctx;
    snprintf(k->word[k->n], sizeof k->word[0], "%s", t->word);
    if (t->stem)
        snprintf(k->stem[k->n], sizeof k->stem[0], "%s%s", t->stem,
                 t->irregular ? " irregular" : "");
    else
        snprintf(k->stem[k->n], sizeof k->stem[0], "(none)");
    assert_true(t->stem || !t->irregular);
    k->n++;
    return 0;
}

static irregular_t irregular_words(const char *language, const char *text)
{
    irregular_t c;
    memset(&c, 0, sizeof c);
    assert_int_equal(analyzer_new(&c.a, language), FOND_OK);
    assert_int_equal(analyze_text(c.a, text, strlen(text), check_irregular, &c),
                     FOND_OK);
    analyzer_free(c.a);
    c.a = NULL;
    return c;
}

static void test_irregular_words(void **state)
{
    (void)state;
    irregular_t c = irregular_words(
        "english", "The treaties were signed at Kars by the delegates.");
    assert_int_equal(c.checked, 9);
    assert_int_equal(c.n, 0); /* ASCII: folding changes nothing */
    c = irregular_words("russian", "новый договор, новая граница");
    assert_int_equal(c.n, 1);
    assert_string_equal(c.irregular[0], "новыи"); /* й read, и indexed */
    c = irregular_words("turkish", "Kars Antlaşması imzalandı");
    assert_int_equal(c.n, 1);
    assert_string_equal(c.irregular[0], "antlasmasi");
    c = irregular_words("french", "ils signèrent le traité à Kars");
    assert_int_equal(c.checked, 6);
    assert_true(c.n >= 1);
    assert_string_equal(c.irregular[0], "signerent");
    /* analyze_terms(), the indexer's: the same words, a stem only where
     * the word is more than ASCII, and the same irregular words */
    tokens_t k;
    memset(&k, 0, sizeof k);
    const char *text = "ils signèrent le traité à Kars";
    assert_int_equal(analyzer_new(&c.a, "french"), FOND_OK);
    assert_int_equal(analyze_terms(c.a, text, strlen(text), collect_terms, &k),
                     FOND_OK);
    analyzer_free(c.a);
    assert_int_equal(k.n, 6);
    assert_string_equal(k.word[1], "signerent");
    assert_string_equal(k.stem[1], "sign irregular");
    assert_string_equal(k.stem[0], "(none)");     /* "ils" */
    assert_string_equal(k.stem[3], "trait");      /* "traité": regular */
    assert_string_equal(k.stem[5], "(none)");     /* "Kars" */
    /* a term stemmed as the search stems it: "новая" is regular */
    analyzer_t *a = NULL;
    assert_int_equal(analyzer_new(&a, "russian"), FOND_OK);
    size_t n = 0;
    assert_string_equal(analyze_folded_stem(a, "новая", strlen("новая"), &n),
                        "нов");
    analyzer_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_case_and_accents_fold),
        cmocka_unit_test(test_transliterated_letters_fold),
        cmocka_unit_test(test_offsets_point_at_the_original),
        cmocka_unit_test(test_stems),
        cmocka_unit_test(test_stems_on_demand),
        cmocka_unit_test(test_irregular_words),
        cmocka_unit_test(test_stems_stay_right_past_the_cache),
        cmocka_unit_test(test_what_joins_and_what_splits),
        cmocka_unit_test(test_long_words_keep_their_position),
        cmocka_unit_test(test_other_languages_stem_with_their_letters),
        cmocka_unit_test(test_invalid_utf8_is_refused_before_any_token),
        cmocka_unit_test(test_stop_early_and_unknown_language),
        cmocka_unit_test(test_stopwords_and_fold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
