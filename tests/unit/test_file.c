/*
 * test_file.c -- file_read(), the one reader of source files: a regular
 * file whole; a folder, a FIFO (without waiting for a writer) and a missing
 * file refused, each with its own reason.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"

static char dir[512];

static int setup(void **state)
{
    (void)state;
    const char *tmp = getenv("FOND_TEST_TMP");
    snprintf(dir, sizeof dir, "%s/test_file", tmp ? tmp : "/tmp");
    mkdir(tmp ? tmp : "/tmp", 0777);
    mkdir(dir, 0777);
    return 0;
}

static void path_of(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", dir, name);
}

static void test_regular_file_whole(void **state)
{
    (void)state;
    char path[600], why[128], *text = NULL;
    size_t len = 0;
    path_of(path, sizeof path, "a.txt");
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite("Kars\0Ardahan", 1, 12, f); /* a NUL inside is kept */
    fclose(f);
    assert_int_equal(file_read(path, &text, &len, why, sizeof why), FOND_OK);
    assert_int_equal(len, 12);
    assert_memory_equal(text, "Kars\0Ardahan", 12);
    assert_int_equal(text[12], '\0');
    free(text);
}

static void assert_refused(const char *path, const char *reason)
{
    char why[128] = "", *text = (char *)"unset";
    size_t len = 7;
    assert_int_equal(file_read(path, &text, &len, why, sizeof why), FOND_ERR_IO);
    assert_null(text);
    assert_int_equal(len, 0);
    assert_string_equal(why, reason);
}

static void test_refusals_say_why(void **state)
{
    (void)state;
    char path[600];
    assert_refused(dir, "not a regular file");
    path_of(path, sizeof path, "missing.txt");
    assert_refused(path, "No such file or directory");
    path_of(path, sizeof path, "fifo");
    unlink(path);
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_refused(path, "not a regular file"); /* and did not block */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regular_file_whole),
        cmocka_unit_test(test_refusals_say_why),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
