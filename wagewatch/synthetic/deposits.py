"""The wage deposits (工资保证金): every project's contract amount in the register, and a deposits file
that plants DEPOSIT_MISSING and DEPOSIT_SHORT beside their near misses, one case per project in turn
(by project number, so the five projects of the bundled sample show the first five).

A contractor keeps one credit code for all its projects here (the register names a contractor by it),
so that a contractor's deposit, written without a project, covers each of its projects. The draws come
from a random source of their own, seeded from the inbox's seed: the other files' bytes do not move.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from wagewatch.synthetic.records import Project
from wagewatch.synthetic.thresholds import DEPOSIT_DUE_DAYS, DEPOSIT_EXEMPT_BELOW, cents, deposit_rate

HEADER = ("项目编号", "统一社会信用代码", "保证金金额", "缴存日期", "退还日期", "存储形式")
FEN = Decimal("0.01")
CONTRACT_FEN = (5_000_000_00, 80_000_000_00)  # an ordinary contract, in fen: well above the exemption
CASES = (
    "exact",  # its own deposit exactly at the rate: a near miss of DEPOSIT_SHORT
    "short",  # its own deposit a fen below the rate: DEPOSIT_SHORT
    "missing",  # no deposit: DEPOSIT_MISSING
    "exempt",  # a contract a fen below the exemption and no deposit: a near miss of DEPOSIT_MISSING
    "released",  # a deposit released on the as-of date: no longer in force, DEPOSIT_MISSING
    "contractor",  # its contractor's guarantee, written without a project, covers it
    "at_exemption",  # a contract exactly at the exemption and no deposit: DEPOSIT_MISSING
    "released_later",  # an insurance released the day after the as-of date: still in force
    "no_contract_amount",  # no contract amount: any deposit in force is enough, none short
    "resent",  # a deposit sent, then sent again with the day it was released: DEPOSIT_MISSING
)


@dataclass(frozen=True)
class DepositRow:
    """One row of the deposits file, as its cells are written."""

    project_id: str  # "": a contractor's deposit
    credit_code: str
    amount: str
    deposited_on: str
    released_on: str
    form: str

    @property
    def cells(self) -> tuple[str, ...]:
        return (
            self.project_id,
            self.credit_code,
            self.amount,
            self.deposited_on,
            self.released_on,
            self.form,
        )


def share_credit_codes(projects: list[Project]) -> None:
    """A contractor's projects all give the credit code of its first project."""
    codes: dict[str, str] = {}
    for project in projects:
        project.credit_code = codes.setdefault(project.contractor, project.credit_code)


def plant_deposits(seed: int, projects: list[Project], as_of: date) -> list[DepositRow]:
    """Each project's contract amount, and the deposits file's rows, in project order."""
    rng = random.Random(f"deposits:{seed}")
    rows: list[DepositRow] = []
    for project in projects:
        case = CASES[(project.number - 1) % len(CASES)]
        project.contract_amount = _contract_amount(rng, case)
        rate = deposit_rate(project.region_code) or Decimal(0)
        required = cents(project.contract_amount * rate) if project.contract_amount else Decimal(0)
        on = (project.start_date + timedelta(days=rng.randint(0, DEPOSIT_DUE_DAYS))).isoformat()
        own = DepositRow(project.project_id, "", f"{required:.2f}", on, "", "现金")
        if case == "exact":
            rows.append(own)
        elif case == "short":
            rows.append(DepositRow(project.project_id, "", f"{required - FEN:.2f}", on, "", "现金"))
        elif case == "released":
            rows.append(DepositRow(project.project_id, "", f"{required:.2f}", on, as_of.isoformat(), "现金"))
        elif case == "contractor":
            rows.append(DepositRow("", project.credit_code, f"{required:.2f}", on, "", "银行保函"))
        elif case == "released_later":
            later = (as_of + timedelta(days=1)).isoformat()
            rows.append(DepositRow(project.project_id, "", f"{required:.2f}", on, later, "保证保险"))
        elif case == "no_contract_amount":
            rows.append(DepositRow(project.project_id, "", "100000.00", on, "", "现金"))
        elif case == "resent":
            released = (as_of - timedelta(days=rng.randint(1, 20))).isoformat()
            rows += [own, DepositRow(project.project_id, "", own.amount, on, released, "现金")]
    return rows


def _contract_amount(rng: random.Random, case: str) -> Decimal | None:
    if case == "exempt":
        return DEPOSIT_EXEMPT_BELOW - FEN
    if case == "at_exemption":
        return DEPOSIT_EXEMPT_BELOW
    if case == "no_contract_amount":
        return None
    return Decimal(rng.randint(*CONTRACT_FEN)) * FEN


def write_deposits(folder: Path, rows: list[DepositRow]) -> None:
    with (folder / "deposits.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([HEADER, *(row.cells for row in rows)])
