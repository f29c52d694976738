"""Run a recipe's steps over the table, collecting removals and per-step reports."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field, fields
from typing import Any

import polars as pl

from curation.errors import InvariantError
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


def run(table: pl.DataFrame, steps: list[tuple[str, Step]]) -> PipelineResult:
    """Apply (label, step) pairs in order; each sees the previous one's kept rows."""
    removed = [empty_removed()]
    trimmed = [empty_trimmed()]
    signals = [empty_signals()]
    reports = []
    for n, (label, step) in enumerate(steps, 1):
        with phase(f"step {n}/{len(steps)} {label}") as ph:
            start = time.perf_counter()
            result = step(table)
            seconds = time.perf_counter() - start
            ph.summary = (f"{table.height} -> {result.kept.height} "
                          f"({result.removed.height} removed, {result.changed} changed)")
        if result.kept.height + result.removed.height != table.height:
            raise InvariantError(
                f"step {label}: {table.height} rows in, {result.kept.height} kept + "
                f"{result.removed.height} removed")
        if result.trimmed.height and not result.trimmed["id"].is_in(
                result.kept["id"].implode()).all():
            raise InvariantError(f"step {label}: a trimmed record is not among the kept ones")
        removed.append(result.removed.with_columns(pl.lit(label).alias("step"))
                       .select(list(REMOVED_SCHEMA)))
        trimmed.append(result.trimmed.with_columns(pl.lit(label).alias("step"))
                       .select(list(TRIMMED_SCHEMA)))
        signals.append(result.signals.with_columns(pl.lit(label).alias("step"))
                       .select(list(SIGNALS_SCHEMA)))
        reports.append(StepReport(label, step.name, step_params(step), table.height,
                                  result.kept.height,
                                  result.removed.height, result.changed, round(seconds, 3),
                                  result.stats))
        table = result.kept
    return PipelineResult(table, pl.concat(removed), reports, pl.concat(trimmed),
                          pl.concat(signals))
