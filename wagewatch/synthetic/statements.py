"""Wage account statements (专户流水): for every project but each fifth, its dedicated account's
movements month by month as its bank exports them, with plants of the four statement rules beside
their near misses.

The account opens with a balance; the construction unit funds each period's labour costs in the
period's funding window (from the first of P+1 to its due date); the payroll the bank files report
from the wage account is debited on its dates; the bank charges small fees. Funding is sized so the
balance at the end of the day before the due date is what is still to be paid plus a buffer, so that
WAGE_ACCOUNT_SHORT bites only where planted. The plants, by a project's place among those sending
statements (a role), each only where the window has the months for it:
  repeated  two periods in a row unfunded (no credit; a credit the day after the window)
  apart     unfunded, funded on the window's last day (near miss), unfunded again: not repeated
  tight     the balance a little below what is still to be paid the day before the due date, and in
            another period exactly that (near miss)
  thrice    three unfunded periods, never two in a row (five months or more)
and on every account a supplier paid from the wage account (misuse), a fee at the bound and a refund
bounced back from a worker's card (near misses). Half the banks book payroll as a batch (代发工资): one
debit to their clearing account per payroll day, or per bank file and day, for its transfers' total;
on one in three of those the first day's lump is a fen above that total (misuse). A period left
unfunded is paid for from an earlier credit (funded ahead), so no balance goes below zero.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from wagewatch.synthetic.oracle import Payment, expected_amount, is_judged
from wagewatch.synthetic.periods import due_date, first_day, on_roster, shift
from wagewatch.synthetic.records import Attendance, Project
from wagewatch.synthetic.statement_files import Movement, StatementFile, monthly_files
from wagewatch.synthetic.thresholds import BANK_FEE_MAX_AMOUNT, FUNDING_DAYS_BEFORE_PAY_DAY, ZERO, cents

STATEMENTLESS_EVERY = 5  # every fifth project sends no statement: "no statements received"
ROLES = ("repeated", "apart", "tight", "thrice")
UNFUNDED = frozenset({"plain", "after_window", "refund_only", "last_day"})  # paid from an earlier credit
FUNDER_NAME = "建设单位"  # the project's construction unit (the owner), who funds labour costs
SUPPLIER = ("3301000000000000777", "某某建材有限公司")
BUFFER_SHARE = (0.1, 0.3)  # a period's funding beyond what is still to be paid, as a share of its payroll
BUFFER_FLOOR = Decimal(1000)
SMS_FEE = Decimal("2.00")
CLEARING = ("3600000000000000999", "代发工资过渡户")  # the bank's own payroll clearing account
LUMPS = ("", "near_miss", "", "file", "", "day")  # how a project's bank books its payroll, by its place
LUMP_NEAR_MISS = Decimal("0.01")  # a lump a fen above its batch: misuse


def window(period: str, pay_day: int) -> tuple[date, date]:
    """P's funding window: the first of P+1 to the due date less funding_days_before_pay_day."""
    start = first_day(shift(period, 1))
    return start, max(start, due_date(period, pay_day) - timedelta(days=FUNDING_DAYS_BEFORE_PAY_DAY))


@dataclass
class _Account:
    """One project's wage account: the movements planned so far, and the figures funding is sized on."""

    project: Project
    opening: Decimal = ZERO
    movements: list[Movement] = field(default_factory=list)
    labour: dict[str, Decimal] = field(default_factory=dict)  # period -> what the payroll debits for it
    to_pay: dict[str, Decimal] = field(default_factory=dict)  # period -> still to pay the day before due
    first_paid: dict[str, date] = field(default_factory=dict)  # period -> its first payroll debit

    def balance_after(self, day: date) -> Decimal:
        """The balance at the end of a day, from the movements planned so far."""
        moved = sum((m.credit - m.debit for m in self.movements if m.day <= day), ZERO)
        return self.opening + moved

    def net_between(self, start: date, end: date) -> Decimal:
        return sum((m.credit - m.debit for m in self.movements if start <= m.day <= end), ZERO)


def _payroll(account: _Account, payments, end: date, lump: str = "") -> None:
    """The payroll the bank files report from the wage account (of the project's counted payments),
    debited to each payee's account, or (`lump`) booked as one debit to the bank's clearing account
    per day ("day") or per bank file and day ("file"); "near_miss" books by day, the first day's lump a
    fen above the day's total."""
    project = account.project
    names = {worker.id_number: worker.name for worker in project.workers}
    lumps: dict[tuple[date, str], Decimal] = {}
    for payment in payments:
        if payment.payer_account != project.wage_account:
            continue
        account.labour[payment.period] = account.labour.get(payment.period, ZERO) + payment.amount
        first = account.first_paid.get(payment.period, payment.paid_at)
        account.first_paid[payment.period] = min(first, payment.paid_at)
        if payment.paid_at > end:
            continue
        if lump:
            key = (payment.paid_at, payment.file if lump == "file" else "")
            lumps[key] = lumps.get(key, ZERO) + payment.amount
        else:
            name = names.get(payment.worker or "", "")
            account.movements.append(
                Movement(payment.paid_at, debit=payment.amount, account=payment.payee_account, name=name)
            )
    for number, ((day, _), total) in enumerate(sorted(lumps.items())):
        off = LUMP_NEAR_MISS if lump == "near_miss" and number == 0 else ZERO
        account.movements.append(Movement(day, debit=total + off, account=CLEARING[0], name=CLEARING[1]))


def _still_to_pay(account: _Account, payments, periods: list[str], attendance: Attendance) -> None:
    """Per period: each worker's known expected amount less what was paid them (of the project's
    counted payments) before the due date."""
    project = account.project
    for period in periods:
        due = due_date(period, project.pay_day)
        paid: dict[str, Decimal] = {}
        for p in payments:
            if p.period == period and p.worker and p.paid_at < due:
                paid[p.worker] = paid.get(p.worker, ZERO) + p.amount
        days = attendance.get((project.project_id, period))
        total = ZERO
        for worker in project.workers:
            if not on_roster(worker, period):
                continue
            expected = expected_amount(
                worker, period, None if days is None else days.get(worker.id_number, 0)
            )
            if expected is not None and expected > ZERO:
                total += max(expected - paid.get(worker.id_number, ZERO), ZERO)
        account.to_pay[period] = total


def _plan(role: str, account: _Account, periods: list[str]) -> dict[str, str]:
    """Which period gets which plant; the others are funded as usual."""
    if role == "repeated":
        return dict(zip(periods, ("plain", "after_window"), strict=False))
    if role == "apart":
        return dict(zip(periods, ("refund_only", "last_day", "plain"), strict=False))
    if role == "thrice" and len(periods) >= 5:
        return {periods[0]: "plain", periods[2]: "refund_only", periods[4]: "plain"}
    if role == "tight":
        owing = [period for period in periods if account.to_pay[period] > ZERO]
        return dict(zip(owing, ("short", "equal"), strict=False))
    return {}


def _funded_ahead(plan: dict[str, str], periods: list[str], start: int, buffers: dict, account) -> Decimal:
    """What the periods left unfunded right after position `start` will need, paid in ahead."""
    ahead = ZERO
    for period in periods[start + 1 :]:
        if plan.get(period) not in UNFUNDED:
            break
        ahead += account.labour.get(period, ZERO) + buffers[period]
    return ahead


def _fund(rng: random.Random, account: _Account, periods: list[str], plan: dict[str, str]) -> None:
    """Each period's funding credit, sized on the balance the day before its due date."""
    project = account.project
    funder = f"1502{project.wage_account[4:]}"
    buffers = {
        p: cents(account.labour.get(p, ZERO) * Decimal(str(rng.uniform(*BUFFER_SHARE)))) + BUFFER_FLOOR
        for p in periods
    }
    account.opening = _funded_ahead(plan, periods, -1, buffers, account) + rng.randint(0, 2000)
    for index, period in enumerate(periods):
        start, end = window(period, project.pay_day)
        due = due_date(period, project.pay_day)
        kind = plan.get(period, "normal")
        credit = {"account": funder, "name": f"{project.name}{FUNDER_NAME}", "memo": "人工费拨付"}
        if kind in UNFUNDED:
            _unfunded(rng, account, kind, period, start, end, credit)
            continue
        ahead = _funded_ahead(plan, periods, index, buffers, account)
        target = {
            "short": account.to_pay[period]
            - cents(account.to_pay[period] * Decimal("0.2"))
            - Decimal("0.01"),
            "equal": account.to_pay[period],
        }.get(kind, account.to_pay[period] + buffers[period] + ahead)
        latest = max(start, min(end, account.first_paid.get(period, end)))  # before the payroll runs
        day = start + timedelta(days=rng.randint(0, (latest - start).days))
        amount = (
            target
            - account.balance_after(day - timedelta(days=1))
            - account.net_between(day, due - timedelta(1))
        )
        if amount <= ZERO:  # the account holds more than the target already: fund the buffer anyway
            kind, amount = "normal", buffers[period]
        account.movements.append(Movement(day, credit=amount, is_funding=True, **credit))
        if kind in ("short", "equal"):  # topped up on the due date, so the payroll can still be paid
            top_up = account.to_pay[period] + buffers[period]
            account.movements.append(
                Movement(due, credit=top_up, is_funding=True, **{**credit, "memo": "人工费补拨"})
            )


def _unfunded(
    rng: random.Random, account: _Account, kind: str, period: str, start: date, end: date, credit
) -> None:
    """No funding credit in the window: nothing, a credit a day too late, on the last day (a near miss),
    or only money bounced back from a worker's card."""
    labour = account.labour.get(period, ZERO) or BUFFER_FLOOR
    if kind == "after_window":
        account.movements.append(Movement(end + timedelta(days=1), credit=labour, is_funding=True, **credit))
    elif kind == "last_day":
        account.movements.append(Movement(end, credit=labour, is_funding=True, **credit))
    elif kind == "refund_only":
        worker = rng.choice(account.project.workers)
        day = start + timedelta(days=rng.randint(0, (end - start).days))
        account.movements.append(
            Movement(
                day,
                credit=cents(worker.wage_rate / 2),
                account=worker.bank_account,
                name=worker.name,
                memo="退票退回",
            )
        )


def _fees(account: _Account, periods: list[str], end: date) -> None:
    """The bank's fees: a text-message fee every month, and on the last day a fee at the bound (near
    misses of misuse). Planned before funding, which is sized on every movement before the due date."""
    for period in [p for p in [*periods, shift(periods[-1], 1)] if first_day(p) <= end]:
        account.movements.append(
            Movement(first_day(period) + timedelta(days=19), debit=SMS_FEE, memo="短信费")
        )
    account.movements.append(Movement(end, debit=BANK_FEE_MAX_AMOUNT, memo="账户管理费"))


def _misuse(rng: random.Random, account: _Account, end: date) -> None:
    """A supplier paid from the wage account on the last day (after every due date): for the period
    before that month, judged, and a part of what the account holds by then."""
    amount = cents(max(account.balance_after(end), Decimal(4)) / 4 * Decimal(str(rng.uniform(0.2, 0.8))))
    account.movements.append(
        Movement(end, debit=amount, account=SUPPLIER[0], name=SUPPLIER[1], memo="材料款")
    )


def statement_files(
    rng: random.Random,
    projects: list[Project],
    periods: list[str],
    as_of: date,
    attendance: Attendance,
    counted: list[Payment],
) -> list[StatementFile]:
    """Every statement file, month by month up to the day before the as-of date, in a fixed order;
    `counted`: the bank files' counted payments (oracle.counted_payments)."""
    payments: dict[str, list] = {}  # project_id -> its counted payments
    for payment in counted:
        payments.setdefault(payment.project_id, []).append(payment)
    end = as_of - timedelta(days=1)
    judged = [p for p in periods if any(is_judged(p, project.pay_day, as_of) for project in projects)]
    files: list[StatementFile] = []
    sending = [project for project in projects if project.number % STATEMENTLESS_EVERY]
    for place, project in enumerate(sending):
        account = _Account(project)
        _payroll(account, payments.get(project.project_id, []), end, LUMPS[place % len(LUMPS)])
        _still_to_pay(account, payments.get(project.project_id, []), judged, attendance)
        plan = _plan(ROLES[place % len(ROLES)], account, judged)
        _fees(account, judged, end)
        _fund(rng, account, judged, plan)
        _misuse(rng, account, end)
        files += monthly_files(project, account.opening, account.movements, first_day(periods[0]), end)
    return files
