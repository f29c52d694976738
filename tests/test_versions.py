"""`curation diff` and `curation push` on real builds of the sample."""

import json
import shutil

import polars as pl
import pytest

from curation import publish
from curation import recipe as recipes
from curation.build import build
from curation.cli import main
from curation.errors import CurationError


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("builds")
    v1 = build(recipes.load("v1"), out=out, sample=True)
    v2 = build(recipes.load("v2"), out=out, sample=True)
    return out, v1, v2


def test_diff_accounts_for_every_record(built, tmp_path, capsys):
    out, v1, v2 = built
    target = tmp_path / "diff.json"
    assert main(["diff", "v1", "v2", "--out", str(out), "--json", str(target)]) == 0
    d = json.loads(target.read_text(encoding="utf-8"))
    k1, k2 = v1.manifest["counts"]["kept"], v2.manifest["counts"]["kept"]
    assert d["old"]["kept"] == k1 and d["new"]["kept"] == k2
    assert d["removed"] + d["changed"] + d["unchanged"] == k1
    assert d["added"] + d["changed"] + d["unchanged"] == k2
    assert d["removed"] > 0 and d["changed"] > 0  # v2 filters and rewrites
    assert sum(d["removed_by_reason"].values()) == d["removed"]
    steps = {k.split("/")[0] for k in d["removed_by_reason"]}
    assert {"language_id", "quality", "minhash_dedup"} <= steps
    assert d["counts_delta"]["kept"] == k2 - k1
    printed = capsys.readouterr().out
    assert "removed, by the step and reason in v2" in printed


def test_diff_of_a_version_with_itself_is_empty(built):
    from curation.diff import diff

    _, _, v2 = built
    d = diff(v2.path, v2.path)
    assert (d["removed"], d["added"], d["changed"]) == (0, 0, 0)


def test_push_dry_run_lists_files_and_card(built, capsys):
    out, _, _ = built
    assert main(["push", "--version", "v2", "--repo", "org/aurora-zh", "--out", str(out),
                 "--dry-run"]) == 0
    printed = capsys.readouterr().out
    assert "tag v2" in printed and "repo org/aurora-zh (dataset, public)" in printed
    for f in ("README.md", "manifest.json", "removed.parquet",
              "data/train-00000-of-00001.parquet"):
        assert f"  {f}\n" in printed
    assert "--- README.md (data card) ---\n---\n" in printed


def test_push_without_network_fails_clearly(built, capsys, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    out, _, _ = built
    assert main(["push", "--version", "v2", "--repo", "org/aurora-zh", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "could not publish to the Hub repo org/aurora-zh" in err and "Traceback" not in err


def test_push_refuses_broken_versions(built, tmp_path):
    _, _, v2 = built
    broken = tmp_path / "v2"
    shutil.copytree(v2.path, broken)
    m = json.loads((broken / "manifest.json").read_text(encoding="utf-8"))
    m["counts"]["removed"] += 1
    (broken / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    with pytest.raises(CurationError, match="conservation check failed"):
        publish.plan(broken, "org/x")
    shutil.rmtree(broken)
    shutil.copytree(v2.path, broken)
    (broken / "README.md").unlink()
    with pytest.raises(CurationError, match=r"has no README\.md"):
        publish.plan(broken, "org/x")
    shutil.rmtree(broken)
    shutil.copytree(v2.path, broken)
    shard = next((broken / "data").glob("*.parquet"))
    pl.read_parquet(shard).head(3).write_parquet(shard)
    with pytest.raises(CurationError, match="does not match its manifest sha256"):
        publish.plan(broken, "org/x")
    with pytest.raises(CurationError, match="ORG/NAME"):
        publish.plan(v2.path, "no-slash")


def test_card_metadata_parses_with_the_hub_library(built):
    from huggingface_hub import DatasetCard

    _, _, v2 = built
    data = DatasetCard.load(v2.path / "README.md").data.to_dict()
    assert data["configs"][0]["data_files"][0]["path"] == "data/train-*"
    assert data["license"] == "other" and "cc-by-nc-4.0" in data["license_name"]
    assert data["dataset_info"]["splits"][0]["num_examples"] == v2.manifest["counts"]["kept"]


def test_diff_unknown_version_is_a_clear_error(built, capsys):
    out, _, _ = built
    assert main(["diff", "v1", "v7", "--out", str(out)]) == 2
    assert "no built version 'v7'" in capsys.readouterr().err
