"""The inspector report: one self-contained HTML page read from the published warehouse.

Inspectors open it on a laptop at a site office, often offline, so the page carries its own CSS and
loads nothing from the network. It reads only the published marts (CONTRACT section 4), never
recomputes a judgement, and shows workers by name and masked ID only (CONTRACT section 5).
Money stays Decimal from the warehouse to the page: a wage owed is never rounded through a float.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment, PackageLoader, StrictUndefined

from wagewatch import db
from wagewatch.runner import query

REPORT_FILE_NAME = "index.html"
TEMPLATE_NAME = "report.html.j2"
MISSING = "—"
ZERO = Decimal("0.00")

# Levels worst first, as the table is sorted, with the label an inspector reads (CONTRACT section 3).
LEVEL_LABELS = {"red": "红 red", "amber": "黄 amber", "pending": "待判 pending", "green": "绿 green"}
SEVERITY_LABELS = {"red": "红 red", "amber": "黄 amber"}
RULE_LABELS = {
    "MISSED_PAYMENT": "未发工资",
    "PARTIAL_PAYMENT": "未足额发放",
    "LATE_PAYMENT": "迟发工资",
    "NO_PAYROLL": "整月未代发",
    "ACCOUNT_MISMATCH": "非本人工资卡",
    "SHARED_ACCOUNT": "多人共用银行卡",
    "UNREGISTERED_PAYEE": "收款人不在花名册",
    "UNREGISTERED_WORKER": "未实名登记用工",
    "NON_DEDICATED_ACCOUNT": "非工资专户发放",
    "EXCESSIVE_PAYMENT": "单人金额异常",
    "BELOW_MINIMUM_WAGE": "低于最低工资",
    "CONCURRENT_PROJECTS": "多项目重复出勤",
    "INVALID_ID_NUMBER": "身份证号无效",
    "UNDERAGE_WORKER": "未成年用工",
    "OVERAGE_WORKER": "超龄用工",
    "NO_LABOR_CONTRACT": "未签劳动合同",
}


@dataclass(frozen=True)
class ReportData:
    """Everything the template shows, read from the warehouse in one short session."""

    level_counts: list[tuple[str, int]]
    project_periods: list[dict[str, Any]]
    flagged_projects: list[dict[str, Any]]
    flags_by_project: dict[str, list[dict[str, Any]]]

    @property
    def arrears_total(self) -> Decimal:
        """Arrears of judged periods only: a pending period owes nothing yet."""
        return sum(
            (row["arrears_amount"] or ZERO for row in self.project_periods if row["level"] != "pending"),
            ZERO,
        )


def money(value: Decimal | None) -> str:
    """Thousands separators and two decimals, formatted from the Decimal itself (never a float)."""
    return MISSING if value is None else f"{value:,.2f}"


def _rows(connection: duckdb.DuckDBPyConnection, name: str) -> list[dict[str, Any]]:
    """Run one of the report's .sql files and fetch it whole, as dicts keyed by column name."""
    cursor = connection.execute(query(name))
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _level_counts(rows: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """Every known level in order, zero when absent, then any level the contract does not name."""
    counts = Counter({row["level"]: row["project_periods"] for row in rows})
    unknown = sorted(str(level) for level in counts if level not in LEVEL_LABELS)
    return [(level, counts.get(level, 0)) for level in [*LEVEL_LABELS, *unknown]]


def _group_flags(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["project_id"]].append(row)
    return dict(grouped)


def read_report_data(warehouse: Path) -> ReportData:
    """Read what the report shows, read-only, and close the warehouse before anything is rendered."""
    if not warehouse.is_file():
        raise FileNotFoundError(f"no warehouse at {warehouse}")
    with db.connect(warehouse, read_only=True) as connection:
        return ReportData(
            level_counts=_level_counts(_rows(connection, "levels")),
            project_periods=_rows(connection, "report_project_periods"),
            flagged_projects=_rows(connection, "report_flagged_projects"),
            flags_by_project=_group_flags(_rows(connection, "report_flags")),
        )


def _environment() -> Environment:
    """Autoescape on: names and details come from site files and must never become markup."""
    environment = Environment(
        loader=PackageLoader("wagewatch", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["money"] = money
    environment.filters["or_dash"] = lambda value: MISSING if value is None else value
    return environment


def render_report(data: ReportData, *, as_of: date, generated_at: datetime) -> str:
    """The report's HTML for data already read from the warehouse."""
    return (
        _environment()
        .get_template(TEMPLATE_NAME)
        .render(
            data=data,
            as_of=as_of.isoformat(),
            generated_at=generated_at.isoformat(sep=" ", timespec="seconds"),
            level_labels=LEVEL_LABELS,
            severity_labels=SEVERITY_LABELS,
            rule_labels=RULE_LABELS,
            missing=MISSING,
        )
    )


def write_report(warehouse: Path, out_dir: Path, *, as_of: date, generated_at: datetime) -> Path:
    """Write the inspector report for `warehouse` to `out_dir/index.html` and return that path."""
    html = render_report(read_report_data(Path(warehouse)), as_of=as_of, generated_at=generated_at)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / REPORT_FILE_NAME
    path.write_text(html, encoding="utf-8")
    return path
