# Misread words found without asking (docs/query-language.md, "Misread words"): a word OCR
# misread ("govemment", "rn" read as "m"; "commitlee") in a source of OCR'd
# text is found by a search for its right spelling, with no `~`, ranked
# below the passages that hold the word itself, and shown as "matched as";
# two common words one letter apart ("hear", "bear") are never taken for
# each other; a link whose misread word is gone is pruned.  The wider OCR
# confusions: a short word with one letter OCR takes for another ("cest"
# for "cost", e/o), a word of two letters ("ef" for "of"), and the
# misreadings of a stopword found by a search for it alone ("trom" by
# "from"), and a misreading too frequent to be rare, held in a few
# passages where its right word is in nearly all ("rnill" by "mill").
source "$(dirname "$0")/common.bash"
mkdir -p "$TMP/src"
# Six clean letters, each with the right words (and "hear" and "bear",
# both common), one a source.
for i in 1 2 3 4 5 6; do
  cat >"$TMP/src/letter$i.txt" <<T
Title: Letter $i to the committee

The government of the province asks the committee to hear the petition
of the river towns, which must bear the cost of the new dam, number $i.
T
done
# What OCR gave back of a printed page: the same words, two misread.
cat >"$TMP/src/scan.txt" <<'T'
Title: Printed report of the river board

The report says that the govemment of the province has told the
commitlee that the towns upstream were flooded in the spring.
T
expect_exit 0 "the collection is indexed" "$INDEX" -v --db "$TMP/db" "$TMP/src"
check "the run says it linked misread words" grep -q "linked 2 misread words" "$TMP/out"

# found_as WORD MISREAD: a search for WORD (no ~) finds the scan as its
# last hit, below every letter, shown as matched as MISREAD.
found_as() {
  "$SEARCH" --db "$TMP/db" --json "$1" >"$TMP/hits.json" 2>&1 || return 1
  hit_names <"$TMP/hits.json" >"$TMP/names"
  [ "$(wc -l <"$TMP/names")" -eq 7 ] && tail -n 1 "$TMP/names" | grep -q '/scan.txt#1$' &&
    grep -q "\"variants\": \[\"$2\"\]" "$TMP/hits.json" &&
    "$SEARCH" --db "$TMP/db" "$1" | grep -q "matched as: $2\$"
}
check "government finds govemment, below the letters, matched as govemment" \
  found_as government govemment
check "committee finds commitlee, below the letters, matched as commitlee" \
  found_as committee commitlee
# The misread word itself finds the scan first (its own word).
check "govemment finds the scan" \
  sh -c "'$SEARCH' --db '$TMP/db' --json govemment | grep -q '\"path\": \".*/scan.txt\"'"

# Two common words are never linked: "hear" finds the six letters, each by
# "hear" itself, and nothing is matched as "bear".
"$SEARCH" --db "$TMP/db" --json hear >"$TMP/hear.json"
check "hear is matched as nothing else" \
  sh -c "! grep -q '\"variants\": \[\"' '$TMP/hear.json'"
check "hear finds the six letters alone" \
  sh -c "[ \$(hit_names() { grep -cE '^      \"path\": '; }; hit_names <'$TMP/hear.json') -eq 6 ]"

# Split into shards written by two jobs, the collection links as one
# database does: fond-index links once the jobs are done.
expect_exit 0 "--shards 2 --jobs 2 indexes it" \
  "$INDEX" -v --shards 2 --jobs 2 --db "$TMP/sharded" "$TMP/src"
check "... and links the misread words once, over both shards" \
  grep -q "linked 2 misread words" "$TMP/out"
check "... where government finds govemment as in one database" \
  sh -c "'$SEARCH' --db '$TMP/sharded' government | grep -q 'matched as: govemment\$'"

# The scan gone, its links are pruned.
rm "$TMP/src/scan.txt"
expect_exit 0 "the collection is indexed again" "$INDEX" -v --db "$TMP/db" "$TMP/src"
check "the links of the gone misreadings are pruned" grep -q "2 links pruned" "$TMP/out"
"$SEARCH" --db "$TMP/db" --json government >"$TMP/gov.json"
check "government finds the six letters, matched as nothing else" \
  sh -c "[ \$(grep -cE '^      \"path\": ' '$TMP/gov.json') -eq 6 ] && ! grep -q '\"variants\": \[\"' '$TMP/gov.json'"
# The wider confusions, in a collection of sixty clean letters (a word of
# two letters needs its right word SHORT_EVIDENCE times as often) and one
# scan.
mkdir -p "$TMP/wide"
for i in $(seq 1 60); do
  printf 'Title: Note %d\n\nThe cost of the new dam, number %d, was paid from the river fund.\n' \
    "$i" "$i" >"$TMP/wide/note$i.txt"
done
cat >"$TMP/wide/scan.txt" <<'T'
Title: Printed account of the river board

The cest ef the weir was met trom the toll.
T
expect_exit 0 "the wider collection is indexed" "$INDEX" -q --db "$TMP/wide.db" "$TMP/wide"
# wide_found WORD MISREAD: WORD (no ~) finds the scan, below every note,
# matched as MISREAD.
wide_found() {
  "$SEARCH" --db "$TMP/wide.db" --json --limit 100 "$1" >"$TMP/wide.json" 2>&1 || return 1
  hit_names <"$TMP/wide.json" >"$TMP/names"
  [ "$(wc -l <"$TMP/names")" -eq 61 ] && tail -n 1 "$TMP/names" | grep -q '/scan.txt#1$' &&
    grep -q "\"variants\": \[\"$2\"\]" "$TMP/wide.json" &&
    "$SEARCH" --db "$TMP/wide.db" --limit 100 "$1" | grep -q "matched as: $2\$"
}
check "cost finds cest (e read as o), below the notes, matched as cest" wide_found cost cest
check "of, alone, finds ef (a word of two letters), matched as ef" wide_found of ef
check "from, alone, finds trom (a stopword's misreading), matched as trom" wide_found from trom
check "cest itself still finds the scan first" \
  sh -c "'$SEARCH' --db '$TMP/wide.db' --json cest | grep -q '\"path\": \".*/scan.txt\"'"
# A misreading more frequent than rare (four passages of 2,100) but held
# SCARCE_EVIDENCE times fewer than its right word: linked, by a confusion.
mkdir -p "$TMP/big"
awk -v dir="$TMP/big" 'BEGIN {
  split("mill lane river town clerk board fund toll weir bridge road market", v, " ")
  srand(1)
  for (f = 0; f < 3; f++) {
    file = dir "/book" f ".txt"
    printf "Title: Book %d\n\n", f >file
    for (i = 0; i < 700; i++) {
      n = f * 700 + i
      if (n % 500 == 7 && n < 2000) {
        printf "Paragraph %d: the quay rnill was shut.\n\n", n >file
        continue
      }
      line = "Paragraph " n " went to the"
      for (k = 0; k < 150; k++) line = line " " v[1 + int(rand() * 12)]
      printf "%s.\n\n", line >file
    }
  }
}'
expect_exit 0 "a collection of 2,100 passages is indexed" "$INDEX" -q --db "$TMP/big.db" "$TMP/big"
"$SEARCH" --db "$TMP/big.db" --json "mill quay" >"$TMP/big.json" 2>&1
check "mill quay finds the four passages of rnill, matched as rnill" \
  sh -c "[ \$(grep -c '\"variants\": \[\"rnill\"\]' '$TMP/big.json') -eq 4 ]"
finish
