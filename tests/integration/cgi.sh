# fond.cgi under a real lighttpd (web/serve), as the public meets it: the
# start page, a search with its facets, paging, suggestion and per-source
# links, JSON equal to fond-search --json; then hostile requests, each of
# which must get a clear status and a page that runs no script and names
# no file.
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
"$INDEX" -q --db "$DB" "$FOND_SRC/corpus"
start_web "$DB"

has() { grep -qE -- "$2" "$TMP/$1.body"; }
header() { grep -qi "^$2" "$TMP/$1.head"; }
status_is() { # want name query-string [curl args]
  local want=$1 got; shift
  got=$(fetch "$@")
  [ "$got" = "$want" ] || { echo "  status $got, wanted $want" >&2; return 1; }
}
# estimate QUERY [OPTION...]: fond-search's count of the passages matching
estimate() { "$SEARCH" --db "$DB" --json "$@" | sed -n 's/^  "estimate": \([0-9]*\),/\1/p'; }

# The start page: the collection's size, examples, ways to browse.
check "start page: 200" status_is 200 start ''
all=$(estimate '*')
check "... says how many passages ($all) the collection holds" has start "Search $all passages from [0-9]+ sources"
check "... offers example searches" has start '<ul class="examples">'
check "... and browsing by type" has start '<a href="\?type=telegram">telegram</a>'
check "... in a page with a language" has start '<html lang="en">'
for h in "Content-Security-Policy: default-src 'none'" "X-Content-Type-Options: nosniff" \
         "Referrer-Policy: no-referrer" "Content-Type: text/html; charset=utf-8"; do
  check "... sent with $h" header start "$h"
done
check "the stylesheet: 200 text/css" status_is 200 css '' --path-as-is -o /dev/null
curl -s -D "$TMP/css.head" -o "$TMP/css.body" "$URL/fond.cgi/fond.css"
check "... served by the CGI" header css 'Content-Type: text/css'

# A search: what was searched, how many matched, the variant highlighted.
check "q=Tbilisi: 200" status_is 200 tbilisi 'q=Tbilisi'
check "... says what was searched and how many matched" has tbilisi "$(estimate Tbilisi --per-source 3) passages? match <q>Tbilisi</q>"
check "... highlights the spelling the source uses" has tbilisi '<mark>Tiflis</mark>'
check "... and says which variant matched" has tbilisi 'Matched as: Tiflis'
check "... fills the form with the query" has tbilisi 'name="q" type="search" value="Tbilisi"'
fetch tel 'q=Huseynov&type=telegram' >/dev/null
check "type and date of a telegram" has tel '<span class="type">telegram</span> · <time datetime="1921-07-21">21 July 1921</time>' 
check "... sender and recipient" has tel 'from M. D. Huseynov to Yusif Kamal'
fetch cite 'q=archive:%22SA+AR%22' >/dev/null
check "footnoted citations" has cite '<span class="archival">SA AR · fond 28' 

# format=json: the same as fond-search --json with the page's options.
fetch json 'q=Tbilisi&format=json' >/dev/null
"$SEARCH" --db "$DB" --json --per-source 3 --facets Tbilisi >"$TMP/cli.json" || true
check "format=json equals fond-search --json --per-source 3 --facets" cmp -s "$TMP/json.body" "$TMP/cli.json"
check "... as application/json" header json 'Content-Type: application/json'

# Facets filter; the filter can be dropped again.
fetch conf 'q=conference' >/dev/null
link=$(grep -o '<li><a href="[^"]*type=[a-z]*">' "$TMP/conf.body" | head -1 | cut -d'"' -f2 | sed 's/&amp;/\&/g')
type=${link##*type=}
check "a facet link ($link)" status_is 200 facet "${link#\?}"
check "... shows only passages of type $type" bash -c "[ \$(grep -c '<li class=\"hit\">' '$TMP/facet.body') -gt 0 ] && [ \$(grep -c '<li class=\"hit\">' '$TMP/facet.body') = \$(grep -c '<span class=\"type\">$type</span>' '$TMP/facet.body') ]"
check "... and offers to drop it" has facet "<li class=\"active\">$type <a href=\"\\?q=conference\">\\(any\\)</a>"

# Paging.
check "page 2 of 5 a page" status_is 200 page2 'q=conference&n=5&page=2'
check "... shows passages 6-10" has page2 'Showing 6–10\.'
check "... numbered from 6" has page2 '<ol class="hits" start="6">'
check "... links back to page 1" has page2 '<a href="\?q=conference&amp;n=5">← Previous</a>'
check "... and on to page 3" has page2 '<a href="\?q=conference&amp;n=5&amp;page=3">Next →</a>'

# Suggestion, dates, per-source collapse.
fetch typo 'q=nakhichevn' >/dev/null
check "a misspelling gets a 'did you mean' link" has typo 'Did you mean <a href="\?q=nakhichevan">nakhichevan</a>\?'
fetch dated 'q=conference&from=1921-09&until=1921-10&format=json' >/dev/null
grep -E '^      "(date|dates)"' "$TMP/dated.body" | paste - - >"$TMP/dated.lines" || true
check "a date range keeps only passages dated in it" bash -c "[ -s '$TMP/dated.lines' ] && ! grep -vqE '1921-(09|10)' '$TMP/dated.lines'"
fetch narrative 'q=conference' >/dev/null
more=$(grep -o '<a href="[^"]*source=[^"]*">[0-9]* more in this source' "$TMP/narrative.body" | head -1 || true)
check "at most 3 passages of a source, then 'N more in this source'" test -n "$more"
n_more=$(echo "$more" | grep -o '>[0-9]*' | tr -d '>')
link=$(echo "$more" | cut -d'"' -f2 | sed 's/&amp;/\&/g')
fetch onesource "${link#\?}" >/dev/null
shown=$(grep -o '<p class="source">[^<·]*' "$TMP/onesource.body" | sort -u | wc -l)
check "... whose link shows that source alone" [ "$shown" -eq 1 ]
check "... all $((n_more + 1)) or more of its passages, as the link said" \
  bash -c "grep -q 'Showing 1–' '$TMP/onesource.body' && [ \$(sed -n 's/.*<h1 class=\"summary\">\([0-9]*\) passage.*/\1/p' '$TMP/onesource.body') -ge $((n_more + 1)) ]"

# ------------------------------------------------------------ hostile requests
script='%3Cscript%3Ealert(1)%3C%2Fscript%3E'
for p in q type year from until source sort n page format nosuch; do
  got=$(fetch xss "$p=$script")
  check "script in '$p': status $got (200 or 400), no <script> in the page" \
    bash -c "[ '$got' = 200 ] || [ '$got' = 400 ]; ! grep -qi '<script' '$TMP/xss.body'"
done
fetch xssq "q=$script" >/dev/null
check "... the query shown escaped" has xssq '&lt;script&gt;alert\(1\)&lt;/script&gt;'
fetch xssattr 'q=%22+onfocus%3D%22alert(1)' >/dev/null
check "a quote cannot leave an attribute" has xssattr 'value="&quot; onfocus=&quot;alert\(1\)"'
check "a NUL byte: 400" status_is 400 nul 'q=kars%00moscow'
check "... that says why" has nul "parameter &#39;q&#39; holds a control character"
check "invalid percent-encoding: 400" status_is 400 pct 'q=%G1'
check "invalid UTF-8: 400" status_is 400 utf 'q=%FF%FE'
check "... that says why" has utf "parameter &#39;q&#39; is not valid UTF-8"
check "an unknown parameter: 400" status_is 400 unknown 'q=kars&debug=1'
check "... named" has unknown "unknown parameter &#39;debug&#39;"
check "a repeated parameter: 400" status_is 400 twice 'q=kars&q=moscow'
for n in 'page=-1' 'page=0' 'page=101' 'page=18446744073709551616' 'n=0' 'n=1000000' 'n=-5'; do
  check "$n: 400" status_is 400 num "q=kars&$n"
done
check "... that says the range" has num "must be a number of results from 1 to 50"
check "a malformed query: 400" status_is 400 paren 'q=%28kars+OR+moscow'
check "... naming the column" has paren 'unbalanced parenthesis.*column'
check "... with the form to fix it" has paren 'value="\(kars OR moscow"'
check "a field with no word (crashed fond.cgi before 2026-11-29): 400" \
  status_is 400 emptyfield 'q=place%3A%22%22'
check "... that says what a field needs" has emptyfield 'a field needs a word after it'
huge=$(head -c 1048576 /dev/zero | tr '\0' 'a')
got=$( { exec 3<>"/dev/tcp/127.0.0.1/${URL##*:}"
         printf 'GET /?q=%s HTTP/1.0\r\n\r\n' "$huge" >&3 2>/dev/null || true
         head -1 <&3 | cut -d' ' -f2; } || echo 000)
check "a 1 MB query string: refused ($got)" bash -c "case '$got' in 4??) exit 0;; *) exit 1;; esac"
check "... and the server still answers" status_is 200 after 'q=kars'
check "POST: 405" status_is 405 post 'q=kars' -X POST --data 'q=kars'
check "... saying GET only" header post 'Allow: GET, HEAD'
check "an unknown path: 404" bash -c "[ \$(curl -s -o /dev/null -w '%{http_code}' '$URL/fond.cgi/etc/passwd') = 404 ]"
for f in nul pct utf unknown twice num paren post; do
  check "the $f page names no file or folder" lacks "$TMP" "$TMP/$f.body"
done

# A missing database: 503, and the page does not say where it looked.
stop_web
start_web "$TMP/no-such-db"
check "a missing database: 503" status_is 503 nodb 'q=kars'
check "... that says search is not available" has nodb 'Search is not available'
check "... without naming the path" lacks "no-such-db" "$TMP/nodb.body"
check "... which goes to the server's log instead" grep -q 'fond.cgi: no fond database at .*no-such-db' "$TMP/serve.log"
finish
