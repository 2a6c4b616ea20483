"""The generator's plants of exit settlement, the yearly bound and the standard in force, each with its
near miss, as the truth records them (the pipeline's agreement is tests/synthetic/test_generated_truth.py)."""

import csv
import random
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.synthetic.test_generate import _roster_rows
from wagewatch.synthetic import generate
from wagewatch.synthetic.identities import Registry
from wagewatch.synthetic.periods import periods_ending
from wagewatch.synthetic.rosters import make_projects, staff
from wagewatch.synthetic.settlement_oracle import _yearly_flags
from wagewatch.synthetic.settlement_plants import choose_yearly_payees
from wagewatch.synthetic.thresholds import CENT, EXCESSIVE_AMOUNT, EXCESSIVE_YEARLY_AMOUNT

PERIODS = periods_ending((2026, 10), 14)  # 2025-09 to 2026-10

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"


def _truth(root: Path) -> list[dict[str, str]]:
    with (root / "truth.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _roster(root: Path) -> list[dict[str, str]]:
    """Every roster row, as the cells read back (test_generate's reader)."""
    return [row for path in sorted((root / "inbox" / "rosters").iterdir()) for row in _roster_rows(path)]


@pytest.fixture(scope="module")
def long_window(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("long")
    generate(out, workers=60, months=68, seed=5)  # 2021-03 to 2026-10: across 2021-04-01
    return out


def test_the_sample_plants_leavers_left_owed():
    rules = Counter(row["rule"] for row in _truth(SAMPLE))
    assert rules["EXIT_NOT_SETTLED"] >= 3  # one a period, at least


def test_a_stint_staying_into_a_new_standard_is_flagged_and_one_leaving_the_day_before_is_not(long_window):
    rows = [
        row
        for row in _roster(long_window)
        if row["项目编号"] == "P360802-0001" and str(row["工资标准"]) in {"1581", "1581.0"}
    ]  # Jizhou: 1,580 of 2018, and a yuan
    assert sorted(row["退场日期"] for row in rows) == ["", "2021/3/31"]  # the day before 2021-04-01
    flagged = {row["id_number"] for row in _truth(long_window) if row["rule"] == "BELOW_MINIMUM_WAGE"}
    staying, leaving = sorted(rows, key=lambda row: bool(row["退场日期"]))
    assert staying["身份证号"] in flagged
    assert leaving["身份证号"] not in flagged


def test_a_year_is_paid_a_fen_above_the_yearly_bound_and_another_exactly_at_it():
    rng = random.Random(1)
    projects = make_projects(rng, 2, PERIODS)
    staff(rng, projects, 20, PERIODS, Registry())
    payees = choose_yearly_payees(rng, projects, PERIODS, no_payroll=set())
    totals = sorted(sum(amounts.values()) for _, amounts in payees.values())
    assert totals == [EXCESSIVE_YEARLY_AMOUNT, EXCESSIVE_YEARLY_AMOUNT + CENT]
    for _, amounts in payees.values():
        assert sorted(amounts) == [f"2026-{month:02d}" for month in range(1, 11)]  # the last year's months
        assert max(amounts.values()) <= EXCESSIVE_AMOUNT  # 30,000 a month: the yearly bound alone


def test_the_oracle_flags_the_month_a_years_pay_first_goes_above_the_bound():
    project = make_projects(random.Random(1), 1, PERIODS)[0]
    paid = {(project.project_id, f"2026-{m:02d}", "X"): Decimal(30000) for m in range(1, 11)}
    paid[(project.project_id, "2026-10", "X")] += CENT
    assert _yearly_flags([project], paid, date(2026, 12, 1)) == [
        (project.project_id, "2026-10", "EXCESSIVE_PAYMENT", "X")
    ]
    paid[(project.project_id, "2026-10", "X")] -= CENT
    assert _yearly_flags([project], paid, date(2026, 12, 1)) == []
