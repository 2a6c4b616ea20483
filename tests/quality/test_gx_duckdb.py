"""The one Great Expectations workaround (wagewatch/quality/gx_duckdb.py), and the test that says when an
upgrade makes it unnecessary."""

import os

import duckdb
import pytest

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
gx = pytest.importorskip("great_expectations")

from wagewatch.quality import gx_duckdb  # noqa: E402


def _not_null_count(path) -> object:
    """Validate one expectation on a DuckDB file through GX's SQL engine; return what it observed."""
    con = duckdb.connect(str(path))
    con.execute(
        "create or replace table t as select range as id, nullif(range % 10, 0) as v from range(1000)"
    )
    con.close()
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = {"globally": False, "metric_calculations": False}
    source = context.data_sources.add_sql(name="file", connection_string=f"duckdb:///{path}")
    batch = source.add_table_asset(name="t", table_name="t").add_batch_definition_whole_table("whole")
    suite = context.suites.add(
        gx.ExpectationSuite(
            name="s",
            expectations=[
                gx.expectations.UnexpectedRowsExpectation(
                    unexpected_rows_query="select * from {batch} where v is null"
                )
            ],
        )
    )
    result = context.validation_definitions.add(
        gx.ValidationDefinition(name="v", data=batch, suite=suite)
    ).run()
    source.get_execution_engine().engine.dispose()
    return result.results[0].result.get("observed_value")


def test_with_the_workaround_gx_validates_duckdb_tables(tmp_path):
    gx_duckdb.install()
    assert _not_null_count(tmp_path / "with.duckdb") == 100


def test_upstream_gx_still_needs_the_workaround(tmp_path):
    """When this fails, GX reads DuckDB results correctly by itself: delete wagewatch/quality/gx_duckdb.py."""
    gx_duckdb.uninstall()
    try:
        observed = _not_null_count(tmp_path / "without.duckdb")
    finally:
        gx_duckdb.install()
    assert observed is None, (
        "great_expectations now validates DuckDB unpatched: remove wagewatch/quality/gx_duckdb.py"
    )
