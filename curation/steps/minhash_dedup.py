"""Near-duplicate removal: MinHash signatures + LSH candidates, verified pairs,
connected components, one survivor per cluster by the keep policy.

Character n-grams suit Chinese (no spaces to split words on). A text shorter
than n becomes one shingle of itself, so short texts never share an empty
signature; an empty text gets no signature and is never clustered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
import polars as pl
import xxhash
from datasketch import MinHash, MinHashLSH

from curation.errors import RecipeError
from curation.steps import Step, StepResult, register
from curation.steps.base import removed_rows
from curation.steps.exact_dedup import KEYS, dedup_text
from curation.steps.keep_policy import KeepPolicy


def shingles(text: str, n: int) -> set[str]:
    text = "".join(text.split())  # whitespace carries no signal in Chinese
    if not text:
        return set()
    if len(text) <= n:
        return {text}
    return {text[i:i + n] for i in range(len(text) - n + 1)}


def _union_find(n: int, pairs: list[tuple[int, int]]) -> list[int]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [find(i) for i in range(n)]


@register
@dataclass
class MinhashDedup(Step):
    name: ClassVar[str] = "minhash_dedup"
    key: str = "conversation"
    ngram: int = 5
    num_perm: int = 128
    threshold: float = 0.8
    seed: int = 1
    source_priority: list[str] = field(default_factory=list)
    prefer: str = "longer"

    def __post_init__(self) -> None:
        if self.key not in KEYS:
            raise RecipeError(f"{self.name}: key must be one of {KEYS}, not {self.key!r}")
        if not 0 < self.threshold < 1:
            raise RecipeError(f"{self.name}: threshold must be in (0, 1)")
        self._policy = KeepPolicy(self.source_priority, self.prefer)

    def __call__(self, table: pl.DataFrame) -> StepResult:
        texts = [dedup_text(s, m, self.key) if self.key == "first_prompt"
                 else "\n".join(x["content"] for x in m) for s, m in
                 zip(table["system"].to_list(), table["messages"].to_list(), strict=True)]
        sets = [shingles(t, self.ngram) for t in texts]
        present = [i for i, s in enumerate(sets) if s]
        sigs = MinHash.bulk([[s.encode("utf-8") for s in sets[i]] for i in present],
                            num_perm=self.num_perm, seed=self.seed,
                            hashfunc=xxhash.xxh32_intdigest)
        lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        for i, sig in zip(present, sigs, strict=True):
            lsh.insert(i, sig, check_duplication=False)
        by_row = dict(zip(present, sigs, strict=True))
        pairs: list[tuple[int, int]] = []
        candidates = 0
        for i, sig in by_row.items():
            for j in lsh.query(sig):
                if j <= i:
                    continue
                candidates += 1
                # Verify: the estimated Jaccard, not mere band collision, joins a cluster.
                if np.mean(sig.hashvalues == by_row[j].hashvalues) >= self.threshold:
                    pairs.append((i, j))
        kept, dups = self._policy.split(table, _union_find(table.height, pairs))
        removed = removed_rows(
            dups.select(table.columns),
            ["near_duplicate"] * dups.height,
            [f"cluster {c} of {n}; Jaccard >= {self.threshold} ({self.ngram}-char shingles)"
             for c, n in zip(dups["_survivor"], dups["_size"], strict=True)],
            dups["_survivor"].to_list(),
        )
        clusters = dups["_survivor"].n_unique()
        return StepResult(kept, removed, 0, {
            "candidate_pairs": candidates, "verified_pairs": len(pairs),
            "clusters": clusters, "no_signature": table.height - len(present),
            "removed:near_duplicate": dups.height,
        })
