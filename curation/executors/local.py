"""Steps in this process, or per-record steps over batches in a pool of worker
processes that lives as long as the executor (models load once per worker)."""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

import polars as pl

from curation.executors.base import (
    BatchRun,
    Labeled,
    Outcome,
    StepSpec,
    balanced_slices,
    merge_batches,
    run_batch,
    segments,
)
from curation.steps import Step

BATCHES_PER_WORKER = 4  # smaller tasks even out the load; each costs a round trip

_worker_steps: list[Step] = []


def _init_worker(specs: list[StepSpec]) -> None:
    global _worker_steps
    _worker_steps = [s.build() for s in specs]


def _run_in_worker(indices: list[int], table: pl.DataFrame) -> BatchRun:
    return run_batch([_worker_steps[i] for i in indices], table)


def _timed(step: Step, table: pl.DataFrame) -> Outcome:
    start = time.perf_counter()
    result = step(table)
    return Outcome(result, result.kept.height, time.perf_counter() - start)


class LocalExecutor:
    """``workers=1`` runs everything here, as a plain loop. With more, each run of
    consecutive per-record steps goes over balanced batches in ``workers`` processes
    (``start_method``: spawn by default: polars' thread pool does not survive fork);
    whole-table steps run here between them."""

    def __init__(self, workers: int | None = None, start_method: str = "spawn") -> None:
        self.workers = workers or os.cpu_count() or 1
        self.start_method = start_method
        self._pool: ProcessPoolExecutor | None = None
        self._specs: list[StepSpec] | None = None

    def _pool_for(self, steps: Sequence[Labeled]) -> ProcessPoolExecutor:
        specs = [StepSpec.of(s) for _, s in steps]
        if self._pool is None or specs != self._specs:
            self.close()
            self._pool = ProcessPoolExecutor(self.workers, mp.get_context(self.start_method),
                                             initializer=_init_worker, initargs=(specs,))
            self._specs = specs
        return self._pool

    def run(self, table: pl.DataFrame, steps: Sequence[Labeled]) -> Iterator[Outcome]:
        for batched, indices in segments(steps):
            if not batched or self.workers == 1 or table.height < 2:
                for i in indices:
                    outcome = _timed(steps[i][1], table)
                    table = outcome.result.kept
                    yield outcome
                continue
            pool = self._pool_for(steps)
            start = time.perf_counter()
            slices = balanced_slices(table, self.workers * BATCHES_PER_WORKER)
            futures = [pool.submit(_run_in_worker, indices, table.slice(a, n))
                       for a, n in slices]
            runs = [f.result() for f in futures]
            outcomes = merge_batches(runs, time.perf_counter() - start)
            table = outcomes[-1].result.kept
            yield from outcomes

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
