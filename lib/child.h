/*
 * child.h -- running a helper program (pdftotext, pdftoppm, tesseract) on
 * untrusted input, so that whatever the input does to it costs that input
 * only.  The helper runs in a process of its own, in a process group of its
 * own, killed when its parent dies (PR_SET_PDEATHSIG: even by SIGKILL),
 * with every descriptor but its standard ones closed, under limits of
 * CPU time, address space and file size (setrlimit), and a wall-clock
 * timeout; its standard output is read up to a bound, beyond which it is
 * killed.  What happened is reported as data (child_end_t), never by
 * taking the caller down.
 */
#ifndef FOND_CHILD_H
#define FOND_CHILD_H

#include <stddef.h>
#include "fond.h"

typedef struct {
    unsigned timeout_s;   /* wall clock; CPU time is limited to the same */
    size_t memory_bytes;  /* address space (RLIMIT_AS) */
    size_t file_bytes;    /* largest file it may write (RLIMIT_FSIZE) */
    size_t output_max;    /* standard output beyond this: killed, FLOODED */
} child_limits_t;

typedef enum {
    CHILD_EXITED,   /* exited; `code` is its status (127: could not start) */
    CHILD_SIGNALED, /* killed by signal `code` (SIGXCPU: out of CPU time) */
    CHILD_TIMEOUT,  /* ran past timeout_s: killed */
    CHILD_FLOODED   /* wrote more than output_max: killed */
} child_end_t;

typedef struct {
    child_end_t end;
    int code;
    char *out;        /* its standard output, malloc'd, NUL-terminated */
    size_t out_len;
    char err[512];    /* the first line of its standard error ("" if none) */
} child_result_t;

/*
 * Run argv[0] (looked up on PATH) with argv, standard input from stdin_fd
 * (read from its start) and `env` ("NAME=value", may be NULL) added to the
 * environment.  FOND_OK whatever the helper did (see out->end); an error
 * only if it could not be started at all (no pipe, no fork: FOND_ERR_IO,
 * FOND_ERR_NOMEM).  Free out with child_result_free() either way.
 */
fond_status_t child_run(const char *const *argv, int stdin_fd,
                        const char *env, const child_limits_t *limits,
                        child_result_t *out);
void child_result_free(child_result_t *r);

/* What went wrong, in words, for a helper that did not exit with 0
 * ("pdftotext crashed (signal 11)", "... ran for over 60 s"); written into
 * buf. */
void child_describe(const child_result_t *r, const char *name,
                    const child_limits_t *limits, char *buf, size_t size);

#endif
