/*
 * test_html.c -- an HTML page as a source (lib/htmldoc.h): known by its
 * content and not by a fragment of markup; its text without markup,
 * code or navigation boilerplate (an article's own header kept, a page of
 * boilerplate alone read whole rather than lost), paragraphs, lines and
 * cells as htmldoc.h says; its fields from the metas in their order, a
 * generic title none, dates in the shapes pages write them
 * (extract_doc_date); a doctype declaring entities refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "htmldoc.h"

/* s read as a page into x; the status. */
static fond_status_t read_page(extract_t *x, const char *s, char *err)
{
    memset(x, 0, sizeof *x);
    x->format = EXTRACT_HTML;
    return html_read(x, s, strlen(s), err, 256);
}

static void test_detect(void **state)
{
    (void)state;
    static const char *const pages[] = {
        "<!DOCTYPE html><html><body>x", "<!doctype HTML>\n<p>x",
        "\xEF\xBB\xBF<!-- saved from url=(0014)about:internet -->\n<html lang=\"fr\">",
        "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">",
        "  \n<head><title>x</title></head>", "<HTML>"};
    static const char *const others[] = {
        "<p>A fragment of markup.</p>", "<htmlx>", "html is a language",
        "<!DOCTYPE svg><svg/>", "<!-- never closed <html>", "Title: x\n\n<html>",
        "<div>x</div>"};
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++)
        assert_true(html_detect(pages[i], strlen(pages[i])));
    for (size_t i = 0; i < sizeof others / sizeof *others; i++)
        assert_false(html_detect(others[i], strlen(others[i])));
}

static void test_boilerplate(void **state)
{
    (void)state;
    extract_t x;
    char err[256];
    assert_int_equal(read_page(&x,
        "<html><body><header>Banner</header><nav>Menu</nav>"
        "<article><header><h1>Heading</h1></header><p>Body &amp; text.</p>"
        "<footer>Byline</footer></article>"
        "<div role=\"navigation\">Links</div><p hidden>Hidden</p>"
        "<p aria-hidden=\"true\">Aria</p><aside>Aside</aside>"
        "<script>code()</script><noscript>Enable</noscript>"
        "<footer>Copyright</footer></body></html>", err), FOND_OK);
    assert_string_equal(x.text, "Heading\n\nBody & text.\n\nByline");
    extract_free(&x);
    /* a page all boilerplate: read whole, not lost */
    assert_int_equal(read_page(&x, "<html><body><header>Only this</header>"
                                   "<script>no()</script></body></html>", err),
                     FOND_OK);
    assert_string_equal(x.text, "Only this");
    extract_free(&x);
}

static void test_layout(void **state)
{
    (void)state;
    extract_t x;
    char err[256];
    assert_int_equal(read_page(&x,
        "<html><body><h2>  A   heading </h2><p>one<br>two</p>"
        "<ul><li>first</li><li>second</li></ul>"
        "<table><tr><th>a</th><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>"
        "<div>in a div</div><div>another</div><p>x<b>y</b> z</p>"
        "<p>one <b>two</b> <i>three</i></p></body></html>",
        err), FOND_OK);
    assert_string_equal(x.text, "A heading\n\none\ntwo\n\nfirst\nsecond\n\n"
                                "a\tb\nc\td\n\nin a div\nanother\n\nxy z\n\n"
                                "one two three");
    extract_free(&x);
}

static void test_fields(void **state)
{
    (void)state;
    extract_t x;
    char err[256];
    assert_int_equal(read_page(&x,
        "<html><head><title>Site | Page</title>"
        "<meta property=\"og:title\" content=\"Social\">"
        "<meta name=\"DC.Title\" content=\" The  Letter \">"
        "<meta name=\"dc.creator\" content=\"Second\">"
        "<meta name=\"Author\" content=\"First\">"
        "<meta name=\"DCTERMS.created\" content=\"3 July 1921\">"
        "<meta name=\"copyright\" content=\"Free\">"
        "<meta name=\"description\" content=\"What it is.\">"
        "</head><body><p>Text.</p></body></html>", err), FOND_OK);
    assert_string_equal(x.title, "The Letter");
    assert_string_equal(x.author, "First");
    assert_string_equal(x.doc_date, "19210703");
    assert_string_equal(x.rights, "Free");
    assert_string_equal(x.text, "What it is.\n\nText.");
    extract_free(&x);
    /* <title> before og:title; a generic one is none */
    assert_int_equal(read_page(&x, "<html><head><title>The Ledger</title><meta "
                                   "property=\"og:title\" content=\"Social\">"
                                   "</head></html>", err), FOND_OK);
    assert_string_equal(x.title, "The Ledger");
    extract_free(&x);
    assert_int_equal(read_page(&x, "<html><head><title>Untitled</title>"
                                   "</head><body>x</body></html>", err), FOND_OK);
    assert_null(x.title);
    extract_free(&x);
}

static void test_doc_date(void **state)
{
    (void)state;
    static const struct {
        const char *v, *date, *end;
    } cases[] = {
        {"1921-07-03", "19210703", ""}, {" 2021-03-04T10:00:00Z", "20210304", ""},
        {"1917/1918", "19170000", "19180000"}, {"1921-07", "19210700", ""},
        {"March 4, 1921", "19210304", ""}, {"3 July 1921 10:00", "19210703", ""}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        extract_t x = {0};
        assert_true(extract_doc_date(&x, cases[i].v));
        assert_string_equal(x.doc_date, cases[i].date);
        assert_string_equal(x.doc_date_end, cases[i].end);
    }
    extract_t x = {0};
    assert_false(extract_doc_date(&x, "yesterday"));
    assert_false(extract_doc_date(&x, ""));
    assert_string_equal(x.doc_date, "");
}

static void test_hostile(void **state)
{
    (void)state;
    extract_t x;
    char err[256];
    assert_int_equal(read_page(&x, "<!DOCTYPE html [<!ENTITY a \"aaaa\">]>"
                                   "<html><body>&a;</body></html>", err),
                     FOND_ERR_EXTRACT);
    assert_non_null(strstr(err, "declares entities"));
    extract_free(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect), cmocka_unit_test(test_boilerplate),
        cmocka_unit_test(test_layout), cmocka_unit_test(test_fields),
        cmocka_unit_test(test_doc_date), cmocka_unit_test(test_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
