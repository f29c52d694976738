"""A small built dataset version (curation's output contract) for the finetune tests."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import polars as pl

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

README = """---
configs:
- config_name: default
  data_files:
  - split: train
    path: "data/train-*"
---
# finetune test fixture
"""

LONG_ANSWER = "长城是中国古代的军事防御工程，" * 40 + "它是世界文化遗产。"


def _conv(*turns: str) -> list[dict[str, str]]:
    roles = ("user", "assistant")
    return [{"role": roles[i % 2], "content": text} for i, text in enumerate(turns)]


#: (system, messages): single- and multi-turn, one system prompt, and one conversation
#: (index LONG_INDEX) whose second answer is far longer than the tests' cutoff of 256 tokens.
CONVERSATIONS: list[tuple[str | None, list[dict[str, str]]]] = [
    (None, _conv("你好，请介绍一下北京。", "北京是中华人民共和国的首都，有故宫、长城等名胜古迹。")),
    (None, _conv("1加1等于几？", "1加1等于2。")),
    (
        "你是一位耐心的数学老师，回答要简洁。",
        _conv("什么是质数？", "质数是只能被1和它本身整除的大于1的自然数。"),
    ),
    (
        None,
        _conv(
            "推荐一本适合初学者的编程书。",
            "可以从《Python编程：从入门到实践》开始。",
            "为什么推荐这本？",
            "它讲解循序渐进，还有很多练习项目。",
        ),
    ),
    (None, _conv("把“我爱学习”翻译成英文。", "I love studying.")),
    (
        None,
        _conv(
            "写一句关于春天的诗。",
            "春风又绿江南岸，明月何时照我还。",
            "这句诗的作者是谁？",
            "这句诗出自北宋王安石的《泊船瓜洲》。",
            "再写一句关于秋天的。",
            "停车坐爱枫林晚，霜叶红于二月花。",
        ),
    ),
    (None, _conv("水的化学式是什么？", "水的化学式是H₂O。")),
    (None, _conv("如何保持健康？", "均衡饮食、规律作息、适量运动，并保持良好心态。")),
    (
        None,
        _conv(
            "长城有多长？",
            "明长城总长约8851.8千米。",
            "详细介绍一下长城。",
            LONG_ANSWER,
            "谢谢！",
            "不客气。",
        ),
    ),
    (None, _conv("今天天气怎么样？", "抱歉，我无法获取实时天气信息。")),
    (
        None,
        _conv(
            "什么是机器学习？",
            "机器学习是让计算机从数据中学习规律的方法。",
            "举个例子。",
            "例如垃圾邮件过滤。",
        ),
    ),
    (None, _conv("中国有多少个省级行政区？", "中国有34个省级行政区。")),
]

LONG_INDEX = 8


def write_built_dataset(
    root: Path,
    conversations: list[tuple[str | None, list[dict[str, str]]]] | None = None,
    *,
    fingerprint: str = "fixture-fp-0001",
    version: str = "v-test",
) -> Path:
    """Write `root` as a built version: data/train parquet, removed.parquet, manifest, card."""
    conversations = CONVERSATIONS if conversations is None else conversations
    (root / "data").mkdir(parents=True, exist_ok=True)
    rows: dict[str, list[Any]] = {
        "id": [f"fixture-{i:04d}" for i in range(len(conversations))],
        "source": ["fixture"] * len(conversations),
        "source_index": list(range(len(conversations))),
        "system": [system for system, _ in conversations],
        "messages": [messages for _, messages in conversations],
    }
    schema = {
        "id": pl.String,
        "source": pl.String,
        "source_index": pl.Int64,
        "system": pl.String,
        "messages": pl.List(pl.Struct({"role": pl.String, "content": pl.String})),
    }
    frame = pl.DataFrame(rows, schema=schema)
    frame.write_parquet(root / "data" / "train-00000-of-00001.parquet")
    frame.head(0).write_parquet(root / "removed.parquet")
    manifest = {
        "dataset": "fixture-zh",
        "version": version,
        "fingerprint": fingerprint,
        "counts": {"input": len(conversations), "kept": len(conversations), "removed": 0},
    }
    (root / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    (root / "README.md").write_text(README, encoding="utf-8")
    return root
