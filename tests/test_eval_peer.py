"""Peer check: lm-evaluation-harness on the same local CSVs, model and tokenizer.

lm-eval is in the `dev` extra, so this runs wherever the tests do.
It must agree with our scorer question by question, on the prediction and on the log-likelihood
differences between letters (next-token logits and log-softmax share the normaliser).
"""

from __future__ import annotations

import pytest
import torch

from curation.benchmarks import LETTERS, fixture_dir, load_local
from eval.runner import encode_all, score_encoded

pytestmark = pytest.mark.usefixtures("one_torch_thread")


@pytest.mark.parametrize(("task", "split", "lang", "n_shot"), [
    ("cmmlu", "test", "zh", 5),   # letter right after "答案：" (token "A")
    ("mmlu", "val", "en", 5),     # letter after "Answer: " (token "▁A")
    ("ceval", "val", "zh", 0),
])
def test_lm_eval_agrees_per_question(task: str, split: str, lang: str, n_shot: int) -> None:
    from eval.peer import lm_eval_predictions
    from eval.testing import mixtral_tokenizer, varied_tiny_model

    tok, model = mixtral_tokenizer(), varied_tiny_model(0)
    data = load_local(task, fixture_dir(task), split)
    records, _ = score_encoded(model, encode_all(tok, data, lang, n_shot, "plain"),
                               tok.pad_token_id, batch_size=8)
    peer = lm_eval_predictions(model, tok, task, fixture_dir(task), split,
                               [s.info.name for s in data], lang, n_shot)
    assert len(peer) == len(records)
    rows = [(s.info.name, i) for s in data for i in range(len(s.questions))]
    preds = []
    for key, r in zip(rows, records, strict=True):
        ll = torch.tensor(peer[key])
        assert LETTERS[int(ll.argmax())] == r["pred"], key
        lg = torch.tensor(r["letter_logits"])
        torch.testing.assert_close(ll - ll[0], lg - lg[0], atol=2e-4, rtol=0)
        preds.append(r["pred"])
    assert len(set(preds)) > 1  # a model answering one letter would make this check vacuous
