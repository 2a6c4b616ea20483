"""Operators see each night in Prefect's UI. The sample's night (tests/cli/conftest.py: `wagewatch run`
reporting to a resident Prefect server) leaves a flow run named nightly-<as-of>; headless Chromium finds
it on the UI's runs page, then on the run's page finds its Artifacts tab holding nightly-summary, and
the artifact's page shows the night's summary.

Chromium missing: skipped outside CI, failed in CI (tests/helpers/chromium.py). Screenshots are kept in the
test's temporary folder, or in WAGEWATCH_SCREENSHOTS when that names a folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import PAGE_SECONDS, SUMMARY_KEY, Night
from tests.conftest import SAMPLE, sample_as_of
from tests.helpers import chromium

BROWSER_SECONDS = 60
WINDOW = (1400, 1000)
HEADLINE_KEY = "nightly-headline"


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
