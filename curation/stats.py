"""Descriptive statistics of a conversation table, for the data card and manifest."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import polars as pl

from curation.langid import detect


def _summary(values: pl.Series) -> dict[str, float]:
    """Counts of characters or turns: the quantiles ("nearest") and max are integers."""
    if values.is_empty():
        return {"count": 0}
    return {
        "count": values.len(),
        "mean": round(float(values.mean()), 1),  # type: ignore[arg-type]
        "p50": int(values.quantile(0.5, "nearest")),  # type: ignore[arg-type]
        "p95": int(values.quantile(0.95, "nearest")),  # type: ignore[arg-type]
        "max": int(values.max()),  # type: ignore[arg-type]
    }


def _turns(table: pl.DataFrame) -> pl.DataFrame:
    flat = table.select(pl.col("messages")).explode("messages").unnest("messages")
    return flat.drop_nulls("role")


PART_TEXTS = 10_000  # texts per chunk at least: fewer are detected here (~0.1 s), where
# sending them to workers could mean starting a pool for nothing (a build without
# per-record steps, the embedded sample)
Mapper = Callable[[Callable[[Any], Any], Sequence[Any]], list[Any]]
Deferrer = Callable[[Callable[[Any], Any], Sequence[Any]], Callable[[], list[Any]]]


def _languages(texts: list[str]) -> list[str]:
    return [detect(t) for t in texts]


def language_mix(table: pl.DataFrame, sample: int, mapper: Mapper | None = None,
                 parts: int = 1) -> tuple[dict[str, dict[str, int]], int]:
    """Languages of the turns of at most ``sample`` conversations: the ones with
    the smallest ids, so the sample is the same whatever the row order. ``mapper``
    (an executor's ``map``) detects them in up to ``parts`` chunks of PART_TEXTS or more."""
    return language_mix_later(table, sample, now(mapper or _map_here), parts)()


def language_mix_later(table: pl.DataFrame, sample: int, defer: Deferrer, parts: int = 1,
                       ) -> Callable[[], tuple[dict[str, dict[str, int]], int]]:
    """:func:`language_mix`, the detection handed to ``defer`` (an executor's ``defer``:
    it runs when the workers have nothing else to do); call the result for the mix."""
    if table.height > sample:  # (rows of one id have one content: ties change nothing)
        table = table.select("messages")[table["id"].arg_sort().head(sample)]
    flat = _turns(table).filter(pl.col("role").is_in(["user", "assistant"]))  # tool turns
    roles, texts = flat["role"].to_list(), flat["content"].to_list()  # are JSON, no language
    parts = max(1, min(parts, len(texts) // PART_TEXTS))  # a small sample: one chunk, here
    chunks = [texts[len(texts) * k // parts:len(texts) * (k + 1) // parts] for k in range(parts)]
    detected, conversations = defer(_languages, chunks), table.height

    def mix() -> tuple[dict[str, dict[str, int]], int]:
        found = [lang for chunk in detected() for lang in chunk]
        langs: dict[str, Counter[str]] = {"user": Counter(), "assistant": Counter()}
        for role, lang in zip(roles, found, strict=True):
            langs[role][lang] += 1
        return {role: dict(c.most_common()) for role, c in langs.items()}, conversations

    return mix


def now(mapper: Mapper) -> Deferrer:
    """A ``defer`` that maps at once (for callers that want the results now)."""
    def defer(fn: Callable[[Any], Any], items: Sequence[Any]) -> Callable[[], list[Any]]:
        done = mapper(fn, items)
        return lambda: done
    return defer


def _map_here(fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
    return [fn(x) for x in items]


def table_stats(table: pl.DataFrame, language_sample: int = 20_000,
                mapper: Mapper | None = None, parts: int = 1) -> dict[str, Any]:
    """Turns per conversation, characters per turn by role, language mix of turns
    (on a sample: language ID of every turn would cost as much as the step)."""
    return table_stats_later(table, now(mapper or _map_here), parts, language_sample)()


def table_stats_later(table: pl.DataFrame, defer: Deferrer, parts: int = 1,
                      language_sample: int = 20_000) -> Callable[[], dict[str, Any]]:
    """:func:`table_stats`, its language detection handed to ``defer`` (see
    :func:`language_mix_later`); call the result for the stats."""
    turns = table.select(pl.col("messages").list.len().alias("n"))["n"]
    flat = _turns(table).with_columns(pl.col("content").str.len_chars().alias("chars"))
    mix = language_mix_later(table, language_sample, defer, parts)
    stats: dict[str, Any] = {
        "conversations": table.height,
        "turns_per_conversation": _summary(turns),
        "chars": {role: _summary(flat.filter(pl.col("role") == role)["chars"])
                  for role in ("user", "assistant")},
        "languages": None, "language_sample": None,  # filled in when asked for
        "per_source": {
            str(k): int(v) for k, v in
            table.group_by("source").len().sort("source").iter_rows()
        },
    }

    def result() -> dict[str, Any]:
        stats["languages"], stats["language_sample"] = mix()
        return stats

    return result
