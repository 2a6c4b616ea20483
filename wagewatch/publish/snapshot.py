"""Publishing the warehouse: what is published is copied into a new file beside it, every column
described, then swapped in atomically. Analysts with an open connection keep their consistent old
snapshot; the replaced file is kept in snapshots/ (a hard link, no copy) for comparison and rollback.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from wagewatch.publish.files import publish_reports, temporary_sibling
from wagewatch.publish.runs import publish_runs
from wagewatch.quality.checks import CHECKS_TABLE
from wagewatch.settings import Settings
from wagewatch.warehouse import dictionary, runner
from wagewatch.warehouse.history import FLAG_HISTORY_TABLE
from wagewatch.warehouse.store import transaction

if TYPE_CHECKING:
    from wagewatch.pipeline import RunResult

SNAPSHOT_FOLDER = "snapshots"
SNAPSHOT_STAMP = "%Y%m%dT%H%M%S%f"


def published_tables() -> list[str]:
    marts = (m.name for m in runner.discover().values() if m.layer == "marts")
    return sorted([*marts, CHECKS_TABLE, FLAG_HISTORY_TABLE])


def snapshot(con: duckdb.DuckDBPyConnection, settings: Settings, result: RunResult) -> Path:
    """Copy what is published, and nothing else (the marts, this run's checks, the flag and run
    histories), into a new file beside the warehouse, every column described; return its path."""
    settings.warehouse.parent.mkdir(parents=True, exist_ok=True)
    target = temporary_sibling(settings.warehouse)
    con.execute("attach ? as publish", [str(target)])
    try:
        # one transaction, committed once: a commit per table and per column's comment cost more
        # than the copying
        with transaction(con):
            for table in published_tables():
                con.execute(f"create table publish.{table} as select * from main.{table}")
            publish_runs(con, result)
            dictionary.comment(con, "publish")
    finally:
        con.execute("detach publish")
    return target


def publish(new_warehouse: Path, new_reports: Path, settings: Settings) -> None:
    """Replace the published warehouse and this as-of date's reports; open readers keep their old
    snapshot, the replaced file is kept in snapshots/ for rollback, and `latest` leads to the newest."""
    keep_snapshot(settings.warehouse, settings.config.publish.keep_snapshots)
    os.replace(new_warehouse, settings.warehouse)
    publish_reports(new_reports, settings.reports_root, settings.as_of, settings.config.report.keep_days)


def _snapshots(warehouse: Path) -> list[Path]:
    return sorted((warehouse.parent / SNAPSHOT_FOLDER).glob(f"{warehouse.stem}.*.duckdb"))


def keep_snapshot(warehouse: Path, keep: int) -> Path | None:
    """Before the published file is replaced, keep it (a hard link); drop all but the newest `keep`."""
    if not warehouse.exists() or keep < 1:
        return None
    folder = warehouse.parent / SNAPSHOT_FOLDER
    folder.mkdir(exist_ok=True)
    kept = folder / f"{warehouse.stem}.{datetime.now().strftime(SNAPSHOT_STAMP)}.duckdb"
    os.link(warehouse, kept)
    for old in _snapshots(warehouse)[:-keep]:
        old.unlink()
    return kept


def rollback(warehouse: Path) -> Path:
    """Publish the newest kept snapshot again, atomically; it is used up by the rollback."""
    kept = _snapshots(warehouse)
    if not kept:
        raise FileNotFoundError(f"no snapshot of {warehouse} to roll back to")
    os.replace(kept[-1], warehouse)
    return kept[-1]
