"""What the workbook shows, taken from the report data in a form that crosses to another process cheaply.

The workbook is written in a process of its own (alongside.py), started fresh rather than forked, so what
it shows is pickled to it. The whole report data took 2.3 s to pickle at 100,000 workers: most of it the
pages' evidence and many small Decimals. This keeps only the workbook's columns, the open flags column
by column, amounts as their decimal text (exact, and cheap to pickle; the sheet's XML holds a number
as text), and the worst red projects whole. It costs the parent about a second at 100,000 workers,
and the child a quarter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from wagewatch.reports.complaints import complaint_rows
from wagewatch.reports.data import Project, ReportData, Row
from wagewatch.reports.labels import Configured, load_labels

# the open flags' columns the workbook shows (workbook.flag_columns), and which of them are amounts
FLAG_KEYS = (
    "project_id",
    "worker_name",
    "id_number_masked",
    "team",
    "trade",
    "period",
    "rule",
    "severity",
    "expected_amount",
    "paid_amount",
    "shortfall_amount",
    "days_late",
    "paid_in_full_on",
    "finding",
    "first_raised_on",
    "is_new",
    "evidence_refs",
    "worker_owed_amount",
    "flag_id",
)
FLAG_AMOUNTS = ("expected_amount", "paid_amount", "shortfall_amount", "worker_owed_amount")
# the projects' columns the workbook shows (workbook.project_columns), besides their months and findings
PROJECT_KEYS = (
    "project_id",
    "project_name",
    "contractor_name",
    "region_code",
    "level",
    "workers_owed",
    "workers_flagged",
    "red_flags",
    "amber_flags",
    "new_flags",
    "resolved_flags",
    "deposit_status",  # the deposits and ageing sheet (enforcement_sheets.py)
    "deposit_due_date",
    "oldest_due_date",
    "days_overdue",
    "stage",
)
PROJECT_AMOUNTS = ("owed_amount", "contract_amount", "required_amount", "in_force_amount", "deposit_rate")


@dataclass(frozen=True)
class WorkbookData:
    as_of: date
    language: str
    judged_periods: list[str]
    region_names: dict[str, str]
    quality: Row
    projects: list[Row]  # worst first: each project's register entry, its month_levels and findings
    flag_values: dict[str, list]  # every open flag of every project, column by column (FLAG_KEYS)
    red: list[Project]  # the worst red projects, a sheet each
    resolved: list[Row]
    blacklist: list[Row]  # blacklist_candidates, amounts as text (enforcement_sheets.py)
    complaints: list[Row] = field(default_factory=list)  # complaint_rows: open first, in words
    configured: Configured | None = None  # the numbers the labels say (labels.Configured)

    @cached_property
    def flags(self) -> list[Row]:
        columns = [self.flag_values[key] for key in FLAG_KEYS]
        return [dict(zip(FLAG_KEYS, values, strict=True)) for values in zip(*columns, strict=True)]

    def region_name(self, code: str | None) -> str | None:
        return self.region_names.get(code, code) if code else None


def _amount_text(value) -> str | None:
    """An amount as its exact decimal text, "5000.00": money is never a float on its way to the cell."""
    return None if value is None else str(value)


def _project(project: Project) -> Row:
    info = project.info
    return {
        **{key: info[key] for key in PROJECT_KEYS},
        **{key: _amount_text(info[key]) for key in PROJECT_AMOUNTS},
        "month_levels": project.month_levels,
        "findings": project.findings,
    }


def workbook_data(
    data: ReportData, language: str, red_sheets: int, configured: Configured | None = None
) -> WorkbookData:
    """The workbook's share of `data`, with a sheet for each of the `red_sheets` worst red projects."""
    flags = data.flags
    values = {key: [flag[key] for flag in flags] for key in FLAG_KEYS}
    for key in FLAG_AMOUNTS:
        values[key] = [_amount_text(value) for value in values[key]]
    return WorkbookData(
        as_of=data.as_of,
        language=language,
        judged_periods=data.judged_periods,
        region_names=data.region_names,
        quality=data.quality,
        projects=[_project(project) for project in data.projects],
        flag_values=values,
        red=data.worst_red(red_sheets),
        resolved=[row for project in data.projects for row in project.resolved],
        blacklist=[{**row, "owed_amount": _amount_text(row["owed_amount"])} for row in data.blacklist],
        complaints=complaint_rows(data.complaints, load_labels(language, configured)),
        configured=configured,
    )
