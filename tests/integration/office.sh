# Everyday files as sources: a DOCX and an ODT made here by pandoc from one
# markdown file (a title, author and date block, headings, a table, two
# footnotes cited far apart), a DOCX whose first lines are "Title: x" and
# "Encoding: x", and a
# hand-written HTML page with a header, a nav, an aside, a footer, a
# script, a style and metas.  Each is known by its content (its name says
# nothing: the files are named .bin), its fields are what the format
# states, its text is the words without markup or boilerplate, its notes
# belong to the passage that cites them.  Then hostile files among good
# ones: zip bombs (a part stating a huge size, one stating a tiny size and
# inflating to 100 MB), a zip of 20000 entries, a billion laughs and an
# external entity in a DOCX part and in an HTML doctype, elements nested
# too deep, a truncated zip, a DOCX with no document and an ODT with no
# content: each reported with its reason and skipped, the rest indexed.
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
col="$TMP/col"
mkdir -p "$col"

# Words that make passages long (seeded): a note cited in the first
# paragraph and one cited three passages later belong to different
# passages.
filler=$(python3 -c '
import random
r = random.Random(28)
words = "harbour ledger customs vessel cargo tariff quay registry".split()
print(" ".join(" ".join(r.choice(words) for _ in range(12)) + "." for _ in range(40)))')

cat >"$TMP/paper.md" <<EOF
---
title: The Kittiwake Correspondence
author: Amelia Quarrington
date: 1921-07-03
---

# Opening of the Inquiry

The kittiwake colony was counted at Kars.[^1] The count was disputed.

## Harbour Records

| Register | Entry |
|----------|-------|
| puffinry | tollbooth |

$filler

The guillemot ledger closes the file.[^2]

[^1]: Cited from the Ornithological Archive, box nine.
[^2]: Endorsed by the harbourmaster in red ink.
EOF
pandoc "$TMP/paper.md" -s -o "$TMP/paper.docx"
pandoc "$TMP/paper.md" -s -o "$TMP/paper.odt"
cp "$TMP/paper.docx" "$col/word-paper.bin"
cp "$TMP/paper.odt" "$col/open-paper.bin"

# A DOCX whose first lines look like fond's own header.
printf 'Title: Forged Heading\\\nEncoding: martian-8\n\nThe cormorant paragraph follows.\n' >"$TMP/forged.md"
pandoc "$TMP/forged.md" -o "$col/forged.docx"

cat >"$col/saved-page.bin" <<'EOF'
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Seabird Society &mdash; The Albatross Letter</title>
<meta name="DC.title" content="The Albatross Letter">
<meta name="author" content="Mary Quillfeather">
<meta property="article:published_time" content="1921-07-03T09:00:00Z">
<meta name="description" content="A letter about the petrels of Kerguelen.">
<meta name="DC.rights" content="Public domain">
<style>.sitebanner { color: red }</style>
<script>var trackingpixel = "spyware";</script>
</head>
<body>
<header><a href="/">Home</a> <span>sitebanner</span></header>
<nav><ul><li><a href="/a">archivemenu</a></li><li>contactlink</li></ul></nav>
<main><article>
<header><h1>The Albatross Letter</h1><p>By Mary Quillfeather</p></header>
<p>Dear Sir, the albatross circled the ship &amp; the crew &eacute;tait amazed.</p>
<h2>Second Heading</h2>
<p>Title: not a header line</p>
<table><tr><td>petrel</td><td>shearwater</td></tr></table>
</article></main>
<aside>sidebarpromo</aside>
<footer>copyrightfooter 2024</footer>
<div role="navigation">rolenavlink</div>
</body>
</html>
EOF

# A DOCX written by hand as Word writes one: an endnote beside a footnote,
# a tracked deletion, a field code, a drawing's two renderings (mc:Choice
# and mc:Fallback), a cell of two paragraphs.  And an ODT: a note, a table
# of contents repeating a heading, a tracked deletion, text:s spaces.
python3 - "$col" <<'PY'
import sys, zipfile
col = sys.argv[1] + "/"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
def t(s): return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % s
types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
  '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
  '<Override PartName="/word/endnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"/>'
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>')
doc = ('<w:document %s %s><w:body>' % (W, MC) +
  '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>' + t("Narwhal Survey") + '</w:p>'
  '<w:p>' + t("The narwhal count ") + '<w:del><w:r><w:delText>retractedword </w:delText></w:r></w:del>'
  + t("was revised.") + '<w:r><w:footnoteReference w:id="2"/></w:r>'
  + t(" The walrus count followed.") + '<w:r><w:endnoteReference w:id="5"/></w:r>'
  '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGEREF fieldcodeword </w:instrText></w:r>'
  '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
  '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:txbxContent><w:p>' + t("Boxedtext") +
  '</w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p>' + t("Boxedtext") +
  '</w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>'
  '<w:tbl><w:tr><w:tc><w:p>' + t("cellone") + '</w:p><w:p>' + t("celltwo") + '</w:p></w:tc>'
  '<w:tc><w:p>' + t("cellthree") + '</w:p></w:tc></w:tr></w:tbl>'
  '</w:body></w:document>')
notes = lambda kind: ('<w:%ss %s><w:%s w:type="separator" w:id="-1"><w:p>' % (kind, W, kind) +
  t("separatorword") + '</w:p></w:%s>' % kind)
foot = notes("footnote") + '<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>' + \
  t(" Counted from the whaling logbook.") + '</w:p></w:footnote></w:footnotes>'
end = notes("endnote") + '<w:endnote w:id="5"><w:p><w:r><w:endnoteRef/></w:r>' + \
  t(" Walrus tallies kept by the harbour office.") + '</w:p></w:endnote></w:endnotes>'
core = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
  '<dc:title>Narwhal Survey Notes</dc:title><dc:creator>Ingrid Solvang</dc:creator>'
  '<dcterms:created>1952-04-17T08:00:00Z</dcterms:created></cp:coreProperties>')
with zipfile.ZipFile(col + "narwhal.docx", "w", zipfile.ZIP_DEFLATED) as z:
    for n, c in [("[Content_Types].xml", types), ("word/document.xml", doc),
                 ("word/footnotes.xml", foot), ("word/endnotes.xml", end),
                 ("docProps/core.xml", core)]:
        z.writestr(n, c)
T = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
     'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
content = ('<office:document-content %s><office:body><office:text>' % T +
  '<text:tracked-changes><text:changed-region><text:deletion><text:p>deletedodtword</text:p>'
  '</text:deletion></text:changed-region></text:tracked-changes>'
  '<text:table-of-content><text:index-body><text:p>Seal Register 1</text:p></text:index-body></text:table-of-content>'
  '<text:h text:outline-level="1">Seal Register</text:h>\n  '
  '<text:p>The seal<text:s text:c="3"/>colony grew.<text:note text:note-class="endnote">'
  '<text:note-citation>i</text:note-citation><text:note-body><text:p>From the rookery census.</text:p>'
  '</text:note-body></text:note></text:p></office:text></office:body></office:document-content>')
with zipfile.ZipFile(col + "seals.odt", "w") as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    z.writestr("content.xml", content)
PY

# ---- hostile files, made here
python3 - "$col" <<'EOF'
import io, struct, sys, zipfile
col = sys.argv[1] + "/"
types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
         'package/2006/content-types"><Override PartName="/word/document.xml" '
         'ContentType="application/vnd.openxmlformats-officedocument.'
         'wordprocessingml.document.main+xml"/></Types>')
def document(body):
    return ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.'
            'openxmlformats.org/wordprocessingml/2006/main"><w:body>' + body +
            '</w:body></w:document>')
def docx(name, parts, stored=False):
    with zipfile.ZipFile(col + name, "w", zipfile.ZIP_STORED if stored
                         else zipfile.ZIP_DEFLATED) as z:
        for n, c in parts:
            z.writestr(n, c)
def bomb(mb):
    """word/document.xml of mb MB of spaces, inflated from a few hundred KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(b'<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>')
            for _ in range(mb):
                f.write(b" " * (1 << 20))
            f.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return bytearray(out.getvalue())
open(col + "bomb.docx", "wb").write(bomb(200))
# the same, its headers saying the part is 10 bytes
b = bomb(100)
i = b.find(b"word/document.xml")
while i != -1:
    if b[i - 30:i - 26] == b"PK\x03\x04":
        struct.pack_into("<I", b, i - 30 + 22, 10)
    elif b[i - 46:i - 42] == b"PK\x01\x02":
        struct.pack_into("<I", b, i - 46 + 24, 10)
    i = b.find(b"word/document.xml", i + 1)
open(col + "liar.docx", "wb").write(b)
with zipfile.ZipFile(col + "entries.docx", "w") as z:
    z.writestr("[Content_Types].xml", types)
    z.writestr("word/document.xml", document("<w:p><w:r><w:t>x</w:t></w:r></w:p>"))
    for k in range(20000):
        z.writestr("x/%d" % k, "")
docx("laughs.docx", [("[Content_Types].xml", types), ("word/document.xml",
     '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
     '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="x">'
     '<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>')])
docx("external.docx", [("[Content_Types].xml", types), ("word/document.xml",
     '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
     '<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>'
     '</w:body></w:document>')])
docx("deep.docx", [("[Content_Types].xml", types), ("word/document.xml",
     document("<w:sdt>" * 1000 + "<w:p><w:r><w:t>deep</w:t></w:r></w:p>" +
              "</w:sdt>" * 1000))])
docx("nodocument.docx", [("[Content_Types].xml", types), ("word/styles.xml", "<x/>")])
with zipfile.ZipFile(col + "nocontent.odt", "w") as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    z.writestr("meta.xml", "<office:document-meta xmlns:office='x'/>")
whole = io.BytesIO()
with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", types)
    z.writestr("word/document.xml",
               document("<w:p><w:r><w:t>whole text</w:t></w:r></w:p>" * 50))
open(col + "truncated.docx", "wb").write(whole.getvalue()[:300])
open(col + "laughs.html", "w").write(
    '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    '<html><body><p>&b;&b;</p></body></html>')
open(col + "deep.html", "w").write(
    "<!DOCTYPE html><html><body>" + "<div>" * 5000 + "deep" + "</div>" * 5000 +
    "</body></html>")
EOF

# search WORDS: fond-search --json (its exit 1 when nothing is found is
# what some checks want).
search() { "$SEARCH" --db "$DB" --json "$@" || true; }

status=0
"$INDEX" --db "$DB" --verbose "$col" >"$TMP/index.out" 2>"$TMP/index.err" || status=$?
check "fond-index says some files were skipped (exit 1)" test "$status" -eq 1
check "--verbose: the DOCX is DOCX, whatever its name" grep -q 'word-paper.bin: docx' "$TMP/index.out"
check "... the ODT is ODT" grep -q 'open-paper.bin: odt' "$TMP/index.out"
check "... the page is HTML" grep -q 'saved-page.bin: html' "$TMP/index.out"
check "... the DOCX's two footnotes are notes" grep -q 'word-paper.bin: docx, .* 2 notes' "$TMP/index.out"
check "... the ODT's too" grep -q 'open-paper.bin: odt, .* 2 notes' "$TMP/index.out"

# ---- DOCX and ODT: fields, text, headings, notes
for f in word-paper.bin open-paper.bin; do
  search "kittiwake" >"$TMP/k.json"
  hit() { jq -r --arg p "$col/$f" ".hits[] | select(.path == \$p) | $1" "$TMP/k.json"; }
  check "$f: found by a word of its text" test "$(hit .path)" = "$col/$f"
  check "$f: its title is the document's" test "$(hit .title)" = "The Kittiwake Correspondence"
  check "$f: its creator the author" test "$(hit .creator)" = "Amelia Quarrington"
  check "$f: its date the one stated" test "$(hit .date)" = "1921-07-03"
  check "$f: its heading kept, before its paragraph" \
    grep -q 'Opening of the Inquiry The kittiwake colony' <(hit .text)
  check "$f: no markup in its text" test -z "$(hit .text | grep -E '<|w:t|text:p|xmlns')"
  check "$f: the first footnote is a note of the passage that cites it" \
    test "$(hit '.notes[].text')" = "Cited from the Ornithological Archive, box nine."
  search "puffinry" >"$TMP/t.json"
  check "$f: its table's cells text, in order" \
    grep -qE 'Harbour Records Register.Entry puffinry.tollbooth' \
    <(jq -r --arg p "$col/$f" '.hits[] | select(.path == $p) | .text' "$TMP/t.json")
  search "guillemot" >"$TMP/g.json"
  check "$f: the second note belongs to the passage that cites it" \
    test "$(jq -r --arg p "$col/$f" '.hits[] | select(.path == $p) | .notes[].text' "$TMP/g.json")" = \
         "Endorsed by the harbourmaster in red ink."
  search "ornithological" >"$TMP/o.json"
  check "$f: a note's words find the passage that cites it, not a passage of notes" \
    test "$(jq -r --arg p "$col/$f" '[.hits[] | select(.path == $p) | .text] | map(test("kittiwake")) | all' "$TMP/o.json")" = true
done

search "cormorant" >"$TMP/f.json"
check "a DOCX's first line 'Title: x' is text, not fond's header" \
  test "$(jq -r '.hits[0].title' "$TMP/f.json")" != "Forged Heading"
check "... and stays in its text" grep -q 'Title: Forged Heading' <(jq -r '.hits[0].text' "$TMP/f.json")
check "... as does a line 'Encoding: x' (no encoding to decode it from)" \
  grep -q 'Encoding: martian-8' <(jq -r '.hits[0].text' "$TMP/f.json")

# ---- hand-written DOCX and ODT
search narwhal >"$TMP/n.json"
nar() { jq -r '.hits[] | select(.path | endswith("narwhal.docx")) | '"$1" "$TMP/n.json"; }
check "DOCX: core properties: title, creator, created" \
  test "$(nar '[.title, .creator, .date] | join("|")')" = "Narwhal Survey Notes|Ingrid Solvang|1952-04-17"
check "DOCX: a footnote and an endnote, both notes of the passage citing them" \
  test "$(nar '[.notes[].text] | join("|")')" = "Counted from the whaling logbook.|Walrus tallies kept by the harbour office."
check "DOCX: the text as it reads, a text box once, a cell's paragraphs joined" \
  test "$(nar .text)" = $'Narwhal Survey The narwhal count was revised. The walrus count followed.\n\nBoxedtext cellone celltwo\tcellthree'
for word in retractedword fieldcodeword separatorword deletedodtword; do
  check "deleted text, field codes and separators not indexed ($word)" \
    test "$(search "$word" | jq '.hits | length')" = 0
done
search seal >"$TMP/s.json"
check "ODT: its note a note of the passage citing it" \
  test "$(jq -r '.hits[] | select(.path | endswith("seals.odt")) | .notes[].text' "$TMP/s.json")" = "From the rookery census."
check "ODT: spaces kept, the table of contents left out" \
  test "$(jq -r '.hits[] | select(.path | endswith("seals.odt")) | .text' "$TMP/s.json")" = "Seal Register The seal colony grew."

# ---- HTML: fields, text without markup or boilerplate
search "albatross" >"$TMP/h.json"
page() { jq -r --arg p "$col/saved-page.bin" ".hits[] | select(.path == \$p) | $1" "$TMP/h.json"; }
check "HTML: found by a word of its text" test "$(page .path)" = "$col/saved-page.bin"
check "HTML: its title the Dublin Core title" test "$(page .title)" = "The Albatross Letter"
check "HTML: its creator the author meta" test "$(page .creator)" = "Mary Quillfeather"
check "HTML: its date article:published_time's" test "$(page .date)" = "1921-07-03"
check "HTML: its rights DC.rights" test "$(page .rights)" = "Public domain"
check "HTML: no tag in its text" test -z "$(page .text | grep -E '<|>')"
check "HTML: entities decoded" grep -q 'ship & the crew était amazed' <(page .text)
check "HTML: the article's own header kept" grep -q 'By Mary Quillfeather' <(page .text)
check "HTML: its heading kept, after the paragraph before it" \
  grep -q 'amazed\.\\n\\nSecond Heading Title: not a header line' <(page .text | jq -Rs .)
check "HTML: its description found, first" grep -q '^A letter about the petrels of Kerguelen' <(page .text)
for word in sitebanner archivemenu contactlink spyware trackingpixel sidebarpromo \
            copyrightfooter rolenavlink color; do
  search "$word" >"$TMP/b.json"
  check "HTML: boilerplate, script and style not indexed ($word)" \
    test "$(jq '[.hits[] | select(.path | endswith("saved-page.bin"))] | length' "$TMP/b.json")" = 0
done

# ---- hostile files: reported, skipped
reason "a part stating a huge size: a zip bomb" "$col/bomb.docx" 'zip bomb: its word/document.xml says it inflates to 200 MB[^,]*'
reason "a part lying about its size, inflating to 100 MB: a zip bomb" "$col/liar.docx" 'zip bomb: its word/document.xml inflates to over [0-9]+ MB \(the file is [0-9]+ KB\)'
reason "20000 entries" "$col/entries.docx" 'zip of 20002 entries, more than the 10000 fond reads[^,]*'
reason "a billion laughs in a DOCX part" "$col/laughs.docx" 'word/document.xml: it declares entities[^,]*'
reason "an external entity in a DOCX part" "$col/external.docx" 'word/document.xml: it declares entities[^,]*'
reason "elements nested too deep" "$col/deep.docx" 'word/document.xml: elements nested too deep'
reason "a DOCX with no document" "$col/nodocument.docx" 'not a whole DOCX: it has no word/document.xml[^,]*'
reason "an ODT with no content" "$col/nocontent.odt" 'not a whole ODT: it has no content.xml'
reason "a truncated zip" "$col/truncated.docx" 'damaged zip: [^,]*'
reason "an HTML page declaring entities" "$col/laughs.html" 'it declares entities[^,]*'
reason "an HTML page nested too deep" "$col/deep.html" 'elements nested too deep'
check "nothing of /etc/passwd indexed" test "$(search root | jq '.hits | length')" = 0
check "the good files all indexed" grep -qE '^6 added' "$TMP/index.out"

[ "$failures" -eq 0 ]
