/*
 * enospc.c -- a disk that fills up, for tests: an LD_PRELOAD library that
 * lets the program write FOND_FAULT_BYTES bytes to files under
 * FOND_FAULT_DIR, then fails every further write there with ENOSPC ("No
 * space left on device"), as a full disk would.  Writes elsewhere (the
 * terminal, other folders) pass through.  Used where the test machine
 * cannot mount a small file system.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static long long budget = -1; /* bytes left; -1 before the first write */

/* Is fd a file under FOND_FAULT_DIR? */
static int in_fault_dir(int fd)
{
    const char *dir = getenv("FOND_FAULT_DIR");
    char link[64], target[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (!dir || n <= 0)
        return 0;
    target[n] = '\0';
    return strncmp(target, dir, strlen(dir)) == 0;
}

/* Take len bytes of the budget; 0 when the disk is "full". */
static int take(int fd, size_t len)
{
    if (!in_fault_dir(fd))
        return 1;
    if (budget < 0) {
        const char *b = getenv("FOND_FAULT_BYTES");
        budget = b ? atoll(b) : 0;
    }
    if ((long long)len > budget) {
        budget = 0;
        errno = ENOSPC;
        return 0;
    }
    budget -= (long long)len;
    return 1;
}

ssize_t write(int fd, const void *buf, size_t len)
{
    static ssize_t (*real)(int, const void *, size_t);
    if (!real)
        real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    return take(fd, len) ? real(fd, buf, len) : -1;
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
    static ssize_t (*real)(int, const void *, size_t, off_t);
    if (!real)
        real = (ssize_t (*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
    return take(fd, len) ? real(fd, buf, len, off) : -1;
}

ssize_t pwrite64(int fd, const void *buf, size_t len, off_t off)
{
    static ssize_t (*real)(int, const void *, size_t, off_t);
    if (!real)
        real = (ssize_t (*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite64");
    return take(fd, len) ? real(fd, buf, len, off) : -1;
}
