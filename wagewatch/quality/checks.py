"""The gate's two steps in the night, and their outcomes recorded in `quality_checks`: the intake
suites decide what goes to the quarantine before judging; the mart suites and the row accounting
decide whether anything may be published after it."""

from __future__ import annotations

from dataclasses import asdict

import duckdb
import pyarrow as pa

from wagewatch.errors import PipelineError
from wagewatch.quality.gate import (
    CRITICAL,
    INTAKE_SUITES_BY_NAME,
    Check,
    Gate,
    QualityError,
    intake_issues_sql,
    mart_suites,
)
from wagewatch.warehouse.db import query
from wagewatch.warehouse.store import transaction

CHECKS_TABLE = "quality_checks"  # every expectation's outcome this run, published beside the marts


def validate_intake(con: duckdb.DuckDBPyConnection, gate: Gate) -> list[Check]:
    """The intake suites: rows a critical expectation finds are held back for the quarantine, rows a
    warning finds are kept and recorded. GX's counts and the rows held back must agree."""
    checks = gate.validate(INTAKE_SUITES_BY_NAME)
    with transaction(con):
        record_intake_issues(con)
        counted = "select suite, expectation, count(*) from intake_issues group by suite, expectation"
        found = {(suite, name): rows for suite, name, rows in con.execute(counted).fetchall()}
        _record_checks(con, checks, replace=True)
    for check in checks:
        if found.get((check.suite, check.expectation), 0) != check.unexpected_rows:
            raise QualityError(
                f"{check.suite}.{check.expectation}: GX found {check.unexpected_rows} rows, "
                f"the quarantine {found.get((check.suite, check.expectation), 0)}"
            )
    return checks


def record_intake_issues(con: duckdb.DuckDBPyConnection) -> None:
    """intake_issues: every row an intake expectation finds, by the suites' own SQL (no GX needed)."""
    con.execute(f"create or replace table intake_issues as\n{intake_issues_sql()}")


def check(con: duckdb.DuckDBPyConnection, gate: Gate) -> list[Check]:
    """Nothing is published unless every row is accounted for and every mart holds its invariants."""
    broken = con.execute(query(__package__, "row_accounting")).fetchall()
    if broken:
        listed = "; ".join(f"{source}: {rows} rows, {found} accounted for" for source, rows, found in broken)
        raise PipelineError(f"row accounting does not hold: {listed}")
    checks = gate.validate(mart_suites())
    with transaction(con):
        _record_checks(con, checks, replace=False)
    failed = [c for c in checks if c.severity == CRITICAL and not c.passed]
    if failed:
        listed = "; ".join(f"{c.suite}.{c.expectation}: {c.unexpected_rows} rows, {c.reason}" for c in failed)
        raise QualityError(f"marts break their invariants, nothing published: {listed}")
    return checks


def _record_checks(con: duckdb.DuckDBPyConnection, checks: list[Check], *, replace: bool) -> None:
    rows = pa.Table.from_pylist([{**asdict(c), "passed": c.passed} for c in checks])
    con.register("checks_now", rows)
    try:
        if replace:
            con.execute(f"create or replace table {CHECKS_TABLE} as select * from checks_now")
        else:
            con.execute(f"insert into {CHECKS_TABLE} by name select * from checks_now")
    finally:
        con.unregister("checks_now")
