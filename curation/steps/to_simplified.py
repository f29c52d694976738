"""Traditional -> simplified Chinese with OpenCC, leaving code and URLs alone.

``t2s``/``hk2s`` change characters only; ``tw2sp`` also rewrites Taiwanese
phrasing (軟體 -> 软件, 滑鼠 -> 鼠标), which suits a mainland-simplified target.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import ClassVar

import opencc

from curation.errors import RecipeError
from curation.schema import Conversation
from curation.steps import RecordStep, register
from curation.steps.base import Drop
from curation.text import map_unprotected

CONFIGS = ("t2s", "tw2s", "tw2sp", "hk2s", "hk2sp")


@register
@dataclass
class ToSimplified(RecordStep):
    name: ClassVar[str] = "to_simplified"
    config: str = "t2s"
    _converter: opencc.OpenCC = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.config not in CONFIGS:
            raise RecipeError(f"to_simplified: config {self.config!r} not one of {CONFIGS}")
        self._converter = opencc.OpenCC(f"{self.config}.json")

    def convert(self, text: str, stats: Counter[str]) -> str:
        out = map_unprotected(text, self._converter.convert)
        if out != text:
            stats["chars_changed"] += sum(a != b for a, b in zip(text, out, strict=False))
            stats["turns_converted"] += 1
        return out

    def process(self, conv: Conversation, stats: Counter[str]) -> Conversation | Drop:
        system = self.convert(conv["system"], stats) if conv["system"] else conv["system"]
        messages = [{"role": m["role"], "content": self.convert(m["content"], stats)}
                    for m in conv["messages"]]
        return {"system": system, "messages": messages}
