"""The workbook's writer runs in a spawned child alongside the pages: what it writes arrives, and a
failure in the child is the parent's failure, with the child's traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from wagewatch.reports.alongside import ChildFailed, alongside

CHILD_SECONDS = 30


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _fail(message: str) -> None:
    raise ValueError(message)


def test_the_child_writes_while_the_parent_goes_on(tmp_path):
    with alongside(_write, tmp_path / "child.txt", "from the child"):
        (tmp_path / "parent.txt").write_text("from the parent", encoding="utf-8")
    assert (tmp_path / "child.txt").read_text(encoding="utf-8") == "from the child"
    assert (tmp_path / "parent.txt").is_file()


def test_a_failure_in_the_child_fails_the_parent_with_its_traceback():
    failed = r"(?s)_fail failed in its own process.*ValueError: no workbook"
    with pytest.raises(ChildFailed, match=failed), alongside(_fail, "no workbook"):
        pass


def _write_late(path: Path) -> None:
    time.sleep(CHILD_SECONDS)
    _write(path, "too late")


def test_a_failure_in_the_parent_stops_the_child_and_is_raised(tmp_path):
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="parent"), alongside(_write_late, tmp_path / "child.txt"):
        raise RuntimeError("parent")
    assert time.monotonic() - started < CHILD_SECONDS / 2, "the parent did not wait for the child"
    assert not (tmp_path / "child.txt").exists()


PARENT_STATE = {"changed in the parent": False}


def _write_state(path: Path) -> None:
    _write(path, str(PARENT_STATE["changed in the parent"]))


def test_the_child_is_a_fresh_interpreter_not_a_fork_of_the_parent_and_its_threads(tmp_path):
    PARENT_STATE["changed in the parent"] = True  # a forked child would see this; a spawned one imports anew
    try:
        with alongside(_write_state, tmp_path / "child.txt"):
            pass
    finally:
        PARENT_STATE["changed in the parent"] = False
    assert (tmp_path / "child.txt").read_text(encoding="utf-8") == "False"
