"""Flag history: kept in the private store across runs, published with the marts; first raised, last
seen and resolved by runs' as-of dates; a rerun of the same date changes nothing; the reports show
what is new since the previous run and what was resolved.

One story, run once for the module: 王五 is not paid for August (night 1, run twice); the bank's file
of a late payment arrives and night 2 runs (twice); then a run for night 1's date comes too late."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import run_pipeline
from tests.helpers.inbox_builder import BANK_HEADER, PROJECT, Inbox, bank_row, write_csv
from tests.helpers.report_pages import parse_page
from wagewatch import pipeline
from wagewatch.reports.data import project_file_name
from wagewatch.reports.pages import PROJECTS_FOLDER
from wagewatch.warehouse import db

NIGHT_1 = date(2026, 10, 1)  # August judged: 王五 was paid nothing
NIGHT_2 = date(2026, 10, 12)  # 王五 paid on 2026-10-10, late; September not due until 10-15
HISTORY = (
    "select rule, worker_name, period, first_raised_on, last_seen_on, resolved_on "
    "from flag_history order by rule, worker_name, period"
)
FLAG_IDS = "select rule, flag_id from flags"


def _scene(root: Path) -> Inbox:
    inbox = Inbox(root)
    inbox.project().worker("张三").worker("王五")
    inbox.worked("张三", "2026-08", "21.75").worked("王五", "2026-08", "21.75")
    inbox.paid("张三", "5000", "2026-09-10", period="2026-08")
    inbox.write()
    return inbox


def _pay_wang_wu(inbox: Inbox, paid_at: str) -> None:
    row = bank_row("王五", "5000", paid_at, period="2026-08", ref="W1")
    write_csv(inbox.root / "bank" / "wang_wu.csv", BANK_HEADER, [row])


@dataclass
class Story:
    """The published history after each run, night 2's flag IDs and reports, the store's row count."""

    history: dict[str, list[tuple]]
    flag_ids: dict[str, str]  # rule: flag_id, as of night 2
    reports: Path  # night 2's reports, kept before later runs replaced them
    store_rows: int


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Story:
    root = tmp_path_factory.mktemp("history")
    inbox = _scene(root / "inbox")
    history = {}

    def night(name: str, as_of: date):
        done = run_pipeline(inbox.root, root / "work", as_of)
        history[name] = done.query(HISTORY)
        return done

    night("night 1", NIGHT_1)
    night("night 1 again", NIGHT_1)
    _pay_wang_wu(inbox, "2026-10-10")
    second = night("night 2", NIGHT_2)
    flag_ids = dict(second.query(FLAG_IDS))
    reports = shutil.copytree(second.settings.reports_dir, root / "night-2-reports")
    night("night 2 again", NIGHT_2)
    late = night("night 1 too late", NIGHT_1)
    with db.connect(late.settings.private_store, read_only=True) as store:
        store_rows = store.execute("select count(*) from flag_history").fetchall()[0][0]
    return Story(history, flag_ids, reports, store_rows)


def test_a_new_flag_is_raised_and_kept_open_with_its_dates(story):
    assert story.history["night 1"] == [("MISSED_PAYMENT", "王五", "2026-08", NIGHT_1, NIGHT_1, None)]


def test_rerunning_the_same_night_changes_no_history(story):
    assert story.history["night 1 again"] == story.history["night 1"]
    assert story.history["night 2 again"] == story.history["night 2"]


def test_a_paid_flag_is_resolved_and_what_replaces_it_is_new(story):
    assert story.history["night 2"] == [
        ("LATE_PAYMENT", "王五", "2026-08", NIGHT_2, NIGHT_2, None),
        ("MISSED_PAYMENT", "王五", "2026-08", NIGHT_1, NIGHT_1, NIGHT_2),
    ]


def test_a_run_for_an_earlier_date_leaves_history_as_it_was(story):
    assert story.history["night 1 too late"] == story.history["night 2"]


def test_history_lives_in_the_private_store(story):
    assert story.store_rows == len(story.history["night 2"])


def test_the_project_page_and_index_show_what_is_new_and_what_was_resolved(story):
    rows = parse_page(story.reports / PROJECTS_FOLDER / project_file_name(PROJECT))
    new = [row.attrs["data-flag-id"] for row in rows if row.kind == "new-flag"]
    assert new == [story.flag_ids["LATE_PAYMENT"]]
    resolved = [row for row in rows if row.kind == "resolved-flag"]
    assert len(resolved) == 1 and resolved[0].attrs["data-flag-id"] not in story.flag_ids.values()
    assert resolved[0].cells[6:9] == ["2026-10-01", "2026-10-01", "2026-10-12 本次"]
    project = next(row for row in parse_page(story.reports / "index.html") if row.kind == "project")
    assert project.cells[-5:-3] == ["1", "1"]  # new, resolved; then stage, days overdue, deposit


def test_a_flag_raised_and_cleared_the_same_night_leaves_no_history(inbox, run):
    run(_scene(inbox.root).root, NIGHT_1)
    _pay_wang_wu(Inbox(inbox.root), "2026-09-10")  # the bank's file of the night comes after its run
    assert run(inbox.root, NIGHT_1).query(HISTORY) == []


def test_a_run_that_fails_recording_history_publishes_nothing(inbox, run, monkeypatch):
    first = run(_scene(inbox.root).root, NIGHT_1)
    published = first.query(HISTORY)

    def broken(*args):
        raise RuntimeError("injected failure in record_flag_history")

    monkeypatch.setattr(pipeline, "record_flag_history", broken)
    _pay_wang_wu(Inbox(inbox.root), "2026-10-10")
    with pytest.raises(RuntimeError, match="injected failure"):
        run(inbox.root, NIGHT_2)
    assert first.query(HISTORY) == published
