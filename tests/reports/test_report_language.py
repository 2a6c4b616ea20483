"""In Chinese, no visible sentence of any report page or workbook cell is English: only rule codes,
check names, IDs, file names and bank references are written in Latin letters."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from wagewatch.reports.labels import load_labels
from wagewatch.reports.pages import PROJECTS_FOLDER
from wagewatch.reports.workbook import workbook_name

ZH = load_labels("zh")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
ALLOWED = re.compile(
    r"\b[A-Z][A-Z0-9_]{2,}\b"  # rule codes
    r"|[\w.-]+/[\w./-]+|[\w-]+\.(csv|txt|xlsx|xls|html)\b"  # file names and paths
    r"|\bP\d{6}-\d{4}\b|\bB\d+\b"  # project IDs, bank references
    r"|\bExcel\b|\bGB(/T)? \d+"  # a program's name, a standard's code
    r"|\b[0-9a-f]{16}\b"  # flag IDs
    r"|\b[0-9A-Z]{18}\b"  # unified social credit codes (GB 32100)
)
SKIPPED_ELEMENTS = ("script", "style", "code")  # code: rule codes and check names, as written


class VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_ELEMENTS:
            self._skipping += 1

    def handle_endtag(self, tag):
        if tag in SKIPPED_ELEMENTS:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.texts.append(data.strip())


def english_in(text: str) -> list[str]:
    return LATIN_WORD.findall(ALLOWED.sub(" ", text))


def visible_english(page: Path) -> list[str]:
    parser = VisibleText()
    parser.feed(page.read_text(encoding="utf-8"))
    return [text for text in parser.texts if english_in(text)]


@pytest.fixture(scope="module")
def reports(sample_run) -> Path:
    return sample_run.settings.reports_dir


def test_no_page_shows_an_english_sentence_in_chinese(reports):
    pages = [*reports.glob("*.html"), *(reports / PROJECTS_FOLDER).glob("*.html")]
    assert "data_dictionary.html" in {page.name for page in pages}
    assert len(pages) > 3
    found = {page.name: english for page in pages if (english := visible_english(page))}
    assert found == {}


def test_no_workbook_cell_is_english_in_chinese(sample_run, reports):
    book = CalamineWorkbook.from_path(str(reports / workbook_name(sample_run.settings.as_of)))
    english = [
        (name, cell)
        for name in book.sheet_names
        for row in book.get_sheet_by_name(name).to_python()
        for cell in row
        if isinstance(cell, str) and english_in(cell)
    ]
    assert english == []


def test_the_check_catches_an_english_sentence():
    assert english_in("expected ¥8,764.50 for 2026-08, due 2026-09-15") != []
    assert english_in("MISSED_PAYMENT bank/bank_202608.txt P360802-0001 B2026091000001") == []
