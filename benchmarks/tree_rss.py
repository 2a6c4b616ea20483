"""Peak memory of a whole process tree: the process and every descendant (Prefect's server included),
their resident sets summed every ~50 ms, the largest sum kept.

`getrusage(RUSAGE_CHILDREN)` is not this: its ru_maxrss is the largest of one process, never the sum.
"""

from __future__ import annotations

import threading
import time

import psutil

SAMPLE_SECONDS = 0.05


def tree_rss(pid: int) -> int:
    """The resident bytes of `pid` and all its descendants now; processes that end meanwhile count 0."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total


class TreePeak:
    """Samples tree_rss(pid) on a thread until stopped; `peak` is the largest sum seen, in bytes, and
    `peak_at` when it was seen (time.perf_counter())."""

    def __init__(self, pid: int, interval: float = SAMPLE_SECONDS) -> None:
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self.peak_at = 0.0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            now = tree_rss(self.pid)
            if now > self.peak:
                self.peak, self.peak_at = now, time.perf_counter()
            self.samples += 1
            self._stop.wait(self.interval)

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()
