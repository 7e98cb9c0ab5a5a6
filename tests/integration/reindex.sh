# Re-indexing as an archive does it: incremental runs over a generated
# collection, files that fail, a dry run, a second indexer, and kill -9 of
# the indexer at several points of a run.
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
COL="$TMP/collection"

# A collection: n files, each a few sentences naming its number.
make_collection() { # dir n
  mkdir -p "$1"
  for i in $(seq 1 "$2"); do
    printf 'Telegram %d was sent from Kars to Ankara about the treaty. It spoke of the conference and the border. Reply number %d followed the next day.\n' \
      "$i" "$i" >"$1/t$(printf %04d "$i").txt"
  done
}
revision() { xapian-delve "$1" | sed -n 's/^revision = //p'; }
docs() { xapian-delve "$1" | sed -n 's/^number of documents = //p'; }
summary() { tail -n 1 "$TMP/out"; }
index() { "$INDEX" --db "$DB" "$@" >"$TMP/out" 2>"$TMP/err"; }

make_collection "$COL" 50
check "first run adds every file" index "$COL"
check "... and says so" grep -q '^50 added, 0 updated, 0 removed, 0 unchanged' "$TMP/out"
rev=$(revision "$DB")
check "a run over an unchanged collection" index "$COL"
check "... changes nothing" grep -q '^0 added, 0 updated, 0 removed, 50 unchanged' "$TMP/out"
check "... and writes nothing (revision $rev)" [ "$(revision "$DB")" = "$rev" ]
for spelling in "$COL/" "$COL/./" "$(dirname "$COL")/../$(basename "$(dirname "$COL")")/$(basename "$COL")"; do
  check "the same folder spelt '$spelling'" index "$spelling"
  check "... is the same sources: unchanged" grep -q '^0 added, 0 updated, 0 removed, 50 unchanged' "$TMP/out"
done
"$INDEX" --db "$DB" --json -v "$COL" >"$TMP/json" 2>"$TMP/err" || true
check "--json: the summary as one JSON object, alone on stdout (--verbose to stderr)" \
  bash -c "[ \"\$(jq -c '[.added, .updated, .removed, .unchanged, .skipped, .dry_run]' '$TMP/json')\" = '[0,0,0,50,0,false]' ] && grep -q '^unchanged ' '$TMP/err'"
(cd "$COL" && "$INDEX" --db "$DB" . >"$TMP/out" 2>"$TMP/err")
check "... and '.' from inside it" grep -q '^0 added, 0 updated, 0 removed, 50 unchanged' "$TMP/out"
touch "$COL/t0007.txt"
check "a touched file" index "$COL"
check "... is unchanged, and nothing is written" \
  bash -c "grep -q ' 0 updated' '$TMP/out' && [ \"\$(xapian-delve '$DB' | sed -n 's/^revision = //p')\" = '$rev' ]"

echo "Telegram 3 now speaks of Batumi instead." >"$COL/t0003.txt"
rm "$COL/t0004.txt"
check "a changed and a deleted file" index -v "$COL"
check "... one updated, one removed" grep -q '^0 added, 1 updated, 1 removed, 48 unchanged' "$TMP/out"
check "--verbose names them" bash -c "grep -q '^updated .*t0003.txt' '$TMP/out' && grep -q '^removed .*t0004.txt' '$TMP/out'"
"$SEARCH" --db "$DB" --json batumi >"$TMP/s" || true
check "the new text is found" grep -q 't0003.txt' "$TMP/s"
expect_exit 1 "the deleted file's passages are gone" "$SEARCH" --db "$DB" '"Reply number 4 followed"'
rm "$COL/t0005.txt"
check "--keep-missing keeps a deleted file's passages" index --keep-missing "$COL"
check "... 0 removed" grep -q ' 0 removed' "$TMP/out"

# A file that fails: reported, the run goes on, retried only when it changes.
printf 'ELF\0\0binary' >"$COL/zz-binary.txt"
expect_exit 1 "a binary file: exit 1 (warnings)" "$INDEX" --db "$DB" "$COL"
check "... with its reason" grep -q 'zz-binary.txt: binary file' "$TMP/err"
expect_exit 1 "unchanged, it is skipped, not retried" "$INDEX" --db "$DB" "$COL"
check "... and says why" grep -q 'unchanged since it failed: .*binary' "$TMP/err"
expect_exit 1 "--retry-failed tries it again" "$INDEX" --db "$DB" --retry-failed -v "$COL"
check "... and reports it failed" grep -q 'zz-binary.txt: binary file' "$TMP/err"
rm "$COL/zz-binary.txt"

# On a terminal, a progress bar (files, MB/s, time left); piped, none.
if command -v script >/dev/null; then
  rm -rf "$TMP/ttydb"
  script -qec "'$INDEX' --db '$TMP/ttydb' '$COL'" /dev/null >"$TMP/tty" 2>&1 || true
  check "on a terminal: a progress bar with files, MB/s and ETA" \
    grep -qaE '\[#+-*\] [0-9]+/[0-9]+ files +[0-9.]+ MB/s +ETA [0-9]+:[0-9]{2}' "$TMP/tty"
  "$INDEX" --db "$TMP/ttydb2" "$COL" >"$TMP/piped" 2>&1
  check "piped: no progress bar" lacks 'MB/s' "$TMP/piped"
fi

# A dry run says what would change and writes nothing.
make_collection "$TMP/more" 3
rev=$(revision "$DB")
check "--dry-run" index --dry-run "$COL" "$TMP/more"
check "... lists what would be added" grep -q '^would be added .*more/t0001.txt' "$TMP/out"
check "... and writes nothing" [ "$(revision "$DB")" = "$rev" ]

# A second indexer on the same database fails at once, with a clear message.
# (The first indexes 20 MB, seconds of work; it has walked its files and
# holds the lock well before the second tries.)
mkdir -p "$TMP/big"
for i in $(seq 1 200); do
  awk -v i="$i" 'BEGIN { for (k = 0; k < 1400; k++)
    print "Telegram " i " was sent from Kars to Ankara about the treaty and the border." }' \
    >"$TMP/big/b$i.txt"
done
"$INDEX" -q --db "$TMP/lockdb" "$TMP/big" &
first=$!
sleep 0.5
started=$(date +%s%N)
second=0
"$INDEX" -q --db "$TMP/lockdb" "$TMP/more" 2>"$TMP/lockerr" || second=$?
took=$(( ($(date +%s%N) - started) / 1000000 ))
first_rc=0
wait "$first" || first_rc=$?
check "a second indexer is refused (exit $second)" [ "$second" = 2 ]
check "... at once (${took} ms)" [ "$took" -lt 2000 ]
check "... saying 'locked by another indexer'" grep -q 'locked by another indexer' "$TMP/lockerr"
check "... and the first completes" [ "$first_rc" = 0 ]

# kill -9 at several points: the database opens, holds the last commit, and
# the next run completes it with no duplicate and no lost file.
make_collection "$TMP/killcol" 900
"$INDEX" -q --db "$TMP/clean" "$TMP/killcol"
want=$(docs "$TMP/clean")
# Killed while Xapian created the database: its tables are there, its
# version file (iamglass) is not.  The next run must make it anew.
rm -rf "$TMP/killdb" && mkdir "$TMP/killdb"
printf 'half-written table' >"$TMP/killdb/postlist.glass"
: >"$TMP/killdb/termlist.glass"; : >"$TMP/killdb/flintlock"
check "killed before iamglass: the next run completes" "$INDEX" -q --db "$TMP/killdb" "$TMP/killcol"
check "... $want passages, as a clean run has" [ "$(docs "$TMP/killdb")" = "$want" ]
for delay in 0.01 0.05 0.3 0.8 1.5; do
  rm -rf "$TMP/killdb"
  "$INDEX" -q --db "$TMP/killdb" "$TMP/killcol" &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -e "$TMP/killdb/iamglass" ]; then
    check "killed after ${delay}s: the database opens" xapian-delve "$TMP/killdb"
  fi
  check "killed after ${delay}s: the next run completes" "$INDEX" -q --db "$TMP/killdb" "$TMP/killcol"
  check "... $want passages, as a clean run has" [ "$(docs "$TMP/killdb")" = "$want" ]
  check "... no duplicates (one Q term a document)" \
    [ "$(xapian-delve -1 -A Q "$TMP/killdb" | grep -c "^Q")" = "$want" ]
  "$INDEX" -q --db "$TMP/killdb" "$TMP/killcol" >"$TMP/again"
  check "... and a third run finds nothing to do" [ ! -s "$TMP/again" ] 
done
finish
