"""Executors: the sample build gives the same dataset on 1 worker, 2 workers and Ray."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from curation import recipe as recipes
from curation.build import build
from curation.errors import InvariantError
from curation.executors import LocalExecutor, per_record, segments
from curation.executors.base import (
    BATCH_BYTES,
    balanced_slices,
    batch_part,
    even_cuts,
    merge_results,
    merge_stats,
)
from curation.steps import STEPS
from tests.helpers import chat, mark_and_square, running, square_or_fail, table

TABLES = ("removed", "trimmed", "signals")  # the version's parquet files beside the data


def sample_build(out: Path, executor=None) -> tuple[dict, pl.DataFrame, dict[str, pl.DataFrame]]:
    result = build(recipes.load("v2"), out=out, sample=True, executor=executor)
    kept = pl.concat([pl.read_parquet(p) for p in sorted((result.path / "data").glob("*"))])
    return result.manifest, kept, {t: pl.read_parquet(result.path / f"{t}.parquet")
                                   for t in TABLES}


@pytest.fixture(scope="module")
def one_process(tmp_path_factory):
    return sample_build(tmp_path_factory.mktemp("one"))


def assert_same_build(a, b) -> None:
    (ma, kept_a, tables_a), (mb, kept_b, tables_b) = a, b
    assert ma["fingerprint"] == mb["fingerprint"]
    assert kept_a.equals(kept_b)  # same rows, same order
    for t in TABLES:  # same removed records, steps, reasons, details, order; same signals
        assert tables_a[t].equals(tables_b[t]), t
    assert tables_a["removed"].height  # something to compare
    assert ma["counts"] == mb["counts"]
    assert ma["stats"] == mb["stats"]  # language mix detected in parts on the workers
    # Byte-identical files: how the rows were batched leaves no trace in them.
    assert (ma["files"], ma["outputs"], ma["arrow_bytes"]) == (
        mb["files"], mb["outputs"], mb["arrow_bytes"])
    assert [(s["name"], s["rows_out"], s["changed"], s["stats"]) for s in ma["steps"]] == [
        (s["name"], s["rows_out"], s["changed"], s["stats"]) for s in mb["steps"]]


def test_two_workers_build_the_same_version_as_one_process(one_process, tmp_path):
    with LocalExecutor(2) as ex:
        two = sample_build(tmp_path, ex)
    assert_same_build(one_process, two)
    # The sample did go through workers in several batches: per-record steps ran there.
    assert ex.workers == 2 and one_process[0]["counts"]["removed"] > 0


def test_whole_table_steps_are_not_batched_and_phased_ones_end_a_run():
    steps = [(label, step.for_sample()) for label, step in recipes.load("v2").build_steps()]
    parts = {label: batch_part(step) for label, step in steps}
    assert {label: parts[label] is step for label, step in steps} == {
        "normalize": True, "turn_repair": True, "to_simplified": True,
        "language_id": False,  # its record phase: the English share cap counts the whole output
        "quality": True, "decontaminate": False,  # its scan: the stats count items once
        "exact_dedup": False, "minhash_dedup": False, "prompt_dedup": False}
    assert [label for label, part in parts.items() if part is None] == [
        "exact_dedup", "minhash_dedup", "prompt_dedup"]
    assert per_record(STEPS["language_id"](max_share={})) is True  # no cap: rows on their own
    assert [idx for _, idx in segments(steps)] == [[0, 1, 2, 3], [4, 5], [6], [7], [8]]


def test_phased_step_equals_its_phases_over_batches():
    """language_id's cap over batches equals the cap over the whole table."""
    english = [chat(f"Question {i}", f"This is an English answer, number {i} of them.")
               for i in range(12)]
    chinese = [chat(f"问题{i}", "这是一个中文回答，内容完整而且清楚。") for i in range(30)]
    t = table(*english, *chinese)
    step = STEPS["language_id"](max_share={"en": 0.1})
    whole = step(t)
    part = step.record_phase()
    batches = [part(t.slice(a, n)) for a, n in balanced_slices(t, 5)]
    run = merge_results(batches, pl.concat([b.kept for b in batches]))
    merged = step.finish(run)
    assert whole.removed.height == 12 - 3  # quota: floor(0.1 * 30 / 0.9) = 3 English kept
    assert merged.kept.equals(whole.kept) and merged.removed.equals(whole.removed)
    assert merged.stats == whole.stats and merged.signals.equals(whole.signals)
    assert "_capped_language" not in merged.kept.columns


def test_balanced_slices_cover_the_table_in_order():
    t = table(*[chat("问" * (1 + 50 * (i % 7)), "答" * (1 + 300 * (i % 3))) for i in range(101)])
    slices = balanced_slices(t, 8)
    assert slices[0][0] == 0 and sum(n for _, n in slices) == t.height
    assert all(a + n == b for (a, n), (b, _) in itertools.pairwise(slices))
    assert 4 <= len(slices) <= 8


def test_balanced_slices_weigh_records_beside_their_text():
    # 600 one-line records, then 20 chats of 30 KB: as costly in all, so equal bytes would
    # give the short records one slice, to be judged at many times the others' cost.
    t = table(*[chat("问", "答") for _ in range(600)],
              *[chat("问", "答" * 10_000) for _ in range(20)])
    ends = list(itertools.accumulate(n for _, n in balanced_slices(t, 4)))
    assert sum(end <= 600 for end in ends) >= 2 and sum(end > 600 for end in ends) >= 2


def test_even_cuts_sum_past_uint32_and_bound_the_batch_size():
    # UTF-8 lengths come as uint32; four records of 2 GiB each overflowed their sum.
    weights = np.full(4, 2**31, dtype=np.uint32)
    assert even_cuts(weights, 2).tolist() == [0, 1, 2, 3, 4]  # each alone under BATCH_BYTES
    small = np.full(1000, BATCH_BYTES // 100, dtype=np.uint32)  # 10 batches' worth
    cuts = even_cuts(small, 2)
    assert len(cuts) - 1 == 10 and np.diff(cuts).max() * small[0] <= BATCH_BYTES
    assert even_cuts(np.full(10, 5, dtype=np.uint32), 3).tolist() == [0, 3, 6, 10]
    # more runs than asked for come as a multiple of them: 9.1 batches' worth for 8 -> 16
    assert len(even_cuts(np.full(1000, BATCH_BYTES // 110, dtype=np.uint32), 8)) - 1 == 16
    assert even_cuts(np.empty(0, dtype=np.uint32), 4).tolist() == [0]


def test_stats_merge_adds_counts_and_refuses_disagreement():
    merged = merge_stats([{"removed:x": 2, "lang": {"zh": 1}}, {"removed:x": 3,
                                                                "lang": {"zh": 1, "en": 1}}])
    assert merged == {"lang": {"en": 1, "zh": 2}, "removed:x": 5}
    with pytest.raises(InvariantError, match="differs between batches"):
        merge_stats([{"mode": "a"}, {"mode": "b"}])


def test_cli_workers_flag(tmp_path, capsys):
    from curation.cli import main

    assert main(["build", "--version", "v2", "--sample", "--out", str(tmp_path),
                 "--workers", "2"]) == 0
    manifest = json.loads((tmp_path / "aurora-zh" / "v2" / "manifest.json").read_text())
    assert manifest["fingerprint"] in capsys.readouterr().out
    assert main(["build", "--version", "v2", "--sample", "--out", str(tmp_path),
                 "--workers", "0", "--force"]) == 2


def test_ray_builds_the_same_version_as_one_process(one_process, tmp_path, ray_cluster):
    from curation.executors.ray import RayExecutor

    executor = RayExecutor(2)
    assert not executor._started  # joined the session's cluster
    assert_same_build(one_process, sample_build(tmp_path, executor))
    executor.close()
    assert ray_cluster.is_initialized()  # closing leaves a cluster it did not start


def planted_duplicates(seed: int = 3) -> pl.DataFrame:
    """Chats with planted exact copies, near copies (1-3 characters changed), prompts
    shared by different answers, and one family of 40 one-character variants: a
    bucket larger than lsh.FULL_BUCKET in most bands."""
    import numpy as np

    rng = np.random.default_rng(seed)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]

    def text(n: int) -> str:
        return "".join(rng.choice(han, n).tolist())

    def edited(t: str, k: int) -> str:
        chars = list(t)
        for p in rng.choice(len(chars), k, replace=False).tolist():
            chars[p] = han[(han.index(chars[p]) + 1) % len(han)]
        return "".join(chars)

    convs, sources = [], []
    for i in range(120):
        turns = [text(30), text(200)] if i % 4 else [text(20), text(150), text(20), text(150)]
        convs.append(chat(*turns))
        sources.append(("a", "b", "c")[i % 3])
    for k in range(0, 120, 9):  # exact copies, in another source
        convs.append(convs[k])
        sources.append(("b", "c", "a")[k % 3])
    for k in range(1, 120, 7):  # near copies
        turns = [m["content"] for m in convs[k]["messages"]]
        convs.append(chat(*turns[:-1], edited(turns[-1], 2)))
        sources.append(sources[k])
    for k in range(2, 120, 11):  # the same prompt, another answer
        convs.append(chat(convs[k]["messages"][0]["content"], text(180)))
        sources.append("c")
    base = text(400)
    for _ in range(40):  # one big family
        convs.append(chat(text(15), edited(base, 1)))
        sources.append(("a", "b")[len(convs) % 2])
    return table(*convs, sources=sources)


def dedup_steps():
    return [(label, step) for label, step in recipes.load("v2").build_steps()
            if label in ("exact_dedup", "minhash_dedup", "prompt_dedup")]


def outcomes(executor, t: pl.DataFrame) -> list:
    return [(o.result.kept, o.result.removed, o.result.stats, o.rows_out)
            for o in executor.run(t, dedup_steps())]


def test_ray_dedup_equals_one_process_on_planted_duplicates(ray_cluster):
    from curation.executors import ray_dedup
    from curation.executors.ray import RayExecutor

    t = planted_duplicates()
    assert all(ray_dedup.runner(step) for _, step in dedup_steps())  # the Ray path runs
    local = outcomes(LocalExecutor(1), t)
    executor = RayExecutor(2)
    distributed = outcomes(executor, t)
    # Rows in another order: same survivors, same removals (never arrival order).
    shuffled = outcomes(executor, t.sample(fraction=1.0, shuffle=True, seed=5))
    executor.close()
    removed_by_step = [r.height for _, r, _, _ in local]
    assert all(removed_by_step), removed_by_step  # every step removed something
    assert max(int(k) for k in local[1][2]["cluster_sizes"]) > 32  # the big bucket
    for (ka, ra, sa, na), (kb, rb, sb, nb) in zip(local, distributed, strict=True):
        assert ka.equals(kb) and ra.equals(rb) and na == nb
        assert sa == sb  # candidate and verified pairs, clusters, examples
    for (ka, ra, _, _), (kb, rb, _, _) in zip(local, shuffled, strict=True):
        assert sorted(ka["id"]) == sorted(kb["id"])
        cols = ["id", "reason", "detail", "duplicate_of"]
        assert ra.select(cols).sort("id").equals(rb.select(cols).sort("id"))


def assert_exit(pids: list[int]) -> None:
    """The workers ``pids`` exit within 30 s."""
    deadline = time.monotonic() + 30
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [p for p in pids if running(p)]
    assert not alive, f"workers {alive} outlived their driver"


def test_workers_exit_when_their_driver_is_killed(tmp_path):
    """kill -9 of the driver must not leave workers waiting for tasks forever."""
    code = ("import os, sys, time\nfrom curation.executors import LocalExecutor\n"
            "from tests.helpers import worker_pid\n"
            "ex = LocalExecutor(2)\n"
            "print(*sorted(set(ex.map(worker_pid, list(range(8))))), flush=True)\n"
            "time.sleep(600)\n")
    repo = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=repo, text=True,
                            env={**os.environ, "PYTHONPATH": str(repo)},
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    pids = [int(p) for p in proc.stdout.readline().split()]
    assert pids and proc.pid not in pids
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert_exit(pids)


def test_workers_exit_when_their_driver_is_killed_while_they_start():
    """A driver killed before its workers ran their initializer: they must not take
    their new parent (init) for the driver."""
    code = ("import os, signal\nfrom curation.executors import LocalExecutor\n"
            "ex = LocalExecutor(2)\n"
            "print(*ex._pool._processes, flush=True)\n"  # spawned, not yet started up
            "os.kill(os.getpid(), signal.SIGKILL)\n")
    repo = Path(__file__).resolve().parents[1]
    proc = subprocess.run([sys.executable, "-c", code], cwd=repo, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(repo)}, capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    pids = [int(p) for p in proc.stdout.split()]
    assert len(pids) == 2
    assert_exit(pids)


@pytest.mark.parametrize("kind", ["local", "ray"])
def test_map_returns_in_item_order_and_raises_the_first_failure_as_raised(kind, request):
    from curation.errors import InputError

    if kind == "ray":
        from curation.executors.ray import RayExecutor

        request.getfixturevalue("ray_cluster")
        ex = RayExecutor(2)
    else:
        ex = LocalExecutor(2)
    try:
        assert ex.map(square_or_fail, [4, 1, 2]) == [16, 1, 4]
        with pytest.raises(InputError, match=r"^part3\.jsonl, line 3: malformed JSON line$"):
            ex.map(square_or_fail, [1, 3, 5, 2])
    finally:
        ex.close()


def test_language_mix_in_chunks_equals_one_pass_and_small_samples_stay_whole(monkeypatch):
    from curation import stats

    t = table(*[chat(f"问题{i}：请介绍一下这个城市。", "这是一个完整的中文回答，介绍了历史和文化。")
                for i in range(30)],
              *[chat(f"Question {i}: tell me about it.", "This answer is written in English.")
                for i in range(10)])
    calls: list[int] = []

    def mapper(fn, items):
        calls.append(len(items))
        return [fn(x) for x in items]

    whole = stats.language_mix(t, 100)
    assert stats.language_mix(t, 100, mapper, parts=2) == whole and calls == [1]  # 80 texts
    monkeypatch.setattr(stats, "PART_TEXTS", 20)
    assert stats.language_mix(t, 100, mapper, parts=3) == whole and calls == [1, 3]
    assert whole[0]["assistant"] == {"zh": 30, "en": 10}


def test_workers_get_their_steps_by_file_with_the_first_task_of_a_run(monkeypatch):
    """Steps bigger than a pipe (64 KiB; decontaminate carries its benchmark index)
    go by file: a task pickle holds the file's name. The workers started with the
    executor, before any steps were known, and a run with other steps needs no new
    workers."""
    import pickle

    from curation.executors import local
    from curation.steps.quality import DEFAULT_REFUSALS
    from tests.helpers import worker_pid

    big = STEPS["quality"](refusal_patterns=[*DEFAULT_REFUSALS,
                                             *(f"拒绝{i:06d}" for i in range(20_000))])
    sent: list[int] = []
    submit = local.ProcessPoolExecutor.submit
    monkeypatch.setattr(local.ProcessPoolExecutor, "submit", lambda pool, fn, *args:
                        sent.append(len(pickle.dumps(args))) or submit(pool, fn, *args))
    ex = LocalExecutor(2)
    try:
        assert ex._pool is not None and len(ex._starting) == 2  # started, not waited for
        pids = set(ex.map(worker_pid, list(range(8))))
        t = table(chat("你好", "抱歉，我无法回答这个问题。"),
                  chat("你好", "您好！请问有什么可以帮您？"))
        [outcome] = ex.run(t, [("quality", big)])
        assert outcome.result.removed["reason"].to_list() == ["refusal"]
        [outcome] = ex.run(t, [("quality", STEPS["quality"]())])
        assert outcome.result.removed["reason"].to_list() == ["refusal"]
        assert set(ex.map(worker_pid, list(range(8)))) == pids
        assert len(sent) > 10 and max(sent) < 4096
    finally:
        ex.close()


def test_figures_drawn_on_workers_equal_those_drawn_here(tmp_path, one_process):
    """A big build draws its two figures on the workers, beside the fingerprint."""
    from cards.plots import FIGURES, write_figures

    manifest = one_process[0]
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir(), there.mkdir()
    mapped = []
    with LocalExecutor(2) as ex:
        def mapper(fn, items):
            mapped.extend(items)
            return ex.map(fn, items)

        assert write_figures(manifest, there, mapper) == list(FIGURES)
    assert write_figures(manifest, here) == list(FIGURES)
    assert [name for name, _, _ in mapped] == list(FIGURES)
    for name in FIGURES:
        assert (here / name).read_bytes() == (there / name).read_bytes()


def test_per_record_steps_of_a_batch_hand_on_their_rows_as_the_table_holds_them():
    """run_batch gives each per-record step the previous one's kept rows as Python
    objects instead of converting the table again: they must be the table's rows,
    changed ones included (a step's output may carry keys the table does not)."""
    from dataclasses import dataclass
    from typing import ClassVar

    from curation.executors.base import run_batch
    from curation.schema import conversations
    from curation.steps import Keep, RecordStep

    @dataclass
    class Tagging(RecordStep):  # rewrites every other answer, with an extra key
        name: ClassVar[str] = "tagging"

        def process(self, conv, stats):
            if len(conv["messages"][-1]["content"]) % 2:
                return conv
            last = {**conv["messages"][-1], "content": conv["messages"][-1]["content"] + "。",
                    "extra": 1}
            return Keep({"system": conv["system"], "messages": [*conv["messages"][:-1], last]})

    @dataclass
    class Seeing(RecordStep):  # keeps all, records what it was given
        name: ClassVar[str] = "seeing"
        seen: list = None  # type: ignore[assignment]

        def process(self, conv, stats):
            self.seen.append(conv)
            return conv

    t = table(*(chat(f"问题{i}", "答" * (i + 1), system="系统" if i % 3 else None)
                for i in range(9)), chat("问题", "抱歉，我无法回答这个问题。"))
    quality, seeing = STEPS["quality"](), Seeing(seen=[])
    run = run_batch([Tagging(), quality, seeing], t)
    by_hand = quality(Tagging()(t).kept).kept
    assert run.kept.equals(by_hand) and run.results[1].removed.height == 1
    assert seeing.seen == conversations(by_hand)
    assert any(m["content"].endswith("。") for c in seeing.seen for m in c["messages"])


def test_a_batch_of_text_steps_sharing_counts_equals_the_steps_one_by_one():
    # run_batch lets the steps share script counts (curation.text.shared_counts): a
    # turn to_simplified converts must be counted again, not taken for its old self.
    from curation.executors.base import run_batch

    t = table(*(chat(q, a) for q, a in [
        ("這個軟體怎麼用", "請先打開設定頁面，然後選擇你要的功能，這樣就可以了。"),
        ("这个问题怎么解决", "你可以先检查网络连接，然后重新启动程序。"),
        ("翻譯成日語：謝謝", "ありがとうございます。"),
        ("What is Python?", "Python is a programming language that is easy to learn."),
        ("这个问题怎么解决", "請先打開設定頁面，然後選擇你要的功能，這樣就可以了。"),
        ("写一句话", "这么说吧，学习需要时间。"),
    ]))
    steps = [STEPS[name]() for name in ("turn_repair", "to_simplified", "language_id", "quality")]
    run = run_batch(steps, t)
    for step, result in zip(steps, run.results, strict=True):
        alone = step(t)
        assert result.removed.equals(alone.removed) and result.signals.equals(alone.signals)
        assert result.stats == alone.stats
        t = alone.kept
    assert run.kept.equals(t) and run.results[1].changed == 3


def test_whole_table_steps_are_set_up_while_the_workers_judge_batches():
    from dataclasses import dataclass

    from curation.schema import empty_removed
    from curation.steps import Step, StepResult
    from curation.steps.normalize import Normalize

    events: list[str] = []

    @dataclass
    class Probe(Step):
        name = "probe"
        fails: bool = False

        def warm(self) -> None:
            events.append(f"warm {self.fails}")
            if self.fails:
                raise ValueError("left for the step to raise")

        def __call__(self, t: pl.DataFrame) -> StepResult:
            events.append(f"run {self.fails}")
            return StepResult(t, empty_removed(), 0)

    t = table(*[chat(f"问题{i}", "答" * (i + 1)) for i in range(40)])
    with LocalExecutor(2) as ex:
        outcomes = list(ex.run(t, [("n", Normalize()), ("p", Probe()), ("q", Probe(True))]))
    assert events == ["warm False", "warm True", "run False", "run True"]
    assert outcomes[-1].result.kept.height == 40


@pytest.mark.parametrize("workers", [1, 2])
def test_a_handed_over_input_is_let_go_once_the_first_steps_are_done(workers):
    # The caller's and the pipeline's references kept the whole input alive to the end.
    import weakref
    from dataclasses import dataclass

    from curation import pipeline
    from curation.schema import empty_removed
    from curation.steps import Step, StepResult
    from curation.steps.normalize import Normalize

    @dataclass
    class Probe(Step):  # a whole-table step: it runs here, after the batched one
        name = "probe"

        def __call__(self, t: pl.DataFrame) -> StepResult:
            alive.append(input_ref() is not None)
            return StepResult(t, empty_removed(), 0)

    alive: list[bool] = []
    t = table(*[chat(f"问题{i}", "答" * (i + 1)) for i in range(40)])
    input_ref = weakref.ref(t)
    rows, t = pipeline.Handover(t), None
    with LocalExecutor(workers) as ex:
        result = pipeline.run(rows, [("n", Normalize()), ("p", Probe())], ex)
    assert alive == [False] and result.kept.height == 40
    with pytest.raises(InvariantError, match="taken already"):
        rows.take()


def test_a_ray_actor_sends_back_its_rows_not_the_blocks_buffers():
    # A pickled polars frame carries every buffer its rows point into: the one row a
    # step removed from a block went back as the whole block again.
    import pickle
    import random

    pytest.importorskip("ray", reason="the ray extra is not installed")
    from curation.executors import ray as ray_executor
    from curation.executors.base import StepSpec, map_frames, run_batch
    from curation.steps.quality import Quality

    words = "植物 阳光 水分 氧气 叶绿体 能量 有机物 细胞 根系 土壤 温度 季节 森林 种子 光照".split()
    rng = random.Random(0)
    answers = ["，".join("".join(rng.choice(words) for _ in range(4)) for _ in range(60)) + "。"
               for _ in range(300)]
    t = table(*[chat(f"问题{i}：请介绍一下植物的生长。", a) for i, a in enumerate(answers)],
              chat("你好", "作为一个AI语言模型，我不能回答。"))
    block = t.with_row_index(ray_executor.ROW).to_arrow()
    actor = ray_executor.StepsActor([StepSpec.of(Quality())])
    packed = actor(block).column("run")[0].as_py()
    run = map_frames(pickle.loads(packed), ray_executor.FrameBytes.read,
                     ray_executor.FrameBytes)
    here = run_batch(actor.steps, t)
    assert run.kept.equals(here.kept) and run.kept.height == 300
    assert run.results[0].removed.equals(here.results[0].removed)
    assert run.results[0].removed.height == 1
    assert len(packed) < 1.3 * block.nbytes  # pickled frames: twice the block


def test_deferred_maps_run_once_the_last_batches_are_judged(tmp_path):
    from dataclasses import dataclass

    from curation.schema import empty_removed
    from curation.steps import Step, StepResult
    from curation.steps.normalize import Normalize

    seen: list[set[str]] = []

    @dataclass
    class Probe(Step):  # a whole-table step after the batches: the deferred work is under way
        name = "probe"

        def __call__(self, t: pl.DataFrame) -> StepResult:
            deadline = time.monotonic() + 30
            while len(list(tmp_path.glob("started-*"))) < 3 and time.monotonic() < deadline:
                time.sleep(0.05)
            seen.append({p.name for p in tmp_path.glob("started-*")})
            return StepResult(t, empty_removed(), 0)

    t = table(*[chat(f"问题{i}", "答" * (i + 1)) for i in range(40)])
    other = tmp_path / "other"
    other.mkdir()
    with LocalExecutor(2) as ex:
        asked_first = ex.defer(mark_and_square, [(str(other), 5), (str(other), 6)])
        assert [r for r, _ in asked_first()] == [25, 36]  # asked for before any run: done then
        later = ex.defer(mark_and_square, [(str(tmp_path), x) for x in (1, 2, 3)])
        assert not list(tmp_path.glob("started-*"))  # not before the run's batches are done
        list(ex.run(t, [("n", Normalize()), ("p", Probe())]))
        assert seen == [{"started-1", "started-2", "started-3"}]
        done = later()
    assert [r for r, _ in done] == [1, 4, 9]
    assert os.getpid() not in {pid for _, pid in done}
    one = LocalExecutor(1)
    lazy = one.defer(mark_and_square, [(str(other), 7), (str(other), 8)])
    assert not (other / "started-7").exists()
    assert lazy() == [(49, os.getpid()), (64, os.getpid())]
