/*
 * fuzz_html.c -- libFuzzer target for lib/htmldoc.h: the bytes sniffed
 * (html_detect) and read as an HTML page through xml_parse and the walks
 * that gather its fields and write its text.  Checks fuzz_markup.h's
 * promises of what was read, and a one-line reason when it is refused.
 */
#include <stdint.h>

#include "fuzz_markup.h"
#include "htmldoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = (const char *)data;
    (void)html_detect(bytes, size);
    extract_t x;
    memset(&x, 0, sizeof x);
    x.format = EXTRACT_HTML;
    char err[256] = "";
    fond_status_t st = html_read(&x, bytes, size, err, sizeof err);
    if (st == FOND_OK)
        fuzz_markup_check(&x, bytes, size);
    else
        FUZZ_CHECK((st == FOND_ERR_EXTRACT || st == FOND_ERR_NOMEM) &&
                   fuzz_one_line(err));
    extract_free(&x);
    return 0;
}
