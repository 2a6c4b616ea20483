"""Measure nightly runs on generated inboxes, against the parse floor of the same files, and record
them in benchmarks/results.md.

    python benchmarks/run_benchmark.py --workers 10000 100000 --months 3 --findings-in-every-project
    python benchmarks/run_benchmark.py --workers 100000 --months 3 --findings-in-every-project --keep DIR
    python benchmarks/run_benchmark.py --reports-only --keep DIR --repeat 3
    python benchmarks/run_benchmark.py --workers 100000 --provinces 6 --cluster-workers 1 2
    python benchmarks/run_benchmark.py --workers 1000000 --months 12 --cities 10 --config engine.toml

For each size, in one go: the inbox is generated; its parse floor is measured in a process of its own
(benchmarks/parse_floor.py: every file read into Arrow text columns, nothing else, the median of
--floor-repeat passes); then `wagewatch run` runs as a user runs it (the console script, Prefect and
its temporary server included; a resident one if PREFECT_API_URL names it), --repeat times, each
into a fresh warehouse. Each run gives its wall time, its start-up (process start to the first step,
from the step lines on stderr), the seconds of each step (the summary's `steps:` line) and the peak
RSS of its whole process tree (benchmarks/tree_rss.py), with the step under way when it peaked.
`--config` gives those runs a wagewatch.toml (its `[engine]` memory limit, say). A row per size is
appended to results.md under a heading naming the machine and the date; the JSON printed holds every
figure.

`--cluster-workers 1 2` also runs the same inbox on a Dask cluster (`[engine] dask_address`) of each
size: a distributed.LocalCluster of that many worker processes, one thread each, started here; each
such run gets a row of its own, its note giving its speed-up over the one-process run (wall time over
wall time). Its peak RSS adds each cluster worker's own peak to the run's tree. `--provinces` spreads the
inbox's projects over that many provinces, so that there are partitions to share out
(`--partition-level city` splits by city instead). `--cities` generates the inbox as that many
cities, one after the other (wagewatch/synthetic/cities.py), so that its memory is one city's: a
1,000,000 × 12 inbox does not fit in 24 GB made in one go.

`--reports-only` times only the reports again (wagewatch.reports.write.write_reports, as the run
calls it), on the warehouse a kept run published: the median of --repeat runs, each into a fresh folder.

Targets are set from these figures, never by a timed unit test.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from datetime import date
from pathlib import Path

import results_md
from tree_rss import TreePeak

from wagewatch.reports.write import write_reports
from wagewatch.settings import Config, Settings
from wagewatch.synthetic import generate
from wagewatch.synthetic.cities import generate_cities

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.md"
PREAMBLE = """# Benchmark results

Written by `benchmarks/run_benchmark.py` (how to run it: its docstring and the README). A heading per
machine and date; a row per inbox size. The parse floor is the median of its passes; wall time,
start-up, steps and peak RSS are the median run's (the note says how many runs). Peak RSS is the sum
over the whole process tree, Prefect's server included, sampled every 50 ms, with the step under way
when it peaked; the note gives the load average (1 minute) just before the run. MB are 10^6 bytes.
"""
STEP_STARTS = re.compile(r"^\d\d:\d\d:\d\d  (\w+) \.\.\.$")
START_UP_PART = re.compile(r"^\d\d:\d\d:\d\d  start-up: (.+?) ([\d.]+) s$")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[100_000], help="one or more sizes")
    parser.add_argument("--months", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument(
        "--findings-in-every-project", action="store_true", help="plant a missed payment in every project"
    )
    parser.add_argument("--provinces", type=int, default=1, help="spread the projects over this many (1-6)")
    parser.add_argument(
        "--cities", type=int, default=1, help="generate the inbox as this many cities, one after the other"
    )
    parser.add_argument(
        "--cluster-workers", type=int, nargs="*", default=[], help="also run on a LocalCluster of each size"
    )
    parser.add_argument("--partition-level", choices=("province", "city"), default="province")
    parser.add_argument("--config", type=Path, help="a wagewatch.toml for the runs, e.g. its [engine]")
    parser.add_argument("--reports-only", action="store_true", help="time the reports on a kept run")
    parser.add_argument("--repeat", type=int, help="runs per size (default 1); with --reports-only: 3")
    parser.add_argument("--floor-repeat", type=int, default=3, help="passes of the parse floor")
    parser.add_argument("--note", default="", help="added to each row's note")
    parser.add_argument("--results", type=Path, default=RESULTS, help="the markdown file rows go to")
    parser.add_argument("--no-record", action="store_true", help="print the figures, write no row")
    args = parser.parse_args()
    if args.config and args.cluster_workers:
        parser.error("--config and --cluster-workers: the cluster's runs write a config of their own")
    if args.reports_only:
        if not args.keep:
            parser.error("--reports-only needs --keep DIR, a folder a run was kept in")
        print(json.dumps(_time_reports(args.keep, args.repeat or 3), indent=2))
        return

    rows, commit = [], _commit()  # the code measured, before anything else can change it
    for workers in args.workers:
        # one size keeps the layout --reports-only and the scale test read: DIR/gen, DIR/warehouse
        if args.keep:
            root = args.keep if len(args.workers) == 1 else args.keep / str(workers)
        else:
            root = Path(tempfile.mkdtemp(prefix="wagewatch-bench-"))
        try:
            figures = measure(root, workers, args, commit)
        finally:
            if not args.keep:
                shutil.rmtree(root, ignore_errors=True)
        print(json.dumps(figures, indent=2), flush=True)
        rows.append(_row(figures, args.note))
        rows += [
            _row({**figures, **run}, f"{_cluster_note(run)}; {args.note}") for run in figures["on_clusters"]
        ]
    if not args.no_record:
        title = results_md.heading(date.today(), results_md.machine())
        results_md.append(args.results, title, rows, PREAMBLE)
        print(f"rows appended to {args.results}")


def measure(root: Path, workers: int, args: argparse.Namespace, commit: str) -> dict:
    """One size: generate, the floor in its own process, then the runs."""
    load = [round(value, 1) for value in os.getloadavg()]
    started = time.perf_counter()
    shape = {
        "months": args.months,
        "seed": args.seed,
        "findings_in_every_project": args.findings_in_every_project,
        "provinces": args.provinces,
    }
    if args.cities > 1:
        manifest = generate_cities(root / "gen", workers, cities=args.cities, **shape)
    else:
        manifest = generate(root / "gen", workers, **shape)
    generated = time.perf_counter() - started
    inbox = root / "gen" / "inbox"
    floor_script = [sys.executable, str(HERE / "parse_floor.py"), str(inbox)]
    floor = json.loads(
        subprocess.run(
            [*floor_script, "--repeat", str(args.floor_repeat)], capture_output=True, text=True, check=True
        ).stdout
    )
    runs = []
    for attempt in range(args.repeat or 1):
        warehouse = root / ("warehouse" if attempt == 0 else f"warehouse-{attempt + 1}")
        runs.append(run_once(inbox, warehouse / "wagewatch.duckdb", manifest["as_of"], args.config))
        if attempt:
            shutil.rmtree(warehouse)  # only the first run's is kept, for --reports-only
    median = sorted(runs, key=lambda run: run["wall_seconds"])[len(runs) // 2]
    on_clusters = [
        {**on_cluster(root, inbox, manifest["as_of"], workers, args.partition_level), "runs": 1}
        for workers in args.cluster_workers
    ]
    for run in on_clusters:
        run["speed_up"] = round(median["wall_seconds"] / run["wall_seconds"], 2)
        run["wall_over_floor"] = round(run["wall_seconds"] / floor["floor_median_seconds"], 1)
    reports = root / "warehouse" / "reports" / manifest["as_of"]
    return {
        "workers": workers,
        "months": args.months,
        "findings_in_every_project": args.findings_in_every_project,
        "provinces": args.provinces,
        "cities": args.cities,
        "projects": manifest["projects"],
        "commit": commit,
        "load_average_before": load,
        "generate_seconds": round(generated, 1),
        **floor,
        "runs": len(runs),
        "run_wall_seconds": [run["wall_seconds"] for run in runs],
        **median,
        "wall_over_floor": round(median["wall_seconds"] / floor["floor_median_seconds"], 1),
        "warehouse_mib": round((root / "warehouse" / "wagewatch.duckdb").stat().st_size / 2**20, 1),
        **_reports_figures(reports, [median["steps_line"]]),
        "on_clusters": on_clusters,
    }


def on_cluster(root: Path, inbox: Path, as_of: str, workers: int, level: str) -> dict:
    """One run on a LocalCluster of `workers` processes (one thread each), started for it and closed after."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        config = root / f"cluster-{workers}.toml"
        config.write_text(
            f'[engine]\ndask_address = "{cluster.scheduler_address}"\npartition_level = "{level}"\n',
            encoding="utf-8",
        )
        warehouse = root / f"warehouse-cluster-{workers}" / "wagewatch.duckdb"
        pids = [nanny.pid for nanny in cluster.workers.values()]  # each worker process, by its nanny
        run = run_once(inbox, warehouse, as_of, config, pids)
    shutil.rmtree(warehouse.parent)
    return {**run, "cluster_workers": workers, "partition_level": level}


def _cluster_note(run: dict) -> str:
    return (
        f"Dask LocalCluster, {run['cluster_workers']} worker(s) x 1 thread, by {run['partition_level']}: "
        f"{run['speed_up']:g}x the one-process run's speed"
    )


def _wagewatch() -> list[str]:
    """The console script a user runs, from this interpreter's environment."""
    script = Path(sys.executable).with_name("wagewatch")
    return [str(script)] if script.exists() else [sys.executable, "-m", "wagewatch.cli"]


def _read_lines(stream, lines: list[tuple[float, str]], started: float) -> None:
    for line in stream:
        lines.append((time.perf_counter() - started, line.rstrip("\n")))


def run_once(
    inbox: Path, warehouse: Path, as_of: str, config: Path | None = None, workers: list[int] | None = None
) -> dict:
    """`wagewatch run` in its own process tree: wall, start-up, steps and the tree's peak RSS (plus
    the peak of each cluster worker process in `workers`)."""
    command = [*_wagewatch(), "run", "--inbox", str(inbox), "--warehouse", str(warehouse), "--as-of", as_of]
    command += ["--config", str(config)] if config else []
    load = [round(value, 1) for value in os.getloadavg()]  # each run's own: the machine is shared
    out: list[tuple[float, str]] = []
    err: list[tuple[float, str]] = []
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    readers = [
        threading.Thread(target=_read_lines, args=(process.stdout, out, started)),
        threading.Thread(target=_read_lines, args=(process.stderr, err, started)),
    ]
    worker_peaks = [TreePeak(pid) for pid in workers or []]
    with TreePeak(process.pid) as peak, contextlib.ExitStack() as stack:
        for worker_peak in worker_peaks:
            stack.enter_context(worker_peak)
        for reader in readers:
            reader.start()
        process.wait()
    wall = time.perf_counter() - started
    for reader in readers:
        reader.join()
    if process.returncode != 0:
        sys.exit("run failed:\n" + "\n".join(line for _, line in err[-40:]))
    steps_line = next(line for _, line in out if line.startswith("steps:"))
    first_step = next(at for at, line in err if STEP_STARTS.match(line))
    peak_at = peak.peak_at - started
    # the step under way when the tree's memory peaked (start-up before the first step)
    peak_step = (
        [m.group(1) for at, line in err if at <= peak_at and (m := STEP_STARTS.match(line))] or ["start-up"]
    )[-1]
    return {
        "wall_seconds": round(wall, 1),
        "start_up_seconds": round(first_step, 1),
        "start_up_parts": {
            m.group(1): float(m.group(2)) for _, line in err if (m := START_UP_PART.match(line))
        },
        "steps": parse_steps(steps_line),
        "steps_line": steps_line,
        "peak_rss_mib": round((peak.peak + sum(worker.peak for worker in worker_peaks)) / 2**20),
        "rss_samples": peak.samples,
        "peak_rss_step": peak_step,
        "prefect_server": os.environ.get("PREFECT_API_URL") or "temporary",
        "load_average_before_run": load,
    }


def parse_steps(line: str) -> dict[str, float]:
    """`steps: ingest_inbox 7.0s · build 4.1s` -> {"ingest_inbox": 7.0, "build": 4.1}."""
    parts = line.removeprefix("steps:").split(" · ")
    return {name: float(seconds.rstrip("s")) for name, seconds in (part.split() for part in parts)}


def _commit() -> str:
    done = subprocess.run(
        ["git", "-C", str(HERE), "describe", "--always", "--dirty"], capture_output=True, text=True
    )
    return done.stdout.strip() or "unknown"


def _row(figures: dict, note: str) -> list[object]:
    steps = " · ".join(f"{name} {seconds:g}" for name, seconds in figures["steps"].items())
    runs = f"median of {figures['runs']} runs" if figures["runs"] > 1 else "1 run"
    notes = [
        f"{figures['commit']}",
        "findings in every project" if figures["findings_in_every_project"] else "",
        f"{figures['provinces']} provinces" if figures["provinces"] > 1 else "",
        f"generated as {figures['cities']} cities" if figures["cities"] > 1 else "",
        runs,
        f"floor median of {len(figures['floor_seconds'])}",
        f"load {figures['load_average_before_run'][0]} before the run",
        note,
    ]
    return [
        f"{figures['workers']:,} × {figures['months']}",
        f"{figures['projects']:,}",
        f"{figures['files']:,}",
        f"{figures['rows']:,}",
        f"{figures['bytes'] / 1e6:.1f}",
        f"{figures['floor_median_seconds']:.2f}",
        f"{figures['wall_seconds']:.1f}",
        f"{figures['start_up_seconds']:.1f}",
        steps,
        f"{figures['peak_rss_mib']:,} (in {figures['peak_rss_step']})",
        f"{figures['wall_over_floor']:g}×",
        "; ".join(part for part in notes if part),
    ]


def _time_reports(root: Path, repeat: int) -> dict:
    """write_reports on a kept run's warehouse, `repeat` times: each time, its seconds and what it wrote."""
    manifest = json.loads((root / "gen" / "manifest.json").read_text(encoding="utf-8"))
    settings = Settings(
        inbox=root / "gen" / "inbox",
        warehouse=root / "warehouse" / "wagewatch.duckdb",
        as_of=date.fromisoformat(manifest["as_of"]),
        config=Config.load(),
    )
    seconds, cpu, figures = [], [], {}
    for _ in range(repeat):
        started, used = time.perf_counter(), _cpu_seconds()
        folder = write_reports(settings.warehouse, settings)
        seconds.append(round(time.perf_counter() - started, 1))
        cpu.append([round(now - before, 1) for now, before in zip(_cpu_seconds(), used, strict=True)])
        figures = _reports_figures(folder, [])
        shutil.rmtree(folder)
    return {
        "write_reports_seconds": seconds,
        "write_reports_median_seconds": statistics.median(seconds),
        "cpu_seconds_process_and_children": cpu,
        "load_average": [round(load, 1) for load in os.getloadavg()],
        **{key: value for key, value in figures.items() if key != "reports_step_seconds"},
    }


def _cpu_seconds() -> tuple[float, float]:
    """CPU seconds used so far by this process and by its finished children (the workbook's writer): on a
    shared machine they say what the work costs when the wall clock says how busy the machine was."""
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _reports_figures(folder: Path, steps: list[str]) -> dict:
    """What the reports cost: their step's seconds (from the summary's steps line) and what they weigh."""
    seconds = [
        float(part.split()[-1].rstrip("s"))
        for line in steps
        for part in line.split(" · ")
        if "reports" in part
    ]
    workbooks = list(folder.glob("*.xlsx"))
    sheets = None
    if workbooks:
        with zipfile.ZipFile(workbooks[0]) as book:
            sheets = book.read("xl/workbook.xml").decode("utf-8").count("<sheet ")
    return {
        "reports_step_seconds": seconds[0] if seconds else None,
        "index_kib": round((folder / "index.html").stat().st_size / 1024),
        "reports_folder_mib": round(
            sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20, 1
        ),
        "project_pages": len(list((folder / "projects").glob("*.html"))),
        "workbook_sheets": sheets,
    }


if __name__ == "__main__":
    main()
