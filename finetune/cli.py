"""`python -m finetune`: parse options, run, and turn user-facing errors into one line."""

from __future__ import annotations

import logging
import os
import sys

from finetune.errors import FinetuneError


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 2 usage/data/platform error)."""
    from finetune.config import load_config

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        config = load_config(argv)
        from finetune.train import run  # heavy imports only once the options are valid

        manifest = run(config)
    except FinetuneError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; rerun the same command to resume from the last checkpoint",
              file=sys.stderr)
        return 130
    except Exception:
        import traceback

        traceback.print_exc()
        print("\npython -m finetune: internal error (a bug, not a problem with your input); "
              "please report it with the traceback above", file=sys.stderr)
        return 1
    training = manifest["training"]
    print(
        f"done: {training['global_step']} steps, last logged loss {training['last_logged_loss']}, "
        f"outputs in {config.output}"
    )
    return 0
