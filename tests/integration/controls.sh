# Nothing a file holds reaches the terminal as a control: a source whose
# title, header fields, text, notes and file name carry ESC sequences (a
# window title, CSI colours), a C1 control (U+009B, CSI) and other C0
# controls is searched, shown and concorded by fond-search, and indexed by
# fond-index --verbose, and no output holds a control byte but newline and
# tab (nor a byte that is not UTF-8); each control is shown as "\x1b" (docs/searching.md, "Control characters").
# Only fond's own bold and dim (ESC [ 1 m, ESC [ 2 m for the passage id,
# ESC [ 0 m, with --highlight bold) are let through.
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
src="$TMP/src"
mkdir -p "$src"
ESC=$'\033' BEL=$'\007' C1=$'\xc2\x9b'
name="$src/evil${ESC}[31mname.txt"
{
  printf 'Title: Aardvark %s]0;pwned%s report %s[41mred%s[0m\n' "$ESC" "$BEL" "$ESC" "$ESC"
  printf 'Type: letter\n'
  printf 'Date: 1931-05-02\n'
  printf 'From: Zebra %s31m Smith\n' "$C1"
  printf 'Place: Back%sspace %s[2J\n\n' $'\b' "$ESC"
  printf 'The aardvark %s]0;owned%s dug a burrow %s[5mblink%s[0m near the river %s31m bank.\n' \
    "$ESC" "$BEL" "$ESC" "$ESC" "$C1"
  printf 'A second line with a tab\there and a carriage%sreturn, aardvark again.[1]\n\n' $'\r'
  printf 'Notes\n1. Aardvark note %s[32mgreen%s[0m.\n' "$ESC" "$ESC"
} >"$name"
# A file name that is not UTF-8, a raw CSI byte in it.
printf 'Title: Raw\n\nThe aardvark of the raw name.\n' >"$src/raw"$'\x9b'"2Jname.txt"
# A file fond-index refuses: its warning quotes the header.
printf 'Type: letter%s[2J\n\nText.\n' "$ESC" >"$src/bad${ESC}]0;x${BEL}.txt"

"$INDEX" --verbose --db "$DB" "$src" >"$TMP/index.out" 2>"$TMP/index.err" || true

# controls FILE: how many control characters FILE holds but newline and
# tab: C0, DEL, C1 (U+0080-U+009F), and bytes that are not UTF-8 (a raw
# 0x9B is CSI to a terminal that reads 8-bit controls).
controls() {
  python3 -c '
import sys
text = open(sys.argv[1], "rb").read().decode("utf-8", "surrogateescape")
print(sum(1 for c in text if c not in "\n\t" and (ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f
                                                or 0xdc80 <= ord(c) <= 0xdcff)))' "$1"
}
clean() { [ "$(controls "$1")" -eq 0 ] || { echo "  control bytes in $1:" >&2; cat -v "$1" >&2; return 1; }; }

check "the file is indexed" grep -q "^added .*evil" "$TMP/index.out"
check "fond-index --verbose names the file without its controls" clean "$TMP/index.out"
check "fond-index's warnings, likewise" clean "$TMP/index.err"
check "... which name the file refused and quote its header" \
  grep -qF 'bad\x1b]0;x\x07.txt: line 1: unknown Type '"'"'letter\x1b[2J'"'" "$TMP/index.err"
check "... showing ESC as \\x1b" grep -qF 'evil\x1b[31mname.txt' "$TMP/index.out"

"$SEARCH" --db "$DB" aardvark >"$TMP/plain" || true
check "a search finds it" grep -q "Aardvark" "$TMP/plain"
check "... and prints no control byte (title, fields, path, snippet, notes, citation)" clean "$TMP/plain"
check "... the window title shown as \\x1b]0;pwned\\x07" grep -qF 'Aardvark \x1b]0;pwned\x07 report' "$TMP/plain"
check "... the C1 control as \\x9b" grep -qF 'Zebra \x9b31m Smith' "$TMP/plain"
check "... a raw 0x9B byte of a file name too" grep -qF 'raw\x9b2Jname.txt' "$TMP/plain"

id=$("$SEARCH" --db "$DB" --json aardvark | sed -n 's/^ *"passage_id": "\(.*\)",$/\1/p' | head -1)
"$SEARCH" --db "$DB" --show "$id" aardvark >"$TMP/show" || true
check "--show prints the source" grep -q "burrow" "$TMP/show"
check "... without a control byte" clean "$TMP/show"
"$SEARCH" --db "$DB" --kwic aardvark >"$TMP/kwic" || true
check "--kwic prints the concordance" grep -q "burrow" "$TMP/kwic"
check "... without a control byte" clean "$TMP/kwic"
"$SEARCH" --db "$DB" --facets --per-source 1 aardvark >"$TMP/facets" || true
check "--facets, --per-source: no control byte" clean "$TMP/facets"
for f in csv ris bibtex; do
  "$SEARCH" --db "$DB" --format "$f" aardvark | sed 's/\r$//' >"$TMP/$f" || true
  check "--format $f: no control byte (but the format's CR LF)" clean "$TMP/$f"
done
"$SEARCH" --db "$DB" --json aardvark >"$TMP/json" || true
check "--json: no raw control byte (each is a \\u escape)" clean "$TMP/json"
check "... the C1 control as \\u009b" grep -qF 'Zebra \u009b31m Smith' "$TMP/json"

# Bold: fond's own ESC [ 1 m, ESC [ 2 m and ESC [ 0 m, and nothing else.
for how in "--highlight bold" "--highlight bold --show $id" "--highlight bold --kwic"; do
  # shellcheck disable=SC2086
  "$SEARCH" --db "$DB" $how aardvark >"$TMP/bold" || true
  check "$how: fond's bold is there" grep -qF "${ESC}[1m" "$TMP/bold"
  sed "s/${ESC}\[[012]m//g" "$TMP/bold" >"$TMP/unbolded"
  check "... and no other control byte" clean "$TMP/unbolded"
done
finish
