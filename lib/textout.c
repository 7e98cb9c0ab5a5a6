/*
 * textout.c -- text written out of a marked-up document (see textout.h).
 */
#include "textout.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "array.h"
#include "extract.h"

static void put(textout_t *t, const char *s, size_t n)
{
    size_t limit = t->limit ? t->limit : EXTRACT_MAX_TEXT;
    if (t->failed || t->full)
        return;
    if (n > limit - t->len) {
        t->full = 1;
        return;
    }
    if (array_reserve(&t->s, &t->cap, t->len + n + 1, 1, 256) != 0) {
        t->failed = 1;
        return;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* U+00A0 (no-break space), which libxml2 gives for &nbsp;. */
static int is_nbsp(const char *s, size_t n, size_t i)
{
    return i + 1 < n && (unsigned char)s[i] == 0xC2 &&
           (unsigned char)s[i + 1] == 0xA0;
}

/* The length of the run of valid UTF-8 that s[0, n) begins with, up to its
 * first white space. */
static size_t utf8_run(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && !is_space((unsigned char)s[i]) && !is_nbsp(s, n, i)) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            break;
        i += (size_t)k;
    }
    return i;
}

void textout_words(textout_t *t, const char *s, size_t n, int keep)
{
    size_t i = 0;
    while (i < n) {
        if (keep && (s[i] == '\n' || s[i] == '\r')) {
            textout_break(t, 1);
            i += s[i] == '\r' && i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
            continue;
        }
        if (is_space((unsigned char)s[i]) || is_nbsp(s, n, i)) {
            t->space = 1;
            i += is_nbsp(s, n, i) ? 2 : 1;
            continue;
        }
        if (t->space && t->breaks == 0)
            put(t, " ", 1);
        while (i < n && !is_space((unsigned char)s[i]) && !is_nbsp(s, n, i)) {
            size_t valid = utf8_run(s + i, n - i);
            put(t, s + i, valid);
            i += valid;
            if (valid == 0) { /* a byte no UTF-8 has: a parser let it by */
                put(t, "\xEF\xBF\xBD", 3);
                i++;
            }
        }
        t->space = 0;
        t->breaks = 0;
    }
}

void textout_tab(textout_t *t)
{
    if (t->breaks == 0)
        put(t, "\t", 1);
    t->space = 0;
}

void textout_break(textout_t *t, int lines)
{
    if (t->len == 0)
        return;
    while (t->breaks < lines) {
        while (t->len && (t->s[t->len - 1] == ' ' || t->s[t->len - 1] == '\t'))
            t->s[--t->len] = '\0'; /* no white space at a line's end */
        put(t, "\n", 1);
        t->breaks++;
    }
}

void textout_raw(textout_t *t, const char *s, size_t n)
{
    put(t, s, n);
    t->breaks = n && s[n - 1] == '\n' ? t->breaks + 1 : 0;
    t->space = 0;
}

int textout_take(textout_t *t, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (!t->failed && !t->s)
        put(t, "", 0);
    if (t->failed) {
        textout_free(t);
        return -1;
    }
    while (t->len && is_space((unsigned char)t->s[t->len - 1]))
        t->s[--t->len] = '\0';
    *out = t->s;
    *len = t->len;
    t->s = NULL;
    textout_free(t);
    return 0;
}

void textout_free(textout_t *t)
{
    free(t->s);
    *t = (textout_t)TEXTOUT_INIT;
}

int textout_collapsed(const char *s, char **out)
{
    *out = NULL;
    if (!s)
        return 0;
    textout_t t = TEXTOUT_INIT;
    textout_words(&t, s, strlen(s), 0);
    size_t len;
    if (textout_take(&t, out, &len) != 0)
        return -1;
    if (!len) {
        free(*out);
        *out = NULL;
    }
    return 0;
}
