/*
 * office.h -- a Word (DOCX) or OpenDocument text (ODT) file as one
 * source: its text in reading order, its footnotes and endnotes as notes,
 * its document properties as what the format states (source.h, level 3).
 *
 * Known by its signature, not its name: a zip (PK\3\4) whose
 * [Content_Types].xml names a WordprocessingML main document (DOCX, DOCM,
 * DOTX), or whose mimetype entry is application/vnd.oasis.opendocument.text
 * (ODT, OTT); a zip too damaged to open is known by its first entry's name
 * ([Content_Types].xml, _rels/, word/, docProps/; mimetype with that
 * type), so that it is reported as damaged, not as binary.
 *
 * The zip is read from the bytes with libzip, and trusted in nothing:
 *   - at most OFFICE_MAX_ENTRIES entries;
 *   - a part is inflated a block at a time and counted as it comes, never
 *     by the size its header states: a part, and all parts read together,
 *     may inflate to at most OFFICE_BOMB_RATIO times the file's size (at
 *     least OFFICE_MIN_INFLATE) and never more than EXTRACT_MAX_TEXT; a
 *     header stating more is refused before inflating, one inflating to more
 *     is refused when it gets there (a zip bomb, an entry lying about its
 *     size);
 *   - each part is XML parsed by xml.h (no entity, no DTD, no network,
 *     nesting bounded).
 * Each refusal is FOND_ERR_EXTRACT with its reason: the file is reported
 * and skipped, the run goes on.
 *
 * The text (textout.h): paragraphs and headings each a paragraph, a table
 * a row a line with its cells parted by a tab (a cell's own paragraphs
 * joined by a space), line breaks and tabs kept; deleted tracked changes,
 * comments, field codes, an ODT's table of contents and the alternative
 * renderings of drawings (mc:Fallback) left out.  Each footnote or endnote
 * (DOCX word/footnotes.xml and endnotes.xml, ODT text:note) that has text
 * is "[n]" where it is cited, numbered 1, 2 ... in the order cited, and
 * "n. its text" on a line of a "Notes" section after the body (source.h),
 * so ingest attaches it to the passage that cites it.
 *
 * The fields: DOCX docProps/core.xml (found through [Content_Types].xml),
 * ODT meta.xml.  Title dc:title; creator dc:creator (ODT: else
 * meta:initial-creator); subject dc:subject; date a custom property
 * named "date" (DOCX docProps/custom.xml, ODT meta:user-defined: what an
 * author or pandoc states), else dcterms:created / meta:creation-date.
 * The description (dc:description), which no field of the record holds,
 * is the text's first paragraph.  A generic title is no title.
 */
#ifndef FOND_OFFICE_H
#define FOND_OFFICE_H

#include <stddef.h>
#include "extract.h"

#define OFFICE_MAX_ENTRIES 10000
#define OFFICE_BOMB_RATIO 100
#define OFFICE_MIN_INFLATE ((size_t)16 << 20)

/* EXTRACT_DOCX or EXTRACT_ODT when bytes[0, len) is one, else
 * EXTRACT_TEXT. */
extract_format_t office_format(const char *bytes, size_t len);

/* The document in bytes[0, len) (x->format: EXTRACT_DOCX or EXTRACT_ODT)
 * into x: its text (x->text, x->len), title, author, subject and doc_date.
 * FOND_ERR_EXTRACT with a one-line reason in err when it cannot be read
 * or is hostile (see above), FOND_ERR_NOMEM. */
fond_status_t office_read(extract_t *x, const char *bytes, size_t len,
                          char *err, size_t errsize);

#endif
