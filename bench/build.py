"""Whole-build benchmark: the v2 recipe on a synthetic corpus shaped like Aurora's mix.

~51K alpaca_zh-style + ~49K alpaca_gpt4_zh-style records whose prompts largely
coincide (different answers), and ~70K ShareGPT-style multi-turn chats with a
long-tailed length distribution; some traditional text, English answers,
refusals, duplicates (exact and near) and broken turns. Prints seconds and
records/s per step and peak memory, and writes JSON.

    python bench/build.py                 # full size (~170K records)
    python bench/build.py --scale 0.1     # a tenth, for a quick look
    python bench/build.py --workers 2     # per-record steps in 2 worker processes
    python bench/build.py --executor ray --workers 2   # a local Ray with 2 CPUs
    python bench/build.py --executor ray --workers 2 --scale 5.7 --dedup-only  # ~1M records

Peak RSS is reported for the driver and for its worker processes (sum and largest);
with Ray, also the object store's spill (bytes and objects written to disk). So are
the CPU seconds of the driver and of every process it started (workers; with Ray, its
system processes too), and how busy that kept the cores: a machine that runs faster or
slower shifts the wall time, and this tells idle cores from busy ones.
"""

from __future__ import annotations

import argparse
import copy
import json
import multiprocessing as mp
import os
import re
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import opencc

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from memory import peak_rss, peak_rss_tree
from synth import TextGen, edit

from curation import executors, lsh
from curation import recipe as recipes
from curation.build import build

ENGLISH = ("Sure. Here is a short explanation of the idea and how you can apply it in practice, "
           "with a few steps you can follow today.")
REFUSAL = "作为一个AI语言模型，我无法提供这方面的个人意见。"
HTML = '<div class="markdown prose w-full break-words dark:prose-invert light"><p>{}</p></div>'


def make_corpus(root: Path, scale: float, seed: int = 0) -> dict[str, Path]:
    gen = TextGen(seed)
    rng = np.random.default_rng(seed + 7)
    to_trad = opencc.OpenCC("s2twp.json")
    n_alpaca, n_gpt4, n_share = int(51_000 * scale), int(49_000 * scale), int(70_000 * scale)

    prompts = gen.texts(gen.lengths(n_alpaca, 30, 0.5, 6, 300))
    inputs = gen.texts(gen.lengths(n_alpaca, 60, 0.8, 10, 800))
    has_input = rng.random(n_alpaca) < 0.35

    def flavour(answer: str) -> str:
        """Plant the defects real data has, at realistic rates."""
        u = rng.random()
        if u < 0.03:
            return to_trad.convert(answer)
        if u < 0.05:
            return ENGLISH
        if u < 0.06:
            return REFUSAL + answer[:50]
        return answer

    alpaca = [{"instruction": p, "input": i if h else "", "output": flavour(a)}
              for p, i, h, a in zip(prompts, inputs, has_input,
                                    gen.texts(gen.lengths(n_alpaca, 120, 0.9, 2, 3000)),
                                    strict=True)]
    # GPT-4 answers to (mostly) the same prompts: longer, different text.
    shared = rng.choice(n_alpaca, n_gpt4, replace=False)
    own = gen.texts(gen.lengths(n_gpt4, 30, 0.5, 6, 300))
    gpt4 = [{"instruction": prompts[k] if rng.random() < 0.9 else own[j],
             "input": inputs[k] if has_input[k] else "", "output": flavour(a)}
            for j, (k, a) in enumerate(zip(shared.tolist(),
                                           gen.texts(gen.lengths(n_gpt4, 350, 0.7, 5, 6000)),
                                           strict=True))]

    share = []
    n_turns = np.clip(rng.geometric(0.35, n_share), 1, 25)
    lengths = gen.lengths(int(n_turns.sum()), 400, 1.0, 2, 12_000)
    answers = gen.texts(lengths)
    questions = gen.texts(gen.lengths(int(n_turns.sum()), 40, 0.9, 2, 2000))
    pos = 0
    for c, t in enumerate(n_turns.tolist()):
        conv = []
        for k in range(t):
            conv.append({"from": "human", "value": questions[pos + k]})
            answer = flavour(answers[pos + k])
            conv.append({"from": "gpt", "value": HTML.format(answer) if c % 20 == 0 else answer})
        pos += t
        u = rng.random()
        if u < 0.02:
            conv.insert(0, {"from": "gpt", "value": "你好！有什么可以帮你？"})
        elif u < 0.04:
            conv.append({"from": "human", "value": "谢谢"})
        elif u < 0.05:
            conv[1]["value"] = ""
        share.append({"id": f"s{c}", "conversations": conv})

    # Duplicates: 2% exact copies, 2% near copies, inside and across sources.
    for records, field in ((alpaca, "output"), (gpt4, "output")):
        for k in rng.choice(len(records), int(0.02 * len(records)), replace=False).tolist():
            records.append(dict(records[k]))
        for k in rng.choice(len(records), int(0.02 * len(records)), replace=False).tolist():
            r = dict(records[k])
            r[field] = edit(r[field], "substitute", 0.01, rng, gen)
            records.append(r)
    for k in rng.choice(len(share), int(0.03 * len(share)), replace=False).tolist():
        share.append({"id": f"dup{k}", "conversations": share[k]["conversations"]})

    paths = {"alpaca_zh": root / "alpaca_data_51k.json",
             "alpaca_gpt4_zh": root / "alpaca_gpt4_data_zh.json",
             "sharegpt": root / "common_zh_70k.jsonl"}
    paths["alpaca_zh"].write_text(json.dumps(alpaca, ensure_ascii=False), encoding="utf-8")
    paths["alpaca_gpt4_zh"].write_text(json.dumps(gpt4, ensure_ascii=False), encoding="utf-8")
    with paths["sharegpt"].open("w", encoding="utf-8") as f:
        for r in share:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return paths


def with_fixture_benchmarks(recipe: recipes.Recipe) -> recipes.Recipe:
    """Decontaminate against the shipped benchmark fixtures (the real benchmarks are
    not on this machine); hashing the training text, the step's main cost, is the same."""
    raw = copy.deepcopy(recipe.raw)
    for step in raw["steps"]:
        if isinstance(step, dict) and step.get("step") == "decontaminate":
            step["benchmarks"] = [{"task": b["task"], "path": "fixture"}
                                  for b in step["benchmarks"]]
    return recipes.parse(raw, f"{recipe.version} (fixture benchmarks)")


DEDUP_STEPS = ("exact_dedup", "minhash_dedup", "prompt_dedup")


def dedup_only(recipe: recipes.Recipe) -> recipes.Recipe:
    """The recipe's dedup steps alone (on the loaded records): what grows fastest with
    the corpus, measured at sizes whose full build would not fit this machine."""
    raw = copy.deepcopy(recipe.raw)
    raw["steps"] = [s for s in raw["steps"] if isinstance(s, dict)
                    and s.get("as", s.get("step")) in DEDUP_STEPS]
    return recipes.parse(raw, f"{recipe.version} (dedup steps only)")


def ray_spill() -> dict[str, Any]:
    """Bytes and objects Ray's object store spilled to disk and restored this session:
    the raylet's cumulative log lines ("Spilled 200 MiB, 20 objects, ..."); the
    `ray memory --stats-only` API needs grpcio, which ray's minimal install lacks."""
    import ray

    session = Path(ray._private.worker.global_worker.node.get_session_dir_path())
    text = "".join(p.read_text(errors="replace") for p in session.glob("logs/raylet*.out"))
    out: dict[str, Any] = {"spilled_mib": 0, "spilled_objects": 0, "restored_mib": 0,
                           "restored_objects": 0}
    for kind in ("Spilled", "Restored"):
        found = re.findall(kind + r" (\d+) MiB, (\d+) objects", text)
        if found:
            out[f"{kind.lower()}_mib"] = int(found[-1][0])
            out[f"{kind.lower()}_objects"] = int(found[-1][1])
    out["spill_triggered"] = text.count("Triggering object spilling")
    return out


def components_cost(nodes: int, edges: int, seed: int = 0) -> dict[str, float]:
    """Driver cost of connected components for a dedup step's graph size: the same
    call (``lsh.components``) on ``edges`` random pairs over ``nodes`` documents, with
    the edge array (16 B per edge) counted, as the driver holds it."""
    rng = np.random.default_rng(seed)
    with peak_rss(interval=0.001) as mem:
        start = time.perf_counter()
        i = rng.integers(0, nodes, edges, dtype=np.int64)
        pairs = np.stack([i, (i + 1 + rng.integers(0, 64, edges)) % nodes], axis=1)
        lsh.components(pairs, nodes)
        seconds = time.perf_counter() - start
    return {"nodes": nodes, "edges": edges, "seconds": round(seconds, 3),
            "peak_delta_mib": round(mem["delta"] / 2**20, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--version", default="v2")
    ap.add_argument("--workers", type=int, default=1,
                    help="worker processes (local) or CPUs (ray); default 1")
    ap.add_argument("--executor", choices=executors.EXECUTORS, default="local")
    ap.add_argument("--dedup-only", action="store_true",
                    help="run the recipe's dedup steps only, on the loaded records")
    ap.add_argument("--out", type=Path, help="JSON file (default: bench/results/build.json "
                    "for one local worker, build_<executor>_<workers>.json otherwise)")
    args = ap.parse_args()
    if args.out is None:
        name = ("build.json" if (args.executor, args.workers) == ("local", 1)
                else f"build_{args.executor}_{args.workers}.json")
        if args.dedup_only or args.scale != 1.0:
            name = name.replace(".json", ("_dedup" if args.dedup_only else "")
                                + (f"_x{args.scale:g}" if args.scale != 1.0 else "") + ".json")
        args.out = Path(__file__).parent / "results" / name
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        # In a child process: the generator's millions of Python strings would stay in
        # the driver's heap (freed, not returned) and count in its peak RSS.
        with mp.get_context("spawn").Pool(1) as pool:
            paths = pool.apply(make_corpus, (root, args.scale))
        chars = sum(p.stat().st_size for p in paths.values())
        print(f"corpus: {chars / 2**20:.0f} MiB of JSON in {time.perf_counter() - t0:.0f}s")
        load_before = os.getloadavg()
        with peak_rss_tree() as mem:
            start = time.perf_counter()
            executor = executors.make(args.executor, workers=args.workers)
            started = time.perf_counter() - start
            recipe = with_fixture_benchmarks(recipes.load(args.version))
            spill: dict[str, Any] = {}
            try:
                result = build(dedup_only(recipe) if args.dedup_only else recipe,
                               out=root / "out",
                               source_paths={k: str(v) for k, v in paths.items()},
                               executor=executor)
                if args.executor == "ray":
                    spill = ray_spill()
            finally:
                executor.close()
            total = time.perf_counter() - start
            started += getattr(executor, "start_seconds", 0.0)
    m = result.manifest
    load = [round(x, 2) for x in (*load_before, *os.getloadavg())]
    steps = [{"step": s["name"], "rows_in": s["rows_in"], "rows_out": s["rows_out"],
              "seconds": s["seconds"],
              "records_per_s": round(s["rows_in"] / max(s["seconds"], 1e-9)),
              "share_of_total": round(s["seconds"] / total, 3),
              **{k: s["stats"][k] for k in ("candidate_pairs", "verified_pairs")
                 if k in s["stats"]}} for s in m["steps"]]
    other = total - sum(s["seconds"] for s in m["steps"])
    print(f"\n{'step':<15} {'in':>8} {'out':>8} {'seconds':>8} {'rec/s':>9} {'share':>6}")
    for s in steps:
        print(f"{s['step']:<15} {s['rows_in']:>8} {s['rows_out']:>8} {s['seconds']:>8.2f} "
              f"{s['records_per_s']:>9} {s['share_of_total']:>6.1%}")
    print(f"{'load+write':<15} {'':>8} {'':>8} {other:>8.2f}  (executor start {started:.2f}s)")
    gib = {k: round(v / 2**30, 2) for k, v in mem.items()
           if k in ("driver", "workers_sum", "worker_max")}
    cpu = mem["driver_cpu"] + mem["workers_cpu"]
    busy = round(cpu / (total * (os.cpu_count() or 1)), 3)
    print(f"\n{args.executor} executor, {args.workers} worker(s): total {total:.1f}s for "
          f"{m['counts']['input']} records ({m['counts']['input'] / total:.0f} rec/s); kept "
          f"{m['counts']['kept']}; fingerprint {m['fingerprint'][:16]}\n"
          f"peak RSS: driver {gib['driver']:.2f} GiB (process max "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.2f} GiB), "
          f"workers {gib['workers_sum']:.2f} GiB together, {gib['worker_max']:.2f} GiB the "
          f"largest ({mem['workers_seen']} processes); load average {load[0]} before, "
          f"{load[3]} after, on {os.cpu_count()} CPUs\n"
          f"CPU: driver {mem['driver_cpu']:.1f} s, workers {mem['workers_cpu']:.1f} s "
          f"(user + system): the cores {busy:.0%} busy"
          + (f"\nobject store: spilled {spill['spilled_mib']:.0f} MiB in "
             f"{spill['spilled_objects']} objects, restored {spill['restored_mib']:.0f} MiB"
             if spill else ""))
    graphs = {s["name"]: components_cost(s["rows_in"], s["stats"]["verified_pairs"])
              for s in m["steps"] if "verified_pairs" in s["stats"]}
    for name, g in graphs.items():
        print(f"{name}: components over {g['edges']} edges, {g['nodes']} nodes: "
              f"{g['seconds']:.2f}s, {g['peak_delta_mib']:.0f} MiB on the driver")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "version": args.version, "scale": args.scale, "input_json_mib": round(chars / 2**20),
        "dedup_only": args.dedup_only, "object_store_spill": spill or None,
        "executor": args.executor, "workers": args.workers,
        "executor_start_seconds": round(started, 2), "fingerprint": m["fingerprint"],
        "cpus": os.cpu_count(), "loadavg_before_after": load,  # the machine is shared
        "records": m["counts"]["input"], "kept": m["counts"]["kept"],
        "total_seconds": round(total, 2), "load_and_write_seconds": round(other, 2),
        "peak_rss_gib": gib["driver"], "workers_peak_rss_gib": gib["workers_sum"],
        "worker_max_peak_rss_gib": gib["worker_max"],
        "cpu_seconds": {"driver": mem["driver_cpu"], "workers": mem["workers_cpu"]},
        "cores_busy": busy, "steps": steps,
        "driver_components": graphs,
        "removed_by_reason": m["counts"]["removed_by_reason"]}, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
