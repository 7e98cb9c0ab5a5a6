/*
 * cite.c -- a hit as a citation a historian can paste into a footnote, and
 * as its parts (for --json, the exports and the page).  See cli.h.
 *
 *   “Telegram from M. D. Huseynov to Yusif Kamal”, M. D. Huseynov to Yusif
 *   Kamal, Ankara, 21 July 1921, p. 227. SA AR, f. 28, op. 1, d. 68,
 *   ll. 17-20.
 *
 * A source with no title is cited "[Untitled]", one with no date "n.d."
 * (The Chicago Manual of Style), a date range as its two days.
 *
 * The archival reference is the source's own when it has one, else that of
 * the first footnote of the passage that is an archival citation (the
 * document the passage quotes).  Archival parts are abbreviated as Western
 * historians cite Russian and Soviet archives: f. (fond), op. (opis),
 * d. (delo), l. or ll. (list, sheets).
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

void cli_format_date(const char *iso, char *buf, size_t size)
{
    static const char *const months[] = {
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    size_t n = strlen(iso);
    int month = n >= 7 ? (iso[5] - '0') * 10 + (iso[6] - '0') : 0;
    int day = n >= 10 ? (iso[8] - '0') * 10 + (iso[9] - '0') : 0;
    const char *m = month >= 1 && month <= 12 ? months[month - 1] : NULL;
    if (day > 0 && m)
        snprintf(buf, size, "%d %s %.4s", day, m, iso);
    else if (m)
        snprintf(buf, size, "%s %.4s", m, iso);
    else
        snprintf(buf, size, "%.4s", iso);
}

void cli_date_text(const fond_hit_t *h, int words, char *buf, size_t size)
{
    char first[40], last[40] = "";
    if (!*h->date) {
        snprintf(buf, size, "%s", CLI_UNDATED);
        return;
    }
    if (words)
        cli_format_date(h->date, first, sizeof first);
    else
        snprintf(first, sizeof first, "%s", h->date);
    if (h->date_end && *h->date_end && words)
        cli_format_date(h->date_end, last, sizeof last);
    else if (h->date_end && *h->date_end)
        snprintf(last, sizeof last, "%s", h->date_end);
    snprintf(buf, size, "%s%s%s", first, *last ? " \xE2\x80\x93 " : "", last);
}

void cli_title_text(const fond_hit_t *h, const cli_export_t *how, char *buf,
                    size_t size)
{
    if (*h->title) {
        snprintf(buf, size, "%s", h->title);
        return;
    }
    const char *name = cli_source_name(h, how);
    const char *slash = strrchr(name, '/');
    snprintf(buf, size, "%s (%s)", CLI_UNTITLED, slash ? slash + 1 : name);
}

/* The archival citation that stands for the passage's source: its own
 * Archive reference, else its first footnote that is one. */
static const fond_note_t *archival_note(const fond_hit_t *h)
{
    if (h->archive_ref && *h->archive_ref->archive && *h->archive_ref->fond)
        return h->archive_ref;
    for (size_t i = 0; i < h->n_notes; i++)
        if (*h->notes[i].archive && *h->notes[i].fond)
            return &h->notes[i];
    return NULL;
}

/* Append before, s and after to c->text, as far as they fit. */
static void add(cli_citation_t *c, const char *before, const char *s,
                const char *after)
{
    size_t at = strlen(c->text);
    snprintf(c->text + at, sizeof c->text - at, "%s%s%s", before, s, after);
}

/* "SA AR, f. 28, op. 1, d. 68, ll. 17-20" into c->reference. */
static void format_reference(cli_citation_t *c)
{
    const char *labels[] = {"", "f. ", "op. ", "d. ", "l. "};
    const char *parts[] = {c->archive, c->fond, c->opis, c->delo, c->sheets};
    if (strpbrk(c->sheets, "-,\xE2")) /* a range or a list of sheets */
        labels[4] = "ll. ";
    size_t at = 0;
    c->reference[0] = '\0';
    for (size_t i = 0; i < 5; i++)
        if (*parts[i] && at < sizeof c->reference)
            at += (size_t)snprintf(c->reference + at, sizeof c->reference - at,
                                   "%s%s%s", at ? ", " : "", labels[i], parts[i]);
}

void cli_cite(const fond_hit_t *h, const char *page, cli_citation_t *c)
{
    memset(c, 0, sizeof *c);
    c->title = *h->title ? h->title : CLI_UNTITLED;
    c->from = h->from;
    c->to = h->to;
    c->date = h->date;
    c->page = page ? page : h->page_label ? h->page_label : "";
    const fond_note_t *n = archival_note(h);
    c->archive = n ? n->archive : "";
    c->fond = n ? n->fond : "";
    c->opis = n ? n->opis : "";
    c->delo = n ? n->delo : "";
    c->sheets = n ? n->sheets : "";
    format_reference(c);
    c->page_number = c->page + (!strncmp(c->page, "pp. ", 4) ? 4
                                : !strncmp(c->page, "p. ", 3) ? 3 : 0);

    char date[100];
    cli_date_text(h, 1, date, sizeof date);
    if (*h->title)
        add(c, "\xE2\x80\x9C", h->title, "\xE2\x80\x9D"); /* “title” */
    else
        add(c, "", CLI_UNTITLED, ""); /* a description, unquoted */
    if (*h->from || *h->to) {
        add(c, ", ", *h->from ? h->from : "unknown sender", "");
        if (*h->to)
            add(c, " to ", h->to, "");
    }
    if (*h->place)
        add(c, ", ", h->place, "");
    add(c, ", ", date, ""); /* "n.d." when undated */
    if (*c->page) /* "p. 227", "pp. 227-228", as printed */
        add(c, ", ", c->page, "");
    size_t end = strlen(c->text);
    if (end && c->text[end - 1] != '.') /* "... 1921" but "M. D." */
        add(c, "", ".", "");
    if (*c->reference)
        add(c, " ", c->reference, ".");
}
