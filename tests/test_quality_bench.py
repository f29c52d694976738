"""The text steps meet the issue's targets on the labeled set, scored by bench/quality.py
with the shipped v2 parameters: a regression in any step fails here."""

import json
from pathlib import Path

import pytest

from bench import quality

LABELED = Path(quality.__file__).parent / "labeled"


@pytest.fixture(scope="module")
def result():
    return quality.run("v2")


@pytest.mark.parametrize("name", ["script.jsonl", "langid.jsonl", "quality.jsonl",
                                  "repair.jsonl"])
def test_labeled_set_has_a_few_hundred_items_per_step(name):
    items = [json.loads(line) for line in (LABELED / name).open(encoding="utf-8")]
    assert len(items) >= 200
    assert len({i["id"] for i in items}) == len(items)


def test_conversion_keeps_simplified_and_leaves_no_traditional(result):
    s = result["to_simplified"]
    assert s["simplified_chars_changed"] == 0
    assert s["traditional"]["residue_rate"] <= 0.005
    assert s["not_chinese_changed"] == 0
    assert s["protected_spans_broken"] == 0
    assert s["tag_accuracy"] >= 0.95
    # auto (per-text config) beats every single config on Taiwanese text and
    # changes nothing in simplified text, unlike tw2sp applied everywhere
    configs = s["configs"]
    assert configs["auto"]["tw_cer"] <= min(c["tw_cer"] for c in configs.values())
    assert configs["auto"]["simplified_chars_changed"] == 0
    assert configs["tw2sp"]["simplified_chars_changed"] > 0


def test_language_id_accuracy_on_20_plus_characters(result):
    lid = result["language_id"]
    assert lid["accuracy_20plus"] >= 0.98
    assert all(v >= 0.95 for v in lid["per_language_20plus"].values())
    assert lid["per_category"]["mixed"] >= 0.9 and lid["per_category"]["code"] >= 0.9


def test_quality_rules_precision_and_recall(result):
    q = result["quality"]
    assert q["precision"] >= 0.95 and q["recall"] >= 0.9
    assert q["good_kept"] >= 0.97 * q["good_items"]
    for rule, m in q["rules"].items():
        assert m["precision"] >= 0.9, rule


def test_turn_repair_precision_and_valid_structure(result):
    r = result["turn_repair"]
    assert r["precision"] >= 0.95
    assert r["valid_structure"] == 1.0
    assert r["pipeline_valid_structure"] == 1.0
    assert r["removal_accuracy"] >= 0.9
    assert r["html"]["regex_exact"] >= 0.9


def test_token_estimate_is_close_to_mixtral(result):
    # The suite runs with the [train] extra, so the real Mixtral tokenizer is there to compare.
    tok = result["tokens"]
    assert "mean_rel_error" in tok, tok
    assert abs(tok["mean_rel_error"]) <= 0.1
