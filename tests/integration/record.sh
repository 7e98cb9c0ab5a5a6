# One source record from every reader, as the user sees it: a source with no
# title found is untitled and one with no date undated, said so in the
# terminal, --json, the exports, fond.cgi's pages and its Atom feed, its
# file's name shown as a file's name (never as a title); a PDF whose Info
# Title is a program's made-up name is untitled too; a source's creator,
# rights and date range are shown, and creator: finds it.
source "$(dirname "$0")/common.bash"
c="$TMP/c"
mkdir -p "$c"
# a PDF with a paragraph and nothing else (groff puts no Title in its Info)
printf '.LP\nThe aardvark conference at Kars opened with a speech on the frontier.\n' |
  groff -ms -Tpdf >"$c/report-scan0001.pdf"
# a PDF whose Info Title is the window of the program that printed it
printf '.pdfinfo /Title Microsoft Word - minutes.docx\n.LP\nThe okapi commission met at Batum.\n' |
  groff -k -ms -mpdf -Tpdf >"$c/minutes.pdf"
# a text file with a header: a range, a creator, rights
cat >"$c/diary.txt" <<'EOF'
Title: Diary of the mission
Date: 1917-01-05..1917-02-10
Creator: Margarethe Quenzel
Rights: Public domain

The pangolin crossed the river at dawn.
EOF
# a creator with a mail address, which the public page does not show
printf 'Title: Memo\nCreator: Paul Weber <pweber@example.org>\n\nThe axolotl tank was cleaned.\n' >"$c/memo.txt"
"$INDEX" -q --db "$TMP/db" "$c" || true # the baseline refuses the range
s() { "$SEARCH" --db "$TMP/db" "$@"; }

# The terminal
s aardvark >"$TMP/t.txt" || true
check "terminal: an untitled PDF says so, its file's name as a file's name" \
  grep -q '^1\. \[Untitled\] (report-scan0001\.pdf), passage 1' "$TMP/t.txt"
check "... and undated" grep -qx '   n\.d\.' "$TMP/t.txt"
check "... cited as [Untitled], n.d." grep -q '^   Cite: \[Untitled\], n\.d\.' "$TMP/t.txt"
s --show "$(s --json aardvark | sed -n 's/^      "passage_id": "\(.*\)",/\1/p')" >"$TMP/show.txt" || true
check "... its source shown whole, untitled" grep -qx '\[Untitled\] (report-scan0001\.pdf)' "$TMP/show.txt"
s okapi >"$TMP/okapi.txt" || true
check "a PDF titled 'Microsoft Word - minutes.docx' by its program is untitled" \
  grep -q '^1\. \[Untitled\] (minutes\.pdf)' "$TMP/okapi.txt"

# --json: the title and date stay "" (no stand-in), the citation says so
s --json aardvark >"$TMP/t.json" || true
check "--json: title \"\", never the file's name" grep -q '^      "title": "",' "$TMP/t.json"
check "... date \"\", never the file's date" grep -q '^      "date": "",' "$TMP/t.json"
check "... its citation: [Untitled], n.d." \
  grep -q '"citation": {"text": "\[Untitled\], n\.d\.", "title": "\[Untitled\]"' "$TMP/t.json"

# The exports
s --format ris aardvark >"$TMP/t.ris" || true
check "RIS: TI [Untitled], no date" bash -c "grep -q '^TI  - \[Untitled\]' '$TMP/t.ris' && ! grep -q '^\(PY\|DA\)  - .' '$TMP/t.ris'"
s --format bibtex aardvark >"$TMP/t.bib" || true
check "BibTeX: title {[Untitled]}, no year" bash -c "grep -q 'title = {\[Untitled\]}' '$TMP/t.bib' && ! grep -q 'year = ' '$TMP/t.bib'"
s --format csv aardvark >"$TMP/t.csv" || true
check "CSV: its citation [Untitled], n.d." grep -q '"\[Untitled\], n\.d\."' "$TMP/t.csv"

# fond.cgi: the results, the source's page, the feed
cgi() { FOND_DB="$TMP/db" REQUEST_METHOD=GET QUERY_STRING="$1" "$FOND_BIN/fond.cgi" 2>&1 || true; }
cgi 'q=aardvark' >"$TMP/page"
check "fond.cgi results: untitled, the file's name marked as one" \
  grep -q '<span class="untitled">\[Untitled\]</span> <span class="file">report-scan0001\.pdf</span></a>' "$TMP/page"
check "... undated" grep -q '<span class="undated">n\.d\.</span>' "$TMP/page"
check "... cited as [Untitled], n.d." grep -q '<span class="cite-text">\[Untitled\], n\.d\.</span>' "$TMP/page"
cgi "show=$(s --json aardvark | sed -n 's/^      "passage_id": "\(.*\)",/\1/p')" >"$TMP/showpage"
check "fond.cgi source page: <h1> untitled" \
  grep -q '<h1><span class="untitled">\[Untitled\]</span> <span class="file">report-scan0001\.pdf</span></h1>' "$TMP/showpage"
check "... its <title> too" grep -q '<title>\[Untitled\] (report-scan0001\.pdf) – ' "$TMP/showpage"
check "... Zotero's citation_title [Untitled]" grep -q '<meta name="citation_title" content="\[Untitled\]">' "$TMP/showpage"
for f in page showpage; do
  check "... its COinS ($f): title [Untitled], no date" \
    bash -c "$(declare -f coins); [ \"\$(coins '$TMP/$f' 1 rft.title)|\$(coins '$TMP/$f' 1 rft.date)\" = '[Untitled]|' ]"
done
cgi 'q=aardvark&format=atom' >"$TMP/feed"
check "Atom feed: the entry untitled" grep -q '<title>\[Untitled\] (report-scan0001\.pdf), passage 1</title>' "$TMP/feed"

# Creator, rights and a date range: shown, and creator: searchable
s pangolin >"$TMP/d.txt" || true
check "terminal: a date range as its two days" grep -q '1917-01-05 – 1917-02-10' "$TMP/d.txt"
check "... its creator" grep -qx '   Creator: Margarethe Quenzel' "$TMP/d.txt"
check "... its rights" grep -qx '   Rights: Public domain' "$TMP/d.txt"
check "... cited with its range (and its creator, who has no sender)" grep -q 'Cite: “Diary of the mission”, Margarethe Quenzel, 5 January 1917 – 10 February 1917\.' "$TMP/d.txt"
s --json pangolin >"$TMP/d.json" || true
check "--json: date_end" grep -q '^      "date_end": "1917-02-10",' "$TMP/d.json"
check "... creator" grep -q '^      "creator": "Margarethe Quenzel",' "$TMP/d.json"
check "... rights" grep -q '^      "rights": "Public domain",' "$TMP/d.json"
s --json 'creator:quenzel' >"$TMP/cr.json" || true
check "creator:quenzel finds the diary" grep -q 'diary\.txt' "$TMP/cr.json"
s --json 'creator:quenzel aardvark' >"$TMP/cr2.json" || true
check "... and filters: not the report" bash -c "! grep -q 'report-scan0001' '$TMP/cr2.json'"
cgi 'q=pangolin' >"$TMP/dpage"
check "fond.cgi: the range" grep -q '<time datetime="1917-01-05">5 January 1917</time> – <time datetime="1917-02-10">10 February 1917</time>' "$TMP/dpage"
check "... the creator" grep -q '<p class="creator">Made by Margarethe Quenzel</p>' "$TMP/dpage"
check "... the rights" grep -q '<p class="rights">Rights: Public domain</p>' "$TMP/dpage"
check "... its COinS: the range first/last, the creator, the rights" bash -c "$(declare -f coins)
  [ \"\$(coins '$TMP/dpage' 1 rft.date)|\$(coins '$TMP/dpage' 1 rft.creator)|\$(coins '$TMP/dpage' 1 rft.rights)\" = '1917-01-05/1917-02-10|Margarethe Quenzel|Public domain' ]"

s --json 'creator:pweber' >"$TMP/pw.json" || true
check "creator: searches a creator's address on the terminal" grep -q 'memo\.txt' "$TMP/pw.json"
cgi 'q=axolotl' >"$TMP/mpage"
check "fond.cgi shows a creator's name, not the address it withholds" \
  bash -c "grep -q '<p class=\"creator\">Made by Paul Weber</p>' '$TMP/mpage' && ! grep -q pweber '$TMP/mpage'"
cgi 'q=creator:pweber' >"$TMP/mpage2"
check "... nor finds a source by it" bash -c "! grep -q 'memo\.txt' '$TMP/mpage2'"

[ "$failures" -eq 0 ]
