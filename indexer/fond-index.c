/*
 * fond-index -- index text files and folders into a fond database.
 *
 * Walks each PATH (folders recursively, in name order, hidden entries and
 * symbolic links to folders skipped), indexes every regular file as one
 * source, commits once at the end, and prints a summary.  A file that
 * cannot be indexed (unreadable, binary, not UTF-8) is reported and skipped;
 * the run goes on.  Exit: 0 all indexed, 1 done with warnings, 2 error.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "fond.h"

#define PROG "fond-index"
#define MAX_DEPTH 64

typedef struct {
    fond_db_t *db;
    const char *variants; /* the name-variants file, or NULL */
    int verbose, quiet;
    size_t files, passages, bytes, skipped;
    int fatal; /* a database error: stop the run */
} run_t;

static void usage(FILE *out)
{
    fputs("Usage: " PROG " [OPTION]... PATH...\n"
          "Index text files, and the files in folders, into a fond database.\n"
          "\n"
          "  -d, --db DIR     the database (default: $FOND_DB, else\n"
          "                   $XDG_DATA_HOME/fond/db, else ~/.local/share/fond/db)\n"
          "      --variants FILE  name variants to load (default: $FOND_VARIANTS,\n"
          "                   else the variants.txt installed with fond)\n"
          "  -v, --verbose    list each file and what was done with it\n"
          "  -q, --quiet      print only warnings and errors\n"
          "  -h, --help       show this help and exit\n"
          "      --version    show the version and exit\n"
          "\n"
          "Each file is one source, cut into passages of whole sentences (at most\n"
          "1200 bytes).  Indexing a file again replaces its passages.\n"
          "\n"
          "Exit status: 0 every file indexed, 1 finished with warnings (files\n"
          "skipped), 2 usage or database error.  See fond-index(1).\n",
          out);
}

static void index_file(run_t *r, const char *path)
{
    fond_index_result_t res;
    fond_status_t st = fond_db_index_file(r->db, path, &res);
    if (st == FOND_OK) {
        r->files++;
        r->passages += res.passages;
        r->bytes += res.bytes;
        if (r->verbose)
            printf("indexed %s: %zu passages, %zu notes, %s (%s), %s\n", path,
                   res.passages, res.notes, res.encoding, res.encoding_how,
                   res.language);
        if (res.replaced)
            fprintf(stderr, PROG ": %s: %zu invalid byte sequences replaced "
                    "by U+FFFD\n", path, res.replaced);
        return;
    }
    fprintf(stderr, PROG ": %s\n", fond_db_error(r->db));
    int per_file = st == FOND_ERR_IO || st == FOND_ERR_UTF8 ||
                   st == FOND_ERR_BINARY || st == FOND_ERR_ARG;
    r->skipped += per_file;
    r->fatal = !per_file;
}

/* A file or folder left out: a warning, counted in the summary. */
static void skip(run_t *r, const char *path, const char *why)
{
    fprintf(stderr, PROG ": %s: %s, skipped\n", path, why);
    r->skipped++;
}

static void walk(run_t *r, const char *path, int depth);

static void walk_dir(run_t *r, const char *path, int depth)
{
    struct dirent **names = NULL;
    int n = scandir(path, &names, NULL, alphasort);
    if (n < 0) {
        skip(r, path, strerror(errno));
        return;
    }
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        size_t len = strlen(path) + strlen(name) + 2;
        char *child = name[0] == '.' || r->fatal ? NULL : malloc(len);
        if (child) {
            snprintf(child, len, "%s%s%s", path,
                     path[strlen(path) - 1] == '/' ? "" : "/", name);
            walk(r, child, depth + 1);
        }
        free(child);
        free(names[i]);
    }
    free(names);
}

/* Something that is not a source (a device, a link to a folder): noted
 * only with --verbose. */
static void pass_over(const run_t *r, const char *path, const char *why)
{
    if (r->verbose)
        printf("passed over %s (%s)\n", path, why);
}

static int is_symlink(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode);
}

static void walk(run_t *r, const char *path, int depth)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        skip(r, path, strerror(errno));
    else if (S_ISREG(sb.st_mode))
        index_file(r, path);
    else if (!S_ISDIR(sb.st_mode))
        pass_over(r, path, "not a regular file");
    else if (depth > 0 && is_symlink(path))
        pass_over(r, path, "a link to a folder");
    else if (depth >= MAX_DEPTH)
        skip(r, path, "folders nested too deep");
    else
        walk_dir(r, path, depth);
}

static void print_summary(const run_t *r, const char *db_path)
{
    if (r->quiet)
        return;
    printf("%zu file%s indexed, %zu passages, %.1f KB of text, into %s",
           r->files, r->files == 1 ? "" : "s", r->passages,
           (double)r->bytes / 1024.0, db_path);
    if (r->skipped)
        printf("; %zu skipped (see the messages above)", r->skipped);
    fputs("\n", stdout);
}

static int load_variants(run_t *r)
{
    size_t groups = 0;
    if (fond_db_load_variants(r->db, r->variants, &groups) != FOND_OK) {
        fprintf(stderr, PROG ": %s\n", fond_db_error(r->db));
        return -1;
    }
    if (r->verbose)
        printf("loaded %zu groups of name variants from %s\n", groups,
               r->variants);
    return 0;
}

static int run_index(run_t *r, const char *db_path, char **paths, int n)
{
    fond_error_t err;
    if (cli_make_parents(db_path) != 0) {
        fprintf(stderr, PROG ": %s: %s\n", db_path, strerror(errno));
        return CLI_EXIT_ERROR;
    }
    if (fond_db_open(&r->db, db_path, FOND_DB_WRITE, &err) != FOND_OK) {
        fprintf(stderr, PROG ": %s\n", err.message);
        return CLI_EXIT_ERROR;
    }
    if (r->variants && load_variants(r) != 0)
        r->fatal = 1;
    for (int i = 0; i < n && !r->fatal; i++)
        walk(r, paths[i], 0);
    fond_status_t st = r->fatal ? FOND_OK : fond_db_commit(r->db);
    if (st != FOND_OK)
        fprintf(stderr, PROG ": %s\n", fond_db_error(r->db));
    fond_db_close(r->db);
    if (r->fatal || st != FOND_OK)
        return CLI_EXIT_ERROR;
    print_summary(r, db_path);
    return r->skipped ? CLI_EXIT_NONE : CLI_EXIT_OK;
}

int main(int argc, char **argv)
{
    static const struct option options[] = {
        {"db", required_argument, NULL, 'd'},
        {"verbose", no_argument, NULL, 'v'},
        {"variants", required_argument, NULL, 'W'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    run_t r = {0};
    const char *db_arg = NULL, *variants_arg = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "d:vqh", options, NULL)) != -1) {
        switch (c) {
        case 'd': db_arg = optarg; break;
        case 'v': r.verbose = 1; break;
        case 'W': variants_arg = optarg; break;
        case 'q': r.quiet = 1; break;
        case 'h': usage(stdout); return CLI_EXIT_OK;
        case 'V': puts(PROG " " FOND_VERSION); return CLI_EXIT_OK;
        default:
            fputs("Try '" PROG " --help' for more information.\n", stderr);
            return CLI_EXIT_ERROR;
        }
    }
    if (optind == argc) {
        fputs(PROG ": no PATH to index\n"
              "Try '" PROG " --help' for more information.\n", stderr);
        return CLI_EXIT_ERROR;
    }
    r.variants = cli_variants_path(variants_arg);
    char *db_path = cli_db_path(PROG, db_arg);
    if (!db_path)
        return CLI_EXIT_ERROR;
    int rc = run_index(&r, db_path, argv + optind, argc - optind);
    free(db_path);
    return rc;
}
