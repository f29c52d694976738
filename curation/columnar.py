"""JSON Lines read by polars straight into columns, where that is provably what the
json module reads; the loader's fast path for alpaca and sharegpt files.

Why: read record by record, a 433 MB ShareGPT file costs ~11 CPU-seconds here (the json
module, an adapter call, the quarantine checks and the Python -> Arrow conversion of
every turn); polars parses it into Arrow columns in ~2.

Polars' reader is not the json module, so its result is used only where it cannot
differ (otherwise :func:`read_lines` returns None and the loader reads the part record
by record, raising the json module's errors):

* its grammar is narrower (NaN, Infinity, a BOM: it fails, we fall back); it reads a
  lone surrogate escape as U+0000, so text with any surrogate escape is not read here;
* it keeps the first of repeated keys, and turns a value whose type differs from the
  column's into a string (``1`` -> ``"1"``, ``["a"]`` -> ``'["a"]'``). Counting settles
  both: the text's keys (a closing quote, then ``:``) must equal the non-null fields
  read (one fewer for every repeated or null-valued key), its strings the keys plus the
  string values read (one more per number or empty list made a string), and its escaped
  quotes the quote characters in the values read (a list or object made a string brings
  its quotes). Per record the read side can only exceed (strings, quotes) or fall short
  of (keys) the text's, so equal totals mean equal records;
* a later record's value that does not fit the type inferred from the first ones fails
  (or, into a string column, is made a string: counted), and a key the first ones lack is
  dropped (counted);
* one record a line: as many records as lines (a blank line, which the loader skips,
  falls back).
"""

from __future__ import annotations

import codecs
import re

import numpy as np
import polars as pl

FORMATS = ("alpaca", "sharegpt")
# \ud800-\udfff written as a JSON escape (lowercase u: the only form JSON has).
SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_QUOTE, _BACKSLASH, _COLON = 0x22, 0x5C, 0x3A
SCAN_BYTES = 1 << 20
_JSON_SPACE = np.array([0x20, 0x09, 0x0A, 0x0D], dtype=np.uint8)


def read_lines(data: bytes) -> pl.DataFrame | None:
    """The records of JSON Lines ``data`` as the json module reads them (a column per
    key; null where a record lacks it), or None where that is not certain."""
    if not data or data.startswith(codecs.BOM_UTF8) or SURROGATE_ESCAPE.search(data):
        return None
    lines = data.count(b"\n") + (not data.endswith(b"\n"))
    try:  # types inferred from the first records: a later value of another type fails,
        # or (into a string column) is made a string, which the counts catch
        frame = pl.read_ndjson(data)
    except Exception:  # polars raises several types; the json module names the problem
        return None
    if frame.height != lines or text_counts(data) != frame_counts(frame):
        return None
    return frame


def text_counts(data: bytes) -> tuple[int, int, int]:
    """(keys, strings, escaped quotes) of JSON text: a quote after an odd run of
    backslashes is escaped; the others open and close strings in turn, and a closing
    one followed (after spaces) by a colon ends a key."""
    b = np.frombuffer(data, dtype=np.uint8)
    quotes = np.concatenate([np.zeros(0, dtype=np.int64)] + [  # by slices: small temporaries
        np.flatnonzero(b[at:at + SCAN_BYTES] == _QUOTE) + at
        for at in range(0, len(b), SCAN_BYTES)])
    run = np.zeros(len(quotes), dtype=np.int64)
    at, where = quotes - 1, np.arange(len(quotes))
    while len(where):
        hit = at >= 0
        hit[hit] = b[at[hit]] == _BACKSLASH
        where, at = where[hit], at[hit] - 1
        run[where] += 1
    escaped = run % 2 == 1
    plain = quotes[~escaped]
    if len(plain) % 2:
        return -1, -1, -1  # not JSON; polars would not have read it
    after = plain[1::2] + 1
    after = after[after < len(b)]
    while True:  # step over spaces between a closing quote and what follows it
        space = np.isin(b[after], _JSON_SPACE)
        if not space.any():
            break
        after[space] += 1
        after = after[after < len(b)]
    keys = int(np.count_nonzero(b[after] == _COLON))
    return keys, len(plain) // 2, int(np.count_nonzero(escaped))


def frame_counts(frame: pl.DataFrame) -> tuple[int, int, int]:
    """(keys, strings, quote characters) of what polars read, as :func:`text_counts`
    counts them in the text: a non-null field is a key, a string is one more string.
    A field name with a quote (its escape would count as a value's) gives (-1, ...)."""
    keys = strings = quotes = 0

    def visit(s: pl.Series) -> None:
        nonlocal keys, strings, quotes
        dtype = s.dtype
        if isinstance(dtype, pl.Struct):
            for f in dtype.fields:
                if '"' in f.name:
                    raise ValueError
                field = s.struct.field(f.name)
                keys += field.len() - field.null_count()
                visit(field)
        elif isinstance(dtype, pl.List):
            visit(s.explode())
        elif dtype == pl.String:
            strings += s.len() - s.null_count()
            quotes += int(s.str.count_matches('"', literal=True).sum() or 0)

    try:
        visit(frame.to_struct("record"))
    except ValueError:
        return -1, -1, -1
    return keys, keys + strings, quotes


# Characters Python's str.strip() removes and polars' (Rust's White_Space) keeps: text
# with them goes the record-by-record way wherever blankness decides something.
_PY_ONLY_SPACE = r"[\x1c-\x1f]"


def _is(frame: pl.DataFrame, name: str, *dtypes: type[pl.DataType]) -> bool:
    """Is column ``name`` absent (None among ``dtypes``) or of one of ``dtypes``?"""
    dtype = frame.schema.get(name)
    return (dtype is None and None in dtypes) or (dtype is not None and dtype in dtypes)


def _none_or_all_null(frame: pl.DataFrame, name: str) -> bool:
    return name not in frame.columns or frame[name].null_count() == frame.height


def _optional(frame: pl.DataFrame, name: str) -> pl.Expr:
    return pl.col(name) if name in frame.columns else pl.lit(None, pl.String)


def adapted(frame: pl.DataFrame, fmt: str, roles: dict[str, str]) -> tuple[
        pl.DataFrame, pl.Series] | None:
    """``system`` and ``messages`` as the format's adapter makes them (curation.adapters),
    and a mask of the records that hold (the others, and those whose columns have
    other types, go through the adapter itself: None when no record can be made here).
    ``roles``: sharegpt's role names."""
    if not _none_or_all_null(frame, "tools"):
        return None
    if fmt == "sharegpt":
        return _sharegpt(frame, roles)
    if fmt == "alpaca":
        return _alpaca(frame)
    return None


def _sharegpt(frame: pl.DataFrame, roles: dict[str, str]) -> tuple[
        pl.DataFrame, pl.Series] | None:
    conv = frame.schema.get("conversations")
    if not (isinstance(conv, pl.List) and isinstance(conv.inner, pl.Struct)
            and {"from": pl.String, "value": pl.String}.items()
            <= {f.name: f.dtype for f in conv.inner.fields}.items()
            and _is(frame, "system", None, pl.String)):
        return None
    names = frame["conversations"].explode().struct.field("from").drop_nulls().unique()
    mapping = {name: role for name in names.to_list()  # the adapter's own lookup
               if (role := roles.get(name.strip().lower())) not in (None, "system")}
    turn, system = pl.element(), _optional(frame, "system")
    plain = (pl.col("conversations").is_not_null()
             & pl.col("conversations").list.eval(
                 (turn.is_not_null() & turn.struct.field("from").is_in(list(mapping))
                  & turn.struct.field("value").is_not_null()).fill_null(False)).list.all()
             & (system.is_null() | ~system.str.contains(_PY_ONLY_SPACE)))
    out = frame.select(
        pl.when(system.str.contains(r"\S")).then(system).alias("system"),
        pl.col("conversations").list.eval(pl.struct(
            turn.struct.field("from").replace_strict(mapping, default=None,
                                                     return_dtype=pl.String).alias("role"),
            turn.struct.field("value").alias("content"))).alias("messages"),
        plain.fill_null(False).alias("plain"))  # (all() passes over nulls)
    return out.drop("plain"), out["plain"]


def _alpaca(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.Series] | None:
    if not (_is(frame, "instruction", pl.String) and _is(frame, "output", pl.String)
            and _is(frame, "input", None, pl.String) and _is(frame, "system", None, pl.String)):
        return None
    query, system = _optional(frame, "input"), _optional(frame, "system")
    history = _optional(frame, "history")
    plain = (pl.col("instruction").is_not_null() & pl.col("output").is_not_null()
             & history.is_null() & (query.is_null() | ~query.str.contains(_PY_ONLY_SPACE)))
    user = pl.when(query.str.contains(r"\S")).then(
        pl.concat_str(pl.col("instruction"), pl.lit("\n"), query)).otherwise(pl.col("instruction"))
    out = frame.select(
        pl.when(system != "").then(system).alias("system"),
        pl.concat_list(pl.struct(pl.lit("user").alias("role"), user.alias("content")),
                       pl.struct(pl.lit("assistant").alias("role"),
                                 pl.col("output").alias("content"))).alias("messages"),
        plain.fill_null(False).alias("plain"))  # (all() passes over nulls)
    return out.drop("plain"), out["plain"]


def as_record(row: dict[str, object]) -> dict[str, object]:
    """A row polars read, as the json module's dict: null fields were absent keys (a
    null-valued key fails the counts), null list items stay."""
    return {k: _as_value(v) for k, v in row.items() if v is not None}


def _as_value(value: object) -> object:
    if isinstance(value, dict):
        return as_record(value)
    if isinstance(value, list):
        return [_as_value(v) for v in value]
    return value
