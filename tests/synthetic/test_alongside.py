"""The inbox's files written in a forked process while the oracle judges: a failure there is not lost."""

from pathlib import Path

import pytest

from wagewatch.synthetic.alongside import ChildFailed, alongside


def _write(path: Path) -> None:
    path.write_text("written in the child", encoding="utf-8")


def _fail(path: Path) -> None:
    raise OSError(f"no room for {path.name}")


def test_what_the_child_writes_is_there_when_the_block_ends(tmp_path: Path):
    with alongside(_write, tmp_path / "inbox.txt"):
        (tmp_path / "truth.txt").write_text("written in the parent", encoding="utf-8")
    assert (tmp_path / "inbox.txt").read_text(encoding="utf-8") == "written in the child"


def test_a_writer_failing_in_the_child_fails_the_parent_with_its_traceback(tmp_path: Path):
    with (
        pytest.raises(ChildFailed, match=r"no room for inbox\.txt"),
        alongside(_fail, tmp_path / "inbox.txt"),
    ):
        pass
