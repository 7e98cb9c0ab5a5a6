/*
 * test_citation.c -- footnote references read field by field, in English
 * and Russian style, and footnote lines told from the prose of the raw
 * narrative.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "citation.h"

#define NARRATIVE FOND_SOURCE_DIR "/corpus/narrative/treaty-of-kars-1921.txt"

#define SEE_NOTE                                                             \
    "See: USSR Foreign Policy Documents. T. IV, M.: Gospolitizdat, 1960, p. " \
    "227-228"
#define ABILOV_NOTE                                                          \
    "I. Abilov\xE2\x80\x99s conversation with Yusif Kamal. 26.01.1922.// SA " \
    "AR, f.28, s.1, i.68, v.17-20"

/* The functions get exactly the bytes of s, in a buffer of that size with
 * no NUL after it, so reading past len is caught by AddressSanitizer. */
static char *exact_copy(const char *s, size_t *len)
{
    *len = strlen(s);
    char *p = malloc(*len ? *len : 1);
    assert_non_null(p);
    memcpy(p, s, *len);
    return p;
}

static int archival(const char *s, citation_archival_t *a)
{
    size_t len;
    char *p = exact_copy(s, &len);
    int found = citation_find_archival(p, len, a);
    free(p);
    return found;
}

static int biblio(const char *s, citation_biblio_t *b)
{
    size_t len;
    char *p = exact_copy(s, &len);
    int found = citation_find_biblio(p, len, b);
    free(p);
    return found;
}

static int looks_like_note(const char *s)
{
    size_t len;
    char *p = exact_copy(s, &len);
    int note = citation_looks_like_note(p, len);
    free(p);
    return note;
}

static void assert_archival(const citation_archival_t *a, const char *archive,
                            const char *fond, const char *opis,
                            const char *delo, const char *sheets)
{
    assert_string_equal(a->archive, archive);
    assert_string_equal(a->fond, fond);
    assert_string_equal(a->opis, opis);
    assert_string_equal(a->delo, delo);
    assert_string_equal(a->sheets, sheets);
}

/* ------------------------------------------------------------ archival */

static void test_archival_after_document_description(void **state)
{
    (void)state;
    citation_archival_t a;
    assert_true(archival(ABILOV_NOTE, &a));
    assert_archival(&a, "SA AR", "28", "1", "68", "17-20");
}

static void test_archival_russian_style(void **state)
{
    (void)state;
    citation_archival_t a;
    assert_true(archival("ГА АР, ф. 28, оп. 1, д. 68, лл. 17-20", &a));
    assert_archival(&a, "ГА АР", "28", "1", "68", "17-20");
    assert_true(archival("ГА АР, ф. 28, оп. 1, д. 68, л. 17.", &a));
    assert_archival(&a, "ГА АР", "28", "1", "68", "17");
}

/* Numbers with "/", "-", letters and a letter after a space; a letter
 * then "." is the next field's abbreviation, not a suffix. */
static void test_archival_numbers_with_letters(void **state)
{
    (void)state;
    citation_archival_t a;
    assert_true(archival("GARF, f. R-130, op. 2, d. 68/1, l. 5-6", &a));
    assert_archival(&a, "GARF", "R-130", "2", "68/1", "5-6");
    assert_true(archival("RGASPI, f. 85, op. 13 a, d. 112-b, l. 3", &a));
    assert_archival(&a, "RGASPI", "85", "13 a", "112-b", "3");
    assert_true(archival("SA AR, f. 410, s. 1 a, i. 12 b.", &a));
    assert_archival(&a, "SA AR", "410", "1 a", "12 b", "");
    assert_true(archival("ГА АР, ф. 28, оп. 1 б, д. 68", &a));
    assert_archival(&a, "ГА АР", "28", "1 б", "68", "");
    assert_true(archival("SA AR, f. 28 s. 1", &a)); /* no comma: fond alone */
    assert_archival(&a, "SA AR", "28", "", "", "");
}

static void test_archival_with_spaces_and_lists(void **state)
{
    (void)state;
    citation_archival_t a;
    assert_true(archival("SA AR, f. 28, s. 1, i. 68, v. 17-20", &a));
    assert_archival(&a, "SA AR", "28", "1", "68", "17-20");
    assert_true(archival("Letter of 5 July 1921. GARF, f. R-1318, op. 1, "
                         "d. 5, l. 3, 7-9.", &a));
    assert_archival(&a, "GARF", "R-1318", "1", "5", "3, 7-9");
    assert_true(archival("Telegram, 21 July 1921, AVP RF, f. 132, op. 4, "
                         "d. 2", &a));
    assert_archival(&a, "AVP RF", "132", "4", "2", "");
}

static void test_archival_missing_fields_are_empty(void **state)
{
    (void)state;
    citation_archival_t a;
    assert_true(archival("See: RGASPI, f. 85", &a));
    assert_archival(&a, "RGASPI", "85", "", "", "");
}

static void test_archival_needs_archive_and_fond(void **state)
{
    (void)state;
    citation_archival_t a;
    assert_false(archival(", f. 28, op. 1", &a));  /* no archive */
    assert_false(archival("SA AR, s.1, i.68", &a)); /* no fond */
    assert_false(archival("SA AR, f. none", &a));   /* no number */
    assert_false(archival("", &a));
    assert_string_equal(a.archive, "");
    assert_false(archival("the meeting chaired by G. Orjonikidze, for "
                          "example", &a));
}

static void test_archival_field_too_long_is_cut_whole_letters(void **state)
{
    (void)state;
    char s[400] = "";
    for (int i = 0; i < 40; i++)
        strcat(s, "Ж"); /* 80 bytes: longer than CITATION_FIELD */
    strcat(s, ", ф. 1");
    citation_archival_t a;
    assert_true(archival(s, &a));
    assert_int_equal(strlen(a.archive), 62); /* 31 letters, none split */
    assert_string_equal(a.fond, "1");
}

/* ------------------------------------------------------------ bibliographic */

static void test_biblio_see_reference(void **state)
{
    (void)state;
    citation_biblio_t b;
    assert_true(biblio(SEE_NOTE, &b));
    assert_string_equal(b.title, "USSR Foreign Policy Documents");
    assert_string_equal(b.volume, "IV");
    assert_string_equal(b.place, "M.");
    assert_string_equal(b.publisher, "Gospolitizdat");
    assert_string_equal(b.year, "1960");
    assert_string_equal(b.pages, "227-228");
}

static void test_biblio_after_other_words(void **state)
{
    (void)state;
    citation_biblio_t b;
    assert_true(biblio("Cited in the narrative (treaty-of-kars-1921.txt) as "
                       "note 3. " SEE_NOTE, &b));
    assert_string_equal(b.title, "USSR Foreign Policy Documents");
    assert_string_equal(b.year, "1960");
}

static void test_biblio_russian_style(void **state)
{
    (void)state;
    citation_biblio_t b;
    assert_true(biblio("Документы внешней политики СССР. Т. 4. М.: "
                       "Госполитиздат, 1960. С. 227–228.", &b));
    assert_string_equal(b.title, "Документы внешней политики СССР");
    assert_string_equal(b.volume, "4");
    assert_string_equal(b.place, "М.");
    assert_string_equal(b.publisher, "Госполитиздат");
    assert_string_equal(b.year, "1960");
    assert_string_equal(b.pages, "227–228");
}

static void test_biblio_place_without_volume(void **state)
{
    (void)state;
    citation_biblio_t b;
    assert_true(biblio("J. Hasanli. History of Kars. London: Penguin, 1999, "
                       "pp. 12-15, 20", &b));
    assert_string_equal(b.title, "J. Hasanli. History of Kars");
    assert_string_equal(b.volume, "");
    assert_string_equal(b.place, "London");
    assert_string_equal(b.publisher, "Penguin");
    assert_string_equal(b.year, "1999");
    assert_string_equal(b.pages, "12-15, 20");
}

static void test_biblio_year_and_pages_alone(void **state)
{
    (void)state;
    citation_biblio_t b;
    assert_true(biblio("Kommunist, 1921, p. 3", &b));
    assert_string_equal(b.title, "Kommunist");
    assert_string_equal(b.year, "1921");
    assert_string_equal(b.pages, "3");
    assert_string_equal(b.place, "");
}

static void test_biblio_needs_year_and_pages_or_volume(void **state)
{
    (void)state;
    citation_biblio_t b;
    assert_false(biblio("Ibid., p. 5", &b)); /* pages, no year */
    assert_string_equal(b.pages, "");
    assert_false(biblio("on 26 January 1922", &b)); /* a year, no pages */
    assert_false(biblio(ABILOV_NOTE, &b)); /* the archive's numbers are not */
    assert_false(biblio("", &b));
    assert_true(biblio("Vol. 2", &b));
    assert_string_equal(b.volume, "2");
    assert_string_equal(b.title, "");
}

/* ------------------------------------------------------------ notes or prose */

static void test_note_lines(void **state)
{
    (void)state;
    assert_true(looks_like_note(SEE_NOTE));
    assert_true(looks_like_note(ABILOV_NOTE));
    assert_true(looks_like_note("  ГА АР, ф. 28, оп. 1, д. 68, лл. 17-20"));
    assert_true(looks_like_note("Ibid., p. 5"));
    assert_true(looks_like_note("Ibid."));
    assert_true(looks_like_note("Cf. the telegram of 3 July"));
    assert_true(looks_like_note("Там же. С. 5."));
    assert_true(looks_like_note("Gospolitizdat, 1960, p. 227-228"));
    assert_true(looks_like_note("Documents. T. IV, M.: Gospolitizdat"));
}

static void test_prose_lines(void **state)
{
    (void)state;
    assert_false(looks_like_note("on the forthcoming Kars conference said: "
                                 "\xE2\x80\x9C" "1. The negotiations shall be "
                                 "held"));
    assert_false(looks_like_note("Moscow; 2. The Caucasus republics"));
    assert_false(looks_like_note("T. IV"));
    assert_false(looks_like_note("the documents printed in T. IV"));
    assert_false(looks_like_note("January 1922 focused mainly on the"));
    assert_false(looks_like_note("on 26 January 1922"));
    assert_false(looks_like_note("at 1400 on 13 October 1921. The Treaty"));
    assert_false(looks_like_note("Seeing that the treaty"));
    assert_false(looks_like_note("the delegation. Moscow: in 1921 the city"));
    assert_false(looks_like_note(""));
}

static void test_only_the_two_stranded_notes_of_the_narrative(void **state)
{
    (void)state;
    FILE *f = fopen(NARRATIVE, "rb");
    assert_non_null(f);
    char line[4096];
    int number = 0, notes = 0;
    while (fgets(line, sizeof line, f)) {
        number++;
        size_t len = strcspn(line, "\r\n");
        if (!citation_looks_like_note(line, len))
            continue;
        notes++;
        if (notes == 1) {
            assert_int_equal(number, 44);
            assert_true(strncmp(line, SEE_NOTE, len) == 0);
        } else {
            assert_true(strncmp(line, ABILOV_NOTE, len) == 0);
        }
    }
    fclose(f);
    assert_int_equal(notes, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_archival_after_document_description),
        cmocka_unit_test(test_archival_russian_style),
        cmocka_unit_test(test_archival_with_spaces_and_lists),
        cmocka_unit_test(test_archival_numbers_with_letters),
        cmocka_unit_test(test_archival_missing_fields_are_empty),
        cmocka_unit_test(test_archival_needs_archive_and_fond),
        cmocka_unit_test(test_archival_field_too_long_is_cut_whole_letters),
        cmocka_unit_test(test_biblio_see_reference),
        cmocka_unit_test(test_biblio_after_other_words),
        cmocka_unit_test(test_biblio_russian_style),
        cmocka_unit_test(test_biblio_place_without_volume),
        cmocka_unit_test(test_biblio_year_and_pages_alone),
        cmocka_unit_test(test_biblio_needs_year_and_pages_or_volume),
        cmocka_unit_test(test_note_lines),
        cmocka_unit_test(test_prose_lines),
        cmocka_unit_test(test_only_the_two_stranded_notes_of_the_narrative),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
