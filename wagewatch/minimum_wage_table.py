"""The shape of `[minimum_wage]` (docs/contract.md section 6.5), checked for settings.py: each key is a
region-code prefix holding an amount, in force throughout, or a notice's effective date (YYYY-MM-DD)
holding that notice's table {region prefix: amount}; and the standards it lists, flat."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from wagewatch.config_values import number, region_prefix

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PREFIX = re.compile(r"\d{2,6}")


def key(value: str) -> str:
    """A region prefix (an amount in force throughout) or an effective date (a notice's table)."""
    if _DATE.fullmatch(value):
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError("is not a real date") from None
        return value
    if not _PREFIX.fullmatch(value):
        raise ValueError(
            "is not a region-code prefix (2 to 6 digits of GB/T 2260) nor an effective date (YYYY-MM-DD)"
        )
    return value


def _amount(value: Any) -> Decimal:
    amount = number(value)  # the configuration's one reading of a number
    if amount <= 0:
        raise ValueError("should be greater than 0")
    return amount


def value(table_or_amount: Any) -> Decimal | dict[str, Decimal]:
    """An amount, or a notice's table {region prefix: amount}; a wrong entry inside is named."""
    if not isinstance(table_or_amount, dict):
        return _amount(table_or_amount)
    table = {}
    for prefix, amount in table_or_amount.items():
        try:
            table[region_prefix(prefix)] = _amount(amount)
        except ValueError as error:
            raise ValueError(f"'{prefix}' {error}") from None
    return table


def check_shape(table: dict[str, Any]) -> dict[str, Any]:
    """A prefix holds an amount and a date a table, never the other way round."""
    for name, entry in table.items():
        if isinstance(entry, dict) != bool(_DATE.fullmatch(name)):
            what = "a table" if isinstance(entry, dict) else "an amount"
            raise ValueError(f"'{name}' holds {what}: a region prefix takes an amount, a date a table")
    return table


def standards(table: dict[str, Any]) -> list[tuple[str, date | None, Decimal]]:
    """Every (region prefix, effective date or None: in force throughout, monthly amount)."""
    return [
        (prefix, date.fromisoformat(name), amount) if isinstance(entry, dict) else (name, None, entry)
        for name, entry in table.items()
        for prefix, amount in (entry.items() if isinstance(entry, dict) else [(name, entry)])
    ]
