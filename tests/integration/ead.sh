# EAD finding aids: EAD 2002 (namespaced, with <c01>...; and without a
# namespace, with <c>) and EAD3, made here.  Each component is a source of
# its own (fond-search --json: path#id, title, archive_ref, date, date_end,
# type, hierarchy, link); within: restricts to a collection or series by
# title or identifier; the identifier typed finds its component; --group
# collection counts each collection; the terminal and fond.cgi's page show
# the hierarchy as a breadcrumb and the digitised copy (on the page only a
# web address); hostile EAD (an entity bomb, an external entity, components
# nested thousands deep) is reported and skipped.
source "$(dirname "$0")/common.bash"
e="$TMP/ead"
mkdir -p "$e/hostile"

cat >"$e/quellborn.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<ead xmlns="urn:isbn:1-931666-22-9" xmlns:xlink="http://www.w3.org/1999/xlink">
  <eadheader><eadid>mss-0042</eadid>
    <filedesc><titlestmt><titleproper>Guide to the Quellborn papers</titleproper></titlestmt></filedesc></eadheader>
  <archdesc level="collection">
    <did>
      <unittitle>Papers of Aurelia Quellborn</unittitle>
      <unitid>MSS 0042</unitid>
      <unitdate normal="1890/1955" type="inclusive">1890-1955</unitdate>
      <origination><persname>Quellborn, Aurelia</persname></origination>
    </did>
    <bioghist><head>Biographical note</head><p>Aurelia Quellborn was a botanist in Bergen.</p></bioghist>
    <scopecontent><p>Herbarium sheets and <emph>correspondence</emph>.</p></scopecontent>
    <dsc>
      <c01 id="ser1" level="series">
        <did><unittitle>Correspondence</unittitle><unitid>Series 1</unitid>
          <unitdate normal="1890/1930">1890-1930</unitdate></did>
        <scopecontent><p>Letters exchanged with fellow naturalists.</p></scopecontent>
        <c02 id="ref17" level="file">
          <did>
            <container type="box">3</container><container type="folder">12</container>
            <unittitle>Letters from Ingrid Svalbrekke</unittitle>
            <unitid>MSS-0042-017</unitid>
            <unitdate normal="1912-03/1914-11">March 1912 - November 1914</unitdate>
            <dao xlink:href="https://images.example.org/iiif/ref17" xlink:type="simple"/>
          </did>
          <scopecontent><p>On the lichens of Hardangervidda.</p></scopecontent>
        </c02>
        <c02 id="ref18" level="item">
          <did><unittitle>Postcard from Tromsø</unittitle><unitdate normal="1921-07-04">4 July 1921</unitdate>
            <dao xlink:href="/srv/scans/secret/ref18.tif"/></did>
        </c02>
        <c02 id="ref19" level="item">
          <did><unittitle>Telegram from Hammerfest</unittitle>
            <dao xlink:href="scans/../scans/ref19.txt"/></did>
        </c02>
      </c01>
    </dsc>
  </archdesc>
</ead>
EOF

# A digitised copy of ref19, which its <dao> names (a text file stands in
# for a scan's text: the link is the same for any file).
mkdir -p "$e/scans"
echo "Arrived safely with the kittiwake specimens." >"$e/scans/ref19.txt"

# No namespace of its own (xlink's only), <c> nested; a component without
# id or title; one whose words are a date alone.
cat >"$e/harbour.xml" <<'EOF'
<ead xmlns:xlink="http://www.w3.org/1999/xlink">
  <eadheader><eadid>hbr-7</eadid></eadheader>
  <archdesc level="fonds">
    <did><unittitle>Harbour Board of Vardøhus</unittitle><unitid>HBV 7</unitid>
      <unitdate normal="1850/1900">1850-1900</unitdate></did>
    <dsc>
      <c level="series" id="hbv-s2"><did><unittitle>Ledgers of tonnage</unittitle></did>
        <c level="file"><did><unitdate>1873</unitdate><container type="box">9</container></did>
          <scopecontent><p>Tonnage of the wherry fleet.</p></scopecontent></c>
        <c level="file" id="hbv-1874"><did><unitdate normal="1874">1874</unitdate></did></c>
      </c>
    </dsc>
  </archdesc>
</ead>
EOF

# EAD3: recordid, unitdatestructured, daoset.
cat >"$e/ead3.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<ead xmlns="http://ead3.archivists.org/schema/">
  <control><recordid>ua-1138</recordid>
    <filedesc><titlestmt><titleproper>Guide</titleproper></titlestmt></filedesc></control>
  <archdesc level="collection">
    <did><unittitle>Records of the Glaciology Society</unittitle><unitid>UA 1138</unitid>
      <unitdatestructured><daterange><fromdate standarddate="1948">1948</fromdate>
        <todate standarddate="1999">1999</todate></daterange></unitdatestructured></did>
    <dsc>
      <c01 id="gs-min" level="series">
        <did><unittitle>Minutes</unittitle></did>
        <c02 id="gs-min-1961" level="file">
          <did><unittitle>Minutes of the firn committee</unittitle>
            <unitdatestructured><datesingle standarddate="1961-05-02">2 May 1961</datesingle></unitdatestructured>
            <daoset><dao href="https://images.example.org/gs/1961.pdf" daotype="borndigital"/></daoset>
          </did>
        </c02>
      </c01>
    </dsc>
  </archdesc>
</ead>
EOF

# Another vocabulary's <ead> (not EAD's namespace): one source of text.
cat >"$e/other.xml" <<'EOF'
<ead xmlns="http://example.org/not-ead"><archdesc><did><unittitle>Quokka</unittitle></did></archdesc></ead>
EOF

# Hostile: an entity bomb, an external entity, <c> nested 3000 deep.
cat >"$e/hostile/laughs.xml" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE ead [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<ead><archdesc level="collection"><did><unittitle>&c;</unittitle></did></archdesc></ead>
EOF
cat >"$e/hostile/external.xml" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE ead [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<ead><archdesc level="collection"><did><unittitle>&x;</unittitle></did></archdesc></ead>
EOF
python3 - "$e/hostile/deep.xml" <<'EOF'
import sys
n = 3000
with open(sys.argv[1], "w") as f:
    f.write('<ead><archdesc level="collection"><did><unittitle>Deep</unittitle></did><dsc>')
    f.write('<c level="file"><did><unittitle>deepfold</unittitle></did>' * n)
    f.write('</c>' * n + '</dsc></archdesc></ead>')
EOF

# 20,000 components under 240 levels of 2,000-byte titles: each would copy
# the levels above it (quadratic); refused within a memory budget.
python3 - "$e/hostile/wide.xml" <<'EOF'
import sys
t = "T" * 1990
with open(sys.argv[1], "w") as f:
    f.write('<ead><archdesc level="collection"><did><unittitle>%s</unittitle></did><dsc>' % t)
    f.write('<c><did><unittitle>%s</unittitle></did>' % t * 240)
    f.write('<c><did><unittitle>widefold</unittitle></did></c>' * 20000)
    f.write('</c>' * 240 + '</dsc></archdesc></ead>')
EOF

"$INDEX" --db "$TMP/db" "$e" >"$TMP/index.out" 2>"$TMP/index.err" || true
json() { "$SEARCH" --db "$TMP/db" --json "$@"; }
# field QUERY NAME: NAME of the first hit, as JSON writes it (one line)
field() { json "$1" | grep -m1 "^      \"$2\": " | sed "s/^      \"$2\": //; s/,\$//"; }
paths() { json -n 50 "$@" | sed -n 's/^      "path": "\(.*\)",$/\1/p' | sed "s|^$e/||" | sort | tr '\n' ' '; }

# One source a component.
check "the collection and each component a source (quellborn: 4)" \
  test "$(paths 'source:quellborn.xml')" = "quellborn.xml#1 quellborn.xml#ref17 quellborn.xml#ref18 quellborn.xml#ref19 quellborn.xml#ser1 "
check "a component found by a word of its notes is that component alone" \
  test "$(paths Hardangervidda)" = "quellborn.xml#ref17 "
check "... its title" test "$(field Hardangervidda title)" = '"Letters from Ingrid Svalbrekke"'
check "... its type, the level" test "$(field Hardangervidda type)" = '"file"'
check "... its date range" test "$(field Hardangervidda date),$(field Hardangervidda date_end)" = '"1912-03","1914-11"'
check "... its reference, identifier and containers" \
  test "$(field Hardangervidda archive_ref)" = '{"number": 0, "text": "MSS-0042-017, Box 3, Folder 12"}'
check "... its collection" test "$(field Hardangervidda container)" = '"Papers of Aurelia Quellborn"'
# cites QUERY: the citation texts of its hits, a line each
cites() { json -n 50 "$1" | sed -n 's/^      "citation": {"text": "\([^"]*\)".*/\1/p'; }
check "... cited in its collection" bash -c "[[ '$(cites Hardangervidda | head -1)' == *', in Papers of Aurelia Quellborn'* ]]"
check "the collection's own record is cited in nothing (not in itself)" \
  bash -c "[[ '$(cites 'source:quellborn.xml type:collection' | head -1)' == '“Papers of Aurelia Quellborn”'* && '$(cites 'source:quellborn.xml type:collection' | head -1)' != *', in '* ]]"
check "... its hierarchy, from the collection to its parent" \
  test "$(field Hardangervidda hierarchy)" = '[{"level": "collection", "id": "mss-0042", "title": "Papers of Aurelia Quellborn"}, {"level": "series", "id": "ser1", "title": "Correspondence"}]'
check "... its digitised copy" test "$(field Hardangervidda link)" = '"https://images.example.org/iiif/ref17"'
check "found by its identifier as typed" test "$(paths MSS-0042-017)" = "quellborn.xml#ref17 "
check "... and by ref:" test "$(paths 'ref:"MSS-0042-017"')" = "quellborn.xml#ref17 "
check "the collection found by its identifier" \
  bash -c "[[ '$(paths '"MSS 0042"')' == *'quellborn.xml#1 '* ]]"
check "... and by ref: alone" test "$(paths 'ref:"MSS 0042"')" = "quellborn.xml#1 "
check "found by its containers (box:, folder:)" test "$(paths 'box:3 folder:12')" = "quellborn.xml#ref17 "
check "found by its date" test "$(paths 'date:1913 source:quellborn.xml type:file')" = "quellborn.xml#ref17 "
check "an item's single day" test "$(field 'Tromsø' date)" = '"1921-07-04"'
check "a component with no title is titled by its date" test "$(field wherry title)" = '"1873"'
check "... dated by it" test "$(field wherry date)" = '"1873"'
check "... in a <c> of an EAD without a namespace, under its series" \
  test "$(field wherry hierarchy)" = '[{"level": "fonds", "id": "hbr-7", "title": "Harbour Board of Vardøhus"}, {"level": "series", "id": "hbv-s2", "title": "Ledgers of tonnage"}]'
check "a component whose words are a date alone is a source, with its series' title" \
  test "$(field '1874 Ledgers' path)" = "\"$e/harbour.xml#hbv-1874\""
check "an <ead> of another namespace is one source of text" test "$(paths Quokka)" = "other.xml "
check "EAD3: recordid, unitdatestructured and daoset read" \
  test "$(field firn date)|$(field firn link)|$(field firn hierarchy)" = '"1961-05-02"|"https://images.example.org/gs/1961.pdf"|[{"level": "collection", "id": "ua-1138", "title": "Records of the Glaciology Society"}, {"level": "series", "id": "gs-min", "title": "Minutes"}]'
check "... a range from fromdate and todate" test "$(field 'Glaciology type:collection' date_end)" = '"1999"'

# within: a collection or a series, by title or by identifier.
check "within: a collection by title" \
  test "$(paths 'within:"Aurelia Quellborn"')" = "quellborn.xml#1 quellborn.xml#ref17 quellborn.xml#ref18 quellborn.xml#ref19 quellborn.xml#ser1 "
check "within: a collection by identifier as typed" \
  test "$(paths within:mss-0042)" = "quellborn.xml#ref17 quellborn.xml#ref18 quellborn.xml#ref19 quellborn.xml#ser1 "
check "... or typed whole" test "$(paths within:mss0042)" = "quellborn.xml#ref17 quellborn.xml#ref18 quellborn.xml#ref19 quellborn.xml#ser1 "
check "within: a series by title" test "$(paths 'within:"Ledgers of tonnage"')" = "harbour.xml#3 harbour.xml#hbv-1874 "
check "within: narrows words" test "$(paths 'within:ua-1138 minutes')" = "ead3.xml#gs-min ead3.xml#gs-min-1961 "

# --group collection: the hits under their collections, each with its count.
"$SEARCH" --db "$TMP/db" --group collection -n 50 '*' >"$TMP/group.txt" || true
check "--group collection heads each collection with its count" \
  grep -qx '== Papers of Aurelia Quellborn: 5 passages' "$TMP/group.txt"
check "... every collection, and the passages in none" bash -c "[ \$(grep -c '^== ' '$TMP/group.txt') = 4 ] && grep -qx '== (no collection): 2 passages' '$TMP/group.txt'"
check "... its hits under it" bash -c "sed -n '/^== Records of the Glaciology/,/^== /p' '$TMP/group.txt' | grep -q 'Minutes of the firn committee'"
json --group collection '*' >"$TMP/group.json" || true
check "--json --group collection gives the groups with counts" \
  grep -q '{"collection": "Harbour Board of Vardøhus", "passages": 4}' "$TMP/group.json"
expect_exit 2 "--group takes collection only" "$SEARCH" --db "$TMP/db" --group year x
check "... and says so" grep -q -- "--group takes collection" "$TMP/err"

# The breadcrumb in the terminal.
"$SEARCH" --db "$TMP/db" Hardangervidda >"$TMP/term.txt" || true
check "the terminal shows the breadcrumb" grep -qx '   In: Papers of Aurelia Quellborn › Correspondence' "$TMP/term.txt"
check "... and the digitised copy" grep -qx '   Digitised copy: https://images.example.org/iiif/ref17' "$TMP/term.txt"

# The digitised file and its component: a hit in the file shows where its
# component sits, the component's page lists the file.
check "a hit in a file a <dao> names sits under its component" \
  test "$(field kittiwake hierarchy)" = '[{"level": "collection", "id": "mss-0042", "title": "Papers of Aurelia Quellborn"}, {"level": "series", "id": "ser1", "title": "Correspondence"}, {"level": "item", "id": "ref19", "title": "Telegram from Hammerfest"}]'
check "... in its collection" test "$(field kittiwake container)" = '"Papers of Aurelia Quellborn"'
check "... its component's link is the file's path" test "$(field Hammerfest link)" = "\"$e/scans/ref19.txt\""
"$SEARCH" --db "$TMP/db" kittiwake >"$TMP/scan.txt" || true
check "... the breadcrumb in the terminal" \
  grep -qx '   In: Papers of Aurelia Quellborn › Correspondence › Telegram from Hammerfest' "$TMP/scan.txt"

# Hostile files: reported and skipped, the rest indexed.
reason "an entity bomb is skipped" "$e/hostile/laughs.xml" "it declares entities.*"
reason "an external entity is skipped" "$e/hostile/external.xml" "it declares entities.*"
reason "components nested 3000 deep are skipped" "$e/hostile/deep.xml" "elements nested too deep"
reason "components whose copied fields would grow quadratic are skipped" "$e/hostile/wide.xml" "its [0-9]+ components' fields would take too much memory"
check "... nothing of them is indexed (no passage found: exit 1)" \
  bash -c "'$SEARCH' --db '$TMP/db' deepfold OR widefold OR root >/dev/null 2>&1; [ \$? = 1 ]"

# The page: the breadcrumb (each level a search within it), the digitised
# copy where it is a web address, never a server path; grouping.
start_web "$TMP/db"
fetch hit 'q=Hardangervidda' >/dev/null
check "the page shows the breadcrumb" grep -q '<nav class="hierarchy" aria-label="Where it sits"><ol>' "$TMP/hit.body"
check "... each level a search within it" \
  grep -q '<li><a href="?q=within%3A%22Papers+of+Aurelia+Quellborn%22+within%3A%22Correspondence%22">Correspondence</a></li>' "$TMP/hit.body"
check "... whose search keeps that series' components" \
  bash -c "[ \$(curl -s -o '$TMP/crumb.body' -w '%{http_code}' '$URL/?q=within%3A%22Papers+of+Aurelia+Quellborn%22+within%3A%22Correspondence%22') = 200 ] && grep -q 'Letters from Ingrid Svalbrekke' '$TMP/crumb.body' && grep -q 'Postcard from' '$TMP/crumb.body' && ! grep -q 'Glaciology' '$TMP/crumb.body'"
check "... the digitised copy linked" \
  grep -q '<p class="link"><a href="https://images.example.org/iiif/ref17" rel="nofollow noopener noreferrer">Digitised copy</a></p>' "$TMP/hit.body"
fetch secret 'q=Troms%C3%B8' >/dev/null
fetch secretjson 'q=Troms%C3%B8&format=json' >/dev/null
check "a server path as the copy is never shown (page, JSON)" \
  bash -c "grep -q 'Postcard from' '$TMP/secret.body' && ! grep -q '/srv/scans' '$TMP/secret.body' '$TMP/secretjson.body'"
fetch comp "show=$(field Hammerfest passage_id | tr -d '"')" >/dev/null
check "the component's page lists its digitised copy, by name" \
  grep -q '<p class="digitised">Digitised: <a href="?show=[0-9a-f]*-1#p1">ead/scans/ref19.txt</a></p>' "$TMP/comp.body"
check "... and names no server path" bash -c "! grep -q '$e' '$TMP/comp.body'"
fetch grouped 'q=*&group=collection&n=50' >/dev/null
check "group=collection: a group a collection, with its count" \
  grep -q '<h2 class="group-head">Papers of Aurelia Quellborn <span class="count">5 passages</span></h2>' "$TMP/grouped.body"
check "... each hit numbered by its own rank, none twice" \
  bash -c "grep -o '<li class=\"hit\" value=\"[0-9]*\"' '$TMP/grouped.body' | sort | uniq -d | grep -q . && exit 1; grep -q '<li class=\"hit\" value=\"1\"' '$TMP/grouped.body'"
check "... a hit shows where it sits once: the breadcrumb, not also an In line" \
  bash -c "! grep -q '<p class=\"container\">' '$TMP/grouped.body' && grep -q '<nav class=\"hierarchy\"' '$TMP/grouped.body'"
check "group= takes collection only (400)" test "$(fetch badgroup 'q=x&group=source')" = 400
check "... and says so" grep -q "must be &#39;collection&#39;\|must be 'collection'" "$TMP/badgroup.body"
finish
