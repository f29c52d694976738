"""LLaMA-Factory reads a built version as it is: the ``dataset_info.json`` entry.

LLaMA-Factory (what Aurora was trained with) finds datasets through a
``dataset_info.json`` in ``--dataset_dir``. Every version folder carries one
naming its ``data/`` shards in the sharegpt formatting with this schema's tags:
``messages`` of ``{role, content}`` (user, assistant, function_call,
observation), the ``system`` column and the ``tools`` column. So

    llamafactory-cli train --dataset_dir build/aurora-zh/v2 --dataset aurora-zh ...

trains on the version without conversion (``bench/llamafactory_check.py`` checks
it with LLaMA-Factory's own loader).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FILE_NAME = "dataset_info.json"
DATA_DIR = "data"

# LLaMA-Factory's sharegpt tag names -> the role strings of curation.schema.
TAGS = {
    "role_tag": "role",
    "content_tag": "content",
    "user_tag": "user",
    "assistant_tag": "assistant",
    "function_tag": "function_call",
    "observation_tag": "observation",
    "system_tag": "system",
}


def dataset_info(name: str) -> dict[str, Any]:
    """The ``dataset_info.json`` content: one entry, ``name``, for the version's shards."""
    return {
        name: {
            "file_name": DATA_DIR,
            "formatting": "sharegpt",
            "split": "train",
            "columns": {"messages": "messages", "system": "system", "tools": "tools"},
            "tags": dict(TAGS),
        }
    }


def write_dataset_info(folder: Path, manifest: dict[str, Any]) -> Path:
    """Write the entry into a version folder, named after the recipe's dataset."""
    path = folder / FILE_NAME
    path.write_text(json.dumps(dataset_info(manifest["dataset"]), indent=2) + "\n",
                    encoding="utf-8")
    return path


def train_command(version_dir: str, name: str, *, model: str, output_dir: str) -> list[str]:
    """Aurora's LLaMA-Factory training command (its README settings: QLoRA NF4, LoRA r 8
    on q_proj,v_proj, lr 5e-5, 3 epochs, cosine, batch 2 x 4, cutoff 1024, fp16,
    template mistral) against a built version."""
    return [
        "llamafactory-cli", "train",
        "--stage", "sft", "--do_train",
        "--model_name_or_path", model,
        "--dataset_dir", version_dir, "--dataset", name,
        "--template", "mistral",
        "--finetuning_type", "lora", "--lora_target", "q_proj,v_proj",
        "--lora_rank", "8", "--lora_alpha", "16", "--lora_dropout", "0.1",
        "--quantization_bit", "4", "--double_quantization",
        "--cutoff_len", "1024",
        "--per_device_train_batch_size", "2", "--gradient_accumulation_steps", "4",
        "--lr_scheduler_type", "cosine", "--learning_rate", "5e-5",
        "--num_train_epochs", "3.0",
        "--gradient_checkpointing", "--fp16", "--plot_loss",
        "--logging_steps", "10", "--save_steps", "1000",
        "--output_dir", output_dir,
    ]
