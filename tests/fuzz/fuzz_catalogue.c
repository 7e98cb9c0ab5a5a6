/*
 * fuzz_catalogue.c -- libFuzzer target for catalogue_parse() (lib/catalogue.h):
 * the bytes as a fond-catalogue.csv.  Checks what the header promises: any
 * bytes are read (FOND_OK; FOND_ERR_NOMEM only when memory runs out), the
 * rows are sorted by file with no file twice, each file a plain relative
 * path in UTF-8, each field and problem valid UTF-8 on one line, each problem's line
 * inside the input and the problems in the order of their lines.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "catalogue.h"
#include "fuzz.h"

/* Lines in the input, for the bound on a problem's line. */
static unsigned lines_in(const uint8_t *data, size_t size)
{
    unsigned n = 1;
    for (size_t i = 0; i < size; i++)
        n += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
    return n;
}

static int one_line_utf8(const char *s)
{
    size_t n = strlen(s);
    return !strchr(s, '\n') && !strchr(s, '\r') && utf8_valid_prefix(s, n) == n;
}

static void check_row(const catalogue_row_t *row, unsigned lines)
{
    const source_t *f = &row->fields;
    FUZZ_CHECK(row->line >= 1 && row->line <= lines);
    FUZZ_CHECK(row->file[0] && row->file[0] != '/' &&
               utf8_valid_prefix(row->file, strlen(row->file)) == strlen(row->file));
    FUZZ_CHECK(!strstr(row->file, "//") && strcmp(row->file, "..") != 0 &&
               strncmp(row->file, "../", 3) != 0 && !strstr(row->file, "/../"));
    FUZZ_CHECK(strlen(row->hash) == 16);
    const char *strings[] = {f->title, f->type, f->from, f->to, f->place,
                             f->language, f->archive_ref, f->source_ref,
                             f->creator, f->rights};
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        FUZZ_CHECK(!strings[i] || (strings[i][0] && one_line_utf8(strings[i])));
    FUZZ_CHECK(f->date[0] == '\0' || strlen(f->date) == 8);
    FUZZ_CHECK(f->date_end[0] == '\0' || (strlen(f->date_end) == 8 && f->date[0]));
    FUZZ_CHECK(!f->notes && !f->n_notes);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    catalogue_t c;
    fond_status_t st = catalogue_parse((const char *)data, size, &c);
    FUZZ_CHECK(st == FOND_OK || st == FOND_ERR_NOMEM);
    unsigned lines = lines_in(data, size);
    for (size_t i = 0; i < c.n_rows; i++) {
        check_row(&c.rows[i], lines);
        FUZZ_CHECK(i == 0 || strcmp(c.rows[i - 1].file, c.rows[i].file) < 0);
        FUZZ_CHECK(catalogue_row(&c, c.rows[i].file) == &c.rows[i]);
    }
    FUZZ_CHECK(c.n_problems <= CATALOGUE_MAX_PROBLEMS);
    FUZZ_CHECK(c.n_rows <= CATALOGUE_MAX_ROWS);
    for (size_t i = 0; i < c.n_problems; i++) {
        FUZZ_CHECK(c.problems[i].line <= lines);
        FUZZ_CHECK(i == 0 || c.problems[i - 1].line <= c.problems[i].line);
        FUZZ_CHECK(c.problems[i].message[0] && one_line_utf8(c.problems[i].message));
    }
    catalogue_free(&c);
    return 0;
}
