"""The embedded sample: builds offline, exercises every step, is reproducible."""

import json

import datasets
import polars as pl

from curation import recipe as recipes
from curation.build import build
from curation.cli import main


def test_sample_build_v2_every_step_acts(tmp_path, capsys):
    assert main(["build", "--version", "v2", "--sample", "--out", str(tmp_path)]) == 0
    out = tmp_path / "aurora-zh" / "v2"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["sample"] is True
    for step in manifest["steps"]:
        assert step["removed"] + step["changed"] > 0, f"{step['name']} did nothing on the sample"
    c = manifest["counts"]
    assert c["input"] == sum(s["records"] for s in manifest["sources"]) > 200
    assert c["kept"] + c["removed"] == c["input"]
    assert datasets.load_dataset(str(out), split="train").num_rows == c["kept"]
    removed = pl.read_parquet(out / "removed.parquet")
    assert set(removed["step"]) == {s["name"] for s in manifest["steps"] if s["removed"]} | (
        {"load"} if manifest["load"]["quarantined"] else set())
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "Built from the embedded sample" in card
    assert "step" in capsys.readouterr().out


def test_sample_build_is_deterministic_and_v1_differs(tmp_path):
    a = build(recipes.load("v2"), out=tmp_path / "a", sample=True)
    b = build(recipes.load("v2"), out=tmp_path / "b", sample=True)
    assert a.manifest["fingerprint"] == b.manifest["fingerprint"]
    v1 = build(recipes.load("v1"), out=tmp_path / "a", sample=True)
    assert v1.manifest["counts"]["kept"] > a.manifest["counts"]["kept"]
    assert v1.manifest["counts"]["removed"] > 0  # the sample's exact copies


def test_sample_kept_conversations_are_clean(tmp_path):
    r = build(recipes.load("v2"), out=tmp_path, sample=True)
    kept = pl.read_parquet(next((r.path / "data").glob("*.parquet")))
    texts = [m["content"] for msgs in kept["messages"].to_list() for m in msgs]
    for msgs in kept["messages"].to_list():
        roles = [m["role"] for m in msgs]
        assert roles and roles == ["user", "assistant"] * (len(roles) // 2)
    joined = "\n".join(texts)
    for residue in ("\u200b", "\r", "<div class=\"markdown", "軟體", "作为一个AI语言模型"):
        assert residue not in joined, residue
