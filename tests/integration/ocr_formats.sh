# OCR formats as sources: hOCR and ALTO written here by Tesseract (5.3
# writes both) from a page ImageMagick renders, a hand-written two-page
# ALTO v2 in tenths of a millimetre with a word hyphenated over the page's
# end, PAGE XML at word level and at line level, hOCR that is HTML and not
# XML.  Each is known by its content (not its name), indexed as its words
# (no markup in the text), found by a word of it with its pages right; an
# ordinary HTML page is HTML (lib/htmldoc.h), not hOCR.
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
col="$TMP/col"
mkdir -p "$col"
export OMP_THREAD_LIMIT=1
convert=$(command -v convert-im6.q16 || command -v convert)

# A page of text, rendered: the image stays outside the collection (it
# would be a source of its own).
"$convert" -size 1400x420 xc:white -font DejaVu-Serif -pointsize 40 -fill black \
  -annotate +60+100 'The quartermaster counted the bales' \
  -annotate +60+170 'of wool at the customs house.' \
  -annotate +60+300 'Nobody signed the manifest.' "$TMP/page.png"
tesseract "$TMP/page.png" "$TMP/tess" -l eng hocr alto 2>/dev/null
cp "$TMP/tess.hocr" "$col/tesseract.hocr"
cp "$TMP/tess.xml" "$col/tesseract-alto.txt" # named as text: known by content
check "Tesseract wrote hOCR" grep -q "ocrx_word" "$col/tesseract.hocr"
check "... and ALTO" grep -q "<alto" "$col/tesseract-alto.txt"

# ALTO v2 in mm10, two pages; "plenipotentiaries" hyphenated over the
# page's end (SUBS_CONTENT), "delegation" over a line's end.
cat >"$col/two-pages.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v2#" xmlns:xlink="http://www.w3.org/1999/xlink">
  <Description>
    <MeasurementUnit>mm10</MeasurementUnit>
    <sourceImageInformation><fileName>two-pages.tif</fileName></sourceImageInformation>
  </Description>
  <Layout>
    <Page ID="P1" PHYSICAL_IMG_NR="1" WIDTH="2100" HEIGHT="2970">
      <PrintSpace HPOS="0" VPOS="0" WIDTH="2100" HEIGHT="2970">
        <TextBlock ID="B1" HPOS="200" VPOS="200" WIDTH="1700" HEIGHT="300">
          <TextLine HPOS="200" VPOS="200" WIDTH="1700" HEIGHT="60">
            <String CONTENT="The" HPOS="200" VPOS="200" WIDTH="120" HEIGHT="60" WC="0.97"/><SP/>
            <String CONTENT="harbourmaster" HPOS="340" VPOS="200" WIDTH="500" HEIGHT="60" WC="0.91"/><SP/>
            <String CONTENT="met" HPOS="860" VPOS="200" WIDTH="120" HEIGHT="60" WC="0.95"/><SP/>
            <String CONTENT="the" HPOS="1000" VPOS="200" WIDTH="120" HEIGHT="60" WC="0.99"/><SP/>
            <String CONTENT="dele" SUBS_TYPE="HypPart1" SUBS_CONTENT="delegation" HPOS="1140" VPOS="200" WIDTH="200" HEIGHT="60" WC="0.9"/>
            <HYP CONTENT="-"/>
          </TextLine>
          <TextLine HPOS="200" VPOS="280" WIDTH="1700" HEIGHT="60">
            <String CONTENT="gation" SUBS_TYPE="HypPart2" SUBS_CONTENT="delegation" HPOS="200" VPOS="280" WIDTH="260" HEIGHT="60" WC="0.88"/><SP/>
            <String CONTENT="and" HPOS="480" VPOS="280" WIDTH="120" HEIGHT="60" WC="0.96"/><SP/>
            <String CONTENT="the" HPOS="620" VPOS="280" WIDTH="120" HEIGHT="60" WC="0.99"/><SP/>
            <String CONTENT="pleni" SUBS_TYPE="HypPart1" SUBS_CONTENT="plenipotentiaries" HPOS="760" VPOS="280" WIDTH="200" HEIGHT="60" WC="0.8"/>
            <HYP CONTENT="-"/>
          </TextLine>
        </TextBlock>
      </PrintSpace>
    </Page>
    <Page ID="P2" PHYSICAL_IMG_NR="2" WIDTH="2100" HEIGHT="2970">
      <PrintSpace HPOS="0" VPOS="0" WIDTH="2100" HEIGHT="2970">
        <TextBlock ID="B2" HPOS="200" VPOS="200" WIDTH="1700" HEIGHT="300">
          <TextLine HPOS="200" VPOS="200" WIDTH="1700" HEIGHT="60">
            <String CONTENT="potentiaries" SUBS_TYPE="HypPart2" SUBS_CONTENT="plenipotentiaries" HPOS="200" VPOS="200" WIDTH="400" HEIGHT="60" WC="0.8"/><SP/>
            <String CONTENT="at" HPOS="620" VPOS="200" WIDTH="80" HEIGHT="60" WC="0.99"/><SP/>
            <String CONTENT="the" HPOS="720" VPOS="200" WIDTH="120" HEIGHT="60" WC="0.99"/><SP/>
            <String CONTENT="lighthouse" HPOS="860" VPOS="200" WIDTH="400" HEIGHT="60" WC="0.93">
              <ALTERNATIVE>Iighthouse</ALTERNATIVE>
            </String>
          </TextLine>
        </TextBlock>
      </PrintSpace>
    </Page>
  </Layout>
</alto>
EOF

# PAGE XML: words in one region, a line's text alone in another.
cat >"$col/transcription.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2013-07-15">
  <Metadata><Creator>hand</Creator><Created>2024-01-01T00:00:00</Created></Metadata>
  <Page imageFilename="transcription.jpg" imageWidth="2000" imageHeight="2800">
    <TextRegion id="r1" type="paragraph">
      <Coords points="100,100 1900,100 1900,300 100,300"/>
      <TextLine id="l1">
        <Coords points="100,100 1900,100 1900,160 100,160"/>
        <Word id="w1"><Coords points="100,100 400,100 400,160 100,160"/>
          <TextEquiv conf="0.93"><Unicode>Stevedores</Unicode></TextEquiv></Word>
        <Word id="w2"><Coords points="420,100 700,100 700,160 420,160"/>
          <TextEquiv conf="0.88"><Unicode>unloaded</Unicode></TextEquiv></Word>
        <Word id="w3"><Coords points="720,100 1000,100 1000,160 720,160"/>
          <TextEquiv conf="0.9"><Unicode>saltpetre</Unicode></TextEquiv></Word>
      </TextLine>
    </TextRegion>
    <TextRegion id="r2" type="paragraph">
      <Coords points="100,400 1900,400 1900,500 100,500"/>
      <TextLine id="l2">
        <Coords points="100,400 1900,400 1900,460 100,460"/>
        <TextEquiv><Unicode>under the eyes of the excise officer</Unicode></TextEquiv>
      </TextLine>
    </TextRegion>
  </Page>
</PcGts>
EOF

# hOCR that is HTML, not XML (an unclosed <meta>, &nbsp;).
cat >"$col/kraken.html" <<'EOF'
<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="ocr-system" content="kraken">
</head><body>
<div class="ocr_page" title="bbox 0 0 1000 700; image page-k.png">
<span class="ocr_line" title="bbox 10 10 900 60">
<span class="ocrx_word" title="bbox 10 10 300 60; x_wconf 91">Cormorants</span>&nbsp;<span class="ocrx_word" title="bbox 320 10 600 60; x_wconf 85">nested</span>
<span class="ocrx_word" title="bbox 620 10 900 60; x_wconf 80">offshore</span><br>
</span></div></body></html>
EOF

# And an ordinary HTML page: not hOCR, an HTML page (lib/htmldoc.h).
cat >"$col/ordinary.html" <<'EOF'
<!DOCTYPE html>
<html><head><title>Notes</title></head><body><p>The albatross circled the ocr_line buoy.</p></body></html>
EOF

"$INDEX" --db "$DB" --verbose "$col" >"$TMP/index.out" 2>"$TMP/index.err"
check "one run indexes them all" grep -q '^6 added' "$TMP/index.out"
check "--verbose: Tesseract's hOCR is hOCR, one page" grep -q 'tesseract.hocr: hocr, .* 1 page' "$TMP/index.out"
check "... its ALTO (named .txt) is ALTO, one page" grep -q 'tesseract-alto.txt: alto, .* 1 page' "$TMP/index.out"
check "... the hand-written ALTO has two pages" grep -q 'two-pages.xml: alto, .* 2 pages' "$TMP/index.out"
check "... PAGE XML is PAGE XML" grep -q 'transcription.xml: page-xml, .* 1 page' "$TMP/index.out"
check "... hOCR in HTML is hOCR" grep -q 'kraken.html: hocr, .* 1 page' "$TMP/index.out"
check "... an ordinary HTML page is HTML" grep -q 'ordinary.html: html' "$TMP/index.out"

json() { "$SEARCH" --db "$DB" --json "$@" >"$TMP/$1.json" || true; }
# hits_of WORD: the file names and pages (first-last) of WORD's hits, one a
# line
hits_of() { jq -r '.hits[] | "\(.path | sub(".*/"; "")) \(.page_first)-\(.page_last)"' "$TMP/$1.json"; }

json quartermaster
check "Tesseract's hOCR is found by a word" grep -qx 'tesseract.hocr 1-1' <(hits_of quartermaster)
check "... and its ALTO" grep -qx 'tesseract-alto.txt 1-1' <(hits_of quartermaster)
check "... their text is the page's words, not markup" \
  bash -c "! jq -r '.hits[].text' '$TMP/quartermaster.json' | grep -qE '<|CONTENT=|ocrx_word|bbox'"
json manifest
check "... a word of their last line too" test "$(hits_of manifest | wc -l)" -eq 2

json harbourmaster
check "ALTO v2 in mm10: a word of page 1 in a passage from page 1" grep -qE '^two-pages.xml 1-[12]$' <(hits_of harbourmaster)
json lighthouse
check "... a word of page 2 in a passage to page 2" grep -qE '^two-pages.xml [12]-2$' <(hits_of lighthouse)
json delegation
check "a word hyphenated over a line's end is found whole" grep -qE '^two-pages.xml 1-' <(hits_of delegation)
json plenipotentiaries
check "... and one hyphenated over a page's end, on the page it begins" grep -qE '^two-pages.xml 1-' <(hits_of plenipotentiaries)
json gation
check "... its halves are not words" test "$(hits_of gation | wc -l)" -eq 0
json potentiaries
check "... not even the one on page 2" test "$(hits_of potentiaries | wc -l)" -eq 0

json saltpetre
check "PAGE XML: a word of a word-level line is found" grep -qx 'transcription.xml 1-1' <(hits_of saltpetre)
json excise
check "... and one of a line with text alone" grep -qx 'transcription.xml 1-1' <(hits_of excise)

json cormorants
check "hOCR that is HTML: found by a word" grep -qx 'kraken.html 1-1' <(hits_of cormorants)
json offshore
check "... its every word" grep -qx 'kraken.html 1-1' <(hits_of offshore)
# Read ahead by --jobs readers: the same formats and pages.
"$INDEX" --db "$TMP/db-jobs" --jobs 2 --verbose "$col" >"$TMP/jobs.out" 2>&1
check "--jobs 2: read ahead, ALTO is still ALTO, two pages" grep -q 'two-pages.xml: alto, .* 2 pages' "$TMP/jobs.out"
check "... hOCR still hOCR" grep -q 'tesseract.hocr: hocr, .* 1 page' "$TMP/jobs.out"

json albatross
check "the ordinary HTML page is found as before" grep -q '^ordinary.html' <(hits_of albatross)
finish
