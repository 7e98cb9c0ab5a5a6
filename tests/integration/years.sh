# Years are read only where the text makes a number one.  A documentary
# edition's telegrams, saved without a header, are full of telegram and
# despatch numbers ("1864. Answering your 1761"), and their notes of file
# references ("File No. 861.51/1864", "FO 371/1921"): none of these may
# become a year in the year facet or a date that `date:` finds, while the
# real years of the prose (a dateline's, "in 1915", "en 1913", "im Jahre
# 1912", "в 1911 году") stay.  And a source dated by a range (a header
# "Date: 1917/1918") is found by `date:` for any year or month inside the
# range, never outside it.
source "$(dirname "$0")/common.bash"
DOCS="$TMP/docs"
mkdir -p "$DOCS/edition" "$DOCS/ranges"

cat >"$DOCS/edition/telegrams.txt" <<'TEXT'
The Ambassador in France (Sharp) to the Secretary of State

[Telegram]

Paris, March 3, 1916, 6 p.m.
[Received March 4, 9.20 a.m.]

1864. Answering your 1761 of February 28, the French Government holds to
the view it took in 1915 and will send its reply by courier. The Minister
for Foreign Affairs told me this morning that the Cabinet had considered
the question at length, that the Ministry of Finance had been consulted on
the terms of the loan, and that no decision would be taken before the
Allied conference met again. He added that the representatives of the
other Governments had been informed of the substance of our note and had
made no objection to its terms, though they reserved their answer on the
question of the shipping tonnage and the rate of exchange.

2030. My 1946 of yesterday. The Minister asked that despatch 1802 and
circular 1899 be read together, since the second corrects the figures of
the first. The Embassy has prepared a memorandum on the differences
between them which will go forward by the next pouch. The Minister also
said that the Commission on supplies would sit every week from now on and
that its minutes would be communicated to the Embassy as they were
approved. I have thanked him and said that the Department would wish to
be kept informed of every change in the arrangements for the purchase of
grain and of coal.

1953. Your 1864 and 2030. Instruction 1812 stands. The Department does not
wish the Embassy to give any undertaking on the question of the loan until
the Treasury has examined the figures sent by the Ministry of Finance, and
the Embassy should confine itself to receiving whatever communications the
Minister wishes to make. You may say that the Government of the United
States fully appreciates the difficulties of the French Government and
will give its most careful attention to every proposal it makes, and that
a reply will be sent as soon as the examination has been completed.

Sharp

File No. 861.51/1864. See also FO 371/1921 and Nos. 1770-1774.
TEXT

cat >"$DOCS/edition/languages.txt" <<'TEXT'
Le gouvernement avait pris cette position en 1913, après la conférence.

Die Regierung hatte im Jahre 1912 dieselbe Ansicht vertreten.

Правительство заняло эту позицию в 1911 году.
TEXT

printf 'Title: A file of two years\nDate: 1917/1918\n\nCorrespondence on the loan.\n' \
  >"$DOCS/ranges/two-years.txt"
printf 'Title: A file of five weeks\nDate: 1917-01-05/1917-02-10\n\nMinutes of the commission.\n' \
  >"$DOCS/ranges/five-weeks.txt"

printf 'Title: Across the new year\nDate: 1917-12-20/1918-01-10\n\nTelegrams exchanged.\n' \
  >"$DOCS/ranges/new-year.txt"
DB="$TMP/db"
expect_exit 0 "the edition and the range-dated sources are indexed" \
  "$INDEX" -q --db "$DB" "$DOCS"

# The year facet of every passage: only the real years.
"$SEARCH" --db "$DB" --json --facets --limit 100 '*' >"$TMP/all.json" || true
years=$(python3 -c '
import json, sys
facets = json.load(open(sys.argv[1])).get("facets", {})
print(" ".join(sorted(facets.get("year", {}))))' "$TMP/all.json")
want="1913 1916 1917" # the telegram dated by its dateline, every passage
check "the year facet shows only real years ($years; wanted $want)" \
  test "$years" = "$want"

# No telegram, despatch or file number is a date.
count() { # query: how many passages it finds
  { "$SEARCH" --db "$DB" --json --limit 100 "$1" || true; } |
    python3 -c 'import json, sys; print(len(json.load(sys.stdin)["hits"]))'
}
for n in 1761 1770 1774 1799 1802 1812 1864 1899 1921 1946 1953 2030; do
  check "date:$n finds nothing: $n is a number" test "$(count "date:$n")" = 0
done
for y in 1911 1912 1913 1915 1916; do
  check "date:$y finds the passage that mentions it" test "$(count "date:$y")" -ge 1
done
check "the dateline's day finds its telegram" test "$(count "date:1916-03-03 courier")" = 1

# A range: found inside it, never outside.
found() { # query title: does the query find the source of that title?
  { "$SEARCH" --db "$DB" --json --limit 100 "$1" || true; } |
    grep -q "\"title\": \"$2\""
}
for q in date:1917 date:1918 date:1918-03 date:1917-12 date:1916..1917 \
         date:1918-12-01..1919-06-30; do
  check "$q finds the source dated 1917/1918" found "$q" "A file of two years"
done
for q in date:1919 date:1916 date:1916-12 date:1919-01; do
  check "$q does not find the source dated 1917/1918" \
    eval '! found "$q" "A file of two years"'
done
for q in date:1917-01-05 date:1917-01-20 date:1917-02-10 date:1917-02 date:1917; do
  check "$q finds the source dated 1917-01-05/1917-02-10" found "$q" "A file of five weeks"
done
for q in date:1917-01-04 date:1917-02-11 date:1917-03 date:1918; do
  check "$q does not find the source dated 1917-01-05/1917-02-10" \
    eval '! found "$q" "A file of five weeks"'
done

for q in date:1917-12-31 date:1918-01-01 date:1918-01-10 date:1917-12 date:1918; do
  check "$q finds the source dated 1917-12-20/1918-01-10" found "$q" "Across the new year"
done
for q in date:1917-12-19 date:1918-01-11 date:1918-02; do
  check "$q does not find the source dated 1917-12-20/1918-01-10" \
    eval '! found "$q" "Across the new year"'
done
# A day inside a range of more than 92 days does not find it (docs/query-language.md).
check "date:1918-03-05 does not find the source dated 1917/1918" \
  eval '! found date:1918-03-05 "A file of two years"'

# A range that ends before it starts is a bad Date.
printf 'Title: Backwards\nDate: 1918/1917\n\nText.\n' >"$DOCS/ranges/backwards.txt"
"$INDEX" -q --db "$DB" "$DOCS" >"$TMP/out" 2>&1 || true
check "a backward range is reported as a bad Date" grep -q "bad Date" "$TMP/out"

exit $((failures > 0))
