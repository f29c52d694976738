"""Remove training records that contain benchmark questions (C-Eval, CMMLU, MMLU).

A record is contaminated by a benchmark question when the question's n-grams
found in the record cover at least ``min_coverage`` of the question: character
n-grams for the Chinese benchmarks, word n-grams for MMLU. Coverage, unlike
the share of matching n-grams, survives light edits: one changed character
in a 16-character question loses 5 of its 12 5-grams but only 1 of its 16
characters. Questions shorter than n are not checked (counted in the stats).
Benchmark files are read in their official layouts by :mod:`eval.benchmarks`,
the same reader the scorer uses.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import numpy as np
import polars as pl

from curation import benchmarks as bm
from curation.errors import CurationError, RecipeError
from curation.minhash import Shingler, chunks
from curation.steps import Step, StepResult, register
from curation.steps.base import removed_rows

WORD_TASKS = {"mmlu"}  # English benchmarks: word n-grams


@dataclass(frozen=True)
class Item:
    task: str
    split: str
    subject: str
    id: str
    grams: np.ndarray  # n-gram hashes of the question, in position order
    length: int  # units (characters or words) of the question

    def coverage(self, present: np.ndarray, n: int) -> float:
        """Share of the question's units covered by its n-grams in ``present``."""
        starts = np.flatnonzero(np.isin(self.grams, present))
        edges = np.zeros(self.length + 1, dtype=np.int64)
        np.add.at(edges, starts, 1)
        np.add.at(edges, np.minimum(starts + n, self.length), -1)
        return float((np.cumsum(edges[:-1]) > 0).mean())


def load_items(task: str, path: Path, splits: list[str], shingler: Shingler,
               ) -> tuple[list[Item], int]:
    """Benchmark questions with their n-gram hashes; also the count too short to check."""
    texts, keys = [], []
    for split in splits:
        for subject in bm.available_subjects(task, path, split):
            for q in bm.read_split_file(task, bm.subject_file(task, path, subject, split), split):
                texts.append(q.question)
                keys.append((split, subject, q.id))
    h, owner = shingler.hashes(texts)
    units = shingler.units(texts)[1]
    bounds = np.searchsorted(owner, np.arange(len(texts) + 1))
    items = [Item(task, split, subject, qid, h[bounds[k]:bounds[k + 1]], int(units[k]))
             for k, (split, subject, qid) in enumerate(keys) if units[k] >= shingler.ngram]
    return items, len(texts) - len(items)


@register
@dataclass
class Decontaminate(Step):
    """``benchmarks``: list of ``{task: ceval|cmmlu|mmlu, path: DIR}`` in the
    official layouts (``path: fixture`` means the project's shipped fixture)."""

    name: ClassVar[str] = "decontaminate"
    benchmarks: list[dict[str, str]] = field(default_factory=list)
    splits: list[str] = field(default_factory=lambda: ["dev", "val", "test"])
    char_ngram: int = 5
    word_ngram: int = 3
    min_coverage: float = 0.7

    def __post_init__(self) -> None:
        if not self.benchmarks:
            raise RecipeError("decontaminate: list at least one benchmark {task, path}")
        for b in self.benchmarks:
            if set(b) != {"task", "path"} or b["task"] not in ("ceval", "cmmlu", "mmlu"):
                raise RecipeError(f"decontaminate: each benchmark is {{task: ceval|cmmlu|mmlu, "
                                  f"path: DIR}}, not {b}")
        if not 0 < self.min_coverage <= 1:
            raise RecipeError("decontaminate: min_coverage must be in (0, 1]")

    def for_sample(self) -> Decontaminate:
        """The embedded sample is checked against the shipped benchmark fixtures."""
        return dataclasses.replace(
            self, benchmarks=[{"task": b["task"], "path": "fixture"} for b in self.benchmarks])

    def preflight(self) -> None:
        for b in self.benchmarks:
            self._dir(b)

    def _dir(self, b: dict[str, str]) -> Path:
        path = bm.fixture_dir(b["task"]) if b["path"] == "fixture" else Path(b["path"])
        if not path.is_dir():
            raise RecipeError(
                f"decontaminate: {b['task']} directory {path} not found. Download the benchmark "
                f"in its official layout (Hub: {bm.get_spec(b['task']).hub_id}) and set its "
                "path in the recipe, or build with --sample to use the shipped fixtures.")
        return path

    def __call__(self, table: pl.DataFrame) -> StepResult:
        texts = table.select(pl.col("messages").list.eval(
            pl.element().struct.field("content")).list.join("\n"))["messages"].to_list()
        verdict: dict[int, tuple[Item, float]] = {}
        stats: Counter[str] = Counter()
        shinglers = {"char": Shingler(self.char_ngram, "char"),
                     "word": Shingler(self.word_ngram, "word")}
        by_kind: dict[str, list[Item]] = {"char": [], "word": []}
        for b in self.benchmarks:
            kind = "word" if b["task"] in WORD_TASKS else "char"
            try:
                items, short = load_items(b["task"], self._dir(b), self.splits, shinglers[kind])
            except bm.BenchmarkError as e:
                raise CurationError(f"decontaminate: {e}") from None
            by_kind[kind] += items
            stats[f"questions:{b['task']}"] += len(items)
            stats[f"too_short:{b['task']}"] += short
        for kind, items in by_kind.items():  # one pass over the data per shingle kind
            for row, item, share in self._matches(texts, items, shinglers[kind]):
                if row not in verdict or share > verdict[row][1]:
                    verdict[row] = (item, share)
        rows = sorted(verdict)
        mask = np.zeros(table.height, dtype=bool)
        mask[rows] = True
        hits = [verdict[r] for r in rows]
        for item, _ in hits:
            stats[f"removed:contaminated_{item.task}"] += 1
        removed = removed_rows(
            table.filter(pl.Series(mask)),
            [f"contaminated_{item.task}" for item, _ in hits],
            [f"{item.task} {item.split} {item.subject} #{item.id}: {share:.2f} of the "
             f"question covered" for item, share in hits])
        return StepResult(table.filter(pl.Series(~mask)), removed, 0, dict(sorted(stats.items())))

    def _matches(self, texts: list[str], items: list[Item], shingler: Shingler,
                 ) -> list[tuple[int, Item, float]]:
        """(row, best item, coverage) for rows covering a question enough."""
        if not items:
            return []
        n = shingler.ngram
        uniq = [np.unique(it.grams) for it in items]
        grams = np.concatenate(uniq)
        gram_item = np.concatenate([np.full(len(u), k) for k, u in enumerate(uniq)])
        order = np.argsort(grams, kind="stable")
        grams, gram_item = grams[order], gram_item[order]
        out = []
        for lo, hi in chunks(texts):  # hits are rare: keep each batch's arrays small
            h, owner = shingler.hashes(texts[lo:hi])
            pos = np.minimum(np.searchsorted(grams, h), len(grams) - 1)
            hit = grams[pos] == h
            for doc in np.unique(owner[hit]).tolist():
                present = np.unique(h[(owner == doc) & hit])
                a = np.searchsorted(grams, present)
                b = np.searchsorted(grams, present, side="right")
                counts = Counter(gram_item[np.concatenate(
                    [np.arange(x, y) for x, y in zip(a, b, strict=True)])].tolist())
                # Covering a share c of L units needs at least c * L / n matching n-grams.
                shares = [(items[k].coverage(present, n), -k) for k, m in counts.items()
                          if m * n >= self.min_coverage * items[k].length]
                if shares:
                    share, k = max(shares)
                    if share >= self.min_coverage:
                        out.append((lo + doc, items[-k], share))
        return out
