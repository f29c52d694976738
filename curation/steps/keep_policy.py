"""Which record of a duplicate group survives: one rule for exact and near dedup.

Rank by the recipe's source priority, then (optionally) the longer answer,
then provenance. Every key is a property of the record, never its position in
the table, so the survivor does not depend on input order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

RANK = "_keep_rank"


@dataclass
class KeepPolicy:
    source_priority: list[str] = field(default_factory=list)
    # "longer": longer answers first; "first": provenance only (source name, then row).
    prefer: str = "longer"

    def __post_init__(self) -> None:
        if self.prefer not in ("longer", "first"):
            raise ValueError(f"prefer must be 'longer' or 'first', not {self.prefer!r}")

    def ranked(self, table: pl.DataFrame) -> pl.DataFrame:
        """``table`` plus an integer column ``_keep_rank``: 0 is the best record."""
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
        return table.with_columns(pl.Series(RANK, rank))

    def split(self, table: pl.DataFrame, groups: list[object]) -> tuple[pl.DataFrame,
                                                                      pl.DataFrame]:
        """Keep the best record of each group. Returns (kept, duplicates); the
        duplicates carry ``_survivor`` (the kept id) and ``_size`` (group size)."""
        ranked = self.ranked(table).with_columns(pl.Series("_group", groups))
        best = (ranked.sort(RANK).group_by("_group", maintain_order=True)
                .agg(pl.col("id").first().alias("_survivor"),
                     pl.col(RANK).first().alias("_best"), pl.len().alias("_size")))
        ranked = ranked.join(best, on="_group", how="left", maintain_order="left")
        is_dup = pl.col(RANK) != pl.col("_best")
        kept = ranked.filter(~is_dup).select(table.columns)
        dups = ranked.filter(is_dup).select([*table.columns, "_survivor", "_size"])
        return kept, dups


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
