/*
 * text.h -- the byte-level text tests every module shares, defined once:
 * ASCII white space, digits and letters, UTF-8 continuation bytes (the bytes that do not
 * start a character, so that a cut never splits one), the length of a
 * valid UTF-8 character, and the superscript digits footnote markers are
 * printed in.
 */
#ifndef FOND_TEXT_H
#define FOND_TEXT_H

#include <stddef.h>

/* ' ', tab, newline, carriage return, form feed, vertical tab. */
static inline int text_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* An ASCII digit, '0' to '9'. */
static inline int text_is_digit(char c) { return c >= '0' && c <= '9'; }

/* An ASCII letter, 'a' to 'z' or 'A' to 'Z'. */
static inline int text_is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A UTF-8 continuation byte (10xxxxxx): not the start of a character. */
static inline int text_is_continuation(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

/* The bytes of the UTF-8 character at s[0, n), or 0 if none starts there
 * (a stray continuation byte, an overlong form, a surrogate, beyond
 * U+10FFFF, or cut short). */
static inline size_t text_utf8_length(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
                 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
                 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
        (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
        return 0;
    return len;
}

/* The value of the superscript digit at s[0, n) ("¹" U+00B9, "²" U+00B2,
 * "³" U+00B3, "⁰" U+2070, "⁴".."⁹" U+2074..U+2079) with its length in
 * *len, or -1 if none starts there. */
static inline int text_superscript_digit(const char *text, size_t n,
                                         size_t *len)
{
    const unsigned char *s = (const unsigned char *)text;
    if (n >= 2 && s[0] == 0xC2 && (s[1] == 0xB9 || s[1] == 0xB2 || s[1] == 0xB3)) {
        *len = 2;
        return s[1] == 0xB9 ? 1 : s[1] - 0xB0;
    }
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x81 &&
        (s[2] == 0xB0 || (s[2] >= 0xB4 && s[2] <= 0xB9))) {
        *len = 3;
        return s[2] - 0xB0;
    }
    return -1;
}

#endif
