"""Questions/second of the multiple-choice scorer with and without few-shot prefix (KV) reuse.

Why: every question of a subject starts with the same header + 5 shots (~85-90% of its tokens
in the fixture); reusing that prefix's KV cache should cut work roughly by the prefix share,
more as subjects get larger. Measured on random-weight models (speed does not depend on the
weights) over the shipped fixture, optionally with each subject's questions repeated to a
realistic count (C-Eval val averages ~26 per subject, CMMLU test ~173, MMLU test ~246).

    .venv/bin/python bench/eval_speed.py                  # tiny-mixtral + a larger config
    .venv/bin/python bench/eval_speed.py --models tiny --questions-per-subject 0 25

Writes bench/results/eval_speed.json and prints a markdown table. Predictions with and without
reuse are compared on every run (the bench fails if they differ).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import torch  # noqa: E402

from curation.benchmarks import SubjectData, fixture_dir, load_local  # noqa: E402
from eval.runner import encode_all  # noqa: E402
from eval.scoring import MultipleChoiceScorer  # noqa: E402

#: A random Mixtral closer in shape to the real one (per-layer work dominates, not lm_head).
LARGER = {"hidden_size": 256, "intermediate_size": 896, "num_hidden_layers": 4,
          "num_attention_heads": 8, "num_key_value_heads": 2, "num_local_experts": 8,
          "num_experts_per_tok": 2}
MODELS = {"tiny": {}, "larger": LARGER}
TASKS = (("ceval", "val", "zh"), ("cmmlu", "test", "zh"), ("mmlu", "test", "en"))


def _scaled(data: list[SubjectData], per_subject: int) -> list[SubjectData]:
    """Repeat each subject's questions cyclically to ``per_subject`` (0 = as shipped)."""
    if per_subject <= 0:
        return data
    return [SubjectData(s.info, s.dev, tuple(s.questions[i % len(s.questions)]
                                              for i in range(per_subject))) for s in data]


def _time(model: Any, encoded: list[list[Any]], pad: int, batch: int, reuse: bool,
          repeats: int) -> tuple[float, Any, torch.Tensor]:
    times, stats, logits = [], None, None
    for _ in range(repeats):
        scorer = MultipleChoiceScorer(model, pad, batch, reuse)
        start = time.perf_counter()
        logits = torch.cat([scorer.letter_logits(p) for p in encoded])
        times.append(time.perf_counter() - start)
        stats = scorer.stats
    return statistics.median(times), stats, logits  # type: ignore[return-value]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--models", nargs="+", default=["tiny", "larger"], choices=sorted(MODELS))
    p.add_argument("--questions-per-subject", nargs="+", type=int, default=[0, 25],
                   help="0 = the fixture as shipped (4-5 per subject)")
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--template", default="chat", choices=["chat", "plain"])
    p.add_argument("--repeats", type=int, default=2, help="median of this many timed runs")
    p.add_argument("--threads", type=int, default=1,
                   help="torch threads (1: stable numbers on a shared 2-core machine)")
    p.add_argument("--output", default=str(REPO / "bench" / "results" / "eval_speed.json"))
    args = p.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    torch.set_num_threads(args.threads)

    from finetune.tiny import build_tiny_mixtral
    from finetune.tokenizer import load_mixtral_tokenizer

    tok = load_mixtral_tokenizer("mixtral")
    rows = []
    for model_name in args.models:
        model = build_tiny_mixtral(0, **MODELS[model_name])
        n_params = sum(x.numel() for x in model.parameters())
        for per_subject in args.questions_per_subject:
            for task, split, lang in TASKS:
                data = _scaled(load_local(task, fixture_dir(task), split), per_subject)
                encoded = encode_all(tok, data, lang, 5, args.template)
                n = sum(len(e) for e in encoded)
                _time(model, encoded[:1], tok.pad_token_id, args.batch_size, True, 1)  # warm-up
                result = {}
                for reuse in (False, True):
                    secs, stats, logits = _time(model, encoded, tok.pad_token_id,
                                                args.batch_size, reuse, args.repeats)
                    result[reuse] = (secs, stats, logits)
                same = torch.equal(result[True][2].argmax(-1), result[False][2].argmax(-1))
                max_diff = float((result[True][2] - result[False][2]).abs().max())
                if not same:
                    raise SystemExit(f"{model_name}/{task}: predictions differ with reuse")
                for reuse in (False, True):
                    secs, stats, _ = result[reuse]
                    rows.append({
                        "model": model_name, "params": n_params, "task": task,
                        "questions_per_subject": per_subject or "fixture",
                        "questions": n, "batch_size": args.batch_size, "reuse_prefix": reuse,
                        "seconds": round(secs, 4), "questions_per_second": round(n / secs, 2),
                        "forward_passes": stats.forwards, "tokens_computed": stats.tokens,
                        "speedup": round(result[False][0] / secs, 2) if reuse else 1.0,
                        "same_predictions": same, "max_abs_logit_diff": max_diff,
                    })
                    print(f"{model_name:6} {task:5} q/subj={per_subject or 'fix':>3} "
                          f"reuse={reuse!s:5} {n / secs:9.1f} q/s", file=sys.stderr)
    header = ("| model | task | q/subject | questions | q/s no reuse | q/s reuse | speedup | "
              "tokens no reuse → reuse |")
    lines = [header, "|---|---|---:|---:|---:|---:|---:|---:|"]
    for a, b in zip(rows[::2], rows[1::2], strict=True):
        lines.append(f"| {a['model']} | {a['task']} | {a['questions_per_subject']} | "
                     f"{a['questions']} | {a['questions_per_second']} | "
                     f"{b['questions_per_second']} | {b['speedup']}× | "
                     f"{a['tokens_computed']} → {b['tokens_computed']} |")
    print("\n".join(lines))
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "what": "questions/second of eval.scoring with vs without few-shot KV-cache reuse",
        "template": args.template, "n_shot": 5, "batch_size": args.batch_size,
        "repeats": args.repeats, "statistic": "median wall time",
        "torch_threads": torch.get_num_threads(), "torch": torch.__version__,
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count(),
                    "load_avg_1m_at_end": os.getloadavg()[0]},
        "models": {k: {**MODELS[k]} for k in args.models},
        "rows": rows, "table": lines,
    }, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
