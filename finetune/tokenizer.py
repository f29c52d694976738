"""The Mixtral tokenizer, offline, plus pad-token policy shared by training and eval.

Mixtral-8x7B(-Instruct) uses Mistral's 32k sentencepiece model, which `mistral-common`
bundles as `tokenizer.model.v1`. Building a transformers tokenizer from it offline has
traps (`LlamaTokenizer(vocab_file=...)` can silently come out empty), so we write a small
tokenizer folder (model file + `tokenizer_config.json` with `legacy: true` and the chat
template) once into a cache directory and load it with `AutoTokenizer`, like a hub model.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from transformers import AutoTokenizer, PreTrainedTokenizerBase

#: Names that resolve to the bundled Mixtral tokenizer instead of a path or hub id.
MIXTRAL_TOKENIZER_NAMES = frozenset({"mixtral", "tiny-mixtral"})

#: Mistral instruct v1 chat format as mistral-common encodes it for training:
#: `<s>[INST] user [/INST] answer</s>[INST] user2 [/INST] answer2</s>`; a system prompt
#: is folded into the first user turn as `system + "\n\n" + user`.
MISTRAL_CHAT_TEMPLATE = (
    "{%- if messages[0]['role'] == 'system' %}"
    "{%- set system_message = messages[0]['content'] %}"
    "{%- set loop_messages = messages[1:] %}"
    "{%- else %}{%- set loop_messages = messages %}{%- endif %}"
    "{{- bos_token }}"
    "{%- for message in loop_messages %}"
    "{%- if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
    "{{- raise_exception('After the optional system message, conversation roles must "
    "alternate user/assistant/user/assistant/...') }}"
    "{%- endif %}"
    "{%- if message['role'] == 'user' %}"
    "{%- if loop.first and system_message is defined %}"
    "{{- '[INST] ' + system_message + '\\n\\n' + message['content'] + ' [/INST]' }}"
    "{%- else %}{{- '[INST] ' + message['content'] + ' [/INST]' }}{%- endif %}"
    "{%- elif message['role'] == 'assistant' %}"
    "{{- ' ' + message['content'] + eos_token }}"
    "{%- else %}"
    "{{- raise_exception('Only user and assistant roles are supported, with the exception "
    "of an initial optional system message!') }}"
    "{%- endif %}"
    "{%- endfor %}"
)

#: Pad token used for the Mixtral tokenizer: `<unk>` (id 0), never the EOS `</s>` (id 2),
#: so that nothing keyed on the pad id can hide the end-of-answer token from the loss.
MIXTRAL_PAD_TOKEN = "<unk>"


def _bundled_model_file() -> Path:
    """Path of mistral-common's bundled Mistral/Mixtral v1 sentencepiece model."""
    import mistral_common

    path = Path(mistral_common.__file__).parent / "data" / "tokenizer.model.v1"
    if not path.is_file():
        raise FileNotFoundError(
            f"mistral-common does not ship {path.name} (looked in {path.parent}); "
            "install `mistral-common[sentencepiece]>=1.8`"
        )
    return path


def _tokenizer_config() -> dict[str, object]:
    """tokenizer_config.json for the bundled model; `legacy: true` matches mistral-common."""
    return {
        "tokenizer_class": "LlamaTokenizer",
        "legacy": True,
        "add_bos_token": True,
        "add_eos_token": False,
        "bos_token": "<s>",
        "eos_token": "</s>",
        "unk_token": "<unk>",
        "pad_token": None,
        "clean_up_tokenization_spaces": False,
        "spaces_between_special_tokens": False,
        "model_max_length": 32768,
        "chat_template": MISTRAL_CHAT_TEMPLATE,
    }


def cache_root() -> Path:
    """Per-user cache for generated artefacts ($AURORA_CACHE, else $XDG_CACHE_HOME/aurora)."""
    env = os.environ.get("AURORA_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "aurora-curation"


def mixtral_tokenizer_dir(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Write (once) and return a loadable Mixtral tokenizer folder.

    The folder name is a hash of its contents, so a changed template or model file never
    reuses a stale folder; it is built in a temp dir and renamed, so concurrent callers are safe.
    """
    model_file = _bundled_model_file()
    config_text = json.dumps(_tokenizer_config(), indent=2, ensure_ascii=False, sort_keys=True)
    digest = hashlib.sha256(model_file.read_bytes() + config_text.encode()).hexdigest()[:16]
    root = Path(cache_dir) if cache_dir is not None else cache_root()
    target = root / f"mixtral-tokenizer-{digest}"
    if (target / "tokenizer_config.json").is_file():
        return target
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".mixtral-tokenizer-", dir=root))
    shutil.copyfile(model_file, tmp / "tokenizer.model")
    (tmp / "tokenizer_config.json").write_text(config_text + "\n", encoding="utf-8")
    (tmp / "special_tokens_map.json").write_text(
        json.dumps({"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>"}) + "\n",
        encoding="utf-8",
    )
    try:
        tmp.rename(target)
    except OSError:  # another process won the race; its folder is identical
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def ensure_pad_token(tokenizer: PreTrainedTokenizerBase) -> PreTrainedTokenizerBase:
    """Give the tokenizer a pad token, preferring one that is not EOS.

    Training labels are built explicitly (never by masking `input_ids == pad_id`), so even a
    pad equal to EOS cannot hide the final EOS; a distinct pad just removes the trap for
    any other code that does mask by id.
    """
    if tokenizer.pad_token is not None:
        return tokenizer
    if tokenizer.unk_token is not None and tokenizer.unk_token != tokenizer.eos_token:
        tokenizer.pad_token = tokenizer.unk_token
    elif tokenizer.eos_token is not None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def load_mixtral_tokenizer(name_or_path: str = "mixtral") -> PreTrainedTokenizerBase:
    """Load a tokenizer; "mixtral"/"tiny-mixtral" give the real Mixtral one, offline.

    Any other value is a path or hub id passed to `AutoTokenizer.from_pretrained`. The
    result always has a pad token (for Mixtral: `<unk>`, id 0, distinct from EOS id 2).
    """
    if name_or_path in MIXTRAL_TOKENIZER_NAMES:
        tokenizer = AutoTokenizer.from_pretrained(mixtral_tokenizer_dir(), legacy=True)
        tokenizer.pad_token = MIXTRAL_PAD_TOKEN
        return tokenizer
    return ensure_pad_token(AutoTokenizer.from_pretrained(name_or_path))
