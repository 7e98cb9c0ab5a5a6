# The relevance test: index corpus/ and rank tests/relevance/queries.tsv.
# The minimums are the figures fond reaches (docs/relevance.md); the
# test fails if a change ranks worse.
set -euo pipefail
: "${FOND_BIN:?run through ctest}" "${FOND_SRC:?run through ctest}"
TMP="${FOND_TEST_TMP:-$(mktemp -d)}"
rm -rf "$TMP" && mkdir -p "$TMP"
"$FOND_BIN/fond-index" -q --db "$TMP/db" "$FOND_SRC/corpus"
"$FOND_BIN/tests/relevance" "$TMP/db" "$FOND_SRC/tests/relevance/queries.tsv" \
  "${MIN_MRR:?}" "${MIN_HITS1:?}"
