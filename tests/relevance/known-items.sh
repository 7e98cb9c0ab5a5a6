# The known-item test, small and without the network: KNOWN_ITEMS queries
# generated (tests/relevance/known-items.c, seed 1) from the passages of
# corpus/, searched among corpus/ plus a stand-in collection of 200 files
# generated from corpus/'s own words (known-items standin), clean and
# damaged the way PDF extraction damages text (damage.c).  Fails if fond's
# MRR@10 falls below the floors (tests/CMakeLists.txt says the margin).
set -euo pipefail
: "${FOND_BIN:?run through ctest}" "${FOND_SRC:?run through ctest}"
: "${MIN_MRR_CLEAN:?}" "${MIN_MRR_DAMAGED:?}" "${KNOWN_ITEMS:?}"
TMP="${FOND_TEST_TMP:-$(mktemp -d)}"
rm -rf "$TMP" && mkdir -p "$TMP/clean/standin" "$TMP/targets"
KNOWN=$FOND_BIN/tests/known-items

cp -r "$FOND_SRC/corpus" "$TMP/clean/corpus"
cp -r "$FOND_SRC/corpus" "$TMP/targets/corpus"
mapfile -t texts < <(find "$FOND_SRC/corpus" -type f -name '*.txt' | sort)
"$KNOWN" standin 1 200 "$TMP/clean/standin" "${texts[@]}"
# The damaged copy: each file with a seed of its own; a catalogue
# (fond-catalogue.csv) is not a text extracted from a PDF: copied as it is.
(cd "$TMP/clean" && find . -type f | sort) | while read -r rel; do
  mkdir -p "$(dirname "$TMP/damaged/$rel")"
  if [ "${rel##*/}" = fond-catalogue.csv ]; then
    cp "$TMP/clean/$rel" "$TMP/damaged/$rel"
    continue
  fi
  "$FOND_BIN/tests/damage" "$(cksum <<<"$rel" | cut -d' ' -f1)" \
    <"$TMP/clean/$rel" >"$TMP/damaged/$rel"
done

for copy in targets clean damaged; do
  "$FOND_BIN/fond-index" -q --db "$TMP/$copy.db" "$TMP/$copy"
  "$FOND_BIN/export-passages" "$TMP/$copy.db" >"$TMP/$copy.tsv"
done
"$KNOWN" generate --seed 1 --count "$KNOWN_ITEMS" --from "$TMP/targets.tsv" \
  "$TMP/clean.tsv" >"$TMP/queries.tsv"

status=0
for copy in clean damaged; do
  floor=MIN_MRR_${copy^^}
  "$KNOWN" fond "$TMP/$copy.db" "$TMP/queries.tsv" >"$TMP/$copy.out"
  echo "== $copy (floor ${!floor})"
  "$KNOWN" score "$TMP/queries.tsv" "$TMP/targets.tsv" "$TMP/$copy.out" "${!floor}" ||
    status=1
done
exit $status
