"""Near-dedup benchmark: this project's MinHash LSH vs datasketch's per-document
loop vs rensa, on one synthetic Chinese corpus with planted near-duplicates.

Ground truth is the exact Jaccard of the same character 5-gram shingles. Every
method gets the same LSH bands/rows (derived from the threshold) and verifies
its candidate pairs; precision/recall/F1 are over document pairs.

    python bench/dedup.py                        # 100K and 1M documents
    python bench/dedup.py --sizes 20000 --baseline-max 20000
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import itertools
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from memory import peak_rss, rss_bytes
from synth import TextGen, edit

from curation import lsh
from curation.minhash import Shingler, Signer

NGRAM, NUM_PERM = 5, 128
EDITS = {  # kind -> rates; char edits of ~1-3% put pairs right around J = 0.8
    "substitute": [0.002, 0.005, 0.01, 0.02, 0.03, 0.05],
    "insert": [0.002, 0.005, 0.01, 0.02, 0.03],
    "delete": [0.002, 0.005, 0.01, 0.02, 0.03],
    "truncate": [0.05, 0.1, 0.2, 0.3],
    "shuffle": [0.05, 0.1, 0.25],
}


def shingle_set(text: str) -> set[str]:
    t = "".join(text.split())
    if len(t) < NGRAM:
        return {t} if t else set()
    return {t[i:i + NGRAM] for i in range(len(t) - NGRAM + 1)}


def corpus(n: int, seed: int = 0, dup_share: float = 0.2) -> tuple[list[str], list[list[int]]]:
    """n documents; ~dup_share of them are edited copies in families of 2-5."""
    gen = TextGen(seed)
    rng = np.random.default_rng(seed + 1)
    n_variants = int(n * dup_share)
    n_base = n - n_variants
    docs = gen.texts(gen.lengths(n_base, 300, 0.8, 20, 4000))
    by_base: dict[int, list[int]] = {}  # a base drawn twice keeps one family
    kinds = list(EDITS)
    made = 0
    while made < n_variants:
        base = int(rng.integers(0, n_base))
        size = min(int(rng.integers(1, 5)), n_variants - made)
        members = by_base.setdefault(base, [base])
        for _ in range(size):
            kind = kinds[int(rng.integers(0, len(kinds)))]
            rate = EDITS[kind][int(rng.integers(0, len(EDITS[kind])))]
            docs.append(edit(docs[base], kind, rate, rng, gen))
            members.append(len(docs) - 1)
        made += size
    families = list(by_base.values())
    order = rng.permutation(len(docs))  # families must not sit next to each other
    where = np.empty_like(order)
    where[order] = np.arange(len(order))
    docs = [docs[i] for i in order]
    families = [[int(where[m]) for m in fam] for fam in families]
    return docs, families


def ground_truth(docs: list[str], families: list[list[int]], threshold: float,
                 seed: int = 0, cross_samples: int = 20000) -> tuple[set[tuple[int, int]], int]:
    """Pairs with exact Jaccard >= threshold inside planted families; also counts
    such pairs among random cross-family pairs (expected 0)."""
    truth = set()
    members = {m for fam in families for m in fam}
    cache: dict[int, set[str]] = {}

    def sset(i: int) -> set[str]:
        if i not in cache:
            cache[i] = shingle_set(docs[i])
        return cache[i]

    for fam in families:
        for a, b in itertools.combinations(sorted(set(fam)), 2):
            sa, sb = sset(a), sset(b)
            if sa and sb and len(sa & sb) / len(sa | sb) >= threshold:
                truth.add((a, b))
    rng = np.random.default_rng(seed)
    stray = 0
    fam_of = {m: k for k, fam in enumerate(families) for m in fam}
    for a, b in rng.integers(0, len(docs), (cross_samples, 2)).tolist():
        if a == b or (a in members and b in members and fam_of[a] == fam_of[b]):
            continue
        sa, sb = shingle_set(docs[a]), shingle_set(docs[b])
        if sa and sb and len(sa & sb) / len(sa | sb) >= threshold:
            stray += 1
    return truth, stray


def score(pred: set[tuple[int, int]], truth: set[tuple[int, int]]) -> dict[str, float]:
    tp = len(pred & truth)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(truth) if truth else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "pairs": len(pred)}


def ours(docs: list[str], threshold: float, verify: str) -> set[tuple[int, int]]:
    shingler = Shingler(NGRAM, "char", seed=1)
    sig = Signer(shingler, NUM_PERM).sign(docs)
    found = lsh.find(sig, threshold, exact=(shingler, docs) if verify == "exact" else None)
    return {(int(a), int(b)) for a, b in found.pairs.tolist()}


def datasketch_loop(docs: list[str], threshold: float) -> set[tuple[int, int]]:
    from datasketch import MinHash, MinHashLSH

    bands, rows = lsh.bands_rows(threshold, NUM_PERM)
    index = MinHashLSH(num_perm=NUM_PERM, params=(bands, rows))
    sigs = []
    for i, text in enumerate(docs):
        m = MinHash(num_perm=NUM_PERM, seed=1)
        for s in shingle_set(text):
            m.update(s.encode("utf-8"))
        index.insert(i, m, check_duplication=False)
        sigs.append(m)
    pairs = set()
    for i, m in enumerate(sigs):
        for j in index.query(m):
            if j > i and m.jaccard(sigs[j]) >= threshold:
                pairs.add((i, j))
    return pairs


def rensa_bulk(docs: list[str], threshold: float) -> set[tuple[int, int]]:
    from rensa import RMinHash, RMinHashLSH

    bands, _ = lsh.bands_rows(threshold, NUM_PERM)
    sigs = RMinHash.from_token_sets((shingle_set(t) for t in docs), NUM_PERM, 1)
    index = RMinHashLSH(threshold, NUM_PERM, bands)
    index.insert_many(sigs)
    pairs = set()
    for i, cands in enumerate(index.query_all(sigs)):
        for j in cands:
            if j > i and sigs[i].jaccard(sigs[j]) >= threshold:
                pairs.add((i, int(j)))
    return pairs


METHODS = {
    "this project (exact verify)": lambda d, t: ours(d, t, "exact"),
    "this project (estimate verify)": lambda d, t: ours(d, t, "estimate"),
    "datasketch MinHash.update + MinHashLSH": datasketch_loop,
    "rensa RMinHash + RMinHashLSH": rensa_bulk,
}


def probe(n: int, method: str, threshold: float) -> None:
    """Child process: the corpus and one method only, so its peak RSS is the method's
    real footprint (the parent also holds ground-truth shingle sets)."""
    docs, _ = corpus(n)
    corpus_rss = rss_bytes()
    METHODS[method](docs, threshold)
    # VmHWM, not ru_maxrss: ru_maxrss carries over the parent's high-water mark via fork.
    hwm = next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
               if line.startswith("VmHWM:"))
    print(json.dumps({"corpus_rss_mib": round(corpus_rss / 2**20),
                      "peak_rss_mib": round(hwm / 1024)}))


def isolated_memory(n: int, method: str, threshold: float) -> dict[str, int]:
    out = subprocess.run([sys.executable, __file__, "--probe", str(n), method,
                          "--threshold", str(threshold)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--baseline-max", type=int, default=100_000,
                    help="largest size the datasketch per-document loop runs at "
                    "(~400 docs/s: 1M documents would take ~45 minutes)")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "dedup.json")
    ap.add_argument("--probe", nargs=2, metavar=("N", "METHOD"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.probe:
        probe(int(args.probe[0]), args.probe[1], args.threshold)
        return

    rows = []
    for n in args.sizes:
        t0 = time.perf_counter()
        docs, families = corpus(n)
        truth, stray = ground_truth(docs, families, args.threshold)
        print(f"\n{n} documents, {len(truth)} true pairs (J >= {args.threshold}), "
              f"{stray} stray cross-family pairs in a 20k sample; "
              f"corpus + truth {time.perf_counter() - t0:.0f}s", flush=True)
        for name, fn in METHODS.items():
            if name.startswith("rensa") and importlib.util.find_spec("rensa") is None:
                rows.append({"size": n, "method": name,
                             "skipped": "rensa not installed (pip install rensa)"})
                print(f"  {name}: skipped (rensa not installed)")
                continue
            if name.startswith("datasketch") and n > args.baseline_max:
                rows.append({"size": n, "method": name, "skipped":
                             f"above --baseline-max {args.baseline_max}"})
                print(f"  {name}: skipped (above --baseline-max)")
                continue
            gc.collect()
            with peak_rss() as mem:
                start = time.perf_counter()
                pred = fn(docs, args.threshold)
                seconds = time.perf_counter() - start
            row = {"size": n, "method": name, "seconds": round(seconds, 2),
                   "docs_per_s": round(n / seconds), "peak_rss_delta_mib":
                   round(mem["delta"] / 2**20), "peak_rss_mib": round(mem["peak"] / 2**20),
                   **score(pred, truth)}
            row |= {f"isolated_{k}": v for k, v in
                    isolated_memory(n, name, args.threshold).items()}
            rows.append(row)
            print(f"  {name}: {row}", flush=True)
        del docs, families, truth
    print_table(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "threshold": args.threshold, "ngram": NGRAM, "num_perm": NUM_PERM,
        "bands_rows": lsh.bands_rows(args.threshold, NUM_PERM),
        "machine": {"cpus": __import__("os").cpu_count(), "python": platform.python_version()},
        "results": rows}, indent=2) + "\n")
    print(f"\nwrote {args.out}")


def print_table(rows: list[dict]) -> None:
    head = f"{'size':>9}  {'method':<40} {'docs/s':>9} {'RSS MiB':>8} {'corpus':>7} " \
           f"{'P':>6} {'R':>6} {'F1':>6}"
    print("\n" + head + "\n" + "-" * len(head))
    for r in rows:
        if "skipped" in r:
            print(f"{r['size']:>9}  {r['method']:<40} {'skipped: ' + r['skipped']}")
            continue
        print(f"{r['size']:>9}  {r['method']:<40} {r['docs_per_s']:>9} "
              f"{r['isolated_peak_rss_mib']:>8} {r['isolated_corpus_rss_mib']:>7} "
              f"{r['precision']:>6} {r['recall']:>6} {r['f1']:>6}")
    print("RSS MiB: peak resident memory of a process holding the corpus and running the "
          "method alone; corpus: that process's RSS before the method ran.")


if __name__ == "__main__":
    main()
