"""The bundled sample's night as the nightly service runs it: `wagewatch run` from its own working
folder with relative paths, reporting to a resident `prefect server start` (as
deploy/wagewatch-prefect.service runs it, on a free loopback port, with a temporary PREFECT_HOME).
What it wrote lands where the relative paths say; in Prefect's UI, headless Chromium finds the flow
run nightly-<as-of> on the runs page, its Artifacts tab holding nightly-summary, and the artifact's
page showing the night's summary.

Chromium missing: the browser tests are skipped outside CI, failed in CI (tests/helpers/chromium.py).
Screenshots are kept in the test's temporary folder, or in WAGEWATCH_SCREENSHOTS when that names a folder.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, sample_as_of
from tests.helpers import chromium

BIN = Path(sys.executable).parent
LOOPBACK = "127.0.0.1"
SERVER_START_SECONDS = 180  # 10-30 s on 2 busy cores; the first start also copies the UI
RUN_SECONDS = 600
STOP_SECONDS = 30
PAGE_SECONDS = 60
POLL_SECONDS = 0.5
SUMMARY_KEY = "nightly-summary"
HEADLINE_KEY = "nightly-headline"
BROWSER_SECONDS = 60
WINDOW = (1400, 1000)
SAMPLE_AS_OF = sample_as_of().isoformat()


@dataclass
class Night:
    ui: str
    name: str
    flow_run_id: str
    summary_id: str
    workdir: Path  # where it ran: inbox/, out/w.duckdb, printed/ (the reports)
    done: subprocess.CompletedProcess


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def _api(api: str, path: str, body: dict | None = None):
    request = urllib.request.Request(
        f"{api}{path}",
        data=None if body is None else json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="GET" if body is None else "POST",
    )
    with urllib.request.urlopen(request, timeout=PAGE_SECONDS) as answer:
        return json.load(answer)


def _wait_until_healthy(api: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while True:
        assert server.poll() is None, f"prefect server exited {server.returncode}: {log.read_text()[-3000:]}"
        try:
            if _api(api, "/health") is True:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        assert time.monotonic() < deadline, (
            f"no /api/health in {SERVER_START_SECONDS} s: {log.read_text()[-3000:]}"
        )
        time.sleep(POLL_SECONDS)


def _stop(server: subprocess.Popen) -> None:
    """The server and its workers (its own process group), politely, then not."""
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=STOP_SECONDS)


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A resident Prefect server on loopback: the environment that points a client at it."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = str(_free_port())
    api = f"http://{LOOPBACK}:{port}/api"
    environment = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_API_URL": api,
        "PREFECT_UI_API_URL": api,  # else the UI in the browser calls :4200
        "PREFECT_UI_STATIC_DIRECTORY": str(home / "ui"),  # as the unit does; leaves the venv alone
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    log = home / "server.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [BIN / "prefect", "server", "start", "--host", LOOPBACK, "--port", port],
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_until_healthy(api, server, log)
        yield environment
    finally:
        _stop(server)


@pytest.fixture(scope="module")
def night(prefect_server: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Night:
    """The bundled sample's night, reporting to the server, run from its working folder with relative
    paths as an operator types them."""
    as_of = sample_as_of().isoformat()
    workdir = tmp_path_factory.mktemp("night")
    shutil.copytree(SAMPLE / "inbox", workdir / "inbox")
    done = subprocess.run(
        [
            BIN / "wagewatch", "run", "--inbox", "inbox", "--warehouse", "out/w.duckdb",
            "--reports", "printed", "--as-of", as_of,
        ],
        cwd=workdir,
        env=prefect_server,
        capture_output=True,
        text=True,
        timeout=RUN_SECONDS,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    api = prefect_server["PREFECT_API_URL"]
    name = f"nightly-{as_of}"
    (flow_run,) = _api(api, "/flow_runs/filter", {"flow_runs": {"name": {"any_": [name]}}})
    assert flow_run["state_type"] == "COMPLETED"
    (summary,) = _api(
        api,
        "/artifacts/filter",
        {"artifacts": {"key": {"any_": [SUMMARY_KEY]}, "flow_run_id": {"any_": [flow_run["id"]]}}},
    )
    return Night(api.removesuffix("/api"), name, flow_run["id"], summary["id"], workdir, done)


def test_run_with_relative_paths_from_its_working_folder(night):
    """The sample's night (tests/cli/conftest.py) ran `run --inbox inbox --warehouse out/w.duckdb
    --reports printed` from its folder: everything lands where those paths say, from there."""
    assert (night.workdir / "out" / "w.duckdb").is_file()
    assert (night.workdir / "printed" / SAMPLE_AS_OF / "index.html").is_file()
    assert (night.workdir / "printed" / SAMPLE_AS_OF / "quality.html").is_file()
    assert [p.name for p in (night.workdir / "out").iterdir() if p.name.startswith(".")] == []
    assert "Traceback" not in night.done.stderr


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wanted = os.environ.get("WAGEWATCH_SCREENSHOTS")
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def tab(tmp_path: Path) -> Iterator[chromium.Tab]:
    with chromium.tab(tmp_path / "chromium-profile", WINDOW, BROWSER_SECONDS) as opened:
        yield opened


def test_the_runs_page_lists_the_night(night: Night, tab: chromium.Tab, screenshots: Path):
    tab.open(f"{night.ui}/runs")
    tab.wait_for_text(night.name, PAGE_SECONDS)
    tab.wait_for_text("Completed", PAGE_SECONDS)
    tab.screenshot(screenshots / "prefect-runs.png")


def test_the_nights_artifacts_tab_holds_its_summary(night: Night, tab: chromium.Tab, screenshots: Path):
    tab.open(f"{night.ui}/runs/flow-run/{night.flow_run_id}")
    tab.wait_for_text("Artifacts", PAGE_SECONDS)  # the tab appears once the run has loaded
    tab.click("Artifacts")
    tab.wait_for_text(SUMMARY_KEY, PAGE_SECONDS)
    tab.wait_for_text(HEADLINE_KEY, PAGE_SECONDS)
    assert "tab=Artifacts" in tab.evaluate("location.search"), "the Artifacts tab is the one open"
    tab.screenshot(screenshots / "prefect-run-artifacts.png")


def test_the_summary_artifact_shows_the_nights_summary(night: Night, tab: chromium.Tab, screenshots: Path):
    tab.open(f"{night.ui}/artifacts/artifact/{night.summary_id}")
    tab.wait_for_text(f"wagewatch run as of {sample_as_of().isoformat()}", PAGE_SECONDS)
    shown = tab.wait_for_text(night.name, PAGE_SECONDS)  # the run it belongs to is fetched apart
    files = sum(1 for path in (SAMPLE / "inbox").rglob("*") if path.is_file())
    assert f"new files: {files}" in shown, shown[:2000]
    tab.screenshot(screenshots / "prefect-summary.png")
