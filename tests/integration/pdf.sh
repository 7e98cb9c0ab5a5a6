# PDFs, scans and pages, end to end.  The fixtures are made here with
# Debian's tools: two-column articles (groff -ms, seeded by pdfgen.py) whose
# pdftotext output has the narrative's damage (words hyphenated at line,
# column and page ends, glued footnote markers, page numbers, a running
# head, footnote text among the columns); a scan (groff's text rendered to
# an image by ghostscript, wrapped as a PDF with no text layer); French,
# German and Portuguese PDFs; a text file with form feeds.  They index in
# one fond-index run; each is found by a word of its text (the scan after
# OCR, French and German by an inflected form), with its pages; the
# archival checks hold for every passage of the articles.
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
col="$TMP/col"
mkdir -p "$col"
export XDG_CACHE_HOME="$TMP/cache" # the OCR cache, this test's own
unset FOND_OCR_CACHE
gen() { python3 "$FOND_SRC/tests/integration/pdfgen.py" "$@"; }

# Articles: three seeds, each its own vocabulary list and footnotes.
seeds=(1 2 3)
for seed in "${seeds[@]}"; do
  mkdir -p "$TMP/art$seed"
  gen article "$seed" "$TMP/art$seed"
  groff -ms -Tpdf "$TMP/art$seed/article.ms" >"$col/article-$seed.pdf"
done
check "an article spans pages" bash -c "[ \$(pdfinfo '$col/article-1.pdf' | awk '/^Pages:/ {print \$2}') -ge 3 ]"
check "... and pdftotext shows its running head" bash -c "pdftotext '$col/article-1.pdf' - | grep -q 'Journal of Caucasian Frontier Studies'"
check "... its page numbers" bash -c "pdftotext '$col/article-1.pdf' - | grep -qx -- '-2-'"
check "... and footnote text among its lines" bash -c "pdftotext '$col/article-1.pdf' - | grep -qE '^(Ibid|[A-Z]+ ?[A-Z]*, )'"

# A scan: text rendered to an image, wrapped as a PDF with no text layer.
printf '.PP\nThe commissioners examined the credentials of the delegation at the frontier station.\n' |
  groff -ms -Tps >"$TMP/scan.ps"
gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfimage8 -r200 -sOutputFile="$col/scan.pdf" "$TMP/scan.ps"
check "the scan has no text layer" bash -c "! pdftotext '$col/scan.pdf' - | grep -q '[a-z]'"

# French (a text header names its title and language: it wins over the
# PDF's Title), German (title, author and date from the PDF's metadata,
# its language identified from its text), Portuguese (identified too).
lang_pdf() { # FILE: groff -ms from standard input, UTF-8, with pdfinfo
  groff -k -ms -mpdf -Tpdf >"$1"
}
lang_pdf "$col/french.pdf" <<'EOF'
.pdfinfo /Title Metadata title
.nf
Title: Le traité de Kars
Language: French
.sp 3
.fi
.PP
Les délégations arrivèrent à Kars le vingt-six septembre. Les négociations furent longues et difficiles, et le traité fut signé le treize octobre.
EOF
lang_pdf "$col/german.pdf" <<'EOF'
.pdfinfo /Title Der Vertrag von Kars
.pdfinfo /Author Hans Becker
.PP
Die Delegationen trafen im September in Kars ein. Die Verhandlungen dauerten mehrere Wochen, bis der Vertrag im Oktober unterzeichnet wurde.
EOF
lang_pdf "$col/portuguese.pdf" <<'EOF'
.PP
As delegações chegaram a Kars em setembro. A fronteira entre os dois países foi traçada pelo tratado de outubro.
EOF
# A text file whose pages are cut by form feeds, a page number at each foot.
# (Each page longer than a passage; passages may still run over a page's
# end.)
session() { # N WORDS: a page of minutes
  local i
  for i in 1 2 3 4 5 6; do
    printf 'At the %s session, item %s, the commission heard the report on %s and the members debated it at length before the vote. ' "$1" "$i" "$2"
  done
  printf '\n\n'
}
{ session first railways; printf '226\n\f'
  session second 'the plenipotentiary questions'; printf '227\n\f'
  session third 'the boundary'; printf '228\n'; } >"$col/minutes.txt"

# And a folder of mail, in the same run.
mkdir "$col/mail"
cat >"$col/mail/telegram.eml" <<'EOF'
From: Karl Radek <radek@example.org>
To: Chicherin <chicherin@example.org>
Subject: The Kars railway convoy
Date: Tue, 27 Sep 1921 10:15:00 +0000
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

The convoy with the delegation's luggage left Alexandropol at dawn; the =
railwaymen expect it at Kars by nightfall.
EOF

"$INDEX" --db "$DB" --verbose "$col" >"$TMP/index.out" 2>"$TMP/index.err"
check "one run indexes them all" grep -q '^9 added' "$TMP/index.out"
check "--verbose says a PDF is a PDF, with its pages" grep -q 'article-1.pdf: pdf, .* pages' "$TMP/index.out"
check "--verbose says the scan was read by OCR" grep -q 'scan.pdf: pdf, .* 1 page (1 by OCR' "$TMP/index.out"
check "--verbose gives the text file's pages" grep -q 'minutes.txt: text, .* 3 pages' "$TMP/index.out"

json() { "$SEARCH" --db "$DB" --json "$@" || true; }
json credentials >"$TMP/scan.json"
check "the scan is found by a word of its text (OCR)" grep -q 'scan.pdf' "$TMP/scan.json"
check "... on its page 1" grep -q '"page_first": 1' "$TMP/scan.json"
json négociation >"$TMP/fr.json"
check "French: 'négociation' finds 'négociations' (French stems)" grep -q 'french.pdf' "$TMP/fr.json"
check "... the text's Title header wins over the PDF's" grep -q '"title": "Le traité de Kars"' "$TMP/fr.json"
json Verhandlung >"$TMP/de.json"
check "German: 'Verhandlung' finds 'Verhandlungen' (German stems)" grep -q 'german.pdf' "$TMP/de.json"
check "... titled by the PDF's Title" grep -q '"title": "Der Vertrag von Kars"' "$TMP/de.json"
json "date:$(date -u +%Y) Vertrag" >"$TMP/de-date.json"
check "... never dated by its CreationDate: the file's date, not the document's" \
  bash -c "! grep -q 'german.pdf' '$TMP/de-date.json'"
check "... whose language was identified: German" grep -q '"language": "german"' "$TMP/de.json"
json fronteiras >"$TMP/pt.json"
check "Portuguese: 'fronteiras' finds 'fronteira' (identified, Portuguese stems)" grep -q 'portuguese.pdf' "$TMP/pt.json"
check "... shown as Portuguese" grep -q '"language": "portuguese"' "$TMP/pt.json"
"$SEARCH" --db "$DB" fronteiras >"$TMP/pt.txt" || true
check "... in the terminal too" grep -q 'in portuguese$' "$TMP/pt.txt"
json 'from:radek railwaymen' >"$TMP/mail.json"
check "the mail message, by a word of its text and its sender" grep -q 'telegram.eml' "$TMP/mail.json"
check "... dated by its Date header" grep -q '"date": "1921-09-27"' "$TMP/mail.json"
json '"plenipotentiary questions"' >"$TMP/minutes.json"
check "a text file's form feeds are pages: page 2" grep -q '"page_first": 2' "$TMP/minutes.json"
check "... with its printed numbers as the label" grep -qE '"page_label": "pp?\. (226-)?227(-228)?"' "$TMP/minutes.json"
check "... which repair took out of the text" no_text_holds "$TMP/minutes.json" '227'
"$SEARCH" --db "$DB" '"plenipotentiary questions"' >"$TMP/minutes.txt" || true
check "the terminal shows the page" grep -qE 'passage [0-9]+, pp?\. (226-)?227(-228)?  [0-9a-f]{16}-[0-9]+$' "$TMP/minutes.txt"

# The archival checks, over every passage of the articles.
"$SEARCH" --db "$DB" --json --limit 1000 'source:article' >"$TMP/articles.json" || true
n=$(jq '.hits | length' "$TMP/articles.json")
check "the articles have passages ($n)" test "$n" -gt 30
jq -r '.hits[].text' "$TMP/articles.json" >"$TMP/articles.txt"
sort -u "$TMP"/art*/words >"$TMP/words"
printf '%s\n' the frontier question seed a historian >>"$TMP/words"
tr -c 'A-Za-z\n' ' ' <"$TMP/articles.txt" | tr 'A-Z ' 'a-z\n' | grep -v '^$' | sort -u |
  grep -vxFf "$TMP/words" >"$TMP/strange-words" || true
check "no broken word in any passage" bash -c "! [ -s '$TMP/strange-words' ] || { cat '$TMP/strange-words' >&2; false; }"
check "no glued footnote marker" bash -c "! grep -oE '[a-z][.,]?[0-9]+' '$TMP/articles.txt'"
check "no running head" bash -c "! grep -q 'Journal of' '$TMP/articles.txt'"
check "no page number" bash -c "! grep -qE -- '-[0-9]+-' '$TMP/articles.txt'"
check "no stranded footnote text" bash -c "! grep -E 'Ibid|[Oo]p\. cit|folio|HR\.SYS|Box [0-9]|Folder|papka|RG [0-9]|Macmillan|Gospolitizdat|Nauka|University Press|vneshney|Diplomatic|FO 371|ll?\. [0-9]' '$TMP/articles.txt'"
notes=$(jq '[.hits[].notes[]] | length' "$TMP/articles.json")
check "footnotes kept with their passages ($notes)" test "$notes" -gt 10

# Pages: each passage's first words stand on the pages it says (in
# pdftotext's text less its page furniture); a page
# that prints its number is cited by it (groff -ms prints none on page 1).
pages_ok=1 labels_ok=1
while IFS=$'\t' read -r path first last label words; do
  [ "$label" = - ] && label=""
  raw=$(pdftotext -f "$first" -l "$last" "$path" - | tr '\f' '\n' |
        grep -vE '^(Journal of .*|-[0-9]+-|[0-9]+|)$' | tr '\n' ' ' | sed 's/- //g; s/  */ /g')
  [ "$first" -eq "$last" ] || words=${words%% *} # its first word, then
  case "$raw" in *"$words"*) ;; *) pages_ok=0; echo "not on pages $first-$last of $path: $words" >&2 ;; esac
  if [ "$first" -eq "$last" ] && [ "$first" -ge 2 ]; then want="p. $first"
  elif [ "$first" -ge 2 ]; then want="pp. $first-$last"; else want=""; fi
  [ "$first" -eq 1 ] && [ "$last" -ge 2 ] && want="p. $last"
  [ "$label" = "$want" ] || { labels_ok=0; echo "page $first-$last labelled '$label', not '$want'" >&2; }
done < <(jq -r '.hits[] | [.path, .page_first, .page_last,
                 (.page_label | if . == "" then "-" else . end),
                 (.text | gsub("[\\n ]+"; " ") | split(" ")[0:2] | join(" "))] | @tsv' \
            "$TMP/articles.json")
check "every passage's first words are on its pages" test "$pages_ok" -eq 1
check "every passage is cited by its printed page numbers" test "$labels_ok" -eq 1

# The OCR cache: the same scan in a new database runs no OCR; --no-ocr
# skips it, and says why.
"$INDEX" --db "$TMP/db2" --verbose "$col/scan.pdf" >"$TMP/again.out" 2>&1
check "an unchanged scan is not read by OCR again (cache)" grep -q '1 page (0 by OCR, 1 from the OCR cache' "$TMP/again.out"
json --db "$TMP/db2" credentials >"$TMP/scan2.json"
check "... and found the same" grep -q 'scan.pdf' "$TMP/scan2.json"
expect_exit 1 "--no-ocr: the scan is not indexed" "$INDEX" --db "$TMP/db3" --no-ocr "$col/scan.pdf"
check "... reported as having no text layer" grep -q 'scan.pdf: no text layer' "$TMP/err"
expect_exit 2 "--ocr-language refuses a language it cannot read" "$INDEX" --db "$TMP/db4" --ocr-language klingon "$col/scan.pdf"
check "... and names it" grep -q "klingon" "$TMP/err"

# The page in a browser's eyes: fond.cgi shows the page of a hit.
start_web "$DB"
code=$(fetch minutes 'q=%22plenipotentiary+questions%22')
check "fond.cgi answers" test "$code" = 200
check "fond.cgi shows the page" grep -qE '<span class="page">pp?\. (226-)?227(-228)?</span>' "$TMP/minutes.body"
finish
