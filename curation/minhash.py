"""MinHash signatures for many documents at once, as a numpy matrix.

One-permutation hashing: every shingle is hashed once (64 bits); its low bits
pick one of ``num_perm`` bins and its high 32 bits are the value; a document's
signature is the minimum value per bin. Empty bins (documents with few
shingles) are filled by optimal densification: bin i copies the first non-empty
bin in a fixed random probe order that is the same for every document, so
``P[sig_a[i] == sig_b[i]]`` stays the Jaccard similarity. The cost is one hash
per shingle instead of ``num_perm``, which is what makes the step fast.

Shingles: character n-grams (default for Chinese: no spaces to split words
on, and 5 characters is about two words) or word n-grams (ASCII letter/digit runs, for
English). A text shorter than n is one shingle of itself; an empty text has
no shingles and gets no signature.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import xxhash

EMPTY = np.uint32(0xFFFFFFFF)
_MULT = np.uint64(0x100000001B3)  # FNV-1a 64-bit prime, as the polynomial base
# ASCII words: in Chinese text \w+ would match whole clauses, which are not words.
_WORD = re.compile(r"[A-Za-z0-9]+")


def _mix(h: np.ndarray, seed: int) -> np.ndarray:
    """splitmix64 finalizer (in place): turns the polynomial into a well-spread hash."""
    h ^= np.uint64((seed * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF)
    h ^= h >> np.uint64(30)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(27)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(31)
    return h


@cache
def _space_table() -> np.ndarray:
    """``table[c]``: is code point c whitespace to ``str.split()``; the last entry (past
    the highest such code point) is False and stands for every code point above it."""
    points = np.concatenate([np.arange(0xD800, dtype=np.uint32),  # all but surrogates
                             np.arange(0xE000, 0x110000, dtype=np.uint32)])
    text = points.tobytes().decode("utf-32-le")
    word = np.zeros(len(text), dtype=bool)
    at = 0
    for w in text.split():  # the runs between whitespace, in order
        at = text.index(w, at)
        word[at:at + len(w)] = True
        at += len(w)
    spaces = points[~word]
    table = np.zeros(int(spaces[-1]) + 2, dtype=bool)
    table[spaces] = True
    return table


# Texts are hashed in batches of about this many characters, so that the temporaries
# stay cache-sized (measured: 8M-character batches are 4x slower than 500K ones,
# and 64K ones, whose uint64 temporaries fit in L2, 1.4x faster than 500K).
CHUNK_CHARS = 64_000


def chunks(texts: Sequence[str], limit: int = CHUNK_CHARS) -> Iterator[tuple[int, int]]:
    """(lo, hi) ranges of ``texts`` holding about ``limit`` characters each."""
    start, size = 0, 0
    for i, t in enumerate(texts):
        size += len(t)
        if size >= limit:
            yield start, i + 1
            start, size = i + 1, 0
    if start < len(texts):
        yield start, len(texts)


@dataclass(frozen=True)
class Shingler:
    ngram: int = 5
    kind: str = "char"  # "char" | "word"
    seed: int = 1

    def __post_init__(self) -> None:
        if self.kind not in ("char", "word"):
            raise ValueError(f"shingle kind must be 'char' or 'word', not {self.kind!r}")
        if self.ngram < 1:
            raise ValueError("ngram must be >= 1")

    def units(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """All documents' units concatenated, and lengths: code points (uint32) of
        ``"".join(text.split())`` (whitespace dropped), or word hashes (uint64)."""
        if self.kind == "char":
            lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
            points = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
            table = _space_table()
            space = table[np.minimum(points, np.uint32(len(table) - 1))]
            at = np.flatnonzero(space)
            if len(at):
                doc = np.searchsorted(np.cumsum(lengths), at, side="right")
                lengths = lengths - np.bincount(doc, minlength=len(texts))
                points = points[~space]
            return points, lengths
        words = [_WORD.findall(t.lower()) for t in texts]
        lengths = np.fromiter((len(w) for w in words), dtype=np.int64, count=len(words))
        units = np.fromiter((xxhash.xxh3_64_intdigest(w.encode()) for ws in words for w in ws),
                            dtype=np.uint64, count=int(lengths.sum()))
        return units, lengths

    def hashes(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(shingle hashes, owning document index), documents in order."""
        parts = [(lo, *self._hashes(texts[lo:hi])) for lo, hi in chunks(texts)]
        if len(parts) == 1:
            return parts[0][1], parts[0][2]
        if not parts:
            return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
        return (np.concatenate([h for _, h, _ in parts]),
                np.concatenate([owner + lo for lo, _, owner in parts]))

    def _hashes(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        units, lengths = self.units(texts)
        n = self.ngram
        starts = np.zeros(len(lengths), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        if len(units) >= n:
            windows = len(units) - n + 1
            h = units[:windows].astype(np.uint64)
            for k in range(1, n):
                h *= _MULT
                h += units[k: windows + k]
            # Keep the windows inside one document: start .. start + len - n, i.e. drop
            # those starting at a document's last n - 1 units.
            inside = np.ones(windows, dtype=bool)
            ends = starts + lengths
            for k in range(1, n):
                tail = ends[lengths >= k] - k
                inside[tail[tail < windows]] = False
            h = h[inside]
            owner = np.repeat(np.arange(len(lengths)), np.maximum(lengths - n + 1, 0))
        else:
            h = np.empty(0, dtype=np.uint64)
            owner = np.empty(0, dtype=np.int64)
        short = np.flatnonzero((lengths > 0) & (lengths < n))
        if len(short):
            # A text shorter than n is one shingle: its whole unit sequence.
            extra = np.empty(len(short), dtype=np.uint64)
            for i, d in enumerate(short):
                seq = units[starts[d]: starts[d] + lengths[d]].astype(np.uint64)
                extra[i] = xxhash.xxh3_64_intdigest(seq.tobytes())
            h = np.concatenate([h, extra])
            owner = np.concatenate([owner, short])
            order = np.argsort(owner, kind="stable")
            h, owner = h[order], owner[order]
        return _mix(h, self.seed), owner


@dataclass(frozen=True)
class Signer:
    """Documents -> ``(n_docs, num_perm)`` uint32 signatures. Empty bins hold
    ``EMPTY``; a row of an empty text is all ``EMPTY``."""

    shingler: Shingler
    num_perm: int = 128
    chunk_chars: int = CHUNK_CHARS

    def sign(self, texts: Sequence[str]) -> np.ndarray:
        sig = np.full((len(texts), self.num_perm), EMPTY, dtype=np.uint32)
        for lo, hi in chunks(texts, self.chunk_chars):
            h, owner = self.shingler._hashes(texts[lo:hi])
            if self.num_perm & (self.num_perm - 1) == 0:  # a power of two: the low bits
                bins = (h & np.uint64(self.num_perm - 1)).astype(np.int64)
            else:
                bins = (h % np.uint64(self.num_perm)).astype(np.int64)
            values = (h >> np.uint64(32)).astype(np.uint32)
            bins += owner * self.num_perm
            np.minimum.at(sig[lo:hi].reshape(-1), bins, values)  # a view: rows are contiguous
        return sig


def jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> np.ndarray:
    """Row-wise Jaccard estimate: equal bins among bins non-empty in either row
    (the one-permutation estimator, unbiased without densification)."""
    used = (sig_a != EMPTY) | (sig_b != EMPTY)
    equal = (sig_a == sig_b) & used
    return equal.sum(axis=1) / np.maximum(used.sum(axis=1), 1)


def densify(sig: np.ndarray) -> np.ndarray:
    """Fill empty bins by rotation (next non-empty bin to the right, circularly,
    plus an offset per step) so that every bin can join an LSH band. Used for
    candidate generation only; pairs are verified with :func:`jaccard`."""
    k = sig.shape[1]
    filled = sig != EMPTY
    if filled.all():
        return sig
    out = sig.copy()
    rows = np.flatnonzero(filled.any(axis=1) & ~filled.all(axis=1))
    sub, mask = sig[rows], filled[rows]
    pos = np.where(np.concatenate([mask, mask], axis=1), np.arange(2 * k, dtype=np.int16),
                   np.int16(2 * k))
    nxt = np.minimum.accumulate(pos[:, ::-1], axis=1)[:, ::-1][:, :k]  # next filled >= b
    dist = (nxt - np.arange(k)).astype(np.uint32)
    src = np.take_along_axis(sub, nxt % k, axis=1)
    out[rows] = np.where(mask, sub, src + dist * np.uint32(0x9E3779B1))
    return out
