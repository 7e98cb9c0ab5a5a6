# fond-index --jobs N on a database of one shard: N readers do the slow
# reading (OCR) of the files ahead of the one writer, through the OCR
# cache.  The database is the same as --jobs 1 writes (its passages, each
# named by path and ordinal, and their texts); a reader that dies costs nothing but time, and the writer never
# waits for it.
source "$(dirname "$0")/common.bash"
command -v gs >/dev/null && command -v groff >/dev/null || exit 77
unset FOND_OCR_CACHE
col="$TMP/col"
mkdir -p "$col" "$TMP/bin"
for i in 1 2 3; do # scans (first in name order, so that the readers take some), no text layer
  printf '.PP\nReport %s. The commissioners examined the credentials of delegation %s at the frontier station and found them in order.\n' "$i" "$i" |
    groff -ms -Tps >"$TMP/s.ps"
  gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfimage8 -r100 -sOutputFile="$col/0-scan-$i.pdf" "$TMP/s.ps"
done
printf '.PP\nThe minutes of the conference, with a text layer.\n' | groff -ms -Tpdf >"$col/minutes.pdf"
cp "$FOND_SRC"/corpus/telegrams/*.txt "$col/"

# texts DB: every passage's path, ordinal and text, sorted (not its id:
# each database keys its own).
texts() {
  "$SEARCH" --db "$1" --json --limit 1000 '*' |
    grep -E '^      "(path|ordinal|text)": ' | paste - - - | sort
}
"$INDEX" -q --jobs 1 --ocr-cache "$TMP/cache1" --db "$TMP/db1" "$col"
texts "$TMP/db1" >"$TMP/db1.texts"

expect_exit 0 "--jobs 2 on a database of one shard indexes it" \
  "$INDEX" -v --jobs 2 --ocr-cache "$TMP/cache2" --db "$TMP/db2" "$col"
cp "$TMP/out" "$TMP/jobs2.out"
check "... the same passages as --jobs 1 ($(wc -l <"$TMP/db1.texts"))" \
  cmp -s <(passage_ids "$TMP/db1") <(passage_ids "$TMP/db2")
check "... with the same texts" cmp -s "$TMP/db1.texts" <(texts "$TMP/db2")
check "... the scans among them (read by OCR)" grep -q 'credentials of delegation 3' "$TMP/db1.texts"
check "... a scan the writer found read by a reader (in the OCR cache)" \
  grep -q 'scan-.\.pdf: .*(0 by OCR, 1 from the OCR cache' "$TMP/jobs2.out"
no_reader_left() { ! pgrep -f -- "--ocr-cache $TMP/cache2 --db" >/dev/null; }
check "... and no reader left running" no_reader_left

# A reader that dies: pdftoppm (a stand-in on the PATH) kills its parent,
# once, when that is not the writer.  The writer reads the file itself.
cat >"$TMP/bin/pdftoppm" <<T
#!/bin/sh
if [ "\$PPID" != "\$(cat "$TMP/writer.pid")" ] && mkdir "$TMP/killed" 2>/dev/null; then
  kill -9 "\$PPID"; exit 1
fi
exec "$(command -v pdftoppm)" "\$@"
T
chmod +x "$TMP/bin/pdftoppm"
got=0
PATH="$TMP/bin:$PATH" bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$TMP/writer.pid" \
  "$INDEX" -q --jobs 2 --ocr-cache "$TMP/cache3" --db "$TMP/db3" "$col" || got=$?
check "a reader killed by SIGKILL in the middle of a scan ($([ -d "$TMP/killed" ] && echo killed))" \
  [ -d "$TMP/killed" ]
check "... the run ends as a clean one (exit $got)" [ "$got" -eq 0 ]
check "... with the same passages and texts as --jobs 1" \
  cmp -s "$TMP/db1.texts" <(texts "$TMP/db3")
finish
