#!/usr/bin/env bash
# Set up a virtual environment with every extra and run the whole test suite offline.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q torch==2.13.0          # CPU wheel; install it before anything asks for torch
.venv/bin/pip install -q -e '.[train,dev,ray]'
export HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1
.venv/bin/ruff check .
.venv/bin/python -m pytest -q "$@"
