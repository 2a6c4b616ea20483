"""Files read on every core, or on a Dask cluster's. Each inbox file is read on its own, so a large
inbox is read by worker processes, in order, while this process only loads what they read; a small
one is read here, since starting the workers costs about a second. On a cluster (read_on), the files
are read by its workers, a task per FILES_PER_CLUSTER_TASK files, a wave of FILES_PER_WAVE at a time,
so that this process holds the rows of one wave, not of the whole inbox."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from wagewatch.intake.columns import Kind
from wagewatch.intake.readers import Formats, ReadResult, Rejected, read_file

PARALLEL_FROM_FILES = 200  # below this many files, reading them here is quicker than starting workers
FILES_PER_TASK = 16  # files a worker takes at a time: fewer round trips, still an even spread
FILES_PER_CLUSTER_TASK = 64  # a Prefect task costs tens of milliseconds: a few dozen files each
FILES_PER_WAVE = 4096  # the files whose rows are on their way here at once

Job = tuple[Path, str | None]  # a file and its kind (its top folder), None outside a kind folder
_worker_state: dict = {}


def read_one(path: Path, kind_name: str | None, all_kinds: dict[str, Kind], formats: Formats) -> ReadResult:
    """Read one file as its folder's kind; raise Rejected with a reason for anything that goes wrong."""
    if kind_name is None:
        folders = [kind + "/" for kind in all_kinds]
        raise Rejected(
            f"not in a kind folder ({', '.join(folders)})", f"不在任何类别文件夹中（{'、'.join(folders)}）"
        )
    others = [k for name, k in all_kinds.items() if name != kind_name]
    try:
        return read_file(path, all_kinds[kind_name], others, formats)
    except Rejected:
        raise
    except Exception as error:  # one unreadable file must never stop the run: record it and go on
        detail = f"{type(error).__name__}: {error}"
        raise Rejected(f"could not be read: {detail}", f"无法读取：{detail}") from error


def _outcome(job: Job, all_kinds: dict[str, Kind], formats: Formats) -> ReadResult | Rejected:
    try:
        return read_one(*job, all_kinds, formats)
    except Rejected as rejection:
        return rejection


def _start_worker(all_kinds: dict[str, Kind], formats: Formats) -> None:
    _worker_state.update(all_kinds=all_kinds, formats=formats)


def _outcome_in_worker(job: Job) -> ReadResult | Rejected:
    return _outcome(job, _worker_state["all_kinds"], _worker_state["formats"])


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def read_all(
    jobs: list[Job], all_kinds: dict[str, Kind], formats: Formats, most_workers: int | None = None
) -> Iterator[ReadResult | Rejected]:
    """What became of each file, in the order given: its rows, or why it could not be read. At most
    `most_workers` processes read them ([engine] threads), one per core when it is None."""
    workers = min(most_workers or cores(), len(jobs) // PARALLEL_FROM_FILES)
    if workers < 2:
        for job in jobs:
            yield _outcome(job, all_kinds, formats)
        return
    # Workers come from a fork server, not a fork of this process: the flow runs with Prefect's
    # threads, and a fork copies their locks in whatever state they are in.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(all_kinds, formats)
    )
    try:
        yield from pool.map(_outcome_in_worker, jobs, chunksize=FILES_PER_TASK)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@dataclass(frozen=True)
class ReadJob:
    """Files one cluster task reads, with what it reads them by."""

    key: str  # which files, for the task's name: "files 1-64"
    files: tuple[Job, ...]
    all_kinds: dict[str, Kind]
    formats: Formats


def read_files(job: ReadJob) -> list[ReadResult | Rejected]:
    """On a Dask worker: what became of each of the job's files, in its order."""
    return [_outcome(file, job.all_kinds, job.formats) for file in job.files]


def _batched(items: list, size: int) -> Iterator[tuple]:
    for start in range(0, len(items), size):  # itertools.batched, from Python 3.12
        yield tuple(items[start : start + size])


def read_on(
    fan_out: Callable[[Callable, list], list], jobs: list[Job], all_kinds: dict[str, Kind], formats: Formats
) -> Iterator[ReadResult | Rejected]:
    """What became of each file, in the order given, read where `fan_out` runs read_files (a cluster)."""
    done = 0
    for wave in _batched(jobs, FILES_PER_WAVE):
        tasks = []
        for files in _batched(list(wave), FILES_PER_CLUSTER_TASK):
            tasks.append(ReadJob(f"files {done + 1}-{done + len(files)}", files, all_kinds, formats))
            done += len(files)
        for outcomes in fan_out(read_files, tasks):
            yield from outcomes
