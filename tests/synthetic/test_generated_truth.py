"""The generator plants violations and writes the truth; the pipeline must find exactly that truth."""

import csv
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, Run, run_pipeline, sample_as_of
from wagewatch.synthetic import generate
from wagewatch.warehouse import catalogue, db


def planted(sample: Path, key: bytes) -> Counter:
    with (sample / "truth.csv").open(encoding="utf-8") as handle:
        return Counter(
            (
                row["project_id"],
                row["period"] or None,
                row["rule"],
                db.worker_key(key, row["id_number"]) if row["id_number"] else None,
            )
            for row in csv.DictReader(handle)
        )


def found(run: Run) -> Counter:
    return Counter(run.query("select project_id, period, rule, worker_key from flags"))


def test_bundled_sample_flags_equal_the_planted_truth(sample_run):
    assert found(sample_run) == planted(SAMPLE, sample_run.settings.pii_key())


def test_bundled_sample_plants_every_rule_of_the_catalogue(sample_run):
    rules = {rule for _, _, rule, _ in planted(SAMPLE, sample_run.settings.pii_key())}
    assert rules == {rule.code for rule in catalogue.rules()}


def levels_from_truth(run: Run, truth: Counter) -> dict[tuple[str, str], str]:
    """Each judged project-period's level as the planted flags make it (docs/contract.md section 3)."""
    severity = {rule.code: rule.severity for rule in catalogue.rules()}
    planted_severities: dict[tuple[str, str], set[str]] = {}
    for project_id, period, rule, _ in truth:
        if period:
            planted_severities.setdefault((project_id, period), set()).add(severity[rule])
    levels = {}
    for project_id, period, level in run.query("select project_id, period, level from project_periods"):
        if level != "pending":
            found_here = planted_severities.get((project_id, period), set())
            levels[(project_id, period)] = next((s for s in ("red", "amber") if s in found_here), "green")
    return levels


def test_bundled_sample_levels_agree_with_the_planted_truth(sample_run):
    truth = planted(SAMPLE, sample_run.settings.pii_key())
    judged = {
        (p, q): level
        for p, q, level in sample_run.query("select project_id, period, level from project_periods")
        if level != "pending"
    }
    assert judged == levels_from_truth(sample_run, truth)
    assert "red" in judged.values()


# (5, 60, 68) spans 2021-04-01, when Jiangxi's standard of 2021 took effect: a stint staying past it
# is held to it, one leaving the day before is not; and its years hold the yearly bound's plants whole
@pytest.mark.parametrize(
    ("seed", "workers", "months"), [(1, 90, 2), (7, 400, 3), (2026, 250, 4), (5, 60, 68)]
)
def test_generated_inbox_flags_equal_the_planted_truth(tmp_path, seed, workers, months):
    generate(tmp_path / "gen", workers=workers, months=months, seed=seed)
    result = run_pipeline(tmp_path / "gen" / "inbox", tmp_path / "work", sample_as_of(tmp_path / "gen"))
    truth = planted(tmp_path / "gen", result.settings.pii_key())
    assert found(result) == truth
    judged = {
        (p, q): level
        for p, q, level in result.query("select project_id, period, level from project_periods")
        if level != "pending"
    }
    assert judged == levels_from_truth(result, truth)
    assert sum(truth.values()) > 0
