# Sharding with Xapian's own machinery: --shards/--jobs write shards and a
# stub; searches through it equal those of a single database; --compact
# merges the shards; and shards served by xapian-tcpsrv on 127.0.0.1,
# named by a stub of "remote" lines, give the same results again.
source "$(dirname "$0")/common.bash"
CGI="$FOND_BIN/fond.cgi"
# The query table: every query of the parser's description table
# (tests/unit/test_query_describe.c) and of the relevance set
# (tests/relevance/queries.tsv), then filters, a misspelling and wildcards.
mapfile -t QUERIES < <({
  sed -n 's/^ *{"\(.*\)", [01],.*/\1/p' "$FOND_SRC/tests/unit/test_query_describe.c" |
    sed 's/\\"/"/g'
  grep -v '^#' "$FOND_SRC/tests/relevance/queries.tsv" | cut -f1
  printf '%s\n' kars tbilisi 'type:telegram' Nakhchivan 'Nakhchivan autonomy' \
    'treaty kars signed' 'treaty NOT moscow' '"Treaty of Moscow"' \
    'date:1921-09..1921-10 conference' 'from:Huseynov' 'to:"Yusif Kamal" conference' \
    'title:kars' 'place:Ankara' 'source:telegrams' 'language:english treaty' \
    'fond:28' '* type:telegram from:Huseynov' nakhichevn 'treat*' 'con*' 'kars~' 'moskow~2'
  # a path's source term, under the key every shard shares
  echo "source:$(realpath "$FOND_SRC")/corpus/narrative/treaty-of-kars-1921.txt kars"
} | awk '!seen[$0]++')

# A search as a user sees it in --json: the hits in order with their
# scores (every digit fond keeps) and fields, the counts and facets of all
# matches (--facets), the suggestion and the truncated wildcards; all but
# when each passage was added (each database was written at its own time)
# and its id (made under each database's own key: a hit is its path and
# ordinal, which the answer holds).
answer() { "$SEARCH" --db "$1" --json --facets --limit 1000 "${@:3}" -- "$2" |
             grep -vE '^      "(added|passage_id)": ' || true; }
# What does not depend on scores: the passages that match, sorted, and the
# counts, suggestion and truncated wildcards.
matches() { answer "$@" | grep -E '^      "(path|ordinal)"|^  "(passages|sources|suggestion|truncated)"' |
              paste - - | sort || true; }
# Xapian 1.4 weighs a word's forms as one term (OP_SYNONYM) by an
# estimate of the passages that hold any of them, made on each shard from
# the forms that shard holds: where a shard lacks a form ("signed" over
# corpus/ split in two: one shard holds "sign" alone) its passages score a
# little differently (0.455 against 0.480 for one passage of "who signed
# for Azerbaijan"; a wildcard's words likewise).  For the queries of such
# a word the same passages match, with the same counts and suggestions.
# Which queries these are depends on the split alone, and a source's shard
# on its file's name (db.c), so the list holds on every machine: over four
# shards, a form of "position" and some of the words con* begins are in
# some shards only.
FORM_SPLIT=('when was the treaty of kars signed' 'who signed for Azerbaijan'
            'treaty kars signed' 'Ordzhonikidze meeting single position' 'con*')
form_split() { local s; for s in "${FORM_SPLIT[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }
# What the start page says of the collection.
welcome() { REQUEST_METHOD=GET QUERY_STRING= FOND_DB=$1 "$CGI" |
              grep -o 'Search [0-9]* passages\? from [0-9]* sources\?' || true; }
same_as_single() { # db label
  local q differ=() split=()
  for q in "${QUERIES[@]}"; do
    if form_split "$q"; then
      cmp -s <(matches "$TMP/single" "$q") <(matches "$1" "$q") || split+=("$q")
    else
      if ! cmp -s <(answer "$TMP/single" "$q") <(answer "$1" "$q"); then
        [ ${#differ[@]} -gt 0 ] || { diff <(answer "$TMP/single" "$q") <(answer "$1" "$q") | head -20 >&2 || true; }
        differ+=("$q")
      fi
    fi
  done
  for q in 'type:telegram' '*' 'from:Huseynov' 'date:1921 kars'; do
    cmp -s <(answer "$TMP/single" "$q" --sort date) <(answer "$1" "$q" --sort date) ||
      differ+=("$q (by date)")
  done
  check "$2: ${#QUERIES[@]} queries answer as in one database${differ[*]:+ (not: ${differ[*]})}" \
    [ ${#differ[@]} -eq 0 ]
  check "$2: ... those whose forms one shard lacks match as many${split[*]:+ (not: ${split[*]})}" \
    [ ${#split[@]} -eq 0 ]
  check "$2: the start page counts the same passages and sources" \
    [ "$(welcome "$1")" = "$(welcome "$TMP/single")" ]
  check "$2: 'from:Huseynov' finds hits" \
    bash -c "[ \$('$SEARCH' --db '$1' --json from:Huseynov | grep -c '\"passage_id\"') -gt 0 ]"
}

"$INDEX" -q --db "$TMP/single" "$FOND_SRC/corpus"
# (so that the comparisons below compare something)
check "one database: 'nakhichevn' suggests nakhichevan" \
  bash -c "'$SEARCH' --db '$TMP/single' --json nakhichevn | grep -q '^  \"suggestion\": \"nakhichevan\"'"
check "one database: 'treat*' and the start page's sources" \
  bash -c "'$SEARCH' --db '$TMP/single' --json 'treat*' | grep -q '\"passage_id\"' &&
           [ \"\$(REQUEST_METHOD=GET QUERY_STRING= FOND_DB='$TMP/single' '$CGI' | grep -o 'from [0-9]* sources')\" = 'from 17 sources' ]"
check "--shards 4 --jobs 2" "$INDEX" -q --shards 4 --jobs 2 --db "$TMP/sharded" "$FOND_SRC/corpus"
check "... writes 4 shards and a stub" \
  bash -c "[ \$(grep -c '^auto shard-0[0-3]$' '$TMP/sharded/XAPIANDB') = 4 ]"
check "... every shard holds passages" \
  bash -c "for s in '$TMP'/sharded/shard-0*; do [ \$(xapian-delve \"\$s\" | sed -n 's/^number of documents = //p') -gt 0 ] || exit 1; done"
same_as_single "$TMP/sharded" "sharded"
"$INDEX" --jobs 2 --db "$TMP/sharded" "$FOND_SRC/corpus" >"$TMP/out"
check "an unchanged re-run with --jobs 2 does nothing" grep -q '^0 added, 0 updated, 0 removed, 17 unchanged' "$TMP/out"
expect_exit 0 "--jobs 2 on an unsharded database: one writer, readers ahead (integration.jobs_readers)" \
  "$INDEX" --jobs 2 --db "$TMP/single" "$FOND_SRC/corpus"

cp -r "$TMP/sharded" "$TMP/tocompact"
check "--compact merges the shards" "$INDEX" -q --compact --db "$TMP/tocompact"
check "... into one database" bash -c "[ ! -e '$TMP/tocompact/XAPIANDB' ] && [ -e '$TMP/tocompact/iamglass' ]"
same_as_single "$TMP/tocompact" "compacted"

# Across machines: each shard behind its own xapian-tcpsrv, on loopback.
# On SIGTERM xapian-tcpsrv signals its whole process group (to stop the
# children it forks a connection), so each runs in a session of its own
# (setsid): in this script's group, stopping one would stop the script.
pids=()
stop_servers() {
  local p
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  done
  pids=()
}
trap stop_servers EXIT
port=$((20000 + RANDOM % 20000))
: >"$TMP/remote.stub"
for s in "$TMP"/sharded/shard-0*; do
  while :; do
    setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$s" </dev/null >/dev/null 2>&1 &
    pid=$!
    sleep 0.3
    if kill -0 "$pid" 2>/dev/null; then break; fi
    port=$((port + 1)) # taken: the next one
  done
  pids+=("$pid")
  echo "remote 127.0.0.1:$port" >>"$TMP/remote.stub"
  port=$((port + 1))
done
same_as_single "$TMP/remote.stub" "through xapian-tcpsrv"
id=$("$SEARCH" --db "$TMP/sharded" --json kars | sed -n 's/^      "passage_id": "\(.*\)",$/\1/p' | head -1)
check "an id from the shards' results: --show reads its source through the stub" \
  bash -c "'$SEARCH' --db '$TMP/sharded' --show '$id' | grep -q Kars"
check "... and through xapian-tcpsrv" \
  bash -c "'$SEARCH' --db '$TMP/remote.stub' --show '$id' | grep -q Kars"
served=("${pids[@]}")
stop_servers
check "SIGTERM stops the servers" \
  bash -c "for p in ${served[*]}; do ! kill -0 \$p 2>/dev/null || exit 1; done"
check "... and --compact of the shards they served works at once" \
  timeout 60 "$INDEX" -q --compact --db "$TMP/sharded"
same_as_single "$TMP/sharded" "compacted after serving"

finish
