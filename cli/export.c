/*
 * export.c -- results in the formats reference managers import: CSV (RFC
 * 4180, for spreadsheets; AtoM's users export results so), RIS and BibTeX
 * (Zotero, JabRef, EndNote, Mendeley).  One record a passage, carrying its
 * citation's parts: the source's own reference (where it is kept) as its
 * archive location, what the passage's footnotes cite only as a note
 * ("Cites: ...").  See cli.h.
 *
 * RIS and BibTeX use the types and fields Zotero's import translators
 * (RIS.js, BibTeX.js in zotero/translators) read:
 *
 *   RIS    TY PCOMM (Zotero: letter) for letters, telegrams, despatches,
 *          e-mail; MANSCPT (manuscript) for another source kept in an
 *          archive; GEN otherwise.  TI title, AU author (its sender, else
 *          its creator), A2 a letter's recipient (Zotero: recipient;
 *          bibutils: addressee; another's in a note: Zotero reads A2 of a
 *          GEN as an editor), M3 the type of a letter or manuscript
 *          ("telegram": Zotero's letter or manuscript type; of a GEN it
 *          would be a DOI), DA/PY date, CY place, SP page (not of a
 *          manuscript: Zotero reads it as its number of pages), AN the own
 *          reference (Zotero's archiveLocation: its RIS export writes AN),
 *          DB the archive it names (Zotero's archive), T2 the edition or
 *          collection it is in (a TEI edition's title), LA, N1 notes (the
 *          citation, a date range, what the passage cites), AB, UR.
 *   BibTeX @unpublished (Zotero: manuscript) for letters, telegrams and
 *          sources kept in an archive, @misc (document) otherwise; title,
 *          author, booktitle (the edition it is in), type (manuscript
 *          type), year/month/day, address
 *          (place), pages (not of an @unpublished: Zotero reads them as
 *          its number of pages), language, note: the own reference first
 *          (what BibTeX styles print at a manuscript's end, and Zotero
 *          keeps as a note: BibTeX has no archive field that Zotero reads;
 *          nor one for a recipient, so "To ..." is said in the note).
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

const char *cli_source_name(const fond_hit_t *h, const cli_export_t *how)
{
    if (!how || !how->public_names)
        return h->path;
    if (h->name && *h->name)
        return h->name;
    const char *slash = strrchr(h->path, '/'); /* written before names */
    return slash ? slash + 1 : h->path;
}

/* ------------------------------------------------------------ CSV */

/* A field, quoted (RFC 4180: a quote doubled).  A field that a spreadsheet
 * would run as a formula (= + - @ first) gets a leading apostrophe.
 * Control characters are shown as cli_char_shown() shows them: the file
 * may well be read on a terminal. */
static void csv_field(FILE *out, const char *s, int last)
{
    fputc('"', out);
    if (strchr("=+-@", s[0]) && s[0])
        fputc('\'', out);
    char shown[CLI_SHOWN_MAX];
    for (size_t n = strlen(s); *s;) {
        size_t k = cli_char_shown(s, n, shown);
        if (*s == '"')
            fputc('"', out);
        fputs(shown, out);
        s += k, n -= k;
    }
    fputs(last ? "\"\r\n" : "\",", out);
}

void cli_write_csv(FILE *out, const fond_results_t *r, const cli_export_t *how)
{
    static const char *const columns[] = {
        "rank", "passage_id", "source", "title", "passage", "type", "date",
        "date_end", "from", "to", "place", "language", "creator", "reference",
        "archive", "fond", "opis", "delo", "sheets", "cites", "citation",
        "snippet", "url"};
    size_t n_columns = sizeof columns / sizeof *columns;
    for (size_t i = 0; i < n_columns; i++)
        csv_field(out, columns[i], i + 1 == n_columns);
    for (size_t i = 0; i < fond_results_count(r); i++) {
        cli_hit_shown_t shown;
        const fond_hit_t *h = cli_hit_for(fond_results_hit(r, i), how, &shown);
        cli_citation_t c;
        cli_cite(h, NULL, &c);
        char rank[24], ordinal[24], url[1024] = "";
        snprintf(rank, sizeof rank, "%zu", h->rank);
        snprintf(ordinal, sizeof ordinal, "%u", h->ordinal);
        if (how && how->show_base)
            snprintf(url, sizeof url, "%s?show=%s", how->show_base, h->id);
        const char *row[] = {
            rank, h->id, cli_source_name(h, how), h->title, ordinal, h->type,
            h->date, c.date_end, h->from, h->to, h->place, h->language,
            c.creator, c.reference, c.archive, c.fond, c.opis, c.delo,
            c.sheets, c.cites, c.text, h->snippet, url};
        for (size_t k = 0; k < n_columns; k++)
            csv_field(out, row[k], k + 1 == n_columns);
    }
}

/* ------------------------------------------------------------ RIS */

/* A tag line; a value's line breaks become spaces (a RIS record is lines),
 * its control characters escapes (cli_char_shown()). */
static void ris_line(FILE *out, const char *tag, const char *value)
{
    if (!value || !*value)
        return;
    fprintf(out, "%s  - ", tag);
    char shown[CLI_SHOWN_MAX];
    for (size_t n = strlen(value); *value;) {
        size_t k = cli_char_shown(value, n, shown);
        fputs(*value == '\n' ? " " : shown, out);
        value += k, n -= k;
    }
    fputs("\r\n", out);
}

/* RIS's type for the citation's kind (cli.h). */
static const char *ris_type(const cli_citation_t *c)
{
    return !strcmp(c->kind, "letter")       ? "PCOMM"
           : !strcmp(c->kind, "manuscript") ? "MANSCPT" : "GEN";
}

/* "YYYY/MM/DD/" as far as the date is known (RIS dates). */
static void ris_date(const char *iso, char *buf, size_t size)
{
    buf[0] = '\0';
    if (*iso)
        snprintf(buf, size, "%.4s/%.2s/%.2s/", iso,
                 strlen(iso) >= 7 ? iso + 5 : "", strlen(iso) >= 10 ? iso + 8 : "");
}

void cli_write_ris(FILE *out, const fond_results_t *r, const cli_export_t *how)
{
    for (size_t i = 0; i < fond_results_count(r); i++) {
        cli_hit_shown_t shown;
        const fond_hit_t *h = cli_hit_for(fond_results_hit(r, i), how, &shown);
        cli_citation_t c;
        cli_cite(h, NULL, &c);
        char date[16], year[8] = "", url[1024] = "", range[64] = "";
        char cites[1100] = "", to[1100] = "";
        ris_date(h->date, date, sizeof date);
        snprintf(year, sizeof year, "%.4s", h->date);
        if (how && how->show_base)
            snprintf(url, sizeof url, "%s?show=%s", how->show_base, h->id);
        if (*c.date_end) /* RIS has one date: the range said in a note */
            snprintf(range, sizeof range, "Date: %s to %s", h->date, c.date_end);
        if (*c.cites)
            snprintf(cites, sizeof cites, "Cites: %s", c.cites);
        /* Zotero reads A2 as a recipient and M3 as a type only for a
         * letter (M3 for a manuscript too); for GEN (a journal article to
         * it) they would be an editor and a DOI.  A manuscript's SP would
         * be its number of pages, not the page cited. */
        int letter = !strcmp(c.kind, "letter");
        int manuscript = !strcmp(c.kind, "manuscript");
        if (*h->to && !letter)
            snprintf(to, sizeof to, "To: %s", h->to);
        ris_line(out, "TY", ris_type(&c));
        ris_line(out, "ID", h->id);
        ris_line(out, "TI", c.title); /* "[Untitled]" */
        ris_line(out, "T2", c.container); /* the edition it is in */
        ris_line(out, "AU", c.author);
        ris_line(out, "A2", letter ? h->to : "");
        ris_line(out, "M3", letter || manuscript ? h->type : "");
        ris_line(out, "PY", year);
        ris_line(out, "DA", date);
        ris_line(out, "CY", h->place);
        ris_line(out, "SP", manuscript ? "" : c.page_number);
        ris_line(out, "DB", c.archive);   /* Zotero: archive */
        ris_line(out, "AN", c.reference); /* Zotero: archive location */
        ris_line(out, "LA", h->language);
        ris_line(out, "N1", c.text);
        ris_line(out, "N1", to);
        ris_line(out, "N1", range);
        ris_line(out, "N1", cites);
        ris_line(out, "AB", h->snippet);
        ris_line(out, "UR", url);
        ris_line(out, "M1", cli_source_name(h, how));
        fputs("ER  - \r\n\r\n", out);
    }
}

/* ------------------------------------------------------------ BibTeX */

/* One byte of a value inside braces: the characters TeX treats specially
 * escaped, so that braces always balance; a line break a space. */
static void bib_char(FILE *out, char ch)
{
    if (strchr("&%$#_{}", ch))
        fprintf(out, "\\%c", ch);
    else if (ch == '\\')
        fputs("\\textbackslash{}", out);
    else if (ch == '~')
        fputs("\\textasciitilde{}", out);
    else if (ch == '^')
        fputs("\\textasciicircum{}", out);
    else
        fputc(ch == '\n' ? ' ' : ch, out);
}

/* A value inside braces, its control characters escapes
 * (cli_char_shown()), then each byte as bib_char() writes it. */
static void bib_value(FILE *out, const char *name, const char *value)
{
    if (!value || !*value)
        return;
    fprintf(out, ",\n  %s = {", name);
    char shown[CLI_SHOWN_MAX];
    for (size_t n = strlen(value); *value;) {
        size_t k = cli_char_shown(value, n, shown);
        value += k, n -= k;
        for (const char *c = shown; *c; c++)
            bib_char(out, *c);
    }
    fputs("}", out);
}

void cli_write_bibtex(FILE *out, const fond_results_t *r,
                      const cli_export_t *how)
{
    static const char *const months[] = {"jan", "feb", "mar", "apr",
                                         "may", "jun", "jul", "aug",
                                         "sep", "oct", "nov", "dec"};
    for (size_t i = 0; i < fond_results_count(r); i++) {
        cli_hit_shown_t shown;
        const fond_hit_t *h = cli_hit_for(fond_results_hit(r, i), how, &shown);
        cli_citation_t c;
        cli_cite(h, NULL, &c);
        char year[8] = "", day[4] = "", url[1024] = "", note[2600] = "";
        int month = strlen(h->date) >= 7
                        ? (h->date[5] - '0') * 10 + (h->date[6] - '0') : 0;
        snprintf(year, sizeof year, "%.4s", h->date);
        if (strlen(h->date) >= 10)
            snprintf(day, sizeof day, "%d", atoi(h->date + 8));
        if (how && how->show_base)
            snprintf(url, sizeof url, "%s?show=%s", how->show_base, h->id);
        /* the own reference first: what a style prints at the end */
        size_t at = 0;
        const char *parts[][2] = {{"", c.reference}, {"To ", h->to},
                                  {"Dated until ", c.date_end},
                                  {"Cites: ", c.cites}};
        for (size_t k = 0; k < sizeof parts / sizeof *parts; k++)
            if (*parts[k][1] && at < sizeof note)
                at += (size_t)snprintf(note + at, sizeof note - at, "%s%s. ",
                                       parts[k][0], parts[k][1]);
        if (at < sizeof note)
            snprintf(note + at, sizeof note - at, "Passage %u of %s",
                     h->ordinal, cli_source_name(h, how));
        int unpublished = strcmp(c.kind, "document") != 0;
        fprintf(out, "@%s{fond-%s", /* the id: hex, '-', digits: a key */
                unpublished ? "unpublished" : "misc", h->id);
        bib_value(out, "title", c.title); /* "[Untitled]" */
        bib_value(out, "booktitle", c.container); /* the edition it is in */
        bib_value(out, "author", c.author);
        bib_value(out, "type", h->type);
        bib_value(out, "year", year);
        if (month >= 1 && month <= 12)
            fprintf(out, ",\n  month = %s", months[month - 1]);
        bib_value(out, "day", day);
        bib_value(out, "address", h->place);
        /* an @unpublished's pages are its number of pages to Zotero */
        bib_value(out, "pages", unpublished ? "" : c.page_number);
        bib_value(out, "language", h->language);
        bib_value(out, "note", note);
        bib_value(out, "abstract", h->snippet);
        bib_value(out, "url", url);
        fputs("\n}\n\n", out);
    }
}
