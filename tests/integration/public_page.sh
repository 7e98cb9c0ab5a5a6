# What the public page keeps to itself, and what it takes from the
# collection it serves rather than from fond's sample corpus:
# - source: (the source= parameter, or source: in q) takes the names the
#   page shows; a path of the server gets the same refusal whether a file
#   is there or not, so nobody can test guesses of the server's paths (the
#   terminal still takes paths); nor with show=: a passage's id is no hash
#   of its path that anyone could compute, and stays when its file is
#   indexed again;
# - the mail addresses of senders and recipients are hidden by default on
#   every page and export (names only), shown per fond.cgi.conf's
#   "addresses" (domain, whole); the terminal and --json keep them; and
#   from: and to: on the page search only what it shows (the terminal's,
#   all of it), so that to:bob.stone cannot confirm an address withheld;
# - the start page's examples and the form's placeholders come from the
#   collection (its commonest place, sender and type, its years), never
#   from the sample corpus's Nakhchivan and 1921.
source "$(dirname "$0")/common.bash"
c="$TMP/letters"
mkdir -p "$c/post" "$c/mail"
n=0
for y in 1987 1989 1990 1994; do
  n=$((n + 1))
  printf 'Title: Letter %s about the harbour\nType: letter\nDate: %s-03-0%s\nFrom: Hanna Weber\nTo: Jonas Brandt\nPlace: Luebeck\n\nThe harbour cranes of Luebeck were mended in %s; the warehouse kept its grain dry.\n' \
    "$n" "$y" "$n" "$y" >"$c/post/letter-$y.txt"
done
cat >"$c/mail/minutes.eml" <<'MAIL'
From: Anna Schmidt <anna.schmidt@example.de>
To: Archive Office <office@example.org>, bob.stone@example.com
Subject: Minutes of the harbour committee
Date: Mon, 4 May 1992 09:15:00 +0200
Message-ID: <minutes-1@example.de>

The committee read the minutes about the harbour cranes and the warehouse.
MAIL
DB="$TMP/db"
"$INDEX" -q --db "$DB" "$c"

start_web "$DB"
has() { grep -qF -- "$2" "$TMP/$1.body"; }
lacks_body() { ! grep -qF -- "$2" "$TMP/$1.body"; }

# ---- source: names only
real="$c/post/letter-1987.txt" fake="$c/post/letter-1988.txt"
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
fetch named "source=$(enc letters/post/letter-1987.txt)" >/dev/null
check "source=<the name the page shows> lists that source's passages" has named "1 passage in 1 source match"
for how in source q; do
  if [ "$how" = source ]; then qs() { echo "source=$(enc "$1")"; }; else qs() { echo "q=$(enc "source:$1")"; }; fi
  s_real=$(fetch real "$(qs "$real")") s_fake=$(fetch fake "$(qs "$fake")")
  sed "s#$real#PATH#g; s#$(enc "$real")#PATH#g" "$TMP/real.body" >"$TMP/real.cmp"
  sed "s#$fake#PATH#g; s#$(enc "$fake")#PATH#g" "$TMP/fake.body" >"$TMP/fake.cmp"
  check "$how with a server path: refused ($s_real)" [ "$s_real" = 400 ]
  check "... with the same answer whether the file is there or not" cmp -s "$TMP/real.cmp" "$TMP/fake.cmp"
  check "... which says source: takes a name" grep -q "name as the results show it, not a path" "$TMP/real.body"
  check "... and finds nothing" lacks_body real "harbour"
done
fetch qnamed "q=$(enc 'source:"letters/post/letter-1987.txt" cranes')" >/dev/null
check "q=source:<name> finds the source" has qnamed "1 passage in 1 source match"
check "the terminal still takes a path" bash -c "'$SEARCH' --db '$DB' 'source:$real' | grep -q 'Letter 1'"

# ---- passage ids: not the unkeyed FNV-1a of a path, which anyone could
# compute to test guesses of the server's paths with show=
fnv() { python3 -c 'import sys
h = 0xcbf29ce484222325
for b in sys.argv[1].encode():
    h = ((h ^ b) * 0x100000001b3) % 2**64
print("%016x" % h)' "$1"; }
real=$(realpath "$real") fake="$(dirname "$real")/letter-1988.txt"
for suffix in -1 ''; do
  s_real=$(fetch idreal "show=$(fnv "$real")$suffix") s_fake=$(fetch idfake "show=$(fnv "$fake")$suffix")
  check "show=<FNV-1a of a real path>$suffix: not found ($s_real)" [ "$s_real" = 404 ]
  check "... the same answer as for a file that is not there" cmp -s "$TMP/idreal.body" "$TMP/idfake.body"
done
letter_id() { "$SEARCH" --db "$DB" --json 'cranes date:1987' | sed -n 's/^ *"passage_id": "\(.*\)",$/\1/p'; }
before=$(letter_id)
check "show=<an id the results give> reads its source" [ "$(fetch idshown "show=$before")" = 200 ]
printf 'The harbour master signed the report.\n' >>"$real"
"$INDEX" -q --db "$DB" "$c"
check "a source keeps its id when fond-index writes it again ($before)" [ "$(letter_id)" = "$before" ]
check "... which still reads it" [ "$(fetch idagain "show=$before")" = 200 ]
check "... with what it holds now" has idagain "harbour master signed"

# ---- addresses
addresses_hidden() { # NAME: no address in NAME's body, not even one part of one
  ! grep -qE '[A-Za-z0-9._-]+@[a-z0-9.-]+|@example' "$TMP/$1.body" ||
    { echo "  an address in $1:" >&2; grep -oE '[A-Za-z0-9._-]*@[a-z0-9.-]+' "$TMP/$1.body" >&2; return 1; }
}
for fmt in html json csv ris bibtex atom; do
  fetch "mail_$fmt" "q=committee&format=$fmt" >/dev/null
  check "format=$fmt: the sender's name" has "mail_$fmt" "Anna Schmidt"
  check "... and no address" addresses_hidden "mail_$fmt"
done
check "the page names the recipients too" has mail_html "Archive Office"
check "... a bare address withheld" has mail_html "(address withheld)"
id=$("$SEARCH" --db "$DB" --json committee | sed -n 's/^ *"passage_id": "\(.*\)",$/\1/p' | head -1)
fetch mail_show "show=$id" >/dev/null
check "a source's page: the sender's name (heading, citation, meta tags)" has mail_show 'citation_author" content="Anna Schmidt"'
check "... and no address" addresses_hidden mail_show
for f in mail_html mail_show; do # '@' is %40 in a COinS span: decoded
  coins "$TMP/$f.body" 0 '*' >"$TMP/$f.coins.body" || true
  check "$f: its COinS names the sender" grep -qx 'rft.creator=Anna Schmidt' "$TMP/$f.coins.body"
  check "... and no address" addresses_hidden "$f.coins"
done
"$SEARCH" --db "$DB" committee >"$TMP/term.out"
check "the terminal keeps the addresses" grep -qF "Anna Schmidt <anna.schmidt@example.de>" "$TMP/term.out"
"$SEARCH" --db "$DB" --json committee >"$TMP/term.json"
check "... and --json" grep -qF '"from": "Anna Schmidt \u003canna.schmidt@example.de>"' "$TMP/term.json"

# from: and to: search what the page shows of an address, no more: else a
# search would confirm an address the page withholds
found() { # NAME QUERY: the search finds the minutes
  fetch "$1" "q=$(enc "$2")" >/dev/null && has "$1" "Minutes of the harbour committee"; }
searches() { # SETTING FOUND... -- NOT_FOUND...
  local setting=$1 q; shift
  while [ "$1" != -- ]; do check "addresses = $setting: $1 finds the message" found hit "$1"; shift; done
  shift
  for q in "$@"; do
    fetch miss "q=$(enc "$q")" >/dev/null
    check "addresses = $setting: $q finds nothing" lacks_body miss "Minutes of the harbour committee"
  done
}
searches name 'from:anna' 'to:"archive office"' -- 'to:bob.stone' 'from:example.de' 'to:example.org' 'from:anna.schmidt@example.de'
check "the terminal's from: and to: search the addresses" \
  bash -c "'$SEARCH' --db '$DB' 'to:bob.stone from:example.de' | grep -q 'Minutes of the harbour'"
start_web "$DB" --addresses domain
fetch dom "q=committee" >/dev/null
check "addresses = domain: the name and the domain" has dom "Anna Schmidt &lt;…@example.de&gt;"
check "... a bare address's domain" has dom "…@example.com"
check "... and no whole address" bash -c "! grep -qE '[A-Za-z0-9_-]@' '$TMP/dom.body'"
check "... in its COinS too" bash -c "$(declare -f coins); coins '$TMP/dom.body' 1 rft.creator | grep -qx 'Anna Schmidt <…@example.de>'"
searches domain 'from:anna' 'from:example.de' 'to:example.com' -- 'to:bob.stone' 'to:bob.stone@example.com'
start_web "$DB" --addresses whole
fetch whole "q=committee&format=csv" >/dev/null
check "addresses = whole: the whole address" has whole "Anna Schmidt <anna.schmidt@example.de>"
searches whole 'to:bob.stone' 'from:example.de' 'to:office@example.org' --

# ---- examples and placeholders from the collection
fetch start '' >/dev/null
for sample in Nakhchivan 1921 Huseynov Tbilisi; do
  check "the start page does not mention the sample corpus's $sample" lacks_body start "$sample"
done
check "... offers the collection's commonest place" has start '>Luebeck</a>'
check "... its commonest sender" has start '>from:&quot;Hanna Weber&quot;</a>'
check "... its commonest type" has start '>type:letter</a>'
check "... its years" has start '>date:1987..1994</a>'
check "... the first as the search field's placeholder" has start 'placeholder="Luebeck"'
check "... the years as the date fields'" has start 'placeholder="1987"'
check "... and" has start 'placeholder="1994"'
fetch search 'q=cranes' >/dev/null
for sample in Nakhchivan 1921; do
  check "a results page does not mention $sample" lacks_body search "$sample"
done
start_web "$DB" --example "warehouse grain"
fetch configured '' >/dev/null
check "configured examples replace the collection's" has configured '>warehouse grain</a>'
check "... and give the placeholder" has configured 'placeholder="warehouse grain"'
check "... alone" lacks_body configured '>type:letter</a>'
finish
