"""The generator plants arrears at each ageing stage and blacklist candidates with their near misses;
the published worker_arrears, project_arrears and blacklist_candidates equal the truth the ageing and
blacklist oracles write (truth_ageing.csv, truth_blacklist.csv), exactly."""

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, Run, run_pipeline, sample_as_of
from wagewatch.synthetic import generate
from wagewatch.synthetic.files import BLACKLIST_TRUTH_COLUMNS, LIST_SEPARATOR
from wagewatch.synthetic.thresholds import BLACKLIST_BOUNDS, CENT
from wagewatch.warehouse import db

AGEING = "owed_amount, oldest_due_date, days_overdue, stage"
BLACKLIST_COLUMNS = (  # as truth_blacklist.csv has them: flags_count is the number of flag_ids
    "coalesce(contractor_credit_code, '')",
    *BLACKLIST_TRUTH_COLUMNS[1:-1],
    "len(flag_ids)",
)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _ids(text: str) -> list[str]:
    return text.split(LIST_SEPARATOR) if text else []


def planted_ageing(root: Path, key: bytes) -> tuple[set[tuple], set[tuple]]:
    """(worker rows, project rows) of truth_ageing.csv, as the marts write them."""
    workers, projects = set(), set()
    for row in _rows(root / "truth_ageing.csv"):
        aged = (
            Decimal(row["owed_amount"]),
            _day(row["oldest_due_date"]),
            int(row["days_overdue"]),
            row["stage"],
        )
        if row["id_number"]:
            workers.add((row["project_id"], db.worker_key(key, row["id_number"]), *aged))
        else:
            projects.add((row["project_id"], *aged))
    return workers, projects


def planted_candidates(root: Path) -> set[tuple]:
    return {
        (
            row["contractor_credit_code"],
            row["contractor_name"],
            row["region_prefix"],
            _day(row["judged_on"]),
            Decimal(row["owed_amount"]),
            int(row["workers_owed"]),
            _day(row["oldest_due_date"]),
            int(row["days_overdue"]),
            _day(row["candidate_since_date"]),
            _day(row["term_end_date"]),
            _day(row["paid_in_full_date"]),
            _day(row["early_removal_date"]),
            tuple(_ids(row["project_ids"])),
            tuple(_ids(row["new_project_ids"])),
            int(row["flags_count"]),
        )
        for row in _rows(root / "truth_blacklist.csv")
    }


def found_ageing(run: Run) -> tuple[set[tuple], set[tuple]]:
    workers = run.query(
        f"select project_id, worker_key, {AGEING} from worker_arrears where stage is not null"
    )
    projects = run.query(f"select project_id, {AGEING} from project_arrears where stage is not null")
    return set(workers), set(projects)


def found_candidates(run: Run) -> set[tuple]:
    rows = run.query(f"select {', '.join(BLACKLIST_COLUMNS)} from blacklist_candidates")
    return {(*row[:12], tuple(row[12]), tuple(row[13]), row[14]) for row in rows}


def assert_marts_equal_the_truth(run: Run, root: Path) -> None:
    assert found_ageing(run) == planted_ageing(root, run.settings.pii_key())
    # owed now and aged are one: a worker or project owed nothing has no stage
    assert run.query(
        "select count(*) from worker_arrears where (owed_amount > 0) != (stage is not null)"
    ) == [(0,)]
    assert run.query(
        "select count(*) from project_arrears where (owed_amount > 0) != (stage is not null)"
    ) == [(0,)]
    assert found_candidates(run) == planted_candidates(root)


def test_bundled_sample_ageing_and_candidates_equal_the_planted_truth(sample_run):
    assert_marts_equal_the_truth(sample_run, SAMPLE)


def test_bundled_sample_plants_each_stage_at_its_bounds():
    days = {(int(row["days_overdue"]), row["stage"]) for row in _rows(SAMPLE / "truth_ageing.csv")}
    assert {(30, "yellow"), (31, "orange"), (60, "orange"), (61, "red")} <= days


def test_bundled_sample_plants_candidates_and_their_near_misses():
    bound, _ = BLACKLIST_BOUNDS["36"]
    candidates = planted_candidates(SAMPLE)
    listed = {project for row in candidates for project in row[12]}
    owing = {row["project_id"]: row for row in _rows(SAMPLE / "truth_ageing.csv") if not row["id_number"]}
    # a candidate now from its first day, owing exactly the bound, with a project it started since
    assert any(row[3] == row[8] and row[4] == bound and row[13] for row in candidates)
    # a former candidate that paid in full, with its early removal date
    assert any(row[10] is not None and row[11] is not None for row in candidates)
    # owing a fen below the bound, long overdue; and above it, a day short of min_days_overdue
    below = [p for p, row in owing.items() if Decimal(row["owed_amount"]) == bound - CENT]
    young = [
        p
        for p, row in owing.items()
        if int(row["days_overdue"]) == 60 and Decimal(row["owed_amount"]) > bound
    ]
    assert below and young and not (set(below) | set(young)) & listed


# the seeds of tests/synthetic/test_generated_truth.py
@pytest.mark.parametrize(
    ("seed", "workers", "months"), [(1, 90, 2), (7, 400, 3), (2026, 250, 4), (5, 60, 68)]
)
def test_generated_ageing_and_candidates_equal_the_planted_truth(tmp_path, seed, workers, months):
    generate(tmp_path / "gen", workers=workers, months=months, seed=seed)
    result = run_pipeline(tmp_path / "gen" / "inbox", tmp_path / "work", sample_as_of(tmp_path / "gen"))
    assert_marts_equal_the_truth(result, tmp_path / "gen")
    assert planted_candidates(tmp_path / "gen")
