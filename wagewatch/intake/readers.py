"""Read one inbox file into an Arrow table of text, whatever its format (docs/contract.md section 1).

Every cell stays text: readers that guess types turn ID and card numbers into doubles and lose
digits. Cleaning and casting happen later, in the staging SQL, where they can be seen and tested.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import python_calamine

from wagewatch.intake.columns import Kind, normalise_header

TEXT_SUFFIXES = {".csv", ".txt"}
SHEET_SUFFIXES = {".xlsx", ".xls"}
DELIMITERS = (",", "|", "\t", ";")
ENCODINGS = ("utf-8-sig", "gb18030")  # gb18030, not gbk: gbk fails on 4-byte characters
HEADER_SEARCH_ROWS = 50
MIN_HEADER_MATCHES = 2
TOTAL_MARKERS = ("合计", "总计")
BINARY_PROBE_BYTES = 8192
# Columns whose digits are an identity: a spreadsheet number cell in them is corrupt, never a value.
IDENTITY_COLUMNS = {
    "id_number",
    "payee_id_number",
    "bank_account",
    "payee_account",
    "payer_account",
    "wage_account",
    "account",
    "counterparty_account",
}


class Rejected(Exception):
    """The file cannot be read at all; it is recorded with this reason and the run goes on."""


@dataclass
class BadRow:
    row_number: int
    text: str
    reason: str


@dataclass
class ReadResult:
    """The data rows of one file, keyed by canonical column, and the accounting of everything else."""

    table: pa.Table  # canonical columns as text, plus row_number
    rows_read: int  # every row a person sees: title, header, blank, total and data rows
    rows_non_data: int  # title lines, header, blank rows and totals
    bad_rows: list[BadRow] = field(default_factory=list)  # rows that could not be split into fields
    delimiter: str | None = None
    encoding: str | None = None
    unterminated_row: int | None = None  # the last row, when the file ends mid-line: maybe cut short


@dataclass
class Header:
    index: int  # 0-based row of the header
    mapping: dict[int, str]  # position -> canonical column (first occurrence wins)
    width: int


def find_header(grid: list[list[str]], kind: Kind) -> Header | None:
    """The first row in the first 50 that names at least two known columns of this kind."""
    lookup = kind.lookup
    for index, cells in enumerate(grid[:HEADER_SEARCH_ROWS]):
        mapping: dict[int, str] = {}
        for position, cell in enumerate(cells):
            name = lookup.get(normalise_header(cell))
            if name and name not in mapping.values():
                mapping[position] = name
        if len(mapping) >= MIN_HEADER_MATCHES:
            return Header(index, mapping, len(cells))
    return None


def _check_header(grid: list[list[str]], kind: Kind, others: list[Kind]) -> Header:
    """Find the header or say why the file is not one of this kind (wrong folder, no header)."""
    header = find_header(grid, kind)
    found = set(header.mapping.values()) if header else set()
    missing = [name for name in kind.required if name not in found]
    if header is not None and not missing:
        return header
    for other in others:
        theirs = find_header(grid, other)
        if theirs is not None and set(other.required) <= set(theirs.mapping.values()):
            raise Rejected(f"this looks like a {other.name} file, not {kind.name}: wrong folder?")
    if header is None:
        raise Rejected(
            f"no header naming {MIN_HEADER_MATCHES} known {kind.name} columns in the first "
            f"{HEADER_SEARCH_ROWS} rows"
        )
    raise Rejected(f"header (row {header.index + 1}) lacks required column(s): {', '.join(missing)}")


def _decode(data: bytes) -> tuple[str, str]:
    if not data.strip():
        raise Rejected("empty file")
    if b"\x00" in data[:BINARY_PROBE_BYTES]:
        raise Rejected("binary content, not a text file")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise Rejected("text is neither UTF-8 nor GB18030")


def _head_grid(lines: list[str], delimiter: str) -> list[list[str]]:
    return list(csv.reader(lines, delimiter=delimiter))


def _sniff(lines: list[str], kind: Kind, others: list[Kind]) -> tuple[str, Header]:
    """The delimiter whose header names the most columns of this kind."""
    best: tuple[int, str] | None = None
    for delimiter in DELIMITERS:
        header = find_header(_head_grid(lines, delimiter), kind)
        if header is not None and (best is None or len(header.mapping) > best[0]):
            best = (len(header.mapping), delimiter)
    if best is not None:
        delimiter = best[1]
    else:  # no delimiter gives a header of this kind: let the checks say why, on the likeliest split
        counts = {d: sum(line.count(d) for line in lines) for d in DELIMITERS}
        delimiter = max(counts, key=counts.get)
    return delimiter, _check_header(_head_grid(lines, delimiter), kind, others)


def _record_lines(
    numbers_bad: list[int], newlines_good: np.ndarray, newlines_bad: list[int]
) -> tuple[np.ndarray, np.ndarray]:
    """1-based line (within the body) where each record starts, allowing for quoted newlines, and
    which records are the bad ones.

    The CSV parser numbers records, not lines; a record with a quoted newline spans several lines.
    """
    total = len(newlines_good) + len(numbers_bad)
    extra = np.zeros(total, dtype=np.int64)
    is_bad = np.zeros(total, dtype=bool)
    if numbers_bad:
        bad_index = np.asarray(numbers_bad, dtype=np.int64) - 1
        is_bad[bad_index] = True
        extra[bad_index] = newlines_bad
    extra[~is_bad] = newlines_good
    starts = np.arange(1, total + 1) + np.cumsum(extra) - extra
    return starts, is_bad


def _read_text(path: Path, kind: Kind, others: list[Kind]) -> ReadResult:
    text, encoding = _decode(path.read_bytes())
    head = text.split("\n", HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS]
    head = [line.rstrip("\r") for line in head]
    delimiter, header = _sniff(head, kind, others)
    body = text.split("\n", header.index + 1)[header.index + 1] if text.count("\n") > header.index else ""
    names = [f"c{i}" for i in range(header.width)]
    bad: list[tuple[int, str, int]] = []

    def keep_bad(row: pcsv.InvalidRow) -> str:
        bad.append((row.number, row.text, row.actual_columns))
        return "skip"

    if not body.strip("\r\n"):
        empty = pa.table({name: pa.array([], pa.string()) for name in names})
        empty = empty.append_column("row_number", pa.array([], pa.int64()))
        return _finish(empty, header, header.index + 1, [], delimiter=delimiter, encoding=encoding)
    table = pcsv.read_csv(
        io.BytesIO(body.encode("utf-8")),
        read_options=pcsv.ReadOptions(column_names=names, use_threads=False),
        parse_options=pcsv.ParseOptions(
            delimiter=delimiter,
            newlines_in_values=True,
            ignore_empty_lines=False,
            invalid_row_handler=keep_bad,
        ),
        convert_options=pcsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    newlines = np.zeros(table.num_rows, dtype=np.int64)
    for column in table.columns:
        newlines += pc.count_substring(column, "\n").to_numpy(zero_copy_only=False)
    starts, is_bad = _record_lines([n for n, _, _ in bad], newlines, [t.count("\n") for _, t, _ in bad])
    first_body_line = header.index + 2
    table = table.append_column("row_number", pa.array(starts[~is_bad] + first_body_line - 1))
    bad_rows = [
        BadRow(
            int(start) + first_body_line - 1, text, f"row has {fields} fields, the header has {header.width}"
        )
        for start, (_, text, fields) in zip(starts[is_bad], bad, strict=True)
        if text.strip()  # a line of spaces is a blank line, not a broken row
    ]
    rows_read = header.index + 1 + table.num_rows + len(bad)
    # A text file ends with a line break; one that stops mid-line may be a truncated upload.
    unterminated = None if text.endswith(("\n", "\r")) else int(starts[-1]) + first_body_line - 1
    return _finish(
        table,
        header,
        rows_read,
        bad_rows,
        delimiter=delimiter,
        encoding=encoding,
        unterminated_row=unterminated,
    )


def _read_sheet(path: Path, kind: Kind, others: list[Kind]) -> ReadResult:
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises its own types for every kind of broken workbook
        raise Rejected(f"not a readable spreadsheet: {error}") from error
    if not rows:
        raise Rejected("empty spreadsheet")
    head = [[_cell_text(v) for v in row] for row in rows[:HEADER_SEARCH_ROWS]]
    header = _check_header(head, kind, others)
    body = pd.DataFrame(rows[header.index + 1 :], dtype=object)
    body = body.where(body.notna(), "").astype(str)
    body = body.reindex(columns=range(header.width), fill_value="")
    body.columns = [f"c{i}" for i in range(header.width)]
    table = pa.Table.from_pandas(body, preserve_index=False)
    # A number cell arrives as its Python text. An ID or card stored as a number keeps that text
    # (3.60802199001011e+17, 6222020200012345.0), which staging quarantines rather than guessing
    # the lost digits; any other whole number reads as a person typed it (360802, not 360802.0).
    for position, name in header.mapping.items():
        if name not in IDENTITY_COLUMNS:
            column = f"c{position}"
            whole = pc.replace_substring_regex(table.column(column), r"^(-?\d+)\.0$", r"\1")
            table = table.set_column(table.schema.get_field_index(column), column, whole)
    first_body_row = header.index + 2
    table = table.append_column("row_number", pa.array(np.arange(table.num_rows) + first_body_row))
    return _finish(table, header, len(rows), [])


def _cell_text(value: object) -> str:
    return "" if value is None else str(value)


def _finish(
    table: pa.Table, header: Header, rows_read: int, bad_rows: list[BadRow], **how: str | int | None
) -> ReadResult:
    """Keep the canonical columns and drop rows that are not data (blank lines, totals)."""
    first_cell = None
    for i in range(header.width):
        cell = pc.utf8_trim_whitespace(pc.utf8_normalize(table.column(f"c{i}"), "NFKC"))
        cell = pc.if_else(pc.equal(cell, ""), None, cell)
        first_cell = cell if first_cell is None else pc.coalesce(first_cell, cell)
    is_blank = pc.is_null(first_cell)
    is_total = pc.fill_null(pc.or_(*[pc.starts_with(first_cell, marker) for marker in TOTAL_MARKERS]), False)
    data = table.filter(pc.invert(pc.or_(is_blank, is_total)))
    # one Arrow type for every reader (a spreadsheet arrives as large_string), so batches concatenate
    columns = {
        name: data.column(f"c{position}").cast(pa.string()) for position, name in header.mapping.items()
    }
    columns["row_number"] = data.column("row_number").cast(pa.int64())
    rows_non_data = rows_read - data.num_rows - len(bad_rows)
    return ReadResult(pa.table(columns), rows_read, rows_non_data, bad_rows, **how)


def read_file(path: Path, kind: Kind, others: list[Kind]) -> ReadResult:
    """Read one file of this kind; raise Rejected with a reason a person understands if it cannot be."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return _read_text(path, kind, others)
    if suffix in SHEET_SUFFIXES:
        return _read_sheet(path, kind, others)
    raise Rejected(f"unknown format '{suffix or path.name}': expected .csv, .txt or .xlsx")
