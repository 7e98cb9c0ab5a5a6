# Languages: sources without a Language header are identified from their
# text (libexttextcat) and stemmed in their language, so that a French, a
# German and a Portuguese text are found by another inflected form of their
# words (forms the English stemmer does not join); a text too short to tell
# stays on the default; fond-index --verbose and --json say what it chose.
source "$(dirname "$0")/common.bash"
c="$TMP/col"
mkdir -p "$c"
cat >"$c/fr.txt" <<'T'
Les délégués des quatre républiques se réunirent à Kars pendant l'automne.
Ils discutèrent longuement des frontières et des intérêts nationaux, puis
ils signèrent le traité dans la grande salle de l'hôtel de ville.
T
cat >"$c/de.txt" <<'T'
Die Abgeordneten der vier Republiken kamen im Herbst in Kars zusammen. Sie
sprachen lange über die Grenzen und unterzeichneten den Vertrag schließlich
im großen Saal des alten Rathauses.
T
cat >"$c/pt.txt" <<'T'
Os delegados das quatro repúblicas reuniram-se em Kars durante o outono.
Discutiram longamente as fronteiras e os interesses nacionais, e assinaram
o tratado no grande salão da câmara municipal.
T
printf 'Le traité.\n' >"$c/short.txt"
printf 'Title: Note\nLanguage: German\n\nThe delegates signed.\n' >"$c/header.txt"

"$INDEX" --db "$TMP/db" -v "$c" >"$TMP/out"
"$INDEX" --db "$TMP/db2" --json "$c" >"$TMP/json" 2>/dev/null
cat "$TMP/out" "$TMP/json"
said() { grep -E "$1" "$TMP/out" >/dev/null; }
check "French identified" said 'fr.txt: .* french \(identified\)'
check "German identified" said 'de.txt: .* german \(identified\)$'
check "Portuguese identified" said 'pt.txt: .* portuguese \(identified\)$'
check "too short to tell: the default" said 'short.txt: .* english \(default\)$'
check "a Language header wins" said 'header.txt: .* german \(header\)$'
check "--json counts sources by language" \
  grep -qE '"languages": \{.*"french": 1.*\}' "$TMP/json"

# finds QUERY FILE: the query finds the file's passage, in its language.
finds() {
  "$SEARCH" --db "$TMP/db" --json "$1" >"$TMP/hits" || true
  every_field_is "$TMP/hits" path "/$2\"" && every_field_is "$TMP/hits" language "\"$3\""
}
check "French: 'national' finds 'nationaux'" finds national fr.txt french
check "French: 'signé' finds 'signèrent'" finds signé fr.txt french
check "German: 'unterzeichnet' finds 'unterzeichneten'" finds unterzeichnet de.txt german
check "Portuguese: 'assinado' finds 'assinaram'" finds assinado pt.txt portuguese
check "language: selects the identified language" finds 'language:french kars' fr.txt french

# The index keeps a word's stem as a Z term only where the search cannot
# stem the word it holds (schema.h): "signèrent" is stemmed "sign" with
# its accent, "signerent" without; "nationaux" and "delegates" need none.
xapian-delve -1 -A Z "$TMP/db" >"$TMP/stems"
check "an accented word whose stem its folded form lacks keeps it: Zsign" \
  grep -qx Zsign "$TMP/stems"
check "... and a word without accents keeps none" \
  bash -c "! grep -qxE 'Z(national|delegat)' '$TMP/stems'"
finish
