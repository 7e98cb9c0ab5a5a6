# From a hit to its source, a citation and a reference manager, in the
# terminal: fond-search --show reads a source whole, every hit carries a
# citation, the exports (--csv, --format ris, --format bibtex) parse with
# real parsers (python3's csv module, bibutils' ris2xml and bib2xml) and
# hold the same hits as --json; --sort added and --since follow what each
# fond-index run brought.
source "$(dirname "$0")/common.bash"
for tool in python3 ris2xml bib2xml; do
  command -v "$tool" >/dev/null || { echo "SKIP: no $tool (scripts/install-deps)"; exit 77; }
done
DB="$TMP/db"
A="$TMP/archive/first" B="$TMP/archive/second"
mkdir -p "$A/telegrams" "$B"
cat >"$A/telegrams/1921-07-21-huseynov.txt" <<'TXT'
Title: Telegram from M. D. Huseynov to Yusif Kamal
Type: telegram
Date: 1921-07-21
From: M. D. Huseynov
To: Yusif Kamal
Place: Baku

I cannot give my consent to hold the conference in Ankara.[1] The delegation will travel to Kars instead, as the Caucasus Bureau decided.

The Kars conference must open in September, and the delegation asks for the treaty text in advance. The commissariat has studied the proposal of the Grand National Assembly with care and finds that the questions of the border, of transit through Batum and of the Nakhichevan region cannot be settled without the other republics of the South Caucasus. A conference of all of them, held in a city of the region, is the only place where a lasting agreement can be reached. The delegation will be ready to leave Baku at a week's notice, and it will bring the documents of the Moscow talks with it, so that nothing agreed there is lost.

Notes
1. SA AR, f.28, s.1, i.68, v.17-20.
TXT
cat >"$A/letter.txt" <<'TXT'
Title: Letter about the {Kars} conference & 50% of the costs
Type: letter
Date: 1921-09
From: Behbud Shahtakhtinski
Archive reference: GARF, f. R-130, op. 2, d. 68/1, l. 17

The letter asks who pays for the Kars conference: "half", it says, with a comma, and a quote.
TXT
# Minutes in pages (form feeds), each page's printed number at its foot.
session() { local i; for i in 1 2 3 4 5 6; do
  printf 'At the %s session, item %s, the commission heard the report on %s and the members debated it at length before the vote. ' "$1" "$i" "$2"; done
  printf '\n\n'; }
{ printf 'Title: Minutes of the Kars commission\nType: reference\n\n'
  session first railways; printf '226\n\f'
  session second 'the plenipotentiary questions'; printf '227\n\f'
  session third 'the boundary'; printf '228\n'; } >"$A/minutes.txt"
"$INDEX" -q --db "$DB" "$A"
sleep 1.1 # the second run is a second later: it is newer
cat >"$B/1921-10-13-treaty.txt" <<'TXT'
Title: The Treaty of Kars
Type: reference
Date: 1921-10-13

The Treaty of Kars was signed at the Kars conference on 13 October 1921.
TXT
"$INDEX" -q --db "$DB" "$B"
search() { "$SEARCH" --db "$DB" "$@"; }

# ------------------------------------------------------------ --show
search --json Ankara >"$TMP/hit.json"
id=$(sed -n 's/^      "passage_id": "\(.*\)",/\1/p' "$TMP/hit.json" | head -1)
check "a hit has a passage id ($id)" test -n "$id"
search --show "$id" consent >"$TMP/show.txt"
check "--show prints the source's title" grep -q '^Telegram from M. D. Huseynov to Yusif Kamal$' "$TMP/show.txt"
check "... its header fields" grep -q '^   telegram, 1921-07-21, Baku, M. D. Huseynov to Yusif Kamal$' "$TMP/show.txt"
check "... how many passages" grep -q '^   2 passages$' "$TMP/show.txt"
check "... each numbered, the one asked for marked" bash -c "grep -q '^> \[1\]$' '$TMP/show.txt' && grep -q '^\[2\]$' '$TMP/show.txt'"
check "... the second passage's text too" bash -c "sed -n '/^\[2\]\$/,\$p' '$TMP/show.txt' | grep -q 'Moscow talks'"
check "... the query's words highlighted" grep -q '\[consent\]' "$TMP/show.txt"
check "... its footnote" grep -q '^   note 1: SA AR, f.28, s.1, i.68, v.17-20.$' "$TMP/show.txt"
check "... with the citation parsed" grep -q '^      archive SA AR, fond 28, opis 1, delo 68, sheets 17-20$' "$TMP/show.txt"
check "... and the passage's citation" grep -q '^   Cite: ' "$TMP/show.txt"
search --show "${id%-*}" >"$TMP/show-source.txt"
check "--show takes a source id too (no passage marked)" bash -c "grep -q '^\[1\]$' '$TMP/show-source.txt' && ! grep -q '^> ' '$TMP/show-source.txt'"
search --show "$id" --json >"$TMP/show.json"
check "--show --json lists the passages in order" \
  bash -c "[ \"\$(grep -o '\"ordinal\": [0-9]*' '$TMP/show.json' | tr -d -c '0-9\n' | paste -sd,)\" = 1,2 ]"
expect_exit 2 "--show of a passage the database does not hold: exit 2" search --show "${id%-*}-99"
check "... saying so" grep -q "no passage with id ${id%-*}-99" "$TMP/err"
expect_exit 2 "--show of a source it does not hold: exit 2" search --show 0123456789abcdef
expect_exit 2 "--show of a malformed id: exit 2" search --show "../etc/passwd"
check "... saying what an id is" grep -q 'not a passage id' "$TMP/err"
expect_exit 2 "--show with --kwic: a usage error" search --show "$id" --kwic

# ------------------------------------------------------------ pages
search --json '"plenipotentiary questions"' >"$TMP/minutes.json"
label=$(sed -n 's/^      "page_label": "\(.*\)",/\1/p' "$TMP/minutes.json" | head -1)
check "a passage of the minutes has a page label ($label)" bash -c "[[ '$label' =~ ^pp?\.\ [0-9] ]]"
check "... which its citation cites" grep -q "\"citation\": {\"text\": \"“Minutes of the Kars commission”, n.d., $label.\", .*\"page\": \"$label\"" "$TMP/minutes.json"
mid=$(sed -n 's/^      "passage_id": "\(.*\)",/\1/p' "$TMP/minutes.json" | head -1)
search --show "$mid" >"$TMP/minutes.txt"
check "--show marks each passage's page" grep -qE "^> \[[0-9]+\] $label\$" "$TMP/minutes.txt"
search --format ris '"plenipotentiary questions"' >"$TMP/minutes.ris"
check "RIS gives the page as a number (SP)" grep -qE '^SP  - [0-9]+(-[0-9]+)?.$' "$TMP/minutes.ris"

# ------------------------------------------------------------ citations
# the telegram has no Archive reference of its own: its footnote's is
# what it cites, not where it is kept
check "--json gives each hit a citation" grep -q '"citation": {"text": "“Telegram from M. D. Huseynov to Yusif Kamal”, M. D. Huseynov to Yusif Kamal, Baku, 21 July 1921.", "title": "Telegram from M. D. Huseynov to Yusif Kamal", "from": "M. D. Huseynov", "to": "Yusif Kamal", "date": "1921-07-21", "page": "", "archive": "", "fond": "", "opis": "", "delo": "", "sheets": "", "reference": "", "type": "telegram", .*"cites": "SA AR, f. 28, op. 1, d. 68, ll. 17-20 (note 1)"}' "$TMP/hit.json"
search --json 'from:Shahtakhtinski' >"$TMP/letter.json"
check "a source's own Archive reference is its citation's" grep -q '"citation": {"text": "“Letter about the {Kars} conference & 50% of the costs”, Behbud Shahtakhtinski, September 1921. GARF, f. R-130, op. 2, d. 68/1, l. 17."' "$TMP/letter.json"
search Ankara >"$TMP/hit.txt"
check "the terminal shows it under the hit" grep -qx '   Cite: “Telegram from M. D. Huseynov to Yusif Kamal”, M. D. Huseynov to Yusif Kamal, Baku, 21 July 1921.' "$TMP/hit.txt"
check "... and what the passage cites" grep -qx '   Cites: SA AR, f. 28, op. 1, d. 68, ll. 17-20 (note 1)' "$TMP/hit.txt"

# ------------------------------------------------------------ exports
search --json --limit 50 Kars >"$TMP/kars.json"
json_ids() { python3 -c 'import json,sys; print("\n".join(h["passage_id"] for h in json.load(open(sys.argv[1]))["hits"]))' "$1"; }
json_ids "$TMP/kars.json" >"$TMP/ids.json"
check "Kars finds the passages of all three sources" [ "$(wc -l <"$TMP/ids.json")" -ge 3 ]
search --csv --limit 50 Kars >"$TMP/kars.csv"
python3 - "$TMP/kars.csv" "$TMP/kars.json" >"$TMP/csv.check" <<'PY' || true
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
hits = json.load(open(sys.argv[2]))["hits"]
assert [r["passage_id"] for r in rows] == [h["passage_id"] for h in hits], "ids"
for r, h in zip(rows, hits):
    for field in ("title", "date", "from", "to", "snippet"):
        assert r[field] == h[field], field
    assert r["source"] == h["path"], "source"
    assert r["citation"] == h["citation"]["text"], "citation"
print("csv ok", len(rows))
PY
check "--csv parses (python3 csv) into the same hits, fields and citations as --json" grep -q '^csv ok' "$TMP/csv.check"
check "... a quote and a comma survive" grep -q '"The letter asks who pays for the Kars conference: ""half"", it says' "$TMP/kars.csv"
check "--format csv is --csv" cmp -s "$TMP/kars.csv" <(search --format csv --limit 50 Kars)
search --format ris --limit 50 Kars >"$TMP/kars.ris"
ris2xml "$TMP/kars.ris" >"$TMP/ris.xml" 2>"$TMP/ris.err"
mods_ids() { grep -o '<identifier type="citekey">[^<]*' "$1" | sed 's/.*>//; s/^fond-//'; }
check "RIS parses (ris2xml) into as many records as hits" \
  [ "$(grep -c '<mods ID=' "$TMP/ris.xml")" = "$(wc -l <"$TMP/ids.json")" ]
check "... the telegram as a letter (a communication), its sender the author" \
  bash -c "grep -q '<genre authority=\"bibutilsgt\">communication</genre>' '$TMP/ris.xml' && grep -q '<namePart type=\"family\">Huseynov</namePart>' '$TMP/ris.xml'"
check "... the letter with its own reference" grep -q 'GARF, f. R-130, op. 2, d. 68/1, l. 17' "$TMP/ris.xml"
check "... every title" bash -c "[ \$(grep -c '<title>' '$TMP/ris.xml') -ge \$(wc -l <'$TMP/ids.json') ]"
search --format bibtex --limit 50 Kars >"$TMP/kars.bib"
bib2xml "$TMP/kars.bib" >"$TMP/bib.xml" 2>"$TMP/bib.err"
mods_ids "$TMP/bib.xml" >"$TMP/ids.bib"
check "BibTeX parses (bib2xml) into the same hits, in order" cmp -s "$TMP/ids.bib" "$TMP/ids.json"
check "... braces, & and % in a title kept as text" grep -q 'Letter about the {Kars} conference &amp; 50% of the costs' "$TMP/bib.xml"
check "... the date's month" grep -q '<dateIssued>1921-07' "$TMP/bib.xml"
expect_exit 2 "an unknown --format: exit 2" search --format pdf Kars

# ------------------------------------------------------------ following
search --json --limit 50 --sort added Kars >"$TMP/added.json"
first=$(sed -n 's/^      "path": "\(.*\)",/\1/p' "$TMP/added.json" | head -1)
check "--sort added: the newest run's source first ($first)" [ "$first" = "$B/1921-10-13-treaty.txt" ]
added=$(sed -n 's/^      "added": "\(.*\)",/\1/p' "$TMP/added.json" | head -1)
check "... with when it was added ($added)" bash -c "[[ '$added' =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$ ]]"
check "... newest first throughout" bash -c "sed -n 's/^      \"added\": \"\(.*\)\",/\1/p' '$TMP/added.json' | sort -rc"
search --json --since "$added" Kars >"$TMP/since.json"
check "--since that time: only the newest run's passages" every_field_is "$TMP/since.json" path "$B/"
check "--since YYYY-MM-DD of today: all of them" \
  bash -c "[ \$('$SEARCH' --db '$DB' --json --limit 50 --since '$(date -u +%Y-%m-%d)' Kars | grep -c '\"passage_id\"') = $(wc -l <"$TMP/ids.json") ]"
expect_exit 1 "--since tomorrow: none" search --since 2999-01-01 Kars
expect_exit 2 "--since a non-time: exit 2" search --since yesterday Kars
check "... saying what it takes" grep -q 'since takes YYYY' "$TMP/err"
check "a hit names its source under the folder indexed" grep -q '"name": "second/1921-10-13-treaty.txt"' "$TMP/added.json"

# ------------------------------------------------------------ a file as PATH
# The PATH given may be the file itself: its name is then the file's own.
"$INDEX" -q --db "$TMP/onefile" "$B/1921-10-13-treaty.txt"
"$SEARCH" --db "$TMP/onefile" --json signed >"$TMP/onefile.json" || true
check "a file given as PATH is named by its own name" \
  grep -q '"name": "1921-10-13-treaty.txt"' "$TMP/onefile.json"

finish
