/*
 * fond-search -- search a fond database from the terminal.
 *
 * Prints ranked passages: rank, source title and passage number, the
 * passage id (what --show and --like take), the source path, and a
 * snippet with the searched words highlighted (bold on a terminal,
 * [brackets] when piped, never colour with NO_COLOR); or, with --json, one
 * JSON document for scripts.  Short options end at the first word of the
 * query, so that a later -word is its NOT; long ones are options anywhere.
 * Exit: 0 hits, 1 none, 2 error.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fond.h"
#include "text.h"

#define PROG "fond-search"
#define MAX_LIMIT 1000
#define MAX_OFFSET 100000

typedef enum { HL_AUTO, HL_BOLD, HL_BRACKETS, HL_NONE } highlight_t;

typedef enum { OUT_TEXT, OUT_JSON, OUT_CSV, OUT_RIS, OUT_BIBTEX } output_t;

typedef struct {
    const char *db;
    fond_search_opts_t search;
    output_t output;
    const char *show;         /* --show ID: read the source of passage ID */
    highlight_t highlight;
    int kwic;                 /* a concordance instead of passages */
    fond_kwic_sort_t kwic_sort;
} options_t;

#define KWIC_WIDTH 40
#define KWIC_LINES 1000

static void usage(FILE *out)
{
    fputs("Usage: " PROG " [OPTION]... WORDS...\n"
          "  or:  " PROG " --show ID [OPTION]... [WORDS]...\n"
          "Search a fond database; print the best passages first, each with its\n"
          "citation.  With --show, print the whole source of passage ID.\n"
          "\n"
          "  -d, --db DIR          the database (default: $FOND_DB, else\n"
          "                        $XDG_DATA_HOME/fond/db, else ~/.local/share/fond/db)\n"
          "  -n, --limit N         show at most N passages (default 10, at most 1000)\n"
          "      --offset N        skip the first N passages (for paging)\n"
          "      --per-source N    at most N passages of one source; say how many\n"
          "                        more it has\n"
          "      --sort HOW        relevance (the default), date (oldest first) or\n"
          "                        added (newest first by when fond-index added it)\n"
          "      --since TIME      only passages added since TIME (YYYY[-MM[-DD]],\n"
          "                        or YYYY-MM-DDTHH:MM:SSZ)\n"
          "      --facets          count the matches by type, year and source\n"
          "      --group collection  the passages under their collection (an EAD\n"
          "                        finding aid's, a TEI edition), each with its count\n"
          "      --like ID         passages like passage ID (WORDS may narrow them)\n"
          "      --kwic            a concordance: each occurrence in its context\n"
          "      --kwic-sort HOW   order of the concordance: rank, left or right\n"
          "      --show ID         print the whole source of passage ID, passage by\n"
          "                        passage, WORDS (if any) highlighted\n"
          "      --json            print one JSON document (schema in docs/searching.md)\n"
          "      --csv             print the hits as CSV (same as --format csv)\n"
          "      --format FORMAT   text, json, csv, ris or bibtex (for Zotero and\n"
          "                        other reference managers)\n"
          "      --highlight WHEN  auto (bold on a terminal, else [brackets]),\n"
          "                        bold, brackets or none\n"
          "  -h, --help            show this help and exit\n"
          "      --version         show the version and exit\n"
          "\n"
          "WORDS are matched in any form (\"signed\" finds \"signs\"), without regard\n"
          "to case or accents (\"sevres\" finds \"Sèvres\"), and names in their\n"
          "other spellings (Tbilisi finds Tiflis).  Passages holding every word\n"
          "come first; if none does, passages holding some of them are shown.\n"
          "Also: \"a phrase\", AND, OR, NOT, +word, -word, ( ), a NEAR/5 b, treat*,\n"
          "type: from: to: place: creator: title: language: archive: fond: opis: delo:,\n"
          "within: (a collection, series or edition by title or identifier),\n"
          "box: folder: reel: ref: (an archival reference: ref:861.51/131, or\n"
          "typed as written: 861.51/131, \"FO 371/6262\"),\n"
          "date:1921-09..1921-10-13.  Options go before WORDS: after the first\n"
          "word, -word is the query's NOT (treaty -ankara); '--' ends options.\n"
          "\n"
          "Exit status: 0 passages found, 1 none found, 2 usage or runtime error.\n"
          "See fond-search(1).\n",
          out);
}

static int bad_usage(const char *msg, const char *arg)
{
    fprintf(stderr, PROG ": %s%s%s\nTry '" PROG " --help' for more "
                    "information.\n", msg, arg ? ": " : "", arg ? arg : "");
    return CLI_EXIT_ERROR;
}

/* Which of the n names s is; -1 if none. */
static int parse_choice(const char *s, const char *const *names, int n,
                        int *out)
{
    for (int i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = i;
            return 0;
        }
    return -1;
}

/* Characters (not bytes) in s[0, n). */
static size_t characters_n(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += !text_is_continuation(s[i]);
    return count;
}

/* Bold only on a terminal that wants it (https://no-color.org). */
static highlight_t resolve_highlight(highlight_t h)
{
    if (h != HL_AUTO)
        return h;
    const char *no_color = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    int tty = isatty(STDOUT_FILENO);
    if (tty && !(no_color && *no_color) && !(term && !strcmp(term, "dumb")))
        return HL_BOLD;
    return HL_BRACKETS;
}

static void print_snippet(const fond_hit_t *h, highlight_t hl)
{
    static const char *const open[] = {"", "\033[1m", "[", ""};
    static const char *const close[] = {"", "\033[0m", "]", ""};
    const char *s = h->snippet;
    size_t at = 0;
    fputs("   ", stdout);
    for (size_t i = 0; i < h->n_highlights; i++) {
        const fond_span_t *sp = &h->highlights[i];
        cli_put_n(stdout, s + at, sp->start - at);
        fputs(open[hl], stdout);
        cli_put_n(stdout, s + sp->start, sp->length);
        fputs(close[hl], stdout);
        at = sp->start + sp->length;
    }
    cli_put(stdout, s + at);
    fputs("\n", stdout);
}

/* The end of a hit's heading line: its passage id, which --show and
 * --like take, dim where the words are bold (a terminal). */
static void print_id(const fond_hit_t *h, highlight_t hl)
{
    printf("  %s%s%s\n", hl == HL_BOLD ? "\033[2m" : "", h->id,
           hl == HL_BOLD ? "\033[0m" : "");
}

/* Where the source sits: its hierarchy as a breadcrumb from the top
 * ("In: Papers of Aurelia Quellborn › Correspondence"), each level by
 * its title (else its id); a source with no hierarchy, its container
 * (a TEI edition) unless that is its own title (an EAD collection). */
static void print_breadcrumb(const fond_hit_t *h)
{
    const char *at = h->hierarchy;
    cli_level_t lv;
    int any = 0;
    while (cli_level_next(&at, &lv)) {
        fputs(any++ ? " \u203A " : "   In: ", stdout);
        if (lv.title_len)
            cli_put_n(stdout, lv.title, lv.title_len);
        else
            cli_put_n(stdout, lv.id, lv.id_len);
    }
    if (!any && *h->container && strcmp(h->container, h->title) != 0)
        cli_printf(stdout, "   In: %s", h->container), any = 1;
    if (any)
        fputs("\n", stdout);
    if (*h->link)
        cli_printf(stdout, "   Digitised copy: %s\n", h->link);
}

/* "telegram, 1921-07-21, M. D. Huseynov to Yusif Kamal": what the source
 * says of itself ("n.d." when it has no date), its language when it is not
 * English, the default ("..., in german"), so a reader knows which
 * stemmer found it, and for a source read by OCR its mean word confidence
 * ("OCR 87%"), so that a reader knows how far to trust its text; then the
 * edition it is in, who made it and its rights, when known. */
static void print_source_line(const fond_hit_t *h)
{
    char date[100];
    cli_date_text(h, 0, date, sizeof date); /* "n.d." when undated */
    const char *parts[] = {h->type, date, h->place};
    int any = 0;
    for (size_t i = 0; i < 3; i++)
        if (*parts[i])
            cli_printf(stdout, "%s%s", any++ ? ", " : "   ", parts[i]);
    if (*h->from || *h->to)
        cli_printf(stdout, "%s%s%s%s", any++ ? ", " : "   ", *h->from ? h->from : "?",
               *h->to ? " to " : "", h->to);
    if (*h->language && strcmp(h->language, "english") != 0)
        cli_printf(stdout, "%sin %s", any++ ? ", " : "   ", h->language);
    if (h->ocr_confidence >= 0) /* read by OCR: how sure it was */
        printf("%sOCR %d%%", any++ ? ", " : "   ", h->ocr_confidence);
    fputs("\n", stdout);
    print_breadcrumb(h);
    if (*h->creator)
        cli_printf(stdout, "   Creator: %s\n", h->creator);
    if (*h->rights)
        cli_printf(stdout, "   Rights: %s\n", h->rights);
}

static void print_variants(const fond_hit_t *h)
{
    for (size_t i = 0; i < h->n_variants; i++)
        cli_printf(stdout, "%s%s", i ? ", " : "   matched as: ", h->variants[i]);
    if (h->n_variants)
        fputs("\n", stdout);
}

/* Where the source is kept: its own reference, not what it cites. */
static void print_kept_at(const fond_hit_t *h)
{
    if (h->archive_ref)
        cli_printf(stdout, "   Kept at: %s\n", h->archive_ref->text);
}

static void print_notes(const fond_hit_t *h)
{
    print_kept_at(h);
    for (size_t i = 0; i < h->n_notes; i++)
        cli_printf(stdout, "   [%u] %s\n", h->notes[i].number, h->notes[i].text);
}

static void print_citation(const fond_hit_t *h)
{
    cli_citation_t c;
    cli_cite(h, NULL, &c);
    cli_printf(stdout, "   Cite: %s\n", c.text);
    if (*c.cites) /* what the passage's footnotes cite: not the source */
        cli_printf(stdout, "   Cites: %s\n", c.cites);
}

/* The facets, "(none)" for the passages without a type or a date. */
static void print_facets(const fond_results_t *r)
{
    static const char *const names[] = {"type", "year", "source"};
    for (int k = 0; k <= FOND_FACET_SOURCE; k++) {
        size_t n = 0;
        const fond_facet_t *f = fond_results_facet(r, (fond_facet_kind_t)k, &n);
        printf("By %s%s:", names[k], fond_results_exact(r) ? "" : " (about)");
        for (size_t i = 0; i < n; i++)
            cli_printf(stdout, "%s %s (%zu)", i ? "," : "",
                       *f[i].value ? f[i].value : "(none)", f[i].count);
        puts(n ? "" : " -");
    }
}

/* What matches, and which of the list this page shows:
 *   53 passages in 17 sources match; 29 of them hold every word.
 *   Passages 1-10 of 23, at most 3 of each source: the other 30 are
 *   behind "more in this source". */
static void print_counts(const fond_results_t *r, const options_t *o)
{
    size_t n = fond_results_count(r), all = fond_results_estimate(r);
    size_t passages = fond_results_passages(r);
    const char *about = fond_results_exact(r) ? "" : "about ";
    char matches[128], every[64];
    if (!passages) {
        puts("No passages found.");
        return;
    }
    cli_matches_text(r, matches, sizeof matches);
    cli_every_word_text(r, every, sizeof every);
    printf("%s%s%s.\n", matches, *every ? "; " : "", every);
    if (n)
        printf("Passages %zu-%zu of %s%zu", o->search.offset + 1,
               o->search.offset + n, about, all);
    else
        printf("No passages from %zu on: the list holds %s%zu",
               o->search.offset + 1, about, all);
    if (o->search.per_source && all < passages && *about)
        printf(", at most %zu of each source: the others are behind "
               "\"more in this source\"", o->search.per_source);
    else if (o->search.per_source && all < passages)
        printf(", at most %zu of each source: the other %zu are behind "
               "\"more in this source\"", o->search.per_source,
               passages - all);
    puts(".");
}

static void print_hit(const fond_results_t *r, const fond_hit_t *h,
                      highlight_t hl)
{
    char page[CLI_PAGE_TEXT_MAX];
    cli_page_text(h, page, sizeof page);
    char title[1024];
    cli_title_text(h, NULL, title, sizeof title);
    cli_printf(stdout, "%zu. %s, passage %u%s%s", h->rank, title, h->ordinal,
               *page ? ", " : "", page);
    print_id(h, hl);
    print_source_line(h);
    cli_printf(stdout, "   %s\n", h->path);
    print_snippet(h, hl);
    print_variants(h);
    print_notes(h);
    print_citation(h);
    if (h->more_in_source)
        printf("   (%s%zu more in this source)\n",
               fond_results_exact(r) ? "" : "at least ", h->more_in_source);
    fputs("\n", stdout);
}

/* --group collection: the hits of this page under their collections, the
 * collection with the most matching passages first, each with its count
 * ("== Papers of Aurelia Quellborn: 12 passages"); those in none last. */
static void print_groups(const fond_results_t *r, highlight_t hl)
{
    size_t n = fond_results_count(r), groups = 0;
    const fond_facet_t *g = fond_results_facet(r, FOND_FACET_COLLECTION, &groups);
    const char *about = fond_results_exact(r) ? "" : "about ";
    char *shown = calloc(n + 1, 1);
    for (size_t k = 0; shown && k <= groups; k++) {
        /* k == groups: a hit no group counted (a count of some matches) */
        const char *name = k < groups ? g[k].value : NULL;
        int any = 0;
        for (size_t i = 0; i < n; i++) {
            const fond_hit_t *h = fond_results_hit(r, i);
            if (shown[i] || (name && strcmp(h->container, name) != 0))
                continue;
            if (!any++ && name)
                cli_printf(stdout, "== %s: %s%zu passage%s\n\n",
                           *name ? name : "(no collection)", about, g[k].count,
                           g[k].count == 1 ? "" : "s");
            else if (!name && any == 1)
                puts("== (other)\n");
            shown[i] = 1;
            print_hit(r, h, hl);
        }
    }
    for (size_t i = 0; !shown && i < n; i++) /* out of memory: as they come */
        print_hit(r, fond_results_hit(r, i), hl);
    free(shown);
}

static void print_text(const fond_results_t *r, const options_t *o)
{
    size_t n = fond_results_count(r);
    highlight_t hl = resolve_highlight(o->highlight);
    if (fond_results_suggestion(r))
        cli_printf(stdout, "Did you mean: %s\n\n", fond_results_suggestion(r));
    if (fond_results_loosened(r))
        puts("No passage holds every word; showing passages that hold some.\n");
    size_t cut;
    const char *const *wildcards = fond_results_truncated(r, &cut);
    for (size_t i = 0; i < cut; i++)
        printf("%s begins more than %d words: searched for the first %d "
               "alone.\n\n", wildcards[i], FOND_WILDCARD_MAX, FOND_WILDCARD_MAX);
    if (o->search.group)
        print_groups(r, hl);
    else
        for (size_t i = 0; i < n; i++)
            print_hit(r, fond_results_hit(r, i), hl);
    print_counts(r, o);
    if (o->search.facets)
        print_facets(r);
}

/* The words of the command line as one query string. */
static char *join_words(char **words, int n)
{
    size_t len = 1;
    for (int i = 0; i < n; i++)
        len += strlen(words[i]) + 1;
    char *q = malloc(len);
    if (!q)
        return NULL;
    q[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (i)
            strcat(q, " ");
        strcat(q, words[i]);
    }
    return q;
}

static size_t characters(const char *s)
{
    return characters_n(s, strlen(s));
}

/* Pad to `width` characters (not bytes) on the left, or on the right. */
static void print_right_aligned(const char *s, size_t width)
{
    for (size_t i = characters(s); i < width; i++)
        fputc(' ', stdout);
    cli_put(stdout, s);
}

static void print_left_aligned(const char *s, size_t width)
{
    cli_put(stdout, s);
    for (size_t i = characters(s); i < width; i++)
        fputc(' ', stdout);
}

static void print_kwic(const fond_kwic_t *k, highlight_t hl)
{
    static const char *const open[] = {"", "\033[1m", "[", ""};
    static const char *const close[] = {"", "\033[0m", "]", ""};
    for (size_t i = 0; i < fond_kwic_count(k); i++) {
        const fond_kwic_line_t *l = fond_kwic_line(k, i);
        print_right_aligned(l->left, KWIC_WIDTH);
        printf(" %s", open[hl]);
        cli_put(stdout, l->match);
        fputs(close[hl], stdout);
        print_left_aligned(l->right, KWIC_WIDTH);
        cli_printf(stdout, "  %s, passage %u\n", l->path, l->ordinal);
    }
}

static int run_kwic(fond_db_t *db, const options_t *o, const char *query)
{
    fond_kwic_t *k = NULL;
    if (fond_db_kwic(db, query, KWIC_WIDTH, o->kwic_sort, KWIC_LINES, &k) !=
        FOND_OK) {
        cli_printf(stderr, PROG ": %s\n", fond_db_error(db));
        return CLI_EXIT_ERROR;
    }
    if (o->output == OUT_JSON)
        cli_write_kwic_json(stdout, query, k);
    else
        print_kwic(k, resolve_highlight(o->highlight));
    int rc = fond_kwic_count(k) ? CLI_EXIT_OK : CLI_EXIT_NONE;
    fond_kwic_free(k);
    return rc;
}

/* The snippet of a shown passage (its whole text), words highlighted,
 * wrapped at 76 columns and indented. */
static void print_wrapped(const fond_hit_t *h, highlight_t hl)
{
    static const char *const open[] = {"", "\033[1m", "[", ""};
    static const char *const close[] = {"", "\033[0m", "]", ""};
    const char *s = h->snippet;
    size_t k = 0, col = 0;
    while (*s) {
        size_t word = strcspn(s, " "), at = (size_t)(s - h->snippet);
        if (col && col + characters_n(s, word) > 72) {
            fputs("\n   ", stdout);
            col = 0;
        } else if (col) {
            fputc(' ', stdout);
            col++;
        } else {
            fputs("   ", stdout);
        }
        size_t run = 0; /* s[run, i): bytes not yet written */
        for (size_t i = 0; i < word; i++, at++) {
            while (k < h->n_highlights &&
                   h->highlights[k].start + h->highlights[k].length <= at)
                k++;
            int in = k < h->n_highlights && at >= h->highlights[k].start;
            if (in && at == h->highlights[k].start) {
                cli_put_n(stdout, s + run, i - run);
                fputs(open[hl], stdout);
                run = i;
            }
            if (in && at + 1 == h->highlights[k].start + h->highlights[k].length) {
                cli_put_n(stdout, s + run, i + 1 - run);
                fputs(close[hl], stdout);
                run = i + 1;
            }
        }
        cli_put_n(stdout, s + run, word - run);
        col += characters_n(s, word);
        s += word;
        s += *s == ' ';
    }
    fputs("\n", stdout);
}

/* The ordinal a passage id ends with ("...-3": 3), 0 for a source id. */
static unsigned id_ordinal(const char *id)
{
    const char *dash = strrchr(id, '-');
    return dash ? (unsigned)strtoul(dash + 1, NULL, 10) : 0;
}

/* A source whole: its header, then each passage with its number (the one
 * asked for marked with '>'), footnotes and their citations. */
static void print_source(const fond_results_t *r, const options_t *o)
{
    const fond_hit_t *first = fond_results_hit(r, 0);
    unsigned marked = id_ordinal(o->show);
    highlight_t hl = resolve_highlight(o->highlight);
    char title[1024];
    cli_title_text(first, NULL, title, sizeof title);
    cli_printf(stdout, "%s\n", title);
    print_source_line(first);
    cli_printf(stdout, "   %s\n", first->path);
    print_kept_at(first);
    printf("   %zu passage%s\n\n", fond_results_count(r),
           fond_results_count(r) == 1 ? "" : "s");
    for (size_t i = 0; i < fond_results_count(r); i++) {
        const fond_hit_t *h = fond_results_hit(r, i);
        char page[CLI_PAGE_TEXT_MAX];
        cli_page_text(h, page, sizeof page);
        cli_printf(stdout, "%s[%u]%s%s\n", h->ordinal == marked ? "> " : "", h->ordinal,
               *page ? " " : "", page);
        print_wrapped(h, hl);
        for (size_t n = 0; n < h->n_notes; n++) {
            const fond_note_t *note = &h->notes[n];
            cli_printf(stdout, "   note %u: %s\n", note->number, note->text);
            if (*note->archive)
                cli_printf(stdout, "      archive %s%s%s%s%s%s%s%s%s\n", note->archive,
                       *note->fond ? ", fond " : "", note->fond,
                       *note->opis ? ", opis " : "", note->opis,
                       *note->delo ? ", delo " : "", note->delo,
                       *note->sheets ? ", sheets " : "", note->sheets);
            else if (*note->ref_title)
                cli_printf(stdout, "      %s%s%s%s%s%s%s\n", note->ref_title,
                       *note->volume ? ", vol. " : "", note->volume,
                       *note->year ? ", " : "", note->year,
                       *note->pages ? ", p. " : "", note->pages);
        }
        if (h->ordinal == marked)
            print_citation(h);
        fputs("\n", stdout);
    }
}

static int run_show(fond_db_t *db, const options_t *o, const char *query)
{
    fond_results_t *r = NULL;
    if (fond_db_show(db, o->show, query, &r) != FOND_OK) {
        cli_printf(stderr, PROG ": %s\n", fond_db_error(db));
        return CLI_EXIT_ERROR;
    }
    fond_search_opts_t all = FOND_SEARCH_OPTS_INIT; /* the page: all of it */
    all.limit = fond_results_count(r);
    if (o->output == OUT_JSON)
        cli_write_json(stdout, query, &all, r);
    else
        print_source(r, o);
    fond_results_free(r);
    return CLI_EXIT_OK;
}

static int run_search(fond_db_t *db, const options_t *o, const char *query)
{
    fond_results_t *r = NULL;
    if (fond_db_search(db, query, &o->search, &r) != FOND_OK) {
        cli_printf(stderr, PROG ": %s\n", fond_db_error(db));
        return CLI_EXIT_ERROR;
    }
    switch (o->output) {
    case OUT_JSON: cli_write_json(stdout, query, &o->search, r); break;
    case OUT_CSV: cli_write_csv(stdout, r, NULL); break;
    case OUT_RIS: cli_write_ris(stdout, r, NULL); break;
    case OUT_BIBTEX: cli_write_bibtex(stdout, r, NULL); break;
    case OUT_TEXT: print_text(r, o); break;
    }
    int rc = fond_results_count(r) ? CLI_EXIT_OK : CLI_EXIT_NONE;
    fond_results_free(r);
    return rc;
}

static int search(const options_t *o, const char *query)
{
    char *path = cli_db_path(PROG, o->db);
    if (!path)
        return CLI_EXIT_ERROR;
    fond_db_t *db = NULL;
    fond_error_t err;
    fond_status_t st = fond_db_open(&db, path, FOND_DB_READ, &err);
    free(path);
    if (st != FOND_OK) {
        cli_printf(stderr, PROG ": %s%s\n", err.message,
                st == FOND_ERR_NODB ? " (index some files with fond-index first)"
                                    : "");
        return CLI_EXIT_ERROR;
    }
    int rc = o->show ? run_show(db, o, query)
             : o->kwic ? run_kwic(db, o, query) : run_search(db, o, query);
    fond_db_close(db);
    return rc;
}

/* Does the long option arg ("--name" or "--name=value") take its value
 * from the next argument? */
static int takes_next(const struct option *options, const char *arg)
{
    size_t len = strcspn(arg + 2, "=");
    for (const struct option *p = options; p->name; p++)
        if (strlen(p->name) == len && strncmp(p->name, arg + 2, len) == 0)
            return p->has_arg == required_argument && !arg[2 + len];
    return 0;
}

/* Move the long options typed after the words ("treaty --json") before
 * them, each with its value, so that only a single '-' after the first
 * word is the query's NOT ("treaty -ankara"): a "--json" at the end is
 * what its writer meant, never the word "-json" left out.  "--" still
 * ends the options: every argument after it is a word. */
static void long_options_first(int argc, char **argv,
                               const struct option *options)
{
    int first = 1; /* where the words start */
    while (first < argc && argv[first][0] == '-' && strcmp(argv[first], "--"))
        first += 1 + (argv[first][1] == '-' ? takes_next(options, argv[first])
                      : strchr("dn", argv[first][1]) && !argv[first][2]);
    for (int i = first; i < argc && strcmp(argv[i], "--"); i++) {
        if (strncmp(argv[i], "--", 2) != 0 || !argv[i][2])
            continue;
        int n = 1 + (takes_next(options, argv[i]) && i + 1 < argc);
        char *moved[2] = {argv[i], argv[i + n - 1]};
        memmove(argv + first + n, argv + first, (size_t)(i - first) * sizeof *argv);
        for (int k = 0; k < n; k++)
            argv[first + k] = moved[k];
        first += n;
        i += n - 1;
    }
}

static int parse_options(int argc, char **argv, options_t *o)
{
    static const struct option options[] = {
        {"db", required_argument, NULL, 'd'},
        {"limit", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, 'o'},
        {"json", no_argument, NULL, 'j'},
        {"highlight", required_argument, NULL, 'H'},
        {"per-source", required_argument, NULL, 'P'},
        {"sort", required_argument, NULL, 'S'},
        {"facets", no_argument, NULL, 'F'},
        {"group", required_argument, NULL, 'G'},
        {"like", required_argument, NULL, 'L'},
        {"kwic", no_argument, NULL, 'K'},
        {"kwic-sort", required_argument, NULL, 'k'},
        {"show", required_argument, NULL, 's'},
        {"since", required_argument, NULL, 'T'},
        {"csv", no_argument, NULL, 'c'},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    static const char *const highlights[] = {"auto", "bold", "brackets", "none"};
    static const char *const sorts[] = {"relevance", "date", "added"};
    static const char *const formats[] = {"text", "json", "csv", "ris", "bibtex"};
    static const char *const kwic_sorts[] = {"rank", "left", "right"};
    int c, choice;
    /* "+": options end at the first word, so a later "-word" is the
     * query's NOT (treaty -ankara), as in git grep and rg; a later
     * "--option" is an option still. */
    long_options_first(argc, argv, options);
    while ((c = getopt_long(argc, argv, "+d:n:h", options, NULL)) != -1) {
        switch (c) {
        case 'd': o->db = optarg; break;
        case 'j': o->output = OUT_JSON; break;
        case 'c': o->output = OUT_CSV; break;
        case 'f':
            if (parse_choice(optarg, formats, 5, &choice))
                return bad_usage("--format takes text, json, csv, ris or bibtex",
                                 optarg);
            o->output = (output_t)choice;
            break;
        case 's': o->show = optarg; break;
        case 'T':
            if (!fond_time_valid(optarg))
                return bad_usage("--since takes YYYY, YYYY-MM, YYYY-MM-DD or "
                                 "YYYY-MM-DDTHH:MM:SSZ", optarg);
            o->search.since = optarg;
            break;
        case 'n':
            if (cli_parse_size(optarg, 1, MAX_LIMIT, &o->search.limit))
                return bad_usage("--limit takes a number from 1 to 1000", optarg);
            break;
        case 'o':
            if (cli_parse_size(optarg, 0, MAX_OFFSET, &o->search.offset))
                return bad_usage("--offset takes a number from 0 to 100000",
                                 optarg);
            break;
        case 'H':
            if (parse_choice(optarg, highlights, 4, &choice))
                return bad_usage("--highlight takes auto, bold, brackets or "
                                 "none", optarg);
            o->highlight = (highlight_t)choice;
            break;
        case 'P':
            if (cli_parse_size(optarg, 1, MAX_LIMIT, &o->search.per_source))
                return bad_usage("--per-source takes a number from 1 to 1000",
                                 optarg);
            break;
        case 'S':
            if (parse_choice(optarg, sorts, 3, &choice))
                return bad_usage("--sort takes relevance, date or added", optarg);
            o->search.sort = (fond_sort_t)choice;
            break;
        case 'F': o->search.facets = 1; break;
        case 'G':
            if (strcmp(optarg, "collection") != 0)
                return bad_usage("--group takes collection", optarg);
            o->search.group = 1;
            break;
        case 'L': o->search.like = optarg; break;
        case 'K': o->kwic = 1; break;
        case 'k':
            if (parse_choice(optarg, kwic_sorts, 3, &choice))
                return bad_usage("--kwic-sort takes rank, left or right", optarg);
            o->kwic_sort = (fond_kwic_sort_t)choice;
            break;
        case 'h': usage(stdout); return -1;
        case 'V': puts(PROG " " FOND_VERSION); return -1;
        default:
            return bad_usage("unknown option (to search for a word that starts "
                             "with '-', put it after another word, as in "
                             "'treaty -ankara', or after '--')", NULL);
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    options_t o = {NULL, FOND_SEARCH_OPTS_INIT, OUT_TEXT, NULL, HL_AUTO, 0,
                   FOND_KWIC_SOURCE_ORDER};
    int rc = parse_options(argc, argv, &o);
    if (rc == -1)
        return CLI_EXIT_OK;
    if (rc != 0)
        return rc;
    if (optind == argc && !o.search.like && !o.show)
        return bad_usage("no WORDS to search for", NULL);
    if (o.show && (o.kwic || o.search.like || (o.output != OUT_TEXT &&
                                                o.output != OUT_JSON)))
        return bad_usage("--show goes with WORDS, --json and --highlight only",
                         NULL);
    char *query = join_words(argv + optind, argc - optind);
    if (!query) {
        fputs(PROG ": out of memory\n", stderr);
        return CLI_EXIT_ERROR;
    }
    rc = search(&o, query);
    free(query);
    return rc;
}
