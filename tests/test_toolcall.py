"""Tool-calling conversations (LLaMA-Factory's function_call / observation turns and
tools field) through the schema, every step of v2 and the build's LLaMA-Factory entry."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polars as pl
import pytest
import xxhash

from curation.build import build
from curation.llamafactory import FILE_NAME, dataset_info
from curation.schema import content_id, turn_order_problem
from curation.steps.base import outcome
from curation.steps.language_id import LanguageId
from curation.steps.normalize import Normalize
from curation.steps.quality import Quality
from curation.steps.to_simplified import ToSimplified
from curation.steps.turn_repair import TurnRepair
from tests.helpers import TOOLCALL_FIXTURE, toolcall_recipe

ROOT = Path(__file__).resolve().parent.parent
CALL = '{"name": "get_weather", "arguments": {"city": "臺北"}}'
RESULT = '{"weather": "多雲", "wind": "東北風２級", "note": "ok"}'


def turns(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"role": r, "content": c} for r, c in pairs]


TOOL_CHAT = turns(
    ("user", "請問臺北今天的天氣怎麼樣？我下午想出門走走。"), ("function_call", CALL),
    ("observation", RESULT),
    ("assistant", "臺北今天多雲，吹東北風，氣溫舒適，下午很適合出門散步，記得帶件外套。"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(toolcall_recipe(), out=tmp_path_factory.mktemp("toolcall"))


def test_tool_turns_come_through_v2_byte_for_byte(built):
    fixture = json.loads(TOOLCALL_FIXTURE.read_text(encoding="utf-8"))
    kept = pl.read_parquet(built.path / "data")
    by_index = {r["source_index"]: r for r in kept.iter_rows(named=True)}
    with_tools = [i for i, r in enumerate(fixture) if "tools" in r and i in by_index]
    assert len(with_tools) == 2
    for i in with_tools:
        ours = [(m["role"], m["content"]) for m in by_index[i]["messages"]
                if m["role"] in ("function_call", "observation")]
        theirs = [(t["from"], t["value"]) for t in fixture[i]["conversations"]
                  if t["from"] in ("function_call", "observation")]
        assert ours == theirs and ours  # OpenCC, normalize (２ stays full-width) left them
        assert by_index[i]["tools"] == fixture[i]["tools"]
        assert turn_order_problem(by_index[i]["messages"]) is None
    contents = kept.explode("messages")["messages"].struct.field("content").to_list()
    assert any("東北風２級" in c for c in contents)  # traditional and full-width, untouched
    removed = pl.read_parquet(built.path / "removed.parquet")
    assert removed.select("step", "reason").rows() == [("turn_repair", "tool_turn_order")]
    assert built.manifest["counts"]["kept"] + removed.height == len(fixture)


def test_version_folder_carries_the_llamafactory_entry(built):
    info = json.loads((built.path / FILE_NAME).read_text(encoding="utf-8"))
    assert info == dataset_info("aurora-zh")
    entry = info["aurora-zh"]
    assert (built.path / entry["file_name"]).is_dir()
    kept = pl.read_parquet(built.path / entry["file_name"])
    assert set(entry["columns"].values()) <= set(kept.columns)
    roles = set(kept.explode("messages")["messages"].struct.field("role").to_list())
    assert roles == {entry["tags"][t] for t in ("user_tag", "assistant_tag", "function_tag",
                                                "observation_tag")}


def test_ids_of_records_without_tools_are_unchanged():
    msgs = turns(("user", "你好"), ("assistant", "你好！"))
    legacy = json.dumps(["s", [["user", "你好"], ["assistant", "你好！"]]], ensure_ascii=False,
                        separators=(",", ":"))
    assert content_id("s", msgs) == xxhash.xxh3_128_hexdigest(legacy.encode("utf-8"))
    assert content_id("s", msgs, None) == content_id("s", msgs)
    assert content_id("s", msgs, "[]") != content_id("s", msgs, '[{"name": "f"}]')


def test_text_steps_never_judge_or_convert_tool_payloads():
    conv = {"system": None, "messages": TOOL_CHAT}
    stats: Counter[str] = Counter()
    simplified, _ = outcome(ToSimplified(config="auto").process(conv, stats))
    assert simplified["messages"][3]["content"].startswith("台北今天多云")  # prose converted
    assert simplified["messages"][1:3] == TOOL_CHAT[1:3]  # JSON left as it is
    assert outcome(Normalize().process(conv, stats))[0]["messages"][1:3] == TOOL_CHAT[1:3]
    short = {"system": None, "messages": [*TOOL_CHAT[:2], {"role": "observation", "content": "{}"},
                                          TOOL_CHAT[3]]}
    assert outcome(Quality().process(short, stats)) == (short, None)  # "{}" is not too short
    verdict = LanguageId(allow={"assistant": ["zh"], "user": ["zh"]}).process(conv, stats)
    assert outcome(verdict) == (conv, None)
    assert sorted(verdict.signals["turns"]) == ["0", "3"]  # tool turns: no language


def test_turn_repair_keeps_tool_alternation():
    repair = TurnRepair(max_tokens=0)
    stats: Counter[str] = Counter()
    assert outcome(repair.process({"system": None, "messages": TOOL_CHAT}, stats))[0][
        "messages"] == TOOL_CHAT
    # two calls in a row are never merged into one (broken) JSON text
    double = [*TOOL_CHAT[:2], TOOL_CHAT[1], *TOOL_CHAT[2:]]
    drop = repair.process({"system": None, "messages": double}, stats)
    assert drop.reason == "tool_turn_order" and "turn 1: a function_call" in drop.detail
    # a call left without its result at the end goes, with the user turn before it
    tail = [*TOOL_CHAT, ("user", "明天呢？"), ("function_call", CALL)]
    tail = [t if isinstance(t, dict) else {"role": t[0], "content": t[1]} for t in tail]
    assert outcome(repair.process({"system": None, "messages": tail}, stats))[0][
        "messages"] == TOOL_CHAT


def test_turn_repair_budget_never_cuts_between_call_and_result():
    first = turns(("user", "第一个问题是什么意思呢？"), ("assistant", "这是第一个回答，内容完整。"))
    long_result = '{"rows": "' + "数据" * 400 + '"}'
    conv = [*first, *turns(("user", "查一下"), ("function_call", CALL),
                           ("observation", long_result), ("assistant", "查到了。"))]
    out, reason = outcome(TurnRepair(max_tokens=120).process({"system": None, "messages": conv},
                                                             Counter()))
    assert out["messages"] == first and reason == "over_budget"


@pytest.mark.skipif(not os.environ.get("LLAMAFACTORY_PYTHON"),
                    reason="set LLAMAFACTORY_PYTHON to a venv's python with llamafactory")
def test_llamafactory_loader_reads_the_sample_build_and_tool_fixture(tmp_path):
    out = tmp_path / "llamafactory.json"
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "llamafactory_check.py"),
                           "--lf-python", os.environ["LLAMAFACTORY_PYTHON"], "--json", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    versions = json.loads(out.read_text(encoding="utf-8"))["versions"]
    for v in versions:
        assert v["records"] == v["aligned"] == v["tokenized"] > 0 and not v["mismatched_records"]
    tool = next(v for v in versions if v["tool_records"])
    assert tool["function_turns"] == tool["observation_turns"] >= 2
    assert "[TOOL_CALLS]" in tool["tool_example"]["trained"]
