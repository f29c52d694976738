"""Reading built versions back: locate, load the manifest and the tables."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl

from curation.errors import CurationError


def locate(version: str, out: Path, dataset: str | None = None) -> Path:
    """A version folder: a path as given, or ``<out>/<dataset>/<version>``
    (the dataset found under ``out`` when there is only one)."""
    path = Path(version)
    if (path / "manifest.json").is_file():
        return path
    if dataset is None:
        candidates = sorted(p.parent.parent.name
                            for p in out.glob(f"*/{version}/manifest.json"))
        if len(candidates) > 1:
            raise CurationError(f"version {version} exists for several datasets under {out}: "
                                f"{candidates}; pass --dataset")
        dataset = candidates[0] if candidates else "?"
    path = out / dataset / version
    if not (path / "manifest.json").is_file():
        raise CurationError(f"no built version {version!r} under {out} (looked for "
                            f"{path}/manifest.json); build it with "
                            f"`python -m curation build --version {version}`")
    return path


def manifest(path: Path) -> dict[str, Any]:
    return json.loads((path / "manifest.json").read_text(encoding="utf-8"))


def kept(path: Path) -> pl.DataFrame:
    return pl.read_parquet(path / "data" / "*.parquet")


def removed(path: Path) -> pl.DataFrame:
    return pl.read_parquet(path / "removed.parquet")
