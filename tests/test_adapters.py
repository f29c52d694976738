import json

import pytest

from curation.adapters import SHAREGPT_ROLES, alpaca, messages, sharegpt, tools


def test_alpaca_instruction_and_input_become_the_user_turn():
    system, msgs = alpaca({"instruction": "把下面的句子翻译成英文。", "input": "今天天气很好。",
                           "output": "The weather is nice today."})
    assert system is None
    assert msgs == [{"role": "user", "content": "把下面的句子翻译成英文。\n今天天气很好。"},
                    {"role": "assistant", "content": "The weather is nice today."}]


def test_alpaca_empty_input_and_history_and_system():
    system, msgs = alpaca({"instruction": "再说一遍", "input": "  ", "output": "好的",
                           "history": [["你好", "你好！"]], "system": "你是助手"})
    assert system == "你是助手"
    assert [m["content"] for m in msgs] == ["你好", "你好！", "再说一遍", "好的"]
    assert [m["role"] for m in msgs] == ["user", "assistant", "user", "assistant"]


@pytest.mark.parametrize("record, message", [
    ({"input": "", "output": "x"}, "missing field 'instruction'"),
    ({"instruction": "q", "output": 3}, "must be a string"),
    ({"instruction": "q", "output": "a", "history": "bad"}, "history"),
])
def test_alpaca_bad_records(record, message):
    with pytest.raises(ValueError, match=message):
        alpaca(record)


@pytest.mark.parametrize("name", sorted(SHAREGPT_ROLES))
def test_sharegpt_role_names_in_the_wild(name):
    system, msgs = sharegpt({"conversations": [{"from": "human", "value": "问"},
                                               {"from": name, "value": "答"}]})
    expected = SHAREGPT_ROLES[name]
    if expected == "system":
        assert system == "答" and [m["role"] for m in msgs] == ["user"]
    else:
        assert msgs[1]["role"] == expected


def test_sharegpt_leading_system_turn_becomes_system_prompt():
    system, msgs = sharegpt({"conversations": [
        {"from": "system", "value": "你是一个翻译"}, {"from": "human", "value": "hello"},
        {"from": "gpt", "value": "你好"}]})
    assert system == "你是一个翻译"
    assert [m["role"] for m in msgs] == ["user", "assistant"]


def test_sharegpt_unknown_role_is_an_error():
    with pytest.raises(ValueError, match="unknown role 'robot'"):
        sharegpt({"conversations": [{"from": "robot", "value": "x"}]})


def test_sharegpt_pair_layout_of_the_90k_release():
    _, msgs = sharegpt({"conversation_id": 1, "conversation": [
        {"human": "问一", "assistant": "答一"}, {"human": "问二", "assistant": "答二"}]})
    assert [(m["role"], m["content"]) for m in msgs] == [
        ("user", "问一"), ("assistant", "答一"), ("user", "问二"), ("assistant", "答二")]


def test_sharegpt_null_value_is_an_empty_turn_not_a_crash():
    _, msgs = sharegpt({"conversations": [{"from": "human", "value": None}]})
    assert msgs == [{"role": "user", "content": ""}]


def test_messages_format():
    system, msgs = messages({"messages": [
        {"role": "system", "content": "s"}, {"role": "user", "content": "u"},
        {"role": "assistant", "content": "a"}]})
    assert system == "s"
    assert msgs == [{"role": "user", "content": "u"}, {"role": "assistant", "content": "a"}]
    with pytest.raises(ValueError, match="unknown role 'robot'"):
        messages({"messages": [{"role": "robot", "content": "x"}]})


CALL = '{"name": "get_weather", "arguments": {"city": "杭州"}}'
RESULT = '{"weather": "多雲"}'
TOOLS = '[{"name": "get_weather", "parameters": {"type": "object"}}]'


def test_sharegpt_tool_turns_and_tools_field_of_llamafactory():
    record = {"conversations": [
        {"from": "human", "value": "杭州天气？"}, {"from": "function_call", "value": CALL},
        {"from": "observation", "value": RESULT}, {"from": "gpt", "value": "多云。"}],
        "tools": TOOLS}
    _, msgs = sharegpt(record)
    assert [m["role"] for m in msgs] == ["user", "function_call", "observation", "assistant"]
    assert [m["content"] for m in msgs][1:3] == [CALL, RESULT]  # byte for byte
    assert tools(record) == TOOLS


def test_openai_tool_calls_become_function_call_and_observation_turns():
    record = {"messages": [
        {"role": "user", "content": "杭州天气？"},
        {"role": "assistant", "content": None, "tool_calls": [{"type": "function", "function": {
            "name": "get_weather", "arguments": '{"city": "杭州"}'}}]},
        {"role": "tool", "content": RESULT}, {"role": "assistant", "content": "多云。"}],
        "tools": [{"type": "function", "function": {"name": "get_weather"}}]}
    _, msgs = messages(record)
    assert [m["role"] for m in msgs] == ["user", "function_call", "observation", "assistant"]
    assert json.loads(msgs[1]["content"]) == {"name": "get_weather", "arguments": {"city": "杭州"}}
    assert json.loads(tools(record)) == record["tools"]


@pytest.mark.parametrize("value, expected", [(None, None), ("", None), ([], None), ("[]", None),
                                             (TOOLS, TOOLS)])
def test_tools_field_empty_means_none(value, expected):
    assert tools({"tools": value}) == expected


@pytest.mark.parametrize("value, message", [("[{", "not valid JSON"), (3, "JSON string"),
                                            ('"x"', "JSON list")])
def test_bad_tools_field_is_an_error(value, message):
    with pytest.raises(ValueError, match=message):
        tools({"tools": value})
