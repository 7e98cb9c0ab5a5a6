# Archival citations as fields: a source's own "Archive reference" header
# and its footnotes' citations are both found by archive:, fond:, opis: and
# delo:, with numbers that hold "/", "-", letters and spaces, written as
# they are in the source or in another spelling of the same number.  The
# header's reference is shown with every passage of its source.
source "$(dirname "$0")/common.bash"
SRC="$TMP/src"
DB="$TMP/db"
mkdir -p "$SRC"

# A telegram kept at GARF, long enough for several passages.
{ printf 'Title: Telegram on the frontier commission\nType: telegram\n'
  printf 'Date: 1921-10-20\nArchive reference: GARF, f. R-130, op. 2, d. 68/1, l. 5-6\n\n'
  for i in $(seq 1 12); do
    printf 'The frontier commission met at Alexandropol for session %s and heard the delegates of both sides at length. ' "$i"
  done
  printf '\n'
} >"$SRC/telegram-garf.txt"
cat >"$SRC/letter-rgaspi.txt" <<'TXT'
Title: Letter on the Batum conference
Type: letter
Date: 1921-11-02
Archive reference: RGASPI, f. 85, op. 13 a, d. 112-b, l. 3

The Batum conference will open in November.
TXT
cat >"$SRC/report-notes.txt" <<'TXT'
Title: Report with footnotes
Type: reference

The customs treaty was drafted in Tiflis.[1] A second copy went to Erivan.[2] The third report reached Baku.[3]

Notes
1. GARF, f. R-130, op. 2, d. 68/2, l. 9.
2. ГА АР, ф. 28, оп. 1, д. 68, л. 17-20.
3. SA AR, f. 410, s. 1 a, i. 12 b, v. 4.
TXT
"$INDEX" -q --db "$DB" "$SRC"

# finds QUERY FILES...: the query's hits come from exactly these files.
finds() {
  local q=$1; shift
  local got want
  got=$({ "$SEARCH" --db "$DB" --json --limit 100 "$q" || true; } | sed -n 's/^ *"path": ".*\/\([^/"]*\)",$/\1/p' | sort -u | tr '\n' ' ')
  want=$( (($#)) && printf '%s\n' "$@" | sort -u | tr '\n' ' ' || true)
  if [ "$got" = "$want" ]; then pass "$q finds $want"; else fail "$q finds '$got', wanted '$want'"; fi
}

# In a header:
finds 'fond:R-130' telegram-garf.txt report-notes.txt
finds 'fond:r130' telegram-garf.txt report-notes.txt
finds 'delo:68/1' telegram-garf.txt
finds 'delo:"68 / 1"' telegram-garf.txt
finds 'archive:GARF' telegram-garf.txt report-notes.txt
finds 'archive:RGASPI' letter-rgaspi.txt
finds 'fond:85' letter-rgaspi.txt
finds 'opis:"13 a"' letter-rgaspi.txt
finds 'opis:13a' letter-rgaspi.txt
finds 'delo:112-b' letter-rgaspi.txt
finds 'archive:GARF delo:68/1 opis:2' telegram-garf.txt
# In footnotes:
finds 'delo:68/2' report-notes.txt
finds 'archive:"ГА АР" fond:28 delo:68' report-notes.txt
finds 'archive:"SA AR" fond:410' report-notes.txt
finds 'opis:"1 a"' report-notes.txt
finds 'delo:"12 b"' report-notes.txt
# Numbers that differ are different: 68/1 is not 681, nor 68.
finds 'delo:681'
finds 'delo:68' report-notes.txt
check "delo:681 finds nothing (exit 1)" bash -c "! '$SEARCH' --db '$DB' delo:681 >/dev/null"

# The header's reference is shown with every passage of its source.
"$SEARCH" --db "$DB" --json --limit 100 'frontier' >"$TMP/frontier"
n=$(grep -c '"ordinal": ' "$TMP/frontier")
refs=$(grep -c '"archive_ref": {"number": 0, "text": "GARF, f. R-130, op. 2, d. 68/1, l. 5-6", "archive": "GARF", "fond": "R-130", "opis": "2", "delo": "68/1", "sheets": "5-6"}' "$TMP/frontier" || true)
check "the telegram has several passages ($n)" [ "$n" -ge 2 ]
check "each shows the source's archive reference, parsed ($refs of $n)" [ "$refs" = "$n" ]
"$SEARCH" --db "$DB" --json customs >"$TMP/customs"
check "a source without the header shows none" grep -q '"archive_ref": null' "$TMP/customs"
"$SEARCH" --db "$DB" frontier >"$TMP/frontier.txt"
check "fond-search prints it as where the source is kept" grep -q '^   Kept at: GARF, f. R-130, op. 2, d. 68/1, l. 5-6$' "$TMP/frontier.txt"
finish
