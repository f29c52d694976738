"""Recipes: versioned data files naming the sources and the steps with parameters."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from curation.adapters import ADAPTERS
from curation.errors import RecipeError
from curation.steps import STEPS, Step

RECIPES = resources.files("curation") / "recipes"
SAMPLES = resources.files("curation") / "sample"


@dataclass(frozen=True)
class Source:
    name: str
    format: str
    path: str | None = None
    hub: str | None = None
    split: str = "train"
    data_files: str | list[str] | None = None
    sample: str | None = None  # file name under curation/sample/
    license: str = "unknown"
    homepage: str | None = None
    description: str = ""


@dataclass(frozen=True)
class Recipe:
    dataset: str
    version: str
    description: str
    sources: list[Source]
    steps: list[tuple[str, str, dict[str, Any]]]  # (label, registered step, parameters)
    raw: dict[str, Any] = field(repr=False)
    path: Path | None = field(default=None, repr=False, compare=False)  # the YAML file, if any

    @property
    def sha256(self) -> str:
        """Hash of the recipe's content (not its bytes: comments don't count)."""
        canonical = json.dumps(self.raw, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def build_steps(self) -> list[tuple[str, Step]]:
        out = []
        for label, name, params in self.steps:
            try:
                out.append((label, STEPS[name](**params)))
            except TypeError as e:
                raise RecipeError(f"recipe {self.version}, step {name}: {e}") from None
            except ValueError as e:
                raise RecipeError(f"recipe {self.version}, step {name}: {e}") from None
        return out


def available() -> dict[str, Path]:
    """Version name -> recipe file shipped with the package."""
    return {p.name.removesuffix(".yaml"): Path(str(p))
            for p in RECIPES.iterdir() if p.name.endswith(".yaml")}


def sample_path(source: Source) -> Path:
    if not source.sample:
        raise RecipeError(f"source {source.name} has no `sample` file")
    return Path(str(SAMPLES / source.sample))


def _source(entry: Any, where: str) -> Source:
    if not isinstance(entry, dict) or "name" not in entry or "format" not in entry:
        raise RecipeError(f"{where}: each source needs at least `name` and `format`")
    if entry["format"] not in ADAPTERS:
        raise RecipeError(f"{where}: source {entry['name']}: unknown format "
                          f"{entry['format']!r}; known: {sorted(ADAPTERS)}")
    try:
        return Source(**entry)
    except TypeError as e:
        raise RecipeError(f"{where}: source {entry['name']}: {e}") from None


def _step(entry: Any, where: str) -> tuple[str, str, dict[str, Any]]:
    """``{step: NAME, as: LABEL, **params}``; the label (default: the name) is what
    reports and removed.parquet call the step, so one step can run twice."""
    if isinstance(entry, str):
        entry = {"step": entry}
    if not isinstance(entry, dict) or "step" not in entry:
        raise RecipeError(f"{where}: each step is a mapping with a `step` name")
    params = {k: v for k, v in entry.items() if k not in ("step", "as")}
    name = entry["step"]
    if name not in STEPS:
        raise RecipeError(f"{where}: unknown step {name!r}; known: {sorted(STEPS)}")
    return str(entry.get("as", name)), name, params


def parse(raw: dict[str, Any], where: str) -> Recipe:
    for key in ("dataset", "version", "sources", "steps"):
        if key not in raw:
            raise RecipeError(f"{where}: missing `{key}`")
    sources = [_source(s, where) for s in raw["sources"]]
    names = [s.name for s in sources]
    if len(set(names)) != len(names):
        raise RecipeError(f"{where}: duplicate source names in {names}")
    steps = [_step(s, where) for s in raw["steps"] or []]
    labels = [label for label, _, _ in steps]
    if len(set(labels)) != len(labels):
        raise RecipeError(f"{where}: step labels must be unique ({labels}); "
                          "give a repeated step a label with `as:`")
    recipe = Recipe(dataset=str(raw["dataset"]), version=str(raw["version"]),
                    description=str(raw.get("description", "")), sources=sources,
                    steps=steps, raw=raw)
    recipe.build_steps()  # parameter errors surface now, not mid-build
    return recipe


def load(version_or_path: str) -> Recipe:
    """A shipped version name (``v2``) or a path to a recipe YAML file."""
    path = Path(version_or_path)
    if not path.suffix:
        shipped = available()
        if version_or_path not in shipped:
            raise RecipeError(f"no recipe version {version_or_path!r}; "
                              f"available: {', '.join(sorted(shipped))}")
        path = shipped[version_or_path]
    if not path.is_file():
        raise RecipeError(f"recipe file not found: {path}")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise RecipeError(f"{path}: invalid YAML: {e}") from None
    if not isinstance(raw, dict):
        raise RecipeError(f"{path}: a recipe is a YAML mapping")
    return dataclasses.replace(parse(raw, str(path)), path=path)
