"""A bulk table (the flags, projects and resolved sheets) is rendered as XML column by column: its cells
read back the same as the ones xlsxwriter writes cell by cell, and site text stays text."""

from __future__ import annotations

import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from wagewatch.reports.labels import load_labels
from wagewatch.reports.workbook import WORKBOOK_OPTIONS, Column, Formats, Sheet

ZH = load_labels("zh")
COLUMNS = [
    Column("worker", lambda row: row["name"]),
    Column("detail", lambda row: row["detail"], "wrap"),
    Column("expected", lambda row: row["amount"], "money"),
    Column("days_late", lambda row: row["days"], "int"),
    Column("first_raised", lambda row: row["day"], "date"),
    Column("severity", lambda row: row["severity"], "severity"),
]
ROWS = [
    {
        "name": '=HYPERLINK("http://x","点我")',
        "detail": " 前后有空格 ",
        "amount": Decimal("8764.50"),
        "days": 16,
        "day": date(2026, 9, 15),
        "severity": "red",
    },
    {"name": "http://example.com", "detail": "a\x07b _x0041_", "amount": None, "days": None, "day": None},
    {"name": "张三", "detail": "", "amount": Decimal("0.00"), "days": 0, "day": date(1900, 2, 28)},
    {"name": None, "detail": "<b>&amp;</b>", "amount": Decimal("-1.25"), "days": 3, "day": date(2026, 1, 1)},
]


def _write(path: Path, *, bulk: bool) -> Path:
    book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    sheet = Sheet(book, "flags", Formats(book), ZH, bulk=bulk)
    sheet.table(COLUMNS, [{"severity": None, **row} for row in ROWS], freeze=True)
    sheet.finish()
    book.close()
    return path


def _cells(path: Path) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name("flags").to_python(skip_empty_area=False)


def test_a_bulk_table_reads_back_as_the_same_cells_as_one_written_cell_by_cell(tmp_path):
    bulk = _cells(_write(tmp_path / "bulk.xlsx", bulk=True))
    assert bulk == _cells(_write(tmp_path / "cells.xlsx", bulk=False))
    assert bulk[1][0] == ROWS[0]["name"] and bulk[1][5] == ZH.severity["red"]


def test_site_text_in_a_bulk_table_is_never_a_formula_or_a_link(tmp_path):
    with zipfile.ZipFile(_write(tmp_path / "bulk.xlsx", bulk=True)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        parts = book.namelist()
    assert "<f>" not in sheet and "<hyperlink" not in sheet
    assert not any("rels" in part and "sheet1" in part for part in parts)
    assert 'state="frozen"' in sheet and '<autoFilter ref="A1:F5"/>' in sheet
    assert '<dimension ref="A1:F5"/>' in sheet


def test_nothing_may_follow_a_bulk_table(tmp_path):
    book = xlsxwriter.Workbook(str(tmp_path / "book.xlsx"), WORKBOOK_OPTIONS)
    sheet = Sheet(book, "flags", Formats(book), ZH, bulk=True)
    sheet.table(COLUMNS[:1], ROWS[:1])
    with pytest.raises(ValueError, match="nothing may follow"):
        sheet.line("more")
    book.close()
