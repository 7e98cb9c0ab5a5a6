# A collection of bad files among good ones: binary, invalid UTF-8, a 50 MB
# file with no newline, empty, unreadable, a symlink loop, a FIFO, file
# names with a newline and with invalid UTF-8, folders nested 150 deep,
# encodings mislabelled or unknown.  fond-index must finish, report each
# problem with its reason, index every good file, exit 1 ("completed with
# warnings"), and stay within a small multiple of the largest file in
# memory.  (Run as an unprivileged user when root, so that an unreadable
# file is unreadable.)
source "$(dirname "$0")/common.bash"
H=$(mktemp -d /tmp/fond-hostile.XXXXXX) # /tmp: reachable by that user too
chmod 755 "$H"
trap 'rm -rf "$H"; stop_web' EXIT
col="$H/col"
mkdir "$col"

# good FILE WORD: a good source holding one word found nowhere else.
good() { printf 'A good source that mentions the %s once.\n' "$2" >"$1"; }
good "$col/plain.txt" zebrafinch
good "$col/$(printf 'new\nline.txt')" quokka
good "$col/$(printf 'caf\xe9.txt')" wombat
good "$col/empty-name-twin.txt" pangolin
: >"$col/empty.txt"
deep="$col/deep"; for _ in $(seq 1 150); do deep="$deep/d"; done
mkdir -p "$deep" && good "$deep/deep.txt" axolotl
printf 'Encoding: KOI8-R\n\nТекст в UTF-8 про Карс и okapi.\n' >"$col/mislabelled.txt"
printf 'Latin-1 bytes: caf\xe9, na\xefve, and a narwhal.\n' >"$col/invalid-utf8.txt"
{ yes 'the treaty of kars was signed in thirteen articles' | tr '\n' ' ' |
    head -c 50000000 || true; echo -n ' capybara'; } >"$col/huge-one-line.txt" # (yes: SIGPIPE)
{ head -c 2000 /dev/urandom; printf '\0\0\0'; } >"$col/binary.bin"
printf 'Encoding: klingon\n\nqapla\n' >"$col/unknown-encoding.txt"
good "$col/unreadable.txt" ocelot && chmod 000 "$col/unreadable.txt"
ln -s loop "$col/loop"
mkdir "$col/up" && ln -s .. "$col/up/parent"
mkfifo "$col/fifo"
good_words=(zebrafinch quokka wombat pangolin axolotl okapi narwhal capybara)

# Unprivileged when root: nobody (65534) reading a 000 file is refused.
as_user=()
if [ "$(id -u)" -eq 0 ] && setpriv --reuid=65534 --regid=65534 --clear-groups "$INDEX" --version >/dev/null 2>&1; then
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  chmod 777 "$H"
fi
got=0
"${as_user[@]}" /usr/bin/time -f '%M' -o "$H/rss" \
  "$INDEX" --db "$H/db" "$col" >"$TMP/out" 2>"$TMP/err" || got=$?
cat "$TMP/err" "$TMP/out"
check "fond-index finishes, exit 1: completed with warnings (got $got)" [ "$got" -eq 1 ]
reported() { grep -F -- "$1" "$TMP/err" | grep -E -- "$2" >/dev/null; }
check "binary file reported" reported "binary.bin" 'binary file'
check "unknown encoding reported" reported "unknown-encoding.txt" "unknown encoding 'klingon'"
check "symlink loop reported" reported "col/loop" 'Too many levels of symbolic links'
check "mislabelled encoding reported, and read as UTF-8" reported "mislabelled.txt" 'says KOI8-R, but the text is valid UTF-8'
if [ ${#as_user[@]} -gt 0 ] || [ "$(id -u)" -ne 0 ]; then
  check "unreadable file reported" reported "unreadable.txt" 'Permission denied'
else
  echo "note: root without setpriv: the unreadable file is readable; not checked"
  good_words+=(ocelot)
fi
for w in "${good_words[@]}"; do
  check "the good file with '$w' is indexed" bash -c "'$SEARCH' --db '$H/db' --json '$w' | grep -q '\"passage_id\"'"
done
check "the summary counts them" grep -qE '^[0-9]+ added, 0 updated, 0 removed, 0 unchanged, [34] skipped' "$TMP/out"

# Memory: a small multiple of the 50 MB file (sanitizers use more: noted).
rss_mb=$(( $(tail -1 "$H/rss") / 1024 )) # after "Command exited with non-zero status 1"
echo "peak RSS indexing the collection with a 50 MB single-line file: $rss_mb MB"
if [ "${FOND_SANITIZED:-OFF}" = ON ]; then
  echo "note: built with sanitizers: the memory bound is checked in the plain build"
else
  check "peak memory ($rss_mb MB) at most 6 x 50 MB" [ "$rss_mb" -le 300 ]
fi

# Again: nothing changed, the bad files stay reported, nothing is lost.
"${as_user[@]}" "$INDEX" --db "$H/db" "$col" >"$TMP/out2" 2>"$TMP/err2" || true
check "a second run changes nothing" grep -qE '^0 added, 0 updated, 0 removed, [0-9]+ unchanged' "$TMP/out2"
finish
