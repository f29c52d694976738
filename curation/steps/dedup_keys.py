"""What the dedup steps compare: the key text of each record and which records take part."""

from __future__ import annotations

import polars as pl

from curation.errors import RecipeError
from curation.schema import content_key

KEYS = ("conversation", "first_prompt")
SCOPES = ("all", "single_turn")


def in_scope(table: pl.DataFrame, scope: str) -> list[bool]:
    """Which rows take part. Prompt-level dedup of multi-turn chats would drop a
    whole conversation for sharing an opening line ("你好"), so it can be limited
    to single-turn records."""
    if scope == "all":
        return [True] * table.height
    return (table["messages"].list.len() == 2).to_list()


def check_dedup_params(step: str, key: str, scope: str) -> None:
    if key not in KEYS:
        raise RecipeError(f"{step}: key must be one of {KEYS}, not {key!r}")
    if scope not in SCOPES:
        raise RecipeError(f"{step}: scope must be one of {SCOPES}, not {scope!r}")


def dedup_texts(table: pl.DataFrame, key: str, *, exact: bool = False) -> list[str]:
    """The text a duplicate test compares: the first user prompt, or the whole chat —
    for exact dedup with its structure (system prompt, roles), for near dedup the
    turns' text only."""
    if key == "first_prompt":
        expr = pl.col("messages").list.eval(
            pl.element().filter(pl.element().struct.field("role") == "user")
            .struct.field("content")).list.first().fill_null("")
    elif exact:
        tools = table["tools"].to_list() if "tools" in table.columns else [None] * table.height
        return [content_key(s, m, t) for s, m, t in zip(
            table["system"].to_list(), table["messages"].to_list(), tools, strict=True)]
    else:
        expr = pl.col("messages").list.eval(pl.element().struct.field("content")).list.join("\n")
    return table.select(expr.alias("t"))["t"].to_list()
