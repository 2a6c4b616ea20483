"""Read one inbox file into an Arrow table of text, whatever its format (docs/contract.md section 1).

`read_file` is the entry point: delimited text (text.py), spreadsheets (sheet.py), and for bank files
also fixed-width text (fixed.py) and XML batches (xmlfile.py), each through the bank profile that fits
it (profiles.py, bank.py). Decoding is decode.py; header search and the split of data rows from blank
and total rows, common.py."""

from __future__ import annotations

from pathlib import Path

from wagewatch.intake.columns import Kind
from wagewatch.intake.readers.bank import SHEET_SUFFIXES, TEXT_SUFFIXES, XML_SUFFIXES, read_bank
from wagewatch.intake.readers.common import BadRow, ReadResult, Rejected, check_header, result, split_rows
from wagewatch.intake.readers.decode import decode
from wagewatch.intake.readers.profiles import BUILT_IN, Formats, Profile
from wagewatch.intake.readers.sheet import head_cells, sheet_grid, sheet_rows
from wagewatch.intake.readers.text import head_grid, head_lines, sniff, text_grid

__all__ = ["BUILT_IN", "BadRow", "Formats", "Profile", "ReadResult", "Rejected", "read_file"]


def _read_other(path: Path, kind: Kind, others: list[Kind]) -> ReadResult:
    """A register, roster or attendance file: delimited text or a spreadsheet."""
    if path.suffix.lower() in SHEET_SUFFIXES:
        rows = sheet_rows(path)
        head = head_cells(rows)
        grid = sheet_grid(rows, check_header(head, kind, others), head)
    else:
        text, encoding = decode(path.read_bytes())
        lines = head_lines(text)
        delimiter, _ = sniff(lines, kind.lookup)
        header = check_header(head_grid(lines, delimiter), kind, others)
        grid = text_grid(text, encoding, delimiter, header, lines)
    return result(grid, split_rows(grid))


def read_file(path: Path, kind: Kind, others: list[Kind], formats: Formats | None = None) -> ReadResult:
    """Read one file of this kind; raise Rejected with a reason a person understands if it cannot be."""
    suffix = path.suffix.lower()
    known = TEXT_SUFFIXES | SHEET_SUFFIXES | (XML_SUFFIXES if kind.name == "bank" else set())
    if suffix not in known:
        formats = [".csv", ".txt", ".xlsx", *((".xml", ".plz") if kind.name == "bank" else ())]
        expected = ", ".join(formats[:-1]) + " or " + formats[-1]
        raise Rejected(
            f"unknown format '{suffix or path.name}': expected {expected}",
            f"无法识别的文件格式“{suffix or path.name}”：应为 {'、'.join(formats)}",
        )
    if kind.name == "bank":
        return read_bank(path, kind, others, formats or Formats())
    return _read_other(path, kind, others)
