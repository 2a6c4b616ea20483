"""The nightly run's steps as plain functions: what the Prefect flow calls and what tests call.

ingest -> build -> judge -> check -> snapshot -> report -> publish. Everything before publish works
on the private store and on temporary files; only publish touches what analysts and inspectors
read, by atomic replacement, so a run that fails at any step leaves the last good outputs as they were.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb

from wagewatch import db, runner
from wagewatch.intake.ingest import FileOutcome, ingest
from wagewatch.report import REPORT_FILE_NAME, write_report
from wagewatch.settings import DEFAULT_WAREHOUSE, OWNER_ONLY, OWNER_ONLY_DIR, Config, Settings

BUILD_LAYERS = ("staging", "intermediate")
JUDGE_LAYERS = ("rules", "marts")
WORST_FLAGS_SHOWN = 5


class PipelineError(RuntimeError):
    """The run could not complete; the published warehouse and reports were left as they were."""


@dataclass
class RunResult:
    """What one run did, for the run summary."""

    settings: Settings
    files: list[FileOutcome] = field(default_factory=list)
    file_rows: dict[str, tuple[int, int]] = field(default_factory=dict)  # source_file: loaded, quarantined
    levels: dict[str, int] = field(default_factory=dict)  # project-periods by level
    project_levels: dict[str, int] = field(default_factory=dict)  # projects by their worst level
    flags: dict[str, int] = field(default_factory=dict)
    worst_flags: list[tuple] = field(default_factory=list)
    rows_quarantined: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # step name: wall time
    report: Path | None = None


def settings_from(
    inbox: str,
    warehouse: str = str(DEFAULT_WAREHOUSE),
    as_of: str | None = None,
    config: str | None = None,
    reports: str | None = None,
) -> Settings:
    """Settings from the command line's words, with a clear error for each wrong one."""
    if not Path(inbox).is_dir():
        raise PipelineError(f"inbox {inbox} is not a folder")
    try:
        day = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError as error:
        raise PipelineError(f"--as-of must be a date YYYY-MM-DD, got {as_of!r}") from error
    return Settings(
        inbox=Path(inbox),
        warehouse=Path(warehouse),
        reports=Path(reports) if reports else None,
        as_of=day,
        config=Config.load(Path(config) if config else None),
    )


def open_store(settings: Settings) -> duckdb.DuckDBPyConnection:
    """The private store: raw rows in clear, owner-only, beside the published warehouse."""
    # The folder, not each file, keeps others out: DuckDB also writes a WAL and spill files there.
    settings.private_dir.mkdir(parents=True, exist_ok=True, mode=OWNER_ONLY_DIR)
    os.chmod(settings.private_dir, OWNER_ONLY_DIR)
    con = db.connect(settings.private_store)
    os.chmod(settings.private_store, OWNER_ONLY)
    db.configure(con, settings)
    runner.install_macros(con)
    return con


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection):
    """All or nothing: a step that fails leaves the store as the last step left it."""
    con.begin()
    try:
        yield con
    except BaseException:
        con.rollback()
        raise
    con.commit()


def ingest_inbox(con: duckdb.DuckDBPyConnection, settings: Settings) -> list[FileOutcome]:
    with transaction(con):
        return ingest(con, settings.inbox, settings.config.aliases)


def _build_layers(con: duckdb.DuckDBPyConnection, layers: tuple[str, ...]) -> None:
    with transaction(con):
        runner.build(con, runner.build_order(runner.discover(), layers))


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Staging and intermediate models: clean, attribute, compute what each worker-month expects."""
    _build_layers(con, BUILD_LAYERS)


def judge(con: duckdb.DuckDBPyConnection) -> None:
    """Rules and marts: judge every worker-month, raise flags, level every project-period."""
    _build_layers(con, JUDGE_LAYERS)


def check_row_accounting(con: duckdb.DuckDBPyConnection) -> None:
    """Every data row of every loaded file is in a published table or in the quarantine, once."""
    broken = con.execute(runner.query("row_accounting")).fetchall()
    if broken:
        listed = "; ".join(f"{source}: {rows} rows, {found} accounted for" for source, rows, found in broken)
        raise PipelineError(f"row accounting does not hold: {listed}")


def published_tables() -> list[str]:
    return sorted(m.name for m in runner.discover().values() if m.layer == "marts")


def _temporary_sibling(path: Path, suffix: str = "") -> Path:
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp{suffix}")


def snapshot(con: duckdb.DuckDBPyConnection, settings: Settings) -> Path:
    """Copy the marts, and nothing else, into a new file beside the warehouse; return its path."""
    settings.warehouse.parent.mkdir(parents=True, exist_ok=True)
    target = _temporary_sibling(settings.warehouse)
    con.execute("attach ? as publish", [str(target)])
    try:
        for table in published_tables():
            con.execute(f"create table publish.{table} as select * from main.{table}")
    finally:
        con.execute("detach publish")
    return target


def write_reports(warehouse: Path, settings: Settings) -> Path:
    """The inspector report, from the new warehouse, into a new folder beside the published one."""
    target = _temporary_sibling(settings.reports_dir)
    target.mkdir(parents=True)
    write_report(warehouse, target, as_of=settings.as_of, generated_at=datetime.now())
    return target


def publish(new_warehouse: Path, new_reports: Path, settings: Settings) -> None:
    """Replace the published warehouse and reports; open readers keep their old snapshot."""
    os.replace(new_warehouse, settings.warehouse)
    reports = settings.reports_dir
    old = _temporary_sibling(reports, ".old")
    if reports.exists():
        reports.rename(old)
    new_reports.rename(reports)
    shutil.rmtree(old, ignore_errors=True)


def discard(*paths: Path | None) -> None:
    for path in paths:
        if path is None or not path.exists():
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink()


def summarise(con: duckdb.DuckDBPyConnection, result: RunResult) -> RunResult:
    result.levels = dict(con.execute(runner.query("levels")).fetchall())
    result.project_levels = dict(con.execute(runner.query("project_levels")).fetchall())
    result.flags = dict(con.execute(runner.query("flag_counts")).fetchall())
    result.rows_quarantined = con.execute("select count(*) from quarantine").fetchall()[0][0]
    result.file_rows = {
        source: (loaded, quarantined)
        for source, loaded, quarantined in con.execute(
            "select source_file, rows_loaded, rows_quarantined from ingested_files"
        ).fetchall()
    }
    result.worst_flags = con.execute(runner.query("worst_flags"), [WORST_FLAGS_SHOWN]).fetchall()
    return result


def _direct(function: Callable, *args):
    return function(*args)


def run(settings: Settings, step: Callable = _direct) -> RunResult:
    """One nightly run, every step through `step` (the flow passes one that makes it a Prefect task)."""
    result = RunResult(settings)

    def timed(function: Callable, *args):
        started = time.perf_counter()
        try:
            return step(function, *args)
        finally:
            result.seconds[function.__name__] = round(time.perf_counter() - started, 2)

    con = open_store(settings)
    new_warehouse = new_reports = None
    try:
        result.files = timed(ingest_inbox, con, settings)
        timed(build, con)
        timed(judge, con)
        timed(check_row_accounting, con)
        summarise(con, result)
        new_warehouse = timed(snapshot, con, settings)
        new_reports = timed(write_reports, new_warehouse, settings)
        timed(publish, new_warehouse, new_reports, settings)
    except BaseException:
        discard(new_warehouse, new_reports)
        raise
    finally:
        con.close()
    result.report = settings.reports_dir / REPORT_FILE_NAME
    return result
