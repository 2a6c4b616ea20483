"""Just enough of a PNG reader for the browser test to look at Chromium's screenshots: 8-bit RGB or
RGBA, not interlaced (what Chromium writes), no library needed."""

from __future__ import annotations

import struct
import zlib
from collections import Counter
from pathlib import Path

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {2: 3, 6: 4}  # colour type: bytes per pixel


def _chunks(data: bytes):
    position = len(SIGNATURE)
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        yield kind, data[position + 8 : position + 8 + length]
        position += 12 + length


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _unfilter(kind: int, line: bytearray, prior: bytearray, bpp: int) -> bytearray:
    if kind == 1:
        for x in range(bpp, len(line)):
            line[x] = (line[x] + line[x - bpp]) & 0xFF
    elif kind == 2:
        line = bytearray((value + above) & 0xFF for value, above in zip(line, prior, strict=True))
    elif kind == 3:
        for x in range(len(line)):
            left = line[x - bpp] if x >= bpp else 0
            line[x] = (line[x] + ((left + prior[x]) >> 1)) & 0xFF
    elif kind == 4:
        for x in range(len(line)):
            left, corner = (line[x - bpp], prior[x - bpp]) if x >= bpp else (0, 0)
            line[x] = (line[x] + _paeth(left, prior[x], corner)) & 0xFF
    return line


def pixel_counts(path: Path, rows: int | None = None) -> tuple[tuple[int, int], Counter]:
    """(width, height) and how many pixels of each "#rrggbb" colour the first `rows` rows hold."""
    data = Path(path).read_bytes()
    assert data.startswith(SIGNATURE), f"{path} is not a PNG"
    chunks = list(_chunks(data))
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert depth == 8 and interlace == 0 and colour in CHANNELS, "an 8-bit RGB(A) PNG, not interlaced"
    bpp = CHANNELS[colour]
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride = width * bpp
    prior = bytearray(stride)
    counts: Counter = Counter()
    for y in range(min(rows or height, height)):
        start = y * (stride + 1)
        line = _unfilter(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), prior, bpp)
        counts.update(line[x : x + 3].hex() for x in range(0, stride, bpp))
        prior = line
    return (width, height), Counter({f"#{colour}": n for colour, n in counts.items()})
