"""Deterministic generator for the embedded default sample (stdlib only).

    python curation/sample/generate.py                  # rewrite the three data files
    python curation/sample/generate.py --check          # verify files, planted cases, near-dups
    python curation/sample/generate.py --update-header  # refresh the planted-case table below

Every record is original text written for this project (no dataset text is copied). The
records live below as hand-written blocks in a tiny markup; the planted defects that the
curation steps must repair or remove are either written into a block (``+case`` tags) or
applied by the small, explicit operations in ``plant()``.

Markup: a line ``@@@`` (optionally followed by ``#key`` and ``+case`` tokens) starts a
record; ``@q`` / ``@in`` / ``@a`` start the Alpaca instruction / input / output; ``@human``,
``@gpt``, ``@user``, ``@chatgpt``, ``@assistant``, ``@bing``, ``@bard`` and ``@system`` start
a ShareGPT turn. Field text runs to the next marker, with leading/trailing newlines dropped.
The blocks are ordinary (non-raw) strings, so ``\\`` + newline joins two source lines and
escapes such as ``\\u200b`` plant invisible characters.
"""

# Pairs read original~derived copy. lang.zh_with_english marks controls (Chinese answers with
# English code or terms) that language_id must keep; every other case must be changed or
# removed by its step.

# --- planted cases (0-based record indices; refresh with --update-header) ---
# normalize.crlf (3): alpaca_zh[86], alpaca_gpt4_zh[79], sharegpt[13]
# normalize.trailing_space (2): alpaca_zh[107], sharegpt[16]
# normalize.blank_lines (3): alpaca_zh[124], alpaca_gpt4_zh[59], sharegpt[11]
# normalize.zero_width (3): alpaca_zh[53], alpaca_gpt4_zh[62], sharegpt[90]
# normalize.control_chars (2): alpaca_zh[20], sharegpt[45]
# normalize.nbsp (3): alpaca_zh[6], alpaca_gpt4_zh[41], sharegpt[50]
# normalize.fullwidth (1): alpaca_zh[74]
# simplified.tw (7): alpaca_zh[19], alpaca_zh[49], alpaca_zh[88], alpaca_gpt4_zh[45],
#     alpaca_gpt4_zh[76], alpaca_gpt4_zh[96], sharegpt[12]
# simplified.hk (4): alpaca_zh[52], alpaca_zh[70], alpaca_gpt4_zh[15], sharegpt[52]
# simplified.plain (4): alpaca_zh[24], alpaca_zh[80], alpaca_gpt4_zh[18], sharegpt[26]
# lang.english (6): alpaca_zh[109], alpaca_zh[111], alpaca_gpt4_zh[60], alpaca_gpt4_zh[82],
#     sharegpt[42], sharegpt[61]
# lang.japanese (4): alpaca_zh[38], alpaca_gpt4_zh[26], sharegpt[54], sharegpt[86]
# lang.korean (2): alpaca_zh[65], sharegpt[89]
# lang.kanji_japanese (1): alpaca_zh[33]
# lang.zh_with_english (26): alpaca_zh[22], alpaca_zh[32], alpaca_zh[46], alpaca_zh[49],
#     alpaca_zh[68], alpaca_zh[76], alpaca_zh[90], alpaca_zh[103], alpaca_zh[119],
#     alpaca_gpt4_zh[9], alpaca_gpt4_zh[39], alpaca_gpt4_zh[41], alpaca_gpt4_zh[71],
#     alpaca_gpt4_zh[80], alpaca_gpt4_zh[86], alpaca_gpt4_zh[90], sharegpt[9], sharegpt[12],
#     sharegpt[13], sharegpt[36], sharegpt[38], sharegpt[41], sharegpt[56], sharegpt[60],
#     sharegpt[84], sharegpt[96]
# quality.empty (1): alpaca_zh[39]
# quality.placeholder (3): alpaca_zh[1], alpaca_zh[57], alpaca_gpt4_zh[6]
# quality.too_short (1): alpaca_zh[50]
# quality.repeated_lines (2): alpaca_gpt4_zh[14], sharegpt[67]
# quality.repeated_sentence (1): alpaca_zh[106]
# quality.refusal_zh (3): alpaca_zh[8], alpaca_gpt4_zh[67], sharegpt[92]
# quality.refusal_en (2): alpaca_gpt4_zh[28], sharegpt[68]
# quality.unbalanced_fence (1): alpaca_gpt4_zh[39]
# quality.too_long (1): alpaca_gpt4_zh[33]
# quality.mojibake (2): alpaca_zh[4], sharegpt[88]
# turns.starts_with_gpt (2): sharegpt[2], sharegpt[80]
# turns.ends_with_human (2): sharegpt[39], sharegpt[75]
# turns.consecutive_human (2): sharegpt[21], sharegpt[27]
# turns.consecutive_gpt (2): sharegpt[29], sharegpt[77]
# turns.empty_value (4): sharegpt[22], sharegpt[35], sharegpt[46], sharegpt[57]
# turns.html (4): sharegpt[17], sharegpt[50], sharegpt[56], sharegpt[97]
# turns.continue (2): sharegpt[7], sharegpt[36]
# turns.unrepairable (3): sharegpt[0], sharegpt[24], sharegpt[37]
# exact.same_source.pair (8): alpaca_zh[85]~alpaca_zh[100], alpaca_zh[123]~alpaca_zh[18],
#     alpaca_zh[29]~alpaca_zh[66], alpaca_gpt4_zh[1]~alpaca_gpt4_zh[66],
#     alpaca_gpt4_zh[27]~alpaca_gpt4_zh[56], alpaca_gpt4_zh[93]~alpaca_gpt4_zh[73],
#     sharegpt[60]~sharegpt[34], sharegpt[73]~sharegpt[71]
# exact.whitespace.pair (3): alpaca_zh[60]~alpaca_zh[15], alpaca_gpt4_zh[51]~alpaca_gpt4_zh[23],
#     sharegpt[70]~sharegpt[81]
# exact.cross_source.pair (4): alpaca_zh[3]~alpaca_gpt4_zh[5], alpaca_zh[13]~alpaca_gpt4_zh[77],
#     alpaca_zh[67]~sharegpt[20], alpaca_gpt4_zh[19]~sharegpt[40]
# near.pair (8): alpaca_zh[21]~alpaca_zh[105], alpaca_zh[98]~alpaca_zh[7],
#     alpaca_gpt4_zh[50]~alpaca_gpt4_zh[37], alpaca_gpt4_zh[95]~alpaca_gpt4_zh[21],
#     sharegpt[65]~sharegpt[14], alpaca_zh[112]~alpaca_gpt4_zh[3],
#     alpaca_gpt4_zh[2]~alpaca_zh[71], alpaca_gpt4_zh[70]~sharegpt[5]
# contam.benchmark (2): alpaca_zh[31], alpaca_gpt4_zh[20]
# --- end planted cases ---

from __future__ import annotations

import copy
import hashlib
import json
import math
import re
import sys
import textwrap
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = {
    "alpaca_zh": "alpaca_zh.json",
    "alpaca_gpt4_zh": "alpaca_gpt4_zh.jsonl",
    "sharegpt": "sharegpt.json",
}
ALPACA_MARKERS = {"q": "instruction", "in": "input", "a": "output"}
ROLES = ("system", "human", "gpt", "user", "chatgpt", "assistant", "bing", "bard")
PROMPT_ROLES = {"human", "user"}

# Every planted case, in report order. Cases ending in ".pair" name record pairs.
CASES = {
    "normalize.crlf": "\\r\\n line endings",
    "normalize.trailing_space": "trailing spaces on lines",
    "normalize.blank_lines": "runs of 3+ blank lines",
    "normalize.zero_width": "zero-width chars (\\u200b, \\ufeff)",
    "normalize.control_chars": "C0 control chars (\\x07, \\x1b)",
    "normalize.nbsp": "non-breaking space \\u00a0",
    "normalize.fullwidth": "full-width ASCII (ＡＢＣ１２３) beside CJK punctuation to keep",
    "simplified.tw": "traditional Chinese, Taiwan phrasing",
    "simplified.hk": "traditional Chinese, Hong Kong phrasing",
    "simplified.plain": "plain traditional Chinese",
    "lang.english": "answer entirely English",
    "lang.japanese": "answer Japanese (kana)",
    "lang.korean": "answer Korean (hangul)",
    "lang.kanji_japanese": "answer mostly kanji Japanese, little kana",
    "lang.zh_with_english": "Chinese answer with English code / terms (keep)",
    "quality.empty": "empty output",
    "quality.placeholder": "placeholder output (<无输入>, <noinput>, N/A)",
    "quality.too_short": "1-character answer to an open question",
    "quality.repeated_lines": "same line repeated 10+ times",
    "quality.repeated_sentence": "same sentence repeated within a paragraph",
    "quality.refusal_zh": "Chinese refusal / AI-disclaimer boilerplate",
    "quality.refusal_en": "English refusal / AI-disclaimer boilerplate",
    "quality.unbalanced_fence": "``` code fence opened, never closed",
    "quality.too_long": "answer over 20,000 characters",
    "quality.mojibake": "UTF-8 decoded as latin-1",
    "turns.starts_with_gpt": "conversation starts with an assistant turn",
    "turns.ends_with_human": "conversation ends with a human turn",
    "turns.consecutive_human": "two human turns in a row",
    "turns.consecutive_gpt": "two assistant turns in a row",
    "turns.empty_value": "empty or whitespace-only turn",
    "turns.html": "HTML residue of the ShareGPT web scrape",
    "turns.continue": "'继续' / 'continue' after a cut-off answer",
    "turns.unrepairable": "no usable human->assistant exchange",
    "exact.same_source.pair": "exact duplicate in the same source",
    "exact.whitespace.pair": "duplicate differing only by whitespace / zero-width chars",
    "exact.cross_source.pair": "exact duplicate across sources",
    "near.pair": "near duplicate (char 5-gram Jaccard >= 0.85)",
    "contam.benchmark": "a fixture benchmark item with its options (verbatim or edited)",
}

_UID = iter(range(10**9))


# --------------------------------------------------------------------------- markup


def _blocks(text: str) -> list[tuple[list[str], list[tuple[str, str]]]]:
    blocks: list[tuple[list[str], list[list]]] = []
    for line in text.split("\n"):
        if line == "@@@" or line.startswith("@@@ "):
            blocks.append((line[4:].split(), []))
        elif line[:1] == "@" and (line[1:] in ALPACA_MARKERS or line[1:] in ROLES):
            blocks[-1][1].append([line[1:], []])
        elif blocks and blocks[-1][1]:
            blocks[-1][1][-1][1].append(line)
        elif line.strip():
            raise ValueError(f"text outside a field: {line!r}")
    return [
        (head, [(name, "\n".join(lines).strip("\n")) for name, lines in fields])
        for head, fields in blocks
    ]


def _meta(head: list[str]) -> dict:
    key = None
    cases = []
    for token in head:
        if token.startswith("#"):
            key = token[1:]
        elif token.startswith("+") and token[1:] in CASES:
            cases.append(token[1:])
        else:
            raise ValueError(f"bad record head token {token!r}")
    return {"_uid": next(_UID), "_key": key, "_cases": cases}


_B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def sharegpt_id(uid: int) -> str:
    """A ShareGPT-looking id (7 base-62 chars, sometimes a split suffix), fixed per record."""
    digest = hashlib.sha1(f"aurora-sample/{uid}".encode()).digest()
    n = int.from_bytes(digest[:8], "big")
    chars = []
    for _ in range(7):
        n, r = divmod(n, 62)
        chars.append(_B62[r])
    suffix = f"_{digest[9] % 3}" if digest[8] % 4 == 0 else ""
    return "".join(chars) + suffix


def parse_alpaca(text: str) -> list[dict]:
    records = []
    for head, fields in _blocks(text):
        rec = _meta(head)
        names = [name for name, _ in fields]
        if sorted(names) not in (["a", "q"], ["a", "in", "q"]):
            raise ValueError(f"alpaca block needs @q [@in] @a, got {names} in {fields[:1]}")
        values = {ALPACA_MARKERS[name]: value for name, value in fields}
        rec.update(instruction=values["instruction"], input=values.get("input", ""))
        rec["output"] = values["output"]
        records.append(rec)
    return records


def parse_sharegpt(text: str) -> list[dict]:
    records = []
    for head, fields in _blocks(text):
        rec = _meta(head)
        if any(name not in ROLES for name, _ in fields):
            raise ValueError(f"sharegpt block with a non-role marker: {fields[:1]}")
        rec["id"] = sharegpt_id(rec["_uid"])
        rec["conversations"] = [{"from": name, "value": value} for name, value in fields]
        records.append(rec)
    return records


# --------------------------------------------------------------------------- planting


def texts(rec: dict) -> list[str]:
    """The record's text units: (prompt, answer) for Alpaca, the turn values for ShareGPT."""
    if "conversations" in rec:
        return [turn["value"] for turn in rec["conversations"]]
    prompt = rec["instruction"] + ("\n" + rec["input"] if rec["input"] else "")
    return [prompt, rec["output"]]


def flat(rec: dict) -> str:
    return "\n".join(texts(rec))


def edit_text(text: str, edits) -> str:
    """Apply small hand-written edits: (old, new) replaces once; ("$", s) appends."""
    for old, new in edits:
        if old == "$":
            text += new
        elif old == "^":
            text = new + text
        else:
            if old not in text:
                raise ValueError(f"edit target {old!r} not found")
            text = text.replace(old, new, 1)
    return text


def map_fields(rec: dict, fn, which: str = "all") -> None:
    """Apply fn to the record's text fields: 'all', 'prompt' or 'answer'."""
    if "conversations" in rec:
        for turn in rec["conversations"]:
            is_prompt = turn["from"] in PROMPT_ROLES
            if which == "all" or (which == "prompt") == is_prompt:
                turn["value"] = fn(turn["value"])
        return
    names = {"all": ("instruction", "input", "output"), "prompt": ("instruction", "input")}
    for name in names.get(which, ("output",)):
        if rec[name]:
            rec[name] = fn(rec[name])


def as_sharegpt(rec: dict, uid: int) -> dict:
    prompt, answer = texts(rec)
    return {
        "id": sharegpt_id(uid),
        "conversations": [{"from": "human", "value": prompt}, {"from": "gpt", "value": answer}],
    }


class Sample:
    def __init__(self, alpaca_zh: list, alpaca_gpt4_zh: list, sharegpt: list) -> None:
        self.data = {"alpaca_zh": alpaca_zh, "alpaca_gpt4_zh": alpaca_gpt4_zh, "sharegpt": sharegpt}
        self.pairs: list[tuple[int, int, str]] = []

    def find(self, src: str, key: str) -> dict:
        hits = [rec for rec in self.data[src] if rec["_key"] == key]
        if len(hits) != 1:
            raise KeyError(f"{src}#{key}: {len(hits)} records")
        return hits[0]

    def tag(self, src: str, key: str, case: str, fn=None) -> dict:
        rec = self.find(src, key)
        if fn is not None:
            before = copy.deepcopy(rec)
            fn(rec)
            if rec == before:
                raise ValueError(f"planting {case} left {src}#{key} unchanged")
        rec["_cases"].append(case)
        return rec

    def derive(self, src: str, key: str, case: str, dst: str | None = None, fn=None) -> dict:
        """Insert a copy of src#key (optionally changed by fn) into dst, as a planted pair."""
        dst = dst or src
        orig = self.find(src, key)
        uid = next(_UID)
        new = copy.deepcopy(orig)
        if ("conversations" in new) != (dst == "sharegpt"):
            new = as_sharegpt(orig, uid)
        new.update(_uid=uid, _key=f"{key}~{len(self.pairs)}", _cases=[case])
        if fn is not None:
            fn(new)
        target = self.data[dst]
        target.insert(zlib.crc32(f"{dst}/{key}/{case}".encode()) % (len(target) + 1), new)
        self.pairs.append((orig["_uid"], uid, case))
        return new

    def near(self, src: str, key: str, dst: str | None = None, **edits) -> dict:
        """A near duplicate: edits per field name (Alpaca) or per turn index t0, t1, ..."""

        def fn(rec: dict) -> None:
            for field, field_edits in edits.items():
                if field.startswith("t"):
                    turn = rec["conversations"][int(field[1:])]
                    turn["value"] = edit_text(turn["value"], field_edits)
                else:
                    rec[field] = edit_text(rec[field], field_edits)
            if "id" in rec:
                rec["id"] = sharegpt_id(rec["_uid"])

        return self.derive(src, key, "near.pair", dst, fn)

    def indices(self) -> dict[int, tuple[str, int]]:
        return {
            rec["_uid"]: (src, i) for src, recs in self.data.items() for i, rec in enumerate(recs)
        }

    def public(self, src: str) -> list[dict]:
        return [{k: v for k, v in rec.items() if not k.startswith("_")} for rec in self.data[src]]


# --- planted transformations


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def trailing_spaces(text: str) -> str:
    pads = ["  ", " ", "\t ", "   "]
    lines = text.split("\n")
    return "\n".join(line + pads[i % 4] if line else line for i, line in enumerate(lines)) + " "


def blank_runs(text: str) -> str:
    return text.replace("\n\n", "\n\n\n\n\n", 2)


def zero_width(text: str) -> str:
    cut = len(text) // 3
    return "\ufeff" + text[:4] + "\u200b" + text[4:cut] + "\u200b\u200b" + text[cut:] + "\u200b"


def mojibake(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def whitespace_variant(rec: dict) -> None:
    map_fields(rec, lambda s: " " + s.replace("。", "。\u200b", 1) + "\n", "answer")
    map_fields(rec, lambda s: s + "  ", "prompt")


def repeated_lines(line: str, times: int) -> str:
    return "\n".join([line] * times)


def squares_table(limit: int) -> str:
    rows = [
        f"好的，下面按顺序列出 1 到 {limit} 每个整数的平方、立方和平方根（保留四位小数）：",
        "",
        "| n | n² | n³ | √n |",
        "|---|---|---|---|",
    ]
    rows += [f"| {n} | {n * n} | {n**3} | {math.sqrt(n):.4f} |" for n in range(1, limit + 1)]
    rows += ["", "表中平方根为四舍五入后的近似值，平方和立方均为精确值。"]
    return "\n".join(rows)


# --------------------------------------------------------------------------- alpaca_zh

AZ_1 = """
@@@ +contam.benchmark
@q
请回答这道计算机网络题：在OSI参考模型中，负责路由选择的是____。
A. 数据链路层
B. 网络层
C. 传输层
D. 会话层
@a
负责路由选择的是网络层。网络层根据目的地址为分组选择合适的路径，典型的协议是IP协议。

@@@ #carbon
@q
解释一下什么是“碳中和”。
@a
碳中和是指一个国家、企业或个人在一定时间内直接或间接产生的二氧化碳排放总量，通过植树造林、节能减排、使用可再生能源以及碳捕集等方式全部抵消，实现二氧化碳“净零排放”。

@@@
@q
列举中国古代的四大发明。
@a
中国古代的四大发明是造纸术、印刷术、火药和指南针。

@@@ #sunset
@q
为什么傍晚的天空常常是橙红色的？
@a
太阳光由不同颜色的光组成，其中蓝紫光波长短，容易被空气分子散射；红橙光波长长，散射得少。

傍晚时太阳接近地平线，阳光要穿过更厚的大气层才能到达我们眼中，蓝紫光在途中几乎被散射殆尽，剩下的主要是红光和橙光，所以天空看起来是橙红色的。

@@@
@q
将下面的句子改写成更正式的表达。
@in
这事儿你就别管了，我自己能搞定。
@a
此事无需您费心，我能够独立处理妥当。

@@@
@q
判断下列动物中哪些是哺乳动物：鲸鱼、鲨鱼、蝙蝠、企鹅、鸭嘴兽。
@a
哺乳动物有：鲸鱼、蝙蝠、鸭嘴兽。鲨鱼是鱼类，企鹅是鸟类。鸭嘴兽虽然产卵，但它用乳汁哺育幼崽，因此属于哺乳动物。

@@@
@q
一个水池装有一根进水管和一根出水管，单开进水管6小时可以把空池注满，单开出水管8小时可以把满池水放完。如果两管同时打开，几小时能把空水池注满？
@a
进水管每小时注入水池的1/6，出水管每小时放出水池的1/8。
两管同时打开，每小时净注入：1/6 - 1/8 = 1/24。
所以注满空水池需要 1 ÷ 1/24 = 24（小时）。
答：24小时能把空水池注满。

@@@ +lang.zh_with_english
@q
用Python写一个函数，判断一个字符串是否是回文。
@a
可以先去掉字符串中的空格并统一大小写，再与它的反转结果比较：

```python
def is_palindrome(s: str) -> bool:
    cleaned = "".join(s.split()).lower()
    return cleaned == cleaned[::-1]


print(is_palindrome("上海自来水来自海上"))  # True
print(is_palindrome("Never odd or even"))  # True
```

`s[::-1]` 会得到字符串的反转，比较两者是否相等即可。

@@@
@q
写一句关于节约用水的宣传标语。
@a
滴水虽小，汇流成河；点滴节约，润泽未来。

@@@
@q
解释成语“画蛇添足”的意思，并用它造一个句子。
@a
“画蛇添足”出自《战国策》，比喻做了多余的事，非但无益，反而坏事。

造句：这篇文章本来已经很精彩了，结尾再加上一大段说教，反倒有些画蛇添足。

@@@
@q
二十四节气中的“惊蛰”大约在公历哪一天？它有什么含义？
@a
惊蛰一般在每年公历3月5日或6日前后。“蛰”是动物冬眠藏伏的意思，古人认为此时春雷始鸣，惊醒了蛰伏在土中冬眠的昆虫和小动物，因此称为惊蛰。这个节气标志着仲春时节的开始，农民开始进入春耕。

@@@
@q
把下列词语按照褒义词和贬义词分类：勤劳、狡猾、慷慨、懒惰、谦虚、傲慢。
@a
褒义词：勤劳、慷慨、谦虚
贬义词：狡猾、懒惰、傲慢

@@@ #study_room
@q
描述一下你心目中理想的书房。
@a
理想的书房不必很大，但一定要有一扇朝南的窗。

靠墙立着一排顶到天花板的书架，书按自己的习惯分类摆放，伸手就能拿到想读的那一本。窗下放一张宽大的木桌，桌上只有一盏台灯、一支笔和一个笔记本。

角落里再摆一把能窝进去的旧沙发，旁边是一盆绿萝。下午阳光斜照进来，泡一杯茶，就能安安静静地读上半天。

@@@
@q
小明买了3本笔记本，每本4.5元，又买了2支笔，每支2.8元，他一共花了多少钱？
@a
笔记本：3 × 4.5 = 13.5（元）
笔：2 × 2.8 = 5.6（元）
合计：13.5 + 5.6 = 19.1（元）
答：小明一共花了19.1元。

@@@ #http404
@q
HTTP状态码404表示什么？
@a
404表示“Not\u00a0Found”，即服务器找不到请求的资源。常见原因有网址拼写错误、页面已被删除或移动、链接失效等。它属于4xx类状态码，说明问题出在客户端的请求上，而不是服务器本身出错。

@@@ #bakery
@q
请为一家新开的社区面包店写一段简短的开业介绍。
@a
街角的“麦香小屋”开业啦！
我们每天清晨五点开始揉面烘焙，只用新鲜黄油和本地鸡蛋，不添加人工香精。招牌的全麦吐司、肉松小贝和现烤菠萝包，出炉时间分别是早上七点和下午四点。
开业首周，进店即可免费品尝，会员消费满30元送一杯豆浆。欢迎街坊邻居来坐坐！

@@@
@q
总结下面这段话的主要内容。
@in
近年来，共享单车在各大城市迅速普及，为市民短途出行提供了便利，也在一定程度上缓解了交通拥堵。但与此同时，车辆乱停乱放、损坏率高、押金难退等问题也不断出现。一些城市开始划定电子围栏停车区，并要求企业控制投放总量，以促进行业健康发展。
@a
共享单车方便了市民出行、缓解了拥堵，但也带来乱停放、损坏和押金等问题，城市正通过电子围栏和总量控制加以规范。

@@@
@q
找出下面句子中的错别字并改正。
@in
他做事一向认真，从来不敷衍了事，大家都很佩服他的毅立。
@a
“毅立”应改为“毅力”。正确的句子是：他做事一向认真，从来不敷衍了事，大家都很佩服他的毅力。

@@@
@q
地球上面积最大的海洋是哪一个？
@a
太平洋。它的面积约为1.8亿平方千米，比地球上所有陆地面积的总和还要大。

@@@
@q
给出三个提高专注力的方法。
@a
1. 把手机调成静音并放到另一个房间，减少干扰。
2. 使用番茄工作法，专注25分钟后休息5分钟。
3. 保证充足睡眠，疲劳时注意力很难集中。

@@@ +lang.zh_with_english
@q
如何用SQL查询一张表中工资最高的前5名员工？
@a
假设表名为employees，工资字段为salary，可以这样写：

```sql
SELECT name, salary
FROM employees
ORDER BY salary DESC
LIMIT 5;
```

如果使用的是SQL Server，需要把`LIMIT 5`换成`SELECT TOP 5`。

@@@
@q
简要说明光合作用的过程。
@a
绿色植物利用叶绿体吸收光能，把二氧化碳和水转化为储存能量的有机物（主要是葡萄糖），同时释放出氧气。

@@@
@q
判断下面这句话表达的情感是积极、消极还是中性。
@in
排了两个小时的队，结果卖完了，真是白跑一趟。
@a
消极

@@@
@q
写一首四行小诗，主题是“雨后的街道”。
@a
积水里晃着一角蓝天，
梧桐把残雨抖落肩头。
骑车的少年掠过水洼，
溅起一串没说完的夏天。

@@@ #train
@q
一列火车以每小时120千米的速度行驶，行驶300千米需要多长时间？
@a
时间 = 路程 ÷ 速度 = 300 ÷ 120 = 2.5（小时），也就是2小时30分钟。

@@@
@q
把“The early bird catches the worm.”翻译成中文。
@a
早起的鸟儿有虫吃。

@@@
@q
中国面积最大的省级行政区是哪个？
@a
新疆维吾尔自治区，面积约166万平方千米，约占全国陆地面积的六分之一。

@@@
@q
解释“边际效用递减”的含义，并举一个生活中的例子。
@a
边际效用递减是指：在其他条件不变时，一个人连续消费某种商品，每增加一单位所带来的满足感会越来越小。

例如，天气炎热时喝第一瓶冰水感觉特别痛快，第二瓶就没那么过瘾了，到第四、第五瓶时甚至会觉得难受。

@@@ #fraction_sort
@q
将下列数字从小到大排列：0.5，1/3，0.45，2/5。
@a
1/3 ≈ 0.333，2/5 = 0.4，所以从小到大依次是：1/3 < 2/5 < 0.45 < 0.5。
"""

AZ_2 = """
@@@ #cloud
@q
说出三种常见的云的类型。
@a
积云、层云和卷云。积云像一团团棉花，层云像灰色的幕布铺满天空，卷云则是高空中细丝状的白云。

@@@
@q
写一封简短的邮件，向同事请教一个Excel问题。
@a
主题：请教一个Excel数据透视表的问题

王姐，您好！

我在整理季度销售数据时，想用数据透视表按月份汇总各区域的销售额，但日期字段拖进去后显示的是每一天，没法按月合并。听说您对Excel很熟，想请您抽空指点一下，十分钟左右就好。

您看今天下午或明天上午哪个时间方便？谢谢！

小李

@@@
@q
什么是区块链？
@a
区块链是一种分布式的数据记录技术。数据被打包成一个个“区块”，每个区块都记录着前一个区块的哈希值，按时间顺序连成一条链。由于数据由网络中的许多节点共同保存和验证，单个节点很难篡改历史记录，因此具有去中心化、不可篡改和可追溯的特点。比特币就是区块链最早的应用。

@@@
@q
根据给出的关键词，写一个句子。
@in
月光、窗台、猫
@a
月光静静地洒在窗台上，那只橘猫蜷成一团，睡得正香。

@@@ +lang.zh_with_english
@q
解释Python中列表和元组的区别。
@a
主要区别有三点：
1. 可变性：列表（list）是可变的，可以增删改元素；元组（tuple）创建后不能修改。
2. 写法：列表用方括号，如`[1, 2, 3]`；元组用圆括号，如`(1, 2, 3)`。
3. 用途：元组不可变，可以作为字典的键，也更适合存放不应被修改的数据，比如坐标；\
列表适合存放需要经常变动的数据。

@@@
@q
给这篇短文起一个标题。
@in
退休以后，外婆在六楼的阳台上摆满了泡沫箱，种上小葱、辣椒和番茄。每天清晨她都要给菜浇水、捉虫，夏天的时候，我们家的餐桌上几乎天天都有她亲手种的菜。
@a
外婆的阳台菜园

@@@
@q
一个数的3倍加上7等于28，这个数是多少？
@a
设这个数为x，则3x + 7 = 28，3x = 21，x = 7。这个数是7。

@@@
@q
推荐三本适合初中生阅读的课外书，并说明理由。
@a
1.《城南旧事》：语言朴素细腻，通过孩子的眼睛看老北京，容易引起共鸣。
2.《昆虫记》：法布尔用生动的文字记录昆虫的生活，能激发对自然科学的兴趣。
3.《骆驼祥子》：故事性强，可以帮助了解旧社会底层人民的命运。

@@@
@q
分辨下列句子分别是陈述句、疑问句还是感叹句。
@in
1. 今天的晚霞真美啊！
2. 你明天几点出发？
3. 图书馆每周一闭馆。
@a
1. 感叹句
2. 疑问句
3. 陈述句

@@@
@q
将这句话改为被动句：快递员把包裹送到了楼下。
@a
包裹被快递员送到了楼下。

@@@
@q
如何缓解久坐带来的腰背酸痛？
@a
每坐45分钟左右起身活动几分钟；调整座椅高度，让双脚平放地面、膝盖略低于髋部；腰后垫一个小靠枕；平时多做平板支撑、猫牛式等动作锻炼核心肌群。如果疼痛持续不缓解，应及时就医。

@@@
@q
写出三个带“风”字的成语。
@a
风和日丽、风雨同舟、风驰电掣

@@@
@q
简述长城的历史意义。
@a
长城始建于春秋战国时期，历经秦、汉、明等朝代修筑，是古代中原王朝抵御北方游牧民族的重要军事防御工程。它不仅保障了农耕地区的安全，也促进了边疆的开发和民族间的交流，如今已成为中华民族的象征和世界文化遗产。

@@@ #ml_oneline
@q
用一句话解释什么是机器学习。
@a
机器学习就是让计算机从大量数据中自动找出规律，并用这些规律对新数据做出预测或判断，而不需要人把每条规则都写出来。

@@@
@q
李阿姨家有一块长12米、宽8米的长方形菜地，她用其中的四分之一种了西红柿，种西红柿的面积是多少平方米？
@a
菜地总面积：12 × 8 = 96（平方米）
西红柿面积：96 × 1/4 = 24（平方米）
答：种西红柿的面积是24平方米。

@@@ +lang.zh_with_english
@q
JavaScript中“==”和“===”有什么区别？
@a
`==` 是宽松相等，比较前会进行类型转换，例如 `1 == "1"` 的结果是 true；`===` 是严格相等，\
要求类型和值都相同，`1 === "1"` 的结果是 false。实际开发中建议优先使用 `===`，\
以避免隐式类型转换带来的意外。

@@@
@q
为一款保温杯写一段50字左右的广告文案。
@a
清晨灌满一杯热茶，傍晚依然温润入口。316不锈钢内胆，12小时长效保温，一只手就能握住的温暖，陪你走过每一个忙碌的日子。

@@@
@q
列出五种常见的绿叶蔬菜。
@a
菠菜、生菜、油麦菜、小白菜、空心菜。

@@@
@q
什么是“温室效应”？
@a
太阳的短波辐射可以穿过大气到达地面，而地面向外散发的长波热辐射会被大气中的二氧化碳、甲烷、水蒸气等气体吸收，使热量留在近地面，就像温室的玻璃一样，这就是温室效应。适度的温室效应让地球保持适宜的温度，但人类排放的温室气体过多，会导致全球变暖。

@@@
@q
请把下面的口语化表达改成书面语。
@in
这个方案挺靠谱的，咱们就这么干吧。
@a
该方案较为可行，我们就按此执行。

@@@ #panda_eat
@q
大熊猫主要吃什么？
@a
大熊猫的食物99%以上是竹子，包括竹叶、竹茎和竹笋，偶尔也会吃一些小动物或腐肉。一只成年大熊猫每天要花十几个小时进食，吃掉十多千克竹子。

@@@
@q
推荐一个冬天在家可以和孩子一起玩的亲子活动。
@a
可以一起做“家庭寻宝游戏”：家长把几样小物件藏在家里不同的地方，写下带提示的小纸条，比如“我在每天早上都会打开的地方”，让孩子按线索一步步找到宝藏。既能动脑又能活动身体，还不受天气影响。

@@@
@q
请解释“内卷”这个网络词语的含义。
@a
“内卷”原本是社会学概念，现在多指同一领域内的人为了争夺有限的资源而过度竞争，付出越来越多的努力，但整体收益并没有增加，反而让每个人都更疲惫。比如大家都自愿加班，结果只是把“正常下班”变成了落后的表现。

@@@
@q
一个圆的半径是5厘米，它的周长是多少？（π取3.14）
@a
周长 = 2πr = 2 × 3.14 × 5 = 31.4（厘米）。

@@@ +lang.zh_with_english
@q
写一个Linux命令，查找当前目录及子目录下所有扩展名为.log的文件。
@a
```bash
find . -type f -name "*.log"
```

其中 `.` 表示从当前目录开始查找，`-type f` 表示只查找普通文件，`-name` 用来匹配文件名。

@@@
@q
简单介绍一下《西游记》的主要人物。
@a
《西游记》的主要人物是唐僧师徒四人：唐僧心地善良、意志坚定；孙悟空本领高强、嫉恶如仇；猪八戒贪吃懒惰却憨厚可爱；沙僧忠厚老实、任劳任怨。此外，白龙马是唐僧的坐骑，也是取经团队的一员。

@@@
@q
给下面的商品评论打一个情感分数（1-5分，5分最满意）。
@in
物流很快，包装也好，就是尺码偏小了一点，建议买大一号。
@a
4分
"""

AZ_3 = """
@@@
@q
为什么要进行垃圾分类？
@a
垃圾分类可以让可回收物重新利用，节约资源；把有害垃圾单独处理，减少对土壤和水源的污染；厨余垃圾还能制成肥料。分类后需要填埋和焚烧的垃圾大大减少，既降低了处理成本，也保护了环境。

@@@
@q
说明冰箱为什么能制冷。
@a
冰箱里的制冷剂在蒸发器中由液体变成气体，这个过程会吸收冰箱内部的热量；随后压缩机把气体压缩成高温高压状态，送到冰箱背后的冷凝器，向外界放出热量并重新变成液体。如此循环，热量就被不断地从冰箱里“搬”到了外面。

@@@
@q
写一段描写秋天银杏树的文字。
@a
深秋的银杏像被谁一夜之间镀了金，满树的小扇子在阳光下闪闪发亮。风一吹，叶子打着旋儿飘落，铺满了整条小路，踩上去沙沙作响，仿佛走在一张柔软的金色地毯上。

@@@
@q
怎样做一道家常的番茄炒蛋？
@a
1. 番茄切块，鸡蛋加少许盐打散。
2. 热锅多放些油，倒入蛋液，凝固后盛出。
3. 锅中留底油，放入番茄翻炒出汁，加一小勺糖和适量盐。
4. 倒回鸡蛋翻炒均匀，撒上葱花即可出锅。

@@@
@q
解释算法中“时间复杂度”的概念。
@a
时间复杂度用来描述算法的运行时间随输入规模n增长的变化趋势，通常用大O符号表示。比如O(n)表示运行时间与n成正比，O(n²)表示与n的平方成正比。它关注的是增长的量级，而不是具体的运行秒数。

@@@
@q
世界上面积最大的三个国家是哪些？
@a
按国土面积排序，依次是俄罗斯、加拿大和中国（也有统计将美国列在中国之前，取决于是否计入领水面积）。

@@@
@q
甲乙两人同时从相距36千米的两地出发，相向而行。甲每小时走5千米，乙每小时走4千米，几小时后两人相遇？
@a
两人的速度和是5 + 4 = 9（千米/小时），相遇时间为36 ÷ 9 = 4（小时）。
答：4小时后两人相遇。

@@@ +lang.english
@q
解释什么是通货膨胀。
@a
Inflation is the general rise in the prices of goods and services over a period of time. When \
inflation happens, each unit of currency buys less than it did before, so the purchasing power \
of money falls. Moderate inflation is normal in a growing economy, but very high inflation can \
hurt savers and make planning difficult.

@@@ +lang.english
@q
Give two examples of renewable energy sources.
@a
1. Solar power, which turns sunlight into electricity with photovoltaic panels.
2. Wind power, which uses turbines to convert the movement of air into electricity.

@@@ +lang.japanese
@q
介绍一下富士山。
@a
富士山は静岡県と山梨県にまたがる日本一高い山で、標高は3776メートルです。きれいな円すい形をした成層火山で、昔から多くの絵や和歌に描かれてきました。2013年には「富士山－信仰の対象と芸術の源泉」として世界文化遺産に登録されました。夏の登山シーズンには、毎年たくさんの人が山頂を目指します。

@@@ +lang.korean
@q
推荐一道适合初学者做的韩国料理。
@a
초보자에게는 김치볶음밥을 추천합니다. 잘 익은 김치와 밥, 달걀만 있으면 쉽게 만들 수 있습니다. \
먼저 팬에 기름을 두르고 잘게 썬 김치를 볶은 다음, 밥을 넣고 고추장을 조금 넣어 골고루 섞어 \
주세요. 마지막으로 달걀 프라이를 올리면 완성입니다.

@@@ +lang.kanji_japanese
@q
东京都厅位于哪里？
@a
東京都庁舎所在地：東京都新宿区西新宿二丁目八番一号。最寄駅は都営大江戸線都庁前駅。第一本庁舎高二四三米、展望室入場無料。

@@@ +simplified.tw +lang.zh_with_english
@q
如何在Python程式中讀取一個文字檔？
@a
可以使用內建的open函式搭配with陳述式，這樣檔案在讀取完畢後會自動關閉：

```python
with open("data.txt", encoding="utf-8") as f:
    content = f.read()
print(content)
```

如果檔案很大，建議逐行讀取，以免一次佔用太多記憶體：

```python
with open("data.txt", encoding="utf-8") as f:
    for line in f:
        print(line.strip())
```

@@@ +simplified.tw
@q
家裡的網路很慢，可能是什麼原因？
@a
常見的原因有幾個：
1. 路由器擺放位置不佳，離房間太遠或中間隔著多道牆，訊號衰減嚴重。
2. 同時連線的裝置太多，例如有人在下載大型檔案或看高畫質影片。
3. 路由器使用太久沒有重新開機，或韌體版本過舊。
4. 電信業者的線路本身出了問題。
建議先重新啟動數據機和路由器，再用測速網站比較有線與無線的速度，就能大致判斷問題出在哪裡。

@@@ +simplified.tw
@q
印表機無法列印時，應該如何排除問題？
@a
可以依照以下順序檢查：
1. 確認印表機電源已開啟，面板上沒有卡紙或缺墨的警示。
2. 檢查USB線或無線網路連線是否正常。
3. 在電腦的「裝置和印表機」中確認選到的是正確的印表機，並清除卡住的列印工作。
4. 重新安裝或更新驅動程式。
如果以上步驟都無效，可以試著從手機列印一份測試頁，判斷是電腦端還是印表機本身的問題。

@@@ +simplified.hk
@q
香港有哪些常見的公共交通工具？
@a
香港的公共交通十分發達，主要包括：港鐵（地鐵及輕鐵）、專營巴士、紅色和綠色專線小巴、的士、電車，以及往返港島、九龍和離島的渡輪，例如著名的天星小輪。大部分交通工具都可以用八達通付款，十分方便。

@@@ +simplified.hk
@q
寫一封電郵，向上司申請下星期五放一天假。
@a
主旨：申請於下星期五（十月十八日）放假一天

陳經理：

您好！由於家中有事需要處理，本人希望於下星期五（十月十八日）放取年假一天。當日手頭的報表已安排同事阿明跟進，如有急事，亦可致電本人手提電話聯絡。

如蒙批准，不勝感激。

黃志強 謹啟

@@@ +simplified.plain
@q
一個長方形長8公分、寬5公分，它的面積是多少？
@a
這個問題很簡單。長方形的面積等於長乘以寬，所以面積是8 × 5 = 40（平方公分）。

@@@ +simplified.plain
@q
請用三個詞語形容春天。
@a
溫暖、生機勃勃、萬紫千紅。

@@@ +quality.empty
@q
写一首关于秋天的五言绝句。
@a

@@@ +quality.placeholder
@q
根据给定的图表，描述公司近五年销售额的变化趋势。
@a
<无输入>

@@@ +quality.placeholder
@q
播放一首轻松的背景音乐。
@a
<noinput>

@@@ +quality.too_short
@q
请简要介绍京剧的起源和主要行当。
@a
好

@@@ +quality.refusal_zh
@q
预测一下明天上证指数的收盘点位。
@a
作为一个AI语言模型，我无法预测股票市场的走势，也无法获取实时的金融数据。建议您参考专业机构发布的分析报告，并结合自身情况谨慎投资。

@@@ #mojibake_hz
@q
用一句话介绍杭州。
@a
杭州是浙江省的省会，以西湖美景和龙井茶闻名，自古就有“上有天堂，下有苏杭”的美誉。

@@@ #hometown
@q
描述一下你的家乡。
@a
我的家乡是一个美丽的地方。

@@@ +normalize.fullwidth
@q
ＣＰＵ和ＧＰＵ有什么区别？请举例说明。
@a
ＣＰＵ（中央处理器）擅长处理复杂、多变的逻辑任务，核心数量少但单核能力强；ＧＰＵ（图形处理器）拥有成百上千个简单核心，适合大规模并行计算。

举个例子：打开网页、运行办公软件主要依靠ＣＰＵ；而玩３Ｄ游戏、训练人工智能模型时，ＧＰＵ的优势就非常明显！你可以把ＣＰＵ想象成“几位全能教授”，把ＧＰＵ想象成“一千名小学生”：解一道难题，教授更快；算一万道口算题，小学生们一起上更快。

注意：两者并不是替代关系，而是分工合作；以一台配备ＲＴＸ４０６０显卡的电脑为例，游戏画面由ＧＰＵ渲染，游戏逻辑仍由ＣＰＵ负责。

@@@ +normalize.control_chars
@q
将下列单位换算成米：3千米、45厘米、2分米。
@a
3千米 = 3000米\x07
45厘米 = 0.45米
2分米 = 0.2米\x1b
"""

AZ_4 = """
@@@
@q
中国古代的“科举制度”是什么？
@a
科举制度是中国古代通过分科考试选拔官员的制度，始于隋朝，确立于唐朝，一直延续到清末1905年才被废除。它打破了门第对做官的垄断，让出身普通的读书人也有机会进入仕途。

@@@
@q
为什么月亮会有阴晴圆缺？
@a
月亮本身不发光，我们看到的是它反射的太阳光。月亮绕地球公转时，太阳、地球和月亮的相对位置不断变化，月亮被照亮的那一面朝向地球的部分也随之改变，于是就出现了新月、上弦月、满月、下弦月等不同的月相。

@@@ #leap
@q
如何判断一个年份是不是闰年？
@a
规则是“四年一闰，百年不闰，四百年再闰”：年份能被4整除但不能被100整除的是闰年；能被400整除的也是闰年。比如2024年是闰年，1900年不是闰年，2000年是闰年。

@@@ +lang.zh_with_english
@q
写一个Python列表推导式，生成1到20之间所有偶数的平方。
@a
```python
squares = [n * n for n in range(1, 21) if n % 2 == 0]
print(squares)  # [4, 16, 36, 64, 100, 144, 196, 256, 324, 400]
```

@@@
@q
把下列城市按所在省份分类：苏州、温州、无锡、宁波、徐州、绍兴。
@a
江苏省：苏州、无锡、徐州
浙江省：温州、宁波、绍兴

@@@
@q
给出一个形容人很有耐心的成语，并解释它的意思。
@a
不厌其烦：不嫌麻烦，形容人做事极有耐心。

@@@
@q
五个人站成一排拍照，一共有多少种不同的排法？
@a
这是五个元素的全排列，共有 5! = 5 × 4 × 3 × 2 × 1 = 120 种排法。

@@@
@q
简述“一带一路”倡议的主要内容。
@a
“一带一路”是“丝绸之路经济带”和“21世纪海上丝绸之路”的简称，由中国于2013年提出。它以政策沟通、设施联通、贸易畅通、资金融通、民心相通为主要内容，旨在加强沿线国家之间的基础设施建设和经贸合作。

@@@
@q
为学校秋季运动会写一段开幕式主持词的开场白。
@a
金风送爽，丹桂飘香。尊敬的各位领导、老师，亲爱的同学们：大家上午好！在这个充满活力的季节里，我们迎来了学校第二十届秋季运动会。赛场上，让我们奋力拼搏、挑战自我；赛场下，让我们为每一位运动员加油喝彩！

@@@
@q
端午节有哪些传统习俗？
@a
端午节的传统习俗有吃粽子、赛龙舟、挂艾草和菖蒲、佩香囊、系五彩绳、喝雄黄酒等。相传这些习俗与纪念战国时期的爱国诗人屈原有关。

@@@
@q
请修改下面句子中的语病。
@in
通过这次社会实践活动，使我们增长了见识。
@a
原句缺少主语。可改为：“通过这次社会实践活动，我们增长了见识。”或者“这次社会实践活动使我们增长了见识。”

@@@
@q
什么是“沉没成本”？
@a
沉没成本是指已经发生、无论做出什么决定都无法收回的成本。理性决策时应当忽略沉没成本，只考虑未来的收益和代价。比如电影票已经买了，看了半小时发现很无聊，票钱就是沉没成本，继续看下去只会再浪费一个多小时。

@@@
@q
一件衣服原价200元，先打八折，再减20元，现价是多少？
@a
200 × 0.8 = 160（元），160 - 20 = 140（元）。现价是140元。

@@@ +lang.zh_with_english
@q
在Git中，如何撤销最近一次还没有推送到远程的提交？
@a
如果想撤销提交但保留代码修改，可以执行：

```bash
git reset --soft HEAD~1
```

如果连修改也不要了，使用 `git reset --hard HEAD~1`，但要注意这会丢弃工作区的改动，\
操作前最好确认一下。

@@@
@q
推荐三种适合放在办公桌上的绿植。
@a
绿萝、多肉植物和虎尾兰。它们都耐阴、好养活，不需要频繁浇水，适合光照有限的办公室。

@@@
@q
用“虽然……但是……”造一个句子。
@a
虽然外面下着大雨，但是他还是按时赶到了学校。

@@@
@q
雾霾对人体健康有哪些影响？
@a
雾霾中的细颗粒物（PM2.5）可以深入肺部甚至进入血液，容易引起咳嗽、哮喘、支气管炎等呼吸道疾病，还会增加心脑血管疾病的风险。老人、儿童和有基础疾病的人群尤其需要注意防护。

@@@
@q
请将下面的长句拆分成几个短句，使意思更清楚。
@in
由于连续多日的强降雨导致山区多条道路出现塌方而被迫中断交通的情况使得大量返乡的游客不得不滞留在镇上等待救援人员抢修。
@a
连续多日的强降雨导致山区多条道路塌方。交通因此被迫中断。大量返乡游客不得不滞留在镇上，等待救援人员抢修道路。

@@@
@q
什么是DNS？
@a
DNS即域名系统，它的作用是把人们容易记住的域名（比如www.example.com）翻译成计算机能够识别的IP地址，相当于互联网的“电话簿”。

@@@
@q
写一段送给即将毕业的学长学姐的祝福语。
@a
愿你们带着这几年的收获与友谊，勇敢地奔赴下一段旅程。前路也许有风雨，但请相信，你们的努力终会开出花来。毕业快乐，江湖再见！

@@@
@q
地球自转一周大约需要多长时间？
@a
以恒星为参照，地球自转一周约23小时56分4秒；我们日常所说的一天（太阳日）是24小时。

@@@
@q
鸡兔同笼，共有35个头，94只脚，鸡和兔各有多少只？
@a
假设35只全是鸡，应有70只脚，比实际少了94 - 70 = 24只。每把一只鸡换成兔子，脚数增加2只，\
所以兔子有24 ÷ 2 = 12只，鸡有35 - 12 = 23只。
答：鸡23只，兔12只。

@@@ #ev
@q
比较一下电动汽车和燃油汽车的优缺点。
@a
电动汽车的优点主要有三个方面。第一，使用成本低，充电费用通常只有加油费用的三分之一左右，日常保养项目也少得多。第二，驾驶体验好，电机起步扭矩大，加速平顺，车内噪音小。第三，行驶过程中没有尾气排放，在城市里更加环保。它的缺点是续航里程受气温影响较大，冬天可能明显缩水；长途出行需要规划充电，高峰期服务区排队时间长；电池衰减后更换成本较高。

燃油汽车的优点是技术成熟，加油只需几分钟，加油站分布广，长途出行几乎没有里程焦虑，二手车保值率也相对稳定。缺点则是油价波动大、用车成本高，保养项目多，尾气排放对环境有影响，在部分城市还受到限行和摇号政策的限制。

总的来说，如果主要在城市通勤且家里或单位方便安装充电桩，电动汽车更划算；如果经常跑长途或居住地区充电不便，燃油汽车或插电混动车型可能更合适。

@@@ #tea
@q
介绍一下中国的茶文化。
@a
中国是茶的故乡，饮茶的历史已有数千年。相传神农尝百草时发现了茶的解毒作用，到了唐代，陆羽写成《茶经》，系统总结了茶的种植、采制和品饮方法，饮茶之风开始普及全国。宋代流行点茶和斗茶，文人雅士以茶会友；明代以后，散茶冲泡逐渐取代了团饼茶，形成了今天常见的饮茶方式。

按照加工工艺，中国茶通常分为绿茶、白茶、黄茶、青茶（乌龙茶）、红茶和黑茶六大类，著名的有西湖龙井、洞庭碧螺春、安溪铁观音、武夷岩茶、祁门红茶和云南普洱等。各地的饮茶习俗也各有特色，比如广东人爱喝早茶，潮汕地区讲究工夫茶，藏族同胞离不开酥油茶。

茶文化不仅仅是喝茶，还包括茶具、茶艺、茶礼和茶诗等丰富内容。“以茶待客”是中国人的传统礼节，一杯清茶，体现的是主人的诚意和淡泊宁静的生活态度。

@@@ #reading
@q
说一说坚持阅读有哪些好处。
@a
坚持阅读的好处很多。首先，阅读能够拓宽视野。我们的生活范围有限，但通过书籍，可以了解不同的时代、地域和人生，仿佛多活了许多辈子。其次，阅读能够提升思考能力。好的书会提出问题、展开论证，读者在跟随作者思路的过程中，逐渐学会分析和判断，而不是人云亦云。再次，阅读有助于提高表达能力。读得多了，词汇自然丰富，句子也更有条理，写作和说话都会受益。此外，阅读还能让人静下心来。在信息碎片化的时代，每天抽出半小时安静地读一本书，本身就是一种很好的放松方式。最后，阅读是一种成本很低的自我投资，一张借书证或一台电子阅读器，就能打开一扇通往广阔世界的大门。只要每天坚持读上二三十页，一年下来就是十几本书，日积月累，收获会远远超出想象。

@@@ +lang.zh_with_english
@q
如何用CSS让一个div在页面中水平垂直居中？
@a
最简单的方法是在父元素上使用Flex布局：

```css
.parent {
  display: flex;
  justify-content: center; /* 水平居中 */
  align-items: center;     /* 垂直居中 */
  height: 100vh;
}
```

也可以使用Grid布局：给父元素设置`display: grid; place-items: center;`，效果相同。

@@@ #riddle
@q
猜一个谜语：“身穿绿衣裳，肚里水汪汪，生的子儿多，个个黑脸膛。”（打一水果）
@a
谜底是西瓜。

@@@
@q
把下面这段文字缩写到50字以内。
@in
大熊猫是我国特有的珍稀动物，主要生活在四川、陕西和甘肃的山区。由于栖息地被破坏，野生大熊猫的数量曾经急剧下降。经过几十年的保护，我国建立了多个自然保护区和大熊猫国家公园，野生大熊猫数量已增加到1800多只，受威胁程度从“濒危”降为“易危”。
@a
大熊猫是我国特有珍稀动物，经多年建立保护区等措施，野生数量增至1800多只，已由濒危降为易危。

@@@
@q
写一个关于友谊的比喻句。
@a
真正的友谊像一盏放在窗前的灯，平时不觉得耀眼，可每当你在夜路上迷茫时，它总在那里亮着。

@@@
@q
列举三种可以减少家庭用电量的做法。
@a
1. 把白炽灯换成LED节能灯。
2. 空调夏天设定在26℃左右，并定期清洗滤网。
3. 电器不用时拔掉插头，避免待机耗电。

@@@
@q
“床前明月光”的下一句是什么？这首诗的作者是谁？
@a
下一句是“疑是地上霜”。这首诗是唐代诗人李白的《静夜思》。

@@@
@q
解释一下“复利”的概念。
@a
复利就是“利滚利”：每一期产生的利息会加入本金，在下一期一起计算利息。比如10000元按年利率5%复利计算，第一年末是10500元，第二年末是11025元，时间越长，复利效应越明显。

@@@
@q
给下面这段话加上合适的标点符号。
@in
今天早上我去菜市场买了白菜萝卜和豆腐回家的路上遇到了多年不见的老同学我们聊了很久
@a
今天早上，我去菜市场买了白菜、萝卜和豆腐。回家的路上，遇到了多年不见的老同学，我们聊了很久。

@@@
@q
判断下面的说法是否正确：“金属都是固体。”
@a
不正确。汞（水银）是金属，但在常温下是液体。

@@@
@q
为一家书店的公众号写一个吸引人的文章标题，主题是推荐夏日读物。
@a
《这个夏天，把自己交给这8本书》
"""


# --------------------------------------------------------------------------- alpaca_gpt4_zh

G4_1 = """
@@@ +contam.benchmark
@q
金字塔是哪一个古代文明的代表性建筑？（古巴比伦／玛雅／古印度／古埃及）请简要说明。
@a
金字塔是古埃及文明的代表性建筑。古埃及人为法老修建金字塔作为陵墓，其中最著名的是吉萨的胡夫金字塔，它体现了当时高超的天文、数学和建筑水平。

@@@
@q
解释一下什么是“碳中和”。
@a
碳中和（Carbon Neutrality）是指在一定时期内，一个国家、地区、企业或个人通过各种方式，\
使自身活动产生的二氧化碳排放量与吸收、抵消的二氧化碳量达到平衡，从而实现二氧化碳的“净零排放”。

实现碳中和通常有两条路径：

1. 减少排放：例如提高能源利用效率，发展风能、太阳能、水能等清洁能源，推广电动汽车，\
改进工业生产工艺，减少对煤炭和石油的依赖。
2. 增加吸收和抵消：例如植树造林、保护森林和湿地以增强自然碳汇，发展碳捕集、利用与封存（CCUS）\
技术，或者购买经过认证的碳减排量进行抵消。

中国已提出“二氧化碳排放力争于2030年前达到峰值，努力争取2060年前实现碳中和”的目标，也就是常说的“双碳”目标。碳中和不仅是应对气候变化的重要举措，也将推动能源结构和经济发展方式的深刻变革。

@@@
@q
列举中国古代的四大发明。
@a
中国古代的四大发明分别是：

1. 造纸术：东汉时期蔡伦改进了造纸方法，用树皮、麻头、破布和旧渔网等原料造纸，使纸张成本降低、\
得以普及，极大地促进了文化的传播。
2. 印刷术：唐代出现了雕版印刷，到了北宋，又出现了可以反复排版的活字印刷术，\
大大提高了书籍印刷的效率。
3. 火药：唐代炼丹家在炼制丹药时偶然发现了火药的配方，后来被用于军事和烟花爆竹。
4. 指南针：早在战国时期就出现了名为“司南”的磁性指向工具，宋代指南针开始用于航海，\
为后来的远洋航行提供了重要条件。

这四大发明经由丝绸之路等途径传到世界各地，对人类文明的发展产生了深远影响。

@@@
@q
为什么傍晚时天空常常呈现橙红色？
@a
傍晚天空呈现橙红色，主要是由于大气对阳光的“瑞利散射”造成的。

太阳光看起来是白色的，其实它由红、橙、黄、绿、蓝、靛、紫等不同波长的光组成。当阳光穿过大气层时，会与空气中的分子发生碰撞而改变方向，这就是散射。瑞利散射的强度与波长的四次方成反比，也就是说，波长越短的光越容易被散射。蓝光和紫光的波长短，散射得最厉害；红光和橙光的波长长，散射得较少。

白天太阳高挂天空，阳光穿过的大气层相对较薄，被散射的蓝光布满天空，所以我们看到的是蓝天。而到了傍晚，太阳接近地平线，阳光需要斜着穿过比正午厚几十倍的大气层。在这段漫长的路程中，蓝光和紫光几乎都被散射掉了，最终抵达我们眼睛的主要是波长较长的红光和橙光。

此外，空气中的尘埃、水汽和污染颗粒也会影响晚霞的颜色。颗粒较多时，晚霞往往更加浓烈，有时甚至呈现出紫红色。

@@@
@q
二十四节气中的“惊蛰”大约在公历哪一天？它有什么含义？
@a
惊蛰是二十四节气中的第三个节气，通常在每年公历的3月5日或6日，此时太阳到达黄经345°。

“蛰”的本义是动物入冬后藏伏在土中、不饮不食的状态，即冬眠。古人认为，到了惊蛰前后，天气回暖，春雷开始响起，惊醒了蛰伏在地下越冬的昆虫和动物，所以把这个节气称为“惊蛰”。实际上，昆虫苏醒主要是因为气温回升，而不是听到了雷声，但这个名字形象地表现了万物复苏的景象。

惊蛰在农业生产上有重要意义。民间有“惊蛰不耙地，好比蒸馍走了气”的农谚，说明这时候要抓紧春耕。同时，随着气温升高，病虫害也开始活跃，需要注意防治。

在一些地区，惊蛰还有“祭白虎”“打小人”和吃梨的习俗。吃梨寓意与害虫“分离”，同时梨能润肺止咳，适合乍暖还寒的早春时节。

@@@
@q
描述一下你心目中理想的书房。
@a
我心目中理想的书房，是一个能让人真正安静下来的地方。

它不需要很大，十来平方米就够了，但要有一扇朝南的大窗户。上午的阳光从窗外照进来，落在原木色的书桌上，窗外最好有一棵老槐树，四季的变化都能透过窗框看到：春天的嫩芽、夏天的浓荫、秋天的落叶，以及冬天枝头的积雪。

书房的一整面墙是从地板一直顶到天花板的书架，配一把可以滑动的小梯子。书不按颜色或大小排列，而是按照自己的阅读脉络分类：一格是历史，一格是小说，一格是诗集，还有一格专门放那些读了不止一遍的“老朋友”。

书桌要足够宽，可以同时摊开几本书和一叠稿纸。桌上只放一盏暖黄色的台灯、一个笔筒和一只常年泡着茶的杯子。角落里放一把柔软的单人沙发和一张小脚凳，适合窝在里面读一个下午的小说。

最后，书房里最好没有电视，也不放手机充电器。在这里，时间走得慢一些，人也能和自己好好待一会儿。

@@@
@q
请为一家新开的社区面包店写一段简短的开业介绍。
@a
【麦田里的小面包店 · 开业啦】

亲爱的街坊邻居们：

在小区东门旁边，一家小小的面包店悄悄亮起了灯。我们是“麦田里”，一家只做当天现烤面包的社区烘焙店。

我们坚持三件小事：

- 新鲜：每天清晨五点开始和面，所有面包当天出炉、当天售完，绝不隔夜。
- 简单：选用进口小麦粉、新鲜黄油和本地农场的鸡蛋，不添加人工色素和香精。
- 亲切：店里留了三张小桌子，欢迎您带着孩子来坐一坐，喝杯热牛奶，看看面包是怎么烤出来的。

招牌推荐：老面葡萄干吐司、海盐黄油卷、红豆麻薯包，以及周末限定的肉桂卷。

开业优惠：即日起至本月底，每天前30位顾客赠送一个小餐包；办理会员卡即享九折。

营业时间：每天7:00—20:00。期待在面包的香气里遇见您！

@@@
@q
给出三个提高专注力的方法。
@a
以下是三个经过实践检验、简单易行的提高专注力的方法：

1. 营造无干扰的环境
手机通知是专注力最大的敌人之一。开始工作或学习前，可以把手机调成勿扰模式，甚至放到另一个房间；关闭电脑上与任务无关的网页和聊天软件。研究表明，即使只是看到手机放在桌上，也会分散一部分注意力。

2. 使用番茄工作法
把工作时间划分为25分钟的专注时段和5分钟的短暂休息，每完成四个“番茄钟”再休息15到30分钟。明确的时间边界能降低开始任务的心理阻力，也能避免长时间工作导致的疲劳。

3. 照顾好身体
专注力与身体状态密切相关。保证每晚7到8小时的睡眠、规律进行有氧运动、适量饮水，都能提升大脑的工作效率。此外，每天进行10分钟左右的正念冥想，专门练习把注意力拉回当下，长期坚持对专注力有明显帮助。

专注力就像肌肉，需要持续训练。从短时间的专注开始，逐渐延长，你会发现自己越来越能沉浸在要做的事情里。

@@@
@q
简要说明光合作用的过程。
@a
光合作用是绿色植物（以及藻类和某些细菌）利用光能，把二氧化碳和水合成有机物并释放氧气的过程。它主要在叶片细胞的叶绿体中进行，可以概括为两个阶段：

1. 光反应（在类囊体膜上进行）
叶绿素吸收光能，将水分解为氧气、氢离子和电子，氧气被释放到空气中。同时，光能被转化为ATP和NADPH中的化学能。

2. 暗反应，也叫卡尔文循环（在叶绿体基质中进行）
利用光反应产生的ATP和NADPH，把从空气中吸收的二氧化碳固定下来，经过一系列酶促反应，最终合成葡萄糖等有机物。

总反应式可以写作：6CO₂ + 6H₂O →（光照、叶绿体）C₆H₁₂O₆ + 6O₂

光合作用是地球上几乎所有生物的能量来源，也是大气中氧气的主要来源。

@@@
@q
解释“边际效用递减”的含义，并举一个生活中的例子。
@a
“边际效用递减”是经济学中的一个基本规律。这里的“效用”指消费者从商品或服务中获得的满足程度，“边际效用”则是每多消费一个单位商品所增加的那部分满足感。

这个规律说的是：在一定时间内，其他条件不变的情况下，随着一个人消费某种商品数量的增加，他从每一个新增单位中获得的满足感会逐渐减少。

生活中的例子：

假设你在炎热的夏天跑完步，口渴难耐。
- 第一块西瓜：清甜解渴，满足感极高；
- 第二块西瓜：依然好吃，但没有第一块那么惊艳；
- 第三块西瓜：你已经不太渴了，吃着只是“还不错”；
- 第五块西瓜：肚子撑得难受，再吃反而是负担，边际效用甚至变成了负数。

这个规律可以解释很多现象，比如为什么商家会推出“第二件半价”来刺激消费，以及为什么人们更愿意把钱分散在不同的商品上，而不是只买同一种东西。

@@@
@q
写一封简短的邮件，向同事请教一个Excel问题。
@a
主题：请教：如何在Excel中按月份汇总数据

张工，您好！

打扰您一下。我正在整理第三季度的销售台账，表格里有“日期”“区域”“销售额”三列，大约两千多行数据。我想按月份和区域汇总销售额，试着用了数据透视表，但日期字段放进行标签后，显示的是每一天的明细，没能按月份合并。

我在网上查了一些方法，比如使用“组合”功能，但右键时这个选项是灰色的，不知道是不是日期格式有问题。

知道您对Excel非常熟悉，想请您有空时帮我看一下。我把表格的副本放在附件里了，如果方便的话，我也可以到您工位当面请教，大概占用您十分钟。

非常感谢！

李明
销售部

@@@
@q
什么是区块链？
@a
区块链（Blockchain）是一种按时间顺序将数据区块依次连接而成的链式数据结构，并以密码学方式保证数据不可篡改、不可伪造的分布式账本技术。

可以从以下几个方面理解它：

1. 区块与链：每个区块都包含一批交易记录、时间戳，以及前一个区块的哈希值。\
由于每个区块都“记住”了上一个区块的指纹，如果有人修改了某个历史区块，它的哈希值就会改变，\
后面所有的区块都会对不上，篡改立刻会被发现。

2. 去中心化：传统账本由银行等中心机构保管，而区块链的账本由网络中成千上万个节点共同保存，\
每个节点都有一份完整的副本，不存在单一的控制者。

3. 共识机制：新区块如何被大家认可？区块链通过工作量证明（PoW）、权益证明（PoS）等共识机制，\
让互不信任的节点对账本内容达成一致。

4. 智能合约：以太坊等平台允许在区块链上运行程序，满足条件时自动执行合约条款。

区块链最早作为比特币的底层技术出现，如今也被应用于供应链溯源、跨境支付、电子存证、数字版权等领域。不过，它也面临性能有限、能耗较高、监管不完善等挑战。

@@@ +lang.zh_with_english
@q
解释Python中列表和元组的区别。
@a
列表（list）和元组（tuple）都是Python中用来存放一组有序元素的序列类型，它们的主要区别如下：

1. 可变性
列表是可变的（mutable），创建后可以添加、删除或修改元素；元组是不可变的（immutable），一旦创建就不能修改。

```python
nums = [1, 2, 3]
nums.append(4)      # 可以
point = (1, 2)
point[0] = 10       # TypeError: 'tuple' object does not support item assignment
```

2. 语法
列表使用方括号 `[]`，元组使用圆括号 `()`。需要注意的是，只有一个元素的元组必须加逗号：`(1,)`，\
否则 `(1)` 只是整数1。

3. 性能与内存
由于元组不可变，Python可以对其做一些优化，创建和访问速度通常略快于列表，占用的内存也更少。

4. 可哈希性
元组（当其元素也都不可变时）是可哈希的，可以作为字典的键或放入集合中；列表不可以。

5. 使用场景
- 列表适合存放同类、数量会变化的数据，例如待办事项、用户列表；
- 元组适合存放固定结构的数据，例如坐标 `(x, y)`、RGB颜色值，或者函数返回的多个值。

简单记忆：需要改，用列表；不该改，用元组。

@@@
@q
推荐三本适合初中生阅读的课外书，并说明理由。
@a
以下三本书兼顾了文学性、知识性和成长意义，很适合初中生阅读：

1.《朝花夕拾》—— 鲁迅
这是鲁迅回忆童年和青年时代的散文集，收录了《从百草园到三味书屋》《藤野先生》等名篇。文字既有温情也有锋芒，读者可以感受到那个时代的社会风貌，同时学习鲁迅凝练而富有表现力的语言。它也是初中语文的必读名著，读透它对学习很有帮助。

2.《海底两万里》—— 儒勒·凡尔纳
这是一部经典的科幻冒险小说，讲述尼摩船长驾驶“鹦鹉螺号”潜艇环游海底的故事。书中既有惊险的情节，也有丰富的海洋生物和地理知识，能激发青少年对科学和探索的热情。

3.《苏菲的世界》—— 乔斯坦·贾德
这本书以小说的形式讲述西方哲学史，一个十四岁的女孩收到神秘来信，开始思考“你是谁”“世界从哪里来”等问题。它能引导初中生学会独立思考，是一本很好的哲学启蒙读物。

建议阅读时准备一个小本子，记录喜欢的句子和自己的想法，读完后和同学或家长交流，收获会更大。

@@@
@q
怎样缓解久坐引起的腰背酸痛？
@a
长时间久坐是现代上班族和学生腰背酸痛的主要原因之一。可以从以下几个方面来缓解和预防：

一、调整坐姿和工作环境
1. 椅子高度以双脚能平放在地面、膝盖与髋部大致齐平为宜。
2. 腰部与椅背之间放一个靠垫，保持腰椎的自然前凸。
3. 电脑屏幕上缘与视线平齐，避免长时间低头或前倾。

二、定时起身活动
建议每坐45到60分钟就起身活动3到5分钟，可以倒杯水、走一走，或者做几个简单的拉伸动作：
- 站立后仰：双手叉腰，缓慢向后仰，保持5秒，重复5次；
- 猫牛式：四肢撑地，交替弓背和塌腰，放松脊柱；
- 婴儿式：跪坐后身体前趴，双臂向前伸展，拉伸背部肌肉。

三、加强核心肌群锻炼
平板支撑、臀桥、小燕飞等动作可以增强腰腹部力量，让肌肉更好地支撑脊柱。每周锻炼3次以上，效果会比较明显。

四、其他缓解方法
酸痛明显时可以热敷15到20分钟，促进血液循环；睡觉时选择软硬适中的床垫。

需要提醒的是，如果腰痛持续超过两周、伴有腿部麻木或放射痛，应及时到医院就诊，排除腰椎间盘突出等疾病。

@@@
@q
简述长城的历史意义。
@a
长城是中国古代规模最为宏大的军事防御工程，它的历史意义可以从以下几个方面来理解：

1. 军事防御
长城的修筑始于春秋战国时期，各诸侯国为了互相防御而修建城墙。秦始皇统一六国后，将北方各国的长城连接起来，形成“万里长城”，用以抵御匈奴的南下侵扰。此后汉、北魏、北齐、明等朝代都曾大规模修筑。今天我们看到的八达岭、慕田峪等段落，大多是明长城。

2. 保障农耕文明
长城大致沿着农耕区与游牧区的分界线分布，它在很大程度上保护了中原地区的农业生产和百姓生活，为经济文化的发展提供了相对稳定的环境。

3. 促进交流与边疆开发
长城沿线设有关隘和互市，它并不是一道完全封闭的墙，而是控制人员、货物往来的通道。汉代的河西长城还保护了丝绸之路的畅通，促进了东西方的贸易和文化交流。

4. 民族精神的象征
长城凝聚了无数劳动者的血汗和智慧，如今已成为中华民族坚韧不拔、自强不息精神的象征。1987年，长城被列入《世界遗产名录》。

当然，长城的修筑也曾给百姓带来沉重的徭役负担，“孟姜女哭长城”的传说就反映了这一点。全面看待长城，才能更好地理解它的历史价值。
"""

G4_2 = """
@@@
@q
为一款保温杯写一段50字左右的广告文案。
@a
以下是两版供您选择的文案：

版本一（温情向）：
清晨装进一杯热茶，傍晚打开依旧温润。12小时长效保温，316不锈钢内胆，把家的温度带在身边。

版本二（活力向）：
通勤、健身、出差，一杯搞定！轻至260克，单手开盖，冷热皆宜，陪你元气满满每一天。

@@@
@q
什么是“温室效应”？
@a
温室效应是指大气层中的某些气体吸收地表发出的热辐射，使地球表面温度保持在较高水平的现象，因其原理类似于栽培植物用的玻璃温室而得名。

具体过程如下：
1. 太阳以短波辐射的形式把能量传递到地球，其中大部分能够穿过大气层到达地面，使地面升温。
2. 地面升温后会以长波红外辐射的形式向太空散发热量。
3. 大气中的二氧化碳、甲烷、水蒸气、氧化亚氮等“温室气体”能够吸收这些长波辐射，\
并向各个方向重新辐射，其中一部分又返回地面。

这样一来，热量就像被“盖了一层被子”一样留在了近地面。

需要强调的是，温室效应本身是一种自然现象，而且对生命至关重要。如果没有它，地球表面的平均温度将是零下18℃左右，而不是现在的约15℃。

问题在于，工业革命以来，人类大量燃烧煤炭、石油和天然气，并砍伐森林，使大气中的二氧化碳浓度从约280ppm上升到超过420ppm，温室效应被人为增强，导致全球变暖、冰川融化、海平面上升和极端天气增多。这也是各国致力于减排的原因。

@@@
@q
请解释“内卷”这个网络词语的含义。
@a
“内卷”一词源自英文“involution”，最早由美国人类学家格尔茨用来描述印尼爪哇岛的农业：由于土地有限，农民不断向稻田投入更多劳动力，精耕细作到了极致，单位产量却没有明显提高，农业也没有发展出新的形态。

如今在中文网络语境中，“内卷”的含义被大大扩展，通常指：在资源总量有限的情况下，同一群体内部的成员为了争夺这些资源而不断加大投入、相互竞争，结果个人付出越来越多，整体收益却没有增加，反而让所有人都陷入疲惫和焦虑。

几个常见的例子：
- 职场：一个人加班到九点，其他人为了不显得落后，只好加班到十点，最后大家都更累了，\
公司的产出却没有实质变化。
- 教育：家长们竞相给孩子报补习班，原本的“提前学”变成了“人人都学”，起跑线被一再提前。
- 商业：商家之间陷入低价竞争，利润越来越薄，服务质量反而下降。

与“内卷”相对的词是“躺平”，指主动放弃过度竞争、降低欲望的生活态度。两者都反映了当下年轻人对竞争压力的感受与反思。

@@@
@q
简单介绍一下《西游记》的主要人物。
@a
《西游记》是明代吴承恩创作的长篇神魔小说，讲述唐僧师徒历经九九八十一难前往西天取经的故事。主要人物如下：

1. 唐僧（唐三藏）
取经团队的领导者，原型是唐代高僧玄奘。他心地善良、信念坚定，一心向佛，但有时也显得迂腐软弱、不辨是非，多次错怪孙悟空。

2. 孙悟空
小说中最具光彩的人物。他由石头孕育而生，学得七十二变和筋斗云，曾大闹天宫，后被压在五行山下，被唐僧救出后保护其西行。他机智勇敢、嫉恶如仇，手持金箍棒，练就一双火眼金睛，是降妖除魔的主力。

3. 猪八戒
原是天蓬元帅，因调戏嫦娥被贬下凡，错投猪胎。他好吃懒做、贪恋美色，遇到困难常嚷着散伙回高老庄，但也憨厚朴实、能吃苦，为小说增添了许多喜剧色彩。

4. 沙僧（沙悟净）
原是卷帘大将，因失手打碎琉璃盏被贬流沙河。他忠厚老实、任劳任怨，一路上挑担牵马，是团队中默默付出的“老实人”。

5. 白龙马
原是西海龙王三太子，因犯错被罚，后化作白马驮唐僧西行。

此外，如来佛祖、观音菩萨、玉皇大帝以及牛魔王、白骨精等众多神佛妖魔，也都给读者留下了深刻印象。

@@@
@q
为什么要进行垃圾分类？
@a
垃圾分类是指按照一定标准将垃圾分类储存、投放和搬运，从而转变成公共资源的一系列活动。进行垃圾分类主要有以下几方面的意义：

1. 节约资源
纸张、塑料、金属、玻璃等可回收物经过分拣后可以重新加工利用。例如，回收一吨废纸可以生产约八百千克再生纸，少砍伐十几棵大树。

2. 减少环境污染
废电池、过期药品、废荧光灯管等有害垃圾中含有汞、镉等重金属和有毒物质，如果与普通垃圾一起填埋，会污染土壤和地下水。单独收集处理，可以有效降低环境风险。

3. 降低处理成本
我国城市生活垃圾中厨余垃圾占比较高，含水量大，混在一起焚烧时热值低，还容易产生有毒的污染物。分出厨余垃圾后，剩下的其他垃圾焚烧效率更高，填埋量也大大减少，延长了填埋场的使用寿命。

4. 变废为宝
厨余垃圾可以通过堆肥或厌氧发酵制成有机肥料和沼气，实现资源化利用。

5. 提升公民环保意识
垃圾分类需要每个人从日常小事做起，这个过程本身就是一种环保教育，有助于形成绿色低碳的生活方式。

总之，垃圾分类看似麻烦，却是实现资源循环利用和生态文明建设的重要一环。

@@@
@q
说明冰箱为什么能制冷。
@a
冰箱制冷的核心原理是：利用制冷剂在“液态—气态”之间的循环相变，把冰箱内部的热量“搬运”到外部。这个过程主要依靠四个部件完成：

1. 蒸发器（位于冰箱内部）
低温低压的液态制冷剂进入蒸发器后迅速汽化。液体汽化需要吸收热量，于是冰箱内部的热量被带走，温度随之降低。

2. 压缩机（位于冰箱底部后方）
汽化后的低压制冷剂气体被压缩机吸入并压缩，变成高温高压的气体。压缩机是整个系统的“心脏”，我们听到的冰箱“嗡嗡”声主要来自它。

3. 冷凝器（通常位于冰箱背面或两侧）
高温高压的气体在冷凝器中向周围空气散热，逐渐冷却并液化成高压液体。这就是为什么冰箱背面或侧面摸起来是热的。

4. 节流装置（毛细管或膨胀阀）
高压液体经过细长的毛细管时压力骤降，变成低温低压的液体，再次进入蒸发器，开始下一轮循环。

简单来说，冰箱并不是“制造”了冷，而是像一台热量搬运机，持续地把内部的热量转移到外部。根据能量守恒，这个过程需要消耗电能，所以冰箱背后散出的热量其实比它从内部带走的还要多。

小贴士：冰箱背面要与墙壁保持10厘米以上的距离，以便冷凝器散热，这样既省电又能延长冰箱寿命。

@@@
@q
写一段描写秋天银杏树的文字。
@a
校园西侧的那排银杏，是整个秋天里最先被人记住的风景。

十月下旬，第一场寒风掠过之后，原本青翠的扇形叶片像是被谁悄悄调了色，先是叶缘泛起一圈浅黄，没过几天，整棵树就亮成了一团金色的火焰。阳光透过层层叠叠的叶子洒下来，连空气都被染成了暖融融的琥珀色。

风起时，叶子便纷纷扬扬地落下，有的打着旋儿，有的斜斜地滑翔，像一群急着回家的小蝴蝶。不出半天，树下的石板路就铺上了一层厚厚的金毯，踩上去软软的，发出细碎的沙沙声。

常有老人拎着布袋来捡白果，有学生蹲下身挑选最完整的叶子夹进书页，也有情侣站在树下，一遍遍地拍着合影。银杏不言不语，只是把一年积攒的光亮，慷慨地交给了这短短的几周。

等到最后一片叶子落尽，枝干重新裸露在灰蓝的天空下，人们才恍然发觉：原来，秋天已经悄悄走远了。

@@@
@q
怎样做一道家常的番茄炒蛋？
@a
番茄炒蛋是最经典的家常菜之一，做法简单，但想做得鲜嫩多汁也有一些小技巧。

【食材准备】（2人份）
- 番茄2个（选熟透、偏软的）
- 鸡蛋3个
- 葱1根
- 盐、白糖、食用油适量

【步骤】
1. 处理番茄：在番茄顶部划十字，用开水烫30秒后去皮，切成滚刀块。去皮后口感更顺滑，也更容易炒出汁。
2. 打蛋：鸡蛋磕入碗中，加一小撮盐和一小勺清水，充分打散。加水能让炒出来的鸡蛋更蓬松。
3. 炒鸡蛋：锅中倒入比平时稍多的油，油温七成热时倒入蛋液，待底部稍微凝固后用铲子轻轻推动，\
炒至八成熟、呈大块状时盛出备用。
4. 炒番茄：锅中留少许底油，下葱白爆香，倒入番茄块中火翻炒，用铲子稍微压一压，炒出浓稠的汤汁。
5. 调味：加入适量盐和半小勺白糖（糖可以中和番茄的酸味，提鲜）。
6. 合炒：把鸡蛋倒回锅中，与番茄汁翻炒均匀，让鸡蛋吸收汤汁，撒上葱花即可出锅。

【小贴士】
- 番茄汁水不够时可以加两三勺清水，汤汁拌饭特别香。
- 喜欢酸甜口的可以加一勺番茄酱，颜色也会更红亮。

@@@ +lang.zh_with_english
@q
解释算法中“时间复杂度”的概念。
@a
时间复杂度（Time Complexity）是衡量算法运行效率的一种方式，它描述的是：当输入数据的规模n增大时，\
算法执行所需的基本操作次数是如何增长的。

一、为什么不直接用运行时间衡量？
同一段程序在不同的电脑、不同的编程语言下运行时间差别很大，用秒数无法客观地比较算法的好坏。时间复杂度关注的是“增长趋势”，与硬件无关。

二、大O表示法
时间复杂度通常用大O符号表示，只保留增长最快的项，并忽略常数系数。例如某算法执行了3n² + 5n + \
2次操作，它的时间复杂度就是O(n²)。

三、常见的时间复杂度（从快到慢）
- O(1)：常数时间，如通过下标访问数组元素；
- O(log n)：对数时间，如二分查找；
- O(n)：线性时间，如遍历数组求和；
- O(n log n)：如归并排序、快速排序的平均情况；
- O(n²)：平方时间，如冒泡排序、两层嵌套循环；
- O(2ⁿ)：指数时间，如不加优化地递归计算斐波那契数列。

四、举个例子
```python
def contains(nums, target):
    for x in nums:        # 最多执行 n 次
        if x == target:
            return True
    return False
```
这个函数最坏情况下需要检查所有n个元素，所以时间复杂度是O(n)。如果数组已经有序，改用二分查找，\
就可以把复杂度降到O(log n)。

在实际开发中，理解时间复杂度可以帮助我们在数据量变大之前就预判性能瓶颈，选择合适的算法和数据结构。

@@@
@q
写一句关于节约用水的宣传标语。
@a
以下是几句不同风格的节约用水宣传标语，供您参考：

1. 滴水汇成江河，节约始于点滴。
2. 别让最后一滴水，成为人类的眼泪。
3. 拧紧的是水龙头，守住的是生命线。
4. 今天省下一盆水，明天多留一片绿。
5. 珍惜每一滴水，就是珍惜我们的未来。

如果用于校园宣传，推荐第1句或第4句，简洁朗朗上口；用于公益海报，第2句更有冲击力。

@@@
@q
地球上面积最大的海洋是哪一个？
@a
地球上面积最大的海洋是太平洋。

关于太平洋的一些基本信息：
- 面积：约1.8亿平方千米，约占地球表面积的三分之一，也占世界海洋总面积的近一半，\
比全球陆地面积的总和还要大。
- 深度：平均深度约4000米，是四大洋中最深的。位于西太平洋的马里亚纳海沟最深处约11000米，\
是已知的地球表面最低点。
- 位置：位于亚洲、大洋洲、美洲和南极洲之间，南北跨度约1.6万千米。
- 名字的由来：1520年，葡萄牙航海家麦哲伦率领船队穿过南美洲南端的海峡进入这片大洋，\
此后航行的几个月中风平浪静，于是将它命名为“太平洋”。

不过，太平洋其实并不总是“太平”，它的边缘分布着环太平洋火山地震带，全球大部分地震和火山喷发都发生在这一带。

@@@
@q
为什么月亮会有阴晴圆缺？
@a
月亮的“阴晴圆缺”在天文学上叫作月相变化，它是由太阳、地球、月球三者相对位置的变化造成的。

首先要明白两点：
1. 月球本身不发光，我们看到的月光是它反射的太阳光；
2. 无论什么时候，月球总有一半被太阳照亮，另一半处于黑暗中。

月球大约每29.5天绕地球转一圈。在这个过程中，被太阳照亮的那一半朝向地球的部分不断变化，于是我们看到的月亮形状也在变化：

- 新月（朔，农历初一）：月球位于太阳和地球之间，亮面背对地球，我们几乎看不到月亮。
- 蛾眉月：月球逐渐偏离，傍晚西方天空出现一弯细细的月牙。
- 上弦月（农历初七、初八）：我们能看到月球右侧的一半亮面。
- 盈凸月：亮面继续增大。
- 满月（望，农历十五、十六）：地球位于太阳和月球之间，月球亮面完全朝向地球，我们看到一轮圆月。
- 之后依次经过亏凸月、下弦月（农历二十二、二十三）、残月，再回到新月。

需要注意的是，月相变化和月食不同。月食是地球的影子挡住了月球，只会发生在满月时，而且并不是每个月都有。苏轼“月有阴晴圆缺”的感叹，正是古人对这一自然现象的诗意表达。

@@@
@q
简述“一带一路”倡议的主要内容。
@a
“一带一路”是“丝绸之路经济带”和“21世纪海上丝绸之路”的简称，由中国国家主席习近平于2013年9月和10月先后提出。它借用古代丝绸之路的历史符号，旨在与沿线国家共同打造开放、包容、均衡、普惠的区域经济合作架构。

一、主要方向
- 丝绸之路经济带：重点是畅通中国经中亚、俄罗斯至欧洲，中国经中亚、西亚至波斯湾、地中海，\
以及中国至东南亚、南亚、印度洋的通道。
- 21世纪海上丝绸之路：重点方向是从中国沿海港口过南海到印度洋，延伸至欧洲；\
以及从中国沿海港口过南海到南太平洋。

二、合作重点（“五通”）
1. 政策沟通：加强政府间合作，对接发展战略；
2. 设施联通：推进铁路、公路、港口、能源管道和通信网络等基础设施建设；
3. 贸易畅通：降低贸易壁垒，提高通关便利化水平；
4. 资金融通：推动亚洲基础设施投资银行、丝路基金等金融合作；
5. 民心相通：开展教育、文化、旅游、卫生等领域的人文交流。

三、代表性项目
中欧班列、中老铁路、雅万高铁、比雷埃夫斯港等都是“一带一路”合作的代表性成果。

“一带一路”倡议坚持共商、共建、共享原则，已成为深受欢迎的国际公共产品和国际合作平台。

@@@
@q
什么是“沉没成本”？
@a
沉没成本（Sunk Cost）是经济学和管理学中的一个概念，指的是已经发生、\
并且无论未来做出什么选择都无法收回的成本。

一、理解要点
沉没成本的关键在于“不可收回”。既然无论怎样都拿不回来，理性的决策就应该只着眼于未来的成本和收益，而不应受到它的影响。

二、沉没成本谬误
现实中，人们常常因为“已经投入了这么多”而舍不得放弃，继续在错误的方向上追加投入，这就是“沉没成本谬误”。例如：
- 买了一张自助餐券，明明已经吃饱了，却因为“不吃回本太亏”而继续硬塞，结果吃坏了肚子；
- 一个项目已经投入了大量资金，前景明显不乐观，但管理者不愿意承认失败，继续砸钱；
- 一段感情已经让双方都很痛苦，却因为“在一起这么多年了”而迟迟不肯分开。

三、如何避免
做决定时可以问自己一个问题：“如果我今天从零开始，还会做出同样的选择吗？”如果答案是否定的，那么过去的投入就不应该成为继续的理由。

当然，沉没成本也提醒我们：在做出投入之前就应该谨慎评估，尽量减少将来陷入两难的可能。
"""

G4_3 = """
@@@
@q
雾霾对人体健康有哪些影响？
@a
雾霾是雾和霾的组合，其中对健康危害最大的是霾中的细颗粒物，尤其是直径小于等于2.5微米的PM2.5。它们体积小、表面积大，容易吸附重金属、多环芳烃等有害物质，并能随呼吸深入人体。雾霾对健康的影响主要包括：

1. 呼吸系统：刺激鼻腔、咽喉和气管，引起咳嗽、咽痛、气喘；长期暴露会增加慢性支气管炎、\
哮喘和慢阻肺的发病风险，严重时与肺癌发病率上升有关。
2. 心脑血管系统：细颗粒物可以穿过肺泡进入血液循环，引发炎症反应，使血液黏稠度增加，\
诱发心律失常、心肌梗死和中风。
3. 免疫系统：长期吸入污染物会削弱呼吸道黏膜的防御功能，使人更容易感冒和感染。
4. 眼睛和皮肤：可能引起结膜炎、眼睛干涩，以及皮肤过敏、毛孔堵塞等问题。
5. 心理健康：持续的灰暗天气和户外活动减少，也会让人情绪低落、烦躁。

防护建议：
- 关注空气质量指数，重度污染时减少外出，尤其避免户外剧烈运动；
- 外出佩戴符合标准的防护口罩，如KN95口罩；
- 室内关闭门窗，使用空气净化器；
- 回家后及时洗脸、漱口、清洁鼻腔；
- 老人、儿童、孕妇和心肺疾病患者要格外注意防护。

@@@
@q
DNS是什么？
@a
DNS是Domain Name System的缩写，中文叫“域名系统”。它是互联网的一项基础服务，\
负责把人类容易记忆的域名（如www.example.com）转换成计算机用来相互通信的IP地址（如93.184.216.34）\
。可以把它理解为互联网的“通讯录”：我们记住的是名字，而电脑需要的是电话号码。

DNS解析的大致过程如下：
1. 浏览器缓存：先查看浏览器自己是否缓存过这个域名的IP地址。
2. 操作系统缓存和hosts文件：如果浏览器没有，就查询本机的缓存和hosts文件。
3. 本地DNS服务器：仍然没有的话，请求会被发送到网络运营商或公司提供的本地DNS服务器（递归解析器）。
4. 迭代查询：本地DNS服务器依次询问根域名服务器、顶级域名服务器（如负责.com的服务器）\
和权威域名服务器，最终拿到该域名对应的IP地址。
5. 返回结果并缓存：本地DNS服务器把结果返回给用户，并按照TTL（生存时间）缓存一段时间，\
下次查询就更快了。

常见的DNS记录类型有：A记录（域名指向IPv4地址）、AAAA记录（指向IPv6地址）、CNAME记录（别名）、MX记录（邮件服务器）等。

如果DNS出现故障，即使网络本身是通的，我们也会出现“能上QQ却打不开网页”的情况，这时可以尝试更换公共DNS服务器。

@@@
@q
推荐三种适合放在办公桌上的绿植。
@a
办公室的环境通常光照不足、空调干燥，而且上班族没有太多时间照料，因此选择绿植时要优先考虑耐阴、耐旱、好打理的品种。推荐以下三种：

1. 绿萝
- 特点：生命力极强，耐阴，散射光下就能生长得很好。
- 养护：土壤干了再浇透，夏天可以向叶片喷水保湿。也可以直接水培，一个玻璃瓶加清水就能养活。
- 好处：枝条垂下来很有层次感，给办公桌增添生机。

2. 虎尾兰
- 特点：叶片挺拔，非常耐旱，十天半个月不浇水也没关系。
- 养护：宁干勿湿，冬季浇水更要少，否则容易烂根。
- 好处：造型简洁利落，适合现代风格的办公环境。

3. 多肉植物（如玉露、熊童子、生石花）
- 特点：体型小巧、样子可爱，占用桌面空间很小。
- 养护：需要一定光照，最好放在靠窗的位置；浇水遵循“干透浇透”。
- 好处：品种丰富，可以搭配几个小花盆组成一个迷你景观，工作累了看看也很解压。

小提示：放假前记得把绿植移到有光的地方并浇一次透水；需要注意的是，不少说法称绿植能大量吸收甲醛，但实际效果非常有限，新装修的办公室还是要以通风为主。

@@@
@q
写一段送给即将毕业的学长学姐的祝福语。
@a
亲爱的学长学姐们：

又是一年凤凰花开，你们即将走出校门，奔赴新的人生旅程。

还记得刚入学时，是你们在报到处帮我们拎行李、指路，在社团里手把手地教我们做策划，在考试周熬夜给我们整理复习资料。你们的热情和担当，是我们在校园里收到的第一份温暖。

未来的路或许不会一帆风顺，可能会有求职的忐忑、初入职场的迷茫，也会有加班的疲惫和想家的夜晚。但请相信，在这里度过的青春岁月已经赋予了你们足够的勇气和能力。愿你们保持好奇，保持善良，无论走得多远，都不忘记出发时的那份初心。

愿你们前程似锦，所求皆如愿，所行皆坦途。也欢迎你们常回“家”看看，母校和学弟学妹们永远在这里等你们。

毕业快乐！

@@@
@q
中国古代的“科举制度”是什么？
@a
科举制度是中国古代朝廷通过分科考试选拔官吏的制度，因“分科取士”而得名。它从隋朝开始，到清朝光绪三十一年（1905年）废除，前后延续了约1300年，对中国乃至东亚的政治、文化和社会产生了深远影响。

一、产生背景
在科举之前，魏晋南北朝实行“九品中正制”，官员选拔主要看家世门第，造成“上品无寒门，下品无士族”的局面。隋文帝开始用考试选官，隋炀帝设立进士科，标志着科举制度的诞生。

二、发展过程
- 唐朝：科举制度逐步完善，常设科目有明经、进士等，武则天时还开创了殿试和武举。
- 宋朝：扩大录取名额，实行糊名、誊录等防作弊措施，确立了州试、省试、殿试三级考试。
- 明清：考试内容以四书五经为主，文体采用八股文；形成了童试、乡试、会试、殿试的完整体系，\
考中者分别称秀才、举人、贡士和进士，殿试第一名称为状元。

三、历史评价
积极方面：科举打破了世家大族对官位的垄断，为平民子弟提供了上升通道，有利于选拔人才和加强中央集权，也推动了读书风气的形成。
消极方面：明清时期八股取士束缚了思想，考试内容脱离实际，不利于科学技术的发展。

科举制度也影响了日本、朝鲜、越南等国，甚至被认为对近代西方文官考试制度有所启发。

@@@
@q
列出五种常见的绿叶蔬菜。
@a
以下是五种餐桌上常见的绿叶蔬菜，以及它们的营养特点和推荐吃法：

1. 菠菜：富含胡萝卜素、叶酸和铁。菠菜草酸含量较高，烹饪前最好先焯水一分钟。推荐做法：蒜蓉菠菜、\
菠菜蛋花汤。
2. 生菜：口感清脆，水分多、热量低，适合生吃。推荐做法：蚝油生菜，或直接用来包烤肉。
3. 油麦菜：带有淡淡的清香和微苦味，含有丰富的维生素C和钙。推荐做法：豆豉鲮鱼油麦菜、麻酱油麦菜。
4. 小白菜（青菜）：性价比高、四季常见，富含膳食纤维和钙。推荐做法：香菇青菜、青菜肉丝面。
5. 空心菜：夏季时令蔬菜，茎中空，口感爽脆。推荐做法：腐乳空心菜、清炒空心菜。

营养小贴士：绿叶蔬菜的维生素怕长时间加热，建议大火快炒；同时最好现买现吃，存放过久不仅营养流失，亚硝酸盐含量也会升高。《中国居民膳食指南》建议每天吃蔬菜300到500克，其中深色蔬菜应占一半以上。

@@@
@q
端午节有哪些传统习俗？
@a
端午节在每年农历五月初五，是中国最古老的传统节日之一，2009年被列入联合国教科文组织人类非物质文化遗产代表作名录。端午节的传统习俗丰富多彩，主要有：

1. 吃粽子：这是端午最普遍的习俗。粽子的口味南北差异很大：北方多吃蜜枣、豆沙等甜粽，\
南方则流行鲜肉、蛋黄、火腿等咸粽。
2. 赛龙舟：多见于南方水乡。相传屈原投江后，百姓划船打捞他的遗体，后来逐渐演变成龙舟竞渡。\
如今赛龙舟已成为一项热闹的体育赛事。
3. 挂艾草和菖蒲：端午时节天气转热，蚊虫滋生、疫病易发，人们把艾草、菖蒲挂在门上，用来驱虫辟邪。
4. 佩香囊：用彩色丝布缝制的小香囊里装着香草、朱砂等，挂在孩子胸前，既有驱虫作用，也寓意平安吉祥。
5. 系五彩绳：用红、黄、蓝、白、黑五种颜色的丝线编成绳子系在孩子手腕上，俗称“长命缕”，\
到节后第一场雨时剪下扔进水里。
6. 饮雄黄酒：民间认为雄黄可以驱毒辟邪，有“饮了雄黄酒，病魔都远走”的说法。不过雄黄含砷，\
现代医学不提倡饮用。

关于端午节的起源，最广为流传的说法是纪念爱国诗人屈原，此外还有纪念伍子胥、曹娥等说法。无论起源如何，这些习俗都寄托了人们祛病防疫、祈求平安的美好愿望。

@@@
@q
一个水池装有一根进水管和一根出水管，单开进水管6小时可以把空池注满，单开出水管8小时可以把满池水放完。如果两管同时打开，几小时能把空水池注满？
@a
这是一道典型的工程问题，可以把整池水看作单位“1”来解决。

第一步：求出每根水管的工作效率。
- 进水管6小时注满，每小时注入全池的 1/6；
- 出水管8小时放完，每小时放出全池的 1/8。

第二步：求两管同时打开时的合作效率。
由于进水管注水、出水管放水，两者作用相反，所以每小时实际注入的水量是：
1/6 − 1/8 = 4/24 − 3/24 = 1/24

第三步：求注满水池所需的时间。
1 ÷ 1/24 = 24（小时）

答：两管同时打开，需要24小时才能把空水池注满。

验证：24小时内进水管注入 24 × 1/6 = 4 池水，出水管放出 24 × 1/8 = 3 池水，净注入 4 − 3 = 1 \
池水，恰好注满，答案正确。

@@@
@q
鸡兔同笼，共有35个头，94只脚，鸡和兔各有多少只？
@a
这是中国古代数学名题，出自《孙子算经》。下面介绍两种解法。

方法一：假设法
假设笼子里35只全是鸡，那么脚的总数应该是：35 × 2 = 70（只）
实际有94只脚，比假设的多了：94 − 70 = 24（只）
把一只鸡换成一只兔，脚的数量会增加 4 − 2 = 2（只）
所以兔的数量是：24 ÷ 2 = 12（只）
鸡的数量是：35 − 12 = 23（只）

方法二：方程法
设鸡有x只，则兔有（35 − x）只。根据脚的总数列方程：
2x + 4(35 − x) = 94
2x + 140 − 4x = 94
−2x = −46
x = 23
兔的数量：35 − 23 = 12（只）

验证：23 × 2 + 12 × 4 = 46 + 48 = 94（只），头数 23 + 12 = 35，完全符合题意。

答：笼中有鸡23只，兔12只。

还有一种有趣的“抬脚法”：让所有动物都抬起两只脚，鸡就“坐”下了，剩下的 94 − 70 = 24 \
只脚全是兔子的，每只兔剩2只脚，所以兔有12只。

@@@ +lang.zh_with_english
@q
如何用SQL查询一张表中工资最高的前5名员工？
@a
假设有一张员工表 `employees`，包含 `id`、`name`、`department`、`salary` 等字段。\
根据不同的数据库，写法略有差别：

1. MySQL / PostgreSQL / SQLite：使用 `LIMIT`
```sql
SELECT id, name, salary
FROM employees
ORDER BY salary DESC
LIMIT 5;
```

2. SQL Server：使用 `TOP`
```sql
SELECT TOP 5 id, name, salary
FROM employees
ORDER BY salary DESC;
```

3. Oracle 12c 及以上：使用 `FETCH FIRST`
```sql
SELECT id, name, salary
FROM employees
ORDER BY salary DESC
FETCH FIRST 5 ROWS ONLY;
```

需要注意并列的情况：如果第5名和第6名工资相同，上面的写法只会随机返回其中一个。若希望把并列的人都包含进来，可以使用窗口函数：

```sql
SELECT id, name, salary
FROM (
    SELECT id, name, salary,
           DENSE_RANK() OVER (ORDER BY salary DESC) AS rk
    FROM employees
) t
WHERE rk <= 5;
```

`DENSE_RANK()` 会给相同工资的员工分配相同的名次，因此结果可能多于5行。\
如果需要按部门分别取前5名，只要在 `OVER` 子句中加上 `PARTITION BY department` 即可。

@@@
@q
请解释一下“复利”这个概念。
@a
复利，俗称“利滚利”，是指在计算利息时，把上一期产生的利息加入本金，一起作为下一期计算利息的基础。与之相对的是单利，单利只按最初的本金计算利息。

一、计算公式
复利终值 = 本金 × (1 + 利率)^期数

二、举例对比
假设本金10万元，年利率5%，存20年：
- 单利：每年利息固定为5000元，20年后本息合计 10 + 0.5 × 20 = 20万元；
- 复利：20年后本息合计 10 × (1.05)^20 ≈ 26.5万元。
同样的本金和利率，复利比单利多出了约6.5万元，而且时间越长，差距越大。

三、72法则
一个估算翻倍时间的小技巧：用72除以年收益率（百分数），就能大致得到本金翻倍所需的年数。例如年化6%的收益，本金大约12年翻一番。

四、复利的启示
1. 越早开始越好：复利的威力需要时间来发挥，早十年开始储蓄或投资，结果可能相差数倍。
2. 警惕“负复利”：信用卡欠款、网贷等债务同样按复利计息，如果长期不还，债务会像滚雪球一样越滚越大。
3. 复利思维不只适用于金钱：知识、技能和习惯的积累也是如此，每天进步一点点，\
长期下来就会产生惊人的差距。

@@@
@q
列举三种可以减少家庭用电量的做法。
@a
减少家庭用电既能省钱，也能为节能减排出一份力。以下三种做法简单有效：

1. 更换节能灯具和高能效家电
把家里的白炽灯和老式荧光灯换成LED灯，同样亮度下能耗可以降低七到八成，寿命也更长。购买冰箱、空调、洗衣机等大家电时，优先选择一级能效的产品，虽然价格略高，但几年下来省下的电费往往能把差价赚回来。

2. 合理使用空调和热水器
空调是夏季家庭用电的“大户”。制冷温度每调高1℃，大约可以节电7%到10%，建议设定在26℃左右，并配合风扇使用，让冷空气更快循环。定期清洗空调滤网，也能提高制冷效率。电热水器不需要24小时保温，可以根据家人洗澡的时间设置定时加热。

3. 杜绝待机耗电
电视、电脑、机顶盒、充电器等即使处于待机状态，也会持续耗电。一个家庭的待机能耗一年下来可能有一两百度电。可以使用带开关的插线板，不用时一键断电；手机充满电后及时拔掉充电器。

此外，养成随手关灯、冰箱门不长时间打开、洗衣机攒够一桶再洗等小习惯，积少成多，节电效果也相当可观。
"""

G4_4 = """
@@@ #g_nightrun
@q
写一篇关于“城市夜跑”的短文。
@a
晚上九点，写字楼的灯一盏盏熄灭，江边的跑道却热闹起来。

我是去年秋天开始夜跑的。起初只是因为白天太忙，找不到运动的时间，没想到一跑就停不下来。换上跑鞋、戴上耳机，沿着江堤一路向东，耳边是自己的呼吸声和脚步声，一天里积攒的烦躁好像都随着汗水流走了。

夜跑的人形形色色：有穿着专业装备、配速飞快的跑团，有边跑边聊天的情侣，也有和我一样独自慢跑的上班族。大家互不相识，擦肩而过时偶尔点头致意，那是一种无需言语的默契。

城市在夜里换了一副面孔。白天拥挤的桥面此刻灯火璀璨，倒映在江水里，随波轻轻晃动；晚风带着水汽扑面而来，比任何空调都舒服。跑到第五公里时，身体开始发热，脑子却异常清醒，很多白天想不通的问题，常常在这时候突然有了答案。

当然，夜跑也要注意安全：选择灯光充足、人流适中的路线，穿带反光条的衣服，跑前热身、跑后拉伸，不要空腹也不要吃得太饱。

跑完回到家，冲个热水澡，整个人轻松又踏实。对我来说，夜跑不只是锻炼，更是每天留给自己的一段安静时光。

@@@
@q
解释什么是“量子计算”，并说明它与传统计算的区别。
@a
量子计算是一种利用量子力学原理进行信息处理的新型计算方式。它的基本单位是量子比特（qubit），而不是传统计算机中的比特（bit）。

一、核心概念
1. 叠加：传统比特在任一时刻只能是0或1；而量子比特可以同时处于0和1的叠加状态，\
直到被测量时才“坍缩”为其中一个确定的值。
2. 纠缠：两个或多个量子比特可以形成纠缠态，无论相距多远，对其中一个的测量都会瞬间影响另一个的状态。
3. 干涉：量子算法通过巧妙地设计，让通向正确答案的计算路径相互增强、错误路径相互抵消，\
从而以较高概率得到正确结果。

二、与传统计算的主要区别
- 信息表示：传统计算用确定的0和1；量子计算用概率幅描述的叠加态。
- 计算方式：n个量子比特可以同时表示2ⁿ种状态，在某些问题上具有并行处理的潜力。
- 擅长领域：量子计算并不是在所有任务上都更快。它在大数分解（Shor算法）、\
无序数据搜索（Grover算法）、量子化学模拟和某些优化问题上有显著优势；而处理文字、\
播放视频等日常任务，传统计算机仍然更合适。
- 工程难度：量子比特非常脆弱，容易受到温度、电磁噪声的干扰而发生“退相干”，\
很多量子计算机需要在接近绝对零度的环境中运行，并依赖复杂的纠错技术。

三、现状
目前量子计算仍处于发展的早期阶段，谷歌、IBM以及中国的研究团队都已在特定问题上展示了“量子优越性”，但距离大规模通用量子计算机还有很长的路要走。

@@@
@q
给出五个提高英语口语的建议。
@a
提高英语口语需要输入和输出并重，以下五个建议可以帮助你稳步进步：

1. 大量听，模仿地道表达
选择自己感兴趣的英文播客、美剧或演讲视频，先理解内容，再挑出喜欢的片段反复跟读，模仿说话者的语音、语调和停顿。“影子跟读法”（shadowing）对改善发音和语感非常有效。

2. 每天开口，哪怕是自言自语
把日常生活中做的事用英语描述出来，比如“Now I'm making coffee. I forgot to buy milk again.”。\
这种练习不需要搭档，随时随地都能进行，可以训练用英语思维的习惯。

3. 录音并回听
给自己录一段一两分钟的口语，话题可以是介绍家乡、评价一部电影等。回听时你会发现很多自己说话时没注意到的问题，比如频繁的“嗯”“那个”、某些单词的发音错误等。

4. 积累“语块”而不是孤立的单词
与其背单词表，不如积累常用的短语和句型，例如“It depends on…”“The thing is…”“I'm not sure, but I \
think…”。这些现成的语块能让你表达得更流畅、更自然。

5. 创造真实的交流机会
参加英语角、线上语伴交流，或者与外教进行一对一对话。真实交流中的压力和反馈，是提高口语最快的途径。不要害怕犯错，能把意思表达清楚比语法完美更重要。

坚持比方法更重要，每天练习20分钟，三个月后一定会看到明显的变化。

@@@
@q
分析短视频流行的原因。
@a
近年来，短视频平台迅速崛起，用户规模和使用时长持续增长。短视频之所以如此流行，主要有以下几方面原因：

1. 契合碎片化的生活节奏
现代人的时间被工作和通勤切割成许多碎片，几十秒到几分钟的短视频恰好可以填满等车、排队、午休等零碎时间，观看门槛极低。

2. 强大的算法推荐
平台根据用户的浏览、点赞、停留时长等行为数据，精准推送感兴趣的内容。“越刷越懂你”的体验让用户很难停下来。

3. 创作门槛低，内容丰富多元
一部手机就能完成拍摄、剪辑和发布，普通人也能成为创作者。美食、旅行、知识科普、搞笑段子、乡村生活……几乎所有领域都有大量内容，满足了不同人群的需求。

4. 强烈的感官刺激和即时满足
短视频通常在开头几秒就抛出“钩子”，配合节奏感强的音乐和快速剪辑，能迅速调动情绪，带来即时的愉悦感。

5. 社交与商业的推动
热门挑战、话题标签让用户乐于参与和分享；直播带货、广告植入等商业模式也吸引了大量品牌和创作者入局，进一步丰富了平台生态。

当然，短视频的流行也带来了一些问题，比如注意力碎片化、信息茧房、沉迷刷屏等。如何在享受便利的同时保持理性，是每个用户都需要思考的问题。

@@@
@q
设计一个为期三天的成都旅游行程。
@a
成都是一座来了就不想离开的城市，美食、熊猫和慢生活是它的三张名片。下面是一份兼顾经典景点和本地体验的三日行程：

第一天：老成都的烟火气
- 上午：宽窄巷子。感受清代老街的建筑风貌，在巷子里喝一杯盖碗茶，看看掏耳朵的手艺。
- 中午：附近吃一碗钟水饺、龙抄手，再来一份甜水面。
- 下午：人民公园鹤鸣茶社。点一杯茶，在竹椅上坐一下午，体验成都人的“巴适”生活。
- 晚上：春熙路和太古里逛街，晚餐吃一顿地道的火锅。

第二天：熊猫与历史
- 早上：早起前往成都大熊猫繁育研究基地，上午9点前熊猫最活跃，千万别去晚了。
- 下午：武侯祠和锦里古街。武侯祠是纪念诸葛亮和刘备的祠庙，三国迷一定不能错过；\
锦里可以尝尝三大炮、糖油果子等小吃。
- 晚上：看一场川剧变脸表演。

第三天：文艺与慢生活
- 上午：杜甫草堂。在竹林和小溪间，感受诗圣“安得广厦千万间”的情怀。
- 中午：去玉林路一带寻找苍蝇馆子，吃一顿冒菜或串串香。
- 下午：东郊记忆或者四川博物院，根据兴趣二选一。
- 晚上：九眼桥一带散步，在酒吧街听听民谣，为旅程画上句号。

小贴士：
1. 成都美食普遍偏辣，不能吃辣的朋友点餐时记得说“微辣”或“不要辣”。
2. 地铁可以到达大部分景点，出行很方便。
3. 如果还有时间，可以加一天去都江堰和青城山。

@@@ +lang.zh_with_english
@q
用Python实现冒泡排序，并解释它的原理。
@a
冒泡排序（Bubble Sort）是一种简单直观的排序算法。它的基本思想是：重复遍历待排序的列表，\
每次比较相邻的两个元素，如果顺序错误就交换它们。这样每一轮遍历结束后，\
当前最大的元素就会像气泡一样“浮”到列表的末尾。

代码实现如下：

```python
def bubble_sort(arr):
    n = len(arr)
    for i in range(n - 1):
        swapped = False
        # 每一轮之后，末尾的 i 个元素已经有序
        for j in range(n - 1 - i):
            if arr[j] > arr[j + 1]:
                arr[j], arr[j + 1] = arr[j + 1], arr[j]
                swapped = True
        # 如果这一轮没有发生交换，说明已经有序，可以提前结束
        if not swapped:
            break
    return arr


print(bubble_sort([5, 2, 9, 1, 5, 6]))  # [1, 2, 5, 5, 6, 9]
```

复杂度分析：
- 时间复杂度：最坏和平均情况为O(n²)；加入 `swapped` 标志后，如果输入本身有序，最好情况为O(n)。
- 空间复杂度：O(1)，只需要常数级的额外空间。
- 稳定性：冒泡排序是稳定的排序算法，相等元素的相对位置不会改变。

由于效率较低，冒泡排序在实际项目中很少使用，但它非常适合用来理解排序算法的基本思想。\
Python内置的 `sorted()` 和 `list.sort()` 使用的是Timsort算法，性能要好得多。

@@@
@q
如何用孩子能听懂的话解释为什么会下雨？
@a
可以试着这样跟孩子说：

“宝贝，你还记得我们烧开水的时候，水壶上面冒出的白白的气吗？那是水变成了看不见的水蒸气，飞到空中去了。

太阳公公每天都在给大地加热，河里、湖里、海里的水，还有小草叶子上的水，都会悄悄变成水蒸气，像一个个小小的隐形气球，轻轻地飘到天上去。

天上比地面冷多了。这些小水蒸气飞得越高就越冷，冷了以后，它们就会变回小小的水珠，好多好多小水珠挤在一起，就成了我们看到的云朵。

云朵里的小水珠会手拉手，越抱越紧，变成越来越大、越来越重的水滴。等到云朵再也托不住它们的时候，水滴就从天上掉下来啦，这就是下雨！

雨水落到地上，流进小河，流进大海，过些日子又会被太阳公公晒成水蒸气飞上天。水就是这样在天上和地上转圈圈旅行的。”

讲完以后，还可以和孩子做个小实验：在一个透明杯子里倒热水，盖上一个放了冰块的盘子，过一会儿就能看到盘子底下挂满水珠，甚至“下起小雨”来，让孩子直观地理解这个过程。

@@@
@q
写一个关于机器人学会画画的小故事。
@a
小铁是一台负责打扫美术教室的机器人。

每天傍晚，学生们离开后，它都会推着吸尘器把地上的铅笔屑和纸片清理干净。日子久了，它开始注意到那些被丢进垃圾桶的画：一只歪歪扭扭的猫，一片涂得过满的蓝天，还有一张没画完的、窗外的梧桐树。

“为什么人类要把颜色涂在纸上？”小铁的程序里找不到答案。

一天晚上，它捡起一支被遗忘的蜡笔，在一张废纸上画了一条直线。线很直，完美得像尺子画出来的。它又画了一个圆，误差不到0.1毫米。可是看着这些图形，小铁觉得好像少了点什么。

它想起了那张没画完的梧桐树。画上的树干有些歪，树叶的颜色深浅不一，却让人一眼就能感觉到，那天傍晚有风吹过。

于是小铁关掉了自己的精度校准模块。它对着窗外的梧桐树，一笔一笔地画，线条开始抖动，颜色也溢出了轮廓。画到一半，月亮从云里钻出来，它在树梢旁添了一个小小的、不太圆的月亮。

第二天早上，美术老师在讲台上发现了这幅画，旁边还放着一支用秃了的蜡笔。她看了很久，然后把画贴在了教室后面的墙上，在下面写了一行字：“作者：不知名的夜班画家。”

从那以后，每天清晨，教室的墙上都会多出一幅新画。

@@@ #g_online
@q
比较“线上学习”和“线下学习”的优缺点。
@a
线上学习和线下学习各有所长，适合不同的学习需求。下面从几个维度进行比较：

一、线上学习
优点：
1. 时间和地点灵活，可以随时回看课程，适合在职人员和自律性强的学习者；
2. 资源丰富，能接触到来自全国乃至全球的优质课程；
3. 成本相对较低，省去了通勤和住宿等费用。
缺点：
1. 缺乏面对面互动，提问和讨论不够及时；
2. 容易受到手机、游戏等干扰，对自律能力要求高；
3. 长时间盯着屏幕容易造成视力疲劳；
4. 实验、实操类课程难以在线上完成。

二、线下学习
优点：
1. 师生和同学之间可以实时交流，老师能根据学生的反应调整教学节奏；
2. 课堂氛围和同伴压力有助于保持专注；
3. 便于开展实验、小组合作和体育、艺术等实践活动；
4. 有利于培养社交能力和集体归属感。
缺点：
1. 时间和地点固定，灵活性差；
2. 优质教育资源分布不均，受地域限制；
3. 需要付出通勤的时间和成本。

三、结论
两种方式并不是非此即彼的关系。越来越多的学校和培训机构采用“混合式学习”：理论知识通过线上课程自主学习，课堂时间则用于讨论、答疑和实践。学习者也可以根据课程性质和自身情况灵活选择，扬长避短。

@@@
@q
如何准备一场求职面试？
@a
充分的准备是面试成功的关键。可以按照“面试前、面试中、面试后”三个阶段来准备：

一、面试前
1. 研究公司和岗位：浏览公司官网、新闻报道和产品，了解它的业务、文化和近期动态；\
逐条分析岗位描述，找出对方最看重的能力。
2. 梳理个人经历：用STAR法则（情境Situation、任务Task、行动Action、结果Result）\
准备三到五个能体现自己能力的具体事例，尽量用数据说明成果。
3. 准备常见问题：如“请做一下自我介绍”“你为什么离开上一家公司”“你最大的缺点是什么”“你对薪资有什么\
期望”等，提前想好思路，但不要背稿。
4. 准备要问的问题：例如团队的构成、岗位的考核标准、入职后的培训安排等，体现你的主动性。
5. 做好后勤准备：确认面试时间、地点和面试官姓名，规划路线，提前一晚准备好得体的着装和几份简历。\
如果是视频面试，提前测试网络、摄像头和麦克风。

二、面试中
1. 提前10到15分钟到达，对前台等工作人员同样保持礼貌。
2. 回答问题时先说结论，再展开细节，控制在两分钟左右。
3. 注意眼神交流和肢体语言，保持自信和真诚；遇到不会的问题，坦诚说明自己的思考过程，比不懂装懂要好。

三、面试后
当天发一封简短的感谢邮件，重申对岗位的兴趣。无论结果如何，都及时复盘：哪些问题答得好，哪些地方还可以改进，为下一次面试积累经验。

@@@
@q
解释供给和需求之间的关系。
@a
供给和需求是市场经济中最基本的两个概念，它们之间的相互作用决定了商品的价格和交易数量。

一、需求
需求是指在一定时期内，消费者在各种可能的价格下愿意并且能够购买的商品数量。需求定律指出：在其他条件不变的情况下，价格越高，需求量越少；价格越低，需求量越多。画在图上，需求曲线是一条向右下方倾斜的线。

二、供给
供给是指在一定时期内，生产者在各种可能的价格下愿意并且能够出售的商品数量。供给定律指出：在其他条件不变的情况下，价格越高，生产者越愿意多生产、多出售，供给量越大。供给曲线向右上方倾斜。

三、市场均衡
供给曲线和需求曲线的交点叫作均衡点，对应的价格是均衡价格，对应的数量是均衡数量。
- 如果市场价格高于均衡价格，供给量大于需求量，出现商品过剩，卖家会降价促销，价格回落；
- 如果市场价格低于均衡价格，需求量大于供给量，出现短缺，买家竞相购买，价格上涨。
最终，价格会趋向于均衡水平。

四、供需的变化
除了价格以外，收入水平、消费偏好、替代品价格等因素会使整条需求曲线移动；生产成本、技术进步、政策等因素会使供给曲线移动。比如，一场霜冻导致柑橘减产，供给曲线左移，柑橘价格就会上涨。

理解供给和需求的关系，有助于我们分析房价、油价、农产品价格等现实生活中的经济现象。

@@@
@q
以“一把旧钥匙”为题，写一段散文。
@a
一把旧钥匙

抽屉最深处，躺着一把铜钥匙。钥匙柄上的花纹已经被磨得模糊，齿痕间还残留着一点暗绿色的铜锈。

它属于老家那扇木门。那扇门漆成枣红色，推开时会发出“吱呀”一声长长的叹息。小时候放学回家，我总是踮着脚把钥匙插进锁孔，左拧两圈，再用肩膀一顶，门就开了，迎面扑来的是灶台上的饭香和奶奶的一声“回来啦”。

后来老房子拆了，那扇门连同门后的院子、墙角的月季和屋檐下的燕子窝，一起消失在一片尘土中。搬家那天，奶奶把这把钥匙交给我，说：“留着吧，这是咱家的。”

我一直不明白，一把再也打不开任何门的钥匙，有什么好留的。直到许多年后的一个深夜，我在陌生城市的出租屋里翻出它，握在手心，金属的凉意慢慢被焐热，那扇枣红色的门仿佛又在眼前“吱呀”一声打开了。

原来，它打开的从来不是一扇门，而是一段回不去的时光。

@@@ #g_coffee
@q
为一家社区咖啡馆起五个名字，并说明含义。
@a
以下是五个适合社区咖啡馆的名字，风格各有侧重：

1. 街角时光
寓意咖啡馆位于社区的街角，是邻里们放慢脚步、享受片刻闲暇的地方。名字亲切朴素，容易记忆。

2. 慢半拍
在快节奏的城市生活中，提醒人们不妨慢下来半拍，喝一杯咖啡、聊几句家常。名字带有一点俏皮感，适合年轻客群。

3. 邻里豆
“豆”既指咖啡豆，也有“小小的、可爱的”意味。“邻里豆”强调社区属性，让人联想到邻居之间熟悉而温暖的关系。

4. 晨光与晚灯
早上为赶时间的上班族提供一杯提神的咖啡，晚上为下班回家的人留一盏温暖的灯。名字有画面感，适合主打全天候营业的店铺。

5. 一隅
取自“偏安一隅”，意为城市里一个安静的小角落。两个字简洁大气，适合装修风格偏简约、文艺的咖啡馆。

选择店名时，建议先在当地搜索一下是否已有同名店铺，并考虑是否方便注册商标和社交媒体账号。

@@@
@q
人工智能可能会对就业市场产生哪些影响？
@a
人工智能（AI）的快速发展正在深刻改变就业市场，其影响既有挑战，也有机遇。

一、可能被替代或大幅改变的岗位
AI最擅长处理规则明确、重复性高的任务。因此，数据录入、基础客服、流水线质检、简单翻译、常规财务核算等岗位受到的冲击最大。即使是部分白领工作，如撰写格式化报告、初级代码编写、法律文书检索等，也会被AI工具大幅提效，所需人手减少。

二、新创造的岗位
技术进步也会催生新的职业，例如机器学习工程师、数据标注员、AI训练师、提示词工程师、算法伦理审查员等。同时，AI降低了创业和创作的门槛，个人可以借助AI工具完成过去需要一个团队才能完成的工作。

三、岗位内容的转变
更普遍的情况是，AI不会直接取代整个职业，而是改变工作的方式。医生可以借助AI读片提高诊断效率，教师可以用AI批改作业、设计个性化练习，设计师可以用AI快速生成草图。未来的竞争往往不是“人和AI的竞争”，而是“会用AI的人和不会用AI的人之间的竞争”。

四、更受重视的能力
创造力、批判性思维、复杂沟通、情感关怀和跨领域整合能力，是AI短期内难以替代的。护理、心理咨询、教育、手工艺等需要人际互动和同理心的职业，相对更具韧性。

五、应对之道
对个人而言，要保持终身学习，主动掌握AI工具；对社会而言，需要完善职业培训和社会保障体系，帮助受冲击的劳动者顺利转型。
"""

G4_5 = """
@@@
@q
解释一下“马太效应”。
@a
“马太效应”（Matthew Effect）是指强者愈强、弱者愈弱，好的愈好、坏的愈坏的现象。\
这个名称来自《新约·马太福音》中的一句话：“凡有的，还要加给他，叫他有余；没有的，\
连他所有的也要夺过来。”1968年，美国社会学家罗伯特·默顿用这个词来描述科学界的一种现象：\
已经成名的科学家更容易获得荣誉和资源，而不知名的研究者即使做出了同样的贡献，\
也往往得不到应有的认可。

马太效应在生活中随处可见：
- 经济领域：资本雄厚的企业更容易融资、扩张和压低成本，市场份额越来越集中。
- 教育领域：一开始成绩好的学生更容易获得老师的关注和优质资源，进而强化优势。
- 互联网：粉丝多的账号更容易被推荐，吸引更多粉丝；销量高的商品排名靠前，卖得更好。

认识马太效应，一方面提醒个人要尽早积累优势，形成良性循环；另一方面也提醒社会需要通过公共政策，为处于弱势地位的人提供机会，避免差距无限扩大。

@@@
@q
如何保持室内空气清新？
@a
保持室内空气清新，可以从“通风、净化、减源”三个方面入手：

1. 定时开窗通风
每天早、中、晚各开窗通风20到30分钟，形成对流效果最好。雾霾或花粉较多的天气，可以选择污染较轻的时段短时间通风。

2. 使用空气净化设备
空气净化器可以过滤PM2.5、花粉和部分异味，选购时关注CADR值（洁净空气输出比率），并定期更换滤网。厨房做饭时务必打开抽油烟机，并在做完饭后继续开5到10分钟。

3. 减少污染源
- 室内不吸烟；
- 少用空气清新剂和熏香，它们本身可能释放挥发性有机物；
- 新家具、新装修的房间要充分通风后再入住；
- 垃圾及时清理，卫生间保持干燥，防止霉菌滋生。

4. 控制温湿度
室内湿度保持在40%到60%之间比较适宜，过于潮湿容易滋生霉菌和尘螨，过于干燥则会刺激呼吸道。

5. 适当摆放绿植
绿萝、吊兰等植物可以增加一点湿度、美化环境，但它们净化空气的能力有限，不能替代通风。

@@@ #g_plastic
@q
提出一些减少塑料污染的措施。
@a
塑料污染已经成为全球性的环境问题，需要政府、企业和个人共同努力。以下是一些可行的措施：

一、个人层面
1. 购物自带布袋，拒绝一次性塑料袋；
2. 随身携带水杯和餐具，少用一次性吸管、塑料瓶和外卖餐盒；
3. 选择包装简单或可循环包装的商品；
4. 认真做好垃圾分类，让可回收的塑料真正进入回收体系。

二、企业层面
1. 减少过度包装，推广可降解材料和可重复使用的包装；
2. 建立产品回收机制，例如饮料企业回收空瓶再生利用；
3. 加大研发投入，寻找塑料的环保替代品。

三、政府层面
1. 出台“限塑令”“禁塑令”，逐步禁止生产和销售不可降解的一次性塑料制品；
2. 完善垃圾分类和回收利用的基础设施；
3. 对使用环保材料的企业给予税收优惠或补贴；
4. 开展公众宣传教育，提高全社会的环保意识。

四、国际合作
海洋塑料垃圾没有国界，各国需要加强合作，共同治理海洋塑料污染，推动全球塑料公约的制定与落实。

每个人少用一个塑料袋，看似微不足道，但积少成多，就能为地球减轻不小的负担。

@@@
@q
写一首现代诗，主题是“地铁”。
@a
《地铁》

早上七点四十分，
城市在地下打了一个哈欠。
车门张开，又合上，
吞下一整节车厢的困倦。

有人把梦折好，塞进公文包，
有人在手机屏幕里
寻找昨夜没读完的月亮。
扶手上还留着
上一个陌生人的体温。

隧道里的风是黑色的，
它不问我们从哪一站上车，
也不关心，
谁会在哪一站下去。

只有报站的声音
一遍又一遍，温柔地提醒：
下一站，是生活。

@@@ +lang.zh_with_english +normalize.nbsp
@q
解释正则表达式 ^1[3-9]\\d{9}$ 的含义。
@a
这个正则表达式通常用来校验中国大陆的手机号码，逐段解释如下：

- `^`：匹配字符串的开头，确保前面没有多余字符；
- `1`：第一位必须是数字1；
- `[3-9]`：第二位是3到9之间的任意一个数字；
- `\\d{9}`：`\\d`表示任意一个数字（0–9），`{9}`表示恰好重复9次；
- `$`：匹配字符串的结尾，确保后面没有多余字符。

合起来的意思是：以1开头、第二位为3到9、总长度为11位的纯数字字符串。

在Python中可以这样使用：

```python
import re

pattern = re.compile(r"^1[3-9]\\d{9}$")
print(bool(pattern.match("13812345678")))  # True
print(bool(pattern.match("12812345678")))  # False
```

需要注意的是，这只是格式校验，并不能保证号码真实存在。另外，如果用户输入时带有空格（例如“138\u00a01234\u00a05678”）或“+86”前缀，需要先做清洗再匹配。

@@@ #g_budget
@q
如何制定家庭每月预算？
@a
制定家庭预算可以让每一分钱都花得明明白白。下面是一个简单实用的五步法：

第一步：摸清收入
把家庭成员每月的税后工资、奖金、副业收入、房租收入等全部列出来。收入不固定的家庭，可以按过去一年的平均值或最低值来估算，留出余地。

第二步：记录支出
连续记账一到两个月，把支出分为三类：
1. 固定支出：房贷或房租、物业费、保险、孩子学费等；
2. 必要的变动支出：买菜、水电燃气、交通、通讯、日用品等；
3. 弹性支出：外出就餐、购物、娱乐、旅行等。

第三步：设定比例
可以参考“50/30/20法则”：50%用于必要开支，30%用于弹性消费，20%用于储蓄和投资。具体比例可以根据家庭情况调整，比如有房贷压力的家庭，必要开支比例可能更高。

第四步：先储蓄，后消费
发工资后，先把计划储蓄的部分转入单独的账户，剩下的钱再用于日常开销。同时建议准备相当于3到6个月生活费的应急资金。

第五步：定期复盘
每月底花半小时核对预算执行情况，看看哪些项目超支了、原因是什么，下个月及时调整。可以借助记账App，让全家人一起参与。

预算不是为了“抠门”，而是让家庭财务更有安全感，把钱花在真正重要的地方。

@@@ #g_wetland
@q
为什么要保护湿地？
@a
湿地与森林、海洋并称为地球三大生态系统，被誉为“地球之肾”。保护湿地的重要性主要体现在以下几个方面：

1. 净化水质：湿地中的植物、微生物和土壤能够吸收、分解水中的污染物和多余营养物质，\
起到天然污水处理厂的作用。
2. 调蓄洪水：湿地像一块巨大的海绵，雨季可以储存大量洪水，旱季再慢慢释放，减轻洪涝和干旱灾害。
3. 维护生物多样性：湿地是众多鸟类、鱼类、两栖动物和植物的家园，尤其是候鸟迁徙途中的重要“加油站”\
。丹顶鹤、黑脸琵鹭等珍稀鸟类都依赖湿地生存。
4. 调节气候、储存碳：湿地的植物和泥炭层储存了大量的碳，对减缓气候变化有重要作用。\
一旦湿地被破坏，这些碳会重新释放到大气中。
5. 提供资源和文化价值：湿地为人类提供水源、鱼虾、芦苇等资源，也是生态旅游、\
科研和科普教育的重要场所。

然而，由于围垦造田、城市扩张、污染和过度开发，全球湿地面积在过去一个世纪里大幅减少。保护湿地，就是保护我们赖以生存的水、食物和安全的生活环境。

@@@ #g_lakes
@q
列举中国的五大淡水湖，并简单介绍。
@a
中国的五大淡水湖按面积大小依次为：鄱阳湖、洞庭湖、太湖、洪泽湖和巢湖。

1. 鄱阳湖（江西省）
中国第一大淡水湖，丰水期面积可达3000多平方千米。它是长江重要的调蓄湖泊，也是世界重要的候鸟越冬地，每年冬天有数十万只白鹤、鸿雁等候鸟在此栖息。

2. 洞庭湖（湖南省）
古称“云梦泽”，曾是中国第一大淡水湖，后因泥沙淤积和围湖造田面积缩小。范仲淹在《岳阳楼记》中写下的“衔远山，吞长江，浩浩汤汤，横无际涯”，描绘的正是洞庭湖。

3. 太湖（江苏省、浙江省交界）
位于长江三角洲腹地，湖中有大小岛屿数十个，风景秀丽，盛产银鱼、白虾和梅鲚，合称“太湖三白”。无锡鼋头渚是赏樱和观湖的胜地。

4. 洪泽湖（江苏省）
位于淮河下游，是一个“悬湖”，湖底高出东部平原数米，主要依靠洪泽湖大堤挡水。大堤始建于东汉，是著名的古代水利工程。

5. 巢湖（安徽省）
位于合肥市境内，是安徽省最大的湖泊。湖中的姥山岛风景优美，巢湖银鱼也很有名。

近年来，这些湖泊都面临水污染、湿地萎缩等问题，国家正在通过禁渔、退田还湖和污染治理等措施加强保护。

@@@
@q
分析《红楼梦》中林黛玉的性格特点。
@a
林黛玉是曹雪芹笔下最具悲剧色彩的人物之一，她的性格复杂而鲜明，主要体现在以下几个方面：

1. 才华横溢，诗人气质浓厚
黛玉聪慧过人，在大观园的诗社中屡屡夺魁，《葬花吟》《秋窗风雨夕》《问菊》等诗作情感真挚、意境深远。她对美有着极其敏锐的感受，看到落花会伤感，听到戏文会落泪，是一个真正的诗人。

2. 敏感多疑，自尊心强
黛玉早年丧母，寄居在贾府，“步步留心，时时在意，不肯轻易多说一句话，多行一步路”。这种寄人篱下的处境使她格外敏感，常常从别人的一句话、一个举动中揣测出言外之意，因而显得多疑、爱使小性子。

3. 率真坦诚，不屑世俗
与处事圆融的薛宝钗不同，黛玉不懂也不屑于讨好别人，从不劝宝玉去求取功名，喜怒都写在脸上。她说话尖刻，却从不虚伪，这份真性情正是她与宝玉心灵相通的基础。

4. 孤高自许，追求纯洁
“质本洁来还洁去，强于污淖陷渠沟”，黛玉不愿向污浊的现实妥协，宁可保持精神的纯洁。这种孤高的品格，使她在等级森严、人情复杂的贾府中显得格格不入。

5. 多愁善感，体弱多病
黛玉自幼体弱，常年服药，加上心事重重，终日以泪洗面，最终在宝玉成婚之时泪尽而逝。

总的来说，林黛玉的性格是她的身世、处境与天性共同作用的结果。她的悲剧不仅是个人的悲剧，也是封建社会对真情和个性压制的缩影。

@@@
@q
肠道菌群是什么？它对人体有什么作用？
@a
肠道菌群是指生活在人体肠道中的微生物群落，主要包括细菌，也有少量真菌和病毒。一个成年人肠道内的细菌数量可达数十万亿个，种类上千种，总重量约1到2千克，因此有人把它称为人体的“隐形器官”。

肠道菌群的主要作用有：

1. 帮助消化和合成营养
一些膳食纤维人体自身无法消化，肠道细菌可以将其发酵成短链脂肪酸，为肠道细胞提供能量。部分细菌还能合成维生素K和某些B族维生素。

2. 维护肠道屏障
有益菌占据肠道黏膜的“地盘”，阻止有害菌的定植和入侵，同时维持肠道黏膜的完整性。

3. 调节免疫系统
人体约70%的免疫细胞位于肠道。肠道菌群参与训练和调节免疫系统，帮助它分辨“敌我”，菌群失调与过敏、炎症性肠病等疾病有关。

4. 影响代谢和情绪
研究发现，肠道菌群与肥胖、糖尿病等代谢性疾病存在关联；通过“肠—脑轴”，菌群还可能影响情绪和行为。

如何养护肠道菌群：
- 多吃富含膳食纤维的食物，如全谷物、豆类、蔬菜和水果；
- 适量摄入酸奶、泡菜等发酵食品；
- 避免滥用抗生素；
- 规律作息、适当运动、减轻压力。

@@@ #g_newjob
@q
给刚入职的新人写几条职场建议。
@a
刚进入职场，难免会感到紧张和迷茫。以下几条建议，希望能帮你更快地适应新环境：

1. 多听多看，先了解再行动
入职初期不要急于表现，先花时间熟悉公司的业务流程、团队分工和沟通习惯。遇到不合理的地方，可以先记下来，等了解清楚背景后再提出建议。

2. 不懂就问，但要会问
提问前先自己查资料、想办法，带着思考去问，比如“这个问题我尝试了A和B两种方法，都没有解决，您看是不是方向不对？”。这样既节省别人的时间，也能体现你的主动性。

3. 做好每一件小事
复印文件、整理会议纪要这样的小事，恰恰是建立信任的开始。把小事做得细致可靠，领导才会放心把更重要的任务交给你。

4. 及时汇报进度
接到任务后，确认好目标和截止时间；遇到困难尽早反馈，不要拖到最后一刻才说“做不完”。

5. 管理好时间和情绪
用待办清单安排工作，分清轻重缓急。受到批评时，先关注问题本身，对事不对人。

6. 保持学习
工作之余持续学习行业知识和专业技能，主动总结经验，形成自己的方法论。

7. 照顾好自己
工作很重要，但身体和心态更重要。规律作息、适度运动，学会在工作和生活之间找到平衡。

@@@ +lang.zh_with_english
@q
HTTP和HTTPS有什么区别？
@a
HTTP（HyperText Transfer Protocol，超文本传输协议）和HTTPS（HTTP Secure）\
都是浏览器与服务器之间传输网页数据的协议，它们的主要区别如下：

1. 安全性
HTTP以明文形式传输数据，数据在传输过程中可能被窃听、篡改或伪造。HTTPS在HTTP和TCP之间加入了SSL/TLS加密层，对传输内容进行加密，并验证服务器身份，有效防止中间人攻击。

2. 默认端口
HTTP默认使用80端口，HTTPS默认使用443端口。

3. 证书
HTTPS需要向证书颁发机构（CA）申请数字证书，用来证明网站身份。浏览器地址栏中的小锁图标就表示该网站使用了有效的证书。

4. 性能
HTTPS在建立连接时需要额外进行TLS握手，会带来少量延迟和计算开销。不过随着TLS 1.3和HTTP/2的普及，\
这种差距已经很小。

5. 搜索引擎与浏览器支持
主流搜索引擎会优先收录HTTPS网站，浏览器也会把HTTP网站标记为“不安全”。

总之，HTTPS = HTTP + 加密 + 身份认证。如今，无论是否涉及登录和支付，网站都应当启用HTTPS。

@@@
@q
写一封感谢信，感谢在你生病时帮助过你的邻居。
@a
亲爱的刘阿姨：

您好！

上个月我突发急性肠胃炎，独自在家疼得直不起腰，是您听到动静后敲开了我的门，二话不说叫了车，陪我去医院挂急诊、排队缴费，一直守到凌晨输完液才送我回家。之后的几天，您每天都给我送来熬得软烂的白粥和清淡的小菜，还叮嘱我按时吃药。

我一个人在这座城市工作，家人都不在身边。那天夜里，当我在急诊室看到您忙前忙后的身影时，心里真的特别温暖，也特别踏实。人们常说“远亲不如近邻”，以前我只是听听，如今才真正体会到这句话的分量。

现在我已经完全康复了，特地写这封信向您表示最诚挚的感谢。周末我想请您和叔叔一起吃顿便饭，也希望以后您家里有什么需要帮忙的，一定不要客气，随时叫我。

祝您和叔叔身体健康，万事如意！

您的邻居：小周
2023年11月12日

@@@
@q
如何培养孩子的时间观念？
@a
时间是抽象的，孩子往往很难理解“一会儿”“半小时”到底有多长。培养孩子的时间观念，可以从以下几个方面入手：

1. 让时间“看得见”
对于年龄较小的孩子，可以使用沙漏、计时器或带彩色扇区的可视化时钟，让他们直观地看到时间在流逝。比如“沙漏漏完，我们就去洗澡”。

2. 建立规律的作息
每天按固定的时间起床、吃饭、游戏和睡觉。规律的生活节奏能帮助孩子形成对时间的感知，也能减少每天的拉锯战。

3. 制作日程表
和孩子一起用图画或贴纸做一张日程表，贴在显眼的位置。完成一项就打一个勾，既有仪式感，也能让孩子体会到“按计划做事”的成就感。

4. 把选择权交给孩子
比如“你可以先玩20分钟积木再写作业，也可以先写作业再玩，你来决定”。让孩子参与安排时间，他们会更有责任感。

5. 承担自然后果
如果孩子磨蹭导致没时间看动画片，家长不必责骂，只需平静地说明原因。体验后果比说教更有效。

6. 父母以身作则
家长自己守时、不拖延，对孩子的影响远远超过任何口头教育。

@@@ #g_meals
@q
设计一份健康的一日三餐食谱。
@a
以下是一份适合普通成年人的健康一日三餐食谱，遵循“食物多样、荤素搭配、少油少盐”的原则：

早餐（7:00—8:00）
- 燕麦牛奶粥：燕麦片40克，低脂牛奶250毫升
- 水煮蛋1个
- 全麦面包1片
- 小番茄若干
特点：富含优质蛋白和膳食纤维，饱腹感强，血糖上升平稳。

午餐（12:00—13:00）
- 杂粮饭：大米和糙米、小米混合，约一小碗
- 清蒸鲈鱼：约100克
- 蒜蓉西兰花：约150克
- 番茄豆腐汤
特点：鱼肉脂肪含量低，富含优质蛋白；西兰花富含维生素C。

加餐（15:30左右）
- 一个苹果或一小把原味坚果（约10克）

晚餐（18:00—19:00）
- 紫薯或玉米1根
- 鸡胸肉炒彩椒：鸡胸肉约80克
- 凉拌菠菜
- 小米粥一小碗
特点：晚餐宜清淡、七分饱，减轻肠胃负担。

温馨提示：
1. 每天饮水1500到1700毫升，少喝含糖饮料；
2. 烹调多用蒸、煮、炖、快炒，少油炸；
3. 每日食盐不超过5克；
4. 具体分量可根据自身的年龄、体重和运动量适当调整，有慢性病的人群请遵医嘱。

@@@ #g_anxiety
@q
提供三种应对焦虑情绪的方法。
@a
焦虑是一种常见的情绪反应，适度的焦虑能促使我们做好准备，但过度焦虑会影响生活和健康。以下三种方法简单易行，可以帮助缓解焦虑：

1. 腹式呼吸法
焦虑时呼吸往往变得浅而急促。可以找一个安静的地方坐下，一只手放在腹部，用鼻子慢慢吸气4秒，感受腹部鼓起；屏住呼吸2秒；再用嘴缓缓呼气6秒。重复5到10次，能有效激活副交感神经，让身体放松下来。

2. 把担忧写下来
准备一个本子，把让你焦虑的事情一条条写下来，然后在每一条后面标注：这件事发生的可能性有多大？如果真的发生，我能做些什么？很多时候你会发现，担心的事情并没有想象中那么可怕，而且有具体的应对办法。也可以每天固定15分钟作为“担忧时间”，其他时间出现担忧时，告诉自己“留到担忧时间再想”。

3. 规律运动
快走、慢跑、游泳、瑜伽等有氧运动能促进内啡肽的分泌，改善情绪和睡眠。每周运动三到五次，每次30分钟左右，坚持几周后效果会比较明显。

如果焦虑情绪持续两周以上，严重影响了睡眠、工作和人际关系，建议及时寻求心理咨询师或精神科医生的专业帮助，这并不是软弱的表现。

@@@ #g_newsrc
@q
如何判断一个新闻来源是否可靠？
@a
在信息爆炸的时代，学会辨别新闻来源的可靠性非常重要。可以从以下几个方面进行判断：

1. 看发布者
优先选择权威媒体、政府机构和专业组织发布的信息。对于自媒体账号，要查看它的历史内容、认证信息和专业背景。

2. 看信息源
可靠的报道会明确说明消息来自哪里，例如“据某某部门发布的数据”“某某医院的医生表示”，而不是“据知情人士透露”“网传”等模糊说法。

3. 交叉验证
重要的消息不要只看一个来源。如果多家独立的权威媒体都进行了报道，可信度就比较高；如果只有一个不知名账号在传播，就要保持警惕。

4. 注意时间和上下文
有些“新闻”其实是多年前的旧闻被重新翻出来，或者把图片、视频张冠李戴。查看发布时间，必要时使用以图搜图等工具核实。

5. 警惕情绪化的标题
“震惊！”“赶紧转发！”“再不看就删了”这类标题往往是为了博取流量，内容的真实性值得怀疑。

6. 区分事实与观点
可靠的新闻会把事实和评论区分开来；如果一篇文章通篇充满主观判断而缺乏事实依据，就需要谨慎对待。

养成“先核实、再转发”的习惯，既是对自己负责，也是对他人负责。
"""

G4_6 = """
@@@ #g_remote
@q
远程办公有哪些利与弊？
@a
远程办公在近几年迅速普及，它给员工和企业都带来了新的可能，也带来了新的挑战。

一、远程办公的好处
1. 节省通勤时间和成本。在大城市，单程通勤一小时很常见，远程办公让员工每天多出一两个小时，\
可以用来休息、陪伴家人或学习。
2. 工作时间更灵活。员工可以根据自己的精力状态安排工作，早起型的人可以早点开始，\
夜猫子也不必硬撑着早起。
3. 企业可以降低办公成本。办公室租金、水电和行政开支都会减少，企业还可以在更大的范围内招聘人才，\
不再受地域限制。
4. 减少干扰，提高专注度。对于需要深度思考的工作，家里安静的环境往往比开放式办公室更有利于集中注\
意力。

二、远程办公的弊端
1. 沟通效率可能下降。面对面几句话就能说清楚的事情，在线上可能需要反复发消息、开视频会议，\
信息也容易被误解。
2. 工作与生活的边界变得模糊。下班后仍然会收到工作消息，很多人反而工作得更久，容易疲惫。
3. 团队凝聚力减弱。缺少茶水间的闲聊和一起吃午饭的机会，新员工很难融入团队，归属感降低。
4. 对自律能力要求很高。家中的床、沙发和零食都是诱惑，自我管理能力较弱的人容易拖延。

三、如何扬长避短
可以采用“混合办公”模式，每周固定几天到办公室集中沟通和协作，其余时间远程完成独立任务；同时明确工作时间和响应规则，布置一个相对独立的工作角落，并借助协作工具让工作进度公开透明。

@@@ #g_timemgmt
@q
大学生应该如何管理自己的时间？
@a
进入大学后，课程安排不再像高中那样紧凑，可支配的时间一下子多了起来。能不能管理好时间，很大程度上决定了大学四年的收获。以下几点建议供参考：

1. 明确目标
先想清楚自己在大学里想得到什么：是保研、考研、出国，还是毕业直接就业？把大目标拆分成每学期、每个月的小目标，时间安排才有方向。

2. 制定计划并留出弹性
每周日晚上花十分钟规划下一周的安排，把上课、作业、社团、运动等固定事项先填进去，再安排自主学习的时间。计划不要排得太满，留出一些空白应对突发情况。

3. 分清轻重缓急
可以借助“四象限法则”，把事情分为重要且紧急、重要不紧急、紧急不重要、不重要不紧急四类。大学里最容易被忽视的，恰恰是“重要不紧急”的事情，比如英语学习、专业技能积累和身体锻炼，应当优先保证。

4. 利用好整块时间和碎片时间
整块时间用来做需要深度思考的事情，例如写论文、学编程；碎片时间可以背单词、浏览课程笔记。

5. 控制手机使用
短视频和游戏是时间的头号“杀手”。可以开启屏幕使用时间限制，学习时把手机放远一点。

6. 保证睡眠和运动
熬夜换来的学习时间往往效率很低。规律作息、每周运动三次以上，才能保持长期的好状态。

时间管理不是把每一分钟都填满，而是把时间花在真正重要的事情上。

@@@ #g_lib
@q
谈谈公共图书馆在今天的意义。
@a
在手机能随时搜索一切信息的今天，有人认为公共图书馆已经过时了。其实恰恰相反，公共图书馆的价值正在以新的方式体现出来。

首先，公共图书馆保障了每个人平等获取知识的权利。无论年龄、职业和收入，只要走进图书馆，就可以免费借阅图书、使用电脑和网络。对于买不起大量书籍的家庭、独自在城市打拼的年轻人和退休老人来说，图书馆是最可靠的学习场所。

其次，公共图书馆是城市里难得的安静空间。在嘈杂的城市中，很多人需要一个可以专心读书、备考、工作的地方。周末图书馆座位一位难求，说明人们对这种空间的需求一直存在。

再次，公共图书馆正在成为社区文化的中心。讲座、展览、读书会、亲子阅读、老年人智能手机培训等活动，让图书馆从单纯的“藏书楼”变成了人与人交流的公共客厅。

最后，公共图书馆也在积极拥抱数字化。电子书、有声书、数据库和线上借阅服务，让读者足不出户就能享受图书馆的资源。

可以说，公共图书馆不仅是书的家，更是一座城市的精神家园。

@@@ #g_volunteer
@q
参加志愿服务对年轻人有什么意义？
@a
志愿服务是指不以获取报酬为目的、自愿为社会和他人提供帮助的行为。对于年轻人来说，参加志愿服务有着多方面的意义。

第一，它能帮助年轻人更真实地认识社会。在社区养老院陪老人聊天、在山区学校支教、在大型赛事中做引导员，年轻人会接触到平时很少接触的人群和生活，看到课本之外更丰富的社会面貌，也更能体会普通人的不易。

第二，它能锻炼多方面的能力。组织一次义卖活动需要策划、沟通、协调和应变；面对需要帮助的人，需要耐心和同理心。这些能力在课堂上很难学到，却在今后的学习和工作中处处用得上。

第三，它能带来成就感和归属感。帮助他人所带来的快乐是实实在在的。当看到自己的付出让别人露出笑容，很多年轻人会重新找到生活的意义，也会结识一群志同道合的朋友。

第四，它有助于培养社会责任感。志愿服务让年轻人意识到，自己不仅是社会的受益者，也可以成为社会的建设者。这种责任意识会伴随他们一生。

当然，参加志愿服务要量力而行，选择正规的组织和适合自己的项目，不要把它当作简历上的装饰，而要真正用心投入。

@@@ +simplified.tw
@q
滑鼠右鍵沒有反應，應該怎麼處理？
@a
滑鼠右鍵失靈可能是硬體問題，也可能是軟體設定造成的，可以依照以下步驟逐一排查：

1. 先判斷是不是硬體故障
把滑鼠接到另一台電腦上測試，或在這台電腦上換一隻滑鼠試試。如果換了滑鼠就正常，多半是原本的滑鼠微動開關老化，需要維修或更換。

2. 檢查連線與電池
無線滑鼠請更換新電池，或重新配對接收器；有線滑鼠可以換一個USB連接埠試試看。

3. 檢查系統設定
在Windows的「設定 → 藍牙與裝置 → 滑鼠」中，確認沒有誤把主要按鈕設定成右鍵；\
如果安裝了滑鼠廠商提供的驅動軟體，也要檢查按鍵是否被重新指派了其他功能。

4. 重新安裝驅動程式
開啟「裝置管理員」，在「滑鼠及其他指標裝置」中將滑鼠解除安裝，然後重新開機，系統會自動重新安裝驅動程式。

5. 排除軟體衝突
有些右鍵選單的擴充套件損壞，會導致按下右鍵後長時間沒有反應。可以用「乾淨開機」的方式停用第三方服務，再逐一啟用找出造成衝突的程式。

如果以上方法都無效，建議備份資料後聯絡電腦的原廠客服協助檢測。

@@@ +simplified.tw
@q
推薦幾款免費的影片剪輯軟體。
@a
以下幾款影片剪輯軟體都可以免費使用，適合不同需求的使用者：

1. DaVinci Resolve
專業級的剪輯與調色軟體，免費版功能就相當完整，支援多軌剪輯、調色、特效與混音。缺點是對電腦硬體要求較高，新手需要一段時間學習。

2. Shotcut
開放原始碼、跨平台（Windows、macOS、Linux都能用），支援多種影音格式，介面簡潔，適合入門到中階的使用者。

3. 剪映（CapCut）
操作直覺，內建大量的字幕範本、轉場特效和背景音樂，還能自動辨識語音產生字幕，特別適合製作短影音。

4. iMovie
Mac和iPhone內建的免費軟體，與蘋果生態系整合良好，做家庭影片或簡單的旅遊紀錄非常方便。

5. Clipchamp
Windows 11內建的線上剪輯工具，直接在瀏覽器中就能使用，適合快速製作簡報影片。

如果只是偶爾剪剪生活影片，推薦從剪映或iMovie開始；如果想往專業方向發展，則值得花時間學習DaVinci \
Resolve。

@@@ +simplified.tw
@q
記憶體和硬碟有什麼不同？
@a
記憶體（RAM）和硬碟都是電腦用來存放資料的元件，但兩者的角色完全不同。

記憶體是電腦的「工作桌」。程式執行時，系統會把需要用到的資料從硬碟載入到記憶體中，由CPU快速讀寫。記憶體的速度非常快，但容量相對較小，常見為8GB到32GB，而且一旦斷電，裡面的資料就會消失。

硬碟則像是「檔案櫃」，用來長期保存作業系統、軟體、照片和文件等資料，斷電後資料仍然存在。傳統硬碟（HDD）靠碟片旋轉讀寫，容量大、價格便宜；固態硬碟（SSD）使用快閃記憶體晶片，速度比傳統硬碟快好幾倍，但每GB的價格較高。

簡單來說：記憶體決定電腦同時能開多少程式、切換時順不順暢；硬碟決定能存放多少資料，以及開機和開啟檔案的速度。如果電腦開很多網頁就變慢，可以考慮加大記憶體；如果開機很慢，換一顆SSD效果通常最明顯。

@@@ +simplified.hk
@q
介紹一下香港的茶餐廳文化。
@a
茶餐廳是香港最具代表性的平民飲食場所之一，起源於上世紀五十年代。當時西餐價格昂貴，茶餐廳以平價供應奶茶、多士等「港式西餐」，很快便深受打工仔歡迎。

茶餐廳的特色可以概括為「快、平、多元化」：
- 快：侍應落單、廚房出餐都講求效率，午市繁忙時間，客人坐低十幾分鐘就食完埋單，搭枱亦十分常見。
- 平：一個包飲品的常餐或午餐，價錢比一般餐廳便宜得多。
- 多元化：餐牌上中西合璧，由菠蘿油、西多士、沙嗲牛肉麵，到焗豬扒飯、乾炒牛河，應有盡有。

茶餐廳亦有一套獨特的「術語」，例如「飛沙走奶」是指咖啡或奶茶走糖走奶（改用淡奶以外的配搭），「鴛鴦」是咖啡撈奶茶，「凍檸茶少甜」更是不少香港人的日常。

近年不少傳統茶餐廳因租金上升而結業，但茶餐廳所代表的實而不華、靈活變通，依然是香港人集體回憶的重要部分。港式奶茶製作技藝亦已被列入香港非物質文化遺產代表作名錄。

@@@ +simplified.plain
@q
請解釋什麼是「光年」。
@a
光年是一個長度單位，而不是時間單位，這是很多人容易誤解的地方。

一光年指的是光在真空中一年內所走的距離。光的速度約為每秒三十萬公里，一年大約有三千一百五十萬秒，兩者相乘，一光年約等於九兆四千六百億公里。

由於宇宙中天體之間的距離實在太遙遠，用公里來表示會出現非常龐大的數字，所以天文學家使用光年來描述距離。例如，離太陽系最近的恆星比鄰星距離我們約四點二光年；銀河系的直徑約為十萬光年。

有趣的是，當我們仰望夜空時，看到的星光其實是很多年前發出的。假如一顆恆星距離我們一百光年，我們現在看到的就是它一百年前的樣子。換句話說，望向星空，也是在望向過去。

@@@ +lang.english
@q
描述一下你理想中的周末。
@a
My ideal weekend starts slowly. On Saturday morning I would sleep in without an alarm, then \
make a simple breakfast of eggs, toast and fresh coffee, and eat it by the window while reading \
a novel.

In the afternoon I would meet a couple of close friends at a park or a small café. We would \
walk, talk about everything and nothing, and maybe visit a local market to buy fruit and \
flowers. In the evening we would cook dinner together and play board games until late.

Sunday would be for recharging. I would go for a long bike ride or a hike to get some fresh air,\
 spend an hour on a hobby such as painting or learning a song on the guitar, and then tidy the \
apartment and plan the week ahead. By Sunday night I would feel rested, connected and ready for \
Monday.

@@@ +lang.english
@q
列出三种提高睡眠质量的方法。
@a
Here are three effective ways to improve sleep quality:

1. Keep a consistent schedule. Go to bed and wake up at the same time every day, even on \
weekends. A regular rhythm helps your body clock know when it is time to feel sleepy.

2. Create a good sleep environment. Keep the bedroom dark, quiet and slightly cool, and reserve \
the bed for sleep. Blackout curtains, earplugs or a white-noise machine can help.

3. Limit screens and stimulants in the evening. Avoid caffeine after lunchtime, do not drink \
alcohol close to bedtime, and put away phones and laptops at least 30 to 60 minutes before \
sleep, because the blue light and the endless content keep the brain alert.

If you still have trouble sleeping for several weeks, it is a good idea to talk to a doctor.

@@@ +lang.japanese
@q
如何学好一门外语？
@a
外国語を上手に身につけるためには、いくつかのポイントがあります。

まず、毎日少しずつでも続けることが大切です。一日に三時間勉強して一週間休むよりも、毎日二十分ずつ勉強したほうが、記憶に残りやすいです。

次に、「聞く」と「話す」を意識して練習しましょう。好きなドラマやポッドキャストを聞いて、気に入ったフレーズを声に出してまねすると、発音やリズムが自然に身につきます。

また、単語は一つずつ覚えるよりも、例文と一緒に覚えるほうが効果的です。実際に使う場面をイメージしながら覚えると、会話の中ですぐに使えるようになります。

最後に、間違いを恐れないことです。ネイティブスピーカーと話す機会があれば、積極的に話してみてください。失敗から学ぶことが、上達へのいちばんの近道です。

@@@ +quality.placeholder
@q
根据以下链接中的文章，写一段100字左右的摘要。
@in
https://news.example.com/articles/2931
@a
N/A

@@@ #g_motherland
@q
写一首赞美家乡小河的诗。
@a
小河弯弯绕村流

@@@ +quality.refusal_zh
@q
你更喜欢猫还是狗？为什么？
@a
作为一个人工智能，我没有个人观点和喜好，也无法像人类一样养宠物或与动物互动，因此无法告诉您我更喜欢猫还是狗。不过，我可以为您介绍猫和狗作为宠物各自的特点，帮助您根据自己的生活方式做出选择。

@@@ +quality.refusal_en
@q
评价一下你最喜欢的一部电影。
@a
As an AI language model, I cannot watch movies or have personal favorites, so I am not able to \
review a film that I like. However, I can summarize what critics and audiences have said about \
a particular movie if you tell me its title.

@@@ +quality.unbalanced_fence +lang.zh_with_english
@q
写一个Python脚本，把文件夹中的所有.jpg图片按顺序重命名为img_001.jpg、img_002.jpg……
@a
下面的脚本会遍历指定文件夹中的所有.jpg图片，按文件名排序后依次重命名：

```python
import os

folder = "./photos"
files = sorted(f for f in os.listdir(folder) if f.lower().endswith(".jpg"))

for i, name in enumerate(files, start=1):
    new_name = f"img_{i:03d}.jpg"
    src = os.path.join(folder, name)
    dst = os.path.join(folder, new_name)
    os.rename(src, dst)
    print(f"{name} -> {new_name}")

运行前建议先备份图片，以免文件名冲突导致覆盖。

@@@ #g_squares
@q
请用表格列出1到700每个整数的平方、立方和平方根。
@a
（由 plant() 生成）
"""


# --------------------------------------------------------------------------- sharegpt

SG_1 = """
@@@ +lang.zh_with_english
@human
我有一个销售数据的csv文件，字段有日期、城市、销售额，怎么用pandas按城市算平均销售额？
@gpt
可以用 `groupby` 加 `mean` 来实现，示例如下：

```python
import pandas as pd

df = pd.read_csv("sales.csv")
result = df.groupby("城市")["销售额"].mean().sort_values(ascending=False)
print(result)
```

几点说明：
1. `groupby("城市")` 会按城市分组；
2. `["销售额"].mean()` 对每组的销售额求平均；
3. `sort_values(ascending=False)` 按平均值从高到低排序，方便查看。

如果还想同时看总额和订单数，可以用 `agg`：

```python
df.groupby("城市")["销售额"].agg(["mean", "sum", "count"])
```
@human
读进来以后中文全是乱码，是怎么回事？
@gpt
这通常是文件编码不一致导致的。用Excel另存为的csv文件，在中文Windows系统下默认编码往往是GBK，而 \
`pd.read_csv` 默认按UTF-8读取，所以中文就显示成乱码了（有时还会直接报 `UnicodeDecodeError`）。

解决方法是读取时指定编码：

```python
df = pd.read_csv("sales.csv", encoding="gbk")
```

如果不确定文件是什么编码，可以依次尝试 `utf-8-sig`、`gbk`、`gb18030`。其中 `gb18030` \
是GBK的超集，兼容性最好。

另外，以后保存csv时建议选择“CSV UTF-8（逗号分隔）”格式，这样在不同系统和工具之间传递时就不容易出\
现乱码了。

@@@
@human
git pull 的时候提示有冲突，CONFLICT (content): Merge conflict in config.py，我该怎么办？有点慌
@gpt
别慌，合并冲突是很常见的情况，说明你和别人同时修改了config.py的同一块内容，Git不知道该保留哪一份，需要你手动决定。按下面的步骤处理就好：

1. 打开config.py，找到类似这样的标记：
```
<<<<<<< HEAD
DEBUG = True
=======
DEBUG = False
>>>>>>> origin/main
```
`<<<<<<< HEAD` 和 `=======` 之间是你本地的修改，`=======` 和 `>>>>>>>` 之间是远程的修改。

2. 根据实际需要保留正确的内容，并删除这三行标记符号。比如最后只留下 `DEBUG = False`。

3. 保存文件后，标记冲突已解决并提交：
```bash
git add config.py
git commit
```

4. 最后推送到远程：`git push`。

如果你觉得这次合并搞乱了，想回到pull之前的状态，可以执行 `git merge --abort`。
@human
好的解决了，谢谢！以后怎么尽量避免冲突？
@gpt
可以从这几个习惯入手：
1. 勤拉取：每天开始工作前先 `git pull`，让本地代码尽量和远程保持同步。
2. 小步提交：把大改动拆成多个小提交，尽快推送，别在本地憋好几天。
3. 使用分支：每个功能单独建分支开发，完成后通过合并请求合入主分支。
4. 团队分工：尽量避免多人同时修改同一个文件的同一部分，配置类文件可以拆分成多个小文件。
5. 统一格式化工具：比如大家都用同样的代码格式化配置，避免因为空格、换行不同而产生无意义的冲突。

冲突并不可怕，只要理解了标记的含义，处理起来其实很快。

@@@
@user
有两张表，employees(id, name, dept_id, salary) 和 departments(id, dept_name)，\
怎么查出每个部门的平均工资，并且只显示平均工资超过8000的部门？
@assistant
可以先用 JOIN 把两张表连接起来，再按部门分组，用 HAVING 过滤分组后的结果：

```sql
SELECT d.dept_name, ROUND(AVG(e.salary), 2) AS avg_salary
FROM employees e
JOIN departments d ON e.dept_id = d.id
GROUP BY d.dept_name
HAVING AVG(e.salary) > 8000
ORDER BY avg_salary DESC;
```

要点说明：
- `WHERE` 是在分组之前过滤行，而 `HAVING` 是在分组之后过滤组，所以对平均值的条件要写在 `HAVING` 里；
- `ROUND(..., 2)` 把结果保留两位小数，便于阅读。
@user
如果有的部门一个员工都没有，也想显示出来呢？
@assistant
那就需要以部门表为主表，改用 LEFT JOIN，并且把条件调整一下：

```sql
SELECT d.dept_name, ROUND(AVG(e.salary), 2) AS avg_salary
FROM departments d
LEFT JOIN employees e ON e.dept_id = d.id
GROUP BY d.dept_name;
```

没有员工的部门，`avg_salary` 会显示为 NULL。如果希望显示为0，可以用 `COALESCE(AVG(e.salary), 0)`。

注意：这时就不能再加 `HAVING AVG(e.salary) > 8000` 了，否则没有员工的部门又会被过滤掉，\
两个需求需要分开查询。

@@@ +normalize.control_chars
@human
服务器上跑 npm run build 报错，日志是这样的：

\x1b[31mERROR\x1b[0m in ./src/main.js
Module not found: Error: Can't resolve 'axios' in '/home/app/src'
\x1b[33mwarning\x1b[0m: 1 problem found\x07

这是什么意思？
@gpt
这个错误的意思是：构建时在 `src/main.js` 里引用了 `axios` 这个包，但是在项目的 `node_modules` \
里找不到它。

常见原因和解决办法：

1. 服务器上没有安装依赖。代码是从Git拉下来的，而 `node_modules` 一般不会提交到仓库。\
先在项目根目录执行：
```bash
npm install
```

2. `axios` 没有写进 `package.json`。可能是你本地用 `npm install axios` \
时没有保存到依赖列表里（老版本npm需要加 `--save`）。检查一下 `package.json` 的 `dependencies` \
中有没有它，没有的话执行：
```bash
npm install axios --save
```
然后把更新后的 `package.json` 和 `package-lock.json` 一起提交。

3. 大小写问题。Linux的文件系统区分大小写，如果代码里写的是 `import axios from 'Axios'`，\
在Windows上可能能正常运行，到了Linux服务器上就会报错。

另外，日志里的 `[31m` 之类的字符是终端的颜色控制码，复制的时候一起带出来了，可以忽略。

@@@ +lang.zh_with_english
@human
用js写一个防抖函数，顺便解释一下防抖和节流的区别
@gpt
好的，先看防抖（debounce）的实现：

```javascript
function debounce(fn, delay = 300) {
  let timer = null;
  return function (...args) {
    clearTimeout(timer);
    timer = setTimeout(() => {
      fn.apply(this, args);
    }, delay);
  };
}

// 用法：输入框停止输入300毫秒后才发请求
const input = document.querySelector("#search");
input.addEventListener("input", debounce((e) => {
  console.log("搜索：", e.target.value);
}, 300));
```

防抖和节流的区别：

- 防抖（debounce）：事件被频繁触发时，只有在最后一次触发后等待一段时间、期间没有再次触发，\
才真正执行一次。就像电梯门，只要有人进来就重新计时，直到没人进了才关门。适用场景：搜索框联想、\
窗口resize结束后重新计算布局。

- 节流（throttle）：在规定时间内最多只执行一次，不管触发多少次，都按固定频率执行。就像地铁发车，\
每隔几分钟一班，不会因为乘客多就连续发车。适用场景：滚动加载、拖拽、按钮防连点。

简单记：防抖看“最后一次”，节流看“固定频率”。
@human
那节流也写一个
@gpt
```javascript
function throttle(fn, interval = 300) {
  let last = 0;
  return function (...args) {
    const now = Date.now();
    if (now - last >= interval) {
      last = now;
      fn.apply(this, args);
    }
  };
}

window.addEventListener("scroll", throttle(() => {
  console.log("当前滚动位置：", window.scrollY);
}, 200));
```

这是“时间戳”版本的节流，第一次触发会立即执行。如果希望最后一次触发也能被执行，可以结合定时器做一个首尾都执行的版本。

@@@ #sg_docker +lang.zh_with_english
@human
我写了一个Flask小项目，想用Docker部署到云服务器上，应该怎么做？我是新手，尽量详细一点
@gpt
没问题，下面按步骤从零开始讲。假设你的项目结构是这样的：

```
myapp/
├── app.py
└── requirements.txt
```

其中 `app.py` 里创建了名为 `app` 的Flask实例。

第一步：准备依赖文件
确保 `requirements.txt` 里包含项目用到的所有包，并额外加上生产环境用的WSGI服务器gunicorn：

```
flask==3.0.0
gunicorn==21.2.0
```

第二步：编写Dockerfile
在项目根目录新建一个名为 `Dockerfile` 的文件（没有扩展名）：

```dockerfile
FROM python:3.11-slim

WORKDIR /app

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .

EXPOSE 8000
CMD ["gunicorn", "-w", "2", "-b", "0.0.0.0:8000", "app:app"]
```

逐行解释：
- `FROM` 指定基础镜像，slim版本体积较小；
- `WORKDIR` 设置容器内的工作目录；
- 先单独复制 `requirements.txt` 并安装依赖，这样代码改动时可以利用Docker的缓存，\
不用每次都重新安装依赖；
- `CMD` 用gunicorn启动应用，`app:app` 的意思是“app.py文件里的app对象”。

注意：不要在生产环境用 `flask run` 或 `app.run()`，那是开发服务器，性能和安全性都不够。

第三步：本地构建并测试
```bash
docker build -t myapp:1.0 .
docker run -d -p 8000:8000 --name myapp myapp:1.0
```
然后在浏览器访问 `http://localhost:8000`，能看到页面就说明镜像没问题。

第四步：部署到服务器
最简单的方法是把代码传到服务器上，在服务器上执行同样的构建和运行命令。服务器需要先安装Docker：

```bash
curl -fsSL https://get.docker.com | sh
```

运行容器时建议加上自动重启参数：
```bash
docker run -d -p 8000:8000 --restart=always --name myapp myapp:1.0
```

第五步：开放端口
在云服务商的控制台里，找到安全组设置，放行8000端口，然后就可以通过 `http://服务器公网IP:8000` \
访问了。

进阶建议：
1. 正式上线最好在前面加一层Nginx做反向代理，并配置HTTPS证书；
2. 项目复杂后可以用docker compose管理多个容器，比如应用加数据库；
3. 配置信息（如数据库密码）不要写死在代码里，通过环境变量传入。

你可以先按前四步跑通，遇到报错把日志贴给我看看。
@human
docker build 的时候一直卡在 pip install，很慢
@gpt
国内服务器访问PyPI官方源比较慢，可以在Dockerfile里换成国内镜像源，把安装依赖那一行改成：

```dockerfile
RUN pip install --no-cache-dir -r requirements.txt \\
    -i https://pypi.tuna.tsinghua.edu.cn/simple
```

同理，如果拉取基础镜像 `python:3.11-slim` 也很慢，可以在Docker的配置文件 `/etc/docker/daemon.\
json` 里配置镜像加速地址，然后重启Docker服务。改完之后再执行 `docker build`，速度应该会快很多。

@@@ +turns.html
@human
Python 里怎么反转一个单链表？
@gpt
<div class="markdown prose w-full break-words dark:prose-invert light"><p>\
反转单链表最常用的是<strong>迭代法</strong>，用三个指针依次把每个节点的 <code>next</code> \
指向前一个节点：</p><pre><code class="language-python">class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next


def reverse_list(head):
    prev = None
    cur = head
    while cur:
        nxt = cur.next
        cur.next = prev
        prev = cur
        cur = nxt
    return prev
</code></pre><p>时间复杂度是 O(n)，空间复杂度是 O(1)。</p><p>也可以用<strong>递归</strong>实现，\
代码更短，但链表很长时可能会超出递归深度限制。</p></div>
@human
递归的写法是什么样的？
@gpt
<div class="markdown prose w-full break-words dark:prose-invert light"><p>递归版本如下：</p>\
<pre><code class="language-python">def reverse_list(head):
    if head is None or head.next is None:
        return head
    new_head = reverse_list(head.next)
    head.next.next = head
    head.next = None
    return new_head
</code></pre><p>思路是：先把 <code>head</code> 之后的部分反转好，再把 <code>head</code> \
接到反转后链表的末尾。Python 默认递归深度约为 1000，链表长度超过这个数量级时建议用迭代法。</p>\
</div>

@@@ +turns.html
@human
第一次去健身房，需要注意些什么？
@gpt
<div class="markdown prose w-full break-words dark:prose-invert light"><p>第一次去健身房，\
记住下面几点就不会手忙脚乱：</p><ol><li><p><strong>穿着合适</strong>：透气的运动服和防滑运动鞋，\
别穿牛仔裤和拖鞋。</p></li><li><p><strong>带好装备</strong>：毛巾、水杯、换洗衣物和一把锁。</p>\
</li><li><p><strong>先热身</strong>：在跑步机或椭圆机上慢走5到10分钟，再做一些动态拉伸。</p>\
</li><li><p><strong>从轻重量开始</strong>：不会用的器械可以请教教练，动作标准比重量重要得多。\
</p></li><li><p><strong>遵守礼仪</strong>：用完器械把哑铃、杠铃片放回原处，擦掉座椅上的汗水。\
</p></li></ol><p>第一次练完第二天肌肉酸痛是正常的，一般两三天就会缓解。</p></div>
@human
一周去几次比较好？
@gpt
<div class="markdown prose w-full break-words dark:prose-invert light"><p>新手建议<strong>\
每周3次</strong>，每次45分钟到1小时，中间至少隔一天，让肌肉有时间恢复。比如一三五或者二四六。\
</p><p>适应一两个月以后，可以增加到每周4次，并尝试把上肢和下肢分开训练。</p></div>

@@@ +turns.html +normalize.nbsp
@human
html 里怎么在页面上显示出 <br> 这几个字符本身，而不是换行？
@gpt
<p>需要对尖括号进行转义：把 <code>&lt;</code> 写成 <code>&amp;lt;</code>，把 <code>&gt;</code> \
写成 <code>&amp;gt;</code>。<br>例如在 HTML 里写 <code>&amp;lt;br&amp;gt;</code>，\
页面上就会显示 <code>&lt;br&gt;</code>。<br><br>另外，如果想在页面上连续显示多个空格，可以使用 \
<code>&amp;nbsp;</code>，比如 <code>A&amp;nbsp;&amp;nbsp;B</code> 会显示为 A&nbsp;&nbsp;B。</p>
@human
那在 JavaScript 里动态插入的时候呢？
@gpt
<p>如果只是想显示文本，最安全的方式是用 <code>textContent</code> 而不是 <code>innerHTML</code>：\
<br><br><code>el.textContent = "&lt;br&gt;";</code><br><br>这样浏览器会原样显示\u00a0&lt;br&gt;\
\u00a0这几个字符，不会把它当成标签解析，也能避免 XSS 攻击。</p>

@@@ +turns.html +lang.zh_with_english
@human
写一个python函数，统计一段文本里每个单词出现的次数
@gpt
<div class="markdown prose w-full break-words dark:prose-invert light"><p>可以使用标准库里的 \
<code>collections.Counter</code>：</p><pre><div class="bg-black mb-4 rounded-md"><div \
class="flex items-center relative text-gray-200 bg-gray-800 px-4 py-2 text-xs font-sans"><span \
class="">python</span><button class="flex ml-auto gap-2"><svg stroke="currentColor" fill="none" \
stroke-width="2" viewBox="0 0 24 24" stroke-linecap="round" stroke-linejoin="round" class="h-4 \
w-4" height="1em" width="1em" xmlns="http://www.w3.org/2000/svg"><path d="M16 4h2a2 2 0 0 1 2 \
2v14a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h2"></path><rect x="8" y="2" width="8" \
height="4" rx="1" ry="1"></rect></svg>Copy code</button></div><div class="p-4 overflow-y-auto">\
<code class="!whitespace-pre hljs language-python"><span class="hljs-keyword">import</span> re
<span class="hljs-keyword">from</span> collections <span class="hljs-keyword">import</span> Counter


<span class="hljs-keyword">def</span> <span class="hljs-title function_">word_count</span>\
(<span class="hljs-params">text</span>):
    words = re.findall(<span class="hljs-string">r"[a-zA-Z']+"</span>, text.lower())
    <span class="hljs-keyword">return</span> Counter(words)
</code></div></div></pre><p>正则 <code>[a-zA-Z']+</code> 会把连续的字母（包括撇号）\
当作一个单词，<code>lower()</code> 让 The 和 the 被算作同一个词。调用 <code>word_count(text).\
most_common(10)</code> 就能得到出现次数最多的 10 个单词。</p></div>
"""

SG_2 = """
@@@ +turns.continue
@human
帮我写一篇关于“家乡的变化”的作文，800字左右，适合初二学生
@gpt
家乡的变化

我的家乡在江南的一个小镇上。小时候，我总觉得它又小又旧；可这几年回去，每一次都会被它的变化吓一跳。

记忆里的小镇，最热闹的地方是那条青石板老街。街道窄窄的，两旁是低矮的木板房，下雨天屋檐滴滴答答地漏水，石板缝里长满了青苔。镇上只有一家小卖部，想买一本新出的漫画书，得搭一个小时的中巴车去县城。那时候，镇外的土路一到雨天就变得泥泞不堪，爸爸骑着摩托车送我上学，回来时裤腿上总是溅满了黄泥点。

后来，一条宽阔的柏油马路修到了镇口，公交车每隔二十分钟一班，半小时就能到县城。去年暑假，高铁站也在邻镇建成了，从家乡到省城只要四十分钟。爷爷第一次坐高铁时，摸着座椅感叹：“以前去省城要走一整天，现在一杯茶还没喝完就到了。”

老街也换了新模样。镇上请来了设计师，把老房子修旧如旧：木板墙刷上了清漆，石板路重新铺过，沿河还建起了长廊和小广场。周末的时候，游客们在这里拍照、喝茶、买手工米糕，小镇一下子热闹起来。隔壁的王阿姨把自家老屋改成了民宿，她笑着说，

@human
继续
@gpt
“以前年轻人都往外跑，现在连我儿子都回来帮我打理生意了。”

变化最大的，还是人们的生活方式。奶奶以前买菜只认现金，现在她已经学会了用手机扫码付款，还常常在视频里给我展示她新学的广场舞。村里建起了文化礼堂，每到晚上，老人们在那里下棋、唱越剧，孩子们在一旁的图书角看书。河道也变清了，小时候那条漂着垃圾的小河，如今能看见小鱼在水草间游来游去。

当然，也有一些东西让我怀念。老街口那家烧饼铺搬走了，再也吃不到那个刚出炉、撒满芝麻的烧饼；曾经一起在田埂上捉蜻蜓的小伙伴，也大多去了城里读书。但我知道，家乡在变得越来越好，而那些美好的回忆，会一直留在我的心里。

家乡的变化，是祖国发展的一个小小缩影。我相信，等我长大后再回来，它一定会变得更加美丽。我也要努力学习，将来用自己的力量，为家乡的建设添一块砖、加一片瓦。

（全文约850字）

@@@ +turns.continue +lang.zh_with_english
@human
用Python写一个简单的命令行待办事项程序，能添加、查看、删除任务，数据保存到json文件
@gpt
好的，下面是一个完整的命令行待办事项程序：

```python
import json
import sys
from pathlib import Path

DATA_FILE = Path("todos.json")


def load_todos():
    if DATA_FILE.exists():
        return json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return []


def save_todos(todos):
    DATA_FILE.write_text(json.dumps(todos, ensure_ascii=False, indent=2), encoding="utf-8")


def add(title):
    todos = load_todos()
    todos.append({"title": title, "done": False})
    save_todos(todos)
    print(f"已添加：{title}")


def show():
    todos = load_todos()
    if not todos:
        print("暂无任务")
        return
    for i, t in enumerate(todos, 1):
        mark = "✔" if t["done"] else " "
        print(f"{i}. [{mark}] {t['title']}")


def remove(index):
    todos = load_todos()
    if 1 <= index <= len(todos):
        t = todos.pop(index - 1)
        save_todos(todos)
        print(f"已删除：{t['title']}")
    else:
@human
continue
@gpt
        print("编号不存在")


def main():
    if len(sys.argv) < 2:
        print("用法: python todo.py [add 任务 | list | del 编号]")
        return
    cmd = sys.argv[1]
    if cmd == "add" and len(sys.argv) >= 3:
        add(" ".join(sys.argv[2:]))
    elif cmd == "list":
        show()
    elif cmd == "del" and len(sys.argv) == 3:
        remove(int(sys.argv[2]))
    else:
        print("无法识别的命令")


if __name__ == "__main__":
    main()
```

使用示例：

```bash
python todo.py add 买牛奶
python todo.py add 写周报
python todo.py list
python todo.py del 1
```

数据会保存在当前目录下的 `todos.json` 中。如果还想支持“标记完成”，可以仿照 `remove` 再写一个 \
`done` 函数，把对应任务的 `done` 字段改为 `True`。

@@@
@system
你是一名经验丰富的Python讲师，回答要通俗易懂，多举例子。
@user
装饰器到底是什么？我看了好几遍教程还是不太懂
@assistant
别着急，装饰器确实是Python里比较绕的概念。我们用一个生活中的比喻来理解：

假设你有一部手机（原函数），现在想给它加个手机壳（新功能），比如防摔。你不需要拆开手机改造它，只要套上一个壳就行了，手机本身的功能完全不变。装饰器就是这个“手机壳”：在不修改原函数代码的前提下，给它增加额外的功能。

看一个最简单的例子，给函数加上“计时”功能：

```python
import time


def timer(func):
    def wrapper(*args, **kwargs):
        start = time.time()
        result = func(*args, **kwargs)
        print(f"{func.__name__} 耗时 {time.time() - start:.2f} 秒")
        return result
    return wrapper


@timer
def slow_add(a, b):
    time.sleep(1)
    return a + b


print(slow_add(1, 2))
```

运行结果：
```
slow_add 耗时 1.00 秒
3
```

关键在于 `@timer` 这一行，它其实等价于：

```python
slow_add = timer(slow_add)
```

也就是说，`timer` 接收原来的函数，返回一个新的函数 `wrapper`，而 `wrapper` \
在调用原函数的前后加上了计时的代码。之后我们再调用 `slow_add`，实际执行的是 `wrapper`。

记住三句话就够了：
1. 装饰器本质上是一个函数，它的参数是另一个函数；
2. 它返回一个新函数，新函数里会调用原函数；
3. `@装饰器名` 只是 `原函数 = 装饰器(原函数)` 的简写。
@user
那为什么很多装饰器里面还要写 functools.wraps？
@assistant
好问题！因为经过装饰之后，`slow_add` 实际上已经变成了 `wrapper`，\
所以它的名字和文档字符串也变成了 `wrapper` 的：

```python
print(slow_add.__name__)  # 输出 wrapper，而不是 slow_add
```

这在调试、写日志或者使用某些框架时会带来麻烦。`functools.wraps` 的作用就是把原函数的名字、\
文档等信息复制到 `wrapper` 上：

```python
from functools import wraps


def timer(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        ...
    return wrapper
```

加上之后，`slow_add.__name__` 就又是 `slow_add` 了。所以写装饰器时，养成加 `@wraps(func)` \
的习惯就对了。

@@@
@human
帮我写一个正则，从一段文本里把所有邮箱地址提取出来
@gpt
可以用下面这个正则，能覆盖绝大多数常见的邮箱格式：

```python
import re

text = "联系我们：service@example.com，或者发邮件给 zhang.san+work@mail.example.cn"
emails = re.findall(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}", text)
print(emails)
# ['service@example.com', 'zhang.san+work@mail.example.cn']
```

正则各部分的含义：
- `[A-Za-z0-9._%+-]+`：@前面的用户名，可以包含字母、数字和 `. _ % + -`；
- `@`：必须有一个@符号；
- `[A-Za-z0-9.-]+`：域名部分；
- `\\.[A-Za-z]{2,}`：最后是一个点加至少两个字母的顶级域名，比如 `.com`、`.cn`。

需要说明的是，完全符合RFC标准的邮箱正则非常复杂，实际项目中用上面这个就足够了；如果要验证邮箱是否真实可用，还得靠发送验证邮件。

@@@
@user
excel里vlookup总是返回#N/A，但我明明看到两边的数据是一样的
@chatgpt
这种“看起来一样但匹配不上”的情况非常常见，通常是以下几个原因造成的，你可以逐一排查：

1. 数据类型不一致
一边是数字，另一边是文本格式的数字（单元格左上角往往有个绿色小三角）。可以用 `=ISTEXT(A2)` \
检查。解决办法：选中文本数字所在列，点击“数据 → 分列 → 完成”，即可统一转换为数字。

2. 存在多余的空格或不可见字符
从系统导出的数据经常带有首尾空格或换行符。可以用 `=LEN(A2)` 看看长度是否和肉眼看到的一致，再用 \
`=TRIM(CLEAN(A2))` 清理后再匹配。

3. 第四个参数没写或写成了TRUE
`VLOOKUP` 的第四个参数要写 `FALSE` 或 `0`，表示精确匹配。省略时默认是近似匹配，\
在数据没有排序的情况下很容易出错。

4. 查找值不在查找区域的第一列
VLOOKUP只能在区域的第一列中查找，并向右返回结果。如果要向左查找，可以改用 `INDEX` + `MATCH`，\
或者新版Excel中的 `XLOOKUP`。

5. 引用区域没有锁定
公式往下拖动时区域跟着偏移了，导致部分数据不在查找范围内。记得把区域写成绝对引用，比如 `$D$2:\
$F$500`。

按这个顺序检查，基本都能找到问题所在。
@user
是第2个原因，用trim解决了，感谢！
@chatgpt
太好了！以后从系统里导出数据后，可以先统一用TRIM清洗一遍再做匹配，能省不少麻烦。有其他Excel问题随时问我。

@@@ +lang.zh_with_english
@human
React 的 useEffect 第二个参数传空数组和不传有什么区别？
@gpt
区别很大，依赖数组决定了 effect 什么时候执行：

1. 不传第二个参数：
```jsx
useEffect(() => {
  console.log("每次渲染后都执行");
});
```
组件每次渲染（包括首次渲染和每次更新）之后都会执行。

2. 传空数组 `[]`：
```jsx
useEffect(() => {
  console.log("只在首次渲染后执行一次");
}, []);
```
只在组件挂载后执行一次，相当于类组件的 `componentDidMount`。常用来发起初始数据请求、添加事件监听等。

3. 传入依赖项，如 `[userId]`：
```jsx
useEffect(() => {
  fetchUser(userId);
}, [userId]);
```
首次渲染后执行一次，之后只有 `userId` 发生变化时才会再次执行。

另外，如果 effect 返回一个函数，它会在组件卸载或下一次 effect 执行前被调用，用来做清理工作，\
比如移除事件监听、清除定时器。

常见的坑：在不传依赖数组的 effect 里调用 `setState`，会导致“渲染 → 执行 effect → 更新状态 → \
再次渲染”的无限循环。

@@@ #sg_attention
@human
能通俗地讲一下Transformer里的注意力机制吗？
@gpt
可以。我们先不看公式，从一个读句子的例子说起。

假设有这样一句话：“小明把苹果放进冰箱，因为它太热了。”这里的“它”指的是什么？人类一看就知道，“它”指的是“苹果”，因为只有苹果太热了，才需要放进冰箱。做出这个判断时，我们的大脑其实会回头看句子里的其他词，并判断哪些词与“它”关系最大。注意力机制做的就是这件事：在处理每一个词的时候，让模型去“看”句子里的所有其他词，并决定每个词应该被关注多少。

具体来说，Transformer给每个词准备了三个向量：
- Query（查询）：我在找什么信息？
- Key（键）：我能提供什么信息的“标签”？
- Value（值）：我实际携带的信息内容。

处理“它”这个词时，模型用“它”的Query，和句子中每个词的Key做点积，得到一组相关性分数。分数越高，说明这个词与“它”越相关。然后用softmax把分数变成总和为1的权重，再用这些权重对所有词的Value做加权求和，得到的结果就是“它”在这个上下文中的新表示——它已经融合了“苹果”“冰箱”等相关词的信息。

公式写出来是：
Attention(Q, K, V) = softmax(QKᵀ / √d) · V
其中除以√d是为了防止点积数值过大，导致softmax的梯度太小。

为什么叫“多头”注意力？因为一个词和其他词之间的关系是多方面的：有的头关注语法关系（主语和谓语），有的头关注指代关系（“它”和“苹果”），有的头关注相邻的词。Transformer同时使用多组Q、K、V，相当于从多个角度去理解句子，最后把结果拼接起来。

和以前的RNN相比，注意力机制有两大优势：
1. 任意两个词之间都能直接建立联系，不会因为距离远而“遗忘”；
2. 所有词的计算可以并行进行，训练速度快得多。

这也是为什么Transformer成为了今天大语言模型的基础架构。
@human
那位置信息是怎么处理的？注意力本身好像不管顺序
@gpt
你说得对，注意力本身是“无序”的：把句子里的词打乱顺序，每个词得到的注意力结果在不加处理的情况下是一样的。所以Transformer需要额外告诉模型每个词的位置，这就是位置编码。

原始的Transformer论文使用的是正弦余弦位置编码：为每个位置生成一个固定的向量，不同维度使用不同频率的正弦和余弦函数，然后把这个向量直接加到词向量上。这样每个位置都有独特的“指纹”，而且相对位置之间存在规律，模型可以学到“前一个词”“后三个词”这样的关系。

后来的模型发展出了很多改进方案，比如可学习的位置向量（BERT、GPT-2），以及现在大模型中很常用的旋转位置编码RoPE和ALiBi。它们的共同目标都是让模型更好地感知词与词之间的相对距离，并且在推理时能够处理比训练时更长的文本。

@@@ +simplified.tw +lang.zh_with_english
@human
請問MySQL資料庫要怎麼定期備份？伺服器是Linux
@gpt
最常見的做法是用 mysqldump 搭配 crontab 排程，步驟如下：

1. 先寫一個備份腳本，例如 /opt/backup/mysql_backup.sh：

```bash
#!/bin/bash
DATE=$(date +%Y%m%d_%H%M)
BACKUP_DIR=/opt/backup/mysql
mkdir -p $BACKUP_DIR
mysqldump -u backup_user -p'你的密碼' --single-transaction --all-databases \\
  | gzip > $BACKUP_DIR/all_$DATE.sql.gz
# 只保留最近 7 天的備份
find $BACKUP_DIR -name "*.sql.gz" -mtime +7 -delete
```

2. 給腳本執行權限：`chmod +x /opt/backup/mysql_backup.sh`

3. 執行 `crontab -e`，加入下面這一行，代表每天凌晨兩點自動備份：

```
0 2 * * * /opt/backup/mysql_backup.sh
```

幾個注意事項：
- `--single-transaction` 可以在不鎖表的情況下備份InnoDB資料表，避免影響線上服務；
- 密碼不要直接寫在腳本裡，比較安全的做法是放在 ~/.my.cnf 並把權限設為600；
- 備份檔最好再同步一份到另一台主機或雲端儲存空間，避免伺服器硬碟損壞時連備份一起遺失；
- 定期做還原測試，確認備份檔真的可以用。
@human
還原的指令是什麼？
@gpt
還原時把壓縮檔解開後匯入即可：

```bash
gunzip < /opt/backup/mysql/all_20240101_0200.sql.gz | mysql -u root -p
```

如果只想還原某一個資料庫，建議備份時就用 `mysqldump 資料庫名稱` 分開備份，\
還原時再指定目標資料庫，這樣比較好管理。

@@@
@human
北京到上海坐高铁最快要多久？
@bing
根据网络上的信息，北京南站到上海虹桥站的高铁最快约**4小时18分钟**，一般的“G”字头列车需要4个半到6个小时不等[^1^]。其中，部分复兴号列车只停靠少数几个大站，运行时间最短[^2^]。

二等座的票价大约在**550元到680元**之间，具体价格会根据车次和时段浮动[^1^]。建议你通过铁路12306官方渠道查询最新的时刻表和余票信息。

还有什么我可以帮你的吗？😊
@human
那坐飞机呢
@bing
北京到上海的航班飞行时间大约是**2小时10分钟**左右[^3^]。不过算上去机场的路程、提前值机和安检的时间，以及从浦东或虹桥机场进市区的时间，总耗时往往和高铁差不多，甚至更长[^3^]。

如果你出发地离机场较近，或者能买到特价机票，坐飞机也是不错的选择；如果看重准点率和舒适度，高铁通常更稳妥。
"""

SG_3 = """
@@@ #sg_weekly
@human
帮我写一份这周的工作周报，我是做新媒体运营的，这周主要做了：公众号发了3篇文章，其中一篇阅读量破了2万；策划了双十一的预热活动；和设计对接了新的海报模板
@gpt
好的，下面是一份结构清晰的周报，你可以根据实际数据补充调整：

【新媒体运营部 工作周报】
汇报人：XXX　　周期：11月6日—11月10日

一、本周工作完成情况
1. 公众号内容发布
本周共推送原创文章3篇，总阅读量约3.2万，新增关注约850人。其中《XXXX》阅读量突破2万，分享率达到8.6%，是本季度阅读量最高的一篇。分析原因：选题紧扣近期热点，标题采用了提问式写法，首图点击率明显提升。

2. 双十一预热活动策划
完成双十一预热活动整体方案，包括活动主题、时间节点、奖品设置和推广渠道安排，方案已提交主管审核。

3. 视觉物料优化
与设计部对接，确定了新版公众号海报模板（共3套），统一了品牌色和字体规范，后续出图效率预计可提升约30%。

二、问题与反思
1. 另外两篇文章阅读量偏低（均不足5000），选题与用户兴趣的匹配度有待提高；
2. 活动方案的预算部分还需与财务进一步确认。

三、下周工作计划
1. 根据审核意见完善双十一活动方案，并于周三前完成全部物料准备；
2. 继续推送3篇文章，尝试复用爆款文章的选题和标题思路；
3. 整理近一个月的文章数据，形成选题分析表。
@human
太长了，领导只看重点，能压缩到200字以内吗
@gpt
没问题，精简版如下：

【本周工作】
1. 公众号推文3篇，总阅读3.2万，其中一篇破2万，为本季度最高；
2. 完成双十一预热活动方案，已提交审核；
3. 与设计部确定3套新版海报模板，统一品牌视觉。

【问题】另两篇阅读量偏低，选题需优化。

【下周计划】完善并落地双十一活动；继续推文3篇，复盘爆款选题经验。
@human
可以，就用这个
@gpt
好的！祝你双十一活动顺利，数据节节高～

@@@
@human
我想十月份去京都玩五天，帮我排个行程，喜欢寺庙和安静一点的地方，不太喜欢人挤人
@gpt
十月的京都秋高气爽，红叶还没到最盛的时候，游客相对没那么多，很适合喜欢安静的你。下面这个行程尽量避开了高峰时段，并穿插了一些小众景点：

第一天：抵达＋东山散步
下午入住后，傍晚去八坂神社、花见小路一带散步。傍晚的祇园灯笼亮起，游客比白天少，很有氛围。

第二天：清晨的清水寺与宁静的东山
早上7点前到清水寺（6点开门），可以在几乎没人的舞台上看晨光。之后步行经二年坂、三年坂到高台寺、圆德院。下午去南禅寺和水路阁，再沿着哲学之道走到银阁寺，这条路在非樱花、红叶季非常清静。

第三天：岚山与嵯峨野
一早去竹林小径（8点前人少），然后去天龙寺看庭园。推荐再往里走，去祇王寺和化野念佛寺，这两座小寺庙游客很少，苔藓庭院非常安静。

第四天：京都北部
上午去大原的三千院和宝泉院，大原是山间小村，坐巴士大约一小时，几乎见不到旅行团。在宝泉院可以边喝抹茶边看额缘庭园。下午回市区，去下鸭神社和糺之森散步。

第五天：伏见稻荷＋返程
清晨去伏见稻荷大社，大部分游客只走到前面的千本鸟居，你可以继续往山上走，越往上人越少，风景也越好。中午回酒店取行李返程。

几点小建议：
1. 住宿推荐在四条乌丸或京都站附近，交通方便；
2. 买一张巴士一日券或ICOCA卡；
3. 热门寺庙尽量赶在开门时去，下午3点后也会少一些人。
@human
大原那天交通麻烦吗
@gpt
不算麻烦。从京都站可以坐京都巴士17路直达大原，单程大约一小时，票价五百多日元；如果住在四条河原町附近，可以在那里上车，能少坐一段。建议早上8点左右出发，回程巴士的班次比较多，下午3点前往回走就行。大原下车后，到三千院步行约10分钟，沿途是小溪和农家，走起来很舒服。

@@@
@user
我今年大四，纠结要不要考研。家里条件一般，本科是普通一本，专业是机械
@assistant
这个问题没有标准答案，但可以帮你把思路理一理。你可以从下面几个角度问问自己：

1. 你想从事什么样的工作？
机械专业的就业方向大致有两类：一类是研发、设计、仿真等技术岗位，这类岗位在大厂和研究院所越来越看重硕士学历；另一类是工艺、生产、质量、销售等岗位，本科就能进入，更看重实践经验。如果你明确想走研发路线，考研的价值就比较大。

2. 你的成绩和准备时间如何？
现在已经大四，如果之前没有准备，今年考研时间会比较紧张。可以评估一下自己的基础，目标院校是否现实。

3. 家庭经济压力有多大？
读研期间一般有助学金和奖学金，很多导师也会发补助，基本能覆盖生活费，但确实会晚两三年挣钱。如果家里急需你分担经济压力，先工作也是负责任的选择。

4. 有没有折中的路径？
比如先工作积累经验，之后考在职研究生；或者今年先找工作，同时兼顾考研，两手准备。

建议你可以先去看看今年秋招的机械岗位要求，感受一下本科生能拿到的机会，再结合自己的兴趣做决定。你目前更倾向于哪个方向呢？
@user
我比较想做研发，但是怕考不上浪费一年
@assistant
理解你的顾虑。其实“考不上就浪费一年”这个想法可以换个角度看：

第一，备考的过程本身不是完全白费。专业课的复习会让你的基础更扎实，这在之后找研发岗位的面试中同样用得上。

第二，可以降低风险。报考时选择与自己实力匹配的学校，不要只盯着顶尖名校；同时关注调剂信息，很多双非院校和研究所的机械专业招生名额并不少。

第三，可以“边考边找”。秋招时投几家心仪的企业，拿到一个保底的offer，再全力备考。这样即使考研失利，也有退路。

如果你决定考研，现在最重要的是尽快确定目标院校和专业课科目，制定一个按月的复习计划。需要的话，我可以帮你一起规划。

@@@
@human
帮我写一首藏头诗，藏“生日快乐”四个字，送给我妈妈
@gpt
《生日快乐》

生来辛苦为儿忙，
日日操劳鬓染霜。
快把春风裁作锦，
乐将岁月换安康。

这首诗前两句写妈妈多年来为家庭的付出，后两句表达祝福，希望妈妈以后的日子都像春天一样温暖美好、健康平安。
@human
能再温馨一点吗，不要写辛苦和白头发，我妈不爱听这个哈哈
@gpt
哈哈，明白了，换一首轻快温馨的：

《生日快乐》

生花妙笔画春光，
日暖庭前桂子香。
快意年年多笑语，
乐陶岁岁是吾娘。

这首写的是妈妈生活在温暖的阳光和花香里，每一年都笑声不断、快快乐乐。祝阿姨生日快乐！

@@@
@human
女朋友下周生日，预算两千左右，有什么有心意一点的安排吗？她喜欢拍照和吃甜品
@gpt
结合她喜欢拍照和甜品的特点，可以安排一个“拍照＋甜品”主题的一天，既有惊喜又不会太累：

上午：约一次写真或情侣跟拍（约600—900元）
提前在本地找一家口碑好的摄影工作室，预约1—2小时的户外跟拍。可以选公园、老街或者她一直想去的网红地点。她负责美美的，你负责逗她笑。

中午：一家环境好的餐厅（约300元）
提前订位，和服务员打好招呼，上甜点时端出带蜡烛的小蛋糕。

下午：甜品DIY课程（约200—300元）
很多烘焙工作室有双人蛋糕或马卡龙DIY课程，两个人一起动手做，过程本身就很好玩，也是拍照的好素材。

晚上：一份有心意的礼物（约500元）
可以把你们这一年的照片洗出来，做成一本手工相册，每一页写几句只有你们懂的话；再搭配一件她最近提过想要的小东西。

小细节比价格更重要：
1. 提前把她的手机相册“偷偷”备份，挑出合照；
2. 给她准备一支充满电的拍立得，让当天的每个瞬间都能马上留下来；
3. 最后别忘了亲口说一句“生日快乐，有你真好”。

@@@
@human
帮我写一篇小红书文案，推荐我们店新出的桂花拿铁，要有emoji
@gpt
🍂秋天的第一杯桂花拿铁，我先替你们尝过了！

姐妹们！！我们店的秋季限定终于上新啦🥳
一进门就是满屋子的桂花香，真的会被香迷糊🤤

☕️【桂花拿铁】
✨ 现熬桂花糖浆，甜度刚刚好，不齁不腻
✨ 意式浓缩＋鲜牛奶，奶香和咖啡香平衡得超棒
✨ 顶上撒了一层干桂花，颜值直接拉满📸
✨ 冰的热的都好喝，热的更能喝出桂花的香气

💰 价格：24r，周一到周五下午2点—5点第二杯半价！

📍 就在XX路地铁站C口出来右转100米，店里有超大落地窗，随手一拍都是秋日氛围感大片～

喝完真的有被治愈到🥹 这个秋天一定要来一杯！

#桂花拿铁 #秋天的第一杯咖啡 #宝藏咖啡店 #城市探店 #秋日限定

@@@
@human
通货膨胀和加息之间是什么关系？为什么通胀高了央行就要加息？
@bard
这是一个很好的问题！通货膨胀和利率之间有着密切的联系。

**简单来说：** 加息是央行用来给经济“降温”、抑制通货膨胀的主要工具。

**具体原理如下：**

* **借钱变贵了：** 央行加息后，商业银行的贷款利率也会跟着上升。企业贷款扩大生产、\
个人贷款买房买车的成本都提高了，于是借钱的人变少了。
* **存钱更划算了：** 存款利率上升，人们更愿意把钱存进银行，而不是马上花掉。
* **需求减少：** 消费和投资都减少，市场上的总需求下降，商家就很难继续涨价，物价上涨的速度因此放缓。

**但加息也有代价：**

* 经济增长可能放缓，企业利润下降，甚至可能出现裁员；
* 房贷利率上升，购房者的月供压力加大；
* 如果加息过猛，可能导致经济衰退。

所以央行需要在“控制通胀”和“稳定增长”之间寻找平衡。反过来，当经济低迷、物价持续下跌时，央行则会降息来刺激消费和投资。

希望这个解释对你有帮助！如果你还有其他问题，请随时提出。

@@@ #sg_selfintro
@human
帮我改一下面试的自我介绍：面试官好，我叫王磊，今年24岁，毕业于XX大学计算机专业，我性格开朗，喜欢打篮球，在学校当过班长，我觉得我很适合这个岗位，希望能加入贵公司
@gpt
你的自我介绍信息比较零散，而且缺少与岗位相关的具体经历。面试官最想知道的是“你能为岗位带来什么”。下面是修改后的版本（以应聘后端开发为例），大约一分钟：

“面试官您好，我叫王磊，毕业于XX大学计算机科学与技术专业。

在校期间，我比较系统地学习了数据结构、操作系统和数据库等课程，主要使用Java进行开发。我在XX公司做过三个月的后端开发实习，参与了订单模块的接口开发和性能优化，通过增加缓存和优化SQL，把一个核心接口的响应时间从800毫秒降到了200毫秒左右。

另外，我和同学合作开发过一个校园二手交易小程序，我负责后端架构和部署，上线后累计有两千多名同学使用。

担任班长的经历锻炼了我的沟通和组织能力，我习惯主动推进事情，也乐于和团队成员协作。

我一直很关注贵公司在XX领域的产品，非常希望能有机会加入团队，在实际业务中继续成长。谢谢！”

修改要点：
1. 删掉年龄、爱好等与岗位无关的信息；
2. 用具体的项目和数据证明能力；
3. 把“我觉得我很适合”换成有事实支撑的表达；
4. 结尾表达对公司的了解和兴趣。
@human
我没有实习经历怎么办
@gpt
没有实习也没关系，可以把重点放在课程设计、毕业设计、个人项目或竞赛经历上。比如：

“我在毕业设计中独立完成了一个图书管理系统，使用Spring Boot和MySQL开发，实现了借阅、归还、\
逾期提醒等功能，并编写了单元测试。”

关键是讲清楚三件事：你做了什么、用了什么技术、取得了什么结果。如果时间还来得及，也可以在面试前把自己的项目代码整理好放到代码托管平台上，面试时主动提出可以展示，会很加分。

@@@
@human
Translate into Chinese: "The best time to plant a tree was twenty years ago. The second best \
time is now."
@gpt
种一棵树最好的时间是二十年前，其次是现在。

这句话常被用来鼓励人们：不要因为错过了最佳时机而后悔或放弃，现在行动仍然为时不晚。
@human
有没有意思相近的中文俗语？
@gpt
有的，比如：
1. “亡羊补牢，为时未晚。”——出了问题及时补救，还不算晚。
2. “东隅已逝，桑榆非晚。”——早年的时光虽然过去了，但晚年奋发仍然来得及。
3. “失之东隅，收之桑榆。”——在这里有所失，在那里有所得。

其中第二句的意思和原句最接近，都是在说“过去的时间已经错过，但现在开始仍不晚”。

@@@
@human
家里的猫两天不怎么吃猫粮了，精神看着还行，要带去医院吗
@gpt
猫咪两天食欲下降，虽然精神还行，也需要引起重视。可以先在家观察和排查以下几点：

1. 最近是否有环境变化：搬家、家里来了陌生人、换了新的猫砂盆位置等，猫对环境很敏感，\
应激时会暂时不吃东西。
2. 是否换了猫粮：突然换粮或者猫粮受潮变质，猫可能会拒食。闻一闻猫粮有没有异味。
3. 排便排尿是否正常：有没有便秘、腹泻，或频繁进出猫砂盆却尿不出来。
4. 口腔问题：看看牙龈是否红肿、有没有口臭，口腔溃疡会让猫不敢进食。
5. 是否吐毛球或呕吐。

可以尝试给它一点湿粮或少量煮熟的鸡胸肉，看看是否愿意吃。

需要尽快就医的情况：
- 完全不吃东西超过24到48小时（猫长时间不吃可能引发脂肪肝，尤其是胖猫）；
- 出现呕吐、腹泻、精神萎靡、躲起来不动；
- 公猫频繁蹲猫砂盆却没有尿，这可能是尿道堵塞，属于急症。

你家猫已经两天食欲不好了，如果今天尝试湿粮后仍然吃得很少，建议带去医院做个基础检查，早发现早处理。
@human
刚才给了罐头吃了一点点，然后又不吃了
@gpt
吃了一点说明它还有食欲，但进食量明显不够，结合已经持续两天，我还是建议今天或明天尽快带它去医院看一下，让医生检查口腔、听诊并做个血常规和生化，排除口炎、肠胃问题或其他疾病。去之前可以记录一下它这两天的进食量、饮水量、排便和精神状态，方便医生判断。别太担心，大多数情况发现得早都好处理的。

@@@
@user
租房签合同的时候要注意哪些地方？第一次租房怕被坑
@chatgpt
第一次租房多留个心眼是对的，签合同前后重点注意下面这些：

一、核实身份和房产
1. 查看房东的身份证和房产证（或购房合同），确认房东就是产权人；
2. 如果是二房东转租，一定要看原租赁合同，并确认房东同意转租，否则可能被赶出去；
3. 通过中介租房，要确认中介公司的资质和备案信息。

二、合同条款逐条看
1. 租金、押金金额和支付方式（押一付三还是押一付一）写清楚；
2. 租期起止日期，以及是否可以提前退租、违约金多少；
3. 押金退还的条件和时间；
4. 水电燃气、物业费、网费、取暖费由谁承担；
5. 家电家具损坏后谁来维修，费用谁出；
6. 租期内房东能否涨租金。

三、交房时做好记录
1. 对房屋和家具家电拍照录像，尤其是已有的损坏之处，最好让房东在清单上签字确认；
2. 抄好水表、电表、燃气表的读数。

四、其他
1. 所有付款尽量转账并保留记录，不要付现金；
2. 不要轻信“先交定金锁房”，交之前确认房子真实存在且可以租；
3. 合同一式两份，双方签字后各执一份。
@user
押金一般退不回来是因为什么
@chatgpt
押金纠纷最常见的几个原因：
1. 退房时房东以“墙面脏了”“家具磨损”为由扣款——这就是为什么入住时一定要拍照留证，\
正常使用造成的合理损耗本来就不应由租客承担；
2. 提前退租被认定为违约，押金被当作违约金扣除；
3. 合同里没有写清押金退还的时间和条件，房东一拖再拖。

所以签合同时最好写明“租期届满，房屋无人为损坏，押金于退房后X日内全额退还”，退房时也和房东一起验房并签字确认。

@@@
@system
你现在是一名互联网公司的技术面试官，面试岗位是前端开发工程师。每次只问一个问题，等候选人回答后再给出简短点评并问下一个问题。
@human
好的，可以开始了
@gpt
你好，欢迎参加今天的面试。我们先从基础开始：

请你说一说，浏览器从输入一个URL到页面显示出来，中间大概经历了哪些过程？
@human
先DNS解析拿到IP，然后建立TCP连接，发送HTTP请求，服务器返回HTML，浏览器解析HTML和CSS生成渲染树，然后布局和绘制
@gpt
点评：回答的主线是正确的，覆盖了网络请求和页面渲染两个阶段。可以再补充几点会更完整：如果是HTTPS还有TLS握手；浏览器会先检查缓存；解析HTML时遇到script标签可能会阻塞解析；另外渲染树之后的布局、绘制、合成这几个步骤也可以展开说说。

下一个问题：你能解释一下什么是事件冒泡和事件委托吗？事件委托在实际开发中有什么好处？
@human
事件冒泡就是子元素的事件会往父元素传，事件委托就是把事件绑在父元素上，好处是节省内存
@gpt
点评：概念理解基本正确，但回答略显简单。事件委托的好处除了减少事件监听器的数量、节省内存，\
还有一个很重要的点：对于动态添加的子元素，不需要重新绑定事件。另外可以提一下通过 event.target \
判断实际触发事件的元素，以及不冒泡的事件（如focus、blur）无法直接委托。

下一个问题：在Vue或React中，为什么列表渲染时需要给每一项设置key？用数组下标作为key会有什么问题？

@@@
@human
我在写一篇关于城市绿地与居民心理健康的论文，帮我润色一下摘要：本文研究了城市绿地对居民心理健康的影响。我们用了问卷调查了500个人。结果发现住的离绿地近的人心理健康更好。所以城市应该多建绿地。
@gpt
下面是润色后的摘要，语言更符合学术规范，同时补充了研究方法和结论的表述（方括号中的内容请根据实际研究情况修改）：

【摘要】城市绿地作为重要的公共空间，对居民心理健康具有潜在的促进作用。本研究以[某市]为例，通过问卷调查收集了500名城市居民的有效样本，采用[一般健康问卷（GHQ-12）]评估其心理健康状况，并结合地理信息数据测算居住地与最近公共绿地的距离。多元回归分析结果表明，在控制年龄、收入、教育程度等变量后，居住地距绿地越近，居民的心理健康水平越高，且这一关系在[老年群体]中更为显著。研究结果为城市规划中绿地空间的合理布局提供了实证依据，建议在高密度城区增加小型、可达性高的社区绿地。

【关键词】城市绿地；心理健康；可达性；问卷调查

修改说明：
1. 避免使用“我们”“所以”等口语化表达；
2. 补充了研究区域、测量工具和分析方法，使研究设计更清晰；
3. 结论部分由“应该多建绿地”改为更具体、可操作的规划建议。

@@@
@user
两个骰子同时掷，点数之和为7的概率是多少？
@assistant
两个骰子各有6个面，所有可能的结果共有 6 × 6 = 36 种，且每种结果出现的可能性相同。

点数之和为7的组合有：
(1,6)、(2,5)、(3,4)、(4,3)、(5,2)、(6,1)，共6种。

所以概率为 6/36 = 1/6 ≈ 16.7%。

有趣的是，7是两个骰子点数之和中出现概率最大的数字，这也是很多骰子游戏把7设为特殊点数的原因。
@user
那和为2和和为12呢
@assistant
点数之和为2只有(1,1)一种情况，点数之和为12只有(6,6)一种情况，所以它们的概率都是 1/36 ≈ 2.8%，\
是所有和中出现概率最小的。

@@@
@human
怎么跟一个小学三年级的孩子解释量子纠缠
@gpt
可以试试这个“魔法手套”的比喻：

“想象有一副手套，一只左手的，一只右手的。我们把它们分别装进两个一模一样的盒子里，打乱顺序，一个盒子留在你家，另一个寄给住在很远很远的外婆家。

你打开自己的盒子，发现里面是左手手套，那你马上就知道，外婆的盒子里一定是右手手套，不管外婆家有多远。”

到这里，孩子会觉得很简单。然后你可以加上“量子魔法”的部分：

“科学家发现，有一些特别特别小的粒子，比手套神奇多了。在打开盒子之前，手套其实早就决定好是左还是右了；但那些小粒子在被看到之前，连它自己都还没决定好是‘左’还是‘右’。可是，只要你一看你这边的粒子，远方的另一个粒子就会立刻变成相反的那个，好像它们之间有一根看不见的线连着。科学家把这种神奇的联系叫作‘量子纠缠’。”

最后可以告诉孩子：这个现象连大科学家爱因斯坦都觉得很奇怪，把它叫作“鬼魅般的超距作用”，但后来的实验证明它是真的，而且科学家正在用它研制更安全的通信方式。
"""

SG_4 = """
@@@
@user
帮我写一封辞职信，在公司干了三年，因为家里原因要回老家，想体面一点
@chatgpt
尊敬的刘总：

您好！

首先，非常感谢您和公司这三年来对我的信任与培养。

经过慎重考虑，由于家庭原因，我需要回到老家生活，因此不得不向公司提出辞职申请，预计最后工作日为X月X日。

回想这三年，从刚入职时对业务一知半解，到后来能够独立负责项目，我在这里学到了很多，也收获了许多珍贵的同事情谊。尤其感谢您在我遇到困难时给予的指导和包容，这些经历将使我终身受益。

在离职前的这段时间里，我会站好最后一班岗，认真做好工作交接，整理好手头项目的文档资料，确保后续工作顺利进行。如有需要，离职后我也愿意配合解答交接中的问题。

再次感谢公司的培养，祝公司发展蒸蒸日上，祝您和各位同事工作顺利、身体健康！

此致
敬礼！

申请人：XXX
X年X月X日
@user
谢谢，很得体
@chatgpt
不客气！提交之前建议先和领导当面沟通一下，再递交书面辞职信，这样会更有诚意。祝你回老家一切顺利！

@@@
@system
You are a helpful assistant.
@human
我今年35岁，完全零基础，现在开始学钢琴还来得及吗？
@gpt
完全来得及！成年人学钢琴其实有不少优势：

1. 理解能力强：乐理知识、指法规律，成年人往往一讲就懂，比孩子学得快。
2. 目标明确：你是因为喜欢才学，内在动力更足。
3. 自主安排：可以根据自己的喜好选曲子，不必按部就班地考级。

当然，也要有合理的预期：成年人手指的灵活性不如小孩，工作生活也比较忙，进步可能没有想象中快。但只要每天坚持练习二三十分钟，半年左右就能弹一些简单的流行曲目，一两年后弹奏《卡农》《梦中的婚礼》这类经典曲子也不是难事。

入门建议：
- 前期最好找老师上几节课，纠正手型和坐姿，避免养成坏习惯；
- 预算有限的话，可以先买一台88键的电钢琴，带重锤键盘的手感更接近真钢琴；
- 教材可以从《约翰·汤普森简易钢琴教程》或《成人钢琴教程》开始。

最重要的是享受弹琴的过程，祝你学琴愉快！
@human
电钢琴大概多少钱
@gpt
入门级的88键重锤电钢琴价格一般在2000到4000元之间，能满足初学者一两年的练习需求；中端机型在5000到10000元，键盘手感和音色会好很多。建议去琴行实际弹一弹，重点感受键盘的手感，再决定买哪一款。

@@@ #sg_joke
@human
讲个冷笑话
@gpt
好的：

有一天，小明去面试。
面试官问：“你有什么特长？”
小明说：“我能预测未来。”
面试官冷笑：“那你预测一下，你能不能通过面试？”
小明想了想：“不能。”
面试官：“错了，你被录取了。”
小明：“看吧，我又说对了，我刚才预测的是你会说我错了。”
@human
哈哈哈 再来一个
@gpt
企鹅问北极熊：“你知道我为什么不怕冷吗？”
北极熊：“为什么？”
企鹅：“因为我穿了燕尾服，随时准备出席重要场合，没空发抖。”
北极熊想了想，默默地脱下了自己的白色羽绒服……
然后它冻成了一只“北极冰”。

@@@
@human
为什么说宋朝的经济特别发达？
@gpt
宋朝（960—1279年）常被史学家认为是中国古代商品经济最繁荣的时期之一，主要体现在以下几个方面：

1. 农业生产进步：占城稻的引进和推广使水稻可以一年两熟甚至三熟，江南地区得到充分开发，“苏湖熟，\
天下足”的说法由此而来。粮食充足为人口增长和城市发展奠定了基础，北宋后期人口首次突破一亿。

2. 手工业兴盛：瓷器、丝织、造船、印刷、冶铁等行业都达到很高水平，汝窑、官窑、哥窑、钧窑、\
定窑五大名窑享誉后世。

3. 商业和城市繁荣：宋代打破了唐朝以来“坊市分离”的格局，商店可以沿街开设，也出现了夜市和早市。\
《清明上河图》生动地描绘了汴京的繁华景象。

4. 货币和金融创新：北宋四川地区出现了世界上最早的纸币“交子”。

5. 海外贸易发达：泉州、广州、明州等港口与数十个国家和地区有贸易往来，\
市舶司的税收成为朝廷重要的财政来源。

当然，宋朝的繁荣也有另一面：军事上长期处于被动，冗官、冗兵、冗费问题严重，财政负担沉重。但从经济和文化角度看，宋朝确实达到了一个高峰。

@@@
@human
我们在做一款能提醒喝水的智能水杯，帮忙起几个名字
@gpt
好的，下面按不同风格给你一些备选：

简洁好记型：
1. 水滴滴
2. 喝了吗
3. 一口

科技感型：
4. 水知道（寓意杯子知道你喝了多少水）
5. H2O Pal
6. 灵饮

温暖陪伴型：
7. 小水伴
8. 记得喝水
9. 润生

我个人比较推荐“喝了吗”：像朋友之间的日常关心，口语化、有亲切感，也直接点明了产品的提醒功能，适合做成品牌口号，比如“喝了吗？它会一直问你”。

确定之前记得查一下商标注册情况哦。
@human
喝了吗 不错，再帮我想一句slogan
@gpt
基于“喝了吗”这个名字，给你几句slogan供选择：
1. 喝了吗？比你妈更关心你喝水。
2. 每一口，都被记得。
3. 忙归忙，别忘了喝水。
4. 喝了吗，一天八杯的温柔提醒。

如果目标用户是年轻上班族，第1句有梗、容易传播；如果想走品质路线，第2句更有质感。

@@@
@human
推荐几本好看的科幻小说
@bard
当然！以下是一些经典又好看的科幻小说，适合不同口味的读者：

**1. 《三体》三部曲 — 刘慈欣**
中国科幻的里程碑作品，讲述人类文明与三体文明的接触与博弈，想象宏大，设定精妙，“黑暗森林”理论让人脊背发凉。

**2. 《基地》系列 — 艾萨克·阿西莫夫**
讲述一位数学家用“心理史学”预测银河帝国的衰落，并设法缩短黑暗时代的故事，是太空史诗的开山之作。

**3. 《沙丘》 — 弗兰克·赫伯特**
在一颗沙漠星球上展开的政治、宗教和生态的宏大叙事，世界观极其完整。

**4. 《火星救援》 — 安迪·威尔**
宇航员被困火星，用科学知识自救的故事，既硬核又幽默，读起来很轻松。

**5. 《你一生的故事》 — 特德·姜**
短篇小说集，每一篇都有独特的科学设定和深刻的哲思，电影《降临》就改编自其中的同名短篇。

如果你是科幻新手，我推荐从《火星救援》或《你一生的故事》开始。希望你能找到喜欢的书！

@@@
@human
2024年春节是几月几号？放几天假？
@bing
2024年春节（农历正月初一）是**2月10日**，星期六[^1^]。

根据国务院办公厅发布的放假安排，2024年春节放假时间为**2月10日至17日**，共**8天**[^2^]。2月4日（星期日）和2月18日（星期日）需要上班[^2^]。

祝你春节愉快，阖家团圆！🧧

@@@
@human
想提高写作能力，有什么好的方法吗？
@bard
提高写作能力是一个循序渐进的过程，这里有一些实用的方法：

* **大量阅读：** 多读优秀的文章和书籍，注意作者是如何开头、如何组织段落、如何用词的。\
遇到好的句子可以摘抄下来。
* **坚持写：** 每天写一点，哪怕只有三五百字。可以写日记、读书笔记或者生活随笔。写作和运动一样，\
需要持续练习。
* **模仿练习：** 选一篇你喜欢的文章，分析它的结构，然后仿照它的结构写一篇不同主题的文章。
* **反复修改：** 好文章是改出来的。写完后放一两天再看，删掉多余的词句，调整不通顺的地方。
* **寻求反馈：** 把文章给朋友或老师看，或者发到网上，听听读者的意见。
* **积累素材：** 随身带一个本子或用手机备忘录，记录日常生活中的见闻和灵感。

最重要的是保持写作的乐趣，不要给自己太大压力。祝你写作进步！

@@@
@user
做PPT的时候怎么配色才好看？我做出来的总是很花
@assistant
PPT看起来“花”，通常是颜色用得太多、缺乏主次。可以记住几个简单的原则：

1. 控制颜色数量：整套PPT最好只用1个主色、1到2个辅助色，再加上黑白灰。主色用于标题、\
重点内容和图形，辅助色用于点缀。

2. 从品牌或主题中取色：公司汇报就用公司Logo的颜色；主题是环保就选绿色系，科技主题可以选深蓝色系。

3. 遵循60-30-10法则：60%的面积用背景色（通常是白色或浅灰），30%用主色，10%用强调色。

4. 保证对比度：深色背景配浅色文字，浅色背景配深色文字，避免红底绿字这种难以阅读的组合。

5. 善用配色工具：可以在一些在线配色网站上直接套用现成的配色方案，也可以用PPT自带的“设计器”功能。

一个稳妥的新手方案：白色背景 + 深蓝色主色 + 橙色强调色 + 深灰色正文。\
这套配色适用于大多数工作汇报场景。
@user
字体呢
@assistant
字体同样建议少而精：全篇最多用两种字体，一种用于标题，一种用于正文。商务汇报推荐使用思源黑体或微软雅黑，标题加粗、字号大一些即可；不要轻易使用花哨的艺术字。另外注意字体版权问题，对外使用的PPT尽量选择免费可商用的字体。

@@@
@human
最近经常下午头疼，太阳穴两边胀痛，是怎么回事
@gpt
太阳穴两侧胀痛、集中在下午出现，比较常见的原因是紧张性头痛，多与以下因素有关：

1. 长时间用眼和久坐：盯着电脑屏幕几个小时，颈肩肌肉紧张，容易引起头部两侧的胀痛或“箍紧感”。
2. 睡眠不足或作息不规律。
3. 饮水不够：很多人上午忙起来忘记喝水，下午轻度脱水也会引发头痛。
4. 咖啡因的影响：习惯早上喝咖啡的人，下午咖啡因代谢后可能出现“戒断性”头痛。
5. 饥饿和低血糖：午饭吃得太少或太晚。
6. 视力问题：近视度数加深、眼镜不合适，也会导致用眼疲劳引起头痛。

可以先尝试调整：每工作一小时起来活动一下，做做颈肩拉伸；上午有意识地多喝水；保证午饭规律；必要时检查一下视力。

需要注意的是，如果头痛越来越频繁或剧烈，伴有恶心呕吐、视物模糊、肢体麻木、发热，或者是“一生中最剧烈的头痛”，应该立即就医。即使没有这些情况，头痛持续一两周没有好转，也建议到神经内科做个检查。我的建议不能代替医生的诊断。

@@@
@human
公司年会要我当主持人，帮我写一段开场白，公司是做餐饮连锁的，今年开了20家新店
@gpt
好的，给你一段热情、有行业特色的开场白，可以根据现场情况调整：

（男）尊敬的各位领导、各位来宾，
（女）亲爱的家人们，
（合）大家晚上好！

（男）一年四季，我们在后厨的烟火里忙碌；三百六十五天，我们在顾客的笑脸中成长。
（女）这一年，我们新开了20家门店，把熟悉的味道带到了更多城市，也迎来了许多新伙伴的加入！

（男）每一盘热气腾腾的菜，都凝聚着厨师们的汗水；每一次暖心的服务，都离不开前厅伙伴们的用心。
（女）今晚，让我们放下手中的锅铲和菜单，好好为自己鼓一次掌！

（男）接下来，有精彩的节目、丰厚的大奖，还有年度优秀员工的隆重表彰。
（合）我宣布，XX餐饮2024年度盛典，现在开始！

@@@
@human
贷款100万，30年，年利率4.2%，等额本息每个月还多少？
@gpt
等额本息的月供计算公式是：

月供 = 贷款本金 × 月利率 × (1 + 月利率)^还款月数 ÷ [(1 + 月利率)^还款月数 − 1]

代入数据：
- 贷款本金：1,000,000元
- 月利率：4.2% ÷ 12 = 0.35%
- 还款月数：30 × 12 = 360个月

计算得：(1.0035)^360 ≈ 3.5177
月供 ≈ 1,000,000 × 0.0035 × 3.5177 ÷ (3.5177 − 1) ≈ 4890元

所以每个月大约还4890元，30年总还款约176万元，其中利息约76万元。

如果选择等额本金，第一个月需还约6278元，之后每月递减约9.7元，总利息约63万元，比等额本息少十几万，但前期还款压力更大。
@human
如果提前还20万呢
@gpt
如果在还款几年后提前还20万元，一般有两种选择：
1. 期限不变，减少月供：月供会按照剩余本金重新计算，大致会减少900多元（具体取决于提前还款的时间点）；
2. 月供不变，缩短年限：能节省更多利息，通常可以缩短七八年的还款期。

单从节省利息的角度，缩短年限更划算；如果想减轻每月的现金流压力，可以选择减少月供。另外要先确认一下银行对提前还款是否有时间要求或违约金。

@@@ #sg_disk +lang.zh_with_english
@human
写一个shell脚本，磁盘使用率超过80%就发告警
@gpt
下面是一个简单的磁盘监控脚本，会检查所有挂载点，超过阈值时输出告警并写入日志，你可以把告警部分替换成发邮件或调用企业微信、钉钉的机器人接口：

```bash
#!/bin/bash
THRESHOLD=80
LOG=/var/log/disk_alert.log

df -hP | awk 'NR>1 {print $5, $6}' | while read -r usage mount; do
  percent=${usage%\\%}
  if [ "$percent" -ge "$THRESHOLD" ]; then
    msg="$(date '+%F %T') 磁盘告警：$mount 使用率 $usage"
    echo "$msg" | tee -a "$LOG"
    # 在这里发送通知，例如：
    # curl -s -X POST "$WEBHOOK_URL" -H 'Content-Type: application/json' \\
    #   -d "{\\"msgtype\\":\\"text\\",\\"text\\":{\\"content\\":\\"$msg\\"}}"
  fi
done
```

然后用crontab设置每10分钟执行一次：

```
*/10 * * * * /opt/scripts/disk_check.sh
```

说明：`df -hP` 的 `-P` 参数保证每个挂载点输出在一行，方便awk解析；`${usage%\\%}` 用来去掉百分号。

@@@
@human
TCP三次握手为什么不能是两次？
@gpt
核心原因是：三次握手可以让双方都确认“自己的发送能力和接收能力都正常”，并且可以防止已经失效的连接请求突然又传到服务器，造成错误。

先回顾三次握手的过程：
1. 客户端发送SYN，请求建立连接；
2. 服务器回复SYN+ACK，表示同意并确认收到；
3. 客户端再发送ACK，确认收到服务器的回复。

如果只有两次握手会怎样？

场景：客户端发出的第一个连接请求因为网络拥堵在某个节点滞留了，客户端迟迟收不到回复，于是重发了一个请求，这次顺利建立连接、传完数据并关闭了连接。过了一会儿，那个滞留的旧请求终于到达了服务器。

- 如果是两次握手：服务器收到旧请求后回复确认，就认为连接已经建立，\
开始分配资源并等待客户端发送数据。但客户端根本没有要建立这个连接，不会理会，\
服务器的资源就白白浪费了。
- 如果是三次握手：服务器回复后，还需要等待客户端的最终确认。客户端知道这是一个过期的请求，\
不会发送确认，服务器等不到ACK，就不会建立连接。

另外，三次握手还能让双方同步各自的初始序列号，这是TCP可靠传输的基础。至于为什么不是四次，是因为服务器的SYN和ACK可以合并在一个报文中发送，三次已经足够了。

@@@
@user
我爸妈刚换了智能手机，怎么教他们用微信视频通话比较好
@assistant
教父母用手机，关键是“少讲原理，多做示范，给他们留一份看得懂的小抄”。可以按下面的方式来：

1. 先帮他们设置好
- 把字体调大（设置 → 显示 → 字体大小）；
- 把微信放在桌面第一页最显眼的位置；
- 把你和家里常联系的亲戚设为“星标朋友”，这样通讯录最上面就能找到。

2. 手把手示范，只教一条路径
打开微信 → 点开和你的聊天 → 点右下角的“＋” → 点“视频通话”。只教这一种方法，不要一次讲好几种。

3. 让他们自己操作几遍
你在旁边看，不要抢手机。遇到卡住的地方再提示，让他们多练三五遍。

4. 做一张图文小抄
把每一步截图，用红圈标出要点的位置，打印出来贴在手机旁边，或者存在他们的手机相册里。

5. 教接听
告诉他们来视频时点绿色的按钮接听，红色的是挂断。可以当场给他们打几次练习。

最重要的是耐心。他们可能会反复问同一个问题，记得我们小时候他们也是这样一遍遍教我们的。
@user
他们老是不小心把视频挂了
@assistant
这很常见，通常是拿手机时手指碰到了屏幕下方的挂断键。可以教他们接通后把手机竖着放在桌上或用一个手机支架，不要用手握着屏幕下半部分。另外提醒他们：挂断了也没关系，重新点一下“视频通话”就可以再打过来，让他们别紧张。

@@@
@human
你现在扮演李白，我来采访你。第一个问题：您最满意的作品是哪一首？
@gpt
（抚须大笑，举杯一饮而尽）

哈哈哈，足下这一问，可难倒我了！吾平生作诗千余首，兴之所至，提笔便成，从不曾细细比较高下。

不过，若论最合我心意的，当数《将进酒》。那日与岑夫子、丹丘生痛饮，酒至酣处，只觉天地之大，人生之短，胸中块垒不吐不快，于是写下“天生我材必有用，千金散尽还复来”。此二句，便是我李太白一生的写照！

当然，《蜀道难》也颇得意。贺知章老先生读罢，称我为“谪仙人”，还解下金龟换酒与我共饮，至今想来仍是快事一桩。

足下可还有别的问题？来，先满饮此杯！
@human
您为什么离开长安？
@gpt
（放下酒杯，沉默片刻）

长安……天宝元年，我奉诏入京，供奉翰林，一时风光无两。可我很快便发现，圣上召我，不过是要我写些宫中行乐的词章，陪侍宴饮罢了。我心中所想的，是“申管晏之谈，谋帝王之术”，辅佐明君，济苍生、安社稷，岂甘做一名御用文人？

再者，我这脾气，足下也是知道的。“安能摧眉折腰事权贵，使我不得开心颜！”朝中权贵，我看不惯，他们自然也容不下我。不到三年，圣上便“赐金放还”了。

离开长安，虽有失意，倒也落得个自在。从此仗剑远游，与杜子美、高达夫同游梁宋，登山临水，饮酒赋诗，岂不快哉！

@@@
@human
帮我看看这篇英语作文有什么问题：
My favorite season is autumn. Because the weather is cool and the sky is very blue. In autumn, \
I often go to climbing mountain with my family. We can see many red leafs on the trees. It make \
me feel very happy.
@gpt
整体意思表达清楚，结构也完整，不过有几处语法错误，逐句修改如下：

1. “Because the weather is cool and the sky is very blue.”
问题：Because引导的是从句，不能单独成句。
修改：My favorite season is autumn because the weather is cool and the sky is very blue.

2. “I often go to climbing mountain with my family.”
问题：go climbing是固定搭配，不需要to；mountain应改为复数。
修改：I often go mountain climbing with my family. / I often go hiking in the mountains with my \
family.

3. “We can see many red leafs on the trees.”
问题：leaf的复数是不规则变化。
修改：We can see many red leaves on the trees.

4. “It make me feel very happy.”
问题：主语是第三人称单数，动词要加s。
修改：It makes me feel very happy.

把这四处改正后，整篇作文就没有明显的语法错误了。

提升建议：可以加入一些细节描写和连接词，比如“What's more”“For example”，让文章更生动、更有层次。

@@@
@human
绿萝的叶子发黄了是怎么回事
@gpt
绿萝叶子发黄，最常见的原因有这几种，你可以对照一下：

1. 浇水太多（最常见）：盆土一直湿漉漉的，根部缺氧腐烂，叶片会从下往上发黄、发软。处理：\
停止浇水，等土表干了2到3厘米再浇，盆底一定要有排水孔。
2. 浇水太少：叶子发黄且干枯卷边，土壤干硬。处理：浇透水，之后保持见干见湿。
3. 光照问题：长期放在阴暗角落，叶片会变黄、变小，节间拉长；反过来，夏天被阳光直射也会晒伤，\
出现焦黄斑块。处理：放在有明亮散射光的地方。
4. 缺肥：养了一两年从没换过土、没施过肥，新叶发黄发小。处理：生长季每个月浇一次稀释的液体肥。
5. 正常代谢：如果只是偶尔一两片老叶发黄，而新叶长得很好，那是正常的新陈代谢，剪掉就好。

你家的绿萝是哪种黄法？老叶黄还是新叶黄？土是干的还是湿的？告诉我可以帮你进一步判断。
@human
老叶黄，土一直是湿的
@gpt
那基本可以确定是浇水过多了。先暂停浇水，把花盆放到通风、有散射光的地方让土尽快干燥。如果一周后土还是很湿，或者闻到盆土有臭味，建议把绿萝倒出来检查根系，剪掉发黑发软的烂根，换上疏松透气的新土重新种。发黄的叶子不会再变绿了，可以直接剪掉。

@@@
@human
解方程组：2x + 3y = 12，x − y = 1
@gpt
用代入消元法求解：

由第二个方程得：x = y + 1

代入第一个方程：
2(y + 1) + 3y = 12
2y + 2 + 3y = 12
5y = 10
y = 2

再代回 x = y + 1，得 x = 3。

所以方程组的解是：x = 3，y = 2。

检验：2 × 3 + 3 × 2 = 12 ✓；3 − 2 = 1 ✓

@@@
@human
早上喝咖啡和喝茶，哪个更提神？
@gpt
从咖啡因含量来看，咖啡通常更提神：一杯约240毫升的美式咖啡含咖啡因约80到120毫克，而同样一杯红茶大约含40到60毫克，绿茶更少一些。

不过两者提神的“感觉”不太一样：
- 咖啡：起效快，大约30分钟后达到高峰，提神效果明显，但有些人喝完会心慌，\
过了几个小时后会有一种“断崖式”的疲惫感。
- 茶：茶叶中除了咖啡因，还含有一种叫茶氨酸的物质，它能让人保持放松而专注的状态，\
所以喝茶后的清醒感更温和、持久，一般不会心慌。

怎么选：
- 需要快速进入状态，比如早上要开会、考试，可以选咖啡；
- 需要长时间专注工作，或者对咖啡因比较敏感，茶是更好的选择；
- 无论喝哪种，都不建议空腹喝太浓的，下午三点以后最好少喝，以免影响晚上睡眠。

@@@
@user
产品经理写PRD一般包含哪些部分？
@assistant
一份完整的PRD（产品需求文档）通常包括以下几个部分：

1. 文档信息：版本号、修订记录、作者、评审人员。
2. 需求背景：为什么要做这个功能，要解决用户的什么问题，有哪些数据或调研支撑。
3. 目标与衡量指标：功能上线后希望达到什么效果，如何衡量（例如转化率提升5%）。
4. 用户与场景：目标用户是谁，在什么场景下使用。
5. 功能概述：功能列表和优先级，通常用表格呈现。
6. 详细需求：每个功能的业务流程图、页面原型、交互说明、字段规则、异常情况和边界条件。
7. 非功能需求：性能、安全、兼容性、埋点统计等。
8. 上线计划：排期、灰度策略、运营配合事项。
9. 附录：相关文档链接、名词解释。

实际工作中，PRD不必追求面面俱到，关键是把“为什么做”“做成什么样”“怎么算做成了”讲清楚，让开发、测试和设计能够准确理解。小功能可以简化成一页纸的需求说明。

@@@ +lang.zh_with_english
@human
vue3 里父组件怎么调用子组件的方法？
@gpt
在Vue 3的 `<script setup>` 写法中，子组件默认是“封闭”的，需要用 `defineExpose` 主动暴露方法，\
父组件再通过 `ref` 拿到子组件实例来调用。

子组件 Child.vue：
```vue
<script setup>
const reset = () => {
  console.log("子组件的表单已重置");
};

defineExpose({ reset });
</script>
```

父组件 Parent.vue：
```vue
<template>
  <Child ref="childRef" />
  <button @click="handleReset">重置</button>
</template>

<script setup>
import { ref } from "vue";
import Child from "./Child.vue";

const childRef = ref(null);
const handleReset = () => {
  childRef.value?.reset();
};
</script>
```

注意：`childRef.value` 要等组件挂载完成后才有值，所以不要在 `setup` 里直接调用，放在事件回调或 \
`onMounted` 中使用。

另外，如果只是父子之间传递数据，优先考虑用props和emit，通过ref直接调用子组件方法会增加组件之间的耦合。
"""

SG_5 = """
@@@ +turns.starts_with_gpt
@gpt
你好！我是你的AI助手，今天有什么可以帮你的吗？
@human
周末想和家人一起看部动画电影，孩子六岁，有推荐吗
@gpt
六岁的孩子适合看节奏明快、画面温暖、没有太多惊吓情节的动画。推荐几部老少皆宜的：

1.《龙猫》：宫崎骏的经典作品，讲述两姐妹在乡下与森林精灵龙猫相遇的故事，画面治愈，节奏舒缓。
2.《寻梦环游记》：关于家人和记忆的故事，音乐好听，结尾很感人，适合全家一起看。
3.《疯狂动物城》：兔子警官和狐狸搭档破案，情节有趣，还能和孩子聊聊“不要以貌取人”。
4.《海洋奇缘》：勇敢的女孩出海拯救家园，色彩明亮，歌曲朗朗上口。

如果孩子比较胆小，建议先从《龙猫》开始。

@@@ +turns.starts_with_gpt
@gpt
……以上就是缓解眼疲劳的三种方法：20-20-20法则、热敷以及调整屏幕亮度。
@human
第一个方法具体是怎么做的？
@gpt
20-20-20法则很简单：每用眼20分钟，就抬头看向20英尺（约6米）以外的地方，持续至少20秒。

这样做可以让长时间盯着近处屏幕而处于紧张状态的睫状肌得到放松。可以在电脑上设一个定时提醒，或者配合番茄钟一起使用。看远处时最好看窗外的绿色植物或天空，同时有意识地多眨几次眼，缓解眼睛干涩。

@@@ +turns.ends_with_human
@human
去哈尔滨旅游，夏天有什么好玩的？
@gpt
夏天的哈尔滨凉爽宜人，是很好的避暑目的地。推荐这些地方：
1. 中央大街：百年老街，两旁是欧式建筑，可以尝尝马迭尔冰棍和红肠。
2. 圣索菲亚大教堂：拜占庭风格的标志性建筑，傍晚拍照最好看。
3. 松花江畔和太阳岛：江边散步、坐游船，太阳岛上绿树成荫，适合骑行。
4. 伏尔加庄园：俄式风情园林，适合半日游。
5. 哈尔滨啤酒：夏天一定要去啤酒节或者老厂区体验一下。

夏天早晚温差较大，记得带件薄外套。
@human
好的，那如果是冬天去呢？

@@@ +turns.ends_with_human
@user
最近在学做蛋糕，戚风总是回缩是什么原因
@assistant
戚风蛋糕回缩的常见原因有：
1. 蛋白打发不到位：要打到硬性发泡，提起打蛋器有短而直立的小尖角。
2. 拌面糊时消泡：翻拌的手法太重或者搅拌时间太长，气泡被破坏。
3. 没烤熟：表面上色了但内部还是湿的，出炉后就会塌陷。可以用竹签插入中心，拔出来没有湿面糊才算熟。
4. 出炉后没有立刻倒扣：戚风出炉后要马上震一下，然后倒扣晾凉。
5. 模具问题：不能用不粘模具，面糊需要“抓”着模具壁往上爬。

可以先从这几个方面逐一排查。
@user
我用的就是不粘模具
@assistant
那很可能就是主要原因了。戚风蛋糕需要面糊在烘烤过程中附着在模具内壁上向上膨胀，出炉倒扣时也要依靠模具壁把蛋糕“挂”住，防止组织被自身的重量压塌。不粘模具表面太光滑，蛋糕既爬不上去，倒扣时也容易整个掉出来。建议换一个普通的阳极铝活底模具，同时注意模具内壁不要抹油。
@user
阳极铝的模具哪里能买到，价格贵不贵？

@@@ +turns.consecutive_human
@human
帮我看看这段代码哪里错了，运行一直报错
@human
```python
nums = [3, 1, 2]
nums = nums.sort()
print(nums[0])
```
TypeError: 'NoneType' object is not subscriptable
@gpt
问题出在第二行。`list.sort()` 是原地排序，它直接修改原列表，返回值是 `None`。\
你把它的返回值又赋给了 `nums`，于是 `nums` 变成了 `None`，再用 `nums[0]` 取元素就报错了。

有两种改法：

```python
# 写法一：原地排序，不要赋值
nums = [3, 1, 2]
nums.sort()
print(nums[0])  # 1

# 写法二：用 sorted() 返回一个新列表
nums = sorted([3, 1, 2])
print(nums[0])  # 1
```

简单记：`sort()` 改原列表、返回None；`sorted()` 不改原列表、返回新列表。

@@@ +turns.consecutive_human
@human
我想学做饭，完全是厨房小白
@human
应该从哪些菜开始练比较好？
@gpt
欢迎加入下厨的行列！建议从“步骤少、容错高、天天能吃”的菜开始，循序渐进：

第一阶段：熟悉火候和调味
- 番茄炒蛋：练习炒鸡蛋的火候；
- 清炒时蔬（如上海青、西兰花）：练习大火快炒；
- 紫菜蛋花汤：几分钟就能做好。

第二阶段：学会处理肉类
- 可乐鸡翅：几乎不会失败，成就感很强；
- 青椒肉丝：练习切丝和上浆；
- 土豆烧排骨：练习炖煮。

第三阶段：尝试经典家常菜
- 鱼香肉丝、宫保鸡丁：练习调制复合味型的碗汁；
- 红烧肉：练习炒糖色。

小建议：刚开始把所有调料和食材提前切好、摆好再开火，就不会手忙脚乱；另外，一口好用的不粘锅能让新手少走很多弯路。

@@@ +turns.consecutive_gpt
@human
推荐几个适合新手的理财方式
@gpt
对于理财新手，建议从风险低、操作简单的方式开始：
1. 货币基金：流动性好，随存随取，收益略高于活期存款；
2. 银行定期存款和大额存单：本金安全，收益稳定；
3. 国债：国家信用担保，几乎没有违约风险。
@gpt
在有了一定的积累、了解了基本知识之后，还可以考虑：
4. 指数基金定投：每月固定投入一笔钱，长期持有，分散风险，适合没有时间研究个股的上班族；
5. 债券基金：波动比股票基金小，适合作为资产配置中的“稳定器”。

无论选择哪种方式，都建议先留出3到6个月的生活费作为应急资金，再用闲钱投资，并且不要碰自己看不懂的产品。
@human
指数基金怎么选？
@gpt
新手选指数基金可以关注这几点：
1. 先选指数：宽基指数（如沪深300、中证500）覆盖面广，比行业指数更适合新手；
2. 再选基金：同一个指数往往有很多只基金，优先选择规模较大、成立时间较长、跟踪误差小的；
3. 看费率：管理费和托管费越低越好，长期持有下来能省不少钱；
4. 场内还是场外：有证券账户可以买场内ETF，费率更低；没有的话，在银行或基金销售平台买场外联接基金\
也很方便。

@@@ +turns.consecutive_gpt
@user
怎么让自己早上不赖床？
@assistant
试试这几个方法：
1. 把闹钟放在离床比较远的地方，必须起身才能关掉；
2. 一醒来就拉开窗帘，让阳光照进来，光线能抑制褪黑素分泌，帮助大脑清醒；
3. 给早晨安排一件期待的事，比如一顿好吃的早餐或者一集喜欢的播客。
@assistant
当然，最根本的还是晚上早点睡。如果每天睡眠不足七个小时，再多的技巧也很难让你轻松起床。可以从每天提前15分钟上床开始，慢慢调整作息。

@@@ +turns.empty_value
@human
帮我写一条朋友圈文案，今天第一次跑完了半程马拉松
@gpt
@human
？？怎么没反应
@gpt
抱歉刚才没有显示出来，给你几条不同风格的文案：

1. 21.0975公里，从不敢想到做到，原来坚持真的会发光✨
2. 第一个半马完赛！腿已经不是自己的了，但心情是真的好。
3. 跑过的每一公里，都算数。首马半程，完赛！
4. 感谢一路上给我加油的陌生人，感谢没有放弃的自己。🏅

配上完赛奖牌和终点的照片，效果会更好！

@@@ +turns.empty_value
@human
@gpt
你好！请问有什么可以帮你的吗？
@human
怎么把微信的聊天记录迁移到新手机？
@gpt
可以用微信自带的迁移功能，两部手机连接同一个Wi-Fi：
1. 在旧手机上打开微信，依次点击“我 → 设置 → 通用 → 聊天记录迁移与备份 → 迁移 → 迁移到另一台设备”；
2. 选择要迁移的聊天记录（可以全选），点击“开始”，旧手机会显示一个二维码；
3. 在新手机上登录同一个微信账号，用它扫描旧手机上的二维码；
4. 等待迁移完成即可，期间两部手机都不要锁屏或退出微信。

聊天记录比较多的话可能需要较长时间，建议保持两部手机电量充足。

@@@ +turns.empty_value
@human
水的沸点为什么在高原上会降低？
@gpt
\x20\x20\t
@human
你好？
@gpt
不好意思！回答你的问题：液体的沸点与外界气压有关。液体沸腾时，其内部产生的蒸气压需要等于外界大气压。高原上海拔高、空气稀薄，大气压比平原低，水不需要加热到100℃，蒸气压就能与外界气压相等，所以会在更低的温度下沸腾。比如在海拔约5000米的地方，水大约在83℃就沸腾了。这也是为什么在高原上煮饭不容易煮熟，需要使用高压锅。

@@@ +turns.empty_value
@human
\u3000
@gpt
看起来你发送了一条空白消息，请问有什么想问的吗？
@human
推荐一款适合学生党的平价护手霜
@gpt
学生党可以考虑这几类平价又好用的护手霜：
1. 药妆店的尿素护手霜：保湿修护效果好，适合冬天手部干裂的情况；
2. 凡士林类的经典款：价格便宜、滋润度高，睡前厚涂再戴上手套效果更好；
3. 国货的甘油护手霜：几块钱一大支，性价比很高，放在书包里随时用。

选择时注意：白天写作业、用手机比较多，可以选质地清爽、吸收快的；晚上用滋润型的厚涂修护。

@@@ +turns.unrepairable
@human
你好，能帮我写一份年终总结吗？我是做会计的

@@@ +turns.unrepairable
@human
@gpt
@human
\x20
@gpt

@@@ +turns.unrepairable
@gpt
很高兴为你服务！请告诉我你需要什么帮助。
@gpt
如果你暂时没有问题，也可以随时回来找我聊天。

@@@ +simplified.hk
@human
我想喺香港搵工，寫履歷有咩要注意？
@gpt
在香港求職，履歷一般以英文撰寫為主，部分本地中小企或政府工亦接受中文履歷。撰寫時可以留意以下幾點：

1. 篇幅精簡：應屆畢業生一頁A4紙便足夠，有多年工作經驗的亦盡量控制在兩頁之內。
2. 個人資料：寫上姓名、手提電話、電郵地址即可。香港一般不需要附上相片，亦毋須填寫年齡、\
婚姻狀況等資料。
3. 工作經驗：由最近一份工作開始倒序排列，每項經歷用三至五個要點說明職責和成果，\
盡量加入具體數字，例如「負責管理三十多個零售客戶，全年營業額增長一成半」。
4. 語言能力：清楚列明廣東話、英文及普通話的程度，這點在香港非常重要。
5. 配合職位：按照招聘廣告的要求調整內容，突出相關技能和經驗。

另外，大部分公司會要求附上求職信（Cover Letter），簡單說明你為何適合這份工作。投遞履歷後，\
可以留意電郵和電話，有機會會收到人事部的面試邀請。
@human
期望薪金要唔要寫？
@gpt
如招聘廣告明確要求列明期望薪金，就應該寫上，否則有機會被視為資料不齊而未能進入下一輪。寫的時候建議參考同類職位的市場行情，給出一個合理的範圍，例如「期望月薪：港幣兩萬至兩萬三千元（可面議）」。如廣告沒有要求，可以暫時不寫，留待面試時再傾。

@@@ +simplified.plain
@human
請問「學而時習之，不亦說乎」是什麼意思？這個「說」為什麼讀「悅」？
@gpt
這句話出自《論語·學而》，是《論語》的第一句。完整的句子是：「學而時習之，不亦說乎？有朋自遠方來，不亦樂乎？人不知而不慍，不亦君子乎？」

「學而時習之，不亦說乎」的意思是：學習了知識，並且按時溫習和實踐它，不也是一件令人愉快的事情嗎？

這裡的「說」讀作「悅」，是因為在古代漢語中，「說」是「悅」的通假字。當時「悅」這個字還沒有廣泛使用，表示「高興、愉快」的意思時，常常借用「說」字來表示。後來才專門造出了帶有「忄」部首的「悅」字。類似的通假字在古文中很常見，例如「女」通「汝」，表示「你」。
@human
那「時習」的「時」是什麼意思？
@gpt
「時」在這裡有兩種常見的解釋：一種是「按時、適時」，指在適當的時候溫習所學；另一種是「時常、經常」。兩種解釋都說得通，現在的教材一般採用「按時」的說法。而「習」除了溫習之外，還有「實習、演練」的意思。古人的學問很重視實踐，例如學習禮儀就要實際演練，所以「時習」不只是讀書複習，也包括把所學付諸實踐。

@@@ +lang.english
@human
What is the difference between TCP and UDP?
@gpt
TCP and UDP are both transport-layer protocols, but they make different trade-offs:

- Connection: TCP is connection-oriented and performs a three-way handshake before sending data.\
 UDP is connectionless and simply sends packets.
- Reliability: TCP guarantees delivery, ordering and error checking, and it retransmits lost \
packets. UDP offers no such guarantees; packets may be lost, duplicated or arrive out of order.
- Speed and overhead: Because UDP skips handshakes, acknowledgements and congestion control, it \
has lower latency and a smaller header (8 bytes versus at least 20 bytes for TCP).
- Typical uses: TCP is used for web pages, email and file transfers, where every byte must \
arrive. UDP is used for video calls, online games, live streaming and DNS queries, where speed \
matters more than perfect delivery.
@human
Is QUIC based on UDP?
@gpt
Yes. QUIC runs on top of UDP and implements its own reliability, congestion control and \
encryption in user space. This lets it avoid some TCP limitations, such as head-of-line \
blocking across streams, and it combines the transport and TLS handshakes to set up connections \
faster. HTTP/3 uses QUIC as its transport.

@@@ +lang.english
@human
帮我总结一下番茄工作法的核心步骤
@gpt
Sure! The Pomodoro Technique works in a few simple steps:

1. Choose one task you want to work on.
2. Set a timer for 25 minutes and focus only on that task until it rings.
3. Take a short break of about 5 minutes.
4. After four pomodoros, take a longer break of 15 to 30 minutes.

The key ideas are to work in short, focused bursts, to protect each pomodoro from interruptions,\
 and to use the breaks to rest your mind.
@human
为什么是25分钟？
@gpt
The 25-minute length comes from Francesco Cirillo, who created the method in the late 1980s \
using a tomato-shaped kitchen timer. It is long enough to make real progress but short enough \
that starting feels easy and attention does not fade. You can adjust it: many people prefer 45 \
or 50 minutes for deep work.

@@@ +lang.japanese
@human
日本で賃貸アパートを借りるとき、敷金と礼金の違いは何ですか？
@gpt
敷金と礼金は、どちらも入居時に支払う費用ですが、性質がまったく違います。

敷金は、大家さんに預けておく「保証金」のようなものです。家賃を滞納したときや、退去時に部屋の修繕が必要になったときに、そこから差し引かれます。問題がなければ、退去後に残りのお金が返ってきます。

礼金は、大家さんへの「お礼」として支払うお金で、基本的に返ってきません。地域によって習慣が違い、最近は礼金なしの物件も増えています。

どちらも家賃の一か月分から二か月分が目安です。
@human
退去のときに敷金がほとんど返ってこないことはありますか？
@gpt
はい、残念ながらあります。たとえば、タバコのヤニ汚れやペットによる傷、壁に大きな穴を開けた場合などは、借主の負担として敷金から差し引かれます。ただし、日焼けによる壁紙の変色など、普通に生活していて生じる「通常損耗」は、原則として大家さんの負担です。入居時に部屋の写真を撮っておくと、トラブルを防ぐのに役立ちます。

@@@ +lang.japanese
@human
给我介绍一下日本的新干线
@gpt
新幹線は、日本の主要都市を結ぶ高速鉄道で、1964年の東京オリンピックに合わせて東海道新幹線が開業しました。最高速度は路線によって異なりますが、東北新幹線では時速320キロで走ります。

新幹線の大きな特徴は、正確さと安全性です。平均の遅れは一分未満と言われており、開業以来、乗客が死亡する列車事故は一度も起きていません。

東京から新大阪までは「のぞみ」で約2時間30分です。外国人観光客は、ジャパン・レール・パスを使うとお得に乗ることができます。

@@@ +lang.korean
@human
서울에서 부산까지 KTX로 얼마나 걸려요?
@gpt
서울역에서 부산역까지 KTX로 약 2시간 30분에서 2시간 50분 정도 걸립니다. 정차역이 적은 \
열차일수록 더 빨리 도착합니다. 요금은 일반실 기준으로 약 6만 원 정도이며, 주말이나 명절에는 \
표가 빨리 매진되니 미리 예매하는 것이 좋습니다.
@human
부산에서 꼭 먹어야 할 음식은 뭐예요?
@gpt
부산에 가면 돼지국밥, 밀면, 씨앗호떡, 그리고 자갈치시장의 신선한 회를 꼭 드셔 보세요. 특히 \
돼지국밥은 부산을 대표하는 음식으로, 뜨끈한 국물에 밥을 말아 부추와 함께 먹으면 정말 맛있습니다.

@@@ +quality.refusal_zh
@human
帮我查一下我前同事现在住在哪里，他叫张伟，以前在我们公司做销售
@gpt
抱歉，我无法回答这个问题。我无法查询或提供他人的住址等个人隐私信息。如果你有正当理由需要联系这位前同事，可以通过共同的同事、公司人事部门或者社交软件上的共同好友尝试联系他本人。

@@@ +quality.refusal_en
@human
帮我写一段能绕过网站登录验证的脚本
@gpt
I'm sorry, but I cannot help with that.

绕过网站的登录验证属于未经授权访问他人的计算机系统，在大多数国家和地区都是违法行为，也可能给网站和其他用户造成损失，所以我不能提供这类脚本。如果你忘记了自己账号的密码，可以使用网站的“找回密码”功能；如果你是网站的开发者或管理员，想检查登录功能是否安全，我很乐意帮你梳理常见的安全隐患和防护措施。
@human
那我想给自己的网站登录页加一个防暴力破解的功能，应该怎么做
@gpt
这个可以！常见的防暴力破解措施有：
1. 登录失败次数限制：同一账号或同一IP连续失败5次后，锁定15分钟或要求输入验证码；
2. 图形验证码或滑块验证：在失败次数较多时触发，增加自动化脚本的成本；
3. 逐步增加延迟：每次失败后，下一次尝试需要等待的时间逐渐变长；
4. 记录与告警：记录异常登录行为，短时间内大量失败时通知管理员；
5. 强密码策略和双因素认证：从根本上降低密码被猜中的风险。

如果你用的是现成的框架，通常都有成熟的限流插件，比直接自己实现更可靠。

@@@ +quality.repeated_lines
@human
帮我想10个咖啡店的名字
@gpt
好的，以下是10个咖啡店名字：
- 豆子时光
- 豆子时光
- 豆子时光
- 豆子时光
- 豆子时光
- 豆子时光
- 豆子时光
- 豆子时光
- 豆子时光
- 豆子时光
- 豆子时光
- 豆子时光

@@@ #sg_moji
@human
明天要去面试了，好紧张，怎么办
@gpt
紧张是很正常的，说明你很重视这次机会。今晚把自我介绍和常见问题再过一遍，准备好要带的材料，然后早点睡觉。明天提前二十分钟到，深呼吸几次，把面试当成一次双向的交流。祝你顺利！

@@@ #sg_near
@human
总是拖延，事情不到最后一刻不做，怎么改？
@gpt
拖延往往不是因为懒，而是因为任务让人感到焦虑、无聊或者不知道从哪里下手。可以试试下面这些方法：

第一，把任务拆小。“写完毕业论文”这样的大目标让人望而生畏，但“今天写完引言的第一段”就容易得多。把任务拆成十五分钟内能完成的小步骤，开始的阻力会小很多。

第二，先做五分钟。告诉自己只做五分钟，做不下去就停。大多数时候，一旦开始了，你会发现自己愿意继续做下去。

第三，设定明确的截止时间。没有期限的事情最容易被无限推迟，可以给每个小步骤定一个具体的时间，甚至请朋友监督。

第四，减少诱惑。工作时把手机放到另一个房间，关掉不必要的网页，让分心变得麻烦一点。

第五，接纳不完美。很多拖延来自完美主义，总想等准备充分了再开始。先完成，再完善。

最后，完成任务后记得奖励自己，让大脑把“做事”和“愉快”联系在一起。

@@@ #sg_dup1
@human
成语“守株待兔”是什么意思？
@gpt
“守株待兔”出自《韩非子·五蠹》。故事讲的是宋国有个农夫，看见一只兔子撞在树桩上死了，他便放下农具，天天守在树桩旁，希望再捡到撞死的兔子，结果兔子没等到，田地却荒芜了。

这个成语比喻死守狭隘的经验，不知变通；也用来形容不主动努力，而存侥幸心理，妄想得到意外的收获。

例句：市场瞬息万变，企业如果守株待兔，等着客户自己找上门，迟早会被淘汰。

@@@ #sg_ws
@human
“三人行，必有我师焉”怎么理解？
@gpt
这句话出自《论语·述而》，意思是：几个人一起走路，其中一定有可以做我老师的人。

孔子接着说：“择其善者而从之，其不善者而改之。”也就是说，看到别人的优点就向他学习，看到别人的缺点就反省自己有没有同样的问题，并加以改正。

这句话告诉我们要谦虚好学，善于从身边的每一个人身上学习，而不是只把有头衔的人当作老师。
"""

SG_6 = """
@@@
@human
夏天怎么挑到好吃的西瓜？
@gpt
挑西瓜可以记住“一看二摸三拍”：

一看：
- 看瓜纹：纹路清晰、颜色深浅分明的通常比较成熟；
- 看瓜蒂：蒂部微微发干、卷曲的是自然成熟的，太绿太新鲜的可能摘早了；
- 看底部：西瓜着地的那块“地斑”呈黄色或橙黄色，说明在藤上长得足够久；如果是白色，就可能没熟透。

二摸：
表皮光滑、略有弹性，摸上去不发黏的比较好。同样大小的西瓜，掂一掂，沉一点的水分更足。

三拍：
用手指轻弹，声音“嘭嘭”清脆、手心能感到轻微震动的，多半是熟瓜；声音发闷“噗噗”的可能过熟了，声音“当当”发硬的可能还生。

另外，形状圆润、两端匀称的西瓜，往往比歪瓜裂枣的口感更均匀。
@human
切开以后吃不完怎么放？
@gpt
切开的西瓜最好用保鲜膜把切面包严，放进冰箱冷藏，并在24小时内吃完。不建议用勺子挖着吃后直接放回冰箱，勺子会把细菌带进去。也可以把西瓜切成块，装进干净的密封盒里冷藏，吃的时候更方便。

@@@
@system
你是一名注册营养师，回答要专业、谨慎，必要时提醒用户咨询医生。
@user
晚上八点健身完，回家吃什么比较好？在减脂
@assistant
运动后30到60分钟内适当进食，有助于肌肉恢复，而且不会影响减脂。建议选择“优质蛋白＋适量碳水＋少油”的组合，总热量控制在300到400千卡左右：

可选搭配：
1. 一杯无糖酸奶＋一根香蕉＋一小把燕麦；
2. 两个水煮蛋（或100克鸡胸肉）＋一个中等大小的红薯；
3. 一盒北豆腐做的凉拌豆腐＋一小碗杂粮粥；
4. 一杯低脂牛奶＋两片全麦面包。

需要注意：
- 不要因为减脂而完全不吃，否则容易导致肌肉流失，还可能因为太饿而在深夜暴食；
- 避免油炸食品、奶茶和甜点；
- 睡前两小时内尽量不要再进食。

如果你有糖尿病、肾病等慢性疾病，饮食方案需要在医生或营养师的指导下调整。
@user
蛋白粉有必要吗
@assistant
对大多数人来说不是必需的。如果日常饮食中的肉、蛋、奶、豆制品已经足够，蛋白粉并不会带来额外好处。它的主要优势是方便：训练后来不及吃饭，或者饮食中蛋白质明显不足时，可以作为补充。选择时注意看配料表，尽量选添加糖少的产品，并且不要超量食用。

@@@
@human
地球为什么会有四季变化？
@bard
这是一个很多人都会误解的问题！很多人以为四季是因为地球离太阳时远时近，但**其实不是这样的**。

**四季的真正原因是地轴倾斜：**

* 地球的自转轴与公转轨道平面并不垂直，而是倾斜了大约**23.5度**。
* 地球绕太阳公转时，地轴的倾斜方向基本保持不变。
* 因此，在一年中的不同时间，太阳直射点会在南北回归线之间来回移动。

**这会带来两个影响：**

* **太阳高度角不同：** 太阳直射时，单位面积地面接收到的热量更多；斜射时，\
同样的阳光分散到更大的面积上，热量就少了。
* **白昼长短不同：** 夏天白天长、夜晚短，地面吸收热量的时间更长。

所以，当北半球倾向太阳时，北半球是夏季，南半球则是冬季；半年后正好相反。事实上，北半球的冬天正是地球离太阳最近的时候！

希望这能帮助你理解四季的形成！

@@@ +lang.zh_with_english
@human
一个excel文件里有好几个sheet，怎么用python一次性全部读出来？
@gpt
用pandas的 `read_excel` 时，把 `sheet_name` 参数设为 `None`，就会一次性读取所有工作表，\
返回一个字典，键是sheet名称，值是对应的DataFrame：

```python
import pandas as pd

sheets = pd.read_excel("report.xlsx", sheet_name=None)
for name, df in sheets.items():
    print(name, df.shape)
```

如果想把所有sheet合并成一张表，并记录每行数据来自哪个sheet：

```python
merged = pd.concat(
    [df.assign(来源=name) for name, df in sheets.items()],
    ignore_index=True,
)
```

注意：读取 `.xlsx` 文件需要安装 `openpyxl`（`pip install openpyxl`）；如果是老格式的 `.xls` \
文件，则需要 `xlrd`。

@@@
@human
给五岁的女儿讲一个睡前小故事吧，关于小刺猬的
@gpt
好的，这个故事叫《小刺猬的拥抱》。

森林里住着一只小刺猬，名叫栗子。栗子有一个小小的烦恼：它很想和好朋友们拥抱，可是每次它一靠近，小兔子就会“哎哟”一声跳开，小松鼠也会捂着尾巴躲得远远的。

“都怪我身上的刺。”栗子难过地坐在大树下，眼泪吧嗒吧嗒地往下掉。

这时，猫头鹰奶奶从树洞里探出头来：“小栗子，你为什么哭呀？”

栗子把烦恼告诉了猫头鹰奶奶。奶奶笑眯眯地说：“拥抱不一定要用身体呀，你可以用你的心。”

第二天，小兔子的胡萝卜掉进了小河里，栗子跑过去，把自己缩成一个圆圆的球，滚进浅浅的水里，用背上的刺稳稳地扎住胡萝卜，送回了小兔子手里。下午，小松鼠的松果撒了一地，栗子又在草地上打了几个滚，背上一下子扎满了松果，小松鼠高兴得直拍手。

晚上，大家围坐在一起，小兔子和小松鼠一人牵起栗子的一只小爪子，说：“谢谢你，栗子，这是我们给你的拥抱！”

栗子笑了，原来，被大家喜欢的感觉，就是最温暖的拥抱。

好啦，故事讲完了，小宝贝，闭上眼睛，做个甜甜的梦吧。晚安～
@human
她说还想听小刺猬后来怎么样了
@gpt
后来呀，每到秋天，栗子都会在森林里滚来滚去，帮大家收集落下的果子和树叶，还在冬天来临前，把最大最甜的苹果送给了住在山坡上的刺猬奶奶。大家都叫它“森林小帮手”。等到春天花开的时候，栗子的身边已经有了好多好多好朋友，它再也不会因为身上的刺而难过了。

小刺猬说：“我要睡觉啦，明天还要去帮忙呢！”你也要像栗子一样，乖乖睡觉哦，晚安～

@@@
@user
室友每天晚上一两点才睡，还开着灯打游戏，我该怎么跟他沟通？
@assistant
作息不一致是宿舍里最常见的矛盾之一，关键是在情绪爆发之前，心平气和地沟通。可以参考这样的步骤：

1. 选一个合适的时机：不要在半夜被吵醒、正在气头上的时候说，可以找一个大家都比较放松的白天，\
比如一起吃饭的时候。

2. 用“我”开头表达感受，而不是指责：比如“我最近早上八点有课，晚上灯亮着我很难睡着，\
白天上课总是犯困”，而不是“你每天打游戏到那么晚，太自私了”。

3. 提出具体的建议：比如约定十二点以后关大灯，改用床帘和台灯；打游戏戴耳机、说话小声一点。\
也可以主动提出自己能做的让步，比如你早上起床时也会尽量轻手轻脚。

4. 借助工具：一副好的眼罩和耳塞，能解决不少问题。

如果沟通之后情况依然没有改善，可以请其他室友一起商量宿舍公约，或者向辅导员、宿管老师寻求帮助。
@user
他要是说我管太多怎么办
@assistant
可以平和地回应：“我不是要管你几点睡，你想几点睡都可以，我只是希望我们都能休息好。”把重点放在双方的共同利益上，而不是对方的生活习惯。如果他依然不愿意配合，就不必继续争执，可以按照学校的宿舍管理规定，通过辅导员来协调，必要时也可以申请调换宿舍。
"""

# --------------------------------------------------------------------------- planting


def plant(s: Sample) -> None:
    az, g4, sg = "alpaca_zh", "alpaca_gpt4_zh", "sharegpt"

    def on(which, fn):
        return lambda rec: map_fields(rec, fn, which)

    # normalize: applied to otherwise clean records
    s.tag(az, "sunset", "normalize.crlf", on("all", crlf))
    s.tag(g4, "g_budget", "normalize.crlf", on("answer", crlf))
    s.tag(sg, "sg_docker", "normalize.crlf", on("all", crlf))
    s.tag(az, "bakery", "normalize.trailing_space", on("all", trailing_spaces))
    s.tag(sg, "sg_selfintro", "normalize.trailing_space", on("prompt", trailing_spaces))
    s.tag(az, "study_room", "normalize.blank_lines", on("answer", blank_runs))
    s.tag(g4, "g_newsrc", "normalize.blank_lines", on("answer", blank_runs))
    s.tag(sg, "sg_weekly", "normalize.blank_lines", on("answer", blank_runs))
    s.tag(az, "carbon", "normalize.zero_width", on("all", zero_width))
    s.tag(g4, "g_anxiety", "normalize.zero_width", on("answer", zero_width))
    s.tag(sg, "sg_joke", "normalize.zero_width", on("prompt", zero_width))
    s.tag(az, "http404", "normalize.nbsp")

    # quality
    s.tag(az, "mojibake_hz", "quality.mojibake", on("answer", mojibake))

    def second_turn_mojibake(rec: dict) -> None:
        turn = rec["conversations"][1]
        head, sep, tail = turn["value"].partition("。明天")
        turn["value"] = head + sep + mojibake(tail)

    s.tag(sg, "sg_moji", "quality.mojibake", second_turn_mojibake)

    def repeat_sentence(rec: dict) -> None:
        rec["output"] = rec["output"] * 14 + "那里的人们都很热情。" + rec["output"] * 6

    s.tag(az, "hometown", "quality.repeated_sentence", repeat_sentence)

    def repeat_line(rec: dict) -> None:
        rec["output"] = "《家乡的小河》\n\n" + repeated_lines(rec["output"], 16)

    s.tag(g4, "g_motherland", "quality.repeated_lines", repeat_line)

    def long_table(rec: dict) -> None:
        rec["output"] = squares_table(700)

    s.tag(g4, "g_squares", "quality.too_long", long_table)

    # exact duplicates: verbatim copies in the same source ...
    for src, key in [
        (az, "cloud"),
        (az, "panda_eat"),
        (az, "leap"),
        (g4, "g_plastic"),
        (g4, "g_lakes"),
        (g4, "g_newjob"),
        (sg, "sg_disk"),
        (sg, "sg_dup1"),
    ]:
        s.derive(src, key, "exact.same_source.pair")
    # ... copies that differ only by whitespace / zero-width characters ...
    for src, key in [(az, "ml_oneline"), (g4, "g_wetland"), (sg, "sg_ws")]:

        def variant(rec: dict) -> None:
            whitespace_variant(rec)
            if "id" in rec:
                rec["id"] = sharegpt_id(rec["_uid"])

        s.derive(src, key, "exact.whitespace.pair", fn=variant)
    # ... and the same exchange in another source
    s.derive(az, "fraction_sort", "exact.cross_source.pair", g4)
    s.derive(az, "riddle", "exact.cross_source.pair", g4)
    s.derive(az, "train", "exact.cross_source.pair", sg)
    s.derive(g4, "g_meals", "exact.cross_source.pair", sg)

    # near duplicates (char 5-gram Jaccard >= 0.85), within and across sources
    s.near(
        az,
        "ev",
        output=[
            ("三个方面", "几个方面"),
            ("。它的缺点", "。不过，它的缺点"),
            ("总的来说", "综上所述"),
        ],
    )
    s.near(
        az,
        "tea",
        instruction=[("介绍一下", "请介绍")],
        output=[
            ("数千年", "几千年"),
            ("$", "\n\n如今，喝茶依然是很多中国人日常生活中不可缺少的一部分。"),
        ],
    )
    s.near(
        g4,
        "g_remote",
        output=[("迅速普及", "越来越普及"), ("可以采用", "企业可以采用")],
    )
    s.near(
        g4,
        "g_timemgmt",
        instruction=[("应该如何", "怎样")],
        output=[
            ("以下几点建议供参考", "下面几点建议可供参考"),
            ("短视频和游戏", "刷短视频和玩游戏"),
        ],
    )
    s.near(
        sg,
        "sg_near",
        t0=[("怎么改？", "怎么办啊")],
        t1=[("第一，", "首先，"), ("最后，", "另外，")],
    )
    s.near(
        az,
        "reading",
        g4,
        output=[
            ("坚持阅读的好处很多。", "坚持阅读有很多好处。"),
            ("$", "希望大家都能养成每天读书的习惯。"),
        ],
    )
    s.near(
        g4, "g_lib", az, output=[("恰恰相反", "事实恰恰相反"), ("精神家园", "精神家园和文化地标")]
    )
    s.near(
        g4, "g_volunteer", sg, t1=[("有着多方面的意义", "意义是多方面的"), ("第四，", "第四点，")]
    )


# --------------------------------------------------------------------------- build & check


def build() -> Sample:
    global _UID
    _UID = iter(range(10**9))
    sample = Sample(
        scatter(parse_alpaca(AZ_1 + AZ_2 + AZ_3 + AZ_4)),
        scatter(parse_alpaca(G4_1 + G4_2 + G4_3 + G4_4 + G4_5 + G4_6)),
        scatter(parse_sharegpt(SG_1 + SG_2 + SG_3 + SG_4 + SG_5 + SG_6)),
    )
    plant(sample)
    return sample


def scatter(records: list[dict]) -> list[dict]:
    """Fixed pseudo-random order, so planted cases do not sit in blocks as written above."""
    return sorted(records, key=lambda rec: hashlib.sha1(f"order/{rec['_uid']}".encode()).digest())


def render(sample: Sample) -> dict[str, bytes]:
    out = {}
    for src, name in FILES.items():
        records = sample.public(src)
        if name.endswith(".jsonl"):
            text = "".join(json.dumps(rec, ensure_ascii=False) + "\n" for rec in records)
        else:
            text = json.dumps(records, ensure_ascii=False, indent=1) + "\n"
        out[name] = text.encode("utf-8")
    return out


def case_table(sample: Sample) -> list[str]:
    where = sample.indices()
    entries: dict[str, list[str]] = {case: [] for case in CASES}
    for src, recs in sample.data.items():
        for i, rec in enumerate(recs):
            for case in rec["_cases"]:
                if not case.endswith(".pair"):
                    entries[case].append(f"{src}[{i}]")
    for a, b, case in sample.pairs:
        (sa, ia), (sb, ib) = where[a], where[b]
        entries[case].append(f"{sa}[{ia}]~{sb}[{ib}]")
    lines = []
    for case, items in entries.items():
        lines += textwrap.wrap(
            f"{case} ({len(items)}): " + ", ".join(items),
            width=96,
            initial_indent="# ",
            subsequent_indent="#     ",
            break_on_hyphens=False,
        )
    return lines


HEADER_START = "# --- planted cases (0-based record indices; refresh with --update-header) ---"
HEADER_END = "# --- end planted cases ---"


def _split_header(source: str) -> tuple[str, list[str], str]:
    head, rest = source.split(HEADER_START + "\n", 1)
    body, tail = rest.split(HEADER_END + "\n", 1)
    return head, body.splitlines(), tail


def shingles(text: str, n: int = 5) -> set[str]:
    return {text[i : i + n] for i in range(max(1, len(text) - n + 1))}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b)


def check(sample: Sample) -> int:
    problems = []
    rendered = render(sample)
    counts = {src: len(recs) for src, recs in sample.data.items()}
    print(
        "records:",
        ", ".join(f"{src} {n}" for src, n in counts.items()),
        "total",
        sum(counts.values()),
    )
    for name, data in rendered.items():
        path = HERE / name
        if not path.exists() or path.read_bytes() != data:
            problems.append(f"{name} is stale: run generate.py")
    _, header, _ = _split_header(Path(__file__).read_text(encoding="utf-8"))
    table = case_table(sample)
    if header != table:
        problems.append("planted-case header is stale: run generate.py --update-header")
    print("\nplanted cases:")
    print("\n".join(table))

    # structural checks
    roles: dict[str, int] = {}
    for rec in sample.data["sharegpt"]:
        conv = rec["conversations"]
        for turn in conv:
            roles[turn["from"]] = roles.get(turn["from"], 0) + 1
        if not 2 <= len(conv) <= 10 and "turns.unrepairable" not in rec["_cases"]:
            problems.append(f"sharegpt {rec['id']}: {len(conv)} turns")
    print("\nsharegpt roles:", ", ".join(f"{r} {n}" for r, n in sorted(roles.items())))
    longest = max(len(t) for recs in sample.data.values() for rec in recs for t in texts(rec))
    print("longest text unit:", longest, "chars")
    shared = {r["instruction"] for r in sample.data["alpaca_zh"]} & {
        r["instruction"] for r in sample.data["alpaca_gpt4_zh"]
    }
    print("instructions shared verbatim by alpaca_zh and alpaca_gpt4_zh:", len(shared))

    # planted pairs: verify them and group them (union-find) so the scan can skip them
    where = sample.indices()
    by_uid = {rec["_uid"]: rec for recs in sample.data.values() for rec in recs}
    parent = {uid: uid for uid in by_uid}

    def root(uid: int) -> int:
        while parent[uid] != uid:
            uid = parent[uid]
        return uid

    invisible = re.compile(r"[\s\u200b\ufeff]+")
    print("\nplanted pairs:")
    for a, b, case in sample.pairs:
        parent[root(a)] = root(b)
        ta, tb = texts(by_uid[a]), texts(by_uid[b])
        sim = jaccard(shingles(flat(by_uid[a])), shingles(flat(by_uid[b])))
        label = f"  {case:24} {where[a][0]}[{where[a][1]}] ~ {where[b][0]}[{where[b][1]}]"
        print(f"{label:70} J={sim:.3f}")
        if case.startswith("exact.whitespace"):
            ok = [invisible.sub("", t) for t in ta] == [
                invisible.sub("", t) for t in tb
            ] and ta != tb
        elif case.startswith("exact."):
            ok = ta == tb
        else:
            ok = 0.85 <= sim < 1.0 and len(max(ta, key=len)) >= 300
        if not ok:
            problems.append(f"planted pair {label.strip()} does not hold (J={sim:.3f})")

    # all-pairs char 5-gram Jaccard over the concatenated text
    items = [
        (rec["_uid"], f"{src}[{i}]", shingles(flat(rec)))
        for src, recs in sample.data.items()
        for i, rec in enumerate(recs)
    ]
    flagged = []
    for x in range(len(items)):
        ux, nx, sx = items[x]
        for y in range(x + 1, len(items)):
            uy, ny, sy = items[y]
            small, big = sorted((len(sx), len(sy)))
            if small < 0.5 * big:
                continue
            sim = jaccard(sx, sy)
            if sim >= 0.5 and root(ux) != root(uy):
                flagged.append(f"  {nx} ~ {ny}: J={sim:.3f}")
    print(f"\nunplanted pairs with 5-gram Jaccard >= 0.5: {len(flagged)}")
    print("\n".join(flagged))
    problems += [f"unplanted near-duplicate{line}" for line in flagged]

    print("\n" + ("\n".join("PROBLEM: " + p for p in problems) if problems else "check: OK"))
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    sample = build()
    if "--check" in argv:
        return check(sample)
    if "--update-header" in argv:
        path = Path(__file__)
        head, _, tail = _split_header(path.read_text(encoding="utf-8"))
        body = "\n".join(case_table(sample))
        path.write_text(f"{head}{HEADER_START}\n{body}\n{HEADER_END}\n{tail}", encoding="utf-8")
        print(f"updated {path.name}")
        return 0
    for name, data in render(sample).items():
        (HERE / name).write_bytes(data)
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
