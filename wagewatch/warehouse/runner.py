"""Discover the SQL models under transforms/, order them by the tables they read, and build them.

A model is one .sql file holding one SELECT; its file name is its table's name. What a model reads is
parsed from its SQL (sqlglot, DuckDB dialect), so adding a model, or a rule, is adding one file. Every
table a model reads is another model or a source declared in transforms/sources.toml; anything else
is an error naming the model's file and the table.

The graph, not a list of layers, says what can be built when: build_ready() builds every model not
built yet whose sources (through its upstream models) have all been made. A run calls start_run()
first, which drops every model's table and every source kept for one run only, so whatever a model
reads was made by this run; a source not made yet is an error, never last night's copy.

Staging tables and marts are tables of the store: the intake and mart suites read them through
connections of their own, and the marts are published. Intermediate models and rules are read by
models alone, on the run's connection: they are its temporary tables (in memory, spilling beside the
store), which costs about half of writing them into the store, and a failed run leaves none behind.

Rules select their findings in the flag columns declared once in transforms/rules/flag_columns.toml;
the runner takes each rule's code and severity from its header, casts its columns to the declared
types in the declared order, and appends them to rule_flags, which the flags mart reads.

Partitions (a run on a Dask cluster, wagewatch.warehouse.partitions): models name what they read bare,
and build() takes a connection and a set of models, so a partition's database holds its own rows under
the same names and builds the same models. A model's header may say how it partitions, in a line
`-- partitions: ROLE why`: `each` (the default: built in every partition on its own projects' rows),
`before` (built once on every row before the partitions, which get its rows: it decides what they must
agree on) or `across` (built once after them, on their union: it joins projects, by worker for one).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter
from importlib import resources
from pathlib import Path

import duckdb
import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError
from sqlglot.optimizer.scope import traverse_scope

from wagewatch.vocabulary import SEVERITIES

LAYERS = ("staging", "intermediate", "rules", "marts")
MACROS = "macros.sql"
SOURCES = "sources.toml"
FLAG_COLUMNS = "rules/flag_columns.toml"
FACTS = "facts"  # the flag column whose struct type flag_columns.toml declares field by field
RULE_UNION = "rule_flags"  # every rule's findings in the flag columns: what the flags mart reads
KEPT = ("store", "run", "connection")  # how long a source lives: sources.toml says
HEADER_KEYS = ("code", "severity", "finding", "compares", "thresholds", "legal basis")
PARTITIONS_KEY = "partitions"  # an optional header field of any model: its partition role
PARTITION_ROLES = ("each", "before", "across")  # the first is the default
_FIELD = re.compile(r"^--\s*(?P<key>[a-z ]+):\s*(?P<text>.*)$")
_CONTINUED = re.compile(r"^--\s{2,}(?P<text>\S.*)$")
_CODE = re.compile(r"[A-Z][A-Z0-9_]*")
_COLUMN = re.compile(r"[a-z_][a-z0-9_]*")
_STARTED = "runner_run_started"  # a variable of the run's connection, set by start_run()
TEMPORARY_LAYERS = ("intermediate", "rules")  # read by models alone: temporary tables of the run


@dataclass(frozen=True)
class Source:
    name: str
    created_by: str
    kept: str
    description: str


@dataclass(frozen=True)
class Model:
    name: str
    layer: str
    sql: str
    depends_on: frozenset[str]  # the models it reads
    sources: frozenset[str] = frozenset()  # the declared sources it reads itself
    header: dict[str, str] = field(default_factory=dict)  # a rule's header fields
    partitions: str = PARTITION_ROLES[0]  # how it is built on a cluster: PARTITION_ROLES

    @property
    def table(self) -> str:
        """What it is built as: `table`, or `temp table` (TEMPORARY_LAYERS)."""
        return "temp table" if self.layer in TEMPORARY_LAYERS else "table"

    @property
    def file(self) -> str:
        if self.name == RULE_UNION:
            return f"{RULE_UNION} (every rule's findings, made by the runner)"
        return f"{self.layer}/{self.name}.sql"


@dataclass(frozen=True)
class FlagContract:
    columns: dict[str, str]  # name: DuckDB type, in the order of rule_flags
    from_header: dict[str, str]  # column: the header key it is taken from


@dataclass(frozen=True)
class Project:
    """The models and sources of one transforms tree, checked: every table read is declared, no cycle."""

    root: Path
    models: dict[str, Model]
    sources: dict[str, Source]
    flags: FlagContract

    def upstream(self, names: Iterable[str]) -> set[str]:
        """These models and every model they read, transitively."""
        found, todo = set(), [*names]
        while todo:
            name = todo.pop()
            if name not in self.models:
                raise KeyError(f"no model is named {name}")
            if name not in found:
                found.add(name)
                todo += self.models[name].depends_on
        return found

    def sources_needed(self, name: str) -> set[str]:
        """The sources a model reads, itself or through its upstream models."""
        return {source for model in self.upstream([name]) for source in self.models[model].sources}

    def order(self, names: Iterable[str]) -> list[Model]:
        """These models, each after every model it reads."""
        names = set(names)
        graph = TopologicalSorter({name: self.models[name].depends_on & names for name in names})
        return [self.models[name] for name in graph.static_order()]


def transforms_root() -> Path:
    return Path(str(resources.files("wagewatch.transforms")))


def references(sql: str) -> set[str]:
    """The tables a SELECT reads, by name, lower-cased (DuckDB's names ignore case, quoted or not).
    CTEs are not tables within their scope; table functions and getvariable() are not tables."""
    tree = sqlglot.parse_one(sql, read="duckdb")
    found = set()
    for scope in traverse_scope(tree):
        for source in scope.sources.values():
            # a table function (range(), unnest(), read_csv()) has a function, not a name
            if isinstance(source, exp.Table) and isinstance(source.this, exp.Identifier):
                if source.db or source.catalog:
                    raise ValueError(f"reads {source.sql('duckdb')}: models name tables without a schema")
                found.add(source.name.lower())
    return found


def rule_header(sql: str) -> dict[str, str]:
    """A rule's header comment: `-- key: text` lines, continued by lines indented further."""
    fields: dict[str, str] = {}
    key = None
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        if (found := _FIELD.match(line)) and found["key"] in (*HEADER_KEYS, PARTITIONS_KEY):
            key = found["key"]
            fields[key] = found["text"].strip()
        elif key and (more := _CONTINUED.match(line)):
            fields[key] += " " + more["text"].strip()
    return fields


def _checked_header(file: str, sql: str) -> dict[str, str]:
    fields = rule_header(sql)
    missing = [key for key in HEADER_KEYS if key not in fields]
    if missing:
        raise ValueError(f"{file} header lacks: {', '.join(missing)}")
    if not _CODE.fullmatch(fields["code"]) or fields["severity"] not in SEVERITIES:
        raise ValueError(f"{file} header: code must be A_CODE, severity one of {', '.join(SEVERITIES)}")
    return fields


def _partition_role(file: str, sql: str) -> str:
    """The role its header's `-- partitions:` line gives (its first word), else the default."""
    declared = rule_header(sql).get(PARTITIONS_KEY)
    if declared is None:
        return PARTITION_ROLES[0]
    role = re.match(r"[a-z]*", declared)[0]
    if role not in PARTITION_ROLES:
        raise ValueError(f"{file} header: partitions must start with one of {', '.join(PARTITION_ROLES)}")
    return role


def _read_toml(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _sources(root: Path) -> dict[str, Source]:
    sources = {}
    for name, entry in _read_toml(root / SOURCES).items():
        if set(entry) != {"created_by", "kept", "description"} or entry["kept"] not in KEPT:
            raise ValueError(f"{SOURCES} [{name}]: give created_by, description and kept, one of {KEPT}")
        sources[name.lower()] = Source(name.lower(), **entry)
    return sources


def read_flag_columns(root: Path) -> dict:
    """transforms/rules/flag_columns.toml as declared: [columns], [facts] and [from_header]."""
    return _read_toml(root / FLAG_COLUMNS)


def _flag_contract(root: Path) -> FlagContract:
    declared = read_flag_columns(root)
    columns = dict(declared["columns"])
    if FACTS in columns:  # the struct of the findings' values, field by field
        columns[FACTS] = "struct(" + ", ".join(f"{n} {t}" for n, t in declared[FACTS].items()) + ")"
    contract = FlagContract(columns, declared["from_header"])
    bad = [name for name in contract.columns if not _COLUMN.fullmatch(name)]
    bad += [name for name in contract.from_header if name not in contract.columns]
    if bad:
        raise ValueError(f"{FLAG_COLUMNS}: not a flag column name: {', '.join(bad)}")
    return contract


def _model(root: Path, layer: str, name: str, sql: str, known: set[str], sources: set[str]) -> Model:
    file = f"{layer}/{name}.sql"
    try:
        read = references(sql) - {name}
    except (ParseError, ValueError) as error:
        raise ValueError(f"{file}: {str(error).splitlines()[0]}") from error
    undeclared = read - known - sources
    if undeclared:
        raise ValueError(
            f"{file} reads {', '.join(sorted(undeclared))}: neither a model nor a source declared in "
            f"{root / SOURCES}"
        )
    header = _checked_header(file, sql) if layer == "rules" else {}
    role = _partition_role(file, sql)
    return Model(name, layer, sql, frozenset(read & known), frozenset(read & sources), header, role)


def _files(root: Path) -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for layer in LAYERS:
        for path in sorted((root / layer).glob("*.sql")):
            if path.stem in found:
                raise ValueError(f"two models are named {path.stem}: table names must be unique")
            if path.stem == RULE_UNION:
                raise ValueError(f"{layer}/{path.name}: {RULE_UNION} is made by the runner, from the rules")
            found[path.stem] = (layer, path.read_text(encoding="utf-8"))
    return found


def _check_acyclic(models: dict[str, Model]) -> None:
    try:
        TopologicalSorter({name: model.depends_on for name, model in models.items()}).prepare()
    except CycleError as error:
        cycle = " -> ".join(error.args[1][::-1])  # graphlib lists it against the arrows
        raise ValueError(f"models read each other in a cycle: {cycle}") from None


@functools.cache
def load(root: Path | None = None) -> Project:
    """The transforms tree's models and sources (cached: the files do not change while we run)."""
    root = root or transforms_root()
    sources = _sources(root)
    files = _files(root)
    if clash := files.keys() & sources.keys():
        raise ValueError(f"{', '.join(sorted(clash))}: declared in {SOURCES} and also a model")
    rules = frozenset(name for name, (layer, _) in files.items() if layer == "rules")
    known, declared = {*files, *([RULE_UNION] if rules else [])}, set(sources)
    models = {name: _model(root, layer, name, sql, known, declared) for name, (layer, sql) in files.items()}
    if rules:
        models[RULE_UNION] = Model(RULE_UNION, "rules", "", rules)
    _check_acyclic(models)
    unread = set(sources) - {source for model in models.values() for source in model.sources}
    if unread:
        raise ValueError(f"{SOURCES} declares {', '.join(sorted(unread))}, which no model reads")
    return Project(root, models, sources, _flag_contract(root) if rules else FlagContract({}, {}))


def discover(root: Path | None = None) -> dict[str, Model]:
    """Every model, and rule_flags, the union of the rules that the flags mart reads."""
    return load(root).models


def install_macros(con: duckdb.DuckDBPyConnection, root: Path | None = None) -> None:
    """macros.sql, and the finding sentences' macros the flags mart writes `detail` with."""
    from wagewatch.warehouse import findings  # it reads the flag contract through this module

    con.execute(((root or transforms_root()) / MACROS).read_text(encoding="utf-8"))
    findings.install(con, root)


def existing(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The tables and views this connection reads by a bare name: its database's, and temporary ones."""
    where = "where database_name in (current_database(), 'temp') and schema_name = 'main'"
    tables = con.execute(f"select table_name from duckdb_tables() {where}").fetchall()
    views = con.execute(f"select view_name from duckdb_views() {where}").fetchall()
    return {name.lower() for (name,) in tables + views}


def start_run(con: duckdb.DuckDBPyConnection, project: Project | None = None) -> None:
    """Drop every model's table and every source made for one run: from here, whatever exists of
    them was made by this run."""
    project = project or load()
    per_run = [source.name for source in project.sources.values() if source.kept == "run"]
    for model in project.models.values():
        if model.table == "temp table":
            con.execute(f"drop table if exists temp.{model.name}")
    for name in [*project.models, *per_run]:  # and any the store keeps from before they were temporary
        con.execute(f"drop table if exists {name}")
    con.execute(f"set variable {_STARTED} = true")


def build(
    con: duckdb.DuckDBPyConnection,
    names: Iterable[str],
    project: Project | None = None,
    *,
    as_tables: bool = False,
) -> None:
    """Build these models in dependency order. Each must find what it reads made already: a source,
    or a model built before it (in this call, or earlier in the run). With as_tables, every model is a
    table of the database, none temporary (a partition's, which the merge reads once it is closed)."""
    project = project or load()
    made = existing(con)
    for model in project.order(names):
        missing = (model.sources | model.depends_on) - made
        if missing:
            raise RuntimeError(f"{_waiting(project, model, missing)}: build it after them")
        try:
            _build_one(con, project, model, "table" if as_tables else model.table)
        except duckdb.Error as error:
            # DuckDB's binder lists every candidate function; the first lines say what went wrong
            summary = "\n".join(str(error).splitlines()[:3])
            raise RuntimeError(f"model {model.file} failed: {summary}") from error
        made.add(model.name)


def _waiting(project: Project, model: Model, missing: set[str], verb: str = "reads") -> str:
    said = [
        f"{name} (made by {project.sources[name].created_by})" if name in project.sources else f"model {name}"
        for name in sorted(missing)
    ]
    return f"{model.file} {verb} {', '.join(said)}, not made yet in this run"


def build_ready(
    con: duckdb.DuckDBPyConnection, project: Project | None = None, *, complete: bool = False
) -> list[str]:
    """Build every model not built yet whose sources have all been made; with complete, a model that
    must still wait is an error naming what it waits for. Returns the models built. A table counts as
    built only after start_run() on this connection: one of last night's is never taken for built."""
    project = project or load()
    if not con.execute(f"select getvariable('{_STARTED}')").fetchone()[0]:
        raise RuntimeError("build_ready() needs start_run() first on this connection")
    made = existing(con)
    unbuilt = [name for name in project.models if name not in made]
    ready = [name for name in unbuilt if project.sources_needed(name) <= made]
    if complete and (waiting := [name for name in unbuilt if name not in ready]):
        model = project.models[waiting[0]]
        raise RuntimeError(_waiting(project, model, project.sources_needed(model.name) - made, "needs"))
    build(con, ready, project)
    return ready


def build_model(con: duckdb.DuckDBPyConnection, *names: str, project: Project | None = None) -> None:
    """Build these models and their upstream only: what a model's test needs, and nothing more."""
    project = project or load()
    build(con, project.upstream(names), project)


def _build_one(con: duckdb.DuckDBPyConnection, project: Project, model: Model, table: str) -> None:
    if model.name == RULE_UNION:
        columns = ", ".join(f"{name} {sql_type}" for name, sql_type in project.flags.columns.items())
        con.execute(f"create or replace {table} {RULE_UNION} ({columns})")
        for rule in sorted(model.depends_on):
            con.execute(f"insert into {RULE_UNION} select * from {rule}")
    else:
        select = _findings(con, project.flags, model) if model.layer == "rules" else model.sql
        con.execute(f"create or replace {table} {model.name} as\n{select}")


def _findings(con: duckdb.DuckDBPyConnection, contract: FlagContract, model: Model) -> str:
    """A rule's SELECT, its columns cast to the flag contract's in its order, code and severity from
    its header; a column missing, misspelt or not the rule's to give is an error naming its file."""
    selected = [row[0].lower() for row in con.execute(f"describe {model.sql}").fetchall()]
    expected = [name for name in contract.columns if name not in contract.from_header]
    problems = []
    if lacking := [name for name in expected if name not in selected]:
        problems.append(f"lacks {', '.join(lacking)}")
    if header := [name for name in selected if name in contract.from_header]:
        problems.append(f"selects {', '.join(header)}, which the runner takes from the header")
    if extra := [name for name in selected if name not in contract.columns]:
        problems.append(f"selects {', '.join(extra)}, not a flag column")
    if problems:
        raise ValueError(f"{model.file} {'; '.join(problems)} (the flag columns: {FLAG_COLUMNS})")
    columns = [
        f"cast('{model.header[contract.from_header[name]]}' as {sql_type}) as {name}"
        if name in contract.from_header
        else f"cast({name} as {sql_type}) as {name}"
        for name, sql_type in contract.columns.items()
    ]
    return f"select {', '.join(columns)} from (\n{model.sql}\n) as findings"  # \n: a comment may end it
