"""`python -m finetune chat`: talk to a base model + LoRA adapter in the terminal.

The prompt is built exactly as training encodes conversations (finetune.chat:
`<s>[INST] u1 [/INST] a1</s>[INST] u2 [/INST]`), the answer is streamed token by
token, and the history is kept until `/reset`. `--prompt TEXT` (repeatable:
one turn each, history kept) answers and exits, for scripts. Sampling is seeded
before every answer, so the same model, history and seed give the same answer.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from finetune.errors import FinetuneError

Message = dict[str, str]


@dataclass
class ChatSession:
    """A conversation with one loaded model: history, seeded sampling, streaming."""

    model: Any
    tokenizer: Any
    system: str | None = None
    max_new_tokens: int = 256
    temperature: float = 0.7
    top_p: float = 0.9
    seed: int = 0
    max_context: int = 4096
    history: list[Message] = field(default_factory=list)

    def prompt_ids(self, user: str) -> list[int]:
        """The training-format prompt, dropping the oldest exchanges past `max_context`."""
        from finetune.chat import encode_prompt

        history = list(self.history)
        while True:
            ids = encode_prompt(self.tokenizer, history, user, self.system)
            if len(ids) + self.max_new_tokens <= self.max_context or not history:
                return ids
            history = history[2:]

    def reply(self, user: str, on_text: Callable[[str], None] | None = None) -> str:
        """Answer `user` given the history (streamed to `on_text`), then remember both."""
        import torch
        from transformers import TextStreamer

        ids = self.prompt_ids(user)
        pieces: list[str] = []

        class _Collect(TextStreamer):  # type: ignore[misc]
            def on_finalized_text(self, text: str, stream_end: bool = False) -> None:
                pieces.append(text)
                if on_text is not None and text:
                    on_text(text)

        streamer = _Collect(self.tokenizer, skip_prompt=True, skip_special_tokens=True)
        sample = self.temperature > 0
        options: dict[str, Any] = {"do_sample": sample}
        if sample:
            options.update(temperature=self.temperature, top_p=self.top_p)
        device = next(self.model.parameters()).device
        torch.manual_seed(self.seed)
        with torch.no_grad():
            self.model.generate(
                input_ids=torch.tensor([ids], device=device),
                attention_mask=torch.ones(1, len(ids), dtype=torch.long, device=device),
                max_new_tokens=self.max_new_tokens, streamer=streamer,
                eos_token_id=self.tokenizer.eos_token_id,
                pad_token_id=self.tokenizer.pad_token_id, **options)
        answer = "".join(pieces).strip()
        self.history += [{"role": "user", "content": user},
                         {"role": "assistant", "content": answer}]
        return answer

    def reset(self) -> None:
        self.history.clear()


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m finetune chat", description=__doc__.split(
        "\n\n")[0], epilog="In the chat: /reset clears the history, /exit (or Ctrl-D) quits.")
    p.add_argument("--model", required=True,
                   help="base model path or hub id; 'tiny-mixtral' = the built-in small one")
    p.add_argument("--adapter", help="LoRA adapter folder (python -m finetune's <output>/adapter)")
    p.add_argument("--prompt", action="append", default=[],
                   help="answer this and exit (repeat for several turns; history is kept)")
    p.add_argument("--system", help="system prompt (folded into the first user turn)")
    p.add_argument("--max-new-tokens", type=int, default=256)
    p.add_argument("--temperature", type=float, default=0.7, help="0 = greedy")
    p.add_argument("--top-p", type=float, default=0.9)
    p.add_argument("--seed", type=int, default=0, help="sampling seed, set before every answer")
    p.add_argument("--max-context", type=int, default=4096,
                   help="tokens of history + answer; older exchanges are dropped beyond it")
    p.add_argument("--load-in-4bit", action="store_true", help="NF4 weights (a GPU)")
    p.add_argument("--tokenizer", help="tokenizer path/id (default: the model's)")
    return p


def load_session(args: argparse.Namespace) -> ChatSession:
    from pathlib import Path

    from finetune.model import load_model, resolve_model_path
    from finetune.tokenizer import MIXTRAL_TOKENIZER_NAMES, load_mixtral_tokenizer

    if args.adapter and not (Path(args.adapter) / "adapter_config.json").is_file():
        raise FinetuneError(f"--adapter {args.adapter!r} has no adapter_config.json; pass the "
                            "adapter folder of a run (<output>/adapter)")
    name = args.tokenizer or (args.model if args.model in MIXTRAL_TOKENIZER_NAMES
                              else resolve_model_path(args.model))
    tokenizer = load_mixtral_tokenizer(name)
    model = load_model(args.model, quantize_4bit=args.load_in_4bit, adapter=args.adapter)
    if not args.load_in_4bit:
        from finetune.model import default_device

        model = model.to(default_device())
    model.eval()
    return ChatSession(model, tokenizer, system=args.system, max_new_tokens=args.max_new_tokens,
                       temperature=args.temperature, top_p=args.top_p, seed=args.seed,
                       max_context=args.max_context)


def interact(session: ChatSession, stdin: TextIO, stdout: TextIO) -> None:
    """Read a turn, stream the answer, until /exit or end of input."""
    interactive = stdin.isatty()
    while True:
        if interactive:
            stdout.write("\n你> ")
            stdout.flush()
        line = stdin.readline()
        if not line:
            break
        text = line.strip()
        if not text:
            continue
        if text in ("/exit", "/quit"):
            break
        if text == "/reset":
            session.reset()
            stdout.write("(history cleared)\n")
            continue
        stdout.write("助手> ")
        session.reply(text, on_text=lambda t: (stdout.write(t), stdout.flush()))
        stdout.write("\n")
        stdout.flush()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        session = load_session(args)
    except FinetuneError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.prompt:
        for prompt in args.prompt:
            session.reply(prompt, on_text=lambda t: (sys.stdout.write(t), sys.stdout.flush()))
            sys.stdout.write("\n")
        return 0
    if sys.stdin.isatty():
        print(f"chat with {args.model}" + (f" + {args.adapter}" if args.adapter else "")
              + " — /reset clears the history, /exit quits")
    interact(session, sys.stdin, sys.stdout)
    return 0
