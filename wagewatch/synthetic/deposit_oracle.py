"""The deposit rules' truth (docs/contract.md section 3.3, "Wage deposits"), judged from the register
and the deposits file as they are written, in plain Python, without the pipeline: DEPOSIT_MISSING and
DEPOSIT_SHORT."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from wagewatch.synthetic.deposits import DepositRow
from wagewatch.synthetic.records import Flag, Project
from wagewatch.synthetic.thresholds import DEPOSIT_DUE_DAYS, DEPOSIT_EXEMPT_BELOW, cents, deposit_rate

DEPOSIT_MISSING, DEPOSIT_SHORT = "DEPOSIT_MISSING", "DEPOSIT_SHORT"
DEPOSIT_RULES = (DEPOSIT_MISSING, DEPOSIT_SHORT)  # project flags: no period, no worker


def _current(rows: list[DepositRow]) -> list[DepositRow]:
    """A later row of the same deposit (project, or contractor without one, form and day) replaces it."""
    latest: dict[tuple[str, str, str, str], DepositRow] = {}
    for row in rows:
        holder = row.credit_code.upper() if not row.project_id else ""
        latest[(row.project_id, holder, row.form, row.deposited_on)] = row
    return list(latest.values())


def _in_force(row: DepositRow, as_of: date) -> bool:
    released = date.fromisoformat(row.released_on) if row.released_on else None
    return date.fromisoformat(row.deposited_on) <= as_of and (released is None or released > as_of)


def judge_deposits(projects: list[Project], rows: list[DepositRow], as_of: date) -> list[Flag]:
    standing = [row for row in _current(rows) if _in_force(row, as_of)]
    flags: list[Flag] = []
    for project in projects:
        rate = deposit_rate(project.region_code)
        in_progress = project.start_date <= as_of and project.end_date > as_of
        contract = project.contract_amount
        if rate is None or not in_progress or (contract is not None and contract < DEPOSIT_EXEMPT_BELOW):
            continue
        required = cents(contract * rate) if contract is not None else None
        held = sum(
            (
                Decimal(row.amount)
                for row in standing
                if row.project_id == project.project_id
                or (not row.project_id and row.credit_code.upper() == project.credit_code.upper())
            ),
            Decimal(0),
        )
        enough = held > 0 and (required is None or held >= required)
        due = as_of > project.start_date + timedelta(days=DEPOSIT_DUE_DAYS)
        if enough or not due:
            continue
        flags.append((project.project_id, "", DEPOSIT_MISSING if held == 0 else DEPOSIT_SHORT, ""))
    return flags
