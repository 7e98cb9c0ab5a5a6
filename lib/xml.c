/*
 * xml.c -- parsing untrusted XML and HTML with libxml2, hardened (see
 * xml.h).  Options: XML_PARSE_NONET (no network), no XML_PARSE_NOENT (an
 * entity is never substituted) nor XML_PARSE_DTDLOAD or DTDATTR (no DTD is
 * read), XML_PARSE_NOERROR/NOWARNING (libxml2 never prints: lib/ never
 * does), and no XML_PARSE_HUGE, so libxml2's own limits on a text node and
 * a name hold.  A document that declares an entity at all is refused: no
 * OCR format needs one, and refusing is simpler to trust than bounding
 * what an expansion costs: that is the reason given too when libxml2 itself
 * stops at an entity (a reference loop, an entity of a DTD not fetched).
 */
#define _GNU_SOURCE /* memmem() */
#include "xml.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#define ENTITIES_REFUSED "it declares entities (refused: an entity bomb's or " \
                         "an external entity's way in)"

#define NESTED_TOO_DEEP "elements nested too deep"

/* The depth of the deepest element under node, counting up to limit + 1. */
static int too_deep(xmlNodePtr node, int depth)
{
    for (xmlNodePtr c = node; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (depth > XML_MAX_DEPTH || too_deep(c->children, depth + 1))
            return 1;
    }
    return 0;
}

/* An HTML doctype with an internal subset ("<!DOCTYPE html [ ... ]>"),
 * which libxml2's HTML parser neither reads nor refuses but leaves as
 * text: no page needs one, a bomb or an external entity brings one. */
static int html_internal_subset(const char *bytes, size_t len)
{
    size_t n = len < 4096 ? len : 4096;
    for (size_t i = 0; i + 9 <= n; i++)
        if (strncasecmp(bytes + i, "<!doctype", 9) == 0) {
            size_t k = i + 9;
            while (k < len && bytes[k] != '>' && bytes[k] != '[')
                k++;
            return k < len && bytes[k] == '[';
        }
    return 0;
}

static int declares_entities(xmlDocPtr doc)
{
    return (doc->intSubset && doc->intSubset->entities) ||
           (doc->extSubset && doc->extSubset->entities);
}

fond_status_t xml_parse(const char *bytes, size_t len, xml_kind_t kind,
                        xmlDocPtr *doc, char *err, size_t errsize)
{
    *doc = NULL;
    if (len > XML_MAX_BYTES || len > (size_t)0x7fffffff) {
        snprintf(err, errsize, "XML of %zu MB, more than the %zu MB fond reads",
                 len >> 20, XML_MAX_BYTES >> 20);
        return FOND_ERR_EXTRACT;
    }
    int html = kind == XML_AS_HTML || kind == XML_AS_HTML_UTF8;
    if (html && html_internal_subset(bytes, len)) {
        snprintf(err, errsize, "%s", ENTITIES_REFUSED);
        return FOND_ERR_EXTRACT;
    }
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
               XML_PARSE_NOCDATA;
    xmlDocPtr d = html
                      ? htmlReadMemory(bytes, (int)len, NULL,
                                       kind == XML_AS_HTML_UTF8 ? "UTF-8" : NULL,
                                       opts | HTML_PARSE_NOIMPLIED)
                      : xmlReadMemory(bytes, (int)len, NULL, NULL, opts);
    if (!d) {
        const xmlError *e = xmlGetLastError();
        int nomem = e && e->code == XML_ERR_NO_MEMORY;
        if (!nomem && memmem(bytes, len, "<!ENTITY", 8)) {
            /* libxml2 stopped at an entity (a loop, one not defined
             * because its DTD was not fetched): say why it is there */
            snprintf(err, errsize, "%s", ENTITIES_REFUSED);
            return FOND_ERR_EXTRACT;
        }
        if (e && e->message && strncmp(e->message, "Excessive depth", 15) == 0) {
            /* libxml2's own bound on depth, met before ours */
            snprintf(err, errsize, "%s", NESTED_TOO_DEEP);
            return FOND_ERR_EXTRACT;
        }
        snprintf(err, errsize, "not well-formed %s%s%.*s",
                 html ? "HTML" : "XML", e && e->message ? ": " : "",
                 e && e->message ? (int)strcspn(e->message, "\n") : 0,
                 e && e->message ? e->message : "");
        return nomem ? FOND_ERR_NOMEM : FOND_ERR_EXTRACT;
    }
    const char *why = declares_entities(d) ? ENTITIES_REFUSED
                      : too_deep(d->children, 1) ? NESTED_TOO_DEEP
                                                  : NULL;
    if (why) {
        snprintf(err, errsize, "%s", why);
        xmlFreeDoc(d);
        return FOND_ERR_EXTRACT;
    }
    *doc = d;
    return FOND_OK;
}

char *xml_attr(xmlNodePtr node, const char *name)
{
    return (char *)xmlGetProp(node, (const xmlChar *)name);
}

int xml_is(xmlNodePtr node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE && node->name &&
           strcasecmp((const char *)node->name, name) == 0;
}
