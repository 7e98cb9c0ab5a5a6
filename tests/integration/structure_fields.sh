# The structure of a source read from its text (issue 26's gate): the
# held-out split of bench/structure/generate (120 documents as documentary
# editions print them, in four languages, a quarter with fond's header) is
# indexed and read back by bench/structure/measure.  On the sources with no
# header every field (title, type, date, place, from, to, notes attached,
# references found) and the date filter (`WORD date:DAY` finds a source's
# last passage by its dateline's day) must be right for at least 95% of
# them; on those with fond's header the six fields must all be right.
# The rules were tuned on the tune split only; this split is never looked
# at to tune them.
source "$(dirname "$0")/common.bash"
GATE=${FOND_STRUCTURE_GATE:-0.95}

python3 "$FOND_SRC/bench/structure/generate" --split heldout --count 120 "$TMP/heldout" >/dev/null
check "the held-out split is made (120 sources)" \
  test "$(find "$TMP/heldout/docs" -name '*.txt' | wc -l)" -eq 120
# Seeded: the same split twice is the same bytes (its first 20 sources).
python3 "$FOND_SRC/bench/structure/generate" --split heldout --count 20 "$TMP/again" >/dev/null
check "the split is the same when made again" \
  bash -c "cd '$TMP/again/docs' && for f in *; do cmp -s \"\$f\" '$TMP/heldout/docs/'\"\$f\" || exit 1; done"

status=0
python3 "$FOND_SRC/bench/structure/measure" --dir "$TMP/heldout" --bin "$FOND_BIN" \
  --no-words --json >"$TMP/measure.json" || status=$?
check "the measure ran" test "$status" -eq 0
python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["table"])' "$TMP/measure.json"

# rate PART FIELD: the share right, from the measure's JSON.
rate() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["fields"][sys.argv[2]][sys.argv[3]]["rate"])' \
    "$TMP/measure.json" "$1" "$2"
}
at_least() { python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) >= float(sys.argv[2]) else 1)' "$1" "$2"; }

for field in title type date place from to "notes attached" "references found" "date filter"; do
  r=$(rate "no header" "$field")
  check "no header: $field: $r right (at least $GATE)" at_least "$r" "$GATE"
done
for field in title type date place from to; do
  r=$(rate header "$field")
  check "fond's header: $field: $r right (all)" at_least "$r" 1
done
finish
