# The year histogram of fond.cgi's results page, as a user meets it: an
# inline SVG of the matches by year (no script), a bar a year with a gap
# for a year with none, each bar a link to its year (year=) with its count
# as text for a screen reader (<title> and a visually hidden text); past
# 60 years a bar a decade, each a link to its range (from= until=).  The
# collection is made here, seeded: letters dated in known years, their
# counts drawn at random, so that the bars' counts are known.
source "$(dirname "$0")/common.bash"
col="$TMP/col"
mkdir -p "$col"
RANDOM=29 # seeded: the same letters each run
declare -A near far
# "harvest": 1901 .. 1909 with 1904 and 1907 empty; "drought": from 1812
# to 1995, sparse, so a bar is a decade.
for y in 1901 1902 1903 1905 1906 1908 1909; do near[$y]=$((1 + RANDOM % 4)); done
for y in 1812 1815 1846 1873 1874 1902 1955 1995; do far[$y]=$((1 + RANDOM % 3)); done
letter() { # FILE YEAR WORD
  printf 'Title: Letter of %s\nType: letter\nDate: %s-03-0%s\n\nThe %s was reported in the district.\n' \
    "$2" "$2" "$((1 + RANDOM % 9))" "$3" >"$1"
}
for y in "${!near[@]}"; do
  for i in $(seq 1 "${near[$y]}"); do letter "$col/h$y-$i.txt" "$y" harvest; done
done
for y in "${!far[@]}"; do
  for i in $(seq 1 "${far[$y]}"); do letter "$col/d$y-$i.txt" "$y" drought; done
done
printf 'Title: An undated harvest note\n\nThe harvest was poor.\n' >"$col/undated.txt"
"$INDEX" -q --db "$TMP/db" "$col"
start_web "$TMP/db"

has() { grep -qF -- "$2" "$TMP/$1.body"; }
lacks_in() { ! grep -qF -- "$2" "$TMP/$1.body"; }
# the histogram's markup alone
figure() { sed -n '/<figure class="histogram">/,/<\/figure>/p' "$TMP/$1.body"; }

check "harvest: 200" test "$(fetch harvest 'q=harvest')" = 200
check "... a histogram of the matches by year" has harvest '<figcaption>Matches by year'
check "... drawn in an inline SVG, no script" bash -c "figure() { sed -n '/<figure class=\"histogram\">/,/<\/figure>/p' \"\$1\"; }; figure '$TMP/harvest.body' | grep -q '<svg' && ! grep -qi '<script' '$TMP/harvest.body'"
check "... says the undated match is not drawn" has harvest '(1 undated not shown)'
for y in "${!near[@]}"; do
  n=${near[$y]}; s=$([ "$n" = 1 ] || echo s)
  check "... bar $y links to its year, its count ($n) in its title" \
    has harvest "<a href=\"?q=harvest&amp;year=$y\"><title>$y: $n passage$s</title><rect class=\"bar\""
  check "... and as text for a screen reader" \
    has harvest "<text class=\"visually-hidden\" x=\"0\" y=\"0\">$y: $n</text>"
done
check "... bars only for the 7 years with matches" test "$(figure harvest | grep -c '<rect class="bar"')" -eq 7
check "... none for 1904 and 1907: gaps" bash -c "! grep -qE 'year=190[47]' '$TMP/harvest.body'"
# the gap is a place: 1905's bar stands two slots right of 1903's
x() { figure harvest | grep "year=$1\"" | sed 's/.*<rect class="bar" x="\([0-9.]*\)%".*/\1/'; }
slot=$(awk -v a="$(x 1901)" -v b="$(x 1902)" 'BEGIN { print b - a }')
check "... 1905 stands two slots after 1903 (a gap for 1904)" \
  awk -v a="$(x 1903)" -v b="$(x 1905)" -v s="$slot" 'BEGIN { d = b - a - 2 * s; exit !(d < 0.01 && d > -0.01) }'
# the tallest bar is the year with the most
most=$(for y in "${!near[@]}"; do echo "${near[$y]} $y"; done | sort -n | tail -1 | cut -d' ' -f2)
h() { figure harvest | grep "year=$1\"" | sed 's/.* height="\([0-9.]*\)".*/\1/'; }
tallest() {
  local y
  for y in "${!near[@]}"; do
    awk -v a="$(h "$y")" -v b="$(h "$most")" 'BEGIN { exit !(a > 0 && a <= b) }' || return 1
  done
  awk -v a="$(h 1901)" -v b="$(h "$most")" -v n="${near[1901]}" -v m="${near[$most]}" \
    'BEGIN { d = a / b - n / m; exit !(d < 0.02 && d > -0.02) }'
}
check "... the tallest bar is $most's; 1901's in proportion" tallest
# following a bar: the results of that year only, and no histogram
check "following 1903's bar: 200" test "$(fetch y1903 'q=harvest&year=1903')" = 200
check "... its matches are that year's (${near[1903]})" has y1903 "<h1 class=\"summary\">${near[1903]} passage"
check "... and no histogram of one year" lacks_in y1903 'class="histogram"'

# 184 years: a bar a decade, each a link to its range within the search's
check "drought: 200" test "$(fetch drought 'q=drought')" = 200
check "... a histogram by decade" has drought '<figcaption>Matches by decade'
declare -A decade
for y in "${!far[@]}"; do d=$((y / 10 * 10)); decade[$d]=$(( ${decade[$d]:-0} + ${far[$y]} )); done
for d in "${!decade[@]}"; do
  n=${decade[$d]}; s=$([ "$n" = 1 ] || echo s)
  check "... the ${d}s: a link to $d..$((d + 9)), $n passage$s" \
    has drought "<a href=\"?q=drought&amp;from=$d&amp;until=$((d + 9))\"><title>${d}s: $n passage$s</title>"
done
check "... ${#decade[@]} bars, for 19 decades" test "$(figure drought | grep -c '<rect class="bar"')" -eq "${#decade[@]}"
check "following the 1870s: its letters alone" \
  test "$(fetch d1870 'q=drought&from=1870&until=1879')" = 200
check "... ${decade[1870]} of them" has d1870 "<h1 class=\"summary\">${decade[1870]} passage"
# within a range already searched, a decade's link keeps to it
check "within from=1873: the 1870s bar keeps from=1873" \
  test "$(fetch within 'q=drought&from=1873')" = 200
check "... its link" has within "<a href=\"?q=drought&amp;from=1873&amp;until=1879\">"

# one year only: nothing to compare, no histogram
check "a word of one year: no histogram" test "$(fetch one 'q=drought&from=1995')" = 200
check "... none drawn" lacks_in one 'class="histogram"'
[ "$failures" -eq 0 ]
