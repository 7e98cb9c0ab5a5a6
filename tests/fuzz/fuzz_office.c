/*
 * fuzz_office.c -- libFuzzer target for lib/office.h, the whole reader
 * from bytes: libzip's reading of the zip under fond's bounds, the XML
 * parts through xml_parse, the walks.  The first byte picks how the rest
 * is used: 0 as a whole file (office_format, then office_read as DOCX and
 * as ODT); 1 as a DOCX's word/document.xml, 2 as its word/footnotes.xml
 * (under a document that cites notes 1 to 3), 3 as an ODT's content.xml,
 * each put in a zip made here, so that the walks are reached past the
 * zip's checksums.  Checks fuzz_markup.h's promises, and a one-line reason
 * when the file is refused.
 */
#include <stdint.h>
#include <stdlib.h>
#include <zip.h>

#include "fuzz_markup.h"
#include "office.h"

#define CT_DOCX "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" \
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>" \
    "<Override PartName=\"/word/footnotes.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/></Types>"
#define CITING "<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>a</w:t></w:r>" \
    "<w:r><w:footnoteReference w:id=\"1\"/></w:r><w:r><w:footnoteReference w:id=\"2\"/></w:r>" \
    "<w:r><w:footnoteReference w:id=\"3\"/></w:r></w:p></w:body></w:document>"

static int add(zip_t *z, const char *name, const char *s, size_t n)
{
    zip_source_t *src = zip_source_buffer(z, s, n, 0);
    if (!src || zip_file_add(z, name, src, ZIP_FL_OVERWRITE) < 0) {
        zip_source_free(src);
        return -1;
    }
    return 0;
}

/* A zip of the parts (name, bytes) as one malloc'd block, or NULL. */
static char *zip_of(const char *const *names, const char *const *parts,
                    const size_t *sizes, int n, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *out = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *z = out ? zip_open_from_source(out, ZIP_TRUNCATE, &ze) : NULL;
    char *block = NULL;
    int ok = z != NULL;
    if (z)
        zip_source_keep(out);
    for (int i = 0; ok && i < n; i++)
        ok = add(z, names[i], parts[i], sizes[i]) == 0;
    ok = ok && zip_close(z) == 0;
    if (!ok && z)
        zip_discard(z);
    zip_stat_t st;
    if (ok && zip_source_open(out) == 0) {
        if (zip_source_stat(out, &st) == 0 && (block = malloc(st.size + 1))) {
            zip_int64_t got = zip_source_read(out, block, st.size);
            *len = got < 0 ? 0 : (size_t)got;
        }
        zip_source_close(out);
    }
    if (out)
        zip_source_free(out);
    zip_error_fini(&ze);
    return block;
}

static void read_as(extract_format_t f, const char *bytes, size_t len)
{
    extract_t x;
    memset(&x, 0, sizeof x);
    x.format = f;
    char err[256] = "";
    fond_status_t st = office_read(&x, bytes, len, err, sizeof err);
    if (st == FOND_OK)
        fuzz_markup_check(&x, bytes, len);
    else
        FUZZ_CHECK((st == FOND_ERR_EXTRACT || st == FOND_ERR_NOMEM) &&
                   fuzz_one_line(err));
    extract_free(&x);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *rest = (const char *)data + 1;
    size_t n = size - 1;
    int how = data[0] & 3;
    if (how == 0) {
        extract_format_t f = office_format(rest, n);
        FUZZ_CHECK(f == EXTRACT_TEXT || f == EXTRACT_DOCX || f == EXTRACT_ODT);
        read_as(EXTRACT_DOCX, rest, n);
        read_as(EXTRACT_ODT, rest, n);
        return 0;
    }
    static const char odt_type[] = "application/vnd.oasis.opendocument.text";
    const char *names[3], *parts[3];
    size_t sizes[3];
    int k = 0;
    if (how == 3) {
        names[k] = "mimetype", parts[k] = odt_type, sizes[k++] = sizeof odt_type - 1;
        names[k] = "content.xml", parts[k] = rest, sizes[k++] = n;
    } else {
        names[k] = "[Content_Types].xml", parts[k] = CT_DOCX, sizes[k++] = strlen(CT_DOCX);
        names[k] = "word/document.xml", parts[k] = how == 1 ? rest : CITING;
        sizes[k] = how == 1 ? n : strlen(CITING), k++;
        if (how == 2)
            names[k] = "word/footnotes.xml", parts[k] = rest, sizes[k++] = n;
    }
    size_t len = 0;
    char *zip = zip_of(names, parts, sizes, k, &len);
    if (!zip)
        return 0;
    extract_format_t f = how == 3 ? EXTRACT_ODT : EXTRACT_DOCX;
    FUZZ_CHECK(office_format(zip, len) == f);
    read_as(f, zip, len);
    free(zip);
    return 0;
}
