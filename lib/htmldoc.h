/*
 * htmldoc.h -- an HTML page as one source (a saved web page): its text
 * without markup, script, style or navigation boilerplate, its <title>
 * and <meta> as what the format states (source.h, level 3).
 *
 * Known by its content, not its name: after a byte order mark, white
 * space, an XML declaration and comments, it begins with a doctype naming
 * html, <html> or <head> (hOCR, which is HTML too, is told apart before:
 * ocrxml.h).  Parsed by libxml2's HTML parser through xml.h (no network,
 * no entity declared, no nesting deeper than XML_MAX_DEPTH).
 *
 * The text: what the page shows a reader, each heading and paragraph a
 * paragraph (a blank line after it), list items, table rows, <br> and
 * <div>s each a line, a table's cells parted by a tab, <pre> as it is
 * laid out, character references decoded.  Left out: script, style,
 * template, noscript, the head and a title (but the fields), embedded
 * objects (svg, canvas, iframe, object, embed, audio, video, button,
 * select), what is hidden (the hidden attribute, aria-hidden="true"), and
 * navigation boilerplate: nav, aside, an element whose role is
 * navigation, banner, contentinfo, complementary, search or menu, and a
 * header or footer that is not within an <article> or <main> (there they
 * are the article's own heading and byline).  A page that would keep no
 * word so is read with only script, style and the hidden left out: its
 * text is never lost to the rule.
 *
 * The fields (the first of each list the page has; names and properties
 * compared without case):
 *   title    DC.title, DCTERMS.title, citation_title, then <title>, then
 *            og:title;
 *   creator  author, DC.creator, DCTERMS.creator, citation_author;
 *   date     DC.date, DCTERMS.date, DCTERMS.created, DCTERMS.issued,
 *            DC.date.created, citation_publication_date, citation_date,
 *            article:published_time, date, pubdate (extract_doc_date);
 *   rights   DC.rights, DCTERMS.rights, copyright;
 *   subject  DC.subject, DCTERMS.subject, keywords (kept in extract_t,
 *            as a PDF's Subject: no field of the record holds it).
 * Its description (description, DC.description, DCTERMS.description,
 * og:description), for which the record has no field, is the text's first
 * paragraph: found, never lost.  A generic title ("Untitled", a file's
 * name: extract_title_generic) is no title.
 */
#ifndef FOND_HTMLDOC_H
#define FOND_HTMLDOC_H

#include <stddef.h>
#include "extract.h"

/* Whether bytes[0, len) begin as an HTML page does (see above). */
int html_detect(const char *bytes, size_t len);

/* The page in bytes[0, len) into x: its text (x->text, x->len), title,
 * author, subject, rights and doc_date.  FOND_ERR_EXTRACT with a one-line
 * reason in err when it cannot be read (xml.h's refusals), FOND_ERR_NOMEM.
 */
fond_status_t html_read(extract_t *x, const char *bytes, size_t len,
                        char *err, size_t errsize);

/* The text alone (as above, without the fields) of HTML whose bytes are
 * UTF-8 already (a mail body, decoded from its MIME charset: a <meta
 * charset> in it is not obeyed), into a malloc'd, NUL-terminated *out;
 * failures as html_read's. */
fond_status_t html_read_text(const char *utf8, size_t len, char **out,
                        size_t *out_len, char *err, size_t errsize);

#endif
