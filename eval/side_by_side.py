"""Fixed prompts answered by the base model and by every variant's adapter, so a dataset
change can be read, not only scored.

The prompts come from the ablation config (``side_by_side: {prompts: [...]}``) or a
file (``prompts_file``: a .txt file, one prompt per line, or a .json list of strings).
Answers use the training chat format (finetune.chat.encode_prompt), one fresh
conversation per prompt, seeded and by default greedy, so a rerun gives the same text;
they are cached by adapter and settings like the scores.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {"prompts": [], "prompts_file": None, "max_new_tokens": 128,
                            "temperature": 0.0, "seed": 0}


class PromptsError(ValueError):
    """Prompts the side-by-side cannot use."""


def load_prompts(settings: dict[str, Any], base: Path) -> list[str]:
    """The config's ``prompts`` followed by those of ``prompts_file`` (relative to ``base``)."""
    prompts = settings.get("prompts") or []
    if not isinstance(prompts, list) or not all(isinstance(p, str) for p in prompts):
        raise PromptsError("side_by_side.prompts must be a list of strings")
    if settings.get("prompts_file"):
        path = Path(settings["prompts_file"])
        path = path if path.is_absolute() else base / path
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise PromptsError(f"cannot read prompts file {path}: {e}") from None
        if path.suffix == ".json":
            try:
                loaded = json.loads(text)
            except json.JSONDecodeError as e:
                raise PromptsError(f"{path}: line {e.lineno}: malformed JSON: {e.msg}") from None
            if not isinstance(loaded, list) or not all(isinstance(p, str) for p in loaded):
                raise PromptsError(f"{path}: expected a JSON list of strings")
            prompts = [*prompts, *loaded]
        else:
            prompts = [*prompts, *(line.strip() for line in text.splitlines() if line.strip())]
    return [p for p in prompts if p.strip()]


def _key(adapter: str | None, prompts: list[str], settings: dict[str, Any], model: str) -> str:
    blob = json.dumps({"adapter": adapter, "prompts": prompts, "model": model,
                       **{k: settings[k] for k in ("max_new_tokens", "temperature", "seed")}},
                      sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def answer(model: Any, tokenizer: Any, prompts: list[str], settings: dict[str, Any]
           ) -> list[str]:
    """Each prompt in its own conversation, in the training format."""
    from finetune.terminal_chat import ChatSession

    out = []
    for prompt in prompts:
        session = ChatSession(model, tokenizer, max_new_tokens=settings["max_new_tokens"],
                              temperature=settings["temperature"], seed=settings["seed"])
        out.append(session.reply(prompt))
    return out


def side_by_side(models: list[tuple[str, str | None]], prompts: list[str],
                 settings: dict[str, Any], *, model_name: str, cache_dir: Path,
                 loaded: dict[str, Any]) -> dict[str, Any]:
    """Answers of each (label, adapter path or None for the base) to every prompt.

    ``loaded`` holds the base model and tokenizer under "model" (shared with scoring) or
    gets them; an adapter is attached for its answers and taken out again after."""
    answers: dict[str, list[str]] = {}
    for label, adapter in models:
        path = cache_dir / f"{_key(adapter, prompts, settings, model_name)}.json"
        if path.is_file():
            answers[label] = json.loads(path.read_text(encoding="utf-8"))["answers"]
            continue
        if "model" not in loaded:
            from eval.runner import load_model_and_tokenizer

            loaded["model"] = load_model_and_tokenizer(model_name)
        model, tokenizer = loaded["model"]
        if adapter is None:
            answers[label] = answer(model, tokenizer, prompts, settings)
        else:
            from peft import PeftModel

            tuned = PeftModel.from_pretrained(model, adapter)
            tuned.eval()
            try:
                answers[label] = answer(tuned, tokenizer, prompts, settings)
            finally:  # the shared base model must come back without LoRA layers
                tuned.unload()
                if hasattr(model, "peft_config"):
                    del model.peft_config
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"adapter": adapter, "answers": answers[label]},
                                   ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {"prompts": prompts,
            "settings": {k: settings[k] for k in ("max_new_tokens", "temperature", "seed")},
            "answers": answers}
