"""The MMLU variants users have are each detected from the file's header or schema; anything
else fails naming the file. Items are the project's own."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curation.benchmarks import BenchmarkError, load_local, read_benchmark

Q = [("Which gas makes up most of the air we breathe at sea level?",
      ["Nitrogen", "Oxygen", "Argon", "Carbon dioxide"], 0),
     ("Which layer of the atmosphere holds most of the ozone?",
      ["Troposphere", "Stratosphere", "Mesosphere", "Thermosphere"], 1)]


def _write(path: Path, rows: list[list[str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def _parquet(path: Path, rows=Q, subject="astronomy") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table({"question": [q for q, _, _ in rows],
                             "subject": [subject] * len(rows),
                             "choices": [c for _, c, _ in rows],
                             "answer": [a for _, _, a in rows]}), path)
    return path


def test_original_and_hub_variants_give_the_same_questions(tmp_path):
    _write(tmp_path / "orig" / "test" / "astronomy_test.csv",
           [[q, *c, "ABCD"[a]] for q, c, a in Q])
    _parquet(tmp_path / "hub" / "astronomy" / "test-00000-of-00001.parquet")
    _write(tmp_path / "hubcsv" / "test" / "astronomy.csv",
           [["question", "subject", "choices", "answer"]]
           + [[q, "astronomy", json.dumps(c), str(a)] for q, c, a in Q])
    got = {}
    for name in ("orig", "hub", "hubcsv"):
        items = read_benchmark("mmlu", tmp_path / name, ["dev", "val", "test"])
        got[name] = [(i.split, i.subject, i.question.question, i.question.choices,
                      i.question.answer) for i in items]
    assert got["orig"] == got["hub"] == got["hubcsv"]
    assert got["hub"][1][4] == "B" and len(got["hub"]) == 2


def test_eval_loads_the_hub_layout_too(tmp_path):
    _parquet(tmp_path / "astronomy" / "dev-00000-of-00001.parquet", Q[:1])
    _parquet(tmp_path / "astronomy" / "validation-00000-of-00001.parquet", Q[1:])
    (data,) = load_local("mmlu", tmp_path, "val")
    assert data.info.name == "astronomy"
    assert [q.answer for q in data.dev] == ["A"] and [q.answer for q in data.questions] == ["B"]


def test_unknown_or_broken_variants_fail_naming_the_file(tmp_path):
    bad_header = _write(tmp_path / "a" / "test" / "x.csv", [["q", "opts", "ans"], ["1", "2", "3"]])
    with pytest.raises(BenchmarkError, match=rf"{bad_header}: not an MMLU file.*cais/mmlu"):
        read_benchmark("mmlu", tmp_path / "a", ["test"])
    numpy_style = _write(tmp_path / "b" / "test.csv", [["question", "subject", "choices",
                                                        "answer"],
                                                       [Q[0][0], "astronomy", "['a' 'b' 'c' 'd']",
                                                        "0"]])
    with pytest.raises(BenchmarkError, match=rf"{numpy_style}: row 2: choices .* not a list"):
        read_benchmark("mmlu", tmp_path / "b", ["test"])
    letter = _write(tmp_path / "c" / "test.csv", [["question", "subject", "choices", "answer"],
                                                  [Q[0][0], "astronomy", json.dumps(Q[0][1]),
                                                   "A"]])
    with pytest.raises(BenchmarkError, match=rf"{letter}: row 2: answer 'A' is not an integer"):
        read_benchmark("mmlu", tmp_path / "c", ["test"])
    _parquet(tmp_path / "d" / "test.parquet", subject="not_a_subject")
    with pytest.raises(BenchmarkError, match="'not_a_subject' is not an MMLU subject"):
        read_benchmark("mmlu", tmp_path / "d", ["test"])
    _parquet(tmp_path / "e" / "auxiliary_train-00000.parquet")  # not a benchmark split
    with pytest.raises(BenchmarkError, match=r"mmlu benchmark folder .*e has no dev/val/test"):
        read_benchmark("mmlu", tmp_path / "e", ["dev", "val", "test"])
