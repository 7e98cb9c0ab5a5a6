/*
 * test_source.c -- the source format read as its writers mean it: header
 * fields, the body's range, the Notes section, and the message a writer
 * sees for each mistake in a header.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"

#define NARRATIVE FOND_SOURCE_DIR "/corpus/narrative/treaty-of-kars-1921.txt"

static const char telegram[] =
    "Title: Telegram from Yusif Kamal to M. D. Huseynov\n"
    "Type: telegram\n"
    "Date: 1921-07-03\n"
    "From: Yusif Kamal\n"
    "To: M. D. Huseynov\n"
    "Place: Ankara\n"
    "Language: English\n"
    "Encoding: UTF-8\n"
    "Archive reference: SA AR, f.28, s.1, i.68, v.17-20\n"
    "Source: treaty-of-kars-1921.txt, note 4\n"
    "\n"
    "To this end, he sent a telegram to M. D. Huseynov on 3 July 1921.[1]\n"
    "\n"
    "Notes\n"
    "1. Cited in the narrative (treaty-of-kars-1921.txt) as note 4.\n";

/* Parse a string that must be accepted. */
static source_t parsed(const char *text)
{
    source_t s;
    char err[256] = "unchanged";
    assert_int_equal(source_parse(text, strlen(text), &s, err, sizeof err),
                     FOND_OK);
    assert_string_equal(err, "");
    return s;
}

/* Parse a string that must be refused with FOND_ERR_ARG and `message`;
 * nothing may be left allocated. */
static void refused(const char *text, const char *message)
{
    source_t s;
    char err[256] = "";
    assert_int_equal(source_parse(text, strlen(text), &s, err, sizeof err),
                     FOND_ERR_ARG);
    assert_string_equal(err, message);
    assert_null(s.title);
    assert_null(s.notes);
    assert_int_equal(s.n_notes, 0);
    source_free(&s); /* harmless after a failure */
}

static char *body_of(const char *text, const source_t *s)
{
    size_t n = s->body_end - s->body_start;
    char *b = malloc(n + 1);
    assert_non_null(b);
    memcpy(b, text + s->body_start, n);
    b[n] = '\0';
    return b;
}

static void test_every_header_is_read(void **state)
{
    (void)state;
    source_t s = parsed(telegram);
    assert_true(s.has_header);
    assert_string_equal(s.title, "Telegram from Yusif Kamal to M. D. Huseynov");
    assert_string_equal(s.type, "telegram");
    assert_string_equal(s.date, "19210703");
    assert_string_equal(s.from, "Yusif Kamal");
    assert_string_equal(s.to, "M. D. Huseynov");
    assert_string_equal(s.place, "Ankara");
    assert_string_equal(s.language, "English");
    assert_string_equal(s.encoding, "UTF-8");
    assert_string_equal(s.archive_ref, "SA AR, f.28, s.1, i.68, v.17-20");
    assert_string_equal(s.source_ref, "treaty-of-kars-1921.txt, note 4");
    source_free(&s);
}

static void test_body_excludes_header_and_notes(void **state)
{
    (void)state;
    source_t s = parsed(telegram);
    char *body = body_of(telegram, &s);
    assert_string_equal(body, "To this end, he sent a telegram to M. D. "
                              "Huseynov on 3 July 1921.[1]\n");
    assert_int_equal(s.n_notes, 1);
    assert_int_equal(s.notes[0].number, 1);
    assert_string_equal(s.notes[0].text,
                        "Cited in the narrative (treaty-of-kars-1921.txt) as "
                        "note 4.");
    free(body);
    source_free(&s);
}

static void test_names_are_case_insensitive_and_values_trimmed(void **state)
{
    (void)state;
    source_t s = parsed("TITLE:   Kars  \t\narchive REFERENCE:ГА АР, ф. 28\n"
                        "type: Conversation\n\nBody.");
    assert_string_equal(s.title, "Kars");
    assert_string_equal(s.archive_ref, "ГА АР, ф. 28");
    assert_string_equal(s.type, "conversation");
    assert_null(s.from);
    assert_string_equal(s.date, "");
    source_free(&s);
}

static void test_date_forms(void **state)
{
    (void)state;
    static const struct {
        const char *value, *stored;
    } forms[] = {
        {"1921", "19210000"},     {"1921-04", "19210400"},
        {"1921-10-13", "19211013"}, {"1920-02-29", "19200229"},
        {"2000-02-29", "20000229"},
    };
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        char text[64];
        snprintf(text, sizeof text, "Date: %s\n\nBody.", forms[i].value);
        source_t s = parsed(text);
        assert_string_equal(s.date, forms[i].stored);
        source_free(&s);
    }
}

static void test_bad_dates_are_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "1921-02-29", "1900-02-29", "1921-13", "1921-00", "1921-04-31",
        "1921-07-00", "21-07-03",   "1921-7-3", "July 1921", "0000",
        "19210703",   "",           "1918/1917", "1917/",    "/1918",
        "1917/1918/1919", "1917-02-30/1918", "1918-03/1918-02", "1917 / 1918",
        "1921-02-10..1921-01-05", /* backwards */
        "1921..",     "/1921",      "1921-01-05..1921-02-30",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[96], message[160];
        snprintf(text, sizeof text, "Title: T\nType: note\nDate: %s\n\nBody.",
                 bad[i]);
        snprintf(message, sizeof message,
                 "line 3: bad Date '%s' (use YYYY, YYYY-MM, YYYY-MM-DD or a "
                 "range FROM/TO)",
                 bad[i]);
        refused(text, message);
    }
}

/* A date range (ISO 8601, '/' between its ends) fills date and date_end;
 * one date leaves date_end empty, as does a range of one ("1918/1918"). */
static void test_date_ranges_are_read(void **state)
{
    (void)state;
    static const char *const cases[][3] = {
        {"1917/1918", "19170000", "19180000"},
        {"1917-01-05/1917-02-10", "19170105", "19170210"},
        {"1917-11/1918-03-15", "19171100", "19180315"},
        {"1918-02-08/1918-02-08", "19180208", ""},
        {"1918/1918", "19180000", ""},
        {"1918", "19180000", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[96];
        snprintf(text, sizeof text, "Title: T\nDate: %s\n\nBody.", cases[i][0]);
        source_t s = parsed(text);
        assert_string_equal(s.date, cases[i][1]);
        assert_string_equal(s.date_end, cases[i][2]);
        source_free(&s);
    }
    /* ".." as the query language writes a range */
    source_t s = parsed("Date: 1917-01-05..1917-02-10\n\nBody.");
    assert_string_equal(s.date, "19170105");
    assert_string_equal(s.date_end, "19170210");
    source_free(&s);
    s = parsed("Date: 1917-03/1917\n\nBody.");
    assert_string_equal(s.date, "19170300");
    assert_string_equal(s.date_end, "19170000");
    source_free(&s);
    s = parsed("Date: 1917-03-08\n\nBody.");
    assert_string_equal(s.date_end, "");
    source_free(&s);
}

static void test_unknown_type_is_refused(void **state)
{
    (void)state;
    refused("Title: T\nType: memo\n\nBody.",
            "line 2: unknown Type 'memo' (use narrative, telegram, despatch, "
            "note, letter, memorandum, conversation, report, reference or "
            "email)");
    refused("Type:\n\nBody.",
            "line 1: unknown Type '' (use narrative, telegram, despatch, note, "
            "letter, memorandum, conversation, report, reference or email)");
}

static void test_unknown_header_inside_block_is_refused(void **state)
{
    (void)state;
    refused("Title: T\nDate: 1921\nAuthor: J. H.\n\nBody.",
            "line 3: unknown header 'Author'");
}

static void test_line_without_colon_inside_block_is_refused(void **state)
{
    (void)state;
    refused("Title: T\nThe body, with no blank line before it.\n",
            "line 2: not a header line 'The body, with no blank line before "
            "it.' (end the header with a blank line)");
}

static void test_header_given_twice_is_refused(void **state)
{
    (void)state;
    refused("Title: One\ntitle: Two\n\nBody.", "line 2: duplicate header 'title'");
}

static void test_long_bad_value_is_quoted_short(void **state)
{
    (void)state;
    char text[400] = "Type: ";
    for (int i = 0; i < 100; i++)
        strcat(text, "ж"); /* two bytes each: the cut must not split one */
    strcat(text, "\n\nBody.");
    source_t s;
    char err[512];
    assert_int_equal(source_parse(text, strlen(text), &s, err, sizeof err),
                     FOND_ERR_ARG);
    char expected[200] = "line 1: unknown Type '";
    for (int i = 0; i < 30; i++)
        strcat(expected, "ж");
    strcat(expected, "...' (use narrative, telegram, despatch, note, letter, "
                     "memorandum, conversation, report, reference or email)");
    assert_string_equal(err, expected);
}

static void test_error_message_fits_any_buffer(void **state)
{
    (void)state;
    const char *text = "Date: 1921-02-30\n\nBody.";
    source_t s;
    char err[8];
    assert_int_equal(source_parse(text, strlen(text), &s, err, sizeof err),
                     FOND_ERR_ARG);
    assert_string_equal(err, "line 1:");
    assert_int_equal(source_parse(text, strlen(text), &s, NULL, 0),
                     FOND_ERR_ARG);
}

static void test_unknown_first_line_means_raw_narrative(void **state)
{
    (void)state;
    const char *text = "Author: J. H.\nTitle: not a header now\n\nBody.\n";
    source_t s = parsed(text);
    assert_false(s.has_header);
    assert_null(s.title);
    assert_int_equal(s.body_start, 0);
    assert_int_equal(s.body_end, strlen(text));
    source_free(&s);
}

static void test_real_narrative_is_all_body(void **state)
{
    (void)state;
    FILE *f = fopen(NARRATIVE, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    size_t len = (size_t)ftell(f);
    rewind(f);
    char *text = malloc(len); /* no NUL: the parser must keep to len */
    assert_non_null(text);
    assert_int_equal(fread(text, 1, len, f), len);
    fclose(f);
    source_t s;
    assert_int_equal(source_parse(text, len, &s, NULL, 0), FOND_OK);
    assert_false(s.has_header);
    assert_int_equal(s.body_start, 0);
    assert_int_equal(s.body_end, len);
    assert_int_equal(s.n_notes, 0);
    source_free(&s);
    free(text);
}

static void test_empty_input(void **state)
{
    (void)state;
    source_t s;
    char err[64] = "unchanged";
    assert_int_equal(source_parse("", 0, &s, err, sizeof err), FOND_OK);
    assert_string_equal(err, "");
    assert_false(s.has_header);
    assert_int_equal(s.body_start, 0);
    assert_int_equal(s.body_end, 0);
    assert_null(s.notes);
    source_free(&s);
    assert_int_equal(source_parse(NULL, 0, &s, NULL, 0), FOND_OK);
    source_free(&s);
}

static void test_file_that_is_only_a_header(void **state)
{
    (void)state;
    const char *text = "Title: Lost telegram\nDate: 1921-07";
    source_t s = parsed(text);
    assert_true(s.has_header);
    assert_string_equal(s.title, "Lost telegram");
    assert_string_equal(s.date, "19210700");
    assert_int_equal(s.body_start, strlen(text));
    assert_int_equal(s.body_end, strlen(text));
    source_free(&s);

    s = parsed("Title: Lost telegram\n\n");
    assert_int_equal(s.body_start, s.body_end);
    source_free(&s);
}

static void test_crlf_line_endings(void **state)
{
    (void)state;
    const char *text = "Title: Kars\r\nType: NOTE\r\nDate: 1921-10-13\r\n\r\n"
                       "The treaty was signed.\r\n\r\nNotes:\r\n"
                       "1. See: USSR Foreign Policy Documents.\r\n"
                       "   T. IV, p. 227\r\n"
                       "2. Ibid.\r\n";
    source_t s = parsed(text);
    assert_string_equal(s.title, "Kars");
    assert_string_equal(s.type, "note");
    assert_string_equal(s.date, "19211013");
    char *body = body_of(text, &s);
    assert_string_equal(body, "The treaty was signed.\r\n");
    assert_int_equal(s.n_notes, 2);
    assert_string_equal(s.notes[0].text,
                        "See: USSR Foreign Policy Documents. T. IV, p. 227");
    assert_string_equal(s.notes[1].text, "Ibid.");
    free(body);
    source_free(&s);
}

static void test_notes_go_on_over_lines(void **state)
{
    (void)state;
    const char *text = "Title: T\n\nBody.\n\nNotes\n"
                       "1. I. Abilov's conversation\n"
                       "   with   Yusif Kamal.\n"
                       "\n"
                       "38. 26.01.1922.// SA AR,\tf.28\n"
                       "999.\n"
                       "the text on the next line\n";
    source_t s = parsed(text);
    assert_int_equal(s.n_notes, 3);
    assert_int_equal(s.notes[0].number, 1);
    assert_string_equal(s.notes[0].text,
                        "I. Abilov's conversation with Yusif Kamal.");
    assert_int_equal(s.notes[1].number, 38);
    assert_string_equal(s.notes[1].text, "26.01.1922.// SA AR, f.28");
    assert_int_equal(s.notes[2].number, 999);
    assert_string_equal(s.notes[2].text, "the text on the next line");
    source_free(&s);
}

static void test_notes_heading_needs_blank_line_before(void **state)
{
    (void)state;
    const char *text = "Title: T\n\nThe list:\nNotes\n1. not a footnote\n";
    source_t s = parsed(text);
    assert_int_equal(s.n_notes, 0);
    assert_int_equal(s.body_end, strlen(text));
    source_free(&s);
}

static void test_notes_heading_in_prose_is_body(void **state)
{
    (void)state;
    /* "Notes" here heads prose, not numbered notes; the real section is
     * the last one. */
    const char *text = "Title: T\n\nBody.\n\nNotes\nThese notes were kept.\n"
                       "\nNotes\n1000. not a note number\n\nNotes\n"
                       "7. The real note.\n";
    source_t s = parsed(text);
    assert_int_equal(s.n_notes, 1);
    assert_int_equal(s.notes[0].number, 7);
    char *body = body_of(text, &s);
    assert_string_equal(body, "Body.\n\nNotes\nThese notes were kept.\n\n"
                              "Notes\n1000. not a note number\n");
    free(body);
    source_free(&s);
}

static void test_empty_notes_section_and_empty_body(void **state)
{
    (void)state;
    const char *text = "Title: T\n\nBody.\n\nNotes\n";
    source_t s = parsed(text);
    assert_int_equal(s.n_notes, 0);
    assert_int_equal(s.body_end, strlen("Title: T\n\nBody.\n"));
    source_free(&s);

    text = "Title: T\n\nNotes\n1. Only a note.\n";
    s = parsed(text);
    assert_int_equal(s.body_start, strlen("Title: T\n\n"));
    assert_int_equal(s.body_end, s.body_start);
    assert_int_equal(s.n_notes, 1);
    source_free(&s);
}

static void test_input_is_not_nul_terminated(void **state)
{
    (void)state;
    /* Only the first line and the blank line are given; the rest of the
     * buffer must not be read. */
    const char whole[] = "Title: Kars\n\nNotes\n1. beyond the end\n";
    size_t len = strlen("Title: Kars\n\n");
    char *text = malloc(len);
    assert_non_null(text);
    memcpy(text, whole, len);
    source_t s;
    assert_int_equal(source_parse(text, len, &s, NULL, 0), FOND_OK);
    assert_string_equal(s.title, "Kars");
    assert_int_equal(s.body_start, len);
    assert_int_equal(s.n_notes, 0);
    source_free(&s);
    free(text);
}

static void test_byte_order_mark_before_header(void **state)
{
    (void)state;
    source_t s = parsed("\xEF\xBB\xBFTitle: Kars\n\nBody.");
    assert_true(s.has_header);
    assert_string_equal(s.title, "Kars");
    source_free(&s);
}

static void test_every_corpus_source_parses(void **state)
{
    (void)state;
    static const char *const files[] = {
        "/corpus/telegrams/1921-07-03-yusif-kamal-to-huseynov.txt",
        "/corpus/notes/1922-01-26-abilov-with-yusif-kamal.txt",
        "/corpus/references/treaty-of-kars-1921-notes.txt",
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s%s", FOND_SOURCE_DIR, files[i]);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue; /* written by others; may not exist yet */
        char text[8192];
        size_t len = fread(text, 1, sizeof text, f);
        fclose(f);
        source_t s;
        char err[256] = "";
        assert_int_equal(source_parse(text, len, &s, err, sizeof err), FOND_OK);
        assert_true(s.has_header);
        assert_non_null(s.title);
        assert_true(s.n_notes >= 1);
        assert_true(s.body_start < s.body_end);
        source_free(&s);
    }
}

/* Notes at the end of a raw text (no header), under a heading in each
 * language's words for it, in any case, with or without a colon. */
static void test_notes_heading_in_many_languages(void **state)
{
    (void)state;
    static const char *const headings[] = {
        "Notes", "NOTES:", "Footnotes", "Endnotes", "Примечания",
        "СНОСКИ", "Anmerkungen", "Fußnoten:", "Endnoten", "Notas",
        "Note", "Notes de bas de page", "Dipnotlar",
    };
    for (size_t i = 0; i < sizeof headings / sizeof *headings; i++) {
        char text[256];
        snprintf(text, sizeof text, "The envoy left Kars.1\n\n%s\n"
                 "1. Not printed.\n", headings[i]);
        source_t s = parsed(text);
        if (s.n_notes != 1)
            fail_msg("heading %s: %zu notes", headings[i], s.n_notes);
        assert_false(s.has_header);
        assert_false(s.notes_unheaded);
        assert_string_equal(s.notes[0].text, "Not printed.");
        char *body = body_of(text, &s);
        assert_string_equal(body, "The envoy left Kars.1\n");
        free(body);
        source_free(&s);
    }
}

/* The forms a note's number is printed in, under a heading. */
static void test_note_number_forms(void **state)
{
    (void)state;
    const char *text = "Title: T\n\nBody.\n\nFootnotes\n"
                       "1 Not printed.\n"
                       "2) Ibid.\n"
                       "[3] See document 12.\n"
                       "\xc2\xb9\xe2\x81\xb0 Sent as No. 10.\n" /* ¹⁰ */
                       "\xc2\xb9\xc2\xb9" "File No. 861.00/12.\n"; /* ¹¹ */
    source_t s = parsed(text);
    assert_int_equal(s.n_notes, 5);
    static const unsigned numbers[] = {1, 2, 3, 10, 11};
    static const char *const texts[] = {"Not printed.", "Ibid.",
        "See document 12.", "Sent as No. 10.", "File No. 861.00/12."};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(s.notes[i].number, numbers[i]);
        assert_string_equal(s.notes[i].text, texts[i]);
    }
    source_free(&s);
    /* Lines that start with a number of the text are no notes. */
    s = parsed("Title: T\n\nBody.\n\nNotes\n1 000 roubles were paid.\n");
    assert_int_equal(s.n_notes, 0);
    source_free(&s);
}

/* With no heading: a run of notes numbered in sequence that ends the
 * text, its first a paragraph's first, is read as notes, tentatively (the
 * body's markers decide: test_ingest.c). */
static void test_notes_with_no_heading(void **state)
{
    (void)state;
    const char *text = "The Minister in Sweden to the Secretary of State\n\n"
                       "Your 5860\xc2\xb9 arrived.\xc2\xb2\n\n"
                       "Morris\n\n"
                       "\xc2\xb9 Not printed.\n"
                       "\xc2\xb2 The report is printed as\n"
                       "document 312.\n\n"
                       "12\n";
    source_t s = parsed(text);
    assert_true(s.notes_unheaded);
    assert_int_equal(s.n_notes, 2);
    assert_string_equal(s.notes[1].text, "The report is printed as document "
                                         "312. 12");
    char *body = body_of(text, &s);
    assert_null(strstr(body, "Not printed"));
    assert_non_null(strstr(body, "Morris\n"));
    free(body);
    source_free(&s);

    /* Russian, notes "N. text", numbered from 4 (an extract). */
    text = "Карс, 13 октября 1921 г.\n\nДоговор подписан.4 Делегации "
           "разъехались.5\n\n4. См.: ДВП СССР. Т. IV.\n5. Там же.\n";
    s = parsed(text);
    assert_true(s.notes_unheaded);
    assert_int_equal(s.n_notes, 2);
    assert_int_equal(s.notes[0].number, 4);
    assert_string_equal(s.notes[1].text, "Там же.");
    source_free(&s);
}

/* What looks like a run of notes but is not one at the text's end: a
 * paragraph of prose after it, numbers out of sequence, or a first note
 * inside a paragraph. */
static void test_no_run_of_notes_where_none_ends_the_text(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Body.\n\n1. The frontier follows the river.\n2. The garrisons "
        "withdraw.\n\nThe Council will meet again.\n",
        "Body.\n\n1. Not printed.\n3. Not printed either.\n",
        "Body goes on\n1. in a line of its own.\n",
        "Body.\n\n1921 was a year of treaties.\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        source_t s = parsed(texts[i]);
        if (s.n_notes != 0)
            fail_msg("text %zu: %zu notes", i, s.n_notes);
        assert_int_equal(s.body_end, strlen(texts[i]));
        source_free(&s);
    }
    /* Numbered paragraphs, then a blank line and the notes: the last run
     * that starts a paragraph is the notes. */
    const char *text = "Decrees:\xc2\xb9\n\n1. The frontier.\n2. The "
                       "garrisons.\n\n\xc2\xb9 Not printed.\n";
    source_t s = parsed(text);
    assert_int_equal(s.n_notes, 1);
    assert_string_equal(s.notes[0].text, "Not printed.");
    char *body = body_of(text, &s);
    assert_non_null(strstr(body, "2. The garrisons."));
    free(body);
    source_free(&s);
}

/* A rule drawn between the text and its notes stands for the blank line. */
static void test_rule_before_notes(void **state)
{
    (void)state;
    const char *text = "Kars, 1921.\nThe treaty was signed.[1]\n"
                       "__________\n[1] Ratified in 1922.\n";
    source_t s = parsed(text);
    assert_int_equal(s.n_notes, 1);
    assert_string_equal(s.notes[0].text, "Ratified in 1922.");
    source_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_header_is_read),
        cmocka_unit_test(test_body_excludes_header_and_notes),
        cmocka_unit_test(test_names_are_case_insensitive_and_values_trimmed),
        cmocka_unit_test(test_date_forms),
        cmocka_unit_test(test_bad_dates_are_refused),
        cmocka_unit_test(test_date_ranges_are_read),
        cmocka_unit_test(test_unknown_type_is_refused),
        cmocka_unit_test(test_unknown_header_inside_block_is_refused),
        cmocka_unit_test(test_line_without_colon_inside_block_is_refused),
        cmocka_unit_test(test_header_given_twice_is_refused),
        cmocka_unit_test(test_long_bad_value_is_quoted_short),
        cmocka_unit_test(test_error_message_fits_any_buffer),
        cmocka_unit_test(test_unknown_first_line_means_raw_narrative),
        cmocka_unit_test(test_real_narrative_is_all_body),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_file_that_is_only_a_header),
        cmocka_unit_test(test_crlf_line_endings),
        cmocka_unit_test(test_notes_go_on_over_lines),
        cmocka_unit_test(test_notes_heading_needs_blank_line_before),
        cmocka_unit_test(test_notes_heading_in_prose_is_body),
        cmocka_unit_test(test_empty_notes_section_and_empty_body),
        cmocka_unit_test(test_input_is_not_nul_terminated),
        cmocka_unit_test(test_byte_order_mark_before_header),
        cmocka_unit_test(test_every_corpus_source_parses),
        cmocka_unit_test(test_notes_heading_in_many_languages),
        cmocka_unit_test(test_note_number_forms),
        cmocka_unit_test(test_notes_with_no_heading),
        cmocka_unit_test(test_no_run_of_notes_where_none_ends_the_text),
        cmocka_unit_test(test_rule_before_notes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
