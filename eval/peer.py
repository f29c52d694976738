"""Independent checks of the scorer: lm-evaluation-harness, and a plain log-likelihood loop.

Why two: lm-evaluation-harness (``lm_eval``, optional, not a project dependency) is a peer
implementation written by others — its own CSV loading (pandas via ``datasets``), prompt
assembly, context/continuation split, right-padded batching and log-softmax scoring. The
log-likelihood loop is ours but shares nothing with :mod:`eval.scoring` beyond the prompt text:
one unpadded, uncached forward per (question, letter) over the full sequence prompt+letter.

Both score the ``plain`` format, the one lm-eval renders the same way. lm-eval's chat mode
(``apply_chat_template``) appends the letter with no space after ``[/INST]`` and so scores
token ``A`` where the shots show ``▁A``; it would disagree by design, so it is not compared.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import torch

from curation.benchmarks import LETTERS, SubjectData, get_spec, subject_file
from eval.prompts import ANSWER_CUE, HEADER, PLAIN_LETTER_SEP, SHOT_SEP, plain_prompt

_COLUMNS = {  # (question column, answer column, column names for header-less files)
    "ceval": ("question", "answer", None),
    "cmmlu": ("Question", "Answer", None),
    "mmlu": ("question", "answer", ["question", "A", "B", "C", "D", "answer"]),
}


def lm_eval_task_config(
    task: str, data_dir: Path, split: str, subject: str, lang: str, name: str
) -> dict[str, Any]:
    """An lm-eval task reading one subject's official CSVs with our ``plain`` prompt wording.

    Every used column is read as a string (``features``) and "NA"-like cells stay text, so
    options such as "0.50" or "None" reach the prompt verbatim, as in our loader.
    """
    import datasets

    q_col, a_col, names = _COLUMNS[task]
    used = [q_col, *LETTERS, a_col]
    info = get_spec(task).subjects[subject]
    options = "".join(f"\n{letter}. {{{{{letter}}}}}" for letter in LETTERS)
    kwargs: dict[str, Any] = {
        "data_files": {
            "dev": str(subject_file(task, data_dir, subject, "dev")),
            split: str(subject_file(task, data_dir, subject, split)),
        },
        "features": datasets.Features({c: datasets.Value("string") for c in used}),
        "keep_default_na": False,
    }
    if names:
        kwargs.update(column_names=names, header=None)
    else:
        kwargs["usecols"] = used  # drops C-Eval's id/explanation and CMMLU's index column
    return {
        "task": name,
        "dataset_path": "csv",
        "dataset_kwargs": kwargs,
        "test_split": split,
        "fewshot_split": "dev",
        "fewshot_config": {"sampler": "first_n"},
        "output_type": "multiple_choice",
        "description": HEADER[lang].format(subject=info.display_name(lang)),
        "doc_to_text": f"{{{{{q_col}}}}}{options}{ANSWER_CUE[lang]}",
        "doc_to_choice": list(LETTERS),
        "doc_to_target": f"{{{{{list(LETTERS)}.index({a_col}.strip())}}}}",
        "target_delimiter": PLAIN_LETTER_SEP[lang],
        "fewshot_delimiter": SHOT_SEP,
        "metric_list": [{"metric": "acc", "aggregation": "mean", "higher_is_better": True}],
    }


def lm_eval_predictions(
    model: Any,
    tokenizer: Any,
    task: str,
    data_dir: Path,
    split: str,
    subjects: Sequence[str],
    lang: str,
    n_shot: int,
    batch_size: int = 8,
) -> dict[tuple[str, int], list[float]]:
    """``{(subject, row index): [log P(A), …, log P(D)]}`` from lm-evaluation-harness.

    The in-memory model and tokenizer are handed to lm-eval's ``HFLM`` so that both scorers see
    identical weights and vocabulary; everything else is lm-eval's own code.
    """
    from lm_eval import simple_evaluate
    from lm_eval.models.huggingface import HFLM
    from lm_eval.tasks import TaskManager

    lm = HFLM(pretrained=model, tokenizer=tokenizer, batch_size=batch_size, device="cpu",
              add_bos_token=True)
    names = {f"aurora_{task}_{s}": s for s in subjects}
    configs = [lm_eval_task_config(task, Path(data_dir), split, subject, lang, name)
               for name, subject in names.items()]
    with tempfile.TemporaryDirectory(prefix="lm-eval-tasks-") as tmp:  # no built-in task index
        manager = TaskManager(include_path=tmp, include_defaults=False)
        results = simple_evaluate(model=lm, tasks=configs, num_fewshot=n_shot,
                                  task_manager=manager, log_samples=True, bootstrap_iters=0,
                                  random_seed=0)
    assert results is not None
    out: dict[tuple[str, int], list[float]] = {}
    for name, subject in names.items():
        for sample in results["samples"][name]:
            out[(subject, int(sample["doc_id"]))] = [float(r[0]) for r in sample["filtered_resps"]]
    return out


@torch.inference_mode()
def loglik_predictions(
    model: Any, tokenizer: Any, subject: SubjectData, lang: str, n_shot: int
) -> list[list[float]]:
    """Per question, log P(letter | prompt) for A-D from full-sequence forwards (no cache/pad).

    The continuation is whatever tokens ``prompt + sep + letter`` adds to the prompt, summed,
    so a letter that were split into several tokens would still be scored correctly here.
    """
    out = []
    for q in subject.questions:
        text = plain_prompt(subject, q, lang, n_shot)
        ctx = tokenizer(text, add_special_tokens=True)["input_ids"]
        row = []
        for letter in LETTERS:
            whole = tokenizer(text + PLAIN_LETTER_SEP[lang] + letter,
                              add_special_tokens=True)["input_ids"]
            assert whole[: len(ctx)] == ctx, "letter merged into the prompt's last token"
            keep = len(whole) - len(ctx) + 1  # logits of the continuation's positions only
            logits = model(input_ids=torch.tensor([whole]), logits_to_keep=keep).logits[0]
            logprobs = torch.log_softmax(logits.float(), dim=-1)
            row.append(sum(float(logprobs[j, whole[len(ctx) + j]]) for j in range(keep - 1)))
        out.append(row)
    return out
