/*
 * addresses.c -- the mail addresses of a hit's sender and recipients as the
 * reader of results may see them: the terminal and --json show them whole;
 * fond.cgi, which faces the public, by default the names only (its
 * configuration's "addresses" setting).  See cli.h.
 *
 * A From or To field is what lib/mail.c wrote (GMime's list of mailboxes:
 * `Anna Schmidt <anna@example.de>, "Doe, John" <j@example.org>,
 * bob@example.com`) or what a text file's header says (`M. D. Huseynov`),
 * split into mailboxes by the library (fond_mailbox_next), which also
 * indexes each part: a mailbox without an address is a name, and is shown
 * as it is.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

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

/* One mailbox as `how` shows it. */
static void put_mailbox(char *buf, size_t size, size_t *at,
                        const fond_mailbox_t *m, fond_addresses_t how)
{
    if (!m->address_len) { /* a name, or no address fond can read: as it is */
        put(buf, size, at, m->text, m->len);
        return;
    }
    /* "Doe, John": one name */
    int quote = m->name_len && memchr(m->name, ',', m->name_len);
    put_s(buf, size, at, quote ? "\"" : "");
    put(buf, size, at, m->name, m->name_len);
    put_s(buf, size, at, quote ? "\"" : "");
    if (how == FOND_ADDRESSES_NAME && !m->name_len)
        put_s(buf, size, at, HIDDEN_NAME);
    if (how == FOND_ADDRESSES_DOMAIN) {
        put_s(buf, size, at, m->name_len ? " <" HIDDEN_LOCAL "@" : HIDDEN_LOCAL "@");
        put(buf, size, at, m->domain, m->domain_len);
        put_s(buf, size, at, m->name_len ? ">" : "");
    }
}

void cli_addresses_shown(const char *s, fond_addresses_t how, char *buf,
                         size_t size)
{
    size_t at = 0;
    buf[0] = '\0';
    if (how == FOND_ADDRESSES_WHOLE || !strchr(s, '@')) {
        put_s(buf, size, &at, s);
        return;
    }
    fond_mailbox_t m;
    const char *rest = s;
    for (int first = 1; fond_mailbox_next(&rest, &m); first = 0) {
        put_s(buf, size, &at, first ? "" : ", ");
        put_mailbox(buf, size, &at, &m, how);
    }
}

int cli_link_is_url(const char *link)
{
    return strncasecmp(link, "https://", 8) == 0 ||
           strncasecmp(link, "http://", 7) == 0;
}

int cli_level_next(const char **at, cli_level_t *out)
{
    while (*at && **at) {
        const char *line = *at, *end = strchr(line, '\n');
        if (!end)
            end = line + strlen(line);
        const char *tab1 = memchr(line, '\t', (size_t)(end - line));
        const char *tab2 = tab1 ? memchr(tab1 + 1, '\t', (size_t)(end - tab1 - 1))
                                : NULL;
        *at = *end ? end + 1 : end;
        if (tab2) { /* else not a level: passed over */
            out->level = line, out->level_len = (size_t)(tab1 - line);
            out->id = tab1 + 1, out->id_len = (size_t)(tab2 - tab1 - 1);
            out->title = tab2 + 1, out->title_len = (size_t)(end - tab2 - 1);
            return 1;
        }
    }
    return 0;
}

const fond_hit_t *cli_hit_for(const fond_hit_t *h, const cli_export_t *how,
                              cli_hit_shown_t *copy)
{
    int hide_link = how && how->public_names && h->link && *h->link &&
                    !cli_link_is_url(h->link);
    if (!hide_link &&
        (!how || how->addresses == FOND_ADDRESSES_WHOLE ||
         (!strchr(h->from, '@') && !strchr(h->to, '@') &&
          !strchr(h->creator, '@'))))
        return h;
    copy->hit = *h;
    if (hide_link) /* a path of the server: never shown to the public */
        copy->hit.link = "";
    if (how->addresses == FOND_ADDRESSES_WHOLE)
        return &copy->hit;
    cli_addresses_shown(h->from, how->addresses, copy->from, sizeof copy->from);
    cli_addresses_shown(h->to, how->addresses, copy->to, sizeof copy->to);
    cli_addresses_shown(h->creator, how->addresses, copy->creator,
                        sizeof copy->creator);
    copy->hit.from = copy->from;
    copy->hit.to = copy->to;
    copy->hit.creator = copy->creator;
    return &copy->hit;
}
