"""Model loading: real Mixtral checkpoints and the offline `tiny-mixtral`, full or 4-bit.

Pinned to transformers 4.57 (`>=4.57,<5`): there Mixtral's experts are per-expert
`nn.Linear` modules (`block_sparse_moe.experts.N.w1/w2/w3`) that bitsandbytes turns into
4-bit `Linear4bit`. transformers 5 fuses them into 3-D parameters that stay in bf16
(~90 GB for 8x7B). The router (`block_sparse_moe.gate`) is kept out of quantization:
its 8 logits per token pick the experts and 4-bit rounding can flip that choice.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import torch
from torch import nn
from transformers import (
    AutoModelForCausalLM,
    BitsAndBytesConfig,
    MixtralConfig,
    MixtralForCausalLM,
    PreTrainedModel,
)

from finetune.errors import FinetuneError, FourBitUnavailableError
from finetune.tokenizer import cache_root, load_mixtral_tokenizer

#: Name of the built-in random-initialised small Mixtral.
TINY_MIXTRAL = "tiny-mixtral"

#: Modules bitsandbytes must leave in full precision. transformers 4.57 matches these
#: against each module's own name (and full dotted path), so "gate" is exactly the MoE
#: router `block_sparse_moe.gate` and not, e.g., a `gate_proj`.
SKIP_QUANTIZATION_MODULES: tuple[str, ...] = ("gate", "lm_head")

#: Architecture of tiny-mixtral: Mixtral's, shrunk; the vocabulary stays the real 32k.
TINY_MIXTRAL_CONFIG: dict[str, Any] = {
    "vocab_size": 32000,
    "hidden_size": 64,
    "intermediate_size": 128,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "num_key_value_heads": 2,
    "num_local_experts": 4,
    "num_experts_per_tok": 2,
    "max_position_embeddings": 4096,
    "rope_theta": 1e6,
    "sliding_window": None,
    "tie_word_embeddings": False,
    "bos_token_id": 1,
    "eos_token_id": 2,
    "pad_token_id": 0,
    "router_aux_loss_coef": 0.02,
}


def build_tiny_mixtral(seed: int = 0, **overrides: Any) -> MixtralForCausalLM:
    """A small random `MixtralForCausalLM` (~4.3M params), identical for identical arguments.

    Same architecture and tokenizer vocabulary as Mixtral-8x7B, so every code path
    (routing, experts, 4-bit, LoRA) runs on a CPU in seconds. The global RNG is untouched.
    """
    config = MixtralConfig(**{**TINY_MIXTRAL_CONFIG, **overrides})
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = MixtralForCausalLM(config)
    return model.eval()


def tiny_mixtral_dir(seed: int = 0, **overrides: Any) -> Path:
    """Save tiny-mixtral (weights + tokenizer) once to the cache and return the folder.

    Loading it back with `from_pretrained` exercises the same path as a real checkpoint
    (including bitsandbytes quantization), and the folder is a valid `base_model` for
    adapters, merging and eval.
    """
    spec = json.dumps({"seed": seed, **TINY_MIXTRAL_CONFIG, **overrides}, sort_keys=True)
    digest = hashlib.sha256(spec.encode()).hexdigest()[:16]
    root = cache_root()
    target = root / f"tiny-mixtral-{digest}"
    if (target / "config.json").is_file():
        return target
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tiny-mixtral-", dir=root))
    build_tiny_mixtral(seed, **overrides).save_pretrained(tmp)
    tokenizer = load_mixtral_tokenizer(TINY_MIXTRAL)
    tokenizer.save_pretrained(tmp)
    (tmp / "tiny_mixtral.json").write_text(spec + "\n", encoding="utf-8")
    try:
        tmp.rename(target)
    except OSError:  # a concurrent caller saved the identical model first
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def resolve_model_path(name_or_path: str, seed: int = 0) -> str:
    """Map `tiny-mixtral` to its cached folder; anything else is a path or hub id."""
    return str(tiny_mixtral_dir(seed)) if name_or_path == TINY_MIXTRAL else name_or_path


def default_device() -> torch.device:
    """The device training will use: the current accelerator if any, else the CPU."""
    accelerator = getattr(torch, "accelerator", None)
    if accelerator is not None and accelerator.is_available():
        current = accelerator.current_accelerator()
        if current is not None:
            return torch.device(current.type)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def default_compute_dtype(device: torch.device | None = None) -> torch.dtype:
    """bf16 where the GPU supports it (Aurora used fp16 on older GPUs); fp32 on the CPU."""
    device = device or default_device()
    if device.type == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    return torch.float32


def check_4bit_support(device: str | torch.device | None = None) -> None:
    """Fail with a clear message unless bitsandbytes can NF4-quantize on `device`.

    Runs a real quantize/dequantize round trip on a small tensor and checks the values,
    because an import can succeed on platforms where the kernels then fail.
    """
    device = torch.device(device) if device is not None else default_device()
    hint = "Run without 4-bit (`--no-load-in-4bit`, plain LoRA) or use a supported GPU/CPU."
    try:
        import bitsandbytes.functional as bnb_functional
    except Exception as exc:  # ImportError, or a broken native library
        raise FourBitUnavailableError(
            f"4-bit quantization needs bitsandbytes, which cannot be imported here "
            f"({type(exc).__name__}: {exc}). {hint}"
        ) from None
    try:
        generator = torch.Generator().manual_seed(0)
        reference = torch.randn(64, 64, generator=generator)
        packed, state = bnb_functional.quantize_4bit(reference.to(device), quant_type="nf4")
        restored = bnb_functional.dequantize_4bit(packed, state).to("cpu", torch.float32)
        error = (restored - reference).abs().max().item()
    except Exception as exc:
        raise FourBitUnavailableError(
            f"bitsandbytes cannot run NF4 4-bit quantization on device '{device}' "
            f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}). {hint}"
        ) from None
    if not error < 1.0:  # NF4 on N(0,1) data is off by well under 1
        raise FourBitUnavailableError(
            f"bitsandbytes NF4 on device '{device}' returned wrong values "
            f"(max error {error:.3g}). {hint}"
        )


def quantization_config(
    compute_dtype: torch.dtype, *, double_quant: bool = True, quant_type: str = "nf4"
) -> BitsAndBytesConfig:
    """QLoRA's 4-bit config, with the router and lm_head kept in full precision."""
    return BitsAndBytesConfig(
        load_in_4bit=True,
        bnb_4bit_quant_type=quant_type,
        bnb_4bit_use_double_quant=double_quant,
        bnb_4bit_compute_dtype=compute_dtype,
        llm_int8_skip_modules=list(SKIP_QUANTIZATION_MODULES),
    )


def load_model(
    name_or_path: str,
    quantize_4bit: bool = False,
    *,
    compute_dtype: torch.dtype | None = None,
    double_quant: bool = True,
    quant_type: str = "nf4",
    seed: int = 0,
    output_router_logits: bool | None = None,
    router_aux_loss_coef: float | None = None,
    adapter: str | os.PathLike[str] | None = None,
    device_map: str | dict[str, Any] | None = None,
) -> PreTrainedModel:
    """Load a causal LM (`tiny-mixtral`, a local path or a hub id), optionally in 4-bit.

    `compute_dtype` defaults to bf16/fp16 on a GPU and fp32 on the CPU; non-quantized
    weights are loaded in it. `seed` only matters for tiny-mixtral. `adapter` applies a
    saved LoRA adapter on top (not merged). Router settings override the model config.
    """
    device = default_device()
    dtype = compute_dtype or default_compute_dtype(device)
    kwargs: dict[str, Any] = {"dtype": dtype}
    if quantize_4bit:
        check_4bit_support(device)
        kwargs["quantization_config"] = quantization_config(
            dtype, double_quant=double_quant, quant_type=quant_type
        )
        if device_map is None and device.type != "cpu":  # 4-bit weights must be placed at load
            device_map = {"": int(os.environ.get("LOCAL_RANK", "0"))}
    if device_map is not None:
        kwargs["device_map"] = device_map
    try:
        model = AutoModelForCausalLM.from_pretrained(
            resolve_model_path(name_or_path, seed), **kwargs
        )
    except (OSError, ValueError) as exc:  # no such folder; not a valid or reachable hub id
        raise FinetuneError(f"cannot load model {name_or_path!r}: {exc}") from None
    if output_router_logits is not None:
        model.config.output_router_logits = output_router_logits
    if router_aux_loss_coef is not None:
        model.config.router_aux_loss_coef = router_aux_loss_coef
        if hasattr(model, "router_aux_loss_coef"):  # MixtralForCausalLM caches it at init
            model.router_aux_loss_coef = router_aux_loss_coef
    if adapter is not None:
        from peft import PeftModel

        model = PeftModel.from_pretrained(model, str(adapter))
    return model


def _is_router(name: str) -> bool:
    return name.endswith("block_sparse_moe.gate")


def _is_expert(name: str) -> bool:
    return ".experts." in name and name.rsplit(".", 1)[-1] in {"w1", "w2", "w3"}


def describe_model(model: nn.Module) -> dict[str, Any]:
    """Module types and parameter bytes: the evidence that experts are 4-bit and routers not.

    Names are matched on the base model's own module names (peft wrappers are looked
    through), and LoRA-adapted modules are listed so the router can be shown un-adapted.
    """
    routers: dict[str, str] = {}
    expert_types: Counter[str] = Counter()
    lora_targets: list[str] = []
    for name, module in model.named_modules():
        clean = name.replace("base_model.model.", "", 1)
        if hasattr(module, "lora_A") and hasattr(module, "base_layer"):
            lora_targets.append(clean)
        base = getattr(module, "base_layer", module)
        if _is_router(clean):
            routers[clean] = type(base).__name__
        elif _is_expert(clean):
            expert_types[type(base).__name__] += 1
    param_bytes = 0
    expert_bytes = 0
    for name, param in model.named_parameters():
        size = param.numel() * param.element_size()
        param_bytes += size
        if ".experts." in name and "lora_" not in name:
            expert_bytes += size
    types = Counter(type(m).__name__ for m in model.modules())
    return {
        "module_types": dict(sorted(types.items())),
        "router_types": sorted(set(routers.values())),
        "n_routers": len(routers),
        "expert_linear_types": dict(expert_types),
        "lora_targets": lora_targets,
        "param_bytes": param_bytes,
        "expert_param_bytes": expert_bytes,
    }
