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
