# Hostile images among good ones: a decompression bomb (a PNG of 60000 x
# 60000 pixels of one colour, 430 kB), a TIFF of one real page and 99,999
# more directories in its chain, a TIFF whose chain of pages loops, a
# truncated JPEG and a truncated PNG, an image too wide for Tesseract.
# fond-index must refuse each before decoding what it cannot afford, say
# why in one line, index the good scan beside them, exit 1 ("completed with
# warnings", as hostile.sh has it), and stay small in memory and quick.
source "$(dirname "$0")/common.bash"
export XDG_CACHE_HOME="$TMP/cache" OMP_THREAD_LIMIT=1
unset FOND_OCR_CACHE
col="$TMP/col"
mkdir -p "$col"

# The good scan, and a page to cut short.
scan() { # FILE TEXT
  convert -size 1400x120 xc:white -font DejaVu-Serif -pointsize 20 -fill black \
    -annotate +30+45 "$2" -seed 9 -attenuate 0.4 +noise Gaussian -colorspace Gray \
    -depth 8 -density 300 -units PixelsPerInch "$1"
}
scan "$col/good.png" "The keeper of the lighthouse wrote down every ship that passed the cape."
scan "$TMP/page.png" "A page of the ledger that was cut short when it was copied to the archive."
convert "$TMP/page.png" -quality 85 "$TMP/page.jpg"
head -c "$(( $(stat -c %s "$TMP/page.jpg") / 2 ))" "$TMP/page.jpg" >"$col/truncated.jpg"
head -c "$(( $(stat -c %s "$TMP/page.png") / 2 ))" "$TMP/page.png" >"$col/truncated.png"

python3 - "$col" <<'PY'
import struct, sys, zlib
col = sys.argv[1]

def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))

def png(path, w, h, rows_data):
    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 1, 0, 0, 0, 0)) +
                chunk(b'IDAT', rows_data) + chunk(b'IEND', b''))

# The bomb: 60000 x 60000 pixels, one bit each, all black: 450 MB of rows
# that deflate to 430 kB (a block of 1000 rows, flushed on its own so that
# it can be repeated; the checksum is of all the rows).
w = h = 60000
rows = b'\0' * (1 + (w + 7) // 8) * 1000
c = zlib.compressobj(9)
first = c.compress(rows) + c.flush(zlib.Z_FULL_FLUSH)
block = c.compress(rows) + c.flush(zlib.Z_FULL_FLUSH)
adler = 1
for _ in range(h // 1000):
    adler = zlib.adler32(rows, adler)
png(col + '/bomb.png', w, h, first + block * (h // 1000 - 1) + b'\x03\x00' + struct.pack('>I', adler))

# Too wide for Tesseract (16-bit coordinates): 40000 x 8, small.
png(col + '/wide.png', 40000, 8, zlib.compress(b'\0' * (1 + 5000) * 8))

# TIFFs: one real page of 8 x 8 grey pixels, then a chain of directories.
def tiff(path, more, loop=False):
    pix = b'\xff' * 64
    tags = [(256, 3, 8), (257, 3, 8), (258, 3, 8), (259, 3, 1), (262, 3, 1), (273, 4, None),
            (277, 3, 1), (278, 3, 8), (279, 4, len(pix))]
    ifd_at = 8
    data_at = ifd_at + 2 + 12 * len(tags) + 4
    chain_at = data_at + len(pix)
    def entry(tag, typ, value):
        value = data_at if value is None else value
        return struct.pack('<HHIHH' if typ == 3 else '<HHII', tag, typ, 1, value, *([0] if typ == 3 else []))
    ifd = struct.pack('<H', len(tags)) + b''.join(entry(*t) for t in tags)
    ifd += struct.pack('<I', chain_at if more else 0)
    out = [b'II*\0' + struct.pack('<I', ifd_at), ifd, pix]
    for i in range(more):  # empty directories: a count of 0, the next's offset
        at = chain_at + 6 * i
        nxt = ifd_at if loop else (at + 6 if i < more - 1 else 0)
        out.append(struct.pack('<HI', 0, nxt))
    with open(path, 'wb') as f:
        f.write(b''.join(out))

tiff(col + '/100000-pages.tif', 99999)
tiff(col + '/loop.tif', 3, loop=True)
PY
check "the bomb is small" [ "$(stat -c %s "$col/bomb.png")" -lt 500000 ]
check "the bomb claims 60000 x 60000 pixels" [ "$(python3 -c 'import struct, sys; print(*struct.unpack(">II", open(sys.argv[1], "rb").read()[16:24]))' "$col/bomb.png")" = "60000 60000" ]

got=0
/usr/bin/time -f '%e %M' -o "$TMP/usage" "$INDEX" --db "$TMP/db" "$col" >"$TMP/out" 2>"$TMP/err" || got=$?
cat "$TMP/err" "$TMP/out"
check "fond-index finishes, exit 1: completed with warnings (got $got)" [ "$got" -eq 1 ]
reported() { grep -F -- "$1: $2" "$TMP/err" | grep -q ', skipped$'; }
check "the bomb is refused as one" \
  reported bomb.png "decompression bomb: a PNG of 60000 x 60000 pixels (3600 megapixels), over the 100 megapixels fond reads"
check "the TIFF of 100,000 pages is refused" \
  reported 100000-pages.tif "TIFF of over 10000 pages, more than the 10000 fond reads"
check "the TIFF whose pages loop is refused" reported loop.tif "damaged TIFF: its chain of pages loops"
check "the truncated JPEG is refused as damaged, in the decoder's words" \
  reported truncated.jpg "damaged JPEG: it cannot be decoded (Premature end of JPEG file)"
check "the truncated PNG is refused as damaged" reported truncated.png "damaged PNG: it cannot be decoded"
check "the image too wide for Tesseract is refused" \
  reported wide.png "a PNG of 40000 x 8 pixels: wider or taller than the 32767 pixels Tesseract reads"
check "the summary counts them" grep -q '^1 added, 0 updated, 0 removed, 0 unchanged, 6 skipped' "$TMP/out"
"$SEARCH" --db "$TMP/db" --json lighthouse >"$TMP/good.json" || true
check "the good scan beside them is indexed" jq -e '[.hits[].path | endswith("/good.png")] | any' "$TMP/good.json" >/dev/null

# Nothing was decoded that was refused: the run is quick and small (the
# bomb decodes to 450 MB at one bit a pixel, 3.6 GB as Tesseract's grey).
read -r secs kb < <(tail -1 "$TMP/usage") # after "Command exited with non-zero status 1"
echo "fond-index over the hostile images: $secs s, peak RSS $((kb / 1024)) MB"
check "peak memory ($((kb / 1024)) MB) under 200 MB" [ "$kb" -lt 204800 ]
check "done within 30 s ($secs s)" awk -v s="$secs" 'BEGIN { exit !(s < 30) }'
finish
