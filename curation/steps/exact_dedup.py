"""Exact duplicates after normalization: one survivor per identical key."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import polars as pl
import xxhash

from curation.errors import RecipeError
from curation.schema import content_key
from curation.steps import Step, StepResult, register
from curation.steps.base import removed_rows
from curation.steps.keep_policy import KeepPolicy, duplicate_stats

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


def dedup_text(system: str | None, messages: list[dict[str, str]], key: str) -> str:
    """The text a duplicate test compares: the whole chat or its first user prompt."""
    if key == "first_prompt":
        return next((m["content"] for m in messages if m["role"] == "user"), "")
    return content_key(system, messages)


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
        hashes = [
            xxhash.xxh3_128_hexdigest(dedup_text(s, m, self.key).encode("utf-8")) if use
            else f"row {i}"
            for i, (s, m, use) in enumerate(zip(table["system"].to_list(),
                                                table["messages"].to_list(),
                                                in_scope(table, self.scope), strict=True))
        ]
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
