# common.bash -- sourced by the integration tests: where the programs are, a
# fresh temporary folder, and small assertions that say what failed.
set -euo pipefail
: "${FOND_BIN:?run through ctest}" "${FOND_SRC:?run through ctest}"
INDEX="$FOND_BIN/fond-index"
SEARCH="$FOND_BIN/fond-search"
TMP="${FOND_TEST_TMP:-$(mktemp -d)}"
rm -rf "$TMP" && mkdir -p "$TMP"
export NO_COLOR=1 LC_ALL=C.UTF-8
unset FOND_DB XDG_DATA_HOME FOND_OCR_CACHE
# Each test's OCR cache is its own: a page another run read must not come
# from the user's cache (~/.cache/fond/ocr), where counts would differ.
export XDG_CACHE_HOME="$TMP/cache"
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# check NAME COMMAND...: the command must succeed.
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }

# reason NAME FILE ERE: fond-index's warnings ($TMP/index.err) report FILE
# skipped, with a reason matching ERE.
reason() { check "$1" grep -qE "$2: $3, skipped" "$TMP/index.err"; }

# expect_exit CODE NAME COMMAND...: the command must exit with CODE.
expect_exit() {
  local want=$1 name=$2; shift 2
  local got=0
  "$@" >"$TMP/out" 2>"$TMP/err" || got=$?
  if [ "$got" -eq "$want" ]; then pass "$name"; else
    fail "$name: exit $got, wanted $want"; cat "$TMP/err" >&2; fi
}

# hit_names: each hit of a --json result (on stdin) named as "path#ordinal",
# which every database of the same files gives it (a passage's id differs:
# each database has its own key).
hit_names() { grep -E '^      "(path|ordinal)": ' | paste - - |
                sed 's/^ *"path": "\(.*\)",\t *"ordinal": \([0-9]*\),$/\1#\2/'; }

# passage_ids DB: every passage in DB (hit_names), sorted, a page of 1000
# (at most what fond-search gives) at a time until a page has none.
passage_ids() {
  local offset=0 page
  while page=$("$SEARCH" --db "$1" --json --limit 1000 --offset "$offset" '*' |
                 hit_names | grep .); do
    printf '%s\n' "$page"
    offset=$((offset + 1000))
  done | sort
}

# The passage texts of a --json result (not its notes' texts), one line
# each, escapes kept.
json_texts() { grep -o '^      "text": "[^"\\]*\(\\.[^"\\]*\)*"'; }

# texts_hold FILE ERE: some hit's text in a --json FILE matches ERE.
# (Not grep -q: it stops reading at the first match, the writer gets
# SIGPIPE, and pipefail fails the check now and then.)
texts_hold() { json_texts <"$1" | grep -iE "$2" >/dev/null; }

# every_text_holds FILE ERE: there are hits, and every one matches ERE.
every_text_holds() {
  local all with
  all=$(json_texts <"$1" | wc -l)
  with=$(json_texts <"$1" | grep -ciE "$2" || true)
  [ "$all" -gt 0 ] && [ "$all" -eq "$with" ]
}

# no_text_holds FILE ERE: no hit's text in a --json FILE matches ERE.
no_text_holds() { ! json_texts <"$1" | grep -E "$2" >/dev/null; }

# every_field_is FILE FIELD ERE: hits exist, and every "FIELD" matches ERE.
every_field_is() {
  local all with
  all=$(grep -c "\"$2\": " "$1" || true)
  with=$(grep "\"$2\": " "$1" | grep -cE "$3" || true)
  [ "$all" -gt 0 ] && [ "$all" -eq "$with" ]
}

# lacks STRING FILE: FILE does not contain STRING.
lacks() { ! grep -qF -- "$1" "$2"; }

finish() {
  if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed" >&2; exit 1; fi
  echo "all checks passed"
}

# start_web DB [SERVE OPTION...]: web/serve (lighttpd + fond.cgi) over DB
# on a free port of 127.0.0.1, in the background until the test exits;
# sets URL.
WEB_PIDS=()
stop_web() { local p; for p in "${WEB_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap stop_web EXIT
start_web() {
  local port try
  for try in 1 2 3 4 5 6 7 8; do
    port=$((20000 + (RANDOM % 20000)))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue # taken
    TMPDIR="$TMP" "$FOND_SRC/web/serve" --port "$port" --db "$1" \
      --build "$FOND_BIN" "${@:2}" 2>>"$TMP/serve.log" &
    WEB_PIDS+=($!)
    URL="http://127.0.0.1:$port"
    for _ in $(seq 1 50); do
      curl -s -o /dev/null "$URL/" && return 0
      kill -0 "${WEB_PIDS[-1]}" 2>/dev/null || break
      sleep 0.1
    done
  done
  echo "start_web: lighttpd did not start:" >&2; cat "$TMP/serve.log" >&2; return 1
}

# fetch NAME QUERY_STRING [CURL ARGS...]: GET URL/?QUERY_STRING into
# $TMP/NAME.body, its headers in $TMP/NAME.head; prints the status.
fetch() {
  local name=$1 qs=$2; shift 2
  curl -s -o "$TMP/$name.body" -D "$TMP/$name.head" -w '%{http_code}' "$@" \
    "$URL/?$qs" || echo 000
}

# coins FILE N KEY: the values of KEY (rft.title, ...) in the page FILE's
# Nth COinS span (from 1; 0: every span), one a line, as a reader decodes
# them: the title attribute's character references, then its
# percent-encoding; KEY "*" prints every KEY=VALUE.  "no COinS span"
# (status 1) if there is none.
coins() {
  python3 - "$@" <<'PY'
import html, re, sys, urllib.parse
path, n, key = sys.argv[1], int(sys.argv[2]), sys.argv[3]
spans = re.findall(r'<span class="Z3988" title="([^"]*)"', open(path, encoding="utf-8").read())
if len(spans) < max(n, 1):
    sys.exit("no COinS span")
for span in spans if n == 0 else [spans[n - 1]]:
    for k, v in urllib.parse.parse_qsl(html.unescape(span), keep_blank_values=True):
        if key == "*":
            print("%s=%s" % (k, v))
        elif k == key:
            print(v)
PY
}
