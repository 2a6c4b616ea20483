"""The monthly attendance: days worked by the workers on the roster, project-periods with none at all,
and the planted days of one ID on two sites and of people off the roster."""

from __future__ import annotations

import random

from wagewatch.synthetic.identities import Registry, outsider
from wagewatch.synthetic.periods import first_day, last_day, month_number, on_roster, roster_days
from wagewatch.synthetic.plants import STRAY_ATTENDANCE, ZERO_DAY_GHOSTS
from wagewatch.synthetic.records import DAILY, Attendance, Pairs, Project, Worker
from wagewatch.synthetic.roster_plants import ConcurrentPair

DAYS_WORKED = (15, 26)  # above 21.75 exercises the cap
ZERO_DAYS_SHARE = 0.015  # 0-day rows: on site's list, no work, not expected to be paid
SILENT_ATTENDANCE_SHARE = 0.005  # project-periods with no attendance at all (roster stands in)
CONCURRENT_DAYS_HERE = (14, 20)  # days on the first project in the month the ID is on both
CONCURRENT_EXCESS = (1, 4)  # days beyond the month's when the two projects' days are added
CONCURRENT_QUIET_DAYS = (5, 10)  # on the second project in the other months: well within the month
STRAY_VARIANTS = ("ghost", "not_yet_entered", "left")  # rotating by month: 2026-08 not yet entered, 09 left
STRAY_DAYS = (1, 12)  # days of a worker who left or has not yet entered


def _days_worked(rng: random.Random, worker: Worker, period: str) -> int:
    """Days from 15 to 26, scaled down for a part month on site; now and then a 0-day row."""
    if rng.random() < ZERO_DAYS_SHARE:
        return 0
    days, on_site, month = rng.randint(*DAYS_WORKED), roster_days(worker, period), last_day(period).day
    return (2 * days * on_site + month) // (2 * month)  # rounded half up, never above days on site


def silent_project_periods(rng: random.Random, projects: list[Project], periods: list[str]) -> Pairs:
    """Project-periods with no attendance at all, preferring projects with daily workers (unknown pay)."""
    with_daily = [p for p in projects if any(w.wage_type == DAILY for w in p.workers)] or projects
    pairs = [(p.project_id, period) for p in with_daily for period in periods]
    count = max(1, round(len(projects) * len(periods) * SILENT_ATTENDANCE_SHARE))
    return set(rng.sample(pairs, min(count, len(pairs))))


def make_attendance(
    rng: random.Random, projects: list[Project], periods: list[str], silent: Pairs
) -> Attendance:
    """(project_id, period) -> {id_number: days}, only for workers on the roster that month."""
    attendance: Attendance = {}
    for period in periods:
        for project in projects:
            if (project.project_id, period) in silent:
                continue
            present = [w for w in project.workers if on_roster(w, period)]
            days = {w.id_number: _days_worked(rng, w, period) for w in present}
            if days:
                attendance[project.project_id, period] = days
    return attendance


def plant_concurrent_days(
    rng: random.Random, pairs: list[ConcurrentPair], periods: list[str], attendance: Attendance
) -> None:
    """In one month both projects' days add up to more than the month has (or, for a near miss, to
    exactly its days); in the others the second project has a few days only, well within the month."""
    for pair in pairs:
        here, there = (
            (pair.here.project_id, pair.here.id_number),
            (pair.there.project_id, pair.there.id_number),
        )
        both = [p for p in periods if (here[0], p) in attendance and (there[0], p) in attendance]
        if not both:
            continue
        chosen = rng.choice(both)
        for period in both:
            month = last_day(period).day
            days_here = rng.randint(*CONCURRENT_DAYS_HERE)
            if period == chosen:
                total = month + (rng.randint(*CONCURRENT_EXCESS) if pair.over else 0)
            else:  # never near the month's days, February included
                total = days_here + min(rng.randint(*CONCURRENT_QUIET_DAYS), month - 1 - days_here)
            attendance[here[0], period][here[1]] = days_here
            attendance[there[0], period][there[1]] = total - days_here


def _stray_candidates(rng: random.Random, projects: list[Project], period: str) -> dict[str, list[Worker]]:
    """Workers of the project off its roster in P: those who left before P, those entering after it."""
    strays: dict[str, list[Worker]] = {"left": [], "not_yet_entered": []}
    for project in projects:
        for worker in project.workers:
            if worker.exit_date is not None and worker.exit_date < first_day(period):
                strays["left"].append(worker)
            elif worker.entry_date > last_day(period):
                strays["not_yet_entered"].append(worker)
    for workers in strays.values():
        rng.shuffle(workers)
    return strays


def plant_stray_attendance(
    rng: random.Random,
    projects: list[Project],
    periods: list[str],
    attendance: Attendance,
    registry: Registry,
) -> None:
    """UNREGISTERED_WORKER: days on a project for an ID off its roster that month (a ghost on no roster,
    a worker who left, one not yet entered); near misses: 0-day rows for ghosts. Only in project-periods
    that have attendance, so the roster never has to stand in for it."""
    for period in periods:
        attended = [p for p in projects if (p.project_id, period) in attendance]
        if not attended:
            continue
        rows = sum(len(attendance[p.project_id, period]) for p in attended)
        strays = _stray_candidates(rng, attended, period)
        for number in range(STRAY_ATTENDANCE.of(rows)):
            variant = STRAY_VARIANTS[(month_number(period) + number) % len(STRAY_VARIANTS)]
            if variant != "ghost" and strays[variant]:
                worker = strays[variant].pop()
                attendance[worker.project_id, period][worker.id_number] = rng.randint(*STRAY_DAYS)
            else:
                project_id = rng.choice(attended).project_id
                ghost = outsider(rng, registry, project_id)
                attendance[project_id, period][ghost.id_number] = rng.randint(*DAYS_WORKED)
        for _ in range(ZERO_DAY_GHOSTS.of(rows)):
            project_id = rng.choice(attended).project_id
            attendance[project_id, period][outsider(rng, registry, project_id).id_number] = 0
