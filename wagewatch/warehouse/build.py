"""The night's two builds of the SQL models, on either side of the Great Expectations intake step;
which models go in which follows from the graph (wagewatch.warehouse.runner)."""

from __future__ import annotations

import duckdb

from wagewatch.warehouse import runner
from wagewatch.warehouse.store import transaction


def build(con: duckdb.DuckDBPyConnection) -> None:
    """The models that read nothing the intake suites make (the graph says which: staging, every input
    row cleaned and typed, nothing filtered yet), on a clean slate: no model reads last night's tables."""
    with transaction(con):
        runner.start_run(con)
        runner.build_ready(con)


def judge(con: duckdb.DuckDBPyConnection) -> None:
    """Intermediate models, rules and marts: attribute payments, judge every worker-month, raise
    flags, level every project-period, keep the ledger: every model left, now that intake_issues is made."""
    with transaction(con):
        runner.build_ready(con, complete=True)
