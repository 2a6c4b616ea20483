"""The Great Expectations gate: intake suites decide which rows are unusable (critical) or only
suspicious (warning); mart suites hold the invariants that must hold before anything is published.

Suites live in expectations/<table>.json as GX suites of UnexpectedRowsExpectation: each query
returns the rows that break the expectation, so GX validates at the speed of SQL on the DuckDB
store, and the very same query says which rows go to the quarantine, with the expectation's name
and reason. A suite that errors is a pipeline error, never read as bad data.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import sys
import types
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb

from wagewatch.settings import Settings
from wagewatch.warehouse import db

INTAKE_SUITES = {
    "projects": "stg_projects",
    "rosters": "stg_rosters",
    "attendance": "stg_attendance",
    "bank": "stg_bank",
    "accounts": "stg_accounts",
    "complaints": "stg_complaints",
    "deposits": "stg_deposits",
}  # kind of file: the staging table its suite guards
INTAKE_SUITES_BY_NAME = {table: table for table in INTAKE_SUITES.values()}
CRITICAL, WARNING = "critical", "warning"
# GX imports these as it is imported, for one expectation that wagewatch never runs (KL divergence):
# a second of CPU, a third of GX's import, so they are imported when first used instead.
IMPORTED_ON_FIRST_USE = ("scipy.stats", "altair")


class QualityError(RuntimeError):
    """A mart broke an invariant, or a suite could not run: nothing may be published."""


@dataclass(frozen=True)
class Check:
    suite: str
    expectation: str
    severity: str
    reason: str
    unexpected_rows: int
    reason_zh: str = ""  # the reason in Chinese, for the report's data-quality page

    @property
    def passed(self) -> bool:
        return self.unexpected_rows == 0


def suite_names() -> list[str]:
    return sorted(path.stem for path in _suites_dir().glob("*.json"))


def _suites_dir() -> Path:
    return Path(str(resources.files("wagewatch.expectations")))


def load_suite(name: str) -> dict:
    return json.loads((_suites_dir() / f"{name}.json").read_text(encoding="utf-8"))


def import_gx():
    """Great Expectations, with its DuckDB dialect installed. Its import takes seconds, so it happens
    only for a run that validates (the command line imports it while Prefect's server starts)."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    for name in IMPORTED_ON_FIRST_USE:
        if name not in sys.modules and importlib.util.find_spec(name) is not None:
            sys.modules[name] = _OnFirstUse(name)
    import great_expectations as gx

    from wagewatch.quality import gx_duckdb

    gx_duckdb.install()
    return gx


class _OnFirstUse(types.ModuleType):
    """Stands in for a module until one of its attributes is read, then imports it and becomes it.
    (importlib.util.LazyLoader would not do: `import name` reads `__spec__`, which loads it.)"""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.__spec__ = importlib.util.find_spec(name)

    def __getattr__(self, attribute: str):  # only for what the module does not hold yet
        del sys.modules[self.__name__]
        module = importlib.import_module(self.__name__)
        self.__dict__.update(module.__dict__)
        return getattr(module, attribute)


class Gate:
    """One Great Expectations context per run, on the run's own DuckDB store."""

    def __init__(self, con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
        gx = import_gx()
        from wagewatch.quality import gx_duckdb

        self._gx = gx
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = {"globally": False, "metric_calculations": False}
        # GX reads through cursors of the run's own connection: same database, same macros, no lock.
        self.source = self.context.data_sources.add_sql(
            name="store",
            connection_string="duckdb:///:memory:",
            kwargs={"creator": lambda: gx_duckdb.wrap(db.cursor(con, settings))},
        )
        self.checks: list[Check] = []

    def validate(self, suites: dict[str, str]) -> list[Check]:
        """Run the suites, {suite name: table}; return one Check per expectation."""
        gx = self._gx
        checks = []
        for suite_name, table in suites.items():
            definition = load_suite(suite_name)
            asset = self.source.add_table_asset(name=suite_name, table_name=table)
            suite = self.context.suites.add(gx.ExpectationSuite(**definition))
            validation = self.context.validation_definitions.add(
                gx.ValidationDefinition(
                    name=suite_name, data=asset.add_batch_definition_whole_table("whole"), suite=suite
                )
            )
            result = validation.run(result_format="BASIC")
            checks += [_check(suite_name, outcome) for outcome in result.results]
        self.checks += checks
        return checks


def start_gx(con: duckdb.DuckDBPyConnection, settings: Settings) -> Gate:
    """Great Expectations, imported and set up on the store: the night's step (seconds) of its own."""
    return Gate(con, settings)


def _check(suite_name: str, outcome) -> Check:
    """One expectation's outcome; one that raised is a pipeline error, never a count of bad rows."""
    config = outcome.expectation_config
    rows = outcome.result.get("observed_value")
    if rows is None:
        raise QualityError(
            f"suite {suite_name}, expectation {config.meta['name']} could not run: "
            f"{_exception_message(outcome.exception_info)}"
        )
    meta = config.meta
    return Check(
        suite_name, meta["name"], config.severity.value, meta["reason"], int(rows), meta["reason_zh"]
    )


def _exception_message(info: dict) -> str:
    """GX nests exceptions by metric; find the first message."""
    if info.get("exception_message"):
        return str(info["exception_message"])
    nested = [_exception_message(value) for value in info.values() if isinstance(value, dict)]
    return next((message for message in nested if message), "no message")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def intake_issues_sql() -> str:
    """Every row each intake expectation finds, by the very query GX validated: one select per
    expectation, generated from the suites so that the suites stay the one place the rules live."""
    selects = [
        f"select {_literal(kind)} as kind, file_seq, row_number, {_literal(table)} as suite, "
        f"{_literal(expectation['meta']['name'])} "
        f"as expectation, {_literal(expectation['severity'])} as severity, "
        f"{_literal(expectation['meta']['reason'])} as reason "
        f"from ({expectation['kwargs']['unexpected_rows_query'].format(batch=table)})"
        for kind, table in INTAKE_SUITES.items()
        for expectation in load_suite(table)["expectations"]
    ]
    return "\nunion all\n".join(selects)


def mart_suites() -> dict[str, str]:
    """Every suite that is not an intake suite guards the published mart it is named after."""
    return {name: name for name in suite_names() if name not in INTAKE_SUITES.values()}
