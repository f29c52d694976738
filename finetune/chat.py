"""Conversations to training tokens in the Mistral instruct format, with assistant-only labels.

Format (mistral-common, Mistral instruct v1, what Mixtral-Instruct was trained on):
`<s>[INST] user1 [/INST] answer1</s>[INST] user2 [/INST] answer2</s>`. There is no
system role: a system prompt becomes `system + "\\n\\n" + user1`.

Tokens are built segment by segment exactly as mistral-common does (each `[INST] … [/INST]`
block and each answer is encoded on its own, answers followed by the EOS id), so the
assistant spans are known by construction; no offsets or string search are needed.
Labels are `-100` everywhere except on every answer and its closing EOS.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from transformers import PreTrainedTokenizerBase

from finetune.errors import FinetuneError

IGNORE_INDEX = -100

Message = Mapping[str, str]


@dataclass(frozen=True)
class EncodedConversation:
    """One conversation as model inputs; `n_turns_kept < n_turns` when it was cut."""

    input_ids: list[int]
    labels: list[int]
    n_turns: int
    n_turns_kept: int

    @property
    def truncated(self) -> bool:
        return self.n_turns_kept < self.n_turns


def format_problem(messages: Sequence[Message]) -> str | None:
    """Why a conversation cannot be put in the chat format, or None if it can."""
    if not messages or len(messages) % 2:
        return f"a conversation needs user/assistant pairs, got {len(messages)} messages"
    for i, message in enumerate(messages):
        expected = "user" if i % 2 == 0 else "assistant"
        if message["role"] != expected:
            return (f"message {i} has role {message['role']!r}, expected {expected!r} "
                    "(strict user/assistant alternation, starting with user)")
    return None


def fold_system(messages: Sequence[Message], system: str | None = None) -> list[dict[str, str]]:
    """Validate alternation and fold the system prompt into the first user turn."""
    out = [{"role": str(m["role"]), "content": str(m["content"])} for m in messages]
    problem = format_problem(out)
    if problem:
        raise FinetuneError(problem)
    if system:
        out[0]["content"] = f"{system}\n\n{out[0]['content']}"
    return out


def render_text(
    messages: Sequence[Message], system: str | None = None, *, bos: str = "<s>", eos: str = "</s>"
) -> str:
    """The conversation as one string, the form a chat template renders it in."""
    parts = [bos]
    for user, assistant in _pairs(fold_system(messages, system)):
        parts.append(f"[INST] {user} [/INST] {assistant}{eos}")
    return "".join(parts)


def _pairs(messages: list[dict[str, str]]) -> list[tuple[str, str]]:
    return [
        (messages[i]["content"], messages[i + 1]["content"]) for i in range(0, len(messages), 2)
    ]


def _segments(messages: Sequence[Message], system: str | None) -> list[str]:
    """Alternating `[INST] u [/INST]` and answer strings, encoded independently."""
    segments: list[str] = []
    for user, assistant in _pairs(fold_system(messages, system)):
        segments.append(f"[INST] {user} [/INST]")
        segments.append(assistant)
    return segments


def _assemble(
    segment_ids: Sequence[Sequence[int]],
    bos_id: int,
    eos_id: int,
    cutoff_len: int | None,
) -> EncodedConversation | None:
    """Join encoded segments, keeping whole turns only; None if not even one turn fits."""
    input_ids = [bos_id]
    labels = [IGNORE_INDEX]
    n_turns = len(segment_ids) // 2
    kept = 0
    for turn in range(n_turns):
        prompt = list(segment_ids[2 * turn])
        answer = [*segment_ids[2 * turn + 1], eos_id]
        if cutoff_len is not None and len(input_ids) + len(prompt) + len(answer) > cutoff_len:
            break
        input_ids += prompt + answer
        labels += [IGNORE_INDEX] * len(prompt) + answer
        kept += 1
    if kept == 0:
        return None
    return EncodedConversation(input_ids, labels, n_turns, kept)


def encode_conversation(
    tokenizer: PreTrainedTokenizerBase,
    messages: Sequence[Message],
    system: str | None = None,
    cutoff_len: int | None = None,
) -> EncodedConversation | None:
    """Encode one conversation; over-long ones lose whole trailing turns, never part of one.

    Returns None when even the first turn exceeds `cutoff_len` (the caller counts these).
    """
    segments = _segments(messages, system)
    ids = tokenizer(segments, add_special_tokens=False)["input_ids"]
    return _assemble(ids, tokenizer.bos_token_id, tokenizer.eos_token_id, cutoff_len)


def encode_prompt(
    tokenizer: PreTrainedTokenizerBase,
    history: Sequence[Message],
    user: str,
    system: str | None = None,
) -> list[int]:
    """Ids the model answers from: the finished exchanges exactly as training encodes them,
    then `[INST] user [/INST]` (the generation prompt of the same format)."""
    messages = [*history, {"role": "user", "content": user}, {"role": "assistant", "content": ""}]
    segments = _segments(messages, system)[:-1]  # drop the empty answer being generated
    ids = tokenizer(segments, add_special_tokens=False)["input_ids"]
    out = [tokenizer.bos_token_id]
    for i, segment in enumerate(ids):
        out += [*segment, tokenizer.eos_token_id] if i % 2 else segment
    return out


#: Roles of tool-calling turns (curation.schema, LLaMA-Factory's sharegpt tags).
TOOL_ROLES = frozenset({"function_call", "observation"})
_PROBE_TOOLS = [{"type": "function", "function": {
    "name": "probe_lookup", "description": "probe", "parameters": {
        "type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]}}}]
_PROBE_TOOL_CHAT = [
    {"role": "user", "content": "probe question"},
    {"role": "function_call", "content": '{"name": "probe_lookup", "arguments": {"q": "x7"}}'},
    {"role": "observation", "content": '{"probe_result": "y9"}'},
    {"role": "assistant", "content": "probe answer"},
]


def is_tool_conversation(messages: Sequence[Message], tools: str | None = None) -> bool:
    return bool(tools) or any(m["role"] in TOOL_ROLES for m in messages)


def _hf_messages(messages: Sequence[Message], system: str | None) -> list[dict[str, Any]]:
    """Our turns as transformers chat-template messages: a function_call is an assistant
    message with `tool_calls`, an observation a `tool` message."""
    import json

    out: list[dict[str, Any]] = [{"role": "system", "content": system}] if system else []
    for m in messages:
        if m["role"] == "function_call":
            calls = json.loads(m["content"])
            calls = calls if isinstance(calls, list) else [calls]
            out.append({"role": "assistant", "content": "", "tool_calls": [
                {"type": "function", "function": {"name": c["name"],
                                                  "arguments": c.get("arguments", {})}}
                for c in calls]})
        elif m["role"] == "observation":
            out.append({"role": "tool", "content": m["content"]})
        else:
            out.append({"role": m["role"], "content": m["content"]})
    return out


def _hf_tools(tools: str | None) -> list[dict[str, Any]] | None:
    import json

    if not tools:
        return None
    parsed = json.loads(tools)
    parsed = parsed if isinstance(parsed, list) else [parsed]
    return [t if "function" in t else {"type": "function", "function": t} for t in parsed]


def tool_format_problem(tokenizer: PreTrainedTokenizerBase) -> str | None:
    """Why this tokenizer cannot train tool turns, or None when its chat template renders
    the tools, the call (name and arguments) and the result of a probe conversation."""
    if not getattr(tokenizer, "chat_template", None):
        return "tokenizer has no chat template"
    try:
        text = tokenizer.apply_chat_template(
            _hf_messages(_PROBE_TOOL_CHAT, None), tools=_PROBE_TOOLS, tokenize=False)
    except Exception as exc:  # templates raise on roles they do not know
        return f"its chat template rejects tool turns ({type(exc).__name__}: {exc})"
    missing = [w for w in ("probe_lookup", "x7", "y9", "probe answer") if w not in text]
    return f"its chat template drops {missing}" if missing else None


def encode_tool_conversation(
    tokenizer: PreTrainedTokenizerBase,
    messages: Sequence[Message],
    system: str | None = None,
    tools: str | None = None,
    cutoff_len: int | None = None,
) -> EncodedConversation | None:
    """Encode a tool-calling conversation with the tokenizer's own chat template; labels
    on the model's turns (answers and calls), not on prompts or tool results.

    Each model turn's text is where the rendering of the conversation up to it extends
    the rendering up to the turn before (templates render prefixes as prefixes); a
    conversation over `cutoff_len` keeps its leading turns up to the last model turn
    that fits. None when not even the first model turn fits.
    """
    conv = _hf_messages(messages, system)
    hf_tools = _hf_tools(tools)
    offset = 1 if system else 0

    def render(n: int) -> str:
        return tokenizer.apply_chat_template(conv[:n], tools=hf_tools, tokenize=False)

    text = render(len(conv))
    spans = []
    for i, m in enumerate(messages):
        if m["role"] in ("assistant", "function_call"):
            before, upto = render(offset + i), render(offset + i + 1)
            if not (text.startswith(upto) and upto.startswith(before)):
                raise FinetuneError("the chat template does not render a conversation's "
                                    "prefixes as prefixes; cannot find the answer spans")
            spans.append((len(before), len(upto)))
    encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids, offsets = encoded["input_ids"], encoded["offset_mapping"]
    # A token overlapping a model turn is trained (one may straddle the boundary: "][").
    labels = [t if any(start < b and end > a for a, b in spans) else IGNORE_INDEX
              for t, (start, end) in zip(ids, offsets, strict=True)]
    n_turns, kept = len(spans), len(spans)
    if cutoff_len is not None and len(ids) > cutoff_len:
        ends = [sum(1 for start, _ in offsets if start < b) for _, b in spans]
        fitting = [k for k, end in enumerate(ends) if end <= cutoff_len]
        if not fitting:
            return None
        kept = fitting[-1] + 1
        ids, labels = ids[:ends[kept - 1]], labels[:ends[kept - 1]]
    return EncodedConversation(list(ids), labels, n_turns, kept)


@dataclass
class EncodingStats:
    """What tokenization did to the data: the counts the run reports."""

    conversations: int = 0
    kept: int = 0
    truncated: int = 0
    turns_dropped: int = 0
    dropped_too_long: int = 0
    dropped_invalid: int = 0  # not user/assistant pairs (e.g. an uncurated source)
    dropped_tool_format: int = 0  # tool turns, and the tokenizer has no tool format
    tool_conversations: int = 0  # tool-calling conversations trained (template has a format)
    tokens: int = 0
    label_tokens: int = 0
    cutoff_len: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "conversations": self.conversations,
            "kept": self.kept,
            "truncated_at_turn_boundary": self.truncated,
            "turns_dropped": self.turns_dropped,
            "dropped_first_turn_too_long": self.dropped_too_long,
            "dropped_invalid_format": self.dropped_invalid,
            "dropped_tool_calls_no_tool_format": self.dropped_tool_format,
            "tool_conversations_trained": self.tool_conversations,
            "tokens": self.tokens,
            "label_tokens": self.label_tokens,
            "cutoff_len": self.cutoff_len,
            **self.extra,
        }


def encode_batch(
    tokenizer: PreTrainedTokenizerBase,
    conversations: Iterable[tuple[Sequence[Message], str | None]],
    cutoff_len: int | None,
) -> list[EncodedConversation | None]:
    """Encode many conversations with one tokenizer call (fast tokenizers batch in Rust)."""
    all_segments: list[list[str]] = [_segments(m, s) for m, s in conversations]
    flat = [seg for segments in all_segments for seg in segments]
    flat_ids = tokenizer(flat, add_special_tokens=False)["input_ids"] if flat else []
    out: list[EncodedConversation | None] = []
    start = 0
    for segments in all_segments:
        ids = flat_ids[start : start + len(segments)]
        start += len(segments)
        out.append(_assemble(ids, tokenizer.bos_token_id, tokenizer.eos_token_id, cutoff_len))
    return out


#: A fixed probe used to compare our encoding with a model's own chat template at run time.
PROBE_CONVERSATION: tuple[dict[str, str], ...] = (
    {"role": "user", "content": "你好，请介绍一下你自己。"},
    {"role": "assistant", "content": "你好！我是一个AI助手。"},
    {"role": "user", "content": "What is 2+2?"},
    {"role": "assistant", "content": "2+2=4。"},
)
PROBE_SYSTEM = "你是一个乐于助人的助手。"


def compare_with_chat_template(tokenizer: PreTrainedTokenizerBase) -> dict[str, Any]:
    """Check our encoding against the tokenizer's own chat template (text and ids).

    Recorded in the run manifest: a mismatch means the model's template formats
    conversations differently from mistral-common's reference, which a run should show.
    """
    if not getattr(tokenizer, "chat_template", None):
        return {"checked": False, "reason": "tokenizer has no chat template"}
    conversation = [{"role": "system", "content": PROBE_SYSTEM}, *PROBE_CONVERSATION]
    ours = encode_conversation(tokenizer, PROBE_CONVERSATION, PROBE_SYSTEM)
    assert ours is not None
    try:
        text = tokenizer.apply_chat_template(conversation, tokenize=False)
        ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    except Exception as exc:  # a template may reject a system message, for instance
        return {"checked": False, "reason": f"{type(exc).__name__}: {exc}"}
    our_text = render_text(
        PROBE_CONVERSATION, PROBE_SYSTEM, bos=tokenizer.bos_token, eos=tokenizer.eos_token
    )
    return {
        "checked": True,
        "text_equal": text == our_text,
        "ids_equal": list(ids) == ours.input_ids,
    }
