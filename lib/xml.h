/*
 * xml.h -- the one way fond parses an untrusted XML or HTML file (hOCR,
 * ALTO, PAGE XML, pdftotext -bbox-layout, and the formats to come): with
 * libxml2, never touching the network, never loading a DTD or an external
 * entity, never expanding an entity (a billion laughs is refused, not
 * expanded), under a bound on the input's size and the tree's depth.
 */
#ifndef FOND_XML_H
#define FOND_XML_H

#include <stddef.h>
#include <libxml/tree.h>
#include "fond.h"

#define XML_MAX_BYTES ((size_t)256 << 20) /* the most fond parses */
#define XML_MAX_DEPTH 256                 /* elements within elements */

/* XML; HTML (its encoding as it declares it); HTML whose bytes are UTF-8
 * already, whatever a <meta charset> in it says (a mail body its reader
 * decoded from the MIME charset). */
typedef enum { XML_AS_XML, XML_AS_HTML, XML_AS_HTML_UTF8 } xml_kind_t;

/*
 * Parse bytes[0, len) as `kind` into *doc (free with xmlFreeDoc()).
 * FOND_ERR_EXTRACT with a one-line reason in err when it is not
 * well-formed (HTML: not readable at all), too large or too deep, or
 * declares entities (an entity bomb's or an external entity's way in);
 * FOND_ERR_NOMEM when libxml2 runs out of memory.
 */
fond_status_t xml_parse(const char *bytes, size_t len, xml_kind_t kind,
                        xmlDocPtr *doc, char *err, size_t errsize);

/* The attribute `name` of node as a malloc'd string, or NULL. */
char *xml_attr(xmlNodePtr node, const char *name);

/* Whether node is an element whose local name (without its namespace
 * prefix) is `name`, case-insensitively for HTML's sake. */
int xml_is(xmlNodePtr node, const char *name);

#endif
