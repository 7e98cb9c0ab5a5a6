/*
 * mallocfail.c -- memory that runs out, for tests: linked into a test
 * program (oom.c), it stands in for the process's malloc, calloc, realloc,
 * free, strdup and strndup (the C library lets a program replace its
 * allocator, and its own calls go to the replacement too), handing each
 * call on to the allocator it replaces: the C library's, or
 * AddressSanitizer's in the sanitizer build (the next definition, found
 * with dlsym).  Armed with mallocfail_arm(n), it lets n more allocations
 * succeed and fails every further one, as an exhausted heap does, until
 * mallocfail_disarm().  C++'s operator new goes through malloc
 * (mallocfail_new.cc), so Xapian runs out with the rest.
 *
 * mallocfail_spare(name) leaves alone the allocations made, at any depth,
 * by the code of one shared library (backtrace(3), while armed): Xapian is
 * not safe against running out (a std::bad_alloc inside its commit unwinds
 * through a noexcept function, and the C++ runtime ends the program), so
 * the loop fails what fond and the runtime allocate for fond, and counts
 * only those.  libexttextcat (language identification) is spared too: it
 * does not test what malloc returns.
 *
 * A child process starts disarmed (pthread_atfork): the mail parser's
 * worker uses GLib, which aborts when memory runs out by design, and the
 * worker is a process of its own precisely so that its death cannot take
 * the indexer down.
 */
#define _GNU_SOURCE
#include "mallocfail.h"

#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <link.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);

/* What dlsym allocates while the real functions are being looked up. */
static _Alignas(16) char boot[8192];
static size_t boot_used;
static int resolving;

static long left = -1;   /* allocations still allowed; -1: disarmed */
static long calls;       /* allocations asked for since armed */
static int failed;       /* one was refused since armed */

/* The code of the libraries spared: [lo, hi) each. */
static uintptr_t spare_lo[8], spare_hi[8];
static size_t n_spared;
static int in_backtrace;

static int find_code(struct dl_phdr_info *info, size_t size, void *name)
{
    (void)size;
    if (!info->dlpi_name || !strstr(info->dlpi_name, name))
        return 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
            continue;
        if (n_spared == 8)
            return 1;
        spare_lo[n_spared] = info->dlpi_addr + ph->p_vaddr;
        spare_hi[n_spared] = spare_lo[n_spared] + ph->p_memsz;
        n_spared++;
        return 1;
    }
    return 0;
}

void mallocfail_spare(const char *name)
{
    void *frames[4];
    in_backtrace = 1;
    backtrace(frames, 4); /* loads the unwinder now, not while armed */
    in_backtrace = 0;
    dl_iterate_phdr(find_code, (void *)name);
}

/* Is the spared library's code on the stack? */
static int spared(void)
{
    void *frames[64];
    if (!n_spared)
        return 0;
    in_backtrace = 1;
    int n = backtrace(frames, 64);
    in_backtrace = 0;
    for (int i = 0; i < n; i++)
        for (size_t k = 0; k < n_spared; k++)
            if ((uintptr_t)frames[i] >= spare_lo[k] &&
                (uintptr_t)frames[i] < spare_hi[k])
                return 1;
    return 0;
}

static void disarm_child(void)
{
    left = -1;
}

static void resolve(void)
{
    if (real_free || resolving)
        return;
    resolving = 1;
    real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
    real_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
    real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
    real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
    resolving = 0;
    pthread_atfork(NULL, NULL, disarm_child);
}

static void *boot_alloc(size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n > sizeof boot - boot_used)
        return NULL;
    void *p = boot + boot_used;
    boot_used += n;
    return p;
}

static int from_boot(const void *p)
{
    return (const char *)p >= boot && (const char *)p < boot + sizeof boot;
}

/* The first refusal since armed: a place for a debugger's breakpoint. */
__attribute__((noinline)) void mallocfail_refused(void)
{
    __asm__ volatile("");
}

/* May one more allocation succeed? */
static int allowed(void)
{
    if (left < 0 || in_backtrace || spared())
        return 1;
    calls++;
    if (left > 0) {
        left--;
        return 1;
    }
    if (!failed)
        mallocfail_refused();
    failed = 1;
    errno = ENOMEM;
    return 0;
}

void mallocfail_arm(long n)
{
    calls = 0;
    failed = 0;
    left = n;
}

void mallocfail_disarm(void)
{
    left = -1;
}

long mallocfail_calls(void) { return calls; }
int mallocfail_failed(void) { return failed; }

void *malloc(size_t n)
{
    resolve();
    if (!real_malloc)
        return boot_alloc(n);
    return allowed() ? real_malloc(n) : NULL;
}

void *calloc(size_t n, size_t size)
{
    resolve();
    if (!real_calloc)
        return boot_alloc(n * size); /* zero: boot is static */
    return allowed() ? real_calloc(n, size) : NULL;
}

void *realloc(void *p, size_t n)
{
    resolve();
    if (from_boot(p) || !real_realloc) {
        void *q = malloc(n);
        if (q && p)
            memcpy(q, p, n); /* boot blocks are never shrunk under n */
        return q;
    }
    return allowed() ? real_realloc(p, n) : NULL;
}

void free(void *p)
{
    resolve();
    if (p && !from_boot(p) && real_free)
        real_free(p);
}

char *strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    return d ? memcpy(d, s, n) : NULL;
}

char *strndup(const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    char *d = malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}
