"""Read a source (local json/jsonl/parquet or a Hub dataset id) into the schema table.

Errors name the file and the line or record; nothing deep inside a library
reaches the user.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from curation.adapters import ADAPTERS, tools
from curation.errors import InputError
from curation.schema import SCHEMA, content_id, empty_table, messages_series

LOCAL_SUFFIXES = (".json", ".jsonl", ".parquet")


@dataclass(frozen=True)
class LoadedSource:
    table: pl.DataFrame
    origin: str  # resolved path or "hub:<id>"
    sha256: str | None  # of the input file; None for hub datasets (revision instead)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise InputError(str(path), f"not valid UTF-8 (byte {e.start}: {e.reason}); "
                         "re-encode the file as UTF-8", line=line) from None


def _iter_json(path: Path) -> Iterator[tuple[int, int | None, Any]]:
    """(record index, line number or None, record)."""
    text = _decode(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(str(path), f"malformed JSON: {e.msg} (column {e.colno})",
                         line=e.lineno) from None
    if not isinstance(data, list):
        raise InputError(str(path), "expected a JSON array of records; "
                         "for one record per line use a .jsonl file")
    for i, record in enumerate(data):
        yield i, None, record


def _iter_jsonl(path: Path) -> Iterator[tuple[int, int | None, Any]]:
    index = 0
    for line_no, line in enumerate(_decode(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(str(path), f"malformed JSON line: {e.msg} (column {e.colno})",
                             line=line_no) from None
        yield index, line_no, record
        index += 1


def _iter_parquet(path: Path) -> Iterator[tuple[int, int | None, Any]]:
    try:
        frame = pl.read_parquet(path)
    except Exception as e:  # polars raises several types for a bad file
        raise InputError(str(path), f"cannot read parquet: {e}") from None
    for i, record in enumerate(frame.iter_rows(named=True)):
        yield i, None, record


def _iter_hub(hub_id: str, split: str, data_files: str | list[str] | None,
              ) -> Iterator[tuple[int, int | None, Any]]:
    import datasets  # heavy import; only for hub sources

    try:
        ds = datasets.load_dataset(hub_id, split=split, data_files=data_files)
    except Exception as e:
        raise InputError(
            f"hub:{hub_id}",
            f"could not load the Hub dataset ({type(e).__name__}: {str(e)[:200]}). "
            "Without network access, download it once and point the recipe's `path` "
            "at the local file (or pass --source NAME=PATH).",
        ) from None
    for i, record in enumerate(ds):
        yield i, None, record


def iter_local(path: Path) -> Iterator[tuple[int, int | None, Any]]:
    readers = {".json": _iter_json, ".jsonl": _iter_jsonl, ".parquet": _iter_parquet}
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise InputError(str(path), f"unknown file type {path.suffix!r}; "
                         f"use one of {', '.join(LOCAL_SUFFIXES)}")
    return reader(path)


def to_table(records: Iterator[tuple[int, int | None, Any]], *, origin: str, source: str,
             fmt: str) -> pl.DataFrame:
    """Adapt raw records to schema rows; the first bad record stops the load."""
    adapter = ADAPTERS.get(fmt)
    if adapter is None:
        raise InputError(origin, f"unknown format {fmt!r}; known: {sorted(ADAPTERS)}")
    columns: dict[str, list[Any]] = {name: [] for name in SCHEMA}
    for index, line, record in records:
        try:
            if not isinstance(record, dict):
                raise ValueError(f"expected an object, got {type(record).__name__}")
            system, messages = adapter(record)
            record_tools = tools(record)
        except ValueError as e:
            raise InputError(origin, f"{fmt} record: {e}", line=line, record=index) from None
        columns["id"].append(content_id(system, messages, record_tools))
        columns["source"].append(source)
        columns["source_index"].append(index)
        columns["system"].append(system)
        columns["tools"].append(record_tools)
        columns["messages"].append(messages)
    if not columns["id"]:
        return empty_table()
    messages = messages_series(columns.pop("messages"))
    return pl.DataFrame(columns, schema={k: v for k, v in SCHEMA.items() if k != "messages"}
                        ).with_columns(messages).select(list(SCHEMA))


def load_source(*, name: str, fmt: str, path: Path | None, hub: str | None = None,
                split: str = "train", data_files: str | list[str] | None = None,
                ) -> LoadedSource:
    """Load one recipe source: the local file when given, else the Hub id."""
    if path is not None:
        if not path.is_file():
            raise InputError(str(path), "file not found")
        table = to_table(iter_local(path), origin=str(path), source=name, fmt=fmt)
        return LoadedSource(table, str(path), sha256_file(path))
    if hub is None:
        raise InputError(name, "source has neither `path` nor `hub`")
    table = to_table(_iter_hub(hub, split, data_files), origin=f"hub:{hub}", source=name,
                     fmt=fmt)
    return LoadedSource(table, f"hub:{hub}", None)
