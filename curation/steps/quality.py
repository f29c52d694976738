"""Rule-based quality filters for instruction data; thresholds come from the recipe.

Lengths are in characters (a Chinese word is one or two characters, not a
whitespace-separated token). Rules run in a fixed order and the first that
fires names the removal reason.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import ClassVar

from curation.schema import Conversation
from curation.steps import RecordStep, register
from curation.steps.base import Drop
from curation.text import FENCE_LINE

DEFAULT_REFUSALS = [
    r"作为一个?(?:AI|人工智能)(?:语言模型|助手|模型)?",
    r"我(?:只)?是一个?(?:AI|人工智能)(?:语言模型|助手)",
    r"(?:抱歉|对不起)，?我(?:无法|不能)(?:回答|提供|完成)",
    r"\bAs an AI(?: language model)?\b",
    r"\bI'm sorry, but I (?:cannot|can't)\b",
    r"\bI am an AI language model\b",
]
DEFAULT_PLACEHOLDERS = ["<无输入>", "<noinput>", "<no input>", "无输入", "N/A", "n/a", "<nooutput>"]


def repeated_line_fraction(text: str) -> float:
    """Share of non-empty lines that repeat an earlier line (Gopher-style)."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) < 4:
        return 0.0
    return 1 - len(set(lines)) / len(lines)


def repeated_ngram_fraction(text: str, n: int = 10) -> float:
    """Share of character n-gram positions whose n-gram occurs more than once."""
    compact = "".join(text.split())
    if len(compact) < 5 * n:
        return 0.0
    grams = [compact[i:i + n] for i in range(len(compact) - n + 1)]
    counts = Counter(grams)
    return sum(1 for g in grams if counts[g] > 1) / len(grams)


@register
@dataclass
class Quality(RecordStep):
    name: ClassVar[str] = "quality"
    min_user_chars: int = 1
    min_assistant_chars: int = 1
    max_turn_chars: int = 20000
    max_repeated_line_fraction: float = 0.5
    max_repeated_ngram_fraction: float = 0.6
    refusal_patterns: list[str] = field(default_factory=lambda: list(DEFAULT_REFUSALS))
    placeholders: list[str] = field(default_factory=lambda: list(DEFAULT_PLACEHOLDERS))
    check_code_fences: bool = True
    _refusal: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._refusal = re.compile("|".join(f"(?:{p})" for p in self.refusal_patterns), re.I)
        self._placeholders = {p.lower() for p in self.placeholders}

    def _strip_placeholder_lines(self, text: str) -> str:
        lines = text.split("\n")
        kept = [ln for ln in lines if ln.strip().lower() not in self._placeholders]
        return "\n".join(kept).strip() if len(kept) != len(lines) else text

    def judge(self, role: str, i: int, text: str) -> Drop | None:
        where = f"{role} turn {i}"
        if text.strip().lower() in self._placeholders:
            return Drop("placeholder", f"{where} is a placeholder: {text.strip()!r}")
        minimum = self.min_assistant_chars if role == "assistant" else self.min_user_chars
        if len(text.strip()) < minimum:
            return Drop("too_short", f"{where}: {len(text.strip())} chars < {minimum}")
        if len(text) > self.max_turn_chars:
            return Drop("too_long", f"{where}: {len(text)} chars > {self.max_turn_chars}")
        if role != "assistant":
            return None
        frac = repeated_line_fraction(text)
        if frac > self.max_repeated_line_fraction:
            return Drop("repeated_lines", f"{where}: {frac:.2f} of lines repeat")
        frac = repeated_ngram_fraction(text)
        if frac > self.max_repeated_ngram_fraction:
            return Drop("repeated_ngrams", f"{where}: {frac:.2f} of 10-grams repeat")
        match = self._refusal.search(text)
        if match:
            return Drop("refusal", f"{where}: {match.group(0)!r}")
        if self.check_code_fences and len(FENCE_LINE.findall(text)) % 2:
            return Drop("unbalanced_code_fence", f"{where}: odd number of ``` fences")
        return None

    def process(self, conv: Conversation, stats: Counter[str]) -> Conversation | Drop:
        messages = []
        for m in conv["messages"]:
            content = m["content"]
            if m["role"] == "user":
                content = self._strip_placeholder_lines(content)
                if content != m["content"]:
                    stats["placeholder_lines_stripped"] += 1
            messages.append({"role": m["role"], "content": content})
        for i, m in enumerate(messages):
            drop = self.judge(m["role"], i, m["content"])
            if drop:
                return drop
        return {"system": conv["system"], "messages": messages}
