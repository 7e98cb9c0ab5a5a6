# A catalogue (fond-catalogue.csv) as an archive keeps one: its rows win
# over the files' own headers, the nearest catalogue wins, editing one row
# re-indexes that one source, and a bad row, column or date is reported
# with its line while the rest is used.
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
COL="$TMP/collection"
mkdir -p "$COL/sub"

printf 'Title: Its own title\nType: letter\nDate: 1920-01-01\nFrom: Its own sender\n\nA letter about the frontier at Kars.\n' >"$COL/own.txt"
printf 'A memorandum on the railway to Alexandropol.\n' >"$COL/memo.txt"
printf 'A telegram on the Batum question.\n' >"$COL/sub/batum.txt"
printf 'A telegram on the Ardahan district.\n' >"$COL/sub/ardahan.txt"
printf 'A report on the Nakhichevan border.\n' >"$COL/report.txt"
printf 'A note on the Surmalu district.\n' >"$COL/dc.txt"
# line 1: a header with an unknown column; line 3: a title with a comma and
# a line break, quoted (two lines); line 6: a missing file; line 7: a
# malformed date
printf '%s\r\n' \
  'file,Title,date,Type,Archive reference,shelf colour' \
  'own.txt,Catalogued title,1921-10-13,telegram,"SA AR, f. 28",red' \
  'memo.txt,"Alexandropol, the railway' \
  'and its stations",1921/1922,,,' \
  'sub/batum.txt,Outer title of Batum,,,,' \
  'gone.txt,Nothing here,,,,' \
  'report.txt,Report kept in part,13 Oct 1921,,,' \
  'sub/ardahan.txt,Outer title of Ardahan,,,,' >"$COL/fond-catalogue.csv"
printf 'file,title\nbatum.txt,Inner title of Batum\n' >"$COL/sub/fond-catalogue.csv"

hit() { # query field: the field of the first hit of fond-search --json
  "$SEARCH" --db "$DB" --json "$1" | sed -n "s/^      \"$2\": \(.*\),\$/\1/p" | head -1
}

expect_exit 1 "a catalogue with problems: indexed, exit 1 (done with warnings)" \
  "$INDEX" --db "$DB" --json "$COL"
cp "$TMP/out" "$TMP/first.json"
cp "$TMP/err" "$TMP/first.err"
check "... every source added, the catalogues not indexed as sources" grep -q '"added": 6,' "$TMP/first.json"
check "... the unknown column reported with its line (stderr)" \
  grep -q "^fond-index: warning: $COL/fond-catalogue.csv:1: unknown column \"shelf colour\"" "$TMP/first.err"
check "... the missing file with its line" \
  grep -q "^fond-index: warning: $COL/fond-catalogue.csv:6: no file \"gone.txt\"" "$TMP/first.err"
check "... the malformed date with its line" \
  grep -q "^fond-index: warning: $COL/fond-catalogue.csv:7: malformed date \"13 Oct 1921\"" "$TMP/first.err"
check "... three problems, no more" [ "$(grep -c warning: "$TMP/first.err")" = 3 ]
check "... and in --json, each with its catalogue and line" \
  grep -q "\"catalogue_problems\": \[{\"catalogue\": \"$COL/fond-catalogue.csv\", \"line\": 1, .*\"line\": 6, \"problem\": \"no file .*\"line\": 7, \"problem\": \"malformed date" "$TMP/first.json"

check "a row's title wins over the file's own Title header" [ "$(hit frontier title)" = '"Catalogued title"' ]
check "... its date over the Date header" [ "$(hit frontier date)" = '"1921-10-13"' ]
check "... its type over the Type header" [ "$(hit frontier type)" = '"telegram"' ]
check "... its archive reference, quoted with a comma" \
  bash -c "\"$SEARCH\" --db \"$DB\" --json frontier | grep -q '\"archive_ref\": {\"number\": 0, \"text\": \"SA AR, f. 28\"'"
check "... and the header's own field the row leaves empty is kept" [ "$(hit frontier from)" = '"Its own sender"' ]
check "... found by the row's fields: date:1921-10-13 type:telegram" \
  bash -c "\"$SEARCH\" --db \"$DB\" --json 'date:1921-10-13 type:telegram' | grep -q '\"path\": \"$COL/own.txt\"'"
check "a quoted title with a comma and a line break, as one line" \
  [ "$(hit alexandropol title)" = '"Alexandropol, the railway and its stations"' ]
check "... a date range (1921/1922): dated by its first year (date:1921)" \
  bash -c "\"$SEARCH\" --db \"$DB\" --json 'alexandropol date:1921' | grep -q memo.txt"
check "a row with a malformed date: the rest of it used" [ "$(hit nakhichevan title)" = '"Report kept in part"' ]
check "... and no date" [ "$(hit nakhichevan date)" = '""' ]
check "the nearest catalogue wins (sub/fond-catalogue.csv)" [ "$(hit batum title)" = '"Inner title of Batum"' ]
check "... the outer one describes what the nearer does not" [ "$(hit ardahan title)" = '"Outer title of Ardahan"' ]
check "a file no row names: untitled" [ "$(hit surmalu title)" = '""' ]
check "the catalogue's own words are not indexed" \
  bash -c "\"$SEARCH\" --db \"$DB\" --json colour | grep -q '\"passages\": 0,'"

# Editing one row re-indexes that source alone.
sed -i 's/Outer title of Ardahan/Edited title of Ardahan/' "$COL/fond-catalogue.csv"
expect_exit 1 "a row edited" "$INDEX" --db "$DB" --json "$COL"
check "... one source updated, the others unchanged" \
  grep -q '"added": 0, "updated": 1, "removed": 0, "unchanged": 5,' "$TMP/out"
check "... with the edited title" [ "$(hit ardahan title)" = '"Edited title of Ardahan"' ]
expect_exit 1 "a run again" "$INDEX" --db "$DB" --json "$COL"
check "... changes nothing" grep -q '"updated": 0, "removed": 0, "unchanged": 6,' "$TMP/out"
# Dublin Core names; a row added to a file that had none; the bad rows mended.
printf '%s\n' 'file,dc:title,dc:date,dc:type,dc:identifier' \
  'dc.txt,"Surmalu, a note",1921-03,note,"f. 28, op. 1"' >"$TMP/dc.csv"
sed -i '1s/,shelf colour//; s/,red\r$/\r/; /gone.txt/d; s/13 Oct 1921/1921-10-13/' "$COL/fond-catalogue.csv"
mkdir -p "$COL/dc" && mv "$COL/dc.txt" "$COL/dc/dc.txt" && mv "$TMP/dc.csv" "$COL/dc/fond-catalogue.csv"
expect_exit 0 "every problem mended: exit 0" "$INDEX" --db "$DB" --json "$COL"
check "... no problem in --json" grep -q '"catalogue_problems": \[\]}' "$TMP/out"
check "... nothing on stderr" [ ! -s "$TMP/err" ]
check "... the moved file added, its old path removed, the mended date's file updated" \
  grep -q '"added": 1, "updated": 1, "removed": 1, "unchanged": 4,' "$TMP/out"
check "dc:title" [ "$(hit surmalu title)" = '"Surmalu, a note"' ]
check "dc:date" [ "$(hit surmalu date)" = '"1921-03"' ]
check "dc:type" [ "$(hit surmalu type)" = '"note"' ]
check "dc:identifier (the archive reference)" \
  bash -c "\"$SEARCH\" --db \"$DB\" --json surmalu | grep -q '\"archive_ref\": {\"number\": 0, \"text\": \"f. 28, op. 1\"'"
# A row removed: its source is stale, and back to its own header.
sed -i '/^own.txt,/d' "$COL/fond-catalogue.csv"
expect_exit 0 "a row removed" "$INDEX" --db "$DB" --json "$COL"
check "... one source updated" grep -q '"added": 0, "updated": 1, "removed": 0, "unchanged": 5,' "$TMP/out"
check "... titled by its own header again" [ "$(hit frontier title)" = '"Its own title"' ]
# A file indexed alone: the catalogue above it still describes it.
expect_exit 0 "one file indexed alone" "$INDEX" --db "$DB" --json --keep-missing "$COL/sub/batum.txt"
check "... keeps its row: unchanged" grep -q '"updated": 0, "removed": 0, "unchanged": 1,' "$TMP/out"
check "... and its title" [ "$(hit batum title)" = '"Inner title of Batum"' ]

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed" >&2; exit 1; }
