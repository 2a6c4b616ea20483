"""The private store: the run's own DuckDB file, owner-only, beside the published warehouse. It holds
the rows as read, in clear, to rebuild from and to trace evidence (docs/contract.md section 5)."""

from __future__ import annotations

import os
from contextlib import contextmanager

import duckdb

from wagewatch.errors import PipelineError
from wagewatch.settings import OWNER_ONLY, OWNER_ONLY_DIR, Settings
from wagewatch.warehouse import db, runner


def open_store(settings: Settings) -> duckdb.DuckDBPyConnection:
    """The store, opened for writing with the run's variables and macros; one writer at a time."""
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
