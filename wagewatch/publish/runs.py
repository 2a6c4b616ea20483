"""The run history: one JSON line per run beside the warehouse, appended when the run ends (readable
while a run holds the store; a failed run is recorded too), published as the `runs` table. A run
leaves a marker in the private store while it works; a marker that the next run finds belongs to a
run that was killed (power loss, an out-of-memory kill), which is then recorded as interrupted and
what it left behind removed.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from wagewatch.publish.files import remove, stale_temporaries
from wagewatch.warehouse import catalogue
from wagewatch.warehouse.db import query

if TYPE_CHECKING:
    from wagewatch.pipeline import RunResult

logger = logging.getLogger("wagewatch")

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


def begin_run(marker_dir: Path, run: dict) -> dict | None:
    """Mark a run as started; return the marker of an earlier run that never finished, if any."""
    marker = marker_dir / RUN_MARKER
    unfinished = json.loads(marker.read_text(encoding="utf-8")) if marker.exists() else None
    marker.write_text(json.dumps(run, default=str), encoding="utf-8")
    return unfinished


def end_run(marker_dir: Path) -> None:
    (marker_dir / RUN_MARKER).unlink(missing_ok=True)


def run_record(result: RunResult, status: str, error: str | None = None) -> dict:
    """One line of the run history (RUN_FIELDS)."""
    loaded = [f for f in result.files if f.status == "loaded"]
    severities = {rule.code: rule.severity for rule in catalogue.rules()}
    return {
        "run_id": result.run_id,
        "as_of": result.settings.as_of.isoformat(),
        "started_at": result.started_at,
        "ended_at": datetime.now(),
        "status": status,
        "error": error,
        "files_ingested": len(result.files),
        "files_rejected": sum(f.status == "rejected" for f in result.files),
        "rows_loaded": sum(result.file_rows.get(f.source_file, (0, 0))[0] for f in loaded),
        "rows_quarantined": sum(result.file_rows.get(f.source_file, (0, 0))[1] for f in loaded),
        "flags_red": sum(n for rule, n in result.flags.items() if severities.get(rule) == "red"),
        "flags_amber": sum(n for rule, n in result.flags.items() if severities.get(rule) == "amber"),
    }


def publish_runs(con: duckdb.DuckDBPyConnection, result: RunResult) -> None:
    """The run history, this run included, into the file being published (attached as `publish`)."""
    runs = [*history(result.settings.warehouse), run_record(result, "succeeded")]
    con.register(
        "runs_now",
        pa.Table.from_pylist(
            [{k: str(v) if v is not None else None for k, v in run.items()} for run in runs]
        ),
    )
    try:
        con.execute(query(__package__, "publish_runs"))
    finally:
        con.unregister("runs_now")


def recover(result: RunResult) -> None:
    """Mark this run as started; an earlier run that never finished is recorded as interrupted, and
    what it left behind removed. Called with the store's lock held, so no other run is at work."""
    settings = result.settings
    started = {"run_id": result.run_id, "as_of": settings.as_of.isoformat(), "started_at": result.started_at}
    unfinished = begin_run(settings.private_dir, started)
    leftovers = stale_temporaries(settings.warehouse, settings.reports_root)
    remove(*leftovers)
    if unfinished is not None:
        record_run(settings.warehouse, {**unfinished, "status": "interrupted", "error": INTERRUPTED})
        result.interrupted = {**unfinished, "leftovers": len(leftovers)}
        logger.warning(
            "the run of %s as of %s was interrupted; %d temporary files it left were removed",
            unfinished["started_at"],
            unfinished["as_of"],
            len(leftovers),
        )
