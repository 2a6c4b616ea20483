"""The generator plants complaints of every verdict with their near misses; the complaint oracle's
verdicts (truth_complaints.csv) and its COMPLAINT_UNREGISTERED_WORKER flags (in truth.csv) are what
the pipeline finds."""

import csv
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, sample_as_of
from tests.judging.conftest import open_store
from wagewatch.synthetic import generate
from wagewatch.synthetic.complaint_oracle import VERDICTS, claimed_months
from wagewatch.warehouse import runner

VERDICTS_OF_CURRENT = "select complaint_id, verdict from complaints where is_current"


def planted_verdicts(sample: Path) -> dict[str, str]:
    with (sample / "truth_complaints.csv").open(encoding="utf-8") as handle:
        return {row["complaint_id"]: row["verdict"] for row in csv.DictReader(handle)}


def test_bundled_sample_verdicts_equal_the_planted_truth_and_cover_every_verdict(sample_run):
    found = dict(sample_run.query(VERDICTS_OF_CURRENT))
    assert found == planted_verdicts(SAMPLE)
    assert set(found.values()) == set(VERDICTS)


def test_bundled_sample_has_a_complaints_file_loaded_whole(sample_run):
    files = sample_run.query(
        "select kind, status, rows, rows_quarantined from ingested_files where kind = ?", ["complaints"]
    )
    assert files == [("complaints", "loaded", 15, 0)]


@pytest.mark.parametrize(("seed", "workers", "months"), [(1, 90, 2), (7, 400, 3), (2026, 60, 1)])
def test_generated_complaints_get_the_planted_verdicts(tmp_path, seed, workers, months):
    generate(tmp_path / "gen", workers=workers, months=months, seed=seed)
    store = open_store(tmp_path / "gen" / "inbox", tmp_path / "work", sample_as_of(tmp_path / "gen"))
    try:
        runner.build_ready(store.con, store.project, complete=True)
        assert dict(store.query(VERDICTS_OF_CURRENT)) == planted_verdicts(tmp_path / "gen")
        assert store.query("select count(*) from quarantine where source_file like 'complaints/%'") == [(0,)]
    finally:
        store.con.close()


def test_the_oracle_reads_months_as_complaints_write_them():
    assert claimed_months("2026年8月~2026年10月") == ["2026-08", "2026-09", "2026-10"]
    assert claimed_months("202609、2026-08") == ["2026-08", "2026-09"]
