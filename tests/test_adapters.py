import pytest

from curation.adapters import SHAREGPT_ROLES, alpaca, messages, sharegpt


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
    with pytest.raises(ValueError, match="unknown role 'tool'"):
        messages({"messages": [{"role": "tool", "content": "x"}]})
