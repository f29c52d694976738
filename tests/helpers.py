"""Small builders for hand-made conversation tables."""

from __future__ import annotations

import polars as pl

from curation.schema import SCHEMA, content_id


def chat(*turns: str, system: str | None = None) -> dict:
    """chat("q", "a", "q2", "a2") -> a conversation alternating user/assistant."""
    roles = ("user", "assistant")
    return {"system": system,
            "messages": [{"role": roles[i % 2], "content": t} for i, t in enumerate(turns)]}


def table(*convs: dict, source: str = "s", sources: list[str] | None = None) -> pl.DataFrame:
    rows = []
    for i, c in enumerate(convs):
        rows.append({
            "id": content_id(c["system"], c["messages"]),
            "source": sources[i] if sources else source,
            "source_index": i,
            "system": c["system"],
            "messages": c["messages"],
        })
    return pl.DataFrame(rows, schema=SCHEMA)


def contents(df: pl.DataFrame) -> list[list[str]]:
    return [[m["content"] for m in msgs] for msgs in df["messages"].to_list()]
