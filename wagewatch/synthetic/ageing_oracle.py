"""The truth of arrears ageing (docs/contract.md sections 4.1 and 4.2), judged again in plain Python from
the rosters, attendance and counted payments as they are written, beside oracle.py and without the
pipeline.

A worker's ledger (per project and ID): every judged month with a known expected amount in which the
worker is on the roster (the stint entered last sets the wage) or was paid for, with what it expected
and the transfers made for it. What the worker is owed is expected less paid over the ledger, not below
zero. Their oldest unpaid wage: what months were paid beyond what they expected is a credit that pays
the short months oldest first; the first short month the credit does not cover in full is the oldest
unpaid, and its due date the worker's `oldest_due_date`. A project's is the earliest of its workers'."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from wagewatch.synthetic.oracle import Payment, expected_amount, is_judged
from wagewatch.synthetic.periods import due_date, last_day, on_roster, roster_days, shift
from wagewatch.synthetic.records import DAILY, Attendance, Money, Project, Worker, WorkerKey
from wagewatch.synthetic.thresholds import AGEING_ORANGE_MAX_DAYS, AGEING_YELLOW_MAX_DAYS, ZERO, cents

YELLOW, ORANGE, RED = "yellow", "orange", "red"
NO_WORKER = ""  # a project's row of truth_ageing.csv


class Month(NamedTuple):
    """One ledger month of a worker: its due date, what it expected, what was paid for it by the as-of
    date, and each transfer (day, amount)."""

    period: str
    due: date
    expected: Decimal
    paid_in_all: Decimal
    transfers: tuple[tuple[date, Decimal], ...]

    def paid(self, before: date | None = None) -> Decimal:
        """Paid for the month by the as-of date, or only by the transfers made before a day."""
        if before is None:
            return self.paid_in_all
        return sum((amount for day, amount in self.transfers if day < before), ZERO)


Ledgers = dict[WorkerKey, list[Month]]  # (project_id, id_number) -> ledger months, oldest first


def _expected(stints: list[Worker], period: str, days: int | None) -> Money:
    """The month's expected amount from the stints on the roster in it (none: 0, paid off the roster)."""
    if len(stints) == 1:  # nearly every worker: one stint on the project
        return expected_amount(stints[0], period, days) if on_roster(stints[0], period) else ZERO
    on = [stint for stint in stints if on_roster(stint, period)]
    if not on:
        return ZERO
    latest = max(reversed(on), key=lambda stint: stint.entry_date)  # on a tie, the one written last
    if len(on) == 1 or days is not None:
        return expected_amount(latest, period, days)
    if latest.wage_type == DAILY:
        return None
    month_days = last_day(period).day
    return cents(latest.wage_rate * min(sum(roster_days(s, period) for s in on), month_days) / month_days)


@cache  # most stints share their entry and exit
def _roster_periods(entry: date, exit_: date | None, as_of: date) -> frozenset[str]:
    """The months a stint is on the roster, up to the as-of month."""
    periods, period = set(), f"{entry:%Y-%m}"
    last = f"{min(exit_ or as_of, as_of):%Y-%m}"
    while period <= last:
        periods.add(period)
        period = shift(period, 1)
    return frozenset(periods)


@cache  # a few periods and pay days for millions of worker-months
def _judged_due(period: str, pay_day: int, as_of: date) -> date | None:
    """The month's due date once it is judged; None while it is not."""
    return due_date(period, pay_day) if is_judged(period, pay_day, as_of) else None


Transfers = dict[tuple[str, str, str], list[tuple[date, Decimal]]]  # (project, ID, period) -> transfers


def _months(
    project: Project,
    id_number: str,
    stints: list[Worker],
    paid_for: set[str],
    transfers: Transfers,
    *,
    attendance: Attendance,
    as_of: date,
) -> list[Month]:
    """One worker's ledger on a project: judged months on the roster or paid for, expected amount known."""
    rostered = (_roster_periods(stint.entry_date, stint.exit_date, as_of) for stint in stints)
    periods = frozenset().union(paid_for, *rostered)
    months = []
    for period in sorted(periods):
        due = _judged_due(period, project.pay_day, as_of)
        if due is None:
            continue
        days = attendance.get((project.project_id, period))
        expected = _expected(stints, period, None if days is None else days.get(id_number, 0))
        if expected is not None:
            paid = tuple(transfers.get((project.project_id, id_number, period), ()))
            months.append(Month(period, due, expected, sum((amount for _, amount in paid), ZERO), paid))
    return months


def ledgers(projects: list[Project], attendance: Attendance, payments: list[Payment], as_of: date) -> Ledgers:
    """Every worker's ledger months, judged on the as-of date."""
    transfers: Transfers = {}
    for payment in payments:
        if payment.worker is not None:
            key = (payment.project_id, payment.worker, payment.period)
            transfers.setdefault(key, []).append((payment.paid_at, payment.amount))
    paid_periods: dict[str, dict[str, set[str]]] = {}  # project_id -> id_number -> periods paid for
    for project_id, id_number, period in transfers:
        paid_periods.setdefault(project_id, {}).setdefault(id_number, set()).add(period)
    result: Ledgers = {}
    for project in projects:
        stints: dict[str, list[Worker]] = {}
        for worker in project.workers:
            stints.setdefault(worker.id_number, []).append(worker)
        paid_here = paid_periods.get(project.project_id, {})
        for id_number in sorted(set(stints) | set(paid_here)):
            own, paid_for = stints.get(id_number, []), paid_here.get(id_number, set())
            months = _months(project, id_number, own, paid_for, transfers, as_of=as_of, attendance=attendance)
            if months:
                result[project.project_id, id_number] = months
    return result


def age(months: list[Month], before: date | None = None) -> tuple[Decimal, date | None]:
    """What the worker is owed (expected less paid over the months, not below zero) and the due date of
    the oldest wage still unpaid: the overpaid months' credit pays the short months oldest first, and
    the first short month it does not cover in full is the oldest unpaid. (0, None): owed nothing.
    `before`: only the transfers made before that day count."""
    nets = [month.expected - month.paid(before) for month in months]
    owed = sum(nets, ZERO)
    if owed <= ZERO:
        return ZERO, None
    credit = -sum((net for net in nets if net < ZERO), ZERO)
    for month, net in zip(months, nets, strict=True):
        if net > credit:
            return owed, month.due
        credit -= max(net, ZERO)
    raise AssertionError("a worker owed something has a month unpaid")


def stage(days: int) -> str:
    if days <= AGEING_YELLOW_MAX_DAYS:
        return YELLOW
    return ORANGE if days <= AGEING_ORANGE_MAX_DAYS else RED


AgeingRow = tuple[str, str, Decimal, date, int, str]  # project, ID, owed, oldest due date, days, stage


def judge_ageing(ledger: Ledgers, as_of: date) -> list[AgeingRow]:
    """One row per worker still owed and one (with no ID) per project with such a worker."""
    rows: list[AgeingRow] = []
    projects: dict[str, tuple[Decimal, date]] = {}
    for (project_id, id_number), months in sorted(ledger.items()):
        amount, oldest = age(months)
        if oldest is None:
            continue
        days = (as_of - oldest).days
        rows.append((project_id, id_number, amount, oldest, days, stage(days)))
        total, earliest = projects.get(project_id, (ZERO, oldest))
        projects[project_id] = (total + amount, min(earliest, oldest))
    for project_id, (amount, oldest) in projects.items():
        days = (as_of - oldest).days
        rows.append((project_id, NO_WORKER, amount, oldest, days, stage(days)))
    return sorted(rows)
