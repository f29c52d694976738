"""Near-duplicate removal: MinHash signatures + LSH candidates, every candidate
pair verified, connected components, one survivor per cluster by the keep policy.

Character 5-grams are the default shingles: Chinese has no spaces, so
whitespace "words" are whole clauses, and five characters is about two words.
Use ``shingle: word`` for English-heavy data. See :mod:`curation.minhash` and
:mod:`curation.lsh` for the signature and banding details.

``__call__`` composes pure parts that an executor may also run apart (texts and
signatures per record, band keys per record, pairs per bucket, verification per
pair, then components and :meth:`MinhashDedup.from_clusters` over the whole table).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
import polars as pl

from curation import lsh
from curation.errors import RecipeError
from curation.minhash import Shingler, Signer
from curation.progress import phase
from curation.steps import Step, StepResult, register
from curation.steps.base import removed_rows
from curation.steps.dedup_keys import check_dedup_params, dedup_column
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

    def text_column(self, table: pl.DataFrame) -> pl.Series:
        """The compared text per row; "" out of scope (no signature, never clustered)."""
        return dedup_column(table, self.key, scope=self.scope)

    def texts(self, table: pl.DataFrame) -> list[str]:
        return self.text_column(table).to_list()

    def signatures(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), num_perm) MinHash signatures; a row depends on its text only."""
        return Signer(self._shingler, self.num_perm).sign(texts)

    def bands_rows(self) -> tuple[int, int]:
        return lsh.bands_rows(self.threshold, self.num_perm, self.false_negative_weight)

    def warm(self) -> None:
        self.bands_rows()  # imports datasketch and scipy, integrates: ~0.8 s here
        lsh.warm()

    def verified(self, sig: np.ndarray, texts: Sequence[str], i: np.ndarray, j: np.ndarray,
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The candidate pairs (rows of ``sig``/``texts``) that pass: (i, j, similarity)."""
        return lsh.verify(sig, i, j, self.threshold,
                          exact=(self._shingler, texts) if self.verify == "exact" else None)

    def __call__(self, table: pl.DataFrame) -> StepResult:
        texts = self.texts(table)
        with phase(f"  {self.name}: MinHash signatures and band keys") as ph:
            sig = self.signatures(texts)
            keyed = lsh.band_keys(sig, *self.bands_rows())
            ph.summary = f"{len(texts)} records x {self.num_perm} permutations"
        return self.clustered(table, texts, sig, keyed)

    def clustered(self, table: pl.DataFrame, texts: Sequence[str], sig: np.ndarray,
                  keyed: tuple[np.ndarray, np.ndarray]) -> StepResult:
        """The step from the rows' signatures and their :func:`lsh.band_keys` (a row's
        depend on its text only: an executor may compute them by blocks)."""
        with phase(f"  {self.name}: LSH candidates and {self.verify} verification") as ph:
            found = lsh.find(sig, self.threshold,
                             false_negative_weight=self.false_negative_weight,
                             exact=(self._shingler, texts) if self.verify == "exact" else None,
                             keyed=keyed)
            ph.summary = f"{found.candidates} candidate pairs, {len(found.pairs)} verified"
        return self.from_clusters(table, texts, found)

    def from_clusters(self, table: pl.DataFrame, texts: Sequence[str], found: lsh.NearDuplicates,
               ) -> StepResult:
        """The result from the clusters: survivors by the keep policy, reasons, stats."""
        kept, dups = self._policy.split(table, found.labels)
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
            "no_signature": texts.count("") + sum(map(str.isspace, texts)),  # no .strip()
            "removed:near_duplicate": dups.height,
            **duplicate_stats(dups, kept),
            "examples": self._examples(table, texts, found),
        })

    @staticmethod
    def _examples(table: pl.DataFrame, texts: Sequence[str], found: lsh.NearDuplicates,
                  chars: int = 120) -> list[dict[str, object]]:
        """A few verified pairs, least similar first (the interesting ones)."""
        order = found.similarity.argsort()[:EXAMPLES]
        sources = table["source"].to_list()
        return [{"a_source": sources[i], "b_source": sources[j],
                 "jaccard": round(float(found.similarity[k]), 3),
                 "a": texts[i][:chars], "b": texts[j][:chars]}
                for k in order.tolist() for i, j in [found.pairs[k].tolist()]]
