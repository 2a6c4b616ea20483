"""One run's report folder, written from the new warehouse before it is published: the pages and
the workbook, the data dictionary page and the Data Docs of the run's checks."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from wagewatch.publish.files import temporary_sibling
from wagewatch.quality.gate import Gate
from wagewatch.reports.pages import write_report
from wagewatch.settings import Settings
from wagewatch.warehouse import dictionary


def write_reports(warehouse: Path, settings: Settings, gate: Gate) -> Path:
    """Everything an inspector opens, into a new hidden folder beside this as-of date's; its path."""
    target = temporary_sibling(settings.reports_dir)
    target.mkdir(parents=True)
    gate.build_docs(target)
    dictionary.write_page(warehouse, target)
    write_report(
        warehouse,
        target,
        as_of=settings.as_of,
        generated_at=datetime.now(),
        language=settings.config.report.language,
    )
    return target
