"""Read a source (local json/jsonl/parquet or a Hub dataset id) into the schema table.

Errors name the file and the line or record; nothing deep inside a library
reaches the user. Records that no step could use (no text, oversized, broken
Unicode, and per the recipe's ``load`` policy empty turns and control
characters) are quarantined: they go to removed.parquet under the step ``load``
with a reason, so every input record is accounted for in every recipe.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from curation.adapters import ADAPTERS, tools
from curation.errors import InputError
from curation.schema import (
    REMOVED_SCHEMA,
    SCHEMA,
    Message,
    content_ids,
    empty_removed,
    empty_table,
    messages_series,
)

LOCAL_SUFFIXES = (".json", ".jsonl", ".parquet")
LOAD_STEP = "load"  # the step name of quarantined records in removed.parquet
KEEP_OR_REMOVE = ("remove", "keep")

# C0 controls other than whitespace (\t \n \v \f \r), DEL, and UTF-16 surrogates (which
# a JSON "\ud800" escape produces and UTF-8 cannot encode).
SUSPECT = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")
SURROGATE = re.compile(r"[\ud800-\udfff]")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

Record = tuple[int, int | None, Any]  # (record index, line number or None, record)


@dataclass(frozen=True)
class LoadPolicy:
    """The recipe's ``load`` section: what the loader quarantines besides records
    without text or with broken Unicode, which it always does."""

    max_record_chars: int = 200_000  # all turns together; beyond it no step can use it
    empty_turns: str = "remove"  # "keep" when a later step (turn_repair) repairs them
    control_chars: str = "remove"  # "keep" when a later step (normalize) strips them


@dataclass(frozen=True)
class LoadedSource:
    table: pl.DataFrame
    origin: str  # where it was read from, for messages (local path or "hub:<id>")
    sha256: str | None  # of the input file; None for hub datasets (revision instead)
    removed: pl.DataFrame = field(default_factory=empty_removed)  # quarantined records
    numbered_from_part: bool = False  # source_index counts from the part's first record

    @property
    def records(self) -> int:
        """Records read from the source: loaded + quarantined."""
        return self.table.height + self.removed.height

    @classmethod
    def join(cls, parts: Sequence[LoadedSource]) -> LoadedSource:
        """A source loaded in parts (in part order) as if loaded whole."""
        if len(parts) == 1 and not parts[0].numbered_from_part:
            return parts[0]
        tables, removed, before = [], [], 0
        for p in parts:
            shift = pl.col("source_index") + before if p.numbered_from_part else None
            tables.append(p.table if shift is None else p.table.with_columns(shift))
            removed.append(p.removed if shift is None else p.removed.with_columns(shift))
            before += p.records
        return cls(pl.concat(tables), parts[0].origin, parts[0].sha256, pl.concat(removed))


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_readable(path: Path) -> None:
    _read_bytes(path, probe=True)


def _read_bytes(path: Path, *, probe: bool = False) -> bytes:
    try:
        if probe:
            path.open("rb").close()
            return b""
        return path.read_bytes()
    except OSError as e:
        raise _unreadable(path, e) from None


def _unreadable(path: Path, e: OSError) -> InputError:
    if isinstance(e, PermissionError):
        return InputError(str(path), "permission denied; make the file readable "
                          f"(chmod u+r {path}) or copy it somewhere you can read")
    return InputError(str(path), f"cannot read the file ({e.strerror or e})")


def _decode(path: Path, data: bytes | None = None, *, first_line: int = 1,
            first_byte: int = 0) -> str:
    """The file's text (or ``data``, its bytes from ``first_byte`` on, which is line
    ``first_line``); a byte-order mark is dropped at the start of the file only."""
    data = _read_bytes(path) if data is None else data
    try:
        return data.decode("utf-8-sig" if first_byte == 0 else "utf-8")
    except UnicodeDecodeError as e:
        line = first_line + data.count(b"\n", 0, e.start)
        raise InputError(str(path), f"not valid UTF-8 (byte {first_byte + e.start}: "
                         f"{e.reason}); re-encode the file as UTF-8", line=line) from None


def _line_start(data: mmap.mmap, offset: int) -> int:
    """Where the first line that starts at or after ``offset`` starts."""
    if offset <= 0:
        return 0
    newline = data.find(b"\n", offset - 1)
    return len(data) if newline < 0 else newline + 1


def _lines_of_part(path: Path, part: Part) -> tuple[str, int]:
    """(text, number of its first line) of ``part`` of a JSON Lines file: the lines
    that start in the part's share of the file's bytes. Only those bytes are decoded,
    so parts loaded in parallel do not each decode the whole file."""
    try:
        with path.open("rb") as f:
            if os.fstat(f.fileno()).st_size == 0:
                return "", 1
            with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
                k, n = part
                start = _line_start(data, len(data) * k // n)
                end = _line_start(data, len(data) * (k + 1) // n)
                first_line = 1 + sum(data[i:min(i + COUNT_BYTES, start)].count(b"\n")
                                     for i in range(0, start, COUNT_BYTES))
                chunk = data[start:end]
    except OSError as e:
        raise _unreadable(path, e) from None
    return _decode(path, chunk, first_line=first_line, first_byte=start), first_line


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """object_pairs_hook: the json module keeps the last of repeated keys silently."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return obj


def _parse_problem(e: Exception) -> str:
    if isinstance(e, _DuplicateKey):
        return (f"duplicate key {e.key!r} in one object (JSON readers disagree on which "
                "value wins); remove one of them")
    return (f"nested more than ~{sys.getrecursionlimit()} levels deep; a conversation record "
            "is a few levels deep, so the file is probably corrupt")


_WS = re.compile(r"[ \t\n\r]*")


def _skip_ws(text: str, pos: int) -> int:
    """Where the JSON whitespace from ``pos`` on ends."""
    return _WS.match(text, pos).end()  # type: ignore[union-attr]


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _locate(path: Path, text: str, error: Exception) -> InputError:
    """Which record of a JSON array held a duplicate key or nested too deep: read
    record by record (:func:`_array_part`), the array stops at it."""
    at = _skip_ws(text, 0)
    if text[at:at + 1] == "[":
        try:
            for _ in _array_part(path, text, WHOLE, at):
                pass
        except InputError as e:
            return e
    return InputError(str(path), _parse_problem(error), line=1)


Part = tuple[int, int]  # (k, n): the k-th of n contiguous, equal runs of a file's records
# (of its bytes, for JSON Lines: lines are found without parsing)
WHOLE: Part = (0, 1)
COUNT_BYTES = 16 << 20  # newlines before a part are counted in slices of this size


def part_bounds(total: int, part: Part) -> range:
    """The record indices of ``part`` of ``total`` records."""
    k, n = part
    return range(total * k // n, total * (k + 1) // n)


def _iter_json(path: Path, part: Part = WHOLE) -> Iterator[Record]:
    text = _decode(path)
    at = _skip_ws(text, 0)
    if part != WHOLE and text[at:at + 1] == "[":
        yield from _array_part(path, text, part, at)
        return
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as e:
        raise InputError(str(path), f"malformed JSON: {e.msg} (column {e.colno})",
                         line=e.lineno) from None
    except (_DuplicateKey, RecursionError) as e:
        raise _locate(path, text, e) from None
    if not isinstance(data, list):
        raise InputError(str(path), "expected a JSON array of records; "
                         "for one record per line use a .jsonl file")
    yield from ((i, None, record) for i, record in enumerate(data))  # the whole file


def _array_part(path: Path, text: str, part: Part, at: int) -> Iterator[Record]:
    """The records of a JSON array whose first character lies in the part's share of
    the text, parsed one by one: records before the part are parsed and dropped, so a
    part holds only its own (the whole array's objects took a worker's memory many
    times the file's size). Numbered as in the whole file; the part that reaches the
    end checks what follows the array. ``at``: where the array's ``[`` stands."""
    decoder = json.JSONDecoder(object_pairs_hook=_no_duplicates)
    skipper = json.JSONDecoder()  # for records before the part: their own part checks keys
    k, n = part
    lo, hi = len(text) * k // n, len(text) * (k + 1) // n
    pos, index, sep = _skip_ws(text, at + 1), 0, ","
    try:
        if text[pos:pos + 1] == "]":
            pos, sep = _skip_ws(text, pos + 1), "]"
        while sep == ",":
            start = pos
            if start >= hi:
                return
            try:
                record, pos = (decoder if start >= lo else skipper).raw_decode(text, pos)
            except (_DuplicateKey, RecursionError) as e:
                raise InputError(str(path), f"record {index}: {_parse_problem(e)}",
                                 line=_line_of(text, start)) from None
            if start >= lo:
                yield index, None, record
            index += 1
            pos = _skip_ws(text, pos)
            sep = text[pos:pos + 1]
            if sep not in (",", "]"):
                raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
            pos = _skip_ws(text, pos + 1)
        if pos != len(text):
            raise json.JSONDecodeError("Extra data", text, pos)
    except json.JSONDecodeError as e:
        raise InputError(str(path), f"malformed JSON: {e.msg} (column {e.colno})",
                         line=e.lineno) from None


def _iter_jsonl(path: Path, part: Part = WHOLE) -> Iterator[Record]:
    """Records of the file's lines, ended by \\n (a \\r before it is whitespace to
    JSON): U+2028 and the other separators ``str.splitlines`` knows may stand raw in
    JSON strings. A part's records are numbered from 0 (:meth:`LoadedSource.join`
    numbers them on), its lines as in the file."""
    text, first_line = _lines_of_part(path, part)
    index = 0
    for line_no, line in enumerate(text.split("\n"), start=first_line):
        if not line.strip():
            continue
        try:
            record = json.loads(line, object_pairs_hook=_no_duplicates)
        except json.JSONDecodeError as e:
            raise InputError(str(path), f"malformed JSON line: {e.msg} (column {e.colno})",
                             line=line_no) from None
        except (_DuplicateKey, RecursionError) as e:
            raise InputError(str(path), _parse_problem(e), line=line_no) from None
        yield index, line_no, record
        index += 1


def _iter_parquet(path: Path, part: Part = WHOLE) -> Iterator[Record]:
    _check_readable(path)  # permission problems get the plain message, not polars'
    try:
        frame = pl.read_parquet(path)
    except Exception as e:  # polars raises several types for a bad file
        raise InputError(str(path), f"cannot read parquet: {str(e).splitlines()[0]}") from None
    rows = part_bounds(frame.height, part)
    for i, record in enumerate(frame.slice(rows.start, len(rows)).iter_rows(named=True),
                               start=rows.start):
        yield i, None, record


def _iter_hub(hub_id: str, split: str, data_files: str | list[str] | None,
              ) -> Iterator[Record]:
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


def iter_local(path: Path, part: Part = WHOLE) -> Iterator[Record]:
    readers = {".json": _iter_json, ".jsonl": _iter_jsonl, ".parquet": _iter_parquet}
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise InputError(str(path), f"unknown file type {path.suffix!r}; "
                         f"use one of {', '.join(LOCAL_SUFFIXES)}")
    return reader(path, part)


def _turn_name(messages: list[Message], i: int) -> str:
    return "system prompt" if i < 0 else f"{messages[i]['role']} turn {i}"


def quarantine(system: str | None, messages: list[Message],
               policy: LoadPolicy) -> tuple[str, str] | None:
    """(reason, detail) when no step could use the record, else None. The detail
    names the turn (``assistant turn 3``: its index in ``messages``)."""
    texts = [(-1, system or "")] + [(i, m["content"]) for i, m in enumerate(messages)]
    everything = "".join(t for _, t in texts)  # one search for the common case: no suspect
    suspects = [(i, t) for i, t in texts if SUSPECT.search(t)] if SUSPECT.search(
        everything) else []
    for i, text in suspects:
        match = SURROGATE.search(text)
        if match:
            return "invalid_unicode", (
                f"{_turn_name(messages, i)}: lone surrogate U+{ord(match.group()):04X} at "
                f"character {match.start()} (a broken \\u escape; stored here as U+FFFD)")
    total = len(everything)
    if total > policy.max_record_chars:
        return "oversized", f"{total} characters > max_record_chars {policy.max_record_chars}"
    if not any(m["content"].strip() for m in messages if m["role"] == "user") or \
            not any(m["content"].strip() for m in messages if m["role"] == "assistant"):
        roles = [m["role"] for m in messages if m["content"].strip()]
        return "empty", ("no user and assistant text (non-empty turns: "
                         f"{', '.join(roles) or 'none'})")
    if policy.empty_turns == "remove":
        for i, m in enumerate(messages):
            if not m["content"].strip():
                return "empty_turn", f"{_turn_name(messages, i)} is empty or null"
    if policy.control_chars == "remove":
        for i, text in suspects:
            found = CONTROL.findall(text)
            if found:
                codes = ", ".join(f"U+{ord(c):04X}" for c in sorted(set(found)))
                return "control_chars", f"{_turn_name(messages, i)}: {len(found)} control " \
                                        f"characters ({codes})"
    return None


def _scrub(text: str | None) -> str | None:
    return SURROGATE.sub("\ufffd", text) if text else text


def to_table(records: Iterator[Record], *, origin: str, source: str, fmt: str,
             policy: LoadPolicy | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Adapt raw records to schema rows: (loaded, quarantined). A record the adapter
    cannot read stops the load with an error naming it."""
    policy = policy or LoadPolicy()
    adapter = ADAPTERS.get(fmt)
    if adapter is None:
        raise InputError(origin, f"unknown format {fmt!r}; known: {sorted(ADAPTERS)}")
    columns: dict[str, list[Any]] = {name: [] for name in SCHEMA if name != "id"}
    out: dict[str, list[Any]] = {name: [] for name in REMOVED_SCHEMA if name != "id"}
    for index, line, record in records:
        try:
            if not isinstance(record, dict):
                raise ValueError(f"expected an object, got {type(record).__name__}")
            system, messages = adapter(record)
            record_tools = tools(record)
        except ValueError as e:
            raise InputError(origin, f"{fmt} record: {e}", line=line, record=index) from None
        verdict = quarantine(system, messages, policy)
        if verdict is not None:
            if verdict[0] == "invalid_unicode":
                system = _scrub(system)
                messages = [{"role": m["role"], "content": _scrub(m["content"]) or ""}
                            for m in messages]
            where = f"line {line}" if line is not None else f"record {index}"
            for key, value in (("source", source), ("source_index", index), ("system", system),
                               ("tools", record_tools), ("messages", messages), ("step", LOAD_STEP),
                               ("reason", verdict[0]), ("detail", f"{where}: {verdict[1]}"),
                               ("duplicate_of", None)):
                out[key].append(value)
            continue
        columns["source"].append(source)
        columns["source_index"].append(index)
        columns["system"].append(system)
        columns["tools"].append(record_tools)
        columns["messages"].append(messages)
    return _frame(columns, SCHEMA, empty_table), _frame(out, REMOVED_SCHEMA, empty_removed)


def _frame(columns: dict[str, list[Any]], schema: dict[str, pl.DataType],
           empty: Any) -> pl.DataFrame:
    if not columns["source"]:
        return empty()
    messages = messages_series(columns.pop("messages"))
    frame = pl.DataFrame(columns, schema={k: v for k, v in schema.items()
                                          if k not in ("id", "messages")}
                         ).with_columns(messages)
    return frame.with_columns(content_ids(frame)).select(list(schema))


def quarantine_counts(removed: pl.DataFrame) -> dict[str, int]:
    return dict(sorted(Counter(removed["reason"].to_list()).items()))


def check_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as a source file, or None."""
    if path.is_dir():
        return "is a folder, not a file"
    if not path.is_file():
        return "not found"
    return None


def load_source(*, name: str, fmt: str, path: Path | None, hub: str | None = None,
                split: str = "train", data_files: str | list[str] | None = None,
                policy: LoadPolicy | None = None, part: Part = WHOLE) -> LoadedSource:
    """Load one recipe source: the local file when given, else the Hub id. ``part``
    loads only that run of a local file's records (its source_index as in the whole
    file, except a JSON Lines part's; the file's sha256 comes with part 0): parts load
    in parallel and :meth:`LoadedSource.join` puts them together."""
    if path is not None:
        problem = check_file(path)
        if problem:
            raise InputError(str(path), problem)
        table, removed = to_table(iter_local(path, part), origin=str(path), source=name,
                                  fmt=fmt, policy=policy)
        return LoadedSource(table, str(path), sha256_file(path) if part[0] == 0 else None,
                            removed, part[0] > 0 and path.suffix.lower() == ".jsonl")
    if part != WHOLE:
        raise ValueError("a Hub source loads whole")
    if hub is None:
        raise InputError(name, "source has neither `path` nor `hub`")
    table, removed = to_table(_iter_hub(hub, split, data_files), origin=f"hub:{hub}",
                              source=name, fmt=fmt, policy=policy)
    return LoadedSource(table, f"hub:{hub}", None, removed)
