/*
 * forkfail.c -- a system out of processes, for tests: an LD_PRELOAD
 * library that lets the program fork FOND_FAULT_FORKS times, then fails
 * every further fork() with EAGAIN ("Resource temporarily unavailable"),
 * as fork does when the user's process limit is reached.  Used where the
 * test runs as root, whom RLIMIT_NPROC does not bind.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

static long forks = -1; /* forks left; -1 before the first */

pid_t fork(void)
{
    static pid_t (*real)(void);
    if (!real)
        real = (pid_t (*)(void))dlsym(RTLD_NEXT, "fork");
    if (forks < 0) {
        const char *n = getenv("FOND_FAULT_FORKS");
        forks = n ? atol(n) : 0;
    }
    if (forks == 0) {
        errno = EAGAIN;
        return -1;
    }
    forks--;
    return real();
}
