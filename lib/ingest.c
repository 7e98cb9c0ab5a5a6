/*
 * ingest.c -- from a file's bytes to passages ready to index (see ingest.h):
 * decode, read the header (and what the text shows of the source's
 * fields: structure.h), repair the body, gather the footnotes, find the
 * dates, cut the passages and give each its notes and dates.
 */
#include "ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "array.h"
#include "language.h"
#include "passage.h"
#include "structure.h"
#include "text.h"

/* ------------------------------------------------------------ language */

/* Which script most letters of the text are in: Cyrillic means Russian;
 * Latin with Turkish letters (ş ğ ı İ) means Turkish; else English. */
static const char *language_of_script(const char *text, size_t len)
{
    size_t cyrillic = 0, latin = 0, turkish = 0;
    size_t end = len < 65536 ? len : 65536;
    for (size_t i = 0; i < end;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                              (utf8proc_ssize_t)(end - i), &cp);
        if (n <= 0)
            break;
        i += (size_t)n;
        cyrillic += cp >= 0x400 && cp <= 0x4FF;
        latin += (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
        turkish += cp == 0x15F || cp == 0x15E || cp == 0x11F || cp == 0x11E ||
                   cp == 0x131 || cp == 0x130;
    }
    if (cyrillic > latin)
        return "russian";
    if (turkish * 100 > latin)
        return "turkish";
    return "english";
}

const char *ingest_language(const char *header, const char *text, size_t len)
{
    const char *named = language_named(header);
    return named ? named : language_of_script(text, len);
}

/* ------------------------------------------------------------ notes */

/* Take the note whose text is `text` (owned by the header or the repaired
 * body), cut to INGEST_NOTES_MAX_BYTES at a character's start.  Its
 * citations are read where they are used: its references by index.c,
 * its parts for display by search.c. */
static void note_take(ingest_note_t *n, unsigned number, char *text)
{
    size_t len = strlen(text);
    if (len > INGEST_NOTES_MAX_BYTES) {
        len = INGEST_NOTES_MAX_BYTES;
        while (len > 0 && text_is_continuation(text[len]))
            len--;
        text[len] = '\0';
    }
    n->number = number;
    n->text = text;
    n->len = len;
}

/* A note's number and its place in a list of notes, sorted by both so
 * that the notes of one number sit together, first one first. */
typedef struct {
    unsigned number;
    size_t order;
} note_key_t;

static int note_key_cmp(const void *a, const void *b)
{
    const note_key_t *x = a, *y = b;
    if (x->number != y->number)
        return x->number < y->number ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

/* The notes of the source's notes section, then those repair found
 * stranded in the flow, all of them: a marker points to the first of its
 * number (note_numbered), and a note no marker points to (a second of a
 * number, one whose marker was lost) is kept where it stood
 * (attach_unnamed), so that its words stay findable. */
static fond_status_t collect_notes(ingest_t *in)
{
    size_t nh = in->header.n_notes, max = nh + in->body.n_notes;
    in->notes = calloc(max ? max : 1, sizeof *in->notes);
    if (!in->notes)
        return FOND_ERR_NOMEM;
    for (size_t i = 0; i < max; i++) {
        ingest_note_t *n = &in->notes[in->n_notes++];
        if (i < nh)
            note_take(n, in->header.notes[i].number, in->header.notes[i].text);
        else
            note_take(n, in->body.notes[i - nh].number,
                      in->body.notes[i - nh].text);
    }
    return FOND_OK;
}

/* The first note numbered `number`, by the keys of in->notes sorted with
 * note_key_cmp; NULL if none. */
static const ingest_note_t *note_numbered(const ingest_t *in,
                                          const note_key_t *sorted,
                                          unsigned number)
{
    size_t lo = 0, hi = in->n_notes; /* the first at or above number is in
                                        [lo, hi] */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid].number < number)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < in->n_notes && sorted[lo].number == number
               ? &in->notes[sorted[lo].order]
               : NULL;
}

/* ------------------------------------------------------------ passages */

/* What attaching notes and dates needs: the notes by number, for each note
 * the last passage given it (so that a passage gets each note once), and
 * the first marker and date the passages still to come may hold. */
typedef struct {
    note_key_t *sorted; /* of in->notes, by number */
    size_t *given;   /* per note (by its place in ingest_t.notes): passage + 1 */
    unsigned char *named; /* per note: some marker points to it */
    size_t unnamed;  /* the notes before this that no marker points to are
                        placed */
    size_t marker;   /* markers before this stand before every later passage */
    size_t date;     /* so do the dates before this */
    const ingest_note_t **refs; /* storage behind passages[].notes */
    size_t n_refs, cap_refs;
} attach_t;

/* One more note of passage p (its notes are its run of at->refs). */
static fond_status_t note_ref_add(attach_t *at, ingest_passage_t *p,
                                  const ingest_note_t *note)
{
    if (array_reserve(&at->refs, &at->cap_refs, at->n_refs + 1,
                      sizeof *at->refs, 64) != 0)
        return FOND_ERR_NOMEM;
    at->refs[at->n_refs++] = note;
    p->n_notes++;
    return FOND_OK;
}

/* The notes whose markers stand in [p->start, p->end] (a marker right
 * after the passage's last full stop is the passage's), each once, as many
 * as INGEST_NOTES_MAX_BYTES holds, added to at->refs.  Markers and
 * passages are both in text order, so the passages together walk the
 * markers once (a marker on the border of two passages twice). */
static fond_status_t attach_notes(const ingest_t *in, ingest_passage_t *p,
                                  size_t index, attach_t *at)
{
    const repair_marker_t *m = in->body.markers;
    size_t n = in->body.n_markers;
    while (at->marker < n && m[at->marker].offset < p->start)
        at->marker++;
    size_t bytes = 0;
    for (size_t i = at->marker; i < n && m[i].offset <= p->end; i++) {
        const ingest_note_t *note = note_numbered(in, at->sorted, m[i].number);
        if (!note || at->given[note - in->notes] == index + 1 ||
            note->len > INGEST_NOTES_MAX_BYTES - bytes)
            continue;
        bytes += note->len;
        at->given[note - in->notes] = index + 1;
        if (note_ref_add(at, p, note) != FOND_OK)
            return FOND_ERR_NOMEM;
    }
    return FOND_OK;
}

/* Which notes some marker points to, so that the others can be kept
 * where they stood. */
static void find_named(const ingest_t *in, attach_t *at)
{
    for (size_t i = 0; i < in->body.n_markers; i++) {
        const ingest_note_t *note =
            note_numbered(in, at->sorted, in->body.markers[i].number);
        if (note)
            at->named[note - in->notes] = 1;
    }
}

/* Give passage `index` the notes no marker points to that stood in it: a
 * note repair took from the flow, by where it stood; a note of the
 * source's notes section, to the last passage, which the section ends.
 * Each such note goes to one passage, so the bound on a passage's notes
 * (there to keep a note pointed to from many passages from costing
 * passages x its length) is not needed: their cost is the source's. */
static fond_status_t attach_unnamed(const ingest_t *in, ingest_passage_t *p,
                                    size_t index, size_t n_passages,
                                    attach_t *at)
{
    size_t nh = in->header.n_notes, k = at->unnamed > nh ? at->unnamed : nh;
    int last = index + 1 == n_passages;
    for (; k < in->n_notes; k++) {
        if (!last && in->body.notes[k - nh].offset > p->end)
            break; /* it stood in a passage to come */
        if (!at->named[k] && note_ref_add(at, p, &in->notes[k]) != FOND_OK)
            return FOND_ERR_NOMEM;
    }
    at->unnamed = k;
    for (k = 0; last && k < nh; k++)
        if (!at->named[k] && note_ref_add(at, p, &in->notes[k]) != FOND_OK)
            return FOND_ERR_NOMEM;
    return FOND_OK;
}

/* The dates that start in [p->start, p->end), walked from where the
 * passage before left off. */
static void attach_dates(const ingest_t *in, ingest_passage_t *p,
                         attach_t *at)
{
    while (at->date < in->n_dates && in->dates[at->date].start < p->start)
        at->date++;
    size_t i = at->date;
    p->dates = in->dates ? in->dates + i : NULL; /* no dates: no pointer sum */
    while (i < in->n_dates && in->dates[i].start < p->end) {
        p->n_dates++;
        i++;
    }
}

/* The pages a passage spans, and their printed numbers as a citation
 * gives them: "p. 227", "pp. 227-228". */
static void place_pages(const ingest_t *in, ingest_passage_t *p)
{
    if (!in->n_pages)
        return;
    size_t start = p->raw_start - in->header.body_start;
    size_t end = p->raw_end - in->header.body_start;
    size_t first = page_at(in->pages, in->n_pages, start);
    size_t last = page_at(in->pages, in->n_pages, end > start ? end - 1 : start);
    p->page_first = (unsigned)first + 1;
    p->page_last = (unsigned)last + 1;
    const char *a = in->pages[first].label, *b = in->pages[last].label;
    if (*a && *b && strcmp(a, b) != 0)
        snprintf(p->page_label, sizeof p->page_label, "pp. %s-%s", a, b);
    else if (*a || *b)
        snprintf(p->page_label, sizeof p->page_label, "p. %s", *a ? a : b);
}

/* A run of the repaired body (ingest_section_t): [start, end) there, the
 * index of its first page, its name. */
typedef struct {
    size_t start, end;
    size_t first_page;
    const ingest_section_t *given; /* NULL: the source's own text */
    int paged; /* its pages are its own: a paged file's, or a source's
                  with no file attached (whose pages are all there is) */
} run_t;

/* A passage of the run: its file's name, and its pages counted from the
 * run's first, none for a run without pages of its own. */
static void place_run_pages(const run_t *run, ingest_passage_t *p)
{
    p->attachment = run->given ? run->given->name : NULL;
    if (!run->paged) {
        p->page_first = p->page_last = 0;
        p->page_label[0] = '\0';
    } else if (p->page_first) {
        p->page_first -= (unsigned)run->first_page;
        p->page_last -= (unsigned)run->first_page;
    }
}

static void place_passage(const ingest_t *in, const passage_span_t *span,
                          unsigned ordinal, ingest_passage_t *p)
{
    const char *text = in->body.text;
    size_t start = span->start, end = span->end;
    while (start < end && text_is_space(text[start]))
        start++;
    while (end > start && text_is_space(text[end - 1]))
        end--;
    p->ordinal = ordinal;
    p->start = start;
    p->end = end;
    p->raw_start = in->header.body_start + repair_raw_offset(&in->body, start);
    p->raw_end = in->header.body_start + repair_raw_offset(&in->body, end);
    place_pages(in, p);
}

/* Where section i (ingest_section_t) starts in the body: its start in
 * the bytes given followed through decode (which may drop a leading
 * byte-order mark, and changes no other byte of valid UTF-8) and the
 * header. */
static size_t section_in_body(const ingest_t *in, const ingest_given_t *given,
                              size_t len, size_t i)
{
    size_t shift = len >= in->decoded_len ? len - in->decoded_len : 0;
    size_t bs = in->header.body_start, be = in->header.body_end;
    size_t at = given->sections[i].start;
    at = at > shift ? at - shift : 0;
    return at < bs ? 0 : at > be ? be - bs : at - bs;
}

/* The first offset of the repaired body whose text came from raw
 * offset `raw` of the body or after it (repair_raw_offset grows with its
 * argument). */
static size_t clean_at(const repair_t *body, size_t raw)
{
    size_t lo = 0, hi = body->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (repair_raw_offset(body, mid) < raw)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The runs of the body (ingest_section_t) into *out, *n of them (one
 * when there are no sections: the whole body): each section's start
 * followed to the body (section_in_body), and through repair. */
static fond_status_t find_runs(const ingest_t *in, const ingest_given_t *given,
                               size_t len, run_t **out, size_t *n)
{
    size_t k = given ? given->n_sections : 0;
    *out = calloc(k + 1, sizeof **out);
    if (!*out)
        return FOND_ERR_NOMEM;
    run_t *r = *out;
    r[0] = (run_t){0, in->body.len, 0, NULL, k == 0};
    *n = 1;
    for (size_t i = 0; i < k; i++) {
        size_t at = section_in_body(in, given, len, i);
        size_t clean = clean_at(&in->body, at);
        if (clean < r[*n - 1].start)
            clean = r[*n - 1].start; /* (out of order: joined to the last) */
        r[*n - 1].end = clean;
        r[*n] = (run_t){clean, in->body.len,
                        in->n_pages ? page_at(in->pages, in->n_pages, at) : 0,
                        &given->sections[i], given->sections[i].paged};
        (*n)++;
    }
    return FOND_OK;
}

/* The passages of each run, one after another: a passage never spans
 * two runs. */
static fond_status_t split_runs(const ingest_t *in, const run_t *runs,
                                size_t n_runs, passage_span_t **spans,
                                size_t **run_of, size_t *n)
{
    size_t cap = 0, cap_of = 0;
    *spans = NULL, *run_of = NULL, *n = 0;
    for (size_t r = 0; r < n_runs; r++) {
        passage_span_t *some = NULL;
        size_t k = 0;
        fond_status_t st = passage_split(in->body.text + runs[r].start,
                                         runs[r].end - runs[r].start, &some, &k);
        if (st == FOND_OK &&
            (array_reserve(spans, &cap, *n + k, sizeof **spans, 16) ||
             array_reserve(run_of, &cap_of, *n + k, sizeof **run_of, 16)))
            st = FOND_ERR_NOMEM;
        for (size_t i = 0; st == FOND_OK && i < k; i++, (*n)++) {
            (*spans)[*n] = (passage_span_t){some[i].start + runs[r].start,
                                            some[i].end + runs[r].start};
            (*run_of)[*n] = r;
        }
        free(some);
        if (st != FOND_OK)
            return st;
    }
    return FOND_OK;
}

static fond_status_t cut_passages(ingest_t *in, const ingest_given_t *given,
                                  size_t len)
{
    passage_span_t *spans = NULL;
    size_t n = 0, n_runs = 0, *run_of = NULL;
    run_t *runs = NULL;
    fond_status_t st = find_runs(in, given, len, &runs, &n_runs);
    if (st == FOND_OK)
        st = split_runs(in, runs, n_runs, &spans, &run_of, &n);
    if (st != FOND_OK) {
        free(runs);
        free(spans);
        free(run_of);
        return st;
    }
    if (n == 0 && in->n_notes > 0) { /* only notes: one passage keeps them */
        free(spans);
        free(run_of);
        spans = malloc(sizeof *spans);
        run_of = calloc(1, sizeof *run_of);
        if (!spans || !run_of) {
            free(runs);
            free(spans);
            free(run_of);
            return FOND_ERR_NOMEM;
        }
        spans[0] = (passage_span_t){0, in->body.len};
        n = 1;
    }
    attach_t at = {0};
    in->passages = calloc(n ? n : 1, sizeof *in->passages);
    at.sorted = malloc((in->n_notes ? in->n_notes : 1) * sizeof *at.sorted);
    at.given = calloc(in->n_notes ? in->n_notes : 1, sizeof *at.given);
    at.named = calloc(in->n_notes ? in->n_notes : 1, 1);
    if (!in->passages || !at.sorted || !at.given || !at.named)
        st = FOND_ERR_NOMEM;
    for (size_t i = 0; st == FOND_OK && i < in->n_notes; i++)
        at.sorted[i] = (note_key_t){in->notes[i].number, i};
    if (st == FOND_OK) {
        qsort(at.sorted, in->n_notes, sizeof *at.sorted, note_key_cmp);
        find_named(in, &at);
    }
    for (size_t i = 0; st == FOND_OK && i < n; i++) {
        ingest_passage_t *p = &in->passages[i];
        place_passage(in, &spans[i], (unsigned)(i + 1), p);
        place_run_pages(&runs[run_of[i]], p);
        st = attach_notes(in, p, i, &at);
        if (st == FOND_OK)
            st = attach_unnamed(in, p, i, n, &at);
        attach_dates(in, p, &at);
    }
    /* Each passage's notes are its run of refs, now that they stay put. */
    for (size_t i = 0, from = 0; st == FOND_OK && i < n; i++) {
        in->passages[i].notes = at.refs ? at.refs + from : NULL;
        from += in->passages[i].n_notes;
    }
    in->note_refs = at.refs;
    in->n_passages = st == FOND_OK ? n : 0;
    free(at.sorted);
    free(at.given);
    free(at.named);
    free(spans);
    free(run_of);
    free(runs);
    return st;
}

/* ------------------------------------------------------------ word boxes */

/* How far decode moved the bytes: 0 when it gave them back as they were,
 * 3 when it dropped a UTF-8 byte-order mark; -1 when it changed them
 * otherwise (it read them in another encoding, or replaced bytes that are
 * not UTF-8), and no offset of the layout can be trusted. */
static long decode_shift(const ingest_t *in, const char *bytes, size_t len)
{
    const char *d = in->decoded_text;
    size_t n = in->decoded_len;
    if (n == len && memcmp(d, bytes, len) == 0)
        return 0;
    if (len >= 3 && n == len - 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 &&
        memcmp(d, bytes + 3, n) == 0)
        return 3;
    return -1;
}

/* Where the layout's word went in the repaired body, into *clean: 1, or
 * 0 when it is in no passage (ingest.h, "Word boxes"). */
static int box_clean_offset(const ingest_t *in, const ocr_word_t *w,
                            size_t shift, size_t *clean)
{
    if (w->start + w->len <= shift) /* nothing but the mark decode drops */
        return 0;
    size_t at = w->start > shift ? w->start - shift : 0; /* decoded text's */
    if (at < in->header.body_start || at >= in->header.body_end)
        return 0;
    return repair_clean_offset(&in->body, at - in->header.body_start, clean) &&
           in->body.text[*clean] == in->decoded_text[at];
}

static int box_cmp(const void *a, const void *b)
{
    const ingest_box_t *x = a, *y = b;
    if (x->offset != y->offset)
        return x->offset < y->offset ? -1 : 1;
    return (x->word > y->word) - (x->word < y->word);
}

/* Each word of the layout into the passage that holds it (ingest.h,
 * "Word boxes"): its offset first in the body, then in the passage. */
static fond_status_t place_boxes(ingest_t *in, const ocr_text_t *layout,
                                 const char *bytes, size_t len)
{
    in->layout = layout;
    if (!layout || !layout->n_words)
        return FOND_OK;
    long shift = decode_shift(in, bytes, len);
    in->boxes = malloc(layout->n_words * sizeof *in->boxes);
    if (!in->boxes)
        return FOND_ERR_NOMEM;
    for (size_t i = 0; shift >= 0 && i < layout->n_words; i++) {
        size_t clean;
        if (box_clean_offset(in, &layout->words[i], (size_t)shift, &clean))
            in->boxes[in->n_boxes++] = (ingest_box_t){clean, &layout->words[i]};
    }
    in->boxes_dropped = layout->n_words - in->n_boxes;
    qsort(in->boxes, in->n_boxes, sizeof *in->boxes, box_cmp);
    size_t k = 0; /* passages and boxes are both in text order */
    for (size_t i = 0; i < in->n_passages; i++) {
        ingest_passage_t *p = &in->passages[i];
        while (k < in->n_boxes && in->boxes[k].offset < p->start)
            in->boxes_dropped++, k++; /* between passages: none is */
        p->boxes = in->boxes + k;
        for (; k < in->n_boxes && in->boxes[k].offset < p->end; k++)
            in->boxes[k].offset -= p->start;
        p->n_boxes = (size_t)(in->boxes + k - p->boxes);
    }
    in->boxes_dropped += in->n_boxes - k;
    return FOND_OK;
}

/* ------------------------------------------------------------ the whole */

/* The year of a "YYYYMMDD" date, 0 for "". */
static int year_of(const char *date)
{
    int year = 0;
    for (int i = 0; i < 4 && date[i]; i++)
        year = year * 10 + (date[i] - '0');
    return year;
}

/* The source's record, in source.h's order: the catalogue's row over its
 * own header over what its format states.  (What the text itself says
 * comes last, once the text is read.) */
static fond_status_t apply_given(source_t *header, const ingest_given_t *given)
{
    if (!given)
        return FOND_OK;
    source_t own = *header, merged;
    memset(&merged, 0, sizeof merged);
    fond_status_t st = source_fill(&merged, given->catalogue);
    if (st == FOND_OK)
        st = source_fill(&merged, &own);
    if (st == FOND_OK)
        st = source_fill(&merged, given->format);
    /* the record's fields are merged's; the rest (body, notes) own's */
    merged.has_header = own.has_header;
    merged.encoding = own.encoding, own.encoding = NULL;
    merged.body_start = own.body_start, merged.body_end = own.body_end;
    merged.notes = own.notes, merged.n_notes = own.n_notes;
    merged.notes_unheaded = own.notes_unheaded;
    own.notes = NULL, own.n_notes = 0;
    source_free(&own);
    *header = merged;
    return st;
}

/* The number of the source's first note: where its markers start (1 when
 * it has none). */
static unsigned first_note_number(const source_t *h)
{
    unsigned first = 0;
    for (size_t i = 0; i < h->n_notes; i++)
        if (!first || h->notes[i].number < first)
            first = h->notes[i].number;
    return first ? first : 1;
}

/* Do the body's markers name the notes of a run with no heading
 * (numbered first, first + 1 ... last: source.h)?  They must come in
 * order, skipping at most two at a time (a marker repair could not tell
 * from a number), name at least three in four of the notes (all of them
 * when there are fewer than four), and none beyond the last: the notes of
 * a text whose markers go further are not these. */
static int markers_name_notes(const repair_t *body, const source_t *h)
{
    if (!h->n_notes)
        return 0;
    unsigned first = h->notes[0].number;
    unsigned last = h->notes[h->n_notes - 1].number, want = first;
    size_t found = 0, count = last - first + 1;
    for (size_t i = 0; i < body->n_markers; i++) {
        unsigned m = body->markers[i].number;
        if (m >= want && m <= want + 2) {
            found++;
            want = m + 1;
        }
    }
    return want <= last + 1 &&
           (found == count || (count >= 4 && found * 4 >= count * 3));
}

/* The pages of body[from, to), after those in out->pages: its own, as
 * page_scan() reads them (their offsets the body's). */
static fond_status_t scan_pages_of(ingest_t *out, const char *body,
                                   size_t from, size_t to, size_t *cap)
{
    page_t *pages = NULL;
    page_span_t *furniture = NULL; /* repair drops it: not needed here */
    size_t n = 0, n_furniture = 0;
    fond_status_t st = page_scan(body + from, to - from, &pages, &n,
                                 &furniture, &n_furniture);
    free(furniture);
    if (st == FOND_OK && array_reserve(&out->pages, cap, out->n_pages + n,
                                       sizeof *out->pages, 8))
        st = FOND_ERR_NOMEM;
    for (size_t i = 0; st == FOND_OK && i < n; i++) {
        pages[i].start += from, pages[i].end += from;
        out->pages[out->n_pages++] = pages[i];
    }
    free(pages);
    return st;
}

/* The body's pages: each section's (ingest_section_t) its own, read on
 * their own, so that a file's page numbers are told by its pages alone
 * (pages.h judges them over the whole text it is given) and its first
 * page is no other text's. */
static fond_status_t scan_pages(ingest_t *out, const ingest_given_t *given,
                                size_t len, const char *body, size_t body_len)
{
    size_t k = given ? given->n_sections : 0, cap = 0, from = 0;
    fond_status_t st = FOND_OK;
    for (size_t i = 0; i <= k && st == FOND_OK; i++) {
        size_t to = i < k ? section_in_body(out, given, len, i) : body_len;
        if (to < from)
            to = from; /* (out of order: joined to the last) */
        size_t end = to; /* the blank line before the next file is no
                            page of this one's (after its last form feed) */
        while (end > from && (body[end - 1] == '\n' || body[end - 1] == '\r' ||
                              body[end - 1] == ' ' || body[end - 1] == '\t'))
            end--;
        if (end > from || i == k)
            st = scan_pages_of(out, body, from, end > from ? end : to, &cap);
        from = to;
    }
    return st;
}

/* Read the body the header leaves: its language, its pages, its text
 * repaired (repair.h), its markers numbered from its first note's. */
static fond_status_t read_body(ingest_t *out, const ingest_given_t *given,
                               size_t len, analyzer_t *a,
                               repair_known_fn known, void *ctx)
{
    const char *body = out->decoded_text + out->header.body_start;
    size_t body_len = out->header.body_end - out->header.body_start;
    fond_status_t st = FOND_OK;
    out->language = ingest_language(out->header.language, body, body_len);
    if (memchr(body, '\f', body_len))
        st = scan_pages(out, given, len, body, body_len);
    if (st == FOND_OK)
        st = repair_text_from(body, body_len, a, known, ctx,
                              first_note_number(&out->header), &out->body);
    return st;
}

/* Level 4 of source.h's order: what the text itself shows (its heading,
 * dateline, signature, source note: structure.h) fills the fields still
 * empty.  The text is left as it is: the heading and dateline stay in the
 * body, to be found; the date found is the source's, so it dates every
 * passage and completes the days and months the body gives alone. */
static fond_status_t apply_text(source_t *header, const char *body,
                                size_t body_len)
{
    source_t read;
    fond_status_t st = structure_read(body, body_len, &read);
    if (st == FOND_OK)
        st = source_fill(header, &read);
    source_free(&read);
    return st;
}

fond_status_t ingest_bytes(ingest_t *out, const char *bytes, size_t len,
                           const ingest_given_t *given, analyzer_t *a,
                           repair_known_fn known, void *ctx,
                           char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    /* a text with no header of its own has no Encoding header either (a
     * first line "Encoding: x" of a message or a DOCX is text) */
    int headerless = given && given->headerless;
    fond_status_t st = decode_text_as(bytes, len, headerless ? "" : NULL,
                                      &out->decoded_text, &out->decoded_len,
                                      &out->decoded, err, errsize);
    if (st == FOND_OK && headerless)
        st = source_parse_body(out->decoded_text, out->decoded_len,
                               &out->header, err, errsize);
    else if (st == FOND_OK)
        st = source_parse(out->decoded_text, out->decoded_len, &out->header,
                          err, errsize);
    if (st != FOND_OK)
        return st;
    if ((st = apply_given(&out->header, given)) != FOND_OK) {
        snprintf(err, errsize, "out of memory");
        return st;
    }
    /* the text from the body on, its notes too: a heading's marker may
     * name the note that says where the document is kept */
    st = apply_text(&out->header, out->decoded_text + out->header.body_start,
                    out->decoded_len - out->header.body_start);
    if (st == FOND_OK)
        st = read_body(out, given, len, a, known, ctx);
    if (st == FOND_OK && out->header.notes_unheaded &&
        !markers_name_notes(&out->body, &out->header)) {
        /* numbered paragraphs, not notes: the body gets them back */
        repair_free(&out->body);
        free(out->pages);
        out->pages = NULL;
        out->n_pages = 0;
        source_notes_drop(&out->header, out->decoded_len);
        st = read_body(out, given, len, a, known, ctx);
    }
    if (st == FOND_OK)
        st = collect_notes(out);
    if (st == FOND_OK)
        st = dates_find(out->body.text, out->body.len,
                        year_of(out->header.date), &out->dates, &out->n_dates);
    if (st == FOND_OK)
        st = cut_passages(out, given, len);
    if (st == FOND_OK)
        st = place_boxes(out, given ? given->layout : NULL, bytes, len);
    if (st != FOND_OK) /* decode made the text valid: only NOMEM is likely */
        snprintf(err, errsize, "%s while reading the text",
                 fond_status_str(st));
    return st;
}

void ingest_free(ingest_t *in)
{
    if (!in)
        return;
    free(in->pages);
    free(in->boxes);
    free(in->note_refs);
    free(in->passages);
    free(in->dates);
    free(in->notes);
    repair_free(&in->body);
    source_free(&in->header);
    free(in->decoded_text);
    memset(in, 0, sizeof *in);
}
