"""What operators need around the nightly run: a history of runs that survives failures and kills,
the previous published warehouses kept for rollback, and the dated report folders.

The history is a JSON-lines file beside the warehouse, appended once per run: readable while a run
holds the store, and a failed run is recorded too. A run leaves a marker in the private store while
it works; a marker that the next run finds belongs to a run that was killed (power loss, an
out-of-memory kill), which is then recorded as interrupted and its temporary files removed.
Snapshots are hard links to the files that publishing replaced, so keeping them costs no copy.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from datetime import date, datetime, timedelta
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


RUN_MARKER = "run-in-progress.json"
LATEST = "latest"
INTERRUPTED = "the run was killed before it finished (power loss, an out-of-memory kill, kill -9)"


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


def temporary_sibling(path: Path, suffix: str = "") -> Path:
    """A new, hidden name beside `path` for what a run writes before it publishes."""
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp{suffix}")


def remove(*paths: Path | None) -> None:
    for path in paths:
        if path is not None and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        elif path is not None and (path.exists() or path.is_symlink()):
            path.unlink()


def stale_temporaries(warehouse: Path, reports_root: Path) -> list[Path]:
    """What earlier runs left behind when they were killed: their temporary warehouse and reports."""
    return [
        *warehouse.parent.glob(f".{warehouse.name}.*.tmp*"),
        *(reports_root.glob(".*.tmp*") if reports_root.is_dir() else ()),
    ]


def begin_run(marker_dir: Path, run: dict) -> dict | None:
    """Mark a run as started; return the marker of an earlier run that never finished, if any."""
    marker = marker_dir / RUN_MARKER
    unfinished = json.loads(marker.read_text(encoding="utf-8")) if marker.exists() else None
    marker.write_text(json.dumps(run, default=str), encoding="utf-8")
    return unfinished


def end_run(marker_dir: Path) -> None:
    (marker_dir / RUN_MARKER).unlink(missing_ok=True)


def publish_reports(new_reports: Path, reports_root: Path, as_of: date, keep_days: int) -> Path:
    """Make `new_reports` the folder <reports>/<as-of>/ (a rerun replaces it), point `latest` at the
    newest dated folder, and remove dated folders more than `keep_days` older than the newest."""
    dated = reports_root / as_of.isoformat()
    old = temporary_sibling(dated, ".old")
    if dated.exists():
        dated.rename(old)
    new_reports.rename(dated)
    remove(old)
    days = sorted(_dated_folders(reports_root))
    for day in days:
        if day < days[-1] - timedelta(days=keep_days):
            remove(reports_root / day.isoformat())
    _point_latest(reports_root, days[-1].isoformat())
    return dated


def _dated_folders(reports_root: Path) -> list[date]:
    days = []
    for folder in reports_root.iterdir():
        try:
            days.append(date.fromisoformat(folder.name))
        except ValueError:
            continue  # latest, and anything an operator keeps there
    return days


def _point_latest(reports_root: Path, newest: str) -> None:
    """`latest` leads to the newest dated folder: a relative symlink, swapped in atomically; where
    the system allows no symlinks, a copy."""
    latest = reports_root / LATEST
    swap = temporary_sibling(latest)
    try:
        swap.symlink_to(newest, target_is_directory=True)
    except OSError:
        shutil.copytree(reports_root / newest, swap)
        old = temporary_sibling(latest, ".old")
        if latest.exists():
            latest.rename(old)
        swap.rename(latest)
        remove(old)
        return
    if latest.is_dir() and not latest.is_symlink():
        shutil.rmtree(latest)  # a copy made where symlinks were refused before
    os.replace(swap, latest)
