/*
 * test_ocr_lang.c -- Tesseract's language packs as ocr_lang.h reads them:
 * `--list-langs` output parsed, a spec of codes or names resolved against
 * the packs installed (a missing one named with its Debian package), the
 * script OSD names, the pack for a script, and the Latin packs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "language.h"
#include "ocr_lang.h"

static const char *const packs = "chi_sim+deu+eng+fra+osd+rus+script/Greek";

static void test_list_parsed(void **state)
{
    (void)state;
    const char *list = "List of available languages in \"/usr/share/tesseract-ocr/5/tessdata/\" (5):\n"
                       "deu\neng\r\nscript/Cyrillic\n../../etc/passwd\n/abs\n\nosd";
    char out[128];
    assert_int_equal(ocr_lang_parse_list(list, strlen(list), out, sizeof out), 4);
    assert_string_equal(out, "deu+eng+script/Cyrillic+osd");
    /* no room: the packs that fit, whole */
    assert_int_equal(ocr_lang_parse_list(list, strlen(list), out, 9), 2);
    assert_string_equal(out, "deu+eng");
    assert_int_equal(ocr_lang_parse_list("heading only", 12, out, sizeof out), 0);
    assert_string_equal(out, "");
}

static void test_specs_resolved(void **state)
{
    (void)state;
    static const struct { const char *spec, *want; } ok[] = {
        {NULL, ""}, {"", ""}, {"auto", ""},
        {"fra", "fra"}, {"French", "fra"}, {"fr", "fra"}, {"fre", "fra"},
        {"français", "fra"}, {"FRANÇAIS", "fra"}, {"french", "fra"},
        {"русский", "rus"}, {"deu+eng", "deu+eng"}, {"German+English", "deu+eng"},
        {"deu + eng", "deu+eng"}, {"eng+English", "eng"}, {"chi_sim", "chi_sim"},
        {"script/Greek", "script/Greek"},
    };
    char out[OCR_LANG_SIZE], err[512];
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        assert_int_equal(ocr_lang_resolve(ok[i].spec, packs, out, sizeof out, err,
                                          sizeof err), FOND_OK);
        assert_string_equal(out, ok[i].want);
    }
    /* a pack not installed: named, with its Debian package */
    assert_int_equal(ocr_lang_resolve("eng+jpn", packs, out, sizeof out, err,
                                      sizeof err), FOND_ERR_ARG);
    assert_non_null(strstr(err, "'jpn'"));
    assert_non_null(strstr(err, "tesseract-ocr-jpn"));
    assert_int_equal(ocr_lang_resolve("chi_tra", packs, out, sizeof out, err,
                                      sizeof err), FOND_ERR_ARG);
    assert_non_null(strstr(err, "tesseract-ocr-chi-tra"));
    /* a name fond knows whose pack is not installed: its pack named */
    assert_int_equal(ocr_lang_resolve("Italian", packs, out, sizeof out, err,
                                      sizeof err), FOND_ERR_ARG);
    assert_non_null(strstr(err, "tesseract-ocr-ita"));
    /* neither a name nor a pack; nor a path out of tessdata */
    static const char *const bad[] = {"klingon", "../eng", "/tmp/x", "eng+", "+",
                                      "e\"ng", "-l"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(ocr_lang_resolve(bad[i], packs, out, sizeof out, err,
                                          sizeof err), FOND_ERR_ARG);
    assert_null(strstr(err, "tesseract-ocr-"));
    /* packs unknown: any pack's name passes */
    assert_int_equal(ocr_lang_resolve("jpn+Deutsch", NULL, out, sizeof out, err,
                                      sizeof err), FOND_OK);
    assert_string_equal(out, "jpn+deu");
    assert_true(ocr_lang_has(packs, "osd"));
    assert_false(ocr_lang_has(packs, "os"));
    assert_false(ocr_lang_has(packs, "chi"));
}

static void test_scripts(void **state)
{
    (void)state;
    const char *osd = "Page number: 0\nOrientation in degrees: 0\nRotate: 0\n"
                      "Orientation confidence: 11.24\nScript: Cyrillic\n"
                      "Script confidence: 11.48\n";
    char script[48], pack[OCR_LANG_SIZE];
    assert_true(ocr_lang_osd_script(osd, strlen(osd), script, sizeof script));
    assert_string_equal(script, "Cyrillic");
    assert_false(ocr_lang_osd_script("Too few characters", 18, script, sizeof script));
    assert_false(ocr_lang_osd_script("Script: ../x\n", 13, script, sizeof script));
    assert_true(ocr_lang_for_script("Cyrillic", packs, pack, sizeof pack));
    assert_string_equal(pack, "rus");
    assert_true(ocr_lang_for_script("Cyrillic", "eng+ukr+bul", pack, sizeof pack));
    assert_string_equal(pack, "ukr");
    assert_true(ocr_lang_for_script("Han", packs, pack, sizeof pack));
    assert_string_equal(pack, "chi_sim");
    assert_true(ocr_lang_for_script("Greek", packs, pack, sizeof pack));
    assert_string_equal(pack, "script/Greek"); /* Debian's script pack */
    assert_false(ocr_lang_for_script("Arabic", packs, pack, sizeof pack));
    assert_false(ocr_lang_for_script("Latin", packs, pack, sizeof pack));
}

/* The Latin packs read together when English's reading is known as no
 * language; the stemmer a spec's first pack stands for. */
static void test_latin_packs_and_stemmers(void **state)
{
    (void)state;
    char out[OCR_LANG_SIZE];
    const char *installed = "deu+ell+eng+fra+ita+osd+por+rus+spa+tur+hye";
    assert_int_equal(ocr_lang_latin_packs(installed, "eng", 6, out, sizeof out), 6);
    assert_string_equal(out, "tur+fra+deu+spa+por+ita");
    assert_int_equal(ocr_lang_latin_packs(installed, "eng", 2, out, sizeof out), 2);
    assert_string_equal(out, "tur+fra");
    assert_int_equal(ocr_lang_latin_packs("eng+rus+osd", "eng", 6, out, sizeof out), 0);
    assert_string_equal(out, "");
    assert_string_equal(language_of_tesseract("deu+eng"), "german");
    assert_string_equal(language_of_tesseract("rus"), "russian");
    assert_null(language_of_tesseract("chi_sim"));
    assert_null(language_of_tesseract("engx"));
    assert_null(language_of_tesseract(NULL));
    assert_true(language_latin("turkish"));
    assert_false(language_latin("greek"));
    assert_false(language_latin("klingon"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list_parsed),
        cmocka_unit_test(test_specs_resolved),
        cmocka_unit_test(test_scripts),
        cmocka_unit_test(test_latin_packs_and_stemmers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
