/*
 * test_query_describe.c -- the query pipeline checked the way Xapian's
 * queryparsertest checks its parser: a table of query strings, each against
 * the one-line description (Xapian's Query::get_description, through
 * store_query_describe) of the query parse -> expand -> build makes of it,
 * over a small collection.  A change to how a query is read shows here as
 * a changed line, before any ranking test notices.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db_internal.h"
#include "query.h"

typedef struct {
    char dir[256];
    fond_db_t *db;
    query_langs_t langs;
} fixture_t;

/* English sources, and one Turkish (its stems are in the index). */
static const support_source_t sources[] = {
    {"a.txt", "Title: A\nType: telegram\nDate: 1921-07-03\n\n"
              "The treaty of Kars was discussed in Ankara with the emigrants.\n"},
    {"b.txt", "Title: B\nType: note\nDate: 1921-09-26\n\n"
              "The Kars conference opened; the treaties of Moscow were read.\n"},
    {"c.txt", "Title: C\nDate: 1922-01-26\n\n"
              "Ratification in Nakhchivan and Tiflis, far from Moscow.\n"},
    /* "discussed" in five passages, misspelt "discused" in one */
    {"e.txt", "Title: E\n\nThey discussed it.\n"},
    {"f.txt", "Title: F\n\nThey discussed it again.\n"},
    {"g.txt", "Title: G\n\nIt was discussed.\n"},
    {"h.txt", "Title: H\n\nNothing was discussed, but it was discused.\n"},
    /* a footnoted archival citation: fond 28 */
    {"i.txt", "Title: I\n\nA conversation in Ankara.[1]\n\nNotes\n"
              "1. SA AR, f.28, s.1, i.68, v.17-20.\n"},
    {"d.txt", "Title: D\nLanguage: Turkish\n\n"
              "Kars Antlaşması imzalandı.\n"},
};

static int setup(void **state)
{
    fixture_t *fx = calloc(1, sizeof *fx);
    fx->db = support_db("describe", sources, sizeof sources / sizeof *sources,
                        fx->dir, sizeof fx->dir);
    fx->langs.analyzers[0] = fx->db->analyzer; /* English alone: one stem a
                                                  word keeps the lines short */
    fx->langs.n = 1;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *fx = *state;
    fond_db_close(fx->db);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
    int rc = system(cmd);
    free(fx);
    return rc;
}

/* Weights as Xapian prints them, to 3 significant digits, in place:
 * "0.10000000000000000555 * kars" -> "0.1 * kars". */
static void round_weights(char *d)
{
    char *out = d;
    for (const char *p = d; *p;) {
        if (*p >= '0' && *p <= '9' && p[1] == '.' && strchr(p, ' ')) {
            char *end, w[32];
            int n = snprintf(w, sizeof w, "%.3g", strtod(p, &end));
            memcpy(out, w, (size_t)n); /* no NUL: it may be p's next byte */
            out += n;
            p = end;
        } else {
            *out++ = *p++;
        }
    }
    *out = '\0';
}

/* The description of `text` built strictly (loose = 0) or loosely. */
static char *describe(fixture_t *fx, const char *text, int loose)
{
    query_t *q = NULL;
    char err[256];
    if (query_parse(&q, &fx->langs, text, err, sizeof err) != FOND_OK)
        fail_msg("%s: %s", text, err);
    store_query_t *sq = NULL;
    assert_int_equal(query_expand(q, fx->db->store, err, sizeof err), FOND_OK);
    assert_int_equal(query_expand(q, fx->db->store, err, sizeof err), FOND_OK); /* once */
    assert_int_equal(query_build(q, fx->db->store, loose, &sq, err, sizeof err), FOND_OK);
    char *d = store_query_describe(sq);
    assert_non_null(d);
    round_weights(d);
    store_query_free(sq);
    query_free(q);
    return d;
}

static const struct {
    const char *query;
    int loose;
    const char *description;
} table[] = {
    /* a word: its family (the collection's words of its stems, found
     * among the terms) and variants as one term, its exact form a tenth */
    {"ankara", 0,
     "Query((ankara OR 0.1 * ankara))"},
    /* a word the collection holds in another form only */
    {"emigration", 0,
     "Query((emigrants OR 0.1 * emigration))"},
    /* the exact form weighs more in proportion to how much rarer it is
     * than its family: "treaties" is in one of the two passages of
     * "treati", and weighs 0.1 * 2 / 1 */
    {"treaties", 0,
     "Query(((treaties SYNONYM treaty) OR 0.2 * treaties))"},
    /* words side by side: all of them, and their forms in that order
     * within 12 positions add half their weight */
    {"kars treaty", 0,
     "Query((((kars OR 0.1 * kars) AND ((treaties SYNONYM treaty) OR "
     "0.2 * treaty)) AND_MAYBE 0.5 * (kars PHRASE 12 (treaty OR "
     "treaties))))"},
    /* loose: any of them */
    {"kars treaty", 1,
     "Query((((kars OR 0.1 * kars) OR ((treaties SYNONYM treaty) OR 0.2 "
     "* treaty)) AND_MAYBE 0.5 * (kars PHRASE 12 (treaty OR treaties))))"},
    /* + stays required when loose */
    {"+kars treaty", 1,
     "Query((((kars OR 0.1 * kars) AND_MAYBE ((treaties SYNONYM treaty) "
     "OR 0.2 * treaty)) AND_MAYBE 0.5 * (kars PHRASE 12 (treaty OR "
     "treaties))))"},
    /* stopwords go, but for a query of nothing else */
    {"the treaty", 0,
     "Query(((treaties SYNONYM treaty) OR 0.2 * treaty))"},
    {"the", 0,
     "Query((the OR 0.1 * the))"},
    {"kars OR ankara", 0,
     "Query(((kars OR 0.1 * kars) OR (ankara OR 0.1 * ankara)))"},
    {"kars -moscow", 0,
     "Query(((kars OR 0.1 * kars) AND_NOT (moscow OR 0.1 * moscow)))"},
    {"-moscow", 0,
     "Query((<alldocuments> AND_NOT (moscow OR 0.1 * moscow)))"},
    {"kars OR -moscow", 0,
     "Query(((kars OR 0.1 * kars) AND_NOT (moscow OR 0.1 * moscow)))"},
    {"\"treaty of kars\"", 0, "Query((treaty PHRASE 3 of PHRASE 3 kars))"},
    /* NEAR/n: n words apart, so two words fit in n + 1 */
    {"kars NEAR/2 treaty", 0, "Query((kars NEAR 3 treaty))"},
    /* a wildcard: the words the collection holds that it begins, as one
     * term; none: the prefix, which matches nothing */
    {"ratif*", 0, "Query(ratification)"},
    {"treat*", 0, "Query((treaties SYNONYM treaty))"},
    {"zz*", 0, "Query(zz)"},
    /* filters match without weight */
    {"type:telegram kars", 0,
     "Query((0 * Ttelegram AND (kars OR 0.1 * kars)))"},
    {"archive:\"SA AR\"", 0, "Query(0 * XARCHIVEsaar)"},
    {"language:tr", 0, "Query(0 * Lturkish)"},
    /* from: and to: a name's words, or an address's (before '@', after) */
    {"from:\"Yusif Kamal\"", 0,
     "Query(0 * ((Ayusif OR XFROMLOCALyusif OR XFROMDOMAINyusif) AND "
     "(Akamal OR XFROMLOCALkamal OR XFROMDOMAINkamal)))"},
    /* a date range: the years, months and days held, whole where it can */
    {"date:1921", 0, "Query(0 * Y1921)"},
    {"date:1921-07..1922-01-26", 0,
     "Query(0 * (M192107 OR M192109 OR D19220126))"},
    {"date:1800", 0, "Query(0 * Y0000)"},
    {"*", 0, "Query(<alldocuments>)"},
    /* an archival reference typed as words: "fond 28" also stands for
     * fond:28, which the collection holds (and "fond 29" does not) */
    {"fond 28", 0,
     "Query((((fond OR XFOND28) AND ((28 OR 0.1 * 28) OR XFOND28)) "
     "AND_MAYBE 0.5 * (fond PHRASE 12 28)))"},
    {"fond 29", 0,
     "Query(((fond AND 29) AND_MAYBE 0.5 * (fond PHRASE 12 29)))"},
    /* the mirror stem rule: Turkish "antlaşma" meets "Antlaşması"
     * (stem "antlasmas"), one letter longer than its own: the word, and
     * the stem's Z term, which the index keeps because folding changed
     * the word ("antlasmasi" has another stem: analyze.h) */
    {"antlaşma", 0,
     "Query(((antlasmasi SYNONYM Zantlasmas) OR 0.1 * antlasma))"},
    /* a name's spelling by the rules, where the collection holds it */
    {"nahchivan", 0,
     "Query((nakhchivan OR 0.1 * nahchivan))"},
    /* a word the collection lacks meets its near spellings and their
     * families, at 0.9 of a word, the near spelling itself 0.6 more: one
     * edit for 5 to 8 letters */
    {"moscov", 0,
     "Query((moscov OR 0.9 * (moscow OR 0.6 * moscow)))"},
    /* OCR confusions: "rn" for "m" */
    {"rnoscow", 0,
     "Query((rnoscow OR 0.9 * (moscow OR 0.6 * moscow)))"},
    /* a rare word meets near spellings held five times as often, at half
     * a word: "discused" (one passage) and "discussed" (five) */
    {"discused", 0,
     "Query(((discused OR 0.1 * discused) OR 0.5 * (discussed OR 0.6 * "
     "discussed)))"},
    /* none under 5 letters, but word~ asks for it */
    {"kors", 0,
     "Query(kors)"},
    {"kors~", 0,
     "Query((kors OR 0.9 * (kars OR 0.6 * kars)))"},
    /* word~2: two letters may differ (of the words with its first
     * letter); by its length, one only */
    {"tefles", 0,
     "Query(tefles)"},
    {"tefles~2", 0,
     "Query((tefles OR 0.9 * (tiflis OR 0.6 * tiflis)))"},
};

static void test_descriptions(void **state)
{
    fixture_t *fx = *state;
    int failed = 0;
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        char *d = describe(fx, table[i].query, table[i].loose);
        if (strcmp(d, table[i].description) != 0) {
            print_error("%s%s\n  got:    %s\n  wanted: %s\n", table[i].query,
                        table[i].loose ? " (loose)" : "", d,
                        table[i].description);
            failed = 1;
        }
        free(d);
    }
    assert_false(failed);
}

/* Expand looks everything up; a strict and a loose build of one query
 * then ask nothing more and agree on every word's reading. */
static void test_suggestion_without_a_build(void **state)
{
    fixture_t *fx = *state;
    query_t *q = NULL;
    char err[256];
    assert_int_equal(query_parse(&q, &fx->langs, "treaty moskow kras", err,
                                 sizeof err), FOND_OK);
    assert_int_equal(query_expand(q, fx->db->store, err, sizeof err), FOND_OK);
    char *s = query_suggest(q, "treaty moskow kras");
    assert_non_null(s);
    assert_string_equal(s, "treaty moscow kars");
    free(s);
    query_free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_descriptions),
        cmocka_unit_test(test_suggestion_without_a_build),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
