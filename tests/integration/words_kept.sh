# Text is never lost: a sample of the words of every source of corpus/
# (its body and its notes, not its header), and of damaged texts made
# here, is searched with fond-search, and each word finds its file.  The
# damaged texts hold what repair once dropped: a decree's numbered
# paragraphs that look like citations, stranded note text no marker
# points to, a second note of one number, numbers with editorial brackets.
source "$(dirname "$0")/common.bash"
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
DB="$TMP/db" A="$TMP/sources"
mkdir -p "$A"
cp -r "$FOND_SRC/corpus/." "$A/"

cat >"$A/decree.txt" <<'TXT'
Decree of the Council of People's Commissars on the frontier

The Council of People's Commissars decrees:

1. The frontier follows the line fixed by the Treaty of Moscow (Moscow, 16 March 1921), article 4, Zangezur excepted.

2. See that the boundary commission meets at Kars, f. 28, op. 1, d. 68, with the Nakhichevan delegates.

3. The garrisons withdraw behind the line.
TXT
cat >"$A/stranded.txt" <<'TXT'
The delegations met at Alexandropol and heard the Ottoman proposals.

See: Dokumenty vneshney politiki SSSR. T. IV, M.: Gospolitizdat, 1960, p. 227-228

They signed the protocol of Gumri, at a cost of [$]5,000,000 and 7 [4] hours of talks.
TXT
cat >"$A/twice.txt" <<'TXT'
Title: Two notes of one number
Type: note

The commission met at Sarikamish.[1]

Notes
1. The first note, of Erzurum.
1. The second note, of Trebizond.
TXT

"$INDEX" -q --db "$DB" "$A"

python3 - "$SEARCH" "$DB" "$A" <<'PY'
import json, os, re, subprocess, sys
search, db, root = sys.argv[1:4]
HEADER = re.compile(r"^(Title|Type|Date|From|To|Place|Language|Encoding|"
                    r"Archive reference|Source|Creator|Rights):", re.I)
WORD = re.compile(r"[^\W\d_]{5,}")
lost = checked = 0
for folder, _, names in sorted(os.walk(root)):
    for name in sorted(names):
        if not name.endswith(".txt"):
            continue
        path = os.path.join(folder, name)
        lines = open(path, encoding="utf-8").read().split("\n")
        if lines and HEADER.match(lines[0].lstrip("\ufeff")):
            lines = lines[lines.index(""):] if "" in lines else []
        lines = [l for l in lines if l.strip().rstrip(":") != "Notes"]
        words = WORD.findall("\n".join(lines))
        # about twelve spread over the text, and the last two (its notes)
        step = max(1, len(words) // 12)
        sample = sorted(set(words[::step] + words[-2:]))
        for w in sample:
            out = subprocess.run([search, "--db", db, "--json", "--limit",
                                  "1000", w], capture_output=True, text=True)
            hits = json.loads(out.stdout)["hits"] if out.stdout else []
            checked += 1
            if not any(h["path"] == path for h in hits):
                print(f"FAIL: '{w}' of {os.path.relpath(path, root)} "
                      "does not find it")
                lost += 1
print(f"{checked} words searched, {lost} lost")
sys.exit(1 if lost else 0)
PY
check "every sampled word finds its source" test $? -eq 0
finish
