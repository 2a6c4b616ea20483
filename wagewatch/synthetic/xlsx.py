"""One-sheet workbooks of text and number cells (the sites' rosters, 招商银行's exports), written byte for
byte as xlsxwriter writes them, without its cost per cell and per file.

xlsxwriter builds every part of the package in Python for each file (theme, styles, properties) and
each cell as an object; an inbox holds thousands of small workbooks. Here xlsxwriter writes one
template workbook per sheet name and creation stamp, whose parts are reused as they are; only the
sheet and its shared strings are written, as xlsxwriter writes them, and the package is zipped as it
zips it (the same parts in the same order, stamped 1980-01-01, deflated). A sheet whose text xlsxwriter
would escape, preserve or truncate, or whose numbers are not finite, is written by xlsxwriter itself:
the fast way covers plain text only, so its bytes never depend on reimplementing xlsxwriter's escapes.
tests/synthetic/test_xlsx.py compares both ways.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from datetime import datetime
from functools import cache
from pathlib import Path

import xlsxwriter

Cell = str | float  # text as write_string writes it, a number as write_number writes it
Rows = list[tuple[int, list[Cell]]]  # (0-based row, its cells from column A on), rows in order
XLSX_OPTIONS = {"in_memory": True}  # no temp files; xlsxwriter itself stamps zip entries 1980-01-01
ZIP_STAMP = (1980, 1, 1, 0, 0, 0)
SHEET_PART, STRINGS_PART = "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"
SPAN_ROWS = 16  # xlsxwriter states each row's column span once per block of 16 rows
LETTERS = 26
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384  # a sheet's bounds: xlsxwriter drops a cell beyond them
TEXT_MAX = 16_383  # half of Excel's 32,767 UTF-16 units: any text this long or shorter fits
# Text that xlsxwriter writes other than as it is: XML escapes, control characters and their escapes,
# leading or trailing whitespace (xml:space="preserve").
NOT_PLAIN = re.compile(r'["&<>\n\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_|^\s|\s$')
TEMPLATE_CELL = "t"


def write_with_xlsxwriter(path: Path | io.BytesIO, sheet_name: str, created: datetime, rows: Rows) -> None:
    """The workbook as xlsxwriter writes it: write_string for text, write_number for numbers."""
    workbook = xlsxwriter.Workbook(path if isinstance(path, io.BytesIO) else str(path), XLSX_OPTIONS)
    workbook.set_properties({"created": created})
    sheet = workbook.add_worksheet(sheet_name)
    for row, cells in rows:
        for column, value in enumerate(cells):
            if isinstance(value, str):
                sheet.write_string(row, column, value)
            else:
                sheet.write_number(row, column, value)
    workbook.close()


class _Template:
    """xlsxwriter's package for a sheet name and stamp, split where the sheet and its strings go."""

    def __init__(self, sheet_name: str, created: datetime) -> None:
        buffer = io.BytesIO()
        write_with_xlsxwriter(buffer, sheet_name, created, [(0, [TEMPLATE_CELL])])
        with zipfile.ZipFile(buffer) as package:
            self.parts = [(info.filename, package.read(info)) for info in package.infolist()]
        sheet = dict(self.parts)[SHEET_PART].decode("utf-8")
        strings = dict(self.parts)[STRINGS_PART].decode("utf-8")
        one_cell = '<sheetData><row r="1" spans="1:1"><c r="A1" t="s"><v>0</v></c></row></sheetData>'
        head, _, self.sheet_tail = sheet.partition(one_cell)
        self.sheet_head, _, self.sheet_views = head.partition('<dimension ref="A1"/>')
        self.strings_head, _, rest = strings.partition(' count="1" uniqueCount="1">')
        self.is_usable = (
            bool(self.sheet_tail and self.sheet_views and rest)
            and rest == f"<si><t>{TEMPLATE_CELL}</t></si></sst>"
        )


@cache
def _template(sheet_name: str, created: datetime) -> _Template:
    return _Template(sheet_name, created)


@cache
def _column(number: int) -> str:
    """A 0-based column's letters: A, …, Z, AA, …"""
    letters = ""
    number += 1
    while number:
        number, left = divmod(number - 1, LETTERS)
        letters = chr(ord("A") + left) + letters
    return letters


def _is_simple(rows: Rows) -> bool:
    """Rows in order, each written once, within the sheet's bounds; plain text; finite numbers."""
    previous = -1
    for row, cells in rows:
        if row <= previous or row >= MAX_ROWS or len(cells) > MAX_COLUMNS:
            return False
        previous = row
        for value in cells:
            if isinstance(value, str):
                if len(value) > TEXT_MAX or NOT_PLAIN.search(value):
                    return False
            elif not math.isfinite(value):
                return False
    return True


def _sheet_and_strings(template: _Template, rows: Rows) -> tuple[bytes, bytes]:
    """The sheet's XML and its shared strings' XML, as xlsxwriter writes them for these rows."""
    rows = [(row, cells) for row, cells in rows if cells]
    widest = max(len(cells) for _, cells in rows)
    spans: dict[int, int] = {}
    for row, cells in rows:
        block = row // SPAN_ROWS
        spans[block] = max(spans.get(block, 0), len(cells))
    strings: dict[str, int] = {}
    count = 0
    body = []
    for row, cells in rows:
        number = row + 1
        body.append(f'<row r="{number}" spans="1:{spans[row // SPAN_ROWS]}">')
        for column, value in enumerate(cells):
            ref = f"{_column(column)}{number}"
            if isinstance(value, str):
                index = strings.setdefault(value, len(strings))
                count += 1
                body.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
            else:
                body.append(f'<c r="{ref}"><v>{value:.16G}</v></c>')
        body.append("</row>")
    first, last = f"A{rows[0][0] + 1}", f"{_column(widest - 1)}{rows[-1][0] + 1}"
    dimension = first if first == last else f"{first}:{last}"
    sheet = "".join(
        [
            template.sheet_head,
            f'<dimension ref="{dimension}"/>',
            template.sheet_views,
            "<sheetData>",
            *body,
            "</sheetData>",
            template.sheet_tail,
        ]
    )
    shared = "".join(f"<si><t>{text}</t></si>" for text in strings)
    head = f'{template.strings_head} count="{count}" uniqueCount="{len(strings)}">'
    return sheet.encode("utf-8"), f"{head}{shared}</sst>".encode()


def write_workbook(path: Path, sheet_name: str, created: datetime, rows: Rows) -> None:
    """A one-sheet workbook, the bytes xlsxwriter would write (`write_with_xlsxwriter`)."""
    template = _template(sheet_name, created)
    # no text, no shared strings part: the template has one
    has_text = any(isinstance(value, str) for _, cells in rows for value in cells)
    if not (template.is_usable and has_text and _is_simple(rows)):
        write_with_xlsxwriter(path, sheet_name, created, rows)
        return
    sheet, strings = _sheet_and_strings(template, rows)
    written = {SHEET_PART: sheet, STRINGS_PART: strings}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=False) as package:
        for name, data in template.parts:
            info = zipfile.ZipInfo(name, ZIP_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, written.get(name, data))
