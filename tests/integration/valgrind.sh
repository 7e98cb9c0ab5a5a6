# Valgrind's memcheck over an index run (text, then mail), searches and a
# CGI request: no
# invalid read or write, no use of uninitialised memory, no leak (definite
# or indirect).  Skipped (exit 77) in the sanitizer build: its programs
# cannot run under valgrind, and ASan checks the same things there.
source "$(dirname "$0")/common.bash"
if [ "${FOND_SANITIZED:-OFF}" = ON ]; then
  echo "skipped: built with sanitizers, which check memory there"
  exit 77
fi
memcheck() { # name command...; sets OUT, the file of its output
  local name=$1 file; shift
  file=$(echo "$name" | tr -c 'a-zA-Z0-9\n' _)
  OUT="$TMP/$file.out"
  valgrind --quiet --error-exitcode=99 --leak-check=full \
    --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
    --log-file="$TMP/$file.vg" "$@" >"$TMP/$file.out" 2>&1 || true
  local errors
  errors=$(grep -c '^==[0-9]*== ' "$TMP/$file.vg" || true)
  check "$name: memcheck finds nothing ($errors lines)" [ "$errors" -eq 0 ]
  [ "$errors" -eq 0 ] || head -40 "$TMP/$file.vg" >&2
}
DB="$TMP/db"
memcheck "fond-index over corpus/" "$INDEX" --db "$DB" --variants "$FOND_SRC/data/variants.txt" "$FOND_SRC/corpus"
check "... which indexed it" grep -q '^17 added' "$OUT"
memcheck "fond-index re-run" "$INDEX" --db "$DB" "$FOND_SRC/corpus"
memcheck "fond-index over mail (parsed in its worker)" "$INDEX" --db "$TMP/mail-db" "$FOND_SRC/tests/fuzz/seeds/fuzz_mail"
check "... which indexed it" grep -q '^9 added' "$OUT"
memcheck "fond-search with variants, facets, per-source" "$SEARCH" --db "$DB" --facets --per-source 2 Nakhchivan autonomy
check "... which found passages" grep -q 'passage' "$OUT"
memcheck "fond-search --json, date range, suggestion" "$SEARCH" --db "$DB" --json 'date:1921-09..1921-10 conferenc'
memcheck "fond-search --kwic" "$SEARCH" --db "$DB" --kwic Ankara
memcheck "fond-search, a malformed query" "$SEARCH" --db "$DB" '(kars'
memcheck "fond.cgi, a search" env REQUEST_METHOD=GET QUERY_STRING='q=Tbilisi&type=letter' FOND_DB="$DB" "$FOND_BIN/fond.cgi"
check "... which answered 200" grep -q '^Status: 200' "$OUT"
memcheck "fond.cgi, a refused request" env REQUEST_METHOD=GET QUERY_STRING='q=%FF&q=2' FOND_DB="$DB" "$FOND_BIN/fond.cgi"
finish
