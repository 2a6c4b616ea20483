"""Sentences that explain the money figures where they seem to disagree (docs/contract.md section
4.1): a project with a month overpaid and a month short shows, in a sentence, why what its
workers are owed now is not the months' shortfalls added up."""

from __future__ import annotations

from decimal import Decimal

from wagewatch.reports.data import ZERO, Project
from wagewatch.reports.labels import Labels
from wagewatch.reports.markup import money
from wagewatch.vocabulary import UNJUDGED

MONTH_SEPARATOR = {"zh": "、", "en": ", "}


def _month(period: str, language: str) -> str:
    year, month = period.split("-")
    return f"{year}年{int(month)}月" if language == "zh" else period


def months_text(periods: list[str], language: str) -> str:
    return MONTH_SEPARATOR[language].join(_month(period, language) for period in periods)


def _total(rows: list[dict], column: str) -> Decimal:
    return sum((row[column] for row in rows), ZERO)


def offset_note(project: Project, labels: Labels) -> str | None:
    """The sentence, when a judged month of the project was overpaid and a judged month short (the
    same month too, between two workers); None otherwise."""
    judged = [row for row in project.periods if row["level"] not in UNJUDGED]
    overpaid = [row for row in judged if row["overpaid_amount"] > 0]
    short = [row for row in judged if row["shortfall_amount"] > 0]
    if not overpaid or not short:
        return None
    return labels.text["offset_note"].format(
        overpaid=money(_total(overpaid, "overpaid_amount")),
        overpaid_months=months_text([row["period"] for row in overpaid], labels.language),
        shortfall=money(_total(short, "shortfall_amount")),
        short_months=months_text([row["period"] for row in short], labels.language),
        owed=money(project.info["owed_amount"]),
    )
