/*
 * tei.h -- a TEI (P5) edition in: a file whose root is <TEI> or
 * <teiCorpus> (in the TEI namespace http://www.tei-c.org/ns/1.0, or in
 * none), each of its documents a source (a part, parts.h):
 *
 *   the documents: each <div type="document">, or where the file has none,
 *     each <text>; its name after the file's "#" its xml:id (else its
 *     place in the file, "#3")
 *   fields:  title      its <head>'s words, without its notes (no head:
 *                       the title of its own <TEI>'s header)
 *            date       the first <dateline>'s <date>: when, or from/to,
 *                       or notBefore/notAfter, a range when both ends are
 *                       given; "1918" or "1918-03" is the whole year or
 *                       month (dates.h)
 *            place      that dateline's first <placeName>
 *            from, to   <persName>, <gloss>, <orgName>, <name> marked
 *                       type="from" / type="to" in the head, else read from
 *                       the head's own words as structure.h reads a heading
 *            type       as structure.h reads the head and the opener
 *                       ("[Telegram]", "Memorandum by ...")
 *            archive_ref  the first <note type="source">, its label
 *                       ("Source:") and what follows its first sentence
 *                       ("Secret. Drafted by ...") left out
 *            container  the edition's title: the root header's
 *                       titleStmt <title type="complete">, else its
 *                       type="main", else its first <title>
 *            names      each <persName>, <placeName>, <orgName>
 *   text:    the document's words, a line a block (<p>, <head>, <dateline>,
 *            <lb/> ...); each <note> (the source note too) a marker "[n]"
 *            where it stands and its words as note n in a Notes section
 *            after the body (source.h); each <pb n="227"/> a form feed and
 *            its label alone on the new page's first line, where pages.h
 *            reads a printed page number, so that a hit says "p. 227" (the
 *            document's first page is labelled by the last <pb> before it);
 *            <fw> (running heads), <sic>, <abbr>, <orig> in a <choice> and
 *            the header left out.
 *
 * A file is parsed once by xml.h (no DTD, no entity, bounded size and
 * depth): a hostile one is refused with the reason; a document of more
 * than TEI_MAX_TEXT_BYTES of text is refused, the file's others read.
 */
#ifndef FOND_TEI_H
#define FOND_TEI_H

#include <stddef.h>
#include "fond.h"
#include "parts.h"

#define TEI_NS "http://www.tei-c.org/ns/1.0"
#define TEI_MAX_DOCUMENTS 100000 /* documents read from one file */
#define TEI_MAX_FIELD 2000       /* bytes of a title, a name, a reference */
#define TEI_MAX_NAMES (64u << 10) /* bytes of a document's marked names */
#define TEI_MAX_TEXT_BYTES (8u << 20) /* a document's text: one over it is
                                         refused, the others read */

/* Whether bytes[0, len) begin (after an XML declaration, comments and a
 * DOCTYPE) with a root element <TEI> or <teiCorpus>, with no namespace or
 * TEI's. */
int tei_detect(const char *bytes, size_t len);

/*
 * Read the documents of bytes[0, len) into *out (parts.h; free with
 * parts_free() either way).  FOND_ERR_EXTRACT with a one-line reason in
 * err when the file is not well-formed or refused (xml.h), or has no
 * document; FOND_ERR_NOMEM.
 */
fond_status_t tei_read(parts_t *out, const char *bytes, size_t len, char *err,
                       size_t errsize);

#endif
