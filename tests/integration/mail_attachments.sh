# Mail attachments: a message made here with a PDF of two pages attached,
# a text file, an image of a few words (read by OCR), a damaged PDF and a
# file of a type fond does not read; another with a Word file and an
# OpenDocument text (pandoc, each with a footnote 1) and a web page: each
# file's footnote is its own passage's, and no file's text is taken for
# another's note.  Each readable attachment's words are
# found as passages of the message, each hit naming its attachment (and
# the attachment's own page); the message's body is still found, and no
# passage holds both the body's words and an attachment's; the damaged and
# unknown ones are reported with a reason.  Then messages that would cost
# much: an attachment over the size limit, a PDF whose stream inflates to
# over 1 GiB, 900 tiny attachments and 10,000: each costs bounded time and
# memory, and the messages' bodies are found.
source "$(dirname "$0")/common.bash"
command -v groff >/dev/null && command -v convert >/dev/null || exit 77
export OMP_THREAD_LIMIT=1
m="$TMP/mail"
mkdir -p "$m" "$TMP/big"

# (each page a passage of its own: long enough to be one)
filler=$(for i in $(seq 1 40); do printf 'The field team counted the animals of the lower valley. '; done)
printf '.LP\nThe capybara census covered the northern marshes in spring. %s\n.bp\n.LP\n%s The axolotl survey followed in the autumn months.\n' "$filler" "$filler" |
  groff -ms -Tpdf >"$TMP/report.pdf"
convert -size 900x140 xc:white -font DejaVu-Serif -pointsize 44 -fill black \
  -annotate +30+90 'Lighthouse keeper ledger' "$TMP/scan.png"
python3 "$FOND_SRC/tests/integration/pdfgen.py" damaged "$TMP/broken.pdf"
head -c 3000 /dev/urandom >"$TMP/archive.zip"

# part TYPE NAME FILE: a base64 attachment of the file.
part() {
  printf -- '--mix\nContent-Type: %s; name="%s"\n' "$1" "$2"
  printf 'Content-Disposition: attachment; filename="%s"\nContent-Transfer-Encoding: base64\n\n' "$2"
  base64 <"$3"
}
head_of() { # SUBJECT
  printf 'From: Ruth Kane <ruth@example.org>\nTo: desk@example.org\n'
  printf 'Subject: %s\nDate: Wed, 3 Mar 2021 10:00:00 +0000\n' "$1"
  printf 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="mix"\n\n'
  printf -- '--mix\nContent-Type: text/plain; charset=utf-8\n\n'
}
{
  head_of 'Survey reports'
  printf 'The pangolin count is in the files attached.\n'
  part application/pdf report.pdf "$TMP/report.pdf"
  printf -- '--mix\nContent-Type: text/plain; charset=ISO-8859-1; name="notes.txt"\n'
  printf 'Content-Disposition: attachment; filename="notes.txt"\nContent-Transfer-Encoding: base64\n\n'
  printf 'The tapir count rose near the caf\xe9 by the river.\n' | base64
  part image/png scan.png "$TMP/scan.png"
  part application/pdf broken.pdf "$TMP/broken.pdf"
  part application/zip archive.zip "$TMP/archive.zip"
  printf -- '--mix--\n'
} >"$m/survey.eml"
# An mbox: its second message has a text file and a damaged PDF attached.
{
  printf 'From ruth@example.org Wed Mar  3 10:00:00 2021\n'
  head_of 'First of the box'
  printf 'The numbat came first.\n--mix--\n\n'
  printf 'From ruth@example.org Thu Mar  4 10:00:00 2021\n'
  head_of 'Second of the box'
  printf 'The bilby came second.\n'
  printf -- '--mix\nContent-Type: text/plain\nContent-Disposition: attachment; filename="minutes.txt"\n\n'
  printf 'The quokka minutes were read.\n'
  part application/pdf bad.pdf "$TMP/broken.pdf"
  printf -- '--mix--\n\n'
} >"$m/box.mbox"

# Office files with footnotes, and a web page after them.
if command -v pandoc >/dev/null; then
  printf -- '# Ardahan\n\nThe okapi report from Ardahan.[^1]\n\n[^1]: GARF, f. 130, op. 5, d. 12.\n' >"$TMP/r.md"
  pandoc "$TMP/r.md" -o "$TMP/r.docx"
  printf -- '# Kars\n\nThe gerenuk report from Kars.[^1]\n\n[^1]: AVP RF, f. 04, op. 32, d. 5.\n' >"$TMP/s.md"
  pandoc "$TMP/s.md" -o "$TMP/s.odt"
  printf '<html><head><title>Page</title></head><body><nav>menu</nav><p>The dikdik page.</p></body></html>' >"$TMP/p.html"
  {
    head_of 'Office files'
    printf 'The wombat letter.\n'
    part application/vnd.openxmlformats-officedocument.wordprocessingml.document r.docx "$TMP/r.docx"
    part application/vnd.oasis.opendocument.text s.odt "$TMP/s.odt"
    part text/html p.html "$TMP/p.html"
    printf -- '--mix--\n'
  } >"$m/office.eml"
fi

got=0
"$INDEX" --db "$TMP/db" -v "$m" >"$TMP/out" 2>"$TMP/err" || got=$?
cat "$TMP/out" "$TMP/err"
check "fond-index finishes (exit 0, got $got)" [ "$got" -eq 0 ]
check "three attachments read" grep -q 'survey.eml: email, 3 attachments read' "$TMP/out"
check "an mbox counts its messages' attachments" grep -q 'box.mbox: mbox, 2 messages, 1 attachment read' "$TMP/out"
check "an mbox's damaged attachment is reported as its message's" \
  grep -qE 'box.mbox#2: attachment bad.pdf: .+, skipped' "$TMP/err"
check "the damaged PDF is reported, with a reason" \
  grep -qE 'survey.eml: attachment broken.pdf: .+, skipped' "$TMP/err"
check "the zip is reported as a type fond does not read" \
  grep -qE 'survey.eml: attachment archive.zip: application/zip, a type fond does not read, skipped' "$TMP/err"

search() { "$SEARCH" --db "$TMP/db" --json "$@" >"$TMP/hits" || true; }
field_is() { every_field_is "$TMP/hits" "$1" "$2"; }

search capybara
check "a PDF attachment's words are found" field_is attachment '"report.pdf"'
check "... as a passage of its message" field_is title '"Survey reports"'
check "... on the attachment's first page" field_is page_first '1,'
search axolotl
check "its second page is the attachment's page 2" field_is page_first '2,'
check "... by the number printed on it, read from the attachment's pages alone" \
  field_is page_label '"p. 2"'
check "the citation names the attachment and its page" \
  grep -q '"text": "“Survey reports”, Ruth Kane .*, attachment report.pdf, p. 2\."' "$TMP/hits"
check "... as its parts do" grep -q '"attachment": "report.pdf", "cites": ' "$TMP/hits"
search tapir
check "a text attachment (Latin-1) is found" field_is attachment '"notes.txt"'
check "... decoded by its charset" texts_hold "$TMP/hits" 'café'
check "... with no pages" field_is page_first 'null'
search lighthouse
check "an image attachment is read by OCR" field_is attachment '"scan.png"'
search quokka
check "an attachment of an mbox's message is found with that message" field_is path '"[^"]*box.mbox#2"'
check "... naming it" field_is attachment '"minutes.txt"'
search pangolin
check "the message's own body is still found" field_is attachment '""'
check "... and holds no attachment's words" no_text_holds "$TMP/hits" 'capybara|tapir|axolotl|ighthouse'
search capybara
check "an attachment's passage holds none of the body's" no_text_holds "$TMP/hits" 'pangolin|tapir'
search broken.pdf
check "a skipped attachment's name still finds its message" field_is title '"Survey reports"'
"$SEARCH" --db "$TMP/db" axolotl >"$TMP/term" || true
if [ -f "$m/office.eml" ]; then
  search okapi
  check "a Word attachment's words are found" field_is attachment '"r.docx"'
  check "... with its footnote as its passage's note" grep -q 'GARF, f. 130, op. 5, d. 12' "$TMP/hits"
  search gerenuk
  check "an OpenDocument attachment's words are found" field_is attachment '"s.odt"'
  check "... with its own footnote, numbered past the Word file's" grep -q '"number": 2' "$TMP/hits"
  check "... citing its own reference" grep -q 'AVP RF, f. 04, op. 32, d. 5' "$TMP/hits"
  search dikdik
  check "the web page after them is a passage of its own, not a note" field_is attachment '"p.html"'
  check "... without its navigation" no_text_holds "$TMP/hits" 'menu'
fi

check "the terminal names the attachment and its page" \
  grep -qE 'Survey reports, passage [0-9]+, attachment report.pdf, p\. 2( |$)' "$TMP/term"
FOND_DB="$TMP/db" REQUEST_METHOD=GET QUERY_STRING='q=axolotl' \
  "$FOND_BIN/fond.cgi" >"$TMP/page" 2>&1 || true
check "the page names the attachment and its page" \
  grep -q '<span class="page">attachment report.pdf, p. 2</span>' "$TMP/page"

# Costly messages, each with a body word of its own.
python3 "$FOND_SRC/tests/integration/pdfgen.py" bomb "$TMP/bomb.pdf" 1100
{
  head_of 'Huge one'
  printf 'The okapi note.\n'
  printf -- '--mix\nContent-Type: application/pdf\nContent-Disposition: attachment; filename="huge.pdf"\nContent-Transfer-Encoding: base64\n\n'
  { printf '%%PDF-1.4\n'; head -c $((40 << 20)) /dev/zero; } | base64
  part application/pdf bomb.pdf "$TMP/bomb.pdf"
  printf -- '--mix--\n'
} >"$TMP/big/huge.eml"
many() { # N SUBJECT WORD
  head_of "$2"
  printf 'The %s note.\n' "$3"
  for i in $(seq 1 "$1"); do
    printf -- '--mix\nContent-Type: text/plain\nContent-Disposition: attachment; filename="n%d.txt"\n\nsmall %d\n' "$i" "$i"
  done
  printf -- '--mix--\n'
}
many 900 'Many' gerenuk >"$TMP/big/many.eml"
many 10000 'Too many' dikdik >"$TMP/big/toomany.eml"

start=$(date +%s)
got=0
/usr/bin/time -f '%M' -o "$TMP/rss" "$INDEX" --db "$TMP/db2" -v "$TMP/big" >"$TMP/out" 2>"$TMP/err" || got=$?
took=$(( $(date +%s) - start ))
cat "$TMP/out" "$TMP/err"
rss=$(tail -1 "$TMP/rss")
echo "indexed in ${took}s, at most ${rss} KiB resident"
check "the costly messages take bounded time ($took s)" [ "$took" -le 60 ]
check "... and bounded memory ($rss KiB)" [ "$rss" -le $((600 * 1024)) ]
check "an attachment over 32 MiB is reported" \
  grep -qE 'huge.eml: attachment huge.pdf: over 32 MiB, skipped' "$TMP/err"
check "a PDF bomb attached is reported" \
  grep -qE 'huge.eml: attachment bomb.pdf: .*(bomb|inflate|GiB).*, skipped' "$TMP/err"
check "attachments past 100 are reported, as one" \
  grep -qE 'many.eml: attachment n101.txt: the first of 800 attachments past the first 100 of the message, not read, skipped' "$TMP/err"
check "10,000 parts refuse the message" grep -q 'toomany.eml: more than 1000 MIME parts' "$TMP/err"
"$SEARCH" --db "$TMP/db2" --json okapi >"$TMP/hits" || true
check "the huge one's body is found" field_is title '"Huge one"'
"$SEARCH" --db "$TMP/db2" --json gerenuk >"$TMP/hits" || true
check "the many's body is found" field_is title '"Many"'
"$SEARCH" --db "$TMP/db2" --json '"small 100"' >"$TMP/hits" || true
check "... and its hundredth attachment" field_is attachment '"n100.txt"'
finish
