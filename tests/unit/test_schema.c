/*
 * test_schema.c -- schema.h: a whole field value becomes the same term
 * whichever way it is written, and different numbers stay different; the
 * data tags and the query fields.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whole_values),
        cmocka_unit_test(test_too_long_is_no_term),
        cmocka_unit_test(test_tags_and_fields),
        cmocka_unit_test(test_date_terms),
        cmocka_unit_test(test_added_times),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
