/*
 * db_internal.h -- what db.c, index.c and search.c share: the database
 * handle and its error helpers.  Not part of the public API.
 */
#ifndef FOND_DB_INTERNAL_H
#define FOND_DB_INTERNAL_H

#include <stdio.h>

#include "analyze.h"
#include "extract.h"
#include "fond.h"
#include "ingest.h"
#include "mail.h"
#include "parts.h"
#include "schema.h"
#include "source.h"
#include "store.h"

#define DB_MAX_LANGUAGES 32 /* language_stemmers() has 25 */
#define DB_MAX_SHARDS 64

struct fond_db {
    store_t *store;       /* where operations go: the database, or (when
                             writing shards) the shard db_use_shard chose */
    store_t *shards[DB_MAX_SHARDS]; /* writing a sharded database: the
                                       shards this handle holds (NULL for
                                       another job's) */
    size_t n_shards;      /* 0 for an ordinary database */
    analyzer_t *analyzer; /* English: queries, repair's vocabulary */
    analyzer_t *analyzers[DB_MAX_LANGUAGES]; /* one a language met */
    const char *languages[DB_MAX_LANGUAGES]; /* their Snowball names */
    size_t n_analyzers;
    struct langid *langid; /* identifying languages: loaded on first use */
    struct mail_reader *mail; /* the mail parser's process: started on the
                                 first message, ended at close by ... */
    void (*mail_free)(struct mail_reader *); /* ... this, set with it, so
        that db.c does not name mail.c: a program that only searches then
        links no GMime (nor GLib, GIO, gpgme) and starts in half the time */
    int langid_missing;   /* its fingerprints could not be read */
    fond_extract_opts_t extract; /* how PDFs and scans are read; its
                             ocr_language and ocr_packs are these: */
    char ocr_language[128];   /* the spec resolved ("" : auto) */
    char ocr_packs[4096];     /* Tesseract's packs (ocr_lang.h) */
    int ocr_packs_asked;      /* ... asked for (or given) already */
    const char *ahead;    /* during fond_db_sync_file: what another process
                             read of the file (fond_db_read_ahead), or NULL */
    size_t ahead_len;
    const struct fond_catalogue_row *row; /* during fond_db_sync_file: the
                             file's catalogue row (catalogue.h), or NULL */
    const struct fond_folder *folder; /* during fond_db_sync_file of a
                             folder of page images: its pages (folder.h),
                             read instead of the bytes given; else NULL */
    struct wordset *misread_unsure; /* words OCR was unsure of, noted
                             while indexing for the misreadings' links
                             (misread.c), or NULL */
    schema_key_t id_key;  /* what names its sources (schema.h); unset
                             for a database of an earlier fond */
    char error[512];      /* the last failure's message */
};

/* The options to read a file of catalogue row `row` (may be NULL) with,
 * `scan` when it may need OCR (not a text): db's, or a copy in *copy whose OCR language is the row's
 * (its resolved spec in spec[0, size)), when no language was asked for
 * and the row names one whose packs are installed.  The first file that
 * may need OCR has Tesseract asked for its packs, once. */
const fond_extract_opts_t *db_extract_for(fond_db_t *db,
                                          const struct fond_catalogue_row *row,
                                          int scan, fond_extract_opts_t *copy,
                                          char *spec, size_t size);

/* Point db->store at the shard that holds the source at `path` (every
 * source lives in one shard, by a hash of its path); 0, or -1 if this
 * handle does not hold that shard. */
int db_use_shard(fond_db_t *db, const char *path);

/* Call fn for each store the handle writes (every shard it holds), with
 * db->store pointing at it, until one fails. */
fond_status_t db_each_store(fond_db_t *db,
                            fond_status_t (*fn)(fond_db_t *db, void *ctx),
                            void *ctx);

/* The analyzer stemming for `language` (a Snowball name), made on first
 * use and owned by the handle; English if that language has no stemmer. */
fond_status_t db_analyzer(fond_db_t *db, const char *language,
                          analyzer_t **out);

/* Open the database at path for writing whatever version of the schema it
 * holds (fond_db_upgrade reads the old one so). */
fond_status_t db_open_any_schema(fond_db_t **out, const char *path,
                                 fond_error_t *err);

/* rm -rf path; on failure a message in msg. */
fond_status_t db_remove_tree(const char *path, char *msg, size_t size);

/* Delete the source with id `hash` (16 hex digits) from db->store: its
 * passages (XSRC<hash>), its record with them. */
fond_status_t db_delete_source(fond_db_t *db, const char *hash);

/* Add synonym to the metadata mirror of word's synonyms ("syn:<word>" =
 * the synonyms, separated by spaces), which Xapian's remote backend serves
 * where it does not serve the synonym table (variants.c). */
fond_status_t db_mirror_synonym(fond_db_t *db, const char *word,
                                const char *synonym);

/* Record a printf-style message on the handle and return st, so that error
 * paths read `return db_fail(db, st, "...", ...)`. */
fond_status_t db_fail(fond_db_t *db, fond_status_t st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Programmer misuse at a public entry point (a NULL handle, string or
 * out-parameter, an index out of range) is FOND_ERR_ARG with a message
 * naming the function and the condition that failed, not a crash and not
 * an abort (as libgit2's GIT_ASSERT_ARG): a library must not take its
 * caller down.  FOND_ASSERT_ARG writes the message on db (a NULL db has
 * nowhere to write it: FOND_ERR_ARG alone, and fond_db_error(NULL) is "");
 * FOND_ASSERT_ARG_MSG into msg, for the calls that report through a
 * fond_error_t.
 */
#define FOND_ASSERT_ARG(db, cond)                                            \
    do {                                                                     \
        if (!(db))                                                           \
            return FOND_ERR_ARG;                                             \
        if (!(cond))                                                         \
            return db_fail(db, FOND_ERR_ARG, "%s: invalid argument (%s)",    \
                           __func__, #cond);                                 \
    } while (0)

#define FOND_ASSERT_ARG_MSG(cond, msg, size)                                 \
    do {                                                                     \
        if (!(cond)) {                                                       \
            snprintf(msg, size, "%s: invalid argument (%s)", __func__,       \
                     #cond);                                                 \
            return FOND_ERR_ARG;                                             \
        }                                                                    \
    } while (0)

/* A system call on path failed: errno's reason into msg (on the handle),
 * and FOND_ERR_IO, or FOND_ERR_NOMEM when the system was out of memory. */
fond_status_t db_errno_fail(char *msg, size_t size, const char *path);
fond_status_t db_fail_errno(fond_db_t *db, const char *path);

/* A store failure: the store's message becomes the handle's. */
fond_status_t db_fail_store(fond_db_t *db, fond_status_t st);

/* fond_db_search(), with snippets of up to snippet_bytes (SIZE_MAX: the
 * whole passage with every match marked, as the concordance needs). */
fond_status_t db_search(fond_db_t *db, const char *text,
                        const fond_search_opts_t *opts, size_t snippet_bytes,
                        fond_results_t **out);

/* Every passage holding `term` (a source's XSRC term), at most
 * FOND_SHOW_MAX_PASSAGES, in the source's order, each with its whole text
 * as the snippet and the words of `text` (the query language; "" for
 * none) marked: they only highlight, they do not choose passages. */
fond_status_t db_search_within(fond_db_t *db, const char *text,
                               const char *term, fond_results_t **out);

/* Index text[0, len) as the source `source_path` of the file `file_path`
 * (the same path but for a message of an mbox; index.c), named `name`
 * (may be NULL), its title `title` (may be NULL: its own).  `message`:
 * for a mail message, its header's fields (mail.h), the text its body,
 * read as text with no header of its own; NULL for a file, whose format
 * extract.h tells. */
fond_status_t db_index_one(fond_db_t *db, const char *file_path,
                           const char *source_path, const char *title,
                           const char *name, long long added,
                           const char *text, size_t len,
                           const source_t *message, fond_index_result_t *out);

/* The same, for a source with files attached (a mail message and its
 * attachments, index_parts.c): text[0, len) its own text, then each
 * file's text, from sections[i].start on (ingest.h, ingest_section_t):
 * each file's passages its own, named by it, its pages its own. */
fond_status_t db_index_attached(fond_db_t *db, const char *file_path,
                                const char *source_path, const char *title,
                                const char *name, long long added,
                                const char *text, size_t len,
                                const source_t *message,
                                const ingest_section_t *sections,
                                size_t n_sections, fond_index_result_t *out);

/* Index a file's text already extracted (extract_t, with its words'
 * boxes, if any) as the source `path`: what db_index_one does after it
 * has read the file, for a caller that built x itself (the tests). */
fond_status_t db_index_extracted(fond_db_t *db, const char *path,
                                 const extract_t *x,
                                 fond_index_result_t *out);

/* A file of many sources (parts.h), each part a source of its own, after
 * the file's old sources are deleted (index_parts.c); `len` the file's
 * size, `under` its name under the PATH indexed (NULL: none).  The
 * result's format and encoding are the caller's to set. */
fond_status_t db_index_parts(fond_db_t *db, const char *path,
                             const char *under, long long added,
                             const parts_t *parts, size_t len,
                             fond_index_result_t *out);

/* A message file or an mbox of `kind` (mail.h): each message a source of
 * its own (index_parts.c). */
fond_status_t db_index_mail(fond_db_t *db, const char *path, const char *under,
                            long long added, mail_kind_t kind, const char *bytes,
                            size_t len, fond_index_result_t *out);

/* A TEI edition (tei.h): each document a source of its own
 * (index_parts.c); a file refused (not well-formed, an entity bomb) fails
 * with the reason. */
fond_status_t db_index_tei(fond_db_t *db, const char *path, const char *under,
                           long long added, const char *bytes, size_t len,
                           fond_index_result_t *out);

/* An EAD finding aid (ead.h): the collection and each component a source
 * of its own (index_parts.c). */
fond_status_t db_index_ead(fond_db_t *db, const char *path, const char *under,
                           long long added, const char *bytes, size_t len,
                           fond_index_result_t *out);

/* Index text as the source at `path`, as fond_db_index_text(), naming it
 * `name` (its path under the PATH indexed; NULL or "": none) and dating
 * its passages `added` (seconds since 1970, UTC; 0: now). */
fond_status_t db_index_source(fond_db_t *db, const char *path,
                              const char *name, long long added,
                              const char *text, size_t len,
                              fond_index_result_t *out);

#endif
