"""Entry points for the built-in `tiny-mixtral` and for loading any model (shared with eval)."""

from __future__ import annotations

from finetune.model import (
    TINY_MIXTRAL,
    TINY_MIXTRAL_CONFIG,
    build_tiny_mixtral,
    load_model,
    tiny_mixtral_dir,
)

__all__ = [
    "TINY_MIXTRAL",
    "TINY_MIXTRAL_CONFIG",
    "build_tiny_mixtral",
    "load_model",
    "tiny_mixtral_dir",
]
