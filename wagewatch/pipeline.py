"""The nightly run's steps as plain functions: what the Prefect flow calls and what tests call.

ingest -> build -> judge -> check -> snapshot -> report -> publish. Everything before publish works
on the private store and on temporary files; only publish touches what analysts and inspectors
read, by atomic replacement, so a run that fails at any step leaves the last good outputs as they were.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from wagewatch import catalogue, db, dictionary, operations, quality, runner
from wagewatch.history import FLAG_HISTORY_TABLE, record_flag_history
from wagewatch.intake.ingest import FileOutcome, ingest
from wagewatch.report import REPORT_FILE_NAME, write_report
from wagewatch.settings import DEFAULT_WAREHOUSE, OWNER_ONLY, OWNER_ONLY_DIR, Config, Settings

CHECKS_TABLE = "quality_checks"  # every expectation's outcome this run, published beside the marts
WORST_FLAGS_SHOWN = 5


logger = logging.getLogger("wagewatch")


class PipelineError(RuntimeError):
    """The run could not complete; the published warehouse and reports were left as they were.
    `hint` says what the user can do about it."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


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
    file_reasons: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)  # source_file: why
    checks_run: int = 0
    checks_failed: int = 0  # expectations that found rows (critical at intake: quarantined; warnings)
    findings: list[tuple] = field(
        default_factory=list
    )  # checks that found rows: suite, severity, reason, rows
    new_flags: int = 0
    resolved_flags: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # step name: wall time
    run_id: str = ""
    started_at: datetime | None = None
    interrupted: dict | None = None  # an earlier run that was killed before it finished
    report: Path | None = None


def settings_from(
    inbox: str,
    warehouse: str = str(DEFAULT_WAREHOUSE),
    as_of: str | None = None,
    config: str | None = None,
    reports: str | None = None,
) -> Settings:
    """Settings from the command line's words, with a clear error for each wrong one, before
    anything is written. Without an as-of date, a run judges as of today in the schedule's zone."""
    if not Path(inbox).is_dir():
        raise PipelineError(
            f"inbox {inbox} is not a folder", "give --inbox the folder the sites and banks fill"
        )
    try:
        day = date.fromisoformat(as_of) if as_of else None
    except ValueError as error:
        raise PipelineError(
            f"--as-of must be a date YYYY-MM-DD, got {as_of!r}", "e.g. --as-of 2026-10-15"
        ) from error
    settings = Settings(
        inbox=Path(inbox),
        warehouse=Path(warehouse),
        reports=Path(reports) if reports else None,
        as_of=day,
        config=Config.load(Path(config) if config else None),
    )
    for folder in (settings.warehouse.parent, settings.reports_root):
        _check_writable(folder)
    return settings


def _check_writable(folder: Path) -> None:
    """The folder exists or can be made, and this user may write in it."""
    if folder.exists() and not folder.is_dir():
        raise PipelineError(f"{folder} is a file, not a folder", "choose another --warehouse or --reports")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PipelineError(
            f"cannot make the folder {folder}: {error.strerror}", "choose another --warehouse or --reports"
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PipelineError(
            f"cannot write in {folder}",
            "make it writable for this user, or choose another --warehouse or --reports",
        )


def open_store(settings: Settings) -> duckdb.DuckDBPyConnection:
    """The private store: raw rows in clear, owner-only, beside the published warehouse."""
    # The folder, not each file, keeps others out: DuckDB also writes a WAL and spill files there.
    settings.private_dir.mkdir(parents=True, exist_ok=True, mode=OWNER_ONLY_DIR)
    os.chmod(settings.private_dir, OWNER_ONLY_DIR)
    try:
        con = db.connect(settings.private_store)
    except duckdb.IOException as error:
        if "lock" not in str(error):
            raise
        # DuckDB allows one writer: another run (or a tool holding the store open) is at work.
        raise PipelineError(
            f"another process is using {settings.private_store}", "wait for the other wagewatch run to finish"
        ) from None
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


def build(con: duckdb.DuckDBPyConnection) -> None:
    """The models that read nothing the intake suites make (the graph says which: staging, every input
    row cleaned and typed, nothing filtered yet), on a clean slate: no model reads last night's tables."""
    with transaction(con):
        runner.start_run(con)
        runner.build_ready(con)


def record_intake_issues(con: duckdb.DuckDBPyConnection) -> None:
    """intake_issues: every row an intake expectation finds, by the suites' own SQL (no GX needed)."""
    con.execute(f"create or replace table intake_issues as\n{quality.intake_issues_sql()}")


def validate_intake(con: duckdb.DuckDBPyConnection, gate: quality.Gate) -> list[quality.Check]:
    """The intake suites: rows a critical expectation finds are held back for the quarantine, rows a
    warning finds are kept and recorded. GX's counts and the rows held back must agree."""
    checks = gate.validate(quality.INTAKE_SUITES_BY_NAME)
    with transaction(con):
        record_intake_issues(con)
        counted = "select suite, expectation, count(*) from intake_issues group by suite, expectation"
        found = {(suite, name): rows for suite, name, rows in con.execute(counted).fetchall()}
        _record_checks(con, checks, replace=True)
    for check in checks:
        if found.get((check.suite, check.expectation), 0) != check.unexpected_rows:
            raise quality.QualityError(
                f"{check.suite}.{check.expectation}: GX found {check.unexpected_rows} rows, "
                f"the quarantine {found.get((check.suite, check.expectation), 0)}"
            )
    return checks


def judge(con: duckdb.DuckDBPyConnection) -> None:
    """Intermediate models, rules and marts: attribute payments, judge every worker-month, raise
    flags, level every project-period, keep the ledger: every model left, now that intake_issues is made."""
    with transaction(con):
        runner.build_ready(con, complete=True)


def check(con: duckdb.DuckDBPyConnection, gate: quality.Gate) -> list[quality.Check]:
    """Nothing is published unless every row is accounted for and every mart holds its invariants."""
    broken = con.execute(runner.query("row_accounting")).fetchall()
    if broken:
        listed = "; ".join(f"{source}: {rows} rows, {found} accounted for" for source, rows, found in broken)
        raise PipelineError(f"row accounting does not hold: {listed}")
    checks = gate.validate(quality.mart_suites())
    with transaction(con):
        _record_checks(con, checks, replace=False)
    failed = [c for c in checks if c.severity == quality.CRITICAL and not c.passed]
    if failed:
        listed = "; ".join(f"{c.suite}.{c.expectation}: {c.unexpected_rows} rows, {c.reason}" for c in failed)
        raise quality.QualityError(f"marts break their invariants, nothing published: {listed}")
    return checks


def _record_checks(con: duckdb.DuckDBPyConnection, checks: list[quality.Check], *, replace: bool) -> None:
    rows = pa.Table.from_pylist([{**asdict(c), "passed": c.passed} for c in checks])
    con.register("checks_now", rows)
    try:
        if replace:
            con.execute(f"create or replace table {CHECKS_TABLE} as select * from checks_now")
        else:
            con.execute(f"insert into {CHECKS_TABLE} by name select * from checks_now")
    finally:
        con.unregister("checks_now")


def published_tables() -> list[str]:
    marts = (m.name for m in runner.discover().values() if m.layer == "marts")
    return sorted([*marts, CHECKS_TABLE, FLAG_HISTORY_TABLE])


def snapshot(con: duckdb.DuckDBPyConnection, settings: Settings, result: RunResult) -> Path:
    """Copy what is published, and nothing else (the marts, this run's checks, the flag and run
    histories), into a new file beside the warehouse, every column described; return its path."""
    settings.warehouse.parent.mkdir(parents=True, exist_ok=True)
    target = operations.temporary_sibling(settings.warehouse)
    con.execute("attach ? as publish", [str(target)])
    try:
        for table in published_tables():
            con.execute(f"create table publish.{table} as select * from main.{table}")
        _publish_runs(con, result)
        dictionary.comment(con, "publish")
    finally:
        con.execute("detach publish")
    return target


def write_reports(warehouse: Path, settings: Settings, gate: quality.Gate) -> Path:
    """The inspector report and the Data Docs, from the new warehouse, into a new folder."""
    target = operations.temporary_sibling(settings.reports_dir)
    target.mkdir(parents=True)
    gate.build_docs(target)
    dictionary.write_page(warehouse, target)
    write_report(
        warehouse,
        target,
        as_of=settings.as_of,
        generated_at=datetime.now(),
        language=settings.config.report.language,
    )
    return target


def publish(new_warehouse: Path, new_reports: Path, settings: Settings) -> None:
    """Replace the published warehouse and this as-of date's reports; open readers keep their old
    snapshot, the replaced file is kept in snapshots/ for rollback, and `latest` leads to the newest."""
    operations.keep_snapshot(settings.warehouse, settings.config.publish.keep_snapshots)
    os.replace(new_warehouse, settings.warehouse)
    operations.publish_reports(
        new_reports, settings.reports_root, settings.as_of, settings.config.report.keep_days
    )


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
    result.checks_run, result.checks_failed = con.execute(
        f"select count(*), count(*) filter (where not passed) from {CHECKS_TABLE}"
    ).fetchall()[0]
    for source, outcome, reason, rows in con.execute(runner.query("quarantine_reasons")).fetchall():
        result.file_reasons.setdefault(source, []).append((outcome, reason, rows))
    result.findings = con.execute(
        f"select suite, severity, reason, unexpected_rows from {CHECKS_TABLE} where not passed order by suite"
    ).fetchall()
    figures = con.execute(runner.query("headline_figures"), {"as_of": result.settings.as_of})
    headline = dict(zip([column[0] for column in figures.description], figures.fetchone(), strict=True))
    result.new_flags, result.resolved_flags = headline["new_flags"], headline["resolved_flags"]
    return result


def run_record(result: RunResult, status: str, error: str | None = None) -> dict:
    """One line of the run history (operations.RUN_FIELDS)."""
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


def _publish_runs(con: duckdb.DuckDBPyConnection, result: RunResult) -> None:
    """The run history, this run included, into the file being published."""
    runs = [*operations.history(result.settings.warehouse), run_record(result, "succeeded")]
    con.register(
        "runs_now",
        pa.Table.from_pylist(
            [{k: str(v) if v is not None else None for k, v in run.items()} for run in runs]
        ),
    )
    try:
        con.execute(runner.query("publish_runs"))
    finally:
        con.unregister("runs_now")


def _direct(function: Callable, *args):
    return function(*args)


def start_gx(con: duckdb.DuckDBPyConnection, settings: Settings) -> quality.Gate:
    """Great Expectations, imported and set up on the store (seconds: timed as a step of its own)."""
    return quality.Gate(con, settings)


def recover(settings: Settings, result: RunResult) -> None:
    """Mark this run as started; an earlier run that never finished is recorded as interrupted, and
    what it left behind removed. Called with the store's lock held, so no other run is at work."""
    started = {key: run_record(result, "interrupted")[key] for key in ("run_id", "as_of", "started_at")}
    unfinished = operations.begin_run(settings.private_dir, started)
    leftovers = operations.stale_temporaries(settings.warehouse, settings.reports_root)
    operations.remove(*leftovers)
    if unfinished is not None:
        operations.record_run(
            settings.warehouse, {**unfinished, "status": "interrupted", "error": operations.INTERRUPTED}
        )
        result.interrupted = {**unfinished, "leftovers": len(leftovers)}
        logger.warning(
            "the run of %s as of %s was interrupted; %d temporary files it left were removed",
            unfinished["started_at"],
            unfinished["as_of"],
            len(leftovers),
        )


def run(settings: Settings, step: Callable = _direct) -> RunResult:
    """One nightly run, every step through `step` (the flow passes one that makes it a Prefect task)."""
    result = RunResult(settings)

    def timed(function: Callable, *args):
        name = function.__name__
        logger.info("%s ...", name)
        started = time.perf_counter()
        try:
            return step(function, *args)
        finally:
            result.seconds[name] = round(time.perf_counter() - started, 2)
            logger.info("%s done in %.1f s", name, result.seconds[name])

    result.run_id = uuid.uuid4().hex[:12]
    result.started_at = datetime.now()
    con = open_store(settings)
    try:
        recover(settings, result)
        gate = timed(start_gx, con, settings)
        result.files = timed(ingest_inbox, con, settings)
        timed(build, con)
        timed(validate_intake, con, gate)
        timed(judge, con)
        timed(check, con, gate)
        timed(record_flag_history, con, settings)
        summarise(con, result)
        new_warehouse = timed(snapshot, con, settings, result)
        new_reports = timed(write_reports, new_warehouse, settings, gate)
        timed(publish, new_warehouse, new_reports, settings)
    except BaseException as error:
        # Whatever this run wrote before publishing: the lock is held, so these are all its own.
        operations.remove(*operations.stale_temporaries(settings.warehouse, settings.reports_root))
        operations.record_run(
            settings.warehouse, run_record(result, "failed", f"{type(error).__name__}: {error}")
        )
        operations.end_run(settings.private_dir)
        raise
    finally:
        con.close()
    operations.record_run(settings.warehouse, run_record(result, "succeeded"))
    operations.end_run(settings.private_dir)
    result.report = settings.reports_dir / REPORT_FILE_NAME
    return result
