"""The roster plants: bad IDs, children and the old, missing contracts, pay below the minimum wage,
shared cards and one person on two projects, each beside near misses, on distinct workers."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
from itertools import islice

from wagewatch.synthetic.identities import ID_CHECK_CHARS, Registry, digits, id_check_char, is_male, unique
from wagewatch.synthetic.periods import DAYS_PER_YEAR, first_day, years_before
from wagewatch.synthetic.plants import (
    CONCURRENT_EXACT_PAIRS,
    CONCURRENT_PAIRS,
    ROSTER_PLANTS,
    SHARED_CARD_PAIRS,
)
from wagewatch.synthetic.records import DAILY, MONTHLY, Project, Worker
from wagewatch.synthetic.thresholds import (
    CENT,
    MAX_AGE_FEMALE,
    MAX_AGE_MALE,
    MIN_AGE,
    PAID_DAYS_PER_MONTH,
    minimum_wage,
)

NO_CONTRACT_CELLS = ("否", "否", "N", "no", "0")  # explicit noes as sites write them
BLANK = ""
BELOW_MINIMUM_FEN = (1, 40_000)  # a monthly rate this many fen below the minimum wage
IMPOSSIBLE_MONTH_DAYS = ("0230", "0229", "0431", "0631", "0931", "1131", "1301", "0000")
WRONG_BIRTH_YEAR = 1991  # not a leap year, so 0229 is impossible too


class _Picker:
    """Hands out workers in a shuffled order, each at most once, so that plants never overlap."""

    def __init__(self, rng: random.Random, projects: list[Project]) -> None:
        self.pool = [worker for project in projects for worker in project.workers]
        rng.shuffle(self.pool)
        self.taken: set[int] = set()
        self.start = 0  # everything before it is taken
        self.of_project: dict[str, list[Worker]] = {}  # project_id -> its workers, in the pool's order
        for worker in self.pool:
            self.of_project.setdefault(worker.project_id, []).append(worker)

    def pick(self, accept: Callable[[Worker], bool] = lambda worker: True) -> Worker | None:
        while self.start < len(self.pool) and id(self.pool[self.start]) in self.taken:
            self.start += 1
        for worker in islice(self.pool, self.start, None):
            if id(worker) not in self.taken and accept(worker):
                self.taken.add(id(worker))
                return worker
        return None

    def pick_of_project(self, project_id: str) -> Worker | None:
        """What `pick(lambda w: w.project_id == project_id)` picks, without walking the whole pool."""
        workers = self.of_project.get(project_id, [])
        while workers and id(workers[0]) in self.taken:
            workers.pop(0)
        if not workers:
            return None
        self.taken.add(id(workers[0]))
        return workers.pop(0)


def _reborn(rng: random.Random, worker: Worker, registry: Registry, born: date, male: bool) -> None:
    """A new, valid ID for the worker with this birth date and sex."""
    worker.id_number = registry.id_number(rng, born, male)


def _underage(rng: random.Random, project: Project, worker: Worker, registry: Registry) -> None:
    """15 or younger on the entry date: turns 16 from a day to about two years after it."""
    born = years_before(worker.entry_date, MIN_AGE) + timedelta(days=rng.randint(1, 2 * DAYS_PER_YEAR))
    _reborn(rng, worker, registry, born, is_male(worker.id_number))


def _sixteen_on_entry(rng: random.Random, project: Project, worker: Worker, registry: Registry) -> None:
    _reborn(rng, worker, registry, years_before(worker.entry_date, MIN_AGE), is_male(worker.id_number))


def _overage(male: bool) -> Callable[[random.Random, Project, Worker, Registry], None]:
    """Older than the maximum age on entry: past it on the entry day itself or up to 3 years before."""
    limit = MAX_AGE_MALE if male else MAX_AGE_FEMALE

    def plant(rng: random.Random, project: Project, worker: Worker, registry: Registry) -> None:
        born = years_before(worker.entry_date, limit + 1) - timedelta(days=rng.randint(0, 3 * DAYS_PER_YEAR))
        _reborn(rng, worker, registry, born, male)

    return plant


def _at_maximum_age(male: bool) -> Callable[[random.Random, Project, Worker, Registry], None]:
    """Exactly at the maximum age on entry: one day short of the next birthday."""
    limit = MAX_AGE_MALE if male else MAX_AGE_FEMALE

    def plant(rng: random.Random, project: Project, worker: Worker, registry: Registry) -> None:
        _reborn(rng, worker, registry, years_before(worker.entry_date, limit + 1) + timedelta(days=1), male)

    return plant


def _wrong_check_char(rng: random.Random, project: Project, worker: Worker, registry: Registry) -> None:
    valid = worker.id_number
    wrong = [char for char in ID_CHECK_CHARS if char != valid[-1]]
    worker.id_number = unique(lambda: valid[:17] + rng.choice(wrong), registry.ids)


def _impossible_birth_date(rng: random.Random, project: Project, worker: Worker, registry: Registry) -> None:
    """A birth date no calendar has, with a correct check character: only the date is wrong."""
    valid = worker.id_number

    def make() -> str:
        first17 = f"{valid[:6]}{WRONG_BIRTH_YEAR}{rng.choice(IMPOSSIBLE_MONTH_DAYS)}{digits(rng, 3)}"
        return first17 + id_check_char(first17)

    worker.id_number = unique(make, registry.ids)


def _old_15_digit_id(rng: random.Random, project: Project, worker: Worker, registry: Registry) -> None:
    """The first-generation ID still on an old roster: a two-digit year and no check character."""
    valid = worker.id_number
    worker.id_number = unique(lambda: valid[:6] + valid[8:14] + digits(rng, 3), registry.ids)


def _no_contract(rng: random.Random, project: Project, worker: Worker, registry: Registry) -> None:
    worker.contract = rng.choice(NO_CONTRACT_CELLS)


def _blank_contract(rng: random.Random, project: Project, worker: Worker, registry: Registry) -> None:
    worker.contract = BLANK


def lowest_daily_rate_at(minimum: Decimal) -> Decimal:
    """The lowest daily rate in fen whose × 21.75 is not below the minimum (equal when it divides)."""
    return (minimum / PAID_DAYS_PER_MONTH).quantize(CENT, rounding=ROUND_CEILING)


def _set_wage(worker: Worker, wage_type: str, rate: Decimal) -> None:
    worker.wage_type, worker.wage_rate = wage_type, rate


def _below_minimum_monthly(rng: random.Random, project: Project, worker: Worker, registry: Registry) -> None:
    minimum = minimum_wage(project.region_code)
    if minimum is not None:
        _set_wage(worker, MONTHLY, minimum - Decimal(rng.randint(*BELOW_MINIMUM_FEN)) * CENT)


def _below_minimum_daily(rng: random.Random, project: Project, worker: Worker, registry: Registry) -> None:
    """The highest daily rate whose × 21.75 is still below the minimum (79.54 × 21.75 = 1,729.995)."""
    minimum = minimum_wage(project.region_code)
    if minimum is not None:
        _set_wage(worker, DAILY, lowest_daily_rate_at(minimum) - CENT)


def _minimum_monthly(rng: random.Random, project: Project, worker: Worker, registry: Registry) -> None:
    minimum = minimum_wage(project.region_code)
    if minimum is not None:
        _set_wage(worker, MONTHLY, minimum)


def _minimum_daily(rng: random.Random, project: Project, worker: Worker, registry: Registry) -> None:
    minimum = minimum_wage(project.region_code)
    if minimum is not None:
        _set_wage(worker, DAILY, lowest_daily_rate_at(minimum))


ROSTER_PLANTERS: dict[str, Callable[[random.Random, Project, Worker, Registry], None]] = {
    "wrong_check_char": _wrong_check_char,
    "impossible_birth_date": _impossible_birth_date,
    "old_15_digit_id": _old_15_digit_id,
    "underage": _underage,
    "sixteen_on_entry": _sixteen_on_entry,
    "overage_man": _overage(male=True),
    "sixty_man": _at_maximum_age(male=True),
    "overage_woman": _overage(male=False),
    "fifty_woman": _at_maximum_age(male=False),
    "no_contract": _no_contract,
    "blank_contract": _blank_contract,
    "below_minimum_monthly": _below_minimum_monthly,
    "below_minimum_daily": _below_minimum_daily,
    "minimum_monthly": _minimum_monthly,
    "minimum_daily": _minimum_daily,
}
SEXED_PLANTS = {"overage_man": True, "sixty_man": True, "overage_woman": False, "fifty_woman": False}


@dataclass
class ConcurrentPair:
    """One person on two projects' rosters; `over`: once more days in all than the month has."""

    here: Worker
    there: Worker
    over: bool


def _full_window(periods: list[str]) -> Callable[[Worker], bool]:
    """On the roster for the whole window, so every month can hold attendance on both projects."""
    return lambda worker: worker.entry_date == first_day(periods[0]) and worker.exit_date is None


def _concurrent_pair(
    picker: _Picker,
    registry: Registry,
    periods: list[str],
    over: bool,
    province: dict[str, str] | None = None,
) -> ConcurrentPair | None:
    """The worker of a second project becomes the first worker: same name, ID and card, on both rosters;
    given each project's province, the second project is in another province than the first."""
    full = _full_window(periods)
    here = picker.pick(full)
    if here is None:
        return None
    there = picker.pick(
        lambda w: (
            full(w)
            and w.project_id != here.project_id
            and here.name not in registry.names.get(w.project_id, set())
            and (province is None or province[w.project_id] != province[here.project_id])
        )
    )
    if there is None:
        return None
    registry.names[there.project_id].add(here.name)
    there.name, there.id_number = here.name, here.id_number
    there.bank_account, there.bank_name = here.bank_account, here.bank_name
    return ConcurrentPair(here, there, over)


def _shared_card_pair(picker: _Picker) -> None:
    """A second worker of the project registered with the first one's card (SHARED_ACCOUNT on the roster)."""
    holder = picker.pick()
    if holder is None:
        return
    other = picker.pick_of_project(holder.project_id)
    if other is not None:
        other.bank_account, other.bank_name = holder.bank_account, holder.bank_name


def plant_rosters(
    rng: random.Random, projects: list[Project], periods: list[str], registry: Registry
) -> list[ConcurrentPair]:
    """Plant the roster rules and their near misses on distinct workers; return the concurrent pairs."""
    picker = _Picker(rng, projects)
    workers = len(picker.pool)
    # across provinces, the first pair is a migrant worker on two sites in two provinces in one month
    province = {project.project_id: project.region_code[:2] for project in projects}
    across = province if len(set(province.values())) > 1 else None
    pairs = [
        _concurrent_pair(picker, registry, periods, over, across if over and number == 0 else None)
        for over, quota in ((True, CONCURRENT_PAIRS), (False, CONCURRENT_EXACT_PAIRS))
        for number in range(quota.of(workers))
    ]
    for _ in range(SHARED_CARD_PAIRS.of(workers)):
        _shared_card_pair(picker)
    by_id = {project.project_id: project for project in projects}
    for kind, quota in ROSTER_PLANTS.items():
        for _ in range(quota.of(workers)):
            sex = SEXED_PLANTS.get(kind)
            worker = (
                picker.pick(lambda w, sex=sex: sex is None or is_male(w.id_number) == sex) or picker.pick()
            )
            if worker is not None:
                ROSTER_PLANTERS[kind](rng, by_id[worker.project_id], worker, registry)
    return [pair for pair in pairs if pair is not None]
