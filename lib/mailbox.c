/*
 * mailbox.c -- the mailboxes of a From or To field (fond_mailbox_next,
 * fond.h): what lib/mail.c writes (GMime's list of mailboxes) or what a
 * text file's header says.  The indexer takes a mailbox's name and the
 * two parts of its address apart (schema.h: each searched under a prefix
 * of its own); fond-search and fond.cgi show as much of it as their reader
 * may see (cli/addresses.c).
 */
#include "fond.h"

#include <string.h>

/* s[0, n) without the blanks and the double quotes around it. */
static const char *trimmed(const char *s, size_t *n)
{
    while (*n && (*s == ' ' || *s == '"'))
        s++, (*n)--;
    while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '"'))
        (*n)--;
    return s;
}

/* One mailbox, s[0, n): "Name <local@domain>", "local@domain", or a name. */
static void mailbox_parse(const char *s, size_t n, fond_mailbox_t *m)
{
    const char *lt = memchr(s, '<', n);
    const char *gt = lt ? memchr(lt, '>', n - (size_t)(lt - s)) : NULL;
    const char *addr = lt && gt ? lt + 1 : s;
    size_t addr_n = lt && gt ? (size_t)(gt - addr) : n;
    const char *at = memchr(addr, '@', addr_n);
    memset(m, 0, sizeof *m);
    m->text = s;
    m->len = n;
    m->name_len = at ? (lt && gt ? (size_t)(lt - s) : 0) : n;
    m->name = trimmed(s, &m->name_len);
    if (!at)
        return; /* a name, or no address fond can read */
    if (memchr(m->name, '@', m->name_len)) /* "anna@x.de" <anna@x.de> */
        m->name_len = 0;
    m->local = addr;
    m->local_len = (size_t)(at - addr);
    m->domain = at + 1;
    m->domain_len = addr_n - m->local_len - 1;
    m->address_len = addr_n;
}

int fond_mailbox_next(const char **field, fond_mailbox_t *m)
{
    const char *start = *field, *p = start;
    if (!start)
        return 0;
    int quoted = 0, angled = 0;
    for (; *p && (*p != ',' || quoted || angled); p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (*p == '<' && !quoted)
            angled = 1;
        else if (*p == '>' && !quoted)
            angled = 0;
    }
    *field = *p ? p + 1 : NULL; /* NULL: that was the last */
    while (start < p && *start == ' ')
        start++;
    mailbox_parse(start, (size_t)(p - start), m);
    return 1;
}
