"""The oracle: an independent judgement of a generated inbox, whose flags become its `truth.csv`.

It deliberately re-implements the contract's judgement (docs/contract.md sections 2 and 3) in plain
Python, with `Decimal`, without SQL and without importing the pipeline, so that the truth it writes
can catch the pipeline's mistakes: a rule computed twice, by two hands, in two languages, that must
agree. It judges the tables exactly as they are written (the very text of the bank cells, the rosters'
IDs and contract cells), so a plant that does not bite, or a near miss that does, shows. Only the
thresholds and the minimum-wage table are shared with the pipeline, read from its default
configuration (see thresholds.py).

It must never import from the pipeline's judging code (the SQL of transforms/, wagewatch.pipeline,
wagewatch.warehouse.runner, or anything of wagewatch outside this package;
tests/synthetic/test_independence.py checks): an oracle that borrows the judge's reasoning can only
repeat the judge's mistakes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache

from wagewatch.synthetic.identities import id_check_char, is_male
from wagewatch.synthetic.periods import age_on, due_date, last_day, on_roster, roster_days, shift
from wagewatch.synthetic.records import (
    DAILY,
    MONTHLY,
    Attendance,
    BankFile,
    Flag,
    Money,
    Pairs,
    Project,
    Worker,
    WorkerKey,
)
from wagewatch.synthetic.thresholds import (
    EXCESSIVE_AMOUNT,
    GRACE_DAYS,
    MAX_AGE_FEMALE,
    MAX_AGE_MALE,
    MIN_AGE,
    PAID_DAYS_PER_MONTH,
    PARTIAL_TOLERANCE,
    SUCCESS_STATUSES,
    ZERO,
    cents,
    stint_minimum_wages,
)

ID_FORMAT = re.compile(r"\d{17}[\dX]")
ID_EARLIEST_BIRTH_YEAR = 1900  # an earlier year in an ID is no real birth date
CONTRACT_NOES = frozenset({"否", "no", "n", "0", "false", "未签", "未签订"})  # staging's parse_yes_no

MISSED, PARTIAL, LATE, NO_PAYROLL = "MISSED_PAYMENT", "PARTIAL_PAYMENT", "LATE_PAYMENT", "NO_PAYROLL"
ACCOUNT_MISMATCH, SHARED_ACCOUNT = "ACCOUNT_MISMATCH", "SHARED_ACCOUNT"
UNREGISTERED_PAYEE, UNREGISTERED_WORKER = "UNREGISTERED_PAYEE", "UNREGISTERED_WORKER"
NON_DEDICATED_ACCOUNT, EXCESSIVE_PAYMENT = "NON_DEDICATED_ACCOUNT", "EXCESSIVE_PAYMENT"
BELOW_MINIMUM_WAGE, CONCURRENT_PROJECTS = "BELOW_MINIMUM_WAGE", "CONCURRENT_PROJECTS"
INVALID_ID_NUMBER, UNDERAGE_WORKER = "INVALID_ID_NUMBER", "UNDERAGE_WORKER"
OVERAGE_WORKER, NO_LABOR_CONTRACT = "OVERAGE_WORKER", "NO_LABOR_CONTRACT"
RULES = (  # the catalogue (docs/contract.md section 3) but the statement rules (statement_oracle.py)
    MISSED,
    PARTIAL,
    LATE,
    NO_PAYROLL,
    ACCOUNT_MISMATCH,
    SHARED_ACCOUNT,
    UNREGISTERED_PAYEE,
    UNREGISTERED_WORKER,
    NON_DEDICATED_ACCOUNT,
    EXCESSIVE_PAYMENT,
    BELOW_MINIMUM_WAGE,
    CONCURRENT_PROJECTS,
    INVALID_ID_NUMBER,
    UNDERAGE_WORKER,
    OVERAGE_WORKER,
    NO_LABOR_CONTRACT,
)
NO_PERIOD = ""  # roster flags carry no period
YEAR_MONTH = re.compile(r"(\d{4})\s*[-/年.]?\s*(\d{1,2})")
BANK_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y年%m月%d日")
TOTAL_COUNT = re.compile(r"共(\d+)笔")
FEN_PER_YUAN = 100


def is_judged(period: str, pay_day: int, as_of: date) -> bool:
    """A period is judged once the as-of date is past its due date plus the grace days."""
    return as_of > due_date(period, pay_day) + timedelta(days=GRACE_DAYS)


def id_birth_date(id_number: str, as_of: date) -> date | None:
    """The birth date of a well-formed ID when it is a real one: a calendar date from 1900 to the as-of
    date. Ages are judged on real birth dates only; any other ID is merely invalid."""
    if not ID_FORMAT.fullmatch(id_number):
        return None
    try:
        born = date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None
    return born if born.year >= ID_EARLIEST_BIRTH_YEAR and born <= as_of else None


def is_invalid_id(id_number: str, as_of: date) -> bool:
    """GB 11643 as INVALID_ID_NUMBER reads it: format, a real birth date, the check character."""
    born = id_birth_date(id_number, as_of)
    return born is None or id_number[17] != id_check_char(id_number[:17])


def agreed_monthly_pay(worker: Worker) -> Decimal:
    """Full-month agreed pay: the monthly rate, or the daily rate × 21.75, exact (never rounded)."""
    return worker.wage_rate if worker.wage_type == MONTHLY else worker.wage_rate * PAID_DAYS_PER_MONTH


def expected_amount(worker: Worker, period: str, days: int | None) -> Money:
    """What the worker is owed for P; `days` None means the project has no attendance for P.

    None back means unknown (a daily wage without attendance): only "paid nothing" can be judged.
    """
    if days is None:
        if worker.wage_type == DAILY:
            return None
        return _prorated(worker.wage_rate, roster_days(worker, period), last_day(period).day)
    if worker.wage_type == MONTHLY:
        return _monthly_for(worker.wage_rate, days)
    return _daily_for(worker.wage_rate, days)


# Each a few thousand distinct rates and day counts for millions of worker-months, so each is computed
# once; every result is rounded to the cent, so an equal rate written otherwise (5000, 5000.00) gives
# the same amount.
@cache
def _prorated(rate: Decimal, days_on_roster: int, days_in_month: int) -> Decimal:
    return cents(rate * days_on_roster / days_in_month)


@cache
def _monthly_for(rate: Decimal, days: int) -> Decimal:
    return cents(rate * min(Decimal(days), PAID_DAYS_PER_MONTH) / PAID_DAYS_PER_MONTH)


@cache
def _daily_for(rate: Decimal, days: int) -> Decimal:
    return cents(rate * days)


def is_expected(amount: Money) -> bool:
    return amount is None or amount > ZERO


def _in_full(expected: Decimal, paid: Decimal) -> bool:
    """The shortfall is forgiven when strictly below the tolerance share of the expected amount."""
    return max(ZERO, expected - paid) < PARTIAL_TOLERANCE * expected


def judge_worker(expected: Money, paid_by_due: Decimal, paid: Decimal) -> str | None:
    """At most one of MISSED, PARTIAL, LATE for a worker expected to be paid in P."""
    if paid <= ZERO:
        return MISSED
    if expected is None:  # "in full" means anything at all
        return None if paid_by_due > ZERO else LATE
    if not _in_full(expected, paid):
        return PARTIAL
    if not _in_full(expected, paid_by_due):
        return LATE
    return None


def _amount(text: str, fen: bool) -> Decimal:
    amount = Decimal(text.replace(",", "").removesuffix("元"))
    return amount / FEN_PER_YUAN if fen else amount


def _adds_up(records: list[dict[str, str]], count: str, amount: str, fen: bool) -> bool:
    """A file's stated totals (either may be absent) match all its rows, or only those that succeeded."""
    for rows in (records, [record for record in records if _succeeded(record)]):
        counted = not count or int(count) == len(rows)
        summed = not amount or _amount(amount, fen) == sum((_amount(r["amount"], fen) for r in rows), ZERO)
        if counted and summed:
            return True
    return False


def _file_records(bank_file: BankFile) -> list[dict[str, str]]:
    """A file's data rows as written, with what the file states once (payer, date, month) on each;
    none at all when its own totals do not add up: such a file is rejected whole."""
    header, *rows = bank_file.table
    count, amount = bank_file.stated_count, bank_file.stated_amount
    if bank_file.has_total_row:  # the pipe exports' last row: 合计 | 共N笔 | … | the sum
        *rows, total = rows
        count, amount = TOTAL_COUNT.fullmatch(total[1])[1], total[4]
    fields = [dict(bank_file.layout.columns)[name] for name in header]
    once = {
        "payer_account": bank_file.payer_account,
        "paid_at": bank_file.paid_at,
        "period": bank_file.period,
    }
    stated = {k: v for k, v in once.items() if v}
    records = [{**stated, **dict(zip(fields, row, strict=True))} for row in rows]
    return records if _adds_up(records, count, amount, bank_file.fen) else []


def _bank_records(files: list[BankFile]) -> Iterable[tuple[dict[str, str], BankFile]]:
    """Every data row of every bank file that is read: canonical column -> the text in the cell, and
    the file it is in (its name, whether its amounts are in fen)."""
    for bank_file in files:
        for record in _file_records(bank_file):
            yield record, bank_file


@cache  # a bank file holds few distinct dates; strptime is slow
def _parse_bank_date(text: str) -> date:
    for pattern in BANK_DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"bank date {text!r} in no known format")


@cache  # a period or memo cell holds few distinct texts
def _year_month(text: str) -> str | None:
    match = YEAR_MONTH.search(text)
    return f"{match[1]}-{int(match[2]):02d}" if match else None


def _attribute_period(record: dict[str, str], paid_at: date) -> str:
    """By the period column, else a year-month in the memo, else the month before paid_at's month."""
    for column in ("period", "memo"):
        found = _year_month(record.get(column, ""))
        if found:
            return found
    return shift(f"{paid_at.year}-{paid_at.month:02d}", -1)


@dataclass
class _ProjectIndex:
    """How a payment finds its worker within one project: by ID, else a unique account, else a unique name."""

    project: Project
    by_id: dict[str, str] = field(default_factory=dict)
    by_account: dict[str, list[str]] = field(default_factory=dict)
    by_name: dict[str, list[str]] = field(default_factory=dict)
    cards: dict[str, set[str]] = field(default_factory=dict)  # id_number -> the cards registered for it

    def match(self, record: dict[str, str]) -> str | None:
        id_number = _payee_id(record)
        if id_number:
            return self.by_id.get(id_number)
        for column, index in (("payee_account", self.by_account), ("payee_name", self.by_name)):
            found = set(index.get(record.get(column, ""), []))
            if len(found) == 1:
                return found.pop()
        return None


def _payee_id(record: dict[str, str]) -> str:
    return record.get("payee_id_number", "").strip().upper()


def _index_projects(projects: list[Project]) -> dict[str, _ProjectIndex]:
    indexes = {}
    for project in projects:
        index = _ProjectIndex(project)
        for worker in project.workers:
            index.by_id[worker.id_number] = worker.id_number
            index.by_account.setdefault(worker.bank_account, []).append(worker.id_number)
            index.by_name.setdefault(worker.name, []).append(worker.id_number)
            index.cards.setdefault(worker.id_number, set()).add(worker.bank_account)
        indexes[project.project_id] = index
    return indexes


@dataclass(frozen=True)
class Payment:
    """A counted payment (successful, of a known project, made by the as-of date), attributed."""

    project_id: str
    period: str
    worker: str | None  # the id_number of the worker it belongs to; None: to no worker of the project
    payee_id: str  # as written (upper-cased); empty when the row has none
    payee_account: str
    payer_account: str
    amount: Decimal
    paid_at: date
    file: str = ""  # the bank file's name: a payroll run the statement may book as one lump


def _succeeded(record: dict[str, str]) -> bool:
    return "status" not in record or record["status"].strip().casefold() in SUCCESS_STATUSES


def _counted_payments(indexes: dict[str, _ProjectIndex], files: list[BankFile], as_of: date) -> list[Payment]:
    """docs/contract.md section 2, "which payments count": project, period and worker of every counted row."""
    by_account = {index.project.wage_account: project_id for project_id, index in indexes.items()}
    payments = []
    for record, bank_file in _bank_records(files):
        project_id = record.get("project_id") or by_account.get(record["payer_account"])
        paid_at = _parse_bank_date(record["paid_at"])
        if not _succeeded(record) or project_id not in indexes or paid_at > as_of:
            continue
        payments.append(
            Payment(
                project_id=project_id,
                period=_attribute_period(record, paid_at),
                worker=indexes[project_id].match(record),
                payee_id=_payee_id(record),
                payee_account=record["payee_account"],
                payer_account=record["payer_account"],
                amount=_amount(record["amount"], bank_file.fen),
                paid_at=paid_at,
                file=bank_file.name,
            )
        )
    return payments


@dataclass
class _Paid:
    """Successful payments, summed by (project, period, worker) and noted by (project, period)."""

    by_due: dict[tuple[str, str, str], Decimal] = field(default_factory=dict)
    by_as_of: dict[tuple[str, str, str], Decimal] = field(default_factory=dict)
    project_periods: Pairs = field(default_factory=set)


def _sum_paid(payments: list[Payment], indexes: dict[str, _ProjectIndex]) -> _Paid:
    paid = _Paid()
    for payment in payments:
        paid.project_periods.add((payment.project_id, payment.period))
        if payment.worker is None:
            continue
        key = (payment.project_id, payment.period, payment.worker)
        paid.by_as_of[key] = paid.by_as_of.get(key, ZERO) + payment.amount
        if payment.paid_at <= due_date(payment.period, indexes[payment.project_id].project.pay_day):
            paid.by_due[key] = paid.by_due.get(key, ZERO) + payment.amount
    return paid


def _judge_project_period(
    project: Project, period: str, attendance: Attendance, paid: _Paid, as_of: date
) -> list[Flag]:
    """MISSED, PARTIAL, LATE per worker expected to be paid, and NO_PAYROLL for the project."""
    if not is_judged(period, project.pay_day, as_of):
        return []  # pending
    days = attendance.get((project.project_id, period))
    flags, anyone_expected = [], False
    for worker in project.workers:
        if not on_roster(worker, period):
            continue
        expected = expected_amount(worker, period, None if days is None else days.get(worker.id_number, 0))
        if not is_expected(expected):
            continue
        anyone_expected = True
        key = (project.project_id, period, worker.id_number)
        rule = judge_worker(expected, paid.by_due.get(key, ZERO), paid.by_as_of.get(key, ZERO))
        if rule:
            flags.append((project.project_id, period, rule, worker.id_number))
    if anyone_expected and (project.project_id, period) not in paid.project_periods:
        flags.append((project.project_id, period, NO_PAYROLL, ""))
    return flags


def _payment_flags(indexes: dict[str, _ProjectIndex], judged: list[Payment]) -> list[Flag]:
    """The rules on payments of judged periods: whose card, whose account, whom, how much."""
    flags: list[Flag] = []
    mismatched: set[tuple[str, str, str]] = set()
    receivers: dict[tuple[str, str, str], set[str]] = {}  # (project, period, payee account) -> workers
    non_dedicated: set[tuple[str, str, str]] = set()
    totals: dict[tuple[str, str, str], Decimal] = {}
    for payment in judged:
        project_id, period, worker = payment.project_id, payment.period, payment.worker
        if payment.payer_account != indexes[project_id].project.wage_account:
            non_dedicated.add((project_id, period, payment.payer_account))
        if worker is None:
            flags.append((project_id, period, UNREGISTERED_PAYEE, payment.payee_id))
            continue
        if payment.payee_account not in indexes[project_id].cards[worker]:
            mismatched.add((project_id, period, worker))
        receivers.setdefault((project_id, period, payment.payee_account), set()).add(worker)
        totals[project_id, period, worker] = totals.get((project_id, period, worker), ZERO) + payment.amount
    flags += [(project_id, period, ACCOUNT_MISMATCH, worker) for project_id, period, worker in mismatched]
    flags += [
        (project_id, period, SHARED_ACCOUNT, worker)
        for (project_id, period, _), workers in receivers.items()
        if len(workers) >= 2
        for worker in workers
    ]
    flags += [(project_id, period, NON_DEDICATED_ACCOUNT, "") for project_id, period, _ in non_dedicated]
    flags += [
        (p, period, EXCESSIVE_PAYMENT, w)
        for (p, period, w), total in totals.items()
        if total > EXCESSIVE_AMOUNT
    ]
    return flags


def _attendance_flags(projects: list[Project], attendance: Attendance, as_of: date) -> list[Flag]:
    """UNREGISTERED_WORKER and CONCURRENT_PROJECTS, from every attendance row with days above 0."""
    by_id = {project.project_id: project for project in projects}
    stints: dict[WorkerKey, list[Worker]] = {}
    for project in projects:
        for worker in project.workers:
            stints.setdefault((project.project_id, worker.id_number), []).append(worker)
    flags: list[Flag] = []
    worked: dict[tuple[str, str], list[tuple[str, int]]] = {}  # (id, period) -> [(project, days)]
    for (project_id, period), days in attendance.items():
        judged = is_judged(period, by_id[project_id].pay_day, as_of)
        for id_number, count in days.items():
            if count <= 0:
                continue
            worked.setdefault((id_number, period), []).append((project_id, judged))
            on = any(on_roster(stint, period) for stint in stints.get((project_id, id_number), []))
            if judged and not on:
                flags.append((project_id, period, UNREGISTERED_WORKER, id_number))
    for (id_number, period), entries in worked.items():
        total = sum(attendance[project_id, period][id_number] for project_id, _ in entries)
        if total > last_day(period).day:
            flags += [(p, period, CONCURRENT_PROJECTS, id_number) for p, judged in entries if judged]
    return flags


def _stint_flags(project: Project, worker: Worker, as_of: date) -> list[str]:
    """The roster rules one stint breaks (SHARED_ACCOUNT on the roster aside)."""
    rules = []
    if is_invalid_id(worker.id_number, as_of):
        rules.append(INVALID_ID_NUMBER)
    born = id_birth_date(worker.id_number, as_of)
    if born is not None:
        age = age_on(born, worker.entry_date)
        if age < MIN_AGE:
            rules.append(UNDERAGE_WORKER)
        if age > (MAX_AGE_MALE if is_male(worker.id_number) else MAX_AGE_FEMALE):
            rules.append(OVERAGE_WORKER)
    if worker.contract.strip().lower() in CONTRACT_NOES:
        rules.append(NO_LABOR_CONTRACT)
    minimums = stint_minimum_wages(project.region_code, worker.entry_date, worker.exit_date, as_of)
    if any(agreed_monthly_pay(worker) < minimum for minimum in minimums):
        rules.append(BELOW_MINIMUM_WAGE)
    return rules


def _roster_flags(projects: list[Project], as_of: date) -> list[Flag]:
    """Roster flags carry no period: one per stint, and SHARED_ACCOUNT per worker of a shared card."""
    flags: list[Flag] = []
    for project in projects:
        holders: dict[str, set[str]] = {}
        for worker in project.workers:
            holders.setdefault(worker.bank_account, set()).add(worker.id_number)
            flags += [
                (project.project_id, NO_PERIOD, rule, worker.id_number)
                for rule in _stint_flags(project, worker, as_of)
            ]
        flags += [
            (project.project_id, NO_PERIOD, SHARED_ACCOUNT, id_number)
            for ids in holders.values()
            if len(ids) >= 2
            for id_number in ids
        ]
    return flags


def counted_payments(projects: list[Project], files: list[BankFile], as_of: date) -> list[Payment]:
    """Every counted payment, attributed as the oracle judges it: what the statement rules read too."""
    return _counted_payments(_index_projects(projects), files, as_of)


def judge(
    projects: list[Project], attendance: Attendance, payments: list[Payment], periods: list[str], as_of: date
) -> list[Flag]:
    """Every flag of the catalogue, from the rosters, attendance and the bank tables as written (their
    counted payments: `counted_payments`, read once for this and the statement rules)."""
    indexes = _index_projects(projects)
    paid = _sum_paid(payments, indexes)
    flags = []
    for project in projects:
        for period in periods:
            flags.extend(_judge_project_period(project, period, attendance, paid, as_of))
    judged = [p for p in payments if is_judged(p.period, indexes[p.project_id].project.pay_day, as_of)]
    flags += _payment_flags(indexes, judged)
    flags += _attendance_flags(projects, attendance, as_of)
    flags += _roster_flags(projects, as_of)
    return sorted(flags)
