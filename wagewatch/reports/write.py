"""One run's report folder, written from the new warehouse before it is published: the pages and
the workbook, the data-quality page of the run's checks and the data dictionary page."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from wagewatch.publish.files import temporary_sibling
from wagewatch.reports.labels import Configured
from wagewatch.reports.pages import write_report
from wagewatch.settings import Settings
from wagewatch.warehouse import dictionary


def write_reports(warehouse: Path, settings: Settings) -> Path:
    """Everything an inspector opens, into a new hidden folder beside this as-of date's; its path."""
    target = temporary_sibling(settings.reports_dir)
    target.mkdir(parents=True)
    report = settings.config.report
    dictionary.write_page(warehouse, target, report.language)
    write_report(
        warehouse,
        target,
        as_of=settings.as_of,
        generated_at=datetime.now(),
        language=report.language,
        red_sheets=report.workbook_red_sheets,
        configured=Configured.of(settings.config),
    )
    return target
