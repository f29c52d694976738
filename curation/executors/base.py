"""What every executor shares: which steps may run on batches, how a run of them is
rebuilt in a worker and applied to one batch, and how batch results are merged so
they equal the result on the whole table.

A step runs on batches when it is *per-record*: its verdict on a row depends on that
row only and its stats are counts (summable). That is every :class:`RecordStep`
that keeps the base ``__call__``; a step that overrides ``__call__`` sees the whole
table (the dedup steps) unless it sets ``per_record = True``. A :class:`PhasedStep`
(language_id's share cap, decontaminate) runs its record phase on batches and its
``finish`` in the driver. Whole-table steps run in the driver.
"""

from __future__ import annotations

import dataclasses
import itertools
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeGuard

import numpy as np
import polars as pl

from curation.errors import InvariantError
from curation.steps import PhasedStep, RecordStep, Step, StepResult
from curation.text import shared_counts

Labeled = tuple[str, Step]


def _judges_rows(step: Step) -> TypeGuard[RecordStep]:
    """Is ``step`` a RecordStep with the base ``__call__`` (so its ``judge_rows`` is it)?"""
    return isinstance(step, RecordStep) and type(step).__call__ is RecordStep.__call__


def per_record(step: Step) -> bool:
    """May ``step`` run on batches of the table (see the module doc)?"""
    declared = getattr(step, "per_record", None)
    if isinstance(declared, bool):
        return declared
    return _judges_rows(step)


def batch_part(step: Step) -> Step | None:
    """What of ``step`` runs on batches: the step itself if per-record, a phased step's
    record phase, or None (the step sees the whole table)."""
    if per_record(step):
        return step
    return step.record_phase() if isinstance(step, PhasedStep) else None


def batch_parts(steps: Sequence[Labeled], indices: list[int]) -> list[Step]:
    """What of the steps at ``indices`` (a batched run of :func:`segments`) runs on
    each batch."""
    return [p for i in indices if (p := batch_part(steps[i][1])) is not None]


def segments(steps: Sequence[Labeled]) -> list[tuple[bool, list[int]]]:
    """Consecutive steps grouped into (batched, step indices): a run of steps with a
    batch part goes through a batch in one task, so rows travel to a worker and back
    once. A run ends after a phased step: its finish must see all rows before the next
    step does."""
    out: list[tuple[bool, list[int]]] = []
    open_run = False
    for i, (_, step) in enumerate(steps):
        batched = batch_part(step) is not None
        if open_run and batched:
            out[-1][1].append(i)
        else:
            out.append((batched, [i]))
        open_run = batch_part(step) is step
    return out


def warm(steps: Sequence[Labeled]) -> None:
    """Set up the whole-table steps among ``steps`` (:meth:`Step.warm`): the local
    executor calls this while its workers judge batches (Ray Data runs a pipeline only
    as its results are read, so the Ray executor has no such moment). A failure is left
    for the step to raise where it runs."""
    for _, step in steps:
        if batch_part(step) is None:
            try:
                step.warm()
            except Exception:
                pass


def finished(step: Step, outcome: Outcome) -> Outcome:
    """A batched step's outcome completed: a phased step's finish runs on the merged
    result of its record phase (here, in the driver); other steps are done already."""
    if batch_part(step) is step:
        return outcome
    assert isinstance(step, PhasedStep)
    start = time.perf_counter()
    result = step.finish(outcome.result)
    return Outcome(result, result.kept.height, outcome.seconds + time.perf_counter() - start)


@dataclass(frozen=True)
class StepSpec:
    """A step as its class and recipe parameters: what a worker rebuilds it from
    (steps hold models such as OpenCC converters that do not pickle; rebuilding
    loads them once per worker)."""

    cls: type[Step]
    params: dict[str, Any]

    @classmethod
    def of(cls, step: Step) -> StepSpec:
        return cls(type(step), {f.name: getattr(step, f.name)
                                for f in dataclasses.fields(step) if f.init})  # type: ignore[arg-type]

    def build(self) -> Step:
        return self.cls(**self.params)


@dataclass
class BatchRun:
    """One batch through a run of per-record steps: each step's result with ``kept``
    left empty (only the last kept rows leave the worker), its seconds, and the
    batch's rows after the last step."""

    results: list[StepResult]
    seconds: list[float]
    kept: pl.DataFrame


def run_batch(steps: Sequence[Step], table: pl.DataFrame) -> BatchRun:
    results, seconds = [], []
    rows = None  # the table's conversations, as the last per-record step left them
    with shared_counts():  # the steps count the scripts of the same turns
        for step in steps:
            start = time.perf_counter()
            if _judges_rows(step):
                result, rows = step.judge_rows(table, rows)
            else:
                result, rows = step(table), None
            seconds.append(time.perf_counter() - start)
            table = result.kept
            results.append(dataclasses.replace(result, kept=table.clear()))
    return BatchRun(results, seconds, table)


def map_frames(obj: Any, fn: Callable[[Any], Any], kind: type) -> Any:
    """``obj`` (a BatchRun, StepResult or another dataclass) with ``fn`` applied to every
    field of type ``kind``, a BatchRun's results' too: how frames are packed to leave a
    worker and unpacked where they arrive."""
    if not dataclasses.is_dataclass(obj):
        return obj
    return dataclasses.replace(obj, **{  # type: ignore[type-var]
        f.name: fn(v) if isinstance(v, kind)
        else [map_frames(x, fn, kind) for x in v] if f.name == "results" else v
        for f in dataclasses.fields(obj) for v in [getattr(obj, f.name)]})


def merge_stats(parts: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Per-batch stats as one: numbers add up, nested dicts merge the same way,
    anything else must agree across batches."""
    out: dict[str, Any] = {}
    for part in parts:
        for key, value in part.items():
            if key not in out:
                out[key] = merge_stats([value]) if isinstance(value, dict) else value
            elif isinstance(value, dict) and isinstance(out[key], dict):
                out[key] = merge_stats([out[key], value])
            elif (isinstance(value, int | float) and not isinstance(value, bool)
                  and isinstance(out[key], int | float)):
                out[key] += value
            elif out[key] != value:
                raise InvariantError(f"stat {key!r} differs between batches: "
                                     f"{out[key]!r} != {value!r}")
    return dict(sorted(out.items()))


def merge_results(parts: Sequence[StepResult], kept: pl.DataFrame) -> StepResult:
    """Batch results of one step as one: every DataFrame field concatenated in batch
    order (kept, removed and whatever else a StepResult carries), numbers summed,
    stats merged."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(StepResult):
        items = [getattr(p, f.name) for p in parts]
        if f.name == "kept":
            values[f.name] = kept
        elif all(isinstance(v, pl.DataFrame) for v in items):
            values[f.name] = pl.concat(items, how="vertical_relaxed")
        elif f.name == "stats":
            values[f.name] = merge_stats(items)
        elif all(isinstance(v, int | float) and not isinstance(v, bool) for v in items):
            values[f.name] = sum(items)
        elif all(v is None for v in items):
            values[f.name] = None
        else:
            raise InvariantError(f"cannot merge StepResult.{f.name} across batches")
    return StepResult(**values)


@dataclass
class Outcome:
    """One step's result as the pipeline sees it. Inside a run of per-record steps
    only the last carries the kept rows; ``rows_out`` counts them for every step."""

    result: StepResult
    rows_out: int
    seconds: float


def merge_batches(runs: Sequence[BatchRun], wall: float) -> list[Outcome]:
    """Outcomes of a run of steps from its batches (in table order). A step's seconds
    are the run's wall time split in proportion to the workers' time in each step."""
    n = len(runs[0].results)
    kept = pl.concat([r.kept for r in runs])
    busy = [sum(r.seconds[k] for r in runs) for k in range(n)]
    total = sum(busy) or 1.0
    merged = [merge_results([r.results[k] for r in runs], kept if k == n - 1 else kept.clear())
              for k in range(n)]
    out, rows_out = [], kept.height  # rows after step k: the final rows + later removals
    for k in reversed(range(n)):
        out.append(Outcome(merged[k], rows_out, wall * busy[k] / total))
        rows_out += merged[k].removed.height
    return out[::-1]


WholeRunner = Callable[[Step, pl.DataFrame], StepResult]
BatchRunner = Callable[[pl.DataFrame, list[int]], list[BatchRun]]


def run_segments(table: pl.DataFrame, steps: Sequence[Labeled], whole: WholeRunner,
                 batches: BatchRunner | None) -> Iterator[Outcome]:
    """The loop every executor shares: each run of batched steps goes through
    ``batches`` (the table and the runs' step indices -> one BatchRun per batch, in
    table order) and its last step is finished here; every other step, or all of them
    when ``batches`` is None, goes through ``whole`` on the whole table."""
    for batched, indices in segments(steps):
        if not batched or batches is None or table.height < 2:
            for i in indices:
                start = time.perf_counter()
                result = whole(steps[i][1], table)
                table = result.kept
                yield Outcome(result, table.height, time.perf_counter() - start)
            continue
        start = time.perf_counter()
        outcomes = merge_batches(batches(table, indices), time.perf_counter() - start)
        outcomes[-1] = finished(steps[indices[-1]][1], outcomes[-1])
        table = outcomes[-1].result.kept
        yield from outcomes


class Executor(Protocol):
    """Runs steps over a table, and a function over items on the cores that can read
    the input files (loading sources in parts), now (``map``) or when the workers have
    nothing else to do (``defer``: call what it returns for the results); ``close``
    releases workers (also on ``with`` exit)."""

    workers: int

    def run(self, table: pl.DataFrame, steps: Sequence[Labeled]) -> Iterator[Outcome]: ...

    def map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]: ...

    def defer(self, fn: Callable[[Any], Any], items: Sequence[Any]
              ) -> Callable[[], list[Any]]: ...

    def close(self) -> None: ...


BATCH_BYTES = 64 << 20  # a batch's weight at most: a worker's memory stays flat as corpora grow
# What a record costs beside its text, in bytes of text: its Python objects (a dict per
# turn) and the per-record work of every step. Fitted on the 176K bench mix's batches
# (bench/build.py --workers 2): a batch of 73K Alpaca records took twice as long as one
# of 11K chats with as many bytes; per record 50-80 us against 0.04-0.1 us per byte.
RECORD_BYTES = 1000


def even_cuts(weights: np.ndarray, n: int) -> np.ndarray:
    """Row indices ``[0, ..., len(weights)]`` that cut rows of these weights (bytes) into
    about ``n`` contiguous runs of equal weight, or into a multiple of ``n`` runs when
    that keeps each under BATCH_BYTES (so ``n`` workers still finish together). Sums are
    int64: the UTF-8 lengths of a million chat records pass what uint32 holds."""
    if not len(weights):
        return np.zeros(1, dtype=np.int64)
    total = np.cumsum(weights, dtype=np.int64)
    n = max(1, n)
    n = min(len(weights), n * max(1, -(-int(total[-1]) // (BATCH_BYTES * n))))
    inner = np.searchsorted(total, total[-1] * np.arange(1, n) / n, side="right")
    return np.unique(np.concatenate([[0], inner, [len(weights)]]))


def balanced_slices(table: pl.DataFrame, n: int) -> list[tuple[int, int]]:
    """``n`` or more contiguous (offset, length) slices of about equal cost each: their
    text's bytes plus RECORD_BYTES a record (see :func:`even_cuts`). Chat records are
    ten times longer than Alpaca ones, so equal row counts would leave one worker with
    most of the work, and equal bytes the one with the Alpaca records."""
    if table.height == 0:
        return []
    cost = table.select(pl.col("messages").list.eval(
        pl.element().struct.field("content").str.len_bytes()).list.sum().fill_null(0)
        + RECORD_BYTES)["messages"].to_numpy()
    cuts = even_cuts(cost, n).tolist()
    return [(a, b - a) for a, b in itertools.pairwise(cuts)]
