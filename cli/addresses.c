/*
 * addresses.c -- the mail addresses of a hit's sender and recipients as the
 * reader of results may see them: the terminal and --json show them whole;
 * fond.cgi, which faces the public, by default the names only (its
 * configuration's "addresses" setting).  See cli.h.
 *
 * A From or To field is what lib/mail.c wrote (GMime's list of mailboxes:
 * `Anna Schmidt <anna@example.de>, "Doe, John" <j@example.org>,
 * bob@example.com`) or what a text file's header says (`M. D. Huseynov`):
 * a mailbox without an address is a name, and is shown as it is.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#define HIDDEN_NAME "(address withheld)" /* a bare address, names only */
#define HIDDEN_LOCAL "\xE2\x80\xA6"      /* "…" for the part before '@' */

/* Append s[0, n) to buf (size bytes, *at used), as far as it fits. */
static void put(char *buf, size_t size, size_t *at, const char *s, size_t n)
{
    size_t room = *at < size ? size - *at - 1 : 0;
    n = n < room ? n : room;
    memcpy(buf + *at, s, n);
    *at += n;
    buf[*at] = '\0';
}

static void put_s(char *buf, size_t size, size_t *at, const char *s)
{
    put(buf, size, at, s, strlen(s));
}

/* s[0, n) without the blanks and the double quotes around it. */
static const char *trimmed(const char *s, size_t *n)
{
    while (*n && (*s == ' ' || *s == '"'))
        s++, (*n)--;
    while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '"'))
        (*n)--;
    return s;
}

/* One mailbox, s[0, n), as `how` shows it. */
static void put_mailbox(char *buf, size_t size, size_t *at, const char *s,
                        size_t n, cli_addresses_t how)
{
    const char *lt = memchr(s, '<', n);
    const char *gt = lt ? memchr(lt, '>', n - (size_t)(lt - s)) : NULL;
    const char *addr = lt && gt ? lt + 1 : s;
    size_t addr_n = lt && gt ? (size_t)(gt - addr) : n;
    const char *at_sign = memchr(addr, '@', addr_n);
    size_t name_n = lt && gt ? (size_t)(lt - s) : 0;
    const char *name = trimmed(s, &name_n);
    if (!at_sign) { /* a name, or no address fond can read: as it is */
        put(buf, size, at, s, n);
        return;
    }
    if (memchr(name, '@', name_n)) /* "anna@example.de" <anna@...>: no name */
        name_n = 0;
    int quote = name_n && memchr(name, ',', name_n); /* "Doe, John": one name */
    put_s(buf, size, at, quote ? "\"" : "");
    put(buf, size, at, name, name_n);
    put_s(buf, size, at, quote ? "\"" : "");
    if (how == CLI_ADDRESSES_NAME && !name_n)
        put_s(buf, size, at, HIDDEN_NAME);
    if (how == CLI_ADDRESSES_DOMAIN) {
        size_t domain_n = addr_n - (size_t)(at_sign - addr);
        put_s(buf, size, at, name_n ? " <" HIDDEN_LOCAL : HIDDEN_LOCAL);
        put(buf, size, at, at_sign, domain_n);
        put_s(buf, size, at, name_n ? ">" : "");
    }
}

void cli_addresses_shown(const char *s, cli_addresses_t how, char *buf,
                         size_t size)
{
    size_t at = 0;
    buf[0] = '\0';
    if (how == CLI_ADDRESSES_WHOLE || !strchr(s, '@')) {
        put_s(buf, size, &at, s);
        return;
    }
    /* mailboxes are split at commas outside quotes and angle brackets */
    int quoted = 0, angled = 0;
    const char *start = s;
    for (const char *p = s;; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (*p == '<' && !quoted)
            angled = 1;
        else if (*p == '>' && !quoted)
            angled = 0;
        if (*p && (*p != ',' || quoted || angled))
            continue;
        size_t n = (size_t)(p - start);
        const char *box = start;
        while (n && *box == ' ')
            box++, n--;
        put_s(buf, size, &at, start == s ? "" : ", ");
        put_mailbox(buf, size, &at, box, n, how);
        if (!*p)
            break;
        start = p + 1;
    }
}

const fond_hit_t *cli_hit_for(const fond_hit_t *h, const cli_export_t *how,
                              cli_hit_shown_t *copy)
{
    if (!how || how->addresses == CLI_ADDRESSES_WHOLE ||
        (!strchr(h->from, '@') && !strchr(h->to, '@')))
        return h;
    copy->hit = *h;
    cli_addresses_shown(h->from, how->addresses, copy->from, sizeof copy->from);
    cli_addresses_shown(h->to, how->addresses, copy->to, sizeof copy->to);
    copy->hit.from = copy->from;
    copy->hit.to = copy->to;
    return &copy->hit;
}
