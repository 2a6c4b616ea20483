"""The run's workbook, for colleagues who live in Excel: the reports' content, formatted for reading.

Sheets: the projects (worst first, level per judged month), every flag of every project on one sheet
(with filters, its finding, action and article), a sheet for each of the N worst red projects
(`[report] workbook_red_sheets`: its figures, the project page's sentence where an overpaid month and
a short one offset, its flags by worker, then its owed-wage ledger), the resolved flags,
the rules in plain words with their actions, and what the workbook is. The number of sheets is bounded
however many projects are red; column widths are fitted on a table's first rows, not on every cell.
Headers are frozen and filtered, columns sized, amounts kept as numbers with
two decimals. Only masked IDs and last-4 accounts are written (docs/contract.md section 5), and text from site
files is always written as text, never as a formula or a link. The projects, flags and resolved sheets'
rows are rendered by bulk_sheet.py; the book is written from workbook_data.WorkbookData, in a process
of its own (alongside.py). The complaints sheet, after the resolved flags, lists every current
complaint with its verdict, open ones first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from wagewatch.reports.bulk_sheet import BodyColumn, BulkWorksheet
from wagewatch.reports.data import Project, Row
from wagewatch.reports.figures import offset_note
from wagewatch.reports.labels import Labels, load_labels
from wagewatch.reports.workbook_data import WorkbookData

WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
SHEET_NAME_LIMIT = 31
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
MIN_WIDTH, MAX_WIDTH, WRAP_WIDTH = 6, 60, 60
LEVEL_COLOURS = {
    "red": "#FBE3E3",
    "amber": "#FFF1D6",
    "green": "#E1F3E4",
    "pending": "#E8EAF0",
    "unmonitored": "#F2F2F2",
}
WIDTHS = {"money": 14, "int": 9, "date": 11}
BODY_KINDS = {"text": "string", "wrap": "string", "money": "number", "int": "number", "date": "date"}
FIT_ROWS = 200  # a column's width is fitted on a table's first rows: measuring every cell cost seconds
FIT_CACHE = 4096  # the widths of texts seen most recently: names, rules and actions repeat down a column


def workbook_name(as_of: date) -> str:
    return f"wagewatch-{as_of.isoformat()}.xlsx"


@dataclass(frozen=True)
class Column:
    label: str  # a key of the labels' text
    value: Callable[[Row], Any]
    kind: str = "text"  # text, wrap, money, int, date, level or severity


@lru_cache(maxsize=FIT_CACHE)
def _display_width(text: str) -> int:
    """Characters as Excel spaces them: a Chinese character takes two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class Formats:
    """The workbook's cell formats, made once."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        border = {"border": 1, "border_color": "#D0D0D0", "valign": "top"}
        self.header = book.add_format({**border, "bold": True, "bg_color": "#EEF1F5", "text_wrap": True})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.bold = book.add_format({"bold": True})
        self.kinds = {
            "text": book.add_format(border),
            "wrap": book.add_format({**border, "text_wrap": True}),
            "money": book.add_format({**border, "num_format": "#,##0.00"}),
            "int": book.add_format({**border, "num_format": "0"}),
            "date": book.add_format({**border, "num_format": "yyyy-mm-dd"}),
        }
        self.levels = {
            level: book.add_format({**border, "bg_color": colour, "bold": True})
            for level, colour in LEVEL_COLOURS.items()
        }


class Sheet:
    """One worksheet and the widths its tables need."""

    def __init__(
        self, book: xlsxwriter.Workbook, name: str, formats: Formats, labels: Labels, *, bulk: bool = False
    ) -> None:
        """A bulk sheet's one table is its last content, its body rendered as XML (bulk_sheet.py)."""
        self.sheet: Worksheet = book.add_worksheet(name, worksheet_class=BulkWorksheet if bulk else None)
        self.formats = formats
        self.labels = labels
        self.widths: dict[int, int] = {}
        self.row = 0
        self.ended = False  # a bulk table was written: nothing may follow it

    def _next(self) -> None:
        if self.ended:
            raise ValueError(f"nothing may follow the bulk table of sheet {self.sheet.name!r}")

    def _fit(self, column: int, text: str, limit: int = MAX_WIDTH) -> None:
        # a text of `limit` characters is at least as wide as the limit: the rest need not be measured
        wanted = min(max(_display_width(text[:limit]) + 2, MIN_WIDTH), limit)
        self.widths[column] = max(self.widths.get(column, MIN_WIDTH), wanted)

    def line(self, *cells: Any, bold: bool = False) -> None:
        """A line of labels and values above or between tables; amounts and dates keep their formats."""
        self._next()
        for column, value in enumerate(cells):
            if isinstance(value, Decimal):
                cell_format = self.formats.kinds["money"]
            elif isinstance(value, date):
                cell_format = self.formats.kinds["date"]
            else:
                cell_format = self.formats.bold if bold else None
            self.sheet.write(self.row, column, value, cell_format)
        self.row += 1

    def title(self, text: str) -> None:
        self._next()
        self.sheet.write(self.row, 0, text, self.formats.title)
        self.row += 1

    def _words(self, spec: Column) -> dict[str, str]:
        return self.labels.level if spec.kind == "level" else self.labels.severity

    def _fit_cell(self, column: int, spec: Column, value: Any) -> None:
        if spec.kind in WIDTHS:
            self.widths[column] = max(self.widths.get(column, MIN_WIDTH), WIDTHS[spec.kind])
        elif spec.kind in ("level", "severity"):
            self._fit(column, self._words(spec).get(value, value) if value else "")
        elif value is not None:
            self._fit(column, str(value), WRAP_WIDTH if spec.kind == "wrap" else MAX_WIDTH)

    def _writer(self, spec: Column) -> Callable[[int, int, Any], Any]:
        """How a column's cells are written: the typed xlsxwriter call for its kind, chosen once per
        table rather than per cell (write() works out each value's type anew)."""
        sheet, kinds = self.sheet, self.formats.kinds
        if spec.kind in ("level", "severity"):
            words, formats, plain = self._words(spec), self.formats.levels, kinds["text"]

            def level(row: int, column: int, value: Any) -> Any:
                if not value:
                    return None
                return sheet.write_string(row, column, words.get(value, value), formats.get(value, plain))

            return level
        cell_format = kinds[spec.kind]
        typed = {"money": sheet.write_number, "int": sheet.write_number, "date": sheet.write_datetime}
        known = typed.get(spec.kind, sheet.write_string)
        known_type = str if spec.kind in ("text", "wrap") else None

        def cell(row: int, column: int, value: Any) -> Any:
            if value is None:
                return None  # an empty cell stays unwritten: at 35,000 flags, a sixth of the cells
            if known_type is None or value.__class__ is known_type:
                return known(row, column, value, cell_format)
            return sheet.write(row, column, value, cell_format)

        return cell

    def table(self, columns: list[Column], rows: Iterable[Row], *, freeze: bool = False) -> None:
        """A header row, frozen when asked, with a filter, then one row per item."""
        self._next()
        header = self.row
        for column, spec in enumerate(columns):
            text = self.labels.text.get(spec.label, spec.label)
            self.sheet.write(header, column, text, self.formats.header)
            self._fit(column, text, 24)
        if freeze:
            self.sheet.freeze_panes(header + 1, 0)
        self.row += 1
        if isinstance(self.sheet, BulkWorksheet):
            self._bulk_body(self.sheet, columns, list(rows))
        else:
            self._body(columns, rows)
        self.sheet.autofilter(header, 0, max(self.row - 1, header), len(columns) - 1)
        self.row += 1

    def _body(self, columns: list[Column], rows: Iterable[Row]) -> None:
        cells = [(column, spec.value, self._writer(spec)) for column, spec in enumerate(columns)]
        for number, item in enumerate(rows):
            row = self.row
            for column, value, write in cells:
                write(row, column, value(item))
            if number < FIT_ROWS:
                for column, spec in enumerate(columns):
                    self._fit_cell(column, spec, spec.value(item))
            self.row += 1

    def _bulk_body(self, sheet: BulkWorksheet, columns: list[Column], rows: list[Row]) -> None:
        """The body column by column: each column's values, then its cells rendered at once."""
        body = []
        for column, spec in enumerate(columns):
            values = [spec.value(item) for item in rows]
            for value in values[:FIT_ROWS]:
                self._fit_cell(column, spec, value)
            body.append(self._body_column(spec, values))
        self.row += sheet.set_body(self.row, body)
        self.ended = True

    def _body_column(self, spec: Column, values: list[Any]) -> BodyColumn:
        kinds = self.formats.kinds
        if spec.kind in ("level", "severity"):
            return BodyColumn(values, "words", kinds["text"], self._words(spec), self.formats.levels)
        return BodyColumn(values, BODY_KINDS[spec.kind], kinds[spec.kind])

    def finish(self) -> None:
        for column, width in self.widths.items():
            self.sheet.set_column(column, column, width)


def _key(name: str) -> Callable[[Row], Any]:
    return lambda row: row.get(name)


def _evidence_text(flag: Row) -> str:
    """Each evidence row by kind, file, row and bank reference (report_evidence.sql wrote them)."""
    return "; ".join(flag["evidence_refs"])


def project_columns(data: WorkbookData) -> list[Column]:
    periods = [
        Column(period, lambda row, period=period: row["month_levels"].get(period), "level")
        for period in data.judged_periods
    ]
    return [
        Column("project_id", _key("project_id")),
        Column("project_name", _key("project_name")),
        Column("contractor", _key("contractor_name")),
        Column("region_code", _key("region_code")),
        Column("region", lambda row: data.region_name(row["region_code"])),
        Column("level", _key("level"), "level"),
        Column("findings", _key("findings"), "wrap"),
        *periods,
        Column("owed_to_workers", _key("owed_amount"), "money"),
        Column("workers_owed", _key("workers_owed"), "int"),
        Column("workers_flagged", _key("workers_flagged"), "int"),
        Column("red_flags", _key("red_flags"), "int"),
        Column("amber_flags", _key("amber_flags"), "int"),
        Column("new_flags", _key("new_flags"), "int"),
        Column("resolved_flags", _key("resolved_flags"), "int"),
    ]


def flag_columns(labels: Labels, *, with_project: bool) -> list[Column]:
    project = [Column("project_id", _key("project_id"))] if with_project else []
    return [
        *project,
        Column("worker", _key("worker_name")),
        Column("id_masked", _key("id_number_masked")),
        Column("team", _key("team")),
        Column("trade", _key("trade")),
        Column("period", lambda flag: flag["period"] or labels.text["roster_period"]),
        Column("rule", lambda flag: labels.rule_name(flag["rule"])),
        Column("rule_code", _key("rule")),
        Column("severity", _key("severity"), "severity"),
        Column("expected", _key("expected_amount"), "money"),
        Column("paid", _key("paid_amount"), "money"),
        Column("shortfall", _key("shortfall_amount"), "money"),
        Column("days_late", _key("days_late"), "int"),
        Column("paid_in_full_on", _key("paid_in_full_on"), "date"),
        Column("detail", _key("finding"), "wrap"),
        Column("action", lambda flag: labels.rule_action(flag["rule"]), "wrap"),
        Column("article", lambda flag: _article(labels, flag["rule"]), "wrap"),
        Column("first_raised", _key("first_raised_on"), "date"),
        Column("new_flags", lambda flag: labels.text["new_badge"] if flag["is_new"] else None),
        Column("evidence", _evidence_text, "wrap"),
        Column("owed_now", _key("worker_owed_amount"), "money"),
        Column("flag_id", _key("flag_id")),
    ]


def ledger_columns() -> list[Column]:
    return [
        Column("worker", _key("worker_name")),
        Column("id_masked", _key("id_number_masked")),
        Column("team", _key("team")),
        Column("period", _key("period")),
        Column("due_date", _key("due_date"), "date"),
        Column("expected", _key("expected_amount"), "money"),
        Column("paid", _key("paid_amount"), "money"),
        Column("balance", _key("net_shortfall_amount"), "money"),
        Column("owed_after", _key("net_owed_amount"), "money"),
    ]


def resolved_columns(labels: Labels) -> list[Column]:
    return [
        Column("project_id", _key("project_id")),
        Column("worker", _key("worker_name")),
        Column("id_masked", _key("id_number_masked")),
        Column("period", lambda flag: flag["period"] or labels.text["roster_period"]),
        Column("rule", lambda flag: labels.rule_name(flag["rule"])),
        Column("rule_code", _key("rule")),
        Column("severity", _key("severity"), "severity"),
        Column("shortfall", _key("shortfall_amount"), "money"),
        Column("first_raised", _key("first_raised_on"), "date"),
        Column("last_seen", _key("last_seen_on"), "date"),
        Column("resolved_on", _key("resolved_on"), "date"),
        Column("detail", _key("finding"), "wrap"),
        Column("flag_id", _key("flag_id")),
    ]


def complaint_columns() -> list[Column]:
    """The complaints sheet (docs/contract.md section 3.6): open ones first, each with its verdict."""
    return [
        Column("complaint_id", _key("complaint_id")),
        Column("complaint_received", _key("received_date"), "date"),
        Column("complaint_channel", _key("channel_word")),
        Column("project_id", _key("project_id")),
        Column("project", _key("project_label")),
        Column("worker", _key("worker_name")),
        Column("id_masked", _key("id_number_masked")),
        Column("complaint_months", _key("months"), "wrap"),
        Column("complaint_claimed", _key("claimed_amount"), "money"),
        Column("complaint_verdict", _key("verdict_word"), "wrap"),
        Column("complaint_open", lambda row: "✓" if row["is_open"] else ""),
        Column("shortfall", _key("shortfall_amount"), "money"),
        Column("complaint_evidence_count", _key("evidence_count"), "int"),
    ]


def rule_columns() -> list[Column]:
    return [
        Column("rule_code", lambda rule: rule.code),
        Column("rule", lambda rule: rule.name),
        Column("severity", lambda rule: rule.severity, "severity"),
        Column("explanation", lambda rule: rule.explanation, "wrap"),
        Column("legal_basis", lambda rule: rule.legal_basis, "wrap"),
        Column("action", lambda rule: rule.action, "wrap"),
        Column("article", lambda rule: rule.article, "wrap"),
    ]


def _article(labels: Labels, code: str) -> str | None:
    rule = labels.rules.get(code)
    return rule.article if rule else None


class SheetNames:
    """Excel's rules for sheet names: at most 31 characters, none of []:*?/\\, unique ignoring case."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def claim(self, wanted: str) -> str:
        base = _NOT_IN_SHEET_NAMES.sub("_", wanted)[:SHEET_NAME_LIMIT] or "sheet"
        name, number = base, 1
        while name.casefold() in self.taken:
            number += 1
            suffix = f"~{number}"
            name = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
        self.taken.add(name.casefold())
        return name


class WorkbookWriter:
    def __init__(self, data: WorkbookData, labels: Labels, book: xlsxwriter.Workbook) -> None:
        self.data, self.labels, self.book = data, labels, book
        self.formats = Formats(book)
        self.names = SheetNames()
        self.reserved = {key: self.names.claim(labels.text[key]) for key in _FIXED_SHEETS}

    def sheet(self, name: str, *, bulk: bool = False) -> Sheet:
        return Sheet(self.book, name, self.formats, self.labels, bulk=bulk)

    def projects(self) -> None:
        sheet = self.sheet(self.reserved["sheet_projects"], bulk=True)
        rows = [
            {**project, "findings": self._findings(project["findings"])} for project in self.data.projects
        ]
        sheet.table(project_columns(self.data), rows, freeze=True)
        sheet.finish()

    def _findings(self, findings: list[tuple[str, str, int]]) -> str:
        return "\n".join(f"{self.labels.rule_name(rule)} {count}" for rule, _, count in findings)

    def flags(self) -> None:
        sheet = self.sheet(self.reserved["sheet_flags"], bulk=True)
        sheet.table(flag_columns(self.labels, with_project=True), self.data.flags, freeze=True)
        sheet.finish()

    def red_project(self, project: Project) -> None:
        sheet = self.sheet(self.names.claim(project.project_id))
        info, text = project.info, self.labels.text
        sheet.title(f"{info['project_name'] or ''} {info['project_id']}".strip())
        account = f"****{info['wage_account_last4']}" if info["wage_account_last4"] else None
        region = self.data.region_name(info["region_code"])
        sheet.line(text["contractor"], info["contractor_name"], text["region"], region)
        sheet.line(text["wage_account"], account, text["level"], self.labels.level.get(info["level"]))
        sheet.line(text["owed_to_workers"], info["owed_amount"], text["as_of"], self.data.as_of)
        note = offset_note(project, self.labels)  # the project page's sentence, where months offset
        if note:
            sheet.line(note)
        sheet.row += 1
        sheet.line(text["flags_heading"], bold=True)
        sheet.table(flag_columns(self.labels, with_project=False), project.flags, freeze=True)
        sheet.line(text["ledger_heading"], bold=True)
        sheet.table(ledger_columns(), project.ledger)
        sheet.finish()

    def resolved(self) -> None:
        sheet = self.sheet(self.reserved["sheet_resolved"], bulk=True)
        sheet.table(resolved_columns(self.labels), self.data.resolved, freeze=True)
        sheet.finish()

    def complaints(self) -> None:
        sheet = self.sheet(self.reserved["sheet_complaints"])
        sheet.table(complaint_columns(), self.data.complaints, freeze=True)
        sheet.finish()

    def rules(self) -> None:
        sheet = self.sheet(self.reserved["sheet_rules"])
        sheet.table(rule_columns(), [rule for _, rule in sorted(self.labels.rules.items())], freeze=True)
        sheet.finish()

    def about(self, generated_at: datetime) -> None:
        sheet = self.sheet(self.reserved["sheet_about"])
        text, quality = self.labels.text, self.data.quality
        sheet.title(text["report_title"])
        sheet.line(text["as_of"], self.data.as_of.isoformat())
        sheet.line(text["generated_at"], generated_at.isoformat(sep=" ", timespec="seconds"))
        sheet.line(text["files_ingested"], quality["files"])
        sheet.line(text["data_rows"], quality["rows"])
        sheet.line(text["rows_quarantined"], quality["rows_quarantined"])
        sheet.line(text["about_masking"])
        sheet.sheet.set_column(0, 0, 28)
        sheet.sheet.set_column(1, 1, 24)


_FIXED_SHEETS = (
    "sheet_projects",
    "sheet_flags",
    "sheet_resolved",
    "sheet_complaints",
    "sheet_rules",
    "sheet_about",
    "sheet_deposits",  # enforcement_sheets.py
    "sheet_blacklist",
)


def write_workbook(data: WorkbookData, path: Path, *, generated_at: datetime) -> Path:
    """Write the workbook to `path` and return it: a sheet for each of the worst red projects `data` holds
    (workbook_data.workbook_data took them), in the words of its language."""
    from wagewatch.reports.enforcement_sheets import blacklist_sheet, deposits_sheet  # built on this module

    book = xlsxwriter.Workbook(str(path), {**WORKBOOK_OPTIONS, "constant_memory": False})
    try:
        writer = WorkbookWriter(data, load_labels(data.language, data.configured), book)
        writer.projects()
        writer.flags()
        deposits_sheet(writer)
        blacklist_sheet(writer)
        for project in data.red:
            writer.red_project(project)
        writer.resolved()
        writer.complaints()
        writer.rules()
        writer.about(generated_at)
    finally:
        book.close()
    return path
