/*
 * test_ingest.c -- a file's bytes to passages: each passage with the
 * footnotes its markers point to, the dates it mentions, and a way back to
 * where it stood in the file.
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

#include "ingest.h"

#define CORPUS FOND_SOURCE_DIR "/corpus/"

static analyzer_t *english;

static int setup(void **state)
{
    (void)state;
    return analyzer_new(&english, "english") == FOND_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    analyzer_free(english);
    return 0;
}

static void ingest_file(const char *path, ingest_t *in, char **raw)
{
    size_t len;
    char err[256];
    *raw = slurp(path, &len);
    assert_int_equal(ingest_bytes(in, *raw, len, NULL, english, NULL, NULL, err,
                                  sizeof err), FOND_OK);
}

static const ingest_passage_t *passage_with(const ingest_t *in, const char *s)
{
    for (size_t i = 0; i < in->n_passages; i++) {
        const ingest_passage_t *p = &in->passages[i];
        char *text = strndup(in->body.text + p->start, p->end - p->start);
        int found = strstr(text, s) != NULL;
        free(text);
        if (found)
            return p;
    }
    fail_msg("no passage holds: %s", s);
    return NULL;
}

static void test_narrative_passages_carry_their_notes(void **state)
{
    (void)state;
    ingest_t in;
    char *raw;
    ingest_file(CORPUS "narrative/treaty-of-kars-1921.txt", &in, &raw);
    assert_false(in.header.has_header);
    assert_string_equal(in.language, "english");
    const ingest_passage_t *p =
        passage_with(&in, "“supplement the treaty signed in Moscow”.");
    assert_int_equal(p->n_notes, 1);
    assert_int_equal(p->notes[0]->number, 3);
    assert_true(p->notes[0]->has_biblio);
    assert_string_equal(p->notes[0]->biblio.publisher, "Gospolitizdat");
    /* the way back: the raw text at raw_start is where the passage began */
    const char *clean = in.body.text + p->start;
    assert_memory_equal(raw + p->raw_start, clean, 12);
    ingest_free(&in);
    free(raw);
}

static void test_narrative_dates_take_the_year_from_the_text(void **state)
{
    (void)state;
    ingest_t in;
    char *raw;
    ingest_file(CORPUS "narrative/treaty-of-kars-1921.txt", &in, &raw);
    const ingest_passage_t *p = passage_with(&in, "Huseynov on 3 July");
    int found = 0;
    for (size_t i = 0; i < p->n_dates; i++) {
        char d[9];
        dates_format(&p->dates[i], d);
        found |= strcmp(d, "19210703") == 0;
    }
    assert_true(found);
    ingest_free(&in);
    free(raw);
}

static void test_telegram_header_and_notes(void **state)
{
    (void)state;
    ingest_t in;
    char *raw;
    ingest_file(CORPUS "telegrams/1921-07-21-huseynov-to-yusif-kamal.txt", &in, &raw);
    assert_true(in.header.has_header);
    assert_string_equal(in.header.type, "telegram");
    assert_string_equal(in.header.from, "M. D. Huseynov");
    assert_string_equal(in.header.date, "19210721");
    const ingest_passage_t *p = passage_with(&in, "I cannot give my consent");
    assert_int_equal(p->n_notes, 1);
    assert_non_null(strstr(p->notes[0]->text, "note 10"));
    assert_null(strstr(in.body.text, "[1]"));
    assert_null(strstr(in.body.text, "Notes"));
    ingest_free(&in);
    free(raw);
}

static void test_language_from_header_or_script(void **state)
{
    (void)state;
    assert_string_equal(ingest_language("Russian", "", 0), "russian");
    assert_string_equal(ingest_language("tr", "", 0), "turkish");
    const char *ru = "Карсский договор был подписан";
    assert_string_equal(ingest_language(NULL, ru, strlen(ru)), "russian");
    const char *tr = "Kars Antlaşması imzalandı";
    assert_string_equal(ingest_language(NULL, tr, strlen(tr)), "turkish");
    assert_string_equal(ingest_language(NULL, "plain", 5), "english");
}

static void test_bad_input_says_why(void **state)
{
    (void)state;
    ingest_t in;
    char err[256] = "";
    const char bin[] = "\x7f" "ELF\0\0\0\0binary";
    assert_int_equal(ingest_bytes(&in, bin, sizeof bin, NULL, english, NULL, NULL,
                                  err, sizeof err), FOND_ERR_BINARY);
    assert_non_null(strstr(err, "binary"));
    ingest_free(&in);
    const char *bad_date = "Title: x\nDate: 1921-13-01\n\nbody\n";
    assert_int_equal(ingest_bytes(&in, bad_date, strlen(bad_date), NULL, english,
                                  NULL, NULL, err, sizeof err), FOND_ERR_ARG);
    assert_non_null(strstr(err, "Date"));
    ingest_free(&in);
}

/* A text with no header of its own (a mail body): what its format gives
 * is its record, and a first line that reads as a header is text. */
static void test_a_headerless_text_is_all_body(void **state)
{
    (void)state;
    ingest_t in;
    char err[256] = "";
    const char *body = "Title: Protocol\nDate: 1921-13-01\n\nThe delegation arrived.\n";
    source_t mail = {.title = "Minutes", .type = "email"};
    ingest_given_t given = {.format = &mail, .headerless = 1};
    assert_int_equal(ingest_bytes(&in, body, strlen(body), &given, english, NULL,
                                  NULL, err, sizeof err), FOND_OK);
    assert_string_equal(in.header.title, "Minutes");
    assert_string_equal(in.header.type, "email");
    assert_string_equal(in.header.date, ""); /* not the body's, nor refused */
    assert_non_null(strstr(in.body.text, "Title: Protocol"));
    ingest_free(&in);
}

/* Ingest text (NUL-terminated), which must succeed. */
static void ingest_text(const char *text, ingest_t *in)
{
    char err[256];
    assert_int_equal(ingest_bytes(in, text, strlen(text), NULL, english, NULL, NULL,
                                  err, sizeof err), FOND_OK);
}

/* Append sentences enough to fill a passage (PASSAGE_TARGET_BYTES), so
 * that what follows is in another. */
static char *fill_passage(char *at)
{
    for (int i = 0; i < 40; i++)
        at += sprintf(at, "The commission met again. ");
    return at;
}

static void test_notes_found_by_number_once_a_passage(void **state)
{
    (void)state;
    /* Two passages, each pointing to notes in its own order, one number
     * twice, one number without a note; the Notes section has two notes
     * numbered 2, of which the first counts. */
    char text[4096], *at = text;
    at += sprintf(at, "Title: Notes\n\nThey met at Kars.[2][1][2][7] ");
    at = fill_passage(at);
    sprintf(at, "A second passage says more.[1]\n\nNotes\n"
                "1. The first note.\n2. The second note.\n2. A second two.\n");
    ingest_t in;
    ingest_text(text, &in);
    const ingest_passage_t *p = passage_with(&in, "They met at Kars.");
    const ingest_passage_t *q = passage_with(&in, "A second passage");
    assert_ptr_not_equal(p, q);
    assert_int_equal(p->n_notes, 2);
    assert_string_equal(p->notes[0]->text, "The second note.");
    assert_string_equal(p->notes[1]->text, "The first note.");
    assert_int_equal(q->n_notes, 1);
    assert_string_equal(q->notes[0]->text, "The first note.");
    ingest_free(&in);
}

static void test_notes_of_a_passage_are_bounded(void **state)
{
    (void)state;
    /* Note 1 is longer than a passage's notes may be: it is cut to the
     * bound, at a character's start (each "é" is two bytes, the bound even,
     * the text before them one byte); a passage pointing to it first has
     * no room for note 2, one pointing to note 2 first none for note 1. */
    size_t long_len = INGEST_NOTES_MAX_BYTES + 100;
    char *text = malloc(long_len + 4096), *at = text;
    at += sprintf(at, "Title: Long\n\nFirst one.[1][2] ");
    at = fill_passage(at);
    at += sprintf(at, "Second one.[2][1]\n\nNotes\n2. A short note.\n1. x");
    for (size_t i = 0; i < long_len / 2; i++)
        at += sprintf(at, "\xc3\xa9");
    strcpy(at, "\n");
    ingest_t in;
    ingest_text(text, &in);
    const ingest_passage_t *p = passage_with(&in, "First one.");
    const ingest_passage_t *q = passage_with(&in, "Second one.");
    assert_ptr_not_equal(p, q);
    assert_int_equal(p->n_notes, 1);
    assert_int_equal(p->notes[0]->number, 1);
    assert_int_equal(strlen(p->notes[0]->text), INGEST_NOTES_MAX_BYTES - 1);
    assert_string_equal(p->notes[0]->text + INGEST_NOTES_MAX_BYTES - 3,
                        "\xc3\xa9");
    assert_int_equal(q->n_notes, 1);
    assert_string_equal(q->notes[0]->text, "A short note.");
    ingest_free(&in);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_headerless_text_is_all_body),
        cmocka_unit_test(test_narrative_passages_carry_their_notes),
        cmocka_unit_test(test_narrative_dates_take_the_year_from_the_text),
        cmocka_unit_test(test_telegram_header_and_notes),
        cmocka_unit_test(test_language_from_header_or_script),
        cmocka_unit_test(test_bad_input_says_why),
        cmocka_unit_test(test_notes_found_by_number_once_a_passage),
        cmocka_unit_test(test_notes_of_a_passage_are_bounded),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
