"""The real-data bench: manifest checks and conversions (bench/real_data.py) and the
judgment arithmetic (bench/judgments.py), on records written here, never real data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import polars as pl
import pytest

from bench import judgments as J
from bench import real_data as R


def msgs(*texts: str) -> list[dict[str, str]]:
    return [{"role": "user" if i % 2 == 0 else "assistant", "content": t}
            for i, t in enumerate(texts)]


def write_version(root: Path, kept: list[tuple[int, int]], removed: list[tuple[int, str]],
                  trimmed: list[tuple[int, str]]) -> Path:
    """A version folder with one source 's' (file s.json): kept (index, message count),
    removed (index, reason), trimmed (index, reason; the kept row has the short form)."""
    (root / "data").mkdir(parents=True)
    manifest = {"recipe": {"sources": [{"name": "s", "path": "data/raw/s.json"}]}}
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    schema = {"source": pl.String, "source_index": pl.Int64,
              "messages": pl.List(pl.Struct({"role": pl.String, "content": pl.String}))}
    rows = [{"source": "s", "source_index": i, "messages": msgs(*["x"] * n)} for i, n in kept]
    pl.DataFrame(rows, schema=schema).write_parquet(root / "data" / "train-0.parquet")
    pl.DataFrame([{"source": "s", "source_index": i, "step": "quality", "reason": r}
                  for i, r in removed],
                 schema={"source": pl.String, "source_index": pl.Int64, "step": pl.String,
                         "reason": pl.String}).write_parquet(root / "removed.parquet")
    pl.DataFrame([{"source": "s", "source_index": i, "step": "quality", "reason": r}
                  for i, r in trimmed],
                 schema={"source": pl.String, "source_index": pl.Int64, "step": pl.String,
                         "reason": pl.String}).write_parquet(root / "trimmed.parquet")
    return root


def write_labels(path: Path, rows: list[tuple[int, str, str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["file", "index", "verdict", "reason", "split", "note"])
        for i, verdict, reason, note in rows:
            w.writerow(["s.json", i, verdict, reason, J.split_of("s.json", i), note])
    return path


def test_split_is_a_stable_half():
    splits = [J.split_of("f.json", i) for i in range(400)]
    assert splits == [J.split_of("f.json", i) for i in range(400)]
    assert 150 < splits.count("test") < 250


def test_wilson_interval():
    assert J.wilson(0, 0) is None
    lo, hi = J.wilson(9, 10)
    assert lo < 0.9 < hi and hi < 1.0 and lo > 0.5
    assert J.wilson(10, 10)[1] == pytest.approx(1.0)


def test_judgments_end_to_end(tmp_path: Path):
    version = write_version(
        tmp_path / "v",
        kept=[(0, 2), (1, 2), (2, 2), (5, 2), (6, 4)],
        removed=[(3, "refusal"), (4, "refusal"), (7, "refusal")],
        trimmed=[(5, "ai_disclaimer"), (6, "ai_disclaimer")])
    labels = write_labels(tmp_path / "labels.csv", [
        (0, "good", "ok", ""), (1, "bad", "garbled", ""), (2, "good", "ok", ""),
        (3, "bad", "refusal", ""), (4, "good", "ok", ""), (7, "partial", "refusal", "3 x"),
        (5, "partial", "ai_disclaimer", "3 ok"),      # kept 2 messages: cut before turn 3
        (6, "partial", "ai_disclaimer", "3 late")])   # kept 4: the bad turn stayed
    out = tmp_path / "j.json"
    assert J.main([str(version), "--labels", str(labels), "--out", str(out),
                   "--name", "t", "--kept-sample", "3"]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))["t"]
    rules = {(r["kind"], r["reason"]): r for r in result["rules"]}
    refusal = rules[("removed", "refusal")]["splits"]["all"]
    assert (refusal["labeled"], refusal["right"]) == (3, 1)
    assert refusal["wrong"] == {"good": 1, "partial": 1, "bad": 0, "too_late": 0}
    trim = rules[("trimmed", "ai_disclaimer")]["splits"]["all"]
    assert (trim["right"], trim["wrong"]["too_late"]) == (1, 1)
    kept = result["kept"]["all"]
    # Kept and trimmed records: 0 and 2 good, 1 bad, 5 fixed by its trim, 6 trimmed too late.
    assert (kept["kept"], kept["labeled"], kept["errors"]) == (5, 5, 2)
    assert kept["error_rate"] == pytest.approx(0.4)
    # The page: no result named "before" yet, so the before columns are empty; a second
    # result compared against the first fills them.
    row = "| removed refusal | – | – | – | – | 3 | 3 ("
    assert row in out.with_suffix(".md").read_text(encoding="utf-8")
    md = tmp_path / "page.md"
    assert J.main([str(version), "--labels", str(labels), "--out", str(out), "--md", str(md),
                   "--name", "t2", "--before-name", "t", "--kept-sample", "3"]) == 0
    page = md.read_text(encoding="utf-8")
    assert "| removed refusal | 3 | 3 (" in page and "| all | 0.400 [" in page
    assert page.count("| trimmed ai_disclaimer |") == 1


def test_judgments_refuse_an_unrelated_results_file(tmp_path: Path, capsys):
    version = write_version(tmp_path / "v", kept=[(0, 2)], removed=[], trimmed=[])
    labels = write_labels(tmp_path / "labels.csv", [(0, "good", "ok", "")])
    out = tmp_path / "other.json"
    out.write_text('{"fingerprint": "abc"}', encoding="utf-8")
    assert J.main([str(version), "--labels", str(labels), "--out", str(out)]) == 2
    assert "not a judgments results file" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == '{"fingerprint": "abc"}'  # left as it was


def test_kept_error_is_stratified_by_the_baseline(tmp_path: Path):
    # Baseline kept 0-9 and removed 10-19; the new build keeps all 20. Labeled: the first
    # two of the baseline's kept sample (1 bad), one more kept record outside the sample
    # (bad, read for another reason: not counted) and all 10 it removed (none bad).
    base = write_version(tmp_path / "base", kept=[(i, 2) for i in range(10)],
                         removed=[(i, "truncated") for i in range(10, 20)], trimmed=[])
    new = write_version(tmp_path / "new", kept=[(i, 2) for i in range(20)],
                        removed=[], trimmed=[])
    first, second, *rest = [i for _, i in J.kept_sample_order(base, 11)]
    labels = J.load_labels(write_labels(
        tmp_path / "l.csv",
        [(first, "bad", "garbled", ""), (second, "good", "ok", ""),
         (rest[-1], "bad", "garbled", "")]
        + [(i, "good", "ok", "") for i in range(10, 20)]))
    res = J.judge(new, labels, base, kept_sample=5, seed=11)["kept"]
    assert res["all"]["errors"] == 1 and res["all"]["labeled"] == 12
    assert res["all"]["error_rate"] == pytest.approx(0.5 * 0.5 + 0.5 * 0.0)
    assert res["sample_unlabeled_needed"] == 3


def test_labels_must_carry_the_hash_split(tmp_path: Path):
    path = tmp_path / "l.csv"
    wrong = "tune" if J.split_of("s.json", 0) == "test" else "test"
    path.write_text(f"file,index,verdict,reason,split,note\ns.json,0,good,ok,{wrong},\n",
                    encoding="utf-8")
    with pytest.raises(SystemExit, match="split"):
        J.load_labels(path)


def test_materialize_names_what_to_fetch(tmp_path: Path, capsys):
    assert R.main(["materialize", "--root", str(tmp_path), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    first = R.DATASETS[0].upstream[0]
    assert f"https://raw.githubusercontent.com/{first.repo}/{first.commit}/{first.path}" in err
    assert not (tmp_path / "o").exists()


def test_conversions_on_own_records():
    questions = [{"index": 0, "question_id": 1, "turns": ["問一", "問二"]},
                 {"index": 1, "question_id": 2, "turns": ["問三"]}]
    fastchat = [{"question_id": 1, "choices": [{"turns": ["答一", "答二"]}]},
                {"question_id": 2, "choices": [{"turns": ["答三"]}]}]
    by_index = [{"id": 1, "generated_text": " 答四 "}]
    out = R.CONVERTERS["tw_bench"]([questions, fastchat, by_index])
    assert [m["content"] for r in out for m in r["messages"]] == \
        ["問一", "答一", "問二", "答二", "問三", "答三", "問三", "答四"]
    history = [{"history": ["[客户] 你好", "[律师] 您好，请讲。"]}]
    assert R.CONVERTERS["client_lawyer_history"]([history])[0]["messages"][1] == \
        {"role": "assistant", "content": "您好，请讲。"}
    with pytest.raises(ValueError, match="tag"):
        R.CONVERTERS["client_lawyer_history"]([[{"history": ["[法官] 肃静"]}]])


def test_subsample_is_seeded_and_keeps_file_order():
    records = [{"i": i} for i in range(50)]
    a = R.subsample(records, 10, "f.json")
    assert a == R.subsample(records, 10, "f.json")
    assert [i for i, _ in a] == sorted(i for i, _ in a)
    assert a != R.subsample(records, 10, "g.json")
    assert len(R.subsample(records, None, "f.json")) == 50
