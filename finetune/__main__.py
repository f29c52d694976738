"""Allows `python -m finetune --dataset DIR --model NAME --output DIR`."""

import sys

from finetune.cli import main

sys.exit(main())
