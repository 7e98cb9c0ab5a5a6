/*
 * support.h -- what the unit tests share: reading a whole file.  Include
 * after cmocka.h.
 */
#ifndef FOND_TEST_SUPPORT_H
#define FOND_TEST_SUPPORT_H

#include <stdio.h>
#include <stdlib.h>

/* The whole file, NUL-terminated; *len its length.  The test fails if it
 * cannot be read.  Free with free(). */
static char *slurp(const char *path, size_t *len)
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

#endif
