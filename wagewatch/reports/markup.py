"""The small pieces of markup the Jinja templates call (badges, a rule's name with its code), as Python
functions over the words TableRows writes once per run, and the money format every page and table
shares. The big tables' rows are written in wagewatch.reports.table_rows."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:
    from wagewatch.reports.table_rows import TableRows

MISSING = "—"


def money(value: Decimal | None) -> str:
    """Thousands separators and two decimals, formatted from the Decimal itself (never a float)."""
    return MISSING if value is None else f"{value:,.2f}"


def helpers(rows: TableRows) -> dict[str, Callable[[str], Markup]]:
    """The functions the templates call, in the rows' language."""
    return {
        "level_badge": lambda level: Markup(rows.level_badge(level)),
        "severity_badge": lambda severity: Markup(rows.severity_badge(severity)),
        "rule_cell": lambda code: Markup(rows.rule_cell(code)),
    }
