"""``python -m eval``: score a model (and optionally base+adapter) on C-Eval, MMLU or CMMLU.

The interface follows Aurora's LLaMA-Factory command (``--task --split --n-shot --lang
--batch-size``); differences are deliberate and reported: C-Eval defaults to ``val`` and refuses
``test`` (hidden answers), and ``--adapter`` scores the base model too, with the same pipeline.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from curation.benchmarks import BENCHMARKS, BenchmarkError, check_split, get_spec
from eval.prompts import LANGS, TEMPLATES

DEFAULT_LANG = {"ceval": "zh", "cmmlu": "zh", "mmlu": "en"}
EXAMPLE_ABLATION = Path(__file__).parent / "ablation.example.yaml"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m eval",
        description=(
            "Few-shot multiple-choice scoring (C-Eval / MMLU / CMMLU): the answer is the letter "
            "A-D with the highest next-token logit. With --adapter, the base model and "
            "base+adapter are both scored in one run and the delta is reported."
        ),
        epilog=(
            "Data: --data-dir DIR (official layout) or --fixture (the project's toy questions); "
            "with neither, the Hub copy is loaded, and an unreachable Hub is an error (the "
            "fixture is never scored unless asked for). Reports always say which data was "
            "scored.\n\n"
            "Ablation (build dataset variants, fine-tune each, score each): "
            "python -m eval ablation --config CONFIG.yaml; an example config ships as "
            f"{EXAMPLE_ABLATION} (python -m eval ablation --help)."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--model", required=True, help="local path, hub id, or 'tiny-mixtral'")
    p.add_argument("--adapter", help="peft LoRA adapter dir: score base AND base+adapter")
    p.add_argument("--tokenizer", help="tokenizer path/id (default: the model's; 'mixtral' for "
                   "the bundled Mixtral tokenizer)")
    p.add_argument("--task", required=True, choices=sorted(BENCHMARKS))
    p.add_argument("--split", help="default: val for ceval (test answers are hidden), test for "
                   "mmlu/cmmlu")
    p.add_argument("--n-shot", type=int, default=5, help="shots from dev, in file order (5)")
    p.add_argument("--lang", choices=LANGS, help="prompt language (default zh for ceval/cmmlu, "
                   "en for mmlu)")
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--template", choices=TEMPLATES, default="chat",
                   help="chat: shots as chat turns via the tokenizer's chat template (Aurora's "
                   "--template mistral); plain: one text, 'Answer: A' style (default chat)")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--data-dir", help="local benchmark dir in the official layout")
    src.add_argument("--fixture", action="store_true",
                     help="score the shipped toy fixture (for demos/tests, not a benchmark)")
    p.add_argument("--no-fixture-fallback", action="store_true",
                   help=argparse.SUPPRESS)  # the default now; kept so old commands still run
    p.add_argument("--subjects", help="comma-separated subset of subject file names")
    p.add_argument("--max-questions", type=int, help="score only the first N per subject")
    p.add_argument("--no-prefix-cache", action="store_true",
                   help="recompute the few-shot prefix per question (slower; for checking)")
    p.add_argument("--load-in-4bit", action="store_true", help="NF4 weights (as Aurora's eval)")
    p.add_argument("--dtype", default="auto", choices=["auto", "float32", "bfloat16", "float16"])
    p.add_argument("--tiny-seed", type=int, default=0, help="seed of tiny-mixtral's weights")
    p.add_argument("--threads", type=int, help="torch CPU threads")
    p.add_argument("--output-dir", help="where results.json/.md go (default "
                   "eval_results/<task>-<split>[-fixture])")
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point; a bug (not a user error) prints its traceback and a line saying so."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception:
        from curation.errors import report_bug

        report_bug("python -m eval")
        return 1


def _main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["ablation"]:
        from eval.ablation import main as ablation_main

        return ablation_main(argv[1:])
    args = build_parser().parse_args(argv)
    spec = get_spec(args.task)
    split = args.split or spec.default_split
    lang = args.lang or DEFAULT_LANG[args.task]
    try:
        check_split(spec, split)  # refuse C-Eval test before loading any model
        if args.adapter and not Path(args.adapter).is_dir():
            raise BenchmarkError(f"--adapter {args.adapter!r} is not a directory")
        from eval.report import write_report
        from eval.runner import evaluate, load_model_and_tokenizer, resolve_data

        subjects = [s.strip() for s in args.subjects.split(",")] if args.subjects else None
        data, source = resolve_data(
            args.task, split, args.data_dir, args.fixture, subjects, args.max_questions,
        )
        if args.threads:
            import torch

            torch.set_num_threads(args.threads)
        model, tokenizer = load_model_and_tokenizer(
            args.model, args.tokenizer, args.load_in_4bit, args.dtype, args.tiny_seed
        )
        report = evaluate(
            model, tokenizer, task=args.task, split=split, data=data, source=source,
            model_name=args.model, adapter=args.adapter, n_shot=args.n_shot, lang=lang,
            template=args.template, batch_size=args.batch_size,
            reuse_prefix=not args.no_prefix_cache,
        )
    except BenchmarkError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    suffix = "-fixture" if source.is_fixture else ""
    out = Path(args.output_dir or f"eval_results/{args.task}-{split}{suffix}")
    json_path, md_path = write_report(report, out)
    for run in report["runs"]:
        o = run["summary"]["overall"]
        print(f"{run['label']}: {o['accuracy_pct']:.2f}% ({o['correct']}/{o['n']}, "
              f"per question) on {args.task} {split} [{source.source}]")
    if "delta" in report:
        print(f"delta (adapter - base): {report['delta']['overall_pts']:+.2f} points")
    if source.is_fixture:
        print("NOTE: scored the project's toy fixture, not the benchmark.")
    print(f"wrote {json_path} and {md_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
