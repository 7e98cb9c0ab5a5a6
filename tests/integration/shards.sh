# Sharding with Xapian's own machinery: --shards/--jobs write shards and a
# stub; searches through it equal those of a single database; --compact
# merges the shards; and shards served by xapian-tcpsrv on 127.0.0.1,
# named by a stub of "remote" lines, give the same results again.
source "$(dirname "$0")/common.bash"
QUERIES=(kars tbilisi 'type:telegram' Nakhchivan 'Nakhchivan autonomy' 'treaty kars signed' 'treaty NOT moscow' '"Treaty of Moscow"' 'date:1921-09..1921-10 conference'
         'from:Huseynov' 'to:"Yusif Kamal" conference' 'title:kars' 'place:Ankara' 'source:telegrams' 'language:english treaty' 'fond:28' '* type:telegram from:Huseynov'
         # a path's source term, under the key every shard shares
         "source:$(realpath "$FOND_SRC")/corpus/narrative/treaty-of-kars-1921.txt kars")

# Each hit (of the first LIMIT, default 1000) as "path#ordinal score"
# (hit_names: a passage's id is the database's own), sorted: the same set
# with the same scores (hits of equal score may come in another order from
# shards).
hits() { local json
         json=$("$SEARCH" --db "$1" --json --limit "${3:-1000}" "$2") || true
         paste -d ' ' <(hit_names <<<"$json") \
           <(sed -n 's/^      "score": \([^,]*\),$/\1/p' <<<"$json") | sort; }
# Past the passages with every word, the soft reading ORs the words, and
# Xapian weighs a few passages of that OR a little differently over shards
# (2.65 against 2.60 for one passage of 'treaty kars signed' over corpus/):
# for such a query, the first page's scores (all of its passages hold
# every word) and every match's id.
SOFT=('treaty kars signed')
is_soft() { local s; for s in "${SOFT[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }
matches() { "$SEARCH" --db "$1" --json --limit 1000 "$2" | hit_names | sort || true; }
# What the hits show of their sources (from each source's record), sorted.
shown() { "$SEARCH" --db "$1" --json --limit 1000 "$2" |
            grep -E '^      "(path|ordinal|title|type|date|from|to|place|language|archive_ref)": ' | sort || true; }
same_as_single() { # db label
  local q
  for q in "${QUERIES[@]}"; do
    if is_soft "$q"; then
      check "$2: '$q' as in one database" cmp -s <(hits "$TMP/single" "$q" 10) <(hits "$1" "$q" 10)
      check "$2: '$q' matches as many" cmp -s <(matches "$TMP/single" "$q") <(matches "$1" "$q")
    else
      check "$2: '$q' as in one database" cmp -s <(hits "$TMP/single" "$q") <(hits "$1" "$q")
    fi
  done
  for q in 'from:Huseynov' 'type:telegram' 'source:narrative kars'; do
    check "$2: '$q' shows the same source fields" cmp -s <(shown "$TMP/single" "$q") <(shown "$1" "$q")
  done
  check "$2: 'from:Huseynov' finds hits" [ "$(hits "$1" from:Huseynov | wc -l)" -gt 0 ]
}

"$INDEX" -q --db "$TMP/single" "$FOND_SRC/corpus"
check "--shards 4 --jobs 2" "$INDEX" -q --shards 4 --jobs 2 --db "$TMP/sharded" "$FOND_SRC/corpus"
check "... writes 4 shards and a stub" \
  bash -c "[ \$(grep -c '^auto shard-0[0-3]$' '$TMP/sharded/XAPIANDB') = 4 ]"
check "... every shard holds passages" \
  bash -c "for s in '$TMP'/sharded/shard-0*; do [ \$(xapian-delve \"\$s\" | sed -n 's/^number of documents = //p') -gt 0 ] || exit 1; done"
same_as_single "$TMP/sharded" "sharded"
"$INDEX" --jobs 2 --db "$TMP/sharded" "$FOND_SRC/corpus" >"$TMP/out"
check "an unchanged re-run with --jobs 2 does nothing" grep -q '^0 added, 0 updated, 0 removed, 17 unchanged' "$TMP/out"
expect_exit 2 "--jobs on an unsharded database is refused" "$INDEX" --jobs 2 --db "$TMP/single" "$FOND_SRC/corpus"

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
