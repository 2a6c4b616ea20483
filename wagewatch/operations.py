"""What operators need around the nightly run: a history of runs that survives failures, and the
previous published warehouses kept for comparison and rollback.

The history is a JSON-lines file beside the warehouse, appended once per run: readable while a run
holds the store, and a failed run is recorded too. Snapshots are hard links to the files that
publishing replaced, so keeping them costs no copy.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

SNAPSHOT_FOLDER = "snapshots"
SNAPSHOT_STAMP = "%Y%m%dT%H%M%S%f"
RUN_FIELDS = (
    "run_id",
    "as_of",
    "started_at",
    "ended_at",
    "status",
    "error",
    "files_ingested",
    "files_rejected",
    "rows_loaded",
    "rows_quarantined",
    "flags_red",
    "flags_amber",
)


def runs_log(warehouse: Path) -> Path:
    return warehouse.with_name(f"{warehouse.stem}.runs.jsonl")


def record_run(warehouse: Path, run: dict) -> None:
    """Append one run to the history (one JSON object a line, fields RUN_FIELDS)."""
    runs_log(warehouse).parent.mkdir(parents=True, exist_ok=True)
    with runs_log(warehouse).open("a", encoding="utf-8") as handle:
        handle.write(
            json.dumps({field: run.get(field) for field in RUN_FIELDS}, ensure_ascii=False, default=str)
        )
        handle.write("\n")


def history(warehouse: Path) -> list[dict]:
    log = runs_log(warehouse)
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]


def render_status(warehouse: Path, last: int) -> str:
    runs = history(warehouse)[-last:]
    if not runs:
        return f"no runs recorded for {warehouse}"
    lines = [
        f"{'started':<19}  {'as of':<10}  {'status':<9}  files  rejected  loaded  quarantined  red  amber"
    ]
    for run in runs:
        lines.append(
            f"{str(run['started_at'])[:19]:<19}  {run['as_of']:<10}  {run['status']:<9}  "
            f"{run['files_ingested'] or 0:>5}  {run['files_rejected'] or 0:>8}  "
            f"{run['rows_loaded'] or 0:>6}  {run['rows_quarantined'] or 0:>11}  "
            f"{run['flags_red'] or 0:>3}  {run['flags_amber'] or 0:>5}"
        )
        if run.get("error"):
            lines.append(f"  error: {run['error']}")
    return "\n".join(lines)


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
