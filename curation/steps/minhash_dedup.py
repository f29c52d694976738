"""Near-duplicate removal: MinHash signatures + LSH candidates, every candidate
pair verified, connected components, one survivor per cluster by the keep policy.

Character 5-grams are the default shingles: Chinese has no spaces, so
whitespace "words" are whole clauses, and five characters is about two words.
Use ``shingle: word`` for English-heavy data. See :mod:`curation.minhash` and
:mod:`curation.lsh` for the signature and banding details.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import polars as pl

from curation import lsh
from curation.errors import RecipeError
from curation.minhash import Shingler, Signer
from curation.progress import phase
from curation.steps import Step, StepResult, register
from curation.steps.base import removed_rows
from curation.steps.dedup_keys import check_dedup_params, dedup_texts, in_scope
from curation.steps.keep_policy import KeepPolicy, duplicate_stats

EXAMPLES = 3


@register
@dataclass
class MinhashDedup(Step):
    name: ClassVar[str] = "minhash_dedup"
    key: str = "conversation"
    scope: str = "all"
    shingle: str = "char"
    ngram: int = 5
    num_perm: int = 128
    threshold: float = 0.8
    verify: str = "exact"  # "exact" shingle sets, or the signature "estimate"
    false_negative_weight: float = 0.95
    seed: int = 1
    source_priority: list[str] = field(default_factory=list)
    prefer: str = "longer"

    def __post_init__(self) -> None:
        check_dedup_params(self.name, self.key, self.scope)
        if not 0 < self.threshold < 1:
            raise RecipeError(f"{self.name}: threshold must be in (0, 1)")
        if self.verify not in ("exact", "estimate"):
            raise RecipeError(f"{self.name}: verify must be 'exact' or 'estimate'")
        self._shingler = Shingler(self.ngram, self.shingle, self.seed)
        self._policy = KeepPolicy(self.source_priority, self.prefer)

    def __call__(self, table: pl.DataFrame) -> StepResult:
        texts = [t if use else "" for t, use in  # out of scope: no signature, never clustered
                 zip(dedup_texts(table, self.key), in_scope(table, self.scope), strict=True)]
        with phase(f"  {self.name}: MinHash signatures") as ph:
            sig = Signer(self._shingler, self.num_perm).sign(texts)
            ph.summary = f"{len(texts)} records x {self.num_perm} permutations"
        with phase(f"  {self.name}: LSH candidates and {self.verify} verification") as ph:
            found = lsh.find(sig, self.threshold,
                             false_negative_weight=self.false_negative_weight,
                             exact=(self._shingler, texts) if self.verify == "exact" else None)
            ph.summary = f"{found.candidates} candidate pairs, {len(found.pairs)} verified"
        kept, dups = self._policy.split(table, found.labels.tolist())
        removed = removed_rows(
            dups.select(table.columns),
            ["near_duplicate"] * dups.height,
            [f"cluster of {n} led by {s}; Jaccard >= {self.threshold} "
             f"({self.ngram}-{self.shingle} shingles)"
             for s, n in zip(dups["_survivor"], dups["_size"], strict=True)],
            dups["_survivor"].to_list(),
        )
        return StepResult(kept, removed, 0, {
            "bands": found.bands, "rows": found.rows,
            "candidate_pairs": found.candidates, "verified_pairs": len(found.pairs),
            "clusters": dups["_survivor"].n_unique(),
            "no_signature": sum(1 for t in texts if not t.strip()),
            "removed:near_duplicate": dups.height,
            **duplicate_stats(dups, kept),
            "examples": self._examples(table, texts, found),
        })

    @staticmethod
    def _examples(table: pl.DataFrame, texts: list[str], found: lsh.NearDuplicates,
                  chars: int = 120) -> list[dict[str, object]]:
        """A few verified pairs, least similar first (the interesting ones)."""
        order = found.similarity.argsort()[:EXAMPLES]
        sources = table["source"].to_list()
        return [{"a_source": sources[i], "b_source": sources[j],
                 "jaccard": round(float(found.similarity[k]), 3),
                 "a": texts[i][:chars], "b": texts[j][:chars]}
                for k in order.tolist() for i, j in [found.pairs[k].tolist()]]
