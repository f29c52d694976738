"""The one conversation table every source is turned into.

Columns: ``id`` (content hash, stable across versions), ``source`` (recipe name),
``source_index`` (row in the source file, for provenance), ``system`` (optional
system prompt), ``tools`` (optional JSON text: the functions a tool-calling
conversation may call, LLaMA-Factory's ``tools`` column) and ``messages`` (list of
``{role, content}``).

Roles follow LLaMA-Factory's sharegpt layout: ``user`` and ``assistant``, plus
``function_call`` (the model's call, JSON ``{"name", "arguments"}``) and
``observation`` (the tool's result). Model-side turns (assistant, function_call)
alternate with user-side turns (user, observation).
"""

from __future__ import annotations

import itertools
import json
from typing import TypedDict

import numpy as np
import polars as pl
import pyarrow as pa
import xxhash

ROLES = ("user", "assistant")
TOOL_ROLES = ("function_call", "observation")
MESSAGE_ROLES = (*ROLES, *TOOL_ROLES)
# Roles whose content is prose that text steps judge and rewrite; tool turns carry
# JSON payloads that no step may judge or convert.
TEXT_ROLES = frozenset({"user", "assistant", "system"})
USER_SIDE = frozenset({"user", "observation"})
MODEL_SIDE = frozenset({"assistant", "function_call"})

MESSAGE = pl.Struct({"role": pl.String, "content": pl.String})
SCHEMA: dict[str, pl.DataType] = {
    "id": pl.String(),
    "source": pl.String(),
    "source_index": pl.Int64(),
    "system": pl.String(),
    "tools": pl.String(),
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


def content_key(system: str | None, messages: list[Message], tools: str | None = None) -> str:
    """Canonical text of a conversation; what ids hash. ``tools`` is
    appended only when present, so records without tools keep the ids they always had."""
    key: list[object] = [system or "", [[m["role"], m["content"]] for m in messages]]
    if tools:
        key.append(tools)
    return json.dumps(key, ensure_ascii=False, separators=(",", ":"))


def json_string(text: pl.Expr) -> pl.Expr:
    """``text`` as ``json.dumps(text, ensure_ascii=False)`` writes it: polars' JSON
    writer escapes the same characters the same way (checked for every code point)."""
    return pl.struct(text.alias("s")).struct.json_encode().str.slice(5).str.head(-1)


def content_keys(system: pl.Expr, messages: pl.Expr, tools: pl.Expr | None = None) -> pl.Expr:
    """:func:`content_key` of every row, in polars: the same text (~2x faster than
    ``json.dumps`` per row); ``tools`` joins the key where it is not empty."""
    turn = pl.concat_str(pl.lit("["), json_string(pl.element().struct.field("role")),
                         pl.lit(","), json_string(pl.element().struct.field("content")),
                         pl.lit("]"))
    parts = [pl.lit("["), json_string(system.fill_null("")), pl.lit(",["),
             messages.list.eval(turn).list.join(","), pl.lit("]")]
    if tools is not None:
        parts.append(pl.when(tools.fill_null("") != "").then(
            pl.concat_str(pl.lit(","), json_string(tools))).otherwise(pl.lit("")))
    return pl.concat_str(*parts, pl.lit("]"))


def row_bytes(text: pl.Series) -> tuple[memoryview, list[int]]:
    """A string column's UTF-8 bytes back to back, and where each row starts (and the
    last ends): rows to hash without a Python string each."""
    array = text.to_arrow().cast(pa.large_string())
    _, offsets, data = array.buffers()
    at = np.frombuffer(offsets, dtype=np.int64)[array.offset:array.offset + len(array) + 1]
    return memoryview(data if data is not None else b""), at.tolist()


def content_ids(table: pl.DataFrame) -> pl.Series:
    """:func:`content_id` of every row of a table (tools included)."""
    tools = pl.col("tools") if "tools" in table.columns else None
    data, at = row_bytes(table.select(content_keys(pl.col("system"), pl.col("messages"),
                                                   tools)).to_series())
    return pl.Series("id", [xxhash.xxh3_128_hexdigest(data[a:b])
                            for a, b in itertools.pairwise(at)], dtype=pl.String)


def content_id(system: str | None, messages: list[Message], tools: str | None = None) -> str:
    """128-bit hash of the content: equal content, equal id, in every version."""
    return xxhash.xxh3_128_hexdigest(content_key(system, messages, tools).encode("utf-8"))


def has_tool_turns(messages: list[Message]) -> bool:
    return any(m["role"] in TOOL_ROLES for m in messages)


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


def turn_order_problem(messages: list[Message]) -> str | None:
    """Why the turns are not a trainable chat, or None: LLaMA-Factory's sharegpt rule
    (user-side and model-side turns alternate, user first), every function_call
    answered by an observation and every observation answering one, assistant last."""
    if not messages:
        return "no turns"
    for i, m in enumerate(messages):
        side = USER_SIDE if i % 2 == 0 else MODEL_SIDE
        if m["role"] not in side:
            return f"turn {i} is {m['role']}, expected {' or '.join(sorted(side))}"
        if m["role"] == "observation" and messages[i - 1]["role"] != "function_call":
            return f"turn {i}: an observation must follow a function_call"
        if m["role"] == "function_call" and (
                i + 1 == len(messages) or messages[i + 1]["role"] != "observation"):
            return f"turn {i}: a function_call must be followed by its observation"
    if messages[-1]["role"] != "assistant":
        return f"last turn is {messages[-1]['role']}, expected assistant"
    return None
