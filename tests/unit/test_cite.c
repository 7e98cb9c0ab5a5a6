/*
 * test_cite.c -- a hit as the citation a historian pastes (cli/cite.c):
 * which parts it takes from where, with a page when the hit has one, how
 * the archival reference is abbreviated, and that a source is cited by
 * its own reference only, what its footnotes cite being listed apart.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "cli.h"

static fond_note_t note(const char *text, const char *archive, const char *f,
                        const char *opis, const char *delo, const char *sheets)
{
    fond_note_t n = {1, text, archive, f, opis, delo, sheets,
                     "", "", "", "", "", ""};
    return n;
}

static fond_hit_t hit(const char *title, const char *from, const char *to,
                      const char *date, const fond_note_t *notes, size_t n)
{
    fond_hit_t h;
    memset(&h, 0, sizeof h);
    h.title = title, h.from = from, h.to = to, h.date = date;
    h.type = h.place = h.language = "";
    h.notes = notes, h.n_notes = n;
    return h;
}

static void test_a_telegram_with_its_archival_reference(void **state)
{
    (void)state;
    fond_note_t own = note("SA AR, f.28, s.1, i.68, v.17-20", "SA AR", "28",
                           "1", "68", "17-20");
    fond_hit_t h = hit("Telegram from M. D. Huseynov to Yusif Kamal",
                       "M. D. Huseynov", "Yusif Kamal", "1921-07-21", NULL, 0);
    h.place = "Baku";
    h.type = "telegram"; /* the title says it: not said twice */
    h.archive_ref = &own;
    cli_citation_t c;
    cli_cite(&h, NULL, &c);
    assert_string_equal(c.text, "\xE2\x80\x9CTelegram from M. D. Huseynov to "
                        "Yusif Kamal\xE2\x80\x9D, M. D. Huseynov to Yusif Kamal, "
                        "Baku, 21 July 1921. SA AR, f. 28, op. 1, d. 68, "
                        "ll. 17-20.");
    assert_string_equal(c.archive, "SA AR");
    assert_string_equal(c.sheets, "17-20");
    assert_string_equal(c.page, "");
    assert_string_equal(c.kind, "letter");
    assert_string_equal(c.cites, "");
}

/* A narrative whose footnote names an archive file: the file is what the
 * passage cites, not where the narrative is kept. */
static void test_a_footnote_is_cited_not_the_source(void **state)
{
    (void)state;
    fond_note_t notes[] = {
        note("Cited in the narrative.", "", "", "", "", ""),
        note("SA AR, f.28, s.1, i.68, v.17-20", "SA AR", "28", "1", "68", "17-20"),
        note("See: USSR Foreign Policy Documents. T. IV, M.: Gospolitizdat, "
             "1960, p. 227-228.", "", "", "", "", "")};
    notes[1].number = 38;
    notes[2].number = 39;
    notes[2].ref_title = "USSR Foreign Policy Documents";
    fond_hit_t h = hit("Treaty of Kars", "", "", "", notes, 3);
    h.type = "narrative";
    cli_citation_t c;
    cli_cite(&h, NULL, &c);
    assert_string_equal(c.text, "\xE2\x80\x9CTreaty of Kars\xE2\x80\x9D, n.d.");
    assert_string_equal(c.reference, "");
    assert_string_equal(c.archive, "");
    assert_string_equal(c.cites, "SA AR, f. 28, op. 1, d. 68, ll. 17-20 (note 38); "
                        "See: USSR Foreign Policy Documents. T. IV, M.: "
                        "Gospolitizdat, 1960, p. 227-228 (note 39)");
    assert_string_equal(c.kind, "document");
    h.title = ""; /* untitled, undated, kept nowhere known */
    cli_cite(&h, NULL, &c);
    assert_string_equal(c.text, "[Untitled], n.d.");
}

static void test_a_page_and_a_single_sheet(void **state)
{
    (void)state;
    fond_note_t n = note("GARF, f. R-130, op. 2, d. 68/1, l. 17", "GARF",
                         "R-130", "2", "68/1", "17");
    fond_hit_t h = hit("Treaty of Kars", "", "", "1921-10", NULL, 0);
    h.archive_ref = &n;
    cli_citation_t c;
    cli_cite(&h, "p. 227", &c);
    assert_string_equal(c.text, "\xE2\x80\x9CTreaty of Kars\xE2\x80\x9D, "
                        "October 1921, p. 227. GARF, f. R-130, op. 2, "
                        "d. 68/1, l. 17.");
    assert_string_equal(c.page, "p. 227");
    assert_string_equal(c.page_number, "227");
    assert_string_equal(c.kind, "manuscript");
    h.page_label = "pp. 227-228"; /* the hit's own label, when not given */
    cli_cite(&h, NULL, &c);
    assert_string_equal(c.page_number, "227-228");
    assert_non_null(strstr(c.text, ", pp. 227-228. GARF"));
}

/* An untitled telegram of an edition, kept under a file number that is
 * not an archival citation's parts: its type leads, the reference is
 * given as written; a range of dates; a creator when there is no
 * sender. */
static void test_an_untitled_telegram_and_a_range(void **state)
{
    (void)state;
    fond_note_t own = note("File No. 861.51/283.", "", "", "", "", "");
    fond_hit_t h = hit("", "The Ambassador in Russia (Francis)",
                       "The Secretary of State", "1918-02-08", NULL, 0);
    h.type = "telegram";
    h.place = "Petrograd";
    h.archive_ref = &own;
    cli_citation_t c;
    cli_cite(&h, NULL, &c);
    assert_string_equal(c.text, "Telegram, The Ambassador in Russia (Francis) "
                        "to The Secretary of State, Petrograd, 8 February "
                        "1918. File No. 861.51/283.");
    assert_string_equal(c.reference, "File No. 861.51/283");
    assert_string_equal(c.archive, "");
    /* parts read from a reference of another system are not rewritten in
     * the fond system's abbreviations */
    own = note("TNA, FO 371/6262, f. 12", "TNA", "FO 371", "", "6262", "12");
    cli_cite(&h, NULL, &c);
    assert_string_equal(c.reference, "TNA, FO 371/6262, f. 12");
    assert_string_equal(c.archive, "TNA"); /* its parts as read */
    /* nor are those that would lose a part (a papka) */
    own = note("AVP RF, f. 04, op. 32, p. 206, d. 52881", "AVP RF", "04",
               "32", "52881", "");
    cli_cite(&h, NULL, &c);
    assert_string_equal(c.reference, "AVP RF, f. 04, op. 32, p. 206, d. 52881");
    h = hit("Report on the oil fields", "", "", "1922-04-12", NULL, 0);
    h.type = "memorandum";
    h.creator = "A. Serebrovsky";
    h.date_end = "1922-05-02";
    cli_cite(&h, NULL, &c);
    assert_string_equal(c.text, "\xE2\x80\x9CReport on the oil fields\xE2\x80\x9D, "
                        "A. Serebrovsky, memorandum, 12 April 1922 \xE2\x80\x93 "
                        "2 May 1922.");
    assert_string_equal(c.author, "A. Serebrovsky");
    assert_string_equal(c.date_end, "1922-05-02");
}

static void test_the_least_a_source_says(void **state)
{
    (void)state;
    fond_hit_t h = hit("treaty of kars 1921", "", "", "", NULL, 0);
    cli_citation_t c;
    cli_cite(&h, NULL, &c);
    assert_string_equal(c.text, "\xE2\x80\x9Ctreaty of kars 1921\xE2\x80\x9D, n.d.");
    assert_string_equal(c.reference, "");
    h = hit("", "", "", "", NULL, 0); /* untitled, undated: said so */
    cli_cite(&h, NULL, &c);
    assert_string_equal(c.text, "[Untitled], n.d.");
    assert_string_equal(c.title, "[Untitled]");
    h = hit("Report", "", "", "1917-01-05", NULL, 0); /* a range */
    h.date_end = "1917-02-10";
    cli_cite(&h, NULL, &c);
    assert_string_equal(c.text, "\xE2\x80\x9CReport\xE2\x80\x9D, 5 January 1917 "
                        "\xE2\x80\x93 10 February 1917.");
    h = hit("Letter", "", "Yusif Kamal", "1921", NULL, 0);
    cli_cite(&h, NULL, &c);
    assert_string_equal(c.text, "\xE2\x80\x9CLetter\xE2\x80\x9D, unknown sender "
                        "to Yusif Kamal, 1921.");
}

static void test_dates(void **state)
{
    (void)state;
    char buf[40];
    cli_format_date("1921-07-03", buf, sizeof buf);
    assert_string_equal(buf, "3 July 1921");
    cli_format_date("1921-12", buf, sizeof buf);
    assert_string_equal(buf, "December 1921");
    cli_format_date("1921", buf, sizeof buf);
    assert_string_equal(buf, "1921");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_telegram_with_its_archival_reference),
        cmocka_unit_test(test_a_footnote_is_cited_not_the_source),
        cmocka_unit_test(test_a_page_and_a_single_sheet),
        cmocka_unit_test(test_an_untitled_telegram_and_a_range),
        cmocka_unit_test(test_the_least_a_source_says),
        cmocka_unit_test(test_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
