"""bench/memory.py: the CPU seconds bench/build.py reports beside wall time."""

from __future__ import annotations

import subprocess
import sys
import time

from bench.memory import _cpu_of, peak_rss_tree

BURN = "import time\nend = time.process_time() + {s}\nwhile time.process_time() < end: pass\n"


def burn(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_cpu_seconds_of_the_driver_and_of_a_child_are_told_apart() -> None:
    with peak_rss_tree(interval=0.01) as mem:
        burn(0.4)
        child = subprocess.Popen([sys.executable, "-c", BURN.format(s=0.8) + "time.sleep(0.2)"])
        child.wait()
    assert 0.35 <= mem["driver_cpu"] < 1.0  # the sampler adds ~0.1; the child is not counted here
    assert 0.7 <= mem["workers_cpu"] < 1.5
    assert mem["workers_seen"] >= 1


def test_what_a_child_ran_before_the_block_is_not_counted() -> None:
    """Only the block's CPU: a process that was there already (a pool, a Ray node)
    counts from the block's start."""
    child = subprocess.Popen([sys.executable, "-c", BURN.format(s=0.6)
                              + "import sys\nsys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while (_cpu_of(child.pid) or 0.0) < 0.6 and time.monotonic() < deadline:
            time.sleep(0.05)
        with peak_rss_tree(interval=0.01) as mem:
            burn(0.1)
    finally:
        child.communicate(b"")
    assert mem["workers_seen"] >= 1
    assert mem["workers_cpu"] < 0.2

