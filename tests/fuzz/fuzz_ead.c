/*
 * fuzz_ead.c -- libFuzzer target for lib/ead.h: the bytes detected and
 * read as an EAD finding aid (xml_parse, then fond's walk of archdesc and
 * its components).  Checks what ead.h promises: each part read is valid
 * UTF-8 text of its length, or refused with a reason on one line; its
 * title, reference and link one line each; its date eight digits or none,
 * a range's end not before its start; its hierarchy lines of three fields; the
 * file as a whole fails only with a one-line reason.  With FUZZ_EAD_DUMP
 * set in the environment it prints each part (a look at what is read).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "ead.h"
#include "fuzz.h"

static int valid_line(const char *s)
{
    return !s || (*s && fuzz_one_line(s) &&
                  utf8_valid_prefix(s, strlen(s)) == strlen(s));
}

/* "level\tid\ttitle\n" lines: two tabs a line, every line ended. */
static int valid_hierarchy(const char *h)
{
    if (!h)
        return 1;
    size_t tabs = 0;
    for (const char *s = h; *s; s++) {
        if (*s == '\t')
            tabs++;
        else if (*s == '\n') {
            if (tabs != 2)
                return 0;
            tabs = 0;
        }
    }
    return tabs == 0 && h[strlen(h) - 1] == '\n';
}

/* A range's end is not before its start: its unknown month or day ("00")
 * stands for the last (1912 ends on 31 December). */
static int range_ordered(const char *date, const char *end)
{
    char last[9];
    memcpy(last, end, sizeof last);
    if (strlen(last) == 8 && memcmp(last + 4, "00", 2) == 0)
        memcpy(last + 4, "99", 2);
    if (strlen(last) == 8 && memcmp(last + 6, "00", 2) == 0)
        memcpy(last + 6, "99", 2);
    return strcmp(last, date) >= 0;
}

static void check_part(const part_t *p)
{
    const source_t *f = &p->fields;
    if (getenv("FUZZ_EAD_DUMP"))
        printf("== #%s type=%s title=%s ref=%s date=%s..%s link=%s\n"
               "-- container=%s\n-- hierarchy:\n%s-- names:\n%s-- text:\n%s\n",
               p->id ? p->id : "-", f->type ? f->type : "", f->title ? f->title : "",
               f->archive_ref ? f->archive_ref : "", f->date, f->date_end,
               f->link ? f->link : "", f->container ? f->container : "",
               f->hierarchy ? f->hierarchy : "", f->names ? f->names : "",
               p->text ? p->text : p->failure);
    if (!p->text) {
        FUZZ_CHECK(fuzz_one_line(p->failure));
        return;
    }
    FUZZ_CHECK(p->len > 0 && p->text[p->len] == '\0' && strlen(p->text) == p->len);
    FUZZ_CHECK(utf8_valid_prefix(p->text, p->len) == p->len);
    FUZZ_CHECK(valid_line(f->title) && valid_line(f->archive_ref) &&
               valid_line(f->link) && valid_line(f->container) &&
               valid_line(f->creator) && valid_line(p->id));
    FUZZ_CHECK(strlen(f->date) == 0 || strlen(f->date) == 8);
    FUZZ_CHECK(!f->date_end[0] || (f->date[0] && range_ordered(f->date, f->date_end)));
    FUZZ_CHECK(valid_hierarchy(f->hierarchy));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = (const char *)data;
    (void)ead_detect(bytes, size);
    parts_t parts;
    char err[256] = "";
    fond_status_t st = ead_read(&parts, bytes, size, err, sizeof err);
    if (st == FOND_OK) {
        FUZZ_CHECK(parts.n > 0);
        for (size_t i = 0; i < parts.n; i++)
            check_part(&parts.parts[i]);
    } else {
        FUZZ_CHECK(st == FOND_ERR_EXTRACT || st == FOND_ERR_NOMEM);
        FUZZ_CHECK(fuzz_one_line(err));
    }
    parts_free(&parts);
    return 0;
}
