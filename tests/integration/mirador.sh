# A IIIF viewer reads fond: Mirador (the npm package `mirador`, pinned,
# fetched with npm into the build folder once and kept there), served as
# static files by the test's lighttpd beside fond.cgi, opens the manifest
# of an indexed scan (a scanned PDF read by OCR) and of an hOCR file in
# headless Chromium (driven through chromedriver); a search typed into its
# search panel runs through fond's Content Search service; the hits are
# listed (the DOM), and drawn on the page (a screenshot: the viewer's
# highlight lies over the word's place on the page image, which is found
# in the screenshot itself).  Screenshots are kept (build/tests/artifacts/).
source "$(dirname "$0")/common.bash"
MIRADOR_VERSION=4.0.0
for tool in npm chromedriver chromium groff gs tesseract jq python3; do
  command -v "$tool" >/dev/null || { echo "skip: $tool is not installed"; exit 77; }
done
export OMP_THREAD_LIMIT=1
convert=$(command -v convert-im6.q16 || command -v convert)
ARTIFACTS="$FOND_BIN/tests/artifacts"
mkdir -p "$ARTIFACTS"

# Mirador's bundle (dist/mirador.min.js: the viewer whole, no other
# package needed), from the npm registry, into the build folder once.
NPM_DIR="$FOND_BIN/tests/npm"
bundle="$NPM_DIR/mirador-$MIRADOR_VERSION.min.js"
if [ ! -s "$bundle" ]; then
  mkdir -p "$NPM_DIR"
  (cd "$NPM_DIR" && npm pack "mirador@$MIRADOR_VERSION" --silent --cache "$NPM_DIR/cache" >/dev/null) ||
    { echo "FAIL: npm could not fetch mirador@$MIRADOR_VERSION" >&2; exit 1; }
  tar -xzf "$NPM_DIR/mirador-$MIRADOR_VERSION.tgz" -O package/dist/mirador.min.js >"$bundle.new"
  mv "$bundle.new" "$bundle"
fi
viewer="$TMP/viewer"
mkdir -p "$viewer"
cp "$bundle" "$viewer/mirador.min.js"
cat >"$viewer/index.html" <<'EOF'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Mirador</title></head>
<body style="margin:0"><div id="viewer" style="position:absolute;inset:0"></div>
<script src="mirador.min.js"></script>
<script>
Mirador.viewer({id: "viewer",
  windows: [{manifestId: new URLSearchParams(location.search).get("manifest")}],
  window: {sideBarOpenByDefault: true, defaultSideBarPanel: "search", panels: {search: true}},
  workspaceControlPanel: {enabled: false}});
</script></body></html>
EOF

# A scanned PDF (image only: fond-index reads it by OCR), and an hOCR
# file with its page image beside it.
col="$TMP/col"
mkdir -p "$col/hocr"
printf '.LP\n.ps 14\nThe commissioners examined the credentials of the quartermaster.\n' |
  groff -ms -Tps >"$TMP/scan.ps"
gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfimage8 -r150 -sOutputFile="$col/scan.pdf" "$TMP/scan.ps"
"$convert" -size 1200x500 xc:white -font DejaVu-Serif -pointsize 36 -fill black \
  -annotate +60+120 'The customs officer signed' -annotate +60+200 'the manifest of the schooner.' \
  "$col/hocr/sheet.png"
(cd "$col/hocr" && tesseract sheet.png sheet -l eng hocr 2>/dev/null)
DB="$TMP/db"
"$INDEX" -q --db "$DB" "$col"
start_web "$DB" --static "$viewer"

# chromedriver on a free port (as browser.sh starts it).
for _ in 1 2 3 4 5; do
  wd_port=$((40000 + RANDOM % 20000))
  chromedriver --port="$wd_port" >"$TMP/chromedriver.log" 2>&1 &
  wd_pid=$!
  WEB_PIDS+=("$wd_pid")
  WD="http://127.0.0.1:$wd_port"
  for _ in $(seq 1 300); do
    curl -sf "$WD/status" >/dev/null && break
    kill -0 "$wd_pid" 2>/dev/null || break
    sleep 0.1
  done
  curl -sf "$WD/status" >/dev/null && break
done
curl -sf "$WD/status" >/dev/null || { echo "FAIL: chromedriver did not start" >&2; exit 1; }
wd() { curl -s -X "$1" -H 'Content-Type: application/json' ${3:+--data "$3"} "$WD$2" | jq -c '.value'; }
session=$(wd POST /session "$(jq -nc --arg dir "$TMP/chrome" '{capabilities: {alwaysMatch: {
  browserName: "chrome", "goog:chromeOptions": {binary: "/usr/bin/chromium", args: [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--window-size=1200,900", ("--user-data-dir=" + $dir)]}}}}')" | jq -r '.sessionId')
check "a browser session" test -n "$session" -a "$session" != null
S="/session/$session"
trap 'wd DELETE "$S" >/dev/null 2>&1 || true; stop_web' EXIT
find_el() { wd POST "$S/element" "$(jq -nc --arg css "$1" '{using: "css selector", value: $css}')" |
              jq -r '.["element-6066-11e4-a52e-4f735466cecf"] // empty'; }
source_has() { wd GET "$S/source" | jq -r . | grep -E -- "$1" >/dev/null; }
# until SECONDS COMMAND...: the command succeeds within SECONDS.
until_ok() { local n=$(( $1 * 5 )); shift; for _ in $(seq 1 "$n"); do "$@" && return 0; sleep 0.2; done; return 1; }
js() { wd POST "$S/execute/sync" "$(jq -nc --arg s "$1" '{script: $s, args: []}')"; }

# drawn SHOT XYWH CANVAS_W: in the screenshot SHOT, the viewer's highlight
# (pixels of a clear yellow, the hits' colour, which a page of black text
# on white has none of) lies over the word: across, where the box XYWH of
# a canvas CANVAS_W wide falls on the page image as the screen shows it
# (its white columns inside the viewer's canvas element, whose rectangle
# is $TMP/osd.json), and as wide; down, over ink (the word's letters).
drawn() {
  local raw="$TMP/shot.rgb" size
  size=$("$convert" "$1" -format '%w %h' info:)
  "$convert" "$1" -depth 8 "rgb:$raw"
  python3 - "$raw" $size "$2" "$3" "$TMP/osd.json" <<'PY'
import json, sys
raw, W, H, xywh, cw, osd = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], float(sys.argv[5]), sys.argv[6]
d = open(raw, "rb").read()
r = json.load(open(osd))
L, T = max(0, int(r["left"])), max(0, int(r["top"]))
R, B = min(W, int(r["left"] + r["width"])), min(H, int(r["top"] + r["height"]))
px = lambda x, y: d[3 * (y * W + x):3 * (y * W + x) + 3]
# the page: the columns of white inside the viewer (its background is grey)
cols = [x for x in range(L, R) if sum(1 for y in range(T, B, 5) if min(px(x, y)) >= 250) > (B - T) // 20]
if not cols:
    sys.exit("no page image on the screen")
pl, pr = cols[0], cols[-1] + 1
scale = (pr - pl) / cw
yellow = [(x, y) for y in range(T, B) for x in range(L, R)
          if (lambda p: p[0] > 180 and p[1] > 180 and p[2] < 170 and p[0] - p[2] > 50)(px(x, y))]
if len(yellow) < 20:
    sys.exit("no highlight drawn (%d yellow pixels)" % len(yellow))
x, y, w, h = map(float, xywh.split(","))
ex0, ex1 = pl + x * scale, pl + (x + w) * scale
yx = sorted(p[0] for p in yellow); yy = sorted(p[1] for p in yellow)
x0, x1, y0, y1 = yx[0], yx[-1], yy[0], yy[-1]
ink = sum(1 for yy_ in range(y0, y1 + 1) for xx in range(x0, x1 + 1) if max(px(xx, yy_)) < 130)
print("page %d..%d; highlight %d..%d x %d..%d, %d pixels of ink; the word's box across %.0f..%.0f"
      % (pl, pr, x0, x1, y0, y1, ink, ex0, ex1))
ok = abs((x0 + x1) / 2 - (ex0 + ex1) / 2) <= 4 and 0.6 <= (x1 - x0 + 1) / max(1, ex1 - ex0) <= 1.6 and ink >= 10
sys.exit(0 if ok else "the highlight is not over the word")
PY
}

# view LABEL FILE WORD: open FILE's manifest in Mirador, search WORD in
# its search panel, check the hit listed and drawn over the word.
view() {
  local label=$1 file=$2 word=$3 sid manifest
  sid=$("$SEARCH" --db "$DB" --json --limit 50 '*' |
          jq -r --arg f "$file" '.hits[] | select(.path | endswith($f)) | .passage_id' | head -1 | cut -c1-16)
  manifest="$URL/fond.cgi/iiif/$sid/manifest"
  wd POST "$S/url" "$(jq -nc --arg u "$URL/viewer/index.html?manifest=$manifest" '{url: $u}')" >/dev/null
  check "$label: Mirador opens the manifest (its title shown)" until_ok 30 source_has "\\($file\\)"
  check "$label: ... and its search panel" until_ok 10 test -n "$(find_el 'input[type=text]')"
  local box; box=$(find_el 'input[type=text]')
  wd POST "$S/element/$box/value" "$(jq -nc --arg t "$word"$'\n' '{text: $t}')" >/dev/null
  check "$label: a search for '$word' lists its hit" until_ok 30 source_has "<strong[^>]*>(<[^>]*>)*$word"
  check "$label: ... counted as Content Search answered" source_has '1 of 1'
  sleep 3 # the viewer pans to the hit and draws it
  js 'var r = document.querySelector(".openseadragon-canvas").getBoundingClientRect(); return {left: r.left, top: r.top, width: r.width, height: r.height};' >"$TMP/osd.json"
  wd GET "$S/screenshot" | jq -r . | base64 -d >"$ARTIFACTS/mirador-$label.png"
  local search on cw
  search=$(curl -s "$URL/fond.cgi/iiif/$sid/search/1/search?q=$word")
  on=$(jq -r '.resources[0].on' <<<"$search")
  cw=$(curl -s "$manifest" | jq -r '.items[0].width')
  check "$label: ... drawn on the page over the word (screenshot $ARTIFACTS/mirador-$label.png)" drawn "$ARTIFACTS/mirador-$label.png" "${on##*xywh=}" "$cw"
}
view scan scan.pdf quartermaster
view hocr sheet.hocr schooner
finish
