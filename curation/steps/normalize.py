"""Whitespace and Unicode clean-up that keeps Chinese full-width punctuation.

NFKC would turn ，。！？：；（） into ASCII and change the text's register, so
this uses NFC and folds only full-width ASCII letters and digits (Ａ１ -> A1).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from curation.schema import TEXT_ROLES, Conversation
from curation.steps import RecordStep, register
from curation.steps.base import Drop

# C0/C1 controls except \t and \n, zero-width characters, BOM, soft hyphen.
INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u00ad]")
FULLWIDTH_ALNUM_RE = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f]")
TRAILING_SPACE = re.compile(r"[ \t]+$", re.M)


@register
@dataclass
class Normalize(RecordStep):
    name: ClassVar[str] = "normalize"
    fullwidth_alnum: bool = True
    max_blank_lines: int = 2

    def clean(self, text: str) -> str:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = INVISIBLE.sub("", text)
        text = ODD_SPACES.sub(" ", text)
        text = unicodedata.normalize("NFC", text)
        if self.fullwidth_alnum:  # str.translate is slow on long CJK text; touch matches only
            text = FULLWIDTH_ALNUM_RE.sub(
                lambda m: "".join(chr(ord(c) - 0xFEE0) for c in m.group()), text)
        text = TRAILING_SPACE.sub("", text)
        limit = self.max_blank_lines + 1
        text = re.sub(rf"\n{{{limit + 1},}}", "\n" * limit, text)
        return text.strip()

    def process(self, conv: Conversation, stats: Counter[str]) -> Conversation | Drop:
        system = self.clean(conv["system"]) if conv["system"] else conv["system"]
        messages = [{"role": m["role"], "content": self.clean(m["content"])
                     if m["role"] in TEXT_ROLES else m["content"]} for m in conv["messages"]]
        return {"system": system or None, "messages": messages}
