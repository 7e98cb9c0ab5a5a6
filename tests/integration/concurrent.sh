# Searches while the collection is re-indexed: fond-search and fond.cgi run
# in a loop while fond-index rewrites and commits the same sources, round
# after round.  No search may fail: each sees one committed state whole.
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
col="$TMP/col"
for i in $(seq 1 8); do mkdir -p "$col/c$i"; cp -r "$FOND_SRC/corpus/." "$col/c$i/"; done
"$INDEX" -q --db "$DB" "$col"
start_web "$DB"
ROUNDS=${ROUNDS:-15}

# The indexer: each round changes every narrative copy (so each run
# replaces hundreds of passages) and re-indexes, committing.
reindex_rounds() {
  local r
  for r in $(seq 1 "$ROUNDS"); do
    for f in "$col"/c*/narrative/*.txt; do echo "Round $r of re-indexing." >>"$f"; done
    "$INDEX" -q --db "$DB" "$col" || echo "indexer failed in round $r" >>"$TMP/indexer.err"
  done
}
reindex_rounds &
indexer=$!

queries=(kars 'Nakhchivan autonomy' Tbilisi '"Treaty of Moscow"' 'type:telegram' 'date:1921-09..1921-10 conference' 'round')
searches=0 cli_failed=0 cgi_failed=0
while kill -0 "$indexer" 2>/dev/null; do
  q=${queries[$((searches % ${#queries[@]}))]}
  rc=0
  "$SEARCH" --db "$DB" --json "$q" >"$TMP/cli.out" 2>>"$TMP/cli.err" || rc=$?
  [ "$rc" -le 1 ] || cli_failed=$((cli_failed + 1))
  status=$(curl -s -o "$TMP/cgi.out" -w '%{http_code}' -G --data-urlencode "q=$q" "$URL/") || status=000
  [ "$status" = 200 ] || { cgi_failed=$((cgi_failed + 1)); echo "$status $q" >>"$TMP/cgi.err"; }
  searches=$((searches + 1))
done
wait "$indexer"
echo "$searches CLI and $searches CGI searches during $ROUNDS re-indexing rounds"
check "the indexer ran every round" [ ! -s "$TMP/indexer.err" ]
check "searches ran meanwhile ($searches)" [ "$searches" -ge 10 ]
check "no fond-search failed ($cli_failed)" [ "$cli_failed" -eq 0 ]
check "no fond.cgi request failed ($cgi_failed)" [ "$cgi_failed" -eq 0 ]
"$SEARCH" --db "$DB" --json --limit 1000 "Round $ROUNDS" >"$TMP/last"
check "afterwards, searches see the last round" grep -q "Round $ROUNDS of re-indexing" "$TMP/last"
[ -s "$TMP/cli.err" ] && cat "$TMP/cli.err" >&2
[ -s "$TMP/cgi.err" ] && cat "$TMP/cgi.err" >&2
finish
