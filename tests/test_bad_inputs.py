"""The bad-input corpus (tests/bad_inputs/cases.yaml): each case ends in one clear
message naming the file and line (exit 2), or quarantines the records no step could
use (exit 0, step ``load`` in removed.parquet). Never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
import yaml

from curation.cli import main

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
GOOD = {"alpaca_zh": "good_alpaca.json", "alpaca_gpt4_zh": "good_alpaca.jsonl",
        "sharegpt": "good_sharegpt.json"}
GOOD_RECORD = {"instruction": "介绍一下长城。", "input": "",
               "output": "长城是中国古代的军事防御工程。"}
REPO = Path(__file__).resolve().parents[1]


def generated(name: str, folder: Path) -> Path:
    """Inputs too big or too deep to commit."""
    good = json.dumps(GOOD_RECORD, ensure_ascii=False)
    deep = '{"x": ' * 100_000 + "1" + "}" * 100_000
    texts = {
        "deep.json": f"[{good},\n{deep}]\n",
        "deep.jsonl": f"{good}\n{deep}\n",
        "oversized.jsonl": good + "\n" + json.dumps(
            {"instruction": "长" * 5_000_000, "input": "", "output": "这是答案。"},
            ensure_ascii=False) + "\n",
    }
    path = folder / name
    path.write_text(texts[name], encoding="utf-8")
    return path


def _fill(text: str, tmp: Path) -> str:
    return text.format(dir=CORPUS, tmp=tmp, out=tmp / "out")


def case_argv(case: dict, tmp: Path) -> list[str]:
    recipe = case.get("recipe", "v1")
    version = recipe if recipe in ("v1", "v2") else str(CORPUS / recipe)
    argv = ["build", "--version", version, "--out", str(tmp / "out")]
    for name, default in GOOD.items():
        file = case.get("sources", {}).get(name, default)
        if file is None:
            continue
        path = generated(file[1:], tmp) if file.startswith("@") else CORPUS / file
        argv += ["--source", f"{name}={path}"]
    return argv + [_fill(a, tmp) for a in case.get("args", [])]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_bad_input(case: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)  # no data/raw, no data/benchmarks
    code = main(case_argv(case, tmp_path))
    err = capsys.readouterr().err
    assert code == case["exit"], err
    assert "Traceback" not in err
    for text in case.get("stderr", []):
        assert _fill(text, tmp_path) in err
    if code == 2:
        assert err.count("error: ") == 1  # one message (phase lines may come before it)
        assert not list((tmp_path / "out").glob("*/*/manifest.json"))  # nothing written
    if "quarantined" in case:
        reason, detail = case["quarantined"]
        version = tmp_path / "out" / "aurora-zh" / "v1"
        removed = pl.read_parquet(version / "removed.parquet").filter(pl.col("step") == "load")
        assert removed["reason"].to_list() == [reason]
        assert detail in removed["detail"][0]
        manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
        counts = manifest["counts"]
        assert counts["kept"] + counts["removed"] == counts["input"]
        assert manifest["load"]["reasons"] == {reason: 1}


def test_the_corpus_covers_every_case_once() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)) and len(ids) >= 40
    used = {c["recipe"] for c in CASES if "recipe" in c} | {
        f for c in CASES for f in (c.get("sources") or {}).values() if f}
    on_disk = {p.name for p in CORPUS.iterdir()} - {"cases.yaml", *GOOD.values()}
    assert on_disk <= used, f"corpus files no case uses: {sorted(on_disk - used)}"


def test_unreadable_file_is_one_line(tmp_path: Path) -> None:
    secret = tmp_path / "secret.json"
    if os.geteuid() == 0:  # root reads any file it owns; procfs denies even root this one
        secret.symlink_to("/proc/sys/vm/drop_caches")
    else:
        secret.write_text(json.dumps([GOOD_RECORD], ensure_ascii=False), encoding="utf-8")
        secret.chmod(0o000)
    sources = [a for name, f in GOOD.items()
               for a in ("--source", f"{name}={secret if name == 'alpaca_zh' else CORPUS / f}")]
    proc = subprocess.run([sys.executable, "-m", "curation", "build", "--version", "v1",
                           "--out", str(tmp_path / "out"), *sources], cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 2, proc.stderr
    assert f"error: {secret}: permission denied" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_an_existing_version_and_missing_data_are_one_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """"already exists" used to come first, and the missing data only on the rerun."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "build" / "aurora-zh" / "v1").mkdir(parents=True)
    assert main(["build", "--version", "v1"]) == 2
    err = capsys.readouterr().err
    assert err.count("error: ") == 1 and "4 problems, nothing was read or written" in err
    assert "already exists; pass --force" in err
    for name in ("alpaca_zh", "alpaca_gpt4_zh", "sharegpt"):
        assert f"source {name!r}: data/raw/" in err


@pytest.mark.parametrize("program", ["curation", "eval", "finetune"])
def test_a_bug_shows_its_traceback_and_says_it_is_a_bug(
        program: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a bug")

    if program == "curation":
        monkeypatch.setattr("curation.recipe.load", broken)
        from curation.cli import main as entry
        argv = ["build", "--version", "v1"]
    elif program == "eval":
        monkeypatch.setattr("eval.__main__.get_spec", broken)
        from eval.__main__ import main as entry
        argv = ["--model", "tiny-mixtral", "--task", "ceval", "--fixture"]
    else:
        monkeypatch.setattr("finetune.config.load_config", broken)
        from finetune.cli import main as entry
        argv = ["--dataset", "x", "--output", "y"]
    assert entry(argv) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "ZeroDivisionError: a bug" in err
    assert f"python -m {program}: internal error (a bug, not a problem with your input)" in err
