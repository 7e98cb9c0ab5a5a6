/*
 * langid.c -- how often language identification (lib/langid.h) is right,
 * by the length of the text: for each sample bench/langid/<code>.txt (text
 * written for this, one language a file, named by its ISO 639-1 code) and
 * each length, `-n` windows of that many characters starting at a word,
 * drawn with a fixed seed, are identified without a minimum length.  Prints
 * a Markdown table: right, wrong and undecided (no language stood out, or
 * one without a stemmer) per length, over all the languages, and then the
 * worst language at each length.  The minimum length fond uses
 * (LANGID_MIN_CHARS) is chosen from these figures.
 *
 *     langid [-n WINDOWS] [-s SEED] FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "langid.h"
#include "language.h"

static const size_t lengths[] = {10, 15, 20, 30, 40, 50, 60, 80, 120, 200, 400};
#define N_LENGTHS (sizeof lengths / sizeof *lengths)

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    char *s = malloc(*len + 1);
    if (s && fread(s, 1, *len, f) != *len) {
        free(s);
        s = NULL;
    }
    fclose(f);
    if (s)
        s[*len] = '\0';
    return s;
}

/* The code a sample file is named by: ".../fr.txt" -> "fr". */
static void code_of(const char *path, char *code, size_t size)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strcspn(base, ".");
    snprintf(code, size, "%.*s", (int)n, base);
}

/* A window of `chars` characters of s[0, len) from a word start chosen by
 * r, ended at a word end (the text is read as a loop). */
static size_t window(const char *s, size_t len, size_t chars, unsigned r,
                     char *out, size_t size)
{
    size_t at = r % len;
    while (at > 0 && s[at - 1] != ' ' && s[at - 1] != '\n')
        at--;
    size_t o = 0, n = 0;
    for (size_t i = at; o + 4 < size && (n < chars || (s[i % len] != ' ' &&
                                                      s[i % len] != '\n'));
         i++) {
        unsigned char c = (unsigned char)s[i % len];
        out[o++] = (char)c;
        n += (c & 0xC0) != 0x80;
        if (i - at > 4 * len)
            break;
    }
    out[o] = '\0';
    return o;
}

int main(int argc, char **argv)
{
    size_t windows = 300;
    unsigned seed = 16;
    int opt;
    while ((opt = getopt(argc, argv, "n:s:")) != -1) {
        if (opt == 'n')
            windows = (size_t)atol(optarg);
        else if (opt == 's')
            seed = (unsigned)atol(optarg);
        else
            return 2;
    }
    langid_t *id = NULL;
    char err[256];
    if (optind == argc || langid_new(&id, NULL, err, sizeof err) != FOND_OK) {
        fprintf(stderr, "usage: langid [-n WINDOWS] [-s SEED] FILE... (%s)\n",
                optind == argc ? "no sample" : err);
        return 2;
    }
    size_t right[N_LENGTHS] = {0}, wrong[N_LENGTHS] = {0}, none[N_LENGTHS] = {0};
    double worst[N_LENGTHS];
    char worst_code[N_LENGTHS][16];
    for (size_t k = 0; k < N_LENGTHS; k++)
        worst[k] = 2;
    srand(seed);
    for (int f = optind; f < argc; f++) {
        size_t len = 0;
        char *text = slurp(argv[f], &len), code[16], want[16];
        if (!text || len == 0) {
            fprintf(stderr, "langid: %s: cannot read\n", argv[f]);
            return 2;
        }
        code_of(argv[f], want, sizeof want);
        const char *stemmer = language_named(want);
        for (size_t k = 0; k < N_LENGTHS; k++) {
            size_t ok = 0;
            for (size_t w = 0; w < windows; w++) {
                char buf[4096];
                size_t n = window(text, len, lengths[k], (unsigned)rand(), buf, sizeof buf);
                const char *got = langid_identify_min(id, buf, n, 0, code);
                if (!got)
                    none[k]++;
                else if (stemmer && strcmp(got, stemmer) == 0)
                    ok++;
                else
                    wrong[k]++;
            }
            right[k] += ok;
            if ((double)ok / (double)windows < worst[k]) {
                worst[k] = (double)ok / (double)windows;
                snprintf(worst_code[k], sizeof worst_code[k], "%s", want);
            }
        }
        free(text);
    }
    size_t all = windows * (size_t)(argc - optind);
    printf("| characters | right | wrong | undecided | worst language (right) |\n"
           "|---:|---:|---:|---:|---|\n");
    for (size_t k = 0; k < N_LENGTHS; k++)
        printf("| %zu | %.1f%% | %.1f%% | %.1f%% | %s (%.0f%%) |\n", lengths[k],
               100.0 * (double)right[k] / (double)all,
               100.0 * (double)wrong[k] / (double)all,
               100.0 * (double)none[k] / (double)all, worst_code[k], 100 * worst[k]);
    printf("\n%d languages, %zu windows each a length, seed %u; fond's minimum: "
           "%d characters\n", argc - optind, windows, seed, LANGID_MIN_CHARS);
    langid_free(id);
    return 0;
}
