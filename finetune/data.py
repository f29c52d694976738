"""Built dataset versions in, padded training batches out, with lineage and padding counts.

A version built by `curation` is a folder (or hub dataset) with a `train` split of
conversations (`messages` = alternating user/assistant, optional `system`) and a
`manifest.json` naming the dataset, version and fingerprint; that lineage goes into the run
manifest so a score traces back to exact data.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from datasets import Dataset, load_dataset
from transformers import DataCollatorForSeq2Seq, PreTrainedTokenizerBase
from transformers.trainer_pt_utils import get_length_grouped_indices

from curation.loading import sha256_file
from curation.schema import turn_order_problem
from finetune.chat import (
    IGNORE_INDEX,
    EncodingStats,
    encode_batch,
    encode_tool_conversation,
    format_problem,
    is_tool_conversation,
    tool_format_problem,
)
from finetune.errors import DatasetNotFoundError, FinetuneError
from finetune.tokenizer import cache_root

MODEL_COLUMNS = ("input_ids", "labels")
LENGTH_COLUMN = "length"


def _looks_local(spec: str) -> bool:
    """A path (not a hub `owner/name` id): absolute, relative with ./ ../ ~, or nested."""
    return (
        spec.startswith(("/", "./", "../", "~", "."))
        or spec.endswith(("/", "\\"))
        or spec.count("/") > 1
        or "\\" in spec
    )


def load_built_dataset(spec: str, split: str = "train") -> tuple[Dataset, dict[str, Any]]:
    """Load a built version (local folder or hub id) and its lineage.

    Lineage = `manifest.json` fields (dataset, version, fingerprint, counts) plus, for a
    local folder, the sha256 of every data file, so the record survives an edited manifest.
    """
    path = Path(spec).expanduser()
    lineage: dict[str, Any] = {"source": spec}
    if path.exists():
        if not path.is_dir():
            raise DatasetNotFoundError(
                f"--dataset {spec!r} is a file; expected a built version directory"
            )
        manifest_path = path / "manifest.json"
        if manifest_path.is_file():
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            for key in ("dataset", "version", "fingerprint", "counts", "recipe"):
                if key in manifest:
                    lineage[key] = manifest[key]
        else:
            lineage["manifest"] = "missing"
        files = (
            sorted(p for p in (path / "data").glob("*") if p.is_file())
            if (path / "data").is_dir()
            else []
        )
        if not files:
            raise DatasetNotFoundError(
                f"{spec!r} has no data/ folder with parquet files; is it a built dataset version "
                "(`curation build` output, e.g. build/aurora-zh/v2/)?"
            )
        lineage["path"] = str(path.resolve())
        lineage["data_files_sha256"] = {str(p.relative_to(path)): sha256_file(p) for p in files}
        load_spec = str(path)
        # datasets caches a local folder under its *name* only (datasets 5.0: two different
        # `v2/` folders share one cache and the second silently loads the first's rows), so
        # key the cache by content instead.
        content = hashlib.sha256(json.dumps(lineage["data_files_sha256"], sort_keys=True).encode())
        cache_dir = str(cache_root() / "datasets" / content.hexdigest()[:16])
    elif _looks_local(spec):
        raise DatasetNotFoundError(f"dataset directory not found: {spec}")
    else:
        load_spec, cache_dir = spec, None
        lineage.update(_hub_manifest(spec))
    try:
        dataset = load_dataset(load_spec, split=split, cache_dir=cache_dir)
    except Exception as exc:
        raise DatasetNotFoundError(
            f"could not load split {split!r} of dataset {spec!r}: {type(exc).__name__}: "
            f"{str(exc).splitlines()[0] if str(exc) else ''}"
        ) from None
    missing = {"messages"} - set(dataset.column_names)
    if missing:
        raise FinetuneError(
            f"dataset {spec!r} lacks column(s) {sorted(missing)}; got {dataset.column_names}"
        )
    lineage["split"] = split
    lineage["num_rows"] = dataset.num_rows
    lineage.setdefault("fingerprint", None)
    lineage["datasets_fingerprint"] = dataset._fingerprint
    return dataset, lineage


def _hub_manifest(repo_id: str) -> dict[str, Any]:
    """Best effort: read manifest.json of a hub dataset (absent offline: recorded as such)."""
    try:
        from huggingface_hub import hf_hub_download

        manifest = json.loads(
            Path(hf_hub_download(repo_id, "manifest.json", repo_type="dataset")).read_text("utf-8")
        )
    except Exception as exc:
        return {"manifest": f"unavailable ({type(exc).__name__})"}
    return {
        k: manifest[k] for k in ("dataset", "version", "fingerprint", "counts") if k in manifest
    }


def tokenize_dataset(
    dataset: Dataset,
    tokenizer: PreTrainedTokenizerBase,
    cutoff_len: int | None,
    *,
    num_proc: int | None = None,
) -> tuple[Dataset, EncodingStats]:
    """Encode conversations to `input_ids`/`labels`/`length`, dropping what cannot fit.

    Conversations longer than `cutoff_len` lose whole trailing turns; those whose first turn
    alone is too long are dropped. Both are counted in the returned stats. Tool-calling
    conversations are encoded with the tokenizer's chat template where it has a tool format
    (see finetune.chat.tool_format_problem) and otherwise dropped and counted.
    """
    has_system = "system" in dataset.column_names
    has_tools = "tools" in dataset.column_names
    tools_ok = tool_format_problem(tokenizer) is None

    def encode(batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
        n = len(batch["messages"])
        systems = batch["system"] if has_system else [None] * n
        tools = batch["tools"] if has_tools else [None] * n
        is_tool = [is_tool_conversation(m, t) for m, t in zip(batch["messages"], tools,
                                                              strict=True)]
        # Conversations that are not user/assistant pairs (an uncurated source, e.g. the v1
        # baseline) are dropped and counted, as LLaMA-Factory does, instead of failing the run.
        valid = [(tools_ok and turn_order_problem(m) is None) if tool else
                 format_problem(m) is None for m, tool in zip(batch["messages"], is_tool,
                                                                strict=True)]
        plain = [ok and not tool for ok, tool in zip(valid, is_tool, strict=True)]
        pairs = [(m, s) for m, s, ok in zip(batch["messages"], systems, plain, strict=True) if ok]
        done = iter(encode_batch(tokenizer, pairs, cutoff_len))
        encoded = [
            (encode_tool_conversation(tokenizer, m, s, t, cutoff_len) if tool else next(done))
            if ok else None
            for m, s, t, ok, tool in zip(batch["messages"], systems, tools, valid, is_tool,
                                         strict=True)]
        return {
            "tool": is_tool,
            "invalid": [not ok for ok in valid],
            "input_ids": [e.input_ids if e else [] for e in encoded],
            "labels": [e.labels if e else [] for e in encoded],
            LENGTH_COLUMN: [len(e.input_ids) if e else 0 for e in encoded],
            "n_turns": [e.n_turns if e else len(m) // 2
                        for e, m in zip(encoded, batch["messages"], strict=True)],
            "n_turns_kept": [e.n_turns_kept if e else 0 for e in encoded],
            "n_label_tokens": [
                sum(1 for x in e.labels if x != IGNORE_INDEX) if e else 0 for e in encoded
            ],
        }

    encoded = dataset.map(
        encode,
        batched=True,
        batch_size=256,
        remove_columns=dataset.column_names,
        num_proc=num_proc,
        desc="tokenizing",
    )
    n_turns = encoded["n_turns"]
    kept_turns = encoded["n_turns_kept"]
    lengths = encoded[LENGTH_COLUMN]
    stats = EncodingStats(cutoff_len=cutoff_len, conversations=len(encoded))
    for total, kept, length, invalid, tool in zip(n_turns, kept_turns, lengths,
                                                  encoded["invalid"], encoded["tool"],
                                                  strict=True):
        if invalid and tool and not tools_ok:
            stats.dropped_tool_format += 1
            continue
        if invalid:
            stats.dropped_invalid += 1
            continue
        stats.tool_conversations += tool and kept > 0
        if kept == 0:
            stats.dropped_too_long += 1
            continue
        stats.kept += 1
        stats.tokens += length
        if kept < total:
            stats.truncated += 1
            stats.turns_dropped += total - kept
    encoded = encoded.filter(lambda n: n > 0, input_columns="n_turns_kept", desc="dropping empty")
    stats.label_tokens = sum(encoded["n_label_tokens"])
    encoded = encoded.remove_columns(["n_turns", "n_turns_kept", "n_label_tokens", "invalid",
                                      "tool"])
    if encoded.num_rows == 0:
        raise FinetuneError(
            f"no conversation fits cutoff_len={cutoff_len}: all {stats.conversations} were dropped"
        )
    return encoded, stats


def batch_order(
    lengths: list[int], batch_size: int, grad_accum: int, group_by_length: bool, seed: int
) -> list[list[int]]:
    """Per-device batches in the order the Trainer's sampler would produce them."""
    generator = torch.Generator().manual_seed(seed)
    if group_by_length:
        indices = get_length_grouped_indices(lengths, batch_size * grad_accum, generator=generator)
    else:
        indices = torch.randperm(len(lengths), generator=generator).tolist()
    return [indices[i : i + batch_size] for i in range(0, len(indices), batch_size)]


def padding_share(
    lengths: list[int],
    batch_size: int,
    grad_accum: int = 1,
    *,
    group_by_length: bool,
    seed: int = 0,
) -> float:
    """Fraction of batch positions that are padding, for one epoch of this sampler."""
    real = padded = 0
    for batch in batch_order(lengths, batch_size, grad_accum, group_by_length, seed):
        batch_lengths = [lengths[i] for i in batch]
        real += sum(batch_lengths)
        padded += max(batch_lengths) * len(batch_lengths)
    return 1.0 - real / padded if padded else 0.0


@dataclass
class PaddingCounter:
    """Real vs padded token positions seen by the collator during training."""

    real_tokens: int = 0
    total_tokens: int = 0

    @property
    def share(self) -> float:
        return 1.0 - self.real_tokens / self.total_tokens if self.total_tokens else 0.0


class CountingCollator:
    """`DataCollatorForSeq2Seq` (labels padded with -100 by position, never by token id),
    counting padding so the run can report what share of compute it cost."""

    def __init__(self, tokenizer: PreTrainedTokenizerBase, pad_to_multiple_of: int | None = None):
        self.inner = DataCollatorForSeq2Seq(
            tokenizer,
            padding=True,
            label_pad_token_id=IGNORE_INDEX,
            pad_to_multiple_of=pad_to_multiple_of,
            return_tensors="pt",
        )
        self.counter = PaddingCounter()

    def __call__(self, features: list[dict[str, Any]]) -> dict[str, torch.Tensor]:
        rows = [{k: f[k] for k in MODEL_COLUMNS} for f in features]
        batch = self.inner(rows)
        self.counter.real_tokens += int(batch["attention_mask"].sum())
        self.counter.total_tokens += int(batch["attention_mask"].numel())
        return batch
