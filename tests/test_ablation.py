"""`python -m eval ablation` end to end on the sample, tiny-mixtral and the fixtures."""

import json
import subprocess
import sys

import pytest
import yaml

from eval.ablation import AblationError, load_config, run_ablation

CONFIG = {
    "name": "test", "out": "out", "sample": True, "baseline": "v1", "token_budget": 1500,
    "variants": [{"name": "v1", "recipe": "v1"}, {"name": "v2", "recipe": "v2"},
                 {"name": "v2-no-quality", "recipe": "v2", "drop_steps": ["quality"]}],
    "train": {"model": "tiny-mixtral"},
    "eval": {"tasks": ["ceval", "mmlu"], "n_shot": 2},
    "side_by_side": {"prompts": ["用一句话介绍长城。", "What is 2+2?"], "max_new_tokens": 6},
}


@pytest.fixture(scope="module")
def ablation(tmp_path_factory):
    root = tmp_path_factory.mktemp("ablation")
    (root / "ablation.yaml").write_text(yaml.safe_dump(CONFIG), encoding="utf-8")
    results = run_ablation(load_config(root / "ablation.yaml"))
    return root, results


def test_report_holds_every_variant_with_lineage(ablation):
    root, results = ablation
    out = root / "out"
    md = (out / "ablation.md").read_text(encoding="utf-8")
    for v in results["variants"]:
        manifest = json.loads((root / "out" / "datasets" / "aurora-zh" / v["name"] /
                               "manifest.json").read_text(encoding="utf-8"))
        assert v["dataset"]["fingerprint"] == manifest["fingerprint"]
        assert f"| {v['name']}" in md
        assert f"`{manifest['fingerprint'][:12]}`" in md  # lineage row
        assert f"`{v['adapter']['cache_key']}`" in md
        assert (out / "runs" / v["adapter"]["cache_key"] / "adapter").is_dir()
        run = json.loads((out / "runs" / v["adapter"]["cache_key"] / "manifest.json")
                         .read_text(encoding="utf-8"))
        assert v["adapter"]["final_loss"] == run["training"]["last_logged_loss"] > 0
        for task in ("ceval", "mmlu"):
            assert 0 <= v["scores"][task]["summary"]["overall"]["accuracy_pct"] <= 100
    kept = {v["name"]: v["dataset"]["counts"]["kept"] for v in results["variants"]}
    assert kept["v2"] < kept["v2-no-quality"] < kept["v1"]
    assert "| v1 (baseline) | – |" in md and "| v2-no-quality | quality |" in md
    assert "not benchmark results" in md  # sample + fixtures are flagged
    html = (out / "ablation.html").read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 2 and "<table>" in html
    assert (out / "scores.png").stat().st_size > 1000


def test_side_by_side_answers_every_prompt_with_base_and_each_variant(ablation):
    root, results = ablation
    side = results["side_by_side"]
    labels = ["base", *(v["name"] for v in results["variants"])]
    assert list(side["answers"]) == labels
    assert all(len(side["answers"][label]) == 2 for label in labels)
    md = (root / "out" / "ablation.md").read_text(encoding="utf-8")
    assert "## Side by side" in md and "| prompt | " + " | ".join(labels) + " |" in md
    row = next(line for line in md.splitlines() if line.startswith("| 用一句话介绍长城。 |"))
    assert row.count(" | ") == len(labels)  # one cell per model, answers kept in one cell
    html = (root / "out" / "ablation.html").read_text(encoding="utf-8")
    assert "<h2>Side by side</h2>" in html


def test_side_by_side_prompts_from_a_file(tmp_path):
    from eval.side_by_side import PromptsError, load_prompts

    (tmp_path / "p.txt").write_text("第一个问题\n\n第二个问题\n", encoding="utf-8")
    (tmp_path / "p.json").write_text('["a", "b"]', encoding="utf-8")
    assert load_prompts({"prompts": ["x"], "prompts_file": "p.txt"}, tmp_path) == [
        "x", "第一个问题", "第二个问题"]
    assert load_prompts({"prompts_file": str(tmp_path / "p.json")}, tmp_path) == ["a", "b"]
    (tmp_path / "bad.json").write_text('["a",\n b]', encoding="utf-8")
    with pytest.raises(PromptsError, match="line 2"):
        load_prompts({"prompts_file": "bad.json"}, tmp_path)
    cfg = tmp_path / "a.yaml"
    cfg.write_text(yaml.safe_dump({"variants": [{"name": "v1", "recipe": "v1"}],
                                   "side_by_side": {"prompts_file": "missing.txt"}}),
                   encoding="utf-8")
    with pytest.raises(AblationError, match=r"missing\.txt"):
        load_config(cfg)


def test_same_token_budget_for_every_variant(ablation):
    _, results = ablation
    for v in results["variants"]:
        a = v["adapter"]
        spent = a["max_steps"] * a["mean_tokens_per_example"] * 2  # batch 2, accumulation 1
        assert spent >= 1500 and spent - a["mean_tokens_per_example"] * 2 < 1500


def test_rerun_reuses_everything_and_rebuilds_only_what_changed(ablation, capfd):
    root, first = ablation
    config = load_config(root / "ablation.yaml")
    again = run_ablation(config)
    log = capfd.readouterr().out
    assert log.count("(cached)") == 3 and "(cached, " in log and "built)" not in log
    assert [v["adapter"]["cache_key"] for v in again["variants"]] == \
        [v["adapter"]["cache_key"] for v in first["variants"]]
    config.variants[2].drop_steps = ["quality", "prompt_dedup"]
    config.variants[2].name = "v2-no-quality"  # same name, different recipe
    third = run_ablation(config)
    log = capfd.readouterr().out
    assert log.count("(built)") == 1 and log.count("(trained,") == 1
    assert third["variants"][2]["dataset"]["fingerprint"] != \
        first["variants"][2]["dataset"]["fingerprint"]


def test_leave_one_out_and_config_errors(tmp_path):
    cfg = tmp_path / "a.yaml"
    cfg.write_text(yaml.safe_dump({"variants": [{"name": "v2", "recipe": "v2"}],
                                   "leave_one_out": ["v2"]}), encoding="utf-8")
    names = [v.name for v in load_config(cfg).variants]
    assert names[0] == "v2" and "v2-no-quality" in names and "v2-no-prompt_dedup" in names
    cfg.write_text(yaml.safe_dump({"variants": [
        {"name": "x", "recipe": "v2", "drop_steps": ["nope"]}]}), encoding="utf-8")
    with pytest.raises(AblationError, match="has no steps"):
        load_config(cfg)


def test_cli_entry_point_reports_config_errors(tmp_path):
    cfg = tmp_path / "bad.yaml"
    cfg.write_text("name: x\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "eval", "ablation", "--config", str(cfg)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and "needs at least `variants`" in proc.stderr
