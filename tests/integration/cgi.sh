# fond.cgi under a real lighttpd (web/serve), as the public meets it: the
# start page, a search with its facets, paging, suggestion and per-source
# links whose counts agree, JSON equal to fond-search --json; a source's
# page, the exports (CSV, RIS, BibTeX), the Atom feed and the OpenSearch
# description; then hostile requests, each of which must get a clear
# status and a page that runs no script; and no response of them all names
# a path of the server.
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
"$INDEX" -q --db "$DB" "$FOND_SRC/corpus"
start_web "$DB" --file-url "$FOND_SRC/corpus/ => https://archive.example.org/files/"

has() { grep -qE -- "$2" "$TMP/$1.body"; }
header() { grep -qi "^$2" "$TMP/$1.head"; }
status_is() { # want name query-string [curl args]
  local want=$1 got; shift
  got=$(fetch "$@")
  [ "$got" = "$want" ] || { echo "  status $got, wanted $want" >&2; return 1; }
}
# estimate QUERY [OPTION...]: fond-search's count of the passages matching
estimate() { "$SEARCH" --db "$DB" --json "$@" | sed -n 's/^  "estimate": \([0-9]*\),/\1/p'; }
# count FIELD QUERY: fond-search's exact count ("passages" or "sources")
count() { "$SEARCH" --db "$DB" --json --facets "$2" | sed -n "s/^  \"$1\": \([0-9]*\),/\1/p"; }

# The start page: the collection's size, examples, ways to browse.
check "start page: 200" status_is 200 start ''
all=$(estimate '*')
check "... says how many passages ($all) the collection holds" has start "Search $all passages from [0-9]+ sources"
check "... offers example searches" has start '<ul class="examples">'
# corpus/ holds more passages of no type than of any one type: the example
# is the commonest type, never the empty one
check "... each a search of something (no empty 'type:')" bash -c "! grep -q '>[a-z]*:</a>' '$TMP/start.body'"
check "... the commonest type among them" has start '>type:note</a>'
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
check "... says what was searched and how many passages in how many sources matched" \
  has tbilisi "$(count passages Tbilisi) passages? in $(count sources Tbilisi) sources? match(es)? <q>Tbilisi</q>"
check "... highlights the spelling the source uses" has tbilisi '<mark>Tiflis</mark>'
check "... and says which variant matched" has tbilisi 'Matched as: Tiflis'
check "... fills the form with the query" has tbilisi 'name="q" type="search" value="Tbilisi"'
fetch tel 'q=Huseynov&type=telegram' >/dev/null
check "type and date of a telegram" has tel '<span class="type">telegram</span> · <time datetime="1921-07-21">21 July 1921</time>' 
check "... sender and recipient" has tel 'from M. D. Huseynov to Yusif Kamal'
fetch cite 'q=archive:%22SA+AR%22' >/dev/null
check "footnoted citations" has cite '<span class="archival">SA AR · fond 28' 

# format=json: the same as fond-search --json with the page's options, but
# for the public: sources by name, no source facet (it counts by path).
fetch json 'q=Tbilisi&format=json' >/dev/null
"$SEARCH" --db "$DB" --json --per-source 3 --facets Tbilisi >"$TMP/cli.json" || true
no_paths() { grep -vE '^ *"(path|name)": |^    "source": \{' "$1" | sed 's/,$//'; }
check "format=json equals fond-search --json --per-source 3 --facets, paths aside" \
  cmp -s <(no_paths "$TMP/json.body") <(no_paths "$TMP/cli.json")
check "... naming sources by their path under the folder indexed" \
  bash -c "grep '^      \"path\": ' '$TMP/json.body' | grep -vq '\"corpus/' && exit 1; grep -q '^      \"path\": \"corpus/' '$TMP/json.body'"
check "... as application/json" header json 'Content-Type: application/json'

# Facets filter; the filter can be dropped again.
fetch conf 'q=conference' >/dev/null
link=$(grep -o '<li><a href="[^"]*type=[a-z]*">' "$TMP/conf.body" | head -1 | cut -d'"' -f2 | sed 's/&amp;/\&/g')
type=${link##*type=}
check "a facet link ($link)" status_is 200 facet "${link#\?}"
check "... shows only passages of type $type" bash -c "[ \$(grep -c '<li class=\"hit\"' '$TMP/facet.body') -gt 0 ] && [ \$(grep -c '<li class=\"hit\"' '$TMP/facet.body') = \$(grep -c '<span class=\"type\">$type</span>' '$TMP/facet.body') ]"
check "... and offers to drop it" has facet "<li class=\"active\">$type <a href=\"\\?q=conference\">\\(any\\)</a>"

# Paging.
check "page 2 of 5 a page" status_is 200 page2 'q=conference&n=5&page=2'
check "... shows passages 6-10" has page2 'Showing 6–10[. ]'
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
check "... named by its path under the folder indexed" bash -c "echo '$link' | grep -q 'source=corpus%2F'"
# The counts agree: the summary's passages are the results shown plus those
# behind every "N more", and the source's own page has exactly the
# passages its link promised.
src=$(echo "$link" | sed 's/.*source=//; s/%2F/\//g')
kept=$(grep -c "<p class=\"source\">$src" "$TMP/narrative.body" || true)
check "... exactly $n_more more than the $kept shown, as the link said" \
  has onesource "^<h1 class=\"summary\">$((n_more + kept)) passages in 1 source match"
fetch every 'q=conference&n=50' >/dev/null
total=$(sed -n 's/^<h1 class="summary">\([0-9]*\) passages in \([0-9]*\) sources.*/\1/p' "$TMP/every.body")
hits=$(grep -c '<li class="hit"' "$TMP/every.body")
sources=$(grep -o '<p class="source">[^<·]*' "$TMP/every.body" | sort -u | wc -l)
# each source's "N more" is written on each of its hits: count it once
more_once=$(grep -o '<p class="source">[^<]*<a[^>]*>[0-9]* more' "$TMP/every.body" | sort -u |
            grep -o '>[0-9]* more' | tr -dc '0-9\n' | awk '{s += $1} END {print s + 0}')
check "the summary's passages = hits shown + each source's 'N more' ($total = $hits + $more_once)" [ "$total" = $((hits + more_once)) ]
check "... sources = the sources the hits show ($sources)" has every "in $sources sources match"
check "... as fond-search counts them" [ "$total" = "$(count passages conference)" ]
for facet in type year; do
  sum=$(sed -n "/<h2>${facet^}<\/h2>/,/<\/ul>/p" "$TMP/every.body" | grep -o 'class="count">[0-9]*' | tr -dc '0-9\n' | awk '{s += $1} END {print s + 0}')
  check "... the $facet facet counts passages, no more than match ($sum <= $total)" [ "$sum" -le "$total" ]
done
check "... and the page says the facets count passages" has every 'Numbers count passages'

# A source's page: every hit's title links to it, scrolled to the passage.
href=$(grep -o '<h2><a href="[^"]*show=[^"]*">' "$TMP/narrative.body" | head -1 | cut -d'"' -f2 | sed 's/&amp;/\&/g')
id=$(echo "$href" | sed 's/.*show=\([^&#]*\).*/\1/')
n=${id##*-}
check "a hit's title links to its source's page ($href)" bash -c "echo '$href' | grep -qE '^\?q=conference&show=[0-9a-f]{16}-[0-9]+#p$n\$'"
qs=${href#\?}; qs=${qs%%#*}
check "the source's page: 200" status_is 200 show "$qs"
check "... an anchor for each passage" bash -c "[ \$(grep -c '<li id=\"p[0-9]*\" value=' '$TMP/show.body') -ge 10 ]"
check "... the passage marked" has show "<li id=\"p$n\" value=\"$n\" class=\"passage\" data-marked=\"marked\" aria-current=\"true\">"
check "... only that one" [ "$(grep -c 'data-marked' "$TMP/show.body")" = 1 ]
check "... the query's words marked" has show '<mark>conference</mark>'
check "... its citation" bash -c "sed -n '/data-marked/,/<\/li>/p' '$TMP/show.body' | grep -q '<p class=\"citation\">'"
check "... links to the next passage" has show "<a href=\"\\?q=conference&amp;show=${id%-*}-$((n + 1))#p$((n + 1))\" rel=\"next\""
check "... and back to the results" has show '<a href="\?q=conference">← Back to the results</a>'
check "... and to the original file, where the archive publishes it" \
  has show '<a class="original" href="https://archive.example.org/files/narrative/treaty-of-kars-1921.txt">'
check "... with its citation for Zotero in the head, titled by its catalogue row (corpus/fond-catalogue.csv)" \
  has show '<meta name="citation_title" content="The Treaty of Kars \(1921\)">'
check "... footnotes with their parsed citations" has show '<span class="archival">SA AR · fond 28'
check "... named by its path under the folder indexed" has show '<p class="source">corpus/narrative/treaty-of-kars-1921.txt · [0-9]+ passages'
fetch showtel "show=$("$SEARCH" --db "$DB" --json 'type:telegram from:Huseynov' | sed -n 's/^      "passage_id": "\(.*\)",/\1/p' | head -1)" >/dev/null
check "a telegram's page gives Zotero its sender and date" \
  bash -c "grep -q '<meta name=\"citation_author\" content=\"M. D. Huseynov\">' '$TMP/showtel.body' && grep -q '<meta name=\"citation_date\" content=\"1921/' '$TMP/showtel.body'"
check "a source id shows the source, no passage marked" status_is 200 showsrc "show=${id%-*}"
check "... unmarked" lacks 'data-marked' "$TMP/showsrc.body"

# Exports of the same search: CSV, RIS, BibTeX, parsed by real parsers.
fetch exports 'q=conference&n=20' >/dev/null
for f in csv ris bibtex atom; do
  check "the results page links to its $f export" has exports "<a class=\"export-$f\" href=\"\\?q=conference&amp;n=20&amp;format=$f\">"
done
check "... and to its feed in the head" has exports '<link rel="alternate" type="application/atom\+xml" title="New passages: conference" href="\?q=conference&amp;n=20&amp;format=atom">'
check "... and to the OpenSearch description" has exports '<link rel="search" type="application/opensearchdescription\+xml" href="fond.cgi/opensearch.xml"'
grep -o 'show=[0-9a-f]*-[0-9]*' "$TMP/exports.body" | sort -u | cut -d= -f2 >"$TMP/page.ids"
check "format=csv: 200" status_is 200 csv 'q=conference&n=20&format=csv'
check "... as text/csv, an attachment" bash -c "grep -qi '^Content-Type: text/csv' '$TMP/csv.head' && grep -qi '^Content-Disposition: attachment; filename=\"fond.csv\"' '$TMP/csv.head'"
check "... parses (python3 csv) into the page's hits" \
  cmp -s "$TMP/page.ids" <(python3 -c 'import csv,sys; print("\n".join(sorted(r["passage_id"] for r in csv.DictReader(open(sys.argv[1], newline="")))))' "$TMP/csv.body")
check "... sources named under the folder indexed" \
  python3 -c 'import csv,sys; rows=list(csv.DictReader(open(sys.argv[1], newline=""))); sys.exit(not rows or any(not r["source"].startswith("corpus/") for r in rows))' "$TMP/csv.body"
check "format=ris: 200" status_is 200 ris 'q=conference&n=20&format=ris'
check "... parses (ris2xml) into as many records as the page's hits" \
  bash -c "[ \$(ris2xml '$TMP/ris.body' 2>/dev/null | grep -c '<mods ID=') = \$(wc -l <'$TMP/page.ids') ]"
check "... each linked to its passage's page" bash -c "[ \$(grep -c '^UR  - http://127.0.0.1:[0-9]*/fond.cgi?show=' '$TMP/ris.body') = \$(wc -l <'$TMP/page.ids') ]"
check "format=bibtex: 200" status_is 200 bib 'q=conference&n=20&format=bibtex'
check "... parses (bib2xml) into the page's hits" \
  cmp -s "$TMP/page.ids" <(bib2xml "$TMP/bib.body" 2>/dev/null | grep -o '<identifier type="citekey">fond-[^<]*' | sed 's/.*fond-//' | sort)

# The feed: Atom, newest first, each entry linked to its passage.
check "format=atom: 200" status_is 200 atom 'q=conference&n=20&format=atom'
check "... as application/atom+xml" header atom 'Content-Type: application/atom.xml'
check "... well-formed XML" xmllint --noout "$TMP/atom.body"
check "... an Atom feed" has atom '<feed xmlns="http://www.w3.org/2005/Atom">'
check "... holding the page's hits" cmp -s "$TMP/page.ids" <(grep -o '<id>[^<]*show=[^<]*</id>' "$TMP/atom.body" | sed 's/.*show=//; s/<.*//' | sort)
check "... newest first" bash -c "grep -o '<updated>[^<]*' '$TMP/atom.body' | tail -n +2 | cut -d'>' -f2 | sort -rc"
check "... linked to each passage's page" has atom '<link rel="alternate" type="text/html" href="http://127.0.0.1:[0-9]+/fond.cgi\?q=conference&amp;show=[0-9a-f]+-[0-9]+&amp;n=20#p[0-9]+"/>'
check "OpenSearch description at fond.cgi/opensearch.xml" \
  bash -c "[ \$(curl -s -o '$TMP/os.body' -w '%{http_code}' '$URL/fond.cgi/opensearch.xml') = 200 ] && xmllint --noout '$TMP/os.body'"
check "... its template searches this site" grep -q 'template="http://127.0.0.1:[0-9]*/fond.cgi?q={searchTerms}"' "$TMP/os.body"
check "sort=added: newest added first" status_is 200 added 'q=conference&sort=added'
check "... and the form says so" has added '<option value="added" selected>'

# ------------------------------------------------------------ hostile requests
script='%3Cscript%3Ealert(1)%3C%2Fscript%3E'
for p in q type year from until source show sort n page format nosuch; do
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

# The new parameters: a foreign, missing or malformed passage id, huge
# numbers, a format a source page does not take, a path for a source.
check "show= a passage the database does not hold: 404" status_is 404 showmissing "show=0123456789abcdef-1"
check "... saying so" has showmissing 'There is no such passage here'
check "show= a passage number beyond the source: 404" status_is 404 showbeyond "show=${id%-*}-999999999"
check "show= a huge passage number: 400" status_is 400 showhuge "show=${id%-*}-18446744073709551616"
check "show= not an id: 400" status_is 400 showbad 'show=..%2F..%2Fetc%2Fpasswd'
check "... saying what an id is" has showbad "parameter &#39;show&#39; must be a passage id"
check "show= upper-case hex: 400" status_is 400 showupper "show=$(echo "${id%-*}" | tr a-f A-F)-1"
check "show= a zero passage: 400" status_is 400 showzero "show=${id%-*}-0"
check "show= twice: 400" status_is 400 showtwice "show=$id&show=$id"
check "show= with a malformed query: 400" status_is 400 showq "show=$id&q=%28kars"
check "show= with format=csv: 400" status_is 400 showcsv "show=$id&format=csv"
check "format= unknown: 400" status_is 400 fmt 'q=kars&format=pdf'
check "... naming the formats" has fmt "must be &#39;html&#39;, &#39;json&#39;, &#39;csv&#39;, &#39;ris&#39;, &#39;bibtex&#39; or &#39;atom&#39;"
check "sort= unknown: 400" status_is 400 sortbad 'q=kars&sort=newest'
check "source= a server path is refused (a name is asked for)" status_is 400 srcpath "source=$(echo "$FOND_SRC/corpus" | sed 's|/|%2F|g')&q=kars&format=csv"
for f in csv ris bibtex atom json; do
  check "format=$f with script in q: no markup escapes" \
    bash -c "[ \$(curl -s -o '$TMP/x$f.body' -w '%{http_code}' '$URL/?q=$script&format=$f') = 200 ] && ! grep -qi '<script' '$TMP/x$f.body'"
done
check "format=atom with a malformed query: 400 as a page" status_is 400 atombad 'q=%28kars&format=atom'
check "... as HTML" header atombad 'Content-Type: text/html'
check "opensearch.xml: HEAD works" bash -c "[ \$(curl -s -I -o /dev/null -w '%{http_code}' '$URL/fond.cgi/opensearch.xml') = 200 ]"
check "a Host header with markup does not reach the feed" \
  bash -c "curl -s -H 'Host: x\"><script>' '$URL/?q=kars&format=atom' | grep -v -q '<script'"

# No response (page, export, feed, error) names a path of the server: not
# the database's, not a source's.
encoded() { echo "$1" | sed 's|/|%2F|g'; } # as a link would carry it
for f in "$TMP"/*.body; do
  check "$(basename "$f" .body): names no path of the server" \
    bash -c "! grep -qiF -e '$TMP' -e '$FOND_SRC/' -e '$DB' -e '$(encoded "$TMP")' \
               -e '$(encoded "$FOND_SRC/")' '$f'"
done
check "... over every response of this test ($(ls "$TMP"/*.body | wc -l))" [ "$(ls "$TMP"/*.body | wc -l)" -gt 50 ]

# A missing database: 503, and the page does not say where it looked.
stop_web
start_web "$TMP/no-such-db"
check "a missing database: 503" status_is 503 nodb 'q=kars'
check "... that says search is not available" has nodb 'Search is not available'
check "... without naming the path" lacks "no-such-db" "$TMP/nodb.body"
check "a source's page, the database missing: 503" status_is 503 nodbshow "show=$id"
check "... without naming the path" lacks "$TMP" "$TMP/nodbshow.body"
check "... which goes to the server's log instead" grep -q 'fond.cgi: no fond database at .*no-such-db' "$TMP/serve.log"
finish
