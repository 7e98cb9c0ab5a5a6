# Index corpus/ with the real programs, then search it as a user would.
source "$(dirname "$0")/common.bash"
DB="$TMP/db"

"$INDEX" --db "$DB" "$FOND_SRC/corpus" >"$TMP/index.out"
check "index summary names the passages" grep -q "passages" "$TMP/index.out"

# A question in plain words ranks the signing date first.
"$SEARCH" --db "$DB" --json --limit 1 'when was the treaty of kars signed' >"$TMP/q1"
check "question: first passage holds '13 October 1921'" \
  texts_hold "$TMP/q1" '13 October 1921'

# Folding: no accents or capitals needed.
"$SEARCH" --db "$DB" --json --limit 100 sevres >"$TMP/sevres"
check "sevres finds passages with 'Sevres'" grep -q 'Treaty of Sevres' "$TMP/sevres"
check "every sevres hit holds it" every_text_holds "$TMP/sevres" 'sevres'
"$SEARCH" --db "$DB" --json emigres >"$TMP/emigres"
check "emigres finds 'émigrés'" grep -q 'émigrés' "$TMP/emigres"

# A phrase finds only passages with the words together, in order.
"$SEARCH" --db "$DB" --json --limit 1000 '"Treaty of Moscow"' >"$TMP/phrase"
hits=$(json_texts <"$TMP/phrase" | wc -l)
check "phrase has hits ($hits)" [ "$hits" -gt 0 ]
check "every phrase hit holds 'Treaty of Moscow'" \
  every_text_holds "$TMP/phrase" 'treaty( |\\n)+of( |\\n)+moscow'
"$SEARCH" --db "$DB" --json --limit 1000 treaty moscow >"$TMP/words"
words=$(json_texts <"$TMP/words" | wc -l)
check "words without quotes find more passages ($words > $hits)" [ "$words" -gt "$hits" ]

# Highlighting: brackets when piped, bold never with NO_COLOR, none on request.
"$SEARCH" --db "$DB" kars >"$TMP/plain"
check "piped output marks matches with [brackets]" grep -q '\[Kars\]' "$TMP/plain"
check "piped output has no escape codes" lacks $'\033' "$TMP/plain"
"$SEARCH" --db "$DB" --highlight bold kars >"$TMP/bold"
check "--highlight bold uses the terminal's bold" grep -q $'\033\\[1mKars' "$TMP/bold"
"$SEARCH" --db "$DB" --highlight none kars >"$TMP/none"
check "--highlight none marks nothing" lacks '[Kars]' "$TMP/none"
check "result names its source" grep -q 'corpus/narrative/treaty-of-kars-1921.txt' "$TMP/plain"
check "result names its passage and its id" grep -qE '^1\. .*, passage [0-9]+  [0-9a-f]{16}-[0-9]+$' "$TMP/plain"

# Paging: --offset skips exactly the passages before it.
"$SEARCH" --db "$DB" --json --limit 4 kars | json_texts >"$TMP/p_all"
"$SEARCH" --db "$DB" --json --limit 2 --offset 2 kars | json_texts >"$TMP/p_2"
check "--offset 2 --limit 2 is hits 3-4" bash -c "tail -n 2 '$TMP/p_all' | cmp -s - '$TMP/p_2'"

# Exit codes and messages.
expect_exit 0 "hits: exit 0" "$SEARCH" --db "$DB" kars
expect_exit 1 "no hits: exit 1" "$SEARCH" --db "$DB" xylophonezzz
expect_exit 2 "unknown option: exit 2" "$SEARCH" --db "$DB" --frobnicate kars
expect_exit 2 "bad --limit: exit 2" "$SEARCH" --db "$DB" --limit -3 kars
check "bad --limit says why" grep -q -- '--limit takes a number' "$TMP/err"
expect_exit 2 "unbalanced quote: exit 2" "$SEARCH" --db "$DB" '"treaty of'
check "unbalanced quote names the column" grep -q 'column 1' "$TMP/err"
expect_exit 2 "missing database: exit 2" "$SEARCH" --db "$TMP/nothing-here" kars
check "missing database says so in one line" \
  bash -c "[ \$(wc -l < '$TMP/err') -eq 1 ] && grep -q 'no fond database' '$TMP/err'"
expect_exit 2 "no words: exit 2" "$SEARCH" --db "$DB"

# The default database: $FOND_DB, else $XDG_DATA_HOME/fond/db.
FOND_DB="$TMP/envdb" "$INDEX" -q "$FOND_SRC/corpus"
check "FOND_DB is the default database" \
  bash -c "FOND_DB='$TMP/envdb' '$SEARCH' kars >/dev/null"
XDG_DATA_HOME="$TMP/xdg" "$INDEX" -q "$FOND_SRC/corpus"
check "XDG_DATA_HOME/fond/db otherwise" test -d "$TMP/xdg/fond/db"
check "--help explains the exit status" bash -c "'$SEARCH' --help | grep -q 'Exit status'"
check "fond-index --help too" bash -c "'$INDEX' --help | grep -q 'Exit status'"

# Xapian's own tools read the database: one document a passage.
passages=$(sed -n 's/.* \([0-9][0-9]*\) passages.*/\1/p' "$TMP/index.out")
docs=$(xapian-delve "$DB" | sed -n 's/^number of documents = //p')
check "xapian-delve sees one document a passage ($docs = $passages)" \
  [ -n "$docs" ] && [ "$docs" = "$passages" ]

# Re-indexing the same files replaces their passages: no duplicates.
"$INDEX" -q --db "$DB" "$FOND_SRC/corpus"
again=$(xapian-delve "$DB" | sed -n 's/^number of documents = //p')
check "re-indexing keeps $docs documents (now $again)" [ "$again" = "$docs" ]
finish
