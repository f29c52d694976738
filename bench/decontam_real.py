"""Decontamination on real data: real C-Eval / CMMLU / MMLU files, real public Chinese and
English instruction data (Alpaca-style, ShareGPT, medical Q&A).

1. ``--fetch`` copies the files out of repository snapshots (``/work/.mirror/<owner>+<name>``,
   brought by the search tool's ``fetch`` verb) into a scratch folder outside the repo; every
   file is named below by repository, commit and path, so anyone can fetch the same bytes.
2. The v2 ``decontaminate`` step runs on the real records as they are: its matches are written
   to ``<scratch>/flagged.jsonl`` to be read beside their items; the verdicts (ids and verdicts,
   never the text) are ``bench/labeled/decontam_real.jsonl``, from which precision is computed.
3. Real benchmark items are planted into real conversations in each copy style, and controls on
   the same topics without an item; recall is per style, controls must stay unflagged.
4. Speed: the step on the 176K-record synthetic Aurora-shaped mix (``bench/build.py``'s
   corpus), against the shipped fixtures (as ``bench/build.py`` does) and the real benchmarks.

    python bench/decontam_real.py --fetch      # once; then
    python bench/decontam_real.py [--no-speed]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from curation import benchmarks as bm
from curation import recipe as recipes
from curation.contamination import ItemText, make_items
from curation.loading import load_source
from curation.schema import SCHEMA, content_id
from curation.steps.decontaminate import Decontaminate

MIRROR = Path("/work/.mirror")
SCRATCH = Path("/work/scratch/decon")
HERE = Path(__file__).resolve().parent
LABELS = HERE / "labeled" / "decontam_real.jsonl"
OUT = HERE / "results" / "decontam_real.json"

LF = ("hiyouga/LLaMA-Factory", "465ee8119aa489a41bee0b01b3c105a2f3dd137f")  # Aurora's evaluator
LF_DATA = ("hiyouga/LLaMA-Factory", "ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30")
CMMLU = ("haonan-li/CMMLU", "d6e7b716d8ac694f38969a6c0407437d1fded799")  # the benchmark's repo
MED = ("shibing624/MedicalGPT", "2f1008cfa49cbba69ff6f138c3b5e2fb0646bdc7")
ALPACA = ("open-chinese/alpaca-chinese-dataset", "7ae6bb212fa9ca487469537e12f35f8386e8eea0")

# name: (repo, commit, path in the repo, what it unpacks to under SCRATCH/benchmarks)
BENCHMARK_FILES = {
    "ceval": (*LF, "evaluation/ceval/ceval.zip"),  # C-Eval's own repo ships no data files
    "mmlu": (*LF, "evaluation/mmlu/mmlu.zip"),  # the original hendrycks CSVs
    "cmmlu": (*CMMLU, "data"),  # dev/ and test/ per-subject CSVs
}
# name: (repo, commit, path, format)
DATA_FILES = {
    **{f"alpaca_chinese_part_{k}": (*ALPACA, f"data/alpaca_chinese_part_{k}.json", "alpaca")
       for k in range(10)},
    "alpaca_zh_demo": (*LF_DATA, "data/alpaca_zh_demo.json", "alpaca"),
    "alpaca_en_demo": (*LF_DATA, "data/alpaca_en_demo.json", "alpaca"),
    "sharegpt_zh_1k": (*MED, "data/sft/sharegpt_zh_1K_format.jsonl", "sharegpt"),
    "medical_sft_1k": (*MED, "data/sft/medical_sft_1K_format.jsonl", "sharegpt"),
}
SEED = 0
PER_STYLE = 40  # planted items per style and benchmark


# ------------------------------------------------------------------------------------ fetch
def _git(repo: str, *args: str) -> bytes:
    mirror = MIRROR / repo.replace("/", "+") / "repo"
    if not mirror.is_dir():
        sys.exit(f"no snapshot of {repo}: fetch github:{repo} with the search tool first")
    return subprocess.run(["git", f"--git-dir={mirror}", *args], check=True,
                          capture_output=True).stdout


def fetch() -> None:
    for name, (repo, commit, path) in BENCHMARK_FILES.items():
        target = SCRATCH / "benchmarks" / name
        target.mkdir(parents=True, exist_ok=True)
        if path.endswith(".zip"):
            blob = target.parent / f"{name}.zip"
            blob.write_bytes(_git(repo, "show", f"{commit}:{path}"))
            zipfile.ZipFile(blob).extractall(target)
            continue
        for f in _git(repo, "ls-tree", "-r", "--name-only", commit, path).decode().split():
            out = target / Path(f).relative_to(path)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(_git(repo, "show", f"{commit}:{f}"))
    for name, (repo, commit, path, _) in DATA_FILES.items():
        out = SCRATCH / "data" / f"{name}{Path(path).suffix}"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(_git(repo, "show", f"{commit}:{path}"))
    print(f"fetched into {SCRATCH}")


# ------------------------------------------------------------------------------------ data
def load_real() -> pl.DataFrame:
    tables = []
    for name, (_, _, path, fmt) in DATA_FILES.items():
        tables.append(load_source(name=name, fmt=fmt,
                                  path=SCRATCH / "data" / f"{name}{Path(path).suffix}").table)
    return pl.concat(tables)


def step(paths: dict[str, Path] | None = None) -> Decontaminate:
    """v2's decontaminate step, pointed at the real benchmark folders."""
    (raw,) = [s for s in recipes.load("v2").raw["steps"] if s.get("step") == "decontaminate"]
    params = {k: v for k, v in raw.items() if k != "step"}
    paths = paths or {t: SCRATCH / "benchmarks" / t for t in ("ceval", "cmmlu", "mmlu")}
    params["benchmarks"] = [{"task": t, "path": str(p)} for t, p in paths.items()]
    return Decontaminate(**params)


def conv_table(convs: list[tuple[str, int, list[dict[str, str]]]]) -> pl.DataFrame:
    return pl.DataFrame([{"id": content_id(None, m), "source": s, "source_index": i,
                          "system": None, "messages": m} for s, i, m in convs], schema=SCHEMA)


def item_key(detail: str) -> str:
    return detail.split(" — ")[0]


# ------------------------------------------------------------------------------------ planting
def _zh(task: str) -> bool:
    return task != "mmlu"


def _edit(q: str, task: str, rng: random.Random) -> str:
    """A light edit: punctuation and blanks changed, and in a question of 8+ characters (zh)
    or words (en) one of them in the middle third replaced (shorter ones would change too
    much of the question to call it light)."""
    if _zh(task):
        han = [i for i, c in enumerate(q) if "\u4e00" <= c <= "\u9fff"]
        mid = [i for i in han if len(q) / 3 <= i <= 2 * len(q) / 3] or han
        if len(han) >= 8:
            i = rng.choice(mid)
            q = q[:i] + rng.choice("之其该此某") + q[i + 1:]
        return q.replace("____", "（ ）").replace("，", ",").replace("。", "")
    words = q.split()
    if len(words) >= 8:
        i = rng.randrange(len(words) // 3, 2 * len(words) // 3)
        words[i] = rng.choice(["the", "some", "this", "that"])
    return " ".join(words).replace("?", "").replace("__", "")


def _opts(q: bm.Question, labels: str, fmt: str, sep: str, order: list[int] | None = None,
          ) -> str:
    order = order or [0, 1, 2, 3]
    return sep.join(fmt.format(labels[k], q.choices[j]) for k, j in enumerate(order))


def styled(item: bm.BenchmarkItem, style: str, rng: random.Random) -> tuple[str, str]:
    """(user text, assistant text) holding the item in ``style``."""
    q = item.question
    ans = q.answer or "A"
    answer_text = q.choices["ABCD".index(ans)]
    reply = f"答案：{ans}" if _zh(item.task) else f"Answer: {ans}"
    if style == "A. x per line":
        return q.question + "\n" + _opts(q, "ABCD", "{}. {}", "\n"), reply
    if style == "A) x":
        return q.question + "\n" + _opts(q, "ABCD", "{}) {}", "\n"), reply
    if style == "A：x":
        return q.question + "\n" + _opts(q, "ABCD", "{}：{}", "\n"), reply
    if style == "inline":
        return q.question + " " + _opts(q, "ABCD", "{}.{}", "  "), reply
    if style == "one per line, no letters":
        return q.question + "\n" + "\n".join(q.choices), answer_text
    if style == "reordered, relettered":
        order = [0, 1, 2, 3]
        rng.shuffle(order)
        return (q.question + "\n" + _opts(q, "1234", "({}) {}", " ", order),
                f"({order.index('ABCD'.index(ans)) + 1})")
    if style == "lightly edited":
        return _edit(q.question, item.task, rng) + "\n" + _opts(q, "ABCD", "{}、{}", "\n"), reply
    if style == "in a long chat":
        return q.question + "\n" + _opts(q, "ABCD", "{}. {}", "\n"), reply + "，" + answer_text
    if style == "question + answer":
        return q.question, f"正确答案是{answer_text}。" if _zh(item.task) else \
            f"The correct answer is {answer_text}."
    raise ValueError(style)


STYLES = ["A. x per line", "A) x", "A：x", "inline", "one per line, no letters",
          "reordered, relettered", "lightly edited", "in a long chat", "question + answer"]
CONTROLS = ["options only", "question stem alone", "question with another item's options",
            "first half of the question + options of another item"]


def control(item: bm.BenchmarkItem, other: bm.BenchmarkItem, kind: str) -> tuple[str, str]:
    q, o = item.question, other.question
    zh = _zh(item.task)
    if kind == "options only":
        lead = "请比较下面几个选项的区别：" if zh else "Compare these: "
        return lead + "；".join(q.choices), "它们各有不同。" if zh else "They differ."
    if kind == "question stem alone":
        return q.question, "这个问题需要结合具体情况分析。" if zh else "It depends."
    if kind == "question with another item's options":
        return q.question + "\n" + _opts(o, "ABCD", "{}. {}", "\n"), "A"
    half = q.question[: len(q.question) // 2]
    return half + "……\n" + _opts(o, "ABCD", "{}. {}", "\n"), "B"


def plant(real: pl.DataFrame, clean_rows: list[int], items: dict[str, list[bm.BenchmarkItem]],
          checkable: dict[str, list[bm.BenchmarkItem]], rng: random.Random,
          ) -> tuple[pl.DataFrame, list[dict]]:
    """Planted and control records built on real hosts; returns them and their labels."""
    rows = real.select("source", "source_index", "messages").to_dicts()
    single = [r for r in clean_rows if len(rows[r]["messages"]) == 2]
    multi = [r for r in clean_rows if len(rows[r]["messages"]) >= 6]
    convs, labels = [], []

    def add(host: int, user: str, reply: str, label: dict, deep: bool = False) -> None:
        msgs = [dict(m) for m in rows[host]["messages"]]
        if deep:  # a new exchange in the middle of a long chat
            k = 2 * (len(msgs) // 4)
            msgs[k:k] = [{"role": "user", "content": user}, {"role": "assistant",
                                                               "content": reply}]
        else:
            msgs[0]["content"] = msgs[0]["content"] + "\n\n" + user
            msgs[-1]["content"] = reply + "\n" + msgs[-1]["content"]
        convs.append((f"planted:{rows[host]['source']}", len(convs), msgs))
        labels.append(label | {"host": f"{rows[host]['source']}[{rows[host]['source_index']}]"})

    for style in STYLES:
        for task, pool in checkable.items():
            if style == "question + answer":
                rule = step().rules()[task]
                made = make_items([_text(i) for i in pool], rule.ngram)
                pool = [i for i, m in zip(pool, made, strict=True) if i.question.answer
                        and m.question.length >= rule.min_tokens
                        and m.options["ABCD".index(i.question.answer)].length >= 2]
            for it in rng.sample(pool, min(PER_STYLE, len(pool))):
                user, reply = styled(it, style, rng)
                deep = style == "in a long chat"
                add(rng.choice(multi if deep else single), user, reply,
                    {"kind": "planted", "style": style, "task": task,
                     "item": f"{it.task} {it.split} {it.subject} #{it.question.id}",
                     "question": it.question.question}, deep)
    for kind in CONTROLS:
        for task, pool in checkable.items():
            by_subject = defaultdict(list)
            for it in items[task]:
                by_subject[it.subject].append(it)
            rule = step().rules()[task]
            made = make_items([_text(i) for i in pool], rule.ngram)
            # A long question alone is the item (the rule's path 3): not a control.
            short = [i for i, m in zip(pool, made, strict=True)
                     if m.question.length < rule.long_question]
            for it in rng.sample(short, min(PER_STYLE, len(short))):
                # Another item whose question is not (nearly) this one's: with the same stem,
                # "this question + its options" would be that item itself.
                others = [o for o in by_subject[it.subject]
                          if SequenceMatcher(None, o.question.question, it.question.question,
                                             autojunk=False).ratio() < 0.6]
                if not others:
                    continue
                user, reply = control(it, rng.choice(others), kind)
                add(rng.choice(single), user, reply, {"kind": "control", "style": kind,
                                                      "task": task})
    return conv_table(convs), labels


def _text(i: bm.BenchmarkItem) -> ItemText:
    return ItemText(i.task, i.split, i.subject, i.question.id, i.question.question,
                    i.question.choices, i.question.answer)


# ------------------------------------------------------------------------------------ speed
def speed() -> dict:
    from build import make_corpus

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_corpus(Path(tmp), 1.0)
        fmt = {"alpaca_zh": "alpaca", "alpaca_gpt4_zh": "alpaca", "sharegpt": "sharegpt"}
        table = pl.concat([load_source(name=k, fmt=fmt[k], path=p).table
                           for k, p in paths.items()])
        fixture = {t: bm.fixture_dir(t) for t in ("ceval", "cmmlu", "mmlu")}
        for label, s in (("fixture benchmarks", step(fixture)), ("real benchmarks", step())):
            s.preflight()
            start = time.perf_counter()
            r = s(table)
            out[label] = {"records": table.height,
                          "seconds": round(time.perf_counter() - start, 2),
                          "removed": r.removed.height}
            fix = None if label.startswith("fixture") else {
                t: SCRATCH / "benchmarks" / t for t in ("ceval", "cmmlu", "mmlu")}
            prev = previous_rule(table, fix, Path(tmp))  # same table, right after
            if prev:
                out[label]["previous_rule"] = prev[0]
    return out


# The rule before this one (n-gram coverage of the question alone), from a checkout of the
# commit below, timed on the same table right after the new one.
PREVIOUS = Path("/tmp/decon_previous")
PREVIOUS_COMMIT = "a7d8179"
PREVIOUS_RUN = """
import json, time, polars as pl
from curation.steps.decontaminate import Decontaminate
paths = {paths}
t = pl.read_parquet("{table}")
b = [dict(task=k, path=paths[k] if paths else "fixture") for k in ("ceval", "cmmlu", "mmlu")]
s = Decontaminate(benchmarks=b)
t0 = time.perf_counter(); r = s(t)
r.removed.select("source", "source_index", "detail").write_parquet("{table}.removed")
print(json.dumps(dict(seconds=round(time.perf_counter() - t0, 2), removed=r.removed.height)))
"""


def previous_rule(table: pl.DataFrame, paths: dict[str, Path] | None, tmp: Path,
                  ) -> tuple[dict, pl.DataFrame] | None:
    """Run the previous rule on ``table`` in a subprocess; (timing, removed rows)."""
    if not PREVIOUS.is_dir():
        PREVIOUS.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", PREVIOUS_COMMIT], cwd=HERE.parent,
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(PREVIOUS)], input=archive, check=True)
    table.write_parquet(tmp / "t.parquet")
    arg = "None" if paths is None else repr({k: str(v) for k, v in paths.items()})
    res = subprocess.run([sys.executable, "-c", PREVIOUS_RUN.format(table=tmp / "t.parquet",
                                                                     paths=arg)],
                         cwd=PREVIOUS, capture_output=True, text=True,
                         env={"PYTHONPATH": str(PREVIOUS), "PATH": "/usr/bin:/bin",
                              "HF_HUB_OFFLINE": "1"})
    if res.returncode != 0:
        print(f"previous rule failed: {res.stderr[-500:]}", file=sys.stderr)
        return None
    return json.loads(res.stdout.splitlines()[-1]), pl.read_parquet(tmp / "t.parquet.removed")


# ------------------------------------------------------------------------------------ main
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fetch", action="store_true")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()
    if args.fetch:
        fetch()
        return
    rng = random.Random(SEED)
    s = step()
    t0 = time.perf_counter()
    s.preflight()
    items = {b["task"]: s._items(b) for b in s.benchmarks}
    load_s = time.perf_counter() - t0
    rules = s.rules()
    checkable = {}
    for task, its in items.items():
        made = make_items([_text(i) for i in its], s.ngram)
        checkable[task] = [i for i, m in zip(its, made, strict=True) if m.checkable(rules[task])]
    real = load_real()
    t0 = time.perf_counter()
    r = s(real)
    real_s = time.perf_counter() - t0

    # The real data's own matches, for reading beside their items.
    flagged = []
    for row in r.removed.iter_rows(named=True):
        flagged.append({"source": row["source"], "index": row["source_index"],
                        "item": item_key(row["detail"]), "detail": row["detail"],
                        "messages": row["messages"]})
    with (SCRATCH / "flagged.jsonl").open("w", encoding="utf-8") as f:
        for x in flagged:
            f.write(json.dumps(x, ensure_ascii=False) + "\n")
    verdicts = {}
    if LABELS.is_file():
        for line in LABELS.read_text(encoding="utf-8").splitlines():
            v = json.loads(line)
            verdicts[(v["source"], v["index"], v["item"])] = v["verdict"]
    judged = [verdicts.get((x["source"], x["index"], x["item"])) for x in flagged]

    # The previous rule's matches on the same records, to read beside their items too.
    prev_flagged = []
    with tempfile.TemporaryDirectory() as tmp:
        prev = previous_rule(real, {t: SCRATCH / "benchmarks" / t
                                    for t in ("ceval", "cmmlu", "mmlu")}, Path(tmp))
    if prev:
        keys = zip(real["source"], real["source_index"], strict=True)
        msgs = dict(zip(keys, real["messages"].to_list(), strict=True))
        for row in prev[1].iter_rows(named=True):
            key = (row["source"], row["source_index"])
            prev_flagged.append({"source": key[0], "index": key[1],
                                 "item": row["detail"].split(":")[0], "detail": row["detail"],
                                 "messages": msgs[key], "rule": "previous"})
        with (SCRATCH / "flagged_previous.jsonl").open("w", encoding="utf-8") as f:
            for x in prev_flagged:
                f.write(json.dumps(x, ensure_ascii=False) + "\n")
    prev_judged = [verdicts.get((x["source"], x["index"], x["item"])) for x in prev_flagged]
    new_keys = {(x["source"], x["index"]) for x in flagged}

    # Planted items and controls on real hosts that the step left alone.
    flagged_ids = set(r.removed["id"].to_list())
    clean = [k for k, i in enumerate(real["id"].to_list()) if i not in flagged_ids]
    planted, labels = plant(real, clean, items, checkable, rng)
    questions = {f"{i.task} {i.split} {i.subject} #{i.question.id}": i.question.question
                 for its in items.values() for i in its}
    pr = s(planted)
    hit = {row["source_index"]: row["detail"] for row in pr.removed.iter_rows(named=True)}
    rec: dict[str, Counter] = defaultdict(Counter)
    ctl: dict[str, Counter] = defaultdict(Counter)
    misses, control_hits = [], []
    planted_flags: Counter[str] = Counter()
    for k, lab in enumerate(labels):
        got = hit.get(k)
        if lab["kind"] == "planted":
            # A hit names the planted item, or the same question (90%+ alike) elsewhere: some
            # questions are in two benchmarks or two subjects.
            ok = got is not None and (item_key(got) == lab["item"] or SequenceMatcher(
                None, questions[item_key(got)], lab["question"], autojunk=False).ratio() >= 0.9)
            rec[lab["style"]]["n"] += 1
            rec[lab["style"]]["hit"] += ok
            planted_flags["flagged"] += got is not None
            planted_flags["right_item"] += ok
            if not ok:
                misses.append({"style": lab["style"], "item": lab["item"],
                               "flagged_as": item_key(got) if got else None})
        else:
            ctl[lab["style"]]["n"] += 1
            ctl[lab["style"]]["flagged"] += got is not None
            if got is not None:
                control_hits.append({"control": lab["style"], "flagged_as": item_key(got)})

    too_short = {t: len(its) - len(checkable[t]) for t, its in items.items()}
    result = {
        "files": {"benchmarks": {k: dict(zip(("repo", "commit", "path"), v, strict=True))
                                 for k, v in BENCHMARK_FILES.items()},
                  "data": {k: dict(zip(("repo", "commit", "path", "format"), v, strict=True))
                           for k, v in DATA_FILES.items()}},
        "benchmark_items": {t: len(v) for t, v in items.items()},
        "too_short_items": too_short,
        "real_records": real.height,
        "real_flagged": len(flagged),
        "real_flagged_by_benchmark": dict(Counter(x["item"].split()[0] for x in flagged)),
        "real_read": sum(v is not None for v in judged),
        "real_true": sum(v == "contaminated" for v in judged),
        "real_precision": (round(sum(v == "contaminated" for v in judged)
                                 / max(1, sum(v is not None for v in judged)), 3)
                           if any(v is not None for v in judged) else None),
        "previous_rule_on_real": {
            "flagged": len(prev_flagged), "read": sum(v is not None for v in prev_judged),
            "contaminated": sum(v == "contaminated" for v in prev_judged),
            "contaminated_also_flagged_by_new_rule": sum(
                v == "contaminated" and (x["source"], x["index"]) in new_keys
                for v, x in zip(prev_judged, prev_flagged, strict=True))},
        "recall_by_style": {k: {"planted": v["n"], "found": v["hit"],
                                "recall": round(v["hit"] / v["n"], 3)} for k, v in rec.items()},
        "planted_flagged": dict(planted_flags),
        "controls": {k: {"records": v["n"], "flagged": v["flagged"]} for k, v in ctl.items()},
        "misses": misses[:50],
        "control_hits": control_hits[:50],
        "seconds": {"read_benchmarks": round(load_s, 2), "step_on_real_records": round(real_s, 2)},
        "rule": {k: v for k, v in vars(s).items() if not k.startswith("_") and k != "benchmarks"},
    }
    if not args.no_speed:
        result["speed_176k_synthetic"] = speed()
    print(f"benchmark items: {result['benchmark_items']} (too short to detect: {too_short})")
    print(f"\nreal records {real.height}: flagged {len(flagged)}, read "
          f"{result['real_read']}, contaminated {result['real_true']}, precision "
          f"{result['real_precision']}")
    p = result["previous_rule_on_real"]
    print(f"previous rule on the same records: flagged {p['flagged']}, read {p['read']}, "
          f"contaminated {p['contaminated']} (new rule flags "
          f"{p['contaminated_also_flagged_by_new_rule']} of those)")
    print(f"\n{'style':<36} {'planted':>8} {'found':>6} {'recall':>7}")
    for k, v in result["recall_by_style"].items():
        print(f"{k:<36} {v['planted']:>8} {v['found']:>6} {v['recall']:>7.3f}")
    print(f"planted records flagged {planted_flags['flagged']}, naming the planted item (or "
          f"the same question elsewhere) {planted_flags['right_item']}")
    print(f"\n{'control':<52} {'records':>8} {'flagged':>8}")
    for k, v in result["controls"].items():
        print(f"{k:<52} {v['records']:>8} {v['flagged']:>8}")
    if "speed_176k_synthetic" in result:
        print("\ndecontaminate on the 176K synthetic mix:")
        for k, v in result["speed_176k_synthetic"].items():
            print(f"  {k:<20} {v['seconds']:>6.2f} s ({v['records']} records)")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
