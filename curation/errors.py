"""Errors a user can act on: each names the file and the record that caused it."""

from __future__ import annotations

from typing import Any


class CurationError(Exception):
    """Base class for errors the CLI reports without a traceback."""


class InputError(CurationError):
    """Bad input data; names the file and line/record so it can be fixed."""

    def __init__(self, path: str, message: str, *, line: int | None = None,
                 record: int | None = None) -> None:
        where = path
        if line is not None:
            where += f", line {line}"
        elif record is not None:
            where += f", record {record}"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.message = message
        self.line = line
        self.record = record

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickles whole (the default would call ``InputError(text)``): an error raised
        while loading in a worker process reaches the user as it was raised."""
        return (_input_error, (self.path, self.message, self.line, self.record))


def _input_error(path: str, message: str, line: int | None, record: int | None
                 ) -> InputError:
    return InputError(path, message, line=line, record=record)


class RecipeError(CurationError):
    """A recipe that cannot be run as written."""


class OutputError(CurationError):
    """The output folder cannot take the build (not writable, locked, already built)."""


class InvariantError(CurationError):
    """A build broke one of its own guarantees (conservation, determinism)."""


def report_bug(program: str) -> None:
    """For the CLIs' last-resort handler: the traceback, then a line saying it is a bug."""
    import sys
    import traceback

    traceback.print_exc()
    print(f"\n{program}: internal error (a bug, not a problem with your input); please "
          "report it with the traceback above", file=sys.stderr)
