"""Judging on a Dask cluster: the projects split by region into partitions, each judged in a DuckDB
file of its own, the results merged into the store, as if one process had judged them all
(docs/contract.md section 8.5).

Each model's header gives its role (wagewatch.warehouse.runner, PARTITION_ROLES); plan() closes it
over the graph:
- `before`, with everything it reads: built once in the store, on every row. It decides what every
  partition must agree on: which project a bank or statement row belongs to (a wage account is one
  project's only if no other project anywhere gives it), which report of a transfer stands.
- `across`, with everything that reads it, and every model that reads a table only the store holds
  (raw rows, the ingest log): built once in the store, after the partitions, on their union.
- `each`, everything else: built in every partition, on the rows of its projects only.

A project's partition is the first digits of its region_code (`[engine] partition_level`) in the
register in force (int_projects). Each table a partition reads (staging and `before` models) is
routed row by row by its `project_id`; a row of no registered project goes to the partition
REMAINDER, which every run builds; a table without a project_id (the rows the intake suites held
back) goes whole to every partition. The store's lock keeps other processes out, so the routed rows
go to the partitions as Parquet files under <name>.private/; a partition's database is written
beside them, and the merge attaches each one, read-only, and unions its tables.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import shutil
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import duckdb

from wagewatch.errors import UNCHANGED, PipelineError
from wagewatch.settings import OWNER_ONLY_DIR, PII_KEY_ENV, Settings
from wagewatch.warehouse import db, runner
from wagewatch.warehouse.store import transaction

REMAINDER = "none"  # the partition of rows that belong to no registered project
ROUTED_BY = "project_id"
UNAVAILABLE = ("store", "run")  # sources a partition cannot read: only the store holds them
KEY_CHECK = "wagewatch partition key check"  # hashed with the key, so workers prove the same key
logger = logging.getLogger("wagewatch")
PARTITION_DIGITS = {"province": 2, "city": 4}  # region-code digits a partition's projects share
FanOut = Callable[[Callable, list], list]  # runs a function on each job; returns what each gave
SCHEDULER_TIMEOUT_SECONDS = 10  # to open a connection to the scheduler, before the night begins


@dataclass(frozen=True)
class Plan:
    before: tuple[str, ...]  # built in the store on every row, before the partitions
    each: tuple[str, ...]  # built in every partition, on its own rows
    across: tuple[str, ...]  # built in the store after the partitions, on their union
    inputs: tuple[str, ...]  # the store's tables a partition reads: staging and `before` models


@dataclass(frozen=True)
class PartitionJob:
    """What one Dask task needs to judge one partition: no connection, only paths and names."""

    key: str  # the region prefix its projects share, or REMAINDER
    folder: Path  # the run's partitions folder: its inputs, and where its database is written
    settings: Settings
    plan: Plan
    key_check: str  # worker_key(run's key, KEY_CHECK): a worker with another key refuses to start

    @property
    def database(self) -> Path:
        return self.folder / f"partition-{self.key}.duckdb"


def _is_loopback(host: str) -> bool:
    """This machine: by its name or a loopback address (no other name is resolved before the night)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _prefect_api_url() -> str | None:
    from prefect.settings import PREFECT_API_URL  # only a cluster run asks: Prefect is slow to import

    return PREFECT_API_URL.value()


def reach_scheduler(address: str) -> None:
    """Fail the night before it reads anything when its workers could not report to Prefect, or when
    nothing listens at the scheduler's address: Dask would wait 30 s for it in the middle of the night,
    and name no setting."""
    parts = urlsplit(address)
    if parts.hostname and not _is_loopback(parts.hostname) and not _prefect_api_url():
        raise PipelineError(
            f"the Dask scheduler at {address} is on another machine, and PREFECT_API_URL is not set",
            "the run's temporary Prefect server listens on 127.0.0.1 only: set PREFECT_API_URL to a resident "
            f"Prefect server the workers reach; {UNCHANGED}",
        )
    if parts.scheme not in ("tcp", "tls") or not parts.hostname or not parts.port:
        return  # another transport: Dask itself says what is wrong
    try:
        socket.create_connection((parts.hostname, parts.port), SCHEDULER_TIMEOUT_SECONDS).close()
    except OSError as error:
        raise PipelineError(
            f"cannot reach the Dask scheduler at {address}: {error.strerror or error}",
            f"start the scheduler, or correct [engine] dask_address or DASK_SCHEDULER_ADDRESS; {UNCHANGED}",
        ) from None


def plan(project: runner.Project | None = None) -> Plan:
    """Which models are built before, in and after the partitions: the roles declared, closed over
    the graph (a `before` model's upstream is built before it; whatever reads an `across` is across)."""
    project = project or runner.load()
    staging = {name for name, model in project.models.items() if model.layer == "staging"}
    declared = [name for name, model in project.models.items() if model.partitions == "before"]
    before = project.upstream(declared) - staging
    unavailable = {name for name, source in project.sources.items() if source.kept in UNAVAILABLE}
    across: set[str] = set()
    for model in project.order(set(project.models) - staging - before):
        if model.partitions == "across" or model.sources & unavailable or model.depends_on & across:
            across.add(model.name)
    each = set(project.models) - staging - before - across
    inputs = {read for name in each for read in project.models[name].depends_on} - each
    ordered = [model.name for model in project.order(project.models)]
    groups = (before, each, across, inputs)
    return Plan(*(tuple(name for name in ordered if name in group) for group in groups))


def judge_shared(con: duckdb.DuckDBPyConnection) -> None:
    """The `before` models, in the store: what every partition must agree on, decided on every row."""
    with transaction(con):
        runner.build(con, plan().before)


def split(con: duckdb.DuckDBPyConnection, settings: Settings, run_id: str) -> list[PartitionJob]:
    """Each partition's rows of every table it reads, as Parquet files; a job per partition."""
    the_plan = plan()
    folder = settings.partitions_dir / run_id
    for made in (settings.partitions_dir, folder, folder / "empty", folder / "routed", folder / "whole"):
        made.mkdir(mode=OWNER_ONLY_DIR, exist_ok=True)
    digits = PARTITION_DIGITS[settings.config.engine.partition_level]
    con.execute(db.query(__package__, "partition_map"), {"digits": digits})
    keys = [key for (key,) in con.execute("select distinct partition_key from partition_map").fetchall()]
    for table in the_plan.inputs:
        _export(con, table, folder)
    con.execute("drop table partition_map")
    key_check = db.worker_key(settings.pii_key(), KEY_CHECK)
    return [PartitionJob(key, folder, settings, the_plan, key_check) for key in [*sorted(keys), REMAINDER]]


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _export(con: duckdb.DuckDBPyConnection, table: str, folder: Path) -> None:
    """A table's schema (an empty file), and its rows: by partition when it has a project_id, else whole."""
    empty = _quoted(folder / "empty" / table)
    con.execute(f"copy (select * from {table} limit 0) to {empty} (format parquet)")
    columns = {name for name, *_ in con.execute(f"describe {table}").fetchall()}
    if ROUTED_BY in columns:
        routed = db.query(__package__, "partition_export")
        into = _quoted(folder / "routed" / table)
        con.execute(routed.format(table=table, folder=into, remainder=REMAINDER))
    else:
        con.execute(f"copy {table} to {_quoted(folder / 'whole' / table)} (format parquet)")


def _rows_of(job: PartitionJob, table: str) -> Path:
    """The Parquet files of a partition's rows of a table: routed, whole, or none (the empty file)."""
    whole = job.folder / "whole" / table
    if whole.exists():
        return whole
    routed = job.folder / "routed" / table / f"partition_key={job.key}"
    return routed / "*.parquet" if routed.is_dir() else job.folder / "empty" / table


@dataclass(frozen=True)
class Judged:
    """One partition judged: its database, and where and how long (for the operator's log)."""

    key: str
    database: Path
    seconds: float
    worker: str  # host:pid of the process that judged it


def build_partition(job: PartitionJob) -> Judged:
    """On a Dask worker: one partition's database, from its rows, with every `each` model as a table."""
    started = time.perf_counter()
    if db.worker_key(job.settings.pii_key(create=False), KEY_CHECK) != job.key_check:
        raise PipelineError(
            f"this Dask worker's {PII_KEY_ENV} is not the run's", "give every worker the same key"
        )
    spill = job.folder / f"spill-{job.key}"
    engine = {**db.engine_config(job.settings), "temp_directory": str(spill)}
    job.database.unlink(missing_ok=True)  # a retried task starts again from its inputs
    con = db.connect(job.database, engine=engine)
    try:
        db.configure(con, job.settings, on_worker=True)
        runner.install_macros(con)
        for table in job.plan.inputs:
            parquet = _quoted(_rows_of(job, table))
            rows = f"read_parquet({parquet}, hive_partitioning = false)"
            con.execute(f"create table {table} as select * from {rows}")
        runner.build(con, job.plan.each, as_tables=True)
    finally:
        con.close()
    shutil.rmtree(spill, ignore_errors=True)
    worker = f"{socket.gethostname()}:{os.getpid()}"
    return Judged(job.key, job.database, round(time.perf_counter() - started, 2), worker)


def judge_partitions(fan_out: FanOut, jobs: list[PartitionJob]) -> list[Judged]:
    """Every partition judged, each by build_partition, where `fan_out` runs them (a Dask cluster)."""
    judged = fan_out(build_partition, jobs)
    for one in judged:
        logger.info("partition %s judged in %.1f s by %s", one.key, one.seconds, one.worker)
    return judged


def merge(con: duckdb.DuckDBPyConnection, partitions: list[Judged]) -> None:
    """The partitions' tables unioned into the store, each as the one-process run makes it (a store
    table or a temporary one), then the `across` models on the union: the store as one process leaves it."""
    the_plan, project = plan(), runner.load()
    aliases = [f"partition_{number}" for number in range(len(partitions))]
    for alias, judged in zip(aliases, partitions, strict=True):
        con.execute(f"attach {_quoted(judged.database)} as {alias} (read_only)")
    try:
        with transaction(con):
            for name in the_plan.each:
                union = " union all ".join(f"select * from {alias}.{name}" for alias in aliases)
                con.execute(f"create or replace {project.models[name].table} {name} as {union}")
            built = runner.build_ready(con, project, complete=True)
    finally:
        for alias in aliases:
            con.execute(f"detach {alias}")
    if unplanned := set(built) - set(the_plan.across):
        raise RuntimeError(f"the partition plan left out {', '.join(sorted(unplanned))}")


def clear(settings: Settings) -> None:
    """The partitions' inputs and databases, once merged (or the run failed): they hold clear rows."""
    shutil.rmtree(settings.partitions_dir, ignore_errors=True)
