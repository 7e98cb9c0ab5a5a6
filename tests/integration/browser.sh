# The search page in a real browser, as a person uses it: headless Chromium
# (Debian's, driven through Debian's chromedriver with plain WebDriver
# requests) loads the start page, types a search and submits the form,
# follows a page link and a facet link, opens a hit's source page (the
# passage marked, its citation shown), follows "next passage", downloads
# the search as CSV, RIS, BibTeX and Atom (each parsed by a real parser,
# each holding the page's hits), and saves screenshots that the test run
# keeps (build/tests/artifacts/).
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
ARTIFACTS="$FOND_BIN/tests/artifacts"
mkdir -p "$ARTIFACTS"
"$INDEX" -q --db "$DB" "$FOND_SRC/corpus"
start_web "$DB"

# chromedriver on a free port, stopped with the web server: a port taken
# meanwhile (chromedriver exits: "bind() failed") is tried again with
# another, up to five times.
for _ in 1 2 3 4 5; do
  wd_port=$((40000 + RANDOM % 20000))
  chromedriver --port="$wd_port" >"$TMP/chromedriver.log" 2>&1 &
  wd_pid=$!
  WEB_PIDS+=("$wd_pid")
  WD="http://127.0.0.1:$wd_port"
  # (up to 30 s: on a loaded machine chromedriver has taken over 5 to
  # start, and the session request then failed with no word)
  for _ in $(seq 1 300); do
    curl -sf "$WD/status" >/dev/null && break
    kill -0 "$wd_pid" 2>/dev/null || break # gone: its port was taken
    sleep 0.1
  done
  curl -sf "$WD/status" >/dev/null && break
done
curl -sf "$WD/status" >/dev/null || { echo "FAIL: chromedriver did not start" >&2; cat "$TMP/chromedriver.log" >&2; exit 1; }

# wd METHOD PATH [JSON]: one WebDriver request; prints its "value".
wd() {
  curl -s -X "$1" -H 'Content-Type: application/json' \
    ${3:+--data "$3"} "$WD$2" | jq -c '.value'
}
mkdir -p "$TMP/downloads"
session=$(wd POST /session "$(jq -nc --arg dir "$TMP/chrome" --arg downloads "$TMP/downloads" '{capabilities: {alwaysMatch: {
  browserName: "chrome", "goog:chromeOptions": {binary: "/usr/bin/chromium", args: [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--window-size=1200,1500", ("--user-data-dir=" + $dir)],
  prefs: {"download.default_directory": $downloads, "download.prompt_for_download": false}}}}}')" |
  jq -r '.sessionId')
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
check "... shows ranked passages" source_has '<li class="hit"'
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

# From a hit to its source, and on to the next passage.
js() { wd POST "$S/execute/sync" "$(jq -nc --arg s "$1" '{script: $s, args: []}')" | jq -r .; }
# (One word, n=50: every result on one page, so that the feed, newest
# first, holds the same hits as the page, best first.  For several words a
# page short of passages with all of them fills up with passages holding
# most of them; a feed, in its own order, holds those with all.)
wd POST "$S/url" "{\"url\": \"$URL/?q=conference&n=50\"}" >/dev/null
check "a search for 'conference'" wait_url 'q=conference&n=50'
check "... all its results on one page" bash -c "! curl -s '$URL/?q=conference&n=50' | grep -q 'class=\"pager\"'"
page_ids=$(js 'return [...document.querySelectorAll(".hit h2 a")].map(a => new URL(a.href).searchParams.get("show")).sort().join("\n")')
check "... lists hits, each title a link to its source" test -n "$page_ids"
# a hit of a source with more passages than this one ("N more in this
# source"), so that there is a next passage to follow
pick='[...document.querySelectorAll(".hit")].find(h => h.querySelector(".source a")).querySelector("h2 a")'
first=$(js "return new URL($pick.href).searchParams.get('show')")
n=${first##*-}
js "$pick.click(); return true" >/dev/null
check "clicking a hit's title opens its source page" wait_url "show=$first[^#]*#p$n\$"
check "... the passage marked" test "$(js 'return document.querySelector("[data-marked]").id')" = "p$n"
check "... scrolled into view" test "$(js 'var r = document.querySelector("[data-marked]").getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight')" = true
cite=$(js 'var c = document.querySelector("[data-marked] .citation"); return c ? c.innerText : ""')
check "... its citation shown ($cite)" bash -c "echo '$cite' | grep -q '^Cite: [“[]'"
check "... marked by the stylesheet" test "$(js 'return getComputedStyle(document.querySelector("[data-marked]")).borderLeftStyle')" = solid
wd GET "$S/screenshot" | jq -r . | base64 -d >"$ARTIFACTS/source-page.png"
click '[data-marked] a.next'
check "following 'next passage'" wait_url "show=${first%-*}-$((n + 1))[^#]*#p$((n + 1))\$"
check "... marks the next passage" test "$(js 'return document.querySelector("[data-marked]").id')" = "p$((n + 1))"
click '.back a'
check "'back to the results' returns to the search" wait_url 'q=conference&n=50$'

# The same search downloaded in each format, each parsed.
for f in csv ris bibtex atom; do
  href=$(js "return document.querySelector('a.export-$f').href")
  check "the $f link is the same search ($href)" bash -c "echo '$href' | grep -q 'q=conference&n=50&format=$f'"
done
before=$(ls "$TMP/downloads" | wc -l)
for f in csv ris bibtex; do click "a.export-$f"; done
for _ in $(seq 1 50); do
  [ "$(ls "$TMP/downloads" | grep -vc crdownload)" -ge $((before + 3)) ] && break; sleep 0.1
done
dl() { ls "$TMP/downloads/"*."$1" 2>/dev/null | head -1; }
check "the browser downloaded fond.csv, fond.ris and fond.bib" bash -c "[ -s '$(dl csv)' ] && [ -s '$(dl ris)' ] && [ -s '$(dl bib)' ]"
sorted() { sort | grep .; }
check "... the CSV parses (python3 csv), the page's hits" \
  test "$(python3 -c 'import csv,sys; print("\n".join(r["passage_id"] for r in csv.DictReader(open(sys.argv[1], newline=""))))' "$(dl csv)" | sorted)" = "$page_ids"
check "... the RIS parses (ris2xml), the page's hits" \
  test "$(ris2xml "$(dl ris)" 2>/dev/null | grep -o '<identifier type="citekey">[^<]*' | sed 's/.*>//' | sorted)" = "$page_ids"
check "... the BibTeX parses (bib2xml), the page's hits" \
  test "$(bib2xml "$(dl bib)" 2>/dev/null | grep -o '<identifier type="citekey">fond-[^<]*' | sed 's/.*fond-//' | sorted)" = "$page_ids"
atom=$(js "return document.querySelector('a.export-atom').href")
curl -s "$atom" >"$TMP/feed.xml"
check "... the Atom feed parses (xmllint), the page's hits" \
  bash -c "xmllint --noout '$TMP/feed.xml' && [ \"\$(grep -o '<id>[^<]*show=[^<]*</id>' '$TMP/feed.xml' | sed 's/.*show=//; s/<.*//' | sort)\" = '$page_ids' ]"

# Hostile requests to the new page, in the browser: markup in the query of
# a source page stays text and runs nothing (the page's policy forbids
# script, and every value is escaped); a foreign or malformed passage id
# gets a page that says so.
go() { wd POST "$S/url" "$(jq -nc --arg u "$URL/?$1" '{url: $u}')" >/dev/null; }
go "show=$first&q=%3Cimg+src%3Dx+onerror%3D%22document.title%3D%27pwned%27%22%3E%3Cscript%3Edocument.title%3D%27pwned%27%3C%2Fscript%3E"
check "markup in a source page's q: the page loads" source_has 'data-marked'
check "... no script ran" test "$(js 'return document.title')" != pwned
check "... and no element was made of it" test "$(js 'return document.querySelectorAll("main img, main script").length')" = 0
check "... the query shown as text in the form" test "$(js 'return document.querySelector("#q").value')" = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>"
go "show=0123456789abcdef-1"
check "a foreign passage id: a page that says there is no such passage" source_has 'There is no such passage here'
go "show=${first%-*}-99999999"
check "a passage beyond its source: the same" source_has 'There is no such passage here'
go "show=%22%3E%3Cscript%3Edocument.title%3D%27pwned%27%3C%2Fscript%3E"
check "a malformed id: a page that says what an id is" source_has 'must be a passage id'
check "... no script ran" test "$(js 'return document.title')" != pwned
finish
