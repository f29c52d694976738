"""normalize, to_simplified, language_id, quality, turn_repair on hand-made records."""

import pytest
from helpers import chat, contents, table

from curation.langid import detect
from curation.steps.language_id import LanguageId
from curation.steps.normalize import Normalize
from curation.steps.quality import Quality
from curation.steps.to_simplified import ToSimplified
from curation.steps.turn_repair import TurnRepair

# normalize -----------------------------------------------------------------

def test_normalize_keeps_chinese_fullwidth_punctuation():
    text = "你好，世界！这是“引号”（括号）：分号；问号？句号。"
    r = Normalize()(table(chat("问", text)))
    assert contents(r.kept)[0][1] == text
    assert r.changed == 0


def test_normalize_cleans_invisible_and_whitespace_and_fullwidth_alnum():
    dirty = "\ufeff第一行\u200b  \r\n\r\n\r\n\r\n\r\n第二行\x07\x1b：ＡＢＣ１２３\u00a0好 "
    r = Normalize()(table(chat("  问题\t", dirty)))
    assert contents(r.kept)[0] == ["问题", "第一行\n\n\n第二行：ABC123 好"]
    assert r.changed == 1 and r.removed.height == 0


def test_normalize_can_keep_fullwidth_alnum():
    r = Normalize(fullwidth_alnum=False)(table(chat("问", "ＡＢＣ")))
    assert contents(r.kept)[0][1] == "ＡＢＣ"


# to_simplified --------------------------------------------------------------

def test_t2s_converts_characters_and_leaves_simplified_alone():
    r = ToSimplified("t2s")(table(chat("這個問題很簡單", "這個軟體"), chat("这个问题", "简单")))
    assert contents(r.kept) == [["这个问题很简单", "这个软体"], ["这个问题", "简单"]]
    assert r.changed == 1


def test_tw2sp_converts_taiwanese_phrasing():
    r = ToSimplified("tw2sp")(table(chat("滑鼠壞了", "請重新安裝軟體後再列印")))
    assert contents(r.kept)[0] == ["鼠标坏了", "请重新安装软件后再打印"]


def test_to_simplified_leaves_code_and_urls_alone():
    answer = "請執行：\n```python\nprint('繁體')\n```\n參考 https://例子.tw/繁體 與 `變數`"
    r = ToSimplified("t2s")(table(chat("怎麼做", answer)))
    out = contents(r.kept)[0][1]
    assert out.startswith("请执行")
    assert "print('繁體')" in out and "https://例子.tw/繁體" in out and "`變數`" in out


def test_to_simplified_rejects_unknown_config():
    with pytest.raises(Exception, match="not one of"):
        ToSimplified("s2t")


# language_id ----------------------------------------------------------------

@pytest.mark.parametrize("text, lang", [
    ("机器学习是人工智能的一个分支，它让计算机从数据中学习规律。", "zh"),
    ("Machine learning is a branch of artificial intelligence that learns from data.", "en"),
    ("東京は晴れです。明日も天気が良いでしょう。", "ja"),
    ("日本国憲法第九条は戦争放棄を定める。", "ja"),  # kanji-heavy, a little kana
    ("안녕하세요, 오늘 날씨가 정말 좋네요. 산책하러 갈까요?", "ko"),
    ("好的", "zh"),  # short: judged by script
    ("OK", "en"),
    ("```python\nprint(1)\n```", "und"),
    ("12345", "und"),
])
def test_detect(text, lang):
    assert detect(text) == lang


def test_detect_chinese_with_english_code_is_chinese():
    text = ("你可以用下面的代码读取文件，然后逐行处理内容：\n```python\n"
            "with open('data.txt') as f:\n    for line in f:\n        print(line.strip())\n```\n"
            "这样就能避免一次性把大文件读进内存。")
    assert detect(text) == "zh"


def test_language_id_keep_rule_per_role():
    step = LanguageId(allow={"assistant": ["zh"]})
    r = step(table(
        chat("Explain gravity in one sentence.", "引力是物体之间相互吸引的力，质量越大吸引越强。"),
        chat("解释一下引力。", "Gravity is the force by which masses attract one another."),
        chat("用日语打招呼", "こんにちは、お元気ですか。今日はいい天気ですね。"),
    ))
    assert r.kept["source_index"].to_list() == [0]
    assert r.removed["reason"].to_list() == ["language_en", "language_ja"]
    assert "assistant turn 1 is en" in r.removed["detail"][0]


def test_language_id_rejects_unknown_role():
    with pytest.raises(Exception, match="unknown roles"):
        LanguageId(allow={"bot": ["zh"]})


# quality --------------------------------------------------------------------

GOOD = "光合作用是植物利用光能，把二氧化碳和水转化为有机物并释放氧气的过程。"


@pytest.mark.parametrize("answer, reason", [
    ("<无输入>", "placeholder"),
    ("N/A", "placeholder"),
    ("是", "too_short"),
    ("长" * 20001, "too_long"),
    ("\n".join(["这一行重复了。"] * 10), "repeated_lines"),
    ("我喜欢学习编程知识。" * 12, "repeated_ngrams"),
    ("作为一个AI语言模型，我无法对此发表个人看法。", "refusal"),
    ("抱歉，我无法回答这个问题。", "refusal"),
    ("As an AI language model, I cannot browse the internet.", "refusal"),
    ("示例代码如下：\n```python\nprint('hi')\n", "unbalanced_code_fence"),
])
def test_quality_rules_fire(answer, reason):
    r = Quality(min_assistant_chars=2, max_turn_chars=20000)(table(chat("问题是什么？", answer)))
    assert r.kept.height == 0
    assert r.removed["reason"].to_list() == [reason]
    assert r.stats[f"removed:{reason}"] == 1


@pytest.mark.parametrize("answer", [
    GOOD,
    "代码如下：\n```python\nprint('hi')\n```\n运行即可。",
    "1. 苹果\n2. 香蕉\n3. 橙子\n4. 葡萄",
    "正面",
])
def test_quality_keeps_good_answers(answer):
    r = Quality(min_assistant_chars=2)(table(chat("问题是什么？", answer)))
    assert r.kept.height == 1, r.removed["detail"].to_list()


def test_quality_strips_placeholder_input_lines():
    r = Quality()(table(chat("写一首关于春天的诗\n<无输入>", GOOD)))
    assert contents(r.kept)[0][0] == "写一首关于春天的诗"
    assert r.changed == 1


# turn_repair ----------------------------------------------------------------

def msgs(*pairs):
    return {"system": None, "messages": [{"role": r, "content": c} for r, c in pairs]}


def test_turn_repair_drops_leading_assistant_and_trailing_user():
    r = TurnRepair()(table(msgs(("assistant", "欢迎"), ("user", "问"), ("assistant", "答"),
                                ("user", "还在吗"))))
    assert r.kept["messages"].to_list()[0] == [{"role": "user", "content": "问"},
                                               {"role": "assistant", "content": "答"}]
    assert r.stats["leading_assistant_dropped"] == 1 and r.stats["trailing_user_dropped"] == 1


def test_turn_repair_merges_same_role_and_drops_empty():
    r = TurnRepair()(table(msgs(("user", "第一句"), ("user", "第二句"), ("assistant", " "),
                                ("assistant", "回答"))))
    assert r.kept["messages"].to_list()[0] == [
        {"role": "user", "content": "第一句\n\n第二句"}, {"role": "assistant", "content": "回答"}]


def test_turn_repair_merges_continue_turns():
    r = TurnRepair()(table(msgs(("user", "写一篇文章"), ("assistant", "第一段"),
                                ("user", "继续"), ("assistant", "第二段"))))
    assert r.kept["messages"].to_list()[0] == [
        {"role": "user", "content": "写一篇文章"},
        {"role": "assistant", "content": "第一段\n第二段"}]


def test_turn_repair_strips_html_residue():
    html = ('<div class="markdown prose w-full break-words dark:prose-invert light"><p>步骤如下：'
            '</p><ol><li>打开&nbsp;终端</li><li>输入命令</li></ol>'
            '<pre><code class="language-python">if a &lt; b:\n    print(a)</code></pre></div>')
    r = TurnRepair()(table(msgs(("user", "怎么做"), ("assistant", html))))
    out = contents(r.kept)[0][1]
    assert "<" not in out.replace("a < b", "")
    assert "步骤如下：" in out and "- 打开\u00a0终端" in out
    assert "```python\nif a < b:\n    print(a)\n```" in out


def test_turn_repair_leaves_code_about_html_alone():
    answer = "示例：\n```html\n<div><p>hi</p></div>\n```"
    r = TurnRepair()(table(msgs(("user", "写个网页"), ("assistant", answer))))
    assert contents(r.kept)[0][1] == answer


@pytest.mark.parametrize("turns", [
    [("user", "只有问题")],
    [("assistant", "只有回答"), ("assistant", "还是回答")],
    [("user", " "), ("assistant", "")],
    [],
])
def test_turn_repair_removes_unrepairable(turns):
    r = TurnRepair()(table(msgs(*turns)))
    assert r.kept.height == 0 and r.removed["reason"].to_list() == ["unrepairable"]


def test_repaired_conversations_alternate():
    r = TurnRepair()(table(msgs(("assistant", "a"), ("user", "q1"), ("user", "q2"),
                                ("assistant", "a1"), ("assistant", "a2"), ("user", "q3"),
                                ("assistant", ""), ("user", "q4"))))
    roles = [m["role"] for m in r.kept["messages"].to_list()[0]]
    assert roles == ["user", "assistant"]
