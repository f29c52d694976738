import json
from pathlib import Path

import polars as pl
import pytest

from curation.errors import InputError
from curation.loading import LoadedSource, load_source
from curation.schema import SCHEMA

RECORDS = [{"instruction": "你好", "input": "", "output": "你好！"},
           {"instruction": "一加一", "input": "", "output": "二"}]


def test_json_jsonl_parquet_give_the_same_table(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(RECORDS, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n\n", encoding="utf-8")
    pl.DataFrame(RECORDS).write_parquet(tmp_path / "a.parquet")
    tables = [load_source(name="x", fmt="alpaca", path=tmp_path / f"a.{ext}").table
              for ext in ("json", "jsonl", "parquet")]
    assert tables[0].schema == pl.Schema(SCHEMA)
    assert tables[0]["source_index"].to_list() == [0, 1]
    for t in tables[1:]:
        assert t.equals(tables[0])


def test_loaded_source_records_file_hash(tmp_path):
    p = tmp_path / "a.json"
    p.write_text(json.dumps(RECORDS), encoding="utf-8")
    a = load_source(name="x", fmt="alpaca", path=p)
    assert a.sha256 and len(a.sha256) == 64
    p.write_text(json.dumps(RECORDS[:1]), encoding="utf-8")
    assert load_source(name="x", fmt="alpaca", path=p).sha256 != a.sha256


def test_malformed_jsonl_line_names_file_and_line(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text(json.dumps(RECORDS[0]) + "\n" + '{"instruction": "x",\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl, line 2: malformed JSON"):
        load_source(name="x", fmt="alpaca", path=p)


def test_missing_field_names_the_line(tmp_path):
    p = tmp_path / "f.jsonl"
    p.write_text(json.dumps(RECORDS[0]) + "\n\n" + json.dumps({"instruction": "x"}) + "\n",
                 encoding="utf-8")
    with pytest.raises(InputError,
                       match=r"f\.jsonl, line 3: alpaca record: missing field 'output'"):
        load_source(name="x", fmt="alpaca", path=p)


def test_missing_field_in_json_array_names_the_record(tmp_path):
    p = tmp_path / "f.json"
    p.write_text(json.dumps([RECORDS[0], {"output": "x"}]), encoding="utf-8")
    with pytest.raises(InputError, match=r"f\.json, record 1: .*'instruction'"):
        load_source(name="x", fmt="alpaca", path=p)


def test_non_utf8_names_the_line(tmp_path):
    p = tmp_path / "gbk.jsonl"
    p.write_bytes(json.dumps(RECORDS[0]).encode() + b"\n" + '{"instruction": "你好"}'.encode("gbk"))
    with pytest.raises(InputError, match=r"gbk\.jsonl, line 2: not valid UTF-8"):
        load_source(name="x", fmt="alpaca", path=p)


@pytest.mark.parametrize("name, content, message", [
    ("a.csv", "x", "unknown file type '.csv'"),
    ("a.json", '{"instruction": "x"}', "expected a JSON array"),
    ("a.json", "[1, 2]", "record 0: alpaca record: expected an object"),
    ("a.parquet", "not parquet", "cannot read parquet"),
])
def test_bad_files(tmp_path, name, content, message):
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_source(name="x", fmt="alpaca", path=p)


def test_unknown_format_and_missing_file(tmp_path):
    p = tmp_path / "a.json"
    p.write_text("[]", encoding="utf-8")
    with pytest.raises(InputError, match="unknown format 'csv'"):
        load_source(name="x", fmt="csv", path=p)
    with pytest.raises(InputError, match=r"nope\.json: not found"):
        load_source(name="x", fmt="alpaca", path=tmp_path / "nope.json")


def test_hub_id_offline_gives_a_clear_error():
    with pytest.raises(InputError, match=r"hub:org/missing-set: could not load the Hub dataset"):
        load_source(name="x", fmt="alpaca", path=None, hub="org/missing-set")


@pytest.fixture(scope="module")
def two_workers():
    from curation.executors import LocalExecutor

    with LocalExecutor(2) as ex:
        yield ex


def plans_for(paths: dict[str, tuple[str, str]]):
    from curation.build import SourcePlan
    from curation.recipe import Source

    return {name: SourcePlan(Source(name=name, format=fmt, path=path), Path(path))
            for name, (fmt, path) in paths.items()}


def test_sources_loaded_in_parts_by_workers_equal_the_whole_load(tmp_path, two_workers,
                                                                 monkeypatch):
    from curation import build as b
    from curation.loading import LoadPolicy

    rows = [{"instruction": f"问题{i}", "input": "", "output": "" if i % 7 == 3 else f"答案{i}"}
            for i in range(23)]  # every 7th has no answer: quarantined, in its part
    (tmp_path / "a.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    (tmp_path / "a.jsonl").write_text("\n\n".join(lines[:9]) + "\n  \n" + "\n".join(lines[9:]),
                                      encoding="utf-8")
    pl.DataFrame(rows).write_parquet(tmp_path / "a.parquet")
    paths = {ext: ("alpaca", str(tmp_path / f"a.{ext}")) for ext in ("json", "jsonl", "parquet")}
    monkeypatch.setattr(b, "PART_BYTES", 64)  # every file in two parts, one per worker
    loaded = b.load_all(plans_for(paths), LoadPolicy(), two_workers)
    for name, (fmt, path) in paths.items():
        whole = load_source(name=name, fmt=fmt, path=Path(path))
        assert loaded[name].table.equals(whole.table) and whole.table.height == 20
        assert loaded[name].removed.equals(whole.removed) and whole.removed.height == 3
        assert loaded[name].sha256 == whole.sha256 and whole.sha256
    # A JSON array part is the records that start in its half of the text, numbered as
    # in the whole file; a JSON Lines part (the lines that start in its half of the
    # bytes) from its first record, join numbers on.
    text = (tmp_path / "a.json").read_text(encoding="utf-8")
    starts = [text.index(json.dumps(r, ensure_ascii=False)) for r in rows]
    first_of_second = next(i for i, at in enumerate(starts) if at >= len(text) // 2)
    second = load_source(name="x", fmt="alpaca", path=tmp_path / "a.json", part=(1, 2))
    assert second.sha256 is None and second.records == 23 - first_of_second
    assert second.table["source_index"][0] == first_of_second + (first_of_second % 7 == 3)
    first, second = (load_source(name="x", fmt="alpaca", path=tmp_path / "a.jsonl",
                                 part=(k, 2)) for k in (0, 1))
    assert second.sha256 is None and 0 < second.records < 23
    assert second.table["source_index"][0] == 0 and second.numbered_from_part
    whole = load_source(name="x", fmt="alpaca", path=tmp_path / "a.jsonl")
    joined = LoadedSource.join([first, second])
    assert joined.table.equals(whole.table) and joined.removed.equals(whole.removed)


def test_a_big_json_lines_file_loads_in_parts_of_bounded_size(tmp_path, monkeypatch):
    from curation import build as b
    from curation.executors import LocalExecutor
    from curation.loading import LoadPolicy

    lines = [json.dumps({"instruction": f"问题{i}", "input": "", "output": f"答案{i}"},
                        ensure_ascii=False) for i in range(50)]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    parts: list[tuple[int, int]] = []
    load_planned = b.load_planned
    monkeypatch.setattr(b, "load_planned", lambda task: parts.append(task.part)
                        or load_planned(task))
    monkeypatch.setattr(b, "LINES_PART_BYTES", path.stat().st_size // 6)
    loaded = b.load_all(plans_for({"x": ("alpaca", str(path))}), LoadPolicy(),
                        LocalExecutor(1))
    assert len(parts) >= 6 and sorted(parts) == [(k, len(parts)) for k in range(len(parts))]
    whole = load_source(name="x", fmt="alpaca", path=path)
    assert loaded["x"].table.equals(whole.table) and whole.table.height == 50

    class Workers:  # three workers' parts, loaded here
        workers = 3

        def map(self, fn, items):
            return [fn(x) for x in items]

    # With workers, as many parts as LINES_PARTS_PER_WORKER per worker while each holds
    # PART_BYTES: the parts, biggest first, then even the workers' loads out.
    monkeypatch.setattr(b, "LINES_PART_BYTES", 1 << 30)
    monkeypatch.setattr(b, "PART_BYTES", path.stat().st_size // 8)
    for workers, n in ((3, 3 * b.LINES_PARTS_PER_WORKER), (1, 1)):
        parts.clear()
        Workers.workers = workers
        loaded = b.load_all(plans_for({"x": ("alpaca", str(path))}), LoadPolicy(), Workers())
        assert sorted(parts) == [(k, n) for k in range(n)]
        assert loaded["x"].table.equals(whole.table)


@pytest.mark.parametrize(("text", "problem"), [
    ('[{"instruction": "问", "output": "答"},]', r"line 1: malformed JSON: Expecting value"),
    ('[{"instruction": "问", "output": "答"} {"instruction": "问"}]',
     r"line 1: malformed JSON: Expecting ',' delimiter \(column 38\)"),
    ('[{"instruction": "问", "output": "答"}] []', r"line 1: malformed JSON: Extra data"),
    ('[{"instruction": "问", "output": "答"},\n{"output": "答", "output": "又"}]',
     r"line 2: record 1: duplicate key 'output'"),
    ('{"instruction": "问", "output": "答"}', r"expected a JSON array"),
])
def test_a_json_array_part_reports_what_the_whole_load_reports(tmp_path, text, problem):
    path = tmp_path / "a.json"
    path.write_text(text, encoding="utf-8")
    for part in [(0, 1), (1, 2)]:
        with pytest.raises(InputError, match=problem):
            load_source(name="x", fmt="alpaca", path=path, part=part)


def test_an_empty_json_array_loads_in_parts(tmp_path):
    (tmp_path / "a.json").write_text(" [ ] \n", encoding="utf-8")
    for part in [(0, 2), (1, 2)]:
        assert load_source(name="x", fmt="alpaca", path=tmp_path / "a.json",
                           part=part).records == 0


def test_the_first_bad_record_in_file_order_is_reported_from_parts(tmp_path, two_workers,
                                                                    monkeypatch):
    from curation import build as b
    from curation.loading import LoadPolicy

    good = json.dumps(RECORDS[0], ensure_ascii=False)
    # Lines 3 and 30 are bad, one in each half: the error names line 3, as one process does.
    text = "\n".join(["{oops" if n in (3, 30) else good for n in range(1, 41)])
    (tmp_path / "bad.jsonl").write_text(text, encoding="utf-8")
    # A bigger source after it, bad too: its parts are loaded first (biggest first), yet
    # the error is the first source's, as when the sources load one after the other.
    (tmp_path / "big.jsonl").write_text("\n".join([good] * 200 + ["{oops"]), encoding="utf-8")
    monkeypatch.setattr(b, "PART_BYTES", 64)
    with pytest.raises(InputError, match=r"bad\.jsonl, line 3: malformed JSON"):
        b.load_all(plans_for({"x": ("alpaca", str(tmp_path / "bad.jsonl")),
                              "y": ("alpaca", str(tmp_path / "big.jsonl"))}), LoadPolicy(),
                   two_workers)


def test_json_lines_end_at_newlines_only_and_parts_decode_their_own_bytes(tmp_path):
    # U+2028, U+0085 and U+000C may stand raw in a JSON string (str.splitlines would cut
    # the record there); \r\n ends a line as \n does.
    answers = ["第一行\u2028第二行", "甲\x85乙", "分页\x0c符", "普通答案"]
    lines = [json.dumps({"instruction": f"问题{i}", "input": "", "output": a},
                        ensure_ascii=False) for i, a in enumerate(answers)]
    path = tmp_path / "a.jsonl"
    path.write_bytes(("\r\n".join(lines[:2]) + "\r\n\r\n" + "\n".join(lines[2:]) + "\n")
                     .encode("utf-8"))
    whole = load_source(name="x", fmt="alpaca", path=path)
    assert [m[-1]["content"] for m in whole.table["messages"].to_list()] == answers
    assert whole.table["source_index"].to_list() == [0, 1, 2, 3]
    parts = [load_source(name="x", fmt="alpaca", path=path, part=(k, 3)) for k in range(3)]
    assert LoadedSource.join(parts).table.equals(whole.table)
    # A bad byte in the second half: the first half loads; the second names the line
    # and byte as the whole file does.
    path.write_bytes(b"\n".join(line.encode("utf-8") for line in lines[:3])
                     + b"\n" + lines[3].encode("utf-8")[:-2] + b"\xff\"}\n")
    assert load_source(name="x", fmt="alpaca", path=path, part=(0, 2)).records == 2
    with pytest.raises(InputError) as whole_error:
        load_source(name="x", fmt="alpaca", path=path)
    with pytest.raises(InputError) as part_error:
        load_source(name="x", fmt="alpaca", path=path, part=(1, 2))
    assert str(part_error.value) == str(whole_error.value)
    assert ", line 4: not valid UTF-8 (byte " in str(whole_error.value)
