"""Benchmarks from their Hugging Face Hub copies (one config per subject)."""

from __future__ import annotations

import os
from collections.abc import Iterable

from curation.benchmarks.specs import LETTERS, BenchmarkError, Question, SubjectData, get_spec

_HUB_SPLIT = {"mmlu": {"val": "validation"}}


def _hub_rows_to_questions(task: str, rows: Iterable[dict], where: str) -> list[Question]:
    out = []
    for n, r in enumerate(rows):
        if task == "mmlu":
            choices, ans = list(r["choices"]), r["answer"]
            if len(choices) != 4 or ans not in (0, 1, 2, 3):
                raise BenchmarkError(f"{where}: row {n}: expected 4 choices and answer 0-3")
            out.append(Question(str(n), r["question"], tuple(choices), LETTERS[ans]))  # type: ignore[arg-type]
            continue
        q_key, a_key = ("question", "answer") if task == "ceval" else ("Question", "Answer")
        answer = r.get(a_key)
        if answer in (None, "") and task == "ceval":
            answer = None
        elif answer not in LETTERS:
            raise BenchmarkError(f"{where}: row {n}: answer {answer!r} is not one of A, B, C, D")
        choices = tuple(str(r[k]) for k in LETTERS)
        out.append(Question(str(r.get("id", n)), r[q_key], choices, answer))  # type: ignore[arg-type]
    return out


def load_hub(
    task: str, split: str, subjects: Iterable[str] | None = None, cache_dir: str | None = None
) -> list[SubjectData]:
    """Load from the Hub copy (``ceval/ceval-exam``, ``cais/mmlu``, ``haonan-li/cmmlu``).

    One config per subject, as those repos are organised. Any failure (offline, renamed repo)
    becomes a :class:`BenchmarkError` pointing at ``--data-dir``/``--fixture``. Not exercised
    against the live Hub here (no network); ``haonan-li/cmmlu`` is published with a loading
    script, which ``datasets`` >= 4 no longer runs, so for CMMLU the official zip with
    ``--data-dir`` is the dependable route.
    """
    spec = get_spec(task)
    names = list(subjects) if subjects is not None else list(spec.subjects)
    if os.environ.get("HF_HUB_OFFLINE") == "1" or os.environ.get("HF_DATASETS_OFFLINE") == "1":
        raise BenchmarkError(
            f"cannot load {spec.hub_id} from the Hugging Face Hub: offline mode is set "
            f"(HF_HUB_OFFLINE/HF_DATASETS_OFFLINE). Pass --data-dir DIR with the official "
            f"{task} files, or --fixture for the project's toy fixture."
        )
    import datasets

    out = []
    for name in names:
        if name not in spec.subjects:
            raise BenchmarkError(f"unknown {task} subject {name!r}")
        hub_split = _HUB_SPLIT.get(task, {}).get(split, split)
        where = f"{spec.hub_id}:{name}"
        try:
            dev = datasets.load_dataset(spec.hub_id, name, split="dev", cache_dir=cache_dir)
            ev = datasets.load_dataset(spec.hub_id, name, split=hub_split, cache_dir=cache_dir)
        except Exception as e:  # network, auth, missing config: all end the same way for users
            raise BenchmarkError(
                f"cannot load {where} ({split}) from the Hugging Face Hub: "
                f"{type(e).__name__}: {e}. Pass --data-dir DIR with the official {task} files, "
                f"or --fixture for the project's toy fixture."
            ) from e
        out.append(
            SubjectData(
                spec.subjects[name],
                tuple(_hub_rows_to_questions(task, dev, f"{where}/dev")),
                tuple(_hub_rows_to_questions(task, ev, f"{where}/{split}")),
            )
        )
    return out
