/*
 * decode.c -- a file's bytes to valid UTF-8 (see decode.h for the order in
 * which the encoding is chosen).
 *
 * Detection is deliberately small, for the encodings an archive of this
 * region meets.  Russian text is almost all high bytes and Latin text
 * mostly ASCII, so the share of high bytes picks the family.  Within
 * Cyrillic, Windows-1251 puts lowercase letters at 0xE0-0xFF and KOI8-R at
 * 0xC0-0xDF: running text is mostly lowercase, so the busier half tells
 * them apart.  Within Latin, the bytes of ş ğ ı İ Ş Ğ (which Western text
 * hardly uses, as þ ð ý Ý Þ Ð) mean Turkish (Windows-1254, a superset of
 * ISO-8859-9); else Windows-1252.
 */
#include "array.h"
#include "decode.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze.h"

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */
#define SNIFF_BYTES 8192

typedef struct {
    char *data;
    size_t len, cap;
} out_t;

static int out_reserve(out_t *o, size_t more)
{
    return array_reserve(&o->data, &o->cap, o->len + more + 1, 1, 4096);
}

static int out_put(out_t *o, const char *s, size_t n)
{
    if (out_reserve(o, n) != 0)
        return -1;
    memcpy(o->data + o->len, s, n);
    o->len += n;
    return 0;
}

/* ------------------------------------------------------------ binary */

/* NUL bytes anywhere, or more than one in ten control bytes at the start
 * (other than tab, newlines, form feed and escape), mean binary. */
static const char *binary_reason(const char *s, size_t len)
{
    if (memchr(s, '\0', len))
        return "binary file (NUL bytes)";
    size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES, controls = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        controls += c < 0x20 && !strchr("\t\n\r\f\v\x1b", c);
    }
    return controls * 10 > n ? "binary file (control bytes)" : NULL;
}

/* ------------------------------------------------------------ the header */

/* The value of an "Encoding:" line in the header block at the start of
 * the bytes (lines "Name: value" up to the first blank line), copied into
 * buf; 0 if there is none. */
static int declared_encoding(const char *s, size_t len, char *buf, size_t size)
{
    size_t i = 0;
    while (i < len && s[i] != '\n' && s[i] != '\r') {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - s) : len, k = i;
        while (k < end && (((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z') ||
                           s[k] == ' '))
            k++;
        if (k == i || k == end || s[k] != ':')
            return 0; /* not a header line: the header (if any) is over */
        if (k - i == 8 && strncasecmp(s + i, "encoding", 8) == 0) {
            size_t v = k + 1, e = end;
            while (v < e && (s[v] == ' ' || s[v] == '\t'))
                v++;
            while (e > v && strchr(" \t\r", s[e - 1]))
                e--;
            snprintf(buf, size, "%.*s", (int)(e - v), s + v);
            return e > v;
        }
        i = end + 1;
    }
    return 0;
}

/* ------------------------------------------------------------ converting */

/* Copy UTF-8 text, each invalid byte replaced by U+FFFD. */
static fond_status_t sanitize_utf8(const char *s, size_t len, out_t *o,
                                   size_t *replaced)
{
    size_t i = 0;
    while (i < len) {
        size_t valid = utf8_valid_prefix(s + i, len - i);
        if (out_put(o, s + i, valid) != 0)
            return FOND_ERR_NOMEM;
        i += valid;
        if (i < len) {
            if (out_put(o, REPLACEMENT, 3) != 0)
                return FOND_ERR_NOMEM;
            (*replaced)++;
            i++;
        }
    }
    return FOND_OK;
}

/* Convert with iconv; an invalid or truncated sequence becomes U+FFFD and
 * the input moves on by one unit (two bytes for UTF-16). */
static fond_status_t convert(iconv_t cd, const char *s, size_t len,
                             size_t unit, out_t *o, size_t *replaced)
{
    char *in = (char *)s;
    size_t left = len;
    while (left > 0) {
        if (out_reserve(o, left * 2 + 16) != 0)
            return FOND_ERR_NOMEM;
        char *dst = o->data + o->len;
        size_t room = o->cap - o->len - 1;
        size_t rc = iconv(cd, &in, &left, &dst, &room);
        o->len = (size_t)(dst - o->data);
        if (rc != (size_t)-1 || errno == E2BIG)
            continue;
        if (out_put(o, REPLACEMENT, 3) != 0)
            return FOND_ERR_NOMEM;
        (*replaced)++;
        size_t skip = left < unit ? left : unit;
        in += skip;
        left -= skip;
    }
    return FOND_OK;
}

static fond_status_t convert_from(const char *encoding, const char *s,
                                  size_t len, out_t *o, size_t *replaced)
{
    iconv_t cd = iconv_open("UTF-8", encoding);
    if (cd == (iconv_t)-1)
        return FOND_ERR_ARG;
    size_t unit = strncasecmp(encoding, "UTF-16", 6) == 0 ? 2 : 1;
    fond_status_t st = convert(cd, s, len, unit, o, replaced);
    iconv_close(cd);
    return st;
}

/* What iconv wrote, if it is not valid UTF-8 (an alias of UTF-8 iconv
 * copies unchecked), made valid as sanitize_utf8() does. */
static fond_status_t sanitize_again(out_t *o, size_t *replaced)
{
    out_t clean = {NULL, 0, 0};
    fond_status_t st = sanitize_utf8(o->data, o->len, &clean, replaced);
    free(o->data);
    *o = clean;
    return st;
}

/* ------------------------------------------------------------ detecting */

static const char *detect_legacy(const char *s, size_t len)
{
    size_t ascii_letters = 0, high = 0, c0_df = 0, e0_ff = 0, turkish = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        ascii_letters += (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
        high += c >= 0x80;
        c0_df += c >= 0xC0 && c <= 0xDF;
        e0_ff += c >= 0xE0;
        turkish += c == 0xD0 || c == 0xDD || c == 0xDE || c == 0xF0 ||
                   c == 0xFD || c == 0xFE;
    }
    if (high > ascii_letters)
        return e0_ff >= c0_df ? "WINDOWS-1251" : "KOI8-R";
    return turkish > 0 ? "WINDOWS-1254" : "WINDOWS-1252";
}

/* ------------------------------------------------------------ the API */

static void uppercase(char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            *s = (char)(*s - 32);
}

static int is_utf8_name(const char *name)
{
    return strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "UTF8") == 0;
}

/* iconv reads "utf8", "UTF 8" and "U T F@8" alike (it ignores all but
 * letters and digits): name the Unicode ones one way, so that UTF-8 is
 * checked as UTF-8 and UTF-16 is not taken for binary. */
static void canonical_unicode_name(char *name, size_t size)
{
    static const char *const names[] = {"UTF-8", "UTF-16LE", "UTF-16BE",
                                        "UTF-16"};
    char squeezed[64], want[64];
    size_t n = 0;
    for (const char *c = name; *c && n + 1 < sizeof squeezed; c++)
        if ((*c >= '0' && *c <= '9') || ((*c | 0x20) >= 'a' && (*c | 0x20) <= 'z'))
            squeezed[n++] = (char)(*c >= 'a' && *c <= 'z' ? *c - 32 : *c);
    squeezed[n] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        size_t k = 0;
        for (const char *c = names[i]; *c; c++)
            if (*c != '-')
                want[k++] = *c;
        want[k] = '\0';
        if (strcmp(squeezed, want) == 0)
            snprintf(name, size, "%s", names[i]);
    }
}

/* A header that names a legacy encoding for text that is valid UTF-8 with
 * bytes above ASCII is mislabelled: text in a legacy encoding is almost
 * never valid UTF-8 by chance. */
static int mislabelled(const char *s, size_t len, const char *declared)
{
    size_t ascii = 0;
    while (ascii < len && (unsigned char)s[ascii] < 0x80)
        ascii++;
    return ascii < len && !is_utf8_name(declared) &&
           strncasecmp(declared, "UTF-", 4) != 0 &&
           utf8_valid_prefix(s, len) == len;
}

/* The encoding to read the bytes as, and why (the header's name in
 * `declared` when it was overruled); FOND_ERR_ARG for a declared name
 * iconv does not know. */
static fond_status_t choose(const char *s, size_t len, const char *charset,
                            char *name, size_t size, const char **how,
                            size_t *skip, char *declared)
{
    *skip = 0;
    static const struct { const char *bom, *name; size_t n; } boms[] = {
        {"\xEF\xBB\xBF", "UTF-8", 3}, {"\xFF\xFE", "UTF-16LE", 2},
        {"\xFE\xFF", "UTF-16BE", 2}};
    for (size_t i = 0; i < 3; i++)
        if (len >= boms[i].n && memcmp(s, boms[i].bom, boms[i].n) == 0) {
            snprintf(name, size, "%s", boms[i].name);
            *how = "bom";
            *skip = boms[i].n;
            return FOND_OK;
        }
    int given = charset && *charset;
    if (given)
        snprintf(name, size, "%s", charset);
    if (given || (!charset && declared_encoding(s, len, name, size))) {
        *how = "declared";
        iconv_t cd = iconv_open("UTF-8", name);
        if (cd == (iconv_t)-1)
            return FOND_ERR_ARG;
        iconv_close(cd);
        uppercase(name);
        canonical_unicode_name(name, size);
        if (mislabelled(s, len, name)) {
            snprintf(declared, size, "%s", name);
            snprintf(name, size, "UTF-8");
            *how = "overruled";
        }
        return FOND_OK;
    }
    int valid = utf8_valid_prefix(s, len) == len;
    snprintf(name, size, "%s", valid ? "UTF-8" : detect_legacy(s, len));
    *how = valid ? "valid" : "detected";
    return FOND_OK;
}

fond_status_t decode_text(const char *bytes, size_t len, char **out,
                          size_t *out_len, decode_info_t *info, char *err,
                          size_t errsize)
{
    return decode_text_as(bytes, len, NULL, out, out_len, info, err, errsize);
}

fond_status_t decode_text_as(const char *bytes, size_t len,
                             const char *charset, char **out, size_t *out_len,
                             decode_info_t *info, char *err, size_t errsize)
{
    *out = NULL;
    *out_len = 0;
    memset(info, 0, sizeof *info);
    char name[64];
    const char *how = NULL;
    size_t skip = 0;
    fond_status_t st = choose(bytes, len, charset, name, sizeof name, &how,
                              &skip, info->declared);
    if (st != FOND_OK) {
        snprintf(err, errsize, "unknown encoding '%s'%s", name,
                 charset ? "" : " in the Encoding header");
        return st;
    }
    const char *why = strncmp(name, "UTF-16", 6) == 0
                          ? NULL : binary_reason(bytes, len);
    if (why) {
        snprintf(err, errsize, "%s", why);
        return FOND_ERR_BINARY;
    }
    out_t o = {NULL, 0, 0};
    st = is_utf8_name(name)
             ? sanitize_utf8(bytes + skip, len - skip, &o, &info->replaced)
             : convert_from(name, bytes + skip, len - skip, &o, &info->replaced);
    if (st == FOND_OK && utf8_valid_prefix(o.data, o.len) != o.len)
        st = sanitize_again(&o, &info->replaced);
    if (st == FOND_OK && out_reserve(&o, 0) != 0)
        st = FOND_ERR_NOMEM;
    if (st != FOND_OK) {
        free(o.data);
        snprintf(err, errsize, "out of memory decoding the file");
        return st;
    }
    size_t bom = o.len >= 3 && memcmp(o.data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    memmove(o.data, o.data + bom, o.len - bom + 1);
    o.len -= bom;
    o.data[o.len] = '\0';
    *out = o.data;
    *out_len = o.len;
    snprintf(info->encoding, sizeof info->encoding, "%s", name);
    info->how = how;
    return FOND_OK;
}
