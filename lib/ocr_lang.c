/*
 * ocr_lang.c -- Tesseract's language packs: those installed, a spec given
 * by name or code, and the pack for a script (see ocr_lang.h).
 */
#define _GNU_SOURCE /* memmem() */
#include "ocr_lang.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "child.h"
#include "language.h"

#define PACK_MAX 40 /* bytes of one pack's name ("script/Canadian_Aboriginal") */

/* Append word[0, n) to the '+'-joined list out (of strlen *used); 0, or
 * -1 when out has no room (out is left as it was). */
static int list_add(char *out, size_t size, size_t *used, const char *word,
                    size_t n)
{
    size_t need = *used + (*used > 0) + n + 1;
    if (n == 0 || need > size)
        return -1;
    if (*used)
        out[(*used)++] = '+';
    memcpy(out + *used, word, n);
    *used += n;
    out[*used] = '\0';
    return 0;
}

/* A pack's name: letters, digits, '_', '-', and '/' (Debian's script packs,
 * "script/Latin"); the name of a pack, never a path out of tessdata. */
static int pack_name_ok(const char *s, size_t n)
{
    if (n == 0 || n > PACK_MAX || s[0] == '/' || s[0] == '-' || memmem(s, n, "..", 2))
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '/'))
            return 0;
    }
    return 1;
}

size_t ocr_lang_parse_list(const char *list, size_t len, char *out, size_t size)
{
    size_t used = 0, count = 0;
    if (size)
        out[0] = '\0';
    const char *nl = memchr(list, '\n', len); /* the heading */
    for (size_t i = nl ? (size_t)(nl - list) + 1 : len; i < len;) {
        const char *end = memchr(list + i, '\n', len - i);
        size_t n = end ? (size_t)(end - list) - i : len - i;
        size_t m = n;
        while (m && (list[i + m - 1] == '\r' || list[i + m - 1] == ' '))
            m--;
        if (pack_name_ok(list + i, m) && list_add(out, size, &used, list + i, m) == 0)
            count++;
        i += n + 1;
    }
    return count;
}

fond_status_t ocr_lang_installed(char *out, size_t size, char *err,
                                 size_t errsize)
{
    const char *argv[] = {"tesseract", "--list-langs", NULL};
    child_limits_t lim = {30, (size_t)1 << 30, 0, 1 << 20};
    child_result_t r = {0};
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null < 0) {
        snprintf(err, errsize, "cannot open /dev/null: %s", strerror(errno));
        return FOND_ERR_EXTRACT;
    }
    fond_status_t st = child_run(argv, null, NULL, &lim, &r);
    close(null);
    if (st != FOND_OK)
        snprintf(err, errsize, "cannot start tesseract: %s", strerror(errno));
    else if (r.end != CHILD_EXITED || r.code != 0)
        child_describe(&r, "tesseract --list-langs", &lim, err, errsize);
    else if (ocr_lang_parse_list(r.out, r.out_len, out, size) == 0)
        snprintf(err, errsize, "%s", "Tesseract has no language pack installed");
    else {
        child_result_free(&r);
        return FOND_OK;
    }
    child_result_free(&r);
    return st == FOND_ERR_NOMEM ? st : FOND_ERR_EXTRACT;
}

/* Whether packs ('+'-separated) holds pack[0, n). */
static int has_n(const char *packs, const char *pack, size_t n)
{
    for (const char *s = packs; s && *s;) {
        const char *plus = strchr(s, '+');
        size_t m = plus ? (size_t)(plus - s) : strlen(s);
        if (m == n && memcmp(s, pack, n) == 0)
            return 1;
        s += m + (plus != NULL);
    }
    return 0;
}

int ocr_lang_has(const char *packs, const char *pack)
{
    return has_n(packs, pack, strlen(pack));
}

/* Whether s[0, n) is shaped as Tesseract names a language: three
 * letters, then perhaps '_' and a variant ("chi_sim", "deu_latf"). */
static int code_like(const char *s, size_t n)
{
    if (n < 3 || (n > 3 && s[3] != '_') || n > 12)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (i > 3 && s[i] >= '0' && s[i] <= '9') ||
              (i >= 3 && s[i] == '_')))
            return 0;
    return 1;
}

/* Why pack[0, n) cannot be read: none installed by that name. */
static fond_status_t missing(const char *pack, size_t n, const char *packs,
                             char *err, size_t errsize)
{
    const char *installed = packs && *packs ? packs : "none";
    if (!code_like(pack, n)) {
        snprintf(err, errsize, "unknown OCR language '%.*s': neither a language "
                 "fond knows nor a Tesseract language pack installed (%s)",
                 (int)(n < 64 ? n : 64), pack, installed);
        return FOND_ERR_ARG;
    }
    char debian[16];
    for (size_t i = 0; i <= n; i++) /* Debian's names: chi_sim in tesseract-ocr-chi-sim */
        debian[i] = i == n ? '\0' : pack[i] == '_' ? '-' : pack[i];
    snprintf(err, errsize, "no Tesseract language pack '%.*s' installed (install "
             "the Debian package tesseract-ocr-%s; installed: %s)", (int)n, pack,
             debian, installed);
    return FOND_ERR_ARG;
}

fond_status_t ocr_lang_resolve(const char *spec, const char *packs, char *out,
                               size_t size, char *err, size_t errsize)
{
    size_t used = 0;
    if (size)
        out[0] = '\0';
    if (!spec || !*spec || strcmp(spec, "auto") == 0)
        return FOND_OK;
    for (const char *s = spec;;) {
        const char *plus = strchr(s, '+');
        size_t n = plus ? (size_t)(plus - s) : strlen(s);
        while (n && *s == ' ')
            s++, n--;
        while (n && s[n - 1] == ' ')
            n--;
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(n < 63 ? n : 63), s);
        const char *code = n < 63 ? language_tesseract(language_named(name)) : NULL;
        const char *pack = code ? code : s;
        size_t len = code ? strlen(code) : n;
        if (!pack_name_ok(pack, len) || (packs && !has_n(packs, pack, len)))
            return missing(pack, len, packs, err, errsize);
        if (!has_n(out, pack, len) && list_add(out, size, &used, pack, len) != 0) {
            snprintf(err, errsize, "too many OCR languages in '%s'", spec);
            return FOND_ERR_ARG;
        }
        if (!plus)
            return FOND_OK;
        s = plus + 1;
    }
}

int ocr_lang_osd_script(const char *osd, size_t len, char *out, size_t size)
{
    static const char key[] = "Script: ";
    for (size_t i = 0; i + sizeof key - 1 <= len; i++) {
        if ((i == 0 || osd[i - 1] == '\n') &&
            memcmp(osd + i, key, sizeof key - 1) == 0) {
            size_t start = i + sizeof key - 1, end = start;
            while (end < len && end - start < PACK_MAX && osd[end] != '\n' &&
                   osd[end] != '\r' && osd[end] != ' ')
                end++;
            if (end == start || !pack_name_ok(osd + start, end - start))
                return 0;
            snprintf(out, size, "%.*s", (int)(end - start), osd + start);
            return 1;
        }
    }
    return 0;
}

/* Each script OSD names (Tesseract's unicharset script names), and the
 * packs that read it, the likeliest in an archive first; Debian's script
 * pack ("script/Cyrillic") is the last resort for each. */
static const struct {
    const char *script;
    const char *packs[7];
} scripts[] = {
    {"Cyrillic", {"rus", "ukr", "bel", "bul", "srp", "mkd", "kaz"}},
    {"Greek", {"ell", "grc"}},
    {"Arabic", {"ara", "fas", "urd", "pus", "uig"}},
    {"Hebrew", {"heb", "yid"}},
    {"Armenian", {"hye"}},
    {"Georgian", {"kat", "kat_old"}},
    {"Han", {"chi_sim", "chi_tra", "jpn"}},
    {"HanS", {"chi_sim", "chi_tra"}},
    {"HanT", {"chi_tra", "chi_sim"}},
    {"Japanese", {"jpn"}},
    {"Katakana", {"jpn"}},
    {"Hiragana", {"jpn"}},
    {"Hangul", {"kor"}},
    {"Korean", {"kor"}},
    {"Devanagari", {"hin", "mar", "nep", "san"}},
    {"Bengali", {"ben", "asm"}},
    {"Tamil", {"tam"}},
    {"Telugu", {"tel"}},
    {"Kannada", {"kan"}},
    {"Malayalam", {"mal"}},
    {"Gujarati", {"guj"}},
    {"Gurmukhi", {"pan"}},
    {"Oriya", {"ori"}},
    {"Sinhala", {"sin"}},
    {"Thai", {"tha"}},
    {"Lao", {"lao"}},
    {"Khmer", {"khm"}},
    {"Myanmar", {"mya"}},
    {"Tibetan", {"bod"}},
    {"Ethiopic", {"amh", "tir"}},
    {"Syriac", {"syr"}},
    {"Thaana", {"div"}},
    {"Fraktur", {"deu_latf", "frk"}},
};

int ocr_lang_for_script(const char *script, const char *packs, char *out,
                        size_t size)
{
    for (size_t i = 0; i < sizeof scripts / sizeof *scripts; i++) {
        if (strcmp(script, scripts[i].script) != 0)
            continue;
        for (size_t k = 0; k < 7 && scripts[i].packs[k]; k++)
            if (ocr_lang_has(packs, scripts[i].packs[k]))
                return snprintf(out, size, "%s", scripts[i].packs[k]) > 0;
        char debian[PACK_MAX + 8];
        snprintf(debian, sizeof debian, "script/%s", script);
        return ocr_lang_has(packs, debian) && snprintf(out, size, "%s", debian) > 0;
    }
    return 0;
}

size_t ocr_lang_latin_packs(const char *packs, const char *except, size_t max,
                            char *out, size_t size)
{
    size_t n_stemmers, used = 0, count = 0;
    const char *const *stemmers = language_stemmers(&n_stemmers);
    if (size)
        out[0] = '\0';
    for (size_t i = 0; i < n_stemmers && count < max; i++) {
        const char *pack = language_tesseract(stemmers[i]);
        if (pack && language_latin(stemmers[i]) && strcmp(pack, except) != 0 &&
            ocr_lang_has(packs, pack) &&
            list_add(out, size, &used, pack, strlen(pack)) == 0)
            count++;
    }
    return count;
}
