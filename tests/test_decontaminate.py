"""decontaminate: a record is removed when it contains a benchmark item (question with its
options or answer, or a long question alone) in any layout; generic stems never remove one.
The benchmark folders are the project's own items, written in the official layouts."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import polars as pl
import pytest
from helpers import chat, table

from curation import recipe as recipes
from curation.build import build
from curation.errors import CurationError, RecipeError
from curation.steps.decontaminate import Decontaminate

DNS = ("在TCP/IP协议族中，用于把主机名解析为IP地址的应用层协议是____。",
       ("DNS", "ARP", "DHCP", "ICMP"), "A")
NAT = ("某公司内网使用私有地址段192.168.10.0/24，出口路由器只用一个公网地址就为全部内部主机"
       "提供访问互联网的服务，这种地址转换方式通常称为____。",
       ("静态NAT", "动态NAT", "端口地址转换", "代理ARP"), "C")
WINDOWS = ("Windows是一种____。",
           ("多用户多任务操作系统", "单用户单任务操作系统", "单用户多任务操作系统",
            "实时操作系统"), "C")
STEAM = ("第一次工业革命首先发生在英国，它的主要标志是下列哪一项发明得到广泛使用？",
         ("蒸汽机", "内燃机", "发电机", "电报机"), "A")
EDU = ("教育是一种____。", ("社会现象", "自然现象", "心理现象", "生理现象"), "A")
STAR = ("Which property of a main-sequence star most directly determines how long it will "
        "remain on the main sequence?",
        ("Its initial mass", "Its distance from the Sun", "Its apparent brightness",
         "The composition of its surface"), "A")
COLOR = ("What is your favorite color?", ("Red", "Blue", "Green", "Yellow"), "B")
ARITH = ("8 + 8 ÷ 2 + 2 =", ("14", "12", "10", "22"), "A")


def _csv(path: Path, rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


@pytest.fixture
def benchmarks(tmp_path: Path) -> list[dict[str, str]]:
    """C-Eval (val), CMMLU (test) and original MMLU (test) folders with the items above."""
    ceval, cmmlu, mmlu = tmp_path / "ceval", tmp_path / "cmmlu", tmp_path / "mmlu"
    _csv(ceval / "val" / "computer_network_val.csv", [["id", "question", "A", "B", "C", "D",
                                                       "answer"]]
         + [[str(i), q, *opts, a] for i, (q, opts, a) in enumerate((DNS, NAT, WINDOWS))])
    _csv(cmmlu / "test" / "world_history.csv", [["", "Question", "A", "B", "C", "D", "Answer"]]
         + [[str(i), q, *opts, a] for i, (q, opts, a) in enumerate((STEAM, EDU))])
    _csv(mmlu / "test" / "astronomy_test.csv", [[q, *opts, a] for q, opts, a in
                                                 (STAR, COLOR, ARITH)])
    return [{"task": "ceval", "path": str(ceval)}, {"task": "cmmlu", "path": str(cmmlu)},
            {"task": "mmlu", "path": str(mmlu)}]


def _lines(q: str, opts: tuple[str, ...], fmt: str) -> str:
    return q + "\n" + "\n".join(fmt.format(letter, o) for letter, o in zip("ABCD", opts,
                                                                           strict=True))


LONG_CHAT = ["帮我规划一下周末去杭州的行程。", "第一天可以去西湖，沿苏堤散步，下午去灵隐寺。" * 8,
             "那第二天呢？", "第二天可以去西溪湿地，晚上逛河坊街，品尝当地小吃。" * 8]

# (style, record turns, benchmark, item label in the detail)
STYLES = [
    ("verbatim, A. x per line", [_lines(*DNS[:2], "{}. {}"), "答案是A。"], "ceval",
     "ceval val computer_network #0"),
    ("A) x", [_lines(*DNS[:2], "{}) {}"), "A"], "ceval", "ceval val computer_network #0"),
    ("A：x", [_lines(*DNS[:2], "{}：{}"), "选A"], "ceval", "ceval val computer_network #0"),
    ("inline", [DNS[0] + " " + " ".join(f"{c}.{o}" for c, o in zip("ABCD", DNS[1],
                                                                  strict=True)), "A"],
     "ceval", "ceval val computer_network #0"),
    ("reordered, letters changed", ["请作答：" + DNS[0] + "\n(1) ICMP (2) DHCP (3) DNS (4) ARP",
                                    "选(3)。"], "ceval", "ceval val computer_network #0"),
    ("one per line, no letters", [STEAM[0] + "\n" + "\n".join(STEAM[1]), "蒸汽机。"],
     "cmmlu", "cmmlu test world_history #0"),
    ("lightly edited", ["第一次工业革命最早发生在英国，它的主要标志是下面哪一项发明得到广泛使用?"
                        " 选项：蒸汽机、内燃机、发电机、电报", "蒸汽机"], "cmmlu",
     "cmmlu test world_history #0"),
    ("inside a long chat", [*LONG_CHAT, "换个话题，考考你：" + _lines(*STEAM[:2], "{}、{}"),
                            "答案是A，蒸汽机。"], "cmmlu", "cmmlu test world_history #0"),
    ("question + answer", [NAT[0].replace("____", "什么"), "这叫端口地址转换，也就是PAT。"],
     "ceval", "ceval val computer_network #1"),
    ("long question alone", [NAT[0], "我觉得是C。"], "ceval", "ceval val computer_network #1"),
    ("English, reformatted", ["Quiz: " + STAR[0].lower() + "\n" + "\n".join(
        f"({c}) {o}" for c, o in zip("abcd", reversed(STAR[1]), strict=True)), "(d)"],
     "mmlu", "mmlu test astronomy #0"),
]


@pytest.mark.parametrize(("style", "turns", "task", "label"), STYLES, ids=[s[0] for s in STYLES])
def test_each_style_of_a_copied_item_is_removed_naming_it(benchmarks, style, turns, task,
                                                          label):
    r = Decontaminate(benchmarks=benchmarks)(table(chat(*turns)))
    assert r.removed["reason"].to_list() == [f"contaminated_{task}"], style
    detail = r.removed["detail"][0]
    assert detail.startswith(label + " — "), detail
    assert "record chars" in detail and "item: “" in detail


GENERIC = [
    ["Windows是一种什么样的操作系统？", "Windows是一种多用户多任务操作系统，由微软开发。"],
    ["教育是一种社会现象吗？", "是的，教育是一种社会现象，也是培养人的活动。"],
    ["What is your favorite color?", "I like blue. Red and green are nice, yellow too."],
    ["8 + 8 ÷ 2 + 2 = ?", "先算除法：8 ÷ 2 = 4，所以 8 + 4 + 2 = 14，不是12、10或22。"],
    # Same topic as an item, all its options, but not its question:
    ["DNS、ARP、DHCP和ICMP分别是做什么的？", "DNS负责域名解析，ARP把IP地址解析为MAC地址，"
     "DHCP分配地址，ICMP传递差错报告。"],
    ["蒸汽机、内燃机、发电机和电报机分别是哪次工业革命的发明？", "蒸汽机属于第一次工业革命，"
     "其余属于第二次工业革命。"],
    ["Tell me about main-sequence stars.", "A main-sequence star fuses hydrogen; its initial "
     "mass sets its brightness and its lifetime on the main sequence."],
]


def test_generic_stems_and_same_topic_records_stay(benchmarks):
    t = table(*(chat(*turns) for turns in GENERIC))
    r = Decontaminate(benchmarks=benchmarks)(t)
    assert r.removed.height == 0, r.removed["detail"].to_list()
    assert r.kept.height == len(GENERIC)


def test_stats_count_items_checked_and_found_per_benchmark_and_split(benchmarks):
    t = table(chat(*STYLES[0][1]), chat(*STYLES[5][1]), chat(*GENERIC[0]))
    r = Decontaminate(benchmarks=benchmarks)(t)
    rows = {(b["task"], b["split"]): b for b in r.stats["contamination"]["benchmarks"]}
    assert rows[("ceval", "val")] == {"task": "ceval", "split": "val", "questions": 3,
                                      "checked": 3, "too_short": 0, "records_removed": 1,
                                      "items_found": 1}
    # "What is your favorite color?" and "8 + 8 ÷ 2 + 2 =" cannot be told from chat.
    assert rows[("mmlu", "test")]["too_short"] == 2
    ex = r.stats["contamination"]["examples"]
    assert [(e["task"], e["id"]) for e in ex] == [("ceval", "0"), ("cmmlu", "0")]
    assert DNS[0] in ex[0]["item"] and "ARP" in ex[0]["record"]


def test_missing_benchmark_dir_says_what_to_do(tmp_path):
    step = Decontaminate(benchmarks=[{"task": "ceval", "path": str(tmp_path / "nope")}])
    with pytest.raises(RecipeError, match=r"ceval directory .* not found.*--sample"):
        step.preflight()
    with pytest.raises(RecipeError, match="each benchmark is"):
        Decontaminate(benchmarks=[{"task": "gsm8k", "path": "x"}])


def test_empty_or_wrong_layout_folder_is_an_error_naming_it(tmp_path):
    (tmp_path / "empty").mkdir()
    step = Decontaminate(benchmarks=[{"task": "cmmlu", "path": str(tmp_path / "empty")}])
    with pytest.raises(CurationError, match=r"cmmlu benchmark folder .*empty has no dev/test "
                                            r"questions in the official layout"):
        step.preflight()
    # C-Eval files under a folder declared as CMMLU: nothing in CMMLU's layout.
    _csv(tmp_path / "ceval" / "val" / "computer_network_val.csv",
         [["id", "question", "A", "B", "C", "D", "answer"], ["0", DNS[0], *DNS[1], "A"]])
    wrong = Decontaminate(benchmarks=[{"task": "cmmlu", "path": str(tmp_path / "ceval")}])
    with pytest.raises(CurationError, match=r"cmmlu benchmark folder .*ceval has no"):
        wrong.preflight()


def test_malformed_benchmark_file_is_a_clear_error(tmp_path):
    _csv(tmp_path / "val" / "computer_network_val.csv",
         [["id", "question", "A", "B", "C", "D", "answer"], ["0", DNS[0], *DNS[1], "E"]])
    step = Decontaminate(benchmarks=[{"task": "ceval", "path": str(tmp_path)}], splits=["val"])
    with pytest.raises(CurationError, match=r"decontaminate: .*computer_network_val\.csv: "
                                            r"row 2: answer 'E'"):
        step.preflight()


def test_build_stops_on_an_empty_benchmark_folder_before_loading_data(tmp_path):
    (tmp_path / "bench").mkdir()
    raw = recipes.load("v1").raw | {"steps": [
        {"step": "decontaminate",
         "benchmarks": [{"task": "mmlu", "path": str(tmp_path / "bench")}]}]}
    with pytest.raises(CurationError, match=r"(?m)^- decontaminate: mmlu benchmark folder "
                                            r".*bench has no"):
        # The sources do not exist either: both are reported in one message, nothing read.
        build(recipes.parse(raw, "test"), out=tmp_path / "out",
              source_paths={"alpaca_zh": str(tmp_path / "missing.json")})
    assert not (tmp_path / "out").exists()


def test_mmlu_hub_layout_parquet_and_csv_are_read(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = {"question": [STAR[0], COLOR[0]], "subject": ["astronomy", "astronomy"],
            "choices": [list(STAR[1]), list(COLOR[1])], "answer": [0, 1]}
    for sub in ("astronomy", "all"):  # cais/mmlu has both; each question counts once
        (tmp_path / "hub" / sub).mkdir(parents=True)
        pq.write_table(pa.table(rows), tmp_path / "hub" / sub / "test-00000-of-00001.parquet")
    pq.write_table(pa.table(rows), tmp_path / "hub" / "all" / "auxiliary_train-0.parquet")
    step = Decontaminate(benchmarks=[{"task": "mmlu", "path": str(tmp_path / "hub")}])
    r = step(table(chat(*STYLES[-1][1])))
    assert r.removed["detail"][0].startswith("mmlu test astronomy #0 — ")
    assert r.stats["contamination"]["benchmarks"][0]["questions"] == 2
    _csv(tmp_path / "csv" / "test.csv", [["question", "subject", "choices", "answer"]]
         + [[q, "astronomy", json.dumps(list(o)), str("ABCD".index(a))] for q, o, a in (STAR,)])
    step = Decontaminate(benchmarks=[{"task": "mmlu", "path": str(tmp_path / "csv")}])
    assert step(table(chat(*STYLES[-1][1]))).removed.height == 1


def test_sample_build_has_the_contamination_section(tmp_path):
    raw = recipes.load("v1").raw | {"steps": [
        {"step": "decontaminate", "benchmarks": [
            {"task": "ceval", "path": "data/benchmarks/ceval"},
            {"task": "cmmlu", "path": "data/benchmarks/cmmlu"}]}]}
    r = build(recipes.parse(raw, "test"), out=tmp_path, sample=True)
    step = r.manifest["steps"][0]
    assert step["params"]["benchmarks"] == [{"task": "ceval", "path": "fixture"},
                                            {"task": "cmmlu", "path": "fixture"}]
    assert "contamination" not in step["stats"]
    (c,) = r.manifest["contamination"]
    found = {(e["task"], e["subject"], e["id"]) for e in c["examples"]}
    assert found == {("ceval", "computer_network", "0"), ("cmmlu", "world_history", "0")}
    card = (r.path / "README.md").read_text(encoding="utf-8")
    assert "## Benchmark contamination (decontaminate)" in card
    assert "| ceval | dev | 20 |" in card and "A. 数据链路层 B. 网络层" in card


def test_scan_over_batches_equals_one_pass(benchmarks):
    """The scan runs on batches (worker processes); the stats over all of them count an
    item found in two batches once."""
    from curation.executors.base import merge_results

    step = Decontaminate(benchmarks=benchmarks)
    dns = _lines(*DNS[:2], "{}. {}")
    t = table(chat("复习网络", dns), *[chat(f"问题{i}", "普通的回答。") for i in range(6)],
              chat("再做一遍", dns), chat("历史题", _lines(*STEAM[:2], "{}) {}")))
    whole = step(t)
    part = step.record_phase()
    batches = [part(t.slice(a, 3)) for a in range(0, t.height, 3)]
    merged = step.finish(merge_results(batches, pl.concat([b.kept for b in batches])))
    assert whole.removed.height == 3 and merged.removed.equals(whole.removed)
    assert merged.kept.equals(whole.kept) and merged.stats == whole.stats
    found = {(r["task"], r["split"]): r for r in whole.stats["contamination"]["benchmarks"]}
    assert found[("ceval", "val")]["records_removed"] == 2
    assert found[("ceval", "val")]["items_found"] == 1  # the same item, in two batches


def test_scan_travels_with_its_index(benchmarks):
    """Workers (another process, another node) get the index with the step: they never
    read the benchmark folders, which may exist on the driver's disk only."""
    import pickle
    import shutil

    part = Decontaminate(benchmarks=benchmarks).record_phase()
    for b in benchmarks:
        shutil.rmtree(b["path"])
    worker_copy = pickle.loads(pickle.dumps(part))
    r = worker_copy(table(chat("复习网络", _lines(*DNS[:2], "{}. {}"))))
    assert r.removed["reason"].to_list() == ["contaminated_ceval"]
