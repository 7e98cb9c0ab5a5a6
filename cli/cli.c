/*
 * cli.c -- helpers shared by fond's programs: strict number parsing, the
 * database path, mkdir -p, and the words for a search's counts.  See
 * cli.h.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cli_parse_size(const char *s, size_t min, size_t max, size_t *out)
{
    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    char *end = NULL;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return -1;
    *out = (size_t)v;
    return 0;
}

char *cli_db_path(const char *prog, const char *given)
{
    char *path = NULL;
    if (given)
        path = strdup(given);
    else if (fond_db_default_path(&path) != FOND_OK)
        fprintf(stderr, "%s: no database given: use --db DIR or set FOND_DB "
                        "(HOME is not set either)\n", prog);
    return path;
}

const char *cli_variants_path(const char *given)
{
    static const char *const defaults[] = {FOND_DATADIR "/fond/variants.txt",
                                           FOND_SOURCE_DATA "/variants.txt"};
    const char *env = getenv("FOND_VARIANTS");
    if (given)
        return given;
    if (env && *env)
        return env;
    for (size_t i = 0; i < sizeof defaults / sizeof *defaults; i++)
        if (access(defaults[i], R_OK) == 0)
            return defaults[i];
    return NULL;
}

int cli_make_parents(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return -1;
    for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    free(p);
    return 0;
}

void cli_page_text(const fond_hit_t *h, char *buf, size_t size)
{
    if (h->page_label && *h->page_label)
        snprintf(buf, size, "%s", h->page_label);
    else if (h->page_first && h->page_last > h->page_first)
        snprintf(buf, size, "pages %u-%u", h->page_first, h->page_last);
    else if (h->page_first)
        snprintf(buf, size, "page %u", h->page_first);
    else
        snprintf(buf, size, "%s", "");
}

void cli_matches_text(const fond_results_t *r, char *buf, size_t size)
{
    size_t passages = fond_results_passages(r);
    size_t sources = fond_results_sources(r);
    int exact = fond_results_exact(r);
    snprintf(buf, size, "%s%zu passage%s in %zu%s source%s match%s",
             exact ? "" : "About ", passages, passages == 1 ? "" : "s",
             sources, exact ? "" : " or more", sources == 1 ? "" : "s",
             passages == 1 ? "es" : "");
}

void cli_every_word_text(const fond_results_t *r, char *buf, size_t size)
{
    size_t every = fond_results_every_word(r);
    /* counted apart (the strict reading), and a count: an estimate is
     * never below FOND_COUNT_MAX, the number Xapian counts first */
    int about = !fond_results_exact(r) && every >= FOND_COUNT_MAX;
    if (every && every < fond_results_passages(r))
        snprintf(buf, size, "%s%zu of them hold%s every word",
                 about ? "about " : "", every, every == 1 ? "s" : "");
    else
        snprintf(buf, size, "%s", "");
}
