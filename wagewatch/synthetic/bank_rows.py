"""The bank rows of one period's payroll: a project's payday and the book that files each transfer as on
time or late, with the draws that shape a row (ID left out, amount grouped, failure reason)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from wagewatch.synthetic.records import SUCCESS, BankRow, Person, Project, Worker
from wagewatch.synthetic.thresholds import cents

ID_OMIT_SHARE = 0.08  # rows without payee ID: matched by account
GROUPED_AMOUNT_SHARE = 0.15  # amounts written as 5,230.50
PARTIAL_PER_MILLE = (600, 950)  # a partial payment is 60-95 % of what is due
PER_MILLE = 1000
AFTER_AS_OF_DAYS = (1, 20)
FAILURE_REASONS = ("收款行系统繁忙", "账户状态异常", "超过单日限额", "账户已冻结")


@dataclass
class Payday:
    """One project's payroll for one period: when it is due and when its batch ran."""

    project: Project
    period: str
    due: date
    batch: date


class Payroll:
    """Collects bank rows: those due in time go to the period's file, later ones to its late file."""

    def __init__(self, rng: random.Random, as_of: date) -> None:
        self.rng = rng
        self.as_of = as_of
        self.on_time: list[BankRow] = []
        self.late: list[BankRow] = []

    def row(
        self,
        day: Payday,
        payee: Worker | Person,
        amount: Decimal,
        paid_at: date,
        status: str = SUCCESS,
        reason: str | None = None,
        hide_id: bool | None = None,
    ) -> BankRow:
        """A transfer; the payee's ID is left out now and then unless the caller decides."""
        if reason is None:
            reason = "" if status == SUCCESS else self.rng.choice(FAILURE_REASONS)
        row = BankRow(
            day.project,
            payee,
            amount,
            paid_at,
            day.period,
            status,
            reason,
            hide_id=self.rng.random() < ID_OMIT_SHARE if hide_id is None else hide_id,
            grouped=self.rng.random() < GROUPED_AMOUNT_SHARE,
        )
        (self.late if paid_at > day.due else self.on_time).append(row)
        return row

    def late_day(self, day: Payday) -> date:
        return day.due + timedelta(days=self.rng.randint(1, (self.as_of - day.due).days))

    def after_as_of(self) -> date:
        return self.as_of + timedelta(days=self.rng.randint(*AFTER_AS_OF_DAYS))

    def share(self, amount: Decimal) -> Decimal:
        return cents(amount * self.rng.randint(*PARTIAL_PER_MILLE) / PER_MILLE)
