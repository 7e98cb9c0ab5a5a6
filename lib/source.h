/*
 * source.h -- the plain-text source format: optional header lines, a blank
 * line, the body, and an optional "Notes" section of numbered footnotes.
 *
 *     Title: Telegram from Yusif Kamal to M. D. Huseynov
 *     Type: telegram
 *     Date: 1921-07-03
 *     From: Yusif Kamal
 *     To: M. D. Huseynov
 *
 *     The body ...[1]
 *
 *     Notes
 *     1. Cited in the narrative (treaty-of-kars-1921.txt) as note 4.
 *
 * Header names (case-insensitive): Title, Type (narrative | telegram |
 * despatch | note | letter | memorandum | conversation | report | reference
 * | email), Date (YYYY, YYYY-MM or YYYY-MM-DD, or a range of two with '/'
 * or '..' between: 1917/1918, 1917-01-05..1917-02-10),
 * From, To, Place, Language, Encoding, Archive reference, Source, Creator, Rights.  The
 * header is the leading run of "Name: value" lines with known names, ended
 * by a blank line; a file whose first line is not one has no header and is
 * a raw text (all body, but for its notes).
 *
 * Any source, with a header or not (raw text, a PDF's or a scan's text),
 * may end with its notes, in either of two ways:
 *   - a section under a heading alone on its line after a blank line:
 *     "Notes", "Footnotes", "Endnotes" or a translation ("Примечания",
 *     "Сноски", "Anmerkungen", "Fußnoten", "Endnoten", "Notas", "Note",
 *     "Noten", "Notes de bas de page", "Dipnotlar" ...), in any case,
 *     perhaps with a colon, whose next non-blank line is a note (the last
 *     such heading counts, so "Notes" heading prose is body);
 *   - with no heading: a run of notes numbered n, n+1, n+2 ... that ends
 *     the text, its first line a paragraph's first.  Such a run is only
 *     tentative (notes_unheaded): a decree's numbered paragraphs look the
 *     same, so ingest.c keeps it as notes only where the body's footnote
 *     markers name its numbers in order (repair.h), and else gives it back
 *     to the body (source_notes_drop).
 * A note is a line that starts with its number, as editions print it:
 * "1. text", "1) text", "1 text", "[1] text" or "¹ text" (1 to 999); its
 * text may go on over the lines that follow, to the next note.  A rule
 * ("____", "* * *") may stand in for the blank line before the notes.
 */
#ifndef FOND_SOURCE_H
#define FOND_SOURCE_H

#include <stddef.h>
#include "fond.h"

typedef struct {
    unsigned number;
    char *text;        /* malloc'd, white space collapsed */
} source_note_t;

/* Every string field of a source record, once: what source_fill copies
 * (the record's fields), and with the file's Encoding, what source_free
 * frees. */
#define SOURCE_RECORD_STRINGS(X)                                             \
    X(title) X(type) X(from) X(to) X(place) X(language) X(archive_ref)       \
    X(source_ref) X(creator) X(rights) X(container) X(hierarchy) X(link)     \
    X(names)
#define SOURCE_STRINGS(X) SOURCE_RECORD_STRINGS(X) X(encoding)

typedef struct {
    int has_header;
    char *title, *type, *from, *to, *place, *language, *encoding;
    char *archive_ref, *source_ref; /* "Archive reference", "Source" */
    char *creator, *rights; /* "Creator", "Rights" */
    /* What a structured format states beyond the header (TEI, EAD; no
     * header or catalogue column gives them): */
    char *container;   /* the whole it belongs to: a TEI edition's title,
                          an EAD finding aid's collection title */
    char *hierarchy;   /* where it sits in that whole, from the top down to
                          its parent: one "level\tid\ttitle\n" line a
                          level ("collection\tmss-42\tPapers of X\n",
                          "series\tser2\tCorrespondence\n"); id and title
                          may be empty, none holds a tab or newline */
    char *link;        /* its digitised copy: a URL or a path (EAD <dao>) */
    char *names;       /* the names marked in it: one "kind\tname\n" line
                          each, kind "person", "place" or "org" */
    char date[9];      /* "YYYYMMDD", with 00 for an unknown month or day;
                          "" when there is no Date header */
    char date_end[9];  /* the last day of a date range, as `date`; "" when
                          the date is one day, month or year */
    size_t body_start; /* byte range of the body in the text */
    size_t body_end;   /* (the Notes section excluded) */
    source_note_t *notes;
    size_t n_notes;    /* numbered n, n+1 ... when notes_unheaded */
    int notes_unheaded; /* the notes are a run with no heading: tentative */
} source_t;

/*
 * Parse text[0, len) (valid UTF-8).  Every string field is malloc'd or
 * NULL when absent; free with source_free().  A malformed header value (a
 * bad Date, an unknown Type) fails with FOND_ERR_ARG and a one-line message
 * naming the line in err.
 */
fond_status_t source_parse(const char *text, size_t len, source_t *out,
                           char *err, size_t errsize);
/* As source_parse(), for a text that has no header of its own to read (a
 * mail message's body, whose fields its reader gives): a first line
 * "Title: x" is text.  Its Notes section is read. */
fond_status_t source_parse_body(const char *text, size_t len, source_t *out,
                                char *err, size_t errsize);
void source_free(source_t *s);

/* Give the notes back to the body: free them, and the body runs to len
 * (the text's length), for a run of notes with no heading the body's
 * markers do not name. */
void source_notes_drop(source_t *s, size_t len);

/*
 * One source record from every reader.  A source's fields (title, type,
 * date or date range, place, from, to, language, archive reference,
 * creator, rights) are taken, field by field, from the first of these
 * that gives the field, in this order:
 *
 *   1. its row in a catalogue (fond-catalogue.csv);
 *   2. the source's own header (the format above);
 *   3. what the reader's format states: mail headers, PDF Info that is
 *      not generic (TEI markup, EAD ... as those readers come);
 *   4. what is read from the text itself: its heading, dateline,
 *      signature, source note.
 *
 * A file's name and its dates never stand in for a title or a date: a
 * source with none of the four is untitled and undated.  ingest.c applies
 * the order; every reader hands it what it knows as a source_t.
 *
 * source_fill copies into dst each field dst lacks and from has (a date
 * with its date_end); the notes and the body's range are not touched.
 * FOND_ERR_NOMEM when a copy fails (dst keeps what it had).
 */
fond_status_t source_fill(source_t *dst, const source_t *from);


/* The Type value v[0, n) in lower case, or NULL if it is not a type. */
const char *source_type_named(const char *v, size_t n);

#endif
