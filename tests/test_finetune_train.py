"""finetune: tiny-mixtral, 4-bit structure, LoRA placement, training runs end to end.

Everything runs the real stack (transformers 4.57 Mixtral, bitsandbytes NF4 on the CPU,
peft, the Trainer) on the built-in random tiny-mixtral and a fixture dataset version.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from finetune_fixtures import CONVERSATIONS, write_built_dataset
from safetensors.torch import load_file
from transformers import AutoModelForCausalLM

from finetune.cli import main
from finetune.config import TrainConfig
from finetune.errors import FinetuneError, FourBitUnavailableError
from finetune.model import check_4bit_support, describe_model
from finetune.tiny import build_tiny_mixtral, load_model
from finetune.train import attach_lora, merge_adapter, resolve_precision, run, verify_structure

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_DATASETS_OFFLINE"] = "1"

REPO = Path(__file__).resolve().parents[1]
N_EXPERT_LINEARS = 2 * 4 * 3  # layers x experts x (w1, w2, w3)

#: Small, fast settings shared by the training runs (everything else: Aurora defaults).
QUICK = ["--model", "tiny-mixtral", "--cutoff-len", "256", "--logging-steps", "1"]


@pytest.fixture(scope="module")
def dataset_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_built_dataset(tmp_path_factory.mktemp("built") / "v1", fingerprint="fp-e2e-42")


# The plain-LoRA run, and its resumption, which must use the very same settings.
LORA_RUN = [*QUICK, "--no-load-in-4bit", "--max-steps", "4", "--save-steps", "2",
            "--learning-rate", "1e-3"]


@pytest.fixture(scope="module")
def lora_run(dataset_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Plain LoRA, in process: 4 steps, checkpoints at 2 and 4, merged copy saved."""
    output = tmp_path_factory.mktemp("lora") / "run"
    args = [
        "--dataset",
        str(dataset_dir),
        "--output",
        str(output),
        *LORA_RUN,
        "--merge",
    ]
    assert main(args) == 0
    return output


@pytest.fixture(scope="module")
def qlora_run(dataset_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """QLoRA with Aurora's defaults (4-bit NF4), through `python -m finetune`."""
    output = tmp_path_factory.mktemp("qlora") / "run"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "finetune",
            "--dataset",
            str(dataset_dir),
            "--output",
            str(output),
            *QUICK,
            "--max-steps",
            "2",
            "--save-steps",
            "2",
            "--lora-target-experts",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    return output


def _logits(model: torch.nn.Module, input_ids: torch.Tensor) -> torch.Tensor:
    model.eval()
    with torch.no_grad():
        return model(input_ids=input_ids).logits


PROBE = torch.tensor(
    [[1, 733, 16289, 28793, 28705, 29383, 28971, 733, 28748, 16289, 28793, 28705, 29799, 2]]
)


# --- tiny-mixtral and quantization structure ---------------------------------------------------


def test_tiny_mixtral_is_a_small_deterministic_mixtral() -> None:
    a, b, c = build_tiny_mixtral(0), build_tiny_mixtral(0), build_tiny_mixtral(1)
    assert type(a).__name__ == "MixtralForCausalLM"
    assert a.config.vocab_size == 32000 and a.config.num_local_experts == 4
    assert 3_000_000 < sum(p.numel() for p in a.parameters()) < 6_000_000
    assert all(
        torch.equal(x, y)
        for x, y in zip(a.state_dict().values(), b.state_dict().values(), strict=True)
    )
    assert not torch.equal(a.lm_head.weight, c.lm_head.weight)
    assert torch.equal(_logits(a, PROBE), _logits(load_model("tiny-mixtral"), PROBE))


def test_4bit_quantizes_experts_but_not_the_router() -> None:
    """transformers 4.57: experts are nn.Linear -> Linear4bit; `gate` skipped; bytes shrink."""
    bf16 = load_model("tiny-mixtral", compute_dtype=torch.bfloat16)
    nf4 = load_model("tiny-mixtral", quantize_4bit=True, compute_dtype=torch.bfloat16)
    full, quant = describe_model(bf16), describe_model(nf4)
    print(
        f"\ntiny-mixtral parameter bytes: bf16 {full['param_bytes']:,} "
        f"vs 4-bit {quant['param_bytes']:,}; "
        f"experts bf16 {full['expert_param_bytes']:,} vs 4-bit {quant['expert_param_bytes']:,}"
    )
    assert quant["expert_linear_types"] == {"Linear4bit": N_EXPERT_LINEARS}
    assert full["expert_linear_types"] == {"Linear": N_EXPERT_LINEARS}
    assert quant["router_types"] == ["Linear"] and quant["n_routers"] == 2
    assert quant["module_types"]["Linear4bit"] == N_EXPERT_LINEARS + 2 * 4  # + q,k,v,o per layer
    assert quant["module_types"]["Linear"] == 2 + 1  # routers + lm_head
    for layer in nf4.model.layers:
        assert layer.block_sparse_moe.gate.weight.dtype == torch.bfloat16
        assert layer.block_sparse_moe.experts[0].w1.weight.dtype == torch.uint8
    assert quant["expert_param_bytes"] * 4 == full["expert_param_bytes"]  # 4 bits vs 16
    assert quant["param_bytes"] < full["param_bytes"]
    # still a working model: same argmax on most positions as the bf16 weights
    agree = (_logits(nf4, PROBE).argmax(-1) == _logits(bf16, PROBE).argmax(-1)).float().mean()
    assert agree > 0.5


@pytest.mark.parametrize("experts", [False, True])
def test_lora_never_touches_the_router(experts: bool) -> None:
    model = load_model("tiny-mixtral", quantize_4bit=True)
    config = TrainConfig(dataset="d", output="o", lora_target_experts=experts)
    peft_model = attach_lora(model, config, quantized=True)
    info = verify_structure(peft_model, quantized=True)
    targets = info["lora_targets"]
    leaf = {name.rsplit(".", 1)[-1] for name in targets}
    assert leaf == ({"q_proj", "v_proj", "w1", "w2", "w3"} if experts else {"q_proj", "v_proj"})
    assert not [n for n in targets if n.endswith("gate")]
    assert info["router_types"] == ["Linear"]
    assert info["expert_linear_types"] == {"Linear4bit": N_EXPERT_LINEARS}
    routers = [m for n, m in peft_model.named_modules() if n.endswith("block_sparse_moe.gate")]
    assert len(routers) == 2 and all(type(m) is torch.nn.Linear for m in routers)
    assert not any(p.requires_grad for m in routers for p in m.parameters())
    if experts:
        assert len(targets) == 2 * 2 + N_EXPERT_LINEARS


def test_real_mixtral_8x7b_architecture_fits_in_4bit() -> None:
    """The full-size architecture on the meta device (no weights), through the same
    bitsandbytes module replacement from_pretrained uses: all 768 expert Linears become
    4-bit, the 32 routers stay Linear, and the weights shrink from ~87 GiB to ~22 GiB."""
    import bitsandbytes as bnb
    from accelerate import init_empty_weights
    from transformers import MixtralConfig, MixtralForCausalLM
    from transformers.integrations.bitsandbytes import replace_with_bnb_linear

    from finetune.model import SKIP_QUANTIZATION_MODULES, quantization_config

    config = MixtralConfig()  # defaults are Mixtral-8x7B's shapes
    assert (config.hidden_size, config.num_hidden_layers, config.num_local_experts) == (4096, 32, 8)
    with init_empty_weights():
        model = MixtralForCausalLM(config)
    model = replace_with_bnb_linear(
        model,
        modules_to_not_convert=list(SKIP_QUANTIZATION_MODULES),
        quantization_config=quantization_config(torch.bfloat16),
    )
    info = describe_model(model)
    assert info["expert_linear_types"] == {"Linear4bit": 32 * 8 * 3}
    assert info["router_types"] == ["Linear"] and info["n_routers"] == 32
    packed = sum(m.weight.numel() for m in model.modules() if isinstance(m, bnb.nn.Linear4bit))
    total = sum(p.numel() for p in model.parameters())
    gib_4bit = (packed / 2 + (total - packed) * 2) / 2**30
    gib_bf16 = total * 2 / 2**30
    print(f"\nMixtral-8x7B weights: bf16 {gib_bf16:.1f} GiB, 4-bit {gib_4bit:.1f} GiB")
    assert 45e9 < total < 48e9
    assert gib_4bit < 24 and gib_bf16 > 85


def test_structure_check_catches_a_quantized_router() -> None:
    """Without the skip list bitsandbytes quantizes the router too (what Aurora ran)."""
    from transformers import BitsAndBytesConfig, MixtralForCausalLM

    from finetune.model import tiny_mixtral_dir

    naive = MixtralForCausalLM.from_pretrained(
        tiny_mixtral_dir(0),
        quantization_config=BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4"),
    )
    assert describe_model(naive)["router_types"] == ["Linear4bit"]
    with pytest.raises(FinetuneError, match="router was quantized"):
        verify_structure(naive, quantized=True)


def test_precision_follows_the_device() -> None:
    assert resolve_precision("auto", torch.device("cpu")) == "fp32"
    assert resolve_precision("bf16", torch.device("cpu")) == "bf16"
    with pytest.raises(FinetuneError, match="needs a GPU"):
        resolve_precision("fp16", torch.device("cpu"))


def test_4bit_unavailable_device_is_a_clear_error() -> None:
    check_4bit_support("cpu")  # bitsandbytes runs NF4 on this CPU
    with pytest.raises(
        FourBitUnavailableError, match="cannot run NF4 4-bit quantization on device 'meta'"
    ):
        check_4bit_support("meta")


# --- adapters ----------------------------------------------------------------------------------


@pytest.mark.parametrize("quantize", [False, True])
def test_saved_adapter_reloads_to_identical_logits(quantize: bool, tmp_path: Path) -> None:
    model = attach_lora(
        load_model("tiny-mixtral", quantize_4bit=quantize),
        TrainConfig(dataset="d", output="o", gradient_checkpointing=False),
        quantized=quantize,
    )
    generator = torch.Generator().manual_seed(0)
    with torch.no_grad():  # stand-in for training: LoRA B starts at zero
        for name, param in model.named_parameters():
            if "lora_B" in name:
                param.copy_(torch.randn(param.shape, generator=generator) * 0.5)
    before = _logits(model, PROBE)
    base = _logits(load_model("tiny-mixtral", quantize_4bit=quantize), PROBE)
    assert not torch.allclose(before, base, atol=1e-3)
    model.save_pretrained(tmp_path / "adapter")
    reloaded = load_model("tiny-mixtral", quantize_4bit=quantize, adapter=tmp_path / "adapter")
    assert torch.equal(_logits(reloaded, PROBE), before)


# --- end-to-end runs ----------------------------------------------------------------------


def _log(path: Path) -> list[dict]:
    return [json.loads(line) for line in (path / "train_log.jsonl").read_text().splitlines()]


def _check_outputs(output: Path, steps: int) -> dict:
    manifest = json.loads((output / "manifest.json").read_text())
    assert manifest["status"] == "completed"
    assert (output / "adapter" / "adapter_model.safetensors").is_file()
    assert (output / "adapter" / "adapter_config.json").is_file()
    assert (output / "adapter" / "tokenizer_config.json").is_file()
    png = (output / "loss.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
    losses = {r["step"]: r["loss"] for r in _log(output) if "loss" in r}
    assert sorted(losses) == list(range(1, steps + 1))
    assert all(0 < v < 20 for v in losses.values())
    assert manifest["dataset"]["fingerprint"] == "fp-e2e-42"
    assert (
        manifest["dataset"]["version"] == "v-test"
        and manifest["dataset"]["dataset"] == "fixture-zh"
    )
    assert manifest["dataset"]["data_files_sha256"]
    assert manifest["model"]["name_or_path"] == "tiny-mixtral"
    hp = manifest["hyperparameters"]
    assert (hp["lora_r"], hp["lora_alpha"], hp["lora_dropout"], hp["lr_scheduler"]) == (
        8,
        16,
        0.1,
        "cosine",
    )
    assert (hp["batch_size"], hp["grad_accum"], hp["cutoff_len"], hp["max_steps"]) == (
        2,
        4,
        256,
        steps,
    )
    assert hp["router_aux_loss"] and hp["router_aux_loss_coef"] == 0.02
    tokenization = manifest["tokenization"]
    assert tokenization["truncated_at_turn_boundary"] == 1 and tokenization["turns_dropped"] == 2
    assert tokenization["kept"] == len(CONVERSATIONS)
    padding = manifest["padding"]
    assert 0 <= padding["measured_share"] < 1 and padding["measured_tokens"]["total"] > 0
    assert manifest["chat_template_check"] == {
        "checked": True,
        "text_equal": True,
        "ids_equal": True,
    }
    assert manifest["training"]["global_step"] == steps
    assert manifest["versions"]["transformers"].startswith("4.")
    return manifest


def test_cli_plain_lora_end_to_end(lora_run: Path) -> None:
    manifest = _check_outputs(lora_run, steps=4)
    assert manifest["model"]["quantization"] is None
    assert manifest["model"]["expert_linear_types"] == {"Linear": N_EXPERT_LINEARS}
    assert {p.name for p in lora_run.glob("checkpoint-*")} == {"checkpoint-2", "checkpoint-4"}
    print(f"\nplain LoRA run: {manifest['training']}, padding {manifest['padding']}")


def test_cli_qlora_end_to_end(qlora_run: Path) -> None:
    manifest = _check_outputs(qlora_run, steps=2)
    quant = manifest["model"]["quantization"]
    assert quant["load_in_4bit"] and quant["quant_type"] == "nf4" and quant["double_quant"]
    assert quant["skip_modules"] == ["gate", "lm_head"]
    assert manifest["model"]["router_types"] == ["Linear"]
    assert manifest["model"]["expert_linear_types"] == {"Linear4bit": N_EXPERT_LINEARS}
    assert manifest["model"]["lora_modules"] == 2 * 2 + N_EXPERT_LINEARS
    config = json.loads((qlora_run / "adapter" / "adapter_config.json").read_text())
    assert set(config["target_modules"]) == {"q_proj", "v_proj", "w1", "w2", "w3"}
    weights = load_file(qlora_run / "adapter" / "adapter_model.safetensors")
    assert any(".experts.0.w1.lora_A" in k for k in weights)
    assert not any("gate" in k for k in weights)
    print(f"\nQLoRA run: {manifest['training']}")


def test_trained_adapter_reloads_and_merges(lora_run: Path, tmp_path: Path) -> None:
    adapted = load_model("tiny-mixtral", adapter=lora_run / "adapter")
    from_checkpoint = load_model("tiny-mixtral", adapter=lora_run / "checkpoint-4")
    logits = _logits(adapted, PROBE)
    assert torch.equal(logits, _logits(from_checkpoint, PROBE))
    assert not torch.equal(logits, _logits(load_model("tiny-mixtral"), PROBE))  # it trained
    merged = AutoModelForCausalLM.from_pretrained(lora_run / "merged")
    assert "lora" not in " ".join(n for n, _ in merged.named_parameters())
    torch.testing.assert_close(_logits(merged, PROBE), logits, atol=1e-4, rtol=1e-4)
    again = merge_adapter(lora_run / "adapter", tmp_path / "merged")  # base from adapter_config
    torch.testing.assert_close(
        _logits(AutoModelForCausalLM.from_pretrained(again), PROBE), logits, atol=1e-4, rtol=1e-4
    )


def test_resume_continues_exactly_where_it_stopped(
    lora_run: Path, dataset_dir: Path, tmp_path: Path
) -> None:
    """Drop the last checkpoint and outputs of a finished run, rerun: it resumes at step 2
    and reproduces steps 3-4 and the final adapter."""
    resumed = tmp_path / "run"
    shutil.copytree(lora_run, resumed)
    for name in ("checkpoint-4", "adapter", "merged"):
        shutil.rmtree(resumed / name)
    args = [
        "--dataset",
        str(dataset_dir),
        "--output",
        str(resumed),
        *LORA_RUN,
    ]
    assert main(args) == 0
    manifest = json.loads((resumed / "manifest.json").read_text())
    assert manifest["resumed_from"].endswith("checkpoint-2")
    original = {r["step"]: r["loss"] for r in _log(lora_run) if "loss" in r}
    after = [r for r in _log(resumed) if "loss" in r][len(original) :]
    assert [r["step"] for r in after] == [3, 4]
    for record in after:
        assert record["loss"] == pytest.approx(original[record["step"]], rel=1e-4)
    a = load_file(lora_run / "adapter" / "adapter_model.safetensors")
    b = load_file(resumed / "adapter" / "adapter_model.safetensors")
    assert a.keys() == b.keys()
    for key in a:
        torch.testing.assert_close(a[key], b[key], atol=1e-6, rtol=1e-5)


def test_rerunning_a_finished_run_trains_nothing(
    lora_run: Path, dataset_dir: Path, tmp_path: Path
) -> None:
    """The last checkpoint is at --max-steps: resuming it used to train one step more."""
    again = tmp_path / "run"
    shutil.copytree(lora_run, again)
    before = _log(again)
    assert main(["--dataset", str(dataset_dir), "--output", str(again), *LORA_RUN]) == 0
    manifest = json.loads((again / "manifest.json").read_text())
    assert manifest["training"]["global_step"] == 4
    assert _log(again) == before  # no new loss, no new start event


def test_resume_refuses_other_data(lora_run: Path, tmp_path: Path) -> None:
    other = write_built_dataset(tmp_path / "other", CONVERSATIONS[:6], fingerprint="fp-other")
    resumed = tmp_path / "run"
    shutil.copytree(lora_run, resumed)
    code = main(
        [
            "--dataset",
            str(other),
            "--output",
            str(resumed),
            *QUICK,
            "--no-load-in-4bit",
            "--max-steps",
            "6",
        ]
    )
    assert code == 2


def test_overfit_eight_conversations_halves_the_loss(tmp_path: Path) -> None:
    """The whole path (format, labels, collator, Trainer, LoRA) can fit data: on 8 fixed
    conversations the loss falls by half. LoRA also on lm_head: the random tiny model's
    output layer is too weak (std 0.02) for q/v adapters alone to move its logits far."""
    single_turn = [c for c in CONVERSATIONS if len(c[1]) == 2]  # short: cheap 32k-vocab logits
    assert len(single_turn) == 8
    root = write_built_dataset(tmp_path / "eight", single_turn)
    config = TrainConfig(
        dataset=str(root),
        output=str(tmp_path / "out"),
        model="tiny-mixtral",
        load_in_4bit=False,
        lora_target=["q_proj", "v_proj", "lm_head"],
        lora_dropout=0.0,
        learning_rate=1e-2,
        lr_scheduler="constant",
        batch_size=8,
        grad_accum=1,
        max_steps=20,
        logging_steps=1,
        save_steps=1000,
        cutoff_len=256,
        gradient_checkpointing=False,
        router_aux_loss=False,
    )
    manifest = run(config)
    first, last = (
        manifest["training"]["first_logged_loss"],
        manifest["training"]["last_logged_loss"],
    )
    print(
        f"\noverfit: loss {first:.3f} -> {last:.3f}",
        [round(r["loss"], 2) for r in _log(tmp_path / "out") if "loss" in r],
    )
    assert last <= first / 2


def test_qlora_on_the_curated_sample_records_its_lineage(tmp_path: Path) -> None:
    """The real hand-off: `curation build --sample` output -> `python -m finetune` (4-bit)."""
    from curation import recipe as recipes
    from curation.build import build
    from finetune.cli import main as finetune_main

    built = build(recipes.load("v2"), out=tmp_path / "build", sample=True)
    out = tmp_path / "run"
    assert finetune_main(["--dataset", str(built.path), "--model", "tiny-mixtral",
                          "--output", str(out), "--max-steps", "2", "--cutoff-len", "256",
                          "--logging-steps", "1"]) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["dataset"]["fingerprint"] == built.manifest["fingerprint"]
    assert manifest["dataset"]["version"] == "v2"
    assert manifest["model"]["quantization"]["load_in_4bit"]  # Aurora's default: QLoRA
    assert manifest["model"]["router_types"] == ["Linear"]
    assert (out / "adapter" / "adapter_config.json").is_file() and (out / "loss.png").is_file()


def test_cpu_training_keeps_freed_memory_in_the_heap() -> None:
    from finetune.train import keep_freed_memory_in_heap

    # glibc on Linux (this project's CI) accepts the settings; elsewhere it is a no-op.
    assert keep_freed_memory_in_heap() is sys.platform.startswith("linux")
