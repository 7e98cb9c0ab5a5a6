# The query language and result shapes, as a historian meets them on the
# sample corpus: other spellings, date ranges, suggestions, and the options.
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
"$INDEX" -q --db "$DB" "$FOND_SRC/corpus"
search() { "$SEARCH" --db "$DB" "$@" || true; }

# Another spelling of a name finds the spelling the source uses; the
# passage first is the one that makes Nakhichevan autonomous (its words in
# the order typed, close together), not the one that says "autonomy" most.
search --json --limit 1 Nakhchivan autonomy >"$TMP/nakh"
check "Nakhchivan autonomy: first, Nakhichevan autonomous under Azerbaijan's protection" \
  texts_hold "$TMP/nakh" 'Nakhichevan province (as|should be) an autonomous (region|territory) under the protection of Azerbaijan'
check "... and says which variant matched" grep -q '"variants": \["Nakhichevan"\]' "$TMP/nakh"
search --json --limit 100 Nakhchivan autonomy >"$TMP/nakh_all"
check "both treaties' protection passages are among the first three" \
  bash -c "grep '^      \"text\"' '$TMP/nakh_all' | head -3 | grep -c 'autonomous [a-z]* under the protection of Azerbaijan' | grep -qx 2"
search --json Tbilisi >"$TMP/tbilisi"
check "Tbilisi finds the Tiflis passages" texts_hold "$TMP/tbilisi" 'Tiflis'
search --json Hanecki >"$TMP/hanecki"
check "Hanecki finds Ganetskiy" texts_hold "$TMP/hanecki" 'Ganetskiy'
search --json 'Yusuf Kemal' >"$TMP/kemal"
check "Yusuf Kemal finds Yusif Kamal" texts_hold "$TMP/kemal" 'Yusif Kamal'
search Tbilisi >"$TMP/tbilisi.txt"
check "text output says which variant matched" grep -q 'matched as: Tiflis' "$TMP/tbilisi.txt"

# Date ranges: only passages dated in the range; the opening among the first.
search --json --limit 100 'date:1921-09..1921-10 conference' >"$TMP/dated"
# each hit's own date and the dates it mentions, on one line
grep -E '^      "(date|dates)"' "$TMP/dated" | paste - - >"$TMP/dated.lines"
check "date range: hits ($(wc -l <"$TMP/dated.lines"))" [ -s "$TMP/dated.lines" ]
check "... every one dated or mentioning a day in Sept-Oct 1921" \
  bash -c "! grep -vqE '1921-(09|10)' '$TMP/dated.lines'"
check "... the opening of the Kars conference among the first three" \
  bash -c "grep '^      \"text\"' '$TMP/dated' | head -3 | grep -q 'opening of the Kars conference'"

# Did you mean.
search nakhichevn >"$TMP/typo"
check "nakhichevn suggests nakhichevan" grep -q 'Did you mean: nakhichevan' "$TMP/typo"
search --json nakhichevn >"$TMP/typo.json"
check "... in JSON too" grep -q '"suggestion": "nakhichevan"' "$TMP/typo.json"
search when was the treaty of kars signed >"$TMP/question"
check "a question's stopwords are not corrected (the corpus has no 'when')" \
  bash -c "! grep -q 'Did you mean' '$TMP/question'"
search when was the treaty of kras signed >"$TMP/question_typo"
check "... but its misspelt word is" \
  grep -q 'Did you mean: when was the treaty of kars signed' "$TMP/question_typo"

# Result shapes.
search --per-source 1 --limit 50 conference >"$TMP/collapse"
narrative=$(grep -c 'corpus/narrative/' "$TMP/collapse" || true)
check "--per-source 1: one narrative passage ($narrative)" [ "$narrative" -eq 1 ]
check "... with a count of the rest" grep -q 'more in this source' "$TMP/collapse"
search --sort date --json --limit 100 'type:telegram' >"$TMP/bydate"
check "--sort date: telegrams oldest first" \
  bash -c "grep '^      \"date\"' '$TMP/bydate' | cut -d'\"' -f4 | sort -c"
search --facets conference >"$TMP/facets"
check "--facets counts by type" grep -qE '^By type: .*telegram \([0-9]+\)' "$TMP/facets"
check "--facets counts by year" grep -qE '^By year: .*1921 \([0-9]+\)' "$TMP/facets"
id=$(search --json --limit 1 autonomous | grep -o '"passage_id": "[^"]*"' | cut -d'"' -f4)
search --json --like "$id" >"$TMP/like"
check "--like finds other passages" grep -q '"passage_id"' "$TMP/like"
check "... not the passage itself" lacks "\"passage_id\": \"$id\"" "$TMP/like"
search --kwic --kwic-sort left Ankara >"$TMP/kwic"
check "--kwic: one line an occurrence, aligned" \
  bash -c "[ \$(grep -c '\[Ankara\]' '$TMP/kwic') -ge 5 ] && [ \$(awk '{print index(\$0, \"[Ankara]\")}' '$TMP/kwic' | sort -u | wc -l) -le 2 ]"

# source: the words of a source's path.
search --json --limit 100 'source:chicherin' >"$TMP/bysource"
check "source:chicherin: hits" grep -q '"path": "[^"]*chicherin' "$TMP/bysource"
check "... and only from sources whose path names Chicherin" \
  bash -c "! grep '^      \"path\"' '$TMP/bysource' | grep -qv chicherin"
# ... of its name, the path under the folder indexed: not the folders above.
above=$(basename "$(dirname "$(realpath "$FOND_SRC/corpus")")")
search --json --limit 100 "source:$above" >"$TMP/byabove"
check "source: a folder above the one indexed ('$above') finds nothing" lacks '"passage_id"' "$TMP/byabove"
# An absolute path, as a hit shows it, names that one file.
one=$(grep -m1 '^      "path"' "$TMP/bysource" | cut -d'"' -f4)
search --json --limit 100 "source:\"$one\"" >"$TMP/byfile"
check "source:\"<absolute path>\": hits" grep -q '"passage_id"' "$TMP/byfile"
check "... all of that file" bash -c "! grep '^      \"path\"' '$TMP/byfile' | grep -qvF '\"$one\"'"

# Malformed queries: one line, exit 2, the column named.
expect_exit 2 "unbalanced parenthesis: exit 2" "$SEARCH" --db "$DB" '(kars OR moscow'
check "... names the column" grep -q 'column 1' "$TMP/err"
expect_exit 2 "unknown field: exit 2" "$SEARCH" --db "$DB" 'colour:red'
expect_exit 2 "bad date: exit 2" "$SEARCH" --db "$DB" 'date:1921-13'
expect_exit 2 "bad --sort: exit 2" "$SEARCH" --db "$DB" --sort size kars
finish
