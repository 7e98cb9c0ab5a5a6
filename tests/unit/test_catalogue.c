/*
 * test_catalogue.c -- fond-catalogue.csv read as a cataloguer writes it:
 * RFC 4180's quoting, the columns by fond's names and Dublin Core's, dates
 * and ranges, and for every kind of bad input the problem said with its
 * line while the other rows are used.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"

static catalogue_t parsed(const char *csv)
{
    catalogue_t c;
    assert_int_equal(catalogue_parse(csv, strlen(csv), &c), FOND_OK);
    return c;
}

/* The field `title` of the row for file (which must be there). */
static const catalogue_row_t *row_of(const catalogue_t *c, const char *file)
{
    const catalogue_row_t *r = catalogue_row(c, file);
    assert_non_null(r);
    return r;
}

/* The catalogue has exactly one problem, on `line`, saying `words`. */
static void one_problem(const catalogue_t *c, unsigned line, const char *words)
{
    assert_int_equal(c->n_problems, 1);
    assert_int_equal(c->problems[0].line, line);
    if (!strstr(c->problems[0].message, words))
        fail_msg("problem \"%s\" does not say \"%s\"", c->problems[0].message,
                 words);
    assert_null(strchr(c->problems[0].message, '\n'));
}

static void test_fields_and_quoting(void **state)
{
    (void)state;
    catalogue_t c = parsed(
        "\xEF\xBB\xBF" "File,Title,Type,Date,From,To,Place,Language,"
        "Archive Reference,Source,Creator,Rights\r\n"
        "./letters//a.txt,\"Kars, the conference\r\nof 1921\",Letter,1921-10-13,"
        "Yusif Kamal,M. D. Huseynov,Kars,English,\"SA AR, f. 28\",note 4,"
        "\"The \"\"Ministry\"\"\",public domain\r\n"
        "b.txt,,,,,,,,,,,\r\n");
    assert_int_equal(c.n_problems, 0);
    assert_int_equal(c.n_rows, 2);
    const catalogue_row_t *a = row_of(&c, "letters/a.txt");
    assert_int_equal(a->line, 2);
    assert_string_equal(a->fields.title, "Kars, the conference of 1921");
    assert_string_equal(a->fields.type, "letter");
    assert_string_equal(a->fields.date, "19211013");
    assert_string_equal(a->fields.date_end, "");
    assert_string_equal(a->fields.from, "Yusif Kamal");
    assert_string_equal(a->fields.to, "M. D. Huseynov");
    assert_string_equal(a->fields.place, "Kars");
    assert_string_equal(a->fields.language, "English");
    assert_string_equal(a->fields.archive_ref, "SA AR, f. 28");
    assert_string_equal(a->fields.source_ref, "note 4");
    assert_string_equal(a->fields.creator, "The \"Ministry\"");
    assert_string_equal(a->fields.rights, "public domain");
    const catalogue_row_t *b = row_of(&c, "b.txt");
    assert_int_equal(b->line, 4); /* the quoted line break counts */
    assert_null(b->fields.title);  /* empty: nothing given */
    assert_null(catalogue_row(&c, "c.txt"));
    catalogue_free(&c);
}

static void test_dublin_core_names(void **state)
{
    (void)state;
    catalogue_t c = parsed("file,dc:title,DC:Date,dc:creator,dcterms:rights,"
                           "dc:type,dc:coverage,dc:language,dc:identifier,"
                           "dc:source\n"
                           "x.txt,T,1917,C,R,telegram,Petrograd,ru,F 1,S\n");
    assert_int_equal(c.n_problems, 0);
    const catalogue_row_t *x = row_of(&c, "x.txt");
    assert_string_equal(x->fields.title, "T");
    assert_string_equal(x->fields.date, "19170000");
    assert_string_equal(x->fields.creator, "C");
    assert_string_equal(x->fields.rights, "R");
    assert_string_equal(x->fields.type, "telegram");
    assert_string_equal(x->fields.place, "Petrograd");
    assert_string_equal(x->fields.language, "ru");
    assert_string_equal(x->fields.archive_ref, "F 1");
    assert_string_equal(x->fields.source_ref, "S");
    catalogue_free(&c);
}

static void test_dates_and_ranges(void **state)
{
    (void)state;
    catalogue_t c = parsed("file,date\n"
                           "a,1917/1918\n"
                           "b,1917-01-05/1917-02-10\n"
                           "c,1917-03 / 1917\n"
                           "d,1917-02\n");
    assert_int_equal(c.n_problems, 0);
    assert_string_equal(row_of(&c, "a")->fields.date, "19170000");
    assert_string_equal(row_of(&c, "a")->fields.date_end, "19180000");
    assert_string_equal(row_of(&c, "b")->fields.date, "19170105");
    assert_string_equal(row_of(&c, "b")->fields.date_end, "19170210");
    assert_string_equal(row_of(&c, "c")->fields.date_end, "19170000");
    assert_string_equal(row_of(&c, "d")->fields.date, "19170200");
    catalogue_free(&c);
}

/* Each malformed date is said on its line; the rest of its row is used. */
static void test_malformed_dates(void **state)
{
    (void)state;
    const char *bad[] = {"1917-13", "1917-02-30", "17", "5 May 1917",
                         "1918/1917", "1917/", "/1917", "1917-01-05/x",
                         "0000"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char csv[128];
        snprintf(csv, sizeof csv, "file,title,date\nok.txt,Fine,1917\n"
                                  "x.txt,Kept,%s\n", bad[i]);
        catalogue_t c = parsed(csv);
        one_problem(&c, 3, "malformed date");
        assert_string_equal(row_of(&c, "x.txt")->fields.title, "Kept");
        assert_string_equal(row_of(&c, "x.txt")->fields.date, "");
        assert_string_equal(row_of(&c, "ok.txt")->fields.date, "19170000");
        catalogue_free(&c);
    }
}

static void test_unknown_type(void **state)
{
    (void)state;
    catalogue_t c = parsed("file,type,title\na.txt,memo,A\n");
    one_problem(&c, 2, "unknown type \"memo\"");
    assert_null(row_of(&c, "a.txt")->fields.type);
    assert_string_equal(row_of(&c, "a.txt")->fields.title, "A");
    catalogue_free(&c);
}

static void test_unknown_and_repeated_columns(void **state)
{
    (void)state;
    catalogue_t c = parsed("file,colour,title,dc:title,,\na.txt,red,A,B,,\n");
    assert_int_equal(c.n_problems, 2);
    assert_int_equal(c.problems[0].line, 1);
    assert_non_null(strstr(c.problems[0].message, "unknown column \"colour\""));
    assert_int_equal(c.problems[1].line, 1);
    assert_non_null(strstr(c.problems[1].message, "gives the title again"));
    assert_string_equal(row_of(&c, "a.txt")->fields.title, "A");
    catalogue_free(&c);
}

/* Whole-file problems: nothing usable, said once. */
static void test_no_header_or_file_column(void **state)
{
    (void)state;
    const struct {
        const char *csv, *words;
        unsigned line;
    } cases[] = {
        {"", "no header row", 0},
        {"\n\r\n  \n", "no header row", 0},
        {"\n\ntitle,date\nA,1917\n", "no \"file\" column", 3},
        {"file,\"title\n", "the header row", 1},
        {"fi\"le,title\na,b\n", "the header row", 1},
        {"\xFF" "file,title\na,b\n", "the header row: not UTF-8", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        catalogue_t c = parsed(cases[i].csv);
        one_problem(&c, cases[i].line, cases[i].words);
        assert_int_equal(c.n_rows, 0);
        catalogue_free(&c);
    }
}

/* Each row that is not well-formed is left out, said on its line; the
 * rows after it are used. */
static void test_bad_rows(void **state)
{
    (void)state;
    const struct {
        const char *row, *words;
    } cases[] = {
        {"x.txt,ab\"c", "a quote inside a field"},
        {"x.txt,\"ab\"c", "text after a quoted field"},
        {"x.txt,\"\xC3\x28\"", "not UTF-8"},
        {"x.txt,a\xED\xA0\x80", "not UTF-8"},
        {",Title", "no file named"},
        {"/etc/passwd,T", "not a path relative"},
        {"../x.txt,T", "outside the catalogue's folder"},
        {"a/../../x.txt,T", "outside the catalogue's folder"},
        {"./,T", "no file named"},
        {"x.txt,T,extra", "more fields than the header"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char csv[256];
        snprintf(csv, sizeof csv, "file,title\nfirst.txt,One\n%s\nlast.txt,Two\n",
                 cases[i].row);
        catalogue_t c = parsed(csv);
        one_problem(&c, 3, cases[i].words);
        assert_string_equal(row_of(&c, "first.txt")->fields.title, "One");
        assert_string_equal(row_of(&c, "last.txt")->fields.title, "Two");
        catalogue_free(&c);
    }
}

static void test_nul_byte(void **state)
{
    (void)state;
    const char csv[] = "file,title\nx.txt,a\0b\ny.txt,Y\n";
    catalogue_t c;
    assert_int_equal(catalogue_parse(csv, sizeof csv - 1, &c), FOND_OK);
    one_problem(&c, 2, "a NUL byte");
    assert_null(catalogue_row(&c, "x.txt"));
    assert_non_null(catalogue_row(&c, "y.txt"));
    catalogue_free(&c);
}

static void test_unclosed_quote(void **state)
{
    (void)state;
    catalogue_t c = parsed("file,title\na.txt,A\nb.txt,\"B\nc.txt,C\n");
    one_problem(&c, 3, "opened on line 3 is never closed");
    assert_int_equal(c.n_rows, 1);
    assert_non_null(catalogue_row(&c, "a.txt"));
    catalogue_free(&c);
}

static void test_file_twice(void **state)
{
    (void)state;
    catalogue_t c = parsed("file,title\na.txt,First\nb.txt,B\n./a.txt,Again\n");
    one_problem(&c, 4, "described on line 2 already");
    assert_string_equal(row_of(&c, "a.txt")->fields.title, "First");
    catalogue_free(&c);
}

/* Blanks around a quoted field pass; a lone CR ends a row; blank rows are
 * no problem. */
static void test_lenient_forms(void **state)
{
    (void)state;
    catalogue_t c = parsed("file, title\r\r a.txt , \"A, a\" \r,,\rb.txt,\"\"\n"
                           "\"two  spaces.txt\",T\n");
    assert_int_equal(c.n_problems, 0);
    assert_non_null(catalogue_row(&c, "two  spaces.txt")); /* kept inside */
    assert_string_equal(row_of(&c, "a.txt")->fields.title, "A, a");
    assert_int_equal(row_of(&c, "a.txt")->line, 3);
    assert_null(row_of(&c, "b.txt")->fields.title);
    catalogue_free(&c);
}

/* The bounds: a field too long, too many columns, each said. */
static void test_bounds(void **state)
{
    (void)state;
    size_t n = CATALOGUE_MAX_FIELD + 100;
    char *csv = malloc(n + 64);
    assert_non_null(csv);
    int k = sprintf(csv, "file,title\nx.txt,");
    memset(csv + k, 'a', n);
    strcpy(csv + k + n, "\ny.txt,Y\n");
    catalogue_t c = parsed(csv);
    one_problem(&c, 2, "longer than 16384 bytes");
    assert_non_null(catalogue_row(&c, "y.txt"));
    catalogue_free(&c);
    k = sprintf(csv, "file,title\nx.txt");
    for (int i = 0; i < CATALOGUE_MAX_COLUMNS; i++)
        k += sprintf(csv + k, ",v");
    strcpy(csv + k, "\ny.txt,Y\n");
    c = parsed(csv);
    one_problem(&c, 2, "more than 64 fields");
    assert_non_null(catalogue_row(&c, "y.txt"));
    catalogue_free(&c);
    free(csv);
}

static void test_too_many_rows(void **state)
{
    (void)state;
    size_t rows = CATALOGUE_MAX_ROWS + 2, at = 0;
    char *csv = malloc(rows * 16 + 16);
    assert_non_null(csv);
    at += (size_t)sprintf(csv, "file\n");
    for (size_t i = 0; i < rows; i++)
        at += (size_t)sprintf(csv + at, "%zu\n", i);
    catalogue_t c;
    assert_int_equal(catalogue_parse(csv, at, &c), FOND_OK);
    one_problem(&c, CATALOGUE_MAX_ROWS + 2, "more than 200000 rows");
    assert_int_equal(c.n_rows, CATALOGUE_MAX_ROWS);
    catalogue_free(&c);
    free(csv);
}

/* The hash: the same for the same fields however written, another for
 * another value. */
static void test_row_hash(void **state)
{
    (void)state;
    catalogue_t a = parsed("file,title,date\nx,A  B,1917\n");
    catalogue_t b = parsed("date , Title,file\n1917,\"A\nB\",./x\n");
    catalogue_t c = parsed("file,title,date\nx,A B,1918\n");
    catalogue_t d = parsed("file,from\nx,A B\n");
    catalogue_t e = parsed("file,to\nx,A B\n");
    assert_string_equal(row_of(&a, "x")->hash, row_of(&b, "x")->hash);
    assert_string_not_equal(row_of(&a, "x")->hash, row_of(&c, "x")->hash);
    assert_string_not_equal(row_of(&d, "x")->hash, row_of(&e, "x")->hash);
    catalogue_free(&a);
    catalogue_free(&b);
    catalogue_free(&c);
    catalogue_free(&d);
    catalogue_free(&e);
}

/* Loading from a file: rows naming files that are not there (or a folder
 * with no page images) are said; a file is found by its path, and so is a
 * folder of page images. */
static void test_load_and_find(void **state)
{
    (void)state;
    const char *tmp = getenv("FOND_TEST_TMP");
    char dir[400], path[600], cmd[2400];
    snprintf(dir, sizeof dir, "%s/test_catalogue", tmp ? tmp : "/tmp");
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s/sub' '%s/scans' && "
             "touch '%s/sub/a.txt' && printf 'II*\\000' >'%s/scans/p.tif'",
             dir, dir, dir, dir, dir);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/fond-catalogue.csv", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("file,title\nsub/a.txt,A\ngone.txt,G\nsub,S\nscans/,Scanned\n", f);
    fclose(f);
    fond_catalogue_t *c = NULL;
    fond_error_t err;
    assert_int_equal(fond_catalogue_load(&c, path, &err), FOND_OK);
    size_t left_out = 9;
    assert_int_equal(fond_catalogue_problems(c, &left_out), 2);
    assert_int_equal(left_out, 0);
    unsigned line = 0;
    assert_non_null(strstr(fond_catalogue_problem(c, 0, &line), "no file \"gone.txt\""));
    assert_int_equal(line, 3);
    assert_non_null(strstr(fond_catalogue_problem(c, 1, &line),
                          "\"sub\" is a folder with no page images"));
    assert_int_equal(line, 4);
    assert_null(fond_catalogue_problem(c, 2, &line));
    snprintf(path, sizeof path, "%s/sub/a.txt", dir);
    const fond_catalogue_row_t *row = fond_catalogue_find(c, path);
    assert_non_null(row);
    assert_string_equal(row->fields.title, "A");
    snprintf(path, sizeof path, "%s/scans", dir); /* a folder of pages */
    assert_non_null(row = fond_catalogue_find(c, path));
    assert_string_equal(row->fields.title, "Scanned");
    snprintf(path, sizeof path, "%sx/sub/a.txt", dir);
    assert_null(fond_catalogue_find(c, path));
    fond_catalogue_free(c);
    snprintf(path, sizeof path, "%s/none.csv", dir);
    assert_int_equal(fond_catalogue_load(&c, path, &err), FOND_ERR_IO);
    assert_null(c);
    assert_non_null(strstr(err.message, "none.csv"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields_and_quoting),
        cmocka_unit_test(test_dublin_core_names),
        cmocka_unit_test(test_dates_and_ranges),
        cmocka_unit_test(test_malformed_dates),
        cmocka_unit_test(test_unknown_type),
        cmocka_unit_test(test_unknown_and_repeated_columns),
        cmocka_unit_test(test_no_header_or_file_column),
        cmocka_unit_test(test_bad_rows),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_unclosed_quote),
        cmocka_unit_test(test_file_twice),
        cmocka_unit_test(test_lenient_forms),
        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_too_many_rows),
        cmocka_unit_test(test_row_hash),
        cmocka_unit_test(test_load_and_find),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
