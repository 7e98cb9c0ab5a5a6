# The command line as a Unix user types it: a -word after the first word is
# the query's NOT, not an option; each hit's heading ends with the passage id
# that --show and --like take.
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
"$INDEX" -q --db "$DB" "$FOND_SRC/corpus"
ids() { { grep -o '"passage_id": "[^"]*"' || true; } | cut -d'"' -f4 | sort; }

# treaty -ankara: the passages of treaty that do not say Ankara.
expect_exit 0 "treaty -ankara searches (exit 0)" "$SEARCH" --db "$DB" treaty -ankara
for q in "treaty -ankara" "treaty NOT ankara" "treaty"; do
  # shellcheck disable=SC2086 # the words as a user types them
  "$SEARCH" --db "$DB" --json --limit 1000 $q >"$TMP/hits.json" || true
  ids <"$TMP/hits.json" >"$TMP/$q.ids"
done
"$SEARCH" --db "$DB" --json --limit 1000 treaty -ankara >"$TMP/not.json" || true
check "... the same passages as 'treaty NOT ankara' ($(wc -l <"$TMP/treaty NOT ankara.ids"))" \
  bash -c "[ -s '$TMP/treaty NOT ankara.ids' ] && cmp -s '$TMP/treaty -ankara.ids' '$TMP/treaty NOT ankara.ids'"
check "... none of them saying Ankara" no_text_holds "$TMP/not.json" '[Aa]nkara'
check "... fewer than treaty alone finds ($(wc -l <"$TMP/treaty.ids"))" \
  [ "$(wc -l <"$TMP/treaty -ankara.ids")" -lt "$(wc -l <"$TMP/treaty.ids")" ]

# An option before the first word is still an option; an unknown one says
# how to search for a word that starts with '-'.
expect_exit 2 "an unknown option before the words is refused" "$SEARCH" --db "$DB" -ankara treaty
check "... saying how to search for a -word" grep -q "treaty -ankara" "$TMP/err"
expect_exit 0 "'--' ends the options" "$SEARCH" --db "$DB" -- treaty -ankara

# A long option after the words is an option, with its value: a script's
# 'fond-search kars --json' gets JSON, not the passages without "-json".
"$SEARCH" --db "$DB" treaty --limit 1000 -ankara --json >"$TMP/late.json" || true
check "'treaty --limit 1000 -ankara --json': JSON of 'treaty -ankara'" \
  bash -c "grep -q '^  \"query\": \"treaty -ankara\",' '$TMP/late.json' &&
           cmp -s <(grep -o '\"passage_id\": \"[^\"]*\"' '$TMP/late.json' | cut -d'\"' -f4 | sort) \
                  '$TMP/treaty -ankara.ids'"
expect_exit 2 "an unknown --option after the words is refused" "$SEARCH" --db "$DB" treaty --jsn

# The heading line ends with the passage id, the one --json gives.
"$SEARCH" --db "$DB" --limit 3 treaty >"$TMP/text" || true
sed -n 's/^[0-9]*\. .*  \([0-9a-f]\{16\}-[0-9]*\)$/\1/p' "$TMP/text" >"$TMP/text.ids"
"$SEARCH" --db "$DB" --json --limit 3 treaty | grep -o '"passage_id": "[^"]*"' |
  cut -d'"' -f4 >"$TMP/json.ids" || true
check "each heading line ends with its passage id (as --json gives it)" \
  bash -c "[ \$(wc -l <'$TMP/text.ids') -eq 3 ] && cmp -s '$TMP/text.ids' '$TMP/json.ids'"
id=$(head -1 "$TMP/text.ids")
expect_exit 0 "... which --show takes" "$SEARCH" --db "$DB" --show "$id"
expect_exit 0 "... and --like" "$SEARCH" --db "$DB" --like "$id"
"$SEARCH" --db "$DB" --limit 1 --highlight bold treaty >"$TMP/bold" || true
check "... dim on a terminal" grep -q $'  \033\\[2m[0-9a-f]\\{16\\}-[0-9]*\033\\[0m$' "$TMP/bold"

finish
