/*
 * fuzz.h -- what the libFuzzer targets (fuzz_*.c) share: a check that
 * aborts, naming the promise a library call broke, so that libFuzzer saves
 * the input like any crash.
 */
#ifndef FOND_FUZZ_H
#define FOND_FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_CHECK(cond) \
    ((cond) ? (void)0 : fuzz_fail(#cond, __FILE__, __LINE__))

static inline void fuzz_fail(const char *what, const char *file, int line)
{
    fprintf(stderr, "%s:%d: broken promise: %s\n", file, line, what);
    abort();
}

/* An error message as the API promises it: one line, not empty. */
static inline int fuzz_one_line(const char *err)
{
    return err[0] != '\0' && strchr(err, '\n') == NULL;
}

#endif
