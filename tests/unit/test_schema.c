/*
 * test_schema.c -- schema.h: a whole field value becomes the same term
 * whichever way it is written, and different numbers stay different; the
 * data tags and the query fields; SipHash-2-4 against its reference
 * vectors, and a source's id under a database's key.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "hash.h"
#include "schema.h"

static const char *whole(const char *v)
{
    static char out[SCHEMA_TERM_MAX];
    schema_whole_value(v, strlen(v), out, sizeof out);
    return out;
}

static void test_whole_values(void **state)
{
    (void)state;
    assert_string_equal(whole("SA AR"), "saar");
    assert_string_equal(whole("sa-ar"), "saar");
    assert_string_equal(whole("R-130"), "r130");
    assert_string_equal(whole("r 130"), "r130");
    assert_string_equal(whole("68/1"), "68/1");
    assert_string_equal(whole("68 / 1"), "68/1");
    assert_string_equal(whole("68-1"), "68/1");
    assert_string_equal(whole("681"), "681");
    assert_string_equal(whole("13 a"), "13a");
    assert_string_equal(whole("112-b"), "112b");
    assert_string_equal(whole("ГА АР"), "гаар");
    assert_string_equal(whole("Р-130"), "р130");
    assert_string_equal(whole("Telegram"), "telegram");
    assert_string_equal(whole(" , . "), "");
}

static void test_too_long_is_no_term(void **state)
{
    (void)state;
    char v[300], out[SCHEMA_TERM_MAX];
    memset(v, 'a', sizeof v - 1);
    v[sizeof v - 1] = '\0';
    assert_int_equal(schema_whole_value(v, strlen(v), out, sizeof out), 0);
    assert_int_equal(schema_whole_value("68/1", 4, out, 4), 0); /* no room */
}

static void test_tags_and_fields(void **state)
{
    (void)state;
    for (unsigned slot = 0; slot < SCHEMA_SLOTS; slot++) {
        char tag = schema_slot_tag(slot);
        if (tag)
            assert_int_equal(schema_tag_slot(tag), (int)slot); /* unique */
    }
    assert_int_equal(schema_tag_slot(0), -1);
    assert_int_equal(schema_slot_tag(SCHEMA_SLOTS), 0);
    const schema_field_t *f = schema_field("DELO", 4);
    assert_non_null(f);
    assert_string_equal(f->prefix, SCHEMA_DELO);
    assert_true(f->whole);
    assert_false(schema_field("from", 4)->whole);
    assert_null(schema_field("author", 6));
}

static void test_date_terms(void **state)
{
    (void)state;
    char t[3][16];
    assert_int_equal(schema_date_terms("19210703", t), 3);
    assert_string_equal(t[0], "Y1921");
    assert_string_equal(t[1], "M192107");
    assert_string_equal(t[2], "D19210703");
    assert_int_equal(schema_date_terms("19210000", t), 1);
    assert_int_equal(schema_date_terms("1921", t), 0);
}

/* When a passage was added: written as UTC text that sorts as time, and
 * read back to the second; anything else reads as 0. */
static void test_added_times(void **state)
{
    (void)state;
    char t[SCHEMA_ADDED_SIZE];
    schema_format_added(1765099702LL, t);
    assert_string_equal(t, "2025-12-07T09:28:22Z");
    assert_int_equal(schema_parse_added(t), 1765099702LL);
    schema_format_added(0, t); /* now */
    assert_int_equal(strlen(t), SCHEMA_ADDED_SIZE - 4);
    assert_true(schema_parse_added(t) > 1765099702LL);
    assert_int_equal(schema_parse_added(""), 0);
    assert_int_equal(schema_parse_added("2025-12-07"), 0);
    assert_int_equal(schema_parse_added("2025-12-07T09:28:22+01"), 0);
    assert_int_equal(schema_parse_added("2025-12-07T09:28:22ZZ"), 0);
}

/* SipHash-2-4's reference vectors (the paper's appendix): key 00..0f,
 * messages 00..(n-1). */
static void test_keyed_hash(void **state)
{
    (void)state;
    const uint64_t key[2] = {0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL};
    char m[16];
    for (int i = 0; i < 16; i++)
        m[i] = (char)i;
    assert_true(hash_keyed(key, m, 0) == 0x726fdb47dd0e0e31ULL);
    assert_true(hash_keyed(key, m, 7) == 0xab0200f58b01d137ULL);
    assert_true(hash_keyed(key, m, 8) == 0x93f5f5799a932462ULL);
    assert_true(hash_keyed(key, m, 15) == 0xa129ca6149be45e5ULL);
}

/* A source's id: under a key, neither the unkeyed hash of its path nor
 * another key's id; without one (an earlier fond's database), that hash. */
static void test_source_ids(void **state)
{
    (void)state;
    const char *path = "/srv/archive/narrative/x.txt";
    char fnv[SCHEMA_SOURCE_ID_SIZE], a[SCHEMA_SOURCE_ID_SIZE],
        b[SCHEMA_SOURCE_ID_SIZE], again[SCHEMA_SOURCE_ID_SIZE],
        text[SCHEMA_KEY_TEXT_SIZE];
    schema_key_t k1, k2, read, none = {{0, 0}, 0};
    schema_source_id(&none, path, fnv);
    assert_int_equal(schema_key_new(&k1), 0);
    assert_int_equal(schema_key_new(&k2), 0);
    schema_source_id(&k1, path, a);
    schema_source_id(&k2, path, b);
    assert_int_equal(strlen(a), 16);
    assert_string_not_equal(a, fnv);
    assert_string_not_equal(a, b);
    schema_key_format(&k1, text); /* as the metadata keeps it */
    assert_int_equal(strlen(text), 32);
    assert_int_equal(schema_key_parse(text, &read), 0);
    schema_source_id(&read, path, again);
    assert_string_equal(again, a);
    assert_int_equal(schema_key_parse("", &read), -1);
    assert_int_equal(schema_key_parse("0123456789abcdef0123456789abcdeg", &read), -1);
    assert_int_equal(schema_key_parse(NULL, &read), -1);
    char term[SCHEMA_SOURCE_TERM_SIZE];
    schema_source_term(&k1, path, term);
    assert_string_equal(term + strlen(SCHEMA_SOURCE), a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whole_values),
        cmocka_unit_test(test_too_long_is_no_term),
        cmocka_unit_test(test_tags_and_fields),
        cmocka_unit_test(test_date_terms),
        cmocka_unit_test(test_added_times),
        cmocka_unit_test(test_keyed_hash),
        cmocka_unit_test(test_source_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
