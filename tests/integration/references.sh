# Archival references of any archive (citation_find_refs): found as typed
# ("861.51/131" with its slash and dot, "FO 371/6262" quoted), under ref:,
# and by their parts through the fields, whether the reference is the
# source's own (its Archive reference header: no text, no positions) or a
# footnote's (its words have positions after the passage's, past a gap).
# The forms and their numbers are generated, seeded, by
# bench/references/gen.py; the checks after it use fixtures written here.
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
DOCS="$TMP/gen/docs"
python3 "$FOND_SRC/bench/references/gen.py" "$TMP/gen" --seed 2626 --per-form 2
mkdir -p "$TMP/own"
cat >"$TMP/own/telegram.txt" <<'TXT'
Title: The Ambassador in Russia to the Secretary of State
Type: telegram
Date: 1918-02-08
Archive reference: File No. 861.51/131

The bank refuses to pay the sums deposited by the embassy.
TXT
cat >"$TMP/own/minute.txt" <<'TXT'
Title: A minute on the frontier

The Foreign Office view was stated in a minute of British officials.[1]
The reply came in March.[2]

Notes
1. TNA, FO 371/6262, f. 45.
2. AVP RF, f. 04, op. 32, p. 206, d. 52881.
TXT
cat >"$TMP/own/despatch.txt" <<'TXT'
Title: A despatch on the railway
Source: Hoover Institution Archives, Wrangel Collection, Box 12, Folder 4

The line from the port is closed to all traffic.
TXT
"$INDEX" --db "$DB" "$DOCS" "$TMP/own" >/dev/null

# finds QUERY FILES...: the query's hits come from exactly these files.
finds() {
  local q=$1; shift
  local got want
  got=$({ "$SEARCH" --db "$DB" --json --limit 100 -- "$q" || true; } |
        sed -n 's/^ *"path": ".*\/\([^/"]*\)",$/\1/p' | sort -u | tr '\n' ' ')
  want=$( (($#)) && printf '%s\n' "$@" | sort -u | tr '\n' ' ' || true)
  if [ "$got" = "$want" ]; then pass "$q finds $want"; else fail "$q finds '$got', wanted '$want'"; fi
}

# first QUERY FILE: the query's first hit is in FILE.
first() {
  local got
  got=$({ "$SEARCH" --db "$DB" --json --limit 1 -- "$1" || true; } |
        sed -n 's/^ *"path": ".*\/\([^/"]*\)",$/\1/p')
  if [ "$got" = "$2" ]; then pass "$1 finds $2 first"; else fail "$1 finds '$got' first, wanted '$2'"; fi
}

# Every generated reference, typed whole, by its number or code, under
# ref: and by its parts, finds its source and no other; typed unquoted,
# as words (which find other passages too, holding some of them), its
# source first.
while IFS=$'\t' read -r form where how query file; do
  if [ "$how" = words ]; then first "$query" "$file"; else finds "$query" "$file"; fi
done <"$TMP/gen/queries.tsv"

# The source's own reference, in its header only.
finds '861.51/131' telegram.txt
finds 'ref:861.51/131' telegram.txt
finds 'ref:"File No. 861.51/131"' telegram.txt
finds 'delo:861.51/131' telegram.txt
finds 'bank 861.51/131' telegram.txt
first 'File No. 861.51/131' telegram.txt
first 'TNA, FO 371/6262' minute.txt
# Another file number is another file: 861.51/13 and 861.5/1131 are not it.
finds '861.51/13'
finds 'ref:861.5/1131'
# The Source header is the source's own reference too, whatever its form.
finds 'ref:"Hoover Institution Archives, Wrangel Collection, Box 12, Folder 4"' despatch.txt
finds '"Box 12, Folder 4"' despatch.txt
finds 'archive:"Hoover Institution Archives" box:12 folder:4' despatch.txt
# A footnote's reference, as typed and by its parts.
finds '"FO 371/6262"' minute.txt
finds '371/6262' minute.txt
finds 'ref:"FO 371/6262"' minute.txt
finds 'ref:"TNA, FO 371/6262"' minute.txt
finds 'ref:"TNA, FO 371/6262, f. 45"' minute.txt
finds 'ref:"FO 371/6262, f. 45"' minute.txt
finds 'archive:TNA delo:6262' minute.txt
finds 'fond:"FO 371" delo:6262' minute.txt
finds '"AVP RF, f. 04, op. 32, p. 206, d. 52881"' minute.txt
finds 'archive:"AVP RF" box:206 delo:52881' minute.txt
finds 'officials NEAR/5 minute' minute.txt
# Unit and number typed as words stand for the field ("p. 206" is a papka).
finds 'reply AND box AND 206' minute.txt
# A phrase never runs from the text into a note, nor from note to note.
finds '"British officials TNA"'
finds '"f 45 AVP"'
# The field is named in the list of fields an unknown one gets.
"$SEARCH" --db "$DB" 'shelf:12' >/dev/null 2>"$TMP/err" || true
check "an unknown field's message lists ref:, box:, folder:, reel:" \
  grep -q 'box, folder, reel, ref' "$TMP/err"
finish
