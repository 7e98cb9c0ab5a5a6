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

/* Every mention of text, as "YYYYMMDD=mention" joined by " | ". */
static void assert_all(const char *text, int default_year, const char *expected)
{
    found_t f = find(text, default_year);
    char got[1024] = "";
    for (size_t i = 0; i < f.n; i++) {
        char ymd[9], one[200];
        dates_format(&f.d[i], ymd);
        snprintf(one, sizeof one, "%s%s=%.*s", i ? " | " : "", ymd,
                 (int)(f.d[i].end - f.d[i].start), f.text + f.d[i].start);
        strncat(got, one, sizeof got - strlen(got) - 1);
    }
    assert_string_equal(got, expected);
    found_free(&f);
}

/* Telegram and despatch numbers, references and page numbers are no
 * years, whatever they look like. */
static void test_numbers_of_telegrams_are_not_years(void **state)
{
    (void)state;
    assert_none("1864. Answering your 1761 of the 3rd, my 1790 and "
                "Department's telegram 1802.");
    assert_none("Nos. 1761, 1864 and 1902; No. 2030; Nr. 1918; n\xC2\xB0 1917; "
                "\xE2\x84\x96 1918; \xE2\x84\x96" "1918");
    assert_none("File No. 861.51/1864. FO 371/1921. 861.00/1918-A. "
                "Despatch 1946 and circular 1917; instruction 1899");
    assert_none("Votre t\xC3\xA9l\xC3\xA9gramme 1917; Ihr Telegramm 1918; "
                "\xD0\x92\xD0\xB0\xD1\x88\xD0\xB0 1918; pp. 1820-1830; p. 1918");
    assert_all("2348.\nYour 1761, February 3, 1 p.m. Referring to 1864.", 1918,
               "19180203=February 3");
    assert_none("3,1918 and 1918,5 and 1918.2 and 1918/19");
}

/* A year in prose, in the contexts that make a number one. */
static void test_years_in_context(void **state)
{
    (void)state;
    assert_all("In 1918 and 1919; since 1917, until 1920; the spring of 1921",
               0, "19180000=1918 | 19190000=1919 | 19170000=1917 | "
                  "19200000=1920 | 19210000=1921");
    assert_all("from 1917 to 1918", 0, "19170000=1917 | 19180000=1918");
    assert_all("en 1918, jusqu'en 1919, la r\xC3\xA9volution de 1917.", 0,
               "19180000=1918 | 19190000=1919 | 19170000=1917");
    assert_none("un cr\xC3\xA9" "dit de 1800 francs");
    assert_all("im Jahre 1918, seit 1917", 0, "19180000=1918 | 19170000=1917");
    assert_all("\xD0\xB2 1918 \xD0\xB3\xD0\xBE\xD0\xB4\xD1\x83, 1921 \xD0\xB3.", 0,
               "19180000=1918 | 19210000=1921"); /* в 1918 году, 1921 г. */
    assert_all("desde 1917, nel 1918, em 1919, 1920'de", 0,
               "19170000=1917 | 19180000=1918 | 19190000=1919 | 19200000=1920");
    assert_all("the war (1914) and [1918]; mid-1919", 0,
               "19140000=1914 | 19180000=1918 | 19190000=1919");
    assert_all("Moscow, 1918.\nThe text", 0, "19180000=1918");
    assert_all("his memoirs (London, 1920) and (Paris, No. 1864)", 0,
               "19200000=1920");
    assert_all("the 1918 elections, not the 1918. Nor the 1761, nor The 1864 Answering", 0,
               "19180000=1918");
}

static void test_year_ranges(void **state)
{
    (void)state;
    assert_all("the years 1917-1918 and 1917\xE2\x80\x93" "19", 0,
               "19170000=1917 | 19180000=1918 | 19170000=1917 | 19190000=19");
    assert_all("Central Decimal File 1910-29", 0,
               "19100000=1910 | 19290000=29");
    assert_none("your 1761-1764, pp. 1820-1830, Nos. 1801-1805");
    assert_none("1918-1917 and 1864-2030");
}

static void test_french_german_russian(void **state)
{
    (void)state;
    assert_only("le 8 f\xC3\xA9vrier 1918", 0, "19180208=8 f\xC3\xA9vrier 1918");
    assert_only("le 1er ao\xC3\xBBt 1918", 0, "19180801=1er ao\xC3\xBBt 1918");
    assert_only("Paris, 8 f\xC3\xA9vr. 1918", 0, "19180208=8 f\xC3\xA9vr. 1918");
    assert_only("den 8. Februar 1918", 0, "19180208=8. Februar 1918");
    assert_only("am 2. M\xC3\xA4rz", 1918, "19180302=2. M\xC3\xA4rz");
    assert_none("3. March on. 3. may be");
    /* 8 февраля 1918 г., the month in three cases */
    assert_only("8 \xD1\x84\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8F 1918 \xD0\xB3.",
                0, "19180208=8 \xD1\x84\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8F 1918");
    assert_only("\xD0\xB2 \xD1\x84\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD0\xB5 1918",
                0, "19180200=\xD1\x84\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD0\xB5 1918");
    assert_only("\xD0\xA4\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8C 1918",
                0, "19180200=\xD0\xA4\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8C 1918");
    assert_only("26 \xD1\x81\xD0\xB5\xD0\xBD\xD1\x82. 1918", 0, /* сент. */
                "19180926=26 \xD1\x81\xD0\xB5\xD0\xBD\xD1\x82. 1918");
}

static void test_spanish_italian_portuguese_turkish(void **state)
{
    (void)state;
    assert_only("el 8 de febrero de 1918", 0, "19180208=8 de febrero de 1918");
    assert_only("l'8 febbraio 1918", 0, "19180208=8 febbraio 1918");
    assert_only("em 8 de fevereiro de 1918", 0,
                "19180208=8 de fevereiro de 1918");
    assert_only("8 \xC5\x9E" "ubat 1918", 0, "19180208=8 \xC5\x9E" "ubat 1918");
    assert_none("nisan 8 ve mart 3"); /* Turkish names are capitalised */
}

static void test_english_forms_and_roman_months(void **state)
{
    (void)state;
    assert_only("February 8th, 1918", 0, "19180208=February 8th, 1918");
    assert_only("8th February, 1918", 0, "19180208=8th February, 1918");
    assert_only("the 8th of February, 1918", 0,
                "19180208=8th of February, 1918");
    assert_only("Feb. 8, 1918", 0, "19180208=Feb. 8, 1918");
    assert_only("on 8/II/1918", 0, "19180208=8/II/1918");
    assert_only("on 8.II.1918", 0, "19180208=8.II.1918");
    assert_none("8/XIII/1918 and 8/IIII/1918");
}

/* An Old Style/New Style double date is its New Style day. */
static void test_old_and_new_style(void **state)
{
    (void)state;
    assert_only("26 January/8 February 1918", 0,
                "19180208=26 January/8 February 1918");
    assert_only("13/26 February 1918", 0, "19180226=13/26 February 1918");
    assert_only("31/13 February 1918", 0, "19180213=31/13 February 1918");
    assert_only("26 January (8 February) 1918", 0,
                "19180208=26 January (8 February) 1918");
    assert_only("19 December 1917/1 January 1918", 0,
                "19180101=19 December 1917/1 January 1918");
    assert_only("January 26/February 8, 1918", 0,
                "19180208=January 26/February 8, 1918");
    /* 26 января/8 февраля 1918 г. */
    assert_only("26 \xD1\x8F\xD0\xBD\xD0\xB2\xD0\xB0\xD1\x80\xD1\x8F/8 "
                "\xD1\x84\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8F 1918 \xD0\xB3.",
                0, "19180208=26 \xD1\x8F\xD0\xBD\xD0\xB2\xD0\xB0\xD1\x80\xD1\x8F/8 "
                "\xD1\x84\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8F 1918");
    /* Not 10 to 13 days apart: two dates, not one. */
    assert_all("3 July/4 July 1918", 0, "19180704=4 July 1918");
}

/* Month names are found wherever they start, in the middle of UTF-8 text
 * too, and a long run of bytes costs no more than a pass. */
static void test_month_name_lookup(void **state)
{
    (void)state;
    size_t end;
    const char *t = "\xC2\xAB" "F\xC3\xA9vrier 1918";
    assert_int_equal(dates_month_name(t, strlen(t), 2, &end), 2);
    assert_int_equal(end, 2 + strlen("F\xC3\xA9vrier"));
    assert_int_equal(dates_month_name("may", 3, 0, &end), 0);
    assert_only("\xC2\xAB" "8 f\xC3\xA9vrier 1918\xC2\xBB", 0,
                "19180208=8 f\xC3\xA9vrier 1918");
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
        cmocka_unit_test(test_numbers_of_telegrams_are_not_years),
        cmocka_unit_test(test_years_in_context),
        cmocka_unit_test(test_year_ranges),
        cmocka_unit_test(test_french_german_russian),
        cmocka_unit_test(test_spanish_italian_portuguese_turkish),
        cmocka_unit_test(test_english_forms_and_roman_months),
        cmocka_unit_test(test_old_and_new_style),
        cmocka_unit_test(test_month_name_lookup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
