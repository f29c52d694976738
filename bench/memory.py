"""Peak resident memory of a block of code, sampled from /proc (Linux)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


@contextmanager
def _sampling(sample: Callable[[], None], interval: float) -> Iterator[None]:
    """Call ``sample`` every ``interval`` seconds in a thread while the block runs."""
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            sample()
            time.sleep(interval)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


@contextmanager
def peak_rss(interval: float = 0.005) -> Iterator[dict[str, int]]:
    """Yields a dict that holds ``start``, ``peak`` and ``delta`` (bytes) on exit."""
    result = {"start": rss_bytes(), "peak": 0, "delta": 0}
    peak = [result["start"]]

    def sample() -> None:
        peak[0] = max(peak[0], rss_bytes())

    try:
        with _sampling(sample, interval):
            yield result
    finally:
        peak[0] = max(peak[0], rss_bytes())
        result["peak"] = peak[0]
        result["delta"] = peak[0] - result["start"]


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(ppid, []).append(int(entry))
    return tree


def _rss_of(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE
    except (OSError, IndexError):
        return 0


TICK = os.sysconf("SC_CLK_TCK")


def _cpu_of(pid: int) -> float | None:
    """User + system seconds the process has run (/proc/PID/stat fields 14 and 15)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, IndexError, ValueError):
        return None


def _cpu_self() -> float:
    t = os.times()
    return t.user + t.system


@contextmanager
def peak_rss_tree(interval: float = 0.05) -> Iterator[dict[str, float]]:
    """Peak RSS of this process (``driver``) and of its descendants (worker processes,
    Ray's raylet and workers): ``workers_sum`` (their peak total) and ``worker_max``
    (the largest one). Shared pages (Ray's object store) count in each process
    that maps them. Also the CPU seconds (user + system) of the driver in the block
    (``driver_cpu``) and of the descendants as last sampled (``workers_cpu``: what a
    process ran in its last ``interval`` before exiting is missed, and what one that
    was there before the block had run already is not counted): with the wall
    time, how busy the cores were, which a faster or slower machine does not change
    much."""
    result: dict[str, float] = {"driver": 0, "workers_sum": 0, "worker_max": 0,
                                "workers_seen": 0, "driver_cpu": 0.0, "workers_cpu": 0.0}
    seen: set[int] = set()
    cpu: dict[int, float] = {}
    me, start_cpu = os.getpid(), _cpu_self()

    def descendants() -> Iterator[int]:
        tree, todo = _children(), [me]
        while todo:
            for child in tree.get(todo.pop(), []):
                todo.append(child)
                yield child

    # what processes that exist already have run is not the block's
    before = {pid: ran for pid in descendants() if (ran := _cpu_of(pid)) is not None}

    def sample() -> None:
        result["driver"] = max(result["driver"], rss_bytes())
        rss = []
        for child in descendants():
            seen.add(child)
            rss.append(_rss_of(child))
            ran = _cpu_of(child)
            if ran is not None:
                cpu[child] = max(cpu.get(child, 0.0), ran - before.get(child, 0.0))
        result["workers_sum"] = max(result["workers_sum"], sum(rss))
        result["worker_max"] = max(result["worker_max"], max(rss, default=0))

    try:
        with _sampling(sample, interval):
            yield result
    finally:
        result["driver"] = max(result["driver"], rss_bytes())
        result["workers_seen"] = len(seen)
        result["driver_cpu"] = round(_cpu_self() - start_cpu, 1)
        result["workers_cpu"] = round(sum(cpu.values()), 1)
