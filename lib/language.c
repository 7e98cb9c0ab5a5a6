/*
 * language.c -- the table of languages fond stems (see language.h).
 */
#include "language.h"

#include <string.h>

#include "analyze.h"

static const struct {
    const char *name;
    const char *stemmer;
} languages[] = {
    {"english", "english"}, {"en", "english"}, {"eng", "english"},
    {"russian", "russian"}, {"ru", "russian"}, {"rus", "russian"},
    {"русский", "russian"}, {"turkish", "turkish"}, {"tr", "turkish"},
    {"tur", "turkish"},     {"türkçe", "turkish"}, {"french", "french"},
    {"fr", "french"},       {"german", "german"},   {"de", "german"},
    {"armenian", "armenian"}, {"hy", "armenian"},
};

static const char *const stemmers[] = {"english", "russian", "turkish",
                                       "french", "german", "armenian"};

const char *const *language_stemmers(size_t *n)
{
    *n = sizeof stemmers / sizeof *stemmers;
    return stemmers;
}

const char *language_named(const char *name)
{
    char folded[64];
    size_t n = name ? analyze_fold(name, strlen(name), folded, sizeof folded) : 0;
    for (size_t i = 0; n && i < sizeof languages / sizeof *languages; i++) {
        char known[64];
        analyze_fold(languages[i].name, strlen(languages[i].name), known,
                     sizeof known);
        if (strcmp(folded, known) == 0)
            return languages[i].stemmer;
    }
    return NULL;
}
