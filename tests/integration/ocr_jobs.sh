# OCR in the reading workers: fond-index --jobs 2 on a database of one
# shard reads scans in its readers and gives the very database --jobs 1
# gives (every hit of --json whole: text, pages, and whatever a page's
# layout gives it), and the same --verbose listing; on a terminal the
# progress bar counts the pages read by OCR as they are read, by the
# writer or by a reader, with a rate and a time left that move during a
# long scan, not only when its file is done.  Scans are made here: pages
# of text typeset with groff, rendered at 150 and 300 dpi with Ghostscript,
# noise added with ImageMagick, as image-only PDFs (pdfgen.py scan) and as
# a PNG.
source "$(dirname "$0")/common.bash"
CONVERT=/usr/bin/convert-im6.q16
[ -x "$CONVERT" ] || CONVERT=$(command -v convert || true)
command -v gs >/dev/null && command -v groff >/dev/null && [ -n "$CONVERT" ] &&
  command -v tesseract >/dev/null && command -v script >/dev/null || exit 77
unset FOND_OCR_CACHE
export OMP_THREAD_LIMIT=1
col="$TMP/col" long="$TMP/long"
mkdir -p "$col" "$long"

sentences=("The commissioners examined the credentials of delegation" \
  "Minutes of the sitting record a protest from the consul at" \
  "A telegram announced the arrival of the mixed commission in" \
  "The frontier was surveyed again after the floods near")
places=(Kars Batum Erzurum Trabzon)
# page N DPI SEED OUT.pgm: one page of its own text, cropped to the text,
# with seeded noise.
page() {
  printf '.PP\n%s %s in %s. Report %s of the %s series.\n' \
    "${sentences[$(($1 % 4))]}" "${places[$(($1 % 4))]}" "$((1919 + $1))" "$1" "${places[$((($1 + 1) % 4))]}" |
    groff -ms -rLL=6i -rPO=0.5i -Tps >"$TMP/p.ps"
  gs -q -dNOPAUSE -dBATCH -sDEVICE=pgmraw -r"$2" -sOutputFile="$TMP/p.pgm" "$TMP/p.ps"
  "$CONVERT" "$TMP/p.pgm" -crop "$(($2 * 7))x$(($2 * 3 / 4))+0+$(($2 * 3 / 4))" +repage \
    -seed "$3" -attenuate 0.4 +noise Gaussian -depth 8 "pgm:$4"
}
for n in 1 2 3; do page "$n" 300 "$n" "$TMP/a$n.pgm"; done
python3 "$FOND_SRC/tests/integration/pdfgen.py" scan "$col/scan-300.pdf" 300 "$TMP"/a[123].pgm
for n in 4 5; do page "$n" 150 "$n" "$TMP/b$n.pgm"; done
python3 "$FOND_SRC/tests/integration/pdfgen.py" scan "$col/scan-150.pdf" 150 "$TMP"/b[45].pgm
# first in name order, so that the readers take some; named as no item's
# pages (docs/sources.md, "Folders of page images"), so each is a source
for n in 6 7; do
  page "$n" 200 "$n" "$TMP/c.pgm"
  "$CONVERT" "$TMP/c.pgm" "$col/0-$([ "$n" = 6 ] && echo map || echo photo).png"
done
cp "$FOND_SRC"/corpus/telegrams/*.txt "$col/"
for n in $(seq 10 17); do page "$n" 200 "$n" "$TMP/d$n.pgm"; done
python3 "$FOND_SRC/tests/integration/pdfgen.py" scan "$long/long.pdf" 200 "$TMP"/d*.pgm

# hits DB: every passage as --json gives it, whole, but for what differs
# between two databases of the same files (each its own key; the time
# each was added).
hits() {
  "$SEARCH" --db "$1" --json --limit 1000 '*' |
    grep -vE '^      "(passage_id|added)": '
}
# listing OUT DB: the --verbose listing, with the database's name taken out.
listing() { sed "s|$2|DB|" "$1"; }

expect_exit 0 "--jobs 1 reads the scans" "$INDEX" -v --jobs 1 --ocr-cache "$TMP/cache1" --db "$TMP/db1" "$col"
cp "$TMP/out" "$TMP/jobs1.out"
expect_exit 0 "--jobs 2 reads them in its readers" "$INDEX" -v --jobs 2 --ocr-cache "$TMP/cache2" --db "$TMP/db2" "$col"
check "... the scans are found by their words" \
  grep -q 'consul at Batum in 1920' <(hits "$TMP/db1")
check "... every page of every scan (each its own year)" \
  [ "$(hits "$TMP/db1" | grep -oE ' in 192[0-6]\.' | sort -u | wc -l)" -eq 7 ]
check "... every hit the same, whole, as --jobs 1 ($(hits "$TMP/db1" | grep -c '"rank"') hits)" \
  cmp -s <(hits "$TMP/db1") <(hits "$TMP/db2")
check "... the same --verbose listing (formats, pages read by OCR)" \
  cmp -s <(listing "$TMP/jobs1.out" "$TMP/db1") <(listing "$TMP/out" "$TMP/db2")
check "... the images counted as pages read by OCR" \
  [ "$(grep -cE '0-(map|photo).png: .* 1 page \(1 by OCR' "$TMP/out")" -eq 2 ]

# The bar on a terminal, over one scan of eight pages (so that the time
# left after its first page, 7 times the time it took, is a second or more): bars BAR_FILE, one a
# line (each redraw begins with a carriage return).
bars() { tr '\r' '\n' <"$1" | grep -a 'files'; }
# while_reading BAR_FILE: the bars drawn before the file was done.
while_reading() { bars "$1" | grep -a ' 0/1 files'; }
for jobs in 1 2; do
  script -qec "'$INDEX' --jobs $jobs --ocr-cache '$TMP/bar$jobs' --db '$TMP/bar$jobs.db' '$long'" \
    /dev/null >"$TMP/tty$jobs" 2>&1 || true
  check "--jobs $jobs on a terminal: the bar ends with the eight pages read by OCR" \
    grep -qaE '1/1 files .* 8 OCR pages' <(bars "$TMP/tty$jobs" | tail -n 1)
  counts=$(while_reading "$TMP/tty$jobs" | grep -aoE '[0-9]+ OCR pages?' | sort -u | wc -l)
  check "... counted as they are read, before the file is done ($counts counts shown)" \
    [ "$counts" -ge 2 ]
  check "... with a rate above 0 meanwhile" \
    grep -qaE ' [0-9]*[1-9][0-9]*\.[0-9] MB/s|0\.[1-9] MB/s' <(while_reading "$TMP/tty$jobs")
  check "... and a time left above 0:00" \
    grep -qaE 'ETA ([1-9][0-9]*:[0-9]{2}|0:0[1-9]|0:[1-5][0-9])' <(while_reading "$TMP/tty$jobs")
done
finish
