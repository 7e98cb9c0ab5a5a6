/*
 * export-passages.c -- a bench tool: every passage of a fond database as
 * one TSV line, "id<TAB>text" (white space in the text collapsed), so that
 * the peers (SQLite FTS5, plain Xapian, omindex) index exactly the passages
 * fond ranks.  Usage: export-passages DB > passages.tsv
 */
#include <stdio.h>
#include <string.h>

#include "store.h"

static void write_collapsed(const char *s, size_t len)
{
    int space = 0;
    for (size_t i = 0; i < len; i++) {
        if (strchr(" \t\r\n", s[i])) {
            space = 1;
            continue;
        }
        if (space)
            putchar(' ');
        space = 0;
        putchar(s[i]);
    }
}

int main(int argc, char **argv)
{
    store_t *s = NULL;
    char err[512];
    if (argc != 2 || store_open(&s, argv[1], 0, err, sizeof err) != FOND_OK) {
        fprintf(stderr, "usage: export-passages DB (%s)\n", argc == 2 ? err : "");
        return 2;
    }
    size_t count = 0;
    store_query_t *all = NULL;
    store_mset_t *m = NULL;
    store_search_opts_t o = {0};
    int ok = store_doc_count(s, &count) == FOND_OK &&
             store_query_match_all(s, &all) == FOND_OK;
    o.limit = count;
    ok = ok && store_search(s, &m, all, &o) == FOND_OK;
    for (size_t i = 0; ok && i < store_mset_size(m); i++) {
        size_t len;
        const char *id = store_mset_value(m, i, SCHEMA_SLOT_ID, &len);
        fwrite(id, 1, len, stdout);
        putchar('\t');
        const char *text = store_mset_data(m, i, &len);
        write_collapsed(text, len);
        putchar('\n');
    }
    store_mset_free(m);
    store_query_free(all);
    store_close(s);
    return ok ? 0 : 1;
}
