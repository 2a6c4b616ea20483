"""The oracle of exit settlement and EXCESSIVE_PAYMENT's yearly bound (docs/contract.md section 3.3),
judged again in plain Python from the rosters, attendance and counted payments, beside oracle.py.

EXIT_NOT_SETTLED: a stint with an exit date, once the as-of date is past its settlement deadline (the
exit month's due date, or the exit date plus exit_settlement_days) plus the grace days, is owed when,
over its months from the entry month to the exit month, what was expected is not paid in full net of
what was paid (within the tolerance), or a month of unknown amount was paid nothing. The yearly form
of EXCESSIVE_PAYMENT: a worker's payments for the judged months of one year on a project above the
yearly bound, flagged on the month the sum first went above it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from wagewatch.synthetic.oracle import EXCESSIVE_PAYMENT, Payment, expected_amount, is_expected, is_judged
from wagewatch.synthetic.periods import due_date, shift
from wagewatch.synthetic.records import Attendance, Flag, Project, Worker
from wagewatch.synthetic.thresholds import (
    EXCESSIVE_YEARLY_AMOUNT,
    EXIT_SETTLEMENT_DAYS,
    GRACE_DAYS,
    PARTIAL_TOLERANCE,
    ZERO,
)

EXIT_NOT_SETTLED = "EXIT_NOT_SETTLED"
SETTLEMENT_RULES = (EXIT_NOT_SETTLED,)  # the new codes of the catalogue judged here
NO_PERIOD = ""  # a stint flag carries no period

Paid = dict[tuple[str, str, str], Decimal]  # (project_id, period, id_number) -> paid by the as-of date


def _paid(payments: list[Payment]) -> Paid:
    paid: Paid = {}
    for payment in payments:
        if payment.worker is not None:
            key = (payment.project_id, payment.period, payment.worker)
            paid[key] = paid.get(key, ZERO) + payment.amount
    return paid


def _stint_months(worker: Worker) -> list[str]:
    months, period = [], f"{worker.entry_date:%Y-%m}"
    while period <= f"{worker.exit_date:%Y-%m}":
        months.append(period)
        period = shift(period, 1)
    return months


def settle_by(worker: Worker, pay_day: int) -> date:
    """The stint's settlement deadline."""
    if EXIT_SETTLEMENT_DAYS is not None:
        return worker.exit_date + timedelta(days=EXIT_SETTLEMENT_DAYS)
    return due_date(f"{worker.exit_date:%Y-%m}", pay_day)


def _is_unsettled(project: Project, worker: Worker, attendance: Attendance, paid: Paid) -> bool:
    expected_sum = paid_sum = ZERO
    for period in _stint_months(worker):
        days = attendance.get((project.project_id, period))
        expected = expected_amount(worker, period, None if days is None else days.get(worker.id_number, 0))
        received = paid.get((project.project_id, period, worker.id_number), ZERO)
        if expected is None:
            if is_expected(expected) and received <= ZERO:
                return True  # "in full" means anything at all
            continue
        expected_sum += expected
        paid_sum += received
    owed = max(ZERO, expected_sum - paid_sum)
    return owed > ZERO and owed >= PARTIAL_TOLERANCE * expected_sum


def _exit_flags(projects: list[Project], attendance: Attendance, paid: Paid, as_of: date) -> list[Flag]:
    return [
        (project.project_id, NO_PERIOD, EXIT_NOT_SETTLED, worker.id_number)
        for project in projects
        for worker in project.workers
        if worker.exit_date is not None
        and as_of > settle_by(worker, project.pay_day) + timedelta(days=GRACE_DAYS)
        and _is_unsettled(project, worker, attendance, paid)
    ]


def _yearly_flags(projects: list[Project], paid: Paid, as_of: date) -> list[Flag]:
    pay_days = {project.project_id: project.pay_day for project in projects}
    by_year: dict[tuple[str, str, str], list[tuple[str, Decimal]]] = {}
    for (project_id, period, id_number), amount in paid.items():
        if is_judged(period, pay_days[project_id], as_of):
            by_year.setdefault((project_id, id_number, period[:4]), []).append((period, amount))
    flags = []
    for (project_id, id_number, _), months in by_year.items():
        total = ZERO
        for period, amount in sorted(months):
            total += amount
            if total > EXCESSIVE_YEARLY_AMOUNT:
                flags.append((project_id, period, EXCESSIVE_PAYMENT, id_number))
                break
    return flags


def judge_settlement(
    projects: list[Project], attendance: Attendance, payments: list[Payment], as_of: date
) -> list[Flag]:
    """EXIT_NOT_SETTLED and the yearly EXCESSIVE_PAYMENT, from the counted payments (`counted_payments`)."""
    paid = _paid(payments)
    return sorted(_exit_flags(projects, attendance, paid, as_of) + _yearly_flags(projects, paid, as_of))
