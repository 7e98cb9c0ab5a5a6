/*
 * cli.c -- helpers shared by fond's programs: strict number parsing, the
 * database path, mkdir -p, the words for a search's counts, and text made
 * safe for a terminal.  See cli.h.
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text.h"

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
    const char *file = h->attachment ? h->attachment : "";
    int n = *file ? snprintf(buf, size, "attachment %s", file) : 0;
    size_t at = n > 0 && (size_t)n < size ? (size_t)n : 0;
    const char *comma = at ? ", " : "";
    if (h->page_label && *h->page_label)
        snprintf(buf + at, size - at, "%s%s", comma, h->page_label);
    else if (h->page_first && h->page_last > h->page_first)
        snprintf(buf + at, size - at, "%spages %u-%u", comma, h->page_first,
                 h->page_last);
    else if (h->page_first)
        snprintf(buf + at, size - at, "%spage %u", comma, h->page_first);
    else
        buf[at] = '\0';
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

size_t cli_char_shown(const char *s, size_t n, char shown[CLI_SHOWN_MAX])
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = text_utf8_length(s, n);
    int control = len == 0 || /* a byte that is not UTF-8 */
                  (len == 1 && (u[0] < 0x20 || u[0] == 0x7F) &&
                   u[0] != '\n' && u[0] != '\t') ||
                  (len == 2 && u[0] == 0xC2 && u[1] <= 0x9F); /* C1 */
    if (!control) {
        memcpy(shown, s, len);
        shown[len] = '\0';
        return len;
    }
    snprintf(shown, CLI_SHOWN_MAX, "\\x%02x", len == 2 ? u[1] : u[0]);
    return len ? len : 1;
}

void cli_put_n(FILE *out, const char *s, size_t n)
{
    char shown[CLI_SHOWN_MAX];
    for (size_t i = 0; i < n;) {
        i += cli_char_shown(s + i, n - i, shown);
        fputs(shown, out);
    }
}

void cli_put(FILE *out, const char *s)
{
    if (s)
        cli_put_n(out, s, strlen(s));
}

void cli_printf(FILE *out, const char *fmt, ...)
{
    char small[512], *big = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof small && (big = malloc((size_t)n + 1))) {
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    /* out of memory for a long line: its first bytes rather than nothing */
    cli_put_n(out, big ? big : small,
              big ? (size_t)n : strnlen(small, sizeof small));
    free(big);
}
