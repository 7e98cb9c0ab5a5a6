# Word boxes of text PDFs: fond-index reads each text PDF's words' boxes
# with pdftotext -bbox-layout (one run a batch of pages, only for a PDF
# with a text layer, never for a scan), while the text it indexes stays
# pdftotext's own; a -bbox-layout run that crashes, hangs or floods costs
# the boxes, never the file.  Stand-ins for pdfinfo and pdftotext on the
# PATH record each run (its arguments, the file's MD5) and misbehave on
# cue.  The boxes themselves are checked in tests/unit/test_pdfbox.c
# (through extract_bytes); here, once `--json` hits carry them, each
# highlighted word's box lies inside its page.
source "$(dirname "$0")/common.bash"
command -v groff >/dev/null && command -v gs >/dev/null || exit 77
unset FOND_OCR_CACHE
col="$TMP/col"
mkdir -p "$col" "$TMP/bin"

# A text PDF of two pages, in lines narrow enough for groff to hyphenate
# long words (pdftotext's text joins their halves again).
{ printf '.ll 2i\n.LP\n'
  for i in 1 2 3 4 5 6; do
    printf 'The plenipotentiary representatives reconsidered the internationalisation of the frontier. '
  done
  printf '\n.bp\n.LP\nCaspian steppe villages answered the commissioners.\n'; } |
  groff -ms -Tpdf >"$col/text.pdf"
# PDFs whose -bbox-layout run crashes, hangs, floods (cued by a word).
for cue in crash hang flood; do
  printf '.LP\nThe %s report of the boundary commission, FONDBOX%s.\n' "$cue" "$cue" |
    groff -ms -Tpdf >"$col/box-$cue.pdf"
done
# A scan: no text layer (and OCR off), so no boxes to read.
printf '.PP\nThe commissioners examined the credentials.\n' | groff -ms -Tps >"$TMP/scan.ps"
gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfimage8 -r100 -sOutputFile="$col/scan.pdf" "$TMP/scan.ps"

md5() { md5sum <"$1" | cut -c1-32; }
cat >"$TMP/bin/pdfinfo" <<EOF
#!/bin/sh
echo "pdfinfo \$(md5sum </dev/stdin | cut -c1-32)" >>"$TMP/helpers.log"
exec "$(command -v pdfinfo)" "\$@"
EOF
cat >"$TMP/bin/pdftotext" <<EOF
#!/bin/sh
real="$(command -v pdftotext)"
echo "pdftotext \$* \$(md5sum </dev/stdin | cut -c1-32)" >>"$TMP/helpers.log"
case "\$*" in
  *-bbox-layout*)
    case "\$("\$real" /dev/stdin - 2>/dev/null)" in
      *FONDBOXcrash*) kill -SEGV \$\$ ;;
      *FONDBOXhang*) exec sleep 617 ;;
      *FONDBOXflood*) exec yes '<word xMin="1" yMin="1" xMax="2" yMax="2">flood</word>' ;;
    esac ;;
esac
exec "\$real" "\$@"
EOF
chmod +x "$TMP/bin/pdfinfo" "$TMP/bin/pdftotext"

start=$(date +%s)
expect_exit 1 "fond-index indexes the text PDFs, skips the scan (OCR off)" \
  env PATH="$TMP/bin:$PATH" "$INDEX" --no-ocr --timeout 5 --db "$TMP/db" "$col"
took=$(($(date +%s) - start))
cp "$TMP/err" "$TMP/index.err"
log="$TMP/helpers.log"
runs() { grep -c -- "$1 $(md5 "$col/$2")\$" "$log" || true; }
check "the scan is skipped for its missing text layer" \
  grep -q 'scan.pdf: no text layer (a scan; OCR is off), skipped' "$TMP/index.err"
check "only the scan is skipped" test "$(grep -c 'skipped' "$TMP/index.err")" -eq 1
check "a text PDF's boxes are read by one run over its pages" \
  test "$(runs 'pdftotext -bbox-layout -enc UTF-8 -f 1 -l 2 /dev/stdin -' text.pdf)" -eq 1
check "... besides one run for its text" \
  test "$(runs 'pdftotext -enc UTF-8 -eol unix /dev/stdin -' text.pdf)" -eq 1
check "... and one pdfinfo" test "$(runs pdfinfo text.pdf)" -eq 1
check "no boxes are read for the scan" test "$(runs '.*-bbox-layout.*' scan.pdf)" -eq 0
for cue in crash hang flood; do
  check "a -bbox-layout run that stops (${cue}) is given up" \
    test "$(grep -c -- "-bbox-layout.* $(md5 "$col/box-$cue.pdf")\$" "$log")" -ge 1
  "$SEARCH" --db "$TMP/db" --json "FONDBOX$cue" >"$TMP/q" || true
  check "... and its PDF is indexed with its text all the same" grep -q "box-$cue.pdf" "$TMP/q"
done
check "the hanging run cost at most its timeout ($took s)" test "$took" -lt 60
check "no run is left" bash -c "! pgrep -f 'sleep [6]17' >/dev/null && ! pgrep -f 'yes [<]word' >/dev/null"

# The text is pdftotext's: the word hyphenated across lines is found whole,
# the second page's words on page 2.
"$SEARCH" --db "$TMP/db" --json plenipotentiary >"$TMP/p"
check "a word hyphenated across lines is found whole" grep -q '"path": ".*text.pdf"' "$TMP/p"
"$SEARCH" --db "$TMP/db" --json Caspian >"$TMP/c"
check "a word of page 2 is found on page 2" grep -q '"page_label": "p. 2"' "$TMP/c"

# Once --json hits carry their words' boxes: each inside its page.
if grep -q '"boxes"' "$TMP/c"; then
  check "the highlighted word's box lies inside its page" jq -e '
    [.hits[] | .boxes[] as $b | $b.x >= 0 and $b.y >= 0 and $b.w > 0 and $b.h > 0
      and $b.page == 2] | length > 0 and all' "$TMP/c"
else
  echo "note: --json hits carry no boxes yet (checked through extract_bytes in unit.test_pdfbox)"
fi
finish
