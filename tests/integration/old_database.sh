# A database written before the shown fields moved into the document data
# (tests/fixtures/README.md) still shows every field of its hits, as a
# database written today over the same file does.
source "$(dirname "$0")/common.bash"
NAME=1921-07-03-yusif-kamal-to-huseynov.txt
cp -r "$FOND_SRC/tests/fixtures/db-2026-11" "$TMP/old"
mkdir -p "$TMP/src" && cp "$FOND_SRC/corpus/telegrams/$NAME" "$TMP/src/"
"$INDEX" -q --db "$TMP/new" "$TMP/src"

# Every field but the path, the id (made from the path) and when it was
# added (the old database did not record it) must agree.
shown() {
  "$SEARCH" --db "$1" --json --facets treaty Ankara |
    grep -vE '^ *"(path|passage_id|added)": ' | grep -vF "/$NAME\""
}
shown "$TMP/old" >"$TMP/old.json"
shown "$TMP/new" >"$TMP/new.json"
check "the old database finds the passage" grep -q '"rank": 1' "$TMP/old.json"
check "old and new show the same hit" diff "$TMP/old.json" "$TMP/new.json"
"$SEARCH" --db "$TMP/old" --json treaty >"$TMP/old-path.json"
check "the old database names its source" \
  grep -q "\"path\": \"/tmp/fond-fixture/$NAME\"" "$TMP/old-path.json"
check "and its sender" grep -q '"from": "Yusif Kamal"' "$TMP/old-path.json"
check "and no time it was added" grep -q '"added": ""' "$TMP/old-path.json"
finish
