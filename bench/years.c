/*
 * years.c -- how often the years dates_find reads (lib/dates.h) are the
 * years a sentence really mentions: over lines "YEARS<TAB>sentence"
 * (bench/years/gen.py), the real years found, the real years missed and
 * the numbers taken for years.
 *
 *     build/years-accuracy sentences.tsv
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"

/* Remove the first y from years[0, *n); 1 if it was there. */
static int take(int *years, size_t *n, int y)
{
    for (size_t i = 0; i < *n; i++)
        if (years[i] == y) {
            years[i] = years[--*n];
            return 1;
        }
    return 0;
}

int main(int argc, char **argv)
{
    FILE *f = argc == 2 ? fopen(argv[1], "r") : NULL;
    if (!f) {
        fprintf(stderr, "usage: years-accuracy sentences.tsv\n");
        return 2;
    }
    char line[4096];
    long real = 0, found = 0, missed = 0, wrong = 0, lines = 0;
    while (fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        int want[16];
        size_t n_want = 0;
        for (char *p = strtok(line, " "); p && n_want < 16; p = strtok(NULL, " "))
            if (strcmp(p, "-") != 0)
                want[n_want++] = atoi(p);
        real += (long)n_want;
        const char *text = tab + 1;
        date_mention_t *d = NULL;
        size_t n = 0;
        if (dates_find(text, strlen(text), 0, &d, &n) != FOND_OK)
            return 1;
        for (size_t i = 0; i < n; i++) {
            if (take(want, &n_want, d[i].year))
                found++;
            else
                wrong++;
        }
        missed += (long)n_want;
        free(d);
        lines++;
    }
    fclose(f);
    printf("%ld sentences, %ld real years: %ld found, %ld missed; %ld numbers "
           "taken for years\n", lines, real, found, missed, wrong);
    return 0;
}
