"""A worksheet whose last table's rows are rendered as XML column by column, not written cell by cell.

The flags sheet holds most of the workbook's cells (34,500 rows by 22 columns at 100,000 workers).
Written through xlsxwriter's write_*() calls, each cell is checked, stored as a tuple and written out
again when the book closes, which cost most of the workbook's seconds. Here each column's cells are
rendered in one comprehension, with the cell type and format chosen once for the column, and the rows
go into the sheet's <sheetData> after the rows xlsxwriter wrote itself (the title and the header).

The cells are the ones write_string, write_number and write_datetime would have made: strings go into
the workbook's shared string table (never a formula or a link, whatever they hold), amounts are numbers,
dates are serial numbers in their date format, and an empty value leaves its cell unwritten. This relies
on three of xlsxwriter's internals, pinned with its version in constraints.txt: the shared string
table, a format's XF index and the sheet's row writer (`_write_rows`), and on its UTF-16 helpers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.utility import _utf16_len, _utf16_truncate, xl_col_to_name
from xlsxwriter.worksheet import Worksheet

EXCEL_EPOCH = datetime(1899, 12, 31)
EXCEL_LEAP_DAY = 59  # Excel counts a 29 February 1900 that never was: later serial numbers are one higher
SECONDS_A_DAY = 86_400
STRING_LIMIT = 32_767  # Excel's longest cell text, in UTF-16 units, as write_string truncates it
NUMBERS = (int, float, Decimal)


@dataclass(frozen=True)
class BodyColumn:
    """One column of a table's body: its values, in order, and how they are written.

    kind is "string", "number" or "date" (each in `cell_format`), or "words": a value shown as its word
    in `words`, in its own format from `formats` (a level or severity), `cell_format` otherwise."""

    values: Sequence[Any]
    kind: str
    cell_format: Format
    words: dict[str, str] = field(default_factory=dict)
    formats: dict[str, Format] = field(default_factory=dict)


@cache
def excel_serial(value: date) -> float:
    """A date or moment as Excel's serial number (the 1900 date system), as write_datetime makes it."""
    moment = value if isinstance(value, datetime) else datetime.fromordinal(value.toordinal())
    delta = moment - EXCEL_EPOCH
    serial = delta.days + (delta.seconds + delta.microseconds / 1e6) / SECONDS_A_DAY
    return serial + 1 if serial > EXCEL_LEAP_DAY else serial


def _text(value: str) -> str:
    """Text as write_string keeps it: cut at Excel's limit (a string under half of it cannot reach it)."""
    if len(value) > STRING_LIMIT // 2 and _utf16_len(value) > STRING_LIMIT:
        return _utf16_truncate(value, STRING_LIMIT)
    return value


def _number(value: Any) -> str:
    """A number cell's text: an amount's exact decimal text as it comes, any other number as
    write_number writes it."""
    return value if value.__class__ is str else f"{value:.16G}"


class BulkWorksheet(Worksheet):
    """A worksheet that ends with one table whose body rows are rendered here (set_body)."""

    def __init__(self) -> None:
        super().__init__()
        self.body_xml = ""
        self.rows_above: int | None = None  # the last row xlsxwriter wrote itself, zero-based

    def set_body(self, first_row: int, columns: list[BodyColumn]) -> int:
        """Render the rows from `first_row` (zero-based, below everything written so far) and return how
        many there are. Nothing may be written below them afterwards."""
        if self.dim_rowmax is not None and first_row <= self.dim_rowmax:
            raise ValueError(f"a bulk table's body must start below row {self.dim_rowmax + 1}")
        count = len(columns[0].values) if columns else 0
        numbers = range(first_row + 1, first_row + count + 1)  # Excel's rows count from 1
        cells = [self._column(index, column, numbers) for index, column in enumerate(columns)]
        rows = []
        for number, row_cells in zip(numbers, zip(*cells, strict=True), strict=True):
            joined = "".join(row_cells)
            if joined:
                rows.append(f'<row r="{number}">{joined}</row>')
        self.body_xml = "".join(rows)
        self.rows_above = self.dim_rowmax
        last = (first_row + count - 1, len(columns) - 1)
        if rows and (self._check_dimensions(first_row, 0) or self._check_dimensions(*last)):
            raise ValueError("a bulk table does not fit in a worksheet")
        return count

    def _column(self, index: int, column: BodyColumn, numbers: range) -> list[str]:
        letter = xl_col_to_name(index)
        style = column.cell_format._get_xf_index()
        if column.kind == "number":
            return [
                "" if v is None else f'<c r="{letter}{n}" s="{style}"><v>{_number(v)}</v></c>'
                for n, v in zip(numbers, column.values, strict=True)
            ]
        if column.kind == "date":
            return [
                "" if v is None else f'<c r="{letter}{n}" s="{style}"><v>{excel_serial(v):.16G}</v></c>'
                for n, v in zip(numbers, column.values, strict=True)
            ]
        if column.kind == "words":
            return self._words(letter, column, numbers)
        if column.kind != "string":
            raise ValueError(f"unknown kind of column: {column.kind!r}")
        index, short = self.str_table._get_shared_string_index, STRING_LIMIT // 2
        return [
            ""
            if v is None
            else f'<c r="{letter}{n}" s="{style}" t="s"><v>{index(v)}</v></c>'
            if v.__class__ is str and len(v) <= short
            else self._string_cell(f"{letter}{n}", style, v)
            for n, v in zip(numbers, column.values, strict=True)
        ]

    def _words(self, letter: str, column: BodyColumn, numbers: range) -> list[str]:
        """A level or severity: its word in its colour; an empty value leaves the cell unwritten."""
        plain = column.cell_format._get_xf_index()
        styles = {value: cell_format._get_xf_index() for value, cell_format in column.formats.items()}
        index = self.str_table._get_shared_string_index
        return [
            ""
            if not v
            else f'<c r="{letter}{n}" s="{styles.get(v, plain)}" t="s">'
            f"<v>{index(_text(column.words.get(v, v)))}</v></c>"
            for n, v in zip(numbers, column.values, strict=True)
        ]

    def _string_cell(self, reference: str, style: int, value: Any) -> str:
        """A text column's cell: a shared string; a number or a truth value as write() would write it."""
        if isinstance(value, str):
            index = self.str_table._get_shared_string_index(_text(value))
            return f'<c r="{reference}" s="{style}" t="s"><v>{index}</v></c>'
        if isinstance(value, bool):
            return f'<c r="{reference}" s="{style}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, NUMBERS):
            return f'<c r="{reference}" s="{style}"><v>{_number(value)}</v></c>'
        raise TypeError(f"cell {reference}: cannot write a {type(value).__name__} in a text column")

    def _write_rows(self) -> None:
        """xlsxwriter's own rows (it need not walk the body's rows, where it has no cells), then the body."""
        whole = self.dim_rowmax
        if self.rows_above is not None:
            self.dim_rowmax = self.rows_above
        try:
            super()._write_rows()
        finally:
            self.dim_rowmax = whole
        self.fh.write(self.body_xml)
