/*
 * langid.c -- identifying a text's language with libexttextcat (see
 * langid.h).
 */
#define _GNU_SOURCE /* memfd_create() */
#include "langid.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <textcat.h>
#include <unistd.h>

#include "language.h"

#define DEFAULT_CONF "/usr/share/libexttextcat/fpdb.conf"

/* ------------------------------------------------------------ identifying */

struct langid {
    void *textcat;
};

/* The languages worth comparing a text with: those fond stems, and those
 * a text in one of them is most often taken for (neighbours in script or
 * family), and the big scripts, so that a text in none of them is not
 * forced into the nearest.  libexttextcat compares a text with every
 * profile it loaded, 1.7 ms for its 160; with these, a third of that. */
static const char *const candidates[] = {
    "en", "ru", "tr", "fr", "de", "hy", "es", "pt", "it", "nl", "da", "sv",
    "nb", "nn", "fi", "hu", "ro", "ca", "eu", "lt", "el", "hi", "ne", "ta",
    "yi", /* the stemmed ones; then their neighbours */
    "uk", "be", "bg", "mk", "sr", "sh", "kk", "az", "tk", "uz", "gl", "ast",
    "oc", "la", "af", "fy", "lb", "is", "fo", "et", "cs", "sk", "pl", "sl",
    "hr", "bs", "lv", "sq", "cy", "ga", "mr", "he", "ka", "ar", "fa", "ur",
    "zh", "ja", "ko", "th", NULL};

static int is_candidate(const char *line)
{
    char id[32];
    if (sscanf(line, "%*s %31s", id) != 1)
        return 0;
    id[strcspn(id, "-")] = '\0'; /* "sr--utf8", "zh-CN-utf8" */
    for (const char *const *c = candidates; *c; c++)
        if (strcmp(*c, id) == 0)
            return 1;
    return 0;
}

/* libexttextcat reads its profiles from a configuration file only: the
 * lines of the Debian one for the candidates, with their folder, into a
 * memory file (no name in /tmp to leave behind if the run is killed) to
 * load from by its /proc/self/fd path.  NULL on failure. */
static void *load_candidates(const char *conf, const char *dir)
{
    FILE *in = fopen(conf, "r");
    int fd = in ? memfd_create("fond-langid", MFD_CLOEXEC) : -1;
    FILE *out = fd >= 0 ? fdopen(dup(fd), "w") : NULL;
    char line[512];
    while (out && fgets(line, sizeof line, in))
        if (line[0] != '#' && is_candidate(line))
            fprintf(out, "%s%s", dir, line);
    int ok = out && fclose(out) == 0;
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    void *h = ok ? special_textcat_Init(path, "") : NULL;
    if (fd >= 0)
        close(fd);
    if (in)
        fclose(in);
    return h;
}

fond_status_t langid_new(langid_t **out, const char *conf, char *err,
                         size_t errsize)
{
    *out = NULL;
    const char *file = conf ? conf : DEFAULT_CONF;
    char dir[4096];
    const char *slash = strrchr(file, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - file + 1) : 0, file);
    langid_t *id = calloc(1, sizeof *id);
    if (!id) {
        snprintf(err, errsize, "out of memory");
        return FOND_ERR_NOMEM;
    }
    /* (libexttextcat prints when it cannot open the file: look first) */
    errno = 0;
    if (access(file, R_OK) == 0)
        id->textcat = conf ? special_textcat_Init(file, dir)
                           : load_candidates(file, dir);
    if (!id->textcat && errno == ENOMEM) {
        snprintf(err, errsize, "out of memory");
        free(id);
        return FOND_ERR_NOMEM;
    }
    if (!id->textcat) {
        snprintf(err, errsize, "%s: cannot read the language fingerprints "
                 "(Debian package libexttextcat-data)", file);
        free(id);
        return FOND_ERR_IO;
    }
    *out = id;
    return FOND_OK;
}

void langid_free(langid_t *id)
{
    if (!id)
        return;
    textcat_Done(id->textcat);
    free(id);
}

/* The text's first LANGID_MAX_BYTES, cut at a character, with runs of
 * anything but letters (digits, punctuation, white space) as one space,
 * so that numbers and layout weigh nothing; its length in characters. */
static size_t letters_of(const char *text, size_t len, char *buf, size_t size,
                         size_t *chars)
{
    size_t o = 0;
    *chars = 0;
    for (size_t i = 0; i < len && o + 5 < size;) {
        unsigned char c = (unsigned char)text[i];
        size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (n > len - i)
            break;
        int letter = c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
        if (letter) {
            memcpy(buf + o, text + i, n);
            o += n;
            (*chars)++;
        } else if (o && buf[o - 1] != ' ') {
            buf[o++] = ' ';
            (*chars)++;
        }
        i += n;
    }
    buf[o] = '\0';
    return o;
}

const char *langid_identify(langid_t *id, const char *text, size_t len,
                            char *code)
{
    return langid_identify_min(id, text, len, LANGID_MIN_CHARS, code);
}

const char *langid_identify_min(langid_t *id, const char *text, size_t len,
                                size_t min_chars, char *code)
{
    char buf[LANGID_MAX_BYTES + 8];
    size_t chars = 0, n = letters_of(text, len, buf, sizeof buf, &chars);
    if (code)
        code[0] = '\0';
    if (chars < min_chars || n == 0)
        return NULL;
    const char *r = textcat_Classify(id->textcat, buf, n);
    /* "[fr--utf8]", or "[nb--utf8][da--utf8]" when two are close: the
     * first; "UNKNOWN" or "SHORT" when none stands out. */
    if (!r || r[0] != '[')
        return NULL;
    char found[16];
    size_t k = 0;
    for (const char *c = r + 1; *c && *c != '-' && *c != ']' && k + 1 < sizeof found; c++)
        found[k++] = *c;
    found[k] = '\0';
    if (code)
        snprintf(code, 16, "%s", found);
    return language_named(found);
}
