"""Keep conversations whose turns are in the languages the recipe allows per role,
optionally with a capped share of other languages (e.g. English answers to
translation prompts: some are useful, a flood is not)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar

import polars as pl

from curation.errors import RecipeError
from curation.langid import UNDETERMINED, detect
from curation.schema import ROLES, TEXT_ROLES, Conversation, conversations
from curation.steps import RecordStep, register
from curation.steps.base import Drop, StepResult

Verdict = tuple[list[tuple[str, str]], "Drop | str | None"]  # (role, lang) per turn; decision


@register
@dataclass
class LanguageId(RecordStep):
    """``allow`` maps a role to its allowed languages (e.g. ``assistant: [zh]``);
    a role not listed is unconstrained. Every turn of a listed role must pass.

    ``max_share`` (e.g. ``{en: 0.05}``) also admits turns in those languages, but
    conversations using them make up at most that share of the step's output; which
    ones stay is decided by content id (a stable pseudo-random order, not file order).
    """

    name: ClassVar[str] = "language_id"
    allow: dict[str, list[str]] = field(default_factory=lambda: {"assistant": ["zh"]})
    max_share: dict[str, float] = field(default_factory=dict)
    min_chars: int = 20
    allow_undetermined: bool = True
    _plan: Iterator[Verdict] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        unknown = set(self.allow) - set(ROLES)
        if unknown:
            raise RecipeError(f"language_id: unknown roles {sorted(unknown)}; use {ROLES}")
        if any(not 0 <= v < 1 for v in self.max_share.values()) or sum(
                self.max_share.values()) >= 1:
            raise RecipeError("language_id: max_share values must be in [0, 1) and sum below 1")

    def judge(self, conv: Conversation) -> Verdict:
        """Languages of the turns and the verdict: None (keep), a Drop, or the capped
        language the conversation uses."""
        langs = [(m["role"], detect(m["content"], min_chars=self.min_chars))
                 for m in conv["messages"] if m["role"] in TEXT_ROLES]  # not tool JSON
        capped = None
        for i, (role, lang) in enumerate(langs):
            allowed = self.allow.get(role)
            if allowed is None or lang in allowed:
                continue
            if lang == UNDETERMINED and self.allow_undetermined:
                continue
            if lang in self.max_share:
                capped = capped or lang
                continue
            return langs, Drop(f"language_{lang}",
                               f"{role} turn {i} is {lang}; allowed: {', '.join(allowed)}")
        return langs, capped

    def __call__(self, table: pl.DataFrame) -> StepResult:
        if not self.max_share:
            return super().__call__(table)
        plan = [self.judge(c) for c in conversations(table)]
        ids = table["id"].to_list()
        plain = sum(1 for _, v in plan if v is None)
        share = sum(self.max_share.values())
        quota = {lang: math.floor(p * plain / (1 - share)) for lang, p in self.max_share.items()}
        for lang in quota:
            candidates = sorted((ids[i], i) for i, (_, v) in enumerate(plan) if v == lang)
            keep = {i for _, i in candidates[:quota[lang]]}
            for _, i in candidates:
                langs = plan[i][0]
                plan[i] = (langs, None if i in keep else Drop(
                    f"language_{lang}_over_cap",
                    f"uses {lang}; {lang} capped at {self.max_share[lang]:.0%} of the output"))
        self._plan = iter(plan)
        try:
            return super().__call__(table)
        finally:
            self._plan = None

    def process(self, conv: Conversation, stats: Counter[str]) -> Conversation | Drop:
        # With a cap, __call__ has judged every conversation already (in table order).
        langs, verdict = next(self._plan) if self._plan is not None else self.judge(conv)
        for role, lang in langs:
            stats[f"lang_in:{role}:{lang}"] += 1
        if isinstance(verdict, Drop):
            return verdict
        for role, lang in langs:
            stats[f"lang_out:{role}:{lang}"] += 1
        return conv
