/*
 * test_repair.c -- PDF damage mended as a reader would want it: on small
 * texts that show one repair each, and over the whole raw narrative.
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

#include "repair.h"

#define NARRATIVE FOND_SOURCE_DIR "/corpus/narrative/treaty-of-kars-1921.txt"

static analyzer_t *analyzer;

static int setup(void **state)
{
    (void)state;
    return analyzer_new(&analyzer, "english") == FOND_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    analyzer_free(analyzer);
    return 0;
}

static repair_t repaired(const char *text)
{
    repair_t r;
    assert_int_equal(repair_text(text, strlen(text), analyzer, NULL, NULL, &r),
                     FOND_OK);
    return r;
}

static void test_broken_word_joined_across_a_stranded_note(void **state)
{
    (void)state;
    repair_t r = repaired(
        "Azerbaijan agreed. Although Turkey secured Azer-\n\n"
        "See: USSR Foreign Policy Documents. T. IV, M.: Gospolitizdat, 1960, p. 227-228\n"
        " baijan and Georgia's consent.\n");
    assert_string_equal(r.text, "Azerbaijan agreed. Although Turkey secured "
                                "Azerbaijan and Georgia's consent.");
    assert_int_equal(r.n_notes, 1);
    assert_string_equal(r.notes[0].text, "See: USSR Foreign Policy Documents. "
                        "T. IV, M.: Gospolitizdat, 1960, p. 227-228");
    repair_free(&r);
}

static void test_real_hyphens_stay(void **state)
{
    (void)state;
    repair_t r = repaired("An eight-\n point resolution. The point was made.\n"
                          "the Turkey-\nSouth Caucasus talks.\n");
    assert_non_null(strstr(r.text, "An eight-point resolution."));
    assert_non_null(strstr(r.text, "the Turkey-South Caucasus"));
    repair_free(&r);
}

static void test_unknown_halves_are_joined(void **state)
{
    (void)state;
    repair_t r = repaired("said by Kazim Pa-\n sha at the meeting.\n");
    assert_string_equal(r.text, "said by Kazim Pasha at the meeting.");
    repair_free(&r);
}

static int knows_ratification(void *ctx, const char *word, int is_stem)
{
    (void)ctx;
    return !is_stem && strcmp(word, "ratification") == 0;
}

static void test_collection_vocabulary_decides(void **state)
{
    (void)state;
    const char *text = "the ratifi-\ncation was fast\n";
    repair_t r;
    assert_int_equal(repair_text(text, strlen(text), analyzer,
                                 knows_ratification, NULL, &r), FOND_OK);
    assert_string_equal(r.text, "the ratification was fast");
    repair_free(&r);
}

static void test_markers_taken_out_in_order(void **state)
{
    (void)state;
    repair_t r = repaired("in the conference.1 Moscow agreed on 3 July.2 The "
                          "delegations reached Kars at 1130 on 26 September "
                          "at height 6625 (3,142) “and so”.3 Then.\n");
    assert_string_equal(r.text, "in the conference. Moscow agreed on 3 July. "
                        "The delegations reached Kars at 1130 on 26 September "
                        "at height 6625 (3,142) “and so”. Then.");
    assert_int_equal(r.n_markers, 3);
    for (unsigned i = 0; i < 3; i++)
        assert_int_equal(r.markers[i].number, i + 1);
    assert_memory_equal(r.text + r.markers[0].offset - 11, "conference.", 11);
    repair_free(&r);
}

static void test_stray_numbers_and_lost_hyphens(void **state)
{
    (void)state;
    repair_t r = repaired("the conference was planned\nfor the confer19\n"
                          " ence in midSeptember with Ar29\n30\n31\n\n"
                          "menia and Armenia.\n\n18\n\nThe end.\n");
    assert_string_equal(r.text, "the conference was planned for the "
                        "conference in mid-September with Armenia and "
                        "Armenia.\n\nThe end.");
    repair_free(&r);
}

static void test_map_back_to_the_original(void **state)
{
    (void)state;
    const char *raw = "One Azer-\n\n12\n\n baijan two.\n";
    repair_t r = repaired(raw);
    assert_string_equal(r.text, "One Azerbaijan two.");
    size_t two = (size_t)(strstr(r.text, "two") - r.text);
    assert_memory_equal(raw + repair_raw_offset(&r, two), "two", 3);
    assert_memory_equal(raw + repair_raw_offset(&r, 4), "Azer-", 5);
    repair_free(&r);
}

static void test_empty_and_blank(void **state)
{
    (void)state;
    repair_t r = repaired("");
    assert_string_equal(r.text, "");
    repair_free(&r);
    r = repaired("\n\n  \n");
    assert_string_equal(r.text, "");
    repair_free(&r);
}

/* The whole narrative: no broken word, glued marker or stranded note left. */
static void test_the_narrative(void **state)
{
    (void)state;
    size_t len;
    char *raw = slurp(NARRATIVE, &len);
    repair_t r;
    assert_int_equal(repair_text(raw, len, analyzer, NULL, NULL, &r), FOND_OK);
    static const char *const must[] = {
        "Turkey secured Azerbaijan and Georgia’s consent to hold",
        "Kazim Pasha", "true brotherhood between the two nations",
        "to contact Comrade Narimanov", "Committee of the Communist Party",
        "An eight-point resolution", "in mid-September", "during the conference",
        "Azerbaijan and Armenia", "Turkey-South Caucasus", "Dash-Burun (3,142)",
        "at 1130 on", "height 6625 to", "on 3 July. Yusif Kamal",
        "the Kars conference. Moscow was", "Kazim Karabekir Pasha. A few days"};
    for (size_t i = 0; i < sizeof must / sizeof *must; i++) {
        if (!strstr(r.text, must[i]))
            fail_msg("missing: %s", must[i]);
    }
    static const char *const mustnot[] = {
        "Azer-", "Pa- sha", "con- tact", "be- tween", "confer19", "Ar29",
        "conference.1", "July.5", "See: USSR", "SA AR", "\n18\n", " 37 38 "};
    for (size_t i = 0; i < sizeof mustnot / sizeof *mustnot; i++) {
        if (strstr(r.text, mustnot[i]))
            fail_msg("still there: %s", mustnot[i]);
    }
    assert_int_equal(r.n_markers, 38);
    for (unsigned i = 0; i < 38; i++)
        assert_int_equal(r.markers[i].number, i + 1);
    assert_int_equal(r.n_notes, 2);
    assert_int_equal(r.notes[0].number, 3);
    assert_int_equal(r.notes[1].number, 38);
    assert_non_null(strstr(r.notes[1].text, "SA AR, f.28, s.1, i.68, v.17-20"));
    repair_free(&r);
    free(raw);
}

/* The marker numbers of r, in order, as "1,2,3". */
static void markers_are(const repair_t *r, const char *want)
{
    char got[256] = "";
    size_t at = 0;
    for (size_t i = 0; i < r->n_markers && at < sizeof got - 8; i++)
        at += (size_t)snprintf(got + at, sizeof got - at, "%s%u", i ? "," : "",
                               r->markers[i].number);
    assert_string_equal(got, want);
}

/* Superscript markers in English, German and Russian, glued to a word, to
 * punctuation, or to a number when the sequence says they are the next
 * one; a power ("km²") and a superscript out of sequence stay. */
static void test_superscript_markers_by_their_sequence(void **state)
{
    (void)state;
    repair_t r = repaired("Your 5860\xc2\xb9 of February 26 reached "
                          "Kars\xc2\xb2 and the Legation.\xc2\xb3 The zone of "
                          "12 km\xc2\xb2 is held.\n");
    assert_string_equal(r.text, "Your 5860 of February 26 reached Kars and "
                        "the Legation. The zone of 12 km\xc2\xb2 is held.");
    markers_are(&r, "1,2,3");
    assert_memory_equal(r.text + r.markers[0].offset - 4, "5860", 4);
    repair_free(&r);

    /* Out of sequence, glued to a number: a number's, it stays. */
    r = repaired("Your 5860\xc2\xb2 of February 26.\n");
    assert_string_equal(r.text, "Your 5860\xc2\xb2 of February 26.");
    markers_are(&r, "");
    repair_free(&r);

    r = repaired("Der Vertrag\xc2\xb9 wurde in Kars unterzeichnet.\xc2\xb2\n");
    assert_string_equal(r.text, "Der Vertrag wurde in Kars unterzeichnet.");
    markers_are(&r, "1,2");
    repair_free(&r);

    r = repaired("Договор подписан в Карсе\xc2\xb9 13 октября.\xc2\xb2\n");
    assert_string_equal(r.text, "Договор подписан в Карсе 13 октября.");
    markers_are(&r, "1,2");
    repair_free(&r);
}

/* A marker glued to a number by a comma is the next marker or nothing:
 * "1917,2" is split, "3,080", "3,5" and an out-of-sequence "1917,7"
 * stay. */
static void test_marker_glued_to_a_number(void **state)
{
    (void)state;
    repair_t r = repaired("Signed in Moscow.1 Ratified in 1917,2 at a cost "
                          "of 3,080 roubles, 3,5 million, and in 1918,7 too.\n");
    assert_string_equal(r.text, "Signed in Moscow. Ratified in 1917, at a cost "
                        "of 3,080 roubles, 3,5 million, and in 1918,7 too.");
    markers_are(&r, "1,2");
    repair_free(&r);

    /* ... or by a full stop that ends a sentence: "1922.3 Armenia"; not in
     * "File No. 861.51/131", "2.5 million" or "1922.4 tons". */
    r = repaired("Signed.1 Sent.2 Ratified in 1922.3 Armenia, File No. "
                 "861.51/131, 2.5 million, 1922.4 tons.\n");
    assert_string_equal(r.text, "Signed. Sent. Ratified in 1922. Armenia, File "
                        "No. 861.51/131, 2.5 million, 1922.4 tons.");
    markers_are(&r, "1,2,3");
    repair_free(&r);
}

/* Editorial brackets are text; "[N]" glued to a word is a marker. */
static void test_editorial_brackets_stay(void **state)
{
    (void)state;
    repair_t r = repaired("Petrograd, February 8, 1918, 7 [4] p.m. The credit "
                          "of [$]5,000,000 [sic] was opened. [Enclosure] "
                          "The note [1] was sent. Kars.[3][2]\n");
    assert_string_equal(r.text, "Petrograd, February 8, 1918, 7 [4] p.m. The "
                        "credit of [$]5,000,000 [sic] was opened. [Enclosure] "
                        "The note was sent. Kars.");
    markers_are(&r, "1,3,2");
    repair_free(&r);

    r = repaired("Le télégramme [4] de Paris, 7 [4] heures.\n");
    assert_string_equal(r.text, "Le télégramme [4] de Paris, 7 [4] heures.");
    repair_free(&r);
}

/* A decree's numbered paragraphs that look like citations are no
 * stranded notes: no marker named them.  They stay text, in English and
 * Russian. */
static void test_numbered_paragraphs_stay_text(void **state)
{
    (void)state;
    repair_t r = repaired(
        "The Council of People's Commissars decrees:\n\n"
        "1. The frontier follows the line of the Treaty of Moscow (Moscow, "
        "16 March 1921), article 4.\n\n"
        "2. See that the commission meets at Kars, f. 28, op. 1, d. 68.\n\n"
        "3. The garrisons withdraw.\n");
    assert_non_null(strstr(r.text, "1. The frontier follows"));
    assert_non_null(strstr(r.text, "2. See that the commission"));
    assert_int_equal(r.n_notes, 0);
    repair_free(&r);

    r = repaired("Совет постановляет:\n\n"
                 "1. См. договор, ф. 28, оп. 1, д. 68, л. 17.\n\n"
                 "2. Гарнизоны отходят.\n");
    assert_non_null(strstr(r.text, "1. См. договор, ф. 28"));
    assert_int_equal(r.n_notes, 0);
    repair_free(&r);

    /* A numbered stranded note whose marker came before is still one. */
    r = repaired("The treaty was signed.1\n\n"
                 "1 See: USSR Foreign Policy Documents. T. IV, M.: "
                 "Gospolitizdat, 1960, p. 227\n\nThe text goes on.\n");
    assert_int_equal(r.n_notes, 1);
    assert_int_equal(r.notes[0].number, 1);
    assert_null(strstr(r.text, "Gospolitizdat"));
    repair_free(&r);
}

/* Stranded note text with no marker before it is kept, as note 0, with
 * where it stood. */
static void test_unnamed_stranded_note_is_kept(void **state)
{
    (void)state;
    repair_t r = repaired("The delegations met.\n\n"
                          "See: USSR Foreign Policy Documents. T. IV, M.: "
                          "Gospolitizdat, 1960, p. 227-228\n\n"
                          "They signed.\n");
    assert_int_equal(r.n_notes, 1);
    assert_int_equal(r.notes[0].number, 0);
    assert_int_equal(r.notes[0].offset, strlen("The delegations met."));
    repair_free(&r);
}

/* Markers start where the source's notes do: an extract whose notes are
 * numbered from 28. */
static void test_markers_from_the_first_note(void **state)
{
    (void)state;
    const char *text = "The treaty.28 The ratification.29 In 1921.\n";
    repair_t r;
    assert_int_equal(repair_text_from(text, strlen(text), analyzer, NULL, NULL,
                                      28, &r), FOND_OK);
    assert_string_equal(r.text, "The treaty. The ratification. In 1921.");
    markers_are(&r, "28,29");
    repair_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_broken_word_joined_across_a_stranded_note),
        cmocka_unit_test(test_real_hyphens_stay),
        cmocka_unit_test(test_unknown_halves_are_joined),
        cmocka_unit_test(test_collection_vocabulary_decides),
        cmocka_unit_test(test_markers_taken_out_in_order),
        cmocka_unit_test(test_stray_numbers_and_lost_hyphens),
        cmocka_unit_test(test_map_back_to_the_original),
        cmocka_unit_test(test_empty_and_blank),
        cmocka_unit_test(test_the_narrative),
        cmocka_unit_test(test_superscript_markers_by_their_sequence),
        cmocka_unit_test(test_marker_glued_to_a_number),
        cmocka_unit_test(test_editorial_brackets_stay),
        cmocka_unit_test(test_numbered_paragraphs_stay_text),
        cmocka_unit_test(test_unnamed_stranded_note_is_kept),
        cmocka_unit_test(test_markers_from_the_first_note),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
