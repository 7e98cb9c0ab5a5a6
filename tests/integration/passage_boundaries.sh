# Passage boundaries as a user meets them: a query whose words straddle two
# passages (most of them at the end of one, the rest at the start of the
# next) finds the passage holding most of it first, ahead of a short
# passage elsewhere that holds as many of its words and nothing beside, and
# the hit stays that passage (its text is the passage's, not its
# neighbour's).  Without the neighbours' evidence BM25 put the short
# passage first: the straddling words held by the passage after added
# nothing.
#
# Each of CASES documents is made here, seeded (awk's srand), of 12
# sentences of 100 to 110 bytes, so that fond cuts it into two passages of
# 6 sentences (passage.h: a passage ends at the first sentence end at or
# past 600 bytes); three made-up words in sentence 6, the fourth in
# sentence 7.  A short document holds the three words and not the fourth.
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
SRC="$TMP/src"
CASES=8
mkdir -p "$SRC"

grep -rhoE '[a-z]{4,9}' "$FOND_SRC/corpus" | sort -u >"$TMP/words"
awk -v out="$SRC" -v cases="$CASES" '
  BEGIN { srand(30) }
  { w[n++] = $0 }
  function made_up(   s, i) {   # a word no text has: 9 letters of its own
    s = "q"; for (i = 0; i < 8; i++) s = s substr("bdfgklmnprstvz", 1 + int(rand() * 14), 1)
    return s
  }
  # A sentence of 100 to 110 bytes with the given words in it.
  function sentence(planted,   s) {
    s = "The" (planted != "" ? " " planted : "")
    while (length(s) < 98) s = s " " w[int(rand() * n)]
    return s "."
  }
  END {
    for (c = 1; c <= cases; c++) {
      a = made_up(); b = made_up(); d = made_up(); e = made_up()
      print a " " b " " d " " e > (out "/../queries")
      f = sprintf("%s/long-%02d.txt", out, c)
      printf "Title: Long %d\n\n", c > f
      for (k = 1; k <= 12; k++)
        printf "%s ", sentence(k == 6 ? a " " b " " d : k == 7 ? e : "") > f
      printf "\n" > f; close(f)
      f = sprintf("%s/short-%02d.txt", out, c)
      printf "Title: Short %d\n\nThe %s and %s and %s.\n", c, a, b, d > f; close(f)
      for (k = 1; k <= 3; k++) {  # other documents, none of the words
        f = sprintf("%s/other-%02d-%d.txt", out, c, k)
        printf "Title: Other\n\n" > f
        for (j = 1; j <= 8; j++) printf "%s ", sentence("") > f
        printf "\n" > f; close(f)
      }
    }
  }' "$TMP/words"

"$INDEX" -q --db "$DB" "$SRC"

# Each long document is the two passages it was made to be.
for c in $(seq -f %02g 1 "$CASES"); do
  "$SEARCH" --db "$DB" --json --limit 5 "source:long-$c" >"$TMP/long.json"
  check "long-$c is cut into two passages" \
    bash -c "[ \$(grep -c '\"ordinal\":' '$TMP/long.json') -eq 2 ]"
done

c=0
while read -r a b d e; do
  c=$((c + 1))
  name=$(printf 'long-%02d.txt#1' "$c")
  "$SEARCH" --db "$DB" --json --limit 3 "$a $b $d $e" >"$TMP/hits.json"
  first=$(hit_names <"$TMP/hits.json" | head -1)
  check "case $c: the passage holding most of the query is first ($first)" \
    bash -c "[ '${first##*/}' = '$name' ]"
  # the hit is that passage: its three words, not the fourth beside it
  text=$(grep -m1 '^      "text": ' "$TMP/hits.json" || true)
  check "case $c: the first hit's text is its own passage's" \
    bash -c "grep -q '$a' <<<\"\$1\" && ! grep -q '$e' <<<\"\$1\"" _ "$text"
  # its score is BM25's, without the bonus of words held or beside
  score=$(grep -m1 '^      "score": ' "$TMP/hits.json" | tr -dc '0-9.')
  check "case $c: the score shown is the BM25 part ($score)" \
    awk -v s="$score" 'BEGIN { exit !(s > 0 && s < 100) }'
  # no passage holds every word: the results still say so
  check "case $c: the results say no passage holds every word" \
    grep -q '"loosened": true' "$TMP/hits.json"
done <"$TMP/queries"
check "every case ran" [ "$c" -eq "$CASES" ]

[ "$failures" -eq 0 ]
