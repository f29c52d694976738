"""Next-token multiple-choice scoring with left padding and a reused few-shot KV cache.

The prediction for a question is the letter (A-D) whose token has the highest next-token logit
at the prompt's last position (LLaMA-Factory's rule; softmax over the four does not change the
argmax). Every question of a subject starts with the same header and shots, so the shared token
prefix is run once and its key/value cache is expanded over each batch of question suffixes.

Two details keep batched, cached and single-question results the same:

* left padding with explicit ``position_ids`` (positions count real tokens only); without them
  a padded row would be shifted by its pad count and score differently than at batch size 1;
* the prefix is the longest common prefix of the token ids of the subject's prompts, computed
  on ids rather than text, so the cached path feeds exactly the ids the uncached path feeds.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import torch

from eval.prompts import EncodedPrompt


@dataclass(frozen=True)
class Prediction:
    """Model output for one question: the chosen letter index and the four letter logits."""

    pred: int
    letter_logits: tuple[float, float, float, float]


@dataclass
class ScoreStats:
    """Work done, for the speed benchmark: forward passes and tokens actually computed."""

    questions: int = 0
    forwards: int = 0
    tokens: int = 0
    prefix_tokens_reused: int = 0
    seconds: float = 0.0


def shared_prefix_len(seqs: Sequence[Sequence[int]]) -> int:
    """Longest common prefix of all ``seqs``, leaving at least one token in each suffix."""
    if not seqs:
        return 0
    limit = min(len(s) for s in seqs) - 1
    first = seqs[0]
    n = 0
    while n < limit and all(s[n] == first[n] for s in seqs):
        n += 1
    return max(n, 0)


def _base_model(model: Any) -> Any:
    return model.get_base_model() if hasattr(model, "get_base_model") else model


def _device(model: Any) -> torch.device:
    device = getattr(model, "device", None)
    if isinstance(device, torch.device):
        return device
    return next(model.parameters()).device


class MultipleChoiceScorer:
    """Score encoded prompts with a causal LM (plain or peft-wrapped), in batches.

    ``reuse_prefix=False`` runs every prompt in full: the reference the cached path is tested
    against and the baseline of ``bench/eval_speed.py``.
    """

    def __init__(
        self, model: Any, pad_token_id: int, batch_size: int = 8, reuse_prefix: bool = True
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        self.model = model
        self.pad_token_id = pad_token_id
        self.batch_size = batch_size
        self.reuse_prefix = reuse_prefix
        self.stats = ScoreStats()
        forward = inspect.signature(_base_model(model).forward).parameters
        self._logits_kwargs = {"logits_to_keep": 1} if "logits_to_keep" in forward else {}
        sliding = getattr(getattr(_base_model(model), "config", None), "sliding_window", None)
        self._sliding_window = sliding

    # -- forward passes ------------------------------------------------------------------------
    def _left_pad(self, seqs: Sequence[Sequence[int]]) -> tuple[torch.Tensor, torch.Tensor]:
        width = max(len(s) for s in seqs)
        ids = torch.full((len(seqs), width), self.pad_token_id, dtype=torch.long)
        mask = torch.zeros((len(seqs), width), dtype=torch.long)
        for row, s in enumerate(seqs):
            ids[row, width - len(s):] = torch.tensor(list(s), dtype=torch.long)
            mask[row, width - len(s):] = 1
        return ids, mask

    def _last_logits(self, **inputs: Any) -> torch.Tensor:
        out = self.model(**inputs, **self._logits_kwargs)
        self.stats.forwards += 1
        return out.logits[:, -1, :].float()

    def _run_full(self, seqs: Sequence[Sequence[int]]) -> torch.Tensor:
        ids, mask = self._left_pad(seqs)
        positions = (mask.cumsum(-1) - 1).clamp(min=0)
        self.stats.tokens += int(mask.sum())
        device = _device(self.model)
        return self._last_logits(
            input_ids=ids.to(device),
            attention_mask=mask.to(device),
            position_ids=positions.to(device),
            use_cache=False,
        )

    def _prefix_cache(self, prefix: Sequence[int]) -> list[tuple[torch.Tensor, torch.Tensor]]:
        device = _device(self.model)
        ids = torch.tensor([list(prefix)], dtype=torch.long, device=device)
        out = self.model(input_ids=ids, use_cache=True, **self._logits_kwargs)
        self.stats.forwards += 1
        self.stats.tokens += len(prefix)
        cache = out.past_key_values
        if hasattr(cache, "layers"):
            return [(layer.keys, layer.values) for layer in cache.layers]
        return [(k, v) for k, v in cache.to_legacy_cache()]

    def _run_with_prefix(
        self,
        prefix_kv: list[tuple[torch.Tensor, torch.Tensor]],
        prefix_len: int,
        suffixes: Sequence[Sequence[int]],
    ) -> torch.Tensor:
        from transformers import DynamicCache

        ids, mask = self._left_pad(suffixes)
        batch = len(suffixes)
        positions = prefix_len + (mask.cumsum(-1) - 1).clamp(min=0)
        attention = torch.cat([torch.ones((batch, prefix_len), dtype=torch.long), mask], dim=1)
        # expand() is a view: the cache copies the prefix once per batch when it appends.
        data = [
            (k.expand(batch, -1, -1, -1), v.expand(batch, -1, -1, -1)) for k, v in prefix_kv
        ]
        cache = DynamicCache(ddp_cache_data=data)
        self.stats.tokens += int(mask.sum())
        self.stats.prefix_tokens_reused += prefix_len * batch
        device = _device(self.model)
        return self._last_logits(
            input_ids=ids.to(device),
            attention_mask=attention.to(device),
            position_ids=positions.to(device),
            past_key_values=cache,
            use_cache=True,
        )

    # -- public --------------------------------------------------------------------------------
    @torch.inference_mode()
    def letter_logits(self, prompts: Sequence[EncodedPrompt]) -> torch.Tensor:
        """``[n, 4]`` logits of the letter tokens, in the order of ``prompts``.

        Call once per subject: the shared prefix is computed over exactly these prompts.
        """
        if not prompts:
            return torch.empty((0, 4))
        start = time.perf_counter()
        seqs = [p.input_ids for p in prompts]
        prefix_len = shared_prefix_len(seqs) if self.reuse_prefix else 0
        if self._sliding_window is not None and max(len(s) for s in seqs) > self._sliding_window:
            prefix_len = 0  # a sliding-window cache would drop prefix keys the mask expects
        prefix_kv = self._prefix_cache(seqs[0][:prefix_len]) if prefix_len else None
        # longest first: fewer pad tokens per batch; results are put back in input order
        order = sorted(range(len(seqs)), key=lambda i: -len(seqs[i]))
        out = torch.empty((len(seqs), 4), dtype=torch.float32)
        for lo in range(0, len(order), self.batch_size):
            rows = order[lo: lo + self.batch_size]
            if prefix_kv is None:
                logits = self._run_full([seqs[i] for i in rows])
            else:
                logits = self._run_with_prefix(
                    prefix_kv, prefix_len, [seqs[i][prefix_len:] for i in rows]
                )
            letter_ids = torch.tensor([prompts[i].letter_ids for i in rows], device=logits.device)
            out[rows] = logits.gather(1, letter_ids).cpu()
        self.stats.questions += len(seqs)
        self.stats.seconds += time.perf_counter() - start
        return out

    def predict(self, prompts: Sequence[EncodedPrompt]) -> list[Prediction]:
        """Argmax letter per prompt (ties go to the earlier letter, as ``torch.argmax``)."""
        logits = self.letter_logits(prompts)
        preds = logits.argmax(dim=-1).tolist()
        return [
            Prediction(int(p), tuple(float(x) for x in row))  # type: ignore[arg-type]
            for p, row in zip(preds, logits.tolist(), strict=True)
        ]
