# TEI (P5) editions this test writes itself, in the markup of several
# editions (FRUS-like, with the TEI namespace; a Founders-like one with
# none; a teiCorpus of texts; a German edition whose notes stand at the
# end): each document is one source, found with its title, date or date
# range, place, sender, recipient, type, notes, page label, source note
# reference and the edition (container), shown in the terminal and on the
# page and cited with it; within:, person:, place:, org: select; a changed
# file re-indexes its documents and a document removed goes; hostile TEI
# (entity bombs, an external entity, deep nesting, a huge text node) is
# reported and skipped, the rest indexed.
source "$(dirname "$0")/common.bash"
t="$TMP/tei"
mkdir -p "$t/hostile"

frus() { # WORD: the FRUS-like volume, its third document's word WORD
  cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0">
 <teiHeader><fileDesc><titleStmt>
  <title type="series">Foreign Relations of the United States</title>
  <title type="complete">Papers Relating to the Foreign Relations of the United States, 1922, Volume II</title>
 </titleStmt></fileDesc></teiHeader>
 <text><body>
 <pb n="226" facs="0226"/>
 <div type="chapter" xml:id="ch3"><head>Russia</head>
  <div type="document" xml:id="d41" n="41">
   <head>The Secretary of State to the Ambassador in France (<persName type="to">Herrick</persName>)<note n="1" type="source">File No. 861.00/9452. Confidential. Drafted by <persName>Poole</persName>.</note></head>
   <opener><seg rendition="#center">[Telegram]</seg>
    <dateline rendition="#right"><placeName>Washington</placeName>, <date when="1922-03">March 1922</date>.</dateline></opener>
   <p>The aardvark question was discussed with <persName>Mr. Hughes</persName> at the
    <orgName>League of Nations</orgName> in <placeName>Geneva</placeName>.<note n="2">Not printed.</note>
    More words on the <pb n="227" facs="0227"/>next page about the okapi.</p>
   <closer><signed><persName>Hughes</persName></signed></closer>
  </div>
  <div type="document" xml:id="d42" n="42">
   <head><hi rend="italic">Mr. <persName type="from">Schurman</persName> to Mr. <gloss type="to">Hughes</gloss>.</hi></head>
   <p>A pangolin crossed the road between the legations.</p>
   <closer><dateline><placeName>Peking</placeName>, <date notBefore="1922-04-01" notAfter="1922-04-15">early April 1922</date>.</dateline>
    <signed>Schurman</signed></closer>
  </div>
  <div type="document" xml:id="d43" n="43">
   <head>Memorandum by the Chief of the Division of Russian Affairs</head>
   <opener><dateline><placeName>Washington</placeName>, <date>undated</date>.</dateline></opener>
   <p>The $1 question of the quokka stays open.</p>
  </div>
 </div>
 </body></text>
</TEI>
EOF
}
frus "binturong" >"$t/frus1922v02.xml"

# Founders-like: no namespace, names marked with gloss, a from/to range.
cat >"$t/founders.xml" <<'EOF'
<TEI><teiHeader><fileDesc><titleStmt><title>The Papers of a Founder, Volume 7</title></titleStmt></fileDesc></teiHeader>
<text><body>
 <div type="document" xml:id="ADMS-07-0001">
  <head>From <persName type="from">John Adams</persName> to <persName type="to">Abigail Adams</persName></head>
  <opener><dateline><placeName>Philadelphia</placeName> <date from="1776-07-03" to="1776-07-05">3–5 July 1776</date></dateline></opener>
  <p>The wombat of liberty is loose in <placeName>Philadelphia</placeName>.</p>
 </div>
</body></text></TEI>
EOF

# A German edition: the dateline in the closer, the notes at the end
# (pointing to their anchors, and a ref pointing to its note).
cat >"$t/akten.xml" <<'EOF'
<?xml version="1.0"?>
<tei:TEI xmlns:tei="http://www.tei-c.org/ns/1.0">
<tei:teiHeader><tei:fileDesc><tei:titleStmt><tei:title type="main">Akten zur auswärtigen Politik, Band 3</tei:title></tei:titleStmt></tei:fileDesc></tei:teiHeader>
<tei:text><tei:body>
 <tei:div type="document" xml:id="aa-12">
  <tei:head>Telegramm des Botschafters in Moskau an das Auswärtige Amt</tei:head>
  <tei:p>Der Gepard<tei:anchor xml:id="a1"/> wurde in der Botschaft gesehen.<tei:ref target="#n2">2</tei:ref></tei:p>
  <tei:closer><tei:dateline><tei:placeName>Moskau</tei:placeName>, den <tei:date when="1923-02-08">8. Februar 1923</tei:date></tei:dateline></tei:closer>
  <tei:div type="notes">
   <tei:note target="#a1">Vgl. das Telegramm vom 2. Februar.</tei:note>
   <tei:note xml:id="n2" type="source">Quelle: PA AA, R 9401. Geheim.</tei:note>
  </tei:div>
 </tei:div>
</tei:text></tei:body>
</tei:TEI>
EOF
sed -i 's#</tei:text></tei:body>#</tei:body></tei:text>#' "$t/akten.xml"

# A teiCorpus of two texts, no document divs: each text a source.
cat >"$t/corpus.xml" <<'EOF'
<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">
 <teiHeader><fileDesc><titleStmt><title>Letters of the Kars Conference</title></titleStmt></fileDesc></teiHeader>
 <TEI xml:id="k1"><teiHeader><fileDesc><titleStmt><title>Letter on the tapir</title></titleStmt></fileDesc></teiHeader>
  <text><body><p>The tapir letter.</p></body></text></TEI>
 <TEI xml:id="k2"><teiHeader><fileDesc><titleStmt><title>Letter on the gerenuk</title></titleStmt></fileDesc></teiHeader>
  <text><body><p>The gerenuk letter.</p></body></text></TEI>
</teiCorpus>
EOF

# Hostile: entity bombs, an external entity, nesting too deep, a text node
# over libxml2's bound, each beside good documents.
cat >"$t/hostile/laughs.xml" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE TEI [<!ENTITY a "numbat numbat numbat"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div type="document"><head>&c;</head><p>numbat</p></div></body></text></TEI>
EOF
cat >"$t/hostile/external.xml" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<TEI><text><body><div type="document"><head>x</head><p>&x; bilby</p></div></body></text></TEI>
EOF
{
  printf '<TEI><text><body><div type="document"><head>deep</head>'
  for _ in $(seq 1 400); do printf '<hi>'; done
  printf 'quoll'
  for _ in $(seq 1 400); do printf '</hi>'; done
  printf '</div></body></text></TEI>\n'
} >"$t/hostile/deep.xml"
{
  printf '<TEI><text><body><div type="document"><head>huge</head><p>dibbler '
  for _ in $(seq 1 90); do head -c 100000 /dev/zero | tr '\0' 'x'; printf '\n'; done
  printf '</p></div>\n<div type="document" xml:id="fine"><p>The sugar glider.</p></div>'
  printf '</body></text></TEI>\n'
} >"$t/hostile/huge.xml"

# Real markup: an excerpt of two FRUS documents (public domain; see the
# file's head): a source note before the head, names marked with <gloss>,
# a dateline outside an opener, a date with a time, a reference to a
# footnote that is not the note's place.
cp "$FOND_SRC/tests/fixtures/tei/frus-excerpt.xml" "$t/"

got=0
"$INDEX" --db "$TMP/db" -v "$t" >"$TMP/out" 2>"$TMP/index.err" || got=$?
cat "$TMP/out" "$TMP/index.err"
check "fond-index finishes with warnings (exit 1, got $got)" [ "$got" -eq 1 ]
reason "an entity bomb is reported" "laughs.xml" 'it declares entities.*'
reason "an external entity is reported" "external.xml" 'it declares entities.*'
reason "nesting too deep is reported" "deep.xml" 'elements nested too deep'
reason "a huge document is reported" "huge.xml#1" 'a document of more than 8 MiB of text'
check "an edition is listed with its documents" \
  grep -qE 'added .*frus1922v02.xml: tei, 3 documents, ' "$TMP/out"

search() { "$SEARCH" --db "$TMP/db" --json "$@" >"$TMP/hits" || true; }
field_is() { every_field_is "$TMP/hits" "$1" "$2"; }
finds() { # NAME QUERY FIELD ERE [FIELD ERE]...
  local name=$1 q=$2; shift 2
  search "$q"
  local ok=1 n
  n=$(grep -c '"passage_id"' "$TMP/hits" || true)
  [ "$n" -eq 1 ] || { ok=0; echo "  $n hits for $q"; }
  while [ $# -gt 0 ]; do field_is "$1" "$2" || { ok=0; echo "  $1 not $2"; }; shift 2; done
  check "$name" [ "$ok" -eq 1 ]
}
ed='"Papers Relating to the Foreign Relations of the United States, 1922, Volume II"'
finds "FRUS: a document is its own source, with its head, date, place, type, to" okapi \
  path 'frus1922v02.xml#d41"' \
  title '"The Secretary of State to the Ambassador in France \(Herrick\)"' \
  date '"1922-03"' date_end '""' place '"Washington"' type '"telegram"' \
  from '"Secretary of State"' to '"Herrick"' container "$ed" \
  page_label '"pp. 226-227"'
check "... its notes, the source note first" \
  grep -qzE '"notes": \[\s*\{"number": 1, "text": "File No. 861.00/9452. Confidential. Drafted by Poole."\},\s*\{"number": 2, "text": "Not printed."\}' "$TMP/hits"
check "... the source note's reference is where it is kept" \
  grep -qF '"archive_ref": {"number": 0, "text": "File No. 861.00/9452"}' "$TMP/hits"
check "... cited in its edition" \
  grep -qF 'March 1922, in Papers Relating to the Foreign Relations of the United States, 1922, Volume II, pp. 226-227. File No. 861.00/9452.' "$TMP/hits"
finds "FRUS: names marked in the head; a dateline in the closer; a range" pangolin \
  path 'frus1922v02.xml#d42"' title '"Mr. Schurman to Mr. Hughes."' \
  from '"Schurman"' to '"Hughes"' date '"1922-04-01"' date_end '"1922-04-15"' \
  place '"Peking"' page_label '"p. 227"'
finds "FRUS: a date with no value is no date" quokka \
  path 'frus1922v02.xml#d43"' date '""' page_label '"p. 227"'
finds "no namespace: from/to range, names marked" wombat \
  path 'founders.xml#ADMS-07-0001"' title '"From John Adams to Abigail Adams"' \
  from '"John Adams"' to '"Abigail Adams"' date '"1776-07-03"' date_end '"1776-07-05"' \
  place '"Philadelphia"' container '"The Papers of a Founder, Volume 7"'
finds "notes at the end are attached at their anchors" gepard \
  path 'akten.xml#aa-12"' container '"Akten zur auswärtigen Politik, Band 3"' \
  date '"1923-02-08"' place '"Moskau"'
check "... in the order of their anchors" \
  grep -qzE '"notes": \[\s*\{"number": 1, "text": "Vgl. das Telegramm vom 2. Februar."\},\s*\{"number": 2, "text": "Quelle: PA AA, R 9401. Geheim."\}' "$TMP/hits"
check "... the source note's reference without its label" \
  grep -qF '"archive_ref": {"number": 0, "text": "PA AA, R 9401"}' "$TMP/hits"
finds "a teiCorpus: each text a source, titled by its header" gerenuk \
  path 'corpus.xml#2"' title '"Letter on the gerenuk"' container '"Letters of the Kars Conference"'

finds "real FRUS (1925): the source note before the head, gloss and persName" Jaffa \
  path 'frus-excerpt.xml#d180"' \
  title '"The Secretary of State to the Ambassador in Great Britain \(Houghton\)"' \
  from '"Secretary of State"' to '"Houghton"' date '"1925-06-23"' place '"Washington"' \
  page_label '"p. 220"'
check "... its source note is its first note and its reference" \
  grep -qF '"archive_ref": {"number": 0, "text": "867n.01/428"}' "$TMP/hits"
search assurances
check "... a page's label is not in the passage's text" texts_hold "$TMP/hits" 'formal protest has been made'
check "... the source note stands first among the notes" \
  grep -qzE '"notes": \[\s*\{"number": 1, "text": "867n.01/428"\},\s*\{"number": 2, "text": "Latter not printed."\}' "$TMP/hits"
finds "real FRUS (1960): gloss type=from/to, a dateline with a time" Nosek \
  path 'frus-excerpt.xml#d123"' \
  title '"123. Telegram From the Department of State to the Mission at the United Nations"' \
  from '"Department of State"' to '"Mission at the United Nations"' date '"1960-01-16"' \
  place '"Washington"' type '"telegram"'
check "... a cross-reference to a footnote leaves the note in its place" \
  grep -qzE '"notes": \[\s*\{"number": 1, "text": "Source: Department of State, Central Files, 320/1–1660. [^"]*"\},\s*\{"number": 2, "text": "A memorandum of Merchant’s meeting with Hood is ibid., 320/1–1360."\}' "$TMP/hits"
check "... its reference without the label and what follows" \
  grep -qF '"archive_ref": {"number": 0, "text": "Department of State, Central Files, 320/1–1660"}' "$TMP/hits"
finds "within: restricts to an edition" 'within:"foreign relations" (pangolin OR wombat)' path 'd42"'
finds "the documents beside a huge one are indexed" glider path 'huge.xml#fine"'
finds "person: finds a marked person" 'person:Poole' path 'd41"'
finds "place: finds a marked place" 'place:Geneva' path 'd41"'
finds "org: finds a marked organisation" 'org:"League of Nations"' path 'd41"'
finds "date: finds a day inside a range" 'date:1922-04-10' path 'd42"'
for w in numbat bilby quoll dibbler; do
  search "$w"
  check "nothing of the hostile '$w' is indexed" grep -q '"hits": \[\]' "$TMP/hits"
done

"$SEARCH" --db "$TMP/db" okapi >"$TMP/terminal" || true
check "the terminal shows the edition" grep -qF "   In: ${ed//\"/}" "$TMP/terminal"
FOND_DB="$TMP/db" REQUEST_METHOD=GET QUERY_STRING='q=okapi' \
  "$FOND_BIN/fond.cgi" >"$TMP/page" 2>&1 || true
check "the page shows the edition" \
  grep -qF '<p class="container">In <cite>Papers Relating to the Foreign Relations of the United States, 1922, Volume II</cite></p>' "$TMP/page"
"$SEARCH" --db "$TMP/db" --format ris okapi >"$TMP/ris" || true
check "RIS gives the edition as T2" grep -qF 'T2  - Papers Relating to the Foreign' "$TMP/ris"
"$SEARCH" --db "$TMP/db" --format bibtex okapi >"$TMP/bib" || true
check "BibTeX gives it as booktitle" grep -qF 'booktitle = {Papers Relating to the Foreign' "$TMP/bib"

# A changed edition: a document's word changed, one document removed.
frus x | sed 's/pangolin/gerbil/' | sed '/xml:id="d43"/,/<\/div>/d' >"$t/frus1922v02.xml"
"$INDEX" --db "$TMP/db" "$t" >"$TMP/out" 2>"$TMP/err" || true
finds "a changed document is read again" gerbil path 'd42"' date '"1922-04-01"'
search pangolin
check "... its old words gone" grep -q '"hits": \[\]' "$TMP/hits"
search quokka
check "a document removed from the edition goes" grep -q '"hits": \[\]' "$TMP/hits"
finds "the edition's other documents are found once" okapi path 'd41"'
finish
