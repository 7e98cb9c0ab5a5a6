# Every count a search shows, checked against a count made by listing every
# hit: fond-search --json and fond.cgi's pages, paged through at 1, 10 and
# 50 results a page, with and without at most 3 passages of a source, for
# a soft query (every word first, then most words), one that finds no
# passage with every word (loosened), one word, a filter, and a query
# sorted by date.  On every page the passages, sources, "of N", "K more in
# this source", "K of them hold every word" and the facets (a "(none)"
# bucket included) must be the counts of the whole list, the same whatever
# the page, and the pages together must list the whole list once.
source "$(dirname "$0")/common.bash"
DB="$TMP/db"
"$INDEX" -q --db "$DB" "$FOND_SRC/corpus"

# The truth: every hit, one page of 1000 (the corpus has fewer passages),
# without a limit a source; and, for words side by side, every hit of
# their AND (the passages with every word).
truth() { # name query [option...]
  "$SEARCH" --db "$DB" --json --limit 1000 "${@:3}" "$2" >"$TMP/$1.all" || true
  "$SEARCH" --db "$DB" --json --limit 1000 --per-source 3 "${@:3}" "$2" >"$TMP/$1.all3" || true
  local and=${2// / AND }
  "$SEARCH" --db "$DB" --json --limit 1000 "$and" >"$TMP/$1.and" || true
}

# fond-search's pages of SIZE for a query, into NAME.SIZE[.3].N files.
cli_pages() { # name size per-source query [option...]
  local offset=0 n=0 extra=()
  [ "$3" = 0 ] || extra=(--per-source "$3")
  while :; do
    "$SEARCH" --db "$DB" --json --facets --limit "$2" --offset "$offset" \
      "${extra[@]}" "${@:5}" "$4" >"$TMP/$1.$2.$3.$n" || true
    grep -q '"passage_id"' "$TMP/$1.$2.$3.$n" || break
    offset=$((offset + $2)); n=$((n + 1))
  done
}

# fond.cgi's pages of SIZE (at most 3 passages of a source), as
# NAME.cgi.SIZE.N; one page past the last too.
cgi_pages() { # name size query-string
  local page=1
  while :; do
    FOND_DB="$DB" REQUEST_METHOD=GET QUERY_STRING="$3&n=$2&page=$page" \
      "$FOND_BIN/fond.cgi" >"$TMP/$1.cgi.$2.$page"
    grep -q '<li class="hit"' "$TMP/$1.cgi.$2.$page" || break
    page=$((page + 1))
  done
}

# check_pages (KIND NAME SIZE PER-SOURCE)...: each set of pages against
# the truth, in one python3 (it takes a quarter of a second to start); what
# is wrong with each goes to $TMP/wrong.KIND.NAME.SIZE.PER, empty if nothing.
check_pages() {
  python3 - "$TMP" "$@" <<'EOF'
import collections, glob, json, re, sys
def check(tmp, kind, name, size, per):
    load = lambda f: json.load(open(f))
    every = load(f"{tmp}/{name}.all")["hits"]
    listed = load(f"{tmp}/{name}.all3" if per else f"{tmp}/{name}.all")["hits"]
    anded = load(f"{tmp}/{name}.and")["hits"]
    passages = len(every)
    by_source = collections.Counter(h["path"] for h in every)
    types = collections.Counter(h["type"] or "(none)" for h in every)
    results = sum(min(c, per) if per else c for c in by_source.values())
    more = lambda h: max(by_source[h["path"]] - per, 0) if per else 0
    problems = []
    def want(what, got, wanted):
        if got != wanted:
            problems.append(f"{what}: {got}, wanted {wanted}")
    want("the list of every hit, a source at most 3 times", len(listed), results)
    soft = 0 < len(anded) < passages and " " in load(f"{tmp}/{name}.all")["query"]
    ids = []
    if kind == "cli":
        files = sorted(glob.glob(f"{tmp}/{name}.{size}.{per}.*"), key=lambda f: int(f.rsplit(".", 1)[1]))
        for f in files:
            page = load(f)
            where = f"page at offset {page['offset']}"
            want(f"{where}: estimate", page["estimate"], results)
            want(f"{where}: passages", page.get("passages"), passages)
            want(f"{where}: sources", page.get("sources"), len(by_source))
            want(f"{where}: exact", page.get("exact"), True)
            if soft:
                want(f"{where}: every_word", page.get("every_word"), len(anded))
            want(f"{where}: type facet", dict(page["facets"]["type"]), dict(types))
            want(f"{where}: year facet adds up", sum(page["facets"]["year"].values()), passages)
            want(f"{where}: source facet", dict(page["facets"]["source"]), dict(by_source))
            for h in page["hits"]:
                want(f"{where}: {h['passage_id']} more_in_source", h["more_in_source"], more(h))
                ids.append(h["passage_id"])
    else:
        files = sorted(glob.glob(f"{tmp}/{name}.cgi.{size}.*"), key=lambda f: int(f.rsplit(".", 1)[1]))
        pages = -(-results // size)
        for f in files:
            html = open(f).read()
            n = int(f.rsplit(".", 1)[1])
            where = f"page {n}"
            m = re.search(r'<h1 class="summary">(\d+) passages? in (\d+) sources? match', html)
            want(f"{where}: summary", m and (int(m[1]), int(m[2])), (passages, len(by_source)))
            m = re.search(r'<p class="every-word">(\d+) of them', html)
            want(f"{where}: with every word", m and int(m[1]), len(anded) if soft else None)
            hits = re.findall(r'<h2><a href="[^"]*show=([0-9a-f]+-\d+)[^"]*">.*?<p class="source">([^<]*)(?:<a[^>]*>(\d+) more in this source</a>)?</p>', html, re.S)
            m = re.search(r'<p class="showing">Showing (\d+)–(\d+) of (\d+)(?: results: at most 3 passages of each source, the other (\d+) behind)?', html)
            if hits:
                first = (n - 1) * size + 1
                got = m and (int(m[1]), int(m[2]), int(m[3]), m[4] and int(m[4]))
                behind = passages - results if results < passages else None
                want(f"{where}: showing", got, (first, first + len(hits) - 1, results, behind))
            else:
                want(f"{where}: past the end, says so", "past the last result" in html, True)
            want(f"{where}: pager", re.search(r'<span>Page (\d+) of (\d+)</span>', html) and
                 re.search(r'<span>Page (\d+) of (\d+)</span>', html).groups(),
                 (str(n), str(pages)) if hits and pages > 1 else None)
            got = collections.Counter()
            block = html.split("<h2>Type</h2>")[1].split("</ul>")[0] if "<h2>Type</h2>" in html else ""
            for a, none, c in re.findall(r'<li>(?:<a href="[^"]*">([^<]*)</a>|<span class="none">(\(none\))</span>) <span class="count">(\d+)', block):
                got[a or none] += int(c)
            want(f"{where}: type facet", dict(got), dict(types))
            block = html.split("<h2>Year</h2>")[1].split("</ul>")[0] if "<h2>Year</h2>" in html else ""
            want(f"{where}: year facet adds up", sum(int(c) for c in re.findall(r'<span class="count">(\d+)', block)), passages)
            by_id = {h["passage_id"]: h for h in every}
            for pid, _, k in hits:
                want(f"{where}: {pid} more in this source", int(k or 0), more(by_id[pid]) if pid in by_id else "?")
                ids.append(pid)
    want(f"the pages of {size} together", ids, [h["passage_id"] for h in listed])
    return problems

tmp, args = sys.argv[1], sys.argv[2:]
for i in range(0, len(args), 4):
    kind, name, size, per = args[i], args[i + 1], int(args[i + 2]), int(args[i + 3])
    with open(f"{tmp}/wrong.{kind}.{name}.{size}.{per}", "w") as out:
        out.write("".join(f"  {p}\n" for p in check(tmp, kind, name, size, per)[:8]))
EOF
}

# name, query, options of fond-search (the CGI's: its query string)
QUERIES=(
  "soft|treaty kars||q=treaty+kars"
  "loosened|kars aardvark||q=kars+aardvark"
  "word|kars||q=kars"
  "filter|type:telegram||q=type%3Atelegram"
  "sorted|treaty kars|--sort date|q=treaty+kars&sort=date"
)
# Every set of pages first, then one check of them all.
SETS=()
for spec in "${QUERIES[@]}"; do
  IFS='|' read -r name query opts qs <<<"$spec"
  read -ra opts <<<"$opts"
  truth "$name" "$query" "${opts[@]}"
  for size in 1 10 50; do
    for per in 0 3; do
      cli_pages "$name" "$size" "$per" "$query" "${opts[@]}"
      SETS+=(cli "$name" "$size" "$per")
    done
    cgi_pages "$name" "$size" "$qs"
    SETS+=(cgi "$name" "$size" 3)
  done
done
check_pages "${SETS[@]}" || fail "the pages could not be checked"
right() { [ -f "$1" ] && [ ! -s "$1" ] || { cat "$1" >&2 2>/dev/null; return 1; }; }
for spec in "${QUERIES[@]}"; do
  IFS='|' read -r name query opts qs <<<"$spec"
  for size in 1 10 50; do
    check "fond-search '$query'${opts:+ $opts}, $size a page: every count the list's" right "$TMP/wrong.cli.$name.$size.0"
    check "fond-search '$query'${opts:+ $opts}, $size a page, --per-source 3: every count the list's" right "$TMP/wrong.cli.$name.$size.3"
    check "fond.cgi?$qs&n=$size: every count the list's, on every page" right "$TMP/wrong.cgi.$name.$size.3"
  done
done
check "'kars aardvark' is a query that loosens" grep -q '"loosened": true' "$TMP/loosened.all"
check "'treaty kars' lists passages with some of the words after those with all" \
  bash -c "[ \$(grep -c passage_id '$TMP/soft.and') -lt \$(grep -c passage_id '$TMP/soft.all') ]"
finish
