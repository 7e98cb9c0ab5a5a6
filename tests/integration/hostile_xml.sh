# Hostile OCR XML among good files: a billion laughs (ALTO), an external
# entity naming /etc/passwd (hOCR), a DTD and a parameter entity from the
# network (PAGE XML), elements nested very deep, a file over the size fond
# parses, an ALTO of more pages than fond reads.  Each is reported with a
# clear reason and skipped, the rest indexed, fond-index exits 1; nothing
# is fetched (a web server on 127.0.0.1 stands where the DTDs point, and
# must see no request); hOCR naming the XHTML DTD, as Tesseract's does, is
# read without it.
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
col="$TMP/col"
mkdir -p "$col"

# The good: an ALTO and an hOCR that names an external DTD.
cat >"$col/good.xml" <<'EOF'
<?xml version="1.0"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Description><MeasurementUnit>pixel</MeasurementUnit></Description>
<Layout><Page WIDTH="800" HEIGHT="600"><PrintSpace><TextBlock><TextLine>
<String CONTENT="The" HPOS="1" VPOS="1" WIDTH="10" HEIGHT="10"/><SP/><String CONTENT="lamplighter" HPOS="20" VPOS="1" WIDTH="90" HEIGHT="10"/>
</TextLine></TextBlock></PrintSpace></Page></Layout></alto>
EOF
printf 'A good text file about the ropewalk.\n' >"$col/good.txt"

# A web server on the loopback where the DTDs point; its log must stay
# empty.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$TMP/www"
printf '<!ENTITY secret "FONDTESTFETCHED">\n' >"$TMP/www/evil.dtd"
(cd "$TMP/www" && exec python3 -m http.server "$port" --bind 127.0.0.1) >"$TMP/www.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
  sleep 0.1
done
: >"$TMP/www.log" # the readiness probe is not fond's

cat >"$col/tesseract-like.hocr" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://127.0.0.1:$port/evil.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><meta name='ocr-system' content='tesseract 5.3.0' /></head>
<body><div class='ocr_page' title='bbox 0 0 100 100'><span class='ocr_line' title='bbox 1 1 90 20'>
<span class='ocrx_word' title='bbox 1 1 40 20; x_wconf 90'>wheelwright</span> <span class='ocrx_word' title='bbox 45 1 90 20'>&secret;</span>
</span></div></body></html>
EOF

cat >"$col/laughs.xml" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE alto [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<alto><Layout><Page><TextBlock><TextLine><String CONTENT="&lol9;"/></TextLine></TextBlock></Page></Layout></alto>
EOF

cat >"$col/passwd.hocr" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<html xmlns="http://www.w3.org/1999/xhtml"><head><meta name='ocr-system' content='evil' /></head>
<body><div class='ocr_page' title='bbox 0 0 100 100'><span class='ocrx_word' title='bbox 1 1 2 2'>&xxe;</span></div></body></html>
EOF

cat >"$col/remote.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE PcGts [ <!ENTITY % remote SYSTEM "http://127.0.0.1:$port/evil.dtd"> %remote; ]>
<PcGts><Page imageWidth="10" imageHeight="10"><TextRegion><TextLine><TextEquiv><Unicode>&secret;</Unicode></TextEquiv></TextLine></TextRegion></Page></PcGts>
EOF

python3 - "$col/deep.xml" <<'EOF'
import sys
depth = 100000
open(sys.argv[1], "w").write("<alto><Layout><Page>" + "<TextBlock>" * depth +
                              "</TextBlock>" * depth + "</Page></Layout></alto>\n")
EOF

python3 - "$col/many-pages.xml" <<'EOF'
import sys
open(sys.argv[1], "w").write("<alto><Layout>" + "<Page WIDTH='9' HEIGHT='9'/>" * 10001 +
                              "</Layout></alto>\n")
EOF

# Over 256 MB: refused before any parse.
{ printf '<?xml version="1.0"?>\n<alto><Layout><Page>'
  head -c $((257 << 20)) /dev/zero | tr '\0' ' '
  printf '</Page></Layout></alto>\n'; } >"$col/huge.xml"

start=$(date +%s)
expect_exit 1 "fond-index finishes, with warnings" "$INDEX" --db "$DB" "$col"
took=$(($(date +%s) - start))
cp "$TMP/err" "$TMP/index.err"
reason "a billion laughs: refused, not expanded" laughs.xml 'ALTO not read: it declares entities .*'
reason "an external entity naming /etc/passwd: refused" passwd.hocr 'hOCR not read: it declares entities .*'
reason "a DTD from the network: refused" remote.xml 'PAGE XML not read: it declares entities .*'
reason "nesting too deep" deep.xml 'ALTO not read: .*([Dd]epth|deep).*'
reason "a huge file" huge.xml 'ALTO not read: XML of 257 MB, more than the 256 MB fond reads'
reason "more pages than fond reads" many-pages.xml 'ALTO not read: over 10000 pages, more than fond reads in one file'
check "nothing was fetched from the network" test ! -s "$TMP/www.log"
check "the run took seconds ($took s)" test "$took" -lt 60
json() { "$SEARCH" --db "$DB" --json "$@" >"$TMP/$1.json" || true; }
json lamplighter
check "the good ALTO is indexed" grep -q 'good.xml' "$TMP/lamplighter.json"
json ropewalk
check "the good text file is indexed" grep -q 'good.txt' "$TMP/ropewalk.json"
json wheelwright
check "hOCR naming the XHTML DTD is read, without fetching it" grep -q 'tesseract-like.hocr' "$TMP/wheelwright.json"
json root
check "no line of /etc/passwd is indexed" bash -c "! grep -q 'root:' '$TMP/root.json'"
json FONDTESTFETCHED
check "no entity of the remote DTD is indexed" bash -c "! grep -q '\"path\"' '$TMP/FONDTESTFETCHED.json'"
check "the summary counts them" grep -q '3 added, 0 updated, 0 removed, 0 unchanged, 6 skipped' "$TMP/out"
rm -f "$col/huge.xml"
finish
