"""The workbook's writer runs in a spawned child alongside the pages: what it writes arrives, and a
failure in the child is the parent's failure, with the child's traceback; a small report's workbook is
written in the run's own process, after the pages."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from wagewatch.reports.alongside import ChildFailed, after, alongside

CHILD_SECONDS = 30


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _fail(message: str) -> None:
    raise ValueError(message)


def test_the_child_writes_while_the_parent_goes_on(tmp_path):
    with alongside(tmp_path, _write, tmp_path / "child.txt", "from the child"):
        (tmp_path / "parent.txt").write_text("from the parent", encoding="utf-8")
    assert (tmp_path / "child.txt").read_text(encoding="utf-8") == "from the child"
    assert (tmp_path / "parent.txt").is_file()


def test_a_failure_in_the_child_fails_the_parent_with_its_traceback(tmp_path):
    failed = r"(?s)_fail failed in its own process.*ValueError: no workbook"
    with pytest.raises(ChildFailed, match=failed), alongside(tmp_path, _fail, "no workbook"):
        assert [path.suffix for path in tmp_path.iterdir()] == [".pickle"]  # its arguments, in the folder
    assert list(tmp_path.iterdir()) == []


def _write_late(path: Path) -> None:
    time.sleep(CHILD_SECONDS)
    _write(path, "too late")


def test_a_failure_in_the_parent_stops_the_child_and_is_raised(tmp_path):
    started = time.monotonic()
    child_file = tmp_path / "child.txt"
    with pytest.raises(RuntimeError, match="parent"), alongside(tmp_path, _write_late, child_file):
        raise RuntimeError("parent")
    assert time.monotonic() - started < CHILD_SECONDS / 2, "the parent did not wait for the child"
    assert list(tmp_path.iterdir()) == []  # no child's file, no arguments left behind


PARENT_STATE = {"changed in the parent": False}


def _write_state(path: Path) -> None:
    _write(path, str(PARENT_STATE["changed in the parent"]))


def test_the_child_is_a_fresh_interpreter_not_a_fork_of_the_parent_and_its_threads(tmp_path):
    PARENT_STATE["changed in the parent"] = True  # a forked child would see this; a spawned one imports anew
    try:
        with alongside(tmp_path, _write_state, tmp_path / "child.txt"):
            pass
    finally:
        PARENT_STATE["changed in the parent"] = False
    assert (tmp_path / "child.txt").read_text(encoding="utf-8") == "False"


def test_small_work_is_done_here_after_the_block_and_not_at_all_when_the_block_fails(tmp_path):
    with after(tmp_path, _write, tmp_path / "after.txt", "here"):
        assert not (tmp_path / "after.txt").exists()
    assert (tmp_path / "after.txt").read_text(encoding="utf-8") == "here"
    with pytest.raises(RuntimeError, match="parent"), after(tmp_path, _write, tmp_path / "never.txt", "x"):
        raise RuntimeError("parent")
    assert not (tmp_path / "never.txt").exists()
