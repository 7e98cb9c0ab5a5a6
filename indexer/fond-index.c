/*
 * fond-index -- keep a fond database in step with text files and folders.
 *
 * Walks each PATH (folders recursively, in name order; hidden entries and
 * links to folders passed over), then brings each file's passages up to
 * date: new files are indexed, changed ones indexed again, unchanged ones
 * left alone, and sources under the PATHs whose files are gone removed.
 * Work is committed in batches, each atomic, so readers never see half a
 * file and a killed run loses at most the batch under way.  A file that
 * cannot be indexed is reported and skipped; the run goes on.  With
 * --jobs N, N processes write a database of N shards or more, one shard
 * each; a database of fewer shards has one writer, and N readers ahead of
 * it doing the slow reading of the files it is about to index (a PDF's
 * text layer, metadata and OCR), handing what they read to the writer.
 * A fond-catalogue.csv met in a folder walked (or above a PATH) is read,
 * not indexed: its rows give the files' fields (lib/catalogue.h), and its
 * problems are warnings.  A folder of page images (numbered pages of one
 * item, or named by its catalogue row: lib/folder.h) is one source, the
 * folder, and the walk passes over its pages.  Exit: 0 clean, 1 done with
 * warnings, 2 error.
 */
#define _GNU_SOURCE /* realpath(), pipe2() */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <libgen.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "array.h"
#include "cli.h"
#include "fond.h"

#define PROG "fond-index"
#define MAX_DEPTH 1000 /* a guard on recursion: PATH_MAX (ENAMETOOLONG) comes first */
#define BATCH_FILES 200              /* commit after this many files ... */
#define BATCH_BYTES (64u << 20)      /* ... or this many bytes indexed */

typedef struct {
    char *path;
    size_t size;
    int root; /* the PATH it was found under: an index into run_t.roots */
    const fond_catalogue_row_t *row; /* its catalogue row, or NULL */
} file_t;

/* A catalogue met (fond-catalogue.csv in a folder walked, or above a
 * PATH): loaded once a run; NULL when it could not be read. */
typedef struct {
    char *path;
    fond_catalogue_t *c;
} catalogue_t;

/* Readers ahead of the one writer (--jobs on a database of fewer shards):
 * each takes the next file no one has taken (`next`, shared), marks it its
 * own in `state` (shared: READ_FREE, READ_WRITER, or 1 + the reader), reads
 * it ahead (fond_db_read_ahead: a PDF's text, metadata and OCR) and writes
 * what it read on its pipe, one frame a file it took, in the order it took
 * them: the file's index and the length of what was read, then that.  The
 * writer takes a file no reader has taken yet itself; for one a reader has,
 * it reads that reader's next frame, which is this file's, and gives it to
 * the sync, which then runs no helper for it.  A reader whose pipe closes
 * before (it crashed or was killed) is gone: the sync reads the file
 * itself.  A reader blocks while its pipe is full, so each holds at most
 * one file's text besides its pipe's PIPE_AHEAD bytes: memory is bounded
 * however far the readers are ahead. */
#define READ_FREE 0
#define READ_WRITER (-1)
#define MAX_JOBS 64
#define PIPE_AHEAD (1 << 20)     /* what each reader's pipe holds (best effort) */
#define AHEAD_MAX ((size_t)256 << 20) /* more in one frame: a broken reader */

typedef struct {
    size_t n;             /* readers started */
    pid_t pids[MAX_JOBS];
    int fds[MAX_JOBS];    /* the writer's end of each reader's pipe; -1: gone */
    size_t *next;         /* shared with the readers (mmap) */
    int *state;           /* shared: one a file */
    size_t map_size;
} readers_t;

/* What the progress bar counts, shared with the readers (mmap): the pages
 * read by OCR, and the bytes read, each file's share credited as its
 * pages are read (by a reader or the writer) and the rest when the writer
 * is done with it, so that the rate and the time left move during a long
 * scan, wherever it is read. */
typedef struct {
    size_t ocr_pages;
    size_t bytes;
    size_t credited[]; /* bytes credited, one a file */
} progress_t;

typedef struct {
    fond_db_t *db;
    const char *variants;
    fond_sync_opts_t sync;
    int verbose, quiet, keep_missing, progress, compact, json, upgrade;
    fond_extract_opts_t extract; /* PDFs and scans */
    char *ocr_cache;  /* malloc'd */
    progress_t *counted; /* for the progress bar (shared with the readers) */
    size_t counted_size;
    size_t reading;   /* the file being read, in this process */
    char ocr_packs[4096]; /* Tesseract's language packs, asked once */
    char ocr_language[128]; /* --ocr-language as Tesseract's spec */
    size_t done_files;
    FILE *listing; /* where --verbose lists files: stdout, or stderr with
                      --json (stdout is the JSON's alone) */
    size_t shards, jobs;
    size_t part, parts; /* this process's share, with --jobs */
    char **roots;     /* the PATHs, absolute and canonical (owned) */
    int n_roots;
    int walking; /* the root being walked */
    file_t *files;
    size_t n_files, cap_files, total_bytes;
    size_t added, updated, removed, unchanged, failed, passages;
    size_t batch_files, batch_bytes;
    struct { char name[16]; size_t sources; } languages[40]; /* chosen */
    size_t n_languages;
    double started, last_progress;
    int fatal;
    readers_t *readers; /* with --jobs on a database of fewer shards */
    catalogue_t *catalogues; /* every one met, in the order met */
    size_t n_catalogues, cap_catalogues;
    size_t *active;   /* those describing the files being walked, outermost
                         first: indexes into catalogues */
    size_t n_active, cap_active;
    size_t warnings;  /* problems of catalogues */
} run_t;

static void usage(FILE *out)
{
    fputs("Usage: " PROG " [OPTION]... PATH...\n"
          "Bring a fond database up to date with text files and folders.\n"
          "\n"
          "  -d, --db DIR         the database (default: $FOND_DB, else\n"
          "                       $XDG_DATA_HOME/fond/db, else ~/.local/share/fond/db)\n"
          "  -n, --dry-run        say what would change, change nothing\n"
          "      --shards N       a new database of N shards (1-64), one folder\n"
          "                       that searches open like any database\n"
          "  -j, --jobs N         N processes: on a database of N shards or more,\n"
          "                       N writers; else N readers (PDF text, OCR) and\n"
          "                       one writer\n"
          "      --compact        merge the shards into one database (Xapian's\n"
          "                       compactor), after indexing PATHs if given\n"
          "      --upgrade        bring a database written by an earlier fond up\n"
          "                       to date (any run does it first), PATHs or not\n"
          "      --keep-missing   keep the passages of files that are gone\n"
          "      --retry-failed   try again files that failed and have not changed\n"
          "      --variants FILE  name variants to load (default: $FOND_VARIANTS,\n"
          "                       else the variants.txt installed with fond)\n"
          "      --no-ocr         do not read scanned pages (no text layer) with OCR\n"
          "      --ocr-language L the scans' language: Tesseract's packs (por,\n"
          "                       deu+eng, chi_sim) or a name (French, fr, русский);\n"
          "                       default auto: chosen for each source among the\n"
          "                       packs installed\n"
          "      --ocr-cache DIR  where OCR text is kept (default: $FOND_OCR_CACHE,\n"
          "                       else $XDG_CACHE_HOME/fond/ocr, else ~/.cache/fond/ocr)\n"
          "      --timeout SECS   time each PDF or OCR helper may run (default 120)\n"
          "  -v, --verbose        list each file and what was done with it (its\n"
          "                       language, and how it was chosen)\n"
          "  -q, --quiet          print only warnings and errors\n"
          "      --json           print the summary as one JSON object\n"
          "  -h, --help           show this help and exit\n"
          "      --version        show the version and exit\n"
          "\n"
          "New files are indexed, changed ones indexed again, unchanged ones left\n"
          "alone; files gone from under PATH lose their passages.  Each file is\n"
          "a source (each message of an mbox, each document of a TEI edition,\n"
          "each component of an EAD finding aid too), cut into passages of\n"
          "whole sentences (at most 1200 bytes), stemmed in the language of\n"
          "its Language header, else the one identified from its text.  Files\n"
          "are known by their content: text, e-mail (attachments read too),\n"
          "PDFs, images, hOCR, ALTO, PAGE XML, TEI, EAD, HTML, DOCX and ODT;\n"
          "scans and PDF pages without a text layer are read with Tesseract.\n"
          "A folder of page images numbered as one item's pages (0001.tif,\n"
          "0002.tif ...) is one source of many pages, its pages read in number\n"
          "order.  A fond-catalogue.csv in a folder gives its files' fields\n"
          "(column file, and title, type, date, from, to, place, ... or\n"
          "dc:title ...), over what the files say; a row naming a folder\n"
          "(delo68/) makes its images one source.  It is read, not indexed.\n"
          "\n"
          "Exit status: 0 all done, 1 done with warnings (files that could not\n"
          "be indexed, a catalogue's problems), 2 usage or database error.  See\n"
          "fond-index(1).\n",
          out);
}

/* ------------------------------------------------------------ walking */

static void warn(run_t *r, const char *path, const char *why)
{
    cli_printf(stderr, "%s" PROG ": %s: %s, skipped\n", r->progress ? "\n" : "",
            path, why);
    r->failed++;
}

static void pass_over(const run_t *r, const char *path, const char *why)
{
    if (r->verbose)
        cli_printf(r->listing, "passed over %s (%s)\n", path, why);
}

/* Say a catalogue's problems, each a warning: "PATH:LINE: what". */
static void catalogue_warn(run_t *r, const catalogue_t *cat)
{
    size_t left_out = 0, n = fond_catalogue_problems(cat->c, &left_out);
    for (size_t i = 0; i < n; i++) {
        unsigned line = 0;
        const char *what = fond_catalogue_problem(cat->c, i, &line);
        if (line)
            cli_printf(stderr, PROG ": warning: %s:%u: %s\n", cat->path, line, what);
        else
            cli_printf(stderr, PROG ": warning: %s: %s\n", cat->path, what);
    }
    if (left_out)
        cli_printf(stderr, PROG ": warning: %s: %zu more problems\n", cat->path,
                   left_out);
    r->warnings += n + left_out;
    if (r->verbose)
        cli_printf(r->listing, "read catalogue %s: %zu rows\n", cat->path,
                   fond_catalogue_rows(cat->c));
}

/* Make the catalogue in folder dir (if it has one) describe the files
 * walked from now on, until catalogues_end(): loaded on the first visit,
 * its problems said then.  -1 when out of memory. */
static int catalogue_enter(run_t *r, const char *dir)
{
    size_t len = strlen(dir) + sizeof FOND_CATALOGUE_NAME + 1, i = 0;
    char *path = malloc(len);
    struct stat sb;
    if (!path)
        return -1;
    snprintf(path, len, "%s%s" FOND_CATALOGUE_NAME, dir,
             dir[strlen(dir) - 1] == '/' ? "" : "/");
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        free(path);
        return 0;
    }
    while (i < r->n_catalogues && strcmp(r->catalogues[i].path, path) != 0)
        i++;
    if (i < r->n_catalogues) {
        free(path);
    } else {
        fond_error_t err;
        catalogue_t cat = {path, NULL};
        if (array_reserve(&r->catalogues, &r->cap_catalogues, i + 1,
                          sizeof *r->catalogues, 8)) {
            free(path);
            return -1;
        }
        if (fond_catalogue_load(&cat.c, path, &err) == FOND_ERR_NOMEM) {
            free(path);
            return -1;
        }
        r->catalogues[r->n_catalogues++] = cat;
        if (cat.c)
            catalogue_warn(r, &cat);
        else {
            cli_printf(stderr, PROG ": warning: %s\n", err.message);
            r->warnings++;
        }
    }
    if (array_reserve(&r->active, &r->cap_active, r->n_active + 1,
                      sizeof *r->active, 8))
        return -1;
    r->active[r->n_active++] = i;
    return 0;
}

/* The catalogues in each folder above path (a PATH given: a catalogue
 * describes the files below it, whichever of them is indexed), outermost
 * first. */
static int catalogues_above(run_t *r, const char *path)
{
    char *dir = strdup(path);
    int st = dir ? 0 : -1;
    for (size_t n = 1; dir && path[n - 1] && st == 0; n++) {
        if (path[n - 1] != '/' || !path[n])
            continue;
        char keep = dir[n];
        dir[n] = '\0'; /* "/", "/srv/", "/srv/corpus/" ... */
        st = catalogue_enter(r, dir);
        dir[n] = keep;
    }
    free(dir);
    return st;
}

/* The file's row in the nearest catalogue that has one for it. */
static const fond_catalogue_row_t *catalogue_row(const run_t *r,
                                                 const char *path)
{
    const fond_catalogue_row_t *row = NULL;
    for (size_t k = r->n_active; k > 0 && !row; k--)
        row = fond_catalogue_find(r->catalogues[r->active[k - 1]].c, path);
    return row;
}

static int is_catalogue(const char *path)
{
    const char *slash = strrchr(path, '/');
    return strcmp(slash ? slash + 1 : path, FOND_CATALOGUE_NAME) == 0;
}

static void catalogues_free(run_t *r)
{
    for (size_t i = 0; i < r->n_catalogues; i++) {
        fond_catalogue_free(r->catalogues[i].c);
        free(r->catalogues[i].path);
    }
    free(r->catalogues);
    free(r->active);
}

static int add_file(run_t *r, const char *path, size_t size)
{
    if (array_reserve(&r->files, &r->cap_files, r->n_files + 1,
                      sizeof *r->files, 256))
        return -1;
    if (!(r->files[r->n_files].path = strdup(path)))
        return -1;
    r->files[r->n_files].row = catalogue_row(r, path);
    r->files[r->n_files].root = r->walking;
    r->files[r->n_files++].size = size;
    r->total_bytes += size;
    return 0;
}

static int is_symlink(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode);
}

static void walk(run_t *r, const char *path, int depth);

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A folder of page images (fond_folder_load: numbered pages, or all its
 * images when its catalogue row names it) is one source, the folder: its
 * pages' paths, sorted, into *pages (malloc'd; the strings are f's), so
 * that the walk passes over them.  -1 when out of memory. */
static int page_folder(run_t *r, const char *path, fond_folder_t **f,
                       const char ***pages)
{
    const fond_catalogue_row_t *row = catalogue_row(r, path);
    fond_error_t err;
    *pages = NULL;
    fond_status_t st = fond_folder_load(f, path, row != NULL, &err);
    if (st == FOND_ERR_NOMEM)
        return -1;
    if (st != FOND_OK)
        warn(r, path, err.message); /* its files are walked as files */
    if (!*f) /* (a row naming a folder with no images: its catalogue said so) */
        return 0;
    size_t n = fond_folder_pages(*f);
    if (!(*pages = malloc(n * sizeof **pages)) ||
        add_file(r, path, fond_folder_bytes(*f)) != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        (*pages)[i] = fond_folder_page(*f, i);
    qsort(*pages, n, sizeof **pages, compare_paths);
    return 0;
}

static void walk_dir(run_t *r, const char *path, int depth)
{
    struct dirent **names = NULL;
    int n = scandir(path, &names, NULL, alphasort);
    if (n < 0) {
        warn(r, path, strerror(errno));
        return;
    }
    fond_folder_t *folder = NULL;
    const char **pages = NULL;
    r->fatal |= page_folder(r, path, &folder, &pages) != 0;
    size_t active = r->n_active, n_pages = fond_folder_pages(folder);
    r->fatal |= catalogue_enter(r, path) != 0;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        size_t len = strlen(path) + strlen(name) + 2;
        char *child = name[0] == '.' || r->fatal ? NULL : malloc(len);
        if (child) {
            snprintf(child, len, "%s%s%s", path,
                     path[strlen(path) - 1] == '/' ? "" : "/", name);
            if (n_pages && bsearch(&child, pages, n_pages, sizeof *pages,
                                   compare_paths))
                pass_over(r, child, "a page of its folder");
            else
                walk(r, child, depth + 1);
        }
        free(child);
        free(names[i]);
    }
    free(names);
    free(pages);
    fond_folder_free(folder);
    r->n_active = active;
}

static void walk(run_t *r, const char *path, int depth)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        warn(r, path, strerror(errno));
    else if (S_ISREG(sb.st_mode) && is_catalogue(path))
        pass_over(r, path, "a catalogue: read, not indexed");
    else if (S_ISREG(sb.st_mode))
        r->fatal |= add_file(r, path, (size_t)sb.st_size) != 0;
    else if (!S_ISDIR(sb.st_mode))
        pass_over(r, path, "not a regular file");
    else if (depth > 0 && is_symlink(path))
        pass_over(r, path, "a link to a folder");
    else if (depth >= MAX_DEPTH)
        warn(r, path, "folders nested too deep");
    else
        walk_dir(r, path, depth);
}

/* ------------------------------------------------------------ progress */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The progress counts, shared with the readers to be: 0, or -1. */
static int progress_start(run_t *r)
{
    r->counted_size = sizeof *r->counted + r->n_files * sizeof(size_t);
    void *map = mmap(NULL, r->counted_size, PROT_READ | PROT_WRITE,
                     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    r->counted = map == MAP_FAILED ? NULL : map; /* zeroed */
    return r->counted ? 0 : -1;
}

static void progress_stop(run_t *r)
{
    if (r->counted)
        munmap(r->counted, r->counted_size);
    r->counted = NULL;
}

/* File i has been read up to `bytes` of its size: the bar counts it once,
 * whichever process read which part. */
static void progress_credit(run_t *r, size_t i, size_t bytes)
{
    size_t had = __atomic_load_n(&r->counted->credited[i], __ATOMIC_SEQ_CST);
    while (had < bytes &&
           !__atomic_compare_exchange_n(&r->counted->credited[i], &had, bytes, 0,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
        ;
    if (had < bytes)
        __atomic_fetch_add(&r->counted->bytes, bytes - had, __ATOMIC_SEQ_CST);
}

/* [#####-----] files, MB/s and the time left (from the bytes read, a
 * file's share as its pages are read), pages read by OCR and their rate,
 * redrawn at most 10 times a second, on a terminal only. */
static void show_progress(run_t *r, size_t done, int last)
{
    double t = now_seconds();
    if (!r->progress || (!last && t - r->last_progress < 0.1))
        return;
    r->last_progress = t;
    size_t bytes = __atomic_load_n(&r->counted->bytes, __ATOMIC_SEQ_CST),
           pages = __atomic_load_n(&r->counted->ocr_pages, __ATOMIC_SEQ_CST);
    double elapsed = t - r->started, mb = (double)bytes / 1e6;
    double rate = elapsed > 0 ? mb / elapsed : 0;
    double left = rate > 0 ? ((double)r->total_bytes / 1e6 - mb) / rate : 0;
    int width = 30, filled = r->n_files ? (int)(width * done / r->n_files) : width;
    fprintf(stderr, "\r[%.*s%.*s] %zu/%zu files  %.1f MB/s  ETA %d:%02d ",
            filled, "##############################", width - filled,
            "------------------------------", done, r->n_files, rate,
            (int)left / 60, (int)left % 60);
    if (pages)
        fprintf(stderr, " %zu OCR page%s  %.2f pages/s ", pages,
                pages == 1 ? "" : "s", elapsed > 0 ? (double)pages / elapsed : 0);
    if (last)
        fputs("\n", stderr);
}

/* The upgrade's bar: sources indexed again of those recorded. */
static void show_upgrade(void *ctx, size_t done, size_t total)
{
    run_t *r = ctx;
    double t = now_seconds();
    if (!r->progress || (done < total && t - r->last_progress < 0.1))
        return;
    r->last_progress = t;
    double elapsed = t - r->started;
    double left = done ? elapsed / (double)done * (double)(total - done) : 0;
    int width = 30, filled = total ? (int)(width * done / total) : width;
    fprintf(stderr, "\rupgrading [%.*s%.*s] %zu/%zu sources  ETA %d:%02d ",
            filled, "##############################", width - filled,
            "------------------------------", done, total, (int)left / 60,
            (int)left % 60);
    if (done == total)
        fputs("\n", stderr);
}

/* ------------------------------------------------------------ syncing */

static const char *const action_names[] = {"unchanged", "added", "updated",
                                           "failed", "skipped"};

/* Sources indexed in a language, for --json. */
static void count_language(run_t *r, const char *name, size_t sources)
{
    size_t i = 0;
    while (i < r->n_languages && strcmp(r->languages[i].name, name) != 0)
        i++;
    if (i == r->n_languages) {
        if (i == sizeof r->languages / sizeof *r->languages)
            return;
        snprintf(r->languages[r->n_languages++].name, sizeof r->languages[i].name,
                 "%s", name);
    }
    r->languages[i].sources += sources;
}

/* "12 passages" for a text file, "3 messages, 12 passages" for an mbox,
 * "3 documents, 12 passages" for a TEI edition. */
static const char *messages_of(const fond_index_result_t *res, char *buf,
                               size_t size)
{
    if (strcmp(res->format, "mbox") == 0)
        snprintf(buf, size, "%zu messages, ", res->sources);
    else if (strcmp(res->format, "tei") == 0)
        snprintf(buf, size, "%zu documents, ", res->sources);
    else
        buf[0] = '\0';
    size_t used = strlen(buf);
    if (res->attached)
        snprintf(buf + used, size - used, "%zu attachment%s read, ",
                 res->attached, res->attached == 1 ? "" : "s");
    return buf;
}

/* After each page read by OCR, here or in a reader: the progress bar
 * counts it, and its share of the file's bytes. */
static void ocr_page_done(void *ctx, const char *path, unsigned page,
                          unsigned pages)
{
    (void)path;
    run_t *r = ctx;
    if (!r->counted)
        return; /* no bar to count for */
    __atomic_fetch_add(&r->counted->ocr_pages, 1, __ATOMIC_SEQ_CST);
    double share = pages && page <= pages ? (double)page / pages : 0;
    progress_credit(r, r->reading, (size_t)(share * (double)r->files[r->reading].size));
    show_progress(r, r->done_files, 0);
}

/* ", 12 pages (3 by OCR, 2 from the OCR cache, 1 left unread)" */
static void print_pages(const run_t *r, const fond_index_result_t *x)
{
    if (!x->pages)
        return;
    fprintf(r->listing, ", %u page%s", x->pages, x->pages == 1 ? "" : "s");
    if (x->ocr_pages || x->ocr_cached || x->blank_pages)
        fprintf(r->listing, " (%u by OCR, %u from the OCR cache, %u with no "
                "text layer left unread)", x->ocr_pages, x->ocr_cached,
                x->blank_pages);
}

/* The files attached to a file's sources that could not be read, each
 * on a line of its own, then how many more there were: warnings, which
 * leave the exit status as it is (a message keeps the rest of its text;
 * an attachment of a type fond does not read is common mail). */
static void print_skipped(const run_t *r, const fond_index_result_t *x)
{
    size_t listed = 0;
    for (const char *s = x->skipped, *nl; (nl = strchr(s, '\n')); s = nl + 1) {
        cli_printf(stderr, "%s" PROG ": %.*s, skipped\n", r->progress ? "\n" : "",
                   (int)(nl - s), s);
        listed++;
    }
    if (x->attached_skipped > listed)
        cli_printf(stderr, PROG ": and %zu more attachments skipped\n",
                   x->attached_skipped - listed);
}

static void count(run_t *r, const char *path, const fond_sync_result_t *res)
{
    const char *verb = r->sync.dry_run ? "would be " : "";
    switch (res->action) {
    case FOND_FILE_UNCHANGED: r->unchanged++; break;
    case FOND_FILE_ADDED: r->added++; break;
    case FOND_FILE_UPDATED: r->updated++; break;
    case FOND_FILE_FAILED:
    case FOND_FILE_SKIPPED:
        cli_printf(stderr, "%s" PROG ": %s%s\n", r->progress ? "\n" : "",
                res->action == FOND_FILE_SKIPPED ? "unchanged since it failed: " : "",
                res->reason);
        r->failed++;
        return;
    }
    r->passages += res->index.passages;
    if (res->action != FOND_FILE_UNCHANGED && res->index.sources)
        count_language(r, res->index.language, res->index.sources);
    char messages[96];
    if (r->verbose && res->action == FOND_FILE_UNCHANGED)
        cli_printf(r->listing, "unchanged %s\n", path);
    else if (r->verbose) {
        cli_printf(r->listing, "%s%s %s: %s, %s%zu passages, %zu notes, %s (%s), %s (%s)",
                verb, action_names[res->action], path, res->index.format,
                messages_of(&res->index, messages, sizeof messages),
                res->index.passages, res->index.notes, res->index.encoding,
                res->index.encoding_how, res->index.language,
                res->index.language_how);
        print_pages(r, &res->index);
        fputs("\n", r->listing);
    }
    else if ((r->sync.dry_run) && !r->quiet)
        cli_printf(r->listing, "%s%s %s\n", verb, action_names[res->action], path);
    if (*res->index.declared)
        cli_printf(stderr, PROG ": %s: the Encoding header says %s, but the text "
                "is valid UTF-8: read as UTF-8\n", path, res->index.declared);
    if (res->index.replaced)
        cli_printf(stderr, PROG ": %s: %zu invalid byte sequences replaced by "
                "U+FFFD\n", path, res->index.replaced);
    if (res->index.sources_failed) {
        cli_printf(stderr, "%s" PROG ": %s, skipped", r->progress ? "\n" : "",
                res->index.failure);
        if (res->index.sources_failed > 1)
            fprintf(stderr, " (and %zu more %s of the %s)",
                    res->index.sources_failed - 1,
                    strcmp(res->index.format, "tei") == 0 ? "documents" : "messages",
                    strcmp(res->index.format, "tei") == 0 ? "edition" : "mbox");
        fputc('\n', stderr);
        r->failed++;
    }
    print_skipped(r, &res->index);
}

static int commit(run_t *r)
{
    r->batch_files = r->batch_bytes = 0;
    if (r->sync.dry_run || fond_db_commit(r->db) == FOND_OK)
        return 0;
    cli_printf(stderr, PROG ": %s\n", fond_db_error(r->db));
    return -1;
}

/* ------------------------------------------------------------ readers */

/* Write data[0, len) on fd (writing), or read it from fd, all of it,
 * blocking; 0, or -1 at the pipe's end or an error. */
static int transfer(int fd, void *data, size_t len, int writing)
{
    for (size_t done = 0; done < len;) {
        char *at = (char *)data + done;
        ssize_t n = writing ? write(fd, at, len - done) : read(fd, at, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        done += (size_t)n;
    }
    return 0;
}

/* A reader: read ahead the files no one has taken, until there are none
 * (or the writer is gone: it dies with it), each one's frame on fd.  Never
 * returns. */
static void reader_run(run_t *r, const char *db_path, readers_t *rd, size_t k,
                       int fd, pid_t writer)
{
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != writer)
        _exit(0);
    signal(SIGPIPE, SIG_IGN);
    fond_db_t *db = NULL;
    fond_error_t err;
    r->progress = 0; /* the writer draws the bar, from the shared counts */
    if (fond_db_open(&db, db_path, FOND_DB_READ, &err) != FOND_OK ||
        fond_db_set_extract(db, &r->extract) != FOND_OK)
        _exit(0); /* the writer reads every file itself */
    for (;;) {
        size_t i = __atomic_fetch_add(rd->next, 1, __ATOMIC_SEQ_CST);
        int free_state = READ_FREE;
        if (i >= r->n_files)
            break;
        if (!__atomic_compare_exchange_n(&rd->state[i], &free_state,
                                         (int)k + 1, 0, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST))
            continue; /* the writer took it */
        r->sync.root = r->roots[r->files[i].root];
        r->sync.row = r->files[i].row;
        r->reading = i;
        void *ahead = NULL;
        size_t head[2] = {i, 0};
        fond_status_t st = fond_db_read_ahead(db, r->files[i].path, &r->sync,
                                              &ahead, &head[1]);
        int sent = transfer(fd, head, sizeof head, 1) == 0 &&
                   transfer(fd, ahead, head[1], 1) == 0;
        free(ahead);
        if (!sent)
            break; /* the writer is gone */
        if (st != FOND_OK)
            break; /* the database cannot be read: the writer will say why */
    }
    fond_db_close(db);
    _exit(0);
}

/* Stop the readers (killed: what they read but the writer did not use
 * costs only time) and reap them. */
static void readers_stop(readers_t *rd)
{
    for (size_t k = 0; k < rd->n; k++)
        kill(rd->pids[k], SIGKILL);
    for (size_t k = 0; k < rd->n; k++) {
        if (rd->fds[k] >= 0)
            close(rd->fds[k]);
        while (waitpid(rd->pids[k], NULL, 0) < 0 && errno == EINTR)
            ;
    }
    munmap(rd->next, rd->map_size);
    free(rd);
}

/* Start n readers over the files of r; NULL (and the writer reads every
 * file itself) when they cannot be started. */
static readers_t *readers_start(run_t *r, const char *db_path, size_t n)
{
    if (n < 1 || r->sync.dry_run)
        return NULL;
    readers_t *rd = calloc(1, sizeof *rd);
    if (!rd)
        return NULL;
    rd->map_size = sizeof *rd->next + (r->n_files + 1) * sizeof *rd->state;
    void *map = mmap(NULL, rd->map_size, PROT_READ | PROT_WRITE,
                     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED) {
        free(rd);
        return NULL;
    }
    rd->next = map; /* then the states, all READ_FREE (0) */
    rd->state = (int *)(rd->next + 1);
    pid_t writer = getpid();
    fflush(NULL);
    for (size_t k = 0; k < n; k++) {
        int p[2];
        if (pipe2(p, O_CLOEXEC) != 0)
            break;
        fcntl(p[0], F_SETPIPE_SZ, PIPE_AHEAD); /* else 64 KB: less ahead */
        pid_t pid = fork();
        if (pid == 0) {
            close(p[0]);
            for (size_t j = 0; j < rd->n; j++)
                close(rd->fds[j]);
            reader_run(r, db_path, rd, k, p[1], writer);
        }
        close(p[1]);
        if (pid < 0) {
            close(p[0]);
            break;
        }
        rd->pids[rd->n] = pid;
        rd->fds[rd->n++] = p[0];
    }
    return rd; /* fewer readers than asked for only read less ahead */
}

/* The reader k is gone (or broke its frames): the writer reads its files. */
static void reader_gone(readers_t *rd, size_t k)
{
    close(rd->fds[k]);
    rd->fds[k] = -1;
}

/* Before the writer indexes file i: take it if no reader has (NULL), else
 * what its reader read of it (malloc'd, *len bytes; NULL for nothing), when
 * it is done, or NULL if it is gone first.  The bar is redrawn while it
 * waits: the readers' pages move it. */
static void *readers_take(run_t *r, readers_t *rd, size_t i, size_t *len)
{
    int s = READ_FREE;
    *len = 0;
    if (__atomic_compare_exchange_n(&rd->state[i], &s, READ_WRITER, 0,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
        return NULL;
    size_t k = (size_t)s - 1, head[2];
    if (rd->fds[k] < 0)
        return NULL;
    struct pollfd ready = {rd->fds[k], POLLIN, 0};
    for (int got = 0; r->progress && got <= 0;) {
        got = poll(&ready, 1, 100);
        if (got < 0 && errno != EINTR)
            break; /* the read says what is wrong */
        if (got <= 0)
            show_progress(r, i, 0);
    }
    if (transfer(rd->fds[k], head, sizeof head, 0) != 0 || head[0] != i ||
        head[1] > AHEAD_MAX) {
        reader_gone(rd, k);
        return NULL;
    }
    void *ahead = head[1] ? malloc(head[1]) : NULL;
    if (head[1] && (!ahead || transfer(rd->fds[k], ahead, head[1], 0) != 0)) {
        free(ahead); /* gone midway, or no memory: its frame is lost */
        reader_gone(rd, k);
        return NULL;
    }
    *len = head[1];
    return ahead;
}

static void sync_files(run_t *r)
{
    for (size_t i = 0; i < r->n_files && !r->fatal; i++) {
        fond_sync_result_t res;
        const file_t *f = &r->files[i];
        if (r->parts > 1 && !fond_db_owns(r->db, f->path))
            continue; /* another job's shard */
        r->sync.root = r->roots[f->root];
        r->done_files = i;
        r->reading = i;
        void *ahead = r->readers ? readers_take(r, r->readers, i, &r->sync.ahead_len)
                                 : NULL;
        r->sync.ahead = ahead;
        r->sync.row = f->row;
        fond_status_t st = fond_db_sync_file(r->db, f->path, &r->sync, &res);
        r->sync.ahead = NULL;
        r->sync.row = NULL;
        free(ahead);
        if (st != FOND_OK) {
            cli_printf(stderr, PROG ": %s\n", fond_db_error(r->db));
            r->fatal = 1;
            break;
        }
        count(r, f->path, &res);
        progress_credit(r, i, f->size);
        r->batch_files++;
        r->batch_bytes += res.action == FOND_FILE_UNCHANGED ? 0 : f->size;
        if ((r->batch_files >= BATCH_FILES || r->batch_bytes >= BATCH_BYTES) &&
            commit(r) != 0)
            r->fatal = 1;
        show_progress(r, i + 1, i + 1 == r->n_files);
    }
}

/* ------------------------------------------------------------ removing */

static int compare_files(const void *a, const void *b)
{
    return strcmp(((const file_t *)a)->path, ((const file_t *)b)->path);
}

/* Is the source under one of the PATHs given (so its absence means it is
 * gone), and not among the files found? */
static int is_missing(const run_t *r, const char *path)
{
    int under = 0;
    for (int i = 0; i < r->n_roots && !under; i++) {
        size_t n = strlen(r->roots[i]);
        while (n > 1 && r->roots[i][n - 1] == '/')
            n--;
        under = strncmp(path, r->roots[i], n) == 0 &&
                (path[n] == '\0' || path[n] == '/');
    }
    file_t key = {(char *)path, 0, 0, NULL};
    return under && !bsearch(&key, r->files, r->n_files, sizeof *r->files,
                             compare_files);
}

typedef struct {
    char **paths;
    size_t n, cap;
} paths_t;

static int collect_missing(void *ctx, const char *path)
{
    void **pair = ctx;
    run_t *r = pair[0];
    paths_t *gone = pair[1];
    if (!is_missing(r, path))
        return 0;
    if (array_reserve(&gone->paths, &gone->cap, gone->n + 1,
                      sizeof *gone->paths, 16))
        return 1;
    gone->paths[gone->n] = strdup(path);
    return gone->paths[gone->n++] == NULL;
}

static void remove_missing(run_t *r)
{
    paths_t gone = {NULL, 0, 0};
    void *pair[2] = {r, &gone};
    qsort(r->files, r->n_files, sizeof *r->files, compare_files);
    if (fond_db_sources(r->db, collect_missing, pair) != FOND_OK) {
        cli_printf(stderr, PROG ": %s\n", fond_db_error(r->db));
        r->fatal = 1;
    }
    for (size_t i = 0; i < gone.n; i++) {
        if (!r->fatal && !r->sync.dry_run &&
            fond_db_remove_source(r->db, gone.paths[i]) != FOND_OK) {
            cli_printf(stderr, PROG ": %s\n", fond_db_error(r->db));
            r->fatal = 1;
        }
        if (!r->fatal && (r->verbose || (r->sync.dry_run && !r->quiet)))
            cli_printf(r->listing, "%sremoved %s\n", r->sync.dry_run ? "would be " : "",
                   gone.paths[i]);
        r->removed += !r->fatal;
        free(gone.paths[i]);
    }
    free(gone.paths);
}

/* ------------------------------------------------------------ the run */

/* Each problem of a catalogue: {"catalogue", "line", "problem"}, the
 * line 0 for the file as a whole. */
static void print_json_problems(const run_t *r)
{
    const char *sep = "";
    for (size_t i = 0; i < r->n_catalogues; i++) {
        const catalogue_t *cat = &r->catalogues[i];
        size_t n = fond_catalogue_problems(cat->c, NULL);
        for (size_t k = 0; k < n; k++, sep = ", ") {
            unsigned line = 0;
            const char *what = fond_catalogue_problem(cat->c, k, &line);
            printf("%s{\"catalogue\": ", sep);
            cli_write_json_string(stdout, cat->path);
            printf(", \"line\": %u, \"problem\": ", line);
            cli_write_json_string(stdout, what);
            fputs("}", stdout);
        }
    }
}

/* The summary for scripts: {"database", "dry_run", "added", ...}. */
static void print_json_summary(const run_t *r, const char *db_path)
{
    fputs("{\"database\": ", stdout);
    cli_write_json_string(stdout, db_path);
    printf(", \"dry_run\": %s, \"added\": %zu, \"updated\": %zu, "
           "\"removed\": %zu, \"unchanged\": %zu, \"skipped\": %zu, "
           "\"passages\": %zu, \"languages\": {", r->sync.dry_run ? "true" : "false",
           r->added, r->updated, r->removed, r->unchanged, r->failed,
           r->passages);
    for (size_t i = 0; i < r->n_languages; i++) {
        fputs(i ? ", " : "", stdout);
        cli_write_json_string(stdout, r->languages[i].name);
        printf(": %zu", r->languages[i].sources);
    }
    fputs("}, \"catalogue_problems\": [", stdout);
    print_json_problems(r);
    fputs("]}\n", stdout);
}

static void print_summary(const run_t *r, const char *db_path)
{
    if (r->json)
        print_json_summary(r, db_path);
    if (r->quiet || r->json)
        return;
    printf("%s%zu added, %zu updated, %zu removed, %zu unchanged, %zu "
           "skipped; %zu passages written, into %s\n",
           r->sync.dry_run ? "dry run: would be " : "", r->added, r->updated,
           r->removed, r->unchanged, r->failed, r->passages, db_path);
}

static int open_db(run_t *r, const char *db_path)
{
    fond_error_t err;
    fond_db_mode_t mode = r->sync.dry_run ? FOND_DB_READ : FOND_DB_WRITE;
    if (!r->sync.dry_run && cli_make_parents(db_path) != 0) {
        fprintf(stderr, PROG ": %s: %s\n", db_path, strerror(errno));
        return -1;
    }
    fond_status_t st = r->parts > 1
        ? fond_db_open_part(&r->db, db_path, r->part, r->parts, &err)
        : fond_db_open(&r->db, db_path, mode, &err);
    if (st == FOND_ERR_NODB && r->sync.dry_run)
        return 1; /* nothing indexed yet: every file would be added */
    if (st != FOND_OK) {
        fprintf(stderr, PROG ": %s\n", err.message);
        return -1;
    }
    return 0;
}

static int load_variants(run_t *r)
{
    size_t groups = 0;
    if (!r->variants || r->sync.dry_run)
        return 0;
    if (fond_db_load_variants(r->db, r->variants, &groups) != FOND_OK) {
        cli_printf(stderr, PROG ": %s\n", fond_db_error(r->db));
        return -1;
    }
    if (r->verbose)
        cli_printf(r->listing, "loaded %zu groups of name variants from %s\n", groups,
               r->variants);
    return 0;
}

/* Link the collection's likely misread words to their right spelling
 * (docs/query-language.md, "Misread words"), when this run changed the collection.  Judged
 * against the whole collection's words, so that a database split into
 * shards links as one database does: with --jobs, the jobs leave it to
 * fond-index once they are all done (link_after_jobs).
 * FOND_MISREADINGS=off leaves them (for bench/, to measure what the links
 * cost). */
static int link_misreadings(run_t *r)
{
    const char *env = getenv("FOND_MISREADINGS");
    size_t linked = 0, pruned = 0;
    if (r->sync.dry_run || (env && strcmp(env, "off") == 0) || r->parts > 1 ||
        r->added + r->updated + r->removed == 0)
        return 0;
    if (fond_db_link_misreadings(r->db, &linked, &pruned) != FOND_OK) {
        cli_printf(stderr, PROG ": %s\n", fond_db_error(r->db));
        return -1;
    }
    if (r->verbose)
        cli_printf(r->listing, "linked %zu misread words to their right "
                   "spelling, %zu links pruned\n", linked, pruned);
    return 0;
}

/* Index the files found into the database (this process's share of its
 * shards, with --jobs); the exit code. */
static int index_files(run_t *r, const char *db_path)
{
    int opened = open_db(r, db_path);
    if (opened < 0)
        return CLI_EXIT_ERROR;
    if (opened == 1) { /* a dry run over no database */
        r->added = r->n_files;
        return CLI_EXIT_OK;
    }
    r->started = now_seconds();
    r->sync.added = (long long)time(NULL); /* one time for the whole run */
    r->extract.ocr_page = ocr_page_done;
    r->extract.ctx = r;
    if (progress_start(r) != 0) {
        cli_printf(stderr, PROG ": out of memory\n");
        r->fatal = 1;
    }
    if (fond_db_set_extract(r->db, &r->extract) != FOND_OK) {
        cli_printf(stderr, PROG ": %s\n", fond_db_error(r->db));
        r->fatal = 1;
    }
    r->fatal |= !r->fatal && load_variants(r) != 0;
    if (!r->fatal && r->jobs > 1 && r->parts <= 1)
        r->readers = readers_start(r, db_path, r->jobs);
    if (!r->fatal)
        sync_files(r);
    if (r->readers)
        readers_stop(r->readers);
    r->readers = NULL;
    progress_stop(r);
    if (!r->fatal && !r->keep_missing)
        remove_missing(r);
    if (!r->fatal && link_misreadings(r) != 0)
        r->fatal = 1;
    if (!r->fatal && commit(r) != 0)
        r->fatal = 1;
    fond_db_close(r->db);
    r->db = NULL;
    if (r->fatal)
        return CLI_EXIT_ERROR;
    return r->failed ? CLI_EXIT_NONE : CLI_EXIT_OK;
}

/* ------------------------------------------------------------ shards, jobs */

/* Stop the first n jobs (each loses at most its uncommitted batch) and
 * reap them, so that none is left running or a zombie. */
static void stop_jobs(const pid_t *pids, int fds[][2], size_t n)
{
    for (size_t j = 0; j < n; j++)
        kill(pids[j], SIGTERM);
    for (size_t j = 0; j < n; j++) {
        close(fds[j][0]);
        waitpid(pids[j], NULL, 0);
    }
}

/* Job j could not start: say why, and stop the jobs started before it. */
static int start_failed(size_t j, const pid_t *pids, int fds[][2])
{
    fprintf(stderr, PROG ": cannot start job %zu: %s\n", j, strerror(errno));
    stop_jobs(pids, fds, j);
    return CLI_EXIT_ERROR;
}

/* One process a part (a database of as many shards as jobs or more):
 * each indexes the sources of its shards and reports its counts through a
 * pipe. */
static int run_jobs(run_t *r, const char *db_path)
{
    pid_t pids[MAX_JOBS];
    int fds[MAX_JOBS][2], worst = CLI_EXIT_OK;
    pid_t parent = getpid();
    fflush(stdout);
    for (size_t j = 0; j < r->jobs; j++) {
        if (pipe(fds[j]) != 0)
            return start_failed(j, pids, fds);
        if ((pids[j] = fork()) < 0) {
            int fork_errno = errno;
            close(fds[j][0]);
            close(fds[j][1]);
            errno = fork_errno;
            return start_failed(j, pids, fds);
        }
        if (pids[j] == 0) {
            if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
                _exit(CLI_EXIT_ERROR); /* dies with fond-index, as readers do */
            close(fds[j][0]);
            r->part = j;
            r->parts = r->jobs;
            r->progress = 0;
            int rc = index_files(r, db_path);
            dprintf(fds[j][1], "%zu %zu %zu %zu %zu %zu\n", r->added,
                    r->updated, r->removed, r->unchanged, r->failed,
                    r->passages);
            for (size_t i = 0; i < r->n_languages; i++)
                dprintf(fds[j][1], "%s %zu\n", r->languages[i].name,
                        r->languages[i].sources);
            fflush(stdout);
            _exit(rc);
        }
        close(fds[j][1]);
    }
    for (size_t j = 0; j < r->jobs; j++) {
        size_t c[6] = {0};
        FILE *f = fdopen(fds[j][0], "r");
        if (!f || fscanf(f, "%zu %zu %zu %zu %zu %zu", &c[0], &c[1], &c[2],
                         &c[3], &c[4], &c[5]) != 6)
            worst = CLI_EXIT_ERROR;
        char name[16];
        size_t sources;
        while (f && fscanf(f, "%15s %zu", name, &sources) == 2)
            count_language(r, name, sources);
        if (f)
            fclose(f);
        r->added += c[0];
        r->updated += c[1];
        r->removed += c[2];
        r->unchanged += c[3];
        r->failed += c[4];
        r->passages += c[5];
        int status = 0;
        waitpid(pids[j], &status, 0);
        int rc = WIFEXITED(status) ? WEXITSTATUS(status) : CLI_EXIT_ERROR;
        worst = rc > worst ? rc : worst;
    }
    return worst;
}

/* After the jobs: the links of the whole collection, every shard open
 * for writing (they are the links one database would have); the exit
 * code, worse than rc if it fails. */
static int link_after_jobs(run_t *r, const char *db_path, int rc)
{
    fond_error_t err;
    if (rc == CLI_EXIT_ERROR || r->sync.dry_run)
        return rc;
    if (fond_db_open(&r->db, db_path, FOND_DB_WRITE, &err) != FOND_OK) {
        fprintf(stderr, PROG ": %s\n", err.message);
        return CLI_EXIT_ERROR;
    }
    int failed = link_misreadings(r) != 0 || commit(r) != 0;
    fond_db_close(r->db);
    r->db = NULL;
    return failed ? CLI_EXIT_ERROR : rc;
}

/* A new sharded database, or the right number of shards in the one there. */
static int prepare_shards(const run_t *r, const char *db_path)
{
    size_t have = 0;
    struct stat sb;
    fond_error_t err;
    if (!r->shards || r->sync.dry_run)
        return 0;
    if (fond_db_shard_count(db_path, &have, &err) != FOND_OK) {
        fprintf(stderr, PROG ": %s\n", err.message);
        return -1;
    }
    if (have == r->shards)
        return 0;
    if (have || stat(db_path, &sb) == 0) {
        fprintf(stderr, PROG ": %s has %zu shards; --shards %zu would need a "
                "new database\n", db_path, have, r->shards);
        return -1;
    }
    if (cli_make_parents(db_path) != 0) {
        fprintf(stderr, PROG ": %s: %s\n", db_path, strerror(errno));
        return -1;
    }
    if (fond_db_create_sharded(db_path, r->shards, &err) != FOND_OK) {
        fprintf(stderr, PROG ": %s\n", err.message);
        return -1;
    }
    return 0;
}

static int compact(const run_t *r, const char *db_path)
{
    fond_error_t err;
    if (fond_db_compact(db_path, &err) != FOND_OK) {
        fprintf(stderr, PROG ": %s\n", err.message);
        return CLI_EXIT_ERROR;
    }
    if (!r->quiet)
        fprintf(r->listing, "compacted %s into one database\n", db_path);
    return CLI_EXIT_OK;
}

/* A PATH as the database names it: absolute, without "." or ".." or
 * links, so that "corpus/", "./corpus" and "/srv/corpus" are one source
 * each.  A PATH that is gone keeps its folder's canonical name (so that
 * its sources can be removed).  malloc'd; NULL when out of memory. */
static char *canonical_path(const char *path)
{
    char *real = realpath(path, NULL);
    if (real || errno != ENOENT)
        return real ? real : strdup(path);
    char *copy = strdup(path), *dir = copy ? strdup(path) : NULL;
    char *parent = dir ? realpath(dirname(dir), NULL) : NULL;
    char *out = NULL;
    if (parent && copy) {
        const char *base = basename(copy);
        size_t len = strlen(parent) + strlen(base) + 2;
        if ((out = malloc(len)))
            snprintf(out, len, "%s%s%s", parent, strcmp(parent, "/") ? "/" : "",
                     base);
    } else if (copy) {
        out = strdup(path);
    }
    free(copy);
    free(dir);
    free(parent);
    return out;
}

static int canonical_roots(run_t *r, char **given)
{
    r->roots = calloc((size_t)r->n_roots + 1, sizeof *r->roots);
    for (int i = 0; r->roots && i < r->n_roots; i++)
        if (!(r->roots[i] = canonical_path(given[i])))
            return -1;
    return r->roots ? 0 : -1;
}

/* A database written by an earlier fond is upgraded first, in place (a
 * dry run only says so: its open fails with the reason). */
static int upgrade(run_t *r, const char *db_path)
{
    fond_upgrade_result_t res;
    fond_error_t err;
    if (r->sync.dry_run)
        return 0;
    r->started = now_seconds();
    fond_status_t st = fond_db_upgrade(db_path, show_upgrade, r, &res, &err);
    if (st == FOND_ERR_NODB && !r->upgrade)
        return 0; /* none yet: this run makes it */
    if (st != FOND_OK) {
        cli_printf(stderr, "%s" PROG ": %s\n", r->progress ? "\n" : "", err.message);
        return -1;
    }
    if (res.sources + res.missing && !r->quiet)
        fprintf(stderr, PROG ": upgraded %s: %zu sources indexed again (%zu "
                "passages), %zu gone\n", db_path, res.sources, res.passages,
                res.missing);
    return 0;
}

static int run_index(run_t *r, const char *db_path)
{
    if (upgrade(r, db_path) != 0 || prepare_shards(r, db_path) != 0)
        return CLI_EXIT_ERROR;
    for (int i = 0; i < r->n_roots && !r->fatal; i++) {
        r->walking = i;
        r->n_active = 0;
        r->fatal |= catalogues_above(r, r->roots[i]) != 0;
        if (!r->fatal)
            walk(r, r->roots[i], 0);
    }
    if (r->fatal)
        return CLI_EXIT_ERROR;
    int rc = CLI_EXIT_OK;
    size_t shards = 0;
    fond_error_t err;
    if (r->n_roots && r->jobs > 1 &&
        fond_db_shard_count(db_path, &shards, &err) != FOND_OK) {
        fprintf(stderr, PROG ": %s\n", err.message);
        return CLI_EXIT_ERROR;
    }
    if (r->n_roots)
        rc = r->jobs > 1 && shards >= r->jobs
                 ? link_after_jobs(r, db_path, run_jobs(r, db_path))
                 : index_files(r, db_path);
    if (rc == CLI_EXIT_OK && r->warnings)
        rc = CLI_EXIT_NONE; /* done, with warnings: a catalogue's problems */
    if (r->n_roots && rc != CLI_EXIT_ERROR)
        print_summary(r, db_path);
    if (r->compact && rc != CLI_EXIT_ERROR && !r->sync.dry_run) {
        int crc = compact(r, db_path);
        rc = crc > rc ? crc : rc;
    }
    return rc;
}

static int bad_usage(const char *msg, const char *arg)
{
    fprintf(stderr, PROG ": %s%s%s\nTry '" PROG " --help' for more "
                    "information.\n", msg, arg ? ": " : "", arg ? arg : "");
    return CLI_EXIT_ERROR;
}

/* The OCR cache: --ocr-cache, $FOND_OCR_CACHE, $XDG_CACHE_HOME/fond/ocr,
 * ~/.cache/fond/ocr; made if missing.  A cache that cannot be made costs
 * only time (OCR runs again next time): a warning, not an error. */
static int set_ocr_cache(run_t *r, const char *given)
{
    const char *env = getenv("FOND_OCR_CACHE"), *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    const char *base = given ? given : env && *env ? env : xdg && *xdg ? xdg : home;
    const char *tail = given || (env && *env) ? "" : xdg && *xdg ? "/fond/ocr"
                                                                 : "/.cache/fond/ocr";
    if (!base || r->extract.no_ocr)
        return 0;
    size_t len = strlen(base) + strlen(tail) + 3;
    if (!(r->ocr_cache = malloc(len))) {
        fprintf(stderr, PROG ": out of memory\n");
        return -1;
    }
    snprintf(r->ocr_cache, len, "%s%s/.", base, tail);
    if (!r->sync.dry_run && cli_make_parents(r->ocr_cache) != 0)
        fprintf(stderr, PROG ": warning: no OCR cache at %s: %s\n", r->ocr_cache,
                strerror(errno));
    r->ocr_cache[len - 3] = '\0'; /* without the "/." */
    r->extract.ocr_cache = r->ocr_cache;
    return 0;
}

/* Refuse an --ocr-language that needs a pack not installed before
 * anything is written, asking Tesseract for its packs once for the run
 * (every process of it inherits them).  Tesseract that cannot be asked
 * leaves each scan to say why.  Without --ocr-language the library asks
 * when a scan first needs them. */
static int check_ocr_language(run_t *r)
{
    fond_error_t err;
    const char *given = r->extract.ocr_language;
    if (r->extract.no_ocr || !given || !*given || strcmp(given, "auto") == 0)
        return 0;
    if (fond_ocr_packs(r->ocr_packs, sizeof r->ocr_packs, &err) == FOND_OK)
        r->extract.ocr_packs = r->ocr_packs;
    if (fond_ocr_language(r->extract.ocr_language, r->extract.ocr_packs,
                          r->ocr_language, sizeof r->ocr_language, &err) != FOND_OK) {
        fprintf(stderr, PROG ": --ocr-language %s: %s\n", r->extract.ocr_language,
                err.message);
        return -1;
    }
    r->extract.ocr_language = r->ocr_language;
    return 0;
}

static int parse_options(int argc, char **argv, run_t *r, const char **db)
{
    static const struct option options[] = {
        {"db", required_argument, NULL, 'd'},
        {"dry-run", no_argument, NULL, 'n'},
        {"shards", required_argument, NULL, 'S'},
        {"jobs", required_argument, NULL, 'j'},
        {"compact", no_argument, NULL, 'C'},
        {"upgrade", no_argument, NULL, 'U'},
        {"keep-missing", no_argument, NULL, 'K'},
        {"retry-failed", no_argument, NULL, 'R'},
        {"variants", required_argument, NULL, 'W'},
        {"no-ocr", no_argument, NULL, 'O'},
        {"ocr-language", required_argument, NULL, 'L'},
        {"ocr-cache", required_argument, NULL, 'c'},
        {"timeout", required_argument, NULL, 'T'},
        {"verbose", no_argument, NULL, 'v'},
        {"quiet", no_argument, NULL, 'q'},
        {"json", no_argument, NULL, 'J'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    const char *variants = NULL, *ocr_cache = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "d:nj:vqh", options, NULL)) != -1) {
        switch (c) {
        case 'd': *db = optarg; break;
        case 'S':
            if (cli_parse_size(optarg, 1, 64, &r->shards))
                return bad_usage("--shards takes a number from 1 to 64", optarg);
            break;
        case 'j':
            if (cli_parse_size(optarg, 1, MAX_JOBS, &r->jobs))
                return bad_usage("--jobs takes a number from 1 to 64", optarg);
            break;
        case 'C': r->compact = 1; break;
        case 'U': r->upgrade = 1; break;
        case 'n': r->sync.dry_run = 1; break;
        case 'K': r->keep_missing = 1; break;
        case 'R': r->sync.retry_failed = 1; break;
        case 'W': variants = optarg; break;
        case 'O': r->extract.no_ocr = 1; break;
        case 'L': r->extract.ocr_language = optarg; break;
        case 'c': ocr_cache = optarg; break;
        case 'T': {
            size_t secs;
            if (cli_parse_size(optarg, 1, 86400, &secs))
                return bad_usage("--timeout takes seconds, from 1 to 86400", optarg);
            r->extract.timeout = (unsigned)secs;
            break;
        }
        case 'v': r->verbose = 1; break;
        case 'q': r->quiet = 1; break;
        case 'J': r->json = 1; break;
        case 'h': usage(stdout); return -1;
        case 'V': puts(PROG " " FOND_VERSION); return -1;
        default: return bad_usage("unknown option", NULL);
        }
    }
    if (optind == argc && !r->compact && !r->upgrade)
        return bad_usage("no PATH to index", NULL);
    r->variants = cli_variants_path(variants);
    if (set_ocr_cache(r, ocr_cache) != 0 || check_ocr_language(r) != 0)
        return CLI_EXIT_ERROR;
    r->n_roots = argc - optind;
    if (canonical_roots(r, argv + optind) != 0) {
        fprintf(stderr, PROG ": out of memory\n");
        return CLI_EXIT_ERROR;
    }
    r->listing = r->json ? stderr : stdout;
    r->progress = isatty(STDERR_FILENO) && !r->quiet && !r->verbose &&
                  !r->sync.dry_run;
    return 0;
}

/* Xapian buffers postings in memory and writes them out every
 * XAPIAN_FLUSH_THRESHOLD documents (10000 by default).  Passages are small
 * documents: a buffer of 1000 is both faster (smaller in-memory maps to
 * search) and lighter (bench/results.md).  The environment still decides
 * when it says otherwise.  Batches stay atomic: the store writes inside a
 * Xapian transaction, so these flushes are never commits. */
#define FLUSH_THRESHOLD "1000"

int main(int argc, char **argv)
{
    setenv("XAPIAN_FLUSH_THRESHOLD", FLUSH_THRESHOLD, 0);
    run_t r;
    memset(&r, 0, sizeof r);
    r.sync = (fond_sync_opts_t)FOND_SYNC_OPTS_INIT;
    r.extract = (fond_extract_opts_t)FOND_EXTRACT_OPTS_INIT;
    const char *db_arg = NULL;
    int rc = parse_options(argc, argv, &r, &db_arg);
    if (rc != 0) {
        free(r.ocr_cache); /* set before a later option was refused */
        return rc < 0 ? CLI_EXIT_OK : rc;
    }
    char *db_path = cli_db_path(PROG, db_arg);
    rc = db_path ? run_index(&r, db_path) : CLI_EXIT_ERROR;
    for (size_t i = 0; i < r.n_files; i++)
        free(r.files[i].path);
    for (int i = 0; r.roots && i < r.n_roots; i++)
        free(r.roots[i]);
    free(r.roots);
    free(r.files);
    catalogues_free(&r);
    free(r.ocr_cache);
    free(db_path);
    return rc;
}
