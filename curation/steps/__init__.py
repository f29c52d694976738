"""Curation steps, registered by the name recipes use."""

from __future__ import annotations

from curation.steps.base import Drop, Keep, PhasedStep, RecordStep, Step, StepResult, Trim

STEPS: dict[str, type[Step]] = {}


def register(cls: type[Step]) -> type[Step]:
    """Class decorator: make a step available to recipes under ``cls.name``."""
    if cls.name in STEPS:
        raise ValueError(f"step {cls.name!r} registered twice")
    STEPS[cls.name] = cls
    return cls


def _load_builtin() -> None:
    # Imported for their @register side effect.
    from curation.steps import (  # noqa: F401
        decontaminate,
        exact_dedup,
        language_id,
        minhash_dedup,
        normalize,
        quality,
        to_simplified,
        turn_repair,
    )


_load_builtin()

__all__ = ["STEPS", "Drop", "Keep", "PhasedStep", "RecordStep", "Step", "StepResult", "Trim",
           "register"]
