"""Text helpers shared by steps: protected spans (code, URLs) and script counts."""

from __future__ import annotations

import re
from collections.abc import Callable

# Fenced code blocks (``` or ~~~, closed or running to the end), inline code, URLs.
PROTECTED = re.compile(
    r"(```.*?(?:```|\Z)|~~~.*?(?:~~~|\Z)|`[^`\n]+`|https?://[^\s)）\]>\"']+)", re.S
)
FENCE_LINE = re.compile(r"^\s*(```|~~~)", re.M)

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
LATIN = re.compile(r"[A-Za-z]")


def map_unprotected(text: str, fn: Callable[[str], str]) -> str:
    """Apply ``fn`` to the prose only, leaving code and URLs byte-identical."""
    parts = PROTECTED.split(text)
    # split() with one group: even indices are prose, odd are protected spans.
    return "".join(fn(p) if i % 2 == 0 else p for i, p in enumerate(parts))


def strip_protected(text: str) -> str:
    """The prose without code and URLs (what a language judgement should see)."""
    return PROTECTED.sub(" ", text)


def script_counts(text: str) -> dict[str, int]:
    return {
        "han": len(HAN.findall(text)),
        "kana": len(KANA.findall(text)),
        "hangul": len(HANGUL.findall(text)),
        "latin": len(LATIN.findall(text)),
    }
