"""Spreadsheets (.xlsx, .xls): the first sheet, through python-calamine, every cell as text."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import python_calamine

from wagewatch.intake.readers.common import HEADER_SEARCH_ROWS, Grid, Header, Rejected

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


def sheet_rows(path: Path) -> list[list[object]]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises its own types for every kind of broken workbook
        raise Rejected(f"not a readable spreadsheet: {error}", f"无法读取的电子表格：{error}") from error
    if not rows:
        raise Rejected("empty spreadsheet", "电子表格是空的")
    return rows


def head_cells(rows: list[list[object]]) -> list[list[str]]:
    return [[_cell_text(v) for v in row] for row in rows[:HEADER_SEARCH_ROWS]]


def sheet_grid(rows: list[list[object]], header: Header, head: list[list[str]]) -> Grid:
    # Each row cut or padded to the header's width, every cell its text: a roster is a few dozen rows,
    # where building a DataFrame cost more than the rows themselves.
    width = header.width
    body = [
        [_cell_text(v) for v in row[:width]] + [""] * (width - len(row)) for row in rows[header.index + 1 :]
    ]
    cells = list(zip(*body, strict=True)) if body else [()] * width
    table = pa.table({f"c{i}": pa.array(column, pa.string()) for i, column in enumerate(cells)})
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
    title_lines = [" ".join(cell for cell in cells if cell) for cells in head[: header.index]]
    return Grid(table, header, len(rows), [], title_lines)


def _cell_text(value: object) -> str:
    return "" if value is None or value != value else str(value)  # an empty cell, or NaN
