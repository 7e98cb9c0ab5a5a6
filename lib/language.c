/*
 * language.c -- the table of languages fond stems (see language.h).
 */
#include "language.h"

#include <string.h>

#include "analyze.h"

/* Each stemmer, Tesseract's name for its language, then the names and
 * codes a Language header or libexttextcat may give it (ISO 639-1 first,
 * then 639-2).  Snowball has four more that fond leaves out: the snippet
 * maker counts on a stem starting with its word's first letter
 * (test_analyze checks it), and Serbian's stems Cyrillic words in Latin
 * letters, Irish and Indonesian take prefixes off, Arabic its article. */
static const struct {
    const char *stemmer, *tesseract;
    const char *names[7];
} languages[] = {
    {"english", "eng", {"en", "eng", "English"}},
    {"russian", "rus", {"ru", "rus", "Russian", "русский"}},
    {"turkish", "tur", {"tr", "tur", "Turkish", "Türkçe"}},
    {"french", "fra", {"fr", "fra", "fre", "French", "français"}},
    {"german", "deu", {"de", "deu", "ger", "German", "Deutsch"}},
    {"armenian", "hye", {"hy", "hye", "arm", "Armenian", "հայերեն"}},
    {"spanish", "spa", {"es", "spa", "Spanish", "español", "castellano"}},
    {"portuguese", "por", {"pt", "por", "Portuguese", "português"}},
    {"italian", "ita", {"it", "ita", "Italian", "italiano"}},
    {"dutch", "nld", {"nl", "nld", "dut", "Dutch", "Nederlands"}},
    {"danish", "dan", {"da", "dan", "Danish", "dansk"}},
    {"swedish", "swe", {"sv", "swe", "Swedish", "svenska"}},
    {"norwegian", "nor", {"no", "nor", "nb", "nn", "Norwegian", "norsk"}},
    {"finnish", "fin", {"fi", "fin", "Finnish", "suomi"}},
    {"hungarian", "hun", {"hu", "hun", "Hungarian", "magyar"}},
    {"romanian", "ron", {"ro", "ron", "rum", "Romanian", "română"}},
    {"catalan", "cat", {"ca", "cat", "Catalan", "català"}},
    {"basque", "eus", {"eu", "eus", "baq", "Basque", "euskara"}},
    {"lithuanian", "lit", {"lt", "lit", "Lithuanian", "lietuvių"}},
    {"greek", "ell", {"el", "ell", "gre", "Greek", "ελληνικά"}},
    {"hindi", "hin", {"hi", "hin", "Hindi", "हिन्दी"}},
    {"nepali", "nep", {"ne", "nep", "Nepali", "नेपाली"}},
    {"tamil", "tam", {"ta", "tam", "Tamil", "தமிழ்"}},
    {"yiddish", "yid", {"yi", "yid", "Yiddish", "ייִדיש"}},
};

static const char *const stemmers[] = {
    "english", "russian", "turkish", "french", "german", "armenian",
    "spanish", "portuguese", "italian", "dutch", "danish", "swedish",
    "norwegian", "finnish", "hungarian", "romanian", "catalan", "basque",
    "lithuanian", "greek", "hindi", "nepali", "tamil", "yiddish"};

const char *const *language_stemmers(size_t *n)
{
    *n = sizeof stemmers / sizeof *stemmers;
    return stemmers;
}

const char *language_named(const char *name)
{
    char folded[64], other[64];
    size_t n = name ? analyze_fold(name, strlen(name), folded, sizeof folded) : 0;
    for (size_t i = 0; n && i < sizeof languages / sizeof *languages; i++) {
        if (strcmp(folded, languages[i].stemmer) == 0)
            return languages[i].stemmer;
        for (size_t k = 0; k < 7 && languages[i].names[k]; k++) {
            const char *s = languages[i].names[k];
            if (analyze_fold(s, strlen(s), other, sizeof other) &&
                strcmp(folded, other) == 0)
                return languages[i].stemmer;
        }
    }
    return NULL;
}

const char *language_tesseract(const char *stemmer)
{
    for (size_t i = 0; stemmer && i < sizeof languages / sizeof *languages; i++)
        if (strcmp(stemmer, languages[i].stemmer) == 0)
            return languages[i].tesseract;
    return NULL;
}

const char *language_of_tesseract(const char *spec)
{
    size_t n = spec ? strcspn(spec, "+") : 0;
    for (size_t i = 0; n && i < sizeof languages / sizeof *languages; i++)
        if (strlen(languages[i].tesseract) == n &&
            strncmp(spec, languages[i].tesseract, n) == 0)
            return languages[i].stemmer;
    return NULL;
}

/* The languages fond stems that are not written in Latin letters. */
static const char *const not_latin[] = {"russian", "armenian", "greek", "hindi",
                                        "nepali", "tamil", "yiddish"};

int language_latin(const char *stemmer)
{
    for (size_t i = 0; i < sizeof not_latin / sizeof *not_latin; i++)
        if (strcmp(stemmer, not_latin[i]) == 0)
            return 0;
    return language_tesseract(stemmer) != NULL;
}
