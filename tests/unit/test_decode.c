/*
 * test_decode.c -- legacy encodings read back exactly; the fixtures are
 * made here with iconv from UTF-8 text this file holds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "decode.h"

static const char *const russian =
    "Карсский договор был подписан 13 октября 1921 года в городе Карс. "
    "Договор подписали представители Турции, Армении, Азербайджана и "
    "Грузии при участии РСФСР.";
static const char *const turkish =
    "Kars Antlaşması 13 Ekim 1921 tarihinde imzalandı. Türkiye, Ermenistan, "
    "Azerbaycan ve Gürcistan arasında imzalanan antlaşma, Moskova "
    "Antlaşması'nı doğruladı.";
static const char *const french =
    "Le traité de Sèvres fut signé en 1920 par les émigrés.";

/* UTF-8 text in another encoding; *len its length.  Caller frees. */
static char *encode(const char *utf8, const char *encoding, size_t *len)
{
    iconv_t cd = iconv_open(encoding, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t in_left = strlen(utf8), out_size = 4 * in_left + 4;
    char *out = malloc(out_size), *in = (char *)utf8, *dst = out;
    size_t out_left = out_size;
    assert_int_not_equal(iconv(cd, &in, &in_left, &dst, &out_left), (size_t)-1);
    iconv_close(cd);
    *len = out_size - out_left;
    return out;
}

static void decodes_to(const char *bytes, size_t len, const char *want,
                       const char *encoding, const char *how)
{
    char *out = NULL, err[128];
    size_t out_len;
    decode_info_t info;
    assert_int_equal(decode_text(bytes, len, &out, &out_len, &info, err,
                                 sizeof err), FOND_OK);
    assert_string_equal(out, want);
    assert_int_equal(out_len, strlen(want));
    assert_string_equal(info.encoding, encoding);
    assert_string_equal(info.how, how);
    assert_int_equal(info.replaced, 0);
    free(out);
}

static void test_legacy_encodings_are_detected(void **state)
{
    (void)state;
    /* ISO-8859-9 is read as its superset Windows-1254, Latin-1 as 1252 */
    const struct { const char *text, *encoding, *reported; } cases[] = {
        {russian, "WINDOWS-1251", "WINDOWS-1251"},
        {russian, "KOI8-R", "KOI8-R"},
        {turkish, "ISO-8859-9", "WINDOWS-1254"},
        {french, "ISO-8859-1", "WINDOWS-1252"}};
    for (size_t i = 0; i < 4; i++) {
        size_t len;
        char *bytes = encode(cases[i].text, cases[i].encoding, &len);
        decodes_to(bytes, len, cases[i].text, cases[i].reported, "detected");
        free(bytes);
    }
}

static void test_declared_encoding_wins(void **state)
{
    (void)state;
    char text[1024];
    snprintf(text, sizeof text, "Title: Договор\nEncoding: koi8-r\n\n%s\n",
             russian);
    size_t len;
    char *bytes = encode(text, "KOI8-R", &len);
    decodes_to(bytes, len, text, "KOI8-R", "declared");
    free(bytes);
}

/* A header that says KOI8-R over text that is UTF-8 is overruled, and
 * says so; one over ASCII text stands. */
static void test_mislabelled_encoding_is_overruled(void **state)
{
    (void)state;
    char text[1024];
    snprintf(text, sizeof text, "Encoding: KOI8-R\n\n%s\n", russian);
    decodes_to(text, strlen(text), text, "UTF-8", "overruled");
    const char *ascii = "Encoding: KOI8-R\n\nKars, 1921.\n";
    decodes_to(ascii, strlen(ascii), ascii, "KOI8-R", "declared");
}

/* iconv takes "utf 8" and "U T F@8" for UTF-8 and copies invalid bytes
 * through: they are checked as UTF-8 still (found by fuzz_decode). */
static void test_utf8_by_another_name_is_still_checked(void **state)
{
    (void)state;
    const char *names[] = {"utf 8", "U T F@8", "utf8"};
    for (size_t i = 0; i < 3; i++) {
        char text[128];
        int n = snprintf(text, sizeof text, "Encoding: %s\n\nKars \xF4\x90\x80"
                         "\x80 \xED\xA0\x80 treaty\n", names[i]);
        char *out = NULL, err[128];
        size_t len = 0;
        decode_info_t info;
        assert_int_equal(decode_text(text, (size_t)n, &out, &len, &info, err,
                                     sizeof err), FOND_OK);
        assert_int_equal(utf8_valid_prefix(out, len), len);
        assert_string_equal(info.encoding, "UTF-8");
        assert_true(info.replaced > 0);
        free(out);
    }
}

static void test_byte_order_marks(void **state)
{
    (void)state;
    char with_bom[256];
    snprintf(with_bom, sizeof with_bom, "\xEF\xBB\xBF%s", french);
    decodes_to(with_bom, strlen(with_bom), french, "UTF-8", "bom");
    const char *encodings[] = {"UTF-16LE", "UTF-16BE"};
    const char *boms[] = {"\xFF\xFE", "\xFE\xFF"};
    for (size_t i = 0; i < 2; i++) {
        size_t len;
        char *body = encode(russian, encodings[i], &len);
        char *bytes = malloc(len + 2);
        memcpy(bytes, boms[i], 2);
        memcpy(bytes + 2, body, len);
        decodes_to(bytes, len + 2, russian, encodings[i], "bom");
        free(body);
        free(bytes);
    }
    decodes_to(french, strlen(french), french, "UTF-8", "valid");
    decodes_to("", 0, "", "UTF-8", "valid");
}

static void test_invalid_bytes_are_replaced_not_dropped(void **state)
{
    (void)state;
    const char *text = "Encoding: UTF-8\n\nbefore \xC3\x28 after";
    char *out = NULL, err[128];
    size_t len;
    decode_info_t info;
    assert_int_equal(decode_text(text, strlen(text), &out, &len, &info, err,
                                 sizeof err), FOND_OK);
    assert_string_equal(out, "Encoding: UTF-8\n\nbefore \xEF\xBF\xBD( after");
    assert_int_equal(info.replaced, 1);
    free(out);
}

static void test_refusals_say_why(void **state)
{
    (void)state;
    char *out = (char *)1, err[128];
    size_t len;
    decode_info_t info;
    const char *klingon = "Encoding: klingon-8\n\nbody\n";
    assert_int_equal(decode_text(klingon, strlen(klingon), &out, &len, &info,
                                 err, sizeof err), FOND_ERR_ARG);
    assert_null(out);
    assert_string_equal(err, "unknown encoding 'klingon-8' in the Encoding header");
    const char nul[] = "text\0more";
    assert_int_equal(decode_text(nul, sizeof nul, &out, &len, &info, err,
                                 sizeof err), FOND_ERR_BINARY);
    assert_non_null(strstr(err, "NUL"));
    char controls[512];
    for (size_t i = 0; i < sizeof controls; i++)
        controls[i] = (char)(1 + i % 8);
    assert_int_equal(decode_text(controls, sizeof controls, &out, &len, &info,
                                 err, sizeof err), FOND_ERR_BINARY);
    assert_non_null(strstr(err, "control"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_legacy_encodings_are_detected),
        cmocka_unit_test(test_declared_encoding_wins),
        cmocka_unit_test(test_mislabelled_encoding_is_overruled),
        cmocka_unit_test(test_utf8_by_another_name_is_still_checked),
        cmocka_unit_test(test_byte_order_marks),
        cmocka_unit_test(test_invalid_bytes_are_replaced_not_dropped),
        cmocka_unit_test(test_refusals_say_why),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
