"""Work run in a child process for the length of a block, and supervised: a failure there is raised
here when the block ends, with the child's traceback (or its exit code, if it died before it could
say), and a failure here stops the child. The reports write their workbook this way (spawned) and the
generator its files (forked); each module says why its start method is the right one. Nothing here
judges anything, so the generator may use it and stay apart from the pipeline."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from typing import Any


class ChildFailed(RuntimeError):
    """The work raised in the child process, or the child died before it could say."""


def report(send: Connection, work: Callable[[], Any]) -> None:
    """In the child: do the work and send back None, or the traceback of what it raised."""
    try:
        work()
    except BaseException:
        send.send(traceback.format_exc())
        raise SystemExit(1) from None
    send.send(None)


@contextmanager
def supervised(context: BaseContext, target: Callable[..., None], args: tuple, name: str) -> Iterator[None]:
    """Start `target(send, *args)` (which calls `report`) in a child of `context` for the block."""
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=target, args=(send, *args), daemon=True)
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
        raise ChildFailed(f"{name} failed in its own process:\n{failure}")
