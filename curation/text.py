"""Text helpers shared by steps: protected spans (code, URLs), prose extraction for
language judgements, script statistics and a token estimate.

Script statistics use one lookup table over UTF-16 code units (numpy), so a
1,000-character turn costs a few microseconds instead of one regex pass per script.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any, NamedTuple

import numpy as np
import opencc

try:  # Python 3.11+
    from re import _constants as sre_c
    from re import _parser as sre_parse
except ImportError:  # Python 3.10
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

# --- first-character gates ---------------------------------------------------------

_CATEGORIES = {sre_c.CATEGORY_DIGIT: r"\d", sre_c.CATEGORY_NOT_DIGIT: r"\D",
               sre_c.CATEGORY_SPACE: r"\s", sre_c.CATEGORY_NOT_SPACE: r"\S",
               sre_c.CATEGORY_WORD: r"\w", sre_c.CATEGORY_NOT_WORD: r"\W"}
_REPEATS = {sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)}
_ZERO_WIDTH = {sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT}
_ATOMIC = getattr(sre_c, "ATOMIC_GROUP", None)


def _first_chars(items: Any, out: list[str]) -> bool | None:
    """Add to ``out`` (class items) every character a match of the parsed sequence
    ``items`` can start with; True if the sequence can match the empty string, None
    if its first characters cannot be told (a negated class, ``.``, a backreference,
    scoped flags)."""
    for op, av in items:
        if op is sre_c.LITERAL:
            out.append(f"\\U{av:08x}")
            return False
        if op is sre_c.IN:
            for iop, iav in av:
                if iop is sre_c.LITERAL:
                    out.append(f"\\U{iav:08x}")
                elif iop is sre_c.RANGE:
                    out.append(f"\\U{iav[0]:08x}-\\U{iav[1]:08x}")
                elif iop is sre_c.CATEGORY and iav in _CATEGORIES:
                    out.append(_CATEGORIES[iav])
                else:
                    return None
            return False
        if op in _ZERO_WIDTH:  # anchors and lookarounds consume nothing
            continue
        empty: bool | None
        if op is sre_c.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            empty = None if add_flags or del_flags else _first_chars(sub, out)
        elif op is _ATOMIC:
            empty = _first_chars(av, out)
        elif op is sre_c.BRANCH:
            empty = False
            for alternative in av[1]:
                e = _first_chars(alternative, out)
                if e is None:
                    return None
                empty = empty or e
        elif op in _REPEATS:
            low, high, sub = av
            if high == 0:
                continue
            empty = _first_chars(sub, out)
            empty = None if empty is None else empty or low == 0
        else:
            return None
        if empty is None or not empty:
            return empty
    return True


def _has_prefix(items: Any, flags: int) -> bool:
    """Does the regex engine already skip to where a match can start (an anchor, a
    literal, a class or an alternation of literals first, none cased under IGNORECASE)?"""
    def plain(code: int) -> bool:
        return not flags & re.I or chr(code).lower() == chr(code).upper()

    while items and items[0][0] is sre_c.SUBPATTERN and not any(items[0][1][1:3]):
        items = items[0][1][3]
    if not items:
        return False
    op, av = items[0]
    if op is sre_c.AT:  # anchored: ^ is tried where it can hold
        return True
    if op is sre_c.LITERAL:
        return plain(av)
    if op is sre_c.IN:
        return all((iop is sre_c.LITERAL and plain(iav))
                   or (iop is sre_c.RANGE and not flags & re.I) for iop, iav in av)
    if op is sre_c.BRANCH:
        return all(alt and alt[0][0] is sre_c.LITERAL and plain(alt[0][1]) for alt in av[1])
    return False


def gated(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` behind a lookahead for the characters a match can start with: the same
    matches (search, match, findall, sub), but a position where none of them stands is
    rejected by one class test instead of trying every branch of an alternation (2-3x
    faster on answers for alternations whose branches open with a group, a lookbehind
    or ``\\b``). ``rx`` itself when that cannot be told or the engine skips already."""
    parsed = sre_parse.parse(rx.pattern, rx.flags)
    first: list[str] = []
    if _has_prefix(parsed, rx.flags) or _first_chars(parsed, first) is not False:
        return rx
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return re.compile(f"(?=[{''.join(first)}])(?:{rx.pattern})", rx.flags)
    except (re.error, Warning):  # e.g. inline global flags, which must open a pattern
        return rx


# Fenced code blocks (``` or ~~~, closed or running to the end), inline code, URLs.
PROTECTED = re.compile(
    r"(```.*?(?:```|\Z)|~~~.*?(?:~~~|\Z)|`[^`\n]+`|(?:https?|ftp)://[^\s)）\]>\"'，。]+"
    r"|www\.[A-Za-z0-9-]+\.[^\s)）\]>\"'，。]+)", re.S
)
FENCE_LINE = re.compile(r"^\s*(```|~~~)", re.M)
# A fence line that opens or closes a block: not ```pip install x``` closed on its own line.
FENCE_OPEN = re.compile(r"^[ \t]*(```|~~~)(?![^\n]*?\1)", re.M)

# Markup a language judgement should not see: HTML tags and entities, e-mail
# addresses, LaTeX commands, markdown image/link targets.
MARKUP = re.compile(r"<[^<>\n]{1,200}>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);|[\w.+-]+@[\w-]+\.[\w.]+"
                    r"|\\[A-Za-z]+|\]\([^)\s]*\)", re.I)
# Unfenced code: a line without Han/kana/hangul that looks like a statement.
CODE_LINE = re.compile(
    r"^[^\S\n]*(?![^\n]*[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])(?:"
    r"(?:def|class|import|from|return|elif|else|try|except|raise|yield|async|await|for|while|if"
    r"|switch|case|public|private|protected|static|void|int|var|let|const|function|package"
    r"|using|namespace|template|struct|fn|impl|pub|SELECT|INSERT|UPDATE|DELETE|CREATE|WHERE"
    r"|#include|#define|print|printf|console\.log|System\.out|echo|cd|pip|npm|git|sudo|with"
    r"|FROM|JOIN|LEFT JOIN|GROUP BY|ORDER BY|LIMIT|VALUES|SET|mkdir|cp|mv|rm|ls|tar|curl|wget"
    r"|chmod|grep|docker|kubectl|apt-get|brew|cargo)\b[^\n]*"
    r"|[^\n]*[;{}]\s*$|[})\]]+[;,]?\s*$|[^\n]*\b\w+\([^\n]*\)\s*:?\s*$|[\w.\[\]]+\s*[+\-*/]?=[^=\n]*"
    r"|(?://|/\*)[^\n]*|<[^>\n]+>[^\n]*)$", re.M)
# A line with one of these is never a CODE_LINE (its lookahead): a one-line text with one
# needs no search.
_CODE_LINE_BLOCKER = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _without_code_lines(text: str, repl: str) -> str:
    if "\n" not in text and _CODE_LINE_BLOCKER.search(text):
        return text
    return CODE_LINE.sub(repl, text)


def map_unprotected(text: str, fn: Callable[[str], str]) -> str:
    """Apply ``fn`` to the prose only, leaving code and URLs byte-identical."""
    parts = PROTECTED.split(text)
    # split() with one group: even indices are prose, odd are protected spans.
    return "".join(fn(p) if i % 2 == 0 else p for i, p in enumerate(parts))


def strip_protected(text: str) -> str:
    """The prose without code and URLs."""
    return PROTECTED.sub(" ", text)


def prose(text: str) -> str:
    """What a language judgement should see: no code (fenced, inline or unfenced
    statement lines), URLs, e-mail addresses or markup."""
    text = PROTECTED.sub(" ", text)
    if "<" in text or "&" in text or "@" in text or "\\" in text or "](" in text:
        text = MARKUP.sub(" ", text)
    return _without_code_lines(text, " ")


# Layout rather than prose: table rows and rules (matched at the start of a stripped
# line), box drawing and the arrows of a flowchart (searched anywhere). Two patterns:
# an alternation of anchored and unanchored branches is tried at every position.
TABLE_ROW = re.compile(r"\s*[|+][^\n]*[|+]\s*$|\s*[-=+|:*_\s]{3,}$")
DIAGRAM = re.compile(r"[\u2500-\u257f\u2190-\u21ff]")
SYMBOL = re.compile(r"[^\w\s\u3000-\u303f\uff00-\uffef]")


def layout_line(line: str) -> bool:
    """A table row, diagram, or notation line (music, number grids): many short
    tokens or mostly symbols. Its repeats are structure, not a degenerate loop."""
    s = line.strip()
    if not s:
        return True
    symbols = SYMBOL.findall(s)  # box drawing and arrows are symbols: DIAGRAM needs one
    if (TABLE_ROW.match(s) or (symbols and DIAGRAM.search("".join(symbols)))
            or s.count("|") >= 2):
        return True
    tokens = s.split()
    if len(tokens) >= 4 and len(s) - len(tokens) + 1 <= 2.5 * len(tokens):
        return True
    return len(symbols) > 0.5 * len(s)


def repetition_text(text: str) -> str:
    """What a repetition measure should see: the prose lines, without code (fenced,
    inline or statement lines), URLs, tables, diagrams or notation."""
    if "```" in text or "~~~" in text or "`" in text or "://" in text:
        text = PROTECTED.sub("\n", text)
    text = _without_code_lines(text, "")
    return "\n".join(ln for ln in text.split("\n") if not layout_line(ln))


# --- script statistics ---------------------------------------------------------------

# Classes in the lookup table. HAN is a character shared by simplified and
# traditional Chinese (and usually Japanese). TRAD is one that OpenCC's t2s, tw2s or
# hk2s changes; TRADZ such a character Japanese does not write either (說, 國, 這).
# SIMP is one that s2t, s2tw and s2hk all change (only simplified Chinese writes it:
# 这, 说; not 吃 or 床, which only OpenCC's standard spells 喫, 牀) and that is not a
# Japanese form (国, 学 are). ZHF: Chinese function characters Japanese does not use
# (呢, 吧, 她); JP: shinjitai that Chinese never writes (気, 発, 戦, 々).
OTHER, HAN, TRAD, TRADZ, SIMP, ZHF, JP, KANA, HANGUL, LATIN, LETTER = range(11)
# Shinjitai that OpenCC's jp2t maps but Chinese also writes as ordinary characters.
_SHARED_WITH_CHINESE = set("予概欠研萌翻郎瓶芸褒晃慎")
_ZH_FUNCTION = set("吗呢吧啊哪您她它咱嘛呀哦哈這們麼嗎沒讓")


def _convert_each(config: str, chars: list[str]) -> list[str]:
    out = opencc.OpenCC(f"{config}.json").convert("\n".join(chars)).split("\n")
    assert len(out) == len(chars)
    return out


@cache
def script_table() -> np.ndarray:
    """UTF-16 code unit -> script class (built once, ~0.2 s)."""
    import unicodedata

    lut = np.zeros(0x10000, dtype=np.uint8)
    for c in range(0x10000):
        if unicodedata.category(chr(c)).startswith("L"):
            lut[c] = LETTER
    for lo, hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xD840, 0xD8BF)):
        lut[lo:hi + 1] = HAN  # 0xD840-0xD8BF: high surrogates of CJK extensions B-F
    lut[0x3005] = JP  # 々
    lut[0x3040:0x3100] = KANA
    lut[0x31F0:0x3200] = KANA
    lut[0xFF66:0xFF9E] = KANA
    lut[0xAC00:0xD7B0] = HANGUL
    lut[0x1100:0x1200] = HANGUL
    lut[0x3130:0x3190] = HANGUL
    lut[ord("A"):ord("Z") + 1] = LATIN
    lut[ord("a"):ord("z") + 1] = LATIN
    lut[0xC0:0x250] = np.where(lut[0xC0:0x250] == LETTER, LATIN, lut[0xC0:0x250])
    chars = [chr(c) for c in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000))]
    conv = {cfg: _convert_each(cfg, chars)
            for cfg in ("t2s", "tw2s", "hk2s", "s2t", "s2tw", "s2hk", "jp2t", "t2jp")}
    t2s = opencc.OpenCC("t2s.json")
    jp_changed = {c for c, j in zip(chars, conv["jp2t"], strict=True) if j != c}
    for i, c in enumerate(chars):
        # t2s changes it; or a Taiwan/HK variant (衞, 綫) that is no simplified form (么
        # is: s2t writes 麼, although tw2s turns it into 幺).
        if c != conv["t2s"][i] or (c == conv["s2t"][i]
                                   and (c != conv["tw2s"][i] or c != conv["hk2s"][i])):
            lut[ord(c)] = TRADZ if conv["t2jp"][i] != c else TRAD
        elif (c != conv["s2t"][i] and c != conv["s2tw"][i] and c != conv["s2hk"][i]
              and c not in jp_changed):
            lut[ord(c)] = SIMP
        elif (c in jp_changed and c not in _SHARED_WITH_CHINESE and c == conv["s2t"][i]
              and t2s.convert(conv["jp2t"][i]) != c):
            lut[ord(c)] = JP
    for c in _ZH_FUNCTION:
        lut[ord(c)] = {HAN: ZHF, TRAD: TRADZ}.get(int(lut[ord(c)]), int(lut[ord(c)]))
    return lut


class Scripts(NamedTuple):
    """Character counts by script. ``han`` counts every Han character; ``trad`` and
    ``simp`` those only one Chinese script uses, ``zh`` those Japanese does not use,
    ``jp`` Japanese-only forms (character level: a conversion counts in context)."""

    han: int
    trad: int
    simp: int
    zh: int
    jp: int
    kana: int
    hangul: int
    latin: int
    other: int

    @property
    def letters(self) -> int:
        return self.han + self.kana + self.hangul + self.latin + self.other


_counted: dict[str, Scripts] | None = None  # see shared_counts
SHARED_TEXTS = 1 << 20  # texts remembered at most (a batch holds a few hundred thousand)


@contextmanager
def shared_counts() -> Iterator[None]:
    """Inside, :func:`scripts` remembers what it counted: consecutive steps over one
    batch count the same turns (turn_repair's token estimate, to_simplified's tag,
    language_id's detection), and half of a batch's counting was counting again."""
    global _counted
    outer = _counted
    _counted = {} if outer is None else outer
    try:
        yield
    finally:
        _counted = outer


def scripts(text: str) -> Scripts:
    if not text:
        return Scripts(0, 0, 0, 0, 0, 0, 0, 0, 0)
    counted = _counted
    if counted is not None and (found := counted.get(text)) is not None:
        return found
    units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    n = np.bincount(script_table().take(units), minlength=11).tolist()
    s = Scripts(han=n[HAN] + n[TRAD] + n[TRADZ] + n[SIMP] + n[ZHF] + n[JP],
                trad=n[TRAD] + n[TRADZ], simp=n[SIMP], zh=n[TRADZ] + n[SIMP] + n[ZHF],
                jp=n[JP], kana=n[KANA], hangul=n[HANGUL], latin=n[LATIN], other=n[LETTER])
    if counted is not None and len(counted) < SHARED_TEXTS:
        counted[text] = s
    return s


# --- token estimate ------------------------------------------------------------------

# Mixtral's sentencepiece tokenizer (32k vocabulary with byte fallback), fitted by least
# squares on the labeled texts (zh, en, ja, ko, code; bench/quality.py reports the
# error): a Han character ~1.1 tokens (6% of them need three byte tokens), a hangul
# syllable 1.3, other non-ASCII (CJK punctuation, kana) 1.2, a Latin letter 0.07 and
# other ASCII (spaces, digits, symbols: where words and code tokens start) 0.8.
TOKENS_PER = {"han": 1.1, "hangul": 1.3, "other": 1.2, "latin": 0.07, "ascii": 0.8}


def estimate_tokens(text: str) -> int:
    """Mixtral token count, estimated from character classes (no tokenizer load)."""
    if not text:
        return 0
    s = scripts(text)
    ascii_ = len(text.encode("ascii", "ignore"))
    t = TOKENS_PER
    return int(t["han"] * s.han + t["hangul"] * s.hangul
               + t["other"] * (len(text) - s.han - s.hangul - ascii_)
               + t["latin"] * s.latin + t["ascii"] * (ascii_ - s.latin) + 0.5)
