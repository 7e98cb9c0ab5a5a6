# Databases written by earlier fonds (tests/fixtures/README.md): fond-search
# and fond.cgi say in one line that they need upgrading, a dry run too;
# fond-index upgrades them in place from the source files they record, and
# they then show what a database written today over the same file shows.
source "$(dirname "$0")/common.bash"
NAME=1921-07-03-yusif-kamal-to-huseynov.txt
# the fixtures record this file by its absolute path
mkdir -p /tmp/fond-fixture && cp "$FOND_SRC/corpus/telegrams/$NAME" /tmp/fond-fixture/
mkdir -p "$TMP/src" && cp "$FOND_SRC/corpus/telegrams/$NAME" "$TMP/src/"
"$INDEX" -q --db "$TMP/new" "$TMP/src"

# Every field but the path, the id (made from the path) and when it was
# added (each run's own time) must agree.
shown() {
  "$SEARCH" --db "$1" --json --facets treaty Ankara |
    grep -vE '^ *"(path|passage_id|added)": ' | grep -vF "/$NAME\""
}
shown "$TMP/new" >"$TMP/new.json"

for fixture in db-2026-11 db-2026-12-v1 db-2026-12-v2 db-2026-12-v3 db-2026-12-v4; do
  OLD="$TMP/$fixture"
  cp -r "$FOND_SRC/tests/fixtures/$fixture" "$OLD"
  expect_exit 2 "$fixture: fond-search refuses it" "$SEARCH" --db "$OLD" treaty
  check "$fixture: ... in one line, naming the upgrade" \
    bash -c "[ \$(wc -l <'$TMP/err') = 1 ] && grep -q \"written by an earlier version of fond; 'fond-index --upgrade --db $OLD'\" '$TMP/err'"
  FOND_DB="$OLD" QUERY_STRING='q=treaty' REQUEST_METHOD=GET \
    "$FOND_BIN/fond.cgi" >"$TMP/cgi.out" 2>"$TMP/cgi.err" || true
  check "$fixture: fond.cgi answers 503" grep -q '^Status: 503' "$TMP/cgi.out"
  check "$fixture: ... and logs why" grep -q 'fond-index --upgrade' "$TMP/cgi.err"
  check "$fixture: ... naming no folder in the page" lacks "$OLD" "$TMP/cgi.out"
  expect_exit 2 "$fixture: a dry run says so too" "$INDEX" --dry-run --db "$OLD" "$TMP/src"
  check "$fixture: ... and changes nothing" diff -r "$FOND_SRC/tests/fixtures/$fixture" "$OLD"

  expect_exit 0 "$fixture: fond-index --upgrade upgrades it" "$INDEX" --upgrade --db "$OLD"
  check "$fixture: ... and says so" grep -q "upgraded $OLD: 1 sources indexed again (1 passages), 0 gone" "$TMP/err"
  check "$fixture: ... in place, leaving nothing beside it" \
    bash -c "[ ! -e '$OLD.upgrading' ] && [ \$(ls '$TMP' | grep -c '^$fixture') = 1 ]"
  shown "$OLD" >"$TMP/old.json"
  check "$fixture: the upgraded database finds the passage" grep -q '"rank": 1' "$TMP/old.json"
  check "$fixture: old and new show the same hit" diff "$TMP/old.json" "$TMP/new.json"
  "$SEARCH" --db "$OLD" --json treaty >"$TMP/old-path.json"
  check "$fixture: it names its source" \
    grep -q "\"path\": \"/tmp/fond-fixture/$NAME\"" "$TMP/old-path.json"
  check "$fixture: and its sender" grep -q '"from": "Yusif Kamal"' "$TMP/old-path.json"
  expect_exit 0 "$fixture: a second upgrade has nothing to do" "$INDEX" --upgrade --db "$OLD"
  check "$fixture: ... and says nothing" [ ! -s "$TMP/err" ]
  expect_exit 0 "$fixture: a run over the file then finds it unchanged" \
    "$INDEX" --json --db "$OLD" /tmp/fond-fixture
  check "$fixture: ... (unchanged: 1)" grep -q '"unchanged": 1' "$TMP/out"
done

# A database of schema 2 recorded each source's name (its path under the
# folder indexed) and when it was added: an upgrade keeps both, so that
# fond.cgi shows the same names, source: finds the same folders and the
# feed and --since do not take every source for new.
cp -r "$FOND_SRC/tests/fixtures/db-2026-12-v2" "$TMP/named"
"$INDEX" --upgrade --db "$TMP/named" 2>/dev/null
"$SEARCH" --db "$TMP/named" --json treaty >"$TMP/named.json"
check "schema 2: the upgrade keeps the source's name" \
  grep -q "\"name\": \"fond-fixture/$NAME\"" "$TMP/named.json"
check "... and when it was added (2026-12-07T09:28:22Z, not now)" \
  grep -q '"added": "2026-12-07T09:28:22Z"' "$TMP/named.json"
"$SEARCH" --db "$TMP/named" --json 'source:fond-fixture treaty' >"$TMP/named-source.json" || true
check "... and source: finds it by the folder it was indexed under" \
  grep -q '"rank": 1' "$TMP/named-source.json"

# An mbox's messages are sources of their own, each named "...#N": the
# upgrade finds the file's folder from its first message's name.
mkdir -p /tmp/fond-fixture-mail/letters
cp "$FOND_SRC/tests/fixtures/kars.mbox" /tmp/fond-fixture-mail/letters/
cp -r "$FOND_SRC/tests/fixtures/db-2026-12-v2-mail" "$TMP/mail"
"$INDEX" --upgrade --db "$TMP/mail" 2>/dev/null
"$SEARCH" --db "$TMP/mail" --json treaty >"$TMP/mail.json"
check "schema 2, an mbox: the upgrade keeps each message's name" \
  bash -c "grep -q '\"name\": \"fond-fixture-mail/letters/kars.mbox#1\"' '$TMP/mail.json' &&
           grep -q '\"name\": \"fond-fixture-mail/letters/kars.mbox#2\"' '$TMP/mail.json'"
check "... and when they were added" \
  bash -c "[ \$(grep -c '\"added\": \"2026-12-07T09:42:00Z\"' '$TMP/mail.json') = 2 ]"
"$SEARCH" --db "$TMP/mail" --json 'source:letters treaty' >"$TMP/mail-source.json" || true
check "... and source: finds them by their folder" grep -q '"rank": 2' "$TMP/mail-source.json"

# A source whose file is gone is left out, and counted.
cp -r "$FOND_SRC/tests/fixtures/db-2026-12-v1" "$TMP/gone"
mv /tmp/fond-fixture/$NAME /tmp/fond-fixture/$NAME.away
expect_exit 0 "an upgrade with the file gone" "$INDEX" --upgrade --db "$TMP/gone"
mv /tmp/fond-fixture/$NAME.away /tmp/fond-fixture/$NAME
check "... counts it gone" grep -q '0 sources indexed again (0 passages), 1 gone' "$TMP/err"
expect_exit 1 "... and the database holds no passage" "$SEARCH" --db "$TMP/gone" treaty
finish
