"""The oracle of the four wage-account rules (docs/contract.md section 3.3), judged from the statement
files exactly as they are written, in plain Python, like oracle.py and under the same independence
(tests/synthetic/test_independence.py): LABOR_COST_NOT_FUNDED, WAGE_ACCOUNT_SHORT,
FUNDING_REPEATEDLY_MISSED and WAGE_ACCOUNT_MISUSE (a lump debit that is exactly a day's or one bank
file's payroll from the account, on the same day, is wages paid)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache

from wagewatch.synthetic.oracle import Payment, expected_amount, is_expected, is_judged
from wagewatch.synthetic.periods import due_date, first_day, on_roster, shift
from wagewatch.synthetic.records import Attendance, Flag, Project
from wagewatch.synthetic.statement_files import TOTAL, StatementFile
from wagewatch.synthetic.thresholds import (
    BANK_FEE_MAX_AMOUNT,
    FUNDING_DAYS_BEFORE_PAY_DAY,
    FUNDING_MISSED_CONSECUTIVE,
    FUNDING_MISSED_IN_WINDOW,
    FUNDING_WINDOW_MONTHS,
    ZERO,
)

NOT_FUNDED, SHORT = "LABOR_COST_NOT_FUNDED", "WAGE_ACCOUNT_SHORT"
REPEATEDLY_MISSED, MISUSE = "FUNDING_REPEATEDLY_MISSED", "WAGE_ACCOUNT_MISUSE"
STATEMENT_RULES = (NOT_FUNDED, SHORT, REPEATEDLY_MISSED, MISUSE)
FEE_WORDS = ("手续费", "工本费", "短信费", "年费", "账户管理费", "汇划费", "邮电费", "服务费")
DATE_FORMATS = ("%Y-%m-%d", "%Y%m%d")
NO_WORKER = ""


@dataclass(frozen=True)
class _Row:
    day: date
    credit: Decimal
    debit: Decimal
    balance: Decimal
    counterparty: str
    memo: str


def _money(text: str) -> Decimal:
    return Decimal(text.replace(",", "")) if text else ZERO


@cache  # a statement holds few distinct dates; strptime is slow
def _day(text: str) -> date:
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"statement date {text!r} in no known format")


def _rows(files: list[StatementFile]) -> dict[str, list[_Row]]:
    """Every data row of every statement, by account, in the order written (files in name order)."""
    by_account: dict[str, list[_Row]] = {}
    for statement in sorted(files, key=lambda f: f.name):
        header, *rows = statement.table
        names = [dict(statement.layout.columns)[cell] for cell in header]
        for cells in rows:
            if cells[0] == TOTAL:
                continue
            row = dict(zip(names, cells, strict=True))
            amount = _money(row.get("amount", ""))
            credit = _money(row.get("credit_amount", "")) or (
                amount if row.get("direction") == "收" else ZERO
            )
            debit = _money(row.get("debit_amount", "")) or (amount if row.get("direction") == "支" else ZERO)
            parsed = _Row(
                _day(row["booked_at"]),
                credit,
                debit,
                _money(row["balance_amount"]),
                row["counterparty_account"],
                row["memo"],
            )
            by_account.setdefault(row["account"], []).append(parsed)
    return by_account


@dataclass
class _Statement:
    """One project's account as its statements show it: the days covered and each day's closing balance."""

    rows: list[_Row]

    @property
    def first(self) -> date:
        return min(row.day for row in self.rows)

    @property
    def last(self) -> date:
        return max(row.day for row in self.rows)

    def balance_at_end_of(self, day: date) -> Decimal:
        on_or_before = [row for row in self.rows if row.day <= day]
        return max(enumerate(on_or_before), key=lambda item: (item[1].day, item[0]))[1].balance


def _owed(project: Project, period: str, attendance: Attendance) -> list[tuple[str, Decimal | None]]:
    """(id_number, expected) of every worker expected to be paid in P."""
    days = attendance.get((project.project_id, period))
    owed = []
    for worker in project.workers:
        if on_roster(worker, period):
            amount = expected_amount(worker, period, None if days is None else days.get(worker.id_number, 0))
            if is_expected(amount):
                owed.append((worker.id_number, amount))
    return owed


def _is_fee(row: _Row) -> bool:
    return any(word in row.memo for word in FEE_WORDS) and row.debit <= BANK_FEE_MAX_AMOUNT


@dataclass(frozen=True)
class _Batches:
    """A project's counted transfers from its wage account, by day: what a lump debit may be."""

    totals: frozenset[tuple[date, Decimal]]  # (day, total) of each day, and of each bank file that day
    payees: frozenset[tuple[date, str]]  # (day, payee account) of each transfer


def _batches(project: Project, payments) -> _Batches:
    """From the project's own counted payments."""
    by_day: dict[date, Decimal] = {}
    by_file: dict[tuple[date, str], Decimal] = {}
    payees = set()
    for payment in payments:
        if payment.payer_account != project.wage_account:
            continue
        by_day[payment.paid_at] = by_day.get(payment.paid_at, ZERO) + payment.amount
        key = (payment.paid_at, payment.file)
        by_file[key] = by_file.get(key, ZERO) + payment.amount
        payees.add((payment.paid_at, payment.payee_account))
    totals = {*by_day.items(), *((day, total) for (day, _), total in by_file.items())}
    return _Batches(frozenset(totals), frozenset(payees))


def _is_batch(row: _Row, batches: _Batches) -> bool:
    """A lump debit of a payroll run: exactly a total of the day's, to no payee of that day."""
    return (row.day, row.debit) in batches.totals and (row.day, row.counterparty) not in batches.payees


def _repeatedly(project_id: str, judged: list[tuple[str, bool]]) -> list[Flag]:
    """Within the months ending with the latest period judged: so many missed in a row, or in all."""
    if not judged:
        return []
    latest = judged[-1][0]
    recent = [(p, missed) for p, missed in judged if p > shift(latest, -FUNDING_WINDOW_MONTHS)]
    longest = run = 0
    for _, missed in recent:
        run = run + 1 if missed else 0
        longest = max(longest, run)
    missed = [p for p, was_missed in recent if was_missed]
    if longest >= FUNDING_MISSED_CONSECUTIVE or len(missed) >= FUNDING_MISSED_IN_WINDOW:
        return [(project_id, missed[-1], REPEATEDLY_MISSED, NO_WORKER)]
    return []


def _judge_account(
    project: Project, statement: _Statement, periods, attendance, paid, batches: _Batches, as_of
) -> list[Flag]:
    cards = {worker.bank_account for worker in project.workers}
    flags: list[Flag] = []
    funding: list[tuple[str, bool]] = []  # (period, missed) of each period judged for funding
    for period in periods:
        owed = _owed(project, period, attendance)
        if not is_judged(period, project.pay_day, as_of) or not owed:
            continue
        due = due_date(period, project.pay_day)
        start = first_day(shift(period, 1))
        end = max(start, due - timedelta(days=FUNDING_DAYS_BEFORE_PAY_DAY))
        if statement.first <= start and statement.last >= end:
            funded = any(
                start <= row.day <= end and row.credit > ZERO and row.counterparty not in cards
                for row in statement.rows
            )
            funding.append((period, not funded))
            if not funded:
                flags.append((project.project_id, period, NOT_FUNDED, NO_WORKER))
        to_pay = sum(
            (max(amount - paid.get((period, id_number), ZERO), ZERO) for id_number, amount in owed if amount),
            ZERO,
        )
        day_before = due - timedelta(days=1)
        covered = statement.first <= day_before <= statement.last
        if to_pay > ZERO and covered and statement.balance_at_end_of(day_before) < to_pay:
            flags.append((project.project_id, period, SHORT, NO_WORKER))
    flags += _repeatedly(project.project_id, funding)
    for row in statement.rows:
        period = shift(f"{row.day.year}-{row.day.month:02d}", -1)
        misused = (
            row.debit > ZERO
            and row.counterparty not in cards
            and not _is_fee(row)
            and not _is_batch(row, batches)
        )
        if misused and row.day <= as_of and is_judged(period, project.pay_day, as_of):
            flags.append((project.project_id, period, MISUSE, NO_WORKER))
    return flags


def judge_statements(
    projects: list[Project],
    attendance: Attendance,
    payments: list[Payment],
    statements: list[StatementFile],
    periods: list[str],
    as_of: date,
) -> list[Flag]:
    """The statement rules' flags, for every project whose wage account has statements; `payments`: the
    bank files' counted payments (oracle.counted_payments)."""
    rows = _rows(statements)
    paid_before_due: dict[str, dict[tuple[str, str], Decimal]] = {}
    by_id = {project.project_id: project for project in projects}
    by_project: dict[str, list] = {}  # project_id -> its counted payments
    for payment in payments:
        by_project.setdefault(payment.project_id, []).append(payment)
        if payment.worker and payment.paid_at < due_date(payment.period, by_id[payment.project_id].pay_day):
            paid = paid_before_due.setdefault(payment.project_id, {})
            key = (payment.period, payment.worker)
            paid[key] = paid.get(key, ZERO) + payment.amount
    flags: list[Flag] = []
    for project in projects:
        if project.wage_account in rows:
            statement = _Statement(rows[project.wage_account])
            paid = paid_before_due.get(project.project_id, {})
            batches = _batches(project, by_project.get(project.project_id, []))
            flags += _judge_account(project, statement, periods, attendance, paid, batches, as_of)
    return flags
