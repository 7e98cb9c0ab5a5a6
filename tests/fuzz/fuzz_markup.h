/*
 * fuzz_markup.h -- what fuzz_html and fuzz_office check of a document
 * read from markup (extract.h's EXTRACT_MARKUP formats): the text a
 * string of its length, valid UTF-8, no white space at its ends, never
 * more than one blank line; each field one line of valid UTF-8; the date
 * eight digits or none; and the whole taken back the same from the block
 * extract_save() makes of it (the read-ahead path).
 */
#ifndef FOND_FUZZ_MARKUP_H
#define FOND_FUZZ_MARKUP_H

#include <string.h>
#include <utf8proc.h>

#include "extract.h"
#include "fuzz.h"

static inline int fuzz_utf8(const char *s, size_t n)
{
    utf8proc_int32_t cp;
    for (size_t i = 0; i < n;) {
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return 0;
        i += (size_t)k;
    }
    return 1;
}

static inline void fuzz_field(const char *s)
{
    if (!s)
        return;
    FUZZ_CHECK(*s && !strchr(s, '\n') && fuzz_utf8(s, strlen(s)));
    FUZZ_CHECK(s[0] != ' ' && s[strlen(s) - 1] != ' ');
}

static inline int fuzz_same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static inline void fuzz_markup_check(const extract_t *x, const char *bytes,
                                     size_t len)
{
    FUZZ_CHECK(x->text && x->text[x->len] == '\0' && strlen(x->text) == x->len);
    FUZZ_CHECK(fuzz_utf8(x->text, x->len));
    FUZZ_CHECK(!strstr(x->text, "\n\n\n"));
    FUZZ_CHECK(x->len == 0 || (!strchr(" \t\n", x->text[0]) &&
                               !strchr(" \t\n", x->text[x->len - 1])));
    fuzz_field(x->title);
    fuzz_field(x->author);
    fuzz_field(x->subject);
    fuzz_field(x->rights);
    FUZZ_CHECK(x->doc_date[0] == '\0' || strspn(x->doc_date, "0123456789") == 8);
    FUZZ_CHECK(x->doc_date_end[0] == '\0' ||
               strspn(x->doc_date_end, "0123456789") == 8);
    char *block = NULL, err[256] = "";
    size_t n = 0;
    FUZZ_CHECK(extract_save(x, FOND_OK, "", bytes, len, &block, &n) == FOND_OK);
    extract_t y;
    fond_status_t st = FOND_ERR_ARG;
    FUZZ_CHECK(extract_saved(&y, block, n, bytes, len, "f", NULL, &st, err,
                             sizeof err) == 1);
    FUZZ_CHECK(st == FOND_OK && y.format == x->format && y.len == x->len &&
               memcmp(y.text, x->text, x->len) == 0);
    FUZZ_CHECK(fuzz_same(y.title, x->title) && fuzz_same(y.author, x->author) &&
               fuzz_same(y.subject, x->subject) && fuzz_same(y.rights, x->rights) &&
               strcmp(y.doc_date, x->doc_date) == 0 &&
               strcmp(y.doc_date_end, x->doc_date_end) == 0);
    extract_free(&y);
    free(block);
}

#endif
