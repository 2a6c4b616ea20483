"""The command line as an operator uses it: clear errors that exit non-zero, and the demo end to end
through Prefect's local server."""

import json
import os
import subprocess
import sys
from pathlib import Path

from wagewatch import db

REPO = Path(__file__).resolve().parents[1]
DEMO_TIMEOUT_SECONDS = 300


def wagewatch(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wagewatch.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=os.environ.copy(),
        timeout=DEMO_TIMEOUT_SECONDS,
    )


def test_run_with_a_missing_inbox_fails_with_a_clear_message(tmp_path):
    done = wagewatch("run", "--inbox", str(tmp_path / "nowhere"), "--warehouse", str(tmp_path / "w.duckdb"))
    assert done.returncode == 1
    assert "is not a folder" in done.stderr
    assert not (tmp_path / "w.duckdb").exists()


def test_run_with_a_malformed_as_of_date_fails_with_a_clear_message(tmp_path):
    done = wagewatch("run", "--inbox", str(tmp_path), "--as-of", "1/10/2026")
    assert done.returncode == 1
    assert "--as-of must be a date YYYY-MM-DD" in done.stderr


def test_unknown_configuration_key_is_an_error_not_ignored(tmp_path):
    config = tmp_path / "wagewatch.toml"
    config.write_text("[rules]\npartial_tolerence = 0.02\n", encoding="utf-8")
    done = wagewatch("run", "--inbox", str(tmp_path), "--config", str(config))
    assert done.returncode == 1
    assert "unknown configuration key 'rules.partial_tolerence'" in done.stderr


def test_demo_runs_the_bundled_sample_through_the_nightly_flow(tmp_path):
    workdir = tmp_path / "demo"
    done = wagewatch("demo", "--workdir", str(workdir))
    assert done.returncode == 0, done.stderr[-3000:]
    assert "project-periods: red" in done.stdout
    assert (workdir / "reports" / "index.html").exists()
    manifest = json.loads((REPO / "data" / "sample" / "manifest.json").read_text(encoding="utf-8"))
    assert f"as of {manifest['as_of']}" in done.stdout
    con = db.connect(workdir / "warehouse" / "wagewatch.duckdb", read_only=True)
    try:
        assert con.execute("select count(*) from flags").fetchall()[0][0] > 0
    finally:
        con.close()


def test_serve_schedules_the_nightly_flow_at_two_in_the_morning_shanghai_time(tmp_path):
    from wagewatch.cli import nightly_deployment, parser

    args = parser().parse_args(["serve", "--inbox", str(tmp_path), "--warehouse", str(tmp_path / "w.duckdb")])
    deployment = nightly_deployment(args)
    schedule = deployment.schedules[0].schedule
    assert (schedule.cron, schedule.timezone) == ("0 2 * * *", "Asia/Shanghai")
    assert deployment.parameters["inbox"] == str(tmp_path.resolve())
    assert deployment.flow_name == "nightly"
    assert deployment.concurrency_limit == 1


def test_serve_takes_its_schedule_from_configuration(tmp_path):
    from wagewatch.cli import nightly_deployment, parser

    config = tmp_path / "wagewatch.toml"
    config.write_text('[schedule]\ncron = "30 3 * * *"\ntimezone = "Asia/Urumqi"\n', encoding="utf-8")
    args = parser().parse_args(["serve", "--inbox", str(tmp_path), "--config", str(config)])
    schedule = nightly_deployment(args).schedules[0].schedule
    assert (schedule.cron, schedule.timezone) == ("30 3 * * *", "Asia/Urumqi")


def test_generate_writes_an_inbox_and_its_truth(tmp_path):
    done = wagewatch("generate", "--workers", "40", "--months", "2", "--out", str(tmp_path / "gen"))
    assert done.returncode == 0, done.stderr
    assert {p.name for p in (tmp_path / "gen" / "inbox").iterdir()} == {
        "projects",
        "rosters",
        "attendance",
        "bank",
    }
    assert (
        (tmp_path / "gen" / "truth.csv")
        .read_text(encoding="utf-8")
        .startswith("project_id,period,rule,id_number")
    )


def test_config_prints_every_value_in_force_and_where_it_came_from(tmp_path, capsys):
    from wagewatch.cli import main

    config = tmp_path / "wagewatch.toml"
    config.write_text("[rules]\ngrace_days = 3\n", encoding="utf-8")
    assert main(["config", "--config", str(config)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert f"rules.grace_days = 3    # {config}" in printed
    assert "rules.partial_tolerance = 0.01    # default" in printed
    assert "schedule.timezone = 'Asia/Shanghai'    # default" in printed
