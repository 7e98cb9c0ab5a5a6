# A text of distinct random words (a hostile file, or a corrupt one read as
# text): every word is indexed and found, and memory stays bounded.  Each
# new word costs Xapian memory until the batch is written (its posting
# list); fond-index wrote Xapian's spelling table too, which held some 700
# bytes a new word until the commit: 18 MB of such words took 1.6 GB
# uncapped, and this file 497 MB, then 197 MB with a cap on a batch's
# words.  Nothing reads that table (suggestions come from the words
# themselves), and with it gone this file takes 81 MB (18 MB of such
# words, 129 MB).
source "$(dirname "$0")/common.bash"
mkdir -p "$TMP/src"
python3 - "$TMP/src/flood.txt" <<'PY'
import random, sys
r = random.Random(15)
letters = "abcdefghijklmnopqrstuvwxyz"
with open(sys.argv[1], "w") as f:
    for i in range(600000):
        f.write("".join(r.choice(letters) for _ in range(8)))
        f.write("\n" if i % 12 == 11 else " ")
PY
first=$(head -c 8 "$TMP/src/flood.txt")
last=$(tail -c 10 "$TMP/src/flood.txt" | tr -dc a-z | tail -c 8)

/usr/bin/time -f '%M' -o "$TMP/rss" "$INDEX" -q --db "$TMP/db" "$TMP/src"
rss_mb=$(( $(tail -1 "$TMP/rss") / 1024 ))
echo "peak RSS indexing 600,000 distinct words (5.4 MB): $rss_mb MB"
for w in "$first" "$last"; do
  check "the word '$w' is found" bash -c "'$SEARCH' --db '$TMP/db' --json '$w' | grep -q '\"passage_id\"'"
done
check "no spelling table is written (nothing reads it)" [ ! -e "$TMP/db/spelling.glass" ]
if [ "${FOND_SANITIZED:-OFF}" = ON ]; then
  echo "note: built with sanitizers: the memory bound is checked in the plain build"
else
  check "peak memory ($rss_mb MB) at most 150 MB" [ "$rss_mb" -le 150 ]
fi
finish
