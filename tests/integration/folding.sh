# Letters that no Unicode decomposition folds are found as transliteration
# writes them: Azerbaijani ə as a (Əliyeva by aliyeva, Gəncə by ganca and,
# a name variant, by Ganja and Gence), ł, ø, đ, þ, æ as l, o, d, th, ae;
# and what is typed with them finds them too.
source "$(dirname "$0")/common.bash"
mkdir -p "$TMP/src"
cat >"$TMP/src/letter.txt" <<'T'
Title: Letter from Əliyeva to the Gəncə committee
Date: 1921-08-02
From: Z. Əliyeva
To: Gəncə committee
Place: Gəncə

Z. Əliyeva writes that the grain did not reach Gəncə, and that the
delegates from Łódź, Ørsted of København, Đorđević and Þórðarson of
Reykjavík, and the Ærø islanders wait for it.
T
"$INDEX" -q --db "$TMP/db" "$TMP/src"

# finds QUERY: the letter is a hit for QUERY.
finds() {
  "$SEARCH" --db "$TMP/db" --json "$1" >"$TMP/hits" 2>&1 || true
  grep -q '"path": ".*/letter.txt"' "$TMP/hits"
}
for q in from:aliyeva aliyeva ƏLIYEVA Əliyeva to:ganca place:ganca ganca Gəncə \
         Ganja Gence lodz Łódź orsted kobenhavn dordevic thordarson aero; do
  check "$q finds the letter" finds "$q"
done
finish
