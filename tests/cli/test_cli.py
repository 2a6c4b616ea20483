"""The command line as an operator uses it: every mistake refused in one line with nothing written,
relative paths from any folder, and the demo end to end through Prefect's local server."""

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wagewatch.warehouse import db

REPO = Path(__file__).resolve().parents[2]
DEMO_TIMEOUT_SECONDS = 300


SAMPLE = REPO / "data" / "sample"
SAMPLE_AS_OF = json.loads((SAMPLE / "manifest.json").read_text(encoding="utf-8"))["as_of"]


def wagewatch(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wagewatch.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=os.environ.copy(),
        timeout=DEMO_TIMEOUT_SECONDS,
    )


def wagewatch_in_process(monkeypatch, capsys, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The same command through cli.main in this process: for the many refusals that never reach
    Prefect, without a second of interpreter start-up each (the process itself is proven above)."""
    from wagewatch import cli

    for name, value in {**cli.PREFECT_DEFAULTS, **cli.QUIET_LIBRARIES}.items():
        monkeypatch.setenv(name, os.environ.get(name, value))  # what main() sets, undone after the test
    monkeypatch.chdir(cwd)
    capsys.readouterr()
    code = cli.main(list(args))
    said = capsys.readouterr()
    return subprocess.CompletedProcess(["wagewatch", *args], code, said.out, said.err)


def refused_in_one_line(done: subprocess.CompletedProcess) -> str:
    """The one line a user reads when wagewatch refuses: no traceback, exit 1, and before it no more
    than the lines of the steps that ran (timed, `HH:MM:SS  ...`)."""
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    said = [line for line in done.stderr.splitlines() if line.startswith("wagewatch: ")]
    assert len(said) == 1, done.stderr
    assert done.stderr.strip().splitlines()[-1] == said[0], done.stderr
    return said[0]


def test_run_with_a_missing_inbox_fails_with_a_clear_message(tmp_path):
    done = wagewatch("run", "--inbox", str(tmp_path / "nowhere"), "--warehouse", str(tmp_path / "w.duckdb"))
    assert "inbox" in refused_in_one_line(done) and "is not a folder" in done.stderr
    assert not (tmp_path / "w.duckdb").exists()


def test_run_with_a_malformed_as_of_date_fails_with_a_clear_message(tmp_path):
    done = wagewatch("run", "--inbox", str(tmp_path), "--as-of", "1/10/2026", cwd=tmp_path)
    assert "--as-of must be a date YYYY-MM-DD" in refused_in_one_line(done)
    assert list(tmp_path.iterdir()) == []


BAD_CONFIGURATIONS = {
    "unknown key": (
        "[rules]\npartial_tolerence = 0.02\n",
        "unknown configuration key 'rules.partial_tolerence'",
    ),
    "negative tolerance": (
        "[rules]\npartial_tolerance = -5\n",
        "'rules.partial_tolerance' should be greater",
    ),
    "cron in words": ('[schedule]\ncron = "every night"\n', "'schedule.cron' is not a cron schedule"),
    "time zone on Mars": ('[schedule]\ntimezone = "Mars/Olympus"\n', "'schedule.timezone' is not an IANA"),
    "language": ('[report]\nlanguage = "fr"\n', "'report.language' should be 'zh' or 'en'"),
    "minimum wage prefix": ('[minimum_wage]\n"Jiangxi" = 1610\n', "'minimum_wage.Jiangxi' is not a region"),
    "alias to nothing": ('[aliases.bank]\n"收方户名" = "payee"\n', "maps to unknown column 'payee'"),
    "judge from": ('[rules]\njudge_from = "August"\n', "'rules.judge_from' must be a month"),
}


@pytest.mark.parametrize("command", ["run", "serve"])
@pytest.mark.parametrize("case", BAD_CONFIGURATIONS)
def test_a_bad_configuration_is_refused_in_one_line_and_nothing_is_written(
    tmp_path, case, command, monkeypatch, capsys
):
    text, reason = BAD_CONFIGURATIONS[case]
    (tmp_path / "inbox").mkdir()
    (tmp_path / "bad.toml").write_text(text, encoding="utf-8")
    arguments = (command, "--inbox", "inbox", "--config", "bad.toml")
    if case == next(iter(BAD_CONFIGURATIONS)):  # one case as its own process, the rest in this one
        done = wagewatch(*arguments, cwd=tmp_path)
    else:
        done = wagewatch_in_process(monkeypatch, capsys, *arguments, cwd=tmp_path)
    line = refused_in_one_line(done)
    assert reason in line and str(tmp_path / "bad.toml") in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml", "inbox"]  # not even data/


def test_config_check_validates_a_file_without_running(tmp_path):
    (tmp_path / "good.toml").write_text("[rules]\ngrace_days = 2\n", encoding="utf-8")
    (tmp_path / "bad.toml").write_text('[schedule]\ntimezone = "Mars/Olympus"\n', encoding="utf-8")
    good = wagewatch("config", "--check", "good.toml", cwd=tmp_path)
    assert good.returncode == 0 and f"{tmp_path / 'good.toml'}: the configuration is valid" in good.stdout
    assert "is not an IANA time zone" in refused_in_one_line(
        wagewatch("config", "--check", "bad.toml", cwd=tmp_path)
    )


def test_serve_refuses_a_schedule_given_on_the_command_line_that_is_not_one(tmp_path):
    done = wagewatch("serve", "--inbox", str(tmp_path), "--timezone", "Mars/Olympus", cwd=tmp_path)
    assert "--timezone is not an IANA time zone" in refused_in_one_line(done)


def test_a_warehouse_folder_that_cannot_be_made_is_refused_in_one_line(tmp_path):
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    done = wagewatch("run", "--inbox", str(SAMPLE / "inbox"), "--warehouse", "a-file/w.duckdb", cwd=tmp_path)
    assert "a-file is a file, not a folder" in refused_in_one_line(done)


def test_a_warehouse_another_run_holds_is_refused_in_one_line(tmp_path):
    store = tmp_path / "w.private" / "store.duckdb"
    store.parent.mkdir()
    holder = db.connect(store)  # as a run in progress holds it
    try:
        done = wagewatch("run", "--inbox", str(SAMPLE / "inbox"), "--warehouse", "w.duckdb", cwd=tmp_path)
    finally:
        holder.close()
    assert "another process is using" in refused_in_one_line(done)
    assert "wait for the other wagewatch run to finish" in done.stderr


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "no space left on the device"),
        (
            PermissionError(errno.EACCES, "Permission denied", "/srv/reports"),
            "permission denied: /srv/reports",
        ),
        (
            RuntimeError("model marts/flags failed: Binder Error\nLINE 3"),
            "RuntimeError: model marts/flags failed",
        ),
    ],
)
def test_every_error_is_told_in_one_line_with_what_to_do(error, said):
    from wagewatch.cli import describe

    line = describe(error)
    assert said in line and "\n" not in line and line.endswith(")")


def test_demo_runs_the_bundled_sample_from_a_fresh_folder_with_every_default(tmp_path):
    done = wagewatch("demo", cwd=tmp_path)  # as the README runs it: relative paths, no options
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    assert "project-periods: red" in done.stdout
    workdir = tmp_path / "wagewatch-demo"
    assert (workdir / "reports" / SAMPLE_AS_OF / "index.html").exists()
    assert (workdir / "reports" / "latest").resolve() == (workdir / "reports" / SAMPLE_AS_OF).resolve()
    assert f"as of {SAMPLE_AS_OF}" in done.stdout
    for step in ("start-up: imports", "start-up: Prefect", "start_gx done in", "write_reports done in"):
        assert step in done.stderr
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
    assert deployment.parameters["as_of"] is None  # today in the schedule's zone; settable in the UI
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
        "accounts",
        "complaints",
        "deposits",
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
