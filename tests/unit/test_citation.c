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

/* ------------------------------------------------------------ any archive */

/* The references in s (an exact copy), at most 8. */
static size_t refs(const char *s, citation_ref_t out[8])
{
    size_t len;
    char *p = exact_copy(s, &len);
    size_t n = citation_find_refs(p, len, out, 8);
    free(p);
    return n;
}

/* "archive|fond|opis|delo|box|folder|reel|volume|sheets|number" */
static void assert_ref(const citation_ref_t *r, const char *text,
                       const char *want)
{
    char got[1024];
    snprintf(got, sizeof got, "%s|%s|%s|%s|%s|%s|%s|%s|%s|%s", r->archive,
             r->part[CITATION_FOND], r->part[CITATION_OPIS],
             r->part[CITATION_DELO], r->part[CITATION_BOX],
             r->part[CITATION_FOLDER], r->part[CITATION_REEL],
             r->part[CITATION_VOLUME], r->part[CITATION_SHEETS], r->number);
    assert_string_equal(r->text, text);
    assert_string_equal(got, want);
}

static void one_ref(const char *s, const char *text, const char *want)
{
    citation_ref_t r[8];
    assert_int_equal(refs(s, r), 1);
    assert_ref(&r[0], text, want);
}

static void test_refs_american(void **state)
{
    (void)state;
    one_ref("File No. 861.51/131.", "File No. 861.51/131",
            "|||861.51/131||||||861.51/131");
    one_ref("NARA, RG 59, Central Decimal File 1910-29, 861.00/1234",
            "NARA, RG 59, Central Decimal File 1910-29, 861.00/1234",
            "NARA|59|Central Decimal File 1910-29|861.00/1234||||||861.00/1234");
    one_ref("Library of Congress, Manuscript Division, MSS 1234, reel 7",
            "Library of Congress, Manuscript Division, MSS 1234, reel 7",
            "Library of Congress|1234|Manuscript Division||||7|||");
    one_ref("Box 17, Folder 3.", "Box 17, Folder 3", "||||17|3||||");
    one_ref("Despatch filed as No. 861.51/131a.", "No. 861.51/131a",
            "|||861.51/131a||||||861.51/131a");
    /* a short capitalised first segment stands for the archive */
    one_ref("Microfilm publication M316, roll 7",
            "Microfilm publication M316, roll 7",
            "Microfilm publication M316||||||7|||");
    one_ref("Hoover Institution Archives, Nicolaevsky Collection, Box No. "
            "233, Folder 12",
            "Hoover Institution Archives, Nicolaevsky Collection, Box No. "
            "233, Folder 12",
            "Hoover Institution Archives||Nicolaevsky Collection||233|12||||233");
}

static void test_refs_british_and_german(void **state)
{
    (void)state;
    one_ref("TNA, FO 371/6262", "TNA, FO 371/6262",
            "TNA|FO 371||6262||||||FO 371/6262");
    one_ref("PRO FO 371/3320, f. 45.", "PRO FO 371/3320, f. 45",
            "PRO|FO 371||3320|||||45|FO 371/3320");
    one_ref("BArch R 43 I/1234", "BArch R 43 I/1234",
            "BArch|R 43 I||1234||||||R 43 I/1234");
    one_ref("PA AA, R 9208, Bl. 12, 14-15", "PA AA, R 9208, Bl. 12, 14-15",
            "PA AA|||R 9208|||||12, 14-15|R 9208");
    one_ref("FO371/6262", "FO371/6262", "|FO371||6262||||||FO371/6262");
    /* an archive named in words lets a code or unit open a reference */
    one_ref("Politisches Archiv des Ausw\xC3\xA4rtigen Amts, R 9208.",
            "Politisches Archiv des Ausw\xC3\xA4rtigen Amts, R 9208",
            "Politisches Archiv des Ausw\xC3\xA4rtigen Amts|||R 9208||||||R 9208");
    one_ref("Minist\xC3\xA8re des Affaires \xC3\xA9trang\xC3\xA8res, "
            "Correspondance politique, Russie, vol. 12.",
            "Minist\xC3\xA8re des Affaires \xC3\xA9trang\xC3\xA8res, "
            "Correspondance politique, Russie, vol. 12",
            "Minist\xC3\xA8re des Affaires \xC3\xA9trang\xC3\xA8res||"
            "Correspondance politique, Russie|||||12||");
    /* a code alone with no slash is no reference: "WW 1918" */
    citation_ref_t r[8];
    assert_int_equal(refs("The war of WW 1918 ended.", r), 0);
}

static void test_refs_soviet_and_french(void **state)
{
    (void)state;
    one_ref("AVP RF, f. 04, op. 32, p. 206, d. 52881",
            "AVP RF, f. 04, op. 32, p. 206, d. 52881",
            "AVP RF|04|32|52881|206|||||");
    one_ref("\xD0\x93\xD0\x90 \xD0\x90\xD0\xA0, \xD1\x84. 28, \xD0\xBE\xD0\xBF. "
            "1, \xD0\xB4. 68, \xD0\xBB. 17-20",
            "\xD0\x93\xD0\x90 \xD0\x90\xD0\xA0, \xD1\x84. 28, \xD0\xBE\xD0\xBF. "
            "1, \xD0\xB4. 68, \xD0\xBB. 17-20",
            "\xD0\x93\xD0\x90 \xD0\x90\xD0\xA0|28|1|68|||||17-20|");
    /* full stops between the units: РГАСПИ. Ф. 17. Оп. 3. Д. 100. */
    one_ref("\xD0\xA0\xD0\x93\xD0\x90\xD0\xA1\xD0\x9F\xD0\x98. \xD0\xA4. 17. "
            "\xD0\x9E\xD0\xBF. 3. \xD0\x94. 100.",
            "\xD0\xA0\xD0\x93\xD0\x90\xD0\xA1\xD0\x9F\xD0\x98. \xD0\xA4. 17. "
            "\xD0\x9E\xD0\xBF. 3. \xD0\x94. 100",
            "\xD0\xA0\xD0\x93\xD0\x90\xD0\xA1\xD0\x9F\xD0\x98|17|3|100||||||");
    one_ref(ABILOV_NOTE, "SA AR, f.28, s.1, i.68, v.17-20",
            "SA AR|28|1|68|||||17-20|");
    one_ref("AMAE, Europe 1918-1940, URSS, vol. 12",
            "AMAE, Europe 1918-1940, URSS, vol. 12",
            "AMAE||Europe 1918-1940, URSS|||||12||");
}

static void test_refs_in_prose_and_several(void **state)
{
    (void)state;
    citation_ref_t r[8];
    /* prose numbers no archival unit */
    assert_int_equal(refs("Smith (d. 1921) wrote in vol. 2 of his memoirs, "
                          "p. 45.  Your No. 1761 of April 3.", r), 0);
    assert_int_equal(refs(SEE_NOTE, r), 0);
    /* two in one note, the words before them not taken for an archive */
    assert_int_equal(refs("The Ambassador telegraphed on May 5. See File No. "
                          "861.00/1764; also TNA, FO 371/3320.", r), 2);
    assert_ref(&r[0], "File No. 861.00/1764", "|||861.00/1764||||||861.00/1764");
    assert_ref(&r[1], "TNA, FO 371/3320", "TNA|FO 371||3320||||||FO 371/3320");
    /* the archive is the siglum, not the description before it */
    assert_int_equal(refs("Telegram from Huseynov to Kamal, Tiflis, SA AR, "
                          "f. 28, op. 1, d. 68", r), 1);
    assert_ref(&r[0], "SA AR, f. 28, op. 1, d. 68", "SA AR|28|1|68||||||");
    /* a second delo starts another reference of the same archive */
    assert_int_equal(refs("GARF, f. 130, op. 5, d. 12, d. 13", r), 2);
    assert_ref(&r[1], "GARF, f. 130, op. 5, d. 12, d. 13", "GARF|||13||||||");
    /* out[] full: the first max */
    assert_int_equal(citation_find_refs("Box 1; Box 2; Box 3", 19, r, 2), 2);
}

/* The key a reference is indexed and looked up by: up to its file. */
static void test_ref_key(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"see TNA, FO 371/6262, f. 45", "TNA, FO 371/6262"},
        {"FO 371/6262, f. 45", "FO 371/6262"},
        {"GARF, f. 130, op. 5, d. 12, l. 3-4", "GARF, f. 130, op. 5, d. 12"},
        {"Box 17, Folder 3", "Box 17, Folder 3"},
        {"371/6262", "371/6262"}, /* no reference: all of it */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t len, start, end;
        char *p = exact_copy(cases[i][0], &len);
        citation_ref_key(p, len, &start, &end);
        assert_true(start <= end && end <= len);
        assert_int_equal(end - start, strlen(cases[i][1]));
        assert_memory_equal(p + start, cases[i][1], end - start);
        free(p);
    }
}

/* Bounded work and no reads past len on hostile text: a long run of
 * units, codes and separators. */
static void test_refs_long_input(void **state)
{
    (void)state;
    size_t n = 200000, at = 0;
    char *s = malloc(n);
    assert_non_null(s);
    static const char *const bits[] = {"f. 1, ", "FO 3/", "861.5/", "Box 9 ",
                                       ". ", "TNA ", "d. 1-", "\xD1\x84."};
    for (unsigned k = 0; at < n; k = k * 7 + 3) {
        const char *b = bits[k % 8];
        size_t m = strlen(b) < n - at ? strlen(b) : n - at;
        memcpy(s + at, b, m);
        at += m;
    }
    citation_ref_t r[8];
    size_t found = citation_find_refs(s, n, r, 8);
    assert_true(found > 0 && found <= 8);
    for (size_t i = 0; i < found; i++)
        assert_true(strlen(r[i].text) < CITATION_REF_TEXT);
    free(s);
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
        cmocka_unit_test(test_refs_american),
        cmocka_unit_test(test_refs_british_and_german),
        cmocka_unit_test(test_refs_soviet_and_french),
        cmocka_unit_test(test_refs_in_prose_and_several),
        cmocka_unit_test(test_refs_long_input),
        cmocka_unit_test(test_ref_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
