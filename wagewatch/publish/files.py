"""Files a run writes before it publishes, and the report folders it publishes into: hidden
temporary siblings, swapped in by atomic renames, so that a reader never sees half a file and a
failed run leaves no trace; reports in a folder per as-of date, with `latest` leading to the newest.
"""

from __future__ import annotations

import os
import shutil
import uuid
from datetime import date, timedelta
from pathlib import Path

LATEST = "latest"


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
            day = date.fromisoformat(folder.name)
        except ValueError:
            continue  # latest, and anything an operator keeps there
        if day.isoformat() == folder.name:  # 20261201 or 2026-W48-1 are an operator's, not ours
            days.append(day)
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
