/*
 * json.c -- fond's results as JSON, the same document from fond-search
 * --json and fond.cgi?format=json.  The schema is in docs/searching.md.  Strings are
 * UTF-8 already (the engine only stores valid UTF-8), but for a path, whose
 * bytes are the file system's; highlight ranges are given in Unicode code
 * points, as most JSON consumers index strings.
 */
#include "cli.h"
#include "text.h"

#include <string.h>

/* A C1 control is written \u0080-\u009f, as C0 ones are, so that the
 * JSON is safe on a terminal too; a byte that is not UTF-8 (a file name
 * in Latin-1) \ufffd, so that the JSON stays UTF-8. */
void cli_write_json_string(FILE *out, const char *s)
{
    cli_write_json_string_n(out, s, strlen(s));
}

void cli_write_json_string_n(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    while (n && *s) {
        unsigned char c = (unsigned char)*s;
        size_t len = text_utf8_length(s, n);
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c < 0x20 || c == 0x7f)
            fprintf(out, "\\u%04x", c);
        else if (c == '<') /* safe to embed in HTML too */
            fputs("\\u003c", out);
        else if (len == 0)
            fputs("\\ufffd", out);
        else if (len == 2 && c == 0xC2 && (unsigned char)s[1] <= 0x9F)
            fprintf(out, "\\u%04x", (unsigned char)s[1]);
        else
            fwrite(s, 1, len, out);
        len = len ? len : 1;
        s += len, n -= len;
    }
    fputc('"', out);
}

/* Code points in s[0, bytes). */
static size_t code_points(const char *s, size_t bytes)
{
    size_t n = 0;
    for (size_t i = 0; i < bytes; i++)
        n += !text_is_continuation(s[i]);
    return n;
}

static void write_highlights(FILE *out, const fond_hit_t *h)
{
    fputs("[", out);
    for (size_t i = 0; i < h->n_highlights; i++) {
        const fond_span_t *sp = &h->highlights[i];
        fprintf(out, "%s{\"start\": %zu, \"length\": %zu}", i ? ", " : "",
                code_points(h->snippet, sp->start),
                code_points(h->snippet + sp->start, sp->length));
    }
    fputs("]", out);
}

/* The OCR fields: the source's mean word confidence (null when it was not
 * read by OCR), its page's, the boxes of the highlighted words on their
 * page images, and the snippet's words OCR was unsure of (as highlights,
 * in code points). */
static void write_confidence(FILE *out, const char *name, int conf)
{
    if (conf >= 0)
        fprintf(out, ",\n      \"%s\": %d", name, conf);
    else
        fprintf(out, ",\n      \"%s\": null", name);
}

static void write_ocr(FILE *out, const fond_hit_t *h)
{
    write_confidence(out, "ocr_confidence", h->ocr_confidence);
    write_confidence(out, "page_confidence", h->page_confidence);
    fputs(",\n      \"boxes\": [", out);
    for (size_t i = 0; i < h->n_boxes; i++) {
        const fond_box_t *b = &h->boxes[i];
        fprintf(out, "%s{\"page\": %u, \"x\": %d, \"y\": %d, \"w\": %d, "
                     "\"h\": %d, \"page_width\": %u, \"page_height\": %u, "
                     "\"confidence\": ",
                i ? ",\n        " : "\n        ", b->page, b->x, b->y, b->w,
                b->h, b->page_width, b->page_height);
        if (b->confidence >= 0)
            fprintf(out, "%d}", b->confidence);
        else
            fputs("null}", out);
    }
    fputs(h->n_boxes ? "\n      ]" : "]", out);
    fputs(",\n      \"unsure\": [", out);
    for (size_t i = 0; i < h->n_unsure; i++) {
        const fond_unsure_t *u = &h->unsure[i];
        fprintf(out, "%s{\"start\": %zu, \"length\": %zu, \"confidence\": %d}",
                i ? ", " : "", code_points(h->snippet, u->start),
                code_points(h->snippet + u->start, u->length), u->confidence);
    }
    fputs("]", out);
}

static void write_field(FILE *out, const char *name, const char *value)
{
    fprintf(out, ",\n      \"%s\": ", name);
    cli_write_json_string(out, value);
}

/* A note's citation parts, only those it has. */
static void write_note(FILE *out, const fond_note_t *n)
{
    const struct { const char *name, *value; } parts[] = {
        {"archive", n->archive}, {"fond", n->fond}, {"opis", n->opis},
        {"delo", n->delo}, {"sheets", n->sheets}, {"ref_title", n->ref_title},
        {"volume", n->volume}, {"place", n->place},
        {"publisher", n->publisher}, {"year", n->year}, {"pages", n->pages}};
    fprintf(out, "{\"number\": %u, \"text\": ", n->number);
    cli_write_json_string(out, n->text);
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        if (parts[i].value && *parts[i].value) {
            fprintf(out, ", \"%s\": ", parts[i].name);
            cli_write_json_string(out, parts[i].value);
        }
    fputs("}", out);
}

static void write_archival(FILE *out, const fond_hit_t *h)
{
    fputs(",\n      \"dates\": [", out);
    for (size_t i = 0; i < h->n_dates; i++) {
        fputs(i ? ", " : "", out);
        cli_write_json_string(out, h->dates[i]);
    }
    fputs("],\n      \"notes\": [", out);
    for (size_t i = 0; i < h->n_notes; i++) {
        fputs(i ? ",\n        " : "\n        ", out);
        write_note(out, &h->notes[i]);
    }
    fputs(h->n_notes ? "\n      ]" : "]", out);
    fputs(",\n      \"archive_ref\": ", out);
    if (h->archive_ref)
        write_note(out, h->archive_ref);
    else
        fputs("null", out);
    fprintf(out, ",\n      \"source_start\": %zu,\n      \"source_end\": %zu,"
                 "\n      \"more_in_source\": %zu",
            h->source_start, h->source_end, h->more_in_source);
    if (h->page_first) /* pages: null for a source that has none */
        fprintf(out, ",\n      \"page_first\": %u,\n      \"page_last\": %u",
                h->page_first, h->page_last);
    else
        fputs(",\n      \"page_first\": null,\n      \"page_last\": null", out);
    write_field(out, "page_label", h->page_label ? h->page_label : "");
    write_field(out, "attachment", h->attachment ? h->attachment : "");
    fputs(",\n      \"variants\": [", out);
    for (size_t i = 0; i < h->n_variants; i++) {
        fputs(i ? ", " : "", out);
        cli_write_json_string(out, h->variants[i]);
    }
    fputs("]", out);
}

/* "citation": the text to paste, and its parts. */
static void write_citation(FILE *out, const fond_hit_t *h)
{
    cli_citation_t c;
    cli_cite(h, NULL, &c);
    const struct { const char *name, *value; } parts[] = {
        {"title", c.title}, {"from", c.from}, {"to", c.to},
        {"date", c.date}, {"page", c.page}, {"archive", c.archive},
        {"fond", c.fond}, {"opis", c.opis}, {"delo", c.delo},
        {"sheets", c.sheets}, {"reference", c.reference},
        {"type", c.type}, {"date_end", c.date_end}, {"place", c.place},
        {"creator", c.creator}, {"container", c.container},
        {"attachment", c.attachment}, {"cites", c.cites}};
    fputs(",\n      \"citation\": {\"text\": ", out);
    cli_write_json_string(out, c.text);
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        fprintf(out, ", \"%s\": ", parts[i].name);
        cli_write_json_string(out, parts[i].value);
    }
    fputs("}", out);
}

/* "hierarchy": [{"level", "id", "title"}, ...] from the top down to the
 * source's parent (fond_hit_t.hierarchy's lines). */
static void write_hierarchy(FILE *out, const char *hierarchy)
{
    fputs(",\n      \"hierarchy\": [", out);
    cli_level_t lv;
    for (int first = 1; cli_level_next(&hierarchy, &lv); first = 0) {
        fputs(first ? "{\"level\": " : ", {\"level\": ", out);
        cli_write_json_string_n(out, lv.level, lv.level_len);
        fputs(", \"id\": ", out);
        cli_write_json_string_n(out, lv.id, lv.id_len);
        fputs(", \"title\": ", out);
        cli_write_json_string_n(out, lv.title, lv.title_len);
        fputs("}", out);
    }
    fputs("]", out);
}

static void write_hit(FILE *out, const fond_hit_t *h, const cli_export_t *how)
{
    /* every digit the library keeps of a weight (store.cc, WEIGHT_DIGITS):
     * scores compare exactly, over one database or its shards */
    fprintf(out, "    {\n      \"rank\": %zu,\n      \"score\": %.12g", h->rank,
            h->score);
    write_field(out, "path", cli_source_name(h, how));
    write_field(out, "name", h->name && *h->name ? h->name
                                                 : cli_source_name(h, how));
    write_field(out, "title", h->title);
    write_field(out, "passage_id", h->id);
    fprintf(out, ",\n      \"ordinal\": %u", h->ordinal);
    write_field(out, "type", h->type);
    write_field(out, "date", h->date);
    write_field(out, "date_end", h->date_end);
    write_field(out, "from", h->from);
    write_field(out, "to", h->to);
    write_field(out, "place", h->place);
    write_field(out, "language", h->language);
    write_field(out, "creator", h->creator);
    write_field(out, "rights", h->rights);
    write_field(out, "container", h->container);
    write_hierarchy(out, h->hierarchy);
    write_field(out, "link", h->link);
    write_field(out, "text", h->text);
    write_field(out, "snippet", h->snippet);
    fputs(",\n      \"highlights\": ", out);
    write_highlights(out, h);
    write_ocr(out, h);
    write_archival(out, h);
    write_field(out, "added", h->added);
    write_citation(out, h);
    if (how && how->hit_fields)
        how->hit_fields(out, h, how->hit_fields_ctx);
    fputs("\n    }", out);
}

static void write_facets(FILE *out, const fond_results_t *r,
                         const cli_export_t *how)
{
    static const char *const names[] = {"type", "year", "source"};
    fputs(",\n  \"facets\": {", out);
    /* the source facet counts by path: not for the public */
    int kinds = how && how->public_names ? FOND_FACET_SOURCE : FOND_FACET_SOURCE + 1;
    for (int k = 0; k < kinds; k++) {
        size_t n = 0;
        const fond_facet_t *f = fond_results_facet(r, (fond_facet_kind_t)k, &n);
        fprintf(out, "%s\n    \"%s\": {", k ? "," : "", names[k]);
        for (size_t i = 0; i < n; i++) {
            fputs(i ? ", " : "", out);
            cli_write_json_string(out, *f[i].value ? f[i].value : "(none)");
            fprintf(out, ": %zu", f[i].count);
        }
        fputs("}", out);
    }
    fputs("\n  }", out);
}

/* "groups": [{"collection", "passages"}, ...], most passages first, the
 * passages in no collection last (as ""): --group collection. */
static void write_groups(FILE *out, const fond_results_t *r)
{
    size_t n = 0;
    const fond_facet_t *f = fond_results_facet(r, FOND_FACET_COLLECTION, &n);
    fputs(",\n  \"groups\": [", out);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ",\n    {\"collection\": " : "\n    {\"collection\": ", out);
        cli_write_json_string(out, f[i].value);
        fprintf(out, ", \"passages\": %zu}", f[i].count);
    }
    fputs(n ? "\n  ]" : "]", out);
}

void cli_write_json(FILE *out, const char *query,
                    const fond_search_opts_t *opts,
                    const fond_results_t *results)
{
    cli_write_json_for(out, query, opts, results, NULL);
}

void cli_write_json_for(FILE *out, const char *query,
                        const fond_search_opts_t *opts,
                        const fond_results_t *results, const cli_export_t *how)
{
    fputs("{\n  \"query\": ", out);
    cli_write_json_string(out, query);
    fprintf(out, ",\n  \"estimate\": %zu,\n  \"passages\": %zu,\n"
                 "  \"sources\": %zu,\n  \"every_word\": %zu,\n"
                 "  \"exact\": %s,\n  \"offset\": %zu,\n"
                 "  \"limit\": %zu,\n  \"loosened\": %s",
            fond_results_estimate(results), fond_results_passages(results),
            fond_results_sources(results), fond_results_every_word(results),
            fond_results_exact(results) ? "true" : "false", opts->offset,
            opts->limit, fond_results_loosened(results) ? "true" : "false");
    fputs(",\n  \"suggestion\": ", out);
    if (fond_results_suggestion(results))
        cli_write_json_string(out, fond_results_suggestion(results));
    else
        fputs("null", out);
    size_t cut;
    const char *const *wildcards = fond_results_truncated(results, &cut);
    fputs(",\n  \"truncated\": [", out);
    for (size_t i = 0; i < cut; i++) {
        fputs(i ? ", " : "", out);
        cli_write_json_string(out, wildcards[i]);
    }
    fputs("]", out);
    fputs(",\n  \"hits\": [", out);
    size_t n = fond_results_count(results);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ",\n" : "\n", out);
        cli_hit_shown_t shown;
        write_hit(out, cli_hit_for(fond_results_hit(results, i), how, &shown),
                  how);
    }
    fputs(n ? "\n  ]" : "]", out);
    if (opts->facets)
        write_facets(out, results, how);
    if (opts->group)
        write_groups(out, results);
    fputs("\n}\n", out);
}

void cli_write_kwic_json(FILE *out, const char *query, const fond_kwic_t *k)
{
    fputs("{\n  \"query\": ", out);
    cli_write_json_string(out, query);
    fputs(",\n  \"lines\": [", out);
    for (size_t i = 0; i < fond_kwic_count(k); i++) {
        const fond_kwic_line_t *l = fond_kwic_line(k, i);
        fputs(i ? ",\n    {\"path\": " : "\n    {\"path\": ", out);
        cli_write_json_string(out, l->path);
        fprintf(out, ", \"ordinal\": %u, \"left\": ", l->ordinal);
        cli_write_json_string(out, l->left);
        fputs(", \"match\": ", out);
        cli_write_json_string(out, l->match);
        fputs(", \"right\": ", out);
        cli_write_json_string(out, l->right);
        fputs("}", out);
    }
    fputs(fond_kwic_count(k) ? "\n  ]\n}\n" : "]\n}\n", out);
}
