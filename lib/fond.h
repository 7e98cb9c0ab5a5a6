/*
 * fond.h -- the public C API of libfond, the engine behind fond-index,
 * fond-search and fond.cgi.
 *
 * Conventions (as in notmuch and libgit2):
 *   - Opaque handles, functions named fond_<noun>_<verb>.
 *   - Everything that can fail returns a fond_status_t; results come back
 *     through out-parameters.
 *   - Argument order: the handle acted on first (db, results, kwic), then
 *     what the call reads, then the out-parameters it writes, then the
 *     fond_error_t, if any, last.  A call that makes a handle where there
 *     was none (fond_db_open, fond_db_open_part) takes the new handle's
 *     out-parameter first, in the place of the handle it has not got.
 *   - After a failure, fond_db_error() holds a one-line message for the
 *     handle.  The calls that have no handle (fond_db_open and the other
 *     calls on a path) write their message into a fond_error_t, which may
 *     be NULL when the caller does not want it.
 *   - Misuse (a NULL handle, string or out-parameter where one is needed)
 *     is FOND_ERR_ARG with a message naming the call and the argument, not
 *     a crash: every call that returns a status checks its arguments.
 *     (The accessors of results, fond_results_*() and fond_kwic_*(), take
 *     what a successful call handed out, and do not.)
 *   - Every options struct has an initialiser, FOND_<NAME>_OPTS_INIT, with
 *     the defaults; start from it, so that a field added later gets its
 *     default.
 *   - Ownership is stated on every function.  Strings handed out by the
 *     library are owned by the object they came from.
 *   - The library never prints and never exits.
 *
 * Threads: the library keeps no global mutable state, so different handles
 * may be used in different threads at once.  One handle (a fond_db_t, and
 * the fond_results_t and fond_kwic_t made from it) is not safe to use from
 * two threads at once: give each thread its own, or lock around it.
 * Several processes may read a database while one writes it (Xapian's
 * single-writer lock; a reader sees the last commit); fond_status_str()
 * may be called from any thread.
 */
#ifndef FOND_H
#define FOND_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    FOND_OK = 0,
    FOND_ERR_NOMEM,    /* out of memory */
    FOND_ERR_ARG,      /* an argument was invalid */
    FOND_ERR_IO,       /* a file could not be read or written */
    FOND_ERR_UTF8,     /* text is not valid UTF-8 */
    FOND_ERR_BINARY,   /* the file holds binary data, not text */
    FOND_ERR_QUERY,    /* the query is malformed */
    FOND_ERR_NODB,     /* no database at that path, or not a database */
    FOND_ERR_LOCKED,   /* another indexer holds the database's write lock */
    FOND_ERR_CORRUPT,  /* the database is damaged */
    FOND_ERR_MODIFIED, /* the database changed under a reader: reopen */
    FOND_ERR_XAPIAN,   /* any other error reported by Xapian */
    FOND_ERR_INTERNAL, /* a bug in fond */
    FOND_ERR_UPGRADE,  /* written by an earlier fond: fond_db_upgrade() */
    FOND_ERR_EXTRACT   /* a file's text could not be extracted: a damaged,
                          encrypted or hostile PDF, a scan left unread */
} fond_status_t;

/* A short, static, English description of a status ("database is locked"). */
const char *fond_status_str(fond_status_t status);

/* Where fond_db_open() reports why it failed. */
typedef struct {
    char message[512];
} fond_error_t;

/* ---------------------------------------------------------------- database */

typedef struct fond_db fond_db_t;

typedef enum {
    FOND_DB_READ,  /* search only; several readers may share a database */
    FOND_DB_WRITE  /* create if missing; takes the single writer lock */
} fond_db_mode_t;

/*
 * Open the database at `path`.  On success *out is a handle the caller
 * frees with fond_db_close().  On failure *out is NULL and, if `err` is
 * not NULL, err->message says why.  A database with passages written by an
 * earlier fond fails with FOND_ERR_UPGRADE (see fond_db_upgrade).
 */
fond_status_t fond_db_open(fond_db_t **out, const char *path,
                           fond_db_mode_t mode, fond_error_t *err);

/*
 * A sharded database: a folder of n shards (1 to 64) and Xapian's stub file
 * naming them, so that readers open the folder like any database, and
 * several indexers (one a part, fond_db_open_part) write it at once.  Each
 * source lives in one shard, chosen by its file's name.  FOND_ERR_ARG if there is
 * a sharded database at path already.  A create that fails leaves
 * nothing behind (no stub, no shard), so that it can simply be tried again.
 */
fond_status_t fond_db_create_sharded(const char *path, size_t n_shards,
                                     fond_error_t *err);

/* How many shards the database at path has, into *out (0: not sharded,
 * or no database).  FOND_ERR_IO, with err->message, when its stub file is
 * there but cannot be read. */
fond_status_t fond_db_shard_count(const char *path, size_t *out,
                                  fond_error_t *err);

/* Open for writing only the shards i with i % parts == part, to index
 * with several processes: each takes the sources fond_db_owns(). */
fond_status_t fond_db_open_part(fond_db_t **out, const char *path,
                                size_t part, size_t parts, fond_error_t *err);
int fond_db_owns(fond_db_t *db, const char *path);

/* How fond_db_upgrade() is getting on: `done` of `total` sources. */
typedef void (*fond_upgrade_progress_fn)(void *ctx, size_t done, size_t total);

typedef struct {
    size_t sources;  /* indexed again from their files */
    size_t missing;  /* recorded, but their files are gone or unreadable:
                        not in the upgraded database */
    size_t passages;
} fond_upgrade_result_t;

/*
 * Bring a database written by an earlier fond (fond_db_open() says
 * FOND_ERR_UPGRADE) to this version, in place: index every source it
 * records again from its file into a new database beside it (PATH.upgrading,
 * with as many shards), then swap the two with one rename, so that readers
 * see the old database or the new one, never a mix; the old one is removed.
 * The old database stays locked against other indexers meanwhile.  A
 * database that is current already is left alone (out->sources 0).
 * progress (may be NULL) is called after each source.
 */
fond_status_t fond_db_upgrade(const char *path, fond_upgrade_progress_fn progress,
                              void *ctx, fond_upgrade_result_t *out,
                              fond_error_t *err);

/* Merge a database's shards into one database, in place, with Xapian's
 * compactor (also compacts an ordinary database).  No writer may hold it. */
fond_status_t fond_db_compact(const char *path, fond_error_t *err);

/* Commit pending changes (if writable) and free the handle.  NULL is fine. */
fond_status_t fond_db_close(fond_db_t *db);

/* The message of the last failure on this handle; owned by the handle,
 * valid until the next call on it.  "" when there was none. */
const char *fond_db_error(const fond_db_t *db);

/*
 * The default database path: $FOND_DB, else $XDG_DATA_HOME/fond/db, else
 * $HOME/.local/share/fond/db.  *out is malloc'd; the caller frees it.
 */
fond_status_t fond_db_default_path(char **out);

/* Number of passages (documents) in the database. */
fond_status_t fond_db_passage_count(fond_db_t *db, size_t *out);

/* ---------------------------------------------------------------- indexing */

/* Passages are cut at sentence ends and are never longer than this many
 * bytes of source text. */
#define FOND_PASSAGE_MAX_BYTES 1200

typedef struct {
    size_t passages;   /* passages written for the source */
    size_t bytes;      /* bytes of the file read */
    char encoding[64]; /* what it was read as: "UTF-8", "WINDOWS-1251", ... */
    char encoding_how[16]; /* "bom", "declared", "valid", "detected", or
                              "overruled": the Encoding header named... */
    char declared[64];     /* ...this legacy encoding, but the text is
                              valid UTF-8, so it was read as UTF-8 */
    size_t replaced;   /* invalid byte sequences replaced with U+FFFD */
    char language[16]; /* the stemmer chosen: "english", "russian", ...
                          ("mixed" for an mbox whose messages differ) */
    char language_how[16]; /* "header" (a Language header), "identified"
                              (from the text), "ocr" (too short to tell:
                              the language its scans were read in, as
                              asked), or "default": too short to tell, or
                              no stemmer for it (then the script: Cyrillic
                              is Russian, else English) */
    size_t notes;      /* footnotes found (Notes section or stranded) */
    char format[16];   /* "text", "pdf", "image", "hocr", "alto", "page-xml",
                          "html", "docx", "odt",
                          "email" (one message) or "mbox" */
    unsigned pages;    /* pages (a PDF's, or form feeds + 1; 0: none) */
    unsigned ocr_pages;  /* pages read by OCR in this run ... */
    unsigned ocr_cached; /* ... and pages whose OCR text was cached */
    unsigned blank_pages; /* pages with no text layer left unread */
    size_t sources;    /* sources written: 1, or the messages of an mbox
                          (each its own source, "PATH#N") */
    size_t sources_failed; /* messages of an mbox refused (a MIME bomb)... */
    char failure[200];     /* ...the first one's reason */
    size_t attached;       /* files attached to its sources (mail
                              attachments) read as passages of them */
    size_t attached_skipped; /* ... and those fond could not read (a type
                              it does not read, a damaged PDF, too big) ... */
    char skipped[1024];    /* ... the first of them, a line each:
                              "SOURCE: attachment NAME: reason\n" */
} fond_index_result_t;

/* How files other than text are read (see fond_db_set_extract). */
typedef struct {
    int no_ocr;               /* leave pages with no text layer unread */
    /* The language scans are read in: a Tesseract language spec, its
       packs joined by '+' ("por", "deu+eng", "chi_sim"), or a name fond
       knows ("French", "fr", "fra", "français", "french": its pack).  NULL,
       "" or "auto": chosen for each source, from its catalogue row's
       language, else from a first pass over its first page read in English
       (docs/sources.md, "Languages: OCR").  Until issue 27 this was a Snowball
       name and NULL meant English: those names still work, and an English
       scan is still read in English, with no extra Tesseract run. */
    const char *ocr_language;
    const char *ocr_cache;    /* a folder to keep OCR text in, by the file's
                                 content (NULL: no cache) */
    unsigned timeout;         /* seconds each helper may run (0: 120) */
    /* Called after each page read by OCR (may be NULL), page from 1 of
       pages, in the process that read it: a page read ahead
       (fond_db_read_ahead) is reported there, as it is read, and not
       again when the sync takes what was read. */
    void (*ocr_page)(void *ctx, const char *path, unsigned page,
                     unsigned pages);
    void *ctx;
    /* Tesseract's language packs ('+'-joined, as fond_ocr_packs() gives
       them): those ocr_language may name, and among which "auto" chooses.
       NULL: the database asks Tesseract, once: fond_db_set_extract()
       for an ocr_language given, else the first scan indexed. */
    const char *ocr_packs;
} fond_extract_opts_t;

#define FOND_EXTRACT_OPTS_INIT {0, NULL, NULL, 0, NULL, NULL, NULL}

/* Tesseract's language packs installed, as `tesseract --list-langs` lists
 * them, joined by '+' ("deu+eng+fra+osd"), into packs[0, size).
 * FOND_ERR_EXTRACT when Tesseract cannot be run or has none. */
fond_status_t fond_ocr_packs(char *packs, size_t size, fond_error_t *err);

/*
 * The Tesseract language spec `language` stands for (see
 * fond_extract_opts_t.ocr_language), into out[0, size): "français" is "fra",
 * "deu+eng" stays so, NULL or "auto" is "".  Each pack must be one of
 * `packs` (NULL: not checked): else FOND_ERR_ARG, the message naming the
 * pack missing and the Debian package that brings it
 * (tesseract-ocr-jpn).
 */
fond_status_t fond_ocr_language(const char *language, const char *packs,
                                char *out, size_t size, fond_error_t *err);

/* Set how PDFs and scans are read from now on.  The options are copied;
 * the strings they point to stay the caller's and must outlive db. */
fond_status_t fond_db_set_extract(fond_db_t *db,
                                  const fond_extract_opts_t *opts);

/*
 * Index one file as a source: decode it (UTF-8, UTF-16, or a legacy
 * encoding, declared or detected), read its header, repair PDF damage, cut
 * it into passages and write one document a passage, replacing the
 * passages the same path had before.  Changes are not visible to readers
 * until fond_db_commit().  Fails, writing nothing, with FOND_ERR_BINARY for
 * binary files, FOND_ERR_ARG for a bad header (an unknown encoding, a bad
 * date), FOND_ERR_IO if the file cannot be read.
 */
fond_status_t fond_db_index_file(fond_db_t *db, const char *path,
                                 fond_index_result_t *out);

/* As fond_db_index_file(), for bytes already in memory; `source_path`
 * names the source, `title` may be NULL (the source's own, else none: a
 * file's name never stands in for a title). */
fond_status_t fond_db_index_text(fond_db_t *db, const char *source_path,
                                 const char *title, const char *text,
                                 size_t len, fond_index_result_t *out);

/*
 * Load a name-variants file (one group of equivalent names a line; see
 * data/variants.txt) into the database's synonym table, so that a search
 * for one name finds the others.  *groups is how many groups were read.
 * FOND_ERR_IO if the file cannot be read, FOND_ERR_ARG (naming the line)
 * for a malformed one.
 */
fond_status_t fond_db_load_variants(fond_db_t *db, const char *path,
                                    size_t *groups);

/*
 * Link the collection's rare words that are likely OCR misreadings of a
 * common word ("govemment", "goverument") to it, so that a search for the
 * right spelling finds them (docs/query-language.md, "Misread words"); prune the links
 * whose misread word no passage holds or that has become common.  Judged
 * against the words of the shards this handle holds; fond-index calls it
 * once a run that changed the collection, before its last commit.
 * *linked and *pruned: how many links were added and taken away.
 */
fond_status_t fond_db_link_misreadings(fond_db_t *db, size_t *linked,
                                       size_t *pruned);

/* ---------------------------------------------------------------- catalogues */

/*
 * A catalogue: a folder's fond-catalogue.csv (RFC 4180 CSV, UTF-8, a
 * header row), one row a file: its path relative to the folder (column
 * `file`) and any of a source's fields (title, type, date or FIRST/LAST,
 * from, to, place, language, archive reference, source, creator, rights,
 * or their Dublin Core names dc:title ...), which win over what the file
 * says of itself (lib/catalogue.h has the columns and the rules).
 */
typedef struct fond_catalogue fond_catalogue_t;
typedef struct fond_catalogue_row fond_catalogue_row_t;

#define FOND_CATALOGUE_NAME "fond-catalogue.csv"

/*
 * Read the catalogue at path.  A problem of its content (a row that is
 * not well-formed, names a missing file, an unknown column, a malformed
 * date ...) is no failure: it is kept with its line (fond_catalogue_problem)
 * and the rest is used.  FOND_ERR_IO when the file cannot be read or is
 * larger than 64 MiB, FOND_ERR_NOMEM; err says why.
 */
fond_status_t fond_catalogue_load(fond_catalogue_t **out, const char *path,
                                  fond_error_t *err);

/* The row of the file at path (the catalogue's folder, as loaded, then
 * the file's path under it), or NULL. */
const fond_catalogue_row_t *fond_catalogue_find(const fond_catalogue_t *c,
                                                const char *path);

/* The rows used. */
size_t fond_catalogue_rows(const fond_catalogue_t *c);

/* The problems kept (in the order of their lines), and in *left_out (may
 * be NULL) how many more there were past the first 1000. */
size_t fond_catalogue_problems(const fond_catalogue_t *c, size_t *left_out);

/* Problem i: a one-line message, and its line in *line (from 1; 0 for the
 * file as a whole).  NULL past the last. */
const char *fond_catalogue_problem(const fond_catalogue_t *c, size_t i,
                                   unsigned *line);

void fond_catalogue_free(fond_catalogue_t *c);

/* ---------------------------------------------------------------- page folders */

/*
 * A folder of page images that is one source of many pages (a file
 * scanned page by page): its image files (known by their signature)
 * numbered as the pages of one item (`0001.tif`, `0002.tif` ...;
 * `delo68_001.jpg` ...: lib/folder.h has the rule), in the order of their
 * numbers; or, `catalogued` (a catalogue row names the folder as one
 * item), all its image files, in name order.  fond_db_sync_file() of such
 * a folder indexes it as one source, its pages in that order; its other
 * files are sources of their own.
 */
typedef struct fond_folder fond_folder_t;

/* The pages of the folder at dir into *out (NULL: dir is no folder of
 * pages).  FOND_ERR_IO when it cannot be listed, FOND_ERR_NOMEM; err says
 * why. */
fond_status_t fond_folder_load(fond_folder_t **out, const char *dir,
                               int catalogued, fond_error_t *err);

/* Its pages, their bytes summed, and page i's path (from 0), in order. */
size_t fond_folder_pages(const fond_folder_t *f);
size_t fond_folder_bytes(const fond_folder_t *f);
const char *fond_folder_page(const fond_folder_t *f, size_t i);

void fond_folder_free(fond_folder_t *f);

/* ---------------------------------------------------------------- re-indexing */

typedef enum {
    FOND_FILE_UNCHANGED, /* same size and mtime, or same content */
    FOND_FILE_ADDED,     /* new: indexed */
    FOND_FILE_UPDATED,   /* changed: indexed again */
    FOND_FILE_FAILED,    /* could not be indexed now: reason says why */
    FOND_FILE_SKIPPED    /* failed before and has not changed since */
} fond_file_action_t;

typedef struct {
    int dry_run;      /* decide, but write nothing */
    int retry_failed; /* index files that failed before even if unchanged */
    const char *root; /* the PATH given (canonical) that the file was found
                         under, or NULL: names the source by its path under
                         that folder ("corpus/telegrams/x.txt"), which is
                         what fond.cgi shows (fond_hit_t.name) */
    long long added;  /* when passages written now were added, in seconds
                         since 1970 (UTC); 0: now */
    const void *ahead; /* what fond_db_read_ahead gave for this file, or
                          NULL: used when the file's bytes are still the
                          ones read then */
    size_t ahead_len;
    const struct fond_catalogue_row *row; /* the file's row in a catalogue
                          (fond_catalogue_find), or NULL: its fields win
                          over the file's own; the record remembers the
                          row, so a row changed, added or removed makes
                          the file stale */
} fond_sync_opts_t;

#define FOND_SYNC_OPTS_INIT {0, 0, NULL, 0, NULL, 0, NULL}

typedef struct {
    fond_file_action_t action;
    fond_index_result_t index; /* for ADDED and UPDATED */
    char reason[300];          /* for FAILED and SKIPPED */
} fond_sync_result_t;

/*
 * Bring one file's passages up to date (or a folder of page images',
 * fond_folder_load; catalogued when opts->row is given): index it if it is new or its
 * content changed since the last run, else leave it (a stat() when size
 * and mtime are the same; a read and a hash when only the mtime moved).
 * A file that cannot be indexed is a FOND_FILE_FAILED result, not an error:
 * its reason is recorded and it is tried again only when it changes.  One
 * that cannot be read (permissions, or gone since it was listed) is
 * FOND_FILE_FAILED too, and tried again on every run.  Errors are for the
 * database.
 */
fond_status_t fond_db_sync_file(fond_db_t *db, const char *path,
                                const fond_sync_opts_t *opts,
                                fond_sync_result_t *out);

/*
 * Read ahead for fond_db_sync_file(): the slow part of indexing a file that
 * writes nothing to the database, so that several processes can read while
 * one writes (fond-index --jobs on a database of one shard).  When a sync
 * would index the file (a dry run says it is new or changed) and it is a
 * PDF, an image or a folder of page images, it is read as the sync reads
 * it (fond_db_set_extract's options: the text layer, metadata and OCR,
 * every helper program), and *ahead is what was read (the text and
 * metadata, or why the PDF cannot be read), a block of *ahead_len bytes,
 * malloc'd, that the caller frees.  Given to the sync of the same file as
 * fond_sync_opts_t.ahead, in this process or another, it spares the sync
 * every helper program, with the same results, as long as the file's
 * bytes (a folder's: its pages') are the same; else the sync reads the
 * file itself.
 * *ahead is NULL when there is nothing to give (a text file, an unchanged
 * one, no memory).  db may be open for reading only; whatever the file
 * holds is the sync's to report, so FOND_OK but for a database error.
 */
fond_status_t fond_db_read_ahead(fond_db_t *db, const char *path,
                                 const fond_sync_opts_t *opts, void **ahead,
                                 size_t *ahead_len);

/* Call cb with the path of every file fond-index recorded (its metadata),
 * until it returns non-zero.  For a writer (fond-index), whose shards are
 * opened one by one.  A reader of a stub sees the first shard's metadata
 * alone (Xapian 1.4 reads metadata from the first database of a stub): to
 * count a collection's sources, count those its passages come from
 * (fond_results_sources of a search of "*" with facets). */
fond_status_t fond_db_sources(fond_db_t *db,
                              int (*cb)(void *ctx, const char *path),
                              void *ctx);

/* Remove a source's passages and record. */
fond_status_t fond_db_remove_source(fond_db_t *db, const char *path);

/* Make all changes so far visible to readers, atomically. */
fond_status_t fond_db_commit(fond_db_t *db);

/* ---------------------------------------------------------------- search */

typedef enum {
    FOND_SORT_RELEVANCE, /* best first (BM25) */
    FOND_SORT_DATE,      /* oldest first: the source's date, else the first
                            date the passage mentions; undated last */
    FOND_SORT_ADDED      /* newest first by when fond-index added the
                            passage, then best first */
} fond_sort_t;

/* How much of a mail address (of a source's From and To) a reader sees,
 * and so what from: and to: search: all of it (the terminal, --json), the
 * name only (fond.cgi's default: a search of an address it hides would
 * confirm the address), or the name and the part after '@'. */
typedef enum {
    FOND_ADDRESSES_WHOLE,  /* Anna Schmidt <anna@example.de> */
    FOND_ADDRESSES_NAME,   /* Anna Schmidt; a bare address: withheld */
    FOND_ADDRESSES_DOMAIN  /* Anna Schmidt <…@example.de>; …@example.de */
} fond_addresses_t;

typedef struct {
    size_t offset;     /* hits to skip */
    size_t limit;      /* hits to return at most */
    size_t per_source; /* at most this many passages of one source (0: any) */
    fond_sort_t sort;
    int facets;        /* count types, years and sources of all matches */
    const char *like;  /* a passage id: find passages like that one (the
                          query may then be empty, or narrows them) */
    const char *since; /* only passages fond-index added at or after this
                          time: "YYYY", "YYYY-MM", "YYYY-MM-DD" or
                          "YYYY-MM-DDTHH:MM:SSZ" (UTC); NULL: any */
    int names_only;    /* source: takes a source's name only (its path under
                          the folder indexed), and a path is refused
                          (FOND_ERR_QUERY), so that a search for the public
                          cannot test guesses of the server's paths */
    fond_addresses_t addresses; /* what from: and to: search of a mail
                          address: what the reader is shown of it */
    int group;         /* count the matches of each collection (the facet
                          FOND_FACET_COLLECTION), to show hits by it */
} fond_search_opts_t;

#define FOND_SEARCH_OPTS_INIT {0, 10, 0, FOND_SORT_RELEVANCE, 0, NULL, NULL, 0, \
                               FOND_ADDRESSES_WHOLE, 0}

/* Non-zero if s is a time fond_search_opts_t.since takes. */
int fond_time_valid(const char *s);

/* Facets: what the matches are, counted over all of them. */
typedef enum {
    FOND_FACET_TYPE, FOND_FACET_YEAR, FOND_FACET_SOURCE,
    FOND_FACET_COLLECTION /* its container: an EAD finding aid's collection,
                             a TEI edition; counted with opts.group only */
} fond_facet_kind_t;
#define FOND_FACET_KINDS 4

typedef struct {
    const char *value; /* a type, a year, a source path; "" (last) for the
                          passages with none, so that the counts add up to
                          fond_results_passages() */
    size_t count;      /* matching passages */
} fond_facet_t;

/* A byte range [start, start + length) within a string. */
typedef struct {
    size_t start;
    size_t length;
} fond_span_t;

/* A footnote a passage cites, with the citation's parts ("" if absent). */
typedef struct {
    unsigned number;
    const char *text;
    /* an archival citation: "SA AR, f.28, s.1, i.68, v.17-20" */
    const char *archive, *fond, *opis, *delo, *sheets;
    /* a bibliographic reference */
    const char *ref_title, *volume, *place, *publisher, *year, *pages;
} fond_note_t;

/* A word's box on the image of its page (a page read by OCR, from hOCR or
 * ALTO, or a PDF's words), as fond_hit_t.boxes gives them. */
typedef struct {
    unsigned page;           /* from 1 */
    int x, y, w, h;          /* pixels of the page image, from its top left */
    unsigned page_width;     /* the page image's size, pixels (0 when */
    unsigned page_height;    /* unknown) */
    int confidence;          /* OCR's confidence in the word, 0-100; -1 for
                                a word not read by OCR (a text layer's) */
    size_t highlight;        /* the hit's highlight the word is in (an index
                                of fond_hit_t.highlights) */
} fond_box_t;

/* A word of a hit's snippet that OCR was unsure of: its confidence below
 * FOND_OCR_UNSURE, so that a page can mark it as perhaps misread. */
#define FOND_OCR_UNSURE 60
typedef struct {
    size_t start, length;    /* in the snippet */
    int confidence;          /* 0-100 */
} fond_unsure_t;

/* One ranked passage.  Every pointer is owned by the fond_results_t;
 * the source's fields are "" when it does not say. */
typedef struct {
    size_t rank;          /* 1 for the best hit, counting from offset 0 */
    double score;         /* BM25 weight */
    const char *path;     /* the source's path as it was indexed */
    const char *title;    /* the source's title; "" for an untitled one
                             (never its file's name) */
    const char *id;       /* the passage's unique id */
    unsigned ordinal;     /* the passage's number in its source, from 1 */
    const char *text;     /* the full passage text */
    const char *snippet;  /* a fragment of the text around the matches */
    const fond_span_t *highlights; /* matched words, as ranges in snippet */
    size_t n_highlights;
    const char *type;     /* narrative, telegram, note, letter, ... */
    const char *date;     /* the source's date: "1921-07-03", "1921-07",
                             "1921"; "" for an undated one (never its
                             file's date); a range's first day */
    const char *from, *to, *place, *language;
    const fond_note_t *notes; /* footnotes the passage cites, by number */
    size_t n_notes;
    const char *const *dates; /* dates the passage mentions, as `date` */
    size_t n_dates;
    size_t source_start;  /* the passage's bytes in the (decoded) source */
    size_t source_end;
    const char *const *variants; /* words of the passage, as written, that
                                    matched a searched name's variant */
    size_t n_variants;
    size_t more_in_source; /* with per_source: matching passages of this
                              source not on the list (on no page), exact
                              as fond_results_exact() says */
    const fond_note_t *archive_ref; /* the source's own Archive reference
                                       header, parsed as a footnote's
                                       citation (number 0); NULL if none */
    unsigned page_first;  /* the pages the passage spans, from 1 (0: the */
    unsigned page_last;   /* source has no pages) */
    const char *page_label; /* their printed numbers, to cite: "p. 227",
                               "pp. 227-228"; "" when not printed */
    const char *name;     /* the source's path under the folder fond-index
                             was given, that folder's name first
                             ("corpus/telegrams/x.txt"); "" if unknown */
    const char *added;    /* when fond-index added the passage,
                             "YYYY-MM-DDTHH:MM:SSZ"; "" if unknown */
    const char *date_end; /* a date range's last day, as `date`
                             ("1917-02-10"); "" when the date is one */
    const char *creator;  /* who made the source (a PDF's Author) */
    const char *rights;   /* who holds its rights, how it may be used */
    const char *container; /* the edition or collection the source belongs
                              to (a TEI edition's title, an EAD
                              collection's); "" if none */
    const char *hierarchy; /* where it sits in that whole, from the top
                              down to its parent: "level\tid\ttitle\n"
                              lines; "" if none */
    const char *link;     /* its digitised copy (EAD <dao href>); "" */
    const char *attachment; /* the file attached to the source whose text
                               the passage is (a mail attachment's name:
                               "report.pdf"; its pages are that file's);
                               "" for the source's own text */
    int ocr_confidence;   /* the source's mean OCR word confidence, 0-100;
                             -1 when it was not read by OCR (or was indexed
                             by a fond before word boxes) */
    int page_confidence;  /* the same of the hit's page (the page of its
                             first highlighted word, else its first page
                             with boxes); -1 when none */
    const fond_box_t *boxes; /* the boxes of the highlighted words, in text
                                order (a word of two halves, hyphenated
                                across lines, has two) */
    size_t n_boxes;
    const fond_unsure_t *unsure; /* the snippet's words OCR was unsure of,
                                    in order */
    size_t n_unsure;
    const fond_box_t *page_sizes; /* the pages the passage has word boxes
                                     on, in order: each's page,
                                     page_width, page_height and mean
                                     confidence (x, y, w, h 0) */
    size_t n_page_sizes;
    const char *images;   /* its pages' images, where the source names them
                             (hOCR, ALTO, a folder of pages): "N\tpath\n"
                             lines, each path relative to the source's
                             folder (a folder of pages: itself); "" */
} fond_hit_t;

typedef struct fond_results fond_results_t;

/*
 * Run `query` (the language of fond-search(1)) against the database.
 * On success *out holds the hits; free it with fond_results_free().
 * A malformed query fails with FOND_ERR_QUERY and a message naming the
 * column; an unknown opts->like passage with FOND_ERR_ARG.
 */
fond_status_t fond_db_search(fond_db_t *db, const char *query,
                             const fond_search_opts_t *opts,
                             fond_results_t **out);

/* Every count of a search is exact when at most this many passages match
 * (Xapian counts that many before it may estimate); beyond, they are
 * estimates, and fond_results_exact() says so. */
#define FOND_COUNT_MAX 10000

/* The hits on this page. */
size_t fond_results_count(const fond_results_t *results);
/* How many hits all the pages hold: the passages that match, less those a
 * per_source limit leaves out. */
size_t fond_results_estimate(const fond_results_t *results);
/* The query with misspelt words replaced by the nearest words the
 * collection holds ("nakhichevn" -> "nakhichevan"), or NULL; owned by
 * `results`. */
const char *fond_results_suggestion(const fond_results_t *results);

/* A wildcard ("treat*") stands for every word of the collection it begins,
 * up to this many (the first in alphabetical order): far more than the
 * forms of a word, so that only a prefix of a letter or two reaches it. */
#define FOND_WILDCARD_MAX 10000
/* The wildcards of the query that began more words than FOND_WILDCARD_MAX
 * and so stood for the first of them alone, as typed ("t*"): *n of them,
 * owned by `results` (NULL when none). */
const char *const *fond_results_truncated(const fond_results_t *results,
                                          size_t *n);

/* The counts of one facet, most first (with opts.facets); *n is their
 * number; owned by `results`. */
const fond_facet_t *fond_results_facet(const fond_results_t *results,
                                       fond_facet_kind_t kind, size_t *n);

/* How many passages match (every one, also those a per_source limit
 * leaves out), and in how many sources.  A search reads words side by
 * side softly (every word first, then most words): of the passages, how
 * many hold every word (all of them for a query that cannot loosen, none
 * when loosened); counted apart, it is exact below FOND_COUNT_MAX even
 * when the others are not. */
size_t fond_results_passages(const fond_results_t *results);
size_t fond_results_sources(const fond_results_t *results);
size_t fond_results_every_word(const fond_results_t *results);
/* Non-zero when every count above, the facets' and each hit's
 * more_in_source are exact: at most FOND_COUNT_MAX passages match, which
 * were all counted.  Else they are estimates (the sources and
 * more_in_source: as many as were seen, at least). */
int fond_results_exact(const fond_results_t *results);

/* Non-zero when no passage held every word, so the hits are those that hold
 * some of them (ranked by BM25): say so to the user. */
int fond_results_loosened(const fond_results_t *results);
/* The i-th hit, 0 <= i < fond_results_count(); owned by `results`. */
const fond_hit_t *fond_results_hit(const fond_results_t *results, size_t i);
void fond_results_free(fond_results_t *results);

/* ---------------------------------------------------------------- reading */

/* A source can have at most this many passages shown at once. */
#define FOND_SHOW_MAX_PASSAGES 20000

/*
 * The whole source of a passage, to read: `id` is a passage id (a hit's
 * id, "<16 hex>-<ordinal>") or a source id (its 16 hex digits).  *out
 * holds every passage of the source as a hit, in the source's order; each
 * hit's snippet is its whole text (white space collapsed), with
 * highlights on the words of `query` (NULL or "": none), which are looked
 * for in every passage, matching or not.  Free *out with
 * fond_results_free().  A malformed id or one the database does not hold
 * fails with FOND_ERR_ARG and a message saying so; a malformed query with
 * FOND_ERR_QUERY.
 */
fond_status_t fond_db_show(fond_db_t *db, const char *id, const char *query,
                           fond_results_t **out);

/* ---------------------------------------------------------------- concordance */

typedef enum {
    FOND_KWIC_SOURCE_ORDER, /* as the passages rank */
    FOND_KWIC_SORT_LEFT,    /* by the word left of the match */
    FOND_KWIC_SORT_RIGHT    /* by the words right of it */
} fond_kwic_sort_t;

/* One mailbox of a hit's from or to: a list as mail gives it (`Anna
 * Schmidt <anna@example.de>, "Doe, John" <j@example.org>, bob@example.com`)
 * or what a text file's header says (`M. D. Huseynov`).  Spans of the
 * field, not NUL-terminated. */
typedef struct {
    const char *text;   /* the whole mailbox, as written, blanks before it */
    size_t len;         /* skipped */
    const char *name;   /* its name, without quotes and blanks around it; */
    size_t name_len;    /* 0 for a bare address */
    const char *local;  /* its address: the part before '@' ... */
    size_t local_len;
    const char *domain; /* ... and the part after it; address_len 0 when */
    size_t domain_len;  /* the mailbox has no address fond can read (a
                           name: then text is all there is) */
    size_t address_len; /* local@domain */
} fond_mailbox_t;

/* The mailbox at *field into *m, *field moved past it (and its comma):
 * 1, or 0 when none is left.  Commas split the list, but not inside
 * double quotes or angle brackets. */
int fond_mailbox_next(const char **field, fond_mailbox_t *m);

/* One occurrence, in context.  Strings owned by the fond_kwic_t. */
typedef struct {
    const char *path, *title;
    unsigned ordinal;   /* the passage */
    const char *left;   /* up to `width` bytes before, whole words */
    const char *match;  /* the word as written */
    const char *right;  /* up to `width` bytes after, from the byte after
                           the match (a space, or punctuation) */
} fond_kwic_line_t;

typedef struct fond_kwic fond_kwic_t;

/*
 * Every occurrence of what `query` matches (same language, variants and
 * word forms as fond_db_search) in the best 1000 passages, at most
 * max_lines of them, with `width` bytes of context a side.  Free *out with
 * fond_kwic_free().
 */
fond_status_t fond_db_kwic(fond_db_t *db, const char *query, size_t width,
                           fond_kwic_sort_t sort, size_t max_lines,
                           fond_kwic_t **out);
size_t fond_kwic_count(const fond_kwic_t *kwic);
const fond_kwic_line_t *fond_kwic_line(const fond_kwic_t *kwic, size_t i);
void fond_kwic_free(fond_kwic_t *kwic);

#ifdef __cplusplus
}
#endif

#endif /* FOND_H */
