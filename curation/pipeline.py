"""Run a recipe's steps over the table, collecting removals and per-step reports."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

import polars as pl

from curation.errors import InvariantError
from curation.executors import Executor, LocalExecutor
from curation.progress import phase
from curation.schema import (
    REMOVED_SCHEMA,
    SIGNALS_SCHEMA,
    TRIMMED_SCHEMA,
    empty_removed,
    empty_signals,
    empty_trimmed,
)
from curation.steps import Step


@dataclass
class StepReport:
    name: str  # the recipe's label for the step
    step: str  # the registered step it runs
    params: dict[str, Any]
    rows_in: int
    rows_out: int
    removed: int
    changed: int
    seconds: float
    stats: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class PipelineResult:
    kept: pl.DataFrame
    removed: pl.DataFrame
    reports: list[StepReport]
    trimmed: pl.DataFrame = field(default_factory=empty_trimmed)
    signals: pl.DataFrame = field(default_factory=empty_signals)


def step_params(step: Step) -> dict[str, Any]:
    return {f.name: getattr(step, f.name) for f in fields(step) if f.init}  # type: ignore[arg-type]


class Handover:
    """A table given to :func:`run` to own: run lets go of it once the first steps'
    output stands in its place, where the caller's reference would keep a whole
    input's worth of memory to the end of the build."""

    def __init__(self, table: pl.DataFrame) -> None:
        self._table: pl.DataFrame | None = table

    def take(self) -> pl.DataFrame:
        table, self._table = self._table, None
        if table is None:
            raise InvariantError("the handed-over table was taken already")
        return table


def run(table: pl.DataFrame | Handover, steps: list[tuple[str, Step]],
        executor: Executor | None = None) -> PipelineResult:
    """Apply (label, step) pairs in order; each sees the previous one's kept rows.
    ``executor`` says where they run (default: this process)."""
    removed = [empty_removed()]
    trimmed = [empty_trimmed()]
    signals = [empty_signals()]
    reports = []
    table = table.take() if isinstance(table, Handover) else table
    rows_in = table.height
    outcomes = (executor or LocalExecutor(1)).run(table, steps)
    for n, (label, step) in enumerate(steps, 1):
        with phase(f"step {n}/{len(steps)} {label}") as ph:
            outcome = next(outcomes)
            result = outcome.result
            ph.summary = (f"{rows_in} -> {outcome.rows_out} "
                          f"({result.removed.height} removed, {result.changed} changed)")
        if outcome.rows_out + result.removed.height != rows_in:
            raise InvariantError(
                f"step {label}: {rows_in} rows in, {outcome.rows_out} kept + "
                f"{result.removed.height} removed")
        removed.append(result.removed.with_columns(pl.lit(label).alias("step"))
                       .select(list(REMOVED_SCHEMA)))
        trimmed.append(result.trimmed.with_columns(pl.lit(label).alias("step"))
                       .select(list(TRIMMED_SCHEMA)))
        signals.append(result.signals.with_columns(pl.lit(label).alias("step"))
                       .select(list(SIGNALS_SCHEMA)))
        reports.append(StepReport(label, step.name, step_params(step), rows_in,
                                  outcome.rows_out,
                                  result.removed.height, result.changed,
                                  round(outcome.seconds, 3), result.stats))
        rows_in = outcome.rows_out
        table = result.kept
    out = PipelineResult(table, pl.concat(removed), reports, pl.concat(trimmed),
                         pl.concat(signals))
    accounted = pl.concat([out.kept["id"], out.removed["id"]]).implode()
    if out.trimmed.height and not out.trimmed["id"].is_in(accounted).all():
        raise InvariantError("a trimmed record is neither kept nor removed")
    return out
