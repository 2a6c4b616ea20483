"""The plants of exit settlement, EXCESSIVE_PAYMENT's yearly bound and the minimum wage in force, each
beside its near miss: leavers left owed and leavers settled; a year's pay one fen above the yearly
bound and exactly at it; a stint that stays into a new minimum-wage standard and one that leaves the day
before it takes effect."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import ROUND_DOWN, Decimal

from wagewatch.synthetic.periods import first_day, last_day
from wagewatch.synthetic.records import MONTHLY, Owed, Pairs, Project, Worker, WorkerKey
from wagewatch.synthetic.rosters import DAILY_RATE, MONTHLY_RATE
from wagewatch.synthetic.thresholds import CENT, EXCESSIVE_YEARLY_AMOUNT, minimum_wage_notices

# A leaver's exit month: left unpaid or short (EXIT_NOT_SETTLED), or paid late or short within the
# tolerance by the as-of date (settled: near misses). Each period, one leaver of each where there are any.
LEAVER_PLANTS = ("missed", "partial", "late", "short_within_tolerance")
KNOWN_AMOUNT_PLANTS = frozenset({"partial", "short_within_tolerance"})
YEARLY_PAYEES = {"above": CENT, "at": Decimal(0)}  # the year's pay: the bound and this much more
BETWEEN_STANDARDS_GAP = Decimal(1)  # a rate this far above the old standard, below the new one


def plant_leavers(
    rng: random.Random, candidates: Owed, period: str, plants: dict[WorkerKey, str]
) -> dict[WorkerKey, str]:
    """The leaver plants of one period, among workers who leave in it and have no plant yet."""
    leavers = [
        (worker, amount)
        for worker, amount in candidates
        if worker.exit_date is not None
        and first_day(period) <= worker.exit_date <= last_day(period)
        and (worker.project_id, worker.id_number) not in plants
    ]
    rng.shuffle(leavers)
    chosen: dict[WorkerKey, str] = {}
    for kind in LEAVER_PLANTS:
        for worker, amount in leavers:
            key = (worker.project_id, worker.id_number)
            if key not in chosen and (amount is not None or kind not in KNOWN_AMOUNT_PLANTS):
                chosen[key] = kind
                break
    return chosen


def _ordinary_rate(worker: Worker) -> bool:
    """A rate as rosters.py draws them: no roster plant set it near a minimum wage."""
    return worker.wage_rate >= (MONTHLY_RATE[0] if worker.wage_type == MONTHLY else DAILY_RATE[0])


def _whole_window(worker: Worker, periods: list[str]) -> bool:
    return worker.entry_date <= first_day(periods[0]) and worker.exit_date is None


YearlyPayees = dict[WorkerKey, tuple[Worker, dict[str, Decimal]]]  # -> the worker, {period: amount}


def choose_yearly_payees(
    rng: random.Random, projects: list[Project], periods: list[str], no_payroll: Pairs
) -> YearlyPayees:
    """Workers on site the whole window, of one project paying every period, paid over the window's months
    of its last year the yearly bound and a fen more (flagged), or exactly the bound (a near miss):
    every month but the last the bound's share rounded down, the last the rest. They are paid so
    whether or not they are owed anything that month, and no other plant changes their payments."""
    year = [period for period in periods if period[:4] == periods[-1][:4]]
    share = (EXCESSIVE_YEARLY_AMOUNT / len(year)).quantize(CENT, rounding=ROUND_DOWN)
    unpaid = {project_id for project_id, _ in no_payroll}
    workers = [
        w
        for project in projects
        if project.project_id not in unpaid
        for w in project.workers
        if _whole_window(w, periods)
    ]
    # on one project, so that the overpaid months they make touch one project only (the sample keeps
    # projects with and without an overpaid month)
    first = rng.choice(workers) if workers else None
    mates = [w for w in workers if first is not None and w.project_id == first.project_id and w is not first]
    chosen = [first, *mates[: len(YEARLY_PAYEES) - 1]] if first is not None else []
    payees: YearlyPayees = {}
    for worker, extra in zip(chosen, YEARLY_PAYEES.values(), strict=False):
        last = EXCESSIVE_YEARLY_AMOUNT - share * (len(year) - 1) + extra
        amounts = {**dict.fromkeys(year[:-1], share), year[-1]: last}
        payees[(worker.project_id, worker.id_number)] = (worker, amounts)
    return payees


def plant_standard_change(rng: random.Random, projects: list[Project], periods: list[str]) -> None:
    """Where a new minimum wage takes effect inside the window, on one project of each region: a monthly
    worker paid just above the standard it replaces who stays past the day it takes effect
    (BELOW_MINIMUM_WAGE), and one paid the same who leaves the day before (a near miss). Only ordinary
    workers on one roster are changed: the other plants keep their wages and stints."""
    start, end = first_day(periods[0]), last_day(periods[-1])
    rosters: dict[str, int] = {}
    for worker in (w for project in projects for w in project.workers):
        rosters[worker.id_number] = rosters.get(worker.id_number, 0) + 1
    regions_done: set[str] = set()
    for project in projects:
        notices = minimum_wage_notices(project.region_code)
        inside = [i for i, (day, _) in enumerate(notices) if i and day is not None and start < day <= end]
        free = [
            w
            for w in project.workers
            if _whole_window(w, periods) and rosters[w.id_number] == 1 and _ordinary_rate(w)
        ]
        if project.region_code in regions_done or not inside or len(free) < 2:
            continue
        (day, new), (_, old) = notices[inside[-1]], notices[inside[-1] - 1]
        if new <= old + BETWEEN_STANDARDS_GAP:
            continue
        regions_done.add(project.region_code)
        staying, leaving = rng.sample(free, 2)
        for worker in (staying, leaving):
            worker.wage_type, worker.wage_rate = MONTHLY, old + BETWEEN_STANDARDS_GAP
        leaving.exit_date = day - timedelta(days=1)
