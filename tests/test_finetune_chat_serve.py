"""Talking to a tuned model: `python -m finetune chat` on tiny-mixtral (CPU) and the
`python -m finetune serve` vLLM command for an adapter."""

from __future__ import annotations

import http.server
import io
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from finetune import serve
from finetune import terminal_chat as chat
from finetune.chat import encode_conversation, encode_prompt
from finetune.errors import FinetuneError
from finetune.tokenizer import MISTRAL_CHAT_TEMPLATE


@pytest.fixture(scope="module")
def adapter(tmp_path_factory) -> Path:
    """A real LoRA adapter on tiny-mixtral, randomly initialised so that it changes answers."""
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    from finetune.model import tiny_mixtral_dir

    base = AutoModelForCausalLM.from_pretrained(tiny_mixtral_dir())
    model = get_peft_model(base, LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"],
                                            init_lora_weights=False))
    path = tmp_path_factory.mktemp("run") / "v2" / "adapter"
    model.save_pretrained(path)
    return path


def session(*extra: str) -> chat.ChatSession:
    args = chat.build_parser().parse_args(["--model", "tiny-mixtral", "--max-new-tokens", "8",
                                           *extra])
    return chat.load_session(args)


def test_chat_is_deterministic_with_a_seed(one_torch_thread):
    first = session("--seed", "3", "--temperature", "1.0").reply("你好，请介绍一下你自己。")
    again = session("--seed", "3", "--temperature", "1.0").reply("你好，请介绍一下你自己。")
    other = session("--seed", "4", "--temperature", "1.0").reply("你好，请介绍一下你自己。")
    assert first and first == again
    assert other != first


def test_chat_one_shot_cli_streams_the_same_answer(one_torch_thread, capsys):
    expected = session("--seed", "5").reply("北京是哪个国家的首都？")
    assert chat.main(["--model", "tiny-mixtral", "--max-new-tokens", "8", "--seed", "5",
                      "--prompt", "北京是哪个国家的首都？"]) == 0
    assert capsys.readouterr().out.strip() == expected


def test_chat_keeps_history_in_the_training_format(one_torch_thread):
    s = session("--temperature", "0", "--system", "你是助手。")
    a1 = s.reply("第一个问题")
    s.reply("第二个问题")
    assert [m["role"] for m in s.history] == ["user", "assistant"] * 2
    assert s.history[:2] == [{"role": "user", "content": "第一个问题"},
                             {"role": "assistant", "content": a1}]
    ids = s.prompt_ids("第三个问题")
    assert ids == encode_prompt(s.tokenizer, s.history, "第三个问题", "你是助手。")
    trained = encode_conversation(s.tokenizer, s.history, "你是助手。").input_ids
    assert ids[:len(trained)] == trained  # the history is exactly what training encodes


def test_interactive_chat_reads_turns_and_resets(one_torch_thread):
    s = session("--temperature", "0")
    out = io.StringIO()
    chat.interact(s, io.StringIO("写一句诗\n/reset\n写一句诗\n"), out)
    answers = [line for line in out.getvalue().splitlines() if line.startswith("助手> ")]
    assert len(answers) == 2 and answers[0] == answers[1]  # same turn after /reset
    assert "(history cleared)" in out.getvalue() and len(s.history) == 2


def test_chat_with_an_adapter_answers_differently(one_torch_thread, adapter):
    base = session("--temperature", "0").reply("你好")
    tuned = session("--temperature", "0", "--adapter", str(adapter)).reply("你好")
    assert tuned != base


def test_chat_rejects_a_folder_that_is_not_an_adapter(tmp_path, capsys):
    assert chat.main(["--model", "tiny-mixtral", "--adapter", str(tmp_path), "--prompt", "x"]) == 2
    assert "adapter_config.json" in capsys.readouterr().err


def test_serve_command_for_an_adapter(adapter):
    template = serve.chat_template_file(adapter.parent / "tpl")
    cmd = serve.build_command("mistralai/Mixtral-8x7B-Instruct-v0.1", [("v2", adapter)],
                              host="0.0.0.0", port=8001, chat_template=template,
                              load_in_4bit=True)
    assert cmd[:3] == ["vllm", "serve", "mistralai/Mixtral-8x7B-Instruct-v0.1"]
    assert "--enable-lora" in cmd
    assert cmd[cmd.index("--lora-modules") + 1] == f"v2={adapter.resolve()}"
    assert cmd[cmd.index("--max-lora-rank") + 1] == "4"  # the adapter's r
    assert cmd[cmd.index("--quantization") + 1] == "bitsandbytes"
    assert Path(cmd[cmd.index("--chat-template") + 1]).read_text() == MISTRAL_CHAT_TEMPLATE


def test_serve_cli_names_the_adapter_and_takes_its_base(adapter, capsys):
    assert serve.main(["--adapter", str(adapter), "--dry-run", "--", "--max-num-seqs", "4"]) == 0
    line = capsys.readouterr().out.strip()
    base = json.loads((adapter / "adapter_config.json").read_text())["base_model_name_or_path"]
    assert line.startswith(f"vllm serve {base} ")
    assert f"--lora-modules v2={adapter.resolve()}" in line and line.endswith("--max-num-seqs 4")


@pytest.mark.skipif(serve.why_vllm_cannot_run() is None, reason="vLLM can run here")
def test_serve_says_why_vllm_cannot_run_and_prints_the_command(adapter, capsys):
    assert serve.main(["--adapter", f"aurora={adapter}", "--port", "8123"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot serve here: ")
    assert "vllm serve" in err and f"aurora={adapter.resolve()}" in err


class _FakeVLLM(http.server.BaseHTTPRequestHandler):
    """A local HTTP endpoint answering like vLLM's /health and /v1/models."""

    models = ("base", "v2")

    def do_GET(self) -> None:
        if self.path == "/health":
            body = b""
        elif self.path == "/v1/models":
            body = json.dumps({"data": [{"id": m} for m in self.models]}).encode()
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_health_check_waits_for_the_server_and_its_adapters():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FakeVLLM)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        assert serve.wait_healthy(base, ["v2"], timeout=5) == ["base", "v2"]
        with pytest.raises(FinetuneError, match="does not list"):
            serve.wait_healthy(base, ["v3"], timeout=5)
    finally:
        server.shutdown()
    dead = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    dead.wait()
    with pytest.raises(FinetuneError, match="exited with status 3"):
        serve.wait_healthy(base, ["v2"], timeout=5, process=dead, interval=0.1)
    with pytest.raises(FinetuneError, match="within"):
        serve.wait_healthy(base, [], timeout=0.2, interval=0.1)
