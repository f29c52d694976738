"""Benchmark loaders, category maps, fixtures, malformed files, split refusal, Hub loading."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from curation import benchmarks as bm
from curation.benchmarks import (
    BENCHMARKS,
    CATEGORIES,
    CHINA_SPECIFIC,
    BenchmarkError,
    check_split,
    fixture_dir,
    get_spec,
    load_hub,
    load_local,
    read_split_file,
)

REPO = Path(__file__).resolve().parents[1]


def test_category_maps_cover_every_official_subject() -> None:
    counts = {name: len(spec.subjects) for name, spec in BENCHMARKS.items()}
    assert counts == {"ceval": 52, "mmlu": 57, "cmmlu": 67}
    for spec in BENCHMARKS.values():
        assert {s.category for s in spec.subjects.values()} == set(CATEGORIES)
        assert all(name == info.name for name, info in spec.subjects.items())
    ceval = Counter(s.category for s in BENCHMARKS["ceval"].subjects.values())
    assert ceval == {"STEM": 20, "Social Sciences": 10, "Humanities": 11, "Other": 11}
    mmlu = Counter(s.category for s in BENCHMARKS["mmlu"].subjects.values())
    assert mmlu == {"STEM": 18, "Social Sciences": 12, "Humanities": 13, "Other": 14}
    cmmlu = BENCHMARKS["cmmlu"].subjects
    assert sum(s.china_specific for s in cmmlu.values()) == 15
    assert cmmlu["chinese_history"].categories == ("Humanities", CHINA_SPECIFIC)
    assert BENCHMARKS["cmmlu"].category_names[-1] == CHINA_SPECIFIC
    assert CHINA_SPECIFIC not in BENCHMARKS["mmlu"].category_names
    # Chinese names exist where the benchmark has them; MMLU prompts use the English name
    assert all(s.zh for s in BENCHMARKS["ceval"].subjects.values())
    assert BENCHMARKS["mmlu"].subjects["high_school_geography"].display_name("zh") == (
        "high school geography")


@pytest.mark.parametrize(("task", "split", "n_eval"), [
    ("ceval", "val", 5), ("ceval", "test", 4), ("mmlu", "val", 4), ("mmlu", "test", 5),
    ("cmmlu", "test", 5),
])
def test_fixtures_are_official_layout_and_span_categories(task: str, split: str,
                                                          n_eval: int) -> None:
    data = load_local(task, fixture_dir(task), split)
    assert 3 <= len(data) <= 4
    assert {s.info.category for s in data} == set(CATEGORIES)
    for s in data:
        assert len(s.dev) == 5 and len(s.questions) == n_eval
        assert all(len(q.choices) == 4 and q.question for q in s.questions)
        labelled = split in get_spec(task).labelled_splits
        assert all((q.answer in bm.LETTERS) == labelled for q in s.questions)
    if task == "cmmlu":
        assert any(s.info.china_specific for s in data)


def test_fixture_file_formats_match_the_official_headers() -> None:
    root = fixture_dir("ceval")
    heads = {split: (root / split / f"computer_network_{split}.csv").read_text("utf-8")
             .splitlines()[0] for split in ("dev", "val", "test")}
    assert heads == {"dev": "id,question,A,B,C,D,answer,explanation",
                     "val": "id,question,A,B,C,D,answer", "test": "id,question,A,B,C,D"}
    cm = (fixture_dir("cmmlu") / "test" / "agronomy.csv").read_text("utf-8").splitlines()[0]
    assert cm == ",Question,A,B,C,D,Answer"
    mm = (fixture_dir("mmlu") / "dev" / "astronomy_dev.csv").read_text("utf-8").splitlines()[0]
    assert mm.startswith("Which planet") and mm.endswith(",B")  # no header row
    # a quoted cell with newlines and a comma-bearing option survive parsing verbatim
    val = load_local("ceval", fixture_dir("ceval"), "val", ["computer_network"])[0]
    assert "\nip address 192.168.1.1 255.255.255.0\n" in val.questions[2].question
    geo = load_local("mmlu", fixture_dir("mmlu"), "test", ["high_school_geography"])[0]
    assert geo.dev[3].question.endswith("1:100,000, one centimetre represents")


def test_flat_ceval_layout_is_accepted(tmp_path: Path) -> None:
    for f in (fixture_dir("ceval")).rglob("art_studies_*.csv"):
        shutil.copy(f, tmp_path / f.name)
    (data,) = load_local("ceval", tmp_path, "val")
    assert data.info.name == "art_studies" and len(data.questions) == 5


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_malformed_files_fail_with_file_and_reason(tmp_path: Path) -> None:
    missing = _write(tmp_path / "val" / "law_val.csv", "id,question,A,B,C,D\n0,q,a,b,c,d\n")
    with pytest.raises(BenchmarkError, match=r"law_val\.csv.*lacks column.*'answer'"):
        read_split_file("ceval", missing, "val")
    bad = _write(tmp_path / "val" / "logic_val.csv",
                 "id,question,A,B,C,D,answer\n0,q,a,b,c,d,A\n1,q,a,b,c,d,E\n")
    with pytest.raises(BenchmarkError, match=r"logic_val\.csv: row 3: answer 'E' is not one"):
        read_split_file("ceval", bad, "val")
    cm = _write(tmp_path / "test" / "arts.csv", ",Question,A,B,C,D\n0,q,a,b,c,d\n")
    with pytest.raises(BenchmarkError, match=r"lacks column.*'Answer'"):
        read_split_file("cmmlu", cm, "test")
    cm_idx = _write(tmp_path / "test" / "arts2.csv", "Question,A,B,C,D,Answer\nq,a,b,c,d,A\n")
    with pytest.raises(BenchmarkError, match="lacks column"):
        read_split_file("cmmlu", cm_idx, "test")
    mm = _write(tmp_path / "test" / "virology_test.csv", "q,a,b,c,d,A\nq,a,b,c,A\n")
    with pytest.raises(BenchmarkError, match=r"row 2 has 5 cells.*exactly 6"):
        read_split_file("mmlu", mm, "test")
    mm2 = _write(tmp_path / "test" / "anatomy_test.csv", "q,a,b,c,d,1\n")
    with pytest.raises(BenchmarkError, match="answer '1' is not one of A, B, C, D"):
        read_split_file("mmlu", mm2, "test")
    with pytest.raises(BenchmarkError, match="missing benchmark file"):
        read_split_file("mmlu", tmp_path / "nope.csv", "test")
    with pytest.raises(BenchmarkError, match="no mmlu 'test' files under"):
        load_local("mmlu", tmp_path / "val", "test")
    with pytest.raises(BenchmarkError, match="unknown cmmlu subject"):
        load_local("cmmlu", fixture_dir("cmmlu"), "test", ["not_a_subject"])


def test_split_rules() -> None:
    with pytest.raises(BenchmarkError, match=r"answers are not public.*empty answers.*'val'"):
        check_split(get_spec("ceval"), "test")
    with pytest.raises(BenchmarkError, match="cmmlu has no 'val' split"):
        check_split(get_spec("cmmlu"), "val")
    with pytest.raises(BenchmarkError, match="few-shot pool"):
        check_split(get_spec("mmlu"), "dev")
    assert get_spec("ceval").default_split == "val"
    check_split(get_spec("mmlu"), "val")
    with pytest.raises(BenchmarkError, match="unknown task"):
        get_spec("agieval")


def test_cli_refuses_ceval_test_before_loading_a_model() -> None:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "eval", "--model", "tiny-mixtral", "--task", "ceval",
         "--split", "test", "--fixture"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 2
    assert "answers are not public" in proc.stderr and "val" in proc.stderr
    assert "torch" not in proc.stderr  # refused up front, no model code ran


def test_hub_offline_error_is_clear(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(BenchmarkError, match=r"cais/mmlu.*offline.*--data-dir.*--fixture"):
        load_hub("mmlu", "test", ["virology"])


def test_hub_loader_maps_each_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real load_dataset calls, answered by a stub: configs, split names, column mapping."""
    import datasets

    calls = []

    def fake(repo: str, name: str, split: str, cache_dir: str | None = None) -> list[dict]:
        calls.append((repo, name, split))
        if repo == "cais/mmlu":
            return [{"question": "q", "subject": name, "choices": ["a", "b", "c", "d"],
                     "answer": 2}]
        if repo == "ceval/ceval-exam":
            return [{"id": 7, "question": "q", "A": "a", "B": "b", "C": "c", "D": "d",
                     "answer": "" if split == "test" else "B", "explanation": ""}]
        return [{"Question": "q", "A": "a", "B": "b", "C": "c", "D": "d", "Answer": "D"}]

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HF_DATASETS_OFFLINE", raising=False)
    monkeypatch.setattr(datasets, "load_dataset", fake)
    (mm,) = load_hub("mmlu", "val", ["virology"])
    assert calls[-2:] == [("cais/mmlu", "virology", "dev"), ("cais/mmlu", "virology",
                                                              "validation")]
    assert mm.questions[0].answer == "C" and mm.info.category == "Other"
    (ce,) = load_hub("ceval", "test", ["law"])
    assert ce.dev[0].answer == "B" and ce.questions[0].answer is None
    (cm,) = load_hub("cmmlu", "test", ["arts"])
    assert cm.questions[0].answer == "D"

    def broken(*args: object, **kwargs: object) -> None:
        raise ConnectionError("no route to host")

    monkeypatch.setattr(datasets, "load_dataset", broken)
    with pytest.raises(BenchmarkError, match=r"haonan-li/cmmlu:arts.*ConnectionError"):
        load_hub("cmmlu", "test", ["arts"])
