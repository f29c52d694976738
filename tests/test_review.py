"""python -m curation review: the sheet (HTML + CSV) from a build, scoring a filled
sheet into per-rule precision, and the measured precision in the next build's card."""

import csv
import json

import pytest

from curation.cli import main

GOOD = "光合作用是植物利用光能，把二氧化碳和水转化为有机物并释放氧气的过程。"
ALPACA = [
    {"instruction": "介绍一下光合作用。", "input": "", "output": GOOD},
    {"instruction": "地球为什么有四季？", "input": "",
     "output": "因为地轴倾斜，太阳直射点在南北回归线之间来回移动，各地获得的热量随之变化。"},
    {"instruction": "帮我写一个病毒程序", "input": "", "output": "抱歉，我无法提供这样的帮助。"},
    {"instruction": "说说学习方法", "input": "",
     "output": "学习需要循序渐进，首先要打好基础，其次要多做练习，以及"},
    {"instruction": "Describe Berlin", "input": "",
     "output": "Berlin ist die Hauptstadt von Deutschland und hat etwa vier Millionen Einwohner."},
]
SHAREGPT = [{"conversations": [
    {"from": "human", "value": "什么是光合作用？"}, {"from": "gpt", "value": GOOD},
    {"from": "human", "value": "帮我黑进邻居的电脑"},
    {"from": "gpt", "value": "对不起，我不能帮助你做违法的事情。"}]}]
RECIPE = """dataset: tiny
version: t1
{precision}
sources:
  - {{name: alp, format: alpaca, path: {alp}}}
  - {{name: chat, format: sharegpt, path: {chat}}}
steps:
  - step: turn_repair
  - step: language_id
  - step: quality
"""


@pytest.fixture
def built(tmp_path):
    (tmp_path / "alp.json").write_text(json.dumps(ALPACA, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "chat.json").write_text(json.dumps(SHAREGPT, ensure_ascii=False),
                                        encoding="utf-8")

    def build(precision: str = "") -> str:
        recipe = tmp_path / "t1.yaml"
        recipe.write_text(RECIPE.format(precision=precision, alp=tmp_path / "alp.json",
                                        chat=tmp_path / "chat.json"), encoding="utf-8")
        assert main(["build", "--version", str(recipe), "--out", str(tmp_path / "out"),
                     "--force"]) == 0
        return str(tmp_path / "out" / "tiny" / "t1")
    return build


def rows(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_review_writes_a_sheet_with_highlighted_evidence(built, tmp_path, capsys):
    version = built()
    assert main(["review", version, "--n", "3", "--out", str(tmp_path / "r")]) == 0
    sheet = rows(tmp_path / "r" / "review.csv")
    kinds = {(r["kind"], r["step"], r["rule"]) for r in sheet}
    assert ("removed", "quality", "refusal") in kinds
    assert ("removed", "quality", "truncated") in kinds
    assert ("removed", "language_id", "de") in kinds
    assert ("trimmed", "quality", "refusal") in kinds
    assert any(r["kind"] == "kept" and r["stratum"] == "random" for r in sheet)
    assert {(r["file"], r["index"]) for r in sheet if r["rule"] == "refusal"} == {
        ("alp.json", "2"), ("chat.json", "0")}
    page = (tmp_path / "r" / "review.html").read_text(encoding="utf-8")
    assert "<mark>抱歉，我无法</mark>" in page
    assert "turn cut" in page and "帮我黑进邻居的电脑" in page  # the trimmed exchange
    assert "<script" not in page  # self-contained and static


def test_score_computes_known_precision_and_feeds_the_card(built, tmp_path, capsys):
    version = built()
    assert main(["review", version, "--n", "5", "--out", str(tmp_path / "r")]) == 0
    sheet = rows(tmp_path / "r" / "review.csv")
    verdicts = {"refusal": "bad", "truncated": "good", "de": "bad"}
    for r in sheet:
        if r["kind"] == "removed":
            r["verdict"] = verdicts[r["rule"]]
        elif r["kind"] == "trimmed":
            r["verdict"] = "partial"
        elif r["stratum"] == "random":
            r["verdict"] = "bad" if r["index"] == "1" and r["file"] == "alp.json" else "good"
    filled = tmp_path / "filled.csv"
    with filled.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(sheet[0]))
        w.writeheader()
        w.writerows(sheet)
    assert main(["review", version, "--score", str(filled), "--out", str(tmp_path)]) == 0
    result = json.loads((tmp_path / "precision.json").read_text(encoding="utf-8"))
    assert result["removed"]["quality/refusal"]["precision"] == 1.0
    assert result["removed"]["quality/truncated"]["precision"] == 0.0
    assert result["trimmed"]["quality/refusal"] == {"labeled": 1, "right": 1, "precision": 1.0,
                                                     "ci95": [0.2065, 1.0]}
    kept = result["kept"]
    assert kept["labeled"] == 3 and kept["errors"] == 1 and kept["error_rate"] == 0.3333
    lo, hi = result["removed"]["quality/truncated"]["ci95"]
    assert lo == 0.0 and 0.7 < hi < 0.85  # Wilson, n = 1
    assert "quality/refusal | 1 | 1 | 1.00" in capsys.readouterr().out

    # The next build names the file in its recipe: the card shows it by the rule.
    card_path = built("precision: " + str(tmp_path / "precision.json")) + "/README.md"
    card = open(card_path, encoding="utf-8").read()
    assert "| quality/refusal | 1 | 1.00 [0.21, 1.00] (n=1) |" in card
    assert "| quality/truncated | 1 | 0.00 [0.00, 0.79] (n=1) |" in card
    assert "kept-set error 0.333" in card


def test_score_rejects_an_unknown_verdict(built, tmp_path, capsys):
    version = built()
    bad = tmp_path / "bad.csv"
    bad.write_text("file,index,verdict\nalp.json,0,maybe\n", encoding="utf-8")
    assert main(["review", version, "--score", str(bad)]) == 2
    assert "bad.csv:2" in capsys.readouterr().err


def test_labels_file_without_strata_scores_every_kept_record(built, tmp_path):
    version = built()
    labels = tmp_path / "labels.csv"
    labels.write_text("file,index,verdict,reason,split,note\nalp.json,0,good,ok,tune,\n"
                      "alp.json,1,partial,truncated,tune,\nalp.json,2,bad,refusal,test,\n",
                      encoding="utf-8")
    assert main(["review", version, "--score", str(labels), "--out", str(tmp_path)]) == 0
    result = json.loads((tmp_path / "precision.json").read_text(encoding="utf-8"))
    assert result["kept"]["labeled"] == 2 and result["kept"]["errors"] == 1
    assert result["removed"]["quality/refusal"]["right"] == 1
