/*
 * test_request.c -- what fond.cgi accepts from a request and what it
 * refuses, with the reason a user reads on the 400 page; the query the
 * checked fields make; and the links the page writes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "request.h"

static request_t parse_ok(const char *qs)
{
    request_t r;
    char err[300] = "";
    if (request_parse(&r, qs, err, sizeof err) != 0)
        fail_msg("%s: refused: %s", qs ? qs : "(no query string)", err);
    return r;
}

#define REFUSED(qs, why)                                                    \
    do {                                                                    \
        request_t r_;                                                       \
        char err_[300] = "";                                                \
        if (request_parse(&r_, qs, err_, sizeof err_) == 0)                 \
            fail_msg("%s: accepted", qs);                                   \
        if (!strstr(err_, why))                                             \
            fail_msg("%s: said [%s], wanted [%s]", qs, err_, why);          \
    } while (0)

static void test_accepts_what_the_form_sends(void **state)
{
    (void)state;
    request_t shown = parse_ok("show=00ebd25fbd99adc8-12&q=kars&format=html");
    assert_string_equal(shown.show, "00ebd25fbd99adc8-12");
    assert_string_equal(parse_ok("show=00ebd25fbd99adc8").show,
                        "00ebd25fbd99adc8");
    assert_int_equal(parse_ok("q=a&format=atom").format, REQUEST_ATOM);
    assert_int_equal(parse_ok("q=a&format=bibtex").format, REQUEST_BIBTEX);
    assert_int_equal(parse_ok("q=a&sort=added").sort, FOND_SORT_ADDED);
    request_t r = parse_ok("q=Nakhchivan+autonomy&from=1921-09&until=&sort=date");
    assert_string_equal(r.q, "Nakhchivan autonomy");
    assert_string_equal(r.from, "1921-09");
    assert_string_equal(r.until, "");
    assert_int_equal(r.sort, FOND_SORT_DATE);
    assert_int_equal(r.page, 1);
    assert_int_equal(r.per_page, REQUEST_DEFAULT_PER_PAGE);
    r = parse_ok("q=S%C3%A8vres&type=telegram&year=1921&page=3&n=20&format=json");
    assert_string_equal(r.q, "Sèvres");
    assert_string_equal(r.type, "telegram");
    assert_string_equal(r.year, "1921");
    assert_int_equal(r.page, 3);
    assert_int_equal(r.per_page, 20);
    assert_int_equal(r.format, REQUEST_JSON);
    r = parse_ok(NULL);
    assert_false(request_is_search(&r));
    r = parse_ok("q=+++");
    assert_false(request_is_search(&r));
}

static void test_refuses_with_a_reason(void **state)
{
    (void)state;
    REFUSED("q=kars&q=moscow", "parameter 'q' is given more than once");
    REFUSED("colour=red", "unknown parameter 'colour'");
    REFUSED("%3Cscript%3E=1", "unknown parameter '<script>'");
    REFUSED("q=%ZZ", "parameter 'q' has invalid percent-encoding");
    REFUSED("q=abc%4", "invalid percent-encoding");
    REFUSED("q=a%00b", "parameter 'q' holds a control character");
    REFUSED("q=%C3%28", "parameter 'q' is not valid UTF-8");
    REFUSED("q=%ED%A0%80", "is not valid UTF-8");        /* a surrogate */
    REFUSED("q=%C0%AF", "is not valid UTF-8");           /* overlong '/' */
    REFUSED("page=0", "parameter 'page' must be a page number from 1 to 100");
    REFUSED("page=-1", "must be a page number");
    REFUSED("page=101", "must be a page number");
    REFUSED("page=99999999999999999999", "must be a page number");
    REFUSED("page=1e3", "must be a page number");
    REFUSED("n=51", "parameter 'n' must be a number of results from 1 to 50");
    REFUSED("sort=size", "parameter 'sort' must be 'relevance', 'date' or 'added'");
    REFUSED("format=xml", "parameter 'format' must be 'html', 'json', 'csv', "
                          "'ris', 'bibtex' or 'atom'");
    REFUSED("show=00ebd25fbd99adc8-0", "parameter 'show' must be a passage id");
    REFUSED("show=00ebd25fbd99adc8-", "must be a passage id");
    REFUSED("show=00ebd25fbd99adc8-1234567890", "must be a passage id");
    REFUSED("show=00EBD25FBD99ADC8-1", "must be a passage id");
    REFUSED("show=00ebd25fbd99adc-1", "must be a passage id"); /* 15 hex */
    REFUSED("show=00ebd25fbd99adc8-1x", "must be a passage id");
    REFUSED("show=00ebd25fbd99adc8-1%2F..", "must be a passage id");
    REFUSED("show=00ebd25fbd99adc8-1&show=00ebd25fbd99adc8-2",
            "parameter 'show' is given more than once");
    REFUSED("type=tele%22gram", "parameter 'type' must be a type name");
    REFUSED("year=21", "parameter 'year' must be a year");
    REFUSED("from=1921-13", "parameter 'from' must be a date");
    REFUSED("until=1921-02-32", "parameter 'until' must be a date");
    REFUSED("from=1921-10&until=1921-09", "the date range ends before it starts");
    REFUSED("source=a%22b", "parameter 'source' may not hold a double quote");
    REFUSED("source=%2Fsrv%2Farchive%2Fx.txt", "parameter 'source' takes a "
            "source's name as the results show it, not a path");
}

static void test_limits(void **state)
{
    (void)state;
    char *qs = malloc(REQUEST_MAX_QUERY_STRING + 16);
    strcpy(qs, "q=");
    memset(qs + 2, 'a', REQUEST_MAX_Q);
    qs[2 + REQUEST_MAX_Q] = '\0';
    request_t r = parse_ok(qs);
    assert_int_equal(strlen(r.q), REQUEST_MAX_Q);
    strcat(qs, "a");
    REFUSED(qs, "parameter 'q' is longer than 500 bytes");
    memset(qs, 'a', REQUEST_MAX_QUERY_STRING + 1);
    qs[REQUEST_MAX_QUERY_STRING + 1] = '\0';
    REFUSED(qs, "the request is longer than 4096 bytes");
    free(qs);
}

static void expect_query(const char *qs, const char *want)
{
    request_t r = parse_ok(qs);
    char *q = request_query(&r);
    assert_non_null(q);
    assert_string_equal(q, want);
    free(q);
}

static void test_the_query_it_makes(void **state)
{
    (void)state;
    expect_query("q=kars+treaty", "kars treaty");
    expect_query("q=kars+OR+moscow&type=note", "(kars OR moscow) type:note");
    expect_query("type=telegram", "* type:telegram");
    expect_query("year=1921&from=1921-09", "* date:1921 date:1921-09..9999");
    expect_query("until=1920", "* date:0001..1920");
    expect_query("q=x&source=corpus%2Fa.txt", "(x) source:\"corpus/a.txt\"");
}

static void expect_link(const char *qs, const char *name, const char *value,
                        const char *want)
{
    request_t r = parse_ok(qs);
    char buf[1024];
    assert_int_equal(request_link(&r, name, value, buf, sizeof buf), 0);
    assert_string_equal(buf, want);
}

static void test_links(void **state)
{
    (void)state;
    expect_link("q=a+b&page=3", "page", "4", "?q=a+b&page=4");
    expect_link("q=a+b&page=3", "type", "note", "?q=a+b&type=note");
    expect_link("q=a&type=note&sort=date", "type", NULL, "?q=a&sort=date");
    expect_link("q=%3Cscript%3E%26", "year", "1921",
                "?q=%3Cscript%3E%26&year=1921");
    expect_link("q=S%C3%A8vres&format=json", "n", "20", "?q=S%C3%A8vres&n=20");
    expect_link("", "q", NULL, "?");
    /* a source's page and the exports keep the page of results */
    expect_link("q=a&page=3", "show", "00ebd25fbd99adc8-2",
                "?q=a&show=00ebd25fbd99adc8-2&page=3");
    expect_link("q=a&page=3&show=00ebd25fbd99adc8-2", "show", NULL,
                "?q=a&page=3");
    expect_link("q=a&page=3", "format", "csv", "?q=a&page=3&format=csv");
    expect_link("q=a&sort=added", "page", "2", "?q=a&sort=added&page=2");
    /* a page of a source: show= a source id and page=, up to 999999 */
    request_t v = parse_ok("q=kars&show=00ebd25fbd99adc8&page=227");
    assert_int_equal(v.source_page, 227);
    assert_int_equal(v.page, 1);
    v = parse_ok("show=00ebd25fbd99adc8&page=999999");
    assert_int_equal(v.source_page, 999999);
    v = parse_ok("show=00ebd25fbd99adc8-3&page=3"); /* a passage: results */
    assert_int_equal(v.source_page, 0);
    assert_int_equal(v.page, 3);
    REFUSED("q=a&page=101", "must be a page number from 1 to 100");
    REFUSED("show=00ebd25fbd99adc8&page=1000000", "must be a page number");
    char view[256];
    v = parse_ok("q=a+b&type=note&page=4");
    assert_int_equal(request_page_link(&v, "00ebd25fbd99adc8-2", 1, view,
                                       sizeof view), 0);
    assert_string_equal(view, "?q=a+b&type=note&show=00ebd25fbd99adc8&page=1");
    v = parse_ok("q=a&show=00ebd25fbd99adc8&page=5");
    assert_int_equal(request_page_link(&v, "00ebd25fbd99adc8", 6, view,
                                       sizeof view), 0);
    assert_string_equal(view, "?q=a&show=00ebd25fbd99adc8&page=6");
    request_t r = parse_ok("q=kars");
    char small[8];
    assert_int_equal(request_link(&r, "type", "conversation", small,
                                  sizeof small), -1);
}

static void expect_file_url(const char *path, unsigned page, const char *want)
{
    static const request_file_map_t maps[] = {
        {"/srv/archive/", "https://archive.example.org/files/"},
        {"/srv/other", "https://other.example.org/f"}};
    char buf[256];
    int rc = request_file_url(maps, 2, path, page, buf, sizeof buf);
    if (!want)
        assert_int_equal(rc, -1);
    else {
        assert_int_equal(rc, 0);
        assert_string_equal(buf, want);
    }
}

static void test_original_file_links(void **state)
{
    (void)state;
    expect_file_url("/srv/archive/telegrams/a b&c.txt", 0,
                    "https://archive.example.org/files/telegrams/a%20b%26c.txt");
    expect_file_url("/srv/archive/scan.PDF", 12,
                    "https://archive.example.org/files/scan.PDF#page=12");
    expect_file_url("/srv/archive/a.txt", 12,
                    "https://archive.example.org/files/a.txt"); /* not a PDF */
    expect_file_url("/srv/archive/%22><script>.txt", 0,
                    "https://archive.example.org/files/%2522%3E%3Cscript%3E.txt");
    expect_file_url("/srv/other/x.txt", 0, "https://other.example.org/f/x.txt");
    expect_file_url("/srv/otherwise/x.txt", 0, NULL); /* not that folder */
    expect_file_url("/home/x.txt", 0, NULL);          /* no map: no link */
    char small[20];
    request_file_map_t map = {"/srv/", "https://example.org/files/"};
    assert_int_equal(request_file_url(&map, 1, "/srv/a.txt", 0, small,
                                      sizeof small), -1);
}

/* One parameter of a request that is no search (the page image's w,
 * IIIF's q): decoded, or absent, or refused when malformed. */
static void test_one_parameter(void **state)
{
    (void)state;
    char v[16];
    assert_int_equal(request_param("w=300", "w", v, sizeof v), 1);
    assert_string_equal(v, "300");
    assert_int_equal(request_param("q=treaty+of%20Kars&w=5", "q", v, sizeof v), 1);
    assert_string_equal(v, "treaty of Kars");
    assert_int_equal(request_param("ww=3&w=4", "w", v, sizeof v), 1);
    assert_string_equal(v, "4");
    assert_int_equal(request_param("q=%D0%9A%D0%B0%D1%80%D1%81", "q", v, sizeof v), 1);
    assert_string_equal(v, "\xD0\x9A\xD0\xB0\xD1\x80\xD1\x81"); /* Карс */
    assert_int_equal(request_param("q=x", "w", v, sizeof v), 0);
    assert_int_equal(request_param("", "w", v, sizeof v), 0);
    assert_int_equal(request_param(NULL, "w", v, sizeof v), 0);
    assert_int_equal(request_param("w", "w", v, sizeof v), 0);
    assert_int_equal(request_param("q=%zz", "q", v, sizeof v), -1);   /* bad escape */
    assert_int_equal(request_param("q=%00x", "q", v, sizeof v), -1);  /* a NUL */
    assert_int_equal(request_param("q=%0A", "q", v, sizeof v), -1);   /* a control */
    assert_int_equal(request_param("q=%FF", "q", v, sizeof v), -1);   /* not UTF-8 */
    assert_int_equal(request_param("q=0123456789abcdef", "q", v, sizeof v), -1); /* too long */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accepts_what_the_form_sends),
        cmocka_unit_test(test_refuses_with_a_reason),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_the_query_it_makes),
        cmocka_unit_test(test_links),
        cmocka_unit_test(test_original_file_links),
        cmocka_unit_test(test_one_parameter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
