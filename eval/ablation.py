"""Which cleaning step was worth it? Build dataset variants, fine-tune each the
same way, score each the same way, and report scores with their lineage.

``python -m eval ablation --config ablation.yaml``. Variants are recipes (a
shipped version or a file) with steps optionally switched off; ``leave_one_out``
adds "<recipe> without <step>" for every step of that recipe. Every variant is
trained with the same model, seed and token budget (the step count is derived
from each dataset's tokens per example) and scored on the same benchmarks.

Work is cached by content: a dataset by (recipe hash, input file hashes), an
adapter by (dataset fingerprint, training config), scores by (adapter,
evaluation config). Rerunning after changing one recipe rebuilds, retrains and
rescores only the variants that changed.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import hashlib
import json
import math
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from curation import recipe as recipes
from curation.build import build
from curation.errors import CurationError
from eval import side_by_side as sbs
from eval.ablation_report import write_reports

DEFAULT_TRAIN = {"model": "tiny-mixtral", "load_in_4bit": False, "cutoff_len": 512,
                 "batch_size": 2, "grad_accum": 1, "learning_rate": 1e-3, "seed": 0,
                 "logging_steps": 1, "save_steps": 100_000, "resume": "never",
                 "gradient_checkpointing": False}
DEFAULT_EVAL = {"tasks": ["ceval", "cmmlu", "mmlu"], "fixture": True, "data_dirs": {},
                "n_shot": 5, "batch_size": 8, "template": "chat"}


class AblationError(CurationError):
    """A configuration the ablation cannot run."""


def _hash(obj: Any) -> str:
    blob = json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass
class Variant:
    name: str
    recipe: str  # shipped version name or YAML path
    drop_steps: list[str] = field(default_factory=list)

    def recipe_raw(self) -> dict[str, Any]:
        """The recipe with the dropped steps removed (by label), renamed to the variant."""
        raw = copy.deepcopy(recipes.load(self.recipe).raw)
        labels = [s.get("as", s["step"]) if isinstance(s, dict) else s for s in raw["steps"]]
        unknown = set(self.drop_steps) - set(labels)
        if unknown:
            raise AblationError(f"variant {self.name}: recipe {self.recipe} has no steps "
                                f"{sorted(unknown)} (it has {labels})")
        raw["steps"] = [s for s, label in zip(raw["steps"], labels, strict=True)
                        if label not in self.drop_steps]
        raw["version"] = self.name
        return raw


@dataclass
class AblationConfig:
    name: str
    out: Path
    sample: bool
    baseline: str
    variants: list[Variant]
    train: dict[str, Any]
    token_budget: int
    evaluation: dict[str, Any]
    sources: dict[str, str] = field(default_factory=dict)
    side_by_side: dict[str, Any] = field(default_factory=lambda: dict(sbs.DEFAULTS))


def load_config(path: Path) -> AblationConfig:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise AblationError(f"cannot read ablation config {path}: {e}") from None
    if not isinstance(raw, dict) or "variants" not in raw:
        raise AblationError(f"{path}: needs at least `variants` (a list of {{name, recipe}})")
    variants = []
    for v in raw["variants"]:
        if not isinstance(v, dict) or not {"name", "recipe"} <= set(v):
            raise AblationError(f"{path}: each variant needs `name` and `recipe`, got {v}")
        variants.append(Variant(str(v["name"]), str(v["recipe"]), list(v.get("drop_steps", []))))
    for recipe_name in raw.get("leave_one_out", []) or []:
        for label, _, _ in recipes.load(recipe_name).steps:
            variants.append(Variant(f"{recipe_name}-no-{label}", recipe_name, [label]))
    names = [v.name for v in variants]
    if len(set(names)) != len(names):
        raise AblationError(f"{path}: variant names must be unique: {names}")
    baseline = str(raw.get("baseline", names[0]))
    if baseline not in names:
        raise AblationError(f"{path}: baseline {baseline!r} is not a variant ({names})")
    for v in variants:
        v.recipe_raw()  # unknown recipes and steps fail now, not after an hour of training
    train = {**DEFAULT_TRAIN, **(raw.get("train") or {})}
    from finetune.config import TrainConfig

    options = {f.name for f in dataclasses.fields(TrainConfig)} - {"dataset", "output"}
    unknown = sorted(set(train) - options)
    if unknown:
        raise AblationError(f"{path}: unknown train options {unknown}; known: "
                            f"{', '.join(sorted(options))}")
    evaluation = {**DEFAULT_EVAL, **(raw.get("eval") or {})}
    base = path.parent
    side = {**sbs.DEFAULTS, **(raw.get("side_by_side") or {})}
    try:
        side["prompts"] = sbs.load_prompts(side, base)
    except sbs.PromptsError as e:
        raise AblationError(f"{path}: {e}") from None
    out = Path(raw.get("out", "ablation"))
    return AblationConfig(
        name=str(raw.get("name", path.stem)), out=out if out.is_absolute() else base / out,
        sample=bool(raw.get("sample", False)), baseline=baseline, variants=variants,
        train=train, token_budget=int(raw.get("token_budget", 20_000)),
        evaluation=evaluation, sources={k: str(v) for k, v in (raw.get("sources") or {}).items()},
        side_by_side=side)


def log(msg: str) -> None:
    print(msg, flush=True)


def build_variant(cfg: AblationConfig, v: Variant) -> tuple[Path, dict[str, Any], bool]:
    """(version folder, manifest, reused?) — reused when recipe and inputs are unchanged."""
    recipe = recipes.parse(v.recipe_raw(), f"variant {v.name}")
    root = cfg.out / "datasets"
    path = root / recipe.dataset / recipe.version
    manifest_path = path / "manifest.json"
    if manifest_path.is_file():
        old = json.loads(manifest_path.read_text(encoding="utf-8"))
        fresh_inputs = _input_hashes(recipe, cfg)
        if old["recipe_sha256"] == recipe.sha256 and \
                [s["sha256"] for s in old["sources"]] == fresh_inputs:
            return path, old, True
    result = build(recipe, out=root, sample=cfg.sample, source_paths=cfg.sources, force=True)
    return result.path, result.manifest, False


def _input_hashes(recipe: recipes.Recipe, cfg: AblationConfig) -> list[str | None]:
    from curation.loading import sha256_file

    out = []
    for s in recipe.sources:
        if cfg.sample:
            out.append(sha256_file(recipes.sample_path(s)))
        elif s.name in cfg.sources:
            out.append(sha256_file(Path(cfg.sources[s.name])))
        elif s.path and Path(s.path).is_file():
            out.append(sha256_file(Path(s.path)))
        else:
            out.append(None)  # hub: always rebuilt by the builder's own resolution
    return out


def steps_for_budget(dataset: Path, train: dict[str, Any], budget: int) -> tuple[int, float]:
    """Optimizer steps that spend ~``budget`` tokens; also the mean tokens per example."""
    import polars as pl

    from finetune.chat import encode_batch, format_problem
    from finetune.tokenizer import load_mixtral_tokenizer

    kept = pl.read_parquet(dataset / "data" / "*.parquet")
    tok = load_mixtral_tokenizer(train["model"])
    pairs = [(m, s) for m, s in zip(kept["messages"].to_list(), kept["system"].to_list(),
                                    strict=True) if format_problem(m) is None]
    encoded = encode_batch(tok, pairs, train["cutoff_len"])
    lengths = [len(e.input_ids) for e in encoded if e]
    if not lengths:
        raise AblationError(f"{dataset}: no conversation fits cutoff_len={train['cutoff_len']}")
    mean = sum(lengths) / len(lengths)
    per_step = mean * train["batch_size"] * train["grad_accum"]
    return max(1, math.ceil(budget / per_step)), mean


def train_variant(cfg: AblationConfig, dataset: Path, manifest: dict[str, Any],
                  ) -> tuple[Path, dict[str, Any], bool]:
    from finetune.config import TrainConfig
    from finetune.train import run

    steps, mean_tokens = steps_for_budget(dataset, cfg.train, cfg.token_budget)
    train = {**cfg.train, "max_steps": steps}
    key = _hash({"fingerprint": manifest["fingerprint"], "train": train})[:16]
    out = cfg.out / "runs" / key
    done = out / "manifest.json"
    if done.is_file() and (out / "adapter").is_dir():
        return out, json.loads(done.read_text(encoding="utf-8")), True
    config = TrainConfig(**{**train, "dataset": str(dataset), "output": str(out)})
    result = run(config)
    result["ablation"] = {"mean_tokens_per_example": round(mean_tokens, 1), "max_steps": steps,
                          "token_budget": cfg.token_budget, "cache_key": key}
    done.write_text(json.dumps(result, ensure_ascii=False, indent=2, default=str) + "\n",
                    encoding="utf-8")
    return out, result, False


def score(cfg: AblationConfig, adapter_run: Path | None, task: str,
          cache: dict[str, Any]) -> dict[str, Any]:
    """One benchmark, base model alone (``adapter_run=None``) or base + adapter."""
    from eval.runner import evaluate, load_model_and_tokenizer, resolve_data

    ev = cfg.evaluation
    key = _hash({"adapter": str(adapter_run), "task": task, "eval": ev,
                 "model": cfg.train["model"]})[:16]
    path = cfg.out / "scores" / f"{key}.json"
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    spec_split = None
    data_dir = ev["data_dirs"].get(task)
    data, source = resolve_data(task, spec_split or _default_split(task), data_dir,
                                fixture=ev["fixture"] and not data_dir)
    if "model" not in cache:
        cache["model"] = load_model_and_tokenizer(cfg.train["model"])
    model, tok = cache["model"]
    report = evaluate(model, tok, task=task, split=_default_split(task), data=data,
                      source=source, model_name=cfg.train["model"],
                      adapter=str(adapter_run / "adapter") if adapter_run else None,
                      n_shot=ev["n_shot"], lang="en" if task == "mmlu" else "zh",
                      template=ev["template"], batch_size=ev["batch_size"])
    run = report["runs"][-1]
    result = {"task": task, "split": report["split"], "source": source.source,
              "is_fixture": source.is_fixture, "summary": run["summary"]}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return result


def _default_split(task: str) -> str:
    from curation.benchmarks import get_spec

    return get_spec(task).default_split


def run_ablation(cfg: AblationConfig) -> dict[str, Any]:
    cfg.out.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"name": cfg.name, "baseline": cfg.baseline, "sample": cfg.sample,
                               "token_budget": cfg.token_budget, "train": cfg.train,
                               "eval": cfg.evaluation, "variants": []}
    cache: dict[str, Any] = {}
    total = len(cfg.variants)
    log(f"[base] scoring {cfg.train['model']} without adapter on "
        f"{', '.join(cfg.evaluation['tasks'])}")
    results["base_scores"] = {t: score(cfg, None, t, cache) for t in cfg.evaluation["tasks"]}
    for i, v in enumerate(cfg.variants, 1):
        tag = f"[{i}/{total}] {v.name}"
        start = time.perf_counter()
        dataset, manifest, reused = build_variant(cfg, v)
        log(f"{tag}: dataset {manifest['counts']['kept']} records, fingerprint "
            f"{manifest['fingerprint'][:12]} ({'cached' if reused else 'built'})")
        run_dir, train_manifest, reused = train_variant(cfg, dataset, manifest)
        log(f"{tag}: adapter {run_dir.name} ({'cached' if reused else 'trained'}, "
            f"{train_manifest['ablation']['max_steps']} steps)")
        scores = {t: score(cfg, run_dir, t, cache) for t in cfg.evaluation["tasks"]}
        log(f"{tag}: " + ", ".join(f"{t} {s['summary']['overall']['accuracy_pct']:.1f}%"
                                   for t, s in scores.items())
            + f" ({time.perf_counter() - start:.0f}s)")
        results["variants"].append({
            "name": v.name, "recipe": v.recipe, "drop_steps": v.drop_steps,
            "dataset": {"path": str(dataset), "recipe_sha256": manifest["recipe_sha256"],
                        "fingerprint": manifest["fingerprint"], "counts": manifest["counts"],
                        "steps": [{k: s[k] for k in ("name", "rows_in", "rows_out", "removed",
                                                       "changed")} for s in manifest["steps"]],
                        "stats": manifest["stats"]["output"]},
            "adapter": {"path": str(run_dir / "adapter"), "cache_key": run_dir.name,
                        **train_manifest["ablation"],
                        "final_loss": _final_loss(train_manifest)},
            "scores": scores,
        })
    if cfg.side_by_side["prompts"]:
        log(f"[side by side] {len(cfg.side_by_side['prompts'])} prompts, base and "
            f"{total} variants")
        results["side_by_side"] = sbs.side_by_side(
            [("base", None), *((v["name"], v["adapter"]["path"]) for v in results["variants"])],
            cfg.side_by_side["prompts"], cfg.side_by_side, model_name=cfg.train["model"],
            cache_dir=cfg.out / "answers", loaded=cache)
    md, html = write_reports(results, cfg.out)
    log(f"wrote {md} and {html}")
    return results


def _final_loss(train_manifest: dict[str, Any]) -> float | None:
    """The last logged training loss of the run (finetune's manifest ``training``)."""
    value = (train_manifest.get("training") or {}).get("last_logged_loss")
    return float(value) if isinstance(value, int | float) else None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval ablation",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--config", type=Path, required=True, help="ablation YAML (see README)")
    p.epilog = f"Example config: {Path(__file__).parent / 'ablation.example.yaml'}"
    args = p.parse_args(argv)
    from curation.benchmarks import BenchmarkError
    from finetune.errors import FinetuneError

    try:
        run_ablation(load_config(args.config))
    except (CurationError, BenchmarkError, FinetuneError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0
