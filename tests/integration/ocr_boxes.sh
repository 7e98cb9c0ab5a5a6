#!/usr/bin/env bash
# Word boxes and OCR confidence, as a user meets them: a page image made
# with ImageMagick (words drawn at known pixels, a word too small to read
# well), indexed (Tesseract reads it); `fond-search --json WORD` gives the
# word's box near where it was drawn, on a page of the image's size, and
# the source's OCR confidence; the terminal says "OCR nn%" on the hit's
# source line; fond.cgi says it too, and marks the words OCR was unsure
# of.  A text file beside it has neither boxes nor a confidence.  A word
# hyphenated across lines has a box for each half.  Read
# ahead by another process (--jobs 2), the scan keeps them.
source "$(dirname "$0")/common.bash"

CONVERT=$(command -v convert-im6.q16 || command -v convert || true)
if [ -z "$CONVERT" ] || ! command -v tesseract >/dev/null; then
  echo "skipped: no ImageMagick or no Tesseract"; exit 77
fi
export OMP_THREAD_LIMIT=1

col="$TMP/col"
mkdir -p "$col"
# 1600x900 pixels.  "Kars" drawn from x 520, its baseline at y 150 (48
# points: capitals about 35 pixels high); "Alexandropol" from x 600,
# baseline 300; two words at 14 points, too small to read surely.
"$CONVERT" -size 1600x900 xc:white -font DejaVu-Serif -pointsize 48 -fill black \
  -annotate +100+150 'The treaty of' -annotate +520+150 'Kars' \
  -annotate +100+300 'was signed near' -annotate +600+300 'Alexandropol' \
  -annotate +100+450 'in the autumn of that year' \
  -annotate +100+600 'by the delegates' \
  -pointsize 14 -annotate +700+600 'Sarikamish' -annotate +900+600 'Ardahan' \
  "$col/page.png"
printf 'The treaty of Kars, in a letter typed and never scanned.\n' >"$col/letter.txt"
"$INDEX" --db "$TMP/db" "$col" >"$TMP/index.out" 2>&1 || { cat "$TMP/index.out"; exit 1; }

"$SEARCH" --db "$TMP/db" --json Kars >"$TMP/kars.json"
# the scan's hit: its fields, one a line (the boxes' each on its own line)
scan=$(awk '/"path": ".*page.png"/{on=1} /"path": ".*letter.txt"/{on=0} on' "$TMP/kars.json")
letter=$(awk '/"path": ".*letter.txt"/{on=1} /"path": ".*page.png"/{on=0} on' "$TMP/kars.json")
check "the scan is found by a word" test -n "$scan"
check "... and the text file too" test -n "$letter"

# The box of "Kars": its left edge near x 520, its bottom near the
# baseline, 150 (no descender), on page 1 of the image's size.
box=$(printf '%s\n' "$scan" | grep -o '{"page": [^}]*}' | head -1 || true)
num() { printf '%s\n' "$box" | grep -o "\"$1\": -\?[0-9]*" | grep -o -- '-\?[0-9]*$' || true; }
check "the hit has one box, the highlighted word's" \
  test "$(printf '%s\n' "$scan" | grep -c '{"page": ' || true)" -eq 1
if [ -n "$box" ]; then
  x=$(num x) y=$(num y) w=$(num w) h=$(num h)
  check "... on page 1" test "$(num page)" -eq 1
  check "... near where it was drawn (x $x, y $y, w $w, h $h)" \
    test $((x > 505 && x < 540 && y + h > 140 && y + h < 160 && h > 25 && h < 60 && w > 80 && w < 140)) -eq 1
  check "... on a page of the image's size" \
    test "$(num page_width)x$(num page_height)" = 1600x900
else
  fail "no box"
fi
conf=$(printf '%s\n' "$scan" | grep -o '"ocr_confidence": [0-9]*' | grep -o '[0-9]*$' || true)
check "ocr_confidence is a number from 0 to 100 ($conf)" \
  test -n "$conf" -a "${conf:-999}" -le 100
check "the text file: ocr_confidence null" \
  grep -q '"ocr_confidence": null' <<<"$letter"
check "... and no boxes" grep -q '"boxes": \[\]' <<<"$letter"

# A word of another line: its own box.
"$SEARCH" --db "$TMP/db" --json Alexandropol >"$TMP/alex.json"
box=$(grep -o '{"page": [^}]*}' "$TMP/alex.json" | head -1 || true)
if [ -n "$box" ]; then
  x=$(num x) y=$(num y) h=$(num h)
  check "Alexandropol's box is where it was drawn (x $x, y+h $((y + h)))" \
    test $((x > 585 && x < 620 && y + h > 290 && y + h < 312)) -eq 1
else
  fail "Alexandropol: no box"
fi

# A word hyphenated across a line's end, joined in the text: found as one
# word, with a box for each half, one on each line.
mkdir -p "$TMP/hyphen"
"$CONVERT" -size 1400x500 xc:white -font DejaVu-Serif -pointsize 44 -fill black \
  -annotate +100+120 'Azerbaijan sent a telegram to the Azer-' \
  -annotate +100+200 'baijan delegates in Kars and Moscow.' "$TMP/hyphen/p.png"
"$INDEX" --db "$TMP/dbh" "$TMP/hyphen" >"$TMP/indexh.out" 2>&1 || { cat "$TMP/indexh.out"; exit 1; }
"$SEARCH" --db "$TMP/dbh" --json azerbaijan >"$TMP/hyphen.json"
check "the hyphenated word is one word in the text" \
  grep -q '"text": "Azerbaijan sent a telegram to the Azerbaijan delegates' "$TMP/hyphen.json"
at=$(grep -o '{"page": [^}]*}' "$TMP/hyphen.json" |
     sed -E 's/.*"x": ([0-9]+), "y": ([0-9]+).*/\1,\2/' | tr '\n' ' ' || true)
check "... with three boxes: the whole word, each half on its line (x,y: $at)" \
  test "$(grep -c '{"page": ' "$TMP/hyphen.json" || true)" -eq 3
check "... the first half at the first line's end, the second at the next's start" \
  bash -c 'grep -o "{\"page\": [^}]*}" "$1" | grep -qE "\"x\": (8[4-9][0-9]|9[0-9][0-9]), \"y\": [6-9][0-9]," &&
           grep -o "{\"page\": [^}]*}" "$1" | grep -qE "\"x\": (9[0-9]|1[01][0-9]), \"y\": 1[4-7][0-9],"' _ "$TMP/hyphen.json"

# Read ahead by another process (--jobs 2 on a database of one shard):
# the same boxes and confidence, carried with the text to the writer.
"$INDEX" --db "$TMP/db2" --jobs 2 "$col" >"$TMP/index2.out" 2>&1 || { cat "$TMP/index2.out"; exit 1; }
"$SEARCH" --db "$TMP/db2" --json Kars >"$TMP/kars2.json"
ocr_fields() { grep -E '"(ocr_confidence|page_confidence)"|\{"page": ' "$1" || true; }
check "read ahead (--jobs 2): the same boxes and confidences" \
  bash -c '[ -n "$1" ] && [ "$1" = "$2" ] && grep -q "ocr_confidence\": [0-9]" <<<"$2"' _ \
  "$(ocr_fields "$TMP/kars.json")" "$(ocr_fields "$TMP/kars2.json")"

# The terminal: the source line says how sure OCR was, for the scan only.
"$SEARCH" --db "$TMP/db" Kars >"$TMP/kars.txt"
check "the terminal shows OCR $conf% on the scan's source line" \
  grep -qE "^   .*OCR $conf%\$" "$TMP/kars.txt"
check "... once: not for the text file" \
  test "$(grep -c 'OCR [0-9]*%' "$TMP/kars.txt" || true)" -eq 1

# fond.cgi: the confidence, and the words OCR was unsure of marked.
FOND_DB="$TMP/db" REQUEST_METHOD=GET QUERY_STRING='q=delegates' \
  "$FOND_BIN/fond.cgi" >"$TMP/page.html" 2>"$TMP/cgi.err"
check "fond.cgi shows the OCR confidence" \
  grep -qE '<span class="ocr"[^>]*>OCR [0-9]+%</span>' "$TMP/page.html"
unsure=$(grep -oE '<span class="unsure" title="OCR confidence [0-9]+%">[^<]+</span>' \
           "$TMP/page.html" || true)
check "fond.cgi marks a word OCR was unsure of" test -n "$unsure"
low=$(grep -oE 'confidence [0-9]+' <<<"$unsure" | grep -oE '[0-9]+$' | sort -n | tail -1 || true)
check "... each under 60% (${low:-none})" test "${low:-100}" -lt 60
# searched for, an unsure word is both: marked inside its unsure span
word=$(sed -E 's/.*">([^<]+)<.*/\1/' <<<"$unsure" | grep -E '^[A-Za-z]+$' | head -1 || true)
if [ -n "$word" ]; then
  FOND_DB="$TMP/db" REQUEST_METHOD=GET QUERY_STRING="q=$word" \
    "$FOND_BIN/fond.cgi" >"$TMP/unsure.html" 2>>"$TMP/cgi.err"
  check "an unsure word searched for ($word): <mark> inside its unsure span" \
    grep -qE "<span class=\"unsure\" title=\"OCR confidence [0-9]+%\"><mark>$word</mark></span>" \
    "$TMP/unsure.html"
fi
FOND_DB="$TMP/db" REQUEST_METHOD=GET QUERY_STRING='q=delegates&format=json' \
  "$FOND_BIN/fond.cgi" >"$TMP/page.json" 2>>"$TMP/cgi.err"
check "fond.cgi's JSON carries the boxes" grep -q '"boxes": \[' "$TMP/page.json"
check "... and the confidence" grep -qE '"ocr_confidence": [0-9]+' "$TMP/page.json"
FOND_DB="$TMP/db" REQUEST_METHOD=GET PATH_INFO=/fond.css QUERY_STRING= \
  "$FOND_BIN/fond.cgi" >"$TMP/fond.css" 2>>"$TMP/cgi.err"
check "the stylesheet styles an unsure word" grep -q '^\.unsure' "$TMP/fond.css"
finish
