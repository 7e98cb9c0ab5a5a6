/*
 * html.h -- writing untrusted text into an HTML page safely.  Every value
 * fond.cgi did not write itself goes through one of these, chosen by where
 * it lands: element text, a quoted attribute value, or a link built by
 * request_link() (already percent-encoded, then escaped as an attribute).
 */
#ifndef FOND_WEB_HTML_H
#define FOND_WEB_HTML_H

#include <stdio.h>

/* s as element text or as a double-quoted attribute value: & < > " '
 * become character references.  NULL writes nothing. */
void html_text(FILE *out, const char *s);

/* The first n bytes of s, escaped as html_text(). */
void html_text_n(FILE *out, const char *s, size_t n);

/* printf for the page's own markup: each %s argument is escaped with
 * html_text(); %zu, %u and %d are written as numbers.  Other conversions
 * are not supported. */
void html_printf(FILE *out, const char *fmt, ...);

#endif
