"""Make a chat a valid training conversation: user first, strict alternation,
assistant last, no empty turns, no HTML residue, within a token budget.

Follows FastChat's ShareGPT cleaning (clean_sharegpt.py / split_long_conversation.py):
HTML -> markdown, share-page noise removed, role names normalized, leading
non-user and trailing user turns dropped. Where FastChat drops a conversation
that does not alternate, this repairs it: "继续"/"continue" turns are merged into
the answer they continue, consecutive same-role turns are merged, and a question
whose answer is empty goes with it. A conversation over the budget keeps its
first exchanges that fit (one output row per input row: the build's conservation
invariant), recorded as a trim with what was cut; what cannot be repaired into at least one
user -> assistant exchange within budget is removed with a reason.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from curation.html import html_to_text, strip_share_noise
from curation.schema import TOOL_ROLES, Conversation, Message, turn_order_problem
from curation.steps import RecordStep, register
from curation.steps.base import Drop, Trim, Verdict
from curation.text import TOKENS_PER, estimate_tokens

CONTINUE = re.compile(
    r"^\s*(?:(?:请|麻烦|你)?(?:继续|接着)(?:写|说|回答|输出|生成|讲|完成|下去)?(?:吧|下去)?"
    r"|(?:please\s+)?(?:continue|go on|keep going)(?:\s+(?:writing|please|from where you left"
    r"(?: off)?))?(?:\s+please)?)\s*[。.!！~～]*\s*$", re.I)
ROLE_ALIASES = {"user": "user", "human": "user", "prompter": "user", "assistant": "assistant",
                "gpt": "assistant", "chatgpt": "assistant", "bard": "assistant", "bing":
                "assistant", "model": "assistant", "bot": "assistant"}
# Mistral v1 template: "[INST] " + " [/INST]" + </s> per exchange, <s> once.
TURN_OVERHEAD_TOKENS = 9
BOS_TOKENS = 1
# The most estimate_tokens gives a character (hangul's rate; see curation.text.TOKENS_PER).
MAX_TOKENS_PER_CHAR = max(TOKENS_PER.values())


@register
@dataclass
class TurnRepair(RecordStep):
    """``max_tokens`` is the per-conversation budget (0: none), estimated from
    characters (curation.text.estimate_tokens, Mixtral's tokenizer)."""

    name: ClassVar[str] = "turn_repair"
    strip_html: bool = True
    merge_continuations: bool = True
    max_tokens: int = 0

    def _clean(self, conv: Conversation, stats: Counter[str]) -> list[Message | None] | Drop:
        """Normalized roles, cleaned contents; None marks an empty answer (a gap)."""
        turns: list[Message | None] = []
        for i, m in enumerate(conv["messages"]):
            if m["role"] in TOOL_ROLES:  # JSON payloads: carried as they are
                turns.append({"role": m["role"], "content": m["content"]})
                continue
            role = ROLE_ALIASES.get(m["role"].strip().lower())
            if role is None:
                return Drop("unknown_role", f"turn {i} has role {m['role']!r}")
            if role != m["role"]:
                stats["roles_renamed"] += 1
            content = strip_share_noise(m["content"])
            if content != m["content"]:
                stats["share_noise_stripped"] += 1
            if self.strip_html:
                cleaned = html_to_text(content)
                if cleaned != content:
                    stats["html_converted"] += 1
                    content = cleaned
            if not content.strip():
                stats["empty_turns_dropped"] += 1
                if role == "assistant":
                    turns.append(None)
                continue
            turns.append({"role": role, "content": content})
        return turns

    def process(self, conv: Conversation, stats: Counter[str]) -> Verdict:
        cleaned = self._clean(conv, stats)
        if isinstance(cleaned, Drop):
            return cleaned
        turns = cleaned
        if self.merge_continuations:
            turns = self._merge_continuations(turns, stats)
        merged: list[Message] = []
        gap = False
        for t in turns:
            if t is None:
                gap = True
                continue
            if merged and merged[-1]["role"] == t["role"] and t["role"] not in TOOL_ROLES:
                if gap and t["role"] == "user":
                    merged[-1] = t  # the earlier question got an empty answer
                    stats["unanswered_dropped"] += 1
                else:
                    merged[-1] = {"role": t["role"],
                                  "content": merged[-1]["content"] + "\n\n" + t["content"]}
                    stats["same_role_merged"] += 1
            else:
                merged.append(t)
            gap = False
        while merged and merged[0]["role"] != "user":
            merged.pop(0)
            stats["leading_assistant_dropped"] += 1
        while merged and merged[-1]["role"] != "assistant":  # a user turn, or a dangling tool call
            merged.pop()
            stats["trailing_user_dropped"] += 1
        if not merged:
            roles = [m["role"] for m in conv["messages"] if m["content"].strip()]
            return Drop("unrepairable", "no user -> assistant exchange left; non-empty roles: "
                        + (", ".join(roles) or "none"))
        problem = turn_order_problem(merged)
        if problem:  # tool turns out of order (real chats alternate once repaired)
            return Drop("tool_turn_order", problem)
        repaired: Conversation = {"system": conv["system"], "messages": merged}
        if self.max_tokens:
            fitted = self._fit_budget(conv["system"], merged, stats)
            if isinstance(fitted, Drop):
                return fitted
            if len(fitted) < len(merged):
                return Trim({"system": conv["system"], "messages": fitted}, "over_budget",
                            f"kept the first {len(fitted) // 2} of {len(merged) // 2} exchanges "
                            f"within {self.max_tokens} tokens", full=repaired)
        return repaired

    def _fit_budget(self, system: str | None, turns: list[Message],
                    stats: Counter[str]) -> list[Message] | Drop:
        """The longest prefix of whole exchanges within ``max_tokens``."""
        # No text costs more than MAX_TOKENS_PER_CHAR tokens a character: a conversation
        # whose bound fits needs no estimate (most of them).
        bound = (BOS_TOKENS + 1 + MAX_TOKENS_PER_CHAR * len(system or "")
                 + sum(MAX_TOKENS_PER_CHAR * len(t["content"]) + 1 for t in turns)
                 + TURN_OVERHEAD_TOKENS * len(turns))
        if bound <= self.max_tokens:
            return turns
        used = BOS_TOKENS + estimate_tokens(system or "")
        for k in range(0, len(turns), 2):
            used += (estimate_tokens(turns[k]["content"]) + estimate_tokens(turns[k + 1]["content"])
                     + TURN_OVERHEAD_TOKENS)
            if used > self.max_tokens:
                while k and turns[k - 1]["role"] != "assistant":  # not between call and result
                    k -= 2
                if k == 0:
                    return Drop("over_budget", f"first exchange ~{used} tokens > {self.max_tokens}")
                stats["conversations_cut"] += 1
                stats["exchanges_cut"] += (len(turns) - k) // 2
                return turns[:k]
        return turns

    @staticmethod
    def _merge_continuations(turns: list[Message | None],
                             stats: Counter[str]) -> list[Message | None]:
        """assistant, user "继续", assistant -> one assistant turn (the answer was cut)."""
        out: list[Message | None] = []
        i = 0
        while i < len(turns):
            t = turns[i]
            nxt = turns[i + 1] if i + 1 < len(turns) else None
            prev = out[-1] if out else None
            if (t is not None and prev is not None and prev["role"] == "assistant"
                    and t["role"] == "user" and CONTINUE.match(t["content"])
                    and nxt is not None and nxt["role"] == "assistant"):
                out[-1] = {"role": "assistant", "content": prev["content"] + "\n" + nxt["content"]}
                stats["continuations_merged"] += 1
                i += 2
                continue
            out.append(t)
            i += 1
        return out
