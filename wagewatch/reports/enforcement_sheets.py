"""The workbook's sheets of the enforcement tools (issue 14): each project's wage deposit and the age of
its arrears, one row per project in the index's order; and the blacklist candidates, under the words
that say they are candidates for an inspector's decision, never a list. In the report's language."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from wagewatch.reports.workbook import Column, _key

if TYPE_CHECKING:
    from wagewatch.reports.workbook import WorkbookWriter

DEPOSITS_SHEET, BLACKLIST_SHEET = "sheet_deposits", "sheet_blacklist"


def deposit_columns(writer: WorkbookWriter) -> list[Column]:
    labels, data = writer.labels, writer.data
    return [
        Column("project_id", _key("project_id")),
        Column("project_name", _key("project_name")),
        Column("contractor", _key("contractor_name")),
        Column("region", lambda row: data.region_name(row["region_code"])),
        Column("deposit", lambda row: labels.deposit_status.get(row["deposit_status"])),
        Column("contract_amount", _key("contract_amount"), "money"),
        Column("deposit_rate", lambda row: _percent(row["deposit_rate"])),
        Column("required_deposit", _key("required_amount"), "money"),
        Column("deposit_in_force", _key("in_force_amount"), "money"),
        Column("deposit_due", _key("deposit_due_date"), "date"),
        Column("owed_to_workers", _key("owed_amount"), "money"),
        Column("workers_owed", _key("workers_owed"), "int"),
        Column("oldest_due_date", _key("oldest_due_date"), "date"),
        Column("days_overdue", _key("days_overdue"), "int"),
        Column("stage", lambda row: labels.stage.get(row["stage"])),
    ]


def _percent(rate: str | None) -> str | None:
    """0.010000 as 1%: the rate's decimal text, in per cent, without trailing zeros."""
    if rate is None:
        return None
    return f"{(Decimal(rate) * 100).normalize():f}%"


def deposits_sheet(writer: WorkbookWriter) -> None:
    sheet = writer.sheet(writer.reserved[DEPOSITS_SHEET], bulk=True)
    sheet.table(deposit_columns(writer), writer.data.projects, freeze=True)
    sheet.finish()


def blacklist_columns() -> list[Column]:
    return [
        Column("contractor", _key("contractor_name")),
        Column("credit_code", _key("contractor_credit_code")),
        Column("owed_to_workers", _key("owed_amount"), "money"),
        Column("workers_owed", _key("workers_owed"), "int"),
        Column("oldest_due_date", _key("oldest_due_date"), "date"),
        Column("days_overdue", _key("days_overdue"), "int"),
        Column("candidate_since", _key("candidate_since_date"), "date"),
        Column("term_end", _key("term_end_date"), "date"),
        Column("paid_in_full_date", _key("paid_in_full_date"), "date"),
        Column("early_removal", _key("early_removal_date"), "date"),
        Column("blacklist_projects", _key("projects"), "wrap"),
        Column("open_flags", _key("open_flags"), "int"),
        Column("new_projects", _key("new_projects"), "wrap"),
    ]


def blacklist_sheet(writer: WorkbookWriter) -> None:
    sheet = writer.sheet(writer.reserved[BLACKLIST_SHEET], bulk=True)
    sheet.title(writer.labels.text["blacklist_heading"])
    sheet.line(writer.labels.text["blacklist_note"])
    sheet.row += 1
    sheet.table(blacklist_columns(), writer.data.blacklist, freeze=True)
    sheet.finish()
