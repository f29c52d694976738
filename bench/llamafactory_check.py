"""Does LLaMA-Factory read a built version as it is? Checked with its own loader.

Builds v2 from the embedded sample and v2's steps over the project's tool-calling
fixture (tests/fixtures/toolcall_sharegpt.json), then, in a Python that has
LLaMA-Factory (its pins clash with ours, so it lives in its own venv), parses
Aurora's training arguments with ``get_train_args`` and loads each version with
``--dataset_dir <version> --dataset <name>`` through ``get_dataset`` (stage sft,
template mistral, the tiny-mixtral tokenizer = Mixtral's). Every record must come
through: same roles (function_call -> LLaMA-Factory's "function"), contents,
system and tools as our parquet, and one tokenized example per record.

    python -m venv lf-venv && lf-venv/bin/pip install torch==2.13.0 \\
        --index-url https://download.pytorch.org/whl/cpu && \\
        lf-venv/bin/pip install llamafactory==0.9.5 'torchvision<0.29'
    python bench/llamafactory_check.py --lf-python lf-venv/bin/python
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "llamafactory.json"
# LLaMA-Factory's names for our roles (llamafactory.data.data_utils.Role).
LF_ROLE = {"user": "user", "assistant": "assistant", "function_call": "function",
           "observation": "observation"}
# Aurora's flag that needs a GPU (fp16 mixed precision); the rest are parsed on the CPU.
GPU_ONLY = {"--fp16": 0}


def _cpu_args(command: list[str]) -> tuple[list[str], list[str]]:
    """The training command's arguments for get_train_args, GPU-only flags left out (and
    named)."""
    tokens = command[2:]  # after "llamafactory-cli train"
    kept: list[str] = []
    dropped: list[str] = []
    i = 0
    while i < len(tokens):
        n = 1 + GPU_ONLY.get(tokens[i], 0)
        (dropped if tokens[i] in GPU_ONLY else kept).append(" ".join(tokens[i:i + n]))
        i += n
    return " ".join(kept).split(" "), dropped


def inner(spec: dict[str, Any]) -> dict[str, Any]:
    """Runs in the LLaMA-Factory venv: its argument parser, tokenizer, template, loader."""
    import importlib.machinery
    import importlib.util
    import types

    import pyarrow.parquet as pq

    notes = []
    if importlib.util.find_spec("torchaudio") is None:
        # llamafactory.data.mm_plugin imports torchaudio at module level, for audio inputs
        # only; PyPI has no torchaudio for torch 2.13's CPU build. Text data never reaches
        # it, so an empty module stands in for the import (and the output says so).
        stand_in = types.ModuleType("torchaudio")
        stand_in.__spec__ = importlib.machinery.ModuleSpec("torchaudio", None)
        sys.modules["torchaudio"] = stand_in
        notes.append("torchaudio not installed: an empty module stood in for mm_plugin's "
                     "import (audio only; unused by text datasets)")
    from llamafactory import __version__
    from llamafactory.data import get_dataset, get_template_and_fix_tokenizer
    from llamafactory.data.loader import _get_merged_dataset
    from llamafactory.hparams import get_train_args
    from llamafactory.model import load_tokenizer

    out: dict[str, Any] = {"llamafactory": __version__, "notes": notes, "versions": []}
    for version in spec["versions"]:
        args, dropped = _cpu_args(version["command"])
        args += ["--report_to", "none", "--overwrite_cache", "--overwrite_output_dir"]
        model_args, data_args, training_args, _, _ = get_train_args(args)
        tokenizer_module = load_tokenizer(model_args)
        tokenizer = tokenizer_module["tokenizer"]
        template = get_template_and_fix_tokenizer(tokenizer, data_args)
        aligned = _get_merged_dataset(data_args.dataset, model_args, data_args, training_args,
                                      "sft")
        module = get_dataset(template, model_args, data_args, training_args, "sft",
                             **tokenizer_module)
        ours = pq.read_table(Path(version["dir"]) / "data").to_pylist()
        mismatches = []
        for i, (row, lf) in enumerate(zip(ours, aligned, strict=True)):
            theirs = [(m["role"], m["content"]) for m in lf["_prompt"] + lf["_response"]]
            expected = [(LF_ROLE[m["role"]], m["content"]) for m in row["messages"]]
            if theirs != expected or (lf["_system"] or None) != row["system"] or (
                    lf["_tools"] or None) != row["tools"]:
                mismatches.append(i)
        train = module["train_dataset"]
        tool_rows = [i for i, r in enumerate(ours) if r["tools"]]
        example = None
        if tool_rows:
            ids = train[tool_rows[0]]["input_ids"]
            labels = train[tool_rows[0]]["labels"]
            example = {"input": tokenizer.decode(ids),
                       "trained": tokenizer.decode([t for t in labels if t != -100])}
        out["versions"].append({
            "dir": version["dir"], "dataset": version["name"], "gpu_only_flags_dropped": dropped,
            "records": len(ours), "aligned": len(aligned), "tokenized": len(train),
            "tool_records": len(tool_rows),
            "function_turns": sum(m["role"] == "function" for r in aligned
                                  for m in r["_prompt"] + r["_response"]),
            "observation_turns": sum(m["role"] == "observation" for r in aligned
                                     for m in r["_prompt"] + r["_response"]),
            "mismatched_records": mismatches, "tool_example": example,
        })
    return out


def build_versions(out: Path) -> list[dict[str, Any]]:
    """The sample build of v2 and the tool-calling fixture build, each with its command."""
    sys.path.insert(0, str(ROOT))
    from curation import recipe as recipes
    from curation.build import build
    from curation.llamafactory import train_command
    from finetune.model import tiny_mixtral_dir
    from tests.helpers import toolcall_recipe

    model = str(tiny_mixtral_dir())
    cwd = Path.cwd()
    work = out / "work"  # v2 --sample decontaminates against the shipped fixtures
    work.mkdir()
    os.chdir(work)
    try:
        built = [build(recipes.load("v2"), out=out, sample=True),
                 build(toolcall_recipe(), out=out)]
    finally:
        os.chdir(cwd)
    return [{"dir": str(b.path), "name": b.manifest["dataset"],
             "command": train_command(str(b.path), b.manifest["dataset"], model=model,
                                      output_dir=str(out / "lf-run"))} for b in built]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--lf-python", default=os.environ.get("LLAMAFACTORY_PYTHON"),
                   help="python of a venv with llamafactory installed ($LLAMAFACTORY_PYTHON)")
    p.add_argument("--inner", help=argparse.SUPPRESS)
    p.add_argument("--json", type=Path, default=RESULTS)
    args = p.parse_args()
    if args.inner:
        print(json.dumps(inner(json.loads(Path(args.inner).read_text(encoding="utf-8"))),
                         ensure_ascii=False))
        return 0
    if not args.lf_python or not Path(args.lf_python).is_file():
        print("error: needs a Python with llamafactory: --lf-python PATH or "
              "$LLAMAFACTORY_PYTHON (see this script's docstring)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="lf-check-") as tmp:
        spec = {"versions": build_versions(Path(tmp))}
        (Path(tmp) / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": "", "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1",
               "HF_DATASETS_CACHE": str(Path(tmp) / "hf-cache")}
        proc = subprocess.run([args.lf_python, __file__, "--inner", str(Path(tmp) / "spec.json")],
                              capture_output=True, text=True, env=env, cwd=tmp)
        if proc.returncode:
            print(proc.stderr[-4000:], file=sys.stderr)
            print(f"error: LLaMA-Factory's loader failed (exit {proc.returncode})",
                  file=sys.stderr)
            return 1
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        for v, s in zip(result["versions"], spec["versions"], strict=True):
            v["dir"] = str(Path(v["dir"]).relative_to(tmp))
            v["command"] = " ".join(s["command"]).replace(tmp, "<tmp>")
    print(f"LLaMA-Factory {result['llamafactory']}: get_dataset(stage=sft, template=mistral)")
    print("| version | records | aligned | tokenized | tool records | function | observation "
          "| mismatched |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    ok = True
    for v in result["versions"]:
        print(f"| {v['dir']} | {v['records']} | {v['aligned']} | {v['tokenized']} | "
              f"{v['tool_records']} | {v['function_turns']} | {v['observation_turns']} | "
              f"{len(v['mismatched_records'])} |")
        ok &= v["records"] == v["aligned"] == v["tokenized"] and not v["mismatched_records"]
    for v in result["versions"]:
        if v["tool_example"]:
            print(f"\n{v['dir']}, first tool record as LLaMA-Factory tokenizes it:\n"
                  f"  input:   {v['tool_example']['input']!r}\n"
                  f"  trained: {v['tool_example']['trained']!r}")
    print(f"\nGPU-only flags not parsed on this CPU: "
          f"{result['versions'][0]['gpu_only_flags_dropped']}")
    for note in result["notes"]:
        print(f"note: {note}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
