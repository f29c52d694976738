"""End-to-end ``python -m eval`` on tiny-mixtral: base + adapter, reports, data-source labels."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from curation.benchmarks import BenchmarkError, fixture_dir
from eval.__main__ import build_parser, main
from eval.runner import resolve_data

pytestmark = pytest.mark.usefixtures("one_torch_thread")


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")


def test_help_lists_the_aurora_interface() -> None:
    text = build_parser().format_help()
    for flag in ("--model", "--adapter", "--task", "--split", "--n-shot", "--lang",
                 "--batch-size", "--data-dir", "--fixture", "--no-prefix-cache"):
        assert flag in text


def test_base_and_adapter_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from eval.testing import make_lora_adapter
    from finetune.tiny import build_tiny_mixtral

    run = tmp_path / "finetune-run"
    adapter = make_lora_adapter(build_tiny_mixtral(0), run / "adapter")
    (run / "manifest.json").write_text(json.dumps(
        {"dataset": {"dataset": "aurora-zh", "version": "v1", "fingerprint": "fp-1"}}))
    out = tmp_path / "out"
    rc = main(["--model", "tiny-mixtral", "--adapter", str(adapter), "--task", "cmmlu",
               "--fixture", "--batch-size", "8", "--output-dir", str(out)])
    assert rc == 0
    printed = capsys.readouterr().out
    assert "base:" in printed and "adapter:" in printed and "delta" in printed
    assert "toy fixture, not the benchmark" in printed
    report = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert (report["task"], report["split"], report["n_shot"], report["lang"]) == (
        "cmmlu", "test", 5, "zh")
    assert report["data"]["source"] == "fixture" and report["data"]["is_fixture"] is True
    assert report["data"]["n_questions"] == 20 and "per question" in report["averaging"]
    base, tuned = report["runs"]
    assert tuned["lineage"]["dataset"]["fingerprint"] == "fp-1"
    assert set(base["summary"]["categories"]) == {
        "STEM", "Social Sciences", "Humanities", "Other", "China specific"}
    assert len(base["summary"]["subjects"]) == 4 and len(base["predictions"]) == 20
    assert "overall_pts" in report["delta"]
    md = (out / "results.md").read_text(encoding="utf-8")
    assert "toy FIXTURE" in md and "## Adapter lineage" in md and "fp-1" in md

    # same data from a local copy, without prefix reuse, batch 1: same predictions, not "fixture"
    local = tmp_path / "cmmlu"
    shutil.copytree(fixture_dir("cmmlu"), local)
    out2 = tmp_path / "out2"
    assert main(["--model", "tiny-mixtral", "--task", "cmmlu", "--data-dir", str(local),
                 "--batch-size", "1", "--no-prefix-cache", "--output-dir", str(out2)]) == 0
    again = json.loads((out2 / "results.json").read_text(encoding="utf-8"))
    assert again["data"]["source"] == "local" and again["data"]["is_fixture"] is False
    assert "FIXTURE" not in (out2 / "results.md").read_text(encoding="utf-8")
    assert [r["pred"] for r in again["runs"][0]["predictions"]] == [
        r["pred"] for r in base["predictions"]]


def test_an_unreachable_hub_is_an_error_never_the_fixture(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(BenchmarkError, match="offline mode"):
        resolve_data("mmlu", "test")
    assert main(["--model", "tiny-mixtral", "--task", "mmlu"]) == 2
    err = capsys.readouterr().err
    assert "--data-dir" in err and "Traceback" not in err
    assert main(["--model", "tiny-mixtral", "--task", "mmlu", "--no-fixture-fallback"]) == 2
    _, src = resolve_data("ceval", "val", fixture=True, max_questions=2)
    assert src.is_fixture and "first 2 questions" in src.note


@pytest.mark.parametrize("model", ["/no/such/model-folder", "no-such-org/no-such-model"])
def test_a_model_that_cannot_load_is_one_line(model: str, capsys: pytest.CaptureFixture[str],
                                              ) -> None:
    assert main(["--model", model, "--task", "ceval", "--fixture"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot load a tokenizer for --model {model!r}")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_folder_that_is_not_an_adapter_is_one_line(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "README.md").write_text("not an adapter", encoding="utf-8")
    assert main(["--model", "tiny-mixtral", "--task", "ceval", "--fixture",
                 "--max-questions", "1", "--adapter", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot load --adapter {str(tmp_path)!r}")
    assert len(err.strip().splitlines()) == 1


def test_help_points_at_the_ablation_and_its_example_config() -> None:
    from eval.__main__ import EXAMPLE_ABLATION
    from eval.ablation import load_config

    text = build_parser().format_help()
    assert "python -m eval ablation --config" in text and EXAMPLE_ABLATION.name in text
    config = load_config(EXAMPLE_ABLATION)  # the shipped example is a valid config
    assert config.baseline in [v.name for v in config.variants]
