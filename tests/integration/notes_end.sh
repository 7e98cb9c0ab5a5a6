# Sources saved as a historian saves them from an edition: a heading, the
# body with its footnote markers, the notes at the end, and no header of
# fond's.  In `fond-search --json` each footnote is on the passage that
# holds its marker, and the notes are not the last passage's text; in
# English (superscript markers), Russian ("1." notes, glued markers),
# German ("[1]" markers under "Fußnoten"), French ("1 text" notes); a
# decree's numbered paragraphs stay its text, and editorial brackets and a
# number a marker is glued to stay as printed.
source "$(dirname "$0")/common.bash"
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
DB="$TMP/db" A="$TMP/edition"
mkdir -p "$A"

# Sentences enough to make a paragraph a passage of its own (passage.h
# aims at 600 bytes), of words no check looks for.
filler() { local i; for i in 1 2 3 4 5 6 7 8 9; do
  printf 'The commission heard report %s at length before the vote. ' "$i"; done; }

{ printf 'The Minister in Sweden (Morris) to the Secretary of State\n\n[Telegram]\n\n'
  printf 'Stockholm, March 4, 1920, 7 [4] p.m.\n[Received March 5, 3:20 a.m.]\n\n'
  printf '2348. Your 5860\xc2\xb9 of February 26 reached the Legation. '; filler; printf '\n\n'
  printf 'The Finnish delegation asks that the credit of [$]5,000,000 be opened, as agreed on January 12, 1920.\xc2\xb2 The delegation says [sic] it will wait. '
  filler; printf '\n\n'
  printf 'The frontier question goes to the conference at Dorpat.\xc2\xb3\n\nMorris\n\n'
  printf '\xc2\xb9 Not printed; the instruction concerned the Aland question.\n'
  printf '\xc2\xb2 See the Minister'"'"'s telegram No. 2301, File No. 760d.61/98.\n'
  printf '\xc2\xb3 For the treaty of Dorpat, see Hertslet, vol. 3.\n'
} >"$A/stockholm-1920.txt"

{ printf 'Нарком иностранных дел полпреду в Ангоре\n\nМосква, 3 июля 1921 г.\n\n'
  printf 'Договор подписан в Карсе.1 '; filler; printf '\n\n'
  printf 'Ратификация затянулась до весны.2 '; filler; printf '\n\nЧичерин\n\n'
  printf '1. См.: Документы внешней политики СССР. Т. IV. С. 227.\n'
  printf '2. АВП РФ, ф. 04, оп. 32, п. 206, д. 52881.\n'
} >"$A/moskva-1921.txt"

{ printf 'Der Botschafter in Moskau an das Auswärtige Amt\n\nMoskau, den 16. März 1921\n\n'
  printf 'Der Vertrag wurde heute unterzeichnet.[1] '; filler; printf '\n\n'
  printf 'Die Türkei erhält Kars und Ardahan.[2] '; filler; printf '\n\n'
  printf 'Fußnoten\n\n[1] Nicht abgedruckt; vgl. Akten zur deutschen auswärtigen Politik.\n'
  printf '[2] BArch R 43 I/1234, Blatt 17.\n'
} >"$A/moskau-1921.txt"

{ printf "L'ambassadeur de France à Constantinople au ministre des Affaires étrangères\n\n"
  printf 'Péra, le 20 octobre 1921\n\n'
  printf 'Le traité de Kars a été signé le 13 octobre.1 '; filler; printf '\n\n'
  printf 'Les délégations sont parties pour Tiflis.2 '; filler; printf '\n\n'
  printf '1 Non reproduit ; le texte est aux archives de Nantes.\n'
  printf '2 Voir le télégramme n° 412 du 22 octobre.\n'
} >"$A/pera-1921.txt"

{ printf 'Decree of the Council of People'"'"'s Commissars on the frontier\n\n'
  printf 'The Council of People'"'"'s Commissars decrees:\n\n'
  printf '1. The frontier follows the line of the Treaty of Moscow (Moscow, 16 March 1921), article 4.\n'
  printf '2. See that the boundary commission meets at Kars, f. 28, op. 1, d. 68.\n'
  printf '3. The garrisons withdraw behind the line.\n'
} >"$A/decree.txt"

"$INDEX" -q --db "$DB" "$A"

# notes_of FILE WORD: for each hit of WORD in FILE (its path ends so), one
# line: the note numbers of the hit, a tab, its text.
notes_of() {
  { "$SEARCH" --db "$DB" --json --limit 1000 "$2" || true; } | python3 -c '
import json, sys
text = sys.stdin.read()
for h in json.loads(text)["hits"] if text else []:
    if h["path"].endswith("/" + sys.argv[1]):
        nums = ",".join(str(n["number"]) for n in h["notes"])
        print(nums + "\t" + h["text"].replace("\n", " "))' "$1"
}

# on_passage FILE WORD NOTES: the passage of FILE that holds WORD has
# exactly these notes (numbers, "1,2").
on_passage() {
  local got; got=$(notes_of "$1" "$2" | cut -f1)
  if [ "$got" = "$3" ]; then pass "$1: the passage with '$2' has notes $3"
  else fail "$1: the passage with '$2' has notes '$got', wanted '$3'"; fi
}

# notes_not_text FILE WORD: WORD of a note finds FILE, but in no passage's
# text (the notes are not the last passage's text).
notes_not_text() {
  local hits; hits=$(notes_of "$1" "$2")
  if [ -z "$hits" ]; then fail "$1: the note's word '$2' finds nothing"
  elif printf '%s\n' "$hits" | cut -f2- | grep -qiF -- "$2"; then
    fail "$1: the note's word '$2' is in a passage's text"
  else pass "$1: the note's word '$2' is a note's, not the text's"; fi
}

on_passage stockholm-1920.txt Legation 1
on_passage stockholm-1920.txt Finnish 2
on_passage stockholm-1920.txt Dorpat 3
notes_not_text stockholm-1920.txt Aland
notes_not_text stockholm-1920.txt Hertslet
on_passage moskva-1921.txt подписан 1
on_passage moskva-1921.txt Ратификация 2
notes_not_text moskva-1921.txt 52881
on_passage moskau-1921.txt unterzeichnet 1
on_passage moskau-1921.txt Ardahan 2
notes_not_text moskau-1921.txt abgedruckt
notes_not_text moskau-1921.txt Blatt
on_passage pera-1921.txt signé 1
on_passage pera-1921.txt Tiflis 2
notes_not_text pera-1921.txt Nantes

# What is printed stays: the editor's figure and dollar sign, [sic], and
# the number a marker is glued to ("Your 5860¹" finds 5860, not 58601).
texts=$(notes_of stockholm-1920.txt Stockholm | cut -f2-)
check "an editorial bracket '7 [4] p.m.' stays" grep -qF '7 [4] p.m.' <<<"$texts"
texts=$(notes_of stockholm-1920.txt Finnish | cut -f2-)
check "'[\$]5,000,000' stays" grep -qF '[$]5,000,000' <<<"$texts"
check "'[sic]' stays" grep -qF 'says [sic] it' <<<"$texts"
check "'Your 5860¹' finds 5860" test -n "$(notes_of stockholm-1920.txt 5860)"

# A decree's numbered paragraphs are its text: none vanishes, none is a note.
for word in frontier boundary garrisons; do
  got=$(notes_of decree.txt "$word")
  check "decree: '$word' is found" test -n "$got"
  check "decree: '$word' is text, no note" test "$(cut -f1 <<<"$got")" = ""
done
finish
