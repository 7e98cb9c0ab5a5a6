#!/usr/bin/env python3
"""gen.py -- archival references of many archives, generated and seeded:
sources that carry one reference each (in their own Archive reference
header, or in a footnote), and the queries a reader types to find them:
the reference whole, its file number or code alone, ref:, and its parts
through the fields (archive:, fond:, opis:, delo:, box:, folder:, reel:).

    gen.py OUT_DIR [--seed N] [--per-form N]

writes OUT_DIR/docs/*.txt and OUT_DIR/queries.tsv (form, how typed, query,
the file it must find).  The bodies hold none of the reference's numbers,
so that only the reference can find its source.  bench/references/run
indexes and measures; tests/integration/references.sh runs a few.
"""
import argparse
import os
import random

ROMAN = ["I", "II", "III", "IV"]
CLASSES = ["FO", "CAB", "WO", "ADM", "HW", "CO", "T"]
BODIES = [
    "The negotiations on the loan continue without result.",
    "The commission met again and adjourned without a decision.",
    "The consul reports that the railway line is closed to traffic.",
    "The delegation asks for instructions on the frontier question.",
]


def n(r, lo, hi):
    return str(r.randint(lo, hi))


def forms(r):
    """(form, reference as written, [(how, query)]) for one variant of
    each form."""
    out = []
    a, b, c = n(r, 700, 899), n(r, 10, 99999), n(r, 1, 9999)
    num = f"{a}.{b}/{c}"
    out.append(("file-no", f"File No. {num}", [
        ("whole", f'"File No. {num}"'), ("number", num), ("ref", f"ref:{num}"),
        ("parts", f"delo:{num}")]))
    rg, a, b, c = n(r, 20, 99), n(r, 700, 899), n(r, 0, 99), n(r, 1, 9999)
    b = b.zfill(2)
    num = f"{a}.{b}/{c}"
    ref = f"NARA, RG {rg}, Central Decimal File 1910-29, {num}"
    out.append(("nara", ref, [
        ("whole", f'"{ref}"'), ("number", num), ("ref", f"ref:{num}"),
        ("parts", f"archive:NARA fond:{rg} delo:{num}")]))
    cls, s, p = r.choice(CLASSES), n(r, 1, 999), n(r, 1, 29999)
    sig = r.choice(["TNA, ", "PRO "])
    ref = f"{sig}{cls} {s}/{p}"
    out.append(("tna", ref, [
        ("whole", f'"{ref}"'), ("number", f'"{cls} {s}/{p}"'),
        ("ref", f'ref:"{cls} {s}/{p}"'),
        ("parts", f'archive:{sig.strip(", ")} fond:"{cls} {s}" delo:{p}')]))
    s, rom, p = n(r, 1, 199), r.choice(ROMAN + [""]), n(r, 1, 9999)
    code = f"R {s} {rom}/{p}" if rom else f"R {s}/{p}"
    ref = f"BArch {code}" if r.random() < 0.5 else f"BArch, {code}"
    out.append(("barch", ref, [
        ("whole", f'"{ref}"'), ("number", f'"{code}"'),
        ("ref", f'ref:"{code}"'),
        ("parts", f"archive:BArch delo:{p}")]))
    f, o, p, d = n(r, 1, 99).zfill(2), n(r, 1, 99), n(r, 1, 999), n(r, 1, 99999)
    ref = f"AVP RF, f. {f}, op. {o}, p. {p}, d. {d}"
    out.append(("avp", ref, [
        ("whole", f'"{ref}"'), ("number", f'"f. {f}, op. {o}, p. {p}, d. {d}"'),
        ("ref", f'ref:"f. {f}, op. {o}, p. {p}, d. {d}"'),
        ("parts", f'archive:"AVP RF" fond:{f} opis:{o} box:{p} delo:{d}')]))
    m, reel = n(r, 1, 99999), n(r, 1, 99)
    if r.random() < 0.5:
        ref = f"Library of Congress, Manuscript Division, MSS {m}, reel {reel}"
        parts = f'archive:"Library of Congress" fond:{m} reel:{reel}'
        tail = f"MSS {m}, reel {reel}"
    else:
        bx, fo = n(r, 1, 999), n(r, 1, 99)
        ref = f"Library of Congress, Manuscript Division, MSS {m}, Box {bx}, Folder {fo}"
        parts = f'archive:"Library of Congress" box:{bx} folder:{fo}'
        tail = f"MSS {m}, Box {bx}, Folder {fo}"
    out.append(("loc", ref, [
        ("whole", f'"{ref}"'), ("number", f'"{tail}"'), ("ref", f'ref:"{tail}"'),
        ("parts", parts)]))
    bx, fo = n(r, 1, 999), n(r, 1, 99)
    ref = f"Box {bx}, Folder {fo}"
    out.append(("box", ref, [
        ("whole", f'"{ref}"'), ("number", f'"{ref}"'), ("ref", f'ref:"{ref}"'),
        ("parts", f"box:{bx} folder:{fo}")]))
    f, o, d, l1 = n(r, 1, 2999), n(r, 1, 99), n(r, 1, 9999), r.randint(1, 300)
    style = r.randrange(3)
    if style == 0:
        sig, units = "ГА АР", f"ф. {f}, оп. {o}, д. {d}, л. {l1}-{l1 + 3}"
        ref = f"{sig}, {units}"
    elif style == 1:
        sig, units = "РГАСПИ", f"Ф. {f}. Оп. {o}. Д. {d}. Л. {l1}"
        ref = f"{sig}. {units}."
    else:
        sig, units = "SA AR", f"f.{f}, s.{o}, i.{d}, v.{l1}-{l1 + 3}"
        ref = f"{sig}, {units}"
    out.append(("soviet", ref, [
        ("whole", f'"{ref}"'), ("number", f'"{units}"'), ("ref", f'ref:"{units}"'),
        ("parts", f'archive:"{sig}" fond:{f} opis:{o} delo:{d}')]))
    v = n(r, 1, 999)
    if r.random() < 0.5:
        units = f"vol. {v}"
        ref = f"AMAE, Europe 1918-1940, URSS, {units}"
    else:
        units = f"vol. {v}, f. {n(r, 1, 300)}"
        ref = f"AMAE, Correspondance politique, Russie, {units}"
    out.append(("amae", ref, [
        ("whole", f'"{ref}"'), ("number", f'"{units}"'),
        ("ref", f'ref:"{ref}"'), ("parts", f'archive:AMAE "{units}"')]))
    p = n(r, 1000, 99999)
    ref = f"PA AA, R {p}" + (f", Bl. {n(r, 1, 400)}" if r.random() < 0.5 else "")
    out.append(("paaa", ref, [
        ("whole", f'"{ref}"'), ("number", f'"R {p}"'), ("ref", f'ref:"R {p}"'),
        ("parts", f'archive:"PA AA" delo:"R {p}"')]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=26)
    ap.add_argument("--per-form", type=int, default=10)
    args = ap.parse_args()
    r = random.Random(args.seed)
    docs = os.path.join(args.out, "docs")
    os.makedirs(docs, exist_ok=True)
    rows = []
    for i in range(args.per_form):
        for k, (form, ref, queries) in enumerate(forms(r)):
            name = f"{form}-{i:03d}.txt"
            body = r.choice(BODIES)
            in_note = (i + k) % 2 == 1
            with open(os.path.join(docs, name), "w", encoding="utf-8") as f:
                f.write(f"Title: Report {form} {chr(97 + i % 26)}\n")
                if not in_note:
                    f.write(f"Archive reference: {ref}\n")
                f.write("\n")
                if in_note:
                    f.write(f"{body}[1]\n\nNotes\n1. {ref}\n")
                else:
                    f.write(f"{body}\n")
            where = "note" if in_note else "header"
            for how, q in queries + [("words", ref)]:
                rows.append((form, where, how, q, name))
    with open(os.path.join(args.out, "queries.tsv"), "w", encoding="utf-8") as f:
        for row in rows:
            f.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
