"""Source formats -> the conversation schema.

Each adapter takes one raw record (a dict) and returns ``(system, messages)``;
it raises ``ValueError`` with a short message on a malformed record, which the
loader turns into an error naming the file and record. A record's ``tools``
(LLaMA-Factory: a JSON string; OpenAI: a list) is read by :func:`tools`, the same
for every format.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from curation.schema import Message

Adapter = Callable[[dict[str, Any]], tuple[str | None, list[Message]]]

# Role names seen in the wild in ShareGPT dumps and their converters.
SHAREGPT_ROLES: dict[str, str] = {
    "human": "user",
    "user": "user",
    "gpt": "assistant",
    "chatgpt": "assistant",
    "assistant": "assistant",
    "bing": "assistant",
    "bard": "assistant",
    "model": "assistant",
    "system": "system",
    # LLaMA-Factory's tool-calling tags (its sharegpt defaults), and "tool" results.
    "function_call": "function_call",
    "observation": "observation",
    "tool": "observation",
}
# OpenAI-style roles; "tool" / "function" results are observations.
MESSAGE_ROLES: dict[str, str] = {
    "user": "user", "assistant": "assistant", "system": "system",
    "function_call": "function_call", "observation": "observation",
    "tool": "observation", "function": "observation",
}


def tools(record: dict[str, Any]) -> str | None:
    """The record's tool definitions as JSON text, or None when it has none.

    A string is kept byte for byte (LLaMA-Factory's layout) once it parses as a JSON
    list or object; a list (OpenAI's layout) is serialized. Empty means none.
    """
    value = record.get("tools")
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if not isinstance(value, str):
        raise ValueError(f"field 'tools' must be a JSON string or a list, got "
                         f"{type(value).__name__}")
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError as e:
        raise ValueError(f"field 'tools' is not valid JSON: {e.msg} (char {e.pos})") from None
    if not isinstance(parsed, list | dict):
        raise ValueError("field 'tools' must be a JSON list of function definitions")
    return value if parsed else None


def _text(record: dict[str, Any], key: str, *, required: bool = True) -> str:
    if key not in record:
        if required:
            raise ValueError(f"missing field {key!r} (fields present: {sorted(record)})")
        return ""
    value = record[key]
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"field {key!r} must be a string, got {type(value).__name__}")
    return value


def _split_system(turns: list[tuple[str, str]]) -> tuple[str | None, list[Message]]:
    """System turns become the conversation's system prompt (the schema has no system role)."""
    system = [text for role, text in turns if role == "system" and text.strip()]
    messages: list[Message] = [
        {"role": role, "content": text} for role, text in turns if role != "system"
    ]
    return ("\n\n".join(system) or None), messages


def alpaca(record: dict[str, Any]) -> tuple[str | None, list[Message]]:
    """``instruction`` + ``input`` -> user, ``output`` -> assistant; optional
    ``history`` ([[q, a], ...]) and ``system`` as in LLaMA-Factory's alpaca format."""
    instruction = _text(record, "instruction")
    query = _text(record, "input", required=False)
    output = _text(record, "output")
    messages: list[Message] = []
    history = record.get("history") or []
    if not isinstance(history, list):
        raise ValueError("field 'history' must be a list of [prompt, answer] pairs")
    for pair in history:
        if not (isinstance(pair, list | tuple) and len(pair) == 2
                and all(isinstance(x, str) for x in pair)):
            raise ValueError("field 'history' must be a list of [prompt, answer] pairs")
        messages += [{"role": "user", "content": pair[0]},
                     {"role": "assistant", "content": pair[1]}]
    user = f"{instruction}\n{query}" if query.strip() else instruction
    messages += [{"role": "user", "content": user}, {"role": "assistant", "content": output}]
    system = _text(record, "system", required=False) or None
    return system, messages


def sharegpt(record: dict[str, Any]) -> tuple[str | None, list[Message]]:
    """``conversations: [{from, value}]``; also the ``conversation: [{human,
    assistant}]`` pair layout of ShareGPT-Chinese-English-90k."""
    if "conversations" not in record and isinstance(record.get("conversation"), list):
        turns: list[tuple[str, str]] = []
        for pair in record["conversation"]:
            if not isinstance(pair, dict):
                raise ValueError("'conversation' items must be objects with human/assistant")
            turns += [("user", _text(pair, "human")), ("assistant", _text(pair, "assistant"))]
        return _split_system([("system", _text(record, "system", required=False)), *turns])
    conv = record.get("conversations")
    if not isinstance(conv, list):
        raise ValueError("missing list field 'conversations' (of {from, value} turns)")
    turns = []
    for i, turn in enumerate(conv):
        if not isinstance(turn, dict):
            raise ValueError(f"turn {i} is not an object")
        name = _text(turn, "from")
        role = SHAREGPT_ROLES.get(name.strip().lower())
        if role is None:
            raise ValueError(f"turn {i}: unknown role {name!r} (known: {sorted(SHAREGPT_ROLES)})")
        turns.append((role, _text(turn, "value")))
    system = _text(record, "system", required=False)
    return _split_system([("system", system), *turns])


def _tool_calls(calls: Any, i: int) -> str:
    """OpenAI ``tool_calls`` -> LLaMA-Factory's function_call content (one call: an
    object, parallel calls: a list, each ``{"name", "arguments"}``)."""
    if not isinstance(calls, list) or not calls:
        raise ValueError(f"message {i}: 'tool_calls' must be a non-empty list")
    out = []
    for call in calls:
        function = call.get("function", call) if isinstance(call, dict) else None
        if not isinstance(function, dict) or not isinstance(function.get("name"), str):
            raise ValueError(f"message {i}: each tool call needs a function name")
        arguments = function.get("arguments", {})
        if isinstance(arguments, str):
            try:
                arguments = json.loads(arguments)
            except json.JSONDecodeError:
                raise ValueError(f"message {i}: tool call arguments are not JSON") from None
        out.append({"name": function["name"], "arguments": arguments})
    return json.dumps(out[0] if len(out) == 1 else out, ensure_ascii=False)


def messages(record: dict[str, Any]) -> tuple[str | None, list[Message]]:
    """OpenAI-style ``messages: [{role, content}]``; an assistant message with
    ``tool_calls`` becomes a function_call turn, a ``tool`` message an observation."""
    conv = record.get("messages")
    if not isinstance(conv, list):
        raise ValueError("missing list field 'messages' (of {role, content} turns)")
    turns = []
    for i, turn in enumerate(conv):
        if not isinstance(turn, dict):
            raise ValueError(f"message {i} is not an object")
        name = _text(turn, "role").strip().lower()
        role = MESSAGE_ROLES.get(name)
        if role is None:
            raise ValueError(f"message {i}: unknown role {name!r} ({', '.join(MESSAGE_ROLES)})")
        if role == "assistant" and turn.get("tool_calls"):
            if _text(turn, "content", required=False).strip():
                turns.append(("assistant", _text(turn, "content")))
            turns.append(("function_call", _tool_calls(turn["tool_calls"], i)))
            continue
        turns.append((role, _text(turn, "content")))
    return _split_system(turns)


ADAPTERS: dict[str, Adapter] = {"alpaca": alpaca, "sharegpt": sharegpt, "messages": messages}
