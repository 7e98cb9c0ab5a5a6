# Image files as sources, end to end.  Scans are made here with ImageMagick:
# lines of text rendered in a serif face, grey noise added with a fixed
# seed, at 300 dpi, written as TIFF (one page, and three pages of different
# sizes in one file), JPEG, PNG, JPEG 2000 and WebP (Debian's Leptonica
# reads both).  They index in one fond-index run, each read by Tesseract,
# its pages counted as read by OCR; each is found by a word of its text;
# a word on page 2 or 3 of the multi-page TIFF is cited on that page; an
# unchanged scan indexed again is read from the OCR cache, not by OCR; a
# text that begins as an image's signature might ("BM Add MS") is a text.
source "$(dirname "$0")/common.bash"
export XDG_CACHE_HOME="$TMP/cache" # the OCR cache, this test's own
export OMP_THREAD_LIMIT=1
unset FOND_OCR_CACHE
col="$TMP/col"
mkdir -p "$col"

# page FILE SEED HEIGHT LINE...: a scan of the lines, 1800 pixels wide.
page() {
  local out=$1 seed=$2 height=$3
  shift 3
  local text
  text=$(printf '%s\n' "$@")
  convert -size "1800x$height" xc:white -font DejaVu-Serif -pointsize 20 -fill black \
    -annotate +30+45 "$text" -seed "$seed" -attenuate 0.4 +noise Gaussian \
    -colorspace Gray -depth 8 -density 300 -units PixelsPerInch "$out"
}

# The register: three pages, each five sentences of 120 to 140 bytes (a
# passage, of about 600 bytes, ends with each page), each with a word of
# its own.
page "$TMP/p1.png" 1 330 \
  "The first page of the register lists the boats that crossed the river in the autumn, with the tolls they paid at the landing." \
  "The ferryman kept the book himself until his eyes failed him, and then his daughter wrote it for him by candle each night." \
  "Most of the boats carried grain to the mill below the bridge, and a few carried timber cut in the forests of the hills upstream." \
  "In the worst weeks of the floods no boat crossed at all, and the page shows nothing but the dates of those long grey days." \
  "At the foot of the page the clerk of the council added up the tolls and wrote that the sum was correct and whole and true."
page "$TMP/p2.png" 2 330 \
  "The second page of the register lists the men who worked at the forge in the winter of that year, with their wages and their debts." \
  "The blacksmith was paid twice what the others were, for he also mended the carts and the wheels of the mail coach on its way south." \
  "His apprentice was a boy from the village who had come to the town in the spring, and he slept above the stable with the horses." \
  "Their names are written in a clear hand, and each line of the page was signed by the clerk of the town council in red ink." \
  "Nothing is said of the days when the forge was cold, though the accounts show that little coal was bought in those months then."
page "$TMP/p3.png" 3 400 \
  "The third page of the register counts the flocks that were driven over the pass to the summer pastures in the mountains that year." \
  "The shepherd who led them was fined for crossing the fields of the priest, and the fine is written in the margin of the page." \
  "Two hundred sheep were counted at the gate of the town, and a dozen more were said to have been lost in the snow on the high pass." \
  "The council asked that the flocks be counted again in the autumn, when they came down from the hills once more to the town." \
  "This is the last page of the register, and below the final line the clerk signed his name and wrote the date of that day."
convert "$TMP/p1.png" "$TMP/p2.png" "$TMP/p3.png" -compress LZW "$col/register.tif"
check "the register is one TIFF of three pages" bash -c "[ \$(identify '$col/register.tif' | wc -l) -eq 3 ]"

page "$col/letter.tif" 4 120 "The harbour master wrote to the customs office about the cargo of the ship."
page "$TMP/receipt.png" 5 120 "The telegraph office gave a receipt for the message sent to the capital."
convert "$TMP/receipt.png" -quality 85 "$col/receipt.jpg"
page "$col/memo.png" 6 120 "A memorandum on the repair of the cathedral roof after the storm of March."
page "$TMP/plan.png" 7 120 "The plan of the quay shows where the lantern stood before the new lighthouse."
convert "$TMP/plan.png" "$col/plan.jp2"
page "$TMP/note.png" 8 120 "A note on the apples picked in the orchard behind the school that October."
convert "$TMP/note.png" -quality 90 "$col/note.webp"

# A text that begins as a BMP does ("BM"): a British Museum manuscript.
printf 'BM Add MS 38776, f. 12: a letter on the quarantine at Batum.\n' >"$col/note.txt"

"$INDEX" --db "$TMP/db" --verbose "$col" >"$TMP/index.out" 2>"$TMP/index.err" || true
cat "$TMP/index.err"
check "one run indexes every scan, and the note" grep -q '^7 added, 0 updated, 0 removed, 0 unchanged, 0 skipped' "$TMP/index.out"
check "the note beginning 'BM Add MS' is a text, not an image" grep -q 'note.txt: text, ' "$TMP/index.out"
check "the register: an image of 3 pages, each read by OCR" \
  grep -q 'register.tif: image, .* 3 pages (3 by OCR, 0 from the OCR cache' "$TMP/index.out"
for f in letter.tif receipt.jpg memo.png plan.jp2 note.webp; do
  check "$f: an image of 1 page, read by OCR" grep -q "$f: image, .* 1 page (1 by OCR" "$TMP/index.out"
done

json() { "$SEARCH" --db "$1" --json "$2" >"$TMP/$2.json" || true; }
# found DB WORD FILE: a search for WORD finds FILE.
found() { json "$1" "$2" && jq -e --arg f "$3" '[.hits[].path | endswith("/" + $f)] | any' "$TMP/$2.json" >/dev/null; }
for pair in harbour:letter.tif telegraph:receipt.jpg cathedral:memo.png lantern:plan.jp2 \
            orchard:note.webp quarantine:note.txt ferryman:register.tif blacksmith:register.tif shepherd:register.tif; do
  check "'${pair%%:*}' finds ${pair#*:}" found "$TMP/db" "${pair%%:*}" "${pair#*:}"
done

# pages WORD: "FIRST LAST" of the hit for WORD.
pages() { jq -r '.hits[0] | "\(.page_first) \(.page_last)"' "$TMP/$1.json"; }
check "the ferryman is on page 1 of the register" [ "$(pages ferryman)" = "1 1" ]
check "the blacksmith is on page 2" [ "$(pages blacksmith)" = "2 2" ]
check "the shepherd is on page 3" [ "$(pages shepherd)" = "3 3" ]

# The OCR cache: the same scans into a new database are not read again.
"$INDEX" --db "$TMP/db2" --verbose "$col" >"$TMP/again.out" 2>&1 || true
check "an unchanged register is not read by OCR again (cache)" \
  grep -q 'register.tif: image, .* 3 pages (0 by OCR, 3 from the OCR cache' "$TMP/again.out"
check "... nor the JPEG" grep -q 'receipt.jpg: image, .* 1 page (0 by OCR, 1 from the OCR cache' "$TMP/again.out"
check "... and the page-2 word is found on page 2 still" found "$TMP/db2" blacksmith register.tif
check "... cited there" [ "$(pages blacksmith)" = "2 2" ]

# --no-ocr: an image is not read, and that is said.
expect_exit 1 "--no-ocr: the scans are not indexed" "$INDEX" --db "$TMP/db3" --no-ocr "$col/memo.png"
check "... reported as an image with OCR off" grep -q 'memo.png: an image (a scan; OCR is off)' "$TMP/err"
finish
