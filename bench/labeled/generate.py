"""Write the labeled evaluation set (deterministic): script, langid, quality, repair.

    .venv/bin/python bench/labeled/generate.py

Items are built from the hand-written pools in texts.py and html_pairs.py; every
item carries its label (expected script / language / quality rule / repaired
conversation). Budget labels (exchanges that fit ``BUDGET`` tokens) are counted
with Mixtral's real tokenizer (mistral-common's tokenizer.model.v1, sentencepiece)
when it is installed; the step itself only estimates from characters.
"""

from __future__ import annotations

import json
import random
import sys
from importlib import resources
from pathlib import Path

import opencc

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from html_pairs import HTML_PAIRS  # noqa: E402
from texts import CODE, EN, HK, JA, KO, MIXED, QA, TW, ZH  # noqa: E402

BUDGET = 2048  # tokens; the v2 recipe's turn_repair.max_tokens
S2T = opencc.OpenCC("s2t.json")
S2TW = opencc.OpenCC("s2tw.json")


def write(name: str, items: list[dict]) -> None:
    with (HERE / name).open("w", encoding="utf-8") as f:
        for i, item in enumerate(items):
            f.write(json.dumps({"id": f"{name.split('.')[0]}-{i:04d}", **item},
                               ensure_ascii=False) + "\n")
    print(f"{name}: {len(items)} items")


def fence(lang: str, code: str) -> str:
    return f"```{lang}\n{code}\n```"


# --- script / conversion -------------------------------------------------------------

URLS = ["https://zh.wikipedia.org/wiki/長城", "https://example.com.tw/下載/軟體",
        "http://www.gov.hk/tc/residents/衞生.htm"]


def script_items(rng: random.Random) -> list[dict]:
    items = []
    for s in ZH:
        items.append({"kind": "simplified", "region": "", "text": s, "gold": s})
    for _ in range(40):  # simplified with code, inline code and URLs holding traditional text
        a, b = rng.sample(ZH, 2)
        lang, code = rng.choice(CODE)
        url = rng.choice(URLS)
        text = rng.choice([
            f"{a}\n{fence(lang, code)}\n{b}",
            f"{a}参考：{url} 。{b}",
            f"{a}可以用 `print('繁體字')` 输出。{b}",
        ])
        items.append({"kind": "simplified", "region": "", "text": text, "gold": text})
    for trad, gold in TW:
        items.append({"kind": "traditional", "region": "tw", "text": trad, "gold": gold})
    for trad, gold in HK:
        items.append({"kind": "traditional", "region": "hk", "text": trad, "gold": gold})
    for s in rng.sample(ZH, 50):  # standard / Taiwan-standard characters of simplified prose
        conv = rng.choice([S2T, S2TW])
        items.append({"kind": "traditional", "region": "", "text": conv.convert(s), "gold": s})
    for _ in range(30):  # traditional turns with code and URLs that must stay as they are
        (t1, g1), (t2, g2) = rng.sample(TW + HK, 2)
        lang, code = rng.choice(CODE)
        url = rng.choice(URLS)
        pre, pre_gold = rng.choice([(f"\n{fence(lang, code)}\n",) * 2,
                                    (f"參考 {url} ", f"参考 {url} "),
                                    ("使用 `變數名稱` 時，", "使用 `變數名稱` 时，")])
        items.append({"kind": "traditional", "region": "tw" if (t1, g1) in TW else "hk",
                      "text": f"{t1}{pre}{t2}", "gold": f"{g1}{pre_gold}{g2}"})
    for mixed, gold in MIXED:
        items.append({"kind": "mixed", "region": "", "text": mixed, "gold": gold})
    for _ in range(28):  # a simplified paragraph and a traditional one in the same turn
        s = rng.choice(ZH)
        trad, gold = rng.choice(TW + HK + MIXED)
        items.append({"kind": "mixed", "region": "", "text": f"{s}\n{trad}",
                      "gold": f"{s}\n{gold}"})
    # Not Chinese: Japanese and Korean (kanji 機, 習 … would be "converted"), English
    # that cites traditional characters. Conversion must leave them alone.
    for s in JA:
        items.append({"kind": "not_chinese", "region": "", "text": s, "gold": s})
    for s in rng.sample(KO, 10):
        text = s + " (漢字: 韓國語)"
        items.append({"kind": "not_chinese", "region": "", "text": text, "gold": text})
    for s in ["The traditional character 體 is written 体 in simplified Chinese.",
              "In Taiwan people say 軟體 for software, while the mainland says 软件.",
              "The word 愛 (love) keeps its heart radical in traditional script.",
              "Hong Kong signs often use 衞 where Taiwan writes 衛.",
              "Please translate 電腦 and 網路 into English: computer and network.",
              "My favourite dish at the restaurant was 麻婆豆腐 with steamed rice."]:
        items.append({"kind": "not_chinese", "region": "", "text": s, "gold": s})
    return items


# --- language ID ---------------------------------------------------------------------

ZH_EN = [  # Chinese prose carrying English terms: still Chinese
    "使用Python的pandas库读取CSV文件，然后用matplotlib画出折线图。",
    "在React中，useState和useEffect是最常用的两个Hook。",
    "这个API返回的是JSON格式的数据，需要先用json.loads解析。",
    "我们的CI流程包括lint、unit test和integration test三个阶段。",
    "深度学习框架PyTorch和TensorFlow各有优势，初学者可以从PyTorch开始。",
    "请把这段英文翻译成中文：The weather is nice today.",
    "他在Google工作了五年，后来加入了一家AI创业公司。",
    "Docker容器可以把应用和依赖打包在一起，保证在不同环境中运行一致。",
    "Transformer模型的核心是self-attention机制，它能捕捉长距离依赖。",
    "如果遇到ModuleNotFoundError，通常是因为没有安装对应的包。",
    "把Excel表格导出为CSV格式以后，就可以用SQL进行查询了。",
    "GitHub上有很多优秀的开源项目，可以通过fork和pull request参与贡献。",
    "用户体验（User Experience）设计关注的是用户在使用产品时的整体感受。",
    "HTTP状态码404表示Not Found，500表示Internal Server Error。",
    "在Linux系统中，可以用top或者htop命令查看CPU和内存的使用情况。",
    "Kubernetes是一个容器编排平台，常被简称为K8s。",
    "这篇paper提出了一种新的loss function，在多个benchmark上取得了SOTA结果。",
    "我们每周五下午开weekly meeting，同步项目的progress和blocker。",
    "英文单词apple的意思是苹果，复数形式是apples。",
    "Markdown是一种轻量级标记语言，用#表示标题，用*表示列表。",
]
EN_ZH = [  # English prose carrying Chinese words: still English
    "The Chinese word 你好 is the most common way to say hello in Mandarin.",
    "Dumplings, called 饺子 in Chinese, are traditionally eaten during the Spring Festival.",
    "The character 福 is often hung upside down on doors during the New Year.",
    "In Chinese, the phrase 加油 is used to encourage someone, like saying keep going.",
    "The Great Wall is known as 长城 in Chinese, which literally means the long wall.",
    "Tea culture, or 茶文化, has a history of thousands of years in China.",
    "My friend taught me to write my name, 李明, with a brush and ink.",
    "The restaurant's signature dish is 宫保鸡丁, a spicy chicken dish with peanuts.",
    "Learners often confuse the characters 己 and 已 because they look similar.",
    "The festival called 中秋节 celebrates the full moon in autumn with mooncakes.",
]
ZH_JA_KO = [  # Chinese explaining Japanese or Korean words: still Chinese
    "日语中的「ありがとう」是谢谢的意思，更礼貌的说法是「ありがとうございます」。",
    "「こんにちは」是日语里白天见面时常用的问候语，相当于中文的你好。",
    "在日语中，「すみません」既可以表示道歉，也可以用来叫住别人。",
    "学习日语时，平假名「あいうえお」是最先要掌握的五个元音。",
    "日语动词「食べる」的意思是吃，它的礼貌形式是「食べます」。",
    "韩语的「안녕하세요」相当于中文的你好，是最常用的问候语。",
    "「감사합니다」在韩语里表示感谢，比「고마워요」更正式一些。",
    "韩国人说「사랑해」来表达我爱你，这句话在韩剧里经常出现。",
    "这家日料店的招牌是「おまかせ」套餐，由厨师决定当天的菜品。",
    "我们公司的日本客户在邮件末尾总会写「よろしくお願いします」，意思是请多关照。",
]
SHORT = [("好的", "zh"), ("谢谢！", "zh"), ("继续", "zh"), ("没问题。", "zh"), ("不对", "zh"),
         ("是的，没错。", "zh"), ("請稍等", "zh"), ("北京", "zh"), ("OK", "en"), ("Thanks!", "en"),
         ("Yes, exactly.", "en"), ("Good morning", "en"), ("はい、そうです。", "ja"),
         ("ありがとう", "ja"), ("よろしく", "ja"), ("네, 알겠습니다.", "ko"), ("감사합니다", "ko"),
         ("안녕하세요", "ko"), ("12345", "und"), ("？", "und"), ("```\nx = 1\n```", "und"),
         ("https://example.com", "und"), ("3.14159", "und"), ("😊", "und")]


def langid_items(rng: random.Random) -> list[dict]:
    items = []

    def add(text: str, lang: str, category: str) -> None:
        items.append({"text": text, "lang": lang, "category": category})

    for s in ZH:
        add(s, "zh", "zh")
    for trad, _ in TW + HK:
        add(trad, "zh", "zh")
    for _ in range(30):
        a, b, c = rng.sample(ZH, 3)
        add(rng.choice([f"{a}{b}", f"1. {a}\n2. {b}\n3. {c}", f"**{a}**\n\n{b}"]), "zh", "zh")
    for s in EN:
        add(s, "en", "en")
    for _ in range(20):
        a, b = rng.sample(EN, 2)
        add(rng.choice([f"{a} {b}", f"- {a}\n- {b}", f"## Answer\n\n{a}"]), "en", "en")
    for s in JA:
        add(s, "ja", "ja")
    for _ in range(15):
        a, b = rng.sample(JA[:30], 2)
        add(f"{a}{b}", "ja", "ja")
    for s in KO:
        add(s, "ko", "ko")
    for _ in range(15):
        a, b = rng.sample(KO, 2)
        add(f"{a} {b}", "ko", "ko")
    for lang, code in CODE:  # code-heavy: the prose decides; code alone is undetermined
        zh, en = rng.choice(ZH), rng.choice(EN)
        add(fence(lang, code), "und", "code")
        add(f"示例代码如下：\n{fence(lang, code)}\n{zh}", "zh", "code")
        add(f"Here is an example:\n{fence(lang, code)}\n{en}", "en", "code")
        add(f"下面是完整的代码：\n{code}\n运行后就能看到结果，{zh}", "zh", "code")
    for _, code in CODE[:8]:
        add(code, "und", "code")
    for s in ZH_EN + ZH_JA_KO:
        add(s, "zh", "mixed")
    for s in EN_ZH:
        add(s, "en", "mixed")
    for text, lang in SHORT:
        add(text, lang, "short")
    return items


# --- quality -------------------------------------------------------------------------

def alpaca(instruction: str, output: str, inp: str = "") -> dict:
    return {"format": "alpaca", "record": {"instruction": instruction, "input": inp,
                                           "output": output}}


def sharegpt(*turns: str, roles: tuple[str, ...] | None = None) -> dict:
    roles = roles or tuple(("human", "gpt")[i % 2] for i in range(len(turns)))
    return {"format": "sharegpt", "record": {"conversations": [
        {"from": r, "value": t} for r, t in zip(roles, turns, strict=True)]}}


def mojibake_latin1(s: str) -> str:
    return s.encode("utf-8").decode("cp1252", errors="replace")


def mojibake_gbk(s: str) -> str:
    return s.encode("utf-8").decode("gbk", errors="replace")


REFUSALS = [
    "抱歉，我无法回答这个问题。",
    "对不起，我不能提供这方面的信息。",
    "很抱歉，作为AI，我无法帮你完成这个请求。",
    "抱歉，但我没有办法访问互联网，所以无法查看这个链接的内容。",
    "我无法访问你提供的链接，请把文章内容直接粘贴过来。",
    "对不起，我无法对此发表个人看法。",
    "不好意思，我不能帮助你做这件事，因为它可能违反相关规定。",
    "很遗憾，我无法满足你的要求。",
    "I'm sorry, but I cannot help with that request.",
    "I cannot browse the internet, so I am unable to open that link.",
    "Sorry, I can't provide medical diagnoses. Please consult a doctor.",
    "I'm sorry, but as an AI I do not have access to real-time stock prices.",
    "抱歉，我目前无法获取实时的天气信息，建议你查看天气预报应用。",
    "我无法帮助你破解别人的密码，这是违法行为。",
    "对不起，我不会写这样的内容。",
]
DISCLAIMERS = [
    "作为一个AI语言模型，我没有个人喜好，但我可以为你介绍几种流行的音乐风格。",
    "作为人工智能助手，我会尽力回答。光合作用是植物利用光能合成有机物的过程。",
    "我是一个人工智能，无法真正品尝食物，不过红烧肉的做法如下：先焯水，再炒糖色，最后慢炖。",
    "作为一个语言模型，我不能预测未来，但从历史数据看，股市长期是上涨的。",
    "我没有个人观点，但是很多人认为早睡早起有益健康。",
    "我是由OpenAI训练的大型语言模型，我的知识有一定的时效性。",
    "截至我的知识截止日期，这项技术仍在研发阶段。",
    "我的训练数据截止到2021年，因此无法提供之后的信息。",
    "As an AI language model, I don't have personal opinions, but here are some facts.",
    "I am an AI language model developed to assist with a wide range of questions.",
    "As of my knowledge cutoff in 2021, the project had not been released yet.",
    "I don't have personal feelings, but I understand why this situation is frustrating.",
    "我是ChatGPT，一个由人工智能驱动的聊天助手，很高兴为你服务。",
    "作为AI助手，我建议你在做决定之前多听取专业人士的意见。",
    "作为一个大型语言模型，我可以帮你写一封求职信，以下是一个示例。",
]
TRUNCATED = [  # long answers cut off mid-sentence
    "学习编程需要循序渐进。首先要掌握一门语言的基础语法，例如变量、循环和函数；其次要多做练习，"
    "通过小项目巩固知识；最后，",
    "这篇文章主要讨论了城市化对环境的影响，作者从空气质量、水资源和生物多样性三个方面进行了分析，"
    "并提出了以下几点建议：",
    "中国的四大名著分别是《红楼梦》《西游记》《水浒传》和《三国演义》，其中《红楼梦》被认为是"
    "中国古典小说的巅峰之作，它以贾宝玉和林黛玉的爱情悲剧为主线，描写了",
    "要提高睡眠质量，可以从以下几个方面入手：保持规律的作息时间，睡前避免使用电子产品，"
    "营造安静舒适的睡眠环境，以及",
    "机器学习的常见算法包括线性回归、逻辑回归、决策树、随机森林和支持向量机等。其中，"
    "决策树的优点是容易理解和解释，缺点是容易过拟合，因此在实际应用中通常会",
    "项目管理的核心在于平衡范围、时间和成本三个要素。一个成功的项目经理需要制定清晰的计划，"
    "及时识别风险，并与团队成员保持良好的沟通，同时还要",
    "Python是一种解释型、面向对象的高级编程语言，它的语法简洁清晰，拥有丰富的第三方库，"
    "广泛应用于数据分析、人工智能、网站开发和自动化运维等领域，因为",
    "以下是一份为期一周的健身计划：\n周一：慢跑三十分钟，做三组俯卧撑；\n周二：游泳四十分钟；\n"
    "周三：休息，做一些轻度的拉伸；\n周四：力量训练，重点锻炼腿部和核心肌群，包括深蹲、",
    "The main causes of the French Revolution included a severe financial crisis, widespread "
    "food shortages, and growing resentment of the privileges enjoyed by the nobility and",
    "在写作中，开头非常重要，一个好的开头能够迅速抓住读者的注意力。常用的开头方法有开门见山、"
    "设置悬念、引用名言和描写场景等，比如",
    "秦始皇统一六国以后，推行了一系列加强中央集权的措施：统一文字、统一货币、统一度量衡，"
    "修建驰道和长城，同时还实行了郡县制，把全国分为三十六个郡，每个郡下面再设若干个县，由中央直接任命官员进行管理",
    "数据库设计通常要经过需求分析、概念设计、逻辑设计和物理设计四个阶段。在需求分析阶段，"
    "设计人员需要和用户充分沟通，明确系统需要存储哪些数据以及这些数据之间的关系，然后再根据这些需求画出实体联系图并确定",
    "To set up the development environment, first install Python 3.11 and create a virtual "
    "environment, then install the dependencies listed in requirements.txt and finally run the",
    "关于如何选择适合自己的职业，可以参考以下几个原则：第一，了解自己的兴趣和特长；第二，"
    "考虑行业的发展前景；第三，",
    "人工智能在医疗领域的应用越来越广泛，例如辅助诊断、药物研发、健康管理等。在辅助诊断方面，"
    "深度学习模型可以分析医学影像，帮助医生更快地发现病变，但是",
]
GOOD_HARD = [  # answers that look suspicious to a naive rule but are fine
    ("写一段两个人道歉的对话。", "小王：对不起，我来晚了，路上堵车。\n小李：没关系，会议还没开始。"
     "\n小王：下次我一定早点出门。"),
    ("介绍一下ChatGPT。", "ChatGPT是由OpenAI开发的聊天机器人，基于大型语言模型，"
     "能够回答问题、写作和编程。"),
    ("翻译成法语：我喜欢咖啡。", "J'aime le café. C'est ma boisson préférée, surtout le matin."),
    ("给我写一首有重复句的儿歌。", "小星星，亮晶晶，\n挂在天上放光明。\n小星星，亮晶晶，\n"
     "好像许多小眼睛。\n小星星，亮晶晶，\n陪我一起到天明。"),
    ("列出五种水果。", "1. 苹果\n2. 香蕉\n3. 橙子\n4. 葡萄\n5. 西瓜"),
    ("改正这个句子中的错误：我昨天去了商店买了苹果了。", "我昨天去商店买了苹果。"),
    ("重复下面这句话：学而时习之，不亦说乎。", "学而时习之，不亦说乎。"),
    ("把下面的句子改写得更正式：这个事儿你得赶紧办。", "这件事情请您尽快处理。"),
    ("用表格列出三个城市的人口。", "| 城市 | 人口 |\n|---|---|\n| 北京 | 2100万 |\n"
     "| 上海 | 2400万 |\n| 广州 | 1800万 |"),
    ("写一个打印九九乘法表的Python程序。", "```python\nfor i in range(1, 10):\n"
     "    print(' '.join(f'{j}x{i}={i*j}' for j in range(1, i + 1)))\n```"),
    ("给我一个学习资源的链接。", "可以访问Python官方教程：https://docs.python.org/zh-cn/3/tutorial/"),
    ("“锟斤拷”是什么意思？", "“锟斤拷”是常见的乱码，源于UTF-8和GBK编码转换时的错误。"),
    ("写一句俳句风格的诗。", "古池塘，青蛙跳入水中央，扑通一声响"),
    ("作为一名医生，你会给失眠的人什么建议？", "作为一名医生，我建议先排查身体原因，"
     "再调整作息，必要时在医生指导下短期使用助眠药物。"),
    ("我应该怎么拒绝同事不合理的请求？", "可以礼貌而坚定地说：“抱歉，我手上的工作已经排满了，"
     "这次没办法帮你。”同时提出其他可行的建议。"),
    ("写一句德语问候。", "Guten Morgen! Schön, dich zu sehen. Wie geht es dir heute?"),
    ("帮我写一个以省略号结尾的悬疑故事开头。", "深夜，门外忽然传来三下敲门声。"
     "我屏住呼吸，慢慢走向门口……"),
    ("列出三个常见的数据结构并简单说明。", "- 数组：连续存储，按下标访问快\n"
     "- 链表：插入删除方便\n- 哈希表：按键查找快"),
    ("写一个表示开心的表情回复。", "今天真是太开心了，考试终于通过了，谢谢大家的帮助😊"),
    ("输入的句子是什么？", "句子是：今天天气很好。"),
    # long answers that end without a full stop but are finished
    ("列出学习Python的步骤。", "学习Python可以按下面的顺序进行：\n1. 安装Python和一个顺手的编辑器，"
     "熟悉运行脚本的方式\n2. 掌握变量、条件、循环、函数等基础语法，并做一些小练习\n"
     "3. 学习列表、字典、集合等数据结构以及常用的标准库模块，例如os、json和datetime"),
    ("用表格比较两种编程语言。", "下面从几个方面比较Python和Java：\n\n| 方面 | Python | Java |\n"
     "|---|---|---|\n| 类型系统 | 动态类型，写起来更灵活 | 静态类型，编译期就能发现很多错误 |\n"
     "| 运行速度 | 一般较慢，适合脚本和数据分析 | 较快，适合大型后端服务和安卓开发 |"),
    ("写一首现代诗。", "我把清晨折成一只纸船\n放进窗外那条看不见的河\n它载着昨夜没说完的话\n"
     "和一朵刚醒来的云\n慢慢漂向你住的那座城市"),
    ("给出一个读取文件的例子。", "下面的代码逐行读取文件并打印出来，适合处理比较大的文本文件：\n"
     "```python\nwith open('a.txt', encoding='utf-8') as f:\n    for line in f:\n"
     "        print(line.rstrip())\n```"),
    ("推荐一个学习网站。", "如果你想系统地学习机器学习，可以从吴恩达的公开课开始，"
     "课程内容循序渐进，讲解清楚，配套的练习也很有帮助，网址是 https://www.coursera.org"),
    ("Summarize the plot of Romeo and Juliet.", "Romeo and Juliet are two young lovers from "
     "feuding families in Verona. They marry in secret, but a chain of misunderstandings leads "
     "to both of their deaths, which finally reconciles the two families."),
    ("写一段励志的话，结尾加一个表情。", "每一次跌倒都是为了下一次更好地站起来，不要害怕失败，"
     "也不要因为别人的眼光而停下脚步，坚持走自己的路，终点一定会有美好的风景在等你💪"),
    ("列出三个健康的早餐选择。", "- 燕麦粥配上新鲜的蓝莓和一小把坚果，既有膳食纤维又有优质脂肪\n"
     "- 全麦面包夹水煮蛋和生菜\n- 一杯无糖酸奶加香蕉片，再撒一点奇亚籽，营养均衡又方便"),
    ("把这句话改成疑问句：他明天去上海。", "他明天去上海吗？"),
    ("把下面的句子缩写：经过长时间的努力，他终于完成了这项非常困难的任务。",
     "他终于完成了这项任务。"),
    ("用一句话解释什么是光合作用。",
     "光合作用是植物利用光能把二氧化碳和水转化为有机物和氧气的过程。"),
    ("请重复我的问题：今天星期几？", "今天星期几？"),
    ("写一个标题：关于城市垃圾分类的新闻。", "城市垃圾分类新规下月起正式实施"),
    ("用“春天”造句。", "春天来了，公园里的桃花都开了。"),
    ("给这段话加上标点：今天天气很好我们去公园玩吧", "今天天气很好，我们去公园玩吧！"),
    ("把句子翻译成英文：我喜欢读书。", "I like reading books."),
    ("写四行重复的口号。", "安全第一，预防为主！\n安全第一，预防为主！\n人人讲安全，事事为安全。\n"
     "安全生产，从我做起。"),
]
RESTATES = [
    ("写一首关于春天的诗。", "写一首关于春天的诗。"),
    ("解释一下什么是人工智能。", "解释一下什么是人工智能"),
    ("给出三个保持健康的建议。", "给出三个保持健康的建议：\n"),
    ("描述一下你理想中的周末。", "描述一下你理想中的周末"),
    ("为一家新开的面包店写一句广告语。", "为一家新开的面包店写一句广告语。"),
    ("总结这篇文章的主要观点。", "这篇文章的主要观点总结。"),
    ("列举五种常见的编程语言。", "列举五种常见的编程语言"),
    ("请写一封感谢老师的信。", "请写一封感谢老师的信"),
    ("Explain the theory of relativity in simple terms.",
     "Explain the theory of relativity in simple terms."),
    ("比较一下火车和飞机出行的优缺点。", "比较火车和飞机出行的优缺点。"),
    ("将下面的句子翻译成英文。\n我爱我的家乡。", "将下面的句子翻译成英文。"),
    ("为这张图片写一段描述。", "为这张图片写一段描述"),
    ("生成一个关于友谊的故事标题。", "生成一个关于友谊的故事标题。"),
    ("告诉我如何做一杯拿铁咖啡。", "如何做一杯拿铁咖啡"),
    ("提出一个减少塑料污染的方法。", "提出一个减少塑料污染的方法。"),
]


def quality_items(rng: random.Random) -> list[dict]:
    items: list[dict] = []

    def add(entry: dict, rule: str | None) -> None:
        items.append({**entry, "rule": rule})

    for q, a in QA:  # good records, three source shapes
        add(alpaca(q, a), None)
        add(sharegpt(q, a), None)
    for q, a in GOOD_HARD:
        add(alpaca(q, a), None)
    for _ in range(30):
        (q1, a1), (q2, a2) = rng.sample(QA, 2)
        add(sharegpt(q1, a1, q2, a2), None)
    for q, a in rng.sample(QA, 10):  # alpaca with an input field
        add(alpaca("根据下面的问题给出回答。", a, q), None)
    for q, a in rng.sample(QA, 10):  # placeholder input: stripped, the record stays
        add(alpaca(q, a, rng.choice(["<无输入>", "<noinput>", "无输入"])), None)
    for q, _ in rng.sample(QA, 12):
        add(alpaca(q, rng.choice(["<nooutput>", "N/A", "<无输出>", "<无输入>", "null"])),
            "placeholder")
    for q, _ in rng.sample(QA, 12):
        add(alpaca(q, rng.choice(["", " ", "。", "...", "？", "——", "\n\n"])), "too_short")
    add(alpaca(rng.choice(["", "<无输入>"]), "这是一个没有问题的回答。", ""), "too_short")
    for q, _ in rng.sample(QA, 5):
        body = "".join(rng.sample(ZH, len(ZH)))
        add(alpaca(q, (body * 6)[:17000]), "too_long")
    for q, a in rng.sample([qa for qa in QA if len(qa[1].encode()) >= len(qa[1]) + 40], 14):
        bad = rng.choice([mojibake_latin1, mojibake_gbk])(a)
        add(alpaca(q, bad), "mojibake")
    for q, a in rng.sample(QA, 4):
        add(alpaca(q, a[:20] + "锟斤拷锟斤拷锟斤拷烫烫烫" + a[20:]), "mojibake")
    for q, _ in rng.sample(QA, 12):
        line = rng.choice(ZH)
        n = rng.randint(5, 12)
        add(alpaca(q, "\n".join([line] * n + [rng.choice(ZH)])), "repeated_lines")
    for q, _ in rng.sample(QA, 12):
        s = rng.choice(ZH)
        add(alpaca(q, rng.choice([s * rng.randint(4, 8), "哈" * rng.randint(60, 200),
                                  s + ("好的，" * 40)])), "repeated_ngrams")
    for r in REFUSALS:
        q = rng.choice(QA)[0]
        add(rng.choice([alpaca(q, r), sharegpt(q, r)]), "refusal")
    for d in DISCLAIMERS:
        q = rng.choice(QA)[0]
        add(rng.choice([alpaca(q, d), sharegpt(q, d)]), "ai_disclaimer")
    for q, _ in rng.sample(QA, 12):
        lang, code = rng.choice(CODE)
        add(alpaca(q, f"代码如下：\n```{lang}\n{code}\n"), "unbalanced_code_fence")
    for t in TRUNCATED:
        add(rng.choice([alpaca(rng.choice(QA)[0], t), sharegpt(*rng.choice(QA), "继续说", t)]),
            "truncated")
    for q, a in RESTATES:
        add(alpaca(q, a), "restates_question")
    return items


# --- turn repair ---------------------------------------------------------------------

ROLE_NAMES = {"user": ["human", "user", "human"], "assistant": ["gpt", "chatgpt", "assistant",
                                                                 "gpt", "bing"]}


def raw(turns: list[tuple[str, str]], rng: random.Random) -> dict:
    """Conversation turns (role, text) -> a ShareGPT record with varied role names."""
    return {"conversations": [{"from": rng.choice(ROLE_NAMES[r]), "value": t} for r, t in turns]}


def msgs(turns: list[tuple[str, str]]) -> list[dict]:
    return [{"role": r, "content": t} for r, t in turns]


class Tokens:
    """Mixtral token counts for budget labels (None when sentencepiece is missing)."""

    def __init__(self) -> None:
        try:
            import sentencepiece
            path = resources.files("mistral_common") / "data" / "tokenizer.model.v1"
        except ImportError:
            self.sp = None
            return
        self.sp = sentencepiece.SentencePieceProcessor(model_file=str(path))

    def exchange(self, q: str, a: str) -> int:
        assert self.sp is not None
        return len(self.sp.encode(f"[INST] {q} [/INST]")) + len(self.sp.encode(a)) + 1


def repair_items(rng: random.Random) -> list[dict]:
    items: list[dict] = []
    tokens = Tokens()

    def add(turns: list[tuple[str, str]], expected: list[tuple[str, str]] | None,
            breakage: str, reason: str | None = None) -> None:
        items.append({"format": "sharegpt", "record": raw(turns, rng), "breakage": breakage,
                      "expected": msgs(expected) if expected is not None else None,
                      "reason": reason})

    def clean(n: int) -> list[tuple[str, str]]:
        out = []
        for q, a in rng.sample(QA, n):
            out += [("user", q), ("assistant", a)]
        return out

    for _ in range(25):
        c = clean(rng.randint(1, 3))
        add(c, c, "valid")
    for _ in range(15):
        c = clean(rng.randint(1, 3))
        greeting = rng.choice(["你好！有什么可以帮你的吗？", "Hello! How can I help?"])
        add([("assistant", greeting), *c], c, "leading_assistant")
    for _ in range(15):
        c = clean(rng.randint(1, 3))
        add([*c, ("user", rng.choice(["谢谢", "那第二个问题呢？", "好的，我明白了"]))], c,
            "trailing_user")
    for _ in range(15):
        c = clean(rng.randint(1, 2))
        q = c[0][1]
        extra = rng.choice(["请详细一点。", "用中文回答。", "谢谢！"])
        add([("user", q), ("user", extra), *c[1:]], [("user", f"{q}\n\n{extra}"), *c[1:]],
            "double_user")
    for _ in range(15):
        c = clean(rng.randint(1, 2))
        a = c[1][1]
        extra = rng.choice(["希望对你有帮助。", "如果还有问题，欢迎继续提问。"])
        add([c[0], c[1], ("assistant", extra), *c[2:]],
            [c[0], ("assistant", f"{a}\n\n{extra}"), *c[2:]], "double_assistant")
    long_qa = [qa for qa in QA if len(qa[1]) >= 30]
    for _ in range(25):
        q0, a = rng.choice(long_qa)
        c = [("user", q0), ("assistant", a), *clean(rng.randint(0, 1))]
        cut = rng.randint(len(a) // 3, 2 * len(a) // 3)
        word = rng.choice(["继续", "请继续", "继续。", "继续写", "接着说", "continue", "Continue",
                           "go on", "请继续写下去", "继续！"])
        add([c[0], ("assistant", a[:cut]), ("user", word), ("assistant", a[cut:]), *c[2:]],
            [c[0], ("assistant", a[:cut] + "\n" + a[cut:]), *c[2:]], "continuation")
    for _ in range(15):
        c = clean(2)
        empty = rng.choice(["", " ", "\n"])
        add([c[0], ("assistant", empty), *c[2:]], c[2:], "empty_answer")
    for _ in range(10):
        c = clean(2)
        add([c[0], c[1], ("user", rng.choice(["", " "])), *c[2:]], c, "empty_question")
    for _ in range(15):
        c = clean(rng.randint(1, 2))
        q = c[0][1]
        add([("user", f"1 / 1{q}"), ("assistant", f"1 / 1{c[1][1]}"), *c[2:]], c,
            "regenerate_noise")
    for i, (html_text, md) in enumerate(HTML_PAIRS):
        for _ in range(3):
            q = rng.choice(QA)[0]
            extra = clean(1) if i % 2 else []
            add([("user", q), ("assistant", html_text), *extra],
                [("user", q), ("assistant", md), *extra], "html")
    for _ in range(10):
        lang, code = rng.choice(CODE)
        q = rng.choice(QA)[0]
        add([("user", q), ("assistant", f"示例：\n```{lang}Copy code\n{code}\n```")],
            [("user", q), ("assistant", f"示例：\n```{lang}\n{code}\n```")], "copy_code")
    for _ in range(10):  # unrepairable
        q, a = rng.choice(QA)
        turns = rng.choice([[("user", q)], [("assistant", a)], [("user", ""), ("assistant", "")],
                            [("assistant", a), ("user", q)], [("user", q), ("user", "在吗")]])
        add(turns, None, "unrepairable", "unrepairable")
    if tokens.sp is not None:  # over the budget: keep the exchanges that fit
        long_answers = ["".join(rng.sample(ZH, 45)) for _ in range(12)]
        for i in range(14):
            turns = []
            for j in range(rng.randint(2, 4)):
                q = rng.choice(QA)[0]
                a = long_answers[(i + j) % len(long_answers)][:rng.randint(600, 1500)]
                if j == 0 and i < 3:
                    a = long_answers[i] * 2  # first exchange alone over budget: removed
                turns += [("user", q), ("assistant", a)]
            used, keep = 0, 0
            for k in range(0, len(turns), 2):
                used += tokens.exchange(turns[k][1], turns[k + 1][1])
                if used > BUDGET:
                    break
                keep = k + 2
            if keep == 0:
                add(turns, None, "over_budget", "over_budget")
            else:
                add(turns, turns[:keep], "budget_cut" if keep < len(turns) else "budget_fits")
    return items


def holdout_items() -> list[dict]:
    from holdout import LANGID, QUALITY, REPAIR, SCRIPT

    items: list[dict] = []
    for kind, region, text, gold in SCRIPT:
        items.append({"step": "to_simplified", "kind": kind, "region": region, "text": text,
                      "gold": gold})
    for text, lang, category in LANGID:
        items.append({"step": "language_id", "text": text, "lang": lang, "category": category})
    for q, a, rule in QUALITY:
        items.append({"step": "quality", **alpaca(q, a), "rule": rule})
    for turns, expected, reason in REPAIR:
        items.append({"step": "turn_repair", "format": "sharegpt", "breakage": "holdout",
                      "record": {"conversations": [{"from": f, "value": v} for f, v in turns]},
                      "expected": msgs(expected) if expected is not None else None,
                      "reason": reason})
    return items


def main() -> None:
    rng = random.Random(20241123)
    write("script.jsonl", script_items(rng))
    write("langid.jsonl", langid_items(rng))
    write("quality.jsonl", quality_items(rng))
    write("repair.jsonl", repair_items(rng))
    write("holdout.jsonl", holdout_items())


if __name__ == "__main__":
    main()
