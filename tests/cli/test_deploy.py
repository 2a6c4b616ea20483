"""The systemd units in deploy/, as committed: `systemd-analyze verify` has nothing to say about them,
they carry the hardening and the settings the README promises, and the timer fires at 02:00 Beijing
time, which is 18:00 UTC.

`verify` checks that each Exec binary exists, so the units are checked as copies in which only the
installed venv's bin/ (/opt/wagewatch/venv/bin/) points at this test's venv; every other byte is the
committed file's. systemd-analyze comes with Debian's systemd package, which .ci/run installs; outside CI
a machine without it skips these tests, in CI they fail.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.tools import system_tool

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
NIGHTLY = DEPLOY / "wagewatch-nightly.service"
TIMER = DEPLOY / "wagewatch-nightly.timer"
SERVER = DEPLOY / "wagewatch-prefect.service"
SERVICES = (NIGHTLY, SERVER)
INSTALLED_BIN = "/opt/wagewatch/venv/bin/"
SERVER_API = "http://127.0.0.1:4200/api"
ON_CALENDAR = "*-*-* 02:00:00 Asia/Shanghai"
UTC_TIME = "18:00:00"  # China keeps no summer time: 02:00 +08:00 every night of the year
NIGHTS_CHECKED = 400  # more than a year of nights
EXPOSURE_AT_MOST = 2.0  # systemd-analyze security, 0-10: these units 1.2; the directives alone 7.9
TIMEOUT_SECONDS = 60


def _analyze() -> str:
    return system_tool("systemd-analyze", "systemd")


def _directives(unit: Path) -> dict[tuple[str, str], list[str]]:
    """(section, key) -> every value given, in order, continuation lines joined."""
    found: dict[tuple[str, str], list[str]] = {}
    section = ""
    for line in unit.read_text(encoding="utf-8").replace("\\\n", " ").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, _, value = line.partition("=")
        found.setdefault((section, key.strip()), []).append(value.strip())
    return found


def _service(unit: Path, key: str) -> list[str]:
    return _directives(unit).get(("Service", key), [])


def _environment(unit: Path) -> dict[str, str]:
    pairs = [word.split("=", 1) for value in _service(unit, "Environment") for word in shlex.split(value)]
    return dict(pairs)


def _exec_start(unit: Path) -> list[str]:
    (command,) = _service(unit, "ExecStart")
    return shlex.split(command)


def _option(words: list[str], name: str) -> str:
    return words[words.index(name) + 1]


def _rendered(folder: Path) -> list[Path]:
    """Copies of the committed units, their installed venv's bin/ pointed at this venv's."""
    here = Path(sys.executable).parent
    assert (here / "wagewatch").is_file() and (here / "prefect").is_file(), f"{here} lacks the commands"
    copies = []
    for unit in sorted(DEPLOY.glob("wagewatch-*")):
        text = unit.read_text(encoding="utf-8")
        if unit.suffix == ".service":
            assert INSTALLED_BIN in text, f"{unit.name} runs nothing from {INSTALLED_BIN}"
        copy = folder / unit.name
        copy.write_text(text.replace(INSTALLED_BIN, f"{here}/"), encoding="utf-8")
        copies.append(copy)
    return copies


def _verify(units: list[Path]) -> str:
    """What systemd-analyze verify says about the units: nothing when they are right. An unknown key or
    a value it cannot parse is only a warning (exit code 0), so every line it prints counts."""
    done = subprocess.run(
        [_analyze(), "verify", "--man=no", *map(str, units)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    return (done.stdout + done.stderr + ("" if done.returncode == 0 else f"exit {done.returncode}")).strip()


def test_systemd_analyze_verify_passes_the_committed_units(tmp_path):
    assert _verify(_rendered(tmp_path)) == ""


@pytest.mark.parametrize(
    ("unit", "good", "broken"),
    [
        (NIGHTLY.name, "UMask=0077", "UMsk=0077"),
        (NIGHTLY.name, "Type=oneshot", "Type=oneshott"),
        (SERVER.name, "/bin/prefect server start", "/bin/prefekt server start"),
        (TIMER.name, "OnCalendar=*-*-* 02:00:00", "OnCalendar=*-*-* 26:00:00"),
    ],
)
def test_verify_reports_a_broken_unit(tmp_path, unit, good, broken):
    """The check above can fail: one typo in one unit and verify names it."""
    units = _rendered(tmp_path)
    target = tmp_path / unit
    text = target.read_text(encoding="utf-8")
    assert good in text
    target.write_text(text.replace(good, broken, 1), encoding="utf-8")
    assert unit in _verify(units)


def test_every_unit_named_is_in_deploy():
    """verify loads a timer whose Unit= names no file without a word, so check the names ourselves."""
    named = {TIMER: _directives(TIMER)[("Timer", "Unit")]}
    for service in SERVICES:
        units = _directives(service)
        named[service] = [name for key in ("Wants", "After") for name in units.get(("Unit", key), [])]
    for unit, names in named.items():
        for name in (word for value in names for word in value.split()):
            assert not name.startswith("wagewatch") or (DEPLOY / name).is_file(), f"{unit.name}: {name}"


@pytest.mark.parametrize("unit", SERVICES, ids=lambda unit: unit.name)
def test_each_service_is_hardened_and_offline(unit):
    assert _service(unit, "User") == ["wagewatch"]
    assert _service(unit, "UMask") == ["0077"]
    assert _service(unit, "NoNewPrivileges") == ["yes"]
    assert _service(unit, "ProtectSystem") == ["strict"]
    environment = _environment(unit)
    assert environment["TZ"] == "Asia/Shanghai"
    assert environment["DO_NOT_TRACK"] == "1"
    assert environment["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"
    writable = [path for value in _service(unit, "ReadWritePaths") for path in value.split()]
    assert environment["PREFECT_HOME"] in writable, "Prefect writes its home"


def test_the_nightly_service_runs_once_against_the_resident_server():
    assert _service(NIGHTLY, "Type") == ["oneshot"]
    command = _exec_start(NIGHTLY)
    assert Path(command[0]).name == "wagewatch" and command[1] == "run"
    assert "--as-of" not in command, "each night judges as of its own date"
    writable = [path for value in _service(NIGHTLY, "ReadWritePaths") for path in value.split()]
    assert str(Path(_option(command, "--warehouse")).parent) in writable
    inbox = Path(_option(command, "--inbox"))
    assert not any(inbox.is_relative_to(path) for path in writable), "the run never changes its inbox"

    server = _exec_start(SERVER)
    assert server[1:3] == ["server", "start"]
    assert f"http://{_option(server, '--host')}:{_option(server, '--port')}/api" == SERVER_API
    assert _environment(NIGHTLY)["PREFECT_API_URL"] == SERVER_API
    assert _environment(SERVER)["PREFECT_UI_API_URL"] == SERVER_API
    units = _directives(NIGHTLY)
    assert SERVER.name in units[("Unit", "Wants")] and SERVER.name in units[("Unit", "After")]

    (secrets,) = _service(NIGHTLY, "EnvironmentFile")
    assert secrets.startswith("-/etc/"), "the PII key file is optional and lives in /etc"


def test_the_timer_fires_nightly_at_two_in_shanghai_and_catches_up():
    timer = _directives(TIMER)
    assert timer[("Timer", "OnCalendar")] == [ON_CALENDAR]
    assert timer[("Timer", "Persistent")] == ["true"]
    assert timer[("Timer", "Unit")] == [NIGHTLY.name]
    assert timer[("Install", "WantedBy")] == ["timers.target"]


def test_systemd_agrees_two_in_shanghai_is_eighteen_utc():
    (on_calendar,) = _directives(TIMER)[("Timer", "OnCalendar")]
    done = subprocess.run(
        [_analyze(), "calendar", f"--iterations={NIGHTS_CHECKED}", on_calendar],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=True,
        env={"TZ": "UTC", "PATH": "/usr/bin:/bin"},
    )
    times = re.findall(r"\d{4}-\d\d-\d\d (\d\d:\d\d:\d\d) UTC", done.stdout)
    assert len(times) == NIGHTS_CHECKED, done.stdout[:1000]
    assert set(times) == {UTC_TIME}


@pytest.mark.parametrize("unit", SERVICES, ids=lambda unit: unit.name)
def test_systemd_rates_each_service_well_sandboxed(tmp_path, unit):
    _rendered(tmp_path)
    done = subprocess.run(
        [_analyze(), "security", "--offline=yes", "--no-pager", str(tmp_path / unit.name)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    found = re.search(r"Overall exposure level for \S+: (\d+\.\d)", done.stdout)
    assert found, done.stdout[-1000:] + done.stderr[-1000:]
    assert float(found.group(1)) <= EXPOSURE_AT_MOST, done.stdout
