/*
 * cite.c -- a hit as a citation a historian can paste into a footnote, and
 * as its parts (for --json, the exports and the page).  See cli.h.
 *
 *   “Telegram from M. D. Huseynov to Yusif Kamal”, M. D. Huseynov to Yusif
 *   Kamal, Ankara, 21 July 1921, p. 227. SA AR, f. 28, op. 1, d. 68,
 *   ll. 17-20.
 *
 * A source is cited by its own reference only: where it is kept (its
 * Archive reference header, catalogue row or source note), none if it has
 * none.  What the passage's footnotes cite is another document: it is
 * listed apart, as what the passage cites ("cites"), never as the source's
 * own, so that a narrative is not cited as the archive file its footnote
 * names.  A reference in the fond system that its parts say whole is
 * written with them abbreviated as Western historians cite Russian and
 * Soviet archives: f. (fond), op. (opis), d. (delo), l. or ll. (list,
 * sheets); any other is written as the source gives it.
 *
 * A document of an edition is cited in it, its page the edition's:
 *
 *   “The Secretary of State to the Ambassador in France (Wallace)”,
 *   Secretary of State to Wallace, telegram, Washington, March 1920, in
 *   Foreign Relations of the United States, 1920, Volume III, p. 227.
 *   File No. 861.00/6452.
 *
 * A source with no title is cited "[Untitled]" (or by its type:
 * "Telegram, ..."), one with no date "n.d." (The Chicago Manual of Style),
 * a date range as its two days.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

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

/* A note that is an archival citation (an archive and a fond at least). */
static int is_archival(const fond_note_t *n)
{
    return n && *n->archive && *n->fond;
}

/* Can the reference be written again from its parts without losing
 * any?  It must be in the fond / opis / delo system, its fond's label
 * first after the archive ("SA AR, f.28, ...", "ГА АР, ф. 28, ...",
 * "GARF, fond 130, ..."), and hold no part beyond archive, fond, opis,
 * delo and sheets (one a comma: "AVP RF, f. 04, op. 32, p. 206, d. 52881"
 * has a papka).  One of another system ("TNA, FO 371/6262, f. 12", "File
 * No. 861.51/131") is cited as written, whatever parts were read from it. */
static int parts_say_all(const fond_note_t *n)
{
    static const char *const labels[] = {"f.", "\xD1\x84.", "fond "}; /* ф. */
    const char *comma = is_archival(n) ? strchr(n->text, ',') : NULL;
    if (!comma)
        return 0;
    const char *first = comma + 1 + (comma[1] == ' ');
    int fond_first = 0;
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        fond_first |= !strncasecmp(first, labels[i], strlen(labels[i]));
    size_t segments = 0, parts = 0;
    for (const char *c = comma; c; c = strchr(c + 1, ','))
        segments++;
    const char *values[] = {n->fond, n->opis, n->delo, n->sheets};
    for (size_t i = 0; i < 4; i++)
        parts += *values[i] != '\0';
    return fond_first && segments == parts;
}

/* "SA AR, f. 28, op. 1, d. 68, ll. 17-20" from an archival note's parts
 * when they say all of it, else the note's text as written (its last full
 * stop dropped), into buf. */
static void format_reference(const fond_note_t *n, char *buf, size_t size)
{
    buf[0] = '\0';
    if (!parts_say_all(n)) {
        size_t len = strlen(n->text);
        while (len && (n->text[len - 1] == '.' || n->text[len - 1] == ' '))
            len--;
        snprintf(buf, size, "%.*s", (int)len, n->text);
        return;
    }
    const char *labels[] = {"", "f. ", "op. ", "d. ", "l. "};
    const char *parts[] = {n->archive, n->fond, n->opis, n->delo, n->sheets};
    if (strpbrk(n->sheets, "-,\xE2")) /* a range or a list of sheets */
        labels[4] = "ll. ";
    size_t at = 0;
    for (size_t i = 0; i < 5; i++)
        if (*parts[i] && at < size)
            at += (size_t)snprintf(buf + at, size - at, "%s%s%s",
                                   at ? ", " : "", labels[i], parts[i]);
}

/* The references the passage's footnotes cite, "; " between them: an
 * archival one by its parts, "SA AR, f. 28, op. 1, d. 68, ll. 17-20 (note
 * 38)", a bibliographic one as written.  A note that is no reference (a
 * comment) cites nothing. */
static void format_cites(const fond_hit_t *h, char *buf, size_t size)
{
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < h->n_notes && at < size; i++) {
        if (!is_archival(&h->notes[i]) && !*h->notes[i].ref_title)
            continue;
        char ref[400];
        format_reference(&h->notes[i], ref, sizeof ref);
        at += (size_t)snprintf(buf + at, size - at, "%s%s (note %u)",
                               at ? "; " : "", ref, h->notes[i].number);
    }
}

/* Is the source a communication from someone to someone: a letter, a
 * telegram, a despatch? */
static int is_letter(const char *type)
{
    static const char *const kinds[] = {"letter", "telegram", "despatch",
                                        "dispatch", "email", "cable"};
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (!strcmp(type, kinds[i]))
            return 1;
    return 0;
}

/* Append before, s and after to c->text, as far as they fit. */
static void add(cli_citation_t *c, const char *before, const char *s,
                const char *after)
{
    size_t at = strlen(c->text);
    snprintf(c->text + at, sizeof c->text - at, "%s%s%s", before, s, after);
}

/* Does the title name the type ("Telegram from ..." of a telegram)?  Then
 * the citation need not say it again.  ASCII case is folded: the types
 * are English words. */
static int title_names(const char *title, const char *type)
{
    size_t n = strlen(type);
    for (const char *t = title; n && *t; t++)
        if (!strncasecmp(t, type, n))
            return 1;
    return 0;
}

void cli_cite(const fond_hit_t *h, const char *page, cli_citation_t *c)
{
    memset(c, 0, sizeof *c);
    c->title = *h->title ? h->title : CLI_UNTITLED;
    c->type = h->type;
    c->from = h->from;
    c->to = h->to;
    c->date = h->date;
    c->date_end = h->date_end ? h->date_end : "";
    c->place = h->place;
    c->creator = h->creator ? h->creator : "";
    c->author = *h->from ? h->from : c->creator;
    c->page = page ? page : h->page_label ? h->page_label : "";
    c->attachment = h->attachment ? h->attachment : "";
    /* the whole it is in; not a collection's own record, in no other */
    c->container = h->container && strcmp(h->container, h->title) != 0
                       ? h->container : "";
    const fond_note_t *own = h->archive_ref;
    int has_parts = is_archival(own); /* the parts as read, even when
                                         the reference is cited as written */
    c->archive = has_parts ? own->archive : "";
    c->fond = has_parts ? own->fond : "";
    c->opis = has_parts ? own->opis : "";
    c->delo = has_parts ? own->delo : "";
    c->sheets = has_parts ? own->sheets : "";
    if (own)
        format_reference(own, c->reference, sizeof c->reference);
    format_cites(h, c->cites, sizeof c->cites);
    c->kind = is_letter(h->type) ? "letter"
              : *c->reference    ? "manuscript" : "document";
    c->page_number = c->page + (!strncmp(c->page, "pp. ", 4) ? 4
                                : !strncmp(c->page, "p. ", 3) ? 3 : 0);

    /* a type the title does not name, and that says what kind of
     * document it is (not "narrative", the default) */
    const char *type_word = *h->type && strcmp(h->type, "narrative") &&
                            strcmp(h->type, "reference") &&
                            !title_names(h->title, h->type) ? h->type : "";
    char when[96];
    cli_date_text(h, 1, when, sizeof when); /* "n.d." when undated */
    if (*h->title)
        add(c, "\xE2\x80\x9C", h->title, "\xE2\x80\x9D"); /* “title” */
    else if (*type_word) { /* "Telegram, ..." */
        char first[2] = {(char)(*type_word >= 'a' && *type_word <= 'z'
                                    ? *type_word - 32 : *type_word), 0};
        add(c, first, type_word + 1, "");
        type_word = "";
    } else /* as catalogues cite an untitled item */
        add(c, CLI_UNTITLED, "", "");
    if (*c->author || *h->to) {
        add(c, ", ", *c->author ? c->author : "unknown sender", "");
        if (*h->to)
            add(c, " to ", h->to, "");
    }
    const char *parts[] = {type_word, h->place, when, c->container, "",
                           c->page};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        if (i == 4 && *c->attachment) /* the file before its page */
            add(c, ", attachment ", c->attachment, "");
        else if (*parts[i]) /* the page: "p. 227", "pp. 227-228", as printed */
            add(c, i == 3 ? ", in " : ", ", parts[i], "");
    size_t end = strlen(c->text);
    if (end && c->text[end - 1] != '.') /* "... 1921" but "M. D." */
        add(c, "", ".", "");
    if (*c->reference)
        add(c, " ", c->reference, ".");
}
