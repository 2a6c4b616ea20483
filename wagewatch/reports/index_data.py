"""The index page's projects as one compact data block, paged and filtered in the browser.

At 4,000 projects a table row each made a 4 MB page that took seconds to open; the same facts as JSON
arrays (every word and code given once, projects pointing at them by position) stay well under 1 MB,
and a short script shows a page of rows at a time, filtered by region and level. The first page is
also written as HTML, so the worst projects show without scripts and in print.
"""

from __future__ import annotations

import json
from typing import Any

from wagewatch.reports.data import Project, ReportData
from wagewatch.reports.labels import Labels
from wagewatch.vocabulary import LEVELS, SEVERITIES

PAGE_SIZE = 50  # projects shown at a time
NO_LEVEL = "-"  # a month the project did not judge


def _money(value) -> str:
    return f"{value:,.2f}"


def _project(project: Project, periods: list[str], regions: dict[str, int], rules: dict[str, int]) -> list:
    """A project's array, in the order of FIELDS."""
    info = project.info
    month_levels = "".join(
        str(LEVELS.index(project.month_levels[p])) if p in project.month_levels else NO_LEVEL for p in periods
    )
    return [
        info["project_id"],
        project.file_name,
        info["project_name"] or "",
        info["contractor_name"] or "",
        regions.get(info["region_code"], -1),
        LEVELS.index(info["level"]),
        month_levels,
        [[rules[rule], count] for rule, _, count in project.findings],
        _money(info["owed_amount"]),
        info["workers_owed"],
        info["workers_flagged"],
        info["red_flags"],
        info["amber_flags"],
        info["new_flags"],
        info["resolved_flags"],
        STAGES.index(info["stage"]) if info["stage"] in STAGES else -1,
        "" if info["days_overdue"] is None else info["days_overdue"],
        DEPOSIT_STATUSES.index(info["deposit_status"]) if info["deposit_status"] in DEPOSIT_STATUSES else -1,
    ]


# a project's array, in the order _project writes it (the index's script reads them by position)
FIELDS = [
    "project_id",
    "file",
    "name",
    "contractor",
    "region",
    "level",
    "months",
    "findings",
    "owed",
    "workers_owed",
    "workers_flagged",
    "red_flags",
    "amber_flags",
    "new_flags",
    "resolved_flags",
    "stage",
    "days_overdue",
    "deposit",
]
# the arrears' stages and the deposit statuses, as the index shows them (the words given once)
STAGES = ("red", "orange", "yellow")
DEPOSIT_STATUSES = ("missing", "short", "in_force", "not_due", "exempt", "not_in_progress", "not_judged")


def index_data(data: ReportData, labels: Labels) -> dict[str, Any]:
    """What the index's script needs: the words once, and one array per project, worst first."""
    regions = {code: n for n, code in enumerate(data.regions)}
    codes = sorted({rule for project in data.projects for rule, _, _ in project.findings})
    rules = {code: n for n, code in enumerate(codes)}
    return {
        "page_size": PAGE_SIZE,
        "fields": FIELDS,
        "periods": data.judged_periods,
        "levels": [[level, labels.level[level]] for level in LEVELS],
        "regions": [[code, data.region_name(code)] for code in data.regions],
        "rules": [[code, labels.rule_name(code), _severity(labels, code)] for code in codes],
        "stages": [[stage, labels.stage[stage]] for stage in STAGES],
        "deposit_statuses": [[status, labels.deposit_status[status]] for status in DEPOSIT_STATUSES],
        "projects": [_project(p, data.judged_periods, regions, rules) for p in data.projects],
    }


def _severity(labels: Labels, code: str) -> str:
    rule = labels.rules.get(code)
    return rule.severity if rule else SEVERITIES[-1]


def index_json(data: ReportData, labels: Labels) -> str:
    """The data block as JSON safe inside a <script> element (no `</` can close it early)."""
    text = json.dumps(index_data(data, labels), ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/")
