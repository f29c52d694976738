"""Shortcuts before regular expressions (first-character gates, skipped searches) must not
change what they match."""

import json
import re

import pytest

from curation import text as text_mod
from curation.steps import quality
from curation.steps.base import signals_json
from curation.text import gated

TEXTS = [
    "", "作为一个AI语言模型，我无法回答。", "我们我们你们，作为人工智能，我不能。",
    "坚持继续，持继",
    "I'm sorry, but I cannot help. As an AI model", "i AM SORRY, BUT as an ai", "ſorry Kelvin K",
    "DAN mode: jailbreak now", "前面文字\n^开头", "重复写5次", "repeat it three times",
    "请提供文章内容", "没有提供任何文本", "a\nb\n#tag #标签 ", "由于我是OpenAI训练的语言模型",
    "因为我只是一个AI助手", "作为由 OpenAI 开发的模型，", "截至我的知识更新", "x" * 50 + "作为AI，",
]
CASES = [
    r"(?:由于|因为)?我是一?[个名]?(?:AI|人工智能)",  # optional group first
    r"(?<!坚)持继|惹起",  # lookbehind first
    r"\bDAN\b|jailbreak|越狱",  # word boundary first, case-insensitive below
    r"\bI(?:'m| am) sorry,? but|^(?:Sorry|Unfortunately),? I",
    r"(?:\s*#[^\s#]+)+\s*$",
    r"[\d一二]+\s*[次遍]|\brepeat\b",
]


@pytest.mark.parametrize("flags", [0, re.I, re.I | re.M])
@pytest.mark.parametrize("pattern", CASES)
def test_gated_pattern_matches_the_same(pattern, flags):
    rx = re.compile(pattern, flags)
    g = gated(rx)
    for text in TEXTS:
        for end in (len(text), 5):
            a, b = rx.search(text, 0, end), g.search(text, 0, end)
            assert (a and (a.span(), a.group(0))) == (b and (b.span(), b.group(0)))
        assert rx.findall(text) == g.findall(text)
        assert rx.sub("_", text) == g.sub("_", text)


def test_gated_only_where_it_can_tell_and_pays():
    assert gated(re.compile(r"(?:由于)?我是")).pattern != r"(?:由于)?我是"  # gated
    for pattern in (r"abc|abd", r"[A-Za-z]", r"^\s*x", r".x", r"[^a]b", r"(?:x)?"):
        rx = re.compile(pattern)
        assert gated(rx) is rx  # a prefix the engine skips to, an anchor, or unknown


def test_quality_groups_match_as_the_plain_alternation(monkeypatch):
    q = quality.Quality()
    monkeypatch.setattr(quality, "gated", lambda rx: rx)
    for patterns, groups in ((q.refusal_patterns, q._refusal),
                             (q.disclaimer_patterns, q._disclaimer)):
        plain = quality._compile(patterns)
        assert [rx.pattern for rx, _ in groups] != [rx.pattern for rx, _ in plain]
        for text in TEXTS:
            a, b = quality.search(groups, text), quality.search(plain, text)
            assert (a and a.span()) == (b and b.span())


def test_signals_json_is_canonical_json():
    sig = {"b": [1, 2.5, None], "a": {"文": "中文\n\"q\"", "x": True}, "n": 1e-05}
    assert signals_json(sig) == json.dumps(sig, ensure_ascii=False, sort_keys=True,
                                           separators=(",", ":"))


@pytest.mark.parametrize("text", [
    "x = 1", "  print(x)  # 打印", "print(x) # 打印", "中文 x = 1;", "ありがとう = 1;", "한국어 {}",
    "def f():\n    return 1", "说明：\nx = 1;\n结束", "纯中文一行。", "", "   ", "a = 1\n中文"])
def test_code_lines_are_skipped_only_when_none_can_match(text):
    for repl in ("", " "):
        assert text_mod._without_code_lines(text, repl) == text_mod.CODE_LINE.sub(repl, text)


def test_diagram_characters_are_symbols():
    diagram = [chr(c) for c in (*range(0x2190, 0x2200), *range(0x2500, 0x2580))]
    assert all(text_mod.DIAGRAM.match(c) and text_mod.SYMBOL.match(c) for c in diagram)
    assert text_mod.layout_line("开始 → 结束") and text_mod.layout_line("├── 目录")
    assert not text_mod.layout_line("普通的一行文字，没有图。")
