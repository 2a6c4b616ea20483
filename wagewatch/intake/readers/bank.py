"""Bank files: each is read with the bank profile that fits it best (profiles.py), its payer account,
date and month taken from a title line, an XML summary or the file's name where no column holds them,
and its rows checked against the totals it states (docs/contract.md section 1.2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from wagewatch.intake.columns import Kind
from wagewatch.intake.readers import facts as file_facts
from wagewatch.intake.readers.common import (
    Grid,
    Header,
    ReadResult,
    Rejected,
    Rows,
    find_header,
    lacks_columns_reason,
    no_header_reason,
    result,
    split_rows,
    wrong_folder,
)
from wagewatch.intake.readers.decode import decode
from wagewatch.intake.readers.fixed import fixed_grid, fixed_header
from wagewatch.intake.readers.profiles import (
    COLUMN,
    DELIMITED,
    FILE_NAME,
    FIXED_WIDTH,
    TITLE,
    XML,
    Formats,
    Profile,
)
from wagewatch.intake.readers.sheet import head_cells, sheet_grid, sheet_rows
from wagewatch.intake.readers.text import head_grid, head_lines, sniff, text_grid
from wagewatch.intake.readers.xmlfile import xml_grid

TEXT_SUFFIXES = {".csv", ".txt"}
SHEET_SUFFIXES = {".xlsx", ".xls"}
XML_SUFFIXES = {".xml", ".plz"}
AMOUNT_UNIT = "amount_unit"  # raw_bank's column: staging converts fen with decimal arithmetic
PAYER_WAYS = {  # English, Chinese
    COLUMN: ("a 付款账号 column", "加一列付款账号"),
    TITLE: ("a title line naming it (付款账号：…)", "在标题行写明付款账号（付款账号：…）"),
    FILE_NAME: (
        "a [bank.payer_by_file] pattern matching the file's name",
        "在配置的 [bank.payer_by_file] 中为文件名配置付款账号",
    ),
}
FILLED_FROM_FACTS = ("paid_at", "period")  # a title line or summary may state them for every row


@dataclass
class Plan:
    """How one profile would read the file: its header, what the file states once, and its score."""

    profile: Profile
    header: Header | None
    facts: dict[str, str] = field(default_factory=dict)
    payer: tuple[str, str | None] | None = None  # (source, account when not a column)
    failure: tuple[str, str] | None = None  # why this profile cannot read the file: English, Chinese
    grid: Grid | None = None  # an XML file's records, parsed already to find its header
    named: int | None = None  # a fixed-width header's named columns, when not its mapping's

    @property
    def score(self) -> int:
        if self.header is None:
            return 0
        return len(self.header.mapping) if self.named is None else self.named


class _File:
    """One bank file, decoded (per encoding) and split into head lines once, however many profiles try it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.suffix = path.suffix.lower()
        self._data: bytes | None = None
        self._texts: dict[str, tuple[str, str]] = {}
        self._rows: list[list[object]] | None = None

    def text(self, encoding: str) -> tuple[str, str]:
        if encoding not in self._texts:
            if self._data is None:
                self._data = self.path.read_bytes()
            self._texts[encoding] = decode(self._data, encoding)
        return self._texts[encoding]

    def sheet(self) -> list[list[object]]:
        if self._rows is None:
            self._rows = sheet_rows(self.path)
        return self._rows


def _plan(
    profile: Profile, header: Header | None, facts: dict[str, str], kind: Kind, formats: Formats, name: str
) -> Plan:
    plan = Plan(profile, header, facts)
    if header is None:
        return plan
    named = set(header.mapping.values())
    for source in profile.payer_sources():
        if source == COLUMN and "payer_account" in named:
            plan.payer = (COLUMN, None)
        elif source == TITLE and facts.get("payer_account"):
            plan.payer = (TITLE, facts["payer_account"])
        elif source == FILE_NAME and formats.payer_for(name):
            plan.payer = (FILE_NAME, formats.payer_for(name))
        if plan.payer:
            break
    supplied = {column for column in FILLED_FROM_FACTS if facts.get(column)}
    missing = [c for c in kind.required if c not in named | supplied | {"payer_account"}]
    if plan.payer is None:
        sources = profile.payer_sources()
        ways = ", or ".join(PAYER_WAYS[source][0] for source in sources)
        ways_zh = "，或".join(PAYER_WAYS[source][1] for source in sources)
        plan.failure = (f"no payer account: give the file {ways}", f"没有付款账号：请{ways_zh}")
    if missing:
        plan.failure = lacks_columns_reason(header, missing)
    return plan


def _plans(file: _File, kind: Kind, formats: Formats) -> list[Plan]:
    """What every profile that may read this file makes of it, without reading its body."""
    plans = []
    for profile in formats.profiles:
        if not profile.fits_name(file.path.name):
            continue
        lookup = profile.lookup(kind)
        if file.suffix in XML_SUFFIXES and profile.format == XML:
            grid, summary = xml_grid(*file.text(profile.encoding), lookup)
            plan = _plan(profile, grid.header, summary, kind, formats, file.path.name)
            plan.grid = grid
            plans.append(plan)
        elif file.suffix in TEXT_SUFFIXES and profile.format in (DELIMITED, FIXED_WIDTH):
            lines = head_lines(file.text(profile.encoding)[0])
            named = None
            if profile.format == FIXED_WIDTH:
                header, named = fixed_header(lines, lookup, profile.spans)
            else:
                header = sniff(lines, lookup)[1]
            titles = list(lines[: header.index]) if header else []
            plan = _plan(profile, header, file_facts.title_facts(titles), kind, formats, file.path.name)
            plan.named = named
            plans.append(plan)
        elif file.suffix in SHEET_SUFFIXES and profile.format == DELIMITED:
            head = head_cells(file.sheet())
            header = find_header(head, lookup)
            titles = [" ".join(c for c in cells if c) for cells in head[: header.index]] if header else []
            plans.append(
                _plan(profile, header, file_facts.title_facts(titles), kind, formats, file.path.name)
            )
    return plans


def _grid(file: _File, plan: Plan, kind: Kind) -> Grid:
    profile, header = plan.profile, plan.header
    if plan.grid is not None:
        return plan.grid
    if file.suffix in SHEET_SUFFIXES:
        return sheet_grid(file.sheet(), header, head_cells(file.sheet()))
    text, encoding = file.text(profile.encoding)
    if profile.format == FIXED_WIDTH:
        return fixed_grid(text, encoding, header, profile.spans)
    lines = head_lines(text)
    delimiter, _ = sniff(lines, profile.lookup(kind))
    return text_grid(text, encoding, delimiter, header, lines)


def _reject_unfit(file: _File, plans: list[Plan], kind: Kind, others: list[Kind]) -> None:
    """No profile reads the file: a wrong folder, or the reason of the profile that came closest."""
    if file.suffix in SHEET_SUFFIXES:
        wrong_folder(head_cells(file.sheet()), kind, others)
    elif file.suffix in TEXT_SUFFIXES:
        lines = head_lines(file.text("auto")[0])
        wrong_folder(head_grid(lines, sniff(lines, kind.lookup)[0]), kind, others)
    closest = max(plans, key=lambda plan: plan.score, default=None)
    if closest is None or closest.header is None:
        raise Rejected(*no_header_reason(kind))
    raise Rejected(*closest.failure)


def _constant(table: pa.Table, name: str, value: str) -> pa.Table:
    return table.append_column(name, pa.array([value] * table.num_rows, pa.string()))


def _with_file_facts(rows: Rows, plan: Plan) -> pa.Table:
    """The columns a title line, a summary or the file's name states once, on every row; the unit."""
    table = rows.table
    if plan.payer and plan.payer[0] != COLUMN:
        table = _constant(table, "payer_account", plan.payer[1])
    for column in FILLED_FROM_FACTS:
        if column not in table.column_names and plan.facts.get(column):
            table = _constant(table, column, plan.facts[column])
    return _constant(table, AMOUNT_UNIT, plan.profile.amount_unit)


def _totals(rows: Rows, grid: Grid, plan: Plan) -> file_facts.Totals | None:
    """The file's own totals: its last 合计 row, else its XML summary, else a title line."""
    if rows.total_texts:
        return file_facts.stated_totals(rows.total_texts[-1:], "合计 row", rows.total_amounts[-1])
    if plan.profile.format == XML:
        return file_facts.summary_totals(plan.facts)
    return file_facts.stated_totals(grid.title_lines, "summary line")


def read_bank(path: Path, kind: Kind, others: list[Kind], formats: Formats) -> ReadResult:
    file = _File(path)
    plans = _plans(file, kind, formats)
    fits = [plan for plan in plans if plan.failure is None and plan.header is not None]
    if not fits:
        _reject_unfit(file, plans, kind, others)
    plan = max(fits, key=lambda p: p.score)  # the first of the best: configured profiles come first
    grid = _grid(file, plan, kind)
    rows = split_rows(grid)
    table = _with_file_facts(rows, plan)
    totals = _totals(rows, grid, plan)
    if totals is not None:
        file_facts.check_totals(
            totals, table, len(grid.bad_rows), plan.profile.amount_unit, formats.success_statuses
        )
    rows.table = table
    return result(grid, rows, profile=plan.profile.name, payer_source=plan.payer[0])
