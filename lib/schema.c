/*
 * schema.c -- the lookups schema.h declares: tags of the shown fields, the
 * query fields and their prefixes, and the normalising of a whole field
 * value, shared by the indexer and the query builder.
 */
#define _DEFAULT_SOURCE /* timegm() */
#include "schema.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>
#include <utf8proc.h>

#include "analyze.h"
#include "hash.h"

#define SCHEMA_TAG(name, slot, tag, doc) [slot] = tag,
static const char tags[SCHEMA_SLOTS] = {SCHEMA_FIELDS(SCHEMA_TAG)};
#undef SCHEMA_TAG
#define SCHEMA_DOC(name, slot, tag, doc) [slot] = doc,
static const int docs[SCHEMA_SLOTS] = {SCHEMA_FIELDS(SCHEMA_DOC)};
#undef SCHEMA_DOC

char schema_slot_tag(unsigned slot)
{
    return slot < SCHEMA_SLOTS ? tags[slot] : 0;
}

int schema_slot_doc(unsigned slot)
{
    return slot < SCHEMA_SLOTS ? docs[slot] : -1;
}

int schema_tag_slot(char tag)
{
    for (int slot = 0; slot < SCHEMA_SLOTS; slot++)
        if (tags[slot] == tag && tag)
            return slot;
    return -1;
}

static const schema_field_t fields[] = {
    {"title", SCHEMA_TITLE, 0, NULL, NULL},
    {"type", SCHEMA_TYPE, 1, NULL, NULL},
    {"from", SCHEMA_FROM, 0, SCHEMA_FROM_LOCAL, SCHEMA_FROM_DOMAIN},
    {"to", SCHEMA_TO, 0, SCHEMA_TO_LOCAL, SCHEMA_TO_DOMAIN},
    {"place", SCHEMA_PLACE, 0, NULL, NULL},
    {"creator", SCHEMA_CREATOR, 0, SCHEMA_CREATOR_LOCAL, SCHEMA_CREATOR_DOMAIN},
    {"language", SCHEMA_LANGUAGE, 1, NULL, NULL},
    {"archive", SCHEMA_ARCHIVE, 1, NULL, NULL},
    {"fond", SCHEMA_FOND, 1, NULL, NULL},
    {"opis", SCHEMA_OPIS, 1, NULL, NULL},
    {"delo", SCHEMA_DELO, 1, NULL, NULL},
    {"box", SCHEMA_BOX, 1, NULL, NULL},
    {"folder", SCHEMA_FOLDER, 1, NULL, NULL},
    {"reel", SCHEMA_REEL, 1, NULL, NULL},
    {"ref", SCHEMA_REF, 1, NULL, NULL},   /* a reference whole, as typed */
    {"source", SCHEMA_PATH_WORD, 0, NULL, NULL}, /* words of its name */
    {"within", SCHEMA_WITHIN, 0, NULL, NULL}, /* edition, collection, series */
    {"person", SCHEMA_PERSON, 0, NULL, NULL},
    {"org", SCHEMA_ORG, 0, NULL, NULL},
    {"date", NULL, 1, NULL, NULL}, /* a date range, from Y/M/D terms */
};

const schema_field_t *schema_field(const char *name, size_t len)
{
    for (size_t f = 0; f < sizeof fields / sizeof *fields; f++)
        if (strlen(fields[f].name) == len &&
            strncasecmp(fields[f].name, name, len) == 0)
            return &fields[f];
    return NULL;
}

static int is_alnum(utf8proc_int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) ||
           (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME);
}

static int is_digit(utf8proc_int32_t c)
{
    return utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
}

size_t schema_whole_value(const char *value, size_t len, char *out,
                          size_t size)
{
    char folded[4 * SCHEMA_TERM_MAX];
    size_t n = len < SCHEMA_TERM_MAX ? analyze_fold(value, len, folded,
                                                    sizeof folded) : 0;
    size_t o = 0;
    int gap = 0, last_digit = 0;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)folded + i,
                                              (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0)
            return 0; /* analyze_fold gives valid UTF-8: not reached */
        if (!is_alnum(c)) {
            gap = o > 0;
            i += (size_t)k;
            continue;
        }
        int sep = gap && last_digit && is_digit(c);
        if (o + (size_t)sep + (size_t)k + 1 > size || o + (size_t)k + 1 > SCHEMA_TERM_MAX)
            return 0;
        if (sep)
            out[o++] = '/';
        memcpy(out + o, folded + i, (size_t)k);
        o += (size_t)k;
        i += (size_t)k;
        gap = 0;
        last_digit = is_digit(c);
    }
    if (size)
        out[o] = '\0';
    return o;
}

size_t schema_date_terms(const char *yyyymmdd, char terms[3][16])
{
    if (strlen(yyyymmdd) != 8)
        return 0;
    size_t n = 0;
    snprintf(terms[n++], 16, SCHEMA_YEAR "%.4s", yyyymmdd);
    if (memcmp(yyyymmdd + 4, "00", 2) != 0)
        snprintf(terms[n++], 16, SCHEMA_MONTH "%.6s", yyyymmdd);
    if (n == 2 && memcmp(yyyymmdd + 6, "00", 2) != 0)
        snprintf(terms[n++], 16, SCHEMA_DAY "%.8s", yyyymmdd);
    return n;
}

void schema_format_pages(char *buf, size_t size, unsigned first,
                         unsigned last, const char *label)
{
    if (first)
        snprintf(buf, size, "%u %u %s", first, last, label ? label : "");
    else if (size)
        buf[0] = '\0';
}

void schema_parse_pages(const char *pages, unsigned *first, unsigned *last,
                        const char **label)
{
    int used = 0;
    *first = *last = 0;
    *label = "";
    if (sscanf(pages, "%u %u %n", first, last, &used) == 2 && used > 0)
        *label = pages + used;
    else
        *first = *last = 0;
}

int schema_key_new(schema_key_t *key)
{
    key->set = getrandom(key->k, sizeof key->k, 0) == (ssize_t)sizeof key->k;
    return key->set ? 0 : -1;
}

void schema_key_format(const schema_key_t *key, char out[SCHEMA_KEY_TEXT_SIZE])
{
    snprintf(out, SCHEMA_KEY_TEXT_SIZE, "%016llx%016llx",
             (unsigned long long)key->k[0], (unsigned long long)key->k[1]);
}

int schema_key_parse(const char *text, schema_key_t *key)
{
    unsigned long long k0, k1;
    int used = 0;
    key->set = text && strlen(text) == SCHEMA_KEY_TEXT_SIZE - 1 &&
               strspn(text, "0123456789abcdef") == SCHEMA_KEY_TEXT_SIZE - 1 &&
               sscanf(text, "%16llx%16llx%n", &k0, &k1, &used) == 2 &&
               used == SCHEMA_KEY_TEXT_SIZE - 1;
    key->k[0] = key->set ? k0 : 0;
    key->k[1] = key->set ? k1 : 0;
    return key->set ? 0 : -1;
}

void schema_source_id(const schema_key_t *key, const char *path,
                      char out[SCHEMA_SOURCE_ID_SIZE])
{
    uint64_t h = key && key->set ? hash_keyed(key->k, path, strlen(path))
                                 : hash_string(path);
    snprintf(out, SCHEMA_SOURCE_ID_SIZE, "%016llx", (unsigned long long)h);
}

void schema_source_term(const schema_key_t *key, const char *path,
                        char out[SCHEMA_SOURCE_TERM_SIZE])
{
    char id[SCHEMA_SOURCE_ID_SIZE];
    schema_source_id(key, path, id);
    snprintf(out, SCHEMA_SOURCE_TERM_SIZE, SCHEMA_SOURCE "%s", id);
}

void schema_format_added(long long seconds, char out[SCHEMA_ADDED_SIZE])
{
    time_t t = seconds ? (time_t)seconds : time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm) ||
        !strftime(out, SCHEMA_ADDED_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm))
        out[0] = '\0';
}

long long schema_parse_added(const char *s)
{
    struct tm tm;
    char end;
    memset(&tm, 0, sizeof tm);
    if (strlen(s) != SCHEMA_ADDED_SIZE - 4 ||
        sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon,
               &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &end) != 7 ||
        end != 'Z')
        return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    return t == (time_t)-1 ? 0 : (long long)t;
}
