/*
 * fuzz_folder.c -- libFuzzer target for what lib/folder.h reads of a
 * folder's file names (an archive's delivery names them, not fond):
 * folder_page_name, whose stem and number must lie within the name (the
 * number the run of digits after the stem, no longer than 18, its value
 * theirs), and folder_name_cmp, which must order names as qsort needs
 * (a name equal to itself alone; antisymmetric; transitive over three).
 * The input is up to three names, split at NUL bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "folder.h"
#include "fuzz.h"

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

static void check_name(const char *name)
{
    size_t stem = 0, len = strlen(name);
    unsigned long long number = 0;
    if (!folder_page_name(name, &stem, &number))
        return;
    size_t end = stem;
    unsigned long long v = 0;
    while (name[end] >= '0' && name[end] <= '9')
        v = v * 10 + (unsigned long long)(name[end++] - '0');
    FUZZ_CHECK(stem < len);
    FUZZ_CHECK(end > stem && end - stem <= FOLDER_MAX_NUMBER_DIGITS);
    FUZZ_CHECK(v == number);
    FUZZ_CHECK(name[end] == '\0' || name[end] == '.'); /* then its extension */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size + 3);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = buf[size + 1] = buf[size + 2] = '\0';
    const char *n[3];
    n[0] = buf;
    n[1] = n[0] + strlen(n[0]) + (n[0] + strlen(n[0]) < buf + size);
    n[2] = n[1] + strlen(n[1]) + (n[1] + strlen(n[1]) < buf + size);
    for (int i = 0; i < 3; i++) {
        check_name(n[i]);
        FUZZ_CHECK(folder_name_cmp(n[i], n[i]) == 0);
        for (int j = 0; j < 3; j++) {
            int ij = sign(folder_name_cmp(n[i], n[j]));
            FUZZ_CHECK(ij == -sign(folder_name_cmp(n[j], n[i])));
            FUZZ_CHECK((ij == 0) == (strcmp(n[i], n[j]) == 0));
            for (int k = 0; k < 3; k++)
                if (ij <= 0 && sign(folder_name_cmp(n[j], n[k])) <= 0)
                    FUZZ_CHECK(folder_name_cmp(n[i], n[k]) <= 0);
        }
    }
    free(buf);
    return 0;
}
