# fond-index --jobs N when a job cannot start (the system is out of
# processes): it must say which and why and exit 2; stop and reap the jobs
# it had started, so that none is left indexing or holding a shard's lock;
# and leave a database that the next run completes exactly, as a run that
# had no fault.  fork() fails through an LD_PRELOAD library, since root
# (as CI runs) is not bound by a process limit.
source "$(dirname "$0")/common.bash"
SHIM="$FOND_BIN/tests/libfond_forkfail.so"
col="$TMP/col"
mkdir -p "$col"
for i in $(seq 1 60); do # enough that a job left running is still at work
  sed "s/Kars/Kars$i/" "$FOND_SRC/corpus/narrative/treaty-of-kars-1921.txt" >"$col/copy$i.txt"
done

"$INDEX" -q --shards 3 --db "$TMP/clean" "$FOND_SRC/corpus" "$col" # no fault
"$INDEX" -q --shards 3 --db "$TMP/db" "$FOND_SRC/corpus"

# The first fork (job 0) succeeds, the second (job 1) fails.
got=0
env LD_PRELOAD="$SHIM" FOND_FAULT_FORKS=1 \
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
  "$INDEX" --jobs 3 --db "$TMP/db" "$FOND_SRC/corpus" "$col" >"$TMP/out" 2>"$TMP/err" || got=$?
check "a job that cannot start: fond-index exits 2 (got $got)" [ "$got" -eq 2 ]
check "... saying which job, and why" \
  grep -q 'cannot start job 1: Resource temporarily unavailable' "$TMP/err"
no_job_left() { ! pgrep -f -- "fond-index --jobs 3 --db $TMP/db" >/dev/null; }
check "... and no job it started is left running" no_job_left

check "right after, a run with processes to spare indexes (no shard is left locked)" \
  "$INDEX" -q --jobs 3 --db "$TMP/db" "$FOND_SRC/corpus" "$col"
check "... and the database is as a run that had no fault" \
  cmp -s <(passage_ids "$TMP/db") <(passage_ids "$TMP/clean")
check "... with every copy in it" \
  [ "$(passage_ids "$TMP/db" | wc -l)" -gt "$(( 60 * 20 ))" ]
finish
