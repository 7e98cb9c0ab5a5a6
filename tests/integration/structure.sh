# A source's fields read from its printed form, end to end: a telegram as
# an edition prints it (no header: heading, "[Telegram]", dateline,
# receipt, a number opening the body, signature, file number) is titled,
# typed, dated, placed and signed by its text, and its dateline's day finds
# every passage of it; so are French and Russian ones; a source whose
# header lacks a date is dated by its dateline, its header's title kept;
# a PDF report made with groff (title, author, "Baku, 12 April 1922.") is
# titled and dated by its own text, not by its file.  The texts are made
# up in the editions' forms (none from FRUS 1917-1919).
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
col="$TMP/col"
mkdir -p "$col"

# A paragraph of N words of diplomatic prose, different for each seed, so
# that the telegram is cut into several passages.
prose() { # SEED N
  python3 - "$1" "$2" <<'EOF'
import random, sys
random.seed(int(sys.argv[1]))
words = ("the minister said that the government would consider the question "
         "of the frontier and the railway at the next meeting of the council "
         "while the delegation waited for instructions from the capital").split()
print(" ".join(random.choice(words) for _ in range(int(sys.argv[2]))).capitalize() + ".")
EOF
}

{
  printf 'The Ambassador in Turkey (Grew) to the Secretary of State\n\n[Telegram]\n\n'
  printf 'Constantinople, March 3, 1928, 6 p.m.\n[Received March 4, 9:15 a.m.]\n\n'
  printf '112. Your 87 of February 27. '
  for seed in 1 2 3 4 5 6; do prose "$seed" 180; printf '\n'; done
  printf 'The quarantine of the zymotic district continues.\n\nGREW\n\nFile No. 867.00/1950.\n'
} >"$col/telegram.txt"

cat >"$col/telegramme.txt" <<'EOF'
Le ministre des Affaires étrangères à l'ambassadeur de France à Londres

T. n° 234.          Paris, le 8 février 1926, 19 h.

Je vous prie de faire savoir au gouvernement britannique que le gouvernement français accepte la conférence des ambassadeurs.
EOF

cat >"$col/telegramma.txt" <<'EOF'
Нарком иностранных дел — полпреду в Турции

Телеграмма

Москва, 8 февраля 1921 г.

Сообщите турецкому правительству, что делегация выезжает в Карс.

Чичерин
EOF

# A header with a title but no date: the dateline dates it, the header's
# title stays.
cat >"$col/headed.txt" <<'EOF'
Title: Instruction on the Batum railway
Language: English

The Secretary of State to the Consul at Batum (Hollis)

[Telegram]

Washington, June 3, 1925—6 p.m.

14. Report on the state of the Batum railway workshops.

KELLOGG
EOF

# A report made with groff: its title, its author, its dateline.
groff -k -ms -mpdf -Tpdf >"$col/report.pdf" <<'EOF'
.TL
Report on the Oil Industry of Baku
.AU
Harold Whitcombe
.LP
Baku, 12 April 1922.
.PP
The oil fields of the Apsheron peninsula suffered greatly during the years of war and revolution. The wells at Balakhany and Sabunchi are flooded, and the refineries of the Black Town stand idle for want of spare parts.
EOF

"$INDEX" --db "$DB" "$col" >"$TMP/index.out" 2>"$TMP/index.err"
check "one run indexes them all" grep -q '^5 added' "$TMP/index.out"

json() { "$SEARCH" --db "$DB" --json "$@" || true; }

json zymotic >"$TMP/tel.json"
check "the telegram: titled by its heading, as printed" \
  grep -q '"title": "The Ambassador in Turkey (Grew) to the Secretary of State"' "$TMP/tel.json"
check "... typed by its [Telegram] line" grep -q '"type": "telegram"' "$TMP/tel.json"
check "... from the name in parentheses" grep -q '"from": "Grew"' "$TMP/tel.json"
check "... to the office" grep -q '"to": "Secretary of State"' "$TMP/tel.json"
check "... placed and dated by its dateline, not by its receipt" \
  bash -c "grep -q '\"place\": \"Constantinople\"' '$TMP/tel.json' && grep -q '\"date\": \"1928-03-03\"' '$TMP/tel.json'"
check "... its file number is its own reference" \
  grep -q '"archive_ref": {"number": 0, "text": "File No. 867.00/1950"}' "$TMP/tel.json"
check "... the word is in a later passage than the dateline's" \
  bash -c "! grep -q '\"ordinal\": 1,' '$TMP/tel.json'"
json 'zymotic date:1928-03-03' >"$TMP/tel-date.json"
check "WORD date:DAY finds the telegram by its dateline's day, from its last passage" \
  grep -q 'telegram.txt' "$TMP/tel-date.json"
json 'zymotic date:1928-03-04' >"$TMP/tel-received.json"
check "... and not by the day it was received" bash -c "! grep -q 'telegram.txt' '$TMP/tel-received.json'"
json '"Ambassador in Turkey" Constantinople' >"$TMP/tel-head.json"
check "... whose heading and dateline stay in its text, to be found" grep -q 'telegram.txt' "$TMP/tel-head.json"
json 'type:telegram from:grew' >"$TMP/tel-from.json"
check "... by type: and from:" grep -q 'telegram.txt' "$TMP/tel-from.json"

json 'conférence date:1926-02-08' >"$TMP/fr.json"
check "French: dated by 'Paris, le 8 février 1926'" grep -q 'telegramme.txt' "$TMP/fr.json"
check "... typed by 'T. n° 234.'" grep -q '"type": "telegram"' "$TMP/fr.json"
check "... to the office in its heading" grep -q '"to": "ambassadeur de France à Londres"' "$TMP/fr.json"

json 'делегация date:1921-02-08' >"$TMP/ru.json"
check "Russian: dated by 'Москва, 8 февраля 1921 г.'" grep -q 'telegramma.txt' "$TMP/ru.json"
check "... placed" grep -q '"place": "Москва"' "$TMP/ru.json"
check "... from the office before the dash" grep -q '"from": "Нарком иностранных дел"' "$TMP/ru.json"

json 'workshops' >"$TMP/headed.json"
check "a header's title wins over the heading" grep -q '"title": "Instruction on the Batum railway"' "$TMP/headed.json"
check "... the dateline gives the date the header lacks" grep -q '"date": "1925-06-03"' "$TMP/headed.json"
check "... and the addressee" grep -q '"to": "Hollis"' "$TMP/headed.json"

json Apsheron >"$TMP/pdf.json"
check "the groff report is titled by its own title" \
  grep -q '"title": "Report on the Oil Industry of Baku"' "$TMP/pdf.json"
check "... dated by its first line, 'Baku, 12 April 1922.'" grep -q '"date": "1922-04-12"' "$TMP/pdf.json"
check "... placed there" grep -q '"place": "Baku"' "$TMP/pdf.json"
check "... its author printed under the title" grep -q '"from": "Harold Whitcombe"' "$TMP/pdf.json"
json "Apsheron date:1922-04-12" >"$TMP/pdf-date.json"
check "... and found by that day" grep -q 'report.pdf' "$TMP/pdf-date.json"
json "Apsheron date:$(date -u +%Y)" >"$TMP/pdf-now.json"
check "... never by the day its file was made" bash -c "! grep -q 'report.pdf' '$TMP/pdf-now.json'"

[ "$failures" -eq 0 ]
