#!/usr/bin/env python3
"""bench/ead/check.py -- what fond made of EAD finding aids, against an
independent reading of them (xml.etree, EAD's own rules), for bench/ead.

Usage: check.py SEARCH DB NAME FILE...   (prints one line of JSON)

For each described unit (archdesc, c, c01-c12) of the FILEs: whether it
is a source of its own (PATH#id, else PATH#N in document order), and its
title (unittitle, else unitdate's words), identifier (its unitid opens its
archive reference), date range (unitdate normal, EAD3 standarddate) and
hierarchy (level, id, title from the collection down) as fond-search
--json gives them.  Then, for a seeded sample of units, whether a search
finds the unit in its first 10 hits: by the words of its title, by its
identifier typed as written, and by its title with date: its date range.
A hit of the whole file (the baseline's one source a file) is counted
apart, as "file found"; a unit not found whose 10 hits all bear its very
title (units of one name, "Correspondence") as "same title ahead".
"""
import json, random, re, subprocess, sys
import xml.etree.ElementTree as ET

SEARCH, DB, NAME, FILES = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
COMPONENT = re.compile(r"^c(0[1-9]|1[0-2])?$")


def local(tag):
    return tag.split("}")[-1] if isinstance(tag, str) else ""


def words(el):
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def child(el, name):
    for c in el if el is not None else []:
        if local(c.tag) == name:
            return c
    return None


def iso(v):
    """EAD's normal form (19120301 too) as fond's JSON date."""
    v = v.strip()
    if re.fullmatch(r"\d{8}", v):
        v = "%s-%s-%s" % (v[:4], v[4:6], v[6:])
    elif re.fullmatch(r"\d{6}", v):
        v = "%s-%s" % (v[:4], v[4:])
    return v


def unit_date(did):
    dates = []
    for c in did if did is not None else []:
        if local(c.tag) in ("unitdate", "unitdatestructured"):
            dates.append(c)
        elif local(c.tag) == "unittitle":
            dates += [d for d in c if local(d.tag) == "unitdate"]
    for bulk_pass in (0, 1):
        for d in dates:
            if d.get("type") == "bulk" and bulk_pass == 0:
                continue
            if local(d.tag) == "unitdate" and d.get("normal"):
                parts = d.get("normal").split("/")
                a, b = iso(parts[0]), iso(parts[-1])
                return (a, b if b != a else "")
            if local(d.tag) == "unitdatestructured":
                s = [e.get("standarddate") for e in d.iter() if e.get("standarddate")]
                if s:
                    return (iso(s[0]), iso(s[-1]) if iso(s[-1]) != iso(s[0]) else "")
    return None


def units(path):
    """(name, title, unitid, date, hierarchy) of each unit, in order."""
    root = ET.parse(path).getroot()
    eadid = words(child(child(root, "eadheader"), "eadid")) or words(child(child(root, "control"), "recordid"))
    arch = child(root, "archdesc")
    out = []

    def title_of(did):
        return words(child(did, "unittitle")) or words(child(did, "unitdate")) or \
            words(child(did, "unitdatestructured"))

    def visit(el, above, own_id):
        did = child(el, "did")
        t, uid = title_of(did), words(child(did, "unitid"))
        out.append({"id": el.get("id"), "title": t, "unitid": uid, "date": unit_date(did),
                    "hierarchy": list(above)})
        line = [el.get("level") or "", own_id if own_id is not None else (el.get("id") or uid), t]
        stack = [c for c in el]
        while stack:
            c = stack.pop(0)
            if COMPONENT.match(local(c.tag)):
                visit(c, above + [line], None)
            elif local(c.tag) in ("dsc", "dscgrp"):
                stack = [d for d in c] + stack
    visit(arch, [], eadid)
    seen = {}
    for u in out:
        seen[u["id"]] = seen.get(u["id"], 0) + 1
    for i, u in enumerate(out):
        ok = u["id"] and seen[u["id"]] == 1 and not re.fullmatch(r"\d+", u["id"]) and \
            not re.search(r"[\s#/?%]", u["id"])
        u["name"] = "%s#%s" % (path, u["id"] if ok else i + 1)
    return out


def search(query, n=10, offset=0):
    r = subprocess.run([SEARCH, "--db", DB, "--json", "-n", str(n), "--offset", str(offset), "--", query],
                       capture_output=True, text=True)
    try:
        return json.loads(r.stdout)["hits"] if r.stdout else []
    except ValueError:
        return []


def dump():
    """The first passage of every source in the database, by path."""
    records, offset = {}, 0
    while True:
        hits = search("*", 1000, offset)
        for h in hits:
            records.setdefault(h["path"], h)
        if len(hits) < 1000:
            return records
        offset += 1000


def main():
    truth = []
    for f in FILES:
        truth += units(f)
    got = dump()
    score = {"units": len(truth), "own_source": 0, "title": 0, "identifier": 0, "with_identifier": 0,
             "date": 0, "with_date": 0, "hierarchy": 0}
    for u in truth:
        h = got.get(u["name"])
        score["with_identifier"] += bool(u["unitid"])
        score["with_date"] += bool(u["date"])
        if not h:
            continue
        score["own_source"] += 1
        score["title"] += h["title"] == u["title"]
        if u["unitid"]:
            ref = (h.get("archive_ref") or {}).get("text", "")
            score["identifier"] += ref == u["unitid"] or ref.startswith(u["unitid"] + ",")
        if u["date"]:
            score["date"] += (h["date"], h["date_end"]) == u["date"]
        got_h = [[l["level"], l["id"], l["title"]] for l in h.get("hierarchy", [])]
        score["hierarchy"] += got_h == u["hierarchy"]
    rnd = random.Random(1928)
    sample = rnd.sample(truth, min(300, len(truth)))
    found = {"by_title": [0, 0, 0, 0], "by_identifier": [0, 0, 0, 0], "by_date": [0, 0, 0, 0]}
    for u in sample:
        file = u["name"].split("#")[0]
        t = " ".join(re.sub(r'[^\w\s.-]', " ", u["title"]).split()[:8])
        queries = {"by_title": t if t else None,
                   "by_identifier": u["unitid"].replace('"', "") or None,
                   "by_date": ("%s date:%s" % (t, u["date"][0] + (".." + u["date"][1] if u["date"][1] else "")))
                   if u["date"] and t else None}
        for kind, q in queries.items():
            if not q:
                continue
            hits = search(q)
            paths = [h["path"] for h in hits]
            found[kind][0] += 1
            found[kind][1] += u["name"] in paths
            found[kind][2] += u["name"] in paths or file in paths
            # not found, but the 10 hits all bear its title: other units of
            # the same name ("Correspondence", "1977"), not told apart
            found[kind][3] += u["name"] not in paths and len(hits) == 10 and \
                all(h["title"] == u["title"] for h in hits)
    score["found"] = {k: {"asked": v[0], "found": v[1], "file_found": v[2], "same_title_ahead": v[3]}
                      for k, v in found.items()}
    score["set"] = NAME
    print(json.dumps(score))


main()
