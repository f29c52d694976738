"""Steps on a Ray cluster with Ray Data: each run of per-record steps is one
``map_batches`` over Arrow blocks, by an actor pool (a callable class: each actor
rebuilds the steps once, so fastText and OpenCC load once per actor).

What comes back is put in table order by each block's first row, never by arrival,
so the result equals one process's. Exact and near dedup run distributed
(:mod:`curation.executors.ray_dedup`); the other whole-table steps (language_id's
share cap, decontaminate) run in the driver over the collected table, as in the
local executor: the driver holds the table between runs of per-record steps.
See the README ("Every core, or a Ray cluster") for where inputs and outputs live.
"""

from __future__ import annotations

import io
import os
import pickle
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

import polars as pl
import pyarrow as pa

from curation.errors import CurationError
from curation.executors.base import (
    BatchRun,
    Labeled,
    Outcome,
    StepSpec,
    balanced_slices,
    batch_parts,
    map_frames,
    run_batch,
    run_segments,
)
from curation.steps import Step, StepResult

try:
    import ray
    import ray.data

    from curation.executors import ray_dedup
except ImportError:  # pragma: no cover - depends on the install
    ray = None

T = TypeVar("T")
R = TypeVar("R")
ROW = "_row"  # the block's rows' position in the table, to put results back in order
BLOCKS_PER_CPU = 4


def _on_this_machine() -> bool:
    here = ray.util.get_node_ip_address()
    return all(n["NodeManagerAddress"] == here for n in ray.nodes() if n["Alive"])


@dataclass(frozen=True)
class FrameBytes:
    """A DataFrame as Arrow IPC bytes, for results that leave an actor: a pickled frame
    carries every buffer its rows point into (the few rows a step removed from a block
    pickle as the whole block), the IPC writer only their rows."""

    data: bytes

    @classmethod
    def write(cls, frame: pl.DataFrame) -> FrameBytes:
        buffer = io.BytesIO()
        frame.write_ipc(buffer)
        return cls(buffer.getvalue())

    def read(self) -> pl.DataFrame:
        return pl.read_ipc(io.BytesIO(self.data))


class StepsActor:
    """One actor of the pool: the steps rebuilt once; each call runs a block through
    them and returns one row: the block's first row and its BatchRun (frames as IPC)."""

    def __init__(self, specs: list[StepSpec]) -> None:
        self.steps = [s.build() for s in specs]

    def __call__(self, block: pa.Table) -> pa.Table:
        first = block.column(ROW)[0].as_py()
        table = pl.from_arrow(block.drop_columns([ROW]))
        assert isinstance(table, pl.DataFrame)
        run = run_batch(self.steps, table)
        packed = pickle.dumps(map_frames(run, FrameBytes.write, pl.DataFrame))
        return pa.table({ROW: [first], "run": pa.array([packed], pa.large_binary())})


class RayExecutor:
    """``address``: an existing cluster (``auto``, ``ray://HOST:10001``); without one a
    local Ray starts with ``workers`` CPUs (default: all cores). ``workers`` also sizes
    the actor pool (default: the cluster's CPUs)."""

    def __init__(self, workers: int | None = None, *, address: str | None = None,
                 object_store_memory: int | None = None) -> None:
        if ray is None:
            raise CurationError("--executor ray needs Ray: pip install 'aurora-curation[ray]'")
        begin = time.perf_counter()
        self._started = False
        if not ray.is_initialized():
            if address:
                ray.init(address=address, include_dashboard=False, log_to_driver=False)
            else:
                ray.init(num_cpus=workers or os.cpu_count(), include_dashboard=False,
                         object_store_memory=object_store_memory, log_to_driver=False)
            self._started = True
        self.workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ctx.execution_options.preserve_order = False  # blocks come back in any order: sorted by ROW
        self.start_seconds = time.perf_counter() - begin

    def _map(self, table: pl.DataFrame, specs: list[StepSpec]) -> list[BatchRun]:
        indexed = table.with_row_index(ROW)
        # Each block goes to the object store as soon as it is made, so the driver holds
        # one Arrow copy of a block at a time, not of the whole table.
        refs = [ray.put(indexed.slice(a, n).to_arrow())  # large_string, never string_view
                for a, n in balanced_slices(table, self.workers * BLOCKS_PER_CPU)]
        del indexed
        ds = ray.data.from_arrow_refs(refs).map_batches(
            StepsActor, fn_constructor_kwargs={"specs": specs}, batch_format="pyarrow",
            batch_size=None, zero_copy_batch=True,
            compute=ray.data.ActorPoolStrategy(size=self.workers))
        # Each result is read as it comes (its pickle then freed), not all pickles at once.
        runs = sorted(((row[ROW], map_frames(pickle.loads(row["run"]), FrameBytes.read,
                                              FrameBytes)) for row in ds.iter_rows()),
                      key=lambda r: r[0])
        return [run for _, run in runs]

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """``fn`` over ``items`` as Ray tasks when every node of the cluster is this
        machine (its workers see the files here), else in the driver: a cluster's
        workers need no access to the input files. Results in item order; the first
        item that fails raises its own error."""
        if not _on_this_machine() or len(items) < 2:
            return [fn(x) for x in items]
        task = ray.remote(fn)
        refs = [task.remote(x) for x in items]
        try:
            return [ray.get(r) for r in refs]
        except ray.exceptions.RayTaskError as e:
            # The other tasks are left to finish: ray.cancel of a task that was finishing
            # aborted the driver once (Ray 2.60, task_manager.cc "Tried to complete task
            # that was not pending").
            cause = getattr(e, "cause", None)
            raise (cause if isinstance(cause, Exception) else e) from None

    def defer(self, fn: Callable[[T], R], items: Sequence[T]) -> Callable[[], list[R]]:
        """``map`` when the results are asked for (a Ray Data pipeline leaves no moment
        that is known to be idle)."""
        return lambda: self.map(fn, items)

    def run(self, table: pl.DataFrame, steps: Sequence[Labeled]) -> Iterator[Outcome]:
        def whole(step: Step, table: pl.DataFrame) -> StepResult:
            distributed = ray_dedup.runner(step)
            return distributed(table, self.workers) if distributed else step(table)

        def batches(table: pl.DataFrame, indices: list[int]) -> list[BatchRun]:
            return self._map(table, [StepSpec.of(p) for p in batch_parts(steps, indices)])

        return run_segments(table, steps, whole, batches)

    def close(self) -> None:
        if self._started and ray.is_initialized():
            ray.shutdown()
        self._started = False
