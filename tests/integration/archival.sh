# The archival side, end to end: the raw narrative searches as a clean
# transcription would, passages carry their footnotes, telegrams carry
# sender, recipient and date, and legacy encodings are read and stemmed in
# their own language.  Legacy fixtures are made here, with iconv.
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
LEGACY="$TMP/legacy"
mkdir -p "$LEGACY"

# Russian, in Windows-1251 and in KOI8-R (no header: detected).
russian='Карсский договор был подписан 13 октября 1921 года в городе Карсе. Договор подписали представители Турции, Армении, Азербайджана и Грузии при участии РСФСР.'
printf '%s\n' "$russian" | iconv -f UTF-8 -t WINDOWS-1251 >"$LEGACY/kars-cp1251.txt"
printf '%s\n' "${russian/Карсский договор/Текст договора}" |
  iconv -f UTF-8 -t KOI8-R >"$LEGACY/kars-koi8.txt"
# Turkish, ISO-8859-9, declared in a header.
{ printf 'Title: Kars Antlaşması\nLanguage: Turkish\nEncoding: ISO-8859-9\n\n'
  printf 'Kars Antlaşması 13 Ekim 1921 tarihinde imzalandı. Antlaşmayı Türkiye, Ermenistan, Azerbaycan ve Gürcistan imzaladı.\n'
} | iconv -f UTF-8 -t ISO-8859-9 >"$LEGACY/kars-tr.txt"
check "fixtures are not UTF-8" bash -c "! iconv -f UTF-8 -t UTF-8 '$LEGACY/kars-cp1251.txt' >/dev/null 2>&1"

"$INDEX" --db "$DB" --verbose "$FOND_SRC/corpus" "$LEGACY" >"$TMP/index.out"
check "--verbose reports Windows-1251 detected" grep -q 'kars-cp1251.txt.*WINDOWS-1251' "$TMP/index.out"
check "--verbose reports KOI8-R detected" grep -q 'kars-koi8.txt.*KOI8-R' "$TMP/index.out"
check "--verbose reports ISO-8859-9 declared" grep -q 'kars-tr.txt.*ISO-8859-9' "$TMP/index.out"

# A query typed in UTF-8 finds legacy text, through its language's stems:
# "договор" (nominative) finds "договора" (genitive) in the KOI8-R file.
"$SEARCH" --db "$DB" --json договор >"$TMP/ru" || true
check "Russian: договор finds the Windows-1251 file" grep -q 'kars-cp1251.txt' "$TMP/ru"
check "Russian: договор finds 'Текст договора' (KOI8-R, inflected)" grep -q 'kars-koi8.txt' "$TMP/ru"
"$SEARCH" --db "$DB" --json antlaşma >"$TMP/tr" || true
check "Turkish: antlaşma finds 'Antlaşmayı' / 'Antlaşması'" grep -q 'kars-tr.txt' "$TMP/tr"

# The raw narrative searches as a clean text would.
"$SEARCH" --db "$DB" --json --limit 1 Azerbaijan consent Kars >"$TMP/consent" || true
check "a word broken across a column is found whole" \
  texts_hold "$TMP/consent" 'consent to hold the conference in Kars'
check "... and shown whole" texts_hold "$TMP/consent" 'secured Azerbaijan and Georgia'
for word in treaty kars conference turkey azerbaijan moscow; do
  "$SEARCH" --db "$DB" --json --limit 1000 "$word" || true
done >"$TMP/all"
for broken in 'Azer- ' 'Pa- sha' 'con- tact' 'be- tween' 'confer19' 'Ar29' \
              'conference\.1 ' 'July\.5' 'See: USSR' 'SA AR'; do
  check "no passage shows '$broken'" no_text_holds "$TMP/all" "$broken"
done

# Passages list the footnotes they cite, with the citation.
"$SEARCH" --db "$DB" --json '"supplement the treaty signed in Moscow"' >"$TMP/note3" || true
check "a passage lists its footnote's text" grep -q 'Gospolitizdat, 1960, p. 227-228' "$TMP/note3"
check "... with its number" grep -q '"number": 3' "$TMP/note3"

# Telegrams: fields and metadata.
"$SEARCH" --db "$DB" --json 'type:telegram from:Huseynov' >"$TMP/tel" || true
check "type:telegram from:Huseynov finds his telegrams" grep -q '"type": "telegram"' "$TMP/tel"
check "... and only his" every_field_is "$TMP/tel" from 'Huseynov'
check "results show the telegram's date" grep -q '"date": "1921-' "$TMP/tel"
check "results show the recipient" grep -q '"to": "' "$TMP/tel"
finish
