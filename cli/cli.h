/*
 * cli.h -- what fond's programs (fond-index, fond-search, fond.cgi) share:
 * parsing numbers from arguments, finding the database, creating its
 * parent folders, and writing results as JSON.
 */
#ifndef FOND_CLI_H
#define FOND_CLI_H

#include <stdio.h>
#include "fond.h"

/* Text from a file or a database, written for a terminal (or a file a
 * terminal may show): every character as it is but the control ones.  A
 * C0 control other than newline and tab, DEL, a C1 control (U+0080 to
 * U+009F) and a byte that is not part of a UTF-8 character are each
 * written "\x1b" (a backslash, x, two hex digits of the code), so that a
 * file cannot move the cursor, retitle the window or recolour the screen
 * (ESC [ 31 m, ESC ] 0 ; ... BEL, CSI 0x9B). */
#define CLI_SHOWN_MAX 5 /* bytes of one shown character, NUL included */

/* The next character of s[0, n) (n > 0) as it is shown, NUL-terminated,
 * into shown; returns the bytes of s it stands for (at least 1). */
size_t cli_char_shown(const char *s, size_t n, char shown[CLI_SHOWN_MAX]);

/* Write s[0, n), or s, as cli_char_shown() shows it. */
void cli_put_n(FILE *out, const char *s, size_t n);
void cli_put(FILE *out, const char *s);

/* printf, the whole result written by cli_put(): for lines that carry
 * text from a file or a database. */
void cli_printf(FILE *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Exit codes of every fond program. */
enum { CLI_EXIT_OK = 0, CLI_EXIT_NONE = 1, CLI_EXIT_ERROR = 2 };

/* Parse a whole decimal number in [min, max]; 0 on success, -1 if `s` is
 * not one (sign, spaces, trailing junk, out of range). */
int cli_parse_size(const char *s, size_t min, size_t max, size_t *out);

/* The database path: `given` if not NULL, else fond_db_default_path().
 * Returns a malloc'd string, or NULL (with a message on stderr). */
char *cli_db_path(const char *prog, const char *given);

/* The name-variants file: `given`, else $FOND_VARIANTS, else the installed
 * one, else the source tree's data/variants.txt; NULL if none is there.
 * Not malloc'd: points at `given`, the environment or a constant. */
const char *cli_variants_path(const char *given);

/* mkdir -p of the folders above `path`; 0 or -1 with errno set. */
int cli_make_parents(const char *path);

/* Write the results as one JSON document (schema in docs/searching.md). */
void cli_write_json(FILE *out, const char *query,
                    const fond_search_opts_t *opts,
                    const fond_results_t *results);

/* Write a concordance as one JSON document (schema in docs/searching.md). */
void cli_write_kwic_json(FILE *out, const char *query, const fond_kwic_t *k);

/* "1921-07-21" as "21 July 1921" ("July 1921", "1921"). */
void cli_format_date(const char *iso, char *buf, size_t size);

/* A source with no title or no date found is shown as untitled and
 * undated, the words The Chicago Manual of Style cites it by; its
 * fields stay "" (the data), and its file's name is shown as a file's
 * name, never as a title. */
#define CLI_UNTITLED "[Untitled]"
#define CLI_UNDATED "n.d."

/* The hit's date as a reader sees it: "1921-07-03", a range
 * "1917-01-05 – 1917-02-10", or "n.d.".  With `words`, its days in
 * words: "3 July 1921", "5 January 1917 – 10 February 1917".  Into buf. */
void cli_date_text(const fond_hit_t *h, int words, char *buf, size_t size);

/* A hit as a citation: the text to paste, and its parts.  The parts point
 * into the hit (or are ""); reference, cites and text are the citation's
 * own.  The reference is the source's own (where it is kept), "" if it
 * has none; what the passage's footnotes cite is in cites, never in it. */
typedef struct {
    const char *title, *type, *from, *to, *date, *date_end, *place;
    const char *creator;
    const char *author;      /* from, else creator */
    const char *page;        /* "p. 227" */
    const char *attachment;  /* the file attached whose text it is
                                ("report.pdf"), "" for the source's own */
    const char *page_number; /* the page without "p. " / "pp. ": "227" */
    const char *container;   /* the edition or collection it is in ("") */
    /* the own reference's archival parts ("" unless it parses as one) */
    const char *archive, *fond, *opis, *delo, *sheets;
    char reference[400]; /* "GARF, f. R-130, op. 2, d. 68/1, l. 17",
                            "File No. 861.51/283" */
    char cites[1024];    /* what the footnotes cite, archival or
                            bibliographic: "SA AR, f. 28, op. 1, d. 68,
                            ll. 17-20 (note 38)", "; " between two */
    char text[2048];     /* the whole citation */
    /* what a reference manager makes of it (Zotero's item types):
     * "letter" (a letter, telegram, despatch, e-mail), "manuscript"
     * (another source kept in an archive: it has a reference) or
     * "document" */
    const char *kind;
} cli_citation_t;

/* Cite the hit; page is the page to cite ("p. 227"), or NULL for the
 * hit's own page label (page_label), if it has one. */
void cli_cite(const fond_hit_t *h, const char *page, cli_citation_t *c);

/* How results are written for whom: fond-search names a source by its
 * path; fond.cgi, which faces the public, by its name under the folder
 * indexed (never a path of the server), and links each passage to its
 * page when it knows its own address. */
typedef struct {
    int public_names;      /* sources by hit->name (else the file name) */
    const char *show_base; /* absolute URL that "?show=<id>" is appended
                              to, or NULL */
    fond_addresses_t addresses; /* of senders and recipients (fond.h) */
    /* fond.cgi's own fields of a JSON hit (its links to the hit's page
     * view, page image and IIIF manifest, relative to the page: no
     * meaning to fond-search), written after the others as
     * ",\n      \"name\": value" lines; NULL for none */
    void (*hit_fields)(FILE *out, const fond_hit_t *h, const void *ctx);
    const void *hit_fields_ctx;
} cli_export_t;

/* A From or To field (one mailbox or a list, or a plain name) as `how`
 * shows it, into buf (cut to size). */
void cli_addresses_shown(const char *s, fond_addresses_t how, char *buf,
                         size_t size);

/* A hit as the reader `how` writes for may see it: h itself, or a copy in
 * *copy whose from, to and creator show only what how->addresses lets
 * through, and (for the public) with no link that is not a web address.
 * Valid while h and *copy are. */
typedef struct {
    fond_hit_t hit;
    char from[1024], to[2048], creator[1024];
} cli_hit_shown_t;
const fond_hit_t *cli_hit_for(const fond_hit_t *h, const cli_export_t *how,
                              cli_hit_shown_t *copy);

/* One level of a hit's hierarchy (fond_hit_t.hierarchy's lines): spans of
 * the line, not NUL-terminated. */
typedef struct {
    const char *level, *id, *title;
    size_t level_len, id_len, title_len;
} cli_level_t;
/* The level at *at, *at moved past it; 0 when there is none left. */
int cli_level_next(const char **at, cli_level_t *out);

/* Whether a hit's link (its digitised copy) is a web address (http:,
 * https:), which may be shown to the public; a path of the server is
 * not. */
int cli_link_is_url(const char *link);

/* The source as `how` names it. */
const char *cli_source_name(const fond_hit_t *h, const cli_export_t *how);

/* The hit's title as a reader sees it: its title, else "[Untitled]" and
 * its file's name: "[Untitled] (report.pdf)" (the name as `how` names
 * the source, without its folders).  Into buf. */
void cli_title_text(const fond_hit_t *h, const cli_export_t *how, char *buf,
                    size_t size);

/* The results as JSON (as cli_write_json), as CSV (RFC 4180, a header
 * row), RIS or BibTeX: one record a passage, with its citation. */
void cli_write_json_for(FILE *out, const char *query,
                        const fond_search_opts_t *opts,
                        const fond_results_t *results,
                        const cli_export_t *how);
void cli_write_csv(FILE *out, const fond_results_t *results,
                   const cli_export_t *how);
void cli_write_ris(FILE *out, const fond_results_t *results,
                   const cli_export_t *how);
void cli_write_bibtex(FILE *out, const fond_results_t *results,
                      const cli_export_t *how);

/* Write s as a JSON string literal, quotes included. */
void cli_write_json_string(FILE *out, const char *s);
/* The same of s[0, n) (it stops at a NUL before). */
void cli_write_json_string_n(FILE *out, const char *s, size_t n);

/* Where a hit is, to cite: its printed page ("p. 227", "pp. 227-228"),
 * else its place among the source's pages ("page 3", "pages 3-4"); ""
 * for a source with no pages; in a file attached to the source, that
 * file first ("attachment report.pdf, p. 2": CLI_PAGE_TEXT_MAX bytes
 * hold it).  Written into buf. */
#define CLI_PAGE_TEXT_MAX 1200
void cli_page_text(const fond_hit_t *h, char *buf, size_t size);

/* What matches, as the results can say it, to begin a sentence: "53
 * passages in 17 sources match", "1 passage in 1 source matches", "About
 * 24000 passages in 900 or more sources match" (beyond FOND_COUNT_MAX,
 * where they are estimates).  Then, when the soft reading lists passages
 * with some of the words after those with all, how many hold every word,
 * "29 of them hold every word" (else ""). */
void cli_matches_text(const fond_results_t *r, char *buf, size_t size);
void cli_every_word_text(const fond_results_t *r, char *buf, size_t size);

#endif
