"""Where a recipe's steps run: here, in a pool of local worker processes, or on a
Ray cluster. Steps do not know; every executor gives the same result as one
process (same kept rows in the same order, same removals and reasons)."""

from __future__ import annotations

from curation.errors import CurationError
from curation.executors.base import Executor, Outcome, per_record, segments
from curation.executors.local import LocalExecutor

EXECUTORS = ("local", "ray")


def make(kind: str = "local", *, workers: int | None = None,
         address: str | None = None) -> Executor:
    """An executor by name; ``ray`` needs the ``ray`` extra (pip install '.[ray]')."""
    if kind == "local":
        if address:
            raise CurationError("--address is for --executor ray")
        return LocalExecutor(workers)
    if kind == "ray":
        from curation.executors.ray import RayExecutor

        return RayExecutor(workers, address=address)
    raise CurationError(f"unknown executor {kind!r}; use one of {EXECUTORS}")


__all__ = ["EXECUTORS", "Executor", "LocalExecutor", "Outcome", "make", "per_record",
           "segments"]
