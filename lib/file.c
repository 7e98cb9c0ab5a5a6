/*
 * file.c -- the one file reader (file.h).  Each failure's message is taken
 * where it happens, with errno read before anything else can change it.
 */
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static fond_status_t failed(fond_status_t st, char *why, size_t whysize,
                            const char *reason)
{
    snprintf(why, whysize, "%s", reason);
    return st;
}

fond_status_t file_read(const char *path, char **text, size_t *len, char *why,
                        size_t whysize)
{
    *text = NULL;
    *len = 0;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return failed(FOND_ERR_IO, why, whysize, strerror(errno));
    struct stat sb;
    fond_status_t st = FOND_OK;
    if (fstat(fd, &sb) != 0)
        st = failed(FOND_ERR_IO, why, whysize, strerror(errno));
    else if (!S_ISREG(sb.st_mode))
        st = failed(FOND_ERR_IO, why, whysize, "not a regular file");
    else if ((unsigned long long)sb.st_size > FILE_MAX_BYTES)
        st = failed(FOND_ERR_IO, why, whysize, "larger than 1 GiB");
    else if (!(*text = malloc((size_t)sb.st_size + 1)))
        st = failed(FOND_ERR_NOMEM, why, whysize, "out of memory");
    size_t want = st == FOND_OK ? (size_t)sb.st_size : 0, got = 0;
    while (st == FOND_OK && got < want) {
        ssize_t n = read(fd, *text + got, want - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            st = failed(FOND_ERR_IO, why, whysize, strerror(errno));
        else if (n == 0) {
            char msg[96];
            snprintf(msg, sizeof msg, "cut short while read (%zu of %zu bytes)",
                     got, want);
            st = failed(FOND_ERR_IO, why, whysize, msg);
        }
        got += n > 0 ? (size_t)n : 0;
    }
    close(fd);
    if (st != FOND_OK) {
        free(*text);
        *text = NULL;
        return st;
    }
    (*text)[want] = '\0';
    *len = want;
    return FOND_OK;
}
