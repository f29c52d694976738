"""Recipes: versioned data files naming the sources and the steps with parameters.

A recipe is checked in full before any data is read: keys, types and ranges of
every parameter, names that refer to sources, plain version names. All problems
are reported together, each with its line in the YAML file.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import types
import typing
from dataclasses import MISSING, dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from curation.adapters import ADAPTERS
from curation.errors import RecipeError
from curation.loading import KEEP_OR_REMOVE, LOAD_STEP, LoadPolicy
from curation.steps import STEPS, Step

RECIPES = resources.files("curation") / "recipes"
SAMPLES = resources.files("curation") / "sample"

# A version or dataset name becomes a folder name: no separators, no "..".
PLAIN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
# precision: the file `python -m curation review --score` wrote, shown in the card.
TOP_KEYS = ("dataset", "version", "description", "sources", "steps", "load", "precision")
REQUIRED_KEYS = ("dataset", "version", "sources", "steps")

# Numeric parameter ranges by parameter name (shared by the steps that use the name):
# (low, high, low inclusive, high inclusive); None is unbounded. Steps check their
# own cross-parameter rules; these catch a value no step could mean.
RANGES: dict[str, tuple[float | None, float | None, bool, bool]] = {
    "threshold": (0, 1, False, False),
    "min_coverage": (0, 1, False, True),
    "false_negative_weight": (0, 1, True, True),
    "num_perm": (1, None, True, True),
    "ngram": (1, None, True, True),
    "char_ngram": (1, None, True, True),
    "word_ngram": (1, None, True, True),
    "seed": (0, None, True, True),
    "max_turn_chars": (1, None, True, True),
    "min_user_chars": (0, None, True, True),
    "min_assistant_chars": (0, None, True, True),
    "min_chars": (0, None, True, True),
    "max_repeated_line_fraction": (0, 1, True, True),
    "max_repeated_ngram_fraction": (0, 1, True, True),
    "mojibake_min_hits": (1, None, True, True),
    "mojibake_rare_share": (0, 1, True, True),
    "refusal_window": (1, None, True, True),
    "restate_max_ratio": (0, None, False, True),
    "restate_min_overlap": (0, 1, True, True),
    "max_blank_lines": (0, None, True, True),
    "max_tokens": (0, None, True, True),
    "traditional_share": (0, 1, True, True),
    "simplified_share": (0, 1, True, True),
    "max_record_chars": (1, None, True, True),
}
# Parameters whose values name recipe sources.
SOURCE_LISTS = ("source_priority",)


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
    license_link: str | None = None  # the license's terms, for the card
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
    load: LoadPolicy = field(default_factory=LoadPolicy)
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
            except (TypeError, ValueError) as e:
                raise RecipeError(f"recipe {self.version}, step {label}: {e}") from None
        return out


def available() -> dict[str, Path]:
    """Version name -> recipe file shipped with the package."""
    return {p.name.removesuffix(".yaml"): Path(str(p))
            for p in RECIPES.iterdir() if p.name.endswith(".yaml")}


def sample_path(source: Source) -> Path:
    if not source.sample:
        raise RecipeError(f"source {source.name} has no `sample` file")
    return Path(str(SAMPLES / source.sample))


# --- type checks -------------------------------------------------------------------------

def _matches(value: Any, tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if tp is Any:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_matches(value, t) for t in typing.get_args(tp))
    if tp is type(None):
        return value is None
    if tp is bool:
        return isinstance(value, bool)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if tp is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if tp is str:
        return isinstance(value, str)
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        return isinstance(value, list) and all(_matches(v, item) for v in value)
    if origin is dict:
        key, val = typing.get_args(tp) or (Any, Any)
        return isinstance(value, dict) and all(
            _matches(k, key) and _matches(v, val) for k, v in value.items())
    if origin is typing.Literal:
        return value in typing.get_args(tp)
    return True  # a type the recipe format does not describe: the step checks it


def _describe(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(t) for t in typing.get_args(tp))
    names = {bool: "true/false", int: "an integer", float: "a number", str: "a string",
             type(None): "null"}
    if tp in names:
        return names[tp]
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        return f"a list of {_describe(item).removeprefix('a ').removeprefix('an ')}s"
    if origin is dict:
        return "a mapping"
    if origin is typing.Literal:
        return "one of " + ", ".join(map(repr, typing.get_args(tp)))
    return getattr(tp, "__name__", str(tp))


def _show(value: Any) -> str:
    kind = {bool: "a boolean", str: "a string", int: "an integer", float: "a number",
            list: "a list", dict: "a mapping", type(None): "null"}.get(type(value), "")
    return f"{value!r}" + (f" ({kind})" if kind else "")


def _params(cls: type) -> dict[str, Any]:
    """Recipe parameters of a step or source class -> type annotation."""
    try:
        hints = typing.get_type_hints(cls)
    except Exception:  # an annotation we cannot resolve: accept any value
        hints = {}
    return {f.name: hints.get(f.name, Any) for f in fields(cls) if f.init}


def _suggest(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f"did you mean {close[0]!r}? " if close else ""


def _range_problem(name: str, value: Any) -> str | None:
    bounds = RANGES.get(name)
    if bounds is None or not isinstance(value, int | float) or isinstance(value, bool):
        return None
    low, high, low_in, high_in = bounds
    bad = (low is not None and (value < low or (value == low and not low_in))) or \
        (high is not None and (value > high or (value == high and not high_in)))
    if not bad:
        return None
    left = "unbounded" if low is None else ("[" if low_in else "(") + f"{low}"
    right = "" if high is None else f"{high}" + ("]" if high_in else ")")
    if high is None:
        return f"{name} must be {'>=' if low_in else '>'} {low}, got {value!r}"
    return f"{name} must be in {left}, {right}, got {value!r}"


# --- parsing -----------------------------------------------------------------------------

class _Problems:
    """Collects every problem with its line, so one run reports them all."""

    def __init__(self, where: str, lines: dict[tuple[Any, ...], int]) -> None:
        self.where, self.lines, self.items = where, lines, []  # type: list[tuple[int, str]]

    def add(self, at: tuple[Any, ...], message: str) -> None:
        line = 0
        for n in range(len(at), -1, -1):  # the nearest enclosing node with a line
            if at[:n] in self.lines:
                line = self.lines[at[:n]]
                break
        self.items.append((line, message))

    def raise_if_any(self) -> None:
        if not self.items:
            return
        if len(self.items) == 1:
            line, message = self.items[0]
            raise RecipeError(f"{self.where}{f', line {line}' if line else ''}: {message}")
        body = "\n".join(f"  {f'line {line}: ' if line else ''}{m}" for line, m in self.items)
        raise RecipeError(f"{self.where}: {len(self.items)} problems in the recipe:\n{body}")


def _check_fields(entry: dict[str, Any], cls: type, at: tuple[Any, ...], what: str,
                  problems: _Problems, skip: tuple[str, ...] = ()) -> bool:
    """Unknown keys, missing required ones, types and ranges; True when all are fine."""
    known = _params(cls)
    ok = True
    required = [f.name for f in fields(cls) if f.init and f.default is MISSING
                and f.default_factory is MISSING]
    for key in required:
        if key not in entry:
            problems.add(at, f"{what}: missing `{key}`")
            ok = False
    for key, value in entry.items():
        if key in skip:
            continue
        if key not in known:
            problems.add((*at, key), f"{what}: unknown parameter {key!r}; "
                         f"{_suggest(str(key), list(known))}known: {', '.join(known)}")
            ok = False
        elif not _matches(value, known[key]):
            problems.add((*at, key), f"{what}: {key} must be {_describe(known[key])}, "
                         f"got {_show(value)}")
            ok = False
        elif (problem := _range_problem(key, value)) is not None:
            problems.add((*at, key), f"{what}: {problem}")
            ok = False
    return ok


def _source(entry: Any, at: tuple[Any, ...], problems: _Problems) -> Source | None:
    if not isinstance(entry, dict):
        problems.add(at, "each source is a mapping with at least `name` and `format`")
        return None
    name = entry.get("name")
    what = f"source {name}" if isinstance(name, str) else f"source {at[-1]}"
    if not _check_fields(entry, Source, at, what, problems):
        return None
    ok = True
    if not PLAIN_NAME.match(entry["name"]):
        problems.add((*at, "name"), f"source name {entry['name']!r} must be a plain name "
                     "(letters, digits, . _ -)")
        ok = False
    if entry["format"] not in ADAPTERS:
        problems.add((*at, "format"), f"{what}: unknown format {entry['format']!r}; "
                     f"{_suggest(entry['format'], list(ADAPTERS))}known: {sorted(ADAPTERS)}")
        ok = False
    if not entry.get("path") and not entry.get("hub") and not entry.get("sample"):
        problems.add(at, f"{what}: give a `path` (local file) or a `hub` dataset id")
        ok = False
    return Source(**entry) if ok else None


def _step(entry: Any, at: tuple[Any, ...], sources: list[str] | None,
          problems: _Problems) -> tuple[str, str, dict[str, Any]] | None:
    """``{step: NAME, as: LABEL, **params}``; the label (default: the name) is what
    reports and removed.parquet call the step, so one step can run twice."""
    if isinstance(entry, str):
        entry = {"step": entry}
    if not isinstance(entry, dict) or not isinstance(entry.get("step"), str):
        problems.add(at, "each step is a mapping with a `step` name")
        return None
    name = entry["step"]
    if name not in STEPS:
        problems.add((*at, "step"), f"unknown step {name!r}; "
                     f"{_suggest(name, list(STEPS))}known: {', '.join(sorted(STEPS))}")
        return None
    label = entry.get("as", name)
    if not isinstance(label, str) or not PLAIN_NAME.match(label):
        problems.add((*at, "as"), f"step label {label!r} must be a plain name")
        return None
    params = {k: v for k, v in entry.items() if k not in ("step", "as")}
    what = f"step {label}" if label == name else f"step {label} ({name})"
    if not _check_fields(params, STEPS[name], at, what, problems):
        return None
    ok = True
    for key in SOURCE_LISTS:
        if key in params and sources is not None:
            unknown = [s for s in params[key] if s not in sources]
            if unknown:
                hints = "".join(_suggest(s, sources) for s in unknown)
                problems.add((*at, key), f"{what}: {key} names {unknown}, not sources of "
                             f"this recipe; {hints}sources: {', '.join(sources)}")
                ok = False
            elif len(set(params[key])) != len(params[key]):
                problems.add((*at, key), f"{what}: {key} lists a source twice")
                ok = False
    if ok:
        try:
            STEPS[name](**params)
        except (TypeError, ValueError) as e:  # RecipeError included: the step's own rules
            problems.add(at, f"{what}: {e}")
            ok = False
    return (label, name, params) if ok else None


def _load_policy(raw: Any, problems: _Problems) -> LoadPolicy:
    if raw is None:
        return LoadPolicy()
    if not isinstance(raw, dict):
        problems.add(("load",), "`load` is a mapping (max_record_chars, empty_turns, "
                     "control_chars)")
        return LoadPolicy()
    if not _check_fields(raw, LoadPolicy, ("load",), "load", problems):
        return LoadPolicy()
    for key in ("empty_turns", "control_chars"):
        if key in raw and raw[key] not in KEEP_OR_REMOVE:
            problems.add(("load", key), f"load: {key} must be remove or keep, got {raw[key]!r}")
            return LoadPolicy()
    return LoadPolicy(**raw)


def parse(raw: dict[str, Any], where: str, lines: dict[tuple[Any, ...], int] | None = None,
          path: Path | None = None) -> Recipe:
    """Check the whole recipe and build it; raises one RecipeError listing every problem."""
    problems = _Problems(where, lines or {})
    if not isinstance(raw, dict):
        problems.add((), "a recipe is a YAML mapping")
        problems.raise_if_any()
    for key in raw:
        if key not in TOP_KEYS:
            problems.add((key,), f"unknown key {key!r}; {_suggest(str(key), list(TOP_KEYS))}"
                         f"known: {', '.join(TOP_KEYS)}")
    for key in REQUIRED_KEYS:
        if key not in raw:
            problems.add((), f"missing `{key}`")
    for key in ("dataset", "version"):
        value = raw.get(key)
        if key in raw and (not isinstance(value, str | int | float) or isinstance(value, bool)
                           or not PLAIN_NAME.match(str(value))):
            problems.add((key,), f"{key} {value!r} must be a plain name (letters, digits, "
                         ". _ -; it names the output folder)")
    sources: list[Source] = []
    raw_sources = raw.get("sources")
    if "sources" in raw:
        if not isinstance(raw_sources, list) or not raw_sources:
            problems.add(("sources",), "`sources` must list at least one source "
                         "({name, format, path or hub})")
        else:
            sources = [s for i, entry in enumerate(raw_sources)
                       if (s := _source(entry, ("sources", i), problems)) is not None]
    names = [s.name for s in sources]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        problems.add(("sources",), f"duplicate source names {duplicates}")
    known_sources = names if isinstance(raw_sources, list) and len(sources) == len(
        raw_sources) else None  # a broken source list: don't report its names as unknown
    steps = []
    raw_steps = raw.get("steps")
    if raw_steps is not None and not isinstance(raw_steps, list):
        problems.add(("steps",), "`steps` is a list of steps")
    else:
        steps = [s for i, entry in enumerate(raw_steps or [])
                 if (s := _step(entry, ("steps", i), known_sources, problems)) is not None]
    labels = [label for label, _, _ in steps]
    if len(set(labels)) != len(labels):
        problems.add(("steps",), f"step labels must be unique ({labels}); give a repeated "
                     "step a label with `as:`")
    if LOAD_STEP in labels:
        problems.add(("steps",), f"{LOAD_STEP!r} names the loader's quarantine in "
                     "removed.parquet; give the step another label with `as:`")
    if "precision" in raw and not isinstance(raw["precision"], str):
        problems.add(("precision",), "precision names a file (the JSON written by "
                     "`python -m curation review --score`), relative to the recipe")
    policy = _load_policy(raw.get("load"), problems)
    problems.raise_if_any()
    return Recipe(dataset=str(raw["dataset"]), version=str(raw["version"]),
                  description=str(raw.get("description") or ""), sources=sources,
                  steps=steps, raw=raw, load=policy, path=path)


def _line_index(text: str) -> dict[tuple[Any, ...], int]:
    """(key, index, ...) path of every YAML node -> its 1-based line (keys: the key's line)."""
    out: dict[tuple[Any, ...], int] = {}

    def walk(node: yaml.Node, at: tuple[Any, ...]) -> None:
        out.setdefault(at, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                sub = (*at, key.value)
                if sub in out:
                    raise RecipeError(f"line {key.start_mark.line + 1}: duplicate key "
                                      f"{key.value!r} (line {out[sub]} has it too)")
                out[sub] = key.start_mark.line + 1
                walk(value, sub)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*at, i))

    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return out
    if root is not None:
        walk(root, ())
    return out


def load(version_or_path: str) -> Recipe:
    """A shipped version name (``v2``) or a path to a recipe YAML file."""
    path = Path(version_or_path)
    if not path.suffix:
        shipped = available()
        if version_or_path not in shipped:
            raise RecipeError(f"no recipe version {version_or_path!r}; "
                              f"available: {', '.join(sorted(shipped))} (or a path to a "
                              "recipe .yaml file)")
        path = shipped[version_or_path]
    if not path.is_file():
        raise RecipeError(f"recipe file not found: {path}")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise RecipeError(f"{path}: cannot read the recipe ({e})") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise RecipeError(f"{path}{line}: invalid YAML: {problem}") from None
    if not isinstance(raw, dict):
        raise RecipeError(f"{path}: a recipe is a YAML mapping (dataset, version, sources, "
                          "steps)")
    try:
        lines = _line_index(text)
    except RecipeError as e:
        raise RecipeError(f"{path}, {e}") from None
    return parse(raw, str(path), lines, path)
