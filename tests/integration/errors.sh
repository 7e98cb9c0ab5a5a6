# Errors that are the error that happened: fond-index says why a database
# could not be made (not a message left over from an earlier step), and a
# sharded database whose making failed half-way leaves nothing behind, so
# that the next run simply makes it (no stub naming a shard that is not a
# database, refused until the user deletes it by hand).  The disk fills
# through the LD_PRELOAD library of integration.diskfull.
source "$(dirname "$0")/common.bash"
SHIM="$FOND_BIN/tests/libfond_enospc.so"
text="$FOND_SRC/corpus/narrative/treaty-of-kars-1921.txt"

# A folder that cannot be made: the reason is the system's, for that path.
expect_exit 2 "--shards under /proc/nonexistent: exit 2" \
  "$INDEX" --shards 2 --db /proc/nonexistent/sub/db "$text"
check "... naming the path and why" \
  grep -qx 'fond-index: /proc/nonexistent/sub/db: No such file or directory' "$TMP/err"
check "... and not 'no fond database' (a message from an earlier step)" \
  lacks 'no fond database' "$TMP/err"
touch "$TMP/file"
expect_exit 2 "--shards under a file: exit 2" \
  "$INDEX" --shards 2 --db "$TMP/file/db" "$text"
check "... 'Not a directory', for that path" \
  grep -qx "fond-index: $TMP/file/db: Not a directory" "$TMP/err"

# The disk is full from the first byte written under the database.
got=0
env LD_PRELOAD="$SHIM" FOND_FAULT_DIR="$TMP/sharded" FOND_FAULT_BYTES=0 \
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
  "$INDEX" --shards 2 --db "$TMP/sharded" "$text" >"$TMP/out" 2>"$TMP/err" || got=$?
check "a sharded create on a full disk: exit 2 (got $got)" [ "$got" -eq 2 ]
check "... saying the disk is full" grep -q 'No space left on device' "$TMP/err"
check "... and leaving nothing behind" [ ! -e "$TMP/sharded" ]
expect_exit 0 "with room again, the same command makes the database" \
  "$INDEX" --shards 2 --db "$TMP/sharded" "$text"
check "... of 2 shards" bash -c "grep -c '^auto shard-' '$TMP/sharded/XAPIANDB' | grep -qx 2"
check "... that searches" bash -c "'$SEARCH' --db '$TMP/sharded' kars | grep -q Kars"

# Into a folder that was there already (empty): a failed create removes
# what it made, not the folder.
mkdir "$TMP/given"
got=0
env LD_PRELOAD="$SHIM" FOND_FAULT_DIR="$TMP/given" FOND_FAULT_BYTES=0 \
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
  "$INDEX" --shards 2 --db "$TMP/given/db" "$text" >"$TMP/out" 2>"$TMP/err" || got=$?
check "a create under a full folder: exit 2 (got $got)" [ "$got" -eq 2 ]
check "... which it leaves as it was (empty)" [ -z "$(ls -A "$TMP/given")" ]
finish
