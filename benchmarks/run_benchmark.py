"""Measure one nightly run on a generated inbox: wall time and peak memory of `wagewatch run`, and the
reports it wrote (their step's seconds, the index page's size, the folder's size, the workbook's sheets).

    python benchmarks/run_benchmark.py --workers 100000 --months 3
    python benchmarks/run_benchmark.py --workers 100000 --months 3 --findings-in-every-project --keep DIR
    python benchmarks/run_benchmark.py --reports-only --keep DIR --repeat 3

The second is a bad month: every project has findings, so every project page has flags to show. The
third times only the reports again (wagewatch.reports.write.write_reports, as the run calls it), on the
warehouse a kept run published: the median of --repeat runs, each into a fresh folder.

Targets are set from these figures, never by a timed unit test. The run goes through the real
command (Prefect flow, local server included); the run summary's last lines time each step.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path

from wagewatch.reports.write import write_reports
from wagewatch.settings import Config, Settings
from wagewatch.synthetic import generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=100_000)
    parser.add_argument("--months", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument(
        "--findings-in-every-project", action="store_true", help="plant a missed payment in every project"
    )
    parser.add_argument("--reports-only", action="store_true", help="time the reports on a kept run")
    parser.add_argument("--repeat", type=int, default=3, help="with --reports-only: how many times")
    args = parser.parse_args()
    if args.reports_only:
        if not args.keep:
            parser.error("--reports-only needs --keep DIR, a folder a run was kept in")
        print(json.dumps(_time_reports(args.keep, args.repeat), indent=2))
        return

    root = args.keep or Path(tempfile.mkdtemp(prefix="wagewatch-bench-"))
    started = time.perf_counter()
    manifest = generate(
        root / "gen",
        workers=args.workers,
        months=args.months,
        seed=args.seed,
        findings_in_every_project=args.findings_in_every_project,
    )
    generated = time.perf_counter() - started
    inbox_bytes = sum(p.stat().st_size for p in (root / "gen" / "inbox").rglob("*") if p.is_file())

    command = [
        sys.executable,
        "-m",
        "wagewatch.cli",
        "run",
        "--inbox",
        str(root / "gen" / "inbox"),
        "--warehouse",
        str(root / "warehouse" / "wagewatch.duckdb"),
        "--as-of",
        manifest["as_of"],
    ]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if done.returncode != 0:
        sys.exit(f"run failed:\n{done.stderr[-3000:]}")
    steps = [line for line in done.stdout.splitlines() if line.startswith("steps:")]
    reports = root / "warehouse" / "reports" / manifest["as_of"]
    print(
        json.dumps(
            {
                "workers": args.workers,
                "months": args.months,
                "projects": manifest["projects"],
                "inbox_mib": round(inbox_bytes / 2**20, 1),
                "generate_seconds": round(generated, 1),
                "run_wall_seconds": round(wall, 1),
                "run_peak_rss_mib": round(peak_mib),
                "warehouse_mib": round((root / "warehouse" / "wagewatch.duckdb").stat().st_size / 2**20, 1),
                **_reports_figures(reports, steps),
            },
            indent=2,
        )
    )
    print("\n".join(steps))


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
