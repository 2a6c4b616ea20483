"""The oracle of complaints (docs/contract.md section 3.6): each complaint, read from the cells as they
are written, gets its verdict from the projects, rosters, attendance, counted payments and the flags
the other oracles found, in plain Python, under the same independence as oracle.py
(tests/synthetic/test_independence.py). A complainant on no roster month claimed is the flag
COMPLAINT_UNREGISTERED_WORKER."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from wagewatch.synthetic.oracle import Payment, expected_amount
from wagewatch.synthetic.periods import month_number, on_roster
from wagewatch.synthetic.records import Attendance, Flag, Project, Worker
from wagewatch.synthetic.thresholds import PARTIAL_TOLERANCE, ZERO

UNREGISTERED_COMPLAINANT = "COMPLAINT_UNREGISTERED_WORKER"
UNKNOWN_PROJECT, NOT_ON_ROSTER = "unknown_project", "not_on_roster"
CORROBORATED, PAID, NO_DATA = "corroborated", "paid", "no_data"
VERDICTS = (UNKNOWN_PROJECT, NOT_ON_ROSTER, CORROBORATED, PAID, NO_DATA)
# the flags about a worker's own pay for a month, which bear a complaint out
CORROBORATING = frozenset({"MISSED_PAYMENT", "PARTIAL_PAYMENT", "LATE_PAYMENT", "ACCOUNT_MISMATCH"})
_ITEMS = re.compile(r"[,、;\s]+")
_RANGE = re.compile(r"\s*(?:~|至|到)\s*")
_MONTH = re.compile(r"(\d{4})\s*[-/.年]?\s*(\d{1,2})\s*月?")


@dataclass(frozen=True)
class Complaint:
    """One row of the complaints file, as its cells are written."""

    complaint_id: str
    received_on: date
    channel: str
    project_id: str  # "": named by project_name
    project_name: str
    worker_name: str
    id_number: str
    periods: str  # as written: 2026-08, 2026年9月, 202608、202609, 2026-08~2026-10
    claimed_amount: str

    @property
    def cells(self) -> tuple[str, str, str, str]:
        """The worker's cells as written: name, ID, the months claimed and the amount."""
        return self.worker_name, self.id_number, self.periods, self.claimed_amount


def claimed_months(text: str) -> list[str]:
    """The months a complaint's periods cell claims, ranges spelled out, in order, each once."""
    months = set()
    for item in _ITEMS.split(text.strip()):
        bounds = [_MONTH.fullmatch(bound) for bound in _RANGE.split(item)]
        numbers = [int(found[1]) * 12 + int(found[2]) - 1 for found in bounds if found]
        months.update(range(numbers[0], numbers[-1] + 1))
    return sorted(f"{number // 12:04d}-{number % 12 + 1:02d}" for number in months)


@dataclass
class _Facts:
    projects: dict[str, Project]
    attendance: Attendance
    paid: dict[tuple[str, str, str], Decimal]  # (project, period, id) -> counted payments by the as-of date
    flagged: set[tuple[str, str, str]]  # (project, period, id) with a corroborating flag

    def project_of(self, complaint: Complaint) -> Project | None:
        if complaint.project_id:
            return self.projects.get(complaint.project_id)
        named = [p for p in self.projects.values() if p.name == complaint.project_name]
        return named[0] if len(named) == 1 else None

    def paid_in_full(self, project: Project, stint: Worker, period: str) -> bool:
        """Paid above zero, and within the tolerance of what was expected (anything, when unknown)."""
        days = self.attendance.get((project.project_id, period))
        expected = expected_amount(stint, period, None if days is None else days.get(stint.id_number, 0))
        paid = self.paid.get((project.project_id, period, stint.id_number), ZERO)
        if paid <= ZERO:
            return False
        short = max(ZERO, (expected or ZERO) - paid)
        return expected is None or short == ZERO or short < PARTIAL_TOLERANCE * expected


def _stint_in(project: Project, id_number: str, period: str) -> Worker | None:
    """The worker's stint in force in the month: the one entered last."""
    stints = [w for w in project.workers if w.id_number == id_number and on_roster(w, period)]
    return max(stints, key=lambda w: w.entry_date) if stints else None


def verdict_of(facts: _Facts, complaint: Complaint, as_of: date) -> str:
    project = facts.project_of(complaint)
    if project is None:
        return UNKNOWN_PROJECT
    id_number = complaint.id_number.strip().upper()
    as_of_month = as_of.year * 12 + as_of.month - 1
    stints = {
        period: stint
        for period in claimed_months(complaint.periods)
        if month_number(period) <= as_of_month and (stint := _stint_in(project, id_number, period))
    }
    if not stints:
        return NOT_ON_ROSTER
    if any((project.project_id, period, id_number) in facts.flagged for period in stints):
        return CORROBORATED
    if all(facts.paid_in_full(project, stint, period) for period, stint in stints.items()):
        return PAID
    return NO_DATA


def judge_complaints(
    complaints: list[Complaint],
    projects: list[Project],
    attendance: Attendance,
    payments: list[Payment],
    flags: list[Flag],
    as_of: date,
) -> tuple[dict[str, str], list[Flag]]:
    """Every current complaint's verdict by complaint_id (the last row of an ID received by the as-of
    date stands), and the COMPLAINT_UNREGISTERED_WORKER flags."""
    paid: dict[tuple[str, str, str], Decimal] = {}
    for payment in payments:
        if payment.worker is not None:
            key = (payment.project_id, payment.period, payment.worker)
            paid[key] = paid.get(key, ZERO) + payment.amount
    facts = _Facts(
        projects={p.project_id: p for p in projects},
        attendance=attendance,
        paid=paid,
        flagged={(p, period, who) for p, period, rule, who in flags if rule in CORROBORATING},
    )
    current = {c.complaint_id: c for c in complaints if c.received_on <= as_of}
    verdicts = {cid: verdict_of(facts, complaint, as_of) for cid, complaint in current.items()}
    raised = [
        (facts.project_of(complaint).project_id, "", UNREGISTERED_COMPLAINANT, complaint.id_number.upper())
        for cid, complaint in current.items()
        if verdicts[cid] == NOT_ON_ROSTER
    ]
    return verdicts, raised
