"""One writer run in a forked child process while the parent goes on: the inbox's files are written on
the second core while the oracle judges them on the first.

Fork, not spawn: the child starts with the inbox already made in memory (nothing pickled) and ends
without running anything of the parent's. Nothing random is drawn in the child, so the bytes do not
depend on which process writes first. A failure in the child is raised in the parent, with the child's
traceback, when the block ends; a failure in the parent stops the child. Where fork is not available,
or the parent is itself a daemonic process, the writer runs first, in the parent.
(wagewatch.reports has its own: the generator imports nothing of the pipeline's.)
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any


class WriterFailed(RuntimeError):
    """The writer raised in its process, or the process died before it could say."""


def _run(send: Connection, function: Callable[..., Any], args: tuple) -> None:
    try:
        function(*args)
    except BaseException:
        send.send(traceback.format_exc())
        raise SystemExit(1) from None
    send.send(None)


@contextmanager
def alongside(function: Callable[..., Any], *args: Any) -> Iterator[None]:
    """Run `function(*args)` in a forked child for the length of the block; on leaving it, wait for the
    child and raise WriterFailed if the function failed there."""
    daemonic = multiprocessing.current_process().daemon  # a daemonic process may not have children
    if daemonic or "fork" not in multiprocessing.get_all_start_methods():
        function(*args)
        yield
        return
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(send, function, args), daemon=True)
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
        raise WriterFailed(f"{getattr(function, '__name__', function)} failed in its own process:\n{failure}")
