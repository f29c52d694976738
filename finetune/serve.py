"""`python -m finetune serve`: an OpenAI-compatible API on base model + LoRA adapter(s).

Thin on vLLM: builds `vllm serve MODEL --enable-lora --lora-modules NAME=ADAPTER
--max-lora-rank R --chat-template <training format>`, launches it, waits until
`/health` answers and `/v1/models` lists every adapter, then prints the base URL
and keeps serving. The chat template passed is the one training used
(finetune.tokenizer.MISTRAL_CHAT_TEMPLATE), so the API formats prompts as the
adapter learned them. Where vLLM cannot run (not installed, no CUDA GPU) it says
so and prints the command to run elsewhere; `--dry-run` only prints it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shlex
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from finetune.errors import FinetuneError

DEFAULT_PORT = 8000


def adapter_config(path: Path) -> dict[str, Any]:
    config = path / "adapter_config.json"
    if not config.is_file():
        raise FinetuneError(f"--adapter {str(path)!r} has no adapter_config.json; pass the "
                            "adapter folder of a run (<output>/adapter)")
    return json.loads(config.read_text(encoding="utf-8"))


def _adapter_arg(value: str) -> tuple[str, Path]:
    """NAME=PATH or PATH (named after its run folder: runs/v2/adapter -> v2)."""
    name, sep, path = value.partition("=")
    if not sep:
        path = value
        p = Path(value)
        name = p.parent.name if p.name == "adapter" and p.parent.name else p.name
    return name, Path(path)


def chat_template_file(root: Path | None = None) -> Path:
    """The training chat template, written (under the cache) where vLLM can read it."""
    from finetune.tokenizer import MISTRAL_CHAT_TEMPLATE, cache_root

    root = root or cache_root() / "serve"
    root.mkdir(parents=True, exist_ok=True)
    path = root / "mistral_v1_chat_template.jinja"
    path.write_text(MISTRAL_CHAT_TEMPLATE, encoding="utf-8")
    return path


def build_command(model: str, adapters: list[tuple[str, Path]], *, host: str, port: int,
                  chat_template: Path | None, load_in_4bit: bool = False,
                  max_model_len: int | None = None, dtype: str = "auto",
                  extra: list[str] | None = None) -> list[str]:
    """The `vllm serve` argv for the base model with every adapter as a LoRA module."""
    ranks = [int(adapter_config(path).get("r", 8)) for _, path in adapters]
    cmd = ["vllm", "serve", model, "--host", host, "--port", str(port), "--dtype", dtype]
    if adapters:
        cmd += ["--enable-lora", "--lora-modules",
                *(f"{name}={path.resolve()}" for name, path in adapters),
                "--max-lora-rank", str(max(ranks)), "--max-loras", str(len(adapters))]
    if chat_template is not None:
        cmd += ["--chat-template", str(chat_template)]
    if load_in_4bit:
        cmd += ["--quantization", "bitsandbytes"]
    if max_model_len:
        cmd += ["--max-model-len", str(max_model_len)]
    return cmd + list(extra or [])


def why_vllm_cannot_run() -> str | None:
    """None when vLLM can serve here, else the reason in one line."""
    if importlib.util.find_spec("vllm") is None and shutil.which("vllm") is None:
        return "vLLM is not installed (pip install vllm; it needs a CUDA GPU)"
    try:
        import torch

        if not torch.cuda.is_available():
            return "no CUDA GPU is visible (vLLM serves LoRA adapters on a GPU)"
    except ImportError:
        return "torch is not installed"
    return None


def get_json(url: str, timeout: float = 2.0) -> tuple[int, Any]:
    """(HTTP status, parsed JSON body or None); status 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as e:
        return e.code, None
    except (urllib.error.URLError, OSError):
        return 0, None
    try:
        return status, json.loads(body) if body else None
    except ValueError:
        return status, None


def wait_healthy(base: str, expected_models: list[str], *, timeout: float,
                 process: subprocess.Popen[bytes] | None = None,
                 interval: float = 1.0) -> list[str]:
    """Poll `/health`, then check `/v1/models` lists the expected names; the served names.

    Fails (FinetuneError) when the server process exits first or time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        if process is not None and process.poll() is not None:
            raise FinetuneError(f"vLLM exited with status {process.returncode} before it was "
                                "healthy (its log is above)")
        status, _ = get_json(f"{base}/health")
        if status == 200:
            break
        if time.monotonic() > deadline:
            raise FinetuneError(f"no healthy answer from {base}/health within {timeout:.0f} s")
        time.sleep(interval)
    status, body = get_json(f"{base}/v1/models")
    served = [m.get("id") for m in (body or {}).get("data", [])] if status == 200 else []
    missing = sorted(set(expected_models) - set(served))
    if missing:
        raise FinetuneError(f"{base}/v1/models does not list {missing} (it lists {served})")
    return served


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m finetune serve",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--model", help="base model path or hub id (default: the adapter's "
                   "base_model_name_or_path); 'tiny-mixtral' = the built-in small one")
    p.add_argument("--adapter", action="append", default=[], metavar="[NAME=]PATH",
                   help="LoRA adapter folder, served as model NAME (repeatable)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=DEFAULT_PORT)
    p.add_argument("--load-in-4bit", action="store_true",
                   help="bitsandbytes 4-bit weights (vLLM --quantization bitsandbytes)")
    p.add_argument("--max-model-len", type=int, help="context length vLLM allocates for")
    p.add_argument("--dtype", default="auto")
    p.add_argument("--model-chat-template", action="store_true",
                   help="use the model's own chat template instead of the training one")
    p.add_argument("--health-timeout", type=float, default=900.0,
                   help="seconds to wait for /health (loading Mixtral takes minutes)")
    p.add_argument("--dry-run", action="store_true", help="print the command, start nothing")
    p.add_argument("extra", nargs=argparse.REMAINDER,
                   help="after --: more `vllm serve` options, passed as they are")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        adapters = [_adapter_arg(a) for a in args.adapter]
        for _, path in adapters:
            adapter_config(path)
        model = args.model or (adapter_config(adapters[0][1]).get("base_model_name_or_path")
                               if adapters else None)
        if not model:
            raise FinetuneError("--model is required (or an --adapter that names its base)")
        if model == "tiny-mixtral":
            from finetune.model import tiny_mixtral_dir

            model = str(tiny_mixtral_dir())
        template = None if args.model_chat_template else chat_template_file()
        extra = args.extra[1:] if args.extra[:1] == ["--"] else args.extra
        cmd = build_command(model, adapters, host=args.host, port=args.port,
                            chat_template=template, load_in_4bit=args.load_in_4bit,
                            max_model_len=args.max_model_len, dtype=args.dtype, extra=extra)
    except FinetuneError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    line = shlex.join(cmd)
    if args.dry_run:
        print(line)
        return 0
    reason = why_vllm_cannot_run()
    if reason:
        print(f"error: cannot serve here: {reason}.\nOn a machine with vLLM and a GPU, run:\n"
              f"  {line}", file=sys.stderr)
        return 2
    base = f"http://{args.host}:{args.port}"
    print(f"starting: {line}", flush=True)
    process = subprocess.Popen(cmd)
    try:
        served = wait_healthy(base, [name for name, _ in adapters],
                              timeout=args.health_timeout, process=process)
        print(f"healthy: OpenAI-compatible API at {base}/v1, models {served} "
              "(the adapter names select base + adapter)", flush=True)
        return process.wait()
    except FinetuneError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)
