"""finetune: data to tokens (chat format, labels, cuts, padding), config and CLI surface.

Real tokenizers only: the Mixtral sentencepiece model bundled with mistral-common, loaded
through transformers, checked against the chat template and mistral-common's own encoder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from finetune_fixtures import CONVERSATIONS, LONG_INDEX, write_built_dataset
from mistral_common.protocol.instruct.messages import (
    AssistantMessage,
    SystemMessage,
    UserMessage,
)
from mistral_common.protocol.instruct.request import ChatCompletionRequest
from mistral_common.protocol.instruct.validator import ValidationMode
from mistral_common.tokens.tokenizers.mistral import MistralTokenizer

from finetune.chat import (
    IGNORE_INDEX,
    EncodedConversation,
    encode_batch,
    encode_conversation,
    render_text,
)
from finetune.config import DEFAULT_LORA_TARGETS, load_config
from finetune.data import CountingCollator, load_built_dataset, padding_share, tokenize_dataset
from finetune.errors import DatasetNotFoundError, FinetuneError
from finetune.tokenizer import load_mixtral_tokenizer, mixtral_tokenizer_dir

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_DATASETS_OFFLINE"] = "1"

REPO = Path(__file__).resolve().parents[1]

#: Mixtral-8x7B-Instruct-v0.1's chat template as revised on the hub in 2024, verbatim.
#: It puts a space before every `[INST]`; see test_hub_template_differs_only_by_leading_space.
HUB_MIXTRAL_TEMPLATE = (
    "{%- if messages[0]['role'] == 'system' %}\n    {%- set system_message = messages[0]"
    "['content'] %}\n    {%- set loop_messages = messages[1:] %}\n{%- else %}\n    {%- set "
    "loop_messages = messages %}\n{%- endif %}\n\n{{- bos_token }}\n{%- for message in "
    "loop_messages %}\n    {%- if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}\n"
    "        {{- raise_exception('After the optional system message, conversation roles must "
    "alternate user/assistant/user/assistant/...') }}\n    {%- endif %}\n    {%- if "
    "message['role'] == 'user' %}\n        {%- if loop.first and system_message is defined "
    "%}\n            {{- ' [INST] ' + system_message + '\\n\\n' + message['content'] + ' "
    "[/INST]' }}\n        {%- else %}\n            {{- ' [INST] ' + message['content'] + ' "
    "[/INST]' }}\n        {%- endif %}\n    {%- elif message['role'] == 'assistant' %}\n"
    "        {{- ' ' + message['content'] + eos_token}}\n    {%- else %}\n        {{- "
    "raise_exception('Only user and assistant roles are supported, with the exception of an "
    "initial optional system message!') }}\n    {%- endif %}\n{%- endfor %}\n"
)

#: Edge cases beyond the fixture: English, extra spaces, brackets, newlines, emoji.
EXTRA_CONVERSATIONS: list[tuple[str | None, list[dict[str, str]]]] = [
    (
        "You are terse.",
        [
            {"role": "user", "content": "Hello  there [x]\nline two"},
            {"role": "assistant", "content": "Hi! 👋 Two  spaces."},
            {"role": "user", "content": "代码：`print(1)`"},
            {"role": "assistant", "content": "```python\nprint(1)\n```"},
        ],
    ),
]
ALL_CONVERSATIONS = CONVERSATIONS + EXTRA_CONVERSATIONS


@pytest.fixture(scope="module")
def tokenizer():
    tok = load_mixtral_tokenizer("tiny-mixtral")
    tok.padding_side = "right"
    return tok


@pytest.fixture(scope="module")
def mistral_reference() -> MistralTokenizer:
    model_file = mixtral_tokenizer_dir() / "tokenizer.model"
    return MistralTokenizer.from_file(str(model_file), mode=ValidationMode.finetuning)


def _as_chat(system: str | None, messages: list[dict[str, str]]) -> list[dict[str, str]]:
    return ([{"role": "system", "content": system}] if system else []) + list(messages)


def _spans(encoded: EncodedConversation) -> list[list[int]]:
    """Maximal runs of labelled positions, as token ids."""
    spans: list[list[int]] = []
    current: list[int] = []
    for label in encoded.labels:
        if label != IGNORE_INDEX:
            current.append(label)
        elif current:
            spans.append(current)
            current = []
    if current:
        spans.append(current)
    return spans


# --- tokenizer -------------------------------------------------------------------------


def test_offline_mixtral_tokenizer_is_the_real_one(tokenizer) -> None:
    assert len(tokenizer) == 32000
    assert (tokenizer.bos_token_id, tokenizer.eos_token_id, tokenizer.unk_token_id) == (1, 2, 0)
    assert tokenizer.pad_token_id == 0 != tokenizer.eos_token_id
    # a non-empty, real vocabulary (the broken LlamaTokenizer route yields 3 tokens)
    assert tokenizer.convert_ids_to_tokens([733, 16289, 28793]) == ["▁[", "INST", "]"]
    assert load_mixtral_tokenizer("mixtral").get_vocab() == tokenizer.get_vocab()
    assert mixtral_tokenizer_dir() == mixtral_tokenizer_dir()  # deterministic cache folder


def test_saved_tokenizer_reloads_to_same_ids(tokenizer, tmp_path: Path) -> None:
    """Adapters ship their tokenizer; `legacy` handling must survive save/reload."""
    tokenizer.save_pretrained(tmp_path)
    reloaded = load_mixtral_tokenizer(str(tmp_path))
    for system, messages in ALL_CONVERSATIONS:
        a = encode_conversation(tokenizer, messages, system)
        b = encode_conversation(reloaded, messages, system)
        assert a is not None and b is not None and a.input_ids == b.input_ids
    assert reloaded.pad_token_id != reloaded.eos_token_id


# --- chat format -----------------------------------------------------------------------


@pytest.mark.parametrize("index", range(len(ALL_CONVERSATIONS)))
def test_format_matches_chat_template_byte_for_byte(tokenizer, index: int) -> None:
    system, messages = ALL_CONVERSATIONS[index]
    chat = _as_chat(system, messages)
    template_text = tokenizer.apply_chat_template(chat, tokenize=False)
    assert render_text(messages, system) == template_text
    encoded = encode_conversation(tokenizer, messages, system)
    assert encoded is not None
    template_ids = tokenizer(template_text, add_special_tokens=False)["input_ids"]
    assert encoded.input_ids == template_ids
    assert encoded.input_ids == tokenizer.apply_chat_template(chat, tokenize=True)


@pytest.mark.parametrize("index", range(len(ALL_CONVERSATIONS)))
def test_token_ids_match_mistral_common(tokenizer, mistral_reference, index: int) -> None:
    system, messages = ALL_CONVERSATIONS[index]
    request_messages = [SystemMessage(content=system)] if system else []
    request_messages += [
        UserMessage(content=m["content"])
        if m["role"] == "user"
        else AssistantMessage(content=m["content"])
        for m in messages
    ]
    reference = mistral_reference.encode_chat_completion(
        ChatCompletionRequest(messages=request_messages)
    ).tokens
    encoded = encode_conversation(tokenizer, messages, system)
    assert encoded is not None
    assert encoded.input_ids == reference


def test_hub_template_differs_only_by_leading_space(tokenizer) -> None:
    """The hub's revised template writes ` [INST]`; HF tokenizes that space as an extra
    `▁` (28705) before every [INST], unlike mistral-common. Our format follows mistral-common;
    this pins that the hub template differs in exactly that way and nothing else."""
    system, messages = CONVERSATIONS[3]
    chat = _as_chat(system, messages)
    hub_text = tokenizer.apply_chat_template(
        chat, tokenize=False, chat_template=HUB_MIXTRAL_TEMPLATE
    )
    ours = render_text(messages, system)
    assert hub_text != ours
    assert hub_text.replace("<s> [INST]", "<s>[INST]").replace("</s> [INST]", "</s>[INST]") == ours
    hub_ids = tokenizer(hub_text, add_special_tokens=False)["input_ids"]
    encoded = encode_conversation(tokenizer, messages, system)
    assert encoded is not None
    inst = tokenizer.convert_tokens_to_ids("▁[")
    cleaned = [t for i, t in enumerate(hub_ids) if not (t == 28705 and hub_ids[i + 1] == inst)]
    assert len(hub_ids) - len(cleaned) == len(messages) // 2
    assert cleaned == encoded.input_ids


def test_system_prompt_is_folded_into_first_user_turn_only(tokenizer) -> None:
    system, messages = (
        "SYS",
        [
            {"role": "user", "content": "u1"},
            {"role": "assistant", "content": "a1"},
            {"role": "user", "content": "u2"},
            {"role": "assistant", "content": "a2"},
        ],
    )
    assert (
        render_text(messages, system)
        == "<s>[INST] SYS\n\nu1 [/INST] a1</s>[INST] u2 [/INST] a2</s>"
    )


def test_rejects_broken_alternation(tokenizer) -> None:
    with pytest.raises(FinetuneError, match="alternation"):
        encode_conversation(
            tokenizer, [{"role": "assistant", "content": "x"}, {"role": "user", "content": "y"}]
        )
    with pytest.raises(FinetuneError, match="pairs"):
        encode_conversation(tokenizer, [{"role": "user", "content": "x"}])


# --- labels ----------------------------------------------------------------------------


@pytest.mark.parametrize("index", range(len(ALL_CONVERSATIONS)))
def test_labels_are_exactly_every_answer_plus_eos(tokenizer, index: int) -> None:
    system, messages = ALL_CONVERSATIONS[index]
    encoded = encode_conversation(tokenizer, messages, system)
    assert encoded is not None
    answers = [m["content"] for m in messages if m["role"] == "assistant"]
    decoded = [tokenizer.decode(span) for span in _spans(encoded)]
    assert decoded == [answer + "</s>" for answer in answers]
    # labels equal inputs where set (causal shift happens inside the model)
    assert all(
        lab in (IGNORE_INDEX, tok)
        for tok, lab in zip(encoded.input_ids, encoded.labels, strict=True)
    )
    # and nothing of the prompts is trained on
    prompt_ids = [
        t for t, lab in zip(encoded.input_ids, encoded.labels, strict=True) if lab == IGNORE_INDEX
    ]
    prompt_text = tokenizer.decode(prompt_ids)
    for message in messages:
        if message["role"] == "user":
            assert message["content"].split("\n")[0] in prompt_text


def test_final_eos_keeps_its_label_when_pad_equals_eos(tmp_path: Path) -> None:
    """The classic bug: pad := eos, then labels[input_ids == pad] = -100 also erases the
    real EOS, and the model never learns to stop. Labels here are positional."""
    tok = load_mixtral_tokenizer("tiny-mixtral")
    tok.pad_token = tok.eos_token
    tok.padding_side = "right"
    assert tok.pad_token_id == tok.eos_token_id
    encoded = encode_batch(tok, [(m, s) for s, m in CONVERSATIONS[:4]], None)
    features = [{"input_ids": e.input_ids, "labels": e.labels} for e in encoded if e]
    batch = CountingCollator(tok)(features)
    eos = tok.eos_token_id
    for row, feature in enumerate(features):
        n = len(feature["input_ids"])
        labels = batch["labels"][row]
        assert labels[n - 1].item() == eos  # the last answer's EOS is trained on
        assert bool((labels[n:] == IGNORE_INDEX).all())  # padding is not
        assert batch["attention_mask"][row, :n].all() and not batch["attention_mask"][row, n:].any()
        eos_positions = [i for i, t in enumerate(feature["input_ids"]) if t == eos]
        assert len(eos_positions) == len(CONVERSATIONS[row][1]) // 2
        assert all(labels[i].item() == eos for i in eos_positions)
    assert batch["input_ids"].shape[1] == max(len(f["input_ids"]) for f in features)


# --- over-long conversations --------------------------------------------------------------


def test_overlong_conversation_is_cut_at_a_turn_boundary(tokenizer) -> None:
    system, messages = CONVERSATIONS[LONG_INDEX]
    full = encode_conversation(tokenizer, messages, system)
    assert full is not None and len(full.input_ids) > 256
    cut = encode_conversation(tokenizer, messages, system, cutoff_len=256)
    assert cut is not None and cut.truncated
    assert (cut.n_turns, cut.n_turns_kept) == (3, 1)
    assert len(cut.input_ids) <= 256
    assert cut.input_ids == full.input_ids[: len(cut.input_ids)]
    assert [tokenizer.decode(s) for s in _spans(cut)] == [messages[1]["content"] + "</s>"]
    assert cut.input_ids[-1] == tokenizer.eos_token_id
    # a first turn that alone exceeds the cutoff is dropped, not cut mid-answer
    assert encode_conversation(tokenizer, messages[2:4], cutoff_len=256) is None


def test_tokenize_dataset_reports_cuts(tokenizer, tmp_path: Path) -> None:
    first_too_long = (None, CONVERSATIONS[LONG_INDEX][1][2:4])
    root = write_built_dataset(tmp_path / "ds", [*CONVERSATIONS, first_too_long])
    dataset, _ = load_built_dataset(str(root))
    tokenized, stats = tokenize_dataset(dataset, tokenizer, cutoff_len=256)
    report = stats.as_dict()
    assert report["conversations"] == len(CONVERSATIONS) + 1
    assert report["truncated_at_turn_boundary"] == 1
    assert report["turns_dropped"] == 2
    assert report["dropped_first_turn_too_long"] == 1
    assert tokenized.num_rows == report["kept"] == len(CONVERSATIONS)
    assert max(tokenized["length"]) <= 256
    assert report["tokens"] == sum(tokenized["length"])


# --- padding -----------------------------------------------------------------------------


def test_grouping_by_length_cuts_padding(tokenizer, tmp_path: Path) -> None:
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        lengths = torch.distributions.LogNormal(5.0, 0.8).sample((2000,)).clamp(8, 1024)
    lengths = lengths.int().tolist()
    grouped = padding_share(lengths, batch_size=2, grad_accum=4, group_by_length=True, seed=0)
    shuffled = padding_share(lengths, batch_size=2, grad_accum=4, group_by_length=False, seed=0)
    print(f"padding share, lognormal lengths: grouped {grouped:.3f}, random {shuffled:.3f}")
    assert 0 <= grouped < shuffled / 3
    # a batch of identical lengths has no padding; the collator counts what it pads
    collator = CountingCollator(tokenizer)
    collator(
        [
            {"input_ids": [1, 5, 6], "labels": [-100, 5, 6]},
            {"input_ids": [1, 5], "labels": [-100, 5]},
        ]
    )
    assert (collator.counter.real_tokens, collator.counter.total_tokens) == (5, 6)
    assert collator.counter.share == pytest.approx(1 / 6)


# --- dataset loading ----------------------------------------------------------------------


def test_load_built_dataset_reads_lineage(tmp_path: Path) -> None:
    root = write_built_dataset(tmp_path / "v1", fingerprint="abc123", version="v1")
    dataset, lineage = load_built_dataset(str(root))
    assert dataset.num_rows == len(CONVERSATIONS)
    assert set(dataset.column_names) >= {"id", "messages", "system"}
    assert (lineage["fingerprint"], lineage["version"], lineage["dataset"]) == (
        "abc123",
        "v1",
        "fixture-zh",
    )
    assert list(lineage["data_files_sha256"]) == ["data/train-00000-of-00001.parquet"]


def test_missing_dataset_dir_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetNotFoundError, match="dataset directory not found"):
        load_built_dataset(str(tmp_path / "no-such-version"))
    with pytest.raises(DatasetNotFoundError, match="could not load"):
        load_built_dataset("nobody/not-a-cached-dataset")  # a hub id, offline
    (tmp_path / "empty").mkdir()
    with pytest.raises(DatasetNotFoundError, match="no data/ folder"):
        load_built_dataset(str(tmp_path / "empty"))


# --- config and CLI ------------------------------------------------------------------------


def test_defaults_are_aurora_and_yaml_is_overridden_by_cli(tmp_path: Path) -> None:
    config = load_config(["--dataset", "d", "--output", "o"])
    assert config.model == "mistralai/Mixtral-8x7B-Instruct-v0.1"
    assert config.load_in_4bit and config.quant_type == "nf4" and config.double_quant
    assert config.lora_targets() == list(DEFAULT_LORA_TARGETS) == ["q_proj", "v_proj"]
    assert (config.lora_r, config.lora_alpha, config.lora_dropout) == (8, 16, 0.1)
    assert (config.learning_rate, config.num_epochs, config.lr_scheduler) == (5e-5, 3.0, "cosine")
    assert (config.batch_size, config.grad_accum, config.cutoff_len) == (2, 4, 1024)
    assert (config.logging_steps, config.save_steps) == (100, 1000)
    assert config.router_aux_loss and config.router_aux_loss_coef == 0.02
    assert config.gradient_checkpointing and config.group_by_length
    yaml_file = tmp_path / "run.yaml"
    yaml_file.write_text(
        "dataset: d\noutput: o\nlora_r: 16\nlearning_rate: 1.0e-4\nlora_target: q_proj,k_proj\n"
    )
    config = load_config(["--config", str(yaml_file), "--lora-r", "4", "--lora-target-experts"])
    assert (config.lora_r, config.learning_rate) == (4, 1e-4)
    assert config.lora_targets() == ["q_proj", "k_proj", "w1", "w2", "w3"]
    yaml_file.write_text("dataset: d\noutput: o\nlora_rank: 16\n")
    with pytest.raises(FinetuneError, match="unknown option"):
        load_config(["--config", str(yaml_file)])


def test_router_cannot_be_a_lora_target() -> None:
    with pytest.raises(FinetuneError, match="router"):
        load_config(["--dataset", "d", "--output", "o", "--lora-target", "q_proj,gate"])
    with pytest.raises(FinetuneError, match="router"):
        load_config(["--dataset", "d", "--output", "o", "--lora-target", "all-linear"])


def _run_cli(*args: str, prelude: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
    code = f"import sys\n{prelude}\nfrom finetune.cli import main\nsys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_help_explains_every_option() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "finetune", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    for needle in (
        "--dataset",
        "--model",
        "--output",
        "--config",
        "--cutoff-len",
        "--load-in-4bit",
        "(default: q_proj,v_proj)",
        "(default: 5e-05)",
        "(default: cosine)",
        "--batch-size",
        "(default: 2)",
        "--grad-accum",
        "(default: 4)",
        "--router-aux-loss-coef",
        "(default: 0.02)",
        "--lora-target-experts",
        "--resume",
        "--logging-steps",
        "(default: 100)",
        "(default: 1000)",
        "tiny-mixtral",
        "--precision",
    ):
        assert needle in text, needle


def test_cli_missing_dataset_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    result = _run_cli(
        "--dataset",
        str(tmp_path / "nope"),
        "--model",
        "tiny-mixtral",
        "--output",
        str(tmp_path / "o"),
    )
    assert result.returncode == 2
    assert "error: dataset directory not found" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "o").exists()


def test_cli_unknown_model_is_one_line(tmp_path: Path) -> None:
    root = write_built_dataset(tmp_path / "ds")
    missing = str(tmp_path / "no-model")
    args = ["--dataset", str(root), "--output", str(tmp_path / "o"), "--no-load-in-4bit"]
    result = _run_cli(*args, "--model", missing)
    assert result.returncode == 2
    assert "error: cannot load a tokenizer for --model" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_without_4bit_support_fails_clearly(tmp_path: Path) -> None:
    """bitsandbytes made unimportable (as on a platform without it): the availability
    check stops the run before any work, with a hint to use plain LoRA."""
    root = write_built_dataset(tmp_path / "ds")
    result = _run_cli(
        "--dataset",
        str(root),
        "--model",
        "tiny-mixtral",
        "--output",
        str(tmp_path / "o"),
        prelude="sys.modules['bitsandbytes'] = None",
    )
    assert result.returncode == 2, result.stderr
    assert "error: 4-bit quantization needs bitsandbytes" in result.stderr
    assert "--no-load-in-4bit" in result.stderr
    assert "Traceback" not in result.stderr


def test_same_folder_name_different_content_is_not_served_from_cache(tmp_path: Path) -> None:
    """datasets keys a local folder's cache by its name; two `v2/` folders must not mix."""
    first = write_built_dataset(tmp_path / "a" / "v2", CONVERSATIONS[:3])
    second = write_built_dataset(tmp_path / "b" / "v2", CONVERSATIONS[:5])
    assert load_built_dataset(str(first))[0].num_rows == 3
    assert load_built_dataset(str(second))[0].num_rows == 5


def test_unformattable_conversations_are_dropped_and_counted(tokenizer) -> None:
    from datasets import Dataset

    ok = [{"role": "user", "content": "你好"}, {"role": "assistant", "content": "你好！"}]
    rows = [
        {"system": None, "messages": ok},
        {"system": None, "messages": ok[:1]},  # dangling question, as an uncurated source has
        {"system": None, "messages": [ok[1], ok[0]]},  # starts with the assistant
    ]
    encoded, stats = tokenize_dataset(Dataset.from_list(rows), tokenizer, 64)
    assert encoded.num_rows == 1
    assert stats.dropped_invalid == 2 and stats.kept == 1
    assert stats.as_dict()["dropped_invalid_format"] == 2
