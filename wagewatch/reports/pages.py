"""The inspector reports of one run, read from the published warehouse, written into one folder:

    index.html               what to do (actions by how many projects need them), every project worst
                             first (a compact data block, paged and filtered in the browser), its level
                             per judged month, what is owed, what is new and resolved, data quality
    quality.html             every data check of the run with its result, warnings as warnings
    projects/<project>.html  one page per project: chart of expected against paid, flags by worker
                             with their evidence, the rules in plain words, history and the ledger
    wagewatch-<as-of>.xlsx   the same content as a workbook, for colleagues who live in Excel

Inspectors open them on a laptop at a site office, often offline, so every page carries its own CSS
and chart and loads nothing from the network. Workers are shown by name and masked ID only, accounts
by their last 4 digits (docs/contract.md section 5). The words are Chinese or English ([report] language).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from wagewatch.reports.alongside import after, alongside
from wagewatch.reports.chart import expected_paid_chart
from wagewatch.reports.complaints import complaint_rows
from wagewatch.reports.data import Project, ReportData, read_report_data
from wagewatch.reports.figures import offset_note
from wagewatch.reports.index_data import NO_LEVEL, PAGE_SIZE, index_json
from wagewatch.reports.labels import Configured, Labels, load_labels
from wagewatch.reports.markup import MISSING, helpers, money
from wagewatch.reports.quality import QUALITY_FILE_NAME, quality_rows
from wagewatch.reports.table_rows import TableRows
from wagewatch.reports.workbook import workbook_name, write_workbook
from wagewatch.reports.workbook_data import workbook_data
from wagewatch.vocabulary import LEVELS, SEVERITIES

REPORT_FILE_NAME = "index.html"
PAGE_WRITERS = 4  # threads writing pages while the pages are rendered
ALONGSIDE_FROM_PROJECTS = 200  # from this many projects the workbook is written in a process of its own
PROJECTS_FOLDER = "projects"
HTML_LANGUAGES = {"zh": "zh-CN", "en": "en"}


@cache
def _environment() -> Environment:
    """Autoescape on: names and details come from site files and must never become markup. One per
    process, so that each template is compiled once however many runs the process makes; templates are
    package files that do not change while it runs, so none is checked for changes on disk (that
    check cost a stat per page: about a tenth of writing 3,333 pages)."""
    environment = Environment(
        loader=PackageLoader("wagewatch.reports", "templates"),
        auto_reload=False,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["money"] = money
    environment.filters["or_dash"] = lambda value: MISSING if value is None or value == "" else value
    return environment


class Pages:
    """Renders the index and the project pages of one run, in one language."""

    def __init__(self, data: ReportData, labels: Labels, *, generated_at: datetime, out_dir: Path) -> None:
        self.data = data
        self.labels = labels
        self.environment = _environment()
        self.rows = TableRows(labels, data.as_of)
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
            "quality_name": QUALITY_FILE_NAME,
            "region_name": data.region_name,
            "rows": self.rows,
            **helpers(self.rows),
        }

    def index(self) -> str:
        template = self.environment.get_template("index.html.j2")
        return template.render(
            self.common,
            data=self.data,
            rule_codes=None,
            first_page=self.data.projects[:PAGE_SIZE],
            projects_json=index_json(self.data, self.labels),
            no_level=NO_LEVEL,
            complaints=complaint_rows(self.data.complaints, self.labels),
            project_pages={project.project_id: project.file_name for project in self.data.projects},
        )

    def quality(self) -> str:
        template = self.environment.get_template("quality.html.j2")
        return template.render(
            self.common, data=self.data, checks=quality_rows(self.data.checks, self.labels)
        )

    def project(self, project: Project) -> str:
        template = self.environment.get_template("project.html.j2")
        codes = {flag["rule"] for flag in project.flags} | {row["rule"] for row in project.resolved}
        return template.render(
            self.common,
            project=project,
            info=project.info,
            chart=expected_paid_chart(project.periods, self.labels),
            offset_note=offset_note(project, self.labels),
            rule_codes=codes,
        )


def write_report(
    warehouse: Path,
    out_dir: Path,
    *,
    as_of: date,
    generated_at: datetime,
    language: str = "zh",
    red_sheets: int = 50,
    configured: Configured | None = None,
) -> Path:
    """Write the run's pages and workbook for `warehouse` into `out_dir`; return the index page's path.
    The data is read in a few queries; each project page is rendered from it, none queries again. The
    workbook is written in a child process alongside the pages (the longest of the writers, on the
    other core); a failure in either fails the whole."""
    data = read_report_data(Path(warehouse), as_of, language)
    labels = load_labels(language, configured)
    out_dir = Path(out_dir)
    (out_dir / PROJECTS_FOLDER).mkdir(parents=True, exist_ok=True)
    book = out_dir / workbook_name(as_of)
    shown = workbook_data(data, language, red_sheets, configured)
    index = out_dir / REPORT_FILE_NAME
    # Creating a file costs more than a millisecond on some disks, as long as rendering a page: threads
    # write the pages while this one renders the next (writing waits on the disk, not on Python).
    with (
        (alongside if len(data.projects) >= ALONGSIDE_FROM_PROJECTS else after)(
            out_dir, write_workbook, shown, book, generated_at=generated_at
        ),
        ThreadPoolExecutor(PAGE_WRITERS, thread_name_prefix="page-writer") as writers,
    ):
        pages = Pages(data, labels, generated_at=generated_at, out_dir=out_dir)
        folder = out_dir / PROJECTS_FOLDER
        written = [
            writers.submit((folder / project.file_name).write_text, pages.project(project), encoding="utf-8")
            for project in data.projects
        ]
        written.append(
            writers.submit((out_dir / QUALITY_FILE_NAME).write_text, pages.quality(), encoding="utf-8")
        )
        written.append(writers.submit(index.write_text, pages.index(), encoding="utf-8"))
        for page in written:
            page.result()  # a page that could not be written fails the whole, as the workbook does
    return index
