/*
 * store.cc -- the C API over Xapian (see store.h), and the only C++ in fond.
 * Every function catches what Xapian (or the C++ library) throws, turns it
 * into a fond_status_t with a message on the store, and returns; nothing
 * C++ crosses into C.
 *
 * The index schema (terms, value slots, the data layout this file packs
 * and unpacks) is written out in schema.h.
 */
#include <xapian.h>

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include <unistd.h>

extern "C" {
#include "store.h"
}

struct store {
    Xapian::Database *db;           /* the database, for reading */
    /* The same, when writable; else NULL.  Writes happen inside a Xapian
     * transaction from open (or the last commit) to the next
     * store_commit(): without one, Xapian commits on its own every
     * XAPIAN_FLUSH_THRESHOLD changes, mid-batch, and readers would see part
     * of a batch. */
    Xapian::WritableDatabase *wdb;
    std::string path;
    char error[512];
};

/* A document copied out of a database for bench/ (store_copy_documents),
 * kept as the calls fond-index makes, so that store_doc_add() makes them
 * again and the bench times Xapian building the document as well as
 * adding it. */
struct doc_copy {
    struct term {
        std::string name;
        Xapian::termcount positions; /* how many */
        Xapian::termcount extra_wdf; /* wdf beyond its positions */
    };
    std::vector<term> terms;
    /* positional occurrences in text order: a position and its term (an
     * index into terms) */
    std::vector<std::pair<Xapian::termpos, size_t> > postings;
};

struct store_doc {
    Xapian::Document doc;
    bool record;                     /* a source record, not a passage */
    std::string fields[SCHEMA_SLOTS]; /* into the data and values on add */
    std::string text;
    std::unique_ptr<doc_copy> copy;  /* a copy's terms, built on add */
};

struct store_query {
    Xapian::Query query;
};

struct store_mset {
    struct hit {
        double weight;
        size_t collapsed;
        std::string data;
        std::vector<std::string> values; /* by slot */
    };
    std::vector<hit> hits;
    size_t results;                 /* the list's length, after collapse */
    size_t matched;                 /* matching documents, before it */
    size_t sources;                 /* distinct sources among them */
    bool exact;                     /* the counts are counts, not estimates */
    std::vector<std::vector<std::string> > facet_values; /* behind facets */
    std::vector<std::vector<store_facet_t> > facets;
};

/* ------------------------------------------------------------ errors */

/* Messages are formatted into the caller's buffer, never into a
 * std::string: they are written inside a catch handler, often for a
 * std::bad_alloc, and an allocation that threw there would escape into C
 * and end the program. */
static void set_error(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_error(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (size > 0)
        std::vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}

/* The system's reason for a Xapian error, when there is one ("No space
 * left on device"); "" if none, or if finding it needed memory there was
 * none of (Xapian makes the string on first use). */
static const char *system_reason(const Xapian::Error &e)
{
    try {
        const char *why = e.get_error_string();
        return why ? why : "";
    } catch (...) {
        return "";
    }
}

/* Xapian's message, with the system's reason when there is one ("Error
 * writing block 20 (No space left on device)"), into buf after prefix. */
static void set_xapian_error(char *buf, size_t size, const char *prefix,
                             const Xapian::Error &e)
{
    const char *why = system_reason(e);
    set_error(buf, size, "%s%s%s%s%s", prefix, e.get_msg().c_str(),
              *why ? " (" : "", why, *why ? ")" : "");
}

/* Called inside a catch (...): rethrows to learn what was thrown, and
 * turns it into a status and a message.  The one place exceptions end. */
static fond_status_t current_error(char *buf, size_t size, const char *path)
{
    char prefix[600];
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &) {
        set_error(buf, size, "database is locked by another indexer: %s", path);
        return FOND_ERR_LOCKED;
    } catch (const Xapian::DatabaseNotFoundError &) {
        set_error(buf, size, "no fond database at %s", path);
        return FOND_ERR_NODB;
    } catch (const Xapian::DatabaseOpeningError &e) {
        set_error(prefix, sizeof prefix, "cannot open the database at %.400s: ",
                  path);
        set_xapian_error(buf, size, prefix, e);
        return FOND_ERR_NODB;
    } catch (const Xapian::DatabaseCorruptError &e) {
        set_error(prefix, sizeof prefix, "the database at %.400s is damaged: ",
                  path);
        set_xapian_error(buf, size, prefix, e);
        return FOND_ERR_CORRUPT;
    } catch (const Xapian::DatabaseModifiedError &e) {
        set_error(buf, size, "the database changed while it was read: %s",
                  e.get_msg().c_str());
        return FOND_ERR_MODIFIED;
    } catch (const Xapian::Error &e) {
        set_error(prefix, sizeof prefix, "Xapian: %s: ", e.get_type());
        set_xapian_error(buf, size, prefix, e);
        return FOND_ERR_XAPIAN;
    } catch (const std::bad_alloc &) {
        set_error(buf, size, "out of memory");
        return FOND_ERR_NOMEM;
    } catch (const std::exception &e) {
        set_error(buf, size, "internal error: %s", e.what());
        return FOND_ERR_INTERNAL;
    } catch (...) {
        set_error(buf, size, "internal error: unknown exception");
        return FOND_ERR_INTERNAL;
    }
}

static fond_status_t fail(store_t *s)
{
    return current_error(s->error, sizeof s->error, s->path.c_str());
}

/* ------------------------------------------------------------ databases */

/* A writer on path, created if missing.  Xapian creates a glass database's
 * tables before its version file, iamglass: an indexer killed in between
 * (tests/integration/reindex.sh) leaves tables and no iamglass, which
 * DB_CREATE_OR_OPEN then refuses as "not found" for good.  No revision was
 * ever committed to such a folder, so nothing is lost by creating it again. */
static Xapian::WritableDatabase *open_writable(const std::string &path)
{
    try {
        return new Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseNotFoundError &) {
        bool never_committed = access((path + "/iamglass").c_str(), F_OK) != 0 &&
                               access((path + "/postlist.glass").c_str(), F_OK) == 0;
        if (!never_committed)
            throw;
        return new Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OVERWRITE);
    }
}

extern "C" fond_status_t store_open(store_t **out, const char *path,
                                    int writable, char *err, size_t errsize)
{
    *out = NULL;
    store_t *s = NULL;
    try {
        s = new store_t();
        s->db = NULL;
        s->wdb = NULL;
        s->path = path;
        s->error[0] = '\0';
        if (writable) {
            s->wdb = open_writable(path);
            s->db = s->wdb;
            s->wdb->begin_transaction(true);
        } else {
            s->db = new Xapian::Database(path);
        }
        *out = s;
        return FOND_OK;
    } catch (...) {
        fond_status_t st = current_error(err, errsize, path);
        delete s;
        return st;
    }
}

extern "C" fond_status_t store_reopen(store_t *s)
{
    try {
        s->db->reopen();
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

extern "C" fond_status_t store_close(store_t *s)
{
    if (!s)
        return FOND_OK;
    fond_status_t st = FOND_OK;
    try {
        if (s->wdb)
            s->wdb->commit_transaction();
        s->db->close();
    } catch (...) {
        st = fail(s);
    }
    delete s->db; /* the WritableDatabase, when writable */
    delete s;
    return st;
}

extern "C" const char *store_error(const store_t *s)
{
    return s ? s->error : "";
}

extern "C" fond_status_t store_commit(store_t *s)
{
    if (!s->wdb)
        return FOND_OK;
    fond_status_t st = FOND_OK;
    try {
        s->wdb->commit_transaction(); /* durable: a "flushed" transaction */
    } catch (...) {
        st = fail(s); /* the batch is lost; the last commit stands */
    }
    try {
        /* commit_transaction() ends the transaction even when it throws */
        s->wdb->begin_transaction(true);
    } catch (...) {
        if (st == FOND_OK)
            st = fail(s);
    }
    return st;
}

extern "C" fond_status_t store_compact(const char *from, const char *to,
                                       char *err, size_t errsize)
{
    try {
        Xapian::Database db(from);
        db.compact(to);
        return FOND_OK;
    } catch (...) {
        return current_error(err, errsize, from);
    }
}

extern "C" fond_status_t store_doc_count(store_t *s, size_t *out)
{
    try {
        *out = s->db->get_doccount();
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

extern "C" fond_status_t store_term_freq(store_t *s, const char *term,
                                         size_t *out)
{
    try {
        *out = s->db->get_termfreq(term);
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

extern "C" fond_status_t store_delete_term(store_t *s, const char *term)
{
    try {
        if (!s->wdb) {
            std::snprintf(s->error, sizeof s->error, "database is read-only");
            return FOND_ERR_ARG;
        }
        s->wdb->delete_document(term);
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

/* ------------------------------------------------------------ metadata */

extern "C" fond_status_t store_get_metadata(store_t *s, const char *key,
                                            char **out)
{
    *out = NULL;
    try {
        std::string v = s->db->get_metadata(key);
        *out = strdup(v.c_str());
        if (!*out)
            throw std::bad_alloc();
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

extern "C" fond_status_t store_set_metadata(store_t *s, const char *key,
                                            const char *value)
{
    try {
        if (!s->wdb) {
            std::snprintf(s->error, sizeof s->error, "database is read-only");
            return FOND_ERR_ARG;
        }
        s->wdb->set_metadata(key, value);
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

/* Call cb for each of [i, end), until it returns non-zero. */
static void each_term(Xapian::TermIterator i, const Xapian::TermIterator &end,
                      int (*cb)(void *ctx, const char *term), void *ctx)
{
    for (; i != end; ++i)
        if (cb(ctx, (*i).c_str()))
            break;
}

extern "C" fond_status_t store_metadata_keys(store_t *s, const char *prefix,
                                             int (*cb)(void *ctx, const char *key),
                                             void *ctx)
{
    try {
        each_term(s->db->metadata_keys_begin(prefix),
                  s->db->metadata_keys_end(prefix), cb, ctx);
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

extern "C" fond_status_t store_terms(store_t *s, const char *prefix,
                                     int (*cb)(void *ctx, const char *term),
                                     void *ctx)
{
    try {
        each_term(s->db->allterms_begin(prefix), s->db->allterms_end(prefix),
                  cb, ctx);
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

extern "C" fond_status_t store_terms_freq(store_t *s, const char *prefix,
                                          int (*cb)(void *ctx, const char *term,
                                                    size_t freq),
                                          void *ctx)
{
    try {
        Xapian::TermIterator end = s->db->allterms_end(prefix);
        for (Xapian::TermIterator i = s->db->allterms_begin(prefix); i != end; ++i)
            if (cb(ctx, (*i).c_str(), i.get_termfreq()))
                break;
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

/* ------------------------------------------------------------ synonyms */

extern "C" fond_status_t store_add_synonym(store_t *s, const char *word,
                                           const char *synonym)
{
    try {
        if (!s->wdb) {
            std::snprintf(s->error, sizeof s->error, "database is read-only");
            return FOND_ERR_ARG;
        }
        s->wdb->add_synonym(word, synonym);
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

/* The synonym table, else its mirror in the metadata ("syn:<word>"):
 * Xapian's remote backend serves metadata but not synonyms. */
extern "C" fond_status_t store_synonyms(store_t *s, const char *word,
                                        int (*cb)(void *ctx, const char *syn),
                                        void *ctx)
{
    try {
        size_t n = 0;
        for (Xapian::TermIterator i = s->db->synonyms_begin(word);
             i != s->db->synonyms_end(word); ++i, ++n)
            if (cb(ctx, (*i).c_str()))
                return FOND_OK;
        std::string mirror = n ? "" : s->db->get_metadata(std::string("syn:") + word);
        for (size_t at = 0; at < mirror.size();) {
            size_t end = mirror.find(' ', at);
            end = end == std::string::npos ? mirror.size() : end;
            if (cb(ctx, mirror.substr(at, end - at).c_str()))
                break;
            at = end + 1;
        }
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

extern "C" fond_status_t store_remove_synonym(store_t *s, const char *word,
                                              const char *synonym)
{
    try {
        if (!s->wdb) {
            std::snprintf(s->error, sizeof s->error, "database is read-only");
            return FOND_ERR_ARG;
        }
        s->wdb->remove_synonym(word, synonym);
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

extern "C" fond_status_t store_synonym_keys(store_t *s, const char *prefix,
                                            int (*cb)(void *ctx, const char *key),
                                            void *ctx)
{
    try {
        each_term(s->db->synonym_keys_begin(prefix),
                  s->db->synonym_keys_end(prefix), cb, ctx);
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

/* ------------------------------------------------------------ documents */

extern "C" fond_status_t store_doc_new(store_t *s, store_doc_t **out)
{
    try {
        *out = new store_doc_t();
        (*out)->record = false;
        return FOND_OK;
    } catch (...) {
        *out = NULL;
        return fail(s);
    }
}

extern "C" void store_doc_free(store_doc_t *d) { delete d; }

extern "C" void store_doc_set_record(store_doc_t *d) { d->record = true; }

/* Documents have no store of their own: their rare errors (out of memory)
 * are reported by status alone. */
static fond_status_t doc_error()
{
    char scratch[64];
    return current_error(scratch, sizeof scratch, "");
}

extern "C" fond_status_t store_doc_add_posting(store_doc_t *d, const char *term,
                                               size_t len, unsigned pos)
{
    try {
        d->doc.add_posting(std::string(term, len), pos);
        return FOND_OK;
    } catch (...) {
        return doc_error();
    }
}

extern "C" fond_status_t store_doc_add_term(store_doc_t *d, const char *term,
                                            size_t len)
{
    try {
        d->doc.add_term(std::string(term, len));
        return FOND_OK;
    } catch (...) {
        return doc_error();
    }
}

extern "C" fond_status_t store_doc_add_filter(store_doc_t *d, const char *term,
                                              size_t len)
{
    try {
        d->doc.add_boolean_term(std::string(term, len));
        return FOND_OK;
    } catch (...) {
        return doc_error();
    }
}

extern "C" fond_status_t store_doc_set_data(store_doc_t *d, const char *data,
                                            size_t len)
{
    try {
        d->text.assign(data, len);
        return FOND_OK;
    } catch (...) {
        return doc_error();
    }
}

extern "C" fond_status_t store_doc_set_value(store_doc_t *d, unsigned slot,
                                             const char *value, size_t len)
{
    try {
        if (slot < SCHEMA_SLOTS)
            d->fields[slot].assign(value, SCHEMA_BLOB_SLOT(slot)
                                              ? len : strnlen(value, len));
        return FOND_OK;
    } catch (...) {
        return doc_error();
    }
}

/* The data (schema.h, "Data"): each field with a tag and a value, as tag,
 * value, NUL (a source's fields only on the passage that holds its
 * record); an empty field; then the text. */
static std::string doc_data(const store_doc_t *d)
{
    std::string data;
    for (unsigned slot = 0; slot < SCHEMA_SLOTS; slot++)
        if (schema_slot_tag(slot) && !d->fields[slot].empty() &&
            (d->record || schema_slot_doc(slot) == SCHEMA_IN_PASSAGE))
            data.append(1, schema_slot_tag(slot))
                .append(d->fields[slot])
                .push_back('\0');
    data.push_back('\0');
    return data.append(d->text);
}

/* The values are what the matcher reads; a sort slot's is followed by the
 * source's path (schema.h, SCHEMA_SORT_SLOT). */
static void doc_values(store_doc_t *d)
{
    for (unsigned slot = 0; slot < SCHEMA_SLOTS; slot++)
        if ((SCHEMA_MATCH_SLOT(slot) || SCHEMA_BLOB_SLOT(slot)) &&
            !d->fields[slot].empty())
            d->doc.add_value(slot, SCHEMA_SORT_SLOT(slot)
                                       ? d->fields[slot] + d->fields[SCHEMA_SLOT_PATH]
                                       : d->fields[slot]);
}

/* A document of s copied into memory as fond-index's calls: each
 * positional occurrence in text order, each term's wdf beyond its
 * positions (a boolean term has none of either), data and values. */
static store_doc_t *copy_document(const Xapian::Document &from)
{
    std::unique_ptr<store_doc_t> d(new store_doc_t());
    d->record = false;
    d->copy.reset(new doc_copy());
    doc_copy &c = *d->copy;
    for (Xapian::TermIterator t = from.termlist_begin(); t != from.termlist_end(); ++t) {
        size_t k = c.terms.size();
        Xapian::termcount positions = 0;
        for (Xapian::PositionIterator p = t.positionlist_begin();
             p != t.positionlist_end(); ++p, ++positions)
            c.postings.push_back(std::make_pair(*p, k));
        c.terms.push_back(doc_copy::term{*t, positions, t.get_wdf() - positions});
    }
    std::sort(c.postings.begin(), c.postings.end());
    for (Xapian::ValueIterator v = from.values_begin(); v != from.values_end(); ++v)
        d->doc.add_value(v.get_valueno(), *v);
    d->doc.set_data(from.get_data());
    return d.release();
}

/* A copy's terms into its Xapian document, a call each as fond-index
 * makes them (its words in text order, then the other terms). */
static void build_copy(store_doc_t *d)
{
    doc_copy &c = *d->copy;
    d->doc.clear_terms();
    for (size_t i = 0; i < c.postings.size(); i++)
        d->doc.add_posting(c.terms[c.postings[i].second].name, c.postings[i].first);
    for (size_t k = 0; k < c.terms.size(); k++) {
        if (c.terms[k].extra_wdf)
            d->doc.add_term(c.terms[k].name, c.terms[k].extra_wdf);
        else if (!c.terms[k].positions)
            d->doc.add_boolean_term(c.terms[k].name);
    }
}

extern "C" fond_status_t store_doc_add(store_t *s, store_doc_t *d)
{
    try {
        if (!s->wdb) {
            std::snprintf(s->error, sizeof s->error, "database is read-only");
            return FOND_ERR_ARG;
        }
        if (d->copy)
            build_copy(d);
        else {
            d->doc.set_data(doc_data(d));
            doc_values(d);
        }
        s->wdb->add_document(d->doc);
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

extern "C" fond_status_t store_copy_documents(store_t *s, unsigned *next,
                                              size_t max, store_doc_t ***out,
                                              size_t *n)
{
    *out = NULL;
    *n = 0;
    std::vector<store_doc_t *> docs;
    try {
        Xapian::PostingIterator p = s->db->postlist_begin("");
        if (*next > 1)
            p.skip_to(*next);
        for (; p != s->db->postlist_end("") && docs.size() < max; ++p) {
            docs.push_back(copy_document(s->db->get_document(*p)));
            *next = *p + 1;
        }
        *out = (store_doc_t **)std::malloc((docs.size() + 1) * sizeof **out);
        if (!*out)
            throw std::bad_alloc();
        std::copy(docs.begin(), docs.end(), *out);
        *n = docs.size();
        return FOND_OK;
    } catch (...) {
        for (size_t i = 0; i < docs.size(); i++)
            delete docs[i];
        return fail(s);
    }
}

/* ------------------------------------------------------------ queries */

extern "C" fond_status_t store_query_term(store_t *s, store_query_t **out,
                                          const char *term, size_t len)
{
    *out = NULL;
    try {
        *out = new store_query_t{Xapian::Query(std::string(term, len))};
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

extern "C" fond_status_t store_query_match_all(store_t *s, store_query_t **out)
{
    *out = NULL;
    try {
        *out = new store_query_t{Xapian::Query::MatchAll};
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

extern "C" fond_status_t store_query_value_ge(store_t *s, store_query_t **out,
                                              unsigned slot, const char *value)
{
    *out = NULL;
    try {
        *out = new store_query_t{
            Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, value)};
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

extern "C" fond_status_t store_query_scale(store_t *s, store_query_t **out,
                                           const store_query_t *q,
                                           double factor)
{
    *out = NULL;
    try {
        *out = new store_query_t{
            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->query, factor)};
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

extern "C" fond_status_t store_query_constant(store_t *s, store_query_t **out,
                                              const store_query_t *q,
                                              double weight)
{
    *out = NULL;
    try {
        Xapian::Query fixed((new Xapian::FixedWeightPostingSource(weight))->release());
        *out = new store_query_t{
            Xapian::Query(Xapian::Query::OP_FILTER, fixed, q->query)};
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

/* The first part, with the weight of each other part added where it
 * matches: an AND_MAYBE a part.  Not the first AND_MAYBE the others ORed:
 * Xapian 1.4.22 weighed some passages of "(words) AND_MAYBE (phrase OR
 * phrase ...)" above the sum of their parts (40010.47 where the parts make
 * 40006.60, for "Tbilisi foreign ministers May 1921" over corpus/),
 * depending on the order of the documents, so one database and the same
 * passages compacted from shards ranked them differently. */
static Xapian::Query maybe_each(const std::vector<Xapian::Query> &q)
{
    Xapian::Query all = q[0];
    for (size_t i = 1; i < q.size(); i++)
        all = Xapian::Query(Xapian::Query::OP_AND_MAYBE, all, q[i]);
    return all;
}

/* The first part against the others ORed: for AND_NOT, FILTER. */
static Xapian::Query first_vs_rest(Xapian::Query::op op,
                                   const std::vector<Xapian::Query> &q)
{
    if (q.size() == 1)
        return q[0];
    Xapian::Query rest(Xapian::Query::OP_OR, q.begin() + 1, q.end());
    if (op == Xapian::Query::OP_FILTER) /* filters must all match */
        rest = Xapian::Query(Xapian::Query::OP_AND, q.begin() + 1, q.end());
    return Xapian::Query(op, q[0], rest);
}

static Xapian::Query combine(store_op_t op, const std::vector<Xapian::Query> &q,
                             unsigned window)
{
    typedef Xapian::Query Q;
    switch (op) {
    case STORE_OP_AND: return Q(Q::OP_AND, q.begin(), q.end());
    case STORE_OP_OR: return Q(Q::OP_OR, q.begin(), q.end());
    case STORE_OP_PHRASE:
        return Q(Q::OP_PHRASE, q.begin(), q.end(),
                 window > q.size() ? window : (unsigned)q.size());
    case STORE_OP_NEAR: return Q(Q::OP_NEAR, q.begin(), q.end(), window);
    case STORE_OP_AND_NOT: return first_vs_rest(Q::OP_AND_NOT, q);
    case STORE_OP_AND_MAYBE: return maybe_each(q);
    case STORE_OP_SYNONYM: return Q(Q::OP_SYNONYM, q.begin(), q.end());
    case STORE_OP_FILTER: return first_vs_rest(Q::OP_FILTER, q);
    }
    return Q(Q::OP_AND, q.begin(), q.end());
}

extern "C" fond_status_t store_query_combine(store_t *s, store_query_t **out,
                                             store_op_t op,
                                             store_query_t *const *parts,
                                             size_t n, unsigned window)
{
    *out = NULL;
    if (n == 0) {
        std::snprintf(s->error, sizeof s->error, "a query needs a part");
        return FOND_ERR_ARG;
    }
    try {
        std::vector<Xapian::Query> q;
        for (size_t i = 0; i < n; i++)
            q.push_back(parts[i]->query);
        *out = new store_query_t{n == 1 && op != STORE_OP_FILTER
                                     ? q[0] : combine(op, q, window)};
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

extern "C" void store_query_free(store_query_t *q) { delete q; }

extern "C" char *store_query_describe(const store_query_t *q)
{
    try {
        return strdup(q->query.get_description().c_str());
    } catch (...) {
        return NULL;
    }
}

/* ------------------------------------------------------------ searching */

/* The counts a match spy gathered, most frequent first: every value (a
 * spy holds them all anyway), and last, as "", the matches without one (a
 * spy leaves them out), so that they add up to the matches.  When the spy
 * saw only some of the matches (more than store_search_opts_t's
 * count_max), each count is scaled to the estimate of all of them. */
static void take_facet(store_mset_t *m, const Xapian::ValueCountMatchSpy &spy)
{
    std::vector<std::string> values;
    std::vector<store_facet_t> counts;
    size_t seen = spy.get_total(), valued = 0;
    for (Xapian::TermIterator i = spy.top_values_begin(seen);
         i != spy.top_values_end(seen); ++i) {
        values.push_back(*i);
        counts.push_back(store_facet_t{NULL, (size_t)i.get_termfreq()});
        valued += counts.back().count;
    }
    if (seen > valued) {
        values.push_back("");
        counts.push_back(store_facet_t{NULL, seen - valued});
    }
    for (size_t i = 0; !m->exact && seen && i < counts.size(); i++)
        counts[i].count = (size_t)((double)counts[i].count *
                                   (double)m->matched / (double)seen + 0.5);
    m->facet_values.push_back(values);
    m->facets.push_back(counts);
    std::vector<store_facet_t> &f = m->facets.back();
    for (size_t i = 0; i < f.size(); i++) /* now that values stay put */
        f[i].value = m->facet_values.back()[i].c_str();
}

/* How many matches each source holds, by its collapse key. */
typedef std::map<std::string, size_t> source_counts_t;

/* The counts of the list from the matches of each source (`spy`, which saw
 * every match when m->exact): the passages, the sources, and, with a
 * collapse to `per_source` a source, the length of the list. */
static void count_sources(store_mset_t *m, const Xapian::ValueCountMatchSpy &spy,
                          size_t per_source, source_counts_t &counts)
{
    size_t results = spy.get_total(); /* less what a collapse leaves out */
    m->sources = 0;
    for (Xapian::TermIterator v = spy.values_begin(); v != spy.values_end(); ++v) {
        size_t n = (size_t)v.get_termfreq();
        counts[*v] = n;
        m->sources++;
        results -= per_source && n > per_source ? n - per_source : 0;
    }
    if (m->exact)
        m->results = results;
}

/* The fields of a document's data (see doc_data) into values[slot]; the
 * offset of what follows them (a passage's text).  A field cut short (a
 * damaged record) ends the fields. */
static size_t take_fields(const std::string &data, std::vector<std::string> &values)
{
    size_t at = 0;
    while (at < data.size() && data[at] != '\0') {
        size_t end = data.find('\0', at);
        if (end == std::string::npos)
            return data.size();
        int slot = schema_tag_slot(data[at]);
        if (slot >= 0)
            values[slot] = data.substr(at + 1, end - at - 1);
        at = end + 1;
    }
    return at < data.size() ? at + 1 : at;
}

/* The source records of a page's hits (the fields of each source's
 * first passage), each read once. */
typedef std::map<std::string, std::vector<std::string> > records_t;

/* The fields of the record of the source with this id, looked up by its
 * record's id term; left empty if the database holds none. */
static void record_by_id(Xapian::Database &db, const std::string &source,
                         std::vector<std::string> &fields)
{
    std::string term = SCHEMA_ID + source + "-" SCHEMA_RECORD_ORDINAL;
    Xapian::PostingIterator p = db.postlist_begin(term);
    if (!source.empty() && p != db.postlist_end(term))
        take_fields(db.get_document(*p).get_data(), fields);
}

extern "C" fond_status_t store_record_field(store_t *s, const char *source,
                                            unsigned slot, char **out)
{
    *out = NULL;
    try {
        std::vector<std::string> fields(SCHEMA_SLOTS);
        record_by_id(*s->db, source, fields);
        *out = strdup(slot < SCHEMA_SLOTS ? fields[slot].c_str() : "");
        if (!*out)
            throw std::bad_alloc();
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

/* The fields of the source record of a passage (its source's first
 * passage).  Document ids grow as a source's passages are added, one after
 * the other, so the record is ordinal - 1 documents before the passage
 * (times the shards a stub interleaves): that document is read and its id
 * checked; if it is not the record (a compacted or merged database may
 * number otherwise), the record is looked up by its id term. */
static void read_record(Xapian::Database &db, Xapian::docid did,
                        unsigned long ordinal, const std::string &source,
                        std::vector<std::string> &fields)
{
    std::string id = source + "-" SCHEMA_RECORD_ORDINAL;
    Xapian::docid back = (Xapian::docid)(ordinal - 1) *
                         (Xapian::docid)(db.size() ? db.size() : 1);
    if (ordinal >= 1 && back < did) {
        try {
            take_fields(db.get_document(did - back).get_data(), fields);
            if (fields[SCHEMA_SLOT_ID] == id)
                return;
        } catch (const Xapian::DocNotFoundError &) {
        }
        fields.assign(SCHEMA_SLOTS, std::string());
    }
    record_by_id(db, source, fields);
}

/* A hit's passage fields and text, and its source's fields from its
 * source record (the passage id up to '-' is the source's). */
static void take_shown(Xapian::Database &db, Xapian::docid did,
                       const Xapian::Document &doc, records_t &records,
                       store_mset_t::hit &h)
{
    h.values.assign(SCHEMA_SLOTS, std::string());
    h.data = doc.get_data();
    h.data.erase(0, take_fields(h.data, h.values));
    for (unsigned slot = 0; slot < SCHEMA_SLOTS; slot++)
        if (SCHEMA_BLOB_SLOT(slot)) /* a value of its own: one lookup */
            h.values[slot] = doc.get_value(slot);
    if (!h.values[SCHEMA_SLOT_PATH].empty())
        return; /* the record's own passage: its data holds both */
    const std::string &id = h.values[SCHEMA_SLOT_ID];
    std::string source = id.substr(0, id.find('-'));
    records_t::iterator r = records.find(source);
    if (r == records.end()) {
        std::vector<std::string> fields(SCHEMA_SLOTS);
        read_record(db, did, std::strtoul(h.values[SCHEMA_SLOT_ORDINAL].c_str(),
                                          NULL, 10), source, fields);
        r = records.insert(std::make_pair(source, fields)).first;
    }
    for (unsigned slot = 0; slot < SCHEMA_SLOTS; slot++)
        if (schema_slot_doc(slot) == SCHEMA_IN_RECORD)
            h.values[slot] = r->second[slot];
}

/* A hit's matching passages of its source not on the list: from the
 * count of every match of its source when there is one, else Xapian's
 * (which counts only the matches it looked at). */
static size_t collapsed_count(const Xapian::MSetIterator &i,
                              const Xapian::Document &doc, bool exact,
                              size_t per_source, const source_counts_t &counts)
{
    if (!per_source)
        return 0;
    if (!exact)
        return i.get_collapse_count();
    source_counts_t::const_iterator c = counts.find(doc.get_value(SCHEMA_SLOT_SOURCE));
    return c != counts.end() && c->second > per_source ? c->second - per_source : 0;
}

/* The order of the hits.  Hits that tie (filters alone score nothing) go
 * by their source's path, then by document id: ids depend on how the
 * database is split, but a source's passages are written one after the
 * other into one shard (db.c), so within a source the ids run in passage
 * order however it is split, and one database, its shards and shards
 * behind xapian-tcpsrv list ties alike.  By date or time added, the sort
 * slot holds the source's path after the date (schema.h, SCHEMA_SORT_SLOT) for
 * the same end: Xapian's remote backend sorts by one value slot, and
 * refuses a KeyMaker that would combine two. */
static void set_order(Xapian::Enquire &enquire, const store_search_opts_t *o)
{
    if (o->sort_by_date)
        enquire.set_sort_by_value_then_relevance(SCHEMA_SLOT_SORTDATE, false);
    else if (o->sort_by_added)
        enquire.set_sort_by_value_then_relevance(SCHEMA_SLOT_ADDED, true);
    else
        enquire.set_sort_by_relevance_then_value(SCHEMA_SLOT_PATH, false);
}

/* Xapian sums a passage's part weights in an order that follows each
 * shard's term frequencies, so the weight of one passage may differ in its
 * last bits with how the database is split (0.96868437681841579 over one
 * database, 0.96868437681841568 over two shards, for 'kars OR ankara').  A
 * weight is therefore kept to WEIGHT_DIGITS significant digits, far more
 * than BM25's own precision, and hits of equal kept weight are ties. */
#define WEIGHT_DIGITS 12

static double weight_kept(double w)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.*g", WEIGHT_DIGITS, w);
    return std::strtod(buf, NULL);
}

/* A hit of the window a page is cut from: where it is in the MSet. */
struct ranked {
    Xapian::MSetIterator at;
    double weight; /* kept */
};

/* Do a and b tie in the order set_order() asks for? */
static bool tied(const ranked &a, const ranked &b, const store_search_opts_t *o)
{
    bool by_value = o->sort_by_date || o->sort_by_added;
    return a.weight == b.weight &&
           (!by_value || a.at.get_sort_key() == b.at.get_sort_key());
}

/* Before: set_order()'s order, with the kept weights; ties by path (the
 * sort key of a relevance order), then in Xapian's document order (see
 * set_order). */
static bool ranked_before(const ranked &a, const ranked &b,
                          const store_search_opts_t *o)
{
    bool by_value = o->sort_by_date || o->sort_by_added;
    if (by_value && a.at.get_sort_key() != b.at.get_sort_key())
        return o->sort_by_date ? a.at.get_sort_key() < b.at.get_sort_key()
                               : a.at.get_sort_key() > b.at.get_sort_key();
    if (a.weight != b.weight)
        return a.weight > b.weight;
    if (!by_value && a.at.get_sort_key() != b.at.get_sort_key())
        return a.at.get_sort_key() < b.at.get_sort_key();
    return *a.at < *b.at;
}

/* Hits around a page: so many before and after it are fetched, so that
 * ties across its edges are put in order whole. */
#define TIE_MARGIN 8
/* ... and at most this many, should a tie be larger (a thousand copies of
 * one passage): past it, the order of its hits may depend on the split. */
#define TIE_WINDOW_MAX 2000

/* The page [offset, offset + limit) of the matches into *page, in
 * set_order()'s order with weights kept to WEIGHT_DIGITS, whatever the
 * split: Xapian's page is fetched with a margin either side, widened while
 * a tie of non-zero weight crosses it (ties of weight zero are exact and
 * in order already), and sorted. */
static Xapian::MSet fetch_page(Xapian::Enquire &enquire, const store_search_opts_t *o,
                               std::vector<ranked> &page)
{
    Xapian::doccount offset = (Xapian::doccount)o->offset;
    Xapian::doccount limit = (Xapian::doccount)o->limit, margin = TIE_MARGIN;
    Xapian::MSet mset;
    std::vector<ranked> window;
    Xapian::doccount lo = 0;
    for (;;) {
        lo = offset > margin ? offset - margin : 0;
        Xapian::doccount want = offset - lo + limit + margin;
        mset = enquire.get_mset(lo, want);
        window.clear();
        for (Xapian::MSetIterator i = mset.begin(); i != mset.end(); ++i)
            window.push_back(ranked{i, weight_kept(i.get_weight())});
        size_t first = offset - lo, last = first + limit;
        bool open_before = lo > 0 && first < window.size() &&
                           window[first].weight != 0 && tied(window[0], window[first], o);
        bool open_after = window.size() == want && last <= window.size() && limit &&
                          window[last - 1].weight != 0 &&
                          tied(window[last - 1], window.back(), o);
        if ((!open_before && !open_after) || margin >= TIE_WINDOW_MAX)
            break;
        margin *= 4;
    }
    std::sort(window.begin(), window.end(),
              [o](const ranked &a, const ranked &b) { return ranked_before(a, b, o); });
    size_t first = offset - lo;
    for (size_t k = first; k < window.size() && k < first + limit; k++)
        page.push_back(window[k]);
    return mset;
}

/* The enquire of a search, weighted as every search is. */
static Xapian::Enquire enquire_for(Xapian::Database &db, const Xapian::Query &q)
{
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    return enquire;
}

/* Count the matches, up to o->count_max of them, into the spies: by source
 * (every match, before any collapse, so that the counts are the same
 * whatever the page) and by each facet.  A pass of its own, in Xapian's
 * plain order: through xapian-tcpsrv, Xapian 1.4's spies count some matches
 * twice when the match is sorted by relevance then value (37 where 29
 * passages matched), as set_order() sorts the page.  Whether the spies saw
 * every match: they did if they saw fewer than Xapian had to check, or as
 * many as there can be (Xapian's own bounds are no test: with the soft
 * reading's FixedWeightPostingSource its upper bound was every document, 59,
 * where 39 matched). */
static bool count_matches(Xapian::Database &db, const Xapian::Query &q,
                          const store_search_opts_t *o,
                          Xapian::ValueCountMatchSpy &by_source,
                          std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy> > &spies,
                          Xapian::doccount *estimate)
{
    /* which passages match, not how well: no weights, so Xapian skips
     * scoring and the proximity parts (AND_MAYBE) that only add weight */
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.add_matchspy(&by_source);
    for (size_t k = 0; k < o->n_facets; k++) {
        std::unique_ptr<Xapian::ValueCountMatchSpy> spy(
            new Xapian::ValueCountMatchSpy(o->facet_slots[k]));
        spies.push_back(std::move(spy)); /* a failed push leaves it in spy */
        enquire.add_matchspy(spies.back().get());
    }
    Xapian::MSet mset = enquire.get_mset(0, 0, (Xapian::doccount)o->count_max);
    Xapian::doccount seen = by_source.get_total();
    *estimate = mset.get_matches_estimated();
    return seen < o->count_max || seen >= mset.get_matches_upper_bound();
}

static store_mset_t *run_search(Xapian::Database &db, const Xapian::Query &q,
                                const store_search_opts_t *o)
{
    Xapian::ValueCountMatchSpy by_source(SCHEMA_SLOT_SOURCE);
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy> > spies;
    Xapian::doccount estimate = 0;
    store_mset_t *m = new store_mset_t();
    std::unique_ptr<store_mset_t> owned(m);
    m->exact = count_matches(db, q, o, by_source, spies, &estimate);
    m->matched = m->exact ? by_source.get_total() : estimate;
    std::vector<ranked> page; /* its iterators hold the MSet */
    m->results = estimate;
    if (o->limit) { /* a page, not only the counts */
        Xapian::Enquire enquire = enquire_for(db, q);
        if (o->collapse_max)
            enquire.set_collapse_key(SCHEMA_SLOT_SOURCE,
                                     (Xapian::doccount)o->collapse_max);
        set_order(enquire, o);
        m->results = fetch_page(enquire, o, page).get_matches_estimated();
    }
    source_counts_t counts;
    count_sources(m, by_source, o->collapse_max, counts);
    records_t records;
    for (size_t k = 0; k < page.size(); k++) {
        const Xapian::MSetIterator &i = page[k].at;
        Xapian::Document doc = i.get_document();
        store_mset_t::hit h;
        h.weight = page[k].weight;
        h.collapsed = collapsed_count(i, doc, m->exact, o->collapse_max, counts);
        take_shown(db, *i, doc, records, h);
        m->hits.push_back(h);
    }
    m->facets.reserve(spies.size());
    m->facet_values.reserve(spies.size());
    for (size_t k = 0; k < spies.size(); k++)
        take_facet(m, *spies[k]);
    return owned.release();
}

extern "C" fond_status_t store_search(store_t *s, store_mset_t **out,
                                      const store_query_t *q,
                                      const store_search_opts_t *o)
{
    *out = NULL;
    try {
        *out = run_search(*s->db, q->query, o);
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

/* Words worth expanding a query with: unprefixed (lower case or digits)
 * and not numbers alone. */
struct word_decider : public Xapian::ExpandDecider {
    bool operator()(const std::string &term) const
    {
        unsigned char c = (unsigned char)term[0];
        return !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9');
    }
};

extern "C" fond_status_t store_query_like(store_t *s, store_query_t **out,
                                          const char *idterm)
{
    *out = NULL;
    try {
        Xapian::PostingIterator p = s->db->postlist_begin(idterm);
        if (p == s->db->postlist_end(idterm)) {
            std::snprintf(s->error, sizeof s->error, "no passage with id %s",
                          idterm + 1);
            return FOND_ERR_ARG;
        }
        Xapian::RSet rset;
        rset.add_document(*p);
        Xapian::Enquire enquire(*s->db);
        enquire.set_query(Xapian::Query(idterm));
        word_decider decider;
        Xapian::ESet eset = enquire.get_eset(20, rset, &decider);
        Xapian::Query like(Xapian::Query::OP_OR, eset.begin(), eset.end());
        *out = new store_query_t{Xapian::Query(Xapian::Query::OP_AND_NOT, like,
                                               Xapian::Query(idterm))};
        return FOND_OK;
    } catch (...) {
        return fail(s);
    }
}

extern "C" size_t store_mset_size(const store_mset_t *m)
{
    return m->hits.size();
}

extern "C" size_t store_mset_results(const store_mset_t *m)
{
    return m->results;
}

extern "C" size_t store_mset_matched(const store_mset_t *m)
{
    return m->matched;
}

extern "C" size_t store_mset_sources(const store_mset_t *m)
{
    return m->sources;
}

extern "C" int store_mset_exact(const store_mset_t *m)
{
    return m->exact;
}

extern "C" double store_mset_weight(const store_mset_t *m, size_t i)
{
    return m->hits[i].weight;
}

extern "C" const char *store_mset_data(const store_mset_t *m, size_t i,
                                       size_t *len)
{
    *len = m->hits[i].data.size();
    return m->hits[i].data.c_str();
}

extern "C" const char *store_mset_value(const store_mset_t *m, size_t i,
                                        unsigned slot, size_t *len)
{
    static const char empty[] = "";
    if (slot >= SCHEMA_SLOTS) {
        *len = 0;
        return empty;
    }
    const std::string &v = m->hits[i].values[slot];
    *len = v.size();
    return v.c_str();
}

extern "C" size_t store_mset_collapsed(const store_mset_t *m, size_t i)
{
    return m->hits[i].collapsed;
}

extern "C" const store_facet_t *store_mset_facet(const store_mset_t *m,
                                                 size_t k, size_t *n)
{
    *n = k < m->facets.size() ? m->facets[k].size() : 0;
    return *n ? &m->facets[k][0] : NULL;
}

extern "C" void store_mset_free(store_mset_t *m) { delete m; }
