"""Small models with known behaviour, for the tests and ``bench/eval_speed.py``.

Why not just tiny-mixtral: at its default init (std 0.02) it answers the same letter for every
question, so agreement checks between scorers would pass trivially. ``varied_tiny_model`` uses a
larger init so predictions differ between questions; ``force_letter`` makes a model prefer one
token by construction, so the expected accuracy is known exactly.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import torch


@functools.cache
def mixtral_tokenizer() -> Any:
    """The real Mixtral tokenizer, loaded once per process (its conversion takes seconds)."""
    from finetune.tokenizer import load_mixtral_tokenizer

    return load_mixtral_tokenizer("mixtral")


def varied_tiny_model(seed: int = 0, **overrides: Any) -> Any:
    """tiny-mixtral with a wide init (std 0.5): its predictions vary from question to question."""
    from finetune.tiny import build_tiny_mixtral

    return build_tiny_mixtral(seed, **{"initializer_range": 0.5, **overrides})


def force_letter(model: Any, token_ids: Iterable[int], boost: float = 1e4) -> Any:
    """Give ``model``'s output layer a bias of ``boost`` on ``token_ids`` (in place).

    The forward pass is otherwise untouched, so every question's argmax becomes the boosted
    token among the scored ones, whatever the prompt.
    """
    old = model.lm_head
    new = torch.nn.Linear(old.in_features, old.out_features, bias=True,
                          dtype=old.weight.dtype, device=old.weight.device)
    with torch.no_grad():
        new.weight.copy_(old.weight)
        new.bias.zero_()
        for t in token_ids:
            new.bias[t] = boost
    model.lm_head = new
    return model


def make_lora_adapter(model: Any, out_dir: str | Path, seed: int = 0, r: int = 4) -> Path:
    """Save a random (non-zero) LoRA adapter on q_proj/v_proj of ``model`` to ``out_dir``.

    ``init_lora_weights=False`` initialises both LoRA matrices randomly, so the adapter changes
    the logits without any training. ``model`` itself is left without LoRA layers.
    """
    import copy

    from peft import LoraConfig, get_peft_model

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        peft_model = get_peft_model(
            copy.deepcopy(model),
            LoraConfig(r=r, lora_alpha=2 * r, target_modules=["q_proj", "v_proj"],
                       init_lora_weights=False, task_type="CAUSAL_LM"),
        )
    out = Path(out_dir)
    peft_model.save_pretrained(out)
    return out
