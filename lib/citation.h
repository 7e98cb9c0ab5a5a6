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

/*
 * An archival reference of any archive, as a note, a source note or a
 * header writes it: "File No. 861.51/131", "NARA, RG 59, Central Decimal
 * File 1910-29, 861.00/1234", "TNA, FO 371/6262", "PRO FO 371/6262",
 * "BArch R 43 I/1234", "AVP RF, f. 04, op. 32, p. 206, d. 52881",
 * "Library of Congress, Manuscript Division, MSS 1234, reel 7", "Box 17,
 * Folder 3", "ГА АР, ф. 28, оп. 1, д. 68, л. 17-20" (also with full
 * stops: "РГАСПИ. Ф. 17. Оп. 3. Д. 100"), "SA AR, f.28, s.1, i.68",
 * "AMAE, Europe 1918-1940, URSS, vol. 12", "PA AA, R 9208".
 *
 * Its parts, each as written ("" when absent):
 *   archive  the siglum or name before the units ("TNA", "Library of
 *            Congress"): the first segment of the reference, between
 *            commas or full stops, that looks like a siglum (two capitals
 *            at least, capitals half its letters at least), else its first
 *            segment when that is short and capitalised;
 *   fond     fond, record group, collection (f., ф., RG, MSS, fonds) or
 *            a class before a slash ("FO 371" of "FO 371/6262");
 *   opis     opis, series (op., оп., s., siy., series), else the words
 *            between the archive and the units ("Central Decimal File
 *            1910-29");
 *   delo     delo, file, item, piece, dossier (d., д., i., iş, file, No.),
 *            a decimal file number ("861.00/1234"), the piece after a
 *            class's slash ("6262"), a code without a slash ("R 9208");
 *   box      box, carton, papka (p. after a fond and before a delo);
 *   folder, reel, volume (vol., t., т., Bd.), sheets (l., ll., л., v.,
 *            fol., ff., Bl., p./pp. elsewhere);
 *   number   what a reader types to name the file: a file number
 *            ("861.51/131"), or a code with its numbers ("FO 371/6262").
 *
 * A reference opens at a unit that names an archival unit unmistakably
 * (fond, opis, delo in Cyrillic, box, folder, reel, file, RG, MSS,
 * papka, carton, dossier, f./op. with a number), a decimal file number
 * ("861.51/131"), a code with a slash ("FO 371/6262"), or after an
 * archive's siglum at any unit or code ("AMAE, ..., vol. 12", "PA AA, R
 * 9208"); it goes on over commas (and over full stops before a unit) and
 * ends at a semicolon, a bracket, "//", a full stop before other words,
 * or three segments without a unit.
 */
typedef enum {
    CITATION_FOND, CITATION_OPIS, CITATION_DELO, CITATION_BOX,
    CITATION_FOLDER, CITATION_REEL, CITATION_VOLUME, CITATION_SHEETS,
    CITATION_PARTS
} citation_part_t;

#define CITATION_REF_TEXT 240

typedef struct {
    size_t start, end;                   /* where it stands in the text */
    char text[CITATION_REF_TEXT];        /* s[start, end), as written */
    char archive[CITATION_FIELD];
    char part[CITATION_PARTS][CITATION_FIELD]; /* by citation_part_t */
    char number[CITATION_FIELD];
    size_t units_start;                  /* where its first unit stands:
                                            the reference without its
                                            archive is s[units_start, end) */
    size_t file_end;                     /* where its file (delo, number)
                                            ends, before sheets and the
                                            like; end if it has none */
} citation_ref_t;

/* The references in s[0, len), in order, into out[0, max): how many.  The
 * scan is linear in len and reads nothing past it. */
size_t citation_find_refs(const char *s, size_t len, citation_ref_t *out,
                          size_t max);

/* The key a reference is indexed and looked up by (ref:): the part of
 * s[0, len) from its first reference's start to the end of that
 * reference's file ("TNA, FO 371/6262" of "see TNA, FO 371/6262, f. 45"),
 * into *start and *end; all of s if it holds no reference.  The indexer
 * and the query builder both call it, so that a reference typed with or
 * without its sheets finds the file. */
void citation_ref_key(const char *s, size_t len, size_t *start, size_t *end);

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
