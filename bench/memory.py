"""Peak resident memory of a block of code, sampled from /proc (Linux)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


@contextmanager
def peak_rss(interval: float = 0.005) -> Iterator[dict[str, int]]:
    """Yields a dict that holds ``start``, ``peak`` and ``delta`` (bytes) on exit."""
    result = {"start": rss_bytes(), "peak": 0, "delta": 0}
    peak = [result["start"]]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], rss_bytes())
            time.sleep(interval)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield result
    finally:
        stop.set()
        thread.join()
        peak[0] = max(peak[0], rss_bytes())
        result["peak"] = peak[0]
        result["delta"] = peak[0] - result["start"]
