# The search page in a real browser, as a person uses it: headless Chromium
# (Debian's, driven through Debian's chromedriver with plain WebDriver
# requests) loads the start page, types a search and submits the form,
# follows a page link and a facet link, and saves a screenshot that the
# test run keeps (build/tests/artifacts/).
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
ARTIFACTS="$FOND_BIN/tests/artifacts"
mkdir -p "$ARTIFACTS"
"$INDEX" -q --db "$DB" "$FOND_SRC/corpus"
start_web "$DB"

# chromedriver on a free port, stopped with the web server.
wd_port=$((40000 + RANDOM % 20000))
chromedriver --port="$wd_port" >"$TMP/chromedriver.log" 2>&1 &
WEB_PIDS+=($!)
WD="http://127.0.0.1:$wd_port"
for _ in $(seq 1 50); do curl -sf "$WD/status" >/dev/null && break; sleep 0.1; done

# wd METHOD PATH [JSON]: one WebDriver request; prints its "value".
wd() {
  curl -s -X "$1" -H 'Content-Type: application/json' \
    ${3:+--data "$3"} "$WD$2" | jq -c '.value'
}
session=$(wd POST /session "$(jq -nc --arg dir "$TMP/chrome" '{capabilities: {alwaysMatch: {
  browserName: "chrome", "goog:chromeOptions": {binary: "/usr/bin/chromium", args: [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--window-size=1200,1500", ("--user-data-dir=" + $dir)]}}}}')" | jq -r '.sessionId')
check "a browser session" test -n "$session" -a "$session" != null
S="/session/$session"
trap 'wd DELETE "$S" >/dev/null 2>&1 || true; stop_web' EXIT

# find CSS: the element id of the first match.
find() { wd POST "$S/element" "$(jq -nc --arg css "$1" '{using: "css selector", value: $css}')" |
           jq -r '.["element-6066-11e4-a52e-4f735466cecf"] // empty'; }
click() { local id; id=$(find "$1"); [ -n "$id" ] && wd POST "$S/element/$id/click" '{}' >/dev/null; }
url() { wd GET "$S/url" | jq -r .; }
source_has() { wd GET "$S/source" | jq -r . | grep -E -- "$1" >/dev/null; }
# wait_url ERE: the browser reaches a URL matching ERE.
wait_url() { for _ in $(seq 1 50); do url | grep -E -- "$1" >/dev/null && return 0; sleep 0.1; done; return 1; }

wd POST "$S/url" "{\"url\": \"$URL/\"}" >/dev/null
check "the start page loads, with its stylesheet applied" \
  bash -c "[ \"\$(curl -s -X POST -H 'Content-Type: application/json' --data '{\"script\": \"return getComputedStyle(document.querySelector(\\\"button\\\")).backgroundColor\", \"args\": []}' '$WD$S/execute/sync' | jq -r .value)\" = 'rgb(122, 59, 18)' ]"
q=$(find '#q')
wd POST "$S/element/$q/value" '{"text": "conference"}' >/dev/null
click 'button[type=submit]'
check "typing a search and submitting the form" wait_url '\?q=conference'
check "... shows ranked passages" source_has '<li class="hit">'
check "... with the words highlighted" source_has '<mark>conference</mark>'
click '.pager a'
check "following the page link" wait_url 'page=2'
check "... shows the second page" source_has '<ol class="hits" start="11">'
click '.facets li a'
check "following a facet link" wait_url 'type=[a-z]+'
type=$(url | sed -n 's/.*type=\([a-z]*\).*/\1/p')
check "... back on page 1" bash -c "! echo '$(url)' | grep -q page="
check "... shows passages of type $type only" source_has "<li class=\"active\">$type "
wd GET "$S/screenshot" | jq -r . | base64 -d >"$ARTIFACTS/search-page.png"
check "a screenshot, kept at $ARTIFACTS/search-page.png" \
  bash -c "[ \$(stat -c %s '$ARTIFACTS/search-page.png') -gt 10000 ] && head -c 8 '$ARTIFACTS/search-page.png' | grep -q PNG"
finish
