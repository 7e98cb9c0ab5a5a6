/*
 * ingest.h -- a file's bytes made ready to index: decoded (decode.h), its
 * header and notes read (source.h), its body repaired (repair.h), cut into
 * passages (passage.h), and each passage given the footnotes its markers
 * point to and the dates it mentions (dates.h), and the boxes of its words
 * when the bytes were read as pages of words (ocr.h).  A source of notes
 * and no text has one passage of no text, which holds them.  Nothing here
 * touches Xapian: index.c writes what this prepares.
 *
 * Word boxes.  A layout's words are byte ranges of the bytes given; each
 * is followed to the passage that holds it: through decode (which gives
 * valid UTF-8 back as it was, but for a leading byte-order mark, which it
 * drops: the words' offsets move back by it; a text decode changed
 * otherwise, which fond's own extraction never makes, keeps no box), past
 * the header (a word there, or in a notes section, is in no passage),
 * through repair's anchors (repair_clean_offset; a word repair dropped, a
 * page number or running head, a footnote's text it took out of the flow,
 * keeps no box), to its offset in the passage's text.  A word repair
 * joined across a line's end ("Azer-" "baijan") keeps both boxes, at
 * offsets inside the one word.
 */
#ifndef FOND_INGEST_H
#define FOND_INGEST_H

#include <stddef.h>
#include "analyze.h"
#include "dates.h"
#include "decode.h"
#include "ocr.h"
#include "pages.h"
#include "repair.h"
#include "source.h"

/* The most a passage's footnotes hold, their texts added up: a note longer
 * is cut to it, and a note that would take a passage past it is left off
 * that passage.  Every passage stores and indexes the text of its notes,
 * so without a bound one long note pointed to from every passage (or many
 * notes from one) would cost passages x note length; with it, a passage
 * costs at most this much more. */
#define INGEST_NOTES_MAX_BYTES (8 * FOND_PASSAGE_MAX_BYTES)

typedef struct {
    unsigned number;
    const char *text;            /* owned by the ingest_t */
    size_t len;                  /* strlen(text), at most INGEST_NOTES_MAX_BYTES */
} ingest_note_t;

/* A word's box, placed in its passage. */
typedef struct {
    size_t offset;           /* its first byte in the passage's text */
    const ocr_word_t *word;  /* the layout's word (its page, box,
                                confidence and alternatives) */
} ingest_box_t;

typedef struct {
    unsigned ordinal;          /* from 1 */
    size_t start, end;         /* in the repaired body (ingest_t.text) */
    size_t raw_start, raw_end; /* where it came from in the decoded file */
    const ingest_note_t **notes; /* the footnotes its markers point to,
                                    and those no marker points to that
                                    stood in it (ingest.c) */
    size_t n_notes;
    const date_mention_t *dates; /* the dates it mentions (into ingest_t) */
    size_t n_dates;
    unsigned page_first, page_last; /* the pages it spans, from 1; 0 when
                                       the source has no form feed */
    char page_label[40];        /* "p. 227", "pp. 227-228", "" */
    const char *attachment;     /* the name of the file attached whose
                                   text it is (ingest_section_t), NULL
                                   for the source's own text */
    const ingest_box_t *boxes;  /* its words' boxes, in text order (into
                                   ingest_t.boxes) */
    size_t n_boxes;
} ingest_passage_t;

typedef struct {
    decode_info_t decoded;
    char *decoded_text;        /* the whole file as UTF-8 */
    size_t decoded_len;
    source_t header;           /* the source's record: its own header's
                                  fields and the others', in source.h's
                                  order; body range and notes its own */
    const char *language;      /* Snowball name: "english", "russian", ... */
    repair_t body;             /* the repaired body; .text is the clean text */
    ingest_note_t *notes;
    size_t n_notes;
    date_mention_t *dates;
    size_t n_dates;
    ingest_passage_t *passages;
    size_t n_passages;
    const ingest_note_t **note_refs; /* storage behind passages[].notes */
    page_t *pages;             /* the body's pages (offsets in the body) */
    size_t n_pages;            /* 0 when the body has no form feed */
    const ocr_text_t *layout;  /* ingest_given_t.layout: its pages' sizes */
    ingest_box_t *boxes;       /* behind passages[].boxes */
    size_t n_boxes;
    size_t boxes_dropped;      /* the layout's words in no passage */
} ingest_t;

/* A run of a source's text that is a file attached to it (a mail
 * attachment, read as a file: extract.h), from `start` (an offset in the
 * bytes given) to the next section's start or the text's end.  The text
 * before the first section is the source's own.  No passage spans two
 * runs; a passage of one names its file (ingest_passage_t.attachment),
 * and its pages are counted from the run's first (the page its start is
 * on), and a run not `paged` (a text file, the source's own text) has
 * none.  Starts in ascending order. */
typedef struct {
    size_t start;
    const char *name;          /* outlives the ingest_t */
    int paged;                 /* its format has pages (a PDF, a scan) */
} ingest_section_t;

/* What is known of a source before its text is read (source.h, "One
 * source record from every reader"): each may be NULL. */
typedef struct {
    const source_t *catalogue; /* its row in a catalogue: wins over all */
    const source_t *format;    /* what its format states (PDF Info, mail
                                  headers): below the source's own header */
    int headerless;            /* the text has no header of its own (a
                                  mail body): all of it is body, even a
                                  first line "Title: x" */
    const ocr_text_t *layout;  /* the bytes as pages of words with their
                                  boxes (extract_t.layout, whose text the
                                  bytes are), or NULL; must outlive the
                                  ingest_t */
    const ingest_section_t *sections; /* the files attached, in text
                                  order; none (NULL, 0): one run */
    size_t n_sections;
} ingest_given_t;

/*
 * Prepare bytes[0, len).  `given` (may be NULL) is what the catalogue and
 * the reader's format say of the source; ingest_t.header becomes the
 * source's record, its fields taken in source.h's order.  `a` is the analyzer repair uses for its
 * vocabulary; `known`/`ctx` extend it with the collection's (may be NULL).
 * On failure a one-line reason is in err: FOND_ERR_BINARY, FOND_ERR_ARG (bad
 * header), FOND_ERR_NOMEM.  Free with ingest_free() either way.
 */
fond_status_t ingest_bytes(ingest_t *out, const char *bytes, size_t len,
                           const ingest_given_t *given, analyzer_t *a, repair_known_fn known, void *ctx,
                           char *err, size_t errsize);
void ingest_free(ingest_t *in);

/* The Snowball stemmer for a Language header ("Russian", "ru", "tr",
 * "Türkçe" ...: language.h), or for the text's script when there is none
 * (or one fond does not know). */
const char *ingest_language(const char *header, const char *text, size_t len);

#endif
