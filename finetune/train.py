"""One training run: data -> tokens -> (4-bit) Mixtral + LoRA -> transformers Trainer -> outputs.

Outputs in `--output`: `adapter/` (LoRA weights + tokenizer), `checkpoint-N/` (resumable),
`train_log.jsonl`, `loss.png` and `manifest.json` (dataset lineage, model, every
hyperparameter, tokenization and padding counts, library versions).
"""

from __future__ import annotations

import ctypes
import json
import logging
import platform
import sys
import time
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import torch
from peft import LoraConfig, PeftModel, get_peft_model, prepare_model_for_kbit_training
from transformers import (
    PreTrainedModel,
    PreTrainedTokenizerBase,
    Trainer,
    TrainerCallback,
    TrainerControl,
    TrainerState,
    TrainingArguments,
    set_seed,
)
from transformers.trainer_utils import get_last_checkpoint

from finetune.chat import compare_with_chat_template
from finetune.config import TrainConfig
from finetune.data import CountingCollator, load_built_dataset, padding_share, tokenize_dataset
from finetune.errors import FinetuneError
from finetune.model import (
    SKIP_QUANTIZATION_MODULES,
    TINY_MIXTRAL,
    check_4bit_support,
    default_device,
    describe_model,
    load_model,
    resolve_model_path,
)
from finetune.tokenizer import load_mixtral_tokenizer

logger = logging.getLogger("finetune")

ADAPTER_DIR = "adapter"
MERGED_DIR = "merged"
LOG_FILE = "train_log.jsonl"
PLOT_FILE = "loss.png"
MANIFEST_FILE = "manifest.json"
LIBRARIES = (
    "torch",
    "transformers",
    "peft",
    "bitsandbytes",
    "accelerate",
    "datasets",
    "mistral_common",
)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            out[name] = version(name.replace("_", "-"))
        except PackageNotFoundError:
            out[name] = None
    return out


def resolve_precision(precision: str, device: torch.device) -> str:
    """'auto' -> bf16 on GPUs that support it, fp16 on other GPUs, fp32 on the CPU."""
    if precision == "auto":
        if device.type == "cuda":
            return "bf16" if torch.cuda.is_bf16_supported() else "fp16"
        return "fp32"
    if precision == "fp16" and device.type == "cpu":
        raise FinetuneError("--precision fp16 needs a GPU; use bf16 or fp32 on the CPU")
    return precision


DTYPES = {"bf16": torch.bfloat16, "fp16": torch.float16, "fp32": torch.float32}


class JsonlLogger(TrainerCallback):
    """Appends every Trainer log (loss, lr, grad norm, ...) as one JSON line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def write(self, record: dict[str, Any]) -> None:
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps({"time": _now(), **record}, ensure_ascii=False) + "\n")

    def on_log(
        self,
        args: TrainingArguments,
        state: TrainerState,
        control: TrainerControl,
        logs: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        if state.is_world_process_zero and logs:
            self.write({"step": state.global_step, "epoch": state.epoch, **logs})


def read_log(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def plot_loss(log_path: Path, png_path: Path, title: str = "training loss") -> int:
    """Training loss vs step from the JSONL log; returns the number of points drawn."""
    from matplotlib.figure import Figure  # no pyplot: no global state, no GUI backend

    points = sorted({r["step"]: r["loss"] for r in read_log(log_path) if "loss" in r}.items())
    figure = Figure(figsize=(7, 4), dpi=100)
    axes = figure.add_subplot()
    if points:
        steps, losses = zip(*points, strict=True)
        axes.plot(steps, losses, marker="o" if len(points) < 30 else None, linewidth=1.2)
    axes.set_xlabel("optimizer step")
    axes.set_ylabel("training loss")
    axes.set_title(title, fontsize=10)
    axes.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(png_path)
    return len(points)


def resolve_resume(resume: str, output: Path) -> str | None:
    if resume == "never":
        return None
    if resume == "auto":
        return get_last_checkpoint(str(output)) if output.is_dir() else None
    if not Path(resume).is_dir():
        raise FinetuneError(f"--resume checkpoint not found: {resume}")
    return resume


def finished_run(output: Path, checkpoint: str, config: TrainConfig) -> dict[str, Any] | None:
    """The manifest of a run whose last checkpoint already reached the step target.

    Resuming from the final checkpoint would make the Trainer start one more epoch and
    train a step past ``--max-steps``; a finished run is reported as it is instead.
    """
    state_path = Path(checkpoint) / "trainer_state.json"
    if not state_path.is_file():
        return None
    state = json.loads(state_path.read_text(encoding="utf-8"))
    target = config.max_steps if config.max_steps > 0 else state.get("max_steps", 0)
    if not target or state.get("global_step", 0) < target:
        return None
    manifest_path = output / MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) \
        if manifest_path.is_file() else {}
    if manifest.get("status") != "completed" or not (output / ADAPTER_DIR).is_dir():
        raise FinetuneError(
            f"{checkpoint} is already at step {state.get('global_step')} (the target) but "
            f"{output} has no finished outputs; rerun with --resume never to train again, "
            "or raise --max-steps to train further"
        )
    return manifest


def _check_same_lineage(output: Path, lineage: dict[str, Any], model: str) -> None:
    """Refuse to resume a checkpoint that was trained on other data or another base model."""
    path = output / MANIFEST_FILE
    if not path.is_file():
        return
    previous = json.loads(path.read_text(encoding="utf-8"))
    before = previous.get("dataset", {})
    for key in ("fingerprint", "data_files_sha256", "num_rows"):
        if before.get(key) != lineage.get(key):
            raise FinetuneError(
                f"cannot resume in {output}: its checkpoints were trained on different data "
                f"({key} {before.get(key)!r} != {lineage.get(key)!r}); use a new --output "
                "or --resume never"
            )
    if previous.get("model", {}).get("name_or_path") != model:
        raise FinetuneError(f"cannot resume in {output}: it was trained from another --model")


def attach_lora(model: PreTrainedModel, config: TrainConfig, quantized: bool) -> PeftModel:
    """QLoRA preparation (k-bit casts, input grads for checkpointing) and LoRA wrapping."""
    checkpointing_kwargs = {"use_reentrant": False}
    if quantized:
        model = prepare_model_for_kbit_training(
            model,
            use_gradient_checkpointing=config.gradient_checkpointing,
            gradient_checkpointing_kwargs=checkpointing_kwargs,
        )
    elif config.gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs=checkpointing_kwargs)
        model.enable_input_require_grads()
    lora = LoraConfig(
        r=config.lora_r,
        lora_alpha=config.lora_alpha,
        lora_dropout=config.lora_dropout,
        target_modules=config.lora_targets(),
        task_type="CAUSAL_LM",
    )
    return get_peft_model(model, lora)


def verify_structure(model: torch.nn.Module, quantized: bool) -> dict[str, Any]:
    """Fail the run if the router got quantized or adapted, or experts escaped 4-bit."""
    info = describe_model(model)
    adapted_routers = [n for n in info["lora_targets"] if n.endswith("block_sparse_moe.gate")]
    if adapted_routers:
        raise FinetuneError(f"LoRA was attached to the MoE router: {adapted_routers[:3]}")
    if (
        quantized
        and getattr(model.config, "model_type", None) == "mixtral"
        and not info["expert_linear_types"]
    ):
        raise FinetuneError(
            "no per-expert Linear layers found in this Mixtral: transformers>=5 fuses the experts "
            "into 3-D parameters that bitsandbytes leaves in bf16 (~90 GB for 8x7B); install "
            "transformers>=4.57,<5 (the [train] extra)"
        )
    if info["n_routers"]:
        if quantized and info["router_types"] != ["Linear"]:
            raise FinetuneError(f"the MoE router was quantized: {info['router_types']}")
        if quantized and set(info["expert_linear_types"]) != {"Linear4bit"}:
            raise FinetuneError(
                f"experts are not all 4-bit: {info['expert_linear_types']}; transformers>=5 "
                "fuses Mixtral experts and bitsandbytes skips them (pin transformers<5)"
            )
    return info


def keep_freed_memory_in_heap() -> bool:
    """On glibc, stop returning freed buffers of up to 32 MiB to the OS.

    CPU training allocates and frees the same activation and logit buffers every step;
    by default glibc unmaps them and the next step page-faults them back in (measured:
    tiny-mixtral on the sample trains 28% faster with this). Returns whether it applied.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        m_trim_threshold, m_top_pad, m_mmap_threshold = -1, -2, -3  # glibc's mallopt ids
        return bool(libc.mallopt(m_mmap_threshold, 32 * 2**20)
                    and libc.mallopt(m_trim_threshold, 2**31 - 1)
                    and libc.mallopt(m_top_pad, 256 * 2**20))
    except (OSError, AttributeError):  # not glibc
        return False


def run(config: TrainConfig) -> dict[str, Any]:
    """Train as configured and write all outputs; returns the manifest."""
    started = time.monotonic()
    config.validate()
    output = Path(config.output)
    device = default_device()
    if device.type == "cpu":
        keep_freed_memory_in_heap()
    precision = resolve_precision(config.precision, device)
    if config.load_in_4bit:
        check_4bit_support(device)  # before any slow work
    dataset, lineage = load_built_dataset(config.dataset, config.split)
    if config.max_samples is not None:
        dataset = dataset.select(range(min(config.max_samples, dataset.num_rows)))
        lineage["max_samples"] = config.max_samples
    resume_from = resolve_resume(config.resume, output)
    if resume_from is not None:
        _check_same_lineage(output, lineage, config.model)
        finished = finished_run(output, resume_from, config)
        if finished is not None:
            logger.info("%s already finished at step %s; nothing to train (use a new "
                        "--output, --resume never, or a larger --max-steps to train more)",
                        output, finished["training"]["global_step"])
            return finished
    set_seed(config.seed)

    try:
        tokenizer = load_mixtral_tokenizer(config.model)
    except (OSError, ValueError) as exc:  # no such folder; not a valid or reachable hub id
        raise FinetuneError(
            f"cannot load a tokenizer for --model {config.model!r}: {exc}"
        ) from None
    tokenizer.padding_side = "right"
    output.mkdir(parents=True, exist_ok=True)
    template_check = compare_with_chat_template(tokenizer)
    if template_check.get("checked") and not template_check.get("ids_equal"):
        logger.warning(
            "the tokenizer's chat template encodes differently from mistral-common's format"
        )
    train_dataset, stats = tokenize_dataset(
        dataset, tokenizer, config.cutoff_len, num_proc=config.num_proc
    )
    lengths = train_dataset["length"]
    padding = {
        "method": "group_by_length (transformers LengthGroupedSampler)"
        if config.group_by_length
        else "none",
        "estimated_share_grouped": padding_share(
            lengths, config.batch_size, config.grad_accum, group_by_length=True, seed=config.seed
        ),
        "estimated_share_random": padding_share(
            lengths, config.batch_size, config.grad_accum, group_by_length=False, seed=config.seed
        ),
    }

    compute_dtype = DTYPES[precision]
    model = load_model(
        config.model,
        quantize_4bit=config.load_in_4bit,
        compute_dtype=compute_dtype,
        double_quant=config.double_quant,
        quant_type=config.quant_type,
        seed=config.tiny_seed,
        output_router_logits=config.router_aux_loss,
        router_aux_loss_coef=config.router_aux_loss_coef,
    )
    model.config.use_cache = False
    model = attach_lora(model, config, config.load_in_4bit)
    structure = verify_structure(model, config.load_in_4bit)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)

    log = JsonlLogger(output / LOG_FILE)
    manifest: dict[str, Any] = {
        "kind": "aurora-finetune-run",
        "status": "running",
        "started_at": _now(),
        "command": sys.argv,
        "dataset": lineage,
        "model": {
            "name_or_path": config.model,
            "resolved_path": resolve_model_path(config.model, config.tiny_seed),
            "tiny_seed": config.tiny_seed if config.model == TINY_MIXTRAL else None,
            "quantization": {
                "load_in_4bit": True,
                "quant_type": config.quant_type,
                "double_quant": config.double_quant,
                "compute_dtype": precision,
                "skip_modules": list(SKIP_QUANTIZATION_MODULES),
            }
            if config.load_in_4bit
            else None,
            "router_types": structure["router_types"],
            "expert_linear_types": structure["expert_linear_types"],
            "lora_modules": len(structure["lora_targets"]),
            "param_bytes": structure["param_bytes"],
            "trainable_params": trainable,
        },
        "hyperparameters": {
            **config.to_dict(),
            "lora_targets_resolved": config.lora_targets(),
            "precision_resolved": precision,
            "effective_batch_size": config.batch_size * config.grad_accum,
        },
        "tokenization": stats.as_dict(),
        "chat_template_check": template_check,
        "padding": padding,
        "device": str(device),
        "versions": _versions(),
        "resumed_from": resume_from,
    }
    _write_json(output / MANIFEST_FILE, manifest)
    log.write(
        {
            "event": "start",
            "resumed_from": resume_from,
            "tokenization": stats.as_dict(),
            "padding": padding,
        }
    )

    collator = CountingCollator(tokenizer)
    args = TrainingArguments(
        output_dir=str(output),
        per_device_train_batch_size=config.batch_size,
        gradient_accumulation_steps=config.grad_accum,
        learning_rate=config.learning_rate,
        num_train_epochs=config.num_epochs,
        max_steps=config.max_steps,
        lr_scheduler_type=config.lr_scheduler,
        warmup_ratio=config.warmup_ratio,
        logging_steps=config.logging_steps,
        logging_first_step=True,
        save_strategy="steps",
        save_steps=config.save_steps,
        save_total_limit=config.save_total_limit,
        bf16=precision == "bf16",
        fp16=precision == "fp16",
        gradient_checkpointing=config.gradient_checkpointing,
        gradient_checkpointing_kwargs={"use_reentrant": False},
        group_by_length=config.group_by_length,
        length_column_name="length",
        remove_unused_columns=False,
        label_names=["labels"],
        seed=config.seed,
        data_seed=config.seed,
        report_to="none",
        dataloader_pin_memory=device.type == "cuda",
        disable_tqdm=not sys.stderr.isatty(),
        optim="adamw_torch",
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=train_dataset,
        data_collator=collator,
        processing_class=tokenizer,
        callbacks=[log],
    )
    result = trainer.train(resume_from_checkpoint=resume_from)

    adapter_dir = output / ADAPTER_DIR
    model.save_pretrained(adapter_dir, save_embedding_layers=False)  # vocab never resized
    tokenizer.save_pretrained(adapter_dir)
    fingerprint = str(lineage.get("fingerprint") or lineage.get("datasets_fingerprint"))[:12]
    title = (
        f"{config.model} on {lineage.get('dataset', config.dataset)} "
        f"{lineage.get('version', '')} (fingerprint {fingerprint})"
    )
    n_points = plot_loss(output / LOG_FILE, output / PLOT_FILE, title)
    padding["measured_share"] = collator.counter.share
    padding["measured_tokens"] = {
        "real": collator.counter.real_tokens,
        "total": collator.counter.total_tokens,
    }
    # by step, last write wins: a resumed run re-logs the steps after its checkpoint
    by_step = {r["step"]: r["loss"] for r in read_log(output / LOG_FILE) if "loss" in r}
    losses = [by_step[step] for step in sorted(by_step)]
    manifest.update(
        status="completed",
        finished_at=_now(),
        training={
            "global_step": trainer.state.global_step,
            "epoch": trainer.state.epoch,
            # mean of the logged losses over the whole run; the Trainer's own figure
            # divides a resumed session's loss by all steps, so it is kept only for reference
            "train_loss": sum(losses) / len(losses) if losses else None,
            "trainer_train_loss_this_session": result.training_loss,
            "first_logged_loss": losses[0] if losses else None,
            "last_logged_loss": losses[-1] if losses else None,
            "loss_points_plotted": n_points,
            "wall_seconds": round(time.monotonic() - started, 2),
        },
        outputs={"adapter": ADAPTER_DIR, "log": LOG_FILE, "plot": PLOT_FILE},
    )
    if config.merge:
        merge_adapter(
            adapter_dir, output / MERGED_DIR, base_model=config.model, tiny_seed=config.tiny_seed
        )
        manifest["outputs"]["merged"] = MERGED_DIR
    log.write({"event": "end", "global_step": trainer.state.global_step, "padding": padding})
    _write_json(output / MANIFEST_FILE, manifest)
    return manifest


def merge_adapter(
    adapter_dir: str | Path,
    output_dir: str | Path,
    *,
    base_model: str | None = None,
    tiny_seed: int = 0,
    compute_dtype: torch.dtype | None = None,
) -> Path:
    """Merge a LoRA adapter into a full-precision copy of its base and save it.

    A QLoRA adapter is merged into the unquantized base (the usual practice: merging into
    4-bit weights would re-quantize them). `base_model` defaults to the adapter's own record.
    """
    adapter_dir = Path(adapter_dir)
    if base_model is None:
        adapter_config = json.loads((adapter_dir / "adapter_config.json").read_text("utf-8"))
        base_model = adapter_config["base_model_name_or_path"]
    model = load_model(base_model, quantize_4bit=False, compute_dtype=compute_dtype, seed=tiny_seed)
    merged = PeftModel.from_pretrained(model, str(adapter_dir)).merge_and_unload()
    output_dir = Path(output_dir)
    merged.save_pretrained(output_dir)
    tokenizer: PreTrainedTokenizerBase = load_mixtral_tokenizer(str(adapter_dir))
    tokenizer.save_pretrained(output_dir)
    return output_dir


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(
        json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    tmp.replace(path)
