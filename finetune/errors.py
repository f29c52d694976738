"""Errors the CLI reports as one clear line instead of a stack trace."""

from __future__ import annotations


class FinetuneError(Exception):
    """A user-facing problem (bad input, unsupported platform); the CLI prints it and exits 2."""


class DatasetNotFoundError(FinetuneError):
    """The dataset argument is neither an existing built version directory nor a loadable id."""


class FourBitUnavailableError(FinetuneError):
    """4-bit (bitsandbytes NF4) quantization cannot run on this platform."""
