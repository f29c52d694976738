"""Make a chat a valid training conversation: user first, strict alternation,
assistant last, no empty turns, no HTML residue.

Follows the practice of FastChat's ShareGPT cleaning; what cannot be repaired
into at least one user -> assistant exchange is removed with a reason.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from curation.html import html_to_text
from curation.schema import Conversation, Message
from curation.steps import RecordStep, register
from curation.steps.base import Drop

CONTINUE = re.compile(r"^\s*(?:请?继续(?:写|说|回答)?|接着(?:写|说)|continue|go on|keep going)"
                      r"\s*[。.!！]?\s*$", re.I)


@register
@dataclass
class TurnRepair(RecordStep):
    name: ClassVar[str] = "turn_repair"
    strip_html: bool = True
    merge_continuations: bool = True

    def process(self, conv: Conversation, stats: Counter[str]) -> Conversation | Drop:
        turns: list[Message] = []
        for m in conv["messages"]:
            content = m["content"]
            if self.strip_html and m["role"] == "assistant":
                cleaned = html_to_text(content)
                if cleaned != content:
                    stats["html_stripped"] += 1
                    content = cleaned
            if not content.strip():
                stats["empty_turns_dropped"] += 1
                continue
            turns.append({"role": m["role"], "content": content})
        if self.merge_continuations:
            turns = self._merge_continuations(turns, stats)
        merged: list[Message] = []
        for t in turns:
            if merged and merged[-1]["role"] == t["role"]:
                merged[-1] = {"role": t["role"],
                              "content": merged[-1]["content"] + "\n\n" + t["content"]}
                stats["same_role_merged"] += 1
            else:
                merged.append(t)
        while merged and merged[0]["role"] != "user":
            merged.pop(0)
            stats["leading_assistant_dropped"] += 1
        if merged and merged[-1]["role"] != "assistant":
            merged.pop()
            stats["trailing_user_dropped"] += 1
        if not merged:
            roles = [m["role"] for m in conv["messages"] if m["content"].strip()]
            return Drop("unrepairable", "no user -> assistant exchange left; non-empty roles: "
                        + (", ".join(roles) or "none"))
        return {"system": conv["system"], "messages": merged}

    @staticmethod
    def _merge_continuations(turns: list[Message], stats: Counter[str]) -> list[Message]:
        """assistant, user "继续", assistant -> one assistant turn (the answer was cut)."""
        out: list[Message] = []
        i = 0
        while i < len(turns):
            t = turns[i]
            if (out and out[-1]["role"] == "assistant" and t["role"] == "user"
                    and CONTINUE.match(t["content"]) and i + 1 < len(turns)
                    and turns[i + 1]["role"] == "assistant"):
                out[-1] = {"role": "assistant",
                           "content": out[-1]["content"] + "\n" + turns[i + 1]["content"]}
                stats["continuations_merged"] += 1
                i += 2
                continue
            out.append(t)
            i += 1
        return out
