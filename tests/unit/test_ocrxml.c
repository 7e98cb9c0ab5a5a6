/*
 * test_ocrxml.c -- hOCR, ALTO and PAGE XML read as pages of words
 * (lib/ocrxml.h): each known by its content, its words in order with their
 * breaks, boxes in the page image's pixels (ALTO in each of its units,
 * over many seeded pages), confidences, ALTO's hyphenated halves as one
 * word with two boxes, alternatives, the page image beside the file (and
 * none outside its folder; its size telling an ALTO's resolution), hostile
 * XML refused, the caps.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <leptonica/allheaders.h>

#include "extract.h"
#include "ocrxml.h"
#include "support.h"

/* Read s as format into t (no file); the status. */
static fond_status_t read_as(ocr_text_t *t, extract_format_t format,
                             const char *s, const char *path, char *err)
{
    memset(t, 0, sizeof *t);
    err[0] = '\0';
    return ocrxml_read(t, format, s, strlen(s), path, err, 256);
}

/* The text of word k. */
static char *word(const ocr_text_t *t, size_t k, char *buf)
{
    snprintf(buf, 256, "%.*s", (int)t->words[k].len, t->text + t->words[k].start);
    return buf;
}

static void assert_box(const ocr_word_t *w, int x, int y, int width, int h)
{
    assert_int_equal(w->box.x, x);
    assert_int_equal(w->box.y, y);
    assert_int_equal(w->box.w, width);
    assert_int_equal(w->box.h, h);
}

/* ------------------------------------------------------------ detection */

static void test_format_by_content(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        extract_format_t f;
    } cases[] = {
        {"<?xml version=\"1.0\"?>\n<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v2#\">", EXTRACT_ALTO},
        {"\xEF\xBB\xBF<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v3#\">", EXTRACT_ALTO},
        {"<!-- made by hand --><alto:alto xmlns:alto=\"http://www.loc.gov/standards/alto/ns-v4#\">", EXTRACT_ALTO},
        {"<alto>", EXTRACT_ALTO},
        {"<?xml version=\"1.0\"?><PcGts xmlns=\"http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15\">", EXTRACT_PAGEXML},
        {"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"x.dtd\">\n"
         "<html><head><meta name='ocr-system' content='tesseract 5.3.0' /></head>", EXTRACT_HOCR},
        {"<!DOCTYPE html><html><body><div class=\"ocr_page\" title=\"bbox 0 0 10 10\">", EXTRACT_HOCR},
        {"<div class='ocr_page'><span class='ocrx_word'>x</span></div>", EXTRACT_HOCR},
        /* markup that is none of them: text, as before */
        {"<?xml version=\"1.0\"?><TEI><text>PcGts alto</text></TEI>", EXTRACT_TEXT},
        {"A letter that mentions <alto> in passing.", EXTRACT_TEXT},
        {"<altogether>", EXTRACT_TEXT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_int_equal(ocrxml_format(cases[i].s, strlen(cases[i].s)), cases[i].f);
        assert_int_equal(extract_format(cases[i].s, strlen(cases[i].s)), cases[i].f);
    }
    /* an ordinary page: no OCR format, an HTML page (html.h) */
    const char *page = "<!DOCTYPE html><html><body><p>An ordinary page about alto saxophones.</p>";
    assert_int_equal(ocrxml_format(page, strlen(page)), EXTRACT_TEXT);
    assert_int_equal(extract_format(page, strlen(page)), EXTRACT_HTML);
}

/* ------------------------------------------------------------ hOCR */

static const char hocr[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"\n"
    "    \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n"
    " <head><title></title><meta name='ocr-system' content='tesseract 5.3.0' /></head>\n"
    " <body>\n"
    "  <div class='ocr_page' id='page_1' title='image \"scan;1.png\"; bbox 0 0 1200 500; ppageno 0; scan_res 300 300'>\n"
    "   <div class='ocr_carea' title=\"bbox 60 73 877 101\">\n"
    "    <p class='ocr_par' lang='eng' title=\"bbox 60 73 877 101\">\n"
    "     <span class='ocr_line' title=\"bbox 60 73 877 101; baseline 0 -7; x_size 36\">\n"
    "      <span class='ocrx_word' title='bbox 60 73 127 101; x_wconf 96'>The</span>\n"
    "      <span class='ocrx_word' title='bbox 141 74 409 101; x_wconf 95.4'><strong>treaty</strong></span>\n"
    "     </span>\n"
    "     <span class='ocr_line' title=\"bbox 60 120 300 150\">\n"
    "      <span class='ocrx_word' title='bbox 60 120 150 150; x_wconf 40'>was</span>\n"
    "     </span>\n"
    "    </p>\n"
    "    <p class='ocr_par' title=\"bbox 60 200 877 230\">\n"
    "     <span class='ocr_line' title=\"bbox 60 200 877 230\">\n"
    "      <span class='ocrx_word' title='bbox 60 200 200 230'>signed.</span>\n"
    "      <span class='ocrx_word' title='bbox 210 200 220 230; x_wconf 10'> </span>\n"
    "     </span>\n"
    "    </p>\n"
    "   </div>\n"
    "  </div>\n"
    "  <div class='ocr_page' title='bbox 0 0 800 600'>\n"
    "   <span class='ocr_line' title='bbox 10 20 300 50'>A line   with no words</span>\n"
    "  </div>\n"
    " </body>\n"
    "</html>\n";

static void test_hocr(void **state)
{
    (void)state;
    ocr_text_t t;
    char err[256], buf[256];
    assert_int_equal(read_as(&t, EXTRACT_HOCR, hocr, NULL, err), FOND_OK);
    assert_string_equal(t.text, "The treaty\nwas\n\nsigned.\n\fA line with no words\n\f");
    assert_int_equal(t.n_pages, 2);
    assert_int_equal(t.pages[0].width, 1200);
    assert_int_equal(t.pages[0].height, 500);
    assert_int_equal(t.pages[0].dpi, 300);
    assert_int_equal(t.pages[0].by_ocr, 1);
    assert_null(t.pages[0].image); /* no file: no image */
    assert_int_equal(t.pages[1].width, 800);
    assert_int_equal(t.n_words, 5);
    assert_string_equal(word(&t, 1, buf), "treaty");
    assert_box(&t.words[1], 141, 74, 268, 27);
    assert_int_equal(t.words[1].conf, 95);
    assert_int_equal(t.words[2].conf, 40);
    assert_int_equal(t.words[3].conf, OCR_CONF_NONE);
    assert_int_equal(t.words[3].page, 1);
    /* a line with no words: its text, its box, on page 2 */
    assert_string_equal(word(&t, 4, buf), "A line with no words");
    assert_box(&t.words[4], 10, 20, 290, 30);
    assert_int_equal(t.words[4].page, 2);
    assert_int_equal(t.pages[0].conf, (96 + 95 + 40 + 1) / 3);
    ocr_text_free(&t);
}

/* hOCR that is HTML, not XML (unclosed <meta>, no XHTML): read as HTML. */
static void test_hocr_html(void **state)
{
    (void)state;
    const char *html =
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        "<meta name=\"ocr-system\" content=\"kraken\"></head><body>\n"
        "<div class=\"ocr_page\" title=\"bbox 0 0 640 480\">\n"
        "<span class=\"ocr_line\" title=\"bbox 1 2 300 40\">"
        "<span class=\"ocrx_word\" title=\"bbox 1 2 100 40;x_wconf 88\">Kars</span> "
        "<span class=\"ocrx_word\" title=\"bbox 110 2 300 40\">&amp;&nbsp;Ardahan</span><br>\n"
        "</div></body></html>\n";
    ocr_text_t t;
    char err[256], buf[256];
    assert_int_equal(read_as(&t, EXTRACT_HOCR, html, NULL, err), FOND_OK);
    assert_int_equal(t.n_words, 2);
    assert_string_equal(word(&t, 0, buf), "Kars");
    assert_int_equal(t.words[0].conf, 88);
    assert_true(strstr(word(&t, 1, buf), "Ardahan") != NULL);
    assert_int_equal(t.pages[0].width, 640);
    ocr_text_free(&t);
}

/* ------------------------------------------------------------ ALTO */

typedef struct {
    int x, y, w, h;
} pbox_t;

/* An ALTO of one page of words at the given boxes (pixels at 300 dpi),
 * written in `unit` with positions as decimals. */
static char *alto_in(const char *unit, const char *ns, const pbox_t *b,
                     size_t n, int page_w, int page_h)
{
    double per = strcmp(unit, "mm10") == 0 ? 254.0 / 300
                 : strcmp(unit, "inch1200") == 0 ? 1200.0 / 300 : 1.0;
    size_t size = 1024 + n * 256;
    char *s = malloc(size);
    int at = snprintf(s, size,
                      "<?xml version=\"1.0\"?>\n<alto%s%s%s><Description>"
                      "<MeasurementUnit>%s</MeasurementUnit></Description>"
                      "<Layout><Page WIDTH=\"%.2f\" HEIGHT=\"%.2f\"><PrintSpace>"
                      "<TextBlock><TextLine>",
                      ns ? " xmlns=\"" : "", ns ? ns : "", ns ? "\"" : "", unit,
                      page_w * per, page_h * per);
    for (size_t i = 0; i < n; i++)
        at += snprintf(s + at, size - (size_t)at,
                       "<String CONTENT=\"w%zu\" HPOS=\"%.3f\" VPOS=\"%.3f\" "
                       "WIDTH=\"%.3f\" HEIGHT=\"%.3f\" WC=\"0.%02zu\"/><SP/>",
                       i, b[i].x * per, b[i].y * per, b[i].w * per,
                       b[i].h * per, i % 100);
    snprintf(s + at, size - (size_t)at,
             "</TextLine></TextBlock></PrintSpace></Page></Layout></alto>\n");
    return s;
}

/* Boxes in pixels come back as they were written in each unit (to a pixel
 * of rounding), over many seeded pages, in each namespace. */
static void test_alto_units(void **state)
{
    (void)state;
    static const char *const units[] = {"pixel", "mm10", "inch1200"};
    static const char *const ns[] = {NULL, "http://www.loc.gov/standards/alto/ns-v2#",
                                     "http://www.loc.gov/standards/alto/ns-v3#",
                                     "http://www.loc.gov/standards/alto/ns-v4#"};
    srand(27);
    for (int round = 0; round < 40; round++) {
        pbox_t b[20];
        size_t n = 1 + (size_t)rand() % 20;
        for (size_t i = 0; i < n; i++)
            b[i] = (pbox_t){rand() % 2400, rand() % 3300, 1 + rand() % 400,
                            1 + rand() % 80};
        const char *unit = units[round % 3];
        char *s = alto_in(unit, ns[round % 4], b, n, 2480, 3508);
        assert_int_equal(ocrxml_format(s, strlen(s)), EXTRACT_ALTO);
        ocr_text_t t;
        char err[256];
        assert_int_equal(read_as(&t, EXTRACT_ALTO, s, NULL, err), FOND_OK);
        assert_int_equal(t.n_pages, 1);
        assert_true(abs((int)t.pages[0].width - 2480) <= 1);
        assert_true(abs((int)t.pages[0].height - 3508) <= 1);
        assert_int_equal(t.pages[0].dpi, strcmp(unit, "pixel") ? 300 : 0);
        assert_int_equal(t.n_words, n);
        for (size_t i = 0; i < n; i++) {
            const ocr_word_t *w = &t.words[i];
            assert_true(abs(w->box.x - b[i].x) <= 1 && abs(w->box.y - b[i].y) <= 1);
            assert_true(abs(w->box.w - b[i].w) <= 1 && abs(w->box.h - b[i].h) <= 1);
            assert_int_equal(w->conf, (int)(i % 100));
            assert_int_equal(w->page, 1);
        }
        ocr_text_free(&t);
        free(s);
    }
}

static const char alto_hyphen[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v4#\">\n"
    "<Description><MeasurementUnit>pixel</MeasurementUnit></Description>\n"
    "<Layout><Page ID=\"p1\" WIDTH=\"1000\" HEIGHT=\"1400\"><PrintSpace>\n"
    "<TextBlock ID=\"b1\">\n"
    "<TextLine><String CONTENT=\"The\" HPOS=\"10\" VPOS=\"10\" WIDTH=\"50\" HEIGHT=\"20\" WC=\"0.9\"/><SP/>"
    "<String CONTENT=\"commis\" SUBS_TYPE=\"HypPart1\" SUBS_CONTENT=\"commissioners\" HPOS=\"70\" VPOS=\"10\" WIDTH=\"80\" HEIGHT=\"20\" WC=\"0.8\"/>"
    "<HYP CONTENT=\"-\"/></TextLine>\n"
    "<TextLine><String CONTENT=\"sioners\" SUBS_TYPE=\"HypPart2\" SUBS_CONTENT=\"commissioners\" HPOS=\"10\" VPOS=\"40\" WIDTH=\"90\" HEIGHT=\"20\" WC=\"0.7\"/><SP/>"
    "<String CONTENT=\"arrived\" HPOS=\"110\" VPOS=\"40\" WIDTH=\"90\" HEIGHT=\"20\" WC=\"0.95\">"
    "<ALTERNATIVE>arrivcd</ALTERNATIVE><ALTERNATIVE PURPOSE=\"x\">amved</ALTERNATIVE></String>"
    "</TextLine></TextBlock>\n"
    "<TextBlock><TextLine><String CONTENT=\"at\" HPOS=\"10\" VPOS=\"100\" WIDTH=\"20\" HEIGHT=\"20\"/>"
    "<String CONTENT=\"fron-\" SUBS_TYPE=\"HypPart1\" HPOS=\"40\" VPOS=\"100\" WIDTH=\"50\" HEIGHT=\"20\"/>"
    "</TextLine><TextLine><String CONTENT=\"tier\" SUBS_TYPE=\"HypPart2\" HPOS=\"10\" VPOS=\"130\" WIDTH=\"40\" HEIGHT=\"20\"/>"
    "<String CONTENT=\"Kars\" SUBS_TYPE=\"HypPart1\" SUBS_CONTENT=\"Karsland\" HPOS=\"60\" VPOS=\"130\" WIDTH=\"40\" HEIGHT=\"20\"/>"
    "</TextLine></TextBlock></PrintSpace></Page>\n"
    "<Page ID=\"p2\" WIDTH=\"1000\" HEIGHT=\"1400\"><PrintSpace><TextBlock><TextLine>"
    "<String CONTENT=\"land\" SUBS_TYPE=\"HypPart2\" SUBS_CONTENT=\"Karsland\" HPOS=\"10\" VPOS=\"10\" WIDTH=\"40\" HEIGHT=\"20\"/>"
    "<String CONTENT=\"ends\" HPOS=\"60\" VPOS=\"10\" WIDTH=\"40\" HEIGHT=\"20\"/>"
    "</TextLine></TextBlock></PrintSpace></Page></Layout></alto>\n";

/* Hyphenated halves: one word in the text, two boxes; across a page too. */
static void test_alto_hyphen(void **state)
{
    (void)state;
    ocr_text_t t;
    char err[256], buf[256];
    assert_int_equal(read_as(&t, EXTRACT_ALTO, alto_hyphen, NULL, err), FOND_OK);
    assert_string_equal(t.text, "The commissioners\narrived\n\nat frontier\nKarsland\n\f"
                                "ends\n\f");
    assert_null(strstr(t.text, "commis\n"));
    assert_int_equal(t.n_pages, 2);
    /* The, commissioners (x2), arrived, at, frontier (x2), Karsland (x2), ends */
    assert_int_equal(t.n_words, 10);
    assert_string_equal(word(&t, 1, buf), "commissioners");
    assert_string_equal(word(&t, 2, buf), "commissioners");
    assert_int_equal(t.words[1].start, t.words[2].start);
    assert_box(&t.words[1], 70, 10, 80, 20);
    assert_box(&t.words[2], 10, 40, 90, 20);
    assert_int_equal(t.words[1].conf, 80);
    assert_int_equal(t.words[2].conf, 70);
    /* halves without SUBS_CONTENT: joined, two boxes */
    assert_string_equal(word(&t, 5, buf), "frontier");
    assert_string_equal(word(&t, 6, buf), "frontier");
    assert_box(&t.words[6], 10, 130, 40, 20);
    /* over a page's end: the word on page 1, its second box on page 2 */
    assert_string_equal(word(&t, 7, buf), "Karsland");
    assert_int_equal(t.words[7].page, 1);
    assert_int_equal(t.words[8].start, t.words[7].start);
    assert_int_equal(t.words[8].page, 2);
    assert_box(&t.words[8], 10, 10, 40, 20);
    assert_string_equal(word(&t, 9, buf), "ends");
    assert_int_equal(t.words[9].page, 2);
    /* alternatives: on "arrived", in order, and on no other word */
    assert_string_equal(word(&t, 3, buf), "arrived");
    assert_true(t.words[3].alt != OCR_NO_ALT);
    const char *alt = t.alts + t.words[3].alt;
    assert_string_equal(alt, "arrivcd");
    assert_string_equal(alt + strlen(alt) + 1, "amved");
    assert_string_equal(alt + strlen(alt) + 1 + strlen("amved") + 1, "");
    for (size_t k = 0; k < t.n_words; k++)
        if (k != 3)
            assert_true(t.words[k].alt == OCR_NO_ALT);
    ocr_text_free(&t);
}

/* ------------------------------------------------------------ PAGE XML */

static const char page_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<PcGts xmlns=\"http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15\">\n"
    "<Metadata><Creator>hand</Creator></Metadata>\n"
    "<Page imageFilename=\"scan.tif\" imageWidth=\"2000\" imageHeight=\"3000\" imageXResolution=\"118.11\" imageResolutionUnit=\"PPCM\">\n"
    "<TextRegion id=\"r1\"><Coords points=\"10,10 900,10 900,200 10,200\"/>\n"
    " <TextLine id=\"l1\"><Coords points=\"10,10 900,10 900,60 10,60\"/>\n"
    "  <Word id=\"w1\"><Coords points=\"10,12 110,10 112,58 12,60\"/>"
    "   <Glyph><TextEquiv><Unicode>X</Unicode></TextEquiv></Glyph>"
    "   <TextEquiv index=\"2\" conf=\"0.4\"><Unicode>Trea1y</Unicode></TextEquiv>"
    "   <TextEquiv index=\"1\" conf=\"0.91\"><Unicode>Treaty</Unicode></TextEquiv></Word>\n"
    "  <Word id=\"w2\"><Coords points=\"120,10 200,10 200,60 120,60\"/><TextEquiv conf=\"0.5\"><Unicode>of</Unicode></TextEquiv></Word>\n"
    "  <TextEquiv><Unicode>Treaty of</Unicode></TextEquiv></TextLine>\n"
    " <TextLine id=\"l2\"><Coords points=\"10,70 900,70 900,120 10,120\"/>\n"
    "  <TextEquiv conf=\"0.75\"><Unicode>Kars, signed</Unicode></TextEquiv></TextLine>\n"
    " <TextEquiv><Unicode>Treaty of\nKars, signed</Unicode></TextEquiv>\n"
    "</TextRegion>\n"
    "<TextRegion id=\"r2\"><Coords><Point x=\"10\" y=\"300\"/><Point x=\"500\" y=\"420\"/></Coords>\n"
    " <TextEquiv><Unicode>in October\n1921.</Unicode></TextEquiv></TextRegion>\n"
    "</Page></PcGts>\n";

static void test_page_xml(void **state)
{
    (void)state;
    ocr_text_t t;
    char err[256], buf[256];
    assert_int_equal(read_as(&t, EXTRACT_PAGEXML, page_xml, NULL, err), FOND_OK);
    assert_string_equal(t.text, "Treaty of\nKars, signed\n\nin October\n1921.\n\f");
    assert_int_equal(t.n_pages, 1);
    assert_int_equal(t.pages[0].width, 2000);
    assert_int_equal(t.pages[0].height, 3000);
    assert_int_equal(t.pages[0].dpi, 300);
    assert_int_equal(t.n_words, 5);
    /* a word: its Coords' bounding box, the TextEquiv of index 1, the
     * other an alternative */
    assert_string_equal(word(&t, 0, buf), "Treaty");
    assert_box(&t.words[0], 10, 10, 102, 50);
    assert_int_equal(t.words[0].conf, 91);
    assert_string_equal(t.alts + t.words[0].alt, "Trea1y");
    assert_int_equal(t.words[1].conf, 50);
    /* a line with text alone: one word, the line's box */
    assert_string_equal(word(&t, 2, buf), "Kars, signed");
    assert_box(&t.words[2], 10, 70, 890, 50);
    assert_int_equal(t.words[2].conf, 75);
    /* a region with text alone: its lines, the region's box (Points) */
    assert_string_equal(word(&t, 3, buf), "in October");
    assert_string_equal(word(&t, 4, buf), "1921.");
    assert_box(&t.words[4], 10, 300, 490, 120);
    ocr_text_free(&t);
}

/* PAGE XML's ReadingOrder: the regions in its order (by index, groups
 * within groups), those it does not name after, in the document's. */
static void test_page_reading_order(void **state)
{
    (void)state;
    const char *doc =
        "<PcGts><Page imageWidth='100' imageHeight='100'>"
        "<ReadingOrder><OrderedGroup id='g'>"
        "<RegionRefIndexed index='2' regionRef='r1'/>"
        "<OrderedGroupIndexed id='g2' index='1'>"
        "<RegionRefIndexed index='1' regionRef='r3'/><RegionRefIndexed index='0' regionRef='r4'/>"
        "</OrderedGroupIndexed>"
        "<RegionRefIndexed index='0' regionRef='r2'/>"
        "<RegionRefIndexed index='3' regionRef='nowhere'/>"
        "</OrderedGroup></ReadingOrder>"
        "<TextRegion id='r1'><TextEquiv><Unicode>fourth</Unicode></TextEquiv></TextRegion>"
        "<TextRegion id='r5'><TextEquiv><Unicode>last</Unicode></TextEquiv></TextRegion>"
        "<TextRegion id='r3'><TextEquiv><Unicode>third</Unicode></TextEquiv></TextRegion>"
        "<TextRegion id='r2'><TextEquiv><Unicode>first</Unicode></TextEquiv></TextRegion>"
        "<TextRegion id='r4'><TextEquiv><Unicode>second</Unicode></TextEquiv></TextRegion>"
        "</Page></PcGts>";
    ocr_text_t t;
    char err[256];
    assert_int_equal(read_as(&t, EXTRACT_PAGEXML, doc, NULL, err), FOND_OK);
    assert_string_equal(t.text, "first\n\nsecond\n\nthird\n\nfourth\n\nlast\n\f");
    ocr_text_free(&t);
}

/* ------------------------------------------------------------ images */

static void put_file(const char *dir, const char *name, const char *s)
{
    char path[4200];
    assert_true((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) < sizeof path);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(s, f);
    fclose(f);
}

/* The image a file names, beside it or below; by its own name; never one
 * outside its folder. */
static void test_page_images(void **state)
{
    (void)state;
    const char *base = getenv("FOND_TEST_TMP");
    if (base)
        mkdir(base, 0777);
    char top[4096], dir[4200], sub[4300], path[4400], want[4400];
    snprintf(top, sizeof top, "%s/ocrxmlXXXXXX", base ? base : "/tmp");
    assert_non_null(mkdtemp(top));
    snprintf(dir, sizeof dir, "%s/box", top);
    snprintf(sub, sizeof sub, "%s/img", dir);
    assert_int_equal(mkdir(dir, 0777), 0);
    assert_int_equal(mkdir(sub, 0777), 0);
    put_file(top, "secret.png", "x");
    put_file(sub, "p1.png", "x");
    put_file(dir, "p2.png", "x");
    put_file(dir, "alone.tif", "x");
    static const struct {
        const char *name, *want; /* want: under dir, or NULL */
    } cases[] = {
        {"img/p1.png", "img/p1.png"},  /* below the folder */
        {"p2.png", "p2.png"},
        {"../secret.png", NULL},       /* climbs out: not there by its name */
        {"/elsewhere/scans/p2.png", "p2.png"}, /* absolute: its name, here */
        {"C:\\scans\\p2.png", "p2.png"},       /* Windows */
        {"../box/../../secret.png", NULL},
        {"missing.png", NULL},
    };
    ocr_text_t t;
    char err[256], doc[1024];
    snprintf(path, sizeof path, "%s/scan.hocr", dir);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        snprintf(doc, sizeof doc, "<html><body><div class='ocr_page' title='image \"%s\"; "
                 "bbox 0 0 9 9'><span class='ocrx_word' title='bbox 1 1 2 2'>w</span>"
                 "</div></body></html>", cases[i].name);
        assert_int_equal(read_as(&t, EXTRACT_HOCR, doc, path, err), FOND_OK);
        if (cases[i].want) {
            snprintf(want, sizeof want, "%s/%s", dir, cases[i].want);
            assert_non_null(t.pages[0].image);
            assert_string_equal(t.pages[0].image, want);
        } else
            assert_null(t.pages[0].image);
        ocr_text_free(&t);
    }
    /* No name: the image of the file's own name, every page's */
    snprintf(path, sizeof path, "%s/alone.xml", dir);
    const char *alto = "<alto><Layout><Page WIDTH='5' HEIGHT='5'/><Page/></Layout></alto>";
    assert_int_equal(read_as(&t, EXTRACT_ALTO, alto, path, err), FOND_OK);
    snprintf(want, sizeof want, "%s/alone.tif", dir);
    assert_int_equal(t.n_pages, 2);
    assert_string_equal(t.pages[0].image, want);
    assert_string_equal(t.pages[1].image, want);
    ocr_text_free(&t);
    /* ALTO's fileName; PAGE's imageFilename */
    const char *named = "<alto><Description><sourceImageInformation><fileName>"
                        "img/p1.png</fileName></sourceImageInformation></Description>"
                        "<Layout><Page/></Layout></alto>";
    assert_int_equal(read_as(&t, EXTRACT_ALTO, named, path, err), FOND_OK);
    snprintf(want, sizeof want, "%s/img/p1.png", dir);
    assert_string_equal(t.pages[0].image, want);
    ocr_text_free(&t);
    const char *pcgts = "<PcGts><Page imageFilename='p2.png' imageWidth='9' imageHeight='9'/></PcGts>";
    assert_int_equal(read_as(&t, EXTRACT_PAGEXML, pcgts, path, err), FOND_OK);
    snprintf(want, sizeof want, "%s/p2.png", dir);
    assert_string_equal(t.pages[0].image, want);
    ocr_text_free(&t);
}

/* An ALTO in mm10 beside its page image (an A4 page scanned at 200 dpi):
 * the image's size, not the 300 dpi assumed without it, makes the pixels. */
static void test_alto_image_resolution(void **state)
{
    (void)state;
    const char *base = getenv("FOND_TEST_TMP");
    if (base)
        mkdir(base, 0777);
    char dir[4096], path[4200], image[4200];
    snprintf(dir, sizeof dir, "%s/ocrdpiXXXXXX", base ? base : "/tmp");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/a4.xml", dir);
    snprintf(image, sizeof image, "%s/a4.png", dir);
    const char *alto = "<alto><Description><MeasurementUnit>mm10</MeasurementUnit>"
                       "</Description><Layout><Page WIDTH='2100' HEIGHT='2970'>"
                       "<TextBlock><TextLine><String CONTENT='inch' HPOS='254' "
                       "VPOS='508' WIDTH='127' HEIGHT='25.4'/></TextLine></TextBlock>"
                       "</Page></Layout></alto>";
    ocr_text_t t;
    char err[256];
    /* no image: 300 dpi */
    assert_int_equal(read_as(&t, EXTRACT_ALTO, alto, path, err), FOND_OK);
    assert_int_equal(t.pages[0].dpi, 300);
    assert_int_equal(t.pages[0].width, 2480);
    assert_box(&t.words[0], 300, 600, 150, 30);
    ocr_text_free(&t);
    /* its image, 1654 x 2339 pixels: 200 dpi */
    PIX *pix = pixCreate(1654, 2339, 8);
    assert_non_null(pix);
    assert_int_equal(pixWrite(image, pix, IFF_PNG), 0);
    pixDestroy(&pix);
    assert_int_equal(read_as(&t, EXTRACT_ALTO, alto, path, err), FOND_OK);
    assert_string_equal(t.pages[0].image, image);
    assert_int_equal(t.pages[0].width, 1654);
    assert_int_equal(t.pages[0].height, 2339);
    assert_int_equal(t.pages[0].dpi, 200);
    assert_box(&t.words[0], 200, 400, 100, 20);
    ocr_text_free(&t);
    /* an image that is not the whole page (its shape differs): left alone */
    pix = pixCreate(1654, 1000, 8);
    assert_int_equal(pixWrite(image, pix, IFF_PNG), 0);
    pixDestroy(&pix);
    assert_int_equal(read_as(&t, EXTRACT_ALTO, alto, path, err), FOND_OK);
    assert_int_equal(t.pages[0].dpi, 300);
    assert_box(&t.words[0], 300, 600, 150, 30);
    ocr_text_free(&t);
    /* a file that is no image at all: the same */
    put_file(dir, "a4.png", "not an image");
    assert_int_equal(read_as(&t, EXTRACT_ALTO, alto, path, err), FOND_OK);
    assert_int_equal(t.pages[0].dpi, 300);
    ocr_text_free(&t);
}

/* ------------------------------------------------------------ hostile */

static void test_hostile(void **state)
{
    (void)state;
    const char *laughs =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE alto [\n<!ENTITY lol \"lol\">\n"
        "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n"
        "<alto><Layout><Page><String CONTENT=\"&lol3;\"/></Page></Layout></alto>\n";
    const char *xxe =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
        "<html><body><div class='ocr_page'><span class='ocrx_word'>&x;</span></div></body></html>\n";
    const char *dtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE PcGts SYSTEM \"http://127.0.0.1:9/x.dtd\">\n"
                      "<PcGts><Page><TextRegion><TextEquiv><Unicode>&ext;</Unicode></TextEquiv>"
                      "</TextRegion></Page></PcGts>\n";
    struct {
        const char *s;
        extract_format_t f;
    } cases[] = {{laughs, EXTRACT_ALTO}, {xxe, EXTRACT_HOCR}, {dtd, EXTRACT_PAGEXML}};
    ocr_text_t t;
    char err[256];
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(ocrxml_format(cases[i].s, strlen(cases[i].s)), cases[i].f);
        fond_status_t st = read_as(&t, cases[i].f, cases[i].s, NULL, err);
        if (st == FOND_OK) /* an undeclared entity left as it is: no text of it */
            assert_null(strstr(t.text ? t.text : "", "root:"));
        else {
            assert_int_equal(st, FOND_ERR_EXTRACT);
            assert_true(err[0] && !strchr(err, '\n'));
        }
        ocr_text_free(&t);
    }
    assert_int_equal(read_as(&t, EXTRACT_ALTO, laughs, NULL, err), FOND_ERR_EXTRACT);
    assert_non_null(strstr(err, "entities"));
    ocr_text_free(&t);
    assert_int_equal(read_as(&t, EXTRACT_HOCR, xxe, NULL, err), FOND_ERR_EXTRACT);
    ocr_text_free(&t);
    /* very deep nesting */
    size_t depth = 5000, at = 0;
    char *deep = malloc(depth * 12 + 64);
    at += (size_t)sprintf(deep, "<alto>");
    for (size_t i = 0; i < depth; i++)
        at += (size_t)sprintf(deep + at, "<a>");
    for (size_t i = 0; i < depth; i++)
        at += (size_t)sprintf(deep + at, "</a>");
    sprintf(deep + at, "</alto>");
    assert_int_equal(read_as(&t, EXTRACT_ALTO, deep, NULL, err), FOND_ERR_EXTRACT);
    assert_true(err[0] && !strchr(err, '\n'));
    ocr_text_free(&t);
    free(deep);
}

/* More pages than fond reads: refused, not read for ever. */
static void test_caps(void **state)
{
    (void)state;
    size_t n = EXTRACT_MAX_PAGES + 1;
    char *s = malloc(n * 8 + 64);
    size_t at = (size_t)sprintf(s, "<alto><Layout>");
    for (size_t i = 0; i < n; i++)
        at += (size_t)sprintf(s + at, "<Page/>");
    sprintf(s + at, "</Layout></alto>");
    ocr_text_t t;
    char err[256];
    assert_int_equal(read_as(&t, EXTRACT_ALTO, s, NULL, err), FOND_ERR_EXTRACT);
    assert_non_null(strstr(err, "pages"));
    ocr_text_free(&t);
    free(s);
}

/* Through extract_bytes: the format, pages, text and mean confidence. */
static void test_extract_bytes(void **state)
{
    (void)state;
    extract_t x;
    char err[256] = "";
    assert_int_equal(extract_bytes(&x, alto_hyphen, strlen(alto_hyphen), "a.xml",
                                   NULL, err, sizeof err), FOND_OK);
    assert_int_equal(x.format, EXTRACT_ALTO);
    assert_int_equal(x.pages, 2);
    assert_non_null(strstr(x.text, "commissioners"));
    assert_int_equal(x.len, strlen(x.text));
    assert_true(x.ocr_confidence >= 0 && x.ocr_confidence <= 100);
    extract_free(&x);
    const char *bad = "<alto><Layout><Page><String CONTENT='x'></Layout></alto>";
    assert_int_equal(extract_bytes(&x, bad, strlen(bad), "b.xml", NULL, err,
                                   sizeof err), FOND_ERR_EXTRACT);
    assert_non_null(strstr(err, "ALTO"));
    extract_free(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_by_content),
        cmocka_unit_test(test_hocr),
        cmocka_unit_test(test_hocr_html),
        cmocka_unit_test(test_alto_units),
        cmocka_unit_test(test_alto_hyphen),
        cmocka_unit_test(test_page_xml),
        cmocka_unit_test(test_page_reading_order),
        cmocka_unit_test(test_page_images),
        cmocka_unit_test(test_alto_image_resolution),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_caps),
        cmocka_unit_test(test_extract_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
