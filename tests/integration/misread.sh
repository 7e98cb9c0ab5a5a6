# Misread words found without asking (docs/query-language.md, "Misread words"): a word OCR
# misread ("govemment", "rn" read as "m"; "commitlee") in a source of OCR'd
# text is found by a search for its right spelling, with no `~`, ranked
# below the passages that hold the word itself, and shown as "matched as";
# two common words one letter apart ("hear", "bear") are never taken for
# each other; a link whose misread word is gone is pruned.
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
finish
