# fond.cgi's page view (?show=<source id>&page=N), as a user meets it: a
# scan read by OCR (an image whose words are drawn at known pixels) and a
# text PDF of three pages printed 227-229 (groff), the scan again as a
# scanned PDF and as hOCR beside its image, a typed text of two pages,
# beside a text file without pages.  Each hit of a paged source links to its page; the page
# shows its image (laid out at its size before it loads), the query's
# words outlined at their places in percentages of the image, the page's
# text with the words marked and OCR's unsure words marked, the pages and
# matches before and after it, its citation at that page, the original at
# that page; a page beyond the last, a source without pages and an unknown
# source are 404s.  format=json hits of paged sources carry page_view,
# page_image and iiif_manifest; fond-search --json does not.
source "$(dirname "$0")/common.bash"
CONVERT=$(command -v convert-im6.q16 || command -v convert || true)
if [ -z "$CONVERT" ] || ! command -v tesseract >/dev/null || ! command -v groff >/dev/null; then
  echo "skipped: no ImageMagick, Tesseract or groff"; exit 77
fi
export OMP_THREAD_LIMIT=1
col="$TMP/col"
mkdir -p "$col"
# A portrait page, 1200x1600: "Erzurum" from x 700, baseline 200 (48
# points: capitals about 35 pixels high); two words at 14 points, too
# small to read surely.
"$CONVERT" -size 1200x1600 xc:white -font DejaVu-Serif -pointsize 48 -fill black \
  -annotate +100+200 'The delegates met' -annotate +700+200 'Erzurum' \
  -annotate +100+400 'in the spring and' -annotate +100+600 'left for Moscow' \
  -pointsize 14 -annotate +300+900 'Bayburt' -annotate +600+900 'Oltu' \
  "$col/scan.png"
# Pages printed 227, 228, 229 at their foot; "Kars" on the first and the
# last, at the start of the first's first line.
printf '.pn 227\n.ds CH\n.ds CF %%\n.LP\nKars was where the commission met in the spring of that year.\n.bp\n.LP\nNothing was decided on the second day; the delegates waited.\n.bp\n.LP\nAt Kars again the delegates signed the treaty before the winter.\n' |
  groff -ms -Tpdf >"$col/printed.pdf"
printf 'Title: A letter about Kars\n\nKars, in a letter typed and never scanned.\n' >"$col/letter.txt"
# The same page as a scanned PDF, and as hOCR beside its image (in folders
# of their own, so that each is one source).
mkdir -p "$col/pdfscan" "$col/hocr"
"$CONVERT" "$col/scan.png" -colorspace Gray "$TMP/scan.pgm"
python3 "$FOND_SRC/tests/integration/pdfgen.py" scan "$col/pdfscan/scanned.pdf" 150 "$TMP/scan.pgm"
cp "$col/scan.png" "$col/hocr/page.png"
tesseract "$col/hocr/page.png" "$col/hocr/page" -l eng hocr >/dev/null 2>&1
# A typed text of two pages (a form feed between them): pages, no images.
printf 'Title: A typed report on Ardahan\n\nArdahan on the first typed page.\n\f\nArdahan again on the second typed page.\n' >"$col/typed.txt"
"$INDEX" -q --db "$TMP/db" "$col" 2>"$TMP/index.err" || { cat "$TMP/index.err"; exit 1; }
start_web "$TMP/db" --file-url "$col/ => https://archive.example.org/files/"

# the source id (16 hex) of the file NAME (awk reads to the end: an early
# exit would kill fond-search with SIGPIPE)
id_of() {
  "$SEARCH" --db "$TMP/db" --json --limit 50 '*' >"$TMP/all.json"
  awk -v f="$1" '/"path": /{p = index($0, "/" f "\"") > 0}
    p && !done && /"passage_id": /{print substr($2, 2, 16); done = 1}' "$TMP/all.json"
}
scan=$(id_of scan.png) pdf=$(id_of printed.pdf) letter=$(id_of letter.txt)
typed=$(id_of typed.txt) scanned=$(id_of scanned.pdf) hocr=$(id_of page.hocr)
check "four sources indexed" test -n "$scan" -a -n "$pdf" -a -n "$letter" -a -n "$typed"
has() { grep -qF -- "$2" "$TMP/$1.body"; }
lacks_in() { ! grep -qF -- "$2" "$TMP/$1.body"; }
status() { local want=$1 got; got=$(fetch "$2" "$3"); [ "$got" = "$want" ] || { echo "  status $got, wanted $want" >&2; return 1; }; }

# The results: each hit of a paged source links to its page view.
check "q=Kars: 200" status 200 results 'q=Kars'
check "... the PDF's to the page of its first match, cited as printed (p. 227)" \
  has results "<a href=\"?q=Kars&amp;show=$pdf&amp;page=1\" class=\"page-view\">See the page (p. 227)</a>"
check "... the text file's hit has no page view" \
  bash -c "! grep -q 'show=$letter&amp;page=' '$TMP/results.body'"

check "q=Erzurum: the scan's hit links to its page view" status 200 erzurum 'q=Erzurum'
check "... (its link)" \
  has erzurum "<a href=\"?q=Erzurum&amp;show=$scan&amp;page=1\" class=\"page-view\">See the page (p. [1])</a>"

# The scan's page: its image at its size, "Erzurum" outlined where it was drawn.
check "the scan's page view: 200" status 200 scan "q=Erzurum&show=$scan&page=1"
check "... shows the page image, laid out at its size (1200x1600 as 1000x1333)" \
  has scan "<img src=\"fond.cgi/image/$scan/1?w=1000\" alt=\"Page 1 of [Untitled] (scan.png)\" width=\"1000\" height=\"1333\">"
rect() { grep -o '<rect class="box"[^>]*>' "$TMP/$1.body" || true; }
pct() { printf '%s\n' "$1" | sed "s/.* $2=\"\\([0-9.]*\\)%\".*/\\1/"; }
within() { awk -v v="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(v >= lo && v <= hi) }'; }
box=$(rect scan)
check "... one box, the word searched for's" test "$(printf '%s\n' "$box" | grep -c rect)" -eq 1
# drawn from x 700 of 1200 (58.3%), its capitals from about y 165 of 1600
# (10.3%), 7 letters of 48 points (about 200 px: 16.7%), 35 px high (2.2%)
check "... at x 58.3% of the image ($(pct "$box" x)%)" within "$(pct "$box" x)" 57.5 59.5
check "... at y 10.3% ($(pct "$box" y)%)" within "$(pct "$box" y)" 9.3 11.3
check "... 16.7% wide ($(pct "$box" width)%)" within "$(pct "$box" width)" 14 19.5
check "... 2.2% high ($(pct "$box" height)%)" within "$(pct "$box" height)" 1.7 3
check "... in an SVG over the image, no inline style (the CSP forbids it)" \
  bash -c "grep -q '<svg class=\"boxes\"' '$TMP/scan.body' && ! grep -q 'style=' '$TMP/scan.body'"
check "... the page's text beside it, the word marked" has scan 'The delegates met <mark>Erzurum</mark>'
check "... OCR's unsure words marked" has scan '<span class="unsure" title="OCR confidence'
check "... cited at its page: p. [1] (no printed number)" has scan '<span class="cite-text">[Untitled], n.d., p. [1].</span>'
check "... the original, an image, without #page" \
  has scan '<a class="original" href="https://archive.example.org/files/scan.png">the original file</a>'
check "... one page: no previous or next page" bash -c "! grep -qE 'class=\"(prev|next)-page\"' '$TMP/scan.body'"
check "... back to the results" has scan '<a href="?q=Erzurum">← Back to the results</a>'
check "... sent under the CSP that forbids script" \
  grep -q "Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self'" "$TMP/scan.head"
check "... and the stylesheet places the boxes over the image" \
  bash -c "curl -s '$URL/fond.cgi/fond.css' | grep -q 'svg.boxes { position: absolute'"

# The PDF: three pages, "Kars" on the first and the last.
check "the PDF's page 1: 200" status 200 p1 "q=Kars&show=$pdf&page=1"
b1=$(rect p1)
check "... Kars outlined once, at the line's start (the 1-inch margin: 12% of A4)" \
  bash -c "[ \$(printf '%s\n' '$b1' | grep -c rect) -eq 1 ]"
check "... at x $(pct "$b1" x)%, in the page's top fifth (y $(pct "$b1" y)%)" \
  bash -c "awk -v x='$(pct "$b1" x)' -v y='$(pct "$b1" y)' 'BEGIN { exit !(x > 10 && x < 14 && y > 0 && y < 20) }'"
check "... Page 1 of 3" has p1 '<span>Page 1 of 3</span>'
check "... a next page (2)" has p1 "<a href=\"?q=Kars&amp;show=$pdf&amp;page=2\" rel=\"next\" class=\"next-page\">Next page →</a>"
check "... the next match, on page 3 (page 2 has none)" \
  has p1 "<a href=\"?q=Kars&amp;show=$pdf&amp;page=3\" class=\"next-hit\">Next match (page 3) →</a>"
check "... no previous page or match" bash -c "! grep -qE 'class=\"prev-(page|hit)\"' '$TMP/p1.body'"
check "... cited at its printed page: p. 227" has p1 '<span class="cite-text">[Untitled], n.d., p. 227.</span>'
check "... the original at that page (#page=1)" \
  has p1 '<a class="original" href="https://archive.example.org/files/printed.pdf#page=1">the original file at this page</a>'
check "page 2: 200" status 200 p2 "q=Kars&show=$pdf&page=2"
check "... no word outlined" lacks_in p2 '<rect class="box"'
check "... a previous and a next page" \
  bash -c "grep -q 'page=1\" rel=\"prev\" class=\"prev-page\"' '$TMP/p2.body' && grep -q 'page=3\" rel=\"next\" class=\"next-page\"' '$TMP/p2.body'"
check "... the matches before (1) and after (3)" \
  bash -c "grep -q 'page=1\" class=\"prev-hit\">← Previous match (page 1)' '$TMP/p2.body' && grep -q 'page=3\" class=\"next-hit\">Next match (page 3) →' '$TMP/p2.body'"
check "... cited as p. 228" has p2 'p. 228.</span>'
check "page 3: the last: no next page, cited p. 229, #page=3" \
  bash -c "[ \$(curl -s -o '$TMP/p3.body' -w '%{http_code}' '$URL/?q=Kars&show=$pdf&page=3') = 200 ] &&
           ! grep -q 'next-page' '$TMP/p3.body' && grep -q 'p. 229.</span>' '$TMP/p3.body' &&
           grep -q 'printed.pdf#page=3' '$TMP/p3.body' && grep -q '<rect class=\"box\"' '$TMP/p3.body'"
check "... without a query: the page, nothing outlined" status 200 bare "show=$pdf&page=3"
check "... (no box)" lacks_in bare '<rect class="box"'

# What is not there: 404, with a page that says so.
check "page 4 of 3: 404" status 404 p4 "q=Kars&show=$pdf&page=4"
check "... says the source has 3 pages" has p4 'This source has no page 4: it has 3 pages.'
check "a text file's page: 404 (it has no pages)" status 404 nopages "show=$letter&page=1"
check "... says so" has nopages 'This source has no pages to show'
check "an unknown source: 404" status 404 unknown "show=0123456789abcdef&page=1"
check "page 0: 400" status 400 zero "show=$pdf&page=0"
check "a page past any source's: 400" status 400 huge "show=$pdf&page=10000000"
check "results still stop at page 100 (400)" status 400 far "q=Kars&page=101"
check "a passage's page with page= still reads as its source's page" \
  status 200 passage "q=Kars&show=$pdf-1&page=2"
check "... (the source, not a page view)" has passage '<ol class="passages">'

# format=json: links to the page view, the page image and the manifest,
# relative to the page, for paged sources only.
check "format=json: 200" status 200 json 'q=Kars&format=json'
field() { # FILE ID NAME: the field NAME of the hit of source ID
  python3 -c "import json,sys
for h in json.load(open(sys.argv[1]))['hits']:
    if h['passage_id'].startswith(sys.argv[2]): print(h.get(sys.argv[3], 'ABSENT'))" "$@"
}
check "... the PDF's page_view" test "$(field "$TMP/json.body" "$pdf" page_view)" = "fond.cgi?show=$pdf&page=1&q=Kars"
check "... its page_image" test "$(field "$TMP/json.body" "$pdf" page_image)" = "fond.cgi/image/$pdf/1?w=1000"
check "... its iiif_manifest" test "$(field "$TMP/json.body" "$pdf" iiif_manifest)" = "fond.cgi/iiif/$pdf/manifest"
check "q=Erzurum&format=json: the scan's page_view" \
  bash -c "[ \$(curl -s -o '$TMP/ejson.body' -w '%{http_code}' '$URL/?q=Erzurum&format=json') = 200 ]"
check "... its value" test "$(field "$TMP/ejson.body" "$scan" page_view)" = "fond.cgi?show=$scan&page=1&q=Erzurum"
check "... the text file's hit has none" test "$(field "$TMP/json.body" "$letter" page_view)" = ABSENT
"$SEARCH" --db "$TMP/db" --json Kars >"$TMP/cli.json"
check "fond-search --json has no page_view (no page to be relative to)" \
  test "$(field "$TMP/cli.json" "$pdf" page_view)" = ABSENT

# A scanned PDF and an hOCR file: each page view shows its page's image
# with the searched word outlined where it was drawn (x 58.3%).
for kind in scanned hocr; do
  id=${!kind}
  check "the $kind page view: 200" status 200 "$kind" "q=Erzurum&show=$id&page=1"
  check "... its page image" has "$kind" "<img src=\"fond.cgi/image/$id/1?w=1000\""
  b=$(rect "$kind")
  check "... Erzurum outlined at x $(pct "$b" x)%" within "$(pct "$b" x)" 57.5 59.5
  check "... the image served (a JPEG)" \
    bash -c "curl -s -o /dev/null -w '%{http_code} %{content_type}' '$URL/fond.cgi/image/$id/1?w=400' | grep -q '^200 image/jpeg'"
done

# A typed text's pages: a page view of its text, with no image to show
# (none could be served) and no image or manifest in the JSON.
check "a typed text's page 2: 200" status 200 typed2 "q=Ardahan&show=$typed&page=2"
check "... its text" has typed2 'again on the second typed page'
check "... no page image" lacks_in typed2 '/image/'
check "q=Ardahan&format=json: 200" status 200 tjson 'q=Ardahan&format=json'
check "... the typed text's page_view" test "$(field "$TMP/tjson.body" "$typed" page_view)" != ABSENT
check "... no page_image" test "$(field "$TMP/tjson.body" "$typed" page_image)" = ABSENT
check "... no iiif_manifest" test "$(field "$TMP/tjson.body" "$typed" iiif_manifest)" = ABSENT
[ "$failures" -eq 0 ]
