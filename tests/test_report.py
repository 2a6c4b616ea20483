"""The inspector report, written from a fake warehouse: every flag and project-period is on the page,
amounts are exact, nothing is loaded from the network, and no clear ID or card number leaks."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from tests.fake_warehouse import AS_OF, make_fake_warehouse
from wagewatch.report import money as report_money
from wagewatch.report import write_report

GENERATED_AT = datetime(2026, 8, 20, 3, 15, 0)
LEVEL_ORDER = ["red", "amber", "pending", "green"]
ROSTER_PERIOD = "花名册 roster"
DASH = "—"
CLEAR_ID = re.compile(r"\d{17}[\dX]")
LONG_NUMBER = re.compile(r"\d{16,19}")
FLAG_COLUMNS = (
    "project_id",
    "period",
    "rule",
    "worker_name",
    "id_number_masked",
    "team",
    "expected_amount",
    "paid_amount",
    "shortfall_amount",
    "detail",
)


class Tables(HTMLParser):
    """Collects the text of every table cell, row by row, under the id of the section it sits in."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, list[list[str]]] = defaultdict(list)
        self.classes: dict[str, list[list[str]]] = defaultdict(list)
        self._section = ""
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self._section = dict(attrs).get("id") or ""
        elif tag == "tr":
            self.rows[self._section].append([])
        elif tag == "td":
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[self._section][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def money(value: Decimal | None) -> str:
    return DASH if value is None else f"{value:,.2f}"


def fetch(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_fake_warehouse(tmp_path_factory.mktemp("warehouse") / "wagewatch.duckdb")


@pytest.fixture(scope="module")
def report(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(warehouse, tmp_path_factory.mktemp("reports"), as_of=AS_OF, generated_at=GENERATED_AT)


@pytest.fixture(scope="module")
def html(report: Path) -> str:
    return report.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tables(html: str) -> dict[str, list[list[str]]]:
    parser = Tables()
    parser.feed(html)
    return {section: [row for row in rows if row] for section, rows in parser.rows.items()}


def test_report_is_one_index_html_with_as_of_and_generation_time(report: Path, html: str) -> None:
    assert report.name == "index.html"
    assert sorted(path.name for path in report.parent.iterdir()) == ["index.html"]
    assert AS_OF.isoformat() in html
    assert "2026-08-20 03:15:00" in html


def test_every_flag_appears_in_its_projects_section_with_its_amounts(
    warehouse: Path, tables: dict[str, list[list[str]]]
) -> None:
    assert_every_flag_shown(warehouse, tables)


def test_every_flag_of_the_bundled_sample_appears_in_its_report(sample_run) -> None:
    html = sample_run.result.report.read_text(encoding="utf-8")
    parser = Tables()
    parser.feed(html)
    assert_every_flag_shown(
        sample_run.settings.warehouse, {s: [r for r in rows if r] for s, rows in parser.rows.items()}
    )


def assert_every_flag_shown(warehouse: Path, tables: dict[str, list[list[str]]]) -> None:
    """Each flag in its project's section with its amounts, and no row that is not a flag."""
    flags = fetch(warehouse, f"select {', '.join(FLAG_COLUMNS)} from flags")
    assert flags, "the warehouse has flags"
    per_project: dict[str, int] = defaultdict(int)
    for project_id, period, rule, worker, masked, team, expected, paid, shortfall, detail in flags:
        per_project[project_id] += 1
        wanted = [
            period or ROSTER_PERIOD,
            worker or DASH,
            masked or DASH,
            team or DASH,
            money(expected),
            money(paid),
            money(shortfall),
            detail,
        ]
        rows = tables[f"project-{project_id}"]
        assert any(rule in row[1] and [row[0], *row[3:10]] == wanted for row in rows), (
            f"{project_id} {period} {rule} {worker} not shown as {wanted}"
        )
    for project_id, count in per_project.items():
        assert len(tables[f"project-{project_id}"]) == count


def test_a_partial_payment_shows_its_exact_amounts(tables: dict[str, list[list[str]]]) -> None:
    row = next(row for row in tables["project-P001"] if "PARTIAL_PAYMENT" in row[1])
    assert row[0] == "2026-06"
    assert row[3:9] == ["李强", "360702********4518", "钢筋班", "6,600.00", "5,000.00", "1,600.00"]


def test_flags_are_sorted_by_period_then_rule_then_worker_with_roster_flags_last(
    tables: dict[str, list[list[str]]],
) -> None:
    rows = tables["project-P001"]
    keys = [(row[0] == ROSTER_PERIOD, row[0], row[1].split()[-1], row[3]) for row in rows]
    assert keys == sorted(keys)
    assert rows[-1][0] == ROSTER_PERIOD


def test_page_loads_nothing_from_the_network(html: str) -> None:
    lowered = html.lower()
    assert "http://" not in lowered
    assert "https://" not in lowered
    for external in ("<script", "<link", "<img", "<iframe", "@import", "url("):
        assert external not in lowered


def test_every_project_period_appears_with_its_level_worst_first(
    warehouse: Path, tables: dict[str, list[list[str]]]
) -> None:
    periods = fetch(warehouse, "select project_id, period, level, arrears_amount from project_periods")
    shown = [(row[0].split()[-1], row[1], row[3].split()[-1], row[10]) for row in tables["periods"]]
    expected = {(project_id, period, level, money(arrears)) for project_id, period, level, arrears in periods}
    assert sorted(shown) == sorted(expected)
    ranks = [(LEVEL_ORDER.index(level), -Decimal(arrears.replace(",", ""))) for _, _, level, arrears in shown]
    assert ranks == sorted(ranks)


def test_summary_counts_project_periods_by_level(warehouse: Path, tables: dict[str, list[list[str]]]) -> None:
    counts = dict(fetch(warehouse, "select level, count(*) from project_periods group by level"))
    levels = {row[0].split()[-1]: row[-1] for row in tables["summary"]}
    shown = {level: int(count) for level, count in levels.items() if level in LEVEL_ORDER}
    assert shown == {level: counts.get(level, 0) for level in LEVEL_ORDER}


def test_flagged_projects_are_linked_from_the_table(html: str) -> None:
    for project_id in ("P001", "P002", "P003", "P004"):
        assert f'href="#project-{project_id}"' in html
        assert f'id="project-{project_id}"' in html


def test_no_clear_id_or_card_number_appears(html: str) -> None:
    assert not CLEAR_ID.search(html)
    assert not LONG_NUMBER.search(html)


def test_text_from_site_files_is_escaped_not_markup(html: str) -> None:
    assert "江西建工&amp;第三工程有限公司" in html
    assert "paid 5,000.00 &lt; expected 6,600.00" in html


def test_warehouse_is_closed_after_the_report(tmp_path: Path) -> None:
    warehouse = make_fake_warehouse(tmp_path / "wagewatch.duckdb")
    write_report(warehouse, tmp_path / "reports", as_of=date(2026, 8, 20), generated_at=GENERATED_AT)
    with duckdb.connect(str(warehouse)) as connection:
        assert connection.execute("select count(*) from flags").fetchall()[0][0] > 0


def test_missing_warehouse_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no warehouse"):
        write_report(tmp_path / "absent.duckdb", tmp_path, as_of=AS_OF, generated_at=GENERATED_AT)


def test_amounts_keep_separators_and_cents_and_a_missing_amount_is_a_dash() -> None:
    assert report_money(Decimal("1234567.5")) == "1,234,567.50"
    assert report_money(Decimal("999999999999.99")) == "999,999,999,999.99"
    assert report_money(None) == DASH
