"""Shared fixtures: Prefect offline and isolated, and a helper that runs the pipeline on an inbox."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="wagewatch-prefect-"))
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("WAGEWATCH_PII_KEY", "test-key-not-secret")
os.environ.pop("DASK_SCHEDULER_ADDRESS", None)  # a cluster is chosen by the tests that use one

from tests.helpers.inbox_builder import Inbox
from wagewatch import pipeline
from wagewatch.settings import Config, Settings
from wagewatch.warehouse import db


@dataclass
class Run:
    """A finished run: its settings and result, and read-only questions to its published warehouse."""

    settings: Settings
    result: pipeline.RunResult

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        con = db.connect(self.settings.warehouse, read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    def flags(self) -> list[tuple]:
        """(rule, period, worker_name) of every flag, sorted."""
        return sorted(
            self.query("select rule, period, coalesce(worker_name, '') from flags"),
            key=lambda row: tuple(str(v) for v in row),
        )

    def worker_period(self, name: str, period: str) -> dict:
        """The worker_periods row of one worker and period, as a dict (amounts stay Decimal)."""
        con = db.connect(self.settings.warehouse, read_only=True)
        try:
            cursor = con.execute(
                "select * from worker_periods where worker_name = ? and period = ?", [name, period]
            )
            rows = cursor.fetchall()
            names = [column[0] for column in cursor.description]
        finally:
            con.close()
        assert len(rows) == 1, f"{name} {period}: {len(rows)} rows"
        return dict(zip(names, rows[0], strict=True))


def night_settings(inbox: Path, workdir: Path, as_of: date, config: Config | None = None) -> Settings:
    """A test night's settings: the warehouse (and the reports beside it) under workdir."""
    return Settings(
        inbox=inbox,
        warehouse=workdir / "warehouse" / "wagewatch.duckdb",
        as_of=as_of,
        config=config or Config.load(),
    )


def run_pipeline(inbox: Path, workdir: Path, as_of: date, config: Config | None = None) -> Run:
    settings = night_settings(inbox, workdir, as_of, config)
    return Run(settings, pipeline.run(settings))


@pytest.fixture
def inbox(tmp_path: Path) -> Inbox:
    return Inbox(tmp_path / "inbox")


@pytest.fixture
def full_run(tmp_path: Path):
    """Run the whole pipeline on a test's inbox: full_run(inbox, as_of) -> Run."""

    def _run(inbox: Inbox | Path, as_of: date, config: Config | None = None) -> Run:
        root = inbox.write() if isinstance(inbox, Inbox) else inbox
        return run_pipeline(root, tmp_path / "work", as_of, config)

    return _run


@pytest.fixture
def run(full_run):
    """The whole pipeline, where a test needs what it publishes (tests/judging/ runs the models alone)."""
    return full_run


SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def sample_as_of(sample: Path = SAMPLE) -> date:
    import json

    return date.fromisoformat(json.loads((sample / "manifest.json").read_text(encoding="utf-8"))["as_of"])


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory) -> Run:
    """The bundled sample, run once for the whole session."""
    return run_pipeline(SAMPLE / "inbox", tmp_path_factory.mktemp("sample"), sample_as_of())
