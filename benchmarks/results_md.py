"""benchmarks/results.md: a heading per machine and date, a table under it, a row per measured size.

The machine is named by what it is (CPU model, cores, RAM), never by its host name, so that rows from
two machines of the same kind can be compared and nothing about the host is published.
"""

from __future__ import annotations

import os
import platform
from datetime import date
from pathlib import Path

import psutil

COLUMNS = (
    "workers × months",
    "projects",
    "files",
    "rows in",
    "MB in",
    "parse floor s",
    "wall s",
    "start-up s",
    "steps s",
    "peak RSS MiB (tree)",
    "wall / floor",
    "note",
)


def machine() -> str:
    """`AMD EPYC, 2 cores, 23 GiB RAM`: the CPU model from /proc/cpuinfo where there is one."""
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    ram = round(psutil.virtual_memory().total / 2**30)
    return f"{model}, {os.cpu_count()} cores, {ram} GiB RAM"


def heading(day: date, where: str) -> str:
    return f"## {where} · {day.isoformat()}"


def table_row(cells: list[object]) -> str:
    """One markdown row; a `|` inside a cell is escaped so it cannot split the cell."""
    return "| " + " | ".join(str(cell).replace("|", "\\|") for cell in cells) + " |"


def append(path: Path, title: str, rows: list[list[object]], preamble: str = "") -> None:
    """Add `rows` under `title`: below the last table when the file ends with that heading's section,
    else in a new section at the end, with the table's header."""
    text = path.read_text(encoding="utf-8") if path.exists() else preamble
    sections = [line for line in text.splitlines() if line.startswith("## ")]
    lines = [table_row(row) for row in rows]
    if not sections or sections[-1] != title:
        header = [table_row(list(COLUMNS)), table_row(["---"] * len(COLUMNS))]
        lines = ["", title, "", *header, *lines]
    path.write_text(text.rstrip("\n") + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
