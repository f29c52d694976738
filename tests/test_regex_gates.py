"""First-character gates (curation.text.gated) must not change what a pattern matches."""

import json
import re

import pytest

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
