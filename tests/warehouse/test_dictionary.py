"""A documented warehouse: every published table and column carries its meaning in the file itself,
and the same words make the data dictionary page beside the reports."""

from wagewatch.warehouse import db

CONTRACT_COLUMNS = {
    "flags": [
        "project_id",
        "period",
        "rule",
        "severity",
        "worker_key",
        "worker_name",
        "id_number_masked",
        "expected_amount",
        "paid_amount",
        "shortfall_amount",
        "detail",
    ],
    "project_periods": [
        "project_id",
        "period",
        "due_date",
        "level",
        "workers_expected",
        "workers_paid_in_full",
        "workers_missed",
        "workers_partial",
        "workers_late",
        "expected_amount",
        "paid_amount",
        "arrears_amount",
    ],
    "worker_periods": [
        "days_worked",
        "expected_amount",
        "paid_by_due_amount",
        "paid_amount",
        "shortfall_amount",
        "status",
    ],
    "quarantine": ["source_file", "row_number", "reason", "raw"],
    "ingested_files": [
        "source_file",
        "kind",
        "sha256",
        "rows",
        "rows_quarantined",
        "status",
        "reason",
        "ingested_at",
    ],
}


def _comments(warehouse):
    con = db.connect(warehouse, read_only=True)
    try:
        tables = dict(con.execute("select table_name, comment from duckdb_tables()").fetchall())
        columns = {
            (t, c): comment
            for t, c, comment in con.execute(
                "select table_name, column_name, comment from duckdb_columns() where not internal"
            ).fetchall()
        }
    finally:
        con.close()
    return tables, columns


def test_every_promised_table_and_column_has_a_comment_in_the_published_file(sample_run):
    tables, columns = _comments(sample_run.settings.warehouse)
    for table, promised in CONTRACT_COLUMNS.items():
        assert tables[table], table
        for column in promised:
            assert columns[(table, column)], f"{table}.{column}"


def test_every_published_column_is_described(sample_run):
    tables, columns = _comments(sample_run.settings.warehouse)
    assert all(tables.values())
    assert [key for key, comment in columns.items() if not comment] == []


def test_the_data_dictionary_page_is_written_with_the_reports(sample_run):
    page = (sample_run.settings.reports_dir / "data_dictionary.html").read_text(encoding="utf-8")
    assert "<h2 id='flags'>flags</h2>" in page
    assert "The input rows a flag rests on" in page


def test_no_published_column_is_a_hugeint_or_typed_null(sample_run):
    """pandas reads HUGEINT as float64, and a NULL-typed column has no type at all: counts are BIGINT
    or INTEGER, and every column has a real type, inside lists and structs too."""
    con = db.connect(sample_run.settings.warehouse, read_only=True)
    try:
        types = con.execute(
            "select table_name, column_name, data_type from duckdb_columns() where not internal"
        ).fetchall()
    finally:
        con.close()
    assert types
    wrong = [(t, c, d) for t, c, d in types if "HUGEINT" in d or '"NULL"' in d or d == "NULL"]
    assert wrong == []
