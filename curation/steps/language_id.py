"""Keep conversations whose turns are in the languages the recipe allows per role."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import ClassVar

from curation.errors import RecipeError
from curation.langid import UNDETERMINED, detect
from curation.schema import ROLES, Conversation
from curation.steps import RecordStep, register
from curation.steps.base import Drop


@register
@dataclass
class LanguageId(RecordStep):
    """``allow`` maps a role to its allowed languages (e.g. ``assistant: [zh]``);
    a role not listed is unconstrained. Every turn of a listed role must pass."""

    name: ClassVar[str] = "language_id"
    allow: dict[str, list[str]] = field(default_factory=lambda: {"assistant": ["zh"]})
    min_chars: int = 20
    allow_undetermined: bool = True

    def __post_init__(self) -> None:
        unknown = set(self.allow) - set(ROLES)
        if unknown:
            raise RecipeError(f"language_id: unknown roles {sorted(unknown)}; use {ROLES}")

    def process(self, conv: Conversation, stats: Counter[str]) -> Conversation | Drop:
        for i, m in enumerate(conv["messages"]):
            lang = detect(m["content"], min_chars=self.min_chars)
            stats[f"lang:{m['role']}:{lang}"] += 1
            allowed = self.allow.get(m["role"])
            if allowed is None or lang in allowed:
                continue
            if lang == UNDETERMINED and self.allow_undetermined:
                continue
            return Drop(f"language_{lang}",
                        f"{m['role']} turn {i} is {lang}; allowed: {', '.join(allowed)}")
        return conv
