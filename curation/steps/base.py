"""The step interface: a table in, kept rows + removed rows (with reasons) + stats out."""

from __future__ import annotations

import gc
import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any, ClassVar

import polars as pl
from tqdm import tqdm

from curation.schema import (
    REMOVED_SCHEMA,
    SIGNALS_SCHEMA,
    TRIMMED_SCHEMA,
    Conversation,
    conversations,
    empty_signals,
    empty_trimmed,
    messages_series,
)


@dataclass(frozen=True)
class StepResult:
    """What a step returns. ``removed`` has the schema's columns plus ``reason``,
    ``detail`` and ``duplicate_of``; the pipeline adds the ``step`` name.

    ``trimmed`` lists kept records that lost their last exchanges (they are in
    ``kept`` shortened; ``cut`` holds what went), ``signals`` what a judging step
    measured on each record it saw, kept or removed (a JSON object per row), so a
    threshold can be swept or audited without rerunning the build. Every field is
    a DataFrame, an int or a dict of counts: results of batches concatenate."""

    kept: pl.DataFrame
    removed: pl.DataFrame
    changed: int
    stats: dict[str, Any] = field(default_factory=dict)
    trimmed: pl.DataFrame = field(default_factory=empty_trimmed)
    signals: pl.DataFrame = field(default_factory=empty_signals)


Signals = dict[str, Any]


@dataclass(frozen=True)
class Drop:
    """A per-record verdict: remove it, for this reason (a short code) and detail."""

    reason: str
    detail: str = ""
    signals: Signals | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Keep:
    """A per-record verdict: keep this conversation (possibly rewritten), with the
    signals the step measured. A bare Conversation means the same, without signals."""

    conversation: Conversation
    signals: Signals | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Trim:
    """A per-record verdict: keep ``conversation``, a prefix of the turns of ``full``
    (default: the conversation as the step received it), because the rest was bad
    for ``reason``; what was cut is recorded in the step's ``trimmed`` table."""

    conversation: Conversation
    reason: str
    detail: str = ""
    signals: Signals | None = field(default=None, compare=False)
    full: Conversation | None = field(default=None, compare=False)


Verdict = Conversation | Keep | Trim | Drop


def outcome(verdict: Verdict) -> tuple[Conversation | None, str | None]:
    """(the kept conversation or None, the removal/trim reason or None)."""
    if isinstance(verdict, Drop):
        return None, verdict.reason
    if isinstance(verdict, Trim):
        return verdict.conversation, verdict.reason
    if isinstance(verdict, Keep):
        return verdict.conversation, None
    return verdict, None


# json.dumps(signals, ensure_ascii=False, sort_keys=True, separators=(",", ":")) without
# building an encoder per call (half its cost for a record's signals): the C encoder
# json.dumps itself uses, made once (no circular-reference check: signals are trees).
_ENCODE = c_make_encoder and c_make_encoder(None, json.JSONEncoder().default,
                                            encode_basestring, None, ":", ",", True, False,
                                            True)


def signals_json(signals: Signals) -> str:
    """Canonical JSON (sorted keys, no ASCII escapes): equal signals, equal bytes."""
    if _ENCODE:
        return "".join(_ENCODE(signals, 0))
    return json.dumps(signals, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def signal_rows(table: pl.DataFrame, rows: list[int], values: list[str]) -> pl.DataFrame:
    """A ``signals`` table for the given rows of ``table`` (JSON strings)."""
    if not rows:
        return empty_signals()
    picked = table.select("id", "source", "source_index")[rows]
    return picked.with_columns(pl.Series("step", [None] * len(rows), dtype=pl.String),
                               pl.Series("signals", values, dtype=pl.String)
                               ).select(list(SIGNALS_SCHEMA))


def removed_rows(table: pl.DataFrame, reasons: list[str], details: list[str],
                 duplicate_of: list[str | None] | None = None) -> pl.DataFrame:
    """Annotate the rows of ``table`` (already filtered to the removed ones)."""
    n = table.height
    return table.with_columns(
        pl.Series("step", [None] * n, dtype=pl.String),
        pl.Series("reason", reasons, dtype=pl.String),
        pl.Series("detail", details, dtype=pl.String),
        pl.Series("duplicate_of", duplicate_of or [None] * n, dtype=pl.String),
    ).select(list(REMOVED_SCHEMA))


class Step:
    """Base class: subclasses are dataclasses whose fields are the recipe parameters."""

    name: ClassVar[str]

    def __call__(self, table: pl.DataFrame) -> StepResult:
        raise NotImplementedError

    def preflight(self) -> None:
        """Fail before any data is loaded if the step cannot run (missing files)."""

    def warm(self) -> None:
        """Do the set-up the step would do on its first call (imports, derived
        parameters): the local executor calls it while its workers are busy, before
        the step runs in the driver with them idle."""

    def for_sample(self) -> Step:
        """This step as it should run on the embedded sample (e.g. against shipped
        fixtures instead of downloaded files); most steps run unchanged."""
        return self


class PhasedStep(Step):
    """A whole-table step whose judging is per record: :meth:`record_phase` judges each
    row on its own (it may remove rows, and tag kept ones with private ``_`` columns), so
    executors run it on batches; :meth:`finish` then completes the step once, over that
    part's merged result (a share cap over the whole output, stats over every match).
    ``__call__`` is the two in a row, so one process and many give the same result."""

    def record_phase(self) -> Step:
        raise NotImplementedError

    def finish(self, partial: StepResult) -> StepResult:
        """The step's result from its record phase's (all batches merged, table order)."""
        raise NotImplementedError

    def __call__(self, table: pl.DataFrame) -> StepResult:
        return self.finish(self.record_phase()(table))


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector off for a per-record loop: the table's conversations,
    ~10 Python objects each, live through it and the collector would walk them again and
    again (a fifth of turn_repair's time) though they hold no cycles; reference counting
    frees them all the same, and the collector runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class RecordStep(Step):
    """A step that judges or rewrites each conversation on its own.

    Subclasses implement :meth:`process`; rows keep their ``id`` (the content
    hash taken at load time) so a record can be followed across versions.
    """

    def process(self, conv: Conversation, stats: Counter[str]) -> Verdict:
        raise NotImplementedError

    def __call__(self, table: pl.DataFrame) -> StepResult:
        return self.judge_rows(table)[0]

    def judge_rows(self, table: pl.DataFrame, rows: list[Conversation] | None = None,
                   ) -> tuple[StepResult, list[Conversation]]:
        """The step, and its kept rows as conversations: what a next per-record step
        over the same batch would otherwise convert from Arrow again (~1 s per step
        for 170K records). ``rows``: the table's conversations, when already made."""
        with _no_cycle_collection():
            return self._judge(table, conversations(table) if rows is None else rows)

    def _judge(self, table: pl.DataFrame, rows: list[Conversation],
               ) -> tuple[StepResult, list[Conversation]]:
        stats: Counter[str] = Counter()
        keep = []
        source_row: list[int] = []  # per kept row: its table row, or n + k for the k-th change
        new_systems: list[str | None] = []
        new_messages: list[list[dict[str, str]]] = []
        reasons: list[str] = []
        details: list[str] = []
        trims: list[tuple[int, str, str, list[dict[str, str]]]] = []
        signal_at: list[int] = []
        signal_values: list[str] = []
        kept_rows: list[Conversation] = []
        for i, conv in enumerate(tqdm(rows, desc=self.name, unit="rec", leave=False,
                                      disable=None)):
            verdict = self.process(conv, stats)
            signals = getattr(verdict, "signals", None)
            if signals is not None:
                signal_at.append(i)
                signal_values.append(signals_json(signals))
            if isinstance(verdict, Drop):
                keep.append(False)
                reasons.append(verdict.reason)
                details.append(verdict.detail)
                continue
            out, _ = outcome(verdict)
            assert out is not None
            if isinstance(verdict, Trim):
                full = (verdict.full or conv)["messages"]
                trims.append((i, verdict.reason, verdict.detail,
                              list(full[len(out["messages"]):])))
            keep.append(True)
            if out == conv:
                source_row.append(i)
                kept_rows.append(conv)
                continue
            source_row.append(table.height + len(new_messages))
            new_systems.append(out["system"])
            new_messages.append(list(out["messages"]))
            kept_rows.append({"system": out["system"],  # as the table holds it
                              "messages": [{"role": m["role"], "content": m["content"]}
                                           for m in out["messages"]]})
        mask = pl.Series(keep, dtype=pl.Boolean)
        kept = table.filter(mask)
        if new_messages:
            # Only changed rows go back through Python -> Arrow: the rest are gathered from
            # the input columns as they are (most steps change a few percent of rows).
            order = pl.Series(source_row, dtype=pl.Int64)
            kept = kept.with_columns(
                pl.concat([table["system"], pl.Series("system", new_systems, dtype=pl.String)])
                .gather(order),
                pl.concat([table["messages"], messages_series(new_messages)]).gather(order),
            )
        removed = removed_rows(table.filter(~mask), reasons, details)
        stats.update(f"removed:{r}" for r in reasons)
        stats.update(f"trimmed:{r}" for _, r, _, _ in trims)
        return StepResult(kept, removed, len(new_messages), dict(sorted(stats.items())),
                          trimmed_rows(table, trims), signal_rows(table, signal_at,
                                                                   signal_values)), kept_rows


def trimmed_rows(table: pl.DataFrame,
                 trims: list[tuple[int, str, str, list[dict[str, str]]]]) -> pl.DataFrame:
    """The ``trimmed`` table: (row of ``table``, reason, detail, cut messages) each."""
    if not trims:
        return empty_trimmed()
    picked = table.select("id", "source", "source_index")[[t[0] for t in trims]]
    return picked.with_columns(
        pl.Series("step", [None] * len(trims), dtype=pl.String),
        pl.Series("reason", [t[1] for t in trims], dtype=pl.String),
        pl.Series("detail", [t[2] for t in trims], dtype=pl.String),
        messages_series([t[3] for t in trims]).alias("cut"),
    ).select(list(TRIMMED_SCHEMA))
