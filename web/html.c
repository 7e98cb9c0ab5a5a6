/*
 * html.c -- escaping for fond.cgi's pages.  See html.h.
 */
#include "html.h"

#include <stdarg.h>
#include <string.h>

#include "cli.h"

/* Control characters as the terminal shows them (cli_char_shown(): ESC
 * as "\x1b"): XML forbids most of them, so a feed holding one would not
 * parse, and a page has no use for them. */
void html_text_n(FILE *out, const char *s, size_t n)
{
    char shown[CLI_SHOWN_MAX];
    for (size_t i = 0; s && i < n;) {
        i += cli_char_shown(s + i, n - i, shown);
        switch (shown[1] ? '\0' : shown[0]) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputs(shown, out);
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
