# Hostile PDFs among good files: encrypted, damaged, truncated, with no
# page, with a huge page count, a decompression bomb; and a PDF reader
# that crashes, hangs or floods (stand-ins for pdftotext put first on the
# PATH, as a crash in Poppler would look).  Each is reported with a clear
# reason and skipped; the rest of the run is indexed; exit 1.
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
col="$TMP/col"
mkdir -p "$col"
export XDG_CACHE_HOME="$TMP/cache"
gen() { python3 "$FOND_SRC/tests/integration/pdfgen.py" "$@"; }
pdf_of() { # FILE TEXT: a one-page PDF of TEXT
  printf '.PP\n%s\n' "$2" | groff -ms -Tpdf >"$1"
}

pdf_of "$col/good.pdf" "A good PDF that mentions the quetzal once."
printf 'A good text file that mentions the jacana once.\n' >"$col/good.txt"
printf '.PP\nSecret minutes of the commission.\n' | groff -ms -Tps >"$TMP/secret.ps"
gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -sOwnerPassword=owner \
  -sUserPassword=user -sOutputFile="$col/encrypted.pdf" "$TMP/secret.ps"
gen damaged "$col/damaged.pdf"
pdf_of "$TMP/whole.pdf" "A PDF cut in half on its way to the archive."
head -c $(($(stat -c %s "$TMP/whole.pdf") / 2)) "$TMP/whole.pdf" >"$col/truncated.pdf"
gen zero "$col/no-pages.pdf"
gen pages "$col/many-pages.pdf" 10001
gen bomb "$col/bomb.pdf" 1040
# Signed as PDF but named otherwise: known by its signature.
cp "$col/damaged.pdf" "$col/damaged-named.txt"
# For the stand-in readers: ordinary PDFs with a word that tells them what
# to do.
pdf_of "$col/crash.pdf" "FONDTESTCRASH"
pdf_of "$col/hang.pdf" "FONDTESTHANG"
pdf_of "$col/flood.pdf" "FONDTESTFLOOD"

fake="$TMP/bin"
mkdir -p "$fake"
cat >"$fake/pdftotext" <<'EOF'
#!/bin/sh
# A pdftotext that misbehaves on cue, else the real one.
text=$(/usr/bin/pdftotext /dev/stdin - 2>/dev/null)
case "$text" in
  *FONDTESTCRASH*) kill -SEGV $$ ;;
  *FONDTESTHANG*) exec sleep 613 ;;
  *FONDTESTFLOOD*) exec yes 'flood flood flood flood flood flood flood' ;;
esac
exec /usr/bin/pdftotext "$@"
EOF
chmod +x "$fake/pdftotext"

start=$(date +%s)
expect_exit 1 "fond-index finishes, with warnings" \
  env PATH="$fake:$PATH" "$INDEX" --db "$DB" --timeout 5 "$col"
took=$(($(date +%s) - start))
cp "$TMP/err" "$TMP/index.err"
reason "encrypted: needs a password" encrypted.pdf 'encrypted PDF: it needs a password'
reason "damaged: says so, with Poppler's reason" damaged.pdf 'damaged PDF \(.+\)'
reason "known by its signature, whatever its name" damaged-named.txt 'damaged PDF \(.+\)'
reason "truncated: no %%EOF" truncated.pdf 'truncated PDF: no %%EOF at its end'
reason "no pages" no-pages.pdf 'PDF with no pages( \(.+\))?'
reason "a huge page count" many-pages.pdf 'PDF of 10001 pages, more than the 10000 fond reads'
reason "a decompression bomb" bomb.pdf 'decompression bomb: its [0-9]+ KB inflate to over 1024 MB'
reason "a reader that crashes" crash.pdf 'pdftotext crashed \(Segmentation fault\)'
reason "a reader that hangs: stopped" hang.pdf 'pdftotext ran for over 5 s and was stopped'
reason "a reader that floods: stopped" flood.pdf '(pdftotext wrote over 64 MB and was stopped|text bomb: .*over 64 MB of text)'
check "the hanging reader cost its timeout, not the run ($took s)" test "$took" -lt 60
check "no reader is left running" bash -c "! pgrep -f 'sleep [6]13' >/dev/null && ! pgrep -f 'yes [f]lood flood' >/dev/null"
"$SEARCH" --db "$DB" --json quetzal >"$TMP/q" || true
check "the good PDF is indexed" grep -q 'good.pdf' "$TMP/q"
"$SEARCH" --db "$DB" --json jacana >"$TMP/j" || true
check "the good text file is indexed" grep -q 'good.txt' "$TMP/j"
check "the summary counts them" grep -q '2 added, 0 updated, 0 removed, 0 unchanged, 10 skipped' "$TMP/out"
# A failed PDF is not read again until it changes (its record says why).
expect_exit 1 "a second run skips them again" \
  env PATH="$fake:$PATH" "$INDEX" --db "$DB" --timeout 5 "$col"
check "... without running a reader" grep -q 'unchanged since it failed: .*hang.pdf' "$TMP/err"
finish
