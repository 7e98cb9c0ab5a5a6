# The disk fills up while fond-index adds sources: it must stop with a clear
# error (exit 2, "No space left on device"), leave a database that opens
# with every passage it had committed, and a later run on a disk with room
# must complete it exactly.  Twice: on a real 2 MB tmpfs when this machine
# lets the test mount one, and always with a simulated full disk (an
# LD_PRELOAD library that fails writes under the database with ENOSPC).
source "$(dirname "$0")/common.bash"
SHIM="$FOND_BIN/tests/libfond_enospc.so"
col="$TMP/col"
mkdir -p "$col/more"
for i in $(seq 1 20); do
  sed "s/Kars/Kars$i/" "$FOND_SRC/corpus/narrative/treaty-of-kars-1921.txt" >"$col/more/copy$i.txt"
done

"$INDEX" -q --db "$TMP/full" "$FOND_SRC/corpus" "$col/more" # a run with room

# disk_full LABEL DB COMMAND-PREFIX...: index the corpus alone, then the
# whole collection with the prefix that fills the disk; check the promises.
disk_full() {
  local label=$1 db=$2; shift 2
  "$INDEX" -q --db "$db" "$FOND_SRC/corpus"
  passage_ids "$db" >"$TMP/before"
  local got=0
  "$@" "$INDEX" --db "$db" "$FOND_SRC/corpus" "$col/more" >"$TMP/out" 2>"$TMP/err" || got=$?
  check "$label: fond-index stops with exit 2 (got $got)" [ "$got" -eq 2 ]
  check "$label: ... saying the disk is full" grep -q 'No space left on device' "$TMP/err"
  check "$label: the database still opens and searches" bash -c "'$SEARCH' --db '$db' kars >/dev/null"
  passage_ids "$db" >"$TMP/after"
  check "$label: every committed passage is still there" \
    bash -c "[ -z \"\$(comm -23 '$TMP/before' '$TMP/after')\" ]"
  check "$label: no passage twice" bash -c "[ -z \"\$(uniq -d '$TMP/after')\" ]"
}

# A real small file system, when the machine allows mounting one.
small="$TMP/small"
mkdir -p "$small"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=2m tmpfs "$small" 2>/dev/null; then
  trap 'umount "$small" 2>/dev/null || true; stop_web' EXIT
  disk_full "2 MB tmpfs" "$small/db"
  umount "$small"
else
  echo "note: cannot mount a tmpfs here; the simulated full disk below stands in"
fi

# Simulated: 150 KB of writes, then ENOSPC.
disk_full "simulated full disk" "$TMP/db" env LD_PRELOAD="$SHIM" \
  FOND_FAULT_DIR="$TMP/db" FOND_FAULT_BYTES=150000 \
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
"$INDEX" -q --db "$TMP/db" "$FOND_SRC/corpus" "$col/more"
check "with room again, the next run completes it: as a run that had room" \
  cmp -s <(passage_ids "$TMP/db") <(passage_ids "$TMP/full")
finish
