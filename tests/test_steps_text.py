"""normalize, to_simplified, language_id, quality, turn_repair on hand-made records."""

import re
import unicodedata

import polars as pl
import pytest
from helpers import chat, contents, table

from curation.langid import detect
from curation.steps import RecordStep
from curation.steps.language_id import LanguageId
from curation.steps.normalize import (
    EDGE_SPACE,
    FULLWIDTH_ALNUM,
    INVISIBLE,
    ODD_SPACES,
    UNCHANGED,
    Normalize,
)
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


def test_normalize_columns_equal_the_per_record_rules():
    """The vectorized step and the per-record rules (RecordStep's loop over clean)
    agree on every kind of character the rules touch."""
    texts = ["\ufeff第一行\u200b  \r\n\r\n\r\n\r\n\r\n第二行\x07\x1b：ＡＢＣ１２３\u00a0好 ",
             "\u3000全角空格开头\u3000", "e\u0301 NFC", "\x85下一行\u2028", "行尾\t \n  \n\n\n\n末",
             "ｚ９ｇ（全角括号）",
             "\r只有回车\r\r\r\r", "   ", "\u00ad软\u2060连字", "普通的文本。", "末尾空格 ",
             "\n开头换行", "三个空行\n\n\n\n末", "两个空行\n\n\n末",
             "「引号」—— …\tok\n한국어 かな"]
    t = table(*[chat(a, b, system=c) for a, b, c in zip(texts, texts[::-1], texts[3:] + texts[:3],
                                                        strict=True)])
    for step in (Normalize(), Normalize(fullwidth_alnum=False, max_blank_lines=0)):
        vectorized, loop = step(t), RecordStep.__call__(step, t)
        assert vectorized.kept.equals(loop.kept)
        assert vectorized.changed == loop.changed > 0


def test_normalize_skips_only_characters_it_never_changes():
    """What the step skips (texts of UNCHANGED characters) is what the clean-up leaves."""
    chars = [chr(c) for c in range(0x110000) if re.fullmatch(f"[{UNCHANGED}]", chr(c))]
    # second characters of canonical compositions (e + U+0301 -> é): they may combine
    seconds = {chr(int(d.split()[1], 16)) for d in map(unicodedata.decomposition, map(
        chr, range(0x110000))) if d and not d.startswith("<") and len(d.split()) == 2}
    edits = re.compile(f"{INVISIBLE}|{ODD_SPACES}|[{''.join(FULLWIDTH_ALNUM)}\r]")
    assert len(chars) > 30000
    for ch in chars:
        assert unicodedata.normalize("NFC", ch) == ch and unicodedata.combining(ch) == 0, ch
        assert ch not in seconds and not edits.match(ch), ch
        assert not ch.isspace() or re.fullmatch(EDGE_SPACE, ch), ch
    column = pl.Series(chars)
    assert column.str.normalize("NFC").equals(column)  # polars' tables agree
    clean = "".join(chars).replace("\n", "")
    assert Normalize()(table(chat("问" + clean + "答", "好"))).changed == 0


# to_simplified --------------------------------------------------------------

def test_t2s_converts_characters_and_leaves_simplified_alone():
    r = ToSimplified("t2s")(table(chat("這個問題很簡單", "這個軟體"), chat("这个问题", "简单")))
    assert contents(r.kept) == [["这个问题很简单", "这个软体"], ["这个问题", "简单"]]
    assert r.changed == 1


def test_tw2sp_converts_taiwanese_phrasing():
    r = ToSimplified("tw2sp")(table(chat("滑鼠壞了", "請重新安裝軟體後再列印")))
    assert contents(r.kept)[0] == ["鼠标坏了", "请重新安装软件后再打印"]


def test_to_simplified_converts_chinese_in_code_but_not_code_or_urls():
    answer = ("請執行：\n```python\n# 計算總數\nprint('繁體')  # 輸出結果\n```\n"
              "參考 https://例子.tw/繁體 與 `變數`")
    r = ToSimplified("t2s")(table(chat("怎麼做", answer)))
    out = contents(r.kept)[0][1]
    assert out.startswith("请执行")
    assert "# 计算总数\nprint('繁体')  # 输出结果\n" in out  # comments and strings
    assert "https://例子.tw/繁體" in out and "`變數`" in out  # inline code: an identifier


def test_to_simplified_converts_a_code_only_answer():
    answer = "```python\n# 讀取檔案\ndata = open('a.txt').read()\n```"
    r = ToSimplified("auto")(table(chat("寫程式讀取檔案", answer)))
    assert "# 读取" in contents(r.kept)[0][1]
    assert r.signals.height == 1 and '"script":"traditional"' in r.signals["signals"][0]


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
        chat("打个招呼", "こんにちは、お元気ですか。今日はいい天気ですね。"),
        chat("用日语打招呼", "こんにちは、お元気ですか。今日はいい天気ですね。"),  # asked for
    ))
    assert r.kept["source_index"].to_list() == [0, 3]
    assert r.removed["reason"].to_list() == ["en", "ja"]
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
    # <ol> is an ordered list: "1. ", not "- " (the earlier expectation was wrong)
    assert "步骤如下：" in out and "1. 打开\u00a0终端\n2. 输入命令" in out
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


# to_simplified: per-text config, tagging, what must stay ------------------------------

def test_auto_uses_taiwan_phrasing_only_for_taiwanese_text():
    r = ToSimplified()(table(chat("請先安裝這個軟體，再用滑鼠點擊設定。", "这部影片的效果很显著。"),
                             chat("這條綫路很衞生。", "好的")))
    assert contents(r.kept) == [["请先安装这个软件，再用鼠标点击设置。", "这部影片的效果很显著。"],
                                ["这条线路很卫生。", "好的"]]
    assert r.stats["config:tw2sp"] == 1 and r.stats["config:hk2s"] == 1
    assert r.stats["script:traditional"] == 2


def test_tw2sp_everywhere_would_rewrite_mainland_words():
    # why tw2sp runs only on Taiwanese traditional text: on simplified text it rewrites
    import opencc
    text = "这部影片很好看，请放进文件夹。"
    assert opencc.OpenCC("tw2sp.json").convert(text) == "这部视频很好看，请放进文档夹。"
    r = ToSimplified()(table(chat("问", text)))
    assert r.changed == 0 and r.stats["script:simplified"] == 1


def test_mixed_text_converts_only_its_traditional_line():
    text = "这部影片很好看。\n這個軟體很好用。"
    r = ToSimplified()(table(chat("问", text)))
    assert contents(r.kept)[0][1] == "这部影片很好看。\n这个软件很好用。"


@pytest.mark.parametrize("text", [
    "機械学習は人工知能の一分野です。",  # Japanese: 機, 習 are not traditional Chinese here
    "The traditional character 體 is written 体 in simplified Chinese.",
    "한국어 (漢字: 韓國語)",
])
def test_to_simplified_leaves_non_chinese_turns_alone(text):
    r = ToSimplified()(table(chat("OK", text)))
    assert contents(r.kept)[0][1] == text and r.stats["turns_skipped_not_chinese"] == 1


def test_script_tags_count_in_context():
    # 显著 / 乾隆 are simplified; 公里 in traditional text is traditional
    r = ToSimplified()(table(chat("乾隆年间", "效果显著"), chat("這裡的里程是公里數", "對")))
    assert r.stats["script:simplified"] == 1 and r.stats["script:traditional"] == 1
    assert r.changed == 1


# language ID --------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang", [
    ("気象庁は関東地方に大雨警報を発表した。", "ja"),            # no kana: shinjitai 気, 発
    ("日语中的「ありがとう」是谢谢的意思，更礼貌的说法是「ありがとうございます」。", "zh"),
    ("「감사합니다」在韩语里表示感谢，比「고마워요」更正式一些。", "zh"),
    ("def add(a, b):\n    return a + b\n\nprint(add(1, 2))", "und"),  # unfenced code
    ("这篇paper提出了一种新的loss function，在多个benchmark上取得了SOTA结果。", "zh"),
    ("The Chinese word 你好 is the most common way to say hello in Mandarin.", "en"),
])
def test_detect_hard_cases(text, lang):
    assert detect(text) == lang


def test_language_id_caps_a_language_share_deterministically():
    convs = [chat(f"问题{i}", "这是一个中文回答，内容完整而且清楚。") for i in range(19)]
    convs += [chat(f"Translate {i}", "This is an English answer to a translation prompt.")
              for i in range(5)]
    step = LanguageId(allow={"assistant": ["zh"]}, max_share={"en": 0.1})
    r = step(table(*convs))
    # 19 Chinese kept; English at most 10% of the output: floor(0.1 * 19 / 0.9) = 2
    assert r.kept.height == 21
    assert r.removed["reason"].to_list() == ["en_over_cap"] * 3
    assert r.stats["lang_in:assistant:en"] == 5 and r.stats["lang_out:assistant:en"] == 2
    assert step(table(*convs)).kept["id"].to_list() == r.kept["id"].to_list()


# quality -------------------------------------------------------------------------------

LONG = "学习编程需要循序渐进。首先要掌握一门语言的基础语法，例如变量、循环和函数；其次要多做练习，"


@pytest.mark.parametrize("question, answer, reason", [
    ("介绍光合作用", GOOD.encode("utf-8").decode("cp1252", errors="replace"), "mojibake"),
    ("介绍光合作用", GOOD.encode("utf-8").decode("gbk", errors="replace"), "mojibake"),
    ("怎么学编程？", LONG + "通过小项目巩固知识；最后，", "truncated"),
    ("写一首关于春天的诗。", "写一首关于春天的诗。", "restates_question"),
    ("推荐一本书", "作为一个AI语言模型，我没有个人喜好，但是《三体》很受欢迎。", "ai_disclaimer"),
    ("你是谁", "我是由OpenAI训练的大型语言模型。", "ai_disclaimer"),
    ("查一下股价", "I'm sorry, but I cannot access real-time data.", "refusal"),
])
def test_quality_new_rules_fire(question, answer, reason):
    r = Quality()(table(chat(question, answer)))
    assert r.removed["reason"].to_list() == [reason], r.removed["detail"].to_list()


@pytest.mark.parametrize("question, answer", [
    ("介绍一下ChatGPT。", "ChatGPT是由OpenAI开发的聊天机器人，能够回答问题、写作和编程。"),
    ("改正这个句子中的错误：我昨天去了商店买了苹果了。", "我昨天去商店买了苹果。"),
    ("“锟斤拷”是什么意思？", "“锟斤拷”是常见的乱码，源于UTF-8和GBK编码转换时的错误。"),
    ("列出三种水果。", "1. 苹果，又甜又脆，富含膳食纤维和维生素，适合每天吃一个\n2. 香蕉\n3. 橙子"),
    ("给个链接", "可以看官方教程，内容循序渐进，讲解也很清楚：https://docs.python.org/zh-cn/3/"),
    ("翻译成法语：我喜欢咖啡。", "J'aime le café. C'est ma boisson préférée."),
    # runs on without a final 。: complete more often than not on real data
    ("怎么学编程？", LONG + "通过小项目巩固知识，然后在实际工作中不断积累经验并且学会阅读代码"),
    ("写一首现代诗", "我把清晨折成一只纸船\n放进窗外那条看不见的河\n慢慢漂向你住的那座城市"),
])
def test_quality_keeps_hard_negatives(question, answer):
    r = Quality()(table(chat(question, answer)))
    assert r.kept.height == 1, r.removed["detail"].to_list()


# turn_repair ---------------------------------------------------------------------------

def test_turn_repair_keeps_the_exchanges_that_fit_the_budget():
    long = "机器学习是人工智能的一个分支。" * 40  # ~600 chars, ~650 tokens
    r = TurnRepair(max_tokens=1500)(table(chat("问一", long, "问二", long, "问三", long)))
    assert [len(m) for m in r.kept["messages"].to_list()] == [4]
    assert r.stats["conversations_cut"] == 1 and r.stats["exchanges_cut"] == 1
    r = TurnRepair(max_tokens=500)(table(chat("问一", long)))
    assert r.removed["reason"].to_list() == ["over_budget"]


def test_turn_repair_strips_share_page_noise_and_renames_roles():
    r = TurnRepair()(table(msgs(("human", "1 / 1翻译成英文：你好"), ("gpt", "Hello"),
                                ("user", "1 / 12加3等于几？"),
                                ("assistant", "示例：\n```pythonCopy code\nprint(5)\n```"))))
    assert contents(r.kept)[0] == ["翻译成英文：你好", "Hello", "2加3等于几？",
                                   "示例：\n```python\nprint(5)\n```"]
    assert r.stats["roles_renamed"] == 2


def test_turn_repair_drops_a_question_whose_answer_is_empty():
    r = TurnRepair()(table(msgs(("user", "问一"), ("assistant", ""), ("user", "问二"),
                                ("assistant", "答二"))))
    assert contents(r.kept)[0] == ["问二", "答二"] and r.stats["unanswered_dropped"] == 1


@pytest.mark.parametrize("word", ["继续", "请继续写", "接着说", "Continue", "go on", "继续。"])
def test_turn_repair_continuation_words(word):
    r = TurnRepair()(table(msgs(("user", "写文章"), ("assistant", "上半"), ("user", word),
                                ("assistant", "下半"))))
    assert contents(r.kept)[0] == ["写文章", "上半\n下半"]


def test_turn_repair_leaves_prose_that_mentions_tags_alone():
    answer = "你可以用<br>标签换行，或者用<p>标签分段。"
    r = TurnRepair()(table(msgs(("user", "HTML怎么换行"), ("assistant", answer))))
    assert contents(r.kept)[0][1] == answer


# text helpers --------------------------------------------------------------------------

def test_common_simplified_characters_are_not_traditional():
    from curation.text import scripts
    assert scripts("什么怎么这么乾隆显著").trad == 2  # 乾 and 著 are judged in context
    assert scripts("什么怎么").trad == 0 and scripts("這麼").simp == 0


def test_shared_counts_remember_each_text_inside_only(monkeypatch):
    import curation.text as text

    texts = ["這麼說", "这么说", "這麼說吧", "ひらがな", "word", "這麼說"]
    alone = [text.scripts(t) for t in texts]
    with text.shared_counts():
        assert [text.scripts(t) for t in texts] == alone
        assert text._counted is not None and sorted(text._counted) == sorted(set(texts))
        with text.shared_counts():  # a nested scope shares the outer one's
            assert len(text._counted) == 5
    assert text._counted is None
    monkeypatch.setattr(text, "SHARED_TEXTS", 2)
    with text.shared_counts():
        assert [text.scripts(t) for t in texts] == alone and len(text._counted) == 2


def test_estimate_tokens_is_within_a_fifth_of_mixtral():
    from curation.text import estimate_tokens
    zh = "机器学习是人工智能的一个分支，它让计算机从数据中学习规律。" * 10   # 290 tokens
    en = "Machine learning is a branch of artificial intelligence. " * 10  # 100 tokens
    assert 0.8 * 290 <= estimate_tokens(zh) <= 1.2 * 290
    assert 0.8 * 100 <= estimate_tokens(en) <= 1.2 * 100


# data card -----------------------------------------------------------------------------

def test_card_reports_the_text_steps(tmp_path, benchmarks_in_cwd):
    import json

    from curation import recipe as recipes
    from curation.build import build

    alpaca = [
        {"instruction": "這個軟體怎麼安裝？", "input": "",
         "output": "先下載安裝程式，再按照畫面上的提示一步一步完成設定即可。"},
        {"instruction": "推荐一本书", "input": "<无输入>",
         "output": "作为一个AI语言模型，我没有个人喜好，但是《三体》很受欢迎。"},
        {"instruction": "Say hello", "input": "", "output": "Hello! How can I help you today?"},
        {"instruction": "介绍长城", "input": "",
         "output": "长城是中国古代的军事防御工程，绵延上万里，明长城保存最完整。"},
    ]
    sharegpt = [{"conversations": [
        {"from": "gpt", "value": "你好"}, {"from": "human", "value": "什么是光合作用？"},
        {"from": "gpt", "value": "<p>光合作用是植物利用光能制造有机物的过程。</p>"},
        {"from": "human", "value": "继续"}, {"from": "gpt", "value": "它在叶绿体中进行。"}]}]
    (tmp_path / "a.json").write_text(json.dumps(alpaca, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "s.json").write_text(json.dumps(sharegpt, ensure_ascii=False), encoding="utf-8")
    result = build(recipes.load("v2"), out=tmp_path / "out", source_paths={
        "alpaca_zh": str(tmp_path / "a.json"), "alpaca_gpt4_zh": str(tmp_path / "a.json"),
        "sharegpt": str(tmp_path / "s.json")})
    card = (result.path / "README.md").read_text(encoding="utf-8")
    text = card[card.index("## Text steps"):card.index("## Composition")]
    assert "| HTML answer -> markdown | 1 |" in text
    assert "turns merged into the answer | 1 |" in text
    assert "traditional 2" in text  # the traditional record, once per alpaca source
    assert ("| ai_disclaimer | AI self-description (zh/en), not for a persona the user asked for"
            " | 2 |") in text
    assert "| assistant | en 2 -> 0, zh 7 -> 7 |" in text


def test_turn_repair_keeps_nested_lists_nested():
    html = ('<div class="markdown prose"><ul><li><p>第一点</p><ul><li>细节A</li></ul></li>'
            '<li>第二点</li></ul></div>')
    r = TurnRepair()(table(msgs(("user", "问题"), ("assistant", html))))
    assert contents(r.kept)[0][1] == "- 第一点\n  - 细节A\n- 第二点"


def test_refusal_inside_a_quotation_is_dialogue_not_a_refusal():
    story = "“对不起，我不能和你一起去了。”小红低下头说。\n小明笑着说：“没关系，下次吧。”"
    assert Quality()(table(chat("写一段小说对话。", story))).kept.height == 1


# fast paths: the same answers as the patterns they stand in for -------------------

def test_mojibake_start_is_every_first_character_of_a_match():
    """MOJIBAKE_START gates MOJIBAKE.findall: it must match every character a
    MOJIBAKE match can start with (checked over the BMP)."""
    from curation.steps.quality import MOJIBAKE, MOJIBAKE_START

    seconds = ["", "\u0080", "\u2122", "斤拷", "烫烫", "屯屯"]
    for c in map(chr, range(0x10000)):
        starts = any(MOJIBAKE.match(c + rest) for rest in seconds)
        assert bool(MOJIBAKE_START.match(c)) == starts, hex(ord(c))


def test_content_len_at_most_equals_the_full_count():
    from curation.steps.quality import content_len, content_len_at_most

    texts = ["短", "。" * 300 + "字", "字" * 61, "，".join(["字"] * 100), "字" * 240 + "。" * 500,
             "a b c " * 50, "？" * 240 + "字" * 61, ""]
    for text in texts:
        for limit in (0, 1, 60, 61, 400):
            assert content_len_at_most(text, limit) == (content_len(text) <= limit)


def test_layout_lines_tables_diagrams_and_symbols():
    from curation.text import layout_line, repetition_text

    assert layout_line("| a | b |") and layout_line("  +---+---+ ") and layout_line("- - -")
    assert layout_line("开始 → 结束") and layout_line("├── src")
    assert layout_line("♪ ♫ ♪ ♫") and layout_line("")
    assert not layout_line("这是一行普通的中文句子，没有表格。")
    assert not layout_line("a | b") and not layout_line("+ 加一")
    text = "第一段文字。\n| 列 | 列 |\n|---|---|\n第二段文字。"
    assert repetition_text(text) == "第一段文字。\n第二段文字。"


def test_changed_counts_differing_positions_and_the_length_difference():
    from curation.steps.to_simplified import changed

    def by_zip(a: str, b: str) -> int:
        return sum(x != y for x, y in zip(a, b, strict=False)) + abs(len(a) - len(b))

    pairs = [("", ""), ("說話", "说话"), ("說話了", "说话"), ("abc", "abcdef"), ("😀說", "😀说"),
             ("\ud800說", "\ud800说"), ("一樣", "一樣")]
    for a, b in pairs:
        assert changed(a, b) == by_zip(a, b) == changed(b, a)
    assert changed("說話了", "说话") == 3


def test_no_text_costs_more_than_the_per_character_bound():
    """turn_repair skips the token estimate when this bound fits the budget."""
    import random

    from curation.steps.turn_repair import MAX_TOKENS_PER_CHAR
    from curation.text import estimate_tokens

    rng = random.Random(0)
    alphabet = list("aZ1 ,.\n中說気한ㄱあÀé😀𠀀\ud800，。…") + [chr(c) for c in range(0x80, 0x100)]
    texts = ["한" * 500, "😀" * 300, "À" * 400, "…" * 100]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
              for _ in range(3000)]
    for text in texts:
        assert estimate_tokens(text) <= MAX_TOKENS_PER_CHAR * len(text) + 1, text[:40]
