# A wildcard stands for every word of the collection it begins, the rarest
# too, up to FOND_WILDCARD_MAX (10,000, lib/fond.h); past that, the terminal,
# --json ("truncated") and the page say which wildcard was cut.
source "$(dirname "$0")/common.bash"
CGI="$FOND_BIN/fond.cgi"
mkdir -p "$TMP/src"
# 300 forms of "vorm", each in three files, and in a file of its own the
# rarest ("vormzzz" once; Xapian's OP_WILDCARD kept the 200 most frequent).
forms=$(awk 'BEGIN { a = "abcdefghijklmnopqrstuvwxyz"; for (i = 0; i < 300; i++)
                        print "vorm" substr(a, int(i / 26) + 1, 1) substr(a, i % 26 + 1, 1) }')
for f in 1 2 3; do printf '%s\n' "$forms" >"$TMP/src/common$f.txt"; done
printf 'Title: Rare\n\nThe rarest form, vormzzz, once.\n' >"$TMP/src/rare.txt"
# 10,050 words beginning "zq" (letters: digits would be words of their
# own), 50 past the bound: zqaaaa, zqaaab, ...
awk 'BEGIN { a = "abcdefghijklmnopqrstuvwxyz"
             for (i = 0; i < 10050; i++) {
               w = ""; k = i
               for (d = 0; d < 4; d++) { w = substr(a, k % 26 + 1, 1) w; k = int(k / 26) }
               printf "zq%s%s", w, (i % 20 == 19) ? "\n" : " " } }' >"$TMP/src/many.txt"
"$INDEX" -q --db "$TMP/db" "$TMP/src"

"$SEARCH" --db "$TMP/db" --json -n 1000 'vorm*' >"$TMP/vorm.json"
check "'vorm*' finds the passage of its rarest form" grep -q '"title": "Rare"' "$TMP/vorm.json"
check "... and is not truncated (301 words)" grep -q '^  "truncated": \[\],$' "$TMP/vorm.json"

"$SEARCH" --db "$TMP/db" --json 'zq*' >"$TMP/zq.json"
check "'zq*' (10,050 words) is truncated in --json" grep -q '^  "truncated": \["zq\*"\],$' "$TMP/zq.json"
check "... and still finds passages" grep -q '"passage_id"' "$TMP/zq.json"
"$SEARCH" --db "$TMP/db" 'zq*' >"$TMP/zq.txt"
check "... the terminal says so" \
  grep -q '^zq\* begins more than 10000 words: searched for the first 10000 alone\.$' "$TMP/zq.txt"
REQUEST_METHOD=GET QUERY_STRING='q=zq*' FOND_DB="$TMP/db" "$CGI" >"$TMP/zq.html"
check "... and so does the page" \
  grep -q '<p class="truncated">zq\* begins more than 10000 words: searched for the first 10000 alone\.</p>' "$TMP/zq.html"
# zqao* begins the last 586 words (zqaoaa ... zqaown)
"$SEARCH" --db "$TMP/db" --json -n 1000 'zqao*' >"$TMP/zqao.json"
check "'zqao*' (586 words) is not truncated" grep -q '^  "truncated": \[\],$' "$TMP/zqao.json"
check "... and finds its last word, past the first 10,000 of 'zq*'" \
  grep -q 'zqaown' "$TMP/zqao.json"
finish
