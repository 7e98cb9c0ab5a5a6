/*
 * fuzz_boxes.c -- libFuzzer target for boxes_decode() (lib/boxes.h): the
 * bytes as a passage's blob of word boxes, which a damaged database could
 * hold.  Checks what boxes.h promises: no more words than the blob could
 * hold (6 bytes each at least), each on a page the blob names; and that
 * what it read, written again with boxes_encode() and read back, is the
 * same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boxes.h"
#include "fuzz.h"

static int page_named(const boxes_t *b, unsigned page)
{
    for (size_t i = 0; i < b->n_pages; i++)
        if (b->pages[i].page == page)
            return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    boxes_t b;
    if (boxes_decode((const char *)data, size, &b) != FOND_OK)
        return 0;
    FUZZ_CHECK(b.n_words <= size / 6);
    for (size_t i = 0; i < b.n_words; i++)
        FUZZ_CHECK(page_named(&b, b.words[i].page));
    /* the pages as a layout's (pages[page - 1]), for boxes_encode */
    unsigned last = 0;
    for (size_t i = 0; i < b.n_pages; i++)
        last = b.pages[i].page > last ? b.pages[i].page : last;
    ocr_page_t *pages = last <= 4096 ? calloc(last + 1, sizeof *pages) : NULL;
    for (size_t i = 0; pages && i < b.n_pages; i++) {
        ocr_page_t *p = &pages[b.pages[i].page ? b.pages[i].page - 1 : 0];
        p->width = b.pages[i].width;
        p->height = b.pages[i].height;
        p->conf = b.pages[i].conf;
    }
    char *blob = NULL;
    size_t len = 0;
    int twice = 0; /* a page named twice: its words go under one */
    for (size_t i = 0; i < b.n_pages; i++)
        for (size_t k = 0; k < i; k++)
            twice |= b.pages[i].page == b.pages[k].page;
    int words_on_page0 = 0;
    for (size_t i = 0; i < b.n_words; i++)
        words_on_page0 |= b.words[i].page == 0;
    if (pages && !twice && !words_on_page0 &&
        boxes_encode(b.words, b.n_words, pages, last, &blob, &len) == FOND_OK) {
        boxes_t again;
        if (boxes_decode(blob, len, &again) == FOND_OK) {
            FUZZ_CHECK(again.n_words == b.n_words);
            for (size_t i = 0; i < again.n_words; i++) { /* each one read */
                const boxes_word_t *w = &again.words[i];
                int found = 0;
                for (size_t k = 0; k < b.n_words && !found; k++)
                    found = w->offset == b.words[k].offset &&
                            w->page == b.words[k].page &&
                            w->box.x == b.words[k].box.x &&
                            w->box.y == b.words[k].box.y &&
                            w->box.w == b.words[k].box.w &&
                            w->box.h == b.words[k].box.h &&
                            w->conf == b.words[k].conf;
                FUZZ_CHECK(found);
            }
            boxes_free(&again);
        }
        free(blob);
    }
    free(pages);
    boxes_free(&b);
    return 0;
}
