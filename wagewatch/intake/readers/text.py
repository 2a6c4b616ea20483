"""Delimited text (.csv, .txt): the delimiter whose header names the most known columns, then the body
parsed by Arrow, every cell text, with each record's line as a person counts it."""

from __future__ import annotations

import csv
import io
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from wagewatch.intake.readers.common import HEADER_SEARCH_ROWS, BadRow, Grid, Header, find_header

DELIMITERS = (",", "|", "\t", ";")


def head_lines(text: str) -> tuple[str, ...]:
    """The first 50 lines, where the title lines and the header are."""
    return tuple(line.rstrip("\r") for line in text.split("\n", HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS])


@lru_cache(maxsize=16)
def head_grid(lines: tuple[str, ...], delimiter: str) -> tuple[tuple[str, ...], ...]:
    """The first lines split at the delimiter; the same lines are split once for every profile tried."""
    return tuple(map(tuple, csv.reader(lines, delimiter=delimiter)))


def sniff(lines: list[str], lookup: dict[str, str]) -> tuple[str, Header | None]:
    """The delimiter whose header names the most columns; with none, the likeliest split."""
    best: tuple[int, str, Header] | None = None
    for delimiter in DELIMITERS:
        header = find_header(head_grid(lines, delimiter), lookup)
        if header is not None and (best is None or len(header.mapping) > best[0]):
            best = (len(header.mapping), delimiter, header)
    if best is not None:
        return best[1], best[2]
    counts = {d: sum(line.count(d) for line in lines) for d in DELIMITERS}
    return max(counts, key=counts.get), None


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


def empty_table(width: int) -> pa.Table:
    table = pa.table({f"c{i}": pa.array([], pa.string()) for i in range(width)})
    return table.append_column("row_number", pa.array([], pa.int64()))


def text_grid(text: str, encoding: str, delimiter: str, header: Header, lines: list[str]) -> Grid:
    """The rows below the header, parsed with the delimiter the header was found with."""
    title_lines = list(lines[: header.index])
    body = text.split("\n", header.index + 1)[header.index + 1] if text.count("\n") > header.index else ""
    names = [f"c{i}" for i in range(header.width)]
    bad: list[tuple[int, str, int]] = []

    def keep_bad(row: pcsv.InvalidRow) -> str:
        bad.append((row.number, row.text, row.actual_columns))
        return "skip"

    if not body.strip("\r\n"):
        return Grid(empty_table(header.width), header, header.index + 1, [], title_lines, delimiter, encoding)
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
    return Grid(table, header, rows_read, bad_rows, title_lines, delimiter, encoding, unterminated)
