/*
 * child.h -- running a parser of untrusted input so that whatever the
 * input does to it costs that input only: a helper program (pdftotext,
 * pdftoppm, tesseract: child_run) or a function of fond's own kept in a
 * process for many inputs (a worker: the mail parser, child_worker_*).
 * One way for both: the child runs in a process of its own, in a process group of its
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
    CHILD_FLOODED,  /* wrote more than output_max: killed */
    CHILD_ANSWERED  /* a worker: its answer is whole, it runs on */
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

/*
 * A worker: serve(ctx) run in a child process set up as a helper is (but
 * for exec, and with no CPU limit of its own when lim->timeout_s is 0:
 * it lives for many requests), reading requests on its standard input
 * and answering on its standard output, until its input ends.  Starting
 * one costs a fork; keeping it spares one a request (a fork a mail file
 * cost 7 ms, parsing it 0.2 ms).
 */
typedef struct {
    int pid; /* 0: none running */
    int fd;  /* our end of its standard input and output (a socket) */
} child_worker_t;
#define CHILD_WORKER_INIT {0, -1}
typedef void (*child_serve_fn)(void *ctx);

/* Start a worker into *w; FOND_ERR_IO when it cannot (no socket, no
 * fork). */
fond_status_t child_worker_start(child_worker_t *w, child_serve_fn serve,
                                 void *ctx, const child_limits_t *lim);

/*
 * Send the worker head[0, head_len) and body[0, body_len), and read its
 * answer until done(answer, len) says it is whole, within `seconds` and
 * output_max bytes.  out->end is CHILD_ANSWERED, the worker running on;
 * else it is dead or was killed (CHILD_EXITED, CHILD_SIGNALED,
 * CHILD_TIMEOUT, CHILD_FLOODED: child_describe() says why), and w has no
 * worker (the next request needs a new one).  An error only when out of
 * memory.  Free out with child_result_free() either way.
 */
fond_status_t child_worker_ask(child_worker_t *w, const char *head,
                               size_t head_len, const char *body,
                               size_t body_len,
                               int (*done)(const char *, size_t),
                               unsigned seconds, size_t output_max,
                               child_result_t *out);

/* All n bytes of s sent to the socket fd (send: a dead peer is EPIPE,
 * not SIGPIPE; s is not written to), or read from fd, across signals and
 * short transfers; -1 on an error or the end of the input.  For both
 * ends of a worker's socket. */
int child_transfer(int fd, char *s, size_t n, int sending);

/* End the worker: its input closed, so it exits (killed, when kill_it). */
void child_worker_stop(child_worker_t *w, int kill_it);

#endif
