#!/usr/bin/env python3
"""pdfgen.py -- PDFs the tests make for themselves, written byte by byte
(the hostile ones no PDF tool would write), and a seeded article for groff.

    pdfgen.py zero FILE          a PDF whose page tree has no page
    pdfgen.py pages FILE N       N empty pages
    pdfgen.py bomb FILE MB       one page whose content stream is MB MiB of
                                 zeros, Flate-compressed (about 1000:1)
    pdfgen.py damaged FILE       a %PDF- header, then noise, then %%EOF
    pdfgen.py scan FILE DPI PGM...  an image-only PDF, as a scanner writes:
                                 a page for each PGM (binary, 8-bit grey),
                                 the image Flate-compressed, filling a page
                                 of its size at DPI
    pdfgen.py article SEED DIR   DIR/article.ms (groff -ms, two columns,
                                 running head, page numbers, footnotes of
                                 many shapes: archival citations of eight
                                 archives, references, Ibid., Op. cit.),
                                 DIR/words (every word of its text),
                                 DIR/notes (the footnotes' texts),
                                 DIR/paragraphs (each one's first words)
"""
import random
import re
import sys
import zlib


def write_pdf(objs, path):
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"


def zero(path):
    write_pdf([CATALOG, b"<< /Type /Pages /Kids [] /Count 0 >>"], path)


def pages(path, n):
    kids = b" ".join(b"%d 0 R" % (i + 3) for i in range(n))
    objs = [CATALOG, b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * n
    write_pdf(objs, path)


def bomb(path, mb):
    c = zlib.compressobj(9)
    data = bytearray()
    chunk = b"\0" * (1 << 24)
    for _ in range(mb // 16):
        data += c.compress(chunk)
    data += c.flush()
    stream = (b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) +
              bytes(data) + b"\nendstream")
    write_pdf([CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
               b"/Contents 4 0 R >>", stream], path)


def damaged(path):
    rnd = random.Random(16)
    noise = bytes(rnd.randrange(256) for _ in range(4000))
    with open(path, "wb") as f:
        f.write(b"%PDF-1.7\n" + noise + b"\n%%EOF\n")


# ---------------------------------------------------------------- article

WORDS = """treaty conference delegation frontier government commission
negotiation ratification protocol agreement republic province district
railway border settlement population territory representative ministry
correspondence telegram declaration assembly congress committee council
independence sovereignty autonomy administration plenipotentiary
international recognition obligation neighbouring population question
commissioner boundary demarcation withdrawal garrison armistice
evacuation occupation fortress mountains valley river crossing station
historians archives documents evidence interpretation chronology
""".split()
LINKS = "the of and in to with for by on at from between under".split()
NAMES = ["Kars", "Ardahan", "Batum", "Alexandropol", "Erivan", "Tiflis",
         "Baku", "Nakhichevan", "Moscow", "Ankara", "Trebizond", "Erzurum"]
ARCHIVES = [
    "SA AR, f.{a}, s.{b}, i.{c}, v.{d}-{e}.",
    "GARF, f. {a}, op. {b}, d. {c}, l. {d}.",
    "RGASPI, f. {a}, op. {b}, d. {c}, ll. {d}-{e}.",
    "AVP RF, f. {a}, op. {b}, papka {c}, d. {d}, l. {e}.",
    "TNA, FO 371/{a}{b}, E {c}/{d}/{e}.",
    "NARA, RG {a}, Box {b}, Folder {c}.",
    "BOA, HR.SYS. {a}/{b}, folio {c}.",
    "ATASE, Archive {a}, Box {b}, File {c}, Doc. {d}.",
]
BIBLIO = [
    "{name} and the Caucasus, 1917-1921. {place}: {pub}, {year}, p. {a}.",
    "Dokumenty vneshney politiki SSSR. Vol. {b}. {place}, {year}, pp. {a}-{c}.",
    "{name}, Diplomatic History of the Frontier ({place}: {pub}, {year}), {a}-{c}.",
]
SHORT = ["Ibid.", "Ibid., p. {a}.", "Op. cit., p. {a}.", "Ibid., f. {a}, l. {b}.",
         "See: {name}, op. cit., p. {a}."]
PLACES = ["London", "Moscow", "Paris", "Cambridge", "Oxford", "Berlin"]
PUBS = ["Oxford University Press", "Gospolitizdat", "Nauka", "Macmillan"]


def read_pgm(path):
    """A binary PGM (P5, maxval 255): width, height, pixels."""
    with open(path, "rb") as f:
        data = f.read()
    fields, at = [], 2
    while len(fields) < 3:  # width, height, maxval; comments skipped
        while data[at:at + 1].isspace():
            at += 1
        if data[at:at + 1] == b"#":
            at = data.index(b"\n", at)
            continue
        end = at
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(int(data[at:end]))
        at = end
    if data[:2] != b"P5" or fields[2] != 255:
        sys.exit("pdfgen.py: %s is not an 8-bit binary PGM" % path)
    return fields[0], fields[1], data[at + 1:at + 1 + fields[0] * fields[1]]


def scan(path, dpi, images):
    n = len(images)
    objs = [CATALOG, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % (3 + 3 * i) for i in range(n)), n)]
    for i, image in enumerate(images):
        w, h, pixels = read_pgm(image)
        pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
        page, content, xobj = 3 + 3 * i, 4 + 3 * i, 5 + 3 * i
        draw = b"q %.3f 0 0 %.3f 0 0 cm /Im0 Do Q" % (pw, ph)
        data = zlib.compress(pixels)
        objs += [
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.3f %.3f] "
            b"/Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>"
            % (pw, ph, xobj, content),
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(draw), draw),
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d "
            b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode "
            b"/Length %d >>\nstream\n" % (w, h, len(data)) + data +
            b"\nendstream"]
    write_pdf(objs, path)


def article(seed, folder):
    rnd = random.Random(seed)
    used = set()
    note_words = []
    paragraphs = []

    def word():
        w = rnd.choice(WORDS)
        used.add(w)
        return w

    def sentence():
        n = rnd.randint(9, 18)
        ws = []
        for i in range(n):
            if i % 3 == 2:
                ws.append(rnd.choice(LINKS))
            elif rnd.random() < 0.12:
                ws.append(rnd.choice(NAMES))
            else:
                ws.append(word())
        ws[0] = ws[0][0].upper() + ws[0][1:]
        for w in ws:
            used.add(w.lower())
        return " ".join(ws) + "."

    def note():
        fields = dict(a=rnd.randint(10, 999), b=rnd.randint(1, 9),
                      c=rnd.randint(10, 300), d=rnd.randint(1, 90),
                      e=rnd.randint(91, 180), name=rnd.choice(NAMES),
                      place=rnd.choice(PLACES), pub=rnd.choice(PUBS),
                      year=rnd.randint(1921, 2015))
        shape = rnd.choice([ARCHIVES, ARCHIVES, BIBLIO, SHORT])
        return rnd.choice(shape).format(**fields)

    out = [".nr PS 10", ".nr VS 12", ".nr FL 3i", ".ds CH - % -",
           ".ds LH Journal of Caucasian Frontier Studies", ".ds RH {}".format(seed),
           ".de EH", "..", ".TL", "The Frontier Question, Seed {}".format(seed),
           ".AU", "A. Historian", ".2C"]
    for p in range(rnd.randint(22, 28)):
        sents = [sentence() for _ in range(rnd.randint(3, 6))]
        first = " ".join(sents[0].split()[:4])
        paragraphs.append(first)
        out.append(".PP")
        for s in sents:
            if rnd.random() < 0.25:  # the marker glued to the full stop
                out.append(s + "\\**")
                out.append(".FS")
                text = note()
                out.append(text)
                out.append(".FE")
                note_words.append(text)
            else:
                out.append(s)
    with open(folder + "/article.ms", "w") as f:
        f.write("\n".join(out) + "\n")
    with open(folder + "/words", "w") as f:
        f.write("\n".join(sorted(used | {n.lower() for n in NAMES})) + "\n")
    with open(folder + "/notes", "w") as f:
        f.write("\n".join(note_words) + "\n")
    with open(folder + "/paragraphs", "w") as f:
        f.write("\n".join(paragraphs) + "\n")


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "zero":
        zero(path)
    elif kind == "pages":
        pages(path, int(sys.argv[3]))
    elif kind == "bomb":
        bomb(path, int(sys.argv[3]))
    elif kind == "damaged":
        damaged(path)
    elif kind == "scan":
        scan(path, int(sys.argv[3]), sys.argv[4:])
    elif kind == "article":
        article(int(path), sys.argv[3])
    else:
        sys.exit("pdfgen.py: unknown kind " + kind)
