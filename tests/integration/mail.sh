# E-mail: messages this test makes itself, in several charsets and transfer
# encodings, multipart/alternative, HTML only, with attachments, an mbox of
# several messages, and hostile ones (MIME bombs).  Each good message is
# found by a word of its text, with its title, sender and date, and from:
# and date: select it; each hostile one is reported with its reason and the
# rest of the run is indexed.  Re-indexing an mbox that grew, and removing
# it, keeps its messages in step.
source "$(dirname "$0")/common.bash"
m="$TMP/mail"
mkdir -p "$m/hostile"

# UTF-8, 8bit, no MIME header at all.
cat >"$m/plain.eml" <<'EOF'
Return-Path: <anna@example.de>
From: Anna Schmidt <anna@example.de>
To: Archive Office <office@example.org>
Subject: Minutes of the spring meeting
Date: Mon, 4 May 1998 09:15:00 +0200
Message-ID: <plain-1@example.de>

The committee read the minutes and spoke about the aardwolf exhibit.
EOF

# ISO-8859-1, quoted-printable, an RFC 2047 subject and sender; no extension.
{
  printf 'From: =?ISO-8859-1?Q?Jos=E9_Mart=EDnez?= <jose@example.es>\n'
  printf 'To: anna@example.de\nCc: Bob Stone <bob@example.com>\n'
  printf 'Subject: =?ISO-8859-1?Q?R=E9union_=E0_Kars?=\n'
  printf 'Date: Tue, 14 Mar 2006 10:22:01 +0100\nMIME-Version: 1.0\n'
  printf 'Content-Type: text/plain; charset=ISO-8859-1\n'
  printf 'Content-Transfer-Encoding: quoted-printable\n\n'
  printf 'Le gerfaut et la b=E9cassine sont arriv=E9s =E0 Kars pour la r=E9un=\n'
  printf 'ion du comit=E9.\n'
} >"$m/reunion"

# KOI8-R in base64, subject in RFC 2047 base64.
{
  printf 'From: Ivan Petrov <ivan@example.ru>\nTo: anna@example.de\n'
  printf 'Subject: =?KOI8-R?B?%s?=\n' "$(printf 'Письмо из Еревана' | iconv -f UTF-8 -t KOI8-R | base64 -w0)"
  printf 'Date: Fri, 1 Dec 2000 18:00:00 +0300\nMIME-Version: 1.0\n'
  printf 'Content-Type: text/plain; charset="koi8-r"\nContent-Transfer-Encoding: base64\n\n'
  printf 'В Ереване видели выхухоль на берегу реки.\n' | iconv -f UTF-8 -t KOI8-R | base64
} >"$m/koi8.eml"

# Windows-1251, 8bit, declared; and a wrong US-ASCII label on Latin-1 bytes.
{
  printf 'From: olga@example.ru\nTo: anna@example.de\nSubject: Burunduk\n'
  printf 'Date: Sat, 2 Dec 2000 08:00:00 +0300\nMIME-Version: 1.0\n'
  printf 'Content-Type: text/plain; charset=windows-1251\nContent-Transfer-Encoding: 8bit\n\n'
  printf 'Бурундук спрятал орехи.\n' | iconv -f UTF-8 -t WINDOWS-1251
} >"$m/cp1251.eml"
{
  printf 'From: pierre@example.fr\nTo: anna@example.de\nSubject: Mislabelled\n'
  printf 'Date: Sun, 3 Dec 2000 08:00:00 +0100\nMIME-Version: 1.0\n'
  printf 'Content-Type: text/plain; charset=us-ascii\n\n'
  printf 'Une fen\xeatre sur le pr\xe9au des maquisards.\n'
} >"$m/mislabelled.eml"

# A body that begins as fond's own header would: text, never the message's
# header (its title is its Subject, its date its Date); and a message with
# no Subject, untitled (never titled by its file's name).
cat >"$m/protocol.eml" <<'EOF'
From: Karl Weber <karl@example.de>
Subject: Minutes forwarded
Date: Tue, 3 Mar 1998 10:00:00 +0100
Message-ID: <protocol-1@example.de>

Title: Protocol of the conference
Type: telegram
Date: 1921-03-16

The solenodon delegation arrived at the conference.
EOF
cat >"$m/nosubject.eml" <<'EOF'
From: Karl Weber <karl@example.de>
Message-ID: <nosubject-1@example.de>

The binturong was fed at noon.
EOF

# multipart/alternative: the plain part is read, not the HTML.
cat >"$m/alternative.eml" <<'EOF'
From: Carol White <carol@example.com>
To: anna@example.de
Subject: Kinkajou sighting
Date: Wed, 7 Jul 2010 12:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=utf-8

A kinkajou was seen near the archive.
--alt
Content-Type: text/html; charset=utf-8

<p>A kinkajou was seen near the archive, htmlversionword.</p>
--alt--
EOF

# HTML only: tags, entities, a script and a style left out.
cat >"$m/html.eml" <<'EOF'
From: Dan Green <dan@example.com>
To: anna@example.de
Subject: The tapir
Date: Thu, 8 Jul 2010 12:00:00 +0000
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

<html><head><title>x</title><style>.jaguarundi { color: red }</style></head>
<body><p>The <b>tapir</b>&nbsp;&amp; the caf&eacute; &#8212; and the
ta&#112;ir&#x27;s cousin.</p><script>var jaguarundi =3D 1;</script></body></h=
tml>
EOF

# Attachments: a text one (its words are the message's), a binary one (its
# name only).
{
  printf 'From: Eve Black <eve@example.com>\nTo: anna@example.de\n'
  printf 'Subject: Field notes attached\nDate: Fri, 9 Jul 2010 12:00:00 +0000\n'
  printf 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="mix"\n\n'
  printf -- '--mix\nContent-Type: text/plain; charset=utf-8\n\nThe notes are attached.\n'
  printf -- '--mix\nContent-Type: text/plain; charset=utf-8; name="notes.txt"\n'
  printf 'Content-Disposition: attachment; filename="notes.txt"\nContent-Transfer-Encoding: base64\n\n'
  printf 'A quagga was drawn in the margin of the field notes.\n' | base64
  printf -- '--mix\nContent-Type: image/jpeg\n'
  printf 'Content-Disposition: attachment; filename="okapiphoto.jpg"\nContent-Transfer-Encoding: base64\n\n'
  head -c 3000 /dev/zero | base64
  printf -- '--mix--\n'
} >"$m/attachment.eml"

# An mbox of three messages (one From_-quoted line in the second).
mbox_message() { # FROM DATE SUBJECT WORD
  printf 'From %s Mon Jan  1 00:00:00 2001\n' "$1"
  printf 'From: %s\nTo: anna@example.de\nDate: %s\nSubject: %s\n\n' "$1" "$2" "$3"
  printf 'This message is about the %s.\n>From the field: more on the %s.\n\n' "$4" "$4"
}
{
  mbox_message margaret@example.com 'Mon, 1 Jan 2001 10:00:00 +0000' 'First letter' margay
  mbox_message nigel@example.com 'Tue, 2 Jan 2001 10:00:00 +0000' 'Second letter' serval
  mbox_message olive@example.com 'Fri, 5 Jan 2001 10:00:00 +0000' 'Third letter' caracal
} >"$m/box.mbox"

# Hostile: nested too deep, too many parts, too much header, a text part
# over the limit, and an mbox with one bomb among good messages.
nested() { # DEPTH
  printf 'From: x@example.com\nSubject: deep\nMIME-Version: 1.0\n'
  printf 'Content-Type: multipart/mixed; boundary="b0"\n\n'
  for i in $(seq 1 "$1"); do
    printf -- '--b%d\nContent-Type: multipart/mixed; boundary="b%d"\n\n' $((i - 1)) "$i"
  done
  printf -- '--b%d\nContent-Type: text/plain\n\nnumbat\n' "$1"
  for i in $(seq "$1" -1 0); do printf -- '--b%d--\n' "$i"; done
}
nested 5000 >"$m/hostile/deep.eml"
{
  printf 'From: x@example.com\nSubject: parts\nMIME-Version: 1.0\n'
  printf 'Content-Type: multipart/mixed; boundary="p"\n\n'
  for i in $(seq 1 1500); do printf -- '--p\nContent-Type: text/plain\n\npart %d\n' "$i"; done
  printf -- '--p--\n'
} >"$m/hostile/parts.eml"
{
  printf 'From: x@example.com\nSubject: header\n'
  for i in $(seq 1 4000); do printf 'X-Junk-%d: %0100d\n' "$i" 0; done
  printf '\nbody\n'
} >"$m/hostile/header.eml"
{
  printf 'From: x@example.com\nSubject: bomb\nMIME-Version: 1.0\n'
  printf 'Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n'
  yes 'wombat wombat wombat wombat wombat wombat wombat' | head -c 35000000 | base64 || true
} >"$m/hostile/base64-bomb.eml"
{
  mbox_message good@example.com 'Mon, 1 Jan 2001 10:00:00 +0000' 'Good one' dugong
  printf 'From x@example.com Mon Jan  1 00:00:00 2001\n'
  nested 40 | sed '/^--b40$/,$s/^numbat$/hidden/'
  printf '\n'
  mbox_message fine@example.com 'Mon, 1 Jan 2001 11:00:00 +0000' 'Fine one' manatee
} >"$m/hostile/mixed.mbox"

got=0
"$INDEX" --db "$TMP/db" -v "$m" >"$TMP/out" 2>"$TMP/err" || got=$?
cat "$TMP/out" "$TMP/err"
check "fond-index finishes with warnings (exit 1, got $got)" [ "$got" -eq 1 ]
reported() { grep -F -- "$1" "$TMP/err" | grep -E -- "$2" >/dev/null; }
check "nesting reported" reported "deep.eml" 'nested deeper than 32'
check "many parts reported" reported "parts.eml" 'more than 1000 MIME parts'
check "huge header reported" reported "header.eml" 'header lines over 256 KiB'
check "huge text part reported" reported "base64-bomb.eml" 'a text part over 32 MiB'
check "the bomb in an mbox reported as its message" reported "mixed.mbox#2" 'nested deeper than 32'
check "an mbox is listed with its messages" grep -qE 'added .*box.mbox: mbox, 3 messages, ' "$TMP/out"
check "a message is listed as mail" grep -qE 'added .*/plain.eml: email, 1 passages, .*\(mime\)' "$TMP/out"

# search WORD [ARGS]: the --json hits for WORD into $TMP/hits.
search() { "$SEARCH" --db "$TMP/db" --json "$@" >"$TMP/hits" || true; }
field_is() { every_field_is "$TMP/hits" "$1" "$2"; }
finds() { # NAME QUERY FIELD ERE [FIELD ERE]...
  local name=$1 q=$2; shift 2
  search "$q"
  local ok=1
  while [ $# -gt 0 ]; do field_is "$1" "$2" || ok=0; shift 2; done
  check "$name" [ "$ok" -eq 1 ]
}
finds "UTF-8 message: title, sender, date" aardwolf \
  title '"Minutes of the spring meeting"' from 'Anna Schmidt' date '"1998-05-04"' type '"email"'
finds "quoted-printable Latin-1, RFC 2047 title" bécassine \
  title '"Réunion à Kars"' from 'José Martínez' to 'anna@example.de.*Bob Stone' path '/reunion"'
finds "a word broken by a soft line break is whole" réunion path '/reunion"'
finds "base64 KOI8-R body and title" выхухоль title '"Письмо из Еревана"' date '"2000-12-01"'
finds "declared Windows-1251" бурундук path 'cp1251.eml"'
finds "Latin-1 bytes labelled US-ASCII" préau path 'mislabelled.eml"'
finds "a body beginning 'Title: ...' is text: the message keeps its Subject, Date and type" \
  solenodon title '"Minutes forwarded"' date '"1998-03-03"' type '"email"'
finds "... and its 'Title:' line is found as text" '"Title: Protocol of the conference"' path 'protocol.eml"'
finds "a message with no Subject is untitled, not titled by its file's name" binturong \
  title '""' path 'nosubject.eml"'
"$SEARCH" --db "$TMP/db" binturong >"$TMP/nosubject.txt" || true
check "... shown as such, its file's name as a file's name" \
  grep -q '^1\. \[Untitled\] (nosubject\.eml), passage 1' "$TMP/nosubject.txt"
finds "multipart/alternative: the plain part" kinkajou path 'alternative.eml"'
search htmlversionword
check "multipart/alternative: not the HTML part too" grep -q '"hits": \[\]' "$TMP/hits"
finds "HTML only: text and entities" 'tapir café' path 'html.eml"'
search cousin
check "HTML: character references decoded, one space for &nbsp;" \
  texts_hold "$TMP/hits" "The tapir & the café — and the tapir's cousin"
search jaguarundi
check "HTML: script and style are not text" grep -q '"hits": \[\]' "$TMP/hits"
finds "a text attachment is a passage of its message" quagga \
  title '"Field notes attached"' path 'attachment.eml"'
finds "a binary attachment is found by its name" okapiphoto path 'attachment.eml"'
finds "mbox: the second message is its own source" serval \
  path 'box.mbox#2"' title '"Second letter"' from 'nigel@example.com' date '"2001-01-02"'
finds "mbox: a From_-quoted line is text" '"from the field more on the caracal"' path 'box.mbox#3"'
finds "from: selects mail by sender" 'from:nigel' path 'box.mbox#2"'
finds "date: selects mail by date" 'date:2001-01-05' path 'box.mbox#3"'
finds "from: and date: together" 'from:schmidt date:1998' path 'plain.eml"'
finds "the good messages around a bomb are indexed" 'dugong OR manatee' path 'mixed.mbox#[13]"'
for w in numbat wombat hidden; do
  search "$w"
  check "nothing of the hostile '$w' is indexed" grep -q '"hits": \[\]' "$TMP/hits"
done

# The page shows a message's sender, recipient and date, as for telegrams
# (their names: integration.public_page checks the addresses).
FOND_DB="$TMP/db" REQUEST_METHOD=GET QUERY_STRING='q=aardwolf' \
  "$FOND_BIN/fond.cgi" >"$TMP/page" 2>&1 || true
check "fond.cgi shows sender, recipient and date" \
  grep -qE 'email</span> · .*1998.* · from Anna Schmidt.* to Archive Office' "$TMP/page"

# An mbox that grows is indexed again, message by message; one that goes
# takes its messages with it.
mbox_message pat@example.com 'Sat, 6 Jan 2001 10:00:00 +0000' 'Fourth letter' fossa >>"$m/box.mbox"
"$INDEX" --db "$TMP/db" "$m" >"$TMP/out" 2>"$TMP/err" || true
finds "a message added to an mbox is found" fossa path 'box.mbox#4"'
finds "the mbox's other messages are still found once" margay path 'box.mbox#1"'
check "... and only once" [ "$(grep -c '"passage_id"' "$TMP/hits")" -eq 1 ]
rm "$m/box.mbox"
"$INDEX" --db "$TMP/db" "$m" >"$TMP/out" 2>"$TMP/err" || true
search 'margay OR serval OR fossa'
check "a removed mbox takes all its messages" grep -q '"hits": \[\]' "$TMP/hits"
finish
