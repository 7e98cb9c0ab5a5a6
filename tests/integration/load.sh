# fond.cgi under load: wrk with 8 concurrent connections on 127.0.0.1 for
# a bounded time, the queries in turn (bench/cgi-queries.txt) and some
# hostile requests among them.  No response may be a server error or a
# dropped connection; the good requests must all be 200.  Reports requests
# per second and latency percentiles.  (Figures against omega: bench/cgi.)
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
"$INDEX" -q --db "$DB" "$FOND_SRC/corpus"
start_web "$DB"
SECONDS_EACH=${SECONDS_EACH:-5}

# wrk's Lua: the query strings of FILE in turn; latency percentiles and
# socket errors at the end.
lua_for() {
  {
    echo "local q = {"
    grep -v '^#' "$1" | sed 's/ /+/g; s/"/%22/g; s/.*/  "&",/'
    echo "}"
    cat <<'LUA'
local i = 0
request = function()
  i = i % #q + 1
  return wrk.format("GET", "/?" .. q[i])
end
done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000))
  io.write(string.format("errors connect %d read %d write %d timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout))
end
LUA
  } >"$2"
}
# run_wrk NAME QUERIES-FILE: wrk's report in $TMP/NAME.out
run_wrk() {
  lua_for "$2" "$TMP/$1.lua"
  wrk -t2 -c8 -d"${SECONDS_EACH}s" --latency -s "$TMP/$1.lua" "$URL" >"$TMP/$1.out" 2>&1 || true
  cat "$TMP/$1.out"
}
requests() { awk '/requests in/ { print $1 }' "$TMP/$1.out"; }

# The queries people send.
sed 's/^\([^#]\)/q=\1/' "$FOND_SRC/bench/cgi-queries.txt" >"$TMP/good.txt"
run_wrk good "$TMP/good.txt"
rps=$(awk '/^Requests\/sec/ { print $2 }' "$TMP/good.out")
echo "fond.cgi under wrk (8 connections, ${SECONDS_EACH} s): $(requests good) requests, $rps requests/s, $(grep '^p50' "$TMP/good.out")"
check "requests were served ($(requests good))" [ "$(requests good)" -gt 20 ]
check "every one answered 200" bash -c "! grep -q 'Non-2xx' '$TMP/good.out'"
check "no connection dropped, failed or timed out" grep -q '^errors connect 0 read 0 write 0 timeout 0' "$TMP/good.out"

# Hostile ones, as fast: refused (400) every time, never a server error.
printf '%s\n' 'q=%28unbalanced' 'page=-1' 'format=xml' \
  'q=%FF%FE' 'q=kars&q=twice' 'n=99999999999' 'q=a%00b' >"$TMP/bad.txt"
run_wrk bad "$TMP/bad.txt"
check "hostile requests: all refused, none served 200" \
  bash -c "[ \"\$(sed -n 's/^ *Non-2xx or 3xx responses: //p' '$TMP/bad.out')\" = '$(requests bad)' ]"
check "... no connection dropped, failed or timed out" grep -q '^errors connect 0 read 0 write 0 timeout 0' "$TMP/bad.out"
check "... and no server error logged" bash -c "! grep -q 'fond.cgi:' '$TMP/serve.log'"
check "the server still answers" bash -c "[ \$(curl -s -o /dev/null -w '%{http_code}' '$URL/?q=kars') = 200 ]"
finish
