/*
 * test_cite.c -- a hit as the citation a historian pastes (cli/cite.c):
 * which parts it takes from where, with a page when the hit has one, and
 * how the archival reference is abbreviated.
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
    fond_note_t notes[] = {
        note("Cited in the narrative.", "", "", "", "", ""),
        note("SA AR, f.28, s.1, i.68, v.17-20", "SA AR", "28", "1", "68", "17-20")};
    fond_hit_t h = hit("Telegram from M. D. Huseynov to Yusif Kamal",
                       "M. D. Huseynov", "Yusif Kamal", "1921-07-21", notes, 2);
    h.place = "Baku";
    cli_citation_t c;
    cli_cite(&h, NULL, &c);
    assert_string_equal(c.text, "\xE2\x80\x9CTelegram from M. D. Huseynov to "
                        "Yusif Kamal\xE2\x80\x9D, M. D. Huseynov to Yusif Kamal, "
                        "Baku, 21 July 1921. SA AR, f. 28, op. 1, d. 68, "
                        "ll. 17-20.");
    assert_string_equal(c.archive, "SA AR"); /* the first archival note */
    assert_string_equal(c.sheets, "17-20");
    assert_string_equal(c.page, "");
}

static void test_a_page_and_a_single_sheet(void **state)
{
    (void)state;
    fond_note_t n = note("GARF, f. R-130, op. 2, d. 68/1, l. 17", "GARF",
                         "R-130", "2", "68/1", "17");
    fond_hit_t h = hit("Treaty of Kars", "", "", "1921-10", &n, 1);
    cli_citation_t c;
    cli_cite(&h, "p. 227", &c);
    assert_string_equal(c.text, "\xE2\x80\x9CTreaty of Kars\xE2\x80\x9D, "
                        "October 1921, p. 227. GARF, f. R-130, op. 2, "
                        "d. 68/1, l. 17.");
    assert_string_equal(c.page, "p. 227");
    assert_string_equal(c.page_number, "227");
    h.page_label = "pp. 227-228"; /* the hit's own label, when not given */
    cli_cite(&h, NULL, &c);
    assert_string_equal(c.page_number, "227-228");
    assert_non_null(strstr(c.text, ", pp. 227-228. GARF"));
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
        cmocka_unit_test(test_a_page_and_a_single_sheet),
        cmocka_unit_test(test_the_least_a_source_says),
        cmocka_unit_test(test_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
