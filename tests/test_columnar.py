"""The JSON Lines fast path (curation.columnar) reads what the json module reads, or
steps aside: every file here is loaded both ways and compared, errors included."""

import json
import random
from pathlib import Path

import polars as pl
import pytest

from curation import columnar, loading
from curation.errors import InputError
from curation.loading import LoadPolicy, iter_local, to_table

POLICIES = [LoadPolicy(), LoadPolicy(max_record_chars=60, empty_turns="keep", control_chars="keep")]


def both_ways(path: Path, fmt: str, policy: LoadPolicy):
    """(fast result or None, record-by-record result or its error)."""
    try:
        fast = loading._lines_columnar(path, (0, 1), source="s", fmt=fmt, policy=policy)
    except InputError as e:
        fast = e
    try:
        slow = to_table(iter_local(path), origin=str(path), source="s", fmt=fmt, policy=policy)
    except InputError as e:
        slow = e
    return fast, slow


def assert_same(path: Path, fmt: str, policy: LoadPolicy) -> bool:
    """The fast path agrees with the json module's reading; True when it took the file."""
    fast, slow = both_ways(path, fmt, policy)
    if fast is None:
        return False
    if isinstance(slow, InputError) or isinstance(fast, InputError):
        assert str(fast) == str(slow), path.read_bytes()[:300]
        return True
    assert fast[0].equals(slow[0]), path.read_bytes()[:300]
    assert fast[1].equals(slow[1]), path.read_bytes()[:300]
    return True


def write(tmp_path: Path, lines: list[str], name: str = "f.jsonl") -> Path:
    path = tmp_path / name
    path.write_bytes("".join(lines).encode("utf-8", "surrogatepass"))
    return path


TURN = '{{"from": "{}", "value": {}}}'
CASES = {  # sharegpt lines: each file is a plain line, then the case, then a plain line
    "plain": '{"id": "a", "conversations": [{"from": "human", "value": "你好"}, '
             '{"from": "gpt", "value": "你好！"}]}',
    "number made a string": '{"conversations": [{"from": "human", "value": 1}]}',
    "list made a string": '{"conversations": [{"from": "human", "value": ["x"]}]}',
    "object made a string": '{"conversations": [{"from": "human", "value": {"k": "v"}}]}',
    "empty list made a string": '{"conversations": [{"from": "human", "value": []}]}',
    "repeated key": '{"conversations": [{"from": "human", "value": "a", "value": "b"}]}',
    "repeated key by escape": '{"conversations": [], "\\u0063onversations": []}',
    "null value": '{"conversations": [{"from": "human", "value": null}, '
                  '{"from": "gpt", "value": "答"}]}',
    "null turn": '{"conversations": [null, {"from": "gpt", "value": "答"}]}',
    "turn a string": '{"conversations": ["你好", {"from": "gpt", "value": "答"}]}',
    "unknown role": '{"conversations": [{"from": "robot", "value": "x"}]}',
    "role spelled otherwise": '{"conversations": [{"from": " Human ", "value": "问"}, '
                              '{"from": "GPT", "value": "答"}]}',
    "system turn": '{"conversations": [{"from": "system", "value": "规则"}, '
                   '{"from": "human", "value": "问"}, {"from": "gpt", "value": "答"}]}',
    "system field": '{"system": "你是助手", "conversations": [{"from": "human", "value": "问"}, '
                    '{"from": "gpt", "value": "答"}]}',
    "blank system": '{"system": " \\u3000", "conversations": [{"from": "human", "value": "问"}, '
                    '{"from": "gpt", "value": "答"}]}',
    "system of separators": '{"system": "\\u001c", "conversations": [{"from": "human", '
                            '"value": "问"}, {"from": "gpt", "value": "答"}]}',
    "system a number": '{"system": 3, "conversations": []}',
    "lone surrogate": '{"conversations": [{"from": "human", "value": "a\\ud800b"}, '
                      '{"from": "gpt", "value": "答"}]}',
    "emoji escaped": '{"conversations": [{"from": "human", "value": "\\ud83d\\ude00"}, '
                     '{"from": "gpt", "value": "答"}]}',
    "control characters": '{"conversations": [{"from": "human", "value": "a\\u0000b\\u001fc"}, '
                          '{"from": "gpt", "value": "答\\u007f"}]}',
    "blank turn": '{"conversations": [{"from": "human", "value": "问"}, '
                  '{"from": "gpt", "value": "\\t "}]}',
    "no answer": '{"conversations": [{"from": "human", "value": "问"}]}',
    "no turns": '{"conversations": []}',
    "pairs layout": '{"conversation": [{"human": "问", "assistant": "答"}]}',
    "no conversations": '{"id": 3}',
    "long": '{"conversations": [{"from": "human", "value": "' + "长" * 70 + '"}, '
            '{"from": "gpt", "value": "答"}]}',
    "tools": '{"tools": "[]", "conversations": [{"from": "human", "value": "问"}, '
             '{"from": "gpt", "value": "答"}]}',
    "escaped quotes and colons": '{"conversations": [{"from": "human", "value": "say \\"a\\": '
                                 '\\\\"}, {"from": "gpt", "value": "\\\\\\":"}]}',
    "quote escaped as unicode": '{"conversations": [{"from": "human", "value": "\\u0022"}, '
                                '{"from": "gpt", "value": "答"}]}',
    "spaces around colons": '{ "conversations" : [ { "from" : "human" , "value" : "问" } , '
                            '{"from":"gpt","value":"答"} ] }',
    "NaN elsewhere": '{"score": NaN, "conversations": []}',
    "extra turn fields": '{"conversations": [{"from": "human", "value": "问", "n": 1.5}, '
                         '{"from": "gpt", "value": "答", "n": 2}]}',
    "not an object": '["x"]',
    "malformed": '{"conversations": [}',
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("policy", POLICIES, ids=["default", "lenient"])
def test_a_sharegpt_case_reads_as_the_json_module_reads_it(tmp_path, case, policy):
    plain = CASES["plain"]
    path = write(tmp_path, [plain + "\n", CASES[case] + "\n", plain + "\r\n"])
    took = assert_same(path, "sharegpt", policy)
    if case in ("plain", "system field", "spaces around colons", "escaped quotes and colons",
                "extra turn fields", "role spelled otherwise", "system turn", "null turn"):
        assert took  # plain, or read per record: the fast path holds


ALPACA = {
    "plain": '{"instruction": "写诗", "input": "", "output": "春眠不觉晓"}',
    "with input": '{"instruction": "翻译", "input": "hello", "output": "你好"}',
    "blank input": '{"instruction": "翻译", "input": " \\n", "output": "你好"}',
    "input of separators": '{"instruction": "翻译", "input": "\\u001e", "output": "你好"}',
    "no input": '{"instruction": "翻译", "output": "你好"}',
    "empty system": '{"instruction": "翻译", "output": "你好", "system": ""}',
    "system": '{"instruction": "翻译", "output": "你好", "system": " 助手"}',
    "history": '{"instruction": "再来", "output": "好", "history": [["问", "答"]]}',
    "bad history": '{"instruction": "再来", "output": "好", "history": [["问", 1]]}',
    "no output": '{"instruction": "翻译"}',
    "output a number": '{"instruction": "一加一", "output": 2}',
    "empty output": '{"instruction": "翻译", "output": ""}',
}


@pytest.mark.parametrize("case", list(ALPACA))
def test_an_alpaca_case_reads_as_the_json_module_reads_it(tmp_path, case):
    plain = ALPACA["plain"]
    path = write(tmp_path, [plain + "\n", ALPACA[case] + "\n", plain])
    for policy in POLICIES:
        took = assert_same(path, "alpaca", policy)
        if case in ("plain", "with input", "blank input", "no input", "system", "history"):
            assert took


def test_blank_lines_and_a_bom_step_aside(tmp_path):
    plain = CASES["plain"]
    assert columnar.read_lines((plain + "\n\n" + plain).encode()) is None
    assert columnar.read_lines(("\ufeff" + plain).encode()) is None
    assert columnar.read_lines(b"") is None
    assert columnar.read_lines((plain + "\n" + plain).encode()).height == 2


def test_counts_tell_what_polars_changed():
    """Each is read by polars without an error, but not as the json module reads it."""
    for text in ['{"a": "x"}\n{"a": 1}', '{"a": "x"}\n{"a": ["y"]}', '{"a": "x", "a": "y"}',
                 '{"a": "x"}\n{"a": {"k": 1}}', '{"a": "x", "b": null}',
                 '{"a": "x"}\n{"a": []}', '{"\\u0061": 1, "a": 2}']:
        data = text.encode()
        assert columnar.text_counts(data) != columnar.frame_counts(pl.read_ndjson(data)), text
        assert columnar.read_lines(data) is None, text
    data = b'{"a": "x\\"y\\": z", "b": {"c": ["\\\\", ":"]}}'
    assert columnar.text_counts(data) == columnar.frame_counts(pl.read_ndjson(data)) == (3, 6, 2)


def _random_text(rng: random.Random) -> str:
    common = ["你好", "答案", "hello", " ", "\n", '"', "\\", ":", "{", "}", "[", "]", "\t", ","]
    rare = ["\u3000", "\x00", "\x1c", "\x7f", "\ud800", "😀", "\u2028", "\x85"]
    return "".join(rng.choice(rare if rng.random() < 0.03 else common)
                   for _ in range(rng.randint(0, 6)))


def _random_value(rng: random.Random) -> object:
    return rng.choice([_random_text(rng), _random_text(rng), _random_text(rng), None, 1, 2.5,
                       True, [], ["x"], {"k": "v"}, {}])


def _random_line(rng: random.Random) -> str:
    turns = []
    for i in range(rng.randint(0, 4)):
        role = rng.choice(["human", "gpt", "gpt", "human", "system", "bard", "x", " GPT"])
        turn = {"from": role, "value": _random_text(rng) or "问" if i % 3 else "问答"}
        if rng.random() < 0.03:
            turn["value"] = _random_value(rng)
        if rng.random() < 0.02:
            del turn["from"]
        turns.append(turn)
    record: dict[str, object] = {"id": rng.randint(0, 9), "conversations": turns}
    if rng.random() < 0.15:
        record["system"] = _random_value(rng)
    if rng.random() < 0.02:
        record["conversations"] = _random_value(rng)
    line = json.dumps(record, ensure_ascii=rng.random() < 0.2)
    if rng.random() < 0.02:
        line = line.replace('"from"', '"value": "x", "from"', 1)  # a repeated key
    return line


def test_random_files_read_as_the_json_module_reads_them(tmp_path):
    rng = random.Random(7)
    took = 0
    for n in range(200):
        lines = [_random_line(rng) for _ in range(rng.randint(1, 8))]
        path = write(tmp_path, [line + "\n" for line in lines], f"r{n}.jsonl")
        took += assert_same(path, "sharegpt", POLICIES[n % 2])
    assert took >= 60  # the fast path took a good share of them


def _random_alpaca_line(rng: random.Random) -> str:
    record: dict[str, object] = {}
    for key in ("instruction", "input", "output", "system"):
        draw = rng.random()
        if draw < 0.85:
            record[key] = _random_text(rng) or "写"
        elif draw < 0.9:
            record[key] = _random_value(rng)
        elif draw < 0.95:
            record[key] = ""
    if rng.random() < 0.05:
        record["history"] = rng.choice([[["问", "答"]], [], [["问", 1]], "x", None])
    if rng.random() < 0.03:
        record["tools"] = rng.choice(["[]", [], None, "x"])
    line = json.dumps(record, ensure_ascii=rng.random() < 0.2)
    if rng.random() < 0.02:
        line = line.replace('"output"', '"input": "x", "output"', 1)  # a repeated key
    return line


def test_random_alpaca_files_read_as_the_json_module_reads_them(tmp_path):
    rng = random.Random(11)
    took = 0
    for n in range(150):
        lines = [_random_alpaca_line(rng) for _ in range(rng.randint(1, 8))]
        path = write(tmp_path, [line + "\n" for line in lines], f"a{n}.jsonl")
        took += assert_same(path, "alpaca", POLICIES[n % 2])
    assert took >= 40
