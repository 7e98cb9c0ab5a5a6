/*
 * citation.h -- recognising the references archival footnotes make.
 *
 * An archival citation names archive, fond, opis (series), delo (item) and
 * sheets: "SA AR, f.28, s.1, i.68, v.17-20" (Azerbaijani/English
 * abbreviations: f. fond, s. series, i. item, v. sheets) or the Russian
 * style "ГА АР, ф. 28, оп. 1, д. 68, л. 17-20" (ф. fond, оп. opis, д. delo,
 * л./лл. list).  A bibliographic reference names a title, volume, place,
 * publisher, year and pages: "See: USSR Foreign Policy Documents. T. IV,
 * M.: Gospolitizdat, 1960, p. 227-228" (T. volume, "M.:" Moscow as place,
 * p./pp./с. pages).  A footnote may hold both, before and after "//".
 */
#ifndef FOND_CITATION_H
#define FOND_CITATION_H

#include <stddef.h>

#define CITATION_FIELD 64

typedef struct {
    char archive[CITATION_FIELD]; /* "SA AR" */
    char fond[CITATION_FIELD];    /* "28" */
    char opis[CITATION_FIELD];    /* "1" */
    char delo[CITATION_FIELD];    /* "68" */
    char sheets[CITATION_FIELD];  /* "17-20" */
} citation_archival_t;

typedef struct {
    char title[256];              /* "USSR Foreign Policy Documents" */
    char volume[CITATION_FIELD];  /* "IV" */
    char place[CITATION_FIELD];   /* "M." as written */
    char publisher[CITATION_FIELD]; /* "Gospolitizdat" */
    char year[8];                 /* "1960" */
    char pages[CITATION_FIELD];   /* "227-228" */
} citation_biblio_t;

/* Find an archival citation in s[0, len): 1 and *out filled (missing
 * fields ""), or 0 if there is none (at least archive and fond needed). */
int citation_find_archival(const char *s, size_t len, citation_archival_t *out);

/* Find a bibliographic reference: 1 and *out filled (missing fields ""), or
 * 0 if there is none (a year and pages, or a volume, are needed). */
int citation_find_biblio(const char *s, size_t len, citation_biblio_t *out);

/* Non-zero if a line looks like a footnote's text rather than running prose:
 * it holds "//" or "op. cit.", starts with "See" / "Ibid" / "Cf." / "Op.
 * cit." / "Idem" / "Vgl." / "См." (and the like), or holds an archival
 * citation of any archive (three "unit number" pairs, one every 25 bytes
 * at least: "f. 130, op. 5, d. 12", "Box 8, Folder 3, Reel 2"; or one
 * after a siglum: "TNA, FO 371/6262"), an
 * imprint in brackets ("(Paris: Macmillan, 1959)") or a bibliographic
 * reference.  Used by repair to find footnote text stranded
 * in the flow. */
int citation_looks_like_note(const char *s, size_t len);

#endif
