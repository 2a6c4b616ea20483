"""The Great Expectations gate: intake suites quarantine unusable rows with the expectation's name
and record suspicious ones; mart suites stop the publish; a suite that errors stops the run."""

import hashlib
from datetime import date

import pytest

from tests.helpers.inbox_builder import BANK_HEADER, CARDS, IDS, WAGE_ACCOUNT, write_csv
from wagewatch import pipeline
from wagewatch.quality import gate as quality
from wagewatch.warehouse import runner

AUG_JUDGED = date(2026, 10, 1)


def _scene(inbox):
    inbox.project().worker("张三").worked("张三", "2026-08", "22")
    return inbox.paid("张三", "5000", "2026-09-10", period="2026-08")


def test_every_suite_names_each_expectation_with_a_reason_and_a_severity():
    for name in quality.suite_names():
        suite = quality.load_suite(name)
        assert suite["name"] == name
        for expectation in suite["expectations"]:
            assert expectation["type"] == "unexpected_rows_expectation"
            assert expectation["meta"]["name"] and expectation["meta"]["reason"]
            assert expectation["severity"] in (quality.CRITICAL, quality.WARNING)


def test_every_staging_table_and_every_published_mart_has_its_suite():
    models = runner.discover().values()
    assert set(quality.INTAKE_SUITES.values()) == {m.name for m in models if m.layer == "staging"}
    assert set(quality.mart_suites()) == {m.name for m in models if m.layer == "marts"}


def test_a_quarantined_row_names_the_expectation_it_broke(inbox, run):
    inbox = _scene(inbox).paid("张三", "abc", "2026-09-10", period="2026-08")
    result = run(inbox, AUG_JUDGED)
    assert result.query("select expectation, reason from quarantine") == [
        ("amount_a_number", "amount is not a number")
    ]
    assert result.query(
        "select unexpected_rows, passed from quality_checks "
        "where suite = 'stg_bank' and expectation = 'amount_a_number'"
    ) == [(1, False)]


def test_a_suspicious_row_is_kept_and_recorded_as_a_warning(inbox, run):
    result = run(_scene(inbox).paid("张三", "100", "2026-10-05", period="2026-08"), AUG_JUDGED)
    assert result.query("select count(*) from payments") == [(2,)]
    assert result.query("select expectation, reason from intake_warnings") == [
        ("paid_at_not_after_as_of", "paid after the as-of date: not counted yet")
    ]
    assert result.query("select count(*) from quarantine") == [(0,)]


def _published(settings) -> str:
    return hashlib.sha256(settings.warehouse.read_bytes()).hexdigest()


def test_a_mart_that_breaks_an_invariant_stops_the_publish(inbox, run, monkeypatch):
    first = run(_scene(inbox), AUG_JUDGED)
    before = _published(first.settings)
    real_judge = pipeline.judge

    def judge_then_break(con):
        real_judge(con)
        con.execute("insert into worker_periods select * from worker_periods limit 1")  # a duplicate key

    monkeypatch.setattr(pipeline, "judge", judge_then_break)
    with pytest.raises(
        quality.QualityError, match=r"worker_periods\.project_id_worker_key_period_unique: 1 rows"
    ):
        run(inbox.root, AUG_JUDGED)
    assert _published(first.settings) == before


def test_a_suite_that_errors_is_a_pipeline_error_not_bad_data(inbox, run, monkeypatch):
    real_load = quality.load_suite

    def broken_suite(name):
        suite = real_load(name)
        if name == "stg_bank":
            suite["expectations"][0]["kwargs"]["unexpected_rows_query"] = (
                "select * from {batch} where no_such_column"
            )
        return suite

    monkeypatch.setattr(quality, "load_suite", broken_suite)
    with pytest.raises(quality.QualityError, match=r"suite stg_bank, expectation .* could not run"):
        run(_scene(inbox), AUG_JUDGED)


def test_every_row_of_every_file_is_accounted_for_in_a_run_with_bad_rows(inbox, run):
    inbox = _scene(inbox)
    inbox.write()
    rows = [[WAGE_ACCOUNT, "张三", CARDS["张三"], IDS["张三"], "x", "", "", "", "", "", ""], ["short"]]
    write_csv(inbox.root / "bank" / "bad.csv", BANK_HEADER, rows)
    result = run(inbox.root, AUG_JUDGED)
    assert result.query(
        "select rows_read, rows_non_data, rows, rows_loaded, rows_quarantined from ingested_files "
        "where source_file = 'bank/bad.csv'"
    ) == [(3, 1, 2, 0, 2)]
