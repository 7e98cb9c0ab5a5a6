/*
 * ead.h -- EAD finding aids in (EAD 2002, namespace urn:isbn:1-931666-22-9
 * or none, and EAD3, http://ead3.archivists.org/schema/): the collection
 * (<archdesc>) and each component (<c>, <c01> ... <c12>) one source, a
 * part (parts.h) of the file, named by the component's id attribute (else
 * its place in the file, "#N").  What each gives (source.h, level 3):
 *
 *   title        its <unittitle>, else its <unitdate>'s text
 *   archive_ref  its <unitid>, then its <container>s ("MSS 42, Box 3,
 *                Folder 12"); a component with no unitid of its own, its
 *                containers alone
 *   date         its <unitdate normal> (EAD3 <unitdatestructured>'s
 *                standarddate) as a date or range, else the first and the
 *                last date its <unitdate>'s text names (dates.h)
 *   type         its level attribute (collection, series, file, item ...;
 *                otherlevel's name when it is a type fond knows)
 *   link         its <dao>'s href (EAD 2002's xlink:href, <daoloc>; EAD3
 *                <dao> and <daoset>)
 *   creator      its <origination>'s name
 *   names        <persname>, <famname> (person), <corpname> (org) and
 *                <geogname> (place) it marks
 *   container    the collection's title
 *   hierarchy    "level\tid\ttitle\n" from the collection (id its <eadid>,
 *                EAD3 <recordid>) down to its parent (id its id attribute)
 *   text         every word of it but its components': its <did> (title,
 *                identifier, dates, extent, containers ...), then its
 *                notes (<scopecontent>, <abstract>, <bioghist>,
 *                <arrangement>, <accessrestrict> and all the others), a
 *                blank line between blocks
 *
 * The file is parsed by xml_parse (xml.h): an entity declaration (an
 * entity bomb, an external entity) or nesting deeper than XML_MAX_DEPTH
 * refuses the file with a reason.
 */
#ifndef FOND_EAD_H
#define FOND_EAD_H

#include <stddef.h>
#include "fond.h"
#include "parts.h"

#define EAD_MAX_COMPONENTS 200000 /* sources taken from one finding aid */

/* Whether bytes[0, len) is an EAD finding aid: its first element is <ead>
 * (with a prefix or none), in EAD 2002's or EAD3's namespace or in none. */
int ead_detect(const char *bytes, size_t len);

/*
 * Read the finding aid bytes[0, len) into *out, the collection first, then
 * its components in document order.  Fails with FOND_ERR_EXTRACT and a
 * one-line reason in err when it is not a well-formed EAD finding aid (or
 * a hostile one: xml.h), FOND_ERR_NOMEM.  Free *out with parts_free()
 * either way.
 */
fond_status_t ead_read(parts_t *out, const char *bytes, size_t len, char *err,
                       size_t errsize);

#endif
