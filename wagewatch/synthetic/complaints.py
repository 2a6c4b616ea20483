"""Complaints (投诉举报) planted in a generated inbox: one or two of every verdict with their near misses
(docs/contract.md section 3.6), chosen from what the other plants made, and written as one CSV file.
Their verdicts are not decided here: complaint_oracle.py judges the file as written.

The plants draw from a generator of their own, seeded from the inbox's seed, so that adding them moved
no byte of the other files."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from wagewatch.synthetic.complaint_oracle import CORROBORATING, Complaint
from wagewatch.synthetic.identities import Registry, is_valid_id, outsider
from wagewatch.synthetic.oracle import Payment
from wagewatch.synthetic.periods import month_number, on_roster, shift
from wagewatch.synthetic.records import MONTHLY, Flag, Project, Worker

HEADER = (
    "投诉编号",
    "受理日期",
    "投诉渠道",
    "项目编号",
    "项目名称",
    "投诉人姓名",
    "投诉人身份证号",
    "欠薪月份",
    "诉求金额",
)
CHANNELS = ("12333", "网站", "告示牌", "来访")
UNKNOWN_PROJECT_ID = "P369999-0999"  # a project no register holds
UNKNOWN_PROJECT_NAME = "未登记的某某花园项目"
DAYS_A_DAILY_WORKER_CLAIMS = 22
RECEIVED_WITHIN_DAYS = 20  # complaints arrive in the weeks before the as-of date
CORRECTED_NUMBER = 999  # the complaint logged twice, far from the others' numbers


def _written(period: str, style: int) -> str:
    """A month as complaints write it: 2026-08, 2026年8月, 202608."""
    year, month = period[:4], int(period[5:])
    return (f"{year}-{month:02d}", f"{year}年{month}月", f"{year}{month:02d}")[style % 3]


class _Planter:
    def __init__(self, rng: random.Random, as_of: date) -> None:
        self.rng, self.as_of = rng, as_of
        self.complaints: list[Complaint] = []

    def add(self, project: Project, name: str, id_number: str, months: list[str], **cells: str) -> None:
        """One complaint; a row with the complaint_id of the one before corrects it (received that day)."""
        number = len(self.complaints) + 1
        received = self.as_of - timedelta(days=self.rng.randint(1, RECEIVED_WITHIN_DAYS))
        if self.complaints and self.complaints[-1].complaint_id == cells.get("complaint_id"):
            received = self.complaints[-1].received_on
        if len(months) > 1 and number % 2:
            periods = f"{_written(months[0], number)}~{_written(months[-1], number)}"  # a range
        else:
            periods = "、".join(_written(month, number) for month in months)
        self.complaints.append(
            Complaint(
                complaint_id=cells.get("complaint_id", f"TS{self.as_of:%Y%m}{number:03d}"),
                received_on=received,
                channel=CHANNELS[number % len(CHANNELS)],
                project_id=cells.get("project_id", project.project_id),
                project_name=cells.get("project_name", project.name),
                worker_name=name,
                id_number=id_number,
                periods=periods,
                claimed_amount=cells.get("claimed_amount", ""),
            )
        )


def _claim(worker: Worker, months: int) -> str:
    rate = worker.wage_rate if worker.wage_type == MONTHLY else worker.wage_rate * DAYS_A_DAILY_WORKER_CLAIMS
    return f"{rate * months:.2f}"


def _single_stints(projects: list[Project]) -> list[tuple[Project, Worker]]:
    """Workers with one stint on their project and a valid ID: a claim's month has one wage in force,
    and the complaint raises no intake warning."""
    counts: dict[tuple[str, str], int] = {}
    for project in projects:
        for worker in project.workers:
            counts[project.project_id, worker.id_number] = (
                counts.get((project.project_id, worker.id_number), 0) + 1
            )
    return [
        (p, w)
        for p in projects
        for w in p.workers
        if counts[p.project_id, w.id_number] == 1 and is_valid_id(w.id_number)
    ]


def plant_complaints(
    seed: int,
    projects: list[Project],
    periods: list[str],
    as_of: date,
    flags: list[Flag],
    payments: list[Payment],
    registry: Registry,
) -> list[Complaint]:
    """Complaints of every verdict, each beside its near miss, as far as the inbox has candidates."""
    rng = random.Random(f"{seed}/complaints")
    planter = _Planter(rng, as_of)
    stints = _single_stints(projects)
    by_key = {(p.project_id, w.id_number): (p, w) for p, w in stints}
    flagged_set = {(p, period, who) for p, period, rule, who in flags if rule in CORROBORATING}
    flagged = sorted(flagged_set)
    paid = sorted({(x.project_id, x.period, x.worker) for x in payments if x.worker and x.period in periods})
    paid = [key for key in paid if key not in flagged_set and (key[0], key[2]) in by_key]
    # corroborated: a flagged month, claimed alone or with the month before it (a range, or a list)
    flagged = [key for key in flagged if (key[0], key[2]) in by_key]
    for project_id, period, who in rng.sample(flagged, min(2, len(flagged))):
        project, worker = by_key[project_id, who]
        months = [m for m in (shift(period, -1), period) if m in periods and on_roster(worker, m)]
        amount = _claim(worker, len(months))
        planter.add(project, worker.name, worker.id_number, months, claimed_amount=amount)
    # paid: a month paid in full; the near miss names the worker with a misspelt name, or by the
    # project's name alone; the ID decides
    for number, (project_id, period, who) in enumerate(rng.sample(paid, min(3, len(paid)))):
        project, worker = by_key[project_id, who]
        name = worker.name if number != 1 else worker.name[0] + "某"
        cells = {"project_id": ""} if number == 2 else {}
        planter.add(project, name, who.lower() if number == 0 else who, [period], **cells)
    # not_on_roster: someone on no roster; and a worker after leaving the site (the near miss: the
    # month they left is still on the roster)
    for project in rng.sample(projects, min(2, len(projects))):
        person = outsider(rng, registry, project.project_id)
        planter.add(project, person.name, person.id_number, periods[-2:])
    pending = shift(periods[-1], 1)
    left = [
        (p, w)
        for p, w in stints
        if w.exit_date and month_number(f"{w.exit_date:%Y-%m}") < month_number(pending)
    ]
    for project, worker in rng.sample(left, min(1, len(left))):
        after = shift(f"{worker.exit_date:%Y-%m}", 1)
        planter.add(project, worker.name, worker.id_number, [after])
        planter.add(project, worker.name, worker.id_number, [f"{worker.exit_date:%Y-%m}"])
    # no_data: the month not yet due (nothing paid for it yet)
    for project, worker in rng.sample(stints, min(2, len(stints))):
        if on_roster(worker, pending):
            planter.add(project, worker.name, worker.id_number, [pending])
    # unknown_project: a project_id no register holds, and a name no project bears
    if stints:
        project, worker = rng.choice(stints)
        planter.add(project, worker.name, worker.id_number, periods[-1:], project_id=UNKNOWN_PROJECT_ID)
        unnamed = {"project_id": "", "project_name": UNKNOWN_PROJECT_NAME}
        planter.add(project, worker.name, worker.id_number, periods[-1:], **unnamed)
    # a complaint logged twice: the first row with a wrong ID (on no roster), then corrected
    if stints:
        project, worker = rng.choice(stints)
        person = outsider(rng, registry, project.project_id)
        corrected = f"TS{as_of:%Y%m}{CORRECTED_NUMBER:03d}"
        planter.add(project, worker.name, person.id_number, periods[-1:], complaint_id=corrected)
        planter.add(project, worker.name, worker.id_number, periods[-1:], complaint_id=corrected)
    return planter.complaints


def write_complaints(folder: Path, complaints: list[Complaint], as_of: date) -> None:
    """One complaints file, UTF-8 CSV as a brigade's case system exports it."""
    rows = [
        (c.complaint_id, c.received_on.isoformat(), c.channel, c.project_id, c.project_name, *c.cells)
        for c in complaints
    ]
    with (folder / f"complaints_{as_of:%Y%m}.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows([HEADER, *rows])
