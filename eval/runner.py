"""One evaluation run: resolve the data, load model (+ adapter), score, build the report.

Base and adapter are scored by the same code on the same loaded weights: the adapter is
attached with peft and the base run happens inside ``disable_adapter()``, so the only difference
between the two numbers is the LoRA update (and one 8x7B load, not two).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from curation.benchmarks import (
    LETTERS,
    BenchmarkError,
    SubjectData,
    check_split,
    fixture_dir,
    get_spec,
    load_hub,
    load_local,
)
from eval.prompts import EncodedPrompt, encode_subject
from eval.report import AVERAGING, compare, read_lineage, summarize
from eval.scoring import MultipleChoiceScorer, ScoreStats


@dataclass(frozen=True)
class DataSource:
    """Where the scored questions came from; printed in every report."""

    source: str  # "local", "fixture" or "hub"
    location: str
    is_fixture: bool
    note: str = ""


def resolve_data(
    task: str,
    split: str,
    data_dir: str | Path | None = None,
    fixture: bool = False,
    subjects: Sequence[str] | None = None,
    max_questions: int | None = None,
) -> tuple[list[SubjectData], DataSource]:
    """Load the benchmark from ``data_dir``, the fixture, or the Hub (in that precedence).

    The fixture is scored only when asked for: an unreachable Hub is an error that says
    how to point at a local copy, never a silent switch to the toy questions.
    """
    spec = get_spec(task)
    check_split(spec, split)
    if data_dir is not None and fixture:
        raise BenchmarkError("pass either --data-dir or --fixture, not both")
    if fixture:
        data = load_local(task, fixture_dir(task), split, subjects)
        src = DataSource("fixture", str(fixture_dir(task)), True)
    elif data_dir is not None:
        data = load_local(task, Path(data_dir), split, subjects)
        src = DataSource("local", str(Path(data_dir).resolve()), False)
    else:
        data = load_hub(task, split, subjects)
        src = DataSource("hub", spec.hub_id, False)
    if max_questions is not None:
        data = [SubjectData(s.info, s.dev, s.questions[:max_questions]) for s in data]
        src = DataSource(src.source, src.location, src.is_fixture,
                         (src.note + " " if src.note else "")
                         + f"Only the first {max_questions} questions of each subject were scored.")
    return data, src


def encode_all(
    tokenizer: Any, data: Sequence[SubjectData], lang: str, n_shot: int, template: str
) -> list[list[EncodedPrompt]]:
    """Encode every subject's questions (per subject: they share one few-shot prefix)."""
    return [encode_subject(tokenizer, s, lang, n_shot, template) for s in data]


def score_encoded(
    model: Any,
    encoded: Sequence[Sequence[EncodedPrompt]],
    pad_token_id: int,
    batch_size: int = 8,
    reuse_prefix: bool = True,
) -> tuple[list[dict[str, Any]], ScoreStats]:
    """Per-question records (answer, prediction, letter logits) for all subjects."""
    scorer = MultipleChoiceScorer(model, pad_token_id, batch_size, reuse_prefix)
    records: list[dict[str, Any]] = []
    for prompts in encoded:
        for p, pred in zip(prompts, scorer.predict(prompts), strict=True):
            records.append({
                "subject": p.subject,
                "id": p.qid,
                "answer": None if p.answer is None else LETTERS[p.answer],
                "pred": LETTERS[pred.pred],
                "correct": p.answer == pred.pred,
                "letter_logits": [round(x, 5) for x in pred.letter_logits],
            })
    return records, scorer.stats


LOAD_HINT = ("give a local model folder, 'tiny-mixtral', or a Hub id with network access "
             "(HF_HUB_OFFLINE=1 only finds models already in the cache)")


def _first_line(e: BaseException) -> str:
    text = str(e).strip() or type(e).__name__
    return text.splitlines()[0][:300]


def load_adapter(model: Any, adapter: str | Path) -> Any:
    """``model`` with the peft adapter attached; a folder that is not one is a user error."""
    from peft import PeftModel

    try:
        return PeftModel.from_pretrained(model, str(adapter))
    except (OSError, ValueError, KeyError, RuntimeError) as e:
        raise BenchmarkError(f"cannot load --adapter {str(adapter)!r}: {_first_line(e)}; it "
                             "must be a LoRA adapter folder (adapter_config.json + weights) "
                             "trained on this --model") from None


def load_model_and_tokenizer(
    model: str,
    tokenizer: str | None = None,
    load_in_4bit: bool = False,
    dtype: str = "auto",
    tiny_seed: int = 0,
) -> tuple[Any, Any]:
    """Model and tokenizer via the finetune package's loaders (tiny-mixtral, path or hub id)."""
    import torch

    from finetune.tiny import load_model
    from finetune.tokenizer import load_mixtral_tokenizer

    try:
        tok = load_mixtral_tokenizer(tokenizer or model)
    except (OSError, ValueError) as e:  # no such folder; not a valid or reachable hub id
        flag = "--tokenizer" if tokenizer else "--model"
        raise BenchmarkError(f"cannot load a tokenizer for {flag} {tokenizer or model!r}: "
                             f"{_first_line(e)}; {LOAD_HINT}") from None
    compute = None if dtype == "auto" else getattr(torch, dtype)
    device_map = None
    if torch.cuda.is_available() and not load_in_4bit:
        device_map = "auto"
    try:
        m = load_model(model, load_in_4bit, compute_dtype=compute, seed=tiny_seed,
                       device_map=device_map)
    except (OSError, ValueError) as e:
        raise BenchmarkError(f"cannot load --model {model!r}: {_first_line(e)}; "
                             f"{LOAD_HINT}") from None
    m.eval()
    return m, tok


def _run_record(
    label: str, model_name: str, adapter: str | None, records: list[dict[str, Any]],
    stats: ScoreStats, spec: Any,
) -> dict[str, Any]:
    return {
        "label": label,
        "model": model_name,
        "adapter": adapter,
        "summary": summarize(spec, records),
        "seconds": round(stats.seconds, 3),
        "questions_per_second": round(stats.questions / stats.seconds, 3) if stats.seconds else 0,
        "work": asdict(stats),
        "predictions": records,
    }


def evaluate(
    model: Any,
    tokenizer: Any,
    *,
    task: str,
    split: str,
    data: Sequence[SubjectData],
    source: DataSource,
    model_name: str,
    adapter: str | None = None,
    n_shot: int = 5,
    lang: str = "zh",
    template: str = "chat",
    batch_size: int = 8,
    reuse_prefix: bool = True,
) -> dict[str, Any]:
    """Score base (and base+adapter when ``adapter`` is given) and return the report dict."""
    spec = get_spec(task)
    encoded = encode_all(tokenizer, data, lang, n_shot, template)
    if any(p.answer is None for prompts in encoded for p in prompts):
        raise BenchmarkError(f"{task} {split}: some questions have no answer; cannot score")
    first = encoded[0][0] if encoded and encoded[0] else None
    letter_tokens = (
        {letter: tokenizer.convert_ids_to_tokens(int(i)) for letter, i in
         zip(LETTERS, first.letter_ids, strict=True)} if first else {}
    )
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    runs = []
    if adapter is None:
        records, stats = score_encoded(model, encoded, pad, batch_size, reuse_prefix)
        runs.append(_run_record("base", model_name, None, records, stats, spec))
    else:
        tuned = load_adapter(model, adapter)
        tuned.eval()
        try:
            with tuned.disable_adapter():
                records, stats = score_encoded(tuned, encoded, pad, batch_size, reuse_prefix)
            runs.append(_run_record("base", model_name, None, records, stats, spec))
            records_t, stats_t = score_encoded(tuned, encoded, pad, batch_size, reuse_prefix)
        finally:
            # peft injects the LoRA layers into `model` in place: take them out again so the
            # caller's model is the base model for its next use (another adapter, say).
            tuned.unload()
            if hasattr(model, "peft_config"):
                del model.peft_config
        run = _run_record("adapter", model_name, str(adapter), records_t, stats_t, spec)
        run["lineage"] = read_lineage(adapter)
        runs.append(run)
    report: dict[str, Any] = {
        "task": task,
        "split": split,
        "n_shot": n_shot,
        "lang": lang,
        "template": template,
        "batch_size": batch_size,
        "prefix_cache": reuse_prefix,
        "shots": "first n_shot dev questions in file order",
        "letter_tokens": letter_tokens,
        "prediction_rule": "argmax of next-token logits over the four letter tokens",
        "averaging": AVERAGING,
        "category_map": spec.category_source,
        "data": {
            **asdict(source),
            "n_subjects": len(data),
            "n_questions": sum(len(s.questions) for s in data),
            "subjects": [s.info.name for s in data],
        },
        "runs": runs,
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    if len(runs) == 2:
        report["delta"] = compare(runs[0]["summary"], runs[1]["summary"],
                                  runs[0]["predictions"], runs[1]["predictions"])
    return report
