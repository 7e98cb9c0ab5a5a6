# A folder of page images is one source of many pages: its image files
# numbered as one item's pages (delo68_1.png, delo68_2.png, delo68_10.tif:
# in the order of their numbers, not of their names), or the images of a
# folder a catalogue row names (with the row's fields).  A word on the
# second page is found on page 2 of the folder's one source, named by the
# folder; a page added, changed or removed indexes it again; the folder
# removed removes it; a page that cannot be read leaves the others read;
# images that are not numbered pages (photo.jpg, map.png) stay sources of
# their own, and so do the other files beside the pages.  Read ahead
# (--jobs 2), each page is read by OCR once, with the same result.  Pages
# are made with ImageMagick and read by Tesseract (a few small pages).
source "$(dirname "$0")/common.bash"
IM=$(command -v convert-im6.q16 || command -v convert || true)
[ -n "$IM" ] && command -v tesseract >/dev/null || exit 77
export OMP_THREAD_LIMIT=1
unset FOND_OCR_CACHE
DB="$TMP/db"
COL="$TMP/collection"
mkdir -p "$COL/delo68" "$COL/photos" "$COL/inventory" "$COL/delo70" "$TMP/bin"

# page FILE WORD: a page of sentences with WORD in one of them, enough text
# (over 600 bytes) that a passage ends on each page.
page() {
  local text="" i
  for i in 1 2 3 4 5 6 7 8 9; do text+="The committee met again on the frontier question today.\n"; done
  text+="The envoy $2 spoke for the delegation.\n"
  for i in 1 2 3; do text+="Nothing more was agreed before the evening session.\n"; done
  "$IM" -size 1100x600 xc:white -font DejaVu-Sans -pointsize 22 -fill black \
    -annotate +30+40 "$(printf "$text")" -colorspace Gray -depth 8 -compress lzw "$1"
}
# line FILE WORD: a small page of one line.
line() {
  "$IM" -size 600x80 xc:white -font DejaVu-Sans -pointsize 22 -fill black \
    -annotate +20+50 "The envoy $2 spoke." "$1"
}
page "$COL/delo68/delo68_1.png" Halvorsen
page "$COL/delo68/delo68_2.png" Zanzibarov
page "$COL/delo68/delo68_10.tif" Quartermane
printf 'Finding aid of delo 68, compiled by Ostrogorsky.\n' >"$COL/delo68/notes.txt"
line "$COL/photos/photo.jpg" Belvedere
line "$COL/photos/map.png" Carpathia
page "$COL/inventory/front.png" Nightingale
page "$COL/inventory/back.png" Wolfhound
line "$COL/delo70/0001.png" Ravensworth
printf '\x89PNG\r\n\x1a\nnot a picture at all' >"$COL/delo70/0002.png" # damaged
printf 'file,title\ninventory/,Inventory of the Kars frontier\n' >"$COL/fond-catalogue.csv"
mkdir -p "$TMP/ahead" # for --jobs 2, below
cp -r "$COL/delo68" "$TMP/ahead/"
line "$TMP/ahead/0-first.png" Firstling
# tesseract on PATH, counting its runs over pages (not --list-langs, which
# each process that meets a scan runs once)
cat >"$TMP/bin/tesseract" <<T
#!/bin/sh
[ "\$1" = --list-langs ] || echo run >>"$TMP/tesseract.log"
exec "$(command -v tesseract)" "\$@"
T
chmod +x "$TMP/bin/tesseract"

# field QUERY FIELD: FIELD of the first hit of fond-search --json QUERY.
field() {
  "$SEARCH" --db "${3:-$DB}" --json "$1" | sed -n "s/^      \"$2\": \(.*\),\$/\1/p" | head -1
}
# count QUERY: sources matching QUERY.
count() { "$SEARCH" --db "${2:-$DB}" --json "$1" | sed -n 's/^  "sources": \([0-9]*\),$/\1/p'; }
tesseract_runs() { if [ -f "$TMP/tesseract.log" ]; then wc -l <"$TMP/tesseract.log"; else echo 0; fi; }

rm -f "$TMP/tesseract.log"
PATH="$TMP/bin:$PATH" expect_exit 0 "a collection with folders of pages indexes" \
  "$INDEX" --db "$DB" --json -v "$COL"
cp "$TMP/out" "$TMP/first.json"
cp "$TMP/err" "$TMP/first.err"
runs1=$(tesseract_runs)
check "... 6 sources: delo68 one, its notes, the photo and the map two, the inventory one, delo70 one" \
  grep -q '"added": 6, "updated": 0, "removed": 0, "unchanged": 0, "skipped": 0,' "$TMP/first.json"
check "... delo68 listed as one source of 3 pages read by OCR" \
  grep -q "^added $COL/delo68: .*, 3 pages (3 by OCR" "$TMP/first.err"
check "... its pages not as sources of their own" lacks "added $COL/delo68/delo68_" "$TMP/first.err"
check "... each page read by OCR once (8 readable pages; the damaged one refused before OCR)" [ "$runs1" -eq 8 ]
check "a word on the second page: one source" [ "$(count Zanzibarov)" = 1 ]
check "... the folder" [ "$(field Zanzibarov path)" = "\"$COL/delo68\"" ]
check "... named by the folder" [ "$(field Zanzibarov name)" = '"collection/delo68"' ]
check "... on page 2" [ "$(field Zanzibarov page_first)" = 2 ]
check "pages in the order of their numbers: delo68_10.tif is page 3" \
  [ "$(field Quartermane page_first)" = 3 ]
check "... and delo68_1.png page 1" [ "$(field Halvorsen page_first)" = 1 ]
check "the text file beside the pages: a source of its own" \
  [ "$(field Ostrogorsky path)" = "\"$COL/delo68/notes.txt\"" ]
check "images not numbered as pages: each a source of its own (photo.jpg)" \
  [ "$(field Belvedere path)" = "\"$COL/photos/photo.jpg\"" ]
check "... (map.png)" [ "$(field Carpathia path)" = "\"$COL/photos/map.png\"" ]
check "a folder its catalogue row names: one source with the row's title" \
  [ "$(field Nightingale title)" = '"Inventory of the Kars frontier"' ]
check "... its images in name order: front.png is page 2" [ "$(field Nightingale page_first)" = 2 ]
check "... the folder" [ "$(field Wolfhound path)" = "\"$COL/inventory\"" ]
check "a damaged page: the folder's other page is read" \
  [ "$(field Ravensworth path)" = "\"$COL/delo70\"" ]
check "... the damaged one counted unread" \
  grep -q "^added $COL/delo70: .*, 2 pages (1 by OCR, 0 from the OCR cache, 1 " "$TMP/first.err"

expect_exit 0 "a run again" "$INDEX" --db "$DB" --json "$COL"
check "... changes nothing" grep -q '"added": 0, "updated": 0, "removed": 0, "unchanged": 6,' "$TMP/out"

page "$COL/delo68/delo68_11.png" Marchetti
expect_exit 0 "a page added" "$INDEX" --db "$DB" --json "$COL"
check "... indexes the folder again, alone" grep -q '"added": 0, "updated": 1, "removed": 0, "unchanged": 5,' "$TMP/out"
check "... the new page's word found on page 4 of the folder" \
  [ "$(field Marchetti path) $(field Marchetti page_first)" = "\"$COL/delo68\" 4" ]

page "$COL/delo68/delo68_2.png" Zeppelinov
rm "$COL/delo68/delo68_11.png"
expect_exit 0 "a page changed, another removed" "$INDEX" --db "$DB" --json "$COL"
check "... indexes the folder again" grep -q '"updated": 1, "removed": 0, "unchanged": 5,' "$TMP/out"
check "... the changed page's new word found on page 2" [ "$(field Zeppelinov page_first)" = 2 ]
check "... its old word gone" [ "$(count Zanzibarov)" = 0 ]
check "... the removed page's word gone" [ "$(count Marchetti)" = 0 ]
check "... the others kept" [ "$(count Quartermane)" = 1 ]

# A folder that stops being one of pages: its images become sources.
mv "$COL/delo68/delo68_10.tif" "$COL/delo68/cover.tif"
mv "$COL/delo68/delo68_2.png" "$COL/delo68/map.png"
expect_exit 0 "a folder whose images are no longer numbered pages" "$INDEX" --db "$DB" --json "$COL"
check "... the folder's source removed, its three images added" \
  grep -q '"added": 3, "updated": 0, "removed": 1, "unchanged": 5,' "$TMP/out"
check "... each its own source" [ "$(field Zeppelinov path)" = "\"$COL/delo68/map.png\"" ]

rm -r "$COL/delo70"
expect_exit 0 "a folder of pages removed" "$INDEX" --db "$DB" --json "$COL"
check "... removes its source" grep -q '"added": 0, "updated": 0, "removed": 1, "unchanged": 7,' "$TMP/out"
check "... its words gone" [ "$(count Ravensworth)" = 0 ]

# Read ahead: two readers and the writer (which takes the first file, so
# that a reader takes the folder); each page read by OCR once, and the
# same pages (an OCR cache of their own: the pages are copies of those
# read above).
rm -f "$TMP/tesseract.log"
XDG_CACHE_HOME="$TMP/cache-ahead" PATH="$TMP/bin:$PATH" expect_exit 0 "--jobs 2 (readers ahead of one writer)" \
  "$INDEX" --db "$TMP/db2" --json -v --jobs 2 "$TMP/ahead"
check "... three sources: the image, the folder and its notes" \
  grep -q '"added": 3, "updated": 0, "removed": 0, "unchanged": 0, "skipped": 0,' "$TMP/out"
check "... each page read by OCR once" [ "$(tesseract_runs)" -eq 4 ]
check "... the word on the second page on page 2 of the folder" \
  [ "$(field Zanzibarov path "$TMP/db2") $(field Zanzibarov page_first "$TMP/db2")" = "\"$TMP/ahead/delo68\" 2" ]
check "... and the tenth's on page 3" [ "$(field Quartermane page_first "$TMP/db2")" = 3 ]
check "... listed as when read by the writer alone" \
  [ "$(sed -n "s|^added $TMP/ahead/delo68: ||p" "$TMP/err")" = "$(sed -n "s|^added $COL/delo68: ||p" "$TMP/first.err")" ]

# A row naming a folder with no page images: said with its line, and its
# files indexed as files.
mkdir -p "$TMP/papers/letters"
printf 'A letter from Erzurum.\n' >"$TMP/papers/letters/0001.txt"
printf 'A letter from Trabzon.\n' >"$TMP/papers/letters/0002.txt"
printf 'file,title\nletters/,Letters\n' >"$TMP/papers/fond-catalogue.csv"
expect_exit 1 "a catalogue row naming a folder of texts" "$INDEX" --db "$TMP/db3" --json "$TMP/papers"
check "... said with its line" \
  grep -q "^fond-index: warning: $TMP/papers/fond-catalogue.csv:2: \"letters\" is a folder with no page images" "$TMP/err"
check "... once" [ "$(grep -c warning "$TMP/err")" = 1 ]
check "... its texts sources of their own" grep -q '"added": 2,' "$TMP/out"

finish
