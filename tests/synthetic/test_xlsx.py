"""The generator's workbooks: written without xlsxwriter's cost, the bytes xlsxwriter writes."""

from datetime import datetime
from pathlib import Path

import pytest

from wagewatch.synthetic import xlsx
from wagewatch.synthetic.xlsx import Rows, _template, write_with_xlsxwriter, write_workbook

CREATED = datetime(2026, 12, 1)
ROSTER_LIKE: Rows = [
    (0, ["吉安市吉州区安置房建设项目1标段实名制花名册"]),
    (2, ["项目编号", "姓名", "身份证号", "工资标准", "退场日期"]),
    *[
        (row, ["P360802-0001", f"张{row % 7}", "36080219900101123X", 5000.5 + row, ""])
        for row in range(3, 40)
    ],
]
WIDTHS_AND_NUMBERS: Rows = [
    (0, ["a"]),
    (1, ["b", "c", "d", "e"]),
    *[(row, ["x"] * (1 + row % 5) + [0.1 * row]) for row in range(15, 50)],
    (60, [1e20, -3.0, 1e-7, 123456789.123, 0.0, 20000.0, 8341.5]),
    (70, [chr(ord("a") + n) for n in range(30)]),  # columns beyond Z
]


def _both(tmp_path: Path, rows: Rows, sheet: str = "花名册") -> tuple[bytes, bytes]:
    ours, theirs = tmp_path / "ours.xlsx", tmp_path / "theirs.xlsx"
    write_workbook(ours, sheet, CREATED, rows)
    write_with_xlsxwriter(theirs, sheet, CREATED, rows)
    return ours.read_bytes(), theirs.read_bytes()


def test_the_parts_xlsxwriter_writes_for_any_sheet_are_reused_not_rebuilt():
    assert _template("花名册", CREATED).is_usable
    assert _template("代发", datetime(2026, 1, 1)).is_usable


def test_a_plain_workbook_is_written_without_xlsxwriter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    _template("花名册", CREATED)  # xlsxwriter writes the template once

    def refuse(*args: object) -> None:
        raise AssertionError("written by xlsxwriter")

    monkeypatch.setattr(xlsx, "write_with_xlsxwriter", refuse)
    write_workbook(tmp_path / "roster.xlsx", "花名册", CREATED, ROSTER_LIKE)


@pytest.mark.parametrize(
    "rows",
    [ROSTER_LIKE, WIDTHS_AND_NUMBERS, [(0, ["只有一格"])], [(5, [42.0])]],
    ids=["a roster", "widths and numbers", "one text cell", "one number cell"],
)
def test_a_workbook_is_written_byte_for_byte_as_xlsxwriter_writes_it(tmp_path: Path, rows: Rows):
    ours, theirs = _both(tmp_path, rows)
    assert ours == theirs


@pytest.mark.parametrize(
    "text",
    [
        "A & B",
        "<tag>",
        'say "hi"',
        "two\nlines",
        " leading",
        "trailing ",
        "bell\x07",
        "_x0041_",
        "x" * 20_000,
    ],
)
def test_text_xlsxwriter_escapes_or_truncates_is_left_to_xlsxwriter(tmp_path: Path, text: str):
    ours, theirs = _both(tmp_path, [(0, ["title"]), (2, [text, 1.0])], sheet="代发")
    assert ours == theirs
