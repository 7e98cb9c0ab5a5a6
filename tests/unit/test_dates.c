/*
 * test_dates.c -- the dates a reader sees in running text, on sentences
 * of the Treaty of Kars narrative and on the whole raw file: full dates,
 * days and months completed from the year before them, months, bare
 * years, and the numbers that are not years.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"

#define NARRATIVE FOND_SOURCE_DIR "/corpus/narrative/treaty-of-kars-1921.txt"

typedef struct {
    date_mention_t *d;
    size_t n;
    char *text; /* the exact bytes searched, without a NUL after them */
} found_t;

static found_t find(const char *text, int default_year)
{
    found_t f;
    size_t len = strlen(text);
    f.text = malloc(len ? len : 1);
    assert_non_null(f.text);
    memcpy(f.text, text, len);
    assert_int_equal(dates_find(f.text, len, default_year, &f.d, &f.n), FOND_OK);
    return f;
}

static void found_free(found_t *f)
{
    free(f->d);
    free(f->text);
}

/* The i-th mention as "YYYYMMDD=text of the mention". */
static void assert_mention(const found_t *f, size_t i, const char *expected)
{
    assert_true(i < f->n);
    char got[128], ymd[9];
    dates_format(&f->d[i], ymd);
    snprintf(got, sizeof got, "%s=%.*s", ymd,
             (int)(f->d[i].end - f->d[i].start), f->text + f->d[i].start);
    assert_string_equal(got, expected);
}

static void assert_only(const char *text, int default_year, const char *expected)
{
    found_t f = find(text, default_year);
    assert_int_equal(f.n, 1);
    assert_mention(&f, 0, expected);
    found_free(&f);
}

static void assert_none(const char *text)
{
    found_t f = find(text, 1921);
    assert_int_equal(f.n, 0);
    assert_null(f.d);
    found_free(&f);
}

static void test_day_month_year(void **state)
{
    (void)state;
    found_t f = find("The Russian-Turkish treaty signed in Moscow on 16 March "
                     "1921 was an important victory for Turkish diplomacy.", 0);
    assert_int_equal(f.n, 1);
    assert_int_equal(f.d[0].year, 1921);
    assert_int_equal(f.d[0].month, 3);
    assert_int_equal(f.d[0].day, 16);
    assert_mention(&f, 0, "19210316=16 March 1921");
    found_free(&f);
}

static void test_day_month_takes_year_from_text_before(void **state)
{
    (void)state;
    found_t f = find("Baku and Tiflis in April 1921. To this end, he sent a "
                     "telegram to M. D. Huseynov on 3 July.", 0);
    assert_int_equal(f.n, 2);
    assert_mention(&f, 0, "19210400=April 1921");
    assert_mention(&f, 1, "19210703=3 July");
    found_free(&f);
}

static void test_day_month_takes_default_year(void **state)
{
    (void)state;
    assert_only("he sent a telegram to M. D. Huseynov on 3 July.", 1921,
                "19210703=3 July");
    /* With no year anywhere the day cannot be placed: skipped. */
    found_t f = find("he sent a telegram to M. D. Huseynov on 3 July.", 0);
    assert_int_equal(f.n, 0);
    found_free(&f);
}

static void test_time_of_day_is_not_a_year(void **state)
{
    (void)state;
    assert_only("was signed\nat 1400 on 13 October 1921. The Treaty", 0,
                "19211013=13 October 1921");
    assert_none("The conference opened at 1930 on the same day");
}

static void test_month_and_year(void **state)
{
    (void)state;
    found_t f = find("the discussions in Baku and Tiflis in April 1921", 0);
    assert_int_equal(f.n, 1);
    assert_int_equal(f.d[0].month, 4);
    assert_int_equal(f.d[0].day, 0);
    char buf[9];
    dates_format(&f.d[0], buf);
    assert_string_equal(buf, "19210400");
    found_free(&f);
}

static void test_dotted_date(void **state)
{
    (void)state;
    assert_only("I. Abilov\xE2\x80\x99s conversation with Yusif Kamal. "
                "26.01.1922.// SA AR, f.28, s.1, i.68, v.17-20", 0,
                "19220126=26.01.1922");
    assert_none("31.02.1922 and 1.13.1922 are no days");
}

static void test_quoted_earlier_date(void **state)
{
    (void)state;
    assert_only("to your 19 December 1920 statement", 1921,
                "19201219=19 December 1920");
}

static void test_bare_year(void **state)
{
    (void)state;
    found_t f = find("Serious preparations were underway in the summer of "
                     "1921. On 26 August, a meeting", 0);
    assert_int_equal(f.n, 2);
    assert_int_equal(f.d[0].year, 1921);
    assert_int_equal(f.d[0].month, 0);
    assert_int_equal(f.d[0].day, 0);
    assert_mention(&f, 0, "19210000=1921");
    assert_mention(&f, 1, "19210826=26 August");
    found_free(&f);
}

static void test_numbers_that_are_not_years(void **state)
{
    (void)state;
    assert_none("crossing height 6625 to Mount Komurludag (6,839 or 6,930), "
                "and then height 3,080, Sayatdag (7,868), from Mount "
                "Bagirsag (6,607 or 6,587), Kukudag (10,282), 20 articles, "
                "13 people, Article 1, the 1920s, 12345, 1699 and 2100");
}

static void test_iso_and_english_order(void **state)
{
    (void)state;
    assert_only("scheduled for 1921-09-26.", 0, "19210926=1921-09-26");
    assert_only("signed on March 16, 1921 in Moscow", 0,
                "19210316=March 16, 1921");
    assert_only("reached Moscow on July 12.", 1921, "19210712=July 12");
    assert_none("on 1921-02-30"); /* not even its year: it is no date */
}

static void test_abbreviations_and_ordinals(void **state)
{
    (void)state;
    assert_only("in Sept. 1921", 0, "19210900=Sept. 1921");
    assert_only("on 3rd Oct. 1921", 0, "19211003=3rd Oct. 1921");
    assert_only("on Aug 8th", 1921, "19210808=Aug 8th");
}

static void test_mid_month(void **state)
{
    (void)state;
    /* Repair restores the hyphen; the raw text has lost it. */
    assert_only("to hold the conference in Kars in mid-September.", 1921,
                "19210900=mid-September");
    assert_only("in Kars in midSeptember.12", 1921, "19210900=midSeptember");
}

static void test_month_names_need_a_day_or_year(void **state)
{
    (void)state;
    assert_none("At the end of August, he set off. May I ask? March on.");
    assert_none("a march of 12 or Marching 12 or Mayday 3");
    assert_none("Augusta 12 was there");
}

static void test_date_across_line_end(void **state)
{
    (void)state;
    assert_only("were summoned to Tiflis on 7 May\n1921. At these", 0,
                "19210507=7 May\n1921");
    assert_only("between I. Abilov and Yusif Kamal on 26\r\nJanuary 1922 "
                "focused", 0, "19220126=26\r\nJanuary 1922");
}

static void test_leap_days(void **state)
{
    (void)state;
    assert_only("on 29 February 1920", 0, "19200229=29 February 1920");
    assert_none("on 29 February 1921");
    found_t f = find("in 1921, on 29 February", 0);
    assert_int_equal(f.n, 1); /* the year only: 1921 had no 29 February */
    found_free(&f);
}

static void test_empty_and_cut_input(void **state)
{
    (void)state;
    date_mention_t dummy;
    date_mention_t *d = &dummy;
    size_t n = 99;
    assert_int_equal(dates_find("", 0, 1921, &d, &n), FOND_OK);
    assert_null(d);
    assert_int_equal(n, 0);
    assert_int_equal(dates_find(NULL, 0, 0, &d, &n), FOND_OK);
    assert_int_equal(n, 0);
    /* The text ends inside "16 March 1921": only what is given counts. */
    const char *text = "on 16 March 1921";
    assert_int_equal(dates_find(text, strlen("on 16 March 19"), 0, &d, &n),
                     FOND_OK);
    assert_int_equal(n, 0);
    free(d);
    assert_int_equal(dates_find(text, strlen("on 16 Ma"), 1921, &d, &n),
                     FOND_OK);
    assert_int_equal(n, 0);
    free(d);
}

static void test_format_pads_unknown_parts(void **state)
{
    (void)state;
    char buf[9];
    date_mention_t d = {1921, 4, 0, 0, 0};
    dates_format(&d, buf);
    assert_string_equal(buf, "19210400");
    d = (date_mention_t){1921, 0, 0, 0, 0};
    dates_format(&d, buf);
    assert_string_equal(buf, "19210000");
    d = (date_mention_t){922, 1, 6, 0, 0};
    dates_format(&d, buf);
    assert_string_equal(buf, "09220106");
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    char *buf = malloc(*len);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, *len, f), *len);
    fclose(f);
    return buf;
}

/* The dates of the raw narrative, in order; its two numbers that look
 * like years but are not ("at 1930", "height 6625") are not among them. */
static void test_whole_narrative(void **state)
{
    (void)state;
    size_t len, n;
    char *text = slurp(NARRATIVE, &len);
    date_mention_t *d;
    assert_int_equal(dates_find(text, len, 0, &d, &n), FOND_OK);
    assert_true(n >= 40);
    char first[9], last[9];
    dates_format(&d[0], first);
    dates_format(&d[n - 1], last);
    assert_string_equal(first, "19210316");
    assert_string_equal(last, "19220126"); /* the stranded note's 26.01.1922 */
    int signed_on_13_october = 0, telegram_of_3_july = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(d[i].start < d[i].end && d[i].end <= len);
        assert_true(i == 0 || d[i - 1].end <= d[i].start);
        assert_true(d[i].year == 1960 || (d[i].year >= 1920 && d[i].year <= 1922));
        char ymd[9];
        dates_format(&d[i], ymd);
        signed_on_13_october += strcmp(ymd, "19211013") == 0;
        /* The stranded footnote's 1960 (a book's year) between 16 March 1921
         * and "on 3 July" does not make it 1960. */
        telegram_of_3_july += strcmp(ymd, "19210703") == 0;
    }
    assert_int_equal(signed_on_13_october, 2);
    assert_int_equal(telegram_of_3_july, 1);
    free(d);
    free(text);
}

/* A quoted earlier date does not pull the narrative back: "On 8 August"
 * after "your 19 December 1920 statement" in a text about 1921 is 1921. */
static void test_quoted_earlier_year_does_not_rule(void **state)
{
    (void)state;
    const char *text = "On 9 July 1921 he wrote: \u201cyour 19 December 1920 "
                       "statement\u201d. On 8 August, Chicherin replied.";
    date_mention_t *d = NULL;
    size_t n = 0;
    assert_int_equal(dates_find(text, strlen(text), 0, &d, &n), FOND_OK);
    assert_int_equal(n, 3);
    char buf[9];
    dates_format(&d[2], buf);
    assert_string_equal(buf, "19210808");
    free(d);
}

/* Datelines as French, German and Russian editions print them. */
static void test_month_names_fr_de_ru(void **state)
{
    (void)state;
    assert_only("Paris, le 8 f\xC3\xA9vrier 1920.", 0,
                "19200208=8 f\xC3\xA9vrier 1920");
    assert_only("Londres, 1er ao\xC3\xBBt 1921", 0,
                "19210801=1er ao\xC3\xBBt 1921");
    assert_only("Berlin, den 8. Februar 1920, 19 Uhr", 0,
                "19200208=8. Februar 1920");
    assert_only("Wien, 3. M\xC3\xA4rz 1921", 0, "19210303=3. M\xC3\xA4rz 1921");
    assert_only("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0, 8 "
                "\xD1\x84\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8F "
                "1920 \xD0\xB3.", 0, /* Москва, 8 февраля 1920 г. */
                "19200208=8 \xD1\x84\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8F 1920");
    assert_only("en d\xC3\xA9" "c. 1919", 0, "19191200=d\xC3\xA9" "c. 1919");
    /* German months need their capital; an English day with a dot and a
     * month is no German date; a longer word is no month. */
    assert_none("am 8. februar war");
    assert_none("article 5. May this");
    assert_none("8 \xD0\xBC\xD0\xB0\xD1\x8F\xD1\x85 "); /* 8 маях */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quoted_earlier_year_does_not_rule),
        cmocka_unit_test(test_day_month_year),
        cmocka_unit_test(test_day_month_takes_year_from_text_before),
        cmocka_unit_test(test_day_month_takes_default_year),
        cmocka_unit_test(test_time_of_day_is_not_a_year),
        cmocka_unit_test(test_month_and_year),
        cmocka_unit_test(test_dotted_date),
        cmocka_unit_test(test_quoted_earlier_date),
        cmocka_unit_test(test_bare_year),
        cmocka_unit_test(test_numbers_that_are_not_years),
        cmocka_unit_test(test_iso_and_english_order),
        cmocka_unit_test(test_abbreviations_and_ordinals),
        cmocka_unit_test(test_mid_month),
        cmocka_unit_test(test_month_names_need_a_day_or_year),
        cmocka_unit_test(test_date_across_line_end),
        cmocka_unit_test(test_leap_days),
        cmocka_unit_test(test_empty_and_cut_input),
        cmocka_unit_test(test_format_pads_unknown_parts),
        cmocka_unit_test(test_whole_narrative),
        cmocka_unit_test(test_month_names_fr_de_ru),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
