"""One writer run in a forked child process while the parent goes on with other work: the reports'
workbook is written on the second core while the pages are written on the first.

Fork, not spawn: the child starts with the run's report data already in memory (nothing pickled,
nothing read twice) and ends with os._exit, so nothing of the parent (Prefect, open files, exit
handlers) runs in it. A failure in the child comes back to the parent as an error with the child's
traceback, raised when the parent's block ends; a failure in the parent stops the child. Where fork is
not available, the writer runs first, in the parent.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any


class ChildFailed(RuntimeError):
    """The writer in the child process raised, or the child died before it could say."""


def _run(send: Connection, function: Callable[..., Any], args: tuple, kwargs: dict) -> None:
    try:
        function(*args, **kwargs)
    except BaseException:
        send.send(traceback.format_exc())
        raise SystemExit(1) from None
    send.send(None)


@contextmanager
def alongside(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Iterator[None]:
    """Run `function(*args, **kwargs)` in a forked child for the length of the block; on leaving it,
    wait for the child and raise ChildFailed if the function failed there."""
    if "fork" not in multiprocessing.get_all_start_methods():
        function(*args, **kwargs)
        yield
        return
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(send, function, args, kwargs), daemon=True)
    child.start()
    send.close()  # the child holds the only sending end: its death reads as EOF here
    try:
        yield
    except BaseException:
        child.terminate()
        child.join()
        raise
    try:
        failure = receive.recv()
    except EOFError:
        failure = f"the process ended with exit code {child.exitcode} before reporting"
    finally:
        receive.close()
        child.join()
    if failure is not None:
        raise ChildFailed(f"{getattr(function, '__name__', function)} failed in its own process:\n{failure}")
