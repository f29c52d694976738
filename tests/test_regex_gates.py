"""Shortcuts before regular expressions (first-character gates, skipped searches) must not
change what they match."""

import json
import re
from pathlib import Path

import polars as pl
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


def labeled_quality_table():
    from curation.adapters import ADAPTERS
    from curation.schema import SCHEMA, content_id, messages_series

    rows = [json.loads(line) for line in (Path(quality.__file__).parents[2] / "bench" / "labeled"
                                           / "quality.jsonl").read_text("utf-8").splitlines()]
    convs = [ADAPTERS[r["format"]](r["record"]) for r in rows]
    extra = [(None, [{"role": "user", "content": "问"}, {"role": "assistant", "content": t}])
             for t in [*TEXTS, *SCREEN_EDGES]]
    convs += extra
    return pl.DataFrame({
        "id": [content_id(s, m) for s, m in convs], "source": ["labeled"] * len(convs),
        "source_index": list(range(len(convs))), "system": [s for s, _ in convs],
        "tools": [None] * len(convs)}, schema={k: v for k, v in SCHEMA.items()
                                               if k != "messages"}
    ).with_columns(messages_series([m for _, m in convs])).select(list(SCHEMA))


# Where the screen's engine reads a pattern otherwise: \s, case folding, lookarounds, \b.
SCREEN_EDGES = ["作为\x1c一个AI助手，", "作为\u3000一个 AI 助手，", "AS AN Aİ model",
                "I'm ſorry, but I", "，作为人工智能，", "我是作为人工智能，", "坚持继续", "x持继",
                "xAs an AI", "As an AIx", "抱歉，" + "很长" * 120 + "我无法回答",
                "截至我在2021年所知，", "抱歉\x1c我无法帮你。",
                "病人需要实施救治，平时要看重自身的护理，以免复发。"]


def test_screens_flag_every_turn_a_search_matches():
    q = quality.Quality()
    assert all(pattern for _, pattern, _ in q._screen_by)  # the defaults are screened
    texts = [m["content"] for ms in labeled_quality_table()["messages"].to_list() for m in ms]
    screens = [b for row in q.screens(labeled_quality_table()) for b in row]
    seen = {quality.DISCLAIMER: 0, quality.REFUSAL: 0, quality.SPUN_BIT: 0}
    for text, bits in zip(texts, screens, strict=True):
        for bit, hit in ((quality.DISCLAIMER, quality.search(q._disclaimer, text)),
                         (quality.REFUSAL, quality.search(q._refusal, text, q.refusal_window)),
                         (quality.SPUN_BIT, quality.SPUN.search(text)
                          or quality.SPUN_STRONG.search(text))):
            if hit:
                assert bits & bit, (bit, text[:80])
                seen[bit] += 1
    assert all(n >= 2 for n in seen.values()), seen  # every search matched somewhere
    assert sum(b == 0 for b in screens) > len(screens) / 2  # and most turns are screened out


def test_quality_with_screens_judges_as_without():
    t = labeled_quality_table()
    screened, plain = quality.Quality(), quality.Quality()
    plain._screen_by = tuple((bit, None, window) for bit, _, window in plain._screen_by)
    a, b = screened(t), plain(t)
    assert {"removed:ai_disclaimer", "removed:refusal", "removed:spun_text"} <= set(a.stats)
    assert a.kept.equals(b.kept) and a.removed.equals(b.removed) and a.stats == b.stats
    assert a.trimmed.equals(b.trimmed) and a.signals.equals(b.signals)


@pytest.mark.parametrize("pattern", [r"(a)\1", r"\w+", r"(?i)x", r"a\\b", r"(?P<n>x)",
                                     r"x\Z", r"\S+", r"[a-z&&[^x]]", r"[[(]x", r"[a--b]"])
def test_rust_superset_refuses_what_it_cannot_widen(pattern):
    assert quality.rust_superset(["作为AI", pattern], ignore_case=True) is None
    assert quality.rust_superset(["作为AI", r"(?<!坚)持继\b"], ignore_case=False) == \
        "(?m)(?:作为AI)|(?:持继)"
