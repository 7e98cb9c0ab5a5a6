# fond-index --jobs N on a database of one shard: N readers do the slow
# reading of the files ahead of the one writer (a PDF's metadata, text layer
# and OCR: every helper program) and hand what they read to it, so that the
# writer runs no helper for a file a reader read.  The database and the
# --verbose listing are the same as --jobs 1 gives; a reader that dies costs
# nothing but time; nothing is left in TMPDIR, even when fond-index is
# killed.  Stand-ins on PATH record each helper's run (which process, which
# file, by its MD5, with which arguments; not `tesseract --list-langs`,
# which each process that meets a scan runs once) and run the real one.
source "$(dirname "$0")/common.bash"
command -v gs >/dev/null && command -v groff >/dev/null || exit 77
unset FOND_OCR_CACHE
col="$TMP/col"
mkdir -p "$col" "$TMP/bin" "$TMP/tmp"
export TMPDIR="$TMP/tmp"
for i in 1 2 3; do # scans (first in name order, so that the readers take some), no text layer
  printf '.PP\nReport %s. The commissioners examined the credentials of delegation %s at the frontier station and found them in order.\n' "$i" "$i" |
    groff -ms -Tps >"$TMP/s.ps"
  gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfimage8 -r100 -sOutputFile="$col/0-scan-$i.pdf" "$TMP/s.ps"
  printf '.TL\nMinutes %s\n.PP\nThe minutes of sitting %s of the conference, with a text layer.\n.bp\n.PP\nA second page: the delegates signed protocol %s.\n' "$i" "$i" "$i" |
    groff -ms -Tpdf >"$col/1-minutes-$i.pdf"
done
python3 "$FOND_SRC/tests/integration/pdfgen.py" damaged "$col/2-damaged.pdf"
cp "$FOND_SRC"/corpus/telegrams/*.txt "$col/"
pdfs=$(ls "$col"/*.pdf | wc -l)
for tool in pdfinfo pdftotext pdftoppm tesseract; do
  # (pdftotext -bbox-layout, the words' boxes, is a helper of its own)
  cat >"$TMP/bin/$tool" <<T
#!/bin/sh
[ "\$1" = --list-langs ] && exec "$(command -v $tool)" "\$@" # packs, not a file
echo "$tool \$PPID \$(md5sum /dev/stdin | cut -c1-32) \$*" >>"$TMP/helpers.log"
exec "$(command -v $tool)" "\$@"
T
  chmod +x "$TMP/bin/$tool"
done

# texts DB: every passage's path, ordinal and text, sorted (not its id:
# each database has its own key).
texts() {
  "$SEARCH" --db "$1" --json --limit 1000 '*' |
    grep -E '^      "(path|ordinal|text)": ' | paste - - - | sort
}
# run_index LOG PID_FILE ARGS...: fond-index ARGS with the stand-ins, its pid
# in PID_FILE, their runs in LOG; its exit status in $got.
run_index() {
  local log=$1 pid=$2; shift 2
  got=0
  rm -f "$TMP/helpers.log"
  PATH="$TMP/bin:$PATH" bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$pid" "$INDEX" "$@" \
    >"$TMP/out" 2>"$TMP/err" || got=$?
  mv "$TMP/helpers.log" "$log"
}
# listing OUT DB: the --verbose listing, with the database's name taken out.
listing() { sed "s|$2|DB|" "$1"; }

run_index "$TMP/helpers1.log" "$TMP/pid1" -v --jobs 1 --ocr-cache "$TMP/cache1" --db "$TMP/db1" "$col"
cp "$TMP/out" "$TMP/jobs1.out"; cp "$TMP/err" "$TMP/jobs1.err"
check "--jobs 1 indexes all but the damaged PDF (exit $got)" [ "$got" -eq 1 ]
texts "$TMP/db1" >"$TMP/db1.texts"

run_index "$TMP/helpers2.log" "$TMP/pid2" -v --jobs 2 --ocr-cache "$TMP/cache2" --db "$TMP/db2" "$col"
cp "$TMP/out" "$TMP/jobs2.out"
check "--jobs 2 on a database of one shard indexes it (exit $got)" [ "$got" -eq 1 ]
check "... the same passages as --jobs 1 ($(wc -l <"$TMP/db1.texts"))" \
  cmp -s <(passage_ids "$TMP/db1") <(passage_ids "$TMP/db2")
check "... with the same texts" cmp -s "$TMP/db1.texts" <(texts "$TMP/db2")
check "... the scans among them (read by OCR)" grep -q 'credentials of delegation 3' "$TMP/db1.texts"
check "... and the text layers" grep -q 'signed protocol 3' "$TMP/db1.texts"
check "... the same --verbose listing, pages read by OCR counted as such" \
  cmp -s <(listing "$TMP/jobs1.out" "$TMP/db1") <(listing "$TMP/jobs2.out" "$TMP/db2")
check "... the same warnings" cmp -s "$TMP/jobs1.err" "$TMP/err"
writer=$(cat "$TMP/pid2")
by_readers() { awk -v w="$writer" '$2 != w' "$TMP/helpers2.log"; }
check "... readers ran helpers ($(by_readers | wc -l) of $(wc -l <"$TMP/helpers2.log"))" \
  [ -n "$(by_readers)" ]
check "... pdfinfo read each PDF's metadata once ($pdfs)" \
  [ "$(awk '$1 == "pdfinfo" && / -isodates / { print $3 }' "$TMP/helpers2.log" | sort | uniq -c | awk '$1 == 1' | wc -l)" -eq "$pdfs" ]
check "... no helper ran twice on a file for the same thing" \
  [ -z "$(awk '{ $2 = ""; print }' "$TMP/helpers2.log" | sort | uniq -d)" ]
read_by_readers() { by_readers | awk '{ print $3 }' | sort -u; }
by_writer() { awk -v w="$writer" '$2 == w { print $3 }' "$TMP/helpers2.log" | sort -u; }
check "... the writer ran no helper for a file a reader read" \
  [ -z "$(comm -12 <(read_by_readers) <(by_writer))" ]
check "... as many helpers as --jobs 1 ran ($(wc -l <"$TMP/helpers1.log"))" \
  [ "$(wc -l <"$TMP/helpers1.log")" -eq "$(wc -l <"$TMP/helpers2.log")" ]
no_reader_left() { ! pgrep -f -- "--ocr-cache $TMP/cache2 --db" >/dev/null; }
check "... and no reader left running" no_reader_left
check "... nor anything in TMPDIR" [ -z "$(ls -A "$TMP/tmp")" ]

# A reader that dies: pdftoppm (a stand-in on the PATH) kills its parent,
# once, when that is not the writer.  The writer reads the file itself.
cat >"$TMP/bin/pdftoppm" <<T
#!/bin/sh
if [ "\$PPID" != "\$(cat "$TMP/pid3")" ] && mkdir "$TMP/killed" 2>/dev/null; then
  kill -9 "\$PPID"; exit 1
fi
exec "$(command -v pdftoppm)" "\$@"
T
run_index "$TMP/helpers3.log" "$TMP/pid3" -q --jobs 2 --ocr-cache "$TMP/cache3" --db "$TMP/db3" "$col"
check "a reader killed by SIGKILL in the middle of a scan ($([ -d "$TMP/killed" ] && echo killed))" \
  [ -d "$TMP/killed" ]
check "... the run ends as a clean one (exit $got)" [ "$got" -eq 1 ]
check "... with the same passages and texts as --jobs 1" \
  cmp -s "$TMP/db1.texts" <(texts "$TMP/db3")

# fond-index killed while its readers read: no reader, no helper left
# running, nothing in TMPDIR (what a reader read is in its memory and its
# pipe, never in a file).
cat >"$TMP/bin/pdftotext" <<T
#!/bin/sh
[ "\$PPID" = "\$(cat "$TMP/pid4")" ] || echo \$\$ >>"$TMP/stuck"
exec sleep 120
T
PATH="$TMP/bin:$PATH" bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$TMP/pid4" \
  "$INDEX" -q --jobs 2 --ocr-cache "$TMP/cache4" --db "$TMP/db4" "$col" &
indexer=$!
for _ in $(seq 100); do [ -s "$TMP/stuck" ] && break; sleep 0.1; done
check "fond-index --jobs 2: a reader reads a text layer" [ -s "$TMP/stuck" ]
kill -9 "$indexer"
wait "$indexer" 2>/dev/null || true
nothing_left() { ! pgrep -f -- "--ocr-cache $TMP/cache4 --db" >/dev/null &&
                 for p in $(cat "$TMP/stuck"); do ! kill -0 "$p" 2>/dev/null || return 1; done; }
for _ in $(seq 30); do nothing_left && break; sleep 0.1; done
check "... killed by SIGKILL: no reader and no helper of it left" nothing_left
check "... and nothing in TMPDIR ($(ls "$TMP/tmp" | tr '\n' ' '))" [ -z "$(ls -A "$TMP/tmp")" ]
finish
