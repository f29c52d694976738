"""Rule-based quality filters for Chinese instruction data; thresholds come from the
recipe and were calibrated on bench/labeled/quality.jsonl (``bench/quality.py --sweep``).

Rules, in the order they are tried per turn (the first that fires names the
reason): placeholder, too_short, too_long, mojibake (any turn); described_input
(prompts whose input line only describes the input); spun_text, translated_code
(code whose keywords were machine-translated into Chinese), repeated_lines,
repeated_ngrams (on the prose: code, tables, diagrams and notation repeat by
nature; not repetition the prompt asks for or a template under new headings),
refusal (not a refusal of a jailbreak), jailbreak (an answer that plays
along with one), ai_disclaimer (not when the user asked for a persona),
unbalanced_code_fence, truncated, restates_question (not for rewrite tasks or a chosen option),
asks_for_input (answers). A bad turn after good exchanges trims the conversation
to those exchanges (``Trim``) when they pass the step on their own; a bad first
exchange, or a jailbreak setup before the bad turn, removes it. Every record
keeps its signals (repetition shares, matched phrases with turn and span,
truncation evidence, each rule's margin to its threshold). Lengths are
content characters (letters, digits, Han characters; no spaces or punctuation): a
Chinese word is one or two characters, not a whitespace token. Placeholder input
lines ("<无输入>") are stripped from prompts rather than dropping the record.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import ClassVar

import numpy as np
import polars as pl

from curation.schema import Conversation, Message
from curation.steps import RecordStep, register
from curation.steps.base import Drop, Keep, Signals, StepResult, Trim, Verdict
from curation.text import (
    FENCE_OPEN,
    JP,
    TRAD,
    TRADZ,
    gated,
    repetition_text,
    script_table,
    scripts,
)

# Searched in the first ``refusal_window`` characters of an answer: a refusal opens it.
DEFAULT_REFUSALS = [
    r"(?:抱歉|对不起|很遗憾|不好意思|道歉)[，,！!。\s]*(?:但是?|可是)?[，,]?\s*(?:作为[^，,。]{1,12}[，,])?"
    r"我(?:目前|暂时|并)?(?:无法|不能|没有办法|没办法|不可以|不会(?!再)|不被允许)",
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
    r"作为一?[个名款种位]?(?:AI|人工智能|大型|大|虚拟|智能)?(?:语言模型|AI助手|人工智能助手|智能助手|虚拟助手"
    r"|聊天机器人|AI模型|人工智能模型|机器学习模型)",
    r"我是一?[个名款位][^，。！？\n]{0,12}的(?:AI|人工智能)",
    r"作为(?:一[个名款种])?由\s?OpenAI[^，。\n]{0,12}(?:语言模型|模型|AI|人工智能|助手)",
    r"作为一?[个名款种位]?[^，。\n]{1,8}的(?:AI|人工智能)(?:语言模型|助手|模型)",
    r"我(?:叫|名叫|的名字是)\s?ChatGPT",
    r"作为一?[个名款种位]?(?:AI|人工智能)[，,]",
    r"我(?:只)?是一?[个款]?(?:AI|人工智能|计算机程序|机器人)(?:语言模型|助手|模型|程序)?[，,。！]",
    r"我是一?[个款]?(?:AI|人工智能|大型)?语言模型",
    r"我是(?:一个|一款)?(?:由|被)\s?OpenAI\s?(?:开发|训练|创建|设计)",
    r"我是\s?ChatGPT",
    r"我没有(?:个人|自己的)(?:观点|意见|情感|感情|偏好|信仰|看法|喜好|经历|经验)",
    r"我的(?:知识|训练数据|信息|数据)(?:库)?(?:仅|只)?(?:截止|截至|更新|止于|停留在)",
    r"截[止至]到?我(?:的)?(?:知识|训练|信息|数据|所知|在\d{4}年(?:得知|所知|了解))",
    r"我(?:所)?(?:了解|知道)的截止",
    # Self-descriptions the forms above miss ("作为一个 AI 助手", "我是一个语言AI",
    # "由于我是OpenAI训练的语言模型", "作为人工智能程序"): at a clause start, an AI
    # noun within a few characters of 作为/我是 (作为 after a clause break, 我, 但是 …).
    r"作为(?<![^。！？!?\n，,：:；;\s我但是过且于为]..)\s?(?:一[个名款种位])?"
    r"[^，,。！？\n]{0,10}?(?:AI|人工智能|语言模型)\s?(?:语言)?\s?(?:模型|助手|机器人|程序|系统)?\s?[，,]",
    r"(?:由于|因为)?我(?:只)?是一?[个名款种位]?\s?[^，,。！？\n]{0,12}?(?:AI|人工智能|语言)\s?(?:语言)?\s?"
    r"(?:模型|助手|机器人|程序)",
    r"我是一?[个名款种位]?(?:语言\s?AI|AI\s?模型)",
    r"作为(?:一[个名款种位])?(?:机器人|人工智能程序|计算机程序)[，,]",
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
# Every character a MOJIBAKE match can start with: one class is searched much faster
# than an alternation whose branches start with classes (most turns have none).
MOJIBAKE_START = re.compile(r"[\ufffd锟烫屯ÃÂâäåæçèéêëìíîïðòóôõöùúûü"
                            r"锛銆鐨鏄犲彂鍦嶆緥鍚鎴鈥锟鍙嬮]")
# A sentence cannot end on these: the answer was cut.
DANGLING_END = re.compile(r"(?:[，,、：:（(《“‘—]|因为|但是|如果|所以|而且|并且|以及|例如|比如"
                          r"|其中|是否|还要|通常会|可能会|需要|包括|通过|对于|由于|为了|从而|或者|首先|其次|然后)$")
DANGLING_EN = re.compile(r"\b(?:and|or|the|a|an|of|to|with|for|in|that|which|because|but|is|are"
                         r"|was|were|be|such as|including|like|by|from|as|on|at)$", re.I)
# A summary that opens and stops: "总之，要解决这个问题".
SUMMARY_OPEN = re.compile(r"(?:^|[。！？!?\n])\s*(?:总之|综上所述|综上|总而言之|总的来说"
                          r"|因此|所以|最后)[，,][^。！？!?\n，,]{0,12}$")
# Characters a short final clause cannot stop on (…，描写了 / …，并将).
DANGLING_CHAR = re.compile(r"[了是和与及或把被将为以并而]$")
SENTENCE_END = re.compile(r"[。！？!?…~～.\"”’）)】》」』\]]$")
HASHTAGS = re.compile(r"(?:\s*#[^\s#]+)+\s*$")
# Evidence that reads the answer's own habits: a writer who closes sentences and
# paragraphs with 。 and then stops without one was cut (see :func:`unclosed_ending`).
CLOSED = re.compile(r"[。！？!?]")
LIST_LINE = re.compile(r"^\s*(?:\\?[-*+•·]|\d+[.、)）]|[（(]?\d+[)）]|[①-⑳]"
                       r"|[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十\d]+[，,、：:]|[|#>])")
# An earlier sentence that announces parts ("…四个阶段。", "…一系列措施：", "如下:").
ANNOUNCES_PARTS = re.compile(
    r"(?:[一二两三四五六七八九十几\d]+(?:个|种|项|点|类|步|条|大)[\u4e00-\u9fff]{0,2}"
    r"(?:阶段|方面|步骤|部分|原则|方法|措施|要素|因素|特点|原因|建议|环节|领域|类型)"
    r"|以下|如下|一系列)[^，,。：:\n]{0,16}[：:。]")
# The first item of a list, and a later one ("…：\n1. 使用感官细节" stops after item 1).
FIRST_ITEM = re.compile(r"^\s*(?:1[.、)）]|[（(]1[)）]|一[、.．]|①|第一[，,、：:])")
SECOND_ITEM = re.compile(r"(?:^|[\s。；;，,])(?:2[.、)）]|[（(]2[)）]|二[、.．]|②|第二[，,、：:])")
# A short last sentence that may stand alone: a closing formula or a piece of advice.
CLOSING_FORMULA = re.compile(r"^(?:祝|希望|谢谢|謝謝|感谢|感謝|多谢|加油|仅供参考|僅供參考"
                             r"|以上|欢迎|歡迎|再见|再見|此致|敬礼|保重|注意|建议|建議|请|請|早日)")
OPENERS = {"（": "）", "(": ")", "《": "》", "“": "”", "【": "】", "「": "」", "[": "]"}
# Prompts whose answer is meant to stay close to the input: rewrite, correct, transcribe.
REWRITE_TASK = gated(re.compile(
    r"改写|重写|改正|纠正|修改|修正|编辑|加上|添加|润色|转换|转写|转录|翻译|译成|改成|改为|变成|换成|替换|复述|重复|抄写|同义"
    r"|排序|排列|整理|格式|大写|小写|标点|缩写|扩写|精简|简化|删除|去掉|提取|找出|摘录|拼写|语法|断句|分词"
    r"|\b(?:rewrite|rephrase|paraphrase|correct|convert|transcribe|translate|reorder|sort|capitali[sz]e"
    r"|edit|fix|format|repeat|extract|spell)", re.I))
# The user asked for a persona: "扮演ChatGPT", "act as an evil chatbot".
PERSONA_REQUEST = gated(re.compile(
    r"扮演|假装|假设你是|假如你是|你现在是|现在你是|从现在开始你|你将作为|充当|角色扮演|模拟一个|模仿"
    r"|第一人称|以[^，。\n]{1,12}的(?:身份|口吻|角度)"
    r"|\b(?:act as|act like|pretend|role-?play|you are now|from now on,? you|you will be"
    r"|play the role|stay in character|jailbreak|DAN|in the first person|write as)\b", re.I))
# A prompt asking the model to drop its rules: refusing it is the right answer.
JAILBREAK = gated(re.compile(r"\bDAN\b|jailbreak|越狱|不受[^，。]{0,8}限制|摆脱了?[^，。]{0,8}限制"
                             r"|无需遵守|不需要遵守|开发者模式|do anything now|developer mode"
                             r"|(?:未经|不经|没有任何|无)过滤(?!器)|没有(?:任何)?(?:道德|伦理)(?:规范|准则|原则|约束)"
                             r"|内容政策[^。\n]{0,12}(?:说教|道德化|呼吁|演讲|怒喊)"
                             r"|(?:说教|道德化)[^。\n]{0,12}内容政策", re.I))
# Synonym-spun text (words swapped for near-synonyms to dodge duplicate detection):
# 实施救治 for 进行治疗, 看重自身 for 注意自己, 惹起 for 引起, 倡议 for 建议 … Two
# different ones in an answer mark it (medical Q&A scraped from spun pages), or one of
# SPUN_STRONG.
SPUN = gated(re.compile(r"实施(?:救治|治疗|检查|手术|诊治)|看重(?:自身|饮食|护理)|留意歇息|惹起"
                        r"|倡议"
                        r"|致使(?:的|了)|服食药物|诊病|新颖(?:蔬菜|水果)|令得|带给的影响|(?<!坚)持继|再次发生于"
                        r"|对症救治|病发"))
# Spun wordings no careful writer uses (看重自身的护理 for 注意自身的护理, 需要有长期的药物治疗,
# 剔除怀上 for 排除怀孕): one marks the answer. Tuned on the medical tune split, where every
# answer with one was spun and none was labeled good.
SPUN_STRONG = re.compile(r"看重(?:自身|饮食|护理|下来)|留意(?:歇息|自身|个人)|再次发生于|惹起"
                         r"|带给的影响|新颖(?:蔬菜|水果)|需要有(?:长期的|及时)|严令禁止性|剔除怀上|放柔病情|恰当饮食"
                         r"|期望患者|对症救治|实施救治|服食(?:药物|敷药|紧急)")
# A template prompt whose input line describes the input instead of giving it ("一篇关于
# 环境污染问题的文章。", "科技文章的正文，包括…"): the answer can only invent it or ask. A
# line that asks or points at given text ("请总结此电子邮件的内容。") is the instruction.
DESCRIBED_INPUT = re.compile(
    r"^(?!.*(?:请|此|这|该|以下|下面|上面|上述|如下))(?:提供)?(?:一[篇份段个组张封首些][^：:“\"「」\n]{0,30}(?:文章|文档|报告|文本|段落|报道|简历|列表"
    r"|数据|图片|照片|信息|代码|论文|邮件|信件|合同|表格|歌曲|诗|对话|记录|句子|评论)(?:副本)?"
    r"|[^：:“\"「」\n]{0,24}(?:文章|文档|报告|文本|段落|报道|简历|论文|邮件|信件|合同|表格)(?:的|之)?"
    r"(?:正文|全文|副本|内容|PDF|Word|链接))(?:[，,或][^：:“\"\n]{0,30})?[。.]?$")
# What an AI persona can be called; an answer may say it is what the user asked it to play.
PERSONA_TERMS = re.compile(r"ChatGPT|GPT|AI|人工智能|机器人|语言模型|助手|OpenAI", re.I)
# The user announces the input is coming ("我会给你…", "如果我提供…"): asking for it is right.
INPUT_COMING = gated(re.compile(
    r"我(?:会|将|稍后|接下来)(?:给|提供|发|用|输入|告诉)|如果我(?:给|提供|发)|接下来|之后我|稍后"
    r"|充当|扮演"
    r"|\bI(?:'ll| will) (?:give|send|provide|paste|share)\b|\bact as\b", re.I))
# An answer that opens with a refusal but goes on to answer (or a caveat after an
# answer: "…很抱歉，我无法浏览网络") is a hedge, not a refusal.
REFUSAL_HEDGE_CHARS = 150
# "抱歉，我无法确定…，因为它取决于…。如果是…，可以填…": a hedge on certainty, then an
# answer for each case, is an answer.
CERTAINTY_HEDGE = re.compile(r"确定|判断|确认|肯定")
CASE_ANSWER = re.compile(r"如果|假如|要是|若是")
# An answer that only asks for what the prompt forgot to give.
ASKS_FOR_INPUT = gated(re.compile(
    r"(?:请|麻烦|能否|可以)(?:您|你)?(?:先)?(?:提供|给出|输入|告诉我|发送|粘贴|分享|补充)[^。！？\n]{0,30}?"
    r"(?:文章|句子|文本|文字|内容|段落|信息|数据|代码|图片|链接|名称|列表|原文|问题|描述|细节|材料|诗"
    r"|歌词|单词|词语|表格|题目)"
    r"|请问(?:您|你)(?:需要|想|要)?(?:咨询|询问|了解|问)(?:什么|哪些|哪方面)"
    r"|(?:没有|未|并未|没)(?:提供|给出|看到|收到|附上)[^。！？\n]{0,20}?"
    r"(?:文章|句子|文本|内容|段落|信息|数据|代码|图片|链接|列表|原文|材料)"
    r"|\b(?:please provide|could you (?:please )?provide|you (?:did not|didn't) provide"
    r"|(?:no|missing) (?:text|input|article|sentence|code) (?:was )?provided)\b", re.I))

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
    hits = MOJIBAKE.findall(text) if MOJIBAKE_START.search(text) else []
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
    return tuple((gated(re.compile("|".join(f"(?:{p})" for p in g), re.I | re.M)), latin)
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


# Screens: which of the step's searches can match a turn, for all turns at once in polars
# (Rust's regex engine: ~7x faster than Python's on these alternations); a turn whose bit
# is clear is not searched. A turn with a character where the two engines differ (\s:
# U+001C-U+001F are space only to Python; re.I: dotted and dotless i) gets every bit.
DISCLAIMER, REFUSAL, SPUN_BIT, EVERY = 1, 2, 4, 7
ENGINES_DIFFER = "[\x1c-\x1f\u0130\u0131]"
_LOOKAROUND = re.compile(r"\(\?<?[!=](?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)")
# Python syntax polars' engine reads otherwise or not at all: groups other than (?:),
# escapes whose classes differ (\w \S \D \B \A \Z \z \N, backreferences, \\), and
# set operations and nested classes (literal characters to Python).
_UNSUPPORTED = re.compile(r"\(\?(?!:)|\\[wWSDBAZzN\d\\]|&&|--|~~|\[(?:[^\]\\]|\\.)*\[")


def rust_superset(patterns: list[str], ignore_case: bool) -> str | None:
    """One pattern for polars that matches wherever one of ``patterns`` does under
    Python's ``re`` (with re.M, and re.I if ``ignore_case``): lookarounds and ``\\b``
    dropped, which only widens it. None when a pattern uses syntax beyond that
    (backreferences, inline flags, ``\\w`` ...) or polars cannot compile it."""
    relaxed = []
    for p in patterns:
        p = _LOOKAROUND.sub("", p)
        if _UNSUPPORTED.search(p):
            return None
        relaxed.append("(?:" + p.replace(r"\b", "") + ")")
    if not relaxed:
        return None
    out = f"(?m{'i' if ignore_case else ''})" + "|".join(relaxed)
    try:
        pl.select(pl.lit("").str.contains(out))
    except pl.exceptions.PolarsError:
        return None
    return out


def quoted(text: str, pos: int) -> bool:
    """Is ``pos`` inside a quotation on its line (a character's line in a story)?"""
    before = text[text.rfind("\n", 0, pos) + 1:pos]
    return (before.count("“") > before.count("”") or before.count("「") > before.count("」")
            or before.count('"') % 2 == 1)


def content_len(text: str) -> int:
    """Characters that carry content: no whitespace or punctuation."""
    return len(NON_CONTENT.sub("", text))


# A prompt that asks for repetition ("重复输入 5 次", "repeat it three times", "写十遍").
REPEAT_REQUEST = gated(re.compile(r"(?:重复|写|说|读|念|喊|打印|输出|输入)[^。，\n]{0,10}"
                                  r"[\d一二两三四五六七八九十百]+\s*[次遍]"
                                  r"|\brepeat\b"
                                  r"|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten)"
                                  r" times\b", re.I))
# A choice line of a quiz ("A. 生物学", "(B) 物理").
OPTION_LINE = re.compile(r"^\s*[（(]?[A-Ha-h][.、．)）:：]\s*\S")


def templated_lines(text: str) -> bool:
    """Repeated lines that fill a template: every run of repeated lines is a list item
    or a short option that follows a new line (a weekday heading, a quiz question), and
    no line repeats the line just before it. A loop of one sentence has no new line
    between its repeats."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    seen: set[str] = set()
    runs = 0
    prev_new = False
    prev = None
    for ln in lines:
        if ln in seen:
            if ln == prev or not (LIST_LINE.match(ln) or OPTION_LINE.match(ln)
                                  or len(ln) <= 12):
                return False
            if prev_new:
                runs += 1
            elif runs == 0:
                return False
            prev_new = False
        else:
            seen.add(ln)
            prev_new = True
        prev = ln
    return runs >= 2


def content_len_at_most(text: str, limit: int) -> bool:
    """``content_len(text) <= limit``, from a prefix where that settles it (a long
    answer has more than ``limit`` content characters in its first few hundred)."""
    if len(text) <= limit:
        return True
    if content_len(text[:2 * limit]) > limit:  # prose: most characters are content
        return False
    if len(text) > 4 * limit and content_len(text[:4 * limit]) > limit:
        return False
    return content_len(text) <= limit


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


QUOTED = re.compile(r'“[^“”\n]*”|「[^「」\n]*」|『[^『』\n]*』|"[^"\n]*"')


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def restate_overlap(question: str, answer: str, *, max_ratio: float,
                    max_new_chars: int) -> float:
    """How much the answer is the question again (0 when it cannot be): the smaller
    of the share of its bigrams from the question and the share of the instruction
    line's bigrams it repeats. 0 when it is much longer than the question or adds
    more than ``max_new_chars`` characters not from the instruction line ("…的质数是53":
    53 is new; so is what it takes from the input lines)."""
    if len(answer) > 2 * max_ratio * len(question) + 20:
        return 0.0  # far longer than the question (checked before any copying)
    a = NON_CONTENT.sub("", answer).lower()
    if len(a) < 4:
        return 0.0
    # The question's content is no longer than the question (lower() lengthens only İ).
    if len(a) > max_ratio * len(question) and "İ" not in question:
        return 0.0
    q = NON_CONTENT.sub("", question).lower()
    if len(a) > max_ratio * len(q):
        return 0.0
    qa = _bigrams(q)
    first = NON_CONTENT.sub("", question.strip().split("\n", 1)[0]).lower()
    instruction = _bigrams(first)
    # What the answer takes from the input lines (the story's protagonist, the given
    # number) is its own: an extraction, not the question again.
    covered = [False] * len(a)
    for i in range(len(a) - 1):
        if a[i:i + 2] in instruction:
            covered[i] = covered[i + 1] = True
    if len(a) - sum(covered) > max_new_chars:
        return 0.0
    aa = _bigrams(a)
    if not instruction or not aa:
        return 0.0
    return min(len(aa & qa) / len(aa), len(instruction & aa) / len(instruction))


def instruction_share(question: str, answer: str) -> float:
    """Share of the answer's bigrams that come from the instruction itself: the
    question's first line up to a colon, without what it quotes (what follows or is
    quoted is the input)."""
    head = re.split(r"[：:]", QUOTED.sub("", question.strip().split("\n", 1)[0]), maxsplit=1)[0]
    aa = _bigrams(NON_CONTENT.sub("", answer).lower())
    if not aa:
        return 0.0
    return len(aa & _bigrams(NON_CONTENT.sub("", head).lower())) / len(aa)


def chosen_option(question: str, answer: str) -> bool:
    """The answer opens with one of the options the instruction offers ("…描述为悬疑或
    浪漫" -> "浪漫：“…”"): a classification that quotes its input, not a restatement."""
    head = re.split(r"[：:，,\s]", answer.strip(), maxsplit=1)[0]
    if not head or len(head) > 8:
        return False
    first = question.strip().split("\n", 1)[0]
    return any(f"{head}{sep}" in first or f"{sep}{head}" in first for sep in ("或", "还是", "或者"))


def unchanged_input(question: str, answer: str) -> bool:
    """The answer is the question, an input line or a quoted input verbatim: a rewrite
    left undone."""
    a = answer.strip()
    lines = [ln.strip() for ln in question.strip().split("\n")] + [question.strip()]
    quotes = [q[1:-1].strip() for q in QUOTED.findall(question)]
    return bool(a) and a in lines + quotes


def restates(question: str, answer: str, *, max_ratio: float, min_overlap: float,
             max_new_chars: int = 0) -> bool:
    """The answer is (nearly) the question again (see :func:`restate_overlap`).
    Rewrites of an input ("改正这个句子：…") do not repeat the instruction, so they pass."""
    return restate_overlap(question, answer, max_ratio=max_ratio,
                           max_new_chars=max_new_chars) >= min_overlap


URL_END = re.compile(r"(?:https?://|ftp://|www\.)\S+$")


def unclosed_opener(tail: str) -> str | None:
    """A bracket or quote opened near the end and never closed ("43. 锝(T")."""
    for opener, closer in OPENERS.items():
        at = tail.rfind(opener)
        if at >= 0 and closer not in tail[at:] and len(tail) - at <= 12:
            return opener
    return None


def truncation(text: str, min_chars: int, min_line_chars: int) -> str | None:
    """Evidence that the answer was cut off, or None.

    Strong evidence: it ends on a comma, colon, opening bracket or a connective
    (以及, 例如, "and the"), inside a bracket opened just before the end, or on a
    summary that opens and stops ("总之，要解决这个问题"), or, in a last line of
    ``min_line_chars`` or more, on a short clause ending in a function word
    (…，描写了), or where the answer's own punctuation habits say so
    (:func:`unclosed_ending`). A missing final 。 alone is not evidence, nor a long
    line running on without one: on real data (medical and legal answers, gpt-4o)
    those were complete answers three times in four.
    Answers ending with code, a URL, inline code or hashtags are left alone."""
    if len(text) < min_chars:
        return None
    body = text.rstrip()
    if body.endswith(("```", "~~~")):
        return None
    last = body[body.rfind("\n") + 1:].strip()
    tail = last[-300:]  # the end is what matters; never scan a whole one-line answer
    if "`" in tail or URL_END.search(tail):
        return None
    if "#" in tail and HASHTAGS.search(tail):  # a match needs a #
        return None
    if DANGLING_END.search(tail[-8:]):
        return f"ends with {last[-6:]!r}"
    if SENTENCE_END.search(tail):
        return None
    if DANGLING_EN.search(tail[-20:]) and LATIN_LETTER.search(tail[-2:]):
        return f"ends with {last[-12:]!r}"
    opener = unclosed_opener(tail[-40:])
    if opener:
        return f"ends inside an unclosed {opener!r}: …{last[-12:]!r}"
    if SUMMARY_OPEN.search(tail):
        return f"ends on an unfinished summary: …{last[-16:]!r}"
    clause = re.split(r"[，,；;：:]", tail)[-1]
    if min_line_chars and len(tail) >= min_line_chars and len(clause) <= 3 and (
            DANGLING_CHAR.search(clause)):
        return f"ends on a clause that stops on a function word: …{last[-12:]!r}"
    return unclosed_ending(body, last)


def unclosed_ending(body: str, last: str) -> str | None:
    """The answer's own habits say its unpunctuated end is a cut (tuned on the real
    data's tune split, where complete answers without a final 。 were mostly one-line
    doctors' notes and ；-joined lists, which none of these match):

    - an unclosed prose paragraph right after a paragraph closed with 。 (the writer
      closes paragraphs: "…的小故事。\n\n从前有…他要搬到另一个城市去");
    - a last sentence of several clauses after an earlier one announced parts
      ("…四个阶段。在需求分析阶段，…并确定", "…一系列措施：…，…，…进行管理");
    - a fragment of at most 8 Chinese characters after the last 。 of the line, other
      than a closing formula or advice ("…秋水仙碱片。可以同时服用", "…世界的盡頭。充");
    - a list that stops in its first item ("方法如下：\n1. 如果您想在聊天窗口中设置提醒"),
      or on a one-character item after longer ones ("…工伤保险金、抚", "像是景点、餐")."""
    if FIRST_ITEM.match(last) and not SECOND_ITEM.search(last):
        return f"stops in the first item of a list: …{last[-12:]!r}"
    if re.search(r"[\u4e00-\u9fff]{2,}、[\u4e00-\u9fff]$", last):
        return f"stops in a list item: …{last[-12:]!r}"
    if len(last) < 15 or "|" in last:
        return None
    prev = [ln.strip() for ln in body[:len(body) - len(last)].split("\n") if ln.strip()]
    if (prev and not LIST_LINE.match(last) and not LIST_LINE.match(prev[-1])
            and CLOSED.search(prev[-1][-1:]) and re.search(r"[，,。]", last)
            and not CLOSING_FORMULA.match(last)):
        return f"ends an unclosed paragraph after closed ones: …{last[-12:]!r}"
    closed = list(CLOSED.finditer(body))
    final = body[closed[-1].end():] if closed else body
    if ("\n" not in final.strip() and len(re.findall(r"[，,]", final)) >= 2
            and not CLOSING_FORMULA.match(final.strip())
            and ANNOUNCES_PARTS.search(body[:len(body) - len(re.split(r"[，,]", final)[-1])])):
        return f"stops in the parts it announced: …{last[-12:]!r}"
    done = list(CLOSED.finditer(last))
    fragment = last[done[-1].end():].strip() if done else ""
    if (fragment and len(fragment) <= 8 and re.fullmatch(r"[\u4e00-\u9fff]+", fragment)
            and not CLOSING_FORMULA.match(fragment)):
        return f"ends on a fragment after its last sentence: …{fragment!r}"
    return None


def described_input(prompt: str, where: str) -> Drop | None:
    """A prompt of an instruction and an input line that only describes the input (not
    when the instruction asks about a description, or the input summarises a story: a
    title or a genre needs no more)."""
    if "\n" not in prompt.strip():
        return None
    head, last = (part.strip() for part in prompt.strip().rsplit("\n", 1))
    if len(last) <= 60 and DESCRIBED_INPUT.match(last) and "描述" not in head:
        return Drop("described_input", f"{where}: its input line describes the input instead of "
                    f"giving it: {last!r}")
    return None


# Programming keywords as machine translation renders them (定义 for def, 如果 for if,
# 导入 … 作为 for import … as, 公共类 for public class, 创建表 for CREATE TABLE); longest first.
CODE_KEYWORDS_ZH = sorted(
    "定义 返回 导入 作为 如果 否则如果 否则 对于 范围 打印 尝试 除了 最后 最终 类 真 假 "
    "无 和 或 不 是 通过 中断 打破 继续 产出 全局 断言 引发 函数 功能 变量 常量 让 新 "
    "新的 公共 公共的 私有 私有的 静态 静态的 空 空的 无效 异步 等待 导出 默认 抛出 "
    "捕获 切换 案例 接口 枚举 结构 名称空间 命名空间 使用 字符串 整数 字节数组 布尔 "
    "任务 扩展 实现 超级 创建表 创建表格 选择 插入 更新 删除 从 哪里 其中 连接 分组 "
    "排序 按 值 设置 主键 外键 引用 非空 表 在 当 而".split(), key=len, reverse=True)
_KEYWORD_RUN = re.compile("(?:" + "|".join(CODE_KEYWORDS_ZH) + ")+")
# A keyword that has no prose reading on a code line (not 在, 和, 是, 对于 …), at the
# start of a token ("A类：" is a category, "类 Person" a class).
STRONG_CODE_KEYWORD = re.compile(r"(?:^|[\s;{}()（）=])(?:定义|返回|导入|如果|否则|范围"
                                 r"|打印|尝试|除了|函数|功能|变量|常量|公共|私有|静态|异步"
                                 r"|等待|导出|抛出|捕获|名称空间|命名空间|创建表|当|新的?|类)")
_STATEMENT_PUNCT = re.compile(r"[;{}()=\[\]（）]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_CODE_STRINGS = re.compile(r'"[^"\n]*"|\'[^\'\n]*\'|`[^`\n]*`|(?:^|\s)(?://|#|--).*$')
_CODE_PUNCT = re.compile(r"[(){}=;\[\]:：]")


def translated_code_lines(text: str) -> list[str]:
    """Code lines whose keywords were machine-translated into Chinese (``定义 f(x):``,
    ``导入 numpy 作为 np``, ``当 (真)``): every Chinese word on the line outside strings
    and comments is a keyword, one has no prose reading, and the line has code
    punctuation. Prose about code ("如果 `ttl` 大于 0，则…") has other words. A lone
    ``如果 x > 0：`` (a case in a maths answer) needs a second keyword or a statement's
    punctuation to count."""
    out, keywords, statement = [], 0, False
    for line in text.split("\n"):
        s = line.strip()
        if not s or s.startswith(("#", "//", "/*", "*", "--", "<!--")) or "。" in s or "，" in s:
            continue
        code = _CODE_STRINGS.sub(" ", s)
        runs = _CJK_RUN.findall(code)
        if (runs and all(_KEYWORD_RUN.fullmatch(r) for r in runs)
                and STRONG_CODE_KEYWORD.search(code) and _CODE_PUNCT.search(code)
                and re.search(r"[A-Za-z_({]", code)):
            out.append(s)
            keywords += len(runs)
            statement = statement or bool(_STATEMENT_PUNCT.search(code))
    return out if keywords >= 2 or statement else []


def jailbreak_setup(messages: list[Message]) -> int | None:
    """Index of the first user turn that asks the model to drop its rules, or None."""
    return next((i for i, m in enumerate(messages)
                 if m["role"] == "user" and JAILBREAK.search(m["content"])), None)


def exchange_start(messages: list[Message], turn: int) -> int:
    """Index of the first turn of the exchange that ``turn`` belongs to: everything
    before it is whole exchanges (it ends on an assistant turn, or is empty)."""
    for j in range(turn - 1, -1, -1):
        if messages[j]["role"] == "assistant":
            return j + 1
    return 0


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
    restate_max_new_chars: int = 0
    asks_for_input_max_chars: int = 60
    spun_min_markers: int = 2
    trim: bool = True
    _refusal: Patterns = field(init=False, repr=False, compare=False)
    _disclaimer: Patterns = field(init=False, repr=False, compare=False)
    _screens: Iterator[list[int]] | None = field(default=None, init=False, repr=False,
                                                 compare=False)

    def __post_init__(self) -> None:
        self._refusal = _compile(self.refusal_patterns)
        self._disclaimer = _compile(self.disclaimer_patterns)
        self._screen_by = ((DISCLAIMER, rust_superset(self.disclaimer_patterns, True), None),
                           (REFUSAL, rust_superset(self.refusal_patterns, True),
                            self.refusal_window),
                           (SPUN_BIT, rust_superset([SPUN.pattern, SPUN_STRONG.pattern],
                                                    False), None))
        self._placeholders = {p.lower() for p in self.placeholders}
        self._placeholder_len = max((len(p) for p in self.placeholders), default=0) + 8

    def _strip_placeholder_lines(self, text: str) -> str:
        if "\n" not in text and len(text) > self._placeholder_len:
            return text
        lines = text.split("\n")
        kept = [ln for ln in lines if ln.strip().lower() not in self._placeholders]
        return "\n".join(kept).strip() if len(kept) != len(lines) else text

    def judge(self, role: str, i: int, text: str, sig: Signals | None = None, *,
              prompt: str = "", persona: str = "", jailbreak: bool = False,
              last: bool = True, screen: int = EVERY) -> Drop | None:
        """Rules that look at one turn; ``sig`` collects what they measured,
        ``prompt`` is the question an answer replies to, ``persona`` the turns in
        which the user asked for a role (an AI named there may speak as itself),
        ``jailbreak`` whether it asked the model to drop its rules (then refusing is
        right), ``last`` whether no user turn follows (asking for input is fine then),
        ``screen`` which searches may match (bits, see :meth:`screens`)."""
        sig = {} if sig is None else sig
        where = f"{role} turn {i}"
        if len(text) <= self._placeholder_len and text.strip().lower() in self._placeholders:
            return Drop("placeholder", f"{where} is a placeholder: {text.strip()!r}")
        minimum = self.min_assistant_chars if role == "assistant" else self.min_user_chars
        if len(text.strip()) < 4 * minimum + 8 and content_len(text) < minimum:
            return Drop("too_short", f"{where}: {content_len(text)} content chars < {minimum}")
        if len(text) > self.max_turn_chars:
            return Drop("too_long", f"{where}: {len(text)} chars > {self.max_turn_chars}")
        hits = mojibake_hits(text, self.mojibake_rare_share)
        if hits:
            sig["mojibake"] = len(hits)
        if len(hits) >= self.mojibake_min_hits:
            return Drop("mojibake", f"{where}: {len(hits)} mis-decoded sequences, e.g. {hits[0]!r}")
        if role != "assistant":
            return described_input(text, where)
        if self.spun_min_markers and screen & SPUN_BIT:
            spun = sorted(set(SPUN.findall(text)) | set(SPUN_STRONG.findall(text)))
            if spun:
                sig["spun_text"] = spun
            if len(spun) >= self.spun_min_markers or (spun and SPUN_STRONG.search(text)):
                return Drop("spun_text", f"{where}: synonym-spun wording {', '.join(spun[:4])}")
        translated = translated_code_lines(text)
        if translated:
            sig["translated_code"] = len(translated)
            return Drop("translated_code", f"{where}: code keywords machine-translated into "
                        f"Chinese: {translated[0][:60]!r}")
        prose = repetition_text(text)
        frac = repeated_line_fraction(prose)
        # Repetition the prompt asks for, or a template filled under new headings, is
        # the answer's structure (both measures would count it).
        structure = bool(frac) and (bool(REPEAT_REQUEST.search(prompt)) or templated_lines(prose))
        if frac:
            sig["repeated_lines"] = round(frac, 3)
            if structure:
                sig["repeated_exempt"] = "asked" if REPEAT_REQUEST.search(prompt) else "template"
        if frac > self.max_repeated_line_fraction and not structure:
            return Drop("repeated_lines", f"{where}: {frac:.2f} of lines repeat")
        # The sample misses a share above the threshold with p < 0.005 at a 0.25 margin.
        frac = repeated_ngram_fraction(prose, self.ngram,
                                       gate=max(0.0, self.max_repeated_ngram_fraction - 0.25))
        if frac:
            sig["repeated_ngrams"] = round(frac, 3)
        if frac > self.max_repeated_ngram_fraction and not structure:
            return Drop("repeated_ngrams", f"{where}: {frac:.2f} of {self.ngram}-grams repeat")
        match = search(self._refusal, text, self.refusal_window) if screen & REFUSAL else None
        if match:
            exempt = "quoted" if quoted(text, match.start()) else None
            if exempt is None and (content_len(text[:match.start()]) >= REFUSAL_HEDGE_CHARS / 2
                                   or (content_len(text[match.end():]) >= REFUSAL_HEDGE_CHARS
                                       and len(re.findall(r"[。！？!?]", text)) >= 3)):
                exempt = "answers anyway"
            if exempt is None and CERTAINTY_HEDGE.match(text, match.end()):
                rest = text[match.end():]
                cut = re.search(r"[。！？!?]", rest)
                rest = rest[cut.end():] if cut else ""
                if CASE_ANSWER.search(rest) and content_len(rest) >= REFUSAL_HEDGE_CHARS // 5:
                    exempt = "answers per case"
            if exempt is None and jailbreak:
                exempt = "refuses a jailbreak"
            sig["refusal"] = {"span": [match.start(), match.end()], "text": match.group(0),
                              **({"exempt": exempt} if exempt else {})}
            if not exempt:
                return Drop("refusal", f"{where}: {match.group(0)!r}")
        if jailbreak and JAILBREAK.search(prompt) and "refusal" not in sig:
            return Drop("jailbreak", f"{where} plays along with a jailbreak prompt")
        match = search(self._disclaimer, text) if screen & DISCLAIMER else None
        if match:
            # Speaking as the AI persona the user asked for ("我是ChatGPT，一个邪恶的…")
            # is the role; stepping out of it ("作为一款AI语言模型，…") is boilerplate.
            role_play = bool(persona) and match.group(0).startswith(("我", "I")) and any(
                term.lower() in match.group(0).lower() for term in PERSONA_TERMS.findall(persona))
            sig["ai_disclaimer"] = {"span": [match.start(), match.end()], "text": match.group(0),
                                    **({"exempt": "persona"} if role_play else {})}
            if not role_play:
                return Drop("ai_disclaimer", f"{where}: {match.group(0)!r}")
        if self.check_code_fences and ("```" in text or "~~~" in text):
            fences = len(FENCE_OPEN.findall(text))
            if fences % 2:
                sig["code_fences"] = fences
                return Drop("unbalanced_code_fence", f"{where}: odd number of ``` fences")
        if self.truncated_min_chars >= 0:
            why = truncation(text, self.truncated_min_chars, self.truncated_min_line_chars)
            if why:
                sig["truncated"] = why
                return Drop("truncated", f"{where} {why}")
        if prompt:
            overlap = restate_overlap(prompt, text, max_ratio=self.restate_max_ratio,
                                      max_new_chars=self.restate_max_new_chars)
            if overlap:
                # A rewrite is meant to be close to its input (unless it returns it
                # unchanged); a chosen option may quote the input it classifies.
                rewrite = (bool(REWRITE_TASK.search(prompt)) and not unchanged_input(prompt, text)
                           and instruction_share(prompt, text) < self.restate_min_overlap)
                exempt = ("rewrite task" if rewrite
                          else "chosen option" if chosen_option(prompt, text) else None)
                sig["restates_question"] = {"overlap": round(overlap, 3),
                                            **({"exempt": exempt} if exempt else {})}
                if overlap >= self.restate_min_overlap and not exempt:
                    return Drop("restates_question", f"{where} repeats the question")
            if (last and content_len_at_most(text, self.asks_for_input_max_chars)
                    and not INPUT_COMING.search(prompt)):
                match = ASKS_FOR_INPUT.search(text)
                if match:
                    sig["asks_for_input"] = {"span": [match.start(), match.end()],
                                             "text": match.group(0)}
                    return Drop("asks_for_input", f"{where} only asks for the input: "
                                f"{match.group(0)!r}")
        return None

    def margins(self, turns: dict[str, Signals]) -> dict[str, float]:
        """Per rule, how far the closest turn was from firing (0: at the threshold or
        exempted; 1: far): what the review over-samples among kept records."""
        out: dict[str, float] = {}

        def note(rule: str, value: float) -> None:
            out[rule] = round(min(out.get(rule, 1.0), max(0.0, value)), 3)

        for sig in turns.values():
            for rule, limit in (("repeated_lines", self.max_repeated_line_fraction),
                                ("repeated_ngrams", self.max_repeated_ngram_fraction)):
                if rule in sig:
                    note(rule, (limit - sig[rule]) / limit)
            if "mojibake" in sig:
                note("mojibake", 1 - sig["mojibake"] / self.mojibake_min_hits)
            for rule in ("refusal", "ai_disclaimer"):
                if rule in sig:
                    note(rule, 0.0)
            if "restates_question" in sig:
                r = sig["restates_question"]
                note("restates_question", 0.0 if "exempt" in r
                     else (self.restate_min_overlap - r["overlap"]) / self.restate_min_overlap)
        return out

    def screens(self, table: pl.DataFrame) -> list[list[int]]:
        """Per row and turn, the searches that may match it (DISCLAIMER, REFUSAL,
        SPUN_BIT), told in polars for the whole table: a superset (see
        :func:`rust_superset`); every bit where a pattern list has no such form."""
        content = pl.element().struct.field("content")
        bits = pl.lit(0, pl.UInt8)
        for bit, pattern, window in self._screen_by:
            text = content if window is None else content.str.slice(0, window)
            hit = text.str.contains(pattern) if pattern else pl.lit(True)
            bits = bits + hit.cast(pl.UInt8) * bit
        bits = pl.when(content.str.contains(ENGINES_DIFFER)).then(EVERY).otherwise(bits)
        return table.select(pl.col("messages").list.eval(bits))["messages"].to_list()

    def judge_rows(self, table: pl.DataFrame, rows: list[Conversation] | None = None,
                   ) -> tuple[StepResult, list[Conversation]]:
        self._screens = iter(self.screens(table))  # one per row, taken by process
        try:
            return super().judge_rows(table, rows)
        finally:
            self._screens = None

    def process(self, conv: Conversation, stats: Counter[str]) -> Verdict:
        return self._verdict(conv, stats,
                             next(self._screens) if self._screens is not None else None)

    def _verdict(self, conv: Conversation, stats: Counter[str],
                 screens: list[int] | None) -> Verdict:
        messages: list[Message] = []
        for m in conv["messages"]:
            content = m["content"]
            if m["role"] == "user":
                content = self._strip_placeholder_lines(content)
                if content != m["content"]:
                    stats["placeholder_lines_stripped"] += 1
            messages.append({**m, "content": content})
        persona = "\n".join(t for t in [conv["system"] or "", *(
            m["content"] for m in messages if m["role"] == "user")] if PERSONA_REQUEST.search(t))
        jailbreak = jailbreak_setup(messages) is not None
        last_user = max((i for i, m in enumerate(messages) if m["role"] == "user"), default=-1)
        turns: dict[str, Signals] = {}
        drop: Drop | None = None
        bad = -1
        prompt = ""
        for i, m in enumerate(messages):
            if m["role"] not in ("user", "assistant"):
                continue  # system, tool calls: judged by what they are, not as chat turns
            sig: Signals = {}
            verdict = self.judge(m["role"], i, m["content"], sig,
                                 prompt=prompt if m["role"] == "assistant" else "",
                                 persona=persona, jailbreak=jailbreak,
                                 last=i > last_user,
                                 screen=EVERY if screens is None else screens[i])
            prompt = m["content"] if m["role"] == "user" else ""
            if sig:
                turns[str(i)] = sig
            if verdict:
                drop, bad = verdict, i
                break
        signals: Signals = {"turns": turns, "margin": self.margins(turns)}
        out: Conversation = {"system": conv["system"], "messages": messages}
        if drop is None:
            return Keep(out, signals)
        return self._trim(out, drop, bad, signals, screens)

    def _trim(self, conv: Conversation, drop: Drop, bad: int, signals: Signals,
              screens: list[int] | None) -> Drop | Trim:
        """Keep the exchanges before turn ``bad`` when they stand on their own: judged
        again as a conversation of their own (a last answer that asks for input, a
        persona or jailbreak named only later), trimmed further or dropped when nothing
        good is left; a jailbreak setup among them drops the record."""
        messages = conv["messages"]
        cut = exchange_start(messages, bad) if self.trim else 0
        if not any(m["role"] == "assistant" for m in messages[:cut]):
            return Drop(drop.reason, drop.detail, signals)
        setup = jailbreak_setup(messages[:cut])
        if setup is not None:
            return Drop(drop.reason, f"{drop.detail}; not trimmed: user turn {setup} sets up a "
                        "jailbreak", signals)
        prefix = self._verdict({"system": conv["system"], "messages": messages[:cut]},
                               Counter(), screens)
        if isinstance(prefix, Drop):
            return Drop(drop.reason, f"{drop.detail}; the earlier exchanges fail too: "
                        f"{prefix.detail}", signals)
        kept = prefix.conversation
        cut = len(kept["messages"])
        signals["kept_turns"] = cut
        again = f" ({prefix.detail.split('; kept')[0]})" if isinstance(prefix, Trim) else ""
        return Trim(kept, drop.reason, f"{drop.detail}; kept the first {cut} of {len(messages)} "
                    f"turns{again}", signals, full=conv)
