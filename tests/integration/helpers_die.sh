# A helper dies with fond-index: fond-index killed by SIGKILL while OCR
# renders a page leaves no pdftoppm running on its own, and no file behind
# in TMPDIR (the page's image never has a name); killed while its --jobs
# write shards, it leaves no job indexing on.  A pdftoppm that never
# ends (a stand-in on PATH) makes sure the kill comes during OCR.
source "$(dirname "$0")/common.bash"
command -v gs >/dev/null && command -v groff >/dev/null || exit 77
printf '.PP\nThe commissioners examined the credentials of the delegation.\n' |
  groff -ms -Tps >"$TMP/scan.ps"
mkdir -p "$TMP/col" "$TMP/bin" "$TMP/tmp"
gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfimage8 -r100 -sOutputFile="$TMP/col/scan.pdf" "$TMP/scan.ps"
cat >"$TMP/bin/pdftoppm" <<T
#!/bin/sh
echo \$\$ >"$TMP/pdftoppm.pid"
exec sleep 120
T
chmod +x "$TMP/bin/pdftoppm"
stray=
cleanup() { [ -z "$stray" ] || kill -9 "$stray" 2>/dev/null || true; stop_web; }
trap cleanup EXIT

export XDG_CACHE_HOME="$TMP/cache"
unset FOND_OCR_CACHE
TMPDIR="$TMP/tmp" PATH="$TMP/bin:$PATH" "$INDEX" -q --db "$TMP/db" "$TMP/col" &
indexer=$!
for _ in $(seq 100); do [ -s "$TMP/pdftoppm.pid" ] && break; sleep 0.1; done
check "OCR started pdftoppm" [ -s "$TMP/pdftoppm.pid" ]
helper=$(cat "$TMP/pdftoppm.pid" 2>/dev/null || echo 0)
kill -9 "$indexer"
wait "$indexer" 2>/dev/null || true
for _ in $(seq 30); do kill -0 "$helper" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$helper" 2>/dev/null; then stray=$helper; fi
check "fond-index killed by SIGKILL: its pdftoppm is gone too" [ -z "$stray" ]
check "... and TMPDIR holds nothing of it ($(ls "$TMP/tmp" | tr '\n' ' '))" \
  [ -z "$(ls -A "$TMP/tmp")" ]

# The jobs of a sharded run die with fond-index too (a killed run loses the
# batches under way, as it always may), rather than index on alone.
mkdir -p "$TMP/many"
for i in $(seq 1 200); do
  sed "s/Kars/Kars$i/" "$FOND_SRC/corpus/narrative/treaty-of-kars-1921.txt" >"$TMP/many/copy$i.txt"
done
"$INDEX" -q --shards 2 --jobs 2 --db "$TMP/sharded" "$TMP/many" &
indexer=$!
sleep 0.5
kill -9 "$indexer"
wait "$indexer" 2>/dev/null || true
no_job_left() { ! pgrep -f -- "--jobs 2 --db $TMP/sharded" >/dev/null; }
for _ in $(seq 10); do no_job_left && break; sleep 0.1; done
check "fond-index --jobs 2 killed by SIGKILL: no job of it indexes on" no_job_left
finish
