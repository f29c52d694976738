"""Rule-based quality filters for Chinese instruction data; thresholds come from the
recipe and were calibrated on bench/labeled/quality.jsonl (``bench/quality.py --sweep``).

Rules, in the order they are tried (the first that fires names the reason):
placeholder, too_short, too_long, mojibake (any turn); repeated_lines,
repeated_ngrams, refusal, ai_disclaimer, unbalanced_code_fence (answers);
truncated (the last answer); restates_question (each exchange). Lengths are
content characters (letters, digits, Han characters; no spaces or punctuation): a
Chinese word is one or two characters, not a whitespace token. Placeholder input
lines ("<无输入>") are stripped from prompts rather than dropping the record.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import ClassVar

import numpy as np

from curation.schema import TEXT_ROLES, Conversation
from curation.steps import RecordStep, register
from curation.steps.base import Drop
from curation.text import FENCE_LINE, JP, TRAD, TRADZ, script_table, scripts

# Searched in the first ``refusal_window`` characters of an answer: a refusal opens it.
DEFAULT_REFUSALS = [
    r"(?:抱歉|对不起|很遗憾|不好意思)[，,！!。\s]*(?:但是?|可是)?[，,]?\s*(?:作为[^，,。]{1,12}[，,])?"
    r"我(?:目前|暂时|并)?(?:无法|不能|没有办法|没办法|不可以|不会|不被允许)",
    r"^我(?:无法|不能|没有办法)(?:回答|提供|完成|满足|执行|协助|帮助|帮你|为你|访问|浏览|查看|打开|理解)",
    r"我(?:无法|不能)(?:对此|就此)?(?:回答|发表|提供|给出)(?:个人|任何)?(?:看法|意见|观点|评论)",
    r"我(?:无法|不能)(?:访问|浏览|打开|查看)(?:互联网|网络|网页|链接|网站|外部|实时|你提供的|该)",
    r"\bI(?:'m| am) sorry,? but (?:I|as an AI)",
    r"\bI (?:cannot|can't|am unable to|am not able to) (?:assist|help|provide|fulfill|comply"
    r"|browse|access|answer|do that|generate|create|complete)",
    r"^(?:Sorry|Unfortunately),? I (?:cannot|can't|am unable)",
]
# Searched anywhere: AI self-description boilerplate (FastChat drops these too).
DEFAULT_DISCLAIMERS = [
    r"作为一?[个名款]?(?:AI|人工智能|大型|大|虚拟|智能)?(?:语言模型|AI助手|人工智能助手|智能助手|虚拟助手"
    r"|聊天机器人|AI模型|人工智能模型)",
    r"作为一?[个名款]?(?:AI|人工智能)[，,]",
    r"我(?:只)?是一?[个款]?(?:AI|人工智能|计算机程序|机器人)(?:语言模型|助手|模型|程序)?[，,。！]",
    r"我是一?[个款]?(?:AI|人工智能|大型)?语言模型",
    r"我是(?:一个|一款)?(?:由|被)\s?OpenAI\s?(?:开发|训练|创建|设计)",
    r"我是\s?ChatGPT",
    r"我没有(?:个人|自己的)(?:观点|意见|情感|感情|偏好|信仰|看法|喜好|经历|经验)",
    r"我的(?:知识|训练数据)(?:截止|截至|更新)",
    r"截[止至]到?我的(?:知识|训练)",
    r"\bAs an? (?:AI|artificial intelligence|language model|large language model|AI language"
    r" model|AI assistant)\b",
    r"\bI(?:'m| am) (?:just )?an? (?:AI|artificial intelligence|language model|AI language model)"
    r"\b",
    r"\bI(?:'m| am)\b[^.\n]{0,60}\b(?:trained|developed|created) by OpenAI\b",
    r"\bI (?:don't|do not) have (?:personal )?(?:opinions|feelings|emotions|beliefs|preferences"
    r"|personal experiences)\b",
    r"\b(?:my|the) (?:knowledge|training(?: data)?) cut-?off\b",
]
DEFAULT_PLACEHOLDERS = ["<无输入>", "<noinput>", "<no input>", "无输入", "<无>", "<空>", "N/A",
                        "n/a", "<nooutput>", "<no output>", "<无输出>", "nan", "null", "<input>",
                        "<输入>"]

NON_CONTENT = re.compile(r"[\W_]+")
# Text mangled by a wrong decoding: U+FFFD, UTF-8 read as Latin-1/cp1252 (ä¸­, â€™),
# UTF-8 read as GBK (锛, 銆, 鐨 …), and the classic 锟斤拷 / 烫烫烫.
MOJIBAKE = re.compile(
    r"\ufffd|锟斤拷|烫烫烫|屯屯屯|[ÃÂâäåæçèéêëìíîïðòóôõöùúûü][\u0080-\u00bf\u0152\u0153\u0160\u0161"
    r"\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
    r"\u2039\u203a\u20ac\u2122]|[锛銆鐨鏄犲彂鍦嶆緥鍚鎴鈥锟鍙嬮]")
# A sentence cannot end on these: the answer was cut.
DANGLING_END = re.compile(r"(?:[，,、：:；;（(《“‘]|因为|但是|如果|所以|而且|并且|以及|例如|比如"
                          r"|其中|是否)$")
# Prose that stops on a letter, digit or Han character (not on punctuation or emoji).
OPEN_END = re.compile(r"\w$")
STRUCTURED_LINE = re.compile(r"^\s*(?:[-*+•]|\d+[.、)）]|[一二三四五六七八九十]+[、.]|#|\||>)")


# Cantonese characters outside GB2312 level 1 that are not mojibake.
_CANTONESE = "嘅咗喺冇啲嚟佢睇乜嘢咁俾畀噉嗰哋啱搵攞冚嬲瞓"


@cache
def _rare_table() -> np.ndarray:
    """UTF-16 unit -> 1 for a Han character outside GB2312 level 1 (the 3,755 common
    ones), not traditional-only and not Cantonese: rare in real text, but most of what
    UTF-8 read as GBK turns into (鍏夊悎浣滅敤)."""
    lut = np.zeros(0x10000, dtype=np.uint8)
    classes = script_table()
    for c in range(0x4E00, 0xA000):
        ch = chr(c)
        try:
            b = ch.encode("gb2312")
            common = 0xB0 <= b[0] <= 0xD7
        except UnicodeEncodeError:
            common = False
        if not common and classes[c] not in (TRAD, TRADZ, JP) and ch not in _CANTONESE:
            lut[c] = 1
    return lut


def mojibake_hits(text: str, rare_share: float) -> list[str]:
    """Mis-decoded sequences; a turn whose Han characters are mostly rare ones (UTF-8
    read as GBK) counts as many hits as it has rare characters."""
    hits = MOJIBAKE.findall(text)
    if not hits:  # GBK-read UTF-8 of Chinese prose shows 锛 (，) or 銆 (。) among others
        return hits
    s = scripts(text)
    if s.han >= 8 and not s.kana:
        units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
        rare = int(_rare_table().take(units).sum())
        if rare >= rare_share * s.han:
            hits += [f"{rare} of {s.han} Han characters rare (UTF-8 read as GBK?)"] * rare
    return hits


_FIRST_LITERAL = re.compile(r"[\^(?:]*(.?)")
LATIN_LETTER = re.compile(r"[A-Za-z]")
Patterns = tuple[tuple[re.Pattern[str], bool], ...]  # (alternation, needs a Latin letter)


def _compile(patterns: list[str]) -> Patterns:
    """Patterns that open with a CJK character and the rest as two alternations: one
    alternation mixing both loses the regex engine's first-character skip (2.5x
    slower), and the Latin one is skipped for text without Latin letters."""
    def cjk(p: str) -> bool:
        m = _FIRST_LITERAL.match(p)
        return bool(m and m.group(1) and ord(m.group(1)) > 0x2E80)

    groups = ([p for p in patterns if cjk(p)], False), ([p for p in patterns if not cjk(p)], True)
    return tuple((re.compile("|".join(f"(?:{p})" for p in g), re.I | re.M), latin)
                 for g, latin in groups if g)


def search(patterns: Patterns, text: str, end: int | None = None) -> re.Match[str] | None:
    """First match of the pattern groups in ``text[:end]``."""
    end = len(text) if end is None else end
    has_latin: bool | None = None
    for rx, latin in patterns:
        if latin:
            if has_latin is None:
                has_latin = bool(LATIN_LETTER.search(text, 0, end))
            if not has_latin:
                continue
        m = rx.search(text, 0, end)
        if m:
            return m
    return None


def quoted(text: str, pos: int) -> bool:
    """Is ``pos`` inside a quotation on its line (a character's line in a story)?"""
    before = text[text.rfind("\n", 0, pos) + 1:pos]
    return (before.count("“") > before.count("”") or before.count("「") > before.count("」")
            or before.count('"') % 2 == 1)


def content_len(text: str) -> int:
    """Characters that carry content: no whitespace or punctuation."""
    return len(NON_CONTENT.sub("", text))


def repeated_line_fraction(text: str) -> float:
    """Share of non-empty lines that repeat an earlier line (Gopher-style)."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) < 4:
        return 0.0
    return 1 - len(set(lines)) / len(lines)


def sampled_ngram_fraction(compact: str, n: int, k: int = 24) -> float:
    """The share estimated from ``k`` evenly spaced positions (two substring searches
    each): a cheap gate before the exact count."""
    m = len(compact) - n + 1
    hits = 0
    for j in range(k):
        i = j * m // k
        g = compact[i:i + n]
        hits += compact.find(g) != i or compact.find(g, i + 1) != -1
    return hits / k


def repeated_ngram_fraction(text: str, n: int = 10, gate: float = 0.0) -> float:
    """Share of character n-gram positions whose n-gram occurs more than once
    (vectorized: a rolling polynomial hash per position, then one sort). With
    ``gate``, text whose sampled share is below it returns the sample instead."""
    compact = "".join(text.split())
    if len(compact) < 5 * n:
        return 0.0
    if gate:
        sampled = sampled_ngram_fraction(compact, n)
        if sampled < gate:
            return sampled
    units = np.frombuffer(compact.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    units = units.astype(np.uint64)
    m = len(units) - n + 1
    h = np.zeros(m, dtype=np.uint64)
    base = np.uint64(1_000_003)
    for k in range(n):
        h = h * base + units[k:k + m]
    _, inverse, counts = np.unique(h, return_inverse=True, return_counts=True)
    return float((counts[inverse] > 1).mean())


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def restates(question: str, answer: str, *, max_ratio: float, min_overlap: float) -> bool:
    """The answer is (nearly) the question again: almost all its character bigrams
    come from the question, it repeats most of the instruction line, and it is not
    longer than ``max_ratio`` times the question. Rewrites of an input ("改正这个句子：…")
    do not repeat the instruction, so they pass."""
    if len(answer) > 2 * max_ratio * len(question) + 20:
        return False  # far longer than the question (checked before any copying)
    a = NON_CONTENT.sub("", answer).lower()
    if len(a) < 4:
        return False
    q = NON_CONTENT.sub("", question).lower()
    if len(a) > max_ratio * len(q):
        return False
    qa, aa = _bigrams(q), _bigrams(a)
    if len(aa & qa) < min_overlap * len(aa):
        return False
    first = NON_CONTENT.sub("", question.strip().split("\n", 1)[0]).lower()
    instruction = _bigrams(first)
    return bool(instruction) and len(instruction & aa) >= min_overlap * len(instruction)


URL_END = re.compile(r"(?:https?://|ftp://|www\.)\S+$")


def truncated(text: str, min_chars: int, min_line_chars: int) -> str | None:
    """Why the answer looks cut off, or None: it ends on a comma, colon or
    connective, or its last line is long prose without closing punctuation.
    Answers ending with code, a URL or inline code are left to other rules."""
    if len(text) < min_chars:
        return None
    body = text.rstrip()
    if body.endswith(("```", "~~~")):
        return None
    last = body[body.rfind("\n") + 1:].strip()
    tail = last[-300:]  # the end is what matters; never scan a whole one-line answer
    if "`" in tail or URL_END.search(tail):
        return None
    if DANGLING_END.search(tail[-8:]):
        return f"ends with {last[-6:]!r}"
    if len(last) >= min_line_chars and OPEN_END.search(tail[-1:]) and not STRUCTURED_LINE.match(
            last):
        return f"last line ({len(last)} chars) has no closing punctuation: …{last[-12:]!r}"
    return None


@register
@dataclass
class Quality(RecordStep):
    """Drop records an instruction-data reviewer would reject (see module doc)."""

    name: ClassVar[str] = "quality"
    min_user_chars: int = 1
    min_assistant_chars: int = 1
    max_turn_chars: int = 20000
    max_repeated_line_fraction: float = 0.5
    max_repeated_ngram_fraction: float = 0.6
    ngram: int = 10
    mojibake_min_hits: int = 3
    mojibake_rare_share: float = 0.4
    refusal_patterns: list[str] = field(default_factory=lambda: list(DEFAULT_REFUSALS))
    refusal_window: int = 200
    disclaimer_patterns: list[str] = field(default_factory=lambda: list(DEFAULT_DISCLAIMERS))
    placeholders: list[str] = field(default_factory=lambda: list(DEFAULT_PLACEHOLDERS))
    check_code_fences: bool = True
    truncated_min_chars: int = 20
    truncated_min_line_chars: int = 50
    restate_max_ratio: float = 1.3
    restate_min_overlap: float = 0.7
    _refusal: Patterns = field(init=False, repr=False, compare=False)
    _disclaimer: Patterns = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._refusal = _compile(self.refusal_patterns)
        self._disclaimer = _compile(self.disclaimer_patterns)
        self._placeholders = {p.lower() for p in self.placeholders}
        self._placeholder_len = max((len(p) for p in self.placeholders), default=0) + 8

    def _strip_placeholder_lines(self, text: str) -> str:
        if "\n" not in text and len(text) > self._placeholder_len:
            return text
        lines = text.split("\n")
        kept = [ln for ln in lines if ln.strip().lower() not in self._placeholders]
        return "\n".join(kept).strip() if len(kept) != len(lines) else text

    def judge(self, role: str, i: int, text: str) -> Drop | None:
        """Rules that look at one turn."""
        where = f"{role} turn {i}"
        if len(text) <= self._placeholder_len and text.strip().lower() in self._placeholders:
            return Drop("placeholder", f"{where} is a placeholder: {text.strip()!r}")
        minimum = self.min_assistant_chars if role == "assistant" else self.min_user_chars
        if len(text.strip()) < 4 * minimum + 8 and content_len(text) < minimum:
            return Drop("too_short", f"{where}: {content_len(text)} content chars < {minimum}")
        if len(text) > self.max_turn_chars:
            return Drop("too_long", f"{where}: {len(text)} chars > {self.max_turn_chars}")
        hits = mojibake_hits(text, self.mojibake_rare_share)
        if len(hits) >= self.mojibake_min_hits:
            return Drop("mojibake", f"{where}: {len(hits)} mis-decoded sequences, e.g. {hits[0]!r}")
        if role != "assistant":
            return None
        frac = repeated_line_fraction(text)
        if frac > self.max_repeated_line_fraction:
            return Drop("repeated_lines", f"{where}: {frac:.2f} of lines repeat")
        # The sample misses a share above the threshold with p < 0.005 at a 0.25 margin.
        frac = repeated_ngram_fraction(text, self.ngram,
                                       gate=max(0.0, self.max_repeated_ngram_fraction - 0.25))
        if frac > self.max_repeated_ngram_fraction:
            return Drop("repeated_ngrams", f"{where}: {frac:.2f} of {self.ngram}-grams repeat")
        match = search(self._refusal, text, self.refusal_window)
        if match and not quoted(text, match.start()):
            return Drop("refusal", f"{where}: {match.group(0)!r}")
        match = search(self._disclaimer, text)
        if match:
            return Drop("ai_disclaimer", f"{where}: {match.group(0)!r}")
        if (self.check_code_fences and ("```" in text or "~~~" in text)
                and len(FENCE_LINE.findall(text)) % 2):
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
            if m["role"] not in TEXT_ROLES:  # tool turns are JSON payloads: never judged
                continue
            drop = self.judge(m["role"], i, m["content"])
            if drop:
                return drop
        last = messages[-1] if messages else None
        if last and last["role"] == "assistant" and self.truncated_min_chars >= 0:
            why = truncated(last["content"], self.truncated_min_chars,
                            self.truncated_min_line_chars)
            if why:
                return Drop("truncated", f"assistant turn {len(messages) - 1} {why}")
        for i in range(1, len(messages)):
            q, a = messages[i - 1], messages[i]
            if q["role"] == "user" and a["role"] == "assistant" and restates(
                    q["content"], a["content"], max_ratio=self.restate_max_ratio,
                    min_overlap=self.restate_min_overlap):
                return Drop("restates_question", f"assistant turn {i} repeats the question")
        return {"system": conv["system"], "messages": messages}
