"""What the dedup steps compare: the key text of each record and which records take part."""

from __future__ import annotations

import polars as pl

from curation.errors import RecipeError

KEYS = ("conversation", "first_prompt")
SCOPES = ("all", "single_turn")


def scope_expr(scope: str) -> pl.Expr:
    """Which rows take part. Prompt-level dedup of multi-turn chats would drop a
    whole conversation for sharing an opening line ("你好"), so it can be limited
    to single-turn records."""
    return pl.lit(True) if scope == "all" else pl.col("messages").list.len() == 2


def in_scope(table: pl.DataFrame, scope: str) -> list[bool]:
    """:func:`scope_expr` per row."""
    if scope == "all":
        return [True] * table.height
    return table.select(scope_expr(scope).alias("s"))["s"].to_list()


def check_dedup_params(step: str, key: str, scope: str) -> None:
    if key not in KEYS:
        raise RecipeError(f"{step}: key must be one of {KEYS}, not {key!r}")
    if scope not in SCOPES:
        raise RecipeError(f"{step}: scope must be one of {SCOPES}, not {scope!r}")


def dedup_expr(table: pl.DataFrame, key: str, *, exact: bool = False) -> pl.Expr:
    """The text a duplicate test compares: the first user prompt, or the whole chat —
    for exact dedup with its structure (system prompt, roles), for near dedup the
    turns' text only."""
    if key == "first_prompt":
        return pl.col("messages").list.eval(
            pl.element().filter(pl.element().struct.field("role") == "user")
            .struct.field("content")).list.first().fill_null("")
    if exact:  # JSON of (system, messages, tools): unambiguous, and built in Rust
        parts = [pl.col("system").fill_null(""), pl.col("messages")]
        if "tools" in table.columns:
            parts.append(pl.when(pl.col("tools") != "").then(pl.col("tools")))
        return pl.struct(parts).struct.json_encode()
    return pl.col("messages").list.eval(pl.element().struct.field("content")).list.join("\n")


def dedup_column(table: pl.DataFrame, key: str, *, exact: bool = False,
                 scope: str = "all") -> pl.Series:
    """:func:`dedup_expr` per row; "" for rows out of ``scope``."""
    expr = dedup_expr(table, key, exact=exact)
    if scope != "all":
        expr = pl.when(scope_expr(scope)).then(expr).otherwise(pl.lit(""))
    return table.select(expr.alias("text"))["text"]


def dedup_texts(table: pl.DataFrame, key: str, *, exact: bool = False,
                scope: str = "all") -> list[str]:
    return dedup_column(table, key, exact=exact, scope=scope).to_list()
