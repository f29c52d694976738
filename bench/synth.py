"""Synthetic Chinese text for benchmarks: Zipf-distributed words in sentences,
so distinct documents share common n-grams the way real text does.

Deterministic for a seed. Written by the project; no dataset text is copied.
"""

from __future__ import annotations

import numpy as np

COMMON = (
    "我们 你们 他们 这个 那个 什么 怎么 为什么 可以 需要 应该 因为 所以 但是 如果 虽然 然后 "
    "已经 正在 还是 或者 以及 通过 对于 关于 根据 进行 使用 提供 包括 成为 发展 问题 方法 "
    "工作 学习 生活 时间 社会 经济 文化 历史 科学 技术 系统 数据 信息 网络 计算机 程序 代码 "
    "函数 变量 模型 训练 语言 中文 英文 翻译 文章 句子 词语 意思 内容 结果 影响 作用 过程 "
    "环境 健康 教育 学生 老师 学校 公司 市场 产品 用户 服务 管理 研究 分析 设计 开发 测试 "
    "重要 主要 不同 相同 简单 复杂 一般 特别 非常 比较 可能 能够 一定 例如 比如 首先 其次 "
    "最后 总之 另外 同时 一些 许多 每个 所有 部分 整体 方面 方式 原因 目的 条件 要求 标准 "
    "城市 国家 世界 中国 北京 上海 人民 政府 企业 组织 活动 项目 计划 目标 任务 能力 经验 "
    "知识 思想 观点 理论 实践 问题 答案 选择 决定 改变 提高 降低 增加 减少 保持 控制 解决 "
    "理解 表达 说明 描述 解释 介绍 讨论 总结 建议 注意 记住 发现 认为 觉得 希望 喜欢 帮助 "
    "春天 夏天 秋天 冬天 阳光 雨水 山水 河流 森林 动物 植物 食物 水果 蔬菜 米饭 茶叶 音乐 "
    "电影 故事 诗歌 小说 作者 读者 朋友 家庭 父母 孩子 身体 运动 休息 睡眠 情绪 压力 心理 "
    "能源 交通 汽车 飞机 手机 电脑 软件 硬件 算法 结构 数组 列表 字典 循环 条件 返回 输入 "
    "输出 文件 目录 服务器 数据库 接口 请求 响应 安全 隐私 风险 成本 效率 质量 价格 价值"
).split()
PUNCT_END = "。。。！？"


def vocabulary(size: int = 4000, seed: int = 0) -> list[str]:
    """The common words plus generated two/three-character words, Zipf-ranked."""
    rng = np.random.default_rng(seed)
    chars = sorted(set("".join(COMMON)))
    words = list(dict.fromkeys(COMMON))
    while len(words) < size:
        n = 2 if rng.random() < 0.8 else 3
        w = "".join(chars[i] for i in rng.integers(0, len(chars), n))
        if w not in words:
            words.append(w)
    return words


class TextGen:
    def __init__(self, seed: int = 0, vocab_size: int = 4000) -> None:
        self.rng = np.random.default_rng(seed)
        self.words = np.array(vocabulary(vocab_size, seed))
        ranks = np.arange(1, len(self.words) + 1)
        p = 1 / ranks**1.05
        self.p = p / p.sum()

    def lengths(self, n: int, median: float, sigma: float, lo: int, hi: int) -> np.ndarray:
        """Long-tailed (log-normal) lengths in characters."""
        return np.clip(self.rng.lognormal(np.log(median), sigma, n), lo, hi).astype(int)

    def text(self, chars: int) -> str:
        return self.texts(np.array([chars]))[0]

    def texts(self, lengths: np.ndarray, batch: int = 20_000) -> list[str]:
        """About ``n`` characters of sentences (5–20 words each) per length ``n``.

        Words are drawn for a batch of documents at once: per-document sampling
        is slow, all-at-once holds hundreds of millions of word objects.
        """
        out: list[str] = []
        for lo in range(0, len(lengths), batch):
            out += self._batch(lengths[lo:lo + batch])
        return out

    def _batch(self, lengths: np.ndarray) -> list[str]:
        n_words = np.maximum(2, lengths // 2)
        ids = self.rng.choice(len(self.words), int(n_words.sum()), p=self.p)
        stream = self.words[ids].tolist()
        sent_len = self.rng.integers(5, 21, len(stream)).tolist()
        ends = self.rng.integers(0, len(PUNCT_END), len(stream)).tolist()
        out = []
        start = 0
        for n, chars in zip(n_words.tolist(), lengths.tolist(), strict=True):
            words, parts, i = stream[start:start + n], [], 0
            while i < n:
                k = sent_len[start + i]
                seg = words[i:i + k]
                half = len(seg) // 2
                parts.append("".join(seg[:half]) + "，" + "".join(seg[half:])
                             + PUNCT_END[ends[start + i]])
                i += k
            out.append(_sentence_cut("".join(parts), chars))
            start += n
        return out


def _sentence_cut(text: str, chars: int) -> str:
    """At most ``chars`` characters, ending at a sentence end like real answers."""
    if len(text) <= chars:
        return text
    cut = max(text.rfind(p, 0, chars) for p in "。！？")
    return text[:cut + 1] if cut > 0 else text[:max(1, chars - 1)] + "。"


def edit(text: str, kind: str, rate: float, rng: np.random.Generator, gen: TextGen) -> str:
    """A near-duplicate of ``text``: character insertions, deletions or
    substitutions at ``rate``, truncation to (1 - rate) of the length, or a
    shuffle of sentences."""
    if kind == "truncate":
        return text[: max(1, int(len(text) * (1 - rate)))]
    if kind == "shuffle":
        sentences = [s for s in text.replace("！", "。").replace("？", "。").split("。") if s]
        k = max(2, int(len(sentences) * rate * 4))
        idx = rng.choice(len(sentences), min(k, len(sentences)), replace=False)
        moved = [sentences[i] for i in idx]
        rng.shuffle(moved)
        for i, s in zip(sorted(idx), moved, strict=True):
            sentences[i] = s
        return "。".join(sentences) + "。"
    chars = list(text)
    n = max(1, int(len(chars) * rate))
    positions = sorted(rng.choice(len(chars), min(n, len(chars)), replace=False), reverse=True)
    fill = gen.words[rng.integers(0, 200, len(positions))]
    for p, w in zip(positions, fill, strict=True):
        if kind == "insert":
            chars.insert(p, w[0])
        elif kind == "delete":
            del chars[p]
        else:
            chars[p] = w[0]
    return "".join(chars)
