#!/usr/bin/env bash
# The language OCR reads in.  Scans made here with ImageMagick (DejaVu
# Serif has Latin accents and Cyrillic): a French, a German, a Russian, a
# Turkish and an English page, each wrapped as a PDF with no text layer,
# and the Russian one as a poor scan in a PNG too.  Without --ocr-language
# each is read in its own language (words Tesseract's English misreads,
# "garçon", "Straße", "Москву", "şehrin", are found; `language` right in
# --json); an English scan costs one Tesseract run, as before; a catalogue
# row's language chooses with no first pass; a source of several pages
# chooses once, and so does a folder of page images; the OCR cache keeps
# each reading by its language;
# --ocr-language takes Tesseract's codes (deu+eng, fra) and fond's names
# (français); a pack not installed is refused, naming its Debian package.
source "$(dirname "$0")/common.bash"
export OMP_THREAD_LIMIT=1
IM=$(command -v convert-im6.q16 || command -v convert)

# page NAME LINE1 LINE2 LINE3: NAME.png, three lines of DejaVu Serif.
page() {
  "$IM" -size 1400x320 xc:white -font DejaVu-Serif -pointsize 36 -fill black \
    -annotate +50+80 "$2" -annotate +50+150 "$3" -annotate +50+220 "$4" \
    -colorspace Gray -depth 8 "$TMP/$1.png"
}
# scan PDF NAME...: NAME.png... as a PDF, a page each, images and no text
# layer.
scan() {
  local pdf=$1 pgms=() n; shift
  for n in "$@"; do
    "$IM" "$TMP/$n.png" -colorspace Gray -depth 8 "$TMP/$n.pgm"
    pgms+=("$TMP/$n.pgm")
  done
  python3 "$FOND_SRC/tests/integration/pdfgen.py" scan "$pdf" 200 "${pgms[@]}"
}

col="$TMP/col"
mkdir -p "$col/known"
page fr "Le garçon a reçu une lettre de sa sœur." "Cette œuvre était née du cœur de Noël" \
  "à la forêt, près de l'école française."
page de "Die Straße führt über den großen Fluss." "Wir schreiben einen Brief an die Behörde" \
  "und warten auf die Antwort der Ämter."
page ru "Письмо было отправлено в Москву." "Мы ждём ответа от городского совета" \
  "и просим сообщить нам решение."
page en "The letter was sent to the council." "We are waiting for an answer from the" \
  "office and ask for its decision soon."
page tr "Mektup şehrin valisine gönderildi." "Görüşmeler üç gün sürdü ve çözüm" \
  "bulunamadı, ağır şartlar kaldı."
for l in fr de ru en tr; do scan "$col/$l.pdf" "$l"; done
# and the Russian page as a poor scan (bench/ocr's damage: turned, blurred,
# noise, thresholded), a PNG file
"$IM" "$TMP/ru.png" -seed 11 -background white -rotate -0.7 -blur 0x0.9 \
  -attenuate 0.5 +noise Gaussian -attenuate 0.03 +noise Impulse -resize 90% \
  -threshold 50% "$col/ru-page.png"
cp "$col/ru.pdf" "$col/known/letter.pdf"
printf 'file,language\nletter.pdf,Russian\n' >"$col/known/fond-catalogue.csv"
check "the scans have no text layer" bash -c "! pdftotext '$col/fr.pdf' - | grep -q '[a-z]'"

# A tesseract that logs each run (its arguments) and runs the real one.
mkdir -p "$TMP/bin"
cat >"$TMP/bin/tesseract" <<EOF
#!/bin/sh
printf '%s\n' "\$*" >>"$TMP/tesseract.log"
exec $(command -v tesseract) "\$@"
EOF
chmod +x "$TMP/bin/tesseract"
runs() { grep -vc -- '--list-langs' "$TMP/tesseract.log" || true; }

# json_of WORD: the --json hits for WORD in $DB.
DB="$TMP/db"
json_of() { "$SEARCH" --db "$DB" --json "$1" || true; }

# Without --ocr-language: each source in its own language.
: >"$TMP/tesseract.log"
PATH="$TMP/bin:$PATH" "$INDEX" --db "$DB" --ocr-cache "$TMP/cache" --verbose --json \
  "$col" >"$TMP/index.json" 2>"$TMP/index.err" || true
check "the scans are indexed" grep -q '"added": 7' "$TMP/index.json"
json_of 'Москву' >"$TMP/ru.json"
check "the Russian scan is read in Cyrillic: 'Москву' found" grep -q '"path": ".*/ru.pdf"' "$TMP/ru.json"
check "... in Russian" grep -q '"language": "russian"' "$TMP/ru.json"
check "... and the poor scan of it, a PNG, too" grep -q '"path": ".*/ru-page.png"' "$TMP/ru.json"
# (A search folds accents: Tesseract's English reading "garcon", "foret"
# would be found too; the text shown must have them.)
json_of 'garçon' >"$TMP/fr.json"
check "the French scan is read in French: 'garçon' found" grep -q '"path": ".*/fr.pdf"' "$TMP/fr.json"
check "... its text with its accents (garçon, sœur, forêt)" texts_hold "$TMP/fr.json" 'garçon.*sœur.*forêt'
check "... in French" grep -q '"language": "french"' "$TMP/fr.json"
json_of 'Straße' >"$TMP/de.json"
check "the German scan is read in German: 'Straße' found" grep -q '"path": ".*/de.pdf"' "$TMP/de.json"
check "... its text with ß and umlauts" texts_hold "$TMP/de.json" 'Straße führt über.*Ämter'
check "... in German" grep -q '"language": "german"' "$TMP/de.json"
# Turkish read in English loses ş ğ ı ("sehrin", "agir") and is then known
# as no language: read with the Latin packs together, it is.
json_of 'şehrin' >"$TMP/tr.json"
check "the Turkish scan is read in Turkish" texts_hold "$TMP/tr.json" 'şehrin.*Görüşmeler üç gün'
check "... in Turkish" grep -q '"language": "turkish"' "$TMP/tr.json"
json_of 'council' >"$TMP/en.json"
check "the English scan in English" grep -q '"language": "english"' "$TMP/en.json"
check "the summary counts the languages" \
  grep -qE '"languages": \{.*"russian": 3' "$TMP/index.json"

# What it cost: one Tesseract run for the English scan, a first pass, a
# script detection (only where the first pass was unsure) and a second
# reading for the others; none for the scan whose catalogue row says Russian.
: >"$TMP/tesseract.log"
PATH="$TMP/bin:$PATH" "$INDEX" -q --db "$TMP/db-en" --ocr-cache "$TMP/cache-en" "$col/en.pdf" 2>/dev/null || true
check "an English scan costs one Tesseract run ($(runs))" test "$(runs)" -eq 1
: >"$TMP/tesseract.log"
PATH="$TMP/bin:$PATH" "$INDEX" -q --db "$TMP/db-known" --ocr-cache "$TMP/cache-known" \
  "$col/known" 2>/dev/null || true
check "a scan whose catalogue row names Russian costs one run ($(runs))" test "$(runs)" -eq 1
check "... in Russian" grep -q -- '-l rus' "$TMP/tesseract.log"
"$SEARCH" --db "$TMP/db-known" --json 'Москву' >"$TMP/known.json" || true
check "... and is found by its Cyrillic word" grep -q '"path": ".*/letter.pdf"' "$TMP/known.json"

# A source of several pages chooses on its first page with text and reads
# the rest in that language: a blank cover leaves the choice to page 2; page
# 3 costs one run.
"$IM" -size 1400x320 xc:white -colorspace Gray -depth 8 "$TMP/blank.png"
page ru2 "Совет ответил на письмо через неделю." "Решение было принято единогласно" \
  "и отправлено в архив губернии."
scan "$TMP/book.pdf" blank ru ru2
: >"$TMP/tesseract.log"
PATH="$TMP/bin:$PATH" "$INDEX" -q --db "$TMP/db-book" --ocr-cache "$TMP/cache-book" \
  "$TMP/book.pdf" 2>/dev/null || true
"$SEARCH" --db "$TMP/db-book" --json 'единогласно' >"$TMP/book.json" || true
check "a blank cover, then Russian pages: pages 2 and 3 are read in Russian" \
  texts_hold "$TMP/book.json" 'Москву.*единогласно'
check "... on pages 2-3" grep -q '"page_last": 3' "$TMP/book.json"
check "... in five runs: the cover, page 2 three times, page 3 once ($(runs))" \
  test "$(runs)" -eq 5
check "... page 3 only in Russian" test "$(tail -n 1 "$TMP/tesseract.log" | grep -c -- '-l rus')" -eq 1

# A folder of page images is one source too: its first page chooses, and
# the pages after it are read in that language alone, with no first pass.
mkdir -p "$TMP/delo"
cp "$TMP/ru.png" "$TMP/delo/0001.png"
cp "$TMP/ru2.png" "$TMP/delo/0002.png"
: >"$TMP/tesseract.log"
PATH="$TMP/bin:$PATH" "$INDEX" -q --db "$TMP/db-delo" --ocr-cache "$TMP/cache-delo" \
  "$TMP/delo" 2>/dev/null || true
"$SEARCH" --db "$TMP/db-delo" --json 'единогласно' >"$TMP/delo.json" || true
check "a folder of Russian pages: its second page is read in Russian" \
  texts_hold "$TMP/delo.json" 'единогласно'
check "... page 2 read once, in Russian alone ($(runs) runs)" \
  test "$(grep -v -- '--list-langs' "$TMP/tesseract.log" | tail -n 1 | grep -c -- '-l rus')" -eq 1 -a \
  "$(grep -v -- '--list-langs' "$TMP/tesseract.log" | grep -c -- '-l eng')" -eq 1

# The OCR cache keeps each reading by its language: a new database of the
# same scans runs no Tesseract at all, and finds the same, with --jobs too
# (the readers choose as the writer does).
: >"$TMP/tesseract.log"
PATH="$TMP/bin:$PATH" "$INDEX" --db "$TMP/db2" --ocr-cache "$TMP/cache" --jobs 2 \
  --verbose "$col"/*.pdf "$col/known" >"$TMP/again.out" 2>&1 || true
check "the cache serves every page again, whatever its language ($(runs) runs)" test "$(runs)" -eq 0
"$SEARCH" --db "$TMP/db2" --json 'Москву' >"$TMP/again.json" || true
check "... and the same words are found" grep -q '"path": ".*/ru.pdf"' "$TMP/again.json"
check "... the catalogued one too" grep -q '"path": ".*/letter.pdf"' "$TMP/again.json"
"$SEARCH" --db "$TMP/db2" --json 'garçon' >"$TMP/again-fr.json" || true
check "... French as French" texts_hold "$TMP/again-fr.json" 'garçon.*forêt'

# --ocr-language: Tesseract's codes and fond's names.
: >"$TMP/tesseract.log"
PATH="$TMP/bin:$PATH" "$INDEX" -q --db "$TMP/db-deu" --ocr-cache "$TMP/cache3" --ocr-language deu+eng "$col/de.pdf" 2>"$TMP/deu.err" || true
"$SEARCH" --db "$TMP/db-deu" --json 'Straße' >"$TMP/deu.json" || true
check "--ocr-language deu+eng reads the German scan" texts_hold "$TMP/deu.json" 'Straße führt über'
check "... and only those: not a first pass in English" bash -c "! grep -q -- '-l eng ' '$TMP/tesseract.log'"
PATH="$TMP/bin:$PATH" "$INDEX" -q --db "$TMP/db-fra" --ocr-cache "$TMP/cache3" --ocr-language fra "$col/fr.pdf" 2>"$TMP/fra.err" || true
"$SEARCH" --db "$TMP/db-fra" --json 'garçon' >"$TMP/fra.json" || true
check "--ocr-language fra reads the French scan" texts_hold "$TMP/fra.json" 'garçon.*forêt'
check "... and langid agrees: French" grep -q '"language": "french"' "$TMP/fra.json"
PATH="$TMP/bin:$PATH" "$INDEX" -q --db "$TMP/db-name" --ocr-cache "$TMP/cache3" --ocr-language français "$col/fr.pdf" 2>"$TMP/name.err" || true
# A page too short for the language identifier is stemmed in the language
# asked for, and says so.
page short "La forêt était fermée." "" ""
scan "$TMP/short.pdf" short
"$INDEX" --db "$TMP/db-short" --ocr-cache "$TMP/cache3" --ocr-language fra --verbose \
  "$TMP/short.pdf" >"$TMP/short.out" 2>&1 || true
check "a short French scan read with fra is stemmed in French" \
  grep -q 'short.pdf: .*french (ocr)' "$TMP/short.out"
"$SEARCH" --db "$TMP/db-name" --json 'garçon' >"$TMP/name.json" || true
check "--ocr-language français too" texts_hold "$TMP/name.json" 'garçon.*forêt'
check "... read with fra" grep -q -- '-l fra' "$TMP/tesseract.log"

# A pack not installed is refused before anything is written.
missing=""
for l in jpn kor heb tha; do
  tesseract --list-langs 2>/dev/null | grep -qx "$l" || { missing=$l; break; }
done
if [ -n "$missing" ]; then
  expect_exit 2 "--ocr-language $missing (not installed) is refused" \
    "$INDEX" --db "$TMP/db-missing" --ocr-language "$missing" "$col/fr.pdf"
  check "... naming the pack and its Debian package" \
    grep -q "'$missing'.*tesseract-ocr-$missing" "$TMP/err"
  check "... before any database is made" test ! -e "$TMP/db-missing"
  expect_exit 2 "--ocr-language eng+$missing too" \
    "$INDEX" --db "$TMP/db-missing" --ocr-language "eng+$missing" "$col/fr.pdf"
fi
expect_exit 2 "--ocr-language klingon is refused" \
  "$INDEX" --db "$TMP/db-missing" --ocr-language klingon "$col/fr.pdf"
check "... and named" grep -q "klingon" "$TMP/err"
finish
