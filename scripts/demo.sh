#!/usr/bin/env bash
# Set up the curation core (no torch) and build dataset version v2 from the embedded sample.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e .
HF_HUB_OFFLINE=1 .venv/bin/python -m curation build --version v2 --sample --force "$@"
