"""The step interface: a table in, kept rows + removed rows (with reasons) + stats out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, ClassVar

import polars as pl
from tqdm import tqdm

from curation.schema import REMOVED_SCHEMA, Conversation, conversations, messages_series


@dataclass(frozen=True)
class StepResult:
    """What a step returns. ``removed`` has the schema's columns plus ``reason``,
    ``detail`` and ``duplicate_of``; the pipeline adds the ``step`` name."""

    kept: pl.DataFrame
    removed: pl.DataFrame
    changed: int
    stats: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Drop:
    """A per-record verdict: remove it, for this reason (a short code) and detail."""

    reason: str
    detail: str = ""


def removed_rows(table: pl.DataFrame, reasons: list[str], details: list[str],
                 duplicate_of: list[str | None] | None = None) -> pl.DataFrame:
    """Annotate the rows of ``table`` (already filtered to the removed ones)."""
    n = table.height
    return table.with_columns(
        pl.Series("step", [None] * n, dtype=pl.String),
        pl.Series("reason", reasons, dtype=pl.String),
        pl.Series("detail", details, dtype=pl.String),
        pl.Series("duplicate_of", duplicate_of or [None] * n, dtype=pl.String),
    ).select(list(REMOVED_SCHEMA))


class Step:
    """Base class: subclasses are dataclasses whose fields are the recipe parameters."""

    name: ClassVar[str]

    def __call__(self, table: pl.DataFrame) -> StepResult:
        raise NotImplementedError

    def preflight(self) -> None:
        """Fail before any data is loaded if the step cannot run (missing files)."""

    def for_sample(self) -> Step:
        """This step as it should run on the embedded sample (e.g. against shipped
        fixtures instead of downloaded files); most steps run unchanged."""
        return self


class RecordStep(Step):
    """A step that judges or rewrites each conversation on its own.

    Subclasses implement :meth:`process`; rows keep their ``id`` (the content
    hash taken at load time) so a record can be followed across versions.
    """

    def process(self, conv: Conversation, stats: Counter[str]) -> Conversation | Drop:
        raise NotImplementedError

    def __call__(self, table: pl.DataFrame) -> StepResult:
        stats: Counter[str] = Counter()
        keep = []
        source_row: list[int] = []  # per kept row: its table row, or n + k for the k-th change
        new_systems: list[str | None] = []
        new_messages: list[list[dict[str, str]]] = []
        reasons: list[str] = []
        details: list[str] = []
        rows = conversations(table)
        for i, conv in enumerate(tqdm(rows, desc=self.name, unit="rec", leave=False,
                                      disable=None)):
            verdict = self.process(conv, stats)
            if isinstance(verdict, Drop):
                keep.append(False)
                reasons.append(verdict.reason)
                details.append(verdict.detail)
                continue
            keep.append(True)
            if verdict == conv:
                source_row.append(i)
                continue
            source_row.append(table.height + len(new_messages))
            new_systems.append(verdict["system"])
            new_messages.append(list(verdict["messages"]))
        mask = pl.Series(keep, dtype=pl.Boolean)
        kept = table.filter(mask)
        if new_messages:
            # Only changed rows go back through Python -> Arrow: the rest are gathered from
            # the input columns as they are (most steps change a few percent of rows).
            order = pl.Series(source_row, dtype=pl.Int64)
            kept = kept.with_columns(
                pl.concat([table["system"], pl.Series("system", new_systems, dtype=pl.String)])
                .gather(order),
                pl.concat([table["messages"], messages_series(new_messages)]).gather(order),
            )
        removed = removed_rows(table.filter(~mask), reasons, details)
        stats.update(f"removed:{r}" for r in reasons)
        return StepResult(kept, removed, len(new_messages), dict(sorted(stats.items())))
