"""A small, synthetic published warehouse for testing the readers of the marts (report, notebooks).

The pipeline that builds the real warehouse is written separately; until it exists, the report and
the analysts' notebooks are tested against this fake, which holds exactly the promised columns of
CONTRACT section 4 and nothing more, so that swapping in a warehouse built by the real pipeline
breaks nothing. The rows tell a small, consistent story as of 2026-08-20: four projects, three
periods, workers missed, short-paid and paid late, a project with no payroll at all, pending
periods, roster flags without a period, and no clear ID number or bank account anywhere.
"""

from __future__ import annotations

import calendar
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb

AS_OF = date(2026, 8, 20)
AMOUNT = "decimal(14,2)"
ZERO = Decimal("0.00")
MONTHS_IN_YEAR = 12

# The promised tables and columns (CONTRACT section 4, and the published-warehouse brief).
SCHEMA: dict[str, list[tuple[str, str]]] = {
    "projects": [
        ("project_id", "varchar"),
        ("project_name", "varchar"),
        ("region_code", "varchar"),
        ("contractor_name", "varchar"),
        ("sector", "varchar"),
        ("pay_day", "integer"),
        ("wage_account_last4", "varchar"),
    ],
    "flags": [
        ("project_id", "varchar"),
        ("period", "varchar"),
        ("rule", "varchar"),
        ("severity", "varchar"),
        ("worker_key", "varchar"),
        ("worker_name", "varchar"),
        ("id_number_masked", "varchar"),
        ("team", "varchar"),
        ("expected_amount", AMOUNT),
        ("paid_amount", AMOUNT),
        ("shortfall_amount", AMOUNT),
        ("detail", "varchar"),
    ],
    "project_periods": [
        ("project_id", "varchar"),
        ("project_name", "varchar"),
        ("period", "varchar"),
        ("due_date", "date"),
        ("level", "varchar"),
        ("workers_expected", "integer"),
        ("workers_paid_in_full", "integer"),
        ("workers_missed", "integer"),
        ("workers_partial", "integer"),
        ("workers_late", "integer"),
        ("expected_amount", AMOUNT),
        ("paid_amount", AMOUNT),
        ("arrears_amount", AMOUNT),
    ],
    "worker_periods": [
        ("project_id", "varchar"),
        ("worker_key", "varchar"),
        ("worker_name", "varchar"),
        ("id_number_masked", "varchar"),
        ("team", "varchar"),
        ("trade", "varchar"),
        ("period", "varchar"),
        ("due_date", "date"),
        ("is_judged", "boolean"),
        ("wage_type", "varchar"),
        ("days_worked", "decimal(6,2)"),
        ("expected_amount", AMOUNT),
        ("paid_by_due_amount", AMOUNT),
        ("paid_amount", AMOUNT),
        ("shortfall_amount", AMOUNT),
        ("status", "varchar"),
    ],
    "quarantine": [
        ("source_file", "varchar"),
        ("row_number", "integer"),
        ("reason", "varchar"),
        ("raw", "varchar"),
    ],
    "ingested_files": [
        ("source_file", "varchar"),
        ("kind", "varchar"),
        ("sha256", "varchar"),
        ("rows", "integer"),
        ("rows_quarantined", "integer"),
        ("status", "varchar"),
        ("reason", "varchar"),
        ("ingested_at", "timestamp"),
    ],
}

# project_id, project_name, region_code, contractor_name, sector, pay_day, wage_account_last4.
# The ampersand in a contractor's name checks that the report escapes what it prints.
PROJECTS = [
    ("P001", "赣州南站综合枢纽", "360702", "江西建工&第三工程有限公司", "建筑", 15, "6621"),
    ("P002", "章江大桥", "360703", "中交二航局", "交通", 25, "0187"),
    ("P003", "上犹江水库除险加固", "360724", "江西水利水电建设", "水利", 10, "4410"),
    ("P004", "瑞金市政管网改造", "360781", "赣南市政工程公司", "建筑", 31, "9052"),
]


@dataclass(frozen=True)
class Worker:
    """A registered worker as the published warehouse knows them: by key, name and masked ID only."""

    project_id: str
    worker_key: str
    worker_name: str
    id_number_masked: str
    team: str
    trade: str
    wage_type: str


WORKERS = {
    "w1": Worker("P001", "3f9a0c1be47d2a58", "张伟", "360702********123X", "钢筋班", "钢筋工", "monthly"),
    "w2": Worker("P001", "a1c4e9f07b3d6e21", "李强", "360702********4518", "钢筋班", "钢筋工", "daily"),
    "w3": Worker("P001", "5be27d90c1f84a36", "王芳", "360721********2044", "木工班", "木工", "monthly"),
    "w4": Worker("P001", "c08d3e6f19a2b7e4", "赵磊", "362101********0611", "木工班", "木工", "daily"),
    "w5": Worker("P002", "e7b41a2c9d0f3586", "陈静", "360703********3327", "架子班", "架子工", "monthly"),
    "w6": Worker("P002", "9d2f6c8a0e1b4d73", "刘洋", "360731********551X", "架子班", "架子工", "daily"),
    "w7": Worker("P003", "b6e0a9d3f2c7184e", "黄敏", "360724********6042", "混凝土班", "混凝土工", "monthly"),
    "w8": Worker("P003", "4c7f1e8b2a9d06c5", "周杰", "360724********7719", "混凝土班", "混凝土工", "daily"),
    "w9": Worker("P004", "d3a85f0e6b2c9e17", "吴刚", "360781********0836", "管道班", "管道工", "monthly"),
}

# worker, period, days_worked (None: unknown), expected, paid by the due date, paid by the as-of date,
# status. Amounts are yuan as text so that they become exact Decimals.
WORKER_PERIODS = [
    ("w1", "2026-05", "21.75", "6000.00", "0.00", "6000.00", "late"),
    ("w2", "2026-05", "22.00", "6600.00", "6600.00", "6600.00", "paid_in_full"),
    ("w3", "2026-05", "21.75", "5500.00", "5500.00", "5500.00", "paid_in_full"),
    ("w4", "2026-05", "20.00", "5600.00", "5600.00", "5600.00", "paid_in_full"),
    ("w1", "2026-06", "21.75", "6000.00", "0.00", "0.00", "missed"),
    ("w2", "2026-06", "22.00", "6600.00", "5000.00", "5000.00", "partial"),
    ("w3", "2026-06", "20.00", "5057.47", "5057.47", "5057.47", "paid_in_full"),
    ("w4", "2026-06", "21.00", "5880.00", "0.00", "0.00", "missed"),
    ("w1", "2026-07", "21.75", "6000.00", "0.00", "0.00", "missed"),
    ("w2", "2026-07", "23.00", "6900.00", "0.00", "0.00", "missed"),
    ("w3", "2026-07", "21.75", "5500.00", "0.00", "0.00", "missed"),
    ("w4", "2026-07", "18.50", "5180.00", "0.00", "0.00", "missed"),
    ("w5", "2026-05", None, "7000.00", "6500.00", "6500.00", "partial"),
    ("w6", "2026-05", None, None, "7350.00", "7350.00", "paid_in_full"),
    ("w5", "2026-06", None, "7000.00", "3500.00", "7000.00", "late"),
    ("w6", "2026-06", None, None, "0.00", "7000.00", "late"),
    ("w5", "2026-07", None, "7000.00", "0.00", "0.00", "pending"),
    ("w6", "2026-07", None, None, "0.00", "0.00", "pending"),
    ("w7", "2026-05", "21.75", "4800.00", "4800.00", "4800.00", "paid_in_full"),
    ("w8", "2026-05", "20.00", "5200.00", "5200.00", "5200.00", "paid_in_full"),
    ("w7", "2026-06", "21.75", "4800.00", "4800.00", "4800.00", "paid_in_full"),
    ("w8", "2026-06", "0.00", "0.00", "0.00", "0.00", "not_expected"),
    ("w7", "2026-07", "21.75", "4800.00", "4800.00", "4800.00", "paid_in_full"),
    ("w8", "2026-07", "19.00", "4940.00", "4940.00", "4940.00", "paid_in_full"),
    ("w9", "2026-05", "21.75", "5200.00", "5200.00", "5200.00", "paid_in_full"),
    ("w9", "2026-06", "21.75", "5200.00", "0.00", "0.00", "missed"),
    ("w9", "2026-07", "21.75", "5200.00", "0.00", "0.00", "pending"),
]

# The worker-period statuses that are themselves a flag (CONTRACT section 3).
STATUS_FLAGS = {
    "missed": ("MISSED_PAYMENT", "red"),
    "partial": ("PARTIAL_PAYMENT", "red"),
    "late": ("LATE_PAYMENT", "amber"),
}

# Flags that are not one worker's status: about the project's payroll, or about the roster (no period).
# project_id, period, rule, severity, worker (None: about the project), expected, paid, shortfall, detail.
NO_PAYMENT = "本月无任何成功代发 / no successful payment for the period"
OTHER_FLAGS = [
    ("P001", "2026-07", "NO_PAYROLL", "red", None, "23580.00", "0.00", "23580.00", f"4 人应发，{NO_PAYMENT}"),
    ("P004", "2026-06", "NO_PAYROLL", "red", None, "5200.00", "0.00", "5200.00", f"1 人应发，{NO_PAYMENT}"),
    ("P001", None, "OVERAGE_WORKER", "amber", "w4", None, None, None, "进场时 61 岁 / aged 61 on entry"),
    ("P003", None, "NO_LABOR_CONTRACT", "amber", "w8", None, None, None, "未签劳动合同 / no labour contract"),
    ("P003", None, "INVALID_ID_NUMBER", "amber", "w7", None, None, None, "校验码错误 / wrong check digit"),
]


def _money(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def due_date(period: str, pay_day: int) -> date:
    """The project's pay day in the month after the period, or that month's last day (CONTRACT 2)."""
    year, month = map(int, period.split("-"))
    year, month = year + month // MONTHS_IN_YEAR, month % MONTHS_IN_YEAR + 1
    return date(year, month, min(pay_day, calendar.monthrange(year, month)[1]))


def _pay_days() -> dict[str, int]:
    return {project[0]: project[5] for project in PROJECTS}


def _worker_period_rows() -> list[tuple]:
    pay_days = _pay_days()
    rows = []
    for key, period, days, expected, by_due, paid, status in WORKER_PERIODS:
        worker = WORKERS[key]
        expected_amount, paid_amount = _money(expected), _money(paid)
        owed = expected_amount is not None and status != "pending"
        shortfall = max(expected_amount - paid_amount, ZERO) if owed else ZERO
        rows.append(
            (
                worker.project_id,
                worker.worker_key,
                worker.worker_name,
                worker.id_number_masked,
                worker.team,
                worker.trade,
                period,
                due_date(period, pay_days[worker.project_id]),
                status != "pending",
                worker.wage_type,
                _money(days),
                expected_amount,
                _money(by_due),
                paid_amount,
                shortfall,
                status,
            )
        )
    return rows


def _status_detail(status: str, expected: Decimal | None, paid: Decimal) -> str:
    expected_text = "unknown" if expected is None else f"{expected:,.2f}"
    if status == "missed":
        return f"应发 {expected_text} 元，未发放 / expected {expected_text}, nothing paid"
    if status == "partial":
        return f"少发 / paid {paid:,.2f} < expected {expected_text}"
    return f"截至支付日未足额发放 / paid in full after the due date ({paid:,.2f})"


def _flag_rows(worker_periods: list[tuple]) -> list[tuple]:
    rows = []
    for (
        project_id,
        key,
        name,
        masked,
        team,
        _,
        period,
        _,
        _,
        _,
        _,
        expected,
        _,
        paid,
        shortfall,
        status,
    ) in worker_periods:
        if status in STATUS_FLAGS:
            rule, severity = STATUS_FLAGS[status]
            detail = _status_detail(status, expected, paid)
            rows.append(
                (
                    project_id,
                    period,
                    rule,
                    severity,
                    key,
                    name,
                    masked,
                    team,
                    expected,
                    paid,
                    shortfall,
                    detail,
                )
            )
    for project_id, period, rule, severity, worker_id, expected, paid, shortfall, detail in OTHER_FLAGS:
        worker = WORKERS.get(worker_id)
        who = (
            (worker.worker_key, worker.worker_name, worker.id_number_masked, worker.team)
            if worker
            else (None, None, None, None)
        )
        amounts = (_money(expected), _money(paid), _money(shortfall))
        rows.append((project_id, period, rule, severity, *who, *amounts, detail))
    return rows


def _level(statuses: list[str], severities: set[str]) -> str:
    """A project-period's level as CONTRACT section 3 defines it."""
    if "pending" in statuses:
        return "pending"
    for severity in ("red", "amber"):
        if severity in severities:
            return severity
    return "green"


def _project_period_rows(worker_periods: list[tuple], flags: list[tuple]) -> list[tuple]:
    names = {project[0]: project[1] for project in PROJECTS}
    severities: dict[tuple, set[str]] = defaultdict(set)
    for flag in flags:
        severities[flag[0], flag[1]].add(flag[3])
    groups: dict[tuple, list[tuple]] = defaultdict(list)
    for row in worker_periods:
        groups[row[0], row[6]].append(row)
    rows = []
    for (project_id, period), members in sorted(groups.items()):
        statuses = [member[15] for member in members]
        expected = [member for member in members if member[15] != "not_expected"]
        rows.append(
            (
                project_id,
                names[project_id],
                period,
                members[0][7],
                _level(statuses, severities[project_id, period]),
                len(expected),
                statuses.count("paid_in_full"),
                statuses.count("missed"),
                statuses.count("partial"),
                statuses.count("late"),
                sum((member[11] or ZERO for member in members), ZERO),
                sum((member[13] for member in members), ZERO),
                sum((member[14] for member in members), ZERO),
            )
        )
    return rows


def _intake_rows() -> tuple[list[tuple], list[tuple]]:
    at = datetime(2026, 8, 20, 2, 0)
    quarantine = [
        (
            "rosters/P001_2026-06.xlsx",
            14,
            "ID number stored as a number by Excel; digits lost",
            json.dumps({"姓名": "孙丽", "身份证号": "3.60702********E+17"}, ensure_ascii=False),
        ),
        (
            "bank/ccb_2026-07.csv",
            9,
            "amount is not a number",
            json.dumps(
                {"收款人姓名": "钱进", "金额": "五千", "收款账号": "************3301"}, ensure_ascii=False
            ),
        ),
    ]
    ingested = [
        ("projects/register.csv", "projects", "1" * 64, len(PROJECTS), 0, "loaded", None, at),
        ("rosters/P001_2026-06.xlsx", "rosters", "2" * 64, 5, 1, "loaded", None, at),
        ("bank/ccb_2026-07.csv", "bank", "3" * 64, 12, 1, "loaded", None, at),
        ("bank/notes.docx", "bank", "4" * 64, 0, 0, "rejected", "unknown file format", at),
    ]
    return quarantine, ingested


def _write(connection: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    columns = SCHEMA[table]
    connection.execute(f"create table {table} ({', '.join(f'{name} {kind}' for name, kind in columns)})")
    if rows:
        placeholders = ", ".join("?" for _ in columns)
        connection.executemany(f"insert into {table} values ({placeholders})", rows)


def make_fake_warehouse(path: Path) -> Path:
    """Write the fake warehouse to `path` (a new DuckDB file) and return the path."""
    worker_periods = _worker_period_rows()
    flags = _flag_rows(worker_periods)
    quarantine, ingested = _intake_rows()
    tables = {
        "projects": PROJECTS,
        "flags": flags,
        "project_periods": _project_period_rows(worker_periods, flags),
        "worker_periods": worker_periods,
        "quarantine": quarantine,
        "ingested_files": ingested,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as connection:
        for table, rows in tables.items():
            _write(connection, table, rows)
    return path
