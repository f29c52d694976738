"""End-to-end builds: output layout, invariants, determinism, CLI errors."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import datasets
import polars as pl
import pytest

from curation import recipe as recipes
from curation.build import build, check_conservation, fingerprint
from curation.cli import main
from curation.errors import CurationError, InvariantError
from curation.schema import content_id, content_ids, content_key, messages_series

ALPACA = [
    {"instruction": "介绍一下长城。", "input": "",
     "output": "长城是中国古代的军事防御工程，绵延上万里，明长城保存最完整。"},
    {"instruction": "介绍一下长城。", "input": "",
     "output": "长城是中国古代的军事防御工程，绵延上万里，明长城保存最完整。"},
    {"instruction": "這個軟體怎麼安裝？", "input": "",
     "output": "先下載安裝程式，再按照畫面上的提示一步一步完成設定即可。"},
    {"instruction": "Say hello", "input": "", "output": "Hello! How can I help you today, friend?"},
    {"instruction": "给出答案", "input": "", "output": ""},
]
SHAREGPT = [
    {"id": "a", "conversations": [
        {"from": "gpt", "value": "你好"}, {"from": "human", "value": "什么是光合作用？"},
        {"from": "gpt", "value": "<p>光合作用是植物利用光能制造有机物的过程。</p>"},
        {"from": "human", "value": "谢谢"}]},
    {"id": "b", "conversations": [{"from": "human", "value": "只有一个问题"}]},
]


pytestmark = pytest.mark.usefixtures("benchmarks_in_cwd")


@pytest.fixture
def sources(tmp_path) -> list[str]:
    (tmp_path / "a.json").write_text(json.dumps(ALPACA, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "g.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in ALPACA[:2]), encoding="utf-8")
    (tmp_path / "s.json").write_text(json.dumps(SHAREGPT, ensure_ascii=False), encoding="utf-8")
    return [f"alpaca_zh={tmp_path / 'a.json'}", f"alpaca_gpt4_zh={tmp_path / 'g.jsonl'}",
            f"sharegpt={tmp_path / 's.json'}"]


def cli(*args: str) -> int:
    return main(list(args))


def source_args(sources: list[str]) -> list[str]:
    return [a for s in sources for a in ("--source", s)]


def test_build_writes_a_hub_layout_that_datasets_loads(tmp_path, sources, capsys):
    assert cli("build", "--version", "v2", "--out", str(tmp_path / "out"),
               *source_args(sources)) == 0
    out = tmp_path / "out" / "aurora-zh" / "v2"
    assert sorted(p.name for p in out.iterdir()) == [
        "README.md", "composition.png", "data", "dataset_info.json", "funnel.png",
        "manifest.json", "removed.parquet", "signals.parquet", "trimmed.parquet"]
    card_text = (out / "README.md").read_text(encoding="utf-8")
    assert "](funnel.png)" in card_text and "](composition.png)" in card_text
    assert (out / "funnel.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    c = manifest["counts"]
    assert c["input"] == 9 and c["kept"] + c["removed"] == c["input"]
    ds = datasets.load_dataset(str(out), split="train")
    assert ds.num_rows == c["kept"]
    assert set(ds.column_names) == {"id", "source", "source_index", "system", "tools",
                                    "messages"}
    removed = pl.read_parquet(out / "removed.parquet")
    assert removed.height == c["removed"]
    assert removed.filter(pl.col("step").is_null() | pl.col("reason").is_null()).height == 0
    assert {s["name"]: s["records"] for s in manifest["sources"]} == {
        "alpaca_zh": 5, "alpaca_gpt4_zh": 2, "sharegpt": 2}
    assert all(len(s["sha256"]) == 64 for s in manifest["sources"])
    assert manifest["recipe_sha256"] == recipes.load("v2").sha256
    card = (out / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n") and "configs:" in card and "license:" in card
    for step in ("normalize", "turn_repair", "to_simplified", "language_id", "quality",
                 "exact_dedup", "minhash_dedup"):
        assert f"| {step} |" in card
    assert "fingerprint" in capsys.readouterr().out


def test_kept_rows_are_valid_training_conversations(tmp_path, sources):
    cli("build", "--version", "v2", "--out", str(tmp_path), *source_args(sources))
    kept = pl.read_parquet(next((tmp_path / "aurora-zh" / "v2" / "data").glob("*.parquet")))
    for msgs in kept["messages"].to_list():
        roles = [m["role"] for m in msgs]
        assert roles == ["user", "assistant"] * (len(roles) // 2) and roles
        assert all(m["content"].strip() for m in msgs)
    texts = " ".join(m["content"] for msgs in kept["messages"].to_list() for m in msgs)
    assert "軟體" not in texts and "软件" in texts and "<p>" not in texts


def test_same_inputs_same_fingerprint_and_force(tmp_path, sources):
    a = build(recipes.load("v2"), out=tmp_path / "a",
              source_paths=dict(s.split("=", 1) for s in sources))
    b = build(recipes.load("v2"), out=tmp_path / "b",
              source_paths=dict(s.split("=", 1) for s in sources))
    assert a.manifest["fingerprint"] == b.manifest["fingerprint"]
    v1 = build(recipes.load("v1"), out=tmp_path / "a",
               source_paths=dict(s.split("=", 1) for s in sources))
    assert v1.manifest["fingerprint"] != a.manifest["fingerprint"]
    with pytest.raises(CurationError, match="already exists; pass --force"):
        build(recipes.load("v2"), out=tmp_path / "a",
              source_paths=dict(s.split("=", 1) for s in sources))
    again = build(recipes.load("v2"), out=tmp_path / "a", force=True,
                  source_paths=dict(s.split("=", 1) for s in sources))
    assert again.manifest["fingerprint"] == a.manifest["fingerprint"]
    leftovers = [p.name for p in (tmp_path / "a" / "aurora-zh").iterdir() if p.name.startswith(".")]
    assert sorted(leftovers) == [".v1.lock", ".v2.lock"]  # no temp folder; (released) locks


def test_fingerprint_is_the_row_by_row_digest(monkeypatch):
    """The polars fingerprint hashes the bytes of its definition: per row
    json.dumps([id, source, source_index]), content_key, newline. Escapes (quotes,
    backslashes, control characters, U+2028), astral characters, a null system, an
    empty turn and a conversation without turns all take part."""
    texts = ['say "hi"\\n', "\x00\x1f\x7f\t\r\n\u2028\u2029", "𝄞 😀 汉字", "", "\\u0041"]
    systems = [None, "系统 \"x\"", "", None, "\b\f"]
    messages = [[{"role": "user", "content": t}, {"role": "assistant", "content": texts[i - 1]}]
                for i, t in enumerate(texts)]
    messages[3] = []
    table = pl.DataFrame({"id": [f"{i:032x}" for i in range(5)], "source": ["a_b", "c.d", "e-f",
                          "a_b", "x"], "source_index": [0, 7, 2**40, 3, 1], "system": systems}
                         ).with_columns(messages_series(messages))
    digest = hashlib.sha256()
    for row in table.iter_rows(named=True):
        digest.update(json.dumps([row["id"], row["source"], row["source_index"]]).encode())
        digest.update(content_key(row["system"], row["messages"]).encode("utf-8"))
        digest.update(b"\n")
    assert fingerprint(table) == digest.hexdigest()
    monkeypatch.setattr("curation.build.FINGERPRINT_ROWS", 2)  # made in slices: the same
    assert fingerprint(table) == digest.hexdigest()
    tools = [None, "", '[{"name": "查询", "parameters": {}}]', None, "x"]
    with_tools = table.with_columns(pl.Series("tools", tools, dtype=pl.String))
    assert content_ids(with_tools).to_list() == [  # the ids loading gives, tools included
        content_id(s, m, t) for s, m, t in zip(systems, messages, tools, strict=True)]
    assert fingerprint(table.slice(1, 3)) != fingerprint(table.slice(1, 2))  # a sliced table
    assert fingerprint(table.head(0)) == hashlib.sha256(b"").hexdigest()


def test_v1_removes_only_exact_duplicates(tmp_path, sources):
    r = build(recipes.load("v1"), out=tmp_path, source_paths=dict(s.split("=", 1) for s in sources))
    assert [s["name"] for s in r.manifest["steps"]] == ["exact_dedup"]
    # the two alpaca_zh copies and the two alpaca_gpt4_zh copies are one conversation
    assert r.manifest["counts"]["removed_by_reason"] == {
        "exact_dedup/exact_duplicate": 3,
        "load/empty": 2,  # the alpaca record without output, the unanswered sharegpt question
    }


def test_conservation_check_fails_loudly():
    kept = pl.DataFrame({"source": ["a", "a"]})
    removed = pl.DataFrame({"source": ["a"]})
    assert check_conservation({"a": 3}, kept, removed) == {"a": {"input": 3, "kept": 2,
                                                                  "removed": 1}}
    with pytest.raises(InvariantError, match="conservation broken for source a"):
        check_conservation({"a": 4}, kept, removed)


def test_bad_input_fails_cleanly_and_writes_nothing(tmp_path, sources):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"instruction": "x", "input": "", "output": "y"}\n{"instruction": \n',
                   encoding="utf-8")
    args = [a if not a.startswith("alpaca_gpt4_zh=") else f"alpaca_gpt4_zh={bad}"
            for a in source_args(sources)]
    proc = subprocess.run([sys.executable, "-m", "curation", "build", "--version", "v2",
                           "--out", str(tmp_path / "out"), *args],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert f"{bad}, line 2: malformed JSON" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out" / "aurora-zh" / "v2").exists()


def test_missing_sources_say_what_to_download(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli("build", "--version", "v1") == 2
    err = capsys.readouterr().err
    assert "data/raw/alpaca_data_51k.json not found" in err
    assert "hfl/alpaca_zh_51k" in err and "--source alpaca_zh=" in err and "--sample" in err
    assert not Path("build").exists()


def test_v2_without_benchmarks_fails_before_loading(tmp_path, monkeypatch, capsys, sources):
    monkeypatch.chdir(tmp_path)
    assert cli("build", "--version", "v2", *source_args(sources)) == 2
    err = capsys.readouterr().err
    assert "decontaminate: ceval directory data/benchmarks/ceval not found" in err
    assert not Path("build").exists()


def test_unknown_version_and_source_names(tmp_path, capsys, sources):
    assert cli("build", "--version", "v9") == 2
    assert "available: v1, v2" in capsys.readouterr().err
    assert cli("build", "--version", "v2", "--out", str(tmp_path), "--source", "nope=x.json") == 2
    assert "--source names not in recipe" in capsys.readouterr().err


def test_recipes_command_lists_versions(capsys):
    assert cli("recipes") == 0
    out = capsys.readouterr().out
    assert out.startswith("v1\t") and "\nv2\t" in out and "minhash_dedup" in out


def test_recipe_errors_are_clear(tmp_path):
    bad = tmp_path / "r.yaml"
    bad.write_text("dataset: d\nversion: x\nsources: []\nsteps:\n  - step: nope\n")
    with pytest.raises(CurationError, match="unknown step 'nope'"):
        recipes.load(str(bad))
    bad.write_text("dataset: d\nversion: x\nsources: []\nsteps:\n  - step: quality\n    bogus: 1\n")
    with pytest.raises(CurationError, match=r"step quality: .*bogus"):
        recipes.load(str(bad))


def test_card_has_dedup_section_with_overlap_matrix(tmp_path, sources):
    r = build(recipes.load("v1"), out=tmp_path, source_paths=dict(s.split("=", 1) for s in sources))
    card = (r.path / "README.md").read_text(encoding="utf-8")
    assert "## Deduplication" in card
    assert "| alpaca_gpt4_zh | 2 | 0 | 0 |" in card  # both gpt4 copies -> the alpaca_zh survivor
    removed = pl.read_parquet(r.path / "removed.parquet")
    kept = pl.read_parquet(next((r.path / "data").glob("*.parquet")))
    assert set(removed["duplicate_of"].drop_nulls()) <= set(kept["id"])


def test_two_builds_of_one_version_load_their_own_rows(tmp_path, sources):
    # datasets keys its cache for local folders by folder name + card metadata;
    # the card's dataset_info must tell two different v2 builds apart.
    a = build(recipes.load("v2"), out=tmp_path / "a",
              source_paths=dict(s.split("=", 1) for s in sources))
    b = build(recipes.load("v2"), out=tmp_path / "b", sample=True)
    assert a.manifest["counts"]["kept"] != b.manifest["counts"]["kept"]
    for r in (a, b):
        assert datasets.load_dataset(str(r.path), split="train").num_rows == \
            r.manifest["counts"]["kept"]


def test_a_step_can_run_twice_under_a_label(tmp_path, sources):
    raw = recipes.load("v1").raw | {"steps": [
        {"step": "exact_dedup"},
        {"step": "exact_dedup", "as": "prompt_dedup", "key": "first_prompt"}]}
    r = build(recipes.parse(raw, "test"), out=tmp_path,
              source_paths=dict(s.split("=", 1) for s in sources))
    assert [(s["name"], s["step"]) for s in r.manifest["steps"]] == [
        ("exact_dedup", "exact_dedup"), ("prompt_dedup", "exact_dedup")]
    removed = pl.read_parquet(r.path / "removed.parquet")
    assert set(removed["step"]) <= {"load", "exact_dedup", "prompt_dedup"}
    with pytest.raises(CurationError, match="step labels must be unique"):
        recipes.parse(recipes.load("v1").raw | {"steps": ["exact_dedup", "exact_dedup"]}, "t")
