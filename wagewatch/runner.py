"""Discover the SQL models under transforms/, order them by what they read, and build them.

A model is one .sql file holding one SELECT; its file name is its table's name. Dependencies are
read from the names a model selects from, so adding a model, or a rule, is adding one file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from graphlib import TopologicalSorter
from importlib import resources
from pathlib import Path

import duckdb

LAYERS = ("staging", "intermediate", "rules", "marts")
MACROS = "macros.sql"
RULE_UNION = "rule_flags"  # every rule's rows, one table: what the flags mart reads
_REFERENCE = re.compile(r"\b(?:from|join)\s+([a-z_][a-z0-9_]*)", re.IGNORECASE)
_CTE = re.compile(r"\b([a-z_][a-z0-9_]*)\s+as\s*\(", re.IGNORECASE)


@dataclass(frozen=True)
class Model:
    name: str
    layer: str
    sql: str
    depends_on: frozenset[str]


def transforms_root() -> Path:
    return Path(str(resources.files("wagewatch.transforms")))


def _references(sql: str) -> set[str]:
    body = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    return {name.lower() for name in _REFERENCE.findall(body)} - {n.lower() for n in _CTE.findall(body)}


def discover(root: Path | None = None) -> dict[str, Model]:
    """Every model under the layer folders, and the union of the rules that the flags mart reads."""
    root = root or transforms_root()
    found: dict[str, tuple[str, str]] = {}
    for layer in LAYERS:
        for path in sorted((root / layer).glob("*.sql")):
            if path.stem in found:
                raise ValueError(f"two models are named {path.stem}: table names must be unique")
            found[path.stem] = (layer, path.read_text(encoding="utf-8"))
    rules = sorted(name for name, (layer, _) in found.items() if layer == "rules")
    found[RULE_UNION] = ("rules", "\nunion all by name\n".join(f"select * from {r}" for r in rules))
    return {
        name: Model(name, layer, sql, frozenset(_references(sql) & (found.keys() - {name})))
        for name, (layer, sql) in found.items()
    }


def build_order(models: dict[str, Model], layers: tuple[str, ...] = LAYERS) -> list[Model]:
    """The models of these layers, each after every model it reads."""
    graph = TopologicalSorter({name: model.depends_on for name, model in models.items()})
    return [models[name] for name in graph.static_order() if models[name].layer in layers]


def install_macros(con: duckdb.DuckDBPyConnection, root: Path | None = None) -> None:
    con.execute(((root or transforms_root()) / MACROS).read_text(encoding="utf-8"))


def build(con: duckdb.DuckDBPyConnection, models: list[Model]) -> None:
    for model in models:
        try:
            con.execute(f"create or replace table {model.name} as\n{model.sql}")
        except duckdb.Error as error:
            # DuckDB's binder lists every candidate function; the first lines say what went wrong
            summary = "\n".join(str(error).splitlines()[:3])
            raise RuntimeError(f"model {model.layer}/{model.name} failed: {summary}") from error
