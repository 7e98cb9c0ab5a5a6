# Citations as a reference manager imports them: a telegram and a letter
# with headers, and a narrative whose footnote names an archive file, are
# exported as RIS and BibTeX with the types and fields Zotero's import
# translators read (RIS.js, BibTeX.js), and parsed back by bibutils
# (ris2xml, bib2xml) into MODS, where each field is checked: title,
# genre/type, date, names with their roles (author, addressee), place, the
# source's own reference.  A source is cited by its own reference (where
# it is kept) only: the narrative's footnote is what it cites, never its
# own reference, in --json, CSV, the exports, the terminal and the page.
source "$(dirname "$0")/common.bash"
for tool in ris2xml bib2xml python3; do
  command -v "$tool" >/dev/null || { echo "SKIP: no $tool (scripts/install-deps)"; exit 77; }
done
SRC="$TMP/src" DB="$TMP/db"
mkdir -p "$SRC"
cat >"$SRC/telegram.txt" <<'TXT'
Title: Telegram on the frontier commission at Alexandropol
Type: telegram
Date: 1921-10-20
From: Karabekir, Kazim
To: Lansing, Robert
Place: Kars
Archive reference: GARF, f. R-130, op. 2, d. 68/1, l. 5

The frontier commission met at Alexandropol and heard the delegates of both sides.
TXT
cat >"$SRC/letter.txt" <<'TXT'
Title: Letter on the Batum customs house
Type: letter
Date: 1921-11-02
From: Shahtakhtinski, Behbud
To: Narimanov, Nariman
Place: Tiflis
Archive reference: File No. 861.51/131.

The customs house at Batum will open to the goods of all three republics.
TXT
# A memorandum with a creator but no sender, kept in another archive.
cat >"$SRC/memorandum.txt" <<'TXT'
Title: Memorandum on the Baku oil concessions
Type: note
Date: 1922-04-12
Creator: Serebrovsky, Alexander
Archive reference: TNA, FO 371/8064

The oil concessions at Baku were discussed with the foreign firms.
TXT
# A narrative, kept nowhere known, whose footnote cites an archive file.
cat >"$SRC/narrative.txt" <<'TXT'
Title: The road to the treaty
Type: narrative

The ratification was debated in Baku for weeks.[1]

Notes
1. SA AR, f.28, s.1, i.68, v.17-20.
TXT
index_status=0
"$INDEX" -q --db "$DB" "$SRC" 2>"$TMP/index.err" || index_status=$?
check "fond-index reads every header (Creator too) without a complaint" \
  bash -c "[ $index_status = 0 ] && [ ! -s '$TMP/index.err' ]"
# search ARGS: fond-search on the test database (no hit is for the checks
# to report, not an end to the test)
search() { "$SEARCH" --db "$DB" "$@" || true; }
# id QUERY: the passage id of its first hit
id() { search --json "$1" | sed -n 's/^      "passage_id": "\(.*\)",/\1/p' | head -1; }

# ------------------------------------------------------------ RIS
search --format ris frontier >"$TMP/tel.ris"
search --format ris customs >"$TMP/let.ris"
search --format ris ratification >"$TMP/nar.ris"
ris() { grep -qxF "$2  - $3"$'\r' "$TMP/$1.ris"; }
check "RIS: the telegram is a letter for Zotero (TY PCOMM)" ris tel TY PCOMM
check "... its type as the letter's type (M3)" ris tel M3 telegram
check "... its recipient as A2 (Zotero: recipient)" ris tel A2 "Lansing, Robert"
check "... its own reference as its archive location (AN)" ris tel AN "GARF, f. R-130, op. 2, d. 68/1, l. 5"
check "... the archive it names (DB)" ris tel DB GARF
check "... its place (CY)" ris tel CY Kars
check "RIS: the letter's own reference, as written (AN)" ris let AN "File No. 861.51/131"
search --format ris concessions >"$TMP/memo.ris"
check "RIS: the memorandum kept in an archive is a manuscript (MANSCPT)" ris memo TY MANSCPT
check "... its creator its author, as there is no sender" ris memo AU "Serebrovsky, Alexander"
check "... its reference as written (AN)" ris memo AN "TNA, FO 371/8064"
check "RIS: the narrative has no archive location of its own" bash -c "! grep -q '^A[NV]  - ' '$TMP/nar.ris'"
check "... and no archive" bash -c "! grep -q '^DB  - ' '$TMP/nar.ris'"
check "... its citation does not name the file its footnote cites" \
  bash -c "grep '^N1  - ' '$TMP/nar.ris' | grep -v '^N1  - Cites: ' | grep -q . && ! grep '^N1  - ' '$TMP/nar.ris' | grep -v '^N1  - Cites: ' | grep -q 'SA AR'"
check "... the file is what it cites" ris nar N1 "Cites: SA AR, f. 28, op. 1, d. 68, ll. 17-20 (note 1)"

# MODS as bibutils reads the RIS.  mods FILE XPATH-ish: one record each.
ris2xml "$TMP/tel.ris" >"$TMP/tel.ris.xml" 2>/dev/null
ris2xml "$TMP/let.ris" >"$TMP/let.ris.xml" 2>/dev/null
ris2xml "$TMP/nar.ris" >"$TMP/nar.ris.xml" 2>/dev/null
# name ROLE FAMILY FILE: a name with that family name has that role
name() { python3 - "$@" <<'PY'
import sys, xml.etree.ElementTree as ET
role, family, path = sys.argv[1:4]
ns = {"m": "http://www.loc.gov/mods/v3"}
for n in ET.parse(path).getroot().iter("{http://www.loc.gov/mods/v3}name"):
    fam = [p.text for p in n.findall("m:namePart", ns) if p.get("type") == "family"]
    roles = [r.text for r in n.findall("m:role/m:roleTerm", ns)]
    if family in fam and role in roles:
        sys.exit(0)
sys.exit(1)
PY
}
has() { grep -qF -- "$2" "$TMP/$1"; }
check "ris2xml: the telegram's title" has tel.ris.xml '<title>Telegram on the frontier commission at Alexandropol</title>'
check "... a communication (genre)" has tel.ris.xml '<genre authority="bibutilsgt">communication</genre>'
check "... of type telegram" has tel.ris.xml '<note>telegram</note>'
check "... its date" has tel.ris.xml '<dateIssued>1921-10-20</dateIssued>'
check "... its sender as author" name author Karabekir "$TMP/tel.ris.xml"
check "... its recipient as addressee" name addressee Lansing "$TMP/tel.ris.xml"
check "... its place" has tel.ris.xml '<placeTerm type="text">Kars</placeTerm>'
check "... its own reference in its citation" has tel.ris.xml 'Kars, 20 October 1921. GARF, f. R-130, op. 2, d. 68/1, l. 5.</note>'
check "ris2xml: the letter's sender and recipient" bash -c "$(declare -f name); name author Shahtakhtinski '$TMP/let.ris.xml' && name addressee Narimanov '$TMP/let.ris.xml'"
check "... its own reference in its citation, as written" has let.ris.xml 'Tiflis, 2 November 1921. File No. 861.51/131.</note>'
check "ris2xml: the narrative's footnote only as what it cites" \
  bash -c "grep -c 'SA AR' '$TMP/nar.ris.xml' | grep -qx 1 && grep -q '<note>Cites: SA AR' '$TMP/nar.ris.xml'"

# ------------------------------------------------------------ BibTeX
search --format bibtex frontier >"$TMP/tel.bib"
search --format bibtex customs >"$TMP/let.bib"
search --format bibtex ratification >"$TMP/nar.bib"
check "BibTeX: the telegram is @unpublished (Zotero: manuscript)" grep -q '^@unpublished{fond-' "$TMP/tel.bib"
check "... of type telegram (Zotero: its manuscript type)" grep -qx '  type = {telegram},' "$TMP/tel.bib"
check "... its own reference first in its note" grep -q '^  note = {GARF, f. R-130, op. 2, d. 68/1, l. 5. To Lansing, Robert. ' "$TMP/tel.bib"
check "BibTeX: the narrative is @misc (Zotero: document)" grep -q '^@misc{fond-' "$TMP/nar.bib"
check "... its note names the file only as cited" grep -q '^  note = {Cites: SA AR, f. 28, op. 1, d. 68, ll. 17-20 (note 1). Passage 1 of ' "$TMP/nar.bib"
search --format bibtex concessions >"$TMP/memo.bib"
bib2xml "$TMP/memo.bib" >"$TMP/memo.bib.xml" 2>/dev/null
check "bib2xml: the memorandum's creator as author" name author Serebrovsky "$TMP/memo.bib.xml"
bib2xml "$TMP/tel.bib" >"$TMP/tel.bib.xml" 2>/dev/null
bib2xml "$TMP/let.bib" >"$TMP/let.bib.xml" 2>/dev/null
check "bib2xml: the telegram's title" has tel.bib.xml '<title>Telegram on the frontier commission at Alexandropol</title>'
check "... unpublished (genre)" has tel.bib.xml '<genre authority="bibutilsgt">unpublished</genre>'
check "... its day" has tel.bib.xml '<dateIssued>1921-10-20</dateIssued>'
check "... its sender as author" name author Karabekir "$TMP/tel.bib.xml"
check "... its place" has tel.bib.xml '<placeTerm type="text">Kars</placeTerm>'
check "... its own reference" has tel.bib.xml '<note>GARF, f. R-130, op. 2, d. 68/1, l. 5. To Lansing'
check "bib2xml: the letter's own reference, as written" has let.bib.xml '<note>File No. 861.51/131. To Narimanov'

# ------------------------------------------------------------ --json, CSV, terminal
search --json ratification >"$TMP/nar.json"
citation() { python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["hits"][0]["citation"]; print(c[sys.argv[2]])' "$1" "$2"; }
check "--json: the narrative's citation has no reference of its own" [ -z "$(citation "$TMP/nar.json" reference)" ]
check "... nor archive" [ -z "$(citation "$TMP/nar.json" archive)" ]
check "... its text names no archive file" [ "$(citation "$TMP/nar.json" text)" = '“The road to the treaty”, n.d.' ]
check "... which it cites" [ "$(citation "$TMP/nar.json" cites)" = "SA AR, f. 28, op. 1, d. 68, ll. 17-20 (note 1)" ]
search --json frontier >"$TMP/tel.json"
check "--json: the telegram's citation carries its type, place, reference" \
  [ "$(citation "$TMP/tel.json" type)|$(citation "$TMP/tel.json" place)|$(citation "$TMP/tel.json" reference)" = 'telegram|Kars|GARF, f. R-130, op. 2, d. 68/1, l. 5' ]
search --csv ratification >"$TMP/nar.csv"
csv() { python3 -c 'import csv,sys; print("[%s]" % list(csv.DictReader(open(sys.argv[1], newline="")))[0][sys.argv[2]])' "$1" "$2"; }
check "CSV: the narrative's reference column is empty" [ "$(csv "$TMP/nar.csv" reference)" = "[]" ]
check "... its cites column names the file" [ "$(csv "$TMP/nar.csv" cites)" = "[SA AR, f. 28, op. 1, d. 68, ll. 17-20 (note 1)]" ]
search ratification >"$TMP/nar.txt"
check "terminal: the narrative's citation names no archive file" grep -qx '   Cite: “The road to the treaty”, n.d.' "$TMP/nar.txt"
check "... it shows what it cites" grep -qx '   Cites: SA AR, f. 28, op. 1, d. 68, ll. 17-20 (note 1)' "$TMP/nar.txt"
search frontier >"$TMP/tel.txt"
check "terminal: the telegram is kept at its own reference" grep -qx '   Kept at: GARF, f. R-130, op. 2, d. 68/1, l. 5' "$TMP/tel.txt"
search --show "$(id frontier)" >"$TMP/tel.show"
check "... and --show says so in the source's head" grep -qx '   Kept at: GARF, f. R-130, op. 2, d. 68/1, l. 5' "$TMP/tel.show"

# ------------------------------------------------------------ the page
page() { FOND_DB="$DB" REQUEST_METHOD=GET QUERY_STRING="$1" "$FOND_BIN/fond.cgi"; }
page "show=$(id frontier)" >"$TMP/tel.html"
page "show=$(id ratification)" >"$TMP/nar.html"
check "page: the telegram's archive location for Zotero (DC.coverage)" has tel.html '<meta name="DC.coverage" content="GARF, f. R-130, op. 2, d. 68/1, l. 5">'
check "... a letter (DC.type, a Zotero item type)" has tel.html '<meta name="DC.type" content="letter">'
check "... its page says where it is kept" has tel.html '<p class="archive-ref">Kept at: <cite>GARF, f. R-130, op. 2, d. 68/1, l. 5</cite>'
check "page: the narrative has no archive location" bash -c "! grep -q 'DC.coverage\|citation_archive_location' '$TMP/nar.html'"
page "q=ratification" >"$TMP/nar-hits.html"
check "page: a hit shows what its passage cites" has nar-hits.html '<span class="label">Cites:</span> <span class="cites-text">SA AR, f. 28, op. 1, d. 68, ll. 17-20 (note 1)</span>'
check "... and no archive file in its citation" has nar-hits.html '<span class="cite-text">“The road to the treaty”, n.d.</span>'

# COinS: a span per hit and on the source's page, which Zotero's COinS
# translator reads; decoded as a reader does (coins, common.bash)
page "q=frontier" >"$TMP/tel-hits.html"
# is FILE N KEY VALUE...: the span's values of KEY are these
is() { local f=$1 n=$2 k=$3; shift 3; [ "$(coins "$TMP/$f" "$n" "$k")" = "$(printf '%s\n' "$@" | sed '$!b')" ]; }
for f in tel.html tel-hits.html; do
  check "COinS ($f): a context object of Z39.88-2004 in Dublin Core" \
    bash -c "$(declare -f coins is); TMP='$TMP'; is $f 1 ctx_ver Z39.88-2004 && is $f 1 rft_val_fmt info:ofi/fmt:kev:mtx:dc"
  check "... its title" is "$f" 1 rft.title "Telegram on the frontier commission at Alexandropol"
  check "... its type, then a letter (a Zotero item type, the last one read)" is "$f" 1 rft.type telegram letter
  check "... its date" is "$f" 1 rft.date 1921-10-20
  check "... its sender as creator" is "$f" 1 rft.creator "Karabekir, Kazim"
  check "... its recipient as relation" is "$f" 1 rft.relation "Lansing, Robert"
  check "... its place" is "$f" 1 rft.place Kars
  check "... its own reference as identifier" is "$f" 1 rft.identifier "GARF, f. R-130, op. 2, d. 68/1, l. 5"
  check "... and coverage (as DC.coverage)" is "$f" 1 rft.coverage "GARF, f. R-130, op. 2, d. 68/1, l. 5"
  check "... its whole citation as description" is "$f" 1 rft.description \
    "“Telegram on the frontier commission at Alexandropol”, Karabekir, Kazim to Lansing, Robert, Kars, 20 October 1921. GARF, f. R-130, op. 2, d. 68/1, l. 5."
done
page "q=customs" >"$TMP/let-hits.html"
check "COinS: the letter's own reference, as written" is let-hits.html 1 rft.identifier "File No. 861.51/131"
for f in nar.html nar-hits.html; do
  coins "$TMP/$f" 0 '*' >"$TMP/$f.coins" || true
  check "COinS ($f): the narrative, untyped by Zotero: a document" is "$f" 1 rft.type narrative document
  check "... with no identifier nor coverage: it is kept nowhere known" \
    bash -c "grep -q '^rft.title=The road to the treaty\$' '$TMP/$f.coins' && ! grep -q '^rft.\(identifier\|coverage\)=' '$TMP/$f.coins'"
  check "... and never the file its footnote cites" lacks "SA AR" "$TMP/$f.coins"
done

# ------------------------------------------------------------ corpus/
# The narrative of corpus/ whose passage has the footnote "SA AR, f. 28 ...".
"$INDEX" -q --db "$TMP/corpus" "$FOND_SRC/corpus"
"$SEARCH" --db "$TMP/corpus" --json --limit 100 'source:narrative Abilov' >"$TMP/kars.json"
python3 - "$TMP/kars.json" >"$TMP/kars.check" <<'PY' || true
import json, sys
hits = [h for h in json.load(open(sys.argv[1]))["hits"]
        if any("SA AR, f.28" in n["text"] for n in h["notes"])]
assert hits, "no passage of the narrative with the footnote"
for h in hits:
    c = h["citation"]
    assert "SA AR" not in c["reference"] + c["archive"] + c["text"], c
    assert "SA AR, f. 28" in c["cites"], c["cites"]
print("narrative ok", len(hits))
PY
check "corpus/: the narrative's passages with the footnote 'SA AR, f. 28 ...' cite it, never as their own ($(cat "$TMP/kars.check"))" grep -q '^narrative ok' "$TMP/kars.check"
FOND_DB="$TMP/corpus" REQUEST_METHOD=GET QUERY_STRING="q=Abilov&source=narrative%2Ftreaty-of-kars-1921.txt" \
  "$FOND_BIN/fond.cgi" >"$TMP/kars.html"
coins "$TMP/kars.html" 0 '*' >"$TMP/kars.coins" || true
check "corpus/: on the page, a COinS for each hit of the narrative, one citing 'SA AR, f. 28 ...'" \
  bash -c "grep -q '<span class=\"cites-text\">SA AR, f. 28' '$TMP/kars.html' &&
    [ \$(grep -c '^rft.title=.' '$TMP/kars.coins') = \$(grep -c '<li class=\"hit\"' '$TMP/kars.html') ]"
check "... none carries the file it cites" lacks "SA AR" "$TMP/kars.coins"
finish
