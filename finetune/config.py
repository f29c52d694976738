"""Run configuration: one dataclass whose defaults are Aurora's setup, fed by CLI and/or YAML.

Every field becomes a `--kebab-case` option with its help text; a YAML file (`--config`)
may set any field by its snake_case name, and options given on the command line win.
"""

from __future__ import annotations

import argparse
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from finetune.errors import FinetuneError

AURORA_BASE_MODEL = "mistralai/Mixtral-8x7B-Instruct-v0.1"
DEFAULT_LORA_TARGETS = ("q_proj", "v_proj")
EXPERT_LORA_TARGETS = ("w1", "w2", "w3")
PRECISIONS = ("auto", "bf16", "fp16", "fp32")
RESUME_HELP = "'auto' (last checkpoint in --output, if any), 'never', or a checkpoint path"


def _opt(default: Any, help: str, **extra: Any) -> Any:
    metadata = {"help": help, **extra}
    if isinstance(default, list):
        return field(default_factory=lambda: list(default), metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass
class TrainConfig:
    """All knobs of a run; recorded verbatim in the output manifest."""

    dataset: str = _opt(None, "built dataset version directory (curation build output) or hub id")
    output: str = _opt(
        None, "output directory: adapter, checkpoints, train_log.jsonl, loss.png, manifest.json"
    )
    model: str = _opt(
        AURORA_BASE_MODEL,
        "base model path or hub id; 'tiny-mixtral' = built-in small random Mixtral (offline, CPU)",
    )
    split: str = _opt("train", "dataset split to train on")
    cutoff_len: int = _opt(
        1024,
        "max tokens per conversation; longer ones lose whole trailing turns "
        "(never part of an answer)",
    )
    max_samples: int | None = _opt(None, "use only the first N conversations (smoke tests)")
    load_in_4bit: bool = _opt(
        True, "QLoRA: load the base model in 4-bit (experts quantized, router and lm_head not)"
    )
    quant_type: str = _opt("nf4", "bitsandbytes 4-bit type", choices=("nf4", "fp4"))
    double_quant: bool = _opt(True, "double quantization of the 4-bit scales (QLoRA)")
    lora_r: int = _opt(8, "LoRA rank")
    lora_alpha: int = _opt(16, "LoRA alpha (scale = alpha / r)")
    lora_dropout: float = _opt(0.1, "LoRA dropout")
    lora_target: list[str] = _opt(  # noqa: RUF009 (_opt returns a field with a factory)
        list(DEFAULT_LORA_TARGETS),
        "module names to adapt (comma-separated); the router 'gate' is refused",
    )
    lora_target_experts: bool = _opt(False, "also adapt the expert MLPs (w1,w2,w3 of every expert)")
    learning_rate: float = _opt(5e-5, "peak learning rate")
    num_epochs: float = _opt(3.0, "training epochs")
    max_steps: int = _opt(
        -1, "stop after this many optimizer steps (overrides --num-epochs when > 0)"
    )
    lr_scheduler: str = _opt("cosine", "learning-rate schedule (transformers SchedulerType)")
    warmup_ratio: float = _opt(0.0, "share of steps for linear warm-up")
    batch_size: int = _opt(2, "per-device batch size")
    grad_accum: int = _opt(
        4, "gradient accumulation steps (effective batch = batch size x this x devices)"
    )
    precision: str = _opt(
        "auto",
        "compute dtype: auto = bf16 if the GPU supports it, else fp16 on GPU, fp32 on CPU",
        choices=PRECISIONS,
    )
    gradient_checkpointing: bool = _opt(
        True, "recompute activations in backward to save memory (input grads enabled for k-bit)"
    )
    group_by_length: bool = _opt(
        True, "batch conversations of similar length together to cut padding"
    )
    router_aux_loss: bool = _opt(
        True, "add Mixtral's router load-balancing loss (output_router_logits)"
    )
    router_aux_loss_coef: float = _opt(
        0.02, "weight of the router load-balancing loss (Mixtral's config value)"
    )
    logging_steps: int = _opt(100, "log loss and learning rate every N optimizer steps")
    save_steps: int = _opt(1000, "save a checkpoint every N optimizer steps")
    save_total_limit: int | None = _opt(None, "keep at most N checkpoints (oldest deleted)")
    resume: str = _opt("auto", RESUME_HELP)
    seed: int = _opt(42, "random seed (data order, LoRA init, dropout)")
    tiny_seed: int = _opt(
        0, "seed of the random tiny-mixtral weights (only with --model tiny-mixtral)"
    )
    num_proc: int | None = _opt(None, "processes for tokenization (datasets.map)")
    merge: bool = _opt(
        False, "after training, also save base+adapter merged in full precision to OUTPUT/merged"
    )

    def lora_targets(self) -> list[str]:
        """The resolved LoRA target list (the router is never one)."""
        targets = list(dict.fromkeys(self.lora_target))
        if self.lora_target_experts:
            targets += [t for t in EXPERT_LORA_TARGETS if t not in targets]
        forbidden = [t for t in targets if t in {"gate", "block_sparse_moe.gate", "all-linear"}]
        if forbidden:
            raise FinetuneError(
                f"LoRA target(s) {forbidden} would adapt the MoE router; it stays frozen "
                "(use --lora-target-experts to adapt the experts)"
            )
        return targets

    def validate(self) -> TrainConfig:
        if not self.dataset:
            raise FinetuneError("--dataset is required (a built version directory or hub id)")
        if not self.output:
            raise FinetuneError("--output is required")
        for name in (
            "cutoff_len",
            "batch_size",
            "grad_accum",
            "lora_r",
            "logging_steps",
            "save_steps",
        ):
            if getattr(self, name) is not None and getattr(self, name) < 1:
                raise FinetuneError(f"--{name.replace('_', '-')} must be >= 1")
        self.lora_targets()
        return self

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _base_type(annotation: str) -> type:
    """The option's value type from a (postponed, hence string) annotation like 'int | None'."""
    for name, kind in (("bool", bool), ("int", int), ("float", float), ("list", list)):
        if annotation.startswith(name):
            return kind
    return str


def build_parser() -> argparse.ArgumentParser:
    """Options generated from `TrainConfig`; unset ones stay absent so YAML can fill them."""
    parser = argparse.ArgumentParser(
        prog="python -m finetune",
        description=(
            "LoRA/QLoRA-tune Mixtral on a dataset version built by `curation`. Defaults reproduce "
            "Aurora (Mixtral-8x7B-Instruct, 4-bit NF4, LoRA r=8/alpha=16/dropout 0.1 on "
            "q_proj,v_proj, lr 5e-5, 3 epochs, cosine, batch 2 x grad-accum 4, cutoff 1024), "
            "with the MoE router kept unquantized and un-adapted and its load-balancing loss on."
        ),
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=argparse.SUPPRESS,
        help="YAML file with any of the options below (snake_case keys); "
        "command-line options override it",
    )
    for f in dataclasses.fields(TrainConfig):
        kind = _base_type(str(f.type))
        flag = "--" + f.name.replace("_", "-")
        default = f.default if f.default_factory is dataclasses.MISSING else f.default_factory()
        if isinstance(default, list):
            default = ",".join(default)
        shown = "required" if default is None and f.name in {"dataset", "output"} else default
        kwargs: dict[str, Any] = {
            "default": argparse.SUPPRESS,
            "help": f"{f.metadata['help']} (default: {shown})",
        }
        if "choices" in f.metadata:
            kwargs["choices"] = f.metadata["choices"]
        if kind is bool:
            parser.add_argument(flag, action=argparse.BooleanOptionalAction, **kwargs)
        elif kind is list:
            parser.add_argument(
                flag, type=lambda s: [t.strip() for t in s.split(",") if t.strip()], **kwargs
            )
        else:
            parser.add_argument(flag, type=kind, **kwargs)
    return parser


def load_config(argv: list[str] | None = None) -> TrainConfig:
    """Parse the command line (and YAML config, if given) into a validated `TrainConfig`."""
    args = vars(build_parser().parse_args(argv))
    values: dict[str, Any] = {}
    config_path = args.pop("config", None)
    if config_path is not None:
        if not config_path.is_file():
            raise FinetuneError(f"config file not found: {config_path}")
        loaded = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
        if not isinstance(loaded, dict):
            raise FinetuneError(f"{config_path} must hold a mapping of option: value")
        known = {f.name for f in dataclasses.fields(TrainConfig)}
        unknown = sorted(set(loaded) - known)
        if unknown:
            raise FinetuneError(f"unknown option(s) in {config_path}: {unknown}")
        values.update(loaded)
        if isinstance(values.get("lora_target"), str):
            values["lora_target"] = [t.strip() for t in values["lora_target"].split(",")]
    values.update(args)
    return TrainConfig(**values).validate()
