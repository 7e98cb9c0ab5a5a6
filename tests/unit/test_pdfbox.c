/*
 * test_pdfbox.c -- a text PDF's word boxes (lib/pdfbox.h): each box word
 * found in the page's text (ligatures, words hyphenated across lines and
 * joined by the text, words glued by the text, a word only one of the two
 * has, a look-ahead that stays bounded); pdftotext -bbox-layout's pages
 * read into boxes in the page image's pixels (300 dpi; turned pages;
 * hostile numbers, entities, characters XML forbids, caps); and, end to
 * end through extract_bytes() on PDFs groff makes (and one turned by its
 * /Rotate, written here), boxes on the page in reading order, each page's
 * from its own page across pdftotext runs, while the text stays
 * pdftotext's own.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "extract.h"
#include "pdfbox.h"
#include "support.h"

/* ------------------------------------------------------------ matching */

/* Find w (next: the box word after it) in m's text; its bytes as a string
 * in out ("-" when not found). */
static void find(pdfbox_match_t *m, const char *w, const char *next, char *out,
                 size_t size)
{
    size_t s = 0, e = 0;
    if (pdfbox_match(m, w, strlen(w), next, next ? strlen(next) : 0, &s, &e))
        snprintf(out, size, "%.*s", (int)(e - s), m->text + s);
    else
        snprintf(out, size, "-");
}

/* The words (NULL-terminated) matched in turn against text: their bytes
 * in the text, one a line ("-" for a word not found). */
static char *match_all(const char *text, const char *const *words)
{
    static char out[4096];
    pdfbox_match_t m = {text, strlen(text), 0, 0, 0};
    size_t at = 0;
    for (size_t i = 0; words[i]; i++) {
        char one[512];
        find(&m, words[i], words[i + 1], one, sizeof one);
        at += (size_t)snprintf(out + at, sizeof out - at, "%s\n", one);
    }
    out[at] = '\0';
    return out;
}

static void test_words_found_in_order(void **state)
{
    (void)state;
    const char *words[] = {"The", "office", "of", "the", "first,", "officer.", NULL};
    assert_string_equal(match_all("The office of\nthe first, officer.\n", words),
                        "The\noffice\nof\nthe\nfirst,\nofficer.\n");
    /* where each is: the second "the" is the one after "of" */
    pdfbox_match_t m = {"the cat and the dog", 19, 0, 0, 0};
    size_t s, e;
    assert_true(pdfbox_match(&m, "the", 3, "cat", 3, &s, &e));
    assert_int_equal(s, 0);
    assert_true(pdfbox_match(&m, "cat", 3, "the", 3, &s, &e));
    assert_true(pdfbox_match(&m, "the", 3, "dog", 3, &s, &e));
    assert_int_equal(s, 12);
    assert_int_equal(e, 15);
}

static void test_ligatures_read_as_letters(void **state)
{
    (void)state;
    /* the text has the ligatures (U+FB03 ffi, U+FB01 fi), the boxes not */
    const char *words[] = {"The", "office", "first", NULL};
    assert_string_equal(match_all("The o\xEF\xAC\x83" "ce \xEF\xAC\x81rst", words),
                        "The\no\xEF\xAC\x83" "ce\n\xEF\xAC\x81rst\n");
    /* and the other way round (U+FB02 fl, U+FB00 ff) */
    const char *lig[] = {"\xEF\xAC\x82ies", "a\xEF\xAC\x80" "air", NULL};
    assert_string_equal(match_all("flies affair", lig), "flies\naffair\n");
    /* half a ligature is not a match */
    const char *half[] = {"of", NULL};
    assert_string_equal(match_all("o\xEF\xAC\x83" "ce", half), "-\n");
}

static void test_hyphenated_halves_are_the_joined_word(void **state)
{
    (void)state;
    /* pdftotext's text joins the halves; both boxes are the whole word's */
    const char *words[] = {"under", "plenipoten-", "tiary", "Baku", NULL};
    assert_string_equal(match_all("under plenipotentiary Baku\n", words),
                        "under\nplenipotentiary\nplenipotentiary\nBaku\n");
    /* a half ending a sentence; Unicode's hyphen and a soft hyphen */
    const char *dot[] = {"negoti\xE2\x80\x90", "ation.", "With", NULL};
    assert_string_equal(match_all("negotiation. With", dot),
                        "negotiation.\nnegotiation.\nWith\n");
    const char *shy[] = {"evi\xC2\xAD", "dence", NULL};
    assert_string_equal(match_all("evidence", shy), "evidence\nevidence\n");
    /* a text that kept the hyphen: each half is its own */
    const char *kept[] = {"plenipoten-", "tiary", NULL};
    assert_string_equal(match_all("plenipoten-\ntiary", kept), "plenipoten-\ntiary\n");
    /* a text that dropped the hyphen but not the line break */
    assert_string_equal(match_all("plenipoten\ntiary", kept), "plenipoten\ntiary\n");
    /* a real hyphen inside a word is a letter like any other */
    const char *compound[] = {"well-known", "fact", NULL};
    assert_string_equal(match_all("a well-known fact", compound), "well-known\nfact\n");
}

static void test_words_glued_by_the_text(void **state)
{
    (void)state;
    /* two box words the text wrote as one (a font change in a word, a
     * footnote mark): each its own part */
    const char *words[] = {"evidence.", "1", "Station", NULL};
    assert_string_equal(match_all("evidence.1 Station", words), "evidence.\n1\nStation\n");
}

static void test_a_word_only_one_side_has(void **state)
{
    (void)state;
    /* the text has a word the boxes do not */
    const char *fewer[] = {"alpha", "gamma", "delta", NULL};
    assert_string_equal(match_all("alpha beta gamma delta", fewer),
                        "alpha\ngamma\ndelta\n");
    /* the boxes have a word the text does not: no box, and the words
     * after it are found where they are */
    const char *more[] = {"alpha", "ZZZ", "beta", "gamma", NULL};
    assert_string_equal(match_all("alpha beta gamma", more), "alpha\n-\nbeta\ngamma\n");
    /* a short word the text lacks is not taken for a longer one's start */
    const char *start[] = {"x", "a", "after", "y", NULL};
    assert_string_equal(match_all("x after y", start), "x\n-\nafter\ny\n");
    /* nor for a later whole word of the same letters, out of reach */
    char text[2048] = "one";
    for (int i = 0; i < 40; i++)
        strcat(text, " filler");
    strcat(text, " two");
    const char *far[] = {"one", "two", "filler", NULL};
    assert_string_equal(match_all(text, far), "one\n-\nfiller\n");
}

static void test_look_ahead_bounded(void **state)
{
    (void)state;
    /* one word of a megabyte, and a thousand box words not in it: each
     * looks only so far (this would take minutes if it looked to the end) */
    size_t n = (size_t)1 << 20;
    char *text = malloc(n + 1);
    assert_non_null(text);
    memset(text, 'a', n);
    text[n] = '\0';
    pdfbox_match_t m = {text, n, 0, 0, 0};
    size_t s, e;
    for (int i = 0; i < 1000; i++)
        assert_false(pdfbox_match(&m, "ab", 2, "ab", 2, &s, &e));
    assert_int_equal(m.at, 0);
    /* a word too long to box */
    assert_false(pdfbox_match(&m, text, PDFBOX_MAX_WORD + 1, NULL, 0, &s, &e));
    free(text);
}

/* ------------------------------------------------------------ pages */

/* A page of text alone in t, then boxed from the element el. */
static void boxed_page(ocr_text_t *t, const char *text, const char *el, int turns,
                       size_t *budget)
{
    size_t from = t->len;
    ocr_page_text(t, text, strlen(text));
    assert_int_equal(pdfbox_page(t, (unsigned)t->n_pages, from, strlen(text), el,
                                 strlen(el), turns, budget),
                     FOND_OK);
}

/* The bytes of t's k-th word. */
static const char *word(const ocr_text_t *t, size_t k)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "%.*s", (int)t->words[k].len, t->text + t->words[k].start);
    return buf;
}

#define WORD(x0, y0, x1, y1, w) \
    "<word xMin=\"" x0 "\" yMin=\"" y0 "\" xMax=\"" x1 "\" yMax=\"" y1 "\">" w "</word>"

static void test_pages_of_the_xhtml(void **state)
{
    (void)state;
    const char *xhtml =
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
        "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">"
        "<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n"
        "<title>&lt;page width=&quot;1&quot;&gt;</title>\n</head>\n<body>\n<doc>\n"
        "  <page width=\"595.000000\" height=\"842.000000\">\n    <flow>\n"
        "      <block xMin=\"72\" yMin=\"77\" xMax=\"160\" yMax=\"86\">\n"
        "        <line xMin=\"72\" yMin=\"77\" xMax=\"160\" yMax=\"86\">\n"
        "          " WORD("72.000000", "77.170000", "87.550000", "86.170000", "The") "\n"
        "          " WORD("90.050000", "77.170000", "112.570000", "86.170000", "of\xEF\xAC\x81" "ce") "\n"
        "        </line>\n      </block>\n    </flow>\n  </page>\n"
        "  <page width=\"595.000000\" height=\"842.000000\">\n  </page>\n"
        "  <page width=\"612\" height=\"792\">\n"
        "    " WORD("72", "100", "110.5", "112", "AT&amp;T&apos;s") "\n"
        "  </page>\n</doc>\n</body>\n</html>\n";
    size_t at = 0, s, e, len = strlen(xhtml);
    const char *text[] = {"The office\n\n", NULL, "AT&T's\n"};
    ocr_text_t t = OCR_TEXT_INIT;
    size_t budget = 100;
    int pages = 0;
    while (pdfbox_next_page(xhtml, len, &at, &s, &e)) {
        char el[2048];
        snprintf(el, sizeof el, "%.*s", (int)(e - s), xhtml + s);
        assert_true(strncmp(el, "<page ", 6) == 0);
        if (text[pages])
            boxed_page(&t, text[pages], el, 0, &budget);
        else
            ocr_page_text(&t, "", 0);
        pages++;
    }
    assert_int_equal(pages, 3);
    assert_int_equal(at, len);
    assert_int_equal(t.n_pages, 3);
    /* A4 at 300 dpi; US Letter */
    assert_int_equal(t.pages[0].width, 2479);
    assert_int_equal(t.pages[0].height, 3508);
    assert_int_equal(t.pages[0].dpi, 300);
    assert_int_equal(t.pages[1].width, 0); /* a page of no text: not boxed */
    assert_int_equal(t.pages[2].width, 2550);
    assert_int_equal(t.pages[2].height, 3300);
    assert_int_equal(t.n_words, 3);
    assert_string_equal(word(&t, 0), "The");
    assert_int_equal(t.words[0].page, 1);
    assert_int_equal(t.words[0].conf, OCR_CONF_NONE);
    /* 72 pt is 300 px; 77.17 pt 321.54 px; 87.55 pt 364.79 px */
    assert_int_equal(t.words[0].box.x, 300);
    assert_int_equal(t.words[0].box.y, 322);
    assert_int_equal(t.words[0].box.w, 365 - 300);
    assert_int_equal(t.words[0].box.h, 359 - 322);
    assert_string_equal(word(&t, 1), "office");
    assert_string_equal(word(&t, 2), "AT&T's");
    assert_int_equal(t.words[2].page, 3);
    assert_int_equal(t.words[2].box.w, 460 - 300);
    assert_int_equal(budget, 97);
    ocr_text_free(&t);

    /* "<pages>" is no page; one with no end is none */
    const char *torn = "<pages><page width=\"1\" height=\"1\"><word>x</word>";
    at = 0;
    assert_false(pdfbox_next_page(torn, strlen(torn), &at, &s, &e));
    assert_int_equal(at, strlen(torn));
}

static void test_hostile_numbers_clamped(void **state)
{
    (void)state;
    const char *el =
        "<page width=\"100\" height=\"200\">"
        WORD("nan", "0", "10", "10", "a")
        WORD("0", "0", "inf", "10", "b")
        WORD("1e3", "0", "10", "10", "c")
        WORD("-5", "-5", "999999999999999999999999999999", "1e", "d")
        WORD("-5", "-5", "99999999999999999999", "10", "e")
        WORD("20", "20", "10", "30", "f")
        "<word xMin=\"0\" yMin=\"0\" xMax=\"10\">g</word>"
        WORD("0.5", "190.0", "100.000000", "200.000001", "h")
        "</page>";
    ocr_text_t t = OCR_TEXT_INIT;
    size_t budget = 100;
    boxed_page(&t, "a b c d e f g h", el, 0, &budget);
    /* NaN, infinity, an exponent, too many digits, a box turned inside
     * out, a coordinate missing: no box; the rest clamped to the page */
    assert_int_equal(t.n_words, 2);
    assert_string_equal(word(&t, 0), "e");
    assert_int_equal(t.words[0].box.x, 0);
    assert_int_equal(t.words[0].box.y, 0);
    assert_int_equal(t.words[0].box.w, 417); /* 100 pt: the page's width */
    assert_string_equal(word(&t, 1), "h");
    assert_int_equal(t.words[1].box.y + t.words[1].box.h, 833);
    assert_int_equal(t.pages[0].width, 417);
    assert_int_equal(t.pages[0].height, 833);
    ocr_text_free(&t);

    /* a page of no size (or NaN): unknown, the boxes kept within the
     * largest page there is */
    ocr_text_t u = OCR_TEXT_INIT;
    boxed_page(&u, "x", "<page width=\"nan\">" WORD("10", "10", "1e0", "20", "x")
                        WORD("10", "10", "1000000", "20", "x") "</page>", 0, &budget);
    assert_int_equal(u.pages[0].width, 0);
    assert_int_equal(u.n_words, 1);
    assert_int_equal(u.words[0].box.x + u.words[0].box.w, 60000);
    ocr_text_free(&u);
}

static void test_hostile_markup(void **state)
{
    (void)state;
    size_t budget = 100;
    /* a character XML forbids in a word: read leniently, the rest boxed */
    ocr_text_t t = OCR_TEXT_INIT;
    boxed_page(&t, "one \x01two three",
               "<page width=\"100\" height=\"100\">" WORD("1", "1", "2", "2", "one")
                   WORD("3", "1", "4", "2", "\x01two") WORD("5", "1", "6", "2", "three")
                   "</page>",
               0, &budget);
    assert_int_equal(t.n_words, 3);
    assert_string_equal(word(&t, 2), "three");
    ocr_text_free(&t);

    /* not markup at all, an entity declared, elements too deep, a word
     * too long: nothing boxed, nothing failed */
    char deep[8192] = "<page width=\"9\" height=\"9\">";
    for (int i = 0; i < 300; i++)
        strcat(deep, "<b>");
    strcat(deep, WORD("1", "1", "2", "2", "x"));
    char longword[1024] = "<page width=\"9\" height=\"9\">" "<word xMin=\"1\" yMin=\"1\" "
                          "xMax=\"2\" yMax=\"2\">";
    for (int i = 0; i < PDFBOX_MAX_WORD + 1; i++)
        strcat(longword, "x");
    strcat(longword, "</word></page>");
    const char *bad[] = {
        "\x01\x02 not a page",
        "<!DOCTYPE page [<!ENTITY e \"x\">]><page width=\"9\" height=\"9\">"
        WORD("1", "1", "2", "2", "&e;") "</page>",
        deep, longword, "<flow>" WORD("1", "1", "2", "2", "x") "</flow>"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ocr_text_t u = OCR_TEXT_INIT;
        boxed_page(&u, "x xxxx", bad[i], 0, &budget);
        assert_int_equal(u.n_words, 0);
        ocr_text_free(&u);
    }
}

static void test_turned_pages_and_caps(void **state)
{
    (void)state;
    const char *el = "<page width=\"600\" height=\"300\">"
                     WORD("95", "50", "117", "104", "Hello")
                     WORD("95", "111", "117", "186", "rotated")
                     WORD("95", "192", "117", "250", "world") "</page>";
    /* a page turned a quarter: its image is 300 x 600 pt, so is the
     * words' frame (a y past 300 pt kept) */
    ocr_text_t t = OCR_TEXT_INIT;
    size_t budget = 100;
    boxed_page(&t, "Hello rotated world", el, 1, &budget);
    assert_int_equal(t.pages[0].width, 1250);
    assert_int_equal(t.pages[0].height, 2500);
    assert_int_equal(t.n_words, 3);
    assert_int_equal(t.words[2].box.y + t.words[2].box.h, 1042);
    ocr_text_free(&t);

    /* the document's budget of words */
    ocr_text_t u = OCR_TEXT_INIT;
    budget = 2;
    boxed_page(&u, "Hello rotated world", el, 0, &budget);
    assert_int_equal(u.n_words, 2);
    assert_int_equal(budget, 0);
    assert_int_equal(u.pages[0].width, 2500);
    ocr_text_free(&u);

    /* a page's element too large to parse: no boxes */
    size_t big = PDFBOX_PAGE_BYTES + 1;
    char *huge = malloc(big + 1);
    assert_non_null(huge);
    int head = sprintf(huge, "<page width=\"600\" height=\"300\">"
                       WORD("95", "50", "117", "104", "Hello"));
    memset(huge + head, ' ', big - (size_t)head);
    memcpy(huge + big - 7, "</page>", 8);
    ocr_text_t v = OCR_TEXT_INIT;
    budget = 100;
    boxed_page(&v, "Hello", huge, 0, &budget);
    assert_int_equal(v.n_words, 0);
    huge[big - 8] = '\0'; /* a few bytes within the bound: boxed */
    memcpy(huge + big - 8 - 7, "</page>", 8);
    boxed_page(&v, "Hello", huge, 0, &budget);
    assert_int_equal(v.n_words, 1);
    ocr_text_free(&v);
    free(huge);

    /* pdfinfo's "Page N rot:" lines, and lines that only look like them */
    const char *info = "Pages:           3\nPage    1 size:  595 x 842 pts (A4)\n"
                       "Page    1 rot:   90\nPage    3 rot:   -90\nPage    9 rot:   180\n"
                       "Page 99999999999999999999 rot: 90\nPage 1 rot: x\nPage\n"
                       "Page    2 rot:   180";
    unsigned char turns[3];
    pdfbox_turns(info, strlen(info), turns, 3);
    assert_int_equal(turns[0], 1);
    assert_int_equal(turns[1], 2);
    assert_int_equal(turns[2], 3);
}

/* ------------------------------------------------------------ PDFs */

/* Make a PDF from groff -ms source in $FOND_TEST_TMP; its path in path. */
static int make_pdf(const char *name, const char *ms, char *path, size_t size)
{
    const char *base = getenv("FOND_TEST_TMP");
    base = base ? base : "/tmp";
    mkdir(base, 0777);
    char src[4200], cmd[9000];
    snprintf(src, sizeof src, "%s/%s.ms", base, name);
    snprintf(path, size, "%s/%s.pdf", base, name);
    FILE *f = fopen(src, "w");
    assert_non_null(f);
    fputs(ms, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "groff -ms -Tpdf '%s' >'%s' 2>/dev/null", src, path);
    return system(cmd);
}

/* pdftotext's text of the PDF as fond runs it, malloc'd. */
static char *pdftotext(const char *path, size_t *len)
{
    char cmd[9000], out[4300];
    snprintf(out, sizeof out, "%s.txt", path);
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 -eol unix '%s' '%s'", path, out);
    assert_int_equal(system(cmd), 0);
    return slurp(out, len);
}

/* Make the PDF `name` from groff -ms source and extract it into *x (OCR
 * off), checking that its text is pdftotext's, byte for byte; -1 when
 * groff cannot make it. */
static int extract_pdf(const char *name, const char *ms, extract_t *x)
{
    char path[4200], err[512];
    if (make_pdf(name, ms, path, sizeof path) != 0)
        return -1;
    size_t len, tlen;
    char *pdf = slurp(path, &len);
    char *text = pdftotext(path, &tlen);
    fond_extract_opts_t o = FOND_EXTRACT_OPTS_INIT;
    o.no_ocr = 1;
    assert_int_equal(extract_bytes(x, pdf, len, path, &o, err, sizeof err), FOND_OK);
    assert_int_equal(x->len, tlen);
    assert_memory_equal(x->text, text, tlen);
    free(pdf);
    free(text);
    return 0;
}

/* The first word of x's layout on page `page` whose text is w, or -1. */
static long word_at(const extract_t *x, unsigned page, const char *w)
{
    for (size_t k = 0; k < x->layout.n_words; k++) {
        const ocr_word_t *o = &x->layout.words[k];
        if (o->page == page && o->len == strlen(w) &&
            memcmp(x->text + o->start, w, o->len) == 0)
            return (long)k;
    }
    return -1;
}

static void test_pdf_words_boxed(void **state)
{
    (void)state;
    extract_t x;
    if (extract_pdf("boxes", ".LP\nThe delegation crossed the frontier at dawn.\n.bp\n"
                             ".LP\nCaspian steppe villages answered the commissioners.\n",
                    &x) != 0)
        skip();
    /* both pages sized as they render at 300 dpi (A4: 595 x 842 pt) */
    assert_int_equal(x.layout.n_pages, 2);
    for (int k = 0; k < 2; k++) {
        assert_int_equal(x.layout.pages[k].width, 2479);
        assert_int_equal(x.layout.pages[k].height, 3508);
        assert_int_equal(x.layout.pages[k].dpi, 300);
    }
    /* "Caspian" on page 2, on the page, left of "steppe" on its line */
    long c = word_at(&x, 2, "Caspian"), s = word_at(&x, 2, "steppe");
    assert_true(c >= 0 && s > c);
    const ocr_box_t *a = &x.layout.words[c].box, *b = &x.layout.words[s].box;
    assert_true(a->x > 0 && a->y > 0 && a->w > 0 && a->h > 0);
    assert_true(b->x + b->w <= 2479 && b->y + b->h <= 3508);
    assert_true(a->x + a->w < b->x);
    assert_true(abs(a->y - b->y) < a->h / 2);
    assert_int_equal(x.layout.words[c].conf, OCR_CONF_NONE);
    /* every word of the text has its box, in order, on its page */
    assert_true(word_at(&x, 1, "frontier") >= 0);
    assert_true(word_at(&x, 1, "Caspian") < 0);
    for (size_t k = 1; k < x.layout.n_words; k++)
        assert_true(x.layout.words[k].start >= x.layout.words[k - 1].start);
    assert_int_equal(x.ocr_confidence, OCR_CONF_NONE);
    extract_free(&x);
}

static void test_pdf_hyphenated_word_two_boxes(void **state)
{
    (void)state;
    char ms[4096] = ".ll 1.6i\n.LP\n";
    for (int i = 0; i < 12; i++)
        strcat(ms, "The plenipotentiary representatives reconsidered "
                   "internationalisation. ");
    strcat(ms, "\n");
    extract_t x;
    if (extract_pdf("hyphens", ms, &x) != 0)
        skip();
    /* words the text joined have two boxes, each the whole word, the
     * second on the next line, at its start */
    int joined = 0;
    for (size_t k = 1; k < x.layout.n_words; k++) {
        const ocr_word_t *p = &x.layout.words[k - 1], *q = &x.layout.words[k];
        if (p->start != q->start || p->len != q->len)
            continue;
        joined++;
        assert_null(memchr(x.text + p->start, '-', p->len));
        assert_true(q->box.y > p->box.y + p->box.h / 2);
        assert_true(q->box.x < p->box.x);
    }
    assert_true(joined >= 3);
    extract_free(&x);
}

static void test_pdf_pages_in_batches(void **state)
{
    (void)state;
    /* 70 pages: the boxes come in two pdftotext runs (64 pages a run), each
     * page's from its own page */
    char *ms = malloc(70 * 64 + 16);
    assert_non_null(ms);
    strcpy(ms, ".LP\n");
    for (int k = 1; k <= 70; k++)
        sprintf(ms + strlen(ms), "%sFolio%d of the minutes.\n", k > 1 ? ".bp\n" : "", k);
    extract_t x;
    int made = extract_pdf("batches", ms, &x);
    free(ms);
    if (made != 0)
        skip();
    assert_int_equal(x.layout.n_pages, 70);
    static const unsigned pages[] = {1, 2, 64, 65, 70};
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        char w[16];
        snprintf(w, sizeof w, "Folio%u", pages[i]);
        long k = word_at(&x, pages[i], w);
        assert_true(k >= 0);
        assert_int_equal(x.layout.pages[pages[i] - 1].width, 2479);
        assert_true(x.layout.words[k].box.x > 0);
    }
    extract_free(&x);
}

/* A PDF of one page of 600 x 300 pt turned by /Rotate `rotate`, "Hello
 * rotated world" in Helvetica at (50, 100), into pdf; its length. */
static size_t turned_pdf(int rotate, char *pdf, size_t size)
{
    const char *content = "BT /F1 24 Tf 50 100 Td (Hello rotated world) Tj ET";
    char objs[5][256];
    snprintf(objs[0], sizeof objs[0], "<< /Type /Catalog /Pages 2 0 R >>");
    snprintf(objs[1], sizeof objs[1], "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    snprintf(objs[2], sizeof objs[2], "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 300] "
             "/Rotate %d /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>", rotate);
    snprintf(objs[3], sizeof objs[3], "<< /Length %zu >>\nstream\n%s\nendstream",
             strlen(content), content);
    snprintf(objs[4], sizeof objs[4], "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    size_t at = (size_t)snprintf(pdf, size, "%%PDF-1.4\n"), offsets[5];
    for (int i = 0; i < 5; i++) {
        offsets[i] = at;
        at += (size_t)snprintf(pdf + at, size - at, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
    }
    size_t xref = at;
    at += (size_t)snprintf(pdf + at, size - at, "xref\n0 6\n0000000000 65535 f \n");
    for (int i = 0; i < 5; i++)
        at += (size_t)snprintf(pdf + at, size - at, "%010zu 00000 n \n", offsets[i]);
    at += (size_t)snprintf(pdf + at, size - at,
                           "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
    assert_true(at < size);
    return at;
}

static void test_pdf_turned_page(void **state)
{
    (void)state;
    /* a page turned a quarter renders 300 x 600 pt: so is its image, and
     * its words run down it */
    char pdf[2048], err[512];
    extract_t x;
    size_t len = turned_pdf(90, pdf, sizeof pdf);
    fond_extract_opts_t o = FOND_EXTRACT_OPTS_INIT;
    o.no_ocr = 1;
    assert_int_equal(extract_bytes(&x, pdf, len, "turned.pdf", &o, err, sizeof err), FOND_OK);
    assert_int_equal(x.layout.pages[0].width, 1250);
    assert_int_equal(x.layout.pages[0].height, 2500);
    long h = word_at(&x, 1, "Hello"), w = word_at(&x, 1, "world");
    assert_true(h >= 0 && w > h);
    const ocr_box_t *a = &x.layout.words[h].box, *b = &x.layout.words[w].box;
    assert_true(a->h > a->w && b->y > a->y + a->h && b->y + b->h <= 2500);
    extract_free(&x);
    /* upright, as it is drawn */
    len = turned_pdf(0, pdf, sizeof pdf);
    assert_int_equal(extract_bytes(&x, pdf, len, "upright.pdf", &o, err, sizeof err), FOND_OK);
    assert_int_equal(x.layout.pages[0].width, 2500);
    assert_int_equal(x.layout.pages[0].height, 1250);
    h = word_at(&x, 1, "Hello");
    assert_true(h >= 0 && x.layout.words[h].box.w > x.layout.words[h].box.h);
    extract_free(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_found_in_order),
        cmocka_unit_test(test_ligatures_read_as_letters),
        cmocka_unit_test(test_hyphenated_halves_are_the_joined_word),
        cmocka_unit_test(test_words_glued_by_the_text),
        cmocka_unit_test(test_a_word_only_one_side_has),
        cmocka_unit_test(test_look_ahead_bounded),
        cmocka_unit_test(test_pages_of_the_xhtml),
        cmocka_unit_test(test_hostile_numbers_clamped),
        cmocka_unit_test(test_hostile_markup),
        cmocka_unit_test(test_turned_pages_and_caps),
        cmocka_unit_test(test_pdf_words_boxed),
        cmocka_unit_test(test_pdf_hyphenated_word_two_boxes),
        cmocka_unit_test(test_pdf_pages_in_batches),
        cmocka_unit_test(test_pdf_turned_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
