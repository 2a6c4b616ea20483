"""Bytes to text: a byte-order mark first (Excel's "Unicode text" export is UTF-16 with one), then
strict UTF-8 and GB18030, the encodings sites and banks write; charset-normalizer only as the
fallback, for what neither reads (docs/contract.md section 1.2)."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from wagewatch.intake.readers.common import Rejected

BINARY_PROBE_BYTES = 8192
# gb18030, not gbk: gbk fails on 4-byte characters
STRICT_ENCODINGS = ("utf-8", "gb18030")
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose mark is its first two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# the only text encodings whose bytes hold NULs: anything else with NULs is binary
WIDE_ENCODINGS = ("utf_16", "utf_32")
# a profile's `encoding` names one of these; "auto" detects
NAMED_ENCODINGS = {"utf-8": "utf-8-sig", "gb18030": "gb18030", "utf-16": "utf-16"}


def decode(data: bytes, encoding: str = "auto") -> tuple[str, str]:
    """The text and the encoding it was read with; Rejected when it is not text."""
    if not data.strip():
        raise Rejected("empty file", "空文件")
    if encoding != "auto":
        return _named(data, NAMED_ENCODINGS[encoding])
    for mark, name in BOMS:
        if data.startswith(mark):
            return _named(data, name)
    has_nul = b"\x00" in data[:BINARY_PROBE_BYTES]
    if not has_nul:
        for name in STRICT_ENCODINGS:
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                continue
    guess = from_bytes(data).best()
    if guess is None or (has_nul and not guess.encoding.startswith(WIDE_ENCODINGS)):
        if has_nul:
            raise Rejected("binary content, not a text file", "二进制内容，不是文本文件")
        raise Rejected(
            "text is neither UTF-8, UTF-16 nor GB18030, and no other encoding fits it",
            "文本既不是 UTF-8、UTF-16，也不是 GB18030，其他编码也都不符",
        )
    return str(guess), guess.encoding


def _named(data: bytes, name: str) -> tuple[str, str]:
    try:
        return data.decode(name), name
    except UnicodeDecodeError as error:
        raise Rejected(
            f"text is not {name} (byte {error.start}): {error.reason}",
            f"文本不是 {name} 编码（第{error.start}个字节）：{error.reason}",
        ) from error
