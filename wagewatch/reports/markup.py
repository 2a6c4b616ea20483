"""The small pieces of markup every page repeats (badges, a rule's name with its code, days late, an
evidence row), as Python functions the templates call: at 4,000 projects they are drawn hundreds of
thousands of times, and a Jinja macro call costs ten times a function's. Text is escaped here, as
the templates' autoescape would."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from markupsafe import Markup, escape

from wagewatch.reports.labels import Labels

MISSING = "—"


def money(value: Decimal | None) -> str:
    """Thousands separators and two decimals, formatted from the Decimal itself (never a float)."""
    return MISSING if value is None else f"{value:,.2f}"


def _badge(kind: str, words: dict[str, str]) -> Callable[[str], Markup]:
    made = {
        key: Markup(f'<span class="badge {kind}-{escape(key)}">{escape(word)}</span>')
        for key, word in words.items()
    }

    def badge(key: str) -> Markup:
        return made.get(key) or Markup(f'<span class="badge {kind}-{escape(key)}">{escape(key)}</span>')

    return badge


def _evidence_parts(labels: Labels) -> list[tuple[str, Callable[[Any, dict], str]]]:
    """What an evidence row shows, in order: the column it needs, and how it is written when given."""
    t = labels.text
    return [
        ("kind", lambda v, r: labels.evidence_kind.get(v, v)),
        ("source_file", lambda v, r: v),
        ("row_number", lambda v, r: t["row"].format(n=v)),
        ("bank_ref", lambda v, r: f"{t['bank_ref']} {v}"),
        ("person", lambda v, r: v),
        ("id_number_masked", lambda v, r: v),
        ("account_last4", lambda v, r: f"{t['card']} {v}"),
        ("payer_account_last4", lambda v, r: f"{t['payer']} {v}"),
        ("period", lambda v, r: v),
        ("amount", lambda v, r: f"¥{money(v)}"),
        ("paid_date", lambda v, r: str(v)),
        ("status", lambda v, r: v),
        ("days_worked", lambda v, r: f"{t['days_worked']} {v}"),
        (
            "wage_rate_amount",
            lambda v, r: f"{t['wage']} {labels.wage_type.get(r['wage_type'], r['wage_type'])} ¥{money(v)}",
        ),
        ("entry_date", lambda v, r: f"{t['entered']} {v}"),
        ("exit_date", lambda v, r: f"{t['left']} {v}"),
    ]


def _evidence(labels: Labels) -> Callable[[dict], Markup]:
    parts = _evidence_parts(labels)
    separator = Markup(" · ")

    def item(row: dict[str, Any]) -> Markup:
        return separator.join(
            escape(write(row[key], row)) for key, write in parts if row[key] not in (None, "")
        )

    return item


def helpers(labels: Labels) -> dict[str, Callable]:
    """The functions the templates call, in the labels' language."""
    t = labels.text
    level_badge = _badge("level", labels.level)
    severity_badge = _badge("level", labels.severity)

    def rule_cell(code: str) -> Markup:
        return Markup(f"{escape(labels.rule_name(code))}<br><code>{escape(code)}</code>")

    def days_late(flag: dict[str, Any]) -> Markup:
        if flag["days_late"] is None:
            return Markup(MISSING)
        paid = flag["paid_in_full_on"]
        when = f"{t['paid_in_full_on']} {paid}" if paid else t["still_unpaid"]
        return Markup(f"{flag['days_late']} <br><small>{escape(when)}</small>")

    return {
        "level_badge": level_badge,
        "severity_badge": severity_badge,
        "rule_cell": rule_cell,
        "days_late": days_late,
        "evidence_item": _evidence(labels),
    }
