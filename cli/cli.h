/*
 * cli.h -- what fond's programs (fond-index, fond-search, fond.cgi) share:
 * parsing numbers from arguments, finding the database, creating its
 * parent folders, and writing results as JSON.
 */
#ifndef FOND_CLI_H
#define FOND_CLI_H

#include <stdio.h>
#include "fond.h"

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

/* Write the results as one JSON document (schema in README.md). */
void cli_write_json(FILE *out, const char *query,
                    const fond_search_opts_t *opts,
                    const fond_results_t *results);

/* Write a concordance as one JSON document (schema in README.md). */
void cli_write_kwic_json(FILE *out, const char *query, const fond_kwic_t *k);

/* Write s as a JSON string literal, quotes included. */
void cli_write_json_string(FILE *out, const char *s);

/* Where a hit is, to cite: its printed page ("p. 227", "pp. 227-228"),
 * else its place among the source's pages ("page 3", "pages 3-4"); ""
 * for a source with no pages.  Written into buf. */
void cli_page_text(const fond_hit_t *h, char *buf, size_t size);

#endif
