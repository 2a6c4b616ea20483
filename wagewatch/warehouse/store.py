"""The private store: the run's own DuckDB file, owner-only, beside the published warehouse. It holds
the rows as read, in clear, to rebuild from and to trace evidence (docs/contract.md section 5)."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

import duckdb

from wagewatch.errors import PipelineError
from wagewatch.settings import OWNER_ONLY, OWNER_ONLY_DIR, Settings
from wagewatch.warehouse import db, runner


def open_store(settings: Settings) -> duckdb.DuckDBPyConnection:
    """The store, opened for writing with the run's variables and macros and [engine]'s memory,
    threads and spill folder; one writer at a time."""
    # The folder, not each file, keeps others out: DuckDB also writes a WAL and spill files there.
    settings.private_dir.mkdir(parents=True, exist_ok=True, mode=OWNER_ONLY_DIR)
    os.chmod(settings.private_dir, OWNER_ONLY_DIR)
    settings.spill_dir.mkdir(parents=True, exist_ok=True, mode=OWNER_ONLY_DIR)
    os.chmod(settings.spill_dir, OWNER_ONLY_DIR)
    try:
        con = db.connect(settings.private_store, engine=db.engine_config(settings))
    except duckdb.IOException as error:
        if "lock" not in str(error):
            raise
        # DuckDB allows one writer: another run (or a tool holding the store open) is at work.
        raise PipelineError(
            f"another process is using {settings.private_store}", "wait for the other wagewatch run to finish"
        ) from None
    os.chmod(settings.private_store, OWNER_ONLY)
    _sweep_spill(settings)
    db.configure(con, settings)
    runner.install_macros(con)
    return con


def _sweep_spill(settings: Settings) -> None:
    """A killed run leaves DuckDB's spill files behind (a finished or failed one does not: DuckDB
    removes them when the store closes). The store's lock is held, so whatever is there is stale."""
    for stale in settings.spill_dir.iterdir():
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale)
        else:
            stale.unlink()


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
