#!/usr/bin/env python3
"""bench/ead/gen.py -- seeded EAD finding aids in the shapes archives write
them: EAD 2002 with numbered components (c01-c12, nested up to 12 deep)
in its namespace, EAD 2002 with unnumbered <c> and no namespace, EAD3
(recordid, unitdatestructured, daoset); components with and without id
attributes, unitids, titles (an untitled one is named by its date),
normal dates or dates in words alone, containers, digital objects, notes.

Usage: gen.py OUTDIR [N_FILES] [SEED]   (N_FILES 40, SEED 1928)
Same seed, same files, byte for byte.
"""
import os, random, sys
from xml.sax.saxutils import escape

WORDS = ("lichen fjord herbarium ledger tonnage wherry pilot harbour glacier "
         "firn moraine survey census parish tithe charter deed mortgage "
         "brewery tannery foundry railway ferry lighthouse beacon mission "
         "school hospital asylum orphanage regiment militia election ballot "
         "petition strike union guild cooperative dairy fishery whaling "
         "sealing timber sawmill quarry mine smelter canal bridge toll").split()
NAMES = ("Svalbrekke Quellborn Haraldsen Otterdal Vinjegard Myklebust "
         "Rasdal Kvernmo Tollefsen Brattlie Sandvold Lyngstad Femrite").split()
LEVELS = ["series", "subseries", "file", "item"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]


def title(r):
    ws = r.sample(WORDS, r.randint(3, 5))
    shape = r.random()
    if shape < 0.3:
        return "Letters from %s %s" % (r.choice(["Ingrid", "Ola", "Marit", "Nils"]), r.choice(NAMES))
    if shape < 0.5:
        return " ".join(w.capitalize() if i == 0 else w for i, w in enumerate(ws))
    return "%s of the %s %s" % (ws[0].capitalize(), ws[1], ws[2])


def date(r, lo, hi):
    """(normal, words, start, end): a year, a range, a month or a day."""
    y1 = r.randint(lo, hi)
    shape = r.random()
    if shape < 0.35:
        y2 = r.randint(y1, min(hi, y1 + 20))
        return ("%d/%d" % (y1, y2), "%d-%d" % (y1, y2), "%d" % y1, "%d" % y2 if y2 != y1 else "")
    if shape < 0.55:
        return ("%d" % y1, "%d" % y1, "%d" % y1, "")
    m = r.randint(1, 12)
    if shape < 0.75:
        return ("%d-%02d" % (y1, m), "%s %d" % (MONTHS[m - 1], y1), "%d-%02d" % (y1, m), "")
    d = r.randint(1, 28)
    return ("%d-%02d-%02d" % (y1, m, d), "%d %s %d" % (d, MONTHS[m - 1], y1),
            "%d-%02d-%02d" % (y1, m, d), "")


class Gen:
    def __init__(self, r, style):
        self.r, self.style, self.n = r, style, 0
        self.out = []

    def tag(self, depth):
        return "c%02d" % depth if self.style == "ead2002" else "c"

    def did(self, t, unitid, d, boxes, dao, ind):
        r, o = self.r, []
        o.append(ind + "<did>")
        for kind, num in boxes:
            o.append(ind + '  <container type="%s">%d</container>' % (kind, num))
        if t:
            o.append(ind + "  <unittitle>%s</unittitle>" % escape(t))
        if unitid:
            o.append(ind + "  <unitid>%s</unitid>" % escape(unitid))
        if d:
            normal, words = d[0], d[1]
            if self.style == "ead3" and r.random() < 0.7:
                if "/" in normal:
                    a, b = normal.split("/")
                    o.append(ind + '  <unitdatestructured><daterange><fromdate standarddate="%s">%s</fromdate>'
                             '<todate standarddate="%s">%s</todate></daterange></unitdatestructured>' % (a, a, b, b))
                else:
                    o.append(ind + '  <unitdatestructured><datesingle standarddate="%s">%s</datesingle>'
                             '</unitdatestructured>' % (normal, words))
            elif r.random() < 0.8:
                o.append(ind + '  <unitdate normal="%s">%s</unitdate>' % (normal, words))
            else:
                o.append(ind + "  <unitdate>%s</unitdate>" % words)
        if dao:
            if self.style == "ead3":
                o.append(ind + '  <daoset><dao href="%s" daotype="derived"/></daoset>' % dao)
            else:
                o.append(ind + '  <dao xlink:href="%s" xlink:type="simple"/>' % dao)
        o.append(ind + "</did>")
        return o

    def component(self, depth, prefix, lo, hi, maxdepth):
        r = self.r
        self.n += 1
        level = LEVELS[min(depth - 1, 3)] if depth < 4 else r.choice(["file", "item"])
        cid = "%s-%d" % (prefix, self.n) if r.random() < 0.85 else None
        t = title(r)
        d = date(r, lo, hi)
        if r.random() < 0.1:  # untitled: named by its date
            t = None
            if not d:
                d = date(r, lo, hi)
        unitid = "%s.%d" % (prefix.upper(), self.n) if r.random() < 0.4 else None
        boxes = [("box", r.randint(1, 90)), ("folder", r.randint(1, 40))] if level in ("file", "item") and r.random() < 0.7 else []
        dao = "https://images.example.org/%s/%d" % (prefix, self.n) if r.random() < 0.2 else None
        ind = "  " * (depth + 2)
        tag = self.tag(depth)
        attrs = ' level="%s"' % level + (' id="%s"' % cid if cid else "")
        self.out.append(ind + "<%s%s>" % (tag, attrs))
        self.out += self.did(t, unitid, d, boxes, dao, ind + "  ")
        if r.random() < 0.5:
            self.out.append(ind + "  <scopecontent><p>%s</p></scopecontent>" %
                            escape(" ".join(r.choice(WORDS) for _ in range(r.randint(6, 30))) + "."))
        if depth < maxdepth and (depth < 2 or r.random() < 0.5):
            for _ in range(r.randint(1, 4 if depth < 3 else 2)):
                self.component(depth + 1, prefix, lo, hi, maxdepth)
        self.out.append(ind + "</%s>" % tag)


def finding_aid(r, i):
    style = ["ead2002", "ead2002-c", "ead3"][i % 3]
    prefix = "mss-%04d" % (100 + i)
    lo = r.randint(1700, 1950)
    hi = lo + r.randint(10, 70)
    g = Gen(r, style)
    coll = "Papers of the %s family" % r.choice(NAMES) if r.random() < 0.5 else "Records of the %s %s" % (
        r.choice(NAMES), r.choice(WORDS))
    head = {"ead2002": '<ead xmlns="urn:isbn:1-931666-22-9" xmlns:xlink="http://www.w3.org/1999/xlink">',
            "ead2002-c": '<ead xmlns:xlink="http://www.w3.org/1999/xlink">',
            "ead3": '<ead xmlns="http://ead3.archivists.org/schema/">'}[style]
    o = ['<?xml version="1.0" encoding="UTF-8"?>', head]
    if style == "ead3":
        o.append("  <control><recordid>%s</recordid></control>" % prefix)
    else:
        o.append("  <eadheader><eadid>%s</eadid></eadheader>" % prefix)
    o.append('  <archdesc level="collection">')
    o += g.did(coll, prefix.upper().replace("-", " "), ("%d/%d" % (lo, hi), "%d-%d" % (lo, hi)), [], None, "    ")
    o.append("    <bioghist><p>The %s kept %s.</p></bioghist>" % (coll, " and ".join(r.sample(WORDS, 3))))
    o.append("    <dsc>")
    maxdepth = 12 if style == "ead2002" and r.random() < 0.3 else r.randint(3, 6)
    for _ in range(r.randint(2, 5)):
        g.component(1, prefix, lo, hi, maxdepth)
    o += g.out
    o.append("    </dsc>")
    o.append("  </archdesc>")
    o.append("</ead>")
    return "\n".join(o) + "\n"


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    r = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1928)
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        with open(os.path.join(out, "gen-%03d.xml" % i), "w", encoding="utf-8") as f:
            f.write(finding_aid(r, i))


if __name__ == "__main__":
    main()
