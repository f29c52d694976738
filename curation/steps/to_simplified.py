"""Traditional -> simplified Chinese with OpenCC, only where there is traditional
text, never in code itself or URLs (Chinese comments and strings inside code are
converted), never in non-Chinese turns.

Each conversation is tagged first (simplified / traditional / mixed / none) so the
card can say how much was converted. ``config: auto`` picks the OpenCC config per
line: ``tw2sp`` for traditional lines of Taiwanese text (it also rewrites phrasing:
軟體 -> 软件, 滑鼠 -> 鼠标), ``hk2s`` for other traditional lines (t2s plus Hong Kong
variants: 綫, 衞, 啓), ``t2s`` for lines that mix in simplified. ``tw2sp`` is never
run on simplified text: its phrase table rewrites mainland words too (影片 -> 视频,
文件夹 -> 文档夹, 显著 -> 显着). Numbers: bench/quality.py on bench/labeled/script.jsonl.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
import opencc

from curation.errors import RecipeError
from curation.langid import UNDETERMINED, detect
from curation.schema import TEXT_ROLES, Conversation
from curation.steps import RecordStep, register
from curation.steps.base import Keep, Verdict
from curation.text import PROTECTED, scripts, strip_protected

# Chinese inside code (comments, strings): runs of Han and CJK punctuation.
HAN_RUN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+"
                     r"(?:[ \t]+[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+)*")
URL_SPAN = re.compile(r"(?:https?|ftp)://\S+|www\.\S+")


def without_urls(text: str) -> str:
    """The text with URLs taken out (code stays: its Chinese comments count)."""
    return URL_SPAN.sub(" ", text) if "://" in text or "www." in text else text

CONFIGS = ("auto", "t2s", "tw2s", "tw2sp", "hk2s", "hk2sp")
# Taiwanese vocabulary (traditional form) whose mainland word differs; its presence is
# what justifies tw2sp's phrase rewriting. Words mainland text also uses (影片, 网页,
# 品质, 资料) and place names are left out: they do not say the phrasing is Taiwanese.
TAIWAN = re.compile(
    "軟體|硬體|網路|資訊|程式|滑鼠|記憶體|硬碟|伺服器|螢幕|印表機|列印|預設|支援|檔案|資料庫"
    "|資料夾|演算法|物件|函式|變數|介面|部落格|簡訊|計程車|捷運|機車|腳踏車|鳳梨|視窗|登入|數位"
    "|解析度|光碟|隨身碟|頻寬|訊息|雷射|便當|超商|幼稚園|健保|作業系統|應用程式|影音|網址")
# Hong Kong words, Cantonese characters and HK variant characters.
HONG_KONG = re.compile(
    "嘅|咗|唔|喺|冇|啲|嚟|佢|睇|乜|嘢|咁|俾|畀|噉|嗰|哋|啱|搵|攞|冚|港鐵|屋邨|公屋|的士|雪櫃|私隱"
    "|裏|綫|衞|啓|峯|麪")


def region(text: str) -> str:
    """"tw", "hk" or "" for traditional text, by its words and variant characters."""
    tw = len(TAIWAN.findall(text))
    hk = len(HONG_KONG.findall(text))
    if tw > hk:
        return "tw"
    return "hk" if hk > tw else ""


def script_tag(trad: int, simp: int, han: int, traditional_share: float,
               simplified_share: float) -> str:
    """Tag from character counts: ``trad`` / ``simp`` are characters only that script uses."""
    if han == 0:
        return "none"
    if trad == 0:
        return "simplified"
    share = trad / (trad + simp)
    if share >= traditional_share:
        return "traditional"
    return "simplified" if share <= simplified_share else "mixed"


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def changed(a: str, b: str) -> int:
    """Characters that differ between a text and its conversion (position by
    position, then the difference in length)."""
    n = min(len(a), len(b))
    extra = abs(len(a) - len(b))
    if a[:n] == b[:n]:
        return extra
    return int(np.count_nonzero(_code_points(a[:n]) != _code_points(b[:n]))) + extra


@register
@dataclass
class ToSimplified(RecordStep):
    """Convert Chinese turns that contain traditional characters.

    Characters are counted in context, on the prose (no code, no URLs): traditional
    = what t2s would change, simplified = what s2t would change, so 显著 or 乾隆 in
    simplified text and 公里 in traditional text count for neither. A text whose
    traditional share is at least ``traditional_share`` is traditional, at most
    ``simplified_share`` simplified, mixed in between. ``auto`` uses the phrase
    config (``tw2sp``) only for traditional lines of Taiwanese text, ``hk2s`` for
    other traditional lines and ``t2s`` for lines that mix in simplified (t2s leaves
    simplified characters and mainland words as they are).
    """

    name: ClassVar[str] = "to_simplified"
    config: str = "auto"
    traditional_share: float = 0.8
    simplified_share: float = 0.05
    _converters: dict[str, opencc.OpenCC] = field(init=False, repr=False, compare=False)
    # in_context of the last texts: a one-line answer is counted as the turn's prose and
    # again as its line (four OpenCC passes each)
    _counted: dict[str, tuple[int, int]] = field(default_factory=dict, init=False, repr=False,
                                                 compare=False)

    def __post_init__(self) -> None:
        if self.config not in CONFIGS:
            raise RecipeError(f"to_simplified: config {self.config!r} not one of {CONFIGS}")
        if not 0 <= self.simplified_share < self.traditional_share <= 1:
            raise RecipeError("to_simplified: need 0 <= simplified_share < traditional_share <= 1")
        names = ("t2s", "tw2sp", "hk2s") if self.config == "auto" else (self.config,)
        names = (*names, "t2s", "s2t", "s2tw", "s2hk")
        self._converters = {n: opencc.OpenCC(f"{n}.json") for n in names}

    def in_context(self, prose: str) -> tuple[int, int]:
        """(traditional, simplified) characters of ``prose``, counted in context: what t2s
        changes, and what s2t, s2tw and s2hk all change (吃, 床, 温 are not simplified
        just because OpenCC's own standard writes 喫, 牀, 溫)."""
        if prose in self._counted:
            return self._counted[prose]
        if len(self._counted) >= 64:
            self._counted.clear()
        self._counted[prose] = counts = self._in_context(prose)
        return counts

    def _in_context(self, prose: str) -> tuple[int, int]:
        c = self._converters
        trad = changed(prose, c["t2s"].convert(prose))
        outs = [c[n].convert(prose) for n in ("s2t", "s2tw", "s2hk")]
        if any(len(o) != len(prose) for o in outs):
            return trad, min(changed(prose, o) for o in outs)
        text = _code_points(prose)
        x, y, z = (_code_points(o) for o in outs)
        return trad, int(np.count_nonzero((text != x) & (text != y) & (text != z)))

    def choose(self, trad: int, simp: int, region_: str) -> str:
        """The OpenCC config for a line with these in-context counts."""
        if self.config != "auto":
            return self.config
        if script_tag(trad, simp, 1, self.traditional_share, self.simplified_share) != (
                "traditional"):
            return "t2s"
        return "tw2sp" if region_ == "tw" else "hk2s"

    def _convert_prose(self, prose: str, region_: str, stats: Counter[str]) -> str:
        """Line by line: a simplified paragraph next to a traditional one stays as it is."""
        lines = prose.split("\n")
        for i, line in enumerate(lines):
            if not scripts(line).trad:
                continue
            trad, simp = self.in_context(line)
            if not trad and self.config == "auto":
                continue
            config = self.choose(trad, simp, region(line) or region_)
            lines[i] = self._converters[config].convert(line)
            if lines[i] != line:
                stats[f"config:{config}"] += 1
        return "\n".join(lines)

    def convert(self, text: str, stats: Counter[str], *, code: bool = True) -> str:
        """One Chinese turn with traditional characters: the prose, and the Chinese
        comments and strings inside fenced code; code itself, inline code (often an
        identifier) and URLs stay byte-identical."""
        region_ = region(text) if self.config == "auto" else ""
        parts = PROTECTED.split(text)  # odd indices: code spans and URLs
        for i in range(1, len(parts), 2):
            if code and parts[i].startswith(("```", "~~~")) and scripts(parts[i]).trad:
                code = HAN_RUN.sub(lambda m: self._convert_prose(m.group(0), region_, stats),
                                   parts[i])
                if code != parts[i]:
                    stats["code_spans_converted"] += 1
                    parts[i] = code
        out = "".join(self._convert_prose(p, region_, stats) if i % 2 == 0 else p
                      for i, p in enumerate(parts))
        if out != text:
            stats["turns_converted"] += 1
            stats["chars_changed"] += changed(text, out)
        return out

    def process(self, conv: Conversation, stats: Counter[str]) -> Verdict:
        texts = [conv["system"] or "", *(m["content"] if m["role"] in TEXT_ROLES else ""
                                         for m in conv["messages"])]  # never JSON payloads
        trad = simp = han = 0
        todo = []
        for i, text in enumerate(texts):
            s = scripts(text)
            if not s.trad:  # the common case: one table lookup per character, no OpenCC
                han, simp = han + s.han, simp + s.simp
                continue
            if detect(text) not in ("zh", UNDETERMINED):  # Japanese, a hanja gloss, English
                stats["turns_skipped_not_chinese"] += 1
                continue
            prose = strip_protected(text)
            t, si = self.in_context(prose)
            # Code follows its text: Chinese comments of traditional (or code-only)
            # answers are converted; a traditional string quoted in simplified prose
            # (`print('繁體字')` as an example) is not.
            code = bool(t) or not scripts(prose).han
            if code and not t:
                t, si = self.in_context(without_urls(text))
            han, trad, simp = han + s.han, trad + t, simp + si
            if t or self.config != "auto":
                todo.append((i, code))
        tag = script_tag(trad, simp, han, self.traditional_share, self.simplified_share)
        stats[f"script:{tag}"] += 1
        stats["traditional_chars"] += trad
        signals = {"script": tag, "han": han, "traditional": trad, "simplified": simp}
        if not todo:
            return Keep(conv, signals)
        out = list(texts)
        for i, code in todo:
            out[i] = self.convert(texts[i], stats, code=code)
        if out == texts:
            return Keep(conv, signals)
        stats["conversations_converted"] += 1
        signals["chars_changed"] = sum(changed(a, b) for a, b in zip(texts, out, strict=True))
        return Keep({"system": out[0] if conv["system"] else conv["system"],
                     "messages": [{**m, "content": c if m["role"] in TEXT_ROLES else m["content"]}
                                  for m, c in zip(conv["messages"], out[1:], strict=True)]},
                    signals)
