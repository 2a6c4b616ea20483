"""The inspector reports of one run, read from the published warehouse, written into one folder:

    index.html               every project worst first, its level per judged month, what is owed,
                             what is new and resolved, the data-quality summary (Data Docs linked)
    projects/<project>.html  one page per project: chart of expected against paid, flags by worker
                             with their evidence, the rules in plain words, history and the ledger
    wagewatch-<as-of>.xlsx   the same content as a workbook, for colleagues who live in Excel

Inspectors open them on a laptop at a site office, often offline, so every page carries its own CSS
and chart and loads nothing from the network. Workers are shown by name and masked ID only, accounts
by their last 4 digits (docs/contract.md section 5). The words are Chinese or English ([report] language).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from wagewatch.reports.chart import expected_paid_chart
from wagewatch.reports.data import Project, ReportData, read_report_data
from wagewatch.reports.labels import Labels, load_labels
from wagewatch.reports.workbook import workbook_name, write_workbook
from wagewatch.vocabulary import LEVELS, SEVERITIES

REPORT_FILE_NAME = "index.html"
PROJECTS_FOLDER = "projects"
DATA_DOCS_INDEX = "data_docs/index.html"  # written beside the report by the Great Expectations step
MISSING = "—"
HTML_LANGUAGES = {"zh": "zh-CN", "en": "en"}


def money(value: Decimal | None) -> str:
    """Thousands separators and two decimals, formatted from the Decimal itself (never a float)."""
    return MISSING if value is None else f"{value:,.2f}"


@cache
def _environment() -> Environment:
    """Autoescape on: names and details come from site files and must never become markup. One per
    process, so that each template is compiled once however many runs the process makes."""
    environment = Environment(
        loader=PackageLoader("wagewatch.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["money"] = money
    environment.filters["or_dash"] = lambda value: MISSING if value is None or value == "" else value
    return environment


def _rules_shown(labels: Labels, codes: set[str] | None = None) -> list:
    return [rule for code, rule in sorted(labels.rules.items()) if codes is None or code in codes]


class Pages:
    """Renders the index and the project pages of one run, in one language."""

    def __init__(self, data: ReportData, labels: Labels, *, generated_at: datetime, out_dir: Path) -> None:
        self.data = data
        self.labels = labels
        self.environment = _environment()
        self.common: dict[str, Any] = {
            "labels": labels,
            "t": labels.text,
            "as_of": data.as_of.isoformat(),
            "as_of_date": data.as_of,
            "generated_at": generated_at.isoformat(sep=" ", timespec="seconds"),
            "html_lang": HTML_LANGUAGES[labels.language],
            "missing": MISSING,
            "levels": LEVELS,
            "severities": SEVERITIES,
            "index_name": REPORT_FILE_NAME,
            "projects_folder": PROJECTS_FOLDER,
            "workbook_name": workbook_name(data.as_of),
            "data_docs": DATA_DOCS_INDEX if (out_dir / DATA_DOCS_INDEX).is_file() else None,
        }

    def index(self) -> str:
        template = self.environment.get_template("index.html.j2")
        return template.render(self.common, data=self.data, rules_shown=_rules_shown(self.labels))

    def project(self, project: Project) -> str:
        template = self.environment.get_template("project.html.j2")
        codes = {flag["rule"] for flag in project.flags} | {row["rule"] for row in project.resolved}
        return template.render(
            self.common,
            project=project,
            info=project.info,
            chart=expected_paid_chart(project.periods, self.labels),
            rules_shown=_rules_shown(self.labels, codes),
        )


def write_report(
    warehouse: Path,
    out_dir: Path,
    *,
    as_of: date,
    generated_at: datetime,
    language: str = "zh",
) -> Path:
    """Write the run's pages and workbook for `warehouse` into `out_dir`; return the index page's path."""
    data = read_report_data(Path(warehouse), as_of)
    labels = load_labels(language)
    out_dir = Path(out_dir)
    (out_dir / PROJECTS_FOLDER).mkdir(parents=True, exist_ok=True)
    pages = Pages(data, labels, generated_at=generated_at, out_dir=out_dir)
    for project in data.projects:
        (out_dir / PROJECTS_FOLDER / project.file_name).write_text(pages.project(project), encoding="utf-8")
    write_workbook(data, labels, out_dir / workbook_name(as_of), generated_at=generated_at)
    index = out_dir / REPORT_FILE_NAME
    index.write_text(pages.index(), encoding="utf-8")
    return index
