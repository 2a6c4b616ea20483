"""Operations an operator relies on (docs/contract.md section 6): reports dated by as-of with
`latest` leading to the newest, old ones pruned; a scheduled run judges as of the sites' today;
a failed run leaves nothing behind; a killed run is swept up and recorded by the next one."""

import errno
import json
import os
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime, timedelta

import pytest

import wagewatch.reports.write
from wagewatch import pipeline, settings
from wagewatch.publish import runs as operations
from wagewatch.publish.files import publish_reports
from wagewatch.settings import Config, Settings

AUG_JUDGED = date(2026, 10, 1)
NEXT_NIGHT = date(2026, 10, 2)


def _scene(inbox):
    inbox.project().worker("张三").worked("张三", "2026-08", "22")
    return inbox


def _hidden(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_two_nights_give_two_dated_report_folders_and_latest_leads_to_the_newer(inbox, run):
    first = run(_scene(inbox), AUG_JUDGED)
    second = run(inbox.root, NEXT_NIGHT)
    root = second.settings.reports_root
    assert sorted(p.name for p in root.iterdir()) == ["2026-10-01", "2026-10-02", "latest"]
    assert (root / "latest").resolve() == second.settings.reports_dir.resolve()
    assert (root / "latest" / "index.html").read_text(encoding="utf-8") == (
        second.settings.reports_dir / "index.html"
    ).read_text(encoding="utf-8")
    assert "2026-10-01" in (first.settings.reports_dir / "index.html").read_text(encoding="utf-8")
    assert second.result.report == root / "2026-10-02" / "index.html"


def _publish_night(reports_root, night: date, keep_days: int = 90, page: str | None = None):
    """What a run publishes, as publish() does it: a finished report folder made the night's folder."""
    written = reports_root / f".night-{night}.tmp"
    written.mkdir(parents=True)
    (written / "index.html").write_text(page or f"as of {night}", encoding="utf-8")
    return publish_reports(written, reports_root, night, keep_days)


def test_a_rerun_of_the_same_night_replaces_its_folder_and_an_earlier_night_leaves_latest(tmp_path):
    root = tmp_path / "reports"
    stale = _publish_night(root, NEXT_NIGHT) / "left-by-hand.txt"
    stale.write_text("an operator's note", encoding="utf-8")
    again = _publish_night(root, NEXT_NIGHT, page="rerun")
    assert not stale.exists()  # the folder was replaced whole
    assert (again / "index.html").read_text(encoding="utf-8") == "rerun"
    earlier = _publish_night(root, AUG_JUDGED)
    assert (root / "latest").resolve() == again.resolve()
    assert earlier.is_dir()
    assert _hidden(root) == []


def test_dated_folders_older_than_keep_days_are_pruned(tmp_path):
    root = tmp_path / "reports"
    (root / "20260101").mkdir(parents=True)  # another spelling of a date: an operator's folder
    for night in (date(2026, 8, 31), date(2026, 9, 1), date(2026, 10, 1)):  # 31 and 30 days old
        _publish_night(root, night, keep_days=30)
    assert sorted(p.name for p in root.iterdir()) == ["2026-09-01", "2026-10-01", "20260101", "latest"]


def test_where_symlinks_are_refused_latest_is_a_copy(tmp_path, monkeypatch):
    def refused(*args, **kwargs):
        raise OSError(errno.EPERM, "symlinks are not allowed here")

    monkeypatch.setattr(type(tmp_path), "symlink_to", refused)
    root = tmp_path / "reports"
    _publish_night(root, AUG_JUDGED)
    latest = root / "latest"
    assert latest.is_dir() and not latest.is_symlink()
    _publish_night(root, NEXT_NIGHT)
    assert "2026-10-02" in (latest / "index.html").read_text(encoding="utf-8")
    assert _hidden(root) == []


class _Frozen(datetime):
    """18:30 UTC on 30 November: already 02:30 on 1 December in Shanghai."""

    @classmethod
    def now(cls, tz=None):
        return datetime(2026, 11, 30, 18, 30, tzinfo=UTC).astimezone(tz)


def test_a_run_without_as_of_judges_as_of_today_in_the_schedules_time_zone(tmp_path, monkeypatch):
    from wagewatch.flows.nightly import night_of

    monkeypatch.setattr(settings, "datetime", _Frozen)
    assert Settings(inbox=tmp_path).as_of == date(2026, 12, 1)
    assert night_of({"as_of": None, "config": None}) == "nightly-2026-12-01"
    assert night_of({"as_of": "2026-10-15"}) == "nightly-2026-10-15"
    utc = tmp_path / "utc.toml"
    utc.write_text('[schedule]\ntimezone = "UTC"\n', encoding="utf-8")
    assert Settings(inbox=tmp_path, config=Config.load(utc)).as_of == date(2026, 11, 30)
    assert night_of({"as_of": None, "config": str(utc)}) == "nightly-2026-11-30"


def test_a_run_that_fails_while_writing_its_reports_leaves_no_temporary_files(inbox, run, monkeypatch):
    first = run(_scene(inbox), AUG_JUDGED)
    before = sorted(p.name for p in first.settings.reports_root.iterdir())

    def disk_full(warehouse, out_dir, **kwargs):
        (out_dir / "index.html").write_text("half a page", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(wagewatch.reports.write, "write_report", disk_full)
    with pytest.raises(OSError, match="No space left"):
        pipeline.run(first.settings)
    assert _hidden(first.settings.warehouse.parent) == []
    assert sorted(p.name for p in first.settings.reports_root.iterdir()) == before
    assert operations.history(first.settings.warehouse)[-1]["status"] == "failed"
    assert not (first.settings.private_dir / operations.RUN_MARKER).exists()
    assert list(first.settings.spill_dir.iterdir()) == []


KILLED_DURING_REPORTS = textwrap.dedent("""
    import os, signal, sys
    from datetime import date
    from pathlib import Path
    from wagewatch import pipeline
    from wagewatch.settings import Settings

    real = pipeline.write_reports

    def killed(*args):
        real(*args)  # its folder is written, not yet published
        os.kill(os.getpid(), signal.SIGKILL)

    pipeline.write_reports = killed
    pipeline.run(Settings(inbox=Path(sys.argv[1]), warehouse=Path(sys.argv[2]), as_of=date(2026, 10, 2)))
""")


def test_the_run_after_a_killed_one_sweeps_what_it_left_and_records_it_interrupted(inbox, run):
    from wagewatch.reports.summary import render_text

    first = run(_scene(inbox), AUG_JUDGED)
    published = first.settings.warehouse.read_bytes()
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_DURING_REPORTS, str(inbox.root), str(first.settings.warehouse)],
        env={**os.environ},
        capture_output=True,
        timeout=300,
    )
    assert killed.returncode == -9, killed.stderr[-2000:]
    assert first.settings.warehouse.read_bytes() == published
    left = _hidden(first.settings.warehouse.parent) + _hidden(first.settings.reports_root)
    assert len(left) == 2  # the temporary warehouse and the temporary report folder

    after = run(inbox.root, NEXT_NIGHT)
    assert _hidden(after.settings.warehouse.parent) == [] and _hidden(after.settings.reports_root) == []
    statuses = [entry["status"] for entry in operations.history(after.settings.warehouse)]
    assert statuses == ["succeeded", "interrupted", "succeeded"]
    interrupted = operations.history(after.settings.warehouse)[1]
    assert interrupted["as_of"] == "2026-10-02" and "killed" in interrupted["error"]
    assert "was interrupted" in render_text(after.result) and "2 temporary files" in render_text(after.result)
    assert after.query("select status from runs order by started_at") == [
        ("succeeded",),
        ("interrupted",),
        ("succeeded",),
    ]
    json.dumps(interrupted)  # the history stays plain JSON
    assert after.settings.as_of - first.settings.as_of == timedelta(days=1)
