"""Which record of a duplicate group survives: one rule for exact and near dedup.

Rank by the recipe's source priority, then (optionally) the longer answer,
then provenance. Every key is a property of the record, never its position in
the table, so the survivor does not depend on input order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import polars as pl


@dataclass
class KeepPolicy:
    source_priority: list[str] = field(default_factory=list)
    # "longer": longer answers first; "first": provenance only (source name, then row).
    prefer: str = "longer"

    def __post_init__(self) -> None:
        if self.prefer not in ("longer", "first"):
            raise ValueError(f"prefer must be 'longer' or 'first', not {self.prefer!r}")

    def ranks(self, table: pl.DataFrame) -> np.ndarray:
        """Each row's rank: 0 is the best record."""
        priority = {name: i for i, name in enumerate(self.source_priority)}
        keys = [pl.col("source").replace_strict(priority, default=len(priority),
                                                return_dtype=pl.Int64)]
        if self.prefer == "longer":
            answer_chars = (pl.col("messages").list.eval(
                pl.when(pl.element().struct.field("role") == "assistant")
                .then(pl.element().struct.field("content").str.len_chars()).otherwise(0)
            ).list.sum())
            keys.append(-answer_chars.cast(pl.Int64))
        keys += [pl.col("source"), pl.col("source_index"), pl.col("id")]
        order = table.select(pl.arg_sort_by(keys).alias("i"))["i"].to_numpy()
        rank = np.empty(table.height, dtype=np.int64)
        rank[order] = np.arange(table.height)
        return rank

    def split(self, table: pl.DataFrame, groups: Sequence[object] | np.ndarray,
              ) -> tuple[pl.DataFrame, pl.DataFrame]:
        """Keep the best record of each group (rows with equal labels in ``groups``).
        Returns (kept, duplicates), each in table order; the duplicates carry
        ``_survivor`` (the kept id) and ``_size`` (group size)."""
        rank = self.ranks(table)
        _, group = np.unique(np.asarray(groups), return_inverse=True)
        group = group.reshape(-1)
        best = np.full(int(group.max(initial=-1)) + 1, table.height, dtype=np.int64)
        np.minimum.at(best, group, rank)
        is_dup = rank != best[group]
        row_of_rank = np.empty(table.height, dtype=np.int64)
        row_of_rank[rank] = np.arange(table.height)
        sizes = np.bincount(group, minlength=len(best))
        dup = pl.Series(is_dup)
        dups = table.filter(dup).with_columns(
            table["id"].gather(row_of_rank[best[group[is_dup]]]).alias("_survivor"),
            pl.Series("_size", sizes[group[is_dup]], dtype=pl.UInt32))
        return table.filter(~dup), dups


def duplicate_stats(dups: pl.DataFrame, kept: pl.DataFrame) -> dict[str, object]:
    """Cluster sizes and the source-overlap matrix: how many records of source A
    were dropped as duplicates of a record kept from source B."""
    if dups.is_empty():
        return {"cluster_sizes": {}, "source_overlap": {}}
    survivors = kept.select(pl.col("id").alias("_survivor"),
                            pl.col("source").alias("_survivor_source")).unique("_survivor")
    joined = dups.join(survivors, on="_survivor", how="left")
    overlap: dict[str, dict[str, int]] = {}
    for a, b, n in (joined.group_by("source", "_survivor_source").len()
                    .sort("source", "_survivor_source").iter_rows()):
        overlap.setdefault(a, {})[b] = n
    sizes = dups.group_by("_survivor").agg(pl.col("_size").first())["_size"]
    hist = {str(k): int(v) for k, v in
            sorted(sizes.value_counts().iter_rows(), key=lambda kv: kv[0])}
    return {"cluster_sizes": hist, "source_overlap": overlap}
