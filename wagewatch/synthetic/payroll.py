"""The payroll: for every period and project, what each worker is owed, the batch that pays them with
its plants, absent payrolls, and the bank files the rows are sorted into."""

from __future__ import annotations

import random
from datetime import date, timedelta

from wagewatch.synthetic.bank_formats import cut_last_row, format_file, split_by_format
from wagewatch.synthetic.bank_layouts import (
    BANK_LAYOUTS,
    BANK_TITLE_BANKS,
    GENERAL_LAYOUT,
    LATE_LAYOUT,
    bank_table,
)
from wagewatch.synthetic.bank_rows import Payday, Payroll
from wagewatch.synthetic.identities import Registry
from wagewatch.synthetic.oracle import expected_amount, is_expected
from wagewatch.synthetic.payment_plants import (
    PAYERS,
    FreeRows,
    choose_plants,
    pay_outsiders,
    plant_ordinary_rows,
)
from wagewatch.synthetic.periods import compact_date, due_date, first_day, on_roster, shift
from wagewatch.synthetic.plants import NORMAL
from wagewatch.synthetic.records import FAILURE, Attendance, BankFile, BankRow, Owed, Pairs, Project
from wagewatch.synthetic.settlement_plants import YearlyPayees, plant_leavers

PAY_LEAD_DAYS = (1, 5)  # a project's payroll batch runs this many days before its due date
UNKNOWN_DAYS_PAID = (15, 24)  # what a daily worker without attendance is paid for
NO_FUNDS_REASON = "付款账户余额不足"
NO_PAYROLL_SHARE = 0.005  # project-periods without a successful payment; at least one
SILENT_NO_PAYROLL_SHARE = 0.5  # of those, no rows at all; the others a whole batch refused


def _expected_by_project(projects: list[Project], period: str, attendance: Attendance) -> dict[str, Owed]:
    """project_id -> the workers expected to be paid in P, with what they are owed (None: unknown)."""
    owed: dict[str, Owed] = {}
    for project in projects:
        days = attendance.get((project.project_id, period))
        owed[project.project_id] = []
        for worker in project.workers:
            if not on_roster(worker, period):
                continue
            amount = expected_amount(worker, period, None if days is None else days.get(worker.id_number, 0))
            if is_expected(amount):
                owed[project.project_id].append((worker, amount))
    return owed


def choose_no_payroll(
    rng: random.Random, projects: list[Project], periods: list[str], silent: Pairs
) -> Pairs:
    pairs = [(p.project_id, period) for period in periods for p in projects]
    pairs = [pair for pair in pairs if pair not in silent]
    count = max(1, round(len(projects) * len(periods) * NO_PAYROLL_SHARE))
    return set(rng.sample(pairs, min(count, len(pairs))))


def _pay_period(
    rng: random.Random,
    book: Payroll,
    projects: list[Project],
    period: str,
    owed: dict[str, Owed],
    no_payroll: Pairs,
    registry: Registry,
    every_project: bool,
    yearly: YearlyPayees,
) -> None:
    """One period's payroll for every project: plants among ordinary payments, absent payrolls apart."""
    paying = [p for p in projects if (p.project_id, period) not in no_payroll]
    candidates = [pair for p in paying for pair in owed[p.project_id]]
    plants = choose_plants(rng, candidates, every_project=every_project)
    plants.update(plant_leavers(rng, candidates, period, plants))
    ordinary: list[BankRow] = []
    paydays: dict[str, Payday] = {}
    for project in projects:
        due = due_date(period, project.pay_day)
        batch = max(first_day(shift(period, 1)), due - timedelta(days=rng.randint(*PAY_LEAD_DAYS)))
        day = Payday(project, period, due, batch)
        if (project.project_id, period) in no_payroll:
            _fail_batch(rng, book, day, owed[project.project_id])
            continue
        paydays[project.project_id] = day
        for worker, expected in owed[project.project_id]:
            if period in yearly.get((project.project_id, worker.id_number), (None, {}))[1]:
                continue  # paid its year's plant below
            amount = expected if expected is not None else worker.wage_rate * rng.randint(*UNKNOWN_DAYS_PAID)
            kind = plants.get((project.project_id, worker.id_number), NORMAL)
            if kind == NORMAL:
                ordinary.append(book.row(day, worker, amount, day.batch))
            else:
                PAYERS[kind](book, day, worker, expected, amount)
    for (project_id, _), (worker, amounts) in yearly.items():
        if project_id in paydays and period in amounts:
            book.row(paydays[project_id], worker, amounts[period], paydays[project_id].batch)
    plant_ordinary_rows(rng, FreeRows(rng, ordinary), len(candidates), len(paying), registry)
    pay_outsiders(rng, book, projects, paydays, len(candidates), registry)


def _fail_batch(rng: random.Random, book: Payroll, day: Payday, owed: Owed) -> None:
    """An absent payroll: either no rows at all, or a whole batch refused for lack of funds."""
    if rng.random() < SILENT_NO_PAYROLL_SHARE:
        return
    for worker, expected in owed:
        amount = expected if expected is not None else worker.wage_rate * UNKNOWN_DAYS_PAID[0]
        book.row(day, worker, amount, day.batch, status=FAILURE, reason=NO_FUNDS_REASON)


def bank_files(
    rng: random.Random,
    projects: list[Project],
    periods: list[str],
    as_of: date,
    attendance: Attendance,
    no_payroll: Pairs,
    registry: Registry,
    every_project: bool = False,
    yearly: YearlyPayees | None = None,
) -> list[BankFile]:
    """Per period: each project's batch in its bank's own layout, the wage accounts' payroll file with
    the rest, the late transfers, and the general accounts' file; one batch file is cut short. With
    `every_project`, every paying project misses at least one worker's wages in every period."""
    files, formatted, sequence = [], [], 0
    for number, period in enumerate(periods):
        book = Payroll(rng, as_of)
        owed = _expected_by_project(projects, period, attendance)
        _pay_period(rng, book, projects, period, owed, no_payroll, registry, every_project, yearly or {})
        stamp = period.replace("-", "")
        title = f"{BANK_TITLE_BANKS[number % len(BANK_TITLE_BANKS)]}代发工资明细"
        regular = BANK_LAYOUTS[number % len(BANK_LAYOUTS)]
        on_time, batches = split_by_format(projects, period, number, book.on_time)
        for fmt, project, rows in batches:
            sequence = _number_rows(rows, sequence)
            formatted.append(format_file(fmt, project, period, rows))
        for name, layout, rows in (
            (f"bank_{stamp}.txt", regular, [r for r in on_time if not r.payer_account]),
            (f"bank_late_{stamp}.txt", LATE_LAYOUT, [r for r in book.late if not r.payer_account]),
            (
                f"bank_general_{stamp}.txt",
                GENERAL_LAYOUT,
                [r for r in on_time + book.late if r.payer_account],
            ),
        ):
            if rows:
                sequence = _number_rows(rows, sequence)
                files.append(BankFile(name, title, layout, bank_table(layout, rows)))
    cut_last_row(formatted)
    return files + formatted


def _number_rows(rows: list[BankRow], sequence: int) -> int:
    """Order rows by date (as banks list them) and give each a unique reference: B + date + sequence."""
    rows.sort(key=lambda r: r.paid_at)
    for row in rows:
        sequence += 1
        row.bank_ref = f"B{compact_date(row.paid_at)}{sequence:07d}"
    return sequence
