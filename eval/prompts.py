"""Few-shot prompts (LLaMA-Factory's wording) and their token ids, including the scored letters.

Two formats:

* ``chat`` (default; what Aurora ran with LLaMA-Factory ``--template mistral``): each shot is a
  user turn (question + "答案：") and an assistant turn (the letter), rendered by the tokenizer's
  own chat template; the subject header is folded into the first user turn.
* ``plain``: one text, shots separated by a blank line, ``答案：A`` / ``Answer: A`` (MMLU's
  original style; the format lm-evaluation-harness scores, used for the peer check).

Which token is the "letter" depends on what precedes it: sentencepiece writes ``A`` after "："
but ``▁A`` after "Answer:" + space or after "[/INST]". We never guess: the prompt is tokenized
with and without the letter appended the way a shot's answer is written, and the new token is
the scored one. Anything other than exactly one new letter token is an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from curation.benchmarks import LETTERS, BenchmarkError, Question, SubjectData

TEMPLATES: tuple[str, ...] = ("chat", "plain")
LANGS: tuple[str, ...] = ("zh", "en")

HEADER = {
    "zh": "以下是中国关于{subject}考试的单项选择题，请选出其中的正确答案。\n\n",
    "en": "The following are multiple choice questions (with answers) about {subject}.\n\n",
}
ANSWER_CUE = {"zh": "\n答案：", "en": "\nAnswer:"}
#: In ``plain`` prompts the letter follows the cue directly in Chinese and after a space in
#: English ("答案：A", "Answer: A"), as in the benchmarks' own few-shot examples.
PLAIN_LETTER_SEP = {"zh": "", "en": " "}
SHOT_SEP = "\n\n"


@dataclass(frozen=True)
class EncodedPrompt:
    """Token ids of one scored question and the ids of the four letter tokens after it."""

    subject: str
    qid: str
    input_ids: tuple[int, ...]
    letter_ids: tuple[int, int, int, int]
    answer: int | None


def question_block(q: Question, lang: str) -> str:
    """Question, options "\\nA. …" and the answer cue, as LLaMA-Factory's eval template."""
    pairs = zip(LETTERS, q.choices, strict=True)
    options = "".join(f"\n{letter}. {text}" for letter, text in pairs)
    return f"{q.question}{options}{ANSWER_CUE[lang]}"


def _check(template: str, lang: str) -> None:
    if template not in TEMPLATES:
        raise ValueError(f"unknown template {template!r}; choose one of {TEMPLATES}")
    if lang not in LANGS:
        raise ValueError(f"unknown lang {lang!r}; choose one of {LANGS}")


def shots_for(subject: SubjectData, n_shot: int) -> tuple[Question, ...]:
    """The first ``n_shot`` dev questions in file order (deterministic, as lm-eval does)."""
    if n_shot < 0:
        raise ValueError("n_shot must be >= 0")
    if n_shot > len(subject.dev):
        raise BenchmarkError(
            f"{subject.info.name}: asked for {n_shot} shots but dev has {len(subject.dev)}"
        )
    return subject.dev[:n_shot]


def plain_prompt(subject: SubjectData, q: Question, lang: str, n_shot: int) -> str:
    """The full ``plain`` prompt text ending with the answer cue."""
    header = HEADER[lang].format(subject=subject.info.display_name(lang))
    sep = PLAIN_LETTER_SEP[lang]
    shots = "".join(
        f"{question_block(s, lang)}{sep}{s.answer}{SHOT_SEP}" for s in shots_for(subject, n_shot)
    )
    return header + shots + question_block(q, lang)


def chat_messages(
    subject: SubjectData, q: Question, lang: str, n_shot: int
) -> list[dict[str, str]]:
    """Shots as user/assistant turns, then the question as the last user turn."""
    messages: list[dict[str, str]] = []
    for s in shots_for(subject, n_shot):
        messages.append({"role": "user", "content": question_block(s, lang)})
        messages.append({"role": "assistant", "content": str(s.answer)})
    messages.append({"role": "user", "content": question_block(q, lang)})
    header = HEADER[lang].format(subject=subject.info.display_name(lang))
    messages[0] = {"role": "user", "content": header + messages[0]["content"]}
    return messages


def _ids(tokenizer: Any, text: str, add_special_tokens: bool) -> list[int]:
    return list(tokenizer(text, add_special_tokens=add_special_tokens)["input_ids"])


def _render_chat(tokenizer: Any, messages: list[dict[str, str]], generation: bool) -> str:
    if not getattr(tokenizer, "chat_template", None):
        raise BenchmarkError(
            "template 'chat' needs a tokenizer with a chat template; use --template plain"
        )
    return tokenizer.apply_chat_template(
        messages, tokenize=False, add_generation_prompt=generation
    )


def letter_token(
    tokenizer: Any,
    prompt_ids: Sequence[int],
    with_letter: Sequence[int],
    letter: str,
    ignore_trailing: bool = False,
) -> int:
    """The single token that appending ``letter`` adds after ``prompt_ids``.

    Fails if appending the letter re-tokenizes the prompt (a merge across the boundary) or adds
    more than one token. ``ignore_trailing`` drops what a chat template writes after the
    answer (EOS, end-of-turn markers, newlines): special or whitespace-only tokens.
    """
    n = len(prompt_ids)
    if list(with_letter[:n]) != list(prompt_ids):
        raise BenchmarkError(
            f"appending answer {letter!r} changes the prompt's own tokens; the letter cannot be "
            f"scored as a next token with this tokenizer/template"
        )
    extra = list(with_letter[n:])
    special = set(getattr(tokenizer, "all_special_ids", ()))
    while ignore_trailing and len(extra) > 1 and (
        extra[-1] in special or not tokenizer.decode([extra[-1]]).strip()
    ):
        extra.pop()
    if len(extra) != 1:
        pieces = tokenizer.convert_ids_to_tokens(extra) if extra else []
        raise BenchmarkError(
            f"answer {letter!r} is {len(extra)} tokens {pieces} after the prompt, expected one"
        )
    if tokenizer.decode([extra[0]]).strip() != letter:
        raise BenchmarkError(
            f"answer {letter!r} tokenized as {tokenizer.convert_ids_to_tokens(extra)}"
        )
    return extra[0]


def encode_question(
    tokenizer: Any, subject: SubjectData, q: Question, lang: str, n_shot: int, template: str
) -> EncodedPrompt:
    """Token ids of the prompt for ``q`` and of the four letters the model may answer with."""
    _check(template, lang)
    letters: list[int] = []
    if template == "plain":
        text = plain_prompt(subject, q, lang, n_shot)
        prompt_ids = _ids(tokenizer, text, add_special_tokens=True)
        for letter in LETTERS:
            with_letter = _ids(tokenizer, text + PLAIN_LETTER_SEP[lang] + letter, True)
            letters.append(letter_token(tokenizer, prompt_ids, with_letter, letter))
    else:
        messages = chat_messages(subject, q, lang, n_shot)
        prompt_ids = _ids(tokenizer, _render_chat(tokenizer, messages, True), False)
        for letter in LETTERS:
            full = [*messages, {"role": "assistant", "content": letter}]
            with_letter = _ids(tokenizer, _render_chat(tokenizer, full, False), False)
            letters.append(letter_token(tokenizer, prompt_ids, with_letter, letter, True))
    if len(set(letters)) != 4:
        raise BenchmarkError(f"the four answer letters share token ids: {letters}")
    answer = None if q.answer is None else q.answer_index
    return EncodedPrompt(subject.info.name, q.id, tuple(prompt_ids), tuple(letters), answer)  # type: ignore[arg-type]


def encode_subject(
    tokenizer: Any, subject: SubjectData, lang: str, n_shot: int, template: str
) -> list[EncodedPrompt]:
    """Encode every scored question of a subject (same shots for all, so a shared prefix)."""
    return [
        encode_question(tokenizer, subject, q, lang, n_shot, template) for q in subject.questions
    ]
