/*
 * fuzz_image.c -- libFuzzer target for the image probe (lib/image.h): the
 * bytes as an image file, its headers read (fond's walk of a TIFF's chain
 * of directories, GIF's and BMP's headers, Leptonica's header readers for
 * the rest) to tell its pages and their sizes without decoding it.  Checks
 * what the header promises: an image accepted has 1 to max_pages pages,
 * each of a size within the bounds; one refused says why in one line.
 */
#include <leptonica/allheaders.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz.h"
#include "image.h"

#define MAX_PAGES 64

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    setMsgSeverity(L_SEVERITY_NONE); /* Leptonica's complaints: not ours */
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    image_info_t info;
    char err[256] = "";
    fond_status_t st = image_probe((const char *)data, size, MAX_PAGES, &info,
                                   err, sizeof err);
    FUZZ_CHECK(st == FOND_OK || st == FOND_ERR_EXTRACT || st == FOND_ERR_NOMEM);
    if (st == FOND_OK) {
        FUZZ_CHECK(info.n_pages >= 1 && info.n_pages <= MAX_PAGES);
        FUZZ_CHECK(info.kind[0] != '\0');
        for (unsigned k = 0; k < info.n_pages; k++) {
            uint64_t w = info.pages[k].width, h = info.pages[k].height;
            FUZZ_CHECK(w > 0 && h > 0 && w <= IMAGE_MAX_SIDE && h <= IMAGE_MAX_SIDE);
            FUZZ_CHECK(w * h <= IMAGE_MAX_PIXELS);
            FUZZ_CHECK(info.pages[k].ifd < size);
        }
    } else if (st == FOND_ERR_EXTRACT) {
        FUZZ_CHECK(fuzz_one_line(err));
    }
    image_info_free(&info);
    return 0;
}
