"""Publishing by snapshot: an analyst holding the published warehouse open in another process keeps
a consistent view while the nightly run replaces it, and a new connection sees the new data."""

import os
import subprocess
import sys
import textwrap
from datetime import date

import pytest

from tests.helpers.inbox_builder import BANK_HEADER, bank_row, write_csv
from wagewatch import pipeline
from wagewatch.publish.snapshot import keep_snapshot
from wagewatch.settings import Config

AUG_JUDGED = date(2026, 10, 1)

READER = textwrap.dedent("""
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    print(con.execute("select count(*) from flags").fetchall()[0][0], flush=True)
    sys.stdin.readline()  # hold the connection open until the run is over
    print(con.execute("select count(*) from flags").fetchall()[0][0], flush=True)
    con.close()  # DuckDB keeps one database per path in a process while any connection to it is open
    fresh = duckdb.connect(sys.argv[1], read_only=True)
    print(fresh.execute("select count(*) from flags").fetchall()[0][0], flush=True)
""")


def test_a_reader_in_another_process_keeps_its_view_and_the_run_still_succeeds(inbox, run):
    inbox.project().worker("张三").worker("李四").worked("张三", "2026-08", "22").worked(
        "李四", "2026-08", "22"
    )
    first = run(inbox, AUG_JUDGED)
    assert len(first.flags()) == 3  # both missed, and no payroll
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(first.settings.warehouse)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "3"
        write_csv(
            inbox.root / "bank" / "late.csv",
            BANK_HEADER,
            [bank_row("张三", "5000", "2026-09-10", period="2026-08", ref="L1")],
        )
        second = pipeline.run(first.settings)
        assert second.flags == {"MISSED_PAYMENT": 1}
        reader.stdin.write("\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "3"  # the open connection's snapshot is unchanged
        assert reader.stdout.readline().strip() == "1"  # a new connection sees the new warehouse
    finally:
        reader.stdin.close()
        reader.wait(timeout=30)
    assert reader.returncode == 0


def _scene(inbox):
    inbox.project().worker("张三").worked("张三", "2026-08", "22")
    return inbox


def test_runs_are_recorded_failed_ones_too_and_status_prints_them(inbox, run, monkeypatch, capsys):
    from wagewatch.cli import main

    first = run(_scene(inbox), AUG_JUDGED)

    def broken(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pipeline, "judge", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        pipeline.run(first.settings)
    monkeypatch.undo()
    assert main(["status", "--warehouse", str(first.settings.warehouse)]) == 0
    printed = capsys.readouterr().out
    assert printed.count("succeeded") == 1 and printed.count("failed") == 1
    assert "error: RuntimeError: disk full" in printed
    assert first.query("select status, files_ingested, flags_red from runs") == [("succeeded", 3, 2)]


def test_rollback_publishes_the_previous_warehouse_again(inbox, run):
    from wagewatch.cli import main

    first = run(_scene(inbox), AUG_JUDGED)
    write_csv(
        inbox.root / "bank" / "paid.csv",
        BANK_HEADER,
        [bank_row("张三", "5000", "2026-09-10", period="2026-08", ref="P1")],
    )
    second = pipeline.run(first.settings)
    assert second.flags == {}
    assert main(["rollback", "--warehouse", str(first.settings.warehouse)]) == 0
    assert first.query("select count(*) from flags") == [(2,)]


def test_only_the_newest_snapshots_are_kept(tmp_path):
    """Five nights published as publish() does (keep, then replace): the three before the last stay."""
    warehouse = tmp_path / "wagewatch.duckdb"
    for night in range(5):
        (tmp_path / "next.duckdb").write_text(f"night {night}", encoding="utf-8")
        keep_snapshot(warehouse, Config.load().publish.keep_snapshots)
        os.replace(tmp_path / "next.duckdb", warehouse)
    kept = sorted((tmp_path / "snapshots").glob("*.duckdb"))
    assert [path.read_text(encoding="utf-8") for path in kept] == ["night 1", "night 2", "night 3"]
