/*
 * text.h -- the byte-level text tests every module shares, defined once:
 * ASCII white space, and UTF-8 continuation bytes (the bytes that do not
 * start a character, so that a cut never splits one).
 */
#ifndef FOND_TEXT_H
#define FOND_TEXT_H

/* ' ', tab, newline, carriage return, form feed, vertical tab. */
static inline int text_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* A UTF-8 continuation byte (10xxxxxx): not the start of a character. */
static inline int text_is_continuation(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

#endif
