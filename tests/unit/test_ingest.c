/*
 * test_ingest.c -- a file's bytes to passages: each passage with the
 * footnotes its markers point to, the dates it mentions, and a way back to
 * where it stood in the file.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ftw.h>

#include "citation.h"
#include "ingest.h"
#include "wordset.h"

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
    citation_biblio_t biblio;
    assert_true(citation_find_biblio(p->notes[0]->text, p->notes[0]->len,
                                     &biblio));
    assert_string_equal(biblio.publisher, "Gospolitizdat");
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

/* The passage whose text holds `word`: exactly one must. */
static const ingest_passage_t *passage_holding(const ingest_t *in,
                                               const char *word)
{
    const ingest_passage_t *found = NULL;
    for (size_t i = 0; i < in->n_passages; i++) {
        const ingest_passage_t *p = &in->passages[i];
        char *text = strndup(in->body.text + p->start, p->end - p->start);
        assert_non_null(text);
        if (strstr(text, word)) {
            assert_null(found);
            found = p;
        }
        free(text);
    }
    assert_non_null(found);
    return found;
}

/* A message's text with two files attached (ingest_section_t): a PDF's
 * text of three pages, numbered from the second, and a text file.  No
 * passage spans two runs; each attachment's passages name it, and count
 * its own pages, labelled by its own numbers; the body's have none. */
static void test_attached_files_are_runs_of_their_own(void **state)
{
    (void)state;
    const char *body = "The walrus letter is short.\n\n";
    const char *pdf = "The report begins with the seal colony.\n\f"
                      "- 2 -\nThe dugong figures follow.\n\f"
                      "- 3 -\nThe narwhal census ends it.\n\f";
    const char *txt = "\n\nThe beluga notes are plain text.\n";
    char text[512];
    snprintf(text, sizeof text, "%s%s%s", body, pdf, txt);
    ingest_section_t sections[] = {
        {strlen(body), "report.pdf", 1},
        {strlen(body) + strlen(pdf) + 2, "notes.txt", 0}};
    source_t mail = {.title = "Reports", .type = "email"};
    ingest_given_t given = {.format = &mail, .headerless = 1,
                            .sections = sections, .n_sections = 2};
    ingest_t in;
    char err[256] = "";
    assert_int_equal(ingest_bytes(&in, text, strlen(text), &given, english,
                                  NULL, NULL, err, sizeof err), FOND_OK);
    const ingest_passage_t *p = passage_holding(&in, "walrus");
    assert_null(p->attachment);
    assert_int_equal(p->page_first, 0);
    assert_true(passage_holding(&in, "seal") != p);
    p = passage_holding(&in, "seal");
    assert_string_equal(p->attachment, "report.pdf");
    assert_int_equal(p->page_first, 1);
    p = passage_holding(&in, "narwhal");
    assert_string_equal(p->attachment, "report.pdf");
    assert_int_equal(p->page_last, 3);
    assert_string_equal(p->page_label, "p. 3");
    p = passage_holding(&in, "beluga");
    assert_string_equal(p->attachment, "notes.txt");
    assert_int_equal(p->page_first, 0);
    assert_string_equal(p->page_label, "");
    size_t beluga = (size_t)(strstr(in.body.text, "The beluga") - in.body.text);
    for (size_t i = 0; i < in.n_passages; i++) /* none spans two runs */
        assert_true(in.passages[i].end <= beluga || in.passages[i].start >= beluga);
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
     * numbered 2, of which the first counts: the second, which no marker
     * points to, is kept with the last passage, where the section stood. */
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
    assert_int_equal(q->n_notes, 2);
    assert_string_equal(q->notes[0]->text, "The first note.");
    assert_string_equal(q->notes[1]->text, "A second two.");
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

/* The notes of passage p, as "number:text|number:text". */
static char *notes_of(const ingest_passage_t *p)
{
    size_t n = 1;
    for (size_t i = 0; i < p->n_notes; i++)
        n += p->notes[i]->len + 16;
    char *s = malloc(n), *at = s;
    assert_non_null(s);
    *at = '\0';
    for (size_t i = 0; i < p->n_notes; i++)
        at += sprintf(at, "%s%u:%s", i ? "|" : "", p->notes[i]->number,
                      p->notes[i]->text);
    return s;
}

static void passage_notes_are(const ingest_t *in, const char *holding,
                              const char *want)
{
    char *got = notes_of(passage_with(in, holding));
    if (strcmp(got, want) != 0)
        fail_msg("passage with \"%s\": notes \"%s\", wanted \"%s\"", holding,
                 got, want);
    free(got);
}

/* Does any passage's text hold s? */
static int body_holds(const ingest_t *in, const char *s)
{
    return strstr(in->body.text, s) != NULL;
}

/* Sources saved as a historian saves them, with no header: a heading,
 * the body with its markers, the notes at the end with no heading, in
 * four languages and four forms of marker.  Each note goes to the passage
 * holding its marker; none is left in the text. */
static void test_notes_at_the_end_with_no_heading(void **state)
{
    (void)state;
    static const struct {
        const char *text, *holding, *notes, *gone;
    } cases[] = {
        {"The Minister in Sweden (Morris) to the Secretary of State\n\n"
         "Stockholm, March 4, 1920, 7 [4] p.m.\n\n"
         "2348. Your 5860\xc2\xb9 of February 26. The delegation called at "
         "the Legation.\xc2\xb2\n\nMorris\n\n"
         "\xc2\xb9 Not printed.\n"
         "\xc2\xb2 See the Minister's telegram No. 2301, File No. "
         "760d.61/98.\n",
         "Your 5860 of February 26.",
         "1:Not printed.|2:See the Minister's telegram No. 2301, File No. "
         "760d.61/98.", "Not printed"},
        {"Нарком Чичерин полпреду в Ангоре\n\nМосква, 3 июля 1921 г.\n\n"
         "Договор подписан в Карсе.1 Ратификация затянулась.2\n\n"
         "Чичерин\n\n1. См.: ДВП СССР. Т. IV. С. 227.\n"
         "2. АВП РФ, ф. 04, оп. 32, п. 206, д. 52881.\n",
         "Договор подписан в Карсе.",
         "1:См.: ДВП СССР. Т. IV. С. 227.|2:АВП РФ, ф. 04, оп. 32, п. 206, "
         "д. 52881.", "ДВП"},
        {"Der Botschafter in Moskau an das Auswärtige Amt\n\n"
         "Moskau, den 16. März 1921\n\n"
         "Der Vertrag wurde heute unterzeichnet.[1] Die Türkei erhält Kars."
         "[2]\n\n[1] BArch R 43 I/1234.\n[2] Nicht abgedruckt.\n",
         "Der Vertrag wurde heute",
         "1:BArch R 43 I/1234.|2:Nicht abgedruckt.", "BArch"},
        {"L'ambassadeur de France à Constantinople au ministre\n\n"
         "Péra, le 20 octobre 1921\n\n"
         "Le traité de Kars a été signé le 13 octobre.1 Les délégations "
         "sont parties.2\n\n1 Non reproduit.\n2 Voir le télégramme n\xc2\xb0 "
         "412.\n",
         "Le traité de Kars",
         "1:Non reproduit.|2:Voir le télégramme n\xc2\xb0 412.",
         "Non reproduit"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ingest_t in;
        ingest_text(cases[i].text, &in);
        passage_notes_are(&in, cases[i].holding, cases[i].notes);
        if (body_holds(&in, cases[i].gone))
            fail_msg("case %zu: the notes are in the text: %s", i,
                     in.body.text);
        ingest_free(&in);
    }
}

/* Headed notes in a raw text (a PDF's or a scan's), in three languages. */
static void test_headed_notes_of_a_raw_text(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "REPORT ON THE KARS CONFERENCE\n\nThe conference opened.1\n\n"
        "ENDNOTES\n\n1. Not printed.\n",
        "Bericht über die Konferenz\n\nDie Konferenz wurde eröffnet.¹\n\n"
        "Fußnoten:\n¹ Not printed.\n",
        "Доклад о конференции (conf.)\n\nКонференция открылась.[1]\n\n"
        "Примечания\n[1] Not printed.\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        ingest_t in;
        ingest_text(texts[i], &in);
        assert_int_equal(in.n_passages, 1);
        passage_notes_are(&in, "onf", "1:Not printed.");
        assert_false(body_holds(&in, "Not printed"));
        assert_false(body_holds(&in, "otes"));
        ingest_free(&in);
    }
}

/* A decree that ends in numbered paragraphs has no markers naming them:
 * they stay its text, and nothing is a note. */
static void test_numbered_paragraphs_at_the_end_stay_text(void **state)
{
    (void)state;
    const char *text = "Decree on the frontier\n\n"
                       "The Council of People's Commissars decrees:\n\n"
                       "1. The frontier follows the line of the Treaty of "
                       "Moscow (Moscow, 16 March 1921).\n"
                       "2. The garrisons withdraw.\n"
                       "3. See that the commission meets at Kars.\n";
    ingest_t in;
    ingest_text(text, &in);
    assert_int_equal(in.n_notes, 0);
    assert_true(body_holds(&in, "1. The frontier follows"));
    assert_true(body_holds(&in, "3. See that the commission meets at Kars."));
    ingest_free(&in);
}

/* An extract whose notes are numbered from 28. */
static void test_notes_numbered_from_further_on(void **state)
{
    (void)state;
    const char *text = "The Kars conference\n\nThe treaty was signed."
                       "\xc2\xb2\xe2\x81\xb8 It was ratified in 1922."
                       "\xc2\xb2\xe2\x81\xb9\n\n"  /* ²⁸ ²⁹ */
                       "28. Not printed.\n29. Ibid.\n";
    ingest_t in;
    ingest_text(text, &in);
    passage_notes_are(&in, "The treaty was signed.", "28:Not printed.|29:Ibid.");
    ingest_free(&in);
}

/* A PDF's text: the first note stranded mid-flow at a page's foot, the
 * last page's notes at the end.  The end's run (2, 3) does not make the
 * markers start at 2: marker 1 is still one. */
static void test_last_page_notes_at_the_end(void **state)
{
    (void)state;
    ingest_t in;
    ingest_text("The treaty was signed at the Kars conference.1 The "
                "delegations left.\n\n"
                "1 See: USSR Foreign Policy Documents. T. IV, M.: "
                "Gospolitizdat, 1960, p. 227\n\n"
                "The ratification came in 1922.2 Armenia ratified last.3\n\n"
                "2 Ibid., p. 230.\n3 Not printed.\n", &in);
    assert_false(body_holds(&in, "conference.1"));
    passage_notes_are(&in, "The treaty was signed",
                      "1:See: USSR Foreign Policy Documents. T. IV, M.: "
                      "Gospolitizdat, 1960, p. 227|2:Ibid., p. 230.|"
                      "3:Not printed.");
    assert_false(body_holds(&in, "Not printed"));
    ingest_free(&in);
}

/* A source that is only its notes keeps them, in one passage of no text. */
static void test_a_source_of_notes_only(void **state)
{
    (void)state;
    ingest_t in;
    ingest_text("Title: Notes only\n\nNotes\n1. A note about Trebizond.\n", &in);
    assert_int_equal(in.n_passages, 1);
    assert_int_equal(in.passages[0].start, in.passages[0].end);
    assert_int_equal(in.passages[0].n_notes, 1);
    assert_string_equal(in.passages[0].notes[0]->text,
                        "A note about Trebizond.");
    ingest_free(&in);
}

/* Stranded note text that no marker points to stays with the passage
 * where it stood; a second note of one number too. */
static void test_unnamed_notes_stay_where_they_stood(void **state)
{
    (void)state;
    char text[8192], *at = text;
    at += sprintf(at, "The delegations met. ");
    at = fill_passage(at);
    at += sprintf(at, "\n\nSee: USSR Foreign Policy Documents. T. IV, M.: "
                      "Gospolitizdat, 1960, p. 227-228\n\nThey signed. ");
    at = fill_passage(at);
    sprintf(at, "The end.\n");
    ingest_t in;
    ingest_text(text, &in);
    const ingest_passage_t *p = passage_with(&in, "They signed.");
    assert_ptr_not_equal(p, passage_with(&in, "The end."));
    assert_ptr_not_equal(p, passage_with(&in, "The delegations met."));
    assert_int_equal(p->n_notes, 1);
    assert_int_equal(p->notes[0]->number, 0);
    assert_non_null(strstr(p->notes[0]->text, "Gospolitizdat"));
    assert_int_equal(passage_with(&in, "The end.")->n_notes, 0);
    assert_int_equal(passage_with(&in, "The delegations met.")->n_notes, 0);
    ingest_free(&in);
}

/* ------------------------------------------------------------ no word lost */

typedef struct {
    wordset_t *words;
    char *all;        /* every word found, folded, run together */
    size_t len, cap;
} found_t;

static int add_found(void *ctx, const analyze_token_t *t)
{
    found_t *f = ctx;
    assert_int_equal(wordset_add(f->words, t->word, t->word_len), FOND_OK);
    if (f->len + t->word_len + 1 > f->cap) {
        f->cap = 2 * (f->len + t->word_len + 1);
        f->all = realloc(f->all, f->cap);
        assert_non_null(f->all);
    }
    memcpy(f->all + f->len, t->word, t->word_len);
    f->len += t->word_len;
    f->all[f->len] = '\0';
    return 0;
}

typedef struct {
    const found_t *found;
    const ingest_t *in;
    const char *raw;     /* the decoded text */
    size_t base;         /* where the analyzed part of it starts */
    const char *name;
    int lost;
} check_t;

static int is_number_word(const analyze_token_t *t)
{
    for (size_t i = 0; i < t->word_len; i++)
        if (t->word[i] < '0' || t->word[i] > '9')
            return 0;
    return 1;
}

/* Is raw[start, end) all of its line, but for white space and a colon? */
static int alone_on_line(const char *raw, size_t len, size_t start,
                         size_t end)
{
    while (start > 0 && raw[start - 1] != '\n')
        if (!strchr(" \t\f\r", raw[--start]))
            return 0;
    for (; end < len && raw[end] != '\n'; end++)
        if (!strchr(" \t\f\r:", raw[end]))
            return 0;
    return 1;
}

/* A word of the source is findable: it is a word of the passages or of
 * their notes; or a piece of one (a word broken at a line's end, joined;
 * one glued to a stray page number, "confer19"); or a number that is
 * fond's to take: a marker's or a note's number, a page number alone on
 * its line, a notes heading. */
static int check_word(void *ctx, const analyze_token_t *t)
{
    check_t *c = ctx;
    size_t len = c->in->decoded_len;
    if (wordset_has(c->found->words, t->word, t->word_len) ||
        strstr(c->found->all, t->word))
        return 0;
    size_t digits = t->word_len;
    while (digits > 0 && t->word[digits - 1] >= '0' && t->word[digits - 1] <= '9')
        digits--;
    if (digits > 0 && digits < t->word_len) { /* "confer19", "Ar29" */
        char *w = strndup(t->word, digits);
        int found = strstr(c->found->all, w) != NULL;
        free(w);
        if (found)
            return 0;
    }
    if (is_number_word(t) && t->word_len <= 4)
        return 0; /* markers, note numbers, page numbers: checked below */
    if (c->base + t->start >= c->in->header.body_end &&
        alone_on_line(c->raw, len, c->base + t->start, c->base + t->end))
        return 0; /* the notes' heading */
    fprintf(stderr, "%s: lost \"%.*s\" at byte %zu\n", c->name,
            (int)t->word_len, t->word, t->start);
    c->lost++;
    return 0;
}

/* Every number word of the source that fond took out is a marker's or a
 * note's number, or a line of its own (a page number): counted in
 * *lost otherwise. */
static int check_number(void *ctx, const analyze_token_t *t)
{
    check_t *c = ctx;
    if (!is_number_word(t) || t->word_len > 4 ||
        wordset_has(c->found->words, t->word, t->word_len))
        return 0;
    unsigned n = (unsigned)atoi(t->word);
    for (size_t i = 0; i < c->in->body.n_markers; i++)
        if (c->in->body.markers[i].number == n)
            return 0;
    for (size_t i = 0; i < c->in->n_notes; i++)
        if (c->in->notes[i].number == n)
            return 0;
    if (alone_on_line(c->raw, c->in->decoded_len, c->base + t->start,
                      c->base + t->end))
        return 0;
    fprintf(stderr, "%s: lost number %s at byte %zu\n", c->name, t->word,
            t->start);
    c->lost++;
    return 0;
}

/* Ingest raw[0, len) and count the words of its body and notes (its
 * header's are its record's) that no passage's text or notes hold. */
static int words_lost(const char *name, const char *raw, size_t len)
{
    ingest_t in;
    char err[256];
    assert_int_equal(ingest_bytes(&in, raw, len, NULL, english, NULL, NULL,
                                  err, sizeof err), FOND_OK);
    found_t f = {NULL, NULL, 0, 0};
    assert_int_equal(wordset_new(&f.words), FOND_OK);
    f.all = calloc(1, 1);
    for (size_t i = 0; i < in.n_passages; i++) {
        const ingest_passage_t *p = &in.passages[i];
        assert_int_equal(analyze_text(english, in.body.text + p->start,
                                      p->end - p->start, add_found, &f),
                         FOND_OK);
        for (size_t k = 0; k < p->n_notes; k++)
            assert_int_equal(analyze_text(english, p->notes[k]->text,
                                          p->notes[k]->len, add_found, &f),
                             FOND_OK);
    }
    check_t c = {&f, &in, in.decoded_text, in.header.body_start, name, 0};
    const char *body = in.decoded_text + c.base;
    size_t n = in.decoded_len - c.base;
    assert_int_equal(analyze_text(english, body, n, check_word, &c), FOND_OK);
    assert_int_equal(analyze_text(english, body, n, check_number, &c),
                     FOND_OK);
    wordset_free(f.words);
    free(f.all);
    ingest_free(&in);
    return c.lost;
}

static int lost_in_corpus; /* words lost over the corpus, by nftw's walk */

static int check_corpus_file(const char *path, const struct stat *sb,
                             int type, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    size_t n = strlen(path);
    if (type != FTW_F || n < 4 || strcmp(path + n - 4, ".txt") != 0)
        return 0;
    size_t len;
    char *raw = slurp(path, &len);
    lost_in_corpus += words_lost(path, raw, len);
    free(raw);
    return 0;
}

/* Every word of every source of the corpus is findable once indexed. */
static void test_no_word_of_the_corpus_is_lost(void **state)
{
    (void)state;
    lost_in_corpus = 0;
    assert_int_equal(nftw(CORPUS, check_corpus_file, 8, FTW_PHYS), 0);
    assert_int_equal(lost_in_corpus, 0);
}

/* A small seeded generator, so the damaged texts are the same each run. */
static unsigned next_random(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) & 0x7fff;
}

/* A word no other in the text is: syllables spelling a counter. */
static char *put_word(char *at, unsigned *counter)
{
    static const char *const syl[] = {"ka", "ro", "mi", "tes", "vul", "zan",
                                      "dor", "pe", "lis", "gur"};
    unsigned n = ++*counter;
    at += sprintf(at, "%s", syl[n % 7 + 3]);
    for (; n; n /= 10)
        at += sprintf(at, "%s", syl[n % 10]);
    return at;
}

/* Marker n (1 to 9) glued to what is before it: "3", "³" or "[3]". */
static char *put_marker(char *at, unsigned n, unsigned form)
{
    static const char *const super[] = {
        "", "\xc2\xb9", "\xc2\xb2", "\xc2\xb3", "\xe2\x81\xb4", "\xe2\x81\xb5",
        "\xe2\x81\xb6", "\xe2\x81\xb7", "\xe2\x81\xb8", "\xe2\x81\xb9"};
    if (form == 0)
        return at + sprintf(at, "%u", n);
    if (form == 1)
        return at + sprintf(at, "%s", super[n]);
    return at + sprintf(at, "[%u]", n);
}

/* A text damaged as PDF extraction and editions damage it: words broken
 * at line ends, markers glued to words and numbers, superscripts, stray
 * page numbers, stranded citations, numbered paragraphs, editorial
 * brackets, notes at the end with or without a heading. */
static char *damaged_text(unsigned seed, size_t *len)
{
    char *text = malloc(64 * 1024), *at = text;
    unsigned counter = 0, marker = 0;
    at += sprintf(at, "The Commissar to the Ambassador\n\nKars, 13 October "
                  "1921, 7 [4] p.m.\n\n");
    for (int para = 0; para < 12; para++) {
        int numbered = para >= 3 && para < 6;
        if (numbered)
            at += sprintf(at, "%d. ", para - 2);
        for (int sentence = 0; sentence < 4; sentence++) {
            at = put_word(at, &counter);
            for (int w = 0; w < 7; w++) {
                unsigned r = next_random(&seed) % 16;
                *at++ = ' ';
                if (r == 0) { /* a word broken at a line's end */
                    char word[64], *e = put_word(word, &counter);
                    size_t half = (size_t)(e - word) / 2;
                    at += sprintf(at, "%.*s-\n%s", (int)half, word, word + half);
                } else if (r == 1)
                    at += sprintf(at, "1921,");
                else if (r == 2)
                    at += sprintf(at, "[$]5,000,000 [sic]");
                else if (r == 3 && marker < 9) { /* a marker */
                    at = put_word(at, &counter);
                    at = put_marker(at, ++marker, seed % 3);
                } else if (r == 4)
                    at += sprintf(at, "No. 5860");
                else
                    at = put_word(at, &counter);
                if (next_random(&seed) % 5 == 0)
                    *at++ = '\n';
            }
            at += sprintf(at, ".");
        }
        if (next_random(&seed) % 3 == 0)
            at += sprintf(at, "\n\n%u\n", 100 + (unsigned)para); /* a page */
        if (next_random(&seed) % 4 == 0)
            at += sprintf(at, "\n\nSee: USSR Foreign Policy Documents. T. IV, "
                          "M.: Gospolitizdat, 1960, p. %d\n", 200 + para);
        at += sprintf(at, "\n\n");
    }
    if (seed % 2)
        at += sprintf(at, "Notes\n");
    for (unsigned m = 1; m <= marker; m++) {
        at += sprintf(at, "%u. Not printed; see ", m);
        at = put_word(at, &counter);
        at += sprintf(at, ".\n");
    }
    *len = (size_t)(at - text);
    return text;
}

/* Every word of damaged texts is findable once indexed. */
static void test_no_word_of_a_damaged_text_is_lost(void **state)
{
    (void)state;
    for (unsigned seed = 1; seed <= 12; seed++) {
        size_t len;
        char *text = damaged_text(seed, &len);
        char name[32];
        snprintf(name, sizeof name, "damaged text %u", seed);
        assert_int_equal(words_lost(name, text, len), 0);
        free(text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_headerless_text_is_all_body),
        cmocka_unit_test(test_attached_files_are_runs_of_their_own),
        cmocka_unit_test(test_narrative_passages_carry_their_notes),
        cmocka_unit_test(test_narrative_dates_take_the_year_from_the_text),
        cmocka_unit_test(test_telegram_header_and_notes),
        cmocka_unit_test(test_language_from_header_or_script),
        cmocka_unit_test(test_bad_input_says_why),
        cmocka_unit_test(test_notes_found_by_number_once_a_passage),
        cmocka_unit_test(test_notes_of_a_passage_are_bounded),
        cmocka_unit_test(test_notes_at_the_end_with_no_heading),
        cmocka_unit_test(test_headed_notes_of_a_raw_text),
        cmocka_unit_test(test_numbered_paragraphs_at_the_end_stay_text),
        cmocka_unit_test(test_notes_numbered_from_further_on),
        cmocka_unit_test(test_last_page_notes_at_the_end),
        cmocka_unit_test(test_a_source_of_notes_only),
        cmocka_unit_test(test_unnamed_notes_stay_where_they_stood),
        cmocka_unit_test(test_no_word_of_the_corpus_is_lost),
        cmocka_unit_test(test_no_word_of_a_damaged_text_is_lost),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
