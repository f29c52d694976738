"""Remove training records that contain a benchmark item (C-Eval, CMMLU, MMLU).

A record is contaminated by an item when it contains the item: its question together with
its options or its correct answer, or -- for a question long enough to be specific on its own --
the question alone; verbatim or lightly edited, options reordered or relettered, in any layout,
anywhere in a multi-turn chat. Matching common words is not enough: the evidence must reach a
minimum informative length, so generic stems ("Windows是一种", "What is your …?") never remove
a record. The tokens, n-grams and thresholds are :mod:`curation.contamination`'s.

Benchmark folders are read, in their official layouts, by :mod:`curation.benchmarks` (the
reader the scorer uses) before any data is loaded: a missing folder, one with no question,
or a file that does not parse stops the build naming the folder or file.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import polars as pl

from curation import benchmarks as bm
from curation.contamination import Evidence, Item, Items, ItemText, Rule, make_items, scan
from curation.errors import CurationError, RecipeError
from curation.steps import PhasedStep, Step, StepResult, register
from curation.steps.base import removed_rows, signal_rows, signals_json

ENGLISH_TASKS = {"mmlu"}  # tokens are words: thresholds in words, not characters
EXAMPLES_PER_SPLIT = 3
SNIPPET_CHARS = 240
SIGNAL = "contamination"  # a removed record's signal: the item, the evidence, the span


def item_text(q: bm.Question) -> str:
    """The item as one readable line: question, then its lettered options."""
    opts = " ".join(f"{letter}. {c}" for letter, c in zip(bm.LETTERS, q.choices, strict=True))
    return " ".join(f"{q.question} {opts}".split())


def snippet(text: str, start: int, end: int, limit: int = SNIPPET_CHARS) -> str:
    """The matched span, on one line, shortened in the middle past ``limit`` characters."""
    span = " ".join(text[start:end].split())
    if len(span) <= limit:
        return span
    return span[: limit // 2] + " … " + span[-limit // 2:]


@register
@dataclass
class Decontaminate(PhasedStep):
    """``benchmarks``: list of ``{task: ceval|cmmlu|mmlu, path: DIR}`` in the official
    layouts (``path: fixture`` means the project's shipped fixture). Thresholds: see
    :mod:`curation.contamination`; ``min_tokens``/``long_question`` count characters for the
    Chinese benchmarks, ``min_words``/``long_question_words`` words for MMLU."""

    name: ClassVar[str] = "decontaminate"
    benchmarks: list[dict[str, str]] = field(default_factory=list)
    splits: list[str] = field(default_factory=lambda: ["dev", "val", "test"])
    ngram: int = 5
    question_coverage: float = 0.7
    option_coverage: float = 0.7
    min_options: int = 3
    min_tokens: int = 20
    min_words: int = 15
    long_question: int = 40
    long_question_words: int = 25
    long_question_coverage: float = 0.9
    max_items_per_gram: int = 20
    _loaded: dict[str, list[bm.BenchmarkItem]] = field(default_factory=dict, init=False,
                                                       repr=False, compare=False)
    _built: tuple[list[bm.BenchmarkItem], Items, np.ndarray] | None = field(
        default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.benchmarks:
            raise RecipeError("decontaminate: list at least one benchmark {task, path}")
        for b in self.benchmarks:
            if set(b) != {"task", "path"} or b["task"] not in ("ceval", "cmmlu", "mmlu"):
                raise RecipeError(f"decontaminate: each benchmark is {{task: ceval|cmmlu|mmlu, "
                                  f"path: DIR}}, not {b}")
        for name in ("question_coverage", "option_coverage", "long_question_coverage"):
            if not 0 < getattr(self, name) <= 1:
                raise RecipeError(f"decontaminate: {name} must be in (0, 1]")
        if self.ngram < 2 or not 0 <= self.min_options <= 4:
            raise RecipeError("decontaminate: ngram must be >= 2 and min_options 0-4")

    def rules(self) -> dict[str, Rule]:
        zh = Rule(self.ngram, self.question_coverage, self.option_coverage, self.min_options,
                  self.min_tokens, self.long_question, self.long_question_coverage)
        en = dataclasses.replace(zh, min_tokens=self.min_words,
                                 long_question=self.long_question_words)
        return {b["task"]: en if b["task"] in ENGLISH_TASKS else zh for b in self.benchmarks}

    def for_sample(self) -> Decontaminate:
        """The embedded sample is checked against the shipped benchmark fixtures."""
        return dataclasses.replace(
            self, benchmarks=[{"task": b["task"], "path": "fixture"} for b in self.benchmarks])

    def preflight(self) -> None:
        """Read every benchmark now: a bad folder fails before any data is loaded, and
        all bad folders are reported together."""
        problems: list[CurationError] = []
        for b in self.benchmarks:
            try:
                self._items(b)
            except CurationError as e:
                problems.append(e)
        if len(problems) == 1:
            raise problems[0]
        if problems:
            raise RecipeError("\n- ".join(str(e) for e in problems))

    def _dir(self, b: dict[str, str]) -> Path:
        path = bm.fixture_dir(b["task"]) if b["path"] == "fixture" else Path(b["path"])
        if not path.is_dir():
            raise RecipeError(
                f"decontaminate: {b['task']} directory {path} not found. Download the benchmark "
                f"in its official layout (Hub: {bm.get_spec(b['task']).hub_id}) and set its "
                "path in the recipe, or build with --sample to use the shipped fixtures.")
        return path

    def _items(self, b: dict[str, str]) -> list[bm.BenchmarkItem]:
        key = f"{b['task']}:{b['path']}"
        if key not in self._loaded:
            try:
                self._loaded[key] = bm.read_benchmark(b["task"], self._dir(b), self.splits)
            except bm.BenchmarkError as e:
                raise CurationError(f"decontaminate: {e}") from None
        return self._loaded[key]

    def _index(self) -> tuple[list[bm.BenchmarkItem], Items, np.ndarray]:
        """The benchmark items, their n-gram index and which are long enough to check;
        built once."""
        if self._built is None:
            sources = [q for b in self.benchmarks for q in self._items(b)]
            items = make_items([ItemText(s.task, s.split, s.subject, s.question.id,
                                         s.question.question, s.question.choices,
                                         s.question.answer) for s in sources], self.ngram)
            self._built = sources, items, items.checkable(self.rules())
        return self._built

    def record_phase(self) -> Step:
        """The scan, with the index built here (in the driver): it travels to the workers
        with the step, so they never read the benchmark files nor build it again."""
        self._index()
        return _Scan(self)

    def finish(self, partial: StepResult) -> StepResult:
        """Stats over every match (items found counts each item once, however many
        batches found it), from the matches the scan left in the signals."""
        sources, items, checked = self._index()
        matches = [json.loads(s)[SIGNAL] for s in partial.signals["signals"]]
        return dataclasses.replace(partial, stats=self._stats(items, sources, checked, matches))

    @staticmethod
    def _detail(item: Item, source: bm.BenchmarkItem, ev: Evidence, text: str) -> str:
        return (f"{item.task} {item.split} {item.subject} #{item.id} — {ev.describe()} — "
                f"record chars {ev.char_start}-{ev.char_end}: "
                f"“{snippet(text, ev.char_start, ev.char_end)}” — item: "
                f"“{snippet(item_text(source.question), 0, 10**9)}”")

    def _stats(self, items: Items, sources: list[bm.BenchmarkItem], checked: np.ndarray,
               matches: list[dict[str, Any]]) -> dict[str, Any]:
        """Flat counters, plus the card's per-benchmark/split table and examples under
        ``contamination`` (the build moves it to the manifest's own key). ``matches``: the
        scan's signal per removed record, in table order."""
        stats: Counter[str] = Counter()
        per: dict[tuple[str, str], dict[str, Any]] = {}
        for src, ok in zip(sources, checked.tolist(), strict=True):
            row = per.setdefault((src.task, src.split), {
                "task": src.task, "split": src.split, "questions": 0, "checked": 0,
                "too_short": 0, "records_removed": 0, "items_found": 0})
            row["questions"] += 1
            row["checked"] += ok
        for row in per.values():
            row["too_short"] = row["questions"] - row["checked"]
        for k in {m["item"] for m in matches}:
            per[(items[k].task, items[k].split)]["items_found"] += 1
        examples: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for m in matches:
            it = items[m["item"]]
            per[(it.task, it.split)]["records_removed"] += 1
            stats[f"removed:contaminated_{it.task}"] += 1
            stats[f"evidence:{m['path']}"] += 1
            ex = examples.setdefault((it.task, it.split), [])
            if len(ex) < EXAMPLES_PER_SPLIT:
                ex.append({"task": it.task, "split": it.split, "subject": it.subject,
                           "id": it.id, "evidence": m["evidence"], "record": m["record"],
                           "item": snippet(item_text(sources[m["item"]].question), 0, 10**9)})
        for (task, _split), row in per.items():
            stats[f"questions:{task}"] += row["checked"]
            stats[f"too_short:{task}"] += row["too_short"]
        table = [per[k] for k in sorted(per)]
        return dict(sorted(stats.items())) | {"contamination": {
            "benchmarks": table,
            "examples": [e for k in sorted(examples) for e in examples[k]],
            "rule": {"ngram": self.ngram, "question_coverage": self.question_coverage,
                     "min_options": self.min_options, "min_tokens": self.min_tokens,
                     "min_words": self.min_words, "long_question": self.long_question,
                     "long_question_words": self.long_question_words}}}


@dataclass
class _Scan(Step):
    """decontaminate's record phase: each record scanned on its own against the index;
    a match is removed, with the evidence in its detail and in its signal."""

    name: ClassVar[str] = "decontaminate"
    per_record: ClassVar[bool] = True
    step: Decontaminate

    def __call__(self, table: pl.DataFrame) -> StepResult:
        sources, items, checked = self.step._index()
        texts = table.select(pl.col("messages").list.eval(
            pl.element().struct.field("content")).list.join("\n"))["messages"].to_list()
        verdict = scan(texts, items, self.step.rules(), np.flatnonzero(checked),
                       self.step.max_items_per_gram)
        rows = sorted(verdict)
        mask = np.zeros(table.height, dtype=bool)
        mask[rows] = True
        removed = removed_rows(
            table.filter(pl.Series(mask)),
            [f"contaminated_{items[verdict[r][0]].task}" for r in rows],
            [self.step._detail(items[k], sources[k], ev, texts[r])
             for r in rows for k, ev in [verdict[r]]])
        signals = signal_rows(table, rows, [signals_json({SIGNAL: {
            "item": k, "path": ev.path, "evidence": ev.describe(),
            "record": snippet(texts[r], ev.char_start, ev.char_end)}})
            for r in rows for k, ev in [verdict[r]]])
        return StepResult(table.filter(pl.Series(~mask)), removed, 0, signals=signals)


def contamination_report(reports: list[Any]) -> list[dict[str, Any]]:
    """The ``contamination`` part of each decontaminate step's stats, taken out of the step
    report for the manifest's own key (one entry per decontaminate step)."""
    return [{"step": r.name, **r.stats.pop("contamination")} for r in reports
            if r.step == Decontaminate.name and "contamination" in r.stats]
