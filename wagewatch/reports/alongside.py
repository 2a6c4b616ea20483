"""One writer run in a child process while the parent goes on with other work: the reports' workbook is
written on the second core while the pages are written on the first.

Spawned, not forked. The reports are written by a Prefect task, in a process that has threads (Prefect's
event loop, its log and event workers): a forked child gets a copy of every lock those threads held at
that moment, locked for good, and hangs the night the first time it needs one (a standard stream's
buffer as it exits, logging, a module's lazily made state). CPython warns about forking such a process
from 3.12 and no longer forks by default from 3.14. A spawned child is a fresh interpreter: it imports
what it needs and reads its arguments, pickled, from a file: a pipe would hold the parent until the
child had imported enough to read them. They should be small to pickle (workbook_data.py). A failure
in the child comes back to the parent as an error with the child's traceback, raised when the parent's
block ends; a failure in the parent stops the child.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from wagewatch.child_process import ChildFailed, report, supervised

__all__ = ["ChildFailed", "after", "alongside"]

START_METHOD = "spawn"
ARGUMENTS_PREFIX = "wagewatch-alongside-"


def _run(send: Connection, arguments: str) -> None:
    report(send, lambda: _call(arguments))


def _call(arguments: str) -> None:
    function, args, kwargs = pickle.loads(Path(arguments).read_bytes())
    function(*args, **kwargs)


def _arguments_file(folder: Path, function: Callable[..., Any], args: tuple, kwargs: dict) -> Path:
    handle, name = tempfile.mkstemp(prefix=ARGUMENTS_PREFIX, suffix=".pickle", dir=folder)
    with os.fdopen(handle, "wb") as file:
        pickle.dump((function, args, kwargs), file, protocol=pickle.HIGHEST_PROTOCOL)
    return Path(name)


@contextmanager
def alongside(folder: Path, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Iterator[None]:
    """Run `function(*args, **kwargs)` in a spawned child for the length of the block; on leaving it,
    wait for the child and raise ChildFailed if the function failed there. The function and its
    arguments are pickled, into a file in `folder` (the run's temporary output, which a failed run
    removes): a module's function, and data worth the pickling."""
    arguments = _arguments_file(folder, function, args, kwargs)
    name = getattr(function, "__name__", repr(function))
    try:
        with supervised(multiprocessing.get_context(START_METHOD), _run, (str(arguments),), name):
            yield
    finally:
        arguments.unlink(missing_ok=True)


@contextmanager
def after(folder: Path, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Iterator[None]:
    """The same work in this process, once the block has ended well: for a small report a child's
    start-up (a fresh interpreter's imports) costs more than the work it would take off this one."""
    del folder  # nothing crosses to another process
    yield
    function(*args, **kwargs)
