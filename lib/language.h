/*
 * language.h -- the languages fond stems, and the names a source's Language
 * header (or a query's language: field, or libexttextcat) may give each:
 * "Russian", "ru", "rus", "русский" all name Snowball's "russian" stemmer;
 * and Tesseract's name for each.
 */
#ifndef FOND_LANGUAGE_H
#define FOND_LANGUAGE_H

#include <stddef.h>

/* The Snowball stemmer a language name stands for (case and accents do not
 * matter), or NULL for a name fond does not know. */
const char *language_named(const char *name);

/* The Snowball stemmers fond uses, English first; *n is set to their
 * number. */
const char *const *language_stemmers(size_t *n);

/* Tesseract's name for a stemmer's language ("german" -> "deu"), for
 * choosing the traineddata to read a scan with; NULL if none. */
const char *language_tesseract(const char *stemmer);

/* The stemmer of the language a Tesseract spec reads first ("deu+eng" ->
 * "german"), or NULL when fond stems no such language. */
const char *language_of_tesseract(const char *spec);

/* Whether a stemmer's language is written in Latin letters. */
int language_latin(const char *stemmer);

#endif
