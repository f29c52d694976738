"""LSH banding over a signature matrix, verified pairs, connected components.

Bands and rows come from the threshold (datasketch's optimal-parameter
computation, which balances false positives and negatives), never hand-tuned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from curation.minhash import CHUNK_CHARS, EMPTY, Shingler, densify

FULL_BUCKET = 32  # buckets up to this size yield all pairs; bigger ones a star + chain


@cache  # a numerical integration per (bands, rows) choice: worth computing once
def bands_rows(threshold: float, num_perm: int, false_negative_weight: float = 0.95,
               ) -> tuple[int, int]:
    from datasketch.lsh import _optimal_param  # imports scipy (~0.4 s): not at import

    return _optimal_param(threshold, num_perm, 1 - false_negative_weight, false_negative_weight)


def unique_sorted(values: np.ndarray) -> np.ndarray:
    """``np.unique`` of a 1-d array by sorting (numpy 2's hash-based unique is ~30x
    slower on millions of int64 pair codes)."""
    s = np.sort(values)
    if len(s) < 2:
        return s
    keep = np.empty(len(s), dtype=bool)
    keep[0] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    return s[keep]


def _band_keys(sig: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """(n_docs, bands) uint64 keys: a hash of each band's values."""
    keys = np.zeros((sig.shape[0], bands), dtype=np.uint64)
    for b in range(bands):
        k = np.zeros(sig.shape[0], dtype=np.uint64)
        for r in range(rows):
            k *= np.uint64(0x100000001B3)
            k ^= sig[:, b * rows + r].astype(np.uint64)
        keys[:, b] = k
    return keys


def bucket_pairs(keys: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """Pairs (as i * 2**32 + j, i < j) of documents sharing a key in one band.

    A bucket's pairs are a function of its members only (all pairs up to
    ``FULL_BUCKET`` members, a star on the smallest id plus a chain beyond), so
    the candidate set is the same however the (key, doc) rows are partitioned,
    as long as each band's bucket is seen whole (the Ray executor relies on it)."""
    order = np.argsort(keys)  # a bucket's pairs do not depend on its members' order
    k, d = keys[order], docs[order]
    starts = np.flatnonzero(np.concatenate([[True], k[1:] != k[:-1]]))
    sizes = np.diff(np.append(starts, len(k)))
    out = []
    small = sizes[(sizes > 1) & (sizes <= FULL_BUCKET)]
    for size in np.unique(small):
        firsts = starts[sizes == size]
        iu, ju = np.triu_indices(int(size), 1)
        a, b = d[firsts[:, None] + iu], d[firsts[:, None] + ju]
        out.append(np.minimum(a, b).ravel() * (1 << 32) + np.maximum(a, b).ravel())
    for start, size in zip(starts[sizes > FULL_BUCKET], sizes[sizes > FULL_BUCKET], strict=True):
        members = np.sort(d[start:start + size])  # star on the first, and a chain
        a = np.concatenate([np.full(size - 1, members[0]), members[1:-1]])
        b = np.concatenate([members[1:], members[2:]])
        out.append(a * (1 << 32) + b)
    return np.concatenate(out) if out else np.empty(0, dtype=np.int64)


def _set_codes(h: np.ndarray, owner: np.ndarray, docs: int) -> tuple[np.ndarray, int]:
    """Each document's shingle set as sorted unique codes ``owner << shift | hash part``,
    and ``shift``. The part is the hash's high ``shift`` bits, which identify it exactly
    unless two different hashes here share them (checked; then a dense label instead)."""
    drop = np.uint64(docs.bit_length())  # owner < 2**drop
    shift = 64 - int(drop)
    part = h >> drop
    ordered = np.sort(h)
    if ((ordered[1:] >> drop == ordered[:-1] >> drop) & (ordered[1:] != ordered[:-1])).any():
        part = np.unique(h, return_inverse=True)[1].reshape(-1).astype(np.uint64)
    return unique_sorted((owner.astype(np.uint64) << np.uint64(shift)) | part), shift


def _segments(starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The indices ``starts[k] .. starts[k] + sizes[k] - 1`` of every k, concatenated."""
    ends = np.cumsum(sizes)
    return np.arange(ends[-1] if len(ends) else 0) + np.repeat(starts - (ends - sizes), sizes)


def _pair_chunks(texts: Sequence[str], i: np.ndarray, j: np.ndarray, chunk_pairs: int,
                 chunk_chars: int) -> list[tuple[int, int]]:
    """(lo, hi) ranges of the pairs with at most ``chunk_pairs`` pairs and (but for a
    single pair) about ``chunk_chars`` characters of their two texts each."""
    chars = np.fromiter((len(texts[a]) + len(texts[b]) for a, b in
                         zip(i.tolist(), j.tolist(), strict=True)), np.int64, len(i))
    total = np.cumsum(chars)
    cuts, lo = [], 0
    while lo < len(i):
        hi = int(np.searchsorted(total, (total[lo - 1] if lo else 0) + chunk_chars, "right"))
        hi = min(max(hi, lo + 1), lo + chunk_pairs)
        cuts.append((lo, hi))
        lo = hi
    return cuts


def exact_jaccard(shingler: Shingler, texts: Sequence[str], i: np.ndarray,
                  j: np.ndarray, chunk_pairs: int = 10_000, chunk_chars: int = CHUNK_CHARS,
                  ) -> np.ndarray:
    """Exact Jaccard of the shingle (hash) sets of each pair (i[k], j[k]).

    Pairs are taken in chunks so only the shingles of one chunk's documents are in
    memory at a time, and in cache (measured: chunks of 64K characters 2-3x faster than
    of 10,000 pairs). Within a chunk, each document's set is a sorted
    run of (document, hash) codes, and a pair's intersection is how many codes of its
    smaller set, moved to the other document, are found in that one's run.
    """
    out = np.empty(len(i))
    for lo, hi in _pair_chunks(texts, i, j, chunk_pairs, chunk_chars):
        ci, cj = i[lo:hi], j[lo:hi]
        docs = unique_sorted(np.concatenate([ci, cj]))
        h, owner = shingler.hashes([texts[d] for d in docs])
        codes, shift = _set_codes(h, owner, len(docs))
        bounds = np.searchsorted(codes >> np.uint64(shift),
                                 np.arange(len(docs) + 1, dtype=np.uint64))
        sizes = np.diff(bounds)
        a, b = np.searchsorted(docs, ci), np.searchsorted(docs, cj)
        small, other = np.where(sizes[a] <= sizes[b], a, b), np.where(sizes[a] <= sizes[b], b, a)
        probe = codes[_segments(bounds[small], sizes[small])] & np.uint64((1 << shift) - 1)
        probe |= np.repeat(other.astype(np.uint64) << np.uint64(shift), sizes[small])
        at = np.minimum(np.searchsorted(codes, probe), len(codes) - 1)
        hit = codes[at] == probe
        inter = np.bincount(np.repeat(np.arange(len(ci)), sizes[small])[hit],
                            minlength=len(ci))
        out[lo:hi] = inter / (sizes[a] + sizes[b] - inter)
    return out


@dataclass
class NearDuplicates:
    labels: np.ndarray  # component id per document (singletons included)
    pairs: np.ndarray  # (m, 2) verified pairs
    similarity: np.ndarray  # Jaccard of each verified pair (estimated or exact)
    candidates: int
    bands: int
    rows: int


def band_keys(sig: np.ndarray, bands: int, rows: int, chunk_rows: int = 4_096,
              ) -> tuple[np.ndarray, np.ndarray]:
    """(rows of ``sig`` that have a signature, their (n, bands) band keys). A row's
    keys depend on that row only, so they can be computed block by block."""
    present = np.flatnonzero((sig != EMPTY).any(axis=1))
    keys = np.empty((len(present), bands), dtype=np.uint64)
    # densify's temporaries stay in cache (measured: 4K-row blocks 4x faster than 64K)
    for lo in range(0, len(present), chunk_rows):
        rows_ = present[lo:lo + chunk_rows]
        keys[lo:lo + len(rows_)] = _band_keys(densify(sig[rows_]), bands, rows)
    return present.astype(np.int64), keys


def split_pairs(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pair codes (i * 2**32 + j) as the arrays (i, j)."""
    return (codes >> 32).astype(np.int64), (codes & 0xFFFFFFFF).astype(np.int64)


def candidates(present: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unique pairs (i < j) of the rows ``present`` that share a band key, sorted."""
    return split_pairs(unique_sorted(np.concatenate(
        [bucket_pairs(keys[:, b], present) for b in range(keys.shape[1])]
        or [np.empty(0, dtype=np.int64)])))


_POPCOUNT = np.array([bin(x).count("1") for x in range(256)], dtype=np.uint8)


def estimates(sig: np.ndarray, i: np.ndarray, j: np.ndarray, chunk: int = 8_192,
              ) -> np.ndarray:
    """:func:`curation.minhash.jaccard` of the rows ``sig[i[k]]`` and ``sig[j[k]]``, the
    same numbers, cheaper: (equal bins - bins empty in both) / (bins - bins empty in
    both), the empty bins as packed bits. Pairs go in chunks whose rows stay in cache."""
    sig = np.ascontiguousarray(sig)
    k = sig.shape[1]
    rows = sig.view(np.dtype((np.void, sig.itemsize * k))).reshape(len(sig))
    empty = np.packbits(sig == EMPTY, axis=1)
    count = np.uint8 if k < 256 else np.int64  # sums of k ones
    out = np.empty(len(i))
    for lo in range(0, len(i), chunk):
        ci, cj = i[lo:lo + chunk], j[lo:lo + chunk]
        a = rows[ci].view(sig.dtype).reshape(len(ci), k)
        b = rows[cj].view(sig.dtype).reshape(len(cj), k)
        equal = np.add.reduce((a == b).view(np.uint8), axis=1, dtype=count).astype(np.int64)
        both = np.add.reduce(_POPCOUNT[empty[ci] & empty[cj]], axis=1,
                             dtype=count).astype(np.int64)
        out[lo:lo + len(ci)] = (equal - both) / np.maximum(k - both, 1)
    return out


def verify(sig: np.ndarray, i: np.ndarray, j: np.ndarray, threshold: float, *,
           exact: tuple[Shingler, Sequence[str]] | None = None, prefilter_margin: float = 0.3,
           verify_chunk: int = 1_000_000) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidate pairs (i[k], j[k]) of rows of ``sig`` whose Jaccard is >= threshold:
    (i, j, similarity) of those, in the given order. Each pair's verdict depends on its
    two documents only. ``exact=(shingler, texts)`` verifies on exact shingle sets the
    pairs whose signature estimate is within ``prefilter_margin`` of the threshold
    (the estimate's error is ~0.05 for long texts to ~0.1 for short prompts: pairs
    further below are not worth an exact check)."""
    sims = estimates(sig, i, j, min(verify_chunk, 8_192))
    if exact is not None:
        near = sims >= threshold - prefilter_margin
        i, j = i[near], j[near]
        sims = exact_jaccard(exact[0], exact[1], i, j)
    ok = sims >= threshold
    return i[ok], j[ok], sims[ok]


def warm() -> None:
    """Import what :func:`components` needs."""
    import scipy.sparse.csgraph  # noqa: F401


def components(pairs: np.ndarray, n: int) -> np.ndarray:
    """Component id per document (0..n-1) of the graph with edges ``pairs`` (m, 2)."""
    from scipy.sparse import coo_matrix  # not at import: the workers, which never
    from scipy.sparse.csgraph import connected_components  # need it, saved 0.2 s each

    graph = coo_matrix((np.ones(len(pairs), dtype=np.int8), (pairs[:, 0], pairs[:, 1])),
                       shape=(n, n))
    return connected_components(graph, directed=False)[1]


def find(sig: np.ndarray, threshold: float, *, false_negative_weight: float = 0.95,
         exact: tuple[Shingler, Sequence[str]] | None = None, prefilter_margin: float = 0.3,
         verify_chunk: int = 1_000_000,
         keyed: tuple[np.ndarray, np.ndarray] | None = None) -> NearDuplicates:
    """Clusters of documents whose Jaccard similarity is >= threshold.

    Every candidate pair is verified, so false positives of the banding cost
    only time: the band/row choice weights false negatives by default (0.95),
    which gives ~0.95 candidate recall at exactly the threshold instead of ~0.4.
    ``exact=(shingler, texts)`` verifies on exact shingle sets instead of the
    signature estimate, for the pairs whose estimate is within
    ``prefilter_margin`` of the threshold. ``keyed``: :func:`band_keys` of ``sig``,
    when already computed (by blocks, elsewhere).
    """
    n, k = sig.shape
    bands, rows = bands_rows(threshold, k, false_negative_weight)
    i, j = candidates(*(keyed or band_keys(sig, bands, rows)))
    vi, vj, sims = verify(sig, i, j, threshold, exact=exact,
                          prefilter_margin=prefilter_margin, verify_chunk=verify_chunk)
    pairs = np.stack([vi, vj], axis=1)
    return NearDuplicates(components(pairs, n), pairs, sims, len(i), bands, rows)
