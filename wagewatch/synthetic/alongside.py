"""One writer run in a forked child process while the parent goes on: the inbox's files are written on
the second core while the oracle judges them on the first.

Fork, not spawn: the child starts with the inbox already made in memory (nothing pickled) and ends
without running anything of the parent's. Nothing random is drawn in the child, so the bytes do not
depend on which process writes first. A failure in the child is raised in the parent, with the child's
traceback, when the block ends; a failure in the parent stops the child. Where fork is not available,
or the parent is itself a daemonic process, the writer runs first, in the parent.
(The supervision is wagewatch.child_process's, which judges nothing: the reports use it too.)
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any

from wagewatch.child_process import ChildFailed, report, supervised

__all__ = ["ChildFailed", "alongside"]


def _run(send: Connection, function: Callable[..., Any], args: tuple) -> None:
    report(send, lambda: function(*args))


@contextmanager
def alongside(function: Callable[..., Any], *args: Any) -> Iterator[None]:
    """Run `function(*args)` in a forked child for the length of the block; on leaving it, wait for the
    child and raise ChildFailed if the function failed there."""
    daemonic = multiprocessing.current_process().daemon  # a daemonic process may not have children
    if daemonic or "fork" not in multiprocessing.get_all_start_methods():
        function(*args)
        yield
        return
    name = getattr(function, "__name__", repr(function))
    with supervised(multiprocessing.get_context("fork"), _run, (function, args), name):
        yield
