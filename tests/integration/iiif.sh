# The page image and IIIF on fond.cgi (docs/iiif.md), under a real
# lighttpd, for each kind of paged source: a text PDF of two pages, a
# scanned PDF, an image file, a TIFF of two pages, an hOCR file with its
# page image beside it, and a folder of page images.  For each: the
# manifest (Presentation 3: its fields checked against the spec's
# requirements; a canvas a page, its painting the page image, which is
# served at the width it says), Content Search 1.0 (each hit's box is on
# its canvas, and over ink of the page image as served: the word is
# there), autocomplete (the source's words with their counts); the
# image's headers, a 304 for its ETag, the bounded cache; and hostile
# requests (a page beyond the last, widths out of bounds, a source that
# does not exist, a path that climbs, a PDF that hangs pdftoppm) that get
# a clear 4xx or 503 in bounded time.
source "$(dirname "$0")/common.bash"
for tool in groff gs tesseract jq python3; do
  command -v "$tool" >/dev/null || { echo "skip: $tool is not installed"; exit 77; }
done
export OMP_THREAD_LIMIT=1
convert=$(command -v convert-im6.q16 || command -v convert)
DB="$TMP/db"
col="$TMP/col"
mkdir -p "$col/hocr" "$col/delo" "$TMP/work"

# page FILE W H LINE...: a page of printed lines, rendered.
page() {
  local file=$1 w=$2 h=$3 y=90 args=(); shift 3
  for line in "$@"; do args+=(-annotate "+50+$y" "$line"); y=$((y + 60)); done
  "$convert" -size "${w}x$h" xc:white -font DejaVu-Serif -pointsize 36 -fill black \
    "${args[@]}" "$file"
}
# A text PDF of two pages, a word on each.
printf '.LP\nThe plenipotentiary met the harbourmaster at Batum.\n.bp\n.LP\nCaspian villages answered the harbourmaster.\n' |
  groff -ms -Tpdf >"$col/text.pdf"
# A scan: an image-only PDF, read by OCR.
printf '.LP\n.ps 14\nThe commissioners examined the credentials of the quartermaster.\n' |
  groff -ms -Tps >"$TMP/scan.ps"
gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfimage8 -r150 -sOutputFile="$col/scan.pdf" "$TMP/scan.ps"
# An image file, and a TIFF of two pages.
page "$col/receipt.png" 1200 400 'The harbourmaster counted the bales' 'of wool at the customs house.'
page "$TMP/work/t1.png" 1000 360 'First page of the register.'
page "$TMP/work/t2.png" 1000 360 'The second page names the lighthouse.'
"$convert" "$TMP/work/t1.png" "$TMP/work/t2.png" -compress LZW "$col/register.tif"
# hOCR by Tesseract, its page image beside it (named in the file).
page "$col/hocr/sheet.png" 1200 400 'The customs officer signed' 'the manifest of the schooner.'
(cd "$col/hocr" && tesseract sheet.png sheet -l eng hocr 2>/dev/null)
rm -f "$col/hocr/sheet.txt"
# A folder of page images: one source of two pages.
page "$col/delo/0001.png" 1000 360 'The telegram reached the consulate.'
page "$col/delo/0002.png" 1000 360 'The consulate answered the lighthouse keeper.'
"$INDEX" -q --db "$DB" "$col" 2>"$TMP/index.err" || { cat "$TMP/index.err" >&2; exit 1; }

CACHE="$TMP/page-cache"
start_web "$DB" --config "cache = $CACHE" --config "cache_kb = 200"

# id FILE-NAME: the source id of the source whose path ends so.
id() { "$SEARCH" --db "$DB" --json --limit 100 '*' |
         jq -r --arg f "$1" '.hits[] | select(.path | endswith($f)) | .passage_id' |
         head -1 | cut -c1-16; }
# get NAME PATH [CURL ARGS]: GET URL/fond.cgi/PATH into $TMP/NAME.body and
# .head; prints the status.
get() { local name=$1 path=$2; shift 2
  curl -s -o "$TMP/$name.body" -D "$TMP/$name.head" -w '%{http_code}' "$@" \
    "$URL/fond.cgi/$path" || echo 000; }
status_is() { local want=$1 got; shift; got=$(get "$@")
  [ "$got" = "$want" ] || { echo "  status $got, wanted $want" >&2; return 1; }; }
header() { grep -qiE "^$2" "$TMP/$1.head"; }
# json_ok FILTER FILE [JQ ARGS]: the JSON FILE holds (jq -e, quietly).
json_ok() { jq -e "${@:3}" "$1" "$2" >/dev/null; }
# jpeg_size FILE: "WIDTH HEIGHT" of a JPEG (its SOF marker), or nothing.
jpeg_size() { python3 - "$1" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
i = 2
if d[:2] != b"\xff\xd8": sys.exit(1)
while i < len(d) - 9:
    if d[i] != 0xFF: sys.exit(1)
    m, n = d[i + 1], struct.unpack(">H", d[i + 2:i + 4])[0]
    if m in (0xC0, 0xC1, 0xC2):
        h, w = struct.unpack(">HH", d[i + 5:i + 9]); print(w, h); sys.exit(0)
    i += 2 + n
sys.exit(1)
PY
}
# ink IMAGE X Y W H: the mean darkness (0 white .. 1 black) of a region.
ink() { "$convert" "$1" -crop "${4}x${5}+${2}+${3}" +repage -colorspace Gray \
          -format '%[fx:1-mean]' info:; }
# manifest_ok NAME PAGES: the manifest in $TMP/NAME.body is a Presentation
# 3 manifest (the spec's required properties) of PAGES canvases, each with
# its painting annotation of an image.
manifest_ok() { jq -e --argjson pages "$2" '
  .["@context"] == "http://iiif.io/api/presentation/3/context.json" and .type == "Manifest"
  and (.id | test("^http://.*/fond.cgi/iiif/[0-9a-f]{16}/manifest$"))
  and (.label | type == "object") and (.label | to_entries | all(.value | type == "array"))
  and (.items | length == $pages)
  and (.items | to_entries | all(.value as $c | .key as $k |
        $c.type == "Canvas" and ($c.id | endswith("/canvas/\($k + 1)"))
        and ($c.width | type == "number" and . > 0) and ($c.height | type == "number" and . > 0)
        and ($c.items | length == 1) and $c.items[0].type == "AnnotationPage"
        and ($c.items[0].items[0] | .type == "Annotation" and .motivation == "painting"
             and .target == $c.id and .body.type == "Image" and .body.format == "image/jpeg"
             and (.body.id | test("/fond.cgi/image/[0-9a-f]{16}/\($k + 1)[?]w=[0-9]+$"))
             and .body.width > 0 and .body.height > 0)))
  and (.requiredStatement.label.en[0] == "Citation") and (.requiredStatement.value.none[0] | length > 0)
  and (.metadata | length > 0) and (.metadata | all(.label.en[0] != null and (.value.none | length == 1)))
  and (.service[0] | .["@context"] == "http://iiif.io/api/search/1/context.json"
       and .profile == "http://iiif.io/api/search/1/search"
       and (.["@id"] | endswith("/search/1/search"))
       and .service[0].profile == "http://iiif.io/api/search/1/autocomplete"
       and (.service[0]["@id"] | endswith("/search/1/autocomplete")))' "$TMP/$1.body" >/dev/null; }

# The painting of canvas N of manifest NAME, fetched as the viewer would
# (its body's id, relative to URL): a JPEG of the size it says.
painting_ok() { local body w h
  body=$(jq -r --argjson n "$2" '.items[$n - 1].items[0].items[0].body | "\(.id) \(.width) \(.height)"' "$TMP/$1.body")
  read -r src w h <<<"$body"
  curl -s -o "$TMP/$1-$2.jpg" "$URL/${src#http://*/}" || return 1
  local got; got=$(jpeg_size "$TMP/$1-$2.jpg") || return 1
  # pdftoppm may round the height a pixel off the proportion
  python3 -c "import sys; gw, gh = map(int, '$got'.split()); sys.exit(not (gw == $w and abs(gh - $h) <= 1))" ||
    { echo "  painting is $got, the manifest says $w $h" >&2; return 1; }
}

# search_ok LABEL Q PAGE: Content Search in the source LABEL for Q finds a
# hit on canvas PAGE whose box lies within the canvas and over ink of
# the page image (the canvas's painting, scaled from canvas pixels).
search_ok() { local name="$1-search" q=$2 pg=$3 m="$1-manifest"
  jq -e --arg q "$q" '.["@type"] == "sc:AnnotationList"
    and (.["@context"] | index("http://iiif.io/api/search/1/context.json") != null)
    and (.resources | length > 0)
    and (.resources | all(.["@type"] == "oa:Annotation" and .motivation == "sc:painting"
                          and (.on | test("/canvas/[0-9]+#xywh=[0-9]+,[0-9]+,[0-9]+,[0-9]+$"))
                          and (.resource.chars | ascii_downcase | startswith($q))))
    and (.hits | length > 0) and .within.total == (.hits | length)
    and (.hits | all(.["@type"] == "search:Hit" and (.match | ascii_downcase | startswith($q))
                     and (.before | type == "string") and (.after | type == "string")
                     and (.annotations | length > 0)))
    and ([.hits[].annotations[]] | sort) == ([.resources[]["@id"]] | sort)' "$TMP/$name.body" >/dev/null ||
    { echo "  not a Content Search answer with hits for $q" >&2; return 1; }
  local on; on=$(jq -r --arg p "/canvas/$pg#" '[.resources[].on | select(contains($p))][0] // empty' "$TMP/$name.body")
  [ -n "$on" ] || { echo "  no hit on canvas $pg" >&2; return 1; }
  local xywh=${on##*xywh=} cw ch x y w h scale
  IFS=, read -r x y w h <<<"$xywh"
  read -r cw ch < <(jq -r --argjson n "$pg" '.items[$n - 1] | "\(.width) \(.height)"' "$TMP/$m.body")
  [ $((x + w)) -le "$cw" ] && [ $((y + h)) -le "$ch" ] && [ "$w" -gt 0 ] && [ "$h" -gt 0 ] ||
    { echo "  box $xywh outside its canvas ${cw}x$ch" >&2; return 1; }
  painting_ok "$m" "$pg" || return 1
  local img="$TMP/$m-$pg.jpg" iw; iw=$(jpeg_size "$img" | cut -d' ' -f1)
  local box page_ink
  box=$(python3 -c "s=$iw/$cw; print(int($x*s), int($y*s), max(1,int($w*s)), max(1,int($h*s)))")
  read -r x y w h <<<"$box"
  page_ink=$(ink "$img" 0 0 "$iw" 100000)
  local word_ink; word_ink=$(ink "$img" "$x" "$y" "$w" "$h")
  python3 -c "import sys; sys.exit(not ($word_ink > 0.08 and $word_ink > 3 * $page_ink))" ||
    { echo "  the box $box holds no word (ink $word_ink, the page's $page_ink)" >&2; return 1; }
}

# check_source LABEL FILE PAGES WORD PAGE PREFIX COUNT: the whole round for
# one source: manifest, every painting, a search, autocomplete.
check_source() {
  local label=$1 file=$2 pages=$3 word=$4 pg=$5 prefix=$6 count=$7 sid
  sid=$(id "$file")
  check "$label: indexed" test -n "$sid"
  check "$label: the manifest, 200" status_is 200 "$label-manifest" "iiif/$sid/manifest"
  check "$label: ... JSON-LD of Presentation 3" header "$label-manifest" 'Content-Type: application/ld\+json;profile="http://iiif.io/api/presentation/3/context.json"'
  check "$label: ... open to viewers elsewhere (CORS)" header "$label-manifest" 'Access-Control-Allow-Origin: \*'
  check "$label: ... a manifest of $pages canvases, each painted with its page image" manifest_ok "$label-manifest" "$pages"
  for p in $(seq 1 "$pages"); do
    check "$label: ... page $p's painting is served at the size it says" painting_ok "$label-manifest" "$p"
  done
  check "$label: search for '$word', 200" status_is 200 "$label-search" "iiif/$sid/search/1/search?q=$word"
  check "$label: ... its hit's box is on canvas $pg, over the word" search_ok "$label" "$word" "$pg"
  check "$label: autocomplete '$prefix', 200" status_is 200 "$label-ac" "iiif/$sid/search/1/autocomplete?q=$prefix"
  check "$label: ... offers '$word' $count time(s), with its search" json_ok '
    .["@type"] == "search:TermList" and .["@context"] == "http://iiif.io/api/search/1/context.json"
    and (.terms | all(.match | startswith($w[0:2])))
    and (.terms | map(select(.match == $w))[0] | .count == $c and (.url | endswith("/search/1/search?q=\($w)")))' "$TMP/$label-ac.body" \
    --arg w "$word" --argjson c "$count"
}

check_source text-pdf text.pdf 2 harbourmaster 2 harb 2
check_source scan-pdf scan.pdf 1 quartermaster 1 quart 1
check_source image receipt.png 1 harbourmaster 1 harb 1
check_source tiff register.tif 2 lighthouse 2 light 1
check_source hocr sheet.hocr 1 schooner 1 scho 1
check_source folder delo 2 lighthouse 2 ligh 1

# A search that finds nothing answers an empty list, not an error.
sid=$(id text.pdf)
check "a search that finds nothing: 200" status_is 200 none "iiif/$sid/search/1/search?q=zanzibar"
check "... an empty list, within 0" json_ok '.resources == [] and .hits == [] and .within.total == 0' "$TMP/none.body"
check "parameters fond does not take are listed as ignored" status_is 200 ign "iiif/$sid/search/1/search?q=harbourmaster&motivation=painting&user=x"
check "... (motivation, user)" json_ok '.ignored == ["motivation", "user"] and (.hits | length) == 2' "$TMP/ign.body"
# A phrase is the query language's: its two words, each boxed.
check "a phrase: 200" status_is 200 phrase "iiif/$sid/search/1/search?q=%22answered+the+harbourmaster%22"
check "... its words boxed on page 2" json_ok '[.resources[] | select(.on | contains("/canvas/2#"))] | length >= 2' "$TMP/phrase.body"

# The image's headers, its ETag and the cache.
check "the image: 200" status_is 200 img "image/$sid/1?w=300"
check "... a JPEG" header img 'Content-Type: image/jpeg'
w=$(jpeg_size "$TMP/img.body" | cut -d' ' -f1)
check "... of the width asked (300, got $w)" test "$w" = 300
check "... with an ETag" header img 'ETag: "[0-9a-f]{16}"'
check "... and Cache-Control" header img 'Cache-Control: public, max-age=[0-9]+'
etag=$(grep -i '^ETag:' "$TMP/img.head" | cut -d' ' -f2 | tr -d '\r')
check "the same image with If-None-Match its ETag: 304" status_is 304 img304 "image/$sid/1?w=300" -H "If-None-Match: $etag"
check "... with no body" test ! -s "$TMP/img304.body"
check "another width: another ETag" bash -c "[ \"\$(grep -i '^ETag:' '$TMP/img.head')\" != \"\$(curl -s -D - -o /dev/null '$URL/fond.cgi/image/$sid/1?w=400' | grep -i '^ETag:')\" ]"
curl -s "$URL/fond.cgi/image/$sid/1" -o "$TMP/default.jpg"
check "with no width, 1000 pixels wide (got $(jpeg_size "$TMP/default.jpg"))" test "$(jpeg_size "$TMP/default.jpg" | cut -d' ' -f1)" = 1000
check "rendered pages are cached" bash -c "ls '$CACHE/pages/'*.jpg >/dev/null"
# The cache is bounded (cache_kb = 200): many widths, and it stays within.
for w in $(seq 1000 50 2000); do curl -s -o /dev/null "$URL/fond.cgi/image/$sid/1?w=$w"; done
kb=$(du -sk "$CACHE/pages" | cut -f1)
check "the cache stays within its bound (${kb} KiB of 200)" test "$kb" -le 240
check "... keeping the latest" test -n "$(find "$CACHE/pages" -name '*.jpg' -newer "$TMP/default.jpg")"

# Hostile requests: a clear status and a page saying why, fast.
check "a page beyond the last: 404" status_is 404 beyond "image/$sid/3"
check "... saying how many pages there are" grep -q 'This source has 2 pages' "$TMP/beyond.body"
check "page 0: 404" status_is 404 zero "image/$sid/0"
check "a huge width: 400" status_is 400 huge "image/$sid/1?w=100000"
check "... saying the bounds" grep -q 'from 100 to 2000' "$TMP/huge.body"
check "a width too small: 400" status_is 400 small "image/$sid/1?w=10"
check "a width that is no number: 400" status_is 400 nan "image/$sid/1?w=12abc"
check "a source that does not exist: 404 (image)" status_is 404 nosrc "image/0123456789abcdef/1"
check "... (manifest)" status_is 404 nosrc2 "iiif/0123456789abcdef/manifest"
check "... (search)" status_is 404 nosrc3 "iiif/0123456789abcdef/search/1/search?q=harbour"
check "a malformed id: 404" status_is 404 badid "image/..%2F..%2Fetc/1"
check "a path that climbs: 404" status_is 404 climb "image/$sid/../../../etc/passwd" --path-as-is
check "a search with no q: 400" status_is 400 noq "iiif/$sid/search/1/search"
check "a search with bad escapes: 400" status_is 400 badq "iiif/$sid/search/1/search?q=%zz"
check "an unknown IIIF resource: 404" status_is 404 unknown "iiif/$sid/info.json"
check "no error page names a path of the server" bash -c "! cat '$TMP'/{beyond,zero,huge,nosrc,climb,badid}.body | grep -q '$TMP'"
# A source with no pages (a text file) has neither image nor manifest.
echo 'A letter about the harbourmaster, typed.' >"$TMP/letter.txt"
"$INDEX" -q --db "$DB" "$TMP/letter.txt"
tid=$(id letter.txt)
check "a source with no pages: no image (404)" status_is 404 nopages "image/$tid/1"
check "... and no manifest (404)" status_is 404 nopages2 "iiif/$tid/manifest"

# A PDF that hangs pdftoppm costs one request its render_timeout and a
# 503, not the server: fond.cgi run as lighttpd runs it, with a stand-in
# for pdftoppm that never ends first on its PATH.
mkdir -p "$TMP/fake"
printf '#!/bin/sh\nexec sleep 617\n' >"$TMP/fake/pdftoppm"
chmod +x "$TMP/fake/pdftoppm"
echo "render_timeout = 2" >"$TMP/fond.cgi.conf"
cp "$FOND_BIN/fond.cgi" "$TMP/fond.cgi"
start=$(date +%s)
env -i PATH="$TMP/fake:/usr/bin:/bin" FOND_DB="$DB" FOND_CACHE="$TMP/cache-hang" \
  REQUEST_METHOD=GET SCRIPT_NAME=/fond.cgi HTTP_HOST=127.0.0.1 \
  PATH_INFO="/image/$sid/2" QUERY_STRING=w=500 SCRIPT_FILENAME="$TMP/fond.cgi" \
  "$TMP/fond.cgi" >"$TMP/hang.out" 2>"$TMP/hang.err"
took=$(( $(date +%s) - start ))
check "a PDF that hangs pdftoppm: 503" grep -q '^Status: 503' "$TMP/hang.out"
check "... saying the page took too long" grep -q 'took too long' "$TMP/hang.out"
check "... within its timeout ($took s)" test "$took" -le 6
check "... the hung renderer is gone" bash -c "! pgrep -f 'sleep [6]17' >/dev/null"
check "... the server's log says why" grep -q 'pdftoppm' "$TMP/hang.err"
finish
