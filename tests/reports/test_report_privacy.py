"""No report file of a generated inbox (the bundled sample) holds a clear ID number, bank card, wage
account or phone number of that inbox: every HTML page, and every XML part of the workbook."""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from pathlib import Path

from python_calamine import CalamineWorkbook

from wagewatch.intake.columns import SCHEMAS, normalise_header

# the columns of the contract that hold an identity, an account or a phone number
SENSITIVE = {
    "id_number",
    "payee_id_number",
    "bank_account",
    "payee_account",
    "payer_account",
    "wage_account",
    "account",
    "counterparty_account",
    "phone",
}
TEXT_SUFFIXES = {".csv", ".txt"}
SHEET_SUFFIXES = {".xlsx", ".xls"}
LONG_NUMBER = re.compile(r"(?<![0-9A-Za-z])(?:\d{16,19}|\d{17}[Xx])(?![0-9A-Za-z])")  # cards, accounts, IDs
DELIMITERS = ",|\t;"
SHORTEST_SECRET = 8  # a masked value or a 4-digit tail is not a secret; anything this long would be


def _headers(kind: str, names: set[str]) -> set[str]:
    return {
        normalise_header(spelling)
        for column in SCHEMAS[kind]
        if column.name in names
        for spelling in (column.name, *column.aliases)
    }


def _text(path: Path) -> str:
    raw = path.read_bytes()
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def _text_rows(path: Path) -> list[list[str]]:
    text = _text(path)
    delimiter = max(DELIMITERS, key=text.count)  # title lines defeat csv.Sniffer; counting does not
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _sheet_rows(path: Path) -> list[list[str]]:
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    return [[str(cell) for cell in row] for row in sheet]


def _rows(path: Path) -> list[list[str]]:
    """A file's cells: its sheet, its delimited lines, or (XML, fixed-width) each line as one cell."""
    if path.suffix.lower() in SHEET_SUFFIXES:
        return _sheet_rows(path)
    if path.suffix.lower() in TEXT_SUFFIXES:
        return _text_rows(path)
    return [[line] for line in _text(path).splitlines()]


def _values_under(rows: list[list[str]], headers: set[str]) -> set[str]:
    """Values under these headers; the header is the first row that names one."""
    for number, row in enumerate(rows):
        columns = [i for i, cell in enumerate(row) if normalise_header(cell) in headers]
        if columns:
            return {
                unicodedata.normalize("NFKC", line[i]).strip()
                for line in rows[number + 1 :]
                for i in columns
                if i < len(line)
            }
    return set()


def inbox_secrets(inbox: Path) -> set[str]:
    """Every clear ID, card, account and phone number in the inbox's files, read from the files."""
    found: set[str] = set()
    for kind in SCHEMAS:
        for path in sorted((inbox / kind).glob("*")):
            rows = _rows(path)
            found |= _values_under(rows, _headers(kind, SENSITIVE))
            # A bank's own layout names the payer once in a title line, or holds its cards in XML
            # elements or fixed-width fields: a long run of digits there is a card, an account or an
            # ID, unless it is a bank's reference (a statement's 流水号), which reports show as evidence.
            numbers = {run for row in rows for cell in row for run in LONG_NUMBER.findall(cell)}
            found |= numbers - _values_under(rows, _headers(kind, {"bank_ref"}))
    return {secret for secret in found if len(secret) >= SHORTEST_SECRET}


def report_texts(reports: Path) -> dict[str, str]:
    """Every report file's text: each HTML page, and each part of each workbook, unzipped."""
    texts = {str(page): page.read_text(encoding="utf-8") for page in reports.rglob("*.html")}
    for book in reports.rglob("*.xlsx"):
        with zipfile.ZipFile(book) as parts:
            texts |= {f"{book}:{name}": parts.read(name).decode("utf-8") for name in parts.namelist()}
    return texts


def leaks(secrets: set[str], texts: dict[str, str]) -> list[tuple[str, str]]:
    """(file, secret) for every secret found, digits compared without spaces or dashes."""
    found = []
    for name, text in texts.items():
        digits = unicodedata.normalize("NFKC", text).replace(" ", "").replace("-", "")
        found += [(name, secret) for secret in secrets if secret in digits]
    return found


def test_no_report_file_holds_a_clear_id_or_account_of_the_inbox(sample_run):
    secrets = inbox_secrets(sample_run.settings.inbox)
    people = sample_run.query("select count(*) from roster_stints")[0][0]
    assert len(secrets) > 2 * people, "IDs, cards and phones of every roster row were read from the inbox"
    texts = report_texts(sample_run.settings.reports_dir)
    assert any(name.endswith(".xlsx:xl/sharedStrings.xml") for name in texts)
    assert len([name for name in texts if name.endswith(".html")]) > 1
    assert leaks(secrets, texts) == []


def test_the_scan_finds_a_number_that_did_leak(sample_run):
    secret = sorted(inbox_secrets(sample_run.settings.inbox))[0]
    spaced = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    assert leaks({secret}, {"page.html": f"<td>{spaced}</td>"}) == [("page.html", secret)]
