/*
 * fuzz_request.c -- libFuzzer target for fond.cgi's request parsing
 * (web/request.h): arbitrary bytes as a QUERY_STRING.  Checks what
 * request.h promises: either a one-line reason, or fields that are valid
 * UTF-8 within their limits, a query request_query() can build, and links
 * that parse back to the same request; and one parameter read alone
 * (request_param).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "fuzz.h"
#include "request.h"

static void check_fields(const request_t *r)
{
    FUZZ_CHECK(strlen(r->q) <= REQUEST_MAX_Q);
    FUZZ_CHECK(utf8_valid_prefix(r->q, strlen(r->q)) == strlen(r->q));
    FUZZ_CHECK(utf8_valid_prefix(r->source, strlen(r->source)) == strlen(r->source));
    FUZZ_CHECK(r->page >= 1 && r->page <= REQUEST_MAX_PAGE);
    FUZZ_CHECK(r->per_page >= 1 && r->per_page <= REQUEST_MAX_PER_PAGE);
    FUZZ_CHECK(strchr(r->source, '"') == NULL);
    FUZZ_CHECK(strspn(r->type, "abcdefghijklmnopqrstuvwxyz-") == strlen(r->type));
    FUZZ_CHECK(strspn(r->show, "0123456789abcdef-") == strlen(r->show));
}

/* A link to an original file, made from a path the request chose, is
 * percent-encoded: nothing in it can leave an attribute or a URL. */
static void check_file_url(const request_t *r)
{
    static const request_file_map_t map = {"/srv/", "https://example.org/f/"};
    char path[REQUEST_MAX_SOURCE + 8], url[REQUEST_MAX_SOURCE * 3 + 64];
    snprintf(path, sizeof path, "/srv/%s", r->source);
    if (request_file_url(&map, 1, path, 3, url, sizeof url) == 0)
        FUZZ_CHECK(strpbrk(url, "\"'<> \\") == NULL &&
                   strncmp(url, map.url, strlen(map.url)) == 0);
}

/* A link the page would write parses back to the same request. */
static void check_link_round_trip(const request_t *r)
{
    char link[REQUEST_MAX_QUERY_STRING * 3 + 64], err[300], page[24];
    snprintf(page, sizeof page, "%zu", r->page);
    if (request_link(r, "page", r->page > 1 ? page : NULL, link, sizeof link) != 0)
        return; /* too long for a link: the page writes "?" instead */
    request_t back;
    FUZZ_CHECK(request_parse(&back, link + 1, err, sizeof err) == 0);
    FUZZ_CHECK(strcmp(back.q, r->q) == 0 && strcmp(back.type, r->type) == 0 &&
               strcmp(back.source, r->source) == 0 && back.page == r->page &&
               back.per_page == r->per_page && back.sort == r->sort &&
               strcmp(back.show, r->show) == 0);
}

/* One parameter (request_param, the page image's and IIIF's): valid
 * UTF-8 with no control character, within its buffer, when found. */
static void check_param(const char *qs)
{
    char v[REQUEST_MAX_Q + 1];
    int got = request_param(qs, "q", v, sizeof v);
    FUZZ_CHECK(got >= -1 && got <= 1);
    if (got == 1) {
        size_t n = strlen(v);
        FUZZ_CHECK(n < sizeof v && utf8_valid_prefix(v, n) == n);
        for (size_t i = 0; i < n; i++)
            FUZZ_CHECK((unsigned char)v[i] >= 0x20 && v[i] != 0x7f);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *qs = malloc(size + 1);
    if (!qs)
        return 0;
    memcpy(qs, data, size);
    qs[size] = '\0'; /* a QUERY_STRING ends at its first NUL */
    check_param(qs);
    request_t r;
    char err[300] = "";
    if (request_parse(&r, qs, err, sizeof err) != 0) {
        FUZZ_CHECK(fuzz_one_line(err));
    } else {
        check_fields(&r);
        char *query = request_query(&r);
        FUZZ_CHECK(query != NULL);
        free(query);
        check_link_round_trip(&r);
        check_file_url(&r);
    }
    free(qs);
    return 0;
}
