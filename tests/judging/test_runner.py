"""The runner: what a model reads is parsed from its SQL, every table is a model or a declared source,
the build follows the graph, and a rule's findings keep the one flag contract."""

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.judging.conftest import open_store
from wagewatch import pipeline
from wagewatch.intake.ingest import ingest
from wagewatch.quality.checks import record_intake_issues
from wagewatch.settings import Config, Settings
from wagewatch.warehouse import db, runner

AUG_JUDGED = date(2026, 10, 1)
SOURCES = """
[raw_things]
created_by = "tests.make_things"
kept = "store"
description = "things as read"

[run_things]
created_by = "tests.make_run_things"
kept = "run"
description = "things made per run"
"""


def tree(root: Path, models: dict[str, str], sources: str = SOURCES) -> Path:
    """A transforms tree of these models ({"layer/name": sql}), the real flag contract, no macros."""
    for name, sql in models.items():
        (root / f"{name}.sql").parent.mkdir(parents=True, exist_ok=True)
        (root / f"{name}.sql").write_text(sql, encoding="utf-8")
    (root / "rules").mkdir(exist_ok=True)
    shutil.copy(runner.transforms_root() / runner.FLAG_COLUMNS, root / runner.FLAG_COLUMNS)
    (root / runner.SOURCES).write_text(sources, encoding="utf-8")
    return root


def test_every_model_is_built_after_the_models_it_reads(tmp_path):
    project = runner.load(
        tree(
            tmp_path,
            {
                "marts/c": "select b.n, a.n as m from b join a using (n)",
                "intermediate/b": "select n + 0 as n from a",
                "staging/a": "select n from raw_things union all select n from run_things",
            },
        )
    )
    order = [m.name for m in project.order({"a", "b", "c"})]
    assert order == ["a", "b", "c"]
    assert project.models["c"].depends_on == {"a", "b"}
    assert project.sources_needed("c") == {"raw_things", "run_things"}
    con = db.connect()
    con.execute("create table raw_things as select 1 as n")
    con.execute("create table run_things as select 2 as n")
    runner.build_model(con, "c", project=project)
    assert con.execute("select * from c order by n").fetchall() == [(1, 1), (2, 2)]


def test_models_that_read_each_other_are_a_cycle_named_in_the_error(tmp_path):
    root = tree(
        tmp_path,
        {
            "staging/a": "select * from raw_things join run_things using (n)",
            "intermediate/b": "select * from c",
            "intermediate/c": "select * from d",
            "marts/d": "select * from b join a using (n)",
        },
    )
    with pytest.raises(ValueError, match=r"cycle: (b -> c -> d -> b|c -> d -> b -> c|d -> b -> c -> d)"):
        runner.load(root)


def test_a_table_neither_model_nor_declared_source_is_an_error_naming_file_and_table(tmp_path):
    root = tree(tmp_path, {"staging/a": "select * from raw_things, run_things, raw_other"})
    with pytest.raises(ValueError, match=r"staging/a\.sql reads raw_other: neither a model nor a source"):
        runner.load(root)


def test_a_table_named_with_a_schema_is_an_error(tmp_path):
    root = tree(tmp_path, {"staging/a": "select * from main.raw_things, run_things"})
    with pytest.raises(ValueError, match=r"staging/a\.sql: reads main\.raw_things"):
        runner.load(root)


def test_a_declared_source_that_no_model_reads_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="declares run_things, which no model reads"):
        runner.load(tree(tmp_path, {"staging/a": "select * from raw_things"}))


def test_a_quoted_name_is_a_reference_in_any_case():
    assert runner.references('select * from "Stg_Bank" as bank') == {"stg_bank"}
    assert runner.references('select * from "stg_bank"') == {"stg_bank"}


def test_extract_from_a_column_is_not_a_reference():
    sql = "select extract(year from paid_date) as year, trim(both ' ' from memo) from stg_bank"
    assert runner.references(sql) == {"stg_bank"}


def test_a_cte_shadows_a_table_only_in_its_scope():
    assert runner.references("with int_projects as (select 1 as n) select * from int_projects") == set()
    # the CTE's own body reads the table it shadows
    shadowing = "with stg_bank as (select * from stg_bank where amount > 0) select * from stg_bank"
    assert runner.references(shadowing) == {"stg_bank"}
    # a CTE of one subquery does not hide the table elsewhere
    nested = "select * from (with projects as (select 1) select * from projects), projects"
    assert runner.references(nested) == {"projects"}


def test_comma_joins_subqueries_and_set_operations_find_every_table():
    assert runner.references("select * from stg_bank, int_projects") == {"stg_bank", "int_projects"}
    assert runner.references("select * from a where exists (select 1 from b where b.x = a.x)") == {"a", "b"}
    assert runner.references("select * from a where y in (select y from c)") == {"a", "c"}
    assert runner.references("select * from d union all by name select * from e") == {"d", "e"}
    assert runner.references("select * from d anti join e using (x) join f on d.x = f.x") == {"d", "e", "f"}


def test_table_functions_and_variables_are_not_tables():
    assert runner.references("select getvariable('as_of') as as_of, r.range from range(3) as r") == set()
    assert runner.references("select m from stints, unnest(generate_series(1, 3)) as months(m)") == {"stints"}
    assert runner.references("select * from read_csv('rows.csv')") == set()


def test_a_model_waits_for_its_sources_and_a_run_starts_without_last_nights(tmp_path):
    project = runner.load(
        tree(
            tmp_path,
            {
                "staging/a": "select n from raw_things",
                "marts/b": "select a.n from a join run_things using (n)",
            },
        )
    )
    con = db.connect()
    con.execute("create table raw_things as select 1 as n")
    con.execute("create table run_things as select 1 as n")  # last night's
    runner.build_model(con, "b", project=project)
    runner.start_run(con, project)
    assert runner.existing(con) == {"raw_things"}  # kept in the store; models and per-run sources gone
    assert runner.build_ready(con, project) == ["a"]
    with pytest.raises(
        RuntimeError, match=r"marts/b\.sql needs run_things \(made by tests\.make_run_things\)"
    ):
        runner.build_ready(con, project, complete=True)
    with pytest.raises(RuntimeError, match=r"marts/b\.sql reads run_things .* not made yet in this run"):
        runner.build(con, ["b"], project)
    con.execute("create table run_things as select 1 as n")
    assert runner.build_ready(con, project, complete=True) == ["b"]


def _night(store: Path, settings: Settings):
    con = db.connect(store)
    db.configure(con, settings)
    runner.install_macros(con)
    return con


def test_a_night_judged_without_its_own_intake_issues_fails_rather_than_read_last_nights(tmp_path, inbox):
    settings = Settings(
        inbox=_scene(inbox), warehouse=tmp_path / "w.duckdb", as_of=AUG_JUDGED, config=Config.load()
    )
    con = _night(tmp_path / "store.duckdb", settings)
    ingest(con, settings.inbox, settings.config.aliases)
    pipeline.build(con)
    record_intake_issues(con)
    pipeline.judge(con)  # last night, complete
    con.close()
    con = _night(tmp_path / "store.duckdb", settings)
    with pytest.raises(RuntimeError, match=r"needs start_run\(\) first"):
        pipeline.judge(con)  # last night's tables are not taken for tonight's
    pipeline.build(con)
    made_by = r"wagewatch\.quality\.checks\.record_intake_issues"
    with pytest.raises(RuntimeError, match=rf"needs intake_issues \(made by {made_by}\)"):
        pipeline.judge(con)
    record_intake_issues(con)
    pipeline.judge(con)
    assert con.execute("select rule from flags order by rule").fetchall() == [
        ("MISSED_PAYMENT",),
        ("NO_PAYROLL",),
    ]
    con.close()


def test_the_pipeline_builds_staging_before_the_intake_suites_and_the_rest_after():
    project = runner.load()
    before = {name for name in project.models if "intake_issues" not in project.sources_needed(name)}
    assert before == {name for name, model in project.models.items() if model.layer == "staging"}


def _rules_tree(tmp_path: Path, rule: str, old: str, new: str) -> Path:
    root = tmp_path / "transforms"
    shutil.copytree(runner.transforms_root(), root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    path = root / "rules" / f"{rule}.sql"
    sql = path.read_text(encoding="utf-8")
    assert old in sql
    path.write_text(sql.replace(old, new), encoding="utf-8")
    return root


def _scene(inbox):
    inbox.project().worker("张三").worked("张三", "2026-08", "22")
    return inbox.write()


def test_a_misspelt_flag_column_fails_the_build_naming_the_rules_file(tmp_path, inbox):
    root = _rules_tree(
        tmp_path, "missed_payment", "    shortfall_amount,", "    shortfall_amount as shortfal_amount,"
    )
    store = open_store(_scene(inbox), tmp_path / "work", AUG_JUDGED, root=root)
    message = r"rules/missed_payment\.sql lacks shortfall_amount; selects shortfal_amount, not a flag column"
    with pytest.raises(ValueError, match=message):
        store.build("flags")


def test_a_missing_flag_column_fails_the_build_naming_the_rules_file(tmp_path, inbox):
    root = _rules_tree(tmp_path, "late_payment", "    team,\n", "")
    store = open_store(_scene(inbox), tmp_path / "work", AUG_JUDGED, root=root)
    with pytest.raises(ValueError, match=r"rules/late_payment\.sql lacks team \(the flag columns"):
        store.build("late_payment")


def test_a_rule_that_names_its_own_code_fails_the_build(tmp_path, inbox):
    root = _rules_tree(tmp_path, "missed_payment", "    period,\n", "    period,\n    'MISSED' as rule,\n")
    store = open_store(_scene(inbox), tmp_path / "work", AUG_JUDGED, root=root)
    with pytest.raises(ValueError, match=r"missed_payment\.sql selects rule, which the runner takes from"):
        store.build("missed_payment")


def test_each_rule_raises_its_headers_code_and_severity_in_the_declared_columns(tmp_path, inbox):
    store = open_store(_scene(inbox), tmp_path / "work", AUG_JUDGED)
    store.build("rule_flags")
    declared = list(store.project.flags.columns.items())
    described = store.query("select column_name, column_type from (describe rule_flags)")
    assert [name for name, _ in described] == [name for name, _ in declared]
    assert [re.sub(r"\s", "", t).lower() for _, t in described] == [
        re.sub(r"\s", "", t).lower() for _, t in declared
    ]
    assert store.query("select rule, severity, period from rule_flags order by rule") == [
        ("MISSED_PAYMENT", "red", "2026-08"),
        ("NO_PAYROLL", "red", "2026-08"),
    ]
    for rule in (m for m in store.project.models.values() if m.header):
        columns = store.query(f"select column_name from (describe {rule.name})")
        assert [name for (name,) in columns] == [name for name, _ in declared], rule.name
