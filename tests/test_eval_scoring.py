"""Prompts, letter tokens (real Mixtral tokenizer), scoring correctness, cache reuse, report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import torch

from curation.benchmarks import LETTERS, BenchmarkError, fixture_dir, get_spec, load_local
from eval.prompts import (
    chat_messages,
    encode_question,
    encode_subject,
    letter_token,
    plain_prompt,
)
from eval.report import compare, read_lineage, summarize, to_markdown
from eval.runner import DataSource, encode_all, evaluate, score_encoded
from eval.scoring import MultipleChoiceScorer, shared_prefix_len
from eval.testing import force_letter, make_lora_adapter, mixtral_tokenizer, varied_tiny_model

CASES = [("ceval", "val", "zh"), ("cmmlu", "test", "zh"), ("mmlu", "test", "en")]


pytestmark = pytest.mark.usefixtures("one_torch_thread")


@pytest.fixture(scope="module")
def tok() -> Any:
    return mixtral_tokenizer()


@pytest.fixture(scope="module")
def model() -> Any:
    return varied_tiny_model(0)


def _data(task: str, split: str) -> list[Any]:
    return load_local(task, fixture_dir(task), split)


# -- prompts and letter tokens ----------------------------------------------------------------
def test_prompt_wording_follows_llama_factory() -> None:
    s = _data("cmmlu", "test")[0]
    text = plain_prompt(s, s.questions[0], "zh", 2)
    assert text.startswith(f"以下是中国关于{s.info.zh}考试的单项选择题，请选出其中的正确答案。\n\n")
    assert f"{s.dev[0].question}\nA. {s.dev[0].choices[0]}" in text
    assert text.count("\n答案：") == 3 and f"\n答案：{s.dev[1].answer}\n\n" in text
    assert text.endswith(f"\nD. {s.questions[0].choices[3]}\n答案：")
    m = _data("mmlu", "test")[0]
    en = plain_prompt(m, m.questions[0], "en", 1)
    assert en.startswith("The following are multiple choice questions (with answers) about "
                         "astronomy.\n\n") and f"\nAnswer: {m.dev[0].answer}\n\n" in en
    msgs = chat_messages(s, s.questions[0], "zh", 5)
    assert [m["role"] for m in msgs] == ["user", "assistant"] * 5 + ["user"]
    assert msgs[0]["content"].startswith("以下是中国关于") and msgs[1]["content"] in LETTERS


@pytest.mark.parametrize(("template", "lang", "pieces"), [
    ("plain", "zh", ["A", "B", "C", "D"]),          # "答案：A": no word-boundary marker
    ("plain", "en", ["▁A", "▁B", "▁C", "▁D"]),      # "Answer: A"
    ("chat", "zh", ["▁A", "▁B", "▁C", "▁D"]),       # "[/INST] A</s>"
    ("chat", "en", ["▁A", "▁B", "▁C", "▁D"]),
])
def test_letter_tokens_on_the_real_mixtral_tokenizer(tok: Any, template: str, lang: str,
                                                     pieces: list[str]) -> None:
    task, split = ("cmmlu", "test") if lang == "zh" else ("mmlu", "test")
    for s in _data(task, split):
        for e in encode_subject(tok, s, lang, 5, template):
            assert tok.convert_ids_to_tokens(list(e.letter_ids)) == pieces
            assert e.input_ids[0] == tok.bos_token_id


def test_chat_prompt_equals_mistral_common_encoding(tok: Any) -> None:
    """Prompt + scored letter + EOS must be exactly mistral-common's training encoding."""
    import mistral_common
    from mistral_common.protocol.instruct.messages import AssistantMessage, UserMessage
    from mistral_common.protocol.instruct.request import ChatCompletionRequest
    from mistral_common.protocol.instruct.validator import ValidationMode
    from mistral_common.tokens.tokenizers.mistral import MistralTokenizer

    ref_tok = MistralTokenizer.from_file(
        str(Path(mistral_common.__file__).parent / "data" / "tokenizer.model.v1"),
        mode=ValidationMode.finetuning)
    s = _data("ceval", "val")[0]
    for q in s.questions[:2]:
        msgs = chat_messages(s, q, "zh", 5)
        conv = [UserMessage(content=m["content"]) if m["role"] == "user"
                else AssistantMessage(content=m["content"]) for m in msgs]
        ref = ref_tok.encode_chat_completion(ChatCompletionRequest(
            messages=[*conv, AssistantMessage(content=q.answer)])).tokens
        e = encode_question(tok, s, q, "zh", 5, "chat")
        assert [*e.input_ids, e.letter_ids[q.answer_index], tok.eos_token_id] == ref


def test_letter_token_rejects_merges_and_multi_token_letters(tok: Any) -> None:
    assert letter_token(tok, [1, 5], [1, 5, 330], "A") == 330
    with pytest.raises(BenchmarkError, match="changes the prompt's own tokens"):
        letter_token(tok, [1, 5, 6], [1, 5, 7, 330], "A")
    with pytest.raises(BenchmarkError, match="is 2 tokens"):
        letter_token(tok, [1, 5], [1, 5, 330, 330], "A")
    with pytest.raises(BenchmarkError, match="tokenized as"):
        letter_token(tok, [1, 5], [1, 5, 365], "A")  # "▁B" is not "A"
    assert letter_token(tok, [1], [1, 330, tok.eos_token_id], "A", ignore_trailing=True) == 330


# -- scoring correctness ----------------------------------------------------------------------
@pytest.mark.parametrize("template", ["plain", "chat"])
def test_forced_letter_gives_the_answer_share(tok: Any, template: str) -> None:
    """A model forced to one letter scores exactly the share of questions with that answer."""
    from finetune.tiny import build_tiny_mixtral

    for task, split, lang in CASES:
        data = _data(task, split)
        encoded = encode_all(tok, data, lang, 5, template)
        target = "C"
        boosted = force_letter(build_tiny_mixtral(0),
                               {p.letter_ids[LETTERS.index(target)] for s in encoded for p in s})
        records, _ = score_encoded(boosted, encoded, tok.pad_token_id, batch_size=8)
        assert all(r["pred"] == target for r in records)
        share = sum(q.answer == target for s in data for q in s.questions)
        assert sum(r["correct"] for r in records) == share > 0
        summary = summarize(get_spec(task), records)
        for s in data:
            n = len(s.questions)
            expect = round(100 * sum(q.answer == target for q in s.questions) / n, 2)
            assert summary["subjects"][s.info.name]["accuracy_pct"] == expect


@pytest.mark.parametrize("template", ["plain", "chat"])
def test_batch_size_and_prefix_cache_do_not_change_results(tok: Any, model: Any,
                                                           template: str) -> None:
    task, split, lang = CASES[0] if template == "chat" else CASES[2]
    encoded = encode_all(tok, _data(task, split), lang, 5, template)
    results = {}
    for reuse in (False, True):
        for bs in (1, 8):
            scorer = MultipleChoiceScorer(model, tok.pad_token_id, bs, reuse)
            results[(reuse, bs)] = torch.cat([scorer.letter_logits(p) for p in encoded])
            if reuse:  # the prefix really was reused
                assert scorer.stats.prefix_tokens_reused > 0
    ref = results[(False, 1)]
    assert len(set(ref.argmax(-1).tolist())) > 1, "model should not answer one letter only"
    for key, logits in results.items():
        assert torch.equal(logits.argmax(-1), ref.argmax(-1)), key
        torch.testing.assert_close(logits, ref, atol=1e-4, rtol=1e-4)


def test_prefix_is_computed_on_token_ids(tok: Any) -> None:
    s = _data("cmmlu", "test")[0]
    encoded = encode_subject(tok, s, "zh", 5, "plain")
    n = shared_prefix_len([e.input_ids for e in encoded])
    shots_text = plain_prompt(s, s.questions[0], "zh", 5)[: -len(
        plain_prompt(s, s.questions[0], "zh", 0).split("\n\n", 1)[1])]
    assert n >= len(tok(shots_text)["input_ids"]) - 1  # at least header + shots are shared
    assert all(len(e.input_ids) > n for e in encoded)
    assert shared_prefix_len([[1, 2, 3]]) == 2 and shared_prefix_len([[1, 2], [1, 3]]) == 1


def test_full_sequence_loglik_agrees_with_next_token_argmax(tok: Any, model: Any) -> None:
    """Independent re-implementation: log P(letter) from unpadded, uncached forwards."""
    from eval.peer import loglik_predictions

    for task, split, lang in CASES[1:]:
        data = _data(task, split)
        records, _ = score_encoded(model, encode_all(tok, data, lang, 5, "plain"),
                                   tok.pad_token_id, batch_size=8)
        ll = [row for s in data for row in loglik_predictions(model, tok, s, lang, 5)]
        assert len(ll) == len(records)
        for r, row in zip(records, ll, strict=True):
            assert LETTERS[max(range(4), key=row.__getitem__)] == r["pred"]
            lg = torch.tensor(r["letter_logits"])
            torch.testing.assert_close(torch.tensor(row) - row[0], lg - lg[0], atol=2e-4,
                                       rtol=0)


# -- base vs adapter --------------------------------------------------------------------------
def test_base_and_adapter_in_one_run(tok: Any, tmp_path: Path) -> None:
    from peft import PeftModel

    base = varied_tiny_model(0)
    run_dir = tmp_path / "run"
    adapter = make_lora_adapter(base, run_dir / "adapter", seed=1)
    (run_dir / "manifest.json").write_text(json.dumps({
        "kind": "aurora-finetune-run", "status": "completed",
        "dataset": {"source": "build/aurora-zh/v2", "dataset": "aurora-zh", "version": "v2",
                    "fingerprint": "abc123", "data_files_sha256": {"data/a.parquet": "00"}},
        "model": {"name_or_path": "tiny-mixtral"}, "training": {"global_step": 3}}))
    data = _data("cmmlu", "test")
    src = DataSource("fixture", str(fixture_dir("cmmlu")), True)
    kwargs = dict(task="cmmlu", split="test", data=data, source=src, model_name="tiny",
                  lang="zh", n_shot=5, template="chat", batch_size=8)
    alone = evaluate(varied_tiny_model(0), tok, **kwargs)["runs"][0]
    report = evaluate(base, tok, adapter=str(adapter), **kwargs)
    b, a = report["runs"]
    assert (b["label"], a["label"]) == ("base", "adapter")
    # base inside the adapter run == the base model scored on its own
    torch.testing.assert_close(torch.tensor([r["letter_logits"] for r in b["predictions"]]),
                               torch.tensor([r["letter_logits"] for r in alone["predictions"]]),
                               atol=1e-4, rtol=0)
    # the adapter run == a PeftModel scored directly; and the adapter changes the logits
    direct = PeftModel.from_pretrained(varied_tiny_model(0), str(adapter)).eval()
    ref, _ = score_encoded(direct, encode_all(tok, data, "zh", 5, "chat"), tok.pad_token_id)
    assert [r["pred"] for r in a["predictions"]] == [r["pred"] for r in ref]
    assert [r["letter_logits"] for r in a["predictions"]] != [r["letter_logits"]
                                                              for r in b["predictions"]]
    d = report["delta"]
    assert d["overall_pts"] == pytest.approx(
        a["summary"]["overall"]["accuracy_pct"] - b["summary"]["overall"]["accuracy_pct"])
    lineage = a["lineage"]
    assert lineage["dataset"]["fingerprint"] == "abc123"
    assert lineage["dataset"]["n_data_files"] == 1 and lineage["training"]["global_step"] == 3
    assert lineage["adapter_config"]["r"] == 4
    md = to_markdown(report)
    assert "toy FIXTURE" in md and "| Δ |" in md and "abc123" in md
    # the caller's model is the base model again afterwards (an ablation scores many adapters)
    after = evaluate(base, tok, **kwargs)["runs"][0]
    torch.testing.assert_close(torch.tensor([r["letter_logits"] for r in after["predictions"]]),
                               torch.tensor([r["letter_logits"] for r in alone["predictions"]]),
                               atol=1e-4, rtol=0)
    assert not hasattr(base, "peft_config")


# -- report arithmetic ------------------------------------------------------------------------
def test_summary_states_per_question_and_subject_macro() -> None:
    spec = get_spec("cmmlu")
    recs = ([{"subject": "agronomy", "id": str(i), "correct": i < 9} for i in range(10)]
            + [{"subject": "chinese_history", "id": "0", "correct": False},
               {"subject": "chinese_history", "id": "1", "correct": True}])
    s = summarize(spec, recs)
    assert s["overall"]["accuracy_pct"] == 83.33  # 10/12, per question
    assert s["overall"]["subject_macro_pct"] == 70.0  # (90 + 50) / 2
    assert s["categories"]["Other"]["accuracy_pct"] == 90.0
    assert s["categories"]["China specific"]["n"] == 2  # overlaps Humanities
    assert s["categories"]["Humanities"]["accuracy_pct"] == 50.0
    flipped = [{**r, "correct": not r["correct"]} if r["subject"] == "chinese_history" else r
               for r in recs]
    d = compare(s, summarize(spec, flipped), recs, flipped)
    assert d["paired"]["base_wrong_adapter_right"] == 1
    assert d["paired"]["base_right_adapter_wrong"] == 1
    assert d["paired"]["mcnemar_exact_p"] == 1.0 and d["overall_pts"] == 0.0


def test_read_lineage_is_defensive(tmp_path: Path) -> None:
    assert read_lineage(tmp_path)["manifest_path"] is None
    (tmp_path / "manifest.json").write_text("{not json")
    assert "manifest_error" in read_lineage(tmp_path / "checkpoint-3000")
    (tmp_path / "manifest.json").write_text(json.dumps({"dataset": "aurora-zh", "version": 2,
                                                        "fingerprint": "f"}))
    assert read_lineage(tmp_path)["dataset"] == {"dataset": "aurora-zh", "version": 2,
                                                 "fingerprint": "f"}
