"""The data dictionary (wagewatch/warehouse/dictionary.toml), per table and column, in Chinese and
English: written into the published DuckDB file as COMMENT ON (Chinese, then English), so an analyst's
client shows it, and rendered as a page beside the reports in the report's language.

A column takes the words of its table's entry ([table_columns.<table>.<column>]) where the table has
one, else the shared entry of its name ([columns.<column>]): the same name may mean different things
in two tables. Every published column must be described in both languages, and every entry must name
a column the warehouse has: a missing or stale entry is an error naming it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path

import duckdb

from wagewatch.warehouse.db import query

PAGE = "data_dictionary.html"
LANGUAGES = ("zh", "en")
HTML_LANGUAGES = {"zh": "zh-CN", "en": "en"}
_CODE = re.compile(r"`([^`]+)`")


@dataclass(frozen=True)
class Column:
    table: str
    column: str
    data_type: str
    words: dict[str, str]  # language: meaning


@cache
def load() -> dict:
    text = resources.files(__package__).joinpath("dictionary.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def meaning(table: str, column: str) -> dict[str, str] | None:
    """{language: words} of a table's column: its table's entry, else the shared one; None if neither."""
    words = load()
    return words["table_columns"].get(table, {}).get(column) or words["columns"].get(column)


def problems(columns: list[tuple[str, str]]) -> list[str]:
    """What the dictionary gets wrong about these (table, column) pairs: a table or column without
    words in both languages, and an entry naming a table or column that does not exist."""
    words = load()
    tables = {table for table, _ in columns}
    names = {column for _, column in columns}
    found = [f"no words for table {t}" for t in sorted(tables) if not _both(words["tables"].get(t))]
    found += [f"no words for {t}.{c}" for t, c in sorted(columns) if not _both(meaning(t, c))]
    found += [f"stale entry: table {t}" for t in sorted(words["tables"].keys() - tables)]
    found += [f"stale entry: column {c}" for c in sorted(words["columns"].keys() - names)]
    found += [
        f"stale entry: {table}.{column}"
        for table, entries in sorted(words["table_columns"].items())
        for column in sorted(entries)
        if (table, column) not in set(columns)
    ]
    return found


def _both(entry: dict[str, str] | None) -> bool:
    return bool(entry) and all(entry.get(language, "").strip() for language in LANGUAGES)


def describe(con: duckdb.DuckDBPyConnection, database: str) -> list[Column]:
    """Every column of the database's tables with its words; a missing or stale entry raises."""
    rows = con.execute(query(__package__, "dictionary_columns"), {"database": database}).fetchall()
    if found := problems([(t, c) for t, c, _ in rows]):
        raise ValueError(f"dictionary.toml: {'; '.join(found)}")
    return [Column(t, c, d, meaning(t, c)) for t, c, d in rows]


def _comment(words: dict[str, str]) -> str:
    return "'" + "\n".join(words[language] for language in LANGUAGES).replace("'", "''") + "'"


def comment(con: duckdb.DuckDBPyConnection, database: str) -> None:
    """COMMENT ON every table and column of the database (an attached file being published)."""
    tables = load()["tables"]
    described = describe(con, database)
    for table in sorted({column.table for column in described}):
        con.execute(f"comment on table {database}.{table} is {_comment(tables[table])}")
    for column in described:
        con.execute(
            f"comment on column {database}.{column.table}.{column.column} is {_comment(column.words)}"
        )


def _html(text: str) -> str:
    """Escaped text, with `backticked` identifiers shown as code."""
    return _CODE.sub(r"<code>\1</code>", escape(text))


def render(columns: list[Column], language: str) -> str:
    """The dictionary as one offline HTML page in `language`."""
    words = load()
    page = {key: entry[language] for key, entry in words["page"].items()}
    tables = sorted({column.table for column in columns})
    contents = "".join(f"<li><a href='#{t}'><code>{t}</code></a></li>" for t in tables)
    sections = []
    for table in tables:
        rows = "".join(
            f"<tr><td><code>{escape(c.column)}</code></td><td><code>{escape(c.data_type)}</code></td>"
            f"<td>{_html(c.words[language])}</td></tr>"
            for c in columns
            if c.table == table
        )
        sections.append(
            f"<h2 id='{table}'><code>{table}</code></h2><p>{_html(words['tables'][table][language])}</p>"
            f"<table><tr><th>{page['column']}</th><th>{page['type']}</th><th>{page['meaning']}</th></tr>"
            f"{rows}</table>"
        )
    return (
        f"<!doctype html><html lang='{HTML_LANGUAGES[language]}'><meta charset='utf-8'>"
        f"<title>{escape(page['title'])}</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}</style>"
        f"<h1>{escape(page['title'])}</h1><p>{_html(page['intro'])}</p>"
        f"<h2>{escape(page['contents'])}</h2><ul>{contents}</ul>" + "".join(sections)
    )


def write_page(warehouse: Path, out_dir: Path, language: str = "zh") -> Path:
    """The dictionary page of the published file's tables and columns, in `language`."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        columns = describe(con, con.execute("select current_database()").fetchone()[0])
    finally:
        con.close()
    page = out_dir / PAGE
    page.write_text(render(columns, language), encoding="utf-8")
    return page
