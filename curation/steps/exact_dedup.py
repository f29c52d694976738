"""Exact duplicates after normalization: one survivor per identical key.

The step is two pure parts that an executor may run apart: :meth:`ExactDedup.keys`
(a record's key hash depends on that record only, so it runs on any batch) and
:meth:`ExactDedup.from_groups` (the keep policy over the groups of the whole table).
In one process, :meth:`ExactDedup.groups` labels the rows by the key texts themselves,
in polars, instead of hashing them in Python."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
import polars as pl
import xxhash

from curation.steps import Step, StepResult, register
from curation.steps.base import removed_rows
from curation.steps.dedup_keys import (
    check_dedup_params,
    dedup_expr,
    dedup_texts,
    in_scope,
    scope_expr,
)
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

    def keys(self, table: pl.DataFrame) -> list[str | None]:
        """Each row's key hash (128-bit hex), or None for rows out of scope."""
        return [xxhash.xxh3_128_hexdigest(t.encode("utf-8")) if use else None
                for t, use in zip(dedup_texts(table, self.key, exact=True),
                                  in_scope(table, self.scope), strict=True)]

    def groups(self, table: pl.DataFrame) -> np.ndarray:
        """A group label per row: rows with the same key text share one (the texts
        themselves compared in polars, which is what equal key hashes stand for);
        each row out of scope is a group of its own."""
        same = dedup_expr(table, self.key, exact=True).rank("dense").cast(pl.Int64)
        labels = table.select(pl.when(scope_expr(self.scope)).then(same).otherwise(
            -1 - pl.int_range(pl.len(), dtype=pl.Int64)).alias("g"))["g"]
        return labels.to_numpy()

    def __call__(self, table: pl.DataFrame) -> StepResult:
        return self.from_groups(table, self.groups(table))

    def from_groups(self, table: pl.DataFrame, groups: Sequence[object] | np.ndarray,
                    ) -> StepResult:
        """The result from a group label per row (rows with equal labels are duplicates;
        the labels' values do not matter, only which rows share one)."""
        kept, dups = self._policy.split(table, groups)
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
