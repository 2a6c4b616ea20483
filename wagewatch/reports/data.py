"""What the inspector reports show, read from the published warehouse in one short read-only session.

Only published tables are read (docs/contract.md section 4, and flag_history); nothing is judged again here.
Workers are known by name and masked ID only, accounts by their last 4 digits. Money stays Decimal
from the warehouse to the page and the workbook.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

import duckdb

from wagewatch.reports.labels import Labels, load_labels
from wagewatch.vocabulary import SEVERITIES, UNJUDGED
from wagewatch.warehouse import db, findings

Row = dict[str, Any]
ZERO = Decimal("0.00")
_UNSAFE_IN_FILE_NAME = re.compile(r"[^A-Za-z0-9._-]")


@dataclass(frozen=True)
class WorkerGroup:
    """One worker's flags on one project; the project's own flags form a group with no worker."""

    worker_key: str | None
    worker_name: str | None
    id_number_masked: str | None
    team: str | None
    trade: str | None
    owed_amount: Decimal | None
    flags: list[Row]

    @property
    def worst_severity(self) -> int:
        return min(_rank(SEVERITIES, flag["severity"]) for flag in self.flags)

    @property
    def shortfall_amount(self) -> Decimal:
        return sum((flag["shortfall_amount"] or ZERO for flag in self.flags), ZERO)


@dataclass(frozen=True)
class Project:
    """One project's page: the register entry and its figures, months, flags, ledger and history."""

    info: Row
    periods: list[Row]
    groups: list[WorkerGroup]
    ledger: list[Row]
    resolved: list[Row]

    @property
    def project_id(self) -> str:
        return self.info["project_id"]

    @property
    def file_name(self) -> str:
        return project_file_name(self.project_id)

    @cached_property
    def flags(self) -> list[Row]:
        return [flag for group in self.groups for flag in group.flags]

    @cached_property
    def new_flags(self) -> list[Row]:
        return [flag for flag in self.flags if flag["is_new"]]

    @cached_property
    def findings(self) -> list[tuple[str, str, int]]:
        """(rule, severity, open flags) of the project, red rules first, then the most frequent."""
        counts = Counter((flag["rule"], flag["severity"]) for flag in self.flags)
        return sorted(
            ((rule, severity, count) for (rule, severity), count in counts.items()),
            key=lambda item: (_rank(SEVERITIES, item[1]), -item[2], item[0]),
        )

    @cached_property
    def judged_levels(self) -> dict[str, str]:
        """Level by month, for the months judged (neither pending nor unmonitored)."""
        return {row["period"]: row["level"] for row in self.periods if row["level"] not in UNJUDGED}

    @cached_property
    def month_levels(self) -> dict[str, str]:
        """Level by month as the index shows it: judged months, and months before monitoring began,
        so that a month another project judged reads "not monitored" here rather than blank."""
        return {row["period"]: row["level"] for row in self.periods if row["level"] != "pending"}

    @property
    def is_red(self) -> bool:
        """Red by a red month, or by a red roster flag (an under-age worker makes a project red too)."""
        return self.info["level"] == "red" or self.info["red_flags"] > 0


@dataclass(frozen=True)
class ActionNeeded:
    """How many projects (and flags) call for one rule's action: the top of the index."""

    rule: str
    severity: str
    projects: int
    flags: int


@dataclass(frozen=True)
class ReportData:
    as_of: date
    projects: list[Project]  # worst first
    quality: Row
    rejected_files: list[Row] = field(default_factory=list)
    checks: list[Row] = field(default_factory=list)  # quality_checks, for the data-quality page
    region_names: dict[str, str] = field(default_factory=dict)  # region_code: its name (the regions mart)
    complaints: list[Row] = field(default_factory=list)  # current complaints, open first (report_complaints)
    blacklist: list[Row] = field(default_factory=list)  # blacklist_candidates, for an inspector's decision

    @cached_property
    def flags(self) -> list[Row]:
        return [flag for project in self.projects for flag in project.flags]

    @cached_property
    def judged_periods(self) -> list[str]:
        """The months some project judged: the index's month columns."""
        return sorted({period for project in self.projects for period in project.judged_levels})

    @cached_property
    def regions(self) -> list[str]:
        return sorted({p.info["region_code"] for p in self.projects if p.info["region_code"]})

    def region_name(self, code: str | None) -> str | None:
        return self.region_names.get(code, code) if code else None

    @cached_property
    def owed_total(self) -> Decimal:
        return sum((project.info["owed_amount"] for project in self.projects), ZERO)

    def count_projects(self, level: str) -> int:
        return sum(1 for project in self.projects if project.info["level"] == level)

    def count_flags(self, severity: str) -> int:
        return sum(project.info[f"{severity}_flags"] for project in self.projects)

    @cached_property
    def new_flags(self) -> int:
        return sum(project.info["new_flags"] for project in self.projects)

    @cached_property
    def resolved_flags(self) -> int:
        return sum(project.info["resolved_flags"] for project in self.projects)

    @cached_property
    def actions_needed(self) -> list[ActionNeeded]:
        """Each rule with open flags and how many projects need its action: red first, then most projects."""
        projects: Counter[tuple[str, str]] = Counter()
        flags: Counter[tuple[str, str]] = Counter()
        for project in self.projects:
            for rule, severity, count in project.findings:
                projects[(rule, severity)] += 1
                flags[(rule, severity)] += count
        needed = [
            ActionNeeded(rule, severity, n, flags[(rule, severity)])
            for (rule, severity), n in projects.items()
        ]
        return sorted(needed, key=lambda a: (_rank(SEVERITIES, a.severity), -a.projects, a.rule))

    def worst_red(self, count: int) -> list[Project]:
        """The `count` worst red projects (the index's order): those the workbook gives a sheet each."""
        return [project for project in self.projects if project.is_red][:count]


def project_file_name(project_id: str) -> str:
    """A page name safe on any disk; a project ID it had to change gets a short hash to stay unique."""
    safe = _UNSAFE_IN_FILE_NAME.sub("_", project_id)
    if safe != project_id:
        safe += "-" + hashlib.sha256(project_id.encode("utf-8")).hexdigest()[:8]
    return f"{safe}.html"


def _rank(order: tuple[str, ...], value: str) -> int:
    return order.index(value) if value in order else len(order)


def rows(connection: duckdb.DuckDBPyConnection, name: str, parameters: dict | None = None) -> list[Row]:
    """Run one of the report's .sql files and fetch it whole, as dicts keyed by column name."""
    sql = db.query(__package__, name)
    cursor = connection.execute(sql, {k: v for k, v in (parameters or {}).items() if f"${k}" in sql})
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _by(key: str, items: list[Row]) -> dict[Any, list[Row]]:
    grouped: dict[Any, list[Row]] = defaultdict(list)
    for item in items:
        grouped[item[key]].append(item)
    return grouped


def _group_key(flag: Row) -> tuple:
    return (flag["worker_key"], flag["worker_name"], flag["id_number_masked"], flag["team"])


def worker_groups(flags: list[Row]) -> list[WorkerGroup]:
    """A project's flags by worker: the project's own first, then the worst and most owed workers."""
    grouped: dict[tuple, list[Row]] = defaultdict(list)
    for flag in flags:
        grouped[_group_key(flag) if flag["worker_key"] else (None, None, None, None)].append(flag)
    groups = [
        WorkerGroup(*key, members[0]["trade"], members[0]["worker_owed_amount"], members)
        for key, members in grouped.items()
    ]
    return sorted(
        groups,
        key=lambda g: (g.worker_key is not None, g.worst_severity, -g.shortfall_amount, g.worker_name or ""),
    )


# the words an evidence row is written with (templates/labels.toml), given to report_evidence.sql
EVIDENCE_WORDS = ("row", "bank_ref", "card", "payer", "days_worked", "wage", "entered", "left")
NO_EVIDENCE = ([], [])


def _sql_map(words: dict[str, str]) -> dict[str, list[str]]:
    """A dict as DuckDB's Python client takes a MAP parameter: its keys and its values."""
    return {"key": list(words), "value": list(words.values())}


def evidence_parameters(labels: Labels) -> dict[str, Any]:
    return {
        "words": {key: labels.text[key] for key in EVIDENCE_WORDS},
        "kinds": _sql_map(labels.evidence_kind),
        "wage_types": _sql_map(labels.wage_type),
    }


Evidence = tuple[list[str], list[str]]  # a flag's evidence rows in words, and by reference


def _evidence(connection: duckdb.DuckDBPyConnection, labels: Labels) -> dict[str, Evidence]:
    """flag_id: its evidence rows in words (the page's list) and by reference (the workbook's cell),
    written set-based by report_evidence.sql rather than row by row here."""
    sql = db.query(__package__, "report_evidence")
    found = connection.execute(sql, evidence_parameters(labels)).fetchall()
    return {flag_id: (items, refs) for flag_id, items, refs in found}


def _attach_evidence(flags: list[Row], evidence: dict[str, Evidence]) -> list[Row]:
    for flag in flags:
        flag["evidence_items"], flag["evidence_refs"] = evidence.get(flag["flag_id"], NO_EVIDENCE)
    return flags


def read_report_data(warehouse: Path, as_of: date, language: str = "zh") -> ReportData:
    """Read what the reports show, read-only, and close the warehouse before anything is rendered.
    Findings come written in `language`, by the SQL their rules' templates compile to."""
    if not Path(warehouse).is_file():
        raise FileNotFoundError(f"no warehouse at {warehouse}")
    parameters = {"as_of": as_of}
    with db.connect(warehouse, read_only=True) as connection:
        findings.install(connection, report_language=language)
        infos = rows(connection, "report_projects", parameters)
        periods = _by("project_id", rows(connection, "report_project_periods"))
        evidence = _evidence(connection, load_labels(language))
        flags = _by("project_id", _attach_evidence(rows(connection, "report_flags", parameters), evidence))
        ledger = _by("project_id", rows(connection, "report_ledger"))
        resolved = _by("project_id", rows(connection, "report_resolved"))
        quality = rows(connection, "report_quality")[0]
        rejected = [
            {**row, "reason": row["reason_zh"] if language == "zh" else row["reason"]}
            for row in rows(connection, "report_rejected_files")
        ]
        checks = rows(connection, "report_checks")
        complaints = rows(connection, "report_complaints")
        blacklist = rows(connection, "report_blacklist")
    projects = [
        Project(
            info=info,
            periods=periods.get(info["project_id"], []),
            groups=worker_groups(flags.get(info["project_id"], [])),
            ledger=ledger.get(info["project_id"], []),
            resolved=resolved.get(info["project_id"], []),
        )
        for info in infos
    ]
    region_names = {info["region_code"]: info["region_name"] for info in infos if info["region_code"]}
    return ReportData(
        as_of=as_of,
        projects=projects,
        quality=quality,
        rejected_files=rejected,
        checks=checks,
        region_names=region_names,
        complaints=complaints,
        blacklist=blacklist,
    )
