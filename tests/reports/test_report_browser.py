"""The index and a project page open in headless Chromium (Debian's chromium package) from the folder
alone, offline: screenshots show the chart and the tables drawn, and the DOM after the page's own
script holds every project, every bar and every flag row.

Chromium is installed by the test set-up (.ci/run). Outside CI a machine without it skips this test;
in CI (the CI variable set) a missing chromium fails it. Screenshots are kept in the test's temporary
folder, or in WAGEWATCH_SCREENSHOTS when that names a folder.
"""

from __future__ import annotations

import os
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, Run, run_pipeline, sample_as_of
from tests.helpers import chromium
from tests.helpers.png import pixel_counts
from tests.helpers.report_pages import PageParser
from wagewatch.reports.chart import EXPECTED_FILL, PAID_FILL
from wagewatch.reports.data import project_file_name
from wagewatch.reports.pages import PROJECTS_FOLDER

WINDOW = (1280, 2000)
CHROMIUM_TIMEOUT_SECONDS = 90
HEADER_FILL = "#eef1f5"  # table headers (base.html.j2)
RED_BADGE_FILL = "#fbe3e3"
MONTH_BEFORE_DAYS = 30
CHART_ROWS = 1000  # the chart sits in the top half of the first screen
LEAST_BAR_PIXELS = 2000  # five months of bars are tens of thousands of pixels; a missing chart is none


def _browse(page: Path, profile: Path, *arguments: str) -> str:
    done = subprocess.run(
        [
            chromium.executable(),
            *chromium.HEADLESS,
            f"--user-data-dir={profile}",
            f"--window-size={WINDOW[0]},{WINDOW[1]}",
            *arguments,
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=CHROMIUM_TIMEOUT_SECONDS,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _screenshot(page: Path, folder: Path, profile: Path) -> Path:
    shot = folder / f"{page.stem}.png"
    _browse(page, profile, f"--screenshot={shot}")
    assert shot.is_file(), f"no screenshot of {page}"
    return shot


def _dom(page: Path, profile: Path) -> tuple[str, PageParser]:
    """The page's DOM after its own script ran, as HTML and as parsed rows."""
    html = _browse(page, profile, "--dump-dom")
    parser = PageParser()
    parser.feed(html)
    return html, parser


@pytest.fixture(scope="module")
def two_nights(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The sample run a month before its as-of date and then on it: pages with new and resolved flags."""
    workdir = tmp_path_factory.mktemp("browser")
    as_of = sample_as_of()
    run_pipeline(SAMPLE / "inbox", workdir, as_of - timedelta(days=MONTH_BEFORE_DAYS))
    return run_pipeline(SAMPLE / "inbox", workdir, as_of)


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    wanted = os.environ.get("WAGEWATCH_SCREENSHOTS")
    shots = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    return shots, tmp_path_factory.mktemp("chromium-profile")


def _project_to_show(run: Run) -> str:
    """The project owing the most among those with a resolved flag: its page shows every section."""
    return run.query(
        "select project_id from flag_history join project_arrears using (project_id) "
        "group by project_id, owed_amount "
        "order by bool_or(resolved_on is not null) desc, owed_amount desc limit 1"
    )[0][0]


def test_the_index_renders_its_tables_and_its_filter(two_nights, folders):
    shots, profile = folders
    index = two_nights.settings.reports_dir / "index.html"
    (width, height), colours = pixel_counts(_screenshot(index, shots, profile))
    assert (width, height) == WINDOW
    assert colours[HEADER_FILL] > 0 and colours[RED_BADGE_FILL] > 0, "tables and level badges drawn"
    html, dom = _dom(index, profile)
    projects = [row for row in dom.rows if row.kind == "project"]
    assert len(projects) == two_nights.query("select count(*) from projects")[0][0]
    assert '<form class="filters" id="filters">' in html, "the page's script ran and showed the filter"


def test_a_project_page_renders_its_chart_and_its_flags(two_nights, folders):
    shots, profile = folders
    project_id = _project_to_show(two_nights)
    page = two_nights.settings.reports_dir / PROJECTS_FOLDER / project_file_name(project_id)
    _, colours = pixel_counts(_screenshot(page, shots, profile), rows=CHART_ROWS)
    assert colours[EXPECTED_FILL] > LEAST_BAR_PIXELS, "bars of the expected amounts drawn"
    assert colours[PAID_FILL] > LEAST_BAR_PIXELS, "bars of the paid amounts drawn"
    assert colours[HEADER_FILL] > 0, "tables drawn"
    html, dom = _dom(page, profile)
    months = two_nights.query("select count(*) from project_periods where project_id = ?", [project_id])[0][0]
    assert html.count('class="bar"') == 2 * months
    flags = two_nights.query("select count(*) from flags where project_id = ?", [project_id])[0][0]
    assert len([row for row in dom.rows if row.kind == "flag"]) == flags > 0
    assert [row for row in dom.rows if row.kind == "resolved-flag"], "a month later, some flags were resolved"
