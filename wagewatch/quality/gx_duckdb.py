"""Great Expectations on DuckDB: the one workaround it needs, in one place.

GX runs a metric's query inside a connection context and reads the rows after that context has
closed; DuckDB has discarded the streamed result by then, so every expectation fails with
`MetricResolutionError: list index out of range` (upstream issues great_expectations #11579,
#10738). Buffering the rows before the connection closes fixes it. tests/quality/test_gx_duckdb.py fails,
saying so, on the day an upgrade makes this patch unnecessary.
"""

from __future__ import annotations

import duckdb
from duckdb_engine import ConnectionWrapper
from great_expectations.execution_engine import sqlalchemy_execution_engine as _engine

UPSTREAM_EXECUTE_QUERY = _engine.SqlAlchemyExecutionEngine.execute_query


def _execute_query_buffered(self, query):
    with self.get_connection() as connection:
        result = self._execute_query_with_recovery(connection, query)
        return result.freeze()() if result.returns_rows else result


def install() -> None:
    _engine.SqlAlchemyExecutionEngine.execute_query = _execute_query_buffered


def uninstall() -> None:
    _engine.SqlAlchemyExecutionEngine.execute_query = UPSTREAM_EXECUTE_QUERY


def wrap(cursor: duckdb.DuckDBPyConnection) -> ConnectionWrapper:
    """A DuckDB cursor as duckdb-engine's DBAPI connection, for SQLAlchemy's `creator`."""
    return ConnectionWrapper(cursor)
