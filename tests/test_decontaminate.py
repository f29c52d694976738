"""decontaminate: planted benchmark questions (verbatim and lightly edited) are
removed with the benchmark as the reason; clean records stay."""

import pytest
from helpers import chat, table

from curation import benchmarks as bm
from curation import recipe as recipes
from curation.build import build
from curation.errors import CurationError, RecipeError
from curation.steps.decontaminate import Decontaminate

ALL = [{"task": t, "path": "fixture"} for t in ("ceval", "cmmlu", "mmlu")]


def fixture_question(task: str, split: str, subject: str, index: int = 0) -> str:
    path = bm.subject_file(task, bm.fixture_dir(task), subject, split)
    return bm.read_split_file(task, path, split)[index].question


def test_verbatim_and_edited_questions_are_removed_with_their_benchmark():
    ceval = fixture_question("ceval", "val", "computer_network")
    cmmlu = fixture_question("cmmlu", "test", "world_history")
    mmlu = fixture_question("mmlu", "test", "astronomy")
    edited = cmmlu[:3] + "一" + cmmlu[4:]  # one character substituted
    clean = "请介绍一下你最喜欢的一本书，并说明理由。"
    t = table(
        chat(f"请回答：{ceval}", "答案是B。"),
        chat("帮我做这道历史题：" + edited, "选B。"),
        chat(f"Question: {mmlu} Answer briefly.", "木星是太阳系最大的行星。"),
        chat(clean, "我最喜欢《红楼梦》，因为它人物丰富。"),
        chat("计算机网络有哪些分层模型？", "常见的有OSI七层模型和TCP/IP四层模型。"),
    )
    r = Decontaminate(benchmarks=ALL)(t)
    assert r.kept["source_index"].to_list() == [3, 4]
    assert r.removed["reason"].to_list() == ["contaminated_ceval", "contaminated_cmmlu",
                                             "contaminated_mmlu"]
    assert "ceval val computer_network" in r.removed["detail"][0]
    assert r.stats["removed:contaminated_cmmlu"] == 1 and r.stats["questions:mmlu"] > 0


def test_sharing_a_few_words_is_not_contamination():
    q = fixture_question("cmmlu", "test", "world_history", 2)  # 第二次世界大战结束于____年。
    t = table(chat("聊聊第二次世界大战对欧洲的影响", "战争改变了欧洲的政治格局。"))
    assert Decontaminate(benchmarks=ALL)(t).kept.height == 1
    assert "第二次世界大战" in q


def test_missing_benchmark_dir_says_what_to_do(tmp_path):
    step = Decontaminate(benchmarks=[{"task": "ceval", "path": str(tmp_path / "nope")}])
    with pytest.raises(RecipeError, match=r"ceval directory .* not found.*--sample"):
        step(table(chat("问", "答")))
    with pytest.raises(RecipeError, match="each benchmark is"):
        Decontaminate(benchmarks=[{"task": "gsm8k", "path": "x"}])


def test_malformed_benchmark_file_is_a_clear_error(tmp_path):
    (tmp_path / "val").mkdir()
    (tmp_path / "val" / "computer_network_val.csv").write_text(
        "id,question,A,B,C,D,answer\n0,问题一二三四五六,a,b,c,d,E\n", encoding="utf-8")
    step = Decontaminate(benchmarks=[{"task": "ceval", "path": str(tmp_path)}], splits=["val"])
    with pytest.raises(CurationError, match=r"decontaminate: .*computer_network_val\.csv"):
        step(table(chat("问", "答")))


def test_sample_build_runs_decontamination_against_fixtures(tmp_path):
    raw = recipes.load("v1").raw | {"steps": [
        {"step": "decontaminate", "benchmarks": [
            {"task": "ceval", "path": "data/benchmarks/ceval"}]}]}
    r = build(recipes.parse(raw, "test"), out=tmp_path, sample=True)
    step = r.manifest["steps"][0]
    assert step["params"]["benchmarks"] == [{"task": "ceval", "path": "fixture"}]
    assert step["stats"]["questions:ceval"] > 0
