"""The payment plants: missed, partial, late and the near misses paid on the due date, within tolerance
or after the as-of date; ordinary payments changed into the wrong card, above the excessive amount or
from another account; and payments to people on no roster."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from itertools import islice

from wagewatch.synthetic.bank_rows import Payday, Payroll
from wagewatch.synthetic.identities import (
    GENERAL_ACCOUNT_PREFIX,
    WAGE_ACCOUNT_LENGTH,
    Registry,
    digits,
    outsider,
    unique,
)
from wagewatch.synthetic.periods import month_number
from wagewatch.synthetic.plants import (
    BOSS_CARD_GROUPS,
    BOSS_GROUP_SIZE,
    COLLEAGUE_CARDS,
    EXACT_LIMIT_PAYMENTS,
    EXCESSIVE_PAYMENTS,
    NON_DEDICATED_PAYROLLS,
    NON_DEDICATED_ROWS,
    OUTSIDER_PAYMENTS,
    OWN_OTHER_CARDS,
    PLANTS,
    Quota,
)
from wagewatch.synthetic.records import FAILURE, BankRow, Money, Owed, Project, Worker, WorkerKey
from wagewatch.synthetic.thresholds import CENT, EXCESSIVE_AMOUNT, cents

RED_PLANTS = ("missed", "partial")
LATE_SPLIT_SHARE = 0.5  # late plants paid part on time and the rest late (when the amount is known)
MISSED_VARIANTS = ("nothing", "failed", "after_as_of")  # no row / a failed row / a row after the as-of date
NEAR_MISS_SHORT = Decimal("0.995")  # 0.5 % short: inside the 1 % tolerance
AFTER_AS_OF_BONUS = (200, 800)
EXCESS_FEN = (1, 3_000_000)  # an excessive payment is this many fen above the limit
OUTSIDER_VARIANTS = ("boss_with_id", "boss_without_id", "other_project_worker")
OUTSIDER_AMOUNT = (2000, 20000)


def _pay_missed(book: Payroll, day: Payday, worker: Worker, expected: Money, amount: Decimal) -> None:
    """Nothing; or only a failed transfer; or only a payment dated after the as-of date."""
    variant = book.rng.choice(MISSED_VARIANTS)
    if variant == "failed":
        book.row(day, worker, amount, day.batch, status=FAILURE)
    elif variant == "after_as_of":
        book.row(day, worker, amount, book.after_as_of())


def _pay_partial(book: Payroll, day: Payday, worker: Worker, expected: Money, amount: Decimal) -> None:
    book.row(day, worker, book.share(amount), day.batch)


def _pay_late(book: Payroll, day: Payday, worker: Worker, expected: Money, amount: Decimal) -> None:
    """All of it after the due date; or, when the amount is known, part on time and the rest late."""
    if expected is not None and book.rng.random() < LATE_SPLIT_SHARE:
        part = book.share(amount)
        book.row(day, worker, part, day.batch)
        book.row(day, worker, amount - part, book.late_day(day))
    else:
        book.row(day, worker, amount, book.late_day(day))


def _pay_short(book: Payroll, day: Payday, worker: Worker, expected: Money, amount: Decimal) -> None:
    book.row(day, worker, cents(amount * NEAR_MISS_SHORT), day.batch)


def _pay_on_due(book: Payroll, day: Payday, worker: Worker, expected: Money, amount: Decimal) -> None:
    book.row(day, worker, amount, day.due)


def _pay_failed_then_repaid(
    book: Payroll, day: Payday, worker: Worker, expected: Money, amount: Decimal
) -> None:
    book.row(day, worker, amount, day.batch, status=FAILURE)
    gap = (day.due - day.batch).days
    book.row(day, worker, amount, day.batch + timedelta(days=book.rng.randint(1, gap) if gap else 0))


def _pay_extra_after_as_of(
    book: Payroll, day: Payday, worker: Worker, expected: Money, amount: Decimal
) -> None:
    book.row(day, worker, amount, day.batch)
    book.row(day, worker, Decimal(book.rng.randint(*AFTER_AS_OF_BONUS)), book.after_as_of())


PAYERS = {
    "missed": _pay_missed,
    "partial": _pay_partial,
    "late": _pay_late,
    "short_within_tolerance": _pay_short,
    "paid_on_due_date": _pay_on_due,
    "failed_then_repaid": _pay_failed_then_repaid,
    "extra_after_as_of": _pay_extra_after_as_of,
}


def choose_plants(
    rng: random.Random, candidates: Owed, *, every_project: bool = False
) -> dict[WorkerKey, str]:
    """(project_id, id_number) -> plant kind for this period; each worker-month gets at most one plant.
    With `every_project`, each project left without a plant gets one missed payment as well."""
    order = list(candidates)
    rng.shuffle(order)
    plants: dict[WorkerKey, str] = {}
    for plant in PLANTS:
        wanted = max(plant.minimum, round(len(order) * plant.share))
        eligible = (
            (w.project_id, w.id_number)
            for w, amount in order
            if (w.project_id, w.id_number) not in plants and not (plant.needs_known_amount and amount is None)
        )
        chosen = list(islice(eligible, wanted))  # the first `wanted` of the shuffled order
        plants.update(dict.fromkeys(chosen, plant.kind))
    if every_project:
        plants.update(_one_missed_per_project(order, plants))
    return plants


def _one_missed_per_project(order: Owed, plants: dict[WorkerKey, str]) -> dict[WorkerKey, str]:
    """A bad month, for benchmarks and scale tests (`wagewatch generate --findings-in-every-project`): the
    first unplanted worker of every project with no missed or partial payment planted yet is not paid."""
    planted = {project_id for (project_id, _), kind in plants.items() if kind in RED_PLANTS}
    missed: dict[WorkerKey, str] = {}
    for worker, _ in order:
        if worker.project_id not in planted and (worker.project_id, worker.id_number) not in plants:
            planted.add(worker.project_id)
            missed[(worker.project_id, worker.id_number)] = "missed"
    return missed


class FreeRows:
    """The ordinary payments of a period (paid in full, on time, to the worker's own card) that a
    plant may still change; each row gets at most one plant."""

    def __init__(self, rng: random.Random, rows: list[BankRow]) -> None:
        self.order = list(rows)
        rng.shuffle(self.order)
        self.by_project: dict[str, list[BankRow]] = {}
        for row in self.order:
            self.by_project.setdefault(row.project.project_id, []).append(row)
        self.used: set[int] = set()
        self.cursor = 0

    def take(self, count: int) -> list[BankRow]:
        """`count` free rows of one project (that of the next free row in the shuffled order), or none."""
        while self.cursor < len(self.order):
            first = self.order[self.cursor]
            self.cursor += 1
            if id(first) in self.used:
                continue
            mates = [
                r
                for r in self.by_project[first.project.project_id]
                if r is not first and id(r) not in self.used
            ]
            if len(mates) >= count - 1:
                group = [first, *mates[: count - 1]]
                self.used.update(id(row) for row in group)
                return group
        return []


def _into_boss_card(rng: random.Random, rows: list[BankRow], registry: Registry) -> None:
    """Several workers' wages into one card of a labour boss who is on no roster."""
    boss_card = registry.card(rng)[1]
    for row in rows:
        row.payee_account = boss_card


def _into_colleague_card(rng: random.Random, rows: list[BankRow], registry: Registry) -> None:
    """One worker's wages into a colleague's registered card, beside the colleague's own wages; the row
    keeps the worker's ID, or the card would match it to the colleague."""
    row, colleague = rows
    row.payee_account, row.hide_id = colleague.payee.bank_account, False


def _into_own_other_card(rng: random.Random, rows: list[BankRow], registry: Registry) -> None:
    """Into a card the worker never registered on the roster."""
    for row in rows:
        row.payee_account = registry.card(rng)[1]


def _above_excessive_amount(rng: random.Random, rows: list[BankRow], registry: Registry) -> None:
    for row in rows:
        row.amount = EXCESSIVE_AMOUNT + Decimal(rng.randint(*EXCESS_FEN)) * CENT


def _at_excessive_amount(rng: random.Random, rows: list[BankRow], registry: Registry) -> None:
    for row in rows:
        row.amount = EXCESSIVE_AMOUNT


def _from_general_account(rng: random.Random, rows: list[BankRow], registry: Registry) -> None:
    """Some of a project's wages paid from the contractor's general account, not the wage account."""
    free_digits = WAGE_ACCOUNT_LENGTH - len(GENERAL_ACCOUNT_PREFIX)
    account = unique(lambda: GENERAL_ACCOUNT_PREFIX + digits(rng, free_digits), registry.cards)
    for row in rows:
        row.payer_account = account


@dataclass(frozen=True)
class _RowPlant:
    """A change to ordinary payments of one project, how often, and to how many of its rows."""

    quota: Quota
    rows: tuple[int, int]  # how many rows of one project it changes, from-to
    per_payroll: bool  # the quota is of the project-periods paid, not of the worker-months
    change: Callable[[random.Random, list[BankRow], Registry], None]


ROW_PLANTS = (
    _RowPlant(BOSS_CARD_GROUPS, (BOSS_GROUP_SIZE, BOSS_GROUP_SIZE), False, _into_boss_card),
    _RowPlant(COLLEAGUE_CARDS, (2, 2), False, _into_colleague_card),
    _RowPlant(OWN_OTHER_CARDS, (1, 1), False, _into_own_other_card),
    _RowPlant(EXCESSIVE_PAYMENTS, (1, 1), False, _above_excessive_amount),
    _RowPlant(EXACT_LIMIT_PAYMENTS, (1, 1), False, _at_excessive_amount),
    _RowPlant(NON_DEDICATED_PAYROLLS, NON_DEDICATED_ROWS, True, _from_general_account),
)


def plant_ordinary_rows(
    rng: random.Random, free: FreeRows, worker_months: int, paying: int, registry: Registry
) -> None:
    """Change some ordinary payments: into a labour boss's card, a colleague's card, an unregistered card
    of the worker's own; above or exactly at the excessive amount; from another account than the wage
    account. The worker is paid all the same (no MISSED), just not as the law wants."""
    for plant in ROW_PLANTS:
        for _ in range(plant.quota.of(paying if plant.per_payroll else worker_months)):
            rows = free.take(rng.randint(*plant.rows))
            if rows:
                plant.change(rng, rows, registry)


def pay_outsiders(
    rng: random.Random,
    book: Payroll,
    projects: list[Project],
    paydays: dict[str, Payday],
    worker_months: int,
    registry: Registry,
) -> None:
    """UNREGISTERED_PAYEE: a payroll pays someone on no roster of the project, by ID (a labour boss, a
    worker of another project) or with no ID, name and card matching nobody (a boss)."""
    if not paydays:
        return
    paying = list(paydays)
    staffed = [p for p in projects if p.workers]
    places = {id(project): place for place, project in enumerate(staffed)}
    for number in range(OUTSIDER_PAYMENTS.of(worker_months)):
        day = paydays[rng.choice(paying)]
        variant = OUTSIDER_VARIANTS[(month_number(day.period) + number) % len(OUTSIDER_VARIANTS)]
        payee = (
            _worker_of_another_project(rng, _AllBut(staffed, places.get(id(day.project))), day.project)
            if variant == "other_project_worker"
            else None
        )
        if payee is None:
            payee = outsider(rng, registry, day.project.project_id)
        amount = Decimal(rng.randint(*OUTSIDER_AMOUNT))
        book.row(day, payee, amount, day.batch, hide_id=variant == "boss_without_id")


class _AllBut(Sequence):
    """The projects with workers but the payer, in their order, without copying them for every payment:
    `rng.choice` draws the same from it as from the list."""

    def __init__(self, staffed: list[Project], skipped: int | None) -> None:
        self.staffed, self.skipped = staffed, skipped

    def __len__(self) -> int:
        return len(self.staffed) - (self.skipped is not None)

    def __getitem__(self, index: int) -> Project:
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.staffed[index + (self.skipped is not None and index >= self.skipped)]


def _worker_of_another_project(
    rng: random.Random, others: Sequence[Project], payer: Project
) -> Worker | None:
    """A worker registered elsewhere whose ID is on no roster of the paying project."""
    if not others:
        return None
    ids_here = {w.id_number for w in payer.workers}
    worker = rng.choice(rng.choice(others).workers)
    return None if worker.id_number in ids_here else worker
