"""Model tests without the rest of the night: a tiny inbox is ingested into an in-memory store, the
intake quarantine is computed from the suites' own SQL (no Great Expectations), and only the models a
test asks for are built, with their upstream. No GX, no Prefect, no reports, no snapshot.

Here `judge(inbox, as_of, *models)` builds the models named, and `run(inbox, as_of)` every model
(what the night's judge step makes); a test that needs the published warehouse, the reports or the
run summary asks for `full_run`, the whole pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest

from tests.helpers.inbox_builder import Inbox
from wagewatch.intake.ingest import bank_formats, ingest
from wagewatch.quality.checks import record_intake_issues
from wagewatch.settings import Config, Settings
from wagewatch.warehouse import db, runner


@dataclass
class Store:
    """A store with this inbox ingested and its intake quarantine made; models built on demand."""

    con: duckdb.DuckDBPyConnection
    project: runner.Project

    def build(self, *models: str) -> Store:
        runner.build_model(self.con, *models, project=self.project)
        return self

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        return self.con.execute(sql, params or []).fetchall()

    def flags(self) -> list[tuple]:
        """(rule, period, worker_name) of every flag, sorted."""
        rows = self.query("select rule, period, coalesce(worker_name, '') from flags")
        return sorted(rows, key=lambda row: tuple(str(v) for v in row))

    def worker_period(self, name: str, period: str) -> dict:
        """The worker_periods row of one worker and period, as a dict (amounts stay Decimal)."""
        cursor = self.con.execute(
            "select * from worker_periods where worker_name = ? and period = ?", [name, period]
        )
        rows = cursor.fetchall()
        assert len(rows) == 1, f"{name} {period}: {len(rows)} rows"
        return dict(zip([column[0] for column in cursor.description], rows[0], strict=True))


def open_store(
    inbox: Path, workdir: Path, as_of: date, config: Config | None = None, root: Path | None = None
) -> Store:
    """Ingest the inbox, build what reads nothing but the intake (staging), and make intake_issues."""
    settings = Settings(
        inbox=inbox, warehouse=workdir / "wagewatch.duckdb", as_of=as_of, config=config or Config.load()
    )
    project = runner.load(root)
    con = db.connect()
    db.configure(con, settings)
    runner.install_macros(con, project.root)
    ingest(con, settings.inbox, settings.config.aliases, bank_formats(settings.config))
    runner.start_run(con, project)
    runner.build_ready(con, project)
    record_intake_issues(con)
    return Store(con, project)


@pytest.fixture
def judge(tmp_path: Path):
    """judge(inbox, as_of, *models, config=None) -> Store with those models built: flags by default."""
    stores: list[Store] = []

    def _judge(
        inbox: Inbox | Path, as_of: date, *models: str, config: Config | None = None, root=None
    ) -> Store:
        written = inbox.write() if isinstance(inbox, Inbox) else inbox
        store = open_store(written, tmp_path / "work", as_of, config, root)
        stores.append(store)
        return store.build(*(models or ("flags",)))

    yield _judge
    for store in stores:
        store.con.close()


@pytest.fixture
def run(judge):
    """run(inbox, as_of, config=None) -> Store with every model built: the marts as the night has them
    before its checks and publishing, in a fraction of a second."""

    def _run(inbox: Inbox | Path, as_of: date, config: Config | None = None) -> Store:
        store = judge(inbox, as_of, "flags", config=config)
        runner.build_ready(store.con, store.project, complete=True)
        return store

    return _run
