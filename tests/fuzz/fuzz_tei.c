/*
 * fuzz_tei.c -- libFuzzer target for lib/tei.h: the bytes sniffed for a
 * TEI root (tei_detect) and read as a TEI edition (tei_read over
 * xml_parse).  Checks what parts.h promises of each document: a text of
 * valid UTF-8 the length said, with no NUL, or a one-line reason it was
 * refused; its fields one line of valid UTF-8, its date eight digits or
 * none (an end only after a start), its names "kind\tname\n" lines of the
 * three kinds; or the file refused with a one-line reason.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "tei.h"
#include "text.h"

static int valid_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t k = text_utf8_length(s + i, n - i);
        if (!k || s[i] == '\0')
            return 0;
        i += k;
    }
    return 1;
}

static int one_line(const char *s)
{
    return !s || (valid_utf8(s, strlen(s)) && !strchr(s, '\n'));
}

static int is_date(const char *d)
{
    if (!*d)
        return 1;
    for (int i = 0; i < 8; i++)
        if (d[i] < '0' || d[i] > '9')
            return 0;
    return d[8] == '\0';
}

static void check_names(const char *names)
{
    for (const char *l = names; l && *l;) {
        FUZZ_CHECK(!strncmp(l, "person\t", 7) || !strncmp(l, "place\t", 6) ||
                   !strncmp(l, "org\t", 4));
        const char *end = strchr(l, '\n');
        FUZZ_CHECK(end != NULL);
        l = end + 1;
    }
}

static void check_part(const part_t *p)
{
    const source_t *f = &p->fields;
    if (!p->text) {
        FUZZ_CHECK(fuzz_one_line(p->failure));
        return;
    }
    FUZZ_CHECK(p->text[p->len] == '\0' && valid_utf8(p->text, p->len));
    const char *const fields[] = {f->title, f->from, f->to, f->place,
                                  f->type, f->archive_ref, f->source_ref,
                                  f->container, p->id};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        FUZZ_CHECK(one_line(fields[i]));
    FUZZ_CHECK(is_date(f->date) && is_date(f->date_end));
    FUZZ_CHECK(!*f->date_end || *f->date);
    FUZZ_CHECK(f->names == NULL || valid_utf8(f->names, strlen(f->names)));
    check_names(f->names);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = (const char *)data;
    (void)tei_detect(bytes, size);
    parts_t parts;
    char err[256] = "";
    fond_status_t st = tei_read(&parts, bytes, size, err, sizeof err);
    if (st == FOND_OK) {
        FUZZ_CHECK(parts.n >= 1 && parts.n <= TEI_MAX_DOCUMENTS);
        for (size_t i = 0; i < parts.n; i++)
            check_part(&parts.parts[i]);
    } else {
        FUZZ_CHECK((st == FOND_ERR_EXTRACT || st == FOND_ERR_NOMEM) &&
                   fuzz_one_line(err));
    }
    parts_free(&parts);
    return 0;
}
