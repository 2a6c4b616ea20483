"""The run's headline figures as rows of a table, for the Prefect table artifact an operator reads:
projects by their worst month, what workers are owed, open flags by severity, new and resolved."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from wagewatch.reports.data import rows
from wagewatch.vocabulary import LEVELS
from wagewatch.warehouse import db

FIGURES = {
    "owed_amount": "owed to workers now (yuan)",
    "shortfall_amount": "shortfalls of judged months, added up (yuan)",
    "red_flags": "open flags: red",
    "amber_flags": "open flags: amber",
    "new_flags": "flags new as of the run",
    "resolved_flags": "flags resolved as of the run",
    "rows_quarantined": "rows quarantined",
}


def _shown(value: int | Decimal) -> str:
    return f"{value:,.2f}" if isinstance(value, Decimal) else str(value)


def headline_table(warehouse: Path, as_of: date) -> list[dict[str, str]]:
    """[{figure, value}], read from the published warehouse."""
    with db.connect(warehouse, read_only=True) as connection:
        projects = {row["level"]: row["projects"] for row in rows(connection, "project_levels")}
        figures = rows(connection, "headline_figures", {"as_of": as_of})[0]
    table = [{"figure": f"projects {level}", "value": str(projects.get(level, 0))} for level in LEVELS]
    table += [{"figure": label, "value": _shown(figures[name])} for name, label in FIGURES.items()]
    return table
