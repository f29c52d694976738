"""Small builders for hand-made conversation tables."""

from __future__ import annotations

import copy
import os
import time
from pathlib import Path

import polars as pl

from curation import recipe as recipes
from curation.errors import InputError
from curation.recipe import Recipe
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


TOOLCALL_FIXTURE = Path(__file__).parent / "fixtures" / "toolcall_sharegpt.json"


def toolcall_recipe() -> Recipe:
    """v2's steps over the project's own tool-calling fixture (LLaMA-Factory sharegpt
    layout: function_call / observation turns, a tools field), decontaminated
    against the shipped benchmark fixtures."""
    from curation.benchmarks import fixture_dir

    raw = copy.deepcopy(recipes.load("v2").raw)
    raw["version"] = "v2-toolcall"
    raw["sources"] = [{"name": "sharegpt", "format": "sharegpt", "path": str(TOOLCALL_FIXTURE),
                       "license": "cc0-1.0"}]
    for step in raw["steps"]:
        if "source_priority" in step:
            step["source_priority"] = ["sharegpt"]
        if step["step"] == "decontaminate":
            step["benchmarks"] = [{"task": b["task"], "path": str(fixture_dir(b["task"]))}
                                  for b in step["benchmarks"]]
    return recipes.parse(raw, "toolcall recipe")


def worker_pid(_: int) -> int:
    """For executors' map: which process ran the item (busy a moment, so every worker
    takes some)."""
    time.sleep(0.05)
    return os.getpid()


def running(pid: int) -> bool:
    try:
        return "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()
    except FileNotFoundError:
        return False


def square_or_fail(x: int) -> int:
    """For executors' map: items 3 and 5 fail as a bad input file would."""
    if x in (3, 5):
        raise InputError(f"part{x}.jsonl", "malformed JSON line", line=x)
    return x * x


def mark_and_square(job: tuple[str, int]) -> tuple[int, int]:
    """(x squared, the pid), after touching ``started-x`` in the folder: a task whose
    start shows from outside the worker."""
    folder, x = job
    Path(folder, f"started-{x}").touch()
    return x * x, os.getpid()
