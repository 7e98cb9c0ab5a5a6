/*
 * html.c -- escaping for fond.cgi's pages.  See html.h.
 */
#include "html.h"

#include <stdarg.h>
#include <string.h>

void html_text_n(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; s && i < n; i++) {
        switch (s[i]) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(s[i], out);
        }
    }
}

void html_text(FILE *out, const char *s)
{
    if (s)
        html_text_n(out, s, strlen(s));
}

void html_printf(FILE *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            fputc(*p, out);
            continue;
        }
        p++;
        if (*p == 's')
            html_text(out, va_arg(ap, const char *));
        else if (*p == 'd')
            fprintf(out, "%d", va_arg(ap, int));
        else if (*p == 'u')
            fprintf(out, "%u", va_arg(ap, unsigned));
        else if (p[0] == 'z' && p[1] == 'u')
            fprintf(out, "%zu", va_arg(ap, size_t)), p++;
        else if (*p == '%')
            fputc('%', out);
        else
            break; /* unsupported: stop rather than misread the arguments */
    }
    va_end(ap);
}
