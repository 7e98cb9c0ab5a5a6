/*
 * support.h -- what the unit tests share: reading a whole file, and a
 * small database made from sources in the test.  Include after cmocka.h.
 */
#ifndef FOND_TEST_SUPPORT_H
#define FOND_TEST_SUPPORT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fond.h"

/* The whole file, NUL-terminated; *len its length.  The test fails if it
 * cannot be read.  Free with free(). */
static inline char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    char *buf = malloc(*len + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, *len, f), *len);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

/* A source given in a test: its path and its whole text. */
typedef struct {
    const char *path, *text;
} support_source_t;

/* A new database in a fresh folder under $FOND_TEST_TMP (else /tmp) named
 * NAME-XXXXXX, written into dir (dirsize bytes), holding the n sources,
 * committed.  The test fails if any step does.  Close with fond_db_close. */
static inline fond_db_t *support_db(const char *name, const support_source_t *sources,
                             size_t n, char *dir, size_t dirsize)
{
    const char *base = getenv("FOND_TEST_TMP");
    if (base)
        mkdir(base, 0777);
    snprintf(dir, dirsize, "%s/%sXXXXXX", base ? base : "/tmp", name);
    assert_non_null(mkdtemp(dir));
    char path[4200];
    snprintf(path, sizeof path, "%s/db", dir);
    fond_db_t *db = NULL;
    assert_int_equal(fond_db_open(&db, path, FOND_DB_WRITE, NULL), FOND_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(fond_db_index_text(db, sources[i].path, NULL,
                                            sources[i].text,
                                            strlen(sources[i].text), NULL),
                         FOND_OK);
    assert_int_equal(fond_db_commit(db), FOND_OK);
    return db;
}
#endif
