/*
 * child.c -- untrusted input handled in a process of its own, with limits
 * (see child.h): a helper program (child_run), or a function of fond's
 * own kept running for many requests (a worker: the mail parser).  Both
 * are set up by one function (isolate) and read by one (collect).
 *
 * The parent reads the child's standard output (and a helper's standard
 * error) through pipes, with poll() and a deadline, so that a child that
 * hangs, or writes without end, is killed (its whole process group) and
 * reaped; nothing it does can block or exhaust the indexer.
 */
#define _GNU_SOURCE /* close_range() */
#include "child.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "array.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A soft limit, and a hard one a little above it, so that a helper over
 * its CPU time gets SIGXCPU (and a chance to say so) before SIGKILL. */
static void set_limit(int resource, size_t value)
{
    if (value) {
        struct rlimit rl = {(rlim_t)value, (rlim_t)value + 1};
        setrlimit(resource, &rl);
    }
}

/* Built with AddressSanitizer, which reserves terabytes of address space:
 * a worker (this very program) cannot run under an address-space limit. */
#if defined(__SANITIZE_ADDRESS__)
#define CHILD_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CHILD_SANITIZED 1
#endif
#endif

/* In the child, after fork: only what is safe there.  It dies with its
 * parent (a parent killed by SIGKILL cannot kill it), so no pdftoppm or
 * mail parser runs on alone after fond-index; its standard input and
 * output are the pipes given (its standard error too, unless err_fd is
 * -1), every other descriptor is closed, a crash is a crash whatever
 * handlers the program set, and the limits hold.  0, or -1 when it
 * cannot be set up. */
static int isolate(int stdin_fd, int out_fd, int err_fd, const char *env,
                   const child_limits_t *lim, pid_t parent, int in_process)
{
    setpgid(0, 0);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
        return -1; /* the parent died before the request took */
    if (dup2(stdin_fd, 0) < 0 || dup2(out_fd, 1) < 0 ||
        (err_fd >= 0 && dup2(err_fd, 2) < 0))
        return -1;
    close_range(3, ~0U, 0);
    static const int fatal[] = {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL,
                                SIGTERM, SIGINT, SIGPIPE};
    for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++)
        signal(fatal[i], SIG_DFL);
    /* before the limits: putenv may grow the environment, and an
     * allocation under the address-space limit fails (in a sanitized build
     * always, the sanitizer's own maps being far larger) */
    if (env)
        putenv((char *)env);
    set_limit(RLIMIT_CPU, lim->timeout_s);
#ifdef CHILD_SANITIZED
    if (!in_process)
#endif
        set_limit(RLIMIT_AS, lim->memory_bytes);
    (void)in_process;
    set_limit(RLIMIT_FSIZE, lim->file_bytes);
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    return 0;
}

/* A helper: isolated, then the program. */
static void become_helper(const char *const *argv, int stdin_fd, int out_fd,
                          int err_fd, const char *env,
                          const child_limits_t *lim, pid_t parent)
{
    if (isolate(stdin_fd, out_fd, err_fd, env, lim, parent, 0) != 0)
        _exit(127);
    lseek(0, 0, SEEK_SET);
    execvp(argv[0], (char *const *)argv);
    dprintf(2, "cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

typedef struct {
    char *data;
    size_t len, cap;
} sink_t;

/* Read what is there on fd into s, keeping at most max bytes; 1 at end of
 * file, 0 for more to come, -1 when it ran over max (or memory failed). */
static int drain(int fd, sink_t *s, size_t max)
{
    char buf[65536];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n == 0)
        return 1;
    if (n < 0)
        return errno == EINTR || errno == EAGAIN ? 0 : 1;
    if (s->len + (size_t)n > max)
        return -1;
    if (array_reserve(&s->data, &s->cap, s->len + (size_t)n + 1, 1, 65536))
        return -1;
    memcpy(s->data + s->len, buf, (size_t)n);
    s->len += (size_t)n;
    s->data[s->len] = '\0';
    return 0;
}

/* Read the child's output (and its standard error, when err_fd is not
 * -1) until it closes them, `done` says the output holds a whole answer
 * (when not NULL), it floods, or it runs out of its `seconds`. */
static child_end_t collect(int out_fd, int err_fd, unsigned seconds,
                           size_t output_max, int (*done)(const char *, size_t),
                           sink_t *out, sink_t *err)
{
    double deadline = now_seconds() + (seconds ? seconds : 60);
    struct pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    int open_fds = err_fd >= 0 ? 2 : 1;
    while (open_fds > 0) {
        double left = deadline - now_seconds();
        if (left <= 0)
            return CHILD_TIMEOUT;
        int r = poll(fds, err_fd >= 0 ? 2 : 1, (int)(left * 1000) + 1);
        if (r < 0 && errno != EINTR)
            return CHILD_TIMEOUT;
        for (int k = 0; r > 0 && k < 2; k++) {
            if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            int got = k == 0 ? drain(out_fd, out, output_max)
                             : drain(err_fd, err, 4096);
            if (got < 0 && k == 0)
                return CHILD_FLOODED;
            if (k == 0 && got == 0 && done && out->len && done(out->data, out->len))
                return CHILD_ANSWERED;
            if (got != 0) { /* end of file, or stderr full: stop reading it */
                fds[k].fd = -1;
                open_fds--;
            }
        }
    }
    return CHILD_EXITED;
}

/* Wait for pid; how it ended, into out (end CHILD_EXITED or
 * CHILD_SIGNALED, as it was). */
static void reap(pid_t pid, child_end_t end, child_result_t *out)
{
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    out->end = end;
    if (end == CHILD_EXITED && WIFSIGNALED(status)) {
        out->end = CHILD_SIGNALED;
        out->code = WTERMSIG(status);
    } else if (end == CHILD_EXITED) {
        out->code = WEXITSTATUS(status);
    }
}

fond_status_t child_run(const char *const *argv, int stdin_fd,
                        const char *env, const child_limits_t *lim,
                        child_result_t *out)
{
    memset(out, 0, sizeof *out);
    int op[2], ep[2];
    if (pipe2(op, O_CLOEXEC) != 0)
        return FOND_ERR_IO;
    if (pipe2(ep, O_CLOEXEC) != 0) {
        close(op[0]), close(op[1]);
        return FOND_ERR_IO;
    }
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0)
        become_helper(argv, stdin_fd, op[1], ep[1], env, lim, parent);
    close(op[1]);
    close(ep[1]);
    if (pid < 0) {
        close(op[0]), close(ep[0]);
        return FOND_ERR_IO;
    }
    setpgid(pid, pid); /* also here, so that the kill below cannot miss */
    sink_t o = {NULL, 0, 0}, e = {NULL, 0, 0};
    child_end_t end = collect(op[0], ep[0], lim->timeout_s, lim->output_max,
                              NULL, &o, &e);
    if (end != CHILD_EXITED)
        kill(-pid, SIGKILL), kill(pid, SIGKILL);
    close(op[0]);
    close(ep[0]);
    reap(pid, end, out);
    out->out = o.data ? o.data : calloc(1, 1);
    out->out_len = o.len;
    if (e.data) { /* its first error, else its first line */
        const char *line = strstr(e.data, "Error");
        line = line ? line : e.data;
        while (line > e.data && line[-1] != '\n')
            line--;
        while (*line == '\n')
            line++;
        snprintf(out->err, sizeof out->err, "%.*s", (int)strcspn(line, "\n"),
                 line);
    }
    free(e.data);
    return out->out ? FOND_OK : FOND_ERR_NOMEM;
}

/* ------------------------------------------------------------ workers */

fond_status_t child_worker_start(child_worker_t *w, child_serve_fn serve,
                                 void *ctx, const child_limits_t *lim)
{
    int fds[2]; /* a socket: send() says EPIPE to a dead worker, no signal */
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        return FOND_ERR_IO;
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        if (isolate(fds[1], fds[1], -1, NULL, lim, parent, 1) != 0)
            _exit(127);
        serve(ctx); /* requests on 0, answers on 1, until the end of 0 */
        _exit(0);
    }
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        return FOND_ERR_IO;
    }
    setpgid(pid, pid);
    w->pid = pid, w->fd = fds[0];
    return FOND_OK;
}

int child_transfer(int fd, char *s, size_t n, int sending)
{
    while (n > 0) {
        ssize_t k = sending ? send(fd, s, n, MSG_NOSIGNAL) : read(fd, s, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        s += k, n -= (size_t)k;
    }
    return 0;
}

fond_status_t child_worker_ask(child_worker_t *w, const char *head,
                               size_t head_len, const char *body,
                               size_t body_len,
                               int (*done)(const char *, size_t),
                               unsigned seconds, size_t output_max,
                               child_result_t *out)
{
    memset(out, 0, sizeof *out);
    sink_t o = {NULL, 0, 0};
    child_end_t end = CHILD_EXITED; /* it stopped: it is reaped below */
    if (child_transfer(w->fd, (char *)head, head_len, 1) == 0 &&
        child_transfer(w->fd, (char *)body, body_len, 1) == 0)
        end = collect(w->fd, -1, seconds, output_max, done, &o, NULL);
    if (end == CHILD_ANSWERED) {
        out->end = end;
    } else { /* dead, stuck or flooding: ended, and why said */
        if (end != CHILD_EXITED)
            kill(-w->pid, SIGKILL), kill(w->pid, SIGKILL);
        close(w->fd);
        reap(w->pid, end, out);
        w->pid = 0, w->fd = -1;
    }
    out->out = o.data ? o.data : calloc(1, 1);
    out->out_len = o.len;
    return out->out ? FOND_OK : FOND_ERR_NOMEM;
}

void child_worker_stop(child_worker_t *w, int kill_it)
{
    if (!w->pid)
        return;
    close(w->fd); /* the end of its requests: it exits */
    if (kill_it)
        kill(-w->pid, SIGKILL), kill(w->pid, SIGKILL);
    int status;
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
        ;
    w->pid = 0, w->fd = -1;
}

void child_result_free(child_result_t *r)
{
    if (!r)
        return;
    free(r->out);
    memset(r, 0, sizeof *r);
}

void child_describe(const child_result_t *r, const char *name,
                    const child_limits_t *lim, char *buf, size_t size)
{
    switch (r->end) {
    case CHILD_TIMEOUT:
        snprintf(buf, size, "%s ran for over %u s and was stopped", name,
                 lim->timeout_s);
        return;
    case CHILD_FLOODED:
        snprintf(buf, size, "%s wrote over %zu MB and was stopped", name,
                 lim->output_max >> 20);
        return;
    case CHILD_SIGNALED:
        if (r->code == SIGXCPU || r->code == SIGKILL)
            snprintf(buf, size, "%s ran out of its %u s of CPU time", name,
                     lim->timeout_s);
        else if (r->code == SIGABRT && strstr(r->err, "alloc"))
            snprintf(buf, size, "%s ran out of its %zu MB of memory", name,
                     lim->memory_bytes >> 20);
        else
            snprintf(buf, size, "%s crashed (%s)", name, strsignal(r->code));
        return;
    case CHILD_ANSWERED:
        snprintf(buf, size, "%s answered", name);
        return;
    case CHILD_EXITED:
        if (r->code == 127 && strncmp(r->err, "cannot run", 10) == 0)
            snprintf(buf, size, "%s (is it installed?)", r->err);
        else if (r->err[0])
            snprintf(buf, size, "%s failed: %s", name, r->err);
        else
            snprintf(buf, size, "%s failed (exit status %d)", name, r->code);
        return;
    }
}
