"""finetune on tool-calling conversations: trained where the tokenizer's chat template has
a tool format, otherwise dropped and counted."""

from __future__ import annotations

import copy
import json

import pytest
from datasets import Dataset

from finetune.chat import IGNORE_INDEX, encode_tool_conversation, tool_format_problem
from finetune.data import tokenize_dataset
from finetune.tokenizer import load_mixtral_tokenizer

CALL = json.dumps({"name": "get_weather", "arguments": {"city": "杭州"}}, ensure_ascii=False)
RESULT = json.dumps({"weather": "多云", "temp_c": 18}, ensure_ascii=False)
TOOLS = json.dumps([{"name": "get_weather", "description": "查询天气",
                     "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}],
                   ensure_ascii=False)
TOOL_CHAT = [{"role": "user", "content": "杭州今天天气怎么样？"},
             {"role": "function_call", "content": CALL},
             {"role": "observation", "content": RESULT},
             {"role": "assistant", "content": "杭州今天多云，大约18度。"}]
PLAIN = [{"role": "user", "content": "你好"}, {"role": "assistant", "content": "你好！"}]

# A Mistral-style template with a tool format (available tools, calls, results), written
# for this test: the bundled Mixtral v1 template has none.
TOOL_TEMPLATE = (
    "{{ bos_token }}{% if tools %}[AVAILABLE_TOOLS] {{ tools | tojson }}[/AVAILABLE_TOOLS]"
    "{% endif %}{% for m in messages %}"
    "{% if m.role == 'system' %}{{ m.content }}\n\n"
    "{% elif m.role == 'user' %}[INST] {{ m.content }} [/INST]"
    "{% elif m.role == 'assistant' and m.tool_calls %}[TOOL_CALLS] "
    "{{ m.tool_calls | map(attribute='function') | list | tojson }}{{ eos_token }}"
    "{% elif m.role == 'assistant' %} {{ m.content }}{{ eos_token }}"
    "{% elif m.role == 'tool' %}[TOOL_RESULTS] {{ m.content }}[/TOOL_RESULTS]"
    "{% endif %}{% endfor %}")


@pytest.fixture(scope="module")
def mixtral():
    return load_mixtral_tokenizer("tiny-mixtral")


@pytest.fixture(scope="module")
def with_tools(mixtral):
    tok = copy.deepcopy(mixtral)
    tok.chat_template = TOOL_TEMPLATE
    return tok


def _data() -> Dataset:
    return Dataset.from_list([
        {"messages": TOOL_CHAT, "system": None, "tools": TOOLS},
        {"messages": PLAIN, "system": None, "tools": None},
    ])


def test_mixtral_v1_has_no_tool_format_so_tool_chats_are_dropped_and_counted(mixtral):
    assert "rejects tool turns" in tool_format_problem(mixtral)
    encoded, stats = tokenize_dataset(_data(), mixtral, cutoff_len=256)
    counts = stats.as_dict()
    assert counts["dropped_tool_calls_no_tool_format"] == 1
    assert counts["kept"] == encoded.num_rows == 1 and counts["dropped_invalid_format"] == 0
    assert counts["tool_conversations_trained"] == 0


def test_a_template_with_a_tool_format_trains_the_calls_and_answers(with_tools):
    assert tool_format_problem(with_tools) is None
    enc = encode_tool_conversation(with_tools, TOOL_CHAT, "你是助手。", TOOLS)
    text = with_tools.decode(enc.input_ids)
    assert "[AVAILABLE_TOOLS]" in text and "get_weather" in text and "[TOOL_RESULTS]" in text
    trained = with_tools.decode([t for t in enc.labels if t != IGNORE_INDEX])
    assert "[TOOL_CALLS]" in trained and '"city": "杭州"' in trained
    assert "杭州今天多云，大约18度。" in trained and trained.count("</s>") == 2
    assert "多云\", \"temp_c\"" not in trained and "天气怎么样" not in trained  # not trained on
    assert enc.n_turns == enc.n_turns_kept == 2
    encoded, stats = tokenize_dataset(_data(), with_tools, cutoff_len=256)
    assert stats.as_dict()["tool_conversations_trained"] == 1 and encoded.num_rows == 2


def test_tool_conversation_over_the_cutoff_keeps_whole_model_turns(with_tools):
    full = encode_tool_conversation(with_tools, TOOL_CHAT, None, TOOLS)
    cut = encode_tool_conversation(with_tools, TOOL_CHAT, None, TOOLS,
                                   cutoff_len=len(full.input_ids) - 3)
    assert cut.n_turns_kept == 1 and cut.input_ids == full.input_ids[:len(cut.input_ids)]
    assert with_tools.decode(cut.input_ids).endswith("</s>")
    assert encode_tool_conversation(with_tools, TOOL_CHAT, None, TOOLS, cutoff_len=10) is None
