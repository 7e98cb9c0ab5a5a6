/*
 * test_addresses.c -- mail addresses as the public page shows them
 * (cli/addresses.c): names only, the domain, or whole; lists of mailboxes,
 * quoted names with commas, bare addresses, and fields that hold no
 * address at all; the terminal's hit left as it is; the parts of each
 * mailbox that the indexer takes (fond_mailbox_next), and malformed ones
 * read within their bounds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "cli.h"

static void shows(const char *field, fond_addresses_t how, const char *want)
{
    char buf[256];
    cli_addresses_shown(field, how, buf, sizeof buf);
    assert_string_equal(buf, want);
}

static const char list[] = "Archive Office <office@example.org>, \"Doe, John\" "
                           "<j.doe@example.com>, bob@example.net";

static void test_names_only(void **state)
{
    (void)state;
    shows("Anna Schmidt <anna@example.de>", FOND_ADDRESSES_NAME, "Anna Schmidt");
    shows(list, FOND_ADDRESSES_NAME,
          "Archive Office, \"Doe, John\", (address withheld)");
    shows("\"anna@example.de\" <anna@example.de>", FOND_ADDRESSES_NAME,
          "(address withheld)");
}

static void test_the_domain(void **state)
{
    (void)state;
    shows("Anna Schmidt <anna@example.de>", FOND_ADDRESSES_DOMAIN,
          "Anna Schmidt <\xE2\x80\xA6@example.de>");
    shows(list, FOND_ADDRESSES_DOMAIN,
          "Archive Office <\xE2\x80\xA6@example.org>, \"Doe, John\" "
          "<\xE2\x80\xA6@example.com>, \xE2\x80\xA6@example.net");
}

static void test_whole_and_no_address(void **state)
{
    (void)state;
    shows(list, FOND_ADDRESSES_WHOLE, list);
    shows("M. D. Huseynov", FOND_ADDRESSES_NAME, "M. D. Huseynov");
    shows("Chicherin, Karakhan", FOND_ADDRESSES_NAME, "Chicherin, Karakhan");
    shows("", FOND_ADDRESSES_NAME, "");
}

static void test_cut_to_the_buffer(void **state)
{
    (void)state;
    char buf[8];
    cli_addresses_shown("Anna Schmidt <anna@example.de>", FOND_ADDRESSES_NAME,
                        buf, sizeof buf);
    assert_string_equal(buf, "Anna Sc");
}

static void test_a_hit_for_whom(void **state)
{
    (void)state;
    fond_hit_t h;
    memset(&h, 0, sizeof h);
    h.from = "Anna Schmidt <anna@example.de>", h.to = "bob@example.net";
    h.creator = "Jeanne Dupont <jd@example.fr>"; /* a PDF's Author */
    cli_hit_shown_t copy;
    assert_ptr_equal(cli_hit_for(&h, NULL, &copy), &h); /* the terminal */
    cli_export_t page = {.public_names = 1, .addresses = FOND_ADDRESSES_NAME};
    const fond_hit_t *shown = cli_hit_for(&h, &page, &copy);
    assert_string_equal(shown->from, "Anna Schmidt");
    assert_string_equal(shown->to, "(address withheld)");
    assert_string_equal(shown->creator, "Jeanne Dupont");
    assert_string_equal(h.from, "Anna Schmidt <anna@example.de>");
}

/* The parts of each mailbox, as the indexer takes them (fond_mailbox_next). */
static void test_mailbox_parts(void **state)
{
    (void)state;
    const char *rest = list;
    fond_mailbox_t m;
    assert_true(fond_mailbox_next(&rest, &m));
    assert_int_equal(m.name_len, strlen("Archive Office"));
    assert_memory_equal(m.name, "Archive Office", m.name_len);
    assert_memory_equal(m.local, "office", m.local_len);
    assert_int_equal(m.domain_len, strlen("example.org"));
    assert_memory_equal(m.domain, "example.org", m.domain_len);
    assert_true(fond_mailbox_next(&rest, &m));
    assert_memory_equal(m.name, "Doe, John", m.name_len);
    assert_memory_equal(m.local, "j.doe", m.local_len);
    assert_true(fond_mailbox_next(&rest, &m));
    assert_int_equal(m.name_len, 0); /* a bare address */
    assert_memory_equal(m.local, "bob", m.local_len);
    assert_memory_equal(m.domain, "example.net", m.domain_len);
    assert_false(fond_mailbox_next(&rest, &m));
    rest = "M. D. Huseynov"; /* a name: no address */
    assert_true(fond_mailbox_next(&rest, &m));
    assert_int_equal(m.address_len, 0);
    assert_memory_equal(m.name, "M. D. Huseynov", m.name_len);
    assert_false(fond_mailbox_next(&rest, &m));
    const char *odd[] = {"<", ">", "<@>", "\"", "a@", "@b", ",,", "\"<a@b>, c"};
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) /* in bounds */
        for (rest = odd[i]; fond_mailbox_next(&rest, &m);)
            assert_true(m.text >= odd[i] && m.text + m.len <= odd[i] + strlen(odd[i]) &&
                        m.local_len + m.domain_len + (m.address_len > 0) ==
                            m.address_len);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_only),
        cmocka_unit_test(test_the_domain),
        cmocka_unit_test(test_whole_and_no_address),
        cmocka_unit_test(test_cut_to_the_buffer),
        cmocka_unit_test(test_a_hit_for_whom),
        cmocka_unit_test(test_mailbox_parts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
