"""Progress for long phases: one line per phase when it ends (what logs keep), plus a
live line while it runs when stderr is a terminal. Record loops add their own tqdm
bar, which tqdm hides when stderr is not a terminal."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class Phase:
    label: str
    summary: str = ""


def interactive() -> bool:
    return sys.stderr.isatty()


@contextmanager
def phase(label: str) -> Iterator[Phase]:
    """Time a phase; on success print ``label: summary (1.2 s)`` to stderr."""
    info = Phase(label)
    live = interactive()
    if live:
        print(f"{label} ...", end="\r", file=sys.stderr, flush=True)
    start = time.perf_counter()
    try:
        yield info
    finally:
        if live:
            print("\r\x1b[K", end="", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - start
    print(f"{label}{': ' + info.summary if info.summary else ''} ({seconds:.1f} s)",
          file=sys.stderr, flush=True)
