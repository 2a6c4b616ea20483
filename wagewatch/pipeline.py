"""The nightly run: its recipe, `run()`, and what it did, `RunResult`. The Prefect flow runs each step
as a task; tests call `run()` directly.

start GX -> ingest -> build -> validate intake -> judge -> check -> flag history -> snapshot ->
reports -> publish. Everything before publish works on the private store and on temporary files;
only publish touches what analysts and inspectors read, by atomic replacement, so a run that fails
at any step leaves the last good outputs as they were.

With a Dask cluster (Settings.dask_address), ingest reads the files on the cluster's workers, and
judge is four steps: the facts every partition shares
(judge_shared), each partition's rows (split), every partition judged where `fan_out` runs them
(judge_partitions), and their union with the models across partitions (merge).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from wagewatch.intake.ingest import FileOutcome, ingest_inbox
from wagewatch.publish.files import remove as remove_files
from wagewatch.publish.files import stale_temporaries
from wagewatch.publish.runs import end_run, record_run, recover, run_record
from wagewatch.publish.snapshot import publish, snapshot
from wagewatch.quality.checks import check, validate_intake
from wagewatch.quality.gate import start_gx
from wagewatch.reports.pages import REPORT_FILE_NAME
from wagewatch.reports.summary import summarise
from wagewatch.reports.write import write_reports
from wagewatch.settings import Settings
from wagewatch.warehouse import partitions
from wagewatch.warehouse.build import build, judge
from wagewatch.warehouse.history import record_flag_history
from wagewatch.warehouse.store import open_store

logger = logging.getLogger("wagewatch")


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
    findings: list[tuple] = field(default_factory=list)  # checks that found rows: suite, severity, reason, n
    new_flags: int = 0
    resolved_flags: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # step name: wall time
    run_id: str = ""
    started_at: datetime | None = None
    interrupted: dict | None = None  # an earlier run that was killed before it finished
    report: Path | None = None


def _direct(function: Callable, *args):
    return function(*args)


def _in_process(function: Callable, jobs: list) -> list:
    return [function(job) for job in jobs]


def _judge_partitions(timed: Callable, con, settings: Settings, fan_out: partitions.FanOut, run_id: str):
    timed(partitions.judge_shared, con)
    jobs = timed(partitions.split, con, settings, run_id)
    judged = timed(partitions.judge_partitions, fan_out, jobs, as_step=False)  # each partition is a task
    timed(partitions.merge, con, judged)
    partitions.clear(settings)


def run(settings: Settings, step: Callable = _direct, fan_out: partitions.FanOut = _in_process) -> RunResult:
    """One nightly run, every step through `step` (the flow passes one that makes it a Prefect task);
    on a cluster, the partitions through `fan_out` (the flow's sends each to Dask as a Prefect task)."""
    result = RunResult(settings)

    def timed(function: Callable, *args, as_step: bool = True):
        name = function.__name__
        logger.info("%s ...", name)
        started = time.perf_counter()
        try:
            return step(function, *args) if as_step else function(*args)
        finally:
            result.seconds[name] = round(time.perf_counter() - started, 2)
            logger.info("%s done in %.1f s", name, result.seconds[name])

    result.run_id = uuid.uuid4().hex[:12]
    result.started_at = datetime.now()
    con = open_store(settings)
    try:
        recover(result)
        if settings.dask_address:
            partitions.reach_scheduler(settings.dask_address)
        gate = timed(start_gx, con, settings)
        if settings.dask_address:  # its files are read by tasks on the cluster, which retry, not it
            result.files = timed(ingest_inbox, con, settings, fan_out, as_step=False)
        else:
            result.files = timed(ingest_inbox, con, settings)
        timed(build, con)
        timed(validate_intake, con, gate)
        if settings.dask_address:
            _judge_partitions(timed, con, settings, fan_out, result.run_id)
        else:
            timed(judge, con)
        timed(check, con, gate)
        timed(record_flag_history, con, settings)
        summarise(con, result)
        new_warehouse = timed(snapshot, con, settings, result)
        new_reports = timed(write_reports, new_warehouse, settings)
        timed(publish, new_warehouse, new_reports, settings)
    except BaseException as error:
        # Whatever this run wrote before publishing: the lock is held, so these are all its own.
        remove_files(*stale_temporaries(settings.warehouse, settings.reports_root))
        partitions.clear(settings)
        record_run(settings.warehouse, run_record(result, "failed", f"{type(error).__name__}: {error}"))
        end_run(settings.private_dir)
        raise
    finally:
        con.close()
    record_run(settings.warehouse, run_record(result, "succeeded"))
    end_run(settings.private_dir)
    result.report = settings.reports_dir / REPORT_FILE_NAME
    return result
