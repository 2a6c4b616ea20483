"""The data dictionary (wagewatch/warehouse/dictionary.toml): written into the published DuckDB file as
COMMENT ON, so an analyst's client shows it, and rendered as a page beside the reports."""

from __future__ import annotations

import tomllib
from html import escape
from importlib import resources
from pathlib import Path

import duckdb

from wagewatch.warehouse.db import query

PAGE = "data_dictionary.html"


def load() -> dict:
    return tomllib.loads(resources.files(__package__).joinpath("dictionary.toml").read_text(encoding="utf-8"))


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def describe(con: duckdb.DuckDBPyConnection, database: str) -> list[tuple[str, str, str, str]]:
    """(table, column, type, meaning) for every column of the database's tables; missing meanings raise."""
    words = load()
    rows = con.execute(query(__package__, "dictionary_columns"), {"database": database}).fetchall()
    missing = sorted(
        {f"{t}.{c}" for t, c, _ in rows if c not in words["columns"]}
        | {t for t, _, _ in rows if t not in words["tables"]}
    )
    if missing:
        raise ValueError(f"dictionary.toml does not describe: {', '.join(missing)}")
    return [(t, c, d, words["columns"][c]) for t, c, d in rows]


def comment(con: duckdb.DuckDBPyConnection, database: str) -> None:
    """COMMENT ON every table and column of the database (an attached file being published)."""
    tables = load()["tables"]
    described = describe(con, database)
    for table in sorted({t for t, _, _, _ in described}):
        con.execute(f"comment on table {database}.{table} is {_quoted(tables[table])}")
    for table, column, _, meaning in described:
        con.execute(f"comment on column {database}.{table}.{column} is {_quoted(meaning)}")


def write_page(warehouse: Path, out_dir: Path, language: str = "zh") -> Path:
    """The dictionary as one offline HTML page, read from the comments in the published file."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = con.execute("select table_name, comment from duckdb_tables() order by table_name").fetchall()
        columns = con.execute(query(__package__, "dictionary_page")).fetchall()
    finally:
        con.close()
    sections = []
    for table, about in tables:
        rows = "".join(
            f"<tr><td><code>{escape(c)}</code></td><td>{escape(d)}</td><td>{escape(m or '')}</td></tr>"
            for t, c, d, m in columns
            if t == table
        )
        sections.append(
            f"<h2 id='{table}'>{escape(table)}</h2><p>{escape(about or '')}</p>"
            f"<table><tr><th>column</th><th>type</th><th>meaning</th></tr>{rows}</table>"
        )
    page = out_dir / PAGE
    page.write_text(
        "<!doctype html><meta charset='utf-8'><title>wagewatch data dictionary</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}</style>"
        "<h1>wagewatch data dictionary</h1>" + "".join(sections),
        encoding="utf-8",
    )
    return page
