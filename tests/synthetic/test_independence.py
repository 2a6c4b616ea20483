"""The generator stands apart from the pipeline: its oracle re-implements the judgement instead of
borrowing it, so the truth it writes can catch the pipeline's mistakes."""

import ast
from graphlib import TopologicalSorter
from pathlib import Path

import wagewatch.synthetic

PACKAGE = Path(wagewatch.synthetic.__file__).parent
PREFIX = "wagewatch.synthetic."
NEUTRAL = {"wagewatch.child_process"}  # runs work in a child process; judges nothing


def imported(path: Path) -> set[str]:
    """Every module a file imports, by its full name."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def modules() -> dict[str, set[str]]:
    """Module of the package -> the modules it imports."""
    return {path.stem: imported(path) for path in sorted(PACKAGE.glob("*.py"))}


def test_the_generator_imports_nothing_of_the_pipeline():
    outside = {
        (module, name)
        for module, names in modules().items()
        for name in names
        if name.split(".")[0] == "wagewatch" and not name.startswith(PREFIX) and name not in NEUTRAL
    }
    assert outside == set()


def test_the_oracles_judge_without_sql():
    oracles = [module for module in modules() if module == "oracle" or module.endswith("_oracle")]
    assert len(oracles) >= 7
    for module in oracles:
        assert not {name.split(".")[0] for name in modules()[module]} & {"duckdb", "sqlalchemy", "pandas"}


def test_the_modules_of_the_generator_import_each_other_without_cycles():
    graph = {
        module: {name.removeprefix(PREFIX) for name in names if name.startswith(PREFIX)}
        for module, names in modules().items()
    }
    assert list(TopologicalSorter(graph).static_order())  # raises CycleError on a cycle
