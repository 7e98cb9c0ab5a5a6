/*
 * show.c -- reading a source whole (fond_db_show): every passage of the
 * source a passage id (or source id) names, in order, with a query's words
 * marked.  The passages are found by the source's XSRC term and put in
 * order by search.c (db_search_within), so they come out exactly as a
 * search shows them: the same fields, footnotes and highlighting.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"

#define SOURCE_ID_LEN 16

static int is_hex(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

/* "<16 hex>" or "<16 hex>-<ordinal>": 0 and *ordinal (0 for a source id),
 * or -1 if id is neither. */
static int parse_id(const char *id, unsigned long *ordinal)
{
    size_t n = id ? strlen(id) : 0;
    *ordinal = 0;
    if (n < SOURCE_ID_LEN || !is_hex(id, SOURCE_ID_LEN))
        return -1;
    if (n == SOURCE_ID_LEN)
        return 0;
    const char *num = id + SOURCE_ID_LEN + 1;
    size_t digits = strspn(num, "0123456789");
    if (id[SOURCE_ID_LEN] != '-' || digits == 0 || digits > 9 ||
        num[digits] || num[0] == '0')
        return -1;
    *ordinal = strtoul(num, NULL, 10);
    return 0;
}

static int holds_ordinal(const fond_results_t *r, unsigned long ordinal)
{
    for (size_t i = 0; i < fond_results_count(r); i++)
        if (fond_results_hit(r, i)->ordinal == ordinal)
            return 1;
    return 0;
}

fond_status_t fond_db_show(fond_db_t *db, const char *id, const char *query,
                           fond_results_t **out)
{
    FOND_ASSERT_ARG(db, id && out);
    *out = NULL;
    db->error[0] = '\0';
    unsigned long ordinal;
    if (parse_id(id, &ordinal) != 0)
        return db_fail(db, FOND_ERR_ARG, "not a passage id: '%.40s' (16 hex "
                       "digits, then '-' and the passage's number)",
                       id ? id : "");
    char term[8 + SOURCE_ID_LEN];
    snprintf(term, sizeof term, "XSRC%.16s", id);
    fond_results_t *r = NULL;
    fond_status_t st = db_search_within(db, query ? query : "", term, &r);
    if (st != FOND_OK)
        return st;
    if (!fond_results_count(r) || (ordinal && !holds_ordinal(r, ordinal))) {
        fond_results_free(r);
        return db_fail(db, FOND_ERR_ARG, "no %s with id %s in the database",
                       ordinal ? "passage" : "source", id);
    }
    *out = r;
    return FOND_OK;
}
