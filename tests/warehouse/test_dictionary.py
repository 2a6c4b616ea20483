"""A documented warehouse: every published table and column carries its meaning, in Chinese and
English, in the file itself, and the same words make the data dictionary page beside the reports."""

import re

import pytest

from wagewatch.warehouse import db, dictionary

HAN = re.compile(r"[\u4e00-\u9fff]")

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
        "shortfall_amount",
        "overpaid_amount",
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


def _published_columns(warehouse) -> list[tuple[str, str]]:
    con = db.connect(warehouse, read_only=True)
    try:
        return con.execute(
            "select table_name, column_name from duckdb_columns() where not internal"
        ).fetchall()
    finally:
        con.close()


def test_every_published_column_has_a_description_in_both_languages(sample_run):
    columns = _published_columns(sample_run.settings.warehouse)
    assert len(columns) > 200
    for table, column in columns:
        words = dictionary.meaning(table, column)
        assert words, f"{table}.{column}"
        assert HAN.search(words["zh"]), f"{table}.{column}: no Chinese"
        assert re.search(r"[A-Za-z]{3,}", words["en"]) and words["en"] != words["zh"], f"{table}.{column}"
    assert dictionary.problems(columns) == []


def test_a_stale_or_missing_entry_is_named(sample_run):
    columns = _published_columns(sample_run.settings.warehouse)
    gone = [pair for pair in columns if pair != ("worker_ledger", "net_owed_amount")]
    assert "stale entry: worker_ledger.net_owed_amount" in dictionary.problems(gone)
    assert "no words for regions.no_such_column" in dictionary.problems(
        [*columns, ("regions", "no_such_column")]
    )
    assert "stale entry: table regions" in dictionary.problems(
        [pair for pair in columns if pair[0] != "regions"]
    )


@pytest.mark.parametrize(
    ("table", "column", "words"),
    [
        ("project_periods", "shortfall_amount", "one worker's overpayment never offsets another's shortfall"),
        ("worker_periods", "shortfall_amount", "`NULL` when the expected amount is unknown"),
        ("flags", "shortfall_amount", "the gap below the minimum wage"),
        ("project_arrears", "owed_amount", "the figure the index and the project page show"),
        ("worker_ledger", "net_owed_amount", "negative: paid ahead"),
        ("runs", "status", "`succeeded`"),
        ("payments", "status", "as written"),
    ],
)
def test_a_column_that_means_something_else_in_a_table_is_described_for_that_table(table, column, words):
    assert words in dictionary.meaning(table, column)["en"]


def test_project_periods_shortfall_is_never_described_as_paid_ahead():
    assert "paid ahead" not in dictionary.meaning("project_periods", "shortfall_amount")["en"]
    assert "负数" not in dictionary.meaning("project_periods", "shortfall_amount")["zh"]


def test_the_data_dictionary_page_is_written_with_the_reports_in_their_language(sample_run):
    page = (sample_run.settings.reports_dir / "data_dictionary.html").read_text(encoding="utf-8")
    assert "<h2 id='flags'><code>flags</code></h2>" in page
    assert dictionary.meaning("flags", "evidence")["zh"].split("：")[0] in page
    assert "<th>含义</th>" in page


def test_the_page_in_english_uses_the_english_words(sample_run, tmp_path):
    page = dictionary.write_page(sample_run.settings.warehouse, tmp_path, "en").read_text(encoding="utf-8")
    assert "<th>Meaning</th>" in page and "The input rows the flag rests on" in page


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
