"""Exact duplicates after normalization: one survivor per identical key."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import polars as pl
import xxhash

from curation.steps import Step, StepResult, register
from curation.steps.base import removed_rows
from curation.steps.dedup_keys import check_dedup_params, dedup_texts, in_scope
from curation.steps.keep_policy import KeepPolicy, duplicate_stats


@register
@dataclass
class ExactDedup(Step):
    name: ClassVar[str] = "exact_dedup"
    key: str = "conversation"
    scope: str = "all"
    source_priority: list[str] = field(default_factory=list)
    prefer: str = "longer"

    def __post_init__(self) -> None:
        check_dedup_params(self.name, self.key, self.scope)
        self._policy = KeepPolicy(self.source_priority, self.prefer)

    def __call__(self, table: pl.DataFrame) -> StepResult:
        texts = dedup_texts(table, self.key, exact=True)
        hashes = [xxhash.xxh3_128_hexdigest(t.encode("utf-8")) if use else f"row {i}"
                  for i, (t, use) in enumerate(zip(texts, in_scope(table, self.scope),
                                                   strict=True))]
        kept, dups = self._policy.split(table, hashes)
        removed = removed_rows(
            dups.select(table.columns),
            ["exact_duplicate"] * dups.height,
            [f"same {self.key} as {s} (group of {n})"
             for s, n in zip(dups["_survivor"], dups["_size"], strict=True)],
            dups["_survivor"].to_list(),
        )
        return StepResult(kept, removed, 0, {"clusters": dups["_survivor"].n_unique(),
                                             "removed:exact_duplicate": dups.height,
                                             **duplicate_stats(dups, kept)})
