"""The one conversation table every source is turned into.

Columns: ``id`` (content hash, stable across versions), ``source`` (recipe name),
``source_index`` (row in the source file, for provenance), ``system`` (optional
system prompt) and ``messages`` (list of ``{role, content}``).
"""

from __future__ import annotations

import json
from typing import TypedDict

import polars as pl
import pyarrow as pa
import xxhash

ROLES = ("user", "assistant")

MESSAGE = pl.Struct({"role": pl.String, "content": pl.String})
SCHEMA: dict[str, pl.DataType] = {
    "id": pl.String(),
    "source": pl.String(),
    "source_index": pl.Int64(),
    "system": pl.String(),
    "messages": pl.List(MESSAGE),
}
# removed.parquet: the record as the step saw it, plus why it went.
REMOVED_SCHEMA: dict[str, pl.DataType] = {
    **SCHEMA,
    "step": pl.String(),
    "reason": pl.String(),
    "detail": pl.String(),
    "duplicate_of": pl.String(),
}
# trimmed.parquet: a kept record that lost its last exchanges, and what they were.
TRIMMED_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.String(),
    "source": pl.String(),
    "source_index": pl.Int64(),
    "step": pl.String(),
    "reason": pl.String(),
    "detail": pl.String(),
    "cut": pl.List(MESSAGE),
}
# signals.parquet: what a judging step measured on a record (kept or removed), as JSON.
SIGNALS_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.String(),
    "source": pl.String(),
    "source_index": pl.Int64(),
    "step": pl.String(),
    "signals": pl.String(),
}


class Message(TypedDict):
    role: str
    content: str


class Conversation(TypedDict):
    system: str | None
    messages: list[Message]


def content_key(system: str | None, messages: list[Message]) -> str:
    """Canonical text of a conversation; what ids and exact dedup hash."""
    return json.dumps([system or "", [[m["role"], m["content"]] for m in messages]],
                      ensure_ascii=False, separators=(",", ":"))


def content_id(system: str | None, messages: list[Message]) -> str:
    """128-bit hash of the content: equal content, equal id, in every version."""
    return xxhash.xxh3_128_hexdigest(content_key(system, messages).encode("utf-8"))


ARROW_MESSAGES = pa.list_(pa.struct([("role", pa.string()), ("content", pa.string())]))


def messages_series(values: list[list[Message]] | list[list[dict[str, str]]]) -> pl.Series:
    """A ``messages`` column from Python lists (via Arrow: ~2x faster than polars')."""
    return pl.Series("messages", pa.array(values, type=ARROW_MESSAGES))


def empty_table() -> pl.DataFrame:
    return pl.DataFrame(schema=SCHEMA)


def empty_removed() -> pl.DataFrame:
    return pl.DataFrame(schema=REMOVED_SCHEMA)


def empty_trimmed() -> pl.DataFrame:
    return pl.DataFrame(schema=TRIMMED_SCHEMA)


def empty_signals() -> pl.DataFrame:
    return pl.DataFrame(schema=SIGNALS_SCHEMA)


def conversations(table: pl.DataFrame) -> list[Conversation]:
    """The table's conversations as plain Python objects, for per-record steps."""
    return [
        {"system": system, "messages": messages}
        for system, messages in zip(
            table["system"].to_list(), table["messages"].to_list(), strict=True
        )
    ]
