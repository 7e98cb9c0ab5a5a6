/*
 * export.c -- results in the formats reference managers import: CSV (RFC
 * 4180, for spreadsheets; AtoM's users export results so), RIS and BibTeX
 * (Zotero, JabRef, EndNote, Mendeley).  One record a passage, carrying its
 * citation's parts.  See cli.h.
 */
#include "cli.h"

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
        "from", "to", "place", "language", "archive", "fond", "opis", "delo",
        "sheets", "citation", "snippet", "url"};
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
            h->date, h->from, h->to, h->place, h->language, c.archive, c.fond,
            c.opis, c.delo, c.sheets, c.text, h->snippet, url};
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

/* RIS's type: letters and telegrams are personal communications (Zotero
 * reads them as letters), a document kept in an archive a manuscript. */
static const char *ris_type(const fond_hit_t *h, const cli_citation_t *c)
{
    if (!strcmp(h->type, "letter") || !strcmp(h->type, "telegram"))
        return "PCOMM";
    return *c->reference ? "MANSCPT" : "GEN";
}

void cli_write_ris(FILE *out, const fond_results_t *r, const cli_export_t *how)
{
    for (size_t i = 0; i < fond_results_count(r); i++) {
        cli_hit_shown_t shown;
        const fond_hit_t *h = cli_hit_for(fond_results_hit(r, i), how, &shown);
        cli_citation_t c;
        cli_cite(h, NULL, &c);
        char date[16] = "", year[8] = "", url[1024] = "", note[600] = "";
        if (*h->date) { /* RIS dates: YYYY/MM/DD/ */
            snprintf(year, sizeof year, "%.4s", h->date);
            snprintf(date, sizeof date, "%.4s/%.2s/%.2s/", h->date,
                     strlen(h->date) >= 7 ? h->date + 5 : "",
                     strlen(h->date) >= 10 ? h->date + 8 : "");
        }
        if (how && how->show_base)
            snprintf(url, sizeof url, "%s?show=%s", how->show_base, h->id);
        if (*h->to)
            snprintf(note, sizeof note, "To: %s", h->to);
        ris_line(out, "TY", ris_type(h, &c));
        ris_line(out, "ID", h->id);
        ris_line(out, "TI", c.title); /* "[Untitled]" */
        ris_line(out, "AU", h->from);
        ris_line(out, "PY", year);
        ris_line(out, "DA", date);
        ris_line(out, "CY", h->place);
        ris_line(out, "SP", c.page_number);
        ris_line(out, "AV", c.reference); /* Zotero: archive location */
        ris_line(out, "LA", h->language);
        ris_line(out, "N1", note);
        ris_line(out, "N1", c.text);
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
        char year[8] = "", url[1024] = "", note[600] = "";
        int month = strlen(h->date) >= 7
                        ? (h->date[5] - '0') * 10 + (h->date[6] - '0') : 0;
        snprintf(year, sizeof year, "%.4s", h->date);
        if (how && how->show_base)
            snprintf(url, sizeof url, "%s?show=%s", how->show_base, h->id);
        if (*h->to)
            snprintf(note, sizeof note, "To %s. ", h->to);
        size_t at = strlen(note);
        snprintf(note + at, sizeof note - at, "Passage %u of %s", h->ordinal,
                 cli_source_name(h, how));
        fprintf(out, "@misc{fond-%s", h->id); /* hex, '-', digits: a key */
        bib_value(out, "title", c.title); /* "[Untitled]" */
        bib_value(out, "author", h->from);
        bib_value(out, "year", year);
        if (month >= 1 && month <= 12)
            fprintf(out, ",\n  month = %s", months[month - 1]);
        bib_value(out, "address", h->place);
        bib_value(out, "pages", c.page_number);
        bib_value(out, "howpublished", c.reference);
        bib_value(out, "language", h->language);
        bib_value(out, "note", note);
        bib_value(out, "abstract", h->snippet);
        bib_value(out, "url", url);
        fputs("\n}\n\n", out);
    }
}
