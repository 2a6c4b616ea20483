"""The plants of arrears ageing and blacklist candidates (docs/contract.md sections 4.2 and 4.3), each
beside its near miss, on sites of their own: each case is a contractor of its own whose projects' workers
are paid in full on their due dates but for what the case plants on its first worker, so that the
contractor's standing is exactly the case's. By the days the oldest unpaid wage is overdue on the as-of
date (the month and the project's pay day are chosen for it):
  yellow_at_30       30 days: yellow, the stage's last day
  orange_at_31       31 days: orange, its first
  orange_at_60       60 days, owed above the amount bound: orange, and a day short of min_days_overdue
  red_at_61          61 days, owed exactly the amount bound: red, a candidate from the as-of date on; its
                     contractor also registers a project starting on the as-of date (a new project) and
                     one starting the day before (not one), neither with workers yet
and, the window's first month unpaid (pay day 10):
  a_fen_below        owed a fen below the amount bound: no candidate
  two_sites          half the bound on each of two projects of one contractor: a candidate by the sum
  paid_in_full       paid late, in full, min_days_overdue + 1 days after it was due: a candidate on the day
                     before, so a former candidate, with its early removal date
  paid_a_day_sooner  paid min_days_overdue days after: 60 days overdue the day before, no candidate
  offset_owed        (3 months or more) the third month from the end unpaid, the next paid twice over, the
                     last unpaid: the overpaid month pays the oldest, so the last month is the oldest
                     unpaid, and the contractor is no candidate
  offset_settled     (3 months or more) the same, the last month paid late: owing nothing, and no former
                     candidate (the day before, the oldest unpaid wage was the last month's)
A case whose month falls outside the window, or whose late payment would come after the as-of date, is
left out. The draws come from a random source of their own, seeded from the inbox's seed, and the
projects are numbered after the others: the other projects' draws stay as they were.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from wagewatch.synthetic.bank_layouts import BANK_LAYOUTS, BANK_TITLE_BANKS, bank_table
from wagewatch.synthetic.identities import (
    Registry,
    credit_code,
)
from wagewatch.synthetic.periods import compact_date, due_date, first_day, shift
from wagewatch.synthetic.records import MONTHLY, Attendance, BankFile, BankRow, Project
from wagewatch.synthetic.rosters import (
    MONTHLY_RATE,
    REGION_CODES,
    REGIONS,
    SECTOR_WORKS,
    SECTORS,
    make_worker,
    project_id,
    wage_account,
)
from wagewatch.synthetic.thresholds import (
    AGEING_ORANGE_MAX_DAYS,
    AGEING_YELLOW_MAX_DAYS,
    BLACKLIST_MIN_DAYS_OVERDUE,
    CENT,
    blacklist_bound,
    cents,
)

CONTRACTORS = (  # none of rosters.CONTRACTORS: each case's contractor has no other project
    "江西赣州公路建设有限公司",
    "江西九江建工有限公司",
    "上饶市城投建设工程有限公司",
    "宜春市水利工程建设有限公司",
    "抚州市鼎盛建筑有限公司",
    "新余市华晟建设工程有限公司",
    "鹰潭市信江建设有限公司",
    "江西赣鄱路桥工程有限公司",
    "吉安市庐陵建筑安装有限公司",
    "萍乡市武功山建设有限公司",
)
FIRST_MONTH_PAY_DAY = 10  # the cases on the window's first month
DAYS_WORKED = 22  # above 21.75: a monthly worker is owed the whole rate
WORKERS_PER_SITE = 2  # the first carries the case; the second is paid in full on time
ABOVE_BOUND = Decimal(1000)  # owed this much above the amount bound: only the age decides
OVERPAID_TIMES = 2  # the offset cases' overpaid month is paid this many times its wage
START_DAYS_BEFORE = 200  # a site starts this many days before the window
END_DAYS_AFTER = 500  # and ends this many days after the as-of date
BANK_REF_PREFIX = "E"  # its own bank references: none collides with the other files'
DEFAULT_BOUND = Decimal(5000)  # the amounts when the sites' region has no bound (then nothing is judged)

Pay = tuple[Decimal, date]  # a successful transfer: amount, day


@dataclass
class Site:
    """A project of a case, with the first worker's wage and planted payments (period -> transfers;
    a month not named is paid in full on its due date)."""

    case: str
    project: Project
    rate: Decimal | None  # None: drawn as an ordinary wage
    pays: dict[str, list[Pay]] = field(default_factory=dict)


@dataclass
class EnforcementPlants:
    rng: random.Random
    sites: list[Site]
    projects: list[Project]  # every project of the cases, in number order (new projects without sites)


def _aged(days: int, periods: list[str], as_of: date) -> tuple[str, int] | None:
    """The month and pay day whose due date is `days` before the as-of date, if in the window."""
    due = as_of - timedelta(days=days)
    period = shift(f"{due:%Y-%m}", -1)
    return (period, due.day) if period in periods else None


def _cases(periods: list[str], as_of: date, bound: Decimal) -> list[tuple[str, int, list[Site]]]:
    """(case, pay day, its sites, their projects still to make) of every case the window has room for:
    the ageing cases at the stages' bounds ([ageing]; by default they are also min_days_overdue's)."""
    above = bound + ABOVE_BOUND
    cases: list[tuple[str, int, list[Site]]] = []
    for case, days, rate in (
        ("yellow_at_30", AGEING_YELLOW_MAX_DAYS, None),
        ("orange_at_31", AGEING_YELLOW_MAX_DAYS + 1, None),
        ("orange_at_60", AGEING_ORANGE_MAX_DAYS, above),  # and min_days_overdue - 1, by default
        ("red_at_61", AGEING_ORANGE_MAX_DAYS + 1, bound),  # and min_days_overdue
    ):
        aged = _aged(days, periods, as_of)
        if aged:
            cases.append((case, aged[1], [Site(case, None, rate, {aged[0]: []})]))
    first = periods[0]
    due = due_date(first, FIRST_MONTH_PAY_DAY)
    half = cents(bound / 2)
    cases.append(("a_fen_below", FIRST_MONTH_PAY_DAY, [Site("a_fen_below", None, bound - CENT, {first: []})]))
    cases.append(
        (
            "two_sites",
            FIRST_MONTH_PAY_DAY,
            [Site("two_sites", None, half, {first: []}), Site("two_sites", None, bound - half, {first: []})],
        )
    )
    for case, late_days in (("paid_in_full", 1), ("paid_a_day_sooner", 0)):
        paid_on = due + timedelta(days=BLACKLIST_MIN_DAYS_OVERDUE + late_days)
        if paid_on <= as_of:
            cases.append((case, FIRST_MONTH_PAY_DAY, [Site(case, None, above, {first: [(above, paid_on)]})]))
    if len(periods) >= 3:
        oldest, overpaid, last = periods[-3:]
        last_due = due_date(last, FIRST_MONTH_PAY_DAY)
        settled_on = last_due + timedelta(days=(as_of - last_due).days // 2)
        twice = [(above * OVERPAID_TIMES, due_date(overpaid, FIRST_MONTH_PAY_DAY))]
        for case, last_pays in (("offset_owed", []), ("offset_settled", [(above, settled_on)])):
            pays = {oldest: [], overpaid: twice, last: last_pays}
            cases.append((case, FIRST_MONTH_PAY_DAY, [Site(case, None, above, pays)]))
    return cases


def plan_enforcement(
    seed: int, projects: list[Project], periods: list[str], as_of: date, *, planted: bool = True
) -> EnforcementPlants:
    """The cases' projects, numbered after `projects`, each case with a contractor of its own; none when
    not `planted` (an inbox of bad months, where every project has findings in every month)."""
    rng = random.Random(f"enforcement:{seed}")
    if not planted:
        return EnforcementPlants(rng, [], [])
    accounts = {project.wage_account for project in projects}
    region = REGION_CODES[0]
    bound = (blacklist_bound(region) or (None, DEFAULT_BOUND))[1]
    sites: list[Site] = []
    made: list[Project] = []

    def project(contractor: str, code: str, pay_day: int, start: date) -> Project:
        number = max(p.number for p in projects) + len(made) + 1  # a city's projects start anywhere
        sector = SECTORS[number % len(SECTORS)]
        account = wage_account(rng, accounts)
        made.append(
            Project(
                number=number,
                project_id=project_id(region, number),
                name=f"{REGIONS[region][0]}{SECTOR_WORKS[sector][0]}{number}标段",
                region_code=region,
                contractor=contractor,
                credit_code=code,
                wage_account=account,
                pay_day=pay_day,
                sector=sector,
                start_date=start,
                end_date=as_of + timedelta(days=END_DAYS_AFTER),
            )
        )
        return made[-1]

    started = first_day(periods[0]) - timedelta(days=START_DAYS_BEFORE)
    cases = _cases(periods, as_of, bound)
    for contractor, (case, pay_day, case_sites) in zip(CONTRACTORS, cases, strict=False):
        code = credit_code(rng, region)
        for site in case_sites:
            site.project = project(contractor, code, pay_day, started)
            sites.append(site)
        if case == "red_at_61":  # its new project, and the near miss that started the day before
            for start in (as_of, as_of - timedelta(days=1)):
                project(contractor, code, FIRST_MONTH_PAY_DAY, start)
    return EnforcementPlants(rng, sites, made)


def staff_and_pay(
    plants: EnforcementPlants, periods: list[str], registry: Registry, as_of: date
) -> tuple[Attendance, list[BankFile]]:
    """The sites' workers (on site the whole window, paid monthly), their attendance, and one bank file
    per period with every transfer the cases make."""
    rng = plants.rng
    attendance: Attendance = {}
    by_period: dict[str, list[BankRow]] = {period: [] for period in periods}
    for site in plants.sites:
        project = site.project
        project.workers = [make_worker(rng, project, periods, registry) for _ in range(WORKERS_PER_SITE)]
        for number, worker in enumerate(project.workers):
            worker.entry_date, worker.exit_date = first_day(periods[0]), None
            worker.wage_type = MONTHLY
            drawn = Decimal(rng.randint(*MONTHLY_RATE))
            worker.wage_rate = site.rate if number == 0 and site.rate is not None else drawn
        for period in periods:
            attendance[project.project_id, period] = {w.id_number: DAYS_WORKED for w in project.workers}
            due = due_date(period, project.pay_day)
            for number, worker in enumerate(project.workers):
                pays = site.pays.get(period) if number == 0 else None
                for amount, day in [(worker.wage_rate, due)] if pays is None else pays:
                    by_period[period].append(BankRow(project, worker, amount, day, period))
    return attendance, _bank_files(by_period, as_of)


def _bank_files(by_period: dict[str, list[BankRow]], as_of: date) -> list[BankFile]:
    layout = BANK_LAYOUTS[0]  # names the project and the period
    files, sequence = [], 0
    for period, rows in by_period.items():
        rows = sorted((row for row in rows if row.paid_at <= as_of), key=lambda row: row.paid_at)
        for row in rows:
            sequence += 1
            row.bank_ref = f"{BANK_REF_PREFIX}{compact_date(row.paid_at)}{sequence:07d}"
        if rows:
            title = f"{BANK_TITLE_BANKS[0]}代发工资明细"
            name = f"bank_sites_{period.replace('-', '')}.txt"
            files.append(BankFile(name, title, layout, bank_table(layout, rows)))
    return files
