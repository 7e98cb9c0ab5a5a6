/*
 * schema.h -- the on-disk format of a fond database, in one place: every
 * term prefix, value slot and data layout, and the one function that turns
 * a whole field value ("SA AR", "68/1", "R-130") into its term, for the
 * indexer and the query builder alike.  index.c writes what this says,
 * store.cc packs and unpacks it, query.c and search.c look it up; none of
 * them spells a prefix of its own.  docs/internals.md's schema table follows it.
 *
 * SCHEMA VERSION 5 (fond from 7 December 2026, issue 26)
 *
 * One Xapian document a passage, in Omega's conventions where Omega has
 * one, so that xapian-delve and quest read it.  What a passage shows of
 * its source (header fields, path, title, language, Archive reference) is
 * written once, on the source's first passage: its "source record".  The
 * source's filter terms are on every passage, boolean (marked (f): wdf 0,
 * no part of the passage's length for BM25), because a filter must be one
 * posting list to be fast (see "Filters").
 *
 *   every passage, what is its own:
 *
 *     (no prefix)     folded words, with positions; the words of the
 *                     passage's footnotes too, each note's positions
 *                     after the text's and the note before it, past a gap
 *                     of SCHEMA_NOTE_GAP, so that a phrase or NEAR finds
 *                     a reference in a note ("FO 371/6262") but never
 *                     spans the text and a note, or two notes (databases
 *                     written before 7 December 2026 have notes' words
 *                     without positions, and no XREF, XBOX, XFOLDER,
 *                     XREEL: their files indexed into a new database
 *                     have them)
 *     Z<stem>         the Snowball stem of an irregular word (analyze.h:
 *                     one whose folded form, the term, has another stem,
 *                     as folding changed what the stemmer read: Russian
 *                     "новый", Turkish "Antlaşması"); a search finds every
 *                     other word's stem from the word itself, among the
 *                     terms (query_expand.c, "the family"), so English
 *                     text has none
 *     XN<word>        (f) the folded words of the passages beside it in
 *                     its source, those within SCHEMA_BESIDE_BYTES of the
 *                     boundary (cut at white space): a query's words that
 *                     straddle two passages are found by the one holding
 *                     most of them, with the rest beside it (query_build.c,
 *                     build_soft; databases written before 8 December
 *                     2026 have none, and rank as before)
 *     Q<hash>-<n>     (f) the passage id: 16 hex of FNV-1a(path), ordinal
 *     XSRC<hash>      (f) its source: every passage of one source; a
 *                     message of an mbox (source "PATH#N") carries its
 *                     file's too, XSRC<hash of PATH>: every passage of
 *                     one file, deleted together when the file changes
 *     Y, M, D         (f) Y1921, M192107, D19210703: the dates the passage
 *                     mentions, and its source's own date
 *     T<type>         (f) its source's type, L<language> (f) its language
 *     S, XP           (f) folded words of its source's title and name
 *                     (its path under the folder indexed, that folder's
 *                     own name first: source:chicherin); a path given
 *                     whole (source:/srv/a/b.txt) is its XSRC term
 *     A, XTO, XPLACE, XCREATOR
 *                     (f) folded words of its source's sender, recipient,
 *                     place (and the places its markup names), creator; of a sender's, recipient's or
 *                     creator's mail address (fond_mailbox_next), the name
 *                     alone: its address's words are XFROMLOCAL, XTOLOCAL,
 *                     XCREATORLOCAL (before '@') and XFROMDOMAIN,
 *                     XTODOMAIN, XCREATORDOMAIN (after), so that a search for
 *                     the public can leave out what it does not show
 *                     (fond_search_opts_t.addresses)
 *     XWITHIN         (f) folded words of its source's container (a TEI
 *                     edition's title, an EAD collection's) and of each
 *                     level's title and identifier in its hierarchy
 *                     (source.h): within:
 *     XPERSON, XORG   (f) folded words of the persons' and organisations'
 *                     names its markup names (TEI persName, orgName ...)
 *     XDAO<hash>      (f) its link is a file's path (an EAD <dao> naming a
 *                     scan): the source id that file has (schema_source_id),
 *                     so that a hit in the file finds the component that
 *                     describes it (search.c) and the component its file
 *     XARCHIVE, XFOND, XOPIS, XDELO, XBOX, XFOLDER, XREEL
 *                     (f) the parts of the archival references of its
 *                     footnotes and of its source's own reference (its
 *                     Archive reference and Source headers), found by
 *                     citation_find_refs() in any archive's form: archive
 *                     (siglum), fond (record group, collection, class),
 *                     opis (series), delo (file, item, piece), box (papka,
 *                     carton), folder, reel; each value one term made by
 *                     schema_whole_value()
 *     XREF            (f) each such reference, one term a form a reader
 *                     types (schema_whole_value): as written up to its
 *                     file (its key, citation_ref_key: "TNA, FO 371/6262"
 *                     of "TNA, FO 371/6262, f. 45"), that without its
 *                     archive ("FO 371/6262"), its file number or code
 *                     alone ("861.51/131", "R 9208"), a code's numbers
 *                     ("371/6262"); and the source's own reference
 *                     headers whole, whatever their form.  A query keys
 *                     what it types the same way, and looks up what it
 *                     typed whole too.  A phrase typed with a digit (861.51/131
 *                     is the phrase "861.51 131"), or words side by side
 *                     with one, find their XREF term too (query_expand.c),
 *                     so that a reference found only in a header, which
 *                     has no positions, is found as typed
 *     values          SCHEMA_SLOT_PATH, _TYPE, _SORTDATE, _SOURCE, _YEAR,
 *                     _ADDED, _COLLECTION (what the matcher reads for
 *                     every match: facets, the collapse key, the sort
 *                     keys, --since, the counts of --group collection);
 *                     SCHEMA_SLOT_BOXES, its words' boxes ("Word boxes")
 *     (no prefix)     an OCR word's alternative readings (ALTO's
 *                     ALTERNATIVE), folded, at the position of the word of
 *                     the text whose offset is theirs, so that a search
 *                     or a phrase through it finds the passage
 *     data            the passage's fields (SCHEMA_IN_PASSAGE below), then
 *                     the repaired text
 *
 *   the first passage (Q<hash>-1) also holds its source's record:
 *
 *     P<path>         (f) the path, cut at 240 bytes
 *     data            the source's fields too (SCHEMA_IN_RECORD below),
 *                     among them 'q', its mean OCR word confidence
 *
 *   A hit shows its source's fields from the data of its record: one
 *   document read a source a page, found by document id (a source's
 *   passages are added one after another, so the record is ordinal - 1
 *   documents back, times the shards of a stub) and checked, else by its
 *   Q term.  The record lives on a passage, not in a document of its own,
 *   because a document more a source changes BM25's statistics (the number
 *   of documents, their mean length) and moved a relevance query.
 *
 *   Filters.  Every field filter is one posting list (or an AND of a few):
 *   the source-level filter terms are on every passage, boolean, so they
 *   add nothing to its length.  Keeping them on the record alone and
 *   expanding a filter into the XSRC terms of the sources whose records
 *   match was measured (bench/filters, 340 sources): 2-4 times slower for
 *   tens of sources, 16 times for all of them (an OR of 340 posting lists).
 *
 * Word boxes.  A passage read from pages of words (Tesseract, hOCR, ALTO,
 * a PDF's words with their boxes) holds its words' boxes in the Xapian
 * value SCHEMA_SLOT_BOXES, one blob a passage (lib/boxes.c writes and
 * reads it).  One a passage, not one a page or document of their own:
 * read with the hit, in one value lookup, with no other document to find;
 * deleted with the passage, when its source is indexed again or removed;
 * and no document added, which would change BM25's statistics (as for the
 * source record).  A value, not the data: the data is read for every hit,
 * and is what xapian-delve shows.  The blob (varints: LEB128, 7 bits a
 * byte, low first; "svarint" a zigzagged signed one, 0 -1 1 -2 as 0 1 2 3):
 *
 *     varint   format, 1 (another reads as no boxes)
 *     varint   pages, then for each, in page order:
 *       varint   its number, from 1
 *       varint   its image's width, height, in pixels (0: unknown)
 *       varint   its mean word confidence + 1 (0: none)
 *       varint   words, then for each, in text order:
 *         varint   its first byte's offset in the passage text, less the
 *                  word before's on this page (the first: itself)
 *         svarint  x less the word before's x + w (the first: x)
 *         svarint  y less the word before's y (the first: y)
 *         varint   w, h
 *         varint   its confidence + 1 (0: none)
 *
 * Offsets, not word positions: a hit's highlights are ranges of its text,
 * so the boxes of the highlighted words are those whose offset falls in
 * one.  A word of two halves (hyphenated across a line's end, joined in
 * the text) has two boxes, each at an offset inside the one word.  About
 * 7 bytes a word.  The source's mean OCR word confidence is its record's
 * field OCR_CONF.  A database written before (schema 5 without them) has
 * neither: it reads as no boxes and no confidence, as a text source does,
 * so neither changed the version.
 *
 * Data.  A document's data is a run of fields, each one tag byte, its value
 * and a NUL, ended by an empty field (a lone NUL); a passage's text follows.
 * A reader takes the tags it knows and skips others, and a field a document
 * lacks reads as "".  So adding a field (a PDF's page_first, a passage's
 * "added" time, a path relative to the indexed root) is one line in
 * SCHEMA_FIELDS below with a new slot and an unused tag: old databases read
 * on, with the new field "".  The slot numbers are also the Xapian value
 * slots for the fields the matcher needs (SCHEMA_MATCH_SLOT).
 *
 * User metadata, committed with the documents:
 *
 *   fond:schema     "5": the version.  A database without it and with
 *                   documents was written by an earlier fond; fond-index
 *                   upgrades it (upgrade.c).
 *   fond:idkey      32 hex: the key of the sources' ids (schema_key_t),
 *                   drawn when the database is made, the same in every
 *                   shard (fond_db_create_sharded), so that nobody can
 *                   compute an id from a path to test guesses of the
 *                   server's files.  A database with documents and no key
 *                   was written by an earlier fond: upgraded like one
 *                   without a version.
 *   src:<hash>      what fond-index knew of the file when it last looked
 *                   (sync.c), one field a line: size, mtime (ns), content
 *                   hash (16 hex; "+" and the hash of its catalogue row
 *                   after it, when it has one), "ok" or "failed <reason>",
 *                   then the path
 *                   (last: a file name may hold a newline).  Committed with
 *                   the passages, so a crash never leaves the two out of
 *                   step.
 *   fond:variants   "<hash of the variants file> <groups>" last loaded
 *                   into the synonym table (variants.c).
 *   syn:<word>      its synonyms, separated by spaces: the synonym table
 *                   again, for Xapian's remote backend, which serves
 *                   metadata but not synonyms (store.cc); syn:XOCR<word>
 *                   likewise for its misreadings.
 *
 * Xapian's tables beyond the documents: the synonym table holds the name
 * variants (variants.c, mirrored in syn:<word> above), keyed by the
 * folded word, and under XOCR<word> (misread.h: MISREAD_KEY) the rare
 * words the indexer took for OCR misreadings of the word (misread.c), a
 * key no folded word can be.  A database without them (written before
 * they were, 8 December 2026) searches as before until fond-index next
 * changes it: nothing else differs, so the version stays.  The spelling table
 * is not written: "did you mean" and near spellings come from the terms
 * themselves (query_expand.c), which every backend serves, where Xapian's
 * remote backend serves no spelling table.  A database written by an
 * earlier fond (up to 7 December 2026) holds one: nothing reads it, and
 * fond-index leaves it as it was, stale as the collection changes (that
 * alone did not change the version: the documents were the same).
 *
 * Earlier versions: 0 (up to November 2026) had the text alone as data and
 * the shown fields in values 0-13; 1 had the 14 shown fields, NUL-ended, in
 * every passage's data, and every source field's terms on every passage.
 * 2 (December 2026) wrote the Z term of every word that is not its own
 * stem: a search of this version, which finds a word's forms among the
 * words themselves, would count most forms there twice.  3 kept the letters
 * no Unicode decomposition folds (Azerbaijani ə, ł, ø, đ, ħ, þ, æ, ...) in
 * its terms, where 4 has their transliteration (analyze.c): a search of 4
 * would not find them there.  3 also named each source by the unkeyed
 * FNV-1a of its path (anyone could test a guess of a server's path against
 * the page) and indexed a mail address's words under the name's prefix, A
 * and XTO (the page could not search names without addresses).  4 titled a
 * source with no Title by its file's name and dated a PDF by its
 * CreationDate, read no field from a source's own text, gave footnote
 * words no positions, and wrote no ref: (XREF), box:, folder:, reel: or
 * creator: terms and no date range's terms: a search of 5 would miss
 * there what a reader types.
 */
#ifndef FOND_SCHEMA_H
#define FOND_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#define SCHEMA_VERSION "5"
#define SCHEMA_VERSION_KEY "fond:schema"
#define SCHEMA_ID_KEY "fond:idkey" /* schema_key_t: what names sources */

/* Term prefixes. */
#define SCHEMA_STEM "Z"
#define SCHEMA_ID "Q"        /* a passage's or a source record's id */
#define SCHEMA_SOURCE "XSRC" /* + source hash */
#define SCHEMA_BESIDE "XN"   /* words of the passages before and after */
/* How far into a passage beside its words are indexed as SCHEMA_BESIDE:
 * on the tune split of bench/relevance's straddling queries (words from
 * 40 either side of a boundary) and OCR'd pages, 150, 200, 300, 450 bytes
 * and whole passages gave MRR@10 0.900, 0.885, 0.941, 0.940, 0.936 and
 * 0.897, 0.895, 0.897, 0.894, 0.886 (docs/ranking.md, "Passage
 * boundaries"); the index grew by 14% at 300, 26% whole. */
#define SCHEMA_BESIDE_BYTES 300
/* The passage that holds its source's record: the first. */
#define SCHEMA_RECORD_PASSAGE 1
#define SCHEMA_RECORD_ORDINAL "1"
#define SCHEMA_PATH "P"
#define SCHEMA_PATH_WORD "XP"
#define SCHEMA_TITLE "S"
#define SCHEMA_TYPE "T"
#define SCHEMA_FROM "A"             /* words of the sender's name */
#define SCHEMA_FROM_LOCAL "XFROMLOCAL"   /* of its address before '@' */
#define SCHEMA_FROM_DOMAIN "XFROMDOMAIN" /* of its address after '@' */
#define SCHEMA_TO "XTO"              /* words of the recipients' names */
#define SCHEMA_TO_LOCAL "XTOLOCAL"
#define SCHEMA_TO_DOMAIN "XTODOMAIN"
#define SCHEMA_PLACE "XPLACE"
#define SCHEMA_CREATOR "XCREATOR" /* words of who made the source ... */
#define SCHEMA_CREATOR_LOCAL "XCREATORLOCAL"   /* (a mailbox, as From) */
#define SCHEMA_CREATOR_DOMAIN "XCREATORDOMAIN"
#define SCHEMA_LANGUAGE "L"
#define SCHEMA_YEAR "Y"
#define SCHEMA_MONTH "M"
#define SCHEMA_DAY "D"
#define SCHEMA_ARCHIVE "XARCHIVE"
#define SCHEMA_FOND "XFOND"
#define SCHEMA_OPIS "XOPIS"
#define SCHEMA_DELO "XDELO"
#define SCHEMA_BOX "XBOX"
#define SCHEMA_FOLDER "XFOLDER"
#define SCHEMA_REEL "XREEL"
#define SCHEMA_REF "XREF"
#define SCHEMA_WITHIN "XWITHIN" /* words of its container and hierarchy */
#define SCHEMA_PERSON "XPERSON" /* words of the persons' names marked in it */
#define SCHEMA_ORG "XORG"       /* words of the organisations' names */
#define SCHEMA_DAO "XDAO" /* + the source id of the file its link names */

#define SCHEMA_TERM_MAX 240 /* bytes; Xapian's limit is 245 */
/* Positions left between a passage's text and its first note, and between
 * notes: more than the widest NEAR window the query language takes
 * (query.c, NEAR/n). */
#define SCHEMA_NOTE_GAP 16384

/* Where a field lives: in every passage, or in its source's record. */
typedef enum { SCHEMA_IN_PASSAGE, SCHEMA_IN_RECORD } schema_doc_t;

/*
 * The fields: X(name, slot, tag, doc).  A field with a tag is kept in the
 * data of its document; one with tag 0 only as a Xapian value (it is never
 * shown).  A new field is one line here (a slot after the last, a tag not
 * used); index.c sets it with
 * store_doc_set_value(doc, SCHEMA_SLOT_<name>, ...), search.c reads it with
 * store_mset_value(m, i, SCHEMA_SLOT_<name>, ...).
 */
#define SCHEMA_FIELDS(X)                                                     \
    X(PATH, 0, 'p', SCHEMA_IN_RECORD)     /* source path */                  \
    X(TITLE, 1, 't', SCHEMA_IN_RECORD)    /* title, else from the name */    \
    X(ORDINAL, 2, 'n', SCHEMA_IN_PASSAGE) /* passage number, from 1 */       \
    X(ID, 3, 'i', SCHEMA_IN_PASSAGE)      /* passage id, Q term without Q */ \
    X(DATE, 4, 'd', SCHEMA_IN_RECORD)     /* YYYYMMDD, 00 if unknown */      \
    X(TYPE, 5, 'y', SCHEMA_IN_RECORD)                                        \
    X(FROM, 6, 'f', SCHEMA_IN_RECORD)                                        \
    X(TO, 7, 'o', SCHEMA_IN_RECORD)                                          \
    X(PLACE, 8, 'l', SCHEMA_IN_RECORD)                                       \
    X(LANGUAGE, 9, 'g', SCHEMA_IN_RECORD) /* Snowball stemmer name */        \
    X(NOTES, 10, 'N', SCHEMA_IN_PASSAGE)  /* "N\ttext\n" a footnote */       \
    X(DATES, 11, 'D', SCHEMA_IN_PASSAGE)  /* YYYYMMDD joined by ' ' */       \
    X(RANGE, 12, 'r', SCHEMA_IN_PASSAGE)  /* "start end" in the source */    \
    X(SORTDATE, 13, 0, SCHEMA_IN_PASSAGE) /* source's date, else first     \
                                             mentioned, else 99999999 */    \
    X(SOURCE, 14, 0, SCHEMA_IN_PASSAGE)   /* source id: hash of its path */  \
    X(YEAR, 15, 0, SCHEMA_IN_PASSAGE)     /* year of SORTDATE, for facets */ \
    X(ARCHIVE_REF, 16, 'a', SCHEMA_IN_RECORD) /* its Archive reference */  \
    X(PAGES, 17, 'P', SCHEMA_IN_PASSAGE)  /* schema_format_pages() */      \
    X(ADDED, 18, 'w', SCHEMA_IN_PASSAGE)  /* when fond-index wrote it, UTC, \
                                             YYYY-MM-DDTHH:MM:SSZ: sorts as \
                                             text (--sort added, --since, \
                                             the Atom feed) */              \
    X(NAME, 19, 'm', SCHEMA_IN_RECORD)    /* the path under the PATH given \
                                             to fond-index, that folder's  \
                                             name first: what fond.cgi     \
                                             shows ("corpus/a/x.txt") */ \
    X(CREATOR, 20, 'c', SCHEMA_IN_RECORD) /* who made it (PDF Author) */   \
    X(RIGHTS, 21, 'R', SCHEMA_IN_RECORD)                                   \
    X(DATE_END, 22, 'e', SCHEMA_IN_RECORD) /* a date range's last day,    \
                                              as DATE; "" for one date */ \
    X(OCR_CONF, 23, 'q', SCHEMA_IN_RECORD) /* mean OCR word confidence,  \
                                              0-100; "" if not read by OCR */ \
    X(BOXES, 24, 0, SCHEMA_IN_PASSAGE)    /* its words' boxes: a blob,   \
                                             "Word boxes" above */          \
    X(CONTAINER, 25, 'C', SCHEMA_IN_RECORD) /* the edition or collection  \
                                               it belongs to (source.h) */ \
    X(HIERARCHY, 26, 'H', SCHEMA_IN_RECORD) /* "level\tid\ttitle\n" lines \
                                               from the top (source.h) */ \
    X(LINK, 27, 'k', SCHEMA_IN_RECORD)    /* its digitised copy */        \
    X(IMAGES, 28, 'I', SCHEMA_IN_RECORD)  /* "N\tpath\n" a page image    \
                                             (hOCR/ALTO's, a folder's),   \
                                             relative to the source's    \
                                             folder (index.c) */        \
    X(COLLECTION, 29, 0, SCHEMA_IN_PASSAGE) /* its container again, for   \
                                               --group collection's counts */  \
    X(ATTACHMENT, 30, 'x', SCHEMA_IN_PASSAGE) /* the file attached whose \
                                             text it is (a mail          \
                                             attachment's name), "" for  \
                                             the source's own text; its  \
                                             PAGES count that file's */

#define SCHEMA_SLOT_ENUM(name, slot, tag, doc) SCHEMA_SLOT_##name = slot,
enum { SCHEMA_FIELDS(SCHEMA_SLOT_ENUM) SCHEMA_SLOTS };
#undef SCHEMA_SLOT_ENUM

/* The slots the matcher reads for every match, kept as Xapian values on
 * each passage (facets by path, type, year and collection; collapse;
 * sort). */
#define SCHEMA_MATCH_SLOT(slot)                                             \
    ((slot) == SCHEMA_SLOT_PATH || (slot) == SCHEMA_SLOT_TYPE ||            \
     (slot) == SCHEMA_SLOT_SORTDATE || (slot) == SCHEMA_SLOT_SOURCE ||      \
     (slot) == SCHEMA_SLOT_YEAR || (slot) == SCHEMA_SLOT_ADDED ||          \
     (slot) == SCHEMA_SLOT_COLLECTION)

/* The slots whose value is a blob of bytes (NULs and all), kept as a
 * Xapian value of its own, never in the data: "Word boxes" above. */
#define SCHEMA_BLOB_SLOT(slot) ((slot) == SCHEMA_SLOT_BOXES)

/* The slots hits are sorted by (--sort date, --sort added).  Their Xapian
 * values hold the source's path after the field's value (fixed in length),
 * so that passages of one date or time sort source by source, as ties of
 * relevance do, in the same order however the database is split and
 * whatever its key (store.cc, set_order; not by the source id, which each
 * database keys as its own).  The added time's prefixes still compare as
 * times (--since). */
#define SCHEMA_SORT_SLOT(slot)                                              \
    ((slot) == SCHEMA_SLOT_SORTDATE || (slot) == SCHEMA_SLOT_ADDED)

/* The tag byte and the document of a slot (0 and -1 for none). */
char schema_slot_tag(unsigned slot);
int schema_slot_doc(unsigned slot);
/* The slot of a tag, or -1. */
int schema_tag_slot(char tag);

/* A query field: its name in the query language, its prefix, and whether
 * its value is one term (schema_whole_value) or a term a word; from: and
 * to: also search the words of a mail address, under local and domain. */
typedef struct {
    const char *name;
    const char *prefix; /* NULL: date:, built from Y/M/D terms */
    int whole;
    const char *local, *domain; /* NULL but for from: and to: */
} schema_field_t;

/* The field called name[0, len) (case-insensitive), or NULL. */
const schema_field_t *schema_field(const char *name, size_t len);

/*
 * A whole field value as its one term's text (without prefix), into out
 * (size bytes, NUL-terminated): folded (case, diacritics), white space and
 * punctuation dropped, except that a separator between two digits stays as
 * "/", so that "68/1", "68-1" and "68 / 1" are one delo and 681 another;
 * "SA AR" -> "saar", "R-130" -> "r130", "Р-130" -> "р130".  Returns the
 * length, 0 if nothing is left or it does not fit.  The indexer and the
 * query builder both call it, so what one writes the other finds.
 */
size_t schema_whole_value(const char *value, size_t len, char *out,
                          size_t size);

/* The PAGES field: "first last label", the pages a passage spans (from
 * 1) and their printed numbers, to cite ("p. 227", "pp. 227-228", may be
 * empty); "" for a source with no pages (a text file without form feeds),
 * as in databases written before pages, which read as no pages. */
void schema_format_pages(char *buf, size_t size, unsigned first,
                         unsigned last, const char *label);
/* Parse it back: 0 0 and "" for none; *label points into pages. */
void schema_parse_pages(const char *pages, unsigned *first, unsigned *last,
                        const char **label);

/* The ADDED field: when fond-index wrote a passage, "YYYY-MM-DDTHH:MM:SSZ"
 * (UTC, so that it sorts as text), from seconds since 1970 (0: now); and
 * back, the seconds (0 if s is not of that form). */
#define SCHEMA_ADDED_SIZE 24
void schema_format_added(long long seconds, char out[SCHEMA_ADDED_SIZE]);
long long schema_parse_added(const char *s);

/* Y<yyyy>, M<yyyymm>, D<yyyymmdd> for a "YYYYMMDD" date (00 for an unknown
 * month or day), as far as it is known: into terms[3][16]; returns how many
 * (0 for a malformed date). */
size_t schema_date_terms(const char *yyyymmdd, char terms[3][16]);

/* The database's key for naming sources (SCHEMA_ID_KEY): 128 random bits,
 * drawn when the database is made, kept as 32 hex digits.  `set` is 0 for
 * a database written before there was a key (schema 3 and earlier), whose
 * ids are the unkeyed FNV-1a of the path: the upgrade reads them so. */
typedef struct {
    uint64_t k[2];
    int set;
} schema_key_t;
#define SCHEMA_KEY_TEXT_SIZE 33
/* A new key from the kernel's random bytes: 0, or -1 if there are none
 * (a key from the clock could be guessed, and would give nothing away). */
int schema_key_new(schema_key_t *key);
/* The key as its metadata value holds it, and back (-1: not a key). */
void schema_key_format(const schema_key_t *key, char out[SCHEMA_KEY_TEXT_SIZE]);
int schema_key_parse(const char *text, schema_key_t *key);

/* A source's id, as its Q and XSRC terms carry it: 16 hex of SipHash-2-4
 * of its path under the database's key (hash.h), NUL-terminated; and its
 * XSRC term.  Stable for as long as the database lives (incremental
 * indexing finds a source's passages by it), and not computable from the
 * path by anyone who cannot read the database. */
#define SCHEMA_SOURCE_ID_SIZE 17
#define SCHEMA_SOURCE_TERM_SIZE (sizeof SCHEMA_SOURCE - 1 + SCHEMA_SOURCE_ID_SIZE)
void schema_source_id(const schema_key_t *key, const char *path,
                      char out[SCHEMA_SOURCE_ID_SIZE]);
void schema_source_term(const schema_key_t *key, const char *path,
                        char out[SCHEMA_SOURCE_TERM_SIZE]);

#endif
