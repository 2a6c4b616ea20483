"""The truth of blacklist candidates (docs/contract.md section 4.3), judged again in plain Python from the
register, the workers' ledgers (ageing_oracle.py), the counted payments and the flags of the truth,
without the pipeline.

A contractor (its credit code, else its name) has its projects grouped by the region-code prefix of
[blacklist] bounds their region takes; each group is judged alone. A group owing now is a candidate
when what its workers are owed reaches the bound, and so many workers (one ID once), and the as-of date
is on or after the day its oldest unpaid wage was min_days_overdue old and past the time limit
(rectification_days from the first flag, the day after the due date plus grace_days). A group owing
nothing now is a former candidate when its arrears met those conditions on the day before its last late
payment (a transfer for a judged month made after the month's due date plus grace_days), counting the
months judged by that day and the transfers made before the payment."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from wagewatch.synthetic.ageing_oracle import Ledgers, Month, age
from wagewatch.synthetic.oracle import MISSED, NO_PAYROLL, PARTIAL, Payment, is_judged
from wagewatch.synthetic.periods import due_date
from wagewatch.synthetic.records import Flag, Project
from wagewatch.synthetic.thresholds import (
    BLACKLIST_EARLY_REMOVAL_MONTHS,
    BLACKLIST_MIN_DAYS_OVERDUE,
    BLACKLIST_RECTIFICATION_DAYS,
    BLACKLIST_TERM_YEARS,
    GRACE_DAYS,
    ZERO,
    blacklist_bound,
)

FLAGS_BEHIND = frozenset({MISSED, PARTIAL, NO_PAYROLL})
MONTHS_PER_YEAR = 12


@dataclass(frozen=True)
class Candidate:
    """A row of truth_blacklist.csv (and of the blacklist_candidates mart)."""

    credit_code: str  # "": a contractor known by name only
    name: str
    region_prefix: str
    judged_on: date
    owed_amount: Decimal
    workers_owed: int
    oldest_due_date: date
    candidate_since_date: date
    term_end_date: date
    paid_in_full_date: date | None
    early_removal_date: date | None
    project_ids: tuple[str, ...]
    new_project_ids: tuple[str, ...]
    flags_count: int  # the open MISSED_PAYMENT, PARTIAL_PAYMENT and NO_PAYROLL flags of its projects

    @property
    def days_overdue(self) -> int:
        return (self.judged_on - self.oldest_due_date).days


def add_months(day: date, months: int) -> date:
    """The same day `months` later, the month's last day where it has fewer."""
    index = day.year * MONTHS_PER_YEAR + day.month - 1 + months
    year, month = divmod(index, MONTHS_PER_YEAR)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def candidate_since(oldest_due: date) -> date:
    first_flag = oldest_due + timedelta(days=GRACE_DAYS + 1)
    time_limit = first_flag + timedelta(days=BLACKLIST_RECTIFICATION_DAYS)
    return max(oldest_due + timedelta(days=BLACKLIST_MIN_DAYS_OVERDUE), time_limit + timedelta(days=1))


@dataclass(frozen=True)
class _Group:
    key: str
    prefix: str
    owed_bound: Decimal
    workers_bound: int
    projects: tuple[Project, ...]


def _groups(projects: list[Project]) -> list[_Group]:
    grouped: dict[tuple[str, str], list[Project]] = {}
    bounds: dict[str, tuple[Decimal, int]] = {}
    for project in projects:
        key = project.credit_code.upper() or project.contractor
        bound = blacklist_bound(project.region_code)
        if key and bound:
            grouped.setdefault((key, bound[0]), []).append(project)
            bounds[bound[0]] = bound[1:]
    return [_Group(key, prefix, *bounds[prefix], tuple(group)) for (key, prefix), group in grouped.items()]


def _standing(
    group: _Group, ledgers: dict[str, list[tuple[str, list[Month]]]], day: date, paid_before: date | None
) -> tuple[Decimal, set[str], date | None, tuple[str, ...]]:
    """What the group's workers are owed on `day` (months judged by then, transfers before `paid_before`),
    how many IDs, the oldest unpaid wage's due date and the projects owing."""
    total, ids, oldest, owing = ZERO, set(), None, set()
    judged_by = day - timedelta(days=GRACE_DAYS)  # a month is judged once the day is past due + grace
    for project in group.projects:
        for id_number, months in ledgers.get(project.project_id, []):
            judged = months if paid_before is None else [m for m in months if m.due < judged_by]
            amount, due = age(judged, paid_before)
            if due is not None:
                total += amount
                ids.add(id_number)
                owing.add(project.project_id)
                oldest = due if oldest is None else min(oldest, due)
    return total, ids, oldest, tuple(sorted(owing))


def _last_late_payment(group: _Group, payments: list[Payment], as_of: date) -> date | None:
    pay_days = {project.project_id: project.pay_day for project in group.projects}
    late = [
        p.paid_at
        for p in payments
        if p.project_id in pay_days
        and p.worker is not None
        and is_judged(p.period, pay_days[p.project_id], as_of)
        and p.paid_at > due_date(p.period, pay_days[p.project_id]) + timedelta(days=GRACE_DAYS)
    ]
    return max(late, default=None)


def _candidate(
    group: _Group, ledgers: dict[str, list[tuple[str, list[Month]]]], payments: list[Payment], as_of: date
) -> Candidate | None:
    total, ids, oldest, owing = _standing(group, ledgers, as_of, None)
    paid_in_full = None
    if total <= ZERO:
        paid_in_full = _last_late_payment(group, payments, as_of)
        if paid_in_full is None:
            return None
        total, ids, oldest, owing = _standing(group, ledgers, paid_in_full - timedelta(days=1), paid_in_full)
    judged_on = as_of if paid_in_full is None else paid_in_full - timedelta(days=1)
    if total < group.owed_bound or len(ids) < group.workers_bound or oldest is None:
        return None
    since = candidate_since(oldest)
    if judged_on < since:
        return None
    return Candidate(
        credit_code=min(p.credit_code.upper() for p in group.projects),
        name=min(p.contractor for p in group.projects),
        region_prefix=group.prefix,
        judged_on=judged_on,
        owed_amount=total,
        workers_owed=len(ids),
        oldest_due_date=oldest,
        candidate_since_date=since,
        term_end_date=add_months(since, BLACKLIST_TERM_YEARS * MONTHS_PER_YEAR),
        paid_in_full_date=paid_in_full,
        early_removal_date=None
        if paid_in_full is None
        else add_months(paid_in_full, BLACKLIST_EARLY_REMOVAL_MONTHS),
        project_ids=owing,
        new_project_ids=(),  # set by judge_blacklist, over all of the contractor's projects
        flags_count=0,
    )


def judge_blacklist(
    projects: list[Project], ledger: Ledgers, payments: list[Payment], flags: list[Flag], as_of: date
) -> list[Candidate]:
    """Every contractor that is a candidate now or was one before it paid in full: of its groups, one that
    is a candidate now first, then the one owing most."""
    by_project: dict[str, list[tuple[str, list[Month]]]] = {}
    for (project_id, id_number), months in ledger.items():
        by_project.setdefault(project_id, []).append((id_number, months))
    groups = _groups(projects)
    chosen: dict[str, tuple[tuple, Candidate, _Group]] = {}
    for group in groups:
        found = _candidate(group, by_project, payments, as_of)
        if found is not None:
            rank = (found.paid_in_full_date is not None, -found.owed_amount, found.region_prefix)
            if group.key not in chosen or rank < chosen[group.key][0]:
                chosen[group.key] = (rank, found, group)
    flagged: dict[str, int] = {}
    for project_id, _, rule, _ in flags:
        if rule in FLAGS_BEHIND:
            flagged[project_id] = flagged.get(project_id, 0) + 1
    candidates = []
    for key, (_, found, group) in sorted(chosen.items()):
        mine = [p for g in groups if g.key == key for p in g.projects]
        new = sorted(p.project_id for p in mine if p.start_date >= found.candidate_since_date)
        count = sum(flagged.get(p.project_id, 0) for p in group.projects)
        candidates.append(replace(found, new_project_ids=tuple(new), flags_count=count))
    return candidates
